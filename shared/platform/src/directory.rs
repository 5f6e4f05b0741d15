//! Cognito: accounts are created here with their own message suppressed (Nestling sends its
//! own invitation), passwords are set when an invitation is accepted, and revoked people are
//! signed out everywhere.

use aws_sdk_cognitoidentityprovider::types::{AttributeType, MessageActionType};
use aws_sdk_cognitoidentityprovider::Client;
use nestling_domain::UserId;

#[derive(Debug, thiserror::Error)]
pub enum DirectoryError {
    #[error("the password does not meet the policy")]
    InvalidPassword,
    #[error("no such account")]
    NoSuchUser,
    /// Cognito does not take the address as a username (it is stricter than RFC 5322).
    #[error("the directory refuses this email address")]
    AddressRefused,
    /// The account's `sub` is not an id Nestling can hold (Cognito's are UUIDs).
    #[error("the account's sub is not a user id")]
    BadSub,
    /// Cognito did not accept the caller's access token (expired, signed out, not its own).
    #[error("the access token was refused")]
    TokenRefused,
    #[error("directory unavailable: {0}")]
    Unavailable(String),
}

/// The answer to an authenticator code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeCheck {
    Accepted,
    Wrong,
}

impl From<DirectoryError> for crate::http::Problem {
    fn from(error: DirectoryError) -> Self {
        match error {
            DirectoryError::InvalidPassword => crate::http::Problem::from(nestling_domain::ValueError::WeakPassword),
            DirectoryError::NoSuchUser => crate::http::Problem::internal("directory", "account missing"),
            DirectoryError::AddressRefused => crate::http::Problem::invalid("email: this address cannot be used for a sign-in; check it"),
            DirectoryError::BadSub => crate::http::Problem::internal("directory", "the account's sub is not a user id"),
            DirectoryError::TokenRefused => crate::http::Problem::unauthenticated(),
            DirectoryError::Unavailable(e) => crate::http::Problem::unavailable("directory", e),
        }
    }
}

/// A Cognito account: `sub` is Nestling's user id, `username` what admin calls take.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    pub sub: UserId,
    pub username: String,
}

#[derive(Clone)]
pub struct Directory {
    client: Client,
    pool_id: String,
}

fn unavailable(e: impl std::error::Error + Send + Sync + 'static) -> DirectoryError {
    DirectoryError::Unavailable(aws_sdk_cognitoidentityprovider::error::DisplayErrorContext(e).to_string())
}

impl Directory {
    pub fn new(client: Client, pool_id: String) -> Self {
        Self { client, pool_id }
    }
    pub fn client(&self) -> &Client {
        &self.client
    }

    /// Starts enrolling an authenticator for the owner of `access_token`: the secret to show
    /// them (as a QR code). Cognito keeps it until a code from it is verified.
    pub async fn associate_totp(&self, access_token: &str) -> Result<String, DirectoryError> {
        use aws_sdk_cognitoidentityprovider::operation::associate_software_token::AssociateSoftwareTokenError as E;
        match self.client.associate_software_token().access_token(access_token).send().await {
            Ok(out) => out.secret_code().map(str::to_string).ok_or_else(|| DirectoryError::Unavailable("no secret in the answer".into())),
            Err(e) => Err(match e.as_service_error() {
                Some(E::NotAuthorizedException(_)) => DirectoryError::TokenRefused,
                _ => unavailable(e),
            }),
        }
    }

    /// Checks a code from the authenticator being enrolled and, when right, makes it the
    /// account's MFA: from then on every sign-in asks for a code.
    pub async fn confirm_totp(&self, access_token: &str, code: &str) -> Result<CodeCheck, DirectoryError> {
        use aws_sdk_cognitoidentityprovider::operation::verify_software_token::VerifySoftwareTokenError as E;
        use aws_sdk_cognitoidentityprovider::types::{SoftwareTokenMfaSettingsType, VerifySoftwareTokenResponseType};
        let verified =
            self.client.verify_software_token().access_token(access_token).user_code(code).friendly_device_name("Nestling").send().await;
        match verified {
            Ok(out) if out.status() == Some(&VerifySoftwareTokenResponseType::Success) => {}
            Ok(_) => return Ok(CodeCheck::Wrong),
            Err(e) => {
                return match e.as_service_error() {
                    // Cognito answers a wrong code with either, depending on the flow.
                    Some(E::CodeMismatchException(_) | E::EnableSoftwareTokenMfaException(_)) => Ok(CodeCheck::Wrong),
                    Some(E::NotAuthorizedException(_)) => Err(DirectoryError::TokenRefused),
                    _ => Err(unavailable(e)),
                };
            }
        }
        let totp = SoftwareTokenMfaSettingsType::builder().enabled(true).preferred_mfa(true).build();
        self.client.set_user_mfa_preference().access_token(access_token).software_token_mfa_settings(totp).send().await.map_err(
            |e| match e.as_service_error() {
                Some(
                    aws_sdk_cognitoidentityprovider::operation::set_user_mfa_preference::SetUserMFAPreferenceError::NotAuthorizedException(
                        _,
                    ),
                ) => DirectoryError::TokenRefused,
                _ => unavailable(e),
            },
        )?;
        Ok(CodeCheck::Accepted)
    }

    /// Creates the account, or finds it when an earlier attempt created it already (a
    /// retried request), so this step is safe to repeat.
    pub async fn ensure_account(&self, email: &str, name: &str) -> Result<Account, DirectoryError> {
        use aws_sdk_cognitoidentityprovider::operation::admin_create_user::AdminCreateUserError;
        let attribute = |n: &str, v: &str| AttributeType::builder().name(n).value(v).build().expect("name is set");
        let created = self
            .client
            .admin_create_user()
            .user_pool_id(&self.pool_id)
            .username(email)
            .message_action(MessageActionType::Suppress)
            .user_attributes(attribute("email", email))
            .user_attributes(attribute("email_verified", "true"))
            .user_attributes(attribute("name", name))
            .send()
            .await;
        match created {
            Ok(output) => {
                let user = output.user.ok_or_else(|| DirectoryError::Unavailable("no user returned".into()))?;
                let sub = user
                    .attributes()
                    .iter()
                    .find(|a| a.name() == "sub")
                    .and_then(|a| a.value())
                    .ok_or_else(|| DirectoryError::Unavailable("no sub returned".into()))
                    .and_then(|sub| UserId::parse(sub).map_err(|_| DirectoryError::BadSub))?;
                Ok(Account { sub, username: user.username.unwrap_or_else(|| email.to_string()) })
            }
            Err(e) if matches!(e.as_service_error(), Some(AdminCreateUserError::UsernameExistsException(_))) => self.find(email).await,
            // Found by the API fuzzer: an address our parser takes (RFC 5322 allows `*`, `'`
            // and a backtick) that Cognito refuses was a 503.
            Err(e) if matches!(e.as_service_error(), Some(AdminCreateUserError::InvalidParameterException(_))) => {
                Err(DirectoryError::AddressRefused)
            }
            Err(e) => Err(unavailable(e)),
        }
    }

    pub async fn find(&self, username: &str) -> Result<Account, DirectoryError> {
        use aws_sdk_cognitoidentityprovider::operation::admin_get_user::AdminGetUserError;
        match self.client.admin_get_user().user_pool_id(&self.pool_id).username(username).send().await {
            Ok(output) => {
                let sub = output
                    .user_attributes()
                    .iter()
                    .find(|a| a.name() == "sub")
                    .and_then(|a| a.value())
                    .ok_or(DirectoryError::NoSuchUser)
                    .and_then(|sub| UserId::parse(sub).map_err(|_| DirectoryError::BadSub))?;
                Ok(Account { sub, username: output.username })
            }
            Err(e) if matches!(e.as_service_error(), Some(AdminGetUserError::UserNotFoundException(_))) => Err(DirectoryError::NoSuchUser),
            Err(e) => Err(unavailable(e)),
        }
    }

    /// Whether the account already has a password of its own (Cognito status CONFIRMED).
    /// Accounts Nestling created and nobody has claimed yet have none.
    pub async fn has_password(&self, username: &str) -> Result<bool, DirectoryError> {
        use aws_sdk_cognitoidentityprovider::operation::admin_get_user::AdminGetUserError;
        use aws_sdk_cognitoidentityprovider::types::UserStatusType;
        match self.client.admin_get_user().user_pool_id(&self.pool_id).username(username).send().await {
            Ok(output) => Ok(matches!(output.user_status, Some(UserStatusType::Confirmed))),
            Err(e) if matches!(e.as_service_error(), Some(AdminGetUserError::UserNotFoundException(_))) => Err(DirectoryError::NoSuchUser),
            Err(e) => Err(unavailable(e)),
        }
    }

    pub async fn set_password(&self, username: &str, password: &str) -> Result<(), DirectoryError> {
        use aws_sdk_cognitoidentityprovider::operation::admin_set_user_password::AdminSetUserPasswordError;
        let result = self
            .client
            .admin_set_user_password()
            .user_pool_id(&self.pool_id)
            .username(username)
            .password(password)
            .permanent(true)
            .send()
            .await;
        match result {
            Ok(_) => Ok(()),
            Err(e) => match e.as_service_error() {
                Some(AdminSetUserPasswordError::InvalidPasswordException(_)) => Err(DirectoryError::InvalidPassword),
                Some(AdminSetUserPasswordError::UserNotFoundException(_)) => Err(DirectoryError::NoSuchUser),
                _ => Err(unavailable(e)),
            },
        }
    }

    /// Invalidates every refresh token the person holds. Access tokens still verify until
    /// they expire; Nestling's per-request check of the table is what refuses them.
    pub async fn sign_out_everywhere(&self, username: &str) -> Result<(), DirectoryError> {
        use aws_sdk_cognitoidentityprovider::operation::admin_user_global_sign_out::AdminUserGlobalSignOutError;
        match self.client.admin_user_global_sign_out().user_pool_id(&self.pool_id).username(username).send().await {
            Ok(_) => Ok(()),
            Err(e) if matches!(e.as_service_error(), Some(AdminUserGlobalSignOutError::UserNotFoundException(_))) => Ok(()),
            Err(e) => Err(unavailable(e)),
        }
    }
}

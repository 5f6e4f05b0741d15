//! Accounts: liveness, who am I, accepting an invitation, and enrolling an authenticator.

pub mod problems;
pub mod push;
use lambda_http::{Body, Request, Response};
use nestling_domain::journal::NotificationPreference;
use nestling_domain::{link_status, ChildId, GuardianAccess, LinkStatus, MembershipStatus, Password, Role, SettingId, UserId};
use nestling_platform::directory::CodeCheck;
use nestling_platform::http::{self, Problem};
use nestling_platform::invitations::hash_token;
use nestling_platform::records::{
    ChildRecord, EmailRecord, InvitationRecord, Lockdown, MemberRecord, MfaRecord, SettingRecord, UserRecord,
};
use nestling_platform::store::{from_item, keys, text_of, Change, Condition, Index, Query, StoreError};
use nestling_platform::writes::AuditAction;
use nestling_platform::{writes, App};
pub use problems::AccountsProblem;
pub use push::{push_devices, subscribe, unsubscribe};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// GET /v1/health: liveness only; touches nothing.
pub async fn health(_app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("health", req, |_req| async move { Ok(http::ok(&serde_json::json!({ "status": "ok" }))) }).await
}

#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct MeView {
    #[schema(value_type = String)]
    pub user_id: UserId,
    pub name: String,
    pub email: String,
    pub operator: bool,
    /// How they hear about their children's journals: immediate, daily or off.
    pub notification_preference: NotificationPreference,
    /// Staff and operators must enrol an authenticator before anything else (rule 15).
    pub mfa: MfaView,
    pub memberships: Vec<MembershipView>,
}

#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct MfaView {
    /// They are staff somewhere, or an operator: until enrolled, every other request answers 403 `mfa-required`.
    pub required: bool,
    pub enrolled: bool,
    #[schema(value_type = Option<String>)]
    pub enrolled_at: Option<nestling_domain::Timestamp>,
}

#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct MembershipView {
    #[schema(value_type = String)]
    pub setting_id: SettingId,
    pub setting_name: String,
    pub role: Role,
    pub status: MembershipStatus,
    /// Children this person holds an unrevoked guardian link to, with the link's status.
    pub linked_children: Vec<LinkedChildView>,
    /// The agreement version to accept before any child data is shown (parents and family),
    /// when they have not accepted the setting's current one.
    pub agreement_to_accept: Option<u32>,
    /// Set while the setting is in lockdown: its notice, which is all families are shown.
    pub lockdown: Option<Lockdown>,
    /// The setting's IANA time zone, in which the app shows and reads every date and time
    /// (present for active memberships, whose setting this request reads anyway).
    pub timezone: Option<String>,
}

/// A link as its guardian sees it: ids and status only, so reading it is not a read of the
/// child's data.
#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct LinkedChildView {
    #[schema(value_type = String)]
    pub child_id: ChildId,
    pub access: GuardianAccess,
    pub status: LinkStatus,
}

/// GET /v1/me: one query under the user (profile and memberships), one batch read of the
/// settings and children of their guardian memberships (agreement versions, holds).
pub async fn me(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("me", req, |req| async move {
        let caller = http::caller(&req)?;
        let under_user = app.store().page(Query::partition(Index::Gsi1, keys::user(&caller.user_id)), None).await?;
        let mut profile: Option<UserRecord> = None;
        let mut members: Vec<MemberRecord> = Vec::new();
        for item in under_user.items {
            match text_of(&item, "kind").unwrap_or_default() {
                "user" => profile = Some(from_item(item)?),
                "member" => members.push(from_item(item)?),
                _ => {}
            }
        }
        let Some(profile) = profile else {
            return Err(Problem::from(AccountsProblem::NoAccount));
        };
        let guardianships: Vec<&MemberRecord> =
            members.iter().filter(|m| matches!(m.role, Role::Parent | Role::Family) && m.status == MembershipStatus::Active).collect();
        let mut wanted = Vec::new();
        // Every active membership's setting, for its lockdown notice; guardians' children too.
        for m in members.iter().filter(|m| m.role.is_staff() && m.status == MembershipStatus::Active) {
            wanted.push(SettingRecord::key(&m.setting_id));
        }
        for m in &guardianships {
            wanted.push(SettingRecord::key(&m.setting_id));
            // A batch read takes 100 keys: a guardian of more children is shown the first ones.
            wanted.extend(m.linked_children.iter().take(20).map(|c| ChildRecord::key(&m.setting_id, c)));
        }
        wanted.truncate(100);
        let (mut settings, mut children): (Vec<SettingRecord>, Vec<ChildRecord>) = (Vec::new(), Vec::new());
        if !wanted.is_empty() {
            for item in app.store().get_many(&wanted).await?.into_iter().flatten() {
                match text_of(&item, "kind") {
                    Some("setting") => settings.push(from_item(item)?),
                    Some("child") => children.push(from_item(item)?),
                    _ => {}
                }
            }
        }
        let mfa_required = profile.operator || members.iter().any(|m| m.role.is_staff() && m.status == MembershipStatus::Active);
        let memberships = members
            .into_iter()
            .map(|m| {
                let setting = settings.iter().find(|s| s.setting_id == m.setting_id);
                let current = setting.map(|s| s.agreement_version);
                let lockdown = setting.and_then(|s| s.lockdown.clone());
                let timezone = setting.map(|s| s.timezone.clone());
                // Staff never accept the families' agreement.
                let agreement_to_accept = current.filter(|v| !m.role.is_staff() && m.accepted_agreement_version.is_none_or(|a| a < *v));
                let linked_children = children
                    .iter()
                    .filter(|c| c.setting_id == m.setting_id)
                    .filter_map(|c| {
                        let link = c.guardians.get(&m.user_id)?;
                        let status = link_status(link.is_revoked(), c.hold.is_some(), m.accepted_agreement_version, current?);
                        (status != LinkStatus::Revoked).then(|| LinkedChildView {
                            child_id: c.child_id.clone(),
                            access: link.access,
                            status,
                        })
                    })
                    .collect();
                MembershipView {
                    linked_children,
                    setting_id: m.setting_id,
                    setting_name: m.setting_name,
                    role: m.role,
                    status: m.status,
                    agreement_to_accept,
                    lockdown,
                    timezone,
                }
            })
            .collect();
        let view = MeView {
            user_id: profile.user_id,
            name: profile.name,
            email: profile.email,
            operator: profile.operator,
            notification_preference: profile.notifications,
            mfa: MfaView {
                required: mfa_required,
                enrolled: profile.mfa.is_some(),
                enrolled_at: profile.mfa.as_ref().map(|m| m.enrolled_at),
            },
            memberships,
        };
        Ok(http::ok(&view))
    })
    .await
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Acceptance {
    #[schema(value_type = String, format = Password)]
    pub password: Password,
}

#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Accepted {
    #[schema(value_type = String)]
    pub user_id: UserId,
    pub email: String,
    #[schema(value_type = String)]
    pub setting_id: SettingId,
    pub role: Role,
    /// False when the account already had a password, which was left as it was.
    pub password_set: bool,
}

fn invitation_invalid() -> Problem {
    Problem::from(AccountsProblem::InvitationInvalid)
}

/// POST /v1/invitations/{token}/accept: the token is the credential. Claimed with one
/// conditional update (single use, unexpired); the membership (unless revoked meanwhile),
/// account and email record become active in one audited transaction; then the password is
/// set in Cognito unless the account already has one (a failure gives the link back).
pub async fn accept_invitation(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("invitations-accept", req, |req| async move {
        let token = http::path_param(&req, "token").map_err(|_| invitation_invalid())?;
        let body: Acceptance = http::json_body(&req)?;
        let now = app.clock.now();
        let now_text = nestling_platform::app::rfc3339(now);
        let key = InvitationRecord::key(&hash_token(&token));
        let claim = Change::new()
            .set("acceptedAt", &now_text)
            .on_existing()
            .when(Condition::not_exists("acceptedAt").and(Condition::gt("expiresAt", &now.unix_timestamp())));
        let invitation: InvitationRecord = match app.store().update(&key, claim).await {
            Ok(item) => from_item(item)?,
            Err(StoreError::Conflict { .. }) => return Err(invitation_invalid()),
            Err(e) => return Err(e.into()),
        };
        // From here on, any failure but a revoked membership gives the link back for a retry.
        let release = || async {
            if let Err(e) = app.store().update(&key, Change::new().remove("acceptedAt")).await {
                tracing::error!(error = %e, "could not release an invitation after a failed acceptance");
            }
        };
        let active = |k: nestling_platform::store::Key, condition: Condition| {
            let change = Change::new().set("status", "active").set_if_absent("activatedAt", &now_text).next_version().when(condition);
            app.store().change(&k, change)
        };
        let email_update = app.store().change(&EmailRecord::key(&invitation.email), Change::new().set("status", "active").on_existing());
        // A membership revoked while the invitation was outstanding stays revoked, and its
        // person never gets a password. `active` is allowed so a retry after a failed password
        // step (below) goes through.
        let request_id = http::request_id(&req);
        let actor = writes::Actor {
            id: invitation.user_id.as_str(),
            role: invitation.role.as_str(),
            request_id: &request_id,
            off_premises: false,
            device_id: None,
        };
        let mut batch = vec![
            active(MemberRecord::key(&invitation.setting_id, &invitation.user_id), Condition::one_of("status", &["invited", "active"])),
            active(UserRecord::key(&invitation.user_id), Condition::item_exists()),
            email_update,
            writes::audit_by(
                &app,
                &actor,
                &invitation.setting_id,
                AuditAction::InvitationAccept,
                &format!("member:{}", invitation.user_id),
                None,
            ),
        ];
        // A manager hears of ratio breaches and other alerts from the moment they join.
        if invitation.role == Role::Manager {
            batch.push(nestling_platform::invitations::add_manager(
                &app,
                &invitation.setting_id,
                &invitation.user_id,
                &invitation.name,
                &invitation.email,
            ));
        }
        match app.store().transact(batch).await {
            Ok(()) => {}
            Err(StoreError::Conflict { .. }) => return Err(invitation_invalid()),
            Err(e) => {
                release().await;
                return Err(e.into());
            }
        }
        // Someone who already has a password (they joined another setting first) keeps it: an
        // invitation link never resets a live account's password.
        let password_set = match app.directory().has_password(&invitation.username).await {
            Ok(true) => false,
            Ok(false) => match app.directory().set_password(&invitation.username, body.password.expose()).await {
                Ok(()) => true,
                Err(e) => {
                    release().await;
                    return Err(e.into());
                }
            },
            Err(e) => {
                release().await;
                return Err(e.into());
            }
        };
        tracing::info!(setting_id = %invitation.setting_id, user_id = %invitation.user_id, "invitation accepted");
        Ok(http::ok(&Accepted {
            user_id: invitation.user_id,
            email: invitation.email,
            setting_id: invitation.setting_id,
            role: invitation.role,
            password_set,
        }))
    })
    .await
}

#[derive(Deserialize, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NotificationPreferences {
    /// `immediate` (an email for each observation, comment and decision), `daily` (one email
    /// each morning about the day before) or `off`.
    pub journal: NotificationPreference,
}

/// PUT /v1/me/notification-preferences: one conditional write on the caller's own profile
/// (the condition is the check that the account exists).
pub async fn set_notification_preferences(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("preferences-set", req, |req| async move {
        let caller = http::caller(&req)?;
        let body: NotificationPreferences = http::json_body(&req)?;
        let value = match body.journal {
            NotificationPreference::Immediate => "immediate",
            NotificationPreference::Daily => "daily",
            NotificationPreference::Off => "off",
        };
        let update = Change::new().set("notifications", value).next_version().on_existing();
        match app.store().update(&UserRecord::key(&caller.user_id), update).await {
            Ok(_) => Ok(http::ok(&body)),
            Err(StoreError::Conflict { .. }) => Err(Problem::from(AccountsProblem::NoAccount)),
            Err(e) => Err(e.into()),
        }
    })
    .await
}

#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct TotpSecret {
    /// Base32, for typing into an authenticator app.
    pub secret_code: String,
    /// The same as an `otpauth://` URI, for a QR code.
    pub otpauth_uri: String,
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TotpCode {
    /// The six digits the authenticator app shows now.
    pub code: String,
}

/// The caller's account, or 403 `no-account`.
async fn account_of(app: &App, user_id: &UserId) -> Result<UserRecord, Problem> {
    app.store().get_as::<UserRecord>(&UserRecord::key(user_id)).await?.ok_or_else(|| Problem::from(AccountsProblem::NoAccount))
}

/// POST /v1/me/mfa/totp: starts enrolling an authenticator app for the caller, with their own
/// access token (the one this request carries): the secret to scan. Nothing is stored until a
/// code from it is confirmed.
pub async fn start_totp(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("mfa-totp-start", req, |req| async move {
        let caller = http::caller(&req)?;
        let token = http::bearer_token(&req).ok_or_else(Problem::unauthenticated)?;
        let account = account_of(&app, &caller.user_id).await?;
        let secret_code = app.directory().associate_totp(&token).await?;
        let label = format!("Nestling:{}", account.email);
        let otpauth_uri = format!("otpauth://totp/{}?secret={secret_code}&issuer=Nestling", http::percent_encode(&label));
        Ok(http::ok(&TotpSecret { secret_code, otpauth_uri }))
    })
    .await
}

/// POST /v1/me/mfa/totp/confirm: a code from the app being enrolled. When Cognito accepts it,
/// the app becomes the account's MFA (asked for at every sign-in) and the account item records
/// it, which is what lets a member of staff act at all.
pub async fn confirm_totp(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("mfa-totp-confirm", req, |req| async move {
        let caller = http::caller(&req)?;
        let token = http::bearer_token(&req).ok_or_else(Problem::unauthenticated)?;
        let body: TotpCode = http::json_body(&req)?;
        if body.code.len() != 6 || !body.code.bytes().all(|b| b.is_ascii_digit()) {
            return Err(Problem::invalid("code is the six digits the authenticator app shows"));
        }
        account_of(&app, &caller.user_id).await?;
        match app.directory().confirm_totp(&token, &body.code).await? {
            CodeCheck::Wrong => return Err(Problem::from(AccountsProblem::MfaCodeWrong)),
            CodeCheck::Accepted => {}
        }
        // Cognito's side is done: record it whatever else changed on the account meanwhile.
        let mfa = MfaRecord { method: "totp".into(), enrolled_at: app.clock.timestamp() };
        app.store().update(&UserRecord::key(&caller.user_id), Change::new().set("mfa", &mfa).next_version().on_existing()).await?;
        tracing::info!(user = %caller.user_id, "authenticator enrolled");
        Ok(http::ok(&MfaView { required: true, enrolled: true, enrolled_at: Some(mfa.enrolled_at) }))
    })
    .await
}

// The use case behind each of this area's route-table names (the local gateway serves them).
nestling_platform::routes! {
    "health" => health,
    "me" => me,
    "invitations-accept" => accept_invitation,
    "preferences-set" => set_notification_preferences,
    "push-subscriptions-get" => push_devices,
    "push-subscribe" => subscribe,
    "push-unsubscribe" => unsubscribe,
    "mfa-totp-start" => start_totp,
    "mfa-totp-confirm" => confirm_totp,
}

#[cfg(test)]
mod tests;

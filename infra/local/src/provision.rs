//! Creates Nestling's resources in the emulator, mirroring infra/template.yaml: the table
//! (single-table keys, GSI1, stream, TTL), the private media bucket, the user pool (password
//! policy, groups, app client) and the SES sender identity. Every name carries a prefix, so
//! each test gets its own.

use aws_config::{BehaviorVersion, Region, SdkConfig};
use aws_sdk_cognitoidentityprovider as cognito;
use aws_sdk_dynamodb as dynamodb;
use aws_sdk_s3 as s3;
use nestling_platform::app::Config;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub const REGION: &str = "eu-west-2";

/// Everything needed to reach one provisioned copy of Nestling's resources.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Stack {
    pub endpoint: String,
    pub region: String,
    pub table: String,
    pub bucket: String,
    pub user_pool_id: String,
    pub app_client_id: String,
    pub mail_from: String,
    pub app_url: String,
    /// Push: the VAPID public key browsers subscribe with, and the emulator's SSM parameter
    /// holding its private half (read by the push sender as in AWS).
    #[serde(default)]
    pub vapid_public_key: String,
    #[serde(default)]
    pub vapid_key_parameter: String,
}

impl Stack {
    /// SDK settings for the emulator: its endpoint and dummy static credentials.
    pub fn sdk_config(endpoint: &str) -> SdkConfig {
        let credentials = aws_credential_types::Credentials::new("testing", "testing", None, None, "nestling-local");
        aws_config::SdkConfig::builder()
            .behavior_version(BehaviorVersion::latest())
            .region(Region::new(REGION))
            .endpoint_url(endpoint)
            .credentials_provider(aws_credential_types::provider::SharedCredentialsProvider::new(credentials))
            .build()
    }

    pub fn config(&self) -> Config {
        Config {
            table_name: self.table.clone(),
            user_pool_id: self.user_pool_id.clone(),
            app_client_id: self.app_client_id.clone(),
            mail_from: self.mail_from.clone(),
            app_url: self.app_url.clone(),
            ses_configuration_set: None,
            media_bucket: self.bucket.clone(),
            vapid_public_key: Some(self.vapid_public_key.clone()).filter(|k| !k.is_empty()),
            vapid_key_parameter: Some(self.vapid_key_parameter.clone()).filter(|k| !k.is_empty()),
            // The real push services, and a push service on loopback (the tests' and make dev's).
            push_hosts: nestling_platform::push::PushHosts::parse(&format!("{},127.0.0.1", nestling_platform::push::DEFAULT_PUSH_HOSTS)),
        }
    }

    /// The issuer Cognito writes into tokens (the real AWS host, even in the emulator).
    pub fn issuer(&self) -> String {
        format!("https://cognito-idp.{}.amazonaws.com/{}", self.region, self.user_pool_id)
    }

    /// Where the emulator publishes the pool's signing keys.
    pub fn jwks_url(&self) -> String {
        format!("{}/{}/.well-known/jwks.json", self.endpoint.trim_end_matches('/'), self.user_pool_id)
    }
}

pub async fn provision(endpoint: &str, prefix: &str, app_url: &str) -> Result<Stack, String> {
    let sdk = Stack::sdk_config(endpoint);
    let table = format!("{prefix}-table");
    let bucket = format!("{prefix}-media");
    create_table(&dynamodb::Client::new(&sdk), &table).await?;
    create_bucket(&sdk, &bucket, app_url).await?;
    let (user_pool_id, app_client_id) = create_user_pool(&cognito::Client::new(&sdk), prefix).await?;
    let mail_from = "no-reply@nestling.test".to_string();
    aws_sdk_sesv2::Client::new(&sdk)
        .create_email_identity()
        .email_identity(&mail_from)
        .send()
        .await
        .map_err(|e| format!("ses identity: {}", aws_sdk_sesv2::error::DisplayErrorContext(e)))?;
    let (vapid, private) = nestling_platform::push::VapidKey::generate()?;
    let vapid_key_parameter = format!("/{prefix}/vapid-private-key");
    aws_sdk_ssm::Client::new(&sdk)
        .put_parameter()
        .name(&vapid_key_parameter)
        .value(private)
        .r#type(aws_sdk_ssm::types::ParameterType::SecureString)
        .send()
        .await
        .map_err(|e| format!("vapid key parameter: {}", aws_sdk_ssm::error::DisplayErrorContext(e)))?;
    Ok(Stack {
        vapid_public_key: vapid.public_key().to_string(),
        vapid_key_parameter,
        endpoint: endpoint.to_string(),
        region: REGION.to_string(),
        table,
        bucket,
        user_pool_id,
        app_client_id,
        mail_from,
        app_url: app_url.to_string(),
    })
}

async fn create_table(client: &dynamodb::Client, name: &str) -> Result<(), String> {
    use dynamodb::types::*;
    let attr = |n: &str| AttributeDefinition::builder().attribute_name(n).attribute_type(ScalarAttributeType::S).build().expect("set");
    let key = |n: &str, t: KeyType| KeySchemaElement::builder().attribute_name(n).key_type(t).build().expect("set");
    client
        .create_table()
        .table_name(name)
        .billing_mode(BillingMode::PayPerRequest)
        .attribute_definitions(attr("PK"))
        .attribute_definitions(attr("SK"))
        .attribute_definitions(attr("GSI1PK"))
        .attribute_definitions(attr("GSI1SK"))
        .key_schema(key("PK", KeyType::Hash))
        .key_schema(key("SK", KeyType::Range))
        .global_secondary_indexes(
            GlobalSecondaryIndex::builder()
                .index_name("GSI1")
                .key_schema(key("GSI1PK", KeyType::Hash))
                .key_schema(key("GSI1SK", KeyType::Range))
                .projection(Projection::builder().projection_type(ProjectionType::All).build())
                .build()
                .expect("set"),
        )
        .stream_specification(
            StreamSpecification::builder().stream_enabled(true).stream_view_type(StreamViewType::NewAndOldImages).build().expect("set"),
        )
        .send()
        .await
        .map_err(|e| format!("create table: {}", dynamodb::error::DisplayErrorContext(e)))?;
    client
        .update_time_to_live()
        .table_name(name)
        .time_to_live_specification(TimeToLiveSpecification::builder().enabled(true).attribute_name("expiresAt").build().expect("set"))
        .send()
        .await
        .map_err(|e| format!("table ttl: {}", dynamodb::error::DisplayErrorContext(e)))?;
    Ok(())
}

async fn create_bucket(sdk: &SdkConfig, name: &str, app_url: &str) -> Result<(), String> {
    use s3::types::*;
    let config = s3::config::Builder::from(sdk).force_path_style(true).build();
    let client = s3::Client::from_conf(config);
    client
        .create_bucket()
        .bucket(name)
        .create_bucket_configuration(
            CreateBucketConfiguration::builder().location_constraint(BucketLocationConstraint::from(REGION)).build(),
        )
        .send()
        .await
        .map_err(|e| format!("create bucket: {}", s3::error::DisplayErrorContext(e)))?;
    client
        .put_public_access_block()
        .bucket(name)
        .public_access_block_configuration(
            PublicAccessBlockConfiguration::builder()
                .block_public_acls(true)
                .block_public_policy(true)
                .ignore_public_acls(true)
                .restrict_public_buckets(true)
                .build(),
        )
        .send()
        .await
        .map_err(|e| format!("bucket public access block: {}", s3::error::DisplayErrorContext(e)))?;
    let cors = CorsRule::builder()
        .allowed_origins(app_url)
        .allowed_methods("POST")
        .allowed_methods("PUT")
        .allowed_methods("GET")
        .allowed_headers("*")
        .max_age_seconds(300)
        .build()
        .map_err(|e| e.to_string())?;
    client
        .put_bucket_cors()
        .bucket(name)
        .cors_configuration(CorsConfiguration::builder().cors_rules(cors).build().map_err(|e| e.to_string())?)
        .send()
        .await
        .map_err(|e| format!("bucket cors: {}", s3::error::DisplayErrorContext(e)))?;
    Ok(())
}

/// The user pool as the template declares it: the password policy of rule 15, email as the
/// sign-in name, admin-only sign-up, groups, and an app client for USER_PASSWORD_AUTH.
async fn create_user_pool(client: &cognito::Client, prefix: &str) -> Result<(String, String), String> {
    use cognito::types::*;
    let err = |what: &str, e: String| format!("{what}: {e}");
    let pool = client
        .create_user_pool()
        .pool_name(format!("{prefix}-users"))
        .policies(
            UserPoolPolicyType::builder()
                .password_policy(
                    PasswordPolicyType::builder()
                        .minimum_length(12)
                        .require_uppercase(true)
                        .require_lowercase(true)
                        .require_numbers(true)
                        .require_symbols(false)
                        .build(),
                )
                .build(),
        )
        .username_attributes(UsernameAttributeType::Email)
        .auto_verified_attributes(VerifiedAttributeType::Email)
        .mfa_configuration(UserPoolMfaType::Optional)
        .admin_create_user_config(AdminCreateUserConfigType::builder().allow_admin_create_user_only(true).build())
        .send()
        .await
        .map_err(|e| err("user pool", cognito::error::DisplayErrorContext(e).to_string()))?;
    let pool_id = pool.user_pool.and_then(|p| p.id).ok_or("user pool has no id")?;
    for group in ["operators", "managers", "practitioners", "parents", "family"] {
        client
            .create_group()
            .user_pool_id(&pool_id)
            .group_name(group)
            .send()
            .await
            .map_err(|e| err("group", cognito::error::DisplayErrorContext(e).to_string()))?;
    }
    let app_client = client
        .create_user_pool_client()
        .user_pool_id(&pool_id)
        .client_name("nestling-web")
        .generate_secret(false)
        .explicit_auth_flows(ExplicitAuthFlowsType::AllowUserPasswordAuth)
        .explicit_auth_flows(ExplicitAuthFlowsType::AllowUserSrpAuth)
        .explicit_auth_flows(ExplicitAuthFlowsType::AllowRefreshTokenAuth)
        .read_attributes("email")
        .read_attributes("name")
        .enable_token_revocation(true)
        .prevent_user_existence_errors(PreventUserExistenceErrorTypes::Enabled)
        .send()
        .await
        .map_err(|e| err("app client", cognito::error::DisplayErrorContext(e).to_string()))?;
    let client_id = app_client.user_pool_client.and_then(|c| c.client_id).ok_or("app client has no id")?;
    Ok((pool_id, client_id))
}

/// The authenticator secrets of the accounts this process enrolled (the demo's staff, tests'
/// staff), by email, so signing them in can answer Cognito's code challenge as the app does.
static TOTP_SECRETS: std::sync::Mutex<BTreeMap<String, String>> = std::sync::Mutex::new(BTreeMap::new());

pub fn remember_totp(email: &str, secret: &str) {
    TOTP_SECRETS.lock().unwrap_or_else(|e| e.into_inner()).insert(email.to_ascii_lowercase(), secret.to_string());
}

pub fn totp_secret_of(email: &str) -> Option<String> {
    TOTP_SECRETS.lock().unwrap_or_else(|e| e.into_inner()).get(&email.to_ascii_lowercase()).cloned()
}

/// Signs a person in with their password the way the web app does, answering the
/// authenticator challenge with a real code for those enrolled; answers the tokens.
pub async fn sign_in(stack: &Stack, email: &str, password: &str) -> Result<Tokens, String> {
    let client = cognito::Client::new(&Stack::sdk_config(&stack.endpoint));
    let output = client
        .initiate_auth()
        .client_id(&stack.app_client_id)
        .auth_flow(cognito::types::AuthFlowType::UserPasswordAuth)
        .auth_parameters("USERNAME", email)
        .auth_parameters("PASSWORD", password)
        .send()
        .await
        .map_err(|e| format!("sign in: {}", cognito::error::DisplayErrorContext(e)))?;
    let result = match (output.authentication_result, output.challenge_name) {
        (Some(result), _) => result,
        (None, Some(cognito::types::ChallengeNameType::SoftwareTokenMfa)) => {
            let secret =
                totp_secret_of(email).ok_or_else(|| format!("sign in: {email} has an authenticator this process does not know"))?;
            let code = crate::totp::code_now(&secret).await.ok_or("sign in: the secret is not base32")?;
            client
                .respond_to_auth_challenge()
                .client_id(&stack.app_client_id)
                .challenge_name(cognito::types::ChallengeNameType::SoftwareTokenMfa)
                .set_session(output.session)
                .challenge_responses("USERNAME", email)
                .challenge_responses("SOFTWARE_TOKEN_MFA_CODE", code)
                .send()
                .await
                .map_err(|e| format!("sign in (code): {}", cognito::error::DisplayErrorContext(e)))?
                .authentication_result
                .ok_or("sign in: no tokens after the code")?
        }
        (None, challenge) => return Err(format!("sign in: an unexpected challenge {challenge:?}")),
    };
    Ok(Tokens {
        access_token: result.access_token.unwrap_or_default(),
        id_token: result.id_token.unwrap_or_default(),
        refresh_token: result.refresh_token.unwrap_or_default(),
    })
}

#[derive(Debug, Clone)]
pub struct Tokens {
    pub access_token: String,
    pub id_token: String,
    pub refresh_token: String,
}

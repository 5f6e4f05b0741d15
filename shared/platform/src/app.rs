//! The context every use case receives: clients built once per cold start, configuration,
//! the clock and the DynamoDB round-trip counter.

use crate::directory::Directory;
use crate::mail::Mailer;
use crate::media::{MediaStore, Presigner};
use crate::push::{PushError, Pusher, VapidKey};
use crate::store::Store;
use aws_config::SdkConfig;
use aws_smithy_runtime_api::box_error::BoxError;
use aws_smithy_runtime_api::client::interceptors::context::BeforeTransmitInterceptorContextRef;
use aws_smithy_runtime_api::client::interceptors::Intercept;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_types::config_bag::ConfigBag;
use nestling_domain::Id;
use std::sync::atomic::{AtomicI64, AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};
use time::OffsetDateTime;

/// Deployment configuration, from the function's environment.
#[derive(Debug, Clone)]
pub struct Config {
    pub table_name: String,
    pub user_pool_id: String,
    pub app_client_id: String,
    /// The From address of every email (a verified SES identity).
    pub mail_from: String,
    /// Base URL of the web app; invitation links point into it.
    pub app_url: String,
    pub ses_configuration_set: Option<String>,
    /// The private media bucket (photos and videos, uploaded and served by presigned URLs).
    pub media_bucket: String,
    /// The VAPID application server key browsers subscribe to push with (public; unset when
    /// the deployment sends no push).
    pub vapid_public_key: Option<String>,
    /// The SSM SecureString parameter holding the VAPID private key, read by the push sender
    /// alone (never put in the environment).
    pub vapid_key_parameter: Option<String>,
    /// The push services subscriptions may name (see `push::PushHosts`).
    pub push_hosts: crate::push::PushHosts,
}

impl Config {
    pub fn from_env() -> Result<Self, String> {
        let var = |name: &str| std::env::var(name).map_err(|_| format!("{name} is not set"));
        Ok(Self {
            table_name: var("TABLE_NAME")?,
            user_pool_id: var("USER_POOL_ID").unwrap_or_default(),
            app_client_id: var("APP_CLIENT_ID").unwrap_or_default(),
            mail_from: var("MAIL_FROM").unwrap_or_default(),
            app_url: var("APP_URL").unwrap_or_default(),
            ses_configuration_set: std::env::var("SES_CONFIGURATION_SET").ok().filter(|s| !s.is_empty()),
            media_bucket: var("MEDIA_BUCKET").unwrap_or_default(),
            vapid_public_key: std::env::var("VAPID_PUBLIC_KEY").ok().filter(|s| !s.is_empty()),
            vapid_key_parameter: std::env::var("VAPID_KEY_PARAMETER").ok().filter(|s| !s.is_empty()),
            push_hosts: crate::push::PushHosts::parse(&std::env::var("PUSH_HOSTS").unwrap_or_default()),
        })
    }
}

/// Wall-clock time with an offset tests can move forward (invitation expiry and the like).
#[derive(Debug, Clone, Default)]
pub struct Clock {
    offset_seconds: Arc<AtomicI64>,
}

impl Clock {
    pub fn now(&self) -> OffsetDateTime {
        OffsetDateTime::now_utc() + time::Duration::seconds(self.offset_seconds.load(Ordering::Relaxed))
    }
    pub fn now_rfc3339(&self) -> String {
        rfc3339(self.now())
    }
    /// Now, as records hold times.
    pub fn timestamp(&self) -> nestling_domain::Timestamp {
        nestling_domain::Timestamp::new(self.now())
    }
    pub fn advance(&self, by: time::Duration) {
        self.offset_seconds.fetch_add(by.whole_seconds(), Ordering::Relaxed);
    }
}

pub fn rfc3339(at: OffsetDateTime) -> String {
    at.format(&time::format_description::well_known::Rfc3339).unwrap_or_default()
}

/// Stored times are UTC, whatever offset a client sent.
pub fn rfc3339_utc(at: OffsetDateTime) -> String {
    rfc3339(at.to_offset(time::UtcOffset::UTC))
}

/// Counts DynamoDB requests actually sent (each transmit is one round trip), and how many of
/// them a request waited for one after another: requests in flight together are one
/// sequential round trip (a "wave" starts whenever one is sent while none is in flight).
#[derive(Debug, Clone, Default)]
pub struct RoundTrips {
    sent: Arc<AtomicUsize>,
    in_flight: Arc<AtomicUsize>,
    sequential: Arc<AtomicUsize>,
}

/// Marks an attempt that was transmitted, so its end leaves the in-flight count.
#[derive(Debug, Clone)]
struct Transmitted;

impl aws_smithy_types::config_bag::Storable for Transmitted {
    type Storer = aws_smithy_types::config_bag::StoreReplace<Self>;
}

impl RoundTrips {
    /// Every request sent.
    pub fn count(&self) -> usize {
        self.sent.load(Ordering::Relaxed)
    }
    /// The round trips waited for one after another (concurrent ones count once).
    pub fn sequential(&self) -> usize {
        self.sequential.load(Ordering::Relaxed)
    }
    pub fn reset(&self) {
        self.sent.store(0, Ordering::Relaxed);
        self.sequential.store(0, Ordering::Relaxed);
    }
}

impl Intercept for RoundTrips {
    fn name(&self) -> &'static str {
        "NestlingRoundTrips"
    }
    fn read_before_transmit(
        &self,
        _context: &BeforeTransmitInterceptorContextRef<'_>,
        _components: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        self.sent.fetch_add(1, Ordering::Relaxed);
        if self.in_flight.fetch_add(1, Ordering::SeqCst) == 0 {
            self.sequential.fetch_add(1, Ordering::Relaxed);
        }
        cfg.interceptor_state().store_put(Transmitted);
        Ok(())
    }
    fn read_after_attempt(
        &self,
        _context: &aws_smithy_runtime_api::client::interceptors::context::FinalizerInterceptorContextRef<'_>,
        _components: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        if cfg.load::<Transmitted>().is_some() {
            self.in_flight.fetch_sub(1, Ordering::SeqCst);
            cfg.interceptor_state().unset::<Transmitted>();
        }
        Ok(())
    }
}

/// Clients are built on first use, so a binary links only the SDKs its handler calls (size
/// and cold start both follow).
pub struct App {
    pub config: Config,
    sdk: SdkConfig,
    store: OnceLock<Store>,
    directory: OnceLock<Directory>,
    mailer: OnceLock<Mailer>,
    media: OnceLock<MediaStore>,
    presigner: OnceLock<Presigner>,
    pusher: tokio::sync::OnceCell<Pusher>,
    pub clock: Clock,
    pub round_trips: RoundTrips,
    /// Request units consumed, for the bench (off unless enabled).
    pub capacity: crate::capacity::CapacityMeter,
}

impl App {
    /// Cheap: no network, no credentials read, no client built yet.
    pub fn new(sdk: &SdkConfig, config: Config) -> Self {
        Self {
            config,
            sdk: sdk.clone(),
            store: OnceLock::new(),
            directory: OnceLock::new(),
            mailer: OnceLock::new(),
            media: OnceLock::new(),
            presigner: OnceLock::new(),
            pusher: tokio::sync::OnceCell::new(),
            clock: Clock::default(),
            round_trips: RoundTrips::default(),
            capacity: crate::capacity::CapacityMeter::default(),
        }
    }

    /// The Lambda cold start: configuration and credentials from the environment Lambda gives
    /// every function (no profile files, SSO or instance metadata to probe), and
    /// `AWS_ENDPOINT_URL` when set.
    pub async fn from_env() -> Result<Self, String> {
        let config = Config::from_env()?;
        let region = std::env::var("AWS_REGION")
            .or_else(|_| std::env::var("AWS_DEFAULT_REGION"))
            .map_err(|_| "AWS_REGION is not set".to_string())?;
        let credentials = aws_config::environment::EnvironmentVariableCredentialsProvider::new();
        let mut sdk = SdkConfig::builder()
            .behavior_version(aws_config::BehaviorVersion::latest())
            .region(aws_config::Region::new(region))
            .credentials_provider(aws_credential_types::provider::SharedCredentialsProvider::new(credentials));
        if let Ok(endpoint) = std::env::var("AWS_ENDPOINT_URL") {
            sdk = sdk.endpoint_url(endpoint);
        }
        Ok(Self::new(&sdk.build(), config))
    }

    pub fn store(&self) -> &Store {
        self.store.get_or_init(|| {
            let dynamo = aws_sdk_dynamodb::config::Builder::from(&self.sdk)
                .interceptor(self.round_trips.clone())
                .interceptor(self.capacity.clone())
                .build();
            Store::dynamo(aws_sdk_dynamodb::Client::from_conf(dynamo), self.config.table_name.clone())
        })
    }

    /// An app whose table is the in-memory twin, for unit tests of use cases: no network, no
    /// emulator. URLs are presigned as usual; a call to Cognito or SES fails at once (a use
    /// case that must send or sign out is tested against the emulator instead).
    #[cfg(any(test, feature = "testing"))]
    pub fn in_memory(config: Config) -> (Self, crate::table::memory::MemoryTable) {
        // Static credentials so URLs can be presigned (that is local), and an endpoint where
        // nothing listens, so any call that would leave the process fails at once.
        let credentials = aws_credential_types::Credentials::new("memory", "memory", None, None, "in-memory");
        let sdk = SdkConfig::builder()
            .behavior_version(aws_config::BehaviorVersion::latest())
            .region(aws_config::Region::new("eu-west-2"))
            .credentials_provider(aws_credential_types::provider::SharedCredentialsProvider::new(credentials))
            .endpoint_url("http://127.0.0.1:9")
            .build();
        let app = Self::new(&sdk, config);
        let table = crate::table::memory::MemoryTable::new();
        let _ = app.store.set(Store::memory(table.clone()));
        (app, table)
    }

    pub fn directory(&self) -> &Directory {
        self.directory
            .get_or_init(|| Directory::new(aws_sdk_cognitoidentityprovider::Client::new(&self.sdk), self.config.user_pool_id.clone()))
    }

    pub fn mailer(&self) -> &Mailer {
        self.mailer.get_or_init(|| {
            Mailer::new(aws_sdk_sesv2::Client::new(&self.sdk), self.config.mail_from.clone(), self.config.ses_configuration_set.clone())
        })
    }

    /// The push sender's client, its VAPID key read once from SSM (decrypted) on first use.
    pub async fn pusher(&self) -> Result<&Pusher, PushError> {
        self.pusher
            .get_or_try_init(|| async {
                let name = self
                    .config
                    .vapid_key_parameter
                    .as_deref()
                    .ok_or_else(|| PushError::NotConfigured("VAPID_KEY_PARAMETER is not set".into()))?;
                let parameter = aws_sdk_ssm::Client::new(&self.sdk)
                    .get_parameter()
                    .name(name)
                    .with_decryption(true)
                    .send()
                    .await
                    .map_err(|e| PushError::Failed(format!("VAPID key: {}", aws_sdk_ssm::error::DisplayErrorContext(e))))?;
                let private = parameter
                    .parameter
                    .and_then(|p| p.value)
                    .ok_or_else(|| PushError::NotConfigured("the VAPID key parameter is empty".into()))?;
                let key = VapidKey::from_private(&private).map_err(PushError::NotConfigured)?;
                Pusher::new(key, &self.config.mail_from, self.config.push_hosts.clone())
            })
            .await
    }

    /// Presigned uploads and downloads (no S3 client: signing is local).
    pub fn presigner(&self) -> &Presigner {
        self.presigner.get_or_init(|| Presigner::new(&self.sdk, self.config.media_bucket.clone()))
    }

    /// The media bucket's objects (the media check only).
    pub fn media(&self) -> &MediaStore {
        self.media.get_or_init(|| MediaStore::new(&self.sdk, self.config.media_bucket.clone()))
    }

    /// A new random id of the type asked for (`app.new_id::<ChildId>()`): 32 hex digits.
    pub fn new_id<T: Id>(&self) -> T {
        generated(uuid::Uuid::new_v4())
    }

    /// When a scheduled run is for: its EventBridge event's `time`, else now (a retry, a test).
    pub fn scheduled_at(&self, event: &serde_json::Value) -> time::OffsetDateTime {
        event["time"]
            .as_str()
            .and_then(|t| nestling_domain::Timestamp::parse(t).ok())
            .map_or_else(|| self.clock.now(), nestling_domain::Timestamp::at)
    }

    /// Time-ordered ids for logs and outbox items.
    pub fn new_sortable_id(&self) -> String {
        uuid::Uuid::now_v7().simple().to_string()
    }

    /// A new time-ordered id of the type asked for (`app.new_sortable::<FaultId>()`): one made
    /// later sorts later, so records keyed by it list in the order they were made.
    pub fn new_sortable<T: Id>(&self) -> T {
        generated(uuid::Uuid::now_v7())
    }
}

/// A UUID's simple form (32 lower-case hex digits) always has the shape of an id.
fn generated<T: Id>(uuid: uuid::Uuid) -> T {
    T::parse(&uuid.simple().to_string()).unwrap_or_else(|_| unreachable!("32 hex digits are an id"))
}

//! One's own devices for push notifications (Web Push). A subscription is the opt-in, per
//! device: the browser's endpoint at its push service and the keys to encrypt to, kept on the
//! caller's profile. Which hosts an endpoint may name is the deployment's allow-list (the
//! sender POSTs there, so it must never be a URL of the caller's choosing).

use super::*;
use nestling_platform::push::{check_keys, subscription_id, EndpointRefused};
use nestling_platform::records::PushSubscription;
use nestling_platform::store::to_item;

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PushSubscriptionRequest {
    /// The push service URL the browser gave (`PushSubscription.endpoint`).
    pub endpoint: String,
    /// Sent by browsers as `null`; push services end a subscription by answering 410.
    #[serde(default)]
    #[schema(value_type = Option<f64>)]
    pub expiration_time: Option<serde_json::Value>,
    pub keys: PushKeys,
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PushKeys {
    /// The browser's P-256 public key, base64url.
    pub p256dh: String,
    /// Its 16-byte authentication secret, base64url.
    pub auth: String,
}

#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct PushSubscriptionView {
    /// The first 16 bytes of SHA-256 of the endpoint, in hex.
    pub subscription_id: String,
    /// The push service's host (the endpoint itself is not shown again).
    pub host: String,
    #[schema(value_type = String)]
    pub created_at: nestling_domain::Timestamp,
}

#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct PushDevices {
    /// The application server key to subscribe with (VAPID, base64url); null when this
    /// deployment sends no push notifications.
    pub public_key: Option<String>,
    pub subscriptions: Vec<PushSubscriptionView>,
}

#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct PushUnsubscribed {
    pub subscription_id: String,
}

impl From<&PushSubscription> for PushSubscriptionView {
    fn from(s: &PushSubscription) -> Self {
        let host = s.endpoint.parse::<lambda_http::http::Uri>().ok().and_then(|u| u.host().map(str::to_string)).unwrap_or_default();
        Self { subscription_id: s.subscription_id.clone(), host, created_at: s.created_at }
    }
}

/// GET /v1/me/push-subscriptions: the key to subscribe with and the caller's devices.
pub async fn push_devices(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("push-subscriptions-get", req, |req| async move {
        let caller = http::caller(&req)?;
        let account = account_of(&app, &caller.user_id).await?;
        Ok(http::ok(&PushDevices {
            public_key: app.config.vapid_public_key.clone(),
            subscriptions: account.push_subscriptions.iter().map(PushSubscriptionView::from).collect(),
        }))
    })
    .await
}

/// POST /v1/me/push-subscriptions: this device, notified from now on. The same endpoint again
/// replaces its keys (browsers rotate them); past `PER_USER` devices the oldest is dropped.
/// One versioned write of the caller's own profile.
pub async fn subscribe(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("push-subscribe", req, |req| async move {
        let caller = http::caller(&req)?;
        let body: PushSubscriptionRequest = http::json_body(&req)?;
        if app.config.vapid_public_key.is_none() {
            return Err(Problem::from(AccountsProblem::PushUnavailable));
        }
        match app.config.push_hosts.check(&body.endpoint) {
            Ok(_) => {}
            Err(EndpointRefused::NotAUrl) => return Err(Problem::invalid("endpoint is the push service URL the browser gave")),
            Err(EndpointRefused::NotAllowed) => return Err(Problem::from(AccountsProblem::PushEndpointRefused)),
        }
        check_keys(&body.keys.p256dh, &body.keys.auth).map_err(Problem::invalid)?;
        let account = account_of(&app, &caller.user_id).await?;
        let added = PushSubscription {
            subscription_id: subscription_id(&body.endpoint),
            endpoint: body.endpoint.clone(),
            p256dh: body.keys.p256dh.trim_end_matches('=').to_string(),
            auth: body.keys.auth.trim_end_matches('=').to_string(),
            created_at: app.clock.timestamp(),
        };
        let mut devices: Vec<PushSubscription> =
            account.push_subscriptions.iter().filter(|s| s.subscription_id != added.subscription_id).cloned().collect();
        devices.sort_by_key(|s| s.created_at);
        while devices.len() >= PushSubscription::PER_USER {
            devices.remove(0);
        }
        devices.push(added.clone());
        let updated = UserRecord { push_subscriptions: devices, version: account.version + 1, ..account.clone() };
        save_devices(&app, &updated, account.version).await?;
        tracing::info!(user = %caller.user_id, subscription = %added.subscription_id, "push subscription added");
        Ok(http::json_response(201, &PushSubscriptionView::from(&added)))
    })
    .await
}

/// DELETE /v1/me/push-subscriptions/{subscriptionId}: this device no longer notified (also at
/// sign-out). Removing one already gone is done.
pub async fn unsubscribe(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("push-unsubscribe", req, |req| async move {
        let caller = http::caller(&req)?;
        let subscription_id = http::path_param(&req, "subscriptionId")?;
        let account = account_of(&app, &caller.user_id).await?;
        let answer = PushUnsubscribed { subscription_id: subscription_id.clone() };
        let Some(updated) = account.without_push_subscription(&subscription_id) else { return Ok(http::ok(&answer)) };
        save_devices(&app, &updated, account.version).await?;
        tracing::info!(user = %caller.user_id, subscription = %subscription_id, "push subscription removed");
        Ok(http::ok(&answer))
    })
    .await
}

/// The caller's profile with its devices changed: a versioned write (409 when the profile
/// changed since it was read, so two devices subscribing at once never lose one).
async fn save_devices(app: &App, updated: &UserRecord, read_version: u64) -> Result<(), Problem> {
    match app.store().transact(vec![app.store().put_versioned(to_item(updated), read_version)]).await {
        Ok(()) => Ok(()),
        Err(StoreError::Conflict { .. }) => {
            Err(Problem::conflict("conflict", "The resource changed since you read it; reload and try again"))
        }
        Err(e) => Err(e.into()),
    }
}

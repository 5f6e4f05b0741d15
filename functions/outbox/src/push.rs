//! The push sender: the table stream hands it every new `PUSH#` item; it claims the item
//! (as the email sender does), encrypts and POSTs it to the device's push service, and marks
//! it sent. A subscription the push service no longer knows (404, 410) is removed from its
//! owner's profile; a refusal that no retry can fix is logged and dropped; anything else is
//! retried with backoff and, after the retries, kept by the dead-letter queue (alarmed).

use crate::{back_off, claim, each_insert, released, BatchResponse, Claim, Delivery, DeliveryError, SENT_RETENTION_DAYS};
use aws_lambda_events::dynamodb::Event;
use nestling_domain::UserId;
use nestling_platform::push::{PushError, PushOutcome, PushPayload, Target};
use nestling_platform::records::{PushRecord, UserRecord};
use nestling_platform::store::{to_item, Change, StoreError};
use nestling_platform::App;

/// The push messages of one stream batch.
pub async fn handle_push(app: &App, event: Event) -> BatchResponse {
    each_insert(event, |image| async move {
        // Not a push item (the filter in AWS keeps these away; locally we see all).
        let Ok(push) = serde_dynamo::from_item::<_, PushRecord>(image) else { return Ok(()) };
        if push.kind != "push" {
            return Ok(());
        }
        match deliver_push(app, &push).await {
            Ok(delivery) => {
                tracing::info!(push_id = %push.push_id, topic = ?push.topic, ?delivery, "push item handled");
                Ok(())
            }
            Err(error) => {
                tracing::error!(push_id = %push.push_id, %error, "push delivery failed; will retry");
                back_off(&error).await;
                Err(())
            }
        }
    })
    .await
}

/// Sends one push item at most once per successful claim.
pub async fn deliver_push(app: &App, push: &PushRecord) -> Result<Delivery, DeliveryError> {
    let key = PushRecord::key(&push.push_id);
    let attempts = match claim(app, &key).await? {
        Claim::Attempt(n) => n,
        Claim::AlreadySent => return Ok(Delivery::AlreadySent),
    };
    let target = Target { endpoint: &push.endpoint, p256dh: &push.p256dh, auth: &push.auth };
    let payload = PushPayload { kind: push.topic, url: push.url.clone() };
    let sent = match app.pusher().await {
        Ok(pusher) => pusher.send(&target, &payload, app.clock.now().unix_timestamp()).await,
        Err(e) => Err(e),
    };
    let outcome = match sent {
        Ok(PushOutcome::Accepted) => "accepted".to_string(),
        Ok(PushOutcome::Gone) => {
            forget_subscription(app, &push.user_id, &push.subscription_id).await?;
            "gone".to_string()
        }
        Ok(PushOutcome::Refused(status)) => {
            tracing::warn!(push_id = %push.push_id, status, "the push service refused the message; not retried");
            format!("refused {status}")
        }
        // The allow-list no longer names its host: it can never be sent to.
        Err(PushError::Endpoint(refused)) => {
            tracing::warn!(push_id = %push.push_id, %refused, "push endpoint no longer allowed; subscription removed");
            forget_subscription(app, &push.user_id, &push.subscription_id).await?;
            "endpoint refused".to_string()
        }
        Err(error) => {
            app.store().update(&key, released()).await?;
            return Err(DeliveryError::Push { error, attempts });
        }
    };
    // Where it went and the keys go once it is sent; the outcome stays for operators.
    let finish = Change::new()
        .set("status", "sent")
        .set("sentAt", &app.clock.now_rfc3339())
        .set("outcome", &outcome)
        .set("expiresAt", &(app.clock.now() + time::Duration::days(SENT_RETENTION_DAYS)).unix_timestamp())
        .remove("endpoint")
        .remove("p256dh")
        .remove("auth");
    app.store().update(&key, finish).await?;
    Ok(Delivery::Sent)
}

/// Removes one subscription from its owner's profile (a versioned write, retried when the
/// profile changed meanwhile). Gone already is done.
pub async fn forget_subscription(app: &App, user_id: &UserId, subscription_id: &str) -> Result<(), StoreError> {
    for _ in 0..3 {
        let Some(user) = app.store().get_as::<UserRecord>(&UserRecord::key(user_id)).await? else { return Ok(()) };
        let Some(updated) = user.without_push_subscription(subscription_id) else { return Ok(()) };
        match app.store().transact(vec![app.store().put_versioned(to_item(&updated), user.version)]).await {
            Ok(()) => return Ok(()),
            Err(StoreError::Conflict { .. }) => continue,
            Err(e) => return Err(e),
        }
    }
    Err(StoreError::Conflict { failed: vec![true] })
}

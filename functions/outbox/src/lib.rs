//! The outbox consumer: the table's stream hands it every new outbox item; it claims the
//! item, sends the email through SES and marks it sent. A failure releases the claim, waits
//! (backoff) and reports the record, so Lambda retries it; after the retries the batch lands
//! on the dead-letter queue, whose alarm tells the operators. Ids make every email at most
//! once per successful claim, so redelivery and retries never send one twice.

use aws_lambda_events::dynamodb::Event;
use nestling_platform::records::OutboxRecord;
use nestling_platform::store::{number_of, text_of, Change, Condition, StoreError};
use nestling_platform::App;
use serde::Serialize;

pub mod broadcasts;
pub mod feedback;
pub mod notifications;
pub mod push;
pub use notifications::{handle_notifications, send_digests};

/// A claim older than this belongs to a consumer that crashed mid-send (the function times
/// out after 10 s), so another delivery may take it over.
pub const STALE_CLAIM_SECONDS: i64 = 30;
/// Sent items are kept this long (without their bodies) for operators, then expire.
pub const SENT_RETENTION_DAYS: i64 = 30;

/// What the stream's `ReportBatchItemFailures` expects back.
#[derive(Debug, Default, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct BatchResponse {
    pub batch_item_failures: Vec<BatchItemFailure>,
}

#[derive(Debug, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct BatchItemFailure {
    pub item_identifier: String,
}

#[derive(Debug, PartialEq, Eq)]
pub enum Delivery {
    Sent,
    /// Already sent: nothing to do.
    AlreadySent,
}

#[derive(Debug, thiserror::Error)]
pub enum DeliveryError {
    #[error(transparent)]
    Store(#[from] StoreError),
    /// SES refused or failed; `attempts` counts the claims so far, for the backoff.
    #[error("{error} (attempt {attempts})")]
    Mail { error: nestling_platform::mail::MailError, attempts: u32 },
    /// The push service failed or could not be reached; `attempts` as for mail.
    #[error("{error} (attempt {attempts})")]
    Push { error: nestling_platform::push::PushError, attempts: u32 },
    /// Another delivery holds a fresh claim; retry later rather than acknowledge.
    #[error("another delivery is sending this item")]
    InFlight,
}

/// Runs `handle` on each new item of a stream batch, in order. Once one fails, it and every
/// record after it are reported, so order and at-least-once delivery both hold.
pub async fn each_insert<F, Fut>(event: Event, mut handle: F) -> BatchResponse
where
    F: FnMut(serde_dynamo::Item) -> Fut,
    Fut: std::future::Future<Output = Result<(), ()>>,
{
    let mut response = BatchResponse::default();
    for record in event.records {
        let sequence = record.change.sequence_number.clone().unwrap_or_default();
        if !response.batch_item_failures.is_empty() {
            response.batch_item_failures.push(BatchItemFailure { item_identifier: sequence });
            continue;
        }
        if record.event_name != "INSERT" {
            continue;
        }
        if handle(record.change.new_image).await.is_err() {
            response.batch_item_failures.push(BatchItemFailure { item_identifier: sequence });
        }
    }
    response
}

/// Waits before a failed delivery is reported, so Lambda's immediate retries are spaced out.
pub async fn back_off(error: &DeliveryError) {
    match error {
        DeliveryError::Mail { attempts, .. } | DeliveryError::Push { attempts, .. } => tokio::time::sleep(retry_delay(*attempts)).await,
        // Another delivery's claim only goes stale after STALE_CLAIM_SECONDS: wait the longest
        // step, so the retries outlast it.
        DeliveryError::InFlight => tokio::time::sleep(retry_delay(u32::MAX)).await,
        DeliveryError::Store(_) => {}
    }
}

/// The outbox emails of one stream batch.
pub async fn handle(app: &App, event: Event) -> BatchResponse {
    each_insert(event, |image| async move {
        // Not an outbox item (the filter in AWS keeps these away; locally we see all).
        let Ok(outbox) = serde_dynamo::from_item::<_, OutboxRecord>(image) else { return Ok(()) };
        if outbox.kind != "outbox" {
            return Ok(());
        }
        match deliver(app, &outbox).await {
            Ok(delivery) => {
                tracing::info!(outbox_id = %outbox.outbox_id, purpose = %outbox.purpose, ?delivery, "outbox item handled");
                Ok(())
            }
            Err(error) => {
                tracing::error!(outbox_id = %outbox.outbox_id, %error, "outbox delivery failed; will retry");
                back_off(&error).await;
                Err(())
            }
        }
    })
    .await
}

/// Lambda retries a failed stream record at once; waiting before reporting the failure spaces
/// the attempts out: 0.25 s after the first, doubling to at most 4 s (the timeout is 10 s).
pub fn retry_delay(attempts: u32) -> std::time::Duration {
    std::time::Duration::from_millis(250 << attempts.saturating_sub(1).min(4))
}

/// The claim on one outbox or push item: the attempt it is, or the item was already sent.
pub enum Claim {
    Attempt(u32),
    AlreadySent,
}

/// Claims a pending item (or one whose claim went stale) for sending. Shared by the email and
/// the push senders: each item is sent at most once per successful claim.
pub async fn claim(app: &App, key: &nestling_platform::store::Key) -> Result<Claim, DeliveryError> {
    let now = app.clock.now();
    let stale = now - time::Duration::seconds(STALE_CLAIM_SECONDS);
    let pending = Condition::eq("status", "pending");
    let stale_claim = Condition::eq("status", "sending").and(Condition::lt("claimedAt", &nestling_platform::app::rfc3339(stale)));
    let claim = Change::new()
        .set("status", "sending")
        .set("claimedAt", &nestling_platform::app::rfc3339(now))
        .count_from("attempts", 0, 1)
        .when(pending.or(stale_claim));
    match app.store().update(key, claim).await {
        Ok(claimed) => Ok(Claim::Attempt(number_of(&claimed, "attempts").and_then(|n| u32::try_from(n).ok()).unwrap_or(1))),
        Err(StoreError::Conflict { .. }) => {
            // Only a sent item may be acknowledged; one being sent elsewhere is retried, so
            // a consumer that died mid-send cannot make the message disappear.
            let current = app.store().get(key).await?;
            let sent = current.as_ref().and_then(|item| text_of(item, "status")) == Some("sent");
            if sent {
                Ok(Claim::AlreadySent)
            } else {
                Err(DeliveryError::InFlight)
            }
        }
        Err(e) => Err(e.into()),
    }
}

/// Gives a claim back after a failed attempt, for the retry.
pub fn released() -> Change {
    Change::new().set("status", "pending").remove("claimedAt")
}

/// Sends one outbox item at most once per successful claim.
pub async fn deliver(app: &App, outbox: &OutboxRecord) -> Result<Delivery, DeliveryError> {
    let key = OutboxRecord::key(&outbox.outbox_id);
    let attempts = match claim(app, &key).await? {
        Claim::Attempt(n) => n,
        Claim::AlreadySent => return Ok(Delivery::AlreadySent),
    };
    let sent = app.mailer().send(&outbox.to, &outbox.subject, &outbox.text, &outbox.html).await;
    let finish = match &sent {
        // The bodies may hold one-time links: they go once the email has gone.
        Ok(message_id) => Change::new()
            .set("status", "sent")
            .set("sentAt", &app.clock.now_rfc3339())
            .set("messageId", message_id)
            .set("expiresAt", &(app.clock.now() + time::Duration::days(SENT_RETENTION_DAYS)).unix_timestamp())
            .remove("text")
            .remove("html"),
        Err(_) => released(),
    };
    app.store().update(&key, finish).await?;
    sent.map_err(|error| DeliveryError::Mail { error, attempts })?;
    Ok(Delivery::Sent)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_back_off_and_stay_inside_the_timeout() {
        let delays: Vec<u128> = (1..=7).map(|n| retry_delay(n).as_millis()).collect();
        assert_eq!(delays, vec![250, 500, 1000, 2000, 4000, 4000, 4000]);
        assert_eq!(retry_delay(0).as_millis(), 250);
    }
}

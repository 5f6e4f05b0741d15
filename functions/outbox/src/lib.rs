//! The outbox consumer: the table's stream hands it every new outbox item; it claims the
//! item, sends the email through SES and marks it sent. A failure releases the claim, waits
//! (backoff) and reports the record, so Lambda retries it; after the retries the batch lands
//! on the dead-letter queue, whose alarm tells the operators. Ids make every email at most
//! once per successful claim, so redelivery and retries never send one twice.

use aws_lambda_events::dynamodb::Event;
use aws_sdk_dynamodb::types::AttributeValue;
use nestling_platform::records::OutboxRecord;
use nestling_platform::store::StoreError;
use nestling_platform::App;
use serde::Serialize;

pub mod broadcasts;
pub mod feedback;
pub mod notifications;
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
    /// Another delivery holds a fresh claim; retry later rather than acknowledge.
    #[error("another delivery is sending this item")]
    InFlight,
}

/// Handles one stream batch. Records after the first failure are reported too, so order and
/// at-least-once delivery both hold.
pub async fn handle(app: &App, event: Event) -> BatchResponse {
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
        let outbox: OutboxRecord = match serde_dynamo::from_item(record.change.new_image) {
            Ok(o) => o,
            // Not an outbox item (the filter in AWS keeps these away; locally we see all).
            Err(_) => continue,
        };
        if outbox.kind != "outbox" {
            continue;
        }
        match deliver(app, &outbox).await {
            Ok(delivery) => tracing::info!(outbox_id = %outbox.outbox_id, purpose = %outbox.purpose, ?delivery, "outbox item handled"),
            Err(error) => {
                tracing::error!(outbox_id = %outbox.outbox_id, %error, "outbox delivery failed; will retry");
                match &error {
                    DeliveryError::Mail { attempts, .. } => tokio::time::sleep(retry_delay(*attempts)).await,
                    // Another delivery's claim only goes stale after STALE_CLAIM_SECONDS: wait
                    // the longest step, so the retries outlast it.
                    DeliveryError::InFlight => tokio::time::sleep(retry_delay(u32::MAX)).await,
                    DeliveryError::Store(_) => {}
                }
                response.batch_item_failures.push(BatchItemFailure { item_identifier: sequence });
            }
        }
    }
    response
}

/// Lambda retries a failed stream record at once; waiting before reporting the failure spaces
/// the attempts out: 0.25 s after the first, doubling to at most 4 s (the timeout is 10 s).
pub fn retry_delay(attempts: u32) -> std::time::Duration {
    std::time::Duration::from_millis(250 << attempts.saturating_sub(1).min(4))
}

/// Sends one outbox item at most once per successful claim.
pub async fn deliver(app: &App, outbox: &OutboxRecord) -> Result<Delivery, DeliveryError> {
    let key = OutboxRecord::key(&outbox.outbox_id);
    let now = app.clock.now();
    let stale = now - time::Duration::seconds(STALE_CLAIM_SECONDS);
    let s = |v: &str| AttributeValue::S(v.to_string());
    let claim = app
        .store()
        .update_builder(&key)
        .update_expression("SET #status = :sending, claimedAt = :now, attempts = if_not_exists(attempts, :zero) + :one")
        .condition_expression("#status = :pending OR (#status = :sending AND claimedAt < :stale)")
        .expression_attribute_names("#status", "status")
        .expression_attribute_values(":sending", s("sending"))
        .expression_attribute_values(":pending", s("pending"))
        .expression_attribute_values(":now", s(&nestling_platform::app::rfc3339(now)))
        .expression_attribute_values(":stale", s(&nestling_platform::app::rfc3339(stale)))
        .expression_attribute_values(":zero", AttributeValue::N("0".into()))
        .expression_attribute_values(":one", AttributeValue::N("1".into()))
        .build()
        .map_err(|e| StoreError::Unavailable(e.to_string()))?;
    let attempts = match app.store().update(claim).await {
        Ok(claimed) => {
            claimed.as_ref().and_then(|item| item.get("attempts")).and_then(|v| v.as_n().ok()).and_then(|n| n.parse().ok()).unwrap_or(1)
        }
        Err(StoreError::Conflict { .. }) => {
            // Only a sent item may be acknowledged; one being sent elsewhere is retried, so
            // a consumer that died mid-send cannot make the email disappear.
            let current = app.store().get(&key).await?;
            let sent = current.as_ref().and_then(|item| item.get("status")).and_then(|v| v.as_s().ok()).is_some_and(|s| s == "sent");
            return if sent { Ok(Delivery::AlreadySent) } else { Err(DeliveryError::InFlight) };
        }
        Err(e) => return Err(e.into()),
    };
    let sent = app.mailer().send(&outbox.to, &outbox.subject, &outbox.text, &outbox.html).await;
    let finish = match &sent {
        Ok(message_id) => app
            .store()
            .update_builder(&key)
            // The bodies may hold one-time links: they go once the email has gone.
            .update_expression("SET #status = :sent, sentAt = :now, messageId = :id, expiresAt = :expires REMOVE #text, html")
            .expression_attribute_names("#status", "status")
            .expression_attribute_names("#text", "text")
            .expression_attribute_values(":sent", s("sent"))
            .expression_attribute_values(":now", s(&app.clock.now_rfc3339()))
            .expression_attribute_values(":id", s(message_id))
            .expression_attribute_values(
                ":expires",
                AttributeValue::N((app.clock.now() + time::Duration::days(SENT_RETENTION_DAYS)).unix_timestamp().to_string()),
            ),
        Err(_) => app
            .store()
            .update_builder(&key)
            .update_expression("SET #status = :pending REMOVE claimedAt")
            .expression_attribute_names("#status", "status")
            .expression_attribute_values(":pending", s("pending")),
    }
    .build()
    .map_err(|e| StoreError::Unavailable(e.to_string()))?;
    app.store().update(finish).await?;
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

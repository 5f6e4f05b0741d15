//! What every change writes beside itself: the outbox email, the access-log line and the
//! stored idempotent answer.

use super::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum OutboxStatus {
    Pending,
    Sending,
    Sent,
}

/// An email waiting to be sent. Written in the same transaction as the change it reports;
/// the stream consumer sends it and marks it sent.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OutboxRecord {
    #[serde(rename = "PK")]
    pub pk: String,
    #[serde(rename = "SK")]
    pub sk: String,
    pub kind: String,
    pub outbox_id: String,
    pub setting_id: Option<SettingId>,
    pub to: String,
    pub subject: String,
    /// Removed once sent (they may hold one-time links).
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub html: String,
    /// What caused it, for operators reading the table (e.g. `staff-invitation`).
    pub purpose: String,
    pub status: OutboxStatus,
    pub created_at: Timestamp,
    #[serde(default)]
    pub attempts: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sent_at: Option<Timestamp>,
}

impl OutboxRecord {
    pub fn key(outbox_id: &str) -> Key {
        Key::new(keys::outbox(outbox_id), keys::OUTBOX_SK)
    }
}

/// A push message waiting to be sent to one device, written in the same transaction as the
/// change it reports (like an email) and sent by the push sender from the table stream.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PushRecord {
    #[serde(rename = "PK")]
    pub pk: String,
    #[serde(rename = "SK")]
    pub sk: String,
    pub kind: String,
    pub push_id: String,
    /// Whose device: a subscription gone at the push service is removed from their profile.
    pub user_id: UserId,
    pub subscription_id: String,
    /// Where and how to encrypt: removed once sent.
    #[serde(default)]
    pub endpoint: String,
    #[serde(default)]
    pub p256dh: String,
    #[serde(default)]
    pub auth: String,
    pub topic: crate::push::PushTopic,
    /// The app path the notification opens.
    pub url: String,
    pub status: OutboxStatus,
    pub created_at: Timestamp,
    #[serde(default)]
    pub attempts: u32,
    /// What the push service said, for operators: `accepted`, `gone` or `refused <status>`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<String>,
}

impl PushRecord {
    pub fn key(push_id: &str) -> Key {
        Key::new(keys::push(push_id), keys::PUSH_SK)
    }
}

/// A family's email about a child, held while the setting is in lockdown (rule 10) and
/// released, to whoever may still hear it, when the lockdown lifts.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HeldEmailRecord {
    #[serde(rename = "PK")]
    pub pk: String,
    #[serde(rename = "SK")]
    pub sk: String,
    pub kind: String,
    /// The outbox id it is sent under once released (derived from its cause).
    pub outbox_id: String,
    pub setting_id: SettingId,
    pub child_id: ChildId,
    /// The guardian it is for: told only if still entitled when the lockdown lifts.
    pub user_id: UserId,
    pub to: String,
    pub subject: String,
    pub text: String,
    pub html: String,
    pub purpose: String,
    pub held_at: Timestamp,
}

impl HeldEmailRecord {
    pub fn key(setting_id: &SettingId, outbox_id: &str) -> Key {
        Key::new(keys::setting(setting_id), keys::held_email(outbox_id))
    }
}

/// One line of the access log: who did what to which record, when, from where.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AuditRecord {
    #[serde(rename = "PK")]
    pub pk: String,
    #[serde(rename = "SK")]
    pub sk: String,
    pub kind: String,
    pub setting_id: SettingId,
    /// The user who acted, or the background function (`media-check`, `nestling`, `ses`).
    pub actor_id: String,
    pub actor_role: String,
    pub action: String,
    /// What was acted on, e.g. `staff:<user id>`, `room:<room id>`.
    pub object: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub child_id: Option<ChildId>,
    /// Every child whose data the action read or changed (a list shows many).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub child_ids: Vec<ChildId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// A member of staff acting from outside the setting's networks (rule 8).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub off_premises: bool,
    /// Done through a person's session on this paired device (on the premises).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device_id: Option<String>,
    pub request_id: String,
    pub at: Timestamp,
}

/// A stored answer to a write, replayed when the client retries with the same key.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct IdempotencyRecord {
    #[serde(rename = "PK")]
    pub pk: String,
    #[serde(rename = "SK")]
    pub sk: String,
    pub kind: String,
    /// SHA-256 of route and body: the same key with a different request is refused.
    pub request_hash: String,
    pub status: u16,
    pub body: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource_version: Option<u64>,
    pub expires_at: i64,
}

impl IdempotencyRecord {
    pub fn key(user_id: &UserId, key: &str) -> Key {
        Key::new(keys::idempotency(user_id, key), keys::IDEMPOTENCY_SK)
    }
}

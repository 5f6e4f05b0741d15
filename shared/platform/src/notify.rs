//! Journal notifications. A change that should tell families (an observation published, a
//! comment, a contribution approved or rejected) writes one `NOTIFY#` event item in its own
//! transaction; the `notify-fanout` function, triggered by the table stream, turns it into one
//! outbox email per parent who wants it now, or a line of tomorrow's digest for those who chose
//! a daily email. Ids derive from the event and the recipient, so a redelivered event writes
//! nothing twice.

use crate::app::App;
use crate::store::{keys, to_item, Write};
use nestling_domain::{ChildId, SettingId, Timestamp, UserId};
use serde::{Deserialize, Serialize};

/// What happened, as families are told it (no text of the entry, no other child's name).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", tag = "event")]
pub enum JournalEvent {
    ObservationPublished,
    CommentAdded,
    ContributionApproved,
    ContributionRejected {
        reason: String,
    },
    /// A post on the news feed for the children's setting or rooms (`replies`: an event, asking for them).
    PostPublished {
        replies: bool,
    },
}

impl JournalEvent {
    /// The line an email or a digest gives it, about one child.
    pub fn line(&self, child_first_name: &str) -> String {
        match self {
            JournalEvent::ObservationPublished => format!("A new observation in {child_first_name}'s learning journal."),
            JournalEvent::CommentAdded => format!("A new comment on {child_first_name}'s learning journal."),
            JournalEvent::ContributionApproved => {
                format!("Your contribution to {child_first_name}'s learning journal was approved and is now in the journal.")
            }
            JournalEvent::ContributionRejected { reason } => {
                format!("Your contribution to {child_first_name}'s learning journal was not added. The setting says: {reason}")
            }
            JournalEvent::PostPublished { replies: false } => "A new post on the news feed.".into(),
            JournalEvent::PostPublished { replies: true } => "A new event on the news feed: open Nestling to reply.".into(),
        }
    }
    /// Whether each child named is told of separately (a journal entry), or the family once
    /// (news for the whole setting or a room, however many of their children it reaches).
    pub fn about_each_child(&self) -> bool {
        !matches!(self, JournalEvent::PostPublished { .. })
    }
}

/// One event to tell the families of some children about.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NotifyRecord {
    #[serde(rename = "PK")]
    pub pk: String,
    #[serde(rename = "SK")]
    pub sk: String,
    pub kind: String,
    pub notify_id: String,
    pub setting_id: SettingId,
    pub setting_name: String,
    pub event: JournalEvent,
    /// The children whose parents are told (each parent hears about their own children only).
    pub children: Vec<ChildId>,
    /// Who caused it (never told about their own action).
    pub actor_id: UserId,
    pub created_at: Timestamp,
    pub expires_at: i64,
}

pub fn notify(
    app: &App,
    setting_id: &SettingId,
    setting_name: &str,
    event: JournalEvent,
    children: Vec<ChildId>,
    actor_id: &UserId,
) -> Write {
    let id = app.new_sortable_id();
    let record = NotifyRecord {
        pk: keys::notify(&id),
        sk: keys::NOTIFY_SK.into(),
        kind: "notify".into(),
        notify_id: id,
        setting_id: setting_id.clone(),
        setting_name: setting_name.into(),
        event,
        children,
        actor_id: actor_id.clone(),
        created_at: app.clock.timestamp(),
        expires_at: (app.clock.now() + time::Duration::days(30)).unix_timestamp(),
    };
    app.store().put_new(to_item(&record))
}

/// Push messages to send to some people's devices (an accident reviewed): written with the
/// change, turned into one `PUSH#` item per device by the fan-out, which reads the profiles
/// (the change's own request does not, so it stays within its round trips).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PushRequestRecord {
    #[serde(rename = "PK")]
    pub pk: String,
    #[serde(rename = "SK")]
    pub sk: String,
    pub kind: String,
    pub request_id: String,
    pub setting_id: SettingId,
    pub user_ids: Vec<UserId>,
    pub topic: crate::push::PushTopic,
    pub created_at: Timestamp,
    pub expires_at: i64,
}

/// The push request item to write in the same transaction as its cause.
pub fn push_request(app: &App, setting_id: &SettingId, user_ids: Vec<UserId>, topic: crate::push::PushTopic) -> Write {
    let id = app.new_sortable_id();
    let record = PushRequestRecord {
        pk: keys::notify(&id),
        sk: keys::NOTIFY_SK.into(),
        kind: "push-request".into(),
        request_id: id,
        setting_id: setting_id.clone(),
        user_ids,
        topic,
        created_at: app.clock.timestamp(),
        expires_at: (app.clock.now() + time::Duration::days(30)).unix_timestamp(),
    };
    app.store().put_new(to_item(&record))
}

/// A line of a parent's daily digest.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DigestLineRecord {
    #[serde(rename = "PK")]
    pub pk: String,
    #[serde(rename = "SK")]
    pub sk: String,
    pub kind: String,
    pub user_id: UserId,
    pub email: String,
    pub name: String,
    /// The child the line is about, checked again when the digest is sent (lines written
    /// before they were recorded have neither, and are not sent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub setting_id: Option<SettingId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub child_id: Option<ChildId>,
    pub setting_name: String,
    pub line: String,
    pub at: Timestamp,
    pub expires_at: i64,
}

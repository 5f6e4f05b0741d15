//! Private messages. A thread's items share one partition (`SETTING#s#THREAD#t`): the staff
//! side's copy of the thread (`META`, in the staff inbox), the families' side's copy (`FAMILY`,
//! in the inbox of the child, room or setting it is about), and its messages (`MSG#<id>`).
//! Each copy holds its own side's read marks, so an inbox shows what is unread without reading
//! anything else, and neither side's marks are kept on the other's copy.

use super::*;
use nestling_domain::messages::{SettingSide, ThreadAbout};
use nestling_domain::{MessageId, ThreadId};
use std::collections::BTreeMap;

/// One side's copy of a thread.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ThreadRecord {
    #[serde(rename = "PK")]
    pub pk: String,
    #[serde(rename = "SK")]
    pub sk: String,
    /// The inbox it is listed in: `STAFF-INBOX#s` for the staff copy, the child's, room's or
    /// setting's families' inbox for the other; sorted by the last message's time.
    #[serde(rename = "GSI1PK")]
    pub gsi1pk: String,
    #[serde(rename = "GSI1SK")]
    pub gsi1sk: String,
    pub kind: String,
    pub setting_id: SettingId,
    pub thread_id: ThreadId,
    pub about: ThreadAbout,
    pub with: SettingSide,
    pub subject: String,
    /// The child's name, for a child's thread (both sides know it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub child_name: Option<String>,
    /// The person the setting's side names (`with` a person: the key person).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub with_name: Option<String>,
    pub started_by: UserId,
    pub started_by_name: String,
    pub started_by_staff: bool,
    pub created_at: Timestamp,
    pub last_message_at: Timestamp,
    pub last_message_by_staff: bool,
    pub message_count: u64,
    /// This side's people and when each last read the thread.
    #[serde(default)]
    pub read_by: BTreeMap<UserId, Timestamp>,
    /// The names of those readers, kept with their marks, for "seen by" where the setting
    /// shows it to the other side.
    #[serde(default)]
    pub reader_names: BTreeMap<UserId, String>,
}

impl ThreadRecord {
    pub fn staff_key(setting_id: &SettingId, thread_id: &ThreadId) -> Key {
        Key::new(keys::thread(setting_id, thread_id), keys::THREAD_STAFF.to_string())
    }
    pub fn family_key(setting_id: &SettingId, thread_id: &ThreadId) -> Key {
        Key::new(keys::thread(setting_id, thread_id), keys::THREAD_FAMILY.to_string())
    }
    /// Whether `user` has read it since the last message.
    pub fn read_by_since_last(&self, user: &UserId) -> bool {
        self.read_by.get(user).is_some_and(|at| *at >= self.last_message_at)
    }
}

/// One message (`MSG#<id>`, ids time-ordered). While its email alert is due it is in the
/// alerts index (`MESSAGE-ALERTS` / `<due>#<setting>#<thread>#<message>`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MessageRecord {
    #[serde(rename = "PK")]
    pub pk: String,
    #[serde(rename = "SK")]
    pub sk: String,
    #[serde(rename = "GSI1PK", default, skip_serializing_if = "Option::is_none")]
    pub gsi1pk: Option<String>,
    #[serde(rename = "GSI1SK", default, skip_serializing_if = "Option::is_none")]
    pub gsi1sk: Option<String>,
    pub kind: String,
    pub setting_id: SettingId,
    pub thread_id: ThreadId,
    pub message_id: MessageId,
    pub author_id: UserId,
    pub author_name: String,
    pub by_staff: bool,
    pub text: String,
    #[serde(default)]
    pub media: Vec<EntryMedia>,
    /// A manager's urgent message: its email ignores the family's preferences.
    #[serde(default)]
    pub urgent: bool,
    pub sent_at: Timestamp,
    /// When the other side's email alert is due (the setting's opening, for staff).
    pub alert_at: Timestamp,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub withdrawn_at: Option<Timestamp>,
    pub version: u64,
}

impl MessageRecord {
    pub fn key(setting_id: &SettingId, thread_id: &ThreadId, message_id: &MessageId) -> Key {
        Key::new(keys::thread(setting_id, thread_id), keys::message(message_id))
    }
    pub fn is_withdrawn(&self) -> bool {
        self.withdrawn_at.is_some()
    }
}

/// The families' inbox a thread about `about` is listed in.
pub fn family_inbox(setting_id: &SettingId, about: &ThreadAbout) -> String {
    match about {
        ThreadAbout::Child { child_id, .. } => keys::child_inbox(setting_id, child_id),
        ThreadAbout::Room { room_id } => keys::room_inbox(setting_id, room_id),
        ThreadAbout::Setting => keys::setting_inbox(setting_id),
    }
}

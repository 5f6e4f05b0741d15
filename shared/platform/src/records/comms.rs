//! The news feed: posts (an event is a post with a date), the copies of pinned posts, and each
//! child's reply to an event.

use super::*;
use nestling_domain::comms::{PostAudience, PostStatus, ReplyAnswer};
use nestling_domain::PostId;

/// A post on a setting's feed (`SETTING#id / POST#<post>`; `PINNED#<post>` for its copy while
/// pinned). Replies to an event are their own items; the post counts the places they took.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PostRecord {
    #[serde(rename = "PK")]
    pub pk: String,
    #[serde(rename = "SK")]
    pub sk: String,
    /// Events only: `EVENT-REPLY-BY` / `<deadline>#<setting>#<post>`, what the reminder
    /// schedule reads (the copy of a pinned post is not indexed).
    #[serde(rename = "GSI1PK", default, skip_serializing_if = "Option::is_none")]
    pub gsi1pk: Option<String>,
    #[serde(rename = "GSI1SK", default, skip_serializing_if = "Option::is_none")]
    pub gsi1sk: Option<String>,
    pub kind: String,
    pub setting_id: SettingId,
    pub post_id: PostId,
    pub author_id: UserId,
    pub author_name: String,
    pub author_role: Role,
    pub audience: PostAudience,
    pub text: String,
    #[serde(default)]
    pub media: Vec<EntryMedia>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event: Option<EventRecord>,
    pub status: PostStatus,
    #[serde(default)]
    pub pinned: bool,
    pub created_at: Timestamp,
    /// When families could first see it (approval, for a post that waited).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published_at: Option<Timestamp>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approved_by: Option<UserId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub withdrawn_at: Option<Timestamp>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub withdrawn_by: Option<UserId>,
    /// An event's places taken: the "yes" replies standing (on the post only, not its copy).
    #[serde(default)]
    pub places_taken: u32,
    pub version: u64,
}

/// What an event asks of families, as stored: the setting's local date and times.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EventRecord {
    pub title: String,
    pub date: String,
    pub starts_at: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ends_at: Option<String>,
    pub place: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bring: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capacity: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply_by: Option<String>,
}

impl PostRecord {
    pub fn key(setting_id: &SettingId, post_id: &PostId) -> Key {
        Key::new(keys::setting(setting_id), keys::post(post_id))
    }
    pub fn pinned_key(setting_id: &SettingId, post_id: &PostId) -> Key {
        Key::new(keys::setting(setting_id), keys::pinned_post(post_id))
    }
    /// The copy kept at the top of the feed while the post is pinned.
    pub fn pinned_copy(&self) -> PostRecord {
        PostRecord {
            sk: keys::pinned_post(&self.post_id),
            gsi1pk: None,
            gsi1sk: None,
            kind: "pinned-post".into(),
            places_taken: 0,
            ..self.clone()
        }
    }
    /// Every child a photo or video of the post shows.
    pub fn pictured(&self) -> std::collections::BTreeSet<ChildId> {
        self.media.iter().flat_map(|m| m.children.iter().cloned()).collect()
    }
}

/// One child's reply to an event (`SETTING#id / REPLY#<post>#<child>`), by one of their parents.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EventReplyRecord {
    #[serde(rename = "PK")]
    pub pk: String,
    #[serde(rename = "SK")]
    pub sk: String,
    pub kind: String,
    pub setting_id: SettingId,
    pub post_id: PostId,
    pub child_id: ChildId,
    pub answer: ReplyAnswer,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    pub replied_by: UserId,
    pub replied_by_name: String,
    pub replied_at: Timestamp,
    pub version: u64,
}

impl EventReplyRecord {
    pub fn key(setting_id: &SettingId, post_id: &PostId, child_id: &ChildId) -> Key {
        Key::new(keys::setting(setting_id), keys::event_reply(post_id, child_id))
    }
}

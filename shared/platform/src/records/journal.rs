//! The learning journal: media, observations and their journal copies, comments and
//! parents' contributions.

use super::*;

/// A photo or video. Created when an upload is asked for; the media function marks it ready
/// (or rejected); an observation or contribution attaches it, once. Until attached it is also
/// in GSI1 under `MEDIA-UNATTACHED`, by upload day, so the expiry schedule finds it.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MediaRecord {
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
    pub media_id: MediaId,
    pub media_type: MediaType,
    pub byte_size: u64,
    /// The children it shows (the photo consent is checked against these).
    pub children: Vec<ChildId>,
    pub uploaded_by: UserId,
    pub uploader_role: Role,
    pub status: MediaStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rejection: Option<String>,
    #[serde(default)]
    pub thumbnail: bool,
    pub created_at: Timestamp,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub checked_at: Option<Timestamp>,
    /// The journal entry it belongs to, once attached.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entry_id: Option<EntryId>,
    /// Children whose journals show that entry; empty until published and after unpublishing.
    #[serde(default)]
    pub shown_in: Vec<ChildId>,
    pub version: u64,
}

impl MediaRecord {
    pub fn key(setting_id: &SettingId, media_id: &MediaId) -> Key {
        Key::new(keys::setting(setting_id), keys::media(media_id))
    }
    /// Puts it in, or takes it out of, the index of uploads waiting for an entry.
    pub fn index_while_unattached(&mut self, waiting: bool) {
        if waiting {
            self.gsi1pk = Some(keys::MEDIA_UNATTACHED.into());
            self.gsi1sk = Some(keys::unattached_media(&self.created_at.day_text(), &self.setting_id, &self.media_id));
        } else {
            self.gsi1pk = None;
            self.gsi1sk = None;
        }
    }
}

/// A photo or video as an entry carries it (copied when attached: ready media never change).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EntryMedia {
    pub media_id: MediaId,
    pub media_type: MediaType,
    pub children: Vec<ChildId>,
    pub thumbnail: bool,
}

/// An earlier version of an observation, kept when it is edited.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ObservationRevision {
    pub version: u64,
    pub text: String,
    pub areas: Vec<AreaOfLearning>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_steps: Option<String>,
    /// Who wrote this version and when.
    pub by: UserId,
    pub at: Timestamp,
}

/// A practitioner's observation: the record of truth. Each child's journal holds a copy
/// (`JournalEntryRecord`) written in the same transaction, so a journal page is one Query.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ObservationRecord {
    #[serde(rename = "PK")]
    pub pk: String,
    #[serde(rename = "SK")]
    pub sk: String,
    pub kind: String,
    pub setting_id: SettingId,
    pub observation_id: ObservationId,
    pub author_id: UserId,
    pub author_name: String,
    pub text: String,
    pub children: Vec<ChildId>,
    pub media: Vec<EntryMedia>,
    pub areas: Vec<AreaOfLearning>,
    /// The aspects of those areas it evidences, where the practitioner named them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aspects: Vec<nestling_domain::eyfs::Aspect>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_steps: Option<String>,
    pub published: bool,
    pub published_at: Timestamp,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unpublished_at: Option<Timestamp>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unpublished_by: Option<UserId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unpublished_reason: Option<String>,
    /// Earlier versions, oldest first.
    #[serde(default)]
    pub history: Vec<ObservationRevision>,
    #[serde(default)]
    pub comment_count: u64,
    pub updated_at: Timestamp,
    pub updated_by: UserId,
    pub version: u64,
}

impl ObservationRecord {
    pub fn key(setting_id: &SettingId, observation_id: &ObservationId) -> Key {
        Key::new(keys::setting(setting_id), keys::observation(observation_id))
    }
    /// The journal entry it is, in each child's journal.
    pub fn entry_id(&self) -> EntryId {
        EntryId::from(self.observation_id.clone())
    }
    /// Where the copy in `child_id`'s journal lives.
    pub fn journal_key(&self, child_id: &ChildId) -> Key {
        Key::new(keys::journal(&self.setting_id, child_id), keys::journal_entry(&self.published_at.to_string(), &self.entry_id()))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum EntryKind {
    Observation,
    Contribution,
}

/// One entry in one child's journal: a copy of the observation (or approved contribution)
/// as that child's family may be shown it, kept in step by the transactions that change it.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct JournalEntryRecord {
    #[serde(rename = "PK")]
    pub pk: String,
    #[serde(rename = "SK")]
    pub sk: String,
    pub kind: String,
    pub setting_id: SettingId,
    pub child_id: ChildId,
    pub entry_id: EntryId,
    pub entry_kind: EntryKind,
    pub author_id: UserId,
    pub author_name: String,
    pub author_role: Role,
    pub text: String,
    #[serde(default)]
    pub areas: Vec<AreaOfLearning>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aspects: Vec<nestling_domain::eyfs::Aspect>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_steps: Option<String>,
    #[serde(default)]
    pub media: Vec<EntryMedia>,
    #[serde(default)]
    pub comment_count: u64,
    pub published_at: Timestamp,
    pub updated_at: Timestamp,
}

/// A comment or reply on a journal entry, with the families it is for.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CommentRecord {
    #[serde(rename = "PK")]
    pub pk: String,
    #[serde(rename = "SK")]
    pub sk: String,
    pub kind: String,
    pub setting_id: SettingId,
    /// The observation commented on (stored as `entryId`).
    pub entry_id: ObservationId,
    pub comment_id: CommentId,
    pub author_id: UserId,
    pub author_name: String,
    pub author_role: Role,
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply_to: Option<CommentId>,
    pub audience: CommentAudience,
    pub created_at: Timestamp,
}

/// A parent's own observation from home. Pending until staff approve it (then copied into the
/// child's journal) or reject it with a reason the family sees (rule 7).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ContributionRecord {
    #[serde(rename = "PK")]
    pub pk: String,
    #[serde(rename = "SK")]
    pub sk: String,
    #[serde(rename = "GSI1PK")]
    pub gsi1pk: String,
    #[serde(rename = "GSI1SK")]
    pub gsi1sk: String,
    pub kind: String,
    pub setting_id: SettingId,
    pub contribution_id: ContributionId,
    pub child_id: ChildId,
    pub author_id: UserId,
    pub author_name: String,
    pub text: String,
    pub media: Vec<EntryMedia>,
    /// The areas of learning the family tagged it with.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub areas: Vec<AreaOfLearning>,
    pub status: ContributionStatus,
    pub created_at: Timestamp,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decided_by: Option<UserId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decided_at: Option<Timestamp>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rejection_reason: Option<String>,
    pub version: u64,
}

impl ContributionRecord {
    pub fn key(setting_id: &SettingId, contribution_id: &ContributionId) -> Key {
        Key::new(keys::setting(setting_id), keys::contribution(contribution_id))
    }
}

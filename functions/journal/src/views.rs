//! What the journal endpoints answer.

use nestling_domain::journal::{AreaOfLearning, CommentAudience, ContributionStatus, MediaType};
use nestling_domain::{ChildId, CommentId, ContributionId, EntryId, MediaId, ObservationId, Role, RoomId, Timestamp, UserId};
use nestling_platform::records::{CommentRecord, EntryKind, ObservationRecord};
use serde::Serialize;

#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct PersonView {
    #[schema(value_type = String)]
    pub user_id: UserId,
    pub name: String,
}

#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct AttachedMediaView {
    #[schema(value_type = String)]
    pub media_id: MediaId,
    pub media_type: MediaType,
    /// The children it shows.
    #[schema(value_type = Vec<String>)]
    pub children: Vec<ChildId>,
    pub thumbnail: bool,
}

#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct RevisionView {
    pub version: u64,
    pub text: String,
    pub areas: Vec<AreaOfLearning>,
    pub next_steps: Option<String>,
    #[schema(value_type = String)]
    pub by: UserId,
    #[schema(value_type = String)]
    pub at: Timestamp,
}

/// An observation as staff see it (the review list, and answers to changes).
#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ObservationView {
    #[schema(value_type = String)]
    pub observation_id: ObservationId,
    pub author: PersonView,
    pub text: String,
    #[schema(value_type = Vec<String>)]
    pub children: Vec<ChildId>,
    pub media: Vec<AttachedMediaView>,
    pub areas: Vec<AreaOfLearning>,
    pub aspects: Vec<nestling_domain::eyfs::Aspect>,
    pub next_steps: Option<String>,
    pub published: bool,
    #[schema(value_type = String)]
    pub published_at: Timestamp,
    pub comment_count: u64,
    /// Earlier versions, oldest first.
    pub history: Vec<RevisionView>,
    pub version: u64,
}

pub fn observation_view(o: &ObservationRecord) -> ObservationView {
    ObservationView {
        observation_id: o.observation_id.clone(),
        author: PersonView { user_id: o.author_id.clone(), name: o.author_name.clone() },
        text: o.text.clone(),
        children: o.children.clone(),
        media: o
            .media
            .iter()
            .map(|m| AttachedMediaView {
                media_id: m.media_id.clone(),
                media_type: m.media_type,
                children: m.children.clone(),
                thumbnail: m.thumbnail,
            })
            .collect(),
        areas: o.areas.clone(),
        aspects: o.aspects.clone(),
        next_steps: o.next_steps.clone(),
        published: o.published,
        published_at: o.published_at,
        comment_count: o.comment_count,
        history: o
            .history
            .iter()
            .map(|h| RevisionView {
                version: h.version,
                text: h.text.clone(),
                areas: h.areas.clone(),
                next_steps: h.next_steps.clone(),
                by: h.by.clone(),
                at: h.at,
            })
            .collect(),
        version: o.version,
    }
}

pub use nestling_platform::media::MediaView;

#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct JournalEntryView {
    #[schema(value_type = String)]
    pub entry_id: EntryId,
    pub entry_kind: EntryKind,
    pub author: PersonView,
    pub text: String,
    pub areas: Vec<AreaOfLearning>,
    pub aspects: Vec<nestling_domain::eyfs::Aspect>,
    pub next_steps: Option<String>,
    pub media: Vec<MediaView>,
    pub comment_count: u64,
    #[schema(value_type = String)]
    pub published_at: Timestamp,
    #[schema(value_type = String)]
    pub updated_at: Timestamp,
}

/// One page of a child's journal, with the header (the child and their key person).
#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct JournalView {
    #[schema(value_type = String)]
    pub child_id: ChildId,
    pub first_name: String,
    pub key_person: PersonView,
    pub items: Vec<JournalEntryView>,
    pub next_cursor: Option<String>,
}

#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CommentView {
    #[schema(value_type = String)]
    pub comment_id: CommentId,
    pub author: PersonView,
    pub author_role: Role,
    pub text: String,
    #[schema(value_type = Option<String>)]
    pub reply_to: Option<CommentId>,
    /// `everyone` who may see the entry, or `family`: only the families the thread began with.
    pub audience: &'static str,
    #[schema(value_type = String)]
    pub created_at: Timestamp,
}

pub fn comment_view(c: &CommentRecord) -> CommentView {
    CommentView {
        comment_id: c.comment_id.clone(),
        author: PersonView { user_id: c.author_id.clone(), name: c.author_name.clone() },
        author_role: c.author_role,
        text: c.text.clone(),
        reply_to: c.reply_to.clone(),
        audience: match c.audience {
            CommentAudience::Everyone => "everyone",
            CommentAudience::Families(_) => "family",
        },
        created_at: c.created_at,
    }
}

/// A parent's contribution as staff and the child's family see it.
#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ContributionView {
    #[schema(value_type = String)]
    pub contribution_id: ContributionId,
    #[schema(value_type = String)]
    pub child_id: ChildId,
    /// Staff lists name the child.
    pub child_first_name: Option<String>,
    pub author: PersonView,
    pub text: String,
    pub media: Vec<MediaView>,
    /// The areas of learning the family tagged it with (a "wow moment").
    pub areas: Vec<AreaOfLearning>,
    pub status: ContributionStatus,
    #[schema(value_type = String)]
    pub created_at: Timestamp,
    #[schema(value_type = Option<String>)]
    pub decided_at: Option<Timestamp>,
    /// Why it was not added (seen by staff and the family).
    pub rejection_reason: Option<String>,
    pub version: u64,
}

#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct KeyChildView {
    #[schema(value_type = String)]
    pub child_id: ChildId,
    pub first_name: String,
    pub last_name: String,
    pub date_of_birth: String,
    #[schema(value_type = String)]
    pub room_id: RoomId,
}

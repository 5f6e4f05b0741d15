//! Communications: the setting's news feed, and private messages (`messages`). Staff post to the whole setting or to rooms, with
//! checked photos and videos; a practitioner's post waits for a manager where the setting asks
//! so; an event is a post with a date, and each family replies per child. A family sees what
//! was posted for the setting or their children's rooms while they had access, never through
//! a revoked or held link, and a photo only past every other pictured child's consent (rule 6,
//! as in the journal). Every read that shows children's photos or replies, and every change,
//! writes its access-log line.

pub mod problems;
use lambda_http::{Body, Request, Response};
use nestling_domain::comms::{family_sees, feed_photo_shared, PostAudience, PostStatus, ReplyAnswer};
use nestling_domain::journal::{attachable, Unattachable, UNATTACHED_MEDIA_DAYS};
use nestling_domain::{ChildId, PostId, Role, RoomId, SettingId, Timestamp, UserId};
use nestling_platform::access::{Authorized, MediaAudience};
use nestling_platform::http::{ApiResult, Problem};
use nestling_platform::media::{self, MediaView};
use nestling_platform::records::{EntryMedia, EventRecord, EventReplyRecord, MediaRecord, PostRecord, RosterRecord};
use nestling_platform::App;
pub use problems::CommsProblem;
use serde::Serialize;
use std::collections::BTreeSet;

mod message_alerts;
mod messages;
mod posts;
mod reminders;
mod replies;
pub use message_alerts::*;
pub use messages::*;
pub use posts::*;
pub use reminders::*;
pub use replies::*;

/// Someone named on a post or a reply.
#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct NamedPerson {
    #[schema(value_type = String)]
    pub user_id: UserId,
    pub name: String,
}

/// An event as families and staff see it: the setting's local date and times.
#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct EventView {
    pub title: String,
    pub date: String,
    pub starts_at: String,
    pub ends_at: Option<String>,
    pub place: String,
    pub bring: Option<String>,
    pub capacity: Option<u32>,
    /// Places left, when the event has a capacity.
    pub places_left: Option<u32>,
    pub reply_by: Option<String>,
    /// Replies are still taken today (the setting's date).
    pub replies_open: bool,
}

/// A post as one viewer may see it.
#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct PostView {
    #[schema(value_type = String)]
    pub post_id: PostId,
    pub author: NamedPerson,
    pub author_role: Role,
    pub audience: PostAudience,
    pub text: String,
    pub media: Vec<MediaView>,
    pub event: Option<EventView>,
    pub status: PostStatus,
    pub pinned: bool,
    #[schema(value_type = String)]
    pub created_at: Timestamp,
    #[schema(value_type = Option<String>)]
    pub published_at: Option<Timestamp>,
    pub version: u64,
}

/// The feed: pinned posts first (on the first page only), then the rest newest first.
#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct FeedPage {
    pub pinned: Vec<PostView>,
    pub items: Vec<PostView>,
    pub next_cursor: Option<String>,
}

/// How the caller stands to the feed, decided once per request from the authorisation and the
/// roster: staff see everything; a family sees through their live, unheld children.
pub(crate) enum Reader {
    Staff,
    Family {
        /// When their access to the setting began: they see nothing posted before.
        since: Timestamp,
        /// The rooms of their children whose links are live and not held.
        rooms: BTreeSet<RoomId>,
        /// Those children, when the caller is a parent (family members see no child's data,
        /// so to them every pictured child needs the consent).
        own: BTreeSet<ChildId>,
        /// Some of their linked children are under a safeguarding hold.
        any_held: bool,
    },
}

impl Reader {
    pub(crate) fn of(auth: &Authorized, roster: &RosterRecord) -> Reader {
        if auth.is_staff() {
            return Reader::Staff;
        }
        let member = auth.member();
        let since = member.activated_at.unwrap_or(member.invited_at);
        let today = auth.setting().today(auth.now).to_string();
        let mut rooms = BTreeSet::new();
        let mut live = BTreeSet::new();
        let mut any_held = false;
        for child_id in &member.linked_children {
            // A child who has left no longer brings their family the setting's news.
            let Some(entry) = roster.children.get(child_id).filter(|e| !e.has_left(&today)) else { continue };
            if entry.held {
                any_held = true;
                continue;
            }
            rooms.insert(entry.room_id.clone());
            live.insert(child_id.clone());
        }
        let own = if member.role == Role::Parent { live } else { BTreeSet::new() };
        Reader::Family { since, rooms, own, any_held }
    }

    /// A family with no live, unheld child sees no feed: 403 `access-suspended` when a hold is
    /// why (a revoked last link is refused by the authorisation already).
    pub(crate) fn check_any(&self) -> ApiResult<()> {
        match self {
            Reader::Family { rooms, any_held: true, .. } if rooms.is_empty() => Err(Problem::access_suspended()),
            Reader::Family { rooms, .. } if rooms.is_empty() => Err(Problem::not_found()),
            _ => Ok(()),
        }
    }

    /// Whether this reader is shown `post` at all.
    pub(crate) fn sees(&self, post: &PostRecord, caller: &UserId, is_manager: bool) -> bool {
        match (self, post.status) {
            (_, PostStatus::Withdrawn) => false,
            // A post waiting for approval: its author and the managers.
            (Reader::Staff, PostStatus::Pending) => is_manager || post.author_id == *caller,
            (Reader::Staff, PostStatus::Published) => true,
            (Reader::Family { .. }, PostStatus::Pending) => false,
            (Reader::Family { since, rooms, .. }, PostStatus::Published) => {
                post.published_at.is_some_and(|published| family_sees(&post.audience, published, *since, rooms))
            }
        }
    }

    /// Who the reader is to photos and videos (rule 6 for families, rule 8 off the premises).
    pub(crate) fn media_audience(&self, auth: &Authorized, roster: &RosterRecord) -> MediaAudience {
        match self {
            Reader::Staff => auth.media_audience(Some(roster), BTreeSet::new()),
            Reader::Family { own, .. } => MediaAudience::Family(own.clone()),
        }
    }
}

/// A post as `audience` may see it, with the children whose photos it hands out added to
/// `shown` (for the access-log line).
pub(crate) async fn post_view(
    app: &App,
    post: &PostRecord,
    audience: &MediaAudience,
    roster: &RosterRecord,
    today: time::Date,
    shown: &mut BTreeSet<ChildId>,
) -> ApiResult<PostView> {
    let consents = |c: &ChildId| roster.children.get(c).is_some_and(|e| e.photos_in_other_journals);
    let mut media = Vec::new();
    for m in &post.media {
        let shared = feed_photo_shared(audience.viewer(), &m.children, consents);
        if shared {
            shown.extend(m.children.iter().cloned());
        }
        media.push(media::media_view(app, &post.setting_id, m, shared).await?);
    }
    Ok(PostView {
        post_id: post.post_id.clone(),
        author: NamedPerson { user_id: post.author_id.clone(), name: post.author_name.clone() },
        author_role: post.author_role,
        audience: post.audience.clone(),
        text: post.text.clone(),
        media,
        event: post.event.as_ref().map(|e| event_view(e, post.places_taken, today)),
        status: post.status,
        pinned: post.pinned,
        created_at: post.created_at,
        published_at: post.published_at,
        version: post.version,
    })
}

fn event_view(e: &EventRecord, places_taken: u32, today: time::Date) -> EventView {
    let date = parse_date(&e.date).ok();
    let reply_by = e.reply_by.as_deref().and_then(|d| parse_date(d).ok());
    EventView {
        title: e.title.clone(),
        date: e.date.clone(),
        starts_at: e.starts_at.clone(),
        ends_at: e.ends_at.clone(),
        place: e.place.clone(),
        bring: e.bring.clone(),
        capacity: e.capacity,
        places_left: e.capacity.map(|c| c.saturating_sub(places_taken)),
        reply_by: e.reply_by.clone(),
        replies_open: date.is_some_and(|d| nestling_domain::comms::replies_open(d, reply_by, today)),
    }
}

pub(crate) const DATE: &[time::format_description::FormatItem<'static>] = time::macros::format_description!("[year]-[month]-[day]");
pub(crate) const TIME: &[time::format_description::FormatItem<'static>] = time::macros::format_description!("[hour]:[minute]");

pub(crate) fn parse_date(raw: &str) -> Result<time::Date, time::error::Parse> {
    time::Date::parse(raw, DATE)
}

/// Today in the setting's time zone.
pub(crate) fn today(app: &App, auth: &Authorized) -> time::Date {
    auth.setting().today(app.clock.now())
}

/// The roster loaded with the authorisation (an empty one for a setting that has none yet).
pub(crate) fn roster_of(auth: &Authorized, setting_id: &SettingId) -> ApiResult<RosterRecord> {
    Ok(auth.record::<RosterRecord>(&RosterRecord::key(setting_id))?.unwrap_or_else(|| RosterRecord::empty(setting_id)))
}

/// Media may join a post once, when checked, and only staff's own uploads.
pub(crate) fn check_attachable(m: &MediaRecord) -> ApiResult<()> {
    if !m.uploader_role.is_staff() {
        return Err(Problem::invalid("mediaIds must name photos or videos uploaded by staff"));
    }
    attachable(m.status, m.entry_id.is_some()).map_err(|why| match why {
        Unattachable::Taken => Problem::from(CommsProblem::MediaTaken),
        Unattachable::NotReady => Problem::from(CommsProblem::MediaNotReady),
        Unattachable::Rejected => Problem::invalid("mediaIds names a photo or video that was rejected"),
        Unattachable::Expired => Problem::invalid(format!(
            "mediaIds names a photo or video that waited more than {UNATTACHED_MEDIA_DAYS} days for a post and was deleted; upload it again"
        )),
    })
}

pub(crate) fn entry_media(m: &MediaRecord) -> EntryMedia {
    EntryMedia { media_id: m.media_id.clone(), media_type: m.media_type, children: m.children.clone(), thumbnail: m.thumbnail }
}

/// A reply as staff or the child's family see it; `answer: null` is "not replied yet".
#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ReplyView {
    #[schema(value_type = String)]
    pub child_id: ChildId,
    pub first_name: String,
    #[schema(value_type = String)]
    pub room_id: RoomId,
    pub answer: Option<ReplyAnswer>,
    pub note: Option<String>,
    pub replied_by: Option<NamedPerson>,
    #[schema(value_type = Option<String>)]
    pub replied_at: Option<Timestamp>,
    pub version: Option<u64>,
}

impl ReplyView {
    pub(crate) fn of(child_id: &ChildId, roster: &RosterRecord, reply: Option<&EventReplyRecord>) -> ReplyView {
        let entry = roster.children.get(child_id);
        ReplyView {
            child_id: child_id.clone(),
            first_name: entry.map(|e| e.first_name.clone()).unwrap_or_default(),
            room_id: entry.map(|e| e.room_id.clone()).unwrap_or_else(|| RoomId::parse("unknown").expect("an id")),
            answer: reply.map(|r| r.answer),
            note: reply.and_then(|r| r.note.clone()),
            replied_by: reply.map(|r| NamedPerson { user_id: r.replied_by.clone(), name: r.replied_by_name.clone() }),
            replied_at: reply.map(|r| r.replied_at),
            version: reply.map(|r| r.version),
        }
    }
}

// The use case behind each of this area's route-table names (the local gateway serves them).
nestling_platform::routes! {
    "posts-create" => create_post,
    "posts-list" => list_posts,
    "posts-get" => get_post,
    "posts-pin" => pin_post,
    "posts-approve" => approve_post,
    "posts-withdraw" => withdraw_post,
    "event-reply" => reply_to_event,
    "feed-policy-set" => set_feed_policy,
    "threads-start" => start_thread,
    "broadcasts-send" => send_broadcast,
    "threads-list" => list_threads,
    "threads-get" => get_thread,
    "messages-send" => send_message,
    "messages-withdraw" => withdraw_message,
    "household-set" => set_household,
    "messaging-policy-set" => set_messaging_policy,
    "message-recipients" => count_message_recipients,
}

#[cfg(test)]
mod message_tests;
#[cfg(test)]
mod tests;

//! Private messages between a setting and families. A thread is about one child (with that
//! child's parents, one household at a time) or is a broadcast to a room's or the whole
//! setting's families, who read it and answer in a thread of their own. Who may read a thread
//! is decided at every request from the records as they are then (live link, no hold, the
//! agreement, the household), never from a list kept when it was sent. Every read and send is
//! in the access log; the other side is emailed only after the withdraw window, if still
//! unread (the `message-alerts` schedule).

use super::*;
use nestling_domain::journal::distinct_ids;
use nestling_domain::messages::{
    alert_at, family_reads, family_writes, households_to_write, may_withdraw, staff_reads, LinkNow, ParentWritesTo, SettingSide,
    ThreadAbout, MAX_MEDIA_PER_MESSAGE,
};
use nestling_domain::{Action, EntryId, GuardianAccess, MediaId, MessageId, MessageText, ThreadId, ThreadSubject};
use nestling_platform::access::{authorize, authorize_child, beside_authorisation};
use nestling_platform::http;
use nestling_platform::records::{family_inbox, ChildRecord, GuardianLinkRecord, MessageRecord, PointRecord, SettingRecord, ThreadRecord};
use nestling_platform::store::{from_item, keys, to_item, Change, Condition, Index, Key, Query, Write};
use nestling_platform::writes::AuditAction;
use nestling_platform::{writes, Audit, Commit};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::Arc;

/// The newest threads a family's inbox shows (their inbox reads several partitions at once).
pub const FAMILY_INBOX_LIMIT: usize = 50;

/// A thread as one reader sees it.
#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ThreadView {
    #[schema(value_type = String)]
    pub thread_id: ThreadId,
    pub about: ThreadAbout,
    pub with: SettingSide,
    pub subject: String,
    pub child_name: Option<String>,
    pub with_name: Option<String>,
    pub started_by: NamedPerson,
    pub started_by_staff: bool,
    #[schema(value_type = String)]
    pub created_at: Timestamp,
    #[schema(value_type = String)]
    pub last_message_at: Timestamp,
    pub last_message_by_staff: bool,
    pub message_count: u64,
    /// Something arrived since the reader last opened it.
    pub unread: bool,
    /// The reader may write in it (families answer a broadcast in a thread of their own).
    pub can_reply: bool,
}

impl ThreadView {
    fn of(t: &ThreadRecord, reader: &UserId, can_reply: bool) -> ThreadView {
        ThreadView {
            thread_id: t.thread_id.clone(),
            about: t.about.clone(),
            with: t.with.clone(),
            subject: t.subject.clone(),
            child_name: t.child_name.clone(),
            with_name: t.with_name.clone(),
            started_by: NamedPerson { user_id: t.started_by.clone(), name: t.started_by_name.clone() },
            started_by_staff: t.started_by_staff,
            created_at: t.created_at,
            last_message_at: t.last_message_at,
            last_message_by_staff: t.last_message_by_staff,
            message_count: t.message_count,
            unread: !t.read_by_since_last(reader),
            can_reply,
        }
    }
}

/// One message as one reader sees it: a withdrawn one keeps its place without its words.
#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct MessageView {
    #[schema(value_type = String)]
    pub message_id: MessageId,
    pub author: NamedPerson,
    pub by_staff: bool,
    pub text: Option<String>,
    pub media: Vec<MediaView>,
    pub urgent: bool,
    #[schema(value_type = String)]
    pub sent_at: Timestamp,
    pub withdrawn: bool,
    /// The reader sent it and may still take it back.
    pub may_withdraw: bool,
    /// Who on the other side has read it, where the setting shows it to this side.
    pub read_by: Option<Vec<NamedPerson>>,
}

#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ThreadDetail {
    pub thread: ThreadView,
    pub messages: Vec<MessageView>,
}

#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Inbox {
    pub items: Vec<ThreadView>,
    pub next_cursor: Option<String>,
}

/// What a send answers: the message, and when the setting's staff will be told of a family's
/// message sent outside the opening hours.
#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Sent {
    pub message: MessageView,
    #[schema(value_type = Option<String>)]
    pub staff_told_at: Option<Timestamp>,
}

/// The threads a start made (one per household of the child's parents).
#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Started {
    pub threads: Vec<ThreadView>,
    #[schema(value_type = Option<String>)]
    pub staff_told_at: Option<Timestamp>,
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NewMessage {
    #[schema(value_type = String)]
    pub text: MessageText,
    /// Ready photos or videos the sender uploaded (up to 5).
    #[serde(default)]
    pub media_ids: Vec<String>,
    /// Managers only: the email ignores the family's email preferences (audited).
    #[serde(default)]
    pub urgent: bool,
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NewThread {
    #[schema(value_type = String)]
    pub subject: ThreadSubject,
    #[schema(value_type = String)]
    pub text: MessageText,
    /// A parent: whom at the setting (required); staff leave it out.
    pub to: Option<ParentWritesTo>,
    /// With `to: point-contact`: the point (one of the child's, published to the parent) whose
    /// first contact the message goes to.
    pub point_id: Option<String>,
    #[serde(default)]
    pub media_ids: Vec<String>,
    #[serde(default)]
    pub urgent: bool,
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NewBroadcast {
    #[schema(value_type = String)]
    pub subject: ThreadSubject,
    #[schema(value_type = String)]
    pub text: MessageText,
    /// One room's families; none: the whole setting's (managers only).
    pub room_id: Option<String>,
    #[serde(default)]
    pub media_ids: Vec<String>,
    #[serde(default)]
    pub urgent: bool,
}

/// A guardian's live links as the messages see them now: every unrevoked link of theirs
/// among `children`, with its room, access, hold and household.
fn links_now<'a>(user: &UserId, children: impl IntoIterator<Item = &'a ChildRecord>) -> BTreeMap<ChildId, LinkNow> {
    children
        .into_iter()
        .filter_map(|c| {
            let link = c.guardians.get(user).filter(|l| !l.is_revoked())?;
            Some((c.child_id.clone(), link_now(c, link)))
        })
        .collect()
}

/// One guardian link of a child as the messages' rules take it.
pub(crate) fn link_now(child: &ChildRecord, link: &GuardianLinkRecord) -> LinkNow {
    LinkNow {
        room: child.room_id.clone(),
        access: link.access,
        held: child.hold.is_some(),
        household: link.household,
        since: link.linked_at,
    }
}

/// The media a request's body names and their keys, to be loaded with the authorisation
/// (none while the body is invalid: its problem is answered after the authorisation).
fn requested_media(setting_id: &SettingId, raw: Option<&[String]>) -> (ApiResult<()>, Vec<Key>) {
    match raw.map(media_ids) {
        Some(Ok(ids)) => (Ok(()), ids.iter().map(|m| MediaRecord::key(setting_id, m)).collect()),
        Some(Err(problem)) => (Err(problem), Vec::new()),
        None => (Ok(()), Vec::new()),
    }
}

/// A family's links as a broadcast sees them, from the roster read with the authorisation
/// (room and hold of each child the membership lists, which holds live links only), dated
/// from when the person's access to the setting began: a room's or the setting's broadcast
/// sent since then is theirs to read, as the news feed is.
fn broadcast_links(auth: &Authorized, roster: &RosterRecord, children: &[ChildId]) -> BTreeMap<ChildId, LinkNow> {
    let member = auth.member();
    let since = member.activated_at.unwrap_or(member.invited_at);
    // As on the feed: a parent's children are their own in a broadcast's photos.
    let access = if member.role == Role::Parent { GuardianAccess::Parent } else { GuardianAccess::Family };
    let today = auth.setting().today(auth.now).to_string();
    children
        .iter()
        .filter_map(|child_id| {
            let e = roster.children.get(child_id).filter(|e| !e.has_left(&today))?;
            Some((child_id.clone(), LinkNow { room: e.room_id.clone(), access, held: e.held, household: None, since }))
        })
        .collect()
}

/// Who the caller is to one thread, from the records read with the authorisation.
enum Side {
    Staff,
    Family(BTreeMap<ChildId, LinkNow>),
}

impl Side {
    fn reads(&self, auth: &Authorized, t: &ThreadRecord) -> bool {
        match self {
            Side::Staff => staff_reads(&t.with, auth.member().role, &auth.caller.user_id),
            Side::Family(links) => family_reads(&t.about, t.created_at, links),
        }
    }
    fn writes(&self, auth: &Authorized, t: &ThreadRecord) -> bool {
        match self {
            Side::Staff => self.reads(auth, t),
            Side::Family(links) => family_writes(&t.about, t.created_at, links),
        }
    }
}

/// The thread's two copies and its child's record, read with the authorisation; answers the
/// copy of the caller's side, or 404 when the caller is not (or no longer) in the thread.
struct ThreadContext {
    auth: Authorized,
    side: Side,
    staff_copy: ThreadRecord,
    family_copy: ThreadRecord,
    roster: RosterRecord,
}

impl ThreadContext {
    fn own_copy(&self) -> &ThreadRecord {
        match self.side {
            Side::Staff => &self.staff_copy,
            Side::Family(_) => &self.family_copy,
        }
    }
    fn own_key(&self) -> Key {
        let t = self.own_copy();
        Key::new(t.pk.clone(), t.sk.clone())
    }
    fn audit(&self, action: AuditAction) -> Audit {
        let t = &self.staff_copy;
        match t.about.child() {
            Some(child) => Audit::child(&t.setting_id, action, child),
            None => Audit::of(&t.setting_id, action, format!("thread:{}", t.thread_id)),
        }
        .detail(format!("thread:{}", t.thread_id))
    }
}

fn thread_keys(setting_id: &SettingId, thread_id: &ThreadId) -> Vec<Key> {
    let mut keys = vec![
        ThreadRecord::staff_key(setting_id, thread_id),
        ThreadRecord::family_key(setting_id, thread_id),
        RosterRecord::key(setting_id),
    ];
    if let Some(child) = thread_id.child() {
        keys.push(ChildRecord::key(setting_id, &child));
    }
    keys
}

fn context(auth: Authorized, setting_id: &SettingId, thread_id: &ThreadId) -> ApiResult<ThreadContext> {
    let keys = thread_keys(setting_id, thread_id);
    let staff_copy: ThreadRecord = auth.record(&keys[0])?.ok_or_else(Problem::not_found)?;
    let family_copy: ThreadRecord = auth.record(&keys[1])?.ok_or_else(Problem::not_found)?;
    let roster = roster_of(&auth, setting_id)?;
    let side = if auth.is_staff() {
        Side::Staff
    } else {
        // A child's thread: the guardian's link on the child's record, read with the
        // authorisation; a broadcast: every live link as the roster has it.
        let links = match keys.get(3) {
            Some(key) => {
                let child: Option<ChildRecord> = auth.record(key)?;
                links_now(&auth.caller.user_id, child.as_slice())
            }
            None => broadcast_links(&auth, &roster, &auth.member().linked_children),
        };
        Side::Family(links)
    };
    let ctx = ThreadContext { auth, side, staff_copy, family_copy, roster };
    if !ctx.side.reads(&ctx.auth, &ctx.staff_copy) {
        return Err(Problem::not_found());
    }
    Ok(ctx)
}

/// Photos and videos the caller uploaded, ready and not yet attached anywhere.
fn check_message_media(auth: &Authorized, keys: &[Key]) -> ApiResult<Vec<MediaRecord>> {
    let mut media = Vec::new();
    for record in auth.records::<MediaRecord>(keys)? {
        let record = record.ok_or_else(|| Problem::invalid("mediaIds must name media of this setting"))?;
        if record.uploaded_by != auth.caller.user_id {
            return Err(Problem::invalid("mediaIds must name photos or videos you uploaded"));
        }
        attachable(record.status, record.entry_id.is_some()).map_err(|why| match why {
            Unattachable::Taken => Problem::from(CommsProblem::MediaTaken),
            Unattachable::NotReady => Problem::from(CommsProblem::MediaNotReady),
            Unattachable::Rejected | Unattachable::Expired => {
                Problem::invalid("mediaIds names a photo or video that can no longer be sent")
            }
        })?;
        media.push(record);
    }
    Ok(media)
}

fn media_ids(raw: &[String]) -> ApiResult<Vec<MediaId>> {
    if raw.len() > MAX_MEDIA_PER_MESSAGE {
        return Err(Problem::invalid(format!("mediaIds may name at most {MAX_MEDIA_PER_MESSAGE}")));
    }
    if !raw.is_empty() {
        distinct_ids("mediaIds", raw, MAX_MEDIA_PER_MESSAGE).map_err(Problem::invalid)?;
    }
    http::body_ids("mediaIds", raw)
}

fn attach(app: &App, m: &MediaRecord, message_id: &MessageId) -> Write {
    let change = Change::new()
        .set("entryId", &EntryId::from(message_id.clone()))
        .set("shownIn", &Vec::<ChildId>::new())
        .remove("GSI1PK")
        .remove("GSI1SK")
        .next_version()
        .when(Condition::eq("status", "ready").and(Condition::not_exists("entryId")));
    app.store().change(&MediaRecord::key(&m.setting_id, &m.media_id), change)
}

/// When the other side is told of a message sent now, as an instant.
fn alert_time(app: &App, auth: &Authorized, to_staff: bool) -> (Timestamp, Option<Timestamp>) {
    let setting = auth.setting();
    let offset_now = app.clock.now();
    let local = nestling_domain::care::local(offset_now, &setting.timezone);
    let local_now = time::PrimitiveDateTime::new(local.date(), local.time());
    let hours = setting.messaging.opening_hours.as_ref().and_then(|h| h.hours());
    let due_local = alert_at(local_now, to_staff, hours.as_ref());
    let due = app.clock.timestamp() + (due_local - local_now);
    let held = to_staff
        && hours.as_ref().is_some_and(|h| !h.is_open(local_now + time::Duration::minutes(nestling_domain::messages::WITHDRAW_MINUTES)));
    (due, held.then_some(due))
}

struct Outgoing<'a> {
    thread_id: &'a ThreadId,
    message_id: MessageId,
    text: String,
    media: &'a [MediaRecord],
    urgent: bool,
}

fn message_record(app: &App, auth: &Authorized, setting_id: &SettingId, o: &Outgoing<'_>, due: Timestamp) -> MessageRecord {
    MessageRecord {
        pk: keys::thread(setting_id, o.thread_id),
        sk: keys::message(&o.message_id),
        gsi1pk: Some(keys::MESSAGE_ALERTS.into()),
        gsi1sk: Some(keys::message_alert(due, setting_id, o.thread_id, &o.message_id)),
        kind: "message".into(),
        setting_id: setting_id.clone(),
        thread_id: o.thread_id.clone(),
        message_id: o.message_id.clone(),
        author_id: auth.caller.user_id.clone(),
        author_name: auth.member().name.clone(),
        by_staff: auth.is_staff(),
        text: o.text.clone(),
        media: o.media.iter().map(entry_media).collect(),
        urgent: o.urgent,
        sent_at: app.clock.timestamp(),
        alert_at: due,
        withdrawn_at: None,
        version: 1,
    }
}

/// A message as `reader` sees it; `shown` gathers the children whose photos it hands out.
async fn message_view(
    app: &App,
    m: &MessageRecord,
    reader: &UserId,
    audience: &MediaAudience,
    roster: &RosterRecord,
    read_marks: Option<&ThreadRecord>,
    shown: &mut BTreeSet<ChildId>,
) -> ApiResult<MessageView> {
    let consents = |c: &ChildId| roster.children.get(c).is_some_and(|e| e.photos_in_other_journals);
    let mut media = Vec::new();
    if !m.is_withdrawn() {
        for e in &m.media {
            let shared = feed_photo_shared(audience.viewer(), &e.children, consents);
            if shared {
                shown.extend(e.children.iter().cloned());
            }
            media.push(media::media_view(app, &m.setting_id, e, shared).await?);
        }
    }
    let now = app.clock.now();
    let own = m.author_id == *reader;
    let read_by = read_marks.filter(|_| own).map(|other| {
        other
            .read_by
            .iter()
            .filter(|(_, at)| **at >= m.sent_at)
            .map(|(user_id, _)| NamedPerson {
                user_id: user_id.clone(),
                name: other.reader_names.get(user_id).cloned().unwrap_or_else(|| "Someone".into()),
            })
            .collect()
    });
    Ok(MessageView {
        message_id: m.message_id.clone(),
        author: NamedPerson { user_id: m.author_id.clone(), name: m.author_name.clone() },
        by_staff: m.by_staff,
        text: (!m.is_withdrawn()).then(|| m.text.clone()),
        media,
        urgent: m.urgent,
        sent_at: m.sent_at,
        withdrawn: m.is_withdrawn(),
        may_withdraw: own && !m.is_withdrawn() && may_withdraw(prim(m.sent_at), prim(now.into())),
        read_by,
    })
}

/// The reader's mark on their side's copy: when they read it, and their name for "seen by".
fn read_mark(change: Change, reader: &UserId, name: &str, at: Timestamp) -> Change {
    use nestling_platform::store::Path;
    change.set(Path::new("readBy").key(reader.as_str()), &at).set(Path::new("readerNames").key(reader.as_str()), &name)
}

fn prim(at: Timestamp) -> time::PrimitiveDateTime {
    let at = at.at();
    time::PrimitiveDateTime::new(at.date(), at.time())
}

/// The two copies of a new thread.
#[allow(clippy::too_many_arguments)]
fn thread_copies(
    app: &App,
    auth: &Authorized,
    setting_id: &SettingId,
    thread_id: &ThreadId,
    about: ThreadAbout,
    with: SettingSide,
    subject: &ThreadSubject,
    child_name: Option<String>,
    with_name: Option<String>,
) -> (ThreadRecord, ThreadRecord) {
    let now = app.clock.timestamp();
    let me = auth.caller.user_id.clone();
    let staff = ThreadRecord {
        pk: keys::thread(setting_id, thread_id),
        sk: keys::THREAD_STAFF.into(),
        gsi1pk: keys::staff_inbox(setting_id),
        gsi1sk: keys::inbox_order(now, thread_id),
        kind: "thread".into(),
        setting_id: setting_id.clone(),
        thread_id: thread_id.clone(),
        about: about.clone(),
        with,
        subject: subject.to_string(),
        child_name,
        with_name,
        started_by: me.clone(),
        started_by_name: auth.member().name.clone(),
        started_by_staff: auth.is_staff(),
        created_at: now,
        last_message_at: now,
        last_message_by_staff: auth.is_staff(),
        message_count: 1,
        read_by: if auth.is_staff() { BTreeMap::from([(me.clone(), now)]) } else { BTreeMap::new() },
        reader_names: if auth.is_staff() { BTreeMap::from([(me.clone(), auth.member().name.clone())]) } else { BTreeMap::new() },
    };
    let family = ThreadRecord {
        sk: keys::THREAD_FAMILY.into(),
        gsi1pk: family_inbox(setting_id, &about),
        kind: "thread-family".into(),
        read_by: if auth.is_staff() { BTreeMap::new() } else { BTreeMap::from([(me.clone(), now)]) },
        reader_names: if auth.is_staff() { BTreeMap::new() } else { BTreeMap::from([(me, auth.member().name.clone())]) },
        ..staff.clone()
    };
    (staff, family)
}

/// One of the child's points by its id, when a message is about one (a pupil's points are few:
/// the partition is read with the id as its filter).
async fn point_of(app: &App, setting_id: &SettingId, child_id: &ChildId, point_id: Option<&str>) -> Result<Option<PointRecord>, Problem> {
    let Some(point_id) = point_id else { return Ok(None) };
    let query = Query::partition(Index::Table, keys::pupil_points(setting_id, child_id))
        .prefix("POINT#")
        .limit(1000)
        .filter(Some(Condition::eq("pointId", point_id)));
    Ok(app.store().every_as::<PointRecord>(query).await?.into_iter().next())
}

/// POST /v1/settings/{settingId}/children/{childId}/threads: a thread about one child. A
/// parent writes to the key person, the room or the managers, in their own household's
/// thread; staff write to the child's parents, one thread per household they are in.
pub async fn start_thread(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("threads-start", req, |req| async move {
        let setting_id = http::path_id::<SettingId>(&req, "settingId")?;
        let child_id = http::path_id::<ChildId>(&req, "childId")?;
        let body = http::json_body::<NewThread>(&req);
        let (ids, media_keys) = requested_media(&setting_id, body.as_ref().ok().map(|b| b.media_ids.as_slice()));
        let extra: Vec<Key> = media_keys.iter().cloned().chain([RosterRecord::key(&setting_id)]).collect();
        // A message about a point: the point is found beside the authorisation.
        let point_id = body.as_ref().ok().and_then(|b| b.point_id.clone());
        let (auth, point) = beside_authorisation(
            authorize_child(&app, &req, "threads-start", &setting_id, &child_id, Action::StartThread, &extra),
            point_of(&app, &setting_id, &child_id, point_id.as_deref()),
        )
        .await?;
        let body = body?;
        ids?;
        let media = check_message_media(&auth, &media_keys)?;
        if body.urgent && !auth.is_manager() {
            return Err(Problem::forbidden().with_detail("only managers send urgent messages"));
        }
        let point_contact = match (body.to, &body.point_id) {
            (Some(ParentWritesTo::PointContact), Some(_)) => {
                auth.also_allowed_on_child(Action::ViewPoints)?;
                let point = point
                    .filter(|p| auth.setting().reached_family(p.given_at.at(), auth.now))
                    .ok_or_else(|| Problem::invalid("pointId: one of the child's points you can read"))?;
                Some(point.first_contact)
            }
            (Some(ParentWritesTo::PointContact), None) | (_, Some(_)) => {
                return Err(Problem::invalid("pointId goes with to: point-contact, and only with it"));
            }
            _ => None,
        };
        if let Some(replay) = writes::replay_logged(&app, &auth, &setting_id, AuditAction::MessageSend, vec![child_id.clone()]).await? {
            return Ok(auth.tag(replay));
        }
        let child = auth.child().clone();
        let child_name = Some(format!("{} {}", child.first_name, child.last_name));
        // (about, with, the name the setting's side goes by)
        let mut plans: Vec<(ThreadAbout, SettingSide, Option<String>)> = Vec::new();
        if auth.is_staff() {
            if body.to.is_some() {
                return Err(Problem::invalid("to is for parents writing to the setting; staff write to the child's parents"));
            }
            // Under a hold no guardian may read about the child: nothing is queued for them
            // to find when it lifts.
            if child.hold.is_some() {
                return Err(Problem::from(CommsProblem::NoOneToWrite)
                    .with_detail("the child is under a safeguarding hold: no parent can read messages about them now"));
            }
            let parents = child.guardians.values().filter(|l| !l.is_revoked() && l.access == GuardianAccess::Parent);
            let households: Vec<_> = parents.map(|l| l.household).collect();
            if households.is_empty() {
                return Err(Problem::from(CommsProblem::NoOneToWrite));
            }
            for household in households_to_write(&households) {
                let with = SettingSide::Person { user_id: auth.caller.user_id.clone() };
                plans.push((ThreadAbout::Child { child_id: child_id.clone(), household }, with, Some(auth.member().name.clone())));
            }
        } else {
            let to = body.to.ok_or_else(|| Problem::invalid("to must say whom at the setting: key-person, room or managers"))?;
            let link = child.guardians.get(&auth.caller.user_id).ok_or_else(Problem::not_found)?;
            let with = to
                .side(&child.key_person_id, &child.room_id, point_contact.as_ref().map(|c| &c.user_id))
                .ok_or_else(|| Problem::invalid("pointId: the point whose first contact to write to"))?;
            let with_name = match to {
                ParentWritesTo::KeyPerson => Some(child.key_person_name.clone()),
                ParentWritesTo::Room => None,
                ParentWritesTo::Managers => Some("The managers".to_string()),
                ParentWritesTo::PointContact => point_contact.as_ref().map(|c| c.name.clone()),
            };
            plans.push((ThreadAbout::Child { child_id: child_id.clone(), household: link.household }, with, with_name));
        }
        let to_staff = !auth.is_staff();
        let (due, staff_told_at) = alert_time(&app, &auth, to_staff);
        let mut batch = Vec::new();
        let mut views = Vec::new();
        let mut first_message: Option<MessageId> = None;
        for (about, with, with_name) in plans {
            let thread_id = ThreadId::of_child(&child_id, &app.new_sortable_id()).map_err(|e| Problem::invalid(e.to_string()))?;
            let (staff_copy, family_copy) =
                thread_copies(&app, &auth, &setting_id, &thread_id, about, with, &body.subject, child_name.clone(), with_name);
            let message_id: MessageId = app.new_sortable();
            // Attachments bind once, to the first household's message; the others show them too.
            if first_message.is_none() {
                for m in &media {
                    batch.push(attach(&app, m, &message_id));
                }
                first_message = Some(message_id.clone());
            }
            let outgoing = Outgoing { thread_id: &thread_id, message_id, text: body.text.to_string(), media: &media, urgent: body.urgent };
            batch.push(app.store().put_new(to_item(&message_record(&app, &auth, &setting_id, &outgoing, due))));
            batch.push(app.store().put_new(to_item(&staff_copy)));
            batch.push(app.store().put_new(to_item(&family_copy)));
            let own = if auth.is_staff() { &staff_copy } else { &family_copy };
            views.push(ThreadView::of(own, &auth.caller.user_id, true));
        }
        let detail = format!("{} thread(s) with {} media", views.len(), media.len());
        let mut commit = Commit::new(&app, &auth, Audit::child(&setting_id, AuditAction::MessageSend, &child_id).detail(detail));
        if body.urgent {
            commit = commit.also_audit(Audit::child(&setting_id, AuditAction::MessageUrgent, &child_id));
        }
        commit
            .writes(batch)
            .on_conflict(|_| Problem::from(CommsProblem::MediaTakenMeanwhile))
            .answer(201, &Started { threads: views, staff_told_at }, None)
            .await
    })
    .await
}

/// POST /v1/settings/{settingId}/broadcasts: staff write to a room's families, managers to the
/// whole setting's. Families read it and answer in a thread of their own.
pub async fn send_broadcast(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("broadcasts-send", req, |req| async move {
        let setting_id = http::path_id::<SettingId>(&req, "settingId")?;
        let body = http::json_body::<NewBroadcast>(&req);
        let (ids, media_keys) = requested_media(&setting_id, body.as_ref().ok().map(|b| b.media_ids.as_slice()));
        let extra: Vec<Key> = media_keys.iter().cloned().chain([RosterRecord::key(&setting_id)]).collect();
        let auth = authorize(&app, &req, "broadcasts-send", Some(&setting_id), Action::SendBroadcast, &extra).await?;
        let body = body?;
        ids?;
        let media = check_message_media(&auth, &media_keys)?;
        let roster = roster_of(&auth, &setting_id)?;
        let about = match &body.room_id {
            Some(raw) => {
                let room_id = RoomId::parse(raw).map_err(|e| Problem::invalid(e.to_string()))?;
                if !roster.rooms.contains_key(&room_id) {
                    return Err(Problem::invalid("roomId must name a room of this setting"));
                }
                ThreadAbout::Room { room_id }
            }
            None if auth.is_manager() => ThreadAbout::Setting,
            None => return Err(Problem::forbidden().with_detail("only managers write to the whole setting; name a room")),
        };
        if body.urgent && !auth.is_manager() {
            return Err(Problem::forbidden().with_detail("only managers send urgent messages"));
        }
        let pictured: Vec<ChildId> = media.iter().flat_map(|m| m.children.iter().cloned()).collect::<BTreeSet<_>>().into_iter().collect();
        if let Some(replay) = writes::replay_logged(&app, &auth, &setting_id, AuditAction::MessageBroadcast, pictured.clone()).await? {
            return Ok(auth.tag(replay));
        }
        let thread_id: ThreadId = app.new_sortable();
        let (staff_copy, family_copy) = thread_copies(
            &app,
            &auth,
            &setting_id,
            &thread_id,
            about,
            SettingSide::Staff,
            &body.subject,
            None,
            Some(auth.member().name.clone()),
        );
        let (due, _) = alert_time(&app, &auth, false);
        let outgoing = Outgoing {
            thread_id: &thread_id,
            message_id: app.new_sortable(),
            text: body.text.to_string(),
            media: &media,
            urgent: body.urgent,
        };
        let mut batch: Vec<Write> = media.iter().map(|m| attach(&app, m, &outgoing.message_id)).collect();
        batch.push(app.store().put_new(to_item(&message_record(&app, &auth, &setting_id, &outgoing, due))));
        batch.push(app.store().put_new(to_item(&staff_copy)));
        batch.push(app.store().put_new(to_item(&family_copy)));
        let audit = Audit::children(&setting_id, AuditAction::MessageBroadcast, pictured).detail(format!("thread:{thread_id}"));
        let mut commit = Commit::new(&app, &auth, audit);
        if body.urgent {
            commit = commit.also_audit(Audit::of(&setting_id, AuditAction::MessageUrgent, format!("thread:{thread_id}")));
        }
        let view = ThreadView::of(&staff_copy, &auth.caller.user_id, true);
        commit
            .writes(batch)
            .on_conflict(|_| Problem::from(CommsProblem::MediaTakenMeanwhile))
            .answer(201, &Started { threads: vec![view], staff_told_at: None }, None)
            .await
    })
    .await
}

/// GET /v1/settings/{settingId}/threads?limit=&cursor=: the caller's inbox, newest activity
/// first. Staff: one page of the staff inbox beside the authorisation, then the access-log
/// line. A family: the inboxes of their live, unheld children, of those children's rooms and
/// of the setting, read together with their children's records and the access-log line, then
/// each thread decided on the links as those records hold them now.
pub async fn list_threads(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("threads-list", req, |req| async move {
        let setting_id = http::path_id::<SettingId>(&req, "settingId")?;
        let (limit, cursor) = http::paging(&req)?;
        let roster_key = RosterRecord::key(&setting_id);
        let staff_page = async {
            let query = Query::partition(Index::Gsi1, keys::staff_inbox(&setting_id)).limit(limit).newest_first(true);
            app.store().page(query, cursor.as_deref()).await
        };
        let (auth, page) = beside_authorisation(
            authorize(&app, &req, "threads-list", Some(&setting_id), Action::ViewMessages, std::slice::from_ref(&roster_key)),
            staff_page,
        )
        .await?;
        let me = auth.caller.user_id.clone();
        if auth.is_staff() {
            let mut items = Vec::new();
            let mut children = BTreeSet::new();
            for item in page.items {
                let t: ThreadRecord = from_item(item)?;
                if staff_reads(&t.with, auth.member().role, &me) {
                    children.extend(t.about.child().cloned());
                    items.push(ThreadView::of(&t, &me, true));
                }
            }
            let detail = format!("staff inbox, {} threads", items.len());
            Audit::children(&setting_id, AuditAction::MessagesInboxView, children.into_iter().collect())
                .detail(detail)
                .log_read(&app, &auth)
                .await?;
            return Ok(auth.tag(http::ok(&Inbox { items, next_cursor: page.next_cursor })));
        }
        if cursor.is_some() {
            return Err(Problem::invalid("a family's inbox is one page: its newest threads"));
        }
        let roster = roster_of(&auth, &setting_id)?;
        let today = auth.setting().today(auth.now).to_string();
        let live: Vec<ChildId> = auth
            .member()
            .linked_children
            .iter()
            .filter(|c| roster.children.get(*c).is_some_and(|e| !e.held && !e.has_left(&today)))
            .cloned()
            .collect();
        if live.is_empty() {
            let held = auth.member().linked_children.iter().any(|c| roster.children.get(c).is_some_and(|e| e.held));
            return Err(if held { Problem::access_suspended() } else { Problem::not_found() });
        }
        let rooms: BTreeSet<RoomId> = live.iter().filter_map(|c| roster.children.get(c)).map(|e| e.room_id.clone()).collect();
        let mut partitions: Vec<String> = live.iter().map(|c| keys::child_inbox(&setting_id, c)).collect();
        partitions.extend(rooms.iter().map(|r| keys::room_inbox(&setting_id, r)));
        partitions.push(keys::setting_inbox(&setting_id));
        let limit = limit.min(FAMILY_INBOX_LIMIT);
        let reads = partitions.iter().map(|pk| {
            let query = Query::partition(Index::Gsi1, pk.clone()).limit(limit).newest_first(true);
            app.store().page(query, None)
        });
        let child_keys: Vec<Key> = live.iter().map(|c| ChildRecord::key(&setting_id, c)).collect();
        let log = Audit::children(&setting_id, AuditAction::MessagesInboxView, live.clone()).detail("family inbox").log_read(&app, &auth);
        let (pages, children, ()) = tokio::try_join!(
            async { futures::future::try_join_all(reads).await.map_err(Problem::from) },
            async { app.store().get_many(&child_keys).await.map_err(Problem::from) },
            log,
        )?;
        let children: Vec<ChildRecord> = children.into_iter().flatten().map(from_item).collect::<Result<_, _>>()?;
        let child_links = links_now(&me, &children);
        let broadcast_links = broadcast_links(&auth, &roster, &live);
        let links_for = |t: &ThreadRecord| if t.about.is_broadcast() { &broadcast_links } else { &child_links };
        let mut threads: Vec<ThreadRecord> = Vec::new();
        for page in pages {
            for item in page.items {
                let t: ThreadRecord = from_item(item)?;
                if family_reads(&t.about, t.created_at, links_for(&t)) {
                    threads.push(t);
                }
            }
        }
        threads.sort_by_key(|t| std::cmp::Reverse(t.last_message_at));
        threads.truncate(limit);
        let items = threads.iter().map(|t| ThreadView::of(t, &me, family_writes(&t.about, t.created_at, links_for(t)))).collect();
        Ok(auth.tag(http::ok(&Inbox { items, next_cursor: None })))
    })
    .await
}

/// GET /v1/settings/{settingId}/threads/{threadId}: one thread and its messages, oldest
/// first; the caller's read mark is set with the access-log line, both before the answer.
pub async fn get_thread(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("threads-get", req, |req| async move {
        let setting_id = http::path_id::<SettingId>(&req, "settingId")?;
        let thread_id = http::path_id::<ThreadId>(&req, "threadId")?;
        let messages = async {
            let query = Query::partition(Index::Table, keys::thread(&setting_id, &thread_id)).prefix(keys::MESSAGE_PREFIX).limit(500);
            app.store().page(query, None).await
        };
        let (auth, page) = beside_authorisation(
            authorize(&app, &req, "threads-get", Some(&setting_id), Action::ViewMessages, &thread_keys(&setting_id, &thread_id)),
            messages,
        )
        .await?;
        let ctx = context(auth, &setting_id, &thread_id)?;
        let me = ctx.auth.caller.user_id.clone();
        let policy = &ctx.auth.setting().messaging;
        // The other side's read marks, shown on the caller's own messages where allowed.
        let (other, shows_read) = match ctx.side {
            Side::Staff => (&ctx.family_copy, policy.staff_see_read),
            Side::Family(_) => (&ctx.staff_copy, policy.families_see_read),
        };
        let audience = match &ctx.side {
            Side::Staff => ctx.auth.media_audience(Some(&ctx.roster), BTreeSet::new()),
            Side::Family(links) => MediaAudience::Family(
                links.iter().filter(|(_, l)| l.access == GuardianAccess::Parent && !l.held).map(|(c, _)| c.clone()).collect(),
            ),
        };
        let mut shown = BTreeSet::new();
        let mut messages = Vec::new();
        for item in page.items {
            let m: MessageRecord = from_item(item)?;
            messages.push(message_view(&app, &m, &me, &audience, &ctx.roster, shows_read.then_some(other), &mut shown).await?);
        }
        let now = app.clock.timestamp();
        let own_key = ctx.own_key();
        let mark = app.store().update(&own_key, read_mark(Change::new(), &me, &ctx.auth.member().name, now));
        let log = ctx.audit(AuditAction::MessagesThreadView).log_read(&app, &ctx.auth);
        tokio::try_join!(async { mark.await.map_err(Problem::from) }, log)?;
        let mut own = ctx.own_copy().clone();
        own.read_by.insert(me.clone(), now);
        own.reader_names.insert(me.clone(), ctx.auth.member().name.clone());
        let thread = ThreadView::of(&own, &me, ctx.side.writes(&ctx.auth, &ctx.staff_copy));
        Ok(ctx.auth.tag(http::ok(&ThreadDetail { thread, messages })))
    })
    .await
}

/// POST /v1/settings/{settingId}/threads/{threadId}/messages: a reply in a thread the caller
/// is in now. One transaction: the message, both copies' last activity, the sender's read
/// mark and the access-log line.
pub async fn send_message(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("messages-send", req, |req| async move {
        let setting_id = http::path_id::<SettingId>(&req, "settingId")?;
        let thread_id = http::path_id::<ThreadId>(&req, "threadId")?;
        let body = http::json_body::<NewMessage>(&req);
        let (ids, media_keys) = requested_media(&setting_id, body.as_ref().ok().map(|b| b.media_ids.as_slice()));
        let extra: Vec<Key> = thread_keys(&setting_id, &thread_id).into_iter().chain(media_keys.iter().cloned()).collect();
        let auth = authorize(&app, &req, "messages-send", Some(&setting_id), Action::SendMessage, &extra).await?;
        let ctx = context(auth, &setting_id, &thread_id)?;
        let body = body?;
        ids?;
        if !ctx.side.writes(&ctx.auth, &ctx.staff_copy) {
            return Err(Problem::from(CommsProblem::BroadcastReplyOnly));
        }
        let media = check_message_media(&ctx.auth, &media_keys)?;
        if body.urgent && !ctx.auth.is_manager() {
            return Err(Problem::forbidden().with_detail("only managers send urgent messages"));
        }
        let children: Vec<ChildId> = ctx.staff_copy.about.child().cloned().into_iter().collect();
        if let Some(replay) = writes::replay_logged(&app, &ctx.auth, &setting_id, AuditAction::MessageSend, children).await? {
            return Ok(ctx.auth.tag(replay));
        }
        let to_staff = !ctx.auth.is_staff();
        let (due, staff_told_at) = alert_time(&app, &ctx.auth, to_staff);
        let outgoing = Outgoing {
            thread_id: &thread_id,
            message_id: app.new_sortable(),
            text: body.text.to_string(),
            media: &media,
            urgent: body.urgent,
        };
        let record = message_record(&app, &ctx.auth, &setting_id, &outgoing, due);
        let now = record.sent_at;
        let me = ctx.auth.caller.user_id.clone();
        let activity = |copy: &ThreadRecord, mine: bool| {
            let mut change = Change::new()
                .set("lastMessageAt", &now)
                .set("lastMessageByStaff", &ctx.auth.is_staff())
                .set("GSI1SK", &keys::inbox_order(now, &thread_id))
                .increment("messageCount", 1)
                .when(Condition::item_exists());
            if mine {
                change = read_mark(change, &me, &ctx.auth.member().name, now);
            }
            app.store().change(&Key::new(copy.pk.clone(), copy.sk.clone()), change)
        };
        let mut batch: Vec<Write> = media.iter().map(|m| attach(&app, m, &record.message_id)).collect();
        batch.push(app.store().put_new(to_item(&record)));
        batch.push(activity(&ctx.staff_copy, ctx.auth.is_staff()));
        batch.push(activity(&ctx.family_copy, !ctx.auth.is_staff()));
        let mut commit = Commit::new(&app, &ctx.auth, ctx.audit(AuditAction::MessageSend));
        if body.urgent {
            commit = commit.also_audit(ctx.audit(AuditAction::MessageUrgent));
        }
        let mut shown = BTreeSet::new();
        let view = message_view(&app, &record, &me, &MediaAudience::Staff, &ctx.roster, None, &mut shown).await?;
        commit
            .writes(batch)
            .on_conflict(|_| Problem::from(CommsProblem::MediaTakenMeanwhile))
            .answer(201, &Sent { message: view, staff_told_at }, Some(record.version))
            .await
    })
    .await
}

/// DELETE /v1/settings/{settingId}/threads/{threadId}/messages/{messageId}: the sender takes a
/// message back within the window; it keeps its place, without its words or attachments, and
/// nobody is emailed about it.
pub async fn withdraw_message(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("messages-withdraw", req, |req| async move {
        let setting_id = http::path_id::<SettingId>(&req, "settingId")?;
        let thread_id = http::path_id::<ThreadId>(&req, "threadId")?;
        let message_id = http::path_id::<MessageId>(&req, "messageId")?;
        let message_key = MessageRecord::key(&setting_id, &thread_id, &message_id);
        let extra: Vec<Key> = thread_keys(&setting_id, &thread_id).into_iter().chain([message_key.clone()]).collect();
        let auth = authorize(&app, &req, "messages-withdraw", Some(&setting_id), Action::SendMessage, &extra).await?;
        let ctx = context(auth, &setting_id, &thread_id)?;
        let m: MessageRecord = ctx.auth.record(&message_key)?.ok_or_else(Problem::not_found)?;
        if m.author_id != ctx.auth.caller.user_id {
            return Err(Problem::forbidden().with_detail("only its sender may withdraw a message"));
        }
        if m.is_withdrawn() {
            return Err(Problem::from(CommsProblem::MessageWithdrawn));
        }
        if !may_withdraw(prim(m.sent_at), prim(app.clock.timestamp())) {
            return Err(Problem::from(CommsProblem::WithdrawWindowPassed));
        }
        let now = app.clock.timestamp();
        let change = Change::new()
            .set("withdrawnAt", &now)
            .remove("GSI1PK")
            .remove("GSI1SK")
            .next_version()
            .when(Condition::eq("version", &m.version));
        let withdrawn = MessageRecord { withdrawn_at: Some(now), version: m.version + 1, gsi1pk: None, gsi1sk: None, ..m };
        let mut shown = BTreeSet::new();
        let view = message_view(&app, &withdrawn, &ctx.auth.caller.user_id, &MediaAudience::Staff, &ctx.roster, None, &mut shown).await?;
        Commit::new(&app, &ctx.auth, ctx.audit(AuditAction::MessageWithdraw).detail(format!("thread:{thread_id} message:{message_id}")))
            .write(app.store().change(&message_key, change))
            .answer(200, &view, Some(withdrawn.version))
            .await
    })
    .await
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HouseholdRequest {
    /// 1 to 4; null: no household (the guardian shares the child's threads with the others
    /// given none).
    pub household: Option<nestling_domain::messages::Household>,
}

#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct HouseholdView {
    #[schema(value_type = String)]
    pub child_id: ChildId,
    #[schema(value_type = String)]
    pub user_id: UserId,
    pub household: Option<nestling_domain::messages::Household>,
}

/// PUT /v1/settings/{settingId}/children/{childId}/guardians/{userId}/household: a manager
/// marks separated guardians as separate households. From the next request each reads only
/// their own household's threads about the child.
pub async fn set_household(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("household-set", req, |req| async move {
        let setting_id = http::path_id::<SettingId>(&req, "settingId")?;
        let child_id = http::path_id::<ChildId>(&req, "childId")?;
        let user_id = http::path_id::<UserId>(&req, "userId")?;
        let auth = authorize_child(&app, &req, "household-set", &setting_id, &child_id, Action::SetHousehold, &[]).await?;
        let body: HouseholdRequest = http::json_body(&req)?;
        let child = auth.child();
        let link = child.guardians.get(&user_id).filter(|l| !l.is_revoked()).ok_or_else(Problem::not_found)?;
        if link.household == body.household {
            return Ok(auth.tag(http::ok(&HouseholdView { child_id, user_id, household: body.household })));
        }
        let path = nestling_platform::store::Path::new("guardians").key(user_id.as_str()).key("household");
        let change =
            Change::new().set_or_remove(path, body.household.as_ref()).next_version().when(Condition::eq("version", &child.version));
        let detail = format!("{user_id}: {}", body.household.map_or("none".to_string(), |h| h.number().to_string()));
        let view = HouseholdView { child_id: child_id.clone(), user_id, household: body.household };
        Commit::new(&app, &auth, Audit::child(&setting_id, AuditAction::HouseholdSet, &child_id).detail(detail))
            .write(app.store().change(&ChildRecord::key(&setting_id, &child_id), change))
            .answer(200, &view, Some(child.version + 1))
            .await
    })
    .await
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MessagingPolicyRequest {
    pub staff_see_read: bool,
    pub families_see_read: bool,
    /// Local `HH:MM` and days 1 (Monday) to 7; null: staff are emailed at any hour.
    pub opening_hours: Option<nestling_platform::records::OpeningHoursRecord>,
}

/// PUT /v1/settings/{settingId}/messaging-policy: who is shown that a message was read, and
/// the opening hours outside which staff are not emailed about families' messages.
pub async fn set_messaging_policy(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("messaging-policy-set", req, |req| async move {
        let setting_id = http::path_id::<SettingId>(&req, "settingId")?;
        let auth = authorize(&app, &req, "messaging-policy-set", Some(&setting_id), Action::SetMessagingPolicy, &[]).await?;
        let body: MessagingPolicyRequest = http::json_body(&req)?;
        let opening_hours = match body.opening_hours {
            None => None,
            Some(h) => {
                let opens = time::Time::parse(h.opens.trim(), TIME)
                    .map_err(|_| Problem::invalid("openingHours.opens must be a time of day (HH:MM)"))?;
                let closes = time::Time::parse(h.closes.trim(), TIME)
                    .map_err(|_| Problem::invalid("openingHours.closes must be a time of day (HH:MM)"))?;
                let checked =
                    nestling_domain::messages::OpeningHours::new(opens, closes, h.days).map_err(|e| Problem::invalid(e.to_string()))?;
                Some(nestling_platform::records::OpeningHoursRecord {
                    opens: opens.format(TIME).unwrap_or_default(),
                    closes: closes.format(TIME).unwrap_or_default(),
                    days: checked.days,
                })
            }
        };
        let current = auth.setting();
        let policy = nestling_platform::records::MessagingPolicy {
            staff_see_read: body.staff_see_read,
            families_see_read: body.families_see_read,
            opening_hours,
        };
        let setting = SettingRecord { messaging: policy.clone(), version: current.version + 1, ..current.clone() };
        let detail = format!(
            "staff see read: {}, families see read: {}, opening hours: {}",
            policy.staff_see_read,
            policy.families_see_read,
            policy.opening_hours.as_ref().map_or("none".to_string(), |h| format!("{}-{} days {:?}", h.opens, h.closes, h.days))
        );
        Commit::new(&app, &auth, Audit::of(&setting_id, AuditAction::MessagesPolicySet, "setting").detail(detail))
            .write(app.store().put_versioned(to_item(&setting), current.version))
            .answer(200, &policy, Some(setting.version))
            .await
    })
    .await
}

/// Who a message would reach if sent now: the compose screen's count before sending. Counts,
/// never names.
#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct RecipientCount {
    /// Children whose families it reaches (under a hold: not counted, see `held`).
    pub children: usize,
    /// Adults who can read it now: live links, the current agreement accepted; for one child,
    /// parents only (family members read broadcasts only).
    pub adults: usize,
    /// Adults with a live link who will read it once they accept the current agreement.
    pub awaiting_agreement: usize,
    /// Separate threads it makes: a child's households (one for a broadcast).
    pub threads: usize,
    /// Children left out because of a safeguarding hold.
    pub held: usize,
}

/// Counts the adults of `children` a thread about `about` reaches now.
fn count_recipients(setting: &SettingRecord, about: &ThreadAbout, children: &[ChildRecord], held: usize) -> RecipientCount {
    let mut adults = BTreeSet::new();
    let mut awaiting = BTreeSet::new();
    let mut households = Vec::new();
    let mut reached = 0;
    for c in children {
        let mut any = false;
        for (user_id, link) in &c.guardians {
            let counts = !link.is_revoked() && (about.is_broadcast() || link.access == GuardianAccess::Parent);
            if !counts {
                continue;
            }
            any = true;
            households.push(link.household);
            if link.accepted_agreement_version.is_some_and(|v| v >= setting.agreement_version) {
                adults.insert(user_id.clone());
            } else {
                awaiting.insert(user_id.clone());
            }
        }
        reached += usize::from(any);
    }
    awaiting.retain(|u| !adults.contains(u));
    let threads = if about.is_broadcast() { 1 } else { households_to_write(&households).len() };
    RecipientCount { children: reached, adults: adults.len(), awaiting_agreement: awaiting.len(), threads, held }
}

/// GET /v1/settings/{settingId}/message-recipients?childId=|roomId=: staff see, before sending,
/// how many families a message to one child's parents, a room's families or (neither named)
/// the whole setting's would reach now, and how many threads it makes. The children's records
/// are read after the authorisation, a hundred at a time together. Nothing is shown of any
/// child or adult but counts, so no access-log line is written.
pub async fn count_message_recipients(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("message-recipients", req, |req| async move {
        let setting_id = http::path_id::<SettingId>(&req, "settingId")?;
        let child = http::query_param(&req, "childId");
        let room = http::query_param(&req, "roomId");
        let auth = authorize(&app, &req, "message-recipients", Some(&setting_id), Action::SendBroadcast, &[RosterRecord::key(&setting_id)])
            .await?;
        let roster = roster_of(&auth, &setting_id)?;
        let (about, wanted): (ThreadAbout, Vec<ChildId>) = match (child, room) {
            (Some(_), Some(_)) => return Err(Problem::invalid("name a childId or a roomId, not both")),
            (Some(raw), None) => {
                let child_id = ChildId::parse(&raw).map_err(|e| Problem::invalid(e.to_string()))?;
                if !roster.children.contains_key(&child_id) {
                    return Err(Problem::not_found());
                }
                (ThreadAbout::Child { child_id: child_id.clone(), household: None }, vec![child_id])
            }
            (None, Some(raw)) => {
                let room_id = RoomId::parse(&raw).map_err(|e| Problem::invalid(e.to_string()))?;
                if !roster.rooms.contains_key(&room_id) {
                    return Err(Problem::invalid("roomId must name a room of this setting"));
                }
                let wanted = roster.children.iter().filter(|(_, e)| e.room_id == room_id).map(|(id, _)| id.clone()).collect();
                (ThreadAbout::Room { room_id }, wanted)
            }
            (None, None) if auth.is_manager() => (ThreadAbout::Setting, roster.children.keys().cloned().collect()),
            (None, None) => return Err(Problem::forbidden().with_detail("only managers write to the whole setting; name a room")),
        };
        let held = wanted.iter().filter(|c| roster.children.get(*c).is_some_and(|e| e.held)).count();
        // Leavers' families are not written to about the setting's news.
        let today = auth.setting().today(auth.now).to_string();
        let keys: Vec<Key> = wanted
            .iter()
            .filter(|c| roster.children.get(*c).is_some_and(|e| !e.held && !e.has_left(&today)))
            .map(|c| ChildRecord::key(&setting_id, c))
            .collect();
        let reads = keys.chunks(100).map(|chunk| app.store().get_many(chunk));
        let found = futures::future::try_join_all(reads).await?;
        let children: Vec<ChildRecord> = found.into_iter().flatten().flatten().map(from_item).collect::<Result<_, _>>()?;
        Ok(auth.tag(http::ok(&count_recipients(auth.setting(), &about, &children, held))))
    })
    .await
}

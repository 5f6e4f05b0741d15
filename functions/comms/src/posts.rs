//! Posts: writing one, the feed, one post with its replies, and what the author and managers
//! do to a post afterwards (approve, pin, withdraw).

use super::*;
use nestling_domain::comms::{status_of_new_post, EventPlan, MAX_MEDIA_PER_POST, MAX_PINNED, MAX_ROOMS_PER_POST};
use nestling_domain::journal::distinct_ids;
use nestling_domain::{Action, EntryId, EventBring, EventPlace, EventTitle, MediaId, PostText};
use nestling_platform::access::{authorize, beside_authorisation};
use nestling_platform::http;
use nestling_platform::notify::{notify, JournalEvent};
use nestling_platform::records::SettingRecord;
use nestling_platform::store::{from_item, keys, to_item, Change, Condition, Index, Key, Query, Write};
use nestling_platform::writes::AuditAction;
use nestling_platform::{writes, Audit, Commit};
use serde::Deserialize;
use std::sync::Arc;

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NewPost {
    #[schema(value_type = String)]
    pub text: PostText,
    /// The rooms it is for (up to 20); none: the whole setting.
    #[serde(default)]
    pub rooms: Vec<String>,
    /// Ready photos and videos uploaded by staff (up to 10).
    #[serde(default)]
    pub media_ids: Vec<String>,
    /// Shown at the top of the feed (at most 5 pinned at once).
    #[serde(default)]
    pub pinned: bool,
    pub event: Option<NewEvent>,
}

/// An event: the setting's local date and times (`HH:MM`).
#[derive(Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NewEvent {
    #[schema(value_type = String)]
    pub title: EventTitle,
    pub date: String,
    pub starts_at: String,
    pub ends_at: Option<String>,
    #[schema(value_type = String)]
    pub place: EventPlace,
    #[schema(value_type = Option<String>)]
    pub bring: Option<EventBring>,
    /// Children who may come ("yes" replies); none: no limit.
    pub capacity: Option<u32>,
    /// The last day families may reply; none: the day itself.
    pub reply_by: Option<String>,
}

/// The checked request: its rooms and media as ids, its event as a plan.
struct CheckedPost {
    body: NewPost,
    rooms: Vec<RoomId>,
    media_ids: Vec<MediaId>,
    plan: Option<EventPlan>,
}

fn check_new_post(body: NewPost) -> ApiResult<CheckedPost> {
    if body.rooms.len() > MAX_ROOMS_PER_POST {
        return Err(Problem::invalid(format!("rooms may name at most {MAX_ROOMS_PER_POST}")));
    }
    if !body.rooms.is_empty() {
        distinct_ids("rooms", &body.rooms, MAX_ROOMS_PER_POST).map_err(Problem::invalid)?;
    }
    if body.media_ids.len() > MAX_MEDIA_PER_POST {
        return Err(Problem::invalid(format!("mediaIds may name at most {MAX_MEDIA_PER_POST}")));
    }
    if !body.media_ids.is_empty() {
        distinct_ids("mediaIds", &body.media_ids, MAX_MEDIA_PER_POST).map_err(Problem::invalid)?;
    }
    let rooms = http::body_ids("rooms", &body.rooms)?;
    let media_ids = http::body_ids("mediaIds", &body.media_ids)?;
    let plan = body.event.as_ref().map(event_plan).transpose()?;
    Ok(CheckedPost { body, rooms, media_ids, plan })
}

fn event_plan(e: &NewEvent) -> ApiResult<EventPlan> {
    let date = parse_date(e.date.trim()).map_err(|_| Problem::invalid("event.date must be a date (YYYY-MM-DD)"))?;
    let time_of = |field: &str, raw: &str| {
        time::Time::parse(raw.trim(), TIME).map_err(|_| Problem::invalid(format!("event.{field} must be a time of day (HH:MM)")))
    };
    let starts_at = time_of("startsAt", &e.starts_at)?;
    let ends_at = e.ends_at.as_deref().map(|t| time_of("endsAt", t)).transpose()?;
    let reply_by = e
        .reply_by
        .as_deref()
        .map(|d| parse_date(d.trim()).map_err(|_| Problem::invalid("event.replyBy must be a date (YYYY-MM-DD)")))
        .transpose()?;
    Ok(EventPlan { date, starts_at, ends_at, capacity: e.capacity, reply_by })
}

fn event_record(e: &NewEvent, plan: &EventPlan) -> EventRecord {
    let time_text = |t: time::Time| t.format(TIME).unwrap_or_default();
    EventRecord {
        title: e.title.to_string(),
        date: plan.date.format(DATE).unwrap_or_default(),
        starts_at: time_text(plan.starts_at),
        ends_at: plan.ends_at.map(time_text),
        place: e.place.to_string(),
        bring: e.bring.as_ref().map(|b| b.to_string()),
        capacity: plan.capacity,
        reply_by: plan.reply_by.map(|d| d.format(DATE).unwrap_or_default()),
    }
}

/// The pinned copies, read beside the authorisation when a change may pin one more.
async fn pinned_count(app: &App, setting_id: &SettingId, wanted: bool) -> ApiResult<usize> {
    if !wanted {
        return Ok(0);
    }
    let query = Query::partition(Index::Table, keys::setting(setting_id)).prefix(keys::PINNED_PREFIX).limit(MAX_PINNED + 1);
    Ok(app.store().page(query, None).await?.items.len())
}

/// POST /v1/settings/{settingId}/posts: staff post to the setting or some rooms. A
/// practitioner's post waits for a manager where the setting requires approval.
pub async fn create_post(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("posts-create", req, |req| async move {
        let setting_id = http::path_id::<SettingId>(&req, "settingId")?;
        let checked = http::json_body::<NewPost>(&req).and_then(check_new_post);
        let media_keys: Vec<Key> = match &checked {
            Ok(c) => c.media_ids.iter().map(|m| MediaRecord::key(&setting_id, m)).collect(),
            Err(_) => Vec::new(),
        };
        let extra: Vec<Key> = media_keys.iter().cloned().chain([RosterRecord::key(&setting_id)]).collect();
        let wants_pin = checked.as_ref().is_ok_and(|c| c.body.pinned);
        let (auth, pinned) = beside_authorisation(
            authorize(&app, &req, "posts-create", Some(&setting_id), Action::CreatePost, &extra),
            pinned_count(&app, &setting_id, wants_pin),
        )
        .await?;
        let media_records = auth.records::<MediaRecord>(&media_keys)?;
        let pictured: Vec<ChildId> =
            media_records.iter().flatten().flat_map(|m| m.children.iter().cloned()).collect::<BTreeSet<_>>().into_iter().collect();
        if let Some(replay) = writes::replay_logged(&app, &auth, &setting_id, AuditAction::PostPublish, pictured.clone()).await? {
            return Ok(auth.tag(replay));
        }
        let CheckedPost { body, rooms, plan, .. } = checked?;
        let roster = roster_of(&auth, &setting_id)?;
        if rooms.iter().any(|r| !roster.rooms.contains_key(r)) {
            return Err(Problem::invalid("rooms must name rooms of this setting"));
        }
        let mut media = Vec::new();
        for record in media_records {
            let record = record.ok_or_else(|| Problem::invalid("mediaIds must name media of this setting"))?;
            check_attachable(&record)?;
            media.push(record);
        }
        let today = today(&app, &auth);
        if let Some(plan) = &plan {
            plan.check(today).map_err(|why| Problem::invalid(format!("event: {why}")))?;
        }
        let setting = auth.setting();
        let status = status_of_new_post(auth.is_manager(), setting.posts_need_approval);
        let pin_now = body.pinned && status == PostStatus::Published;
        if pin_now && pinned >= MAX_PINNED {
            return Err(Problem::from(CommsProblem::PinnedLimit));
        }
        let now = app.clock.timestamp();
        let post_id: PostId = app.new_sortable();
        let member = auth.member();
        let event = body.event.as_ref().zip(plan.as_ref()).map(|(e, p)| event_record(e, p));
        let deadline = event.as_ref().map(|e| e.reply_by.clone().unwrap_or_else(|| e.date.clone()));
        let post = PostRecord {
            pk: keys::setting(&setting_id),
            sk: keys::post(&post_id),
            gsi1pk: deadline.as_ref().map(|_| keys::EVENT_REPLY_BY.to_string()),
            gsi1sk: deadline.as_ref().map(|d| keys::event_reply_by(d, &setting_id, &post_id)),
            kind: "post".into(),
            setting_id: setting_id.clone(),
            post_id: post_id.clone(),
            author_id: auth.caller.user_id.clone(),
            author_name: member.name.clone(),
            author_role: member.role,
            audience: if rooms.is_empty() { PostAudience::Setting } else { PostAudience::Rooms { rooms: rooms.into_iter().collect() } },
            text: body.text.to_string(),
            media: media.iter().map(entry_media).collect(),
            event,
            status,
            pinned: body.pinned,
            created_at: now,
            published_at: (status == PostStatus::Published).then_some(now),
            approved_by: None,
            withdrawn_at: None,
            withdrawn_by: None,
            places_taken: 0,
            version: 1,
        };
        let mut batch = vec![app.store().put_new(to_item(&post))];
        if pin_now {
            batch.push(app.store().put_new(to_item(&post.pinned_copy())));
        }
        for m in &media {
            batch.push(attach_media(&app, m, &EntryId::from(post_id.clone())));
        }
        if status == PostStatus::Published {
            batch.push(tell_families(&app, &post, &roster, &setting.name, &auth.caller.user_id));
        }
        let action = if status == PostStatus::Published { AuditAction::PostPublish } else { AuditAction::PostSubmit };
        let audit = Audit::children(&setting_id, action, pictured).detail(format!("post:{post_id} {}", audience_text(&post.audience)));
        let mut shown = BTreeSet::new();
        let view = post_view(&app, &post, &MediaAudience::Staff, &roster, today, &mut shown).await?;
        Commit::new(&app, &auth, audit)
            .writes(batch)
            .on_conflict(|_| Problem::from(CommsProblem::MediaTakenMeanwhile))
            .answer(201, &view, Some(post.version))
            .await
    })
    .await
}

/// The families of the children a post reaches are told of it (by email as each prefers, and
/// on their devices) through the journal's notification fan-out, once per family.
fn tell_families(app: &App, post: &PostRecord, roster: &RosterRecord, setting_name: &str, actor: &UserId) -> Write {
    let children: Vec<ChildId> =
        roster.children.iter().filter(|(_, e)| post.audience.reaches_room(&e.room_id) && !e.held).map(|(id, _)| id.clone()).collect();
    notify(app, &post.setting_id, setting_name, JournalEvent::PostPublished { replies: post.event.is_some() }, children, actor)
}

fn audience_text(audience: &PostAudience) -> String {
    match audience {
        PostAudience::Setting => "setting".into(),
        PostAudience::Rooms { rooms } => format!("rooms:{}", rooms.iter().map(RoomId::as_str).collect::<Vec<_>>().join(",")),
    }
}

/// Binds a photo or video to its post, only while it is still ready and unattached; it leaves
/// the index of uploads waiting to expire. It is shown in no child's journal (`shownIn` stays
/// empty): the feed hands out its URLs itself, under the feed's own consent rule.
fn attach_media(app: &App, m: &MediaRecord, entry_id: &EntryId) -> Write {
    let change = Change::new()
        .set("entryId", entry_id)
        .set("shownIn", &Vec::<ChildId>::new())
        .remove("GSI1PK")
        .remove("GSI1SK")
        .next_version()
        .when(Condition::eq("status", "ready").and(Condition::not_exists("entryId")));
    app.store().change(&MediaRecord::key(&m.setting_id, &m.media_id), change)
}

/// GET /v1/settings/{settingId}/posts?status=&limit=&cursor=: the feed, pinned posts first.
/// `status=pending` lists the posts waiting for approval (managers: all; a practitioner: their
/// own). Two round trips: the page beside the authorisation, then the access-log line naming
/// every child whose photo it handed out.
pub async fn list_posts(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("posts-list", req, |req| async move {
        let setting_id = http::path_id::<SettingId>(&req, "settingId")?;
        let (limit, cursor) = http::paging(&req)?;
        let status = match http::query_param(&req, "status").as_deref() {
            None | Some("published") => Ok(PostStatus::Published),
            Some("pending") => Ok(PostStatus::Pending),
            Some(_) => Err(Problem::invalid("status must be published or pending")),
        };
        let roster_key = RosterRecord::key(&setting_id);
        let pk = keys::setting(&setting_id);
        let page = async {
            let Ok(status) = &status else { return Ok(None) };
            let query = Query::partition(Index::Table, pk.clone())
                .prefix(keys::POST_PREFIX)
                .limit(limit)
                .newest_first(true)
                .filter(Some(Condition::eq("status", status.as_str())));
            app.store().page(query, cursor.as_deref()).await.map(Some)
        };
        // Pinned posts head the first page of the published feed only.
        let pinned = async {
            if cursor.is_some() || !matches!(status, Ok(PostStatus::Published)) {
                return Ok(Vec::new());
            }
            let query = Query::partition(Index::Table, pk.clone()).prefix(keys::PINNED_PREFIX).limit(MAX_PINNED * 2).newest_first(true);
            app.store().page(query, None).await.map(|p| p.items)
        };
        let (auth, (page, pinned)) = beside_authorisation(
            authorize(&app, &req, "posts-list", Some(&setting_id), Action::ViewFeed, std::slice::from_ref(&roster_key)),
            async { tokio::try_join!(page, pinned) },
        )
        .await?;
        let status = status?;
        let page = page.expect("read when the status is valid");
        let roster = roster_of(&auth, &setting_id)?;
        let reader = Reader::of(&auth, &roster);
        reader.check_any()?;
        if status == PostStatus::Pending && !auth.is_staff() {
            return Err(Problem::forbidden().with_detail("only staff see posts waiting for approval"));
        }
        let audience = reader.media_audience(&auth, &roster);
        let today = today(&app, &auth);
        let is_manager = auth.is_manager();
        let mut shown = BTreeSet::new();
        let mut pinned_views = Vec::new();
        let mut pinned_ids = BTreeSet::new();
        for item in pinned {
            let post: PostRecord = from_item(item)?;
            if reader.sees(&post, &auth.caller.user_id, is_manager) {
                pinned_ids.insert(post.post_id.clone());
                pinned_views.push(post_view(&app, &post, &audience, &roster, today, &mut shown).await?);
            }
        }
        let mut items = Vec::new();
        for item in page.items {
            let post: PostRecord = from_item(item)?;
            if reader.sees(&post, &auth.caller.user_id, is_manager) && !pinned_ids.contains(&post.post_id) {
                items.push(post_view(&app, &post, &audience, &roster, today, &mut shown).await?);
            }
        }
        let detail = format!("feed {}, {} posts", status.as_str(), pinned_views.len() + items.len());
        Audit::children(&setting_id, AuditAction::FeedView, shown.into_iter().collect()).detail(detail).log_read(&app, &auth).await?;
        Ok(auth.tag(http::ok(&FeedPage { pinned: pinned_views, items, next_cursor: page.next_cursor })))
    })
    .await
}

/// One post, and an event's replies: staff see every child it is for, replied or not; a
/// family sees their own children's.
#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct PostDetail {
    #[serde(flatten)]
    pub post: PostView,
    pub replies: Vec<ReplyView>,
    /// Staff only: how the replies stand.
    pub reply_counts: Option<ReplyCounts>,
}

#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ReplyCounts {
    pub yes: u32,
    pub no: u32,
    pub maybe: u32,
    pub not_replied: u32,
}

/// GET /v1/settings/{settingId}/posts/{postId}: the post and its replies, in two round trips
/// (the replies beside the authorisation, then the access-log line).
pub async fn get_post(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("posts-get", req, |req| async move {
        let setting_id = http::path_id::<SettingId>(&req, "settingId")?;
        let post_id = http::path_id::<PostId>(&req, "postId")?;
        let post_key = PostRecord::key(&setting_id, &post_id);
        let extra = [post_key.clone(), RosterRecord::key(&setting_id)];
        let replies = Query::partition(Index::Table, keys::setting(&setting_id)).prefix(keys::event_replies(&post_id)).limit(1000);
        let (auth, replies) = beside_authorisation(
            authorize(&app, &req, "posts-get", Some(&setting_id), Action::ViewFeed, &extra),
            app.store().page(replies, None),
        )
        .await?;
        let roster = roster_of(&auth, &setting_id)?;
        let reader = Reader::of(&auth, &roster);
        reader.check_any()?;
        let post: PostRecord = auth.record(&post_key)?.ok_or_else(Problem::not_found)?;
        if !reader.sees(&post, &auth.caller.user_id, auth.is_manager()) {
            return Err(Problem::not_found());
        }
        let replies: Vec<EventReplyRecord> = replies.items.into_iter().map(from_item).collect::<Result<_, _>>()?;
        let reply_of = |c: &ChildId| replies.iter().find(|r| r.child_id == *c);
        // The children whose replies this reader may see: every child the event is for, or the
        // family's own.
        let children: Vec<ChildId> = match (&reader, &post.event) {
            (_, None) => Vec::new(),
            (Reader::Staff, Some(_)) => roster
                .children
                .iter()
                .filter(|(id, e)| post.audience.reaches_room(&e.room_id) || reply_of(id).is_some())
                .map(|(id, _)| id.clone())
                .collect(),
            (Reader::Family { own, .. }, Some(_)) => {
                own.iter().filter(|c| roster.children.get(*c).is_some_and(|e| post.audience.reaches_room(&e.room_id))).cloned().collect()
            }
        };
        let reply_views: Vec<ReplyView> = children.iter().map(|c| ReplyView::of(c, &roster, reply_of(c))).collect();
        let reply_counts = matches!(reader, Reader::Staff).then(|| counts(&reply_views));
        let audience = reader.media_audience(&auth, &roster);
        let mut shown: BTreeSet<ChildId> = children.iter().cloned().collect();
        let view = post_view(&app, &post, &audience, &roster, today(&app, &auth), &mut shown).await?;
        let action =
            if post.event.is_some() && matches!(reader, Reader::Staff) { AuditAction::EventRepliesView } else { AuditAction::PostView };
        Audit::children(&setting_id, action, shown.into_iter().collect()).detail(format!("post:{post_id}")).log_read(&app, &auth).await?;
        Ok(auth.tag(http::with_version(200, &PostDetail { post: view, replies: reply_views, reply_counts }, post.version)))
    })
    .await
}

fn counts(replies: &[ReplyView]) -> ReplyCounts {
    let mut c = ReplyCounts { yes: 0, no: 0, maybe: 0, not_replied: 0 };
    for r in replies {
        match r.answer {
            Some(ReplyAnswer::Yes) => c.yes += 1,
            Some(ReplyAnswer::No) => c.no += 1,
            Some(ReplyAnswer::Maybe) => c.maybe += 1,
            None => c.not_replied += 1,
        }
    }
    c
}

/// What the author or a manager may do to a post: the post as loaded, refused when withdrawn.
fn managed_post(auth: &Authorized, key: &Key) -> ApiResult<PostRecord> {
    let post: PostRecord = auth.record(key)?.ok_or_else(Problem::not_found)?;
    if post.author_id != auth.caller.user_id && !auth.is_manager() {
        // A practitioner may not learn of another's post waiting for approval.
        if post.status == PostStatus::Pending {
            return Err(Problem::not_found());
        }
        return Err(Problem::forbidden().with_detail("only the author or a manager may change a post"));
    }
    if post.status == PostStatus::Withdrawn {
        return Err(Problem::from(CommsProblem::PostWithdrawn));
    }
    Ok(post)
}

/// The post's new state, and the same change to its pinned copy when it has one.
fn post_writes(app: &App, before: &PostRecord, after: &PostRecord) -> Vec<Write> {
    let mut batch =
        vec![app.store().change(&PostRecord::key(&after.setting_id, &after.post_id), post_change(after).if_version(before.version))];
    let had_copy = before.pinned && before.status == PostStatus::Published;
    let has_copy = after.pinned && after.status == PostStatus::Published;
    let copy_key = PostRecord::pinned_key(&after.setting_id, &after.post_id);
    match (had_copy, has_copy) {
        (false, true) => batch.push(app.store().put_new(to_item(&after.pinned_copy()))),
        (true, false) => batch.push(app.store().delete(&copy_key)),
        _ => {}
    }
    batch
}

/// Only the fields these changes touch: the places an event's replies take move concurrently.
fn post_change(p: &PostRecord) -> Change {
    Change::new()
        .set("status", &p.status)
        .set("pinned", &p.pinned)
        .set_or_remove("publishedAt", p.published_at.as_ref())
        .set_or_remove("approvedBy", p.approved_by.as_ref())
        .set_or_remove("withdrawnAt", p.withdrawn_at.as_ref())
        .set_or_remove("withdrawnBy", p.withdrawn_by.as_ref())
        .set("version", &p.version)
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PinChange {
    pub pinned: bool,
}

/// PUT /v1/settings/{settingId}/posts/{postId}/pinned: the author or a manager pins a post to
/// the top of the feed (at most 5 at once) or unpins it.
pub async fn pin_post(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("posts-pin", req, |req| async move {
        let setting_id = http::path_id::<SettingId>(&req, "settingId")?;
        let post_id = http::path_id::<PostId>(&req, "postId")?;
        let body = http::json_body::<PinChange>(&req);
        let key = PostRecord::key(&setting_id, &post_id);
        let extra = [key.clone(), RosterRecord::key(&setting_id)];
        let wants_pin = body.as_ref().is_ok_and(|b| b.pinned);
        let (auth, pinned) = beside_authorisation(
            authorize(&app, &req, "posts-pin", Some(&setting_id), Action::ManagePost, &extra),
            pinned_count(&app, &setting_id, wants_pin),
        )
        .await?;
        if let Some(answer) = auth.idempotency.as_ref().map(|i| i.replay()).transpose()?.flatten() {
            return Ok(auth.tag(answer));
        }
        let body = body?;
        let before = managed_post(&auth, &key)?;
        let roster = roster_of(&auth, &setting_id)?;
        let today = today(&app, &auth);
        let mut shown = BTreeSet::new();
        if before.pinned == body.pinned {
            let view = post_view(&app, &before, &MediaAudience::Staff, &roster, today, &mut shown).await?;
            return Ok(auth.tag(http::with_version(200, &view, before.version)));
        }
        if body.pinned && before.status == PostStatus::Published && pinned >= MAX_PINNED {
            return Err(Problem::from(CommsProblem::PinnedLimit));
        }
        let after = PostRecord { pinned: body.pinned, version: before.version + 1, ..before.clone() };
        let view = post_view(&app, &after, &MediaAudience::Staff, &roster, today, &mut shown).await?;
        let detail = format!("post:{post_id} {}", if body.pinned { "pinned" } else { "unpinned" });
        Commit::new(&app, &auth, Audit::of(&setting_id, AuditAction::PostPin, format!("post:{post_id}")).detail(detail))
            .writes(post_writes(&app, &before, &after))
            .answer(200, &view, Some(after.version))
            .await
    })
    .await
}

/// POST /v1/settings/{settingId}/posts/{postId}/approve: a manager publishes a practitioner's
/// post that waited; families see it from now.
pub async fn approve_post(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("posts-approve", req, |req| async move {
        let setting_id = http::path_id::<SettingId>(&req, "settingId")?;
        let post_id = http::path_id::<PostId>(&req, "postId")?;
        let key = PostRecord::key(&setting_id, &post_id);
        let extra = [key.clone(), RosterRecord::key(&setting_id)];
        let (auth, pinned) = beside_authorisation(
            authorize(&app, &req, "posts-approve", Some(&setting_id), Action::ApprovePost, &extra),
            pinned_count(&app, &setting_id, true),
        )
        .await?;
        let before: PostRecord = auth.record(&key)?.ok_or_else(Problem::not_found)?;
        if let Some(replay) =
            writes::replay_logged(&app, &auth, &setting_id, AuditAction::PostApprove, before.pictured().into_iter().collect()).await?
        {
            return Ok(auth.tag(replay));
        }
        if before.status != PostStatus::Pending {
            return Err(Problem::from(CommsProblem::PostNotPending));
        }
        let now = app.clock.timestamp();
        // Pinned at writing, pinned now if the feed has room; else it joins the feed unpinned.
        let pinned_now = before.pinned && pinned < MAX_PINNED;
        let after = PostRecord {
            status: PostStatus::Published,
            published_at: Some(now),
            approved_by: Some(auth.caller.user_id.clone()),
            pinned: pinned_now,
            version: before.version + 1,
            ..before.clone()
        };
        let roster = roster_of(&auth, &setting_id)?;
        let mut shown = BTreeSet::new();
        let view = post_view(&app, &after, &MediaAudience::Staff, &roster, today(&app, &auth), &mut shown).await?;
        let audit = Audit::children(&setting_id, AuditAction::PostApprove, before.pictured().into_iter().collect())
            .detail(format!("post:{post_id} by {}", before.author_id));
        let told = tell_families(&app, &after, &roster, &auth.setting().name, &auth.caller.user_id);
        Commit::new(&app, &auth, audit)
            .writes(post_writes(&app, &before, &after))
            .write(told)
            .on_conflict(|_| Problem::from(CommsProblem::PostNotPending))
            .answer(200, &view, Some(after.version))
            .await
    })
    .await
}

/// DELETE /v1/settings/{settingId}/posts/{postId}: the author or a manager withdraws a post.
/// It is kept for the record (and audited) and shown to nobody; its replies stay too.
pub async fn withdraw_post(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("posts-withdraw", req, |req| async move {
        let setting_id = http::path_id::<SettingId>(&req, "settingId")?;
        let post_id = http::path_id::<PostId>(&req, "postId")?;
        let key = PostRecord::key(&setting_id, &post_id);
        let extra = [key.clone(), RosterRecord::key(&setting_id)];
        let auth = authorize(&app, &req, "posts-withdraw", Some(&setting_id), Action::ManagePost, &extra).await?;
        if let Some(answer) = auth.idempotency.as_ref().map(|i| i.replay()).transpose()?.flatten() {
            return Ok(auth.tag(answer));
        }
        let before = managed_post(&auth, &key)?;
        let now = app.clock.timestamp();
        let after = PostRecord {
            status: PostStatus::Withdrawn,
            withdrawn_at: Some(now),
            withdrawn_by: Some(auth.caller.user_id.clone()),
            version: before.version + 1,
            ..before.clone()
        };
        let roster = roster_of(&auth, &setting_id)?;
        let mut shown = BTreeSet::new();
        let view = post_view(&app, &after, &MediaAudience::Staff, &roster, today(&app, &auth), &mut shown).await?;
        Commit::new(&app, &auth, Audit::of(&setting_id, AuditAction::PostWithdraw, format!("post:{post_id}")))
            .writes(post_writes(&app, &before, &after))
            .answer(200, &view, Some(after.version))
            .await
    })
    .await
}

#[derive(Deserialize, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FeedPolicy {
    /// Practitioners' posts wait for a manager's approval before families see them.
    pub posts_need_approval: bool,
}

/// PUT /v1/settings/{settingId}/feed-policy: a manager decides whether practitioners' posts
/// wait for approval. Posts already waiting keep waiting.
pub async fn set_feed_policy(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("feed-policy-set", req, |req| async move {
        let setting_id = http::path_id::<SettingId>(&req, "settingId")?;
        let auth = authorize(&app, &req, "feed-policy-set", Some(&setting_id), Action::SetFeedPolicy, &[]).await?;
        let body: FeedPolicy = http::json_body(&req)?;
        if let Some(answer) = auth.idempotency.as_ref().map(|i| i.replay()).transpose()?.flatten() {
            return Ok(auth.tag(answer));
        }
        let current = auth.setting().clone();
        let setting = SettingRecord { posts_need_approval: body.posts_need_approval, version: current.version + 1, ..current.clone() };
        let detail = if body.posts_need_approval { "practitioners' posts wait for approval" } else { "posts publish at once" };
        let audit = Audit::of(&setting_id, AuditAction::FeedPolicySet, format!("setting:{setting_id}")).detail(detail);
        Commit::new(&app, &auth, audit)
            .write(app.store().put_versioned(to_item(&setting), current.version))
            .answer(200, &body, Some(setting.version))
            .await
    })
    .await
}

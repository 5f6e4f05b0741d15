//! The learning journal. Staff publish observations (text, children, photos, EYFS areas, next
//! steps) to each child's journal; managers review and unpublish them; staff and the child's
//! parents read the journal and comment. Every read and change of a child's journal writes its
//! access-log line (rule 9); photos reach a family only past the photo consent (rule 6).

pub mod problems;
use lambda_http::{Body, Request, Response};
use nestling_domain::eyfs::{Aspect, Term};
use nestling_domain::journal::{
    attachable, audience_of_new_comment, comment_visible_to_parent, distinct_ids, shown_on_page, AreaOfLearning, CommentAudience,
    Unattachable, MAX_CHILDREN_PER_OBSERVATION, MAX_MEDIA_PER_ENTRY, UNATTACHED_MEDIA_DAYS,
};
use nestling_domain::Timestamp;
use nestling_domain::{
    Action, ChildId, CommentId, CommentText, EntryId, MediaId, NextSteps, ObservationId, ObservationText, Role, SettingId, UserId,
};
use nestling_platform::access::{authorize, authorize_child, beside_authorisation, journal_children, refusal_problem, Authorized};
use nestling_platform::http::{self, ApiResult, ListPage, Problem};
use nestling_platform::media;
use nestling_platform::notify::{notify, JournalEvent};
use nestling_platform::records::{
    ChildRecord, ChildTermRecord, CommentRecord, EntryKind, EntryMedia, JournalEntryRecord, MediaRecord, ObservationRecord,
    ObservationRevision, RosterRecord,
};
use nestling_platform::store::{from_item, keys, to_item, Change, Condition, Index, Key, Query, Value, Write};
use nestling_platform::writes::AuditAction;
use nestling_platform::{writes, App, Audit, Commit};
pub use problems::JournalProblem;
use serde::Deserialize;
use std::collections::BTreeSet;
use std::sync::Arc;

mod comments;
mod contributions;
mod views;
pub use comments::*;
pub use contributions::*;
pub use views::*;

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NewObservation {
    #[schema(value_type = String)]
    pub text: ObservationText,
    /// The children observed (1 to 20): the observation is published to each one's journal.
    pub children: Vec<String>,
    /// Ready photos and videos uploaded by staff (up to 10).
    #[serde(default)]
    pub media_ids: Vec<String>,
    /// The EYFS areas of learning it evidences (1 to 7).
    pub areas: Vec<AreaOfLearning>,
    /// The aspects of those areas it evidences (optional; each within one of `areas`).
    #[serde(default)]
    pub aspects: Vec<Aspect>,
    #[schema(value_type = Option<String>)]
    pub next_steps: Option<NextSteps>,
}

/// Only the fields sent change; `nextSteps: ""` clears them.
#[derive(Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ObservationChanges {
    #[schema(value_type = Option<String>)]
    pub text: Option<ObservationText>,
    pub areas: Option<Vec<AreaOfLearning>>,
    /// Replaces the aspects (each within the areas after the change).
    pub aspects: Option<Vec<Aspect>>,
    pub next_steps: Option<String>,
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NewComment {
    #[schema(value_type = String)]
    pub text: CommentText,
    /// The comment this replies to (a reply stays with its thread's families).
    pub reply_to: Option<String>,
}

pub(crate) fn check_areas(areas: &[AreaOfLearning]) -> ApiResult<Vec<AreaOfLearning>> {
    let set: BTreeSet<AreaOfLearning> = areas.iter().copied().collect();
    if set.is_empty() {
        return Err(Problem::invalid("areas must name at least one EYFS area of learning"));
    }
    if set.len() != areas.len() {
        return Err(Problem::invalid("areas names the same area twice"));
    }
    Ok(areas.to_vec())
}

/// Aspects named once each, each of one of the observation's areas.
fn check_aspects(aspects: &[Aspect], areas: &[AreaOfLearning]) -> ApiResult<Vec<Aspect>> {
    let set: BTreeSet<Aspect> = aspects.iter().copied().collect();
    if set.len() != aspects.len() {
        return Err(Problem::invalid("aspects names the same aspect twice"));
    }
    if let Some(stray) = aspects.iter().find(|a| !areas.contains(&a.area())) {
        return Err(Problem::invalid(format!("aspects: {} is not an aspect of the areas named", stray.title())));
    }
    Ok(aspects.to_vec())
}

/// What an observation published at `at` (`by` 1), unpublished (`by` -1) or re-tagged (`by` 0)
/// adds to a child's term of assessment: the term of the setting's own date then.
fn count_in_term(
    setting_id: &SettingId,
    timezone: &str,
    at: Timestamp,
    child_id: &ChildId,
    areas: &[AreaOfLearning],
    by: i64,
) -> (Key, Change) {
    let term = Term::of(nestling_domain::care::local(at.at(), timezone).date()).key();
    (ChildTermRecord::key(setting_id, &term, child_id), ChildTermRecord::observed(setting_id, &term, child_id, at, areas, by))
}

pub(crate) fn user_name(auth: &Authorized) -> String {
    auth.user.as_ref().map(|u| u.name.clone()).unwrap_or_default()
}

/// The copy of an entry in one child's journal.
fn journal_copy(o: &ObservationRecord, child_id: &ChildId) -> JournalEntryRecord {
    let key = o.journal_key(child_id);
    JournalEntryRecord {
        pk: key.pk,
        sk: key.sk,
        kind: "journal-entry".into(),
        setting_id: o.setting_id.clone(),
        child_id: child_id.clone(),
        entry_id: o.entry_id(),
        entry_kind: EntryKind::Observation,
        author_id: o.author_id.clone(),
        author_name: o.author_name.clone(),
        author_role: Role::Practitioner,
        text: o.text.clone(),
        areas: o.areas.clone(),
        aspects: o.aspects.clone(),
        next_steps: o.next_steps.clone(),
        media: o.media.clone(),
        comment_count: o.comment_count,
        published_at: o.published_at,
        updated_at: o.updated_at,
    }
}

/// POST /v1/settings/{settingId}/observations: staff publish to each child's journal.
pub async fn create_observation(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("observations-create", req, |req| async move {
        let setting_id = http::path_id::<SettingId>(&req, "settingId")?;
        let body = http::json_body::<NewObservation>(&req).and_then(|b| {
            distinct_ids("children", &b.children, MAX_CHILDREN_PER_OBSERVATION).map_err(Problem::invalid)?;
            if b.media_ids.len() > MAX_MEDIA_PER_ENTRY {
                return Err(Problem::invalid(format!("mediaIds may name at most {MAX_MEDIA_PER_ENTRY}")));
            }
            if !b.media_ids.is_empty() {
                distinct_ids("mediaIds", &b.media_ids, MAX_MEDIA_PER_ENTRY).map_err(Problem::invalid)?;
            }
            let children: Vec<ChildId> = http::body_ids("children", &b.children)?;
            let media_ids: Vec<MediaId> = http::body_ids("mediaIds", &b.media_ids)?;
            check_areas(&b.areas)?;
            check_aspects(&b.aspects, &b.areas)?;
            Ok((b, children, media_ids))
        });
        let (child_keys, media_keys): (Vec<Key>, Vec<Key>) = match &body {
            Ok((_, children, media_ids)) => (
                children.iter().map(|c| ChildRecord::key(&setting_id, c)).collect(),
                media_ids.iter().map(|m| MediaRecord::key(&setting_id, m)).collect(),
            ),
            Err(_) => (Vec::new(), Vec::new()),
        };
        let extra: Vec<Key> = child_keys.iter().chain(&media_keys).cloned().collect();
        let auth = authorize(&app, &req, "observations-create", Some(&setting_id), Action::CreateObservation, &extra).await?;
        if !auth.setting().eyfs_applies() {
            return Err(JournalProblem::EyfsNotApplicable.into());
        }
        let named = body.as_ref().map(|(_, children, _)| children.clone()).unwrap_or_default();
        if let Some(replay) = writes::replay_logged(&app, &auth, &setting_id, AuditAction::ObservationPublish, named).await? {
            return Ok(auth.tag(replay));
        }
        let (body, children, _) = body?;
        if child_keys.iter().any(|k| auth.item(k).is_none()) {
            return Err(Problem::invalid("children must name children of this setting"));
        }
        let mut media = Vec::new();
        for record in auth.records::<MediaRecord>(&media_keys)? {
            let record = record.ok_or_else(|| Problem::invalid("mediaIds must name media of this setting"))?;
            check_attachable(&record)?;
            media.push(record);
        }
        let now = app.clock.timestamp();
        let observation_id: ObservationId = app.new_sortable();
        let observation = ObservationRecord {
            pk: keys::setting(&setting_id),
            sk: keys::observation(&observation_id),
            kind: "observation".into(),
            setting_id: setting_id.clone(),
            observation_id: observation_id.clone(),
            author_id: auth.caller.user_id.clone(),
            author_name: user_name(&auth),
            text: body.text.to_string(),
            children,
            media: media.iter().map(entry_media).collect(),
            areas: body.areas.clone(),
            aspects: body.aspects.clone(),
            next_steps: body.next_steps.map(String::from),
            published: true,
            published_at: now,
            unpublished_at: None,
            unpublished_by: None,
            unpublished_reason: None,
            history: Vec::new(),
            comment_count: 0,
            updated_at: now,
            updated_by: auth.caller.user_id.clone(),
            version: 1,
        };
        let view = observation_view(&observation);
        let mut batch = vec![app.store().put_new(to_item(&observation))];
        batch.extend(observation.children.iter().map(|c| app.store().put_new(to_item(&journal_copy(&observation, c)))));
        // Each child's term counts it, for the managers' monitoring (upserted, no read).
        let timezone = auth.setting().timezone.clone();
        for c in &observation.children {
            let (key, change) = count_in_term(&setting_id, &timezone, now, c, &observation.areas, 1);
            batch.push(app.store().change(&key, change));
        }
        for m in &media {
            batch.push(attach_media(&app, m, &observation.entry_id(), &observation.children));
        }
        let audit = Audit::children(&setting_id, AuditAction::ObservationPublish, observation.children.clone())
            .detail(format!("observation:{observation_id}"));
        let setting = auth.setting();
        batch.push(notify(
            &app,
            &setting_id,
            &setting.name,
            JournalEvent::ObservationPublished,
            observation.children.clone(),
            &auth.caller.user_id,
        ));
        Commit::new(&app, &auth, audit)
            .writes(batch)
            .on_conflict(|_| Problem::from(JournalProblem::MediaTakenMeanwhile))
            .answer(201, &view, Some(1))
            .await
    })
    .await
}

/// Media may join an entry once, when checked, and only staff's own uploads join observations.
fn check_attachable(m: &MediaRecord) -> ApiResult<()> {
    if !m.uploader_role.is_staff() {
        return Err(Problem::invalid("mediaIds must name photos or videos uploaded by staff"));
    }
    media_attachable(m)
}

/// Whether a photo or video may join an entry now, as the answer to its author.
pub(crate) fn media_attachable(m: &MediaRecord) -> ApiResult<()> {
    attachable(m.status, m.entry_id.is_some()).map_err(|why| match why {
        Unattachable::Taken => Problem::from(JournalProblem::MediaTaken),
        Unattachable::NotReady => Problem::from(JournalProblem::MediaNotReady),
        Unattachable::Rejected => Problem::invalid("mediaIds names a photo or video that was rejected"),
        Unattachable::Expired => Problem::invalid(format!(
            "mediaIds names a photo or video that waited more than {UNATTACHED_MEDIA_DAYS} days for an entry and was deleted; upload it again"
        )),
    })
}

pub(crate) fn entry_media(m: &MediaRecord) -> EntryMedia {
    EntryMedia { media_id: m.media_id.clone(), media_type: m.media_type, children: m.children.clone(), thumbnail: m.thumbnail }
}

/// Binds a media item to its entry and the journals that show it, only while it is still
/// ready and unattached; it leaves the index of uploads waiting to expire.
pub(crate) fn attach_media(app: &App, m: &MediaRecord, entry_id: &EntryId, shown_in: &[ChildId]) -> Write {
    let change = Change::new()
        .set("entryId", entry_id)
        .set("shownIn", shown_in)
        .remove("GSI1PK")
        .remove("GSI1SK")
        .next_version()
        .when(Condition::eq("status", "ready").and(Condition::not_exists("entryId")));
    app.store().change(&MediaRecord::key(&m.setting_id, &m.media_id), change)
}

/// GET /v1/settings/{settingId}/observations?author=&child=&date=: the managers' review list,
/// newest first, including unpublished observations.
pub async fn list_observations(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("observations-list", req, |req| async move {
        let setting_id = http::path_id::<SettingId>(&req, "settingId")?;
        let (limit, cursor) = http::paging(&req)?;
        let author = http::query_param(&req, "author");
        let child = http::query_param(&req, "child");
        let date = http::query_param(&req, "date");
        let filter = review_filter(author, child, date);
        // The page is read beside the authorisation (only when the filter is valid; a refusal
        // still answers first), and the access-log line naming its children follows.
        let page = async {
            let Ok(filter) = &filter else { return Ok(None) };
            let query = Query::partition(Index::Table, keys::setting(&setting_id))
                .prefix(keys::OBSERVATION_PREFIX)
                .limit(limit)
                .newest_first(true)
                .filter(filter.clone());
            app.store().page(query, cursor.as_deref()).await.map(Some)
        };
        let (auth, page) =
            beside_authorisation(authorize(&app, &req, "observations-list", Some(&setting_id), Action::ListObservations, &[]), page)
                .await?;
        filter?;
        let page = page.expect("read when the filter is valid");
        let observations: Vec<ObservationRecord> = page.items.into_iter().map(from_item).collect::<Result<_, _>>()?;
        let children: BTreeSet<ChildId> = observations.iter().flat_map(|o| o.children.iter().cloned()).collect();
        if !children.is_empty() {
            Audit::children(&setting_id, AuditAction::ObservationsReview, children.into_iter().collect()).log_read(&app, &auth).await?;
        }
        let items = observations.iter().map(observation_view).collect();
        Ok(auth.tag(http::ok(&ListPage { items, next_cursor: page.next_cursor })))
    })
    .await
}

/// The review list's filter from its query: author, child and day of publication.
fn review_filter(author: Option<String>, child: Option<String>, date: Option<String>) -> ApiResult<Option<Condition>> {
    let author: Option<UserId> = author.map(|a| http::body_id("author", &a)).transpose()?;
    let child: Option<ChildId> = child.map(|c| http::body_id("child", &c)).transpose()?;
    if let Some(d) = &date {
        time::Date::parse(d, &time::macros::format_description!("[year]-[month]-[day]"))
            .map_err(|_| Problem::invalid("date must be a date such as 2026-11-23"))?;
    }
    let mut clauses = Vec::new();
    if let Some(a) = author {
        clauses.push(Condition::eq("authorId", &a));
    }
    if let Some(c) = child {
        clauses.push(Condition::contains("children", &c));
    }
    if let Some(d) = date {
        clauses.push(Condition::begins_with("publishedAt", d));
    }
    Ok((!clauses.is_empty()).then_some(Condition::And(clauses)))
}

/// PATCH /v1/settings/{settingId}/observations/{observationId} with If-Match: the author or a
/// manager; the previous version joins the history and every journal copy follows.
pub async fn update_observation(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("observations-update", req, |req| async move {
        let setting_id = http::path_id::<SettingId>(&req, "settingId")?;
        let observation_id = http::path_id::<ObservationId>(&req, "observationId")?;
        let key = ObservationRecord::key(&setting_id, &observation_id);
        let auth =
            authorize(&app, &req, "observations-update", Some(&setting_id), Action::EditObservation, std::slice::from_ref(&key)).await?;
        let current: ObservationRecord = auth.record(&key)?.ok_or_else(Problem::not_found)?;
        if let Some(replay) =
            writes::replay_logged(&app, &auth, &setting_id, AuditAction::ObservationEdit, current.children.clone()).await?
        {
            return Ok(auth.tag(replay));
        }
        if current.author_id != auth.caller.user_id && !auth.is_manager() {
            return Err(Problem::forbidden().with_detail("only the author or a manager may edit an observation"));
        }
        let expected = http::if_match(&req)?;
        let changes: ObservationChanges = http::json_body(&req)?;
        if !current.published {
            return Err(Problem::from(JournalProblem::ObservationUnpublished));
        }
        if expected != current.version {
            return Err(Problem::from(JournalProblem::StaleVersion));
        }
        let mut next = current.clone();
        let mut fields = Vec::new();
        if let Some(text) = changes.text {
            next.text = text.to_string();
            fields.push("text");
        }
        if let Some(areas) = changes.areas {
            next.areas = check_areas(&areas)?;
            fields.push("areas");
        }
        if let Some(aspects) = changes.aspects {
            next.aspects = aspects;
            fields.push("aspects");
        }
        // Aspects stay within the areas, whichever of them changed.
        next.aspects = check_aspects(&next.aspects, &next.areas)?;
        if let Some(steps) = changes.next_steps {
            next.next_steps = if steps.trim().is_empty() { None } else { Some(NextSteps::parse(&steps)?.to_string()) };
            fields.push("nextSteps");
        }
        if fields.is_empty() {
            return Err(Problem::invalid("send at least one of text, areas, nextSteps"));
        }
        let now = app.clock.timestamp();
        let revision = ObservationRevision {
            version: current.version,
            text: current.text.clone(),
            areas: current.areas.clone(),
            next_steps: current.next_steps.clone(),
            by: current.updated_by.clone(),
            at: current.updated_at,
        };
        // Every version is kept as its own item; the observation carries the latest few, so
        // it never outgrows DynamoDB's 400 KB item limit however often it is edited.
        let kept = revision_record(&current, &revision);
        next.history.push(revision);
        if next.history.len() > HISTORY_IN_ITEM {
            next.history.drain(..next.history.len() - HISTORY_IN_ITEM);
        }
        next.version = expected + 1;
        next.updated_at = now;
        next.updated_by = auth.caller.user_id.clone();
        // Content fields only: comment counts move concurrently and are not overwritten.
        let content = |key: &Key, versioned: bool| -> Write {
            let change = Change::new()
                .set("text", &next.text)
                .set("areas", &next.areas)
                .set("aspects", &next.aspects)
                .set("updatedAt", &next.updated_at)
                .set_or_remove("nextSteps", next.next_steps.as_ref());
            let change = if versioned {
                change.set("updatedBy", &next.updated_by).set("history", &next.history).set("version", &next.version).if_version(expected)
            } else {
                change.on_existing()
            };
            app.store().change(key, change)
        };
        let mut batch = vec![content(&ObservationRecord::key(&setting_id, &observation_id), true), app.store().put_new(kept)];
        for child in &current.children {
            batch.push(content(&current.journal_key(child), false));
        }
        // The areas it counts to in each child's term follow the change.
        let removed: Vec<AreaOfLearning> = current.areas.iter().filter(|a| !next.areas.contains(a)).copied().collect();
        let added: Vec<AreaOfLearning> = next.areas.iter().filter(|a| !current.areas.contains(a)).copied().collect();
        if !removed.is_empty() || !added.is_empty() {
            let timezone = auth.setting().timezone.clone();
            for child in &current.children {
                let (key, mut change) = count_in_term(&setting_id, &timezone, current.published_at, child, &added, 0);
                for area in &removed {
                    change = change.add(nestling_platform::records::area_counter(*area).as_str(), -1);
                }
                batch.push(app.store().change(&key, change));
            }
        }
        let view = observation_view(&next);
        Commit::new(
            &app,
            &auth,
            Audit::children(&setting_id, AuditAction::ObservationEdit, current.children.clone())
                .detail(format!("observation:{observation_id} {}", fields.join(","))),
        )
        .writes(batch)
        .answer(200, &view, Some(next.version))
        .await
    })
    .await
}

/// Revisions an observation item carries (older ones are in their own items).
const HISTORY_IN_ITEM: usize = 8;

/// An earlier version as its own item, `SETTING#<setting> / OBSREV#<observation>#<version>`.
fn revision_record(o: &ObservationRecord, revision: &ObservationRevision) -> nestling_platform::store::Item {
    let mut item = to_item(revision);
    item.insert("PK".into(), Value::S(keys::setting(&o.setting_id)));
    item.insert("SK".into(), Value::S(keys::observation_revision(&o.observation_id, revision.version)));
    item.insert("kind".into(), Value::S("observation-revision".into()));
    item.insert("observationId".into(), Value::S(o.observation_id.to_string()));
    item
}

/// DELETE /v1/settings/{settingId}/observations/{observationId}: managers unpublish. The
/// observation is kept (and audited); its journal copies go, so nobody is shown it.
pub async fn unpublish_observation(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("observations-delete", req, |req| async move {
        let setting_id = http::path_id::<SettingId>(&req, "settingId")?;
        let observation_id = http::path_id::<ObservationId>(&req, "observationId")?;
        let key = ObservationRecord::key(&setting_id, &observation_id);
        let auth =
            authorize(&app, &req, "observations-delete", Some(&setting_id), Action::UnpublishObservation, std::slice::from_ref(&key))
                .await?;
        let current: ObservationRecord = auth.record(&key)?.ok_or_else(Problem::not_found)?;
        if let Some(replay) =
            writes::replay_logged(&app, &auth, &setting_id, AuditAction::ObservationUnpublish, current.children.clone()).await?
        {
            return Ok(auth.tag(replay));
        }
        if !current.published {
            return Err(Problem::from(JournalProblem::ObservationAlreadyUnpublished));
        }
        let now = app.clock.timestamp();
        let unpublish = Change::new()
            .set("published", &false)
            .set("unpublishedAt", &now)
            .set("unpublishedBy", &auth.caller.user_id)
            .next_version()
            .when(Condition::eq("published", &true));
        let mut batch = vec![app.store().change(&ObservationRecord::key(&setting_id, &observation_id), unpublish)];
        batch.extend(current.children.iter().map(|c| app.store().delete(&current.journal_key(c))));
        // Taken off each child's term counts again.
        let timezone = auth.setting().timezone.clone();
        for c in &current.children {
            let (key, change) = count_in_term(&setting_id, &timezone, current.published_at, c, &current.areas, -1);
            batch.push(app.store().change(&key, change));
        }
        for m in &current.media {
            let hide = Change::new().set("shownIn", &Vec::<ChildId>::new()).next_version();
            batch.push(app.store().change(&MediaRecord::key(&setting_id, &m.media_id), hide));
        }
        let mut view = observation_view(&current);
        view.published = false;
        view.version = current.version + 1;
        Commit::new(
            &app,
            &auth,
            Audit::children(&setting_id, AuditAction::ObservationUnpublish, current.children.clone())
                .detail(format!("observation:{observation_id}")),
        )
        .writes(batch)
        .answer(200, &view, Some(view.version))
        .await
    })
    .await
}

/// GET /v1/settings/{settingId}/children/{childId}/journal: newest first, one Query per page.
/// A parent is shown a photo only when every other child in it consents (rule 6); otherwise
/// the entry shows the text and a "photo not shared" placeholder, never the URL.
pub async fn get_journal(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("journal-get", req, |req| async move {
        let setting_id = http::path_id::<SettingId>(&req, "settingId")?;
        let child_id = http::path_id::<ChildId>(&req, "childId")?;
        let (limit, cursor) = http::paging(&req)?;
        let roster_key = RosterRecord::key(&setting_id);
        let journal_pk = keys::journal(&setting_id, &child_id);
        // The page is read beside the authorisation, and the access-log line, which names what
        // the page showed, follows: two round trips.
        let (auth, page) = beside_authorisation(
            authorize_child(&app, &req, "journal-get", &setting_id, &child_id, Action::ViewJournal, std::slice::from_ref(&roster_key)),
            app.store().page(Query::partition(Index::Table, journal_pk).limit(limit.min(50)).newest_first(true), cursor.as_deref()),
        )
        .await?;
        let roster: Option<RosterRecord> = auth.record(&roster_key)?;
        let child = auth.child();
        let consents = |c: &ChildId| roster.as_ref().and_then(|r| r.children.get(c)).is_some_and(|e| e.photos_in_other_journals);
        // The one media rule: rule 6 for families, rule 8 off the premises.
        let audience = auth.media_audience(roster.as_ref(), BTreeSet::from([child_id.clone()]));
        let mut items = Vec::new();
        for item in page.items {
            let entry: JournalEntryRecord = from_item(item)?;
            let mut media = Vec::new();
            for m in &entry.media {
                let shared = shown_on_page(audience.viewer(), &child_id, &m.children, consents);
                media.push(journal_media_view(&app, &setting_id, m, shared).await?);
            }
            items.push(JournalEntryView {
                entry_id: entry.entry_id,
                entry_kind: entry.entry_kind,
                author: PersonView { user_id: entry.author_id, name: entry.author_name },
                text: entry.text,
                areas: entry.areas,
                aspects: entry.aspects,
                next_steps: entry.next_steps,
                media,
                comment_count: entry.comment_count,
                published_at: entry.published_at,
                updated_at: entry.updated_at,
            });
        }
        // The access-log line names the child and every other child whose photo was handed out.
        let mut shown: std::collections::BTreeSet<ChildId> = BTreeSet::from([child_id.clone()]);
        for item in &items {
            for m in item.media.iter().filter(|m| m.shared) {
                shown.extend(m.children.iter().cloned());
            }
        }
        let detail = Some(format!("journal of {child_id}, {} entries", items.len()));
        Audit::children(&setting_id, AuditAction::JournalView, shown.into_iter().collect())
            .maybe_detail(detail)
            .log_read(&app, &auth)
            .await?;
        let view = JournalView {
            child_id: child.child_id.clone(),
            first_name: child.first_name.clone(),
            key_person: PersonView { user_id: child.key_person_id.clone(), name: child.key_person_name.clone() },
            items,
            next_cursor: page.next_cursor,
        };
        Ok(auth.tag(http::ok(&view)))
    })
    .await
}

/// A photo or video as one viewer may see it (the platform's one builder).
pub(crate) async fn journal_media_view(app: &App, setting_id: &SettingId, m: &EntryMedia, shared: bool) -> ApiResult<MediaView> {
    Ok(media::media_view(app, setting_id, m, shared).await?)
}

// The use case behind each of this area's route-table names (the local gateway serves them).
nestling_platform::routes! {
    "observations-create" => create_observation,
    "observations-list" => list_observations,
    "observations-update" => update_observation,
    "observations-delete" => unpublish_observation,
    "journal-get" => get_journal,
    // A parent's journal through their PIN'd session on the setting's device.
    "device-journal-get" => get_journal,
    "comments-create" => create_comment,
    "comments-list" => list_comments,
    "contributions-create" => create_contribution,
    "child-contributions" => list_child_contributions,
    "contributions-list" => list_contributions,
    "contributions-approve" => approve_contribution,
    "contributions-reject" => reject_contribution,
    "key-children" => list_key_children,
}

#[cfg(test)]
mod tests;

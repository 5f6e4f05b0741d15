//! Parent contributions (rule 7): a parent's own observation from home stays pending, seen only
//! by staff and the child's family, until a practitioner or manager approves it into the
//! child's journal or rejects it with a reason the family sees.

use crate::JournalProblem;
use crate::{entry_media, journal_media_view, user_name, ContributionView, KeyChildView};
use lambda_http::{Body, Request, Response};
use nestling_domain::journal::{distinct_ids, shown_on_page, AreaOfLearning, ContributionStatus, MAX_MEDIA_PER_ENTRY};
use nestling_domain::{Action, ChildId, ContributionId, ContributionText, EntryId, FreeText, MediaId, Role, SettingId, UserId};
use nestling_platform::access::{authorize, authorize_child, beside_authorisation, Authorized, MediaAudience};
use nestling_platform::http::{self, ApiResult, ListPage, Problem};
use nestling_platform::notify::{notify, JournalEvent};
use nestling_platform::records::{ContributionRecord, EntryKind, JournalEntryRecord, MediaRecord, MemberRecord, RosterRecord};
use nestling_platform::store::{from_item, keys, to_item, Change, Condition, Index, Key, Query, StoreError, Write};
use nestling_platform::writes::AuditAction;
use nestling_platform::{writes, App, Audit, Commit};
use serde::Deserialize;
use std::sync::Arc;

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NewContribution {
    #[schema(value_type = String)]
    pub text: ContributionText,
    /// Ready photos or videos the parent uploaded themselves (up to 10).
    #[serde(default)]
    pub media_ids: Vec<String>,
    /// A "wow moment": the areas of learning it shows (optional, each once).
    #[serde(default)]
    pub areas: Vec<AreaOfLearning>,
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Rejection {
    /// Shown to the family.
    #[schema(value_type = String)]
    pub reason: FreeText,
}

/// POST /v1/settings/{settingId}/children/{childId}/contributions: a linked parent.
pub async fn create_contribution(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("contributions-create", req, |req| async move {
        let setting_id = http::path_id::<SettingId>(&req, "settingId")?;
        let child_id = http::path_id::<ChildId>(&req, "childId")?;
        let body = http::json_body::<NewContribution>(&req).and_then(|b| {
            if !b.media_ids.is_empty() {
                distinct_ids("mediaIds", &b.media_ids, MAX_MEDIA_PER_ENTRY).map_err(Problem::invalid)?;
            }
            let media_ids: Vec<MediaId> = http::body_ids("mediaIds", &b.media_ids)?;
            if !b.areas.is_empty() {
                crate::check_areas(&b.areas)?;
            }
            Ok((b, media_ids))
        });
        let media_keys: Vec<Key> = match &body {
            Ok((_, media_ids)) => media_ids.iter().map(|m| MediaRecord::key(&setting_id, m)).collect(),
            Err(_) => Vec::new(),
        };
        let auth = authorize_child(&app, &req, "contributions-create", &setting_id, &child_id, Action::Contribute, &media_keys).await?;
        if let Some(replay) =
            writes::replay_logged(&app, &auth, &setting_id, AuditAction::ContributionSubmit, vec![child_id.clone()]).await?
        {
            return Ok(auth.tag(replay));
        }
        let (body, _) = body?;
        let mut media = Vec::new();
        for record in auth.records::<MediaRecord>(&media_keys)? {
            let record = record.ok_or_else(|| Problem::invalid("mediaIds must name your own uploads"))?;
            if record.uploaded_by != auth.caller.user_id {
                return Err(Problem::invalid("mediaIds must name your own uploads"));
            }
            crate::media_attachable(&record)?;
            media.push(record);
        }
        let id: ContributionId = app.new_sortable();
        let contribution = ContributionRecord {
            pk: keys::setting(&setting_id),
            sk: keys::contribution(&id),
            gsi1pk: keys::child_contributions(&setting_id, &child_id),
            gsi1sk: id.to_string(),
            kind: "contribution".into(),
            setting_id: setting_id.clone(),
            contribution_id: id.clone(),
            child_id: child_id.clone(),
            author_id: auth.caller.user_id.clone(),
            author_name: user_name(&auth),
            text: body.text.to_string(),
            media: media.iter().map(entry_media).collect(),
            areas: body.areas.clone(),
            status: ContributionStatus::Pending,
            created_at: app.clock.timestamp(),
            decided_by: None,
            decided_at: None,
            rejection_reason: None,
            version: 1,
        };
        let view = contribution_view(&app, &contribution, None, None).await?;
        let mut batch = vec![app.store().put_new(to_item(&contribution))];
        for m in &media {
            batch.push(crate::attach_media(&app, m, &EntryId::from(id.clone()), &[]));
        }
        Commit::new(&app, &auth, Audit::child(&setting_id, AuditAction::ContributionSubmit, &child_id).detail(format!("contribution:{id}")))
            .writes(batch)
            .on_conflict(media_conflict)
            .answer(201, &view, Some(1))
            .await
    })
    .await
}

fn media_conflict(e: StoreError) -> Problem {
    if matches!(e, StoreError::Conflict { .. }) {
        Problem::from(JournalProblem::MediaTakenMeanwhile)
    } else {
        e.into()
    }
}

/// A contribution with its photos as `audience` may see them (`None`: all of them, for the
/// answers to its author and to the staff on the premises who decide it).
async fn contribution_view(
    app: &App,
    c: &ContributionRecord,
    roster: Option<&RosterRecord>,
    audience: Option<&MediaAudience>,
) -> ApiResult<ContributionView> {
    let mut media = Vec::new();
    for m in &c.media {
        let consents = |child: &ChildId| roster.and_then(|r| r.children.get(child)).is_some_and(|e| e.photos_in_other_journals);
        let shared = audience.is_none_or(|a| shown_on_page(a.viewer(), &c.child_id, &m.children, consents));
        media.push(journal_media_view(app, &c.setting_id, m, shared).await?);
    }
    Ok(ContributionView {
        contribution_id: c.contribution_id.clone(),
        child_id: c.child_id.clone(),
        child_first_name: roster.and_then(|r| r.children.get(&c.child_id)).map(|e| e.first_name.clone()),
        author: crate::PersonView { user_id: c.author_id.clone(), name: c.author_name.clone() },
        text: c.text.clone(),
        media,
        areas: c.areas.clone(),
        status: c.status,
        created_at: c.created_at,
        decided_at: c.decided_at,
        rejection_reason: c.rejection_reason.clone(),
        version: c.version,
    })
}

/// GET /v1/settings/{settingId}/children/{childId}/contributions: the child's contributions,
/// newest first, for staff and the child's family (pending and rejected included).
pub async fn list_child_contributions(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("child-contributions", req, |req| async move {
        let setting_id = http::path_id::<SettingId>(&req, "settingId")?;
        let child_id = http::path_id::<ChildId>(&req, "childId")?;
        let (limit, cursor) = http::paging(&req)?;
        let roster_key = RosterRecord::key(&setting_id);
        let index_pk = keys::child_contributions(&setting_id, &child_id);
        // The page beside the authorisation; the access-log line naming what it showed follows.
        let (auth, page) = beside_authorisation(
            authorize_child(
                &app,
                &req,
                "child-contributions",
                &setting_id,
                &child_id,
                Action::ListChildContributions,
                std::slice::from_ref(&roster_key),
            ),
            app.store().page(Query::partition(Index::Gsi1, index_pk).limit(limit).newest_first(true), cursor.as_deref()),
        )
        .await?;
        let roster: Option<RosterRecord> = auth.record(&roster_key)?;
        // The one media rule, as on the journal: rule 6 for families, rule 8 off the premises.
        let audience = auth.media_audience(roster.as_ref(), std::collections::BTreeSet::from([child_id.clone()]));
        let mut items = Vec::new();
        for item in page.items {
            let c: ContributionRecord = from_item(item)?;
            items.push(contribution_view(&app, &c, roster.as_ref(), Some(&audience)).await?);
        }
        let mut shown: std::collections::BTreeSet<ChildId> = std::collections::BTreeSet::from([child_id.clone()]);
        for item in &items {
            for m in item.media.iter().filter(|m| m.shared) {
                shown.extend(m.children.iter().cloned());
            }
        }
        Audit::children(&setting_id, AuditAction::ContributionsView, shown.into_iter().collect()).log_read(&app, &auth).await?;
        Ok(auth.tag(http::ok(&ListPage { items, next_cursor: page.next_cursor })))
    })
    .await
}

/// GET /v1/settings/{settingId}/contributions?status=: staff's queue, newest first.
pub async fn list_contributions(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("contributions-list", req, |req| async move {
        let setting_id = http::path_id::<SettingId>(&req, "settingId")?;
        let (limit, cursor) = http::paging(&req)?;
        let status = http::query_param(&req, "status");
        let roster_key = RosterRecord::key(&setting_id);
        let filter = match status.as_deref() {
            None => Ok(None),
            Some(s @ ("pending" | "approved" | "rejected")) => Ok(Some(Condition::eq("status", s))),
            Some(_) => Err(Problem::invalid("status must be pending, approved or rejected")),
        };
        // The page beside the authorisation (a refusal still answers first); the access-log
        // line naming its children follows.
        let page = async {
            let Ok(filter) = &filter else { return Ok(None) };
            let query = Query::partition(Index::Table, keys::setting(&setting_id))
                .prefix(keys::CONTRIBUTION_PREFIX)
                .limit(limit)
                .newest_first(true)
                .filter(filter.clone());
            app.store().page(query, cursor.as_deref()).await.map(Some)
        };
        let (auth, page) = beside_authorisation(
            authorize(&app, &req, "contributions-list", Some(&setting_id), Action::ListContributions, std::slice::from_ref(&roster_key)),
            page,
        )
        .await?;
        filter?;
        let page = page.expect("read when the filter is valid");
        let roster: Option<RosterRecord> = auth.record(&roster_key)?;
        let contributions: Vec<ContributionRecord> = page.items.into_iter().map(from_item).collect::<Result<_, _>>()?;
        if !contributions.is_empty() {
            let children: Vec<ChildId> =
                contributions.iter().map(|c| c.child_id.clone()).collect::<std::collections::BTreeSet<_>>().into_iter().collect();
            Audit::children(&setting_id, AuditAction::ContributionsReviewList, children).log_read(&app, &auth).await?;
        }
        let mut items = Vec::new();
        for c in &contributions {
            items.push(contribution_view(&app, c, roster.as_ref(), None).await?);
        }
        Ok(auth.tag(http::ok(&ListPage { items, next_cursor: page.next_cursor })))
    })
    .await
}

/// A decision request: a retry of one already made (its stored answer), or a pending
/// contribution to decide.
enum Decision {
    Replay(Authorized, Response<Body>),
    Decide(Authorized, Box<ContributionRecord>),
}

/// Loads the contribution named in the path with the authorisation; only pending ones may be
/// decided.
async fn pending_contribution(app: &App, req: &Request, route: &str, action: AuditAction) -> ApiResult<Decision> {
    let setting_id = http::path_id::<SettingId>(req, "settingId")?;
    let contribution_id = http::path_id::<ContributionId>(req, "contributionId")?;
    let key = ContributionRecord::key(&setting_id, &contribution_id);
    let auth = authorize(app, req, route, Some(&setting_id), Action::ReviewContribution, std::slice::from_ref(&key)).await?;
    let contribution: ContributionRecord = auth.record(&key)?.ok_or_else(Problem::not_found)?;
    if let Some(replay) = writes::replay_logged(app, &auth, &setting_id, action, vec![contribution.child_id.clone()]).await? {
        return Ok(Decision::Replay(auth, replay));
    }
    if contribution.status != ContributionStatus::Pending {
        return Err(Problem::from(JournalProblem::ContributionDecided));
    }
    Ok(Decision::Decide(auth, Box::new(contribution)))
}

/// The contribution's decision, only while it is still pending.
fn decide_contribution(app: &App, c: &ContributionRecord, decided: &ContributionRecord) -> Write {
    let mut change = Change::new()
        .set("status", if decided.status == ContributionStatus::Approved { "approved" } else { "rejected" })
        .set("decidedBy", decided.decided_by.as_ref().map(UserId::as_str).unwrap_or_default())
        .set("decidedAt", &decided.decided_at.map(|at| at.to_string()).unwrap_or_default())
        .set("version", &decided.version)
        .when(Condition::eq("status", "pending"))
        .if_version(c.version);
    if let Some(reason) = &decided.rejection_reason {
        change = change.set("rejectionReason", reason);
    }
    app.store().change(&ContributionRecord::key(&c.setting_id, &c.contribution_id), change)
}

/// POST /v1/settings/{settingId}/contributions/{contributionId}/approve: into the journal.
pub async fn approve_contribution(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("contributions-approve", req, |req| async move {
        let (auth, current) = match pending_contribution(&app, &req, "contributions-approve", AuditAction::ContributionApprove).await? {
            Decision::Replay(auth, answer) => return Ok(auth.tag(answer)),
            Decision::Decide(auth, current) => (auth, *current),
        };
        let now = app.clock.timestamp();
        let mut decided = current.clone();
        decided.status = ContributionStatus::Approved;
        decided.decided_by = Some(auth.caller.user_id.clone());
        decided.decided_at = Some(now);
        decided.version += 1;
        let setting = auth.setting();
        let entry = JournalEntryRecord {
            pk: keys::journal(&current.setting_id, &current.child_id),
            sk: keys::journal_entry(&now.to_string(), &EntryId::from(current.contribution_id.clone())),
            kind: "journal-entry".into(),
            setting_id: current.setting_id.clone(),
            child_id: current.child_id.clone(),
            entry_id: EntryId::from(current.contribution_id.clone()),
            entry_kind: EntryKind::Contribution,
            author_id: current.author_id.clone(),
            author_name: current.author_name.clone(),
            author_role: Role::Parent,
            text: current.text.clone(),
            areas: current.areas.clone(),
            aspects: Vec::new(),
            next_steps: None,
            media: current.media.clone(),
            comment_count: 0,
            published_at: now,
            updated_at: now,
        };
        let mut batch = vec![decide_contribution(&app, &current, &decided), app.store().put_new(to_item(&entry))];
        for m in &current.media {
            let show = Change::new().set("shownIn", &[&current.child_id]).next_version();
            batch.push(app.store().change(&MediaRecord::key(&current.setting_id, &m.media_id), show));
        }
        batch.push(notify(
            &app,
            &setting.setting_id,
            &setting.name,
            JournalEvent::ContributionApproved,
            vec![current.child_id.clone()],
            &auth.caller.user_id,
        ));
        let view = contribution_view(&app, &decided, None, None).await?;
        Commit::new(
            &app,
            &auth,
            Audit::child(&current.setting_id, AuditAction::ContributionApprove, &current.child_id)
                .detail(format!("contribution:{}", current.contribution_id)),
        )
        .writes(batch)
        .on_conflict(decided_meanwhile)
        .answer(200, &view, Some(decided.version))
        .await
    })
    .await
}

fn decided_meanwhile(e: StoreError) -> Problem {
    if matches!(e, StoreError::Conflict { .. }) {
        Problem::from(JournalProblem::ContributionDecidedMeanwhile)
    } else {
        e.into()
    }
}

/// POST /v1/settings/{settingId}/contributions/{contributionId}/reject: with a reason the
/// family sees; never shown to anyone else.
pub async fn reject_contribution(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("contributions-reject", req, |req| async move {
        let body = http::json_body::<Rejection>(&req);
        let (auth, current) = match pending_contribution(&app, &req, "contributions-reject", AuditAction::ContributionReject).await? {
            Decision::Replay(auth, answer) => return Ok(auth.tag(answer)),
            Decision::Decide(auth, current) => (auth, *current),
        };
        let body = body?;
        let mut decided = current.clone();
        decided.status = ContributionStatus::Rejected;
        decided.decided_by = Some(auth.caller.user_id.clone());
        decided.decided_at = Some(app.clock.timestamp());
        decided.rejection_reason = Some(body.reason.to_string());
        decided.version += 1;
        let setting = auth.setting();
        let batch = vec![
            decide_contribution(&app, &current, &decided),
            notify(
                &app,
                &setting.setting_id,
                &setting.name,
                JournalEvent::ContributionRejected { reason: body.reason.to_string() },
                vec![current.child_id.clone()],
                &auth.caller.user_id,
            ),
        ];
        let view = contribution_view(&app, &decided, None, None).await?;
        Commit::new(
            &app,
            &auth,
            Audit::child(&current.setting_id, AuditAction::ContributionReject, &current.child_id)
                .detail(format!("contribution:{}", current.contribution_id)),
        )
        .writes(batch)
        .on_conflict(decided_meanwhile)
        .answer(200, &view, Some(decided.version))
        .await
    })
    .await
}

/// GET /v1/settings/{settingId}/staff/{userId}/key-children: the children a member of staff is
/// key person for, from the roster read with the authorisation.
pub async fn list_key_children(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("key-children", req, |req| async move {
        let setting_id = http::path_id::<SettingId>(&req, "settingId")?;
        let user_id = http::path_id::<UserId>(&req, "userId")?;
        let roster_key = RosterRecord::key(&setting_id);
        // Their membership, read with the authorisation (the caller's own is read anyway: a
        // batch read may not name one key twice).
        let caller = http::caller(&req)?;
        let staff_key = MemberRecord::key(&setting_id, &user_id);
        let mut extra = vec![roster_key.clone()];
        if user_id != caller.user_id {
            extra.push(staff_key.clone());
        }
        let auth = authorize(&app, &req, "key-children", Some(&setting_id), Action::ListKeyChildren, &extra).await?;
        // Only a member of staff of this setting has key children; anyone else is not found here.
        let member: Option<MemberRecord> = if user_id == caller.user_id { Some(auth.member().clone()) } else { auth.record(&staff_key)? };
        if !member.is_some_and(|m| m.role.is_staff()) {
            return Err(Problem::not_found());
        }
        // Off the premises a practitioner lists only their own key children whose parents
        // consented to remote access (rule 8).
        let remote = auth.off_premises && !auth.is_manager();
        if remote && user_id != auth.caller.user_id {
            return Err(Problem::off_premises());
        }
        let roster: Option<RosterRecord> = auth.record(&roster_key)?;
        let mut items: Vec<KeyChildView> = roster
            .map(|r| r.children)
            .unwrap_or_default()
            .into_iter()
            .filter(|(_, e)| e.key_person_id == user_id && (!remote || e.remote_staff_access))
            .map(|(child_id, e)| KeyChildView {
                child_id,
                first_name: e.first_name,
                last_name: e.last_name,
                date_of_birth: e.date_of_birth,
                room_id: e.room_id,
            })
            .collect();
        items.sort_by(|a, b| (&a.last_name, &a.first_name, &a.child_id).cmp(&(&b.last_name, &b.first_name, &b.child_id)));
        if !items.is_empty() {
            let shown = items.iter().map(|c| c.child_id.clone()).collect();
            Audit::children(&setting_id, AuditAction::ChildrenKeyList, shown)
                .detail(format!("key person {user_id}"))
                .log_read(&app, &auth)
                .await?;
        }
        Ok(auth.tag(http::ok(&ListPage { items, next_cursor: None })))
    })
    .await
}

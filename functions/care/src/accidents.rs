//! Accidents and incidents: staff record them, a manager reviews each before the parents see
//! it (they are emailed the same day), the parents acknowledge it. A serious one emails every
//! manager at once and shows the 14-day deadline for telling Ofsted.

use crate::*;
use lambda_http::{Body, Request, Response};
use nestling_domain::care::{AccidentFilter, AccidentStatus, AccidentStep};
use nestling_domain::{AccidentId, Action, ChildId, FreeText, Notes, PersonName, SettingId, Timestamp, UserId};
use nestling_platform::access::{authorize, authorize_child};
use nestling_platform::http::{self, ApiResult, Problem};
use nestling_platform::records::{AccidentRecord, AccidentSummary, AccidentsIndexRecord, ChildRecord, ManagersRecord};
use nestling_platform::writes;
use nestling_platform::writes::AuditAction;
use nestling_platform::{Audit, Commit};
use serde::{Deserialize, Serialize};
use std::sync::Arc;
use time::Duration;

pub use nestling_domain::bounds::{MAX_OPEN_ACCIDENTS, MAX_WITNESSES};

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NewAccident {
    /// When it happened (RFC 3339); now when left out. Not in the future.
    pub at: Option<String>,
    #[schema(value_type = String)]
    pub place: FreeText,
    #[schema(value_type = String)]
    pub what_happened: Notes,
    #[schema(value_type = String)]
    pub injury: Notes,
    #[schema(value_type = String)]
    pub first_aid: Notes,
    #[serde(default)]
    #[schema(value_type = Vec<String>)]
    pub witnesses: Vec<PersonName>,
    pub serious: bool,
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AccidentReview {
    /// For the parents: shown to them with the record.
    #[schema(value_type = String)]
    pub notes: Notes,
    /// For staff only (what was followed up, a risk assessment): never shown to families.
    #[serde(default)]
    #[schema(value_type = Option<String>)]
    pub internal_notes: Option<Notes>,
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AccidentAcknowledgement {
    #[schema(value_type = Option<String>)]
    pub comment: Option<Notes>,
}

#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct AccidentView {
    #[schema(value_type = String)]
    pub accident_id: AccidentId,
    #[schema(value_type = String)]
    pub child_id: ChildId,
    pub child_name: String,
    #[schema(value_type = String)]
    pub happened_at: Timestamp,
    pub place: String,
    pub what_happened: String,
    pub injury: String,
    pub first_aid: String,
    pub witnesses: Vec<String>,
    pub serious: bool,
    #[schema(value_type = String)]
    pub recorded_by: UserId,
    pub recorded_by_name: String,
    #[schema(value_type = String)]
    pub recorded_at: Timestamp,
    pub status: AccidentStatus,
    #[schema(value_type = Option<String>)]
    pub reviewed_by: Option<UserId>,
    #[schema(value_type = Option<String>)]
    pub reviewed_at: Option<Timestamp>,
    /// The manager's notes for the parents.
    pub review_notes: Option<String>,
    /// The manager's notes for staff: present for staff callers only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub internal_notes: Option<String>,
    #[schema(value_type = Option<String>)]
    pub acknowledged_by: Option<UserId>,
    #[schema(value_type = Option<String>)]
    pub acknowledged_at: Option<Timestamp>,
    pub acknowledgement_comment: Option<String>,
    /// Serious accidents: Ofsted must be told by then (14 days), unless already done.
    #[schema(value_type = Option<String>)]
    pub ofsted_deadline: Option<Timestamp>,
    pub version: u64,
}

/// The record as `staff` or a parent may see it: the manager's internal notes are for staff.
fn accident_view(a: &AccidentRecord, staff: bool) -> AccidentView {
    AccidentView {
        accident_id: a.accident_id.clone(),
        child_id: a.child_id.clone(),
        child_name: a.child_name.clone(),
        happened_at: a.happened_at,
        place: a.place.clone(),
        what_happened: a.what_happened.clone(),
        injury: a.injury.clone(),
        first_aid: a.first_aid.clone(),
        witnesses: a.witnesses.clone(),
        serious: a.serious,
        recorded_by: a.recorded_by.clone(),
        recorded_by_name: a.recorded_by_name.clone(),
        recorded_at: a.recorded_at,
        status: a.status,
        reviewed_by: a.reviewed_by.clone(),
        reviewed_at: a.reviewed_at,
        review_notes: a.review_notes.clone(),
        internal_notes: a.internal_notes.clone().filter(|_| staff),
        acknowledged_by: a.acknowledged_by.clone(),
        acknowledged_at: a.acknowledged_at,
        acknowledgement_comment: a.acknowledgement_comment.clone(),
        ofsted_deadline: deadline(a.serious, a.happened_at),
        version: a.version,
    }
}

fn deadline(serious: bool, happened_at: Timestamp) -> Option<Timestamp> {
    serious.then(|| Timestamp::new(care::ofsted_deadline(happened_at.at())))
}

fn summary(a: &AccidentRecord) -> AccidentSummary {
    AccidentSummary {
        child_id: a.child_id.clone(),
        child_name: a.child_name.clone(),
        happened_at: a.happened_at,
        place: a.place.clone(),
        serious: a.serious,
        status: a.status,
    }
}

fn index_of(item: Option<Item>, setting_id: &SettingId) -> ApiResult<AccidentsIndexRecord> {
    Ok(match item {
        Some(item) => from_item(item)?,
        None => AccidentsIndexRecord::empty(setting_id),
    })
}

/// POST /v1/settings/{settingId}/children/{childId}/accidents: staff record an accident or
/// incident. A serious one emails every manager in the same transaction.
pub async fn record_accident(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("accidents-create", req, |req| async move { with_retries(|| try_record_accident(&app, &req)).await }).await
}

async fn try_record_accident(app: &App, req: &Request) -> Result<Response<Body>, Retry> {
    {
        let setting_id = http::path_id::<SettingId>(req, "settingId")?;
        let child_id = http::path_id::<ChildId>(req, "childId")?;
        let extra = [AccidentsIndexRecord::key(&setting_id), ManagersRecord::key(&setting_id)];
        let auth = authorize_child(app, req, "accidents-create", &setting_id, &child_id, Action::RecordAccident, &extra).await?;
        let body: NewAccident = http::json_body(req)?;
        if let Some(answer) = writes::replay_logged(app, &auth, &setting_id, AuditAction::AccidentReplay, vec![child_id.clone()]).await? {
            return Ok(auth.tag(answer));
        }
        if body.witnesses.len() > MAX_WITNESSES {
            return Err(Problem::invalid(format!("at most {MAX_WITNESSES} witnesses")).into());
        }
        let now = app.clock.now();
        let at = match &body.at {
            Some(raw) => parse_time("at", raw)?,
            None => now,
        };
        if at > now + Duration::minutes(2) || at < now - Duration::days(7) {
            return Err(Problem::invalid("at must be in the last 7 days, not in the future").into());
        }
        let child = auth.child().clone();
        let mut index = index_of(auth.item(&AccidentsIndexRecord::key(&setting_id)), &setting_id)?;
        let managers = managers_of(auth.item(&ManagersRecord::key(&setting_id)), &setting_id)?;
        let accident_id = AccidentId::of_child(&child_id, &app.new_sortable_id()).map_err(|e| Problem::internal("accident id", e))?;
        let now_text = Timestamp::new(now);
        let accident = AccidentRecord {
            pk: keys::setting(&setting_id),
            sk: keys::accident(&accident_id),
            kind: "accident".into(),
            setting_id: setting_id.clone(),
            accident_id: accident_id.clone(),
            child_id: child_id.clone(),
            child_name: format!("{} {}", child.first_name, child.last_name),
            happened_at: Timestamp::new(at),
            place: body.place.to_string(),
            what_happened: body.what_happened.to_string(),
            injury: body.injury.to_string(),
            first_aid: body.first_aid.to_string(),
            witnesses: body.witnesses.iter().map(|w| w.to_string()).collect(),
            serious: body.serious,
            recorded_by: auth.caller.user_id.clone(),
            recorded_by_name: auth.member().name.clone(),
            recorded_at: now_text,
            status: AccidentStatus::AwaitingReview,
            reviewed_by: None,
            reviewed_at: None,
            review_notes: None,
            internal_notes: None,
            acknowledged_by: None,
            acknowledged_at: None,
            acknowledgement_comment: None,
            version: 1,
        };
        if index.open.len() >= MAX_OPEN_ACCIDENTS {
            return Err(Problem::limit_reached(format!(
                "a setting has at most {MAX_OPEN_ACCIDENTS} accidents not yet acknowledged; review and close some first"
            ))
            .into());
        }
        index.open.insert(accident_id.clone(), summary(&accident));
        let answer = accident_view(&accident, true);
        let mut batch = vec![app.store().put_new(to_item(&accident)), save_versioned(app, &mut index)];
        if body.serious {
            let text = format!(
                "A serious accident to {} was recorded at {} by {}.\n\nWhen: {} (UTC)\nWhere: {}\nWhat happened: {}\nInjury: {}\nFirst aid: {}\n\nPlease review it in Nestling. Ofsted must be told as soon as reasonably practicable and by {} at the latest.\n",
                accident.child_name,
                auth.setting().name,
                accident.recorded_by_name,
                accident.happened_at,
                accident.place,
                accident.what_happened,
                accident.injury,
                accident.first_aid,
                answer.ofsted_deadline.map(|d| d.to_string()).unwrap_or_default()
            );
            for (user_id, email) in
                manager_emails(&managers, &format!("Serious accident: {}", child.first_name), &text, "serious-accident", &setting_id)
            {
                batch.push(writes::outbox_with_id(app, &format!("accident-{accident_id}-{user_id}"), email));
            }
        }
        Commit::new(
            app,
            &auth,
            Audit::child(&setting_id, AuditAction::AccidentRecord, &child_id)
                .detail(format!("{accident_id}{}", if body.serious { " (serious)" } else { "" })),
        )
        .writes(batch)
        .answer(201, &answer, Some(1))
        .await
    }
}

/// The child an accident id naming no child is authorised as: one nobody has.
fn nobody() -> ChildId {
    ChildId::parse("none").unwrap_or_else(|_| unreachable!("\"none\" is an id"))
}

/// The accident a path names and its child, both read with the authorisation.
fn accident_in(
    auth: &nestling_platform::access::Authorized,
    setting_id: &SettingId,
    accident_id: &AccidentId,
) -> ApiResult<AccidentRecord> {
    let accident: Option<AccidentRecord> = auth.record(&AccidentRecord::key(setting_id, accident_id))?;
    match accident {
        Some(a) if auth.child.as_ref().is_some_and(|c| c.child_id == a.child_id) => Ok(a),
        _ => Err(Problem::not_found()),
    }
}

/// POST /v1/settings/{settingId}/accidents/{accidentId}/review: a manager reviews the record;
/// from now on the parents see it, and each is emailed in the same transaction.
pub async fn review_accident(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("accidents-review", req, |req| async move { with_retries(|| try_review_accident(&app, &req)).await }).await
}

async fn try_review_accident(app: &App, req: &Request) -> Result<Response<Body>, Retry> {
    {
        let setting_id = http::path_id::<SettingId>(req, "settingId")?;
        let accident_id = http::path_id::<AccidentId>(req, "accidentId")?;
        let Some(child_id) = accident_id.child() else {
            // Still authorise first: a stranger learns nothing from a malformed id.
            authorize(app, req, "accidents-review", Some(&setting_id), Action::ReviewAccident, &[]).await?;
            return Err(Problem::not_found().into());
        };
        let extra = [
            AccidentRecord::key(&setting_id, &accident_id),
            AccidentsIndexRecord::key(&setting_id),
            ChildRecord::key(&setting_id, &child_id),
        ];
        let mut auth = authorize(app, req, "accidents-review", Some(&setting_id), Action::ReviewAccident, &extra).await?;
        auth.child = auth.record(&ChildRecord::key(&setting_id, &child_id))?;
        let body: AccidentReview = http::json_body(req)?;
        let current = accident_in(&auth, &setting_id, &accident_id)?;
        let Some(status) = care::accident_step(current.status, AccidentStep::Review) else {
            return Err(Problem::from(CareProblem::AccidentReviewed).into());
        };
        let setting = auth.setting().clone();
        let child = auth.child().clone();
        let mut index = index_of(auth.item(&AccidentsIndexRecord::key(&setting_id)), &setting_id)?;
        let now = app.clock.timestamp();
        let accident = AccidentRecord {
            status,
            reviewed_by: Some(auth.caller.user_id.clone()),
            reviewed_at: Some(now),
            review_notes: Some(body.notes.to_string()),
            internal_notes: body.internal_notes.as_ref().map(|n| n.to_string()),
            version: current.version + 1,
            ..current.clone()
        };
        index.open.insert(accident_id.clone(), summary(&accident));
        let mut batch = vec![app.store().put_versioned(to_item(&accident), current.version), save_versioned(app, &mut index)];
        let told: Vec<UserId> = child.parents_to_tell(setting.agreement_version).into_iter().map(|(user_id, _)| user_id.clone()).collect();
        // Their devices hear of it too, but not while the setting is in lockdown (rule 10):
        // the emails are held until it lifts, and say it then.
        if !told.is_empty() && setting.lockdown.is_none() {
            batch.push(nestling_platform::notify::push_request(app, &setting_id, told, nestling_platform::push::PushTopic::Accident));
        }
        for (user_id, link) in child.parents_to_tell(setting.agreement_version) {
            let text = format!(
                "Hello {},\n\n{} had an accident at {} today ({} UTC).\n\nWhere: {}\nWhat happened: {}\nInjury: {}\nFirst aid: {}\n\nPlease open Nestling to read the record and acknowledge it.\n",
                link.name, child.first_name, setting.name, accident.happened_at, accident.place, accident.what_happened, accident.injury, accident.first_aid
            );
            batch.push(writes::family_email(
                app,
                &setting,
                &format!("accident-reviewed-{accident_id}-{user_id}"),
                writes::Email {
                    to: link.email.clone(),
                    subject: format!("Accident record for {} at {}", child.first_name, setting.name),
                    html: paragraphs_html(&text),
                    text,
                    purpose: "accident-reviewed",
                    setting_id: Some(setting_id.clone()),
                },
                &child.child_id,
                user_id,
            ));
        }
        Commit::new(app, &auth, Audit::child(&setting_id, AuditAction::AccidentReview, &child.child_id).detail(accident_id.to_string()))
            .writes(batch)
            .commit::<Retry>()
            .await?;
        let version = accident.version;
        Ok(auth.tag(http::with_version(200, &accident_view(&accident, auth.is_staff()), version)))
    }
}

/// POST /v1/settings/{settingId}/accidents/{accidentId}/acknowledge: a parent of the child
/// acknowledges a reviewed accident (with the time, and a comment if they wish).
pub async fn acknowledge_accident(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("accidents-acknowledge", req, |req| async move { with_retries(|| try_acknowledge_accident(&app, &req)).await }).await
}

async fn try_acknowledge_accident(app: &App, req: &Request) -> Result<Response<Body>, Retry> {
    {
        let setting_id = http::path_id::<SettingId>(req, "settingId")?;
        let accident_id = http::path_id::<AccidentId>(req, "accidentId")?;
        // An id naming no child still goes through authorisation, as a child nobody has.
        let child_id = accident_id.child().unwrap_or_else(nobody);
        let extra = [AccidentRecord::key(&setting_id, &accident_id), AccidentsIndexRecord::key(&setting_id)];
        let auth = authorize_child(app, req, "accidents-acknowledge", &setting_id, &child_id, Action::AcknowledgeAccident, &extra).await?;
        let body: AccidentAcknowledgement = http::json_body(req)?;
        let current = accident_in(&auth, &setting_id, &accident_id)?;
        // Not reviewed yet: the parent may not know of it.
        if !care::accident_shown_to_parents(current.status) {
            return Err(Problem::not_found().into());
        }
        let Some(status) = care::accident_step(current.status, AccidentStep::Acknowledge) else {
            return Err(Problem::from(CareProblem::AccidentAcknowledged).into());
        };
        let mut index = index_of(auth.item(&AccidentsIndexRecord::key(&setting_id)), &setting_id)?;
        let now = app.clock.timestamp();
        let accident = AccidentRecord {
            status,
            acknowledged_by: Some(auth.caller.user_id.clone()),
            acknowledged_at: Some(now),
            acknowledgement_comment: body.comment.map(|c| c.to_string()),
            version: current.version + 1,
            ..current.clone()
        };
        index.open.remove(&accident_id);
        let batch = vec![app.store().put_versioned(to_item(&accident), current.version), save_versioned(app, &mut index)];
        Commit::new(app, &auth, Audit::child(&setting_id, AuditAction::AccidentAcknowledge, &child_id).detail(accident_id.to_string()))
            .writes(batch)
            .commit::<Retry>()
            .await?;
        let version = accident.version;
        Ok(auth.tag(http::with_version(200, &accident_view(&accident, auth.is_staff()), version)))
    }
}

#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct AccidentListItem {
    #[schema(value_type = String)]
    pub accident_id: AccidentId,
    #[schema(value_type = String)]
    pub child_id: ChildId,
    pub child_name: String,
    #[schema(value_type = String)]
    pub happened_at: Timestamp,
    pub place: String,
    pub serious: bool,
    pub status: AccidentStatus,
    #[schema(value_type = Option<String>)]
    pub ofsted_deadline: Option<Timestamp>,
    /// Hours until the Ofsted deadline (negative once it has passed).
    pub ofsted_hours_left: Option<i64>,
}

/// GET /v1/settings/{settingId}/accidents?status=open|awaiting-review|awaiting-acknowledgement:
/// the setting's accidents not yet acknowledged, newest first. Staff only.
pub async fn list_accidents(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("accidents-list", req, |req| async move {
        let setting_id = http::path_id::<SettingId>(&req, "settingId")?;
        let auth =
            authorize(&app, &req, "accidents-list", Some(&setting_id), Action::ListAccidents, &[AccidentsIndexRecord::key(&setting_id)])
                .await?;
        let filter = match http::query_param(&req, "status") {
            None => AccidentFilter::Open,
            Some(raw) => AccidentFilter::parse(&raw)
                .ok_or_else(|| Problem::invalid("status is open, awaiting-review or awaiting-acknowledgement"))?,
        };
        let index = index_of(auth.item(&AccidentsIndexRecord::key(&setting_id)), &setting_id)?;
        let now = app.clock.now();
        let mut items: Vec<AccidentListItem> = index
            .open
            .into_iter()
            .filter(|(_, a)| filter.matches(a.status))
            .map(|(accident_id, a)| {
                let ofsted_deadline = deadline(a.serious, a.happened_at);
                let ofsted_hours_left = ofsted_deadline.map(|d| (d.at() - now).whole_hours());
                AccidentListItem {
                    accident_id,
                    child_id: a.child_id,
                    child_name: a.child_name,
                    happened_at: a.happened_at,
                    place: a.place,
                    serious: a.serious,
                    status: a.status,
                    ofsted_deadline,
                    ofsted_hours_left,
                }
            })
            .collect();
        items.sort_by_key(|a| std::cmp::Reverse(a.happened_at));
        if !items.is_empty() {
            let mut ids: Vec<ChildId> = items.iter().map(|a| a.child_id.clone()).collect();
            ids.sort();
            ids.dedup();
            Audit::children(&setting_id, AuditAction::AccidentsList, ids).log_read(&app, &auth).await?;
        }
        Ok(auth.tag(http::ok(&http::ListPage { items, next_cursor: None })))
    })
    .await
}

/// GET /v1/settings/{settingId}/children/{childId}/accidents?limit=&cursor=: one child's
/// accident records, newest first: all of them for staff, reviewed ones for the parents.
pub async fn child_accidents(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("child-accidents", req, |req| async move {
        let setting_id = http::path_id::<SettingId>(&req, "settingId")?;
        let child_id = http::path_id::<ChildId>(&req, "childId")?;
        let (limit, cursor) = http::paging(&req)?;
        let auth = authorize_child(&app, &req, "child-accidents", &setting_id, &child_id, Action::ViewChildAccidents, &[]).await?;
        let prefix = format!("{}{child_id}-", keys::ACCIDENT_PREFIX);
        // The access-log line names only the child, so it is written beside the read, in the
        // same round trip; nothing is answered unless both succeeded.
        let (page, audited) = tokio::join!(
            app.store().page(
                Query::partition(Index::Table, keys::setting(&setting_id)).prefix(prefix).limit(limit).newest_first(true),
                cursor.as_deref(),
            ),
            Audit::child(&setting_id, AuditAction::AccidentsView, &child_id).log_read(&app, &auth),
        );
        let page = page.map_err(Problem::from)?;
        audited?;
        let staff = auth.is_staff();
        let mut items = Vec::new();
        for item in page.items {
            let a: AccidentRecord = from_item(item)?;
            if staff || care::accident_shown_to_parents(a.status) {
                items.push(accident_view(&a, staff));
            }
        }
        Ok(auth.tag(http::ok(&http::ListPage { items, next_cursor: page.next_cursor })))
    })
    .await
}

#[cfg(test)]
#[path = "accidents_tests.rs"]
mod tests;

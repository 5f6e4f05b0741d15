//! EYFS assessment. A manager chooses the framework the setting assesses against; the key
//! person (or a manager) records a best-fit judgement of each aspect for each child each term,
//! naming the observations that evidence it, and shares the term's summary with the family;
//! children at a checkpoint with an aspect unjudged or judged below their age are listed for
//! their key person and the managers; a manager may refer a child to the SENCo, a note staff
//! alone see. Each child's term is one item (`ASSESS#<term>#<child>`), which observations
//! count themselves into as they are published (the journal's use cases), so a term reads in
//! one Query. Every read of a child's assessment and every change is in the access log.

pub mod problems;
mod progress_check;
use lambda_http::{Body, Request, Response};
use nestling_domain::eyfs::{
    age_in_months, checkpoint_at, checkpoint_concerns, progress_check_due, standing, Aspect, Band, CheckpointConcern, Framework, Standing,
    Term,
};
use nestling_domain::journal::AreaOfLearning;
use nestling_domain::{Action, ChildId, ObservationId, SettingId, Timestamp, UserId};
use nestling_platform::access::{authorize, authorize_child, beside_authorisation, Authorized};
use nestling_platform::http::{self, ApiResult, Problem};
use nestling_platform::records::{
    ChildRecord, ChildTermRecord, JudgementRecord, ObservationRecord, RosterRecord, SencoReferralRecord, SettingRecord,
};
use nestling_platform::store::{from_item, keys, to_item, Change, Condition, Index, Key, Path, Query};
use nestling_platform::writes::AuditAction;
use nestling_platform::{App, Audit, Commit};
pub use problems::AssessmentProblem;
pub use progress_check::*;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::sync::Arc;
use time::{Date, OffsetDateTime};

/// Observations one judgement may name as its evidence.
pub const MAX_EVIDENCE: usize = 10;

nestling_platform::routes! {
    "assessment-framework-set" => set_framework,
    "assessment-get" => get_assessment,
    "judgement-set" => set_judgement,
    "assessment-share" => share_assessment,
    "checkpoints-list" => list_checkpoints,
    "senco-referral-set" => set_senco_referral,
    "monitoring-get" => get_monitoring,
    "progress-check-get" => get_progress_check,
    "progress-check-save" => save_progress_check,
    "progress-check-share" => share_progress_check,
    "progress-check-respond" => respond_to_progress_check,
    "progress-check-sign" => sign_off_progress_check,
    "progress-check-pdf" => progress_check_pdf,
}

/// Someone named on an assessment.
#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct PersonRef {
    #[schema(value_type = String)]
    pub user_id: UserId,
    pub name: String,
}

#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct AspectView {
    pub aspect: Aspect,
    pub title: &'static str,
    pub area: AreaOfLearning,
    /// Of a prime area (checkpoints and the progress check at two cover these).
    pub prime: bool,
}

/// The framework as the screens need it: its bands in order and the aspects.
#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct FrameworkView {
    pub framework: Framework,
    pub version: &'static str,
    pub title: &'static str,
    pub bands: Vec<Band>,
    pub aspects: Vec<AspectView>,
}

impl FrameworkView {
    pub fn of(f: Framework) -> FrameworkView {
        FrameworkView {
            framework: f,
            version: f.version(),
            title: f.title(),
            bands: f.bands().to_vec(),
            aspects: Aspect::ALL.iter().map(|a| AspectView { aspect: *a, title: a.title(), area: a.area(), prime: a.is_prime() }).collect(),
        }
    }
}

#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct JudgementView {
    pub aspect: Aspect,
    pub band: String,
    pub band_title: String,
    /// Against what is typical at the child's age (then, for a past term).
    pub standing: Option<Standing>,
    /// The framework edition the band is of.
    pub framework: String,
    #[schema(value_type = Vec<String>)]
    pub evidence: Vec<ObservationId>,
    /// The practitioner's note: staff only.
    pub note: Option<String>,
    pub judged_by: PersonRef,
    #[schema(value_type = String)]
    pub judged_at: Timestamp,
}

#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct AreaCount {
    pub area: AreaOfLearning,
    pub observations: i64,
}

#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct SencoReferralView {
    pub note: String,
    pub referred_by: PersonRef,
    #[schema(value_type = String)]
    pub referred_at: Timestamp,
}

/// A child's term. A parent is shown only what the key person shared (the judgements, without
/// staff's notes); the rest is staff's.
#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct AssessmentView {
    #[schema(value_type = String)]
    pub child_id: ChildId,
    pub first_name: String,
    /// Whole months, at the end of a past term or today.
    pub age_months: u16,
    pub term: String,
    pub current_term: bool,
    pub framework: Option<FrameworkView>,
    #[schema(value_type = Option<String>)]
    pub shared_at: Option<Timestamp>,
    pub judgements: Vec<JudgementView>,
    /// Staff only from here.
    pub checkpoint_months: Option<u16>,
    pub concerns: Vec<CheckpointConcern>,
    pub progress_check_due: bool,
    /// Where the child's progress check at two stands (a family sees it once shared with them).
    pub progress_check: Option<nestling_platform::records::ProgressCheckStatus>,
    pub observations: Option<i64>,
    #[schema(value_type = Option<String>)]
    pub last_observed_at: Option<Timestamp>,
    pub by_area: Vec<AreaCount>,
    pub senco_referral: Option<SencoReferralView>,
    pub version: u64,
}

/// The setting's date today.
fn setting_today(app: &App, setting: &SettingRecord) -> Date {
    setting.today(app.clock.now())
}

/// The terms the setting's today may fall in, read before its zone is known (the day on
/// either side in UTC): its own term is among them.
fn candidate_terms(now: OffsetDateTime) -> Vec<Term> {
    let mut terms: Vec<Term> = [now - time::Duration::days(1), now + time::Duration::days(1)].iter().map(|d| Term::of(d.date())).collect();
    terms.dedup();
    terms
}

/// The term a request names (`?term=`), or none for the setting's current one.
fn requested_term(req: &Request) -> ApiResult<Option<Term>> {
    http::query_param(req, "term")
        .map(|t| Term::parse(&t).ok_or_else(|| Problem::invalid("term must be a term such as 2026-autumn")))
        .transpose()
}

fn date_of_birth(child: &ChildRecord) -> ApiResult<Date> {
    Date::parse(&child.date_of_birth, &time::macros::format_description!("[year]-[month]-[day]"))
        .map_err(|e| Problem::internal("a stored date of birth", e))
}

/// The child's age for a term: at its last day when past, else today.
fn age_for(child: &ChildRecord, term: Term, today: Date) -> ApiResult<u16> {
    let on = if term < Term::of(today) { term.last_day() } else { today };
    Ok(age_in_months(date_of_birth(child)?, on))
}

fn judgement_view(aspect: Aspect, j: &JudgementRecord, months: u16, staff: bool) -> JudgementView {
    let framework = Framework::ALL.into_iter().find(|f| f.version() == j.framework);
    let band_title = framework.and_then(|f| f.band(&j.band)).map(|(_, b)| b.title.to_string()).unwrap_or_else(|| j.band.clone());
    JudgementView {
        aspect,
        band: j.band.clone(),
        band_title,
        standing: framework.and_then(|f| standing(f, &j.band, months)),
        framework: j.framework.clone(),
        evidence: j.evidence.clone(),
        note: j.note.clone().filter(|_| staff),
        judged_by: PersonRef { user_id: j.judged_by.clone(), name: j.judged_by_name.clone() },
        judged_at: j.judged_at,
    }
}

/// The judgements as the framework they were made in reads them, for checkpoint concerns.
fn judged_pairs(record: &ChildTermRecord, framework: Framework) -> Vec<(Aspect, &str)> {
    record.judgements.iter().filter(|(_, j)| j.framework == framework.version()).map(|(a, j)| (*a, j.band.as_str())).collect()
}

fn assessment_view(
    auth: &Authorized,
    child: &ChildRecord,
    term: Term,
    current: bool,
    today: Date,
    record: Option<&ChildTermRecord>,
    check: Option<nestling_platform::records::ProgressCheckStatus>,
) -> ApiResult<AssessmentView> {
    use nestling_platform::records::ProgressCheckStatus;
    let staff = auth.is_staff();
    let months = age_for(child, term, today)?;
    let framework = auth.setting().framework;
    let empty = ChildTermRecord::new(&child.setting_id, &term.key(), &child.child_id);
    let record = record.unwrap_or(&empty);
    let family_sees = staff || record.shared_at.is_some();
    let judgements =
        if family_sees { record.judgements.iter().map(|(a, j)| judgement_view(*a, j, months, staff)).collect() } else { Vec::new() };
    let concerns = match (staff && current, framework) {
        (true, Some(f)) => checkpoint_concerns(f, months, judged_pairs(record, f)),
        _ => Vec::new(),
    };
    let areas = AreaOfLearning::ALL;
    Ok(AssessmentView {
        child_id: child.child_id.clone(),
        first_name: child.first_name.clone(),
        age_months: months,
        term: term.key(),
        current_term: current,
        framework: framework.map(FrameworkView::of),
        shared_at: record.shared_at,
        judgements,
        checkpoint_months: if staff && current { checkpoint_at(months) } else { None },
        concerns,
        progress_check_due: staff && current && progress_check_due(months) && check != Some(ProgressCheckStatus::SignedOff),
        progress_check: check.filter(|c| staff || *c != ProgressCheckStatus::Draft),
        observations: staff.then_some(record.observations.max(0)),
        last_observed_at: record.last_observed_at.filter(|_| staff),
        by_area: if staff {
            areas.iter().map(|a| AreaCount { area: *a, observations: record.observed_in(*a).max(0) }).collect()
        } else {
            Vec::new()
        },
        senco_referral: child.senco_referral.as_ref().filter(|_| staff).map(|r| SencoReferralView {
            note: r.note.clone(),
            referred_by: PersonRef { user_id: r.referred_by.clone(), name: r.referred_by_name.clone() },
            referred_at: r.referred_at,
        }),
        version: record.version,
    })
}

#[derive(Deserialize, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FrameworkChoice {
    /// `development-matters` or `birth-to-5-matters`.
    pub framework: Framework,
}

/// PUT /v1/settings/{settingId}/assessment-framework: a manager chooses the framework. A
/// judgement keeps the edition it was made in, so changing it later reinterprets nothing.
pub async fn set_framework(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("assessment-framework-set", req, |req| async move {
        let setting_id = http::path_id::<SettingId>(&req, "settingId")?;
        let auth = authorize(&app, &req, "assessment-framework-set", Some(&setting_id), Action::SetAssessmentFramework, &[]).await?;
        let body: FrameworkChoice = http::json_body(&req)?;
        let current = auth.setting();
        if !current.eyfs_applies() {
            return Err(AssessmentProblem::EyfsNotApplicable.into());
        }
        if current.framework == Some(body.framework) {
            return Ok(auth.tag(http::ok(&body)));
        }
        let setting = SettingRecord { framework: Some(body.framework), version: current.version + 1, ..current.clone() };
        Commit::new(&app, &auth, Audit::of(&setting_id, AuditAction::AssessmentFrameworkSet, "setting").detail(body.framework.version()))
            .write(app.store().put_versioned(to_item(&setting), current.version))
            .answer(200, &body, Some(setting.version))
            .await
    })
    .await
}

/// GET /v1/settings/{settingId}/children/{childId}/assessment?term=: the child's term (the
/// current one by default), read with the authorisation; then the access-log line.
pub async fn get_assessment(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("assessment-get", req, |req| async move {
        let setting_id = http::path_id::<SettingId>(&req, "settingId")?;
        let child_id = http::path_id::<ChildId>(&req, "childId")?;
        let asked = requested_term(&req)?;
        let terms = asked.map(|t| vec![t]).unwrap_or_else(|| candidate_terms(app.clock.now()));
        let check_key = nestling_platform::records::ProgressCheckRecord::key(&setting_id, &child_id);
        let keys: Vec<Key> =
            terms.iter().map(|t| ChildTermRecord::key(&setting_id, &t.key(), &child_id)).chain([check_key.clone()]).collect();
        let auth = authorize_child(&app, &req, "assessment-get", &setting_id, &child_id, Action::ViewAssessment, &keys).await?;
        let check: Option<nestling_platform::records::ProgressCheckRecord> = auth.record(&check_key)?;
        let today = setting_today(&app, auth.setting());
        let term = asked.unwrap_or_else(|| Term::of(today));
        let record: Option<ChildTermRecord> = auth.record(&ChildTermRecord::key(&setting_id, &term.key(), &child_id))?;
        let view = assessment_view(&auth, auth.child(), term, term == Term::of(today), today, record.as_ref(), check.map(|c| c.status))?;
        Audit::child(&setting_id, AuditAction::AssessmentView, &child_id).detail(term.key()).log_read(&app, &auth).await?;
        Ok(auth.tag(http::ok(&view)))
    })
    .await
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct JudgementRequest {
    /// A band of the setting's framework, by its key (`range-4`, `three-and-four-year-olds`).
    pub band: String,
    /// Observations of this child that evidence it (0 to 10).
    #[serde(default)]
    pub evidence: Vec<String>,
    pub note: Option<String>,
}

fn path_aspect(req: &Request) -> ApiResult<Aspect> {
    let raw = http::path_param(req, "aspect")?;
    serde_json::from_value(serde_json::Value::String(raw)).map_err(|_| Problem::invalid("aspect must be one of the 17 EYFS aspects"))
}

fn path_term(req: &Request) -> ApiResult<Term> {
    Term::parse(&http::path_param(req, "term")?).ok_or_else(|| Problem::invalid("term must be a term such as 2026-autumn"))
}

/// PUT /v1/settings/{settingId}/children/{childId}/assessment/{term}/{aspect}: the key person's
/// (or a manager's) best-fit judgement, with the observations of the child that evidence it.
/// The child's term and the evidence are read with the authorisation; one conditional write.
pub async fn set_judgement(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("judgement-set", req, |req| async move {
        let setting_id = http::path_id::<SettingId>(&req, "settingId")?;
        let child_id = http::path_id::<ChildId>(&req, "childId")?;
        let term = path_term(&req);
        let aspect = path_aspect(&req);
        let body = http::json_body::<JudgementRequest>(&req).and_then(|b| {
            if b.evidence.len() > MAX_EVIDENCE {
                return Err(Problem::invalid(format!("evidence may name at most {MAX_EVIDENCE} observations")));
            }
            let ids: Vec<ObservationId> = http::body_ids("evidence", &b.evidence)?;
            if ids.iter().collect::<BTreeSet<_>>().len() != ids.len() {
                return Err(Problem::invalid("evidence names the same observation twice"));
            }
            let note = match b.note.as_deref().map(str::trim) {
                None | Some("") => None,
                Some(n) if n.chars().count() > 1000 => return Err(Problem::invalid("note must be at most 1000 characters")),
                Some(n) => Some(n.to_string()),
            };
            Ok((b.band, ids, note))
        });
        let mut extra: Vec<Key> = Vec::new();
        if let Ok(t) = &term {
            extra.push(ChildTermRecord::key(&setting_id, &t.key(), &child_id));
        }
        if let Ok((_, ids, _)) = &body {
            extra.extend(ids.iter().map(|o| ObservationRecord::key(&setting_id, o)));
        }
        let auth = authorize_child(&app, &req, "judgement-set", &setting_id, &child_id, Action::JudgeChild, &extra).await?;
        let (term, aspect, (band, evidence, note)) = (term?, aspect?, body?);
        if !auth.setting().eyfs_applies() {
            return Err(AssessmentProblem::EyfsNotApplicable.into());
        }
        let framework = auth.setting().framework.ok_or(Problem::from(AssessmentProblem::NoFramework))?;
        if framework.band(&band).is_none() {
            return Err(Problem::invalid(format!("band must be a band of {}", framework.title())));
        }
        let today = setting_today(&app, auth.setting());
        if term > Term::of(today) {
            return Err(Problem::invalid("term must be this term or an earlier one"));
        }
        for id in &evidence {
            let o: Option<ObservationRecord> = auth.record(&ObservationRecord::key(&setting_id, id))?;
            if !o.is_some_and(|o| o.published && o.children.contains(&child_id)) {
                return Err(Problem::invalid("evidence must name published observations of this child"));
            }
        }
        let judgement = JudgementRecord {
            band: band.clone(),
            framework: framework.version().to_string(),
            evidence,
            note,
            judged_by: auth.caller.user_id.clone(),
            judged_by_name: auth.member().name.clone(),
            judged_at: app.clock.timestamp(),
        };
        let key = ChildTermRecord::key(&setting_id, &term.key(), &child_id);
        let current: Option<ChildTermRecord> = auth.record(&key)?;
        let (write, version) = match &current {
            // No item yet (no observation this term): written whole, only if still absent.
            None => {
                let mut record = ChildTermRecord::new(&setting_id, &term.key(), &child_id);
                record.judgements.insert(aspect, judgement.clone());
                record.version = 1;
                (app.store().put_new(to_item(&record)), 1)
            }
            Some(r) => {
                let change = Change::new()
                    .set(Path::new("judgements").key(aspect_key(aspect)), &judgement)
                    .set("version", &(r.version + 1))
                    .when(Condition::eq("version", &r.version));
                (app.store().change(&key, change), r.version + 1)
            }
        };
        let months = age_for(auth.child(), term, today)?;
        let view = judgement_view(aspect, &judgement, months, true);
        let detail = format!("{} {} {}", term.key(), aspect_key(aspect), band);
        Commit::new(&app, &auth, Audit::child(&setting_id, AuditAction::AssessmentJudge, &child_id).detail(detail))
            .write(write)
            .answer(200, &view, Some(version))
            .await
    })
    .await
}

fn aspect_key(aspect: Aspect) -> String {
    serde_json::to_value(aspect).ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default()
}

#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Shared {
    pub term: String,
    #[schema(value_type = String)]
    pub shared_at: Timestamp,
}

/// POST /v1/settings/{settingId}/children/{childId}/assessment/{term}/share: the key person (or
/// a manager) shares the term's judgements with the child's parents; later judgements of the
/// term are shared as they are made.
pub async fn share_assessment(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("assessment-share", req, |req| async move {
        let setting_id = http::path_id::<SettingId>(&req, "settingId")?;
        let child_id = http::path_id::<ChildId>(&req, "childId")?;
        let term = path_term(&req);
        let extra: Vec<Key> = term.iter().map(|t| ChildTermRecord::key(&setting_id, &t.key(), &child_id)).collect();
        let auth = authorize_child(&app, &req, "assessment-share", &setting_id, &child_id, Action::JudgeChild, &extra).await?;
        let term = term?;
        let key = ChildTermRecord::key(&setting_id, &term.key(), &child_id);
        let record: ChildTermRecord = auth
            .record(&key)?
            .filter(|r: &ChildTermRecord| !r.judgements.is_empty())
            .ok_or(Problem::from(AssessmentProblem::NothingToShare))?;
        if let Some(at) = record.shared_at {
            return Ok(auth.tag(http::ok(&Shared { term: term.key(), shared_at: at })));
        }
        let now = app.clock.timestamp();
        let change = Change::new()
            .set("sharedAt", &now)
            .set("sharedBy", &auth.caller.user_id)
            .set("version", &(record.version + 1))
            .when(Condition::eq("version", &record.version));
        Commit::new(&app, &auth, Audit::child(&setting_id, AuditAction::AssessmentShare, &child_id).detail(term.key()))
            .write(app.store().change(&key, change))
            .answer(200, &Shared { term: term.key(), shared_at: now }, Some(record.version + 1))
            .await
    })
    .await
}

/// A child on the checkpoints list.
#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CheckpointLine {
    #[schema(value_type = String)]
    pub child_id: ChildId,
    pub first_name: String,
    pub last_name: String,
    #[schema(value_type = String)]
    pub key_person_id: UserId,
    pub key_person_name: String,
    pub age_months: u16,
    pub checkpoint_months: Option<u16>,
    pub concerns: Vec<CheckpointConcern>,
    /// Between the second and third birthdays: the progress check at two is due.
    pub progress_check_due: bool,
}

#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Checkpoints {
    pub term: String,
    pub framework: Option<Framework>,
    pub items: Vec<CheckpointLine>,
}

/// GET /v1/settings/{settingId}/checkpoints: children at a checkpoint with a prime aspect
/// unjudged or judged below their age, and those due the progress check at two: a
/// practitioner's own key children, every child for a manager. The term's items are read
/// beside the authorisation (with the roster), then the access-log line.
pub async fn list_checkpoints(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("checkpoints-list", req, |req| async move {
        let setting_id = http::path_id::<SettingId>(&req, "settingId")?;
        let roster_key = RosterRecord::key(&setting_id);
        let terms = candidate_terms(app.clock.now());
        let reads = async {
            let checks = async {
                let query = Query::partition(Index::Table, keys::setting(&setting_id)).prefix(keys::PROGRESS_CHECK_PREFIX).limit(1000);
                Ok::<_, Problem>(app.store().page(query, None).await?)
            };
            let (pages, checks) =
                tokio::try_join!(futures::future::try_join_all(terms.iter().map(|t| term_page(&app, &setting_id, *t))), checks)?;
            Ok::<_, Problem>((terms.iter().copied().zip(pages).collect::<Vec<_>>(), checks))
        };
        let (auth, (pages, checks)) = beside_authorisation(
            authorize(&app, &req, "checkpoints-list", Some(&setting_id), Action::ListCheckpoints, std::slice::from_ref(&roster_key)),
            reads,
        )
        .await?;
        // Children whose progress check at two is signed off are not due it any more.
        let mut checked = BTreeSet::new();
        for item in checks.items {
            let c: nestling_platform::records::ProgressCheckRecord = from_item(item)?;
            if c.status == nestling_platform::records::ProgressCheckStatus::SignedOff {
                checked.insert(c.child_id);
            }
        }
        let today = setting_today(&app, auth.setting());
        let term = Term::of(today);
        let framework = auth.setting().framework;
        let roster: RosterRecord = auth.record(&roster_key)?.unwrap_or_else(|| RosterRecord::empty(&setting_id));
        let mut records = std::collections::BTreeMap::new();
        for (t, page) in pages {
            if t != term {
                continue;
            }
            for item in page.items {
                let r: ChildTermRecord = from_item(item)?;
                records.insert(r.child_id.clone(), r);
            }
        }
        let mine = |key_person: &UserId| auth.is_manager() || *key_person == auth.caller.user_id;
        let mut items = Vec::new();
        for (child_id, e) in &roster.children {
            if !mine(&e.key_person_id) {
                continue;
            }
            let Ok(born) = Date::parse(&e.date_of_birth, &time::macros::format_description!("[year]-[month]-[day]")) else { continue };
            let months = age_in_months(born, today);
            let concerns = match (framework, records.get(child_id)) {
                (Some(f), Some(r)) => checkpoint_concerns(f, months, judged_pairs(r, f)),
                (Some(f), None) => checkpoint_concerns(f, months, std::iter::empty::<(Aspect, &str)>()),
                (None, _) => Vec::new(),
            };
            let due = progress_check_due(months) && !checked.contains(child_id);
            if concerns.is_empty() && !due {
                continue;
            }
            items.push(CheckpointLine {
                child_id: child_id.clone(),
                first_name: e.first_name.clone(),
                last_name: e.last_name.clone(),
                key_person_id: e.key_person_id.clone(),
                key_person_name: e.key_person_name.clone(),
                age_months: months,
                checkpoint_months: checkpoint_at(months),
                concerns,
                progress_check_due: due,
            });
        }
        items.sort_by(|a, b| (&a.last_name, &a.first_name).cmp(&(&b.last_name, &b.first_name)));
        let children: Vec<ChildId> = items.iter().map(|i| i.child_id.clone()).collect();
        if !children.is_empty() {
            Audit::children(&setting_id, AuditAction::CheckpointsView, children).detail(term.key()).log_read(&app, &auth).await?;
        }
        Ok(auth.tag(http::ok(&Checkpoints { term: term.key(), framework, items })))
    })
    .await
}

/// A term's children's items of the setting: one Query (a page holds a thousand children).
async fn term_page(
    app: &App,
    setting_id: &SettingId,
    term: Term,
) -> Result<nestling_platform::store::Page<nestling_platform::store::Item>, Problem> {
    let query = Query::partition(Index::Table, keys::setting(setting_id)).prefix(keys::child_terms(&term.key())).limit(1000);
    Ok(app.store().page(query, None).await?)
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SencoReferralRequest {
    /// Why (for staff only); null withdraws the referral.
    pub note: Option<String>,
}

#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct SencoReferralState {
    #[schema(value_type = String)]
    pub child_id: ChildId,
    pub referral: Option<SencoReferralView>,
}

/// PUT /v1/settings/{settingId}/children/{childId}/senco-referral: a manager marks the child for
/// the special educational needs coordinator with a note staff alone see, or withdraws it.
/// Audited without the note (the access log is read by managers; the note stays on the child).
pub async fn set_senco_referral(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("senco-referral-set", req, |req| async move {
        let setting_id = http::path_id::<SettingId>(&req, "settingId")?;
        let child_id = http::path_id::<ChildId>(&req, "childId")?;
        let auth = authorize_child(&app, &req, "senco-referral-set", &setting_id, &child_id, Action::ReferToSenco, &[]).await?;
        let body: SencoReferralRequest = http::json_body(&req)?;
        let note = match body.note.as_deref().map(str::trim) {
            None => None,
            Some("") => return Err(Problem::invalid("note must say why (or be null to withdraw the referral)")),
            Some(n) if n.chars().count() > 2000 => return Err(Problem::invalid("note must be at most 2000 characters")),
            Some(n) => Some(n.to_string()),
        };
        let child = auth.child();
        let referral = note.map(|note| SencoReferralRecord {
            note,
            referred_by: auth.caller.user_id.clone(),
            referred_by_name: auth.member().name.clone(),
            referred_at: app.clock.timestamp(),
        });
        let change =
            Change::new().set_or_remove("sencoReferral", referral.as_ref()).next_version().when(Condition::eq("version", &child.version));
        let state = SencoReferralState {
            child_id: child_id.clone(),
            referral: referral.as_ref().map(|r| SencoReferralView {
                note: r.note.clone(),
                referred_by: PersonRef { user_id: r.referred_by.clone(), name: r.referred_by_name.clone() },
                referred_at: r.referred_at,
            }),
        };
        let detail = if referral.is_some() { "referred" } else { "withdrawn" };
        Commit::new(&app, &auth, Audit::child(&setting_id, AuditAction::SencoReferral, &child_id).detail(detail))
            .write(app.store().change(&ChildRecord::key(&setting_id, &child_id), change))
            .answer(200, &state, Some(child.version + 1))
            .await
    })
    .await
}

/// Weeks without an observation after which a child is listed (the default; `?weeks=`).
pub const QUIET_WEEKS: i64 = 3;

/// One room's or key person's children in a term.
#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct MonitoringGroup {
    pub name: String,
    pub children: usize,
    pub observations: i64,
    /// Children with no observation in the last `weeks` weeks.
    pub not_observed_recently: usize,
    /// Children with a prime aspect not judged this term.
    pub judgements_due: usize,
}

#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct MonitoredChild {
    #[schema(value_type = String)]
    pub child_id: ChildId,
    pub first_name: String,
    pub last_name: String,
    pub room_name: String,
    pub key_person_name: String,
    pub observations: i64,
    #[schema(value_type = Option<String>)]
    pub last_observed_at: Option<Timestamp>,
    pub not_observed_recently: bool,
    /// Areas with no observation this term.
    pub areas_not_evidenced: Vec<AreaOfLearning>,
    pub judged: usize,
    pub prime_unjudged: usize,
}

/// Children per band of one aspect this term and last, and how those judged in both moved.
#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CohortAspect {
    pub aspect: Aspect,
    pub title: &'static str,
    pub bands: Vec<CohortBand>,
    pub moved_up: usize,
    pub stayed: usize,
    pub moved_down: usize,
}

#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CohortBand {
    pub band: &'static str,
    pub title: &'static str,
    pub now: usize,
    pub last_term: usize,
}

#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct MonitoringView {
    pub term: String,
    pub previous_term: String,
    pub framework: Option<Framework>,
    pub weeks: i64,
    pub rooms: Vec<MonitoringGroup>,
    pub key_persons: Vec<MonitoringGroup>,
    pub children: Vec<MonitoredChild>,
    pub cohort: Vec<CohortAspect>,
}

/// GET /v1/settings/{settingId}/monitoring?term=&weeks=: what managers monitor, per room and
/// per key person: observations per child this term, children not observed for `weeks` weeks
/// (3 by default), areas never evidenced, prime judgements still due, and each aspect's cohort
/// per band this term and last with how the children judged in both moved. The two terms'
/// items are read beside the authorisation (one Query each), then the access-log line.
pub async fn get_monitoring(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("monitoring-get", req, |req| async move {
        let setting_id = http::path_id::<SettingId>(&req, "settingId")?;
        let asked = requested_term(&req)?;
        let weeks = match http::query_param(&req, "weeks") {
            None => QUIET_WEEKS,
            Some(w) => w.parse::<i64>().ok().filter(|w| (1..=26).contains(w)).ok_or_else(|| Problem::invalid("weeks must be 1 to 26"))?,
        };
        // The term asked for (or the setting's current one, among the terms today can be in)
        // and the term before each.
        let mut terms: Vec<Term> = asked.map(|t| vec![t]).unwrap_or_else(|| candidate_terms(app.clock.now()));
        for t in terms.clone() {
            terms.push(t.previous());
        }
        terms.sort();
        terms.dedup();
        let roster_key = RosterRecord::key(&setting_id);
        let reads = futures::future::try_join_all(terms.iter().map(|t| term_page(&app, &setting_id, *t)));
        let (auth, pages) = beside_authorisation(
            authorize(&app, &req, "monitoring-get", Some(&setting_id), Action::ViewMonitoring, std::slice::from_ref(&roster_key)),
            reads,
        )
        .await?;
        let today = setting_today(&app, auth.setting());
        let term = asked.unwrap_or_else(|| Term::of(today));
        let previous = term.previous();
        let framework = auth.setting().framework;
        let roster: RosterRecord = auth.record(&roster_key)?.unwrap_or_else(|| RosterRecord::empty(&setting_id));
        let mut now_items = std::collections::BTreeMap::new();
        let mut before_items = std::collections::BTreeMap::new();
        for (t, page) in terms.iter().zip(pages) {
            for item in page.items {
                let r: ChildTermRecord = from_item(item)?;
                if *t == term {
                    now_items.insert(r.child_id.clone(), r);
                } else if *t == previous {
                    before_items.insert(r.child_id.clone(), r);
                }
            }
        }
        let quiet_since = app.clock.timestamp().at() - time::Duration::weeks(weeks);
        let mut children = Vec::new();
        for (child_id, e) in &roster.children {
            let now = now_items.get(child_id);
            let last = [now, before_items.get(child_id)].into_iter().flatten().filter_map(|r| r.last_observed_at).max();
            let judged = now.map_or(0, |r| r.judgements.len());
            let prime_unjudged = Aspect::ALL.iter().filter(|a| a.is_prime() && !now.is_some_and(|r| r.judgements.contains_key(a))).count();
            children.push(MonitoredChild {
                child_id: child_id.clone(),
                first_name: e.first_name.clone(),
                last_name: e.last_name.clone(),
                room_name: roster.rooms.get(&e.room_id).map(|r| r.name.clone()).unwrap_or_default(),
                key_person_name: e.key_person_name.clone(),
                observations: now.map_or(0, |r| r.observations.max(0)),
                last_observed_at: last,
                not_observed_recently: last.is_none_or(|at| at.at() < quiet_since),
                areas_not_evidenced: AreaOfLearning::ALL.into_iter().filter(|a| now.is_none_or(|r| r.observed_in(*a) <= 0)).collect(),
                judged,
                prime_unjudged,
            });
        }
        children.sort_by(|a, b| (&a.last_name, &a.first_name).cmp(&(&b.last_name, &b.first_name)));
        let group = |name: String, of: &[&MonitoredChild]| MonitoringGroup {
            name,
            children: of.len(),
            observations: of.iter().map(|c| c.observations).sum(),
            not_observed_recently: of.iter().filter(|c| c.not_observed_recently).count(),
            judgements_due: of.iter().filter(|c| c.prime_unjudged > 0).count(),
        };
        let mut rooms: Vec<MonitoringGroup> = Vec::new();
        let mut by_room: std::collections::BTreeMap<&str, Vec<&MonitoredChild>> = std::collections::BTreeMap::new();
        let mut by_key_person: std::collections::BTreeMap<&str, Vec<&MonitoredChild>> = std::collections::BTreeMap::new();
        for c in &children {
            by_room.entry(c.room_name.as_str()).or_default().push(c);
            by_key_person.entry(c.key_person_name.as_str()).or_default().push(c);
        }
        for (name, of) in &by_room {
            rooms.push(group(name.to_string(), of));
        }
        let key_persons: Vec<MonitoringGroup> = by_key_person.iter().map(|(name, of)| group(name.to_string(), of)).collect();
        let cohort = framework.map(|f| cohort(f, &now_items, &before_items)).unwrap_or_default();
        let child_ids: Vec<ChildId> = children.iter().map(|c| c.child_id.clone()).collect();
        if !child_ids.is_empty() {
            Audit::children(&setting_id, AuditAction::MonitoringView, child_ids).detail(term.key()).log_read(&app, &auth).await?;
        }
        Ok(auth.tag(http::ok(&MonitoringView {
            term: term.key(),
            previous_term: previous.key(),
            framework,
            weeks,
            rooms,
            key_persons,
            children,
            cohort,
        })))
    })
    .await
}

/// Each aspect's children per band of `framework` this term and last, and the movement of
/// those judged in both (judgements of another framework are left out).
fn cohort(
    framework: Framework,
    now: &std::collections::BTreeMap<ChildId, ChildTermRecord>,
    before: &std::collections::BTreeMap<ChildId, ChildTermRecord>,
) -> Vec<CohortAspect> {
    let band_of =
        |r: &ChildTermRecord, a: &Aspect| r.judgements.get(a).filter(|j| j.framework == framework.version()).map(|j| j.band.clone());
    Aspect::ALL
        .iter()
        .map(|a| {
            let bands = framework
                .bands()
                .iter()
                .map(|b| CohortBand {
                    band: b.key,
                    title: b.title,
                    now: now.values().filter(|r| band_of(r, a).as_deref() == Some(b.key)).count(),
                    last_term: before.values().filter(|r| band_of(r, a).as_deref() == Some(b.key)).count(),
                })
                .collect();
            let (mut up, mut same, mut down) = (0, 0, 0);
            for (child, r) in now {
                let (Some(n), Some(b)) = (band_of(r, a), before.get(child).and_then(|p| band_of(p, a))) else { continue };
                match nestling_domain::eyfs::movement(framework, &b, &n) {
                    Some(std::cmp::Ordering::Greater) => up += 1,
                    Some(std::cmp::Ordering::Equal) => same += 1,
                    Some(std::cmp::Ordering::Less) => down += 1,
                    None => {}
                }
            }
            CohortAspect { aspect: *a, title: a.title(), bands, moved_up: up, stayed: same, moved_down: down }
        })
        .collect()
}

#[cfg(test)]
mod tests;

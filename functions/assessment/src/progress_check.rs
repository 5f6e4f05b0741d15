//! The progress check at two (EYFS 2.3): between the second and third birthdays the key person
//! writes a short summary of the prime areas, the child's strengths, any concerns and what will
//! be done; the parents add their view and say whether it may go to the health visitor for the
//! integrated review; a manager signs it off, and the family can then download it as a PDF.
//! Families see nothing of it until it is shared with them; every read and step is audited.

use super::*;
use nestling_documents::{Block, Document};
use nestling_platform::records::{ProgressCheckRecord, ProgressCheckStatus};

/// The most a part of the check holds (it is a short summary).
pub const MAX_PART_CHARS: usize = 2000;

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ProgressCheckDraft {
    pub communication_and_language: String,
    pub physical_development: String,
    pub personal_social_and_emotional_development: String,
    pub strengths: String,
    /// None or empty: no concerns.
    pub concerns: Option<String>,
    /// What the setting and the family will do.
    pub actions: String,
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FamilyResponse {
    /// The parents' view of their child's development (may be empty).
    #[serde(default)]
    pub view: String,
    /// Consent to share the check with the health visitor for the integrated review.
    pub share_with_health_visitor: bool,
}

#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ProgressCheckView {
    #[schema(value_type = String)]
    pub child_id: ChildId,
    pub first_name: String,
    pub status: ProgressCheckStatus,
    pub age_months: u16,
    pub communication_and_language: String,
    pub physical_development: String,
    pub personal_social_and_emotional_development: String,
    pub strengths: String,
    pub concerns: Option<String>,
    pub actions: String,
    pub written_by: PersonRef,
    #[schema(value_type = String)]
    pub written_at: Timestamp,
    #[schema(value_type = Option<String>)]
    pub shared_at: Option<Timestamp>,
    pub family_view: Option<String>,
    pub share_with_health_visitor: Option<bool>,
    pub family_responded_by: Option<PersonRef>,
    #[schema(value_type = Option<String>)]
    pub family_responded_at: Option<Timestamp>,
    pub signed_off_by: Option<PersonRef>,
    #[schema(value_type = Option<String>)]
    pub signed_off_at: Option<Timestamp>,
    pub version: u64,
}

fn view(first_name: &str, c: &ProgressCheckRecord) -> ProgressCheckView {
    ProgressCheckView {
        child_id: c.child_id.clone(),
        first_name: first_name.to_string(),
        status: c.status,
        age_months: c.age_months,
        communication_and_language: c.communication_and_language.clone(),
        physical_development: c.physical_development.clone(),
        personal_social_and_emotional_development: c.personal_social_and_emotional_development.clone(),
        strengths: c.strengths.clone(),
        concerns: c.concerns.clone(),
        actions: c.actions.clone(),
        written_by: PersonRef { user_id: c.written_by.clone(), name: c.written_by_name.clone() },
        written_at: c.written_at,
        shared_at: c.shared_at,
        family_view: c.family_view.clone(),
        share_with_health_visitor: c.share_with_health_visitor,
        family_responded_by: c
            .family_responded_by
            .clone()
            .map(|user_id| PersonRef { user_id, name: c.family_responded_by_name.clone().unwrap_or_default() }),
        family_responded_at: c.family_responded_at,
        signed_off_by: c.signed_off_by.clone().map(|user_id| PersonRef { user_id, name: c.signed_off_by_name.clone().unwrap_or_default() }),
        signed_off_at: c.signed_off_at,
        version: c.version,
    }
}

/// A required part: trimmed, 1 to 2000 characters.
fn part(field: &str, text: &str) -> ApiResult<String> {
    let text = text.trim();
    if text.is_empty() {
        return Err(Problem::invalid(format!("{field} must say something")));
    }
    if text.chars().count() > MAX_PART_CHARS {
        return Err(Problem::invalid(format!("{field} must be at most {MAX_PART_CHARS} characters")));
    }
    Ok(text.to_string())
}

/// The check as the caller may see it: staff always; a family once it was shared with them.
fn visible(auth: &Authorized, c: Option<ProgressCheckRecord>) -> ApiResult<ProgressCheckRecord> {
    match c {
        Some(c) if auth.is_staff() || c.status != ProgressCheckStatus::Draft => Ok(c),
        _ => Err(Problem::not_found()),
    }
}

/// GET /v1/settings/{settingId}/children/{childId}/progress-check: read with the authorisation,
/// then logged.
pub async fn get_progress_check(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("progress-check-get", req, |req| async move {
        let setting_id = http::path_id::<SettingId>(&req, "settingId")?;
        let child_id = http::path_id::<ChildId>(&req, "childId")?;
        let key = ProgressCheckRecord::key(&setting_id, &child_id);
        let auth =
            authorize_child(&app, &req, "progress-check-get", &setting_id, &child_id, Action::ViewAssessment, std::slice::from_ref(&key))
                .await?;
        let check = visible(&auth, auth.record(&key)?)?;
        Audit::child(&setting_id, AuditAction::ProgressCheckView, &child_id).log_read(&app, &auth).await?;
        Ok(auth.tag(http::ok(&view(&auth.child().first_name, &check))))
    })
    .await
}

/// PUT /v1/settings/{settingId}/children/{childId}/progress-check: the key person (or a manager)
/// writes or rewrites it, for a child between two and three, until it is signed off.
pub async fn save_progress_check(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("progress-check-save", req, |req| async move {
        let setting_id = http::path_id::<SettingId>(&req, "settingId")?;
        let child_id = http::path_id::<ChildId>(&req, "childId")?;
        let key = ProgressCheckRecord::key(&setting_id, &child_id);
        let auth =
            authorize_child(&app, &req, "progress-check-save", &setting_id, &child_id, Action::JudgeChild, std::slice::from_ref(&key))
                .await?;
        let body: ProgressCheckDraft = http::json_body(&req)?;
        let current: Option<ProgressCheckRecord> = auth.record(&key)?;
        let today = setting_today(&app, auth.setting());
        let months = age_in_months(date_of_birth(auth.child())?, today);
        if current.is_none() && !progress_check_due(months) {
            return Err(Problem::invalid("the progress check at two is for children between their second and third birthdays"));
        }
        if current.as_ref().is_some_and(|c| c.status == ProgressCheckStatus::SignedOff) {
            return Err(Problem::from(AssessmentProblem::ProgressCheckSignedOff));
        }
        let concerns = match body.concerns.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(c) => Some(part("concerns", c)?),
        };
        let now = app.clock.timestamp();
        let version = current.as_ref().map_or(1, |c| c.version + 1);
        let check = ProgressCheckRecord {
            pk: key.pk.clone(),
            sk: key.sk.clone(),
            kind: "progress-check".into(),
            setting_id: setting_id.clone(),
            child_id: child_id.clone(),
            status: current.as_ref().map_or(ProgressCheckStatus::Draft, |c| c.status),
            communication_and_language: part("communicationAndLanguage", &body.communication_and_language)?,
            physical_development: part("physicalDevelopment", &body.physical_development)?,
            personal_social_and_emotional_development: part(
                "personalSocialAndEmotionalDevelopment",
                &body.personal_social_and_emotional_development,
            )?,
            strengths: part("strengths", &body.strengths)?,
            concerns,
            actions: part("actions", &body.actions)?,
            written_by: auth.caller.user_id.clone(),
            written_by_name: auth.member().name.clone(),
            written_at: now,
            age_months: current.as_ref().map_or(months, |c| c.age_months),
            version,
            ..current.clone().unwrap_or_else(|| empty_check(&key, &setting_id, &child_id, now, &auth))
        };
        let write = match &current {
            None => app.store().put_new(to_item(&check)),
            Some(c) => app.store().put_versioned(to_item(&check), c.version),
        };
        Commit::new(&app, &auth, Audit::child(&setting_id, AuditAction::ProgressCheckWrite, &child_id))
            .write(write)
            .answer(200, &view(&auth.child().first_name, &check), Some(version))
            .await
    })
    .await
}

fn empty_check(key: &Key, setting_id: &SettingId, child_id: &ChildId, now: Timestamp, auth: &Authorized) -> ProgressCheckRecord {
    ProgressCheckRecord {
        pk: key.pk.clone(),
        sk: key.sk.clone(),
        kind: "progress-check".into(),
        setting_id: setting_id.clone(),
        child_id: child_id.clone(),
        status: ProgressCheckStatus::Draft,
        communication_and_language: String::new(),
        physical_development: String::new(),
        personal_social_and_emotional_development: String::new(),
        strengths: String::new(),
        concerns: None,
        actions: String::new(),
        written_by: auth.caller.user_id.clone(),
        written_by_name: String::new(),
        written_at: now,
        age_months: 0,
        shared_at: None,
        family_view: None,
        share_with_health_visitor: None,
        family_responded_by: None,
        family_responded_by_name: None,
        family_responded_at: None,
        signed_off_by: None,
        signed_off_by_name: None,
        signed_off_at: None,
        version: 0,
    }
}

/// A step of the check: `expect` is the status it must be in; `change` makes the next record.
async fn step(
    app: &App,
    req: &Request,
    route: &'static str,
    action: Action,
    audit: AuditAction,
    expect: ProgressCheckStatus,
    change: impl FnOnce(&Authorized, ProgressCheckRecord) -> ApiResult<ProgressCheckRecord>,
) -> ApiResult<Response<Body>> {
    let setting_id = http::path_id::<SettingId>(req, "settingId")?;
    let child_id = http::path_id::<ChildId>(req, "childId")?;
    let key = ProgressCheckRecord::key(&setting_id, &child_id);
    let auth = authorize_child(app, req, route, &setting_id, &child_id, action, std::slice::from_ref(&key)).await?;
    let current = visible(&auth, auth.record(&key)?)?;
    if current.status != expect {
        return Err(Problem::from(match current.status {
            ProgressCheckStatus::SignedOff => AssessmentProblem::ProgressCheckSignedOff,
            _ => AssessmentProblem::ProgressCheckNotReady,
        }));
    }
    let before = current.version;
    let mut next = change(&auth, current)?;
    next.version = before + 1;
    let answer = view(&auth.child().first_name, &next);
    Commit::new(app, &auth, Audit::child(&setting_id, audit, &child_id))
        .write(app.store().put_versioned(to_item(&next), before))
        .answer(200, &answer, Some(next.version))
        .await
}

/// POST .../progress-check/share: the key person (or a manager) shares the draft with the parents.
pub async fn share_progress_check(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("progress-check-share", req, |req| async move {
        let now = app.clock.timestamp();
        step(&app, &req, "progress-check-share", Action::JudgeChild, AuditAction::ProgressCheckShare, ProgressCheckStatus::Draft, |_, c| {
            Ok(ProgressCheckRecord { status: ProgressCheckStatus::WithFamily, shared_at: Some(now), ..c })
        })
        .await
    })
    .await
}

/// PUT .../progress-check/family: a parent with parental responsibility adds the family's view
/// and their consent (or not) to share it for the integrated review; until sign-off, a later
/// answer replaces it.
pub async fn respond_to_progress_check(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("progress-check-respond", req, |req| async move {
        let body = http::json_body::<FamilyResponse>(&req);
        let now = app.clock.timestamp();
        step(
            &app,
            &req,
            "progress-check-respond",
            Action::RespondToProgressCheck,
            AuditAction::ProgressCheckRespond,
            ProgressCheckStatus::WithFamily,
            |auth, c| {
                let body = body?;
                let view = body.view.trim();
                if view.chars().count() > MAX_PART_CHARS {
                    return Err(Problem::invalid(format!("view must be at most {MAX_PART_CHARS} characters")));
                }
                Ok(ProgressCheckRecord {
                    family_view: (!view.is_empty()).then(|| view.to_string()),
                    share_with_health_visitor: Some(body.share_with_health_visitor),
                    family_responded_by: Some(auth.caller.user_id.clone()),
                    family_responded_by_name: Some(auth.member().name.clone()),
                    family_responded_at: Some(now),
                    ..c
                })
            },
        )
        .await
    })
    .await
}

/// POST .../progress-check/sign-off: a manager signs it off once the family has answered; it is
/// final from then.
pub async fn sign_off_progress_check(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("progress-check-sign", req, |req| async move {
        let now = app.clock.timestamp();
        step(
            &app,
            &req,
            "progress-check-sign",
            Action::SignOffProgressCheck,
            AuditAction::ProgressCheckSignOff,
            ProgressCheckStatus::WithFamily,
            |auth, c| {
                if c.family_responded_at.is_none() {
                    return Err(
                        Problem::from(AssessmentProblem::ProgressCheckNotReady).with_detail("the parents have not given their view yet")
                    );
                }
                Ok(ProgressCheckRecord {
                    status: ProgressCheckStatus::SignedOff,
                    signed_off_by: Some(auth.caller.user_id.clone()),
                    signed_off_by_name: Some(auth.member().name.clone()),
                    signed_off_at: Some(now),
                    ..c
                })
            },
        )
        .await
    })
    .await
}

/// The signed-off check as the document a family keeps.
pub fn progress_check_document(setting_name: &str, first_name: &str, key_person: &str, check: &ProgressCheckRecord) -> Document {
    let day = |t: Option<Timestamp>| t.map(long_day).unwrap_or_default();
    let mut doc = Document::new(
        format!("{first_name}'s progress check at two"),
        format!("{setting_name} · the progress check at two · confidential"),
    );
    doc.push(Block::Title(format!("{first_name}'s progress check at two")))
        .push(Block::Label("Setting".into(), setting_name.into()))
        .push(Block::Label("Key person".into(), key_person.into()))
        .push(Block::Label("Age at the check".into(), age_words(check.age_months)))
        .push(Block::Label("Written by".into(), format!("{}, {}", check.written_by_name, long_day(check.written_at))))
        .push(Block::Heading("Communication and language".into()))
        .push(Block::Paragraph(check.communication_and_language.clone()))
        .push(Block::Heading("Physical development".into()))
        .push(Block::Paragraph(check.physical_development.clone()))
        .push(Block::Heading("Personal, social and emotional development".into()))
        .push(Block::Paragraph(check.personal_social_and_emotional_development.clone()))
        .push(Block::Heading(format!("What {first_name} does well")))
        .push(Block::Paragraph(check.strengths.clone()))
        .push(Block::Heading("Any concerns".into()))
        .push(Block::Paragraph(check.concerns.clone().unwrap_or_else(|| "No concerns.".into())))
        .push(Block::Heading("What we will do".into()))
        .push(Block::Paragraph(check.actions.clone()))
        .push(Block::Heading("The family's view".into()))
        .push(Block::Paragraph(check.family_view.clone().unwrap_or_else(|| "The family added no view.".into())))
        .push(Block::Label(
            "Shared with the health visitor for the integrated review".into(),
            if check.share_with_health_visitor == Some(true) { "Yes, with the family's consent".into() } else { "No".into() },
        ))
        .push(Block::Gap)
        .push(Block::Label(
            "Signed off".into(),
            format!("{}, {}", check.signed_off_by_name.clone().unwrap_or_default(), day(check.signed_off_at)),
        ));
    doc
}

/// "6 December 2026" (the day in UTC: the document's dates are the days things were done).
fn long_day(at: Timestamp) -> String {
    at.at().format(time::macros::format_description!("[day padding:none] [month repr:long] [year]")).unwrap_or_else(|_| at.day_text())
}

fn age_words(months: u16) -> String {
    let (years, rest) = (months / 12, months % 12);
    let y = if years == 1 { "1 year".to_string() } else { format!("{years} years") };
    match rest {
        0 => y,
        1 => format!("{y} 1 month"),
        n => format!("{y} {n} months"),
    }
}

/// GET .../progress-check/pdf: the signed-off check as a PDF (staff, and the child's parents),
/// made from the record on each request; every download is in the access log.
pub async fn progress_check_pdf(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("progress-check-pdf", req, |req| async move {
        let setting_id = http::path_id::<SettingId>(&req, "settingId")?;
        let child_id = http::path_id::<ChildId>(&req, "childId")?;
        let key = ProgressCheckRecord::key(&setting_id, &child_id);
        let auth =
            authorize_child(&app, &req, "progress-check-pdf", &setting_id, &child_id, Action::ViewAssessment, std::slice::from_ref(&key))
                .await?;
        let check = visible(&auth, auth.record(&key)?)?;
        if check.status != ProgressCheckStatus::SignedOff {
            return Err(Problem::from(AssessmentProblem::ProgressCheckNotReady).with_detail("the check is not signed off yet"));
        }
        let child = auth.child();
        let document = progress_check_document(&auth.setting().name, &child.first_name, &child.key_person_name, &check);
        Audit::child(&setting_id, AuditAction::ProgressCheckDownload, &child_id).log_read(&app, &auth).await?;
        let mut response = Response::new(Body::Binary(document.render()));
        let headers = response.headers_mut();
        headers.insert("content-type", lambda_http::http::HeaderValue::from_static("application/pdf"));
        headers.insert(
            "content-disposition",
            lambda_http::http::HeaderValue::from_static("attachment; filename=\"progress-check-at-two.pdf\""),
        );
        headers.insert("cache-control", lambda_http::http::HeaderValue::from_static("no-store"));
        Ok(auth.tag(response))
    })
    .await
}

//! Absences a parent reports ahead of the day (today or later, up to 14 days at once). The
//! answer is the same whether or not the child is in.

use super::*;
use nestling_platform::{Audit, Commit};

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NewAbsence {
    #[schema(format = Date)]
    pub from: String,
    #[schema(format = Date)]
    pub to: String,
    #[schema(value_type = String)]
    pub reason: FreeText,
}

#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct AbsenceReport {
    #[schema(value_type = String)]
    pub child_id: ChildId,
    pub dates: Vec<String>,
    pub reason: String,
    #[schema(value_type = String)]
    pub reported_by: UserId,
    #[schema(value_type = String)]
    pub reported_at: Timestamp,
}

/// POST /v1/settings/{settingId}/children/{childId}/absences: a parent says their child will
/// be away (today or later, up to 14 days at once). Shown on the register.
pub async fn report_absence(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("absences-report", req, |req| async move { with_retries(|| try_report_absence(&app, &req)).await }).await
}

async fn try_report_absence(app: &App, req: &Request) -> Result<Response<Body>, Retry> {
    let setting_id = http::path_id::<SettingId>(req, "settingId")?;
    let child_id = http::path_id::<ChildId>(req, "childId")?;
    let body = http::json_body::<NewAbsence>(req).and_then(|b| {
        let from = parse_date("from", &b.from)?;
        let to = parse_date("to", &b.to)?;
        if from > to {
            return Err(Problem::invalid("from is after to"));
        }
        if (to - from).whole_days() >= MAX_ABSENCE_DAYS {
            return Err(Problem::invalid(format!("report at most {MAX_ABSENCE_DAYS} days at once")));
        }
        Ok((from, to, b.reason))
    });
    let days = match &body {
        Ok((from, to, _)) => dates(*from, *to),
        Err(_) => Vec::new(),
    };
    let extra = day_keys(&setting_id, &days);
    let auth = authorize_child(app, req, "absences-report", &setting_id, &child_id, Action::ReportAbsence, &extra).await?;
    let (from, _, reason) = body?;
    if let Some(answer) = writes::replay_logged(app, &auth, &setting_id, AuditAction::AbsenceReplay, vec![child_id.clone()]).await? {
        return Ok(auth.tag(answer));
    }
    if from < local_today(auth.setting(), app.clock.now()) {
        return Err(Problem::invalid("an absence is reported for today or later").into());
    }
    let now = app.clock.timestamp();
    let absence = AbsenceRecord { reason: reason.to_string(), reported_by: auth.caller.user_id.clone(), reported_at: now };
    let mut batch = Vec::new();
    for date in &days {
        let mut day = pick_day(&auth, &setting_id, *date)?;
        // Recorded whether or not the child is in: refusing would tell a parent of an arrival
        // before the publishing time (rule 12). Staff see it if it came after the arrival.
        let attendance = day.children.entry(child_id.clone()).or_default();
        attendance.absence = Some(absence.clone());
        batch.push(save_versioned(app, &mut day));
    }
    let answer = AbsenceReport {
        child_id: child_id.clone(),
        dates: days.iter().map(|d| date_text(*d)).collect(),
        reason: absence.reason.clone(),
        reported_by: absence.reported_by.clone(),
        reported_at: now,
    };
    Commit::new(
        app,
        &auth,
        Audit::child(&setting_id, AuditAction::AbsenceReport, &child_id).detail(format!("{}: {}", answer.dates.join(","), answer.reason)),
    )
    .writes(batch)
    .answer(201, &answer, None)
    .await
}

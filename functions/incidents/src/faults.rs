//! Faults (rule 10): anyone in a setting reports one and every manager is emailed at once;
//! managers list them and confirm each fixed. Every step is kept on the fault and audited.

use crate::IncidentsProblem;
use lambda_http::{Body, Request, Response};
use nestling_domain::incidents::FaultStatus;
use nestling_domain::{Action, Description, FaultId, Notes, SettingId, Timestamp, UserId};
use nestling_platform::access::authorize;
use nestling_platform::alerts::{manager_emails, managers_of};
use nestling_platform::concurrency::{with_retries, Retry};
use nestling_platform::http::{self, ListPage, Problem};
use nestling_platform::rates::Rate;
use nestling_platform::records::{FaultRecord, FaultStep, ManagersRecord};
use nestling_platform::store::{from_item, keys, to_item, Condition, Index, Query};
use nestling_platform::writes::AuditAction;
use nestling_platform::{writes, App};
use nestling_platform::{Audit, Commit};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NewFault {
    /// What happened, as the reporter saw it.
    #[schema(value_type = String)]
    pub description: Description,
    /// Whether children's or families' privacy may be affected.
    pub privacy_affected: bool,
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FaultResolution {
    /// How it was fixed and checked.
    #[schema(value_type = String)]
    pub notes: Notes,
}

#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct FaultView {
    #[schema(value_type = String)]
    pub fault_id: FaultId,
    pub description: String,
    pub privacy_affected: bool,
    #[schema(value_type = String)]
    pub reported_by: UserId,
    pub reported_by_name: String,
    pub reported_by_role: String,
    #[schema(value_type = String)]
    pub reported_at: Timestamp,
    pub status: FaultStatus,
    /// Every step, oldest first: `reported`, then `confirmed-fixed` with who confirmed it.
    pub history: Vec<FaultStep>,
    pub version: u64,
}

impl From<&FaultRecord> for FaultView {
    fn from(f: &FaultRecord) -> Self {
        FaultView {
            fault_id: f.fault_id.clone(),
            description: f.description.clone(),
            privacy_affected: f.privacy_affected,
            reported_by: f.reported_by.clone(),
            reported_by_name: f.reported_by_name.clone(),
            reported_by_role: f.reported_by_role.clone(),
            reported_at: f.reported_at,
            status: f.status,
            history: f.history.clone(),
            version: f.version,
        }
    }
}

/// POST /v1/settings/{settingId}/faults: any member reports a fault; every manager is
/// emailed in the same transaction.
pub async fn report_fault(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("faults-report", req, |req| async move {
        let setting_id = http::path_id::<SettingId>(&req, "settingId")?;
        let managers_key = ManagersRecord::key(&setting_id);
        let auth = authorize(&app, &req, "faults-report", Some(&setting_id), Action::ReportFault, std::slice::from_ref(&managers_key)).await?;
        let body: NewFault = http::json_body(&req)?;
        if let Some(answer) = auth.idempotency.as_ref().map(|i| i.replay()).transpose()?.flatten() {
            return Ok(auth.tag(answer));
        }
        let managers = managers_of(auth.item(&managers_key), &setting_id)?;
        let now = app.clock.timestamp();
        let fault_id: FaultId = app.new_sortable();
        let member = auth.member();
        let fault = FaultRecord {
            pk: keys::setting(&setting_id),
            sk: keys::fault(&fault_id),
            kind: "fault".into(),
            setting_id: setting_id.clone(),
            fault_id: fault_id.clone(),
            description: body.description.to_string(),
            privacy_affected: body.privacy_affected,
            reported_by: auth.caller.user_id.clone(),
            reported_by_name: member.name.clone(),
            reported_by_role: auth.role_name().into(),
            reported_at: now,
            status: FaultStatus::Open,
            history: vec![FaultStep { at: now, by: auth.caller.user_id.clone(), by_name: member.name.clone(), step: "reported".into(), note: body.description.to_string() }],
            version: 1,
        };
        let setting = auth.setting();
        let text = format!(
            "{} ({}) reported a fault in Nestling at {}.\n\nMay children's or families' privacy be affected? {}\n\nWhat happened:\n{}\n\n{}",
            fault.reported_by_name,
            fault.reported_by_role,
            setting.name,
            if fault.privacy_affected { "Yes" } else { "No" },
            fault.description,
            if fault.privacy_affected {
                "The setting's policy: staff log out, Nestling is not used until the fault is confirmed fixed, and families are told. You can put the setting into lockdown in Nestling, which signs every family out and emails them your notice."
            } else {
                "Please look into it and confirm it fixed in Nestling."
            }
        );
        let subject = format!("Fault reported at {}{}", setting.name, if fault.privacy_affected { " (privacy may be affected)" } else { "" });
        let answer = FaultView::from(&fault);
        let mut batch = vec![
            app.store().put_new(to_item(&fault)),
        ];
        for (user_id, email) in manager_emails(&managers, &subject, &text, "fault-reported", &setting_id) {
            batch.push(writes::outbox_with_id(&app, &format!("fault-{fault_id}-{user_id}"), email));
        }
        // Rule 20: every manager is emailed, so one person may not flood their inboxes.
        let rate = Rate::FAULT_REPORTS;
        Commit::new(&app, &auth, Audit::of(&setting_id, AuditAction::FaultReport, format!("fault:{fault_id}")).detail(format!("privacyAffected={}", fault.privacy_affected)))
            .writes(batch)
            .write_or(rate.count(&app, &setting_id, &auth.caller.user_id), rate.refusal())
            .answer(201, &answer, Some(1))
            .await
    })
    .await
}

/// GET /v1/settings/{settingId}/faults?status=open|confirmed-fixed: managers, newest first.
pub async fn list_faults(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("faults-list", req, |req| async move {
        let setting_id = http::path_id::<SettingId>(&req, "settingId")?;
        let auth = authorize(&app, &req, "faults-list", Some(&setting_id), Action::ListFaults, &[]).await?;
        let (limit, cursor) = http::paging(&req)?;
        let status = match http::query_param(&req, "status").as_deref() {
            None => None,
            Some("open") => Some("open"),
            Some("confirmed-fixed") => Some("confirmed-fixed"),
            Some(_) => return Err(Problem::invalid("status must be open or confirmed-fixed")),
        };
        let filter = status.map(|s| Condition::eq("status", s));
        let page = app
            .store()
            .page(
                Query::partition(Index::Table, keys::setting(&setting_id))
                    .prefix(keys::FAULT_PREFIX)
                    .limit(limit)
                    .newest_first(true)
                    .filter(filter),
                cursor.as_deref(),
            )
            .await?;
        let items: Vec<FaultView> =
            page.items.into_iter().map(|i| from_item::<FaultRecord>(i).map(|f| FaultView::from(&f))).collect::<Result<_, _>>()?;
        Ok(auth.tag(http::ok(&ListPage { items, next_cursor: page.next_cursor })))
    })
    .await
}

/// POST /v1/settings/{settingId}/faults/{faultId}/resolve: a manager confirms the fault fixed.
pub async fn resolve_fault(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("faults-resolve", req, |req| async move { with_retries(|| try_resolve_fault(&app, &req)).await }).await
}

/// One attempt at `faults-resolve`: decided again from the current state when another change wins.
async fn try_resolve_fault(app: &App, req: &Request) -> Result<Response<Body>, Retry> {
    let setting_id = http::path_id::<SettingId>(req, "settingId")?;
    let fault_id = http::path_id::<FaultId>(req, "faultId")?;
    let key = FaultRecord::key(&setting_id, &fault_id);
    let auth = authorize(app, req, "faults-resolve", Some(&setting_id), Action::ResolveFault, std::slice::from_ref(&key)).await?;
    let body: FaultResolution = http::json_body(req)?;
    if let Some(answer) = auth.idempotency.as_ref().map(|i| i.replay()).transpose()?.flatten() {
        return Ok(auth.tag(answer));
    }
    let current: FaultRecord = auth.record(&key)?.ok_or_else(Problem::not_found)?;
    if current.status == FaultStatus::ConfirmedFixed {
        return Err(Problem::from(IncidentsProblem::FaultAlreadyFixed).into());
    }
    let now = app.clock.timestamp();
    let mut fault = current.clone();
    fault.status = FaultStatus::ConfirmedFixed;
    fault.history.push(FaultStep {
        at: now,
        by: auth.caller.user_id.clone(),
        by_name: auth.member().name.clone(),
        step: "confirmed-fixed".into(),
        note: body.notes.to_string(),
    });
    fault.version += 1;
    let batch = vec![app.store().put_versioned(to_item(&fault), current.version)];
    let answer = FaultView::from(&fault);
    Commit::new(app, &auth, Audit::of(&setting_id, AuditAction::FaultConfirmFixed, format!("fault:{fault_id}")))
        .writes(batch)
        .answer(200, &answer, Some(fault.version))
        .await
}

#[cfg(test)]
#[path = "faults_tests.rs"]
mod tests;

//! Lockdown (rule 10): a manager pauses the setting while a fault that may compromise privacy
//! is dealt with. From the moment the setting's item says so, every parent and family request
//! answers 503 with the notice and practitioners may only read (authorisation reads the
//! setting on every request, so a still-valid token is refused too). The same transaction
//! writes a broadcast: the stream consumer emails every family the notice, then signs every
//! family member and every practitioner out in Cognito (every open session ends; managers
//! carry on), retrying until all of it is done. Lifting it emails the update.

use crate::IncidentsProblem;
use lambda_http::{Body, Request, Response};
use nestling_domain::{Action, FamilyMessage, LockdownNotice, SettingId, Timestamp, UserId};
use nestling_platform::access::authorize;
use nestling_platform::alerts::{broadcast, Audience, Broadcast};
use nestling_platform::concurrency::{with_retries, Retry};
use nestling_platform::http::{self, Problem};
use nestling_platform::records::{Lockdown, SettingRecord};
use nestling_platform::store::to_item;
use nestling_platform::writes::AuditAction;
use nestling_platform::App;
use nestling_platform::{Audit, Commit};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LockdownStart {
    /// What families are told instead of data, and emailed.
    #[schema(value_type = String)]
    pub notice: LockdownNotice,
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LockdownLift {
    /// The update families are emailed.
    #[schema(value_type = String)]
    pub message: FamilyMessage,
}

#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct LockdownLifted {
    #[schema(value_type = String)]
    pub lifted_at: Timestamp,
    #[schema(value_type = String)]
    pub lifted_by: UserId,
    #[schema(value_type = String)]
    pub started_at: Timestamp,
    pub message: String,
}

/// POST /v1/settings/{settingId}/lockdown: a manager starts lockdown with a notice.
pub async fn start_lockdown(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("lockdown-start", req, |req| async move { with_retries(|| try_start_lockdown(&app, &req)).await }).await
}

/// One attempt at `lockdown-start`: decided again from the current state when another change wins.
async fn try_start_lockdown(app: &App, req: &Request) -> Result<Response<Body>, Retry> {
    let setting_id = http::path_id::<SettingId>(req, "settingId")?;
    let auth = authorize(app, req, "lockdown-start", Some(&setting_id), Action::StartLockdown, &[]).await?;
    let body: LockdownStart = http::json_body(req)?;
    if let Some(answer) = auth.idempotency.as_ref().map(|i| i.replay()).transpose()?.flatten() {
        return Ok(auth.tag(answer));
    }
    let current = auth.setting().clone();
    if current.lockdown.is_some() {
        return Err(Problem::from(IncidentsProblem::AlreadyInLockdown).into());
    }
    let lockdown = Lockdown {
        notice: body.notice.to_string(),
        started_at: app.clock.timestamp(),
        started_by: auth.caller.user_id.clone(),
        started_by_name: auth.member().name.clone(),
    };
    let setting = SettingRecord { lockdown: Some(lockdown.clone()), version: current.version + 1, ..current.clone() };
    let text = format!(
        "{} has paused Nestling while a problem is dealt with. You will not be able to see or add anything until it is available again; we will email you then.\n\nThe setting says:\n{}",
        setting.name, lockdown.notice
    );
    let batch = vec![
        app.store().put_versioned(to_item(&setting), current.version),
        broadcast(
            app,
            Broadcast {
                setting_id: &setting_id,
                audience: Audience::Families,
                subject: &format!("{}: Nestling is paused", setting.name),
                text: &text,
                purpose: "lockdown",
                sign_out: true,
                sign_out_practitioners: true,
            },
        ),
    ];
    Commit::new(
        app,
        &auth,
        Audit::of(&setting_id, AuditAction::LockdownStart, format!("setting:{setting_id}")).detail(lockdown.notice.clone()),
    )
    .writes(batch)
    .answer(201, &lockdown, Some(setting.version))
    .await
}

/// DELETE /v1/settings/{settingId}/lockdown: a manager lifts it, with an update for families.
pub async fn lift_lockdown(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("lockdown-lift", req, |req| async move { with_retries(|| try_lift_lockdown(&app, &req)).await }).await
}

/// One attempt at `lockdown-lift`: decided again from the current state when another change wins.
async fn try_lift_lockdown(app: &App, req: &Request) -> Result<Response<Body>, Retry> {
    let setting_id = http::path_id::<SettingId>(req, "settingId")?;
    let auth = authorize(app, req, "lockdown-lift", Some(&setting_id), Action::LiftLockdown, &[]).await?;
    let body: LockdownLift = http::json_body(req)?;
    if let Some(answer) = auth.idempotency.as_ref().map(|i| i.replay()).transpose()?.flatten() {
        return Ok(auth.tag(answer));
    }
    let current = auth.setting().clone();
    let Some(lockdown) = current.lockdown.clone() else {
        return Err(Problem::from(IncidentsProblem::NotInLockdown).into());
    };
    let setting = SettingRecord { lockdown: None, version: current.version + 1, ..current.clone() };
    let lifted = LockdownLifted {
        lifted_at: app.clock.timestamp(),
        lifted_by: auth.caller.user_id.clone(),
        started_at: lockdown.started_at,
        message: body.message.to_string(),
    };
    let text =
        format!("Nestling is available again at {}. You can sign in as usual.\n\nThe setting says:\n{}", setting.name, lifted.message);
    let batch = vec![
        app.store().put_versioned(to_item(&setting), current.version),
        broadcast(
            app,
            Broadcast {
                setting_id: &setting_id,
                audience: Audience::Families,
                subject: &format!("{}: Nestling is available again", setting.name),
                text: &text,
                purpose: "lockdown-lifted",
                sign_out: false,
                sign_out_practitioners: false,
            },
        ),
    ];
    Commit::new(
        app,
        &auth,
        Audit::of(&setting_id, AuditAction::LockdownLift, format!("setting:{setting_id}"))
            .detail(format!("started {}; {}", lockdown.started_at, lifted.message)),
    )
    .writes(batch)
    .answer(200, &lifted, Some(setting.version))
    .await
}

//! Sending a made journey on to the next setting: a manager names the school or setting and an
//! address there; the address gets an email with a single-use link that expires (a week, and
//! never after the journey itself). The link opens a page in the app whose button spends it
//! (a POST, so a mail scanner following links cannot), answering short-lived downloads of the
//! PDF and the archive. The sending and the download each write an access-log line, and the
//! journey lists where it was sent and whether it was fetched.

use crate::problems::JourneyProblem;
use crate::{journey_day, journey_expired, KEPT_DAYS};
use lambda_http::{Body, Request, Response};
use nestling_domain::bounds::MAX_TRANSFERS_PER_JOURNEY;
use nestling_domain::{Action, ChildId, Destination, EmailAddress, SettingId, Timestamp};
use nestling_platform::access::authorize_child;
use nestling_platform::http::{self, Problem};
use nestling_platform::invitations::{hash_token, new_token};
use nestling_platform::records::{JourneyRecord, JourneyStatus, TransferLine, TransferRecord};
use nestling_platform::store::{from_item, to_item, Change, Condition, Path, StoreError};
use nestling_platform::writes::{self, Actor, AuditAction, Email};
use nestling_platform::{App, Audit, Commit};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// How long a transfer link works (and never past the journey's own month).
pub const TRANSFER_DAYS: i64 = 7;

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NewTransfer {
    /// An address at the next setting.
    #[schema(value_type = String, format = Email)]
    pub to: EmailAddress,
    /// The school or setting it is.
    #[schema(value_type = String)]
    pub receiver: Destination,
}

/// One sending, as the journey lists it.
#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct TransferView {
    pub transfer_id: String,
    pub to: String,
    pub receiver: String,
    pub sent_by: String,
    #[schema(value_type = String)]
    pub sent_at: Timestamp,
    #[schema(value_type = String)]
    pub expires_at: Timestamp,
    #[schema(value_type = Option<String>)]
    pub downloaded_at: Option<Timestamp>,
}

pub fn transfer_view(transfer_id: &str, line: &TransferLine) -> TransferView {
    TransferView {
        transfer_id: transfer_id.to_string(),
        to: line.to.clone(),
        receiver: line.receiver.clone(),
        sent_by: line.sent_by_name.clone(),
        sent_at: line.sent_at,
        expires_at: line.expires_at,
        downloaded_at: line.downloaded_at,
    }
}

/// POST /v1/settings/{settingId}/children/{childId}/journeys/{day}/transfers (managers).
pub async fn transfer_journey(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("journey-transfer", req, |req| async move {
        let setting_id = http::path_id::<SettingId>(&req, "settingId")?;
        let child_id = http::path_id::<ChildId>(&req, "childId")?;
        let day = journey_day(&req)?;
        let body: NewTransfer = http::json_body(&req)?;
        let key = JourneyRecord::key(&setting_id, &child_id, &day);
        let auth =
            authorize_child(&app, &req, "journey-transfer", &setting_id, &child_id, Action::TransferJourney, std::slice::from_ref(&key))
                .await?;
        let journey: JourneyRecord = auth.record(&key)?.ok_or_else(Problem::not_found)?;
        let Some(made) = journey.made_at.filter(|_| journey.status == JourneyStatus::Ready) else {
            return Err(Problem::from(JourneyProblem::NotReady));
        };
        if journey_expired(&app, made) {
            return Err(Problem::from(JourneyProblem::Expired));
        }
        if journey.transfers.len() >= MAX_TRANSFERS_PER_JOURNEY {
            return Err(Problem::limit_reached(format!("a journey is sent on at most {MAX_TRANSFERS_PER_JOURNEY} times")));
        }
        let now = app.clock.now();
        let expires = (now + time::Duration::days(TRANSFER_DAYS)).min(made.at() + time::Duration::days(KEPT_DAYS));
        let token = new_token();
        let transfer_id = app.new_sortable_id();
        let setting = auth.setting();
        let child = auth.child();
        let line = TransferLine {
            to: body.to.as_str().to_string(),
            receiver: body.receiver.as_str().to_string(),
            sent_by: auth.caller.user_id.clone(),
            sent_by_name: auth.member().name.clone(),
            sent_at: Timestamp::new(now),
            expires_at: Timestamp::new(expires),
            downloaded_at: None,
        };
        let record = TransferRecord {
            pk: String::new(),
            sk: String::new(),
            kind: "journey-transfer".into(),
            transfer_id: transfer_id.clone(),
            setting_id: setting_id.clone(),
            child_id: child_id.clone(),
            day: day.clone(),
            to: line.to.clone(),
            receiver: line.receiver.clone(),
            first_name: child.first_name.clone(),
            setting_name: setting.name.clone(),
            sent_by: line.sent_by.clone(),
            sent_at: line.sent_at,
            expires_at: expires.unix_timestamp(),
            used_at: None,
        };
        let token_key = TransferRecord::key(&hash_token(&token));
        let record = TransferRecord { pk: token_key.pk.clone(), sk: token_key.sk.clone(), ..record };
        let mut transfers = journey.transfers.clone();
        transfers.insert(transfer_id.clone(), line.clone());
        let listed = Change::new().set("transfers", &transfers).next_version().if_version(journey.version);
        let link = format!("{}/transfer/{token}", app.config.app_url.trim_end_matches('/'));
        let text = format!(
            "Hello,\n\n{setting} has sent {receiver} {first}'s learning journey: every observation and everything added from home during {first}'s time at {setting}, with the photos and videos and the comments shared with the family, as a PDF and as an archive.\n\nThe link below works once, until {until}. It opens a page where you download both files:\n{link}\n\nIf you were not expecting this, please do not open it, and let {setting} know.\n",
            setting = setting.name,
            receiver = line.receiver,
            first = child.first_name,
            until = expires.date(),
        );
        let email = Email {
            to: line.to.clone(),
            subject: format!("{}'s learning journey from {}", child.first_name, setting.name),
            html: nestling_platform::alerts::paragraphs_html(&text),
            text,
            purpose: "journey-transfer",
            setting_id: Some(setting_id.clone()),
        };
        let view = transfer_view(&transfer_id, &line);
        Commit::new(&app, &auth, Audit::child(&setting_id, AuditAction::JourneyTransfer, &child_id).detail(format!("{day} to {}", line.to)))
            .write(app.store().put_new(to_item(&record)))
            .write_or(app.store().change(&key, listed), Problem::from(JourneyProblem::Changed))
            .write(writes::outbox(&app, email))
            .answer(201, &view, None)
            .await
    })
    .await
}

/// What a transfer link opens, for a few minutes.
#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct TransferDownload {
    pub first_name: String,
    pub setting_name: String,
    pub pdf_url: String,
    pub archive_url: String,
}

/// POST /v1/journey-transfers/{token}/download (no sign-in: the token is the credential, and
/// this spends it).
pub async fn download_transfer(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("journey-transfer-download", req, |req| async move {
        let token = http::path_param(&req, "token").map_err(|_| Problem::from(JourneyProblem::TransferInvalid))?;
        let now = app.clock.now();
        let key = TransferRecord::key(&hash_token(&token));
        let spend = Change::new()
            .set("usedAt", &Timestamp::new(now))
            .on_existing()
            .when(Condition::not_exists("usedAt").and(Condition::gt("expiresAt", &now.unix_timestamp())));
        let transfer: TransferRecord = match app.store().update(&key, spend).await {
            Ok(item) => from_item(item)?,
            Err(StoreError::Conflict { .. }) => return Err(Problem::from(JourneyProblem::TransferInvalid)),
            Err(e) => return Err(e.into()),
        };
        let request_id = http::request_id(&req);
        let actor_id = format!("transfer:{}", transfer.transfer_id);
        let actor = Actor { id: &actor_id, role: "recipient", request_id: &request_id, off_premises: true, device_id: None };
        let journey = JourneyRecord::key(&transfer.setting_id, &transfer.child_id, &transfer.day);
        let fetched =
            Change::new().set(Path::new("transfers").key(&transfer.transfer_id).key("downloadedAt"), &Timestamp::new(now)).on_existing();
        let logged = writes::audit_by_about(
            &app,
            &actor,
            &transfer.setting_id,
            AuditAction::JourneyTransferDownload,
            &format!("child:{}", transfer.child_id),
            vec![transfer.child_id.clone()],
            Some(format!("{} by {} ({})", transfer.day, transfer.to, transfer.receiver)),
        );
        let urls = async {
            app.store().transact(vec![app.store().change(&journey, fetched), logged]).await?;
            let file = |name: &str| JourneyRecord::object(&transfer.setting_id, &transfer.child_id, &transfer.day, name);
            let saved = |ext: &str| {
                let first: String = transfer.first_name.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-').collect();
                format!("attachment; filename=\"{first}-learning-journey.{ext}\"")
            };
            let pdf_url = app.presigner().download_url(&file("learning-journey.pdf"), "application/pdf", &saved("pdf")).await?;
            let archive_url = app.presigner().download_url(&file("learning-journey.zip"), "application/zip", &saved("zip")).await?;
            Ok::<_, Problem>((pdf_url, archive_url))
        };
        match urls.await {
            Ok((pdf_url, archive_url)) => Ok(http::ok(&TransferDownload {
                first_name: transfer.first_name.clone(),
                setting_name: transfer.setting_name.clone(),
                pdf_url,
                archive_url,
            })),
            Err(problem) => {
                // Nothing was handed out: the link works again for a retry.
                if let Err(e) = app.store().update(&key, Change::new().remove("usedAt")).await {
                    tracing::error!(error = %e, "could not release a transfer link after a failed download");
                }
                Err(problem)
            }
        }
    })
    .await
}

#[cfg(test)]
mod tests;

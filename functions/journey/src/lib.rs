//! A child's learning journey as the family keeps it. A manager, or a parent with parental
//! responsibility (also in the reading period after the child left), asks for one; the
//! journey record's creation hands it to `journey-build` through the table's stream, which
//! makes the family's copy in the background (`content`: the PDF, the JSON of the same content
//! and the archive of both with the cleaned photos and videos), keeps it in the media bucket
//! for a month and emails the child's parents a link to the app. Every download is a
//! presigned URL of a few minutes, issued after authorisation and written to the access log.

pub mod build;
pub mod content;
pub mod problems;
pub mod transfer;

use lambda_http::{Body, Request, Response};
use nestling_domain::{Action, ChildId, SettingId, Timestamp};
use nestling_platform::access::{authorize_child, beside_authorisation};
use nestling_platform::http::{self, Problem};
use nestling_platform::records::{JourneyRecord, JourneyStatus};
use nestling_platform::store::{keys, to_item, Index, Query};
use nestling_platform::writes::AuditAction;
use nestling_platform::{App, Audit, Commit};
pub use problems::JourneyProblem;
use serde::Serialize;
use std::sync::Arc;

/// How long a made journey may be downloaded (the bucket's lifecycle deletes it after).
pub const KEPT_DAYS: i64 = 30;
/// The journeys a list shows, newest first.
pub const LISTED: usize = 20;

nestling_platform::routes! {
    "journey-request" => request_journey,
    "journeys-list" => list_journeys,
    "journey-download" => download_journey,
    "journey-transfer" => transfer::transfer_journey,
    "journey-transfer-download" => transfer::download_transfer,
}

/// A learning journey as the screens show it.
#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct JourneyView {
    /// Its id: the setting's day it was asked for.
    #[schema(format = Date)]
    pub day: String,
    pub status: JourneyStatus,
    pub requested_by: String,
    #[schema(value_type = String)]
    pub requested_at: Timestamp,
    #[schema(value_type = Option<String>)]
    pub made_at: Option<Timestamp>,
    /// Until when it may be downloaded.
    #[schema(value_type = Option<String>)]
    pub available_until: Option<Timestamp>,
    pub entries: u32,
    pub media: u32,
    pub media_left_out: u32,
    pub pdf_bytes: u64,
    pub archive_bytes: u64,
    /// Where it was sent on, oldest first.
    pub transfers: Vec<transfer::TransferView>,
}

fn view(j: &JourneyRecord) -> JourneyView {
    let mut transfers: Vec<_> = j.transfers.iter().map(|(id, line)| transfer::transfer_view(id, line)).collect();
    transfers.sort_by_key(|t| t.sent_at);
    JourneyView {
        day: j.day.clone(),
        status: j.status,
        requested_by: j.requested_by_name.clone(),
        requested_at: j.requested_at,
        made_at: j.made_at,
        available_until: j.made_at.map(|m| Timestamp::new(m.at() + time::Duration::days(KEPT_DAYS))),
        entries: j.entries,
        media: j.media,
        media_left_out: j.media_left_out,
        pdf_bytes: j.pdf_bytes,
        archive_bytes: j.archive_bytes,
        transfers,
    }
}

/// The `{day}` of a journey's path: a date, or no such journey.
pub(crate) fn journey_day(req: &Request) -> Result<String, Problem> {
    let day = http::path_param(req, "day")?;
    match time::Date::parse(&day, &time::format_description::well_known::Iso8601::DATE) {
        Ok(_) => Ok(day),
        Err(_) => Err(Problem::not_found()),
    }
}

/// Past the month a made journey is kept.
pub(crate) fn journey_expired(app: &App, made: Timestamp) -> bool {
    app.clock.now() > made.at() + time::Duration::days(KEPT_DAYS)
}

#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct JourneyPage {
    pub items: Vec<JourneyView>,
}

/// POST /v1/settings/{settingId}/children/{childId}/journeys: one a day per child; asking
/// again the same day answers 409 with the one already asked for.
pub async fn request_journey(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("journey-request", req, |req| async move {
        let setting_id = http::path_id::<SettingId>(&req, "settingId")?;
        let child_id = http::path_id::<ChildId>(&req, "childId")?;
        let auth = authorize_child(&app, &req, "journey-request", &setting_id, &child_id, Action::RequestJourney, &[]).await?;
        let day = auth.setting().today(auth.now).to_string();
        let key = JourneyRecord::key(&setting_id, &child_id, &day);
        let journey = JourneyRecord {
            pk: key.pk.clone(),
            sk: key.sk.clone(),
            kind: "journey".into(),
            setting_id: setting_id.clone(),
            child_id: child_id.clone(),
            day: day.clone(),
            status: JourneyStatus::Pending,
            requested_by: auth.caller.user_id.clone(),
            requested_by_name: auth.member().name.clone(),
            requested_at: app.clock.timestamp(),
            claimed_at: None,
            made_at: None,
            entries: 0,
            media: 0,
            media_left_out: 0,
            pdf_bytes: 0,
            archive_bytes: 0,
            transfers: Default::default(),
            version: 1,
        };
        Commit::new(&app, &auth, Audit::child(&setting_id, AuditAction::JourneyRequest, &child_id))
            .write_or(app.store().put_new(to_item(&journey)), Problem::from(JourneyProblem::AlreadyRequested))
            .answer(202, &view(&journey), Some(1))
            .await
    })
    .await
}

/// GET /v1/settings/{settingId}/children/{childId}/journeys: the newest first.
pub async fn list_journeys(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("journeys-list", req, |req| async move {
        let setting_id = http::path_id::<SettingId>(&req, "settingId")?;
        let child_id = http::path_id::<ChildId>(&req, "childId")?;
        let query = Query::partition(Index::Table, keys::journeys(&setting_id, &child_id)).limit(LISTED).newest_first(true);
        let (auth, page) = beside_authorisation(
            authorize_child(&app, &req, "journeys-list", &setting_id, &child_id, Action::ViewJourney, &[]),
            app.store().page_as::<JourneyRecord>(query, None),
        )
        .await?;
        Audit::child(&setting_id, AuditAction::JourneysView, &child_id).log_read(&app, &auth).await?;
        Ok(auth.tag(http::ok(&JourneyPage { items: page.items.iter().map(view).collect() })))
    })
    .await
}

/// Where to fetch a made journey from, for a few minutes.
#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct JourneyDownload {
    pub url: String,
}

/// GET /v1/settings/{settingId}/children/{childId}/journeys/{day}?format=pdf|archive
pub async fn download_journey(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("journey-download", req, |req| async move {
        let setting_id = http::path_id::<SettingId>(&req, "settingId")?;
        let child_id = http::path_id::<ChildId>(&req, "childId")?;
        let day = journey_day(&req)?;
        let archive = match http::query_param(&req, "format").as_deref() {
            None | Some("pdf") => false,
            Some("archive") => true,
            Some(_) => return Err(Problem::invalid("format must be pdf or archive")),
        };
        let key = JourneyRecord::key(&setting_id, &child_id, &day);
        let auth = authorize_child(&app, &req, "journey-download", &setting_id, &child_id, Action::ViewJourney, std::slice::from_ref(&key))
            .await?;
        let journey: JourneyRecord = auth.record(&key)?.ok_or_else(Problem::not_found)?;
        let Some(made) = journey.made_at.filter(|_| journey.status == JourneyStatus::Ready) else {
            return Err(Problem::from(JourneyProblem::NotReady));
        };
        if journey_expired(&app, made) {
            return Err(Problem::from(JourneyProblem::Expired));
        }
        let first_name = auth.child().first_name.clone();
        let (object, content_type, file) = if archive {
            (journey.archive_key(), "application/zip", format!("{first_name}-learning-journey.zip"))
        } else {
            (journey.pdf_key(), "application/pdf", format!("{first_name}-learning-journey.pdf"))
        };
        let file: String = file.chars().filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.')).collect();
        let url = app.presigner().download_url(&object, content_type, &format!("attachment; filename=\"{file}\"")).await?;
        let what = if archive { "archive" } else { "pdf" };
        Audit::child(&setting_id, AuditAction::JourneyDownload, &child_id).detail(format!("{day} {what}")).log_read(&app, &auth).await?;
        Ok(auth.tag(http::ok(&JourneyDownload { url })))
    })
    .await
}

#[cfg(test)]
mod tests;

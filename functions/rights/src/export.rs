//! A subject access request's export. A manager gathers it (in the background, `build`),
//! reviews every item, withholds what holds other people's data with a reason per item, and
//! releases the rest; the release is made into a PDF and an archive in the background, the
//! request is answered and the person downloads it in the app for a month (a logged request's
//! files are downloaded by the manager to send). Every step is in the access log.

pub mod build;
pub mod content;

use crate::{about_children, step_view, view, RightsProblem, StepView};
use content::{Gathered, HeldKind};
use lambda_http::{Body, Request, Response};
use nestling_domain::{bounds, Action, ChildId, FreeText, SettingId, Timestamp};
use nestling_platform::access::{authorize, authorize_child, Authorized};
use nestling_platform::http::{self, ApiResult, Problem};
use nestling_platform::records::{
    ExportJobRecord, ExportRecord, ExportStatus, ExportStep, RequestStep, RequestSubject, RightsRequestRecord, WithheldItem,
};
use nestling_platform::store::to_item;
use nestling_platform::writes::AuditAction;
use nestling_platform::{App, Audit, Commit};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// How long released files may be downloaded (the bucket's lifecycle deletes `rights/`
/// objects later, past the longest a request stays open).
pub const KEPT_DAYS: i64 = 30;

/// A request's export as the screens show it.
#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ExportView {
    pub status: ExportStatus,
    pub gathered_by: String,
    #[schema(value_type = String)]
    pub asked_at: Timestamp,
    #[schema(value_type = Option<String>)]
    pub gathered_at: Option<Timestamp>,
    pub items: u32,
    pub withheld: u32,
    pub media_left_out: u32,
    pub released: Option<StepView>,
    /// Until when the released files may be downloaded.
    #[schema(value_type = Option<String>)]
    pub available_until: Option<Timestamp>,
    pub pdf_bytes: u64,
    pub archive_bytes: u64,
}

pub fn export_view(e: &ExportRecord) -> ExportView {
    ExportView {
        status: e.status,
        gathered_by: e.gathered_by_name.clone(),
        asked_at: e.asked_at,
        gathered_at: e.gathered_at,
        items: e.items,
        withheld: e.withheld.len() as u32,
        media_left_out: e.media_left_out,
        released: e.released.as_ref().map(step_view),
        available_until: e.made_at.map(|m| Timestamp::new(m.at() + time::Duration::days(KEPT_DAYS))),
        pdf_bytes: e.pdf_bytes,
        archive_bytes: e.archive_bytes,
    }
}

/// The request of the path, read with a manager's authorisation.
async fn managed_request(app: &App, req: &Request, route: &str) -> ApiResult<(Authorized, RightsRequestRecord)> {
    let setting_id = http::path_id::<SettingId>(req, "settingId")?;
    let request_id = http::path_param(req, "requestId")?;
    let key = RightsRequestRecord::key(&setting_id, &request_id);
    let auth = authorize(app, req, route, Some(&setting_id), Action::ManageDataRequests, std::slice::from_ref(&key)).await?;
    let record: RightsRequestRecord = auth.record(&key)?.ok_or_else(Problem::not_found)?;
    Ok((auth, record))
}

fn audit(record: &RightsRequestRecord, action: AuditAction) -> Audit {
    Audit::children(&record.setting_id, action, about_children(record))
}

/// POST .../rights-requests/{requestId}/export: gathers (again, while in review) everything
/// held about the person or child, in the background. 202.
pub async fn gather_export(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("rights-export-gather", req, |req| async move {
        let (auth, mut record) = managed_request(&app, &req, "rights-export-gather").await?;
        if matches!(record.about, RequestSubject::Person { user_id: None, .. }) {
            return Err(Problem::invalid(
                "The person has no account in Nestling, so nothing is held under their name: answer the request with what you find by hand",
            ));
        }
        if record.request_kind == nestling_domain::rights::RightsRequestKind::Erasure {
            return Err(Problem::invalid("An erasure request has no export: approve it instead"));
        }
        if record.answered.is_some() && record.export.is_none() {
            return Err(Problem::from(RightsProblem::AlreadyAnswered));
        }
        let withheld = match &record.export {
            None => Default::default(),
            Some(e) if e.status == ExportStatus::Review => e.withheld.clone(),
            Some(e) if e.status == ExportStatus::Released => return Err(Problem::from(RightsProblem::ExportReleased)),
            Some(_) => return Err(Problem::from(RightsProblem::ExportInProgress)),
        };
        let now = Timestamp::new(auth.now);
        record.export = Some(ExportRecord {
            status: ExportStatus::Gathering,
            gathered_by_name: auth.member().name.clone(),
            asked_at: now,
            gathered_at: None,
            items: 0,
            media_left_out: 0,
            // A second gathering keeps the decisions on the items it finds again.
            withheld,
            released: None,
            made_at: None,
            pdf_bytes: 0,
            archive_bytes: 0,
        });
        let expected = record.version;
        record.version += 1;
        let job = ExportJobRecord::new(&record.setting_id, &record.request_id, ExportStep::Gather, now);
        let today = auth.setting().today(auth.now);
        Commit::new(&app, &auth, audit(&record, AuditAction::RightsExportGather).detail(format!("request {}", record.request_id)))
            .writes([app.store().put_versioned(to_item(&record), expected)])
            .write_or(app.store().put_new(to_item(&job)), Problem::from(RightsProblem::ExportInProgress))
            .answer(202, &view(&record, today), Some(record.version))
            .await
    })
    .await
}

/// The export as a manager reviews it: every item gathered with its content and the
/// decision on it.
#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ExportReview {
    pub request: crate::RightsRequestView,
    /// Oldest first within each kind.
    pub items: Vec<ReviewItem>,
}

#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ReviewItem {
    pub item_id: String,
    pub kind: HeldKind,
    pub kind_title: &'static str,
    #[schema(format = Date)]
    pub date: String,
    pub title: String,
    /// Other people it names or was written by.
    pub others: Vec<String>,
    /// Its fields as the PDF shows them.
    pub lines: Vec<ReviewLine>,
    /// Photos and videos released with it.
    pub media: u32,
    pub withheld: Option<WithheldView>,
}

#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ReviewLine {
    pub label: String,
    pub text: String,
}

#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct WithheldView {
    pub reason: String,
    pub by: String,
    #[schema(value_type = String)]
    pub at: Timestamp,
}

async fn gathered(app: &App, record: &RightsRequestRecord) -> ApiResult<Gathered> {
    let bytes = app.media().get(&record.export_object("gathered.json")).await.map_err(|e| Problem::internal("media", e.to_string()))?;
    serde_json::from_slice(&bytes).map_err(|e| Problem::internal("export", e.to_string()))
}

/// The gathered export of a request not yet released, or why it cannot be reviewed.
fn in_review(record: &RightsRequestRecord) -> ApiResult<&ExportRecord> {
    match &record.export {
        None => Err(Problem::not_found()),
        Some(e) if e.status == ExportStatus::Review => Ok(e),
        Some(e) if e.status == ExportStatus::Gathering => Err(Problem::from(RightsProblem::ExportNotReady)),
        Some(_) => Err(Problem::from(RightsProblem::ExportReleased)),
    }
}

/// GET .../rights-requests/{requestId}/export: the gathered items for review.
pub async fn review_export(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("rights-export-get", req, |req| async move {
        let (auth, record) = managed_request(&app, &req, "rights-export-get").await?;
        let export = match &record.export {
            Some(e) if e.status == ExportStatus::Gathering => return Err(Problem::from(RightsProblem::ExportNotReady)),
            Some(e) => e,
            None => return Err(Problem::not_found()),
        };
        let gathered = gathered(&app, &record).await?;
        let items = gathered
            .items
            .into_iter()
            .map(|i| ReviewItem {
                withheld: export.withheld.get(&i.item_id).map(|w| WithheldView {
                    reason: w.reason.clone(),
                    by: w.by_name.clone(),
                    at: w.at,
                }),
                lines: content::lines(&i.data)
                    .into_iter()
                    .take(content::LINES_PER_ITEM)
                    .map(|(label, text)| ReviewLine { label, text })
                    .collect(),
                media: i.media.len() as u32,
                kind_title: i.kind.title(),
                item_id: i.item_id,
                kind: i.kind,
                date: i.date,
                title: i.title,
                others: i.others,
            })
            .collect();
        audit(&record, AuditAction::RightsExportView).detail(format!("request {}", record.request_id)).log_read(&app, &auth).await?;
        let today = auth.setting().today(auth.now);
        Ok(auth.tag(http::ok(&ExportReview { request: view(&record, today), items })))
    })
    .await
}

/// An item withheld with the reason, or (no reason) released again.
#[derive(Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct WithholdItem {
    pub item_id: String,
    /// Why it is withheld (the person reads it); absent to release it again.
    #[schema(value_type = Option<String>)]
    pub reason: Option<FreeText>,
}

/// POST .../rights-requests/{requestId}/export/withhold
pub async fn withhold_item(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("rights-export-withhold", req, |req| async move {
        let (auth, mut record) = managed_request(&app, &req, "rights-export-withhold").await?;
        let body: WithholdItem = http::json_body(&req)?;
        let export = in_review(&record)?;
        let decided = export.withheld.contains_key(&body.item_id);
        if body.reason.is_some() && !decided && export.withheld.len() >= bounds::MAX_WITHHELD_ITEMS {
            return Err(Problem::invalid(format!("At most {} items can be withheld from one export", bounds::MAX_WITHHELD_ITEMS)));
        }
        // Only an item that was gathered can be withheld (released again: any decided one).
        if body.reason.is_some() && !gathered(&app, &record).await?.items.iter().any(|i| i.item_id == body.item_id) {
            return Err(Problem::invalid("itemId: no such item in the export"));
        }
        let expected = record.version;
        let (action, detail) = {
            let export = record.export.as_mut().ok_or_else(Problem::not_found)?;
            match &body.reason {
                Some(reason) => {
                    export.withheld.insert(
                        body.item_id.clone(),
                        WithheldItem { reason: reason.to_string(), by_name: auth.member().name.clone(), at: Timestamp::new(auth.now) },
                    );
                    (AuditAction::RightsExportWithhold, format!("request {}: {} withheld: {reason}", record.request_id, body.item_id))
                }
                None => {
                    if export.withheld.remove(&body.item_id).is_none() {
                        return Err(Problem::invalid("itemId: the item is not withheld"));
                    }
                    (AuditAction::RightsExportInclude, format!("request {}: {} released again", record.request_id, body.item_id))
                }
            }
        };
        record.version += 1;
        let today = auth.setting().today(auth.now);
        Commit::new(&app, &auth, audit(&record, action).detail(detail))
            .writes([app.store().put_versioned(to_item(&record), expected)])
            .answer(200, &view(&record, today), Some(record.version))
            .await
    })
    .await
}

/// POST .../rights-requests/{requestId}/export/release: what is not withheld is made into the
/// files in the background; the request is then answered and the person told. 202.
pub async fn release_export(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("rights-export-release", req, |req| async move {
        let (auth, mut record) = managed_request(&app, &req, "rights-export-release").await?;
        in_review(&record)?;
        let expected = record.version;
        let now = Timestamp::new(auth.now);
        let withheld = {
            let export = record.export.as_mut().ok_or_else(Problem::not_found)?;
            export.status = ExportStatus::Releasing;
            export.released = Some(RequestStep {
                by: auth.caller.user_id.clone(),
                by_name: auth.member().name.clone(),
                at: now,
                note: format!("{} items, {} withheld", export.items, export.withheld.len()),
            });
            export.withheld.len()
        };
        record.version += 1;
        let job = ExportJobRecord::new(&record.setting_id, &record.request_id, ExportStep::Release, now);
        let today = auth.setting().today(auth.now);
        Commit::new(
            &app,
            &auth,
            audit(&record, AuditAction::RightsExportRelease).detail(format!("request {}: {withheld} items withheld", record.request_id)),
        )
        .writes([app.store().put_versioned(to_item(&record), expected)])
        .write_or(app.store().put_new(to_item(&job)), Problem::from(RightsProblem::ExportInProgress))
        .answer(202, &view(&record, today), Some(record.version))
        .await
    })
    .await
}

/// Where to fetch the released files from, for a few minutes.
#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ExportDownload {
    pub url: String,
}

/// GET .../rights-requests/{requestId}/export/download?format=pdf|archive: the person who
/// asked in the app (still entitled to ask: a parent with parental responsibility for a
/// child's) or a manager.
pub async fn download_export(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("rights-export-download", req, |req| async move {
        let setting_id = http::path_id::<SettingId>(&req, "settingId")?;
        let request_id = http::path_param(&req, "requestId")?;
        let archive = match http::query_param(&req, "format").as_deref() {
            None | Some("pdf") => false,
            Some("archive") => true,
            Some(_) => return Err(Problem::invalid("format must be pdf or archive")),
        };
        let key = RightsRequestRecord::key(&setting_id, &request_id);
        let auth = authorize(&app, &req, "rights-export-download", Some(&setting_id), Action::ListDataRequests, std::slice::from_ref(&key))
            .await?;
        let record: RightsRequestRecord = auth.record(&key)?.ok_or_else(Problem::not_found)?;
        let auth = match &record.about {
            _ if auth.is_manager() => auth,
            _ if record.requester_id.as_ref() != Some(&auth.caller.user_id) => return Err(Problem::not_found()),
            // A child's data goes only to a parent who still has parental responsibility (a
            // second read, of the child, for them alone).
            RequestSubject::Child { child_id, .. } => {
                authorize_child(&app, &req, "rights-export-download", &setting_id, child_id, Action::AskAboutChild, &[]).await?
            }
            RequestSubject::Person { .. } => auth,
        };
        let Some(made) = record.export.as_ref().filter(|e| e.status == ExportStatus::Released).and_then(|e| e.made_at) else {
            return Err(Problem::from(RightsProblem::ExportNotReady));
        };
        if app.clock.now() > made.at() + time::Duration::days(KEPT_DAYS) {
            return Err(Problem::from(RightsProblem::ExportExpired));
        }
        let (object, content_type, file) = if archive {
            (record.export_object("your-data.zip"), "application/zip", "your-data.zip")
        } else {
            (record.export_object("your-data.pdf"), "application/pdf", "your-data.pdf")
        };
        let url = app.presigner().download_url(&object, content_type, &format!("attachment; filename=\"{file}\"")).await?;
        let what = if archive { "archive" } else { "pdf" };
        let children: Vec<ChildId> = about_children(&record);
        Audit::children(&setting_id, AuditAction::RightsExportDownload, children)
            .detail(format!("request {request_id} {what}"))
            .log_read(&app, &auth)
            .await?;
        Ok(auth.tag(http::ok(&ExportDownload { url })))
    })
    .await
}

#[cfg(test)]
mod tests;

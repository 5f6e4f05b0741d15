//! Data rights: a subject access request made in the app (by a parent about their child, or
//! by anyone about themselves) or logged by a manager when it came another way (email, letter,
//! in person). Each starts the legal clock: answered within a month of receipt, extendable
//! once, within that month and with a reason, by two more (`nestling_domain::rights`). The
//! managers are emailed at once and reminded a week before, on the day and when overdue
//! (`deadlines`); the person is told when it is extended and when it is answered. Every step is
//! in the access log.

pub mod deadlines;
pub mod erasure;
pub mod export;
pub mod problems;

use lambda_http::{Body, Request, Response};
use nestling_domain::rights::{self, ReceivedBy, RightsRequestKind, RightsRequestStatus};
use nestling_domain::{Action, ChildId, EmailAddress, FreeText, PersonName, SettingId, Timestamp};
use nestling_platform::access::{authorize, authorize_child, beside_authorisation, Authorized};
use nestling_platform::alerts::{manager_emails, managers_of, personal_email};
use nestling_platform::http::{self, ApiResult, Problem};
use nestling_platform::records::{ManagersRecord, RequestStep, RequestSubject, RightsRequestRecord};
use nestling_platform::store::{keys, to_item, Condition, Index, Query};
use nestling_platform::writes::{self, AuditAction};
use nestling_platform::{App, Audit, Commit};
pub use problems::RightsProblem;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// The requests a list shows, newest first.
pub const LISTED: usize = 100;
/// How far back a manager may date a request received another way.
pub const RECEIVED_DAYS_BACK: i64 = 92;

nestling_platform::routes! {
    "rights-request-child" => request_about_child,
    "rights-request-self" => request_about_self,
    "rights-requests-list" => list_requests,
    "rights-request-extend" => extend_request,
    "rights-request-answer" => answer_request,
    "rights-export-gather" => export::gather_export,
    "rights-export-get" => export::review_export,
    "rights-export-withhold" => export::withhold_item,
    "rights-export-release" => export::release_export,
    "rights-export-download" => export::download_export,
    "rights-erasure-approve" => erasure::approve_erasure,
}

/// A request: empty when made in the app by the person; a manager logging one received another
/// way says who made it, when and how.
#[derive(Deserialize, utoipa::ToSchema, Default)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NewRightsRequest {
    #[schema(value_type = Option<String>)]
    pub requester_name: Option<PersonName>,
    #[schema(value_type = Option<String>, format = Email)]
    pub requester_email: Option<EmailAddress>,
    /// YYYY-MM-DD, at most three months back; today by default.
    #[schema(format = Date)]
    pub received_on: Option<String>,
    pub received_by: Option<ReceivedBy>,
    /// A copy of everything held (the default), or erasure of a child's records.
    pub request_kind: Option<RightsRequestKind>,
}

/// A request as the screens show it.
#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct RightsRequestView {
    pub request_id: String,
    pub request_kind: RightsRequestKind,
    pub about: RequestSubject,
    pub requester_name: String,
    pub requester_email: Option<String>,
    #[schema(format = Date)]
    pub received_on: String,
    pub received_by: ReceivedBy,
    #[schema(format = Date)]
    pub due_on: String,
    /// Days until it is due (negative once overdue), while open.
    pub days_left: Option<i64>,
    pub extended: Option<StepView>,
    pub status: RightsRequestStatus,
    pub answered: Option<StepView>,
    /// The export of what is held, once gathered.
    pub export: Option<export::ExportView>,
    pub version: u64,
}

#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct StepView {
    pub by: String,
    #[schema(value_type = String)]
    pub at: Timestamp,
    pub note: String,
}

pub(crate) fn step_view(s: &RequestStep) -> StepView {
    StepView { by: s.by_name.clone(), at: s.at, note: s.note.clone() }
}

pub(crate) fn view(r: &RightsRequestRecord, today: time::Date) -> RightsRequestView {
    let due = parse_day(&r.due_on).ok();
    RightsRequestView {
        request_id: r.request_id.clone(),
        request_kind: r.request_kind,
        about: r.about.clone(),
        requester_name: r.requester_name.clone(),
        requester_email: r.requester_email.clone(),
        received_on: r.received_on.clone(),
        received_by: r.received_by,
        due_on: r.due_on.clone(),
        days_left: due.filter(|_| r.status == RightsRequestStatus::Open).map(|d| (d - today).whole_days()),
        extended: r.extended.as_ref().map(step_view),
        status: r.status,
        answered: r.answered.as_ref().map(step_view),
        export: r.export.as_ref().map(export::export_view),
        version: r.version,
    }
}

fn parse_day(text: &str) -> ApiResult<time::Date> {
    time::Date::parse(text, &time::format_description::well_known::Iso8601::DATE)
        .map_err(|_| Problem::invalid("receivedOn must be a date (YYYY-MM-DD)"))
}

/// POST /v1/settings/{settingId}/children/{childId}/rights-requests: everything held about a
/// child, asked for by a parent with parental responsibility, or logged by a manager.
pub async fn request_about_child(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("rights-request-child", req, |req| async move {
        let setting_id = http::path_id::<SettingId>(&req, "settingId")?;
        let child_id = http::path_id::<ChildId>(&req, "childId")?;
        let managers = ManagersRecord::key(&setting_id);
        let auth = authorize_child(
            &app,
            &req,
            "rights-request-child",
            &setting_id,
            &child_id,
            Action::AskAboutChild,
            std::slice::from_ref(&managers),
        )
        .await?;
        let body: NewRightsRequest = http::json_body(&req)?;
        // A manager reaches every child's records already: about a child they log the request
        // of the person who made it.
        if auth.is_manager() && body.requester_name.is_none() {
            return Err(Problem::invalid("requesterName: a manager logs the request of the person who made it"));
        }
        let child = auth.child();
        let about = RequestSubject::Child { child_id: child_id.clone(), name: format!("{} {}", child.first_name, child.last_name) };
        make(&app, &auth, about, vec![child_id.clone()], body).await
    })
    .await
}

/// POST /v1/settings/{settingId}/rights-requests: everything held about oneself; a manager
/// may instead log one a person made another way (naming them).
pub async fn request_about_self(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("rights-request-self", req, |req| async move {
        let setting_id = http::path_id::<SettingId>(&req, "settingId")?;
        let managers = ManagersRecord::key(&setting_id);
        let auth =
            authorize(&app, &req, "rights-request-self", Some(&setting_id), Action::AskAboutSelf, std::slice::from_ref(&managers)).await?;
        let body: NewRightsRequest = http::json_body(&req)?;
        let about = match &body.requester_name {
            Some(name) => RequestSubject::Person { user_id: None, name: name.to_string() },
            None => RequestSubject::Person { user_id: Some(auth.caller.user_id.clone()), name: auth.member().name.clone() },
        };
        make(&app, &auth, about, Vec::new(), body).await
    })
    .await
}

/// The request written with its access-log line, the managers' emails and, when the person
/// has an address, their acknowledgement with the date it will be answered by.
async fn make(
    app: &App,
    auth: &Authorized,
    about: RequestSubject,
    children: Vec<ChildId>,
    body: NewRightsRequest,
) -> ApiResult<Response<Body>> {
    let setting = auth.setting();
    let today = setting.today(auth.now);
    let logged =
        body.requester_name.is_some() || body.received_on.is_some() || body.received_by.is_some() || body.requester_email.is_some();
    let (requester_id, requester_name, requester_email, received, received_by) = if logged {
        if !auth.is_manager() {
            return Err(Problem::forbidden());
        }
        let Some(name) = body.requester_name else { return Err(Problem::invalid("requesterName: who made the request")) };
        let received = match body.received_on.as_deref() {
            Some(day) => parse_day(day)?,
            None => today,
        };
        if received > today || received < today - time::Duration::days(RECEIVED_DAYS_BACK) {
            return Err(Problem::invalid("receivedOn must be today or within the last three months"));
        }
        let by = body.received_by.unwrap_or(ReceivedBy::Email);
        if by == ReceivedBy::App {
            return Err(Problem::invalid("receivedBy: a request made in the app is made by the person"));
        }
        (None, name.to_string(), body.requester_email.map(|e| e.as_str().to_string()), received, by)
    } else {
        let member = auth.member();
        (Some(auth.caller.user_id.clone()), member.name.clone(), Some(member.email.clone()), today, ReceivedBy::App)
    };
    let request_kind = body.request_kind.unwrap_or(RightsRequestKind::Access);
    if request_kind == RightsRequestKind::Erasure && matches!(about, RequestSubject::Person { .. }) {
        return Err(Problem::invalid("requestKind: an erasure request is about a child's records"));
    }
    let due = rights::due_on(received, false);
    let request_id = app.new_sortable_id();
    let key = RightsRequestRecord::key(&setting.setting_id, &request_id);
    let (gsi1pk, gsi1sk) = RightsRequestRecord::due_index(&setting.setting_id, &request_id, due);
    let record = RightsRequestRecord {
        pk: key.pk.clone(),
        sk: key.sk.clone(),
        gsi1pk: Some(gsi1pk),
        gsi1sk: Some(gsi1sk),
        kind: "rights-request".into(),
        setting_id: setting.setting_id.clone(),
        request_id: request_id.clone(),
        request_kind,
        about,
        requester_id,
        requester_name,
        requester_email,
        received_on: received.to_string(),
        received_by,
        due_on: due.to_string(),
        extended: None,
        status: RightsRequestStatus::Open,
        answered: None,
        logged_by: auth.caller.user_id.clone(),
        created_at: Timestamp::new(auth.now),
        export: None,
        version: 1,
    };
    let managers_key = ManagersRecord::key(&setting.setting_id);
    let managers = managers_of(auth.item(&managers_key), &setting.setting_id)?;
    let whom = subject_words(&record.about);
    let text = format!(
        "{} asked {} {} (a{}), received on {received}.\n\nThe law gives one month: answer by {due}. It can be extended once, within that month and with a reason, by two more months. Nestling will remind you a week before, on the day and if it is overdue.",
        record.requester_name,
        setting.name,
        match request_kind {
            RightsRequestKind::Access => format!("for everything it holds about {whom}"),
            RightsRequestKind::Erasure => format!("to erase what it holds about {whom}"),
        },
        match request_kind {
            RightsRequestKind::Access => " subject access request",
            RightsRequestKind::Erasure => "n erasure request: what the law does not require you to keep is erased once you approve it",
        }
    );
    let mut writes_ = vec![app.store().put_new(to_item(&record))];
    for (user_id, email) in
        manager_emails(&managers, &format!("Subject access request: answer by {due}"), &text, "rights-request", &setting.setting_id)
    {
        writes_.push(writes::outbox_with_id(app, &format!("rights-{request_id}-made-{user_id}"), email));
    }
    if let Some(address) = &record.requester_email {
        let ack = format!(
            "{} received your request, on {received}, for everything it holds about {}. The law gives the setting one month to answer: by {due}. You will be emailed when it is answered.",
            setting.name,
            if record.requester_id.is_some() && matches!(record.about, RequestSubject::Person { .. }) { "you".to_string() } else { whom.clone() }
        );
        writes_.push(writes::outbox(
            app,
            personal_email(
                address,
                &record.requester_name,
                "Your request for your data was received",
                &ack,
                "rights-request",
                &setting.setting_id,
            ),
        ));
    }
    let audit = Audit::children(&setting.setting_id, AuditAction::RightsRequestMade, children)
        .detail(format!("request {request_id}: about {whom}, due {due}"));
    Commit::new(app, auth, audit).writes(writes_).answer(201, &view(&record, today), Some(1)).await
}

fn subject_words(about: &RequestSubject) -> String {
    match about {
        RequestSubject::Child { name, .. } => name.clone(),
        RequestSubject::Person { name, .. } => name.clone(),
    }
}

#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct RightsRequestPage {
    pub items: Vec<RightsRequestView>,
}

/// GET /v1/settings/{settingId}/rights-requests: the managers see every request of the
/// setting, anyone else their own; newest first.
pub async fn list_requests(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("rights-requests-list", req, |req| async move {
        let setting_id = http::path_id::<SettingId>(&req, "settingId")?;
        let caller = http::caller(&req)?;
        // Both pages beside the authorisation (one round trip): every request, for a manager,
        // and the caller's own; which is shown is decided once the role is known.
        let every = Query::partition(Index::Table, keys::setting(&setting_id)).prefix(keys::RIGHTS_PREFIX).newest_first(true).limit(LISTED);
        let own = every.clone().filter(Some(Condition::eq("requesterId", caller.user_id.as_str())));
        let pages = async {
            let (every, own) = tokio::join!(
                app.store().page_as::<RightsRequestRecord>(every, None),
                app.store().page_as::<RightsRequestRecord>(own, None)
            );
            Ok::<_, nestling_platform::store::QueryError>((every?, own?))
        };
        let (auth, (every, own)) =
            beside_authorisation(authorize(&app, &req, "rights-requests-list", Some(&setting_id), Action::ListDataRequests, &[]), pages)
                .await?;
        let page = if auth.is_manager() { every } else { own };
        let children: Vec<ChildId> = page
            .items
            .iter()
            .filter_map(|r| match &r.about {
                RequestSubject::Child { child_id, .. } => Some(child_id.clone()),
                RequestSubject::Person { .. } => None,
            })
            .collect();
        Audit::children(&setting_id, AuditAction::RightsRequestsView, children).log_read(&app, &auth).await?;
        let today = auth.setting().today(auth.now);
        Ok(auth.tag(http::ok(&RightsRequestPage { items: page.items.iter().map(|r| view(r, today)).collect() })))
    })
    .await
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RequestNote {
    /// Why it is extended, or how it was answered.
    #[schema(value_type = String)]
    pub note: FreeText,
}

/// The open request of the path, read with the authorisation.
pub(crate) async fn open_request(app: &App, req: &Request, route: &str) -> ApiResult<(Authorized, RightsRequestRecord, RequestNote)> {
    let setting_id = http::path_id::<SettingId>(req, "settingId")?;
    let request_id = http::path_param(req, "requestId")?;
    let key = RightsRequestRecord::key(&setting_id, &request_id);
    let auth = authorize(app, req, route, Some(&setting_id), Action::ManageDataRequests, std::slice::from_ref(&key)).await?;
    let record: RightsRequestRecord = auth.record(&key)?.ok_or_else(Problem::not_found)?;
    let body: RequestNote = http::json_body(req)?;
    if record.status == RightsRequestStatus::Answered {
        return Err(Problem::from(RightsProblem::AlreadyAnswered));
    }
    Ok((auth, record, body))
}

pub(crate) fn about_children(r: &RightsRequestRecord) -> Vec<ChildId> {
    match &r.about {
        RequestSubject::Child { child_id, .. } => vec![child_id.clone()],
        RequestSubject::Person { .. } => Vec::new(),
    }
}

/// POST .../rights-requests/{requestId}/extend: once, within the first month, with the reason
/// the person is told.
pub async fn extend_request(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("rights-request-extend", req, |req| async move {
        let (auth, mut record, body) = open_request(&app, &req, "rights-request-extend").await?;
        if record.extended.is_some() {
            return Err(Problem::from(RightsProblem::AlreadyExtended));
        }
        let today = auth.setting().today(auth.now);
        let received = parse_day(&record.received_on)?;
        if !rights::may_extend(received, today) {
            return Err(Problem::from(RightsProblem::TooLateToExtend));
        }
        let due = rights::due_on(received, true);
        let expected = record.version;
        record.extended = Some(RequestStep {
            by: auth.caller.user_id.clone(),
            by_name: auth.member().name.clone(),
            at: Timestamp::new(auth.now),
            note: body.note.to_string(),
        });
        record.due_on = due.to_string();
        let (gsi1pk, gsi1sk) = RightsRequestRecord::due_index(&record.setting_id, &record.request_id, due);
        (record.gsi1pk, record.gsi1sk) = (Some(gsi1pk), Some(gsi1sk));
        record.version += 1;
        let mut batch = vec![app.store().put_versioned(to_item(&record), expected)];
        if let Some(address) = &record.requester_email {
            let text = format!(
                "{} needs more time to answer your request of {}: it will answer by {due}.\n\nWhy: {}",
                auth.setting().name,
                record.received_on,
                body.note
            );
            batch.push(writes::outbox(
                app.as_ref(),
                personal_email(
                    address,
                    &record.requester_name,
                    "Your request for your data: more time needed",
                    &text,
                    "rights-request",
                    &record.setting_id,
                ),
            ));
        }
        let audit = Audit::children(&record.setting_id, AuditAction::RightsRequestExtended, about_children(&record))
            .detail(format!("request {}: due {due}", record.request_id));
        Commit::new(&app, &auth, audit).writes(batch).answer(200, &view(&record, today), Some(record.version)).await
    })
    .await
}

/// POST .../rights-requests/{requestId}/answer: the request was answered (how, in the note);
/// the clock stops and the person is told.
pub async fn answer_request(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("rights-request-answer", req, |req| async move {
        let (auth, mut record, body) = open_request(&app, &req, "rights-request-answer").await?;
        let today = auth.setting().today(auth.now);
        let expected = record.version;
        record.answered = Some(RequestStep {
            by: auth.caller.user_id.clone(),
            by_name: auth.member().name.clone(),
            at: Timestamp::new(auth.now),
            note: body.note.to_string(),
        });
        record.status = RightsRequestStatus::Answered;
        (record.gsi1pk, record.gsi1sk) = (None, None);
        record.version += 1;
        let mut batch = vec![app.store().put_versioned(to_item(&record), expected)];
        if let Some(address) = &record.requester_email {
            let text = format!("{} has answered your request of {}:\n\n{}", auth.setting().name, record.received_on, body.note);
            batch.push(writes::outbox(
                app.as_ref(),
                personal_email(
                    address,
                    &record.requester_name,
                    "Your request for your data was answered",
                    &text,
                    "rights-request",
                    &record.setting_id,
                ),
            ));
        }
        let on_time = parse_day(&record.due_on).map(|d| today <= d).unwrap_or(true);
        let audit = Audit::children(&record.setting_id, AuditAction::RightsRequestAnswered, about_children(&record)).detail(format!(
            "request {}: answered {}",
            record.request_id,
            if on_time { "on time" } else { "late" }
        ));
        Commit::new(&app, &auth, audit).writes(batch).answer(200, &view(&record, today), Some(record.version)).await
    })
    .await
}

#[cfg(test)]
mod tests;

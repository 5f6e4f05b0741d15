//! Sessions and bookings: a manager sets up the sessions the setting sells, its terms and
//! closures, each room's capacity and the notice a change needs, and gives each child a
//! regular weekly pattern. A family asks for an extra session or a cancellation: with the
//! notice and (for an extra) room at that time it is booked at once, otherwise it waits for a
//! manager, who approves or declines it and the family is told. What a child is booked into is
//! what the register expects. The rules are `nestling_domain::bookings`; every change and every
//! read of a child's bookings is in the access log.

pub mod funding;
pub mod headcount;
pub mod invoices;
pub mod overdue;
pub mod problems;
pub mod staffing;

use lambda_http::{Body, Request, Response};
use nestling_domain::bookings::{
    self, ChangeKind, ChangeStatus, ClockTime, Closure, Day, Opening, Outcome, Pattern, Price, Setup, Source, Term,
};
use nestling_domain::{Action, BookingRequestId, ChildId, RoomId, SessionName, SessionTypeId, SettingId, Timestamp};
use nestling_platform::access::{authorize, authorize_child, beside_authorisation, Authorized};
use nestling_platform::alerts::personal_email;
use nestling_platform::concurrency::{with_retries, Retry};
use nestling_platform::http::{self, ApiResult, Problem};
use nestling_platform::records::{
    BookingChangeRecord, BookingDayRecord, BookingDecision, BookingSetupRecord, ChildRecord, RosterRecord, UserRecord,
};
use nestling_platform::store::{keys, to_item, Index, Path, Query, Write};
use nestling_platform::writes::{self, AuditAction};
use nestling_platform::{App, Audit, Commit};
pub use problems::BookingsProblem;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::Arc;

nestling_platform::routes! {
    "booking-setup-get" => get_setup,
    "booking-setup-set" => set_setup,
    "booking-pattern-set" => set_pattern,
    "bookings-get" => get_bookings,
    "booking-request" => request_change,
    "booking-requests-list" => list_waiting,
    "booking-request-decide" => decide_request,
    "staffing-get" => staffing::get_staffing,
    "rota-set" => staffing::set_rota,
    "funding-get" => funding::get_funding,
    "funding-set" => funding::set_funding,
    "billing-get" => invoices::get_billing,
    "billing-set" => invoices::set_billing,
    "invoices-month" => invoices::month_invoices,
    "invoices-issue" => invoices::issue_month,
    "my-invoices" => invoices::my_invoices,
    "invoice-get" => invoices::get_invoice,
    "invoice-pdf" => invoices::invoice_pdf,
    "invoice-correct" => invoices::correct_invoice,
    "payment-record" => invoices::record_payment,
    "statement-get" => invoices::get_statement,
    "funding-headcount" => headcount::get_headcount,
}

/// Days with requests waiting that the managers' list shows, soonest first.
pub const WAITING_DAYS_LISTED: usize = 60;

/// The setting's setup as stored, if a manager has saved one.
pub(crate) fn stored_setup(auth: &Authorized, setting_id: &SettingId) -> ApiResult<Option<BookingSetupRecord>> {
    Ok(auth.record::<BookingSetupRecord>(&BookingSetupRecord::key(setting_id))?)
}

pub(crate) fn roster_of(auth: &Authorized, setting_id: &SettingId) -> ApiResult<RosterRecord> {
    Ok(auth.record::<RosterRecord>(&RosterRecord::key(setting_id))?.unwrap_or_else(|| RosterRecord::empty(setting_id)))
}

fn day_of(auth: &Authorized, setting_id: &SettingId, day: Day) -> ApiResult<BookingDayRecord> {
    let date = day.to_string();
    Ok(auth
        .record::<BookingDayRecord>(&BookingDayRecord::key(setting_id, &date))?
        .unwrap_or_else(|| BookingDayRecord::empty(setting_id, &date)))
}

pub(crate) fn today_of(auth: &Authorized) -> Day {
    Day::new(auth.setting().today(auth.now))
}

/// Writes the record at its next version, conditioned on the one it was read at (a new one
/// must still be new).
fn save_day(app: &App, day: &mut BookingDayRecord) -> Write {
    let expected = day.version;
    day.version += 1;
    day.index_waiting();
    app.store().put_after(to_item(day), expected)
}

// ---------------------------------------------------------------------------------------------
// The setup

/// The setting's sessions, calendar, capacities and notice, with the version to send back.
#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct SetupView {
    pub setup: Setup,
    /// 0 until a manager first saves it.
    pub version: u64,
}

/// GET /v1/settings/{settingId}/booking-setup: every member (families book from it).
pub async fn get_setup(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("booking-setup-get", req, |req| async move {
        let setting_id = http::path_id::<SettingId>(&req, "settingId")?;
        let auth = authorize(
            &app,
            &req,
            "booking-setup-get",
            Some(&setting_id),
            Action::ViewBookingSetup,
            &[BookingSetupRecord::key(&setting_id)],
        )
        .await?;
        let view = match stored_setup(&auth, &setting_id)? {
            Some(r) => SetupView { setup: r.setup, version: r.version },
            None => SetupView { setup: Setup::default(), version: 0 },
        };
        Ok(auth.tag(http::with_version(200, &view, view.version)))
    })
    .await
}

/// A session type as a manager sends it: a new one has no id yet.
#[derive(Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NewSessionType {
    pub session_type_id: Option<String>,
    #[schema(value_type = String)]
    pub name: SessionName,
    #[schema(value_type = String, example = "08:00")]
    pub starts: ClockTime,
    #[schema(value_type = String, example = "13:00")]
    pub ends: ClockTime,
    pub price: Price,
    /// The rooms it is offered in; every room when empty.
    #[serde(default)]
    pub rooms: Vec<String>,
}

/// The whole setup, replaced at once (with If-Match: the version read, 0 for the first).
#[derive(Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NewSetup {
    pub sessions: Vec<NewSessionType>,
    #[serde(default)]
    pub term_time_only: bool,
    #[serde(default)]
    pub terms: Vec<Term>,
    #[serde(default)]
    pub closures: Vec<Closure>,
    /// Children each room may hold at once, by room id.
    #[serde(default)]
    pub capacities: BTreeMap<String, u32>,
    #[serde(default)]
    pub notice_days: u8,
    /// What the setting offers besides sessions, which families may opt into.
    #[serde(default)]
    pub extras: Vec<NewExtra>,
    /// Whether invoices charge the sessions booked (the default) or those attended.
    #[serde(default)]
    pub invoice_from: nestling_domain::invoicing::InvoiceBasis,
}

/// An extra as a manager sends it: a new one has no id yet.
#[derive(Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NewExtra {
    pub extra_id: Option<String>,
    /// `food`, `consumables` or `activities`.
    pub kind: nestling_domain::billing::LineKind,
    #[schema(value_type = String)]
    pub name: SessionName,
    pub pence: u32,
    pub days: Vec<nestling_domain::staffing::WorkDay>,
}

/// PUT /v1/settings/{settingId}/booking-setup (managers, If-Match): replaces the setup. Rooms
/// must be the setting's; a session a child's pattern still uses cannot be removed (409).
pub async fn set_setup(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("booking-setup-set", req, |req| async move {
        let setting_id = http::path_id::<SettingId>(&req, "settingId")?;
        let extra = [BookingSetupRecord::key(&setting_id), RosterRecord::key(&setting_id)];
        let auth = authorize(&app, &req, "booking-setup-set", Some(&setting_id), Action::ManageBookings, &extra).await?;
        let body: NewSetup = http::json_body(&req)?;
        let expected = http::if_match(&req)?;
        let current = stored_setup(&auth, &setting_id)?;
        if current.as_ref().map_or(0, |c| c.version) != expected {
            return Err(BookingsProblem::StaleSetup.into());
        }
        let roster = roster_of(&auth, &setting_id)?;
        let room = |raw: &str| -> ApiResult<RoomId> {
            let id: RoomId = http::body_id("roomId", raw)?;
            if !roster.rooms.contains_key(&id) {
                return Err(Problem::invalid(format!("the setting has no room {raw}")));
            }
            Ok(id)
        };
        let mut sessions = Vec::with_capacity(body.sessions.len());
        for s in body.sessions {
            let session_type_id: SessionTypeId = match &s.session_type_id {
                Some(raw) => {
                    let id = http::body_id("sessionTypeId", raw)?;
                    if current.as_ref().and_then(|c| c.setup.session(raw)).is_none() {
                        return Err(Problem::invalid(format!("the setting has no session {raw}; leave the id out for a new one")));
                    }
                    id
                }
                None => app.new_id(),
            };
            let rooms = s.rooms.iter().map(|r| room(r)).collect::<ApiResult<Vec<_>>>()?;
            sessions.push(bookings::SessionType { session_type_id, name: s.name, starts: s.starts, ends: s.ends, price: s.price, rooms });
        }
        let capacities = body.capacities.iter().map(|(r, c)| Ok((room(r)?, *c))).collect::<ApiResult<BTreeMap<_, _>>>()?;
        let mut extras = Vec::with_capacity(body.extras.len());
        for e in body.extras {
            let extra_id: nestling_domain::ExtraId = match &e.extra_id {
                Some(raw) => {
                    let id = http::body_id("extraId", raw)?;
                    if !current.as_ref().is_some_and(|c| c.setup.extras.iter().any(|x| x.extra_id == id)) {
                        return Err(Problem::invalid(format!("the setting has no extra {raw}; leave the id out for a new one")));
                    }
                    id
                }
                None => app.new_id(),
            };
            extras.push(nestling_domain::invoicing::ExtraOffer { extra_id, kind: e.kind, name: e.name, pence: e.pence, days: e.days });
        }
        let setup = Setup {
            extras,
            sessions,
            term_time_only: body.term_time_only,
            terms: body.terms,
            closures: body.closures,
            capacities,
            notice_days: body.notice_days,
            invoice_from: body.invoice_from,
        }
        .checked()
        .map_err(|e| Problem::invalid(e.to_string()))?;
        // A pattern naming a session that is no longer sold would silently book nothing.
        let in_use = roster
            .children
            .values()
            .flat_map(|entry| entry.booking_patterns.iter())
            .flat_map(|p| p.week.days().into_iter().flatten())
            .find(|id| setup.session(id.as_str()).is_none());
        if let Some(id) = in_use {
            let name = current.as_ref().and_then(|c| c.setup.session(id.as_str())).map(|s| s.name.to_string()).unwrap_or_default();
            return Err(Problem::from(BookingsProblem::SessionInUse).with_detail(format!("\"{name}\" is in a child's pattern")));
        }
        let record = BookingSetupRecord {
            pk: keys::setting(&setting_id),
            sk: keys::BOOKING_SETUP.into(),
            kind: "booking-setup".into(),
            setting_id: setting_id.clone(),
            setup,
            updated_by: auth.caller.user_id.clone(),
            updated_at: Timestamp::new(auth.now),
            version: expected + 1,
        };
        let write = app.store().put_after(to_item(&record), expected);
        let detail = format!(
            "{} sessions, {} terms, {} closures, notice {} days",
            record.setup.sessions.len(),
            record.setup.terms.len(),
            record.setup.closures.len(),
            record.setup.notice_days
        );
        let view = SetupView { setup: record.setup.clone(), version: record.version };
        Commit::new(&app, &auth, Audit::of(&setting_id, AuditAction::BookingSetupSet, format!("setting:{setting_id}")).detail(detail))
            .write(write)
            .on_conflict(|_| BookingsProblem::StaleSetup.into())
            .answer(200, &view, Some(view.version))
            .await
    })
    .await
}

// ---------------------------------------------------------------------------------------------
// A child's pattern

/// A child's patterns, oldest first.
#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct PatternsView {
    #[schema(value_type = String)]
    pub child_id: ChildId,
    pub patterns: Vec<Pattern>,
    pub version: u64,
}

/// PUT /v1/settings/{settingId}/children/{childId}/booking-pattern (managers): the child's
/// regular week from a start date (today or later), replacing any pattern from that day on.
pub async fn set_pattern(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("booking-pattern-set", req, |req| async move {
        let setting_id = http::path_id::<SettingId>(&req, "settingId")?;
        let child_id = http::path_id::<ChildId>(&req, "childId")?;
        let extra = [BookingSetupRecord::key(&setting_id)];
        let auth = authorize_child(&app, &req, "booking-pattern-set", &setting_id, &child_id, Action::SetBookingPattern, &extra).await?;
        let body: Pattern = http::json_body(&req)?;
        let setup = stored_setup(&auth, &setting_id)?.ok_or(BookingsProblem::NoSessions)?.setup;
        let mut child: ChildRecord = auth.child().clone();
        child.booking_patterns = bookings::with_pattern(&setup, &child.room_id, &child.booking_patterns, body.clone(), today_of(&auth))
            .map_err(|e| Problem::invalid(e.to_string()))?;
        let expected = child.version;
        child.version += 1;
        child.updated_at = Timestamp::new(auth.now);
        let days: Vec<String> = ["Mon", "Tue", "Wed", "Thu", "Fri"]
            .iter()
            .zip(body.week.days())
            .filter(|(_, ids)| !ids.is_empty())
            .map(|(d, ids)| {
                format!(
                    "{d} {}",
                    ids.iter().filter_map(|id| setup.session(id.as_str())).map(|s| s.name.to_string()).collect::<Vec<_>>().join("+")
                )
            })
            .collect();
        let detail = format!("from {}: {}", body.starts, if days.is_empty() { "no sessions".into() } else { days.join(", ") });
        // The roster's copy is what the capacity check and the register read for every child.
        let roster = app.store().change(
            &RosterRecord::key(&setting_id),
            nestling_platform::store::Change::new().set(Path::new("children").key(child_id.as_str()), &child.summary()).on_existing(),
        );
        let view = PatternsView { child_id: child_id.clone(), patterns: child.booking_patterns.clone(), version: child.version };
        Commit::new(&app, &auth, Audit::child(&setting_id, AuditAction::BookingPatternSet, &child_id).detail(detail))
            .write(app.store().put_versioned(to_item(&child), expected))
            .write(roster)
            .answer(200, &view, Some(view.version))
            .await
    })
    .await
}

// ---------------------------------------------------------------------------------------------
// A child's bookings

/// A session as a day shows it.
#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct BookedSession {
    #[schema(value_type = String)]
    pub session_type_id: SessionTypeId,
    pub name: String,
    pub starts: String,
    pub ends: String,
    pub source: Source,
}

/// A change asked for, and where it stands.
#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ChangeView {
    #[schema(value_type = String)]
    pub request_id: BookingRequestId,
    #[schema(value_type = String)]
    pub child_id: ChildId,
    #[schema(format = Date)]
    pub date: String,
    pub change: ChangeKind,
    #[schema(value_type = String)]
    pub session_type_id: SessionTypeId,
    pub session_name: String,
    pub status: ChangeStatus,
    pub outcome: Outcome,
    pub requested_by_name: String,
    #[schema(value_type = String, format = DateTime)]
    pub requested_at: Timestamp,
    pub decided_by_name: Option<String>,
    #[schema(value_type = Option<String>, format = DateTime)]
    pub decided_at: Option<Timestamp>,
    pub note: Option<String>,
}

fn change_view(setup: &Setup, date: &str, c: &BookingChangeRecord) -> ChangeView {
    ChangeView {
        request_id: c.request_id.clone(),
        child_id: c.child_id.clone(),
        date: date.into(),
        change: c.change,
        session_type_id: c.session_type_id.clone(),
        session_name: setup
            .session(c.session_type_id.as_str())
            .map(|s| s.name.to_string())
            .unwrap_or_else(|| c.session_type_id.to_string()),
        status: c.status,
        outcome: c.outcome,
        requested_by_name: c.requested_by_name.clone(),
        requested_at: c.requested_at,
        decided_by_name: c.decided.as_ref().map(|d| d.by_name.clone()),
        decided_at: c.decided.as_ref().map(|d| d.at),
        note: c.decided.as_ref().map(|d| d.note.clone()).filter(|n| !n.is_empty()),
    }
}

/// One day of a child's month.
#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct BookingDayView {
    #[schema(format = Date)]
    pub date: String,
    pub opening: Opening,
    pub sessions: Vec<BookedSession>,
    /// The changes asked for this day, in the order they were asked.
    pub changes: Vec<ChangeView>,
}

/// A child's bookings for one month.
#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ChildBookingsView {
    #[schema(value_type = String)]
    pub child_id: ChildId,
    /// YYYY-MM.
    pub month: String,
    pub days: Vec<BookingDayView>,
    /// The sessions offered in the child's room, for asking for an extra.
    pub offered: Vec<bookings::SessionType>,
    pub patterns: Vec<Pattern>,
    pub notice_days: u8,
    #[schema(format = Date)]
    pub today: String,
}

fn booked_session((s, source): (&bookings::SessionType, Source)) -> BookedSession {
    BookedSession {
        session_type_id: s.session_type_id.clone(),
        name: s.name.to_string(),
        starts: s.starts.to_string(),
        ends: s.ends.to_string(),
        source,
    }
}

/// The changes of each day of the month that starts on `first`, by date.
async fn month_of_changes(app: &App, setting_id: &SettingId, first: Day) -> Result<BTreeMap<String, BookingDayRecord>, Problem> {
    let month = &first.to_string()[..7];
    let query = Query::partition(Index::Table, keys::setting(setting_id)).prefix(keys::booking_day(month)).limit(31);
    Ok(app.store().every_as::<BookingDayRecord>(query).await?.into_iter().map(|d| (d.date.clone(), d)).collect())
}

/// The first day of the month `raw` names (YYYY-MM).
fn month_start(raw: &str) -> ApiResult<Day> {
    Day::parse(&format!("{raw}-01")).map_err(|_| Problem::invalid("month must be a month (YYYY-MM)"))
}

/// GET /v1/settings/{settingId}/children/{childId}/bookings?month=YYYY-MM: staff, and the
/// child's parents. Each day of the month with what the child is booked into and every change
/// asked for. Logged as a read of the child's records.
pub async fn get_bookings(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("bookings-get", req, |req| async move {
        let setting_id = http::path_id::<SettingId>(&req, "settingId")?;
        let child_id = http::path_id::<ChildId>(&req, "childId")?;
        let extra = [BookingSetupRecord::key(&setting_id)];
        // The month's days are read beside the authorisation: the month asked for, or this
        // one (by UTC; read again in the rare hour the setting's own date is in another month).
        let asked = http::query_param(&req, "month").map(|raw| month_start(&raw)).transpose()?;
        let guess = asked.unwrap_or_else(|| Day::new(app.clock.now().date().replace_day(1).expect("the first exists")));
        let (auth, mut changed) = beside_authorisation(
            authorize_child(&app, &req, "bookings-get", &setting_id, &child_id, Action::ViewBookings, &extra),
            month_of_changes(&app, &setting_id, guess),
        )
        .await?;
        let today = today_of(&auth);
        let first = asked.unwrap_or_else(|| Day::new(today.date().replace_day(1).expect("the first exists")));
        if first != guess {
            changed = month_of_changes(&app, &setting_id, first).await?;
        }
        let month = first.to_string()[..7].to_string();
        let setup = stored_setup(&auth, &setting_id)?.map(|r| r.setup).unwrap_or_default();
        let child = auth.child();
        let mut days = Vec::new();
        let mut day = first;
        while day.date().month() == first.date().month() {
            let date = day.to_string();
            let record = changed.get(&date);
            let changes = record.map(|r| r.changes_of(&child_id)).unwrap_or_default();
            days.push(BookingDayView {
                date: date.clone(),
                opening: setup.opening(day),
                sessions: bookings::booked_on(&setup, &child.booking_patterns, &changes, day).into_iter().map(booked_session).collect(),
                changes: record
                    .map(|r| r.changes.iter().filter(|c| c.child_id == child_id).map(|c| change_view(&setup, &date, c)).collect())
                    .unwrap_or_default(),
            });
            day = day.plus_days(1);
        }
        Audit::child(&setting_id, AuditAction::BookingsView, &child_id).detail(month.clone()).log_read(&app, &auth).await?;
        let view = ChildBookingsView {
            child_id: child_id.clone(),
            month,
            days,
            offered: setup.sessions.iter().filter(|s| s.offered_in(&child.room_id)).cloned().collect(),
            patterns: child.booking_patterns.clone(),
            notice_days: setup.notice_days,
            today: today.to_string(),
        };
        Ok(auth.tag(http::ok(&view)))
    })
    .await
}

// ---------------------------------------------------------------------------------------------
// Asking for a change

/// An extra session or a cancellation, for one day.
#[derive(Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NewChange {
    #[schema(value_type = String, format = Date)]
    pub date: Day,
    pub session_type_id: String,
    pub change: ChangeKind,
}

/// POST /v1/settings/{settingId}/children/{childId}/booking-requests: a parent with parental
/// responsibility, or a manager for the family. 201 with `status` booked (at once) or pending
/// (a manager decides: short notice, a full room or none recorded). A manager's own change is
/// booked at once.
pub async fn request_change(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("booking-request", req, |req| async move { with_retries(|| try_request_change(&app, &req)).await }).await
}

async fn try_request_change(app: &App, req: &Request) -> Result<Response<Body>, Retry> {
    let setting_id = http::path_id::<SettingId>(req, "settingId")?;
    let child_id = http::path_id::<ChildId>(req, "childId")?;
    // The day's item is read with the authorisation when the body names a day.
    let body = http::json_body::<NewChange>(req);
    let mut extra = vec![BookingSetupRecord::key(&setting_id), RosterRecord::key(&setting_id)];
    if let Ok(b) = &body {
        extra.push(BookingDayRecord::key(&setting_id, &b.date.to_string()));
    }
    let auth = authorize_child(app, req, "booking-request", &setting_id, &child_id, Action::RequestBooking, &extra).await?;
    let body = body?;
    if let Some(answer) = writes::replay_logged(app, &auth, &setting_id, AuditAction::BookingReplay, vec![child_id.clone()]).await? {
        return Ok(auth.tag(answer));
    }
    let setup = stored_setup(&auth, &setting_id)?.ok_or(Problem::from(BookingsProblem::NoSessions))?.setup;
    let Some(session) = setup.session(&body.session_type_id) else {
        return Err(Problem::invalid(bookings::RequestRefusal::UnknownSession.to_string()).into());
    };
    let roster = roster_of(&auth, &setting_id)?;
    let mut day = day_of(&auth, &setting_id, body.date)?;
    let child = auth.child();
    let already_waiting = day.changes.iter().any(|c| {
        c.child_id == child_id
            && c.session_type_id == session.session_type_id
            && c.change == body.change
            && c.status == ChangeStatus::Pending
    });
    if already_waiting {
        return Err(Problem::from(BookingsProblem::RequestWaiting).into());
    }
    if day.changes.len() >= nestling_domain::bounds::MAX_BOOKING_CHANGES_PER_DAY {
        let bound = nestling_domain::bounds::MAX_BOOKING_CHANGES_PER_DAY;
        return Err(Problem::limit_reached(format!("a day holds at most {bound} changes to bookings")).into());
    }
    let own = day.changes_of(&child_id);
    let booked = bookings::booked_on(&setup, &child.booking_patterns, &own, body.date);
    // Everyone else in the room at that time (the child's own sessions decide the refusals).
    let others: Vec<Vec<(&bookings::SessionType, Source)>> = roster
        .children
        .iter()
        .filter(|(id, entry)| **id != child_id && entry.room_id == child.room_id && !entry.has_left(&body.date.to_string()))
        .map(|(id, entry)| bookings::booked_on(&setup, &entry.booking_patterns, &day.changes_of(id), body.date))
        .collect();
    let occupancy = bookings::occupancy(session, others.iter().map(Vec::as_slice));
    let request = bookings::Request { kind: body.change, session, day: body.date, room: &child.room_id, booked: &booked, occupancy };
    let decided = bookings::decide(&setup, today_of(&auth), &request).map_err(|e| Problem::invalid(e.to_string()))?;
    // A manager asking for the family decides it there and then.
    let outcome = if auth.is_manager() { Outcome::Booked } else { decided };
    let now = Timestamp::new(auth.now);
    let name = auth.user.as_ref().map(|u| u.name.clone()).unwrap_or_default();
    let change = BookingChangeRecord {
        request_id: app.new_id(),
        child_id: child_id.clone(),
        session_type_id: session.session_type_id.clone(),
        change: body.change,
        status: outcome.status(),
        outcome: decided,
        requested_by: auth.caller.user_id.clone(),
        requested_by_name: name.clone(),
        requested_at: now,
        decided: auth.is_manager().then(|| BookingDecision {
            by: auth.caller.user_id.clone(),
            by_name: name,
            at: now,
            note: String::new(),
        }),
    };
    let date = body.date.to_string();
    let view = change_view(&setup, &date, &change);
    day.changes.push(change);
    let write = save_day(app, &mut day);
    let verb = match body.change {
        ChangeKind::Extra => "extra",
        ChangeKind::Cancel => "cancel",
    };
    let detail = format!("{verb} {} on {date}: {:?}", session.name, view.status);
    Commit::new(app, &auth, Audit::child(&setting_id, AuditAction::BookingRequest, &child_id).detail(detail))
        .write(write)
        .answer::<Retry>(201, &view, None)
        .await
}

// ---------------------------------------------------------------------------------------------
// The managers' decisions

/// A change that waits, with how full the room is at that time.
#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct WaitingView {
    #[serde(flatten)]
    pub change: ChangeView,
    pub child_name: String,
    pub room_name: String,
    /// Children of the room booked at that time now.
    pub occupancy: u32,
    pub capacity: Option<u32>,
}

#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct WaitingList {
    pub items: Vec<WaitingView>,
}

/// GET /v1/settings/{settingId}/booking-requests: managers. Every change that waits, soonest
/// day first, with the room's occupancy at that time.
pub async fn list_waiting(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("booking-requests-list", req, |req| async move {
        let setting_id = http::path_id::<SettingId>(&req, "settingId")?;
        let extra = [BookingSetupRecord::key(&setting_id), RosterRecord::key(&setting_id)];
        let query = Query::partition(Index::Gsi1, keys::bookings_waiting(&setting_id)).limit(WAITING_DAYS_LISTED);
        let (auth, page) = beside_authorisation(
            authorize(&app, &req, "booking-requests-list", Some(&setting_id), Action::ManageBookings, &extra),
            app.store().page_as::<BookingDayRecord>(query, None),
        )
        .await?;
        let days = page.items;
        let setup = stored_setup(&auth, &setting_id)?.map(|r| r.setup).unwrap_or_default();
        let roster = roster_of(&auth, &setting_id)?;
        let mut items = Vec::new();
        let mut children = Vec::new();
        for day in &days {
            let Ok(date) = Day::parse(&day.date) else { continue };
            for c in day.changes.iter().filter(|c| c.status == ChangeStatus::Pending) {
                let entry = roster.children.get(&c.child_id);
                let room = entry.map(|e| e.room_id.clone());
                let occupancy = match (room.as_ref(), setup.session(c.session_type_id.as_str())) {
                    (Some(room), Some(session)) => {
                        let booked: Vec<_> = roster
                            .children
                            .iter()
                            .filter(|(_, e)| &e.room_id == room && !e.has_left(&day.date))
                            .map(|(id, e)| bookings::booked_on(&setup, &e.booking_patterns, &day.changes_of(id), date))
                            .collect();
                        bookings::occupancy(session, booked.iter().map(Vec::as_slice))
                    }
                    _ => 0,
                };
                children.push(c.child_id.clone());
                items.push(WaitingView {
                    change: change_view(&setup, &day.date, c),
                    child_name: entry.map(|e| format!("{} {}", e.first_name, e.last_name)).unwrap_or_default(),
                    room_name: room.as_ref().and_then(|r| roster.rooms.get(r)).map(|r| r.name.clone()).unwrap_or_default(),
                    occupancy,
                    capacity: room.as_ref().and_then(|r| setup.capacities.get(r).copied()),
                });
            }
        }
        if !children.is_empty() {
            children.sort();
            children.dedup();
            Audit::children(&setting_id, AuditAction::BookingsView, children).detail("waiting requests").log_read(&app, &auth).await?;
        }
        Ok(auth.tag(http::ok(&WaitingList { items })))
    })
    .await
}

/// A manager's decision on a change that waits.
#[derive(Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RequestAnswer {
    pub approve: bool,
    /// What the family reads with the decision (a reason to decline, say).
    #[schema(value_type = Option<String>)]
    pub note: Option<nestling_domain::FreeText>,
}

/// POST /v1/settings/{settingId}/booking-requests/{date}/{requestId}/decision (managers):
/// approves (booked: a manager may fill a room past its capacity) or declines a change that
/// waits; the person who asked is emailed.
pub async fn decide_request(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("booking-request-decide", req, |req| async move { with_retries(|| try_decide_request(&app, &req)).await }).await
}

async fn try_decide_request(app: &App, req: &Request) -> Result<Response<Body>, Retry> {
    let setting_id = http::path_id::<SettingId>(req, "settingId")?;
    let request_id = http::path_id::<BookingRequestId>(req, "requestId")?;
    let date = http::path_param(req, "date").ok().and_then(|raw| Day::parse(&raw).ok());
    let mut extra = vec![BookingSetupRecord::key(&setting_id)];
    if let Some(d) = date {
        extra.push(BookingDayRecord::key(&setting_id, &d.to_string()));
    }
    let auth = authorize(app, req, "booking-request-decide", Some(&setting_id), Action::ManageBookings, &extra).await?;
    let date = date.ok_or_else(|| Problem::invalid("date must be a date (YYYY-MM-DD)"))?;
    let body: RequestAnswer = http::json_body(req)?;
    let setup = stored_setup(&auth, &setting_id)?.map(|r| r.setup).unwrap_or_default();
    let mut day = day_of(&auth, &setting_id, date)?;
    let Some(index) = day.changes.iter().position(|c| c.request_id == request_id) else {
        return Err(Problem::not_found().into());
    };
    if day.changes[index].status != ChangeStatus::Pending {
        return Err(Problem::from(BookingsProblem::RequestDecided).into());
    }
    if body.approve && date < today_of(&auth) {
        return Err(Problem::from(BookingsProblem::DayGone).into());
    }
    let name = auth.user.as_ref().map(|u| u.name.clone()).unwrap_or_default();
    let note = body.note.as_ref().map(|n| n.to_string()).unwrap_or_default();
    let change = &mut day.changes[index];
    change.status = if body.approve { ChangeStatus::Booked } else { ChangeStatus::Declined };
    change.decided =
        Some(BookingDecision { by: auth.caller.user_id.clone(), by_name: name, at: Timestamp::new(auth.now), note: note.clone() });
    let change = change.clone();
    let view = change_view(&setup, &day.date, &change);
    // The person who asked hears the answer (a manager's own change never waited).
    let asker: Option<UserRecord> = app.store().get_as(&UserRecord::key(&change.requested_by)).await.map_err(Problem::from)?;
    let write = save_day(app, &mut day);
    let mut batch = vec![write];
    if let Some(asker) = asker {
        let what = match change.change {
            ChangeKind::Extra => format!("an extra {} session", view.session_name),
            ChangeKind::Cancel => format!("cancelling the {} session", view.session_name),
        };
        let answer = if body.approve { "approved: it is booked" } else { "declined" };
        let long_day = long_date(date);
        let mut text = format!("Your request for {what} on {long_day} has been {answer}.");
        if !note.is_empty() {
            text.push_str(&format!("\n\n{note}"));
        }
        let email = personal_email(&asker.email, &asker.name, "Your booking request", &text, "booking-decision", &setting_id);
        batch.push(writes::family_email(app, auth.setting(), &format!("booking-{request_id}"), email, &change.child_id, &asker.user_id));
    }
    let detail = format!("{} {} on {}", if body.approve { "approved" } else { "declined" }, view.session_name, day.date);
    Commit::new(app, &auth, Audit::child(&setting_id, AuditAction::BookingDecide, &change.child_id).detail(detail))
        .writes(batch)
        .answer::<Retry>(200, &view, None)
        .await
}

/// "Monday 14 December 2026".
pub(crate) fn long_date(day: Day) -> String {
    let d = day.date();
    format!("{} {} {} {}", d.weekday(), d.day(), d.month(), d.year())
}

#[cfg(test)]
mod tests;

//! Children's attendance: the people allowed to collect them, signing in and out with the
//! collection checked, absences reported by parents, the day's register, and a child's
//! attendance as staff and (after the publishing delay, rule 12) parents see it.

use crate::*;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use lambda_http::{Body, Request, Response};
use nestling_domain::bookings;
use nestling_domain::care::{CollectionRefusal, Collector, Mark, MarkConflict};
use nestling_domain::{Action, FreeText, PersonName, Relationship};
use nestling_platform::access::{authorize, authorize_child};
use nestling_platform::http::{self, ApiResult, Problem};
use nestling_platform::records::{
    AbsenceRecord, AttendanceSession, BookingDayRecord, BookingSetupRecord, ChildDayRecord, ChildRecord, CollectedBy, CollectorKind,
    CollectorRecord, DayRecord, RosterRecord,
};
use nestling_platform::writes;
use nestling_platform::writes::AuditAction;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::sync::Arc;
use time::{Date, Duration};

mod absences;
mod collectors;
pub use absences::*;
pub use collectors::*;

pub use nestling_domain::bounds::{MAX_ATTENDANCE_SESSIONS, MAX_COLLECTORS};
/// A child's attendance is asked for at most this many days at once.
pub const MAX_RANGE_DAYS: i64 = 31;
/// An absence is reported for at most this many days at once.
pub const MAX_ABSENCE_DAYS: i64 = 14;
/// Marks may be recorded a little ahead of the server's clock (device clocks drift).
const CLOCK_SKEW: Duration = Duration::minutes(2);

/// Who collects, on a sign-out: a guardian linked to the child, one of the authorised
/// collectors with the collection password, or (with a manager's `overrideReason`) someone
/// named here.
#[derive(Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Collection {
    pub guardian_id: Option<String>,
    pub collector_id: Option<String>,
    #[schema(value_type = Option<String>, format = Password)]
    pub password: Option<String>,
    #[schema(value_type = Option<String>)]
    pub name: Option<PersonName>,
    #[schema(value_type = Option<String>)]
    pub relationship: Option<Relationship>,
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AttendanceMark {
    pub mark: Mark,
    /// When (RFC 3339, today in the setting's time zone); now when left out.
    pub at: Option<String>,
    pub collected_by: Option<Collection>,
    /// A manager letting someone the records do not name collect the child.
    #[schema(value_type = Option<String>)]
    pub override_reason: Option<FreeText>,
}

#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CollectedByView {
    pub kind: CollectorKind,
    pub name: String,
    pub relationship: String,
    /// Staff only.
    pub override_reason: Option<String>,
}

#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct SessionView {
    #[schema(value_type = String)]
    pub in_at: Timestamp,
    #[schema(value_type = Option<String>)]
    pub out_at: Option<Timestamp>,
    pub collected_by: Option<CollectedByView>,
}

#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct AbsenceView {
    pub reason: String,
    #[schema(value_type = String)]
    pub reported_by: UserId,
    #[schema(value_type = String)]
    pub reported_at: Timestamp,
}

#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct AttendanceView {
    #[schema(value_type = String)]
    pub child_id: ChildId,
    pub date: String,
    pub signed_in: bool,
    pub sessions: Vec<SessionView>,
    /// Minutes attended in finished sessions.
    pub minutes: i64,
    pub absence: Option<AbsenceView>,
    /// The child's room as it stands after this mark.
    pub room: Option<RoomRatioView>,
}

fn minutes_of(day: &ChildDayRecord) -> i64 {
    day.sessions.iter().filter_map(|s| Some(care::minutes_between(s.in_at.at(), s.out_at?.at()))).sum()
}

fn session_views(day: &ChildDayRecord, staff: bool) -> Vec<SessionView> {
    day.sessions
        .iter()
        .map(|s| SessionView {
            in_at: s.in_at,
            out_at: s.out_at,
            collected_by: s.collected_by.as_ref().map(|c| CollectedByView {
                kind: c.kind,
                name: c.name.clone(),
                relationship: c.relationship.clone(),
                override_reason: c.override_reason.clone().filter(|_| staff),
            }),
        })
        .collect()
}

fn absence_view(a: &AbsenceRecord) -> AbsenceView {
    AbsenceView { reason: a.reason.clone(), reported_by: a.reported_by.clone(), reported_at: a.reported_at }
}

/// The day's absence as a viewer is shown it, given the sessions they may see (`day` is
/// already what they may see): gone once an arrival overtook it (`care::absence_stands`).
fn standing_absence(day: &ChildDayRecord) -> Option<AbsenceView> {
    let first_arrival = day.sessions.first().map(|s| s.in_recorded_at.unwrap_or(s.in_at).at().max(s.in_at.at()));
    day.absence.as_ref().filter(|a| care::absence_stands(a.reported_at.at(), first_arrival)).map(absence_view)
}

/// The refusal a failed collection check gets.
fn collection_problem(refusal: CollectionRefusal) -> Problem {
    match refusal {
        CollectionRefusal::NotAuthorised => Problem::from(CareProblem::CollectionNotAuthorised)
            .with_detail("Only a guardian allowed to collect, or an authorised collector with the collection password, may collect. A manager may override with a reason."),
        CollectionRefusal::WrongPassword => Problem::from(CareProblem::CollectionPasswordWrong),
    }
}

/// Decides who collects: the record of it, and whether a manager's override was needed.
fn decide_collection(
    child: &ChildRecord,
    given: &Collection,
    override_reason: Option<&FreeText>,
    manager: bool,
) -> ApiResult<(CollectedBy, bool)> {
    let (collector, kind, id, name, relationship) = match (&given.guardian_id, &given.collector_id) {
        (Some(_), Some(_)) => return Err(Problem::invalid("name either a guardianId or a collectorId, not both")),
        (Some(guardian_id), None) => match child.guardians.get(guardian_id.as_str()) {
            Some(link) => (
                Collector::Guardian { may_collect: link.may_collect, revoked: link.is_revoked(), held: child.hold.is_some() },
                CollectorKind::Guardian,
                Some(guardian_id.clone()),
                link.name.clone(),
                link.relationship.clone(),
            ),
            None => (Collector::Unknown, CollectorKind::Guardian, None, String::new(), String::new()),
        },
        (None, Some(collector_id)) => match child.collectors.iter().find(|c| c.collector_id == collector_id.as_str()) {
            Some(c) => (
                Collector::Authorised {
                    password_matches: given.password.as_deref().is_some_and(|p| password_matches(&c.password_hash, p)),
                },
                CollectorKind::Collector,
                Some(collector_id.clone()),
                c.name.clone(),
                c.relationship.clone(),
            ),
            None => (Collector::Unknown, CollectorKind::Collector, None, String::new(), String::new()),
        },
        (None, None) => (Collector::Unknown, CollectorKind::Override, None, String::new(), String::new()),
    };
    match care::may_collect(collector) {
        Ok(()) => Ok((CollectedBy { kind, id, name, relationship, override_reason: None }, false)),
        Err(refusal) => {
            let Some(reason) = override_reason else { return Err(collection_problem(refusal)) };
            if !manager {
                return Err(Problem::from(CareProblem::OverrideNotAllowed));
            }
            // The override names the person actually collecting.
            let name = given.name.as_ref().map(|n| n.to_string()).filter(|n| !n.is_empty()).unwrap_or(name);
            let relationship = given.relationship.as_ref().map(|r| r.to_string()).unwrap_or(relationship);
            if name.is_empty() || relationship.is_empty() {
                return Err(Problem::invalid("an override names the person collecting: name and relationship"));
            }
            Ok((CollectedBy { kind: CollectorKind::Override, id, name, relationship, override_reason: Some(reason.to_string()) }, true))
        }
    }
}

/// POST /v1/settings/{settingId}/children/{childId}/attendance: sign a child in or out. The
/// child's room is re-evaluated in the same transaction.
pub async fn record_attendance(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("attendance-record", req, |req| async move { with_retries(|| try_record_attendance(&app, &req)).await }).await
}

async fn try_record_attendance(app: &App, req: &Request) -> Result<Response<Body>, Retry> {
    let setting_id = http::path_id::<SettingId>(req, "settingId")?;
    let child_id = http::path_id::<ChildId>(req, "childId")?;
    let now = app.clock.now();
    let candidates = candidate_days(now);
    let extra = day_change_keys(&setting_id, &candidates);
    let auth = authorize_child(app, req, "attendance-record", &setting_id, &child_id, Action::RecordAttendance, &extra).await?;
    let body: AttendanceMark = http::json_body(req)?;
    if let Some(answer) = writes::replay_logged(app, &auth, &setting_id, AuditAction::AttendanceReplay, vec![child_id.clone()]).await? {
        return Ok(auth.tag(answer));
    }
    let Today { local_now, date: today, mut day, roster, managers } = today_of(&auth, &setting_id, now)?;
    // The kiosk marks the moment it is used: a guardian does not say when.
    if auth.device.as_ref().is_some_and(|d| d.mode == nestling_domain::devices::DeviceMode::Kiosk) && body.at.is_some() {
        return Err(Problem::invalid("at: the kiosk signs in and out at the moment it is used").into());
    }
    let at = match &body.at {
        Some(raw) => parse_time("at", raw)?,
        None => now,
    };
    if at > now + CLOCK_SKEW || care::local(at, &auth.setting().timezone).date() != today {
        return Err(Problem::invalid("at must be earlier today, in the setting's time zone").into());
    }
    let at_text = Timestamp::new(at);
    let recorded_at = Timestamp::new(now);
    let child = auth.child().clone();
    let attendance = day.children.entry(child_id.clone()).or_default();
    care::check_mark(attendance.signed_in(), body.mark).map_err(|conflict| match conflict {
        MarkConflict::AlreadySignedIn => Problem::from(CareProblem::AlreadySignedIn),
        MarkConflict::NotSignedIn => Problem::from(CareProblem::NotSignedIn),
    })?;
    // A manager's override of the collection list is logged beside the sign-out.
    let mut override_audit = None;
    let mut emails = Vec::new();
    let audit = match body.mark {
        Mark::SignIn => {
            if body.collected_by.is_some() || body.override_reason.is_some() {
                return Err(Problem::invalid("collectedBy and overrideReason belong to a sign-out").into());
            }
            if attendance.sessions.last().and_then(|s| s.out_at).is_some_and(|out| at < out.at()) {
                return Err(Problem::invalid("at is before the child's last sign-out").into());
            }
            if attendance.sessions.len() >= MAX_ATTENDANCE_SESSIONS {
                return Err(Problem::limit_reached(format!("a child is signed in at most {MAX_ATTENDANCE_SESSIONS} times a day")).into());
            }
            // The absence stays recorded: a parent who cannot see the arrival yet still sees
            // it, and views drop it once the arrival they may see overtakes it.
            attendance.sessions.push(AttendanceSession {
                in_at: at_text,
                in_by: auth.caller.user_id.clone(),
                in_recorded_at: Some(recorded_at),
                out_recorded_at: None,
                out_at: None,
                out_by: None,
                collected_by: None,
            });
            Audit::child(&setting_id, AuditAction::AttendanceSignIn, &child_id).detail(at_text.to_string())
        }
        Mark::SignOut => {
            let Some(given) = &body.collected_by else {
                return Err(Problem::invalid("a sign-out names who collects the child: collectedBy").into());
            };
            let (collected, overridden) = decide_collection(&child, given, body.override_reason.as_ref(), auth.is_manager())?;
            let session = attendance.sessions.last_mut().expect("signed in");
            if at < session.in_at.at() {
                return Err(Problem::invalid("at is before the child's sign-in").into());
            }
            session.out_at = Some(at_text);
            session.out_recorded_at = Some(recorded_at);
            session.out_by = Some(auth.caller.user_id.clone());
            let detail = format!("{} ({}, {:?})", collected.name, collected.relationship, collected.kind);
            if overridden {
                let reason = collected.override_reason.clone().unwrap_or_default();
                override_audit = Some(
                    Audit::child(&setting_id, AuditAction::AttendanceCollectionOverride, &child_id).detail(format!("{detail}: {reason}")),
                );
                let text = format!(
                    "{} {} was collected at {at_text} (UTC) by {}, who is not on the child's list of people allowed to collect.\n\nA manager allowed it, giving this reason: {reason}\n\nThe override is in the access log.\n",
                    child.first_name, child.last_name, collected.name
                );
                let request_id = auth.request_id.clone();
                for (user_id, email) in manager_emails(
                    &managers,
                    &format!("Collection override for {}", child.first_name),
                    &text,
                    "collection-override",
                    &setting_id,
                ) {
                    emails.push(writes::outbox_with_id(app, &format!("override-{request_id}-{user_id}"), email));
                }
            }
            session.collected_by = Some(collected);
            Audit::child(&setting_id, AuditAction::AttendanceSignOut, &child_id).detail(format!("{at_text}: {detail}"))
        }
    };
    let room_id = roster.children.get(&child_id).map(|e| e.room_id.clone()).unwrap_or_else(|| child.room_id.clone());
    let rooms = BTreeSet::from([room_id.clone()]);
    let ratio_writes = reevaluate(app, &auth, &mut day, &roster, &managers, &rooms, local_now)?;
    let attendance = day.children.get(&child_id).cloned().unwrap_or_default();
    let answer = AttendanceView {
        child_id: child_id.clone(),
        date: day.date.clone(),
        signed_in: attendance.signed_in(),
        sessions: session_views(&attendance, true),
        minutes: minutes_of(&attendance),
        absence: standing_absence(&attendance),
        room: Some(room_view(&day, &roster, &room_id, today, local_now.time())),
    };
    let mut commit = Commit::new(app, &auth, audit).write(save_versioned(app, &mut day)).writes(emails).writes(ratio_writes);
    if let Some(also) = override_audit {
        commit = commit.also_audit(also);
    }
    commit.answer(201, &answer, None).await
}

#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct RegisterLine {
    #[schema(value_type = String)]
    pub child_id: ChildId,
    pub first_name: String,
    pub last_name: String,
    #[schema(value_type = String)]
    pub room_id: RoomId,
    pub room_name: String,
    #[schema(value_type = String)]
    pub key_person_id: UserId,
    pub key_person_name: String,
    pub signed_in: bool,
    pub sessions: Vec<SessionView>,
    pub minutes: i64,
    pub absence: Option<AbsenceView>,
    /// The sessions the child is booked into that day ("Morning 08:00–13:00").
    pub booked: Vec<String>,
    /// Booked, not yet here and no absence reported.
    pub expected: bool,
}

#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct RegisterView {
    pub date: String,
    /// Children signed in now (for today's register).
    pub present: u32,
    /// Children booked in that day who have not arrived and are not reported absent.
    pub expected: u32,
    pub children: Vec<RegisterLine>,
}

/// GET /v1/settings/{settingId}/register?date=: every child of the setting with the day's
/// times in and out, hours, key person and who collected (EYFS 3.86). Staff only.
pub async fn get_register(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("register-get", req, |req| async move {
        let setting_id = http::path_id::<SettingId>(&req, "settingId")?;
        let asked = http::query_param(&req, "date").map(|d| parse_date("date", &d)).transpose();
        let now = app.clock.now();
        let candidates: Vec<Date> = match &asked {
            Ok(Some(date)) => vec![*date],
            _ => candidate_days(now).to_vec(),
        };
        let mut extra = day_keys(&setting_id, &candidates);
        extra.push(RosterRecord::key(&setting_id));
        // Who is booked in: the setting's sessions and the day's changes, in the same read.
        extra.push(BookingSetupRecord::key(&setting_id));
        extra.extend(candidates.iter().map(|d| BookingDayRecord::key(&setting_id, &date_text(*d))));
        let auth = authorize(&app, &req, "register-get", Some(&setting_id), Action::ViewRegister, &extra).await?;
        let date = asked?.unwrap_or_else(|| local_today(auth.setting(), now));
        let day = pick_day(&auth, &setting_id, date)?;
        let roster = roster_of(auth.item(&RosterRecord::key(&setting_id)), &setting_id)?;
        let date_key = date_text(date);
        let setup = auth.record::<BookingSetupRecord>(&BookingSetupRecord::key(&setting_id))?.map(|r| r.setup).unwrap_or_default();
        let bookings_day = auth.record::<BookingDayRecord>(&BookingDayRecord::key(&setting_id, &date_key))?;
        let mut children: Vec<RegisterLine> = roster
            .children
            .iter()
            // A leaver is off the register from their leaving date (a day they were marked on
            // still shows them).
            .filter(|(child_id, entry)| !entry.has_left(&date_key) || day.children.contains_key(*child_id))
            .map(|(child_id, entry)| {
                let attendance = day.children.get(child_id).cloned().unwrap_or_default();
                let changes = bookings_day.as_ref().map(|b| b.changes_of(child_id)).unwrap_or_default();
                let booked: Vec<String> = bookings::booked_on(&setup, &entry.booking_patterns, &changes, bookings::Day::new(date))
                    .into_iter()
                    .map(|(s, _)| format!("{} {}–{}", s.name, s.starts, s.ends))
                    .collect();
                let absence = standing_absence(&attendance);
                RegisterLine {
                    expected: !booked.is_empty() && attendance.sessions.is_empty() && absence.is_none(),
                    booked,
                    child_id: child_id.clone(),
                    first_name: entry.first_name.clone(),
                    last_name: entry.last_name.clone(),
                    room_id: entry.room_id.clone(),
                    room_name: roster.rooms.get(&entry.room_id).map(|r| r.name.clone()).unwrap_or_default(),
                    key_person_id: entry.key_person_id.clone(),
                    key_person_name: entry.key_person_name.clone(),
                    signed_in: attendance.signed_in(),
                    sessions: session_views(&attendance, true),
                    minutes: minutes_of(&attendance),
                    absence,
                }
            })
            .collect();
        children.sort_by_key(|c| (c.last_name.to_lowercase(), c.first_name.to_lowercase(), c.child_id.clone()));
        let present = children.iter().filter(|c| c.signed_in).count() as u32;
        let expected = children.iter().filter(|c| c.expected).count() as u32;
        if !children.is_empty() {
            let ids = children.iter().map(|c| c.child_id.clone()).collect();
            Audit::children(&setting_id, AuditAction::RegisterView, ids).detail(day.date.clone()).log_read(&app, &auth).await?;
        }
        Ok(auth.tag(http::ok(&RegisterView { date: day.date, present, expected, children })))
    })
    .await
}

#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct AttendanceDayView {
    pub date: String,
    pub sessions: Vec<SessionView>,
    pub minutes: i64,
    pub absence: Option<AbsenceView>,
}

#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ChildAttendanceView {
    #[schema(value_type = String)]
    pub child_id: ChildId,
    pub from: String,
    pub to: String,
    pub days: Vec<AttendanceDayView>,
}

/// The range asked for: `from` and `to` (inclusive); a week ending on `default_to` when left out.
fn range(req: &Request, default_to: Date) -> ApiResult<(Date, Date)> {
    let to = http::query_param(req, "to").map(|d| parse_date("to", &d)).transpose()?.unwrap_or(default_to);
    let default_from = to.checked_sub(Duration::days(6)).unwrap_or(to);
    let from = http::query_param(req, "from").map(|d| parse_date("from", &d)).transpose()?.unwrap_or(default_from);
    if from > to {
        return Err(Problem::invalid("from is after to"));
    }
    if (to - from).whole_days() >= MAX_RANGE_DAYS {
        return Err(Problem::invalid(format!("ask for at most {MAX_RANGE_DAYS} days at once")));
    }
    Ok((from, to))
}

/// Only what parents may see yet (rule 12): a mark appears after the publishing delay, counted
/// from when it was recorded if that was later than the time it gives (a mark entered after
/// the fact is never shown at once).
fn published(day: &ChildDayRecord, setting: &SettingRecord, now: OffsetDateTime) -> ChildDayRecord {
    let visible = |at: Timestamp, recorded: Option<OffsetDateTime>| -> bool {
        let at = at.at();
        setting.reached_family(recorded.map_or(at, |r| r.max(at)), now)
    };
    let sessions = day
        .sessions
        .iter()
        .filter(|s| visible(s.in_at, s.in_recorded_at.map(Timestamp::at)))
        .map(|s| {
            let mut s = s.clone();
            if !s.out_at.is_some_and(|out| visible(out, s.out_recorded_at.map(Timestamp::at))) {
                s.out_at = None;
                s.out_by = None;
                s.collected_by = None;
            }
            s
        })
        .collect();
    ChildDayRecord { sessions, absence: day.absence.clone() }
}

/// GET /v1/settings/{settingId}/children/{childId}/attendance?from=&to=: staff see every mark;
/// the child's parents see marks only after the setting's publishing delay.
pub async fn child_attendance(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("child-attendance", req, |req| async move {
        let setting_id = http::path_id::<SettingId>(&req, "settingId")?;
        let child_id = http::path_id::<ChildId>(&req, "childId")?;
        let now = app.clock.now();
        // Without `to`, the week ends on the setting's today: the keys cover the UTC day after
        // (a day east of UTC may already be there) and the answer ends on the local date. A
        // bad range is refused after authorisation, so a stranger learns nothing from it.
        let defaulted = http::query_param(&req, "to").is_none();
        let asked = range(&req, now.date().next_day().unwrap_or(now.date()));
        let days = match &asked {
            Ok((from, to)) => dates(from.checked_sub(Duration::days(1)).unwrap_or(*from), *to),
            Err(_) => Vec::new(),
        };
        let extra = day_keys(&setting_id, &days);
        let auth = authorize_child(&app, &req, "child-attendance", &setting_id, &child_id, Action::ViewAttendance, &extra).await?;
        let (mut from, mut to) = asked?;
        let setting = auth.setting();
        if defaulted {
            to = local_today(setting, now);
            from = to.checked_sub(Duration::days(6)).unwrap_or(to);
        }
        let staff = auth.is_staff();
        let mut out = Vec::new();
        for (date, day) in days.iter().zip(auth.records::<DayRecord>(&extra)?) {
            if *date < from || *date > to {
                continue;
            }
            let Some(day) = day else { continue };
            let Some(attendance) = day.children.get(&child_id) else { continue };
            let shown = if staff { attendance.clone() } else { published(attendance, setting, now) };
            let absence = standing_absence(&shown);
            if shown.sessions.is_empty() && absence.is_none() {
                continue;
            }
            out.push(AttendanceDayView {
                date: date_text(*date),
                sessions: session_views(&shown, staff),
                minutes: minutes_of(&shown),
                absence,
            });
        }
        Audit::child(&setting_id, AuditAction::AttendanceView, &child_id)
            .detail(format!("{}..{}", date_text(from), date_text(to)))
            .log_read(&app, &auth)
            .await?;
        Ok(auth.tag(http::ok(&ChildAttendanceView { child_id, from: date_text(from), to: date_text(to), days: out })))
    })
    .await
}

#[cfg(test)]
#[path = "attendance_tests.rs"]
mod tests;

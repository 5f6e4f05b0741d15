//! Staff on the floor: clocking in to a room and out, managers' timesheets, each room's ratio
//! now, and the record of ratio breach episodes.

use crate::attendance::MAX_RANGE_DAYS;
use crate::*;
use lambda_http::{Body, Request, Response};
use nestling_domain::bounds::MAX_STAFF_SESSIONS;
use nestling_domain::{Action, RatioBreachId, RoomId, SettingId, UserId};
use nestling_platform::access::authorize;
use nestling_platform::http::{self, ApiResult, Problem};
use nestling_platform::records::{RatioBreachRecord, RosterRecord, StaffDayRecord, StaffSession};
use nestling_platform::writes::AuditAction;
use nestling_platform::{Audit, Commit};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ClockAction {
    In,
    Out,
}

/// `in` names the room; clocking in to another room while in one moves (out and in at once).
#[derive(Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ClockEvent {
    pub action: ClockAction,
    pub room_id: Option<String>,
}

#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ClockView {
    #[schema(value_type = String)]
    pub user_id: UserId,
    pub date: String,
    /// The room they are working in now, if clocked in.
    #[schema(value_type = Option<String>)]
    pub room_id: Option<RoomId>,
    pub sessions: Vec<StaffSessionView>,
    /// The rooms this event changed, as they stand now.
    pub rooms: Vec<RoomRatioView>,
}

#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct StaffSessionView {
    #[schema(value_type = String)]
    pub room_id: RoomId,
    #[schema(value_type = String)]
    pub in_at: Timestamp,
    #[schema(value_type = Option<String>)]
    pub out_at: Option<Timestamp>,
}

fn staff_sessions(s: &StaffDayRecord) -> Vec<StaffSessionView> {
    s.sessions.iter().map(|x| StaffSessionView { room_id: x.room_id.clone(), in_at: x.in_at, out_at: x.out_at }).collect()
}

/// POST /v1/settings/{settingId}/staff/me/clock: staff clock in to a room or out. The rooms
/// they leave and join are re-evaluated in the same transaction.
pub async fn clock(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("staff-clock", req, |req| async move { with_retries(|| try_clock(&app, &req)).await }).await
}

async fn try_clock(app: &App, req: &Request) -> Result<Response<Body>, Retry> {
    let setting_id = http::path_id::<SettingId>(req, "settingId")?;
    let now = app.clock.now();
    let candidates = candidate_days(now);
    let extra = day_change_keys(&setting_id, &candidates);
    let auth = authorize(app, req, "staff-clock", Some(&setting_id), Action::ClockInOut, &extra).await?;
    let body: ClockEvent = http::json_body(req)?;
    if let Some(answer) = auth.idempotency.as_ref().map(|i| i.replay()).transpose()?.flatten() {
        return Ok(auth.tag(answer));
    }
    let Today { local_now, date: today, mut day, roster, managers } = today_of(&auth, &setting_id, now)?;
    let member = auth.member().clone();
    let now_text = Timestamp::new(now);
    let record = day.staff.entry(member.user_id.clone()).or_insert_with(|| StaffDayRecord {
        name: member.name.clone(),
        qualification_level: member.qualification_level.unwrap_or(0),
        sessions: Vec::new(),
    });
    // The level as it is now (a manager may have corrected it since the morning).
    record.qualification_level = member.qualification_level.unwrap_or(0);
    let current = record.current_room().cloned();
    let mut touched = BTreeSet::new();
    let detail = match (body.action, &body.room_id) {
        (ClockAction::In, None) => return Err(Problem::invalid("clocking in names the room: roomId").into()),
        (ClockAction::In, Some(asked)) => {
            let Some((room_id, _)) = roster.rooms.get_key_value(asked.as_str()) else {
                return Err(Problem::invalid("roomId names no room of this setting").into());
            };
            if current.as_ref() == Some(room_id) {
                return Err(Problem::from(CareProblem::AlreadyClockedIn).into());
            }
            if record.sessions.len() >= MAX_STAFF_SESSIONS {
                return Err(
                    Problem::limit_reached(format!("a day holds at most {MAX_STAFF_SESSIONS} sessions on the floor per person")).into()
                );
            }
            if let Some(previous) = &current {
                if let Some(open) = record.sessions.last_mut() {
                    open.out_at = Some(now_text);
                }
                touched.insert(previous.clone());
            }
            record.sessions.push(StaffSession { room_id: room_id.clone(), in_at: now_text, out_at: None });
            touched.insert(room_id.clone());
            match &current {
                Some(previous) => format!("moved from room:{previous} to room:{room_id}"),
                None => format!("in room:{room_id}"),
            }
        }
        (ClockAction::Out, Some(_)) => return Err(Problem::invalid("clocking out names no room").into()),
        (ClockAction::Out, None) => {
            let Some(previous) = current.clone() else {
                return Err(Problem::from(CareProblem::NotClockedIn).into());
            };
            if let Some(open) = record.sessions.last_mut() {
                open.out_at = Some(now_text);
            }
            touched.insert(previous.clone());
            format!("out of room:{previous}")
        }
    };
    let mine = day.staff.get(&member.user_id).cloned();
    let ratio_writes = reevaluate(app, &auth, &mut day, &roster, &managers, &touched, local_now)?;
    let answer = ClockView {
        user_id: member.user_id.clone(),
        date: day.date.clone(),
        room_id: mine.as_ref().and_then(|m| m.current_room().cloned()),
        sessions: mine.as_ref().map(staff_sessions).unwrap_or_default(),
        rooms: touched.iter().map(|r| room_view(&day, &roster, r, today, local_now.time())).collect(),
    };
    let action = if body.action == ClockAction::In { AuditAction::StaffClockIn } else { AuditAction::StaffClockOut };
    let mut batch = vec![save_versioned(app, &mut day)];
    batch.extend(ratio_writes);
    Commit::new(app, &auth, Audit::of(&setting_id, action, format!("staff:{}", member.user_id)).detail(detail))
        .writes(batch)
        .answer(200, &answer, None)
        .await
}

#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct TimesheetDay {
    pub date: String,
    pub minutes: i64,
    pub sessions: Vec<StaffSessionView>,
}

#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Timesheet {
    #[schema(value_type = String)]
    pub user_id: UserId,
    pub name: String,
    /// Minutes in finished sessions over the range.
    pub minutes: i64,
    /// Sessions with no clock-out yet (still on the floor, or a forgotten clock-out).
    pub open_sessions: u32,
    pub days: Vec<TimesheetDay>,
}

#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct TimesheetsView {
    pub from: String,
    pub to: String,
    pub staff: Vec<Timesheet>,
}

fn session_minutes(s: &StaffSession) -> Option<i64> {
    Some(care::minutes_between(s.in_at.at(), s.out_at?.at()))
}

/// GET /v1/settings/{settingId}/timesheets?from=&to=: hours per staff member, managers only.
pub async fn get_timesheets(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("timesheets-get", req, |req| async move {
        let setting_id = http::path_id::<SettingId>(&req, "settingId")?;
        let asked = (|| -> ApiResult<(time::Date, time::Date)> {
            let from = http::query_param(&req, "from").ok_or_else(|| Problem::invalid("from (YYYY-MM-DD) is required"))?;
            let to = http::query_param(&req, "to").ok_or_else(|| Problem::invalid("to (YYYY-MM-DD) is required"))?;
            let (from, to) = (parse_date("from", &from)?, parse_date("to", &to)?);
            if from > to {
                return Err(Problem::invalid("from is after to"));
            }
            if (to - from).whole_days() >= MAX_RANGE_DAYS {
                return Err(Problem::invalid(format!("ask for at most {MAX_RANGE_DAYS} days at once")));
            }
            Ok((from, to))
        })();
        let days = match &asked {
            Ok((from, to)) => dates(*from, *to),
            Err(_) => Vec::new(),
        };
        let extra = day_keys(&setting_id, &days);
        let auth = authorize(&app, &req, "timesheets-get", Some(&setting_id), Action::ViewTimesheets, &extra).await?;
        let (from, to) = asked?;
        let mut sheets: BTreeMap<UserId, Timesheet> = BTreeMap::new();
        for (date, day) in days.iter().zip(auth.records::<DayRecord>(&extra)?) {
            let Some(day) = day else { continue };
            for (user_id, staff) in day.staff {
                let sheet = sheets.entry(user_id.clone()).or_insert_with(|| Timesheet {
                    user_id: user_id.clone(),
                    name: staff.name.clone(),
                    minutes: 0,
                    open_sessions: 0,
                    days: Vec::new(),
                });
                let minutes: i64 = staff.sessions.iter().filter_map(session_minutes).sum();
                sheet.minutes += minutes;
                sheet.open_sessions += staff.sessions.iter().filter(|s| s.out_at.is_none()).count() as u32;
                sheet.days.push(TimesheetDay { date: date_text(*date), minutes, sessions: staff_sessions(&staff) });
            }
        }
        let mut staff: Vec<Timesheet> = sheets.into_values().collect();
        staff.sort_by_key(|s| (s.name.to_lowercase(), s.user_id.clone()));
        Ok(auth.tag(http::ok(&TimesheetsView { from: date_text(from), to: date_text(to), staff })))
    })
    .await
}

#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct RatiosView {
    pub date: String,
    #[schema(value_type = String)]
    pub at: Timestamp,
    pub rooms: Vec<RoomRatioView>,
}

/// GET /v1/settings/{settingId}/ratios: every room now, staff only. Counts, not names: no
/// child's data is read out, so no access-log line.
pub async fn get_ratios(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("ratios-get", req, |req| async move {
        let setting_id = http::path_id::<SettingId>(&req, "settingId")?;
        let now = app.clock.now();
        let candidates = candidate_days(now);
        let mut extra = day_keys(&setting_id, &candidates);
        extra.push(RosterRecord::key(&setting_id));
        let auth = authorize(&app, &req, "ratios-get", Some(&setting_id), Action::ViewRatios, &extra).await?;
        if !auth.setting().eyfs_applies() {
            return Err(CareProblem::EyfsNotApplicable.into());
        }
        let local_now = care::local(now, &auth.setting().timezone);
        let today = local_now.date();
        let day = pick_day(&auth, &setting_id, today)?;
        let roster = roster_of(auth.item(&RosterRecord::key(&setting_id)), &setting_id)?;
        let mut rooms: Vec<RoomRatioView> =
            roster.rooms.keys().map(|room_id| room_view(&day, &roster, room_id, today, local_now.time())).collect();
        rooms.sort_by_key(|r| (r.room_name.to_lowercase(), r.room_id.clone()));
        Ok(auth.tag(http::ok(&RatiosView { date: day.date, at: Timestamp::new(now), rooms })))
    })
    .await
}

#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct RatioBreachView {
    #[schema(value_type = String)]
    pub breach_id: RatioBreachId,
    #[schema(value_type = String)]
    pub room_id: RoomId,
    pub room_name: String,
    #[schema(value_type = String)]
    pub started_at: Timestamp,
    #[schema(value_type = Option<String>)]
    pub ended_at: Option<Timestamp>,
    /// To the end, or to now while it lasts (to the end of its day when unresolved).
    pub duration_minutes: i64,
    pub open: bool,
    /// The day ended with the breach still open and nothing recorded its end: someone must
    /// account for it.
    pub unresolved_at_day_end: bool,
    pub children: Headcount,
    pub staff: u32,
    pub staff_required: u32,
}

/// GET /v1/settings/{settingId}/ratio-breaches?limit=&cursor=: breach episodes, newest first,
/// with how long each lasted. Staff only.
pub async fn list_ratio_breaches(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("ratio-breaches", req, |req| async move {
        let setting_id = http::path_id::<SettingId>(&req, "settingId")?;
        let (limit, cursor) = http::paging(&req)?;
        let auth = authorize(&app, &req, "ratio-breaches", Some(&setting_id), Action::ViewRatioBreaches, &[]).await?;
        let timezone = auth.setting().timezone.clone();
        let page = app
            .store()
            .page(
                Query::partition(Index::Table, keys::setting(&setting_id))
                    .prefix(keys::RATIO_BREACH_PREFIX)
                    .limit(limit)
                    .newest_first(true),
                cursor.as_deref(),
            )
            .await
            .map_err(Problem::from)?;
        let now = app.clock.now();
        let today = care::local(now, &timezone).date();
        let mut items = Vec::new();
        for item in page.items {
            let b: RatioBreachRecord = from_item(item)?;
            let started = b.started_at.at();
            // An episode never closed on its own day ends, for the record, at that day's end.
            let started_local = care::local(started, &timezone);
            let unresolved = b.ended_at.is_none() && started_local.date() < today;
            let end = match b.ended_at {
                Some(end) => end.at(),
                None if unresolved => started_local.date().next_day().map_or(now, |d| d.midnight().assume_offset(started_local.offset())),
                None => now,
            };
            let duration_minutes = care::minutes_between(started, end);
            items.push(RatioBreachView {
                breach_id: b.breach_id,
                room_id: b.room_id,
                room_name: b.room_name,
                started_at: b.started_at,
                open: b.ended_at.is_none() && !unresolved,
                unresolved_at_day_end: unresolved,
                ended_at: b.ended_at,
                duration_minutes,
                children: Headcount { under_2: b.under_2, two: b.two, three_plus: b.three_plus },
                staff: b.staff,
                staff_required: b.required,
            });
        }
        Ok(auth.tag(http::ok(&http::ListPage { items, next_cursor: page.next_cursor })))
    })
    .await
}

//! Staffing: the week's forecast of the staff each room needs, hour by hour, from the children
//! booked in and their ages (the EYFS ratio engine), against the rota a manager records.

use crate::{roster_of, stored_setup, today_of, BookingsProblem};
use lambda_http::{Body, Request, Response};
use nestling_domain::bookings::{self, ClockTime, Day, Opening, SessionType};
use nestling_domain::care::{age_group, AgeGroup, Headcount};
use nestling_domain::staffing::{self, monday_of, Shift, WorkDay};
use nestling_domain::{Action, MembershipStatus, RoomId, SettingId, Timestamp, UserId};
use nestling_platform::access::{authorize, Authorized};
use nestling_platform::http::{self, ApiResult, Problem};
use nestling_platform::records::{BookingDayRecord, BookingSetupRecord, MemberRecord, RosterRecord, RotaRecord, RotaShiftRecord};
use nestling_platform::store::{from_item, keys, to_item, Key};
use nestling_platform::writes::AuditAction;
use nestling_platform::{App, Audit, Commit};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// Different people one week's rota may name (each membership is read with the authorisation).
pub const MAX_STAFF_ON_A_ROTA: usize = 80;

/// One hour of one room's day.
#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct HourView {
    pub starts: String,
    pub ends: String,
    pub children: Headcount,
    /// Staff the EYFS ratios need at the usual ratios.
    pub needed: u32,
    /// Staff needed while a graduate works in the room (08:00 to 16:00 only).
    pub needed_with_graduate: Option<u32>,
    /// Staff on the rota then, when a rota is recorded for the week.
    pub rostered: Option<u32>,
    /// Fewer on the rota than needed.
    pub short: bool,
}

#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct DayForecast {
    #[schema(format = Date)]
    pub date: String,
    pub day: WorkDay,
    pub opening: Opening,
    pub hours: Vec<HourView>,
}

#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct RoomForecast {
    #[schema(value_type = String)]
    pub room_id: RoomId,
    pub name: String,
    pub days: Vec<DayForecast>,
}

/// A shift with the name of who works it.
#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ShiftView {
    #[serde(flatten)]
    pub shift: Shift,
    pub name: String,
}

/// The week's rota: empty, version 0, until a manager records one.
#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct RotaView {
    #[schema(format = Date)]
    pub week: String,
    pub shifts: Vec<ShiftView>,
    pub version: u64,
}

#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct StaffingView {
    /// The week's Monday.
    #[schema(format = Date)]
    pub week: String,
    pub rooms: Vec<RoomForecast>,
    pub rota: RotaView,
}

fn rota_view(week: Day, rota: Option<&RotaRecord>) -> RotaView {
    RotaView {
        week: week.to_string(),
        shifts: rota
            .map(|r| r.shifts.iter().map(|s| ShiftView { shift: s.shift.clone(), name: s.name.clone() }).collect())
            .unwrap_or_default(),
        version: rota.map_or(0, |r| r.version),
    }
}

fn week_keys(setting_id: &SettingId, monday: Day) -> Vec<Key> {
    let mut keys = vec![RotaRecord::key(setting_id, &monday.to_string())];
    keys.extend(WorkDay::ALL.iter().map(|d| BookingDayRecord::key(setting_id, &d.in_week(monday).to_string())));
    keys
}

/// The week's rota and booking days, from the authorisation's read or (the rare hour the
/// setting's own week is not the one guessed) read again.
async fn week_records(
    app: &App,
    auth: &Authorized,
    setting_id: &SettingId,
    monday: Day,
    read: bool,
) -> ApiResult<(Option<RotaRecord>, Vec<Option<BookingDayRecord>>)> {
    let keys = week_keys(setting_id, monday);
    let items = if read { app.store().get_many(&keys).await? } else { keys.iter().map(|k| auth.item(k)).collect() };
    let mut items = items.into_iter();
    let rota = items.next().flatten().map(from_item::<RotaRecord>).transpose()?;
    let days = items.map(|i| i.map(from_item::<BookingDayRecord>).transpose()).collect::<Result<Vec<_>, _>>()?;
    Ok((rota, days))
}

/// GET /v1/settings/{settingId}/staffing?week=YYYY-MM-DD (managers): the week (next week by
/// default) of each room, hour by hour: the children booked in by age group, the staff the
/// ratios need, and the staff on the rota when one is recorded.
pub async fn get_staffing(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("staffing-get", req, |req| async move {
        let setting_id = http::path_id::<SettingId>(&req, "settingId")?;
        let asked = http::query_param(&req, "week")
            .map(|raw| Day::parse(&raw).map(monday_of))
            .transpose()
            .map_err(|e| Problem::invalid(e.to_string()));
        let guess = match &asked {
            Ok(Some(week)) => *week,
            _ => monday_of(Day::new(app.clock.now().date()).plus_days(7)),
        };
        let mut extra = vec![BookingSetupRecord::key(&setting_id), RosterRecord::key(&setting_id)];
        extra.extend(week_keys(&setting_id, guess));
        let auth = authorize(&app, &req, "staffing-get", Some(&setting_id), Action::PlanStaffing, &extra).await?;
        let monday = asked?.unwrap_or_else(|| monday_of(today_of(&auth).plus_days(7)));
        let (rota, days) = week_records(&app, &auth, &setting_id, monday, monday != guess).await?;
        let setup = stored_setup(&auth, &setting_id)?.map(|r| r.setup).unwrap_or_default();
        let roster = roster_of(&auth, &setting_id)?;
        let shifts: Vec<Shift> = rota.iter().flat_map(|r| r.shifts.iter().map(|s| s.shift.clone())).collect();
        let recorded = !shifts.is_empty();
        let rooms = roster
            .rooms
            .iter()
            .map(|(room_id, room)| RoomForecast {
                room_id: room_id.clone(),
                name: room.name.clone(),
                days: WorkDay::ALL
                    .iter()
                    .zip(&days)
                    .map(|(work_day, changes)| {
                        let date = work_day.in_week(monday);
                        let date_text = date.to_string();
                        let children: Vec<(AgeGroup, Vec<&SessionType>)> = roster
                            .children
                            .iter()
                            .filter(|(_, e)| &e.room_id == room_id && !e.has_left(&date_text))
                            .filter_map(|(id, e)| {
                                let own = changes.as_ref().map(|c| c.changes_of(id)).unwrap_or_default();
                                let booked: Vec<&SessionType> =
                                    bookings::booked_on(&setup, &e.booking_patterns, &own, date).into_iter().map(|(s, _)| s).collect();
                                let born = Day::parse(&e.date_of_birth).ok()?;
                                (!booked.is_empty()).then(|| (age_group(born.date(), date.date()), booked))
                            })
                            .collect();
                        let opening = setup.opening(date);
                        let hours = if opening == Opening::Open { staffing::forecast_room_day(&setup, &children) } else { Vec::new() };
                        DayForecast {
                            date: date_text,
                            day: *work_day,
                            opening,
                            hours: hours
                                .into_iter()
                                .map(|h| {
                                    let rostered = recorded.then(|| staffing::rostered(&shifts, room_id, *work_day, h.starts, h.ends));
                                    HourView {
                                        starts: h.starts.to_string(),
                                        ends: h.ends.to_string(),
                                        children: h.children,
                                        needed: h.needed,
                                        needed_with_graduate: h.needed_with_graduate,
                                        rostered,
                                        short: rostered.is_some_and(|r| r < h.needed),
                                    }
                                })
                                .collect(),
                        }
                    })
                    .collect(),
            })
            .collect();
        Ok(auth.tag(http::ok(&StaffingView { week: monday.to_string(), rooms, rota: rota_view(monday, rota.as_ref()) })))
    })
    .await
}

/// A shift as a manager sends it.
#[derive(Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NewShift {
    pub user_id: String,
    pub room_id: String,
    pub day: WorkDay,
    #[schema(value_type = String, example = "08:00")]
    pub starts: ClockTime,
    #[schema(value_type = String, example = "13:00")]
    pub ends: ClockTime,
}

/// The week's shifts, replaced whole (with If-Match: the version read, 0 for the first).
#[derive(Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NewRota {
    pub shifts: Vec<NewShift>,
}

/// PUT /v1/settings/{settingId}/rota/{week} (managers, If-Match): the week's shifts, each a
/// member of staff of the setting in one of its rooms, nobody in two places at once.
pub async fn set_rota(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("rota-set", req, |req| async move {
        let setting_id = http::path_id::<SettingId>(&req, "settingId")?;
        let week = http::path_param(&req, "week").ok().and_then(|raw| Day::parse(&raw).ok());
        // Who the shifts name is read with the authorisation, when the body makes sense.
        let body = http::json_body::<NewRota>(&req).and_then(|b| {
            let people: BTreeSet<UserId> = b.shifts.iter().map(|s| http::body_id("userId", &s.user_id)).collect::<ApiResult<_>>()?;
            if people.len() > MAX_STAFF_ON_A_ROTA {
                return Err(Problem::limit_reached(format!("a week's rota names at most {MAX_STAFF_ON_A_ROTA} people")));
            }
            Ok((b, people))
        });
        let mut extra = vec![RosterRecord::key(&setting_id)];
        if let Some(w) = week {
            extra.push(RotaRecord::key(&setting_id, &w.to_string()));
        }
        if let Ok((_, people)) = &body {
            extra.extend(people.iter().map(|u| MemberRecord::key(&setting_id, u)));
        }
        let auth = authorize(&app, &req, "rota-set", Some(&setting_id), Action::PlanStaffing, &extra).await?;
        let week = week.filter(|w| staffing::is_monday(*w)).ok_or_else(|| Problem::invalid("week must be a Monday (YYYY-MM-DD)"))?;
        let (body, people) = body?;
        let expected = http::if_match(&req)?;
        let current = auth.record::<RotaRecord>(&RotaRecord::key(&setting_id, &week.to_string()))?;
        if current.as_ref().map_or(0, |c| c.version) != expected {
            return Err(BookingsProblem::StaleRota.into());
        }
        let roster = roster_of(&auth, &setting_id)?;
        let mut names: BTreeMap<UserId, String> = BTreeMap::new();
        for user in &people {
            let member = auth.record::<MemberRecord>(&MemberRecord::key(&setting_id, user))?;
            match member {
                Some(m) if m.role.is_staff() && m.status == MembershipStatus::Active => names.insert(user.clone(), m.name),
                _ => return Err(Problem::invalid(format!("{user} is not a member of staff here"))),
            };
        }
        let shifts = body
            .shifts
            .iter()
            .map(|s| {
                let room_id: RoomId = http::body_id("roomId", &s.room_id)?;
                if !roster.rooms.contains_key(&room_id) {
                    return Err(Problem::invalid(format!("the setting has no room {room_id}")));
                }
                let user_id: UserId = http::body_id("userId", &s.user_id)?;
                Ok(Shift { user_id, room_id, day: s.day, starts: s.starts, ends: s.ends })
            })
            .collect::<ApiResult<Vec<_>>>()?;
        staffing::check_rota(&shifts).map_err(|e| match e {
            staffing::RotaError::TooMany => Problem::limit_reached(e.to_string()),
            other => Problem::invalid(other.to_string()),
        })?;
        let record = RotaRecord {
            pk: keys::setting(&setting_id),
            sk: keys::rota(&week.to_string()),
            kind: "rota".into(),
            setting_id: setting_id.clone(),
            week: week.to_string(),
            shifts: shifts
                .into_iter()
                .map(|s| RotaShiftRecord { name: names.get(&s.user_id).cloned().unwrap_or_default(), shift: s })
                .collect(),
            updated_by: auth.caller.user_id.clone(),
            updated_at: Timestamp::new(auth.now),
            version: expected + 1,
        };
        let write = app.store().put_after(to_item(&record), expected);
        let view = rota_view(week, Some(&record));
        let detail = format!("week of {week}: {} shifts", record.shifts.len());
        Commit::new(&app, &auth, Audit::of(&setting_id, AuditAction::RotaSet, format!("rota:{week}")).detail(detail))
            .write(write)
            .on_conflict(|_| BookingsProblem::StaleRota.into())
            .answer(200, &view, Some(view.version))
            .await
    })
    .await
}

//! Daily care: attendance and safe collection, absences, the register, staff clocking in and
//! out, timesheets, the EYFS ratios with their breach episodes (rules 12 and 13), each child's
//! diary, medicines and accidents.
//!
//! Everything that happens in a setting on one local day lives in one item (`DayRecord`), so
//! every sign-in, sign-out and clock event re-evaluates its room from one consistent read and
//! writes the outcome (the mark, the room's breach episode, the managers' emails, the access
//! log) in one transaction conditioned on the day's version. Two events racing for the same
//! day make one of them read again and redo its decision, never both write.

pub mod problems;
pub use problems::CareProblem;
mod accidents;
mod attendance;
mod diary;
mod points;
#[cfg(test)]
mod school_fixture;
mod school_register;
mod staff_time;

pub use accidents::*;
pub use attendance::*;
pub use diary::*;
pub use points::*;
pub use school_register::*;
pub use staff_time::*;

use nestling_domain::care::{self, Episode, Headcount, RatioStatus, RoomRatio};
use nestling_domain::{ChildId, RatioBreachId, RoomId, SettingId, Timestamp, UserId};
use nestling_platform::access::Authorized;
use nestling_platform::alerts::{manager_emails, managers_of, paragraphs_html};
use nestling_platform::concurrency::{with_retries, Retry};
use nestling_platform::http::{ApiResult, Problem};
use nestling_platform::records::{DayRecord, ManagersRecord, OpenBreach, RatioBreachRecord, RosterRecord, SettingRecord};
use nestling_platform::store::{from_item, keys, to_item, Change, Condition, Index, Item, Key, Query, Write};
use nestling_platform::writes;
use nestling_platform::writes::AuditAction;
use nestling_platform::{App, Audit, Commit};
use serde::Serialize;
use std::collections::BTreeSet;
use time::{Date, OffsetDateTime};

const DATE: &[time::format_description::FormatItem<'static>] = time::macros::format_description!("[year]-[month]-[day]");

fn date_text(date: Date) -> String {
    date.format(DATE).unwrap_or_default()
}

fn parse_date(field: &str, raw: &str) -> ApiResult<Date> {
    Date::parse(raw.trim(), DATE).map_err(|_| Problem::invalid(format!("{field} must be a date (YYYY-MM-DD)")))
}

fn parse_time(field: &str, raw: &str) -> ApiResult<OffsetDateTime> {
    nestling_platform::http::time_field(field, raw)
}

/// Stored times are always UTC, whatever offset the client sent.
fn rfc3339(at: OffsetDateTime) -> String {
    nestling_platform::app::rfc3339_utc(at)
}

/// Every date from `from` to `to`, inclusive (never past the end of the calendar).
fn dates(from: Date, to: Date) -> Vec<Date> {
    let mut out = Vec::new();
    let mut d = from;
    while d <= to {
        out.push(d);
        match d.next_day() {
            Some(next) => d = next,
            None => break,
        }
    }
    out
}

/// The days one of which is the setting's local today, whatever its time zone (UTC-12 to
/// UTC+14): read with the authorisation, before the time zone is known.
fn candidate_days(now: OffsetDateTime) -> [Date; 3] {
    let today = now.date();
    [today.previous_day().unwrap_or(today), today, today.next_day().unwrap_or(today)]
}

fn day_keys(setting_id: &SettingId, days: &[Date]) -> Vec<Key> {
    days.iter().map(|d| DayRecord::key(setting_id, &date_text(*d))).collect()
}

/// The setting's local date now.
fn local_today(setting: &SettingRecord, now: OffsetDateTime) -> Date {
    care::local(now, &setting.timezone).date()
}

/// The day item for `date`, loaded with the authorisation by `day_keys` (an empty day when
/// there is none yet, or when `date` was not among the days loaded).
fn pick_day(auth: &Authorized, setting_id: &SettingId, date: Date) -> ApiResult<DayRecord> {
    Ok(auth.record(&DayRecord::key(setting_id, &date_text(date)))?.unwrap_or_else(|| DayRecord::empty(setting_id, &date_text(date))))
}

fn roster_of(item: Option<Item>, setting_id: &SettingId) -> ApiResult<RosterRecord> {
    Ok(match item {
        Some(item) => from_item(item)?,
        None => RosterRecord::empty(setting_id),
    })
}

/// Items written whole under the version they were read at (0: never written yet).
trait Versioned: Serialize {
    fn version_mut(&mut self) -> &mut u64;
}

impl Versioned for DayRecord {
    fn version_mut(&mut self) -> &mut u64 {
        &mut self.version
    }
}
impl Versioned for nestling_platform::records::DiaryRecord {
    fn version_mut(&mut self) -> &mut u64 {
        &mut self.version
    }
}
impl Versioned for nestling_platform::records::AccidentsIndexRecord {
    fn version_mut(&mut self) -> &mut u64 {
        &mut self.version
    }
}

/// Writes the record at its next version, conditioned on the one it was read at (a new record
/// must still be new).
fn save_versioned<T: Versioned>(app: &App, record: &mut T) -> Write {
    let expected = *record.version_mut();
    *record.version_mut() += 1;
    app.store().put_after(to_item(record), expected)
}

/// The keys a change to today's attendance reads with its authorisation, in this order: the
/// three candidate days, the roster, the managers' list.
fn day_change_keys(setting_id: &SettingId, candidates: &[Date; 3]) -> Vec<Key> {
    let mut keys = day_keys(setting_id, candidates);
    keys.push(RosterRecord::key(setting_id));
    keys.push(ManagersRecord::key(setting_id));
    keys
}

/// What `day_change_keys` brought back, for the setting's today.
struct Today {
    local_now: OffsetDateTime,
    date: Date,
    day: DayRecord,
    roster: RosterRecord,
    managers: ManagersRecord,
}

fn today_of(auth: &Authorized, setting_id: &SettingId, now: OffsetDateTime) -> ApiResult<Today> {
    let local_now = care::local(now, &auth.setting().timezone);
    let date = local_now.date();
    Ok(Today {
        local_now,
        date,
        day: pick_day(auth, setting_id, date)?,
        roster: roster_of(auth.item(&RosterRecord::key(setting_id)), setting_id)?,
        managers: managers_of(auth.item(&ManagersRecord::key(setting_id)), setting_id)?,
    })
}

/// A room's ratio as the day stands: the children signed in whose room (in the roster) it
/// is, by age group on the day, and the staff clocked in to it.
pub fn room_ratio(day: &DayRecord, roster: &RosterRecord, room_id: &RoomId, on: Date, local_time: time::Time) -> RoomRatio {
    let mut children = Headcount::default();
    for (child_id, attendance) in &day.children {
        let Some(entry) = roster.children.get(child_id) else { continue };
        if entry.room_id != *room_id || !attendance.signed_in() {
            continue;
        }
        let Ok(born) = Date::parse(&entry.date_of_birth, DATE) else { continue };
        children.add(care::age_group(born, on));
    }
    let levels: Vec<u8> = day.staff.values().filter(|s| s.current_room() == Some(room_id)).map(|s| s.qualification_level).collect();
    care::evaluate_room(&care::ENGLAND_GROUP_SETTINGS, children, &levels, local_time)
}

/// A room's ratio as answered to staff.
#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct RoomRatioView {
    #[schema(value_type = String)]
    pub room_id: RoomId,
    pub room_name: String,
    pub children: Headcount,
    pub staff: Vec<StaffPresentView>,
    pub staff_required: u32,
    /// The 1:13 ratio for 3 and over applies: a level 6 (QTS, EYTS, EYPS) practitioner works
    /// in the room with another at level 3 or above, between 08:00 and 16:00.
    pub graduate_ratio: bool,
    pub status: RatioStatus,
    /// When the breach started, while one is open.
    #[schema(value_type = Option<String>)]
    pub breach_since: Option<Timestamp>,
}

#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct StaffPresentView {
    #[schema(value_type = String)]
    pub user_id: UserId,
    pub name: String,
    pub qualification_level: u8,
    #[schema(value_type = String)]
    pub since: Timestamp,
}

fn room_view(day: &DayRecord, roster: &RosterRecord, room_id: &RoomId, on: Date, local_time: time::Time) -> RoomRatioView {
    let ratio = room_ratio(day, roster, room_id, on, local_time);
    let staff = day
        .staff
        .iter()
        .filter(|(_, s)| s.current_room() == Some(room_id))
        // In the room now: the last session is the open one.
        .filter_map(|(user_id, s)| {
            Some(StaffPresentView {
                user_id: user_id.clone(),
                name: s.name.clone(),
                qualification_level: s.qualification_level,
                since: s.sessions.last()?.in_at,
            })
        })
        .collect();
    RoomRatioView {
        room_id: room_id.clone(),
        room_name: roster.rooms.get(room_id).map(|r| r.name.clone()).unwrap_or_default(),
        children: ratio.children,
        staff,
        staff_required: ratio.required,
        graduate_ratio: ratio.graduate,
        status: ratio.status,
        breach_since: day.rooms.get(room_id).and_then(|r| r.open_breach.as_ref()).map(|b| b.started_at),
    }
}

/// Re-evaluates the rooms an event touched, as of `local_now` in the setting's zone. A room going into breach opens an episode and
/// emails every manager (once: later events in the same episode change nothing); a room
/// coming back records the episode's end.
fn reevaluate(
    app: &App,
    auth: &Authorized,
    day: &mut DayRecord,
    roster: &RosterRecord,
    managers: &ManagersRecord,
    rooms: &BTreeSet<RoomId>,
    local_now: OffsetDateTime,
) -> ApiResult<Vec<Write>> {
    let (on, local_time) = (local_now.date(), local_now.time());
    let now = Timestamp::new(local_now);
    let setting = auth.setting();
    let mut writes_out = Vec::new();
    // The EYFS ratios are not a school's (unless its early years are enabled).
    if !setting.eyfs_applies() {
        return Ok(writes_out);
    }
    for room_id in rooms {
        let ratio = room_ratio(day, roster, room_id, on, local_time);
        let state = day.rooms.entry(room_id.clone()).or_default();
        let room_name = roster.rooms.get(room_id).map(|r| r.name.clone()).unwrap_or_else(|| "A room".into());
        match care::episode(state.open_breach.is_some(), ratio.status) {
            Episode::Unchanged => {}
            Episode::Started => {
                let breach_id: RatioBreachId = app.new_sortable();
                let record = RatioBreachRecord {
                    pk: keys::setting(&setting.setting_id),
                    sk: keys::ratio_breach(&now.to_string(), &breach_id),
                    kind: "ratio-breach".into(),
                    setting_id: setting.setting_id.clone(),
                    breach_id: breach_id.clone(),
                    room_id: room_id.clone(),
                    room_name: room_name.clone(),
                    started_at: now,
                    date: date_text(on),
                    started_by: auth.caller.user_id.clone(),
                    under_2: ratio.children.under_2,
                    two: ratio.children.two,
                    three_plus: ratio.children.three_plus,
                    staff: ratio.staff,
                    required: ratio.required,
                    ended_at: None,
                    ended_by: None,
                };
                state.open_breach = Some(OpenBreach { breach_id: breach_id.clone(), started_at: now });
                writes_out.push(app.store().put_new(to_item(&record)));
                writes_out.push(writes::audit(
                    app,
                    auth,
                    &setting.setting_id,
                    AuditAction::RatioBreachStart,
                    &format!("room:{room_id}"),
                    Some(format!("{} children, {} staff, {} required", ratio.children.total(), ratio.staff, ratio.required)),
                ));
                let text = format!(
                    "{room_name} at {} is out of ratio since {now} (UTC).\n\nChildren present: {} under 2, {} aged 2, {} aged 3 and over.\nStaff in the room: {}. Staff required: {}.\n\nYou will not be emailed again about this room until the ratio is restored and broken again.\n",
                    setting.name, ratio.children.under_2, ratio.children.two, ratio.children.three_plus, ratio.staff, ratio.required
                );
                for (user_id, email) in
                    manager_emails(managers, &format!("Ratio breach in {room_name}"), &text, "ratio-breach", &setting.setting_id)
                {
                    writes_out.push(writes::outbox_with_id(app, &format!("ratio-{breach_id}-{user_id}"), email));
                }
            }
            Episode::Ended => {
                let Some(open) = state.open_breach.take() else { continue };
                let key = RatioBreachRecord::key(&setting.setting_id, &open.started_at.to_string(), &open.breach_id);
                let end = Change::new()
                    .set("endedAt", &now)
                    .set("endedBy", &auth.caller.user_id)
                    .on_existing()
                    .when(Condition::not_exists("endedAt"));
                writes_out.push(app.store().change(&key, end));
                writes_out.push(writes::audit(
                    app,
                    auth,
                    &setting.setting_id,
                    AuditAction::RatioBreachEnd,
                    &format!("room:{room_id}"),
                    Some(format!("started {}", open.started_at)),
                ));
            }
        }
    }
    Ok(writes_out)
}

/// One email per manager on the setting's list, with the manager's id.
#[cfg(test)]
mod bounds_tests;

#[cfg(test)]
mod tests {
    use super::*;
    use nestling_domain::Id;
    use nestling_platform::records::{AttendanceSession, ChildDayRecord, RosterEntry, StaffDayRecord, StaffSession};

    fn id<T: Id>(text: &str) -> T {
        T::parse(text).unwrap()
    }

    fn entry(room: &str, born: &str) -> RosterEntry {
        RosterEntry {
            first_name: "A".into(),
            last_name: "B".into(),
            date_of_birth: born.into(),
            room_id: id(room),
            key_person_id: id("k"),
            key_person_name: "K".into(),
            photos_in_other_journals: false,
            remote_staff_access: false,
            held: false,
            legal_hold: false,
            leaving_date: None,
            booking_patterns: Vec::new(),
        }
    }
    fn present() -> ChildDayRecord {
        ChildDayRecord {
            sessions: vec![AttendanceSession {
                in_at: Timestamp::parse("2026-11-30T08:00:00Z").unwrap(),
                in_by: id("s"),
                in_recorded_at: None,
                out_recorded_at: None,
                out_at: None,
                out_by: None,
                collected_by: None,
            }],
            absence: None,
        }
    }

    #[test]
    fn a_room_counts_its_children_present_and_its_staff_clocked_in() {
        let on = Date::from_calendar_date(2026, time::Month::November, 30).unwrap();
        let mut roster = RosterRecord::empty(&id("s"));
        roster.children.insert(id("baby"), entry("r1", "2025-06-01"));
        roster.children.insert(id("two"), entry("r1", "2024-06-01"));
        roster.children.insert(id("gone"), entry("r1", "2020-06-01"));
        roster.children.insert(id("elsewhere"), entry("r2", "2025-06-01"));
        let mut day = DayRecord::empty(&id("s"), "2026-11-30");
        day.children.insert(id("baby"), present());
        day.children.insert(id("two"), present());
        day.children.insert(id("elsewhere"), present());
        let mut left = present();
        left.sessions[0].out_at = Some(Timestamp::parse("2026-11-30T11:00:00Z").unwrap());
        day.children.insert(id("gone"), left);
        let noon = time::Time::from_hms(12, 0, 0).unwrap();
        let ratio = room_ratio(&day, &roster, &id("r1"), on, noon);
        assert_eq!(ratio.children, Headcount { under_2: 1, two: 1, three_plus: 0 });
        assert_eq!((ratio.staff, ratio.required, ratio.status), (0, 1, RatioStatus::Breach));
        day.staff.insert(
            id("u"),
            StaffDayRecord {
                name: "U".into(),
                qualification_level: 3,
                sessions: vec![StaffSession { room_id: id("r1"), in_at: Timestamp::parse("2026-11-30T08:00:00Z").unwrap(), out_at: None }],
            },
        );
        assert_eq!(room_ratio(&day, &roster, &id("r1"), on, noon).status, RatioStatus::Ok);
        assert_eq!(room_ratio(&day, &roster, &id("r2"), on, noon).status, RatioStatus::Breach);
    }
}

// The use case behind each of this area's route-table names (the local gateway serves them).
nestling_platform::routes! {
    "collectors-set" => set_collectors,
    "attendance-record" => record_attendance,
    "register-get" => get_register,
    "points-give" => give_point,
    "points-list" => list_points,
    "school-register-get" => get_school_register,
    "school-register-mark" => mark_school_register,
    "school-attendance-get" => pupil_attendance,
    "school-totals-get" => tutor_group_totals,
    // The same use cases through a PIN'd session on a paired device.
    "device-register-get" => get_register,
    "device-attendance-record" => record_attendance,
    "child-attendance" => child_attendance,
    "absences-report" => report_absence,
    "staff-clock" => clock,
    "timesheets-get" => get_timesheets,
    "ratios-get" => get_ratios,
    "ratio-breaches" => list_ratio_breaches,
    "diary-add" => add_diary_entry,
    "diary-get" => get_diary,
    "medicine-permission-set" => set_medicine_permission,
    "medicine-permissions-list" => list_medicine_permissions,
    "medicine-dose" => give_medicine,
    "accidents-create" => record_accident,
    "child-accidents" => child_accidents,
    "accidents-review" => review_accident,
    "accidents-acknowledge" => acknowledge_accident,
    "accidents-list" => list_accidents,
}

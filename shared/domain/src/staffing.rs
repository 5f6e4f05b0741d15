//! Staffing: next week's forecast of the staff each room needs, hour by hour, from the children
//! booked in and their ages (the EYFS ratio engine of `care`), against the rota when a manager
//! records one. Data and pure functions only.

use crate::bookings::{ClockTime, Day, SessionType, Setup};
use crate::care::{AgeGroup, Headcount};
use crate::{RoomId, UserId};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use time::Weekday;

/// Shifts one week's rota holds (60 staff, each in a room or two a day).
pub const MAX_SHIFTS_PER_WEEK: usize = 400;

/// A day the setting opens (Monday to Friday).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum WorkDay {
    Monday,
    Tuesday,
    Wednesday,
    Thursday,
    Friday,
}

impl WorkDay {
    pub const ALL: [WorkDay; 5] = [WorkDay::Monday, WorkDay::Tuesday, WorkDay::Wednesday, WorkDay::Thursday, WorkDay::Friday];
    /// Its date in the week that starts on `monday`.
    pub fn in_week(self, monday: Day) -> Day {
        monday.plus_days(self as i64)
    }
}

/// The Monday of the week `day` is in.
pub fn monday_of(day: Day) -> Day {
    day.plus_days(-i64::from(day.weekday().number_days_from_monday()))
}

/// Whether `day` is a Monday (a rota is kept per week, under its Monday).
pub fn is_monday(day: Day) -> bool {
    day.weekday() == Weekday::Monday
}

/// One member of staff in one room for part of one day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Shift {
    #[schema(value_type = String)]
    pub user_id: UserId,
    #[schema(value_type = String)]
    pub room_id: RoomId,
    pub day: WorkDay,
    #[schema(value_type = String, example = "08:00")]
    pub starts: ClockTime,
    #[schema(value_type = String, example = "13:00")]
    pub ends: ClockTime,
}

impl Shift {
    fn overlaps(&self, starts: ClockTime, ends: ClockTime) -> bool {
        self.starts < ends && starts < self.ends
    }
}

/// Why a rota cannot be saved.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RotaError {
    #[error("a week's rota holds at most {MAX_SHIFTS_PER_WEEK} shifts")]
    TooMany,
    #[error("a shift must end after it starts")]
    EndsBeforeStart,
    #[error("one person is in two shifts at once on {0:?}")]
    TwoPlacesAtOnce(WorkDay),
}

/// Checks a week's shifts: each ends after it starts, and nobody works two at once.
pub fn check_rota(shifts: &[Shift]) -> Result<(), RotaError> {
    if shifts.len() > MAX_SHIFTS_PER_WEEK {
        return Err(RotaError::TooMany);
    }
    for (i, s) in shifts.iter().enumerate() {
        if s.ends <= s.starts {
            return Err(RotaError::EndsBeforeStart);
        }
        if shifts[..i].iter().any(|o| o.user_id == s.user_id && o.day == s.day && o.overlaps(s.starts, s.ends)) {
            return Err(RotaError::TwoPlacesAtOnce(s.day));
        }
    }
    Ok(())
}

/// Staff on the rota in `room` at any minute of the hour: each person once.
pub fn rostered(shifts: &[Shift], room: &RoomId, day: WorkDay, starts: ClockTime, ends: ClockTime) -> u32 {
    shifts
        .iter()
        .filter(|s| &s.room_id == room && s.day == day && s.overlaps(starts, ends))
        .map(|s| &s.user_id)
        .collect::<BTreeSet<_>>()
        .len() as u32
}

/// One hour of a room's day in the forecast: the children booked in at any minute of it, by
/// age group, and the staff the EYFS ratios need for them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ForecastHour {
    pub starts: ClockTime,
    pub ends: ClockTime,
    pub children: Headcount,
    /// Staff needed at the usual ratios.
    pub needed: u32,
    /// Staff needed while a graduate works in the room (1:13 for three-and-overs), in the hours
    /// that ratio may apply; None outside them.
    pub needed_with_graduate: Option<u32>,
}

/// The whole hours a forecast day covers: from the hour of the earliest session's start to the
/// latest session's end.
pub fn forecast_hours(setup: &Setup) -> Vec<(ClockTime, ClockTime)> {
    let (Some(first), Some(last)) = (setup.sessions.iter().map(|s| s.starts).min(), setup.sessions.iter().map(|s| s.ends).max()) else {
        return Vec::new();
    };
    (first.minutes() / 60..last.minutes().div_ceil(60))
        .map(|hour| (ClockTime::from_minutes(hour * 60), ClockTime::from_minutes((hour + 1) * 60)))
        .collect()
}

/// A room's day, hour by hour: each child (by age group on the day, with their booked
/// sessions) counts in every hour one of their sessions reaches into; the staff needed is the
/// ratio engine's.
pub fn forecast_room_day(setup: &Setup, children: &[(AgeGroup, Vec<&SessionType>)]) -> Vec<ForecastHour> {
    let ratios = &crate::care::ENGLAND_GROUP_SETTINGS;
    forecast_hours(setup)
        .into_iter()
        .map(|(starts, ends)| {
            let mut then = Headcount::default();
            for (age, sessions) in children {
                if sessions.iter().any(|s| s.starts < ends && starts < s.ends) {
                    then.add(*age);
                }
            }
            let graduate_hour = crate::care::GRADUATE_RATIO_FROM <= time_of(starts) && time_of(ends) <= crate::care::GRADUATE_RATIO_UNTIL;
            ForecastHour {
                starts,
                ends,
                children: then,
                needed: crate::care::required_staff(ratios, then, false),
                needed_with_graduate: graduate_hour.then(|| crate::care::required_staff(ratios, then, true)),
            }
        })
        .collect()
}

fn time_of(t: ClockTime) -> time::Time {
    time::Time::from_hms((t.minutes() / 60) as u8, (t.minutes() % 60) as u8, 0).expect("a time of day")
}

#[cfg(test)]
#[path = "staffing_tests.rs"]
mod tests;

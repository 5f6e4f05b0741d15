//! A child leaving the setting: the day, where they go, and how long their family goes on
//! reading the child's records afterwards. From the leaving day staff see the child as left
//! (no register, diary, medicine or accidents any more) and the family may only read; on the
//! day access ends the family's link to the child ends with it. The records stay the
//! setting's (rule 14) until the retention schedule says otherwise.

use serde::{Deserialize, Serialize};
use time::{Date, Duration};

/// How long families keep reading after the leaving day unless the setting says otherwise.
pub const DEFAULT_GUARDIAN_ACCESS_DAYS: u16 = 90;
/// The longest a setting may keep a leaver's family reading.
pub const MAX_GUARDIAN_ACCESS_DAYS: u16 = 365;
/// Families are emailed this many days before their access ends (or on the leaving day, when
/// the period is shorter).
pub const ACCESS_ENDING_NOTICE_DAYS: i64 = 14;

/// Where the child goes, as the next setting and the reports group leavers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum DestinationKind {
    School,
    /// Another nursery, pre-school or childminder.
    Setting,
    Other,
}

/// Where a child stands with the setting on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LeavingStage {
    /// Attending (possibly with a leaving day ahead).
    #[default]
    Attending,
    /// Left: staff keep the records, the family may read them until access ends.
    Left,
    /// Left, and the family's reading period is over.
    AccessEnded,
}

/// The first day the family no longer has access.
pub fn access_ends(leaving_day: Date, guardian_access_days: u16) -> Date {
    leaving_day.saturating_add(Duration::days(guardian_access_days as i64))
}

/// The stage on `today` (the setting's local date) of a child leaving on `leaving_day`.
pub fn stage(leaving_day: Date, guardian_access_days: u16, today: Date) -> LeavingStage {
    if today < leaving_day {
        LeavingStage::Attending
    } else if today < access_ends(leaving_day, guardian_access_days) {
        LeavingStage::Left
    } else {
        LeavingStage::AccessEnded
    }
}

/// The day the family is told their access is ending.
pub fn notice_day(leaving_day: Date, guardian_access_days: u16) -> Date {
    let ends = access_ends(leaving_day, guardian_access_days);
    ends.saturating_sub(Duration::days(ACCESS_ENDING_NOTICE_DAYS)).max(leaving_day)
}

/// Why a leaving day is refused: more than a year back (a leaver is recorded when they go,
/// not long after) or more than two years ahead, or an access period over the maximum.
pub fn check_leaving(leaving_day: Date, guardian_access_days: u16, today: Date) -> Result<(), String> {
    if guardian_access_days > MAX_GUARDIAN_ACCESS_DAYS {
        return Err(format!("guardianAccessDays must be at most {MAX_GUARDIAN_ACCESS_DAYS}"));
    }
    if leaving_day < today.saturating_sub(Duration::days(366)) {
        return Err("the leaving date is more than a year ago".into());
    }
    if leaving_day > today.saturating_add(Duration::days(2 * 366)) {
        return Err("the leaving date is more than two years ahead".into());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use time::macros::date;

    #[test]
    fn a_leaver_is_attending_until_the_day_then_read_only_until_access_ends() {
        let day = date!(2026 - 07 - 17);
        assert_eq!(stage(day, 90, date!(2026 - 07 - 16)), LeavingStage::Attending);
        assert_eq!(stage(day, 90, day), LeavingStage::Left);
        assert_eq!(access_ends(day, 90), date!(2026 - 10 - 15));
        assert_eq!(stage(day, 90, date!(2026 - 10 - 14)), LeavingStage::Left);
        assert_eq!(stage(day, 90, date!(2026 - 10 - 15)), LeavingStage::AccessEnded);
        // No reading period: access ends on the leaving day itself.
        assert_eq!(stage(day, 0, day), LeavingStage::AccessEnded);
        assert_eq!(notice_day(day, 90), date!(2026 - 10 - 01));
        assert_eq!(notice_day(day, 7), day, "a short period is told on the leaving day");
    }

    #[test]
    fn leaving_days_far_from_today_and_long_periods_are_refused() {
        let today = date!(2026 - 12 - 06);
        assert!(check_leaving(today, 90, today).is_ok());
        assert!(check_leaving(date!(2026 - 01 - 01), 90, today).is_ok());
        assert!(check_leaving(date!(2025 - 11 - 01), 90, today).is_err());
        assert!(check_leaving(date!(2029 - 01 - 01), 90, today).is_err());
        assert!(check_leaving(today, MAX_GUARDIAN_ACCESS_DAYS + 1, today).is_err());
    }

    proptest! {
        /// The stages come in order and never go back as the days pass.
        #[test]
        fn stages_only_move_forward(start in 0i64..5000, days in 0u16..=MAX_GUARDIAN_ACCESS_DAYS, offsets in proptest::collection::vec(-400i64..800, 2..20)) {
            let leaving = date!(2020 - 01 - 01) + Duration::days(start);
            let mut offsets = offsets;
            offsets.sort();
            let rank = |s: LeavingStage| match s { LeavingStage::Attending => 0, LeavingStage::Left => 1, LeavingStage::AccessEnded => 2 };
            let ranks: Vec<u8> = offsets.iter().map(|o| rank(stage(leaving, days, leaving + Duration::days(*o)))).collect();
            prop_assert!(ranks.windows(2).all(|w| w[0] <= w[1]));
            let notice = notice_day(leaving, days);
            prop_assert!(notice >= leaving && notice <= access_ends(leaving, days));
        }
    }
}

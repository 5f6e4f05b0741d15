//! Faults, lockdown and the breach register (rules 10 and 11): the states a fault and a
//! breach go through, the ICO's 72-hour clock and when managers are reminded of it, and
//! which requests a setting in lockdown still answers. Data and pure functions only.

use serde::{Deserialize, Serialize};
use time::{Duration, OffsetDateTime};

/// A fault someone reported, until a manager confirms it fixed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum FaultStatus {
    Open,
    ConfirmedFixed,
}

/// What kind of personal-data breach it was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum BreachCategory {
    ImproperSharing,
    LostDevice,
    WrongRecipient,
    SystemFault,
    Other,
}

/// The manager's judgement of the risk to the people concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum RiskLevel {
    Low,
    Medium,
    High,
}

/// UK GDPR article 33: a reportable breach goes to the ICO within 72 hours of discovery,
/// counted in clock hours (weekends and bank holidays included).
pub const ICO_REPORT_HOURS: i64 = 72;
/// Managers are reminded this long before the deadline.
pub const ICO_REMINDER_HOURS_BEFORE: i64 = 24;

pub fn ico_deadline(discovered_at: OffsetDateTime) -> OffsetDateTime {
    discovered_at + Duration::hours(ICO_REPORT_HOURS)
}

/// Where a breach stands with the ICO.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum IcoStatus {
    /// Judged not reportable when recorded.
    NotRequired,
    /// Reportable, and neither reported nor documented as not reported yet.
    Due,
    Reported,
    /// Not reported, with the documented reason.
    NotReported,
}

/// The reminders a breach's deadline brings, each sent once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
pub enum IcoReminder {
    /// 24 hours left.
    DueSoon,
    /// The deadline has passed.
    Overdue,
}

impl IcoReminder {
    pub fn as_str(self) -> &'static str {
        match self {
            IcoReminder::DueSoon => "due-soon",
            IcoReminder::Overdue => "overdue",
        }
    }
}

/// The reminders due by `now` for a breach still `Due` with this deadline (both once it has
/// passed: a run that missed the first still sends it, so a manager never sees "overdue"
/// without having been warned).
pub fn reminders_due(deadline: OffsetDateTime, now: OffsetDateTime) -> Vec<IcoReminder> {
    let mut due = Vec::new();
    if now >= deadline - Duration::hours(ICO_REMINDER_HOURS_BEFORE) {
        due.push(IcoReminder::DueSoon);
    }
    if now >= deadline {
        due.push(IcoReminder::Overdue);
    }
    due
}

/// Whole minutes left until the deadline (negative once it has passed).
pub fn minutes_left(deadline: OffsetDateTime, now: OffsetDateTime) -> i64 {
    (deadline - now).whole_minutes()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use time::macros::datetime;

    #[test]
    fn the_deadline_counts_weekends() {
        // Discovered on a Friday afternoon: due on Monday afternoon, not on Wednesday.
        assert_eq!(ico_deadline(datetime!(2026-11-27 15:30 UTC)), datetime!(2026-11-30 15:30 UTC));
    }

    #[test]
    fn reminders_come_at_24_hours_left_and_at_the_deadline() {
        let deadline = datetime!(2026-11-30 15:30 UTC);
        assert!(reminders_due(deadline, datetime!(2026-11-29 15:29 UTC)).is_empty());
        assert_eq!(reminders_due(deadline, datetime!(2026-11-29 15:30 UTC)), vec![IcoReminder::DueSoon]);
        assert_eq!(reminders_due(deadline, datetime!(2026-11-30 15:30 UTC)), vec![IcoReminder::DueSoon, IcoReminder::Overdue]);
        assert_eq!(minutes_left(deadline, datetime!(2026-11-30 14:00 UTC)), 90);
        assert_eq!(minutes_left(deadline, datetime!(2026-11-30 16:00 UTC)), -30);
    }

    proptest! {
        #[test]
        fn reminders_only_accumulate_as_time_passes(start in 0i64..1_000_000, a in 0i64..200_000, b in 0i64..200_000) {
            let discovered = OffsetDateTime::from_unix_timestamp(1_700_000_000 + start).unwrap();
            let deadline = ico_deadline(discovered);
            let (early, late) = (discovered + Duration::seconds(a.min(b)), discovered + Duration::seconds(a.max(b)));
            let before = reminders_due(deadline, early);
            let after = reminders_due(deadline, late);
            prop_assert!(before.iter().all(|r| after.contains(r)));
            prop_assert_eq!(after.contains(&IcoReminder::Overdue), late >= discovered + Duration::hours(72));
        }
    }
}

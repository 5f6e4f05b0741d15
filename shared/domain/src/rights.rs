//! Requests people make under data protection law: a subject access request (everything held
//! about them or their child), and the clock the law starts with it. UK GDPR art. 12(3): answer
//! "without undue delay and in any event within one month of receipt", extendable "by two
//! further months where necessary", with the person told why within the first month. The ICO
//! counts the month from the day of receipt to the corresponding calendar date of the next
//! month, or that month's last day when it has no such date.

use serde::{Deserialize, Serialize};
use time::{Date, Month};

/// Managers are reminded this many days before a request falls due, then on the day, then
/// when it is overdue.
pub const REMINDER_DAYS_BEFORE: i64 = 7;

/// What a request asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum RightsRequestKind {
    /// A copy of everything held (art. 15).
    Access,
    /// What the law does not require the setting to keep about a child, erased (art. 17).
    Erasure,
}

/// How the request reached the setting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ReceivedBy {
    /// Asked in the app by the person.
    App,
    Email,
    Letter,
    InPerson,
    Phone,
}

/// Where a request stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum RightsRequestStatus {
    /// Received: the clock runs.
    Open,
    /// Answered (how, and when, is recorded): the clock stops.
    Answered,
}

/// Whether a request received on `received` may still be extended on `today`: the person must
/// be told within the first month, so only until the first due day.
pub fn may_extend(received: Date, today: Date) -> bool {
    today <= due_on(received, false)
}

/// `months` calendar months after `day`: the same date, or the last day of a month too short
/// for it (31 January + 1 month = 28 or 29 February).
pub fn add_months(day: Date, months: u32) -> Date {
    let index = day.year() * 12 + (day.month() as i32 - 1) + months as i32;
    let (year, month) = (index.div_euclid(12), Month::try_from((index.rem_euclid(12) + 1) as u8).expect("1..=12"));
    let last = month.length(year);
    Date::from_calendar_date(year, month, day.day().min(last)).expect("a day that exists")
}

/// The day a request received on `received` must be answered by: one month, or three once
/// extended.
pub fn due_on(received: Date, extended: bool) -> Date {
    add_months(received, if extended { 3 } else { 1 })
}

/// The reminders a request still open brings to its managers, each sent once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RightsReminder {
    /// A week left.
    DueSoon,
    /// The last day.
    DueToday,
    /// Past it.
    Overdue,
}

impl RightsReminder {
    pub fn as_str(self) -> &'static str {
        match self {
            RightsReminder::DueSoon => "due-soon",
            RightsReminder::DueToday => "due-today",
            RightsReminder::Overdue => "overdue",
        }
    }
}

/// Every reminder due by `today` for a request due on `due` (all of the earlier ones too, so a
/// missed run still warns before it says "overdue").
pub fn reminders_due(due: Date, today: Date) -> Vec<RightsReminder> {
    let mut reminders = Vec::new();
    if today >= due - time::Duration::days(REMINDER_DAYS_BEFORE) {
        reminders.push(RightsReminder::DueSoon);
    }
    if today >= due {
        reminders.push(RightsReminder::DueToday);
    }
    if today > due {
        reminders.push(RightsReminder::Overdue);
    }
    reminders
}

/// The first day a reminder is due: when the schedule should next look at the request.
pub fn first_reminder(due: Date) -> Date {
    due - time::Duration::days(REMINDER_DAYS_BEFORE)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use time::macros::date;

    #[test]
    fn a_month_is_the_corresponding_date_or_the_month_s_last_day() {
        assert_eq!(due_on(date!(2026 - 03 - 03), false), date!(2026 - 04 - 03));
        assert_eq!(due_on(date!(2026 - 01 - 31), false), date!(2026 - 02 - 28));
        assert_eq!(due_on(date!(2028 - 01 - 31), false), date!(2028 - 02 - 29));
        assert_eq!(due_on(date!(2026 - 12 - 15), false), date!(2027 - 01 - 15));
        assert_eq!(due_on(date!(2026 - 11 - 30), true), date!(2027 - 02 - 28));
    }

    #[test]
    fn managers_are_warned_a_week_before_on_the_day_and_after() {
        let due = date!(2026 - 04 - 03);
        assert!(reminders_due(due, date!(2026 - 03 - 26)).is_empty());
        assert_eq!(reminders_due(due, date!(2026 - 03 - 27)), [RightsReminder::DueSoon]);
        assert_eq!(reminders_due(due, due), [RightsReminder::DueSoon, RightsReminder::DueToday]);
        assert_eq!(reminders_due(due, date!(2026 - 04 - 04)), [RightsReminder::DueSoon, RightsReminder::DueToday, RightsReminder::Overdue]);
        assert_eq!(first_reminder(due), date!(2026 - 03 - 27));
    }

    fn any_day() -> impl Strategy<Value = Date> {
        (2000i32..2100, 1u16..=366)
            .prop_map(|(y, d)| Date::from_ordinal_date(y, d.min(if time::util::is_leap_year(y) { 366 } else { 365 })).unwrap())
    }

    proptest! {
        #[test]
        fn a_month_is_28_to_31_days_and_an_extension_two_more_months(received in any_day()) {
            let due = due_on(received, false);
            let days = (due - received).whole_days();
            prop_assert!((28..=31).contains(&days), "{received} -> {due}");
            let extended = due_on(received, true);
            prop_assert!(extended > due);
            prop_assert!((89..=92).contains(&(extended - received).whole_days()), "{received} -> {extended}");
            // The day of the month is kept whenever the month has it.
            prop_assert!(due.day() == received.day() || due.day() == due.month().length(due.year()));
        }

        #[test]
        fn a_later_receipt_is_never_due_sooner(a in any_day(), b in any_day()) {
            let (early, late) = if a <= b { (a, b) } else { (b, a) };
            prop_assert!(due_on(early, false) <= due_on(late, false));
            prop_assert!(due_on(early, true) <= due_on(late, true));
        }

        #[test]
        fn reminders_only_grow_as_the_days_pass(received in any_day(), offset in 0i64..60) {
            let due = due_on(received, false);
            let today = received + time::Duration::days(offset);
            let now = reminders_due(due, today);
            let tomorrow = reminders_due(due, today + time::Duration::days(1));
            prop_assert!(now.iter().all(|r| tomorrow.contains(r)));
        }
    }
}

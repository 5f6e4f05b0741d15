//! The retention schedule's rules, by example and as properties.

use super::*;
use proptest::prelude::*;
use time::macros::date;

const BORN: Date = date!(2022 - 05 - 10);
const LEFT: Date = date!(2026 - 08 - 31);

#[test]
fn the_guidance_s_periods_by_kind() {
    let s = Schedule::default();
    assert_eq!(s.period(RetainedKind::Accidents).expires_on(BORN, Some(LEFT)), Some(date!(2043 - 08 - 10)), "21 years and 3 months old");
    assert_eq!(s.period(RetainedKind::Safeguarding).expires_on(BORN, Some(LEFT)), Some(date!(2047 - 05 - 10)), "25 years old");
    assert_eq!(s.period(RetainedKind::Journal).expires_on(BORN, Some(LEFT)), Some(date!(2029 - 08 - 31)), "three years after leaving");
    assert_eq!(s.period(RetainedKind::Finance).expires_on(BORN, Some(LEFT)), Some(date!(2033 - 08 - 31)), "seven years");
    assert_eq!(s.last_expiry(BORN, Some(LEFT)), Some(date!(2047 - 05 - 10)));
    assert_eq!(s.next_expiry(BORN, Some(LEFT), LEFT), Some(date!(2029 - 08 - 31)));
    assert!(s.expired(BORN, Some(LEFT), date!(2029 - 08 - 30)).is_empty());
    assert_eq!(
        s.expired(BORN, Some(LEFT), date!(2029 - 08 - 31)),
        [RetainedKind::Journal, RetainedKind::Attendance, RetainedKind::CareDiary, RetainedKind::Messages, RetainedKind::Assessment]
    );
}

#[test]
fn nothing_expires_while_the_child_attends() {
    let s = Schedule::default();
    assert!(s.expired(BORN, None, date!(2060 - 01 - 01)).is_empty());
    assert_eq!(s.next_expiry(BORN, None, LEFT), None);
}

#[test]
fn a_setting_keeps_longer_but_never_shorter_than_the_law() {
    let s = Schedule::default();
    let longer = s.clone().with(RetainedKind::Journal, KeptFor::AfterLeaving { months: 6 * 12 }).unwrap();
    assert_eq!(longer.period(RetainedKind::Journal), KeptFor::AfterLeaving { months: 72 });
    // Not required by law: a setting may delete the journal as soon as the child leaves.
    let sooner = s.clone().with(RetainedKind::Journal, KeptFor::AfterLeaving { months: 0 }).unwrap();
    assert_eq!(sooner.period(RetainedKind::Journal).expires_on(BORN, Some(LEFT)), Some(LEFT));
    assert_eq!(
        s.clone().with(RetainedKind::Accidents, KeptFor::UntilAge { months: 18 * 12 }),
        Err(ScheduleError::ShorterThanTheLaw(RetainedKind::Accidents.title()))
    );
    assert_eq!(
        s.clone().with(RetainedKind::Accidents, KeptFor::AfterLeaving { months: 600 }),
        Err(ScheduleError::WrongMeasure(RetainedKind::Accidents.title()))
    );
    assert_eq!(
        s.clone().with(RetainedKind::Attendance, KeptFor::AfterLeaving { months: 12 }),
        Err(ScheduleError::ShorterThanTheLaw(RetainedKind::Attendance.title()))
    );
    assert_eq!(
        s.clone().with(RetainedKind::Journal, KeptFor::AfterLeaving { months: 601 }),
        Err(ScheduleError::TooLong(RetainedKind::Journal.title()))
    );
    // Choosing the guidance's own period is no change.
    let back = longer.with(RetainedKind::Journal, RetainedKind::Journal.default_period()).unwrap();
    assert_eq!(back, Schedule::default());
}

#[test]
fn an_erasure_deletes_what_the_law_does_not_keep_and_says_why_the_rest_stays() {
    // Whatever the setting's schedule keeps longer, an erasure keeps only what the law requires.
    let plan = erasure_plan(BORN, Some(LEFT), date!(2027 - 01 - 10));
    assert_eq!(plan.erase, [RetainedKind::Journal, RetainedKind::CareDiary, RetainedKind::Messages, RetainedKind::Assessment]);
    let kept: Vec<RetainedKind> = plan.keep.iter().map(|(k, _, _)| *k).collect();
    assert_eq!(
        kept,
        [RetainedKind::Accidents, RetainedKind::Medicines, RetainedKind::Safeguarding, RetainedKind::Attendance, RetainedKind::Finance]
    );
    assert!(plan.keep.iter().all(|(_, why, until)| !why.is_empty() && until.is_some()));
    // While the child attends, the statutory records stay with no end day yet.
    let plan = erasure_plan(BORN, None, date!(2025 - 01 - 10));
    assert!(plan.keep.iter().all(|(_, _, until)| until.is_none()));
    // Past the law's minimum a kind the setting keeps longer is erased too.
    let plan = erasure_plan(BORN, Some(LEFT), date!(2044 - 01 - 01));
    assert!(plan.erase.contains(&RetainedKind::Accidents));
}

fn any_day() -> impl Strategy<Value = Date> {
    (2000i32..2060, 1u16..=365).prop_map(|(y, d)| Date::from_ordinal_date(y, d).unwrap())
}

fn any_period() -> impl Strategy<Value = KeptFor> {
    prop_oneof![
        (0u16..=700).prop_map(|months| KeptFor::UntilAge { months }),
        (0u16..=700).prop_map(|months| KeptFor::AfterLeaving { months })
    ]
}

fn any_kind() -> impl Strategy<Value = RetainedKind> {
    prop::sample::select(RetainedKind::ALL.to_vec())
}

proptest! {
    #[test]
    fn no_lawful_schedule_expires_a_record_before_the_law_allows(
        kind in any_kind(), period in any_period(), born in any_day(), stay in 0i64..3000,
    ) {
        let left = born + time::Duration::days(stay);
        if let Ok(s) = Schedule::default().with(kind, period) {
            let chosen = s.period(kind).expires_on(born, Some(left)).unwrap();
            let least = kind.least_period().expires_on(born, Some(left)).unwrap();
            prop_assert!(chosen >= least, "{kind:?} {period:?}: {chosen} before {least}");
            prop_assert!(chosen >= left, "nothing expires before the child left");
        }
    }

    #[test]
    fn what_expired_stays_expired_and_the_next_expiry_is_the_next_change(
        born in any_day(), stay in 0i64..3000, day in 0i64..20_000,
    ) {
        let s = Schedule::default();
        let left = born + time::Duration::days(stay);
        let today = born + time::Duration::days(day);
        let now = s.expired(born, Some(left), today);
        let later = s.expired(born, Some(left), today + time::Duration::days(1));
        prop_assert!(now.iter().all(|k| later.contains(k)));
        if let Some(next) = s.next_expiry(born, Some(left), today) {
            prop_assert!(next > today);
            prop_assert_eq!(s.expired(born, Some(left), next - time::Duration::days(1)), now.clone());
            prop_assert!(s.expired(born, Some(left), next).len() > now.len());
        } else {
            prop_assert_eq!(now.len(), RetainedKind::ALL.len());
        }
    }

    #[test]
    fn an_erasure_never_removes_what_the_law_still_requires(
        born in any_day(), stay in 0i64..3000, day in 0i64..20_000,
    ) {
        let left = born + time::Duration::days(stay);
        let today = born + time::Duration::days(day);
        let plan = erasure_plan(born, Some(left), today);
        prop_assert_eq!(plan.erase.len() + plan.keep.len(), RetainedKind::ALL.len());
        for k in &plan.erase {
            if k.legal_basis().is_some() {
                prop_assert!(k.least_period().expires_on(born, Some(left)).unwrap() <= today, "{k:?} erased early");
            }
        }
    }
}

use super::*;
use crate::billing::Delivery;
use crate::bookings::{ClockTime, Pattern, Price, SessionType, Setup, Week};
use crate::funding::Claim;
use crate::staffing::WorkDay;
use crate::{SessionName, SessionTypeId};

fn day(raw: &str) -> Day {
    Day::parse(raw).unwrap()
}

fn autumn() -> Term {
    Term { name: SessionName::parse("Autumn").unwrap(), starts: day("2026-09-07"), ends: day("2026-12-18") }
}

/// Full days at £70, open all year, the autumn term recorded.
fn setup() -> Setup {
    Setup {
        sessions: vec![SessionType {
            session_type_id: SessionTypeId::parse("full-day").unwrap(),
            name: SessionName::parse("Full day").unwrap(),
            starts: ClockTime::parse("08:00").unwrap(),
            ends: ClockTime::parse("18:00").unwrap(),
            price: Price::Session { pence: 7000 },
            rooms: vec![],
        }],
        terms: vec![autumn()],
        ..Setup::default()
    }
    .checked()
    .unwrap()
}

fn full_days(days: &[WorkDay]) -> Vec<Pattern> {
    let id = || vec![SessionTypeId::parse("full-day").unwrap()];
    let mut week = Week::default();
    for d in days {
        match d {
            WorkDay::Monday => week.monday = id(),
            WorkDay::Tuesday => week.tuesday = id(),
            WorkDay::Wednesday => week.wednesday = id(),
            WorkDay::Thursday => week.thursday = id(),
            WorkDay::Friday => week.friday = id(),
        }
    }
    vec![Pattern { starts: day("2026-09-01"), week }]
}

fn universal() -> Claim {
    Claim {
        stream: FundingStream::Universal,
        delivery: Delivery::TermTime,
        code: None,
        valid_from: day("2026-09-01"),
        valid_to: None,
        reconfirm_by: None,
        grace_until: None,
    }
}

fn months(raw: &[(&str, u32)]) -> BTreeMap<Month, u32> {
    raw.iter().map(|(m, minutes)| (Month::parse(m).unwrap(), *minutes)).collect()
}

#[test]
fn a_term_is_reconciled_against_bookings_attendance_and_invoices() {
    let setup = setup();
    let patterns = full_days(&[WorkDay::Monday, WorkDay::Tuesday, WorkDay::Wednesday]);
    let changes = BTreeMap::new();
    let claims = [universal()];
    // Every Monday and Tuesday there (the funded days: 15 hours go on Monday's 10 and half of
    // Tuesday), but Tuesday 10 November.
    let mut presence = Presence::new();
    for monday in term_weeks(&autumn()) {
        for d in [monday, monday.plus_days(1)] {
            if d != day("2026-11-10") {
                presence.insert(d, vec![(ClockTime::parse("07:55").unwrap(), ClockTime::parse("17:30").unwrap())]);
            }
        }
    }
    // September invoiced as booked; October invoiced before a change (50 hours, not 60);
    // November not at all; December, under way, not yet.
    let invoiced = months(&[("2026-09", 3600), ("2026-10", 3000)]);
    let input = ChildTerm {
        month: ChildMonth { setup: &setup, patterns: &patterns, changes: &changes, claims: &claims, extras: &[], attended: None },
        presence: &presence,
        invoiced: &invoiced,
    };
    let term = term_funding(&input, &autumn(), day("2026-12-10"));
    // 15 weeks (7 September to the week of 14 December) of 15 hours.
    assert_eq!(term.streams, vec![StreamMinutes { stream: FundingStream::Universal, minutes: 15 * 900 }]);
    assert_eq!((term.entitled, term.booked), (13_500, 13_500), "every funded hour booked");
    assert_eq!(term.booked_to_date, 14 * 900, "the week of 14 December is still to come");
    assert_eq!(term.attended, 14 * 900 - 300, "away one Tuesday: its 5 funded hours");
    assert_eq!(
        term.months.iter().map(|m| (m.month.to_string(), m.booked, m.invoiced)).collect::<Vec<_>>(),
        [
            ("2026-09".to_string(), 3600, Some(3600)),
            ("2026-10".to_string(), 3600, Some(3000)),
            // Monday 30 November is November's, Tuesday 1 December December's.
            ("2026-11".to_string(), 4200, None),
            ("2026-12".to_string(), 2100, None),
        ]
    );
    assert_eq!(term.months.iter().map(|m| m.booked).sum::<u32>(), term.booked, "each funded minute in one month");
    assert_eq!(
        term.mismatches,
        vec![
            Mismatch::AbsentOnFundedDays { days: vec![day("2026-11-10")] },
            Mismatch::InvoiceDiffers { month: Month::parse("2026-10").unwrap(), invoiced: 3000, booked: 3600 },
            Mismatch::NotInvoiced { month: Month::parse("2026-11").unwrap(), booked: 4200 },
        ]
    );
}

#[test]
fn funding_the_bookings_do_not_use_and_a_code_lapsing_in_term_are_listed() {
    let setup = setup();
    // Mondays only: 10 of the 15 funded hours used each week.
    let patterns = full_days(&[WorkDay::Monday]);
    let changes = BTreeMap::new();
    let lapsing = Claim {
        stream: FundingStream::WorkingParent15,
        code: Some(crate::funding::EligibilityCode::parse("50012345678").unwrap()),
        reconfirm_by: Some(day("2026-10-01")),
        grace_until: Some(day("2026-11-15")),
        ..universal()
    };
    let claims = [lapsing];
    let presence = Presence::new();
    let invoiced = BTreeMap::new();
    let input = ChildTerm {
        month: ChildMonth { setup: &setup, patterns: &patterns, changes: &changes, claims: &claims, extras: &[], attended: None },
        presence: &presence,
        invoiced: &invoiced,
    };
    let term = term_funding(&input, &autumn(), day("2026-09-01"));
    // Funded to the grace period's end (Sunday 15 November): the 10 weeks from 7 September.
    assert_eq!(term.entitled, 10 * 900);
    assert_eq!(term.booked, 10 * 600);
    assert_eq!((term.attended, term.booked_to_date), (0, 0), "nothing has happened yet");
    assert_eq!(
        term.mismatches,
        vec![
            Mismatch::FundingUnused { minutes: 10 * 300 },
            Mismatch::FundingEnds { stream: FundingStream::WorkingParent15, day: day("2026-11-15") },
        ]
    );
}

#[test]
fn a_terms_weeks_and_months() {
    let weeks = term_weeks(&autumn());
    assert_eq!((weeks.first().copied(), weeks.last().copied(), weeks.len()), (Some(day("2026-09-07")), Some(day("2026-12-14")), 15));
    let spring = Term { name: SessionName::parse("Spring").unwrap(), starts: day("2027-01-06"), ends: day("2027-03-31") };
    assert_eq!(term_weeks(&spring)[0], day("2027-01-04"), "a term starting on a Wednesday counts its week");
    assert_eq!(term_months(&spring).iter().map(ToString::to_string).collect::<Vec<_>>(), ["2027-01", "2027-02", "2027-03"]);
}

proptest::proptest! {
    /// Whatever is booked and attended, and whenever asked: what was attended is within what
    /// was booked to date, within what was booked, and every day called away had funding booked.
    #[test]
    fn attended_is_within_booked_and_booked_within_the_term(
        days in proptest::collection::vec(0usize..5, 0..5),
        away in proptest::collection::btree_set(0i64..105, 0..20),
        asked in 0i64..120,
    ) {
        let setup = setup();
        let weekdays: Vec<WorkDay> = days.iter().map(|d| WorkDay::ALL[*d]).collect();
        let patterns = full_days(&weekdays);
        let changes = BTreeMap::new();
        let claims = [universal()];
        let start = day("2026-09-07");
        let presence: Presence = (0..105)
            .filter(|d| !away.contains(d))
            .map(|d| (start.plus_days(d), vec![(ClockTime::parse("08:00").unwrap(), ClockTime::parse("18:00").unwrap())]))
            .collect();
        let invoiced = BTreeMap::new();
        let input = ChildTerm {
            month: ChildMonth { setup: &setup, patterns: &patterns, changes: &changes, claims: &claims, extras: &[], attended: None },
            presence: &presence,
            invoiced: &invoiced,
        };
        let term = term_funding(&input, &autumn(), start.plus_days(asked));
        proptest::prop_assert!(term.attended <= term.booked_to_date && term.booked_to_date <= term.booked && term.booked <= term.entitled);
        for m in &term.mismatches {
            if let Mismatch::AbsentOnFundedDays { days } = m {
                proptest::prop_assert!(days.iter().all(|d| away.contains(&(d.date() - start.date()).whole_days())));
            }
        }
    }
}

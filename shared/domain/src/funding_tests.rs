use super::*;
use proptest::prelude::*;

fn day(raw: &str) -> Day {
    Day::parse(raw).unwrap()
}

fn thirty_hours() -> Claim {
    Claim {
        stream: FundingStream::WorkingParent30,
        delivery: Delivery::Stretched { weeks: 51 },
        code: Some(EligibilityCode::parse("500 1234 5678").unwrap()),
        valid_from: day("2026-09-01"),
        valid_to: None,
        reconfirm_by: Some(day("2027-03-03")),
        grace_until: Some(day("2027-03-31")),
    }
}

#[test]
fn an_eligibility_code_is_eleven_digits() {
    assert_eq!(EligibilityCode::parse("50012345678").unwrap().last_four(), "5678");
    assert_eq!(EligibilityCode::parse(" 500 1234 5678 ").unwrap().to_string(), "50012345678");
    for bad in ["5001234567", "500123456789", "5001234567a", ""] {
        assert!(EligibilityCode::parse(bad).is_err(), "{bad}");
    }
}

#[test]
fn a_working_parent_entitlement_has_its_code_and_dates_and_the_universal_one_none() {
    assert_eq!(check_claims(&[thirty_hours()]), Ok(()));
    let no_code = Claim { code: None, ..thirty_hours() };
    assert_eq!(check_claims(&[no_code]), Err(ClaimError::CodeMissing));
    let universal = Claim { stream: FundingStream::Universal, delivery: Delivery::TermTime, ..thirty_hours() };
    assert_eq!(check_claims(std::slice::from_ref(&universal)), Err(ClaimError::CodeNotWanted));
    let universal = Claim { code: None, reconfirm_by: None, grace_until: None, ..universal };
    assert_eq!(check_claims(&[universal.clone(), thirty_hours()]), Ok(()));
    assert_eq!(check_claims(&[thirty_hours(), thirty_hours()]), Err(ClaimError::Twice));
    let early_grace = Claim { grace_until: Some(day("2027-03-01")), ..thirty_hours() };
    assert_eq!(check_claims(&[early_grace]), Err(ClaimError::GraceBeforeReconfirm));
    let stretched_too_far = Claim { delivery: Delivery::Stretched { weeks: 52 }, ..thirty_hours() };
    assert_eq!(check_claims(&[stretched_too_far]), Err(ClaimError::StretchWeeks));
    let backwards = Claim { valid_to: Some(day("2026-08-01")), ..thirty_hours() };
    assert_eq!(check_claims(&[backwards]), Err(ClaimError::EndsBeforeStart));
    let many = [FundingStream::Universal, FundingStream::TwoYearOld, FundingStream::WorkingParent15, FundingStream::WorkingParentExtended]
        .into_iter()
        .map(|stream| Claim { stream, ..universal.clone() })
        .chain([thirty_hours()])
        .collect::<Vec<_>>();
    assert_eq!(check_claims(&many), Err(ClaimError::TooMany));
}

#[test]
fn a_code_not_reconfirmed_funds_through_its_grace_period_and_then_lapses() {
    let c = thirty_hours();
    assert_eq!(c.status(day("2026-08-31")), ClaimStatus::NotStarted);
    assert_eq!(c.status(day("2027-03-03")), ClaimStatus::Active);
    assert_eq!(c.status(day("2027-03-04")), ClaimStatus::Grace);
    assert!(c.funds(day("2027-03-31")));
    assert_eq!(c.status(day("2027-04-01")), ClaimStatus::Lapsed);
    assert!(!c.funds(day("2027-04-01")));
    let ended = Claim { valid_to: Some(day("2027-01-31")), ..c };
    assert_eq!(ended.status(day("2027-02-01")), ClaimStatus::Ended);
}

#[test]
fn the_family_is_reminded_a_fortnight_ahead_when_the_grace_begins_and_before_it_ends() {
    let due = reminders(&[thirty_hours()]);
    let seen: Vec<(String, Reminder)> = due.iter().map(|d| (d.day.to_string(), d.reminder)).collect();
    assert_eq!(
        seen,
        [
            ("2027-02-17".into(), Reminder::ReconfirmSoon),
            ("2027-03-04".into(), Reminder::GraceBegun),
            ("2027-03-17".into(), Reminder::GraceEndingSoon)
        ]
    );
    let (now, next) = due_between(&[thirty_hours()], Some(day("2027-02-17")), day("2027-03-10"));
    assert_eq!(now.iter().map(|d| d.reminder).collect::<Vec<_>>(), [Reminder::GraceBegun]);
    assert_eq!(next, Some(day("2027-03-17")));
    let (now, next) = due_between(&[thirty_hours()], None, day("2027-01-01"));
    assert!(now.is_empty());
    assert_eq!(next, Some(day("2027-02-17")));
}

proptest! {
    /// However the runs fall, each reminder is due in exactly one run: the runs' windows
    /// (after the last run, up to today) cover every day once.
    #[test]
    fn every_reminder_is_due_exactly_once_across_the_runs(gaps in proptest::collection::vec(1i64..20, 1..40)) {
        let claims = [thirty_hours()];
        let mut since = None;
        let mut today = day("2027-01-01");
        let mut seen = Vec::new();
        for gap in gaps {
            let (now, _) = due_between(&claims, since, today);
            seen.extend(now);
            since = Some(today);
            today = today.plus_days(gap);
        }
        let (now, _) = due_between(&claims, since, day("2028-01-01"));
        seen.extend(now);
        prop_assert_eq!(seen, reminders(&claims));
    }
}

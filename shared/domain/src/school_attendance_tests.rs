use super::*;
use proptest::prelude::*;

/// The published list (see the file's header), as (code, how the census counts it).
fn published() -> Vec<(String, String)> {
    include_str!("school_attendance/dfe-attendance-codes-2024.txt")
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with("//"))
        .filter_map(|l| {
            let mut parts = l.split_whitespace();
            Some((parts.next()?.to_string(), parts.next()?.to_string()))
        })
        .collect()
}

fn counted_as(code: AttendanceCode) -> &'static str {
    if !code.possible() {
        return "not-counted";
    }
    match code.category() {
        CodeCategory::Present => "present",
        CodeCategory::ApprovedActivity => "attending",
        c if c.authorised() == Some(true) => "authorised",
        c if c.authorised() == Some(false) => "unauthorised",
        _ => "?",
    }
}

#[test]
fn the_codes_are_the_published_list() {
    let list = published();
    assert_eq!(list.len(), 34, "{list:?}");
    let ours: Vec<&str> = CODES.iter().map(|c| c.code).collect();
    let theirs: Vec<&str> = list.iter().map(|(c, _)| c.as_str()).collect();
    assert_eq!(ours, theirs, "the same codes, in the regulations' order");
    for (code, counted) in &list {
        let parsed = AttendanceCode::parse(code).unwrap();
        assert_eq!(counted_as(parsed), counted, "{code}: counted as the census counts it");
        assert!(!parsed.meaning().is_empty());
    }
    for withdrawn in ["H", "J", "Y", "F", "", "/ ", "l"] {
        assert!(AttendanceCode::parse(withdrawn).is_err() || withdrawn.trim() == "/", "{withdrawn:?}");
    }
}

#[test]
fn the_present_codes_name_their_session() {
    let am = AttendanceCode::parse("/").unwrap();
    let pm = AttendanceCode::parse("\\").unwrap();
    assert!(am.fits(SchoolSession::Am) && !am.fits(SchoolSession::Pm));
    assert!(pm.fits(SchoolSession::Pm) && !pm.fits(SchoolSession::Am));
    assert!(AttendanceCode::parse("L").unwrap().fits(SchoolSession::Pm));
}

#[test]
fn a_week_is_counted_as_the_census_counts_it() {
    let marks = ["/", "\\", "/", "L", "I", "I", "/", "U", "#", "#"];
    let totals = marks.iter().fold(SessionTotals::default(), |t, c| t.counting(AttendanceCode::parse(c).unwrap()));
    assert_eq!(totals, SessionTotals { possible: 8, attended: 5, authorised_absences: 2, unauthorised_absences: 1 });
    assert_eq!(totals.per_mille(), Some(625));
    assert_eq!(SessionTotals::default().per_mille(), None);
}

proptest! {
    #[test]
    fn every_possible_session_is_attended_or_an_absence(indices in proptest::collection::vec(0..CODES.len(), 0..40)) {
        let totals = indices.iter().fold(SessionTotals::default(), |t, i| t.counting(AttendanceCode::parse(CODES[*i].code).unwrap()));
        prop_assert_eq!(totals.possible, totals.attended + totals.authorised_absences + totals.unauthorised_absences);
        prop_assert!(totals.per_mille().is_none_or(|p| p <= 1000));
    }
}

#[test]
fn a_register_is_kept_for_days_since_the_codes_and_up_to_today() {
    let today = time::macros::date!(2026 - 12 - 07);
    assert!(check_register_day(today, today).is_ok());
    assert!(check_register_day(CODES_IN_FORCE_FROM, today).is_ok());
    assert!(check_register_day(today.next_day().unwrap(), today).is_err(), "not a day still to come");
    assert!(check_register_day(CODES_IN_FORCE_FROM.previous_day().unwrap(), today).is_err(), "not under the old codes");
}

#[test]
fn an_amendment_says_why_and_a_first_mark_does_not() {
    let code = |c: &str| AttendanceCode::parse(c).unwrap();
    assert_eq!(change_to(None, code("/"), SchoolSession::Am, None).unwrap(), (MarkChange::First, None));
    assert!(change_to(None, code("/"), SchoolSession::Am, Some("why")).is_err(), "a reason is for amendments");
    assert!(change_to(None, code("\\"), SchoolSession::Am, None).is_err(), "the afternoon's present code in the morning");
    assert_eq!(change_to(Some(code("N")), code("N"), SchoolSession::Pm, None).unwrap(), (MarkChange::Same, None), "a retry");
    assert!(change_to(Some(code("N")), code("I"), SchoolSession::Pm, None).is_err(), "an amendment without a reason");
    assert!(change_to(Some(code("N")), code("I"), SchoolSession::Pm, Some("  ")).is_err());
    assert_eq!(
        change_to(Some(code("N")), code("I"), SchoolSession::Pm, Some(" Mother rang: ill ")).unwrap(),
        (MarkChange::Amend, Some("Mother rang: ill".to_string()))
    );
    assert!(change_to(Some(code("N")), code("I"), SchoolSession::Pm, Some(&"x".repeat(201))).is_err());
}

proptest! {
    /// Whatever the codes, a change is refused, a retry, a first mark or an amendment with its
    /// reason: never an amendment without one.
    #[test]
    fn no_amendment_goes_without_its_reason(
        current in proptest::option::of(0..CODES.len()),
        wanted in 0..CODES.len(),
        pm in any::<bool>(),
        reason in proptest::option::of("[ a-z]{0,5}"),
    ) {
        let session = if pm { SchoolSession::Pm } else { SchoolSession::Am };
        let current = current.map(|i| AttendanceCode::parse(CODES[i].code).unwrap());
        let wanted = AttendanceCode::parse(CODES[wanted].code).unwrap();
        match change_to(current, wanted, session, reason.as_deref()) {
            Ok((MarkChange::Amend, given)) => prop_assert!(given.is_some_and(|r| !r.is_empty()) && current != Some(wanted)),
            Ok((MarkChange::Same, None)) => prop_assert_eq!(current, Some(wanted)),
            Ok((MarkChange::First, None)) => prop_assert!(current.is_none() && reason.is_none()),
            Ok(other) => prop_assert!(false, "{:?}", other),
            Err(_) => {}
        }
    }
}

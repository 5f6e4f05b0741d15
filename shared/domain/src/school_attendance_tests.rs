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

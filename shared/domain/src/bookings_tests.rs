use super::*;
use crate::{SessionName, SessionTypeId};
use proptest::prelude::*;

fn day(raw: &str) -> Day {
    Day::parse(raw).unwrap()
}

fn session(id: &str, starts: &str, ends: &str, rooms: &[&str]) -> SessionType {
    SessionType {
        session_type_id: SessionTypeId::parse(id).unwrap(),
        name: SessionName::parse(id).unwrap(),
        starts: ClockTime::parse(starts).unwrap(),
        ends: ClockTime::parse(ends).unwrap(),
        price: Price::Session { pence: 3000 },
        rooms: rooms.iter().map(|r| RoomId::parse(r).unwrap()).collect(),
    }
}

fn room() -> RoomId {
    RoomId::parse("tadpoles").unwrap()
}

/// Morning, afternoon and a full day over both; the tadpoles hold 2.
fn setup() -> Setup {
    Setup {
        sessions: vec![
            session("morning", "08:00", "13:00", &[]),
            session("afternoon", "13:00", "18:00", &[]),
            session("day", "08:00", "18:00", &[]),
            session("forest", "09:00", "12:00", &["woodpeckers"]),
        ],
        term_time_only: false,
        terms: vec![],
        closures: vec![Closure { date: day("2026-12-25"), reason: SessionName::parse("Christmas Day").unwrap() }],
        capacities: [(room(), 2)].into_iter().collect(),
        extras: vec![],
        notice_days: 7,
        invoice_from: Default::default(),
    }
    .checked()
    .unwrap()
}

fn week(monday: &[&str]) -> Week {
    Week { monday: monday.iter().map(|s| SessionTypeId::parse(s).unwrap()).collect(), ..Week::default() }
}

#[test]
fn days_and_times_read_and_print_as_written() {
    assert_eq!(day("2026-02-03").to_string(), "2026-02-03");
    assert!(Day::parse("2026-02-30").is_err());
    assert!(Day::parse("3 Feb").is_err());
    assert_eq!(ClockTime::parse("07:45").unwrap().to_string(), "07:45");
    assert_eq!(ClockTime::parse("07:45").unwrap().minutes(), 465);
    for bad in ["7:45", "24:00", "12:60", "noon", "12:5a"] {
        assert!(ClockTime::parse(bad).is_err(), "{bad}");
    }
}

#[test]
fn a_setup_that_makes_no_sense_is_refused_saying_why() {
    let mut s = setup();
    s.sessions[0].ends = s.sessions[0].starts;
    assert_eq!(s.checked(), Err(SetupError::EndsBeforeStart("morning".into())));
    let mut s = setup();
    s.sessions.push(session("morning", "08:00", "09:00", &[]));
    assert_eq!(s.checked(), Err(SetupError::DuplicateSession));
    let term = |name: &str, a: &str, b: &str| Term { name: SessionName::parse(name).unwrap(), starts: day(a), ends: day(b) };
    let mut s = setup();
    s.terms = vec![term("Spring", "2027-01-05", "2027-03-31"), term("Autumn", "2026-09-01", "2027-01-05")];
    assert_eq!(s.checked(), Err(SetupError::TermsOverlap("Autumn".into(), "Spring".into())));
    let mut s = setup();
    s.terms = vec![term("Autumn", "2026-12-18", "2026-09-01")];
    assert_eq!(s.checked(), Err(SetupError::TermBackwards("Autumn".into())));
    let mut s = setup();
    s.closures.push(s.closures[0].clone());
    assert!(matches!(s.checked(), Err(SetupError::DuplicateClosure(_))));
    let mut s = setup();
    s.capacities.insert(room(), 0);
    assert_eq!(s.checked(), Err(SetupError::Capacity));
    let mut s = setup();
    s.term_time_only = true;
    assert_eq!(s.checked(), Err(SetupError::NoTerms));
    let mut s = setup();
    s.sessions[0].price = Price::Hour { pence: MAX_PRICE_PENCE + 1 };
    assert_eq!(s.checked(), Err(SetupError::PriceTooHigh("morning".into())));
}

#[test]
fn the_setting_opens_on_weekdays_but_closures_and_in_term_when_term_time_only() {
    let mut s = setup();
    assert_eq!(s.opening(day("2026-12-07")), Opening::Open, "a Monday");
    assert_eq!(s.opening(day("2026-12-12")), Opening::Weekend);
    assert_eq!(s.opening(day("2026-12-25")), Opening::Closed("Christmas Day".into()));
    s.term_time_only = true;
    s.terms = vec![Term { name: SessionName::parse("Autumn").unwrap(), starts: day("2026-09-02"), ends: day("2026-12-18") }];
    assert_eq!(s.opening(day("2026-12-18")), Opening::Open, "the term's last day");
    assert_eq!(s.opening(day("2026-12-21")), Opening::OutOfTerm);
}

#[test]
fn a_new_pattern_replaces_those_from_its_start_and_keeps_the_days_before() {
    let s = setup();
    let today = day("2026-12-07");
    let first = Pattern { starts: today, week: week(&["morning"]) };
    let later = Pattern { starts: day("2027-01-04"), week: week(&["day"]) };
    let patterns = with_pattern(&s, &room(), &[], first.clone(), today).unwrap();
    let patterns = with_pattern(&s, &room(), &patterns, later.clone(), today).unwrap();
    assert_eq!(patterns, vec![first.clone(), later]);
    let from_new_year = Pattern { starts: day("2026-12-28"), week: week(&["afternoon"]) };
    let patterns = with_pattern(&s, &room(), &patterns, from_new_year.clone(), today).unwrap();
    assert_eq!(patterns, vec![first, from_new_year.clone()], "the January pattern is replaced");
    assert_eq!(pattern_on(&patterns, day("2026-12-14")).unwrap().week, week(&["morning"]));
    assert_eq!(pattern_on(&patterns, day("2027-03-01")), Some(&from_new_year));
    assert_eq!(pattern_on(&patterns, day("2026-12-01")), None, "before any pattern");
}

#[test]
fn a_pattern_names_sessions_offered_in_the_room_that_do_not_overlap_and_starts_from_today() {
    let s = setup();
    let today = day("2026-12-07");
    let p = |w: Week, starts: Day| Pattern { starts, week: w };
    assert_eq!(with_pattern(&s, &room(), &[], p(week(&["morning"]), day("2026-12-04")), today), Err(PatternError::InThePast));
    assert_eq!(with_pattern(&s, &room(), &[], p(week(&["lunch"]), today), today), Err(PatternError::UnknownSession("lunch".into())));
    assert_eq!(with_pattern(&s, &room(), &[], p(week(&["forest"]), today), today), Err(PatternError::NotOfferedInRoom("forest".into())));
    assert_eq!(with_pattern(&s, &room(), &[], p(week(&["morning", "day"]), today), today), Err(PatternError::Overlapping("Monday".into())));
    assert!(with_pattern(&s, &room(), &[], p(week(&["morning", "afternoon"]), today), today).is_ok(), "back to back is fine");
}

#[test]
fn only_the_latest_patterns_are_kept() {
    let s = setup();
    let today = day("2026-12-07");
    let mut patterns = Vec::new();
    for i in 0..(MAX_PATTERNS as i64 + 3) {
        patterns =
            with_pattern(&s, &room(), &patterns, Pattern { starts: today.plus_days(7 * i), week: week(&["morning"]) }, today).unwrap();
    }
    assert_eq!(patterns.len(), MAX_PATTERNS);
    assert_eq!(patterns.last().unwrap().starts, today.plus_days(7 * (MAX_PATTERNS as i64 + 2)));
}

fn change(kind: ChangeKind, id: &str, status: ChangeStatus) -> DayChange<'_> {
    DayChange { kind, session_type_id: id, status }
}

#[test]
fn a_day_is_the_pattern_with_booked_extras_and_without_booked_cancellations() {
    let s = setup();
    let patterns = vec![Pattern { starts: day("2026-12-07"), week: week(&["morning"]) }];
    let monday = day("2026-12-14");
    let ids = |b: Vec<(&SessionType, Source)>| b.into_iter().map(|(s, src)| (s.session_type_id.to_string(), src)).collect::<Vec<_>>();
    assert_eq!(ids(booked_on(&s, &patterns, &[], monday)), vec![("morning".into(), Source::Pattern)]);
    assert_eq!(ids(booked_on(&s, &patterns, &[], day("2026-12-15"))), vec![], "not a Tuesday child");
    let changes =
        [change(ChangeKind::Extra, "afternoon", ChangeStatus::Booked), change(ChangeKind::Cancel, "morning", ChangeStatus::Pending)];
    assert_eq!(
        ids(booked_on(&s, &patterns, &changes, monday)),
        vec![("morning".into(), Source::Pattern), ("afternoon".into(), Source::Extra)],
        "a cancellation waiting changes nothing yet"
    );
    let changes = [change(ChangeKind::Cancel, "morning", ChangeStatus::Booked), change(ChangeKind::Extra, "day", ChangeStatus::Declined)];
    assert_eq!(ids(booked_on(&s, &patterns, &changes, monday)), vec![]);
    let again = [change(ChangeKind::Cancel, "morning", ChangeStatus::Booked), change(ChangeKind::Extra, "morning", ChangeStatus::Booked)];
    assert_eq!(ids(booked_on(&s, &patterns, &again, monday)), vec![("morning".into(), Source::Pattern)], "cancelled, then booked again");
    let christmas =
        [Pattern { starts: day("2026-12-07"), week: Week { friday: vec![SessionTypeId::parse("day").unwrap()], ..Week::default() } }];
    assert_eq!(ids(booked_on(&s, &christmas, &[], day("2026-12-25"))), vec![], "closed");
}

#[test]
fn a_child_counts_once_in_the_room_however_many_of_their_sessions_overlap() {
    let s = setup();
    let morning = s.session("morning").unwrap();
    let afternoon = s.session("afternoon").unwrap();
    let day_session = s.session("day").unwrap();
    let both: Vec<(&SessionType, Source)> = vec![(morning, Source::Pattern), (afternoon, Source::Extra)];
    let full_day: Vec<(&SessionType, Source)> = vec![(day_session, Source::Pattern)];
    let afternoons: Vec<(&SessionType, Source)> = vec![(afternoon, Source::Pattern)];
    let children = [both.as_slice(), full_day.as_slice(), afternoons.as_slice()];
    assert_eq!(occupancy(morning, children), 2);
    assert_eq!(occupancy(day_session, children), 3);
    assert_eq!(occupancy(afternoon, children), 3);
}

fn request<'a>(
    kind: ChangeKind,
    session: &'a SessionType,
    day: Day,
    booked: &'a [(&'a SessionType, Source)],
    occupancy: u32,
    room: &'a RoomId,
) -> Request<'a> {
    Request { kind, session, day, room, booked, occupancy }
}

#[test]
fn a_request_with_notice_and_room_is_booked_at_once_otherwise_it_waits() {
    let s = setup();
    let r = room();
    let today = day("2026-12-07");
    let afternoon = s.session("afternoon").unwrap();
    let morning = s.session("morning").unwrap();
    let in_a_fortnight = day("2026-12-21");
    assert_eq!(decide(&s, today, &request(ChangeKind::Extra, afternoon, in_a_fortnight, &[], 1, &r)), Ok(Outcome::Booked));
    assert_eq!(decide(&s, today, &request(ChangeKind::Extra, afternoon, in_a_fortnight, &[], 2, &r)), Ok(Outcome::Full));
    assert_eq!(decide(&s, today, &request(ChangeKind::Extra, afternoon, day("2026-12-10"), &[], 0, &r)), Ok(Outcome::ShortNotice));
    assert_eq!(
        decide(&s, today, &request(ChangeKind::Extra, afternoon, day("2026-12-14"), &[], 0, &r)),
        Ok(Outcome::Booked),
        "exactly a week"
    );
    let elsewhere = RoomId::parse("woodpeckers").unwrap();
    assert_eq!(decide(&s, today, &request(ChangeKind::Extra, afternoon, in_a_fortnight, &[], 0, &elsewhere)), Ok(Outcome::NoCapacity));
    let booked = [(morning, Source::Pattern)];
    assert_eq!(
        decide(&s, today, &request(ChangeKind::Cancel, morning, in_a_fortnight, &booked, 2, &r)),
        Ok(Outcome::Booked),
        "full rooms take cancellations"
    );
    assert_eq!(decide(&s, today, &request(ChangeKind::Cancel, morning, today, &booked, 2, &r)), Ok(Outcome::ShortNotice));
}

#[test]
fn a_request_that_makes_no_sense_is_refused() {
    let s = setup();
    let r = room();
    let today = day("2026-12-07");
    let morning = s.session("morning").unwrap();
    let day_session = s.session("day").unwrap();
    let forest = s.session("forest").unwrap();
    let booked = [(morning, Source::Pattern)];
    let on = |kind, session, d, booked| decide(&s, today, &request(kind, session, d, booked, 0, &r));
    assert_eq!(on(ChangeKind::Extra, morning, day("2026-12-04"), &[]), Err(RequestRefusal::InThePast));
    assert_eq!(on(ChangeKind::Extra, morning, day("2028-01-03"), &[]), Err(RequestRefusal::TooFarAhead));
    assert_eq!(on(ChangeKind::Extra, morning, day("2026-12-25"), &[]), Err(RequestRefusal::NotOpen));
    assert_eq!(on(ChangeKind::Extra, morning, day("2026-12-19"), &[]), Err(RequestRefusal::NotOpen), "a Saturday");
    assert_eq!(on(ChangeKind::Extra, forest, day("2026-12-21"), &[]), Err(RequestRefusal::NotOfferedInRoom));
    assert_eq!(on(ChangeKind::Extra, day_session, day("2026-12-21"), &booked), Err(RequestRefusal::AlreadyBooked), "overlaps the morning");
    assert_eq!(on(ChangeKind::Cancel, day_session, day("2026-12-21"), &booked), Err(RequestRefusal::NotBooked));
}

proptest! {
    /// However the day stands, an extra booked at once never takes the room past its capacity,
    /// and nothing asked with less notice than the setting needs is booked without a manager.
    #[test]
    fn nothing_booked_at_once_overfills_a_room_or_skips_the_notice(
        occupancy in 0u32..12,
        capacity in 1u32..10,
        notice in 0u8..14,
        ahead in -3i64..30,
        cancel in any::<bool>(),
    ) {
        let mut s = setup();
        s.capacities.insert(room(), capacity);
        s.notice_days = notice;
        let r = room();
        let today = day("2026-12-07");
        let d = today.plus_days(ahead);
        let morning = s.session("morning").unwrap();
        let booked = [(morning, Source::Pattern)];
        let (kind, booked): (ChangeKind, &[(&SessionType, Source)]) = if cancel { (ChangeKind::Cancel, &booked) } else { (ChangeKind::Extra, &[]) };
        match decide(&s, today, &request(kind, morning, d, booked, occupancy, &r)) {
            Ok(Outcome::Booked) => {
                prop_assert!(d >= today.plus_days(i64::from(notice)));
                if kind == ChangeKind::Extra {
                    prop_assert!(occupancy < capacity, "booking makes {} of {}", occupancy + 1, capacity);
                }
            }
            Ok(_) => prop_assert!(d >= today),
            Err(RequestRefusal::InThePast) => prop_assert!(d < today),
            Err(RequestRefusal::NotOpen) => prop_assert!(s.opening(d) != Opening::Open),
            Err(other) => prop_assert!(false, "unexpected refusal {other}"),
        }
    }

    /// A day's bookings are the pattern's sessions changed by each booked change in turn,
    /// whatever those changes are; requests not booked change nothing.
    #[test]
    fn a_days_bookings_follow_only_booked_changes_in_order(
        regular in proptest::sample::subsequence(vec!["morning", "afternoon"], 0..=2),
        changes in proptest::collection::vec((0usize..3, any::<bool>(), 0usize..3), 0..6),
    ) {
        let s = setup();
        let patterns = vec![Pattern { starts: day("2026-12-07"), week: week(&regular) }];
        let ids = ["morning", "afternoon", "day"];
        let statuses = [ChangeStatus::Booked, ChangeStatus::Pending, ChangeStatus::Declined];
        let changes: Vec<DayChange<'_>> = changes
            .iter()
            .map(|(i, extra, st)| change(if *extra { ChangeKind::Extra } else { ChangeKind::Cancel }, ids[*i], statuses[*st]))
            .collect();
        let booked: BTreeSet<String> = booked_on(&s, &patterns, &changes, day("2026-12-14")).into_iter().map(|(s, _)| s.session_type_id.to_string()).collect();
        for id in ids {
            let mut expected = regular.contains(&id);
            for c in changes.iter().filter(|c| c.session_type_id == id && c.status == ChangeStatus::Booked) {
                expected = c.kind == ChangeKind::Extra;
            }
            prop_assert_eq!(booked.contains(id), expected, "{}", id);
        }
    }
}

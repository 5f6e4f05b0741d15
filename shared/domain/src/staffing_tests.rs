use super::*;
use crate::bookings::{Price, SessionType};
use crate::{SessionName, SessionTypeId};
use proptest::prelude::*;

fn t(raw: &str) -> ClockTime {
    ClockTime::parse(raw).unwrap()
}

fn session(id: &str, starts: &str, ends: &str) -> SessionType {
    SessionType {
        session_type_id: SessionTypeId::parse(id).unwrap(),
        name: SessionName::parse(id).unwrap(),
        starts: t(starts),
        ends: t(ends),
        price: Price::Session { pence: 3000 },
        rooms: vec![],
    }
}

fn setup() -> Setup {
    Setup { sessions: vec![session("morning", "07:30", "13:00"), session("afternoon", "13:00", "18:00")], ..Setup::default() }
}

fn shift(user: &str, room: &str, day: WorkDay, starts: &str, ends: &str) -> Shift {
    Shift { user_id: UserId::parse(user).unwrap(), room_id: RoomId::parse(room).unwrap(), day, starts: t(starts), ends: t(ends) }
}

#[test]
fn the_forecast_runs_hour_by_hour_from_the_first_session_to_the_last() {
    let hours = forecast_hours(&setup());
    assert_eq!(hours.len(), 11, "07:00 to 18:00");
    assert_eq!((hours[0].0.to_string(), hours[0].1.to_string()), ("07:00".into(), "08:00".into()));
    assert_eq!(hours[10].1.to_string(), "18:00");
    assert!(forecast_hours(&Setup::default()).is_empty());
}

#[test]
fn each_hour_counts_the_children_booked_into_it_and_the_ratio_engine_says_the_staff() {
    let s = setup();
    let (morning, afternoon) = (&s.sessions[0], &s.sessions[1]);
    // Four babies all day, five twos in the morning, nine three-year-olds in the afternoon.
    let mut children: Vec<(AgeGroup, Vec<&SessionType>)> = Vec::new();
    children.extend((0..4).map(|_| (AgeGroup::Under2, vec![morning, afternoon])));
    children.extend((0..5).map(|_| (AgeGroup::Two, vec![morning])));
    children.extend((0..9).map(|_| (AgeGroup::ThreePlus, vec![afternoon])));
    let day = forecast_room_day(&s, &children);
    let at = |h: &str| day.iter().find(|f| f.starts == t(h)).unwrap();
    assert_eq!(at("09:00").children, Headcount { under_2: 4, two: 5, three_plus: 0 });
    assert_eq!(at("09:00").needed, 3, "4/3 + 5/5 = 2.33: three adults");
    assert_eq!(at("14:00").children, Headcount { under_2: 4, two: 0, three_plus: 9 });
    assert_eq!(at("14:00").needed, 3, "4/3 + 9/8 = 2.46");
    assert_eq!(at("14:00").needed_with_graduate, Some(3), "4/3 + 9/13 = 2.03");
    assert_eq!(at("07:00").needed_with_graduate, None, "the 1:13 ratio applies from 08:00");
    assert_eq!(at("16:00").needed_with_graduate, None, "and until 16:00");
    assert_eq!(at("12:00").children.total(), 9, "the morning's last hour");
}

#[test]
fn a_rota_has_nobody_in_two_places_and_counts_each_person_once() {
    let shifts = vec![
        shift("priya", "acorns", WorkDay::Monday, "08:00", "13:00"),
        shift("priya", "oaks", WorkDay::Monday, "13:00", "18:00"),
        shift("sam", "acorns", WorkDay::Monday, "07:30", "18:00"),
    ];
    assert_eq!(check_rota(&shifts), Ok(()));
    let acorns = RoomId::parse("acorns").unwrap();
    assert_eq!(rostered(&shifts, &acorns, WorkDay::Monday, t("12:00"), t("13:00")), 2);
    assert_eq!(rostered(&shifts, &acorns, WorkDay::Monday, t("13:00"), t("14:00")), 1, "Priya has moved to the oaks");
    assert_eq!(rostered(&shifts, &acorns, WorkDay::Tuesday, t("09:00"), t("10:00")), 0);
    let mut twice = shifts.clone();
    twice.push(shift("sam", "oaks", WorkDay::Monday, "09:00", "10:00"));
    assert_eq!(check_rota(&twice), Err(RotaError::TwoPlacesAtOnce(WorkDay::Monday)));
    assert_eq!(check_rota(&[shift("sam", "oaks", WorkDay::Friday, "10:00", "09:00")]), Err(RotaError::EndsBeforeStart));
}

#[test]
fn a_weeks_rota_holds_a_bounded_number_of_shifts() {
    let days = WorkDay::ALL;
    let shifts: Vec<Shift> =
        (0..=MAX_SHIFTS_PER_WEEK).map(|i| shift(&format!("staff-{i}"), "acorns", days[i % 5], "08:00", "13:00")).collect();
    assert_eq!(check_rota(&shifts[..MAX_SHIFTS_PER_WEEK]), Ok(()));
    assert_eq!(check_rota(&shifts), Err(RotaError::TooMany));
}

#[test]
fn a_week_is_kept_under_its_monday() {
    let thursday = Day::parse("2026-12-10").unwrap();
    assert_eq!(monday_of(thursday).to_string(), "2026-12-07");
    assert!(is_monday(monday_of(thursday)));
    assert_eq!(WorkDay::Friday.in_week(monday_of(thursday)).to_string(), "2026-12-11");
}

proptest! {
    /// Booking one more child into a room never lowers the staff it needs at any hour.
    #[test]
    fn one_more_child_never_lowers_the_need(
        children in proptest::collection::vec((0usize..3, 0usize..3), 0..30),
        extra in (0usize..3, 0usize..3),
    ) {
        let s = setup();
        let ages = [AgeGroup::Under2, AgeGroup::Two, AgeGroup::ThreePlus];
        let sessions = |i: usize| -> Vec<&SessionType> { match i { 0 => vec![&s.sessions[0]], 1 => vec![&s.sessions[1]], _ => vec![&s.sessions[0], &s.sessions[1]] } };
        let before: Vec<(AgeGroup, Vec<&SessionType>)> = children.iter().map(|(a, i)| (ages[*a], sessions(*i))).collect();
        let mut after = before.clone();
        after.push((ages[extra.0], sessions(extra.1)));
        for (b, a) in forecast_room_day(&s, &before).iter().zip(forecast_room_day(&s, &after).iter()) {
            prop_assert!(a.needed >= b.needed);
            prop_assert!(a.children.total() <= b.children.total() + 1);
        }
    }
}

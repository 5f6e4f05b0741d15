//! Sessions and bookings against the in-memory table: the setup and what is refused before
//! anything is written, patterns, families' changes booked at once or waiting, the managers'
//! decisions and the email that tells the family.

use super::*;
use nestling_domain::{AgeBand, GuardianAccess, Role};
use nestling_platform::records::{FundingRecord, InvoiceRecord, RotaRecord};
use nestling_platform::store::text_of;
use nestling_platform::testing::{Person, World};
use serde_json::{json, Value};

struct Setting {
    w: World,
    room: RoomId,
    ava: ChildId,
    ben: ChildId,
    mum: Person,
    grandad: Person,
    practitioner: Person,
}

fn setting() -> Setting {
    let w = World::new();
    let room = w.room("Robins", AgeBand::Two);
    let practitioner = w.member(Role::Practitioner);
    let ava = w.child("Ava", &room, &practitioner);
    let ben = w.child("Ben", &room, &practitioner);
    let mum = w.guardian_of(&ava, GuardianAccess::Parent);
    let grandad = w.guardian_of(&ava, GuardianAccess::Family);
    Setting { w, room, ava, ben, mum, grandad, practitioner }
}

fn slug(answer: &Value) -> &str {
    answer["type"].as_str().and_then(|t| t.rsplit('/').next()).unwrap_or_default()
}

fn today(w: &World) -> Day {
    Day::new(nestling_domain::care::local(w.app.clock.now(), "Europe/London").date())
}

/// The first weekday at least a day ahead: inside any notice of a week or more, whatever
/// today is (the Monday after a Monday is a whole week away).
fn next_weekday(w: &World) -> Day {
    let mut d = today(w).plus_days(1);
    while matches!(d.weekday(), time::Weekday::Saturday | time::Weekday::Sunday) {
        d = d.plus_days(1);
    }
    d
}

/// The first Monday at least `days` ahead.
fn monday_after(w: &World, days: i64) -> Day {
    let mut d = today(w).plus_days(days);
    while d.weekday() != time::Weekday::Monday {
        d = d.plus_days(1);
    }
    d
}

fn setup_body(room: &RoomId, capacity: u32) -> Value {
    json!({
        "sessions": [
            { "name": "Morning", "starts": "08:00", "ends": "13:00", "price": { "per": "session", "pence": 3200 } },
            { "name": "Afternoon", "starts": "13:00", "ends": "18:00", "price": { "per": "hour", "pence": 650 } }
        ],
        "capacities": { room.as_str(): capacity },
        "noticeDays": 7
    })
}

/// Saves the setup and answers the ids of its morning and afternoon.
async fn set_up(s: &Setting, capacity: u32) -> (String, String) {
    let w = &s.w;
    let path = format!("/v1/settings/{}/booking-setup", w.setting_id);
    let req = w.request_with(Some(&w.manager), "PUT", &path, Some(&setup_body(&s.room, capacity)), &[("if-match", "0")]);
    let (status, saved) = w.call(set_setup, req).await;
    assert_eq!(status, 200, "{saved}");
    let id = |i: usize| saved["setup"]["sessions"][i]["sessionTypeId"].as_str().unwrap().to_string();
    (id(0), id(1))
}

async fn pattern(s: &Setting, child: &ChildId, monday: &[&str]) -> (u16, Value) {
    let w = &s.w;
    let path = format!("/v1/settings/{}/children/{child}/booking-pattern", w.setting_id);
    let body = json!({ "starts": today(w).to_string(), "week": { "monday": monday } });
    w.call(set_pattern, w.request(Some(&w.manager), "PUT", &path, Some(&body))).await
}

/// Mornings every weekday from today.
async fn weekday_mornings(s: &Setting, child: &ChildId, morning: &str) -> u16 {
    let w = &s.w;
    let path = format!("/v1/settings/{}/children/{child}/booking-pattern", w.setting_id);
    let every = json!([morning]);
    let week = json!({ "monday": every, "tuesday": every, "wednesday": every, "thursday": every, "friday": every });
    let body = json!({ "starts": today(w).to_string(), "week": week });
    w.call(set_pattern, w.request(Some(&w.manager), "PUT", &path, Some(&body))).await.0
}

async fn ask(s: &Setting, who: &Person, child: &ChildId, date: Day, session: &str, change: &str) -> (u16, Value) {
    let w = &s.w;
    let path = format!("/v1/settings/{}/children/{child}/booking-requests", w.setting_id);
    let body = json!({ "date": date.to_string(), "sessionTypeId": session, "change": change });
    w.call(request_change, w.request(Some(who), "POST", &path, Some(&body))).await
}

fn day_record(w: &World, date: Day) -> Option<BookingDayRecord> {
    w.get(&BookingDayRecord::key(&w.setting_id, &date.to_string()))
}

#[tokio::test]
async fn a_manager_sets_up_the_sessions_and_a_stale_or_senseless_setup_changes_nothing() {
    let s = setting();
    let w = &s.w;
    let path = format!("/v1/settings/{}/booking-setup", w.setting_id);
    let (status, empty) = w.call(get_setup, w.request(Some(&s.mum), "GET", &path, None)).await;
    assert_eq!((status, empty["version"].as_u64()), (200, Some(0)), "families read it, empty at first");
    let (morning, _) = set_up(&s, 2).await;
    // A practitioner may not; a stale version, a session ending before it starts or a room of
    // another setting are refused and nothing is written.
    let body = setup_body(&s.room, 2);
    let (status, _) = w.call(set_setup, w.request_with(Some(&s.practitioner), "PUT", &path, Some(&body), &[("if-match", "1")])).await;
    assert_eq!(status, 403);
    let (status, answer) = w.call(set_setup, w.request_with(Some(&w.manager), "PUT", &path, Some(&body), &[("if-match", "0")])).await;
    assert_eq!((status, slug(&answer)), (409, "conflict"));
    let mut backwards = body.clone();
    backwards["sessions"][0]["ends"] = json!("07:00");
    let (status, answer) = w.call(set_setup, w.request_with(Some(&w.manager), "PUT", &path, Some(&backwards), &[("if-match", "1")])).await;
    assert_eq!(status, 422, "{answer}");
    assert!(answer["detail"].as_str().unwrap().contains("must end after it starts"), "{answer}");
    let mut elsewhere = body.clone();
    elsewhere["capacities"] = json!({ "room-of-another-setting": 4 });
    let (status, _) = w.call(set_setup, w.request_with(Some(&w.manager), "PUT", &path, Some(&elsewhere), &[("if-match", "1")])).await;
    assert_eq!(status, 422);
    let stored: BookingSetupRecord = w.get(&BookingSetupRecord::key(&w.setting_id)).unwrap();
    assert_eq!(stored.version, 1);
    assert_eq!(stored.setup.sessions[0].session_type_id, morning.as_str());
    assert_eq!(stored.setup.capacities.get(&s.room), Some(&2));
    assert_eq!(w.items_of_kind("audit").iter().filter(|a| text_of(a, "action") == Some("booking.setup.set")).count(), 1);
}

#[tokio::test]
async fn a_childs_pattern_names_the_settings_sessions_and_a_session_in_use_stays() {
    let s = setting();
    let w = &s.w;
    let (status, answer) = pattern(&s, &s.ava, &["anything"]).await;
    assert_eq!((status, slug(&answer)), (409, "no-sessions"));
    let (morning, afternoon) = set_up(&s, 2).await;
    let (status, answer) = pattern(&s, &s.ava, &["lunch"]).await;
    assert_eq!(status, 422, "{answer}");
    let (status, answer) = pattern(&s, &s.ava, &[&morning, &afternoon]).await;
    assert_eq!(status, 200, "{answer}");
    let roster: RosterRecord = w.get(&RosterRecord::key(&w.setting_id)).unwrap();
    assert_eq!(roster.children[&s.ava].booking_patterns.len(), 1, "the roster carries it");
    // A practitioner may not set one.
    let path = format!("/v1/settings/{}/children/{}/booking-pattern", w.setting_id, s.ava);
    let body = json!({ "starts": today(w).to_string(), "week": {} });
    let (status, _) = w.call(set_pattern, w.request(Some(&s.practitioner), "PUT", &path, Some(&body))).await;
    assert_eq!(status, 403);
    // Dropping the afternoon while Ava's pattern names it is refused.
    let mut only_mornings = setup_body(&s.room, 2);
    only_mornings["sessions"] = json!([{ "sessionTypeId": morning, "name": "Morning", "starts": "08:00", "ends": "13:00", "price": { "per": "session", "pence": 3200 } }]);
    let path = format!("/v1/settings/{}/booking-setup", w.setting_id);
    let (status, answer) =
        w.call(set_setup, w.request_with(Some(&w.manager), "PUT", &path, Some(&only_mornings), &[("if-match", "1")])).await;
    assert_eq!((status, slug(&answer)), (409, "session-in-use"), "{answer}");
    assert!(answer["detail"].as_str().unwrap().contains("Afternoon"));
}

#[tokio::test]
async fn a_change_with_notice_and_room_is_booked_at_once_and_the_rest_waits_for_a_manager() {
    let s = setting();
    let w = &s.w;
    let (morning, afternoon) = set_up(&s, 1).await;
    assert_eq!(weekday_mornings(&s, &s.ava, &morning).await, 200);
    assert_eq!(weekday_mornings(&s, &s.ben, &morning).await, 200);
    let far = monday_after(w, 14);
    // An afternoon in a fortnight: the room has space.
    let (status, booked) = ask(&s, &s.mum, &s.ava, far, &afternoon, "extra").await;
    assert_eq!((status, booked["status"].as_str()), (201, Some("booked")), "{booked}");
    // Cancelling her regular morning then is booked too, and frees the place.
    let (status, cancelled) = ask(&s, &s.mum, &s.ava, far, &morning, "cancel").await;
    assert_eq!((status, cancelled["status"].as_str()), (201, Some("booked")), "{cancelled}");
    // The same change inside the notice waits.
    let soon = next_weekday(w);
    let (status, waiting) = ask(&s, &s.mum, &s.ava, soon, &afternoon, "extra").await;
    assert_eq!((status, waiting["status"].as_str(), waiting["outcome"].as_str()), (201, Some("pending"), Some("short-notice")));
    let (status, again) = ask(&s, &s.mum, &s.ava, soon, &afternoon, "extra").await;
    assert_eq!((status, slug(&again)), (409, "request-waiting"));
    // Nonsense is refused and writes nothing.
    let before = day_record(w, far).unwrap().changes.len();
    for (date, session, change) in
        [(far, &afternoon, "extra"), (far.plus_days(5), &morning, "extra"), (today(w).plus_days(-7), &morning, "cancel")]
    {
        let (status, answer) = ask(&s, &s.mum, &s.ava, date, session, change).await;
        assert_eq!(status, 422, "{date} {answer}");
    }
    assert_eq!(day_record(w, far).unwrap().changes.len(), before);
    // A family member books nothing; the stranger to the child is not told it exists.
    assert_eq!(ask(&s, &s.grandad, &s.ava, far, &afternoon, "extra").await.0, 403);
    let bens_mum = w.guardian_of(&s.ben, GuardianAccess::Parent);
    assert_eq!(ask(&s, &bens_mum, &s.ava, far, &afternoon, "extra").await.0, 404);
    // Ben's afternoon in the fortnight: Ava's afternoon fills the room (capacity 1), so it waits.
    let (status, full) = ask(&s, &bens_mum, &s.ben, far, &afternoon, "extra").await;
    assert_eq!((status, full["outcome"].as_str()), (201, Some("full")), "{full}");
    // The day is on the managers' index while anything waits.
    assert_eq!(day_record(w, far).unwrap().gsi1pk, Some(keys::bookings_waiting(&w.setting_id)));
}

#[tokio::test]
async fn a_child_month_shows_the_pattern_and_every_change_and_the_read_is_logged() {
    let s = setting();
    let w = &s.w;
    let (morning, afternoon) = set_up(&s, 3).await;
    assert_eq!(pattern(&s, &s.ava, &[&morning]).await.0, 200);
    let far = monday_after(w, 14);
    assert_eq!(ask(&s, &s.mum, &s.ava, far, &afternoon, "extra").await.0, 201);
    let month = &far.to_string()[..7];
    let path = format!("/v1/settings/{}/children/{}/bookings?month={month}", w.setting_id, s.ava);
    let (status, view) = w.call(get_bookings, w.request(Some(&s.mum), "GET", &path, None)).await;
    assert_eq!(status, 200, "{view}");
    let days = view["days"].as_array().unwrap();
    let that = days.iter().find(|d| d["date"] == far.to_string()).unwrap();
    let names: Vec<&str> = that["sessions"].as_array().unwrap().iter().map(|s| s["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Morning", "Afternoon"]);
    assert_eq!(that["sessions"][1]["source"], "extra");
    assert_eq!(that["changes"][0]["requestedByName"], s.mum.name.as_str());
    let saturday = days.iter().find(|d| d["date"] == far.plus_days(5).to_string()).unwrap();
    assert_eq!((saturday["opening"]["state"].as_str(), saturday["sessions"].as_array().unwrap().len()), (Some("weekend"), 0));
    assert_eq!(view["offered"].as_array().unwrap().len(), 2);
    assert!(w.items_of_kind("audit").iter().any(|a| text_of(a, "action") == Some("bookings.view")));
    // The key person reads it; a family member does not.
    assert_eq!(w.call(get_bookings, w.request(Some(&s.practitioner), "GET", &path, None)).await.0, 200);
    assert_eq!(w.call(get_bookings, w.request(Some(&s.grandad), "GET", &path, None)).await.0, 403);
    let bad = format!("/v1/settings/{}/children/{}/bookings?month=December", w.setting_id, s.ava);
    assert_eq!(w.call(get_bookings, w.request(Some(&s.mum), "GET", &bad, None)).await.0, 422);
}

#[tokio::test]
async fn a_manager_approves_or_declines_what_waits_and_the_family_is_told() {
    let s = setting();
    let w = &s.w;
    let (morning, afternoon) = set_up(&s, 3).await;
    assert_eq!(weekday_mornings(&s, &s.ava, &morning).await, 200);
    let soon = next_weekday(w);
    let (_, extra) = ask(&s, &s.mum, &s.ava, soon, &afternoon, "extra").await;
    let (_, cancel) = ask(&s, &s.mum, &s.ava, soon, &morning, "cancel").await;
    let path = format!("/v1/settings/{}/booking-requests", w.setting_id);
    let (status, list) = w.call(list_waiting, w.request(Some(&w.manager), "GET", &path, None)).await;
    assert_eq!(status, 200, "{list}");
    let items = list["items"].as_array().unwrap();
    assert_eq!(items.len(), 2, "{list}");
    assert_eq!((items[0]["childName"].as_str(), items[0]["roomName"].as_str()), (Some("Ava Test"), Some("Robins")));
    assert_eq!((items[0]["occupancy"].as_u64(), items[0]["capacity"].as_u64()), (Some(0), Some(3)), "the afternoon is empty");
    assert_eq!(w.call(list_waiting, w.request(Some(&s.practitioner), "GET", &path, None)).await.0, 403);
    let decide = |id: &Value, approve: bool| {
        let path = format!("/v1/settings/{}/booking-requests/{soon}/{}/decision", w.setting_id, id.as_str().unwrap());
        w.request(Some(&w.manager), "POST", &path, Some(&json!({ "approve": approve, "note": "See you then" })))
    };
    let (status, approved) = w.call(decide_request, decide(&extra["requestId"], true)).await;
    assert_eq!((status, approved["status"].as_str()), (200, Some("booked")), "{approved}");
    let (status, again) = w.call(decide_request, decide(&extra["requestId"], false)).await;
    assert_eq!((status, slug(&again)), (409, "request-decided"));
    let (status, declined) = w.call(decide_request, decide(&cancel["requestId"], false)).await;
    assert_eq!((status, declined["status"].as_str()), (200, Some("declined")));
    let day = day_record(w, soon).unwrap();
    assert_eq!(day.gsi1pk, None, "nothing waits: off the managers' index");
    let setup = w.get::<BookingSetupRecord>(&BookingSetupRecord::key(&w.setting_id)).unwrap().setup;
    let child: ChildRecord = w.get(&ChildRecord::key(&w.setting_id, &s.ava)).unwrap();
    let booked: Vec<String> = bookings::booked_on(&setup, &child.booking_patterns, &day.changes_of(&s.ava), soon)
        .iter()
        .map(|(s, _)| s.name.to_string())
        .collect();
    assert_eq!(booked, ["Morning", "Afternoon"], "the cancellation was declined, the extra approved");
    let mails: Vec<String> = w
        .items_of_kind("outbox")
        .iter()
        .filter(|m| text_of(m, "purpose") == Some("booking-decision") && text_of(m, "to") == Some(s.mum.email.as_str()))
        .filter_map(|m| text_of(m, "text").map(str::to_string))
        .collect();
    assert_eq!(mails.len(), 2, "{mails:?}");
    assert!(
        mails.iter().any(|m| m.contains("an extra Afternoon session") && m.contains("approved") && m.contains("See you then")),
        "{mails:?}"
    );
    // A manager's own change for the family is booked at once, even inside the notice.
    let (status, own) = ask(&s, &w.manager, &s.ava, soon.plus_days(1), &afternoon, "extra").await;
    assert_eq!((status, own["status"].as_str(), own["outcome"].as_str()), (201, Some("booked"), Some("short-notice")));
}

#[tokio::test]
async fn a_day_holds_a_bounded_number_of_changes_and_the_full_day_fits_its_item() {
    use nestling_domain::bounds::MAX_BOOKING_CHANGES_PER_DAY;
    use nestling_platform::store::to_item;
    let s = setting();
    let w = &s.w;
    let (morning, afternoon) = set_up(&s, 300).await;
    let far = monday_after(w, 14);
    // A full day, as long-named as people get: each change by a parent with a 100-character name.
    let mut day = BookingDayRecord::empty(&w.setting_id, &far.to_string());
    for i in 0..MAX_BOOKING_CHANGES_PER_DAY {
        day.changes.push(BookingChangeRecord {
            request_id: w.app.new_id(),
            child_id: w.app.new_id(),
            session_type_id: SessionTypeId::parse(&morning).unwrap(),
            change: ChangeKind::Extra,
            status: ChangeStatus::Declined,
            outcome: Outcome::Full,
            requested_by: s.mum.user_id.clone(),
            requested_by_name: "N".repeat(100),
            requested_at: Timestamp::new(w.app.clock.now()),
            decided: Some(BookingDecision {
                by: w.manager.user_id.clone(),
                by_name: "M".repeat(100),
                at: Timestamp::new(w.app.clock.now()),
                note: format!("{i}"),
            }),
        });
    }
    day.version = 1;
    let item = to_item(&day);
    let size = nestling_platform::table::item_size(&item);
    assert!(size < 400_000, "a full day is {size} bytes");
    w.table.insert(item);
    let before = w.table.items();
    let (status, answer) = ask(&s, &s.mum, &s.ava, far, &afternoon, "extra").await;
    assert_eq!((status, slug(&answer)), (422, "limit-reached"), "{answer}");
    assert_eq!(w.table.items(), before, "nothing written");
}

#[tokio::test]
async fn the_weeks_forecast_counts_the_children_booked_in_against_the_rota() {
    let s = setting();
    let w = &s.w;
    let (morning, _) = set_up(&s, 10).await;
    let week = json!({ "monday": [morning], "tuesday": [morning] });
    for child in [&s.ava, &s.ben] {
        let path = format!("/v1/settings/{}/children/{child}/booking-pattern", w.setting_id);
        let (status, _) = w
            .call(set_pattern, w.request(Some(&w.manager), "PUT", &path, Some(&json!({ "starts": today(w).to_string(), "week": week }))))
            .await;
        assert_eq!(status, 200);
    }
    let monday = monday_after(w, 1);
    let rota_path = format!("/v1/settings/{}/rota/{monday}", w.setting_id);
    let shift = |user: &Person, day: &str, starts: &str, ends: &str| json!({ "userId": user.user_id, "roomId": s.room, "day": day, "starts": starts, "ends": ends });
    let rota = json!({ "shifts": [shift(&s.practitioner, "monday", "08:00", "13:00")] });
    // Refused, nothing written: a practitioner; a parent on the rota; one person twice at once;
    // a week that does not start on a Monday; a stale version.
    let put = |who: &Person, path: &str, body: &Value, version: &str| {
        w.request_with(Some(who), "PUT", path, Some(body), &[("if-match", version)])
    };
    assert_eq!(w.call(staffing::set_rota, put(&s.practitioner, &rota_path, &rota, "0")).await.0, 403);
    let parent = json!({ "shifts": [shift(&s.mum, "monday", "08:00", "13:00")] });
    assert_eq!(w.call(staffing::set_rota, put(&w.manager, &rota_path, &parent, "0")).await.0, 422);
    let twice =
        json!({ "shifts": [shift(&s.practitioner, "monday", "08:00", "13:00"), shift(&s.practitioner, "monday", "12:00", "14:00")] });
    assert_eq!(w.call(staffing::set_rota, put(&w.manager, &rota_path, &twice, "0")).await.0, 422);
    let tuesday_path = format!("/v1/settings/{}/rota/{}", w.setting_id, monday.plus_days(1));
    assert_eq!(w.call(staffing::set_rota, put(&w.manager, &tuesday_path, &rota, "0")).await.0, 422);
    assert_eq!(w.call(staffing::set_rota, put(&w.manager, &rota_path, &rota, "3")).await.0, 409);
    assert!(w.get::<RotaRecord>(&RotaRecord::key(&w.setting_id, &monday.to_string())).is_none());
    let (status, saved) = w.call(staffing::set_rota, put(&w.manager, &rota_path, &rota, "0")).await;
    assert_eq!(status, 200, "{saved}");
    assert_eq!(saved["shifts"][0]["name"], s.practitioner.name.as_str());

    let path = format!("/v1/settings/{}/staffing?week={monday}", w.setting_id);
    assert_eq!(w.call(staffing::get_staffing, w.request(Some(&s.practitioner), "GET", &path, None)).await.0, 403);
    let (status, forecast) = w.call(staffing::get_staffing, w.request(Some(&w.manager), "GET", &path, None)).await;
    assert_eq!(status, 200, "{forecast}");
    let robins = forecast["rooms"].as_array().unwrap().iter().find(|r| r["name"] == "Robins").unwrap();
    let hour =
        |day: usize, starts: &str| robins["days"][day]["hours"].as_array().unwrap().iter().find(|h| h["starts"] == starts).unwrap().clone();
    // Ava and Ben (three) in the morning: one adult needed, and the practitioner is on the rota on Monday.
    let monday_nine = hour(0, "09:00");
    assert_eq!(monday_nine["children"], json!({ "under2": 0, "two": 0, "threePlus": 2 }));
    assert_eq!(
        (monday_nine["needed"].as_u64(), monday_nine["rostered"].as_u64(), monday_nine["short"].as_bool()),
        (Some(1), Some(1), Some(false))
    );
    let tuesday_nine = hour(1, "09:00");
    assert_eq!((tuesday_nine["rostered"].as_u64(), tuesday_nine["short"].as_bool()), (Some(0), Some(true)), "nobody on Tuesday's rota");
    let wednesday_nine = hour(2, "09:00");
    assert_eq!((wednesday_nine["needed"].as_u64(), wednesday_nine["short"].as_bool()), (Some(0), Some(false)), "no one booked");
    let afternoon = hour(0, "14:00");
    assert_eq!(afternoon["needed"].as_u64(), Some(0));
}

fn thirty_hours(w: &World, reconfirm_in: i64) -> Value {
    json!({
        "stream": "working-parent-30",
        "delivery": { "taken": "stretched", "weeks": 51 },
        "code": "500 1234 5678",
        "validFrom": today(w).to_string(),
        "reconfirmBy": today(w).plus_days(reconfirm_in).to_string(),
        "graceUntil": today(w).plus_days(reconfirm_in + 28).to_string()
    })
}

#[tokio::test]
async fn a_manager_records_the_funding_and_the_parents_with_responsibility_read_it() {
    let s = setting();
    let w = &s.w;
    let path = format!("/v1/settings/{}/children/{}/funding", w.setting_id, s.ava);
    let put = |who: &Person, body: &Value, version: &str| w.request_with(Some(who), "PUT", &path, Some(body), &[("if-match", version)]);
    let body = json!({ "claims": [thirty_hours(w, 20)] });
    // Refused and nothing written: a practitioner; a parent; a code of ten digits; a universal
    // entitlement with a code; a stale version.
    assert_eq!(w.call(funding::set_funding, put(&s.practitioner, &body, "0")).await.0, 403);
    assert_eq!(w.call(funding::set_funding, put(&s.mum, &body, "0")).await.0, 403);
    let mut short_code = body.clone();
    short_code["claims"][0]["code"] = json!("5001234567");
    assert_eq!(w.call(funding::set_funding, put(&w.manager, &short_code, "0")).await.0, 422);
    let mut universal = body.clone();
    universal["claims"][0]["stream"] = json!("universal");
    let (status, answer) = w.call(funding::set_funding, put(&w.manager, &universal, "0")).await;
    assert_eq!(status, 422, "{answer}");
    assert_eq!(w.call(funding::set_funding, put(&w.manager, &body, "2")).await.0, 409);
    assert!(w.get::<FundingRecord>(&FundingRecord::key(&w.setting_id, &s.ava)).is_none());
    let (status, saved) = w.call(funding::set_funding, put(&w.manager, &body, "0")).await;
    assert_eq!(status, 200, "{saved}");
    assert_eq!((saved["claims"][0]["status"].as_str(), saved["claims"][0]["hoursAYear"].as_u64()), (Some("active"), Some(1140)));
    let stored: FundingRecord = w.get(&FundingRecord::key(&w.setting_id, &s.ava)).unwrap();
    assert_eq!(
        stored.gsi1sk.as_deref().map(|sk| sk[..10].to_string()),
        Some(today(w).plus_days(6).to_string()),
        "reminded a fortnight ahead"
    );
    let (status, read) = w.call(funding::get_funding, w.request(Some(&s.mum), "GET", &path, None)).await;
    assert_eq!((status, read["claims"][0]["code"].as_str()), (200, Some("50012345678")));
    assert!(w.items_of_kind("audit").iter().any(|a| text_of(a, "action") == Some("funding.view")));
    assert_eq!(w.call(funding::get_funding, w.request(Some(&s.grandad), "GET", &path, None)).await.0, 403);
    assert_eq!(w.call(funding::get_funding, w.request(Some(&s.practitioner), "GET", &path, None)).await.0, 403);
}

#[tokio::test]
async fn families_and_managers_are_reminded_once_before_a_code_is_due_and_when_its_grace_begins() {
    let s = setting();
    let w = &s.w;
    let path = format!("/v1/settings/{}/children/{}/funding", w.setting_id, s.ava);
    let body = json!({ "claims": [thirty_hours(w, 20)] });
    let (status, _) = w.call(funding::set_funding, w.request_with(Some(&w.manager), "PUT", &path, Some(&body), &[("if-match", "0")])).await;
    assert_eq!(status, 200);
    let told = |w: &World| -> Vec<(String, String)> {
        w.items_of_kind("outbox")
            .iter()
            .filter(|m| text_of(m, "purpose") == Some("funding-reminder"))
            .map(|m| (text_of(m, "to").unwrap_or_default().to_string(), text_of(m, "subject").unwrap_or_default().to_string()))
            .collect()
    };
    let now = w.app.clock.now();
    assert_eq!(funding::send_reminders(&w.app, now).await.unwrap(), 0, "nothing due yet");
    let day = |d: i64| now + time::Duration::days(d);
    assert_eq!(funding::send_reminders(&w.app, day(6)).await.unwrap(), 2, "her mother and the manager, not her grandfather");
    assert_eq!(funding::send_reminders(&w.app, day(6)).await.unwrap(), 0, "a re-run sends nothing twice");
    let mails = told(w);
    assert!(
        mails.contains(&(s.mum.email.clone(), "Reconfirm Ava's childcare code by ".to_string() + &long_date(today(w).plus_days(20)))),
        "{mails:?}"
    );
    assert!(mails.iter().any(|(to, _)| to == &w.manager.email));
    assert!(!mails.iter().any(|(to, _)| to == &s.grandad.email));
    // Three weeks on, the code was not reconfirmed: the grace period has begun.
    assert_eq!(funding::send_reminders(&w.app, day(21)).await.unwrap(), 2);
    assert!(told(w).iter().any(|(_, subject)| subject == "Ava's childcare code was not reconfirmed"), "{:?}", told(w));
    let stored: FundingRecord = w.get(&FundingRecord::key(&w.setting_id, &s.ava)).unwrap();
    assert_eq!(
        stored.gsi1sk.as_deref().map(|sk| sk[..10].to_string()),
        Some(today(w).plus_days(34).to_string()),
        "a fortnight before the grace ends"
    );
    assert!(w.items_of_kind("audit").iter().filter(|a| text_of(a, "action") == Some("funding.reminder")).count() >= 4);
}

/// A month after the pattern begins, with the clock moved into it: the month, and the pattern
/// of weekday mornings with lunch offered every day.
async fn a_booked_month(s: &Setting) -> (nestling_domain::invoicing::Month, String) {
    let w = &s.w;
    let (morning, _) = set_up(s, 10).await;
    let path = format!("/v1/settings/{}/booking-setup", w.setting_id);
    let mut body = setup_body(&s.room, 10);
    body["sessions"][0]["sessionTypeId"] = json!(morning);
    body["sessions"].as_array_mut().unwrap().truncate(1);
    body["extras"] =
        json!([{ "kind": "food", "name": "Lunch", "pence": 350, "days": ["monday", "tuesday", "wednesday", "thursday", "friday"] }]);
    let (status, saved) = w.call(set_setup, w.request_with(Some(&w.manager), "PUT", &path, Some(&body), &[("if-match", "1")])).await;
    assert_eq!(status, 200, "{saved}");
    let lunch = saved["setup"]["extras"][0]["extraId"].as_str().unwrap().to_string();
    let every = json!([morning]);
    let week = json!({ "monday": every, "tuesday": every, "wednesday": every, "thursday": every, "friday": every });
    let path = format!("/v1/settings/{}/children/{}/booking-pattern", w.setting_id, s.ava);
    let body = json!({ "starts": monday_after(w, 1).to_string(), "week": week });
    assert_eq!(w.call(set_pattern, w.request(Some(&w.manager), "PUT", &path, Some(&body))).await.0, 200);
    let month = nestling_domain::invoicing::Month::of(today(w).plus_days(40));
    w.app.clock.advance(time::Duration::days(45));
    (month, lunch)
}

/// The manager issues `month` for the first time (its version 0): the answer.
async fn issue_first(w: &World, month: nestling_domain::invoicing::Month) -> Value {
    let issue = format!("/v1/settings/{}/invoices/{month}/issue", w.setting_id);
    let (status, issued) =
        w.call(invoices::issue_month, w.request_with(Some(&w.manager), "POST", &issue, None, &[("if-match", "0")])).await;
    assert_eq!(status, 200, "{issued}");
    issued
}

#[tokio::test]
async fn a_month_is_issued_once_to_its_payers_and_each_reads_only_their_own() {
    let s = setting();
    let w = &s.w;
    let dad = w.guardian_of(&s.ava, GuardianAccess::Parent);
    let (month, lunch) = a_booked_month(&s).await;
    let month_path = format!("/v1/settings/{}/invoices?month={month}", w.setting_id);
    let preview = |who: &Person| w.call(invoices::month_invoices, w.request(Some(who), "GET", &month_path, None));
    // Two parents with responsibility and no choice made: not invoiced, and why.
    let (status, before) = preview(&w.manager).await;
    assert_eq!(status, 200, "{before}");
    assert_eq!(before["toIssue"], json!([]));
    assert_eq!(before["notInvoiced"][0]["reason"], "Choose who pays: more than one parent has parental responsibility.");
    assert_eq!(preview(&s.practitioner).await.0, 403);
    assert_eq!(preview(&s.mum).await.0, 403);

    // Who pays: the managers set it; what cannot be is refused and nothing written.
    let billing_path = format!("/v1/settings/{}/children/{}/billing", w.setting_id, s.ava);
    let put =
        |who: &Person, body: &Value, version: &str| w.request_with(Some(who), "PUT", &billing_path, Some(body), &[("if-match", version)]);
    let split = json!({ "by": "percent", "shares": [[s.mum.user_id.as_str(), 6000], [dad.user_id.as_str(), 4000]] });
    let body = json!({ "payers": [s.mum.user_id.as_str(), dad.user_id.as_str()], "split": split, "extras": [lunch] });
    assert_eq!(w.call(invoices::set_billing, put(&s.practitioner, &body, "0")).await.0, 403);
    assert_eq!(w.call(invoices::set_billing, put(&s.mum, &body, "0")).await.0, 403);
    let grandad_pays = json!({ "payers": [s.grandad.user_id.as_str()] });
    assert_eq!(w.call(invoices::set_billing, put(&w.manager, &grandad_pays, "0")).await.0, 422, "family access has no responsibility");
    let no_split = json!({ "payers": [s.mum.user_id.as_str(), dad.user_id.as_str()] });
    assert_eq!(w.call(invoices::set_billing, put(&w.manager, &no_split, "0")).await.0, 422);
    let pony = json!({ "payers": [s.mum.user_id.as_str()], "extras": ["pony"] });
    assert_eq!(w.call(invoices::set_billing, put(&w.manager, &pony, "0")).await.0, 422);
    assert!(w
        .get::<nestling_platform::records::BillingRecord>(&nestling_platform::records::BillingRecord::key(&w.setting_id, &s.ava))
        .is_none());
    let (status, saved) = w.call(invoices::set_billing, put(&w.manager, &body, "0")).await;
    assert_eq!(status, 200, "{saved}");
    assert_eq!(saved["responsible"].as_array().unwrap().len(), 2);
    assert!(saved["responsible"][0].get("email").is_none(), "separated parents do not see each other's address");
    let (status, read) = w.call(invoices::get_billing, w.request(Some(&dad), "GET", &billing_path, None)).await;
    assert_eq!((status, read["version"].as_u64()), (200, Some(1)));
    assert_eq!(w.call(invoices::get_billing, w.request(Some(&s.grandad), "GET", &billing_path, None)).await.0, 403);

    // The preview: each payer's part, adding up to the whole to the penny.
    let (_, ready) = preview(&w.manager).await;
    let drafts = ready["toIssue"].as_array().unwrap();
    assert_eq!(drafts.len(), 2, "{ready}");
    let whole = |d: &Value| d["bill"]["total"].as_i64().unwrap();
    let weekdays = (month.first().date().day()..=month.last().date().day())
        .filter(|d| month.first().plus_days(i64::from(*d) - 1).weekday().number_days_from_monday() < 5)
        .count() as i64;
    assert_eq!(whole(&drafts[0]) + whole(&drafts[1]), weekdays * (3200 + 350), "every weekday's morning and lunch");
    let issue_path = format!("/v1/settings/{}/invoices/{month}/issue", w.setting_id);
    let issue = |who: &Person, version: &str| {
        w.call(invoices::issue_month, w.request_with(Some(who), "POST", &issue_path, None, &[("if-match", version)]))
    };
    assert_eq!(issue(&s.mum, "0").await.0, 403);
    assert_eq!(issue(&w.manager, "3").await.0, 409);
    let (status, issued) = issue(&w.manager, "0").await;
    assert_eq!(status, 200, "{issued}");
    let ids: Vec<&str> = issued["issuedNow"].as_array().unwrap().iter().map(|i| i["invoiceId"].as_str().unwrap()).collect();
    assert_eq!(ids, [format!("{month}-0001"), format!("{month}-0002")]);
    let (status, again) = issue(&w.manager, "1").await;
    assert_eq!((status, slug(&again)), (409, "nothing-to-issue"), "a child and payer are invoiced once a month");
    let mails: Vec<String> = w
        .items_of_kind("outbox")
        .iter()
        .filter(|m| text_of(m, "purpose") == Some("invoice"))
        .map(|m| text_of(m, "to").unwrap_or_default().to_string())
        .collect();
    assert_eq!(mails.len(), 2);
    assert!(mails.contains(&s.mum.email) && mails.contains(&dad.email));

    // Each payer reads their own, and not the other's; family access and staff see none.
    let mine = |who: &Person| {
        w.call(invoices::my_invoices, w.request(Some(who), "GET", &format!("/v1/settings/{}/my-invoices", w.setting_id), None))
    };
    let (status, hers) = mine(&s.mum).await;
    assert_eq!(status, 200, "{hers}");
    assert_eq!(hers["items"].as_array().unwrap().len(), 1);
    assert_eq!(hers["items"][0]["payerId"], s.mum.user_id.as_str());
    let her_id = hers["items"][0]["invoiceId"].as_str().unwrap().to_string();
    let his_id = ids.iter().find(|i| **i != her_id).unwrap().to_string();
    assert_eq!(mine(&s.grandad).await.0, 403);
    assert_eq!(mine(&s.practitioner).await.0, 403);
    let one = |who: &Person, id: &str| {
        w.call(invoices::get_invoice, w.request(Some(who), "GET", &format!("/v1/settings/{}/invoices/{id}", w.setting_id), None))
    };
    let (status, invoice) = one(&s.mum, &her_id).await;
    assert_eq!((status, invoice["bill"]["lines"][0]["kind"].as_str()), (200, Some("paid-hours")), "{invoice}");
    assert_eq!(one(&s.mum, &his_id).await.0, 404, "another payer's invoice is not found");
    assert_eq!(one(&s.grandad, &her_id).await.0, 403);
    assert_eq!(one(&s.practitioner, &her_id).await.0, 403);
    assert_eq!(one(&w.manager, &his_id).await.0, 200);
    let reads = w.items_of_kind("audit").iter().filter(|a| text_of(a, "action") == Some("invoice.view")).count();
    assert_eq!(reads, 2, "every read of an invoice is in the access log");

    let pdf_path = format!("/v1/settings/{}/invoices/{her_id}/pdf", w.setting_id);
    let response = invoices::invoice_pdf(w.app.clone(), w.request(Some(&s.mum), "GET", &pdf_path, None)).await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "application/pdf");
    let bytes = response.body().to_vec();
    assert!(bytes.starts_with(b"%PDF-"));
    let text = String::from_utf8_lossy(&bytes);
    for words in ["Invoice", her_id.as_str(), "Morning: paid hours", "Lunch", "Total", "your part of each line"] {
        assert!(text.contains(words), "the PDF says {words}");
    }
    assert!(w.items_of_kind("audit").iter().any(|a| text_of(a, "action") == Some("invoice.download")));
    let his_pdf = format!("/v1/settings/{}/invoices/{his_id}/pdf", w.setting_id);
    assert_eq!(w.call(invoices::invoice_pdf, w.request(Some(&s.mum), "GET", &his_pdf, None)).await.0, 404);

    // A correction: the family stops lunch. Her invoice stays; a credit note cancels it whole
    // and a replacement without lunch takes its place, both with the reason.
    let no_lunch = json!({ "payers": [s.mum.user_id.as_str(), dad.user_id.as_str()], "split": body["split"].clone() });
    assert_eq!(w.call(invoices::set_billing, put(&w.manager, &no_lunch, "1")).await.0, 200);
    let correct = |who: &Person, id: &str, version: &str| {
        let path = format!("/v1/settings/{}/invoices/{id}/correct", w.setting_id);
        let body = json!({ "reason": "extras-changed", "note": "Lunch stopped from the 1st." });
        w.call(invoices::correct_invoice, w.request_with(Some(who), "POST", &path, Some(&body), &[("if-match", version)]))
    };
    assert_eq!(correct(&s.mum, &her_id, "1").await.0, 403);
    assert_eq!(correct(&w.manager, &her_id, "0").await.0, 409, "stale");
    let before = w.get::<InvoiceRecord>(&InvoiceRecord::key(&w.setting_id, &nestling_domain::InvoiceId::parse(&her_id).unwrap())).unwrap();
    let (status, corrected) = correct(&w.manager, &her_id, "1").await;
    assert_eq!(status, 200, "{corrected}");
    assert_eq!(corrected["creditNote"]["total"].as_i64(), Some(-before.bill.total.0), "the credit note cancels it whole");
    assert_eq!(corrected["creditNote"]["document"], "credit-note");
    let replacement_id = corrected["replacement"]["invoiceId"].as_str().unwrap().to_string();
    let replacement =
        w.get::<InvoiceRecord>(&InvoiceRecord::key(&w.setting_id, &nestling_domain::InvoiceId::parse(&replacement_id).unwrap())).unwrap();
    assert!(replacement.bill.lines.iter().all(|l| l.description != "Lunch"), "no lunch now");
    assert_eq!(replacement.corrects.as_ref().map(|i| i.as_str()), Some(her_id.as_str()));
    assert_eq!(replacement.correction.as_ref().map(|c| c.note.as_str()), Some("Lunch stopped from the 1st."));
    let after = w.get::<InvoiceRecord>(&InvoiceRecord::key(&w.setting_id, &nestling_domain::InvoiceId::parse(&her_id).unwrap())).unwrap();
    assert_eq!(after.bill, before.bill, "an issued invoice never changes");
    let (status, again) = correct(&w.manager, &her_id, "2").await;
    assert_eq!((status, slug(&again)), (409, "invoice-corrected"));
    let credit_id = corrected["creditNote"]["invoiceId"].as_str().unwrap().to_string();
    assert_eq!(slug(&correct(&w.manager, &credit_id, "2").await.1), "invoice-corrected", "a credit note is not corrected");
    assert_eq!(slug(&correct(&w.manager, &replacement_id, "2").await.1), "invoice-unchanged", "worked out again, it is the same");
    let (_, hers) = mine(&s.mum).await;
    assert_eq!(hers["items"].as_array().unwrap().len(), 3, "the invoice, its credit note and its replacement");
    let subjects: Vec<String> = w
        .items_of_kind("outbox")
        .iter()
        .filter(|m| text_of(m, "to") == Some(s.mum.email.as_str()))
        .filter_map(|m| text_of(m, "subject").map(str::to_string))
        .collect();
    assert!(subjects.iter().any(|t| t.starts_with("A credit note for Ava's invoice")), "{subjects:?}");
    assert!(subjects.iter().any(|t| t.starts_with("Ava's corrected invoice")), "{subjects:?}");
    let credit_pdf = invoices::invoice_document(
        &w.get::<InvoiceRecord>(&InvoiceRecord::key(&w.setting_id, &nestling_domain::InvoiceId::parse(&credit_id).unwrap())).unwrap(),
    );
    let words = credit_pdf.page_texts().join("\n");
    assert!(
        words.contains(&format!("Credit note {credit_id}"))
            && words.contains("because the extras changed")
            && words.contains("Lunch stopped"),
        "{words}"
    );
}

#[tokio::test]
async fn a_month_not_begun_is_not_issued_and_a_sole_parent_pays_without_a_choice() {
    let s = setting();
    let w = &s.w;
    let (month, _) = a_booked_month(&s).await;
    let next = month.next().next();
    let issue = |m: String| {
        w.call(
            invoices::issue_month,
            w.request_with(
                Some(&w.manager),
                "POST",
                &format!("/v1/settings/{}/invoices/{m}/issue", w.setting_id),
                None,
                &[("if-match", "0")],
            ),
        )
    };
    let (status, answer) = issue(next.to_string()).await;
    assert_eq!((status, slug(&answer)), (409, "month-not-begun"));
    assert_eq!(issue("2027-13".into()).await.0, 422);
    // Her mother is the one parent with responsibility: she pays, with no choice recorded.
    let (status, issued) = issue(month.to_string()).await;
    assert_eq!(status, 200, "{issued}");
    assert_eq!(issued["issuedNow"][0]["payerId"], s.mum.user_id.as_str());
    let stored: InvoiceRecord =
        w.get(&InvoiceRecord::key(&w.setting_id, &nestling_domain::InvoiceId::parse(&format!("{month}-0001")).unwrap())).unwrap();
    assert!(stored.bill.lines.iter().all(|l| l.kind != nestling_domain::billing::LineKind::Food), "lunch only where opted in");
    assert_eq!(stored.due, today(w).plus_days(nestling_domain::invoicing::PAYMENT_DAYS));
}

#[tokio::test]
async fn payments_are_recorded_for_a_payer_and_the_statement_says_what_is_owed_and_overdue() {
    let s = setting();
    let w = &s.w;
    let (month, _) = a_booked_month(&s).await;
    let issued = issue_first(w, month).await;
    let owed = issued["issuedNow"][0]["total"].as_i64().unwrap();
    let payments = format!("/v1/settings/{}/payers/{}/payments", w.setting_id, s.mum.user_id);
    let pay = |who: &Person, body: Value, key: &str| {
        w.call(invoices::record_payment, w.request_with(Some(who), "POST", &payments, Some(&body), &[("idempotency-key", key)]))
    };
    let tfc = |reference: &str, amount: i64| json!({ "amount": amount, "method": "tax-free-childcare", "reference": reference, "receivedOn": today(w).to_string() });
    // Refused and nothing written: a parent; a TFC payment without its reference; nothing paid;
    // a day ahead; someone never invoiced here.
    assert_eq!(pay(&s.mum, tfc("AJON12345TFC", 1000), "k1").await.0, 403);
    assert_eq!(pay(&w.manager, tfc("AJON1234", 1000), "k2").await.0, 422);
    assert_eq!(pay(&w.manager, tfc("AJON12345TFC", 0), "k3").await.0, 422);
    let mut ahead = tfc("AJON12345TFC", 1000);
    ahead["receivedOn"] = json!(today(w).plus_days(1).to_string());
    assert_eq!(pay(&w.manager, ahead, "k4").await.0, 422);
    let stranger = format!("/v1/settings/{}/payers/{}/payments", w.setting_id, s.grandad.user_id);
    let (status, _) = w
        .call(
            invoices::record_payment,
            w.request_with(Some(&w.manager), "POST", &stranger, Some(&tfc("AJON12345TFC", 10)), &[("idempotency-key", "k5")]),
        )
        .await;
    assert_eq!(status, 422, "not a bill payer");
    assert!(w.items_of_kind("payment").is_empty());
    // A part payment, retried with the same key: one payment.
    let (status, paid) = pay(&w.manager, tfc("ajon 12345 tfc", 1000), "k6").await;
    assert_eq!((status, paid["reference"].as_str()), (201, Some("AJON12345TFC")), "{paid}");
    assert_eq!(pay(&w.manager, tfc("ajon 12345 tfc", 1000), "k6").await.0, 201);
    assert_eq!(w.items_of_kind("payment").len(), 1, "a retry records nothing twice");

    let statement_path = format!("/v1/settings/{}/payers/{}/statement", w.setting_id, s.mum.user_id);
    let read = |who: &Person| w.call(invoices::get_statement, w.request(Some(who), "GET", &statement_path, None));
    let (status, hers) = read(&s.mum).await;
    assert_eq!(status, 200, "{hers}");
    assert_eq!(hers["statement"]["balance"].as_i64(), Some(owed - 1000));
    assert_eq!(hers["statement"]["overdue"].as_i64(), Some(0), "not due for a fortnight");
    assert_eq!(hers["statement"]["entries"].as_array().unwrap().len(), 2);
    assert_eq!(read(&w.manager).await.0, 200);
    assert_eq!(read(&s.grandad).await.0, 403, "family access sees no money");
    assert_eq!(read(&s.practitioner).await.0, 403);
    let dad = w.guardian_of(&s.ava, GuardianAccess::Parent);
    assert_eq!(read(&dad).await.0, 404, "another payer's statement is not found");
    let never = format!("/v1/settings/{}/payers/{}/statement", w.setting_id, s.grandad.user_id);
    assert_eq!(
        w.call(invoices::get_statement, w.request(Some(&w.manager), "GET", &never, None)).await.0,
        404,
        "no account for someone never invoiced"
    );
    assert!(w.items_of_kind("audit").iter().any(|a| text_of(a, "action") == Some("statement.view")));
    // A fortnight and a day on, unpaid: overdue.
    w.app.clock.advance(time::Duration::days(15));
    let (_, later) = read(&s.mum).await;
    assert_eq!(later["statement"]["overdue"].as_i64(), Some(owed - 1000));
}

#[tokio::test]
async fn an_unpaid_invoice_reminds_its_payer_after_its_due_day_then_fortnightly_until_paid() {
    let s = setting();
    let w = &s.w;
    let (month, _) = a_booked_month(&s).await;
    let issued = issue_first(w, month).await;
    let owed = issued["issuedNow"][0]["total"].as_i64().unwrap();
    let invoice_id = issued["issuedNow"][0]["invoiceId"].as_str().unwrap().to_string();
    let stored: nestling_platform::records::InvoiceRemindersRecord =
        w.get(&nestling_platform::records::InvoiceRemindersRecord::key(&w.setting_id, month)).unwrap();
    assert_eq!(stored.next, Some(today(w).plus_days(15)), "looked at the day after it falls due");
    let reminders = |w: &World| -> Vec<(String, String, String)> {
        w.items_of_kind("outbox")
            .iter()
            .filter(|m| text_of(m, "purpose") == Some("invoice-overdue"))
            .map(|m| {
                let field = |f: &str| text_of(m, f).unwrap_or_default().to_string();
                (field("to"), field("subject"), field("text"))
            })
            .collect()
    };
    let payments = format!("/v1/settings/{}/payers/{}/payments", w.setting_id, s.mum.user_id);
    let pay = |amount: i64, key: &str| {
        let body = json!({ "amount": amount, "method": "bank-transfer", "reference": "Ava", "receivedOn": today(w).to_string() });
        w.call(invoices::record_payment, w.request_with(Some(&w.manager), "POST", &payments, Some(&body), &[("idempotency-key", key)]))
    };
    assert_eq!(pay(1000, "part").await.0, 201);
    let now = w.app.clock.now();
    let day = |d: i64| now + time::Duration::days(d);
    assert_eq!(overdue::send_reminders(&w.app, now).await.unwrap(), 0, "not due yet");
    assert_eq!(overdue::send_reminders(&w.app, day(14)).await.unwrap(), 0, "due today is not overdue");
    assert_eq!(overdue::send_reminders(&w.app, day(15)).await.unwrap(), 1, "the day after it fell due");
    assert_eq!(overdue::send_reminders(&w.app, day(15)).await.unwrap(), 0, "a re-run sends nothing twice");
    let sent = reminders(w);
    assert_eq!(sent.len(), 1);
    let (to, subject, text) = &sent[0];
    assert_eq!(to, &s.mum.email, "to the payer, not to family access");
    assert!(subject.starts_with("Ava's invoice for ") && subject.ends_with(" is overdue"), "{subject}");
    let left = nestling_domain::billing::Pence(owed - 1000).to_string();
    assert!(text.contains(&invoice_id) && text.contains(&format!("{left} of it is still to pay")), "{text}");
    assert_eq!(overdue::send_reminders(&w.app, day(28)).await.unwrap(), 0, "not within a fortnight");
    assert_eq!(overdue::send_reminders(&w.app, day(29)).await.unwrap(), 1, "a fortnight on, still unpaid");
    // Paid in full: no more, and the month is off the index.
    w.app.clock.advance(time::Duration::days(30));
    assert_eq!(pay(owed - 1000, "rest").await.0, 201);
    assert_eq!(overdue::send_reminders(&w.app, day(43)).await.unwrap(), 0);
    assert_eq!(reminders(w).len(), 2);
    let stored: nestling_platform::records::InvoiceRemindersRecord =
        w.get(&nestling_platform::records::InvoiceRemindersRecord::key(&w.setting_id, month)).unwrap();
    assert_eq!((stored.next, stored.gsi1pk), (None, None), "nothing more to look at");
    assert_eq!(stored.reminded[&invoice_id].len(), 2);
    assert_eq!(w.items_of_kind("audit").iter().filter(|a| text_of(a, "action") == Some("invoice.overdue-reminder")).count(), 2);
}

#[tokio::test]
async fn a_payer_in_credit_is_refunded_and_tax_free_childcare_money_goes_back_to_its_account() {
    let s = setting();
    let w = &s.w;
    let (month, _) = a_booked_month(&s).await;
    let issued = issue_first(w, month).await;
    let owed = issued["issuedNow"][0]["total"].as_i64().unwrap();
    let payments = format!("/v1/settings/{}/payers/{}/payments", w.setting_id, s.mum.user_id);
    let record = |body: Value, key: &str| {
        w.call(invoices::record_payment, w.request_with(Some(&w.manager), "POST", &payments, Some(&body), &[("idempotency-key", key)]))
    };
    let on = today(w).to_string();
    let refund = |method: &str, reference: &str, amount: i64| json!({ "amount": amount, "direction": "refund", "method": method, "reference": reference, "receivedOn": on });
    // Nothing in credit: no refund.
    let (status, refused) = record(refund("bank-transfer", "", 100), "r0").await;
    assert_eq!((status, slug(&refused)), (422, "validation-failed"), "{refused}");
    // £50 over: the invoice and £30 from her childcare account yesterday, £20 by bank today.
    let yesterday = today(w).plus_days(-1).to_string();
    let tfc = json!({ "amount": owed + 3000, "method": "tax-free-childcare", "reference": "AJON12345TFC", "receivedOn": yesterday });
    assert_eq!(record(tfc, "p1").await.0, 201);
    let bank = json!({ "amount": 2000, "method": "bank-transfer", "reference": "Ava", "receivedOn": on });
    assert_eq!(record(bank, "p2").await.0, 201);
    let (status, refused) = record(refund("bank-transfer", "", 2001), "r1").await;
    assert_eq!(status, 422, "the childcare account's money goes back there first");
    assert!(refused["detail"].as_str().unwrap().contains("Tax-Free Childcare"), "{refused}");
    assert_eq!(record(refund("tax-free-childcare", "BSMI54321TFC", 100), "r2").await.0, 422, "not an account she paid from");
    assert_eq!(record(refund("tax-free-childcare", "AJON12345TFC", 5001), "r3").await.0, 422, "more than her credit");
    assert_eq!(w.items_of_kind("payment").len(), 2, "nothing refused was written");
    let (status, back) = record(refund("tax-free-childcare", "ajon12345tfc", 3000), "r4").await;
    assert_eq!((status, back["direction"].as_str()), (201, Some("refund")), "{back}");
    assert_eq!(record(refund("bank-transfer", "", 2000), "r5").await.0, 201, "the rest by bank");
    assert_eq!(record(refund("cash", "", 1), "r6").await.0, 422, "nothing left in credit");
    let statement_path = format!("/v1/settings/{}/payers/{}/statement", w.setting_id, s.mum.user_id);
    let (status, hers) = w.call(invoices::get_statement, w.request(Some(&s.mum), "GET", &statement_path, None)).await;
    assert_eq!(status, 200, "{hers}");
    assert_eq!(hers["statement"]["balance"].as_i64(), Some(0));
    let kinds: Vec<&str> = hers["statement"]["entries"].as_array().unwrap().iter().map(|e| e["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds.iter().filter(|k| **k == "refund").count(), 2, "{kinds:?}");
    assert!(w.items_of_kind("audit").iter().any(|a| text_of(a, "action") == Some("refund.record")));
}

/// The register's record of `child` at the setting on each of `days`, 08:00 to 12:30 (UTC).
async fn attended(w: &World, child: &ChildId, days: &[Day]) {
    use nestling_platform::records::{AttendanceSession, ChildDayRecord, DayRecord};
    let mut writes = Vec::new();
    for d in days {
        let mut record = DayRecord::empty(&w.setting_id, &d.to_string());
        let at = |h: u8, m: u8| Timestamp::new(d.date().with_hms(h, m, 0).unwrap().assume_utc());
        let session = AttendanceSession {
            in_at: at(8, 0),
            in_by: w.manager.user_id.clone(),
            in_recorded_at: None,
            out_recorded_at: None,
            out_at: Some(at(12, 30)),
            out_by: Some(w.manager.user_id.clone()),
            collected_by: None,
        };
        record.children.insert(child.clone(), ChildDayRecord { sessions: vec![session], absence: None });
        record.version = 1;
        writes.push(w.app.store().put(to_item(&record)));
    }
    w.app.store().transact(writes).await.unwrap();
}

/// Moves the clock to midday (UTC) of `day`.
fn clock_to(w: &World, day: Day) {
    let now = w.app.clock.now();
    let target = day.date().with_hms(12, 0, 0).unwrap().assume_utc();
    w.app.clock.advance(target - now);
}

#[tokio::test]
async fn the_terms_headcount_reconciles_each_funded_child_and_lists_what_does_not_match() {
    let s = setting();
    let w = &s.w;
    let (morning, afternoon) = set_up(&s, 10).await;
    let path = format!("/v1/settings/{}/funding/headcount", w.setting_id);
    let read = |who: &Person, query: &str| w.call(headcount::get_headcount, w.request(Some(who), "GET", &format!("{path}{query}"), None));
    let (status, answer) = read(&w.manager, "").await;
    assert_eq!((status, slug(&answer)), (422, "validation-failed"), "no terms recorded: {answer}");
    // A term of eight weeks from next Monday; weekday mornings; 15 universal hours from the
    // term's start (Monday, Tuesday and Wednesday mornings funded).
    let starts = monday_after(w, 1);
    let ends = starts.plus_days(8 * 7 - 3);
    let mut body = setup_body(&s.room, 10);
    body["sessions"][0]["sessionTypeId"] = json!(morning);
    body["sessions"][1]["sessionTypeId"] = json!(afternoon);
    body["terms"] = json!([{ "name": "Spring", "starts": starts.to_string(), "ends": ends.to_string() }]);
    let setup_path = format!("/v1/settings/{}/booking-setup", w.setting_id);
    let (status, saved) = w.call(set_setup, w.request_with(Some(&w.manager), "PUT", &setup_path, Some(&body), &[("if-match", "1")])).await;
    assert_eq!(status, 200, "{saved}");
    assert_eq!(weekday_mornings(&s, &s.ava, &morning).await, 200);
    assert_eq!(weekday_mornings(&s, &s.ben, &morning).await, 200, "booked, but not funded: not in the headcount");
    let funding = format!("/v1/settings/{}/children/{}/funding", w.setting_id, s.ava);
    let claim = json!({ "claims": [{ "stream": "universal", "delivery": { "taken": "term-time" }, "validFrom": starts.to_string() }] });
    let (status, answer) =
        w.call(funding::set_funding, w.request_with(Some(&w.manager), "PUT", &funding, Some(&claim), &[("if-match", "0")])).await;
    assert_eq!(status, 200, "{answer}");
    // The first week gone by: there every day but its Tuesday.
    attended(w, &s.ava, &[starts, starts.plus_days(2), starts.plus_days(3), starts.plus_days(4)]).await;
    clock_to(w, starts.plus_days(7));

    let (status, report) = read(&w.manager, "").await;
    assert_eq!(status, 200, "{report}");
    assert_eq!(report["term"]["name"], "Spring");
    assert_eq!(report["streams"], json!([{ "stream": "universal", "children": 1, "minutes": 8 * 900 }]));
    let children = report["children"].as_array().unwrap();
    assert_eq!(children.len(), 1, "only the funded child: {report}");
    let ava = &children[0];
    assert_eq!(ava["childId"], s.ava.as_str());
    let figures = |f: &str| ava[f].as_u64().unwrap();
    assert_eq!((figures("entitled"), figures("booked")), (8 * 900, 8 * 900), "every funded hour booked");
    assert_eq!((figures("bookedToDate"), figures("attended")), (900, 600), "away on the first Tuesday: its 5 funded hours");
    let mismatches = ava["mismatches"].as_array().unwrap();
    assert!(mismatches.contains(&json!({ "kind": "absent-on-funded-days", "days": [starts.plus_days(1).to_string()] })), "{mismatches:?}");
    assert!(!mismatches.iter().any(|m| m["kind"] == "funding-unused"));
    assert_eq!(report["mismatched"], 1);
    assert_eq!(read(&w.manager, &format!("?term={starts}")).await.0, 200);
    assert_eq!(read(&w.manager, &format!("?term={}", starts.plus_days(1))).await.0, 404, "no term starts then");
    assert_eq!(read(&w.manager, "?term=spring").await.0, 422);
    assert_eq!(read(&s.practitioner, "").await.0, 403);
    assert_eq!(read(&s.mum, "").await.0, 403);
    assert!(w.items_of_kind("audit").iter().any(|a| text_of(a, "action") == Some("funding.headcount")));
}

#[tokio::test]
async fn a_setting_invoicing_from_attendance_charges_the_sessions_attended_once_the_month_is_over() {
    let s = setting();
    let w = &s.w;
    let (month, _) = a_booked_month(&s).await;
    let setup_path = format!("/v1/settings/{}/booking-setup", w.setting_id);
    let (_, current) = w.call(get_setup, w.request(Some(&w.manager), "GET", &setup_path, None)).await;
    let mut body = current["setup"].clone();
    body["invoiceFrom"] = json!("attendance");
    let version = current["version"].to_string();
    let (status, saved) =
        w.call(set_setup, w.request_with(Some(&w.manager), "PUT", &setup_path, Some(&body), &[("if-match", &version)])).await;
    assert_eq!((status, saved["setup"]["invoiceFrom"].as_str()), (200, Some("attendance")), "{saved}");
    // Booked every weekday morning of the month; there on its first two weekdays only.
    let mut weekdays =
        (0..31).map(|d| month.first().plus_days(d)).filter(|d| month.contains(*d) && d.date().weekday().number_from_monday() <= 5);
    let there = [weekdays.next().unwrap(), weekdays.next().unwrap()];
    attended(w, &s.ava, &there).await;
    let issue = format!("/v1/settings/{}/invoices/{month}/issue", w.setting_id);
    clock_to(w, month.last());
    let (status, answer) =
        w.call(invoices::issue_month, w.request_with(Some(&w.manager), "POST", &issue, None, &[("if-match", "0")])).await;
    assert_eq!((status, slug(&answer)), (409, "month-not-over"), "{answer}");
    clock_to(w, month.next().first().plus_days(1));
    let (status, issued) =
        w.call(invoices::issue_month, w.request_with(Some(&w.manager), "POST", &issue, None, &[("if-match", "0")])).await;
    assert_eq!(status, 200, "{issued}");
    let id = issued["issuedNow"][0]["invoiceId"].as_str().unwrap();
    let invoice: InvoiceRecord = w.get(&InvoiceRecord::key(&w.setting_id, &nestling_domain::InvoiceId::parse(id).unwrap())).unwrap();
    let lines: Vec<(String, u32)> = invoice.bill.lines.iter().map(|l| (format!("{:?}", l.kind), l.quantity)).collect();
    assert_eq!(lines, [("PaidHours".to_string(), 2 * 300)], "two mornings attended, not the month booked");
    assert_eq!(invoice.bill.total.0, 2 * 3200);
}

//! The register against the in-memory table: sign-ins and sign-outs in order, collection only
//! by someone allowed to collect, and the ratio breach email once per episode.

use super::*;
use nestling_domain::{AgeBand, GuardianAccess, Role};
use nestling_platform::testing::World;
use serde_json::json;

fn mark_path(w: &World, child_id: &ChildId) -> String {
    format!("/v1/settings/{}/children/{child_id}/attendance", w.setting_id)
}

#[tokio::test]
async fn a_child_is_signed_in_then_out_by_a_guardian_and_never_twice() {
    let w = World::new();
    let robins = w.room("Robins", AgeBand::ThreePlus);
    let practitioner = w.member(Role::Practitioner);
    let ava = w.child("Ava", &robins, &practitioner);
    let parent = w.guardian_of(&ava, GuardianAccess::Parent);
    let sign_in = json!({ "mark": "sign-in" });
    let (status, answer) = w.call(record_attendance, w.request(Some(&practitioner), "POST", &mark_path(&w, &ava), Some(&sign_in))).await;
    assert_eq!(status, 201, "{answer}");
    let (status, _) = w.call(record_attendance, w.request(Some(&practitioner), "POST", &mark_path(&w, &ava), Some(&sign_in))).await;
    assert_eq!(status, 409, "already signed in");

    let items = w.table.items();
    let stranger = json!({ "mark": "sign-out", "collectedBy": { "name": "Someone Else", "relationship": "Neighbour" } });
    let (status, problem) = w.call(record_attendance, w.request(Some(&practitioner), "POST", &mark_path(&w, &ava), Some(&stranger))).await;
    assert!(matches!(status, 403 | 409 | 422), "someone the records do not name needs a manager's override: {status} {problem}");
    assert_eq!(w.table.items(), items, "a refused sign-out writes nothing");
    let by_parent = json!({ "mark": "sign-out", "collectedBy": { "guardianId": parent.user_id } });
    let (status, answer) = w.call(record_attendance, w.request(Some(&practitioner), "POST", &mark_path(&w, &ava), Some(&by_parent))).await;
    assert_eq!(status, 201, "{answer}");
    let about_ava =
        w.items_of_kind("audit").into_iter().filter(|i| nestling_platform::store::text_of(i, "childId") == Some(ava.as_str())).count();
    assert_eq!(about_ava, 2, "each mark is logged with the child");
}

#[tokio::test]
async fn a_room_out_of_ratio_emails_the_managers_once_per_episode() {
    let w = World::new();
    let babies = w.room("Wrens", AgeBand::Under2);
    let practitioner = w.member(Role::Practitioner);
    let children: Vec<ChildId> = ["Ava", "Ben", "Cara", "Dev"].iter().map(|n| w.child(n, &babies, &practitioner)).collect();
    let sign_in = json!({ "mark": "sign-in" });
    for child in &children {
        let (status, answer) =
            w.call(record_attendance, w.request(Some(&practitioner), "POST", &mark_path(&w, child), Some(&sign_in))).await;
        assert_eq!(status, 201, "{answer}");
    }
    // No staff member is clocked into the room: the first child made it a breach; the managers
    // heard once, not once per child.
    let breach_emails = w.items_of_kind("outbox").len();
    assert_eq!(breach_emails, 1, "one manager, one email for the episode");
}

#[tokio::test]
async fn the_register_expects_the_children_booked_in_that_day() {
    use nestling_domain::bookings::{ClockTime, Day, Pattern, Price, SessionType, Setup, Week};
    use nestling_platform::records::BookingSetupRecord;
    use nestling_platform::store::{keys, to_item};
    let w = World::new();
    let robins = w.room("Robins", AgeBand::ThreePlus);
    let practitioner = w.member(Role::Practitioner);
    let ava = w.child("Ava", &robins, &practitioner);
    let _ben = w.child("Ben", &robins, &practitioner);
    let morning = nestling_domain::SessionTypeId::parse("morning").unwrap();
    let setup = Setup {
        sessions: vec![SessionType {
            session_type_id: morning.clone(),
            name: nestling_domain::SessionName::parse("Morning").unwrap(),
            starts: ClockTime::parse("08:00").unwrap(),
            ends: ClockTime::parse("13:00").unwrap(),
            price: Price::Session { pence: 3000 },
            rooms: vec![],
        }],
        ..Setup::default()
    };
    w.table.insert(to_item(&BookingSetupRecord {
        pk: keys::setting(&w.setting_id),
        sk: keys::BOOKING_SETUP.into(),
        kind: "booking-setup".into(),
        setting_id: w.setting_id.clone(),
        setup,
        updated_by: w.manager.user_id.clone(),
        updated_at: w.app.clock.timestamp(),
        version: 1,
    }));
    let today = Day::new(local_today(&w.get(&nestling_platform::records::SettingRecord::key(&w.setting_id)).unwrap(), w.app.clock.now()));
    let week = Week { monday: vec![morning.clone()], ..Week::default() };
    let mut roster: RosterRecord = w.get(&RosterRecord::key(&w.setting_id)).unwrap();
    roster.children.get_mut(&ava).unwrap().booking_patterns = vec![Pattern { starts: today, week }];
    w.table.insert(to_item(&roster));
    let mut monday = today.plus_days(1);
    while monday.weekday() != time::Weekday::Monday {
        monday = monday.plus_days(1);
    }
    let path = format!("/v1/settings/{}/register?date={monday}", w.setting_id);
    let (status, register) = w.call(get_register, w.request(Some(&practitioner), "GET", &path, None)).await;
    assert_eq!(status, 200, "{register}");
    assert_eq!(register["expected"], 1);
    let line = |name: &str| register["children"].as_array().unwrap().iter().find(|c| c["firstName"] == name).unwrap().clone();
    assert_eq!((line("Ava")["booked"].clone(), line("Ava")["expected"].clone()), (json!(["Morning 08:00–13:00"]), json!(true)));
    assert_eq!((line("Ben")["booked"].clone(), line("Ben")["expected"].clone()), (json!([]), json!(false)));
    let tuesday = format!("/v1/settings/{}/register?date={}", w.setting_id, monday.plus_days(1));
    let (_, register) = w.call(get_register, w.request(Some(&practitioner), "GET", &tuesday, None)).await;
    assert_eq!(register["expected"], 0, "a Monday child is not expected on Tuesday");
}

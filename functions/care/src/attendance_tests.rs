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

mod on_a_device {
    //! Signing in and out through a PIN'd session on a paired device: staff at the register,
    //! a guardian at the kiosk, the collection checked exactly as for staff.
    use super::*;
    use nestling_domain::devices::DeviceMode;
    use nestling_platform::records::{ChildRecord, GuardianLinkRecord, HoldRecord};
    use nestling_platform::store::{text_of, to_item};

    fn device_mark_path(w: &World, child_id: &ChildId) -> String {
        format!("/v1/device/settings/{}/children/{child_id}/attendance", w.setting_id)
    }

    fn slug(answer: &serde_json::Value) -> &str {
        answer["type"].as_str().and_then(|t| t.rsplit('/').next()).unwrap_or_default()
    }

    #[tokio::test]
    async fn staff_sign_in_on_a_device_and_are_logged_as_themselves_there() {
        let w = World::new();
        let robins = w.room("Robins", AgeBand::ThreePlus);
        let practitioner = w.member(Role::Practitioner);
        let ava = w.child("Ava", &robins, &practitioner);
        let device = w.on_device(&practitioner, DeviceMode::Staff);
        let sign_in = json!({ "mark": "sign-in" });
        let (status, answer) =
            w.call(record_attendance, w.device_request(&device, "POST", &device_mark_path(&w, &ava), Some(&sign_in))).await;
        assert_eq!(status, 201, "{answer}");
        let line = w.items_of_kind("audit").into_iter().find(|a| text_of(a, "action") == Some("attendance.sign-in")).expect("logged");
        assert_eq!(text_of(&line, "actorId"), Some(practitioner.user_id.as_str()));
        assert!(text_of(&line, "deviceId").is_some_and(|d| d.starts_with("device")), "logged as on the device");
        assert_eq!(line.get("offPremises"), None, "on the premises");
        // The register too; but the device reaches no other setting, and a person's token is
        // not what a device route takes.
        let register = format!("/v1/device/settings/{}/register", w.setting_id);
        assert_eq!(w.call(get_register, w.device_request(&device, "GET", &register, None)).await.0, 200);
        let elsewhere = "/v1/device/settings/elsewhere/register";
        assert_eq!(w.call(get_register, w.device_request(&device, "GET", elsewhere, None)).await.0, 404);
        assert_eq!(w.call(get_register, w.request(Some(&practitioner), "GET", &register, None)).await.0, 401);
        // Idle past its minutes, the session has ended.
        w.app.clock.advance(time::Duration::minutes(DeviceMode::Staff.idle_minutes()));
        let (status, answer) = w.call(get_register, w.device_request(&device, "GET", &register, None)).await;
        assert_eq!((status, slug(&answer)), (401, "device-session-ended"), "{answer}");
    }

    #[tokio::test]
    async fn a_guardian_signs_their_own_child_out_at_the_kiosk_as_staff_would() {
        let w = World::new();
        let robins = w.room("Robins", AgeBand::ThreePlus);
        let practitioner = w.member(Role::Practitioner);
        let ava = w.child("Ava", &robins, &practitioner);
        let parent = w.guardian_of(&ava, GuardianAccess::Parent);
        let kiosk = w.on_device(&parent, DeviceMode::Kiosk);
        let path = device_mark_path(&w, &ava);
        let (status, answer) =
            w.call(record_attendance, w.device_request(&kiosk, "POST", &path, Some(&json!({ "mark": "sign-in" })))).await;
        assert_eq!(status, 201, "{answer}");
        // The kiosk says when: now.
        let at = json!({ "mark": "sign-out", "at": w.app.clock.now_rfc3339(), "collectedBy": { "guardianId": parent.user_id } });
        assert_eq!(w.call(record_attendance, w.device_request(&kiosk, "POST", &path, Some(&at))).await.0, 422);
        let me = json!({ "mark": "sign-out", "collectedBy": { "guardianId": parent.user_id } });
        let (status, answer) = w.call(record_attendance, w.device_request(&kiosk, "POST", &path, Some(&me))).await;
        assert_eq!((status, answer["signedIn"].as_bool()), (201, Some(false)), "{answer}");
        // The ratio engine saw it as any other mark: the room's count is in the answer.
        assert!(answer["room"].is_object(), "{answer}");
        let line = w.items_of_kind("audit").into_iter().find(|a| text_of(a, "action") == Some("attendance.sign-out")).expect("logged");
        assert_eq!((text_of(&line, "actorId"), text_of(&line, "actorRole")), (Some(parent.user_id.as_str()), Some("parent")));
        // The kiosk is for signing in and out only: not the register.
        let register = format!("/v1/device/settings/{}/register", w.setting_id);
        assert_eq!(w.call(get_register, w.device_request(&kiosk, "GET", &register, None)).await.0, 403);
    }

    async fn signed_in(w: &World, staff_device: &[(String, String)], child: &ChildId) {
        let request = w.device_request(staff_device, "POST", &device_mark_path(w, child), Some(&json!({ "mark": "sign-in" })));
        let (status, answer) = w.call(record_attendance, request).await;
        assert_eq!(status, 201, "{answer}");
    }

    #[tokio::test]
    async fn the_kiosk_refuses_a_revoked_guardian_a_held_child_and_a_wrong_collector_password_writing_nothing() {
        let w = World::new();
        let robins = w.room("Robins", AgeBand::ThreePlus);
        let practitioner = w.member(Role::Practitioner);
        let staff_device = w.on_device(&practitioner, DeviceMode::Staff);
        // A guardian whose link was revoked after they opened the kiosk.
        let ava = w.child("Ava", &robins, &practitioner);
        let revoked = w.guardian_of(&ava, GuardianAccess::Parent);
        let other = w.child("Ben", &robins, &practitioner);
        let mut member: nestling_platform::records::MemberRecord =
            w.get(&nestling_platform::records::MemberRecord::key(&w.setting_id, &revoked.user_id)).unwrap();
        member.linked_children.push(other.clone());
        w.table.insert(to_item(&member));
        let revoked_kiosk = w.on_device(&revoked, DeviceMode::Kiosk);
        signed_in(&w, &staff_device, &ava).await;
        let mut child: ChildRecord = w.get(&ChildRecord::key(&w.setting_id, &ava)).unwrap();
        let link: &mut GuardianLinkRecord = child.guardians.get_mut(&revoked.user_id).unwrap();
        link.revoked_at = Some(w.app.clock.timestamp());
        w.table.insert(to_item(&child));
        let before = w.table.items();
        let me = json!({ "mark": "sign-out", "collectedBy": { "guardianId": revoked.user_id } });
        let (status, answer) =
            w.call(record_attendance, w.device_request(&revoked_kiosk, "POST", &device_mark_path(&w, &ava), Some(&me))).await;
        assert_eq!((status, slug(&answer)), (403, "access-revoked"), "{answer}");
        assert_eq!(w.table.items(), before, "nothing written");

        // A child under a safeguarding hold.
        let cara = w.child("Cara", &robins, &practitioner);
        let parent = w.guardian_of(&cara, GuardianAccess::Parent);
        let kiosk = w.on_device(&parent, DeviceMode::Kiosk);
        signed_in(&w, &staff_device, &cara).await;
        let mut child: ChildRecord = w.get(&ChildRecord::key(&w.setting_id, &cara)).unwrap();
        child.hold =
            Some(HoldRecord { reason: "concern".into(), placed_by: w.manager.user_id.clone(), placed_at: w.app.clock.timestamp() });
        w.table.insert(to_item(&child));
        let before = w.table.items();
        let me = json!({ "mark": "sign-out", "collectedBy": { "guardianId": parent.user_id } });
        let (status, answer) = w.call(record_attendance, w.device_request(&kiosk, "POST", &device_mark_path(&w, &cara), Some(&me))).await;
        assert_eq!((status, slug(&answer)), (403, "access-suspended"), "{answer}");
        assert_eq!(w.table.items(), before, "nothing written");

        // A collector named with the wrong collection password.
        let dan = w.child("Dan", &robins, &practitioner);
        let parent = w.guardian_of(&dan, GuardianAccess::Parent);
        let collectors = json!({ "collectors": [{ "name": "Gran Smith", "relationship": "Grandmother", "password": "apple-tree-7" }] });
        let path = format!("/v1/settings/{}/children/{dan}/collectors", w.setting_id);
        let (status, set) = w.call(set_collectors, w.request(Some(&parent), "PUT", &path, Some(&collectors))).await;
        assert_eq!(status, 200, "{set}");
        let gran = set["collectors"][0]["collectorId"].as_str().unwrap().to_string();
        let kiosk = w.on_device(&parent, DeviceMode::Kiosk);
        signed_in(&w, &staff_device, &dan).await;
        let before = w.table.items();
        let wrong = json!({ "mark": "sign-out", "collectedBy": { "collectorId": gran, "password": "pear-tree-7" } });
        let (status, answer) = w.call(record_attendance, w.device_request(&kiosk, "POST", &device_mark_path(&w, &dan), Some(&wrong))).await;
        assert_eq!((status, slug(&answer)), (422, "collection-password-wrong"), "{answer}");
        assert_eq!(w.table.items(), before, "nothing written");
        // Nor may a guardian at the kiosk override the list, as only a manager may.
        let stranger = json!({ "mark": "sign-out", "collectedBy": { "name": "Someone", "relationship": "Neighbour" }, "overrideReason": "in a hurry" });
        let (status, _) = w.call(record_attendance, w.device_request(&kiosk, "POST", &device_mark_path(&w, &dan), Some(&stranger))).await;
        assert_eq!(status, 403);
        assert_eq!(w.table.items(), before, "nothing written");
        let right = json!({ "mark": "sign-out", "collectedBy": { "collectorId": gran, "password": "apple-tree-7" } });
        let (status, answer) = w.call(record_attendance, w.device_request(&kiosk, "POST", &device_mark_path(&w, &dan), Some(&right))).await;
        assert_eq!(status, 201, "{answer}");
    }
}

//! The settings use cases against the in-memory table: who may add and list rooms, what a room
//! writes beside itself, and how a retry is answered.

use super::*;
use nestling_domain::Role;
use nestling_platform::records::RosterRecord;
use nestling_platform::testing::World;
use serde_json::json;

fn rooms_path(w: &World) -> String {
    format!("/v1/settings/{}/rooms", w.setting_id)
}

#[tokio::test]
async fn a_manager_adds_a_room_the_roster_names_and_the_audit_records() {
    let w = World::new();
    let body = json!({ "name": "Robins", "ageBand": "two" });
    let (status, room) = w.call(create_room, w.request(Some(&w.manager), "POST", &rooms_path(&w), Some(&body))).await;
    assert_eq!(status, 201, "{room}");
    let room_id = room["id"].as_str().unwrap();
    let roster: RosterRecord = w.get(&RosterRecord::key(&w.setting_id)).unwrap();
    assert_eq!(roster.rooms[room_id], RosterRoom { name: "Robins".into(), age_band: AgeBand::Two });
    let audit = w.items_of_kind("audit");
    assert_eq!(audit.len(), 1);
    assert_eq!(nestling_platform::store::text_of(&audit[0], "action"), Some("room.create"));

    let (status, list) = w.call(list_rooms, w.request(Some(&w.manager), "GET", &rooms_path(&w), None)).await;
    assert_eq!(status, 200);
    assert_eq!(list["items"][0]["name"], "Robins");
}

#[tokio::test]
async fn only_managers_add_rooms_and_a_refusal_writes_nothing() {
    let w = World::new();
    let body = json!({ "name": "Robins", "ageBand": "two" });
    for role in [Role::Practitioner, Role::Parent, Role::Family] {
        let someone = w.member(role);
        let items = w.table.items();
        let (status, problem) = w.call(create_room, w.request(Some(&someone), "POST", &rooms_path(&w), Some(&body))).await;
        assert!(matches!(status, 403 | 404), "{role:?}: {status} {problem}");
        assert_eq!(w.table.items(), items, "{role:?}'s refused request changed nothing");
    }
    let (status, _) = w.call(create_room, w.request(None, "POST", &rooms_path(&w), Some(&body))).await;
    assert_eq!(status, 401);
    assert!(w.items_of_kind("room").is_empty());
}

#[tokio::test]
async fn bad_room_input_is_refused_before_anything_is_written() {
    let w = World::new();
    let items = w.table.items();
    for body in [json!({ "name": "", "ageBand": "two" }), json!({ "name": "Robins", "ageBand": "teens" }), json!({ "name": "Robins" })] {
        let (status, problem) = w.call(create_room, w.request(Some(&w.manager), "POST", &rooms_path(&w), Some(&body))).await;
        assert!(matches!(status, 400 | 422), "{body}: {status} {problem}");
    }
    assert_eq!(w.table.items(), items);
}

#[tokio::test]
async fn a_retried_room_is_answered_again_not_added_twice() {
    let w = World::new();
    let body = json!({ "name": "Wrens", "ageBand": "under-2" });
    let request = || w.request_with(Some(&w.manager), "POST", &rooms_path(&w), Some(&body), &[("idempotency-key", "room-once")]);
    let (first_status, first) = w.call(create_room, request()).await;
    let (second_status, second) = w.call(create_room, request()).await;
    assert_eq!((first_status, second_status), (201, 201));
    assert_eq!(first, second);
    assert_eq!(w.items_of_kind("room").len(), 1);
}

#[tokio::test]
async fn a_setting_holds_a_bounded_number_of_rooms() {
    let w = World::new();
    let body = json!({ "name": "Robins", "ageBand": "two" });
    w.grow_past_bound(nestling_domain::bounds::MAX_ROOMS_PER_SETTING, 201, |_| {
        (create_room, w.request(Some(&w.manager), "POST", &rooms_path(&w), Some(&body)))
    })
    .await;
}

#[tokio::test]
async fn managers_keep_records_longer_than_the_guidance_but_never_shorter_than_the_law() {
    let w = World::new();
    let path = format!("/v1/settings/{}/retention", w.setting_id);
    let practitioner = w.member(Role::Practitioner);
    let before = w.table.items();
    let (status, _) = w.call(get_retention, w.request(Some(&practitioner), "GET", &path, None)).await;
    assert_eq!(status, 403);
    let longer = json!({ "kind": "journal", "period": { "until": "after-leaving", "months": 72 } });
    let (status, _) = w.call(set_retention, w.request(Some(&practitioner), "PUT", &path, Some(&longer))).await;
    assert_eq!(status, 403);

    let (status, schedule) = w.call(get_retention, w.request(Some(&w.manager), "GET", &path, None)).await;
    assert_eq!(status, 200, "{schedule}");
    let kind = |v: &serde_json::Value, k: &str| v["kinds"].as_array().unwrap().iter().find(|x| x["kind"] == k).cloned().unwrap();
    assert_eq!(kind(&schedule, "accidents")["period"], json!({ "until": "age", "months": 255 }), "21 years and 3 months");
    assert!(kind(&schedule, "accidents")["legalBasis"].as_str().unwrap().contains("Limitation Act"));
    assert_eq!(kind(&schedule, "journal")["period"], json!({ "until": "after-leaving", "months": 36 }));
    assert!(kind(&schedule, "journal")["legalBasis"].is_null());

    // Shorter than the law, or by the wrong measure: refused with the reason, nothing written.
    for body in [
        json!({ "kind": "accidents", "period": { "until": "age", "months": 216 } }),
        json!({ "kind": "safeguarding", "period": { "until": "after-leaving", "months": 120 } }),
        json!({ "kind": "attendance", "period": { "until": "after-leaving", "months": 12 } }),
        json!({ "kind": "journal", "period": { "until": "after-leaving", "months": 601 } }),
        json!({ "kind": "photos", "period": { "until": "after-leaving", "months": 12 } }),
    ] {
        let (status, answer) = w.call(set_retention, w.request(Some(&w.manager), "PUT", &path, Some(&body))).await;
        assert_eq!(status, 422, "{body}: {answer}");
    }
    assert_eq!(w.table.items(), before, "refusals write nothing");

    let (status, changed) = w.call(set_retention, w.request(Some(&w.manager), "PUT", &path, Some(&longer))).await;
    assert_eq!(status, 200, "{changed}");
    assert_eq!(kind(&changed, "journal")["period"], json!({ "until": "after-leaving", "months": 72 }));
    assert_eq!(kind(&changed, "journal")["guidance"], json!({ "until": "after-leaving", "months": 36 }));
    let setting: SettingRecord = w.get(&SettingRecord::key(&w.setting_id)).unwrap();
    assert_eq!(setting.retention.period(RetainedKind::Journal), KeptFor::AfterLeaving { months: 72 });
    let audit = w.items_of_kind("audit");
    assert!(audit.iter().any(|a| nestling_platform::store::text_of(a, "action") == Some("retention.set")));
}

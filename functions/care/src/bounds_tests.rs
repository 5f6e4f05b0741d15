//! Every list a caller can grow in the care area stops at its bound with 422 `limit-reached`,
//! writing nothing, and a parent's medicine permissions live in their own items, so they can
//! never make the child's record unwritable (issue 17, finding 2).

use super::*;
use nestling_domain::bounds::*;
use nestling_domain::{AgeBand, GuardianAccess, PermissionId, Role};
use nestling_platform::records::{ChildRecord, MedicinePermissionRecord};
use nestling_platform::table::item_size;
use nestling_platform::testing::{Person, World};
use serde_json::{json, Value};

fn child_path(w: &World, child_id: &ChildId, rest: &str) -> String {
    format!("/v1/settings/{}/children/{child_id}/{rest}", w.setting_id)
}

fn until(w: &World, days: i64) -> String {
    date_text(
        local_today(&w.get::<SettingRecord>(&SettingRecord::key(&w.setting_id)).unwrap(), w.app.clock.now()) + time::Duration::days(days),
    )
}

/// The longest permission a parent can write: every field at its bound.
fn long_permission(w: &World, withdrawn: bool) -> Value {
    let long = "m".repeat(nestling_domain::FreeText::MAX_CHARS);
    json!({
        "medicine": long, "dose": long, "times": vec![long.clone(); MAX_MEDICINE_TIMES], "prescribedBy": long,
        "until": until(w, 30), "withdrawn": withdrawn,
    })
}

#[tokio::test]
async fn a_parent_cannot_grow_a_childs_item_with_medicine_permissions() {
    let w = World::new();
    let practitioner = w.member(Role::Practitioner);
    let ava = w.child("Ava", &w.room("Robins", AgeBand::Two), &practitioner);
    let parent = w.guardian_of(&ava, GuardianAccess::Parent);
    let child_key = ChildRecord::key(&w.setting_id, &ava);
    let before = item_size(&to_item(&w.get::<ChildRecord>(&child_key).unwrap()));
    let put = |n: usize, body: Value| {
        (
            set_medicine_permission,
            w.request(Some(&parent), "PUT", &child_path(&w, &ava, &format!("medicine-permissions/p{n}")), Some(&body)),
        )
    };
    // Each long permission is its own item: 20 in force, then the 21st is refused.
    w.grow_past_bound(MAX_CURRENT_MEDICINE_PERMISSIONS, 200, |n| put(n, long_permission(&w, false))).await;
    let items = w.table.items();
    let after = item_size(&to_item(&w.get::<ChildRecord>(&child_key).unwrap()));
    assert!(after < before + 2_000, "the child item keeps only the terms: {before} -> {after} bytes");
    assert_eq!(w.items_of_kind("medicine-permission").len(), MAX_CURRENT_MEDICINE_PERMISSIONS);
    let (status, _) = w.call(set_medicine_permission, put(99, long_permission(&w, false)).1).await;
    assert_eq!(status, 422);
    assert_eq!(w.table.items(), items, "the refusal wrote nothing");

    // Withdrawing one frees its place; changing one already in force never needs a place.
    let (status, withdrawn) = w.call(set_medicine_permission, put(0, long_permission(&w, true)).1).await;
    assert_eq!((status, &withdrawn["current"], &withdrawn["version"]), (200, &json!(false), &json!(2)), "{withdrawn}");
    let (status, _) = w.call(set_medicine_permission, put(1, long_permission(&w, false)).1).await;
    assert_eq!(status, 200, "a change to a permission in force");
    let (status, _) = w.call(set_medicine_permission, put(99, long_permission(&w, false)).1).await;
    assert_eq!(status, 200, "the withdrawn one's place");

    // Staff and the parents see them all, in force or not; a dose is given under one.
    let (status, page) =
        w.call(list_medicine_permissions, w.request(Some(&practitioner), "GET", &child_path(&w, &ava, "medicine-permissions"), None)).await;
    assert_eq!(status, 200, "{page}");
    let listed = page["items"].as_array().unwrap();
    assert_eq!(listed.len(), MAX_CURRENT_MEDICINE_PERMISSIONS + 1);
    assert_eq!(listed.iter().filter(|p| p["current"] == json!(true)).count(), MAX_CURRENT_MEDICINE_PERMISSIONS);
    let (status, _) =
        w.call(list_medicine_permissions, w.request(Some(&parent), "GET", &child_path(&w, &ava, "medicine-permissions"), None)).await;
    assert_eq!(status, 200);
    let witness = w.member(Role::Practitioner);
    let dose = |permission: &str| json!({ "permissionId": permission, "amount": "5 ml", "witnessedBy": witness.user_id });
    let (status, diary) =
        w.call(give_medicine, w.request(Some(&practitioner), "POST", &child_path(&w, &ava, "medicine-doses"), Some(&dose("p1")))).await;
    assert_eq!(status, 201, "{diary}");
    for refused in ["p0", "nothing-given"] {
        let (status, problem) = w
            .call(give_medicine, w.request(Some(&practitioner), "POST", &child_path(&w, &ava, "medicine-doses"), Some(&dose(refused))))
            .await;
        assert_eq!((status, problem["type"].as_str().unwrap().ends_with("no-medicine-permission")), (422, true), "{refused}: {problem}");
    }
    let stored: MedicinePermissionRecord =
        w.get(&MedicinePermissionRecord::key(&w.setting_id, &ava, &PermissionId::parse("p0").unwrap())).unwrap();
    assert!(stored.withdrawn && stored.medicine.len() == nestling_domain::FreeText::MAX_CHARS);
}

async fn signed_in_and_out(w: &World, staff: &Person, child: &ChildId, collector: &Person) -> (u16, Value) {
    let (status, answer) = w
        .call(record_attendance, w.request(Some(staff), "POST", &child_path(w, child, "attendance"), Some(&json!({ "mark": "sign-in" }))))
        .await;
    if status != 201 {
        return (status, answer);
    }
    let out = json!({ "mark": "sign-out", "collectedBy": { "guardianId": collector.user_id } });
    w.call(record_attendance, w.request(Some(staff), "POST", &child_path(w, child, "attendance"), Some(&out))).await
}

#[tokio::test]
async fn a_day_holds_a_bounded_number_of_sessions_diary_lines_and_doses() {
    let w = World::new();
    let robins = w.room("Robins", AgeBand::ThreePlus);
    let practitioner = w.member(Role::Practitioner);
    let ava = w.child("Ava", &robins, &practitioner);
    let parent = w.guardian_of(&ava, GuardianAccess::Parent);
    for n in 0..MAX_ATTENDANCE_SESSIONS {
        let (status, answer) = signed_in_and_out(&w, &practitioner, &ava, &parent).await;
        assert_eq!(status, 201, "session {n}: {answer}");
    }
    let items = w.table.items();
    let (status, problem) = signed_in_and_out(&w, &practitioner, &ava, &parent).await;
    assert_eq!((status, problem["type"].as_str().unwrap().ends_with("limit-reached")), (422, true), "{problem}");
    assert_eq!(w.table.items(), items);

    // A member of staff moving between rooms opens a session per move.
    let wrens = w.room("Wrens", AgeBand::Under2);
    let clock = |n: usize| {
        let room = if n.is_multiple_of(2) { &robins } else { &wrens };
        let body = json!({ "action": "in", "roomId": room });
        (clock, w.request(Some(&practitioner), "POST", &format!("/v1/settings/{}/staff/me/clock", w.setting_id), Some(&body)))
    };
    w.grow_past_bound(MAX_STAFF_SESSIONS, 200, clock).await;

    let note = json!({ "kind": "note", "text": "Played in the sand." });
    w.grow_past_bound(MAX_DIARY_ENTRIES, 201, |_| {
        (add_diary_entry, w.request(Some(&practitioner), "POST", &child_path(&w, &ava, "diary"), Some(&note)))
    })
    .await;

    let permission = json!({ "medicine": "Calpol", "dose": "5 ml", "times": ["when over 38C"], "prescribedBy": "Not prescribed", "until": until(&w, 7) });
    let (status, _) = w
        .call(
            set_medicine_permission,
            w.request(Some(&parent), "PUT", &child_path(&w, &ava, "medicine-permissions/calpol"), Some(&permission)),
        )
        .await;
    assert_eq!(status, 200);
    let witness = w.member(Role::Practitioner);
    let dose = json!({ "permissionId": "calpol", "amount": "5 ml", "witnessedBy": witness.user_id });
    w.grow_past_bound(MAX_DOSES_PER_DAY, 201, |_| {
        (give_medicine, w.request(Some(&practitioner), "POST", &child_path(&w, &ava, "medicine-doses"), Some(&dose)))
    })
    .await;
}

#[tokio::test]
async fn a_setting_holds_a_bounded_number_of_open_accidents() {
    let w = World::new();
    let practitioner = w.member(Role::Practitioner);
    let ava = w.child("Ava", &w.room("Robins", AgeBand::Two), &practitioner);
    let accident = json!({ "place": "Garden", "whatHappened": "Tripped.", "injury": "Graze", "firstAid": "Cleaned.", "serious": false });
    w.grow_past_bound(MAX_OPEN_ACCIDENTS, 201, |_| {
        (record_accident, w.request(Some(&practitioner), "POST", &child_path(&w, &ava, "accidents"), Some(&accident)))
    })
    .await;
}

/// The day item is shared by the whole setting: at the setting's bounds, with a realistic day
/// (each child signed in and out twice, collectors named; staff moving rooms), it stays well
/// inside DynamoDB's 400 KB (not every enrolled child attends the same day), and the figure docs/data-model.md gives is this one.
#[test]
fn a_full_settings_day_fits_one_item_with_room_to_spare() {
    use nestling_platform::records::{AttendanceSession, ChildDayRecord, CollectedBy, CollectorKind, StaffDayRecord, StaffSession};
    let at = Timestamp::parse("2026-12-02T08:00:00.123Z").unwrap();
    let uuid = || UserId::parse(&uuid::Uuid::new_v4().to_string()).unwrap();
    let mut day = DayRecord::empty(&SettingId::parse(&uuid::Uuid::new_v4().to_string()).unwrap(), "2026-12-02");
    for _ in 0..MAX_CHILDREN_PER_SETTING {
        let session = || AttendanceSession {
            in_at: at,
            in_by: uuid(),
            in_recorded_at: Some(at),
            out_recorded_at: Some(at),
            out_at: Some(at),
            out_by: Some(uuid()),
            collected_by: Some(CollectedBy {
                kind: CollectorKind::Guardian,
                id: Some(uuid().to_string()),
                name: "Alexandra Montgomery-Smith".into(),
                relationship: "Grandmother".into(),
                override_reason: None,
            }),
        };
        day.children.insert(
            ChildId::parse(&uuid::Uuid::new_v4().to_string()).unwrap(),
            ChildDayRecord { sessions: vec![session(), session()], absence: None },
        );
    }
    for _ in 0..60 {
        let room_id = RoomId::parse(&uuid::Uuid::new_v4().to_string()).unwrap();
        let sessions = (0..4).map(|_| StaffSession { room_id: room_id.clone(), in_at: at, out_at: Some(at) }).collect();
        day.staff.insert(uuid(), StaffDayRecord { name: "Priya Ramanathan-Hughes".into(), qualification_level: 3, sessions });
    }
    let size = item_size(&to_item(&day));
    assert!((240_000..=260_000).contains(&size), "a full day is about 250 KB: {size} bytes");
}

//! The staff list and revocation against the in-memory table.

use super::*;
use nestling_platform::records::ManagersRecord;
use nestling_platform::testing::World;
use serde_json::json;

fn staff_path(w: &World) -> String {
    format!("/v1/settings/{}/staff", w.setting_id)
}

#[tokio::test]
async fn the_staff_list_holds_staff_only() {
    let w = World::new();
    let practitioner = w.member(Role::Practitioner);
    let _parent = w.member(Role::Parent);
    let (status, list) = w.call(list_staff, w.request(Some(&practitioner), "GET", &staff_path(&w), None)).await;
    assert_eq!(status, 200, "{list}");
    let mut ids: Vec<&str> = list["items"].as_array().unwrap().iter().map(|s| s["userId"].as_str().unwrap()).collect();
    ids.sort();
    let mut staff = vec![w.manager.user_id.as_str(), practitioner.user_id.as_str()];
    staff.sort();
    assert_eq!(ids, staff);
}

#[tokio::test]
async fn a_revoked_manager_is_refused_at_once_and_leaves_the_managers_list() {
    let w = World::new();
    let other = w.member(Role::Manager);
    let reason = json!({ "reason": "Left the setting" });
    let path = format!("{}/{}/revoke", staff_path(&w), other.user_id);
    let (status, revoked) = w.call(revoke_staff, w.request(Some(&w.manager), "POST", &path, Some(&reason))).await;
    assert_eq!(status, 200, "{revoked}");
    assert_eq!(revoked["status"], "revoked");
    let managers: ManagersRecord = w.get(&ManagersRecord::key(&w.setting_id)).unwrap();
    assert!(!managers.managers.contains_key(&other.user_id) && managers.managers.contains_key(&w.manager.user_id));
    // Their very next request is refused, whatever token they hold; so is revoking back.
    let back = format!("{}/{}/revoke", staff_path(&w), w.manager.user_id);
    let items = w.table.items();
    let (status, _) = w.call(revoke_staff, w.request(Some(&other), "POST", &back, Some(&reason))).await;
    assert!(matches!(status, 403 | 404), "{status}");
    assert_eq!(w.table.items(), items);
    let (status, _) = w.call(revoke_staff, w.request(Some(&w.manager), "POST", &path, Some(&reason))).await;
    assert_eq!(status, 409, "already revoked");
}

#[tokio::test]
async fn nobody_revokes_themselves_and_practitioners_revoke_nobody() {
    let w = World::new();
    let practitioner = w.member(Role::Practitioner);
    let reason = json!({ "reason": "Testing" });
    let own = format!("{}/{}/revoke", staff_path(&w), w.manager.user_id);
    let (status, problem) = w.call(revoke_staff, w.request(Some(&w.manager), "POST", &own, Some(&reason))).await;
    assert_eq!((status, problem["type"].as_str().map(|t| t.ends_with("cannot-revoke-self"))), (422, Some(true)), "{problem}");
    let (status, _) = w.call(revoke_staff, w.request(Some(&practitioner), "POST", &own, Some(&reason))).await;
    assert_eq!(status, 403);
    assert!(w.items_of_kind("audit").is_empty());
}

fn key_path(w: &World) -> String {
    format!("/v1/settings/{}/staff/me/offline-key", w.setting_id)
}

#[tokio::test]
async fn a_device_gets_one_key_of_its_own_until_it_is_dropped() {
    let w = World::new();
    let practitioner = w.member(Role::Practitioner);
    let ask = |device: &str| json!({ "deviceId": device });
    let (status, first) =
        w.call(offline::issue_offline_key, w.request(Some(&practitioner), "POST", &key_path(&w), Some(&ask("tablet-1")))).await;
    assert_eq!(status, 200, "{first}");
    let key = first["key"].as_str().unwrap().to_string();
    assert_eq!(key.len(), 43, "32 bytes, base64url unpadded");
    assert_eq!(w.items_of_kind("audit").len(), 1, "issuing is audited");

    // Asking again (the next sign-in) reads the same key and writes nothing.
    let items = w.table.items();
    let (_, again) =
        w.call(offline::issue_offline_key, w.request(Some(&practitioner), "POST", &key_path(&w), Some(&ask("tablet-1")))).await;
    assert_eq!(again["key"], key.as_str());
    assert_eq!(w.table.items(), items);

    // Another device, or another person on this one, has another key.
    let (_, phone) = w.call(offline::issue_offline_key, w.request(Some(&practitioner), "POST", &key_path(&w), Some(&ask("phone-1")))).await;
    let (_, manager) = w.call(offline::issue_offline_key, w.request(Some(&w.manager), "POST", &key_path(&w), Some(&ask("tablet-1")))).await;
    assert_ne!(phone["key"], key.as_str());
    assert_ne!(manager["key"], key.as_str());

    // Signed out: dropped, and a new sign-in gets a new key (what was kept is unreadable).
    let drop = format!("{}/tablet-1", key_path(&w));
    let (status, _) = w.call(offline::drop_offline_key, w.request(Some(&practitioner), "DELETE", &drop, None)).await;
    assert_eq!(status, 200);
    let items = w.table.items();
    let (status, _) = w.call(offline::drop_offline_key, w.request(Some(&practitioner), "DELETE", &drop, None)).await;
    assert_eq!((status, w.table.items()), (200, items), "dropping it again changes nothing");
    let (_, fresh) =
        w.call(offline::issue_offline_key, w.request(Some(&practitioner), "POST", &key_path(&w), Some(&ask("tablet-1")))).await;
    assert_ne!(fresh["key"], key.as_str());
}

#[tokio::test]
async fn families_get_no_key_and_bad_device_ids_change_nothing() {
    let w = World::new();
    let parent = w.member(Role::Parent);
    let (status, _) =
        w.call(offline::issue_offline_key, w.request(Some(&parent), "POST", &key_path(&w), Some(&json!({ "deviceId": "phone" })))).await;
    assert_eq!(status, 403);
    let practitioner = w.member(Role::Practitioner);
    let items = w.table.items();
    for bad in [json!({ "deviceId": "" }), json!({ "deviceId": "a/b" }), json!({ "deviceId": "x".repeat(65) }), json!({ "device": "x" })] {
        let (status, problem) = w.call(offline::issue_offline_key, w.request(Some(&practitioner), "POST", &key_path(&w), Some(&bad))).await;
        assert!(matches!(status, 400 | 422), "{bad}: {status} {problem}");
    }
    assert_eq!(w.table.items(), items);
}

#[tokio::test]
async fn a_sixth_device_replaces_the_longest_held_key() {
    let w = World::new();
    let practitioner = w.member(Role::Practitioner);
    let mut first = None;
    for n in 0..=nestling_platform::records::OfflineKey::PER_MEMBER {
        let (status, view) = w
            .call(
                offline::issue_offline_key,
                w.request(Some(&practitioner), "POST", &key_path(&w), Some(&json!({ "deviceId": format!("d{n}") }))),
            )
            .await;
        assert_eq!(status, 200);
        first.get_or_insert(view["key"].clone());
        w.app.clock.advance(time::Duration::seconds(1));
    }
    let member: MemberRecord = w.get(&MemberRecord::key(&w.setting_id, &practitioner.user_id)).unwrap();
    let devices: Vec<&str> = member.offline_keys.iter().map(|k| k.device_id.as_str()).collect();
    assert_eq!(devices, ["d1", "d2", "d3", "d4", "d5"]);
}

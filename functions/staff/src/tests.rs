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

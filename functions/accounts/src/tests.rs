//! Who am I and notification preferences against the in-memory table.

use super::*;
use nestling_domain::RoomId;
use nestling_platform::testing::{Person, World};
use serde_json::json;

#[tokio::test]
async fn me_lists_the_callers_own_memberships_and_children_only() {
    let w = World::new();
    let practitioner = w.member(Role::Practitioner);
    let robins = RoomId::parse("robins").unwrap();
    let ava = w.child("Ava", &robins, &practitioner);
    let ben = w.child("Ben", &robins, &practitioner);
    let parent = w.guardian_of(&ava, GuardianAccess::Parent);
    let (status, me) = w.call(me, w.request(Some(&parent), "GET", "/v1/me", None)).await;
    assert_eq!(status, 200, "{me}");
    assert_eq!(me["userId"], parent.user_id.as_str());
    let memberships = me["memberships"].as_array().unwrap();
    assert_eq!(memberships.len(), 1);
    assert_eq!(memberships[0]["role"], "parent");
    let linked: Vec<&str> = memberships[0]["linkedChildren"].as_array().unwrap().iter().map(|c| c["childId"].as_str().unwrap()).collect();
    assert_eq!(linked, [ava.as_str()], "a parent is told of their own child only, not {ben}");
}

#[tokio::test]
async fn a_sign_in_without_an_account_is_refused() {
    let w = World::new();
    let stranger = Person { user_id: UserId::parse("nobody").unwrap(), name: "No One".into(), email: "no@example.test".into() };
    let (status, problem) = w.call(me, w.request(Some(&stranger), "GET", "/v1/me", None)).await;
    assert_eq!(status, 403, "{problem}");
    let body = json!({ "journal": "daily" });
    let items = w.table.items();
    let (status, _) =
        w.call(set_notification_preferences, w.request(Some(&stranger), "PUT", "/v1/me/notification-preferences", Some(&body))).await;
    assert_eq!(status, 403);
    assert_eq!(w.table.items(), items, "no profile is created for a stranger");
}

#[tokio::test]
async fn preferences_change_the_callers_profile_and_its_version() {
    let w = World::new();
    let parent = w.member(Role::Parent);
    let body = json!({ "journal": "daily" });
    let (status, answer) =
        w.call(set_notification_preferences, w.request(Some(&parent), "PUT", "/v1/me/notification-preferences", Some(&body))).await;
    assert_eq!((status, &answer), (200, &body));
    let profile: UserRecord = w.get(&UserRecord::key(&parent.user_id)).unwrap();
    assert_eq!((profile.notifications, profile.version), (NotificationPreference::Daily, 2));
    let (status, _) = w
        .call(
            set_notification_preferences,
            w.request(Some(&parent), "PUT", "/v1/me/notification-preferences", Some(&json!({ "journal": "hourly" }))),
        )
        .await;
    assert!(matches!(status, 400 | 422));
}

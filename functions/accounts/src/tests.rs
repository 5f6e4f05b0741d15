//! Who am I and notification preferences against the in-memory table.

use super::*;
use nestling_domain::RoomId;
use nestling_platform::records::PushSubscription;
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

fn push_world() -> World {
    World::with_config(nestling_platform::app::Config {
        vapid_public_key: Some("BPublicKeyOfTheDeployment".into()),
        push_hosts: nestling_platform::push::PushHosts::parse("fcm.googleapis.com"),
        ..nestling_platform::testing::test_config()
    })
}

fn subscription(endpoint: &str) -> serde_json::Value {
    json!({
        "endpoint": endpoint, "expirationTime": null,
        "keys": {
            "p256dh": "BLn9b-VR0ca83knDNZ32dCHGyjJp-1riX9ZTN40MqV8K_LpQmLqxC_DoHvqvFXO_nGdAB4W9dogZb_sM-uV4JbY",
            "auth": "_ordMnz7uTCmrpBTeUV4Bw"
        }
    })
}

#[tokio::test]
async fn a_device_subscribes_once_and_at_most_five_are_kept() {
    let w = push_world();
    let parent = w.member(Role::Parent);
    let post = |endpoint: &str| w.request(Some(&parent), "POST", "/v1/me/push-subscriptions", Some(&subscription(endpoint)));
    let (status, made) = w.call(subscribe, post("https://fcm.googleapis.com/fcm/send/one")).await;
    assert_eq!(status, 201, "{made}");
    assert_eq!(made["host"], "fcm.googleapis.com");
    let (status, again) = w.call(subscribe, post("https://fcm.googleapis.com/fcm/send/one")).await;
    assert_eq!((status, &again["subscriptionId"]), (201, &made["subscriptionId"]), "the same device, once");
    for n in 2..=7 {
        w.call(subscribe, post(&format!("https://fcm.googleapis.com/fcm/send/{n}"))).await;
    }
    let (status, devices) = w.call(push_devices, w.request(Some(&parent), "GET", "/v1/me/push-subscriptions", None)).await;
    assert_eq!(status, 200);
    assert_eq!(devices["publicKey"], "BPublicKeyOfTheDeployment");
    let ids: Vec<&str> = devices["subscriptions"].as_array().unwrap().iter().map(|s| s["subscriptionId"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), PushSubscription::PER_USER);
    assert!(!ids.contains(&made["subscriptionId"].as_str().unwrap()), "the oldest went");
    let profile: UserRecord = w.get(&UserRecord::key(&parent.user_id)).unwrap();
    assert!(profile.push_subscriptions.iter().all(|s| !s.endpoint.is_empty()));
    assert!(!devices.to_string().contains("/fcm/send/"), "endpoints are not shown back");
    // Removing: once, then again (already gone) both answer 200.
    let id = ids[0].to_string();
    for _ in 0..2 {
        let (status, _) = w.call(unsubscribe, w.request(Some(&parent), "DELETE", &format!("/v1/me/push-subscriptions/{id}"), None)).await;
        assert_eq!(status, 200);
    }
    let profile: UserRecord = w.get(&UserRecord::key(&parent.user_id)).unwrap();
    assert_eq!(profile.push_subscriptions.len(), PushSubscription::PER_USER - 1);
}

#[tokio::test]
async fn endpoints_outside_the_allow_list_or_without_push_change_nothing() {
    let w = push_world();
    let parent = w.member(Role::Parent);
    let items = w.table.items();
    for endpoint in ["https://evil.example/x", "http://fcm.googleapis.com/x", "http://127.0.0.1:9/x", "https://10.0.0.1/x"] {
        let body = subscription(endpoint);
        let (status, problem) = w.call(subscribe, w.request(Some(&parent), "POST", "/v1/me/push-subscriptions", Some(&body))).await;
        assert_eq!((status, problem["type"].as_str().unwrap()), (422, "https://nestling.app/problems/push-endpoint-refused"), "{endpoint}");
    }
    let mut body = subscription("https://fcm.googleapis.com/x");
    body["keys"]["auth"] = json!("c2hvcnQ");
    let (status, _) = w.call(subscribe, w.request(Some(&parent), "POST", "/v1/me/push-subscriptions", Some(&body))).await;
    assert_eq!(status, 422);
    assert_eq!(w.table.items(), items, "nothing stored");

    // A deployment without a VAPID key offers no push.
    let w = World::new();
    let parent = w.member(Role::Parent);
    let (_, devices) = w.call(push_devices, w.request(Some(&parent), "GET", "/v1/me/push-subscriptions", None)).await;
    assert_eq!(devices["publicKey"], serde_json::Value::Null);
    let body = subscription("https://fcm.googleapis.com/x");
    let (status, _) = w.call(subscribe, w.request(Some(&parent), "POST", "/v1/me/push-subscriptions", Some(&body))).await;
    assert_eq!(status, 409);
}

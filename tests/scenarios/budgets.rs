//! DynamoDB round trips per request, counted by the SDK interceptor: reads at most 2, writes
//! at most 2 (DESIGN.md section 5). Counts, not timings.

use nestling_tests::{spawn_app, unique};
use serde_json::json;

#[tokio::test]
async fn every_endpoint_stays_within_its_round_trip_budget() {
    let t = spawn_app().await;
    let operator = t.operator().await;
    let (setting_id, manager) = t.setting().await;
    let practitioner = t.staff(&setting_id, &manager, "practitioner").await;
    let invited = format!("{}@acorns.test", unique("b"));
    t.call("POST", &format!("/v1/settings/{setting_id}/staff"), Some(&manager), Some(json!({
        "email": invited, "name": "Bo", "role": "practitioner", "qualificationLevel": 1
    })))
    .await;
    let token = t.invitation_token(&invited).await;
    let s = &setting_id;
    let calls: Vec<(&str, String, &nestling_tests::Person, Option<serde_json::Value>, usize)> = vec![
        ("GET", "/v1/me".into(), &manager, None, 2),
        ("POST", "/v1/settings".into(), &operator, Some(json!({
            "name": "N", "timezone": "Europe/London", "agreementText": "T",
            "manager": { "email": format!("{}@n.test", unique("m")), "name": "M" }
        })), 2),
        ("GET", format!("/v1/settings/{s}"), &manager, None, 1),
        ("POST", format!("/v1/settings/{s}/rooms"), &manager, Some(json!({ "name": "R", "ageBand": "two" })), 2),
        ("GET", format!("/v1/settings/{s}/rooms"), &manager, None, 2),
        ("POST", format!("/v1/settings/{s}/staff"), &manager, Some(json!({
            "email": format!("{}@n.test", unique("s")), "name": "S", "role": "practitioner", "qualificationLevel": 2
        })), 2),
        ("GET", format!("/v1/settings/{s}/staff"), &manager, None, 2),
        ("POST", format!("/v1/settings/{s}/staff/{}/revoke", practitioner.user_id), &manager, Some(json!({ "reason": "left" })), 2),
    ];
    for (method, path, who, body, budget) in calls {
        t.app.round_trips.reset();
        let (status, answer) = t.call(method, &path, Some(who), body).await;
        assert!(status < 300, "{method} {path}: {status} {answer}");
        let used = t.app.round_trips.count();
        assert!(used <= budget, "{method} {path}: {used} DynamoDB round trips, budget {budget}");
    }
    t.app.round_trips.reset();
    let (status, _) = t.call("POST", &format!("/v1/invitations/{token}/accept"), None, Some(json!({ "password": nestling_tests::PASSWORD }))).await;
    assert_eq!(status, 200);
    assert!(t.app.round_trips.count() <= 2, "invitation accept: {}", t.app.round_trips.count());
}

//! `make dev`'s demo nursery, seeded through the API exactly as `make dev` does it: if this
//! passes, the demo a newcomer first sees works.

use nestling_local::seed::{seed_demo, DEMO_PASSWORD};
use nestling_tests::spawn_app;

#[tokio::test]
async fn the_demo_nursery_seeds_through_the_api() {
    let t = spawn_app().await;
    let drain = || async {
        t.check_uploads().await;
        t.drain_outbox().await;
        Ok::<(), String>(())
    };
    let (setting_id, logins) = seed_demo(&t.stack, &t.api, drain).await.expect("the demo seeds");
    assert!(logins.iter().any(|l| l.role == "manager"));
    let manager = nestling_local::provision::sign_in(&t.stack, "manager@acorns.test", DEMO_PASSWORD).await.unwrap().access_token;
    let (status, register) = t.api.call("GET", &format!("/v1/settings/{setting_id}/register"), Some(&manager), None).await.unwrap();
    assert_eq!(status, 200, "{register}");
    let lines = register["children"].as_array().unwrap();
    assert_eq!(lines.len(), 6);
    assert_eq!(register["present"], 4, "five signed in, one collected: {register}");
    assert!(lines.iter().any(|l| l["absence"].is_object()), "an absence reported");
    let (_, ratios) = t.api.call("GET", &format!("/v1/settings/{setting_id}/ratios"), Some(&manager), None).await.unwrap();
    assert!(ratios["rooms"].as_array().unwrap().iter().all(|r| r["status"] == "ok"), "{ratios}");
    let (_, accidents) = t.api.call("GET", &format!("/v1/settings/{setting_id}/accidents"), Some(&manager), None).await.unwrap();
    assert_eq!(accidents["items"].as_array().unwrap().len(), 1);
    let (_, faults) = t.api.call("GET", &format!("/v1/settings/{setting_id}/faults?status=open"), Some(&manager), None).await.unwrap();
    assert_eq!(faults["items"].as_array().unwrap().len(), 1);
    let (_, breaches) = t.api.call("GET", &format!("/v1/settings/{setting_id}/breaches"), Some(&manager), None).await.unwrap();
    assert_eq!(breaches["items"][0]["icoStatus"], "not-required");
    // Beth (Ava in the Acorns, Noah in the Oaks) has her thread with Ava's key person and the
    // Oaks' letter; Hamza (Isla, Acorns) has neither.
    let beth = nestling_local::provision::sign_in(&t.stack, "beth@families.test", DEMO_PASSWORD).await.unwrap().access_token;
    let (_, inbox) = t.api.call("GET", &format!("/v1/settings/{setting_id}/threads"), Some(&beth), None).await.unwrap();
    let subjects: Vec<&str> = inbox["items"].as_array().unwrap().iter().map(|t| t["subject"].as_str().unwrap()).collect();
    assert_eq!(subjects, ["Forest school on Thursday", "Ava's afternoon nap"], "{inbox}");
    let hamza = nestling_local::provision::sign_in(&t.stack, "hamza@families.test", DEMO_PASSWORD).await.unwrap().access_token;
    let (_, inbox) = t.api.call("GET", &format!("/v1/settings/{setting_id}/threads"), Some(&hamza), None).await.unwrap();
    assert_eq!(inbox["items"].as_array().unwrap().len(), 0, "{inbox}");
}

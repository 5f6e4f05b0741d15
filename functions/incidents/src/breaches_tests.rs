//! The breach register against the in-memory table: the families of a breach are written to
//! a bounded number of times, so the breach's record never fills.

use super::*;
use nestling_platform::testing::World;
use serde_json::json;

#[tokio::test]
async fn a_breach_writes_to_its_families_a_bounded_number_of_times() {
    use nestling_domain::bounds::MAX_BREACH_NOTIFICATIONS;
    let w = World::new();
    let ava = w.child("Ava", &w.room("Robins", nestling_domain::AgeBand::Two), &w.manager);
    let _parent = w.guardian_of(&ava, nestling_domain::GuardianAccess::Parent);
    let breaches = format!("/v1/settings/{}/breaches", w.setting_id);
    let breach = json!({
        "description": "A photo was emailed to the wrong family.", "discoveredAt": w.app.clock.timestamp(),
        "category": "wrong-recipient", "affectedChildIds": [ava], "risk": "low", "reportable": false,
    });
    let (status, recorded) = w.call(record_breach, w.request(Some(&w.manager), "POST", &breaches, Some(&breach))).await;
    assert_eq!(status, 201, "{recorded}");
    let notify = format!("{breaches}/{}/notify-families", recorded["breachId"].as_str().unwrap());
    let message = json!({ "message": "We are sorry: a photo of your child was sent to another family." });
    w.grow_past_bound(MAX_BREACH_NOTIFICATIONS, 201, |_| {
        (notify_breach_families, w.request(Some(&w.manager), "POST", &notify, Some(&message)))
    })
    .await;
}

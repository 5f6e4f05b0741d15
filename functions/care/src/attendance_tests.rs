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

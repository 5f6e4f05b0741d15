//! Accident records against the in-memory table: a manager's review carries notes for the
//! parents and, apart from them, notes for staff that no family ever sees or is emailed.

use super::*;
use nestling_domain::{AgeBand, GuardianAccess, Role};
use nestling_platform::records::OutboxRecord;
use nestling_platform::store::from_item;
use nestling_platform::testing::World;
use serde_json::json;

#[tokio::test]
async fn internal_review_notes_stay_with_staff() {
    let w = World::new();
    let practitioner = w.member(Role::Practitioner);
    let ava = w.child("Ava", &w.room("Robins", AgeBand::Two), &practitioner);
    let parent = w.guardian_of(&ava, GuardianAccess::Parent);
    let accidents = format!("/v1/settings/{}/children/{ava}/accidents", w.setting_id);
    let body =
        json!({ "place": "Garden", "whatHappened": "Tripped on the path.", "injury": "Graze", "firstAid": "Cleaned.", "serious": false });
    let (status, made) = w.call(record_accident, w.request(Some(&practitioner), "POST", &accidents, Some(&body))).await;
    assert_eq!(status, 201, "{made}");
    let review = format!("/v1/settings/{}/accidents/{}/review", w.setting_id, made["accidentId"].as_str().unwrap());
    let internal = "Second trip on that path this month: the paving is reported to the landlord.";
    let notes = json!({ "notes": "Ava was fine after a cuddle.", "internalNotes": internal });
    let (status, reviewed) = w.call(review_accident, w.request(Some(&w.manager), "POST", &review, Some(&notes))).await;
    assert_eq!((status, reviewed["internalNotes"].as_str()), (200, Some(internal)), "{reviewed}");

    let (status, staff_view) = w.call(child_accidents, w.request(Some(&practitioner), "GET", &accidents, None)).await;
    assert_eq!((status, staff_view["items"][0]["internalNotes"].as_str()), (200, Some(internal)), "{staff_view}");
    let (status, parent_view) = w.call(child_accidents, w.request(Some(&parent), "GET", &accidents, None)).await;
    assert_eq!(status, 200, "{parent_view}");
    assert_eq!(parent_view["items"][0]["reviewNotes"], "Ava was fine after a cuddle.");
    assert!(parent_view["items"][0].get("internalNotes").is_none(), "{parent_view}");
    assert!(!parent_view.to_string().contains("landlord"));
    let emails: Vec<OutboxRecord> = w.items_of_kind("outbox").into_iter().map(|i| from_item(i).unwrap()).collect();
    let to_parent: Vec<_> = emails.iter().filter(|e| e.to == parent.email).collect();
    assert_eq!(to_parent.len(), 1, "the parent is told of the reviewed record");
    assert!(!to_parent[0].text.contains("landlord") && !to_parent[0].html.contains("landlord"));
}

//! Asking to upload against the in-memory table: who may tag which children, what a ticket
//! writes, and the daily quota.

use super::*;
use nestling_domain::{AgeBand, GuardianAccess, Role};
use nestling_platform::testing::World;
use serde_json::json;

fn media_path(w: &World) -> String {
    format!("/v1/settings/{}/media", w.setting_id)
}

#[tokio::test]
async fn staff_get_a_presigned_form_and_a_pending_record_with_its_log_line() {
    let w = World::new();
    let robins = w.room("Robins", AgeBand::Two);
    let practitioner = w.member(Role::Practitioner);
    let ava = w.child("Ava", &robins, &practitioner);
    let body = json!({ "contentType": "image/jpeg", "byteSize": 123_456, "children": [ava] });
    let (status, ticket) = w.call(request_upload, w.request(Some(&practitioner), "POST", &media_path(&w), Some(&body))).await;
    assert_eq!(status, 201, "{ticket}");
    assert_eq!(ticket["status"], "pending");
    let form = ticket["upload"].to_string();
    assert!(form.contains("quarantine/") && form.contains("memory-media"), "a form for the quarantine prefix of the bucket: {form}");
    let media: MediaRecord =
        w.get(&MediaRecord::key(&w.setting_id, &MediaId::parse(ticket["mediaId"].as_str().unwrap()).unwrap())).unwrap();
    assert_eq!((media.status, media.children.clone()), (MediaStatus::Pending, vec![ava.clone()]));
    assert_eq!(media.gsi1pk.as_deref(), Some(keys::MEDIA_UNATTACHED), "listed for expiry until attached");
    assert_eq!(w.items_of_kind("audit").len(), 1);
}

#[tokio::test]
async fn a_parent_tags_only_their_own_children_and_nothing_is_written_otherwise() {
    let w = World::new();
    let robins = w.room("Robins", AgeBand::Two);
    let practitioner = w.member(Role::Practitioner);
    let ava = w.child("Ava", &robins, &practitioner);
    let ben = w.child("Ben", &robins, &practitioner);
    let parent = w.guardian_of(&ava, GuardianAccess::Parent);
    let items = w.table.items();
    for children in [json!([ben]), json!([ava, ben]), json!(["no-such-child"])] {
        let body = json!({ "contentType": "image/jpeg", "byteSize": 1000, "children": children });
        let (status, problem) = w.call(request_upload, w.request(Some(&parent), "POST", &media_path(&w), Some(&body))).await;
        assert_eq!(status, 422, "{children}: {problem}");
    }
    assert_eq!(w.table.items(), items);
    let own = json!({ "contentType": "image/png", "byteSize": 1000, "children": [ava] });
    let (status, _) = w.call(request_upload, w.request(Some(&parent), "POST", &media_path(&w), Some(&own))).await;
    assert_eq!(status, 201);

    // Once Ava has left, her family reads her journal and adds nothing to it.
    let mut child: ChildRecord = w.get(&ChildRecord::key(&w.setting_id, &ava)).unwrap();
    child.leaving = Some(nestling_platform::records::LeavingRecord {
        date: nestling_domain::care::local(w.app.clock.now(), "Europe/London").date().to_string(),
        destination_kind: nestling_domain::leaving::DestinationKind::School,
        destination: "Meadow Primary".into(),
        guardian_access_days: 90,
        recorded_by: w.manager.user_id.clone(),
        recorded_at: w.app.clock.timestamp(),
    });
    w.table.insert(nestling_platform::store::to_item(&child));
    let items = w.table.items();
    let (status, problem) = w.call(request_upload, w.request(Some(&parent), "POST", &media_path(&w), Some(&own))).await;
    assert_eq!(status, 422, "{problem}");
    assert_eq!(w.table.items(), items);
    let (status, _) = w.call(request_upload, w.request(Some(&practitioner), "POST", &media_path(&w), Some(&own))).await;
    assert_eq!(status, 201, "staff may still tag her");
}

#[tokio::test]
async fn past_the_daily_quota_a_request_is_refused_with_429_and_writes_nothing() {
    let w = World::new();
    let robins = w.room("Robins", AgeBand::Two);
    let practitioner = w.member(Role::Practitioner);
    let ava = w.child("Ava", &robins, &practitioner);
    let today = nestling_platform::app::rfc3339(w.app.clock.now())[..10].to_string();
    let mut counter = Key::new(keys::user(&practitioner.user_id), format!("QUOTA#uploads#{today}")).to_item();
    counter.insert("count".into(), nestling_platform::store::value(&DAILY_UPLOAD_QUOTA));
    w.table.insert(counter);
    let items = w.table.items();
    let body = json!({ "contentType": "image/jpeg", "byteSize": 1000, "children": [ava] });
    let (status, problem) = w.call(request_upload, w.request(Some(&practitioner), "POST", &media_path(&w), Some(&body))).await;
    assert_eq!(status, 429, "{problem}");
    assert_eq!(w.table.items(), items);
}

#[tokio::test]
async fn a_day_holds_a_bounded_number_of_bytes_per_person() {
    let w = World::new();
    let robins = w.room("Robins", AgeBand::Two);
    let practitioner = w.member(Role::Practitioner);
    let ava = w.child("Ava", &robins, &practitioner);
    let parent = w.guardian_of(&ava, GuardianAccess::Parent);
    let video = |size: u64| json!({ "contentType": "video/mp4", "byteSize": size, "children": [ava] });
    let ask = |who, size| w.call(request_upload, w.request(Some(who), "POST", &media_path(&w), Some(&video(size))));
    // A parent's 600 MB: three videos of 200 MB fill it exactly; a fourth, however small, is refused.
    for n in 0..3 {
        let (status, ticket) = ask(&parent, 200_000_000).await;
        assert_eq!(status, 201, "video {n}: {ticket}");
    }
    let items = w.table.items();
    let (status, problem) = ask(&parent, 1_000).await;
    assert_eq!(status, 429, "{problem}");
    assert!(problem["detail"].as_str().unwrap().contains("600 MB"), "{problem}");
    assert_eq!(w.table.items(), items, "nothing written");
    // Staff have a day of their own, and a larger one.
    for n in 0..15 {
        let (status, ticket) = ask(&practitioner, 200_000_000).await;
        assert_eq!(status, 201, "staff video {n}: {ticket}");
    }
    let (status, _) = ask(&practitioner, 1_000).await;
    assert_eq!(status, 429, "3 GB is the staff's day");
}

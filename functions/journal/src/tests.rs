//! Observations against the in-memory table: publishing into each child's journal, who sees
//! them, and an edit made on a stale version.

use super::*;
use nestling_domain::{AgeBand, GuardianAccess, Role};
use nestling_platform::testing::World;
use serde_json::json;

#[tokio::test]
async fn an_observation_reaches_each_childs_journal_and_only_their_families() {
    let w = World::new();
    let robins = w.room("Robins", AgeBand::Two);
    let practitioner = w.member(Role::Practitioner);
    let ava = w.child("Ava", &robins, &practitioner);
    let ben = w.child("Ben", &robins, &practitioner);
    let cara = w.child("Cara", &robins, &practitioner);
    let avas_parent = w.guardian_of(&ava, GuardianAccess::Parent);
    let caras_parent = w.guardian_of(&cara, GuardianAccess::Parent);
    let body = json!({ "text": "Built a tall tower together.", "children": [ava, ben], "areas": ["mathematics"] });
    let path = format!("/v1/settings/{}/observations", w.setting_id);
    let (status, observation) = w.call(create_observation, w.request(Some(&practitioner), "POST", &path, Some(&body))).await;
    assert_eq!(status, 201, "{observation}");

    let journal = |child: &ChildId| format!("/v1/settings/{}/children/{child}/journal", w.setting_id);
    let (status, page) = w.call(get_journal, w.request(Some(&avas_parent), "GET", &journal(&ava), None)).await;
    assert_eq!(status, 200, "{page}");
    assert_eq!(page["items"][0]["text"], "Built a tall tower together.");
    let (status, page) = w.call(get_journal, w.request(Some(&caras_parent), "GET", &journal(&cara), None)).await;
    assert_eq!((status, page["items"].as_array().map(Vec::len)), (200, Some(0)), "Cara was not observed");
    let (status, _) = w.call(get_journal, w.request(Some(&caras_parent), "GET", &journal(&ava), None)).await;
    assert!(matches!(status, 403 | 404), "another family's journal is not shown: {status}");
}

#[tokio::test]
async fn an_edit_on_a_stale_version_is_a_conflict_and_changes_nothing() {
    let w = World::new();
    let robins = w.room("Robins", AgeBand::Two);
    let practitioner = w.member(Role::Practitioner);
    let ava = w.child("Ava", &robins, &practitioner);
    let body = json!({ "text": "Painted.", "children": [ava], "areas": ["expressive-arts-and-design"] });
    let path = format!("/v1/settings/{}/observations", w.setting_id);
    let (_, observation) = w.call(create_observation, w.request(Some(&practitioner), "POST", &path, Some(&body))).await;
    let edit_path = format!("{path}/{}", observation["observationId"].as_str().expect("an id"));
    let edit = |text: &str, version: &str| {
        w.request_with(Some(&practitioner), "PATCH", &edit_path, Some(&json!({ "text": text })), &[("if-match", version)])
    };
    let (status, edited) = w.call(update_observation, edit("Painted a rainbow.", "\"1\"")).await;
    assert_eq!(status, 200, "{edited}");
    let items = w.table.items();
    let (status, _) = w.call(update_observation, edit("Painted a cat.", "\"1\"")).await;
    assert_eq!(status, 409, "the second edit read version 1 too");
    assert_eq!(w.table.items(), items);
    let journal = format!("/v1/settings/{}/children/{ava}/journal", w.setting_id);
    let (_, page) = w.call(get_journal, w.request(Some(&practitioner), "GET", &journal, None)).await;
    assert_eq!(page["items"][0]["text"], "Painted a rainbow.", "the journal copy follows the edit");
}

#[tokio::test]
async fn a_familys_wow_moment_carries_its_areas_into_the_journal_once_approved() {
    let w = World::new();
    let robins = w.room("Robins", AgeBand::Two);
    let practitioner = w.member(Role::Practitioner);
    let ava = w.child("Ava", &robins, &practitioner);
    let parent = w.guardian_of(&ava, GuardianAccess::Parent);
    let path = format!("/v1/settings/{}/children/{ava}/contributions", w.setting_id);
    let wow = json!({ "text": "Counted all ten stairs on her own!", "areas": ["mathematics", "physical-development"] });
    let (status, made) = w.call(create_contribution, w.request(Some(&parent), "POST", &path, Some(&wow))).await;
    assert_eq!(status, 201, "{made}");
    assert_eq!(made["areas"], json!(["mathematics", "physical-development"]));
    let twice = json!({ "text": "Again", "areas": ["mathematics", "mathematics"] });
    assert_eq!(w.call(create_contribution, w.request(Some(&parent), "POST", &path, Some(&twice))).await.0, 422);
    let id = made["contributionId"].as_str().unwrap();
    let approve = format!("/v1/settings/{}/contributions/{id}/approve", w.setting_id);
    assert_eq!(w.call(approve_contribution, w.request(Some(&practitioner), "POST", &approve, None)).await.0, 200);
    let journal = format!("/v1/settings/{}/children/{ava}/journal", w.setting_id);
    let (_, page) = w.call(get_journal, w.request(Some(&parent), "GET", &journal, None)).await;
    assert_eq!(page["items"][0]["areas"], json!(["mathematics", "physical-development"]));
}

#[tokio::test]
async fn a_leaver_s_family_reads_the_comments_and_adds_nothing() {
    let w = World::new();
    let robins = w.room("Robins", AgeBand::Two);
    let practitioner = w.member(Role::Practitioner);
    let ava = w.child("Ava", &robins, &practitioner);
    let parent = w.guardian_of(&ava, GuardianAccess::Parent);
    let body = json!({ "text": "Painted a rainbow.", "children": [ava], "areas": ["expressive-arts-and-design"] });
    let (status, observation) = w
        .call(
            create_observation,
            w.request(Some(&practitioner), "POST", &format!("/v1/settings/{}/observations", w.setting_id), Some(&body)),
        )
        .await;
    assert_eq!(status, 201, "{observation}");
    let comments = format!("/v1/settings/{}/observations/{}/comments", w.setting_id, observation["observationId"].as_str().unwrap());
    let with_child = format!("{comments}?child={ava}");
    let comment = json!({ "text": "She loved it." });
    assert_eq!(
        w.call(create_comment, w.request(Some(&parent), "POST", &with_child, Some(&comment))).await.0,
        201,
        "attending: they comment"
    );

    // Ava leaves today.
    let mut child: nestling_platform::records::ChildRecord =
        w.get(&nestling_platform::records::ChildRecord::key(&w.setting_id, &ava)).unwrap();
    let today = nestling_domain::care::local(w.app.clock.now(), "Europe/London").date();
    child.leaving = Some(nestling_platform::records::LeavingRecord {
        date: today.to_string(),
        destination_kind: nestling_domain::leaving::DestinationKind::School,
        destination: "Meadow Primary".into(),
        guardian_access_days: 90,
        recorded_by: w.manager.user_id.clone(),
        recorded_at: w.app.clock.timestamp(),
    });
    w.table.insert(nestling_platform::store::to_item(&child));
    for path in [&with_child, &comments] {
        let (status, page) = w.call(list_comments, w.request(Some(&parent), "GET", path, None)).await;
        assert_eq!((status, page["items"].as_array().map(Vec::len)), (200, Some(1)), "{path}: they still read");
        let (status, problem) = w.call(create_comment, w.request(Some(&parent), "POST", path, Some(&comment))).await;
        assert_eq!((status, problem["type"].as_str()), (403, Some("https://nestling.app/problems/child-left")), "{path}");
    }
    let staff = json!({ "text": "We miss her!" });
    assert_eq!(
        w.call(create_comment, w.request(Some(&practitioner), "POST", &with_child, Some(&staff))).await.0,
        201,
        "staff still comment"
    );
}

#[tokio::test]
async fn a_parent_reads_their_own_childs_journal_on_the_settings_device_and_each_view_is_logged_there() {
    use nestling_domain::devices::DeviceMode;
    use nestling_platform::store::text_of;
    let w = World::new();
    let robins = w.room("Robins", AgeBand::Two);
    let practitioner = w.member(Role::Practitioner);
    let ava = w.child("Ava", &robins, &practitioner);
    let ben = w.child("Ben", &robins, &practitioner);
    let parent = w.guardian_of(&ava, GuardianAccess::Parent);
    let body = json!({ "text": "Built a tall tower together.", "children": [ava], "areas": ["mathematics"] });
    let path = format!("/v1/settings/{}/observations", w.setting_id);
    assert_eq!(w.call(create_observation, w.request(Some(&practitioner), "POST", &path, Some(&body))).await.0, 201);
    let tablet = w.on_device(&parent, DeviceMode::Journal);
    let journal = |child: &ChildId| format!("/v1/device/settings/{}/children/{child}/journal", w.setting_id);
    let (status, page) = w.call(get_journal, w.device_request(&tablet, "GET", &journal(&ava), None)).await;
    assert_eq!((status, page["items"][0]["text"].as_str()), (200, Some("Built a tall tower together.")), "{page}");
    let line = w.items_of_kind("audit").into_iter().find(|a| text_of(a, "action") == Some("journal.view")).expect("logged");
    assert_eq!(text_of(&line, "actorId"), Some(parent.user_id.as_str()));
    assert!(text_of(&line, "deviceId").is_some(), "the view is logged as on the device");
    // Only their own children, as signed in themselves.
    assert_eq!(w.call(get_journal, w.device_request(&tablet, "GET", &journal(&ben), None)).await.0, 404);
    // A kiosk session is for signing in and out: it reads no journal.
    let kiosk = w.on_device(&parent, DeviceMode::Kiosk);
    assert_eq!(w.call(get_journal, w.device_request(&kiosk, "GET", &journal(&ava), None)).await.0, 403);
    // Idle past three minutes, it has ended.
    w.app.clock.advance(time::Duration::minutes(DeviceMode::Journal.idle_minutes()));
    assert_eq!(w.call(get_journal, w.device_request(&tablet, "GET", &journal(&ava), None)).await.0, 401);
}

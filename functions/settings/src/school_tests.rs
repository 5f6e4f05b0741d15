//! A school's groups against the in-memory table: set by a manager under their version, naming
//! only the school's staff and pupils; a nursery has none.

use super::*;
use nestling_domain::{AgeBand, Role};
use nestling_platform::records::SettingRecord;
use nestling_platform::testing::World;
use serde_json::{json, Value};

fn made_a_school(w: &World) {
    let mut setting: SettingRecord = w.get(&SettingRecord::key(&w.setting_id)).unwrap();
    setting.setting_kind = SettingKind::School;
    w.table.insert(to_item(&setting));
}

fn structure(learning_manager: &str, tutor: &str, pupil: &str) -> Value {
    json!({
        "yearGroups": [{ "yearGroupId": "y9", "name": "Year 9", "learningManagerId": learning_manager,
            "tutorGroups": [{ "tutorGroupId": "9jb", "name": "9JB", "tutorId": tutor, "pupils": [pupil] }] }],
        "teachingGroups": [{ "teachingGroupId": "9x1-ma", "subject": "Maths", "name": "9x1", "teacherId": tutor, "yearGroupId": "y9" }],
        "pointCategories": { "achievement": ["Good homework"], "behaviour": ["Forgot equipment"] }
    })
}

#[tokio::test]
async fn a_manager_sets_the_schools_groups_under_their_version_and_staff_read_them() {
    let w = World::new();
    made_a_school(&w);
    let tutor = w.member(Role::Practitioner);
    let ada = w.child("Ada", &w.room("9JB", AgeBand::ThreePlus), &tutor);
    let path = format!("/v1/settings/{}/school", w.setting_id);
    let put = |who: &nestling_platform::testing::Person, body: Value, version: &str| {
        w.call(set_school, w.request_with(Some(who), "PUT", &path, Some(&body), &[("if-match", version)]))
    };
    let good = structure(w.manager.user_id.as_str(), tutor.user_id.as_str(), ada.as_str());
    assert_eq!(put(&tutor, good.clone(), "0").await.0, 403, "managers set the groups");
    // A stranger as Learning Manager, or a pupil not of the school: refused, nothing written.
    assert_eq!(put(&w.manager, structure("someone", tutor.user_id.as_str(), ada.as_str()), "0").await.0, 422);
    assert_eq!(put(&w.manager, structure(w.manager.user_id.as_str(), tutor.user_id.as_str(), "zed"), "0").await.0, 422);
    assert!(w.items_of_kind("school").is_empty());
    let (status, set) = put(&w.manager, good.clone(), "0").await;
    assert_eq!((status, set["version"].as_u64()), (200, Some(1)), "{set}");
    assert_eq!(put(&w.manager, good, "0").await.0, 409, "a stale version");
    let (status, read) = w.call(get_school, w.request(Some(&tutor), "GET", &path, None)).await;
    assert_eq!((status, read["kind"].as_str()), (200, Some("school")));
    assert_eq!(read["structure"]["yearGroups"][0]["tutorGroups"][0]["pupils"][0], ada.as_str());
}

#[tokio::test]
async fn a_nursery_has_no_school_groups() {
    let w = World::new();
    let path = format!("/v1/settings/{}/school", w.setting_id);
    let (status, read) = w.call(get_school, w.request(Some(&w.manager), "GET", &path, None)).await;
    assert_eq!((status, read["kind"].as_str(), read["version"].as_u64()), (200, Some("nursery"), Some(0)));
    let body = json!({ "yearGroups": [], "teachingGroups": [], "pointCategories": { "achievement": [], "behaviour": [] } });
    let (status, answer) = w.call(set_school, w.request_with(Some(&w.manager), "PUT", &path, Some(&body), &[("if-match", "0")])).await;
    assert_eq!((status, answer["type"].as_str().map(|t| t.ends_with("not-a-school"))), (409, Some(true)));
}

#[tokio::test]
async fn a_school_enables_its_early_years_with_its_structure() {
    let w = World::new();
    made_a_school(&w);
    let tutor = w.member(Role::Practitioner);
    let ada = w.child("Ada", &w.room("Reception", AgeBand::ThreePlus), &tutor);
    let path = format!("/v1/settings/{}/school", w.setting_id);
    let setting = || w.get::<SettingRecord>(&SettingRecord::key(&w.setting_id)).unwrap();
    let before = setting().version;
    assert!(!setting().eyfs_applies(), "a school's EYFS is off until enabled");
    let mut body = structure(w.manager.user_id.as_str(), tutor.user_id.as_str(), ada.as_str());
    body["earlyYears"] = json!(true);
    let put = |body: Value, version: &str| {
        let request = w.request_with(Some(&w.manager), "PUT", &path, Some(&body), &[("if-match", version)]);
        w.call(set_school, request)
    };
    assert_eq!(put(body.clone(), "0").await.0, 200);
    assert!(setting().eyfs_applies() && setting().version == before + 1, "the setting's, under its version");
    assert_eq!(put(body.clone(), "1").await.0, 200);
    assert_eq!(setting().version, before + 1, "unchanged: the setting is not written");
    body["earlyYears"] = json!(false);
    assert_eq!(put(body, "2").await.0, 200);
    assert!(!setting().eyfs_applies());
}

//! Registering a child against the in-memory table: who may, what one registration writes, and
//! what is refused before anything is.

use super::*;
use nestling_domain::{AgeBand, Role};
use nestling_platform::testing::World;
use serde_json::json;

fn new_child(room_id: &str, key_person_id: &str) -> serde_json::Value {
    json!({ "firstName": "Ava", "lastName": "Okafor", "dateOfBirth": "2023-05-02", "roomId": room_id, "keyPersonId": key_person_id })
}

#[tokio::test]
async fn a_manager_registers_a_child_with_its_roster_line_and_access_log_line() {
    let w = World::new();
    let robins = w.room("Robins", AgeBand::Two);
    let key_person = w.member(Role::Practitioner);
    let path = format!("/v1/settings/{}/children", w.setting_id);
    let (status, child) = w
        .call(register_child, w.request(Some(&w.manager), "POST", &path, Some(&new_child(robins.as_str(), key_person.user_id.as_str()))))
        .await;
    assert_eq!(status, 201, "{child}");
    let child_id = child["childId"].as_str().unwrap();
    let roster: RosterRecord = w.get(&RosterRecord::key(&w.setting_id)).unwrap();
    assert_eq!(roster.children[child_id].key_person_name, key_person.name);
    let audit = w.items_of_kind("audit");
    assert_eq!(audit.len(), 1);
    assert_eq!(nestling_platform::store::text_of(&audit[0], "childId"), Some(child_id));
}

#[tokio::test]
async fn a_child_is_placed_only_in_a_room_of_the_setting_with_staff_as_key_person() {
    let w = World::new();
    let robins = w.room("Robins", AgeBand::Two);
    let practitioner = w.member(Role::Practitioner);
    let parent = w.member(Role::Parent);
    let path = format!("/v1/settings/{}/children", w.setting_id);
    let items = w.table.items();
    for (body, why) in [
        (new_child("no-such-room", practitioner.user_id.as_str()), "a room that does not exist"),
        (new_child(robins.as_str(), parent.user_id.as_str()), "a parent as key person"),
        (new_child(robins.as_str(), "nobody"), "a key person who is not a member"),
        (
            json!({ "firstName": "Ava", "lastName": "Okafor", "dateOfBirth": "2999-01-01", "roomId": robins, "keyPersonId": practitioner.user_id }),
            "born in the future",
        ),
    ] {
        let (status, problem) = w.call(register_child, w.request(Some(&w.manager), "POST", &path, Some(&body))).await;
        assert!(matches!(status, 400 | 404 | 409 | 422), "{why}: {status} {problem}");
    }
    let (status, _) = w
        .call(
            register_child,
            w.request(Some(&practitioner), "POST", &path, Some(&new_child(robins.as_str(), practitioner.user_id.as_str()))),
        )
        .await;
    assert_eq!(status, 403, "practitioners do not register children");
    assert_eq!(w.table.items(), items, "nothing refused was written");
}

#[tokio::test]
async fn a_setting_holds_a_bounded_number_of_children() {
    let w = World::new();
    let robins = w.room("Robins", AgeBand::Two);
    let key_person = w.member(Role::Practitioner);
    let path = format!("/v1/settings/{}/children", w.setting_id);
    let body = new_child(robins.as_str(), key_person.user_id.as_str());
    w.grow_past_bound(nestling_domain::bounds::MAX_CHILDREN_PER_SETTING, 201, |_| {
        (register_child, w.request(Some(&w.manager), "POST", &path, Some(&body)))
    })
    .await;
}

//! Guardian links and the agreement against the in-memory table: a new version suspends a
//! parent until they accept it, accepting writes the version onto each of their links, and a
//! revoked link ends with the membership's list of children.

use super::*;
use nestling_domain::{AgeBand, GuardianAccess, Role};
use nestling_platform::testing::World;
use serde_json::json;

#[tokio::test]
async fn a_new_agreement_suspends_a_parent_until_they_accept_it_on_every_link() {
    let w = World::new();
    let robins = w.room("Robins", AgeBand::Two);
    let practitioner = w.member(Role::Practitioner);
    let ava = w.child("Ava", &robins, &practitioner);
    let ben = w.child("Ben", &robins, &practitioner);
    let parent = w.guardian_of(&ava, GuardianAccess::Parent);
    // The same parent, linked to a second child.
    let mut member: MemberRecord = w.get(&MemberRecord::key(&w.setting_id, &parent.user_id)).unwrap();
    member.linked_children.push(ben.clone());
    w.table.insert(to_item(&member));
    let mut child: ChildRecord = w.get(&ChildRecord::key(&w.setting_id, &ben)).unwrap();
    let mut link = w.get::<ChildRecord>(&ChildRecord::key(&w.setting_id, &ava)).unwrap().guardians[&parent.user_id].clone();
    link.accepted_agreement_version = Some(1);
    child.guardians.insert(parent.user_id.clone(), link);
    w.table.insert(to_item(&child));

    let agreement = format!("/v1/settings/{}/agreement", w.setting_id);
    let (status, published) =
        w.call(publish_agreement, w.request(Some(&w.manager), "PUT", &agreement, Some(&json!({ "text": "Version two." })))).await;
    assert_eq!(status, 200, "{published}");
    let guardians = format!("/v1/settings/{}/children/{ava}/guardians", w.setting_id);
    let (_, list) = w.call(list_guardians, w.request(Some(&w.manager), "GET", &guardians, None)).await;
    assert_eq!(list["items"][0]["status"], "pending-agreement", "{list}");

    let accept = format!("{agreement}/acceptances");
    let (status, _) = w.call(accept_agreement, w.request(Some(&parent), "POST", &accept, Some(&json!({ "version": 1 })))).await;
    assert_eq!(status, 409, "an outdated version is not accepted");
    let (status, accepted) = w.call(accept_agreement, w.request(Some(&parent), "POST", &accept, Some(&json!({ "version": 2 })))).await;
    assert_eq!(status, 200, "{accepted}");
    for child_id in [&ava, &ben] {
        let child: ChildRecord = w.get(&ChildRecord::key(&w.setting_id, child_id)).unwrap();
        assert_eq!(child.guardians[&parent.user_id].accepted_agreement_version, Some(2), "the link to {child_id} carries it");
        assert_eq!(child.version, 2);
    }
    let (_, list) = w.call(list_guardians, w.request(Some(&w.manager), "GET", &guardians, None)).await;
    assert_eq!(list["items"][0]["status"], "active", "{list}");
}

#[tokio::test]
async fn a_revoked_link_leaves_the_membership_and_cannot_be_revoked_twice() {
    let w = World::new();
    let robins = w.room("Robins", AgeBand::Two);
    let practitioner = w.member(Role::Practitioner);
    let ava = w.child("Ava", &robins, &practitioner);
    let parent = w.guardian_of(&ava, GuardianAccess::Parent);
    let revoke = format!("/v1/settings/{}/children/{ava}/guardians/{}/revoke", w.setting_id, parent.user_id);
    let reason = json!({ "reason": "court-order", "note": "Order of 1 December" });
    let (status, _) = w.call(revoke_guardian, w.request(Some(&practitioner), "POST", &revoke, Some(&reason))).await;
    assert_eq!(status, 403, "practitioners do not revoke links");
    let (status, view) = w.call(revoke_guardian, w.request(Some(&w.manager), "POST", &revoke, Some(&reason))).await;
    assert_eq!(status, 200, "{view}");
    let member: MemberRecord = w.get(&MemberRecord::key(&w.setting_id, &parent.user_id)).unwrap();
    assert!(member.linked_children.is_empty());
    let (status, _) = w.call(revoke_guardian, w.request(Some(&w.manager), "POST", &revoke, Some(&reason))).await;
    assert_eq!(status, 409);
}

#[tokio::test]
async fn a_child_and_a_guardian_hold_a_bounded_number_of_links() {
    use nestling_domain::bounds::{MAX_CHILDREN_PER_GUARDIAN, MAX_GUARDIANS_PER_CHILD};
    let w = World::new();
    let robins = w.room("Robins", AgeBand::Two);
    let link = |who: &nestling_platform::testing::Person| json!({ "email": who.email, "name": who.name, "relationship": "Aunt", "parentalResponsibility": false, "access": "family", "mayCollect": false });
    let path = |child: &ChildId| format!("/v1/settings/{}/children/{child}/guardians", w.setting_id);
    let ava = w.child("Ava", &robins, &w.manager);
    w.grow_past_bound(MAX_GUARDIANS_PER_CHILD, 201, |_| {
        let relative = w.member(Role::Family);
        (link_guardian, w.request(Some(&w.manager), "POST", &path(&ava), Some(&link(&relative))))
    })
    .await;

    // One person linked to child after child of the setting stops at the bound too.
    let gran = w.member(Role::Family);
    w.grow_past_bound(MAX_CHILDREN_PER_GUARDIAN, 201, |n| {
        let child = w.child(&format!("Child{n}"), &robins, &w.manager);
        (link_guardian, w.request(Some(&w.manager), "POST", &path(&child), Some(&link(&gran))))
    })
    .await;
}

#[tokio::test]
async fn separated_guardians_are_not_shown_each_other_and_staff_see_the_households() {
    let w = World::new();
    let robins = w.room("Robins", AgeBand::Two);
    let practitioner = w.member(Role::Practitioner);
    let ava = w.child("Ava", &robins, &practitioner);
    let mum = w.guardian_of(&ava, GuardianAccess::Parent);
    let dad = w.guardian_of(&ava, GuardianAccess::Parent);
    let grandma = w.guardian_of(&ava, GuardianAccess::Family);
    let mut child: ChildRecord = w.get(&ChildRecord::key(&w.setting_id, &ava)).unwrap();
    for (who, n) in [(&mum, 1), (&dad, 2)] {
        child.guardians.get_mut(&who.user_id).unwrap().household = Some(nestling_domain::messages::Household::new(n).unwrap());
    }
    w.table.insert(to_item(&child));
    let guardians = format!("/v1/settings/{}/children/{ava}/guardians", w.setting_id);
    let names = |list: &serde_json::Value| -> Vec<String> {
        let mut n: Vec<String> = list["items"].as_array().unwrap().iter().map(|g| g["userId"].as_str().unwrap().to_string()).collect();
        n.sort();
        n
    };
    let (_, seen_by_mum) = w.call(list_guardians, w.request(Some(&mum), "GET", &guardians, None)).await;
    let mut want = vec![mum.user_id.to_string(), grandma.user_id.to_string()];
    want.sort();
    assert_eq!(names(&seen_by_mum), want, "not dad");
    assert!(seen_by_mum["items"].as_array().unwrap().iter().all(|g| g["household"].is_null()), "households are staff's to see");
    let (_, seen_by_staff) = w.call(list_guardians, w.request(Some(&practitioner), "GET", &guardians, None)).await;
    assert_eq!(names(&seen_by_staff).len(), 3);
    let dads = seen_by_staff["items"].as_array().unwrap().iter().find(|g| g["userId"] == dad.user_id.to_string()).unwrap();
    assert_eq!(dads["household"], 2);
}

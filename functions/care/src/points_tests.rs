//! Points in a school against the in-memory table: the first contact named, the publishing
//! delay for parents, another pupil's points never shown, and a nursery giving none.

use super::*;
use crate::school_fixture::{school, School};
use nestling_domain::{AgeBand, GuardianAccess, Role};
use nestling_platform::testing::{Person, World};
use serde_json::{json, Value};

fn path(w: &World, child: &ChildId) -> String {
    format!("/v1/settings/{}/children/{child}/points", w.setting_id)
}

async fn give(w: &World, who: &Person, child: &ChildId, body: Value) -> (u16, Value) {
    w.call(give_point, w.request(Some(who), "POST", &path(w, child), Some(&body))).await
}

#[tokio::test]
async fn a_point_names_its_first_contact_the_lessons_teacher_or_the_learning_manager() {
    let School { w, teacher, learning_manager, ada, ben } = school();
    let in_maths = json!({ "kind": "achievement", "category": "Good homework", "reason": "Fractions, all correct", "points": 2, "teachingGroupId": "9x1-ma" });
    let (status, point) = give(&w, &teacher, &ada, in_maths).await;
    assert_eq!(status, 201, "{point}");
    assert_eq!(point["firstContact"]["role"], "subject-teacher");
    assert_eq!(point["firstContact"]["name"], "Tia Teacher");
    assert_eq!(point["lesson"]["subject"], "Maths");
    let corridor = json!({ "kind": "behaviour", "category": "Forgot equipment", "reason": "No PE kit", "points": 1 });
    let (status, point) = give(&w, &teacher, &ada, corridor.clone()).await;
    assert_eq!(status, 201, "{point}");
    assert_eq!(
        (point["firstContact"]["role"].as_str(), point["firstContact"]["userId"].as_str()),
        (Some("learning-manager"), Some(learning_manager.user_id.as_str()))
    );
    // Ben is in no tutor group yet: no Learning Manager to name.
    assert_eq!(give(&w, &teacher, &ben, corridor).await.1["type"].as_str().map(|t| t.ends_with("no-tutor-group")), Some(true));
    // Only the school's categories, 1 to 5 points, a lesson of the school.
    let before = w.table.items();
    for bad in [
        json!({ "kind": "achievement", "category": "Forgot equipment", "reason": "x", "points": 1 }),
        json!({ "kind": "achievement", "category": "Good homework", "reason": "x", "points": 6 }),
        json!({ "kind": "achievement", "category": "Good homework", "reason": " ", "points": 1 }),
        json!({ "kind": "achievement", "category": "Good homework", "reason": "x", "points": 1, "teachingGroupId": "10y2-fr" }),
    ] {
        assert_eq!(give(&w, &teacher, &ada, bad.clone()).await.0, 422, "{bad}");
    }
    assert_eq!(w.table.items(), before, "refusals write nothing");
    let (status, list) = w.call(list_points, w.request(Some(&teacher), "GET", &path(&w, &ada), None)).await;
    assert_eq!(status, 200, "{list}");
    assert_eq!(list["totals"], json!({ "achievement": 2, "behaviour": 1 }));
    assert_eq!(list["terms"].as_array().map(Vec::len), Some(1), "{list}");
    assert_eq!(list["terms"][0]["totals"], json!({ "achievement": 2, "behaviour": 1 }));
    assert_eq!(list["items"][0]["category"], "Forgot equipment", "newest first");
}

#[tokio::test]
async fn parents_see_their_own_childs_points_after_the_delay_and_no_one_elses() {
    let School { w, teacher, ada, ben, .. } = school();
    let parent = w.guardian_of(&ada, GuardianAccess::Parent);
    let family = w.guardian_of(&ada, GuardianAccess::Family);
    let bens_parent = w.guardian_of(&ben, GuardianAccess::Parent);
    let point =
        json!({ "kind": "achievement", "category": "Good homework", "reason": "Fractions", "points": 3, "teachingGroupId": "9x1-ma" });
    assert_eq!(give(&w, &teacher, &ada, point).await.0, 201);
    let read = |who: &Person, child: &ChildId| w.call(list_points, w.request(Some(who), "GET", &path(&w, child), None));
    let (status, now) = read(&parent, &ada).await;
    assert_eq!((status, now["items"].as_array().map(Vec::len)), (200, Some(0)), "not before the publishing delay: {now}");
    // The next day, past the morning time and the delay.
    w.app.clock.advance(time::Duration::hours(24));
    let (_, later) = w.call(list_points, w.request(Some(&parent), "GET", &path(&w, &ada), None)).await;
    assert_eq!(later["items"].as_array().map(Vec::len), Some(1), "{later}");
    assert_eq!(later["totals"]["achievement"], 3);
    // Another pupil's parent learns nothing; a family member without parental responsibility
    // reads no points.
    assert_eq!(w.call(list_points, w.request(Some(&bens_parent), "GET", &path(&w, &ada), None)).await.0, 404);
    assert_eq!(w.call(list_points, w.request(Some(&family), "GET", &path(&w, &ada), None)).await.0, 403);
    // Parents do not give points.
    let body = json!({ "kind": "achievement", "category": "Good homework", "reason": "x", "points": 1 });
    assert_eq!(give(&w, &parent, &ada, body).await.0, 403);
}

#[tokio::test]
async fn a_nursery_gives_no_points() {
    let w = World::new();
    let practitioner = w.member(Role::Practitioner);
    let ava = w.child("Ava", &w.room("Robins", AgeBand::Two), &practitioner);
    let body = json!({ "kind": "achievement", "category": "Good homework", "reason": "x", "points": 1 });
    let (status, answer) = give(&w, &practitioner, &ava, body).await;
    assert_eq!((status, answer["type"].as_str().map(|t| t.ends_with("not-a-school"))), (409, Some(true)), "{answer}");
}

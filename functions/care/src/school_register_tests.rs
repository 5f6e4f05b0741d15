//! A school's registers against the in-memory table: marking and amending under versions, the
//! regulations' reason for every amendment, the publishing delay for parents, totals by term
//! and by tutor group, and no one else's child.

use super::*;
use crate::school_fixture::{school, School};
use nestling_domain::{AgeBand, GuardianAccess, Role};
use nestling_platform::testing::{Person, World};
use serde_json::{json, Value};

fn today(w: &World) -> String {
    date_text(care::local(w.app.clock.now(), "Europe/London").date())
}

fn register(w: &World) -> String {
    format!("/v1/settings/{}/school/registers/9jb", w.setting_id)
}

async fn mark(w: &World, who: &Person, body: Value) -> (u16, Value) {
    w.call(mark_school_register, w.request(Some(who), "POST", &register(w), Some(&body))).await
}

fn one(date: &str, session: &str, child: &ChildId, code: &str, version: u64, reason: Option<&str>) -> Value {
    json!({ "date": date, "session": session, "marks": [{ "childId": child, "code": code, "version": version, "reason": reason }] })
}

fn problem(answer: &Value, slug: &str) -> bool {
    answer["type"].as_str().is_some_and(|t| t.ends_with(slug))
}

#[tokio::test]
async fn a_register_is_taken_and_amended_only_with_a_reason_under_its_version() {
    let School { w, teacher, ada, ben, .. } = school();
    let day = today(&w);
    let (status, empty) = w.call(get_school_register, w.request(Some(&teacher), "GET", &register(&w), None)).await;
    assert_eq!(status, 200, "{empty}");
    assert_eq!(
        (empty["name"].as_str(), empty["tutorName"].as_str(), empty["date"].as_str()),
        (Some("9JB"), Some("Tia Teacher"), Some(day.as_str()))
    );
    assert_eq!(empty["pupils"].as_array().map(Vec::len), Some(1), "Ada only: Ben is in no tutor group");
    assert!(empty["pupils"][0]["am"].is_null());
    assert_eq!(empty["codes"].as_array().map(Vec::len), Some(34), "the national codes, as data");

    let (status, marked) = mark(&w, &teacher, one(&day, "am", &ada, "/", 0, None)).await;
    assert_eq!(status, 200, "{marked}");
    assert_eq!(marked["marks"][0]["mark"]["code"], "/");
    assert_eq!(marked["marks"][0]["mark"]["version"], 1);
    // A retried request changes nothing.
    let before = w.table.items();
    assert_eq!(mark(&w, &teacher, one(&day, "am", &ada, "/", 0, None)).await.0, 200);
    assert_eq!(w.table.items(), before, "the same code again is no change");

    // Refused, and nothing written: an amendment without a reason, a stale version, a pupil of
    // another group, a day to come, the afternoon's code in the morning, a withdrawn code.
    let tomorrow = date_text(parse_date("d", &day).unwrap().next_day().unwrap());
    for (body, status) in [
        (one(&day, "am", &ada, "N", 1, None), 422),
        (one(&day, "am", &ada, "N", 0, Some("Not here")), 409),
        (one(&day, "am", &ben, "/", 0, None), 422),
        (one(&tomorrow, "am", &ada, "/", 0, None), 422),
        (one(&day, "am", &ada, "\\", 1, Some("Wrong")), 422),
        (one(&day, "pm", &ada, "H", 0, None), 422),
        (json!({ "date": day, "session": "am", "marks": [] }), 422),
    ] {
        let (got, answer) = mark(&w, &teacher, body.clone()).await;
        assert_eq!(got, status, "{body} {answer}");
        if status == 409 {
            assert!(problem(&answer, "mark-changed"), "{answer}");
        }
    }
    assert_eq!(w.table.items(), before, "refusals write nothing");

    let (status, amended) = mark(&w, &teacher, one(&day, "am", &ada, "L", 1, Some("Arrived 8:50, before the register closed"))).await;
    assert_eq!(status, 200, "{amended}");
    let (_, now) = w.call(get_school_register, w.request(Some(&teacher), "GET", &format!("{}?date={day}", register(&w)), None)).await;
    let am = &now["pupils"][0]["am"];
    assert_eq!((am["code"].as_str(), am["version"].as_u64(), am["category"].as_str()), (Some("L"), Some(2), Some("present")));
    let entries: Vec<(&str, Option<&str>)> =
        am["entries"].as_array().unwrap().iter().map(|e| (e["code"].as_str().unwrap(), e["reason"].as_str())).collect();
    assert_eq!(entries, vec![("/", None), ("L", Some("Arrived 8:50, before the register closed"))], "the original entry kept");
    let unknown = format!("/v1/settings/{}/school/registers/10xy", w.setting_id);
    assert_eq!(w.call(get_school_register, w.request(Some(&teacher), "GET", &unknown, None)).await.0, 404);
}

#[tokio::test]
async fn parents_read_their_own_childs_marks_after_the_delay_and_amendments_once_published() {
    let School { w, teacher, ada, ben, .. } = school();
    let parent = w.guardian_of(&ada, GuardianAccess::Parent);
    let family = w.guardian_of(&ada, GuardianAccess::Family);
    let bens_parent = w.guardian_of(&ben, GuardianAccess::Parent);
    let day = today(&w);
    assert_eq!(mark(&w, &teacher, one(&day, "am", &ada, "/", 0, None)).await.0, 200);
    assert_eq!(mark(&w, &teacher, one(&day, "pm", &ada, "N", 0, None)).await.0, 200);
    let path = format!("/v1/settings/{}/children/{ada}/school-attendance?from={day}&to={day}", w.setting_id);
    let read = |who: &Person| w.call(pupil_attendance, w.request(Some(who), "GET", &path, None));
    let (status, early) = read(&parent).await;
    assert_eq!((status, early["days"].as_array().map(Vec::len)), (200, Some(0)), "nothing before the publishing delay: {early}");
    assert_eq!(early["totals"]["possible"], 0);
    let (_, staff) = read(&teacher).await;
    assert_eq!(staff["days"][0]["pm"]["code"], "N", "staff see marks at once");

    w.app.clock.advance(time::Duration::hours(24));
    let (_, published) = read(&parent).await;
    assert_eq!((published["days"][0]["am"]["code"].as_str(), published["days"][0]["pm"]["code"].as_str()), (Some("/"), Some("N")));
    assert!(published["days"][0]["am"]["entries"].is_null(), "parents see the code, not the staff's entries");
    assert_eq!(published["totals"], json!({ "possible": 2, "attended": 1, "authorisedAbsences": 0, "unauthorisedAbsences": 1 }));
    assert_eq!(published["attendancePerMille"], 500);
    assert_eq!(published["terms"].as_array().map(Vec::len), Some(1));

    // The office amends the afternoon after the mother rang: parents see the amendment once
    // it too has waited out the delay.
    assert_eq!(mark(&w, &teacher, one(&day, "pm", &ada, "I", 1, Some("Mother rang: ill"))).await.0, 200);
    assert_eq!(read(&parent).await.1["days"][0]["pm"]["code"], "N");
    w.app.clock.advance(time::Duration::hours(24));
    let (_, amended) = read(&parent).await;
    assert_eq!(amended["days"][0]["pm"]["code"], "I");
    assert_eq!(amended["totals"]["authorisedAbsences"], 1);

    // No one else's child, nothing for family members, and the register is the staff's.
    assert_eq!(read(&bens_parent).await.0, 404);
    assert_eq!(read(&family).await.0, 403);
    assert_eq!(w.call(get_school_register, w.request(Some(&parent), "GET", &register(&w), None)).await.0, 403);
    assert_eq!(mark(&w, &parent, one(&day, "am", &ada, "/", 0, None)).await.0, 403);
    let range = format!("/v1/settings/{}/children/{ada}/school-attendance?from=2026-07-01&to=2026-09-10", w.setting_id);
    assert_eq!(w.call(pupil_attendance, w.request(Some(&parent), "GET", &range, None)).await.0, 422, "one school year at a time");
}

#[tokio::test]
async fn staff_read_their_tutor_groups_totals_and_a_nursery_has_no_registers() {
    let School { w, teacher, ada, .. } = school();
    let day = today(&w);
    assert_eq!(mark(&w, &teacher, one(&day, "am", &ada, "/", 0, None)).await.0, 200);
    assert_eq!(mark(&w, &teacher, one(&day, "pm", &ada, "G", 0, None)).await.0, 200);
    let point = json!({ "kind": "behaviour", "category": "Forgot equipment", "reason": "No PE kit", "points": 2 });
    let points = format!("/v1/settings/{}/children/{ada}/points", w.setting_id);
    assert_eq!(w.call(give_point, w.request(Some(&teacher), "POST", &points, Some(&point))).await.0, 201);
    let path = format!("{}/totals", register(&w));
    let (status, totals) = w.call(tutor_group_totals, w.request(Some(&teacher), "GET", &path, None)).await;
    assert_eq!(status, 200, "{totals}");
    assert_eq!(totals["pupils"][0]["firstName"], "Ada");
    assert_eq!(totals["pupils"][0]["attendance"]["unauthorisedAbsences"], 1);
    assert_eq!(totals["pupils"][0]["points"], json!({ "achievement": 0, "behaviour": 2 }));
    assert_eq!(totals["attendancePerMille"], 500);
    assert_eq!(totals["to"].as_str(), Some(day.as_str()));

    let nursery = World::new();
    let practitioner = nursery.member(Role::Practitioner);
    nursery.child("Ava", &nursery.room("Robins", AgeBand::Two), &practitioner);
    let (status, answer) = nursery.call(get_school_register, nursery.request(Some(&practitioner), "GET", &register(&nursery), None)).await;
    assert_eq!((status, problem(&answer, "not-a-school")), (409, true), "{answer}");
}

#[tokio::test]
async fn the_eyfs_ratios_are_not_a_schools_unless_its_early_years_are_enabled() {
    let School { w, teacher, ada, .. } = school();
    let ratios = format!("/v1/settings/{}/ratios", w.setting_id);
    let (status, answer) = w.call(get_ratios, w.request(Some(&teacher), "GET", &ratios, None)).await;
    assert_eq!((status, problem(&answer, "eyfs-not-applicable")), (409, true), "{answer}");
    // A pupil signed in with no member of staff clocked in: in a nursery a breach, here none.
    let sign_in = format!("/v1/settings/{}/children/{ada}/attendance", w.setting_id);
    let (status, answer) =
        w.call(record_attendance, w.request(Some(&teacher), "POST", &sign_in, Some(&json!({ "mark": "sign-in" })))).await;
    assert_eq!(status, 201, "{answer}");
    assert!(w.items_of_kind("ratio-breach").is_empty() && w.items_of_kind("outbox").is_empty(), "no breach, no email");
}

#[tokio::test]
async fn a_marks_amendments_are_bounded() {
    let School { w, teacher, ada, .. } = school();
    let day = today(&w);
    assert_eq!(mark(&w, &teacher, one(&day, "am", &ada, "/", 0, None)).await.0, 200);
    for version in 1..20u64 {
        let code = if version % 2 == 1 { "L" } else { "/" };
        assert_eq!(mark(&w, &teacher, one(&day, "am", &ada, code, version, Some("Corrected"))).await.0, 200, "amendment {version}");
    }
    let before = w.table.items();
    let (status, answer) = mark(&w, &teacher, one(&day, "am", &ada, "N", 20, Some("Once more"))).await;
    assert_eq!((status, problem(&answer, "limit-reached")), (422, true), "{answer}");
    assert_eq!(w.table.items(), before);
}

//! Data-rights requests against the in-memory table, with a clock that moves: who may ask
//! about whom, the month and its extension, the managers' reminders, and what is refused
//! before anything is written.

use super::*;
use nestling_domain::{AgeBand, GuardianAccess, Role};
use nestling_platform::store::text_of;
use nestling_platform::testing::{Person, World};
use serde_json::{json, Value};

struct Setting {
    w: World,
    child: ChildId,
    mum: Person,
    grandad: Person,
    other_parent: Person,
}

fn setting() -> Setting {
    let w = World::new();
    let room = w.room("Robins", AgeBand::Two);
    let key_person = w.member(Role::Practitioner);
    let child = w.child("Ava", &room, &key_person);
    let mum = w.guardian_of(&child, GuardianAccess::Parent);
    let grandad = w.guardian_of(&child, GuardianAccess::Family);
    let ben = w.child("Ben", &room, &key_person);
    let other_parent = w.guardian_of(&ben, GuardianAccess::Parent);
    Setting { w, child, mum, grandad, other_parent }
}

fn slug(answer: &Value) -> &str {
    answer["type"].as_str().and_then(|t| t.rsplit('/').next()).unwrap_or_default()
}

fn today(w: &World) -> time::Date {
    nestling_domain::care::local(w.app.clock.now(), "Europe/London").date()
}

fn emails(w: &World, purpose: &str) -> Vec<String> {
    w.items_of_kind("outbox")
        .iter()
        .filter(|m| text_of(m, "purpose") == Some(purpose))
        .filter_map(|m| text_of(m, "to").map(str::to_string))
        .collect()
}

#[tokio::test]
async fn a_parent_asks_about_her_child_and_the_month_starts() {
    let s = setting();
    let w = &s.w;
    let path = format!("/v1/settings/{}/children/{}/rights-requests", w.setting_id, s.child);
    let (status, made) = w.call(request_about_child, w.request(Some(&s.mum), "POST", &path, Some(&json!({})))).await;
    assert_eq!(status, 201, "{made}");
    assert_eq!(made["about"]["kind"], "child");
    assert_eq!(made["receivedBy"], "app");
    assert_eq!(made["dueOn"], rights::due_on(today(w), false).to_string());
    assert_eq!(made["status"], "open");
    // The managers are told at once, and she is told the date.
    let told = emails(w, "rights-request");
    assert!(told.contains(&w.manager.email) && told.contains(&s.mum.email), "{told:?}");
    assert!(w.items_of_kind("audit").iter().any(|a| text_of(a, "action") == Some("rights-request.make")));

    // Her list has it; another family's does not; the managers see every request.
    let list = format!("/v1/settings/{}/rights-requests", w.setting_id);
    let count = |v: &Value| v["items"].as_array().unwrap().len();
    let (_, mine) = w.call(list_requests, w.request(Some(&s.mum), "GET", &list, None)).await;
    assert_eq!(count(&mine), 1);
    let (_, theirs) = w.call(list_requests, w.request(Some(&s.other_parent), "GET", &list, None)).await;
    assert_eq!(count(&theirs), 0);
    let (_, all) = w.call(list_requests, w.request(Some(&w.manager), "GET", &list, None)).await;
    assert_eq!(count(&all), 1);
}

#[tokio::test]
async fn only_those_with_a_right_ask_and_refusals_write_nothing() {
    let s = setting();
    let w = &s.w;
    let about_ava = format!("/v1/settings/{}/children/{}/rights-requests", w.setting_id, s.child);
    let practitioner = w.member(Role::Practitioner);
    let before = w.table.items();
    for who in [&s.grandad, &practitioner] {
        let (status, _) = w.call(request_about_child, w.request(Some(who), "POST", &about_ava, Some(&json!({})))).await;
        assert_eq!(status, 403, "{}", who.name);
    }
    let (status, _) = w.call(request_about_child, w.request(Some(&s.other_parent), "POST", &about_ava, Some(&json!({})))).await;
    assert_eq!(status, 404, "another family may not learn the child exists");
    let (status, answer) = w.call(request_about_child, w.request(Some(&w.manager), "POST", &about_ava, Some(&json!({})))).await;
    assert_eq!((status, slug(&answer)), (422, "validation-failed"), "a manager logs someone's request: {answer}");
    // Only a manager logs a request received another way, and only as it could have been.
    let mine = format!("/v1/settings/{}/rights-requests", w.setting_id);
    let logged = json!({ "requesterName": "Sam Okafor", "receivedBy": "letter" });
    let (status, _) = w.call(request_about_self, w.request(Some(&s.mum), "POST", &mine, Some(&logged))).await;
    assert_eq!(status, 403);
    let tomorrow = (today(w) + time::Duration::days(1)).to_string();
    for (body, why) in [
        (json!({ "requesterName": "Sam", "receivedBy": "app" }), "made in the app"),
        (json!({ "requesterName": "Sam", "receivedOn": tomorrow }), "in the future"),
        (json!({ "receivedBy": "email" }), "nobody named"),
        (json!({ "requesterName": "Sam", "requesterEmail": "not an address" }), "a bad address"),
    ] {
        let (status, answer) = w.call(request_about_self, w.request(Some(&w.manager), "POST", &mine, Some(&body))).await;
        assert_eq!((status, slug(&answer)), (422, "validation-failed"), "{why}: {answer}");
    }
    assert_eq!(w.table.items(), before, "refusals write nothing");
    // Anyone with a membership asks about themselves; a family member too.
    let (status, made) = w.call(request_about_self, w.request(Some(&s.grandad), "POST", &mine, Some(&json!({})))).await;
    assert_eq!(status, 201, "{made}");
    assert_eq!(made["about"]["userId"], s.grandad.user_id.as_str());
}

#[tokio::test]
async fn a_manager_logs_a_letter_extends_it_once_within_the_month_and_records_the_answer() {
    let s = setting();
    let w = &s.w;
    let received = today(w) - time::Duration::days(10);
    let body = json!({ "requesterName": "Sam Okafor", "requesterEmail": "sam@example.test", "receivedOn": received.to_string(), "receivedBy": "letter" });
    let (status, made) = w
        .call(
            request_about_self,
            w.request(Some(&w.manager), "POST", &format!("/v1/settings/{}/rights-requests", w.setting_id), Some(&body)),
        )
        .await;
    assert_eq!(status, 201, "{made}");
    assert_eq!(made["dueOn"], rights::due_on(received, false).to_string(), "the month runs from receipt, not from logging");
    let id = made["requestId"].as_str().unwrap();
    let base = format!("/v1/settings/{}/rights-requests/{id}", w.setting_id);
    let reason = json!({ "note": "The records span three years and two rooms." });
    let (status, _) = w.call(extend_request, w.request(Some(&s.mum), "POST", &format!("{base}/extend"), Some(&reason))).await;
    assert_eq!(status, 403);
    let (status, extended) = w.call(extend_request, w.request(Some(&w.manager), "POST", &format!("{base}/extend"), Some(&reason))).await;
    assert_eq!(status, 200, "{extended}");
    assert_eq!(extended["dueOn"], rights::due_on(received, true).to_string());
    assert!(emails(w, "rights-request").contains(&"sam@example.test".to_string()));
    let (status, again) = w.call(extend_request, w.request(Some(&w.manager), "POST", &format!("{base}/extend"), Some(&reason))).await;
    assert_eq!((status, slug(&again)), (409, "request-extended"));

    let answer = json!({ "note": "Sent by post: the records and the journal, with one third party's details withheld." });
    let (status, answered) = w.call(answer_request, w.request(Some(&w.manager), "POST", &format!("{base}/answer"), Some(&answer))).await;
    assert_eq!(status, 200, "{answered}");
    assert_eq!(answered["status"], "answered");
    assert!(answered["daysLeft"].is_null());
    let record: RightsRequestRecord = w.get(&RightsRequestRecord::key(&w.setting_id, id)).unwrap();
    assert!(record.gsi1pk.is_none(), "off the reminders' index");
    let (status, again) = w.call(answer_request, w.request(Some(&w.manager), "POST", &format!("{base}/answer"), Some(&answer))).await;
    assert_eq!((status, slug(&again)), (409, "request-answered"));

    // A request received over a month ago may no longer be extended.
    let old = json!({ "requesterName": "Kim", "receivedOn": (today(w) - time::Duration::days(40)).to_string(), "receivedBy": "email" });
    let (_, late) = w
        .call(
            request_about_self,
            w.request(Some(&w.manager), "POST", &format!("/v1/settings/{}/rights-requests", w.setting_id), Some(&old)),
        )
        .await;
    let extend = format!("/v1/settings/{}/rights-requests/{}/extend", w.setting_id, late["requestId"].as_str().unwrap());
    let (status, refused) = w.call(extend_request, w.request(Some(&w.manager), "POST", &extend, Some(&reason))).await;
    assert_eq!((status, slug(&refused)), (409, "extension-too-late"));
    assert!(late["daysLeft"].as_i64().unwrap() < 0, "overdue: {late}");
}

#[tokio::test]
async fn managers_are_reminded_a_week_before_on_the_day_and_when_overdue_each_once() {
    let s = setting();
    let w = &s.w;
    let path = format!("/v1/settings/{}/children/{}/rights-requests", w.setting_id, s.child);
    let (status, made) = w.call(request_about_child, w.request(Some(&s.mum), "POST", &path, Some(&json!({})))).await;
    assert_eq!(status, 201, "{made}");
    let due = rights::due_on(today(w), false);
    let at = |day: time::Date| day.with_hms(9, 0, 0).unwrap().assume_utc();
    let reminders = |w: &World| emails(w, "rights-reminder").len();
    assert_eq!(deadlines::send_reminders(&w.app, at(due - time::Duration::days(8))).await.unwrap(), 0);
    assert_eq!(deadlines::send_reminders(&w.app, at(due - time::Duration::days(7))).await.unwrap(), 1, "a week before, to the one manager");
    assert_eq!(deadlines::send_reminders(&w.app, at(due - time::Duration::days(7))).await.unwrap(), 0, "once");
    assert_eq!(deadlines::send_reminders(&w.app, at(due)).await.unwrap(), 1, "on the day");
    assert_eq!(deadlines::send_reminders(&w.app, at(due + time::Duration::days(1))).await.unwrap(), 1, "overdue");
    assert_eq!(deadlines::send_reminders(&w.app, at(due + time::Duration::days(2))).await.unwrap(), 0);
    assert_eq!(reminders(w), 3);
    assert!(w.items_of_kind("audit").iter().any(|a| text_of(a, "action") == Some("rights-request.reminder")));
}

#[tokio::test]
async fn an_erasure_request_is_about_a_child_and_waits_until_the_child_has_left() {
    let s = setting();
    let w = &s.w;
    let path = format!("/v1/settings/{}/children/{}/rights-requests", w.setting_id, s.child);
    let (status, made) =
        w.call(request_about_child, w.request(Some(&s.mum), "POST", &path, Some(&json!({ "requestKind": "erasure" })))).await;
    assert_eq!(status, 201, "{made}");
    assert_eq!(made["requestKind"], "erasure");
    let own = format!("/v1/settings/{}/rights-requests", w.setting_id);
    let (status, refused) =
        w.call(request_about_self, w.request(Some(&s.mum), "POST", &own, Some(&json!({ "requestKind": "erasure" })))).await;
    assert_eq!((status, slug(&refused)), (422, "validation-failed"), "{refused}");

    let approve = format!("/v1/settings/{}/rights-requests/{}/erasure", w.setting_id, made["requestId"].as_str().unwrap());
    let note = json!({ "note": "Approved." });
    let before = w.table.items();
    let (status, _) = w.call(erasure::approve_erasure, w.request(Some(&s.mum), "POST", &approve, Some(&note))).await;
    assert_eq!(status, 403);
    let (status, refused) = w.call(erasure::approve_erasure, w.request(Some(&w.manager), "POST", &approve, Some(&note))).await;
    assert_eq!((status, slug(&refused)), (409, "child-attending"), "{refused}");
    assert_eq!(w.table.items(), before, "refusals write nothing");
    // A subject access request is not approved as an erasure.
    let (_, access) = w.call(request_about_child, w.request(Some(&s.mum), "POST", &path, Some(&json!({})))).await;
    let wrong = format!("/v1/settings/{}/rights-requests/{}/erasure", w.setting_id, access["requestId"].as_str().unwrap());
    let (status, _) = w.call(erasure::approve_erasure, w.request(Some(&w.manager), "POST", &wrong, Some(&note))).await;
    assert_eq!(status, 422);
}

#[test]
fn an_approved_plan_says_what_goes_and_what_stays_with_the_law_and_the_day() {
    use nestling_domain::retention::{erasure_plan, RetainedKind};
    let born = time::macros::date!(2022 - 05 - 10);
    let left = time::macros::date!(2026 - 08 - 31);
    let plan = erasure_plan(born, Some(left), time::macros::date!(2026 - 12 - 06));
    let words = erasure::plan_words(&plan.erase, &plan.keep);
    assert!(words.starts_with("Erased tonight: the learning journal, with its photos and videos; the daily care diary"), "{words}");
    assert!(words.contains("Kept until 2043-08-10: accident and incident records. Accident records are kept until"), "{words}");
    assert!(erasure::plan_words(&[], &[]).starts_with("Nothing more can be erased"));
    assert!(!plan.erase.contains(&RetainedKind::Accidents));
}

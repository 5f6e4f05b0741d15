//! Asking for, listing and downloading learning journeys against the in-memory table: who may,
//! one a day, what is refused before anything is written, and every download in the access
//! log. (Making one reads and writes the media bucket: tests/scenarios/journey.rs.)

use super::*;
use nestling_domain::{AgeBand, GuardianAccess, Role};
use nestling_platform::records::{ChildRecord, LeavingRecord};
use nestling_platform::store::text_of;
use nestling_platform::testing::{Person, World};

struct Family {
    w: World,
    child: ChildId,
    parent: Person,
    journeys: String,
}

fn family() -> Family {
    let w = World::new();
    let robins = w.room("Robins", AgeBand::Two);
    let key_person = w.member(Role::Practitioner);
    let child = w.child("Ava", &robins, &key_person);
    let parent = w.guardian_of(&child, GuardianAccess::Parent);
    let journeys = format!("/v1/settings/{}/children/{child}/journeys", w.setting_id);
    Family { w, child, parent, journeys }
}

fn slug(answer: &serde_json::Value) -> &str {
    answer["type"].as_str().and_then(|t| t.rsplit('/').next()).unwrap_or_default()
}

/// The journey of today marked made `days_ago` days back.
fn made(f: &Family, days_ago: i64) -> String {
    let today = nestling_domain::care::local(f.w.app.clock.now(), "Europe/London").date().to_string();
    let key = JourneyRecord::key(&f.w.setting_id, &f.child, &today);
    let mut journey: JourneyRecord = f.w.get(&key).expect("asked for");
    journey.status = JourneyStatus::Ready;
    journey.made_at = Some(Timestamp::new(f.w.app.clock.now() - time::Duration::days(days_ago)));
    f.w.table.insert(to_item(&journey));
    today
}

#[tokio::test]
async fn a_parent_asks_once_a_day_and_the_request_is_audited() {
    let f = family();
    let (status, journey) = f.w.call(request_journey, f.w.request(Some(&f.parent), "POST", &f.journeys, None)).await;
    assert_eq!(status, 202, "{journey}");
    assert_eq!(journey["status"], "pending");
    assert_eq!(journey["requestedBy"], f.parent.name.as_str());
    let audit = f.w.items_of_kind("audit");
    assert_eq!(audit.len(), 1);
    assert_eq!(text_of(&audit[0], "action"), Some("journey.request"));

    let before = f.w.table.items();
    let (status, again) = f.w.call(request_journey, f.w.request(Some(&f.w.manager), "POST", &f.journeys, None)).await;
    assert_eq!((status, slug(&again)), (409, "journey-already-requested"), "{again}");
    assert_eq!(f.w.table.items(), before, "the refusal wrote nothing");

    let (status, list) = f.w.call(list_journeys, f.w.request(Some(&f.parent), "GET", &f.journeys, None)).await;
    assert_eq!(status, 200, "{list}");
    assert_eq!(list["items"].as_array().unwrap().len(), 1);
    assert!(list["items"][0]["availableUntil"].is_null(), "not made yet");

    // The next day is another journey.
    f.w.app.clock.advance(time::Duration::days(1));
    let (status, _) = f.w.call(request_journey, f.w.request(Some(&f.w.manager), "POST", &f.journeys, None)).await;
    assert_eq!(status, 202);
    let (_, list) = f.w.call(list_journeys, f.w.request(Some(&f.parent), "GET", &f.journeys, None)).await;
    assert_eq!(list["items"].as_array().unwrap().len(), 2);
    assert!(list["items"][0]["day"].as_str() > list["items"][1]["day"].as_str(), "newest first: {list}");
}

#[tokio::test]
async fn only_managers_and_the_child_s_parents_reach_journeys() {
    let f = family();
    let practitioner = f.w.member(Role::Practitioner);
    let grandparent = f.w.guardian_of(&f.child, GuardianAccess::Family);
    let before = f.w.table.items();
    for who in [&practitioner, &grandparent] {
        let (status, _) = f.w.call(request_journey, f.w.request(Some(who), "POST", &f.journeys, None)).await;
        assert_eq!(status, 403, "{}", who.name);
        let (status, _) = f.w.call(list_journeys, f.w.request(Some(who), "GET", &f.journeys, None)).await;
        assert_eq!(status, 403, "{}", who.name);
    }
    assert_eq!(f.w.table.items(), before);
    // Another child's parent is not told the child exists.
    let robins = f.w.room("Wrens", AgeBand::Mixed);
    let other = f.w.child("Ben", &robins, &practitioner);
    let stranger = f.w.guardian_of(&other, GuardianAccess::Parent);
    let (status, _) = f.w.call(list_journeys, f.w.request(Some(&stranger), "GET", &f.journeys, None)).await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn a_download_is_a_short_presigned_link_written_to_the_access_log_until_the_journey_expires() {
    let f = family();
    let (status, _) = f.w.call(request_journey, f.w.request(Some(&f.parent), "POST", &f.journeys, None)).await;
    assert_eq!(status, 202);
    let today = nestling_domain::care::local(f.w.app.clock.now(), "Europe/London").date().to_string();
    let download = format!("{}/{today}", f.journeys);
    let (status, answer) = f.w.call(download_journey, f.w.request(Some(&f.parent), "GET", &download, None)).await;
    assert_eq!((status, slug(&answer)), (409, "journey-not-ready"), "{answer}");

    made(&f, 0);
    let audited = f.w.items_of_kind("audit").len();
    for (format, object) in [("", "learning-journey.pdf"), ("?format=archive", "learning-journey.zip")] {
        let (status, answer) = f.w.call(download_journey, f.w.request(Some(&f.parent), "GET", &format!("{download}{format}"), None)).await;
        assert_eq!(status, 200, "{answer}");
        let url = answer["url"].as_str().unwrap();
        assert!(url.contains(&format!("journeys/{}/{}/{today}/{object}", f.w.setting_id, f.child)), "{url}");
        assert!(url.contains("X-Amz-Expires="), "{url}");
    }
    let audit = f.w.items_of_kind("audit");
    assert_eq!(audit.len(), audited + 2, "each download is in the access log");
    assert!(audit.iter().any(|a| text_of(a, "action") == Some("journey.download")));

    let before = f.w.table.items();
    let (status, answer) = f.w.call(download_journey, f.w.request(Some(&f.parent), "GET", &format!("{download}?format=zip"), None)).await;
    assert_eq!((status, slug(&answer)), (422, "validation-failed"), "{answer}");
    for day in ["2020-01-01", "yesterday"] {
        let (status, _) = f.w.call(download_journey, f.w.request(Some(&f.parent), "GET", &format!("{}/{day}", f.journeys), None)).await;
        assert_eq!(status, 404, "{day}");
    }
    assert_eq!(f.w.table.items(), before, "refusals write nothing");

    // Kept for 30 days after it was made.
    made(&f, KEPT_DAYS + 1);
    let (status, answer) = f.w.call(download_journey, f.w.request(Some(&f.parent), "GET", &download, None)).await;
    assert_eq!((status, slug(&answer)), (410, "journey-expired"), "{answer}");
}

#[tokio::test]
async fn a_leaver_s_parent_may_ask_in_the_reading_period_and_not_after() {
    let f = family();
    let key = ChildRecord::key(&f.w.setting_id, &f.child);
    let mut child: ChildRecord = f.w.get(&key).unwrap();
    let today = nestling_domain::care::local(f.w.app.clock.now(), "Europe/London").date();
    child.leaving = Some(LeavingRecord {
        date: today.to_string(),
        destination_kind: nestling_domain::leaving::DestinationKind::School,
        destination: "Hill Primary".into(),
        guardian_access_days: 30,
        recorded_by: f.w.manager.user_id.clone(),
        recorded_at: f.w.app.clock.timestamp(),
    });
    f.w.table.insert(to_item(&child));
    let (status, answer) = f.w.call(request_journey, f.w.request(Some(&f.parent), "POST", &f.journeys, None)).await;
    assert_eq!(status, 202, "{answer}");

    f.w.app.clock.advance(time::Duration::days(31));
    let before = f.w.table.items();
    let (status, answer) = f.w.call(request_journey, f.w.request(Some(&f.parent), "POST", &f.journeys, None)).await;
    assert_eq!((status, slug(&answer)), (403, "access-ended"), "{answer}");
    let (status, _) = f.w.call(list_journeys, f.w.request(Some(&f.parent), "GET", &f.journeys, None)).await;
    assert_eq!(status, 403);
    assert_eq!(f.w.table.items(), before);
    // The setting keeps it: a manager still may.
    let (status, _) = f.w.call(request_journey, f.w.request(Some(&f.w.manager), "POST", &f.journeys, None)).await;
    assert_eq!(status, 202);
}

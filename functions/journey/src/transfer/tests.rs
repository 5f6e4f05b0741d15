//! Sending a journey on, against the in-memory table: only managers, only a made journey, a
//! link that works once and expires, each step in the access log, the bound.

use super::*;
use crate::request_journey;
use nestling_domain::{AgeBand, GuardianAccess, Role};
use nestling_platform::store::text_of;
use nestling_platform::testing::{Person, World};
use serde_json::{json, Value};

struct Made {
    w: World,
    parent: Person,
    journey: String,
}

/// A child's journey asked for by her parent and marked made.
async fn made() -> Made {
    let w = World::new();
    let room = w.room("Robins", AgeBand::Two);
    let key_person = w.member(Role::Practitioner);
    let child = w.child("Ava", &room, &key_person);
    let parent = w.guardian_of(&child, GuardianAccess::Parent);
    let journeys = format!("/v1/settings/{}/children/{child}/journeys", w.setting_id);
    let (status, asked) = w.call(request_journey, w.request(Some(&parent), "POST", &journeys, None)).await;
    assert_eq!(status, 202, "{asked}");
    let day = asked["day"].as_str().unwrap().to_string();
    let key = JourneyRecord::key(&w.setting_id, &child, &day);
    let mut record: JourneyRecord = w.get(&key).unwrap();
    record.status = JourneyStatus::Ready;
    record.made_at = Some(w.app.clock.timestamp());
    w.table.insert(to_item(&record));
    Made { w, parent, journey: format!("{journeys}/{day}") }
}

fn to_school() -> Value {
    json!({ "to": "reception@hill-primary.test", "receiver": "Hill Primary School" })
}

fn slug(answer: &Value) -> &str {
    answer["type"].as_str().and_then(|t| t.rsplit('/').next()).unwrap_or_default()
}

/// The token of the newest transfer email's link.
fn emailed_token(w: &World) -> String {
    let mail = w.items_of_kind("outbox").into_iter().rfind(|m| text_of(m, "purpose") == Some("journey-transfer")).expect("emailed");
    let text = text_of(&mail, "text").unwrap().to_string();
    text.split("/transfer/").nth(1).unwrap().split_whitespace().next().unwrap().to_string()
}

async fn spend(w: &World, token: &str) -> (u16, Value) {
    w.call(download_transfer, w.request(None, "POST", &format!("/v1/journey-transfers/{token}/download"), None)).await
}

#[tokio::test]
async fn a_manager_sends_a_single_use_link_the_next_setting_spends_once() {
    let m = made().await;
    let transfers = format!("{}/transfers", m.journey);
    let (status, sent) = m.w.call(transfer_journey, m.w.request(Some(&m.w.manager), "POST", &transfers, Some(&to_school()))).await;
    assert_eq!(status, 201, "{sent}");
    assert_eq!(sent["receiver"], "Hill Primary School");
    assert!(sent["downloadedAt"].is_null());
    let token = emailed_token(&m.w);
    assert!(token.len() >= 60, "an unguessable token: {token}");
    // Only its hash is stored.
    let stored = m.w.items_of_kind("journey-transfer");
    assert_eq!(stored.len(), 1);
    assert!(!format!("{:?}", stored[0]).contains(&token));

    let (status, opened) = spend(&m.w, &token).await;
    assert_eq!(status, 200, "{opened}");
    assert_eq!(opened["firstName"], "Ava");
    assert!(opened["pdfUrl"].as_str().unwrap().contains("learning-journey.pdf"));
    assert!(opened["archiveUrl"].as_str().unwrap().contains("learning-journey.zip"));
    let before = m.w.table.items();
    let (status, again) = spend(&m.w, &token).await;
    assert_eq!((status, slug(&again)), (410, "transfer-invalid"), "single use: {again}");
    assert_eq!(m.w.table.items(), before, "a spent link writes nothing");

    // The journey says where it went and that it was fetched; the log has both steps.
    let (_, list) = m.w.call(crate::list_journeys, m.w.request(Some(&m.parent), "GET", m.journey.rsplit_once('/').unwrap().0, None)).await;
    let listed = &list["items"][0]["transfers"][0];
    assert_eq!(listed["to"], "reception@hill-primary.test", "{list}");
    assert!(listed["downloadedAt"].is_string(), "{list}");
    let actions: Vec<String> = m.w.items_of_kind("audit").iter().filter_map(|a| text_of(a, "action").map(str::to_string)).collect();
    assert!(actions.contains(&"journey.transfer".to_string()) && actions.contains(&"journey.transfer.download".to_string()), "{actions:?}");
}

#[tokio::test]
async fn a_link_expires_after_a_week_and_an_unknown_one_is_refused_alike() {
    let m = made().await;
    let transfers = format!("{}/transfers", m.journey);
    let (status, sent) = m.w.call(transfer_journey, m.w.request(Some(&m.w.manager), "POST", &transfers, Some(&to_school()))).await;
    assert_eq!(status, 201, "{sent}");
    let token = emailed_token(&m.w);
    assert_eq!(spend(&m.w, "not-a-real-token").await.0, 410);
    m.w.app.clock.advance(time::Duration::days(TRANSFER_DAYS) + time::Duration::minutes(1));
    let (status, answer) = spend(&m.w, &token).await;
    assert_eq!((status, slug(&answer)), (410, "transfer-invalid"), "{answer}");
}

#[tokio::test]
async fn only_a_manager_sends_and_only_a_made_journey() {
    let m = made().await;
    let transfers = format!("{}/transfers", m.journey);
    let practitioner = m.w.member(Role::Practitioner);
    let before = m.w.table.items();
    for who in [&m.parent, &practitioner] {
        let (status, _) = m.w.call(transfer_journey, m.w.request(Some(who), "POST", &transfers, Some(&to_school()))).await;
        assert_eq!(status, 403, "{}", who.name);
    }
    let (status, answer) =
        m.w.call(
            transfer_journey,
            m.w.request(Some(&m.w.manager), "POST", &transfers, Some(&json!({ "to": "not an address", "receiver": "Hill" }))),
        )
        .await;
    assert_eq!((status, slug(&answer)), (422, "validation-failed"), "{answer}");
    assert_eq!(m.w.table.items(), before, "refusals write nothing");
    // Past the journey's month, nothing is sent.
    m.w.app.clock.advance(time::Duration::days(KEPT_DAYS + 1));
    let (status, answer) = m.w.call(transfer_journey, m.w.request(Some(&m.w.manager), "POST", &transfers, Some(&to_school()))).await;
    assert_eq!((status, slug(&answer)), (410, "journey-expired"), "{answer}");
}

#[tokio::test]
async fn a_journey_is_sent_on_at_most_ten_times() {
    let m = made().await;
    let transfers = format!("{}/transfers", m.journey);
    m.w.grow_past_bound(MAX_TRANSFERS_PER_JOURNEY, 201, |_| {
        (transfer_journey, m.w.request(Some(&m.w.manager), "POST", &transfers, Some(&to_school())))
    })
    .await;
}

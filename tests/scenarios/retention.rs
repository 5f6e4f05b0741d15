//! The retention sweep end to end on the local stack, with the clock moved years on: a leaver's
//! journal (her own photo from the media bucket too), diary, register lines and messages go
//! three years after she left, her accident and medicine records when she is 21 years and 3
//! months old, and her own record when nothing else is kept; a shared observation keeps the
//! other child's copy; a legal hold stops everything until it is lifted; every deletion leaves a
//! tombstone line in the access log. An approved erasure request goes the same night, keeping
//! only what the law requires, named with its reason.

use nestling_domain::retention::RetainedKind;
use nestling_platform::records::{ChildRecord, ObservationRecord, RosterRecord};
use nestling_platform::store::{keys, Index, Query};
use nestling_tests::{id, jpeg, spawn_app};
use serde_json::json;
use time::OffsetDateTime;

#[tokio::test]
async fn a_leaver_s_records_go_as_the_schedule_says_and_not_while_held() {
    let t = spawn_app().await;
    let (s, manager) = t.setting().await;
    let key_person = t.staff(&s, &manager, "practitioner").await;
    let room = t.room(&s, &manager).await;
    let ava = t.child(&s, &manager, &room, &key_person.user_id).await;
    let ben = t.child(&s, &manager, &room, &key_person.user_id).await;
    let mother = t.guardian(&s, &manager, &ava, "parent", true).await;

    // Ava's own photo, an observation shared with Ben, a comment, the diary, an accident, a
    // medicine permission and a message.
    let photo = t.upload_raw(&s, &key_person, &jpeg(64, 48), "image/jpeg", &[&ava]).await;
    t.check_uploads().await;
    let observations = format!("/v1/settings/{s}/observations");
    let (status, solo) = t
        .call(
            "POST",
            &observations,
            Some(&key_person),
            Some(json!({ "text": "Ava painted.", "children": [&ava], "mediaIds": [&photo], "areas": ["literacy"] })),
        )
        .await;
    assert_eq!(status, 201, "{solo}");
    let (status, shared) = t
        .call(
            "POST",
            &observations,
            Some(&key_person),
            Some(json!({ "text": "A tower together.", "children": [&ava, &ben], "mediaIds": [], "areas": ["mathematics"] })),
        )
        .await;
    assert_eq!(status, 201, "{shared}");
    let solo_id = solo["observationId"].as_str().unwrap().to_string();
    let shared_id = shared["observationId"].as_str().unwrap().to_string();
    let comments = format!("/v1/settings/{s}/observations/{solo_id}/comments");
    assert_eq!(t.call("POST", &comments, Some(&mother), Some(json!({ "text": "Lovely." }))).await.0, 201);
    let child_path = format!("/v1/settings/{s}/children/{ava}");
    let diary = json!({ "kind": "note", "text": "Slept well." });
    assert_eq!(t.call("POST", &format!("{child_path}/diary"), Some(&key_person), Some(diary)).await.0, 201);
    let accident = json!({ "place": "Garden", "whatHappened": "Tripped.", "injury": "Graze", "firstAid": "Plaster.", "witnesses": [], "serious": false });
    let (status, body) = t.call("POST", &format!("{child_path}/accidents"), Some(&key_person), Some(accident)).await;
    assert_eq!(status, 201, "{body}");
    let tomorrow = (OffsetDateTime::now_utc().date() + time::Duration::days(1)).to_string();
    let permission =
        json!({ "medicine": "Calpol", "dose": "5 ml", "times": ["at noon"], "prescribedBy": "Not prescribed", "until": tomorrow });
    let (status, body) = t.call("PUT", &format!("{child_path}/medicine-permissions/calpol"), Some(&mother), Some(permission)).await;
    assert_eq!(status, 200, "{body}");
    let thread = json!({ "subject": "Wellies", "text": "Please send wellies.", "mediaIds": [] });
    assert_eq!(t.call("POST", &format!("{child_path}/threads"), Some(&key_person), Some(thread)).await.0, 201);

    // She leaves today with no reading period; the notices put her on the sweep's index.
    let (_, current) = t.call("GET", &child_path, Some(&manager), None).await;
    let version = current["version"].to_string();
    let today = OffsetDateTime::now_utc().date();
    let leaving = json!({ "date": today.to_string(), "destinationKind": "school", "destination": "Hill Primary", "guardianAccessDays": 0 });
    let (status, left) =
        t.call_with("PUT", &format!("{child_path}/leaving"), Some(&manager), Some(leaving), &[("if-match", &version)]).await;
    assert_eq!(status, 200, "{left}");
    nestling_children::notices::send_access_ending_notices(&t.app, OffsetDateTime::now_utc()).await.unwrap();
    let key = ChildRecord::key(&id(&s), &id(&ava));
    let child = || async { t.app.store().get_as::<ChildRecord>(&key).await.unwrap() };
    assert_eq!(child().await.unwrap().gsi1pk.as_deref(), Some(keys::RETENTION_DUE));
    let born = time::Date::parse(&child().await.unwrap().date_of_birth, &time::format_description::well_known::Iso8601::DATE).unwrap();
    let at = |day: time::Date| day.with_hms(2, 0, 0).unwrap().assume_utc();

    // Nothing is due for three years.
    let swept = nestling_children::sweep::sweep(&t.app, at(today + time::Duration::days(400))).await.unwrap();
    assert_eq!(swept.kinds, 0);

    // Under a legal hold, nothing goes even when due.
    let hold = format!("{child_path}/legal-hold");
    assert_eq!(t.call("POST", &hold, Some(&manager), Some(json!({ "reason": "A claim." }))).await.0, 200);
    let three_years = nestling_domain::rights::add_months(today, 36) + time::Duration::days(1);
    let swept = nestling_children::sweep::sweep(&t.app, at(three_years)).await.unwrap();
    assert_eq!((swept.kinds, swept.held), (0, 1));
    assert!(t.app.store().get(&ObservationRecord::key(&id(&s), &id(&solo_id))).await.unwrap().is_some());
    assert_eq!(t.call("DELETE", &hold, Some(&manager), Some(json!({ "note": "Settled." }))).await.0, 200);

    // Three years on: the journal, diary, register, messages and assessment go.
    let swept = nestling_children::sweep::sweep(&t.app, at(three_years)).await.unwrap();
    assert_eq!(swept.kinds, 5, "{swept:?}");
    let after = child().await.expect("her record stays while anything is kept");
    for kind in [RetainedKind::Journal, RetainedKind::Attendance, RetainedKind::CareDiary, RetainedKind::Messages, RetainedKind::Assessment]
    {
        assert!(after.swept.contains(&kind), "{kind:?}");
    }
    assert!(t.app.store().get(&ObservationRecord::key(&id(&s), &id(&solo_id))).await.unwrap().is_none(), "her own observation");
    let shared: ObservationRecord =
        t.app.store().get_as(&ObservationRecord::key(&id(&s), &id(&shared_id))).await.unwrap().expect("Ben's copy");
    assert_eq!(shared.children, vec![id::<nestling_domain::ChildId>(&ben)], "the shared observation is Ben's alone now");
    let journal: Vec<serde_json::Value> =
        t.app.store().every_as(Query::partition(Index::Table, keys::journal(&id(&s), &id(&ava)))).await.unwrap();
    assert!(journal.is_empty());
    let ben_journal: Vec<serde_json::Value> =
        t.app.store().every_as(Query::partition(Index::Table, keys::journal(&id(&s), &id(&ben)))).await.unwrap();
    assert_eq!(ben_journal.len(), 1, "Ben keeps his entry");
    assert!(t.app.media().get(&nestling_platform::media::original_key(&id(&s), &id(&photo))).await.is_err(), "the photo is gone");
    let kept: Vec<serde_json::Value> =
        t.app.store().every_as(Query::partition(Index::Table, keys::setting(&id(&s))).prefix(keys::ACCIDENT_PREFIX)).await.unwrap();
    assert_eq!(kept.len(), 1, "the accident record stays");
    // The next run does nothing more.
    assert_eq!(nestling_children::sweep::sweep(&t.app, at(three_years)).await.unwrap().kinds, 0);

    // At 25 the rest goes, and her own record with it.
    let twenty_five = nestling_domain::rights::add_months(born, 25 * 12) + time::Duration::days(1);
    let swept = nestling_children::sweep::sweep(&t.app, at(twenty_five)).await.unwrap();
    assert_eq!((swept.kinds, swept.children), (4, 1), "{swept:?}");
    assert!(child().await.is_none());
    let roster: RosterRecord = t.app.store().get_as(&RosterRecord::key(&id(&s))).await.unwrap().unwrap();
    assert!(
        !roster.children.contains_key(&id::<nestling_domain::ChildId>(&ava))
            && roster.children.contains_key(&id::<nestling_domain::ChildId>(&ben))
    );
    let kept: Vec<serde_json::Value> =
        t.app.store().every_as(Query::partition(Index::Table, keys::setting(&id(&s))).prefix(keys::ACCIDENT_PREFIX)).await.unwrap();
    assert!(kept.is_empty());

    // Every deletion left its tombstone in the access log (written on the day the sweep ran).
    let lines: Vec<nestling_platform::records::AuditRecord> = t
        .app
        .store()
        .every_as(Query::partition(Index::Table, keys::audit_day(&id(&s), &OffsetDateTime::now_utc().date().to_string())))
        .await
        .unwrap();
    let tombstones: Vec<&str> = lines
        .iter()
        .filter(|l| l.action == "retention.delete" && l.child_ids.contains(&id(&ava)))
        .filter_map(|l| l.detail.as_deref())
        .collect();
    assert_eq!(tombstones.len(), 9, "{tombstones:?}");
    assert!(tombstones.iter().any(|d| d.starts_with("The learning journal") && d.contains("1 observation and")), "{tombstones:?}");
    assert!(lines.iter().any(|l| l.action == "child.retention.erased"));
}

#[tokio::test]
async fn an_approved_erasure_goes_that_night_and_what_the_law_keeps_is_named() {
    let t = spawn_app().await;
    let (s, manager) = t.setting().await;
    let key_person = t.staff(&s, &manager, "practitioner").await;
    let room = t.room(&s, &manager).await;
    let ava = t.child(&s, &manager, &room, &key_person.user_id).await;
    let mother = t.guardian(&s, &manager, &ava, "parent", true).await;
    let (status, solo) = t
        .call(
            "POST",
            &format!("/v1/settings/{s}/observations"),
            Some(&key_person),
            Some(json!({ "text": "Ava painted.", "children": [&ava], "mediaIds": [], "areas": ["literacy"] })),
        )
        .await;
    assert_eq!(status, 201, "{solo}");
    let child_path = format!("/v1/settings/{s}/children/{ava}");
    let accident = json!({ "place": "Garden", "whatHappened": "Tripped.", "injury": "Graze", "firstAid": "Plaster.", "witnesses": [], "serious": false });
    assert_eq!(t.call("POST", &format!("{child_path}/accidents"), Some(&key_person), Some(accident)).await.0, 201);

    // She asks while Ava attends: the request waits; approving it is refused until Ava has left.
    let (status, asked) =
        t.call("POST", &format!("{child_path}/rights-requests"), Some(&mother), Some(json!({ "requestKind": "erasure" }))).await;
    assert_eq!(status, 201, "{asked}");
    assert_eq!(asked["requestKind"], "erasure");
    let approve = format!("/v1/settings/{s}/rights-requests/{}/erasure", asked["requestId"].as_str().unwrap());
    let note = json!({ "note": "Approved as the law allows." });
    let (status, refused) = t.call("POST", &approve, Some(&manager), Some(note.clone())).await;
    assert_eq!(status, 409, "{refused}");
    assert!(refused["type"].as_str().unwrap().ends_with("child-attending"));
    assert_eq!(t.call("POST", &approve, Some(&mother), Some(note.clone())).await.0, 403);
    // An erasure request has no export.
    let (status, _) = t.call("POST", &approve.replace("/erasure", "/export"), Some(&manager), None).await;
    assert_eq!(status, 422);

    // Ava leaves today, with the usual 90 days' reading: an approved erasure does not wait for it.
    let (_, current) = t.call("GET", &child_path, Some(&manager), None).await;
    let version = current["version"].to_string();
    let today = OffsetDateTime::now_utc().date();
    let leaving = json!({ "date": today.to_string(), "destinationKind": "school", "destination": "Hill Primary" });
    assert_eq!(t.call_with("PUT", &format!("{child_path}/leaving"), Some(&manager), Some(leaving), &[("if-match", &version)]).await.0, 200);
    let (status, answered) = t.call("POST", &approve, Some(&manager), Some(note)).await;
    assert_eq!(status, 200, "{answered}");
    assert_eq!(answered["status"], "answered");
    let words = answered["answered"]["note"].as_str().unwrap();
    assert!(words.contains("Erased tonight: the learning journal"), "{words}");
    assert!(words.contains("Kept until") && words.contains("accident and incident records") && words.contains("Limitation Act"), "{words}");
    t.drain_outbox().await;
    assert!(t.mail_to(&mother.email).await.iter().any(|m| m.subject.contains("erasure request was answered")));

    let swept = nestling_children::sweep::sweep(&t.app, OffsetDateTime::now_utc()).await.unwrap();
    assert_eq!(swept.kinds, 4, "journal, diary, messages, assessment: {swept:?}");
    let key = ChildRecord::key(&id(&s), &id(&ava));
    let child: ChildRecord = t.app.store().get_as(&key).await.unwrap().expect("kept: the law's records remain");
    assert!(child.swept.contains(&RetainedKind::Journal) && !child.swept.contains(&RetainedKind::Accidents));
    assert!(child.erasure.is_none(), "done");
    let solo_id = solo["observationId"].as_str().unwrap();
    assert!(t.app.store().get(&ObservationRecord::key(&id(&s), &id(solo_id))).await.unwrap().is_none());
    let kept: Vec<serde_json::Value> =
        t.app.store().every_as(Query::partition(Index::Table, keys::setting(&id(&s))).prefix(keys::ACCIDENT_PREFIX)).await.unwrap();
    assert_eq!(kept.len(), 1);
    let lines: Vec<nestling_platform::records::AuditRecord> = t
        .app
        .store()
        .every_as(Query::partition(Index::Table, keys::audit_day(&id(&s), &OffsetDateTime::now_utc().date().to_string())))
        .await
        .unwrap();
    assert!(lines.iter().any(|l| l.action == "retention.delete" && l.detail.as_deref().unwrap_or("").contains("erasure request")));
    assert!(lines.iter().any(|l| l.action == "rights-request.erasure.approve"));
}

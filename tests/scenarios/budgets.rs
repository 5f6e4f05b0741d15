//! DynamoDB round trips per request, counted by the SDK interceptor: a request waits for at
//! most 2 one after another (requests in flight together count once; DESIGN.md section 5).
//! Counts, not timings.

use nestling_tests::{child_body, guardian_body, spawn_app, unique};
use serde_json::json;

#[tokio::test]
async fn every_endpoint_stays_within_its_round_trip_budget() {
    let t = spawn_app().await;
    let operator = t.operator().await;
    let (setting_id, manager) = t.setting().await;
    let practitioner = t.staff(&setting_id, &manager, "practitioner").await;
    let invited = format!("{}@acorns.test", unique("b"));
    t.call(
        "POST",
        &format!("/v1/settings/{setting_id}/staff"),
        Some(&manager),
        Some(json!({
            "email": invited, "name": "Bo", "role": "practitioner", "qualificationLevel": 1
        })),
    )
    .await;
    let token = t.invitation_token(&invited).await;
    let room = t.room(&setting_id, &manager).await;
    let child = t.child(&setting_id, &manager, &room, &practitioner.user_id).await;
    let held = t.child(&setting_id, &manager, &room, &practitioner.user_id).await;
    let parent = t.guardian(&setting_id, &manager, &child, "parent", true).await;
    let family = t.guardian(&setting_id, &manager, &child, "family", false).await;
    let (_, current) = t.call("GET", &format!("/v1/settings/{setting_id}/children/{child}"), Some(&manager), None).await;
    let version = current["version"].as_u64().unwrap();
    let s = &setting_id;
    let c = &child;
    let calls: Vec<(&str, String, &nestling_tests::Person, Option<serde_json::Value>, usize)> = vec![
        ("GET", "/v1/me".into(), &manager, None, 2),
        (
            "POST",
            "/v1/settings".into(),
            &operator,
            Some(json!({
                "name": "N", "timezone": "Europe/London", "agreementText": "T",
                "manager": { "email": format!("{}@n.test", unique("m")), "name": "M" }
            })),
            2,
        ),
        ("GET", format!("/v1/settings/{s}"), &manager, None, 1),
        ("POST", format!("/v1/settings/{s}/rooms"), &manager, Some(json!({ "name": "R", "ageBand": "two" })), 2),
        ("GET", format!("/v1/settings/{s}/rooms"), &manager, None, 2),
        (
            "POST",
            format!("/v1/settings/{s}/staff"),
            &manager,
            Some(json!({
                "email": format!("{}@n.test", unique("s")), "name": "S", "role": "practitioner", "qualificationLevel": 2
            })),
            2,
        ),
        ("GET", format!("/v1/settings/{s}/staff"), &manager, None, 2),
        ("POST", format!("/v1/settings/{s}/children"), &manager, Some(child_body(&room, &manager.user_id)), 2),
        ("GET", format!("/v1/settings/{s}/children"), &manager, None, 2),
        ("GET", format!("/v1/settings/{s}/children/{c}"), &parent, None, 2),
        ("PATCH", format!("/v1/settings/{s}/children/{c}"), &manager, Some(json!({ "medicalNotes": "Asthma" })), 2),
        (
            "PUT",
            format!("/v1/settings/{s}/children/{c}/consents"),
            &parent,
            Some(json!({ "photosInOtherJournals": true, "remoteStaffAccess": true })),
            2,
        ),
        ("GET", format!("/v1/settings/{s}/children/{c}/guardians"), &parent, None, 2),
        (
            "POST",
            format!("/v1/settings/{s}/children/{c}/guardians"),
            &manager,
            Some(guardian_body(&format!("{}@n.test", unique("g")), "parent")),
            2,
        ),
        (
            "POST",
            format!("/v1/settings/{s}/children/{c}/guardians/{}/revoke", family.user_id),
            &manager,
            Some(json!({ "reason": "left" })),
            2,
        ),
        ("POST", format!("/v1/settings/{s}/children/{held}/safeguarding-hold"), &manager, Some(json!({ "reason": "concern" })), 2),
        ("DELETE", format!("/v1/settings/{s}/children/{held}/safeguarding-hold"), &manager, Some(json!({ "note": "closed" })), 2),
        ("GET", format!("/v1/settings/{s}/agreement"), &parent, None, 2),
        ("PUT", format!("/v1/settings/{s}/agreement"), &manager, Some(json!({ "text": "Version two." })), 2),
        ("POST", format!("/v1/settings/{s}/agreement/acceptances"), &parent, Some(json!({ "version": 2 })), 2),
        ("GET", format!("/v1/settings/{s}/audit?childId={c}"), &manager, None, 2),
        ("GET", "/v1/me".into(), &parent, None, 2),
    ];
    for (method, path, who, body, budget) in calls {
        t.app.round_trips.reset();
        let version_header = format!("\"{version}\"");
        let headers: Vec<(&str, &str)> = if method == "PATCH" { vec![("if-match", &version_header)] } else { vec![] };
        let (status, answer) = t.call_with(method, &path, Some(who), body, &headers).await;
        assert!(status < 300, "{method} {path}: {status} {answer}");
        let used = t.app.round_trips.sequential();
        assert!(used <= budget, "{method} {path}: {used} DynamoDB round trips, budget {budget}");
    }
    // The journal. Lists read their page beside the authorisation, then write the access-log
    // line (rule 9). A parent's comments and photos name the child whose journal shows them,
    // checked with the authorisation; without that, their links are read afterwards: one more.
    let photo = t.photo(s, &manager, &[c]).await;
    let observation = t.observation(s, &manager, &[c], &[&photo]).await;
    let edit = t.observation(s, &manager, &[c], &[]).await;
    let journal: Vec<(&str, String, &nestling_tests::Person, Option<serde_json::Value>, usize)> = vec![
        (
            "POST",
            format!("/v1/settings/{s}/media"),
            &parent,
            Some(json!({ "contentType": "image/png", "byteSize": 1000, "children": [c] })),
            2,
        ),
        ("GET", format!("/v1/settings/{s}/media/{photo}"), &manager, None, 2),
        ("GET", format!("/v1/settings/{s}/media/{photo}?child={c}"), &parent, None, 2),
        ("GET", format!("/v1/settings/{s}/media/{photo}"), &parent, None, 3),
        (
            "POST",
            format!("/v1/settings/{s}/observations"),
            &manager,
            Some(json!({ "text": "T", "children": [c], "mediaIds": [], "areas": ["literacy"] })),
            2,
        ),
        ("GET", format!("/v1/settings/{s}/observations"), &manager, None, 2),
        ("PATCH", format!("/v1/settings/{s}/observations/{edit}"), &manager, Some(json!({ "text": "Edited" })), 2),
        ("GET", format!("/v1/settings/{s}/children/{c}/journal"), &parent, None, 2),
        ("POST", format!("/v1/settings/{s}/observations/{observation}/comments"), &manager, Some(json!({ "text": "Hello" })), 2),
        ("POST", format!("/v1/settings/{s}/observations/{observation}/comments?child={c}"), &parent, Some(json!({ "text": "Hi" })), 2),
        ("POST", format!("/v1/settings/{s}/observations/{observation}/comments"), &parent, Some(json!({ "text": "Hi" })), 3),
        ("GET", format!("/v1/settings/{s}/observations/{observation}/comments"), &manager, None, 2),
        ("GET", format!("/v1/settings/{s}/observations/{observation}/comments?child={c}"), &parent, None, 2),
        ("GET", format!("/v1/settings/{s}/observations/{observation}/comments"), &parent, None, 3),
        ("DELETE", format!("/v1/settings/{s}/observations/{edit}"), &manager, None, 2),
        ("POST", format!("/v1/settings/{s}/children/{c}/contributions"), &parent, Some(json!({ "text": "From home" })), 2),
        ("GET", format!("/v1/settings/{s}/children/{c}/contributions"), &parent, None, 2),
        ("GET", format!("/v1/settings/{s}/contributions?status=pending"), &manager, None, 2),
        ("GET", format!("/v1/settings/{s}/staff/{}/key-children", manager.user_id), &manager, None, 2),
        ("PUT", "/v1/me/notification-preferences".into(), &parent, Some(json!({ "journal": "daily" })), 1),
    ];
    for (method, path, who, body, budget) in journal {
        t.app.round_trips.reset();
        let headers: Vec<(&str, &str)> = if method == "PATCH" { vec![("if-match", "\"1\"")] } else { vec![] };
        let (status, answer) = t.call_with(method, &path, Some(who), body, &headers).await;
        assert!(status < 400, "{method} {path}: {status} {answer}");
        let used = t.app.round_trips.sequential();
        assert!(used <= budget, "{method} {path}: {used} DynamoDB round trips, budget {budget}");
    }
    // Daily care: the day, the roster and the managers' list are read by key with the
    // authorisation; each change is one transaction; reads of a child add their log line.
    let tomorrow = (nestling_domain::care::local(t.app.clock.now(), "Europe/London").date() + time::Duration::days(1)).to_string();
    let today = nestling_domain::care::local(t.app.clock.now(), "Europe/London").date().to_string();
    let care: Vec<(&str, String, &nestling_tests::Person, Option<serde_json::Value>, usize)> = vec![
        (
            "PUT",
            format!("/v1/settings/{s}/children/{c}/collectors"),
            &parent,
            Some(json!({ "collectors": [{ "name": "Jo", "relationship": "aunt", "password": "blue-kite-42" }] })),
            2,
        ),
        ("POST", format!("/v1/settings/{s}/children/{c}/attendance"), &manager, Some(json!({ "mark": "sign-in" })), 2),
        ("POST", format!("/v1/settings/{s}/staff/me/clock"), &manager, Some(json!({ "action": "in", "roomId": room })), 2),
        (
            "POST",
            format!("/v1/settings/{s}/children/{c}/attendance"),
            &manager,
            Some(json!({ "mark": "sign-out", "collectedBy": { "guardianId": parent.user_id } })),
            2,
        ),
        ("GET", format!("/v1/settings/{s}/register"), &manager, None, 2),
        ("GET", format!("/v1/settings/{s}/children/{c}/attendance"), &parent, None, 2),
        (
            "POST",
            format!("/v1/settings/{s}/children/{c}/absences"),
            &parent,
            Some(json!({ "from": tomorrow, "to": tomorrow, "reason": "Away" })),
            2,
        ),
        ("GET", format!("/v1/settings/{s}/timesheets?from={today}&to={today}"), &manager, None, 1),
        ("GET", format!("/v1/settings/{s}/ratios"), &manager, None, 1),
        ("GET", format!("/v1/settings/{s}/ratio-breaches"), &manager, None, 2),
        ("POST", format!("/v1/settings/{s}/children/{c}/diary"), &manager, Some(json!({ "kind": "note", "text": "Happy day." })), 2),
        ("GET", format!("/v1/settings/{s}/children/{c}/diary"), &parent, None, 2),
        (
            "PUT",
            format!("/v1/settings/{s}/children/{c}/medicine-permissions/calpol"),
            &parent,
            Some(json!({
                "medicine": "Calpol", "dose": "5 ml", "times": ["12:00"], "prescribedBy": "GP", "until": tomorrow
            })),
            2,
        ),
        (
            "POST",
            format!("/v1/settings/{s}/children/{c}/medicine-doses"),
            &manager,
            Some(json!({ "permissionId": "calpol", "amount": "5 ml", "witnessedBy": practitioner.user_id })),
            2,
        ),
        (
            "POST",
            format!("/v1/settings/{s}/children/{c}/accidents"),
            &manager,
            Some(json!({
                "place": "Garden", "whatHappened": "Tripped.", "injury": "Graze", "firstAid": "Plaster.", "serious": true
            })),
            2,
        ),
        ("GET", format!("/v1/settings/{s}/accidents"), &manager, None, 2),
        ("GET", format!("/v1/settings/{s}/children/{c}/accidents"), &parent, None, 2),
    ];
    let mut accident = String::new();
    for (method, path, who, body, budget) in care {
        t.app.round_trips.reset();
        let (status, answer) = t.call(method, &path, Some(who), body).await;
        assert!(status < 300, "{method} {path}: {status} {answer}");
        let used = t.app.round_trips.sequential();
        assert!(used <= budget, "{method} {path}: {used} DynamoDB round trips, budget {budget}");
        if let Some(id) = answer["accidentId"].as_str() {
            accident = id.to_string();
        }
    }
    // Reviewing and acknowledging load the accident and its child with the authorisation.
    for (path, who, body) in [
        (format!("/v1/settings/{s}/accidents/{accident}/review"), &manager, json!({ "notes": "Seen." })),
        (format!("/v1/settings/{s}/accidents/{accident}/acknowledge"), &parent, json!({})),
    ] {
        t.app.round_trips.reset();
        let (status, answer) = t.call("POST", &path, Some(who), Some(body)).await;
        assert_eq!(status, 200, "{path}: {answer}");
        assert!(t.app.round_trips.sequential() <= 2, "{path}: {} DynamoDB round trips", t.app.round_trips.sequential());
    }
    // Faults, lockdown and the breach register: one read with the authorisation (a breach's
    // children included), one transaction. Telling families reads the children's links: 3.
    let (_, fault) = t
        .call("POST", &format!("/v1/settings/{s}/faults"), Some(&manager), Some(json!({ "description": "F", "privacyAffected": false })))
        .await;
    let fault = fault["faultId"].as_str().unwrap().to_string();
    let breach_body = json!({
        "description": "B", "discoveredAt": nestling_platform::app::rfc3339(t.app.clock.now()), "category": "other",
        "affectedChildIds": [c], "risk": "low", "reportable": true
    });
    let incidents: Vec<(&str, String, &nestling_tests::Person, Option<serde_json::Value>, usize)> = vec![
        ("POST", format!("/v1/settings/{s}/faults"), &parent, Some(json!({ "description": "Odd photo.", "privacyAffected": true })), 2),
        ("GET", format!("/v1/settings/{s}/faults"), &manager, None, 2),
        ("POST", format!("/v1/settings/{s}/faults/{fault}/resolve"), &manager, Some(json!({ "notes": "Fixed." })), 2),
        ("POST", format!("/v1/settings/{s}/lockdown"), &manager, Some(json!({ "notice": "Paused." })), 2),
        ("DELETE", format!("/v1/settings/{s}/lockdown"), &manager, Some(json!({ "message": "Back." })), 2),
        ("POST", format!("/v1/settings/{s}/breaches"), &manager, Some(breach_body), 2),
        ("GET", format!("/v1/settings/{s}/breaches"), &manager, None, 2),
        ("PUT", format!("/v1/settings/{s}/networks"), &manager, Some(json!({ "networks": nestling_tests::PREMISES })), 2),
        ("GET", format!("/v1/settings/{s}/email-problems"), &manager, None, 2),
        (
            "POST",
            format!("/v1/settings/{s}/staff/me/remote-attestation"),
            &practitioner,
            Some(json!({ "confidentiality": true, "securitySoftware": true, "ownDevice": true })),
            2,
        ),
    ];
    let mut breach = String::new();
    for (method, path, who, body, budget) in incidents {
        t.app.round_trips.reset();
        let (status, answer) = t.call(method, &path, Some(who), body).await;
        assert!(status < 300, "{method} {path}: {status} {answer}");
        let used = t.app.round_trips.sequential();
        assert!(used <= budget, "{method} {path}: {used} DynamoDB round trips, budget {budget}");
        if let Some(id) = answer["breachId"].as_str() {
            breach = id.to_string();
        }
    }
    for (path, body, budget) in [
        (format!("/v1/settings/{s}/breaches/{breach}/notify-families"), json!({ "message": "Sorry." }), 3),
        (format!("/v1/settings/{s}/breaches/{breach}/ico-report"), json!({ "reference": "IC-1" }), 2),
    ] {
        t.app.round_trips.reset();
        let (status, answer) = t.call("POST", &path, Some(&manager), Some(body)).await;
        assert!(status < 300, "{path}: {status} {answer}");
        assert!(t.app.round_trips.sequential() <= budget, "{path}: {} DynamoDB round trips", t.app.round_trips.sequential());
    }
    // The feed: the page (and the pinned posts) beside the authorisation, then the access-log
    // line; each change is one transaction, an event's reply with its places.
    let post = t.post(s, &manager, json!({ "text": "News." })).await;
    let event = t
        .post(s, &manager, json!({ "text": "Party.", "event": { "title": "Party", "date": tomorrow, "startsAt": "15:00", "place": "Hall", "capacity": 20 } }))
        .await;
    let feed: Vec<(&str, String, &nestling_tests::Person, Option<serde_json::Value>, usize)> = vec![
        ("POST", format!("/v1/settings/{s}/posts"), &practitioner, Some(json!({ "text": "Pinned.", "pinned": true })), 2),
        ("GET", format!("/v1/settings/{s}/posts"), &parent, None, 2),
        ("GET", format!("/v1/settings/{s}/posts"), &manager, None, 2),
        ("GET", format!("/v1/settings/{s}/posts/{event}"), &manager, None, 2),
        ("GET", format!("/v1/settings/{s}/posts/{event}"), &parent, None, 2),
        ("PUT", format!("/v1/settings/{s}/posts/{event}/replies/{c}"), &parent, Some(json!({ "answer": "yes" })), 2),
        ("PUT", format!("/v1/settings/{s}/posts/{post}/pinned"), &manager, Some(json!({ "pinned": true })), 2),
        ("DELETE", format!("/v1/settings/{s}/posts/{post}"), &manager, None, 2),
        ("PUT", format!("/v1/settings/{s}/feed-policy"), &manager, Some(json!({ "postsNeedApproval": true })), 2),
    ];
    for (method, path, who, body, budget) in feed {
        t.app.round_trips.reset();
        let (status, answer) = t.call(method, &path, Some(who), body).await;
        assert!(status < 300, "{method} {path}: {status} {answer}");
        let used = t.app.round_trips.sequential();
        assert!(used <= budget, "{method} {path}: {used} DynamoDB round trips, budget {budget}");
    }
    // Messages: a read is its page (or thread) beside the authorisation, then the read mark
    // and access-log line together; a send or a start is one transaction after it (its email
    // comes later, from the alerts schedule through the outbox).
    let (status, started) = t
        .call(
            "POST",
            &format!("/v1/settings/{s}/children/{c}/threads"),
            Some(&parent),
            Some(json!({ "subject": "Hi", "text": "Hello.", "to": "room" })),
        )
        .await;
    assert_eq!(status, 201, "{started}");
    let thread = started["threads"][0]["threadId"].as_str().unwrap().to_string();
    let (status, sent) =
        t.call("POST", &format!("/v1/settings/{s}/threads/{thread}/messages"), Some(&parent), Some(json!({ "text": "Again." }))).await;
    assert_eq!(status, 201, "{sent}");
    let mine = sent["message"]["messageId"].as_str().unwrap().to_string();
    let messages: Vec<(&str, String, &nestling_tests::Person, Option<serde_json::Value>, usize)> = vec![
        (
            "POST",
            format!("/v1/settings/{s}/children/{c}/threads"),
            &manager,
            Some(json!({ "subject": "Shoes", "text": "Wellies please." })),
            2,
        ),
        ("POST", format!("/v1/settings/{s}/broadcasts"), &manager, Some(json!({ "subject": "Snow", "text": "Open as usual." })), 2),
        ("GET", format!("/v1/settings/{s}/threads"), &parent, None, 2),
        ("GET", format!("/v1/settings/{s}/threads"), &manager, None, 2),
        ("GET", format!("/v1/settings/{s}/threads/{thread}"), &parent, None, 2),
        ("GET", format!("/v1/settings/{s}/threads/{thread}"), &practitioner, None, 2),
        ("POST", format!("/v1/settings/{s}/threads/{thread}/messages"), &practitioner, Some(json!({ "text": "Thanks." })), 2),
        ("DELETE", format!("/v1/settings/{s}/threads/{thread}/messages/{mine}"), &parent, None, 2),
        (
            "PUT",
            format!("/v1/settings/{s}/children/{c}/guardians/{}/household", parent.user_id),
            &manager,
            Some(json!({ "household": 1 })),
            2,
        ),
        ("PUT", format!("/v1/settings/{s}/messaging-policy"), &manager, Some(json!({ "staffSeeRead": true, "familiesSeeRead": false })), 2),
        ("GET", format!("/v1/settings/{s}/message-recipients?roomId={room}"), &practitioner, None, 2),
        ("GET", format!("/v1/settings/{s}/message-recipients"), &manager, None, 2),
    ];
    // Assessment: a child's term is read with the authorisation, then logged; a judgement is
    // one conditional write after it; the checkpoints read the term beside the authorisation.
    let term = nestling_domain::eyfs::Term::of(nestling_domain::care::local(t.app.clock.now(), "Europe/London").date()).key();
    let assessment: Vec<(&str, String, &nestling_tests::Person, Option<serde_json::Value>, usize)> = vec![
        ("PUT", format!("/v1/settings/{s}/assessment-framework"), &manager, Some(json!({ "framework": "birth-to-5-matters" })), 2),
        ("PUT", format!("/v1/settings/{s}/children/{c}/assessment/{term}/speaking"), &practitioner, Some(json!({ "band": "range-4" })), 2),
        ("POST", format!("/v1/settings/{s}/children/{c}/assessment/{term}/share"), &practitioner, None, 2),
        ("GET", format!("/v1/settings/{s}/children/{c}/assessment"), &parent, None, 2),
        ("GET", format!("/v1/settings/{s}/children/{c}/assessment"), &practitioner, None, 2),
        ("GET", format!("/v1/settings/{s}/checkpoints"), &manager, None, 2),
        ("GET", format!("/v1/settings/{s}/monitoring"), &manager, None, 2),
        ("PUT", format!("/v1/settings/{s}/children/{c}/senco-referral"), &manager, Some(json!({ "note": "Budget." })), 2),
        (
            "PUT",
            format!("/v1/settings/{s}/children/{c}/progress-check"),
            &practitioner,
            Some(json!({
                "communicationAndLanguage": "a", "physicalDevelopment": "b", "personalSocialAndEmotionalDevelopment": "c", "strengths": "d", "actions": "e"
            })),
            2,
        ),
        ("POST", format!("/v1/settings/{s}/children/{c}/progress-check/share"), &practitioner, None, 2),
        ("GET", format!("/v1/settings/{s}/children/{c}/progress-check"), &parent, None, 2),
        (
            "PUT",
            format!("/v1/settings/{s}/children/{c}/progress-check/family"),
            &parent,
            Some(json!({ "view": "v", "shareWithHealthVisitor": true })),
            2,
        ),
        ("POST", format!("/v1/settings/{s}/children/{c}/progress-check/sign-off"), &manager, None, 2),
        ("GET", format!("/v1/settings/{s}/children/{c}/progress-check/pdf"), &parent, None, 2),
    ];
    for (method, path, who, body, budget) in messages.into_iter().chain(assessment) {
        t.app.round_trips.reset();
        let (status, answer) = t.call(method, &path, Some(who), body).await;
        assert!(status < 300, "{method} {path}: {status} {answer}");
        let used = t.app.round_trips.sequential();
        assert!(used <= budget, "{method} {path}: {used} DynamoDB round trips, budget {budget}");
    }
    // The learning journey: asked for (made by the stream), listed and downloaded.
    let journeys = format!("/v1/settings/{s}/children/{c}/journeys");
    t.app.round_trips.reset();
    let (status, asked) = t.call("POST", &journeys, Some(&parent), None).await;
    assert_eq!(status, 202, "{asked}");
    assert!(t.app.round_trips.sequential() <= 2, "journey-request: {}", t.app.round_trips.sequential());
    t.drain_outbox().await;
    let day = asked["day"].as_str().unwrap();
    for path in [journeys.clone(), format!("{journeys}/{day}?format=archive")] {
        t.app.round_trips.reset();
        let (status, answer) = t.call("GET", &path, Some(&parent), None).await;
        assert_eq!(status, 200, "{path}: {answer}");
        assert!(t.app.round_trips.sequential() <= 2, "{path}: {} DynamoDB round trips", t.app.round_trips.sequential());
    }
    // Sent on, and the link spent: each 2.
    let school = format!("{}@school.test", unique("t"));
    t.app.round_trips.reset();
    let (status, sent) = t
        .call("POST", &format!("{journeys}/{day}/transfers"), Some(&manager), Some(json!({ "to": school, "receiver": "Hill Primary" })))
        .await;
    assert_eq!(status, 201, "{sent}");
    assert!(t.app.round_trips.sequential() <= 2, "journey-transfer: {}", t.app.round_trips.sequential());
    t.drain_outbox().await;
    let mail = t.mail_to(&school).await;
    let link: String =
        mail.last().unwrap().body.split("/transfer/").nth(1).unwrap().chars().take_while(char::is_ascii_alphanumeric).collect();
    t.app.round_trips.reset();
    let (status, opened) = t.call("POST", &format!("/v1/journey-transfers/{link}/download"), None, None).await;
    assert_eq!(status, 200, "{opened}");
    assert!(t.app.round_trips.sequential() <= 2, "journey-transfer-download: {}", t.app.round_trips.sequential());
    // Data rights: asked, listed (a parent's own, the managers' every one), answered: each 2.
    let rights: Vec<(&str, String, &nestling_tests::Person, Option<serde_json::Value>)> = vec![
        ("POST", format!("/v1/settings/{s}/children/{c}/rights-requests"), &parent, Some(json!({}))),
        ("POST", format!("/v1/settings/{s}/rights-requests"), &manager, Some(json!({ "requesterName": "Kim", "receivedBy": "letter" }))),
        ("GET", format!("/v1/settings/{s}/rights-requests"), &parent, None),
        ("GET", format!("/v1/settings/{s}/rights-requests"), &manager, None),
    ];
    let mut made = Vec::new();
    for (method, path, who, body) in rights {
        t.app.round_trips.reset();
        let (status, answer) = t.call(method, &path, Some(who), body).await;
        assert!(status < 300, "{method} {path}: {status} {answer}");
        assert!(t.app.round_trips.sequential() <= 2, "{method} {path}: {} DynamoDB round trips", t.app.round_trips.sequential());
        if let Some(id) = answer["requestId"].as_str() {
            made.push(id.to_string());
        }
    }
    let (parents, logged) = (made[0].clone(), made[1].clone());
    // An erasure request approved: the request with the authorisation, then the child it is
    // about (known only from the request), then the write: 3.
    let gone = t.child(s, &manager, &room, &manager.user_id).await;
    let today = time::OffsetDateTime::now_utc().date().to_string();
    let leaving = json!({ "date": today, "destinationKind": "school", "destination": "Hill Primary", "guardianAccessDays": 0 });
    t.call_with("PUT", &format!("/v1/settings/{s}/children/{gone}/leaving"), Some(&manager), Some(leaving), &[("if-match", "1")]).await;
    let (_, asked) = t
        .call(
            "POST",
            &format!("/v1/settings/{s}/children/{gone}/rights-requests"),
            Some(&manager),
            Some(json!({ "requesterName": "Kim", "receivedBy": "letter", "requestKind": "erasure" })),
        )
        .await;
    t.app.round_trips.reset();
    let path = format!("/v1/settings/{s}/rights-requests/{}/erasure", asked["requestId"].as_str().unwrap());
    let (status, answer) = t.call("POST", &path, Some(&manager), Some(json!({ "note": "Approved." }))).await;
    assert_eq!(status, 200, "{answer}");
    assert!(t.app.round_trips.sequential() <= 3, "rights-erasure-approve: {}", t.app.round_trips.sequential());
    // Retention: the schedule read and changed, a legal hold placed and lifted: each 2.
    let retention: Vec<(&str, String, Option<serde_json::Value>)> = vec![
        ("GET", format!("/v1/settings/{s}/retention"), None),
        (
            "PUT",
            format!("/v1/settings/{s}/retention"),
            Some(json!({ "kind": "journal", "period": { "until": "after-leaving", "months": 60 } })),
        ),
        ("POST", format!("/v1/settings/{s}/children/{c}/legal-hold"), Some(json!({ "reason": "A claim." }))),
        ("DELETE", format!("/v1/settings/{s}/children/{c}/legal-hold"), Some(json!({ "note": "Settled." }))),
    ];
    for (method, path, body) in retention {
        t.app.round_trips.reset();
        let (status, answer) = t.call(method, &path, Some(&manager), body).await;
        assert!(status < 300, "{method} {path}: {status} {answer}");
        assert!(t.app.round_trips.sequential() <= 2, "{method} {path}: {} DynamoDB round trips", t.app.round_trips.sequential());
    }
    // Bookings: each 2 (the month and the waiting list are read beside the authorisation),
    // but a manager's decision, 3: it reads the account of the person who asked to email them.
    let (status, setup) = t
        .call_with(
            "PUT",
            &format!("/v1/settings/{s}/booking-setup"),
            Some(&manager),
            Some(json!({ "sessions": [{ "name": "Morning", "starts": "08:00", "ends": "13:00", "price": { "per": "session", "pence": 3000 } }], "noticeDays": 7 })),
            &[("if-match", "0")],
        )
        .await;
    assert_eq!(status, 200, "{setup}");
    let morning = setup["setup"]["sessions"][0]["sessionTypeId"].as_str().unwrap().to_string();
    let local_today = nestling_domain::care::local(t.app.clock.now(), "Europe/London").date();
    let mut soon = local_today.next_day().unwrap();
    while matches!(soon.weekday(), time::Weekday::Saturday | time::Weekday::Sunday) {
        soon = soon.next_day().unwrap();
    }
    let week = json!({ "monday": [morning], "tuesday": [morning], "wednesday": [morning], "thursday": [morning], "friday": [morning] });
    let booking_steps: Vec<(&str, String, &nestling_tests::Person, Option<serde_json::Value>)> = vec![
        ("GET", format!("/v1/settings/{s}/booking-setup"), &parent, None),
        (
            "PUT",
            format!("/v1/settings/{s}/children/{c}/booking-pattern"),
            &manager,
            Some(json!({ "starts": local_today.to_string(), "week": week })),
        ),
        ("GET", format!("/v1/settings/{s}/children/{c}/bookings"), &parent, None),
        (
            "POST",
            format!("/v1/settings/{s}/children/{c}/booking-requests"),
            &parent,
            Some(json!({ "date": soon.to_string(), "sessionTypeId": morning, "change": "cancel" })),
        ),
        ("GET", format!("/v1/settings/{s}/booking-requests"), &manager, None),
        ("GET", format!("/v1/settings/{s}/register?date={soon}"), &manager, None),
        ("GET", format!("/v1/settings/{s}/staffing?week={soon}"), &manager, None),
    ];
    for (method, path, who, body) in booking_steps {
        t.app.round_trips.reset();
        let (status, answer) = t.call(method, &path, Some(who), body).await;
        assert!(status < 300, "{method} {path}: {status} {answer}");
        assert!(t.app.round_trips.sequential() <= 2, "{method} {path}: {} DynamoDB round trips", t.app.round_trips.sequential());
    }
    let (_, waiting) = t.call("GET", &format!("/v1/settings/{s}/booking-requests"), Some(&manager), None).await;
    let request_id = waiting["items"][0]["requestId"].as_str().expect("the cancellation waits").to_string();
    t.app.round_trips.reset();
    let path = format!("/v1/settings/{s}/booking-requests/{soon}/{request_id}/decision");
    let (status, answer) = t.call("POST", &path, Some(&manager), Some(json!({ "approve": true }))).await;
    assert_eq!(status, 200, "{answer}");
    assert!(t.app.round_trips.sequential() <= 3, "booking-request-decide: {}", t.app.round_trips.sequential());
    // Funding: recorded and read, each 2.
    let funding = format!("/v1/settings/{s}/children/{c}/funding");
    let claim = json!({ "stream": "universal", "delivery": { "taken": "term-time" }, "validFrom": local_today.to_string() });
    t.app.round_trips.reset();
    let (status, answer) = t.call_with("PUT", &funding, Some(&manager), Some(json!({ "claims": [claim] })), &[("if-match", "0")]).await;
    assert_eq!(status, 200, "{answer}");
    assert!(t.app.round_trips.sequential() <= 2, "funding-set: {}", t.app.round_trips.sequential());
    t.app.round_trips.reset();
    let (status, answer) = t.call("GET", &funding, Some(&parent), None).await;
    assert_eq!(status, 200, "{answer}");
    assert!(t.app.round_trips.sequential() <= 2, "funding-get: {}", t.app.round_trips.sequential());
    // Bills: who pays, set and read (2 each); the month's preview and its issue (3: the
    // authorisation, the children's records and days in one batch, then the audit line or the
    // transaction); a payer's list (3: its index query after the authorisation); an invoice
    // and its PDF (2 each).
    let billing = format!("/v1/settings/{s}/children/{c}/billing");
    t.app.round_trips.reset();
    let payer = json!({ "payers": [parent.user_id] });
    let (status, answer) = t.call_with("PUT", &billing, Some(&manager), Some(payer), &[("if-match", "0")]).await;
    assert_eq!(status, 200, "{answer}");
    assert!(t.app.round_trips.sequential() <= 2, "billing-set: {}", t.app.round_trips.sequential());
    t.app.round_trips.reset();
    assert_eq!(t.call("GET", &billing, Some(&parent), None).await.0, 200);
    assert!(t.app.round_trips.sequential() <= 2, "billing-get: {}", t.app.round_trips.sequential());
    let month = &local_today.to_string()[..7];
    t.app.round_trips.reset();
    let (status, answer) = t.call("GET", &format!("/v1/settings/{s}/invoices?month={month}"), Some(&manager), None).await;
    assert_eq!(status, 200, "{answer}");
    assert!(t.app.round_trips.sequential() <= 3, "invoices-month: {}", t.app.round_trips.sequential());
    t.app.round_trips.reset();
    let issue = format!("/v1/settings/{s}/invoices/{month}/issue");
    let (status, answer) = t.call_with("POST", &issue, Some(&manager), None, &[("if-match", "0")]).await;
    assert!(status == 200 || status == 409, "{answer}");
    assert!(t.app.round_trips.sequential() <= 3, "invoices-issue: {}", t.app.round_trips.sequential());
    let invoice = t.invoice_for(s, c, &parent.user_id).await;
    // A correction: 3, and a fourth (the former payer's link) when no replacement is due.
    t.app.round_trips.reset();
    let correct = format!("/v1/settings/{s}/invoices/{invoice}/correct");
    let (status, answer) = t.call_with("POST", &correct, Some(&manager), Some(json!({ "reason": "other" })), &[("if-match", "1")]).await;
    assert_eq!(status, 200, "{answer}");
    assert!(t.app.round_trips.sequential() <= 4, "invoice-correct: {}", t.app.round_trips.sequential());
    // A payment (2: its payer's first invoice read beside the authorisation) and the
    // statement (2: both of the payer's lists beside it).
    t.app.round_trips.reset();
    let payment =
        json!({ "amount": 1000, "method": "tax-free-childcare", "reference": "AJON12345TFC", "receivedOn": local_today.to_string() });
    let (status, answer) =
        t.call("POST", &format!("/v1/settings/{s}/payers/{}/payments", parent.user_id), Some(&manager), Some(payment)).await;
    assert_eq!(status, 201, "{answer}");
    assert!(t.app.round_trips.sequential() <= 2, "payment-record: {}", t.app.round_trips.sequential());
    for (path, budget) in [
        (format!("/v1/settings/{s}/payers/{}/statement", parent.user_id), 2),
        (format!("/v1/settings/{s}/my-invoices"), 3),
        (format!("/v1/settings/{s}/invoices/{invoice}"), 2),
        (format!("/v1/settings/{s}/invoices/{invoice}/pdf"), 2),
    ] {
        t.app.round_trips.reset();
        let (status, answer) = t.call("GET", &path, Some(&parent), None).await;
        assert_eq!(status, 200, "{path}: {answer}");
        assert!(t.app.round_trips.sequential() <= budget, "{path}: {} DynamoDB round trips", t.app.round_trips.sequential());
    }
    // The termly headcount (3: the authorisation; the term's booking and register days, the
    // months' lists (with each invoice's funded minutes) and each child's funding in one
    // batch of requests at once; the access-log line).
    let setup_path = format!("/v1/settings/{s}/booking-setup");
    let (_, current) = t.call("GET", &setup_path, Some(&manager), None).await;
    let mut setup = current["setup"].clone();
    let term_starts = local_today - time::Duration::days(20);
    setup["terms"] =
        json!([{ "name": "Now", "starts": term_starts.to_string(), "ends": (local_today + time::Duration::days(60)).to_string() }]);
    let version = current["version"].to_string();
    let (status, answer) = t.call_with("PUT", &setup_path, Some(&manager), Some(setup), &[("if-match", version.as_str())]).await;
    assert_eq!(status, 200, "{answer}");
    t.app.round_trips.reset();
    let (status, answer) = t.call("GET", &format!("/v1/settings/{s}/funding/headcount"), Some(&manager), None).await;
    assert_eq!(status, 200, "{answer}");
    assert_eq!(answer["children"].as_array().map(Vec::len), Some(1), "{answer}");
    assert!(t.app.round_trips.sequential() <= 3, "funding-headcount: {}", t.app.round_trips.sequential());
    // Devices: a device asks (1) and reads its pairing (1); the manager pairs it (2: the
    // devices and the waiting pairing beside the authorisation, then the writes), lists (1)
    // and unpairs (2); the device reads who it is (1: its record and the setting at once).
    let budget = |name: &str, most: usize| {
        let used = t.app.round_trips.sequential();
        assert!(used <= most, "{name}: {used} DynamoDB round trips");
    };
    t.app.round_trips.reset();
    let (status, started) = t.call("POST", "/v1/device-pairings", None, Some(json!({}))).await;
    assert_eq!(status, 201, "{started}");
    budget("device-pairing-start", 1);
    let (code, secret) = (started["code"].as_str().unwrap().to_string(), started["secret"].as_str().unwrap().to_string());
    t.app.round_trips.reset();
    let (status, answer) =
        t.call_with("GET", &format!("/v1/device-pairings/{code}"), None, None, &[("x-pairing-secret", secret.as_str())]).await;
    assert_eq!(status, 200, "{answer}");
    budget("device-pairing-get", 1);
    t.app.round_trips.reset();
    let (status, device) =
        t.call("POST", &format!("/v1/settings/{s}/devices"), Some(&manager), Some(json!({ "code": code, "name": "Tablet" }))).await;
    assert_eq!(status, 201, "{device}");
    budget("device-pair", 2);
    let device_id = device["deviceId"].as_str().unwrap().to_string();
    t.app.round_trips.reset();
    assert_eq!(t.call("GET", &format!("/v1/settings/{s}/devices"), Some(&manager), None).await.0, 200);
    budget("devices-list", 1);
    let credential = format!("Device {s}.{device_id}.{secret}");
    t.app.round_trips.reset();
    let (status, answer) = t.call_with("GET", "/v1/device", None, None, &[("authorization", credential.as_str())]).await;
    assert_eq!(status, 200, "{answer}");
    budget("device-get", 1);
    t.app.round_trips.reset();
    let unpair = format!("/v1/settings/{s}/devices/{device_id}/unpair");
    let (status, answer) = t.call("POST", &unpair, Some(&manager), Some(json!({ "reason": "retired" }))).await;
    assert_eq!(status, 200, "{answer}");
    budget("device-unpair", 2);
    // People on a device: a PIN set (2: the authorisation with their number, then the writes)
    // and read (2: its lock is under the number); a session opened (staff 3: the device, its
    // setting, the PIN and the device's count at once, then the person, then the writes; the
    // kiosk 4: their children and the day); the register (2) and a mark (2) through it, the
    // journal (2), the session ended (2).
    let (_, started) = t.call("POST", "/v1/device-pairings", None, Some(json!({}))).await;
    let (_, device) = t
        .call("POST", &format!("/v1/settings/{s}/devices"), Some(&manager), Some(json!({ "code": started["code"], "name": "Tablet" })))
        .await;
    let tablet = format!("Device {s}.{}.{}", device["deviceId"].as_str().unwrap(), started["secret"].as_str().unwrap());
    let pin_path = format!("/v1/settings/{s}/device-pin");
    t.app.round_trips.reset();
    let (status, pin) = t.call("PUT", &pin_path, Some(&manager), Some(json!({ "pin": "2580" }))).await;
    assert_eq!(status, 200, "{pin}");
    budget("device-pin-set", 2);
    t.app.round_trips.reset();
    assert_eq!(t.call("GET", &pin_path, Some(&manager), None).await.0, 200);
    budget("device-pin-get", 2);
    let (_, parent_pin) = t.call("PUT", &pin_path, Some(&parent), Some(json!({ "pin": "2580" }))).await;
    let tt = &t;
    let open = |mode: &'static str, number: String| {
        let tablet = tablet.clone();
        async move {
            let t = tt;
            let body = json!({ "mode": mode, "number": number, "pin": "2580" });
            let (status, session) =
                t.call_with("POST", "/v1/device/sessions", None, Some(body), &[("authorization", tablet.as_str())]).await;
            assert_eq!(status, 201, "{session}");
            session["token"].as_str().unwrap().to_string()
        }
    };
    t.app.round_trips.reset();
    let staff = open("staff", pin["number"].as_str().unwrap().to_string()).await;
    budget("device-session-start", 3);
    let through = |token: &str| vec![("authorization", tablet.clone()), ("x-device-session", token.to_string())];
    let call_through = |method: &'static str, path: String, body: Option<serde_json::Value>, token: String| {
        let headers = through(&token);
        async move {
            let t = tt;
            let refs: Vec<(&str, &str)> = headers.iter().map(|(n, v)| (*n, v.as_str())).collect();
            t.call_with(method, &path, None, body, &refs).await
        }
    };
    t.app.round_trips.reset();
    let (status, answer) = call_through("GET", format!("/v1/device/settings/{s}/register"), None, staff.clone()).await;
    assert_eq!(status, 200, "{answer}");
    budget("device-register-get", 2);
    let fresh = t.child(&setting_id, &manager, &room, &practitioner.user_id).await;
    t.app.round_trips.reset();
    let mark = format!("/v1/device/settings/{s}/children/{fresh}/attendance");
    let (status, answer) = call_through("POST", mark, Some(json!({ "mark": "sign-in" })), staff.clone()).await;
    assert_eq!(status, 201, "{answer}");
    budget("device-attendance-record", 2);
    t.app.round_trips.reset();
    let (status, answer) = call_through("GET", format!("/v1/device/settings/{s}/children/{fresh}/guardians"), None, staff.clone()).await;
    assert_eq!(status, 200, "{answer}");
    budget("device-guardians-list", 2);
    t.app.round_trips.reset();
    assert_eq!(call_through("POST", "/v1/device/session/end".into(), None, staff).await.0, 204);
    budget("device-session-end", 2);
    t.app.round_trips.reset();
    let reader = open("journal", parent_pin["number"].as_str().unwrap().to_string()).await;
    budget("device-session-start (journal)", 4);
    t.app.round_trips.reset();
    let (status, answer) = call_through("GET", format!("/v1/device/settings/{s}/children/{child}/journal"), None, reader).await;
    assert_eq!(status, 200, "{answer}");
    budget("device-journal-get", 2);
    // A code from the parent's phone (2), opening the kiosk (4: as the journal's).
    t.app.round_trips.reset();
    let (status, pass) = t.call("POST", &format!("/v1/settings/{s}/kiosk-passes"), Some(&parent), None).await;
    assert_eq!(status, 201, "{pass}");
    budget("kiosk-pass-create", 2);
    t.app.round_trips.reset();
    let body = json!({ "mode": "kiosk", "pass": pass["code"] });
    let (status, session) = t.call_with("POST", "/v1/device/sessions", None, Some(body), &[("authorization", tablet.as_str())]).await;
    assert_eq!(status, 201, "{session}");
    budget("device-session-start (kiosk code)", 4);
    // A school: its groups read (1) and set (2: the members beside the authorisation, then the
    // write); a point given (2: the school's groups with the authorisation, then the write) and
    // a pupil's points read (2: the list beside the authorisation, then the log line).
    let (school, head) = t.school().await;
    let teacher = t.staff(&school, &head, "practitioner").await;
    let form = t.room(&school, &head).await;
    let pupil = t.child(&school, &head, &form, &teacher.user_id).await;
    let school_path = format!("/v1/settings/{school}/school");
    t.app.round_trips.reset();
    assert_eq!(t.call("GET", &school_path, Some(&teacher), None).await.0, 200);
    budget("school-get", 1);
    let structure = json!({
        "yearGroups": [{ "yearGroupId": "y9", "name": "Year 9", "learningManagerId": head.user_id,
            "tutorGroups": [{ "tutorGroupId": "9jb", "name": "9JB", "tutorId": teacher.user_id, "pupils": [pupil] }] }],
        "teachingGroups": [{ "teachingGroupId": "9x1-ma", "subject": "Maths", "name": "9x1", "teacherId": teacher.user_id, "yearGroupId": "y9" }],
        "pointCategories": { "achievement": ["Good homework"], "behaviour": ["Forgot equipment"] }
    });
    t.app.round_trips.reset();
    let (status, set) = t.call_with("PUT", &school_path, Some(&head), Some(structure), &[("if-match", "0")]).await;
    assert_eq!(status, 200, "{set}");
    budget("school-set", 2);
    let points_path = format!("/v1/settings/{school}/children/{pupil}/points");
    t.app.round_trips.reset();
    let point =
        json!({ "kind": "achievement", "category": "Good homework", "reason": "Fractions", "points": 2, "teachingGroupId": "9x1-ma" });
    let (status, given) = t.call("POST", &points_path, Some(&teacher), Some(point)).await;
    assert_eq!(status, 201, "{given}");
    budget("points-give", 2);
    t.app.round_trips.reset();
    assert_eq!(t.call("GET", &points_path, Some(&teacher), None).await.0, 200);
    budget("points-list", 2);
    // The school's registers: a tutor group's day read (2: the groups and roster with the
    // authorisation, then the marks beside the log line), marked (2: the marks with the
    // authorisation, then the write), its totals (2: every pupil's marks and points at once,
    // beside the log line) and a pupil's marks (2: the year's beside the authorisation, then
    // the log line).
    let register_path = format!("/v1/settings/{school}/school/registers/9jb");
    let school_today = nestling_domain::care::local(t.app.clock.now(), "Europe/London").date().to_string();
    t.app.round_trips.reset();
    assert_eq!(t.call("GET", &register_path, Some(&teacher), None).await.0, 200);
    budget("school-register-get", 2);
    let marks = json!({ "date": school_today, "session": "am", "marks": [{ "childId": pupil, "code": "/", "version": 0 }] });
    t.app.round_trips.reset();
    let (status, marked) = t.call("POST", &register_path, Some(&teacher), Some(marks)).await;
    assert_eq!(status, 200, "{marked}");
    budget("school-register-mark", 2);
    t.app.round_trips.reset();
    assert_eq!(t.call("GET", &format!("{register_path}/totals"), Some(&teacher), None).await.0, 200);
    budget("school-totals-get", 2);
    t.app.round_trips.reset();
    let attendance_path = format!("/v1/settings/{school}/children/{pupil}/school-attendance");
    assert_eq!(t.call("GET", &attendance_path, Some(&teacher), None).await.0, 200);
    budget("school-attendance-get", 2);
    let mut monday = soon;
    while monday.weekday() != time::Weekday::Monday {
        monday = monday.next_day().unwrap();
    }
    let shift = json!({ "userId": practitioner.user_id, "roomId": room, "day": "monday", "starts": "08:00", "ends": "13:00" });
    t.app.round_trips.reset();
    let (status, answer) = t
        .call_with(
            "PUT",
            &format!("/v1/settings/{s}/rota/{monday}"),
            Some(&manager),
            Some(json!({ "shifts": [shift] })),
            &[("if-match", "0")],
        )
        .await;
    assert_eq!(status, 200, "{answer}");
    assert!(t.app.round_trips.sequential() <= 2, "rota-set: {}", t.app.round_trips.sequential());
    // The export of the parent's request: each manager's step 2 (the background steps between
    // are the stream's); the parent's download 3, the second reading the child to check she
    // still has parental responsibility.
    let export = format!("/v1/settings/{s}/rights-requests/{parents}/export");
    let steps: Vec<(&str, String, &nestling_tests::Person, Option<serde_json::Value>, usize)> = vec![
        ("POST", export.clone(), &manager, None, 2),
        ("GET", export.clone(), &manager, None, 2),
        ("POST", format!("{export}/withhold"), &manager, Some(json!({ "itemId": "child", "reason": "Names another parent." })), 2),
        ("POST", format!("{export}/release"), &manager, None, 2),
        ("GET", format!("{export}/download"), &manager, None, 2),
        ("GET", format!("{export}/download"), &parent, None, 3),
    ];
    for (method, path, who, body, budget) in steps {
        t.drain_outbox().await;
        t.app.round_trips.reset();
        let (status, answer) = t.call(method, &path, Some(who), body).await;
        assert!(status < 300, "{method} {path}: {status} {answer}");
        assert!(t.app.round_trips.sequential() <= budget, "{method} {path}: {} DynamoDB round trips", t.app.round_trips.sequential());
    }
    t.app.round_trips.reset();
    let (status, answer) = t
        .call("POST", &format!("/v1/settings/{s}/rights-requests/{logged}/answer"), Some(&manager), Some(json!({ "note": "Sent." })))
        .await;
    assert_eq!(status, 200, "{answer}");
    assert!(t.app.round_trips.sequential() <= 2, "rights-request-answer: {}", t.app.round_trips.sequential());
    let pending = t.post(s, &practitioner, json!({ "text": "Waiting." })).await;
    t.app.round_trips.reset();
    let (status, answer) = t.call("POST", &format!("/v1/settings/{s}/posts/{pending}/approve"), Some(&manager), None).await;
    assert_eq!(status, 200, "{answer}");
    assert!(t.app.round_trips.sequential() <= 2, "posts-approve: {}", t.app.round_trips.sequential());
    // Last: revoking the practitioner (the children's key person) in the list above would not
    // matter, but keep the staff revocation apart from the children's requests anyway.
    t.app.round_trips.reset();
    let (status, _) = t
        .call("POST", &format!("/v1/settings/{s}/staff/{}/revoke", practitioner.user_id), Some(&manager), Some(json!({ "reason": "left" })))
        .await;
    assert_eq!(status, 200);
    assert!(t.app.round_trips.sequential() <= 2, "staff revoke: {}", t.app.round_trips.sequential());
    // Linking someone who already has an account reads their membership first: 3 at most.
    let other = t.child(s, &manager, &room, &manager.user_id).await;
    t.app.round_trips.reset();
    let (status, answer) = t
        .call("POST", &format!("/v1/settings/{s}/children/{other}/guardians"), Some(&manager), Some(guardian_body(&parent.email, "parent")))
        .await;
    assert_eq!(status, 201, "{answer}");
    assert!(t.app.round_trips.sequential() <= 3, "guardians-link (existing account): {}", t.app.round_trips.sequential());
    t.app.round_trips.reset();
    let (status, _) =
        t.call("POST", &format!("/v1/invitations/{token}/accept"), None, Some(json!({ "password": nestling_tests::PASSWORD }))).await;
    assert_eq!(status, 200);
    assert!(t.app.round_trips.sequential() <= 2, "invitation accept: {}", t.app.round_trips.sequential());
}

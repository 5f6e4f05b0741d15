//! Faults, lockdown and the breach register (rules 10 and 11), over HTTP against the local
//! stack, with every email read back from the emulator's SES.

use nestling_tests::{id, spawn_app, Person, TestApp, PASSWORD};
use serde_json::{json, Value};
use time::Duration;

struct Nursery {
    setting_id: String,
    manager: Person,
    practitioner: Person,
    parent: Person,
    grandad: Person,
    ava: String,
    noah: String,
}

async fn nursery(t: &TestApp) -> Nursery {
    let (setting_id, manager) = t.setting().await;
    let practitioner = t.staff(&setting_id, &manager, "practitioner").await;
    let room = t.room(&setting_id, &manager).await;
    let ava = t.child(&setting_id, &manager, &room, &practitioner.user_id).await;
    let noah = t.child(&setting_id, &manager, &room, &practitioner.user_id).await;
    let parent = t.guardian(&setting_id, &manager, &ava, "parent", true).await;
    let grandad = t.guardian(&setting_id, &manager, &ava, "family", true).await;
    Nursery { setting_id, manager, practitioner, parent, grandad, ava, noah }
}

/// Delivers broadcasts (fanned out to outbox items) and then their emails.
async fn deliver(t: &TestApp) {
    while t.drain_outbox().await > 0 {}
    t.drain_outbox().await;
}

/// The bodies of the emails `who` was sent whose subject contains `subject`.
async fn mail_to(t: &TestApp, who: &Person, subject: &str) -> Vec<String> {
    t.mail_to(&who.email).await.into_iter().filter(|m| m.subject.contains(subject)).map(|m| m.body).collect()
}

async fn audit_actions(t: &TestApp, n: &Nursery) -> Vec<String> {
    let (status, log) = t.call("GET", &format!("/v1/settings/{}/audit?limit=100", n.setting_id), Some(&n.manager), None).await;
    assert_eq!(status, 200, "{log}");
    log["items"].as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap().to_string()).collect()
}

#[tokio::test]
async fn a_fault_reaches_every_manager_at_once_and_is_confirmed_fixed() {
    let t = spawn_app().await;
    let n = nursery(&t).await;
    let s = &n.setting_id;
    let second_manager = t.staff(s, &n.manager, "manager").await;

    // Bad input changes nothing.
    let (status, problem) = t
        .call("POST", &format!("/v1/settings/{s}/faults"), Some(&n.parent), Some(json!({ "description": " ", "privacyAffected": true })))
        .await;
    assert_eq!(status, 422, "{problem}");

    let (status, fault) = t
        .call(
            "POST",
            &format!("/v1/settings/{s}/faults"),
            Some(&n.parent),
            Some(json!({
                "description": "I can see a photo of a child who is not mine in Ava's journal.", "privacyAffected": true
            })),
        )
        .await;
    assert_eq!(status, 201, "{fault}");
    assert_eq!(fault["status"], "open");
    assert_eq!(fault["reportedByRole"], "parent");
    let id = fault["faultId"].as_str().unwrap();
    deliver(&t).await;
    for manager in [&n.manager, &second_manager] {
        let mail = mail_to(&t, manager, "Fault reported at").await;
        assert_eq!(mail.len(), 1, "each manager is emailed once");
        assert!(mail[0].contains("not mine in Ava") && mail[0].contains("lockdown"), "{}", mail[0]);
    }
    assert!(mail_to(&t, &n.practitioner, "Fault reported").await.is_empty(), "only managers");

    // Managers list and resolve; nobody else may.
    let (status, _) = t.call("GET", &format!("/v1/settings/{s}/faults"), Some(&n.practitioner), None).await;
    assert_eq!(status, 403);
    let (status, list) = t.call("GET", &format!("/v1/settings/{s}/faults?status=open"), Some(&n.manager), None).await;
    assert_eq!(status, 200, "{list}");
    assert_eq!(list["items"].as_array().unwrap().len(), 1);
    let (status, _) = t.call("GET", &format!("/v1/settings/{s}/faults?status=broken"), Some(&n.manager), None).await;
    assert_eq!(status, 422);
    let resolve = format!("/v1/settings/{s}/faults/{id}/resolve");
    let (status, _) = t.call("POST", &resolve, Some(&n.practitioner), Some(json!({ "notes": "Done" }))).await;
    assert_eq!(status, 403);
    let (status, fixed) = t
        .call("POST", &resolve, Some(&second_manager), Some(json!({ "notes": "Supplier fixed the photo tagging; checked all journals." })))
        .await;
    assert_eq!(status, 200, "{fixed}");
    assert_eq!(fixed["status"], "confirmed-fixed");
    let history = fixed["history"].as_array().unwrap();
    assert_eq!(history.len(), 2);
    assert_eq!((history[1]["step"].as_str(), history[1]["by"].as_str()), (Some("confirmed-fixed"), Some(second_manager.user_id.as_str())));
    let (status, again) = t.call("POST", &resolve, Some(&n.manager), Some(json!({ "notes": "Again" }))).await;
    assert_eq!(status, 409, "{again}");
    let (_, open) = t.call("GET", &format!("/v1/settings/{s}/faults?status=open"), Some(&n.manager), None).await;
    assert!(open["items"].as_array().unwrap().is_empty());
    let actions = audit_actions(&t, &n).await;
    for wanted in ["fault.report", "fault.confirm-fixed"] {
        assert!(actions.iter().any(|a| a == wanted), "{wanted} missing from {actions:?}");
    }
}

#[tokio::test]
async fn lockdown_answers_families_with_the_notice_even_on_a_valid_token_and_lifting_restores_them() {
    let t = spawn_app().await;
    let n = nursery(&t).await;
    let s = &n.setting_id;
    let journal = format!("/v1/settings/{s}/children/{}/journal", n.ava);
    assert_eq!(t.call("GET", &journal, Some(&n.parent), None).await.0, 200);
    // A session that could be refreshed, to see the sign-out end it (signed in under the
    // Cognito username: moto files refresh tokens under the name used to sign in).
    let session_of = |user_id: &str| {
        let (t, user_id) = (&t, id(user_id));
        async move {
            let profile = t.app.store().get(&nestling_platform::records::UserRecord::key(&user_id)).await.unwrap().unwrap();
            let profile: nestling_platform::records::UserRecord = nestling_platform::store::from_item(profile).unwrap();
            // Staff answer the authenticator's challenge under that name too.
            if let Some(secret) = nestling_local::provision::totp_secret_of(&profile.email) {
                nestling_local::provision::remember_totp(&profile.username, &secret);
            }
            nestling_local::provision::sign_in(&t.stack, &profile.username, PASSWORD).await.unwrap()
        }
    };
    let session = session_of(&n.parent.user_id).await;
    // Rule 10: every open session ends, staff's too; managers carry on.
    let practitioner_session = session_of(&n.practitioner.user_id).await;
    let manager_session = session_of(&n.manager.user_id).await;

    let (status, _) = t.call("POST", &format!("/v1/settings/{s}/lockdown"), Some(&n.practitioner), Some(json!({ "notice": "x" }))).await;
    assert_eq!(status, 403, "managers only");
    let notice = "We have paused Nestling while we check a problem with photos. We will email you when it is back.";
    let (status, started) =
        t.call("POST", &format!("/v1/settings/{s}/lockdown"), Some(&n.manager), Some(json!({ "notice": notice }))).await;
    assert_eq!(status, 201, "{started}");
    assert_eq!(started["notice"], notice);
    let (status, _) = t.call("POST", &format!("/v1/settings/{s}/lockdown"), Some(&n.manager), Some(json!({ "notice": notice }))).await;
    assert_eq!(status, 409, "already in lockdown");

    // The parent's access token is still valid: the next request gets the notice, not data.
    let (status, problem) = t.call("GET", &journal, Some(&n.parent), None).await;
    assert_eq!(status, 503, "{problem}");
    assert_eq!(problem["type"].as_str().unwrap().rsplit('/').next(), Some("setting-in-lockdown"));
    assert_eq!(problem["detail"], notice);
    for (method, path, body) in [
        ("GET", format!("/v1/settings/{s}"), None),
        ("GET", format!("/v1/settings/{s}/children/{}/diary", n.ava), None),
        ("POST", format!("/v1/settings/{s}/children/{}/contributions", n.ava), Some(json!({ "text": "From home" }))),
    ] {
        assert_eq!(t.call(method, &path, Some(&n.parent), body.clone()).await.0, 503, "parent {method} {path}");
        assert_eq!(t.call(method, &path, Some(&n.grandad), body).await.0, 503, "family {method} {path}");
    }
    // GET /v1/me still answers, with the notice.
    let (status, me) = t.call("GET", "/v1/me", Some(&n.parent), None).await;
    assert_eq!(status, 200, "{me}");
    let membership = me["memberships"].as_array().unwrap().iter().find(|m| m["settingId"] == s.as_str()).unwrap().clone();
    assert_eq!(membership["lockdown"]["notice"], notice);

    // Practitioners may read but not change; they may still report a fault. Managers carry on.
    assert_eq!(t.call("GET", &journal, Some(&n.practitioner), None).await.0, 200);
    let (status, refused) = t
        .call(
            "POST",
            &format!("/v1/settings/{s}/observations"),
            Some(&n.practitioner),
            Some(json!({ "text": "Built a tower.", "children": [n.ava], "areas": ["literacy"] })),
        )
        .await;
    assert_eq!(status, 503, "{refused}");
    let (status, _) = t
        .call(
            "POST",
            &format!("/v1/settings/{s}/faults"),
            Some(&n.practitioner),
            Some(json!({ "description": "Also odd.", "privacyAffected": false })),
        )
        .await;
    assert_eq!(status, 201);
    let (status, _) = t
        .call(
            "POST",
            &format!("/v1/settings/{s}/observations"),
            Some(&n.manager),
            Some(json!({ "text": "Quiet day.", "children": [n.noah], "areas": ["literacy"] })),
        )
        .await;
    assert_eq!(status, 201);

    // The broadcast signs the families out of Cognito and emails them the notice.
    deliver(&t).await;
    for who in [&n.parent, &n.grandad] {
        let mail = mail_to(&t, who, "Nestling is paused").await;
        assert_eq!(mail.len(), 1, "{} is emailed the notice once", who.email);
        assert!(mail[0].contains(notice));
    }
    assert!(mail_to(&t, &n.practitioner, "Nestling is paused").await.is_empty());
    let cognito = aws_sdk_cognitoidentityprovider::Client::new(&nestling_local::Stack::sdk_config(&t.stack.endpoint));
    let refresh = |token: String| {
        let (cognito, client_id) = (&cognito, t.stack.app_client_id.clone());
        async move {
            cognito
                .initiate_auth()
                .client_id(client_id)
                .auth_flow(aws_sdk_cognitoidentityprovider::types::AuthFlowType::RefreshTokenAuth)
                .auth_parameters("REFRESH_TOKEN", token)
                .send()
                .await
        }
    };
    assert!(refresh(session.refresh_token.clone()).await.is_err(), "the parent's session was signed out");
    assert!(refresh(practitioner_session.refresh_token.clone()).await.is_err(), "the practitioner's session was signed out");
    assert!(refresh(manager_session.refresh_token.clone()).await.is_ok(), "the manager carries on");

    // Lifting: families get the update and their data back.
    let (status, _) =
        t.call("DELETE", &format!("/v1/settings/{s}/lockdown"), Some(&n.practitioner), Some(json!({ "message": "Back" }))).await;
    assert_eq!(status, 503, "a practitioner's change during lockdown");
    let (status, lifted) = t
        .call("DELETE", &format!("/v1/settings/{s}/lockdown"), Some(&n.manager), Some(json!({ "message": "All fixed and checked." })))
        .await;
    assert_eq!(status, 200, "{lifted}");
    let (status, _) = t.call("DELETE", &format!("/v1/settings/{s}/lockdown"), Some(&n.manager), Some(json!({ "message": "Again" }))).await;
    assert_eq!(status, 409, "not in lockdown");
    assert_eq!(t.call("GET", &journal, Some(&n.parent), None).await.0, 200);
    deliver(&t).await;
    let update = mail_to(&t, &n.parent, "Nestling is available again").await;
    assert_eq!(update.len(), 1);
    assert!(update[0].contains("All fixed and checked."));
    let actions = audit_actions(&t, &n).await;
    for wanted in ["lockdown.start", "lockdown.sign-out", "lockdown.lift"] {
        assert!(actions.iter().any(|a| a == wanted), "{wanted} missing from {actions:?}");
    }
}

#[tokio::test]
async fn the_breach_register_tracks_the_ico_deadline_and_records_who_was_told() {
    let t = spawn_app().await;
    let n = nursery(&t).await;
    let s = &n.setting_id;
    let held = t.child(s, &n.manager, &t.room(s, &n.manager).await, &n.practitioner.user_id).await;
    let held_parent = t.guardian(s, &n.manager, &held, "parent", true).await;
    let (status, _) = t
        .call(
            "POST",
            &format!("/v1/settings/{s}/children/{held}/safeguarding-hold"),
            Some(&n.manager),
            Some(json!({ "reason": "Referral" })),
        )
        .await;
    assert_eq!(status, 200);
    let discovered = t.app.clock.now() - Duration::hours(2);
    let body = |children: Value| {
        json!({
            "description": "A photo of Ava and Noah was emailed to another parent.",
            "discoveredAt": nestling_platform::app::rfc3339(discovered),
            "category": "wrong-recipient", "affectedChildIds": children, "risk": "medium", "reportable": true
        })
    };
    let breaches = format!("/v1/settings/{s}/breaches");
    // A child of another setting, or an unknown category: refused, nothing recorded.
    let (status, problem) = t.call("POST", &breaches, Some(&n.manager), Some(body(json!([n.ava, "nosuchchild"])))).await;
    assert_eq!(status, 422, "{problem}");
    let mut wrong = body(json!([n.ava]));
    wrong["category"] = json!("mystery");
    assert_eq!(t.call("POST", &breaches, Some(&n.manager), Some(wrong)).await.0, 422);
    assert_eq!(t.call("POST", &breaches, Some(&n.practitioner), Some(body(json!([n.ava])))).await.0, 403);

    let (status, breach) = t.call("POST", &breaches, Some(&n.manager), Some(body(json!([n.ava, n.noah, held])))).await;
    assert_eq!(status, 201, "{breach}");
    let id = breach["breachId"].as_str().unwrap().to_string();
    assert_eq!(breach["icoStatus"], "due");
    assert_eq!(breach["icoDeadline"], nestling_platform::app::rfc3339(discovered + Duration::hours(72)));
    let left = breach["minutesLeft"].as_i64().unwrap();
    assert!((70 * 60 - 1..=70 * 60).contains(&left), "{left} minutes left");
    deliver(&t).await;
    assert_eq!(mail_to(&t, &n.manager, "Data breach recorded").await.len(), 1);

    // The schedule: nothing yet; 24 hours before the deadline, one reminder; past it, one more.
    assert_eq!(nestling_incidents::send_deadline_reminders(&t.app, t.app.clock.now()).await.unwrap(), 0);
    let due_soon = discovered + Duration::hours(48) + Duration::minutes(1);
    assert_eq!(nestling_incidents::send_deadline_reminders(&t.app, due_soon).await.unwrap(), 1);
    assert_eq!(nestling_incidents::send_deadline_reminders(&t.app, due_soon).await.unwrap(), 0, "once");
    deliver(&t).await;
    assert_eq!(mail_to(&t, &n.manager, "Breach report to the ICO due within 24 hours").await.len(), 1);

    // The families of the affected children are told; who and when is recorded.
    let (status, told) = t
        .call(
            "POST",
            &format!("{breaches}/{id}/notify-families"),
            Some(&n.manager),
            Some(json!({ "message": "We are sorry: a photo of your child was sent to another parent, who deleted it." })),
        )
        .await;
    assert_eq!(status, 201, "{told}");
    let recipients: Vec<&str> = told["recipients"].as_array().unwrap().iter().map(|r| r["userId"].as_str().unwrap()).collect();
    assert_eq!(recipients, vec![n.parent.user_id.as_str()], "the parent only: not family, not a held child's parent");
    let not_notified: Vec<(&str, &str)> =
        told["notNotified"].as_array().unwrap().iter().map(|r| (r["childId"].as_str().unwrap(), r["reason"].as_str().unwrap())).collect();
    assert!(not_notified.contains(&(n.noah.as_str(), "no-parent-on-nestling")), "{not_notified:?}");
    assert!(not_notified.contains(&(held.as_str(), "safeguarding-hold")), "{not_notified:?}");
    deliver(&t).await;
    let mail = mail_to(&t, &n.parent, "A message from").await;
    assert_eq!(mail.len(), 1);
    assert!(mail[0].contains("sent to another parent"));
    for nobody in [&n.grandad, &held_parent] {
        assert!(mail_to(&t, nobody, "A message from").await.is_empty());
    }

    // The report to the ICO ends the reminders.
    let report = format!("{breaches}/{id}/ico-report");
    let (status, _) = t.call("POST", &report, Some(&n.manager), Some(json!({ "reference": "IC-1", "reasonNotReported": "Both" }))).await;
    assert_eq!(status, 422);
    let (status, reported) = t.call("POST", &report, Some(&n.manager), Some(json!({ "reference": "IC-123456" }))).await;
    assert_eq!(status, 200, "{reported}");
    assert_eq!(reported["icoStatus"], "reported");
    assert!(reported["minutesLeft"].is_null());
    assert_eq!(t.call("POST", &report, Some(&n.manager), Some(json!({ "reference": "IC-2" }))).await.0, 409);
    let overdue = discovered + Duration::hours(73);
    assert_eq!(nestling_incidents::send_deadline_reminders(&t.app, overdue).await.unwrap(), 0, "reported: no overdue reminder");

    let (status, register) = t.call("GET", &breaches, Some(&n.manager), None).await;
    assert_eq!(status, 200, "{register}");
    let entry = &register["items"][0];
    assert_eq!(entry["icoDecision"]["reference"], "IC-123456");
    assert_eq!(entry["familyNotifications"][0]["recipients"][0]["userId"], n.parent.user_id.as_str());
    let (_, log) = t.call("GET", &format!("/v1/settings/{s}/audit?childId={}", n.ava), Some(&n.manager), None).await;
    let actions: Vec<&str> = log["items"].as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap()).collect();
    for wanted in ["breach.record", "breach.deadline-reminder", "breach.notify-families", "breach.ico-report", "breaches.list"] {
        assert!(actions.contains(&wanted), "{wanted} missing from {actions:?}");
    }
}

#[tokio::test]
async fn an_overdue_unreported_breach_reminds_every_manager_once() {
    let t = spawn_app().await;
    let n = nursery(&t).await;
    let s = &n.setting_id;
    let (status, breach) = t
        .call(
            "POST",
            &format!("/v1/settings/{s}/breaches"),
            Some(&n.manager),
            Some(json!({
                "description": "A tablet with the register was left on a bus.", "category": "lost-device",
                "discoveredAt": nestling_platform::app::rfc3339(t.app.clock.now() - Duration::hours(80)),
                "affectedChildIds": [n.ava], "risk": "high", "reportable": true
            })),
        )
        .await;
    assert_eq!(status, 201, "{breach}");
    assert_eq!(breach["overdue"], true);
    // A late first run sends both reminders; later runs nothing, but to a manager who joined
    // since, who gets both too.
    assert_eq!(nestling_incidents::send_deadline_reminders(&t.app, t.app.clock.now()).await.unwrap(), 2);
    assert_eq!(nestling_incidents::send_deadline_reminders(&t.app, t.app.clock.now() + Duration::hours(1)).await.unwrap(), 0);
    let deputy = t.staff(s, &n.manager, "manager").await;
    assert_eq!(nestling_incidents::send_deadline_reminders(&t.app, t.app.clock.now() + Duration::hours(2)).await.unwrap(), 2);
    deliver(&t).await;
    for manager in [&n.manager, &deputy] {
        assert_eq!(mail_to(&t, manager, "Breach report to the ICO is overdue").await.len(), 1);
        assert_eq!(mail_to(&t, manager, "Breach report to the ICO due within 24 hours").await.len(), 1);
    }
    // Deciding not to report, with the reason, is recorded too.
    let (status, decided) = t
        .call(
            "POST",
            &format!("/v1/settings/{s}/breaches/{}/ico-report", breach["breachId"].as_str().unwrap()),
            Some(&n.manager),
            Some(json!({
                "reasonNotReported": "The tablet was encrypted and recovered the same day; no risk to anyone's rights."
            })),
        )
        .await;
    assert_eq!(status, 200, "{decided}");
    assert_eq!(decided["icoStatus"], "not-reported");
}

/// Rule 10 for the day's news about a child (issue 17, finding 5): during a lockdown a
/// reviewed accident emails no family; when it lifts, the email goes to whoever may still hear
/// it then, once.
#[tokio::test]
async fn family_emails_about_a_child_wait_for_the_lockdown_to_lift_and_go_only_to_those_still_entitled() {
    let t = spawn_app().await;
    let n = nursery(&t).await;
    let s = &n.setting_id;
    let noah_parent = t.guardian(s, &n.manager, &n.noah, "parent", true).await;
    let mut accidents = Vec::new();
    for child in [&n.ava, &n.noah] {
        let (status, accident) = t
            .call(
                "POST",
                &format!("/v1/settings/{s}/children/{child}/accidents"),
                Some(&n.practitioner),
                Some(json!({
                    "place": "Garden", "whatHappened": "Tripped on the path.", "injury": "Grazed knee",
                    "firstAid": "Cleaned and plastered.", "witnesses": ["Sam Taylor"], "serious": false
                })),
            )
            .await;
        assert_eq!(status, 201, "{accident}");
        accidents.push(accident["accidentId"].as_str().unwrap().to_string());
    }
    deliver(&t).await;
    let (status, _) =
        t.call("POST", &format!("/v1/settings/{s}/lockdown"), Some(&n.manager), Some(json!({ "notice": "Paused while we check." }))).await;
    assert_eq!(status, 201);
    for id in &accidents {
        let (status, reviewed) = t
            .call("POST", &format!("/v1/settings/{s}/accidents/{id}/review"), Some(&n.manager), Some(json!({ "notes": "Checked." })))
            .await;
        assert_eq!(status, 200, "{reviewed}");
    }
    deliver(&t).await;
    for who in [&n.parent, &noah_parent] {
        assert_eq!(mail_to(&t, who, "Nestling is paused").await.len(), 1);
        assert!(mail_to(&t, who, "Accident record").await.is_empty(), "held during the lockdown: {}", who.email);
    }
    // Noah's parent loses the link meanwhile: what was held for them is no longer theirs.
    let (status, _) = t
        .call(
            "POST",
            &format!("/v1/settings/{s}/children/{}/guardians/{}/revoke", n.noah, noah_parent.user_id),
            Some(&n.manager),
            Some(json!({ "reason": "court-order" })),
        )
        .await;
    assert_eq!(status, 200);
    let (status, _) =
        t.call("DELETE", &format!("/v1/settings/{s}/lockdown"), Some(&n.manager), Some(json!({ "message": "All fixed." }))).await;
    assert_eq!(status, 200);
    deliver(&t).await;
    deliver(&t).await;
    assert_eq!(mail_to(&t, &n.parent, "Accident record").await.len(), 1, "sent once the lockdown lifted, once");
    assert!(mail_to(&t, &noah_parent, "Accident record").await.is_empty(), "no longer entitled");
    assert!(mail_to(&t, &n.grandad, "Accident record").await.is_empty(), "family members are not told");
}

//! Children, guardians and the access rules (DESIGN rules 1-5, 9, 15) through HTTP with real
//! emulator tokens: agreements, consents, revocation, safeguarding holds and the access log.

use nestling_tests::{child_body, guardian_body, spawn_app, unique, Person, TestApp};
use serde_json::{json, Value};

fn problem(body: &Value) -> &str {
    body["type"].as_str().unwrap_or("").trim_start_matches("https://nestling.app/problems/")
}

struct Nursery {
    setting: String,
    manager: Person,
    key_person: Person,
    room: String,
}

async fn nursery(t: &TestApp) -> Nursery {
    let (setting, manager) = t.setting().await;
    let key_person = t.staff(&setting, &manager, "practitioner").await;
    let room = t.room(&setting, &manager).await;
    Nursery { setting, manager, key_person, room }
}

#[tokio::test]
async fn a_parent_is_invited_agrees_and_then_sees_only_their_child() {
    let t = spawn_app().await;
    let n = nursery(&t).await;
    let s = &n.setting;
    let ava = t.child(s, &n.manager, &n.room, &n.key_person.user_id).await;
    let leo = t.child(s, &n.manager, &n.room, &n.key_person.user_id).await;

    // Linking a new email invites them; the link waits for the agreement.
    let email = format!("{}@families.test", unique("beth"));
    let (status, link) = t
        .call("POST", &format!("/v1/settings/{s}/children/{ava}/guardians"), Some(&n.manager), Some(guardian_body(&email, "parent")))
        .await;
    assert_eq!(status, 201, "{link}");
    assert_eq!(link["status"], "pending-agreement");
    assert_eq!(link["linkedBy"].as_str(), Some(n.manager.user_id.as_str()));
    let parent = t.accept(&email).await;

    let child_url = format!("/v1/settings/{s}/children/{ava}");
    let (status, body) = t.call("GET", &child_url, Some(&parent), None).await;
    assert_eq!((status, problem(&body)), (403, "agreement-required"));
    let (status, me) = t.call("GET", "/v1/me", Some(&parent), None).await;
    assert_eq!(status, 200);
    assert_eq!(me["memberships"][0]["agreementToAccept"], 1);
    assert_eq!(me["memberships"][0]["linkedChildren"][0]["status"], "pending-agreement");

    // The agreement is readable before acceptance; accepting an old version is refused.
    let (status, agreement) = t.call("GET", &format!("/v1/settings/{s}/agreement"), Some(&parent), None).await;
    assert_eq!(status, 200);
    assert_eq!(agreement["text"], "Be kind with data.");
    let accept_url = format!("/v1/settings/{s}/agreement/acceptances");
    let (status, body) = t.call("POST", &accept_url, Some(&parent), Some(json!({ "version": 7 }))).await;
    assert_eq!((status, problem(&body)), (409, "agreement-outdated"));
    let (status, body) = t.call("POST", &accept_url, Some(&parent), Some(json!({ "version": 1 }))).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["linkedChildren"], json!([ava]));

    let (status, child) = t.call("GET", &child_url, Some(&parent), None).await;
    assert_eq!(status, 200, "{child}");
    assert_eq!(child["firstName"], "Ava");
    assert!(child["safeguardingHold"].is_null());
    // Another child of the same setting does not exist as far as this parent knows.
    let (status, _) = t.call("GET", &format!("/v1/settings/{s}/children/{leo}"), Some(&parent), None).await;
    assert_eq!(status, 404);
    // Parents never list the setting's children.
    let (status, _) = t.call("GET", &format!("/v1/settings/{s}/children"), Some(&parent), None).await;
    assert_eq!(status, 403);

    // The guardian list: the parent sees live links without contact details.
    let (status, guardians) = t.call("GET", &format!("{child_url}/guardians"), Some(&parent), None).await;
    assert_eq!(status, 200);
    assert_eq!(guardians["items"][0]["status"], "active");
    assert!(guardians["items"][0]["email"].is_null());
    let (_, staff_view) = t.call("GET", &format!("{child_url}/guardians"), Some(&n.key_person), None).await;
    assert_eq!(staff_view["items"][0]["email"], email.as_str());

    // Consents: a parent with parental responsibility records them.
    let (status, consents) = t
        .call(
            "PUT",
            &format!("{child_url}/consents"),
            Some(&parent),
            Some(json!({ "photosInOtherJournals": false, "remoteStaffAccess": true })),
        )
        .await;
    assert_eq!(status, 200, "{consents}");
    assert_eq!(consents["setBy"].as_str(), Some(parent.user_id.as_str()));
    let (_, child) = t.call("GET", &child_url, Some(&n.manager), None).await;
    assert_eq!(child["consents"]["photosInOtherJournals"], false);
    assert_eq!(child["consents"]["remoteStaffAccess"], true);

    // Every read and change of Ava's data is in the access log, with who and which request.
    let (status, log) = t.call("GET", &format!("/v1/settings/{s}/audit?childId={ava}"), Some(&n.manager), None).await;
    assert_eq!(status, 200, "{log}");
    let actions: Vec<(&str, &str)> =
        log["items"].as_array().unwrap().iter().map(|e| (e["action"].as_str().unwrap(), e["actorRole"].as_str().unwrap())).collect();
    for wanted in [
        ("child.register", "manager"),
        ("guardian.link", "manager"),
        ("child.view", "parent"),
        ("guardians.view", "parent"),
        ("guardians.view", "practitioner"),
        ("consents.set", "parent"),
        ("agreement.accept", "parent"),
    ] {
        assert!(actions.contains(&wanted), "{wanted:?} missing from {actions:?}");
    }
    assert!(log["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| !e["requestId"].as_str().unwrap_or("").is_empty() && e["childIds"].as_array().unwrap().contains(&json!(ava))));
    // Newest first; by person; other children's lines are not there.
    let (_, mine) = t.call("GET", &format!("/v1/settings/{s}/audit?userId={}", parent.user_id), Some(&n.manager), None).await;
    assert!(mine["items"].as_array().unwrap().iter().all(|e| e["actorId"] == parent.user_id.as_str()));
    assert!(mine["items"].as_array().unwrap().len() >= 3);
    let (_, about_leo) = t.call("GET", &format!("/v1/settings/{s}/audit?childId={leo}"), Some(&n.manager), None).await;
    assert!(about_leo["items"].as_array().unwrap().iter().all(|e| e["action"] != "child.view" || e["actorRole"] != "parent"));
    let (status, _) = t.call("GET", &format!("/v1/settings/{s}/audit"), Some(&n.key_person), None).await;
    assert_eq!(status, 403, "only managers read the access log");
    let (status, body) = t.call("GET", &format!("/v1/settings/{s}/audit?day=yesterday"), Some(&n.manager), None).await;
    assert_eq!((status, problem(&body)), (422, "validation-failed"));
}

#[tokio::test]
async fn revoking_a_link_refuses_the_very_next_request_whatever_token_is_held() {
    let t = spawn_app().await;
    let n = nursery(&t).await;
    let s = &n.setting;
    let ava = t.child(s, &n.manager, &n.room, &n.key_person.user_id).await;
    let noah = t.child(s, &n.manager, &n.room, &n.key_person.user_id).await;
    let parent = t.guardian(s, &n.manager, &ava, "parent", true).await;
    // The same parent is linked to a sibling: one account, two links.
    let (status, body) = t
        .call(
            "POST",
            &format!("/v1/settings/{s}/children/{noah}/guardians"),
            Some(&n.manager),
            Some(guardian_body(&parent.email, "parent")),
        )
        .await;
    assert_eq!(status, 201, "{body}");
    assert_eq!(body["status"], "active", "an accepted agreement carries over to a new link");
    let (status, body) = t
        .call(
            "POST",
            &format!("/v1/settings/{s}/children/{noah}/guardians"),
            Some(&n.manager),
            Some(guardian_body(&parent.email, "parent")),
        )
        .await;
    assert_eq!((status, problem(&body)), (409, "already-linked"));
    assert_eq!(t.call("GET", &format!("/v1/settings/{s}/children/{ava}"), Some(&parent), None).await.0, 200);

    // Revoke Ava's link: that token is refused at once for Ava, still good for Noah.
    let revoke = |child: &str| format!("/v1/settings/{s}/children/{child}/guardians/{}/revoke", parent.user_id);
    let (status, body) =
        t.call("POST", &revoke(&ava), Some(&n.manager), Some(json!({ "reason": "court-order", "note": "Order of 20 Nov" }))).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["status"], "revoked");
    assert_eq!(body["revokedReason"], "court-order");
    let (status, body) = t.call("GET", &format!("/v1/settings/{s}/children/{ava}"), Some(&parent), None).await;
    assert_eq!((status, problem(&body)), (403, "access-revoked"));
    let (status, body) = t.call("GET", &format!("/v1/settings/{s}/children/{ava}/guardians"), Some(&parent), None).await;
    assert_eq!((status, problem(&body)), (403, "access-revoked"));
    assert_eq!(t.call("GET", &format!("/v1/settings/{s}/children/{noah}"), Some(&parent), None).await.0, 200);
    let (status, body) = t.call("POST", &revoke(&ava), Some(&n.manager), Some(json!({ "reason": "left" }))).await;
    assert_eq!((status, problem(&body)), (409, "already-revoked"));
    // Parents no longer see a revoked guardian; staff do, and only managers see why.
    let (_, listed) = t.call("GET", &format!("/v1/settings/{s}/children/{ava}/guardians"), Some(&n.key_person), None).await;
    assert_eq!(listed["items"][0]["status"], "revoked");
    assert!(listed["items"][0]["revokedReason"].is_null());

    // The last link: refused too, and their sessions are ended in Cognito.
    let (status, _) = t.call("POST", &revoke(&noah), Some(&n.manager), Some(json!({ "reason": "responsibility-questioned" }))).await;
    assert_eq!(status, 200);
    let (status, body) = t.call("GET", &format!("/v1/settings/{s}/children/{noah}"), Some(&parent), None).await;
    assert_eq!((status, problem(&body)), (403, "access-revoked"));
    let (_, me) = t.call("GET", "/v1/me", Some(&parent), None).await;
    assert_eq!(me["memberships"][0]["linkedChildren"], json!([]));
    // With no live link left they keep no access to the setting at all: no setting read, no
    // fault report to email the managers with (issue 17, finding 7).
    for (method, path, body) in [
        ("GET", format!("/v1/settings/{s}"), None),
        ("GET", format!("/v1/settings/{s}/agreement"), None),
        ("POST", format!("/v1/settings/{s}/faults"), Some(json!({ "description": "Anything", "privacyAffected": false }))),
    ] {
        let (status, body) = t.call(method, &path, Some(&parent), body).await;
        assert_eq!((status, problem(&body)), (403, "access-revoked"), "{method} {path}");
    }
    // A reason outside the policy's list is refused and changes nothing.
    let third = t.guardian(s, &n.manager, &ava, "family", false).await;
    let before = t.item_count().await;
    let (status, _) = t
        .call(
            "POST",
            &format!("/v1/settings/{s}/children/{ava}/guardians/{}/revoke", third.user_id),
            Some(&n.manager),
            Some(json!({ "reason": "bored" })),
        )
        .await;
    assert_eq!(status, 422);
    assert_eq!(t.item_count().await, before);
    // Re-linking after a revocation is possible (a court order lifted).
    let (status, body) = t
        .call("POST", &format!("/v1/settings/{s}/children/{ava}/guardians"), Some(&n.manager), Some(guardian_body(&parent.email, "parent")))
        .await;
    assert_eq!(status, 201, "{body}");
    assert_eq!(t.call("GET", &format!("/v1/settings/{s}/children/{ava}"), Some(&parent), None).await.0, 200);
}

#[tokio::test]
async fn a_safeguarding_hold_suspends_every_guardian_and_lifting_restores_only_live_links() {
    let t = spawn_app().await;
    let n = nursery(&t).await;
    let s = &n.setting;
    let ava = t.child(s, &n.manager, &n.room, &n.key_person.user_id).await;
    let mother = t.guardian(s, &n.manager, &ava, "parent", true).await;
    let father = t.guardian(s, &n.manager, &ava, "parent", true).await;
    let child_url = format!("/v1/settings/{s}/children/{ava}");
    let hold_url = format!("{child_url}/safeguarding-hold");

    let (status, body) = t.call("POST", &hold_url, Some(&n.key_person), Some(json!({ "reason": "x" }))).await;
    assert_eq!(status, 403, "only managers place holds: {body}");
    let (status, hold) = t.call("POST", &hold_url, Some(&n.manager), Some(json!({ "reason": "Disclosure at drop-off" }))).await;
    assert_eq!(status, 200, "{hold}");
    assert_eq!(hold["guardianLinks"], 2);
    assert_eq!(hold["safeguardingHold"]["placedBy"].as_str(), Some(n.manager.user_id.as_str()));
    let (status, body) = t.call("POST", &hold_url, Some(&n.manager), Some(json!({ "reason": "again" }))).await;
    assert_eq!((status, problem(&body)), (409, "already-held"));

    for parent in [&mother, &father] {
        let (status, body) = t.call("GET", &child_url, Some(parent), None).await;
        assert_eq!((status, problem(&body)), (403, "access-suspended"));
        let (status, _) = t
            .call(
                "PUT",
                &format!("{child_url}/consents"),
                Some(parent),
                Some(json!({ "photosInOtherJournals": true, "remoteStaffAccess": true })),
            )
            .await;
        assert_eq!(status, 403);
    }
    // Staff keep access (rule 5) and see the hold; parents are never shown it.
    let (status, child) = t.call("GET", &child_url, Some(&n.key_person), None).await;
    assert_eq!(status, 200);
    assert!(child["safeguardingHold"]["placedAt"].is_string());
    assert!(child["safeguardingHold"]["reason"].is_null(), "the reason is for managers");
    let (_, child) = t.call("GET", &child_url, Some(&n.manager), None).await;
    assert_eq!(child["safeguardingHold"]["reason"], "Disclosure at drop-off");
    let (_, listed) = t.call("GET", &format!("{child_url}/guardians"), Some(&n.manager), None).await;
    assert!(listed["items"].as_array().unwrap().iter().all(|g| g["status"] == "suspended"));

    // The father's link is revoked during the hold: lifting must not bring it back.
    let (status, _) = t
        .call(
            "POST",
            &format!("{child_url}/guardians/{}/revoke", father.user_id),
            Some(&n.manager),
            Some(json!({ "reason": "court-order" })),
        )
        .await;
    assert_eq!(status, 200);
    let (status, body) = t.call("DELETE", &hold_url, Some(&n.manager), Some(json!({}))).await;
    assert_eq!(status, 422, "a note is required: {body}");
    let (status, lifted) =
        t.call("DELETE", &hold_url, Some(&n.manager), Some(json!({ "note": "Strategy meeting: no further action" }))).await;
    assert_eq!(status, 200, "{lifted}");
    assert!(lifted["safeguardingHold"].is_null());
    assert_eq!(lifted["guardianLinks"], 1);
    let (status, body) = t.call("DELETE", &hold_url, Some(&n.manager), Some(json!({ "note": "again" }))).await;
    assert_eq!((status, problem(&body)), (409, "not-held"));
    assert_eq!(t.call("GET", &child_url, Some(&mother), None).await.0, 200);
    let (status, body) = t.call("GET", &child_url, Some(&father), None).await;
    assert_eq!((status, problem(&body)), (403, "access-revoked"));

    // Both are audited with who, why and when.
    let (_, log) =
        t.call("GET", &format!("/v1/settings/{s}/audit?childId={ava}&userId={}", n.manager.user_id), Some(&n.manager), None).await;
    let entries = log["items"].as_array().unwrap();
    let placed = entries.iter().find(|e| e["action"] == "safeguarding.hold.place").expect("hold audited");
    assert_eq!(placed["detail"], "Disclosure at drop-off");
    assert!(!placed["at"].as_str().unwrap().is_empty());
    let lifted = entries.iter().find(|e| e["action"] == "safeguarding.hold.lift").expect("lift audited");
    assert!(lifted["detail"].as_str().unwrap().contains("no further action"));
}

#[tokio::test]
async fn a_new_agreement_version_suspends_guardians_until_they_accept_it() {
    let t = spawn_app().await;
    let n = nursery(&t).await;
    let s = &n.setting;
    let ava = t.child(s, &n.manager, &n.room, &n.key_person.user_id).await;
    let parent = t.guardian(s, &n.manager, &ava, "parent", true).await;
    let child_url = format!("/v1/settings/{s}/children/{ava}");
    assert_eq!(t.call("GET", &child_url, Some(&parent), None).await.0, 200);

    let (status, _) = t.call("PUT", &format!("/v1/settings/{s}/agreement"), Some(&n.key_person), Some(json!({ "text": "No." }))).await;
    assert_eq!(status, 403);
    let (status, published) = t
        .call("PUT", &format!("/v1/settings/{s}/agreement"), Some(&n.manager), Some(json!({ "text": "Version two: no screenshots." })))
        .await;
    assert_eq!(status, 200, "{published}");
    assert_eq!(published["version"], 2);

    let (status, body) = t.call("GET", &child_url, Some(&parent), None).await;
    assert_eq!((status, problem(&body)), (403, "agreement-required"));
    let (_, listed) = t.call("GET", &format!("{child_url}/guardians"), Some(&n.manager), None).await;
    assert_eq!(listed["items"][0]["status"], "pending-agreement");
    // Staff are not affected.
    assert_eq!(t.call("GET", &child_url, Some(&n.key_person), None).await.0, 200);

    let (status, agreement) = t.call("GET", &format!("/v1/settings/{s}/agreement"), Some(&parent), None).await;
    assert_eq!(status, 200);
    assert_eq!(agreement["text"], "Version two: no screenshots.");
    assert_eq!(agreement["acceptedVersion"], 1);
    t.accept_agreement(s, &parent).await;
    assert_eq!(t.call("GET", &child_url, Some(&parent), None).await.0, 200);
    let (_, listed) = t.call("GET", &format!("{child_url}/guardians"), Some(&n.manager), None).await;
    assert_eq!(listed["items"][0]["status"], "active");
    let (_, agreement) = t.call("GET", &format!("/v1/settings/{s}/agreement"), Some(&parent), None).await;
    assert_eq!(agreement["acceptedVersion"], 2);
    assert!(agreement["acceptedAt"].as_str().is_some());
}

#[tokio::test]
async fn family_links_see_no_child_data_and_cannot_set_consents() {
    let t = spawn_app().await;
    let n = nursery(&t).await;
    let s = &n.setting;
    let ava = t.child(s, &n.manager, &n.room, &n.key_person.user_id).await;
    let grandad = t.guardian(s, &n.manager, &ava, "family", true).await;
    let no_responsibility = {
        let email = format!("{}@families.test", unique("step"));
        let mut body = guardian_body(&email, "parent");
        body["parentalResponsibility"] = json!(false);
        let (status, _) = t.call("POST", &format!("/v1/settings/{s}/children/{ava}/guardians"), Some(&n.manager), Some(body)).await;
        assert_eq!(status, 201);
        let person = t.accept(&email).await;
        t.accept_agreement(s, &person).await;
        person
    };
    let child_url = format!("/v1/settings/{s}/children/{ava}");
    for url in [child_url.clone(), format!("{child_url}/guardians")] {
        let (status, body) = t.call("GET", &url, Some(&grandad), None).await;
        assert_eq!((status, problem(&body)), (403, "forbidden"), "{url}");
    }
    let consents = json!({ "photosInOtherJournals": true, "remoteStaffAccess": true });
    assert_eq!(t.call("PUT", &format!("{child_url}/consents"), Some(&grandad), Some(consents.clone())).await.0, 403);
    // A parent without parental responsibility reads, but does not consent.
    assert_eq!(t.call("GET", &child_url, Some(&no_responsibility), None).await.0, 200);
    assert_eq!(t.call("PUT", &format!("{child_url}/consents"), Some(&no_responsibility), Some(consents)).await.0, 403);
    // A guardian still invited cannot be turned into staff by a staff invitation.
    let invited = format!("{}@families.test", unique("inv"));
    let (status, _) = t.call("POST", &format!("{child_url}/guardians"), Some(&n.manager), Some(guardian_body(&invited, "parent"))).await;
    assert_eq!(status, 201);
    let (status, body) = t
        .call(
            "POST",
            &format!("/v1/settings/{s}/staff"),
            Some(&n.manager),
            Some(json!({ "email": invited, "name": "Ivy", "role": "practitioner", "qualificationLevel": 2 })),
        )
        .await;
    assert_eq!((status, problem(&body)), (409, "already-member"));
    // Staff cannot be linked as guardians of the setting's children.
    let (status, body) =
        t.call("POST", &format!("{child_url}/guardians"), Some(&n.manager), Some(guardian_body(&n.key_person.email, "parent"))).await;
    assert_eq!((status, problem(&body)), (409, "staff-member"));
}

#[tokio::test]
async fn two_patches_with_the_same_version_one_wins_the_other_gets_409() {
    let t = spawn_app().await;
    let n = nursery(&t).await;
    let s = &n.setting;
    let ava = t.child(s, &n.manager, &n.room, &n.key_person.user_id).await;
    let url = format!("/v1/settings/{s}/children/{ava}");
    let (_, child) = t.call("GET", &url, Some(&n.manager), None).await;
    let version = format!("\"{}\"", child["version"]);
    let headers = [("if-match", version.as_str())];
    let (a, b) = tokio::join!(
        t.call_with("PATCH", &url, Some(&n.manager), Some(json!({ "dietaryNotes": "No nuts" })), &headers),
        t.call_with("PATCH", &url, Some(&n.key_person), Some(json!({ "medicalNotes": "Asthma" })), &headers),
    );
    let mut statuses = [a.0, b.0];
    statuses.sort();
    assert_eq!(statuses, [200, 409], "{a:?} {b:?}");
    let (_, after) = t.call("GET", &url, Some(&n.manager), None).await;
    assert_eq!(after["version"], child["version"].as_u64().unwrap() + 1);
    let winner_notes = (after["dietaryNotes"] == "No nuts") as u8 + (after["medicalNotes"] == "Asthma") as u8;
    assert_eq!(winner_notes, 1, "exactly one change landed: {after}");

    // A stale version is a 409 too; no If-Match is 428; the key person may not move rooms.
    let (status, _) = t.call_with("PATCH", &url, Some(&n.manager), Some(json!({ "dietaryNotes": "x" })), &[("if-match", &version)]).await;
    assert_eq!(status, 409);
    let (status, _) = t.call("PATCH", &url, Some(&n.manager), Some(json!({ "dietaryNotes": "x" }))).await;
    assert_eq!(status, 428);
    let current = format!("\"{}\"", after["version"]);
    let other_room = t.room(s, &n.manager).await;
    let (status, _) =
        t.call_with("PATCH", &url, Some(&n.key_person), Some(json!({ "roomId": other_room })), &[("if-match", &current)]).await;
    assert_eq!(status, 403);
    let (status, moved) = t
        .call_with("PATCH", &url, Some(&n.manager), Some(json!({ "roomId": other_room, "medicalNotes": "" })), &[("if-match", &current)])
        .await;
    assert_eq!(status, 200, "{moved}");
    assert!(moved["medicalNotes"].is_null(), "an empty string clears notes");
    // The roster follows: the list filtered by the new room shows the child.
    let (_, listed) = t.call("GET", &format!("/v1/settings/{s}/children?roomId={other_room}"), Some(&n.key_person), None).await;
    assert_eq!(listed["items"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn the_children_list_is_paged_by_name_and_logged_per_child() {
    let t = spawn_app().await;
    let n = nursery(&t).await;
    let s = &n.setting;
    for (first, last) in [("Zoe", "Adams"), ("Amy", "Zed"), ("Bob", "Marsh"), ("Cal", "Marsh"), ("Dee", "Brown")] {
        let mut body = child_body(&n.room, &n.key_person.user_id);
        body["firstName"] = json!(first);
        body["lastName"] = json!(last);
        let (status, _) = t.call("POST", &format!("/v1/settings/{s}/children"), Some(&n.manager), Some(body)).await;
        assert_eq!(status, 201);
    }
    let mut names = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let url = match &cursor {
            Some(c) => format!("/v1/settings/{s}/children?limit=2&cursor={c}"),
            None => format!("/v1/settings/{s}/children?limit=2"),
        };
        let (status, page) = t.call("GET", &url, Some(&n.key_person), None).await;
        assert_eq!(status, 200, "{page}");
        for c in page["items"].as_array().unwrap() {
            names.push(format!("{} {}", c["firstName"].as_str().unwrap(), c["lastName"].as_str().unwrap()));
        }
        match page["nextCursor"].as_str() {
            Some(c) => cursor = Some(c.to_string()),
            None => break,
        }
    }
    assert_eq!(names, ["Zoe Adams", "Dee Brown", "Bob Marsh", "Cal Marsh", "Amy Zed"]);
    let (status, _) = t.call("GET", &format!("/v1/settings/{s}/children?cursor=bogus"), Some(&n.key_person), None).await;
    assert_eq!(status, 422);
    let (_, log) = t.call("GET", &format!("/v1/settings/{s}/audit?userId={}", n.key_person.user_id), Some(&n.manager), None).await;
    let listed: Vec<_> = log["items"].as_array().unwrap().iter().filter(|e| e["action"] == "children.list").collect();
    assert_eq!(listed.len(), 3);
    assert!(listed.iter().all(|e| e["childIds"].as_array().unwrap().len() <= 2));
}

#[tokio::test]
async fn bad_input_gets_a_clear_4xx_and_changes_nothing() {
    let t = spawn_app().await;
    let n = nursery(&t).await;
    let s = &n.setting;
    let ava = t.child(s, &n.manager, &n.room, &n.key_person.user_id).await;
    let parent = t.guardian(s, &n.manager, &ava, "parent", true).await;
    let (_, current) = t.call("GET", &format!("/v1/settings/{s}/children/{ava}"), Some(&n.manager), None).await;
    let version = format!("\"{}\"", current["version"]);
    let good = child_body(&n.room, &n.key_person.user_id);
    let with = |field: &str, value: Value| {
        let mut body = good.clone();
        body[field] = value;
        body
    };
    let children = format!("/v1/settings/{s}/children");
    let child = format!("{children}/{ava}");
    let many_contacts: Vec<Value> = (0..7).map(|_| json!({ "name": "A", "phone": "01632 960001", "relationship": "aunt" })).collect();
    let cases: Vec<(&str, String, &Person, Value, u16)> = vec![
        ("POST", children.clone(), &n.manager, with("firstName", json!("")), 422),
        ("POST", children.clone(), &n.manager, with("dateOfBirth", json!("2031-01-01")), 422),
        ("POST", children.clone(), &n.manager, with("dateOfBirth", json!("14/03/2024")), 422),
        ("POST", children.clone(), &n.manager, with("roomId", json!("no-such-room")), 422),
        ("POST", children.clone(), &n.manager, with("keyPersonId", json!(parent.user_id)), 422),
        (
            "POST",
            children.clone(),
            &n.manager,
            with("emergencyContacts", json!([{ "name": "A", "phone": "call me", "relationship": "aunt" }])),
            422,
        ),
        ("POST", children.clone(), &n.manager, with("emergencyContacts", json!(many_contacts)), 422),
        ("POST", children.clone(), &n.manager, with("nickname", json!("Ava-bug")), 422),
        ("POST", children.clone(), &n.manager, with("roomId", json!("x".repeat(2000))), 422),
        ("PATCH", child.clone(), &n.manager, json!({ "keyPersonId": "a/b" }), 422),
        ("PATCH", child.clone(), &n.manager, json!({}), 422),
        ("PATCH", child.clone(), &n.manager, json!({ "keyPersonId": "nobody" }), 422),
        ("PATCH", child.clone(), &n.manager, json!({ "lastName": "\u{0007}" }), 422),
        (
            "POST",
            format!("{child}/guardians"),
            &n.manager,
            json!({ "email": "not-an-email", "name": "X", "relationship": "mother", "parentalResponsibility": true, "access": "parent", "mayCollect": true }),
            422,
        ),
        (
            "POST",
            format!("{child}/guardians"),
            &n.manager,
            json!({ "email": "x@y.test", "name": "X", "relationship": "mother", "parentalResponsibility": true, "access": "owner", "mayCollect": true }),
            422,
        ),
        ("POST", format!("{child}/guardians"), &n.manager, json!({ "email": "x@y.test", "name": "X" }), 422),
        ("POST", format!("{child}/safeguarding-hold"), &n.manager, json!({ "reason": "" }), 422),
        ("PUT", format!("{child}/consents"), &parent, json!({ "photosInOtherJournals": "yes", "remoteStaffAccess": true }), 422),
        ("PUT", format!("/v1/settings/{s}/agreement"), &n.manager, json!({ "text": "   " }), 422),
        ("POST", format!("/v1/settings/{s}/agreement/acceptances"), &parent, json!({ "version": -1 }), 422),
    ];
    for (method, url, who, body, want) in cases {
        let before = t.all_items().await.len();
        let (status, answer) = t.call_with(method, &url, Some(who), Some(body.clone()), &[("if-match", &version)]).await;
        assert_eq!(status, want, "{method} {url} {body}: {answer}");
        assert!(answer["type"].as_str().is_some_and(|t| t.starts_with("https://nestling.app/problems/")), "{answer}");
        assert!(answer["detail"].as_str().is_some() || answer["title"].as_str().is_some());
        assert_eq!(t.all_items().await.len(), before, "{method} {url} wrote something");
    }
    let (_, after) = t.call("GET", &format!("/v1/settings/{s}/children/{ava}"), Some(&n.manager), None).await;
    assert_eq!(after["version"], current["version"], "the child was not changed");
    // A child id that does not exist is 404 for managers too.
    let (status, _) = t.call("GET", &format!("{children}/0123456789abcdef"), Some(&n.manager), None).await;
    assert_eq!(status, 404);
}

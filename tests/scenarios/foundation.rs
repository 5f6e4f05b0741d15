//! The foundation's endpoints through HTTP with real Cognito tokens from the emulator.

use nestling_platform::store::text_of;
use nestling_tests::{spawn_app, unique, PASSWORD};
use serde_json::json;

#[tokio::test]
async fn health_answers_without_a_token() {
    let t = spawn_app().await;
    let (status, body) = t.call("GET", "/v1/health", None, None).await;
    assert_eq!((status, body["status"].as_str()), (200, Some("ok")));
}

#[tokio::test]
async fn config_json_describes_the_local_pool() {
    let t = spawn_app().await;
    let (status, body) = t.call("GET", "/config.json", None, None).await;
    assert_eq!(status, 200);
    assert_eq!(body["userPoolId"], t.stack.user_pool_id.as_str());
    assert_eq!(body["appClientId"], t.stack.app_client_id.as_str());
    assert_eq!(body["apiUrl"], t.base_url.as_str());
}

#[tokio::test]
async fn an_operator_creates_a_setting_and_its_manager_signs_in_through_the_emailed_link() {
    let t = spawn_app().await;
    let operator = t.operator().await;
    let manager_email = format!("{}@acorns.test", unique("m"));
    let response = t
        .api
        .http
        .post(format!("{}/v1/settings", t.base_url))
        .bearer_auth(&operator.token)
        .header("content-type", "application/json")
        .body(
            json!({
                "name": "Little Acorns", "timezone": "Europe/London", "agreementText": "Be kind.",
                "manager": { "email": manager_email.to_uppercase(), "name": "Maya" }
            })
            .to_string(),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 201);
    assert_eq!(response.headers()["etag"], "\"1\"");
    let created: serde_json::Value = response.json().await.unwrap();
    assert_eq!(created["agreementVersion"], 1);
    assert_eq!(created["manager"]["status"], "invited");
    assert_eq!(created["manager"]["email"], manager_email.as_str(), "emails are stored lower-cased");
    let setting_id = created["id"].as_str().unwrap();

    // Nothing is sent until the outbox consumer runs; then exactly one invitation arrives.
    assert!(t.mail_to(&manager_email).await.is_empty());
    assert!(t.drain_outbox().await >= 1);
    let mails: Vec<_> = t.mail_to(&manager_email).await.into_iter().filter(|m| m.to.contains(&manager_email)).collect();
    assert_eq!(mails.len(), 1);
    assert!(mails[0].subject.contains("Little Acorns"));
    assert!(mails[0].body.contains("https://app.nestling.test/invitations/"));

    let manager = t.enrol(t.accept(&manager_email).await).await;
    let (status, me) = t.call("GET", "/v1/me", Some(&manager), None).await;
    assert_eq!(status, 200, "{me}");
    assert_eq!(me["email"], manager_email.as_str());
    assert_eq!(me["memberships"][0]["settingId"], setting_id);
    assert_eq!(me["memberships"][0]["role"], "manager");
    assert_eq!(me["memberships"][0]["status"], "active");
    assert_eq!(me["memberships"][0]["timezone"], "Europe/London", "the app shows times in the setting's zone");

    // No premises networks were registered, so the manager is off the premises (rule 8):
    // attest first, then register the networks.
    let (status, refused) = t.call("GET", &format!("/v1/settings/{setting_id}"), Some(&manager), None).await;
    assert_eq!(status, 403, "{refused}");
    assert!(refused["type"].as_str().unwrap().ends_with("remote-attestation-required"));
    let (status, _) = t
        .call(
            "POST",
            &format!("/v1/settings/{setting_id}/staff/me/remote-attestation"),
            Some(&manager),
            Some(json!({
                "confidentiality": true, "securitySoftware": true, "ownDevice": true
            })),
        )
        .await;
    assert_eq!(status, 200);
    let (status, setting) = t.call("GET", &format!("/v1/settings/{setting_id}"), Some(&manager), None).await;
    assert_eq!(status, 200);
    assert_eq!(setting["name"], "Little Acorns");
    assert_eq!(setting["timezone"], "Europe/London");
    assert_eq!(setting["networks"], json!([]), "managers see the (empty) premises networks");
}

#[tokio::test]
async fn invitations_are_single_use_expire_and_survive_a_weak_password() {
    let t = spawn_app().await;
    let (setting_id, manager) = t.setting().await;
    let email = format!("{}@acorns.test", unique("p"));
    let (status, _) = t
        .call(
            "POST",
            &format!("/v1/settings/{setting_id}/staff"),
            Some(&manager),
            Some(json!({
                "email": email, "name": "Priya", "role": "practitioner", "qualificationLevel": 3
            })),
        )
        .await;
    assert_eq!(status, 201);
    let token = t.invitation_token(&email).await;
    let accept = |password: &str| json!({ "password": password });
    let path = format!("/v1/invitations/{token}/accept");

    // A weak password is refused before anything is used up.
    let (status, body) = t.call("POST", &path, None, Some(accept("short1A"))).await;
    assert_eq!(status, 422, "{body}");
    for weak in ["alllowercase123", "ALLUPPERCASE123", "NoDigitsAtAllHere"] {
        assert_eq!(t.call("POST", &path, None, Some(accept(weak))).await.0, 422, "{weak}");
    }
    // Unknown tokens and malformed ones are all the same 410.
    assert_eq!(t.call("POST", "/v1/invitations/0000/accept", None, Some(accept(PASSWORD))).await.0, 410);
    assert_eq!(t.call("POST", "/v1/invitations/bad%20token/accept", None, Some(accept(PASSWORD))).await.0, 410);

    let (status, body) = t.call("POST", &path, None, Some(accept(PASSWORD))).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["role"], "practitioner");
    let (status, body) = t.call("POST", &path, None, Some(accept(PASSWORD))).await;
    assert_eq!(status, 410, "the link works once: {body}");
    assert_eq!(body["type"], "https://nestling.app/problems/invitation-invalid");
    let practitioner = t.enrol(t.sign_in(&email).await).await;
    let (status, staff) = t.call("GET", &format!("/v1/settings/{setting_id}/staff"), Some(&practitioner), None).await;
    assert_eq!(status, 200);
    let me = staff["items"].as_array().unwrap().iter().find(|s| s["email"] == email.as_str()).unwrap().clone();
    assert_eq!(me["status"], "active");

    // Revoking someone before they accept kills their link, and they never get a password.
    let withdrawn = format!("{}@acorns.test", unique("w"));
    let (_, invited) = t
        .call(
            "POST",
            &format!("/v1/settings/{setting_id}/staff"),
            Some(&manager),
            Some(json!({
                "email": withdrawn, "name": "Wyn", "role": "practitioner", "qualificationLevel": 2
            })),
        )
        .await;
    let withdrawn_token = t.invitation_token(&withdrawn).await;
    let revoke = format!("/v1/settings/{setting_id}/staff/{}/revoke", invited["userId"].as_str().unwrap());
    assert_eq!(t.call("POST", &revoke, Some(&manager), Some(json!({ "reason": "Offer withdrawn" }))).await.0, 200);
    let (status, _) = t.call("POST", &format!("/v1/invitations/{withdrawn_token}/accept"), None, Some(accept(PASSWORD))).await;
    assert_eq!(status, 410);
    assert!(nestling_local::provision::sign_in(&t.stack, &withdrawn, PASSWORD).await.is_err(), "no password was set");

    // A second invitation, left for 73 hours, no longer works.
    let late = format!("{}@acorns.test", unique("late"));
    t.call(
        "POST",
        &format!("/v1/settings/{setting_id}/staff"),
        Some(&manager),
        Some(json!({
            "email": late, "name": "Lou", "role": "practitioner", "qualificationLevel": 2
        })),
    )
    .await;
    let late_token = t.invitation_token(&late).await;
    t.app.clock.advance(time::Duration::hours(73));
    let (status, _) = t.call("POST", &format!("/v1/invitations/{late_token}/accept"), None, Some(accept(PASSWORD))).await;
    assert_eq!(status, 410);
}

#[tokio::test]
async fn rooms_are_created_by_managers_and_listed_for_staff_in_pages() {
    let t = spawn_app().await;
    let (setting_id, manager) = t.setting().await;
    let rooms = format!("/v1/settings/{setting_id}/rooms");
    for (name, band) in [("Acorns", "under-2"), ("Saplings", "two"), ("Oaks", "three-plus")] {
        let (status, room) = t.call("POST", &rooms, Some(&manager), Some(json!({ "name": name, "ageBand": band }))).await;
        assert_eq!(status, 201, "{room}");
        assert_eq!(room["ageBand"], band);
        assert_eq!(room["version"], 1);
    }
    let practitioner = t.staff(&setting_id, &manager, "practitioner").await;
    let (status, first) = t.call("GET", &format!("{rooms}?limit=2"), Some(&practitioner), None).await;
    assert_eq!(status, 200);
    assert_eq!(first["items"].as_array().unwrap().len(), 2);
    let cursor = first["nextCursor"].as_str().expect("a second page");
    let (status, second) = t.call("GET", &format!("{rooms}?limit=2&cursor={cursor}"), Some(&practitioner), None).await;
    assert_eq!(status, 200);
    let mut names: Vec<String> = first["items"]
        .as_array()
        .unwrap()
        .iter()
        .chain(second["items"].as_array().unwrap())
        .map(|r| r["name"].as_str().unwrap().to_string())
        .collect();
    names.sort();
    assert_eq!(names, vec!["Acorns", "Oaks", "Saplings"]);

    // A cursor cannot be pointed at another setting's partition, and limits are bounded.
    let (other_setting, other_manager) = t.setting().await;
    let (status, _) = t.call("GET", &format!("/v1/settings/{other_setting}/rooms?cursor={cursor}"), Some(&other_manager), None).await;
    assert_eq!(status, 400);
    assert_eq!(t.call("GET", &format!("{rooms}?limit=0"), Some(&manager), None).await.0, 422);
    assert_eq!(t.call("GET", &format!("{rooms}?limit=101"), Some(&manager), None).await.0, 422);
}

#[tokio::test]
async fn bad_input_gets_a_clear_problem_and_writes_nothing() {
    let t = spawn_app().await;
    let operator = t.operator().await;
    let (setting_id, manager) = t.setting().await;
    let good_setting = json!({
        "name": "Little Acorns", "timezone": "Europe/London", "agreementText": "Be kind.",
        "manager": { "email": "m@acorns.test", "name": "Maya" }
    });
    let mut cases: Vec<(&str, String, &nestling_tests::Person, serde_json::Value, u16)> = Vec::new();
    let with = |field: &str, value: serde_json::Value| {
        let mut body = good_setting.clone();
        body[field] = value;
        body
    };
    for (body, status) in [
        (with("name", json!("")), 422),
        (with("name", json!("x".repeat(121))), 422),
        (with("name", json!(42)), 422),
        (with("timezone", json!("Mars/Olympus")), 422),
        (with("agreementText", json!(null)), 422),
        (with("manager", json!({ "email": "not-an-email", "name": "Maya" })), 422),
        (with("manager", json!({ "email": "m@acorns.test" })), 422),
        (with("surprise", json!(true)), 422),
        (json!([1, 2, 3]), 422),
    ] {
        cases.push(("POST", "/v1/settings".into(), &operator, body, status));
    }
    let rooms = format!("/v1/settings/{setting_id}/rooms");
    for (body, status) in [
        (json!({ "name": "Oaks", "ageBand": "teenagers" }), 422),
        (json!({ "name": "Oaks" }), 422),
        (json!({ "name": "   ", "ageBand": "two" }), 422),
        (json!({ "name": "Oaks", "ageBand": "two", "capacity": 12 }), 422),
    ] {
        cases.push(("POST", rooms.clone(), &manager, body, status));
    }
    let staff = format!("/v1/settings/{setting_id}/staff");
    for (body, status) in [
        (json!({ "email": "a@b.test", "name": "A", "role": "owner", "qualificationLevel": 3 }), 422),
        (json!({ "email": "a@b.test", "name": "A", "role": "practitioner", "qualificationLevel": 9 }), 422),
        (json!({ "email": "a@b.test", "name": "A", "role": "practitioner", "qualificationLevel": "3" }), 422),
        (json!({ "email": "a@b.test", "name": "A", "role": "parent", "qualificationLevel": 3 }), 422),
    ] {
        cases.push(("POST", staff.clone(), &manager, body, status));
    }
    cases.push(("POST", format!("{staff}/{}/revoke", manager.user_id), &manager, json!({}), 422));
    cases.push(("POST", format!("{staff}/{}/revoke", manager.user_id), &manager, json!({ "reason": "" }), 422));

    let before = t.item_count().await;
    for (method, path, who, body, expected) in cases {
        let (status, problem) = t.call(method, &path, Some(who), Some(body.clone())).await;
        assert_eq!(status, expected, "{method} {path} {body}: {problem}");
        assert_eq!(problem["type"], "https://nestling.app/problems/validation-failed", "{method} {path} {body}");
        assert!(problem["detail"].is_string(), "{problem}");
    }
    assert_eq!(t.item_count().await, before, "refused input wrote nothing");
    // Not JSON at all, and not declared as JSON.
    let raw = t
        .api
        .http
        .post(format!("{}{rooms}", t.base_url))
        .bearer_auth(&manager.token)
        .header("content-type", "application/json")
        .body("{nope")
        .send()
        .await
        .unwrap();
    assert_eq!(raw.status(), 400);
    let raw = t
        .api
        .http
        .post(format!("{}{rooms}", t.base_url))
        .bearer_auth(&manager.token)
        .header("content-type", "text/plain")
        .body("{}")
        .send()
        .await
        .unwrap();
    assert_eq!(raw.status(), 415);
    assert_eq!(raw.headers()["content-type"], "application/problem+json");
    // Unknown ids and other settings' ids are simply not found.
    assert_eq!(t.call("GET", "/v1/settings/doesnotexist", Some(&manager), None).await.0, 404);
    let (other_setting, _) = t.setting().await;
    let before_other = t.item_count().await;
    assert_eq!(
        t.call("POST", &format!("/v1/settings/{other_setting}/rooms"), Some(&manager), Some(json!({ "name": "X", "ageBand": "two" })))
            .await
            .0,
        404
    );
    assert_eq!(t.call("POST", &format!("{staff}/nosuchuser/revoke"), Some(&manager), Some(json!({ "reason": "left" }))).await.0, 404);
    assert_eq!(t.item_count().await, before_other, "nothing written by refused requests");
    assert!(before < before_other, "the second setting was written");
}

#[tokio::test]
async fn a_revoked_practitioner_is_refused_on_the_very_next_request() {
    let t = spawn_app().await;
    let (setting_id, manager) = t.setting().await;
    let practitioner = t.staff(&setting_id, &manager, "practitioner").await;
    let rooms = format!("/v1/settings/{setting_id}/rooms");
    assert_eq!(t.call("GET", &rooms, Some(&practitioner), None).await.0, 200);

    let revoke = format!("/v1/settings/{setting_id}/staff/{}/revoke", practitioner.user_id);
    let (status, body) = t.call("POST", &revoke, Some(&manager), Some(json!({ "reason": "Left the nursery" }))).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["status"], "revoked");
    assert_eq!(body["revokedReason"], "Left the nursery");

    // The same, still unexpired access token is refused at once.
    let (status, problem) = t.call("GET", &rooms, Some(&practitioner), None).await;
    assert_eq!(status, 403);
    assert_eq!(problem["type"], "https://nestling.app/problems/access-revoked");
    assert_eq!(t.call("GET", &format!("/v1/settings/{setting_id}"), Some(&practitioner), None).await.0, 403);
    let (_, me) = t.call("GET", "/v1/me", Some(&practitioner), None).await;
    assert_eq!(me["memberships"][0]["status"], "revoked");

    // Twice is a conflict; yourself is refused; the audit trail has the revocation.
    assert_eq!(t.call("POST", &revoke, Some(&manager), Some(json!({ "reason": "again" }))).await.0, 409);
    let own = format!("/v1/settings/{setting_id}/staff/{}/revoke", manager.user_id);
    let (status, problem) = t.call("POST", &own, Some(&manager), Some(json!({ "reason": "oops" }))).await;
    assert_eq!((status, problem["type"].as_str()), (422, Some("https://nestling.app/problems/cannot-revoke-self")));
    // Practitioners see the team, but not why someone was revoked.
    let colleague = t.staff(&setting_id, &manager, "practitioner").await;
    let (_, team) = t.call("GET", &format!("/v1/settings/{setting_id}/staff"), Some(&colleague), None).await;
    let gone = team["items"].as_array().unwrap().iter().find(|m| m["userId"] == practitioner.user_id.as_str()).unwrap();
    assert_eq!((gone["status"].as_str(), gone["revokedReason"].is_null()), (Some("revoked"), true));
    let (_, team) = t.call("GET", &format!("/v1/settings/{setting_id}/staff"), Some(&manager), None).await;
    let gone = team["items"].as_array().unwrap().iter().find(|m| m["userId"] == practitioner.user_id.as_str()).unwrap();
    assert_eq!(gone["revokedReason"], "Left the nursery");
    let audit: Vec<_> = t
        .all_items()
        .await
        .into_iter()
        .filter(|i| text_of(i, "kind") == Some("audit"))
        .filter(|i| text_of(i, "action") == Some("staff.revoke"))
        .collect();
    assert_eq!(audit.len(), 1);
    assert_eq!(text_of(&audit[0], "actorId"), Some(manager.user_id.as_str()));
    assert_eq!(text_of(&audit[0], "object"), Some(format!("staff:{}", practitioner.user_id).as_str()));
}

#[tokio::test]
async fn someone_already_on_nestling_joins_a_second_setting_at_once() {
    let t = spawn_app().await;
    let (first, manager_one) = t.setting().await;
    let practitioner = t.staff(&first, &manager_one, "practitioner").await;
    let (second, manager_two) = t.setting().await;
    let (status, body) = t
        .call(
            "POST",
            &format!("/v1/settings/{second}/staff"),
            Some(&manager_two),
            Some(json!({
                "email": practitioner.email, "name": "Pat", "role": "manager", "qualificationLevel": 6
            })),
        )
        .await;
    assert_eq!(status, 201, "{body}");
    assert_eq!(body["status"], "active");
    assert_eq!(body["userId"], practitioner.user_id.as_str());
    t.drain_outbox().await;
    let mail = t.mail_to(&practitioner.email).await;
    assert!(mail.last().unwrap().subject.contains("added"), "{:?}", mail.last());
    let (_, me) = t.call("GET", "/v1/me", Some(&practitioner), None).await;
    assert_eq!(me["memberships"].as_array().unwrap().len(), 2);
    assert_eq!(
        t.call("POST", &format!("/v1/settings/{second}/rooms"), Some(&practitioner), Some(json!({ "name": "R", "ageBand": "mixed" })))
            .await
            .0,
        201
    );
    // Inviting the same person again is a conflict, and writes nothing.
    let before = t.item_count().await;
    let (status, _) = t
        .call(
            "POST",
            &format!("/v1/settings/{second}/staff"),
            Some(&manager_two),
            Some(json!({
                "email": practitioner.email, "name": "Pat", "role": "manager", "qualificationLevel": 6
            })),
        )
        .await;
    assert_eq!(status, 409);
    assert_eq!(t.item_count().await, before);
}

#[tokio::test]
async fn retries_with_the_same_idempotency_key_do_not_double_record() {
    let t = spawn_app().await;
    let (setting_id, manager) = t.setting().await;
    let url = format!("{}/v1/settings/{setting_id}/rooms", t.base_url);
    let send = |key: &'static str, name: &'static str| {
        t.api
            .http
            .post(&url)
            .bearer_auth(&manager.token)
            .header("content-type", "application/json")
            .header("idempotency-key", key)
            .body(json!({ "name": name, "ageBand": "two" }).to_string())
            .send()
    };
    let first = send("retry-1", "Saplings").await.unwrap();
    assert_eq!(first.status(), 201);
    let first: serde_json::Value = first.json().await.unwrap();
    let again = send("retry-1", "Saplings").await.unwrap();
    assert_eq!(again.status(), 201);
    assert_eq!(again.headers()["etag"], "\"1\"");
    let again: serde_json::Value = again.json().await.unwrap();
    assert_eq!(first["id"], again["id"]);
    let different = send("retry-1", "Oaks").await.unwrap();
    assert_eq!(different.status(), 422);
    let (_, list) = t.call("GET", &format!("/v1/settings/{setting_id}/rooms"), Some(&manager), None).await;
    assert_eq!(list["items"].as_array().unwrap().len(), 1);

    // The same key and body sent to another setting the manager also runs is a different
    // request: refused, never answered with the first setting's room.
    let (other, other_manager) = t.setting().await;
    let (status, _) = t
        .call(
            "POST",
            &format!("/v1/settings/{other}/staff"),
            Some(&other_manager),
            Some(json!({
                "email": manager.email, "name": "Maya", "role": "manager", "qualificationLevel": 4
            })),
        )
        .await;
    assert_eq!(status, 201);
    let other_url = format!("{}/v1/settings/{other}/rooms", t.base_url);
    let there = t
        .api
        .http
        .post(&other_url)
        .bearer_auth(&manager.token)
        .header("content-type", "application/json")
        .header("idempotency-key", "retry-1")
        .body(json!({ "name": "Saplings", "ageBand": "two" }).to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(there.status(), 422);
    let there: serde_json::Value = there.json().await.unwrap();
    assert_eq!(there["type"], "https://nestling.app/problems/idempotency-key-reused");
    let (_, list) = t.call("GET", &format!("/v1/settings/{other}/rooms"), Some(&manager), None).await;
    assert!(list["items"].as_array().unwrap().is_empty());
}

#[tokio::test]
async fn a_lost_invitation_can_be_sent_again_and_links_never_reset_a_live_password() {
    let t = spawn_app().await;
    let (first, manager_one) = t.setting().await;
    let (second, manager_two) = t.setting().await;
    let email = format!("{}@acorns.test", unique("twice"));
    let invite = |setting: String, manager: nestling_tests::Person| {
        let email = email.clone();
        let t = &t;
        async move {
            t.call(
                "POST",
                &format!("/v1/settings/{setting}/staff"),
                Some(&manager),
                Some(json!({
                    "email": email, "name": "Tam", "role": "practitioner", "qualificationLevel": 3
                })),
            )
            .await
        }
    };
    assert_eq!(invite(first.clone(), manager_one.clone()).await.0, 201);
    let first_token = t.invitation_token(&email).await;
    // Not accepted yet: the manager may send a fresh link.
    let (status, again) = invite(first.clone(), manager_one.clone()).await;
    assert_eq!((status, again["status"].as_str()), (201, Some("invited")));
    let fresh_token = t.invitation_token(&email).await;
    assert_ne!(first_token, fresh_token);
    // Another setting invites the same, still unclaimed, account.
    assert_eq!(invite(second.clone(), manager_two.clone()).await.0, 201);
    let second_token = t.invitation_token(&email).await;

    let accept = |token: String, password: &'static str| {
        let t = &t;
        async move { t.call("POST", &format!("/v1/invitations/{token}/accept"), None, Some(json!({ "password": password }))).await }
    };
    let (status, body) = accept(second_token, PASSWORD).await;
    assert_eq!((status, body["passwordSet"].as_bool()), (200, Some(true)), "{body}");
    // The first setting's link now joins that setting but leaves the password alone.
    let (status, body) = accept(fresh_token, "Another-Pass-2026").await;
    assert_eq!((status, body["passwordSet"].as_bool()), (200, Some(false)), "{body}");
    assert!(nestling_local::provision::sign_in(&t.stack, &email, "Another-Pass-2026").await.is_err());
    let person = t.sign_in(&email).await;
    let (_, me) = t.call("GET", "/v1/me", Some(&person), None).await;
    let statuses: Vec<_> = me["memberships"].as_array().unwrap().iter().map(|m| m["status"].as_str().unwrap().to_string()).collect();
    assert_eq!(statuses, vec!["active", "active"]);
    // Each acceptance is in the audit trail.
    let accepted = t.all_items().await.into_iter().filter(|i| text_of(i, "action") == Some("invitation.accept")).count();
    assert!(accepted >= 4, "manager acceptances and both of these are audited ({accepted})");
    // Re-inviting someone who is active is a conflict.
    assert_eq!(invite(first, manager_one).await.0, 409);
}

#[tokio::test]
async fn an_address_the_directory_refuses_is_a_clear_422_and_changes_nothing() {
    // Found by the fuzzer: valid by RFC 5322, refused by Cognito as a username; it was a 503.
    let t = spawn_app().await;
    let (setting_id, manager) = t.setting().await;
    let items = t.item_count().await;
    let body = json!({ "email": "m*`a'@vstnh.example", "name": "Sol", "role": "practitioner", "qualificationLevel": 2 });
    let (status, problem) = t.call("POST", &format!("/v1/settings/{setting_id}/staff"), Some(&manager), Some(body)).await;
    assert_eq!(status, 422, "{problem}");
    assert!(problem["detail"].as_str().unwrap().starts_with("email"), "{problem}");
    assert_eq!(t.item_count().await, items, "nothing written");
}

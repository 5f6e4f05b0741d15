//! The authorisation matrix: every route of the route table, called by every kind of caller,
//! against the expectation written here. A route without a row here fails this test.

use nestling_domain::routes::FUNCTIONS;
use nestling_domain::Role;
use nestling_tests::{spawn_app, unique, Person, TestApp};
use serde_json::{json, Value};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Who {
    Unauthenticated,
    /// An operator, who is not a member of the setting.
    Operator,
    Manager,
    Practitioner,
    Parent,
    Family,
    /// Signed in, member of nothing.
    NonMember,
    /// The manager of another setting.
    OtherSetting,
    /// A practitioner whose access was revoked.
    Revoked,
}

const EVERYONE: [Who; 9] = [
    Who::Unauthenticated,
    Who::Operator,
    Who::Manager,
    Who::Practitioner,
    Who::Parent,
    Who::Family,
    Who::NonMember,
    Who::OtherSetting,
    Who::Revoked,
];

/// What a caller gets: let through (with the status of a successful call) or refused.
fn expected(function: &str, who: Who) -> u16 {
    use Who::*;
    // Setting-scoped refusals: strangers learn nothing (404), revoked people are told (403),
    // members whose role does not allow the action get 403.
    let scoped = |allowed: &[Who], ok: u16| match who {
        w if allowed.contains(&w) => ok,
        Unauthenticated => 401,
        Operator | NonMember | OtherSetting => 404,
        Revoked => 403,
        _ => 403,
    };
    match function {
        "health" => 200,
        // The token in the path is the credential: everyone gets the same answer for a bad one.
        "invitations-accept" => 410,
        "me" => if who == Unauthenticated { 401 } else { 200 },
        "settings-create" => match who {
            Operator => 201,
            Unauthenticated => 401,
            _ => 403,
        },
        "settings-get" => scoped(&[Manager, Practitioner, Parent, Family], 200),
        "rooms-create" => scoped(&[Manager], 201),
        "rooms-list" => scoped(&[Manager, Practitioner], 200),
        "staff-invite" => scoped(&[Manager], 201),
        "staff-list" => scoped(&[Manager, Practitioner], 200),
        "staff-revoke" => scoped(&[Manager], 200),
        other => panic!("route `{other}` has no row in the authorisation matrix: add one"),
    }
}

struct World {
    setting_id: String,
    people: Vec<(Who, Option<Person>)>,
}

async fn world(t: &TestApp) -> World {
    let (setting_id, manager) = t.setting().await;
    let practitioner = t.staff(&setting_id, &manager, "practitioner").await;
    let revoked = t.staff(&setting_id, &manager, "practitioner").await;
    let (status, _) = t
        .call("POST", &format!("/v1/settings/{setting_id}/staff/{}/revoke", revoked.user_id), Some(&manager), Some(json!({ "reason": "left" })))
        .await;
    assert_eq!(status, 200);
    let parent = t.guardian(&setting_id, Role::Parent).await;
    let family = t.guardian(&setting_id, Role::Family).await;
    let (_, other_manager) = t.setting().await;
    let people = vec![
        (Who::Unauthenticated, None),
        (Who::Operator, Some(t.operator().await)),
        (Who::Manager, Some(manager)),
        (Who::Practitioner, Some(practitioner)),
        (Who::Parent, Some(parent)),
        (Who::Family, Some(family)),
        (Who::NonMember, Some(t.stranger().await)),
        (Who::OtherSetting, Some(other_manager)),
        (Who::Revoked, Some(revoked)),
    ];
    World { setting_id, people }
}

/// A request that succeeds when the caller is allowed: fresh values on every call.
async fn request(t: &TestApp, w: &World, function: &str, path: &str) -> (String, Option<Value>) {
    let fill = |p: &str| p.replace("{settingId}", &w.setting_id);
    match function {
        "settings-create" => (fill(path), Some(json!({
            "name": "Another Nursery", "timezone": "Europe/London", "agreementText": "Terms.",
            "manager": { "email": format!("{}@n.test", unique("m")), "name": "Max" }
        }))),
        "rooms-create" => (fill(path), Some(json!({ "name": "Room", "ageBand": "mixed" }))),
        "staff-invite" => (fill(path), Some(json!({
            "email": format!("{}@n.test", unique("s")), "name": "Sol", "role": "practitioner", "qualificationLevel": 2
        }))),
        "staff-revoke" => {
            // A fresh practitioner to revoke each time (invited, not yet accepted).
            let manager = w.people.iter().find(|(who, _)| *who == Who::Manager).and_then(|(_, p)| p.clone()).unwrap();
            let (_, invited) = t
                .call("POST", &fill("/v1/settings/{settingId}/staff"), Some(&manager), Some(json!({
                    "email": format!("{}@n.test", unique("v")), "name": "Vic", "role": "practitioner", "qualificationLevel": 1
                })))
                .await;
            let target = invited["userId"].as_str().unwrap().to_string();
            (fill(path).replace("{userId}", &target), Some(json!({ "reason": "matrix" })))
        }
        "invitations-accept" => (path.replace("{token}", "not-a-real-token"), Some(json!({ "password": "Sunflower-2026-ok" }))),
        _ => (fill(path), None),
    }
}

#[tokio::test]
async fn every_route_answers_every_caller_as_the_matrix_says() {
    let t = spawn_app().await;
    let w = world(&t).await;
    let mut failures = Vec::new();
    let mut checked = 0;
    for function in FUNCTIONS {
        let Some((method, path, _)) = function.http() else { continue };
        for who in EVERYONE {
            let want = expected(function.name, who);
            let person = w.people.iter().find(|(p, _)| *p == who).and_then(|(_, p)| p.as_ref());
            let (path, body) = request(&t, &w, function.name, path).await;
            let (got, answer) = t.call(method, &path, person, body).await;
            checked += 1;
            if got != want {
                failures.push(format!("{} as {who:?}: expected {want}, got {got}: {answer}", function.name));
            }
        }
    }
    assert!(failures.is_empty(), "authorisation matrix failures:\n{}", failures.join("\n"));
    assert!(checked >= 9 * 10);
}

#[test]
fn every_route_has_a_matrix_row() {
    for function in FUNCTIONS {
        if function.http().is_some() {
            for who in EVERYONE {
                let _ = expected(function.name, who);
            }
        }
    }
}

//! What the logs may and may not hold: one line per request, one line per refusal, and never
//! a token, a password, a person's name or a request body.

use nestling_tests::{child_body, spawn_app, PASSWORD};
use serde_json::json;
use std::io::Write;
use std::sync::{Arc, Mutex};

#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn logs_hold_no_tokens_passwords_names_or_bodies() {
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt().json().with_max_level(tracing::Level::DEBUG).with_writer(move || writer.clone()).finish();
    let _guard = tracing::subscriber::set_global_default(subscriber);

    let t = spawn_app().await;
    let (setting_id, manager) = t.setting().await;
    let practitioner = t.staff(&setting_id, &manager, "practitioner").await;
    let (status, _) = t
        .call(
            "POST",
            &format!("/v1/settings/{setting_id}/rooms"),
            Some(&manager),
            Some(json!({ "name": "Secret Garden Room", "ageBand": "two" })),
        )
        .await;
    assert_eq!(status, 201);
    let revoke = format!("/v1/settings/{setting_id}/staff/{}/revoke", practitioner.user_id);
    t.call("POST", &revoke, Some(&manager), Some(json!({ "reason": "Confidential reason text" }))).await;
    assert_eq!(t.call("GET", &format!("/v1/settings/{setting_id}/rooms"), Some(&practitioner), None).await.0, 403);

    // A child's names, notes and guardians, and a safeguarding reason, never reach the logs.
    let room = t.room(&setting_id, &manager).await;
    let mut child = child_body(&room, &manager.user_id);
    child["firstName"] = json!("Persephone");
    child["lastName"] = json!("Quillfeather");
    child["medicalNotes"] = json!("Epipen in the blue bag");
    let (status, registered) = t.call("POST", &format!("/v1/settings/{setting_id}/children"), Some(&manager), Some(child)).await;
    assert_eq!(status, 201);
    let child_id = registered["childId"].as_str().unwrap().to_string();
    let parent = t.guardian(&setting_id, &manager, &child_id, "parent", true).await;
    assert_eq!(t.call("GET", &format!("/v1/settings/{setting_id}/children/{child_id}"), Some(&parent), None).await.0, 200);
    t.call(
        "POST",
        &format!("/v1/settings/{setting_id}/children/{child_id}/safeguarding-hold"),
        Some(&manager),
        Some(json!({ "reason": "Bruise noticed at drop-off" })),
    )
    .await;
    let (status, _) = t.call("GET", &format!("/v1/settings/{setting_id}/children/{child_id}"), Some(&parent), None).await;
    assert_eq!(status, 403);
    t.call("GET", &format!("/v1/settings/{setting_id}/children"), Some(&manager), None).await;

    let logs = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    let lines: Vec<serde_json::Value> = logs.lines().filter_map(|l| serde_json::from_str(l).ok()).collect();
    assert!(lines
        .iter()
        .any(|l| l["fields"]["message"] == "request" && l["fields"]["route"] == "rooms-create" && l["fields"]["status"] == 201));
    let denied: Vec<_> = lines.iter().filter(|l| l["fields"]["message"] == "denied").collect();
    assert!(denied.iter().any(|l| l["fields"]["actor"] == practitioner.user_id.as_str()
        && l["fields"]["object"] == format!("setting:{setting_id}").as_str()
        && l["fields"]["at"].is_string()));
    assert!(denied.iter().any(|l| l["fields"]["actor"] == parent.user_id.as_str()
        && l["fields"]["object"] == format!("setting:{setting_id}/child:{child_id}").as_str()));
    // A JWT is base64url JSON, header and claims: `eyJ...` `.` `eyJ...`. The bare `eyJ` would
    // also match by chance inside the emulator's random 52-character request ids, which the SDK
    // logs at debug (about one run in fifty).
    let jwt = logs.lines().find(|l| contains_jwt(l));
    assert!(jwt.is_none(), "the logs contain a JWT: {}", jwt.unwrap_or_default());
    for secret in [
        manager.token.as_str(),
        practitioner.token.as_str(),
        parent.token.as_str(),
        PASSWORD,
        "Maya Manager",
        "Pat Practitioner",
        "Secret Garden Room",
        "Confidential reason text",
        manager.email.as_str(),
        "Persephone",
        "Quillfeather",
        "Epipen",
        "Bruise noticed",
        "Beth Brown",
        parent.email.as_str(),
    ] {
        let leak = logs.lines().find(|l| l.contains(secret));
        assert!(leak.is_none(), "the logs contain {secret:?}: {}", leak.unwrap_or_default());
    }
}

/// Whether `text` holds something shaped like a JWT: two base64url segments, each the encoding
/// of a JSON object (so starting `eyJ`), joined by a dot.
fn contains_jwt(text: &str) -> bool {
    let base64url = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
    text.match_indices("eyJ").any(|(at, _)| {
        let rest = &text[at..];
        let header = rest.find(|c: char| !base64url(c)).unwrap_or(rest.len());
        header >= 10 && rest[header..].starts_with(".eyJ")
    })
}

#[test]
fn jwt_shapes_are_told_from_random_ids() {
    let token = "eyJraWQiOiJrIiwiYWxnIjoiUlMyNTYifQ.eyJzdWIiOiJ1IiwidG9rZW5fdXNlIjoiYWNjZXNzIn0.c2lnbmF0dXJl";
    assert!(contains_jwt(&format!("authorization: Bearer {token}")));
    assert!(contains_jwt(token));
    assert!(!contains_jwt("request_id: Some(\"q8TeyJxWk2bNr0oPZ4vMdL9sQe7YtU3cAfGh5iJl1mNp2oQr3sTu4vWx\")"));
    assert!(!contains_jwt("eyJ alone, or eyJhbGciOi without its claims"));
}

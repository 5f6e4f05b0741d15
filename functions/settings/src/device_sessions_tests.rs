//! PINs and sessions on the setting's devices against the in-memory table: a PIN set from the
//! person's own account, a session opened with number and PIN, five wrong PINs locking it, a
//! device given too many wrong PINs checking none, the next person's session replacing the last.

use super::*;
use crate::devices::{pair_device, start_pairing};
use nestling_domain::{AgeBand, GuardianAccess, Role};
use nestling_platform::store::text_of;
use nestling_platform::testing::{Person, World};
use serde_json::{json, Value};

fn slug(answer: &Value) -> &str {
    answer["type"].as_str().and_then(|t| t.rsplit('/').next()).unwrap_or_default()
}

/// A device paired by the manager: its credential.
async fn paired(w: &World) -> String {
    let (_, started) = w.call(start_pairing, w.request(None, "POST", "/v1/device-pairings", Some(&json!({})))).await;
    let path = format!("/v1/settings/{}/devices", w.setting_id);
    let body = json!({ "code": started["code"], "name": "Robins tablet" });
    let (status, device) = w.call(pair_device, w.request(Some(&w.manager), "POST", &path, Some(&body))).await;
    assert_eq!(status, 201, "{device}");
    format!("Device {}.{}.{}", w.setting_id, device["deviceId"].as_str().unwrap(), started["secret"].as_str().unwrap())
}

async fn set_pin(w: &World, who: &Person, pin: &str) -> (u16, Value) {
    let path = format!("/v1/settings/{}/device-pin", w.setting_id);
    w.call(set_device_pin, w.request(Some(who), "PUT", &path, Some(&json!({ "pin": pin })))).await
}

async fn start(w: &World, device: &str, mode: &str, number: &str, pin: &str) -> (u16, Value) {
    let body = json!({ "mode": mode, "number": number, "pin": pin });
    w.call(start_device_session, w.request_with(None, "POST", "/v1/device/sessions", Some(&body), &[("authorization", device)])).await
}

async fn end(w: &World, device: &str, token: &str) -> (u16, Value) {
    w.call(
        end_device_session,
        w.request_with(None, "POST", "/v1/device/session/end", None, &[("authorization", device), ("x-device-session", token)]),
    )
    .await
}

fn number_of(answer: &Value) -> String {
    answer["number"].as_str().unwrap().to_string()
}

#[tokio::test]
async fn a_person_sets_a_pin_and_opens_a_session_of_their_mode_with_number_and_pin() {
    let w = World::new();
    let practitioner = w.member(Role::Practitioner);
    let path = format!("/v1/settings/{}/device-pin", w.setting_id);
    let (status, none) = w.call(get_device_pin, w.request(Some(&practitioner), "GET", &path, None)).await;
    assert_eq!((status, none["number"].is_null()), (200, true), "{none}");
    // The first PINs anyone tries are refused, and nothing is written.
    for weak in ["1234", "0000", "12", "abcd"] {
        assert_eq!(set_pin(&w, &practitioner, weak).await.0, 422, "{weak}");
    }
    assert!(w.items_of_kind("device-pin").is_empty());
    let (status, set) = set_pin(&w, &practitioner, "2580").await;
    assert_eq!(status, 200, "{set}");
    let number = number_of(&set);
    assert_eq!(number.len(), 4);
    let pin = w.items_of_kind("device-pin").pop().unwrap();
    assert!(text_of(&pin, "pinHash").is_some_and(|h| h.starts_with("$argon2") && !h.contains("2580")), "only a slow hash is kept");
    // A new PIN keeps the number.
    let (_, again) = set_pin(&w, &practitioner, "1470").await;
    assert_eq!(number_of(&again), number);

    let device = paired(&w).await;
    assert_eq!(slug(&start(&w, &device, "staff", &number, "2580").await.1), "pin-wrong", "the old PIN is gone");
    let (status, session) = start(&w, &device, "staff", &number, "1470").await;
    assert_eq!(status, 201, "{session}");
    assert_eq!((session["mode"].as_str(), session["idleMinutes"].as_i64()), (Some("staff"), Some(5)));
    assert!(session["name"].as_str().is_some_and(|n| n.starts_with("practitioner")));
    // Staff do not use the families' kiosk.
    assert_eq!(slug(&start(&w, &device, "kiosk", &number, "1470").await.1), "device-mode-not-allowed");
    // No device, no session: a person's token is not a device's credential.
    assert_eq!(start(&w, "Bearer x.y.z", "staff", &number, "1470").await.0, 401);
    let token = session["token"].as_str().unwrap();
    assert_eq!(end(&w, &device, token).await.0, 204);
    assert_eq!(slug(&end(&w, &device, token).await.1), "device-session-ended");
    let actions: Vec<String> = w.items_of_kind("audit").iter().filter_map(|a| text_of(a, "action").map(str::to_string)).collect();
    for action in ["device.pin-set", "device.session-start", "device.session-end"] {
        assert!(actions.iter().any(|a| a == action), "{action} in {actions:?}");
    }
}

#[tokio::test]
async fn five_wrong_pins_lock_it_until_its_owner_sets_a_new_one() {
    let w = World::new();
    let robins = w.room("Robins", AgeBand::ThreePlus);
    let ava = w.child("Ava", &robins, &w.manager);
    let parent = w.guardian_of(&ava, GuardianAccess::Parent);
    let number = number_of(&set_pin(&w, &parent, "2580").await.1);
    let device = paired(&w).await;
    for n in 1..PIN_FAILURES_TO_LOCK {
        let (status, answer) = start(&w, &device, "kiosk", &number, "9631").await;
        assert_eq!((status, slug(&answer)), (401, "pin-wrong"), "try {n}");
    }
    let (status, answer) = start(&w, &device, "kiosk", &number, "9631").await;
    assert_eq!((status, slug(&answer)), (403, "pin-locked"), "the fifth locks it");
    // Locked: even the right PIN opens nothing.
    assert_eq!(slug(&start(&w, &device, "kiosk", &number, "2580").await.1), "pin-locked");
    assert!(w.items_of_kind("device-session").is_empty());
    assert!(w.items_of_kind("audit").iter().any(|a| text_of(a, "action") == Some("device.pin-locked")));
    let path = format!("/v1/settings/{}/device-pin", w.setting_id);
    let (_, mine) = w.call(get_device_pin, w.request(Some(&parent), "GET", &path, None)).await;
    assert_eq!(mine["locked"], true);
    // Its owner sets a new one from their own account: unlocked.
    set_pin(&w, &parent, "3691").await;
    let (status, session) = start(&w, &device, "kiosk", &number, "3691").await;
    assert_eq!(status, 201, "{session}");
    let children = session["children"].as_array().unwrap();
    assert_eq!((children.len(), children[0]["firstName"].as_str(), children[0]["signedIn"].as_bool()), (1, Some("Ava"), Some(false)));
}

#[tokio::test]
async fn a_device_given_twenty_wrong_pins_in_an_hour_checks_none_even_the_right_one() {
    let w = World::new();
    let practitioner = w.member(Role::Practitioner);
    let number = number_of(&set_pin(&w, &practitioner, "2580").await.1);
    let device = paired(&w).await;
    // Numbers no one has count against the device as wrong PINs do.
    for n in 0..Rate::DEVICE_PINS.max {
        // Never the practitioner's own number (wrong PINs there would lock it instead).
        let guess = [format!("{}", 1000 + n), format!("{}", 9000 + n)].into_iter().find(|g| *g != number).unwrap();
        let (status, answer) = start(&w, &device, "staff", &guess, "9631").await;
        assert!(matches!((status, slug(&answer)), (401, "pin-wrong") | (403, "pin-locked")), "try {n}: {answer}");
    }
    let (status, answer) = start(&w, &device, "staff", &number, "2580").await;
    assert_eq!((status, slug(&answer)), (429, "rate-limited"), "{answer}");
    assert!(w.items_of_kind("device-session").is_empty());
    w.app.clock.advance(time::Duration::hours(1));
    assert_eq!(start(&w, &device, "staff", &number, "2580").await.0, 201, "the next hour");
}

#[tokio::test]
async fn the_next_persons_session_replaces_the_last_and_a_revoked_member_opens_none() {
    let w = World::new();
    let robins = w.room("Robins", AgeBand::ThreePlus);
    let ava = w.child("Ava", &robins, &w.manager);
    let parent = w.guardian_of(&ava, GuardianAccess::Parent);
    let family = w.guardian_of(&ava, GuardianAccess::Family);
    let practitioner = w.member(Role::Practitioner);
    let device = paired(&w).await;
    let parent_number = number_of(&set_pin(&w, &parent, "2580").await.1);
    let family_number = number_of(&set_pin(&w, &family, "3691").await.1);
    let staff_number = number_of(&set_pin(&w, &practitioner, "1470").await.1);
    let (_, first) = start(&w, &device, "journal", &parent_number, "2580").await;
    assert_eq!(first["children"].as_array().map(Vec::len), Some(1), "{first}");
    // A family member collects at the kiosk but does not read the journal.
    assert_eq!(slug(&start(&w, &device, "journal", &family_number, "3691").await.1), "device-mode-not-allowed");
    let (status, _) = start(&w, &device, "kiosk", &family_number, "3691").await;
    assert_eq!(status, 201);
    assert_eq!(w.items_of_kind("device-session").len(), 1, "one session per device");
    assert_eq!(slug(&end(&w, &device, first["token"].as_str().unwrap()).await.1), "device-session-ended", "replaced");
    // A member whose access was revoked keeps a PIN that opens nothing.
    let key = nestling_platform::records::MemberRecord::key(&w.setting_id, &practitioner.user_id);
    let mut member: nestling_platform::records::MemberRecord = w.get(&key).unwrap();
    member.status = nestling_domain::MembershipStatus::Revoked;
    w.table.insert(nestling_platform::store::to_item(&member));
    assert_eq!(slug(&start(&w, &device, "staff", &staff_number, "1470").await.1), "access-revoked");
}

#[tokio::test]
async fn a_code_from_a_guardians_phone_opens_the_kiosk_once_within_two_minutes() {
    let w = World::new();
    let robins = w.room("Robins", AgeBand::ThreePlus);
    let ava = w.child("Ava", &robins, &w.manager);
    let parent = w.guardian_of(&ava, GuardianAccess::Parent);
    let practitioner = w.member(Role::Practitioner);
    let device = paired(&w).await;
    let path = format!("/v1/settings/{}/kiosk-passes", w.setting_id);
    // Staff have their PIN; a code is the families'.
    assert_eq!(w.call(create_kiosk_pass, w.request(Some(&practitioner), "POST", &path, None)).await.0, 403);
    let (status, pass) = w.call(create_kiosk_pass, w.request(Some(&parent), "POST", &path, None)).await;
    assert_eq!(status, 201, "{pass}");
    let code = pass["code"].as_str().unwrap().to_string();
    assert!(w.items_of_kind("kiosk-pass").iter().all(|p| !format!("{p:?}").contains(&code.replace(' ', ""))), "only its hash is kept");
    let open = |mode: &str, pass: &str| {
        let body = json!({ "mode": mode, "pass": pass });
        w.call(
            start_device_session,
            w.request_with(None, "POST", "/v1/device/sessions", Some(&body), &[("authorization", device.as_str())]),
        )
    };
    // The journal is opened with a PIN only; a wrong code is refused and counted.
    assert_eq!(open("journal", &code).await.0, 422);
    let (status, wrong) = open("kiosk", "0000 0000").await;
    assert_eq!((status, slug(&wrong)), (401, "pass-not-valid"), "{wrong}");
    let (status, session) = open("kiosk", &code).await;
    assert_eq!(status, 201, "{session}");
    assert_eq!((session["userId"].as_str(), session["children"][0]["firstName"].as_str()), (Some(parent.user_id.as_str()), Some("Ava")));
    assert_eq!(slug(&open("kiosk", &code).await.1), "pass-not-valid", "used once");
    // Two minutes on, an unused code opens nothing.
    let (_, later) = w.call(create_kiosk_pass, w.request(Some(&parent), "POST", &path, None)).await;
    w.app.clock.advance(time::Duration::minutes(2));
    assert_eq!(slug(&open("kiosk", later["code"].as_str().unwrap()).await.1), "pass-not-valid");
}

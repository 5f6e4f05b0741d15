//! The setting's devices against the in-memory table: pairing by code (right, wrong, expired,
//! off the premises, guessed), the device as a caller, and unpairing refusing its next request.

use super::*;
use nestling_domain::{GuardianAccess, Role};
use nestling_platform::records::SettingRecord;
use nestling_platform::store::text_of;
use nestling_platform::testing::{Person, World};
use serde_json::{json, Value};

fn slug(answer: &Value) -> &str {
    answer["type"].as_str().and_then(|t| t.rsplit('/').next()).unwrap_or_default()
}

/// A device asks to be paired: its code and secret.
async fn start(w: &World) -> (String, String) {
    let (status, started) = w.call(start_pairing, w.request(None, "POST", "/v1/device-pairings", Some(&json!({})))).await;
    assert_eq!(status, 201, "{started}");
    (started["code"].as_str().unwrap().to_string(), started["secret"].as_str().unwrap().to_string())
}

async fn status_of(w: &World, code: &str, secret: &str) -> (u16, Value) {
    let path = format!("/v1/device-pairings/{code}");
    w.call(pairing_status, w.request_with(None, "GET", &path, None, &[("x-pairing-secret", secret)])).await
}

async fn pair(w: &World, who: &Person, code: &str, name: &str) -> (u16, Value) {
    let path = format!("/v1/settings/{}/devices", w.setting_id);
    w.call(pair_device, w.request(Some(who), "POST", &path, Some(&json!({ "code": code, "name": name })))).await
}

async fn as_device(w: &World, credential: &str) -> (u16, Value) {
    w.call(device_self, w.request_with(None, "GET", "/v1/device", None, &[("authorization", credential)])).await
}

#[tokio::test]
async fn a_manager_pairs_a_waiting_device_by_its_code_and_it_becomes_a_caller_of_its_own() {
    let w = World::new();
    let practitioner = w.member(Role::Practitioner);
    let (code, secret) = start(&w).await;
    assert_eq!(code.len(), 9, "shown as ABCD-EF23: {code}");
    let (status, waiting) = status_of(&w, &code, &secret).await;
    assert_eq!((status, waiting["status"].as_str()), (200, Some("waiting")), "{waiting}");
    // Only the device that asked learns anything of its pairing.
    assert_eq!(slug(&status_of(&w, &code, "not-the-secret").await.1), "pairing-not-found");
    assert_eq!(status_of(&w, &code, "").await.0, 404);
    // Only a manager pairs; a bad name changes nothing.
    assert_eq!(pair(&w, &practitioner, &code, "Robins tablet").await.0, 403);
    assert_eq!(pair(&w, &w.manager, &code, " ").await.0, 422);
    assert!(w.items_of_kind("device").is_empty());

    let (status, device) = pair(&w, &w.manager, &code.to_lowercase().replace('-', " "), "Robins tablet").await;
    assert_eq!(status, 201, "{device}");
    assert_eq!((device["name"].as_str(), device["status"].as_str()), (Some("Robins tablet"), Some("paired")));
    let device_id = device["deviceId"].as_str().unwrap().to_string();
    let (_, paired) = status_of(&w, &code, &secret).await;
    assert_eq!((paired["status"].as_str(), paired["deviceId"].as_str()), (Some("paired"), Some(device_id.as_str())), "{paired}");
    assert_eq!(paired["settingName"], "Bluebell Nursery");
    // Paired once: the same code again is no device waiting.
    assert_eq!(slug(&pair(&w, &w.manager, &code, "Again").await.1), "pairing-not-found");

    // The device, with its own credential (never a person's login): who it is.
    let credential = format!("Device {}.{device_id}.{secret}", w.setting_id);
    let (status, me) = as_device(&w, &credential).await;
    assert_eq!((status, me["name"].as_str(), me["settingId"].as_str()), (200, Some("Robins tablet"), Some("bluebell")), "{me}");
    assert_eq!(slug(&as_device(&w, &format!("Device {}.{device_id}.wrong", w.setting_id)).await.1), "device-not-paired");
    assert_eq!(as_device(&w, "Bearer a.b.c").await.0, 401, "a person's token is not a device's");
    assert!(w.items_of_kind("audit").iter().any(|a| text_of(a, "action") == Some("device.pair")));

    let path = format!("/v1/settings/{}/devices", w.setting_id);
    let (status, listed) = w.call(list_devices, w.request(Some(&w.manager), "GET", &path, None)).await;
    assert_eq!((status, listed["items"].as_array().map(Vec::len)), (200, Some(1)), "{listed}");
    assert_eq!(w.call(list_devices, w.request(Some(&practitioner), "GET", &path, None)).await.0, 403);
}

#[tokio::test]
async fn a_device_reported_missing_is_refused_on_its_next_request_and_every_manager_is_told() {
    let w = World::new();
    let other_manager = w.member(Role::Manager);
    let (code, secret) = start(&w).await;
    let (_, device) = pair(&w, &w.manager, &code, "Front door kiosk").await;
    let device_id = device["deviceId"].as_str().unwrap().to_string();
    let credential = format!("Device {}.{device_id}.{secret}", w.setting_id);
    assert_eq!(as_device(&w, &credential).await.0, 200);
    let path = format!("/v1/settings/{}/devices/{device_id}/unpair", w.setting_id);
    let unpair =
        |who: &Person, reason: &str| w.call(unpair_device, w.request(Some(who), "POST", &path, Some(&json!({ "reason": reason }))));
    let parent = w.guardian_of(&w.child("Ava", &w.room("Robins", nestling_domain::AgeBand::Two), &w.manager), GuardianAccess::Parent);
    assert_eq!(unpair(&parent, "reported-missing").await.0, 403);
    assert_eq!(unpair(&w.manager, "lost").await.0, 422, "not a reason");
    let (status, unpaired) = unpair(&w.manager, "reported-missing").await;
    assert_eq!((status, unpaired["status"].as_str()), (200, Some("unpaired")), "{unpaired}");
    assert_eq!(unpaired["unpaired"]["reason"], "reported-missing");
    // Its very next request is refused.
    let (status, refused) = as_device(&w, &credential).await;
    assert_eq!((status, slug(&refused)), (401, "device-not-paired"));
    assert_eq!(slug(&unpair(&w.manager, "retired").await.1), "device-unpaired");
    let told: Vec<String> = w
        .items_of_kind("outbox")
        .iter()
        .filter(|m| text_of(m, "purpose") == Some("device-missing"))
        .map(|m| text_of(m, "to").unwrap_or_default().to_string())
        .collect();
    assert!(told.contains(&w.manager.email) && told.contains(&other_manager.email), "{told:?}");
    assert!(w.items_of_kind("audit").iter().any(|a| text_of(a, "action") == Some("device.unpair")));
}

#[tokio::test]
async fn guessing_codes_is_refused_after_ten_tries_an_hour_and_pairs_nothing() {
    let w = World::new();
    let (code, _) = start(&w).await;
    for n in 0..WRONG_TRIES {
        let (status, answer) = pair(&w, &w.manager, &format!("AAAA-AA{:02}", 22 + n % 8), "Guess").await;
        assert_eq!((status, slug(&answer)), (404, "pairing-not-found"), "try {n}: {answer}");
    }
    // The hour's tries are spent: even the right code waits.
    let (status, answer) = pair(&w, &w.manager, &code, "Robins tablet").await;
    assert_eq!((status, slug(&answer)), (429, "rate-limited"), "{answer}");
    assert!(w.items_of_kind("device").is_empty());
    w.app.clock.advance(time::Duration::hours(1));
    let (code, _) = start(&w).await;
    assert_eq!(pair(&w, &w.manager, &code, "Robins tablet").await.0, 201, "an hour on");
}

const WRONG_TRIES: u32 = nestling_domain::devices::WRONG_CODES_AN_HOUR;

#[tokio::test]
async fn a_device_off_the_premises_is_not_paired_and_an_expired_pairing_is_gone() {
    let w = World::new();
    let (code, secret) = start(&w).await;
    // The device asked from somewhere that is not the setting's premises.
    let key = PairingRecord::key(&nestling_domain::devices::PairingCode::parse(&code).unwrap());
    let mut pairing: PairingRecord = w.get(&key).unwrap();
    pairing.source_ip = Some("198.51.100.7".into());
    w.app.store().transact(vec![w.app.store().put(nestling_platform::store::to_item(&pairing))]).await.unwrap();
    let (status, answer) = pair(&w, &w.manager, &code, "Robins tablet").await;
    assert_eq!((status, slug(&answer)), (409, "device-off-premises"), "{answer}");
    assert!(w.items_of_kind("device").is_empty());
    // The answer says a code exists, so the try counts like a wrong one: nine more, and the
    // hour's tries are spent.
    for n in 1..WRONG_TRIES {
        assert_eq!(pair(&w, &w.manager, "AAAA-AAAA", "Guess").await.0, 404, "try {n}");
    }
    assert_eq!(pair(&w, &w.manager, &code, "Robins tablet").await.0, 429);
    // Fifteen minutes on, the pairing is gone for the device; for the manager too, once the
    // hour's tries are counted afresh.
    w.app.clock.advance(time::Duration::minutes(16));
    assert_eq!(status_of(&w, &code, &secret).await.0, 404);
    w.app.clock.advance(time::Duration::minutes(44));
    assert_eq!(slug(&pair(&w, &w.manager, &code, "Robins tablet").await.1), "pairing-not-found");
}

#[tokio::test]
async fn a_paired_device_works_only_on_the_premises() {
    let w = World::new();
    let (code, secret) = start(&w).await;
    let (_, device) = pair(&w, &w.manager, &code, "Robins tablet").await;
    let credential = format!("Device {}.{}.{secret}", w.setting_id, device["deviceId"].as_str().unwrap());
    let mut setting: SettingRecord = w.get(&SettingRecord::key(&w.setting_id)).unwrap();
    setting.networks = vec!["10.1.0.0/24".into()];
    w.app.store().transact(vec![w.app.store().put(nestling_platform::store::to_item(&setting))]).await.unwrap();
    let (status, refused) = as_device(&w, &credential).await;
    assert_eq!((status, slug(&refused)), (403, "device-off-premises"));
}

#[tokio::test]
async fn one_address_asks_to_pair_at_most_sixty_times_an_hour() {
    let w = World::new();
    for _ in 0..60 {
        start(&w).await;
    }
    let (status, refused) = w.call(start_pairing, w.request(None, "POST", "/v1/device-pairings", Some(&json!({})))).await;
    assert_eq!((status, slug(&refused)), (429, "rate-limited"), "{refused}");
    assert_eq!(w.items_of_kind("pairing").len(), 60, "a refused start writes nothing");
    w.app.clock.advance(time::Duration::hours(1));
    start(&w).await;
}

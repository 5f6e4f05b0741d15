//! Web Push end to end: a parent's device subscribes, a journal entry reaches it through the
//! notification fan-out and the push sender, at a push service on loopback that checks the
//! VAPID signature against the advertised key and decrypts the message with the device's own
//! key; a revoked parent's device hears nothing more; a subscription the push service says is
//! gone is removed.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use nestling_tests::{spawn_app, Person, TestApp};
use serde_json::{json, Value};
use sha2::Digest;
use std::sync::{Arc, Mutex};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use web_push_native::p256;

/// One request the push service received.
#[derive(Debug, Clone)]
struct Received {
    path: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Received {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

/// A push service on loopback: records every POST and answers `status` (201, or 410 to say a
/// subscription is gone).
struct PushService {
    base: String,
    received: Arc<Mutex<Vec<Received>>>,
    status: Arc<Mutex<u16>>,
}

impl PushService {
    async fn start() -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let received = Arc::new(Mutex::new(Vec::new()));
        let status = Arc::new(Mutex::new(201u16));
        let (r, s) = (received.clone(), status.clone());
        tokio::spawn(async move {
            loop {
                let Ok((mut socket, _)) = listener.accept().await else { return };
                let (r, s) = (r.clone(), s.clone());
                tokio::spawn(async move {
                    let mut buffer = Vec::new();
                    let mut chunk = [0u8; 4096];
                    // Headers, then exactly Content-Length bytes of body (HTTP/1.1, one request).
                    let (head, body_start) = loop {
                        let n = socket.read(&mut chunk).await.unwrap_or(0);
                        if n == 0 {
                            return;
                        }
                        buffer.extend_from_slice(&chunk[..n]);
                        if let Some(at) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
                            break (String::from_utf8_lossy(&buffer[..at]).to_string(), at + 4);
                        }
                    };
                    let mut lines = head.split("\r\n");
                    let path = lines.next().unwrap_or_default().split(' ').nth(1).unwrap_or_default().to_string();
                    let headers: Vec<(String, String)> =
                        lines.filter_map(|l| l.split_once(':').map(|(n, v)| (n.trim().to_string(), v.trim().to_string()))).collect();
                    let length: usize = headers
                        .iter()
                        .find(|(n, _)| n.eq_ignore_ascii_case("content-length"))
                        .and_then(|(_, v)| v.parse().ok())
                        .unwrap_or(0);
                    let mut body = buffer[body_start..].to_vec();
                    while body.len() < length {
                        let n = socket.read(&mut chunk).await.unwrap_or(0);
                        if n == 0 {
                            break;
                        }
                        body.extend_from_slice(&chunk[..n]);
                    }
                    r.lock().unwrap().push(Received { path, headers, body });
                    let code = *s.lock().unwrap();
                    let reply = format!("HTTP/1.1 {code} Whatever\r\ncontent-length: 0\r\nconnection: close\r\n\r\n");
                    let _ = socket.write_all(reply.as_bytes()).await;
                });
            }
        });
        Self { base, received, status }
    }

    fn received(&self) -> Vec<Received> {
        self.received.lock().unwrap().clone()
    }
}

/// A browser's subscription: its own key pair and secret, and the endpoint at the service.
struct Device {
    secret: p256::SecretKey,
    auth: [u8; 16],
    endpoint: String,
}

impl Device {
    fn new(service: &PushService, name: &str) -> Self {
        let seed: Vec<u8> = [uuid::Uuid::new_v4(), uuid::Uuid::new_v4()].iter().flat_map(|u| *u.as_bytes()).collect();
        let secret = p256::SecretKey::from_slice(&seed).expect("a scalar");
        let auth: [u8; 16] = *uuid::Uuid::new_v4().as_bytes();
        Self { secret, auth, endpoint: format!("{}/push/{name}", service.base) }
    }

    fn subscription(&self) -> Value {
        use p256::elliptic_curve::sec1::ToEncodedPoint;
        let point = self.secret.public_key().to_encoded_point(false);
        json!({
            "endpoint": self.endpoint, "expirationTime": null,
            "keys": { "p256dh": URL_SAFE_NO_PAD.encode(point.as_bytes()), "auth": URL_SAFE_NO_PAD.encode(self.auth) }
        })
    }

    /// Checks the request as a push service must (RFC 8292) and decrypts it as the browser
    /// would (RFC 8291): the plaintext.
    fn open(&self, request: &Received, advertised_key: &str, service: &PushService) -> Value {
        assert_eq!(request.header("content-encoding"), Some("aes128gcm"));
        assert!(request.header("ttl").and_then(|t| t.parse::<u64>().ok()).is_some_and(|t| t > 0), "a TTL");
        let authorization = request.header("authorization").expect("a VAPID authorization");
        let (token, k) = authorization.strip_prefix("vapid t=").and_then(|rest| rest.split_once(", k=")).expect("vapid t=..., k=...");
        assert_eq!(k, advertised_key, "signed with the key browsers subscribe with");
        let point = URL_SAFE_NO_PAD.decode(k).unwrap();
        assert_eq!(point.len(), 65);
        let key =
            jsonwebtoken::DecodingKey::from_ec_components(&URL_SAFE_NO_PAD.encode(&point[1..33]), &URL_SAFE_NO_PAD.encode(&point[33..]))
                .unwrap();
        let mut validation = jsonwebtoken::Validation::new(jsonwebtoken::Algorithm::ES256);
        validation.set_audience(&[service.base.as_str()]);
        validation.set_required_spec_claims(&["exp", "aud", "sub"]);
        let claims = jsonwebtoken::decode::<Value>(token, &key, &validation).expect("a valid ES256 token for this origin").claims;
        let now = time::OffsetDateTime::now_utc().unix_timestamp();
        let exp = claims["exp"].as_i64().unwrap();
        assert!(exp > now && exp <= now + 24 * 3600, "valid for at most 24 hours");
        assert!(claims["sub"].as_str().unwrap().starts_with("mailto:"));
        let plaintext = web_push_native::decrypt(request.body.clone(), &self.secret, web_push_native::Auth::from_slice(&self.auth))
            .expect("encrypted to this device");
        serde_json::from_slice(&plaintext).expect("JSON")
    }
}

async fn subscribe(t: &TestApp, who: &Person, device: &Device) -> Value {
    let (status, made) = t.call("POST", "/v1/me/push-subscriptions", Some(who), Some(device.subscription())).await;
    assert_eq!(status, 201, "{made}");
    made
}

/// Drains the stream until nothing is left (the fan-out writes the push items it then sends).
async fn deliver_all(t: &TestApp) {
    for _ in 0..3 {
        t.drain_outbox().await;
    }
}

#[tokio::test]
async fn a_parents_device_is_notified_of_the_journal_until_their_link_is_revoked() {
    let t = spawn_app().await;
    let service = PushService::start().await;
    let (s, manager) = t.setting().await;
    let practitioner = t.staff(&s, &manager, "practitioner").await;
    let room = t.room(&s, &manager).await;
    let child = t.child(&s, &manager, &room, &practitioner.user_id).await;
    let parent = t.guardian(&s, &manager, &child, "parent", true).await;

    // The key to subscribe with is the stack's; a device subscribes once, whatever it retries.
    let (status, devices) = t.call("GET", "/v1/me/push-subscriptions", Some(&parent), None).await;
    assert_eq!(status, 200, "{devices}");
    let advertised = devices["publicKey"].as_str().unwrap().to_string();
    assert_eq!(advertised, t.stack.vapid_public_key);
    assert_eq!(devices["subscriptions"], json!([]));
    let phone = Device::new(&service, "phone");
    let made = subscribe(&t, &parent, &phone).await;
    let expected_id = hex::encode(&sha2::Sha256::digest(phone.endpoint.as_bytes())[..16]);
    assert_eq!(made["subscriptionId"], expected_id.as_str());
    assert_eq!(made["host"], "127.0.0.1");
    subscribe(&t, &parent, &phone).await;

    // Endpoints elsewhere are refused (the sender would POST there), and change nothing.
    for (endpoint, status, kind) in [
        ("https://evil.example/push", 422, "push-endpoint-refused"),
        ("http://169.254.169.254/latest/meta-data", 422, "push-endpoint-refused"),
        ("https://fcm.googleapis.com.evil.example/x", 422, "push-endpoint-refused"),
        ("nonsense", 422, "validation-failed"),
    ] {
        let mut body = phone.subscription();
        body["endpoint"] = json!(endpoint);
        let (got, problem) = t.call("POST", "/v1/me/push-subscriptions", Some(&parent), Some(body)).await;
        assert_eq!(got, status, "{endpoint}: {problem}");
        assert!(problem["type"].as_str().unwrap().ends_with(kind), "{problem}");
    }
    let mut bad_keys = phone.subscription();
    bad_keys["keys"]["p256dh"] = json!(URL_SAFE_NO_PAD.encode([4u8; 65]));
    assert_eq!(t.call("POST", "/v1/me/push-subscriptions", Some(&parent), Some(bad_keys)).await.0, 422);
    let (_, devices) = t.call("GET", "/v1/me/push-subscriptions", Some(&parent), None).await;
    assert_eq!(devices["subscriptions"].as_array().unwrap().len(), 1, "{devices}");

    // Push instead of email: journal emails off, the device still hears.
    let (status, _) = t.call("PUT", "/v1/me/notification-preferences", Some(&parent), Some(json!({ "journal": "off" }))).await;
    assert_eq!(status, 200);
    deliver_all(&t).await;
    let before = service.received().len();
    t.observation(&s, &practitioner, &[&child], &[]).await;
    deliver_all(&t).await;
    let received = service.received();
    assert_eq!(received.len(), before + 1, "exactly one push for one journal entry: {received:?}");
    let push = &received[before];
    assert_eq!(push.path, "/push/phone");
    let payload = phone.open(push, &advertised, &service);
    assert_eq!(payload, json!({ "kind": "journal", "url": format!("/s/{s}") }), "a kind and a path, nothing more");
    assert!(!String::from_utf8_lossy(&push.body).contains("Ava"));
    assert!(t.mail_to(&parent.email).await.iter().all(|m| !m.subject.contains("News about")), "no journal email: it is off");
    // Redelivered stream records send nothing twice.
    deliver_all(&t).await;
    assert_eq!(service.received().len(), before + 1);

    // A reviewed accident and a lockdown's notices reach the device too (their kinds only).
    t.reviewed_accident(&s, &practitioner, &manager, &child).await;
    deliver_all(&t).await;
    let received = service.received();
    assert_eq!(received.len(), before + 2, "{received:?}");
    assert_eq!(phone.open(&received[before + 1], &advertised, &service), json!({ "kind": "accident", "url": format!("/s/{s}") }));
    let (status, body) = t
        .call(
            "POST",
            &format!("/v1/settings/{s}/lockdown"),
            Some(&manager),
            Some(json!({ "notice": "Nestling is paused; call the office." })),
        )
        .await;
    assert_eq!(status, 201, "{body}");
    deliver_all(&t).await;
    let received = service.received();
    assert_eq!(received.len(), before + 3, "{received:?}");
    assert_eq!(phone.open(&received[before + 2], &advertised, &service), json!({ "kind": "notice", "url": format!("/s/{s}") }));
    let (status, body) = t.call("DELETE", &format!("/v1/settings/{s}/lockdown"), Some(&manager), Some(json!({ "message": "Back." }))).await;
    assert_eq!(status, 200, "{body}");
    deliver_all(&t).await;
    // The lift is a notice too.
    let received = service.received();
    assert_eq!(received.len(), before + 4, "{received:?}");
    let before = received.len();

    // A revoked parent's device hears nothing more.
    let (status, _) = t
        .call(
            "POST",
            &format!("/v1/settings/{s}/children/{child}/guardians/{}/revoke", parent.user_id),
            Some(&manager),
            Some(json!({ "reason": "left" })),
        )
        .await;
    assert_eq!(status, 200);
    t.observation(&s, &practitioner, &[&child], &[]).await;
    deliver_all(&t).await;
    assert_eq!(service.received().len(), before, "nothing after revocation");

    // A subscription the push service says is gone is removed from its owner's devices.
    let other = t.guardian(&s, &manager, &child, "parent", true).await;
    let laptop = Device::new(&service, "laptop");
    subscribe(&t, &other, &laptop).await;
    *service.status.lock().unwrap() = 410;
    t.observation(&s, &practitioner, &[&child], &[]).await;
    deliver_all(&t).await;
    let last = service.received().last().cloned().unwrap();
    assert_eq!(last.path, "/push/laptop");
    let (_, devices) = t.call("GET", "/v1/me/push-subscriptions", Some(&other), None).await;
    assert_eq!(devices["subscriptions"], json!([]), "gone at the push service, gone here");

    // Turning a device off is immediate; turning it off again is done.
    *service.status.lock().unwrap() = 201;
    let id = subscribe(&t, &other, &laptop).await["subscriptionId"].as_str().unwrap().to_string();
    for _ in 0..2 {
        let (status, body) = t.call("DELETE", &format!("/v1/me/push-subscriptions/{id}"), Some(&other), None).await;
        assert_eq!((status, body["subscriptionId"].as_str()), (200, Some(id.as_str())));
    }
    let sent = service.received().len();
    t.observation(&s, &practitioner, &[&child], &[]).await;
    deliver_all(&t).await;
    assert_eq!(service.received().len(), sent, "no device, no push");
}

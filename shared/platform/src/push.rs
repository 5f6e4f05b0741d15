//! Web Push (RFC 8030): the only place a notification leaves Nestling, called by the push
//! sender alone. Each message is encrypted to the browser that subscribed (RFC 8291,
//! `aes128gcm`) and signed with the service's VAPID key (RFC 8292), and carries an event kind
//! and an app path only: never a name, a line of text or a photo, since push services and
//! lock screens see what a notification holds.
//!
//! Subscriptions name a URL the sender will POST to, so they are an SSRF risk: only the known
//! push services' hosts are accepted (over HTTPS on the default port), and plain HTTP only
//! for a loopback host the configuration lists explicitly (the local stack and the tests).

use aws_lc_rs::agreement;
use aws_lc_rs::encoding::AsBigEndian;
use aws_lc_rs::signature::{EcdsaKeyPair, KeyPair, ECDSA_P256_SHA256_FIXED_SIGNING};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde::{Deserialize, Serialize};
use sha2::Digest;
use std::time::Duration;

/// The push services browsers subscribe to today (Chrome and Edge through FCM, Firefox,
/// Safari, legacy Edge). `*.` matches any subdomain.
pub const DEFAULT_PUSH_HOSTS: &str =
    "fcm.googleapis.com,updates.push.services.mozilla.com,web.push.apple.com,*.push.apple.com,*.notify.windows.com";

/// How long a push service keeps a message for a device that is offline: news a day old is
/// still news; after that the email (or digest) has told them.
pub const TTL: Duration = Duration::from_secs(24 * 60 * 60);

/// How long a VAPID signature is valid (RFC 8292 allows at most 24 hours).
const VAPID_VALIDITY_SECONDS: i64 = 12 * 60 * 60;

/// What a notification says: which kind of news, and where in the app to read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PushTopic {
    /// Something new in a child's learning journal (an observation, a comment, a decision).
    Journal,
    /// An accident report reviewed by the manager, waiting to be read and acknowledged.
    Accident,
    /// A notice from the setting (a lockdown notice).
    Notice,
}

/// The whole plaintext of a push message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PushPayload {
    pub kind: PushTopic,
    /// A path in the web app (the setting's home), never a full URL.
    pub url: String,
}

/// The allow-list of push service hosts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PushHosts(Vec<String>);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EndpointRefused {
    #[error("the push endpoint is not a URL")]
    NotAUrl,
    #[error("push endpoints are https URLs of a known push service")]
    NotAllowed,
}

impl PushHosts {
    /// A comma-separated list (`PUSH_HOSTS`); empty means the known services.
    pub fn parse(list: &str) -> Self {
        let list = if list.trim().is_empty() { DEFAULT_PUSH_HOSTS } else { list };
        Self(list.split(',').map(|h| h.trim().to_ascii_lowercase()).filter(|h| !h.is_empty()).collect())
    }

    fn lists(&self, host: &str) -> bool {
        self.0.iter().any(|allowed| match allowed.strip_prefix("*.") {
            Some(domain) => host.len() > domain.len() + 1 && host.ends_with(domain) && host[..host.len() - domain.len()].ends_with('.'),
            None => host == allowed,
        })
    }

    /// The endpoint as a URI when the sender may POST to it, else why not.
    pub fn check(&self, endpoint: &str) -> Result<http::Uri, EndpointRefused> {
        if endpoint.len() > 1024 || endpoint.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(EndpointRefused::NotAUrl);
        }
        let uri: http::Uri = endpoint.parse().map_err(|_| EndpointRefused::NotAUrl)?;
        if uri.scheme().is_none() {
            return Err(EndpointRefused::NotAUrl);
        }
        let authority = uri.authority().ok_or(EndpointRefused::NotAUrl)?;
        // No credentials in the URL: they would travel to whichever host follows the `@`.
        if authority.as_str().contains('@') {
            return Err(EndpointRefused::NotAllowed);
        }
        let host = authority.host().to_ascii_lowercase();
        let loopback = matches!(host.as_str(), "127.0.0.1" | "localhost" | "[::1]");
        let allowed = match uri.scheme_str() {
            Some("https") => self.lists(&host) && authority.port_u16().is_none_or(|p| p == 443),
            // Plain HTTP only to a loopback push service the deployment names (tests, make dev).
            Some("http") => loopback && self.lists(&host),
            _ => false,
        };
        if allowed {
            Ok(uri)
        } else {
            Err(EndpointRefused::NotAllowed)
        }
    }
}

/// The browser's keys of one subscription, checked: a P-256 public point and a 16-byte secret.
pub fn check_keys(p256dh: &str, auth: &str) -> Result<(), &'static str> {
    let point = URL_SAFE_NO_PAD.decode(p256dh.trim_end_matches('=')).map_err(|_| "keys.p256dh is not base64url")?;
    web_push_native::p256::PublicKey::from_sec1_bytes(&point).map_err(|_| "keys.p256dh is not a P-256 public key")?;
    let secret = URL_SAFE_NO_PAD.decode(auth.trim_end_matches('=')).map_err(|_| "keys.auth is not base64url")?;
    if secret.len() != 16 {
        return Err("keys.auth is 16 bytes");
    }
    Ok(())
}

/// A subscription's id: the first 16 bytes of SHA-256 of its endpoint, in hex. The browser
/// computes the same to tell whether its own subscription is registered.
pub fn subscription_id(endpoint: &str) -> String {
    hex::encode(&sha2::Sha256::digest(endpoint.as_bytes())[..16])
}

/// The service's VAPID key pair (ES256).
pub struct VapidKey {
    encoding: jsonwebtoken::EncodingKey,
    public: String,
}

impl std::fmt::Debug for VapidKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("VapidKey").field("public", &self.public).finish_non_exhaustive()
    }
}

impl VapidKey {
    /// From the private scalar, base64url (32 bytes), as web-push tools write it.
    pub fn from_private(private: &str) -> Result<Self, String> {
        let raw = URL_SAFE_NO_PAD.decode(private.trim().trim_end_matches('=')).map_err(|_| "the VAPID key is not base64url".to_string())?;
        let public = agreement::PrivateKey::from_private_key(&agreement::ECDH_P256, &raw)
            .map_err(|e| format!("the VAPID key is not a P-256 private key: {e}"))?
            .compute_public_key()
            .map_err(|_| "the VAPID key has no public point".to_string())?;
        let pair = EcdsaKeyPair::from_private_key_and_public_key(&ECDSA_P256_SHA256_FIXED_SIGNING, &raw, public.as_ref())
            .map_err(|e| format!("the VAPID key: {e}"))?;
        let pkcs8 = pair.to_pkcs8v1().map_err(|_| "the VAPID key cannot be encoded".to_string())?;
        Ok(Self { encoding: jsonwebtoken::EncodingKey::from_ec_der(pkcs8.as_ref()), public: URL_SAFE_NO_PAD.encode(pair.public_key()) })
    }

    /// A new key pair and its private scalar (for `make dev` and the deploy step that stores it).
    pub fn generate() -> Result<(Self, String), String> {
        let pair = EcdsaKeyPair::generate(&ECDSA_P256_SHA256_FIXED_SIGNING).map_err(|_| "no key generated".to_string())?;
        let private = pair.private_key().as_be_bytes().map_err(|_| "no key generated".to_string())?;
        let private = URL_SAFE_NO_PAD.encode(private.as_ref());
        Ok((Self::from_private(&private)?, private))
    }

    /// The application server key browsers subscribe with: the public point, base64url.
    pub fn public_key(&self) -> &str {
        &self.public
    }

    /// The `Authorization` header for one request to `endpoint` (its origin is the audience).
    pub fn authorization(&self, endpoint: &http::Uri, contact: &str, now_unix: i64) -> Result<String, PushError> {
        #[derive(Serialize)]
        struct Claims<'a> {
            aud: String,
            exp: i64,
            sub: &'a str,
        }
        let scheme = endpoint.scheme_str().unwrap_or("https");
        let authority = endpoint.authority().map(|a| a.as_str()).unwrap_or_default();
        let claims = Claims { aud: format!("{scheme}://{authority}"), exp: now_unix + VAPID_VALIDITY_SECONDS, sub: contact };
        let token = jsonwebtoken::encode(&jsonwebtoken::Header::new(jsonwebtoken::Algorithm::ES256), &claims, &self.encoding)
            .map_err(|e| PushError::Failed(format!("VAPID signature: {e}")))?;
        Ok(format!("vapid t={token}, k={}", self.public))
    }
}

/// What became of one message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PushOutcome {
    /// The push service accepted it.
    Accepted,
    /// The subscription no longer exists (404 or 410): remove it.
    Gone,
    /// Refused for good (a bad request, a key the service rejects, too large): retrying will
    /// not help, so it is logged and dropped.
    Refused(u16),
}

#[derive(Debug, thiserror::Error)]
pub enum PushError {
    /// Worth retrying: the network, a timeout, 429 or a 5xx.
    #[error("push not delivered: {0}")]
    Failed(String),
    #[error(transparent)]
    Endpoint(#[from] EndpointRefused),
    #[error("push is not configured: {0}")]
    NotConfigured(String),
}

/// One subscription as the sender needs it.
pub struct Target<'a> {
    pub endpoint: &'a str,
    pub p256dh: &'a str,
    pub auth: &'a str,
}

/// Sends push messages: the key, who to name as the contact, the allow-list and one client.
pub struct Pusher {
    key: VapidKey,
    contact: String,
    hosts: PushHosts,
    client: reqwest::Client,
}

impl Pusher {
    pub fn new(key: VapidKey, contact: &str, hosts: PushHosts) -> Result<Self, PushError> {
        let client = reqwest::Client::builder()
            // A push service answers at once; a redirect could point anywhere, so none is followed.
            .redirect(reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(5))
            .build()
            .map_err(|e| PushError::NotConfigured(e.to_string()))?;
        let contact = if contact.contains(':') { contact.to_string() } else { format!("mailto:{contact}") };
        Ok(Self { key, contact, hosts, client })
    }

    pub fn public_key(&self) -> &str {
        self.key.public_key()
    }

    /// Encrypts `payload` to the subscription and POSTs it (RFC 8030 section 5).
    pub async fn send(&self, target: &Target<'_>, payload: &PushPayload, now_unix: i64) -> Result<PushOutcome, PushError> {
        let uri = self.hosts.check(target.endpoint)?;
        let decode = |s: &str| {
            URL_SAFE_NO_PAD.decode(s.trim_end_matches('=')).map_err(|_| PushError::Failed("stored keys are not base64url".into()))
        };
        let ua_public = web_push_native::p256::PublicKey::from_sec1_bytes(&decode(target.p256dh)?)
            .map_err(|_| PushError::Failed("stored p256dh is not a P-256 key".into()))?;
        let auth = decode(target.auth)?;
        if auth.len() != 16 {
            return Err(PushError::Failed("stored auth is not 16 bytes".into()));
        }
        let plaintext = serde_json::to_vec(payload).map_err(|e| PushError::Failed(e.to_string()))?;
        let request = web_push_native::WebPushBuilder::new(uri.clone(), ua_public, web_push_native::Auth::clone_from_slice(&auth))
            .with_valid_duration(TTL)
            .build(plaintext)
            .map_err(|e| PushError::Failed(format!("encryption: {e}")))?;
        let (parts, body) = request.into_parts();
        let mut outgoing = self.client.post(target.endpoint).body(body).header("Urgency", "normal");
        for (name, value) in &parts.headers {
            outgoing = outgoing.header(name.as_str(), value.as_bytes());
        }
        outgoing = outgoing.header("Authorization", self.key.authorization(&uri, &self.contact, now_unix)?);
        let response = outgoing.send().await.map_err(|e| PushError::Failed(format!("push service unreachable: {e}")))?;
        let status = response.status().as_u16();
        match status {
            200..=299 => Ok(PushOutcome::Accepted),
            404 | 410 => Ok(PushOutcome::Gone),
            429 | 500..=599 => Err(PushError::Failed(format!("push service answered {status}"))),
            other => Ok(PushOutcome::Refused(other)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_known_push_services_over_https_are_allowed() {
        let hosts = PushHosts::parse("");
        assert!(hosts.check("https://fcm.googleapis.com/fcm/send/abc:def").is_ok());
        assert!(hosts.check("https://updates.push.services.mozilla.com/wpush/v2/gAAA").is_ok());
        assert!(hosts.check("https://web.push.apple.com/QGz").is_ok());
        assert!(hosts.check("https://api.push.apple.com/x").is_ok());
        assert!(hosts.check("https://wns2-db5p.notify.windows.com/w/?token=x").is_ok());
        for refused in [
            "http://fcm.googleapis.com/fcm/send/x",
            "https://fcm.googleapis.com:8443/x",
            "https://fcm.googleapis.com.evil.test/x",
            "https://evilfcm.googleapis.com/x",
            "https://push.apple.com/x",
            "https://evilpush.apple.com/x",
            "https://169.254.169.254/latest/meta-data",
            "https://user:pass@fcm.googleapis.com/x",
            "http://127.0.0.1:9000/push",
            "ftp://fcm.googleapis.com/x",
        ] {
            assert_eq!(hosts.check(refused).unwrap_err(), EndpointRefused::NotAllowed, "{refused}");
        }
        assert!(hosts.check("file:///etc/passwd").is_err());
        assert_eq!(hosts.check("not a url").unwrap_err(), EndpointRefused::NotAUrl);
        assert_eq!(hosts.check(&format!("https://fcm.googleapis.com/{}", "a".repeat(1100))).unwrap_err(), EndpointRefused::NotAUrl);
    }

    #[test]
    fn plain_http_only_to_a_listed_loopback_host() {
        let hosts = PushHosts::parse("127.0.0.1, fcm.googleapis.com");
        assert!(hosts.check("http://127.0.0.1:4567/push/a").is_ok());
        assert!(hosts.check("http://localhost:4567/push/a").is_err(), "not listed");
        assert!(hosts.check("http://fcm.googleapis.com/x").is_err(), "not loopback");
        assert!(hosts.check("http://127.0.0.1.evil.test/x").is_err());
    }

    #[test]
    fn subscription_ids_are_derived_from_the_endpoint() {
        let id = subscription_id("https://fcm.googleapis.com/fcm/send/abc");
        assert_eq!(id.len(), 32);
        assert_eq!(id, subscription_id("https://fcm.googleapis.com/fcm/send/abc"));
        assert_ne!(id, subscription_id("https://fcm.googleapis.com/fcm/send/abd"));
    }

    #[test]
    fn browser_keys_are_checked() {
        let secret = web_push_native::p256::SecretKey::from_slice(&[7u8; 32]).unwrap();
        let point = web_push_native::p256::elliptic_curve::sec1::ToEncodedPoint::to_encoded_point(&secret.public_key(), false);
        let p256dh = URL_SAFE_NO_PAD.encode(point.as_bytes());
        let auth = URL_SAFE_NO_PAD.encode([1u8; 16]);
        assert!(check_keys(&p256dh, &auth).is_ok());
        assert!(check_keys(&p256dh, &URL_SAFE_NO_PAD.encode([1u8; 15])).is_err());
        assert!(check_keys(&URL_SAFE_NO_PAD.encode([4u8; 65]), &auth).is_err(), "not a point on the curve");
        assert!(check_keys("%%%", &auth).is_err());
    }

    #[test]
    fn the_vapid_header_is_an_es256_token_for_the_endpoints_origin() {
        let (key, private) = VapidKey::generate().unwrap();
        assert_eq!(VapidKey::from_private(&private).unwrap().public_key(), key.public_key(), "the stored scalar gives the same key");
        let public = URL_SAFE_NO_PAD.decode(key.public_key()).unwrap();
        assert_eq!(public.len(), 65);
        let uri: http::Uri = "https://fcm.googleapis.com/fcm/send/abc".parse().unwrap();
        let header = key.authorization(&uri, "mailto:ops@nestling.test", 1_800_000_000).unwrap();
        let (token, k) = header.strip_prefix("vapid t=").unwrap().split_once(", k=").unwrap();
        assert_eq!(k, key.public_key());
        let (signed, signature) = token.rsplit_once('.').unwrap();
        let verifier = aws_lc_rs::signature::UnparsedPublicKey::new(&aws_lc_rs::signature::ECDSA_P256_SHA256_FIXED, &public);
        verifier.verify(signed.as_bytes(), &URL_SAFE_NO_PAD.decode(signature).unwrap()).expect("signed by the key");
        let claims: serde_json::Value =
            serde_json::from_slice(&URL_SAFE_NO_PAD.decode(signed.split_once('.').unwrap().1).unwrap()).unwrap();
        assert_eq!(claims["aud"], "https://fcm.googleapis.com");
        assert_eq!(claims["sub"], "mailto:ops@nestling.test");
        assert_eq!(claims["exp"], 1_800_000_000 + VAPID_VALIDITY_SECONDS);
        assert!(VapidKey::from_private("AAAA").is_err());
    }

    #[test]
    fn payloads_hold_a_kind_and_a_path_only() {
        let payload = PushPayload { kind: PushTopic::Accident, url: "/s/acorns".into() };
        assert_eq!(serde_json::to_string(&payload).unwrap(), r#"{"kind":"accident","url":"/s/acorns"}"#);
    }
}

//! RFC 6238 codes (HMAC-SHA1, 30-second steps, 6 digits), as an authenticator app shows them:
//! the demo's staff and the tests sign in with real codes, which the emulator checks.

use hmac::{Hmac, KeyInit, Mac};
use sha1::Sha1;
use std::time::{SystemTime, UNIX_EPOCH};

/// RFC 4648 base32 as authenticator apps read it: any case, `=` and spaces ignored, leftover
/// bits dropped (the emulator's secret has some).
pub fn base32_decode(secret: &str) -> Option<Vec<u8>> {
    let (mut buffer, mut bits, mut out) = (0u32, 0u32, Vec::new());
    for c in secret.bytes().filter(|c| !matches!(c, b'=' | b' ')) {
        let value = match c.to_ascii_uppercase() {
            c @ b'A'..=b'Z' => c - b'A',
            c @ b'2'..=b'7' => c - b'2' + 26,
            _ => return None,
        };
        buffer = (buffer << 5) | u32::from(value);
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push((buffer >> bits) as u8);
            buffer &= (1 << bits) - 1;
        }
    }
    Some(out)
}

/// The code of `secret` at `unix_seconds`; None when the secret is not base32.
pub fn code_at(secret: &str, unix_seconds: u64) -> Option<String> {
    let key = base32_decode(secret)?;
    let mut mac = Hmac::<Sha1>::new_from_slice(&key).ok()?;
    mac.update(&(unix_seconds / 30).to_be_bytes());
    let hash = mac.finalize().into_bytes();
    let offset = usize::from(hash[hash.len() - 1] & 0x0f);
    let number = u32::from_be_bytes([hash[offset], hash[offset + 1], hash[offset + 2], hash[offset + 3]]) & 0x7fff_ffff;
    Some(format!("{:06}", number % 1_000_000))
}

/// The code to type now. Checkers take only the current step, so close to a step's end this
/// waits for the next one rather than answer a code about to expire.
pub async fn code_now(secret: &str) -> Option<String> {
    let seconds = |now: SystemTime| now.duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
    let now = seconds(SystemTime::now());
    if now % 30 >= 28 {
        tokio::time::sleep(std::time::Duration::from_secs(30 - now % 30)).await;
    }
    code_at(secret, seconds(SystemTime::now()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_rfc_6238s() {
        // RFC 6238 appendix B's SHA1 secret ("12345678901234567890"), its 8-digit codes cut to 6.
        let rfc = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
        for (at, code) in [(59, "287082"), (1_111_111_109, "081804"), (1_234_567_890, "005924"), (2_000_000_000, "279037")] {
            assert_eq!(code_at(rfc, at).as_deref(), Some(code), "at {at}");
        }
        assert_eq!(code_at("gezdgnbvgy3tqojq gezdgnbvgy3tqojq==", 59).as_deref(), Some("287082"), "case, spaces and padding");
        assert_eq!(code_at("not base32!", 59), None);
    }
}

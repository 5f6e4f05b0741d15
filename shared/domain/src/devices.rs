//! The setting's own devices (a tablet in a room, a sign-in kiosk by the door). A device is
//! paired by challenge and response: it asks for a pairing and shows a short code; a manager
//! types the code into their session to pair it to the setting. The device then holds its own
//! credential (the secret it made when it asked, of which only a hash is kept), never a
//! person's login; it works only from the setting's premises networks, and a manager unpairs it
//! at once (reported missing, or retired): its next request is refused. Pure: codes, the
//! credential's form and the rules; the use cases keep the records.

use crate::{SettingId, ValueError};
use serde::{Deserialize, Serialize};
use std::fmt;

/// The code's letters: no 0/O or 1/I/L to misread across a room.
pub const CODE_ALPHABET: &[u8; 31] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";
/// Letters in a code: 31^8 (about 8.5 x 10^11) codes, read out in two groups of four.
pub const CODE_LEN: usize = 8;
/// How long a device waits for a manager to type its code.
pub const PAIRING_MINUTES: i64 = 15;
/// Wrong codes a setting's managers may type in an hour before pairing pauses: a guessed code
/// needs about 10^11 tries, so this makes guessing hopeless while a typo costs nothing.
pub const WRONG_CODES_AN_HOUR: u32 = 10;
/// Devices a setting may pair (a room's tablets, a kiosk, an office laptop).
pub const MAX_DEVICES: usize = 50;

/// A pairing code as a device shows it (`ABCD-EF23`) and a manager types it (any case, with or
/// without the dash or spaces).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PairingCode(String);

impl PairingCode {
    pub fn parse(raw: &str) -> Result<PairingCode, ValueError> {
        let kept: String = raw.chars().filter(|c| !c.is_whitespace() && *c != '-').collect::<String>().to_ascii_uppercase();
        if kept.len() != CODE_LEN || !kept.bytes().all(|b| CODE_ALPHABET.contains(&b)) {
            return Err(ValueError::Invalid { field: "code", what: "pairing code of 8 letters and digits, as the device shows it" });
        }
        Ok(PairingCode(kept))
    }
    /// The code 64 random bits make (read as a number in base 31: each code about equally
    /// likely, 31^8 being far below 2^64).
    pub fn from_random(bits: [u8; 8]) -> PairingCode {
        let mut n = u64::from_be_bytes(bits);
        let mut code = [0u8; CODE_LEN];
        for letter in code.iter_mut().rev() {
            *letter = CODE_ALPHABET[(n % 31) as usize];
            n /= 31;
        }
        PairingCode(String::from_utf8(code.to_vec()).expect("the alphabet is ASCII"))
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
    /// As the device shows it: `ABCD-EF23`.
    pub fn shown(&self) -> String {
        format!("{}-{}", &self.0[..4], &self.0[4..])
    }
}

impl fmt::Display for PairingCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
impl TryFrom<String> for PairingCode {
    type Error = ValueError;
    fn try_from(raw: String) -> Result<Self, ValueError> {
        PairingCode::parse(&raw)
    }
}
impl From<PairingCode> for String {
    fn from(c: PairingCode) -> String {
        c.0
    }
}

/// What a paired device sends with each request: `Device <setting>.<device>.<secret>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeviceCredential {
    pub setting_id: SettingId,
    pub device_id: String,
    pub secret: String,
}

impl DeviceCredential {
    /// The `Authorization` header's value, or None for anything else (a person's bearer token).
    pub fn from_header(value: &str) -> Option<DeviceCredential> {
        let rest = value.strip_prefix("Device ")?;
        let mut parts = rest.trim().splitn(3, '.');
        let (setting, device, secret) = (parts.next()?, parts.next()?, parts.next()?);
        let plain =
            |s: &str, max: usize| !s.is_empty() && s.len() <= max && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        if !plain(device, 64) || !plain(secret, 128) {
            return None;
        }
        Some(DeviceCredential { setting_id: SettingId::parse(setting).ok()?, device_id: device.to_string(), secret: secret.to_string() })
    }
    pub fn header(&self) -> String {
        format!("Device {}.{}.{}", self.setting_id, self.device_id, self.secret)
    }
}

/// Why a device was unpaired.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum UnpairReason {
    /// Lost or stolen: the managers are told at once.
    ReportedMissing,
    /// No longer used.
    Retired,
}

/// A device's state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum DeviceStatus {
    Paired,
    Unpaired,
}

/// Checks a device's name: what the managers call it ("Robins tablet", "Front door kiosk").
pub fn check_name(raw: &str) -> Result<String, ValueError> {
    let name = raw.trim();
    if name.is_empty() || name.chars().count() > 60 || name.chars().any(char::is_control) {
        return Err(ValueError::Invalid { field: "name", what: "name of 1 to 60 characters" });
    }
    Ok(name.to_string())
}

#[cfg(test)]
#[path = "devices_tests.rs"]
mod tests;

//! The setting's own devices (a tablet in a room, a sign-in kiosk by the door). A device is
//! paired by challenge and response: it asks for a pairing and shows a short code; a manager
//! types the code into their session to pair it to the setting. The device then holds its own
//! credential (the secret it made when it asked, of which only a hash is kept), never a
//! person's login; it works only from the setting's premises networks, and a manager unpairs it
//! at once (reported missing, or retired): its next request is refused. Pure: codes, the
//! credential's form and the rules; the use cases keep the records.

use crate::{Action, Role, SettingId, ValueError};
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

/// A person's PIN for the setting's devices: 4 to 8 digits, neither one digit repeated nor a
/// straight run (the first PINs anyone tries). Only its slow hash is ever stored.
#[derive(Clone, PartialEq, Eq)]
pub struct Pin(String);

impl Pin {
    pub fn parse(raw: &str) -> Result<Pin, ValueError> {
        let digits: Vec<u8> = raw.bytes().collect();
        if !(4..=8).contains(&digits.len()) || !digits.iter().all(u8::is_ascii_digit) {
            return Err(ValueError::Invalid { field: "pin", what: "PIN of 4 to 8 digits" });
        }
        let steps: Vec<i16> = digits.windows(2).map(|w| i16::from(w[1]) - i16::from(w[0])).collect();
        let same_step = steps.iter().all(|s| *s == steps[0]);
        if same_step && matches!(steps[0], -1..=1) {
            return Err(ValueError::Invalid { field: "pin", what: "PIN that is not one digit repeated or a run like 1234" });
        }
        Ok(Pin(raw.to_string()))
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Pin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Pin(..)")
    }
}

/// Wrong PINs in a row that lock a person's PIN until they set a new one from their own
/// account (signed in with their password and authenticator).
pub const PIN_FAILURES_TO_LOCK: u32 = 5;
/// Wrong PINs (or unknown numbers) one device may be given in an hour: spraying one guess at
/// many people's numbers stops here, long before it locks them all out.
pub const WRONG_PINS_AN_HOUR: u32 = 20;

/// A person's number on the setting's devices (they type it before their PIN): four digits,
/// unique in the setting, not secret. Drawn at random when they first set a PIN.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(try_from = "String", into = "String")]
#[schema(value_type = String)]
pub struct DeviceNumber(u16);

impl DeviceNumber {
    pub fn parse(raw: &str) -> Result<DeviceNumber, ValueError> {
        match raw.trim().parse::<u16>() {
            Ok(n) if raw.trim().len() == 4 && (1000..=9999).contains(&n) => Ok(DeviceNumber(n)),
            _ => Err(ValueError::Invalid { field: "number", what: "number of 4 digits" }),
        }
    }
    /// The number 16 random bits make (1000 to 9999).
    pub fn from_random(bits: u16) -> DeviceNumber {
        DeviceNumber(1000 + bits % 9000)
    }
}

impl fmt::Display for DeviceNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}
impl TryFrom<String> for DeviceNumber {
    type Error = ValueError;
    fn try_from(raw: String) -> Result<Self, ValueError> {
        DeviceNumber::parse(&raw)
    }
}
impl From<DeviceNumber> for String {
    fn from(n: DeviceNumber) -> String {
        n.to_string()
    }
}

/// What a PIN'd session on a paired device is for. Each mode permits a short list of actions,
/// and never more than the person may do signed in themselves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum DeviceMode {
    /// A member of staff at the register: who is in, signing children in and out.
    Staff,
    /// A guardian at the door signing their own child in or out.
    Kiosk,
    /// A parent without internet reading their own children's journal.
    Journal,
}

impl DeviceMode {
    /// Idle minutes after which the session ends (the next person starts afresh).
    pub fn idle_minutes(self) -> i64 {
        match self {
            DeviceMode::Staff => 5,
            DeviceMode::Kiosk => 2,
            DeviceMode::Journal => 3,
        }
    }
    /// Whether someone of `role` may start this mode.
    pub fn may_start(self, role: Role) -> bool {
        match self {
            DeviceMode::Staff => role.is_staff(),
            DeviceMode::Kiosk => matches!(role, Role::Parent | Role::Family),
            DeviceMode::Journal => role == Role::Parent,
        }
    }
    /// The actions a session of this mode may ask for at all (the ordinary rules then decide).
    pub fn permits(self, action: Action) -> bool {
        match self {
            // Who may collect is read to sign a child out.
            DeviceMode::Staff => matches!(action, Action::ViewRegister | Action::RecordAttendance | Action::ListGuardians),
            DeviceMode::Kiosk => action == Action::RecordAttendance,
            DeviceMode::Journal => action == Action::ViewJournal,
        }
    }
}

/// What a device sends, beside its credential, for a person's session on it:
/// `X-Device-Session: <user id>.<secret>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeviceSessionToken {
    pub user_id: crate::UserId,
    pub secret: String,
}

impl DeviceSessionToken {
    pub fn from_header(value: &str) -> Option<DeviceSessionToken> {
        let (user, secret) = value.trim().split_once('.')?;
        if secret.is_empty() || secret.len() > 128 || !secret.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_') {
            return None;
        }
        Some(DeviceSessionToken { user_id: crate::UserId::parse(user).ok()?, secret: secret.to_string() })
    }
    pub fn header(&self) -> String {
        format!("{}.{}", self.user_id, self.secret)
    }
}

/// How long a kiosk code from a guardian's phone may be used (once).
pub const KIOSK_PASS_MINUTES: i64 = 2;

/// A one-time kiosk code from a guardian's phone: 8 digits, shown `4821 0937` and in a QR code.
#[derive(Clone, PartialEq, Eq)]
pub struct KioskPass(String);

impl KioskPass {
    pub fn parse(raw: &str) -> Result<KioskPass, ValueError> {
        let digits: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
        if digits.len() != 8 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(ValueError::Invalid { field: "pass", what: "kiosk code of 8 digits" });
        }
        Ok(KioskPass(digits))
    }
    /// The code 64 random bits make (each of the 10^8 about equally likely).
    pub fn from_random(bits: u64) -> KioskPass {
        KioskPass(format!("{:08}", bits % 100_000_000))
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
    /// As the phone shows it: `4821 0937`.
    pub fn shown(&self) -> String {
        format!("{} {}", &self.0[..4], &self.0[4..])
    }
}

impl fmt::Debug for KioskPass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("KioskPass(..)")
    }
}

/// Whether a session last used at `last_seen` (Unix seconds) is still open at `now`.
pub fn session_open(mode: DeviceMode, last_seen: i64, now: i64) -> bool {
    now >= last_seen && now - last_seen < mode.idle_minutes() * 60
}

#[cfg(test)]
#[path = "devices_tests.rs"]
mod tests;

//! The setting's devices: a pairing while a device waits for a manager to type its code, and
//! each paired device with the hash of its secret.

use super::*;
use nestling_domain::devices::{DeviceMode, DeviceNumber, DeviceStatus, PairingCode, UnpairReason};

/// A device's request to be paired (`PAIRING#<code>` / `PAIRING`), expiring by TTL 15 minutes
/// after it was made. Only the hash of the device's secret is kept; once a manager pairs it,
/// `paired` names the setting and the device, for the device to read with its secret.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PairingRecord {
    #[serde(rename = "PK")]
    pub pk: String,
    #[serde(rename = "SK")]
    pub sk: String,
    pub kind: String,
    pub code: PairingCode,
    pub secret_hash: String,
    /// Where the device asked from: it must be on the premises of the setting that pairs it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_ip: Option<String>,
    pub started_at: Timestamp,
    /// Unix seconds; the table's TTL attribute.
    pub expires_at: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paired: Option<PairedTo>,
}

/// The setting and device a pairing became.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PairedTo {
    pub setting_id: SettingId,
    pub setting_name: String,
    pub device_id: String,
    pub name: String,
}

impl PairingRecord {
    pub fn key(code: &PairingCode) -> Key {
        Key::new(keys::pairing(code.as_str()), keys::PAIRING)
    }
}

/// One of the setting's devices (`SETTING#<s>` / `DEVICE#<id>`): what the managers call it,
/// the hash of its secret, who paired it and from where; once unpaired, when, by whom and why
/// (it is kept, for the log's sake, and never paired again).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DeviceRecord {
    #[serde(rename = "PK")]
    pub pk: String,
    #[serde(rename = "SK")]
    pub sk: String,
    pub kind: String,
    pub setting_id: SettingId,
    pub device_id: String,
    pub name: String,
    pub secret_hash: String,
    pub status: DeviceStatus,
    pub paired_by: UserId,
    pub paired_at: Timestamp,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paired_from: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unpaired: Option<Unpaired>,
    pub version: u64,
}

/// Who unpaired a device, when and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Unpaired {
    #[schema(value_type = String)]
    pub by: UserId,
    pub by_name: String,
    #[schema(value_type = String, format = DateTime)]
    pub at: Timestamp,
    pub reason: UnpairReason,
}

impl DeviceRecord {
    pub fn key(setting_id: &SettingId, device_id: &str) -> Key {
        Key::new(keys::setting(setting_id), keys::device(device_id))
    }
}

/// A person's PIN for the setting's devices (`SETTING#<s>` / `DEVICE-PIN#<number>`): its slow
/// hash (Argon2id), the wrong PINs given in a row, and when five of them locked it. Setting a
/// new PIN (from the person's own account) unlocks it.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PinRecord {
    #[serde(rename = "PK")]
    pub pk: String,
    #[serde(rename = "SK")]
    pub sk: String,
    pub kind: String,
    pub setting_id: SettingId,
    pub number: DeviceNumber,
    pub user_id: UserId,
    pub pin_hash: String,
    pub failures: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locked_at: Option<Timestamp>,
    pub set_at: Timestamp,
    pub version: u64,
}

impl PinRecord {
    pub fn key(setting_id: &SettingId, number: DeviceNumber) -> Key {
        Key::new(keys::setting(setting_id), keys::device_pin(&number.to_string()))
    }
}

/// Which number is a person's (`SETTING#<s>` / `DEVICE-PIN-OF#<user>`), kept beside the PIN.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PinOwnerRecord {
    #[serde(rename = "PK")]
    pub pk: String,
    #[serde(rename = "SK")]
    pub sk: String,
    pub kind: String,
    pub number: DeviceNumber,
}

impl PinOwnerRecord {
    pub fn key(setting_id: &SettingId, user_id: &UserId) -> Key {
        Key::new(keys::setting(setting_id), keys::device_pin_of(user_id))
    }
}

/// The one person's session open on a device (`SETTING#<s>` / `DEVICE-SESSION#<device>`): who,
/// in which mode, the hash of its secret, and when it was last used (it ends after the mode's
/// idle minutes; the TTL removes it a day later). The next person's session replaces it.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DeviceSessionRecord {
    #[serde(rename = "PK")]
    pub pk: String,
    #[serde(rename = "SK")]
    pub sk: String,
    pub kind: String,
    pub device_id: String,
    pub user_id: UserId,
    pub name: String,
    pub mode: DeviceMode,
    pub token_hash: String,
    pub started_at: Timestamp,
    /// Unix seconds.
    pub last_seen: i64,
    /// Unix seconds; the table's TTL attribute.
    pub expires_at: i64,
}

impl DeviceSessionRecord {
    pub fn key(setting_id: &SettingId, device_id: &str) -> Key {
        Key::new(keys::setting(setting_id), keys::device_session(device_id))
    }
}

/// A one-time kiosk code a guardian's phone shows (`SETTING#<s>` / `KIOSK-PASS#<sha256 of the
/// code>`): whose, and until when (TTL). Used once: opening the kiosk deletes it.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct KioskPassRecord {
    #[serde(rename = "PK")]
    pub pk: String,
    #[serde(rename = "SK")]
    pub sk: String,
    pub kind: String,
    pub user_id: UserId,
    pub created_at: Timestamp,
    /// Unix seconds; the table's TTL attribute (and checked: TTL deletes lazily).
    pub expires_at: i64,
}

impl KioskPassRecord {
    pub fn key(setting_id: &SettingId, code_hash: &str) -> Key {
        Key::new(keys::setting(setting_id), keys::kiosk_pass(code_hash))
    }
}

//! The setting's devices: a pairing while a device waits for a manager to type its code, and
//! each paired device with the hash of its secret.

use super::*;
use nestling_domain::devices::{DeviceStatus, PairingCode, UnpairReason};

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

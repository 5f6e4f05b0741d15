//! Leaving: the learning journeys made for a child (the family's copy, kept as a PDF and an
//! archive in the media bucket for a month).

use super::*;

/// Where a journey is in its making.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum JourneyStatus {
    /// Asked for: `journey-build` makes it from the table's stream.
    Pending,
    Ready,
}

/// One learning journey made for a child on one day (`JOURNEY#<setting>#<child> / <day>`): at
/// most one a day, so asking again the same day finds it. Its partition key's prefix hands
/// its creation to `journey-build`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct JourneyRecord {
    #[serde(rename = "PK")]
    pub pk: String,
    #[serde(rename = "SK")]
    pub sk: String,
    pub kind: String,
    pub setting_id: SettingId,
    pub child_id: ChildId,
    /// The setting's day it was asked for (YYYY-MM-DD): its id.
    pub day: String,
    pub status: JourneyStatus,
    pub requested_by: UserId,
    pub requested_by_name: String,
    pub requested_at: Timestamp,
    /// While `journey-build` makes it: when it claimed it (a stale claim may be taken over).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claimed_at: Option<Timestamp>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub made_at: Option<Timestamp>,
    #[serde(default)]
    pub entries: u32,
    #[serde(default)]
    pub media: u32,
    /// Photos and videos left out of the family's copy by the photo consent.
    #[serde(default)]
    pub media_left_out: u32,
    #[serde(default)]
    pub pdf_bytes: u64,
    #[serde(default)]
    pub archive_bytes: u64,
    /// Each sending to the next setting, by transfer id (bounded by
    /// `nestling_domain::bounds::MAX_TRANSFERS_PER_JOURNEY`).
    #[serde(default)]
    pub transfers: BTreeMap<String, TransferLine>,
    pub version: u64,
}

/// One sending of a journey to the next setting, as its journey lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TransferLine {
    /// The address the single-use link went to, and who it is (the school or setting).
    pub to: String,
    pub receiver: String,
    pub sent_by: UserId,
    pub sent_by_name: String,
    pub sent_at: Timestamp,
    pub expires_at: Timestamp,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub downloaded_at: Option<Timestamp>,
}

/// A journey's single-use link for the next setting (`TRANSFER#<token hash> / TRANSFER`): only
/// the hash of the emailed token is kept, and the item names what it opens.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TransferRecord {
    #[serde(rename = "PK")]
    pub pk: String,
    #[serde(rename = "SK")]
    pub sk: String,
    pub kind: String,
    pub transfer_id: String,
    pub setting_id: SettingId,
    pub child_id: ChildId,
    /// The journey's day.
    pub day: String,
    pub to: String,
    pub receiver: String,
    pub first_name: String,
    pub setting_name: String,
    pub sent_by: UserId,
    pub sent_at: Timestamp,
    /// Unix seconds; also the table's TTL attribute, so spent links disappear.
    pub expires_at: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub used_at: Option<Timestamp>,
}

impl TransferRecord {
    pub fn key(token_hash: &str) -> Key {
        Key::new(keys::transfer(token_hash), keys::TRANSFER_SK)
    }
}

impl JourneyRecord {
    pub fn key(setting_id: &SettingId, child_id: &ChildId, day: &str) -> Key {
        Key::new(keys::journeys(setting_id, child_id), day)
    }
    /// The PDF and the archive in the media bucket.
    pub fn pdf_key(&self) -> String {
        Self::object(&self.setting_id, &self.child_id, &self.day, "learning-journey.pdf")
    }
    pub fn archive_key(&self) -> String {
        Self::object(&self.setting_id, &self.child_id, &self.day, "learning-journey.zip")
    }
    /// `file` of the journey of `day` in the media bucket.
    pub fn object(setting_id: &SettingId, child_id: &ChildId, day: &str, file: &str) -> String {
        format!("journeys/{setting_id}/{child_id}/{day}/{file}")
    }
}

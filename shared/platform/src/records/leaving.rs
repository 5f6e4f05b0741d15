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
    pub version: u64,
}

impl JourneyRecord {
    pub fn key(setting_id: &SettingId, child_id: &ChildId, day: &str) -> Key {
        Key::new(keys::journeys(setting_id, child_id), day)
    }
    /// The PDF and the archive in the media bucket.
    pub fn pdf_key(&self) -> String {
        format!("journeys/{}/{}/{}/learning-journey.pdf", self.setting_id, self.child_id, self.day)
    }
    pub fn archive_key(&self) -> String {
        format!("journeys/{}/{}/{}/learning-journey.zip", self.setting_id, self.child_id, self.day)
    }
}

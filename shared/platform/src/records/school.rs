//! A school's structure and its pupils' achievement and behaviour points.

use super::*;
use nestling_domain::school::SchoolStructure;
use nestling_domain::school_attendance::{AttendanceCode, SchoolSession};
use nestling_domain::school_points::{FirstContact, PointKind};

/// The school's structure (`SETTING#<s>` / `SCHOOL`), replaced whole by a manager under its
/// version.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SchoolRecord {
    #[serde(rename = "PK")]
    pub pk: String,
    #[serde(rename = "SK")]
    pub sk: String,
    pub kind: String,
    pub setting_id: SettingId,
    pub structure: SchoolStructure,
    /// The names of the staff the structure names, as they were when it was set (a point's
    /// first contact is named from here, without another read).
    #[serde(default)]
    pub staff_names: std::collections::BTreeMap<UserId, String>,
    pub version: u64,
}

impl SchoolRecord {
    pub fn key(setting_id: &SettingId) -> Key {
        Key::new(keys::setting(setting_id), keys::SCHOOL)
    }
}

/// Who a parent contacts first about a point, named when it was given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ContactRecord {
    pub role: FirstContact,
    #[schema(value_type = String)]
    pub user_id: UserId,
    pub name: String,
}

/// The lesson a point was given in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct LessonRecord {
    pub subject: String,
    pub teaching_group_id: String,
    pub teaching_group: String,
}

/// One point given to a pupil (`POINTS#<s>#<child>` / `POINT#<at>#<id>`): never changed;
/// parents see it after the publishing delay.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PointRecord {
    #[serde(rename = "PK")]
    pub pk: String,
    #[serde(rename = "SK")]
    pub sk: String,
    pub kind: String,
    pub point_id: String,
    pub child_id: ChildId,
    pub point_kind: PointKind,
    pub category: String,
    pub reason: String,
    pub points: u8,
    /// None: outside a lesson.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lesson: Option<LessonRecord>,
    pub first_contact: ContactRecord,
    pub given_by: UserId,
    pub given_by_name: String,
    pub given_at: Timestamp,
}

impl PointRecord {
    pub fn key(setting_id: &SettingId, child_id: &ChildId, given_at: &Timestamp, point_id: &str) -> Key {
        Key::new(keys::pupil_points(setting_id, child_id), format!("POINT#{given_at}#{point_id}"))
    }
}

/// One entry in a pupil's register for a session: the first mark, or an amendment with its
/// reason (the regulations keep the original entry beside every amendment).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct MarkEntryRecord {
    #[schema(value_type = String)]
    pub code: AttendanceCode,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    #[schema(value_type = String)]
    pub by: UserId,
    pub by_name: String,
    #[schema(value_type = String, format = DateTime)]
    pub at: Timestamp,
}

/// A pupil's mark for one session (`SCHOOL-MARKS#<s>#<child>` /
/// `MARK#<academic year>#<date>#<am|pm>`, so one query reads a school year): its entries oldest
/// first, the last one standing; changed only under its version.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SchoolMarkRecord {
    #[serde(rename = "PK")]
    pub pk: String,
    #[serde(rename = "SK")]
    pub sk: String,
    pub kind: String,
    pub child_id: ChildId,
    /// The school's day, "2026-12-07".
    pub date: String,
    pub session: SchoolSession,
    /// The tutor group whose register it was entered in.
    pub tutor_group_id: String,
    pub entries: Vec<MarkEntryRecord>,
    pub version: u64,
}

impl SchoolMarkRecord {
    pub fn key(setting_id: &SettingId, child_id: &ChildId, date: time::Date, session: SchoolSession) -> Key {
        let session = match session {
            SchoolSession::Am => "am",
            SchoolSession::Pm => "pm",
        };
        Key::new(keys::pupil_marks(setting_id, child_id), format!("{}{date}#{session}", Self::year_prefix(date)))
    }
    /// The sort keys' prefix of the academic year `date` falls in ("MARK#2026#").
    pub fn year_prefix(date: time::Date) -> String {
        format!("MARK#{}#", nestling_domain::school::academic_year_start(date).year())
    }
    /// The code standing now.
    pub fn code(&self) -> Option<AttendanceCode> {
        self.entries.last().map(|e| e.code)
    }
}

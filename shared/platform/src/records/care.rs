//! Daily care: the day item (attendance, staff time, rooms' ratios), ratio breach episodes,
//! diaries with medicine doses, and accidents.

use super::*;

/// One local day of a setting: each child's attendance, each staff member's time on the floor
/// and each room's ratio state. One item, so a sign-in re-evaluates its room from one
/// consistent read and writes the outcome in one versioned transaction.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DayRecord {
    #[serde(rename = "PK")]
    pub pk: String,
    #[serde(rename = "SK")]
    pub sk: String,
    pub kind: String,
    pub setting_id: SettingId,
    pub date: String,
    #[serde(default)]
    pub children: BTreeMap<ChildId, ChildDayRecord>,
    #[serde(default)]
    pub staff: BTreeMap<UserId, StaffDayRecord>,
    #[serde(default)]
    pub rooms: BTreeMap<RoomId, RoomDayRecord>,
    /// 0 for a day nobody has written yet.
    pub version: u64,
}

impl DayRecord {
    pub fn key(setting_id: &SettingId, date: &str) -> Key {
        Key::new(keys::setting(setting_id), keys::day(date))
    }
    pub fn empty(setting_id: &SettingId, date: &str) -> Self {
        Self {
            pk: keys::setting(setting_id),
            sk: keys::day(date),
            kind: "day".into(),
            setting_id: setting_id.clone(),
            date: date.into(),
            children: BTreeMap::new(),
            staff: BTreeMap::new(),
            rooms: BTreeMap::new(),
            version: 0,
        }
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ChildDayRecord {
    #[serde(default)]
    pub sessions: Vec<AttendanceSession>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub absence: Option<AbsenceRecord>,
}

impl ChildDayRecord {
    pub fn signed_in(&self) -> bool {
        self.sessions.last().is_some_and(|s| s.out_at.is_none())
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AttendanceSession {
    pub in_at: Timestamp,
    pub in_by: UserId,
    /// When each mark was recorded (a mark may be entered after the fact): parents see it no
    /// sooner than the publishing delay after this either. Sessions from before it was kept
    /// have none (or an empty text, when their day was written again), and count from `in_at`.
    #[serde(default, deserialize_with = "recorded_if_any", skip_serializing_if = "Option::is_none")]
    pub in_recorded_at: Option<Timestamp>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub out_recorded_at: Option<Timestamp>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub out_at: Option<Timestamp>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub out_by: Option<UserId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub collected_by: Option<CollectedBy>,
}

/// An `inRecordedAt` as stored: a time, or (older sessions) nothing or text that is not one,
/// which counts as none, as it always has.
fn recorded_if_any<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Option<Timestamp>, D::Error> {
    let text: Option<String> = Option::deserialize(deserializer)?;
    Ok(text.and_then(|t| Timestamp::parse(&t).ok()))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum CollectorKind {
    Guardian,
    Collector,
    /// Someone the records do not name, let through by a manager with a reason.
    Override,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CollectedBy {
    pub kind: CollectorKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    pub name: String,
    pub relationship: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub override_reason: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AbsenceRecord {
    pub reason: String,
    pub reported_by: UserId,
    pub reported_at: Timestamp,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StaffDayRecord {
    pub name: String,
    #[serde(default)]
    pub qualification_level: u8,
    #[serde(default)]
    pub sessions: Vec<StaffSession>,
}

impl StaffDayRecord {
    /// The room they are working in now, if clocked in.
    pub fn current_room(&self) -> Option<&RoomId> {
        self.sessions.last().filter(|s| s.out_at.is_none()).map(|s| &s.room_id)
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StaffSession {
    pub room_id: RoomId,
    pub in_at: Timestamp,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub out_at: Option<Timestamp>,
}

/// A room's ratio as last evaluated, and the breach episode open in it.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RoomDayRecord {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub open_breach: Option<OpenBreach>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OpenBreach {
    pub breach_id: RatioBreachId,
    pub started_at: Timestamp,
}

/// One ratio breach episode of a room: from the event that broke the ratio to the one that
/// restored it. Managers are emailed when it starts.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RatioBreachRecord {
    #[serde(rename = "PK")]
    pub pk: String,
    #[serde(rename = "SK")]
    pub sk: String,
    pub kind: String,
    pub setting_id: SettingId,
    pub breach_id: RatioBreachId,
    pub room_id: RoomId,
    pub room_name: String,
    pub started_at: Timestamp,
    /// The setting's local date it started on (an episode still open when that day ends is
    /// reported as unresolved at the day's end).
    #[serde(default)]
    pub date: String,
    pub started_by: UserId,
    /// What the room held when the breach started.
    pub under_2: u32,
    pub two: u32,
    pub three_plus: u32,
    pub staff: u32,
    pub required: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ended_at: Option<Timestamp>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ended_by: Option<UserId>,
}

impl RatioBreachRecord {
    pub fn key(setting_id: &SettingId, started_at: &str, breach_id: &RatioBreachId) -> Key {
        Key::new(keys::setting(setting_id), keys::ratio_breach(started_at, breach_id))
    }
}

/// One child's day beyond attendance (`SETTING#id / DIARY#<child>#<date>`): meals, naps,
/// nappies, activities and notes, and the medicine doses given.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DiaryRecord {
    #[serde(rename = "PK")]
    pub pk: String,
    #[serde(rename = "SK")]
    pub sk: String,
    pub kind: String,
    pub setting_id: SettingId,
    pub child_id: ChildId,
    pub date: String,
    #[serde(default)]
    pub entries: Vec<DiaryEntryRecord>,
    #[serde(default)]
    pub doses: Vec<DoseRecord>,
    pub version: u64,
}

impl DiaryRecord {
    pub fn key(setting_id: &SettingId, child_id: &ChildId, date: &str) -> Key {
        Key::new(keys::setting(setting_id), keys::diary(child_id, date))
    }
    pub fn empty(setting_id: &SettingId, child_id: &ChildId, date: &str) -> Self {
        Self {
            pk: keys::setting(setting_id),
            sk: keys::diary(child_id, date),
            kind: "diary".into(),
            setting_id: setting_id.clone(),
            child_id: child_id.clone(),
            date: date.into(),
            entries: Vec::new(),
            doses: Vec::new(),
            version: 0,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DiaryEntryRecord {
    pub entry_id: DiaryEntryId,
    pub at: Timestamp,
    pub by: UserId,
    pub by_name: String,
    #[serde(flatten)]
    pub detail: DiaryDetail,
}

/// What a diary line says, by kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case", tag = "kind")]
pub enum DiaryDetail {
    #[serde(rename_all = "camelCase")]
    Meal { what: String, amount: nestling_domain::care::MealAmount },
    #[serde(rename_all = "camelCase")]
    Nap { start: String, end: String },
    #[serde(rename_all = "camelCase")]
    Nappy { wet: bool, soiled: bool, cream: bool },
    #[serde(rename_all = "camelCase")]
    Activity { text: String },
    #[serde(rename_all = "camelCase")]
    Note { text: String },
}

/// A dose of medicine given, under a parent's permission, with its witness.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DoseRecord {
    pub dose_id: DoseId,
    pub permission_id: PermissionId,
    pub medicine: String,
    pub amount: String,
    pub at: Timestamp,
    pub given_by: UserId,
    pub given_by_name: String,
    pub witnessed_by: UserId,
    pub witnessed_by_name: String,
    pub recorded_by: UserId,
}

/// An accident or incident (`SETTING#id / ACCIDENT#<accident>`). The id starts with the
/// child's id, so a request naming the accident loads the child with it.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AccidentRecord {
    #[serde(rename = "PK")]
    pub pk: String,
    #[serde(rename = "SK")]
    pub sk: String,
    pub kind: String,
    pub setting_id: SettingId,
    pub accident_id: AccidentId,
    pub child_id: ChildId,
    pub child_name: String,
    pub happened_at: Timestamp,
    pub place: String,
    pub what_happened: String,
    pub injury: String,
    pub first_aid: String,
    #[serde(default)]
    pub witnesses: Vec<String>,
    pub serious: bool,
    pub recorded_by: UserId,
    pub recorded_by_name: String,
    pub recorded_at: Timestamp,
    pub status: nestling_domain::care::AccidentStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reviewed_by: Option<UserId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reviewed_at: Option<Timestamp>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review_notes: Option<String>,
    /// The manager's notes for staff only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub internal_notes: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub acknowledged_by: Option<UserId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub acknowledged_at: Option<Timestamp>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub acknowledgement_comment: Option<String>,
    pub version: u64,
}

impl AccidentRecord {
    pub fn key(setting_id: &SettingId, accident_id: &AccidentId) -> Key {
        Key::new(keys::setting(setting_id), keys::accident(accident_id))
    }
}

/// The setting's accidents not yet acknowledged (`SETTING#id / ACCIDENTS`), so the staff's
/// list is one read. Acknowledged accidents leave it; their records stay.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AccidentsIndexRecord {
    #[serde(rename = "PK")]
    pub pk: String,
    #[serde(rename = "SK")]
    pub sk: String,
    pub kind: String,
    pub setting_id: SettingId,
    #[serde(default)]
    pub open: BTreeMap<AccidentId, AccidentSummary>,
    pub version: u64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AccidentSummary {
    pub child_id: ChildId,
    pub child_name: String,
    pub happened_at: Timestamp,
    pub place: String,
    pub serious: bool,
    pub status: nestling_domain::care::AccidentStatus,
}

impl AccidentsIndexRecord {
    pub fn key(setting_id: &SettingId) -> Key {
        Key::new(keys::setting(setting_id), keys::ACCIDENTS)
    }
    pub fn empty(setting_id: &SettingId) -> Self {
        Self {
            pk: keys::setting(setting_id),
            sk: keys::ACCIDENTS.into(),
            kind: "accidents".into(),
            setting_id: setting_id.clone(),
            open: BTreeMap::new(),
            version: 0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sessions_from_before_the_recorded_time_are_still_read() {
        let session = |recorded: serde_json::Value| {
            let mut v = serde_json::json!({ "inAt": "2026-11-30T08:00:00Z", "inBy": "s1" });
            if !recorded.is_null() {
                v["inRecordedAt"] = recorded;
            }
            serde_json::from_value::<AttendanceSession>(v).expect("a session")
        };
        assert_eq!(session(serde_json::Value::Null).in_recorded_at, None, "never kept");
        assert_eq!(session(serde_json::json!("")).in_recorded_at, None, "kept empty when the day was written again");
        let recorded = session(serde_json::json!("2026-11-30T09:15:00Z"));
        assert_eq!(recorded.in_recorded_at, Some(Timestamp::parse("2026-11-30T09:15:00Z").unwrap()));
        // Stored as the same text; a session without one stores nothing.
        assert_eq!(serde_json::to_value(&recorded).unwrap()["inRecordedAt"], "2026-11-30T09:15:00Z");
        assert!(serde_json::to_value(session(serde_json::json!(""))).unwrap().get("inRecordedAt").is_none());
    }
}

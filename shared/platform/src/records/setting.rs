//! The setting itself: its record, agreement versions, rooms and the managers' list.

use super::*;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SettingRecord {
    #[serde(rename = "PK")]
    pub pk: String,
    #[serde(rename = "SK")]
    pub sk: String,
    pub kind: String,
    pub setting_id: SettingId,
    pub name: String,
    pub timezone: String,
    pub agreement_version: u32,
    /// When parents see attendance marks (rule 12): not before this local time for marks made
    /// earlier in the day, and never sooner than the delay after the mark.
    #[serde(default = "default_morning_at")]
    pub attendance_publish_morning_at: String,
    #[serde(default = "default_publish_delay")]
    pub attendance_publish_delay_minutes: u32,
    pub created_at: Timestamp,
    pub created_by: UserId,
    /// Set while the setting is in lockdown (rule 10).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lockdown: Option<Lockdown>,
    /// The premises networks (CIDR); staff requests from elsewhere are off premises (rule 8).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub networks: Vec<String>,
    /// Practitioners' news-feed posts wait for a manager's approval.
    #[serde(default)]
    pub posts_need_approval: bool,
    /// Messages: who is shown that the other side read a message, and the opening hours
    /// outside which staff are not emailed about families' messages.
    #[serde(default)]
    pub messaging: MessagingPolicy,
    /// The EYFS framework judgements are made against; none until a manager chooses.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub framework: Option<nestling_domain::eyfs::Framework>,
    /// How long each kind of record is kept: the guidance's periods but those the setting changed.
    #[serde(default, skip_serializing_if = "nestling_domain::retention::Schedule::is_guidance")]
    pub retention: nestling_domain::retention::Schedule,
    /// A nursery (rooms, key persons, EYFS) or a school (year and tutor groups, DfE codes).
    #[serde(default)]
    pub setting_kind: nestling_domain::school::SettingKind,
    /// A school whose early years (nursery or reception classes) follow the EYFS: its ratios
    /// and learning journal apply. Set with the school's structure.
    #[serde(default)]
    pub early_years: bool,
    pub version: u64,
}

/// How a setting's messages behave (every field off or absent by default).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct MessagingPolicy {
    /// Staff see which parents have read their messages.
    #[serde(default)]
    pub staff_see_read: bool,
    /// Parents see that staff have read theirs.
    #[serde(default)]
    pub families_see_read: bool,
    /// The setting's opening hours (local `HH:MM`, days 1 Monday to 7 Sunday); none: staff
    /// are emailed at any hour.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opening_hours: Option<OpeningHoursRecord>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct OpeningHoursRecord {
    pub opens: String,
    pub closes: String,
    pub days: Vec<u8>,
}

impl OpeningHoursRecord {
    /// The hours as the rules take them (stored text checked when it was set).
    pub fn hours(&self) -> Option<nestling_domain::messages::OpeningHours> {
        let format = time::macros::format_description!("[hour]:[minute]");
        let opens = time::Time::parse(&self.opens, &format).ok()?;
        let closes = time::Time::parse(&self.closes, &format).ok()?;
        nestling_domain::messages::OpeningHours::new(opens, closes, self.days.clone()).ok()
    }
}

/// A lockdown in force: the notice families get instead of data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Lockdown {
    pub notice: String,
    #[schema(value_type = String)]
    pub started_at: Timestamp,
    #[schema(value_type = String)]
    pub started_by: UserId,
    pub started_by_name: String,
}

fn default_morning_at() -> String {
    "10:30".into()
}
fn default_publish_delay() -> u32 {
    nestling_domain::care::Publishing::default().delay_minutes
}

impl SettingRecord {
    /// The setting's own date at `now` (its time zone's): the day registers, terms and
    /// leaving dates are counted in.
    pub fn today(&self, now: time::OffsetDateTime) -> time::Date {
        nestling_domain::care::local(now, &self.timezone).date()
    }
    /// Whether the EYFS (its ratios, its learning journal and assessment) applies here: in
    /// every nursery, and in a school that enabled its early years.
    pub fn eyfs_applies(&self) -> bool {
        self.setting_kind == nestling_domain::school::SettingKind::Nursery || self.early_years
    }
    /// Whether something recorded `at` (a mark, a point) has reached the family by `now`:
    /// the publishing rule read on the setting's own clock.
    pub fn reached_family(&self, at: time::OffsetDateTime, now: time::OffsetDateTime) -> bool {
        use nestling_domain::care::{local, visible_from};
        let wall = |t: time::OffsetDateTime| {
            let l = local(t, &self.timezone);
            time::PrimitiveDateTime::new(l.date(), l.time())
        };
        visible_from(self.publishing(), wall(at)) <= wall(now)
    }
    /// The setting's attendance publishing rule.
    pub fn publishing(&self) -> nestling_domain::care::Publishing {
        let format = time::macros::format_description!("[hour]:[minute]");
        let default = nestling_domain::care::Publishing::default();
        nestling_domain::care::Publishing {
            morning_at: time::Time::parse(&self.attendance_publish_morning_at, &format).unwrap_or(default.morning_at),
            delay_minutes: self.attendance_publish_delay_minutes,
        }
    }
    pub fn key(setting_id: &SettingId) -> Key {
        Key::new(keys::setting(setting_id), keys::SETTING_META)
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AgreementRecord {
    #[serde(rename = "PK")]
    pub pk: String,
    #[serde(rename = "SK")]
    pub sk: String,
    pub kind: String,
    pub setting_id: SettingId,
    pub agreement_version: u32,
    pub text: String,
    pub published_at: Timestamp,
    pub published_by: UserId,
}

impl AgreementRecord {
    pub fn key(setting_id: &SettingId, version: u32) -> Key {
        Key::new(keys::setting(setting_id), keys::agreement(version))
    }
    pub fn current_key(setting_id: &SettingId) -> Key {
        Key::new(keys::setting(setting_id), keys::AGREEMENT_CURRENT)
    }
    /// The numbered version and the current copy, both written when a version is published.
    pub fn new(setting_id: &SettingId, version: u32, text: &str, by: &UserId, now: Timestamp) -> [Self; 2] {
        let record = |sk: String| Self {
            pk: keys::setting(setting_id),
            sk,
            kind: "agreement".into(),
            setting_id: setting_id.clone(),
            agreement_version: version,
            text: text.into(),
            published_at: now,
            published_by: by.clone(),
        };
        [record(keys::agreement(version)), record(keys::AGREEMENT_CURRENT.into())]
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RoomRecord {
    #[serde(rename = "PK")]
    pub pk: String,
    #[serde(rename = "SK")]
    pub sk: String,
    pub kind: String,
    pub setting_id: SettingId,
    pub room_id: RoomId,
    pub name: String,
    pub age_band: AgeBand,
    pub created_at: Timestamp,
    pub created_by: UserId,
    pub version: u64,
}

/// The setting's active managers (`SETTING#id / MANAGERS`), kept by the transactions that
/// make or end a manager's membership, so an alert to every manager is written in the same
/// transaction as its cause with no extra read.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ManagersRecord {
    #[serde(rename = "PK")]
    pub pk: String,
    #[serde(rename = "SK")]
    pub sk: String,
    pub kind: String,
    pub setting_id: SettingId,
    #[serde(default)]
    pub managers: BTreeMap<UserId, ManagerContact>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ManagerContact {
    pub name: String,
    pub email: String,
}

impl ManagersRecord {
    pub fn key(setting_id: &SettingId) -> Key {
        Key::new(keys::setting(setting_id), keys::MANAGERS)
    }
    pub fn empty(setting_id: &SettingId) -> Self {
        Self {
            pk: keys::setting(setting_id),
            sk: keys::MANAGERS.into(),
            kind: "managers".into(),
            setting_id: setting_id.clone(),
            managers: BTreeMap::new(),
        }
    }
}

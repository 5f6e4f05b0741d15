//! Children: the child item (profile, guardian links, hold, consents, collectors, medicine
//! permissions) and the roster that summarises every child of a setting.

use super::*;

/// A child: profile, guardian links (by user id), safeguarding hold and consents in one item,
/// so that one read authorises any request about the child and answers most of them.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ChildRecord {
    #[serde(rename = "PK")]
    pub pk: String,
    #[serde(rename = "SK")]
    pub sk: String,
    pub kind: String,
    pub setting_id: SettingId,
    pub child_id: ChildId,
    pub first_name: String,
    pub last_name: String,
    pub date_of_birth: String,
    pub room_id: RoomId,
    pub key_person_id: UserId,
    /// Copied when the key person is set, for the journal header.
    #[serde(default)]
    pub key_person_name: String,
    #[serde(default)]
    pub emergency_contacts: Vec<EmergencyContactRecord>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub medical_notes: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dietary_notes: Option<String>,
    #[serde(default)]
    pub guardians: BTreeMap<UserId, GuardianLinkRecord>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hold: Option<HoldRecord>,
    /// A manager's legal hold: the child's records are kept past the retention schedule (a
    /// claim, an inquiry, the police or the local authority asked) until it is lifted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub legal_hold: Option<HoldRecord>,
    /// An approved erasure request: the kinds the sweep deletes at its next run.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub erasure: Option<ErasureRecord>,
    /// The kinds of the child's records the retention sweep has deleted.
    #[serde(default, skip_serializing_if = "std::collections::BTreeSet::is_empty")]
    pub swept: std::collections::BTreeSet<nestling_domain::retention::RetainedKind>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consents: Option<ConsentsRecord>,
    /// People other than guardians the parents authorise to collect the child.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub collectors: Vec<CollectorRecord>,
    /// The parents' current written permissions for medicines, by the id the parent chose:
    /// only their terms, so the bound on them is one read; each is its own item
    /// (`MedicinePermissionRecord`), so a parent cannot grow the child's item.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub medicine_permissions: BTreeMap<PermissionId, PermissionTerm>,
    /// A manager's referral to the special educational needs coordinator: staff only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub senco_referral: Option<SencoReferralRecord>,
    /// The day the child leaves (or left) and where they go.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub leaving: Option<LeavingRecord>,
    /// The regular weekly sessions, each pattern from its start date (copied to the roster,
    /// which the capacity check and the register read for every child at once).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub booking_patterns: Vec<nestling_domain::bookings::Pattern>,
    /// GSI1 `ACCESS-ENDING` / `<notice day>#<setting>#<child>` while the family's notice that
    /// their access ends is still to be sent (`access-ending-notices` takes it off).
    #[serde(rename = "GSI1PK", default, skip_serializing_if = "Option::is_none")]
    pub gsi1pk: Option<String>,
    #[serde(rename = "GSI1SK", default, skip_serializing_if = "Option::is_none")]
    pub gsi1sk: Option<String>,
    pub created_at: Timestamp,
    pub created_by: UserId,
    pub updated_at: Timestamp,
    pub version: u64,
}

/// A manager's approval of an erasure request: what no law requires the setting to keep.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ErasureRecord {
    pub request_id: String,
    pub kinds: std::collections::BTreeSet<nestling_domain::retention::RetainedKind>,
    pub approved_by: UserId,
    pub approved_at: Timestamp,
}

/// Someone the parents authorise to collect their child, with the collection password they
/// will be asked for (stored as an Argon2id hash, never shown again).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CollectorRecord {
    pub collector_id: CollectorId,
    pub name: String,
    pub relationship: String,
    pub password_hash: String,
    pub set_by: UserId,
    pub set_at: Timestamp,
}

/// When a current permission runs out, as the child item keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PermissionTerm {
    pub until: String,
    #[serde(default)]
    pub withdrawn: bool,
}

/// A parent's written permission for one medicine (`SETTING#id / MEDPERM#<child>#<id>`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MedicinePermissionRecord {
    #[serde(rename = "PK")]
    pub pk: String,
    #[serde(rename = "SK")]
    pub sk: String,
    pub kind: String,
    pub setting_id: SettingId,
    pub child_id: ChildId,
    pub permission_id: PermissionId,
    pub medicine: String,
    pub dose: String,
    pub times: Vec<String>,
    pub prescribed_by: String,
    /// The first and last days it covers (the setting's dates).
    pub given_on: String,
    pub until: String,
    #[serde(default)]
    pub withdrawn: bool,
    pub set_by: UserId,
    pub set_at: Timestamp,
    pub version: u64,
}

impl MedicinePermissionRecord {
    pub fn key(setting_id: &SettingId, child_id: &ChildId, permission_id: &PermissionId) -> Key {
        Key::new(keys::setting(setting_id), keys::medicine_permission(child_id, permission_id))
    }
}

impl ChildRecord {
    /// The guardians told of the child's day (medicine, accidents): live parent links whose
    /// holder accepted the current agreement, with their name and address.
    pub fn parents_to_tell(&self, current_agreement: u32) -> Vec<(&UserId, &GuardianLinkRecord)> {
        let held = self.hold.is_some();
        self.guardians
            .iter()
            .filter(|(_, l)| nestling_domain::access::told_of_the_day(l.link(), l.accepted_agreement_version, current_agreement, held))
            .collect()
    }
    pub fn key(setting_id: &SettingId, child_id: &ChildId) -> Key {
        Key::new(keys::setting(setting_id), keys::child(child_id))
    }
    pub fn summary(&self) -> RosterEntry {
        RosterEntry {
            first_name: self.first_name.clone(),
            last_name: self.last_name.clone(),
            date_of_birth: self.date_of_birth.clone(),
            room_id: self.room_id.clone(),
            key_person_id: self.key_person_id.clone(),
            key_person_name: self.key_person_name.clone(),
            photos_in_other_journals: self.consents.as_ref().is_some_and(|c| c.photos_in_other_journals),
            remote_staff_access: self.consents.as_ref().is_some_and(|c| c.remote_staff_access),
            held: self.hold.is_some(),
            legal_hold: self.legal_hold.is_some(),
            leaving_date: self.leaving.as_ref().map(|l| l.date.clone()),
            booking_patterns: self.booking_patterns.clone(),
        }
    }
    /// How `user_id` stands to this child on `today` (the setting's date), for
    /// `nestling_domain::decide`.
    pub fn relation_of(&self, user_id: &UserId, today: time::Date) -> nestling_domain::ChildRelation {
        nestling_domain::ChildRelation {
            key_person: self.key_person_id == *user_id,
            link: self.guardians.get(user_id).map(GuardianLinkRecord::link),
            held: self.hold.is_some(),
            remote_consent: self.consents.as_ref().is_some_and(|c| c.remote_staff_access),
            leaving: self.leaving_stage(today),
        }
    }
    /// Whether the child has left on `today`, and whether their family's access has ended.
    pub fn leaving_stage(&self, today: time::Date) -> nestling_domain::leaving::LeavingStage {
        self.leaving.as_ref().and_then(|l| l.stage(today)).unwrap_or_default()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EmergencyContactRecord {
    pub name: String,
    pub phone: String,
    pub relationship: String,
}

/// One guardian's link to a child, as a manager made it. Its status as people see it is
/// derived (`nestling_domain::link_status`): only revocation is stored here.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GuardianLinkRecord {
    pub user_id: UserId,
    pub name: String,
    pub email: String,
    pub relationship: String,
    pub parental_responsibility: bool,
    pub access: GuardianAccess,
    pub may_collect: bool,
    pub linked_by: UserId,
    pub linked_at: Timestamp,
    /// Copy of the guardian's accepted agreement version, kept by the acceptance transaction
    /// so the guardian list needs no second read. Authorisation uses the membership's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accepted_agreement_version: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revoked_at: Option<Timestamp>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revoked_by: Option<UserId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revoked_reason: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revoked_note: Option<String>,
    /// Separated guardians each have their own household: messages about the child go to
    /// each household in its own thread.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub household: Option<nestling_domain::messages::Household>,
}

impl GuardianLinkRecord {
    pub fn is_revoked(&self) -> bool {
        self.revoked_at.is_some()
    }
    /// The link as the access rules see it.
    pub fn link(&self) -> nestling_domain::Link {
        nestling_domain::Link { access: self.access, revoked: self.is_revoked(), parental_responsibility: self.parental_responsibility }
    }
}

/// The day a child leaves, where they go, and how long the family may read afterwards.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LeavingRecord {
    /// The leaving date (YYYY-MM-DD): from this day the child counts as left.
    pub date: String,
    pub destination_kind: nestling_domain::leaving::DestinationKind,
    pub destination: String,
    pub guardian_access_days: u16,
    pub recorded_by: UserId,
    pub recorded_at: Timestamp,
}

impl LeavingRecord {
    pub fn day(&self) -> Option<time::Date> {
        time::Date::parse(&self.date, &time::format_description::well_known::Iso8601::DATE).ok()
    }
    pub fn stage(&self, today: time::Date) -> Option<nestling_domain::leaving::LeavingStage> {
        Some(nestling_domain::leaving::stage(self.day()?, self.guardian_access_days, today))
    }
}

/// A child marked for the SENCo's attention, with why, by whom and when.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SencoReferralRecord {
    pub note: String,
    pub referred_by: UserId,
    pub referred_by_name: String,
    pub referred_at: Timestamp,
}

/// A safeguarding hold: while present, every guardian link of the child is suspended.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HoldRecord {
    pub reason: String,
    pub placed_by: UserId,
    pub placed_at: Timestamp,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ConsentsRecord {
    pub photos_in_other_journals: bool,
    pub remote_staff_access: bool,
    pub set_by: UserId,
    pub set_at: Timestamp,
}

/// The setting's children in brief, in one item (`SETTING#id / ROSTER`). Each child's entry
/// is written in the same transaction as the child. 400 KB holds about 2,000 children.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RosterRecord {
    #[serde(rename = "PK")]
    pub pk: String,
    #[serde(rename = "SK")]
    pub sk: String,
    pub kind: String,
    pub setting_id: SettingId,
    #[serde(default)]
    pub children: BTreeMap<ChildId, RosterEntry>,
    /// The setting's rooms, for the ratios and the register (written with each room).
    #[serde(default)]
    pub rooms: BTreeMap<RoomId, RosterRoom>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RosterRoom {
    pub name: String,
    pub age_band: AgeBand,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RosterEntry {
    pub first_name: String,
    pub last_name: String,
    pub date_of_birth: String,
    pub room_id: RoomId,
    pub key_person_id: UserId,
    /// For the register (EYFS 3.86 names the key person).
    #[serde(default)]
    pub key_person_name: String,
    /// The family's consent to this child appearing in other children's journals (rule 6),
    /// here so a journal page reads every tagged child's consent with its authorisation.
    #[serde(default)]
    pub photos_in_other_journals: bool,
    /// The family's consent to staff seeing the child's records off premises (rule 8).
    #[serde(default)]
    pub remote_staff_access: bool,
    /// Under a safeguarding hold, here so what a family is sent of the whole setting (the
    /// news feed) knows which of their children's links are paused, with no further read.
    #[serde(default)]
    pub held: bool,
    /// Under a legal hold: the retention schedule passes the child by (and the managers'
    /// retention page lists them with no further read).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub legal_hold: bool,
    /// The leaving date, when one is recorded: from it the child is off the register.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub leaving_date: Option<String>,
    /// The child's regular weekly sessions (as on the child's record).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub booking_patterns: Vec<nestling_domain::bookings::Pattern>,
}

impl RosterEntry {
    /// Whether the child has left by `today` (the setting's date, as YYYY-MM-DD).
    pub fn has_left(&self, today: &str) -> bool {
        self.leaving_date.as_deref().is_some_and(|d| d <= today)
    }
}

impl RosterRecord {
    pub fn key(setting_id: &SettingId) -> Key {
        Key::new(keys::setting(setting_id), keys::ROSTER)
    }
    pub fn empty(setting_id: &SettingId) -> Self {
        Self {
            pk: keys::setting(setting_id),
            sk: keys::ROSTER.into(),
            kind: "roster".into(),
            setting_id: setting_id.clone(),
            children: BTreeMap::new(),
            rooms: BTreeMap::new(),
        }
    }
}

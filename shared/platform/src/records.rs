//! The items stored in the table, one struct per kind. Field names are the attribute names;
//! keys are built by `store::keys` only.

use crate::store::{keys, Key};
use nestling_domain::journal::{AreaOfLearning, CommentAudience, ContributionStatus, MediaStatus, MediaType, NotificationPreference};
use nestling_domain::{AgeBand, GuardianAccess, MembershipStatus, Role};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SettingRecord {
    #[serde(rename = "PK")]
    pub pk: String,
    #[serde(rename = "SK")]
    pub sk: String,
    pub kind: String,
    pub setting_id: String,
    pub name: String,
    pub timezone: String,
    pub agreement_version: u32,
    /// When parents see attendance marks (rule 12): not before this local time for marks made
    /// earlier in the day, and never sooner than the delay after the mark.
    #[serde(default = "default_morning_at")]
    pub attendance_publish_morning_at: String,
    #[serde(default = "default_publish_delay")]
    pub attendance_publish_delay_minutes: u32,
    pub created_at: String,
    pub created_by: String,
    /// Set while the setting is in lockdown (rule 10).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lockdown: Option<Lockdown>,
    /// The premises networks (CIDR); staff requests from elsewhere are off premises (rule 8).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub networks: Vec<String>,
    pub version: u64,
}

/// A lockdown in force: the notice families get instead of data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Lockdown {
    pub notice: String,
    pub started_at: String,
    pub started_by: String,
    pub started_by_name: String,
}

fn default_morning_at() -> String {
    "10:30".into()
}
fn default_publish_delay() -> u32 {
    nestling_domain::care::Publishing::default().delay_minutes
}

impl SettingRecord {
    /// The setting's attendance publishing rule.
    pub fn publishing(&self) -> nestling_domain::care::Publishing {
        let format = time::macros::format_description!("[hour]:[minute]");
        let default = nestling_domain::care::Publishing::default();
        nestling_domain::care::Publishing {
            morning_at: time::Time::parse(&self.attendance_publish_morning_at, &format).unwrap_or(default.morning_at),
            delay_minutes: self.attendance_publish_delay_minutes,
        }
    }
    pub fn key(setting_id: &str) -> Key {
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
    pub setting_id: String,
    pub agreement_version: u32,
    pub text: String,
    pub published_at: String,
    pub published_by: String,
}

impl AgreementRecord {
    pub fn key(setting_id: &str, version: u32) -> Key {
        Key::new(keys::setting(setting_id), keys::agreement(version))
    }
    pub fn current_key(setting_id: &str) -> Key {
        Key::new(keys::setting(setting_id), keys::AGREEMENT_CURRENT)
    }
    /// The numbered version and the current copy, both written when a version is published.
    pub fn new(setting_id: &str, version: u32, text: &str, by: &str, now: &str) -> [Self; 2] {
        let record = |sk: String| Self {
            pk: keys::setting(setting_id),
            sk,
            kind: "agreement".into(),
            setting_id: setting_id.into(),
            agreement_version: version,
            text: text.into(),
            published_at: now.into(),
            published_by: by.into(),
        };
        [record(keys::agreement(version)), record(keys::AGREEMENT_CURRENT.into())]
    }
}

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
    pub setting_id: String,
    pub child_id: String,
    pub first_name: String,
    pub last_name: String,
    pub date_of_birth: String,
    pub room_id: String,
    pub key_person_id: String,
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
    pub guardians: BTreeMap<String, GuardianLinkRecord>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hold: Option<HoldRecord>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consents: Option<ConsentsRecord>,
    /// People other than guardians the parents authorise to collect the child.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub collectors: Vec<CollectorRecord>,
    /// The parents' written permissions for medicines, by the id the parent chose.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub medicine_permissions: BTreeMap<String, MedicinePermissionRecord>,
    pub created_at: String,
    pub created_by: String,
    pub updated_at: String,
    pub version: u64,
}

/// Someone the parents authorise to collect their child, with the collection password they
/// will be asked for (stored as an Argon2id hash, never shown again).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CollectorRecord {
    pub collector_id: String,
    pub name: String,
    pub relationship: String,
    pub password_hash: String,
    pub set_by: String,
    pub set_at: String,
}

/// A parent's written permission for one medicine.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MedicinePermissionRecord {
    pub permission_id: String,
    pub medicine: String,
    pub dose: String,
    pub times: Vec<String>,
    pub prescribed_by: String,
    /// The first and last days it covers (the setting's dates).
    pub given_on: String,
    pub until: String,
    #[serde(default)]
    pub withdrawn: bool,
    pub set_by: String,
    pub set_at: String,
}

impl ChildRecord {
    /// The guardians told of the child's day (medicine, accidents): live parent links whose
    /// holder accepted the current agreement, with their name and address.
    pub fn parents_to_tell(&self, current_agreement: u32) -> Vec<(&str, &GuardianLinkRecord)> {
        if self.hold.is_some() {
            return Vec::new();
        }
        self.guardians
            .iter()
            .filter(|(_, l)| {
                l.access == GuardianAccess::Parent
                    && !l.is_revoked()
                    && l.accepted_agreement_version.is_some_and(|v| v >= current_agreement)
            })
            .map(|(id, l)| (id.as_str(), l))
            .collect()
    }
    pub fn key(setting_id: &str, child_id: &str) -> Key {
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
        }
    }
    /// How `user_id` stands to this child, for `nestling_domain::decide`.
    pub fn relation_of(&self, user_id: &str) -> nestling_domain::ChildRelation {
        nestling_domain::ChildRelation {
            key_person: self.key_person_id == user_id,
            link: self.guardians.get(user_id).map(|l| nestling_domain::Link {
                access: l.access,
                revoked: l.is_revoked(),
                parental_responsibility: l.parental_responsibility,
            }),
            held: self.hold.is_some(),
            remote_consent: self.consents.as_ref().is_some_and(|c| c.remote_staff_access),
        }
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
    pub user_id: String,
    pub name: String,
    pub email: String,
    pub relationship: String,
    pub parental_responsibility: bool,
    pub access: GuardianAccess,
    pub may_collect: bool,
    pub linked_by: String,
    pub linked_at: String,
    /// Copy of the guardian's accepted agreement version, kept by the acceptance transaction
    /// so the guardian list needs no second read. Authorisation uses the membership's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accepted_agreement_version: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revoked_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revoked_by: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revoked_reason: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revoked_note: Option<String>,
}

impl GuardianLinkRecord {
    pub fn is_revoked(&self) -> bool {
        self.revoked_at.is_some()
    }
}

/// A safeguarding hold: while present, every guardian link of the child is suspended.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HoldRecord {
    pub reason: String,
    pub placed_by: String,
    pub placed_at: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ConsentsRecord {
    pub photos_in_other_journals: bool,
    pub remote_staff_access: bool,
    pub set_by: String,
    pub set_at: String,
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
    pub setting_id: String,
    #[serde(default)]
    pub children: BTreeMap<String, RosterEntry>,
    /// The setting's rooms, for the ratios and the register (written with each room).
    #[serde(default)]
    pub rooms: BTreeMap<String, RosterRoom>,
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
    pub room_id: String,
    pub key_person_id: String,
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
}

impl RosterRecord {
    pub fn key(setting_id: &str) -> Key {
        Key::new(keys::setting(setting_id), keys::ROSTER)
    }
    pub fn empty(setting_id: &str) -> Self {
        Self {
            pk: keys::setting(setting_id),
            sk: keys::ROSTER.into(),
            kind: "roster".into(),
            setting_id: setting_id.into(),
            children: BTreeMap::new(),
            rooms: BTreeMap::new(),
        }
    }
}

/// A person's role in one setting. Also indexed under the user (GSI1) so `GET /v1/me` lists
/// every membership in one query.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MemberRecord {
    #[serde(rename = "PK")]
    pub pk: String,
    #[serde(rename = "SK")]
    pub sk: String,
    #[serde(rename = "GSI1PK")]
    pub gsi1pk: String,
    #[serde(rename = "GSI1SK")]
    pub gsi1sk: String,
    pub kind: String,
    pub setting_id: String,
    pub setting_name: String,
    pub user_id: String,
    pub email: String,
    pub name: String,
    pub role: Role,
    pub status: MembershipStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qualification_level: Option<u8>,
    pub invited_at: String,
    pub invited_by: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub activated_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revoked_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revoked_by: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revoked_reason: Option<String>,
    /// Parents and family: the agreement version they last accepted, and when.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accepted_agreement_version: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accepted_agreement_at: Option<String>,
    /// Parents and family: the children they hold an unrevoked link to.
    #[serde(default)]
    pub linked_children: Vec<String>,
    /// Staff: their latest remote-access attestation (rule 8).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remote_attestation: Option<RemoteAttestation>,
    /// SES reported the address bounced for good or complained: managers see it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email_problem: Option<EmailProblem>,
    pub version: u64,
}

/// A permanent bounce or a complaint about email to this address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct EmailProblem {
    /// `bounce` or `complaint`.
    pub kind: String,
    /// SES's words: the bounce type and diagnostic, or the complaint's feedback type.
    pub detail: String,
    pub at: String,
}

/// What a member of staff confirmed before working off the premises, and until when it holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct RemoteAttestation {
    pub confidentiality: bool,
    pub security_software: bool,
    pub own_device: bool,
    pub attested_at: String,
    pub expires_at: String,
}

/// Who a new membership is for and how it starts.
pub struct NewMember<'a> {
    pub setting_id: &'a str,
    pub setting_name: &'a str,
    pub user_id: &'a str,
    pub email: &'a str,
    pub name: &'a str,
    pub role: Role,
    pub status: MembershipStatus,
    pub qualification_level: Option<u8>,
    pub invited_by: &'a str,
}

impl MemberRecord {
    pub fn key(setting_id: &str, user_id: &str) -> Key {
        Key::new(keys::setting(setting_id), keys::member(user_id))
    }
    /// A membership at version 1, active from `now` when it starts active.
    pub fn new(m: NewMember<'_>, now: &str) -> Self {
        Self {
            pk: keys::setting(m.setting_id),
            sk: keys::member(m.user_id),
            gsi1pk: keys::user(m.user_id),
            gsi1sk: keys::member(m.setting_id),
            kind: "member".into(),
            setting_id: m.setting_id.into(),
            setting_name: m.setting_name.into(),
            user_id: m.user_id.into(),
            email: m.email.into(),
            name: m.name.into(),
            role: m.role,
            status: m.status,
            qualification_level: m.qualification_level,
            invited_at: now.into(),
            invited_by: m.invited_by.into(),
            activated_at: (m.status == MembershipStatus::Active).then(|| now.to_string()),
            revoked_at: None,
            revoked_by: None,
            revoked_reason: None,
            accepted_agreement_version: None,
            accepted_agreement_at: None,
            linked_children: Vec::new(),
            remote_attestation: None,
            email_problem: None,
            version: 1,
        }
    }
    pub fn membership(&self) -> nestling_domain::Membership {
        nestling_domain::Membership { role: self.role, status: self.status }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AccountStatus {
    /// Created in Cognito with no password yet; an invitation is outstanding.
    Invited,
    Active,
}

/// A person, whatever settings they belong to. The id is their Cognito `sub`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UserRecord {
    #[serde(rename = "PK")]
    pub pk: String,
    #[serde(rename = "SK")]
    pub sk: String,
    #[serde(rename = "GSI1PK")]
    pub gsi1pk: String,
    #[serde(rename = "GSI1SK")]
    pub gsi1sk: String,
    pub kind: String,
    pub user_id: String,
    /// The Cognito username to use in admin calls.
    pub username: String,
    pub email: String,
    pub name: String,
    pub status: AccountStatus,
    #[serde(default)]
    pub operator: bool,
    /// How they want to hear about their children's journals.
    #[serde(default)]
    pub notifications: NotificationPreference,
    pub created_at: String,
    pub version: u64,
}

impl UserRecord {
    pub fn key(user_id: &str) -> Key {
        Key::new(keys::user(user_id), keys::USER_PROFILE)
    }
    pub fn new(user_id: &str, username: &str, email: &str, name: &str, status: AccountStatus, now: &str) -> Self {
        Self {
            pk: keys::user(user_id),
            sk: keys::USER_PROFILE.into(),
            gsi1pk: keys::user(user_id),
            gsi1sk: keys::USER_PROFILE.into(),
            kind: "user".into(),
            user_id: user_id.into(),
            username: username.into(),
            email: email.into(),
            name: name.into(),
            status,
            operator: false,
            notifications: NotificationPreference::Immediate,
            created_at: now.into(),
            version: 1,
        }
    }
}

/// Makes an email address name one account: written with the user, conditionally.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EmailRecord {
    #[serde(rename = "PK")]
    pub pk: String,
    #[serde(rename = "SK")]
    pub sk: String,
    pub kind: String,
    pub user_id: String,
    pub username: String,
    /// Mirrors the account's status, so one read of the address tells whether it can sign in.
    pub status: AccountStatus,
}

impl EmailRecord {
    pub fn key(email: &str) -> Key {
        Key::new(keys::email(email), keys::EMAIL_SK)
    }
    pub fn new(email: &str, user_id: &str, username: &str) -> Self {
        Self {
            pk: keys::email(email),
            sk: keys::EMAIL_SK.into(),
            kind: "email".into(),
            user_id: user_id.into(),
            username: username.into(),
            status: AccountStatus::Invited,
        }
    }
}

/// An outstanding invitation. Only the SHA-256 of the token is stored.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InvitationRecord {
    #[serde(rename = "PK")]
    pub pk: String,
    #[serde(rename = "SK")]
    pub sk: String,
    pub kind: String,
    pub user_id: String,
    pub username: String,
    pub email: String,
    pub setting_id: String,
    pub role: Role,
    /// The invitee's name as the inviter gave it (a manager joins the managers' list with it).
    #[serde(default)]
    pub name: String,
    pub invited_by: String,
    pub created_at: String,
    /// Unix seconds; also the table's TTL attribute, so spent invitations disappear.
    pub expires_at: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accepted_at: Option<String>,
}

impl InvitationRecord {
    pub fn key(token_hash: &str) -> Key {
        Key::new(keys::invitation(token_hash), keys::INVITATION_SK)
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
    pub setting_id: String,
    pub room_id: String,
    pub name: String,
    pub age_band: AgeBand,
    pub created_at: String,
    pub created_by: String,
    pub version: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum OutboxStatus {
    Pending,
    Sending,
    Sent,
}

/// An email waiting to be sent. Written in the same transaction as the change it reports;
/// the stream consumer sends it and marks it sent.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OutboxRecord {
    #[serde(rename = "PK")]
    pub pk: String,
    #[serde(rename = "SK")]
    pub sk: String,
    pub kind: String,
    pub outbox_id: String,
    pub setting_id: Option<String>,
    pub to: String,
    pub subject: String,
    /// Removed once sent (they may hold one-time links).
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub html: String,
    /// What caused it, for operators reading the table (e.g. `staff-invitation`).
    pub purpose: String,
    pub status: OutboxStatus,
    pub created_at: String,
    #[serde(default)]
    pub attempts: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sent_at: Option<String>,
}

impl OutboxRecord {
    pub fn key(outbox_id: &str) -> Key {
        Key::new(keys::outbox(outbox_id), keys::OUTBOX_SK)
    }
}

/// One line of the access log: who did what to which record, when, from where.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AuditRecord {
    #[serde(rename = "PK")]
    pub pk: String,
    #[serde(rename = "SK")]
    pub sk: String,
    pub kind: String,
    pub setting_id: String,
    pub actor_id: String,
    pub actor_role: String,
    pub action: String,
    /// What was acted on, e.g. `staff:<user id>`, `room:<room id>`.
    pub object: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub child_id: Option<String>,
    /// Every child whose data the action read or changed (a list shows many).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub child_ids: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// A member of staff acting from outside the setting's networks (rule 8).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub off_premises: bool,
    pub request_id: String,
    pub at: String,
}

/// A stored answer to a write, replayed when the client retries with the same key.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct IdempotencyRecord {
    #[serde(rename = "PK")]
    pub pk: String,
    #[serde(rename = "SK")]
    pub sk: String,
    pub kind: String,
    /// SHA-256 of route and body: the same key with a different request is refused.
    pub request_hash: String,
    pub status: u16,
    pub body: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource_version: Option<u64>,
    pub expires_at: i64,
}

impl IdempotencyRecord {
    pub fn key(user_id: &str, key: &str) -> Key {
        Key::new(keys::idempotency(user_id, key), keys::IDEMPOTENCY_SK)
    }
}

/// A photo or video. Created when an upload is asked for; the media function marks it ready
/// (or rejected); an observation or contribution attaches it, once.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MediaRecord {
    #[serde(rename = "PK")]
    pub pk: String,
    #[serde(rename = "SK")]
    pub sk: String,
    pub kind: String,
    pub setting_id: String,
    pub media_id: String,
    pub media_type: MediaType,
    pub byte_size: u64,
    /// The children it shows (the photo consent is checked against these).
    pub children: Vec<String>,
    pub uploaded_by: String,
    pub uploader_role: Role,
    pub status: MediaStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rejection: Option<String>,
    #[serde(default)]
    pub thumbnail: bool,
    pub created_at: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub checked_at: Option<String>,
    /// The journal entry it belongs to, once attached.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entry_id: Option<String>,
    /// Children whose journals show that entry; empty until published and after unpublishing.
    #[serde(default)]
    pub shown_in: Vec<String>,
    pub version: u64,
}

impl MediaRecord {
    pub fn key(setting_id: &str, media_id: &str) -> Key {
        Key::new(keys::setting(setting_id), keys::media(media_id))
    }
}

/// A photo or video as an entry carries it (copied when attached: ready media never change).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EntryMedia {
    pub media_id: String,
    pub media_type: MediaType,
    pub children: Vec<String>,
    pub thumbnail: bool,
}

/// An earlier version of an observation, kept when it is edited.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ObservationRevision {
    pub version: u64,
    pub text: String,
    pub areas: Vec<AreaOfLearning>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_steps: Option<String>,
    /// Who wrote this version and when.
    pub by: String,
    pub at: String,
}

/// A practitioner's observation: the record of truth. Each child's journal holds a copy
/// (`JournalEntryRecord`) written in the same transaction, so a journal page is one Query.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ObservationRecord {
    #[serde(rename = "PK")]
    pub pk: String,
    #[serde(rename = "SK")]
    pub sk: String,
    pub kind: String,
    pub setting_id: String,
    pub observation_id: String,
    pub author_id: String,
    pub author_name: String,
    pub text: String,
    pub children: Vec<String>,
    pub media: Vec<EntryMedia>,
    pub areas: Vec<AreaOfLearning>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_steps: Option<String>,
    pub published: bool,
    pub published_at: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unpublished_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unpublished_by: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unpublished_reason: Option<String>,
    /// Earlier versions, oldest first.
    #[serde(default)]
    pub history: Vec<ObservationRevision>,
    #[serde(default)]
    pub comment_count: u64,
    pub updated_at: String,
    pub updated_by: String,
    pub version: u64,
}

impl ObservationRecord {
    pub fn key(setting_id: &str, observation_id: &str) -> Key {
        Key::new(keys::setting(setting_id), keys::observation(observation_id))
    }
    /// Where the copy in `child_id`'s journal lives.
    pub fn journal_key(&self, child_id: &str) -> Key {
        Key::new(keys::journal(&self.setting_id, child_id), keys::journal_entry(&self.published_at, &self.observation_id))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum EntryKind {
    Observation,
    Contribution,
}

/// One entry in one child's journal: a copy of the observation (or approved contribution)
/// as that child's family may be shown it, kept in step by the transactions that change it.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct JournalEntryRecord {
    #[serde(rename = "PK")]
    pub pk: String,
    #[serde(rename = "SK")]
    pub sk: String,
    pub kind: String,
    pub setting_id: String,
    pub child_id: String,
    pub entry_id: String,
    pub entry_kind: EntryKind,
    pub author_id: String,
    pub author_name: String,
    pub author_role: Role,
    pub text: String,
    #[serde(default)]
    pub areas: Vec<AreaOfLearning>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_steps: Option<String>,
    #[serde(default)]
    pub media: Vec<EntryMedia>,
    #[serde(default)]
    pub comment_count: u64,
    pub published_at: String,
    pub updated_at: String,
}

/// A comment or reply on a journal entry, with the families it is for.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CommentRecord {
    #[serde(rename = "PK")]
    pub pk: String,
    #[serde(rename = "SK")]
    pub sk: String,
    pub kind: String,
    pub setting_id: String,
    pub entry_id: String,
    pub comment_id: String,
    pub author_id: String,
    pub author_name: String,
    pub author_role: Role,
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply_to: Option<String>,
    pub audience: CommentAudience,
    pub created_at: String,
}

/// A parent's own observation from home. Pending until staff approve it (then copied into the
/// child's journal) or reject it with a reason the family sees (rule 7).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ContributionRecord {
    #[serde(rename = "PK")]
    pub pk: String,
    #[serde(rename = "SK")]
    pub sk: String,
    #[serde(rename = "GSI1PK")]
    pub gsi1pk: String,
    #[serde(rename = "GSI1SK")]
    pub gsi1sk: String,
    pub kind: String,
    pub setting_id: String,
    pub contribution_id: String,
    pub child_id: String,
    pub author_id: String,
    pub author_name: String,
    pub text: String,
    pub media: Vec<EntryMedia>,
    pub status: ContributionStatus,
    pub created_at: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decided_by: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decided_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rejection_reason: Option<String>,
    pub version: u64,
}

impl ContributionRecord {
    pub fn key(setting_id: &str, contribution_id: &str) -> Key {
        Key::new(keys::setting(setting_id), keys::contribution(contribution_id))
    }
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
    pub setting_id: String,
    #[serde(default)]
    pub managers: BTreeMap<String, ManagerContact>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ManagerContact {
    pub name: String,
    pub email: String,
}

impl ManagersRecord {
    pub fn key(setting_id: &str) -> Key {
        Key::new(keys::setting(setting_id), keys::MANAGERS)
    }
    pub fn empty(setting_id: &str) -> Self {
        Self {
            pk: keys::setting(setting_id),
            sk: keys::MANAGERS.into(),
            kind: "managers".into(),
            setting_id: setting_id.into(),
            managers: BTreeMap::new(),
        }
    }
}

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
    pub setting_id: String,
    pub date: String,
    #[serde(default)]
    pub children: BTreeMap<String, ChildDayRecord>,
    #[serde(default)]
    pub staff: BTreeMap<String, StaffDayRecord>,
    #[serde(default)]
    pub rooms: BTreeMap<String, RoomDayRecord>,
    /// 0 for a day nobody has written yet.
    pub version: u64,
}

impl DayRecord {
    pub fn key(setting_id: &str, date: &str) -> Key {
        Key::new(keys::setting(setting_id), keys::day(date))
    }
    pub fn empty(setting_id: &str, date: &str) -> Self {
        Self {
            pk: keys::setting(setting_id),
            sk: keys::day(date),
            kind: "day".into(),
            setting_id: setting_id.into(),
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
    pub in_at: String,
    pub in_by: String,
    /// When each mark was recorded (a mark may be entered after the fact): parents see it no
    /// sooner than the publishing delay after this either.
    #[serde(default)]
    pub in_recorded_at: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub out_recorded_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub out_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub out_by: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub collected_by: Option<CollectedBy>,
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
    pub reported_by: String,
    pub reported_at: String,
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
    pub fn current_room(&self) -> Option<&str> {
        self.sessions.last().filter(|s| s.out_at.is_none()).map(|s| s.room_id.as_str())
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StaffSession {
    pub room_id: String,
    pub in_at: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub out_at: Option<String>,
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
    pub breach_id: String,
    pub started_at: String,
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
    pub setting_id: String,
    pub breach_id: String,
    pub room_id: String,
    pub room_name: String,
    pub started_at: String,
    /// The setting's local date it started on (an episode still open when that day ends is
    /// reported as unresolved at the day's end).
    #[serde(default)]
    pub date: String,
    pub started_by: String,
    /// What the room held when the breach started.
    pub under_2: u32,
    pub two: u32,
    pub three_plus: u32,
    pub staff: u32,
    pub required: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ended_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ended_by: Option<String>,
}

impl RatioBreachRecord {
    pub fn key(setting_id: &str, started_at: &str, breach_id: &str) -> Key {
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
    pub setting_id: String,
    pub child_id: String,
    pub date: String,
    #[serde(default)]
    pub entries: Vec<DiaryEntryRecord>,
    #[serde(default)]
    pub doses: Vec<DoseRecord>,
    pub version: u64,
}

impl DiaryRecord {
    pub fn key(setting_id: &str, child_id: &str, date: &str) -> Key {
        Key::new(keys::setting(setting_id), keys::diary(child_id, date))
    }
    pub fn empty(setting_id: &str, child_id: &str, date: &str) -> Self {
        Self {
            pk: keys::setting(setting_id),
            sk: keys::diary(child_id, date),
            kind: "diary".into(),
            setting_id: setting_id.into(),
            child_id: child_id.into(),
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
    pub entry_id: String,
    pub at: String,
    pub by: String,
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
    pub dose_id: String,
    pub permission_id: String,
    pub medicine: String,
    pub amount: String,
    pub at: String,
    pub given_by: String,
    pub given_by_name: String,
    pub witnessed_by: String,
    pub witnessed_by_name: String,
    pub recorded_by: String,
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
    pub setting_id: String,
    pub accident_id: String,
    pub child_id: String,
    pub child_name: String,
    pub happened_at: String,
    pub place: String,
    pub what_happened: String,
    pub injury: String,
    pub first_aid: String,
    #[serde(default)]
    pub witnesses: Vec<String>,
    pub serious: bool,
    pub recorded_by: String,
    pub recorded_by_name: String,
    pub recorded_at: String,
    pub status: nestling_domain::care::AccidentStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reviewed_by: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reviewed_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review_notes: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub acknowledged_by: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub acknowledged_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub acknowledgement_comment: Option<String>,
    pub version: u64,
}

impl AccidentRecord {
    pub fn key(setting_id: &str, accident_id: &str) -> Key {
        Key::new(keys::setting(setting_id), keys::accident(accident_id))
    }
    /// The child an accident id names (ids are `<child>-<time-ordered id>`).
    pub fn child_of(accident_id: &str) -> Option<&str> {
        accident_id.split_once('-').map(|(child, _)| child).filter(|c| !c.is_empty())
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
    pub setting_id: String,
    #[serde(default)]
    pub open: BTreeMap<String, AccidentSummary>,
    pub version: u64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AccidentSummary {
    pub child_id: String,
    pub child_name: String,
    pub happened_at: String,
    pub place: String,
    pub serious: bool,
    pub status: nestling_domain::care::AccidentStatus,
}

impl AccidentsIndexRecord {
    pub fn key(setting_id: &str) -> Key {
        Key::new(keys::setting(setting_id), keys::ACCIDENTS)
    }
    pub fn empty(setting_id: &str) -> Self {
        Self {
            pk: keys::setting(setting_id),
            sk: keys::ACCIDENTS.into(),
            kind: "accidents".into(),
            setting_id: setting_id.into(),
            open: BTreeMap::new(),
            version: 0,
        }
    }
}

/// A fault someone reported (`SETTING#id / FAULT#id`), with every step taken on it.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FaultRecord {
    #[serde(rename = "PK")]
    pub pk: String,
    #[serde(rename = "SK")]
    pub sk: String,
    pub kind: String,
    pub setting_id: String,
    pub fault_id: String,
    pub description: String,
    pub privacy_affected: bool,
    pub reported_by: String,
    pub reported_by_name: String,
    pub reported_by_role: String,
    pub reported_at: String,
    pub status: nestling_domain::incidents::FaultStatus,
    #[serde(default)]
    pub history: Vec<FaultStep>,
    pub version: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct FaultStep {
    pub at: String,
    pub by: String,
    pub by_name: String,
    /// `reported` or `confirmed-fixed`.
    pub step: String,
    pub note: String,
}

impl FaultRecord {
    pub fn key(setting_id: &str, fault_id: &str) -> Key {
        Key::new(keys::setting(setting_id), keys::fault(fault_id))
    }
}

/// A personal-data breach in the setting's register (`SETTING#id / BREACH#id`). While it is
/// reportable and undecided with the ICO it is also in GSI1 under `ICO-DUE`, by deadline.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BreachRecord {
    #[serde(rename = "PK")]
    pub pk: String,
    #[serde(rename = "SK")]
    pub sk: String,
    #[serde(rename = "GSI1PK", default, skip_serializing_if = "Option::is_none")]
    pub gsi1pk: Option<String>,
    #[serde(rename = "GSI1SK", default, skip_serializing_if = "Option::is_none")]
    pub gsi1sk: Option<String>,
    pub kind: String,
    pub setting_id: String,
    pub breach_id: String,
    pub description: String,
    pub discovered_at: String,
    pub category: nestling_domain::incidents::BreachCategory,
    pub affected_children: Vec<AffectedChild>,
    pub risk: nestling_domain::incidents::RiskLevel,
    pub reportable: bool,
    pub ico_deadline: String,
    pub recorded_by: String,
    pub recorded_by_name: String,
    pub recorded_at: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ico_decision: Option<IcoDecision>,
    #[serde(default)]
    pub family_notifications: Vec<FamilyNotification>,
    pub version: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct AffectedChild {
    pub child_id: String,
    pub name: String,
}

/// The report to the ICO, or the documented reason not to report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct IcoDecision {
    pub reported: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reported_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason_not_reported: Option<String>,
    pub decided_by: String,
    pub decided_by_name: String,
    pub decided_at: String,
}

/// One message sent to the families of the affected children, and to whom.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct FamilyNotification {
    pub notification_id: String,
    pub at: String,
    pub by: String,
    pub by_name: String,
    pub message: String,
    pub recipients: Vec<NotifiedGuardian>,
    /// Children whose parents were not told, and why (no parent on Nestling, a hold).
    pub not_notified: Vec<NotNotified>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct NotifiedGuardian {
    pub user_id: String,
    pub name: String,
    pub email: String,
    pub child_ids: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct NotNotified {
    pub child_id: String,
    pub reason: String,
}

impl BreachRecord {
    pub fn key(setting_id: &str, breach_id: &str) -> Key {
        Key::new(keys::setting(setting_id), keys::breach(breach_id))
    }
    pub fn ico_status(&self) -> nestling_domain::incidents::IcoStatus {
        use nestling_domain::incidents::IcoStatus;
        match &self.ico_decision {
            Some(d) if d.reported => IcoStatus::Reported,
            Some(_) => IcoStatus::NotReported,
            None if self.reportable => IcoStatus::Due,
            None => IcoStatus::NotRequired,
        }
    }
    /// Keeps the GSI1 entry the reminder schedule reads true to the ICO status.
    pub fn index_for_reminders(&mut self) {
        if self.ico_status() == nestling_domain::incidents::IcoStatus::Due {
            self.gsi1pk = Some(keys::ICO_DUE.into());
            self.gsi1sk = Some(format!("{}#{}#{}", self.ico_deadline, self.setting_id, self.breach_id));
        } else {
            self.gsi1pk = None;
            self.gsi1sk = None;
        }
    }
}

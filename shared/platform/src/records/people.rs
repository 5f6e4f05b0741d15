//! People: memberships of a setting, accounts, email addresses and invitations.

use super::*;

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
    pub setting_id: SettingId,
    pub setting_name: String,
    pub user_id: UserId,
    pub email: String,
    pub name: String,
    pub role: Role,
    pub status: MembershipStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qualification_level: Option<u8>,
    pub invited_at: Timestamp,
    pub invited_by: UserId,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub activated_at: Option<Timestamp>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revoked_at: Option<Timestamp>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revoked_by: Option<UserId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revoked_reason: Option<String>,
    /// Parents and family: the agreement version they last accepted, and when.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accepted_agreement_version: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accepted_agreement_at: Option<Timestamp>,
    /// Parents and family: the children they hold an unrevoked link to.
    #[serde(default)]
    pub linked_children: Vec<ChildId>,
    /// Staff: their latest remote-access attestation (rule 8).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remote_attestation: Option<RemoteAttestation>,
    /// SES reported the address bounced for good or complained: managers see it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email_problem: Option<EmailProblem>,
    /// Staff: the keys their devices encrypt offline work with (the device holds the key only
    /// in memory, so what it stores cannot be read without a signed-in session; a revoked
    /// membership can no longer fetch it).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub offline_keys: Vec<OfflineKey>,
    pub version: u64,
}

/// One device's key for its offline store.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OfflineKey {
    pub device_id: String,
    /// 32 random bytes, base64url (an AES-256-GCM key).
    pub key: String,
    pub issued_at: Timestamp,
}

impl OfflineKey {
    /// At most this many devices per membership: a new one past it replaces the longest-held key.
    pub const PER_MEMBER: usize = 5;

    /// A new key: SHA-256 over two v4 UUIDs (244 bits from the system's CSPRNG), 32 bytes.
    pub fn generate(device_id: &str, issued_at: Timestamp) -> Self {
        use base64::Engine;
        use sha2::{Digest, Sha256};
        let seed = format!("{}{}", uuid::Uuid::new_v4().simple(), uuid::Uuid::new_v4().simple());
        let key = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(Sha256::digest(seed.as_bytes()));
        Self { device_id: device_id.to_string(), key, issued_at }
    }
}

/// A permanent bounce or a complaint about email to this address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct EmailProblem {
    /// `bounce` or `complaint`.
    pub kind: String,
    /// SES's words: the bounce type and diagnostic, or the complaint's feedback type.
    pub detail: String,
    #[schema(value_type = String)]
    pub at: Timestamp,
}

/// What a member of staff confirmed before working off the premises, and until when it holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct RemoteAttestation {
    pub confidentiality: bool,
    pub security_software: bool,
    pub own_device: bool,
    #[schema(value_type = String)]
    pub attested_at: Timestamp,
    #[schema(value_type = String)]
    pub expires_at: Timestamp,
}

/// Who a new membership is for and how it starts.
pub struct NewMember<'a> {
    pub setting_id: &'a SettingId,
    pub setting_name: &'a str,
    pub user_id: &'a UserId,
    pub email: &'a str,
    pub name: &'a str,
    pub role: Role,
    pub status: MembershipStatus,
    pub qualification_level: Option<u8>,
    pub invited_by: &'a UserId,
}

impl MemberRecord {
    pub fn key(setting_id: &SettingId, user_id: &UserId) -> Key {
        Key::new(keys::setting(setting_id), keys::member(user_id))
    }
    /// A membership at version 1, active from `now` when it starts active.
    pub fn new(m: NewMember<'_>, now: Timestamp) -> Self {
        Self {
            pk: keys::setting(m.setting_id),
            sk: keys::member(m.user_id),
            gsi1pk: keys::user(m.user_id),
            gsi1sk: keys::membership(m.setting_id),
            kind: "member".into(),
            setting_id: m.setting_id.clone(),
            setting_name: m.setting_name.into(),
            user_id: m.user_id.clone(),
            email: m.email.into(),
            name: m.name.into(),
            role: m.role,
            status: m.status,
            qualification_level: m.qualification_level,
            invited_at: now,
            invited_by: m.invited_by.clone(),
            activated_at: (m.status == MembershipStatus::Active).then_some(now),
            revoked_at: None,
            revoked_by: None,
            revoked_reason: None,
            accepted_agreement_version: None,
            accepted_agreement_at: None,
            linked_children: Vec::new(),
            remote_attestation: None,
            email_problem: None,
            offline_keys: Vec::new(),
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
    pub user_id: UserId,
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
    /// Their authenticator, once enrolled: from then on Cognito asks for its code at every
    /// sign-in. Kept here so authorising a request needs no call to Cognito.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mfa: Option<MfaRecord>,
    /// The devices they asked to be notified on (Web Push), besides or instead of email.
    /// Kept on the profile so the fan-out that reads it anyway needs no extra round trip.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub push_subscriptions: Vec<PushSubscription>,
    pub created_at: Timestamp,
    pub version: u64,
}

/// One browser's push subscription: where to POST and the keys to encrypt to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PushSubscription {
    /// Derived from the endpoint (`push::subscription_id`).
    pub subscription_id: String,
    pub endpoint: String,
    /// The browser's P-256 public key and auth secret, base64url.
    pub p256dh: String,
    pub auth: String,
    pub created_at: Timestamp,
}

impl PushSubscription {
    /// At most this many devices per person: a new one past it replaces the oldest.
    pub const PER_USER: usize = 5;
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MfaRecord {
    /// Only TOTP apps today.
    pub method: String,
    pub enrolled_at: Timestamp,
}

impl UserRecord {
    pub fn key(user_id: &UserId) -> Key {
        Key::new(keys::user(user_id), keys::USER_PROFILE)
    }
    /// The profile without one push subscription, as the next version; None when it has no
    /// such subscription (nothing to write).
    pub fn without_push_subscription(&self, subscription_id: &str) -> Option<UserRecord> {
        if !self.push_subscriptions.iter().any(|s| s.subscription_id == subscription_id) {
            return None;
        }
        let kept = self.push_subscriptions.iter().filter(|s| s.subscription_id != subscription_id).cloned().collect();
        Some(UserRecord { push_subscriptions: kept, version: self.version + 1, ..self.clone() })
    }
    pub fn new(user_id: &UserId, username: &str, email: &str, name: &str, status: AccountStatus, now: Timestamp) -> Self {
        Self {
            pk: keys::user(user_id),
            sk: keys::USER_PROFILE.into(),
            gsi1pk: keys::user(user_id),
            gsi1sk: keys::USER_PROFILE.into(),
            kind: "user".into(),
            user_id: user_id.clone(),
            username: username.into(),
            email: email.into(),
            name: name.into(),
            status,
            operator: false,
            notifications: NotificationPreference::Immediate,
            mfa: None,
            push_subscriptions: Vec::new(),
            created_at: now,
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
    pub user_id: UserId,
    pub username: String,
    /// Mirrors the account's status, so one read of the address tells whether it can sign in.
    pub status: AccountStatus,
}

impl EmailRecord {
    pub fn key(email: &str) -> Key {
        Key::new(keys::email(email), keys::EMAIL_SK)
    }
    pub fn new(email: &str, user_id: &UserId, username: &str) -> Self {
        Self {
            pk: keys::email(email),
            sk: keys::EMAIL_SK.into(),
            kind: "email".into(),
            user_id: user_id.clone(),
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
    pub user_id: UserId,
    pub username: String,
    pub email: String,
    pub setting_id: SettingId,
    pub role: Role,
    /// The invitee's name as the inviter gave it (a manager joins the managers' list with it).
    #[serde(default)]
    pub name: String,
    pub invited_by: UserId,
    pub created_at: Timestamp,
    /// Unix seconds; also the table's TTL attribute, so spent invitations disappear.
    pub expires_at: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accepted_at: Option<Timestamp>,
}

impl InvitationRecord {
    pub fn key(token_hash: &str) -> Key {
        Key::new(keys::invitation(token_hash), keys::INVITATION_SK)
    }
}

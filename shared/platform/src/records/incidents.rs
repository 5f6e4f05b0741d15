//! Faults and the personal-data breach register.

use super::*;

/// A fault someone reported (`SETTING#id / FAULT#id`), with every step taken on it.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FaultRecord {
    #[serde(rename = "PK")]
    pub pk: String,
    #[serde(rename = "SK")]
    pub sk: String,
    pub kind: String,
    pub setting_id: SettingId,
    pub fault_id: FaultId,
    pub description: String,
    pub privacy_affected: bool,
    pub reported_by: UserId,
    pub reported_by_name: String,
    pub reported_by_role: String,
    pub reported_at: Timestamp,
    pub status: nestling_domain::incidents::FaultStatus,
    #[serde(default)]
    pub history: Vec<FaultStep>,
    pub version: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct FaultStep {
    #[schema(value_type = String)]
    pub at: Timestamp,
    #[schema(value_type = String)]
    pub by: UserId,
    pub by_name: String,
    /// `reported` or `confirmed-fixed`.
    pub step: String,
    pub note: String,
}

impl FaultRecord {
    pub fn key(setting_id: &SettingId, fault_id: &FaultId) -> Key {
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
    pub setting_id: SettingId,
    pub breach_id: BreachId,
    pub description: String,
    pub discovered_at: Timestamp,
    pub category: nestling_domain::incidents::BreachCategory,
    pub affected_children: Vec<AffectedChild>,
    pub risk: nestling_domain::incidents::RiskLevel,
    pub reportable: bool,
    pub ico_deadline: Timestamp,
    pub recorded_by: UserId,
    pub recorded_by_name: String,
    pub recorded_at: Timestamp,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ico_decision: Option<IcoDecision>,
    #[serde(default)]
    pub family_notifications: Vec<FamilyNotification>,
    pub version: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct AffectedChild {
    #[schema(value_type = String)]
    pub child_id: ChildId,
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
    #[schema(value_type = Option<String>)]
    pub reported_at: Option<Timestamp>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason_not_reported: Option<String>,
    #[schema(value_type = String)]
    pub decided_by: UserId,
    pub decided_by_name: String,
    #[schema(value_type = String)]
    pub decided_at: Timestamp,
}

/// One message sent to the families of the affected children, and to whom.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct FamilyNotification {
    pub notification_id: String,
    #[schema(value_type = String)]
    pub at: Timestamp,
    #[schema(value_type = String)]
    pub by: UserId,
    pub by_name: String,
    pub message: String,
    pub recipients: Vec<NotifiedGuardian>,
    /// Children whose parents were not told, and why (no parent on Nestling, a hold).
    pub not_notified: Vec<NotNotified>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct NotifiedGuardian {
    #[schema(value_type = String)]
    pub user_id: UserId,
    pub name: String,
    pub email: String,
    #[schema(value_type = Vec<String>)]
    pub child_ids: Vec<ChildId>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct NotNotified {
    #[schema(value_type = String)]
    pub child_id: ChildId,
    pub reason: String,
}

impl BreachRecord {
    pub fn key(setting_id: &SettingId, breach_id: &BreachId) -> Key {
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

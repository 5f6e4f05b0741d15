//! Data rights: the requests people make under data protection law, each with its clock.

use super::*;
use nestling_domain::rights::{ReceivedBy, RightsRequestKind, RightsRequestStatus};

/// Whom a request is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum RequestSubject {
    Child {
        #[schema(value_type = String)]
        #[serde(rename = "childId")]
        child_id: ChildId,
        name: String,
    },
    /// A person: a member of the setting (`userId`), or someone named by the manager who
    /// logged the request.
    Person {
        #[schema(value_type = Option<String>)]
        #[serde(rename = "userId", default, skip_serializing_if = "Option::is_none")]
        user_id: Option<UserId>,
        name: String,
    },
}

/// Who made a request, and when and how it was extended or answered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RequestStep {
    pub by: UserId,
    pub by_name: String,
    pub at: Timestamp,
    /// The reason (an extension) or how it was answered.
    pub note: String,
}

/// One request (`SETTING#<setting>` / `RIGHTS#<request>`): open, it is on GSI1 `RIGHTS-DUE` /
/// `<first reminder day>#<setting>#<request>`, which the morning reminders read.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RightsRequestRecord {
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
    pub request_id: String,
    pub request_kind: RightsRequestKind,
    pub about: RequestSubject,
    /// The member who asked in the app; None when a manager logged a request from outside.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requester_id: Option<UserId>,
    pub requester_name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requester_email: Option<String>,
    /// The day it reached the setting (YYYY-MM-DD), from which the month runs.
    pub received_on: String,
    pub received_by: ReceivedBy,
    pub due_on: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extended: Option<RequestStep>,
    pub status: RightsRequestStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answered: Option<RequestStep>,
    pub logged_by: UserId,
    pub created_at: Timestamp,
    pub version: u64,
}

impl RightsRequestRecord {
    pub fn key(setting_id: &SettingId, request_id: &str) -> Key {
        Key::new(keys::setting(setting_id), keys::rights_request(request_id))
    }
    /// The reminders' index line while open.
    pub fn due_index(setting_id: &SettingId, request_id: &str, due_on: time::Date) -> (String, String) {
        let first = nestling_domain::rights::first_reminder(due_on);
        (keys::RIGHTS_DUE.to_string(), format!("{first}#{setting_id}#{request_id}"))
    }
}

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
    /// The export of what is held, once a manager gathered it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub export: Option<ExportRecord>,
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

impl RightsRequestRecord {
    /// Where the export's files lie in the media bucket (`gathered.json`, `your-data.pdf`,
    /// `your-data.zip`): the bucket's lifecycle deletes them (`rights/`).
    pub fn export_object(&self, file: &str) -> String {
        format!("rights/{}/{}/{file}", self.setting_id, self.request_id)
    }
}

/// Where a request's export stands: gathered in the background, reviewed by a manager (who
/// may withhold items, each with a reason), then released, made into the files in the
/// background, and the request answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ExportStatus {
    Gathering,
    Review,
    Releasing,
    Released,
}

/// A request's export, kept on the request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExportRecord {
    pub status: ExportStatus,
    pub gathered_by_name: String,
    pub asked_at: Timestamp,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gathered_at: Option<Timestamp>,
    /// How many items were gathered.
    #[serde(default)]
    pub items: u32,
    /// Photos and videos left out automatically: another child in them has no consent.
    #[serde(default)]
    pub media_left_out: u32,
    /// The items a manager withheld (third parties' data), by item id.
    #[serde(default)]
    pub withheld: BTreeMap<String, WithheldItem>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub released: Option<RequestStep>,
    /// When the released files were made; downloads end a month after.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub made_at: Option<Timestamp>,
    #[serde(default)]
    pub pdf_bytes: u64,
    #[serde(default)]
    pub archive_bytes: u64,
}

/// Why an item is not released, and who decided.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WithheldItem {
    pub reason: String,
    pub by_name: String,
    pub at: Timestamp,
}

/// The step `rights-export-build` is handed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ExportStep {
    Gather,
    Release,
}

impl ExportStep {
    fn sort_key(self) -> &'static str {
        match self {
            ExportStep::Gather => "GATHER",
            ExportStep::Release => "RELEASE",
        }
    }
}

/// A step waiting for `rights-export-build` (`RIGHTS-EXPORT#<setting>#<request>` / `GATHER`
/// or `RELEASE`): its creation reaches the function through the table stream; the step's
/// last transaction deletes it.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExportJobRecord {
    #[serde(rename = "PK")]
    pub pk: String,
    #[serde(rename = "SK")]
    pub sk: String,
    pub kind: String,
    pub setting_id: SettingId,
    pub request_id: String,
    pub step: ExportStep,
    pub at: Timestamp,
}

impl ExportJobRecord {
    pub fn key(setting_id: &SettingId, request_id: &str, step: ExportStep) -> Key {
        Key::new(keys::rights_export_job(setting_id, request_id), step.sort_key())
    }
    pub fn new(setting_id: &SettingId, request_id: &str, step: ExportStep, at: Timestamp) -> Self {
        let key = Self::key(setting_id, request_id, step);
        Self {
            pk: key.pk,
            sk: key.sk,
            kind: "rights-export-job".into(),
            setting_id: setting_id.clone(),
            request_id: request_id.into(),
            step,
            at,
        }
    }
}

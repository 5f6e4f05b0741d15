//! The table itself: every function, its trigger and the IAM actions it may call.

use super::{Auth, Function, Runtime, Trigger};

const READ: &[&str] = &["dynamodb:BatchGetItem", "dynamodb:GetItem", "dynamodb:Query"];
/// Reads of children's data also write their access-log line.
const READ_AUDITED: &[&str] = &["dynamodb:BatchGetItem", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query"];
const READ_WRITE: &[&str] = &[
    "dynamodb:BatchGetItem",
    "dynamodb:ConditionCheckItem",
    "dynamodb:GetItem",
    "dynamodb:PutItem",
    "dynamodb:Query",
    "dynamodb:UpdateItem",
];

/// Revoking someone's access: the change, then Cognito's global sign-out.
const REVOKE_AND_SIGN_OUT: &[&str] = &[
    "cognito-idp:AdminUserGlobalSignOut",
    "dynamodb:BatchGetItem",
    "dynamodb:ConditionCheckItem",
    "dynamodb:PutItem",
    "dynamodb:UpdateItem",
];

/// Changes that read nothing beyond the authorisation batch.
const WRITE: &[&str] = &["dynamodb:BatchGetItem", "dynamodb:ConditionCheckItem", "dynamodb:PutItem", "dynamodb:UpdateItem"];

/// Changes whose answer shows the entry's photos (presigned URLs).
const WRITE_SHOWING_MEDIA: &[&str] =
    &["dynamodb:BatchGetItem", "dynamodb:ConditionCheckItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "s3:GetObject"];

/// Journal reads that hand out presigned media URLs (signed with the function's own role).
const READ_AUDITED_MEDIA: &[&str] = &["dynamodb:BatchGetItem", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query", "s3:GetObject"];

/// Reads of children's data fetched by key with the authorisation, and their access-log line.
const READ_AUDITED_BY_KEY: &[&str] = &["dynamodb:BatchGetItem", "dynamodb:PutItem"];

macro_rules! http {
    ($method:literal, $path:literal, $auth:ident) => {
        Trigger::Http { method: $method, path: $path, auth: Auth::$auth }
    };
}

pub const FUNCTIONS: &[Function] = &[
    Function { name: "health", area: "accounts", trigger: http!("GET", "/v1/health", Public), permissions: &[], runtime: Runtime::API },
    Function {
        name: "me",
        area: "accounts",
        trigger: http!("GET", "/v1/me", Jwt),
        permissions: READ,
        runtime: Runtime::API.queries_index(),
    },
    Function {
        name: "invitations-accept",
        area: "accounts",
        trigger: http!("POST", "/v1/invitations/{token}/accept", Public),
        permissions: &[
            "cognito-idp:AdminGetUser",
            "cognito-idp:AdminSetUserPassword",
            "dynamodb:ConditionCheckItem",
            "dynamodb:GetItem",
            "dynamodb:PutItem",
            "dynamodb:UpdateItem",
        ],
        runtime: Runtime::API,
    },
    Function {
        name: "settings-create",
        area: "settings",
        trigger: http!("POST", "/v1/settings", Jwt),
        permissions: &[
            "cognito-idp:AdminCreateUser",
            "cognito-idp:AdminGetUser",
            "dynamodb:BatchGetItem",
            "dynamodb:ConditionCheckItem",
            "dynamodb:PutItem",
            "dynamodb:UpdateItem",
        ],
        runtime: Runtime::API,
    },
    Function {
        name: "settings-get",
        area: "settings",
        trigger: http!("GET", "/v1/settings/{settingId}", Jwt),
        permissions: READ,
        runtime: Runtime::API,
    },
    Function {
        name: "rooms-create",
        area: "settings",
        trigger: http!("POST", "/v1/settings/{settingId}/rooms", Jwt),
        permissions: READ_WRITE,
        runtime: Runtime::API,
    },
    Function {
        name: "rooms-list",
        area: "settings",
        trigger: http!("GET", "/v1/settings/{settingId}/rooms", Jwt),
        permissions: READ,
        runtime: Runtime::API,
    },
    Function {
        name: "staff-invite",
        area: "staff",
        trigger: http!("POST", "/v1/settings/{settingId}/staff", Jwt),
        permissions: &[
            "cognito-idp:AdminCreateUser",
            "cognito-idp:AdminGetUser",
            "dynamodb:BatchGetItem",
            "dynamodb:ConditionCheckItem",
            "dynamodb:PutItem",
            "dynamodb:UpdateItem",
        ],
        runtime: Runtime::API,
    },
    Function {
        name: "staff-list",
        area: "staff",
        trigger: http!("GET", "/v1/settings/{settingId}/staff", Jwt),
        permissions: READ,
        runtime: Runtime::API,
    },
    Function {
        name: "staff-revoke",
        area: "staff",
        trigger: http!("POST", "/v1/settings/{settingId}/staff/{userId}/revoke", Jwt),
        permissions: REVOKE_AND_SIGN_OUT,
        runtime: Runtime::API,
    },
    Function {
        name: "children-register",
        area: "children",
        trigger: http!("POST", "/v1/settings/{settingId}/children", Jwt),
        permissions: READ_WRITE,
        runtime: Runtime::API,
    },
    Function {
        name: "children-list",
        area: "children",
        trigger: http!("GET", "/v1/settings/{settingId}/children", Jwt),
        permissions: READ_AUDITED,
        runtime: Runtime::API,
    },
    Function {
        name: "children-get",
        area: "children",
        trigger: http!("GET", "/v1/settings/{settingId}/children/{childId}", Jwt),
        permissions: READ_AUDITED,
        runtime: Runtime::API,
    },
    Function {
        name: "children-update",
        area: "children",
        trigger: http!("PATCH", "/v1/settings/{settingId}/children/{childId}", Jwt),
        permissions: READ_WRITE,
        runtime: Runtime::API,
    },
    Function {
        name: "guardians-link",
        area: "guardians",
        trigger: http!("POST", "/v1/settings/{settingId}/children/{childId}/guardians", Jwt),
        permissions: &[
            "cognito-idp:AdminCreateUser",
            "cognito-idp:AdminGetUser",
            "dynamodb:BatchGetItem",
            "dynamodb:ConditionCheckItem",
            "dynamodb:GetItem",
            "dynamodb:PutItem",
            "dynamodb:UpdateItem",
        ],
        runtime: Runtime::API,
    },
    Function {
        name: "guardians-list",
        area: "guardians",
        trigger: http!("GET", "/v1/settings/{settingId}/children/{childId}/guardians", Jwt),
        permissions: READ_AUDITED,
        runtime: Runtime::API,
    },
    Function {
        name: "guardians-revoke",
        area: "guardians",
        trigger: http!("POST", "/v1/settings/{settingId}/children/{childId}/guardians/{userId}/revoke", Jwt),
        permissions: REVOKE_AND_SIGN_OUT,
        runtime: Runtime::API,
    },
    Function {
        name: "hold-place",
        area: "children",
        trigger: http!("POST", "/v1/settings/{settingId}/children/{childId}/safeguarding-hold", Jwt),
        permissions: READ_WRITE,
        runtime: Runtime::API,
    },
    Function {
        name: "hold-lift",
        area: "children",
        trigger: http!("DELETE", "/v1/settings/{settingId}/children/{childId}/safeguarding-hold", Jwt),
        permissions: READ_WRITE,
        runtime: Runtime::API,
    },
    Function {
        name: "consents-set",
        area: "children",
        trigger: http!("PUT", "/v1/settings/{settingId}/children/{childId}/consents", Jwt),
        permissions: READ_WRITE,
        runtime: Runtime::API,
    },
    Function {
        name: "agreement-get",
        area: "guardians",
        trigger: http!("GET", "/v1/settings/{settingId}/agreement", Jwt),
        permissions: READ,
        runtime: Runtime::API,
    },
    Function {
        name: "agreement-publish",
        area: "guardians",
        trigger: http!("PUT", "/v1/settings/{settingId}/agreement", Jwt),
        permissions: READ_WRITE,
        runtime: Runtime::API,
    },
    Function {
        name: "agreement-accept",
        area: "guardians",
        trigger: http!("POST", "/v1/settings/{settingId}/agreement/acceptances", Jwt),
        permissions: READ_WRITE,
        runtime: Runtime::API,
    },
    Function {
        name: "audit-list",
        area: "settings",
        trigger: http!("GET", "/v1/settings/{settingId}/audit", Jwt),
        permissions: READ,
        runtime: Runtime::API,
    },
    Function {
        name: "media-upload",
        area: "media",
        trigger: http!("POST", "/v1/settings/{settingId}/media", Jwt),
        permissions: &["dynamodb:BatchGetItem", "dynamodb:ConditionCheckItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "s3:PutObject"],
        runtime: Runtime::API.media(&["quarantine/"]),
    },
    Function {
        name: "media-get",
        area: "media",
        trigger: http!("GET", "/v1/settings/{settingId}/media/{mediaId}", Jwt),
        permissions: &["dynamodb:BatchGetItem", "dynamodb:PutItem", "s3:GetObject"],
        runtime: Runtime::API.media(&["quarantine/", "media/"]),
    },
    Function {
        name: "media-check",
        area: "media",
        trigger: Trigger::MediaUpload,
        permissions: &["dynamodb:GetItem", "dynamodb:PutItem", "s3:DeleteObject", "s3:GetObject", "s3:PutObject"],
        runtime: Runtime::event("checks, cleans and thumbnails uploads in quarantine/", 5, "MediaDeadLetterQueue")
            .media(&["quarantine/", "media/"])
            .sized(2048, 120, "Room for a 200 MB video read whole (and its cleaned copy), or a 48-megapixel decode."),
    },
    Function {
        name: "observations-create",
        area: "journal",
        trigger: http!("POST", "/v1/settings/{settingId}/observations", Jwt),
        permissions: WRITE,
        runtime: Runtime::API,
    },
    Function {
        name: "observations-list",
        area: "journal",
        trigger: http!("GET", "/v1/settings/{settingId}/observations", Jwt),
        permissions: READ_AUDITED,
        runtime: Runtime::API,
    },
    Function {
        name: "observations-update",
        area: "journal",
        trigger: http!("PATCH", "/v1/settings/{settingId}/observations/{observationId}", Jwt),
        permissions: WRITE,
        runtime: Runtime::API,
    },
    Function {
        name: "observations-delete",
        area: "journal",
        trigger: http!("DELETE", "/v1/settings/{settingId}/observations/{observationId}", Jwt),
        permissions: &[
            "dynamodb:BatchGetItem",
            "dynamodb:ConditionCheckItem",
            "dynamodb:DeleteItem",
            "dynamodb:PutItem",
            "dynamodb:UpdateItem",
        ],
        runtime: Runtime::API,
    },
    Function {
        name: "journal-get",
        area: "journal",
        trigger: http!("GET", "/v1/settings/{settingId}/children/{childId}/journal", Jwt),
        permissions: READ_AUDITED_MEDIA,
        runtime: Runtime::API.media(&["media/"]),
    },
    Function {
        name: "comments-create",
        area: "journal",
        trigger: http!("POST", "/v1/settings/{settingId}/observations/{observationId}/comments", Jwt),
        permissions: WRITE,
        runtime: Runtime::API,
    },
    Function {
        name: "comments-list",
        area: "journal",
        trigger: http!("GET", "/v1/settings/{settingId}/observations/{observationId}/comments", Jwt),
        permissions: READ_AUDITED,
        runtime: Runtime::API,
    },
    Function {
        name: "contributions-create",
        area: "journal",
        trigger: http!("POST", "/v1/settings/{settingId}/children/{childId}/contributions", Jwt),
        permissions: WRITE_SHOWING_MEDIA,
        runtime: Runtime::API.media(&["media/"]),
    },
    Function {
        name: "child-contributions",
        area: "journal",
        trigger: http!("GET", "/v1/settings/{settingId}/children/{childId}/contributions", Jwt),
        permissions: READ_AUDITED_MEDIA,
        runtime: Runtime::API.queries_index().media(&["media/"]),
    },
    Function {
        name: "contributions-list",
        area: "journal",
        trigger: http!("GET", "/v1/settings/{settingId}/contributions", Jwt),
        permissions: READ_AUDITED_MEDIA,
        runtime: Runtime::API.media(&["media/"]),
    },
    Function {
        name: "contributions-approve",
        area: "journal",
        trigger: http!("POST", "/v1/settings/{settingId}/contributions/{contributionId}/approve", Jwt),
        permissions: WRITE_SHOWING_MEDIA,
        runtime: Runtime::API.media(&["media/"]),
    },
    Function {
        name: "contributions-reject",
        area: "journal",
        trigger: http!("POST", "/v1/settings/{settingId}/contributions/{contributionId}/reject", Jwt),
        permissions: WRITE_SHOWING_MEDIA,
        runtime: Runtime::API.media(&["media/"]),
    },
    Function {
        name: "key-children",
        area: "journal",
        trigger: http!("GET", "/v1/settings/{settingId}/staff/{userId}/key-children", Jwt),
        permissions: READ_AUDITED,
        runtime: Runtime::API,
    },
    Function {
        name: "collectors-set",
        area: "care",
        trigger: http!("PUT", "/v1/settings/{settingId}/children/{childId}/collectors", Jwt),
        permissions: WRITE,
        runtime: Runtime::API,
    },
    Function {
        name: "attendance-record",
        area: "care",
        trigger: http!("POST", "/v1/settings/{settingId}/children/{childId}/attendance", Jwt),
        permissions: WRITE,
        runtime: Runtime::API,
    },
    Function {
        name: "register-get",
        area: "care",
        trigger: http!("GET", "/v1/settings/{settingId}/register", Jwt),
        permissions: READ_AUDITED_BY_KEY,
        runtime: Runtime::API,
    },
    Function {
        name: "child-attendance",
        area: "care",
        trigger: http!("GET", "/v1/settings/{settingId}/children/{childId}/attendance", Jwt),
        permissions: READ_AUDITED_BY_KEY,
        runtime: Runtime::API,
    },
    Function {
        name: "absences-report",
        area: "care",
        trigger: http!("POST", "/v1/settings/{settingId}/children/{childId}/absences", Jwt),
        permissions: WRITE,
        runtime: Runtime::API,
    },
    Function {
        name: "staff-clock",
        area: "care",
        trigger: http!("POST", "/v1/settings/{settingId}/staff/me/clock", Jwt),
        permissions: WRITE,
        runtime: Runtime::API,
    },
    Function {
        name: "timesheets-get",
        area: "care",
        trigger: http!("GET", "/v1/settings/{settingId}/timesheets", Jwt),
        permissions: &["dynamodb:BatchGetItem"],
        runtime: Runtime::API,
    },
    Function {
        name: "ratios-get",
        area: "care",
        trigger: http!("GET", "/v1/settings/{settingId}/ratios", Jwt),
        permissions: &["dynamodb:BatchGetItem"],
        runtime: Runtime::API,
    },
    Function {
        name: "ratio-breaches",
        area: "care",
        trigger: http!("GET", "/v1/settings/{settingId}/ratio-breaches", Jwt),
        permissions: &["dynamodb:BatchGetItem", "dynamodb:Query"],
        runtime: Runtime::API,
    },
    Function {
        name: "diary-add",
        area: "care",
        trigger: http!("POST", "/v1/settings/{settingId}/children/{childId}/diary", Jwt),
        permissions: WRITE,
        runtime: Runtime::API,
    },
    Function {
        name: "diary-get",
        area: "care",
        trigger: http!("GET", "/v1/settings/{settingId}/children/{childId}/diary", Jwt),
        permissions: READ_AUDITED_BY_KEY,
        runtime: Runtime::API,
    },
    Function {
        name: "medicine-permission-set",
        area: "care",
        trigger: http!("PUT", "/v1/settings/{settingId}/children/{childId}/medicine-permissions/{permissionId}", Jwt),
        permissions: WRITE,
        runtime: Runtime::API,
    },
    Function {
        name: "medicine-dose",
        area: "care",
        trigger: http!("POST", "/v1/settings/{settingId}/children/{childId}/medicine-doses", Jwt),
        permissions: WRITE,
        runtime: Runtime::API,
    },
    Function {
        name: "accidents-create",
        area: "care",
        trigger: http!("POST", "/v1/settings/{settingId}/children/{childId}/accidents", Jwt),
        permissions: WRITE,
        runtime: Runtime::API,
    },
    Function {
        name: "child-accidents",
        area: "care",
        trigger: http!("GET", "/v1/settings/{settingId}/children/{childId}/accidents", Jwt),
        permissions: READ_AUDITED,
        runtime: Runtime::API,
    },
    Function {
        name: "accidents-review",
        area: "care",
        trigger: http!("POST", "/v1/settings/{settingId}/accidents/{accidentId}/review", Jwt),
        permissions: WRITE,
        runtime: Runtime::API,
    },
    Function {
        name: "accidents-acknowledge",
        area: "care",
        trigger: http!("POST", "/v1/settings/{settingId}/accidents/{accidentId}/acknowledge", Jwt),
        permissions: WRITE,
        runtime: Runtime::API,
    },
    Function {
        name: "accidents-list",
        area: "care",
        trigger: http!("GET", "/v1/settings/{settingId}/accidents", Jwt),
        permissions: READ_AUDITED_BY_KEY,
        runtime: Runtime::API,
    },
    Function {
        name: "faults-report",
        area: "incidents",
        trigger: http!("POST", "/v1/settings/{settingId}/faults", Jwt),
        permissions: WRITE,
        runtime: Runtime::API,
    },
    Function {
        name: "faults-list",
        area: "incidents",
        trigger: http!("GET", "/v1/settings/{settingId}/faults", Jwt),
        permissions: READ,
        runtime: Runtime::API,
    },
    Function {
        name: "faults-resolve",
        area: "incidents",
        trigger: http!("POST", "/v1/settings/{settingId}/faults/{faultId}/resolve", Jwt),
        permissions: WRITE,
        runtime: Runtime::API,
    },
    Function {
        name: "lockdown-start",
        area: "incidents",
        trigger: http!("POST", "/v1/settings/{settingId}/lockdown", Jwt),
        permissions: WRITE,
        runtime: Runtime::API,
    },
    Function {
        name: "lockdown-lift",
        area: "incidents",
        trigger: http!("DELETE", "/v1/settings/{settingId}/lockdown", Jwt),
        permissions: WRITE,
        runtime: Runtime::API,
    },
    Function {
        name: "breaches-record",
        area: "incidents",
        trigger: http!("POST", "/v1/settings/{settingId}/breaches", Jwt),
        permissions: WRITE,
        runtime: Runtime::API,
    },
    Function {
        name: "breaches-list",
        area: "incidents",
        trigger: http!("GET", "/v1/settings/{settingId}/breaches", Jwt),
        permissions: READ_AUDITED,
        runtime: Runtime::API,
    },
    Function {
        name: "breaches-ico-report",
        area: "incidents",
        trigger: http!("POST", "/v1/settings/{settingId}/breaches/{breachId}/ico-report", Jwt),
        permissions: WRITE,
        runtime: Runtime::API,
    },
    Function {
        name: "breaches-notify-families",
        area: "incidents",
        trigger: http!("POST", "/v1/settings/{settingId}/breaches/{breachId}/notify-families", Jwt),
        permissions: WRITE,
        runtime: Runtime::API,
    },
    Function {
        name: "email-problems",
        area: "staff",
        trigger: http!("GET", "/v1/settings/{settingId}/email-problems", Jwt),
        permissions: READ,
        runtime: Runtime::API,
    },
    Function {
        name: "networks-set",
        area: "settings",
        trigger: http!("PUT", "/v1/settings/{settingId}/networks", Jwt),
        permissions: WRITE,
        runtime: Runtime::API,
    },
    Function {
        name: "remote-attestation",
        area: "staff",
        trigger: http!("POST", "/v1/settings/{settingId}/staff/me/remote-attestation", Jwt),
        permissions: WRITE,
        runtime: Runtime::API,
    },
    Function {
        name: "breach-deadlines",
        area: "incidents",
        trigger: Trigger::Schedule { cron: "cron(0/15 * * * ? *)" },
        permissions: &["dynamodb:BatchGetItem", "dynamodb:PutItem", "dynamodb:Query"],
        runtime: Runtime::event(
            "every 15 minutes, reminds managers of ICO deadlines 24 hours before and when passed",
            1,
            "OutboxDeadLetterQueue",
        )
        .queries_index()
        .sized(256, 120, "Walks every reportable breach not yet reported."),
    },
    Function {
        name: "preferences-set",
        area: "accounts",
        trigger: http!("PUT", "/v1/me/notification-preferences", Jwt),
        permissions: &["dynamodb:UpdateItem"],
        runtime: Runtime::API,
    },
    Function {
        name: "notify-fanout",
        area: "outbox",
        trigger: Trigger::TableStream { prefix: "NOTIFY#", retries: 5, max_age_s: None },
        // Lockdown broadcasts sign the setting's families and practitioners out; lifting one
        // releases the family emails held during it (deleting each held item as it goes).
        permissions: &[
            "cognito-idp:AdminUserGlobalSignOut",
            "dynamodb:BatchGetItem",
            "dynamodb:DeleteItem",
            "dynamodb:PutItem",
            "dynamodb:Query",
        ],
        runtime: Runtime::event("turns journal events into emails and digest lines from the table stream", 5, "OutboxDeadLetterQueue")
            .sized(256, 120, "A lockdown signs out and emails every family of a setting in one invocation."),
    },
    Function {
        name: "digest-send",
        area: "outbox",
        trigger: Trigger::Schedule { cron: "cron(30 6 * * ? *)" },
        permissions: &["dynamodb:PutItem", "dynamodb:Query"],
        runtime: Runtime::event("each morning, one email per parent about the day before", 1, "OutboxDeadLetterQueue").sized(
            256,
            300,
            "Writes the digest of every parent who wants one.",
        ),
    },
    Function {
        name: "ses-feedback",
        area: "outbox",
        trigger: Trigger::EmailFeedback,
        permissions: &["dynamodb:BatchGetItem", "dynamodb:PutItem", "dynamodb:Query", "dynamodb:UpdateItem"],
        runtime: Runtime::event("marks addresses SES reports as permanently bounced or complained", 2, "OutboxDeadLetterQueue")
            .queries_index(),
    },
    Function {
        name: "outbox-sender",
        area: "outbox",
        trigger: Trigger::TableStream { prefix: "OUTBOX#", retries: 1000, max_age_s: Some(3600) },
        // GetItem: a lost claim reads the item to tell "already sent" from "being sent".
        permissions: &["dynamodb:GetItem", "dynamodb:UpdateItem", "ses:SendEmail"],
        runtime: Runtime::event("sends outbox emails from the table stream", 5, "OutboxDeadLetterQueue"),
    },
];

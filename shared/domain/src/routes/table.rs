//! The table itself: every function, its trigger and the IAM actions it may call.

use super::permissions::*;
use super::{Auth, Function, Runtime, Trigger};

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
        name: "leaving-set",
        area: "children",
        trigger: http!("PUT", "/v1/settings/{settingId}/children/{childId}/leaving", Jwt),
        permissions: READ_WRITE,
        runtime: Runtime::API,
    },
    Function {
        name: "leaving-cancel",
        area: "children",
        trigger: http!("DELETE", "/v1/settings/{settingId}/children/{childId}/leaving", Jwt),
        permissions: READ_WRITE,
        runtime: Runtime::API,
    },
    Function {
        name: "journey-request",
        area: "journey",
        trigger: http!("POST", "/v1/settings/{settingId}/children/{childId}/journeys", Jwt),
        permissions: WRITE,
        runtime: Runtime::API,
    },
    Function {
        name: "journeys-list",
        area: "journey",
        trigger: http!("GET", "/v1/settings/{settingId}/children/{childId}/journeys", Jwt),
        permissions: READ_AUDITED,
        runtime: Runtime::API,
    },
    Function {
        name: "journey-build",
        area: "journey",
        // A journey is worth waiting for: retried for a day, then dead-lettered (alarmed).
        trigger: Trigger::TableStream { prefix: "JOURNEY#", retries: 50, max_age_s: Some(86_400) },
        // UpdateItem: the claim and the ready mark; GetItem: a lost claim reads the record;
        // PutItem: the access-log line and the parents' emails.
        permissions: &[
            "dynamodb:BatchGetItem",
            "dynamodb:GetItem",
            "dynamodb:PutItem",
            "dynamodb:Query",
            "dynamodb:UpdateItem",
            "s3:GetObject",
            "s3:PutObject",
        ],
        runtime: Runtime::event("makes a child's learning journey (PDF and archive) from the table stream", 2, "MediaDeadLetterQueue")
            .media(&["media/", "journeys/"])
            .sized(
                3008,
                900,
                "Holds the archive of a child's originals (videos too) while it is written, and renders every photo into the PDF.",
            ),
    },
    Function {
        name: "journey-download",
        area: "journey",
        trigger: http!("GET", "/v1/settings/{settingId}/children/{childId}/journeys/{day}", Jwt),
        // GetObject: the presigned URL is signed with the function's own role.
        permissions: &["dynamodb:BatchGetItem", "dynamodb:PutItem", "s3:GetObject"],
        runtime: Runtime::API.media(&["journeys/"]),
    },
    Function {
        name: "journey-transfer",
        area: "journey",
        trigger: http!("POST", "/v1/settings/{settingId}/children/{childId}/journeys/{day}/transfers", Jwt),
        permissions: WRITE,
        runtime: Runtime::API,
    },
    Function {
        name: "journey-transfer-download",
        area: "journey",
        // The token in the path is the credential; the POST spends it.
        trigger: http!("POST", "/v1/journey-transfers/{token}/download", Public),
        // UpdateItem: spending the link (given back if the download fails) and the journey's
        // note of it; PutItem: the access-log line; GetObject: the presigned URLs.
        permissions: &["dynamodb:PutItem", "dynamodb:UpdateItem", "s3:GetObject"],
        runtime: Runtime::API.media(&["journeys/"]),
    },
    Function {
        name: "legal-hold-place",
        area: "children",
        trigger: http!("POST", "/v1/settings/{settingId}/children/{childId}/legal-hold", Jwt),
        permissions: READ_WRITE,
        runtime: Runtime::API,
    },
    Function {
        name: "legal-hold-lift",
        area: "children",
        trigger: http!("DELETE", "/v1/settings/{settingId}/children/{childId}/legal-hold", Jwt),
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
        name: "media-expire",
        area: "media",
        trigger: Trigger::Schedule { cron: "cron(20 3 * * ? *)" },
        // PutItem: the expired record and its log line, then the record out of the index.
        permissions: &["dynamodb:PutItem", "dynamodb:Query", "s3:DeleteObject"],
        runtime: Runtime::event("each night, deletes uploads not attached to an entry within 30 days", 1, "MediaDeadLetterQueue")
            .queries_index()
            .media(&["media/"])
            .sized(256, 300, "Walks every upload of every setting that waited too long."),
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
        name: "posts-create",
        area: "comms",
        trigger: http!("POST", "/v1/settings/{settingId}/posts", Jwt),
        permissions: POSTING,
        runtime: Runtime::API.media(&["media/"]),
    },
    Function {
        name: "posts-list",
        area: "comms",
        trigger: http!("GET", "/v1/settings/{settingId}/posts", Jwt),
        permissions: READ_AUDITED_MEDIA,
        runtime: Runtime::API.media(&["media/"]),
    },
    Function {
        name: "posts-get",
        area: "comms",
        trigger: http!("GET", "/v1/settings/{settingId}/posts/{postId}", Jwt),
        permissions: READ_AUDITED_MEDIA,
        runtime: Runtime::API.media(&["media/"]),
    },
    Function {
        name: "posts-pin",
        area: "comms",
        trigger: http!("PUT", "/v1/settings/{settingId}/posts/{postId}/pinned", Jwt),
        permissions: POSTING_AND_UNPINNING,
        runtime: Runtime::API.media(&["media/"]),
    },
    Function {
        name: "posts-approve",
        area: "comms",
        trigger: http!("POST", "/v1/settings/{settingId}/posts/{postId}/approve", Jwt),
        permissions: POSTING_AND_UNPINNING,
        runtime: Runtime::API.media(&["media/"]),
    },
    Function {
        name: "posts-withdraw",
        area: "comms",
        trigger: http!("DELETE", "/v1/settings/{settingId}/posts/{postId}", Jwt),
        permissions: &[
            "dynamodb:BatchGetItem",
            "dynamodb:ConditionCheckItem",
            "dynamodb:DeleteItem",
            "dynamodb:PutItem",
            "dynamodb:UpdateItem",
            "s3:GetObject",
        ],
        runtime: Runtime::API.media(&["media/"]),
    },
    Function {
        name: "event-reply",
        area: "comms",
        trigger: http!("PUT", "/v1/settings/{settingId}/posts/{postId}/replies/{childId}", Jwt),
        permissions: WRITE,
        runtime: Runtime::API,
    },
    Function {
        name: "feed-policy-set",
        area: "comms",
        trigger: http!("PUT", "/v1/settings/{settingId}/feed-policy", Jwt),
        permissions: WRITE,
        runtime: Runtime::API,
    },
    Function {
        name: "event-reminders",
        area: "comms",
        trigger: Trigger::Schedule { cron: "cron(0 8 * * ? *)" },
        permissions: &["dynamodb:BatchGetItem", "dynamodb:PutItem", "dynamodb:Query"],
        runtime: Runtime::event(
            "each morning, reminds families who have not replied to an event a week and two days before its deadline",
            1,
            "OutboxDeadLetterQueue",
        )
        .queries_index()
        .sized(256, 120, "Walks every event due a reminder that day, with its children's links."),
    },
    Function {
        name: "threads-start",
        area: "comms",
        trigger: http!("POST", "/v1/settings/{settingId}/children/{childId}/threads", Jwt),
        permissions: WRITE,
        runtime: Runtime::API,
    },
    Function {
        name: "broadcasts-send",
        area: "comms",
        trigger: http!("POST", "/v1/settings/{settingId}/broadcasts", Jwt),
        permissions: WRITE,
        runtime: Runtime::API,
    },
    Function {
        name: "threads-list",
        area: "comms",
        trigger: http!("GET", "/v1/settings/{settingId}/threads", Jwt),
        permissions: READ_AUDITED,
        runtime: Runtime::API,
    },
    Function {
        name: "threads-get",
        area: "comms",
        trigger: http!("GET", "/v1/settings/{settingId}/threads/{threadId}", Jwt),
        permissions: READ_AUDITED_MEDIA_MARKED,
        runtime: Runtime::API.media(&["media/"]),
    },
    Function {
        name: "messages-send",
        area: "comms",
        trigger: http!("POST", "/v1/settings/{settingId}/threads/{threadId}/messages", Jwt),
        permissions: WRITE_SHOWING_MEDIA,
        runtime: Runtime::API.media(&["media/"]),
    },
    Function {
        name: "messages-withdraw",
        area: "comms",
        trigger: http!("DELETE", "/v1/settings/{settingId}/threads/{threadId}/messages/{messageId}", Jwt),
        permissions: WRITE,
        runtime: Runtime::API,
    },
    Function {
        name: "household-set",
        area: "comms",
        trigger: http!("PUT", "/v1/settings/{settingId}/children/{childId}/guardians/{userId}/household", Jwt),
        permissions: WRITE,
        runtime: Runtime::API,
    },
    Function {
        name: "messaging-policy-set",
        area: "comms",
        trigger: http!("PUT", "/v1/settings/{settingId}/messaging-policy", Jwt),
        permissions: WRITE,
        runtime: Runtime::API,
    },
    Function {
        name: "message-recipients",
        area: "comms",
        trigger: http!("GET", "/v1/settings/{settingId}/message-recipients", Jwt),
        permissions: READ,
        runtime: Runtime::API,
    },
    Function {
        name: "message-alerts",
        area: "comms",
        trigger: Trigger::Schedule { cron: "rate(5 minutes)" },
        permissions: &["dynamodb:BatchGetItem", "dynamodb:ConditionCheckItem", "dynamodb:PutItem", "dynamodb:Query", "dynamodb:UpdateItem"],
        runtime: Runtime::event(
            "every five minutes, emails the people who have not read a message whose withdraw window has passed",
            1,
            "OutboxDeadLetterQueue",
        )
        .queries_index()
        .sized(256, 120, "Walks the messages due an alert, with the links and profiles of the people to tell."),
    },
    Function {
        name: "assessment-framework-set",
        area: "assessment",
        trigger: http!("PUT", "/v1/settings/{settingId}/assessment-framework", Jwt),
        permissions: WRITE,
        runtime: Runtime::API,
    },
    Function {
        name: "assessment-get",
        area: "assessment",
        trigger: http!("GET", "/v1/settings/{settingId}/children/{childId}/assessment", Jwt),
        permissions: READ_AUDITED,
        runtime: Runtime::API,
    },
    Function {
        name: "judgement-set",
        area: "assessment",
        trigger: http!("PUT", "/v1/settings/{settingId}/children/{childId}/assessment/{term}/{aspect}", Jwt),
        permissions: WRITE,
        runtime: Runtime::API,
    },
    Function {
        name: "assessment-share",
        area: "assessment",
        trigger: http!("POST", "/v1/settings/{settingId}/children/{childId}/assessment/{term}/share", Jwt),
        permissions: WRITE,
        runtime: Runtime::API,
    },
    Function {
        name: "checkpoints-list",
        area: "assessment",
        trigger: http!("GET", "/v1/settings/{settingId}/checkpoints", Jwt),
        permissions: READ_AUDITED,
        runtime: Runtime::API,
    },
    Function {
        name: "monitoring-get",
        area: "assessment",
        trigger: http!("GET", "/v1/settings/{settingId}/monitoring", Jwt),
        permissions: READ_AUDITED,
        runtime: Runtime::API,
    },
    Function {
        name: "progress-check-save",
        area: "assessment",
        trigger: http!("PUT", "/v1/settings/{settingId}/children/{childId}/progress-check", Jwt),
        permissions: WRITE,
        runtime: Runtime::API,
    },
    Function {
        name: "progress-check-get",
        area: "assessment",
        trigger: http!("GET", "/v1/settings/{settingId}/children/{childId}/progress-check", Jwt),
        permissions: READ_AUDITED,
        runtime: Runtime::API,
    },
    Function {
        name: "progress-check-share",
        area: "assessment",
        trigger: http!("POST", "/v1/settings/{settingId}/children/{childId}/progress-check/share", Jwt),
        permissions: WRITE,
        runtime: Runtime::API,
    },
    Function {
        name: "progress-check-respond",
        area: "assessment",
        trigger: http!("PUT", "/v1/settings/{settingId}/children/{childId}/progress-check/family", Jwt),
        permissions: WRITE,
        runtime: Runtime::API,
    },
    Function {
        name: "progress-check-sign",
        area: "assessment",
        trigger: http!("POST", "/v1/settings/{settingId}/children/{childId}/progress-check/sign-off", Jwt),
        permissions: WRITE,
        runtime: Runtime::API,
    },
    Function {
        name: "progress-check-pdf",
        area: "assessment",
        trigger: http!("GET", "/v1/settings/{settingId}/children/{childId}/progress-check/pdf", Jwt),
        permissions: READ_AUDITED,
        runtime: Runtime::API,
    },
    Function {
        name: "senco-referral-set",
        area: "assessment",
        trigger: http!("PUT", "/v1/settings/{settingId}/children/{childId}/senco-referral", Jwt),
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
        name: "medicine-permissions-list",
        area: "care",
        trigger: http!("GET", "/v1/settings/{settingId}/children/{childId}/medicine-permissions", Jwt),
        permissions: READ_AUDITED,
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
        name: "device-pairing-start",
        area: "settings",
        // No sign-in: a device asks; nothing is granted until a manager types its code.
        trigger: http!("POST", "/v1/device-pairings", Public),
        // UpdateItem: the address's counter (60 an hour), in the pairing's transaction.
        permissions: &["dynamodb:PutItem", "dynamodb:UpdateItem"],
        runtime: Runtime::API,
    },
    Function {
        name: "device-pairing-get",
        area: "settings",
        // No sign-in: the device's secret (X-Pairing-Secret) is the credential.
        trigger: http!("GET", "/v1/device-pairings/{code}", Public),
        permissions: &["dynamodb:GetItem"],
        runtime: Runtime::API,
    },
    Function {
        name: "device-pair",
        area: "settings",
        trigger: http!("POST", "/v1/settings/{settingId}/devices", Jwt),
        // Query: the setting's devices (bounded); GetItem: the waiting pairing; UpdateItem: the
        // try's counter and the pairing claimed.
        permissions: &["dynamodb:BatchGetItem", "dynamodb:ConditionCheckItem", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query", "dynamodb:UpdateItem"],
        runtime: Runtime::API,
    },
    Function {
        name: "devices-list",
        area: "settings",
        trigger: http!("GET", "/v1/settings/{settingId}/devices", Jwt),
        permissions: &["dynamodb:BatchGetItem", "dynamodb:Query"],
        runtime: Runtime::API,
    },
    Function {
        name: "device-unpair",
        area: "settings",
        trigger: http!("POST", "/v1/settings/{settingId}/devices/{deviceId}/unpair", Jwt),
        permissions: WRITE,
        runtime: Runtime::API,
    },
    Function {
        name: "device-get",
        area: "settings",
        // No person's sign-in: the device's own credential, checked against its record and the
        // premises on every request.
        trigger: http!("GET", "/v1/device", Device),
        permissions: &["dynamodb:BatchGetItem"],
        runtime: Runtime::API,
    },
    Function {
        name: "device-pin-get",
        area: "settings",
        trigger: http!("GET", "/v1/settings/{settingId}/device-pin", Jwt),
        permissions: READ,
        runtime: Runtime::API,
    },
    Function {
        name: "device-pin-set",
        area: "settings",
        trigger: http!("PUT", "/v1/settings/{settingId}/device-pin", Jwt),
        permissions: &["dynamodb:BatchGetItem", "dynamodb:ConditionCheckItem", "dynamodb:PutItem"],
        runtime: Runtime::API,
    },
    Function {
        name: "device-session-start",
        area: "settings",
        // The device's credential; the person's number and PIN in the body.
        trigger: http!("POST", "/v1/device/sessions", Device),
        // UpdateItem: the device's wrong-PIN counter.
        permissions: &["dynamodb:BatchGetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"],
        runtime: Runtime::API,
    },
    Function {
        name: "device-session-end",
        area: "settings",
        trigger: http!("POST", "/v1/device/session/end", Device),
        permissions: &["dynamodb:BatchGetItem", "dynamodb:DeleteItem", "dynamodb:PutItem"],
        runtime: Runtime::API,
    },
    Function {
        name: "school-get",
        area: "settings",
        trigger: http!("GET", "/v1/settings/{settingId}/school", Jwt),
        permissions: &["dynamodb:BatchGetItem"],
        runtime: Runtime::API,
    },
    Function {
        name: "school-set",
        area: "settings",
        trigger: http!("PUT", "/v1/settings/{settingId}/school", Jwt),
        // Query: the setting's members (who may be named as staff).
        permissions: &["dynamodb:BatchGetItem", "dynamodb:ConditionCheckItem", "dynamodb:PutItem", "dynamodb:Query"],
        runtime: Runtime::API,
    },
    Function {
        name: "points-give",
        area: "care",
        trigger: http!("POST", "/v1/settings/{settingId}/children/{childId}/points", Jwt),
        permissions: &["dynamodb:BatchGetItem", "dynamodb:ConditionCheckItem", "dynamodb:PutItem"],
        runtime: Runtime::API,
    },
    Function {
        name: "points-list",
        area: "care",
        trigger: http!("GET", "/v1/settings/{settingId}/children/{childId}/points", Jwt),
        permissions: READ_AUDITED,
        runtime: Runtime::API,
    },
    Function {
        name: "school-register-get",
        area: "care",
        trigger: http!("GET", "/v1/settings/{settingId}/school/registers/{tutorGroupId}", Jwt),
        permissions: READ_AUDITED,
        runtime: Runtime::API,
    },
    Function {
        name: "school-register-mark",
        area: "care",
        trigger: http!("POST", "/v1/settings/{settingId}/school/registers/{tutorGroupId}", Jwt),
        permissions: &["dynamodb:BatchGetItem", "dynamodb:ConditionCheckItem", "dynamodb:PutItem"],
        runtime: Runtime::API,
    },
    Function {
        name: "school-totals-get",
        area: "care",
        trigger: http!("GET", "/v1/settings/{settingId}/school/registers/{tutorGroupId}/totals", Jwt),
        permissions: READ_AUDITED,
        runtime: Runtime::API,
    },
    Function {
        name: "school-attendance-get",
        area: "care",
        trigger: http!("GET", "/v1/settings/{settingId}/children/{childId}/school-attendance", Jwt),
        permissions: READ_AUDITED,
        runtime: Runtime::API,
    },
    Function {
        name: "kiosk-pass-create",
        area: "settings",
        trigger: http!("POST", "/v1/settings/{settingId}/kiosk-passes", Jwt),
        // UpdateItem: the guardian's counter (30 an hour).
        permissions: &["dynamodb:BatchGetItem", "dynamodb:ConditionCheckItem", "dynamodb:PutItem", "dynamodb:UpdateItem"],
        runtime: Runtime::API,
    },
    Function {
        name: "device-guardians-list",
        area: "guardians",
        // Who may collect, read by staff at the tablet to sign a child out (`guardians-list`'s use case).
        trigger: http!("GET", "/v1/device/settings/{settingId}/children/{childId}/guardians", Device),
        permissions: &["dynamodb:BatchGetItem", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query", "dynamodb:UpdateItem"],
        runtime: Runtime::API,
    },
    Function {
        name: "device-register-get",
        area: "care",
        // The register on a device, in a member of staff's PIN'd session (`register-get`'s use case).
        trigger: http!("GET", "/v1/device/settings/{settingId}/register", Device),
        // UpdateItem: the session marked used.
        permissions: &["dynamodb:BatchGetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"],
        runtime: Runtime::API,
    },
    Function {
        name: "device-attendance-record",
        area: "care",
        // Signing in and out on a device: staff at the register, or a guardian at the kiosk
        // (`attendance-record`'s use case, its collection checks unchanged).
        trigger: http!("POST", "/v1/device/settings/{settingId}/children/{childId}/attendance", Device),
        permissions: WRITE,
        runtime: Runtime::API,
    },
    Function {
        name: "device-journal-get",
        area: "journal",
        // A parent's journal on the setting's device, read-only (`journal-get`'s use case).
        trigger: http!("GET", "/v1/device/settings/{settingId}/children/{childId}/journal", Device),
        permissions: READ_AUDITED_MEDIA_MARKED,
        runtime: Runtime::API.media(&["media/"]),
    },
    Function {
        name: "networks-set",
        area: "settings",
        trigger: http!("PUT", "/v1/settings/{settingId}/networks", Jwt),
        permissions: WRITE,
        runtime: Runtime::API,
    },
    Function {
        name: "retention-get",
        area: "settings",
        trigger: http!("GET", "/v1/settings/{settingId}/retention", Jwt),
        permissions: READ,
        runtime: Runtime::API,
    },
    Function {
        name: "retention-set",
        area: "settings",
        trigger: http!("PUT", "/v1/settings/{settingId}/retention", Jwt),
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
        name: "offline-key-issue",
        area: "staff",
        trigger: http!("POST", "/v1/settings/{settingId}/staff/me/offline-key", Jwt),
        permissions: WRITE,
        runtime: Runtime::API,
    },
    Function {
        name: "offline-key-drop",
        area: "staff",
        trigger: http!("DELETE", "/v1/settings/{settingId}/staff/me/offline-key/{deviceId}", Jwt),
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
    // Enrolling an authenticator: Cognito's calls take the caller's own access token, so
    // they need no IAM action (rule 15).
    // One's own devices for push notifications: a versioned write of one's own profile.
    Function {
        name: "push-subscriptions-get",
        area: "accounts",
        trigger: http!("GET", "/v1/me/push-subscriptions", Jwt),
        permissions: &["dynamodb:GetItem"],
        runtime: Runtime::API,
    },
    Function {
        name: "push-subscribe",
        area: "accounts",
        trigger: http!("POST", "/v1/me/push-subscriptions", Jwt),
        permissions: &["dynamodb:GetItem", "dynamodb:PutItem"],
        runtime: Runtime::API,
    },
    Function {
        name: "push-unsubscribe",
        area: "accounts",
        trigger: http!("DELETE", "/v1/me/push-subscriptions/{subscriptionId}", Jwt),
        permissions: &["dynamodb:GetItem", "dynamodb:PutItem"],
        runtime: Runtime::API,
    },
    Function {
        name: "mfa-totp-start",
        area: "accounts",
        trigger: http!("POST", "/v1/me/mfa/totp", Jwt),
        permissions: &["dynamodb:GetItem"],
        runtime: Runtime::API,
    },
    Function {
        name: "mfa-totp-confirm",
        area: "accounts",
        trigger: http!("POST", "/v1/me/mfa/totp/confirm", Jwt),
        permissions: &["dynamodb:GetItem", "dynamodb:UpdateItem"],
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
        name: "push-sender",
        area: "outbox",
        // A day-old notification is no news: retried for an hour, then dead-lettered.
        trigger: Trigger::TableStream { prefix: "PUSH#", retries: 100, max_age_s: Some(3600) },
        // GetItem: a lost claim reads the item, and a gone subscription is removed from its
        // owner's profile (a versioned write). The VAPID key is a SecureString parameter.
        permissions: &["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "ssm:GetParameter"],
        runtime: Runtime::event("sends Web Push notifications from the table stream to the push services", 5, "OutboxDeadLetterQueue"),
    },
    Function {
        name: "rights-request-child",
        area: "rights",
        trigger: http!("POST", "/v1/settings/{settingId}/children/{childId}/rights-requests", Jwt),
        permissions: WRITE,
        runtime: Runtime::API,
    },
    Function {
        name: "rights-request-self",
        area: "rights",
        trigger: http!("POST", "/v1/settings/{settingId}/rights-requests", Jwt),
        permissions: WRITE,
        runtime: Runtime::API,
    },
    Function {
        name: "rights-requests-list",
        area: "rights",
        trigger: http!("GET", "/v1/settings/{settingId}/rights-requests", Jwt),
        permissions: READ_AUDITED,
        runtime: Runtime::API,
    },
    Function {
        name: "rights-request-extend",
        area: "rights",
        trigger: http!("POST", "/v1/settings/{settingId}/rights-requests/{requestId}/extend", Jwt),
        permissions: WRITE,
        runtime: Runtime::API,
    },
    Function {
        name: "rights-request-answer",
        area: "rights",
        trigger: http!("POST", "/v1/settings/{settingId}/rights-requests/{requestId}/answer", Jwt),
        permissions: WRITE,
        runtime: Runtime::API,
    },
    Function {
        name: "rights-erasure-approve",
        area: "rights",
        trigger: http!("POST", "/v1/settings/{settingId}/rights-requests/{requestId}/erasure", Jwt),
        // GetItem: the child the request is about.
        permissions: READ_WRITE,
        runtime: Runtime::API,
    },
    Function {
        name: "rights-export-gather",
        area: "rights",
        trigger: http!("POST", "/v1/settings/{settingId}/rights-requests/{requestId}/export", Jwt),
        permissions: WRITE,
        runtime: Runtime::API,
    },
    Function {
        name: "rights-export-build",
        area: "rights",
        // The law's month is running: retried for a day, then dead-lettered (alarmed).
        trigger: Trigger::TableStream { prefix: "RIGHTS-EXPORT#", retries: 50, max_age_s: Some(86_400) },
        // Query: every record kind about the subject (GSI1: contributions and inboxes);
        // PutItem/DeleteItem: the request on its version, the step done, the log line and the
        // person's email.
        permissions: &[
            "dynamodb:BatchGetItem",
            "dynamodb:DeleteItem",
            "dynamodb:GetItem",
            "dynamodb:PutItem",
            "dynamodb:Query",
            "s3:GetObject",
            "s3:PutObject",
        ],
        runtime: Runtime::event("gathers and releases a subject access request's export from the table stream", 2, "MediaDeadLetterQueue")
            .media(&["media/", "rights/"])
            .queries_index()
            .sized(
                3008,
                900,
                "Reads every record about a person or child (years of the access log, one query a day) and holds the archive of the released photos and videos while it is written.",
            ),
    },
    Function {
        name: "rights-export-get",
        area: "rights",
        trigger: http!("GET", "/v1/settings/{settingId}/rights-requests/{requestId}/export", Jwt),
        // GetObject: the gathered items, kept in the media bucket.
        permissions: &["dynamodb:BatchGetItem", "dynamodb:PutItem", "s3:GetObject"],
        runtime: Runtime::API.media(&["rights/"]),
    },
    Function {
        name: "rights-export-withhold",
        area: "rights",
        trigger: http!("POST", "/v1/settings/{settingId}/rights-requests/{requestId}/export/withhold", Jwt),
        // GetObject: only an item that was gathered can be withheld.
        permissions: WRITE_SHOWING_MEDIA,
        runtime: Runtime::API.media(&["rights/"]),
    },
    Function {
        name: "rights-export-release",
        area: "rights",
        trigger: http!("POST", "/v1/settings/{settingId}/rights-requests/{requestId}/export/release", Jwt),
        permissions: WRITE,
        runtime: Runtime::API,
    },
    Function {
        name: "rights-export-download",
        area: "rights",
        trigger: http!("GET", "/v1/settings/{settingId}/rights-requests/{requestId}/export/download", Jwt),
        // GetObject: the presigned URL is signed with the function's own role.
        permissions: &["dynamodb:BatchGetItem", "dynamodb:PutItem", "s3:GetObject"],
        runtime: Runtime::API.media(&["rights/"]),
    },
    Function {
        name: "rights-deadlines",
        area: "rights",
        trigger: Trigger::Schedule { cron: "cron(0 7 * * ? *)" },
        permissions: &["dynamodb:BatchGetItem", "dynamodb:PutItem", "dynamodb:Query"],
        runtime: Runtime::event(
            "each morning, reminds managers of data-rights requests a week before, on and after their due day",
            1,
            "OutboxDeadLetterQueue",
        )
        .queries_index()
        .sized(256, 120, "Walks every open data-rights request whose reminders have begun."),
    },
    Function {
        name: "access-ending-notices",
        area: "children",
        trigger: Trigger::Schedule { cron: "cron(0 7 * * ? *)" },
        // UpdateItem: the child off the index once its family is told.
        permissions: &["dynamodb:BatchGetItem", "dynamodb:PutItem", "dynamodb:Query", "dynamodb:UpdateItem"],
        runtime: Runtime::event("each morning, tells leavers' families the day their access ends", 1, "OutboxDeadLetterQueue")
            .queries_index()
            .sized(256, 300, "Walks every leaver due a notice across settings."),
    },
    Function {
        name: "retention-sweep",
        area: "children",
        trigger: Trigger::Schedule { cron: "cron(0 2 * * ? *)" },
        // Query: the index and every record kind of a due child; DeleteItem/UpdateItem: what
        // expired (a shared observation keeps the other children); PutItem: the child on its
        // version and the tombstone lines; DeleteObject: photos and videos.
        permissions: &[
            "dynamodb:ConditionCheckItem",
            "dynamodb:DeleteItem",
            "dynamodb:GetItem",
            "dynamodb:PutItem",
            "dynamodb:Query",
            "dynamodb:UpdateItem",
            "s3:DeleteObject",
        ],
        runtime: Runtime::event("each night, deletes the records the retention schedule no longer keeps", 1, "OutboxDeadLetterQueue")
            .media(&["media/"])
            .queries_index()
            .sized(512, 900, "Walks every leaver whose records are due, deleting each expired kind from the table and the bucket."),
    },
    Function {
        name: "booking-setup-get",
        area: "bookings",
        trigger: http!("GET", "/v1/settings/{settingId}/booking-setup", Jwt),
        permissions: &["dynamodb:BatchGetItem"],
        runtime: Runtime::API,
    },
    Function {
        name: "booking-setup-set",
        area: "bookings",
        trigger: http!("PUT", "/v1/settings/{settingId}/booking-setup", Jwt),
        permissions: WRITE,
        runtime: Runtime::API,
    },
    Function {
        name: "booking-pattern-set",
        area: "bookings",
        trigger: http!("PUT", "/v1/settings/{settingId}/children/{childId}/booking-pattern", Jwt),
        permissions: WRITE,
        runtime: Runtime::API,
    },
    Function {
        name: "bookings-get",
        area: "bookings",
        trigger: http!("GET", "/v1/settings/{settingId}/children/{childId}/bookings", Jwt),
        permissions: READ_AUDITED,
        runtime: Runtime::API,
    },
    Function {
        name: "booking-request",
        area: "bookings",
        trigger: http!("POST", "/v1/settings/{settingId}/children/{childId}/booking-requests", Jwt),
        permissions: WRITE,
        runtime: Runtime::API,
    },
    Function {
        name: "booking-requests-list",
        area: "bookings",
        trigger: http!("GET", "/v1/settings/{settingId}/booking-requests", Jwt),
        permissions: READ_AUDITED,
        runtime: Runtime::API.queries_index(),
    },
    Function {
        name: "booking-request-decide",
        area: "bookings",
        trigger: http!("POST", "/v1/settings/{settingId}/booking-requests/{date}/{requestId}/decision", Jwt),
        // GetItem: the account of the person who asked, to email them the answer.
        permissions: &["dynamodb:BatchGetItem", "dynamodb:ConditionCheckItem", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"],
        runtime: Runtime::API,
    },
    Function {
        name: "staffing-get",
        area: "bookings",
        trigger: http!("GET", "/v1/settings/{settingId}/staffing", Jwt),
        // BatchGetItem: the setup, roster, rota and the week's bookings with the authorisation
        // (again, the rare hour the setting's week is not the one guessed).
        permissions: &["dynamodb:BatchGetItem"],
        runtime: Runtime::API,
    },
    Function {
        name: "rota-set",
        area: "bookings",
        trigger: http!("PUT", "/v1/settings/{settingId}/rota/{week}", Jwt),
        permissions: WRITE,
        runtime: Runtime::API,
    },
    Function {
        name: "funding-get",
        area: "bookings",
        trigger: http!("GET", "/v1/settings/{settingId}/children/{childId}/funding", Jwt),
        permissions: READ_AUDITED_BY_KEY,
        runtime: Runtime::API,
    },
    Function {
        name: "funding-set",
        area: "bookings",
        trigger: http!("PUT", "/v1/settings/{settingId}/children/{childId}/funding", Jwt),
        permissions: WRITE,
        runtime: Runtime::API,
    },
    Function {
        name: "billing-get",
        area: "bookings",
        trigger: http!("GET", "/v1/settings/{settingId}/children/{childId}/billing", Jwt),
        permissions: READ_AUDITED_BY_KEY,
        runtime: Runtime::API,
    },
    Function {
        name: "billing-set",
        area: "bookings",
        trigger: http!("PUT", "/v1/settings/{settingId}/children/{childId}/billing", Jwt),
        permissions: WRITE,
        runtime: Runtime::API,
    },
    Function {
        name: "invoices-month",
        area: "bookings",
        trigger: http!("GET", "/v1/settings/{settingId}/invoices", Jwt),
        permissions: READ_AUDITED_BY_KEY,
        runtime: Runtime::API,
    },
    Function {
        name: "invoices-issue",
        area: "bookings",
        trigger: http!("POST", "/v1/settings/{settingId}/invoices/{month}/issue", Jwt),
        permissions: WRITE,
        runtime: Runtime::API,
    },
    Function {
        name: "my-invoices",
        area: "bookings",
        trigger: http!("GET", "/v1/settings/{settingId}/my-invoices", Jwt),
        permissions: READ_AUDITED,
        runtime: Runtime::API.queries_index(),
    },
    Function {
        name: "invoice-get",
        area: "bookings",
        trigger: http!("GET", "/v1/settings/{settingId}/invoices/{invoiceId}", Jwt),
        permissions: READ_AUDITED_BY_KEY,
        runtime: Runtime::API,
    },
    Function {
        name: "invoice-pdf",
        area: "bookings",
        trigger: http!("GET", "/v1/settings/{settingId}/invoices/{invoiceId}/pdf", Jwt),
        permissions: READ_AUDITED_BY_KEY,
        runtime: Runtime::API,
    },
    Function {
        name: "invoice-correct",
        area: "bookings",
        trigger: http!("POST", "/v1/settings/{settingId}/invoices/{invoiceId}/correct", Jwt),
        // GetItem: a payer who pays no longer is written to at their link's address.
        permissions: &["dynamodb:BatchGetItem", "dynamodb:ConditionCheckItem", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"],
        runtime: Runtime::API,
    },
    Function {
        name: "payment-record",
        area: "bookings",
        trigger: http!("POST", "/v1/settings/{settingId}/payers/{userId}/payments", Jwt),
        // Query: the payer's first invoice (a payment is from a bill payer of the setting).
        permissions: &["dynamodb:BatchGetItem", "dynamodb:ConditionCheckItem", "dynamodb:PutItem", "dynamodb:Query", "dynamodb:UpdateItem"],
        runtime: Runtime::API.queries_index(),
    },
    Function {
        name: "statement-get",
        area: "bookings",
        trigger: http!("GET", "/v1/settings/{settingId}/payers/{userId}/statement", Jwt),
        permissions: READ_AUDITED,
        runtime: Runtime::API.queries_index(),
    },
    Function {
        name: "funding-headcount",
        area: "bookings",
        trigger: http!("GET", "/v1/settings/{settingId}/funding/headcount", Jwt),
        // BatchGetItem: the term's booking days, register days, invoice months and each child's
        // funding, then the invoices standing (100 keys a request, the requests at once).
        permissions: READ_AUDITED_BY_KEY,
        runtime: Runtime::API.sized(512, 10, "Reads a term of bookings and registers for every funded child."),
    },
    Function {
        name: "funding-reminders",
        area: "bookings",
        trigger: Trigger::Schedule { cron: "cron(0 7 * * ? *)" },
        // Query: the index; BatchGetItem: each child, setting and managers; PutItem: the emails,
        // their log lines and the funding on its version, on to its next reminder.
        permissions: &["dynamodb:BatchGetItem", "dynamodb:ConditionCheckItem", "dynamodb:PutItem", "dynamodb:Query"],
        runtime: Runtime::event("each morning, reminds families and managers of childcare codes to reconfirm", 1, "OutboxDeadLetterQueue")
            .queries_index()
            .sized(256, 300, "Walks every child whose funding has a reminder due, across settings."),
    },
    Function {
        name: "invoice-reminders",
        area: "bookings",
        trigger: Trigger::Schedule { cron: "cron(0 8 * * ? *)" },
        // Query: the index and each payer's invoices and payments; BatchGetItem: each month's
        // list, setting and roster; GetItem: the child (its payer's address); PutItem: the
        // emails, their log lines and the month on its version, on to its next day.
        permissions: &["dynamodb:BatchGetItem", "dynamodb:ConditionCheckItem", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query"],
        runtime: Runtime::event("each morning, reminds payers of invoices past their due day", 1, "OutboxDeadLetterQueue")
            .queries_index()
            .sized(256, 300, "Walks every month with an invoice that may be overdue, across settings."),
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

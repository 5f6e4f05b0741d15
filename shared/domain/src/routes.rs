//! The one route table. Every Lambda function, what triggers it and the AWS actions it may
//! call. The local gateway serves from it, a test holds infra/template.yaml to it, the
//! authorisation matrix and the benchmarks iterate it.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Auth {
    /// No token needed (health, invitation acceptance: the token in the path is the secret).
    Public,
    /// A Cognito access token, verified by the JWT authorizer (or the local gateway).
    Jwt,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trigger {
    Http {
        method: &'static str,
        path: &'static str,
        auth: Auth,
    },
    /// The table's stream: new items whose partition key starts with `prefix`.
    TableStream {
        prefix: &'static str,
    },
    /// An EventBridge schedule (a cron expression in AWS's syntax, UTC).
    Schedule {
        cron: &'static str,
    },
    /// S3 object-created events for uploads into the media bucket's `quarantine/` prefix.
    MediaUpload,
    /// SES bounce and complaint notifications, through the SNS topic the configuration set
    /// publishes them to.
    EmailFeedback,
}

#[derive(Debug, Clone, Copy)]
pub struct Function {
    /// The function's name: its binary, its events/ files and (CamelCased) its template resource.
    pub name: &'static str,
    /// The crate under functions/ that holds it.
    pub area: &'static str,
    pub trigger: Trigger,
    /// The exact IAM actions its policy grants, and no others.
    pub permissions: &'static [&'static str],
}

impl Function {
    pub fn http(&self) -> Option<(&'static str, &'static str, Auth)> {
        match self.trigger {
            Trigger::Http { method, path, auth } => Some((method, path, auth)),
            Trigger::TableStream { .. } | Trigger::Schedule { .. } | Trigger::MediaUpload | Trigger::EmailFeedback => None,
        }
    }
    /// `staff-invite` -> `StaffInviteFunction`, the template's logical id.
    pub fn logical_id(&self) -> String {
        let mut id: String = self
            .name
            .split('-')
            .map(|part| {
                let mut chars = part.chars();
                match chars.next() {
                    Some(first) => first.to_ascii_uppercase().to_string() + chars.as_str(),
                    None => String::new(),
                }
            })
            .collect();
        id.push_str("Function");
        id
    }
}

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
    Function { name: "health", area: "accounts", trigger: http!("GET", "/v1/health", Public), permissions: &[] },
    Function { name: "me", area: "accounts", trigger: http!("GET", "/v1/me", Jwt), permissions: READ },
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
    },
    Function { name: "settings-get", area: "settings", trigger: http!("GET", "/v1/settings/{settingId}", Jwt), permissions: READ },
    Function {
        name: "rooms-create",
        area: "settings",
        trigger: http!("POST", "/v1/settings/{settingId}/rooms", Jwt),
        permissions: READ_WRITE,
    },
    Function { name: "rooms-list", area: "settings", trigger: http!("GET", "/v1/settings/{settingId}/rooms", Jwt), permissions: READ },
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
    },
    Function { name: "staff-list", area: "staff", trigger: http!("GET", "/v1/settings/{settingId}/staff", Jwt), permissions: READ },
    Function {
        name: "staff-revoke",
        area: "staff",
        trigger: http!("POST", "/v1/settings/{settingId}/staff/{userId}/revoke", Jwt),
        permissions: REVOKE_AND_SIGN_OUT,
    },
    Function {
        name: "children-register",
        area: "children",
        trigger: http!("POST", "/v1/settings/{settingId}/children", Jwt),
        permissions: READ_WRITE,
    },
    Function {
        name: "children-list",
        area: "children",
        trigger: http!("GET", "/v1/settings/{settingId}/children", Jwt),
        permissions: READ_AUDITED,
    },
    Function {
        name: "children-get",
        area: "children",
        trigger: http!("GET", "/v1/settings/{settingId}/children/{childId}", Jwt),
        permissions: READ_AUDITED,
    },
    Function {
        name: "children-update",
        area: "children",
        trigger: http!("PATCH", "/v1/settings/{settingId}/children/{childId}", Jwt),
        permissions: READ_WRITE,
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
    },
    Function {
        name: "guardians-list",
        area: "guardians",
        trigger: http!("GET", "/v1/settings/{settingId}/children/{childId}/guardians", Jwt),
        permissions: READ_AUDITED,
    },
    Function {
        name: "guardians-revoke",
        area: "guardians",
        trigger: http!("POST", "/v1/settings/{settingId}/children/{childId}/guardians/{userId}/revoke", Jwt),
        permissions: REVOKE_AND_SIGN_OUT,
    },
    Function {
        name: "hold-place",
        area: "children",
        trigger: http!("POST", "/v1/settings/{settingId}/children/{childId}/safeguarding-hold", Jwt),
        permissions: READ_WRITE,
    },
    Function {
        name: "hold-lift",
        area: "children",
        trigger: http!("DELETE", "/v1/settings/{settingId}/children/{childId}/safeguarding-hold", Jwt),
        permissions: READ_WRITE,
    },
    Function {
        name: "consents-set",
        area: "children",
        trigger: http!("PUT", "/v1/settings/{settingId}/children/{childId}/consents", Jwt),
        permissions: READ_WRITE,
    },
    Function {
        name: "agreement-get",
        area: "guardians",
        trigger: http!("GET", "/v1/settings/{settingId}/agreement", Jwt),
        permissions: READ,
    },
    Function {
        name: "agreement-publish",
        area: "guardians",
        trigger: http!("PUT", "/v1/settings/{settingId}/agreement", Jwt),
        permissions: READ_WRITE,
    },
    Function {
        name: "agreement-accept",
        area: "guardians",
        trigger: http!("POST", "/v1/settings/{settingId}/agreement/acceptances", Jwt),
        permissions: READ_WRITE,
    },
    Function { name: "audit-list", area: "settings", trigger: http!("GET", "/v1/settings/{settingId}/audit", Jwt), permissions: READ },
    Function {
        name: "media-upload",
        area: "media",
        trigger: http!("POST", "/v1/settings/{settingId}/media", Jwt),
        permissions: &["dynamodb:BatchGetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "s3:PutObject"],
    },
    Function {
        name: "media-get",
        area: "media",
        trigger: http!("GET", "/v1/settings/{settingId}/media/{mediaId}", Jwt),
        permissions: &["dynamodb:BatchGetItem", "dynamodb:PutItem", "s3:GetObject"],
    },
    Function {
        name: "media-check",
        area: "media",
        trigger: Trigger::MediaUpload,
        permissions: &["dynamodb:GetItem", "dynamodb:PutItem", "s3:DeleteObject", "s3:GetObject", "s3:PutObject"],
    },
    Function {
        name: "observations-create",
        area: "journal",
        trigger: http!("POST", "/v1/settings/{settingId}/observations", Jwt),
        permissions: WRITE,
    },
    Function {
        name: "observations-list",
        area: "journal",
        trigger: http!("GET", "/v1/settings/{settingId}/observations", Jwt),
        permissions: READ_AUDITED,
    },
    Function {
        name: "observations-update",
        area: "journal",
        trigger: http!("PATCH", "/v1/settings/{settingId}/observations/{observationId}", Jwt),
        permissions: WRITE,
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
    },
    Function {
        name: "journal-get",
        area: "journal",
        trigger: http!("GET", "/v1/settings/{settingId}/children/{childId}/journal", Jwt),
        permissions: READ_AUDITED_MEDIA,
    },
    Function {
        name: "comments-create",
        area: "journal",
        trigger: http!("POST", "/v1/settings/{settingId}/observations/{observationId}/comments", Jwt),
        permissions: WRITE,
    },
    Function {
        name: "comments-list",
        area: "journal",
        trigger: http!("GET", "/v1/settings/{settingId}/observations/{observationId}/comments", Jwt),
        permissions: READ_AUDITED,
    },
    Function {
        name: "contributions-create",
        area: "journal",
        trigger: http!("POST", "/v1/settings/{settingId}/children/{childId}/contributions", Jwt),
        permissions: WRITE_SHOWING_MEDIA,
    },
    Function {
        name: "child-contributions",
        area: "journal",
        trigger: http!("GET", "/v1/settings/{settingId}/children/{childId}/contributions", Jwt),
        permissions: READ_AUDITED_MEDIA,
    },
    Function {
        name: "contributions-list",
        area: "journal",
        trigger: http!("GET", "/v1/settings/{settingId}/contributions", Jwt),
        permissions: READ_AUDITED_MEDIA,
    },
    Function {
        name: "contributions-approve",
        area: "journal",
        trigger: http!("POST", "/v1/settings/{settingId}/contributions/{contributionId}/approve", Jwt),
        permissions: WRITE_SHOWING_MEDIA,
    },
    Function {
        name: "contributions-reject",
        area: "journal",
        trigger: http!("POST", "/v1/settings/{settingId}/contributions/{contributionId}/reject", Jwt),
        permissions: WRITE_SHOWING_MEDIA,
    },
    Function {
        name: "key-children",
        area: "journal",
        trigger: http!("GET", "/v1/settings/{settingId}/staff/{userId}/key-children", Jwt),
        permissions: READ_AUDITED,
    },
    Function {
        name: "collectors-set",
        area: "care",
        trigger: http!("PUT", "/v1/settings/{settingId}/children/{childId}/collectors", Jwt),
        permissions: WRITE,
    },
    Function {
        name: "attendance-record",
        area: "care",
        trigger: http!("POST", "/v1/settings/{settingId}/children/{childId}/attendance", Jwt),
        permissions: WRITE,
    },
    Function {
        name: "register-get",
        area: "care",
        trigger: http!("GET", "/v1/settings/{settingId}/register", Jwt),
        permissions: READ_AUDITED_BY_KEY,
    },
    Function {
        name: "child-attendance",
        area: "care",
        trigger: http!("GET", "/v1/settings/{settingId}/children/{childId}/attendance", Jwt),
        permissions: READ_AUDITED_BY_KEY,
    },
    Function {
        name: "absences-report",
        area: "care",
        trigger: http!("POST", "/v1/settings/{settingId}/children/{childId}/absences", Jwt),
        permissions: WRITE,
    },
    Function {
        name: "staff-clock",
        area: "care",
        trigger: http!("POST", "/v1/settings/{settingId}/staff/me/clock", Jwt),
        permissions: WRITE,
    },
    Function {
        name: "timesheets-get",
        area: "care",
        trigger: http!("GET", "/v1/settings/{settingId}/timesheets", Jwt),
        permissions: &["dynamodb:BatchGetItem"],
    },
    Function {
        name: "ratios-get",
        area: "care",
        trigger: http!("GET", "/v1/settings/{settingId}/ratios", Jwt),
        permissions: &["dynamodb:BatchGetItem"],
    },
    Function {
        name: "ratio-breaches",
        area: "care",
        trigger: http!("GET", "/v1/settings/{settingId}/ratio-breaches", Jwt),
        permissions: &["dynamodb:BatchGetItem", "dynamodb:Query"],
    },
    Function {
        name: "diary-add",
        area: "care",
        trigger: http!("POST", "/v1/settings/{settingId}/children/{childId}/diary", Jwt),
        permissions: WRITE,
    },
    Function {
        name: "diary-get",
        area: "care",
        trigger: http!("GET", "/v1/settings/{settingId}/children/{childId}/diary", Jwt),
        permissions: READ_AUDITED_BY_KEY,
    },
    Function {
        name: "medicine-permission-set",
        area: "care",
        trigger: http!("PUT", "/v1/settings/{settingId}/children/{childId}/medicine-permissions/{permissionId}", Jwt),
        permissions: WRITE,
    },
    Function {
        name: "medicine-dose",
        area: "care",
        trigger: http!("POST", "/v1/settings/{settingId}/children/{childId}/medicine-doses", Jwt),
        permissions: WRITE,
    },
    Function {
        name: "accidents-create",
        area: "care",
        trigger: http!("POST", "/v1/settings/{settingId}/children/{childId}/accidents", Jwt),
        permissions: WRITE,
    },
    Function {
        name: "child-accidents",
        area: "care",
        trigger: http!("GET", "/v1/settings/{settingId}/children/{childId}/accidents", Jwt),
        permissions: READ_AUDITED,
    },
    Function {
        name: "accidents-review",
        area: "care",
        trigger: http!("POST", "/v1/settings/{settingId}/accidents/{accidentId}/review", Jwt),
        permissions: WRITE,
    },
    Function {
        name: "accidents-acknowledge",
        area: "care",
        trigger: http!("POST", "/v1/settings/{settingId}/accidents/{accidentId}/acknowledge", Jwt),
        permissions: WRITE,
    },
    Function {
        name: "accidents-list",
        area: "care",
        trigger: http!("GET", "/v1/settings/{settingId}/accidents", Jwt),
        permissions: READ_AUDITED_BY_KEY,
    },
    Function {
        name: "faults-report",
        area: "incidents",
        trigger: http!("POST", "/v1/settings/{settingId}/faults", Jwt),
        permissions: WRITE,
    },
    Function { name: "faults-list", area: "incidents", trigger: http!("GET", "/v1/settings/{settingId}/faults", Jwt), permissions: READ },
    Function {
        name: "faults-resolve",
        area: "incidents",
        trigger: http!("POST", "/v1/settings/{settingId}/faults/{faultId}/resolve", Jwt),
        permissions: WRITE,
    },
    Function {
        name: "lockdown-start",
        area: "incidents",
        trigger: http!("POST", "/v1/settings/{settingId}/lockdown", Jwt),
        permissions: WRITE,
    },
    Function {
        name: "lockdown-lift",
        area: "incidents",
        trigger: http!("DELETE", "/v1/settings/{settingId}/lockdown", Jwt),
        permissions: WRITE,
    },
    Function {
        name: "breaches-record",
        area: "incidents",
        trigger: http!("POST", "/v1/settings/{settingId}/breaches", Jwt),
        permissions: WRITE,
    },
    Function {
        name: "breaches-list",
        area: "incidents",
        trigger: http!("GET", "/v1/settings/{settingId}/breaches", Jwt),
        permissions: READ_AUDITED,
    },
    Function {
        name: "breaches-ico-report",
        area: "incidents",
        trigger: http!("POST", "/v1/settings/{settingId}/breaches/{breachId}/ico-report", Jwt),
        permissions: WRITE,
    },
    Function {
        name: "breaches-notify-families",
        area: "incidents",
        trigger: http!("POST", "/v1/settings/{settingId}/breaches/{breachId}/notify-families", Jwt),
        permissions: WRITE,
    },
    Function {
        name: "email-problems",
        area: "staff",
        trigger: http!("GET", "/v1/settings/{settingId}/email-problems", Jwt),
        permissions: READ,
    },
    Function {
        name: "networks-set",
        area: "settings",
        trigger: http!("PUT", "/v1/settings/{settingId}/networks", Jwt),
        permissions: WRITE,
    },
    Function {
        name: "remote-attestation",
        area: "staff",
        trigger: http!("POST", "/v1/settings/{settingId}/staff/me/remote-attestation", Jwt),
        permissions: WRITE,
    },
    Function {
        name: "breach-deadlines",
        area: "incidents",
        trigger: Trigger::Schedule { cron: "cron(0/15 * * * ? *)" },
        permissions: &["dynamodb:BatchGetItem", "dynamodb:PutItem", "dynamodb:Query"],
    },
    Function {
        name: "preferences-set",
        area: "accounts",
        trigger: http!("PUT", "/v1/me/notification-preferences", Jwt),
        permissions: &["dynamodb:UpdateItem"],
    },
    Function {
        name: "notify-fanout",
        area: "outbox",
        trigger: Trigger::TableStream { prefix: "NOTIFY#" },
        // Lockdown broadcasts sign the setting's families out before emailing them.
        permissions: &["cognito-idp:AdminUserGlobalSignOut", "dynamodb:BatchGetItem", "dynamodb:PutItem", "dynamodb:Query"],
    },
    Function {
        name: "digest-send",
        area: "outbox",
        trigger: Trigger::Schedule { cron: "cron(30 6 * * ? *)" },
        permissions: &["dynamodb:PutItem", "dynamodb:Query"],
    },
    Function {
        name: "ses-feedback",
        area: "outbox",
        trigger: Trigger::EmailFeedback,
        permissions: &["dynamodb:BatchGetItem", "dynamodb:PutItem", "dynamodb:Query", "dynamodb:UpdateItem"],
    },
    Function {
        name: "outbox-sender",
        area: "outbox",
        trigger: Trigger::TableStream { prefix: "OUTBOX#" },
        // GetItem: a lost claim reads the item to tell "already sent" from "being sent".
        permissions: &["dynamodb:GetItem", "dynamodb:UpdateItem", "ses:SendEmail"],
    },
];

pub fn function(name: &str) -> Option<&'static Function> {
    FUNCTIONS.iter().find(|f| f.name == name)
}

/// Finds the route for a request: its function and path parameters.
pub fn route(method: &str, path: &str) -> Option<(&'static Function, Vec<(String, String)>)> {
    let segments: Vec<&str> = path.trim_end_matches('/').split('/').collect();
    FUNCTIONS.iter().find_map(|f| {
        let (m, pattern, _) = f.http()?;
        if !m.eq_ignore_ascii_case(method) {
            return None;
        }
        let parts: Vec<&str> = pattern.split('/').collect();
        if parts.len() != segments.len() {
            return None;
        }
        let mut params = Vec::new();
        for (p, s) in parts.iter().zip(&segments) {
            if let Some(name) = p.strip_prefix('{').and_then(|p| p.strip_suffix('}')) {
                if s.is_empty() {
                    return None;
                }
                params.push((name.to_string(), s.to_string()));
            } else if p != s {
                return None;
            }
        }
        Some((f, params))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn names_and_routes_are_unique() {
        let names: HashSet<_> = FUNCTIONS.iter().map(|f| f.name).collect();
        assert_eq!(names.len(), FUNCTIONS.len());
        let routes: HashSet<_> = FUNCTIONS.iter().filter_map(|f| f.http()).map(|(m, p, _)| (m, p)).collect();
        assert_eq!(routes.len(), FUNCTIONS.iter().filter(|f| f.http().is_some()).count());
    }

    #[test]
    fn every_route_is_versioned_and_permissions_are_sorted() {
        for f in FUNCTIONS {
            if let Some((_, path, _)) = f.http() {
                assert!(path.starts_with("/v1/"), "{}", f.name);
            }
            let mut sorted = f.permissions.to_vec();
            sorted.sort();
            sorted.dedup();
            assert_eq!(sorted, f.permissions, "{}: keep permissions sorted and unique", f.name);
        }
    }

    #[test]
    fn routing_finds_functions_and_parameters() {
        let (f, params) = route("POST", "/v1/settings/s1/staff/u9/revoke").unwrap();
        assert_eq!(f.name, "staff-revoke");
        assert_eq!(params, vec![("settingId".into(), "s1".into()), ("userId".into(), "u9".into())]);
        assert_eq!(route("GET", "/v1/settings/s1").unwrap().0.name, "settings-get");
        assert_eq!(route("POST", "/v1/settings").unwrap().0.name, "settings-create");
        assert!(route("DELETE", "/v1/settings/s1").is_none());
        assert!(route("GET", "/v1/settings//rooms").is_none());
        assert!(route("GET", "/v2/health").is_none());
        assert_eq!(f.logical_id(), "StaffRevokeFunction");
    }
}

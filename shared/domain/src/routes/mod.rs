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

mod table;
pub use table::FUNCTIONS;

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
mod tests;

//! The one route table. Every Lambda function, what triggers it, the AWS actions it may call
//! and how it runs. `make template` generates the functions of infra/stacks/ from it (a
//! test fails when the file drifts), the local gateway serves from it, the authorisation
//! matrix and the benchmarks iterate it.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Auth {
    /// No token needed (health, invitation acceptance: the token in the path is the secret).
    Public,
    /// A Cognito access token, verified by the JWT authorizer (or the local gateway).
    Jwt,
    /// One of the setting's paired devices: its own credential (`Authorization: Device ..`)
    /// and, on most routes, a person's PIN'd session on it (`X-Device-Session`). API Gateway
    /// passes these through; the function checks both against the table on every request.
    Device,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trigger {
    Http {
        method: &'static str,
        path: &'static str,
        auth: Auth,
    },
    /// The table's stream: new items whose partition key starts with `prefix`. A failing batch
    /// is retried `retries` times (and for at most `max_age_s` seconds when set), then kept by
    /// the function's dead-letter queue.
    TableStream {
        prefix: &'static str,
        retries: u16,
        max_age_s: Option<u32>,
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
    pub runtime: Runtime,
}

/// How a function runs in AWS, and the resources its permissions reach.
#[derive(Debug, Clone, Copy)]
pub struct Runtime {
    /// What it does, for functions no route describes.
    pub purpose: Option<&'static str>,
    pub memory_mb: u16,
    pub timeout_s: u16,
    /// Reserved concurrency: the most copies that run at once (and a ceiling on cost).
    pub concurrency: u16,
    /// Why it needs more memory or time than an API call.
    pub sizing: Option<&'static str>,
    /// The queue (its template logical id) that keeps failed asynchronous invocations or
    /// stream batches.
    pub dead_letters: Option<&'static str>,
    /// Queries the table's GSI1, so its policy reaches the index too.
    pub queries_index: bool,
    /// The media bucket prefixes its S3 actions reach.
    pub media_prefixes: &'static [&'static str],
}

impl Runtime {
    /// An HTTP API function: the template's global memory and timeout.
    pub const API: Runtime = Runtime {
        purpose: None,
        memory_mb: 256,
        timeout_s: 10,
        concurrency: 20,
        sizing: None,
        dead_letters: None,
        queries_index: false,
        media_prefixes: &[],
    };

    /// A function run by an event rather than a route.
    pub const fn event(purpose: &'static str, concurrency: u16, dead_letters: &'static str) -> Runtime {
        Runtime { purpose: Some(purpose), concurrency, dead_letters: Some(dead_letters), ..Runtime::API }
    }

    pub const fn queries_index(self) -> Runtime {
        Runtime { queries_index: true, ..self }
    }

    pub const fn media(self, prefixes: &'static [&'static str]) -> Runtime {
        Runtime { media_prefixes: prefixes, ..self }
    }

    pub const fn sized(self, memory_mb: u16, timeout_s: u16, why: &'static str) -> Runtime {
        Runtime { memory_mb, timeout_s, sizing: Some(why), ..self }
    }
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

mod permissions;
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

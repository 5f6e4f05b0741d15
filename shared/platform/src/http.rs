//! The HTTP glue every handler shares: who is calling, reading a JSON body, problem+json
//! answers (RFC 9457) and the one log line per request.

use lambda_http::{Body, Request, RequestExt, Response};
use nestling_domain::{Id, UserId};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::json;
use std::time::Instant;

/// Largest request body any endpoint accepts; bigger is 413 before parsing.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// An error answer with a stable `type` slug. Built by use cases, rendered in one place.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub status: u16,
    pub slug: &'static str,
    pub title: &'static str,
    pub detail: Option<String>,
}

impl Problem {
    pub fn new(status: u16, slug: &'static str, title: &'static str) -> Self {
        Self { status, slug, title, detail: None }
    }
    pub fn with_detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = Some(detail.into());
        self
    }
    pub fn unauthenticated() -> Self {
        Self::new(401, "unauthenticated", "Sign in to continue")
    }
    pub fn not_found() -> Self {
        Self::new(404, "not-found", "Not found")
    }
    pub fn forbidden() -> Self {
        Self::new(403, "forbidden", "You are not allowed to do this")
    }
    pub fn access_revoked() -> Self {
        Self::new(403, "access-revoked", "Your access to this setting has been withdrawn")
    }
    pub fn access_suspended() -> Self {
        Self::new(403, "access-suspended", "Access to this child's records is paused; please contact the setting")
    }
    /// Rule 8: off the premises, a practitioner reaches only consented key children.
    pub fn off_premises() -> Self {
        Self::new(
            403,
            "off-premises",
            "Off the setting's premises you may see only your key children whose parents agreed to remote access",
        )
    }
    /// The setting is in lockdown (rule 10): the manager's notice instead of data.
    pub fn lockdown(notice: &str) -> Self {
        Self::new(503, "setting-in-lockdown", "This setting's Nestling is paused while a fault is dealt with").with_detail(notice)
    }
    /// Rule 15: staff and operators enrol an authenticator before anything else.
    pub fn mfa_required() -> Self {
        Self::new(403, "mfa-required", "Set up an authenticator app for your sign-in first")
    }
    pub fn agreement_required() -> Self {
        Self::new(403, "agreement-required", "Accept the setting's current acceptable-use agreement to continue")
    }
    pub fn bad_request(detail: impl Into<String>) -> Self {
        Self::new(400, "bad-request", "The request could not be read").with_detail(detail)
    }
    pub fn invalid(detail: impl Into<String>) -> Self {
        Self::new(422, "validation-failed", "The request is not valid").with_detail(detail)
    }
    /// A list the caller would grow is at its bound (`nestling_domain::bounds`).
    pub fn limit_reached(detail: impl Into<String>) -> Self {
        Self::new(422, "limit-reached", "This list is at its limit; nothing was changed").with_detail(detail)
    }
    pub fn conflict(slug: &'static str, title: &'static str) -> Self {
        Self::new(409, slug, title)
    }
    /// Something failed on our side. The detail stays in the logs, never in the answer.
    pub fn internal(context: &str, error: impl std::fmt::Display) -> Self {
        tracing::error!(context, error = %error, "internal error");
        Self::new(500, "internal", "Something went wrong on our side; nothing was changed")
    }
    pub fn unavailable(context: &str, error: impl std::fmt::Display) -> Self {
        tracing::error!(context, error = %error, "dependency unavailable");
        Self::new(503, "unavailable", "A service Nestling depends on is unavailable; try again")
    }

    pub fn into_response(self) -> Response<Body> {
        let mut body = json!({
            "type": format!("https://nestling.app/problems/{}", self.slug),
            "title": self.title,
            "status": self.status,
        });
        if let Some(detail) = &self.detail {
            body["detail"] = json!(detail);
        }
        Response::builder()
            .status(self.status)
            .header("content-type", "application/problem+json")
            .header("cache-control", "no-store")
            .body(Body::Text(body.to_string()))
            .expect("static headers are valid")
    }
}

impl From<nestling_domain::ValueError> for Problem {
    fn from(error: nestling_domain::ValueError) -> Self {
        Problem::invalid(error.to_string())
    }
}

pub type ApiResult<T> = Result<T, Problem>;

/// The signed-in caller as the JWT authorizer (or the local gateway) vouched for them.
/// Identity only: what they may do is decided from the table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caller {
    /// Cognito `sub`: Nestling's user id.
    pub user_id: UserId,
}

/// The bearer token the request carries (API Gateway checked it; Cognito's own calls for the
/// caller, such as enrolling an authenticator, take it as it is).
pub fn bearer_token(req: &Request) -> Option<String> {
    let value = req.headers().get(lambda_http::http::header::AUTHORIZATION)?.to_str().ok()?;
    let token = value.strip_prefix("Bearer ").or_else(|| value.strip_prefix("bearer "))?.trim();
    (!token.is_empty()).then(|| token.to_string())
}

/// Text for one component of a URI: everything but unreserved characters percent-encoded.
pub fn percent_encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Reads the authorizer's claims. Only access tokens are accepted: an ID token that reaches a
/// function (a misconfigured route) is refused here too.
pub fn caller(req: &Request) -> ApiResult<Caller> {
    let lambda_http::request::RequestContext::ApiGatewayV2(context) = req.request_context() else {
        return Err(Problem::unauthenticated());
    };
    let claims = context.authorizer.and_then(|a| a.jwt).map(|jwt| jwt.claims).ok_or_else(Problem::unauthenticated)?;
    if claims.get("token_use").map(String::as_str) != Some("access") {
        return Err(Problem::unauthenticated());
    }
    // Cognito's subs are UUIDs; a token whose sub could not name a stored user is refused.
    match claims.get("sub").map(|sub| UserId::parse(sub)) {
        Some(Ok(user_id)) => Ok(Caller { user_id }),
        _ => Err(Problem::unauthenticated()),
    }
}

/// How the route table says the request's route is authenticated (from the route key API
/// Gateway names; None for a request no route of the table matches).
pub fn route_auth(req: &Request) -> Option<nestling_domain::routes::Auth> {
    let lambda_http::request::RequestContext::ApiGatewayV2(context) = req.request_context() else { return None };
    let route_key = context.route_key?;
    let (method, path) = route_key.split_once(' ')?;
    nestling_domain::routes::FUNCTIONS.iter().filter_map(|f| f.http()).find(|(m, p, _)| *m == method && *p == path).map(|(_, _, auth)| auth)
}

/// Parses an authorizer claim that held an array: API Gateway flattens `["a","b"]` into
/// the string `"[a b]"`.
pub fn claim_list(value: &str) -> Vec<String> {
    value.trim().trim_start_matches('[').trim_end_matches(']').split_whitespace().map(str::to_string).collect()
}

pub fn request_id(req: &Request) -> String {
    match req.request_context() {
        lambda_http::request::RequestContext::ApiGatewayV2(c) => c.request_id.unwrap_or_default(),
        _ => String::new(),
    }
}

/// An id sent in a body: the shape of the ids Nestling hands out (it becomes part of a key, so
/// anything else is refused before any read).
pub fn check_id(field: &str, value: &str) -> ApiResult<()> {
    if nestling_domain::ids::is_id(value) {
        Ok(())
    } else {
        Err(Problem::invalid(format!("{field} is not a valid id")))
    }
}

/// An id sent in a body, as its type: refused exactly as `check_id` refuses it.
pub fn body_id<T: Id>(field: &str, value: &str) -> ApiResult<T> {
    T::parse(value).map_err(|_| Problem::invalid(format!("{field} is not a valid id")))
}

/// A list of ids sent in a body, as their type (each refused as `check_id` refuses it).
pub fn body_ids<T: Id>(field: &str, values: &[String]) -> ApiResult<Vec<T>> {
    values.iter().map(|v| body_id(field, v)).collect()
}

/// The caller's source address as API Gateway saw it.
pub fn source_ip(req: &Request) -> Option<String> {
    match req.request_context() {
        lambda_http::request::RequestContext::ApiGatewayV2(c) => c.http.source_ip,
        _ => None,
    }
}

/// A path parameter, bounded and restricted to URL-safe id characters: anything else cannot
/// name a stored item, so it is simply not found.
pub fn path_param(req: &Request, name: &str) -> ApiResult<String> {
    let value = req.path_parameters().first(name).map(str::to_string).unwrap_or_default();
    if nestling_domain::ids::is_id(&value) {
        Ok(value)
    } else {
        Err(Problem::not_found())
    }
}

/// An id in the path, as its type (`path_id::<ChildId>(&req, "childId")`): anything that is
/// not an id cannot name a stored item, so it is not found, as with `path_param`.
pub fn path_id<T: Id>(req: &Request, name: &str) -> ApiResult<T> {
    req.path_parameters().first(name).and_then(|value| T::parse(value).ok()).ok_or_else(Problem::not_found)
}

pub fn query_param(req: &Request, name: &str) -> Option<String> {
    req.query_string_parameters_ref().and_then(|q| q.first(name)).map(str::to_string)
}

/// Reads a JSON body into a type whose fields validate themselves. Unknown fields are
/// refused by the types (`deny_unknown_fields`).
pub fn json_body<T: DeserializeOwned>(req: &Request) -> ApiResult<T> {
    let content_type = req.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or("");
    if !content_type.to_ascii_lowercase().starts_with("application/json") {
        return Err(Problem::new(415, "unsupported-media-type", "Send the body as application/json"));
    }
    let bytes: &[u8] = req.body().as_ref();
    if bytes.len() > MAX_BODY_BYTES {
        return Err(Problem::new(413, "body-too-large", "The request body is too large"));
    }
    serde_json::from_slice(bytes).map_err(|e| {
        use serde_json::error::Category;
        match e.classify() {
            Category::Syntax | Category::Eof | Category::Io => Problem::bad_request("the body is not valid JSON"),
            Category::Data => Problem::invalid(e.to_string()),
        }
    })
}

/// The `Idempotency-Key` header, when the client sent one (1-100 visible ASCII characters).
pub fn idempotency_key(req: &Request) -> ApiResult<Option<String>> {
    match req.headers().get("idempotency-key") {
        None => Ok(None),
        Some(v) => {
            let key = v.to_str().unwrap_or("");
            if key.is_empty() || key.len() > 100 || !key.chars().all(|c| c.is_ascii_graphic()) {
                Err(Problem::bad_request("Idempotency-Key must be 1-100 visible ASCII characters"))
            } else {
                Ok(Some(key.to_string()))
            }
        }
    }
}

/// A date and time field of a request (RFC 3339, any offset).
pub fn time_field(field: &str, raw: &str) -> ApiResult<time::OffsetDateTime> {
    time::OffsetDateTime::parse(raw.trim(), &time::format_description::well_known::Rfc3339)
        .map_err(|_| Problem::invalid(format!("{field} must be a date and time (RFC 3339)")))
}

/// The version a client says it is changing (`If-Match: "3"`).
pub fn if_match(req: &Request) -> ApiResult<u64> {
    let raw = req
        .headers()
        .get("if-match")
        .and_then(|v| v.to_str().ok())
        .ok_or_else(|| Problem::new(428, "precondition-required", "Send If-Match with the version you are changing"))?;
    raw.trim()
        .trim_start_matches("W/")
        .trim_matches('"')
        .parse()
        .map_err(|_| Problem::bad_request("If-Match must be a version such as \"3\""))
}

pub fn json_response(status: u16, body: &impl Serialize) -> Response<Body> {
    Response::builder()
        .status(status)
        .header("content-type", "application/json")
        .header("cache-control", "no-store")
        .body(Body::Text(serde_json::to_string(body).unwrap_or_else(|_| "{}".into())))
        .expect("static headers are valid")
}

/// A stored response replayed verbatim (idempotent retries).
pub fn raw_json_response(status: u16, body: String, version: Option<u64>) -> Response<Body> {
    let mut builder = Response::builder().status(status).header("content-type", "application/json").header("cache-control", "no-store");
    if let Some(v) = version {
        builder = builder.header("etag", format!("\"{v}\""));
    }
    builder.body(Body::Text(body)).expect("static headers are valid")
}

pub fn ok(body: &impl Serialize) -> Response<Body> {
    json_response(200, body)
}

/// 200 or 201 with the resource's version as its ETag.
pub fn with_version(status: u16, body: &impl Serialize, version: u64) -> Response<Body> {
    let mut response = json_response(status, body);
    if let Ok(v) = format!("\"{version}\"").parse() {
        response.headers_mut().insert("etag", v);
    }
    response
}

/// The caller's role in the setting the request touched, for the request log line.
#[derive(Debug, Clone, Copy)]
pub struct LoggedRole(pub &'static str);

/// Runs one handler and writes the request's log line: request id, route, caller role,
/// status, latency. Never bodies, names or tokens.
pub async fn logged<F>(route: &'static str, req: Request, handler: impl FnOnce(Request) -> F) -> Response<Body>
where
    F: std::future::Future<Output = ApiResult<Response<Body>>>,
{
    use tracing::Instrument;
    let started = Instant::now();
    let request_id = request_id(&req);
    // Every line the use case logs carries its request's id and route, so one request's lines
    // are found together.
    let span = tracing::info_span!("request", request_id = %request_id, route);
    let mut response = match handler(req).instrument(span.clone()).await {
        Ok(response) => response,
        Err(problem) => problem.into_response(),
    };
    let role = response.extensions_mut().remove::<LoggedRole>().map(|r| r.0).unwrap_or("-");
    span.in_scope(|| {
        tracing::info!(
            request_id = %request_id,
            route,
            role,
            status = response.status().as_u16(),
            latency_ms = started.elapsed().as_secs_f64() * 1000.0,
            "request"
        )
    });
    response
}

/// Form-style URL decoding (`%XX`, `+` for a space), as query strings and S3 event keys are
/// encoded; a malformed escape is kept as it was.
pub fn percent_decode(raw: &str) -> String {
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => match u8::from_str_radix(std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("zz"), 16) {
                Ok(b) => {
                    out.push(b);
                    i += 2;
                }
                Err(_) => out.push(b'%'),
            },
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ListPage<T> {
    pub items: Vec<T>,
    pub next_cursor: Option<String>,
}

/// `limit` (1-100, default 50) and `cursor` from the query string.
pub fn paging(req: &Request) -> ApiResult<(usize, Option<String>)> {
    let limit = match query_param(req, "limit") {
        None => 50,
        Some(raw) => match raw.parse::<usize>() {
            Ok(n) if (1..=100).contains(&n) => n,
            _ => return Err(Problem::invalid("limit must be a whole number from 1 to 100")),
        },
    };
    Ok((limit, query_param(req, "cursor")))
}

/// An area's own problems: `problems! { pub enum CareProblem { NotSignedIn => (409,
/// "not-signed-in", "The child is not signed in"), ... } }` makes the enum, its `ALL` (every
/// variant, so the docs test cannot miss one) and the one `From` that turns each into a
/// `Problem`.
#[macro_export]
macro_rules! problems {
    ($(#[$meta:meta])* pub enum $name:ident { $($variant:ident => ($status:literal, $slug:literal, $title:literal)),* $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum $name { $($variant),* }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),*];
        }

        impl From<$name> for $crate::Problem {
            fn from(problem: $name) -> $crate::Problem {
                match problem {
                    $($name::$variant => $crate::Problem::new($status, $slug, $title)),*
                }
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Log output captured in memory.
    #[derive(Clone, Default)]
    struct Captured(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

    impl std::io::Write for Captured {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn query_strings_decode() {
        assert_eq!(percent_decode("a%20b+c"), "a b c");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%zz"), "%zz");
    }

    #[tokio::test(flavor = "current_thread")]
    async fn every_line_a_request_logs_carries_its_request_id() {
        let captured = Captured::default();
        let writer = captured.clone();
        let subscriber =
            crate::runtime::json_logs(tracing_subscriber::filter::LevelFilter::INFO).with_writer(move || writer.clone()).finish();
        let _guard = tracing::subscriber::set_default(subscriber);
        let (parts, ()) = http::Request::builder().method("GET").uri("/v1/health").body(()).unwrap().into_parts();
        let event = crate::gateway_event::build_event(&parts, b"", "GET", "/v1/health", &[], None, "127.0.0.1:1".parse().unwrap());
        let req = lambda_http::request::from_str(&event.to_string()).unwrap();
        let id = request_id(&req);
        logged("health", req, |_| async {
            tracing::warn!("something the use case noticed");
            Ok(ok(&serde_json::json!({})))
        })
        .await;
        let text = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
        let lines: Vec<serde_json::Value> = text.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
        assert_eq!(lines.len(), 2, "{text}");
        for line in &lines {
            assert_eq!(line["span"]["request_id"], id.as_str(), "{line}");
            assert_eq!(line["span"]["route"], "health", "{line}");
        }
    }

    fn request_to_child(child_id: &str) -> Request {
        let path = format!("/v1/settings/s1/children/{child_id}");
        let (parts, ()) = http::Request::builder().method("GET").uri(&path).body(()).unwrap().into_parts();
        let params = [("settingId".to_string(), "s1".to_string()), ("childId".to_string(), child_id.to_string())];
        let pattern = "/v1/settings/{settingId}/children/{childId}";
        let event = crate::gateway_event::build_event(&parts, b"", "GET", pattern, &params, None, "127.0.0.1:1".parse().unwrap());
        lambda_http::request::from_str(&event.to_string()).unwrap()
    }

    #[test]
    fn ids_in_paths_are_typed_and_anything_else_is_not_found() {
        use nestling_domain::{ChildId, SettingId};
        let req = request_to_child("child1");
        assert_eq!(path_id::<ChildId>(&req, "childId").unwrap(), "child1");
        assert_eq!(path_id::<SettingId>(&req, "settingId").unwrap(), "s1");
        assert_eq!(path_id::<ChildId>(&req, "roomId").unwrap_err(), Problem::not_found());
        let bad = request_to_child("a%2Fb");
        assert_eq!(path_id::<ChildId>(&bad, "childId").unwrap_err(), path_param(&bad, "childId").unwrap_err());
        assert_eq!(path_id::<ChildId>(&bad, "childId").unwrap_err(), Problem::not_found());
    }

    #[test]
    fn the_caller_is_the_user_id_their_token_names() {
        let signed_in = |sub: &str| {
            let (parts, ()) = http::Request::builder().method("GET").uri("/v1/me").body(()).unwrap().into_parts();
            let claims = json!({ "sub": sub, "token_use": "access" }).as_object().cloned().unwrap();
            let event = crate::gateway_event::build_event(&parts, b"", "GET", "/v1/me", &[], Some(&claims), "127.0.0.1:1".parse().unwrap());
            caller(&lambda_http::request::from_str(&event.to_string()).unwrap())
        };
        let sub = "9d6c5f1e-3b2a-4c8d-9e0f-1a2b3c4d5e6f";
        assert_eq!(signed_in(sub).unwrap().user_id, sub);
        for bad in ["", "a b", "USER#x"] {
            assert_eq!(signed_in(bad).unwrap_err(), Problem::unauthenticated(), "{bad:?}");
        }
    }

    #[test]
    fn ids_in_bodies_are_refused_as_check_id_refuses_them() {
        use nestling_domain::RoomId;
        for bad in ["", "a/b", "a b"] {
            assert_eq!(body_id::<RoomId>("roomId", bad).unwrap_err(), check_id("roomId", bad).unwrap_err());
        }
        assert_eq!(body_id::<RoomId>("roomId", "r1").unwrap(), "r1");
        let ids = body_ids::<RoomId>("rooms", &["r1".to_string(), "r2".to_string()]).unwrap();
        assert_eq!(ids, vec![RoomId::parse("r1").unwrap(), RoomId::parse("r2").unwrap()]);
        assert_eq!(
            body_ids::<RoomId>("rooms", &["r1".to_string(), "#".to_string()]).unwrap_err().detail.unwrap(),
            "rooms is not a valid id"
        );
    }

    #[test]
    fn flattened_claim_arrays_parse() {
        assert_eq!(claim_list("[managers staff]"), vec!["managers", "staff"]);
        assert_eq!(claim_list("[operators]"), vec!["operators"]);
        assert!(claim_list("[]").is_empty());
    }

    #[test]
    fn problems_render_as_rfc9457() {
        let r = Problem::invalid("name must not be empty").into_response();
        assert_eq!(r.status(), 422);
        assert_eq!(r.headers()["content-type"], "application/problem+json");
        let Body::Text(text) = r.body() else { panic!("text body") };
        let v: serde_json::Value = serde_json::from_str(text).unwrap();
        assert_eq!(v["type"], "https://nestling.app/problems/validation-failed");
        assert_eq!(v["status"], 422);
        assert_eq!(v["detail"], "name must not be empty");
    }
}

//! The event API Gateway's HTTP API (payload 2.0) hands a function for a request: built by
//! the local gateway for every request it serves, and by unit tests, so a handler sees what
//! Lambda would give it (claims as strings, arrays flattened to "[a b]", decoded query values).

use serde_json::{json, Map, Value};
use std::collections::HashMap;
use std::net::SocketAddr;

/// API Gateway's JWT authorizer passes every claim as a string, arrays flattened to "[a b]".
pub fn claims_as_strings(claims: &Map<String, Value>) -> HashMap<String, String> {
    claims
        .iter()
        .map(|(k, v)| {
            let text = match v {
                Value::String(s) => s.clone(),
                Value::Array(items) => format!(
                    "[{}]",
                    items.iter().map(|i| i.as_str().map(str::to_string).unwrap_or_else(|| i.to_string())).collect::<Vec<_>>().join(" ")
                ),
                other => other.to_string(),
            };
            (k.clone(), text)
        })
        .collect()
}

/// The API Gateway HTTP API (payload 2.0) event for one request.
pub fn build_event(
    parts: &http::request::Parts,
    body: &[u8],
    method: &str,
    pattern: &str,
    params: &[(String, String)],
    claims: Option<&Map<String, Value>>,
    peer: SocketAddr,
) -> Value {
    let mut headers: Map<String, Value> = Map::new();
    for (name, value) in parts.headers.iter() {
        let value = value.to_str().unwrap_or("");
        let key = name.as_str().to_ascii_lowercase();
        match headers.get_mut(&key) {
            Some(Value::String(existing)) => {
                existing.push(',');
                existing.push_str(value);
            }
            _ => {
                headers.insert(key, Value::String(value.to_string()));
            }
        }
    }
    let raw_query = parts.uri.query().unwrap_or("").to_string();
    let mut query: Map<String, Value> = Map::new();
    for pair in raw_query.split('&').filter(|p| !p.is_empty()) {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        let (k, v) = (crate::http::percent_decode(k), crate::http::percent_decode(v));
        match query.get_mut(&k) {
            Some(Value::String(existing)) => {
                existing.push(',');
                existing.push_str(&v);
            }
            _ => {
                query.insert(k, Value::String(v));
            }
        }
    }
    let now = time::OffsetDateTime::now_utc();
    let request_id = uuid::Uuid::new_v4().to_string();
    let (body_value, is_base64) = match std::str::from_utf8(body) {
        Ok(text) => (Value::String(text.to_string()), false),
        Err(_) => {
            use base64::Engine;
            (Value::String(base64::engine::general_purpose::STANDARD.encode(body)), true)
        }
    };
    let route_key = format!("{method} {pattern}");
    let mut context = json!({
        "accountId": "000000000000",
        "apiId": "local",
        "domainName": "localhost",
        "domainPrefix": "localhost",
        "http": {
            "method": method,
            "path": parts.uri.path(),
            "protocol": "HTTP/1.1",
            "sourceIp": peer.ip().to_string(),
            "userAgent": headers.get("user-agent").cloned().unwrap_or(Value::String(String::new())),
        },
        "requestId": request_id,
        "routeKey": route_key,
        "stage": "$default",
        "time": now.format(&time::format_description::well_known::Rfc2822).unwrap_or_default(),
        "timeEpoch": now.unix_timestamp() * 1000,
    });
    if let Some(claims) = claims {
        let scopes: Vec<String> =
            claims.get("scope").and_then(Value::as_str).map(|s| s.split_whitespace().map(str::to_string).collect()).unwrap_or_default();
        context["authorizer"] = json!({ "jwt": { "claims": claims_as_strings(claims), "scopes": scopes } });
    }
    let mut event = json!({
        "version": "2.0",
        "routeKey": route_key,
        "rawPath": parts.uri.path(),
        "rawQueryString": raw_query,
        "headers": headers,
        "requestContext": context,
        "isBase64Encoded": is_base64,
    });
    if !query.is_empty() {
        event["queryStringParameters"] = Value::Object(query);
    }
    if !params.is_empty() {
        event["pathParameters"] = Value::Object(params.iter().map(|(k, v)| (k.clone(), Value::String(v.clone()))).collect());
    }
    if !body.is_empty() {
        event["body"] = body_value;
    }
    event
}

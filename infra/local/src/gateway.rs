//! The local stand-in for API Gateway's HTTP API: matches the route table, verifies the
//! Cognito access token as the JWT authorizer does (signature against the pool's JWKS,
//! expiry, issuer, client id, token use, scope), builds the same v2 event (claims as strings,
//! arrays flattened to "[a b]") and calls the function's handler in-process. With a web root
//! it also serves the built web app (`crate::web`), as CloudFront does in AWS.

use crate::provision::Stack;
use crate::web::WebApp;
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::{Bytes, Incoming};
use hyper::{Request as HyperRequest, Response as HyperResponse};
use jsonwebtoken::jwk::JwkSet;
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use nestling_domain::routes::{self, Auth};
pub use nestling_platform::gateway_event::{build_event, claims_as_strings};
use nestling_platform::App;
use serde_json::{json, Map, Value};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use tokio::net::TcpListener;
use tokio::sync::RwLock;

/// API Gateway's payload limit.
const MAX_PAYLOAD: usize = 10 * 1024 * 1024;
/// The scope every authenticated route requires: only access tokens carry it.
pub const REQUIRED_SCOPE: &str = "aws.cognito.signin.user.admin";

pub struct Verifier {
    issuer: String,
    client_id: String,
    jwks_url: String,
    keys: RwLock<JwkSet>,
    http: reqwest::Client,
}

#[derive(Debug, PartialEq, Eq)]
pub enum Rejection {
    Missing,
    Invalid(String),
}

impl Verifier {
    pub fn new(stack: &Stack) -> Self {
        Self {
            issuer: stack.issuer(),
            client_id: stack.app_client_id.clone(),
            jwks_url: stack.jwks_url(),
            keys: RwLock::new(JwkSet { keys: Vec::new() }),
            http: reqwest::Client::new(),
        }
    }

    async fn key(&self, kid: &str) -> Result<DecodingKey, Rejection> {
        if let Some(jwk) = self.keys.read().await.find(kid) {
            return DecodingKey::from_jwk(jwk).map_err(|e| Rejection::Invalid(e.to_string()));
        }
        // Unknown key id: the pool may have rotated its keys; fetch them again.
        let fetched: JwkSet = self
            .http
            .get(&self.jwks_url)
            .send()
            .await
            .map_err(|e| Rejection::Invalid(format!("jwks: {e}")))?
            .json()
            .await
            .map_err(|e| Rejection::Invalid(format!("jwks: {e}")))?;
        let key = fetched.find(kid).map(DecodingKey::from_jwk);
        *self.keys.write().await = fetched;
        match key {
            Some(k) => k.map_err(|e| Rejection::Invalid(e.to_string())),
            None => Err(Rejection::Invalid("unknown signing key".into())),
        }
    }

    /// The token's claims when it is a valid access token of this pool and app client.
    pub async fn verify(&self, authorization: Option<&str>) -> Result<Map<String, Value>, Rejection> {
        let token = authorization
            .and_then(|h| h.strip_prefix("Bearer ").or_else(|| h.strip_prefix("bearer ")))
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .ok_or(Rejection::Missing)?;
        let header = jsonwebtoken::decode_header(token).map_err(|e| Rejection::Invalid(e.to_string()))?;
        if header.alg != Algorithm::RS256 {
            return Err(Rejection::Invalid("algorithm must be RS256".into()));
        }
        let kid = header.kid.ok_or_else(|| Rejection::Invalid("no key id".into()))?;
        let key = self.key(&kid).await?;
        let mut validation = Validation::new(Algorithm::RS256);
        validation.set_issuer(&[&self.issuer]);
        validation.validate_aud = false; // access tokens carry client_id, checked below
        validation.set_required_spec_claims(&["exp", "iss", "sub"]);
        validation.leeway = 0;
        let data = jsonwebtoken::decode::<Map<String, Value>>(token, &key, &validation).map_err(|e| Rejection::Invalid(e.to_string()))?;
        let claims = data.claims;
        if claims.get("token_use").and_then(Value::as_str) != Some("access") {
            return Err(Rejection::Invalid("not an access token".into()));
        }
        if claims.get("client_id").and_then(Value::as_str) != Some(self.client_id.as_str()) {
            return Err(Rejection::Invalid("issued to another client".into()));
        }
        let scopes = claims.get("scope").and_then(Value::as_str).unwrap_or("");
        if !scopes.split_whitespace().any(|s| s == REQUIRED_SCOPE) {
            return Err(Rejection::Invalid("missing the required scope".into()));
        }
        Ok(claims)
    }
}

pub struct Gateway {
    pub app: Arc<App>,
    pub stack: Stack,
    pub verifier: Verifier,
    /// What GET /config.json answers: the same file a deployed web app reads.
    pub public_url: String,
    /// The built web app, served for GET and HEAD outside /v1/ and /config.json.
    pub web: Option<WebApp>,
}

fn gateway_message(status: u16, message: &str) -> HyperResponse<Full<Bytes>> {
    HyperResponse::builder()
        .status(status)
        .header("content-type", "application/json")
        .body(Full::new(Bytes::from(json!({ "message": message }).to_string())))
        .expect("static response")
}

impl Gateway {
    pub fn new(app: Arc<App>, stack: Stack, public_url: String) -> Self {
        let verifier = Verifier::new(&stack);
        Self { app, stack, verifier, public_url, web: None }
    }

    /// Also serves the web app built into `root` (index.html and assets/). Without an
    /// index.html there (the app is not built) logs a warning and serves the API only.
    pub fn with_web_root(mut self, root: impl Into<PathBuf>) -> Self {
        let root = root.into();
        match WebApp::open(&root, &self.stack.endpoint) {
            Ok(web) => self.web = Some(web),
            Err(e) => {
                tracing::warn!(root = %root.display(), error = %e, "the web app is not built: serving the API only");
                self.web = None;
            }
        }
        self
    }

    pub fn config_json(&self) -> Value {
        json!({
            "apiUrl": self.public_url,
            "region": self.stack.region,
            "userPoolId": self.stack.user_pool_id,
            "appClientId": self.stack.app_client_id,
            "cognitoEndpoint": self.stack.endpoint,
        })
    }

    pub async fn handle(&self, req: HyperRequest<Incoming>, peer: SocketAddr) -> HyperResponse<Full<Bytes>> {
        let (parts, body) = req.into_parts();
        let body = match Limited::new(body, MAX_PAYLOAD).collect().await {
            Ok(collected) => collected.to_bytes(),
            Err(_) => return gateway_message(413, "Request Entity Too Large"),
        };
        self.handle_parts(parts, body, peer).await
    }

    pub async fn handle_parts(&self, parts: http::request::Parts, body: Bytes, peer: SocketAddr) -> HyperResponse<Full<Bytes>> {
        let path = parts.uri.path().to_string();
        if parts.method == http::Method::GET && path == "/config.json" {
            return HyperResponse::builder()
                .status(200)
                .header("content-type", "application/json")
                .body(Full::new(Bytes::from(self.config_json().to_string())))
                .expect("static response");
        }
        if let Some(response) = self.web.as_ref().and_then(|web| web.response(&parts.method, &path)) {
            return response;
        }
        let Some((function, params)) = routes::route(parts.method.as_str(), &path) else {
            return gateway_message(404, "Not Found");
        };
        let (method, pattern, auth) = function.http().expect("routes are http");
        let authorizer = match auth {
            Auth::Public | Auth::Device => None,
            Auth::Jwt => {
                let header = parts.headers.get("authorization").and_then(|v| v.to_str().ok());
                match self.verifier.verify(header).await {
                    Ok(claims) => Some(claims),
                    Err(rejection) => {
                        tracing::info!(route = function.name, ?rejection, "gateway refused the token");
                        return gateway_message(401, "Unauthorized");
                    }
                }
            }
        };
        let event = build_event(&parts, &body, method, pattern, &params, authorizer.as_ref(), peer);
        let request = match lambda_http::request::from_str(&event.to_string()) {
            Ok(r) => r,
            Err(e) => {
                tracing::error!(error = %e, "could not build the request event");
                return gateway_message(500, "Internal Server Error");
            }
        };
        let Some(future) = crate::dispatch(function.name, self.app.clone(), request) else {
            return gateway_message(500, "Internal Server Error");
        };
        let response = future.await;
        let (parts, body) = response.into_parts();
        let bytes = match body {
            lambda_http::Body::Empty => Bytes::new(),
            lambda_http::Body::Text(t) => Bytes::from(t),
            lambda_http::Body::Binary(b) => Bytes::from(b),
            _ => Bytes::new(),
        };
        let mut out = HyperResponse::builder().status(parts.status);
        for (name, value) in parts.headers.iter() {
            out = out.header(name, value);
        }
        out.body(Full::new(bytes)).unwrap_or_else(|_| gateway_message(500, "Internal Server Error"))
    }

    /// Serves connections from `listener` until the process ends.
    pub async fn serve(self: Arc<Self>, listener: TcpListener) {
        loop {
            let (stream, peer) = match listener.accept().await {
                Ok(pair) => pair,
                Err(e) => {
                    tracing::warn!(error = %e, "accept failed");
                    continue;
                }
            };
            let gateway = self.clone();
            tokio::spawn(async move {
                let service = hyper::service::service_fn(move |req| {
                    let gateway = gateway.clone();
                    async move { Ok::<_, std::convert::Infallible>(gateway.handle(req, peer).await) }
                });
                let io = hyper_util::rt::TokioIo::new(stream);
                if let Err(e) = hyper::server::conn::http1::Builder::new().serve_connection(io, service).await {
                    tracing::debug!(error = %e, "connection ended");
                }
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn array_claims_are_flattened_like_api_gateway() {
        let claims: Map<String, Value> = serde_json::from_value(json!({
            "cognito:groups": ["managers", "staff"], "sub": "abc", "exp": 17
        }))
        .unwrap();
        let flat = claims_as_strings(&claims);
        assert_eq!(flat["cognito:groups"], "[managers staff]");
        assert_eq!(flat["exp"], "17");
        assert_eq!(flat["sub"], "abc");
    }

    #[tokio::test]
    async fn the_web_app_is_served_beside_the_api() {
        let root = std::env::temp_dir().join(format!("nestling-gateway-web-{}", uuid::Uuid::new_v4().simple()));
        std::fs::create_dir_all(root.join("v1")).unwrap();
        std::fs::write(root.join("index.html"), "<title>app</title>").unwrap();
        std::fs::write(root.join("v1/nothing-here"), "from disk").unwrap();
        std::fs::write(root.join("config.json"), "{\"from\":\"disk\"}").unwrap();
        let stack = Stack {
            endpoint: "http://127.0.0.1:9".into(),
            region: "eu-west-2".into(),
            table: "t".into(),
            bucket: "b".into(),
            user_pool_id: "eu-west-2_pool".into(),
            app_client_id: "client".into(),
            mail_from: "no-reply@nestling.test".into(),
            app_url: "http://localhost:3000".into(),
            vapid_public_key: String::new(),
            vapid_key_parameter: String::new(),
        };
        let app = Arc::new(App::new(&Stack::sdk_config(&stack.endpoint), stack.config()));
        let api_only = Gateway::new(app.clone(), stack.clone(), "http://localhost:3000".into());
        let gateway = Gateway::new(app, stack, "http://localhost:3000".into()).with_web_root(&root);
        assert!(gateway.web.is_some());
        async fn call(gateway: &Gateway, method: &str, path: &str) -> (u16, bool, String) {
            let (parts, ()) = HyperRequest::builder().method(method).uri(path).body(()).unwrap().into_parts();
            let response = gateway.handle_parts(parts, Bytes::new(), "127.0.0.1:1".parse().unwrap()).await;
            let status = response.status().as_u16();
            let csp = response.headers().contains_key("content-security-policy");
            let body = response.into_body().collect().await.unwrap().to_bytes();
            (status, csp, String::from_utf8(body.to_vec()).unwrap())
        }
        let (status, csp, body) = call(&gateway, "GET", "/invitations/abc").await;
        assert_eq!((status, csp, body.as_str()), (200, true, "<title>app</title>"));
        let (status, _, body) = call(&gateway, "GET", "/config.json").await;
        assert_eq!(status, 200);
        assert!(body.contains("eu-west-2_pool"), "the gateway's config, not the file: {body}");
        let (status, csp, body) = call(&gateway, "GET", "/v1/nothing-here").await;
        assert_eq!((status, csp), (404, false), "an API path is routed, never read from disk");
        assert!(body.contains("Not Found") && !body.contains("from disk"), "{body}");
        let (status, csp, _) = call(&gateway, "POST", "/").await;
        assert_eq!((status, csp), (404, false), "only GET and HEAD reach the web app");
        let (status, csp, _) = call(&api_only, "GET", "/").await;
        assert_eq!((status, csp), (404, false), "no web root: API only");
        let unbuilt =
            Gateway::new(api_only.app.clone(), api_only.stack.clone(), "http://localhost:3000".into()).with_web_root(root.join("v1"));
        assert!(unbuilt.web.is_none(), "a directory without index.html serves no web");
        std::fs::remove_dir_all(&root).unwrap();
    }
}

//! The built web app (web/dist) served by the local gateway, as CloudFront serves it in AWS:
//! files from the directory with a content type by extension, index.html for app routes (paths
//! without an extension, which the template's WebRewriteFunction rewrites to /index.html), and
//! the security headers of the template's WebSecurityHeaders policy on every response. API
//! paths (/v1/...) and /config.json are never served from disk.

use http::Method;
use http_body_util::Full;
use hyper::body::Bytes;
use hyper::Response;
use std::path::{Path, PathBuf};

/// `Permissions-Policy`, as in the template's WebSecurityHeaders. The camera for the app's own
/// pages only: the setting's kiosk scans the QR code a guardian's phone shows.
pub const PERMISSIONS_POLICY: &str = "camera=(self), microphone=(), geolocation=()";

/// Cache-Control of index.html: always fetched again, so a new build is picked up at once.
const NO_STORE: &str = "no-store";
/// Cache-Control of /assets/* (Vite names them by content hash).
const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// Cache-Control of any other file (favicon, robots.txt, ...).
const REVALIDATE: &str = "no-cache";

/// The Content-Security-Policy of the web app. The directive list is the template's
/// (WebSecurityHeaders); locally, `emulator` (the emulator's origin) stands in for the media
/// bucket and Cognito, which the browser calls directly, and the API is on the page's own
/// origin.
pub fn content_security_policy(emulator: &str) -> String {
    [
        "default-src 'self'".to_string(),
        "script-src 'self'".to_string(),
        "style-src 'self'".to_string(),
        format!("img-src 'self' data: blob: {emulator}"),
        format!("media-src 'self' blob: {emulator}"),
        format!("connect-src 'self' {emulator}"),
        "frame-ancestors 'none'".to_string(),
        "base-uri 'self'".to_string(),
        "form-action 'self'".to_string(),
        "object-src 'none'".to_string(),
    ]
    .join("; ")
}

/// Every static response's security headers besides the CSP.
pub const SECURITY_HEADERS: [(&str, &str); 5] = [
    ("x-content-type-options", "nosniff"),
    ("referrer-policy", "no-referrer"),
    ("x-frame-options", "DENY"),
    ("permissions-policy", PERMISSIONS_POLICY),
    ("cross-origin-opener-policy", "same-origin"),
];

/// Paths the gateway routes to functions or answers itself; never files.
pub fn is_gateway_path(path: &str) -> bool {
    path == "/v1" || path.starts_with("/v1/") || path == "/config.json"
}

/// Scheme and authority of a URL ("http://127.0.0.1:5055/x" -> "http://127.0.0.1:5055").
pub fn origin_of(url: &str) -> String {
    match url.parse::<http::Uri>() {
        Ok(uri) => match (uri.scheme_str(), uri.authority()) {
            (Some(scheme), Some(authority)) => format!("{scheme}://{authority}"),
            _ => url.trim_end_matches('/').to_string(),
        },
        Err(_) => url.trim_end_matches('/').to_string(),
    }
}

pub fn content_type(path: &Path) -> &'static str {
    let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("html") => "text/html; charset=utf-8",
        Some("js" | "mjs") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("webp") => "image/webp",
        Some("ico") => "image/x-icon",
        Some("json" | "map") => "application/json",
        Some("webmanifest") => "application/manifest+json",
        Some("woff2") => "font/woff2",
        Some("txt") => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// The path's segments, percent-decoded, or None when it could escape the root or is not
/// UTF-8: a `.` or `..` segment, a backslash, a NUL or a malformed escape.
fn segments(raw: &str) -> Option<Vec<String>> {
    let bytes = raw.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3)?;
            let byte = u8::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok()?;
            decoded.push(byte);
            i += 3;
        } else {
            decoded.push(bytes[i]);
            i += 1;
        }
    }
    let path = String::from_utf8(decoded).ok()?;
    // Empty segments are dropped when the file is looked up, so `//v1/x` must count as `/v1/x`.
    let canonical = format!("/{}", path.split('/').filter(|s| !s.is_empty()).collect::<Vec<_>>().join("/"));
    if path.contains('\\') || path.contains('\0') || is_gateway_path(&path) || is_gateway_path(&canonical) {
        return None;
    }
    let parts: Vec<String> = path.split('/').map(str::to_string).collect();
    if parts.iter().any(|s| s == "." || s == "..") {
        return None;
    }
    Some(parts)
}

pub struct WebApp {
    root: PathBuf,
    csp: String,
}

impl WebApp {
    /// The app built into `root`, whose CSP allows the emulator at `emulator_url`. Refused when
    /// `root` has no index.html (the app is not built).
    pub fn open(root: impl Into<PathBuf>, emulator_url: &str) -> Result<Self, String> {
        let root = root.into();
        if !root.join("index.html").is_file() {
            return Err(format!("no index.html in {}", root.display()));
        }
        let root = root.canonicalize().map_err(|e| format!("{}: {e}", root.display()))?;
        Ok(Self { root, csp: content_security_policy(&origin_of(emulator_url)) })
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The answer to a GET or HEAD of a path outside the gateway's own (/v1/..., /config.json);
    /// None for anything else, which the gateway routes. Reads the file synchronously: a local
    /// server, small files.
    pub fn response(&self, method: &Method, raw_path: &str) -> Option<Response<Full<Bytes>>> {
        if (method != Method::GET && method != Method::HEAD) || is_gateway_path(raw_path) {
            return None;
        }
        let Some(parts) = segments(raw_path) else {
            return Some(self.not_found());
        };
        let relative: PathBuf = parts.iter().filter(|s| !s.is_empty()).collect();
        let last = parts.last().map(String::as_str).unwrap_or("");
        if !last.is_empty() {
            if let Some(file) = self.file(&relative) {
                let cache = if relative.starts_with("assets") {
                    IMMUTABLE
                } else if last == "index.html" {
                    NO_STORE
                } else {
                    REVALIDATE
                };
                return Some(match std::fs::read(&file) {
                    Ok(bytes) => self.respond(200, content_type(&file), cache, Bytes::from(bytes)),
                    Err(e) => {
                        tracing::warn!(file = %file.display(), error = %e, "web app file unreadable");
                        self.not_found()
                    }
                });
            }
        }
        if last.contains('.') {
            return Some(self.not_found());
        }
        // An app route (/, /invitations/<token>, /children/<id>/journal): the app's shell.
        Some(match std::fs::read(self.root.join("index.html")) {
            Ok(bytes) => self.respond(200, "text/html; charset=utf-8", NO_STORE, Bytes::from(bytes)),
            Err(e) => {
                tracing::warn!(error = %e, "web app index.html unreadable");
                self.not_found()
            }
        })
    }

    /// The regular file at `relative` under the root, if it is one and (symbolic links
    /// resolved) still inside the root.
    fn file(&self, relative: &Path) -> Option<PathBuf> {
        let resolved = self.root.join(relative).canonicalize().ok()?;
        (resolved.starts_with(&self.root) && resolved.is_file()).then_some(resolved)
    }

    fn not_found(&self) -> Response<Full<Bytes>> {
        self.respond(404, "text/plain; charset=utf-8", REVALIDATE, Bytes::from_static(b"Not Found"))
    }

    fn respond(&self, status: u16, content_type: &str, cache: &str, body: Bytes) -> Response<Full<Bytes>> {
        let mut builder = Response::builder()
            .status(status)
            .header("content-type", content_type)
            .header("cache-control", cache)
            .header("content-security-policy", &self.csp);
        for (name, value) in SECURITY_HEADERS {
            builder = builder.header(name, value);
        }
        builder.body(Full::new(body)).expect("static response")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use http_body_util::BodyExt;

    const EMULATOR: &str = "http://127.0.0.1:5055";

    /// A built app in a fresh temporary directory, removed on drop.
    struct Built(PathBuf);

    impl Built {
        fn new() -> Self {
            let root = std::env::temp_dir().join(format!("nestling-web-{}", uuid::Uuid::new_v4().simple()));
            std::fs::create_dir_all(root.join("assets")).unwrap();
            std::fs::create_dir_all(root.join("v1")).unwrap();
            std::fs::write(root.join("index.html"), "<!doctype html><title>Nestling</title>").unwrap();
            std::fs::write(root.join("assets/index-abc123.js"), "console.log(1)").unwrap();
            std::fs::write(root.join("assets/index-abc123.css"), "body{}").unwrap();
            std::fs::write(root.join("favicon.svg"), "<svg/>").unwrap();
            std::fs::write(root.join("v1/health"), "from disk").unwrap();
            std::fs::write(root.join("config.json"), "{\"from\":\"disk\"}").unwrap();
            Self(root)
        }

        fn app(&self) -> WebApp {
            WebApp::open(&self.0, EMULATOR).unwrap()
        }
    }

    impl Drop for Built {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    fn get(app: &WebApp, path: &str) -> Response<Full<Bytes>> {
        app.response(&Method::GET, path).unwrap_or_else(|| panic!("{path} should be answered by the web app"))
    }

    async fn body(response: Response<Full<Bytes>>) -> String {
        String::from_utf8(response.into_body().collect().await.unwrap().to_bytes().to_vec()).unwrap()
    }

    fn header<'a>(response: &'a Response<Full<Bytes>>, name: &str) -> &'a str {
        response.headers().get(name).and_then(|v| v.to_str().ok()).unwrap_or("")
    }

    #[test]
    fn an_unbuilt_app_is_refused() {
        let empty = std::env::temp_dir().join(format!("nestling-web-{}", uuid::Uuid::new_v4().simple()));
        std::fs::create_dir_all(&empty).unwrap();
        assert!(WebApp::open(&empty, EMULATOR).is_err());
        std::fs::remove_dir_all(&empty).unwrap();
        assert!(WebApp::open(&empty, EMULATOR).is_err(), "a missing directory too");
    }

    #[tokio::test]
    async fn traversal_is_refused() {
        let built = Built::new();
        let app = built.app();
        // A file beside the root that traversal would reach.
        let outside = built.0.with_extension("secret");
        std::fs::write(&outside, "secret").unwrap();
        let name = outside.file_name().unwrap().to_str().unwrap().to_string();
        for path in [
            format!("/../{name}"),
            format!("/assets/../../{name}"),
            format!("/%2e%2e/{name}"),
            format!("/%2E%2E%2F{name}"),
            format!("/assets%2f..%2f..%2f{name}"),
            "/..".to_string(),
            "/./index.html".to_string(),
            "/assets\\..\\index.html".to_string(),
            "/assets%5c..%5cindex.html".to_string(),
            "/index.html%00.js".to_string(),
            "/%zz".to_string(),
            "/%ff%fe".to_string(),
        ] {
            let response = get(&app, &path);
            assert_eq!(response.status(), 404, "{path}");
            assert_ne!(body(response).await, "secret", "{path}");
        }
        std::fs::remove_file(&outside).unwrap();
    }

    #[cfg(unix)]
    #[tokio::test]
    async fn symbolic_links_out_of_the_root_are_not_followed() {
        let built = Built::new();
        let outside = built.0.with_extension("secret");
        std::fs::write(&outside, "secret").unwrap();
        std::os::unix::fs::symlink(&outside, built.0.join("assets/link.js")).unwrap();
        let response = get(&built.app(), "/assets/link.js");
        assert_eq!(response.status(), 404);
        std::fs::remove_file(&outside).unwrap();
    }

    #[tokio::test]
    async fn app_routes_without_an_extension_get_index_html() {
        let built = Built::new();
        let app = built.app();
        for path in ["/", "/invitations/abc", "/children/x/journal", "/children/", "/assets", "/sign%20in"] {
            let response = get(&app, path);
            assert_eq!(response.status(), 200, "{path}");
            assert_eq!(header(&response, "content-type"), "text/html; charset=utf-8", "{path}");
            assert_eq!(header(&response, "cache-control"), "no-store", "{path}");
            assert!(body(response).await.contains("<title>Nestling</title>"), "{path}");
        }
    }

    #[test]
    fn a_missing_file_with_an_extension_is_404() {
        let built = Built::new();
        let app = built.app();
        for path in ["/assets/index-old.js", "/missing.png", "/children/x.json", "/assets/fonts/a.woff2"] {
            assert_eq!(get(&app, path).status(), 404, "{path}");
        }
    }

    #[tokio::test]
    async fn files_are_served_with_their_type_and_cache_policy() {
        let built = Built::new();
        let app = built.app();
        let response = get(&app, "/assets/index-abc123.js");
        assert_eq!(response.status(), 200);
        assert_eq!(header(&response, "content-type"), "text/javascript; charset=utf-8");
        assert_eq!(header(&response, "cache-control"), "public, max-age=31536000, immutable");
        assert_eq!(body(response).await, "console.log(1)");

        let response = get(&app, "/assets/index-abc123.css");
        assert_eq!(header(&response, "content-type"), "text/css; charset=utf-8");

        let response = get(&app, "/index.html");
        assert_eq!(header(&response, "cache-control"), "no-store");

        let response = get(&app, "/favicon.svg");
        assert_eq!((response.status().as_u16(), header(&response, "content-type")), (200, "image/svg+xml"));
        assert_eq!(header(&response, "cache-control"), "no-cache");

        let head = app.response(&Method::HEAD, "/assets/index-abc123.js").unwrap();
        assert_eq!(head.status(), 200, "HEAD is answered like GET (hyper drops the body)");
    }

    #[test]
    fn content_types_by_extension() {
        for (file, want) in [
            ("a.html", "text/html; charset=utf-8"),
            ("a.js", "text/javascript; charset=utf-8"),
            ("a.mjs", "text/javascript; charset=utf-8"),
            ("a.css", "text/css; charset=utf-8"),
            ("a.svg", "image/svg+xml"),
            ("a.png", "image/png"),
            ("a.jpg", "image/jpeg"),
            ("a.webp", "image/webp"),
            ("a.ico", "image/x-icon"),
            ("a.json", "application/json"),
            ("manifest.webmanifest", "application/manifest+json"),
            ("a.woff2", "font/woff2"),
            ("a.txt", "text/plain; charset=utf-8"),
            ("a.js.map", "application/json"),
            ("A.PNG", "image/png"),
            ("a.bin", "application/octet-stream"),
            ("noext", "application/octet-stream"),
        ] {
            assert_eq!(content_type(Path::new(file)), want, "{file}");
        }
    }

    #[test]
    fn every_static_response_carries_the_security_headers() {
        let built = Built::new();
        let app = built.app();
        let csp = "default-src 'self'; script-src 'self'; style-src 'self'; \
                   img-src 'self' data: blob: http://127.0.0.1:5055; media-src 'self' blob: http://127.0.0.1:5055; \
                   connect-src 'self' http://127.0.0.1:5055; frame-ancestors 'none'; base-uri 'self'; \
                   form-action 'self'; object-src 'none'";
        for path in ["/", "/invitations/abc", "/assets/index-abc123.js", "/missing.png", "/../x", "/favicon.svg"] {
            let response = get(&app, path);
            assert_eq!(header(&response, "content-security-policy"), csp, "{path}");
            assert_eq!(header(&response, "x-content-type-options"), "nosniff", "{path}");
            assert_eq!(header(&response, "referrer-policy"), "no-referrer", "{path}");
            assert_eq!(header(&response, "x-frame-options"), "DENY", "{path}");
            assert_eq!(header(&response, "permissions-policy"), "camera=(self), microphone=(), geolocation=()", "{path}");
            assert_eq!(header(&response, "cross-origin-opener-policy"), "same-origin", "{path}");
        }
    }

    #[test]
    fn the_csp_names_the_emulator_by_its_origin() {
        assert_eq!(origin_of("http://127.0.0.1:5055/"), "http://127.0.0.1:5055");
        assert_eq!(origin_of("http://127.0.0.1:5055/some/path"), "http://127.0.0.1:5055");
        let built = Built::new();
        let app = WebApp::open(&built.0, "http://127.0.0.1:5055/").unwrap();
        let csp = header(&get(&app, "/"), "content-security-policy").to_string();
        assert!(csp.contains("connect-src 'self' http://127.0.0.1:5055;"), "{csp}");
    }

    #[test]
    fn gateway_paths_are_never_served_from_disk() {
        let built = Built::new();
        let app = built.app();
        for path in [
            "/v1/health",
            "/v1",
            "/v1/",
            "/v1/children/x/journal",
            "/v1/missing.png",
            "/config.json",
            "/%76%31/health",
            "/config%2Ejson",
            "//v1/health",
            "//config.json",
            "/%2Fv1/health",
        ] {
            match app.response(&Method::GET, path) {
                None => {}
                Some(response) => assert_eq!(response.status(), 404, "{path} must not come from disk"),
            }
            assert!(app.response(&Method::HEAD, path).is_none_or(|r| r.status() == 404), "{path}");
        }
        for path in ["/v1/health", "/v1/children/x/journal", "/config.json"] {
            assert!(app.response(&Method::GET, path).is_none(), "{path} goes to the gateway");
        }
    }

    #[test]
    fn only_get_and_head_are_served() {
        let built = Built::new();
        let app = built.app();
        for method in [Method::POST, Method::PUT, Method::DELETE, Method::OPTIONS, Method::PATCH] {
            assert!(app.response(&method, "/").is_none(), "{method}");
            assert!(app.response(&method, "/invitations/abc").is_none(), "{method}");
        }
    }
}

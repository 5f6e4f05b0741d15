//! `make bench`: per endpoint, DynamoDB round trips of one call (SDK interceptor), in-process
//! handler latency against the emulator (median of several calls), stripped release binary
//! size, and cold init time and peak memory against a stub Lambda Runtime API, beside a
//! hello-world lambda_http binary measured in the same run.

use nestling_domain::routes::FUNCTIONS;
use nestling_local::gateway::{build_event, Verifier};
use nestling_tests::{child_body, guardian_body, push_subscription, spawn_app, unique, Person, TestApp};
use serde_json::{json, Value};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

const RUNS: usize = 7;

fn release_dir() -> PathBuf {
    match std::env::var("RELEASE_DIR") {
        Ok(dir) => PathBuf::from(dir),
        Err(_) => PathBuf::from(std::env::var("CARGO_TARGET_DIR").unwrap_or_else(|_| "target".into())).join("release"),
    }
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(|a, b| a.partial_cmp(b).unwrap());
    values[values.len() / 2]
}

/// The function binary `binary` started as Lambda starts it, against a stub Runtime API on
/// `port`.
fn lambda_command(program: &str, args: &[&std::ffi::OsStr], port: u16) -> std::process::Command {
    let mut command = std::process::Command::new(program);
    command
        .args(args)
        .env_clear()
        .env("AWS_LAMBDA_RUNTIME_API", format!("127.0.0.1:{port}"))
        .env("AWS_LAMBDA_FUNCTION_NAME", "bench")
        .env("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "256")
        .env("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST")
        .env("AWS_LAMBDA_LOG_STREAM_NAME", "bench")
        .env("AWS_LAMBDA_LOG_GROUP_NAME", "bench")
        .env("AWS_REGION", "eu-west-2")
        .env("AWS_ACCESS_KEY_ID", "testing")
        .env("AWS_SECRET_ACCESS_KEY", "testing")
        .env("TABLE_NAME", "bench")
        .env("USER_POOL_ID", "eu-west-2_bench")
        .env("APP_CLIENT_ID", "bench")
        .env("MAIL_FROM", "no-reply@nestling.test")
        .env("APP_URL", "https://app.nestling.test")
        .env("RUST_LOG", "warn")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    command
}

/// Waits for the binary's first request to the stub Runtime API; true when it was the
/// request for the next event (the end of the cold start).
fn first_request(listener: &std::net::TcpListener) -> Option<(std::net::TcpStream, bool)> {
    let (mut stream, _) = listener.accept().ok()?;
    let mut buffer = [0u8; 2048];
    let n = stream.read(&mut buffer).unwrap_or(0);
    let asked_next = String::from_utf8_lossy(&buffer[..n]).starts_with("GET /2018-06-01/runtime/invocation/next");
    Some((stream, asked_next))
}

/// Process start until the binary asks the Runtime API for its first event; peak RSS then.
fn cold_init(binary: &Path) -> Option<(f64, f64)> {
    let mut times = Vec::new();
    let mut peaks = Vec::new();
    for _ in 0..RUNS {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").ok()?;
        let port = listener.local_addr().ok()?.port();
        let started = Instant::now();
        let mut child = lambda_command(binary.to_str()?, &[], port).spawn().ok()?;
        let (mut stream, asked_next) = first_request(&listener)?;
        let elapsed = started.elapsed().as_secs_f64() * 1000.0;
        let status = std::fs::read_to_string(format!("/proc/{}/status", child.id())).unwrap_or_default();
        let peak_kb: f64 = status
            .lines()
            .find(|l| l.starts_with("VmHWM:"))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse().ok())
            .unwrap_or(0.0);
        let _ = stream.write_all(b"HTTP/1.1 500 Internal Server Error\r\ncontent-length: 0\r\n\r\n");
        let _ = child.kill();
        let _ = child.wait();
        if !asked_next {
            return None;
        }
        times.push(elapsed);
        peaks.push(peak_kb / 1024.0);
    }
    Some((median(times), median(peaks)))
}

/// Instructions from process start to the first request for an event, counted by valgrind's
/// callgrind: unlike wall-clock time, the same on a loaded machine. The binary is answered
/// with an error, ends, and callgrind writes its total; None without valgrind.
fn cold_instructions(binary: &Path) -> Option<u64> {
    let out = std::env::temp_dir().join(format!("nestling-callgrind-{}.out", std::process::id()));
    let _ = std::fs::remove_file(&out);
    let listener = std::net::TcpListener::bind("127.0.0.1:0").ok()?;
    let port = listener.local_addr().ok()?.port();
    let out_arg = format!("--callgrind-out-file={}", out.display());
    let args: Vec<&std::ffi::OsStr> = vec!["--tool=callgrind".as_ref(), out_arg.as_ref(), "--dump-instr=no".as_ref(), binary.as_os_str()];
    let mut child = lambda_command("valgrind", &args, port).spawn().ok()?;
    let (mut stream, asked_next) = first_request(&listener)?;
    // Stop counting here: the error ends the runtime loop and the process exits.
    let _ = stream.write_all(b"HTTP/1.1 500 Internal Server Error\r\ncontent-length: 0\r\n\r\n");
    drop(stream);
    drop(listener);
    let deadline = Instant::now() + std::time::Duration::from_secs(120);
    while child.try_wait().ok()?.is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            return None;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let text = std::fs::read_to_string(&out).ok()?;
    let _ = std::fs::remove_file(&out);
    if !asked_next {
        return None;
    }
    text.lines().find_map(|l| l.strip_prefix("summary: ").or_else(|| l.strip_prefix("totals: "))).and_then(|v| v.trim().parse().ok())
}

/// One measured row of the table.
struct Row {
    name: String,
    trips: String,
    latency: String,
    measured: Measured,
}

/// What a release binary weighs and costs to start.
struct Binary {
    size_mb: Option<f64>,
    /// The same binary built for arm64, the deployed architecture (`ARCH=arm64 make bench`).
    arm64_mb: Option<f64>,
    cold_init_ms: Option<f64>,
    peak_mb: Option<f64>,
    instructions: Option<u64>,
}

impl Binary {
    fn measure(name: &str) -> Self {
        let path = release_dir().join(name);
        if !path.exists() {
            return Binary { size_mb: None, arm64_mb: arm64_size(name), cold_init_ms: None, peak_mb: None, instructions: None };
        }
        let init = cold_init(&path);
        Binary {
            size_mb: binary_size(name),
            arm64_mb: arm64_size(name),
            cold_init_ms: init.map(|i| i.0),
            peak_mb: init.map(|i| i.1),
            instructions: cold_instructions(&path),
        }
    }
}

/// Sizes in MB (10^6 bytes), as the 6 MB budget is written.
fn arm64_size(name: &str) -> Option<f64> {
    // cargo-lambda leaves each binary as `{name}/bootstrap`, the file Lambda runs.
    let dir = PathBuf::from(std::env::var("ARM64_LAMBDA_DIR").ok()?);
    std::fs::metadata(dir.join(name).join("bootstrap")).ok().map(|m| m.len() as f64 / 1e6)
}

fn binary_size(name: &str) -> Option<f64> {
    std::fs::metadata(release_dir().join(name)).ok().map(|m| m.len() as f64 / 1e6)
}

/// The handler alone: the event built as the gateway would, timed around the function call.
#[expect(clippy::too_many_arguments, reason = "the bench's one place that builds a gateway event: each argument is a part of it")]
async fn handler_call(
    t: &TestApp,
    verifier: &Verifier,
    function: &str,
    method: &str,
    pattern: &str,
    path: &str,
    who: Option<&Person>,
    body: Option<Value>,
    if_match: Option<u64>,
    headers: &[(String, String)],
) -> (u16, Measured, f64) {
    let mut builder = http::Request::builder().method(method).uri(path);
    if body.is_some() {
        builder = builder.header("content-type", "application/json");
    }
    // A device's credential or pairing secret.
    for (name, value) in headers {
        builder = builder.header(name.as_str(), value.as_str());
    }
    if let Some(version) = if_match {
        builder = builder.header("if-match", format!("\"{version}\""));
    }
    // API Gateway passes the bearer token on (enrolling an authenticator uses it).
    if let Some(p) = who {
        builder = builder.header("authorization", format!("Bearer {}", p.token));
    }
    let (parts, ()) = builder.body(()).unwrap().into_parts();
    let claims = match who {
        Some(p) => Some(verifier.verify(Some(&format!("Bearer {}", p.token))).await.expect("valid token")),
        None => None,
    };
    let route = nestling_domain::routes::route(method, path.split('?').next().unwrap_or(path)).expect("routed").1;
    let bytes = body.map(|b| b.to_string()).unwrap_or_default();
    let event = build_event(&parts, bytes.as_bytes(), method, pattern, &route, claims.as_ref(), "127.0.0.1:1".parse().unwrap());
    let request = lambda_http::request::from_str(&event.to_string()).unwrap();
    reset_meters(t);
    let started = Instant::now();
    let response = nestling_local::dispatch(function, t.app.clone(), request).unwrap().await;
    let elapsed = started.elapsed().as_secs_f64() * 1000.0;
    (response.status().as_u16(), Measured::now(t), elapsed)
}

/// What one call cost in DynamoDB: round trips waited for, requests sent, request units.
#[derive(Debug, Clone, Copy, Default)]
struct Measured {
    sequential: usize,
    requests: usize,
    read_units: f64,
    write_units: f64,
}

impl Measured {
    fn now(t: &TestApp) -> Self {
        Measured {
            sequential: t.app.round_trips.sequential(),
            requests: t.app.round_trips.count(),
            read_units: t.app.capacity.read_units(),
            write_units: t.app.capacity.write_units(),
        }
    }
    /// The costlier of two runs of the same request, figure by figure.
    fn max(self, other: Self) -> Self {
        Measured {
            sequential: self.sequential.max(other.sequential),
            requests: self.requests.max(other.requests),
            read_units: self.read_units.max(other.read_units),
            write_units: self.write_units.max(other.write_units),
        }
    }
    fn trips(&self) -> (usize, usize) {
        (self.sequential, self.requests)
    }
}

fn reset_meters(t: &TestApp) {
    t.app.round_trips.reset();
    t.app.capacity.reset();
}

/// Sequential round trips, then every request when some ran side by side: `2 (3 sent)`.
fn trips_text((sequential, sent): (usize, usize)) -> String {
    if sequential == sent {
        sent.to_string()
    } else {
        format!("{sequential} ({sent} sent)")
    }
}

/// The ids of the setting's morning and afternoon sessions, set up on first use.
async fn bench_sessions(t: &nestling_tests::TestApp, s: &str, manager: &nestling_tests::Person) -> (String, String) {
    let path = format!("/v1/settings/{s}/booking-setup");
    let (_, mut current) = t.call("GET", &path, Some(manager), None).await;
    if current["version"] == 0 {
        let price = json!({ "per": "session", "pence": 3000 });
        let body = json!({ "sessions": [
            { "name": "Morning", "starts": "08:00", "ends": "13:00", "price": price },
            { "name": "Afternoon", "starts": "13:00", "ends": "18:00", "price": price }
        ] });
        let (status, saved) = t.call_with("PUT", &path, Some(manager), Some(body), &[("if-match", "0")]).await;
        assert_eq!(status, 200, "{saved}");
        current = saved;
    }
    let id = |i: usize| current["setup"]["sessions"][i]["sessionTypeId"].as_str().unwrap().to_string();
    (id(0), id(1))
}

/// The first Monday at least `days` after `today`.
fn monday_after(today: time::Date, days: i64) -> String {
    let mut day = today + time::Duration::days(days);
    while day.weekday() != time::Weekday::Monday {
        day = day.next_day().unwrap();
    }
    day.to_string()
}

fn accident_body() -> serde_json::Value {
    json!({ "place": "Garden", "whatHappened": "Tripped.", "injury": "Graze", "firstAid": "Plaster.", "serious": false })
}

#[tokio::main]
async fn main() {
    let t = spawn_app().await;
    let verifier = Verifier::new(&t.stack);
    let operator = t.operator().await;
    let (setting_id, manager) = t.setting().await;
    let room = t.room(&setting_id, &manager).await;
    let child = t.child(&setting_id, &manager, &room, &manager.user_id).await;
    let parent = t.guardian(&setting_id, &manager, &child, "parent", true).await;
    let photo = t.photo(&setting_id, &manager, &[&child]).await;
    let observation = t.observation(&setting_id, &manager, &[&child], &[&photo]).await;
    let second_room = t.room(&setting_id, &manager).await;
    let witness = t.staff(&setting_id, &manager, "practitioner").await;
    let today = nestling_domain::care::local(t.app.clock.now(), "Europe/London").date();
    // A tablet paired once, and the manager's and the parent's PINs for it.
    let (_, started) = t.call("POST", "/v1/device-pairings", None, Some(json!({}))).await;
    let (status, device) = t
        .call(
            "POST",
            &format!("/v1/settings/{setting_id}/devices"),
            Some(&manager),
            Some(json!({ "code": started["code"], "name": "Bench tablet" })),
        )
        .await;
    assert_eq!(status, 201, "{device}");
    let tablet = format!("Device {setting_id}.{}.{}", device["deviceId"].as_str().unwrap(), started["secret"].as_str().unwrap());
    let pin_path = format!("/v1/settings/{setting_id}/device-pin");
    let (_, manager_pin) = t.call("PUT", &pin_path, Some(&manager), Some(json!({ "pin": "2580" }))).await;
    let (_, parent_pin) = t.call("PUT", &pin_path, Some(&parent), Some(json!({ "pin": "2580" }))).await;
    let number = |pin: &serde_json::Value| pin["number"].as_str().unwrap().to_string();
    let (manager_number, parent_number) = (number(&manager_pin), number(&parent_pin));
    // A school beside the nursery: a year group, a tutor group with one pupil, a teaching group.
    let (school, head) = t.school().await;
    let teacher = t.staff(&school, &head, "practitioner").await;
    let form = t.room(&school, &head).await;
    let pupil = t.child(&school, &head, &form, &teacher.user_id).await;
    let structure = json!({
        "yearGroups": [{ "yearGroupId": "y9", "name": "Year 9", "learningManagerId": head.user_id,
            "tutorGroups": [{ "tutorGroupId": "9jb", "name": "9JB", "tutorId": teacher.user_id, "pupils": [pupil] }] }],
        "teachingGroups": [{ "teachingGroupId": "9x1-ma", "subject": "Maths", "name": "9x1", "teacherId": teacher.user_id, "yearGroupId": "y9" }],
        "pointCategories": { "achievement": ["Good homework"], "behaviour": ["Forgot equipment"] }
    });
    let (status, set) =
        t.call_with("PUT", &format!("/v1/settings/{school}/school"), Some(&head), Some(structure.clone()), &[("if-match", "0")]).await;
    assert_eq!(status, 200, "{set}");
    t.app.capacity.enable();
    let mut rows: Vec<Row> = Vec::new();
    // The journey journey-transfer-download's links are made from (set on its first run).
    let mut transfer_journey = String::new();
    for function in FUNCTIONS {
        let (rt, latency, measured) = match function.http() {
            Some((method, pattern, _)) => {
                let mut trips = Measured::default();
                let mut times = Vec::new();
                for run in 0..RUNS {
                    let s = &setting_id;
                    let c = &child;
                    let mut if_match = None;
                    let mut extra_headers: Vec<(String, String)> = Vec::new();
                    // A caller made for this one call (a fresh child's parent), kept while it is used.
                    let parked: Option<nestling_tests::Person>;
                    let (path, who, body) = match function.name {
                        "health" => ("/v1/health".to_string(), None, None),
                        "me" => ("/v1/me".into(), Some(&manager), None),
                        "settings-create" => (
                            "/v1/settings".into(),
                            Some(&operator),
                            Some(json!({
                            "name": "N", "timezone": "Europe/London", "agreementText": "T",
                            "manager": { "email": format!("{}@n.test", unique("m")), "name": "M" } })),
                        ),
                        "settings-get" => (format!("/v1/settings/{s}"), Some(&manager), None),
                        "rooms-create" => {
                            (format!("/v1/settings/{s}/rooms"), Some(&manager), Some(json!({ "name": "R", "ageBand": "two" })))
                        }
                        "rooms-list" => (format!("/v1/settings/{s}/rooms"), Some(&manager), None),
                        "device-pairing-start" => ("/v1/device-pairings".to_string(), None, Some(json!({}))),
                        "device-pairing-get" | "device-pair" | "device-unpair" | "device-get" => {
                            // A device waiting, paired by the manager. Each code typed counts
                            // against the manager (10 an hour), so each run is an hour on, in a
                            // window of its own (the clock comes back after the call).
                            t.app.clock.advance(time::Duration::hours(run as i64 + 1));
                            let (_, started) = t.call("POST", "/v1/device-pairings", None, Some(json!({}))).await;
                            let (code, secret) =
                                (started["code"].as_str().unwrap().to_string(), started["secret"].as_str().unwrap().to_string());
                            let pair = (format!("/v1/settings/{s}/devices"), Some(json!({ "code": code, "name": "Bench tablet" })));
                            if function.name == "device-pair" {
                                (pair.0, Some(&manager), pair.1)
                            } else {
                                let (status, device) = t.call("POST", &pair.0, Some(&manager), pair.1).await;
                                assert_eq!(status, 201, "{device}");
                                let device_id = device["deviceId"].as_str().unwrap().to_string();
                                match function.name {
                                    "device-pairing-get" => {
                                        extra_headers = vec![("x-pairing-secret".to_string(), secret)];
                                        (format!("/v1/device-pairings/{code}"), None, None)
                                    }
                                    "device-get" => {
                                        extra_headers = vec![("authorization".to_string(), format!("Device {s}.{device_id}.{secret}"))];
                                        ("/v1/device".to_string(), None, None)
                                    }
                                    _ => (
                                        format!("/v1/settings/{s}/devices/{device_id}/unpair"),
                                        Some(&manager),
                                        Some(json!({ "reason": "retired" })),
                                    ),
                                }
                            }
                        }
                        "devices-list" => (format!("/v1/settings/{s}/devices"), Some(&manager), None),
                        "school-get" => (format!("/v1/settings/{school}/school"), Some(&teacher), None),
                        "school-set" => {
                            let (_, current) = t.call("GET", &format!("/v1/settings/{school}/school"), Some(&head), None).await;
                            if_match = current["version"].as_u64();
                            (format!("/v1/settings/{school}/school"), Some(&head), Some(structure.clone()))
                        }
                        "points-give" => (
                            format!("/v1/settings/{school}/children/{pupil}/points"),
                            Some(&teacher),
                            Some(json!({ "kind": "behaviour", "category": "Forgot equipment", "reason": "No calculator", "points": 1 })),
                        ),
                        "points-list" => (format!("/v1/settings/{school}/children/{pupil}/points"), Some(&teacher), None),
                        "school-register-get" => (format!("/v1/settings/{school}/school/registers/9jb"), Some(&teacher), None),
                        "school-register-mark" => {
                            // A day further back each run, so every run writes a first mark.
                            let today = nestling_domain::care::local(t.app.clock.now(), "Europe/London").date();
                            let day = today - time::Duration::days(run as i64);
                            let marks = json!({ "date": day.to_string(), "session": "am", "marks": [{ "childId": pupil, "code": "/", "version": 0 }] });
                            (format!("/v1/settings/{school}/school/registers/9jb"), Some(&teacher), Some(marks))
                        }
                        "school-totals-get" => (format!("/v1/settings/{school}/school/registers/9jb/totals"), Some(&teacher), None),
                        "school-attendance-get" => {
                            (format!("/v1/settings/{school}/children/{pupil}/school-attendance"), Some(&teacher), None)
                        }
                        "device-pin-get" => (format!("/v1/settings/{s}/device-pin"), Some(&manager), None),
                        "device-pin-set" => (format!("/v1/settings/{s}/device-pin"), Some(&manager), Some(json!({ "pin": "2580" }))),
                        "kiosk-pass-create" => (format!("/v1/settings/{s}/kiosk-passes"), Some(&parent), None),
                        "device-session-start" => {
                            extra_headers = vec![("authorization".to_string(), tablet.clone())];
                            (
                                "/v1/device/sessions".to_string(),
                                None,
                                Some(json!({ "mode": "staff", "number": manager_number, "pin": "2580" })),
                            )
                        }
                        "device-session-end"
                        | "device-register-get"
                        | "device-guardians-list"
                        | "device-attendance-record"
                        | "device-journal-get" => {
                            // A person's session opened on the tablet just before.
                            let (mode, number) = if function.name == "device-journal-get" {
                                ("journal", &parent_number)
                            } else {
                                ("staff", &manager_number)
                            };
                            let body = json!({ "mode": mode, "number": number, "pin": "2580" });
                            let (status, session) =
                                t.call_with("POST", "/v1/device/sessions", None, Some(body), &[("authorization", tablet.as_str())]).await;
                            assert_eq!(status, 201, "{session}");
                            extra_headers = vec![
                                ("authorization".to_string(), tablet.clone()),
                                ("x-device-session".to_string(), session["token"].as_str().unwrap().to_string()),
                            ];
                            match function.name {
                                "device-session-end" => ("/v1/device/session/end".to_string(), None, None),
                                "device-register-get" => (format!("/v1/device/settings/{s}/register"), None, None),
                                "device-guardians-list" => (format!("/v1/device/settings/{s}/children/{c}/guardians"), None, None),
                                "device-journal-get" => (format!("/v1/device/settings/{s}/children/{c}/journal"), None, None),
                                _ => {
                                    // A fresh child each run, signed in.
                                    let fresh = t.child(&setting_id, &manager, &room, &manager.user_id).await;
                                    (
                                        format!("/v1/device/settings/{s}/children/{fresh}/attendance"),
                                        None,
                                        Some(json!({ "mark": "sign-in" })),
                                    )
                                }
                            }
                        }
                        "staff-invite" => (
                            format!("/v1/settings/{s}/staff"),
                            Some(&manager),
                            Some(json!({
                            "email": format!("{}@n.test", unique("s")), "name": "S", "role": "practitioner", "qualificationLevel": 2 })),
                        ),
                        "staff-list" => (format!("/v1/settings/{s}/staff"), Some(&manager), None),
                        "staff-revoke" => {
                            let (_, invited) = t.call("POST", &format!("/v1/settings/{s}/staff"), Some(&manager), Some(json!({
                                "email": format!("{}@n.test", unique("v")), "name": "V", "role": "practitioner", "qualificationLevel": 1 }))).await;
                            (
                                format!("/v1/settings/{s}/staff/{}/revoke", invited["userId"].as_str().unwrap()),
                                Some(&manager),
                                Some(json!({ "reason": "bench" })),
                            )
                        }
                        "invitations-accept" => {
                            let email = format!("{}@n.test", unique("a"));
                            t.call(
                                "POST",
                                &format!("/v1/settings/{s}/staff"),
                                Some(&manager),
                                Some(json!({
                                "email": email, "name": "A", "role": "practitioner", "qualificationLevel": 1 })),
                            )
                            .await;
                            let token = t.invitation_token(&email).await;
                            (format!("/v1/invitations/{token}/accept"), None, Some(json!({ "password": nestling_tests::PASSWORD })))
                        }
                        "children-register" => {
                            (format!("/v1/settings/{s}/children"), Some(&manager), Some(child_body(&room, &manager.user_id)))
                        }
                        "children-list" => (format!("/v1/settings/{s}/children"), Some(&manager), None),
                        "children-get" => (format!("/v1/settings/{s}/children/{c}"), Some(&parent), None),
                        "children-update" => {
                            let (_, now) = t.call("GET", &format!("/v1/settings/{s}/children/{c}"), Some(&manager), None).await;
                            if_match = now["version"].as_u64();
                            (format!("/v1/settings/{s}/children/{c}"), Some(&manager), Some(json!({ "dietaryNotes": unique("no nuts") })))
                        }
                        "hold-place" | "hold-lift" => {
                            let fresh = t.child(s, &manager, &room, &manager.user_id).await;
                            let path = format!("/v1/settings/{s}/children/{fresh}/safeguarding-hold");
                            if function.name == "hold-lift" {
                                t.call("POST", &path, Some(&manager), Some(json!({ "reason": "bench" }))).await;
                                (path, Some(&manager), Some(json!({ "note": "bench" })))
                            } else {
                                (path, Some(&manager), Some(json!({ "reason": "bench" })))
                            }
                        }
                        "leaving-set" | "leaving-cancel" => {
                            // A fresh child each time, leaving in about a year.
                            let fresh = t.child(s, &manager, &room, &manager.user_id).await;
                            let path = format!("/v1/settings/{s}/children/{fresh}/leaving");
                            if function.name == "leaving-cancel" {
                                let (_, set) = t
                                    .call_with("PUT", &path, Some(&manager), Some(nestling_tests::leaving_body()), &[("if-match", "1")])
                                    .await;
                                if_match = set["version"].as_u64();
                                (path, Some(&manager), None)
                            } else {
                                if_match = Some(1);
                                (path, Some(&manager), Some(nestling_tests::leaving_body()))
                            }
                        }
                        // One journey a day per child: a fresh child each time.
                        "journey-request" => {
                            let fresh = t.child(s, &manager, &room, &manager.user_id).await;
                            (format!("/v1/settings/{s}/children/{fresh}/journeys"), Some(&manager), None)
                        }
                        "journeys-list" => (format!("/v1/settings/{s}/children/{c}/journeys"), Some(&parent), None),
                        "journey-download" => {
                            // The child's journey of today, asked for and made once.
                            let journeys = format!("/v1/settings/{s}/children/{c}/journeys");
                            if run == 0 {
                                t.call("POST", &journeys, Some(&manager), None).await;
                                t.drain_outbox().await;
                            }
                            (format!("{journeys}/{today}?format=archive"), Some(&parent), None)
                        }
                        "rights-request-child" => {
                            (format!("/v1/settings/{s}/children/{c}/rights-requests"), Some(&parent), Some(json!({})))
                        }
                        "rights-request-self" => (
                            format!("/v1/settings/{s}/rights-requests"),
                            Some(&manager),
                            Some(json!({ "requesterName": "Kim Letter", "receivedBy": "letter" })),
                        ),
                        "rights-requests-list" => (format!("/v1/settings/{s}/rights-requests"), Some(&manager), None),
                        "rights-request-extend" | "rights-request-answer" => {
                            let (_, made) =
                                t.call("POST", &format!("/v1/settings/{s}/rights-requests"), Some(&parent), Some(json!({}))).await;
                            let id = made["requestId"].as_str().unwrap().to_string();
                            let verb = if function.name == "rights-request-extend" { "extend" } else { "answer" };
                            (format!("/v1/settings/{s}/rights-requests/{id}/{verb}"), Some(&manager), Some(json!({ "note": "Bench." })))
                        }
                        "rights-export-gather"
                        | "rights-export-get"
                        | "rights-export-withhold"
                        | "rights-export-release"
                        | "rights-export-download" => {
                            // A fresh request of the parent's about the child each run, moved by
                            // the stream to the step the route needs.
                            let (_, made) = t
                                .call("POST", &format!("/v1/settings/{s}/children/{c}/rights-requests"), Some(&parent), Some(json!({})))
                                .await;
                            let export = format!("/v1/settings/{s}/rights-requests/{}/export", made["requestId"].as_str().unwrap());
                            if function.name != "rights-export-gather" {
                                t.call("POST", &export, Some(&manager), None).await;
                                t.drain_outbox().await;
                            }
                            if function.name == "rights-export-download" {
                                t.call("POST", &format!("{export}/release"), Some(&manager), None).await;
                                t.drain_outbox().await;
                            }
                            match function.name {
                                "rights-export-withhold" => {
                                    (format!("{export}/withhold"), Some(&manager), Some(json!({ "itemId": "child", "reason": "Bench." })))
                                }
                                "rights-export-release" => (format!("{export}/release"), Some(&manager), None),
                                // The parent downloads: her parental responsibility is read again.
                                "rights-export-download" => (format!("{export}/download?format=archive"), Some(&parent), None),
                                _ => (export, Some(&manager), None),
                            }
                        }
                        "rights-erasure-approve" => {
                            // A fresh child who left today, and an erasure request logged for them.
                            let fresh = t.child(s, &manager, &room, &manager.user_id).await;
                            let today = time::OffsetDateTime::now_utc().date().to_string();
                            let leaving = json!({ "date": today, "destinationKind": "school", "destination": "Hill Primary", "guardianAccessDays": 0 });
                            t.call_with(
                                "PUT",
                                &format!("/v1/settings/{s}/children/{fresh}/leaving"),
                                Some(&manager),
                                Some(leaving),
                                &[("if-match", "1")],
                            )
                            .await;
                            let logged = json!({ "requesterName": "Kim", "receivedBy": "letter", "requestKind": "erasure" });
                            let (_, made) = t
                                .call("POST", &format!("/v1/settings/{s}/children/{fresh}/rights-requests"), Some(&manager), Some(logged))
                                .await;
                            let id = made["requestId"].as_str().unwrap().to_string();
                            (format!("/v1/settings/{s}/rights-requests/{id}/erasure"), Some(&manager), Some(json!({ "note": "Bench." })))
                        }
                        "booking-setup-get" => (format!("/v1/settings/{s}/booking-setup"), Some(&parent), None),
                        "booking-setup-set" => {
                            // The setup sent back as it stands, under its version.
                            bench_sessions(&t, s, &manager).await;
                            let path = format!("/v1/settings/{s}/booking-setup");
                            let (_, current) = t.call("GET", &path, Some(&manager), None).await;
                            if_match = current["version"].as_u64();
                            (path, Some(&manager), Some(current["setup"].clone()))
                        }
                        "booking-pattern-set" => {
                            let (morning, _) = bench_sessions(&t, s, &manager).await;
                            let week = json!({ "monday": [morning], "tuesday": [morning], "wednesday": [morning], "thursday": [morning], "friday": [morning] });
                            // The setting's today as the app's clock has it now (staff-clock moved it on).
                            let now = nestling_domain::care::local(t.app.clock.now(), "Europe/London").date();
                            let body = json!({ "starts": now.to_string(), "week": week });
                            (format!("/v1/settings/{s}/children/{c}/booking-pattern"), Some(&manager), Some(body))
                        }
                        "bookings-get" => (format!("/v1/settings/{s}/children/{c}/bookings"), Some(&parent), None),
                        "booking-request" => {
                            // An afternoon on a Monday of its own each run (no capacity: it waits).
                            let (_, afternoon) = bench_sessions(&t, s, &manager).await;
                            let body =
                                json!({ "date": monday_after(today, 14 + 7 * run as i64), "sessionTypeId": afternoon, "change": "extra" });
                            (format!("/v1/settings/{s}/children/{c}/booking-requests"), Some(&parent), Some(body))
                        }
                        "booking-requests-list" => (format!("/v1/settings/{s}/booking-requests"), Some(&manager), None),
                        "booking-request-decide" => {
                            // A fresh request of the parent's, on a Monday no other run asked for.
                            let (_, afternoon) = bench_sessions(&t, s, &manager).await;
                            let date = monday_after(today, 14 + 7 * (RUNS + run) as i64);
                            let body = json!({ "date": date, "sessionTypeId": afternoon, "change": "extra" });
                            let (_, made) =
                                t.call("POST", &format!("/v1/settings/{s}/children/{c}/booking-requests"), Some(&parent), Some(body)).await;
                            let id = made["requestId"].as_str().expect("a waiting request").to_string();
                            (
                                format!("/v1/settings/{s}/booking-requests/{date}/{id}/decision"),
                                Some(&manager),
                                Some(json!({ "approve": true })),
                            )
                        }
                        "funding-get" => (format!("/v1/settings/{s}/children/{c}/funding"), Some(&parent), None),
                        "funding-set" => {
                            // The child's funding sent back under its version each run.
                            let path = format!("/v1/settings/{s}/children/{c}/funding");
                            let (_, current) = t.call("GET", &path, Some(&manager), None).await;
                            if_match = current["version"].as_u64();
                            let claim = json!({
                                "stream": "working-parent-30", "delivery": { "taken": "stretched", "weeks": 51 }, "code": "50012345678",
                                "validFrom": today.to_string(), "reconfirmBy": (today + time::Duration::days(80)).to_string(),
                                "graceUntil": (today + time::Duration::days(110)).to_string()
                            });
                            (path, Some(&manager), Some(json!({ "claims": [claim] })))
                        }
                        "billing-get" => (format!("/v1/settings/{s}/children/{c}/billing"), Some(&parent), None),
                        "billing-set" => {
                            // The parent pays, under the billing's version each run.
                            let path = format!("/v1/settings/{s}/children/{c}/billing");
                            let (_, current) = t.call("GET", &path, Some(&manager), None).await;
                            if_match = current["version"].as_u64();
                            (path, Some(&manager), Some(json!({ "payers": [parent.user_id] })))
                        }
                        "invoices-month" => {
                            let now = nestling_domain::care::local(t.app.clock.now(), "Europe/London").date();
                            (format!("/v1/settings/{s}/invoices?month={}", &now.to_string()[..7]), Some(&manager), None)
                        }
                        "invoices-issue" => {
                            // A child of its own each run, booked weekday mornings from a Monday a
                            // week on; the clock is moved 45 days on for the call (a month with
                            // those days has begun) and back after it.
                            let (morning, _) = bench_sessions(&t, s, &manager).await;
                            let fresh = t.child(s, &manager, &room, &manager.user_id).await;
                            t.guardian(s, &manager, &fresh, "parent", true).await;
                            let now = nestling_domain::care::local(t.app.clock.now(), "Europe/London").date();
                            let week = json!({ "monday": [morning], "tuesday": [morning], "wednesday": [morning], "thursday": [morning], "friday": [morning] });
                            let pattern = json!({ "starts": monday_after(now, 1), "week": week });
                            let (status, _) = t
                                .call("PUT", &format!("/v1/settings/{s}/children/{fresh}/booking-pattern"), Some(&manager), Some(pattern))
                                .await;
                            assert_eq!(status, 200);
                            let month = (now + time::Duration::days(40)).to_string()[..7].to_string();
                            t.app.clock.advance(time::Duration::days(45));
                            let (_, listed) =
                                t.call("GET", &format!("/v1/settings/{s}/invoices?month={month}"), Some(&manager), None).await;
                            if_match = listed["version"].as_u64();
                            (format!("/v1/settings/{s}/invoices/{month}/issue"), Some(&manager), None)
                        }
                        "my-invoices" => {
                            t.invoice_for(s, c, &parent.user_id).await;
                            (format!("/v1/settings/{s}/my-invoices"), Some(&parent), None)
                        }
                        "invoice-get" | "invoice-pdf" => {
                            let id = t.invoice_for(s, c, &parent.user_id).await;
                            let tail = if function.name == "invoice-pdf" { "/pdf" } else { "" };
                            (format!("/v1/settings/{s}/invoices/{id}{tail}"), Some(&parent), None)
                        }
                        "funding-headcount" => {
                            // A term around today (recorded on the first run), over the
                            // children funding-set funded.
                            bench_sessions(&t, s, &manager).await;
                            let path = format!("/v1/settings/{s}/booking-setup");
                            let (_, current) = t.call("GET", &path, Some(&manager), None).await;
                            if current["setup"]["terms"].as_array().is_none_or(|a| a.is_empty()) {
                                let today = nestling_domain::care::local(t.app.clock.now(), "Europe/London").date();
                                let mut setup = current["setup"].clone();
                                let (starts, ends) = (today - time::Duration::days(20), today + time::Duration::days(60));
                                setup["terms"] = json!([{ "name": "Now", "starts": starts.to_string(), "ends": ends.to_string() }]);
                                let version = current["version"].to_string();
                                let (status, saved) =
                                    t.call_with("PUT", &path, Some(&manager), Some(setup), &[("if-match", version.as_str())]).await;
                                assert_eq!(status, 200, "{saved}");
                            }
                            (format!("/v1/settings/{s}/funding/headcount"), Some(&manager), None)
                        }
                        "payment-record" => {
                            // A payment from the parent, a bill payer (an invoice of theirs first).
                            t.invoice_for(s, c, &parent.user_id).await;
                            let now = nestling_domain::care::local(t.app.clock.now(), "Europe/London").date();
                            let body = json!({ "amount": 3200, "method": "tax-free-childcare", "reference": "AJON12345TFC", "receivedOn": now.to_string() });
                            (format!("/v1/settings/{s}/payers/{}/payments", parent.user_id), Some(&manager), Some(body))
                        }
                        "statement-get" => (format!("/v1/settings/{s}/payers/{}/statement", parent.user_id), Some(&parent), None),
                        "invoice-correct" => {
                            // An invoice of its own each run (nothing booked in its month: the
                            // correction is a credit note alone), under its month's version.
                            let id = t.invoice_for(s, c, &parent.user_id).await;
                            let (_, listed) =
                                t.call("GET", &format!("/v1/settings/{s}/invoices?month=2026-01"), Some(&manager), None).await;
                            if_match = listed["version"].as_u64();
                            (format!("/v1/settings/{s}/invoices/{id}/correct"), Some(&manager), Some(json!({ "reason": "other" })))
                        }
                        "staffing-get" => {
                            bench_sessions(&t, s, &manager).await;
                            (format!("/v1/settings/{s}/staffing"), Some(&manager), None)
                        }
                        "rota-set" => {
                            // A week of its own each run: the witness in the room, each weekday.
                            let shifts: Vec<serde_json::Value> = ["monday", "tuesday", "wednesday", "thursday", "friday"]
                                .iter()
                                .map(|day| json!({ "userId": witness.user_id, "roomId": room, "day": day, "starts": "08:00", "ends": "16:00" }))
                                .collect();
                            if_match = Some(0);
                            (
                                format!("/v1/settings/{s}/rota/{}", monday_after(today, 7 * (2 * RUNS + run + 2) as i64)),
                                Some(&manager),
                                Some(json!({ "shifts": shifts })),
                            )
                        }
                        "retention-get" => (format!("/v1/settings/{s}/retention"), Some(&manager), None),
                        "retention-set" => (
                            format!("/v1/settings/{s}/retention"),
                            Some(&manager),
                            Some(json!({ "kind": "journal", "period": { "until": "after-leaving", "months": 36 + run as u16 } })),
                        ),
                        "legal-hold-place" | "legal-hold-lift" => {
                            let fresh = t.child(s, &manager, &room, &manager.user_id).await;
                            let path = format!("/v1/settings/{s}/children/{fresh}/legal-hold");
                            if function.name == "legal-hold-lift" {
                                t.call("POST", &path, Some(&manager), Some(json!({ "reason": "bench" }))).await;
                                (path, Some(&manager), Some(json!({ "note": "bench" })))
                            } else {
                                (path, Some(&manager), Some(json!({ "reason": "bench" })))
                            }
                        }
                        // The child's journey made above (journey-download): sent on once a run.
                        "journey-transfer" => (
                            format!("/v1/settings/{s}/children/{c}/journeys/{today}/transfers"),
                            Some(&manager),
                            Some(json!({ "to": format!("{}@school.test", unique("t")), "receiver": "Hill Primary" })),
                        ),
                        "journey-transfer-download" => {
                            // A link of a fresh child's journey (made once), spent each run.
                            if run == 0 {
                                let fresh = t.child(s, &manager, &room, &manager.user_id).await;
                                t.call("POST", &format!("/v1/settings/{s}/children/{fresh}/journeys"), Some(&manager), None).await;
                                t.drain_outbox().await;
                                transfer_journey = format!("/v1/settings/{s}/children/{fresh}/journeys/{today}/transfers");
                            }
                            let to = format!("{}@school.test", unique("d"));
                            t.call("POST", &transfer_journey, Some(&manager), Some(json!({ "to": to, "receiver": "Hill Primary" }))).await;
                            t.drain_outbox().await;
                            let mail = t.mail_to(&to).await;
                            let body = &mail.last().expect("the transfer email").body;
                            let token: String = body
                                .split("/transfer/")
                                .nth(1)
                                .expect("its link")
                                .chars()
                                .take_while(char::is_ascii_alphanumeric)
                                .collect();
                            (format!("/v1/journey-transfers/{token}/download"), None, None)
                        }
                        "consents-set" => (
                            format!("/v1/settings/{s}/children/{c}/consents"),
                            Some(&parent),
                            Some(json!({ "photosInOtherJournals": true, "remoteStaffAccess": false })),
                        ),
                        // A fresh child each time: a child holds at most 12 guardian links.
                        "guardians-link" => {
                            let fresh = t.child(s, &manager, &room, &manager.user_id).await;
                            (
                                format!("/v1/settings/{s}/children/{fresh}/guardians"),
                                Some(&manager),
                                Some(guardian_body(&format!("{}@n.test", unique("g")), "parent")),
                            )
                        }
                        "guardians-list" => (format!("/v1/settings/{s}/children/{c}/guardians"), Some(&parent), None),
                        "guardians-revoke" => {
                            let fresh = t.child(s, &manager, &room, &manager.user_id).await;
                            let (_, link) = t
                                .call(
                                    "POST",
                                    &format!("/v1/settings/{s}/children/{fresh}/guardians"),
                                    Some(&manager),
                                    Some(guardian_body(&format!("{}@n.test", unique("r")), "family")),
                                )
                                .await;
                            (
                                format!("/v1/settings/{s}/children/{fresh}/guardians/{}/revoke", link["userId"].as_str().unwrap()),
                                Some(&manager),
                                Some(json!({ "reason": "left" })),
                            )
                        }
                        "agreement-get" => (format!("/v1/settings/{s}/agreement"), Some(&parent), None),
                        "agreement-publish" => {
                            (format!("/v1/settings/{s}/agreement"), Some(&manager), Some(json!({ "text": unique("terms") })))
                        }
                        "agreement-accept" => {
                            // A new version each time, so each call records an acceptance.
                            let (_, published) = t
                                .call(
                                    "PUT",
                                    &format!("/v1/settings/{s}/agreement"),
                                    Some(&manager),
                                    Some(json!({ "text": unique("terms") })),
                                )
                                .await;
                            (
                                format!("/v1/settings/{s}/agreement/acceptances"),
                                Some(&parent),
                                Some(json!({ "version": published["version"] })),
                            )
                        }
                        "audit-list" => (format!("/v1/settings/{s}/audit?childId={c}"), Some(&manager), None),
                        "media-upload" => (
                            format!("/v1/settings/{s}/media"),
                            Some(&parent),
                            Some(json!({ "contentType": "image/jpeg", "byteSize": 2_000_000, "children": [c] })),
                        ),
                        // A parent opening a published photo: their links are checked live.
                        "media-get" => (format!("/v1/settings/{s}/media/{photo}?variant=thumbnail&child={c}"), Some(&parent), None),
                        "observations-create" => (
                            format!("/v1/settings/{s}/observations"),
                            Some(&manager),
                            Some(json!({
                            "text": "Bench.", "children": [c], "areas": ["literacy"] })),
                        ),
                        "observations-list" => (format!("/v1/settings/{s}/observations?child={c}"), Some(&manager), None),
                        "observations-update" => {
                            let id = t.observation(s, &manager, &[c], &[]).await;
                            if_match = Some(1);
                            (format!("/v1/settings/{s}/observations/{id}"), Some(&manager), Some(json!({ "text": "Edited." })))
                        }
                        "observations-delete" => {
                            let id = t.observation(s, &manager, &[c], &[]).await;
                            (format!("/v1/settings/{s}/observations/{id}"), Some(&manager), None)
                        }
                        "journal-get" => (format!("/v1/settings/{s}/children/{c}/journal"), Some(&parent), None),
                        "comments-create" => (
                            format!("/v1/settings/{s}/observations/{observation}/comments?child={c}"),
                            Some(&parent),
                            Some(json!({ "text": "Lovely!" })),
                        ),
                        "comments-list" => (format!("/v1/settings/{s}/observations/{observation}/comments?child={c}"), Some(&parent), None),
                        "contributions-create" => {
                            (format!("/v1/settings/{s}/children/{c}/contributions"), Some(&parent), Some(json!({ "text": "From home." })))
                        }
                        "child-contributions" => (format!("/v1/settings/{s}/children/{c}/contributions"), Some(&parent), None),
                        "contributions-list" => (format!("/v1/settings/{s}/contributions?status=pending"), Some(&manager), None),
                        "contributions-approve" | "contributions-reject" => {
                            let (_, made) = t
                                .call(
                                    "POST",
                                    &format!("/v1/settings/{s}/children/{c}/contributions"),
                                    Some(&parent),
                                    Some(json!({ "text": "From home." })),
                                )
                                .await;
                            let id = made["contributionId"].as_str().unwrap().to_string();
                            let verb = if function.name == "contributions-approve" { "approve" } else { "reject" };
                            let body = (verb == "reject").then(|| json!({ "reason": "Not this one." }));
                            (format!("/v1/settings/{s}/contributions/{id}/{verb}"), Some(&manager), body)
                        }
                        "posts-create" => (format!("/v1/settings/{s}/posts"), Some(&manager), Some(json!({ "text": "Bench news." }))),
                        // A parent reading the feed: their rooms and photos decided from the roster.
                        "posts-list" => (format!("/v1/settings/{s}/posts"), Some(&parent), None),
                        "posts-get" | "posts-pin" | "posts-withdraw" | "event-reply" => {
                            let tomorrow = (t.app.clock.now() + time::Duration::days(1)).date().to_string();
                            let body = json!({ "text": "Bench event.",
                                "event": { "title": "Picnic", "date": tomorrow, "startsAt": "12:00", "place": "Garden", "capacity": 100 } });
                            let id = t.post(s, &manager, body).await;
                            match function.name {
                                "posts-get" => (format!("/v1/settings/{s}/posts/{id}"), Some(&manager), None),
                                "posts-pin" => {
                                    (format!("/v1/settings/{s}/posts/{id}/pinned"), Some(&manager), Some(json!({ "pinned": false })))
                                }
                                "posts-withdraw" => (format!("/v1/settings/{s}/posts/{id}"), Some(&manager), None),
                                _ => (format!("/v1/settings/{s}/posts/{id}/replies/{c}"), Some(&parent), Some(json!({ "answer": "yes" }))),
                            }
                        }
                        "posts-approve" => {
                            let policy = format!("/v1/settings/{s}/feed-policy");
                            t.call("PUT", &policy, Some(&manager), Some(json!({ "postsNeedApproval": true }))).await;
                            let id = t.post(s, &witness, json!({ "text": "Waiting." })).await;
                            t.call("PUT", &policy, Some(&manager), Some(json!({ "postsNeedApproval": false }))).await;
                            (format!("/v1/settings/{s}/posts/{id}/approve"), Some(&manager), None)
                        }
                        "feed-policy-set" => {
                            (format!("/v1/settings/{s}/feed-policy"), Some(&manager), Some(json!({ "postsNeedApproval": false })))
                        }
                        // A parent writing to their child's key person.
                        "threads-start" => (
                            format!("/v1/settings/{s}/children/{c}/threads"),
                            Some(&parent),
                            Some(json!({ "subject": "Bench", "text": "Hello.", "to": "key-person" })),
                        ),
                        "broadcasts-send" => (
                            format!("/v1/settings/{s}/broadcasts"),
                            Some(&manager),
                            Some(json!({ "subject": "Bench", "text": "To the room.", "roomId": room })),
                        ),
                        // A parent's inbox: their child's, room's and setting's threads read together.
                        "threads-list" => (format!("/v1/settings/{s}/threads"), Some(&parent), None),
                        "threads-get" | "messages-send" | "messages-withdraw" => {
                            let (_, started) = t
                                .call(
                                    "POST",
                                    &format!("/v1/settings/{s}/children/{c}/threads"),
                                    Some(&parent),
                                    Some(json!({
                                    "subject": "Bench", "text": "Hello.", "to": "room" })),
                                )
                                .await;
                            let thread = started["threads"][0]["threadId"].as_str().unwrap().to_string();
                            let messages = format!("/v1/settings/{s}/threads/{thread}/messages");
                            match function.name {
                                "threads-get" => (format!("/v1/settings/{s}/threads/{thread}"), Some(&parent), None),
                                "messages-send" => (messages, Some(&parent), Some(json!({ "text": "Bench reply." }))),
                                _ => {
                                    let (_, sent) = t.call("POST", &messages, Some(&parent), Some(json!({ "text": "Oops." }))).await;
                                    (format!("{messages}/{}", sent["message"]["messageId"].as_str().unwrap()), Some(&parent), None)
                                }
                            }
                        }
                        // A fresh child's parent, so the bench's parent keeps their threads.
                        "household-set" => {
                            let fresh = t.child(s, &manager, &room, &manager.user_id).await;
                            let someone = t.guardian(s, &manager, &fresh, "parent", true).await;
                            (
                                format!("/v1/settings/{s}/children/{fresh}/guardians/{}/household", someone.user_id),
                                Some(&manager),
                                Some(json!({ "household": 2 })),
                            )
                        }
                        "messaging-policy-set" => (
                            format!("/v1/settings/{s}/messaging-policy"),
                            Some(&manager),
                            Some(json!({ "staffSeeRead": true, "familiesSeeRead": false })),
                        ),
                        "message-recipients" => (format!("/v1/settings/{s}/message-recipients?roomId={room}"), Some(&manager), None),
                        "assessment-framework-set" => (
                            format!("/v1/settings/{s}/assessment-framework"),
                            Some(&manager),
                            Some(json!({ "framework": "birth-to-5-matters" })),
                        ),
                        // A parent reading their child's shared term.
                        "assessment-get" => (format!("/v1/settings/{s}/children/{c}/assessment"), Some(&parent), None),
                        "judgement-set" | "assessment-share" => {
                            let framework = format!("/v1/settings/{s}/assessment-framework");
                            t.call("PUT", &framework, Some(&manager), Some(json!({ "framework": "birth-to-5-matters" }))).await;
                            let term =
                                nestling_domain::eyfs::Term::of(nestling_domain::care::local(t.app.clock.now(), "Europe/London").date())
                                    .key();
                            let judge = format!("/v1/settings/{s}/children/{c}/assessment/{term}/speaking");
                            if function.name == "judgement-set" {
                                (judge, Some(&manager), Some(json!({ "band": "range-4" })))
                            } else {
                                t.call("PUT", &judge, Some(&manager), Some(json!({ "band": "range-4" }))).await;
                                (format!("/v1/settings/{s}/children/{c}/assessment/{term}/share"), Some(&manager), None)
                            }
                        }
                        "checkpoints-list" => (format!("/v1/settings/{s}/checkpoints"), Some(&manager), None),
                        "monitoring-get" => (format!("/v1/settings/{s}/monitoring"), Some(&manager), None),
                        // Each step of a fresh child's check, the steps before it done first.
                        "progress-check-save"
                        | "progress-check-get"
                        | "progress-check-share"
                        | "progress-check-respond"
                        | "progress-check-sign"
                        | "progress-check-pdf" => {
                            let fresh = t.child(s, &manager, &room, &manager.user_id).await;
                            let someone = t.guardian(s, &manager, &fresh, "parent", true).await;
                            let check = format!("/v1/settings/{s}/children/{fresh}/progress-check");
                            let draft = json!({ "communicationAndLanguage": "a", "physicalDevelopment": "b",
                                "personalSocialAndEmotionalDevelopment": "c", "strengths": "d", "actions": "e" });
                            let answer = json!({ "view": "v", "shareWithHealthVisitor": true });
                            let steps: Vec<(&str, String, &nestling_tests::Person, Option<serde_json::Value>)> = vec![
                                ("progress-check-save", check.clone(), &manager, Some(draft)),
                                ("progress-check-share", format!("{check}/share"), &manager, None),
                                ("progress-check-respond", format!("{check}/family"), &someone, Some(answer)),
                                ("progress-check-sign", format!("{check}/sign-off"), &manager, None),
                            ];
                            let mut this = None;
                            for (name, path, who, body) in steps {
                                if name == function.name {
                                    this = Some((path, who.clone(), body));
                                    break;
                                }
                                let method = if matches!(name, "progress-check-save" | "progress-check-respond") { "PUT" } else { "POST" };
                                t.call(method, &path, Some(who), body).await;
                            }
                            match this {
                                Some((path, who, body)) => {
                                    parked = Some(who);
                                    (path, parked.as_ref(), body)
                                }
                                None if function.name == "progress-check-get" => (check, Some(&manager), None),
                                None => (format!("{check}/pdf"), Some(&manager), None),
                            }
                        }
                        "senco-referral-set" => (
                            format!("/v1/settings/{s}/children/{c}/senco-referral"),
                            Some(&manager),
                            Some(json!({ "note": "Bench referral." })),
                        ),
                        "key-children" => (format!("/v1/settings/{s}/staff/{}/key-children", manager.user_id), Some(&manager), None),
                        "preferences-set" => {
                            ("/v1/me/notification-preferences".into(), Some(&parent), Some(json!({ "journal": "immediate" })))
                        }
                        "collectors-set" => (
                            format!("/v1/settings/{s}/children/{c}/collectors"),
                            Some(&parent),
                            Some(json!({
                            "collectors": [{ "name": "Jo", "relationship": "aunt", "password": "blue-kite-42" }] })),
                        ),
                        "attendance-record" => {
                            // A fresh child signed in each time (the room is re-evaluated too).
                            let fresh = t.child(s, &manager, &room, &manager.user_id).await;
                            (format!("/v1/settings/{s}/children/{fresh}/attendance"), Some(&manager), Some(json!({ "mark": "sign-in" })))
                        }
                        "register-get" => (format!("/v1/settings/{s}/register"), Some(&manager), None),
                        "child-attendance" => (format!("/v1/settings/{s}/children/{c}/attendance"), Some(&parent), None),
                        "absences-report" => {
                            let day = today + time::Duration::days(1 + run as i64);
                            (
                                format!("/v1/settings/{s}/children/{c}/absences"),
                                Some(&parent),
                                Some(json!({ "from": day.to_string(), "to": day.to_string(), "reason": "Away" })),
                            )
                        }
                        "staff-clock" => {
                            // Moving between two rooms: both are re-evaluated.
                            let to = if run % 2 == 0 { &room } else { &second_room };
                            (format!("/v1/settings/{s}/staff/me/clock"), Some(&manager), Some(json!({ "action": "in", "roomId": to })))
                        }
                        "timesheets-get" => (
                            format!("/v1/settings/{s}/timesheets?from={}&to={today}", today - time::Duration::days(6)),
                            Some(&manager),
                            None,
                        ),
                        "ratios-get" => (format!("/v1/settings/{s}/ratios"), Some(&manager), None),
                        "ratio-breaches" => (format!("/v1/settings/{s}/ratio-breaches"), Some(&manager), None),
                        "diary-add" => (
                            format!("/v1/settings/{s}/children/{c}/diary"),
                            Some(&manager),
                            Some(json!({ "kind": "nappy", "wet": true, "soiled": false, "cream": false })),
                        ),
                        "diary-get" => (format!("/v1/settings/{s}/children/{c}/diary"), Some(&parent), None),
                        "medicine-permission-set" => (
                            format!("/v1/settings/{s}/children/{c}/medicine-permissions/calpol"),
                            Some(&parent),
                            Some(json!({
                            "medicine": "Calpol", "dose": "5 ml", "times": ["12:00"], "prescribedBy": "Not prescribed", "until": (today + time::Duration::days(7)).to_string() })),
                        ),
                        "medicine-permissions-list" => (format!("/v1/settings/{s}/children/{c}/medicine-permissions"), Some(&parent), None),
                        "push-subscriptions-get" => ("/v1/me/push-subscriptions".into(), Some(&parent), None),
                        "push-subscribe" => ("/v1/me/push-subscriptions".into(), Some(&parent), Some(push_subscription("bench"))),
                        "push-unsubscribe" => {
                            let id = nestling_platform::push::subscription_id("http://127.0.0.1:9/push/bench");
                            (format!("/v1/me/push-subscriptions/{id}"), Some(&parent), None)
                        }
                        "mfa-totp-start" => ("/v1/me/mfa/totp".into(), Some(&manager), None),
                        "mfa-totp-confirm" => {
                            let secret = nestling_local::provision::totp_secret_of(&manager.email).expect("the manager's authenticator");
                            let code = nestling_local::totp::code_now(&secret).await.expect("a code");
                            ("/v1/me/mfa/totp/confirm".into(), Some(&manager), Some(json!({ "code": code })))
                        }
                        "medicine-dose" => (
                            format!("/v1/settings/{s}/children/{c}/medicine-doses"),
                            Some(&manager),
                            Some(json!({
                            "permissionId": "calpol", "amount": "5 ml", "witnessedBy": witness.user_id })),
                        ),
                        "accidents-create" => (format!("/v1/settings/{s}/children/{c}/accidents"), Some(&manager), Some(accident_body())),
                        "child-accidents" => (format!("/v1/settings/{s}/children/{c}/accidents"), Some(&parent), None),
                        "accidents-review" | "accidents-acknowledge" => {
                            let (_, made) = t
                                .call("POST", &format!("/v1/settings/{s}/children/{c}/accidents"), Some(&manager), Some(accident_body()))
                                .await;
                            let id = made["accidentId"].as_str().unwrap().to_string();
                            if function.name == "accidents-review" {
                                (format!("/v1/settings/{s}/accidents/{id}/review"), Some(&manager), Some(json!({ "notes": "Seen." })))
                            } else {
                                t.call(
                                    "POST",
                                    &format!("/v1/settings/{s}/accidents/{id}/review"),
                                    Some(&manager),
                                    Some(json!({ "notes": "Seen." })),
                                )
                                .await;
                                (format!("/v1/settings/{s}/accidents/{id}/acknowledge"), Some(&parent), Some(json!({})))
                            }
                        }
                        "accidents-list" => (format!("/v1/settings/{s}/accidents"), Some(&manager), None),
                        "faults-report" => {
                            // A person may report 5 faults an hour: each call is in an hour of its own.
                            t.app.clock.advance(time::Duration::hours(1));
                            (
                                format!("/v1/settings/{s}/faults"),
                                Some(&parent),
                                Some(json!({ "description": "The app showed someone else's child.", "privacyAffected": true })),
                            )
                        }
                        "faults-list" => (format!("/v1/settings/{s}/faults?status=open"), Some(&manager), None),
                        "faults-resolve" => {
                            t.app.clock.advance(time::Duration::hours(1));
                            let (_, made) = t
                                .call(
                                    "POST",
                                    &format!("/v1/settings/{s}/faults"),
                                    Some(&manager),
                                    Some(json!({ "description": "Bench.", "privacyAffected": false })),
                                )
                                .await;
                            (
                                format!("/v1/settings/{s}/faults/{}/resolve", made["faultId"].as_str().unwrap()),
                                Some(&manager),
                                Some(json!({ "notes": "Fixed." })),
                            )
                        }
                        "lockdown-start" | "lockdown-lift" => {
                            // Start and lift alternate: each call finds the setting as it needs it.
                            let path = format!("/v1/settings/{s}/lockdown");
                            if function.name == "lockdown-start" {
                                (path, Some(&manager), Some(json!({ "notice": "Paused while we check a fault." })))
                            } else {
                                t.call("POST", &path, Some(&manager), Some(json!({ "notice": "Paused." }))).await;
                                (path, Some(&manager), Some(json!({ "message": "Back." })))
                            }
                        }
                        "breaches-record" => (format!("/v1/settings/{s}/breaches"), Some(&manager), Some(breach_body(c))),
                        "breaches-list" => (format!("/v1/settings/{s}/breaches"), Some(&manager), None),
                        "breaches-ico-report" | "breaches-notify-families" => {
                            let (_, made) =
                                t.call("POST", &format!("/v1/settings/{s}/breaches"), Some(&manager), Some(breach_body(c))).await;
                            let id = made["breachId"].as_str().unwrap();
                            if function.name == "breaches-ico-report" {
                                (format!("/v1/settings/{s}/breaches/{id}/ico-report"), Some(&manager), Some(json!({ "reference": "IC-1" })))
                            } else {
                                (
                                    format!("/v1/settings/{s}/breaches/{id}/notify-families"),
                                    Some(&manager),
                                    Some(json!({ "message": "We are sorry." })),
                                )
                            }
                        }
                        "email-problems" => (format!("/v1/settings/{s}/email-problems"), Some(&manager), None),
                        "networks-set" => {
                            (format!("/v1/settings/{s}/networks"), Some(&manager), Some(json!({ "networks": nestling_tests::PREMISES })))
                        }
                        "remote-attestation" => (
                            format!("/v1/settings/{s}/staff/me/remote-attestation"),
                            Some(&manager),
                            Some(json!({
                            "confidentiality": true, "securitySoftware": true, "ownDevice": true })),
                        ),
                        "offline-key-issue" => (
                            format!("/v1/settings/{s}/staff/me/offline-key"),
                            Some(&manager),
                            Some(json!({ "deviceId": format!("bench-{c}") })),
                        ),
                        "offline-key-drop" => (format!("/v1/settings/{s}/staff/me/offline-key/bench-{c}"), Some(&manager), None),
                        other => panic!("bench has no request for route `{other}`: add one"),
                    };
                    let (status, used, ms) =
                        handler_call(&t, &verifier, function.name, method, pattern, &path, who, body, if_match, &extra_headers).await;
                    assert!(status < 400, "{} answered {status}", function.name);
                    if function.name == "lockdown-start" {
                        t.call("DELETE", &format!("/v1/settings/{s}/lockdown"), Some(&manager), Some(json!({ "message": "Back." }))).await;
                    }
                    if function.name == "invoices-issue" {
                        t.app.clock.advance(time::Duration::days(-45));
                    }
                    if matches!(function.name, "device-pairing-get" | "device-pair" | "device-unpair" | "device-get") {
                        t.app.clock.advance(time::Duration::hours(-(run as i64 + 1)));
                    }
                    trips = trips.max(used);
                    times.push(ms);
                }
                (trips_text(trips.trips()), format!("{:.1}", median(times)), trips)
            }
            None if function.name == "notify-fanout" => {
                // One observation's event fanned out to its child's parent.
                t.drain_outbox().await;
                t.observation(&setting_id, &manager, &[&child], &[]).await;
                reset_meters(&t);
                let started = Instant::now();
                t.drain_outbox().await;
                let ms = started.elapsed().as_secs_f64() * 1000.0;
                (format!("{}**", t.app.round_trips.count()), format!("{ms:.1}*"), Measured::now(&t))
            }
            None if function.name == "media-expire" => {
                // One photo never attached, run 31 days later: the index page, then per upload
                // its expiry with its log line, two S3 deletes, and its removal from the index.
                let forgotten = t.photo(&setting_id, &manager, &[&child]).await;
                reset_meters(&t);
                let started = Instant::now();
                let later = t.app.clock.now() + time::Duration::days(31);
                let expired = nestling_media_function::expiry::expire_unattached(&t.app, later).await.expect("expiry");
                assert!(expired >= 1, "{forgotten} expires");
                let ms = started.elapsed().as_secs_f64() * 1000.0;
                (format!("{} for {expired}*", t.app.round_trips.count()), format!("{ms:.1}*"), Measured::now(&t))
            }
            None if function.name == "digest-send" => {
                reset_meters(&t);
                let started = Instant::now();
                let day = nestling_outbox::notifications::digest_day_for(t.app.clock.now());
                nestling_outbox::send_digests(&t.app, &day).await.expect("digest");
                let ms = started.elapsed().as_secs_f64() * 1000.0;
                (t.app.round_trips.count().to_string(), format!("{ms:.1}*"), Measured::now(&t))
            }
            None if function.name == "breach-deadlines" => {
                // A breach discovered 49 hours ago: one reminder (24 hours left) per run.
                let mut body = breach_body(&child);
                body["discoveredAt"] = json!(nestling_platform::app::rfc3339(t.app.clock.now() - time::Duration::hours(49)));
                t.call("POST", &format!("/v1/settings/{setting_id}/breaches"), Some(&manager), Some(body)).await;
                reset_meters(&t);
                let started = Instant::now();
                nestling_incidents::send_deadline_reminders(&t.app, t.app.clock.now()).await.expect("reminders");
                let ms = started.elapsed().as_secs_f64() * 1000.0;
                (t.app.round_trips.count().to_string(), format!("{ms:.1}*"), Measured::now(&t))
            }
            None if function.name == "event-reminders" => {
                // An event whose replies close in a week, not yet answered: one parent reminded.
                let (reply_by, date) = ((today + time::Duration::days(7)).to_string(), (today + time::Duration::days(9)).to_string());
                t.post(
                    &setting_id,
                    &manager,
                    json!({ "text": "Bench trip.",
                    "event": { "title": "Trip", "date": date, "startsAt": "10:00", "place": "Farm", "replyBy": reply_by } }),
                )
                .await;
                reset_meters(&t);
                let started = Instant::now();
                nestling_comms::send_event_reminders(&t.app, t.app.clock.now()).await.expect("reminders");
                let ms = started.elapsed().as_secs_f64() * 1000.0;
                (t.app.round_trips.count().to_string(), format!("{ms:.1}*"), Measured::now(&t))
            }
            None if function.name == "message-alerts" => {
                // One message due: earlier ones sent before it, then the manager writes to the
                // parent, and a run after the withdraw window tells the parent.
                let later = |minutes: i64| nestling_domain::Timestamp::new(t.app.clock.now() + time::Duration::minutes(minutes));
                nestling_comms::send_message_alerts(&t.app, later(11)).await.expect("earlier alerts");
                t.call(
                    "POST",
                    &format!("/v1/settings/{setting_id}/children/{child}/threads"),
                    Some(&manager),
                    Some(json!({
                    "subject": "Bench", "text": "Hello." })),
                )
                .await;
                reset_meters(&t);
                let started = Instant::now();
                nestling_comms::send_message_alerts(&t.app, later(22)).await.expect("alerts");
                let ms = started.elapsed().as_secs_f64() * 1000.0;
                (t.app.round_trips.count().to_string(), format!("{ms:.1}*"), Measured::now(&t))
            }
            None if function.name == "ses-feedback" => {
                // A permanent bounce for the parent's address: their membership marked.
                let event = ses_feedback_event(&parent.email);
                reset_meters(&t);
                let started = Instant::now();
                nestling_outbox::feedback::handle_feedback(&t.app, event).await.expect("feedback");
                let ms = started.elapsed().as_secs_f64() * 1000.0;
                (t.app.round_trips.count().to_string(), format!("{ms:.1}*"), Measured::now(&t))
            }
            None if function.name == "push-sender" => {
                // One push message to a push service on loopback that accepts it: the claim and
                // the mark-sent (the VAPID key is read from SSM once per cold start, not here).
                let endpoint = format!("{}/push/bench", nestling_tests::accepting_push_service().await);
                let mut user = nestling_platform::records::UserRecord::new(
                    &nestling_tests::id(&parent.user_id),
                    "",
                    &parent.email,
                    "P",
                    nestling_platform::records::AccountStatus::Active,
                    t.app.clock.timestamp(),
                );
                let keys = push_subscription("bench")["keys"].clone();
                user.push_subscriptions.push(nestling_platform::records::PushSubscription {
                    subscription_id: nestling_platform::push::subscription_id(&endpoint),
                    endpoint,
                    p256dh: keys["p256dh"].as_str().unwrap().into(),
                    auth: keys["auth"].as_str().unwrap().into(),
                    created_at: t.app.clock.timestamp(),
                });
                let cause = unique("bench");
                let writes = nestling_platform::writes::pushes(
                    &t.app,
                    &user,
                    &cause,
                    nestling_platform::push::PushTopic::Journal,
                    &nestling_tests::id(&setting_id),
                );
                t.app.store().transact(writes).await.expect("the push item");
                let id = format!("{cause}-{}", user.push_subscriptions[0].subscription_id);
                let record: nestling_platform::records::PushRecord =
                    t.app.store().get_as(&nestling_platform::records::PushRecord::key(&id)).await.expect("read").expect("written");
                t.app.pusher().await.expect("the VAPID key");
                reset_meters(&t);
                let started = Instant::now();
                let delivered = nestling_outbox::push::deliver_push(&t.app, &record).await.expect("delivered");
                assert_eq!(delivered, nestling_outbox::Delivery::Sent);
                let ms = started.elapsed().as_secs_f64() * 1000.0;
                (t.app.round_trips.count().to_string(), format!("{ms:.1}*"), Measured::now(&t))
            }
            None if function.name == "rights-deadlines" => {
                // The parent's request run five weeks on: its three reminders to the manager.
                t.call("POST", &format!("/v1/settings/{setting_id}/rights-requests"), Some(&parent), Some(json!({}))).await;
                reset_meters(&t);
                let started = Instant::now();
                let later = t.app.clock.now() + time::Duration::days(35);
                let sent = nestling_rights::deadlines::send_reminders(&t.app, later).await.expect("reminders");
                assert!(sent >= 1);
                let ms = started.elapsed().as_secs_f64() * 1000.0;
                (format!("{} for {sent}*", t.app.round_trips.count()), format!("{ms:.1}*"), Measured::now(&t))
            }
            None if function.name == "invoice-reminders" => {
                // A new invoice of the parent's, long past its due day and unpaid: reminded
                // (the month's other invoices looked at beside it).
                let s = &setting_id;
                t.invoice_for(s, &child, &parent.user_id).await;
                reset_meters(&t);
                let started = Instant::now();
                let sent = nestling_bookings::overdue::send_reminders(&t.app, t.app.clock.now()).await.expect("reminders");
                assert!(sent >= 1);
                let ms = started.elapsed().as_secs_f64() * 1000.0;
                (format!("{} for {sent}*", t.app.round_trips.count()), format!("{ms:.1}*"), Measured::now(&t))
            }
            None if function.name == "funding-reminders" => {
                // The child's 30 hours (funding-set above) ten weeks on: due to be reconfirmed
                // in a fortnight, its parent and the manager told.
                reset_meters(&t);
                let started = Instant::now();
                let later = t.app.clock.now() + time::Duration::days(70);
                let sent = nestling_bookings::funding::send_reminders(&t.app, later).await.expect("reminders");
                assert!(sent >= 1);
                let ms = started.elapsed().as_secs_f64() * 1000.0;
                (format!("{} for {sent}*", t.app.round_trips.count()), format!("{ms:.1}*"), Measured::now(&t))
            }
            None if function.name == "access-ending-notices" => {
                // A fresh child leaving today with no reading period: its one parent told.
                let fresh = t.child(&setting_id, &manager, &room, &manager.user_id).await;
                t.guardian(&setting_id, &manager, &fresh, "parent", true).await;
                let body =
                    json!({ "date": today.to_string(), "destinationKind": "school", "destination": "Hill", "guardianAccessDays": 0 });
                let child_path = format!("/v1/settings/{setting_id}/children/{fresh}");
                let (_, current) = t.call("GET", &child_path, Some(&manager), None).await;
                let version = current["version"].to_string();
                let (status, left) = t
                    .call_with("PUT", &format!("{child_path}/leaving"), Some(&manager), Some(body), &[("if-match", version.as_str())])
                    .await;
                assert_eq!(status, 200, "{left}");
                reset_meters(&t);
                let started = Instant::now();
                let told = nestling_children::notices::send_access_ending_notices(&t.app, t.app.clock.now()).await.expect("notices");
                assert!(told >= 1);
                let ms = started.elapsed().as_secs_f64() * 1000.0;
                (t.app.round_trips.count().to_string(), format!("{ms:.1}*"), Measured::now(&t))
            }
            None if function.name == "retention-sweep" => {
                // A fresh leaver (no reading period) with one observation, swept three years on:
                // the index, the child and the setting read again, the journal's, register's,
                // diary's, messages' and assessment's queries and deletes, a tombstone each.
                let fresh = t.child(&setting_id, &manager, &room, &manager.user_id).await;
                t.observation(&setting_id, &manager, &[&fresh], &[]).await;
                let child_path = format!("/v1/settings/{setting_id}/children/{fresh}");
                let (_, current) = t.call("GET", &child_path, Some(&manager), None).await;
                let version = current["version"].to_string();
                let today = time::OffsetDateTime::now_utc().date();
                let body = json!({ "date": today.to_string(), "destinationKind": "school", "destination": "Hill Primary", "guardianAccessDays": 0 });
                t.call_with("PUT", &format!("{child_path}/leaving"), Some(&manager), Some(body), &[("if-match", version.as_str())]).await;
                nestling_children::notices::send_access_ending_notices(&t.app, t.app.clock.now()).await.expect("notices");
                let later =
                    (nestling_domain::rights::add_months(today, 36) + time::Duration::days(1)).with_hms(2, 0, 0).unwrap().assume_utc();
                reset_meters(&t);
                let started = Instant::now();
                let swept = nestling_children::sweep::sweep(&t.app, later).await.expect("swept");
                assert!(swept.kinds >= 5, "{swept:?}");
                let ms = started.elapsed().as_secs_f64() * 1000.0;
                (format!("{} for {}*", t.app.round_trips.count(), swept.kinds), format!("{ms:.1}*"), Measured::now(&t))
            }
            None if function.name == "journey-build" => {
                // A fresh child's journey of one observation with its photo: the claim, the
                // setting, child and roster, the journal, the photo and its thumbnail from S3,
                // the PDF and archive written, then ready with its log line and the emails.
                let fresh = t.child(&setting_id, &manager, &room, &manager.user_id).await;
                let snap = t.photo(&setting_id, &manager, &[&fresh]).await;
                t.observation(&setting_id, &manager, &[&fresh], &[&snap]).await;
                let (status, asked) =
                    t.call("POST", &format!("/v1/settings/{setting_id}/children/{fresh}/journeys"), Some(&manager), None).await;
                assert_eq!(status, 202, "{asked}");
                let key = nestling_platform::records::JourneyRecord::key(
                    &nestling_tests::id(&setting_id),
                    &nestling_tests::id(&fresh),
                    asked["day"].as_str().unwrap(),
                );
                let record: nestling_platform::records::JourneyRecord = t.app.store().get_as(&key).await.expect("read").expect("written");
                reset_meters(&t);
                let started = Instant::now();
                let built = nestling_journey::build::build(&t.app, &record).await.expect("made");
                assert_eq!(built, nestling_journey::build::Built::Made);
                let ms = started.elapsed().as_secs_f64() * 1000.0;
                (t.app.round_trips.count().to_string(), format!("{ms:.1}*"), Measured::now(&t))
            }
            None if function.name == "rights-export-build" => {
                // The gathering of a fresh child's records (one observation with its photo, the
                // child's record, the access log of today): every record kind's query, the
                // gathered items written to S3, the request in review with its log line.
                let fresh = t.child(&setting_id, &manager, &room, &manager.user_id).await;
                let snap = t.photo(&setting_id, &manager, &[&fresh]).await;
                t.observation(&setting_id, &manager, &[&fresh], &[&snap]).await;
                let logged = json!({ "requesterName": "Kim Letter", "receivedBy": "letter" });
                let (status, made) = t
                    .call("POST", &format!("/v1/settings/{setting_id}/children/{fresh}/rights-requests"), Some(&manager), Some(logged))
                    .await;
                assert_eq!(status, 201, "{made}");
                let request_id = made["requestId"].as_str().unwrap().to_string();
                let (status, asked) =
                    t.call("POST", &format!("/v1/settings/{setting_id}/rights-requests/{request_id}/export"), Some(&manager), None).await;
                assert_eq!(status, 202, "{asked}");
                let key = nestling_platform::records::ExportJobRecord::key(
                    &nestling_tests::id(&setting_id),
                    &request_id,
                    nestling_platform::records::ExportStep::Gather,
                );
                let job: nestling_platform::records::ExportJobRecord = t.app.store().get_as(&key).await.expect("read").expect("written");
                reset_meters(&t);
                let started = Instant::now();
                let built = nestling_rights::export::build::build(&t.app, &job).await.expect("gathered");
                assert!(matches!(built, nestling_rights::export::build::Built::Gathered(n) if n >= 3), "{built:?}");
                let ms = started.elapsed().as_secs_f64() * 1000.0;
                (t.app.round_trips.count().to_string(), format!("{ms:.1}*"), Measured::now(&t))
            }
            None if function.name == "media-check" => {
                // One 1-megapixel photo checked: its record read, the cleaned copy and the
                // thumbnail written, the record marked ready with its audit line.
                let bytes = nestling_tests::jpeg(1200, 900);
                t.upload_raw(&setting_id, &manager, &bytes, "image/jpeg", &[&child]).await;
                reset_meters(&t);
                let started = Instant::now();
                assert_eq!(t.check_uploads().await, 1);
                let ms = started.elapsed().as_secs_f64() * 1000.0;
                (t.app.round_trips.count().to_string(), format!("{ms:.1}*"), Measured::now(&t))
            }
            None => {
                // outbox-sender: one pending outbox item delivered (everything earlier is
                // delivered first, so the count is for this one item).
                t.drain_outbox().await;
                let email = format!("{}@n.test", unique("o"));
                t.call(
                    "POST",
                    &format!("/v1/settings/{setting_id}/staff"),
                    Some(&manager),
                    Some(json!({
                    "email": email, "name": "O", "role": "practitioner", "qualificationLevel": 1 })),
                )
                .await;
                reset_meters(&t);
                let started = Instant::now();
                t.drain_outbox().await;
                let ms = started.elapsed().as_secs_f64() * 1000.0;
                (t.app.round_trips.count().to_string(), format!("{ms:.1}*"), Measured::now(&t))
            }
        };
        rows.push(Row { name: function.name.to_string(), trips: rt, latency, measured });
    }
    // guardians-link for someone who already has an account: their membership is read first.
    {
        let other = t.child(&setting_id, &manager, &room, &manager.user_id).await;
        let path = format!("/v1/settings/{setting_id}/children/{other}/guardians");
        let (_, pattern, _) = nestling_domain::routes::function("guardians-link").unwrap().http().unwrap();
        let (status, trips, ms) = handler_call(
            &t,
            &verifier,
            "guardians-link",
            "POST",
            pattern,
            &path,
            Some(&manager),
            Some(guardian_body(&parent.email, "parent")),
            None,
            &[],
        )
        .await;
        assert!(status < 300, "guardians-link (known) answered {status}");
        rows.push(Row { name: "guardians-link*".into(), trips: trips_text(trips.trips()), latency: format!("{ms:.1}"), measured: trips });
    }

    let hello = Binary::measure("bench-hello");
    println!(
        "\n{:<20} {:>12} {:>6} {:>6} {:>10} {:>8} {:>8} {:>10} {:>8} {:>10} {:>6}",
        "function", "DDB trips", "RRU", "WRU", "handler ms", "size MB", "arm64 MB", "cold ms", "peak MB", "instr M", "x hello"
    );
    let fmt = |v: Option<f64>| v.map(|x| format!("{x:.2}")).unwrap_or_else(|| "n/a".into());
    let mut measured_rows = Vec::new();
    for row in &rows {
        let binary = Binary::measure(row.name.trim_end_matches('*'));
        let ratio = match (binary.instructions, hello.instructions) {
            (Some(i), Some(h)) if h > 0 => Some(i as f64 / h as f64),
            _ => None,
        };
        println!(
            "{:<20} {:>12} {:>6} {:>6} {:>10} {:>8} {:>8} {:>10} {:>8} {:>10} {:>6}",
            row.name,
            row.trips,
            format!("{:.1}", row.measured.read_units),
            format!("{:.1}", row.measured.write_units),
            row.latency,
            fmt(binary.size_mb),
            fmt(binary.arm64_mb),
            fmt(binary.cold_init_ms),
            fmt(binary.peak_mb),
            fmt(binary.instructions.map(|i| i as f64 / 1e6)),
            fmt(ratio),
        );
        // The known-account variant of guardians-link is a second row of the same function.
        if row.name.ends_with('*') {
            continue;
        }
        measured_rows.push(json!({
            "name": row.name,
            "sequential_trips": row.measured.sequential,
            "requests": row.measured.requests,
            "read_units": row.measured.read_units,
            "write_units": row.measured.write_units,
            "handler_ms": row.latency.trim_end_matches('*').parse::<f64>().ok(),
            "size_mb": binary.size_mb,
            "arm64_mb": binary.arm64_mb,
            "cold_init_ms": binary.cold_init_ms,
            "peak_mb": binary.peak_mb,
            "instructions": binary.instructions,
        }));
    }
    println!(
        "{:<20} {:>12} {:>6} {:>6} {:>10} {:>8} {:>8} {:>10} {:>8} {:>10} {:>6}",
        "(hello lambda_http)",
        "-",
        "-",
        "-",
        "-",
        fmt(hello.size_mb),
        fmt(hello.arm64_mb),
        fmt(hello.cold_init_ms),
        fmt(hello.peak_mb),
        fmt(hello.instructions.map(|i| i as f64 / 1e6)),
        "1.00"
    );
    let report = json!({
        "architecture": std::env::consts::ARCH,
        "memory_mb": 256,
        "functions": measured_rows,
        "hello": { "size_mb": hello.size_mb, "arm64_mb": hello.arm64_mb, "cold_init_ms": hello.cold_init_ms, "peak_mb": hello.peak_mb, "instructions": hello.instructions },
    });
    let out = release_dir().parent().map(|d| d.join("bench.json")).unwrap_or_else(|| PathBuf::from("bench.json"));
    std::fs::write(&out, serde_json::to_string_pretty(&report).expect("json")).expect("bench.json written");
    println!("\nDDB trips are the round trips a request waited for one after another (requests in flight together count once), with every request sent when the two differ.");
    println!("RRU/WRU: DynamoDB on-demand request units of one call (shared/platform/src/capacity.rs; transactions count double).");
    println!("instr M: million instructions from process start to the first Runtime API request (valgrind callgrind; n/a without valgrind); x hello: the ratio to hello world's.");
    println!("Budgets: reads <= 2 and writes <= 2 DynamoDB round trips; binary < 6 MB; cold start within 1.5x of hello's instructions; peak < 30 MB.");
    println!("guardians-link*: linking someone who already has an account (a second read of their membership).");
    println!("child-accidents and medicine-permissions-list write their access-log line beside the read (it names only the child): 2 sequential, 3 sent.");
    println!("Lists read their page beside the authorisation (kept back unless it allows), then write the access-log line of rule 9 naming what the page showed: 2.");
    println!("Parents' comments and photos name the child whose journal shows them (?child=, as the web app does): that link is checked with the authorisation; without it, one more read of every child's links.");
    println!("Exceptions: breaches-notify-families reads the breach with the authorisation, then its children's parents (live links), then writes: 3 (a manager's rare write whose recipients must be current and recorded).");
    println!("* breach-deadlines: every reportable, unreported breach of every setting (GSI1), their managers, one transaction per reminder due.");
    println!("* media-check: one 1200x900 JPEG checked, cleaned and thumbnailed, S3 included.");
    println!("* rights-deadlines: every open request of the bench run five weeks on: the index, the managers' lists, one transaction per reminder.");
    println!("* access-ending-notices: one leaver's parent told: the index, the setting, one transaction, the child off the index.");
    println!("* rights-export-build: the gathering of one child's records (one observation with its photo, the child's record, today's access log): a query per record kind, all pages, the items written to S3, the request in review.");
    println!("rights-erasure-approve: the request with the authorisation, then the child it is about, then the write: 3.");
    println!("rights-export-download by a parent: the request read with the authorisation, then the child (her parental responsibility, checked again), then the access-log line: 3.");
    println!("* retention-sweep: one leaver three years on: every leaver due on the index (the bench's other leavers too), then per child the records of five kinds queried, deleted and tombstoned.");
    println!("* journey-build: one child's journey of one observation with its photo: claim, records, journal, S3 reads, the PDF and archive written, ready with its log line and emails.");
    println!("* media-expire: every upload the bench left unattached, run 31 days on (one index page, two trips per upload), S3 included.");
    println!("** notify-fanout: drained with the outbox consumer it feeds: reading the children and parents, writing the email, then claiming and sending it.");
    println!("* push-sender: one push message, encrypted, signed and accepted by a push service on loopback; its trips are the claim and the mark-sent.");
    println!("* outbox-sender: one email, including reading the emulator's stream and SES; its trips are the claim and the mark-sent.");
    println!(
        "Sizes are stripped release builds in MB of 10^6 bytes: {} on this machine, and arm64 (cargo-lambda's cross build) with ARCH=arm64; cold init is the median of {RUNS} starts against a stub Runtime API.",
        std::env::consts::ARCH
    );
    println!("Written to {} (make cost reads it).", out.display());
}

fn breach_body(child: &str) -> serde_json::Value {
    json!({
        "description": "A photo went to the wrong parent.", "discoveredAt": nestling_platform::app::rfc3339(time::OffsetDateTime::now_utc()),
        "category": "wrong-recipient", "affectedChildIds": [child], "risk": "low", "reportable": true
    })
}

/// The SNS event SES feedback arrives in: a permanent bounce for `email`.
fn ses_feedback_event(email: &str) -> aws_lambda_events::sns::SnsEvent {
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../events/ses-feedback.json")).expect("events/ses-feedback.json");
    serde_json::from_str(&text.replace("{{bouncedEmail}}", email)).expect("an SNS event")
}

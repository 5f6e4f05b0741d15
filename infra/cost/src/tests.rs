use crate::assumptions::*;
use crate::bench::{self, Bench, Measured};
use crate::model::{Scenario, Setting, GIB};
use crate::report;
use nestling_domain::routes::{function, Function, FUNCTIONS};

const TINY: &str = include_str!("../tests/tiny.json");

fn close(actual: f64, expected: f64, what: &str) {
    let tolerance = 1e-12_f64.max(expected.abs() * 1e-9);
    assert!((actual - expected).abs() <= tolerance, "{what}: got {actual}, expected {expected}");
}

#[test]
fn every_function_has_one_usage_figure_with_a_reason() {
    for f in FUNCTIONS {
        let rows = USAGE.iter().filter(|u| u.function == f.name).count();
        assert_eq!(
            rows, 1,
            "{}: {rows} usage rows in assumptions.rs (a new function needs its figure; zero is fine, with a reason)",
            f.name
        );
    }
    for u in USAGE {
        assert!(function(u.function).is_some(), "usage for {}, which the route table does not have", u.function);
        assert!(!u.why.trim().is_empty(), "{}: a usage figure needs its reason", u.function);
        for (n, _) in u.calls {
            assert!(n.is_finite() && *n >= 0.0, "{}: {n}", u.function);
        }
    }
}

#[test]
fn every_rule_names_a_function_of_the_route_table() {
    let named = JOURNAL_EVENTS
        .iter()
        .chain(EMAILS)
        .chain(PUSHES)
        .map(|c| c.function)
        .chain(EXTRA_WORK.iter().map(|e| e.function))
        .chain(EXTERNAL_WAIT_MS.iter().map(|(f, _, _)| *f))
        .chain(LARGE_RESPONSES.iter().map(|(f, _)| *f));
    for name in named {
        assert!(function(name).is_some(), "assumptions.rs names {name}, which the route table does not have");
    }
}

/// One function, 1,000 calls in a month, every one cold: each figure worked out by hand from
/// tests/tiny.json (journal-get: 2 sequential trips, 1.5 RRU, 2.0 WRU, cold init 3.0 ms beside
/// hello's 1.5 ms) and the constants of assumptions.rs.
#[test]
fn the_arithmetic_of_a_tiny_month() {
    let bench = Bench::parse(TINY).unwrap();
    let functions: [Function; 1] = [*function("journal-get").unwrap()];
    let usage = [Usage { function: "journal-get", calls: &[(1000.0, Per::SettingMonth)], why: "test" }];
    let scenario = Scenario {
        name: "tiny",
        settings: 1.0,
        setting: Setting { children: 10.0, staff: 3.0, managers: 1.0, guardians_per_child: 2.0, opening_days: 20.0, calendar_days: 30.0 },
        usage: &usage,
        functions: &functions,
        // No environment outlives its call: every call is cold.
        env_idle_minutes: 0.0,
    };
    let report = scenario.price(&bench);
    assert!(report.complete(), "{:?} {:?}", report.missing, report.unmeasured);
    let f = report.function("journal-get").unwrap();

    // Duration: 1 ms overhead + 2 ms CPU + 2 trips x 6 ms = 15 ms a call; init 15 ms x (3.0 / 1.5) = 30 ms,
    // and 25 ms for the first call's TLS: (1,000 x 15 + 1,000 x 55) ms = 70 s at 0.25 GB = 17.5 GB-s.
    assert_eq!(f.ms_per_call, 15.0);
    assert_eq!(f.init_ms, 30.0);
    close(f.cold_starts, 1000.0, "cold starts");
    close(f.gb_seconds, 17.5, "GB-s");
    close(f.lambda_usd(), 1000.0 * 0.20e-6 + 17.5 * 0.000_013_333_4, "Lambda $");
    // 1,000 calls and 500 preflights at $1.16 a million.
    close(f.api_requests, 1500.0, "API requests");
    close(f.api_usd(), 1500.0 * 1.16e-6, "API $");
    // 1,500 RRU at $0.125 a million; 2,000 WRU and 10% for GSI1 at $0.625 a million.
    close(f.read_units, 1500.0, "RRU");
    close(f.write_units, 2200.0, "WRU");
    close(f.dynamodb_usd(), 1500.0 * 0.125e-6 + 2200.0 * 0.625e-6, "DynamoDB $");

    let expect = |service: &str, item: &str, quantity: f64, usd: f64| {
        let line = report.line(service, item).unwrap_or_else(|| panic!("no line {service} {item}"));
        close(line.quantity, quantity, &format!("{service} {item} quantity"));
        close(line.usd(), usd, &format!("{service} {item} $"));
        usd
    };
    // Logs: 1,000 x (450 + 400) B from Lambda and 1,500 x 450 B of access log = 1,525,000 B.
    let logs_gb = 1_525_000.0 / GIB;
    // The table: 10 children x 20 kB, and 12 months x 2,000 WRU x 300 B = 7,400,000 B.
    let table_gb = 7_400_000.0 / GIB;
    // People: 20 guardians, 3 staff. Visits: 3 staff x 20 days x 3 + 20 x 30 days x 0.5 = 480;
    // devices 3 + 24 = 27, each downloading the app 4 times (108 downloads of 46 files, 204 kB).
    let cf_requests = 480.0 * 2.0 + 108.0 * 46.0;
    let cf_gb = (480.0 * 4000.0 + 108.0 * 204_000.0) / GIB;
    // Each journal view: 8 thumbnails (30 kB), half a photo (3 MB less 2%), a twentieth of a
    // video (25 MB), and its 40 kB response: 3.0e9 B for 1,000 views.
    let data_out_gb = 1000.0 * (8.0 * 30_000.0 + 0.5 * 2_940_000.0 + 0.05 * 25_000_000.0 + 40_000.0) / GIB;
    // Digests: 20 guardians x 20 days x 30% (daily) x 50% (days with news) = 60 emails.
    let total = [
        expect("API Gateway", "HTTP API requests (CORS preflights included)", 1500.0, 1500.0 * 1.16e-6),
        expect("Lambda", "requests", 1000.0, 1000.0 * 0.2e-6),
        expect("Lambda", "duration, arm64 (billed INIT included)", 17.5, 17.5 * 0.000_013_333_4),
        expect("DynamoDB", "read request units", 1500.0, 1500.0 * 0.125e-6),
        expect("DynamoDB", "write request units (GSI1 included)", 2200.0, 2200.0 * 0.625e-6),
        expect("DynamoDB", "storage (table and GSI1, a year held)", table_gb * 1.1, table_gb * 1.1 * 0.25),
        expect("DynamoDB", "point-in-time recovery", table_gb, table_gb * 0.20),
        expect("S3", "media storage (a year held)", 0.0, 0.0),
        expect("S3", "learning journeys (a month held)", 0.0, 0.0),
        expect("S3", "PUT/POST (uploads, cleaned copies, thumbnails, journeys)", 0.0, 0.0),
        expect("S3", "GET (checks, thumbnails, photos, videos, journeys)", 8550.0, 8550.0 * 0.0042 / 1e4),
        expect("Data out", "media downloads and API responses", data_out_gb, data_out_gb * 0.09),
        expect("SES", "emails", 60.0, 60.0 * 0.0001),
        expect("CloudFront", "web app data out", cf_gb, cf_gb * 0.085),
        expect("CloudFront", "HTTPS requests", cf_requests, cf_requests * 0.012 / 1e4),
        expect("CloudFront", "function executions (rewrite)", cf_requests, cf_requests * 0.10 / 1e6),
        expect("CloudWatch", "log ingestion", logs_gb, logs_gb * 0.5985),
        expect("CloudWatch", "log storage (90 days)", logs_gb * 3.0 * 0.15, logs_gb * 3.0 * 0.15 * 0.0315),
        expect("CloudWatch", "alarms (one per function, and 4)", 5.0, 0.5),
        expect("X-Ray", "traces recorded", 1000.0, 1000.0 * 5e-6),
        expect("Cognito", "monthly active users (Plus plan)", 3.0 + 20.0 * 0.95, 22.0 * 0.02),
        expect("KMS", "customer-managed key", 1.0, 1.0),
        expect("KMS", "requests", 10_000.0, 10_000.0 * 0.03 / 1e4),
    ]
    .iter()
    .sum::<f64>();
    assert_eq!(report.lines.len(), 23, "every line checked above");
    close(report.total(), total, "total");
    // About $2.25 for the tiny month, most of it the KMS key, the alarms and Cognito.
    assert!((report.total() - 2.2535).abs() < 0.0001, "{}", report.total());
    close(report.per_child(), report.total() / 10.0, "per child");
    close(report.fixed(), 0.5 + 1.0 + 0.03, "alarms, key and KMS requests");
    // Within the always-free allowances: data out (100 GB), logs, CloudFront, alarms (10),
    // Lambda, X-Ray and KMS requests are free; API, DynamoDB requests and PITR, S3 requests,
    // SES, Cognito and the key are not.
    let after = 1500.0 * 1.16e-6
        + 1500.0 * 0.125e-6
        + 2200.0 * 0.625e-6
        + table_gb * 0.20
        + 8550.0 * 0.0042 / 1e4
        + 60.0 * 0.0001
        + 22.0 * 0.02
        + 1.0;
    close(report.total_after_free(), after, "after free tiers");
}

#[test]
fn functions_missing_from_the_measurements_are_reported() {
    let bench = Bench::parse(TINY).unwrap();
    let report = Scenario::nursery().price(&bench);
    assert!(!report.complete());
    assert_eq!(report.missing.len(), FUNCTIONS.len() - 2, "all but journal-get and diary-add");
    assert!(report.missing.contains(&"outbox-sender"));
    assert!(!report.missing.contains(&"journal-get"));
    assert_eq!(report.unmeasured, vec![("diary-add".to_string(), "write_units")]);
    assert_eq!(report.unknown, vec!["no-such-function".to_string()]);
    let missing = report.function("outbox-sender").unwrap();
    assert!(!missing.measured && missing.calls > 0.0, "still called, but not measured");
    let text = report::render("tests/tiny.json", &bench, std::slice::from_ref(&report));
    assert!(text.contains("NOT MEASURED"), "{text}");
    assert!(text.contains("diary-add.write_units"), "{text}");
    assert!(text.contains("outbox-sender"), "{text}");
}

/// Every function measured alike: the whole table prices, and the group is cheaper per child
/// (its schedules, alarms and key are shared).
#[test]
fn the_whole_route_table_prices() {
    let bench = Bench {
        architecture: Some("x86_64".into()),
        memory_mb: Some(256.0),
        functions: FUNCTIONS
            .iter()
            .map(|f| Measured {
                name: f.name.into(),
                sequential_trips: Some(2.0),
                requests: Some(3.0),
                read_units: Some(1.5),
                write_units: Some(2.0),
                cold_init_ms: Some(1.5),
                ..Measured::default()
            })
            .collect(),
        hello: Some(crate::bench::Hello { cold_init_ms: Some(1.0), ..Default::default() }),
    };
    let nursery = Scenario::nursery().price(&bench);
    let group = Scenario::group().price(&bench);
    assert!(nursery.complete() && group.complete());
    for report in [&nursery, &group] {
        assert!(report.total().is_finite() && report.total() > 0.0);
        for line in &report.lines {
            assert!(line.quantity.is_finite() && line.quantity >= 0.0, "{} {}", line.service, line.item);
        }
    }
    assert!(group.per_child() < nursery.per_child());
    assert!((group.children - 600.0).abs() < 1e-9 && (nursery.children - 60.0).abs() < 1e-9);
    // Per-setting usage scales by ten; the per-deployment schedules do not.
    let calls = |r: &crate::model::Report, name: &str| r.function(name).unwrap().calls;
    close(calls(&group, "diary-add"), 10.0 * calls(&nursery, "diary-add"), "diary-add x10");
    close(calls(&group, "breach-deadlines"), calls(&nursery, "breach-deadlines"), "schedules shared");
    close(calls(&nursery, "breach-deadlines"), 96.0 * CALENDAR_DAYS_PER_MONTH, "every 15 minutes");
    close(calls(&nursery, "media-check"), calls(&nursery, "media-upload"), "a check per upload");
    close(calls(&nursery, "outbox-sender"), nursery.flows.emails, "a send per email");
    // Scheduled runs are all cold; a busy endpoint is mostly warm.
    let f = nursery.function("breach-deadlines").unwrap();
    close(f.cold_starts, f.calls, "schedules cold");
    let busy = nursery.function("diary-add").unwrap();
    assert!(busy.cold_starts < 0.1 * busy.calls, "{} of {}", busy.cold_starts, busy.calls);
    // The media check runs at its own memory.
    assert_eq!(nursery.function("media-check").unwrap().memory_mb, 2048.0);
    let text = report::render("synthetic", &bench, &[nursery, group]);
    assert!(text.contains("per child a month") && !text.contains("NOT MEASURED"), "{text}");
}

#[test]
fn the_measurements_are_found_where_make_bench_leaves_them() {
    let root = std::env::temp_dir().join(format!("nestling-cost-{}", std::process::id()));
    let target = root.join("target");
    let workspace = root.join("workspace");
    std::fs::create_dir_all(&target).unwrap();
    std::fs::create_dir_all(workspace.join("docs")).unwrap();
    let target_s = target.to_str().unwrap();

    let err = bench::locate(None, Some(target_s), &workspace).unwrap_err();
    assert!(err.contains("make bench"), "{err}");
    std::fs::write(workspace.join("docs/bench.json"), "{}").unwrap();
    assert_eq!(bench::locate(None, Some(target_s), &workspace).unwrap(), workspace.join("docs/bench.json"));
    std::fs::write(target.join("bench.json"), "{}").unwrap();
    assert_eq!(bench::locate(None, Some(target_s), &workspace).unwrap(), target.join("bench.json"));
    let given = workspace.join("docs/bench.json");
    assert_eq!(bench::locate(given.to_str(), Some(target_s), &workspace).unwrap(), given);
    assert!(bench::locate(Some("/no/such/bench.json"), None, &workspace).is_err());
    std::fs::remove_dir_all(&root).unwrap();
}

#[test]
fn numbers_print_readably() {
    assert_eq!(report::quantity(1_234_567.8), "1,234,568");
    assert_eq!(report::quantity(999.4), "999");
    assert_eq!(report::quantity(42.25), "42.2");
    assert_eq!(report::quantity(0.5), "0.50");
    assert_eq!(report::quantity(0.0), "0");
    assert_eq!(report::dollars(0.004), "<0.01");
    assert_eq!(report::dollars(0.0), "0.00");
    assert_eq!(report::dollars(12.346), "12.35");
}

/// A learning journey of a 30-month stay: 100 opening weeks of 3.25 photos and 0.1 videos,
/// 335 originals of 1.2 GB, read one after another and written back as the archive.
#[test]
fn a_journey_holds_a_stay_of_photos_and_videos() {
    let (objects, bytes) = crate::model::journey_media();
    close(objects, 335.0, "photos and videos");
    close(bytes, 325.0 * 2_940_000.0 + 10.0 * 25_000_000.0, "their bytes");
    // 672 S3 requests at 25 ms, and 2 x (1.2 GB + 10 MB of thumbnails) at 90 MB/s.
    close(crate::model::journey_build_ms(), 672.0 * 25.0 + 2.0 * (bytes + 335.0 * 30_000.0) / 90e6 * 1000.0, "ms");
}

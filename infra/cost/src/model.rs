//! The arithmetic: usage (assumptions.rs) times the bench's measurements times list prices.

use crate::assumptions::*;
use crate::bench::{Bench, Measured};
use nestling_domain::routes::{Auth, Function, Trigger, FUNCTIONS};
use std::collections::BTreeMap;

/// AWS bills GB as 2^30 bytes (storage, transfer, logs).
pub const GIB: f64 = 1024.0 * 1024.0 * 1024.0;

/// The people and days of one setting.
#[derive(Debug, Clone, Copy)]
pub struct Setting {
    pub children: f64,
    pub staff: f64,
    pub managers: f64,
    pub guardians_per_child: f64,
    pub opening_days: f64,
    pub calendar_days: f64,
}

impl Setting {
    pub const STANDARD: Setting = Setting {
        children: CHILDREN_PER_SETTING,
        staff: STAFF_PER_SETTING,
        managers: MANAGERS_PER_SETTING,
        guardians_per_child: GUARDIANS_PER_CHILD,
        opening_days: OPENING_DAYS_PER_MONTH,
        calendar_days: CALENDAR_DAYS_PER_MONTH,
    };

    pub fn guardians(&self) -> f64 {
        self.children * self.guardians_per_child
    }
}

/// One deployment's month: `settings` settings alike, sharing the schedules, the alarms and
/// the account's always-free allowances.
#[derive(Debug, Clone, Copy)]
pub struct Scenario<'a> {
    pub name: &'a str,
    pub settings: f64,
    pub setting: Setting,
    pub usage: &'a [Usage],
    pub functions: &'a [Function],
    pub env_idle_minutes: f64,
}

impl Scenario<'static> {
    pub fn nursery() -> Self {
        Scenario {
            name: "60-child nursery",
            settings: 1.0,
            setting: Setting::STANDARD,
            usage: USAGE,
            functions: FUNCTIONS,
            env_idle_minutes: ENV_IDLE_MINUTES,
        }
    }

    pub fn group() -> Self {
        Scenario { name: "10-setting group", settings: SETTINGS_IN_GROUP, ..Scenario::nursery() }
    }
}

/// Messages a month that calls cause, which other functions then handle.
#[derive(Debug, Clone, Copy, Default)]
pub struct Flows {
    pub uploads: f64,
    pub photos: f64,
    pub videos: f64,
    pub journal_events: f64,
    pub emails: f64,
    pub digest_emails: f64,
    pub pushes: f64,
    pub bounces: f64,
}

/// One function's month.
#[derive(Debug, Clone)]
pub struct FunctionCost {
    pub name: &'static str,
    pub http: bool,
    pub memory_mb: f64,
    /// Calls (for stream and schedule functions: items or runs) a month.
    pub calls: f64,
    /// False when the bench has no row for it: its DynamoDB figures are then zero.
    pub measured: bool,
    /// Billed duration of one warm call, whole milliseconds.
    pub ms_per_call: f64,
    pub cold_starts: f64,
    /// Billed INIT of one cold start.
    pub init_ms: f64,
    pub gb_seconds: f64,
    pub api_requests: f64,
    pub read_units: f64,
    pub write_units: f64,
    pub log_bytes: f64,
    pub response_bytes: f64,
    pub traces: f64,
}

impl FunctionCost {
    pub fn lambda_usd(&self) -> f64 {
        self.calls * LAMBDA_PER_REQUEST + self.gb_seconds * LAMBDA_PER_GB_SECOND_ARM
    }
    pub fn api_usd(&self) -> f64 {
        self.api_requests * HTTP_API_PER_REQUEST
    }
    pub fn dynamodb_usd(&self) -> f64 {
        self.read_units * DYNAMODB_PER_READ_UNIT + self.write_units * DYNAMODB_PER_WRITE_UNIT
    }
    /// Its logs and traces.
    pub fn observability_usd(&self) -> f64 {
        self.log_bytes / GIB * LOGS_PER_GB_INGESTED + self.traces * XRAY_PER_TRACE
    }
    pub fn usd(&self) -> f64 {
        self.lambda_usd() + self.api_usd() + self.dynamodb_usd() + self.observability_usd()
    }
}

/// One line of the bill.
#[derive(Debug, Clone)]
pub struct Line {
    pub service: &'static str,
    pub item: &'static str,
    pub quantity: f64,
    pub unit: &'static str,
    pub unit_price: f64,
    /// The always-free allowance of this line.
    pub free: f64,
    /// Paid once per deployment however many settings share it.
    pub fixed: bool,
}

impl Line {
    pub fn usd(&self) -> f64 {
        self.quantity * self.unit_price
    }
    pub fn usd_after_free(&self) -> f64 {
        (self.quantity - self.free).max(0.0) * self.unit_price
    }
}

#[derive(Debug, Clone)]
pub struct Report {
    pub name: String,
    pub children: f64,
    pub lines: Vec<Line>,
    pub functions: Vec<FunctionCost>,
    pub flows: Flows,
    /// Functions of the route table the bench has no row for.
    pub missing: Vec<&'static str>,
    /// Rows whose figures the model needs are null: (function, field).
    pub unmeasured: Vec<(String, &'static str)>,
    /// Rows for functions the route table does not have (ignored).
    pub unknown: Vec<String>,
    /// Functions of the route table with no usage figure (counted as never called).
    pub no_usage: Vec<&'static str>,
    /// Functions whose measured peak memory exceeds their configured memory.
    pub over_memory: Vec<(&'static str, f64, f64)>,
}

impl Report {
    pub fn total(&self) -> f64 {
        self.lines.iter().map(Line::usd).sum()
    }
    pub fn total_after_free(&self) -> f64 {
        self.lines.iter().map(Line::usd_after_free).sum()
    }
    /// The lines paid once per deployment (alarms, the KMS key and its requests).
    pub fn fixed(&self) -> f64 {
        self.lines.iter().filter(|l| l.fixed).map(Line::usd).sum()
    }
    pub fn per_child(&self) -> f64 {
        self.total() / self.children
    }
    pub fn complete(&self) -> bool {
        self.missing.is_empty() && self.unmeasured.is_empty() && self.no_usage.is_empty()
    }
    pub fn line(&self, service: &str, item: &str) -> Option<&Line> {
        self.lines.iter().find(|l| l.service == service && l.item == item)
    }
    pub fn function(&self, name: &str) -> Option<&FunctionCost> {
        self.functions.iter().find(|f| f.name == name)
    }
}

impl Scenario<'_> {
    /// How many `per` there are in this scenario's month (flows excepted: see `flow`).
    pub fn quantity(&self, per: Per, flows: &Flows) -> f64 {
        let s = &self.setting;
        let n = self.settings;
        match per {
            Per::ChildOpeningDay => s.children * n * s.opening_days,
            Per::ChildOpeningWeek => s.children * n * s.opening_days / 5.0,
            Per::ChildMonth => s.children * n,
            Per::StaffOpeningDay => s.staff * n * s.opening_days,
            Per::StaffMonth => s.staff * n,
            Per::ManagerOpeningDay => s.managers * n * s.opening_days,
            Per::GuardianDay => s.guardians() * n * s.calendar_days,
            Per::GuardianMonth => s.guardians() * n,
            Per::SettingMonth => n,
            Per::DeploymentDay => s.calendar_days,
            Per::Upload => flows.uploads,
            Per::JournalEvent => flows.journal_events,
            Per::Email => flows.emails,
            Per::DigestEmail => flows.digest_emails,
            Per::Push => flows.pushes,
            Per::Bounce => flows.bounces,
        }
    }

    fn recipients(&self, to: Recipients) -> f64 {
        match to {
            Recipients::Fixed(n) => n,
            Recipients::Managers => self.setting.managers,
            Recipients::ParentsOfChild => self.setting.guardians_per_child,
            Recipients::AllGuardians => self.setting.guardians(),
            Recipients::JournalReaders => JOURNAL_RECIPIENTS_PER_EVENT,
        }
    }

    /// Calls a month per function, and the flows they cause.
    pub fn calls(&self) -> (BTreeMap<&'static str, f64>, Flows) {
        let flow_per = |per: Per| matches!(per, Per::Upload | Per::JournalEvent | Per::Email | Per::DigestEmail | Per::Push | Per::Bounce);
        let none = Flows::default();
        let mut calls: BTreeMap<&'static str, f64> = BTreeMap::new();
        for usage in self.usage {
            let direct: f64 = usage.calls.iter().filter(|(_, per)| !flow_per(*per)).map(|(n, per)| n * self.quantity(*per, &none)).sum();
            *calls.entry(usage.function).or_default() += direct;
        }
        let of = |calls: &BTreeMap<&str, f64>, name: &str| calls.get(name).copied().unwrap_or(0.0);
        let caused = |calls: &BTreeMap<&str, f64>, rules: &[Causes]| {
            rules.iter().map(|r| of(calls, r.function) * r.per_call * self.recipients(r.to)).sum::<f64>()
        };

        let mut flows = Flows { uploads: of(&calls, "media-upload"), ..Flows::default() };
        flows.photos = flows.uploads * photo_share();
        flows.videos = flows.uploads - flows.photos;
        flows.journal_events = caused(&calls, JOURNAL_EVENTS);
        flows.digest_emails = self.setting.guardians() * self.settings * self.setting.opening_days * DIGEST_EMAILS_SHARE;
        flows.emails = caused(&calls, EMAILS) + flows.digest_emails;
        flows.pushes = caused(&calls, PUSHES) * PUSH_DEVICES_PER_GUARDIAN;
        flows.bounces = flows.emails * BOUNCE_RATE;

        for usage in self.usage {
            let derived: f64 = usage.calls.iter().filter(|(_, per)| flow_per(*per)).map(|(n, per)| n * self.quantity(*per, &flows)).sum();
            *calls.entry(usage.function).or_default() += derived;
        }
        (calls, flows)
    }

    /// Prices the month from the bench's measurements.
    pub fn price(&self, bench: &Bench) -> Report {
        let (calls, flows) = self.calls();
        let mut report = Report {
            name: self.name.to_string(),
            children: self.setting.children * self.settings,
            lines: Vec::new(),
            functions: Vec::new(),
            flows,
            missing: Vec::new(),
            unmeasured: Vec::new(),
            unknown: bench.functions.iter().filter(|m| !self.functions.iter().any(|f| f.name == m.name)).map(|m| m.name.clone()).collect(),
            no_usage: self.functions.iter().filter(|f| !self.usage.iter().any(|u| u.function == f.name)).map(|f| f.name).collect(),
            over_memory: Vec::new(),
        };
        let hello_init = bench.hello.as_ref().and_then(|h| h.cold_init_ms).filter(|ms| *ms > 0.0);
        for function in self.functions {
            let measured = bench.function(function.name);
            match measured {
                None => report.missing.push(function.name),
                Some(m) => {
                    for (field, value) in
                        [("sequential_trips", m.sequential_trips), ("read_units", m.read_units), ("write_units", m.write_units)]
                    {
                        if value.is_none() {
                            report.unmeasured.push((function.name.to_string(), field));
                        }
                    }
                    if let Some(peak) = m.peak_mb.filter(|p| *p > f64::from(function.runtime.memory_mb)) {
                        report.over_memory.push((function.name, peak, f64::from(function.runtime.memory_mb)));
                    }
                }
            }
            let n = calls.get(function.name).copied().unwrap_or(0.0);
            report.functions.push(self.function_cost(function, measured, n, hello_init, &flows));
        }
        report.lines = self.lines(&report.functions, &calls, &flows);
        report
    }

    fn function_cost(
        &self,
        function: &Function,
        measured: Option<&Measured>,
        calls: f64,
        hello_init: Option<f64>,
        flows: &Flows,
    ) -> FunctionCost {
        let empty = Measured::default();
        let m = measured.unwrap_or(&empty);
        let memory_mb = f64::from(function.runtime.memory_mb);
        let http = function.http().is_some();
        let trips = m.sequential_trips.unwrap_or(0.0);
        let ms_per_call = (INVOKE_OVERHEAD_MS + HANDLER_CPU_MS + trips * DYNAMODB_ROUND_TRIP_MS + external_wait_ms(function.name)).ceil();
        let cold_share = if calls <= 0.0 {
            0.0
        } else if matches!(function.trigger, Trigger::Schedule { .. }) {
            1.0
        } else {
            let active_minutes = self.setting.opening_days * ACTIVE_HOURS_PER_DAY * 60.0;
            (-(calls / active_minutes) * self.env_idle_minutes).exp()
        };
        let cold_starts = calls * cold_share;
        let ratio = match (m.cold_init_ms, hello_init) {
            (Some(own), Some(hello)) => own / hello,
            _ => FALLBACK_INIT_RATIO,
        };
        let init_ms = (LAMBDA_HELLO_INIT_MS * ratio).ceil();
        let mut read_units = calls * m.read_units.unwrap_or(0.0);
        let mut write_units = calls * m.write_units.unwrap_or(0.0) * (1.0 + GSI_WRITE_SHARE);
        let mut billed_ms = calls * ms_per_call + cold_starts * (init_ms + COLD_FIRST_CALL_EXTRA_MS);
        for extra in EXTRA_WORK.iter().filter(|e| e.function == function.name) {
            let units = self.quantity(extra.per, flows);
            read_units += units * extra.read_units;
            write_units += units * extra.write_units * (1.0 + GSI_WRITE_SHARE);
            billed_ms += units * extra.ms;
        }
        let gb_seconds = memory_mb / MB_PER_GB * billed_ms / 1000.0;
        // Browsers preflight the calls that carry a token; the uptime monitor and the
        // invitation page's one call are not worth a preflight figure.
        let preflights = if matches!(function.http(), Some((_, _, Auth::Jwt))) { PREFLIGHTS_PER_API_CALL } else { 0.0 };
        let api_requests = if http { calls * (1.0 + preflights) } else { 0.0 };
        let response_bytes = if http {
            calls * LARGE_RESPONSES.iter().find(|(name, _)| *name == function.name).map_or(API_RESPONSE_BYTES, |(_, b)| *b)
        } else {
            0.0
        };
        FunctionCost {
            name: function.name,
            http,
            memory_mb,
            calls,
            measured: measured.is_some(),
            ms_per_call,
            cold_starts,
            init_ms,
            gb_seconds,
            api_requests,
            read_units,
            write_units,
            log_bytes: calls * (LAMBDA_PLATFORM_LOG_BYTES + APP_LOG_BYTES) + api_requests * API_ACCESS_LOG_BYTES,
            response_bytes,
            traces: calls * XRAY_SAMPLED_SHARE,
        }
    }

    fn lines(&self, functions: &[FunctionCost], calls: &BTreeMap<&'static str, f64>, flows: &Flows) -> Vec<Line> {
        let of = |name: &str| calls.get(name).copied().unwrap_or(0.0);
        let sum = |f: fn(&FunctionCost) -> f64| functions.iter().map(f).sum::<f64>();
        let s = &self.setting;
        let n = self.settings;

        // DynamoDB storage: what a year of writes leaves, over the roster's own items.
        let written_units: f64 = sum(|f| f.write_units) / (1.0 + GSI_WRITE_SHARE);
        let table_bytes = s.children * n * BASE_BYTES_PER_CHILD + RETAINED_MONTHS * written_units * STORED_BYTES_PER_WRITE_UNIT;
        let table_gb = table_bytes / GIB;

        // Media: uploads kept a year; every view a GET (presigned URLs are new on each page).
        let photo_kept = PHOTO_BYTES * CLEANED_SHARE + THUMBNAIL_BYTES;
        let media_gb = RETAINED_MONTHS * (flows.photos * photo_kept + flows.videos * VIDEO_BYTES) / GIB;
        let journal_views = of("journal-get");
        let contribution_lists = of("contributions-list") + of("child-contributions");
        let puts = flows.photos * 3.0 + flows.videos * 2.0;
        let gets = flows.uploads
            + journal_views * (THUMBNAILS_PER_JOURNAL_VIEW + ORIGINALS_PER_JOURNAL_VIEW + VIDEO_PLAYS_PER_JOURNAL_VIEW)
            + contribution_lists * THUMBNAILS_PER_CONTRIBUTION_LIST;
        let media_out = journal_views
            * (THUMBNAILS_PER_JOURNAL_VIEW * THUMBNAIL_BYTES
                + ORIGINALS_PER_JOURNAL_VIEW * PHOTO_BYTES * CLEANED_SHARE
                + VIDEO_PLAYS_PER_JOURNAL_VIEW * VIDEO_BYTES)
            + contribution_lists * THUMBNAILS_PER_CONTRIBUTION_LIST * THUMBNAIL_BYTES;
        // Learning journeys: the archive (the originals) and the PDF (thumbnails), kept a month.
        let (journey_objects, journey_bytes) = journey_media();
        let journey_pdf_bytes = journey_objects * THUMBNAIL_BYTES;
        let journeys = of("journey-build");
        let journeys_gb = journeys * (journey_bytes + journey_pdf_bytes) / GIB;
        // A spent transfer link hands out both files.
        let journeys_out = of("journey-download") / (JOURNEY_ARCHIVE_DOWNLOADS + JOURNEY_PDF_DOWNLOADS).max(1.0)
            * (JOURNEY_ARCHIVE_DOWNLOADS * journey_bytes + JOURNEY_PDF_DOWNLOADS * journey_pdf_bytes)
            + of("journey-transfer-download") * (journey_bytes + journey_pdf_bytes);
        // Subject access exports: gathered (one object), released (read back, two files, the
        // originals fetched as for a journey), reviewed and downloaded.
        let exports = of("rights-export-build") / 2.0;
        let puts = puts + 2.0 * journeys + 3.0 * exports;
        let gets = gets
            + journeys * 2.0 * journey_objects
            + of("journey-download")
            + 2.0 * of("journey-transfer-download")
            + exports * (1.0 + 2.0 * journey_objects)
            + of("rights-export-get")
            + of("rights-export-withhold")
            + of("rights-export-download");
        let data_out_gb = (media_out + journeys_out + sum(|f| f.response_bytes)) / GIB;

        // The web app: a download of the precache per device per release, two small requests a visit.
        let sessions =
            s.staff * n * s.opening_days * STAFF_APP_OPENS_PER_DAY + s.guardians() * n * s.calendar_days * GUARDIAN_SESSIONS_PER_DAY;
        let devices = s.staff * n * DEVICES_PER_STAFF + s.guardians() * n * DEVICES_PER_GUARDIAN;
        let downloads = devices * APP_RELEASES_PER_MONTH;
        let cf_requests = sessions * CLOUDFRONT_REQUESTS_PER_SESSION + downloads * APP_PRECACHE_FILES;
        let cf_gb = (sessions * CLOUDFRONT_BYTES_PER_SESSION + downloads * APP_PRECACHE_BYTES) / GIB;

        let logs_gb = sum(|f| f.log_bytes) / GIB;
        let alarms = self.functions.len() as f64 + ALARMS_BESIDES_FUNCTIONS;
        let mau = (s.staff + s.guardians() * GUARDIANS_ACTIVE_SHARE) * n;

        let line = |service, item, quantity, unit, unit_price, free| Line { service, item, quantity, unit, unit_price, free, fixed: false };
        let fixed =
            |service, item, quantity, unit, unit_price, free| Line { fixed: true, ..line(service, item, quantity, unit, unit_price, free) };
        vec![
            line(
                "API Gateway",
                "HTTP API requests (CORS preflights included)",
                sum(|f| f.api_requests),
                "requests",
                HTTP_API_PER_REQUEST,
                0.0,
            ),
            line("Lambda", "requests", sum(|f| f.calls), "requests", LAMBDA_PER_REQUEST, FREE_LAMBDA_REQUESTS),
            line(
                "Lambda",
                "duration, arm64 (billed INIT included)",
                sum(|f| f.gb_seconds),
                "GB-s",
                LAMBDA_PER_GB_SECOND_ARM,
                FREE_LAMBDA_GB_SECONDS,
            ),
            line("DynamoDB", "read request units", sum(|f| f.read_units), "RRU", DYNAMODB_PER_READ_UNIT, 0.0),
            line("DynamoDB", "write request units (GSI1 included)", sum(|f| f.write_units), "WRU", DYNAMODB_PER_WRITE_UNIT, 0.0),
            line(
                "DynamoDB",
                "storage (table and GSI1, a year held)",
                table_gb * (1.0 + GSI_STORAGE_SHARE),
                "GB-month",
                DYNAMODB_PER_GB_MONTH,
                FREE_DYNAMODB_GB,
            ),
            line("DynamoDB", "point-in-time recovery", table_gb, "GB-month", DYNAMODB_PITR_PER_GB_MONTH, 0.0),
            line("S3", "media storage (a year held)", media_gb, "GB-month", S3_PER_GB_MONTH, 0.0),
            line("S3", "learning journeys (a month held)", journeys_gb, "GB-month", S3_PER_GB_MONTH, 0.0),
            line("S3", "PUT/POST (uploads, cleaned copies, thumbnails, journeys)", puts, "requests", S3_PER_PUT, 0.0),
            line("S3", "GET (checks, thumbnails, photos, videos, journeys)", gets, "requests", S3_PER_GET, 0.0),
            line("Data out", "media downloads and API responses", data_out_gb, "GB", DATA_OUT_PER_GB, FREE_DATA_OUT_GB),
            line("SES", "emails", flows.emails, "emails", SES_PER_EMAIL, 0.0),
            line("CloudFront", "web app data out", cf_gb, "GB", CLOUDFRONT_PER_GB, FREE_CLOUDFRONT_GB),
            line("CloudFront", "HTTPS requests", cf_requests, "requests", CLOUDFRONT_PER_REQUEST, FREE_CLOUDFRONT_REQUESTS),
            line(
                "CloudFront",
                "function executions (rewrite)",
                cf_requests,
                "runs",
                CLOUDFRONT_FUNCTION_PER_EXECUTION,
                FREE_CLOUDFRONT_FUNCTIONS,
            ),
            line("CloudWatch", "log ingestion", logs_gb, "GB", LOGS_PER_GB_INGESTED, FREE_LOGS_GB),
            line(
                "CloudWatch",
                "log storage (90 days)",
                logs_gb * LOG_RETENTION_MONTHS * LOG_STORAGE_COMPRESSION,
                "GB-month",
                LOGS_PER_GB_MONTH,
                FREE_LOGS_STORED_GB,
            ),
            fixed("CloudWatch", "alarms (one per function, and 4)", alarms, "alarms", ALARM_PER_MONTH, FREE_ALARMS),
            line("X-Ray", "traces recorded", sum(|f| f.traces), "traces", XRAY_PER_TRACE, FREE_XRAY_TRACES),
            line("Cognito", "monthly active users (Plus plan)", mau, "MAU", COGNITO_PLUS_PER_MAU, 0.0),
            fixed("KMS", "customer-managed key", KMS_KEYS, "keys", KMS_PER_KEY_MONTH, 0.0),
            fixed("KMS", "requests", KMS_REQUESTS_PER_MONTH, "requests", KMS_PER_REQUEST, FREE_KMS_REQUESTS),
        ]
    }
}

/// Waits on other services in one call of `name`, in ms.
pub fn external_wait_ms(name: &str) -> f64 {
    if name == "media-check" {
        return media_check_ms();
    }
    if name == "journey-build" {
        return journey_build_ms();
    }
    if name == "rights-export-build" {
        // Half the calls gather (one object written), half release (the same originals as a
        // journey fetched and written into the archive).
        return (journey_build_ms() + S3_REQUEST_MS) / 2.0;
    }
    EXTERNAL_WAIT_MS.iter().filter(|(n, _, _)| *n == name).map(|(_, ms, _)| ms).sum()
}

/// One upload's check: read it, write the cleaned copy and (photos) the thumbnail, decode.
pub fn media_check_ms() -> f64 {
    let photo_share = photo_share();
    let transfer_ms = |bytes: f64| bytes / 1e6 / S3_MEGABYTES_PER_SECOND * 1000.0;
    let photo = 3.0 * S3_REQUEST_MS
        + transfer_ms(PHOTO_BYTES * (1.0 + CLEANED_SHARE) + THUMBNAIL_BYTES)
        + PHOTO_MEGAPIXELS * DECODE_MS_PER_MEGAPIXEL;
    let video = 2.0 * S3_REQUEST_MS + transfer_ms(2.0 * VIDEO_BYTES);
    photo_share * photo + (1.0 - photo_share) * video
}

/// Photos and videos in one learning journey, and the bytes of its originals.
pub fn journey_media() -> (f64, f64) {
    let photos = JOURNEY_WEEKS
        * (OBSERVATIONS_PER_CHILD_PER_WEEK * PHOTOS_PER_OBSERVATION + CONTRIBUTIONS_PER_CHILD_PER_WEEK * PHOTOS_PER_CONTRIBUTION);
    let videos = JOURNEY_WEEKS * VIDEOS_PER_CHILD_PER_WEEK;
    (photos + videos, photos * PHOTO_BYTES * CLEANED_SHARE + videos * VIDEO_BYTES)
}

/// One journey made: every original and thumbnail read one after another, the archive (about
/// the originals' size) and the PDF written.
pub fn journey_build_ms() -> f64 {
    let (objects, bytes) = journey_media();
    let thumbnails = objects * THUMBNAIL_BYTES;
    let requests = 2.0 * objects + 2.0;
    requests * S3_REQUEST_MS + (2.0 * bytes + 2.0 * thumbnails) / 1e6 / S3_MEGABYTES_PER_SECOND * 1000.0
}

/// Share of uploads that are photos (the rest are videos).
pub fn photo_share() -> f64 {
    let photos = OBSERVATIONS_PER_CHILD_PER_WEEK * PHOTOS_PER_OBSERVATION + CONTRIBUTIONS_PER_CHILD_PER_WEEK * PHOTOS_PER_CONTRIBUTION;
    photos / (photos + VIDEOS_PER_CHILD_PER_WEEK)
}

//! `spawn_app()` and friends: each test gets its own table, bucket and user pool in the shared
//! emulator, its own gateway on a free port, and helpers to act as the people of a setting.

use nestling_local::gateway::Gateway;
use nestling_local::provision::{provision, sign_in, Stack};
use nestling_local::pump::{StreamPump, UploadPump};
use nestling_local::seed::{self, Api};
use nestling_platform::App;
use serde_json::{json, Value};
use std::sync::Arc;
use tokio::sync::Mutex;

pub const PASSWORD: &str = "Sunflower-2026-ok";

pub struct TestApp {
    pub stack: Stack,
    pub app: Arc<App>,
    pub api: Api,
    pub base_url: String,
    pump: Mutex<StreamPump>,
    pub uploads: UploadPump,
}

/// A signed-in person.
#[derive(Debug, Clone)]
pub struct Person {
    pub user_id: String,
    pub email: String,
    pub token: String,
}

/// The test nursery's premises networks (rule 8): loopback, and TEST-NET-3, the address
/// events/ say API Gateway saw.
pub const PREMISES: [&str; 3] = ["127.0.0.1/32", "::1/128", "203.0.113.0/24"];

/// The emulator this test's stack is provisioned on. `make test` runs a small pool of them
/// (`NESTLING_EMULATOR_URLS`, comma-separated): one emulator serves DynamoDB one request at a
/// time, so a pool lets unrelated tests proceed in parallel. Under nextest every test is a
/// process with a slot number unique among the tests running at that moment, which spreads the
/// running tests evenly; under `cargo test` the threads take turns. `NESTLING_EMULATOR_URL`
/// names a single emulator.
pub fn emulator_url() -> String {
    let urls: Vec<String> = std::env::var("NESTLING_EMULATOR_URLS")
        .or_else(|_| std::env::var("NESTLING_EMULATOR_URL"))
        .expect("NESTLING_EMULATOR_URLS is not set: run the suite with `make test`, which starts the emulators")
        .split(',')
        .map(|u| u.trim().to_string())
        .filter(|u| !u.is_empty())
        .collect();
    assert!(!urls.is_empty(), "NESTLING_EMULATOR_URLS names no emulator");
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let slot = std::env::var("NEXTEST_TEST_GLOBAL_SLOT")
        .ok()
        .and_then(|s| s.parse::<usize>().ok())
        .unwrap_or_else(|| NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed));
    urls[slot % urls.len()].clone()
}

/// An id as the records hold it, from the text the API answered.
pub fn id<T: nestling_domain::Id>(text: &str) -> T {
    T::parse(text).expect("an id")
}

pub fn unique(label: &str) -> String {
    format!("{label}-{}", &uuid::Uuid::new_v4().simple().to_string()[..12])
}

pub async fn spawn_app() -> TestApp {
    let endpoint = emulator_url();
    let stack = provision(&endpoint, &unique("t"), "https://app.nestling.test").await.expect("provision");
    let app = Arc::new(App::new(&Stack::sdk_config(&endpoint), stack.config()));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let base_url = format!("http://{}", listener.local_addr().expect("addr"));
    let gateway = Arc::new(Gateway::new(app.clone(), stack.clone(), base_url.clone()));
    tokio::spawn(gateway.serve(listener));
    let pump = Mutex::new(StreamPump::new(&Stack::sdk_config(&endpoint), &stack.table));
    let uploads = UploadPump::new(&Stack::sdk_config(&endpoint), &stack.bucket);
    TestApp { api: Api::new(&base_url), stack, app, base_url, pump, uploads }
}

impl TestApp {
    pub async fn call(&self, method: &str, path: &str, who: Option<&Person>, body: Option<Value>) -> (u16, Value) {
        self.api.call(method, path, who.map(|p| p.token.as_str()), body).await.expect("request")
    }

    pub async fn call_with(
        &self,
        method: &str,
        path: &str,
        who: Option<&Person>,
        body: Option<Value>,
        headers: &[(&str, &str)],
    ) -> (u16, Value) {
        self.api.call_with(method, path, who.map(|p| p.token.as_str()), body, headers).await.expect("request")
    }

    /// Delivers every pending outbox item through the stream consumer.
    pub async fn drain_outbox(&self) -> usize {
        self.pump.lock().await.drain(&self.app).await.expect("drain outbox")
    }

    /// Runs the media check on every waiting upload, as S3's event would.
    pub async fn check_uploads(&self) -> usize {
        self.uploads.drain(&self.app).await.expect("media check")
    }

    /// Uploads bytes through the presigned POST (without checking them yet); the media id.
    pub async fn upload_raw(&self, setting_id: &str, who: &Person, bytes: &[u8], content_type: &str, children: &[&str]) -> String {
        let (media_id, status) = self.api.upload(setting_id, &who.token, bytes, content_type, children).await.expect("upload");
        assert!((200..300).contains(&status), "S3 answered {status} to the presigned POST");
        media_id
    }

    /// Uploads a small photo of `children` and runs the check: a ready media id.
    pub async fn photo(&self, setting_id: &str, who: &Person, children: &[&str]) -> String {
        let media_id = self.upload_raw(setting_id, who, &jpeg(48, 32), "image/jpeg", children).await;
        self.check_uploads().await;
        media_id
    }

    /// An observation by `who` of `children` with `media`; its id.
    pub async fn observation(&self, setting_id: &str, who: &Person, children: &[&str], media: &[&str]) -> String {
        let (status, body) = self
            .call(
                "POST",
                &format!("/v1/settings/{setting_id}/observations"),
                Some(who),
                Some(json!({
                    "text": "Built a tall tower and counted the bricks.",
                    "children": children, "mediaIds": media, "areas": ["mathematics", "physical-development"],
                    "nextSteps": "Count to twenty."
                })),
            )
            .await;
        assert_eq!(status, 201, "{body}");
        body["observationId"].as_str().unwrap().to_string()
    }

    /// A post on the setting's feed by `who` (`body` as the API takes it); its id.
    pub async fn post(&self, setting_id: &str, who: &Person, body: Value) -> String {
        let (status, made) = self.call("POST", &format!("/v1/settings/{setting_id}/posts"), Some(who), Some(body)).await;
        assert_eq!(status, 201, "post: {made}");
        made["postId"].as_str().unwrap().to_string()
    }

    /// An accident of `child` recorded by `reporter` and reviewed by `manager` (so the
    /// parents see it and are told); its id.
    pub async fn reviewed_accident(&self, setting_id: &str, reporter: &Person, manager: &Person, child: &str) -> String {
        let (status, made) = self
            .call("POST", &format!("/v1/settings/{setting_id}/children/{child}/accidents"), Some(reporter), Some(json!({
                "place": "Garden", "whatHappened": "Tripped on the path.", "injury": "Grazed knee", "firstAid": "Cleaned, plaster.", "serious": false
            })))
            .await;
        assert_eq!(status, 201, "accident: {made}");
        let id = made["accidentId"].as_str().unwrap().to_string();
        let (status, body) = self
            .call("POST", &format!("/v1/settings/{setting_id}/accidents/{id}/review"), Some(manager), Some(json!({ "notes": "Checked." })))
            .await;
        assert_eq!(status, 200, "review: {body}");
        id
    }

    pub async fn operator(&self) -> Person {
        let email = format!("{}@ops.test", unique("op"));
        let user_id = seed::create_operator(&self.stack, &email, PASSWORD).await.expect("operator");
        let token = sign_in(&self.stack, &email, PASSWORD).await.expect("sign in").access_token;
        self.enrol(Person { user_id, email, token }).await
    }

    /// Enrols an authenticator for `who` (staff and operators may do nothing without one);
    /// their token stays good, and later sign-ins answer the code challenge with real codes.
    pub async fn enrol(&self, who: Person) -> Person {
        seed::enrol_totp(&self.api, &who.email, &who.token).await.expect("enrol an authenticator");
        who
    }

    /// The newest invitation token emailed to `email` (delivering the outbox first).
    pub async fn invitation_token(&self, email: &str) -> String {
        self.drain_outbox().await;
        seed::invitation_token(&self.stack.endpoint, email).await.expect("invitation email")
    }

    /// Accepts the invitation emailed to `email` and signs in.
    pub async fn accept(&self, email: &str) -> Person {
        let token = self.invitation_token(email).await;
        let (status, body) =
            self.call("POST", &format!("/v1/invitations/{token}/accept"), None, Some(json!({ "password": PASSWORD }))).await;
        assert_eq!(status, 200, "accept: {body}");
        self.sign_in(email).await
    }

    pub async fn sign_in(&self, email: &str) -> Person {
        let tokens = sign_in(&self.stack, email, PASSWORD).await.expect("sign in");
        let (status, me) = self.api.call("GET", "/v1/me", Some(&tokens.access_token), None).await.expect("me");
        let user_id = if status == 200 { me["userId"].as_str().unwrap_or_default().to_string() } else { String::new() };
        Person { user_id, email: email.to_string(), token: tokens.access_token }
    }

    /// A new setting created by a new operator, with its manager signed in. Its premises are
    /// `PREMISES`, so tests' requests are on premises unless a test changes them.
    pub async fn setting(&self) -> (String, Person) {
        self.setting_of_kind("nursery").await
    }

    /// A school, as `setting` makes a nursery.
    pub async fn school(&self) -> (String, Person) {
        self.setting_of_kind("school").await
    }

    /// A new setting of `kind` (`nursery` or `school`) and its manager, signed in, enrolled.
    pub async fn setting_of_kind(&self, kind: &str) -> (String, Person) {
        let operator = self.operator().await;
        let manager_email = format!("{}@acorns.test", unique("manager"));
        let (status, body) = self
            .call(
                "POST",
                "/v1/settings",
                Some(&operator),
                Some(json!({
                    "name": "Little Acorns", "timezone": "Europe/London", "agreementText": "Be kind with data.",
                    "manager": { "email": manager_email, "name": "Maya Manager" },
                    // The premises: this machine, and the documentation network events/ come from.
                    "networks": PREMISES,
                    "kind": kind
                })),
            )
            .await;
        assert_eq!(status, 201, "create setting: {body}");
        let setting_id = body["id"].as_str().expect("id").to_string();
        let manager = self.accept(&manager_email).await;
        (setting_id, self.enrol(manager).await)
    }

    /// A staff member invited by `manager`, signed in, authenticator enrolled.
    pub async fn staff(&self, setting_id: &str, manager: &Person, role: &str) -> Person {
        let person = self.staff_without_mfa(setting_id, manager, role).await;
        self.enrol(person).await
    }

    /// A staff member invited by `manager` and signed in, who has not enrolled an
    /// authenticator yet (so may do nothing but that).
    pub async fn staff_without_mfa(&self, setting_id: &str, manager: &Person, role: &str) -> Person {
        let email = format!("{}@acorns.test", unique(role));
        let (status, body) = self
            .call(
                "POST",
                &format!("/v1/settings/{setting_id}/staff"),
                Some(manager),
                Some(json!({
                    "email": email, "name": "Pat Practitioner", "role": role, "qualificationLevel": 3
                })),
            )
            .await;
        assert_eq!(status, 201, "invite: {body}");
        self.accept(&email).await
    }

    /// A room of the setting, created by its manager; answers its id.
    pub async fn room(&self, setting_id: &str, manager: &Person) -> String {
        let (status, body) = self
            .call("POST", &format!("/v1/settings/{setting_id}/rooms"), Some(manager), Some(json!({ "name": "Acorns", "ageBand": "mixed" })))
            .await;
        assert_eq!(status, 201, "room: {body}");
        body["id"].as_str().expect("room id").to_string()
    }

    /// A child registered by the manager in `room` with `key_person`; answers its id.
    pub async fn child(&self, setting_id: &str, manager: &Person, room: &str, key_person: &str) -> String {
        let (status, body) =
            self.call("POST", &format!("/v1/settings/{setting_id}/children"), Some(manager), Some(child_body(room, key_person))).await;
        assert_eq!(status, 201, "child: {body}");
        body["childId"].as_str().expect("child id").to_string()
    }

    /// Links a new guardian to the child, has them accept the invitation and sign in, and
    /// (when `accept_agreement`) accept the setting's current agreement.
    pub async fn guardian(&self, setting_id: &str, manager: &Person, child_id: &str, access: &str, accept_agreement: bool) -> Person {
        let email = format!("{}@families.test", unique(access));
        let (status, body) = self
            .call(
                "POST",
                &format!("/v1/settings/{setting_id}/children/{child_id}/guardians"),
                Some(manager),
                Some(guardian_body(&email, access)),
            )
            .await;
        assert_eq!(status, 201, "link: {body}");
        let person = self.accept(&email).await;
        if accept_agreement {
            self.accept_agreement(setting_id, &person).await;
        }
        person
    }

    /// The guardian accepts the setting's current agreement.
    pub async fn accept_agreement(&self, setting_id: &str, who: &Person) {
        let (status, agreement) = self.call("GET", &format!("/v1/settings/{setting_id}/agreement"), Some(who), None).await;
        assert_eq!(status, 200, "agreement: {agreement}");
        let (status, body) = self
            .call(
                "POST",
                &format!("/v1/settings/{setting_id}/agreement/acceptances"),
                Some(who),
                Some(json!({ "version": agreement["version"] })),
            )
            .await;
        assert_eq!(status, 200, "accept agreement: {body}");
    }

    /// A signed-in account that belongs to no setting.
    pub async fn stranger(&self) -> Person {
        use nestling_platform::records::{AccountStatus, UserRecord};
        use nestling_platform::store::to_item;
        let email = format!("{}@elsewhere.test", unique("stranger"));
        let (user_id, username) = seed::create_account(&self.stack, &email, "Sol Stranger", PASSWORD).await.expect("account");
        let sub = nestling_domain::UserId::parse(&user_id).expect("a Cognito sub is a user id");
        let user = UserRecord::new(&sub, &username, &email, "Sol Stranger", AccountStatus::Active, self.app.clock.timestamp());
        self.put_item(to_item(&user)).await;
        let token = sign_in(&self.stack, &email, PASSWORD).await.expect("sign in").access_token;
        Person { user_id, email, token }
    }

    /// A new issued invoice of `child_id` to `payer` in January 2026, numbered on in its month's
    /// list and written with it as issuing writes them, for the tests of who may read or
    /// correct one. Answers its id.
    pub async fn invoice_for(&self, setting_id: &str, child_id: &str, payer: &str) -> String {
        use nestling_domain::billing::{Bill, Line, LineKind, Pence};
        use nestling_domain::{ChildId, SettingId, Timestamp, UserId};
        use nestling_platform::records::{InvoiceMonthRecord, InvoiceRecord, InvoiceRemindersRecord, IssuedInvoice};
        use nestling_platform::store::{keys, to_item};
        let setting_id = SettingId::parse(setting_id).expect("a setting id");
        let payer_id = UserId::parse(payer).expect("a user id");
        let month = nestling_domain::invoicing::Month::parse("2026-01").expect("a month");
        let store = self.app.store();
        let mut list = store
            .get_as::<InvoiceMonthRecord>(&InvoiceMonthRecord::key(&setting_id, month))
            .await
            .expect("the month's list")
            .unwrap_or_else(|| InvoiceMonthRecord::empty(&setting_id, month));
        let id = list.invoice_id(list.issued.len() + 1);
        let record = InvoiceRecord {
            pk: keys::setting(&setting_id),
            sk: keys::invoice(id.as_str()),
            gsi1pk: keys::payer_invoices(&setting_id, &payer_id),
            gsi1sk: format!("{month}#{id}"),
            kind: "invoice".into(),
            invoice_id: id.clone(),
            setting_id: setting_id.clone(),
            setting_name: "Little Acorns".into(),
            month,
            child_id: ChildId::parse(child_id).expect("a child id"),
            child_name: "Ava Test".into(),
            payer_id: payer_id.clone(),
            payer_name: "Parent".into(),
            bill: Bill::of(vec![Line {
                kind: LineKind::PaidHours,
                description: "Morning: paid hours".into(),
                quantity: 300,
                amount: Pence(3200),
            }]),
            payers: 1,
            issued_by: payer_id,
            issued_at: Timestamp::new(self.app.clock.now()),
            due: nestling_domain::bookings::Day::parse("2026-02-14").expect("a day"),
            document: nestling_domain::invoicing::DocumentKind::Invoice,
            corrects: None,
            correction: None,
        };
        list.issued.push(IssuedInvoice {
            invoice_id: id.clone(),
            child_id: record.child_id.clone(),
            payer_id: record.payer_id.clone(),
            total: record.bill.total,
            document: record.document,
            corrected_by: None,
            funded_minutes: Some(nestling_domain::invoicing::funded_minutes(&record.bill)),
        });
        let read = list.version;
        list.version += 1;
        // Watched for falling overdue, as issuing does.
        let mut reminders = store
            .get_as::<InvoiceRemindersRecord>(&InvoiceRemindersRecord::key(&setting_id, month))
            .await
            .expect("the month's reminders")
            .unwrap_or_else(|| InvoiceRemindersRecord::empty(&setting_id, month));
        reminders.watch(record.due);
        let reminders_read = reminders.version;
        reminders.version += 1;
        store
            .transact(vec![
                store.put_new(to_item(&record)),
                store.put_after(to_item(&list), read),
                store.put_after(to_item(&reminders), reminders_read),
            ])
            .await
            .expect("the invoice");
        id.to_string()
    }

    /// Stores an item as it is, whatever is there (a test's given state).
    pub async fn put_item(&self, item: nestling_platform::store::Item) {
        let store = self.app.store();
        store.transact(vec![store.put(item)]).await.expect("put");
    }

    /// Every item in this test's table (tests may scan; request paths never do).
    pub async fn all_items(&self) -> Vec<nestling_platform::store::Item> {
        let client = aws_sdk_dynamodb::Client::new(&Stack::sdk_config(&self.stack.endpoint));
        let mut items = Vec::new();
        let mut start = None;
        loop {
            let out = client.scan().table_name(&self.stack.table).set_exclusive_start_key(start).send().await.expect("scan");
            items.extend(out.items.unwrap_or_default().into_iter().map(|i| serde_dynamo::Item::from(i).into_inner()));
            start = out.last_evaluated_key;
            if start.is_none() {
                break;
            }
        }
        items
    }

    pub async fn item_count(&self) -> usize {
        self.all_items().await.len()
    }

    /// The emails SES accepted for `to` (ignoring case), oldest first.
    pub async fn mail_to(&self, to: &str) -> Vec<seed::SentMail> {
        seed::sent_mail_to(&self.stack.endpoint, to).await.expect("sent mail")
    }
}

/// A valid child registration.
pub fn child_body(room: &str, key_person: &str) -> Value {
    json!({
        "firstName": "Ava", "lastName": "Brown", "dateOfBirth": two_and_a_half(), "roomId": room, "keyPersonId": key_person,
        "emergencyContacts": [{ "name": "Gran Brown", "phone": "+44 7700 900123", "relationship": "grandmother" }],
        "medicalNotes": "Mild eczema", "dietaryNotes": "Vegetarian"
    })
}

/// A date of birth 30 months before today: the test children are two, whenever the suite runs
/// (in the ratios' two-year-old band, and due the progress check at two).
pub fn two_and_a_half() -> String {
    let today = time::OffsetDateTime::now_utc().date();
    let months = today.year() * 12 + today.month() as i32 - 1 - 30;
    let month = time::Month::try_from((months.rem_euclid(12) + 1) as u8).expect("a month");
    time::Date::from_calendar_date(months.div_euclid(12), month, 14).expect("the 14th").to_string()
}

/// A valid guardian link for `email` with `access` (`parent` or `family`).
/// A leaving date in about a year, for a school.
pub fn leaving_body() -> Value {
    let next_year = time::OffsetDateTime::now_utc().date() + time::Duration::days(300);
    json!({ "date": next_year.to_string(), "destinationKind": "school", "destination": "Meadow Primary School" })
}

pub fn guardian_body(email: &str, access: &str) -> Value {
    json!({
        "email": email, "name": "Beth Brown", "relationship": if access == "parent" { "mother" } else { "grandmother" },
        "parentalResponsibility": access == "parent", "access": access, "mayCollect": true
    })
}

/// A real JPEG drawn in memory.
pub fn jpeg(width: u32, height: u32) -> Vec<u8> {
    let picture = image::RgbImage::from_fn(width, height, |x, y| image::Rgb([(x * 5) as u8, (y * 7) as u8, 90]));
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85).encode_image(&picture).expect("encode");
    out
}

/// A JPEG as a phone writes it: an EXIF block with orientation 6 and a GPS position.
pub fn jpeg_with_location(width: u32, height: u32) -> Vec<u8> {
    let mut tiff = b"MM\x00\x2a\x00\x00\x00\x08".to_vec();
    tiff.extend_from_slice(&2u16.to_be_bytes());
    tiff.extend_from_slice(&[0x01, 0x12, 0x00, 0x03, 0, 0, 0, 1, 0, 6, 0, 0]);
    tiff.extend_from_slice(&[0x88, 0x25, 0x00, 0x04, 0, 0, 0, 1, 0, 0, 0, 38]);
    tiff.extend_from_slice(&[0, 0, 0, 0]);
    tiff.extend_from_slice(&1u16.to_be_bytes());
    tiff.extend_from_slice(&[0x00, 0x01, 0x00, 0x02, 0, 0, 0, 2, b'N', 0, 0, 0]);
    tiff.extend_from_slice(&[0, 0, 0, 0]);
    tiff.extend_from_slice(b"GPS-51.5072N-0.1276W");
    let plain = jpeg(width, height);
    let mut out = vec![0xFF, 0xD8, 0xFF, 0xE1];
    out.extend_from_slice(&((tiff.len() + 8) as u16).to_be_bytes());
    out.extend_from_slice(b"Exif\0\0");
    out.extend_from_slice(&tiff);
    out.extend_from_slice(&plain[2..]);
    out
}

pub fn png(width: u32, height: u32) -> Vec<u8> {
    let picture = image::RgbImage::from_fn(width, height, |x, _| image::Rgb([x as u8, 100, 200]));
    let mut out = std::io::Cursor::new(Vec::new());
    image::DynamicImage::ImageRgb8(picture).write_to(&mut out, image::ImageFormat::Png).expect("encode");
    out.into_inner()
}

/// A phone video: the location in the movie header (`moov/udta/©xyz`, `moov/meta`).
pub fn mp4_with_location() -> Vec<u8> {
    let boxed = |kind: &[u8; 4], payload: &[u8]| {
        let mut out = ((payload.len() + 8) as u32).to_be_bytes().to_vec();
        out.extend_from_slice(kind);
        out.extend_from_slice(payload);
        out
    };
    let mut moov = boxed(b"mvhd", &[1; 32]);
    moov.extend(boxed(b"udta", &boxed(b"\xa9xyz", b"+51.5072-000.1276/")));
    moov.extend(boxed(b"meta", b"com.apple.quicktime.location.ISO6709 +51.5072-000.1276"));
    let mut v = boxed(b"ftyp", b"isom\0\0\x02\0isomiso2mp41");
    v.extend(boxed(b"moov", &moov));
    v.extend(boxed(b"mdat", &[7; 256]));
    v
}

/// A minimal MP4: ftyp, moov and mdat boxes tiling the file.
pub fn mp4() -> Vec<u8> {
    let boxed = |kind: &[u8; 4], payload: &[u8]| {
        let mut out = ((payload.len() + 8) as u32).to_be_bytes().to_vec();
        out.extend_from_slice(kind);
        out.extend_from_slice(payload);
        out
    };
    let mut v = boxed(b"ftyp", b"isom\0\0\x02\0isomiso2mp41");
    v.extend(boxed(b"moov", &[0; 32]));
    v.extend(boxed(b"mdat", &[7; 256]));
    v
}

/// A browser's push subscription body, to a push service on loopback that is never there
/// (port 9): for tests that need one to exist, not to receive anything.
pub fn push_subscription(name: &str) -> Value {
    json!({
        "endpoint": format!("http://127.0.0.1:9/push/{name}"),
        "expirationTime": null,
        // A valid P-256 point and a 16-byte secret.
        "keys": {
            "p256dh": "BLn9b-VR0ca83knDNZ32dCHGyjJp-1riX9ZTN40MqV8K_LpQmLqxC_DoHvqvFXO_nGdAB4W9dogZb_sM-uV4JbY",
            "auth": "_ordMnz7uTCmrpBTeUV4Bw"
        }
    })
}

/// A push service on loopback that accepts every message (201) and checks nothing: its base
/// URL. (tests/scenarios/push.rs has the one that verifies and decrypts.)
pub async fn accepting_push_service() -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("addr"));
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            tokio::spawn(async move {
                let mut buffer = [0u8; 8192];
                let _ = socket.read(&mut buffer).await;
                let _ = socket.write_all(b"HTTP/1.1 201 Created\r\ncontent-length: 0\r\nconnection: close\r\n\r\n").await;
            });
        }
    });
    base
}

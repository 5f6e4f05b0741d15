//! The demo nursery, created the way a real one is: an operator account (bootstrapped
//! directly, as a deployment does), then the setting, its manager, rooms and staff through
//! the API, each invitation accepted through the link in the email the emulator received.
//! Children and guardians too: linked, invited, accepted and agreed through the API.

use crate::provision::{sign_in, Stack};
use aws_sdk_cognitoidentityprovider as cognito;
use nestling_platform::records::{AccountStatus, EmailRecord, UserRecord};
use nestling_platform::store::to_item;
use serde::Deserialize;
use serde_json::{json, Value};

pub const DEMO_PASSWORD: &str = "Acorns-Demo-2026";

/// Creates an operator: a Cognito account in the `operators` group, recorded as operator in
/// the table (the table, not the group, is what Nestling trusts).
pub async fn create_operator(stack: &Stack, email: &str, password: &str) -> Result<String, String> {
    let sdk = Stack::sdk_config(&stack.endpoint);
    let (user_id, username) = create_account(stack, email, "Platform Operator", password).await?;
    cognito::Client::new(&sdk)
        .admin_add_user_to_group()
        .user_pool_id(&stack.user_pool_id)
        .username(&username)
        .group_name("operators")
        .send()
        .await
        .map_err(|e| format!("operator group: {}", cognito::error::DisplayErrorContext(e)))?;
    let user_id = nestling_domain::UserId::parse(&user_id).map_err(|e| format!("operator sub: {e}"))?;
    let mut user = UserRecord::new(&user_id, &username, email, "Platform Operator", AccountStatus::Active, now());
    user.operator = true;
    let mut email_record = EmailRecord::new(email, &user_id, &username);
    email_record.status = AccountStatus::Active;
    put_items(stack, vec![to_item(&user), to_item(&email_record)]).await?;
    Ok(user_id.to_string())
}

/// A Cognito account with a permanent password; answers (sub, username).
pub async fn create_account(stack: &Stack, email: &str, name: &str, password: &str) -> Result<(String, String), String> {
    let sdk = Stack::sdk_config(&stack.endpoint);
    let client = cognito::Client::new(&sdk);
    let attr = |n: &str, v: &str| cognito::types::AttributeType::builder().name(n).value(v).build().expect("set");
    let created = client
        .admin_create_user()
        .user_pool_id(&stack.user_pool_id)
        .username(email)
        .message_action(cognito::types::MessageActionType::Suppress)
        .user_attributes(attr("email", email))
        .user_attributes(attr("email_verified", "true"))
        .user_attributes(attr("name", name))
        .send()
        .await
        .map_err(|e| format!("create account: {}", cognito::error::DisplayErrorContext(e)))?;
    let user = created.user.ok_or("no user")?;
    let sub = user.attributes().iter().find(|a| a.name() == "sub").and_then(|a| a.value()).ok_or("no sub")?.to_string();
    let username = user.username.unwrap_or_else(|| email.to_string());
    client
        .admin_set_user_password()
        .user_pool_id(&stack.user_pool_id)
        .username(&username)
        .password(password)
        .permanent(true)
        .send()
        .await
        .map_err(|e| format!("set password: {}", cognito::error::DisplayErrorContext(e)))?;
    Ok((sub, username))
}

async fn put_items(stack: &Stack, items: Vec<nestling_platform::store::Item>) -> Result<(), String> {
    let client = aws_sdk_dynamodb::Client::new(&Stack::sdk_config(&stack.endpoint));
    for item in items {
        client
            .put_item()
            .table_name(&stack.table)
            .set_item(Some(serde_dynamo::Item::from(item).into()))
            .send()
            .await
            .map_err(|e| format!("put item: {}", aws_sdk_dynamodb::error::DisplayErrorContext(e)))?;
    }
    Ok(())
}

fn now() -> nestling_domain::Timestamp {
    nestling_domain::Timestamp::new(time::OffsetDateTime::now_utc())
}

/// An email as the emulator's SES accepted it.
#[derive(Debug, Clone, Deserialize)]
pub struct SentMail {
    /// Its position among every message the emulator accepted (see `sent_mail_since`).
    pub seq: u64,
    pub to: Vec<String>,
    pub subject: String,
    /// The HTML part when the message has one (moto keeps only that), else the text.
    pub body: String,
}

#[derive(Deserialize)]
struct MailPage {
    messages: Vec<SentMail>,
}

/// Every email the emulator's SES accepted for `to` (To, Cc or Bcc, ignoring case), oldest
/// first. Read from the project's emulator wrapper (`infra/local/moto_server.py`), which
/// answers only those messages: the cost is the mail asked for, not the emulator's state.
pub async fn sent_mail_to(endpoint: &str, to: &str) -> Result<Vec<SentMail>, String> {
    sent_mail_since(endpoint, Some(to), 0).await
}

/// The emails with `seq >= since`, to `to` when given, oldest first.
pub async fn sent_mail_since(endpoint: &str, to: Option<&str>, since: u64) -> Result<Vec<SentMail>, String> {
    let url = format!("{}/_nestling/mail", endpoint.trim_end_matches('/'));
    let mut query = vec![("since", since.to_string())];
    if let Some(to) = to {
        query.push(("to", to.to_string()));
    }
    let url = reqwest::Url::parse_with_params(&url, &query).map_err(|e| format!("sent mail: {e}"))?;
    let response = reqwest::get(url).await.map_err(|e| format!("sent mail: {e}"))?;
    if !response.status().is_success() {
        return Err(format!("sent mail: the emulator answered {} (is it infra/local/moto_server.py?)", response.status()));
    }
    Ok(response.json::<MailPage>().await.map_err(|e| format!("sent mail: {e}"))?.messages)
}

/// The invitation token in the newest invitation email sent to `to`.
pub async fn invitation_token(endpoint: &str, to: &str) -> Result<String, String> {
    let mails = sent_mail_to(endpoint, to).await?;
    mails
        .iter()
        .rev()
        .find_map(|m| {
            let start = m.body.find("/invitations/")? + "/invitations/".len();
            let token: String = m.body[start..].chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
            (!token.is_empty()).then_some(token)
        })
        .ok_or_else(|| format!("no invitation email for {to}"))
}

/// A tiny API client for seeding and tests.
#[derive(Clone)]
pub struct Api {
    pub base: String,
    pub http: reqwest::Client,
}

impl Api {
    pub fn new(base: &str) -> Self {
        // Redirects are answers to check (media downloads are 302s), not to follow.
        let http = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap_or_default();
        Self { base: base.trim_end_matches('/').to_string(), http }
    }
    pub async fn call(&self, method: &str, path: &str, token: Option<&str>, body: Option<Value>) -> Result<(u16, Value), String> {
        self.call_with(method, path, token, body, &[]).await
    }
    /// `call` with extra headers (If-Match, Idempotency-Key).
    pub async fn call_with(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
        headers: &[(&str, &str)],
    ) -> Result<(u16, Value), String> {
        let method = reqwest::Method::from_bytes(method.as_bytes()).map_err(|e| e.to_string())?;
        let mut request = self.http.request(method, format!("{}{}", self.base, path));
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        if let Some(t) = token {
            request = request.bearer_auth(t);
        }
        if let Some(b) = body {
            request = request.header("content-type", "application/json").body(b.to_string());
        }
        let response = request.send().await.map_err(|e| e.to_string())?;
        let status = response.status().as_u16();
        let text = response.text().await.map_err(|e| e.to_string())?;
        Ok((status, serde_json::from_str(&text).unwrap_or(Value::String(text))))
    }
    /// Asks for an upload and sends the bytes to the presigned POST, as a browser would.
    /// Answers the media id and the status S3 gave the upload.
    pub async fn upload(
        &self,
        setting_id: &str,
        token: &str,
        bytes: &[u8],
        content_type: &str,
        children: &[&str],
    ) -> Result<(String, u16), String> {
        let ticket = self
            .expect(
                201,
                "POST",
                &format!("/v1/settings/{setting_id}/media"),
                Some(token),
                Some(json!({
                    "contentType": content_type, "byteSize": bytes.len(), "children": children
                })),
            )
            .await?;
        let media_id = ticket["mediaId"].as_str().ok_or("no media id")?.to_string();
        let status = self.post_form(&ticket["upload"], bytes, content_type).await?;
        Ok((media_id, status))
    }

    /// Sends `bytes` to a presigned POST (`{url, fields}`) as multipart/form-data.
    pub async fn post_form(&self, upload: &Value, bytes: &[u8], content_type: &str) -> Result<u16, String> {
        let boundary = format!("nestling{}", uuid::Uuid::new_v4().simple());
        let mut body = Vec::new();
        for (name, value) in upload["fields"].as_object().ok_or("no fields")? {
            let value = value.as_str().unwrap_or_default();
            body.extend_from_slice(
                format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n").as_bytes(),
            );
        }
        body.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"upload\"\r\nContent-Type: {content_type}\r\n\r\n").as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
        let url = upload["url"].as_str().ok_or("no upload url")?;
        let response = self
            .http
            .post(url)
            .header("content-type", format!("multipart/form-data; boundary={boundary}"))
            .body(body)
            .send()
            .await
            .map_err(|e| e.to_string())?;
        Ok(response.status().as_u16())
    }

    pub async fn expect(&self, status: u16, method: &str, path: &str, token: Option<&str>, body: Option<Value>) -> Result<Value, String> {
        let (got, value) = self.call(method, path, token, body).await?;
        if got != status {
            return Err(format!("{method} {path}: expected {status}, got {got}: {value}"));
        }
        Ok(value)
    }
}

pub struct DemoLogin {
    pub role: &'static str,
    pub name: String,
    pub email: String,
    /// Staff and the operator sign in with an authenticator app too (rule 15): its secret.
    pub totp_secret: Option<String>,
}

/// Enrols an authenticator for the signed-in owner of `token` through the API, as the web
/// app's screen does (start, then a real code from the secret), and remembers the secret so
/// `sign_in` can answer the code challenge from then on. Answers the secret.
pub async fn enrol_totp(api: &Api, email: &str, token: &str) -> Result<String, String> {
    let started = api.expect(200, "POST", "/v1/me/mfa/totp", Some(token), None).await?;
    let secret = started["secretCode"].as_str().ok_or("no secret")?.to_string();
    let code = crate::totp::code_now(&secret).await.ok_or("the secret is not base32")?;
    api.expect(200, "POST", "/v1/me/mfa/totp/confirm", Some(token), Some(json!({ "code": code }))).await?;
    crate::provision::remember_totp(email, &secret);
    Ok(secret)
}

/// Seeds the demo nursery through the running gateway at `api`. `drain` delivers the outbox
/// so invitation emails reach the emulator.
pub async fn seed_demo<F, Fut>(stack: &Stack, api: &Api, mut drain: F) -> Result<(String, Vec<DemoLogin>), String>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<(), String>>,
{
    let mut logins = Vec::new();
    let operator_email = "operator@nestling.test";
    create_operator(stack, operator_email, DEMO_PASSWORD).await?;
    let operator = sign_in(stack, operator_email, DEMO_PASSWORD).await?.access_token;
    let secret = enrol_totp(api, operator_email, &operator).await?;
    logins.push(DemoLogin { role: "operator", name: "Platform Operator".into(), email: operator_email.into(), totp_secret: Some(secret) });

    let manager_email = "manager@acorns.test";
    let setting = api
        .expect(201, "POST", "/v1/settings", Some(&operator), Some(json!({
            "name": "Little Acorns Nursery",
            "timezone": "Europe/London",
            "agreementText": "I will keep what I see about other people's children private. I will not share photos or videos of any child except my own.",
            "manager": { "email": manager_email, "name": "Maya Manager" },
            // The nursery's premises, locally: this machine (rule 8).
            "networks": ["127.0.0.1/32", "::1/128"]
        })))
        .await?;
    let setting_id = setting["id"].as_str().ok_or("no setting id")?.to_string();
    drain().await?;
    accept(stack, api, manager_email).await?;
    let manager = sign_in(stack, manager_email, DEMO_PASSWORD).await?.access_token;
    let secret = enrol_totp(api, manager_email, &manager).await?;
    logins.push(DemoLogin { role: "manager", name: "Maya Manager".into(), email: manager_email.into(), totp_secret: Some(secret) });

    let mut rooms = Vec::new();
    for (name, band) in [("Acorns (babies)", "under-2"), ("Oaks (preschool)", "three-plus")] {
        let room = api
            .expect(
                201,
                "POST",
                &format!("/v1/settings/{setting_id}/rooms"),
                Some(&manager),
                Some(json!({ "name": name, "ageBand": band })),
            )
            .await?;
        rooms.push(room["id"].as_str().unwrap_or_default().to_string());
    }
    let mut practitioners = Vec::new();
    for (name, email, level) in [("Priya Patel", "priya@acorns.test", 3), ("Sam Taylor", "sam@acorns.test", 6)] {
        let staff = api
            .expect(
                201,
                "POST",
                &format!("/v1/settings/{setting_id}/staff"),
                Some(&manager),
                Some(json!({
                    "email": email, "name": name, "role": "practitioner", "qualificationLevel": level
                })),
            )
            .await?;
        practitioners.push(staff["userId"].as_str().unwrap_or_default().to_string());
        drain().await?;
        accept(stack, api, email).await?;
        let token = sign_in(stack, email, DEMO_PASSWORD).await?.access_token;
        let secret = enrol_totp(api, email, &token).await?;
        logins.push(DemoLogin { role: "practitioner", name: name.into(), email: email.into(), totp_secret: Some(secret) });
    }

    // Children, each with a key person, registered by the manager.
    let children = [
        ("Ava", "Brown", "2025-03-14", 0),
        ("Noah", "Brown", "2022-09-02", 1),
        ("Isla", "Khan", "2024-11-20", 0),
        ("Leo", "Okafor", "2022-05-30", 1),
        ("Mia", "Jones", "2025-06-01", 0),
        ("Oscar", "Jones", "2021-12-12", 1),
    ];
    let mut child_ids = Vec::new();
    for (i, (first, last, dob, room)) in children.iter().enumerate() {
        let child = api
            .expect(
                201,
                "POST",
                &format!("/v1/settings/{setting_id}/children"),
                Some(&manager),
                Some(json!({
                    "firstName": first, "lastName": last, "dateOfBirth": dob, "roomId": rooms[*room],
                    "keyPersonId": practitioners[i % 2],
                    "emergencyContacts": [{ "name": format!("Gran {last}"), "phone": "+44 7700 900123", "relationship": "grandmother" }],
                    "dietaryNotes": if i == 2 { "No nuts" } else { "None" }
                })),
            )
            .await?;
        child_ids.push(child["childId"].as_str().ok_or("no child id")?.to_string());
    }
    // Guardians linked by the manager; each accepts the emailed invitation, then (parents
    // only, so the demo shows both states) the acceptable-use agreement.
    let guardians = [
        ("Beth Brown", "beth@families.test", "mother", "parent", vec![0, 1], true),
        ("Hamza Khan", "hamza@families.test", "father", "parent", vec![2], true),
        ("Ngozi Okafor", "ngozi@families.test", "mother", "parent", vec![3], true),
        ("Chris Jones", "chris@families.test", "father", "parent", vec![4, 5], true),
        ("Joe Brown", "grandad@families.test", "grandfather", "family", vec![0], false),
    ];
    for (name, email, relationship, access, kids, accepts) in guardians {
        for k in kids {
            api.expect(
                201,
                "POST",
                &format!("/v1/settings/{setting_id}/children/{}/guardians", child_ids[k]),
                Some(&manager),
                Some(json!({
                    "email": email, "name": name, "relationship": relationship,
                    "parentalResponsibility": access == "parent", "access": access, "mayCollect": true
                })),
            )
            .await?;
        }
        drain().await?;
        accept(stack, api, email).await?;
        if accepts {
            let token = sign_in(stack, email, DEMO_PASSWORD).await?.access_token;
            let agreement = api.expect(200, "GET", &format!("/v1/settings/{setting_id}/agreement"), Some(&token), None).await?;
            api.expect(
                200,
                "POST",
                &format!("/v1/settings/{setting_id}/agreement/acceptances"),
                Some(&token),
                Some(json!({ "version": agreement["version"] })),
            )
            .await?;
        }
        logins.push(DemoLogin {
            role: if access == "parent" { "parent" } else { "family" },
            name: name.into(),
            email: email.into(),
            totp_secret: None,
        });
    }
    drain().await?;
    seed_journal(stack, api, &setting_id, &child_ids, &mut drain).await?;
    seed_day(stack, api, &setting_id, &rooms, &child_ids).await?;
    seed_incidents(stack, api, &setting_id, &child_ids).await?;
    seed_feed(stack, api, &setting_id, &rooms, &child_ids, &mut drain).await?;
    seed_messages(stack, api, &setting_id, &rooms, &child_ids).await?;
    drain().await?;
    seed_school(stack, api, &operator, &mut drain, &mut logins).await?;
    Ok((setting_id, logins))
}

/// A small school beside the nursery: Year 9 with its Learning Manager, tutor group 9RD of two
/// pupils, Maths 9x1, the school's point categories, a parent, and two points given.
async fn seed_school<F, Fut>(stack: &Stack, api: &Api, operator: &str, drain: &mut F, logins: &mut Vec<DemoLogin>) -> Result<(), String>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<(), String>>,
{
    let head_email = "head@preston.test";
    let school = api
        .expect(
            201,
            "POST",
            "/v1/settings",
            Some(operator),
            Some(json!({
                "name": "Preston Park School",
                "timezone": "Europe/London",
                "agreementText": "I will use the parent portal only for my own child and keep what I see private.",
                "manager": { "email": head_email, "name": "Helen Head" },
                "networks": ["127.0.0.1/32", "::1/128"],
                "kind": "school"
            })),
        )
        .await?;
    let school_id = school["id"].as_str().ok_or("no school id")?.to_string();
    drain().await?;
    accept(stack, api, head_email).await?;
    let head = sign_in(stack, head_email, DEMO_PASSWORD).await?.access_token;
    let secret = enrol_totp(api, head_email, &head).await?;
    logins.push(DemoLogin { role: "manager", name: "Helen Head".into(), email: head_email.into(), totp_secret: Some(secret) });
    let mut staff = Vec::new();
    for (name, email) in [("Tia Reed", "tia@preston.test"), ("Lee Grant", "lee@preston.test")] {
        let member = api
            .expect(
                201,
                "POST",
                &format!("/v1/settings/{school_id}/staff"),
                Some(&head),
                Some(json!({
                    "email": email, "name": name, "role": "practitioner", "qualificationLevel": 6
                })),
            )
            .await?;
        staff.push(member["userId"].as_str().unwrap_or_default().to_string());
        drain().await?;
        accept(stack, api, email).await?;
        let token = sign_in(stack, email, DEMO_PASSWORD).await?.access_token;
        let secret = enrol_totp(api, email, &token).await?;
        logins.push(DemoLogin { role: "practitioner", name: name.into(), email: email.into(), totp_secret: Some(secret) });
    }
    let form = api
        .expect(
            201,
            "POST",
            &format!("/v1/settings/{school_id}/rooms"),
            Some(&head),
            Some(json!({ "name": "9RD", "ageBand": "three-plus" })),
        )
        .await?;
    let form = form["id"].as_str().unwrap_or_default().to_string();
    let mut pupils = Vec::new();
    for (first, last, dob) in [("Zara", "Ali", "2012-02-11"), ("Tom", "Hughes", "2011-11-30")] {
        let pupil = api
            .expect(
                201,
                "POST",
                &format!("/v1/settings/{school_id}/children"),
                Some(&head),
                Some(json!({
                    "firstName": first, "lastName": last, "dateOfBirth": dob, "roomId": form, "keyPersonId": staff[0],
                    "emergencyContacts": [{ "name": "Sara Ali", "phone": "+44 7700 900456", "relationship": "mother" }],
                    "dietaryNotes": "None"
                })),
            )
            .await?;
        pupils.push(pupil["childId"].as_str().ok_or("no pupil id")?.to_string());
    }
    let parent_email = "sara@families.test";
    api.expect(201, "POST", &format!("/v1/settings/{school_id}/children/{}/guardians", pupils[0]), Some(&head), Some(json!({
        "email": parent_email, "name": "Sara Ali", "relationship": "mother", "parentalResponsibility": true, "access": "parent", "mayCollect": true
    })))
    .await?;
    drain().await?;
    accept(stack, api, parent_email).await?;
    let parent = sign_in(stack, parent_email, DEMO_PASSWORD).await?.access_token;
    let agreement = api.expect(200, "GET", &format!("/v1/settings/{school_id}/agreement"), Some(&parent), None).await?;
    api.expect(
        200,
        "POST",
        &format!("/v1/settings/{school_id}/agreement/acceptances"),
        Some(&parent),
        Some(json!({ "version": agreement["version"] })),
    )
    .await?;
    logins.push(DemoLogin { role: "parent", name: "Sara Ali".into(), email: parent_email.into(), totp_secret: None });
    let structure = json!({
        "yearGroups": [{ "yearGroupId": "y9", "name": "Year 9", "learningManagerId": staff[1],
            "tutorGroups": [{ "tutorGroupId": "9rd", "name": "9RD", "tutorId": staff[0], "pupils": pupils }] }],
        "teachingGroups": [
            { "teachingGroupId": "9x1-ma", "subject": "Maths", "name": "9x1", "teacherId": staff[0], "yearGroupId": "y9" },
            { "teachingGroupId": "9x1-sc", "subject": "Science", "name": "9x1", "teacherId": staff[1], "yearGroupId": "y9" }
        ],
        "pointCategories": {
            "achievement": ["Good homework", "Helping others", "Excellent effort"],
            "behaviour": ["Forgot equipment", "Late to lesson", "Disrupting learning"]
        }
    });
    api.call_with("PUT", &format!("/v1/settings/{school_id}/school"), Some(&head), Some(structure), &[("if-match", "0")])
        .await
        .and_then(|(status, body)| if status == 200 { Ok(()) } else { Err(format!("school-set: {status} {body}")) })?;
    let tia = sign_in(stack, "tia@preston.test", DEMO_PASSWORD).await?.access_token;
    for point in [
        json!({ "kind": "achievement", "category": "Good homework", "reason": "Fractions homework, every answer explained", "points": 2, "teachingGroupId": "9x1-ma" }),
        json!({ "kind": "behaviour", "category": "Forgot equipment", "reason": "No PE kit on Tuesday", "points": 1 }),
    ] {
        api.expect(201, "POST", &format!("/v1/settings/{school_id}/children/{}/points", pupils[0]), Some(&tia), Some(point)).await?;
    }
    seed_school_register(api, &school_id, &tia, &pupils).await
}

/// 9RD's register: the last school day's morning and afternoon (Tom's afternoon first marked
/// N, then amended to M when his mother rang about the dentist) and, on a school day, this
/// morning's (Tom late, before the register closed).
async fn seed_school_register(api: &Api, school_id: &str, tia: &str, pupils: &[String]) -> Result<(), String> {
    let today = nestling_domain::care::local(time::OffsetDateTime::now_utc(), "Europe/London").date();
    let weekday = |d: time::Date| !matches!(d.weekday(), time::Weekday::Saturday | time::Weekday::Sunday);
    let mut last = today.previous_day().ok_or("no yesterday")?;
    while !weekday(last) {
        last = last.previous_day().ok_or("no school day")?;
    }
    let path = format!("/v1/settings/{school_id}/school/registers/9rd");
    let (zara, tom) = (&pupils[0], &pupils[1]);
    let mut registers = vec![
        (last, "am", json!([{ "childId": zara, "code": "/", "version": 0 }, { "childId": tom, "code": "/", "version": 0 }])),
        (last, "pm", json!([{ "childId": zara, "code": "\\", "version": 0 }, { "childId": tom, "code": "N", "version": 0 }])),
        (last, "pm", json!([{ "childId": tom, "code": "M", "version": 1, "reason": "Mother rang: dentist appointment" }])),
    ];
    if weekday(today) {
        registers.push((
            today,
            "am",
            json!([{ "childId": zara, "code": "/", "version": 0 }, { "childId": tom, "code": "L", "version": 0 }]),
        ));
    }
    for (day, session, marks) in registers {
        api.expect(200, "POST", &path, Some(tia), Some(json!({ "date": day.to_string(), "session": session, "marks": marks }))).await?;
    }
    Ok(())
}

/// The news feed: a pinned welcome, a room's post with a group photo (Leo's family did not
/// consent, so other families see it as not shared) and an event asking for replies.
async fn seed_feed<F, Fut>(
    stack: &Stack,
    api: &Api,
    setting_id: &str,
    rooms: &[String],
    children: &[String],
    drain: &mut F,
) -> Result<(), String>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<(), String>>,
{
    let token = |email: &'static str| async move { sign_in(stack, email, DEMO_PASSWORD).await.map(|t| t.access_token) };
    let manager = token("manager@acorns.test").await?;
    let sam = token("sam@acorns.test").await?;
    let posts = format!("/v1/settings/{setting_id}/posts");
    api.expect(
        201,
        "POST",
        &posts,
        Some(&manager),
        Some(json!({
            "text": "Welcome to Little Acorns' news feed: menus, reminders and the best moments of the week will be posted here.",
            "pinned": true
        })),
    )
    .await?;
    let tagged = [children[1].as_str(), children[3].as_str(), children[5].as_str()];
    let (photo, status) = api.upload(setting_id, &sam, &demo_photo(800, 600, [90, 160, 70]), "image/jpeg", &tagged).await?;
    if !(200..300).contains(&status) {
        return Err(format!("S3 refused the demo upload: {status}"));
    }
    drain().await?;
    api.expect(
        201,
        "POST",
        &posts,
        Some(&sam),
        Some(json!({
            "text": "The Oaks planted bulbs in the garden this morning: ask your child what colour the flowers will be!",
            "rooms": [rooms[1]], "mediaIds": [photo]
        })),
    )
    .await?;
    let today = nestling_domain::care::local(time::OffsetDateTime::now_utc(), "Europe/London").date();
    let day = |days: i64| (today + time::Duration::days(days)).to_string();
    api.expect(
        201,
        "POST",
        &posts,
        Some(&manager),
        Some(json!({
            "text": "Our winter concert: every room sings a song, then mince pies and squash in the hall.",
            "event": { "title": "Winter concert", "date": day(14), "startsAt": "14:00", "endsAt": "15:00", "place": "The hall",
                       "bring": "A warm hat for the outdoor song", "capacity": 40, "replyBy": day(10) }
        })),
    )
    .await?;
    Ok(())
}

/// Messages: the nursery's opening hours (families' evening messages reach staff's email at
/// opening) with read receipts both ways, Beth asking Ava's key person about her nap and
/// Priya's answer, and a letter to the Oaks' families.
async fn seed_messages(stack: &Stack, api: &Api, setting_id: &str, rooms: &[String], children: &[String]) -> Result<(), String> {
    let token = |email: &'static str| async move { sign_in(stack, email, DEMO_PASSWORD).await.map(|t| t.access_token) };
    let manager = token("manager@acorns.test").await?;
    let priya = token("priya@acorns.test").await?;
    let beth = token("beth@families.test").await?;
    api.expect(
        200,
        "PUT",
        &format!("/v1/settings/{setting_id}/messaging-policy"),
        Some(&manager),
        Some(json!({
            "staffSeeRead": true, "familiesSeeRead": true,
            "openingHours": { "opens": "07:30", "closes": "18:00", "days": [1, 2, 3, 4, 5] }
        })),
    )
    .await?;
    let started = api
        .expect(
            201,
            "POST",
            &format!("/v1/settings/{setting_id}/children/{}/threads", children[0]),
            Some(&beth),
            Some(json!({
                "subject": "Ava's afternoon nap",
                "text": "Ava was up in the night with a new tooth: could she have a longer nap after lunch today?",
                "to": "key-person"
            })),
        )
        .await?;
    let thread = started["threads"][0]["threadId"].as_str().ok_or("no thread id")?.to_string();
    api.expect(
        201,
        "POST",
        &format!("/v1/settings/{setting_id}/threads/{thread}/messages"),
        Some(&priya),
        Some(json!({ "text": "Of course. We'll let her sleep until she wakes and note it in her diary." })),
    )
    .await?;
    api.expect(
        201,
        "POST",
        &format!("/v1/settings/{setting_id}/broadcasts"),
        Some(&manager),
        Some(json!({
            "subject": "Forest school on Thursday",
            "text": "The Oaks go to the woods on Thursday morning: please send wellies and a waterproof, labelled with your child's name.",
            "roomId": rooms[1]
        })),
    )
    .await?;
    Ok(())
}

/// An open fault reported by a practitioner, and a small breach in the register (a letter in
/// the wrong bag, returned unopened: recorded, judged not reportable to the ICO).
async fn seed_incidents(stack: &Stack, api: &Api, setting_id: &str, children: &[String]) -> Result<(), String> {
    let sam = sign_in(stack, "sam@acorns.test", DEMO_PASSWORD).await?.access_token;
    let manager = sign_in(stack, "manager@acorns.test", DEMO_PASSWORD).await?.access_token;
    api.expect(
        201,
        "POST",
        &format!("/v1/settings/{setting_id}/faults"),
        Some(&sam),
        Some(json!({
            "description": "The Willows tablet signed me out twice during the morning register.", "privacyAffected": false
        })),
    )
    .await?;
    let discovered = time::OffsetDateTime::now_utc() - time::Duration::hours(20);
    api.expect(
        201,
        "POST",
        &format!("/v1/settings/{setting_id}/breaches"),
        Some(&manager),
        Some(json!({
            "description": "A letter about Leo's funded hours was put in Noah's bag. Noah's mother returned it unopened the next morning.",
            "discoveredAt": nestling_platform::app::rfc3339(discovered), "category": "wrong-recipient", "affectedChildIds": [children[3]],
            "risk": "low", "reportable": false
        })),
    )
    .await?;
    Ok(())
}

/// Today so far: staff clocked in to their rooms, children signed in, one collected by his
/// mother, one absence reported by a parent, an authorised collector on Ava's list, Ava's
/// diary and an accident waiting for review.
async fn seed_day(stack: &Stack, api: &Api, setting_id: &str, rooms: &[String], children: &[String]) -> Result<(), String> {
    let token = |email: &'static str| async move { sign_in(stack, email, DEMO_PASSWORD).await.map(|t| t.access_token) };
    let priya = token("priya@acorns.test").await?;
    let sam = token("sam@acorns.test").await?;
    let beth = token("beth@families.test").await?;
    let chris = token("chris@families.test").await?;
    api.expect(
        200,
        "PUT",
        &format!("/v1/settings/{setting_id}/children/{}/collectors", children[0]),
        Some(&beth),
        Some(json!({
            "collectors": [{ "name": "Gran Brown", "relationship": "grandmother", "password": "acorn-pie" }]
        })),
    )
    .await?;
    // Adults first, so no room is ever out of ratio.
    for (who, room) in [(&priya, &rooms[0]), (&sam, &rooms[1])] {
        api.expect(
            200,
            "POST",
            &format!("/v1/settings/{setting_id}/staff/me/clock"),
            Some(who),
            Some(json!({ "action": "in", "roomId": room })),
        )
        .await?;
    }
    let today = nestling_domain::care::local(time::OffsetDateTime::now_utc(), "Europe/London").date().to_string();
    api.expect(
        201,
        "POST",
        &format!("/v1/settings/{setting_id}/children/{}/absences", children[4]),
        Some(&chris),
        Some(json!({
            "from": today, "to": today, "reason": "A cold; back tomorrow."
        })),
    )
    .await?;
    for (i, child) in children.iter().enumerate() {
        if i == 4 {
            continue;
        }
        let staff = if i % 2 == 0 { &priya } else { &sam };
        api.expect(
            201,
            "POST",
            &format!("/v1/settings/{setting_id}/children/{child}/attendance"),
            Some(staff),
            Some(json!({ "mark": "sign-in" })),
        )
        .await?;
    }
    // Ava's diary so far, and a bumped knee waiting for the manager's review.
    let diary = format!("/v1/settings/{setting_id}/children/{}/diary", children[0]);
    for line in [
        json!({ "kind": "meal", "what": "Porridge with banana", "amount": "most" }),
        json!({ "kind": "nappy", "wet": true, "soiled": false, "cream": false }),
        json!({ "kind": "activity", "text": "Sang 'Twinkle Twinkle' with the group and shook the bells." }),
    ] {
        api.expect(201, "POST", &diary, Some(&priya), Some(line)).await?;
    }
    api.expect(
        201,
        "POST",
        &format!("/v1/settings/{setting_id}/children/{}/accidents", children[3]),
        Some(&sam),
        Some(json!({
            "place": "Garden, by the sandpit", "whatHappened": "Leo tripped over a spade while running and fell on the path.",
            "injury": "Small graze on the right knee", "firstAid": "Washed with water; plaster applied; comforted.",
            "witnesses": ["Sam Taylor"], "serious": false
        })),
    )
    .await?;
    let beth_id = api.expect(200, "GET", "/v1/me", Some(&beth), None).await?["userId"].as_str().unwrap_or_default().to_string();
    api.expect(
        201,
        "POST",
        &format!("/v1/settings/{setting_id}/children/{}/attendance", children[1]),
        Some(&sam),
        Some(json!({
            "mark": "sign-out", "collectedBy": { "guardianId": beth_id }
        })),
    )
    .await?;
    Ok(())
}

/// A journal with photos: a photo of one child, a group photo in the Oaks room whose families
/// made different consent choices (so the "photo not shared" placeholder shows), comments.
async fn seed_journal<F, Fut>(stack: &Stack, api: &Api, setting_id: &str, children: &[String], drain: &mut F) -> Result<(), String>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<(), String>>,
{
    let token = |email: &'static str| async move { sign_in(stack, email, DEMO_PASSWORD).await.map(|t| t.access_token) };
    let priya = token("priya@acorns.test").await?;
    let sam = token("sam@acorns.test").await?;
    // Consents: Noah's and Oscar's families agree to group photos, Leo's does not.
    for (email, child, photos) in [("beth@families.test", 1, true), ("ngozi@families.test", 3, false), ("chris@families.test", 5, true)] {
        api.expect(
            200,
            "PUT",
            &format!("/v1/settings/{setting_id}/children/{}/consents", children[child]),
            Some(&token(email).await?),
            Some(json!({
                "photosInOtherJournals": photos, "remoteStaffAccess": false
            })),
        )
        .await?;
    }
    let upload = |token: String, picture: Vec<u8>, tagged: Vec<String>| async move {
        let tagged: Vec<&str> = tagged.iter().map(String::as_str).collect();
        let (media_id, status) = api.upload(setting_id, &token, &picture, "image/jpeg", &tagged).await?;
        if !(200..300).contains(&status) {
            return Err(format!("S3 refused the demo upload: {status}"));
        }
        Ok::<String, String>(media_id)
    };
    let blocks = upload(priya.clone(), demo_photo(640, 480, [200, 120, 60]), vec![children[0].clone()]).await?;
    let den = upload(sam.clone(), demo_photo(800, 600, [60, 140, 90]), vec![children[1].clone(), children[3].clone(), children[5].clone()])
        .await?;
    drain().await?;
    let first = api
        .expect(201, "POST", &format!("/v1/settings/{setting_id}/observations"), Some(&priya), Some(json!({
            "text": "Ava stacked five blocks into a tower, then knocked it down and laughed. She tried again and counted \"one, two\" as she built.",
            "children": [children[0]], "mediaIds": [blocks],
            "areas": ["physical-development", "mathematics"],
            "nextSteps": "Offer larger blocks and count together to three."
        })))
        .await?;
    api.expect(201, "POST", &format!("/v1/settings/{setting_id}/observations"), Some(&sam), Some(json!({
        "text": "Noah, Leo and Oscar built a den from crates and blankets. They agreed who would hold the roof and took turns going inside.",
        "children": [children[1], children[3], children[5]], "mediaIds": [den],
        "areas": ["personal-social-and-emotional-development", "communication-and-language", "expressive-arts-and-design"]
    })))
    .await?;
    let id = first["observationId"].as_str().ok_or("no observation id")?;
    let beth = token("beth@families.test").await?;
    let comment = api
        .expect(
            201,
            "POST",
            &format!("/v1/settings/{setting_id}/observations/{id}/comments"),
            Some(&beth),
            Some(json!({ "text": "She built a tower at home too!" })),
        )
        .await?;
    api.expect(
        201,
        "POST",
        &format!("/v1/settings/{setting_id}/observations/{id}/comments"),
        Some(&priya),
        Some(json!({
            "text": "Wonderful, thank you for telling us.", "replyTo": comment["commentId"]
        })),
    )
    .await?;
    // A parent's contribution waiting in the staff queue.
    let hamza = token("hamza@families.test").await?;
    api.expect(
        201,
        "POST",
        &format!("/v1/settings/{setting_id}/children/{}/contributions", children[2]),
        Some(&hamza),
        Some(json!({
            "text": "Isla helped make pancakes this weekend and counted the eggs."
        })),
    )
    .await?;
    drain().await
}

/// A simple picture for the demo: a coloured sky, a sun and some ground.
fn demo_photo(width: u32, height: u32, ground: [u8; 3]) -> Vec<u8> {
    let picture = image::RgbImage::from_fn(width, height, |x, y| {
        let (cx, cy) = (width as i64 * 3 / 4, height as i64 / 4);
        let (dx, dy) = (x as i64 - cx, y as i64 - cy);
        if dx * dx + dy * dy < (height as i64 / 8).pow(2) {
            image::Rgb([250, 210, 60])
        } else if y > height * 2 / 3 {
            image::Rgb(ground)
        } else {
            image::Rgb([120, 170u8.saturating_add((y / 8) as u8), 230])
        }
    });
    let mut out = Vec::new();
    let _ = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85).encode_image(&picture);
    out
}

async fn accept(stack: &Stack, api: &Api, email: &str) -> Result<(), String> {
    let token = invitation_token(&stack.endpoint, email).await?;
    api.expect(200, "POST", &format!("/v1/invitations/{token}/accept"), None, Some(json!({ "password": DEMO_PASSWORD }))).await.map(|_| ())
}

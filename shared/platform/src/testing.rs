//! A setting in memory for unit tests of use cases (the `testing` feature): the app on the
//! in-memory table, the records a setting starts with, people in each role, children, and
//! requests shaped as API Gateway hands them to a function. No emulator, no network: a use
//! case's rules (who may, what is written, what conflicts) are checked in milliseconds.

use crate::app::{App, Config};
use crate::records::{
    AccountStatus, AgreementRecord, ChildRecord, EmailRecord, GuardianLinkRecord, ManagerContact, ManagersRecord, MemberRecord, NewMember,
    RoomRecord, RosterRecord, RosterRoom, SettingRecord, UserRecord,
};
use crate::store::{from_item, to_item, Item, Key};
use crate::table::memory::MemoryTable;
use lambda_http::{Body, Request, Response};
use nestling_domain::{AgeBand, ChildId, GuardianAccess, Id, MembershipStatus, Role, RoomId, SettingId, UserId};
use serde::de::DeserializeOwned;
use serde_json::{json, Value};
use std::future::Future;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

/// Someone the tests act as.
#[derive(Debug, Clone)]
pub struct Person {
    pub user_id: UserId,
    pub name: String,
    pub email: String,
}

/// One setting ("Bluebell Nursery") with its agreement at version 1, a manager, and whatever
/// a test adds.
pub struct World {
    pub app: Arc<App>,
    pub table: MemoryTable,
    pub setting_id: SettingId,
    pub manager: Person,
    next: AtomicUsize,
}

pub fn test_config() -> Config {
    Config {
        table_name: "memory".into(),
        user_pool_id: "eu-west-2_memory".into(),
        app_client_id: "memory".into(),
        mail_from: "nestling@example.test".into(),
        app_url: "https://app.example.test".into(),
        ses_configuration_set: None,
        media_bucket: "memory-media".into(),
        vapid_public_key: None,
        vapid_key_parameter: None,
        push_hosts: crate::push::PushHosts::parse(""),
    }
}

impl Default for World {
    fn default() -> Self {
        Self::new()
    }
}

impl World {
    pub fn new() -> Self {
        Self::with_config(test_config())
    }

    /// A world whose app runs with `config` (push keys, allow-lists).
    pub fn with_config(config: Config) -> Self {
        let (app, table) = App::in_memory(config);
        let setting_id = SettingId::parse("bluebell").expect("an id");
        let now = app.clock.timestamp();
        let setting: SettingRecord = serde_json::from_value(json!({
            "PK": crate::store::keys::setting(&setting_id), "SK": crate::store::keys::SETTING_META, "kind": "setting",
            "settingId": setting_id, "name": "Bluebell Nursery", "timezone": "Europe/London", "agreementVersion": 1,
            // Requests in tests come from 127.0.0.1: on the premises.
            "networks": ["127.0.0.1/32"],
            "createdAt": now, "createdBy": "operator", "version": 1,
        }))
        .expect("a setting record");
        table.insert(to_item(&setting));
        let operator = UserId::parse("operator").expect("an id");
        for agreement in AgreementRecord::new(&setting_id, 1, "We look after your child's data.", &operator, now) {
            table.insert(to_item(&agreement));
        }
        table.insert(to_item(&RosterRecord::empty(&setting_id)));
        table.insert(to_item(&ManagersRecord::empty(&setting_id)));
        let mut world = World {
            app: Arc::new(app),
            table,
            setting_id,
            manager: Person { user_id: operator, name: String::new(), email: String::new() },
            next: AtomicUsize::new(1),
        };
        world.manager = world.member(Role::Manager);
        world
    }

    /// A new id of any type: `what` and a number, so tests read which is which.
    fn id<T: Id>(&self, what: &str) -> T {
        T::parse(&format!("{what}{}", self.next.fetch_add(1, Ordering::Relaxed))).expect("an id")
    }

    /// An active member in `role` (managers join the managers' list; parents and family have
    /// accepted the agreement and are linked to no child yet).
    pub fn member(&self, role: Role) -> Person {
        let user_id: UserId = self.id(role.as_str());
        let name = format!("{} {}", role.as_str(), &user_id.as_str()[role.as_str().len()..]);
        let email = format!("{user_id}@example.test");
        let now = self.app.clock.timestamp();
        let mut user = UserRecord::new(&user_id, user_id.as_str(), &email, &name, AccountStatus::Active, now);
        // Staff have enrolled an authenticator (rule 15), as every real member of staff has.
        if role.is_staff() {
            user.mfa = Some(crate::records::MfaRecord { method: "totp".into(), enrolled_at: now });
        }
        self.table.insert(to_item(&user));
        let mut address = EmailRecord::new(&email, &user_id, user_id.as_str());
        address.status = AccountStatus::Active;
        self.table.insert(to_item(&address));
        let mut member = MemberRecord::new(
            NewMember {
                setting_id: &self.setting_id,
                setting_name: "Bluebell Nursery",
                user_id: &user_id,
                email: &email,
                name: &name,
                role,
                status: MembershipStatus::Active,
                qualification_level: role.is_staff().then_some(3),
                invited_by: &UserId::parse("operator").expect("an id"),
            },
            now,
        );
        if !role.is_staff() {
            member.accepted_agreement_version = Some(1);
            member.accepted_agreement_at = Some(now);
        }
        self.table.insert(to_item(&member));
        if role == Role::Manager {
            let mut managers: ManagersRecord = self.get(&ManagersRecord::key(&self.setting_id)).expect("managers");
            managers.managers.insert(user_id.clone(), ManagerContact { name: name.clone(), email: email.clone() });
            self.table.insert(to_item(&managers));
        }
        Person { user_id, name, email }
    }

    /// A room, on the roster as the room-creating use case writes it.
    pub fn room(&self, name: &str, age_band: AgeBand) -> RoomId {
        let room_id: RoomId = self.id("room");
        let room = RoomRecord {
            pk: crate::store::keys::setting(&self.setting_id),
            sk: crate::store::keys::room(&room_id),
            kind: "room".into(),
            setting_id: self.setting_id.clone(),
            room_id: room_id.clone(),
            name: name.into(),
            age_band,
            created_at: self.app.clock.timestamp(),
            created_by: self.manager.user_id.clone(),
            version: 1,
        };
        let mut roster: RosterRecord = self.get(&RosterRecord::key(&self.setting_id)).expect("roster");
        roster.rooms.insert(room_id.clone(), RosterRoom { name: name.into(), age_band });
        self.table.insert(to_item(&roster));
        self.table.insert(to_item(&room));
        room_id
    }

    /// A child in room `room_id` with `key_person` as key person, on the roster.
    pub fn child(&self, first_name: &str, room_id: &RoomId, key_person: &Person) -> ChildId {
        let child_id: ChildId = self.id("child");
        let now = self.app.clock.timestamp();
        let child: ChildRecord = serde_json::from_value(json!({
            "PK": crate::store::keys::setting(&self.setting_id), "SK": crate::store::keys::child(&child_id), "kind": "child",
            "settingId": self.setting_id, "childId": child_id, "firstName": first_name, "lastName": "Test",
            "dateOfBirth": "2023-04-01", "roomId": room_id, "keyPersonId": key_person.user_id, "keyPersonName": key_person.name,
            "createdAt": now, "createdBy": self.manager.user_id, "updatedAt": now, "version": 1,
        }))
        .expect("a child record");
        let mut roster: RosterRecord = self.get(&RosterRecord::key(&self.setting_id)).expect("roster");
        roster.children.insert(child_id.clone(), child.summary());
        self.table.insert(to_item(&roster));
        self.table.insert(to_item(&child));
        child_id
    }

    /// A parent (or family member, by `access`) linked to the child, agreement accepted.
    pub fn guardian_of(&self, child_id: &ChildId, access: GuardianAccess) -> Person {
        let person = self.member(if access == GuardianAccess::Parent { Role::Parent } else { Role::Family });
        let key = MemberRecord::key(&self.setting_id, &person.user_id);
        let mut member: MemberRecord = self.get(&key).expect("member");
        member.linked_children.push(child_id.clone());
        self.table.insert(to_item(&member));
        let mut child: ChildRecord = self.get(&ChildRecord::key(&self.setting_id, child_id)).expect("child");
        child.guardians.insert(
            person.user_id.clone(),
            GuardianLinkRecord {
                user_id: person.user_id.clone(),
                name: person.name.clone(),
                email: person.email.clone(),
                relationship: "Parent".into(),
                parental_responsibility: access == GuardianAccess::Parent,
                access,
                may_collect: true,
                linked_by: self.manager.user_id.clone(),
                linked_at: self.app.clock.timestamp(),
                accepted_agreement_version: Some(1),
                revoked_at: None,
                revoked_by: None,
                revoked_reason: None,
                revoked_note: None,
                household: None,
            },
        );
        self.table.insert(to_item(&child));
        person
    }

    /// A device paired to the setting with `person`'s session of `mode` open on it: the headers
    /// its requests carry (the device's credential, the session's token).
    pub fn on_device(&self, person: &Person, mode: nestling_domain::devices::DeviceMode) -> Vec<(String, String)> {
        use crate::invitations::hash_token;
        use crate::records::{DeviceRecord, DeviceSessionRecord};
        let device_id: String = self.id::<UserId>("device").as_str().to_string();
        let now = self.app.clock.now();
        let key = DeviceRecord::key(&self.setting_id, &device_id);
        let device = DeviceRecord {
            pk: key.pk,
            sk: key.sk,
            kind: "device".into(),
            setting_id: self.setting_id.clone(),
            device_id: device_id.clone(),
            name: "Robins tablet".into(),
            secret_hash: hash_token("device-secret"),
            status: nestling_domain::devices::DeviceStatus::Paired,
            paired_by: self.manager.user_id.clone(),
            paired_at: self.app.clock.timestamp(),
            paired_from: Some("127.0.0.1".into()),
            unpaired: None,
            version: 1,
        };
        self.table.insert(to_item(&device));
        let key = DeviceSessionRecord::key(&self.setting_id, &device_id);
        let session = DeviceSessionRecord {
            pk: key.pk,
            sk: key.sk,
            kind: "device-session".into(),
            device_id: device_id.clone(),
            user_id: person.user_id.clone(),
            name: person.name.clone(),
            mode,
            token_hash: hash_token("session-secret"),
            started_at: self.app.clock.timestamp(),
            last_seen: now.unix_timestamp(),
            expires_at: now.unix_timestamp() + 86_400,
        };
        self.table.insert(to_item(&session));
        vec![
            ("authorization".into(), format!("Device {}.{device_id}.device-secret", self.setting_id)),
            ("x-device-session".into(), format!("{}.session-secret", person.user_id)),
        ]
    }

    /// `request_with` for a request through a device (`on_device`'s headers) with more headers.
    pub fn device_request(&self, device: &[(String, String)], method: &str, path: &str, body: Option<&Value>) -> Request {
        let headers: Vec<(&str, &str)> = device.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
        self.request_with(None, method, path, body, &headers)
    }

    /// A stored record, read straight from the table.
    pub fn get<T: DeserializeOwned>(&self, key: &Key) -> Option<T> {
        self.table.items().into_iter().find(|i| Key::of(i).as_ref() == Some(key)).map(|i| from_item(i).expect("a record of this type"))
    }

    /// Every stored item of a kind (`audit`, `outbox`, ...).
    pub fn items_of_kind(&self, kind: &str) -> Vec<Item> {
        self.table.items().into_iter().filter(|i| crate::store::text_of(i, "kind") == Some(kind)).collect()
    }

    /// The request API Gateway would hand the function for `method path` from `who` (None:
    /// no token), on the setting's premises.
    pub fn request(&self, who: Option<&Person>, method: &str, path: &str, body: Option<&Value>) -> Request {
        self.request_with(who, method, path, body, &[])
    }

    /// `request` with extra headers (If-Match, Idempotency-Key).
    pub fn request_with(&self, who: Option<&Person>, method: &str, path: &str, body: Option<&Value>, headers: &[(&str, &str)]) -> Request {
        let (function, params) = nestling_domain::routes::route(method, path.split('?').next().unwrap_or(path))
            .unwrap_or_else(|| panic!("no route for {method} {path}"));
        let (_, pattern, _) = function.http().expect("an HTTP route");
        let mut builder = http::Request::builder().method(method).uri(path);
        if body.is_some() {
            builder = builder.header("content-type", "application/json");
        }
        for (name, value) in headers {
            builder = builder.header(*name, *value);
        }
        let (parts, ()) = builder.body(()).expect("a request").into_parts();
        let claims = who.map(|p| {
            let claims = json!({ "sub": p.user_id, "token_use": "access", "scope": "aws.cognito.signin.user.admin" });
            claims.as_object().cloned().unwrap_or_default()
        });
        let bytes = body.map(Value::to_string).unwrap_or_default();
        let event = crate::gateway_event::build_event(
            &parts,
            bytes.as_bytes(),
            method,
            pattern,
            &params,
            claims.as_ref(),
            "127.0.0.1:1".parse().expect("an address"),
        );
        lambda_http::request::from_str(&event.to_string()).expect("an API Gateway event")
    }

    /// Calls a handler and answers its status and JSON body (Null when empty).
    pub async fn call<F, Fut>(&self, handler: F, request: Request) -> (u16, Value)
    where
        F: FnOnce(Arc<App>, Request) -> Fut,
        Fut: Future<Output = Response<Body>>,
    {
        let response = handler(self.app.clone(), request).await;
        let status = response.status().as_u16();
        let body = match response.body() {
            Body::Text(text) => serde_json::from_str(text).unwrap_or(Value::String(text.clone())),
            Body::Binary(bytes) => serde_json::from_slice(bytes).unwrap_or(Value::Null),
            _ => Value::Null,
        };
        (status, body)
    }

    /// Grows a list past its bound (`nestling_domain::bounds`): `call(n)` builds the n-th
    /// request, which must answer `ok` for n below `bound`; the one after must answer 422
    /// `limit-reached` and write nothing.
    pub async fn grow_past_bound<F, Fut>(&self, bound: usize, ok: u16, mut call: impl FnMut(usize) -> (F, Request))
    where
        F: FnOnce(Arc<App>, Request) -> Fut,
        Fut: Future<Output = Response<Body>>,
    {
        for n in 0..=bound {
            let (handler, request) = call(n);
            let before = self.table.items();
            let (status, answer) = self.call(handler, request).await;
            if n < bound {
                assert_eq!(status, ok, "call {n} of {bound}: {answer}");
                continue;
            }
            let slug = answer["type"].as_str().and_then(|t| t.rsplit('/').next()).unwrap_or_default().to_string();
            assert_eq!((status, slug.as_str()), (422, "limit-reached"), "past the bound of {bound}: {answer}");
            assert_eq!(self.table.items(), before, "the refusal wrote nothing");
        }
    }
}

//! People on the setting's paired devices. Each person sets a PIN for the setting from their
//! own account and is given a number to type before it; on a paired device they open a session
//! of one mode with number and PIN: staff at the register, a guardian at the kiosk, a parent
//! reading their children's journal. The session ends after the mode's idle minutes, when they
//! end it, or when the next person starts one. Five wrong PINs in a row lock the PIN until its
//! owner sets a new one; a device that is given 20 wrong PINs in an hour stops checking them.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use lambda_http::{Body, Request, Response};
use nestling_domain::access::{decide, Decision};
use nestling_domain::devices::{DeviceMode, DeviceNumber, DeviceSessionToken, Pin, PIN_FAILURES_TO_LOCK};
use nestling_domain::{Action, ChildId, SettingId, Timestamp};
use nestling_platform::access::{authorize, principal_of};
use nestling_platform::device_access::{authenticate_device_with, session_ended, DeviceCaller};
use nestling_platform::http::{self, ApiResult, Problem};
use nestling_platform::invitations::{hash_token, new_token};
use nestling_platform::rates::Rate;
use nestling_platform::records::{ChildRecord, DayRecord, DeviceSessionRecord, MemberRecord, PinOwnerRecord, PinRecord, UserRecord};
use nestling_platform::store::{from_item, to_item, Condition, StoreError};
use nestling_platform::writes::{self, Actor, AuditAction};
use nestling_platform::{App, Audit, Commit};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

nestling_platform::problems! {
    pub enum DeviceSessionProblem {
        PinWrong => (401, "pin-wrong", "That number and PIN do not match"),
        PinLocked => (403, "pin-locked", "This PIN is locked after too many wrong tries; set a new one from your own account"),
        ModeNotAllowed => (403, "device-mode-not-allowed", "You may not use the setting's devices this way"),
    }
}

fn hash_pin(pin: &Pin) -> ApiResult<String> {
    let salt = SaltString::encode_b64(uuid::Uuid::new_v4().as_bytes()).map_err(|e| Problem::internal("salt", e))?;
    Argon2::default().hash_password(pin.as_str().as_bytes(), &salt).map(|h| h.to_string()).map_err(|e| Problem::internal("hash", e))
}

fn pin_matches(hash: &str, given: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|parsed| Argon2::default().verify_password(given.as_bytes(), &parsed).is_ok())
}

/// A person's PIN for the setting's devices, as they see it on their account.
#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct DevicePinView {
    /// Typed before the PIN on a device; none until a PIN is set.
    #[schema(value_type = Option<String>)]
    pub number: Option<DeviceNumber>,
    /// Five wrong PINs in a row locked it: set a new one.
    pub locked: bool,
    #[schema(value_type = Option<String>, format = DateTime)]
    pub set_at: Option<Timestamp>,
}

/// GET /v1/settings/{settingId}/device-pin: the caller's own number, and whether their PIN is
/// locked.
pub async fn get_device_pin(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("device-pin-get", req, |req| async move {
        let setting_id = http::path_id::<SettingId>(&req, "settingId")?;
        let caller = http::caller(&req)?;
        let owner_key = PinOwnerRecord::key(&setting_id, &caller.user_id);
        let auth =
            authorize(&app, &req, "device-pin-get", Some(&setting_id), Action::SetDevicePin, std::slice::from_ref(&owner_key)).await?;
        let pin = match auth.record::<PinOwnerRecord>(&owner_key)? {
            Some(owner) => app.store().get_as::<PinRecord>(&PinRecord::key(&setting_id, owner.number)).await?,
            None => None,
        };
        let pin = pin.filter(|p| p.user_id == auth.caller.user_id);
        Ok(auth.tag(http::ok(&DevicePinView {
            number: pin.as_ref().map(|p| p.number),
            locked: pin.as_ref().is_some_and(|p| p.locked_at.is_some()),
            set_at: pin.as_ref().map(|p| p.set_at),
        })))
    })
    .await
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NewPin {
    /// 4 to 8 digits, not one digit repeated nor a run like 1234.
    #[schema(value_type = String, format = Password)]
    pub pin: String,
}

/// PUT /v1/settings/{settingId}/device-pin: sets the caller's PIN (unlocking a locked one),
/// drawing their number the first time.
pub async fn set_device_pin(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("device-pin-set", req, |req| async move {
        let setting_id = http::path_id::<SettingId>(&req, "settingId")?;
        let caller = http::caller(&req)?;
        let owner_key = PinOwnerRecord::key(&setting_id, &caller.user_id);
        let auth =
            authorize(&app, &req, "device-pin-set", Some(&setting_id), Action::SetDevicePin, std::slice::from_ref(&owner_key)).await?;
        let body: NewPin = http::json_body(&req)?;
        let pin = Pin::parse(&body.pin).map_err(|e| Problem::invalid(e.to_string()))?;
        let pin_hash = hash_pin(&pin)?;
        let owner = auth.record::<PinOwnerRecord>(&owner_key)?;
        let user_id = auth.caller.user_id.clone();
        let set_at = Timestamp::new(auth.now);
        let record = |number: DeviceNumber| PinRecord {
            pk: PinRecord::key(&setting_id, number).pk,
            sk: PinRecord::key(&setting_id, number).sk,
            kind: "device-pin".into(),
            setting_id: setting_id.clone(),
            number,
            user_id: user_id.clone(),
            pin_hash: pin_hash.clone(),
            failures: 0,
            locked_at: None,
            set_at,
            version: 1,
        };
        let audit = || Audit::of(&setting_id, AuditAction::DevicePinSet, format!("user:{user_id}"));
        if let Some(owner) = owner {
            // Their number stays; the new PIN replaces the old (and any lock).
            let answer = DevicePinView { number: Some(owner.number), locked: false, set_at: Some(set_at) };
            let write = app.store().put_if(to_item(&record(owner.number)), Condition::eq("userId", &user_id));
            return Commit::new(&app, &auth, audit()).write(write).answer(200, &answer, None).await;
        }
        // A number taken is someone else's: draw again.
        for _ in 0..5 {
            let bits = u16::from_be_bytes(uuid::Uuid::new_v4().as_bytes()[..2].try_into().expect("16 bytes"));
            let number = DeviceNumber::from_random(bits);
            let owner = PinOwnerRecord { pk: owner_key.pk.clone(), sk: owner_key.sk.clone(), kind: "device-pin-of".into(), number };
            let answer = DevicePinView { number: Some(number), locked: false, set_at: Some(set_at) };
            let result = Commit::new(&app, &auth, audit())
                .write(app.store().put_new(to_item(&record(number))))
                .write(app.store().put_new(to_item(&owner)))
                .answer::<Problem>(200, &answer, None)
                .await;
            match result {
                Err(p) if p.status == 409 => continue,
                other => return other,
            }
        }
        Err(Problem::internal("device-pin", "five numbers drawn were all taken"))
    })
    .await
}

/// Opening a session on a device: the mode, and the person's number and PIN.
#[derive(Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct StartDeviceSession {
    pub mode: DeviceMode,
    #[schema(value_type = String)]
    pub number: String,
    #[schema(value_type = String, format = Password)]
    pub pin: String,
}

/// One of the guardian's children, as the kiosk or the journal lists it.
#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct DeviceChild {
    #[schema(value_type = String)]
    pub child_id: ChildId,
    pub first_name: String,
    pub last_name: String,
    /// The kiosk: whether the child is signed in now.
    pub signed_in: Option<bool>,
    /// The kiosk: the people the child's parents authorised to collect (they give the password).
    pub collectors: Vec<DeviceCollector>,
}

#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct DeviceCollector {
    pub collector_id: String,
    pub name: String,
    pub relationship: String,
}

/// The session opened: its token for `X-Device-Session`, whose it is, and what they may reach.
#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct DeviceSessionView {
    pub token: String,
    #[schema(value_type = String)]
    pub user_id: nestling_domain::UserId,
    pub name: String,
    pub mode: DeviceMode,
    pub idle_minutes: i64,
    /// Kiosk and journal: the guardian's children they may sign in and out, or read.
    pub children: Vec<DeviceChild>,
}

fn device_subject(caller: &DeviceCaller) -> String {
    format!("DEVICE#{}#{}", caller.setting.setting_id, caller.device.device_id)
}

/// POST /v1/device/sessions (a paired device's credential): opens a person's session with
/// their number and PIN, replacing whoever's session was open on the device.
pub async fn start_device_session(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("device-session-start", req, |req| async move {
        let body = http::json_body::<StartDeviceSession>(&req);
        let number = body.as_ref().ok().and_then(|b| DeviceNumber::parse(&b.number).ok());
        let now = app.clock.now();
        // The device, its setting, the PIN under the number and the device's wrong-PIN count,
        // in one round trip.
        let (device, found) = authenticate_device_with(&app, &req, |credential| {
            let subject = format!("DEVICE#{}#{}", credential.setting_id, credential.device_id);
            let mut keys = vec![Rate::DEVICE_PINS.key_for(&subject, now)];
            keys.extend(number.map(|n| PinRecord::key(&credential.setting_id, n)));
            keys
        })
        .await?;
        let body = body?;
        DeviceNumber::parse(&body.number).map_err(|e| Problem::invalid(e.to_string()))?;
        let setting_id = device.setting.setting_id.clone();
        let mut found = found.into_iter();
        let wrong_so_far = Rate::counted(found.next().flatten().as_ref());
        let rate = Rate::DEVICE_PINS;
        // Past the hour's wrong PINs the device checks none, right or wrong.
        if wrong_so_far >= rate.max {
            return Err(rate.refusal());
        }
        let pin = found.next().flatten().map(from_item::<PinRecord>).transpose()?;
        let subject = device_subject(&device);
        let Some(mut pin) = pin else {
            // An unknown number is answered as a wrong PIN, and counted against the device.
            return match app.store().transact(vec![rate.count_for(&app, &subject)]).await {
                Ok(()) => Err(DeviceSessionProblem::PinWrong.into()),
                Err(StoreError::Conflict { .. }) => Err(rate.refusal()),
                Err(e) => Err(e.into()),
            };
        };
        if pin.locked_at.is_some() {
            return Err(DeviceSessionProblem::PinLocked.into());
        }
        if !pin_matches(&pin.pin_hash, &body.pin) {
            let read = pin.version;
            pin.failures += 1;
            pin.version += 1;
            let locks = pin.failures >= PIN_FAILURES_TO_LOCK;
            if locks {
                pin.locked_at = Some(Timestamp::new(now));
            }
            let request_id = http::request_id(&req);
            let actor = Actor {
                id: pin.user_id.as_str(),
                role: "device",
                request_id: &request_id,
                off_premises: false,
                device_id: Some(device.device.device_id.as_str()),
            };
            let mut writes = vec![rate.count_for(&app, &subject), app.store().put_versioned(to_item(&pin), read)];
            if locks {
                writes.push(writes::audit_by(
                    &app,
                    &actor,
                    &setting_id,
                    AuditAction::DevicePinLocked,
                    &format!("user:{}", pin.user_id),
                    Some(format!("number {}", pin.number)),
                ));
            }
            return match app.store().transact(writes).await {
                Ok(()) if locks => Err(DeviceSessionProblem::PinLocked.into()),
                Ok(()) => Err(DeviceSessionProblem::PinWrong.into()),
                Err(StoreError::Conflict { failed }) if failed.first() == Some(&true) => Err(rate.refusal()),
                // Another try at the same moment: this one is answered as wrong, uncounted.
                Err(StoreError::Conflict { .. }) => Err(DeviceSessionProblem::PinWrong.into()),
                Err(e) => Err(e.into()),
            };
        }
        // The person as the table has them now.
        let keys = [UserRecord::key(&pin.user_id), MemberRecord::key(&setting_id, &pin.user_id)];
        let mut people = app.store().get_many(&keys).await?.into_iter();
        let user = people.next().flatten().map(from_item::<UserRecord>).transpose()?;
        let member = people.next().flatten().map(from_item::<MemberRecord>).transpose()?;
        let setting = &device.setting;
        let principal = principal_of(&pin.user_id, user.as_ref(), Some(setting), member.as_ref(), None, now, None);
        let Some(member) = member.filter(|_| principal.membership.is_some()) else { return Err(DeviceSessionProblem::PinWrong.into()) };
        if !body.mode.may_start(member.role) {
            return Err(DeviceSessionProblem::ModeNotAllowed.into());
        }
        // The same checks as the person's own sign-in: active, MFA for staff, a live link and
        // the agreement for families, the lockdown notice.
        match decide(&principal, Action::SetDevicePin) {
            Decision::Allow => {}
            Decision::Revoked => return Err(Problem::access_revoked()),
            Decision::MfaRequired => return Err(Problem::mfa_required()),
            Decision::AgreementRequired => return Err(Problem::agreement_required()),
            Decision::Lockdown => return Err(Problem::lockdown(setting.lockdown.as_ref().map_or("", |l| l.notice.as_str()))),
            _ => return Err(Problem::forbidden()),
        }
        if setting.lockdown.is_some() && !member.role.is_staff() {
            return Err(Problem::lockdown(setting.lockdown.as_ref().map_or("", |l| l.notice.as_str())));
        }
        let children = match body.mode {
            DeviceMode::Staff => Vec::new(),
            mode => guardian_children(&app, &device, &member, user.as_ref(), mode, now).await?,
        };
        let secret = new_token();
        let token = DeviceSessionToken { user_id: pin.user_id.clone(), secret: secret.clone() };
        let key = DeviceSessionRecord::key(&setting_id, &device.device.device_id);
        let session = DeviceSessionRecord {
            pk: key.pk.clone(),
            sk: key.sk.clone(),
            kind: "device-session".into(),
            device_id: device.device.device_id.clone(),
            user_id: pin.user_id.clone(),
            name: member.name.clone(),
            mode: body.mode,
            token_hash: hash_token(&secret),
            started_at: Timestamp::new(now),
            last_seen: now.unix_timestamp(),
            expires_at: now.unix_timestamp() + 86_400,
        };
        let request_id = http::request_id(&req);
        let actor = Actor {
            id: pin.user_id.as_str(),
            role: member.role.as_str(),
            request_id: &request_id,
            off_premises: false,
            device_id: Some(device.device.device_id.as_str()),
        };
        let mut writes = vec![
            app.store().put(to_item(&session)),
            writes::audit_by(
                &app,
                &actor,
                &setting_id,
                AuditAction::DeviceSessionStart,
                &format!("device:{}", device.device.device_id),
                Some(format!("{:?} on {}", body.mode, device.device.name)),
            ),
        ];
        if pin.failures > 0 {
            // A right PIN clears the wrong ones before it.
            let read = pin.version;
            pin.failures = 0;
            pin.version += 1;
            writes.push(app.store().put_versioned(to_item(&pin), read));
        }
        app.store().transact(writes).await.map_err(|e| match e {
            StoreError::Conflict { .. } => Problem::from(DeviceSessionProblem::PinWrong),
            e => e.into(),
        })?;
        let view = DeviceSessionView {
            token: token.header(),
            user_id: pin.user_id.clone(),
            name: member.name.clone(),
            mode: body.mode,
            idle_minutes: body.mode.idle_minutes(),
            children,
        };
        Ok(http::json_response(201, &view))
    })
    .await
}

/// The guardian's children the mode reaches: decided one by one as the mode's own route will
/// decide them (a held child, a revoked link or a child who left are not listed).
async fn guardian_children(
    app: &App,
    device: &DeviceCaller,
    member: &MemberRecord,
    user: Option<&UserRecord>,
    mode: DeviceMode,
    now: time::OffsetDateTime,
) -> ApiResult<Vec<DeviceChild>> {
    let setting = &device.setting;
    let today = setting.today(now).to_string();
    let mut keys: Vec<_> = member.linked_children.iter().map(|c| ChildRecord::key(&setting.setting_id, c)).collect();
    keys.push(DayRecord::key(&setting.setting_id, &today));
    let mut found = app.store().get_many(&keys).await?;
    let day = found.pop().flatten().map(from_item::<DayRecord>).transpose()?;
    let action = if mode == DeviceMode::Kiosk { Action::RecordAttendance } else { Action::ViewJournal };
    let mut children = Vec::new();
    for child in found.into_iter().flatten().map(from_item::<ChildRecord>) {
        let child = child?;
        let principal = principal_of(&member.user_id, user, Some(setting), Some(member), Some(&child), now, Some(mode));
        if decide(&principal, action) != Decision::Allow {
            continue;
        }
        let parent = child.guardians.get(&member.user_id).is_some_and(|l| l.access == nestling_domain::GuardianAccess::Parent);
        children.push(DeviceChild {
            signed_in: (mode == DeviceMode::Kiosk)
                .then(|| day.as_ref().and_then(|d| d.children.get(&child.child_id)).is_some_and(|a| a.signed_in())),
            collectors: if mode == DeviceMode::Kiosk && parent {
                child
                    .collectors
                    .iter()
                    .map(|c| DeviceCollector {
                        collector_id: c.collector_id.to_string(),
                        name: c.name.clone(),
                        relationship: c.relationship.clone(),
                    })
                    .collect()
            } else {
                Vec::new()
            },
            child_id: child.child_id,
            first_name: child.first_name,
            last_name: child.last_name,
        });
    }
    children.sort_by(|a, b| (&a.first_name, &a.last_name).cmp(&(&b.first_name, &b.last_name)));
    Ok(children)
}

/// POST /v1/device/session/end (the device's credential and the session's token): ends the
/// person's session at once ("Done").
pub async fn end_device_session(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("device-session-end", req, |req| async move {
        let token = req.headers().get("x-device-session").and_then(|v| v.to_str().ok()).and_then(DeviceSessionToken::from_header);
        let (device, found) = authenticate_device_with(&app, &req, |c| vec![DeviceSessionRecord::key(&c.setting_id, &c.device_id)]).await?;
        let session = found.into_iter().next().flatten().map(from_item::<DeviceSessionRecord>).transpose()?;
        let (Some(token), Some(session)) = (token, session) else { return Err(session_ended()) };
        let token_hash = hash_token(&token.secret);
        if session.user_id != token.user_id || session.token_hash != token_hash {
            return Err(session_ended());
        }
        let setting_id = &device.setting.setting_id;
        let request_id = http::request_id(&req);
        let actor = Actor {
            id: session.user_id.as_str(),
            role: "device",
            request_id: &request_id,
            off_premises: false,
            device_id: Some(device.device.device_id.as_str()),
        };
        let key = DeviceSessionRecord::key(setting_id, &device.device.device_id);
        let writes = vec![
            app.store().delete_if(&key, Condition::eq("tokenHash", &token_hash)),
            writes::audit_by(&app, &actor, setting_id, AuditAction::DeviceSessionEnd, &format!("device:{}", device.device.device_id), None),
        ];
        match app.store().transact(writes).await {
            Ok(()) => Ok(Response::builder().status(204).body(Body::Empty).expect("a plain response")),
            Err(StoreError::Conflict { .. }) => Err(session_ended()),
            Err(e) => Err(e.into()),
        }
    })
    .await
}

#[cfg(test)]
#[path = "device_sessions_tests.rs"]
mod tests;

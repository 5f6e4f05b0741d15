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
use nestling_domain::devices::{DeviceMode, DeviceNumber, DeviceSessionToken, KioskPass, Pin, KIOSK_PASS_MINUTES, PIN_FAILURES_TO_LOCK};
use nestling_domain::{Action, ChildId, SettingId, Timestamp};
use nestling_platform::access::{authorize, principal_of};
use nestling_platform::device_access::{authenticate_device_with, session_ended, DeviceCaller};
use nestling_platform::http::{self, ApiResult, Problem};
use nestling_platform::invitations::{hash_token, new_token};
use nestling_platform::rates::Rate;
use nestling_platform::records::{
    ChildRecord, DayRecord, DeviceSessionRecord, KioskPassRecord, MemberRecord, PinOwnerRecord, PinRecord, UserRecord,
};
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
        PassNotValid => (401, "pass-not-valid", "That code is not one your phone showed in the last two minutes, or it was used"),
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

/// A one-time kiosk code, as the guardian's phone shows it (and as a QR code).
#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct KioskPassView {
    /// `4821 0937`: the kiosk takes it typed (with or without the space) or scanned.
    pub code: String,
    #[schema(value_type = String, format = DateTime)]
    pub expires_at: Timestamp,
}

/// POST /v1/settings/{settingId}/kiosk-passes (parents and family members): a code valid two
/// minutes, once, that opens the kiosk as the caller instead of number and PIN.
pub async fn create_kiosk_pass(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("kiosk-pass-create", req, |req| async move {
        let setting_id = http::path_id::<SettingId>(&req, "settingId")?;
        let auth = authorize(&app, &req, "kiosk-pass-create", Some(&setting_id), Action::CreateKioskPass, &[]).await?;
        let bits = u64::from_be_bytes(uuid::Uuid::new_v4().as_bytes()[..8].try_into().expect("16 bytes"));
        let pass = KioskPass::from_random(bits);
        let expires = auth.now + time::Duration::minutes(KIOSK_PASS_MINUTES);
        let key = KioskPassRecord::key(&setting_id, &pass_hash(&pass));
        let record = KioskPassRecord {
            pk: key.pk.clone(),
            sk: key.sk.clone(),
            kind: "kiosk-pass".into(),
            user_id: auth.caller.user_id.clone(),
            created_at: Timestamp::new(auth.now),
            expires_at: expires.unix_timestamp(),
        };
        let rate = Rate::KIOSK_PASSES;
        let answer = KioskPassView { code: pass.shown(), expires_at: Timestamp::new(expires) };
        Commit::new(&app, &auth, Audit::of(&setting_id, AuditAction::KioskPassCreate, format!("user:{}", auth.caller.user_id)))
            .write_or(rate.count(&app, &setting_id, &auth.caller.user_id), rate.refusal())
            .write(app.store().put_new(to_item(&record)))
            .answer(201, &answer, None)
            .await
    })
    .await
}

/// Opening a session on a device: the mode, and the person's number and PIN, or (the kiosk
/// only) the one-time code their phone shows.
#[derive(Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct StartDeviceSession {
    pub mode: DeviceMode,
    #[schema(value_type = Option<String>)]
    pub number: Option<String>,
    #[schema(value_type = Option<String>, format = Password)]
    pub pin: Option<String>,
    /// The kiosk: the 8 digits of a code from the guardian's phone, instead of number and PIN.
    #[schema(value_type = Option<String>)]
    pub pass: Option<String>,
}

/// How a person is known on the device.
enum Opening {
    Pin(DeviceNumber, String),
    Pass(KioskPass),
}

impl StartDeviceSession {
    fn opening(&self) -> ApiResult<Opening> {
        let invalid = |e: nestling_domain::ValueError| Problem::invalid(e.to_string());
        match (&self.number, &self.pin, &self.pass) {
            (Some(number), Some(pin), None) => Ok(Opening::Pin(DeviceNumber::parse(number).map_err(invalid)?, pin.clone())),
            (None, None, Some(pass)) if self.mode == DeviceMode::Kiosk => Ok(Opening::Pass(KioskPass::parse(pass).map_err(invalid)?)),
            (None, None, Some(_)) => Err(Problem::invalid("a code from a phone opens the kiosk only: give number and pin")),
            _ => Err(Problem::invalid("give number and pin, or (the kiosk) the pass from your phone")),
        }
    }
}

fn pass_hash(pass: &KioskPass) -> String {
    hash_token(pass.as_str())
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

/// The subject a device's wrong-PIN counter is kept under.
fn device_subject(setting_id: &SettingId, device_id: &str) -> String {
    format!("DEVICE#{setting_id}#{device_id}")
}

/// POST /v1/device/sessions (a paired device's credential): opens a person's session with
/// their number and PIN, replacing whoever's session was open on the device.
pub async fn start_device_session(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("device-session-start", req, |req| async move {
        let body = http::json_body::<StartDeviceSession>(&req);
        let opening = body.as_ref().ok().and_then(|b| b.opening().ok());
        let now = app.clock.now();
        // The device, its setting, the PIN under the number (or the phone's code) and the
        // device's wrong-PIN count, in one round trip.
        let (device, found) = authenticate_device_with(&app, &req, |credential| {
            let mut keys = vec![Rate::DEVICE_PINS.key_for(&device_subject(&credential.setting_id, &credential.device_id), now)];
            keys.extend(opening.as_ref().map(|o| match o {
                Opening::Pin(number, _) => PinRecord::key(&credential.setting_id, *number),
                Opening::Pass(pass) => KioskPassRecord::key(&credential.setting_id, &pass_hash(pass)),
            }));
            keys
        })
        .await?;
        let body = body?;
        let opening = body.opening()?;
        let setting_id = device.setting.setting_id.clone();
        let mut found = found.into_iter();
        let wrong_so_far = Rate::counted(found.next().flatten().as_ref());
        let rate = Rate::DEVICE_PINS;
        // Past the hour's wrong PINs the device checks none, right or wrong.
        if wrong_so_far >= rate.max {
            return Err(rate.refusal());
        }
        let subject = device_subject(&setting_id, &device.device.device_id);
        let opened = found.next().flatten();
        let given_pin = match opening {
            Opening::Pin(_, pin) => pin,
            Opening::Pass(pass) => {
                let record = opened.map(from_item::<KioskPassRecord>).transpose()?.filter(|p| p.expires_at > now.unix_timestamp());
                let Some(record) = record else {
                    // A wrong or spent code counts against the device as a wrong PIN does.
                    return Err(rate.refuse_counted(&app, rate.count_for(&app, &subject), DeviceSessionProblem::PassNotValid.into()).await);
                };
                // Used once: deleted with the session's writes, only while it is still there.
                let used = app.store().delete_if(&KioskPassRecord::key(&setting_id, &pass_hash(&pass)), Condition::exists("PK"));
                return open_session(
                    &app,
                    &req,
                    &device,
                    body.mode,
                    Opened { user_id: record.user_id, also: vec![used], on_conflict: DeviceSessionProblem::PassNotValid },
                    now,
                )
                .await;
            }
        };
        let pin = opened.map(from_item::<PinRecord>).transpose()?;
        let Some(mut pin) = pin else {
            // An unknown number is answered as a wrong PIN, and counted against the device.
            return Err(rate.refuse_counted(&app, rate.count_for(&app, &subject), DeviceSessionProblem::PinWrong.into()).await);
        };
        if pin.locked_at.is_some() {
            return Err(DeviceSessionProblem::PinLocked.into());
        }
        if !pin_matches(&pin.pin_hash, &given_pin) {
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
        let mut also = Vec::new();
        if pin.failures > 0 {
            // A right PIN clears the wrong ones before it.
            let read = pin.version;
            pin.failures = 0;
            pin.version += 1;
            also.push(app.store().put_versioned(to_item(&pin), read));
        }
        open_session(
            &app,
            &req,
            &device,
            body.mode,
            Opened { user_id: pin.user_id.clone(), also, on_conflict: DeviceSessionProblem::PinWrong },
            now,
        )
        .await
    })
    .await
}

/// Who a right PIN or code named, what else its opening writes (the PIN's wrong tries
/// cleared, the code used up), and the answer if that changed meanwhile.
struct Opened {
    user_id: nestling_domain::UserId,
    also: Vec<nestling_platform::store::Write>,
    on_conflict: DeviceSessionProblem,
}

/// Opens `user_id`'s session of `mode` on the device, once the person as the table has them
/// now may use it: replacing whoever's was open, with `also` in the same transaction.
async fn open_session(
    app: &App,
    req: &Request,
    device: &DeviceCaller,
    mode: DeviceMode,
    opened: Opened,
    now: time::OffsetDateTime,
) -> ApiResult<Response<Body>> {
    let Opened { user_id, also, on_conflict } = opened;
    let setting_id = device.setting.setting_id.clone();
    // The person as the table has them now.
    let keys = [UserRecord::key(&user_id), MemberRecord::key(&setting_id, &user_id)];
    let mut people = app.store().get_many(&keys).await?.into_iter();
    let user = people.next().flatten().map(from_item::<UserRecord>).transpose()?;
    let member = people.next().flatten().map(from_item::<MemberRecord>).transpose()?;
    let setting = &device.setting;
    let principal = principal_of(&user_id, user.as_ref(), Some(setting), member.as_ref(), None, now, None);
    let Some(member) = member.filter(|_| principal.membership.is_some()) else { return Err(DeviceSessionProblem::PinWrong.into()) };
    if !mode.may_start(member.role) {
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
    let children = match mode {
        DeviceMode::Staff => Vec::new(),
        mode => guardian_children(app, device, &member, user.as_ref(), mode, now).await?,
    };
    let secret = new_token();
    let token = DeviceSessionToken { user_id: user_id.clone(), secret: secret.clone() };
    let key = DeviceSessionRecord::key(&setting_id, &device.device.device_id);
    let session = DeviceSessionRecord {
        pk: key.pk.clone(),
        sk: key.sk.clone(),
        kind: "device-session".into(),
        device_id: device.device.device_id.clone(),
        user_id: user_id.clone(),
        name: member.name.clone(),
        mode,
        token_hash: hash_token(&secret),
        started_at: Timestamp::new(now),
        last_seen: now.unix_timestamp(),
        expires_at: now.unix_timestamp() + 86_400,
    };
    let request_id = http::request_id(req);
    let actor = Actor {
        id: user_id.as_str(),
        role: member.role.as_str(),
        request_id: &request_id,
        off_premises: false,
        device_id: Some(device.device.device_id.as_str()),
    };
    let mut writes = vec![
        app.store().put(to_item(&session)),
        writes::audit_by(
            app,
            &actor,
            &setting_id,
            AuditAction::DeviceSessionStart,
            &format!("device:{}", device.device.device_id),
            Some(format!("{:?} on {}", mode, device.device.name)),
        ),
    ];
    writes.extend(also);
    app.store().transact(writes).await.map_err(|e| match e {
        // The PIN changed, or the code was used, a moment ago.
        StoreError::Conflict { .. } => Problem::from(on_conflict),
        e => e.into(),
    })?;
    let view = DeviceSessionView {
        token: token.header(),
        user_id: user_id.clone(),
        name: member.name.clone(),
        mode,
        idle_minutes: mode.idle_minutes(),
        children,
    };
    Ok(http::json_response(201, &view))
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

//! A paired device as a caller: its credential (`Authorization: Device <setting>.<device>.<secret>`)
//! checked on every request against the device's record as it is now (paired, the secret's
//! hash) and the setting's premises networks. Unpairing a device refuses its next request.

use crate::access::OnDevice;
use crate::app::App;
use crate::http::{self, ApiResult, Problem};
use crate::invitations::hash_token;
use crate::records::{DeviceRecord, DeviceSessionRecord, SettingRecord};
use crate::store::{from_item, Change, Condition, Item};
use lambda_http::Request;
use nestling_domain::devices::{self, DeviceCredential, DeviceSessionToken, DeviceStatus};
use nestling_domain::SettingId;

/// A session is marked used at most once a minute (its idle limit is minutes long).
const TOUCH_AFTER_S: i64 = 60;

/// The device a request came from, and its setting.
pub struct DeviceCaller {
    pub device: DeviceRecord,
    pub setting: SettingRecord,
}

/// 401 `device-not-paired`: no credential, a wrong one, or a device unpaired since.
pub fn not_paired() -> Problem {
    Problem::new(401, "device-not-paired", "This device is not paired with a setting").with_detail("a manager pairs it again from Devices")
}

/// 401 `device-session-ended`: no person's session is open on the device (idle too long,
/// another person's started, or ended): they unlock it again with their PIN.
pub fn session_ended() -> Problem {
    Problem::new(401, "device-session-ended", "Your session on this device has ended").with_detail("enter your number and PIN again")
}

fn off_premises() -> Problem {
    Problem::new(403, "device-off-premises", "This device works only on the setting's premises")
        .with_detail("connect it to the setting's own network")
}

/// The device's credential and the person's session token a request through a device carries.
pub fn device_and_session(req: &Request) -> Option<(DeviceCredential, DeviceSessionToken)> {
    let header = |name: &str| req.headers().get(name).and_then(|v| v.to_str().ok()).unwrap_or_default();
    let credential = DeviceCredential::from_header(header("authorization"))?;
    let token = DeviceSessionToken::from_header(header("x-device-session"));
    // A device's credential without a session is answered as a session ended.
    Some((
        credential,
        token.unwrap_or(DeviceSessionToken { user_id: nestling_domain::UserId::parse("none").expect("an id"), secret: String::new() }),
    ))
}

/// The device's item and its session's, loaded with the authorisation.
pub struct StoredDevice {
    pub device: Option<Item>,
    pub session: Option<Item>,
}

/// Checks a request through a device, in order: the device paired to the setting in the path
/// with this secret, on its premises; the person's session on it theirs and still open. Marks
/// the session used (at most once a minute), so it ends only after its idle minutes.
#[allow(clippy::too_many_arguments)]
pub async fn check_session(
    app: &App,
    req: &Request,
    setting_id: Option<&SettingId>,
    setting: Option<&SettingRecord>,
    credential: &DeviceCredential,
    token: &DeviceSessionToken,
    stored: StoredDevice,
    now: time::OffsetDateTime,
) -> ApiResult<OnDevice> {
    let device = stored.device.map(from_item::<DeviceRecord>).transpose()?;
    let Some(device) = device.filter(|d| d.status == DeviceStatus::Paired && d.secret_hash == hash_token(&credential.secret)) else {
        return Err(not_paired());
    };
    // A device reaches only the setting it was paired to: any other is not found.
    let Some(setting) = setting.filter(|_| setting_id == Some(&credential.setting_id)) else { return Err(Problem::not_found()) };
    if !nestling_domain::premises::on_premises(&setting.networks, http::source_ip(req).as_deref()) {
        return Err(off_premises());
    }
    let session = stored.session.map(from_item::<DeviceSessionRecord>).transpose()?.ok_or_else(session_ended)?;
    let token_hash = hash_token(&token.secret);
    let now_s = now.unix_timestamp();
    if token.secret.is_empty()
        || session.user_id != token.user_id
        || session.token_hash != token_hash
        || !devices::session_open(session.mode, session.last_seen, now_s)
    {
        return Err(session_ended());
    }
    if now_s - session.last_seen >= TOUCH_AFTER_S {
        let key = DeviceSessionRecord::key(&credential.setting_id, &credential.device_id);
        let touch = Change::new().set("lastSeen", &now_s).set("expiresAt", &(now_s + 86_400)).when(Condition::eq("tokenHash", &token_hash));
        match app.store().transact(vec![app.store().change(&key, touch)]).await {
            Ok(()) => {}
            // Another person's session replaced it a moment ago.
            Err(crate::store::StoreError::Conflict { .. }) => return Err(session_ended()),
            Err(e) => return Err(e.into()),
        }
    }
    Ok(OnDevice { device_id: device.device_id, device_name: device.name, mode: session.mode })
}

/// Checks the request's device credential against the stored device and the premises.
pub async fn authenticate_device(app: &App, req: &Request) -> ApiResult<DeviceCaller> {
    Ok(authenticate_device_with(app, req, |_| Vec::new()).await?.0)
}

/// As `authenticate_device`, loading in the same round trip the items `extra` names for the
/// device's setting (handed back in their order, only once the device passed).
pub async fn authenticate_device_with(
    app: &App,
    req: &Request,
    extra: impl FnOnce(&DeviceCredential) -> Vec<crate::store::Key>,
) -> ApiResult<(DeviceCaller, Vec<Option<Item>>)> {
    let header = req.headers().get("authorization").and_then(|v| v.to_str().ok()).unwrap_or_default();
    let credential = DeviceCredential::from_header(header).ok_or_else(not_paired)?;
    let mut keys = vec![DeviceRecord::key(&credential.setting_id, &credential.device_id), SettingRecord::key(&credential.setting_id)];
    keys.extend(extra(&credential));
    let mut found = app.store().get_many(&keys).await?.into_iter();
    let device = found.next().flatten().map(from_item::<DeviceRecord>).transpose()?;
    let setting = found.next().flatten().map(from_item::<SettingRecord>).transpose()?;
    let (Some(device), Some(setting)) = (device, setting) else { return Err(not_paired()) };
    if device.status != DeviceStatus::Paired || device.secret_hash != hash_token(&credential.secret) {
        return Err(not_paired());
    }
    if !nestling_domain::premises::on_premises(&setting.networks, http::source_ip(req).as_deref()) {
        return Err(off_premises());
    }
    Ok((DeviceCaller { device, setting }, found.collect()))
}

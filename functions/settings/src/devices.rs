//! The setting's own devices (`nestling_domain::devices`): a device asks to be paired and shows
//! its code; a manager types the code to pair it to the setting (on the premises networks,
//! each try counted); the device reads that it is paired with the secret only it holds, and
//! from then on is a caller of its own; a manager unpairs it at once (reported missing: every
//! manager is told), and its next request is refused.

use lambda_http::{Body, Request, Response};
use nestling_domain::devices::{self, DeviceStatus, PairingCode, UnpairReason, MAX_DEVICES, PAIRING_MINUTES};
use nestling_domain::{Action, SettingId, Timestamp};
use nestling_platform::access::{authorize, beside_authorisation};
use nestling_platform::alerts::manager_emails;
use nestling_platform::device_access::authenticate_device;
use nestling_platform::http::{self, Problem};
use nestling_platform::invitations::{hash_token, new_token};
use nestling_platform::rates::Rate;
use nestling_platform::records::{DeviceRecord, ManagersRecord, PairedTo, PairingRecord, Unpaired};
use nestling_platform::store::{keys, to_item, Change, Condition, Query, StoreError};
use nestling_platform::writes::{self, AuditAction};
use nestling_platform::{App, Audit, Commit};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

nestling_platform::problems! {
    pub enum DevicesProblem {
        PairingNotFound => (404, "pairing-not-found", "No device is waiting to be paired with that code"),
        DeviceOffPremises => (409, "device-off-premises", "The device is not on the setting's premises network; pair it there"),
        DeviceUnpaired => (409, "device-unpaired", "The device is already unpaired"),
        TooManyDevices => (409, "too-many-devices", "The setting has as many devices as it may pair; unpair one first"),
        StaleDevice => (409, "conflict", "The device changed since you read it; reload and try again"),
    }
}

/// What a device is told when it asks to be paired: the code to show, and the secret only it
/// keeps (its credential once paired).
#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct PairingStarted {
    /// As the device shows it: `ABCD-EF23`.
    pub code: String,
    pub secret: String,
    #[schema(value_type = String, format = DateTime)]
    pub expires_at: Timestamp,
}

/// POST /v1/device-pairings (no sign-in): a device asks to be paired. Nothing is granted until a
/// manager types its code; the pairing expires in 15 minutes.
pub async fn start_pairing(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("device-pairing-start", req, |req| async move {
        let secret = new_token();
        let now = app.clock.now();
        let expires = now + time::Duration::minutes(PAIRING_MINUTES);
        // A code already waiting is another device's: draw again.
        for _ in 0..3 {
            let bits: [u8; 8] = uuid::Uuid::new_v4().as_bytes()[..8].try_into().expect("16 bytes");
            let code = PairingCode::from_random(bits);
            let key = PairingRecord::key(&code);
            let record = PairingRecord {
                pk: key.pk.clone(),
                sk: key.sk.clone(),
                kind: "pairing".into(),
                code: code.clone(),
                secret_hash: hash_token(&secret),
                source_ip: http::source_ip(&req),
                started_at: Timestamp::new(now),
                expires_at: expires.unix_timestamp(),
                paired: None,
            };
            // An expired one (TTL deletes lazily) may be replaced.
            let write =
                app.store().put_if(to_item(&record), Condition::not_exists("PK").or(Condition::lt("expiresAt", &now.unix_timestamp())));
            // Counted per address, in the same transaction: a refused start writes nothing.
            let source = http::source_ip(&req).unwrap_or_else(|| "unknown".into());
            let counted = Rate::PAIRING_STARTS.count_for_source(&app, &source);
            match app.store().transact(vec![write, counted]).await {
                Ok(()) => {
                    let started = PairingStarted { code: code.shown(), secret, expires_at: Timestamp::new(expires) };
                    return Ok(http::json_response(201, &started));
                }
                Err(StoreError::Conflict { failed }) if failed.get(1) == Some(&true) => return Err(Rate::PAIRING_STARTS.refusal()),
                Err(StoreError::Conflict { .. }) => continue,
                Err(e) => return Err(e.into()),
            }
        }
        Err(Problem::internal("pairing", "three codes drawn were all waiting"))
    })
    .await
}

/// Where a pairing stands, for the device that asked.
#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct PairingStatus {
    /// `waiting` for a manager, or `paired`.
    pub status: String,
    #[schema(value_type = String, format = DateTime)]
    pub expires_at: Timestamp,
    #[schema(value_type = Option<String>)]
    pub setting_id: Option<SettingId>,
    pub setting_name: Option<String>,
    pub device_id: Option<String>,
    pub name: Option<String>,
}

/// GET /v1/device-pairings/{code} (no sign-in; the device's secret in `X-Pairing-Secret`):
/// whether a manager has paired it yet. Anyone else, a wrong secret or an expired pairing: 404.
pub async fn pairing_status(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("device-pairing-get", req, |req| async move {
        let not_found = || Problem::from(DevicesProblem::PairingNotFound);
        let code = http::path_param(&req, "code").ok().and_then(|c| PairingCode::parse(&c).ok()).ok_or_else(not_found)?;
        let secret = req.headers().get("x-pairing-secret").and_then(|v| v.to_str().ok()).unwrap_or_default().to_string();
        let record = app.store().get_as::<PairingRecord>(&PairingRecord::key(&code)).await?.ok_or_else(not_found)?;
        if secret.is_empty() || record.secret_hash != hash_token(&secret) || record.expires_at <= app.clock.now().unix_timestamp() {
            return Err(not_found());
        }
        let paired = record.paired.as_ref();
        Ok(http::ok(&PairingStatus {
            status: if paired.is_some() { "paired" } else { "waiting" }.into(),
            expires_at: Timestamp::new(time::OffsetDateTime::from_unix_timestamp(record.expires_at).unwrap_or(app.clock.now())),
            setting_id: paired.map(|p| p.setting_id.clone()),
            setting_name: paired.map(|p| p.setting_name.clone()),
            device_id: paired.map(|p| p.device_id.clone()),
            name: paired.map(|p| p.name.clone()),
        }))
    })
    .await
}

/// A manager's pairing: the code the device shows and what to call it.
#[derive(Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NewDevice {
    pub code: String,
    pub name: String,
}

/// One device, as the managers list it.
#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct DeviceView {
    pub device_id: String,
    pub name: String,
    pub status: DeviceStatus,
    #[schema(value_type = String, format = DateTime)]
    pub paired_at: Timestamp,
    pub paired_by: String,
    pub unpaired: Option<Unpaired>,
    pub version: u64,
}

fn view(d: &DeviceRecord) -> DeviceView {
    DeviceView {
        device_id: d.device_id.clone(),
        name: d.name.clone(),
        status: d.status,
        paired_at: d.paired_at,
        paired_by: d.paired_by.to_string(),
        unpaired: d.unpaired.clone(),
        version: d.version,
    }
}

fn devices_query(setting_id: &SettingId) -> Query {
    Query::partition(nestling_platform::store::Index::Table, keys::setting(setting_id)).prefix(keys::DEVICE_PREFIX)
}

/// POST /v1/settings/{settingId}/devices (managers): pairs the device waiting with `code`, if
/// it asked from the setting's premises networks. Every try counts (10 an hour): a wrong code
/// is 404 and changes nothing else.
pub async fn pair_device(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("device-pair", req, |req| async move {
        let setting_id = http::path_id::<SettingId>(&req, "settingId")?;
        // The waiting pairing is read beside the authorisation (nothing is answered from it
        // before that is decided).
        let body = http::json_body::<NewDevice>(&req);
        let code = body.as_ref().ok().and_then(|b| PairingCode::parse(&b.code).ok());
        let reads = async {
            let pairing = async {
                match &code {
                    Some(code) => app.store().get_as::<PairingRecord>(&PairingRecord::key(code)).await,
                    None => Ok(None),
                }
            };
            tokio::try_join!(app.store().every_as::<DeviceRecord>(devices_query(&setting_id)), pairing)
        };
        let (auth, (devices, pairing)) =
            beside_authorisation(authorize(&app, &req, "device-pair", Some(&setting_id), Action::ManageDevices, &[]), reads).await?;
        let body = body?;
        let name = devices::check_name(&body.name).map_err(|e| Problem::invalid(e.to_string()))?;
        let rate = Rate::PAIRING_CODES;
        let user_id = auth.caller.user_id.clone();
        // A wrong code is counted on its own, and refused once the hour's tries are spent.
        let wrong = || async {
            Err(rate.refuse_counted(&app, rate.count(&app, &setting_id, &user_id), DevicesProblem::PairingNotFound.into()).await)
        };
        let now = auth.now;
        let (Some(code), Some(pairing)) = (code, pairing) else { return wrong().await };
        if pairing.paired.is_some() || pairing.expires_at <= now.unix_timestamp() {
            return wrong().await;
        }
        let setting = auth.setting().clone();
        if !nestling_domain::premises::on_premises(&setting.networks, pairing.source_ip.as_deref()) {
            // Counted too: this answer says a code exists, so it must not be free to ask.
            return Err(rate.refuse_counted(&app, rate.count(&app, &setting_id, &user_id), DevicesProblem::DeviceOffPremises.into()).await);
        }
        if devices.iter().filter(|d| d.status == DeviceStatus::Paired).count() >= MAX_DEVICES {
            return Err(DevicesProblem::TooManyDevices.into());
        }
        let device_id = app.new_sortable_id();
        let device = DeviceRecord {
            pk: keys::setting(&setting_id),
            sk: keys::device(&device_id),
            kind: "device".into(),
            setting_id: setting_id.clone(),
            device_id: device_id.clone(),
            name: name.clone(),
            secret_hash: pairing.secret_hash.clone(),
            status: DeviceStatus::Paired,
            paired_by: user_id.clone(),
            paired_at: Timestamp::new(now),
            paired_from: pairing.source_ip.clone(),
            unpaired: None,
            version: 1,
        };
        let paired = PairedTo { setting_id: setting_id.clone(), setting_name: setting.name.clone(), device_id: device_id.clone(), name };
        // Paired once: a second manager typing the same code at the same moment loses.
        let claim = Change::new().set("paired", &paired).when(Condition::not_exists("paired"));
        let answer = view(&device);
        Commit::new(
            &app,
            &auth,
            Audit::of(&setting_id, AuditAction::DevicePair, format!("device:{device_id}")).detail(format!("{} ({device_id})", paired.name)),
        )
        .write_or(rate.count(&app, &setting_id, &user_id), rate.refusal())
        .write_or(app.store().change(&PairingRecord::key(&code), claim), DevicesProblem::PairingNotFound.into())
        .write(app.store().put_new(to_item(&device)))
        .answer(201, &answer, None)
        .await
    })
    .await
}

#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct DeviceList {
    pub items: Vec<DeviceView>,
}

/// GET /v1/settings/{settingId}/devices (managers): every device, paired ones first.
pub async fn list_devices(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("devices-list", req, |req| async move {
        let setting_id = http::path_id::<SettingId>(&req, "settingId")?;
        let (auth, mut devices) = beside_authorisation(
            authorize(&app, &req, "devices-list", Some(&setting_id), Action::ManageDevices, &[]),
            app.store().every_as::<DeviceRecord>(devices_query(&setting_id)),
        )
        .await?;
        devices.sort_by(|a, b| {
            (a.status != DeviceStatus::Paired, &a.name, &a.device_id).cmp(&(b.status != DeviceStatus::Paired, &b.name, &b.device_id))
        });
        Ok(auth.tag(http::ok(&DeviceList { items: devices.iter().map(view).collect() })))
    })
    .await
}

/// Why a manager unpairs a device.
#[derive(Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Unpair {
    pub reason: UnpairReason,
}

/// POST /v1/settings/{settingId}/devices/{deviceId}/unpair (managers): at once; the device's
/// next request is refused. Reported missing, every manager is emailed.
pub async fn unpair_device(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("device-unpair", req, |req| async move {
        let setting_id = http::path_id::<SettingId>(&req, "settingId")?;
        let device_id = http::path_param(&req, "deviceId")?;
        let key = DeviceRecord::key(&setting_id, &device_id);
        let extra = [key.clone(), ManagersRecord::key(&setting_id)];
        let auth = authorize(&app, &req, "device-unpair", Some(&setting_id), Action::ManageDevices, &extra).await?;
        let body: Unpair = http::json_body(&req)?;
        let mut device = auth.record::<DeviceRecord>(&key)?.ok_or_else(Problem::not_found)?;
        if device.status != DeviceStatus::Paired {
            return Err(DevicesProblem::DeviceUnpaired.into());
        }
        let by_name = auth.member().name.clone();
        device.status = DeviceStatus::Unpaired;
        device.unpaired = Some(Unpaired { by: auth.caller.user_id.clone(), by_name: by_name.clone(), at: Timestamp::new(auth.now), reason: body.reason });
        let read = device.version;
        device.version += 1;
        let mut commit = Commit::new(&app, &auth, Audit::of(&setting_id, AuditAction::DeviceUnpair, format!("device:{device_id}")).detail(format!("{} ({device_id}): {:?}", device.name, body.reason)))
            .write_or(app.store().put_versioned(to_item(&device), read), DevicesProblem::StaleDevice.into());
        if body.reason == UnpairReason::ReportedMissing {
            if let Some(managers) = auth.record::<ManagersRecord>(&ManagersRecord::key(&setting_id))? {
                let setting = auth.setting();
                let subject = format!("A device of {} was reported missing", setting.name);
                let text = format!(
                    "{by_name} reported \"{}\" missing and unpaired it: it can no longer reach {}'s records. If it turns up, pair it again from Devices.\n\nIf it may have been stolen, consider whether this is a data breach to record.",
                    device.name, setting.name
                );
                for (user, email) in manager_emails(&managers, &subject, &text, "device-missing", &setting_id) {
                    commit = commit.write(writes::outbox_with_id(&app, &format!("device-missing-{device_id}-{user}"), email));
                }
            }
        }
        let answer = view(&device);
        commit.answer(200, &answer, None).await
    })
    .await
}

/// The device itself, as it reads who it is.
#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct DeviceSelf {
    pub device_id: String,
    pub name: String,
    #[schema(value_type = String)]
    pub setting_id: SettingId,
    pub setting_name: String,
}

/// GET /v1/device (a paired device's credential, on the premises): who the device is. 401
/// `device-not-paired` once it is unpaired; 403 `device-off-premises` elsewhere.
pub async fn device_self(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("device-get", req, |req| async move {
        let caller = authenticate_device(&app, &req).await?;
        Ok(http::ok(&DeviceSelf {
            device_id: caller.device.device_id.clone(),
            name: caller.device.name.clone(),
            setting_id: caller.setting.setting_id.clone(),
            setting_name: caller.setting.name.clone(),
        }))
    })
    .await
}

#[cfg(test)]
#[path = "devices_tests.rs"]
mod tests;

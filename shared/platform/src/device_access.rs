//! A paired device as a caller: its credential (`Authorization: Device <setting>.<device>.<secret>`)
//! checked on every request against the device's record as it is now (paired, the secret's
//! hash) and the setting's premises networks. Unpairing a device refuses its next request.

use crate::app::App;
use crate::http::{self, ApiResult, Problem};
use crate::invitations::hash_token;
use crate::records::{DeviceRecord, SettingRecord};
use crate::store::from_item;
use lambda_http::Request;
use nestling_domain::devices::{DeviceCredential, DeviceStatus};

/// The device a request came from, and its setting.
pub struct DeviceCaller {
    pub device: DeviceRecord,
    pub setting: SettingRecord,
}

/// 401 `device-not-paired`: no credential, a wrong one, or a device unpaired since.
pub fn not_paired() -> Problem {
    Problem::new(401, "device-not-paired", "This device is not paired with a setting").with_detail("a manager pairs it again from Devices")
}

/// Checks the request's device credential against the stored device and the premises.
pub async fn authenticate_device(app: &App, req: &Request) -> ApiResult<DeviceCaller> {
    let header = req.headers().get("authorization").and_then(|v| v.to_str().ok()).unwrap_or_default();
    let credential = DeviceCredential::from_header(header).ok_or_else(not_paired)?;
    let keys = [DeviceRecord::key(&credential.setting_id, &credential.device_id), SettingRecord::key(&credential.setting_id)];
    let mut found = app.store().get_many(&keys).await?.into_iter();
    let device = found.next().flatten().map(from_item::<DeviceRecord>).transpose()?;
    let setting = found.next().flatten().map(from_item::<SettingRecord>).transpose()?;
    let (Some(device), Some(setting)) = (device, setting) else { return Err(not_paired()) };
    if device.status != DeviceStatus::Paired || device.secret_hash != hash_token(&credential.secret) {
        return Err(not_paired());
    }
    if !nestling_domain::premises::on_premises(&setting.networks, http::source_ip(req).as_deref()) {
        return Err(Problem::new(403, "device-off-premises", "This device works only on the setting's premises")
            .with_detail("connect it to the setting's own network"));
    }
    Ok(DeviceCaller { device, setting })
}

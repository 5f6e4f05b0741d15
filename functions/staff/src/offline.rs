//! The key a member of staff's device encrypts its offline work with. The device keeps what
//! it could not send yet (observations, diary entries, attendance marks) encrypted in its own
//! storage and holds this key only in memory: it asks for it again after each sign-in, so what
//! a lost or shared device stores cannot be read without a signed-in staff session, and a
//! revoked membership can no longer fetch it. Families never get one.

use super::*;
use nestling_platform::records::OfflineKey;

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct OfflineKeyRequest {
    /// The device's own random id (letters, digits, `-` and `_`, at most 64).
    pub device_id: String,
}

#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct OfflineKeyView {
    pub device_id: String,
    /// 32 bytes, base64url without padding: an AES-256-GCM key.
    pub key: String,
    #[schema(value_type = String)]
    pub issued_at: Timestamp,
}

#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct OfflineKeyDropped {
    pub device_id: String,
}

impl From<&OfflineKey> for OfflineKeyView {
    fn from(k: &OfflineKey) -> Self {
        Self { device_id: k.device_id.clone(), key: k.key.clone(), issued_at: k.issued_at }
    }
}

/// POST /v1/settings/{settingId}/staff/me/offline-key: the device's key, made on first asking
/// (an audited, versioned write of the caller's own membership) and the same one after that
/// (a read: nothing written).
pub async fn issue_offline_key(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("offline-key-issue", req, |req| async move {
        let setting_id = http::path_id::<SettingId>(&req, "settingId")?;
        let auth = authorize(&app, &req, "offline-key-issue", Some(&setting_id), Action::ManageOfflineKey, &[]).await?;
        let body: OfflineKeyRequest = http::json_body(&req)?;
        if body.device_id.len() > 64 || !nestling_domain::ids::is_id(&body.device_id) {
            return Err(Problem::invalid("deviceId is the device's id: letters, digits, - and _, at most 64"));
        }
        let current = auth.member().clone();
        if let Some(known) = current.offline_keys.iter().find(|k| k.device_id == body.device_id) {
            return Ok(auth.tag(http::ok(&OfflineKeyView::from(known))));
        }
        let issued = OfflineKey::generate(&body.device_id, app.clock.timestamp());
        let mut keys = current.offline_keys.clone();
        keys.sort_by_key(|k| k.issued_at);
        while keys.len() >= OfflineKey::PER_MEMBER {
            keys.remove(0);
        }
        keys.push(issued.clone());
        let member = MemberRecord { offline_keys: keys, version: current.version + 1, ..current.clone() };
        let audit = Audit::of(&setting_id, AuditAction::OfflineKeyIssue, format!("staff:{}", auth.caller.user_id))
            .detail(format!("device {}", body.device_id));
        // The versioned write is also the check that the membership is unchanged since authorisation.
        Commit::new(&app, &auth, audit)
            .write(app.store().put_versioned(to_item(&member), current.version))
            .answer(200, &OfflineKeyView::from(&issued), Some(member.version))
            .await
    })
    .await
}

/// DELETE /v1/settings/{settingId}/staff/me/offline-key/{deviceId}: at sign-out, so whatever
/// the device may still hold can never be read again. Dropping a key already gone is done.
pub async fn drop_offline_key(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("offline-key-drop", req, |req| async move {
        let setting_id = http::path_id::<SettingId>(&req, "settingId")?;
        let device_id = http::path_param(&req, "deviceId")?;
        let auth = authorize(&app, &req, "offline-key-drop", Some(&setting_id), Action::ManageOfflineKey, &[]).await?;
        let current = auth.member().clone();
        let dropped = OfflineKeyDropped { device_id: device_id.clone() };
        if !current.offline_keys.iter().any(|k| k.device_id == device_id) {
            return Ok(auth.tag(http::ok(&dropped)));
        }
        let keys = current.offline_keys.iter().filter(|k| k.device_id != device_id).cloned().collect();
        let member = MemberRecord { offline_keys: keys, version: current.version + 1, ..current.clone() };
        let audit = Audit::of(&setting_id, AuditAction::OfflineKeyDrop, format!("staff:{}", auth.caller.user_id))
            .detail(format!("device {device_id}"));
        Commit::new(&app, &auth, audit)
            .write(app.store().put_versioned(to_item(&member), current.version))
            .answer(200, &dropped, Some(member.version))
            .await
    })
    .await
}

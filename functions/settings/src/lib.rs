//! Settings and their rooms: an operator creates a setting with its first manager; members
//! read it; managers add rooms, staff list them.

use lambda_http::{Body, Request, Response};
use nestling_domain::{Action, AgeBand, AgreementText, EmailAddress, PersonName, RoomName, SettingName, Timezone};
use nestling_platform::access::authorize;
use nestling_platform::http;
use nestling_platform::invitations::{self, Invitee};
use nestling_platform::records::{AgreementRecord, EmailRecord, RoomRecord, SettingRecord};
use nestling_platform::store::{keys, to_item};
use nestling_platform::{writes, App};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NewSetting {
    #[schema(value_type = String)]
    pub name: SettingName,
    #[schema(value_type = String)]
    pub timezone: Timezone,
    #[schema(value_type = String)]
    pub agreement_text: AgreementText,
    pub manager: NewManager,
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NewManager {
    #[schema(value_type = String, format = Email)]
    pub email: EmailAddress,
    #[schema(value_type = String)]
    pub name: PersonName,
}

#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct SettingView {
    pub id: String,
    pub name: String,
    pub timezone: String,
    pub agreement_version: u32,
    pub version: u64,
}

impl From<&SettingRecord> for SettingView {
    fn from(s: &SettingRecord) -> Self {
        Self {
            id: s.setting_id.clone(),
            name: s.name.clone(),
            timezone: s.timezone.clone(),
            agreement_version: s.agreement_version,
            version: s.version,
        }
    }
}

#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CreatedSetting {
    #[serde(flatten)]
    pub setting: SettingView,
    pub manager: InvitedPerson,
}

#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct InvitedPerson {
    pub user_id: String,
    pub email: String,
    pub name: String,
    pub status: nestling_domain::MembershipStatus,
}

/// POST /v1/settings
pub async fn create_setting(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("settings-create", req, |req| async move {
        // Authorisation answers before validation: a caller who may not do this learns nothing
        // about what a valid request looks like.
        let body = http::json_body::<NewSetting>(&req);
        let extra: Vec<_> = body.iter().map(|b| EmailRecord::key(b.manager.email.as_str())).collect();
        let auth = authorize(&app, &req, "settings-create", None, Action::CreateSetting, &extra).await?;
        let body = body?;
        if let Some(answer) = auth.idempotency.as_ref().map(|i| i.replay()).transpose()?.flatten() {
            return Ok(auth.tag(answer));
        }
        let now = app.clock.now_rfc3339();
        let setting_id = app.new_id();
        let setting = SettingRecord {
            pk: keys::setting(&setting_id),
            sk: keys::SETTING_META.into(),
            kind: "setting".into(),
            setting_id: setting_id.clone(),
            name: body.name.to_string(),
            timezone: body.timezone.as_str().into(),
            agreement_version: 1,
            created_at: now.clone(),
            created_by: auth.caller.user_id.clone(),
            version: 1,
        };
        let agreement = AgreementRecord {
            pk: keys::setting(&setting_id),
            sk: keys::agreement(1),
            kind: "agreement".into(),
            setting_id: setting_id.clone(),
            agreement_version: 1,
            text: body.agreement_text.to_string(),
            published_at: now.clone(),
            published_by: auth.caller.user_id.clone(),
        };
        let invitee = Invitee {
            email: &body.manager.email,
            name: &body.manager.name,
            role: nestling_domain::Role::Manager,
            qualification_level: None,
        };
        let known = auth.extra[0].clone();
        let invited = invitations::invite(&app, &setting_id, &setting.name, &auth.caller.user_id, invitee, known).await?;
        let answer = CreatedSetting {
            setting: SettingView::from(&setting),
            manager: InvitedPerson {
                user_id: invited.member.user_id.clone(),
                email: invited.member.email.clone(),
                name: invited.member.name.clone(),
                status: invited.member.status,
            },
        };
        let mut batch = vec![app.store().put_new(to_item(&setting)), app.store().put_new(to_item(&agreement))];
        batch.extend(invited.writes);
        batch.extend(writes::caller_unchanged(&app, &auth));
        batch.push(writes::audit(&app, &auth, &setting_id, "setting.create", &format!("setting:{setting_id}"), None));
        batch.extend(writes::remember_answer(&app, &auth, 201, &answer, Some(1)));
        app.store().transact(batch).await.map_err(invitations::conflict_problem)?;
        Ok(auth.tag(http::with_version(201, &answer, 1)))
    })
    .await
}

/// GET /v1/settings/{settingId}
pub async fn get_setting(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("settings-get", req, |req| async move {
        let setting_id = http::path_param(&req, "settingId")?;
        let auth = authorize(&app, &req, "settings-get", Some(&setting_id), Action::ViewSetting, &[]).await?;
        let setting = auth.setting();
        Ok(auth.tag(http::with_version(200, &SettingView::from(setting), setting.version)))
    })
    .await
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NewRoom {
    #[schema(value_type = String)]
    pub name: RoomName,
    pub age_band: AgeBand,
}

#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct RoomView {
    pub id: String,
    pub name: String,
    pub age_band: AgeBand,
    pub version: u64,
}

impl From<RoomRecord> for RoomView {
    fn from(r: RoomRecord) -> Self {
        Self { id: r.room_id, name: r.name, age_band: r.age_band, version: r.version }
    }
}

/// POST /v1/settings/{settingId}/rooms
pub async fn create_room(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("rooms-create", req, |req| async move {
        let setting_id = http::path_param(&req, "settingId")?;
        let auth = authorize(&app, &req, "rooms-create", Some(&setting_id), Action::CreateRoom, &[]).await?;
        if let Some(answer) = auth.idempotency.as_ref().map(|i| i.replay()).transpose()?.flatten() {
            return Ok(auth.tag(answer));
        }
        let body: NewRoom = http::json_body(&req)?;
        let room_id = app.new_id();
        let room = RoomRecord {
            pk: keys::setting(&setting_id),
            sk: keys::room(&room_id),
            kind: "room".into(),
            setting_id: setting_id.clone(),
            room_id: room_id.clone(),
            name: body.name.to_string(),
            age_band: body.age_band,
            created_at: app.clock.now_rfc3339(),
            created_by: auth.caller.user_id.clone(),
            version: 1,
        };
        let answer = RoomView::from(room.clone());
        let mut batch = vec![
            app.store().put_new(to_item(&room)),
            writes::audit(&app, &auth, &setting_id, "room.create", &format!("room:{room_id}"), None),
        ];
        batch.extend(writes::caller_unchanged(&app, &auth));
        batch.extend(writes::remember_answer(&app, &auth, 201, &answer, Some(1)));
        app.store().transact(batch).await?;
        Ok(auth.tag(http::with_version(201, &answer, 1)))
    })
    .await
}

/// GET /v1/settings/{settingId}/rooms
pub async fn list_rooms(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("rooms-list", req, |req| async move {
        let setting_id = http::path_param(&req, "settingId")?;
        let (limit, cursor) = http::paging(&req)?;
        let auth = authorize(&app, &req, "rooms-list", Some(&setting_id), Action::ListRooms, &[]).await?;
        let page = app
            .store()
            .query_prefix::<RoomRecord>(None, &keys::setting(&setting_id), keys::ROOM_PREFIX, limit, cursor.as_deref(), None)
            .await?;
        let body = http::ListPage { items: page.items.into_iter().map(RoomView::from).collect(), next_cursor: page.next_cursor };
        Ok(auth.tag(http::ok(&body)))
    })
    .await
}

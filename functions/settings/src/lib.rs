//! Settings and their rooms: an operator creates a setting with its first manager; members
//! read it; managers add rooms, staff list them.

use lambda_http::{Body, Request, Response};
use nestling_domain::bounds::MAX_ROOMS_PER_SETTING;
use nestling_domain::retention::{KeptFor, RetainedKind};
use nestling_domain::{
    Action, AgeBand, AgreementText, ChildId, EmailAddress, Id, PersonName, RoomId, RoomName, SettingId, SettingName, Timestamp, Timezone,
    UserId,
};
use nestling_platform::access::authorize;
use nestling_platform::http::{self, Problem};
use nestling_platform::invitations::{self, Invitee};
use nestling_platform::records::{
    AgreementRecord, AuditRecord, EmailRecord, ManagerContact, ManagersRecord, RoomRecord, RosterRecord, RosterRoom, SettingRecord,
};
use nestling_platform::store::{from_item, keys, to_item, Change, Condition, Index, Path, Query};
use nestling_platform::writes::AuditAction;
use nestling_platform::{App, Audit, Commit};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

pub mod device_sessions;
pub mod devices;
pub mod school;

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
    /// When parents see attendance marks; 10:30 and 60 minutes when left out.
    pub attendance_publishing: Option<AttendancePublishing>,
    /// The premises networks (CIDR, at most 20); staff elsewhere are off premises (rule 8).
    /// None registered means every staff request is off premises.
    #[serde(default)]
    pub networks: Vec<String>,
    /// A nursery (when left out) or a school: year and tutor groups, the DfE's codes, points.
    #[serde(default)]
    pub kind: nestling_domain::school::SettingKind,
}

/// The premises networks, replaced whole.
#[derive(Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Networks {
    /// CIDR networks such as `203.0.113.0/24`, no wider than /16 (IPv4) or /32 (IPv6).
    pub networks: Vec<String>,
}

/// Parsed, normalised networks, or the validation problem.
fn premises_networks(raw: &[String]) -> Result<Vec<String>, Problem> {
    nestling_domain::premises::parse_networks(raw)
        .map(|n| n.iter().map(|n| n.to_string()).collect())
        .map_err(|e| Problem::invalid(e.to_string()))
}

/// Rule 12: parents see a mark `delayMinutes` after it was made (15 at least), and marks made
/// before `morningAt` (local HH:MM) not before then.
#[derive(Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AttendancePublishing {
    pub morning_at: String,
    pub delay_minutes: u32,
}

impl AttendancePublishing {
    fn check(self) -> Result<Self, Problem> {
        let format = time::macros::format_description!("[hour]:[minute]");
        if time::Time::parse(&self.morning_at, &format).is_err() {
            return Err(Problem::invalid("attendancePublishing.morningAt must be a time HH:MM"));
        }
        let range = nestling_domain::care::MIN_PUBLISHING_DELAY_MINUTES..=nestling_domain::care::MAX_PUBLISHING_DELAY_MINUTES;
        if !range.contains(&self.delay_minutes) {
            return Err(Problem::invalid(format!("attendancePublishing.delayMinutes must be from {} to {}", range.start(), range.end())));
        }
        Ok(self)
    }
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
    #[schema(value_type = String)]
    pub id: SettingId,
    pub name: String,
    pub timezone: String,
    pub agreement_version: u32,
    pub attendance_publishing: AttendancePublishing,
    /// The premises networks: shown to managers only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub networks: Option<Vec<String>>,
    /// Practitioners' news-feed posts wait for a manager's approval.
    pub posts_need_approval: bool,
    /// Who is shown that a message was read, and the opening hours that hold staff emails.
    pub messaging: nestling_platform::records::MessagingPolicy,
    /// The EYFS framework the setting assesses against, once a manager chose it.
    pub framework: Option<nestling_domain::eyfs::Framework>,
    /// A nursery or a school.
    pub kind: nestling_domain::school::SettingKind,
    /// The EYFS (ratios, the learning journal, assessment) applies: every nursery, and a
    /// school that enabled its early years.
    pub eyfs_applies: bool,
    pub version: u64,
}

impl From<&SettingRecord> for SettingView {
    fn from(s: &SettingRecord) -> Self {
        Self {
            id: s.setting_id.clone(),
            name: s.name.clone(),
            timezone: s.timezone.clone(),
            agreement_version: s.agreement_version,
            attendance_publishing: AttendancePublishing {
                morning_at: s.attendance_publish_morning_at.clone(),
                delay_minutes: s.attendance_publish_delay_minutes,
            },
            networks: None,
            posts_need_approval: s.posts_need_approval,
            messaging: s.messaging.clone(),
            framework: s.framework,
            kind: s.setting_kind,
            eyfs_applies: s.eyfs_applies(),
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
    #[schema(value_type = String)]
    pub user_id: UserId,
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
        let address: Vec<_> = body.iter().map(|b| EmailRecord::key(b.manager.email.as_str())).collect();
        let auth = authorize(&app, &req, "settings-create", None, Action::CreateSetting, &address).await?;
        let body = body?;
        if let Some(answer) = auth.idempotency.as_ref().map(|i| i.replay()).transpose()?.flatten() {
            return Ok(auth.tag(answer));
        }
        let publishing = body
            .attendance_publishing
            .map(AttendancePublishing::check)
            .transpose()?
            .unwrap_or(AttendancePublishing { morning_at: "10:30".into(), delay_minutes: 60 });
        let now = app.clock.timestamp();
        let setting_id: SettingId = app.new_id();
        let setting = SettingRecord {
            pk: keys::setting(&setting_id),
            sk: keys::SETTING_META.into(),
            kind: "setting".into(),
            setting_id: setting_id.clone(),
            name: body.name.to_string(),
            timezone: body.timezone.as_str().into(),
            agreement_version: 1,
            attendance_publish_morning_at: publishing.morning_at,
            attendance_publish_delay_minutes: publishing.delay_minutes,
            networks: premises_networks(&body.networks)?,
            created_at: now,
            created_by: auth.caller.user_id.clone(),
            lockdown: None,
            posts_need_approval: false,
            messaging: Default::default(),
            framework: None,
            retention: Default::default(),
            setting_kind: body.kind,
            early_years: false,
            version: 1,
        };
        let [agreement, current_agreement] = AgreementRecord::new(&setting_id, 1, body.agreement_text.as_str(), &auth.caller.user_id, now);
        let invitee = Invitee {
            email: &body.manager.email,
            name: &body.manager.name,
            role: nestling_domain::Role::Manager,
            qualification_level: None,
            linked_child: None,
        };
        let known = auth.item(&EmailRecord::key(body.manager.email.as_str()));
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
        let mut batch = vec![
            app.store().put_new(to_item(&setting)),
            app.store().put_new(to_item(&agreement)),
            app.store().put_new(to_item(&current_agreement)),
            app.store().put_new(to_item(&RosterRecord::empty(&setting_id))),
        ];
        // The managers' list starts with the manager when their account is already live;
        // otherwise accepting the invitation adds them.
        let mut managers = ManagersRecord::empty(&setting_id);
        if invited.member.status == nestling_domain::MembershipStatus::Active {
            managers.managers.insert(
                invited.member.user_id.clone(),
                ManagerContact { name: invited.member.name.clone(), email: invited.member.email.clone() },
            );
        }
        batch.push(app.store().put_new(to_item(&managers)));
        Commit::new(&app, &auth, Audit::of(&setting_id, AuditAction::SettingCreate, format!("setting:{setting_id}")))
            .writes(batch)
            .writes(invited.writes)
            .on_conflict(invitations::conflict_problem)
            .answer(201, &answer, Some(1))
            .await
    })
    .await
}

/// GET /v1/settings/{settingId}
pub async fn get_setting(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("settings-get", req, |req| async move {
        let setting_id = http::path_id::<SettingId>(&req, "settingId")?;
        let auth = authorize(&app, &req, "settings-get", Some(&setting_id), Action::ViewSetting, &[]).await?;
        let setting = auth.setting();
        let mut view = SettingView::from(setting);
        if auth.is_manager() {
            view.networks = Some(setting.networks.clone());
        }
        Ok(auth.tag(http::with_version(200, &view, setting.version)))
    })
    .await
}

/// PUT /v1/settings/{settingId}/networks: a manager registers the premises networks (rule 8).
pub async fn set_networks(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("networks-set", req, |req| async move {
        let setting_id = http::path_id::<SettingId>(&req, "settingId")?;
        let auth = authorize(&app, &req, "networks-set", Some(&setting_id), Action::SetNetworks, &[]).await?;
        let body: Networks = http::json_body(&req)?;
        if let Some(answer) = auth.idempotency.as_ref().map(|i| i.replay()).transpose()?.flatten() {
            return Ok(auth.tag(answer));
        }
        let networks = premises_networks(&body.networks)?;
        let current = auth.setting().clone();
        let setting = SettingRecord { networks: networks.clone(), version: current.version + 1, ..current.clone() };
        let audit = Audit::of(&setting_id, AuditAction::NetworksSet, format!("setting:{setting_id}")).detail(networks.join(" "));
        let mut view = SettingView::from(&setting);
        view.networks = Some(networks);
        Commit::new(&app, &auth, audit)
            .write(app.store().put_versioned(to_item(&setting), current.version))
            .answer(200, &view, Some(setting.version))
            .await
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
    #[schema(value_type = String)]
    pub id: RoomId,
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
        let setting_id = http::path_id::<SettingId>(&req, "settingId")?;
        let roster_key = RosterRecord::key(&setting_id);
        let auth = authorize(&app, &req, "rooms-create", Some(&setting_id), Action::CreateRoom, std::slice::from_ref(&roster_key)).await?;
        if let Some(answer) = auth.idempotency.as_ref().map(|i| i.replay()).transpose()?.flatten() {
            return Ok(auth.tag(answer));
        }
        let body: NewRoom = http::json_body(&req)?;
        let rooms = auth.record::<RosterRecord>(&roster_key)?.map_or(0, |r| r.rooms.len());
        if rooms >= MAX_ROOMS_PER_SETTING {
            return Err(Problem::limit_reached(format!("a setting has at most {MAX_ROOMS_PER_SETTING} rooms")));
        }
        let room_id: RoomId = app.new_id();
        let room = RoomRecord {
            pk: keys::setting(&setting_id),
            sk: keys::room(&room_id),
            kind: "room".into(),
            setting_id: setting_id.clone(),
            room_id: room_id.clone(),
            name: body.name.to_string(),
            age_band: body.age_band,
            created_at: app.clock.timestamp(),
            created_by: auth.caller.user_id.clone(),
            version: 1,
        };
        let answer = RoomView::from(room.clone());
        // The roster names the rooms too, so the ratios and the register need no other read.
        let summary = RosterRoom { name: room.name.clone(), age_band: room.age_band };
        let roster = app
            .store()
            .change(&RosterRecord::key(&setting_id), Change::new().set(Path::new("rooms").key(room_id.as_str()), &summary).on_existing());
        Commit::new(&app, &auth, Audit::of(&setting_id, AuditAction::RoomCreate, format!("room:{room_id}")))
            .write(app.store().put_new(to_item(&room)))
            .write(roster)
            .answer(201, &answer, Some(1))
            .await
    })
    .await
}

/// GET /v1/settings/{settingId}/rooms
pub async fn list_rooms(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("rooms-list", req, |req| async move {
        let setting_id = http::path_id::<SettingId>(&req, "settingId")?;
        let (limit, cursor) = http::paging(&req)?;
        let auth = authorize(&app, &req, "rooms-list", Some(&setting_id), Action::ListRooms, &[]).await?;
        let page = app
            .store()
            .page_as::<RoomRecord>(
                Query::partition(Index::Table, keys::setting(&setting_id)).prefix(keys::ROOM_PREFIX).limit(limit),
                cursor.as_deref(),
            )
            .await?;
        let body = http::ListPage { items: page.items.into_iter().map(RoomView::from).collect(), next_cursor: page.next_cursor };
        Ok(auth.tag(http::ok(&body)))
    })
    .await
}

#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct AuditEntryView {
    #[schema(value_type = String)]
    pub at: Timestamp,
    pub actor_id: String,
    pub actor_role: String,
    pub action: String,
    pub object: String,
    #[schema(value_type = Vec<String>)]
    pub child_ids: Vec<ChildId>,
    pub detail: Option<String>,
    /// A member of staff acting from outside the setting's networks (rule 8).
    pub off_premises: bool,
    /// Done through a person's session on this paired device.
    pub device_id: Option<String>,
    pub request_id: String,
}

impl From<AuditRecord> for AuditEntryView {
    fn from(a: AuditRecord) -> Self {
        let mut child_ids = a.child_ids;
        if child_ids.is_empty() {
            child_ids.extend(a.child_id);
        }
        Self {
            at: a.at,
            actor_id: a.actor_id,
            actor_role: a.actor_role,
            action: a.action,
            object: a.object,
            child_ids,
            detail: a.detail,
            off_premises: a.off_premises,
            device_id: a.device_id,
            request_id: a.request_id,
        }
    }
}

/// An id given in the query string: the shape of the ids Nestling hands out, nothing else.
fn id_param<T: Id>(req: &Request, name: &str) -> http::ApiResult<Option<T>> {
    http::query_param(req, name).map(|v| http::body_id(name, &v)).transpose()
}

/// GET /v1/settings/{settingId}/audit?day=YYYY-MM-DD&childId=&userId=: managers read the
/// access log of one day (UTC; today by default), newest first, optionally for one child or
/// one person. Filtered pages may come back short; follow `nextCursor`.
pub async fn list_audit(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("audit-list", req, |req| async move {
        let setting_id = http::path_id::<SettingId>(&req, "settingId")?;
        let (limit, cursor) = http::paging(&req)?;
        let auth = authorize(&app, &req, "audit-list", Some(&setting_id), Action::ViewAudit, &[]).await?;
        let day = match http::query_param(&req, "day") {
            None => app.clock.now_rfc3339()[..10].to_string(),
            Some(d) => {
                let format = time::macros::format_description!("[year]-[month]-[day]");
                time::Date::parse(&d, &format).map_err(|_| http::Problem::invalid("day must be a date, YYYY-MM-DD"))?;
                d
            }
        };
        let child = id_param::<ChildId>(&req, "childId")?;
        let user = id_param::<UserId>(&req, "userId")?;
        // A line names one child (childId) or several (childIds).
        let by_child = |c: &ChildId| Condition::eq("childId", c).or(Condition::contains("childIds", c));
        let by_user = |u: &UserId| Condition::eq("actorId", u);
        let filter = match (&child, &user) {
            (None, None) => None,
            (Some(c), None) => Some(by_child(c)),
            (None, Some(u)) => Some(by_user(u)),
            (Some(c), Some(u)) => Some(by_child(c).and(by_user(u))),
        };
        let page = app
            .store()
            .page(
                Query::partition(Index::Table, keys::audit_day(&setting_id, &day)).limit(limit).newest_first(true).filter(filter),
                cursor.as_deref(),
            )
            .await?;
        let items =
            page.items.into_iter().map(from_item::<AuditRecord>).map(|r| r.map(AuditEntryView::from)).collect::<Result<Vec<_>, _>>()?;
        Ok(auth.tag(http::ok(&http::ListPage { items, next_cursor: page.next_cursor })))
    })
    .await
}

/// One kind of record in the setting's retention schedule.
#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct RetentionKindView {
    pub kind: RetainedKind,
    pub title: &'static str,
    /// How long the setting keeps it.
    pub period: KeptFor,
    /// The guidance's period.
    pub guidance: KeptFor,
    /// The shortest the setting may choose.
    pub least: KeptFor,
    /// Why the law requires keeping it at least `least`; absent where only the setting keeps it.
    pub legal_basis: Option<&'static str>,
}

/// The setting's retention schedule, every kind.
#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct RetentionView {
    pub kinds: Vec<RetentionKindView>,
    pub version: u64,
}

fn retention_view(setting: &SettingRecord) -> RetentionView {
    RetentionView {
        kinds: RetainedKind::ALL
            .into_iter()
            .map(|kind| RetentionKindView {
                kind,
                title: kind.title(),
                period: setting.retention.period(kind),
                guidance: kind.default_period(),
                least: kind.least_period(),
                legal_basis: kind.legal_basis(),
            })
            .collect(),
        version: setting.version,
    }
}

/// GET /v1/settings/{settingId}/retention: managers.
pub async fn get_retention(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("retention-get", req, |req| async move {
        let setting_id = http::path_id::<SettingId>(&req, "settingId")?;
        let auth = authorize(&app, &req, "retention-get", Some(&setting_id), Action::ManageRetention, &[]).await?;
        Ok(auth.tag(http::ok(&retention_view(auth.setting()))))
    })
    .await
}

/// A change to one kind's period.
#[derive(Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RetentionChange {
    pub kind: RetainedKind,
    pub period: KeptFor,
}

/// PUT /v1/settings/{settingId}/retention: a manager keeps one kind longer than the guidance
/// (or, where no law requires it, shorter); never shorter than the law (422, saying why).
pub async fn set_retention(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("retention-set", req, |req| async move {
        let setting_id = http::path_id::<SettingId>(&req, "settingId")?;
        let auth = authorize(&app, &req, "retention-set", Some(&setting_id), Action::ManageRetention, &[]).await?;
        let body: RetentionChange = http::json_body(&req)?;
        let current = auth.setting().clone();
        let retention = current.retention.clone().with(body.kind, body.period).map_err(|e| Problem::invalid(e.to_string()))?;
        let setting = SettingRecord { retention, version: current.version + 1, ..current.clone() };
        let detail = match body.period {
            KeptFor::UntilAge { months } => format!("{}: until {} months old", body.kind.title(), months),
            KeptFor::AfterLeaving { months } => format!("{}: {} months after leaving", body.kind.title(), months),
        };
        let audit = Audit::of(&setting_id, AuditAction::RetentionSet, format!("setting:{setting_id}")).detail(detail);
        Commit::new(&app, &auth, audit)
            .write(app.store().put_versioned(to_item(&setting), current.version))
            .answer(200, &retention_view(&setting), Some(setting.version))
            .await
    })
    .await
}

// The use case behind each of this area's route-table names (the local gateway serves them).
nestling_platform::routes! {
    "settings-create" => create_setting,
    "settings-get" => get_setting,
    "rooms-create" => create_room,
    "rooms-list" => list_rooms,
    "audit-list" => list_audit,
    "networks-set" => set_networks,
    "retention-get" => get_retention,
    "retention-set" => set_retention,
    "device-pairing-start" => devices::start_pairing,
    "device-pairing-get" => devices::pairing_status,
    "device-pair" => devices::pair_device,
    "devices-list" => devices::list_devices,
    "device-unpair" => devices::unpair_device,
    "device-get" => devices::device_self,
    "device-pin-get" => device_sessions::get_device_pin,
    "device-pin-set" => device_sessions::set_device_pin,
    "device-session-start" => device_sessions::start_device_session,
    "device-session-end" => device_sessions::end_device_session,
    "kiosk-pass-create" => device_sessions::create_kiosk_pass,
    "school-get" => school::get_school,
    "school-set" => school::set_school,
}

#[cfg(test)]
mod tests;

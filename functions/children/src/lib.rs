//! Children: managers register them; staff list and read them; managers and the key person
//! keep them up to date; managers place and lift safeguarding holds; parents with parental
//! responsibility record consents. Every read or change writes its access-log line in the
//! same request (rule 9).

pub mod problems;
use base64::Engine;
use lambda_http::{Body, Request, Response};
use nestling_domain::bounds::MAX_CHILDREN_PER_SETTING;
use nestling_domain::leaving::{self, DestinationKind};
use nestling_domain::{
    Action, ChildId, DateOfBirth, EmergencyContact, FirstName, FreeText, LastName, MembershipStatus, Notes, RoomId, SettingId, Timestamp,
    UserId, MAX_EMERGENCY_CONTACTS,
};
use nestling_platform::access::{authorize, authorize_child, Authorized};
use nestling_platform::http::{self, ApiResult, Problem};
use nestling_platform::records::{
    ChildRecord, ConsentsRecord, EmergencyContactRecord, HoldRecord, LeavingRecord, MemberRecord, RosterEntry, RosterRecord,
};
use nestling_platform::store::{keys, to_item, Change, Key, Path, Write};
use nestling_platform::writes::AuditAction;
use nestling_platform::{App, Audit, Commit};
pub use problems::ChildrenProblem;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::Arc;

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NewChild {
    #[schema(value_type = String)]
    pub first_name: FirstName,
    #[schema(value_type = String)]
    pub last_name: LastName,
    #[schema(value_type = String, format = Date)]
    pub date_of_birth: DateOfBirth,
    pub room_id: String,
    pub key_person_id: String,
    #[serde(default)]
    pub emergency_contacts: Vec<EmergencyContact>,
    #[schema(value_type = Option<String>)]
    pub medical_notes: Option<Notes>,
    #[schema(value_type = Option<String>)]
    pub dietary_notes: Option<Notes>,
}

/// Only the fields sent change. Notes are cleared with an empty string.
#[derive(Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ChildChanges {
    #[schema(value_type = Option<String>)]
    pub first_name: Option<FirstName>,
    #[schema(value_type = Option<String>)]
    pub last_name: Option<LastName>,
    #[schema(value_type = Option<String>, format = Date)]
    pub date_of_birth: Option<DateOfBirth>,
    pub room_id: Option<String>,
    pub key_person_id: Option<String>,
    pub emergency_contacts: Option<Vec<EmergencyContact>>,
    pub medical_notes: Option<String>,
    pub dietary_notes: Option<String>,
}

impl ChildChanges {
    fn reassigns(&self) -> bool {
        self.room_id.is_some() || self.key_person_id.is_some()
    }
    fn changed_fields(&self) -> Vec<&'static str> {
        let mut fields = Vec::new();
        let mut note = |present: bool, name: &'static str| {
            if present {
                fields.push(name)
            }
        };
        note(self.first_name.is_some(), "firstName");
        note(self.last_name.is_some(), "lastName");
        note(self.date_of_birth.is_some(), "dateOfBirth");
        note(self.room_id.is_some(), "roomId");
        note(self.key_person_id.is_some(), "keyPersonId");
        note(self.emergency_contacts.is_some(), "emergencyContacts");
        note(self.medical_notes.is_some(), "medicalNotes");
        note(self.dietary_notes.is_some(), "dietaryNotes");
        fields
    }
}

#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ChildView {
    #[schema(value_type = String)]
    pub child_id: ChildId,
    pub first_name: String,
    pub last_name: String,
    pub date_of_birth: String,
    #[schema(value_type = String)]
    pub room_id: RoomId,
    #[schema(value_type = String)]
    pub key_person_id: UserId,
    /// Who the key person is, as families know them (EYFS 3.27: parents are told).
    pub key_person_name: String,
    pub emergency_contacts: Vec<ContactView>,
    pub medical_notes: Option<String>,
    pub dietary_notes: Option<String>,
    /// Staff only: whether a safeguarding hold is in place, and why.
    pub safeguarding_hold: Option<HoldView>,
    /// Managers only: a legal hold keeping the child's records past the retention schedule.
    pub legal_hold: Option<HoldView>,
    pub consents: Option<ConsentsView>,
    pub leaving: Option<LeavingView>,
    pub version: u64,
}

/// The day a child leaves, where they go, and until when the family may read.
#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct LeavingView {
    #[schema(format = Date)]
    pub date: String,
    pub destination_kind: DestinationKind,
    pub destination: String,
    pub guardian_access_days: u16,
    /// The first day the family no longer has access.
    #[schema(format = Date)]
    pub access_ends_on: String,
    /// Whether the leaving date has come.
    pub left: bool,
}

fn leaving_view(leaving: &LeavingRecord, today: time::Date) -> Option<LeavingView> {
    let day = leaving.day()?;
    Some(LeavingView {
        date: leaving.date.clone(),
        destination_kind: leaving.destination_kind,
        destination: leaving.destination.clone(),
        guardian_access_days: leaving.guardian_access_days,
        access_ends_on: leaving::access_ends(day, leaving.guardian_access_days).to_string(),
        left: today >= day,
    })
}

#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ContactView {
    pub name: String,
    pub phone: String,
    pub relationship: String,
}

#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct HoldView {
    /// Managers only: safeguarding reasons are need-to-know.
    pub reason: Option<String>,
    #[schema(value_type = String)]
    pub placed_by: UserId,
    #[schema(value_type = String)]
    pub placed_at: Timestamp,
}

#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ConsentsView {
    pub photos_in_other_journals: bool,
    pub remote_staff_access: bool,
    #[schema(value_type = String)]
    pub set_by: UserId,
    #[schema(value_type = String)]
    pub set_at: Timestamp,
}

impl From<&ConsentsRecord> for ConsentsView {
    fn from(c: &ConsentsRecord) -> Self {
        Self {
            photos_in_other_journals: c.photos_in_other_journals,
            remote_staff_access: c.remote_staff_access,
            set_by: c.set_by.clone(),
            set_at: c.set_at,
        }
    }
}

fn hold_view(hold: &HoldRecord, manager: bool) -> HoldView {
    HoldView { reason: manager.then(|| hold.reason.clone()), placed_by: hold.placed_by.clone(), placed_at: hold.placed_at }
}

fn child_view(child: &ChildRecord, staff: bool, manager: bool, today: time::Date) -> ChildView {
    ChildView {
        child_id: child.child_id.clone(),
        first_name: child.first_name.clone(),
        last_name: child.last_name.clone(),
        date_of_birth: child.date_of_birth.clone(),
        room_id: child.room_id.clone(),
        key_person_id: child.key_person_id.clone(),
        key_person_name: child.key_person_name.clone(),
        emergency_contacts: child
            .emergency_contacts
            .iter()
            .map(|c| ContactView { name: c.name.clone(), phone: c.phone.clone(), relationship: c.relationship.clone() })
            .collect(),
        medical_notes: child.medical_notes.clone(),
        dietary_notes: child.dietary_notes.clone(),
        safeguarding_hold: child.hold.as_ref().filter(|_| staff).map(|h| hold_view(h, manager)),
        legal_hold: child.legal_hold.as_ref().filter(|_| manager).map(|h| hold_view(h, true)),
        consents: child.consents.as_ref().map(ConsentsView::from),
        leaving: child.leaving.as_ref().and_then(|l| leaving_view(l, today)),
        version: child.version,
    }
}

/// The child id in a stored answer being replayed.
fn replayed_child_id(answer: &Response<Body>) -> Option<ChildId> {
    serde_json::from_slice::<serde_json::Value>(answer.body().as_ref())
        .ok()
        .and_then(|v| v["childId"].as_str().and_then(|id| ChildId::parse(id).ok()))
}

fn contacts(list: Vec<EmergencyContact>) -> ApiResult<Vec<EmergencyContactRecord>> {
    if list.len() > MAX_EMERGENCY_CONTACTS {
        return Err(Problem::invalid(format!("at most {MAX_EMERGENCY_CONTACTS} emergency contacts")));
    }
    Ok(list
        .into_iter()
        .map(|c| EmergencyContactRecord {
            name: c.name.to_string(),
            phone: c.phone.as_str().into(),
            relationship: c.relationship.to_string(),
        })
        .collect())
}

fn room_key(setting_id: &SettingId, room_id: &RoomId) -> Key {
    Key::new(keys::setting(setting_id), keys::room(room_id))
}

/// The room and key person named by a request must exist in this setting (loaded with the
/// authorisation read, under the keys given).
/// Answers the key person's name (copied onto the child for the journal header).
fn check_placement(auth: &Authorized, room: Option<&Key>, key_person: Option<&Key>) -> ApiResult<Option<String>> {
    if let Some(key) = room {
        if auth.item(key).is_none() {
            return Err(Problem::invalid("roomId names no room of this setting"));
        }
    }
    if let Some(key) = key_person {
        let member: Option<MemberRecord> = auth.record(key)?;
        return match member {
            Some(m) if m.role.is_staff() && m.status == MembershipStatus::Active => Ok(Some(m.name)),
            _ => Err(Problem::invalid("keyPersonId must be an active member of staff of this setting")),
        };
    }
    Ok(None)
}

/// Today's date (UTC) for date-of-birth checks.
fn today(app: &App) -> time::Date {
    app.clock.now().date()
}

/// Writes (or rewrites) the child's line in the setting's roster.
fn roster_entry(app: &App, setting_id: &SettingId, child_id: &ChildId, entry: &RosterEntry) -> Write {
    app.store().change(&RosterRecord::key(setting_id), Change::new().set(Path::new("children").key(child_id.as_str()), entry).on_existing())
}

/// POST /v1/settings/{settingId}/children
pub async fn register_child(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("children-register", req, |req| async move {
        let setting_id = http::path_id::<SettingId>(&req, "settingId")?;
        // Authorisation answers before validation: a caller who may not do this learns nothing.
        let body = http::json_body::<NewChild>(&req).and_then(|b| {
            let room_id: RoomId = http::body_id("roomId", &b.room_id)?;
            let key_person_id: UserId = http::body_id("keyPersonId", &b.key_person_id)?;
            Ok((b, room_id, key_person_id))
        });
        let roster_key = RosterRecord::key(&setting_id);
        let placement: Vec<Key> = match &body {
            Ok((_, room_id, key_person_id)) => vec![room_key(&setting_id, room_id), MemberRecord::key(&setting_id, key_person_id)],
            Err(_) => Vec::new(),
        };
        let extra: Vec<Key> = placement.iter().cloned().chain([roster_key.clone()]).collect();
        let auth = authorize(&app, &req, "children-register", Some(&setting_id), Action::RegisterChild, &extra).await?;
        let (body, room_id, key_person_id) = body?;
        if let Some(answer) = auth.idempotency.as_ref().map(|i| i.replay()).transpose()?.flatten() {
            // The replay shows the child again: that is a read of its data, logged as one.
            let child_id = replayed_child_id(&answer).ok_or_else(|| Problem::internal("replay", "the stored answer names no child"))?;
            Audit::child(&setting_id, AuditAction::ChildRegisterReplay, &child_id).log_read(&app, &auth).await?;
            return Ok(auth.tag(answer));
        }
        let key_person_name = check_placement(&auth, placement.first(), placement.get(1))?.unwrap_or_default();
        let children = auth.record::<RosterRecord>(&roster_key)?.map_or(0, |r| r.children.len());
        if children >= MAX_CHILDREN_PER_SETTING {
            return Err(Problem::limit_reached(format!("a setting has at most {MAX_CHILDREN_PER_SETTING} children on its roster")));
        }
        let date_of_birth = body.date_of_birth.check_on(today(&app))?;
        let now = app.clock.timestamp();
        let child_id: ChildId = app.new_id();
        let child = ChildRecord {
            pk: keys::setting(&setting_id),
            sk: keys::child(&child_id),
            kind: "child".into(),
            setting_id: setting_id.clone(),
            child_id: child_id.clone(),
            first_name: body.first_name.to_string(),
            last_name: body.last_name.to_string(),
            date_of_birth: date_of_birth.to_string(),
            room_id,
            key_person_id,
            key_person_name,
            emergency_contacts: contacts(body.emergency_contacts)?,
            medical_notes: body.medical_notes.map(String::from),
            dietary_notes: body.dietary_notes.map(String::from),
            guardians: BTreeMap::new(),
            hold: None,
            legal_hold: None,
            erasure: None,
            swept: Default::default(),
            consents: None,
            collectors: Vec::new(),
            medicine_permissions: BTreeMap::new(),
            senco_referral: None,
            leaving: None,
            booking_patterns: Vec::new(),
            gsi1pk: None,
            gsi1sk: None,
            created_at: now,
            created_by: auth.caller.user_id.clone(),
            updated_at: now,
            version: 1,
        };
        let answer = child_view(&child, true, true, auth.setting().today(auth.now));
        Commit::new(&app, &auth, Audit::child(&setting_id, AuditAction::ChildRegister, &child_id))
            .write(app.store().put_new(to_item(&child)))
            .write(roster_entry(&app, &setting_id, &child_id, &child.summary()))
            .answer(201, &answer, Some(1))
            .await
    })
    .await
}

#[derive(Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ChildSummary {
    #[schema(value_type = String)]
    pub child_id: ChildId,
    pub first_name: String,
    pub last_name: String,
    pub date_of_birth: String,
    #[schema(value_type = String)]
    pub room_id: RoomId,
    #[schema(value_type = String)]
    pub key_person_id: UserId,
    /// The leaving date, when one is recorded (the child has left once it is today or past).
    pub leaving_date: Option<String>,
}

/// Where a page of the roster resumes: after this (last name, first name, id).
fn encode_cursor(c: &ChildSummary) -> String {
    let raw = serde_json::to_vec(&(&c.last_name, &c.first_name, &c.child_id)).unwrap_or_default();
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(raw)
}

fn decode_cursor(cursor: &str) -> ApiResult<(String, String, String)> {
    base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(cursor)
        .ok()
        .and_then(|raw| serde_json::from_slice(&raw).ok())
        .ok_or_else(|| Problem::invalid("cursor is not one this API gave out"))
}

/// GET /v1/settings/{settingId}/children?roomId=&limit=&cursor=: staff only, by name. The
/// roster is read with the authorisation, and the children shown are logged by id.
pub async fn list_children(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("children-list", req, |req| async move {
        let setting_id = http::path_id::<SettingId>(&req, "settingId")?;
        let (limit, cursor) = http::paging(&req)?;
        let room = http::query_param(&req, "roomId");
        let roster_key = RosterRecord::key(&setting_id);
        let auth =
            authorize(&app, &req, "children-list", Some(&setting_id), Action::ListChildren, std::slice::from_ref(&roster_key)).await?;
        let after = cursor.as_deref().map(decode_cursor).transpose()?;
        let roster: RosterRecord = auth.record(&roster_key)?.unwrap_or_else(|| RosterRecord::empty(&setting_id));
        let mut all: Vec<ChildSummary> = roster
            .children
            .into_iter()
            .filter(|(_, e)| room.as_deref().is_none_or(|r| e.room_id == r))
            .map(|(child_id, e)| ChildSummary {
                child_id,
                first_name: e.first_name,
                last_name: e.last_name,
                date_of_birth: e.date_of_birth,
                room_id: e.room_id,
                key_person_id: e.key_person_id,
                leaving_date: e.leaving_date,
            })
            .collect();
        let order = |c: &ChildSummary| (c.last_name.to_lowercase(), c.first_name.to_lowercase(), c.child_id.to_string());
        all.sort_by_key(order);
        let start = match &after {
            Some((last, first, id)) => {
                let mark = (last.to_lowercase(), first.to_lowercase(), id.clone());
                all.iter().position(|c| order(c) > mark).unwrap_or(all.len())
            }
            None => 0,
        };
        let page: Vec<ChildSummary> = all.drain(start..).take(limit + 1).collect();
        let (items, next_cursor) = if page.len() > limit {
            let items: Vec<ChildSummary> = page.into_iter().take(limit).collect();
            let cursor = items.last().map(encode_cursor);
            (items, cursor)
        } else {
            (page, None)
        };
        if !items.is_empty() {
            let ids = items.iter().map(|c| c.child_id.clone()).collect();
            Audit::children(&setting_id, AuditAction::ChildrenList, ids).log_read(&app, &auth).await?;
        }
        Ok(auth.tag(http::ok(&http::ListPage { items, next_cursor })))
    })
    .await
}

/// GET /v1/settings/{settingId}/children/{childId}
pub async fn get_child(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("children-get", req, |req| async move {
        let setting_id = http::path_id::<SettingId>(&req, "settingId")?;
        let child_id = http::path_id::<ChildId>(&req, "childId")?;
        let auth = authorize_child(&app, &req, "children-get", &setting_id, &child_id, Action::ViewChild, &[]).await?;
        Audit::child(&setting_id, AuditAction::ChildView, &child_id).log_read(&app, &auth).await?;
        let child = auth.child();
        Ok(auth.tag(http::with_version(
            200,
            &child_view(child, auth.is_staff(), auth.is_manager(), auth.setting().today(auth.now)),
            child.version,
        )))
    })
    .await
}

fn optional_notes(raw: String) -> ApiResult<Option<String>> {
    if raw.trim().is_empty() {
        Ok(None)
    } else {
        Ok(Some(Notes::parse(&raw)?.to_string()))
    }
}

/// PATCH /v1/settings/{settingId}/children/{childId} with If-Match: managers, and the key
/// person for everything but room and key person.
pub async fn update_child(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("children-update", req, |req| async move {
        let setting_id = http::path_id::<SettingId>(&req, "settingId")?;
        let child_id = http::path_id::<ChildId>(&req, "childId")?;
        let body = http::json_body::<ChildChanges>(&req).and_then(|b| {
            let room_id: Option<RoomId> = b.room_id.as_deref().map(|room| http::body_id("roomId", room)).transpose()?;
            let key_person_id: Option<UserId> =
                b.key_person_id.as_deref().map(|person| http::body_id("keyPersonId", person)).transpose()?;
            Ok((b, room_id, key_person_id))
        });
        let (room, key_person) = match &body {
            Ok((_, room_id, key_person_id)) => {
                (room_id.as_ref().map(|r| room_key(&setting_id, r)), key_person_id.as_ref().map(|p| MemberRecord::key(&setting_id, p)))
            }
            Err(_) => (None, None),
        };
        let extra: Vec<Key> = room.iter().chain(&key_person).cloned().collect();
        let action = if body.as_ref().is_ok_and(|(b, _, _)| b.reassigns()) { Action::ReassignChild } else { Action::UpdateChild };
        let auth = authorize_child(&app, &req, "children-update", &setting_id, &child_id, action, &extra).await?;
        let (changes, room_id, key_person_id) = body?;
        let expected = http::if_match(&req)?;
        let fields = changes.changed_fields();
        if fields.is_empty() {
            return Err(Problem::invalid("send at least one field to change"));
        }
        let key_person_name = check_placement(&auth, room.as_ref(), key_person.as_ref())?;
        let current = auth.child().clone();
        if current.version != expected {
            return Err(Problem::from(ChildrenProblem::StaleVersion));
        }
        let mut child = current.clone();
        if let Some(v) = changes.first_name {
            child.first_name = v.to_string();
        }
        if let Some(v) = changes.last_name {
            child.last_name = v.to_string();
        }
        if let Some(v) = changes.date_of_birth {
            child.date_of_birth = v.check_on(today(&app))?.to_string();
        }
        if let Some(v) = room_id {
            child.room_id = v;
        }
        if let Some(v) = key_person_id {
            child.key_person_id = v;
            child.key_person_name = key_person_name.unwrap_or_default();
        }
        if let Some(v) = changes.emergency_contacts {
            child.emergency_contacts = contacts(v)?;
        }
        if let Some(v) = changes.medical_notes {
            child.medical_notes = optional_notes(v)?;
        }
        if let Some(v) = changes.dietary_notes {
            child.dietary_notes = optional_notes(v)?;
        }
        child.version = expected + 1;
        child.updated_at = app.clock.timestamp();
        let mut batch = vec![app.store().put_versioned(to_item(&child), expected)];
        if child.summary() != current.summary() {
            batch.push(roster_entry(&app, &setting_id, &child_id, &child.summary()));
        }
        Commit::new(&app, &auth, Audit::child(&setting_id, AuditAction::ChildUpdate, &child_id).detail(fields.join(",")))
            .writes(batch)
            .commit::<Problem>()
            .await?;
        Ok(auth.tag(http::with_version(200, &child_view(&child, true, auth.is_manager(), auth.setting().today(auth.now)), child.version)))
    })
    .await
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HoldRequest {
    #[schema(value_type = String)]
    pub reason: FreeText,
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HoldRelease {
    #[schema(value_type = String)]
    pub note: FreeText,
}

#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct HoldState {
    #[schema(value_type = String)]
    pub child_id: ChildId,
    pub safeguarding_hold: Option<HoldView>,
    /// Guardian links (not revoked) the hold suspends, or the lift restores.
    pub guardian_links: usize,
    pub version: u64,
}

/// Writes a new state of the child (version checked) with its audit line.
async fn save_child(app: &App, auth: &Authorized, child: &ChildRecord, action: AuditAction, detail: Option<String>) -> ApiResult<()> {
    let expected = auth.child().version;
    let audit = Audit::child(&child.setting_id, action, &child.child_id).maybe_detail(detail);
    // The roster carries the photo consent, read with every journal page.
    let roster =
        (child.summary() != auth.child().summary()).then(|| roster_entry(app, &child.setting_id, &child.child_id, &child.summary()));
    Commit::new(app, auth, audit).write(app.store().put_versioned(to_item(child), expected)).writes(roster).commit().await
}

fn hold_state(child: &ChildRecord) -> HoldState {
    HoldState {
        child_id: child.child_id.clone(),
        safeguarding_hold: child.hold.as_ref().map(|h| hold_view(h, true)),
        guardian_links: child.guardians.values().filter(|l| !l.is_revoked()).count(),
        version: child.version,
    }
}

/// POST /v1/settings/{settingId}/children/{childId}/safeguarding-hold: one write suspends
/// every guardian link of the child (rule 5); staff keep their access.
pub async fn place_hold(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("hold-place", req, |req| async move {
        let setting_id = http::path_id::<SettingId>(&req, "settingId")?;
        let child_id = http::path_id::<ChildId>(&req, "childId")?;
        let auth = authorize_child(&app, &req, "hold-place", &setting_id, &child_id, Action::PlaceHold, &[]).await?;
        let body: HoldRequest = http::json_body(&req)?;
        if auth.child().hold.is_some() {
            return Err(Problem::from(ChildrenProblem::AlreadyHeld));
        }
        let now = app.clock.timestamp();
        let mut child = auth.child().clone();
        child.hold = Some(HoldRecord { reason: body.reason.to_string(), placed_by: auth.caller.user_id.clone(), placed_at: now });
        child.version += 1;
        child.updated_at = now;
        save_child(&app, &auth, &child, AuditAction::SafeguardingHoldPlace, Some(body.reason.to_string())).await?;
        Ok(auth.tag(http::with_version(200, &hold_state(&child), child.version)))
    })
    .await
}

/// DELETE /v1/settings/{settingId}/children/{childId}/safeguarding-hold: the links active
/// before come back as they were (nothing else was changed by the hold).
pub async fn lift_hold(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("hold-lift", req, |req| async move {
        let setting_id = http::path_id::<SettingId>(&req, "settingId")?;
        let child_id = http::path_id::<ChildId>(&req, "childId")?;
        let auth = authorize_child(&app, &req, "hold-lift", &setting_id, &child_id, Action::LiftHold, &[]).await?;
        let body: HoldRelease = http::json_body(&req)?;
        let Some(hold) = auth.child().hold.clone() else {
            return Err(Problem::from(ChildrenProblem::NotHeld));
        };
        let mut child = auth.child().clone();
        child.hold = None;
        child.version += 1;
        child.updated_at = app.clock.timestamp();
        let detail = format!("placed {} by {}; lifted: {}", hold.placed_at, hold.placed_by, body.note);
        save_child(&app, &auth, &child, AuditAction::SafeguardingHoldLift, Some(detail)).await?;
        Ok(auth.tag(http::with_version(200, &hold_state(&child), child.version)))
    })
    .await
}

/// Why the child's records are kept past the retention schedule.
#[derive(Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LegalHoldRequest {
    /// The claim, inquiry or request it is for.
    #[schema(value_type = String)]
    pub reason: FreeText,
}

#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct LegalHoldState {
    #[schema(value_type = String)]
    pub child_id: ChildId,
    pub legal_hold: Option<HoldView>,
    pub version: u64,
}

fn legal_hold_state(child: &ChildRecord) -> LegalHoldState {
    LegalHoldState {
        child_id: child.child_id.clone(),
        legal_hold: child.legal_hold.as_ref().map(|h| hold_view(h, true)),
        version: child.version,
    }
}

/// POST /v1/settings/{settingId}/children/{childId}/legal-hold: a manager keeps the child's
/// records past the retention schedule until the hold is lifted (the sweep passes them by).
pub async fn place_legal_hold(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("legal-hold-place", req, |req| async move {
        let setting_id = http::path_id::<SettingId>(&req, "settingId")?;
        let child_id = http::path_id::<ChildId>(&req, "childId")?;
        let auth = authorize_child(&app, &req, "legal-hold-place", &setting_id, &child_id, Action::PlaceLegalHold, &[]).await?;
        let body: LegalHoldRequest = http::json_body(&req)?;
        if auth.child().legal_hold.is_some() {
            return Err(Problem::from(ChildrenProblem::AlreadyLegallyHeld));
        }
        let now = app.clock.timestamp();
        let mut child = auth.child().clone();
        child.legal_hold = Some(HoldRecord { reason: body.reason.to_string(), placed_by: auth.caller.user_id.clone(), placed_at: now });
        child.version += 1;
        child.updated_at = now;
        save_child(&app, &auth, &child, AuditAction::LegalHoldPlace, Some(body.reason.to_string())).await?;
        Ok(auth.tag(http::with_version(200, &legal_hold_state(&child), child.version)))
    })
    .await
}

/// DELETE /v1/settings/{settingId}/children/{childId}/legal-hold: the schedule applies again
/// (what expired meanwhile goes at the next sweep).
pub async fn lift_legal_hold(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("legal-hold-lift", req, |req| async move {
        let setting_id = http::path_id::<SettingId>(&req, "settingId")?;
        let child_id = http::path_id::<ChildId>(&req, "childId")?;
        let auth = authorize_child(&app, &req, "legal-hold-lift", &setting_id, &child_id, Action::PlaceLegalHold, &[]).await?;
        let body: HoldRelease = http::json_body(&req)?;
        let Some(hold) = auth.child().legal_hold.clone() else {
            return Err(Problem::from(ChildrenProblem::NotLegallyHeld));
        };
        let mut child = auth.child().clone();
        child.legal_hold = None;
        child.version += 1;
        child.updated_at = app.clock.timestamp();
        let detail = format!("placed {} by {}: {}; lifted: {}", hold.placed_at, hold.placed_by, hold.reason, body.note);
        save_child(&app, &auth, &child, AuditAction::LegalHoldLift, Some(detail)).await?;
        Ok(auth.tag(http::with_version(200, &legal_hold_state(&child), child.version)))
    })
    .await
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Consents {
    pub photos_in_other_journals: bool,
    pub remote_staff_access: bool,
}

/// PUT /v1/settings/{settingId}/children/{childId}/consents: a parent with parental
/// responsibility, through a live link.
pub async fn set_consents(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("consents-set", req, |req| async move {
        let setting_id = http::path_id::<SettingId>(&req, "settingId")?;
        let child_id = http::path_id::<ChildId>(&req, "childId")?;
        let auth = authorize_child(&app, &req, "consents-set", &setting_id, &child_id, Action::SetConsents, &[]).await?;
        let body: Consents = http::json_body(&req)?;
        let now = app.clock.timestamp();
        let mut child = auth.child().clone();
        let consents = ConsentsRecord {
            photos_in_other_journals: body.photos_in_other_journals,
            remote_staff_access: body.remote_staff_access,
            set_by: auth.caller.user_id.clone(),
            set_at: now,
        };
        child.consents = Some(consents.clone());
        child.version += 1;
        child.updated_at = now;
        let detail = format!("photosInOtherJournals={} remoteStaffAccess={}", body.photos_in_other_journals, body.remote_staff_access);
        save_child(&app, &auth, &child, AuditAction::ConsentsSet, Some(detail)).await?;
        Ok(auth.tag(http::with_version(200, &ConsentsView::from(&consents), child.version)))
    })
    .await
}

// The use case behind each of this area's route-table names (the local gateway serves them).
/// The leaving date and where the child goes; the family's reading period defaults to the
/// setting's usual 90 days.
#[derive(Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LeavingRequest {
    #[schema(format = Date)]
    pub date: String,
    pub destination_kind: DestinationKind,
    #[schema(value_type = String)]
    pub destination: nestling_domain::Destination,
    pub guardian_access_days: Option<u16>,
}

/// PUT /v1/settings/{settingId}/children/{childId}/leaving (managers, with If-Match): records
/// or changes the leaving date. From that date the child is off the register and their family
/// may only read, until access ends.
pub async fn set_leaving(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("leaving-set", req, |req| async move {
        let setting_id = http::path_id::<SettingId>(&req, "settingId")?;
        let child_id = http::path_id::<ChildId>(&req, "childId")?;
        let auth = authorize_child(&app, &req, "leaving-set", &setting_id, &child_id, Action::SetLeaving, &[]).await?;
        let body: LeavingRequest = http::json_body(&req)?;
        if http::if_match(&req)? != auth.child().version {
            return Err(Problem::from(ChildrenProblem::StaleVersion));
        }
        let today = auth.setting().today(auth.now);
        let date = time::Date::parse(&body.date, &time::format_description::well_known::Iso8601::DATE)
            .map_err(|_| Problem::invalid("date must be a date (YYYY-MM-DD)"))?;
        let days = body.guardian_access_days.unwrap_or(leaving::DEFAULT_GUARDIAN_ACCESS_DAYS);
        leaving::check_leaving(date, days, today).map_err(Problem::invalid)?;
        let now = app.clock.timestamp();
        let mut child = auth.child().clone();
        child.leaving = Some(LeavingRecord {
            date: date.to_string(),
            destination_kind: body.destination_kind,
            destination: body.destination.to_string(),
            guardian_access_days: days,
            recorded_by: auth.caller.user_id.clone(),
            recorded_at: now,
        });
        // On the index the morning notice reads (moved with the date; re-set if the date changes).
        (child.gsi1pk, child.gsi1sk) = notices::notice_index(&child).unzip();
        child.version += 1;
        child.updated_at = now;
        let detail = format!("leaving {date} for {:?}; family access {days} days", body.destination_kind);
        save_child(&app, &auth, &child, AuditAction::LeavingSet, Some(detail)).await?;
        Ok(auth.tag(http::with_version(200, &child_view(&child, true, true, today), child.version)))
    })
    .await
}

/// DELETE /v1/settings/{settingId}/children/{childId}/leaving (managers, with If-Match): the
/// child is staying after all. Once the leaving date has passed it cannot be undone here: the
/// family's access and the journey sent are facts by then.
pub async fn cancel_leaving(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("leaving-cancel", req, |req| async move {
        let setting_id = http::path_id::<SettingId>(&req, "settingId")?;
        let child_id = http::path_id::<ChildId>(&req, "childId")?;
        let auth = authorize_child(&app, &req, "leaving-cancel", &setting_id, &child_id, Action::SetLeaving, &[]).await?;
        if http::if_match(&req)? != auth.child().version {
            return Err(Problem::from(ChildrenProblem::StaleVersion));
        }
        let today = auth.setting().today(auth.now);
        let Some(recorded) = auth.child().leaving.clone() else {
            return Err(Problem::from(ChildrenProblem::NotLeaving));
        };
        if recorded.day().is_some_and(|d| d <= today) {
            return Err(Problem::from(ChildrenProblem::AlreadyLeft));
        }
        let now = app.clock.timestamp();
        let mut child = auth.child().clone();
        child.leaving = None;
        (child.gsi1pk, child.gsi1sk) = (None, None);
        child.version += 1;
        child.updated_at = now;
        save_child(&app, &auth, &child, AuditAction::LeavingCancel, Some(format!("was leaving {}", recorded.date))).await?;
        Ok(auth.tag(http::with_version(200, &child_view(&child, true, true, today), child.version)))
    })
    .await
}

pub mod notices;
pub mod sweep;

nestling_platform::routes! {
    "leaving-set" => set_leaving,
    "leaving-cancel" => cancel_leaving,
    "children-register" => register_child,
    "children-list" => list_children,
    "children-get" => get_child,
    "children-update" => update_child,
    "hold-place" => place_hold,
    "hold-lift" => lift_hold,
    "legal-hold-place" => place_legal_hold,
    "legal-hold-lift" => lift_legal_hold,
    "consents-set" => set_consents,
}

#[cfg(test)]
mod tests;

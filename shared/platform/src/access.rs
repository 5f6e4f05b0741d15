//! Authorisation against the table as it is now: one BatchGetItem loads the caller, their
//! membership of the setting in the path, the setting, any records the use case needs and any
//! stored idempotent answer; the domain's `decide` then says yes or no.

use crate::app::App;
use crate::device_access;
use crate::http::{self, ApiResult, Caller, LoggedRole, Problem};
use crate::records::{
    ChildRecord, DeviceRecord, DeviceSessionRecord, IdempotencyRecord, MemberRecord, RosterRecord, SettingRecord, UserRecord,
};
use crate::store::{from_item, Item, Key};
use lambda_http::{Body, Request, Response};
use nestling_domain::access::{decide, Action, Decision, Principal};
use nestling_domain::journal::MediaViewer;
use nestling_domain::premises;
use nestling_domain::{ChildId, SettingId};
use sha2::{Digest, Sha256};
use std::collections::BTreeSet;

/// What a use case learns from authorisation.
pub struct Authorized {
    pub caller: Caller,
    pub user: Option<UserRecord>,
    /// Present for setting-scoped actions.
    pub setting: Option<SettingRecord>,
    pub member: Option<MemberRecord>,
    /// The child of a child-scoped action (always loaded when access was granted).
    pub child: Option<ChildRecord>,
    /// The further items the use case asked to load with the authorisation, by key.
    loaded: Vec<(Key, Option<Item>)>,
    pub idempotency: Option<Idempotency>,
    pub request_id: String,
    /// The caller as decided on, for decisions about further children in the same request.
    pub principal: Principal,
    /// A member of staff acting from outside the setting's networks (rule 8).
    pub off_premises: bool,
    /// When the request was decided on (the setting's today follows from it).
    pub now: time::OffsetDateTime,
    /// The paired device the caller's PIN'd session is on, for requests made through one.
    pub device: Option<OnDevice>,
}

/// A person acting through their session on one of the setting's paired devices.
#[derive(Debug, Clone)]
pub struct OnDevice {
    pub device_id: String,
    pub device_name: String,
    pub mode: nestling_domain::devices::DeviceMode,
}

/// Who a caller is to media, holding the sets a `MediaViewer` borrows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MediaAudience {
    Staff,
    RemoteStaff(BTreeSet<ChildId>),
    Family(BTreeSet<ChildId>),
}

impl MediaAudience {
    pub fn viewer(&self) -> MediaViewer<'_> {
        match self {
            MediaAudience::Staff => MediaViewer::Staff,
            MediaAudience::RemoteStaff(reachable) => MediaViewer::RemoteStaff { reachable },
            MediaAudience::Family(children) => MediaViewer::Parent { children },
        }
    }
}

impl Authorized {
    /// The item loaded under `key` with the authorisation (None when there is none; a key not
    /// asked for is a bug, and reads as none).
    pub fn item(&self, key: &Key) -> Option<Item> {
        self.loaded.iter().find(|(k, _)| k == key).and_then(|(_, item)| item.clone())
    }
    /// The record loaded under `key`, read as a `T`.
    pub fn record<T: serde::de::DeserializeOwned>(&self, key: &Key) -> Result<Option<T>, crate::store::StoreError> {
        self.item(key).map(from_item).transpose()
    }
    /// The records loaded under each of `keys`, in their order.
    pub fn records<T: serde::de::DeserializeOwned>(&self, keys: &[Key]) -> Result<Vec<Option<T>>, crate::store::StoreError> {
        keys.iter().map(|k| self.record(k)).collect()
    }
    pub fn role_name(&self) -> &'static str {
        match &self.member {
            Some(m) => m.role.as_str(),
            None if self.user.as_ref().is_some_and(|u| u.operator) => "operator",
            None => "none",
        }
    }
    /// The setting of a setting-scoped action (always loaded when access was granted).
    pub fn setting(&self) -> &SettingRecord {
        self.setting.as_ref().expect("setting-scoped actions load the setting")
    }
    pub fn member(&self) -> &MemberRecord {
        self.member.as_ref().expect("setting-scoped actions load the membership")
    }
    pub fn child(&self) -> &ChildRecord {
        self.child.as_ref().expect("child-scoped actions load the child")
    }
    pub fn is_manager(&self) -> bool {
        self.member.as_ref().is_some_and(|m| m.role == nestling_domain::Role::Manager)
    }
    pub fn is_staff(&self) -> bool {
        self.member.as_ref().is_some_and(|m| m.role.is_staff())
    }
    /// Who the caller is to photos and videos, for the one media rule (`nestling_domain::
    /// journal::{shown_on_page, may_view_media}`): staff; a practitioner off the premises with
    /// the children they may reach from there (rule 8); or a family with `own`, the children
    /// they may see (a page's child, or those checked live for a direct link).
    pub fn media_audience(&self, roster: Option<&RosterRecord>, own: BTreeSet<ChildId>) -> MediaAudience {
        if !self.is_staff() {
            return MediaAudience::Family(own);
        }
        if !self.off_premises || self.is_manager() {
            return MediaAudience::Staff;
        }
        let reachable = roster
            .map(|r| {
                r.children
                    .iter()
                    .filter(|(_, e)| e.key_person_id == self.caller.user_id && e.remote_staff_access)
                    .map(|(id, _)| id.clone())
                    .collect()
            })
            .unwrap_or_default();
        MediaAudience::RemoteStaff(reachable)
    }
    /// The decision `action` would get about another child loaded by the use case (an
    /// observation's children, a photo's tags).
    pub fn decide_for(&self, child: &ChildRecord, action: Action) -> Decision {
        if child.setting_id != self.setting().setting_id {
            return Decision::Hidden;
        }
        let today = self.setting().today(self.now);
        decide(&Principal { child: Some(child.relation_of(&self.caller.user_id, today)), ..self.principal }, action)
    }
    /// The action to decide on each child a journal action of the caller's concerns: staff
    /// read each child's journal (which weighs rule 8 off the premises); a family's writes
    /// add to it (`Action::on_each_child`).
    pub fn on_each_child(&self, action: Action) -> Action {
        if self.is_staff() {
            Action::ViewJournal
        } else {
            action.on_each_child()
        }
    }
    /// A second action of the same request about the child it was authorised for (a family's
    /// comment on the journal it reached), decided on the same state.
    pub fn also_allowed_on_child(&self, action: Action) -> ApiResult<()> {
        match self.decide_for(self.child(), action) {
            Decision::Allow => Ok(()),
            decision => Err(refusal(decision, self.setting.as_ref())),
        }
    }
    /// A second action of the same request, about the setting rather than the child the
    /// request was authorised for (a child's journal reached, then its comments listed): it
    /// must be allowed too, decided on the same state.
    pub fn also_allowed(&self, action: Action) -> ApiResult<()> {
        match decide(&Principal { child: None, ..self.principal }, action) {
            Decision::Allow => Ok(()),
            decision => Err(refusal(decision, self.setting.as_ref())),
        }
    }
    /// Tags a response with the caller's role for the request log line.
    pub fn tag(&self, mut response: Response<Body>) -> Response<Body> {
        response.extensions_mut().insert(LoggedRole(self.role_name()));
        response
    }
}

/// The client's Idempotency-Key and, when this is a retry, the answer stored the first time.
pub struct Idempotency {
    pub key: String,
    pub request_hash: String,
    pub stored: Option<IdempotencyRecord>,
}

impl Idempotency {
    /// The stored answer for a retry of the same request; 422 when the key was used for a
    /// different request.
    pub fn replay(&self) -> ApiResult<Option<Response<Body>>> {
        match &self.stored {
            None => Ok(None),
            Some(record) if record.request_hash == self.request_hash => {
                Ok(Some(http::raw_json_response(record.status, record.body.clone(), record.resource_version)))
            }
            Some(_) => Err(Problem::new(422, "idempotency-key-reused", "This Idempotency-Key was already used for a different request")),
        }
    }
}

/// Loads and decides in one round trip. Setting-scoped actions pass `Some(setting_id)`.
pub async fn authorize(
    app: &App,
    req: &Request,
    route: &str,
    setting_id: Option<&SettingId>,
    action: Action,
    extra: &[Key],
) -> ApiResult<Authorized> {
    authorize_for(app, req, route, setting_id, None, action, extra).await
}

/// As `authorize`, for an action on one child: the child is loaded in the same round trip and
/// the caller's relation to it (key person, own guardian link, hold) joins the decision.
pub async fn authorize_child(
    app: &App,
    req: &Request,
    route: &str,
    setting_id: &SettingId,
    child_id: &ChildId,
    action: Action,
    extra: &[Key],
) -> ApiResult<Authorized> {
    authorize_for(app, req, route, Some(setting_id), Some(child_id), action, extra).await
}

async fn authorize_for(
    app: &App,
    req: &Request,
    route: &str,
    setting_id: Option<&SettingId>,
    child_id: Option<&ChildId>,
    action: Action,
    extra: &[Key],
) -> ApiResult<Authorized> {
    // The route table says who may call: a person signed in (API Gateway verified their
    // token), or a person's PIN'd session on one of the setting's paired devices (routes the
    // gateway passes through, checked below). A device route never takes a person's token,
    // nor a person's route a device's credential.
    let (caller, on_device) = if http::route_auth(req) == Some(nestling_domain::routes::Auth::Device) {
        let (credential, session) = device_access::device_and_session(req).ok_or_else(device_access::not_paired)?;
        (Caller { user_id: session.user_id.clone() }, Some((credential, session)))
    } else {
        (http::caller(req)?, None)
    };
    let idempotency_key = http::idempotency_key(req)?;
    let mut keys = vec![UserRecord::key(&caller.user_id)];
    if let Some(sid) = setting_id {
        keys.push(SettingRecord::key(sid));
        keys.push(MemberRecord::key(sid, &caller.user_id));
        if let Some(cid) = child_id {
            keys.push(ChildRecord::key(sid, cid));
        }
    }
    let extra_start = keys.len();
    keys.extend(extra.iter().cloned());
    if let Some((credential, _)) = &on_device {
        keys.push(DeviceRecord::key(&credential.setting_id, &credential.device_id));
        keys.push(DeviceSessionRecord::key(&credential.setting_id, &credential.device_id));
    }
    if let Some(k) = &idempotency_key {
        keys.push(IdempotencyRecord::key(&caller.user_id, k));
    }
    let mut found = app.store().get_many(&keys).await?;
    let stored_answer = match &idempotency_key {
        Some(_) => found.pop().flatten(),
        None => None,
    };
    let device_items = match &on_device {
        Some(_) => {
            let session = found.pop().flatten();
            Some((found.pop().flatten(), session))
        }
        None => None,
    };
    let loaded: Vec<(Key, Option<Item>)> = extra.iter().cloned().zip(found.split_off(extra_start)).collect();
    let mut found = found.into_iter();
    let user: Option<UserRecord> = found.next().flatten().map(from_item).transpose()?;
    let (setting, member) = if setting_id.is_some() {
        let setting: Option<SettingRecord> = found.next().flatten().map(from_item).transpose()?;
        let member: Option<MemberRecord> = found.next().flatten().map(from_item).transpose()?;
        (setting, member)
    } else {
        (None, None)
    };
    let child: Option<ChildRecord> = match (setting_id, child_id) {
        (Some(_), Some(_)) => found.next().flatten().map(from_item).transpose()?,
        _ => None,
    };

    let now = app.clock.now();
    // Through a device: the device as it is now (paired, on the premises, of this setting) and
    // the person's session on it (theirs, open), or nothing is decided at all.
    let device = match (on_device, device_items) {
        (Some((credential, token)), Some((device, session))) => {
            let stored = device_access::StoredDevice { device, session };
            Some(device_access::check_session(app, req, setting_id, setting.as_ref(), &credential, &token, stored, now).await?)
        }
        _ => None,
    };
    // Rule 8: where a member of staff is, from the address API Gateway saw.
    let staff = member.as_ref().is_some_and(|m| m.role.is_staff());
    let off_premises =
        staff && device.is_none() && setting.as_ref().is_some_and(|s| !premises::on_premises(&s.networks, http::source_ip(req).as_deref()));
    let principal = Principal {
        off_premises,
        ..principal_of(
            &caller.user_id,
            user.as_ref(),
            setting.as_ref(),
            member.as_ref(),
            child.as_ref(),
            now,
            device.as_ref().map(|d| d.mode),
        )
    };
    let decision = if setting_id.is_some() && setting.is_none() { Decision::Hidden } else { decide(&principal, action) };
    let request_id = http::request_id(req);
    if decision != Decision::Allow {
        tracing::warn!(
            actor = %caller.user_id,
            object = match (setting_id, child_id) {
                (Some(s), Some(c)) => format!("setting:{s}/child:{c}"),
                (Some(s), None) => format!("setting:{s}"),
                _ => String::new(),
            },
            route,
            action = ?action,
            decision = ?decision,
            off_premises,
            device = device.as_ref().map_or("", |d| d.device_id.as_str()),
            at = %app.clock.now_rfc3339(),
            request_id = %request_id,
            "denied"
        );
        return Err(refusal(decision, setting.as_ref()));
    }
    let idempotency = idempotency_key.map(|key| Idempotency {
        key,
        request_hash: request_hash(route, req.method().as_str(), req.uri().path(), req.body().as_ref()),
        stored: stored_answer.and_then(|item| from_item(item).ok()),
    });
    Ok(Authorized { caller, user, setting, member, child, loaded, idempotency, request_id, principal, off_premises, now, device })
}

/// The caller as the records loaded describe them (on the premises: the caller sets
/// `off_premises` from where the request came).
pub fn principal_of(
    user_id: &nestling_domain::UserId,
    user: Option<&UserRecord>,
    setting: Option<&SettingRecord>,
    member: Option<&MemberRecord>,
    child: Option<&ChildRecord>,
    now: time::OffsetDateTime,
    device: Option<nestling_domain::devices::DeviceMode>,
) -> Principal {
    let current_agreement = setting.map(|s| s.agreement_version).unwrap_or(u32::MAX);
    Principal {
        operator: user.is_some_and(|u| u.operator),
        // Memberships of unknown settings or of people without an account count for nothing.
        membership: match (setting, user) {
            (Some(_), Some(_)) => member.map(MemberRecord::membership),
            _ => None,
        },
        agreement_accepted: member.and_then(|m| m.accepted_agreement_version).is_some_and(|v| v >= current_agreement),
        live_link: member.is_some_and(|m| !m.linked_children.is_empty()),
        child: child.zip(setting).map(|(c, s)| c.relation_of(user_id, s.today(now))),
        lockdown: setting.is_some_and(|s| s.lockdown.is_some()),
        off_premises: false,
        remote_attested: member
            .and_then(|m| m.remote_attestation.as_ref())
            .is_some_and(|a| premises::attestation_current(a.attested_at.at(), now)),
        mfa_enrolled: user.is_some_and(|u| u.mfa.is_some()),
        device,
    }
}

/// The authorisation and a read that does not depend on what it loads, in one round trip
/// (budget: two sequential round trips per request). The read's result is handed over only
/// once the authorisation allowed the request; a refusal wins over any error of the read.
pub async fn beside_authorisation<T, E>(
    authorisation: impl std::future::Future<Output = ApiResult<Authorized>>,
    read: impl std::future::Future<Output = Result<T, E>>,
) -> ApiResult<(Authorized, T)>
where
    Problem: From<E>,
{
    let (auth, read) = tokio::join!(authorisation, read);
    let auth = auth?;
    Ok((auth, read?))
}

/// The problem a refusal is answered with.
fn refusal(decision: Decision, setting: Option<&SettingRecord>) -> Problem {
    match decision {
        Decision::Hidden => Problem::not_found(),
        Decision::Revoked => Problem::access_revoked(),
        Decision::Suspended => Problem::access_suspended(),
        Decision::AgreementRequired => Problem::agreement_required(),
        Decision::RemoteAttestationRequired => {
            Problem::new(403, "remote-attestation-required", "Off the setting's premises, confirm your remote-access attestation first")
        }
        Decision::OffPremises => Problem::off_premises(),
        Decision::MfaRequired => Problem::mfa_required(),
        Decision::Lockdown => Problem::lockdown(setting.and_then(|s| s.lockdown.as_ref()).map_or("", |l| l.notice.as_str())),
        Decision::ChildLeft => Problem::new(403, "child-left", "The child has left the setting: their records may be read, not added to"),
        Decision::AccessEnded => {
            Problem::new(403, "access-ended", "The child left the setting and the family's access to their records has ended")
        }
        Decision::Forbidden | Decision::Allow => Problem::forbidden(),
    }
}

/// Fingerprint of a write: route, method, concrete path (so the same key sent to another
/// setting is a different request) and body.
pub fn request_hash(route: &str, method: &str, path: &str, body: &[u8]) -> String {
    let mut hasher = Sha256::new();
    for part in [route.as_bytes(), method.as_bytes(), path.as_bytes(), body] {
        hasher.update((part.len() as u64).to_be_bytes());
        hasher.update(part);
    }
    hex::encode(hasher.finalize())
}

/// Which of `child_ids` (children of the authorised setting) the caller may see the journal
/// of, checked on the children as they are now (links, revocation, holds), in one read. When
/// none, also the most telling refusal met (revoked or suspended), so the caller is told why.
pub async fn journal_children(
    app: &App,
    auth: &Authorized,
    action: Action,
    child_ids: &[ChildId],
) -> ApiResult<(std::collections::BTreeSet<ChildId>, Option<Decision>)> {
    let mut allowed = std::collections::BTreeSet::new();
    let mut refusal = None;
    if child_ids.is_empty() {
        return Ok((allowed, refusal));
    }
    let setting_id = &auth.setting().setting_id;
    let keys: Vec<Key> = child_ids.iter().map(|c| ChildRecord::key(setting_id, c)).collect();
    for item in app.store().get_many(&keys).await?.into_iter().flatten() {
        let child: ChildRecord = from_item(item)?;
        match auth.decide_for(&child, auth.on_each_child(action)) {
            Decision::Allow => {
                allowed.insert(child.child_id);
            }
            d @ (Decision::Revoked | Decision::Suspended | Decision::ChildLeft | Decision::AccessEnded) => refusal = Some(d),
            _ => {}
        }
    }
    Ok((allowed, refusal))
}

/// The problem for a refusal found by `journal_children`, or 404 when there was none to tell.
pub fn refusal_problem(found: Option<Decision>) -> Problem {
    match found {
        Some(d @ (Decision::Revoked | Decision::Suspended | Decision::ChildLeft | Decision::AccessEnded)) => refusal(d, None),
        _ => Problem::not_found(),
    }
}

//! The consequences every change writes in its own transaction: the audit line, the outbox
//! email, and the stored answer for idempotent retries.

use crate::access::Authorized;
use crate::app::App;
use crate::records::{AuditRecord, HeldEmailRecord, IdempotencyRecord, OutboxRecord, OutboxStatus, SettingRecord};
use crate::store::{keys, to_item, Write};
pub use nestling_domain::audit::AuditAction;
use nestling_domain::{ChildId, SettingId, UserId};

/// Who did something, for the audit line.
pub struct Actor<'a> {
    pub id: &'a str,
    pub role: &'a str,
    pub request_id: &'a str,
    /// Staff acting from outside the setting's networks: marked so in the log (rule 8).
    pub off_premises: bool,
    /// A person acting through a session on one of the setting's paired devices.
    pub device_id: Option<&'a str>,
}

/// An audit line for the setting the caller acted in.
pub fn audit(app: &App, auth: &Authorized, setting_id: &SettingId, action: AuditAction, object: &str, detail: Option<String>) -> Write {
    audit_by(app, &actor(auth), setting_id, action, object, detail)
}

/// The authorised caller as the actor of an audit line.
fn actor(auth: &Authorized) -> Actor<'_> {
    Actor {
        id: auth.caller.user_id.as_str(),
        role: auth.role_name(),
        request_id: &auth.request_id,
        off_premises: auth.off_premises,
        device_id: auth.device.as_ref().map(|d| d.device_id.as_str()),
    }
}

pub fn audit_by(app: &App, actor: &Actor<'_>, setting_id: &SettingId, action: AuditAction, object: &str, detail: Option<String>) -> Write {
    audit_record(app, actor, setting_id, action, object, Vec::new(), detail)
}

/// A line by an actor that is not a request's caller (a background function), naming the
/// children concerned.
pub fn audit_by_about(
    app: &App,
    actor: &Actor<'_>,
    setting_id: &SettingId,
    action: AuditAction,
    object: &str,
    child_ids: Vec<ChildId>,
    detail: Option<String>,
) -> Write {
    audit_record(app, actor, setting_id, action, object, child_ids, detail)
}

/// An access-log line about one child's data (rule 9): read or changed.
pub fn audit_child(
    app: &App,
    auth: &Authorized,
    setting_id: &SettingId,
    action: AuditAction,
    child_id: &ChildId,
    detail: Option<String>,
) -> Write {
    audit_record(app, &actor(auth), setting_id, action, &format!("child:{child_id}"), vec![child_id.clone()], detail)
}

/// An access-log line about several children at once (a list): each is named, so a search by
/// child finds it.
pub fn audit_children(
    app: &App,
    auth: &Authorized,
    setting_id: &SettingId,
    action: AuditAction,
    child_ids: Vec<ChildId>,
    detail: Option<String>,
) -> Write {
    audit_record(app, &actor(auth), setting_id, action, "children", child_ids, detail)
}

fn audit_record(
    app: &App,
    actor: &Actor<'_>,
    setting_id: &SettingId,
    action: AuditAction,
    object: &str,
    child_ids: Vec<ChildId>,
    detail: Option<String>,
) -> Write {
    let at = app.clock.timestamp();
    let record = AuditRecord {
        pk: keys::audit_day(setting_id, &at.day_text()),
        sk: format!("{at}#{}", app.new_sortable_id()),
        kind: "audit".into(),
        setting_id: setting_id.clone(),
        actor_id: actor.id.into(),
        actor_role: actor.role.into(),
        action: action.as_str().into(),
        object: object.into(),
        child_id: (child_ids.len() == 1).then(|| child_ids[0].clone()),
        child_ids,
        detail,
        off_premises: actor.off_premises,
        device_id: actor.device_id.map(str::to_string),
        request_id: actor.request_id.into(),
        at,
    };
    app.store().put_new(to_item(&record))
}

/// Fails the transaction if the caller's membership (or, outside a setting, their account)
/// changed since authorisation: two managers revoking each other cannot both win.
pub fn caller_unchanged(app: &App, auth: &Authorized) -> Option<Write> {
    match (&auth.member, &auth.user) {
        (Some(member), _) => {
            Some(app.store().check_version(&crate::records::MemberRecord::key(&member.setting_id, &member.user_id), member.version))
        }
        (None, Some(user)) => Some(app.store().check_version(&crate::records::UserRecord::key(&user.user_id), user.version)),
        (None, None) => None,
    }
}

/// An email to send once the transaction commits.
pub struct Email {
    pub to: String,
    pub subject: String,
    pub text: String,
    pub html: String,
    pub purpose: &'static str,
    pub setting_id: Option<SettingId>,
}

pub fn outbox(app: &App, email: Email) -> Write {
    outbox_with_id(app, &app.new_sortable_id(), email)
}

/// An outbox item under a given id (derived from what caused it, so a redelivered cause cannot
/// write the email twice: the transaction fails on the existing id instead).
pub fn outbox_with_id(app: &App, id: &str, email: Email) -> Write {
    let Email { to, subject, text, html, purpose, setting_id } = email;
    pending(app, id, setting_id, to, subject, text, html, purpose.into())
}

/// One push message to each device `user` asked to be notified on, under ids derived from
/// the cause (a redelivered cause writes none twice). The message names the kind of news and
/// the setting's page only.
pub fn pushes(
    app: &App,
    user: &crate::records::UserRecord,
    cause: &str,
    topic: crate::push::PushTopic,
    setting_id: &SettingId,
) -> Vec<Write> {
    user.push_subscriptions
        .iter()
        .map(|s| {
            let id = format!("{cause}-{}", s.subscription_id);
            let record = crate::records::PushRecord {
                pk: keys::push(&id),
                sk: keys::PUSH_SK.into(),
                kind: "push".into(),
                push_id: id,
                user_id: user.user_id.clone(),
                subscription_id: s.subscription_id.clone(),
                endpoint: s.endpoint.clone(),
                p256dh: s.p256dh.clone(),
                auth: s.auth.clone(),
                topic,
                url: format!("/s/{setting_id}"),
                status: OutboxStatus::Pending,
                created_at: app.clock.timestamp(),
                attempts: 0,
                outcome: None,
            };
            app.store().put_new(to_item(&record))
        })
        .collect()
}

/// One family's email about one child of the day (an accident reviewed, a medicine given).
/// While the setting is in lockdown families hear only its notices (rule 10): the email is
/// held under the setting instead, and sent when the lockdown lifts to whoever may still hear
/// it then (`release_held`, in the outbox area).
pub fn family_email(app: &App, setting: &SettingRecord, id: &str, email: Email, child_id: &ChildId, user_id: &UserId) -> Write {
    if setting.lockdown.is_none() {
        return outbox_with_id(app, id, email);
    }
    let record = HeldEmailRecord {
        pk: keys::setting(&setting.setting_id),
        sk: keys::held_email(id),
        kind: "held-email".into(),
        outbox_id: id.into(),
        setting_id: setting.setting_id.clone(),
        child_id: child_id.clone(),
        user_id: user_id.clone(),
        to: email.to,
        subject: email.subject,
        text: email.text,
        html: email.html,
        purpose: email.purpose.into(),
        held_at: app.clock.timestamp(),
    };
    app.store().put_new(to_item(&record))
}

/// The outbox item of a held email, sent under the id it would have had.
pub fn outbox_of_held(app: &App, held: &HeldEmailRecord) -> Write {
    let h = held.clone();
    pending(app, &h.outbox_id, Some(h.setting_id), h.to, h.subject, h.text, h.html, h.purpose)
}

#[allow(clippy::too_many_arguments)]
fn pending(
    app: &App,
    id: &str,
    setting_id: Option<SettingId>,
    to: String,
    subject: String,
    text: String,
    html: String,
    purpose: String,
) -> Write {
    let record = OutboxRecord {
        pk: keys::outbox(id),
        sk: keys::OUTBOX_SK.into(),
        kind: "outbox".into(),
        outbox_id: id.into(),
        setting_id,
        to,
        subject,
        text,
        html,
        purpose,
        status: OutboxStatus::Pending,
        created_at: app.clock.timestamp(),
        attempts: 0,
        sent_at: None,
    };
    app.store().put_new(to_item(&record))
}

/// Stores the answer under the caller's Idempotency-Key (if they sent one), in the same
/// transaction as the change, so a retry replays it instead of repeating the change.
pub fn remember_answer(app: &App, auth: &Authorized, status: u16, body: &impl serde::Serialize, version: Option<u64>) -> Option<Write> {
    let idempotency = auth.idempotency.as_ref()?;
    let record = IdempotencyRecord {
        pk: keys::idempotency(&auth.caller.user_id, &idempotency.key),
        sk: keys::IDEMPOTENCY_SK.into(),
        kind: "idempotency".into(),
        request_hash: idempotency.request_hash.clone(),
        status,
        body: serde_json::to_string(body).unwrap_or_default(),
        resource_version: version,
        expires_at: (app.clock.now() + time::Duration::hours(24)).unix_timestamp(),
    };
    Some(app.store().put_new(to_item(&record)))
}

/// The stored answer when this request is a retry under the same Idempotency-Key, with its
/// access-log line: a replay shows the children's data again, so it is a read of it (rule 9).
pub async fn replay_logged(
    app: &App,
    auth: &Authorized,
    setting_id: &SettingId,
    action: AuditAction,
    child_ids: Vec<ChildId>,
) -> crate::http::ApiResult<Option<lambda_http::Response<lambda_http::Body>>> {
    let Some(answer) = auth.idempotency.as_ref().map(|i| i.replay()).transpose()?.flatten() else { return Ok(None) };
    app.store().transact(vec![audit_children(app, auth, setting_id, action, child_ids, Some("replay".into()))]).await?;
    Ok(Some(answer))
}

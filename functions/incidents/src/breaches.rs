//! The breach register (rule 11): managers record personal-data breaches with the children
//! affected, track the ICO's 72-hour deadline, record the report (or why not), and email the
//! affected children's parents, recording who was told and when. Managers are emailed when a
//! breach is recorded, and by the schedule 24 hours before an unreported deadline and when it
//! passes.

use crate::IncidentsProblem;
use lambda_http::{Body, Request, Response};
use nestling_domain::incidents::{self, BreachCategory, IcoReminder, IcoStatus, RiskLevel};
use nestling_domain::{
    Action, BreachId, ChildId, Description, FamilyMessage, GuardianAccess, IcoReference, Notes, SettingId, Timestamp, UserId,
};
use nestling_platform::access::{authorize, beside_authorisation, Authorized};
use nestling_platform::alerts::{broadcast, manager_emails, managers_of, Audience, Broadcast};
use nestling_platform::concurrency::{with_retries, Retry};
use nestling_platform::http::{self, ApiResult, ListPage, Problem};
use nestling_platform::records::{
    AffectedChild, BreachRecord, ChildRecord, FamilyNotification, IcoDecision, ManagersRecord, NotNotified, NotifiedGuardian,
};
use nestling_platform::store::{from_item, keys, to_item, Index, Key, Query, StoreError};
use nestling_platform::writes::AuditAction;
use nestling_platform::writes::{self, Actor};
use nestling_platform::App;
use nestling_platform::{Audit, Commit};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;
use time::{Duration, OffsetDateTime};

/// The affected children are read with the authorisation, whose one BatchGetItem takes 100
/// keys: 5 are the caller's, the setting's, the managers' list and the idempotency record.
pub use nestling_domain::bounds::{MAX_AFFECTED_CHILDREN, MAX_BREACH_NOTIFICATIONS};

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NewBreach {
    /// What happened.
    #[schema(value_type = String)]
    pub description: Description,
    /// When the setting became aware of it (RFC 3339); the ICO's 72 hours run from here.
    pub discovered_at: String,
    pub category: BreachCategory,
    /// The children whose data was involved (ids in this setting), at most 95.
    pub affected_child_ids: Vec<String>,
    pub risk: RiskLevel,
    /// Whether it must be reported to the ICO (a risk to people's rights and freedoms).
    pub reportable: bool,
}

/// Either the report made to the ICO or the documented reason for not making one.
#[derive(Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct IcoReport {
    /// The ICO's reference, when reported.
    #[schema(value_type = Option<String>)]
    pub reference: Option<IcoReference>,
    /// When it was reported (RFC 3339); now when left out.
    pub reported_at: Option<String>,
    /// Why it is not being reported, instead of a reference.
    #[schema(value_type = Option<String>)]
    pub reason_not_reported: Option<Notes>,
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FamiliesMessage {
    #[schema(value_type = String)]
    pub message: FamilyMessage,
}

#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct BreachView {
    #[schema(value_type = String)]
    pub breach_id: BreachId,
    pub description: String,
    #[schema(value_type = String)]
    pub discovered_at: Timestamp,
    pub category: BreachCategory,
    pub affected_children: Vec<AffectedChild>,
    pub risk: RiskLevel,
    pub reportable: bool,
    pub ico_status: IcoStatus,
    /// Discovery + 72 hours, weekends included.
    #[schema(value_type = String)]
    pub ico_deadline: Timestamp,
    /// Minutes left to report, while the report is due (negative once the deadline passed).
    pub minutes_left: Option<i64>,
    pub overdue: bool,
    pub ico_decision: Option<IcoDecision>,
    pub family_notifications: Vec<FamilyNotification>,
    #[schema(value_type = String)]
    pub recorded_by: UserId,
    pub recorded_by_name: String,
    #[schema(value_type = String)]
    pub recorded_at: Timestamp,
    pub version: u64,
}

fn breach_view(b: &BreachRecord, now: OffsetDateTime) -> BreachView {
    let status = b.ico_status();
    let minutes_left = (status == IcoStatus::Due).then(|| incidents::minutes_left(b.ico_deadline.at(), now));
    BreachView {
        breach_id: b.breach_id.clone(),
        description: b.description.clone(),
        discovered_at: b.discovered_at,
        category: b.category,
        affected_children: b.affected_children.clone(),
        risk: b.risk,
        reportable: b.reportable,
        ico_status: status,
        ico_deadline: b.ico_deadline,
        minutes_left,
        overdue: minutes_left.is_some_and(|m| m <= 0),
        ico_decision: b.ico_decision.clone(),
        family_notifications: b.family_notifications.clone(),
        recorded_by: b.recorded_by.clone(),
        recorded_by_name: b.recorded_by_name.clone(),
        recorded_at: b.recorded_at,
        version: b.version,
    }
}

fn child_ids(b: &BreachRecord) -> Vec<ChildId> {
    b.affected_children.iter().map(|c| c.child_id.clone()).collect()
}

/// POST /v1/settings/{settingId}/breaches: a manager records a breach; every manager is
/// emailed in the same transaction.
pub async fn record_breach(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("breaches-record", req, |req| async move {
        let setting_id = http::path_id::<SettingId>(&req, "settingId")?;
        // The body names the children, read with the authorisation (one round trip); the
        // parse is pure, and nothing is revealed before the caller is authorised.
        let body: Result<NewBreach, Problem> = http::json_body(&req);
        let ids: Vec<String> = match &body {
            Ok(b) => b.affected_child_ids.iter().cloned().collect::<BTreeSet<_>>().into_iter().collect(),
            Err(_) => Vec::new(),
        };
        // Read with the authorisation only when every id is one; otherwise refused below.
        let named: Option<Vec<ChildId>> =
            (ids.len() <= MAX_AFFECTED_CHILDREN).then(|| ids.iter().map(|id| ChildId::parse(id).ok()).collect()).flatten();
        let managers_key = ManagersRecord::key(&setting_id);
        let child_keys: Vec<Key> = named.iter().flatten().map(|id| ChildRecord::key(&setting_id, id)).collect();
        let loads: Vec<Key> = std::iter::once(managers_key.clone()).chain(child_keys.iter().cloned()).collect();
        let auth = authorize(&app, &req, "breaches-record", Some(&setting_id), Action::RecordBreach, &loads).await?;
        let body = body?;
        // A replay's body is the one that succeeded, so its ids are all ids.
        let replayed = named.clone().unwrap_or_default();
        if let Some(answer) = writes::replay_logged(&app, &auth, &setting_id, AuditAction::BreachReplay, replayed).await? {
            return Ok(auth.tag(answer));
        }
        let now = app.clock.now();
        let discovered = http::time_field("discoveredAt", &body.discovered_at)?;
        if discovered > now + Duration::minutes(2) || discovered < now - Duration::days(366) {
            return Err(Problem::invalid("discoveredAt must be in the last year, not in the future"));
        }
        if ids.len() > MAX_AFFECTED_CHILDREN {
            return Err(Problem::invalid(format!("affectedChildIds: at most {MAX_AFFECTED_CHILDREN} children")));
        }
        let ids: Vec<ChildId> = http::body_ids("affectedChildIds", &ids)?;
        let children: Vec<ChildRecord> = auth.records(&child_keys)?.into_iter().flatten().collect();
        if let Some(missing) = ids.iter().find(|id| !children.iter().any(|c| &c.child_id == *id)) {
            return Err(Problem::invalid(format!("affectedChildIds: no child {missing} in this setting")));
        }
        let managers = managers_of(auth.item(&managers_key), &setting_id)?;
        let breach_id: BreachId = app.new_sortable();
        let mut breach = BreachRecord {
            pk: keys::setting(&setting_id),
            sk: keys::breach(&breach_id),
            gsi1pk: None,
            gsi1sk: None,
            kind: "breach".into(),
            setting_id: setting_id.clone(),
            breach_id: breach_id.clone(),
            description: body.description.to_string(),
            discovered_at: Timestamp::new(discovered),
            category: body.category,
            affected_children: children.iter().map(|c| AffectedChild { child_id: c.child_id.clone(), name: format!("{} {}", c.first_name, c.last_name) }).collect(),
            risk: body.risk,
            reportable: body.reportable,
            ico_deadline: Timestamp::new(incidents::ico_deadline(discovered)),
            recorded_by: auth.caller.user_id.clone(),
            recorded_by_name: auth.member().name.clone(),
            recorded_at: Timestamp::new(now),
            ico_decision: None,
            family_notifications: Vec::new(),
            version: 1,
        };
        breach.index_for_reminders();
        let answer = breach_view(&breach, now);
        let text = format!(
            "{} recorded a personal-data breach at {}.\n\nCategory: {:?}\nRisk: {:?}\nDiscovered: {} (UTC)\nChildren affected: {}\n{}\n\nWhat happened:\n{}",
            breach.recorded_by_name,
            auth.setting().name,
            breach.category,
            breach.risk,
            breach.discovered_at,
            breach.affected_children.len(),
            if breach.reportable {
                format!("It must be reported to the ICO by {} (UTC): 72 hours from discovery, weekends included.", breach.ico_deadline)
            } else {
                "It was judged not reportable to the ICO.".to_string()
            },
            breach.description
        );
        let mut batch = vec![
            app.store().put_new(to_item(&breach)),
        ];
        for (user_id, email) in manager_emails(&managers, &format!("Data breach recorded at {}", auth.setting().name), &text, "breach-recorded", &setting_id) {
            batch.push(writes::outbox_with_id(&app, &format!("breach-{breach_id}-recorded-{user_id}"), email));
        }
        Commit::new(&app, &auth, Audit::children(&setting_id, AuditAction::BreachRecord, ids.clone()).detail(format!("breach:{breach_id} {:?} reportable={}", breach.category, breach.reportable)))
            .writes(batch)
            .answer(201, &answer, Some(1))
            .await
    })
    .await
}

/// GET /v1/settings/{settingId}/breaches: the register, newest first, with each deadline.
pub async fn list_breaches(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("breaches-list", req, |req| async move {
        let setting_id = http::path_id::<SettingId>(&req, "settingId")?;
        let paging = http::paging(&req);
        // The page beside the authorisation (a refusal still answers first); the access-log
        // line naming the children it shows follows.
        let page = async {
            let Ok((limit, cursor)) = &paging else { return Ok(None) };
            let query =
                Query::partition(Index::Table, keys::setting(&setting_id)).prefix(keys::BREACH_PREFIX).limit(*limit).newest_first(true);
            app.store().page(query, cursor.as_deref()).await.map(Some)
        };
        let (auth, page) =
            beside_authorisation(authorize(&app, &req, "breaches-list", Some(&setting_id), Action::ListBreaches, &[]), page).await?;
        paging?;
        let page = page.expect("read when the paging is valid");
        let breaches: Vec<BreachRecord> = page.items.into_iter().map(from_item).collect::<Result<_, _>>()?;
        let shown: BTreeSet<ChildId> = breaches.iter().flat_map(child_ids).collect();
        if !shown.is_empty() {
            Audit::children(&setting_id, AuditAction::BreachesList, shown.into_iter().collect()).log_read(&app, &auth).await?;
        }
        let now = app.clock.now();
        let items: Vec<BreachView> = breaches.iter().map(|b| breach_view(b, now)).collect();
        Ok(auth.tag(http::ok(&ListPage { items, next_cursor: page.next_cursor })))
    })
    .await
}

/// The breach a path names, read with the authorisation.
fn breach_in(auth: &Authorized, setting_id: &SettingId, breach_id: &BreachId) -> ApiResult<BreachRecord> {
    auth.record(&BreachRecord::key(setting_id, breach_id))?.ok_or_else(Problem::not_found)
}

/// POST /v1/settings/{settingId}/breaches/{breachId}/ico-report: the report to the ICO, or
/// the documented reason not to report. Either ends the deadline's reminders.
pub async fn record_ico_decision(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("breaches-ico-report", req, |req| async move { with_retries(|| try_record_ico_decision(&app, &req)).await }).await
}

/// One attempt at `breaches-ico-report`: decided again from the current state when another change wins.
async fn try_record_ico_decision(app: &App, req: &Request) -> Result<Response<Body>, Retry> {
    let setting_id = http::path_id::<SettingId>(req, "settingId")?;
    let breach_id = http::path_id::<BreachId>(req, "breachId")?;
    let auth = authorize(
        app,
        req,
        "breaches-ico-report",
        Some(&setting_id),
        Action::RecordIcoDecision,
        &[BreachRecord::key(&setting_id, &breach_id)],
    )
    .await?;
    let body: IcoReport = http::json_body(req)?;
    let current = breach_in(&auth, &setting_id, &breach_id)?;
    if let Some(answer) = writes::replay_logged(app, &auth, &setting_id, AuditAction::BreachReplay, child_ids(&current)).await? {
        return Ok(auth.tag(answer));
    }
    if current.ico_decision.is_some() {
        return Err(Problem::from(IncidentsProblem::IcoDecisionRecorded).into());
    }
    let now = app.clock.now();
    let by = (auth.caller.user_id.clone(), auth.member().name.clone(), Timestamp::new(now));
    let decision = match (body.reference, body.reason_not_reported) {
        (Some(reference), None) => {
            let at = match &body.reported_at {
                Some(raw) => http::time_field("reportedAt", raw)?,
                None => now,
            };
            if at > now + Duration::minutes(2) || at < current.discovered_at.at() {
                return Err(Problem::invalid("reportedAt must be after the discovery and not in the future").into());
            }
            IcoDecision {
                reported: true,
                reference: Some(reference.to_string()),
                reported_at: Some(Timestamp::new(at)),
                reason_not_reported: None,
                decided_by: by.0,
                decided_by_name: by.1,
                decided_at: by.2,
            }
        }
        (None, Some(reason)) if body.reported_at.is_none() => IcoDecision {
            reported: false,
            reference: None,
            reported_at: None,
            reason_not_reported: Some(reason.to_string()),
            decided_by: by.0,
            decided_by_name: by.1,
            decided_at: by.2,
        },
        _ => return Err(Problem::invalid("send either reference (and reportedAt) or reasonNotReported").into()),
    };
    let mut breach = BreachRecord { ico_decision: Some(decision), version: current.version + 1, ..current.clone() };
    breach.index_for_reminders();
    let action = if breach.ico_status() == IcoStatus::Reported { AuditAction::BreachIcoReport } else { AuditAction::BreachIcoNotReported };
    let batch = vec![app.store().put_versioned(to_item(&breach), current.version)];
    let answer = breach_view(&breach, now);
    Commit::new(app, &auth, Audit::children(&setting_id, action, child_ids(&breach)).detail(format!("breach:{breach_id}")))
        .writes(batch)
        .answer(200, &answer, Some(breach.version))
        .await
}

/// Whom a breach message reaches: every parent (not revoked) of each affected child, once
/// each, with the children of theirs concerned. A child under a safeguarding hold or with no
/// parent on Nestling is listed with the reason, for the manager to handle another way.
pub fn breach_recipients(children: &[ChildRecord]) -> (Vec<NotifiedGuardian>, Vec<NotNotified>) {
    let mut to: BTreeMap<UserId, NotifiedGuardian> = BTreeMap::new();
    let mut not = Vec::new();
    for child in children {
        if child.hold.is_some() {
            not.push(NotNotified { child_id: child.child_id.clone(), reason: "safeguarding-hold".into() });
            continue;
        }
        let parents: Vec<_> = child.guardians.iter().filter(|(_, l)| l.access == GuardianAccess::Parent && !l.is_revoked()).collect();
        if parents.is_empty() {
            not.push(NotNotified { child_id: child.child_id.clone(), reason: "no-parent-on-nestling".into() });
        }
        for (user_id, link) in parents {
            to.entry(user_id.clone())
                .or_insert_with(|| NotifiedGuardian {
                    user_id: user_id.clone(),
                    name: link.name.clone(),
                    email: link.email.clone(),
                    child_ids: Vec::new(),
                })
                .child_ids
                .push(child.child_id.clone());
        }
    }
    (to.into_values().collect(), not)
}

/// POST /v1/settings/{settingId}/breaches/{breachId}/notify-families: emails the manager's
/// message to the parents of every affected child and records who was told and when.
pub async fn notify_breach_families(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("breaches-notify-families", req, |req| async move { with_retries(|| try_notify_breach_families(&app, &req)).await }).await
}

/// One attempt at `breaches-notify-families`: decided again from the current state when another change wins.
async fn try_notify_breach_families(app: &App, req: &Request) -> Result<Response<Body>, Retry> {
    let setting_id = http::path_id::<SettingId>(req, "settingId")?;
    let breach_id = http::path_id::<BreachId>(req, "breachId")?;
    let auth = authorize(
        app,
        req,
        "breaches-notify-families",
        Some(&setting_id),
        Action::NotifyBreachFamilies,
        &[BreachRecord::key(&setting_id, &breach_id)],
    )
    .await?;
    let body: FamiliesMessage = http::json_body(req)?;
    let current = breach_in(&auth, &setting_id, &breach_id)?;
    if let Some(answer) = writes::replay_logged(app, &auth, &setting_id, AuditAction::BreachReplay, child_ids(&current)).await? {
        return Ok(auth.tag(answer));
    }
    if current.family_notifications.len() >= MAX_BREACH_NOTIFICATIONS {
        return Err(Problem::limit_reached(format!("a breach's families are written to at most {MAX_BREACH_NOTIFICATIONS} times")).into());
    }
    let keys: Vec<Key> = child_ids(&current).iter().map(|id| ChildRecord::key(&setting_id, id)).collect();
    let children: Vec<ChildRecord> = app.store().get_many(&keys).await?.into_iter().flatten().map(from_item).collect::<Result<_, _>>()?;
    let (recipients, not_notified) = breach_recipients(&children);
    let notification = FamilyNotification {
        notification_id: app.new_sortable_id(),
        at: app.clock.timestamp(),
        by: auth.caller.user_id.clone(),
        by_name: auth.member().name.clone(),
        message: body.message.to_string(),
        recipients: recipients.clone(),
        not_notified,
    };
    let mut breach = current.clone();
    breach.family_notifications.push(notification.clone());
    breach.version += 1;
    let setting_name = auth.setting().name.clone();
    let mut batch = vec![app.store().put_versioned(to_item(&breach), current.version)];
    if !recipients.is_empty() {
        let text = format!(
            "{setting_name} needs to tell you about a problem with personal data concerning your child.\n\n{}",
            notification.message
        );
        batch.push(broadcast(
            app,
            Broadcast {
                setting_id: &setting_id,
                audience: Audience::Guardians { recipients },
                subject: &format!("A message from {setting_name} about your child's data"),
                text: &text,
                purpose: "breach-families",
                sign_out: false,
                sign_out_practitioners: false,
            },
        ));
    }
    Commit::new(
        app,
        &auth,
        Audit::children(&setting_id, AuditAction::BreachNotifyFamilies, child_ids(&breach))
            .detail(format!("breach:{breach_id} told {} parents", notification.recipients.len())),
    )
    .writes(batch)
    .answer(201, &notification, Some(breach.version))
    .await
}

/// The schedule: for every reportable breach not yet decided on with the ICO, emails every
/// manager of its setting once when 24 hours are left and once when the deadline passes.
/// Outbox ids derive from the breach, the reminder and the manager, so a re-run sends nothing
/// twice. Answers how many reminder emails were written.
pub async fn send_deadline_reminders(app: &App, now: OffsetDateTime) -> Result<usize, StoreError> {
    let mut due: Vec<BreachRecord> = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let page = app.store().page(Query::partition(Index::Gsi1, keys::ICO_DUE).limit(100), cursor.as_deref()).await?;
        for item in page.items {
            due.push(from_item(item)?);
        }
        match page.next_cursor {
            Some(c) => cursor = Some(c),
            None => break,
        }
    }
    let settings: BTreeSet<SettingId> = due.iter().map(|b| b.setting_id.clone()).collect();
    let mut managers: BTreeMap<SettingId, ManagersRecord> = BTreeMap::new();
    let keys: Vec<Key> = settings.iter().map(ManagersRecord::key).collect();
    for chunk in keys.chunks(100) {
        for item in app.store().get_many(chunk).await?.into_iter().flatten() {
            let m: ManagersRecord = from_item(item)?;
            managers.insert(m.setting_id.clone(), m);
        }
    }
    let system = Actor { id: "nestling", role: "system", request_id: "breach-deadlines", off_premises: false, device_id: None };
    let mut written = 0;
    for breach in due {
        let deadline = breach.ico_deadline.at();
        let Some(list) = managers.get(&breach.setting_id) else { continue };
        for reminder in incidents::reminders_due(deadline, now) {
            let (subject, lead) = match reminder {
                IcoReminder::DueSoon => ("Breach report to the ICO due within 24 hours", "A reportable personal-data breach has not been reported to the ICO, and the 72-hour deadline is less than 24 hours away."),
                IcoReminder::Overdue => ("Breach report to the ICO is overdue", "The 72-hour deadline to report a personal-data breach to the ICO has passed without a report or a documented reason not to report."),
            };
            let text = format!(
                "{lead}\n\nDeadline: {} (UTC)\nDiscovered: {} (UTC)\nChildren affected: {}\nWhat happened:\n{}\n\nRecord the report (or why not) in Nestling's breach register.",
                breach.ico_deadline,
                breach.discovered_at,
                breach.affected_children.len(),
                breach.description
            );
            // One transaction per manager: a manager who joined since an earlier run still
            // gets the reminder; those already sent fail alone on their derived id.
            for (user_id, email) in manager_emails(list, subject, &text, "breach-deadline", &breach.setting_id) {
                let id = format!("breach-{}-{}-{user_id}", breach.breach_id, reminder.as_str());
                let batch = vec![
                    writes::outbox_with_id(app, &id, email),
                    writes::audit_by_about(
                        app,
                        &system,
                        &breach.setting_id,
                        AuditAction::BreachDeadlineReminder,
                        &format!("breach:{}", breach.breach_id),
                        child_ids(&breach),
                        Some(format!("{} to {user_id}", reminder.as_str())),
                    ),
                ];
                match app.store().transact(batch).await {
                    Ok(()) => written += 1,
                    // Sent by an earlier run.
                    Err(StoreError::Conflict { .. }) => {}
                    Err(e) => return Err(e),
                }
            }
        }
    }
    Ok(written)
}

/// A scheduled event (EventBridge's `time`, else now): sends the reminders due then.
pub async fn run_schedule(app: &App, event: &serde_json::Value) -> Result<usize, StoreError> {
    let at = app.scheduled_at(event);
    send_deadline_reminders(app, at).await
}

#[cfg(test)]
#[path = "breaches_tests.rs"]
mod world_tests;

#[cfg(test)]
mod tests {
    use super::*;
    use nestling_platform::records::GuardianLinkRecord;

    fn link(name: &str, access: GuardianAccess, revoked: bool) -> GuardianLinkRecord {
        GuardianLinkRecord {
            user_id: UserId::parse(name).unwrap(),
            name: name.into(),
            email: format!("{name}@mail.test"),
            relationship: "mother".into(),
            parental_responsibility: true,
            access,
            may_collect: true,
            linked_by: UserId::parse("m").unwrap(),
            linked_at: Timestamp::parse("2026-12-01T09:00:00Z").unwrap(),
            accepted_agreement_version: None,
            revoked_at: revoked.then(|| Timestamp::parse("2026-12-01T09:00:00Z").unwrap()),
            revoked_by: None,
            revoked_reason: None,
            revoked_note: None,
            household: None,
        }
    }

    #[test]
    fn each_parent_is_told_once_and_nobody_else() {
        let child = |id: &str, links: Vec<GuardianLinkRecord>, held: bool| {
            let mut c: ChildRecord = serde_json::from_value(serde_json::json!({
                "PK": "S", "SK": "C", "kind": "child", "settingId": "s", "childId": id, "firstName": id, "lastName": "X",
                "dateOfBirth": "2023-01-01", "roomId": "r", "keyPersonId": "k", "version": 1, "createdAt": "2026-12-01T09:00:00Z", "createdBy": "m", "updatedAt": "2026-12-01T09:00:00Z"
            }))
            .expect("a minimal child");
            c.guardians = links.into_iter().map(|l| (l.user_id.clone(), l)).collect();
            if held {
                c.hold = Some(
                    serde_json::from_value(serde_json::json!({ "placedBy": "m", "placedAt": "2026-12-01T09:00:00Z", "reason": "r" }))
                        .expect("a hold"),
                );
            }
            c
        };
        let siblings_mum = link("mum", GuardianAccess::Parent, false);
        let children = vec![
            child(
                "ava",
                vec![siblings_mum.clone(), link("gran", GuardianAccess::Family, false), link("exdad", GuardianAccess::Parent, true)],
                false,
            ),
            child("noah", vec![siblings_mum], false),
            child("held", vec![link("p2", GuardianAccess::Parent, false)], true),
            child("alone", vec![], false),
        ];
        let (to, not) = breach_recipients(&children);
        assert_eq!(to.len(), 1);
        assert_eq!(to[0].user_id, "mum");
        let id = |c: &str| ChildId::parse(c).unwrap();
        assert_eq!(to[0].child_ids, vec![id("ava"), id("noah")]);
        assert_eq!(
            not,
            vec![
                NotNotified { child_id: id("held"), reason: "safeguarding-hold".into() },
                NotNotified { child_id: id("alone"), reason: "no-parent-on-nestling".into() },
            ]
        );
    }
}

//! The schedule that emails people about messages they have not read. A message waits in the
//! `MESSAGE-ALERTS` index until its alert is due (after the withdraw window; for a family's
//! message, not before the setting opens); then each person on the other side who may read the
//! thread now and has not read it since is emailed as they prefer (immediately, in the daily
//! digest, or not at all; a manager's urgent message ignores a family's choice). No email holds
//! the message's words. Outbox ids derive from the message and the person, one transaction
//! each, so a re-run or a broadcast to hundreds of families never writes one twice and no
//! transaction holds more than a couple of items.

use super::*;
use crate::messages::link_now;
use nestling_domain::journal::NotificationPreference;
use nestling_domain::messages::{family_reads, SettingSide, ThreadAbout};
use nestling_domain::GuardianAccess;
use nestling_platform::alerts::{paragraphs_html, practitioners_of};
use nestling_platform::notify::DigestLineRecord;
use nestling_platform::records::{AccountStatus, ChildRecord, ManagersRecord, MessageRecord, SettingRecord, ThreadRecord, UserRecord};
use nestling_platform::store::{from_item, keys, text_of, to_item, Change, Condition, Index, Key, Query, StoreError, Write};
use nestling_platform::writes::{self, Actor, AuditAction};
use std::collections::BTreeMap;

/// Digest lines are kept a week after their day, as the journal's.
const DIGEST_RETENTION_DAYS: i64 = 7;

/// Someone to tell: their address, and the child the email is about (a digest line's check).
struct Recipient {
    name: String,
    email: String,
    child: Option<ChildId>,
}

/// Sends every alert due by `now`. Answers how many emails or digest lines were written.
pub async fn send_message_alerts(app: &App, now: Timestamp) -> Result<usize, StoreError> {
    let mut written = 0;
    let mut cursor: Option<String> = None;
    loop {
        let query = Query::partition(Index::Gsi1, keys::MESSAGE_ALERTS).limit(100);
        let page = app.store().page(query, cursor.as_deref()).await?;
        for item in page.items {
            let m: MessageRecord = from_item(item)?;
            if m.alert_at > now {
                return Ok(written);
            }
            written += alert(app, &m).await?;
        }
        match page.next_cursor {
            Some(c) => cursor = Some(c),
            None => return Ok(written),
        }
    }
}

/// The scheduled event (EventBridge's `time`, else now).
pub async fn run_message_alerts(app: &App, event: &serde_json::Value) -> Result<usize, StoreError> {
    let at = Timestamp::new(app.scheduled_at(event));
    send_message_alerts(app, at).await
}

async fn alert(app: &App, m: &MessageRecord) -> Result<usize, StoreError> {
    let setting_id = &m.setting_id;
    let mut keys_to_read = vec![
        SettingRecord::key(setting_id),
        RosterRecord::key(setting_id),
        ThreadRecord::staff_key(setting_id, &m.thread_id),
        ThreadRecord::family_key(setting_id, &m.thread_id),
        ManagersRecord::key(setting_id),
    ];
    if let Some(child) = m.thread_id.child() {
        keys_to_read.push(ChildRecord::key(setting_id, &child));
    }
    let mut found = app.store().get_many(&keys_to_read).await?.into_iter();
    let setting: Option<SettingRecord> = found.next().flatten().map(from_item).transpose()?;
    let roster: Option<RosterRecord> = found.next().flatten().map(from_item).transpose()?;
    let staff_copy: Option<ThreadRecord> = found.next().flatten().map(from_item).transpose()?;
    let family_copy: Option<ThreadRecord> = found.next().flatten().map(from_item).transpose()?;
    let managers: Option<ManagersRecord> = found.next().flatten().map(from_item).transpose()?;
    let child: Option<ChildRecord> = found.next().flatten().map(from_item).transpose()?;
    let (Some(setting), Some(staff_copy), Some(family_copy)) = (setting, staff_copy, family_copy) else {
        return done(app, m, 0).await;
    };
    if m.is_withdrawn() {
        return done(app, m, 0).await;
    }
    let roster = roster.unwrap_or_else(|| RosterRecord::empty(setting_id));
    let recipients = if m.by_staff {
        // In lockdown families hear only the setting's notices (rule 10): the alert waits.
        if setting.lockdown.is_some() {
            return Ok(0);
        }
        families_to_tell(app, &setting, &roster, &family_copy, child.as_ref(), m).await?
    } else {
        staff_to_tell(app, &setting, &staff_copy, managers.as_ref(), m).await?
    };
    let url = format!("{}/s/{}/messages/{}", app.config.app_url.trim_end_matches('/'), setting_id, m.thread_id);
    let about = child.as_ref().map(|c| c.first_name.clone());
    let mut user_ids: Vec<&UserId> = recipients.keys().collect();
    user_ids.sort();
    let mut written = 0;
    for chunk in user_ids.chunks(100) {
        let keys: Vec<Key> = chunk.iter().map(|u| UserRecord::key(u)).collect();
        for item in app.store().get_many(&keys).await?.into_iter().flatten() {
            let user: UserRecord = from_item(item)?;
            let Some(to) = recipients.get(&user.user_id) else { continue };
            if user.status != AccountStatus::Active {
                continue;
            }
            // A manager's urgent message reaches a family whatever they chose.
            let preference = match (m.by_staff, m.urgent) {
                (true, true) => NotificationPreference::Immediate,
                (true, false) => user.notifications,
                (false, _) => staff_preference(user.notifications),
            };
            let id = format!("message-{}-{}", m.message_id, user.user_id);
            let line = match &about {
                Some(name) if m.by_staff => format!("A new message from {} about {name}.", setting.name),
                Some(name) => format!("A family sent a new message about {name}."),
                None => format!("A new message from {} to families.", setting.name),
            };
            let write = match preference {
                NotificationPreference::Off => continue,
                NotificationPreference::Immediate => {
                    let urgent = if m.urgent { "An urgent message: please read it as soon as you can.\n\n" } else { "" };
                    let text = format!("Hello {},\n\n{urgent}{line}\n\nRead it in Nestling: {url}\n", to.name);
                    writes::outbox_with_id(
                        app,
                        &id,
                        writes::Email {
                            to: to.email.clone(),
                            subject: if m.urgent {
                                format!("Urgent message from {}", setting.name)
                            } else {
                                format!("New message at {}", setting.name)
                            },
                            html: paragraphs_html(&text),
                            text,
                            purpose: "message-alert",
                            setting_id: Some(setting_id.clone()),
                        },
                    )
                }
                NotificationPreference::Daily => {
                    let record = DigestLineRecord {
                        pk: keys::digest_day(&m.sent_at.day_text()),
                        sk: format!("{}#{id}", user.user_id),
                        kind: "digest-line".into(),
                        user_id: user.user_id.clone(),
                        email: to.email.clone(),
                        name: to.name.clone(),
                        setting_id: Some(setting_id.clone()),
                        child_id: to.child.clone(),
                        setting_name: setting.name.clone(),
                        line,
                        at: m.sent_at,
                        expires_at: (app.clock.now() + time::Duration::days(DIGEST_RETENTION_DAYS)).unix_timestamp(),
                    };
                    app.store().put_new(to_item(&record))
                }
            };
            match app.store().transact(vec![write]).await {
                Ok(()) => written += 1,
                // Written by an earlier run.
                Err(StoreError::Conflict { .. }) => {}
                Err(e) => return Err(e),
            }
        }
    }
    done(app, m, written).await
}

/// Staff are emailed at once unless they turned email off (a digest line is a family's).
fn staff_preference(p: NotificationPreference) -> NotificationPreference {
    match p {
        NotificationPreference::Off => NotificationPreference::Off,
        _ => NotificationPreference::Immediate,
    }
}

/// The message leaves the alerts index with its access-log line, in one transaction.
async fn done(app: &App, m: &MessageRecord, written: usize) -> Result<usize, StoreError> {
    let system = Actor { id: "nestling", role: "system", request_id: "message-alerts", off_premises: false, device_id: None };
    let children: Vec<ChildId> = m.thread_id.child().into_iter().collect();
    let clear = Change::new().remove("GSI1PK").remove("GSI1SK").when(Condition::item_exists());
    let batch: Vec<Write> = vec![
        app.store().change(&MessageRecord::key(&m.setting_id, &m.thread_id, &m.message_id), clear),
        writes::audit_by_about(
            app,
            &system,
            &m.setting_id,
            AuditAction::MessageAlert,
            &format!("thread:{}", m.thread_id),
            children,
            Some(format!("message:{} {written} told", m.message_id)),
        ),
    ];
    match app.store().transact(batch).await {
        Ok(()) | Err(StoreError::Conflict { .. }) => Ok(written),
        Err(e) => Err(e),
    }
}

/// The families who may read the thread now (live link, agreement, no hold, household) and
/// have not read it since the message.
async fn families_to_tell(
    app: &App,
    setting: &SettingRecord,
    roster: &RosterRecord,
    copy: &ThreadRecord,
    child: Option<&ChildRecord>,
    m: &MessageRecord,
) -> Result<BTreeMap<UserId, Recipient>, StoreError> {
    let children: Vec<ChildRecord> = match (&copy.about, child) {
        (ThreadAbout::Child { .. }, Some(c)) => vec![c.clone()],
        (ThreadAbout::Child { .. }, None) => Vec::new(),
        (about, _) => {
            let keys: Vec<Key> = roster
                .children
                .iter()
                .filter(|(_, e)| !e.held && about_reaches(about, &e.room_id))
                .map(|(id, _)| ChildRecord::key(&setting.setting_id, id))
                .collect();
            let mut out = Vec::new();
            for chunk in keys.chunks(100) {
                for item in app.store().get_many(chunk).await?.into_iter().flatten() {
                    if text_of(&item, "kind") == Some("child") {
                        out.push(from_item(item)?);
                    }
                }
            }
            out
        }
    };
    let mut to: BTreeMap<UserId, Recipient> = BTreeMap::new();
    for c in &children {
        for (user_id, link) in &c.guardians {
            let accepted = link.accepted_agreement_version.is_some_and(|v| v >= setting.agreement_version);
            if *user_id == m.author_id || link.is_revoked() || !accepted {
                continue;
            }
            let links = BTreeMap::from([(c.child_id.clone(), link_now(c, link))]);
            if !family_reads(&copy.about, copy.created_at, &links) || copy.read_by.get(user_id).is_some_and(|at| *at >= m.sent_at) {
                continue;
            }
            // A digest line is checked against a parent link to the child when it is sent.
            let child = (link.access == GuardianAccess::Parent).then(|| c.child_id.clone());
            to.entry(user_id.clone()).or_insert(Recipient { name: link.name.clone(), email: link.email.clone(), child });
        }
    }
    Ok(to)
}

fn about_reaches(about: &ThreadAbout, room: &RoomId) -> bool {
    match about {
        ThreadAbout::Setting => true,
        ThreadAbout::Room { room_id } => room_id == room,
        ThreadAbout::Child { .. } => false,
    }
}

/// The staff on the thread's side who have not read it since the message.
async fn staff_to_tell(
    app: &App,
    setting: &SettingRecord,
    copy: &ThreadRecord,
    managers: Option<&ManagersRecord>,
    m: &MessageRecord,
) -> Result<BTreeMap<UserId, Recipient>, StoreError> {
    let mut to: BTreeMap<UserId, Recipient> = BTreeMap::new();
    let managers = managers.map(|r| r.managers.clone()).unwrap_or_default();
    let everyone = |to: &mut BTreeMap<UserId, Recipient>| {
        for (user_id, c) in &managers {
            to.insert(user_id.clone(), Recipient { name: c.name.clone(), email: c.email.clone(), child: None });
        }
    };
    match &copy.with {
        SettingSide::Person { user_id } => {
            let found = app.store().get_many(&[nestling_platform::records::MemberRecord::key(&setting.setting_id, user_id)]).await?;
            if let Some(item) = found.into_iter().next().flatten() {
                let member: nestling_platform::records::MemberRecord = from_item(item)?;
                if member.status == nestling_domain::MembershipStatus::Active && member.role.is_staff() {
                    to.insert(user_id.clone(), Recipient { name: member.name, email: member.email, child: None });
                }
            }
            // Nobody left to read it on the setting's side: the managers are told.
            if to.is_empty() {
                everyone(&mut to);
            }
        }
        SettingSide::Managers => everyone(&mut to),
        SettingSide::Room { .. } | SettingSide::Staff => {
            everyone(&mut to);
            for p in practitioners_of(app, &setting.setting_id).await? {
                to.insert(p.user_id.clone(), Recipient { name: p.name, email: p.email, child: None });
            }
        }
    }
    to.retain(|user_id, _| *user_id != m.author_id && copy.read_by.get(user_id).is_none_or(|at| *at < m.sent_at));
    Ok(to)
}

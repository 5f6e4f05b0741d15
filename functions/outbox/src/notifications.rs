//! Journal notifications: the fan-out of each `NOTIFY#` event to the parents who want to hear
//! of it, and the daily digest. Emails name only the recipient's own children (first names),
//! never carry photos or entry text, and link to the app.

use crate::{each_insert, BatchResponse};
use aws_lambda_events::dynamodb::Event;
use nestling_domain::journal::NotificationPreference;
use nestling_domain::GuardianAccess;
use nestling_domain::MembershipStatus;
use nestling_domain::{ChildId, SettingId, UserId};
use nestling_platform::alerts::BroadcastRecord;
use nestling_platform::notify::{DigestLineRecord, NotifyRecord, PushRequestRecord};
use nestling_platform::push::PushTopic;
use nestling_platform::records::{AccountStatus, ChildRecord, MemberRecord, SettingRecord, UserRecord};
use nestling_platform::store::{from_item, keys, to_item, Index, Key, Query, StoreError};
use nestling_platform::writes::{outbox_with_id, pushes, Email};
use nestling_platform::App;
use std::collections::BTreeMap;

/// Digest lines are kept a week after their day (TTL).
const DIGEST_RETENTION_DAYS: i64 = 7;

/// The table stream's `NOTIFY#` inserts, one event at a time; a failed one is reported so
/// Lambda retries it (ids are derived, so a retry writes nothing twice).
pub async fn handle_notifications(app: &App, event: Event) -> BatchResponse {
    each_insert(event, |image| async move {
        let kind = match image.get("kind") {
            Some(serde_dynamo::AttributeValue::S(kind)) => kind.clone(),
            _ => return Ok(()),
        };
        let outcome = match kind.as_str() {
            "broadcast" => {
                let Ok(b) = serde_dynamo::from_item::<_, BroadcastRecord>(image) else { return Ok(()) };
                (b.broadcast_id.clone(), "broadcast", crate::broadcasts::fan_out_broadcast(app, &b).await)
            }
            "push-request" => {
                let Ok(r) = serde_dynamo::from_item::<_, PushRequestRecord>(image) else { return Ok(()) };
                (r.request_id.clone(), "push request", fan_out_push(app, &r).await)
            }
            "notify" => {
                let Ok(n) = serde_dynamo::from_item::<_, NotifyRecord>(image) else { return Ok(()) };
                (n.notify_id.clone(), "notification", fan_out(app, &n).await)
            }
            _ => return Ok(()),
        };
        match outcome {
            (id, what, Ok(written)) => {
                tracing::info!(id = %id, written, "{what} fanned out");
                Ok(())
            }
            (id, what, Err(error)) => {
                tracing::error!(id = %id, %error, "{what} fan-out failed; will retry");
                Err(())
            }
        }
    })
    .await
}

/// Whether `user_id` is a live parent of the child (parent access, not revoked, no hold).
fn live_parent(child: &ChildRecord, user_id: &UserId) -> bool {
    child.hold.is_none() && child.guardians.get(user_id).is_some_and(|l| l.access == GuardianAccess::Parent && !l.is_revoked())
}

/// Whom an event reaches: each live parent of the children named (not revoked, not under a
/// hold), with their own children among them (id, first name); never the person who acted.
pub fn recipients(children: &[ChildRecord], actor_id: &UserId) -> BTreeMap<UserId, Vec<(ChildId, String)>> {
    let mut to: BTreeMap<UserId, Vec<(ChildId, String)>> = BTreeMap::new();
    for child in children {
        for user_id in child.guardians.keys() {
            if user_id != actor_id && live_parent(child, user_id) {
                to.entry(user_id.clone()).or_default().push((child.child_id.clone(), child.first_name.clone()));
            }
        }
    }
    to
}

fn names(list: &[String]) -> String {
    match list {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// Writes one email per parent who wants it now, one digest line per parent who wants it
/// daily. Answers how many items were written.
pub async fn fan_out(app: &App, n: &NotifyRecord) -> Result<usize, StoreError> {
    let keys: Vec<Key> = n.children.iter().map(|c| ChildRecord::key(&n.setting_id, c)).collect();
    // News reaches a whole setting: its children are read 100 at a time (a batch read's bound).
    let mut children: Vec<ChildRecord> = Vec::new();
    for chunk in keys.chunks(100) {
        for item in app.store().get_many(chunk).await?.into_iter().flatten() {
            children.push(from_item(item)?);
        }
    }
    let to = recipients(&children, &n.actor_id);
    let user_ids: Vec<&UserId> = to.keys().collect();
    let mut written = 0;
    // Profiles (preference, address) and memberships (the agreement accepted) in one read per
    // 49 parents, with the setting's current agreement version.
    for chunk in user_ids.chunks(49) {
        let mut keys: Vec<Key> = vec![SettingRecord::key(&n.setting_id)];
        for user_id in chunk {
            keys.push(UserRecord::key(user_id));
            keys.push(MemberRecord::key(&n.setting_id, user_id));
        }
        let mut found = app.store().get_many(&keys).await?.into_iter();
        let Some(setting) = found.next().flatten().map(from_item::<SettingRecord>).transpose()? else { return Ok(written) };
        // In lockdown families hear only the setting's notices (rule 10).
        if setting.lockdown.is_some() {
            tracing::info!(notify_id = %n.notify_id, "setting in lockdown: journal notification not sent");
            return Ok(written);
        }
        for _ in chunk.iter() {
            let user: Option<UserRecord> = found.next().flatten().map(from_item).transpose()?;
            let member: Option<MemberRecord> = found.next().flatten().map(from_item).transpose()?;
            let (Some(user), Some(member)) = (user, member) else { continue };
            // Parents who have not accepted the current agreement may not see the journal yet.
            let accepted = member.accepted_agreement_version.is_some_and(|v| v >= setting.agreement_version);
            if user.status != AccountStatus::Active || member.status != MembershipStatus::Active || !accepted {
                continue;
            }
            let own = &to[&user.user_id];
            // News is told to the family once, however many of their children it reaches.
            let own = if n.event.about_each_child() { &own[..] } else { &own[..own.len().min(1)] };
            let first_names: Vec<String> = own.iter().map(|(_, name)| name.clone()).collect();
            let mut writes = Vec::new();
            match user.notifications {
                NotificationPreference::Off => {}
                NotificationPreference::Immediate => {
                    let lines: Vec<String> = first_names.iter().map(|name| n.event.line(name)).collect();
                    let email = journal_email(app, &user, &format!("News about {} at {}", names(&first_names), n.setting_name), &lines);
                    writes.push(outbox_with_id(app, &format!("notify-{}-{}", n.notify_id, user.user_id), email));
                }
                NotificationPreference::Daily => {
                    let day = n.created_at.day_text();
                    for (i, (child_id, name)) in own.iter().enumerate() {
                        let record = DigestLineRecord {
                            pk: keys::digest_day(&day),
                            sk: format!("{}#{}#{i}", user.user_id, n.notify_id),
                            kind: "digest-line".into(),
                            user_id: user.user_id.clone(),
                            email: user.email.clone(),
                            name: user.name.clone(),
                            setting_id: Some(n.setting_id.clone()),
                            child_id: Some(child_id.clone()),
                            setting_name: n.setting_name.clone(),
                            line: n.event.line(name),
                            at: n.created_at,
                            expires_at: (app.clock.now() + time::Duration::days(DIGEST_RETENTION_DAYS)).unix_timestamp(),
                        };
                        writes.push(app.store().put_new(to_item(&record)));
                    }
                }
            }
            // Their devices hear of it whatever their email choice (a subscription is the
            // opt-in): besides email, or instead of it when email is off.
            writes.extend(pushes(app, &user, &format!("notify-{}-{}", n.notify_id, user.user_id), PushTopic::Journal, &n.setting_id));
            if writes.is_empty() {
                continue;
            }
            // One transaction per parent: a redelivery finds each parent's items already there
            // (derived ids) and skips exactly those, whoever else joined or left meanwhile.
            let count = writes.len();
            match app.store().transact(writes).await {
                Ok(()) => written += count,
                Err(StoreError::Conflict { .. }) => {}
                Err(e) => return Err(e),
            }
        }
    }
    Ok(written)
}

/// One push message per device of each person named, who is still someone to tell: an
/// active account, and the setting not in lockdown (a notice excepted). Ids derive from the
/// request, so a redelivery writes nothing twice.
pub async fn fan_out_push(app: &App, r: &PushRequestRecord) -> Result<usize, StoreError> {
    let mut written = 0;
    for chunk in r.user_ids.chunks(99) {
        let mut keys: Vec<Key> = vec![SettingRecord::key(&r.setting_id)];
        keys.extend(chunk.iter().map(UserRecord::key));
        let mut found = app.store().get_many(&keys).await?.into_iter();
        let Some(setting) = found.next().flatten().map(from_item::<SettingRecord>).transpose()? else { return Ok(written) };
        if setting.lockdown.is_some() && r.topic != PushTopic::Notice {
            return Ok(written);
        }
        for item in found.flatten() {
            let user: UserRecord = from_item(item)?;
            if user.status != AccountStatus::Active {
                continue;
            }
            let writes = pushes(app, &user, &format!("push-{}-{}", r.request_id, user.user_id), r.topic, &r.setting_id);
            if writes.is_empty() {
                continue;
            }
            let count = writes.len();
            match app.store().transact(writes).await {
                Ok(()) => written += count,
                Err(StoreError::Conflict { .. }) => {}
                Err(e) => return Err(e),
            }
        }
    }
    Ok(written)
}

/// The email for one parent: plain text and HTML, their children's first names only.
fn journal_email(app: &App, user: &UserRecord, subject: &str, lines: &[String]) -> Email {
    let link = format!("{}/journal", app.config.app_url.trim_end_matches('/'));
    let text = format!(
        "Hello {},\n\n{}\n\nSign in to Nestling to see it: {link}\n\nYou can choose immediate, daily or no journal emails in your Nestling settings.\n",
        user.name,
        lines.join("\n")
    );
    let items: String = lines.iter().map(|l| format!("<li>{}</li>", html_escape(l))).collect();
    let html = format!(
        "<p>Hello {},</p><ul>{items}</ul><p><a href=\"{}\">Sign in to Nestling to see it</a>.</p><p>You can choose immediate, daily or no journal emails in your Nestling settings.</p>",
        html_escape(&user.name),
        html_escape(&link)
    );
    Email { to: user.email.clone(), subject: subject.to_string(), text, html, purpose: "journal-notification", setting_id: None }
}

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// The daily digest for `day` (UTC): one email per parent with every line written for them
/// that day. Idempotent: each parent's digest has a derived outbox id.
pub async fn send_digests(app: &App, day: &str) -> Result<usize, StoreError> {
    let mut lines: BTreeMap<UserId, Vec<DigestLineRecord>> = BTreeMap::new();
    let mut cursor: Option<String> = None;
    loop {
        let page = app.store().page(Query::partition(Index::Table, keys::digest_day(day)).limit(500), cursor.as_deref()).await?;
        for item in page.items {
            let line: DigestLineRecord = from_item(item)?;
            lines.entry(line.user_id.clone()).or_default().push(line);
        }
        match page.next_cursor {
            Some(c) => cursor = Some(c),
            None => break,
        }
    }
    // Links are checked again at sending time: a parent revoked or put under a hold since the
    // event hears nothing more.
    let pairs: Vec<Key> = lines
        .values()
        .flatten()
        .filter_map(|l| Some(ChildRecord::key(l.setting_id.as_ref()?, l.child_id.as_ref()?)))
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    let mut children: BTreeMap<(SettingId, ChildId), ChildRecord> = BTreeMap::new();
    for chunk in pairs.chunks(100) {
        for item in app.store().get_many(chunk).await?.into_iter().flatten() {
            let child: ChildRecord = from_item(item)?;
            children.insert((child.setting_id.clone(), child.child_id.clone()), child);
        }
    }
    // Settings in lockdown send no digest: families hear only their notices (rule 10).
    let settings: Vec<Key> =
        children.keys().map(|(s, _)| SettingRecord::key(s)).collect::<std::collections::BTreeSet<_>>().into_iter().collect();
    let mut locked: std::collections::BTreeSet<SettingId> = std::collections::BTreeSet::new();
    for chunk in settings.chunks(100) {
        for item in app.store().get_many(chunk).await?.into_iter().flatten() {
            let setting: SettingRecord = from_item(item)?;
            if setting.lockdown.is_some() {
                locked.insert(setting.setting_id);
            }
        }
    }
    children.retain(|(setting_id, _), _| !locked.contains(setting_id));
    let mut sent = 0;
    for (user_id, entries) in lines {
        let mut entries: Vec<DigestLineRecord> = entries
            .into_iter()
            .filter(|l| {
                let child = l.setting_id.clone().zip(l.child_id.clone()).and_then(|pair| children.get(&pair));
                child.is_some_and(|c| live_parent(c, &l.user_id))
            })
            .collect();
        if entries.is_empty() {
            continue;
        }
        entries.sort_by_key(|e| e.at);
        let first = &entries[0];
        let user = UserRecord::new(&user_id, "", &first.email, &first.name, AccountStatus::Active, app.clock.timestamp());
        let settings: Vec<&str> = {
            let mut s: Vec<&str> = entries.iter().map(|e| e.setting_name.as_str()).collect();
            s.dedup();
            s
        };
        let texts: Vec<String> = entries.iter().map(|e| e.line.clone()).collect();
        let email = journal_email(app, &user, &format!("Yesterday's news from {}", settings.join(", ")), &texts);
        let id = format!("digest-{day}-{user_id}");
        match app.store().transact(vec![outbox_with_id(app, &id, email)]).await {
            Ok(()) => sent += 1,
            Err(StoreError::Conflict { .. }) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(sent)
}

/// The day a scheduled run reports on: the UTC day before the event's time.
pub fn digest_day_for(event_time: time::OffsetDateTime) -> String {
    let day = (event_time - time::Duration::days(1)).date();
    format!("{:04}-{:02}-{:02}", day.year(), u8::from(day.month()), day.day())
}

/// A scheduled event (EventBridge's `time`, else now): sends the previous day's digests.
pub async fn run_schedule(app: &App, event: &serde_json::Value) -> Result<usize, StoreError> {
    let at = app.scheduled_at(event);
    send_digests(app, &digest_day_for(at)).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_read_naturally() {
        assert_eq!(names(&["Ava".into()]), "Ava");
        assert_eq!(names(&["Ava".into(), "Noah".into()]), "Ava and Noah");
        assert_eq!(names(&["A".into(), "B".into(), "C".into()]), "A, B and C");
    }

    #[test]
    fn the_digest_reports_on_the_day_before() {
        assert_eq!(digest_day_for(time::macros::datetime!(2026-11-24 06:30 UTC)), "2026-11-23");
        assert_eq!(digest_day_for(time::macros::datetime!(2026-03-01 06:30 UTC)), "2026-02-28");
    }
}

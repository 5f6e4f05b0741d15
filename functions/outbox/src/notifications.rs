//! Journal notifications: the fan-out of each `NOTIFY#` event to the parents who want to hear
//! of it, and the daily digest. Emails name only the recipient's own children (first names),
//! never carry photos or entry text, and link to the app.

use crate::{BatchItemFailure, BatchResponse};
use aws_lambda_events::dynamodb::Event;
use nestling_domain::journal::NotificationPreference;
use nestling_domain::GuardianAccess;
use nestling_platform::notify::{DigestLineRecord, NotifyRecord};
use nestling_platform::records::{AccountStatus, ChildRecord, UserRecord};
use nestling_platform::store::{from_item, keys, to_item, Key, StoreError};
use nestling_platform::writes::{outbox_with_id, Email};
use nestling_platform::App;
use std::collections::BTreeMap;

/// Digest lines are kept a week after their day (TTL).
const DIGEST_RETENTION_DAYS: i64 = 7;

/// The table stream's `NOTIFY#` inserts, one event at a time; a failed one is reported so
/// Lambda retries it (ids are derived, so a retry writes nothing twice).
pub async fn handle_notifications(app: &App, event: Event) -> BatchResponse {
    let mut response = BatchResponse::default();
    for record in event.records {
        let sequence = record.change.sequence_number.clone().unwrap_or_default();
        if !response.batch_item_failures.is_empty() {
            response.batch_item_failures.push(BatchItemFailure { item_identifier: sequence });
            continue;
        }
        if record.event_name != "INSERT" {
            continue;
        }
        let Ok(notify) = serde_dynamo::from_item::<_, NotifyRecord>(record.change.new_image) else { continue };
        if notify.kind != "notify" {
            continue;
        }
        match fan_out(app, &notify).await {
            Ok(written) => tracing::info!(notify_id = %notify.notify_id, written, "notification fanned out"),
            Err(error) => {
                tracing::error!(notify_id = %notify.notify_id, %error, "notification fan-out failed; will retry");
                response.batch_item_failures.push(BatchItemFailure { item_identifier: sequence });
            }
        }
    }
    response
}

/// Whom an event reaches: each live parent of the children named (not revoked, not under a
/// hold), with the first names of their own children among them; never the person who acted.
pub fn recipients(children: &[ChildRecord], actor_id: &str) -> BTreeMap<String, Vec<String>> {
    let mut to: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for child in children.iter().filter(|c| c.hold.is_none()) {
        for link in child.guardians.values() {
            if link.access == GuardianAccess::Parent && !link.is_revoked() && link.user_id != actor_id {
                to.entry(link.user_id.clone()).or_default().push(child.first_name.clone());
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
    let children: Vec<ChildRecord> = app.store().get_many(&keys).await?.into_iter().flatten().map(from_item).collect::<Result<_, _>>()?;
    let to = recipients(&children, &n.actor_id);
    let mut writes = Vec::new();
    let user_ids: Vec<&String> = to.keys().collect();
    for chunk in user_ids.chunks(100) {
        let keys: Vec<Key> = chunk.iter().map(|u| UserRecord::key(u)).collect();
        for item in app.store().get_many(&keys).await?.into_iter().flatten() {
            let user: UserRecord = from_item(item)?;
            if user.status != AccountStatus::Active {
                continue;
            }
            let own = &to[&user.user_id];
            let lines: Vec<String> = own.iter().map(|name| n.event.line(name)).collect();
            match user.notifications {
                NotificationPreference::Off => {}
                NotificationPreference::Immediate => {
                    let email = journal_email(app, &user, &format!("News about {} at {}", names(own), n.setting_name), &lines);
                    writes.push(outbox_with_id(app, &format!("notify-{}-{}", n.notify_id, user.user_id), email));
                }
                NotificationPreference::Daily => {
                    let day = &n.created_at[..10];
                    for (i, line) in lines.into_iter().enumerate() {
                        let record = DigestLineRecord {
                            pk: keys::digest_day(day),
                            sk: format!("{}#{}#{i}", user.user_id, n.notify_id),
                            kind: "digest-line".into(),
                            user_id: user.user_id.clone(),
                            email: user.email.clone(),
                            name: user.name.clone(),
                            setting_name: n.setting_name.clone(),
                            line,
                            at: n.created_at.clone(),
                            expires_at: (app.clock.now() + time::Duration::days(DIGEST_RETENTION_DAYS)).unix_timestamp(),
                        };
                        writes.push(app.store().put_new(to_item(&record)));
                    }
                }
            }
        }
    }
    let mut written = 0;
    for chunk in writes.chunks(25) {
        match app.store().transact(chunk.to_vec()).await {
            Ok(()) => written += chunk.len(),
            // A redelivery: this chunk was written the first time (same derived ids).
            Err(StoreError::Conflict { .. }) => {}
            Err(e) => return Err(e),
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
    let mut lines: BTreeMap<String, Vec<DigestLineRecord>> = BTreeMap::new();
    let mut cursor: Option<String> = None;
    loop {
        let page = app
            .store()
            .query_items(None, &keys::digest_day(day), "", 500, cursor.as_deref(), None)
            .await
            .map_err(|e| match e {
                nestling_platform::store::QueryError::Store(s) => s,
                other => StoreError::Corrupt(other.to_string()),
            })?;
        for item in page.items {
            let line: DigestLineRecord = from_item(item)?;
            lines.entry(line.user_id.clone()).or_default().push(line);
        }
        match page.next_cursor {
            Some(c) => cursor = Some(c),
            None => break,
        }
    }
    let mut sent = 0;
    for (user_id, mut entries) in lines {
        entries.sort_by(|a, b| a.at.cmp(&b.at));
        let first = &entries[0];
        let user = UserRecord::new(&user_id, "", &first.email, &first.name, AccountStatus::Active, "");
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

/// A scheduled event (EventBridge's `time`, else now): sends the previous day's digests.
pub async fn run_schedule(app: &App, event: &serde_json::Value) -> Result<usize, StoreError> {
    let at = event["time"]
        .as_str()
        .and_then(|t| time::OffsetDateTime::parse(t, &time::format_description::well_known::Rfc3339).ok())
        .unwrap_or_else(|| app.clock.now());
    send_digests(app, &digest_day_for(at)).await
}

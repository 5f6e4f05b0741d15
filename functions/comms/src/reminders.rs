//! The daily schedule that reminds families who have not replied to an event, a week and two
//! days before its reply deadline (the day itself when it has none). Events are in GSI1 under
//! `EVENT-REPLY-BY` by that date, so each run reads only the events due a reminder.

use super::*;
use nestling_domain::comms::REMINDER_DAYS_BEFORE;
use nestling_platform::alerts::paragraphs_html;
use nestling_platform::records::{ChildRecord, MemberRecord, SettingRecord};
use nestling_platform::store::{from_item, keys, Index, Key, Query, StoreError};
use nestling_platform::writes::{self, Actor, AuditAction};
use std::collections::BTreeMap;
use time::OffsetDateTime;

/// Writes the reminders due on the day of `now` (UTC; every setting's date differs from it by
/// at most an hour either side of midnight, and the run is in the morning). Outbox ids derive
/// from the event, the reminder and the parent, so a re-run sends nothing twice. Answers how
/// many reminder emails were written.
pub async fn send_event_reminders(app: &App, now: OffsetDateTime) -> Result<usize, StoreError> {
    let mut written = 0;
    for days in REMINDER_DAYS_BEFORE {
        let due = (now + time::Duration::days(days)).date().format(DATE).unwrap_or_default();
        let mut cursor: Option<String> = None;
        loop {
            let query = Query::partition(Index::Gsi1, keys::EVENT_REPLY_BY).prefix(format!("{due}#")).limit(100);
            let page = app.store().page(query, cursor.as_deref()).await?;
            for item in page.items {
                let post: PostRecord = from_item(item)?;
                written += remind(app, &post, days).await?;
            }
            match page.next_cursor {
                Some(c) => cursor = Some(c),
                None => break,
            }
        }
    }
    Ok(written)
}

/// The parents of `post`'s invited children who have not replied, who could see the event
/// (a live parent link, the current agreement, no hold, access from before it was published),
/// each emailed once with their children's names left out.
async fn remind(app: &App, post: &PostRecord, days: i64) -> Result<usize, StoreError> {
    let Some(event) = &post.event else { return Ok(0) };
    if post.status != PostStatus::Published {
        return Ok(0);
    }
    let setting_id = &post.setting_id;
    let fixed = app.store().get_many(&[SettingRecord::key(setting_id), RosterRecord::key(setting_id)]).await?;
    let mut setting: Option<SettingRecord> = None;
    let mut roster: Option<RosterRecord> = None;
    for item in fixed.into_iter().flatten() {
        match nestling_platform::store::text_of(&item, "kind") {
            Some("setting") => setting = Some(from_item(item)?),
            Some("roster") => roster = Some(from_item(item)?),
            _ => {}
        }
    }
    let (Some(setting), Some(roster)) = (setting, roster) else { return Ok(0) };
    let replies = Query::partition(Index::Table, keys::setting(setting_id)).prefix(keys::event_replies(&post.post_id)).limit(1000);
    let replied: BTreeSet<ChildId> = app
        .store()
        .page(replies, None)
        .await?
        .items
        .into_iter()
        .filter_map(|i| from_item::<EventReplyRecord>(i).ok())
        .map(|r| r.child_id)
        .collect();
    let waiting: Vec<Key> = roster
        .children
        .iter()
        .filter(|(id, e)| post.audience.reaches_room(&e.room_id) && !replied.contains(*id) && !e.held)
        .map(|(id, _)| ChildRecord::key(setting_id, id))
        .collect();
    // Each parent once, with the first of their children waiting (for a held email's check).
    let mut parents: BTreeMap<UserId, (String, String, ChildId)> = BTreeMap::new();
    for chunk in waiting.chunks(100) {
        for item in app.store().get_many(chunk).await?.into_iter().flatten() {
            let child: ChildRecord = from_item(item)?;
            for (user_id, link) in child.parents_to_tell(setting.agreement_version) {
                parents.entry(user_id.clone()).or_insert_with(|| (link.name.clone(), link.email.clone(), child.child_id.clone()));
            }
        }
    }
    // Only those whose access began before the event was published can see it.
    let published = post.published_at.unwrap_or(post.created_at);
    let member_keys: Vec<Key> = parents.keys().map(|u| MemberRecord::key(setting_id, u)).collect();
    let mut could_see: BTreeSet<UserId> = BTreeSet::new();
    for chunk in member_keys.chunks(100) {
        for item in app.store().get_many(chunk).await?.into_iter().flatten() {
            let member: MemberRecord = from_item(item)?;
            if member.activated_at.unwrap_or(member.invited_at) <= published {
                could_see.insert(member.user_id);
            }
        }
    }
    let system = Actor { id: "nestling", role: "system", request_id: "event-reminders", off_premises: false, device_id: None };
    let deadline = event.reply_by.clone().unwrap_or_else(|| event.date.clone());
    let url = format!("{}/s/{}/news/{}", app.config.app_url.trim_end_matches('/'), setting_id, post.post_id);
    let mut written = 0;
    for (user_id, (name, email, child_id)) in parents.into_iter().filter(|(u, _)| could_see.contains(u)) {
        let text = format!(
            "Hello {name},\n\n{} asked families to reply to \"{}\" on {} by {deadline}, and we have no reply from you yet.\n\nReply in Nestling: {url}\n",
            setting.name, event.title, event.date
        );
        let id = format!("event-reminder-{}-{days}-{user_id}", post.post_id);
        let batch = vec![
            writes::family_email(
                app,
                &setting,
                &id,
                writes::Email {
                    to: email,
                    subject: format!("Please reply: {} at {}", event.title, setting.name),
                    html: paragraphs_html(&text),
                    text,
                    purpose: "event-reminder",
                    setting_id: Some(setting_id.clone()),
                },
                &child_id,
                &user_id,
            ),
            writes::audit_by_about(
                app,
                &system,
                setting_id,
                AuditAction::EventReminder,
                &format!("post:{}", post.post_id),
                vec![child_id.clone()],
                Some(format!("{days} days before, to {user_id}")),
            ),
        ];
        match app.store().transact(batch).await {
            Ok(()) => written += 1,
            // Sent by an earlier run.
            Err(StoreError::Conflict { .. }) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(written)
}

/// A scheduled event (EventBridge's `time`, else now): sends the reminders due that day.
pub async fn run_reminders(app: &App, event: &serde_json::Value) -> Result<usize, StoreError> {
    let at = app.scheduled_at(event);
    send_event_reminders(app, at).await
}

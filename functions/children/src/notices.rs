//! `access-ending-notices`: each morning, the parents of a child who left are told, a fortnight
//! ahead (or on the leaving day, when the reading period is shorter), the day their access to
//! the child's records ends, and that they can keep the learning journey until then. A leaving
//! date puts the child on GSI1 `ACCESS-ENDING` under its notice day; the run reads the index up
//! to today, emails each parent once (derived ids) and moves the child to the retention sweep's
//! index (`sweep`).

use nestling_domain::leaving;
use nestling_platform::records::{ChildRecord, SettingRecord};
use nestling_platform::store::{from_item, keys, Change, Condition, Index, Key, Query, StoreError};
use nestling_platform::writes::{self, Actor, AuditAction, Email};
use nestling_platform::App;
use std::collections::BTreeMap;
use time::OffsetDateTime;

/// The index line of a child whose family is to be told on `notice_day`.
pub fn notice_index(child: &ChildRecord) -> Option<(String, String)> {
    let leaving = child.leaving.as_ref()?;
    let day = leaving.day()?;
    let notice = leaving::notice_day(day, leaving.guardian_access_days);
    Some((keys::ACCESS_ENDING.to_string(), format!("{notice}#{}#{}", child.setting_id, child.child_id)))
}

/// Tells every family due a notice by `now` (UTC day; a notice is a day's warning, not an
/// hour's). Answers how many emails were written (a re-run writes none).
pub async fn send_access_ending_notices(app: &App, now: OffsetDateTime) -> Result<usize, StoreError> {
    let today = now.date().to_string();
    let mut due: Vec<ChildRecord> = Vec::new();
    let mut cursor: Option<String> = None;
    'pages: loop {
        let page = app.store().page(Query::partition(Index::Gsi1, keys::ACCESS_ENDING).limit(100), cursor.as_deref()).await?;
        for item in page.items {
            let child: ChildRecord = from_item(item)?;
            // Oldest notice first: the first one still ahead ends the run.
            match child.gsi1sk.as_deref() {
                Some(sk) if sk[..sk.find('#').unwrap_or(sk.len())] <= *today => due.push(child),
                Some(_) => break 'pages,
                None => {}
            }
        }
        match page.next_cursor {
            Some(c) => cursor = Some(c),
            None => break,
        }
    }
    let mut settings: BTreeMap<nestling_domain::SettingId, SettingRecord> = BTreeMap::new();
    let wanted: Vec<Key> =
        due.iter().map(|c| SettingRecord::key(&c.setting_id)).collect::<std::collections::BTreeSet<_>>().into_iter().collect();
    for chunk in wanted.chunks(100) {
        for item in app.store().get_many(chunk).await?.into_iter().flatten() {
            let s: SettingRecord = from_item(item)?;
            settings.insert(s.setting_id.clone(), s);
        }
    }
    let system = Actor { id: "nestling", role: "system", request_id: "access-ending-notices", off_premises: false, device_id: None };
    let mut written = 0;
    for child in due {
        let (Some(setting), Some(left), Some(listed)) = (settings.get(&child.setting_id), child.leaving.as_ref(), child.gsi1sk.clone())
        else {
            continue;
        };
        let Some(day) = left.day() else { continue };
        let ends = leaving::access_ends(day, left.guardian_access_days);
        let link = format!("{}/s/{}/children/{}/journey", app.config.app_url.trim_end_matches('/'), child.setting_id, child.child_id);
        for (user_id, parent) in child.parents_to_tell(setting.agreement_version) {
            let text = format!(
                "Hello {},\n\n{} left {} on {}. Your access to {}'s records in Nestling ends on {ends}: until then you can read {}'s journal, and make and download {}'s learning journey (a PDF and an archive of the photos and videos) to keep:\n{link}\n",
                parent.name, child.first_name, setting.name, left.date, child.first_name, child.first_name, child.first_name
            );
            let email = Email {
                to: parent.email.clone(),
                subject: format!("Your access to {}'s records ends on {ends}", child.first_name),
                html: nestling_platform::alerts::paragraphs_html(&text),
                text,
                purpose: "access-ending",
                setting_id: Some(child.setting_id.clone()),
            };
            let id = format!("access-ending-{}-{}-{user_id}", child.child_id, left.date);
            let batch = vec![
                writes::family_email(app, setting, &id, email, &child.child_id, user_id),
                writes::audit_by_about(
                    app,
                    &system,
                    &child.setting_id,
                    AuditAction::AccessEndingNotice,
                    &format!("child:{}", child.child_id),
                    vec![child.child_id.clone()],
                    Some(format!("access ends {ends}; told {user_id}")),
                ),
            ];
            match app.store().transact(batch).await {
                Ok(()) => written += 1,
                // Told by an earlier run.
                Err(StoreError::Conflict { .. }) => {}
                Err(e) => return Err(e),
            }
        }
        // From the notices' index to the retention sweep's (unless a new leaving date moved it
        // meanwhile): the child's records are now kept only as long as the schedule says.
        let done = match crate::sweep::first_due(setting, &child) {
            Some((pk, sk)) => Change::new().set("GSI1PK", &pk).set("GSI1SK", &sk),
            None => Change::new().remove("GSI1PK").remove("GSI1SK"),
        }
        .when(Condition::eq("GSI1SK", &listed));
        match app.store().update(&ChildRecord::key(&child.setting_id, &child.child_id), done).await {
            Ok(_) | Err(StoreError::Conflict { .. }) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(written)
}

/// The schedule's entry: EventBridge's event, whose `time` is the run's.
pub async fn run_schedule(app: &App, event: &serde_json::Value) -> Result<usize, StoreError> {
    let now = app.scheduled_at(event);
    send_access_ending_notices(app, now).await
}

//! `rights-deadlines`: each morning, the managers of every setting with a data-rights request
//! still open are reminded a week before it is due, on the day, and once it is overdue (each
//! reminder once per manager: derived ids). Open requests are on GSI1 `RIGHTS-DUE` under the
//! day of their first reminder, so the run reads only those whose reminders have begun.

use nestling_domain::rights::{self, RightsReminder, RightsRequestStatus};
use nestling_domain::{ChildId, SettingId};
use nestling_platform::alerts::manager_emails;
use nestling_platform::records::{ManagersRecord, RequestSubject, RightsRequestRecord};
use nestling_platform::store::{from_item, keys, Index, Key, Query, StoreError};
use nestling_platform::writes::{self, Actor, AuditAction};
use nestling_platform::App;
use std::collections::BTreeMap;
use time::OffsetDateTime;

/// Sends every reminder due by `now`'s day (UTC). Answers how many emails were written; a
/// re-run writes none.
pub async fn send_reminders(app: &App, now: OffsetDateTime) -> Result<usize, StoreError> {
    let today = now.date();
    let today_text = today.to_string();
    let mut due: Vec<RightsRequestRecord> = Vec::new();
    let mut cursor: Option<String> = None;
    'pages: loop {
        let page = app.store().page(Query::partition(Index::Gsi1, keys::RIGHTS_DUE).limit(100), cursor.as_deref()).await?;
        for item in page.items {
            let request: RightsRequestRecord = from_item(item)?;
            // By first reminder day: the first still ahead ends the run.
            match request.gsi1sk.as_deref() {
                Some(sk) if sk[..sk.find('#').unwrap_or(sk.len())] <= *today_text => due.push(request),
                Some(_) => break 'pages,
                None => {}
            }
        }
        match page.next_cursor {
            Some(c) => cursor = Some(c),
            None => break,
        }
    }
    let wanted: Vec<Key> = due
        .iter()
        .map(|r| r.setting_id.clone())
        .collect::<std::collections::BTreeSet<SettingId>>()
        .iter()
        .map(ManagersRecord::key)
        .collect();
    let mut managers: BTreeMap<SettingId, ManagersRecord> = BTreeMap::new();
    for chunk in wanted.chunks(100) {
        for item in app.store().get_many(chunk).await?.into_iter().flatten() {
            let m: ManagersRecord = from_item(item)?;
            managers.insert(m.setting_id.clone(), m);
        }
    }
    let system = Actor { id: "nestling", role: "system", request_id: "rights-deadlines", off_premises: false, device_id: None };
    let mut written = 0;
    for request in due.into_iter().filter(|r| r.status == RightsRequestStatus::Open) {
        let (Some(list), Ok(due_on)) =
            (managers.get(&request.setting_id), time::Date::parse(&request.due_on, &time::format_description::well_known::Iso8601::DATE))
        else {
            continue;
        };
        let whom = match &request.about {
            RequestSubject::Child { name, .. } | RequestSubject::Person { name, .. } => name.clone(),
        };
        let children: Vec<ChildId> = match &request.about {
            RequestSubject::Child { child_id, .. } => vec![child_id.clone()],
            RequestSubject::Person { .. } => Vec::new(),
        };
        for reminder in rights::reminders_due(due_on, today) {
            let subject = match reminder {
                RightsReminder::DueSoon => format!("Subject access request due in a week ({due_on})"),
                RightsReminder::DueToday => format!("Subject access request due today ({due_on})"),
                RightsReminder::Overdue => format!("Subject access request overdue (due {due_on})"),
            };
            let text = format!(
                "{} asked on {} for everything held about {whom}. It is to be answered by {due_on}{}.\n\nRecord in Nestling when it is answered (Data requests).",
                request.requester_name,
                request.received_on,
                if request.extended.is_some() { " (extended)" } else { "" }
            );
            for (user_id, email) in manager_emails(list, &subject, &text, "rights-reminder", &request.setting_id) {
                let id = format!("rights-{}-{}-{user_id}", request.request_id, reminder.as_str());
                let batch = vec![
                    writes::outbox_with_id(app, &id, email),
                    writes::audit_by_about(
                        app,
                        &system,
                        &request.setting_id,
                        AuditAction::RightsRequestReminder,
                        &format!("rights-request:{}", request.request_id),
                        children.clone(),
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

/// The schedule's entry: EventBridge's event, whose `time` is the run's.
pub async fn run_schedule(app: &App, event: &serde_json::Value) -> Result<usize, StoreError> {
    let at = app.scheduled_at(event);
    send_reminders(app, at).await
}

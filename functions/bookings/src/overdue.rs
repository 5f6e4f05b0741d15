//! `invoice-reminders`: each morning, every invoice still unpaid after its due day reminds its
//! payer (`nestling_domain::invoicing::overdue_step`: the day after, then fortnightly, three
//! times at most). Issuing an invoice puts its month on the `INVOICES-DUE` index for the day
//! after it falls due; each run works out the payer's statement afresh, so a payment, a credit
//! note or a refund recorded since is counted.

use crate::invoices::{account_lines, month_words, payer_account};
use nestling_domain::bookings::Day;
use nestling_domain::invoicing::{self, overdue_step, StatementEntryKind};
use nestling_domain::UserId;
use nestling_platform::alerts::personal_email;
use nestling_platform::records::{ChildRecord, InvoiceMonthRecord, InvoiceRecord, InvoiceRemindersRecord, RosterRecord, SettingRecord};
use nestling_platform::store::{from_item, keys, to_item, Index, Query, StoreError};
use nestling_platform::writes::{self, Actor, AuditAction};
use nestling_platform::App;
use std::collections::{BTreeMap, BTreeSet};
use time::OffsetDateTime;

fn reminder_text(invoice: &InvoiceRecord, unpaid: nestling_domain::billing::Pence, n: usize, app_url: &str) -> (String, String) {
    let first = invoice.child_name.split(' ').next().unwrap_or_default();
    let again = if n == 0 { "" } else { " again" };
    (
        format!("{first}'s invoice for {} is overdue", month_words(invoice.month)),
        format!(
            "We are writing{again} about invoice {} from {} for {}'s childcare in {}, which was due by {}. {unpaid} of it is still to pay.\n\n\
             If you have paid in the last few days, thank you, and please ignore this reminder. If you cannot pay it yet, please talk to the managers.\n\n\
             Your invoice and your statement in Nestling: {app_url}/s/{}/invoices/{}",
            invoice.invoice_id,
            invoice.setting_name,
            invoice.child_name,
            month_words(invoice.month),
            crate::long_date(invoice.due),
            invoice.setting_id,
            invoice.invoice_id,
        ),
    )
}

/// The sooner of two days either of which may be none.
fn earliest(a: Option<Day>, b: Option<Day>) -> Option<Day> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// Sends every overdue reminder due by `now` (UTC day), once each (derived ids: a re-run
/// writes none), and moves each month on to the next day one of its invoices may need one.
/// Answers how many reminders were written.
pub async fn send_reminders(app: &App, now: OffsetDateTime) -> Result<usize, StoreError> {
    let today = Day::new(now.date());
    let mut due: Vec<InvoiceRemindersRecord> = Vec::new();
    let mut cursor: Option<String> = None;
    'pages: loop {
        let page = app.store().page(Query::partition(Index::Gsi1, keys::INVOICES_DUE).limit(100), cursor.as_deref()).await?;
        for item in page.items {
            let record: InvoiceRemindersRecord = from_item(item)?;
            // Soonest first: the first one still ahead ends the run.
            match record.next {
                Some(day) if day <= today => due.push(record),
                Some(_) => break 'pages,
                None => {}
            }
        }
        match page.next_cursor {
            Some(c) => cursor = Some(c),
            None => break,
        }
    }
    let system = Actor { id: "nestling", role: "system", request_id: "invoice-reminders", off_premises: false, device_id: None };
    let mut written = 0;
    for mut marker in due {
        let setting_id = marker.setting_id.clone();
        let found = app
            .store()
            .get_many(&[
                InvoiceMonthRecord::key(&setting_id, marker.month),
                SettingRecord::key(&setting_id),
                RosterRecord::key(&setting_id),
            ])
            .await?;
        let mut found = found.into_iter();
        let month = found.next().flatten().map(from_item::<InvoiceMonthRecord>).transpose()?;
        let setting = found.next().flatten().map(from_item::<SettingRecord>).transpose()?;
        let roster = found.next().flatten().map(from_item::<RosterRecord>).transpose()?;
        let (Some(month), Some(setting)) = (month, setting) else { continue };
        // The month's invoices that may be owed: not cancelled, more than nothing.
        let open: BTreeSet<String> = month
            .issued
            .iter()
            .filter(|i| i.document == invoicing::DocumentKind::Invoice && i.corrected_by.is_none() && i.total.0 > 0)
            .map(|i| i.invoice_id.to_string())
            .collect();
        let payers: BTreeSet<UserId> =
            month.issued.iter().filter(|i| open.contains(i.invoice_id.as_str())).map(|i| i.payer_id.clone()).collect();
        let mut children: BTreeMap<String, Option<ChildRecord>> = BTreeMap::new();
        let mut next: Option<Day> = None;
        for payer in payers {
            let (invoices, payments) = payer_account(app, &setting_id, &payer).await?;
            let statement = invoicing::statement(account_lines(&invoices, &payments), today);
            for entry in statement.entries.iter().filter(|e| e.kind == StatementEntryKind::Invoice && open.contains(&e.reference)) {
                let (Some(due_day), Some(unpaid)) = (entry.due, entry.unpaid) else { continue };
                let Some(invoice) = invoices.iter().find(|r| r.invoice_id.as_str() == entry.reference) else { continue };
                let reminded = marker.reminded.get(&entry.reference).cloned().unwrap_or_default();
                let step = overdue_step(due_day, &reminded, unpaid, today);
                if !step.remind {
                    next = earliest(next, step.next);
                    continue;
                }
                let child_key = invoice.child_id.to_string();
                if !children.contains_key(&child_key) {
                    let child = app.store().get_as::<ChildRecord>(&ChildRecord::key(&setting_id, &invoice.child_id)).await?;
                    children.insert(child_key.clone(), child);
                }
                // Only to a payer still linked; nothing about a child under a safeguarding hold.
                let held = roster.as_ref().is_some_and(|r| r.children.get(&invoice.child_id).is_some_and(|c| c.held));
                let link = children[&child_key].as_ref().and_then(|c| c.guardians.get(&payer)).filter(|l| !l.is_revoked());
                match link {
                    Some(link) if !held => {
                        let n = reminded.len();
                        let (subject, text) = reminder_text(invoice, unpaid, n, &app.config.app_url);
                        let email = personal_email(&link.email, &link.name, &subject, &text, "invoice-overdue", &setting_id);
                        let id = format!("invoice-overdue-{setting_id}-{}-{n}", invoice.invoice_id);
                        let batch = vec![
                            writes::family_email(app, &setting, &id, email, &invoice.child_id, &payer),
                            writes::audit_by_about(
                                app,
                                &system,
                                &setting_id,
                                AuditAction::InvoiceOverdueReminder,
                                &format!("invoice:{}", invoice.invoice_id),
                                vec![invoice.child_id.clone()],
                                Some(format!("reminder {} of {}: {unpaid} unpaid, told {payer}", n + 1, invoicing::OVERDUE_REMINDERS)),
                            ),
                        ];
                        match app.store().transact(batch).await {
                            Ok(()) => written += 1,
                            // Sent by an earlier run that could not record it.
                            Err(StoreError::Conflict { .. }) => {}
                            Err(e) => return Err(e),
                        }
                        marker.reminded.entry(entry.reference.clone()).or_default().push(today);
                        next = earliest(next, step.next);
                    }
                    // Looked at again in a fortnight: the link or the hold may have changed.
                    _ => {
                        let later = Some(today.plus_days(invoicing::OVERDUE_REMINDER_EVERY_DAYS));
                        next = earliest(next, later);
                    }
                }
            }
        }
        let read = marker.version;
        marker.look_again_on(next);
        marker.version += 1;
        // A manager issuing in the month meanwhile has moved it on themself.
        match app.store().transact(vec![app.store().put_after(to_item(&marker), read)]).await {
            Ok(()) | Err(StoreError::Conflict { .. }) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(written)
}

/// The schedule's entry: EventBridge's event, whose `time` is the run's.
pub async fn run_schedule(app: &App, event: &serde_json::Value) -> Result<usize, StoreError> {
    let now = app.scheduled_at(event);
    send_reminders(app, now).await
}

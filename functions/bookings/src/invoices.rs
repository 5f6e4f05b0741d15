//! Bills: who pays for a child (bill payers with parental responsibility, a split between
//! separated payers, the extras the family opted into), a month's invoices worked out from
//! the bookings (`nestling_domain::invoicing::month_bill`) for the managers to preview and
//! issue, and each payer's own invoices with their PDF. An issued invoice is never written
//! again; every read of one is in the access log.

use crate::{roster_of, stored_setup, today_of, BookingsProblem};
use lambda_http::{Body, Request, Response};
use nestling_domain::billing::{Bill, LineKind, Pence};
use nestling_domain::bookings::{Day, DayChange};
use nestling_domain::bounds::{INVOICES_PER_WRITE, MAX_INVOICES_PER_MONTH};
use nestling_domain::invoicing::{
    self, hours_words, ChildBilling, ChildMonth, CorrectionReason, DocumentKind, InvoiceBasis, Month, PaymentDirection, PaymentMethod,
    Presence, StatementEntry, StatementEntryKind, PAYMENT_DAYS,
};
use nestling_domain::staffing::WorkDay;
use nestling_domain::{Action, ChildId, InvoiceId, SettingId, Timestamp, UserId};
use nestling_platform::access::{authorize, authorize_child, Authorized};
use nestling_platform::alerts::personal_email;
use nestling_platform::http::{self, ApiResult, Problem};
use nestling_platform::records::{
    BillingRecord, BookingDayRecord, ChildRecord, Correction, DayRecord, FundingRecord, InvoiceMonthRecord, InvoiceRecord,
    InvoiceRemindersRecord, IssuedInvoice, PaymentRecord,
};
use nestling_platform::store::{from_item, keys, to_item, Index, Key, Query, StoreError, Write};
use nestling_platform::writes::{self, AuditAction};
use nestling_platform::{App, Audit, Commit};
use serde::Serialize;
use std::collections::BTreeMap;
use std::sync::Arc;

// ---------------------------------------------------------------------------------------------
// Who pays

/// A guardian who may pay: linked, live, with parental responsibility.
#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct PayerOption {
    #[schema(value_type = String)]
    pub user_id: UserId,
    pub name: String,
    pub relationship: String,
}

#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct BillingView {
    #[schema(value_type = String)]
    pub child_id: ChildId,
    pub billing: ChildBilling,
    /// Who may be a bill payer.
    pub responsible: Vec<PayerOption>,
    /// The setting's extras, to opt into.
    pub extras: Vec<invoicing::ExtraOffer>,
    /// 0 until a manager first saves it.
    pub version: u64,
}

/// The child's guardians who may pay: a live link with parental responsibility, by name (the
/// order the page lists them and a split's first payer is chosen in).
fn responsible(child: &ChildRecord) -> Vec<&nestling_platform::records::GuardianLinkRecord> {
    let mut may_pay: Vec<_> = child.guardians.values().filter(|g| g.parental_responsibility && !g.is_revoked()).collect();
    may_pay.sort_by(|a, b| (&a.name, &a.user_id).cmp(&(&b.name, &b.user_id)));
    may_pay
}

/// Who may pay, as the page shows them (never their email: separated parents need not see
/// each other's).
fn payer_options(child: &ChildRecord) -> Vec<PayerOption> {
    responsible(child)
        .into_iter()
        .map(|g| PayerOption { user_id: g.user_id.clone(), name: g.name.clone(), relationship: g.relationship.clone() })
        .collect()
}

/// GET /v1/settings/{settingId}/children/{childId}/billing: managers, and the child's parents
/// with parental responsibility. In the access log.
pub async fn get_billing(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("billing-get", req, |req| async move {
        let setting_id = http::path_id::<SettingId>(&req, "settingId")?;
        let child_id = http::path_id::<ChildId>(&req, "childId")?;
        let extra = [BillingRecord::key(&setting_id, &child_id), nestling_platform::records::BookingSetupRecord::key(&setting_id)];
        let auth = authorize_child(&app, &req, "billing-get", &setting_id, &child_id, Action::ViewBilling, &extra).await?;
        let record = auth.record::<BillingRecord>(&BillingRecord::key(&setting_id, &child_id))?;
        let setup = stored_setup(&auth, &setting_id)?.map(|r| r.setup).unwrap_or_default();
        let view = BillingView {
            child_id: child_id.clone(),
            billing: record.as_ref().map(|r| r.billing.clone()).unwrap_or_default(),
            responsible: payer_options(auth.child()),
            extras: setup.extras,
            version: record.as_ref().map_or(0, |r| r.version),
        };
        Audit::child(&setting_id, AuditAction::BillingView, &child_id).log_read(&app, &auth).await?;
        Ok(auth.tag(http::with_version(200, &view, view.version)))
    })
    .await
}

/// PUT /v1/settings/{settingId}/children/{childId}/billing (managers, If-Match): the bill
/// payers, their split and the extras the family opted into, replaced whole.
pub async fn set_billing(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("billing-set", req, |req| async move {
        let setting_id = http::path_id::<SettingId>(&req, "settingId")?;
        let child_id = http::path_id::<ChildId>(&req, "childId")?;
        let extra = [BillingRecord::key(&setting_id, &child_id), nestling_platform::records::BookingSetupRecord::key(&setting_id)];
        let auth = authorize_child(&app, &req, "billing-set", &setting_id, &child_id, Action::SetBilling, &extra).await?;
        let billing: ChildBilling = http::json_body(&req)?;
        let expected = http::if_match(&req)?;
        let current = auth.record::<BillingRecord>(&BillingRecord::key(&setting_id, &child_id))?;
        if current.as_ref().map_or(0, |c| c.version) != expected {
            return Err(BookingsProblem::StaleBilling.into());
        }
        let setup = stored_setup(&auth, &setting_id)?.map(|r| r.setup).unwrap_or_default();
        let may_pay: Vec<UserId> = responsible(auth.child()).into_iter().map(|g| g.user_id.clone()).collect();
        billing.check(&setup.extras, &may_pay).map_err(|e| Problem::invalid(e.to_string()))?;
        let record = BillingRecord {
            pk: keys::setting(&setting_id),
            sk: keys::billing(&child_id),
            kind: "billing".into(),
            setting_id: setting_id.clone(),
            child_id: child_id.clone(),
            billing,
            updated_by: auth.caller.user_id.clone(),
            updated_at: Timestamp::new(auth.now),
            version: expected + 1,
        };
        let detail = format!(
            "{} payer(s){}; extras: {}",
            record.billing.payers.len(),
            if record.billing.split.is_some() { ", split" } else { "" },
            if record.billing.extras.is_empty() {
                "none".to_string()
            } else {
                record.billing.extras.iter().map(|e| e.to_string()).collect::<Vec<_>>().join(", ")
            }
        );
        let view = BillingView {
            child_id: child_id.clone(),
            billing: record.billing.clone(),
            responsible: payer_options(auth.child()),
            extras: setup.extras,
            version: record.version,
        };
        Commit::new(&app, &auth, Audit::child(&setting_id, AuditAction::BillingSet, &child_id).detail(detail))
            .write(app.store().put_after(to_item(&record), expected))
            .on_conflict(|_| BookingsProblem::StaleBilling.into())
            .answer(200, &view, Some(view.version))
            .await
    })
    .await
}

// ---------------------------------------------------------------------------------------------
// A month's invoices

/// One payer's invoice as it would be issued.
#[derive(Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct DraftInvoice {
    #[schema(value_type = String)]
    pub child_id: ChildId,
    pub child_name: String,
    #[schema(value_type = String)]
    pub payer_id: UserId,
    pub payer_name: String,
    /// Where the invoice is emailed (not shown).
    #[serde(skip)]
    pub payer_email: String,
    /// How many payers share the child's bill.
    pub payers: u8,
    pub bill: Bill,
}

/// A child with bookings this month who cannot be invoiced yet, and why.
#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct NotInvoiced {
    #[schema(value_type = String)]
    pub child_id: ChildId,
    pub child_name: String,
    pub reason: String,
}

/// An issued invoice in a list.
#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct InvoiceSummary {
    #[schema(value_type = String)]
    pub invoice_id: InvoiceId,
    #[schema(value_type = String)]
    pub child_id: ChildId,
    #[schema(value_type = String)]
    pub payer_id: UserId,
    #[schema(value_type = i64)]
    pub total: Pence,
    pub document: DocumentKind,
    /// The credit note that cancelled it, once corrected.
    #[schema(value_type = Option<String>)]
    pub corrected_by: Option<InvoiceId>,
}

#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct MonthView {
    #[schema(example = "2027-01")]
    pub month: String,
    pub issued: Vec<InvoiceSummary>,
    /// What issuing the month now would add.
    pub to_issue: Vec<DraftInvoice>,
    pub not_invoiced: Vec<NotInvoiced>,
    pub version: u64,
}

fn month_param(raw: &str) -> ApiResult<Month> {
    Month::parse(raw).map_err(|_| Problem::invalid("month must be a month (YYYY-MM)"))
}

/// The month's bills for every child with bookings not yet invoiced: read with the child's
/// record, funding and billing, and the booking days of the month's weeks, 100 keys a read.
async fn month_run(
    app: &App,
    auth: &Authorized,
    setting_id: &SettingId,
    month: Month,
    issued: &InvoiceMonthRecord,
    only: Option<&ChildId>,
) -> ApiResult<(Vec<DraftInvoice>, Vec<NotInvoiced>)> {
    let setup = stored_setup(auth, setting_id)?.map(|r| r.setup).unwrap_or_default();
    let roster = roster_of(auth, setting_id)?;
    let days: Vec<Day> = month.weeks().into_iter().flat_map(|m| WorkDay::ALL.into_iter().map(move |d| d.in_week(m))).collect();
    let first = month.first().to_string();
    // Children on the roster with a pattern, not gone before the month began (or the one child
    // a correction works out again, whatever its state).
    let children: Vec<&ChildId> = roster
        .children
        .iter()
        .filter(|(id, e)| match only {
            Some(child) => *id == child,
            None => !e.booking_patterns.is_empty() && e.leaving_date.as_deref().is_none_or(|d| d >= first.as_str()),
        })
        .map(|(id, _)| id)
        .collect();
    // Invoicing from attendance: the register's days gone by.
    let from_attendance = setup.invoice_from == InvoiceBasis::Attendance;
    let today = today_of(auth);
    let register_days: Vec<Day> = if from_attendance { days.iter().copied().filter(|d| *d <= today).collect() } else { Vec::new() };
    let mut wanted: Vec<Key> = days.iter().map(|d| BookingDayRecord::key(setting_id, &d.to_string())).collect();
    wanted.extend(register_days.iter().map(|d| DayRecord::key(setting_id, &d.to_string())));
    for child_id in &children {
        wanted.push(ChildRecord::key(setting_id, child_id));
        wanted.push(FundingRecord::key(setting_id, child_id));
        wanted.push(BillingRecord::key(setting_id, child_id));
    }
    let mut found = crate::headcount::get_all(app, &wanted).await?.into_iter();
    let day_records: Vec<Option<BookingDayRecord>> =
        days.iter().map(|_| found.next().flatten().map(from_item::<BookingDayRecord>).transpose()).collect::<Result<_, _>>()?;
    let mut register = Vec::new();
    for _ in &register_days {
        if let Some(item) = found.next().flatten() {
            register.push(from_item::<DayRecord>(item)?);
        }
    }
    let presence = crate::headcount::presence_of(&register, &auth.setting().timezone);
    let nobody = Presence::new();
    let mut drafts = Vec::new();
    let mut not_invoiced = Vec::new();
    for child_id in children {
        let child = found.next().flatten().map(from_item::<ChildRecord>).transpose()?;
        let funding = found.next().flatten().map(from_item::<FundingRecord>).transpose()?;
        let billing = found.next().flatten().map(from_item::<BillingRecord>).transpose()?;
        let Some(child) = child else { continue };
        if only.is_none() && issued.issued.iter().any(|i| i.child_id == *child_id) {
            continue;
        }
        let changes: BTreeMap<Day, Vec<DayChange<'_>>> =
            days.iter().zip(&day_records).filter_map(|(d, r)| r.as_ref().map(|r| (*d, r.changes_of(child_id)))).collect();
        let claims = funding.as_ref().map(|f| f.claims.as_slice()).unwrap_or_default();
        let chosen = billing.as_ref().map(|b| b.billing.clone());
        let opted = chosen.as_ref().map(|b| b.extras.as_slice()).unwrap_or_default();
        let attended = from_attendance.then(|| presence.get(child_id).unwrap_or(&nobody));
        let input = ChildMonth { setup: &setup, patterns: &child.booking_patterns, changes: &changes, claims, extras: opted, attended };
        let bill = invoicing::month_bill(&input, month);
        if bill.lines.is_empty() {
            continue;
        }
        let name = format!("{} {}", child.first_name, child.last_name);
        let may_pay = responsible(&child);
        // Without a choice recorded, the one guardian with parental responsibility pays.
        let billing = match chosen {
            Some(b) => b,
            None if may_pay.len() == 1 => ChildBilling { payers: vec![may_pay[0].user_id.clone()], split: None, extras: Vec::new() },
            None => {
                let reason = if may_pay.is_empty() {
                    "No parent with parental responsibility is linked to pay."
                } else {
                    "Choose who pays: more than one parent has parental responsibility."
                };
                not_invoiced.push(NotInvoiced { child_id: child_id.clone(), child_name: name, reason: reason.into() });
                continue;
            }
        };
        if let Err(e) = billing.check(&setup.extras, &may_pay.iter().map(|g| g.user_id.clone()).collect::<Vec<_>>()) {
            not_invoiced.push(NotInvoiced { child_id: child_id.clone(), child_name: name, reason: format!("Check who pays: {e}.") });
            continue;
        }
        let payers = billing.payers.len() as u8;
        for (payer_id, part) in billing.payer_bills(&bill) {
            let Some(link) = may_pay.iter().find(|g| g.user_id == payer_id) else { continue };
            drafts.push(DraftInvoice {
                child_id: child_id.clone(),
                child_name: name.clone(),
                payer_id,
                payer_name: link.name.clone(),
                payer_email: link.email.clone(),
                payers,
                bill: part,
            });
        }
    }
    drafts.sort_by(|a, b| (&a.child_name, &a.payer_name).cmp(&(&b.child_name, &b.payer_name)));
    not_invoiced.sort_by(|a, b| a.child_name.cmp(&b.child_name));
    Ok((drafts, not_invoiced))
}

/// Each child once, for an access-log line naming whose data a read or a change touched.
fn each_child(ids: impl IntoIterator<Item = ChildId>) -> Vec<ChildId> {
    let mut children: Vec<ChildId> = ids.into_iter().collect();
    children.sort();
    children.dedup();
    children
}

fn summaries(issued: &InvoiceMonthRecord) -> Vec<InvoiceSummary> {
    issued
        .issued
        .iter()
        .map(|i| InvoiceSummary {
            invoice_id: i.invoice_id.clone(),
            child_id: i.child_id.clone(),
            payer_id: i.payer_id.clone(),
            total: i.total,
            document: i.document,
            corrected_by: i.corrected_by.clone(),
        })
        .collect()
}

/// GET /v1/settings/{settingId}/invoices?month=YYYY-MM (managers): the month's issued
/// invoices, and what issuing it now would add. In the access log.
pub async fn month_invoices(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("invoices-month", req, |req| async move {
        let setting_id = http::path_id::<SettingId>(&req, "settingId")?;
        let month = month_param(&http::query_param(&req, "month").ok_or_else(|| Problem::invalid("month is required (YYYY-MM)"))?)?;
        let extra = [
            nestling_platform::records::BookingSetupRecord::key(&setting_id),
            nestling_platform::records::RosterRecord::key(&setting_id),
            InvoiceMonthRecord::key(&setting_id, month),
        ];
        let auth = authorize(&app, &req, "invoices-month", Some(&setting_id), Action::ManageInvoices, &extra).await?;
        let issued = auth
            .record::<InvoiceMonthRecord>(&InvoiceMonthRecord::key(&setting_id, month))?
            .unwrap_or_else(|| InvoiceMonthRecord::empty(&setting_id, month));
        let (to_issue, not_invoiced) = month_run(&app, &auth, &setting_id, month, &issued, None).await?;
        let children = each_child(to_issue.iter().map(|d| d.child_id.clone()).chain(issued.issued.iter().map(|i| i.child_id.clone())));
        Audit::children(&setting_id, AuditAction::InvoicesView, children).detail(month.to_string()).log_read(&app, &auth).await?;
        let view = MonthView { month: month.to_string(), issued: summaries(&issued), to_issue, not_invoiced, version: issued.version };
        Ok(auth.tag(http::with_version(200, &view, view.version)))
    })
    .await
}

#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct IssuedView {
    #[schema(example = "2027-01")]
    pub month: String,
    /// The invoices this call issued.
    pub issued_now: Vec<InvoiceSummary>,
    /// Every invoice of the month.
    pub issued: Vec<InvoiceSummary>,
    pub not_invoiced: Vec<NotInvoiced>,
    pub version: u64,
}

/// What the payer is told when an invoice, a credit note or a replacement is issued.
fn issued_email(record: &InvoiceRecord, app_url: &str) -> (String, String) {
    let first = record.child_name.split(' ').next().unwrap_or_default();
    let month = month_words(record.month);
    let link = format!("Read it and download it in Nestling: {app_url}/s/{}/invoices/{}", record.setting_id, record.invoice_id);
    let why = record
        .correction
        .as_ref()
        .map(|c| {
            if c.note.is_empty() {
                format!(" because {}", c.reason.words())
            } else {
                format!(" because {} (“{}”)", c.reason.words(), c.note)
            }
        })
        .unwrap_or_default();
    match (record.document, &record.corrects) {
        (DocumentKind::CreditNote, Some(cancelled)) => (
            format!("A credit note for {first}'s invoice for {month}"),
            format!(
                "Credit note {} cancels invoice {cancelled} for {}{why}. It comes to {}.\n\n{link}",
                record.invoice_id, record.child_name, record.bill.total
            ),
        ),
        (_, Some(replaced)) => (
            format!("{first}'s corrected invoice for {month}"),
            format!(
                "Invoice {} replaces invoice {replaced} for {}{why}. It comes to {}, due by {}.\n\n{link}",
                record.invoice_id,
                record.child_name,
                record.bill.total,
                crate::long_date(record.due)
            ),
        ),
        _ => (
            format!("{first}'s invoice for {month} is ready"),
            format!(
                "Invoice {} for {} comes to {}, due by {}.\n\n{link}",
                record.invoice_id,
                record.child_name,
                record.bill.total,
                crate::long_date(record.due)
            ),
        ),
    }
}

/// "January 2027".
pub fn month_words(month: Month) -> String {
    let d = month.first().date();
    format!("{} {}", d.month(), d.year())
}

/// POST /v1/settings/{settingId}/invoices/{month}/issue (managers, If-Match: the month's
/// version read): issues every invoice the month would add, numbered on from the month's last,
/// each payer emailed (held in lockdown like every family email). A child and payer are
/// invoiced once a month, so issuing again adds only those not yet invoiced.
pub async fn issue_month(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("invoices-issue", req, |req| async move {
        let setting_id = http::path_id::<SettingId>(&req, "settingId")?;
        let month = month_param(&http::path_param(&req, "month")?)?;
        let extra = [
            nestling_platform::records::BookingSetupRecord::key(&setting_id),
            nestling_platform::records::RosterRecord::key(&setting_id),
            InvoiceMonthRecord::key(&setting_id, month),
            InvoiceRemindersRecord::key(&setting_id, month),
        ];
        let auth = authorize(&app, &req, "invoices-issue", Some(&setting_id), Action::ManageInvoices, &extra).await?;
        let expected = http::if_match(&req)?;
        let mut issued = auth
            .record::<InvoiceMonthRecord>(&InvoiceMonthRecord::key(&setting_id, month))?
            .unwrap_or_else(|| InvoiceMonthRecord::empty(&setting_id, month));
        if issued.version != expected {
            return Err(BookingsProblem::StaleInvoices.into());
        }
        let today = today_of(&auth);
        if month.first() > today {
            return Err(BookingsProblem::MonthNotBegun.into());
        }
        // From attendance, a month is known only once it is over.
        let from_attendance = stored_setup(&auth, &setting_id)?.is_some_and(|r| r.setup.invoice_from == InvoiceBasis::Attendance);
        if from_attendance && month.last() >= today {
            return Err(BookingsProblem::MonthNotOver.into());
        }
        let (drafts, not_invoiced) = month_run(&app, &auth, &setting_id, month, &issued, None).await?;
        if drafts.is_empty() {
            return Err(BookingsProblem::NothingToIssue.into());
        }
        if issued.issued.len() + drafts.len() > MAX_INVOICES_PER_MONTH {
            return Err(Problem::invalid(format!("a setting issues at most {MAX_INVOICES_PER_MONTH} invoices a month")));
        }
        let setting = auth.setting().clone();
        // The first write watches the month for invoices falling overdue.
        let mut watch = watch_for_overdue(&app, &auth, &setting_id, month, today.plus_days(PAYMENT_DAYS))?;
        let mut issued_now = Vec::new();
        let chunks: Vec<&[DraftInvoice]> = drafts.chunks(INVOICES_PER_WRITE).collect();
        let last = chunks.len() - 1;
        let mut answer = None;
        for (n, chunk) in chunks.into_iter().enumerate() {
            let mut writes_now: Vec<Write> = watch.take().into_iter().collect();
            let mut children = Vec::new();
            for draft in chunk {
                let document = Document { kind: DocumentKind::Invoice, corrects: None, correction: None };
                let (record, mut writes) = issue_document(&app, &auth, &setting, &mut issued, draft, draft.bill.clone(), document, today);
                writes_now.append(&mut writes);
                children.push(draft.child_id.clone());
                issued_now.push(summary(&record));
            }
            let version_read = issued.version;
            issued.version += 1;
            writes_now.push(app.store().put_after(to_item(&issued), version_read));
            let children = each_child(children);
            let audit =
                Audit::children(&setting_id, AuditAction::InvoicesIssue, children).detail(format!("{month}: {} invoice(s)", chunk.len()));
            let commit = Commit::new(&app, &auth, audit).writes(writes_now).on_conflict(|_| BookingsProblem::StaleInvoices.into());
            if n == last {
                let view = IssuedView {
                    month: month.to_string(),
                    issued_now: std::mem::take(&mut issued_now),
                    issued: summaries(&issued),
                    not_invoiced,
                    version: issued.version,
                };
                answer = Some(commit.answer::<Problem>(200, &view, Some(view.version)).await?);
                break;
            }
            commit.commit::<Problem>().await?;
        }
        Ok(answer.expect("the last chunk answers"))
    })
    .await
}

/// What a document issued now is, and what it corrects.
struct Document {
    kind: DocumentKind,
    corrects: Option<InvoiceId>,
    correction: Option<Correction>,
}

/// Issues one document to one payer under the month's next number: the record (written once,
/// never again), its line in the month's list and the email to the payer (held in lockdown
/// like every family email). Answers the record and its writes.
#[allow(clippy::too_many_arguments)]
fn issue_document(
    app: &App,
    auth: &Authorized,
    setting: &nestling_platform::records::SettingRecord,
    month_record: &mut InvoiceMonthRecord,
    to: &DraftInvoice,
    bill: Bill,
    document: Document,
    today: Day,
) -> (InvoiceRecord, Vec<Write>) {
    let setting_id = &setting.setting_id;
    let month = month_record.month;
    let invoice_id = month_record.invoice_id(month_record.issued.len() + 1);
    let record = InvoiceRecord {
        pk: keys::setting(setting_id),
        sk: keys::invoice(invoice_id.as_str()),
        gsi1pk: keys::payer_invoices(setting_id, &to.payer_id),
        gsi1sk: format!("{month}#{invoice_id}"),
        kind: "invoice".into(),
        invoice_id: invoice_id.clone(),
        setting_id: setting_id.clone(),
        setting_name: setting.name.clone(),
        month,
        child_id: to.child_id.clone(),
        child_name: to.child_name.clone(),
        payer_id: to.payer_id.clone(),
        payer_name: to.payer_name.clone(),
        bill,
        payers: to.payers,
        issued_by: auth.caller.user_id.clone(),
        issued_at: Timestamp::new(auth.now),
        due: today.plus_days(PAYMENT_DAYS),
        document: document.kind,
        corrects: document.corrects,
        correction: document.correction,
    };
    let mut writes = vec![app.store().put_new(to_item(&record))];
    // A payer no longer linked to the child may have no address left to write to.
    if !to.payer_email.is_empty() {
        let (subject, text) = issued_email(&record, &app.config.app_url);
        let message = personal_email(&to.payer_email, &to.payer_name, &subject, &text, "invoice", setting_id);
        let email_id = format!("invoice-{setting_id}-{invoice_id}");
        writes.push(writes::family_email(app, setting, &email_id, message, &to.child_id, &to.payer_id));
    }
    month_record.issued.push(IssuedInvoice {
        invoice_id,
        child_id: to.child_id.clone(),
        payer_id: to.payer_id.clone(),
        total: record.bill.total,
        document: record.document,
        corrected_by: None,
        funded_minutes: Some(invoicing::funded_minutes(&record.bill)),
    });
    (record, writes)
}

/// The write that has `invoice-reminders` look at the month the day after `due`, if it would
/// not already (conflicting with a run of it, the manager is asked to try again).
fn watch_for_overdue(app: &App, auth: &Authorized, setting_id: &SettingId, month: Month, due: Day) -> ApiResult<Option<Write>> {
    let mut reminders = auth
        .record::<InvoiceRemindersRecord>(&InvoiceRemindersRecord::key(setting_id, month))?
        .unwrap_or_else(|| InvoiceRemindersRecord::empty(setting_id, month));
    let before = reminders.next;
    reminders.watch(due);
    if reminders.next == before && reminders.version > 0 {
        return Ok(None);
    }
    let read = reminders.version;
    reminders.version += 1;
    Ok(Some(app.store().put_after(to_item(&reminders), read)))
}

/// The address of a payer who pays for the child no longer (their link, revoked or not).
async fn former_payer_email(app: &App, setting_id: &SettingId, invoice: &InvoiceRecord) -> ApiResult<String> {
    let child = app.store().get_as::<ChildRecord>(&ChildRecord::key(setting_id, &invoice.child_id)).await?;
    Ok(child.and_then(|c| c.guardians.get(&invoice.payer_id).map(|g| g.email.clone())).unwrap_or_default())
}

fn summary(r: &InvoiceRecord) -> InvoiceSummary {
    InvoiceSummary {
        invoice_id: r.invoice_id.clone(),
        child_id: r.child_id.clone(),
        payer_id: r.payer_id.clone(),
        total: r.bill.total,
        document: r.document,
        corrected_by: None,
    }
}

// ---------------------------------------------------------------------------------------------
// Corrections

/// Why, and what the payer is told.
#[derive(serde::Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NewCorrection {
    pub reason: CorrectionReason,
    /// Up to 500 characters, on both documents.
    #[serde(default)]
    pub note: String,
}

#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CorrectedView {
    pub credit_note: InvoiceSummary,
    /// None when the payer owes nothing for the month now.
    pub replacement: Option<InvoiceSummary>,
    pub version: u64,
}

/// POST /v1/settings/{settingId}/invoices/{invoiceId}/correct (managers, If-Match: the
/// month's version): the invoice stays as issued; a credit note cancels it whole and a
/// replacement, worked out again from what the bookings, funding, extras and payers now say,
/// takes its place, both with the reason and emailed to the payer. An invoice is corrected
/// once (its replacement may be corrected in turn); one that would come out the same is not.
pub async fn correct_invoice(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("invoice-correct", req, |req| async move {
        let setting_id = http::path_id::<SettingId>(&req, "settingId")?;
        let invoice_id = http::path_id::<InvoiceId>(&req, "invoiceId")?;
        let month = Month::parse(invoice_id.as_str().get(..7).unwrap_or_default()).map_err(|_| Problem::not_found())?;
        let key = InvoiceRecord::key(&setting_id, &invoice_id);
        let extra = [
            key.clone(),
            nestling_platform::records::BookingSetupRecord::key(&setting_id),
            nestling_platform::records::RosterRecord::key(&setting_id),
            InvoiceMonthRecord::key(&setting_id, month),
            InvoiceRemindersRecord::key(&setting_id, month),
        ];
        let auth = authorize(&app, &req, "invoice-correct", Some(&setting_id), Action::ManageInvoices, &extra).await?;
        let body: NewCorrection = http::json_body(&req)?;
        if body.note.chars().count() > 500 {
            return Err(Problem::invalid("the note is at most 500 characters"));
        }
        let expected = http::if_match(&req)?;
        let original = auth.record::<InvoiceRecord>(&key)?.ok_or_else(Problem::not_found)?;
        let mut issued = auth.record::<InvoiceMonthRecord>(&InvoiceMonthRecord::key(&setting_id, month))?.ok_or_else(Problem::not_found)?;
        if issued.version != expected {
            return Err(BookingsProblem::StaleInvoices.into());
        }
        let entry = issued.issued.iter().position(|i| i.invoice_id == invoice_id).ok_or_else(Problem::not_found)?;
        if original.document != DocumentKind::Invoice || issued.issued[entry].corrected_by.is_some() {
            return Err(BookingsProblem::InvoiceCorrected.into());
        }
        if issued.issued.len() + 2 > MAX_INVOICES_PER_MONTH {
            return Err(Problem::invalid(format!("a setting issues at most {MAX_INVOICES_PER_MONTH} invoices a month")));
        }
        let (drafts, _) = month_run(&app, &auth, &setting_id, month, &issued, Some(&original.child_id)).await?;
        let now = drafts.into_iter().find(|d| d.payer_id == original.payer_id);
        if now.as_ref().is_some_and(|d| d.bill == original.bill) {
            return Err(BookingsProblem::InvoiceUnchanged.into());
        }
        let today = today_of(&auth);
        let setting = auth.setting().clone();
        let correction = Correction { reason: body.reason, note: body.note.trim().to_string() };
        // Who the documents go to: the payer as the original names them, should they pay no
        // longer.
        let payer = match &now {
            Some(d) => d.clone(),
            None => DraftInvoice {
                child_id: original.child_id.clone(),
                child_name: original.child_name.clone(),
                payer_id: original.payer_id.clone(),
                payer_name: original.payer_name.clone(),
                payer_email: former_payer_email(&app, &setting_id, &original).await?,
                payers: original.payers,
                bill: Bill::of(Vec::new()),
            },
        };
        let mut writes_now = Vec::new();
        let credit = Document { kind: DocumentKind::CreditNote, corrects: Some(invoice_id.clone()), correction: Some(correction.clone()) };
        let (credit_note, mut w) = issue_document(&app, &auth, &setting, &mut issued, &payer, original.bill.credit_note(), credit, today);
        writes_now.append(&mut w);
        issued.issued[entry].corrected_by = Some(credit_note.invoice_id.clone());
        let replacement = match now {
            Some(draft) => {
                let document =
                    Document { kind: DocumentKind::Invoice, corrects: Some(invoice_id.clone()), correction: Some(correction.clone()) };
                let (record, mut w) = issue_document(&app, &auth, &setting, &mut issued, &draft, draft.bill.clone(), document, today);
                writes_now.append(&mut w);
                writes_now.extend(watch_for_overdue(&app, &auth, &setting_id, month, record.due)?);
                Some(summary(&record))
            }
            None => None,
        };
        let version_read = issued.version;
        issued.version += 1;
        writes_now.push(app.store().put_after(to_item(&issued), version_read));
        let view = CorrectedView { credit_note: summary(&credit_note), replacement, version: issued.version };
        let detail = format!("{invoice_id}: {} ({})", body.reason.words(), credit_note.invoice_id);
        Commit::new(&app, &auth, Audit::child(&setting_id, AuditAction::InvoiceCorrect, &original.child_id).detail(detail))
            .writes(writes_now)
            .on_conflict(|_| BookingsProblem::StaleInvoices.into())
            .answer(200, &view, Some(view.version))
            .await
    })
    .await
}

// ---------------------------------------------------------------------------------------------
// Reading invoices

/// One invoice as its payer and the managers read it.
#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct InvoiceView {
    #[schema(value_type = String)]
    pub invoice_id: InvoiceId,
    pub setting_name: String,
    #[schema(example = "2027-01")]
    pub month: String,
    #[schema(value_type = String)]
    pub child_id: ChildId,
    pub child_name: String,
    #[schema(value_type = String)]
    pub payer_id: UserId,
    pub payer_name: String,
    /// How many payers share the child's bill.
    pub payers: u8,
    pub bill: Bill,
    #[schema(value_type = String, format = DateTime)]
    pub issued_at: Timestamp,
    #[schema(value_type = String, format = Date)]
    pub due: Day,
    pub document: DocumentKind,
    /// A credit note: the invoice it cancels; a replacement: the invoice it replaces.
    #[schema(value_type = Option<String>)]
    pub corrects: Option<InvoiceId>,
    pub correction: Option<Correction>,
}

fn invoice_view(r: &InvoiceRecord) -> InvoiceView {
    InvoiceView {
        invoice_id: r.invoice_id.clone(),
        setting_name: r.setting_name.clone(),
        month: r.month.to_string(),
        child_id: r.child_id.clone(),
        child_name: r.child_name.clone(),
        payer_id: r.payer_id.clone(),
        payer_name: r.payer_name.clone(),
        payers: r.payers,
        bill: r.bill.clone(),
        issued_at: r.issued_at,
        due: r.due,
        document: r.document,
        corrects: r.corrects.clone(),
        correction: r.correction.clone(),
    }
}

#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct MyInvoicesView {
    /// Newest first.
    pub items: Vec<InvoiceView>,
    pub next_cursor: Option<String>,
}

/// Invoices a parent's list shows a page.
pub const MY_INVOICES_PAGE: usize = 24;

/// GET /v1/settings/{settingId}/my-invoices (parents): the invoices the caller pays, newest
/// first, a page at a time. Family members and staff have none. In the access log.
pub async fn my_invoices(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("my-invoices", req, |req| async move {
        let setting_id = http::path_id::<SettingId>(&req, "settingId")?;
        let roster_key = nestling_platform::records::RosterRecord::key(&setting_id);
        let auth =
            authorize(&app, &req, "my-invoices", Some(&setting_id), Action::ViewOwnInvoices, std::slice::from_ref(&roster_key)).await?;
        let cursor = http::query_param(&req, "cursor");
        let query = Query::partition(Index::Gsi1, keys::payer_invoices(&setting_id, &auth.caller.user_id))
            .limit(MY_INVOICES_PAGE)
            .newest_first(true);
        let mut page = app.store().page_as::<InvoiceRecord>(query, cursor.as_deref()).await?;
        // A child under a safeguarding hold: the family sees nothing of theirs, bills included.
        let roster = roster_of(&auth, &setting_id)?;
        page.items.retain(|r| !roster.children.get(&r.child_id).is_some_and(|c| c.held));
        let children = each_child(page.items.iter().map(|r| r.child_id.clone()));
        if !children.is_empty() {
            Audit::children(&setting_id, AuditAction::InvoicesView, children).detail("own invoices").log_read(&app, &auth).await?;
        }
        let view = MyInvoicesView { items: page.items.iter().map(invoice_view).collect(), next_cursor: page.next_cursor };
        Ok(auth.tag(http::ok(&view)))
    })
    .await
}

/// The invoice the caller may read: any for a manager, their own for a payer (another's is
/// not found, as if it did not exist).
async fn readable_invoice(app: &App, req: &Request, route: &str) -> ApiResult<(Authorized, InvoiceRecord)> {
    let setting_id = http::path_id::<SettingId>(req, "settingId")?;
    let invoice_id = http::path_id::<InvoiceId>(req, "invoiceId")?;
    let key = InvoiceRecord::key(&setting_id, &invoice_id);
    let extra = [key.clone(), nestling_platform::records::RosterRecord::key(&setting_id)];
    let auth = authorize(app, req, route, Some(&setting_id), Action::ViewInvoice, &extra).await?;
    let record = auth.record::<InvoiceRecord>(&key)?.ok_or_else(Problem::not_found)?;
    if !auth.is_manager() {
        if record.payer_id != auth.caller.user_id {
            return Err(Problem::not_found());
        }
        // A child under a safeguarding hold: the family sees nothing of theirs, bills included.
        if roster_of(&auth, &setting_id)?.children.get(&record.child_id).is_some_and(|c| c.held) {
            return Err(nestling_platform::access::refusal_problem(Some(nestling_domain::Decision::Suspended)));
        }
    }
    Ok((auth, record))
}

/// GET /v1/settings/{settingId}/invoices/{invoiceId}: its payer and the managers. In the
/// access log.
pub async fn get_invoice(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("invoice-get", req, |req| async move {
        let (auth, record) = readable_invoice(&app, &req, "invoice-get").await?;
        Audit::child(&record.setting_id, AuditAction::InvoiceView, &record.child_id)
            .detail(record.invoice_id.to_string())
            .log_read(&app, &auth)
            .await?;
        Ok(auth.tag(http::ok(&invoice_view(&record))))
    })
    .await
}

/// The invoice as a document: who it is for, each line with its quantity and amount (funded
/// hours as hours at £0.00, never a deduction), the total and when it is due; a credit note
/// or a replacement says which invoice it cancels or replaces, and why.
pub fn invoice_document(r: &InvoiceRecord) -> nestling_documents::Document {
    use nestling_documents::{Block, Document};
    let what = if r.document == DocumentKind::CreditNote { "Credit note" } else { "Invoice" };
    let mut doc = Document::new(
        format!("{what} {}", r.invoice_id),
        format!("{} · {} {} · {}", r.setting_name, what.to_lowercase(), r.invoice_id, month_words(r.month)),
    );
    doc.push(Block::Title(format!("{what} {}", r.invoice_id)))
        .push(Block::Label("From".into(), r.setting_name.clone()))
        .push(Block::Label("To".into(), r.payer_name.clone()))
        .push(Block::Label("For".into(), format!("{}, {}", r.child_name, month_words(r.month))))
        .push(Block::Label("Issued".into(), crate::long_date(Day::new(r.issued_at.at().date()))));
    match (r.document, &r.corrects, &r.correction) {
        (DocumentKind::CreditNote, Some(id), Some(c)) => {
            doc.push(Block::Label("Cancels".into(), format!("invoice {id}, because {}", c.reason.words())));
        }
        (_, Some(id), Some(c)) => {
            doc.push(Block::Label("Replaces".into(), format!("invoice {id}, because {}", c.reason.words())));
        }
        _ => {}
    }
    if let Some(note) = r.correction.as_ref().map(|c| c.note.as_str()).filter(|n| !n.is_empty()) {
        doc.push(Block::Label("Why".into(), note.to_string()));
    }
    if r.document == DocumentKind::Invoice {
        doc.push(Block::Label("Due by".into(), crate::long_date(r.due)));
    }
    if r.payers > 1 {
        doc.push(Block::Paragraph(format!(
            "{}'s costs are shared between {} payers; this is your part of each line.",
            r.child_name, r.payers
        )));
    }
    doc.push(Block::Heading("Charges".into()));
    for line in &r.bill.lines {
        let quantity = match line.kind {
            LineKind::FundedHours | LineKind::PaidHours => hours_words(line.quantity),
            _ if line.quantity == 1 => "1 day".to_string(),
            _ => format!("{} days", line.quantity),
        };
        let note = if line.kind == LineKind::FundedHours { ", funded: no charge" } else { "" };
        doc.push(Block::Amount { text: format!("{} ({quantity}{note})", line.description), amount: line.amount.to_string(), total: false });
    }
    doc.push(Block::Gap).push(Block::Amount { text: "Total".into(), amount: r.bill.total.to_string(), total: true });
    doc.push(Block::Gap).push(Block::Paragraph(
        "Funded hours are shown as hours at no charge, as the Department for Education requires; they are never taken off a fee. Meals, consumables and activities are charged only where you opted in.".into(),
    ));
    doc
}

/// GET /v1/settings/{settingId}/invoices/{invoiceId}/pdf: the invoice as a PDF, made on each
/// request, for its payer and the managers. Every download is in the access log.
pub async fn invoice_pdf(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("invoice-pdf", req, |req| async move {
        let (auth, record) = readable_invoice(&app, &req, "invoice-pdf").await?;
        let bytes = invoice_document(&record).render();
        Audit::child(&record.setting_id, AuditAction::InvoiceDownload, &record.child_id)
            .detail(record.invoice_id.to_string())
            .log_read(&app, &auth)
            .await?;
        let mut response = Response::new(Body::Binary(bytes));
        let headers = response.headers_mut();
        headers.insert("content-type", lambda_http::http::HeaderValue::from_static("application/pdf"));
        let disposition = format!("attachment; filename=\"invoice-{}.pdf\"", record.invoice_id);
        headers.insert(
            "content-disposition",
            lambda_http::http::HeaderValue::from_str(&disposition).map_err(|e| Problem::internal("invoice-pdf", e))?,
        );
        headers.insert("cache-control", lambda_http::http::HeaderValue::from_static("no-store"));
        Ok(auth.tag(response))
    })
    .await
}

// ---------------------------------------------------------------------------------------------
// Payments and statements

/// A payment (or a refund) as a manager records it.
#[derive(serde::Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NewPayment {
    /// Whole pence, above zero.
    #[schema(value_type = i64)]
    pub amount: Pence,
    /// A refund: money sent back to a payer in credit (Tax-Free Childcare money to its account).
    #[serde(default)]
    pub direction: PaymentDirection,
    pub method: PaymentMethod,
    /// Tax-Free Childcare's payment reference (AJON12345TFC), or the bank's, the voucher's.
    #[serde(default)]
    pub reference: String,
    #[schema(value_type = String, format = Date)]
    pub received_on: Day,
    /// Up to 500 characters.
    #[serde(default)]
    pub note: String,
}

#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct PaymentView {
    pub payment_id: String,
    #[schema(value_type = String)]
    pub payer_id: UserId,
    #[schema(value_type = i64)]
    pub amount: Pence,
    pub direction: PaymentDirection,
    pub method: PaymentMethod,
    pub reference: String,
    /// The day it was received, or a refund sent.
    #[schema(value_type = String, format = Date)]
    pub received_on: Day,
}

impl PaymentView {
    fn of(p: &PaymentRecord) -> PaymentView {
        PaymentView {
            payment_id: p.payment_id.clone(),
            payer_id: p.payer_id.clone(),
            amount: p.amount,
            direction: p.direction,
            method: p.method,
            reference: p.reference.clone(),
            received_on: p.received_on,
        }
    }
}

/// POST /v1/settings/{settingId}/payers/{userId}/payments (managers, Idempotency-Key): a
/// payment from a bill payer of the setting, or a refund to one in credit (money from a
/// Tax-Free Childcare account goes back to it first). Never changed once recorded.
pub async fn record_payment(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("payment-record", req, |req| async move {
        let setting_id = http::path_id::<SettingId>(&req, "settingId")?;
        let payer_id = http::path_id::<UserId>(&req, "userId")?;
        let (auth, (invoices, payments)) = nestling_platform::access::beside_authorisation(
            authorize(&app, &req, "payment-record", Some(&setting_id), Action::ManageInvoices, &[]),
            payer_account(&app, &setting_id, &payer_id),
        )
        .await?;
        // A retry (the same Idempotency-Key) is answered as the first time: one payment.
        if let Some(answer) = auth.idempotency.as_ref().map(|i| i.replay()).transpose()?.flatten() {
            return Ok(answer);
        }
        let body: NewPayment = http::json_body(&req)?;
        let Some(invoice) = invoices.first() else {
            return Err(Problem::invalid("they are not a bill payer here: no invoice has been issued to them"));
        };
        let today = today_of(&auth);
        let reference = match body.direction {
            PaymentDirection::Payment => invoicing::check_payment(body.amount, body.method, &body.reference),
            PaymentDirection::Refund => {
                let statement = invoicing::statement(account_lines(&invoices, &payments), today);
                invoicing::check_refund(body.amount, body.method, &body.reference, -statement.balance, &money_sources(&payments))
            }
        }
        .map_err(|e| Problem::invalid(e.to_string()))?;
        if body.received_on > today || body.received_on < today.plus_days(-366) {
            return Err(Problem::invalid("a payment is received (or a refund sent) today or in the year before"));
        }
        if body.note.chars().count() > 500 {
            return Err(Problem::invalid("the note is at most 500 characters"));
        }
        let payment_id: String = app.new_sortable_id();
        let record = PaymentRecord {
            pk: keys::setting(&setting_id),
            sk: keys::payment(&payment_id),
            gsi1pk: keys::payer_payments(&setting_id, &payer_id),
            gsi1sk: format!("{}#{payment_id}", body.received_on),
            kind: "payment".into(),
            payment_id: payment_id.clone(),
            setting_id: setting_id.clone(),
            payer_id: payer_id.clone(),
            amount: body.amount,
            direction: body.direction,
            method: body.method,
            reference: reference.clone(),
            received_on: body.received_on,
            note: body.note.trim().to_string(),
            recorded_by: auth.caller.user_id.clone(),
            recorded_at: Timestamp::new(auth.now),
        };
        let view = PaymentView::of(&record);
        let (action, what) = match body.direction {
            PaymentDirection::Payment => (AuditAction::PaymentRecord, "from"),
            PaymentDirection::Refund => (AuditAction::RefundRecord, "to"),
        };
        let detail = format!("{} {what} {payer_id} ({:?})", body.amount, body.method);
        Commit::new(&app, &auth, Audit::child(&setting_id, action, &invoice.child_id).detail(detail))
            .write(app.store().put_new(to_item(&record)))
            .answer(201, &view, None)
            .await
    })
    .await
}

/// Every invoice, credit note, payment and refund of a payer at a setting, read together.
pub(crate) async fn payer_account(
    app: &App,
    setting_id: &SettingId,
    payer_id: &UserId,
) -> Result<(Vec<InvoiceRecord>, Vec<PaymentRecord>), StoreError> {
    let invoices = Query::partition(Index::Gsi1, keys::payer_invoices(setting_id, payer_id));
    let payments = Query::partition(Index::Gsi1, keys::payer_payments(setting_id, payer_id));
    tokio::try_join!(app.store().every_as::<InvoiceRecord>(invoices), app.store().every_as::<PaymentRecord>(payments))
}

/// A payer's account as statement lines: invoices owed, credit notes and payments below zero,
/// refunds above.
pub(crate) fn account_lines(invoices: &[InvoiceRecord], payments: &[PaymentRecord]) -> Vec<StatementEntry> {
    let mut lines: Vec<StatementEntry> = invoices
        .iter()
        .map(|r| StatementEntry {
            kind: if r.document == DocumentKind::CreditNote { StatementEntryKind::CreditNote } else { StatementEntryKind::Invoice },
            on: Day::new(r.issued_at.at().date()),
            reference: r.invoice_id.to_string(),
            amount: r.bill.total,
            due: (r.document == DocumentKind::Invoice).then_some(r.due),
            settles: (r.document == DocumentKind::CreditNote).then(|| r.corrects.as_ref().map(|c| c.to_string())).flatten(),
            balance: Pence(0),
            unpaid: None,
        })
        .collect();
    lines.extend(payments.iter().map(|p| StatementEntry {
        kind: match p.direction {
            PaymentDirection::Payment => StatementEntryKind::Payment,
            PaymentDirection::Refund => StatementEntryKind::Refund,
        },
        on: p.received_on,
        reference: if p.reference.is_empty() { format!("{:?}", p.method) } else { p.reference.clone() },
        amount: match p.direction {
            PaymentDirection::Payment => -p.amount,
            PaymentDirection::Refund => p.amount,
        },
        due: None,
        settles: None,
        balance: Pence(0),
        unpaid: None,
    }));
    lines
}

/// Where the payer's money came from, newest payment first: each Tax-Free Childcare account,
/// and every other way together, with what came in less what went back.
fn money_sources(payments: &[PaymentRecord]) -> Vec<invoicing::MoneySource> {
    // Ordered by the money that came in; refunds only take from their source.
    let mut newest: Vec<&PaymentRecord> = payments.iter().collect();
    newest.sort_by(|a, b| {
        let key = |p: &PaymentRecord| (p.direction == PaymentDirection::Payment, p.received_on, p.payment_id.clone());
        key(b).cmp(&key(a))
    });
    let mut sources: Vec<invoicing::MoneySource> = Vec::new();
    for p in newest {
        let account = (p.method == PaymentMethod::TaxFreeChildcare).then(|| p.reference.clone());
        let signed = if p.direction == PaymentDirection::Refund { -p.amount } else { p.amount };
        match sources.iter_mut().find(|s| s.tfc_account == account) {
            Some(source) => source.net += signed,
            None => sources.push(invoicing::MoneySource { tfc_account: account, net: signed }),
        }
    }
    sources
}

#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct StatementView {
    #[schema(value_type = String)]
    pub payer_id: UserId,
    pub payer_name: String,
    pub statement: invoicing::Statement,
    /// Their payments, newest first, with how each came in.
    pub payments: Vec<PaymentView>,
}

/// GET /v1/settings/{settingId}/payers/{userId}/statement: the managers, and the payer
/// themself. Every invoice, credit note and payment in date order with the balance after
/// each, what is owed and what is overdue. A family sees nothing of a held child's. In the
/// access log.
pub async fn get_statement(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("statement-get", req, |req| async move {
        let setting_id = http::path_id::<SettingId>(&req, "settingId")?;
        let payer_id = http::path_id::<UserId>(&req, "userId")?;
        let roster_key = nestling_platform::records::RosterRecord::key(&setting_id);
        let (auth, (mut invoices, payments)) = nestling_platform::access::beside_authorisation(
            authorize(&app, &req, "statement-get", Some(&setting_id), Action::ViewInvoice, std::slice::from_ref(&roster_key)),
            payer_account(&app, &setting_id, &payer_id),
        )
        .await?;
        if !auth.is_manager() {
            if payer_id != auth.caller.user_id {
                return Err(Problem::not_found());
            }
            let roster = roster_of(&auth, &setting_id)?;
            invoices.retain(|r| !roster.children.get(&r.child_id).is_some_and(|c| c.held));
        } else if payer_id != auth.caller.user_id && invoices.is_empty() && payments.is_empty() {
            // Someone who never paid nor was invoiced here has no account to show.
            return Err(Problem::not_found());
        }
        let payer_name = invoices.first().map(|r| r.payer_name.clone()).unwrap_or_default();
        let lines = account_lines(&invoices, &payments);
        let statement = invoicing::statement(lines, today_of(&auth));
        let children = each_child(invoices.iter().map(|r| r.child_id.clone()));
        Audit::children(&setting_id, AuditAction::StatementView, children)
            .detail(format!("statement of {payer_id}"))
            .log_read(&app, &auth)
            .await?;
        let payment_views: Vec<PaymentView> = payments.iter().rev().map(PaymentView::of).collect();
        Ok(auth.tag(http::ok(&StatementView { payer_id, payer_name, statement, payments: payment_views })))
    })
    .await
}

//! The termly headcount (managers): each funded child's hours per funding stream over one of the
//! setting's terms, reconciled against the bookings, the register and the issued invoices
//! (`nestling_domain::headcount`), with every mismatch listed, for the local authority's
//! headcount. A read of every funded child's records: in the access log.

use crate::{roster_of, stored_setup, today_of};
use lambda_http::{Body, Request, Response};
use nestling_domain::billing::FundingStream;
use nestling_domain::bookings::{ClockTime, Day, DayChange, Term};
use nestling_domain::headcount::{self, ChildTerm, StreamMinutes, TermFunding};
use nestling_domain::invoicing::{funded_minutes, ChildMonth, DocumentKind, Month, Presence};
use nestling_domain::staffing::WorkDay;
use nestling_domain::{Action, ChildId, SettingId};
use nestling_platform::access::authorize;
use nestling_platform::http::{self, ApiResult, Problem};
use nestling_platform::records::{BookingDayRecord, DayRecord, FundingRecord, InvoiceMonthRecord, InvoiceRecord};
use nestling_platform::store::{from_item, Item, Key, StoreError};
use nestling_platform::writes::AuditAction;
use nestling_platform::{App, Audit};
use serde::Serialize;
use std::collections::BTreeMap;
use std::sync::Arc;

/// Reads any number of items, 100 keys a request, the requests at once.
pub(crate) async fn get_all(app: &App, keys: &[Key]) -> Result<Vec<Option<Item>>, StoreError> {
    let reads = keys.chunks(100).map(|chunk| app.store().get_many(chunk));
    Ok(futures::future::try_join_all(reads).await?.into_iter().flatten().collect())
}

#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct TermOption {
    pub name: String,
    #[schema(value_type = String, format = Date)]
    pub starts: Day,
    #[schema(value_type = String, format = Date)]
    pub ends: Day,
}

/// One funded child's term.
#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ChildHeadcount {
    #[schema(value_type = String)]
    pub child_id: ChildId,
    pub child_name: String,
    #[serde(flatten)]
    pub funding: TermFunding,
}

/// One stream's children, for the local authority's return.
#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct StreamHeadcount {
    pub stream: FundingStream,
    pub children: u32,
    /// Every child's funded minutes in the stream over the term.
    pub minutes: u32,
}

#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct HeadcountView {
    pub term: TermOption,
    /// The setting's terms, to choose another.
    pub terms: Vec<TermOption>,
    pub streams: Vec<StreamHeadcount>,
    /// Each funded child, by name.
    pub children: Vec<ChildHeadcount>,
    /// How many children have something to put right.
    pub mismatched: u32,
}

fn option(t: &Term) -> TermOption {
    TermOption { name: t.name.to_string(), starts: t.starts, ends: t.ends }
}

/// The term asked for by its first day, else the one today is in, else the last begun, else
/// the first.
fn chosen_term(terms: &[Term], asked: Option<&str>, today: Day) -> ApiResult<Term> {
    if terms.is_empty() {
        return Err(Problem::invalid("record the setting's term dates first (Sessions and terms)"));
    }
    if let Some(raw) = asked {
        let starts = Day::parse(raw).map_err(|_| Problem::invalid("term must be a term's first day (YYYY-MM-DD)"))?;
        return terms.iter().find(|t| t.starts == starts).cloned().ok_or_else(Problem::not_found);
    }
    let mut sorted: Vec<&Term> = terms.iter().collect();
    sorted.sort_by_key(|t| t.starts);
    let term = sorted
        .iter()
        .find(|t| t.starts <= today && today <= t.ends)
        .or_else(|| sorted.iter().rev().find(|t| t.starts <= today))
        .unwrap_or(&sorted[0]);
    Ok((*term).clone())
}

/// Each child's time at the setting on each day, in the setting's clock.
pub(crate) fn presence_of(days: &[DayRecord], timezone: &str) -> BTreeMap<ChildId, Presence> {
    let mut presence: BTreeMap<ChildId, Presence> = BTreeMap::new();
    let clock = |t: &nestling_domain::Timestamp| {
        let local = nestling_domain::care::local(t.at(), timezone);
        ClockTime::from_minutes(u16::from(local.hour()) * 60 + u16::from(local.minute()))
    };
    for record in days {
        let Ok(day) = Day::parse(&record.date) else { continue };
        for (child_id, child) in &record.children {
            let stretches: Vec<(ClockTime, ClockTime)> = child
                .sessions
                .iter()
                .map(|s| (clock(&s.in_at), s.out_at.as_ref().map(clock).unwrap_or(ClockTime::from_minutes(24 * 60))))
                .collect();
            if !stretches.is_empty() {
                presence.entry(child_id.clone()).or_default().insert(day, stretches);
            }
        }
    }
    presence
}

/// GET /v1/settings/{settingId}/funding/headcount?term=YYYY-MM-DD (managers): the term's
/// funded children (the term by its first day; without one, the term today is in).
pub async fn get_headcount(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("funding-headcount", req, |req| async move {
        let setting_id = http::path_id::<SettingId>(&req, "settingId")?;
        let extra =
            [nestling_platform::records::BookingSetupRecord::key(&setting_id), nestling_platform::records::RosterRecord::key(&setting_id)];
        let auth = authorize(&app, &req, "funding-headcount", Some(&setting_id), Action::ViewHeadcount, &extra).await?;
        let setup = stored_setup(&auth, &setting_id)?.map(|r| r.setup).unwrap_or_default();
        let roster = roster_of(&auth, &setting_id)?;
        let today = today_of(&auth);
        let asked = http::query_param(&req, "term");
        let term = chosen_term(&setup.terms, asked.as_deref(), today)?;
        let weeks = headcount::term_weeks(&term);
        let days: Vec<Day> = weeks.iter().flat_map(|m| WorkDay::ALL.into_iter().map(move |d| d.in_week(*m))).collect();
        let gone_by: Vec<Day> = days.iter().copied().filter(|d| *d <= today).collect();
        let months = headcount::term_months(&term);
        let first = term.starts.to_string();
        // Every child on the roster who had not left before the term began: those with funding
        // are the report's.
        let children: Vec<&ChildId> = roster
            .children
            .iter()
            .filter(|(_, e)| e.leaving_date.as_deref().is_none_or(|d| d >= first.as_str()))
            .map(|(id, _)| id)
            .collect();
        let mut wanted: Vec<Key> = days.iter().map(|d| BookingDayRecord::key(&setting_id, &d.to_string())).collect();
        wanted.extend(gone_by.iter().map(|d| DayRecord::key(&setting_id, &d.to_string())));
        wanted.extend(months.iter().map(|m| InvoiceMonthRecord::key(&setting_id, *m)));
        wanted.extend(children.iter().map(|c| FundingRecord::key(&setting_id, c)));
        let mut found = get_all(&app, &wanted).await?.into_iter();
        let booking_days: Vec<Option<BookingDayRecord>> =
            days.iter().map(|_| found.next().flatten().map(from_item::<BookingDayRecord>).transpose()).collect::<Result<_, _>>()?;
        let mut register: Vec<DayRecord> = Vec::new();
        for _ in &gone_by {
            if let Some(item) = found.next().flatten() {
                register.push(from_item(item)?);
            }
        }
        let mut month_lists: Vec<InvoiceMonthRecord> = Vec::new();
        for _ in &months {
            if let Some(item) = found.next().flatten() {
                month_lists.push(from_item(item)?);
            }
        }
        let mut funded: Vec<(&ChildId, FundingRecord)> = Vec::new();
        for child_id in &children {
            if let Some(record) = found.next().flatten().map(from_item::<FundingRecord>).transpose()? {
                if !record.claims.is_empty() {
                    funded.push((child_id, record));
                }
            }
        }
        // The funded children's invoices still standing in the term's months: their funded
        // minutes as the month's list keeps them (read from the invoice for lines written
        // before it kept them).
        let mut invoiced: BTreeMap<ChildId, BTreeMap<Month, u32>> = BTreeMap::new();
        let mut unknown: Vec<Key> = Vec::new();
        for list in &month_lists {
            for issued in list.issued.iter().filter(|i| {
                i.document == DocumentKind::Invoice && i.corrected_by.is_none() && funded.iter().any(|(c, _)| **c == i.child_id)
            }) {
                match issued.funded_minutes {
                    Some(minutes) => {
                        let month = invoiced.entry(issued.child_id.clone()).or_default().entry(list.month).or_default();
                        *month = (*month).max(minutes);
                    }
                    None => unknown.push(InvoiceRecord::key(&setting_id, &issued.invoice_id)),
                }
            }
        }
        for item in get_all(&app, &unknown).await?.into_iter().flatten() {
            let invoice: InvoiceRecord = from_item(item)?;
            let month = invoiced.entry(invoice.child_id.clone()).or_default().entry(invoice.month).or_default();
            *month = (*month).max(funded_minutes(&invoice.bill));
        }
        let presence = presence_of(&register, &auth.setting().timezone);
        let nobody = Presence::new();
        let none = BTreeMap::new();
        let mut rows = Vec::new();
        for (child_id, funding) in &funded {
            let Some(entry) = roster.children.get(*child_id) else { continue };
            let changes: BTreeMap<Day, Vec<DayChange<'_>>> =
                days.iter().zip(&booking_days).filter_map(|(d, r)| r.as_ref().map(|r| (*d, r.changes_of(child_id)))).collect();
            let input = ChildTerm {
                month: ChildMonth {
                    setup: &setup,
                    patterns: &entry.booking_patterns,
                    changes: &changes,
                    claims: &funding.claims,
                    extras: &[],
                    attended: None,
                },
                presence: presence.get(*child_id).unwrap_or(&nobody),
                invoiced: invoiced.get(*child_id).unwrap_or(&none),
            };
            let funding = headcount::term_funding(&input, &term, today);
            if funding.entitled == 0 {
                continue;
            }
            rows.push(ChildHeadcount {
                child_id: (*child_id).clone(),
                child_name: format!("{} {}", entry.first_name, entry.last_name),
                funding,
            });
        }
        rows.sort_by(|a, b| a.child_name.cmp(&b.child_name));
        let mut streams: BTreeMap<FundingStream, StreamHeadcount> = BTreeMap::new();
        for row in &rows {
            for StreamMinutes { stream, minutes } in row.funding.streams.iter().filter(|s| s.minutes > 0) {
                let s = streams.entry(*stream).or_insert(StreamHeadcount { stream: *stream, children: 0, minutes: 0 });
                s.children += 1;
                s.minutes += minutes;
            }
        }
        let mismatched = rows.iter().filter(|r| !r.funding.mismatches.is_empty()).count() as u32;
        let mut terms: Vec<TermOption> = setup.terms.iter().map(option).collect();
        terms.sort_by_key(|t| t.starts);
        let view = HeadcountView { term: option(&term), terms, streams: streams.into_values().collect(), children: rows, mismatched };
        Audit::children(&setting_id, AuditAction::FundingHeadcount, view.children.iter().map(|c| c.child_id.clone()).collect())
            .detail(format!("headcount of {} ({} to {})", term.name, term.starts, term.ends))
            .log_read(&app, &auth)
            .await?;
        Ok(auth.tag(http::ok(&view)))
    })
    .await
}

//! The termly headcount: for each funded child, the funded hours each stream brings over the
//! term's weeks, reconciled against what the bookings use, what the register says the child
//! attended and what the issued invoices show, with every mismatch listed for a manager to
//! put right before the local authority's headcount. Pure: the route reads the records.

use crate::billing::FundingStream;
use crate::bookings::{Day, Term};
use crate::invoicing::{claim_minutes_in_week, funded_minutes, month_bill, present_for, priced_week, ChildMonth, Month, Presence};
use crate::staffing::monday_of;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// What a child's term is reconciled from.
pub struct ChildTerm<'a> {
    /// The child's bookings, funding and extras, priced from bookings (`attended` none).
    pub month: ChildMonth<'a>,
    /// When the child was at the setting.
    pub presence: &'a Presence,
    /// The funded minutes on the child's issued invoices still standing, by month (the most any
    /// one payer's shows: every payer's invoice shows all the funded hours).
    pub invoiced: &'a BTreeMap<Month, u32>,
}

/// One stream's funded minutes over the term's weeks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct StreamMinutes {
    pub stream: FundingStream,
    pub minutes: u32,
}

/// A month touching the term: the funded minutes its bookings use now, and what its invoices
/// show (none: not invoiced).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct MonthFunding {
    #[schema(value_type = String, example = "2027-01")]
    pub month: Month,
    pub booked: u32,
    pub invoiced: Option<u32>,
}

/// Something a manager should put right (or explain) before the headcount.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case", tag = "kind")]
pub enum Mismatch {
    /// The claims bring more funded minutes than the bookings use.
    #[serde(rename_all = "camelCase")]
    FundingUnused { minutes: u32 },
    /// Days gone by with funded minutes booked that the register has the child away.
    #[serde(rename_all = "camelCase")]
    AbsentOnFundedDays {
        #[schema(value_type = Vec<String>)]
        days: Vec<Day>,
    },
    /// A month ended with funded minutes booked and no invoice standing.
    #[serde(rename_all = "camelCase")]
    NotInvoiced {
        #[schema(value_type = String)]
        month: Month,
        booked: u32,
    },
    /// A month's invoices show other funded minutes than its bookings now use.
    #[serde(rename_all = "camelCase")]
    InvoiceDiffers {
        #[schema(value_type = String)]
        month: Month,
        invoiced: u32,
        booked: u32,
    },
    /// A claim stops funding during the term (its end, or a lapsed code's grace period).
    #[serde(rename_all = "camelCase")]
    FundingEnds {
        stream: FundingStream,
        #[schema(value_type = String, format = Date)]
        day: Day,
    },
}

/// One child's term.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct TermFunding {
    /// Each claim's funded minutes over the term's weeks.
    pub streams: Vec<StreamMinutes>,
    /// All of them.
    pub entitled: u32,
    /// Of them, what the booked sessions use.
    pub booked: u32,
    /// Of those, on days gone by that the child was there for the session.
    pub attended: u32,
    /// Of those, on days gone by.
    pub booked_to_date: u32,
    pub months: Vec<MonthFunding>,
    pub mismatches: Vec<Mismatch>,
}

/// The Mondays of the weeks a term covers (a week counts when its Monday is in the term, or
/// the term starts in it).
pub fn term_weeks(term: &Term) -> Vec<Day> {
    let mut weeks = Vec::new();
    let mut monday = monday_of(term.starts);
    while monday <= term.ends {
        weeks.push(monday);
        monday = monday.plus_days(7);
    }
    weeks
}

/// The months a term touches.
pub fn term_months(term: &Term) -> Vec<Month> {
    let mut months = vec![Month::of(term.starts)];
    while let Some(last) = months.last().copied().filter(|m| m.last() < term.ends) {
        months.push(last.next());
    }
    months
}

/// Reconciles one child's term on `today`: whole weeks, as funding is given by the week.
pub fn term_funding(input: &ChildTerm<'_>, term: &Term, today: Day) -> TermFunding {
    let weeks = term_weeks(term);
    let streams: Vec<StreamMinutes> = input
        .month
        .claims
        .iter()
        .map(|c| StreamMinutes { stream: c.stream, minutes: weeks.iter().map(|m| claim_minutes_in_week(c, input.month.setup, *m)).sum() })
        .collect();
    let entitled: u32 = streams.iter().map(|s| s.minutes).sum();
    let (mut booked, mut attended, mut booked_to_date) = (0, 0, 0);
    let mut away: BTreeSet<Day> = BTreeSet::new();
    for monday in &weeks {
        for p in priced_week(&input.month, *monday).into_iter().filter(|p| p.funded_minutes > 0) {
            booked += p.funded_minutes;
            if p.day < today {
                booked_to_date += p.funded_minutes;
                if present_for(input.presence, p.day, p.session) {
                    attended += p.funded_minutes;
                } else {
                    away.insert(p.day);
                }
            }
        }
    }
    let mut mismatches = Vec::new();
    if entitled > booked {
        mismatches.push(Mismatch::FundingUnused { minutes: entitled - booked });
    }
    if !away.is_empty() {
        mismatches.push(Mismatch::AbsentOnFundedDays { days: away.into_iter().collect() });
    }
    let mut months = Vec::new();
    for month in term_months(term) {
        let booked = funded_minutes(&month_bill(&input.month, month));
        let invoiced = input.invoiced.get(&month).copied();
        match invoiced {
            // A month is invoiced during it or after: not yet a mismatch until it has ended.
            None if booked > 0 && month.last() < today => mismatches.push(Mismatch::NotInvoiced { month, booked }),
            Some(invoiced) if invoiced != booked => mismatches.push(Mismatch::InvoiceDiffers { month, invoiced, booked }),
            _ => {}
        }
        months.push(MonthFunding { month, booked, invoiced });
    }
    for claim in input.month.claims {
        let ends = [claim.valid_to, claim.grace_until].into_iter().flatten().min();
        if let Some(day) = ends.filter(|d| *d >= term.starts && *d < term.ends) {
            mismatches.push(Mismatch::FundingEnds { stream: claim.stream, day });
        }
    }
    TermFunding { streams, entitled, booked, attended, booked_to_date, months, mismatches }
}

#[cfg(test)]
#[path = "headcount_tests.rs"]
mod tests;

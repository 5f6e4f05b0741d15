//! Money for childcare, as English settings must bill from 2026: funded entitlements spread over
//! the weeks they are taken in, funded hours never charged, and invoices itemised as the DfE's
//! statutory guidance (A1.36) requires: funded hours, paid hours, food, non-food consumables and
//! activities each on lines of their own, funding shown as hours at no charge, never as a
//! deduction from a fee. Money is whole pence (`Pence`), exact: no sum is ever a float. An
//! issued invoice never changes: a correction is a credit note for the whole of it and a
//! replacement. A bill split between separated payers divides each line to the penny. Data and
//! pure functions only.

use crate::bookings::{Day, Price, SessionType};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;
use std::ops::{Add, AddAssign, Neg, Sub};

/// An amount of money in whole pence; negative on a credit note.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Pence(pub i64);

impl Add for Pence {
    type Output = Pence;
    fn add(self, other: Pence) -> Pence {
        Pence(self.0 + other.0)
    }
}
impl AddAssign for Pence {
    fn add_assign(&mut self, other: Pence) {
        self.0 += other.0;
    }
}
impl Sub for Pence {
    type Output = Pence;
    fn sub(self, other: Pence) -> Pence {
        Pence(self.0 - other.0)
    }
}
impl Neg for Pence {
    type Output = Pence;
    fn neg(self) -> Pence {
        Pence(-self.0)
    }
}
impl std::iter::Sum for Pence {
    fn sum<I: Iterator<Item = Pence>>(iter: I) -> Pence {
        Pence(iter.map(|p| p.0).sum())
    }
}
impl fmt::Display for Pence {
    /// "£1,234.05", "-£12.50".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        let pounds = (abs / 100).to_string();
        let mut grouped = String::new();
        for (i, c) in pounds.chars().enumerate() {
            if i > 0 && (pounds.len() - i).is_multiple_of(3) {
                grouped.push(',');
            }
            grouped.push(c);
        }
        write!(f, "{sign}£{grouped}.{:02}", abs % 100)
    }
}

/// `amount` × `numerator` / `denominator`, rounded half up to the penny (exact integers).
pub fn share(amount: Pence, numerator: i64, denominator: i64) -> Pence {
    assert!(denominator > 0, "a share of nothing");
    let product = i128::from(amount.0) * i128::from(numerator);
    let d = i128::from(denominator);
    let rounded = if product >= 0 { (2 * product + d) / (2 * d) } else { -((-2 * product + d) / (2 * d)) };
    Pence(rounded as i64)
}

/// A funded entitlement, as the DfE names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum FundingStream {
    /// Every three- and four-year-old: 15 hours a week over 38 weeks (570 a year).
    Universal,
    /// Working parents of three- and four-year-olds: 15 more hours (570 a year), making 30.
    WorkingParentExtended,
    /// Working parents of children from 9 months: 15 hours (570 a year).
    #[serde(rename = "working-parent-15")]
    WorkingParent15,
    /// Working parents of children from 9 months, from September 2025: 30 hours (1,140 a year).
    #[serde(rename = "working-parent-30")]
    WorkingParent30,
    /// Two-year-olds whose families get some support: 15 hours (570 a year).
    TwoYearOld,
}

impl FundingStream {
    /// Funded hours in a year.
    pub fn hours_a_year(self) -> u32 {
        match self {
            FundingStream::WorkingParent30 => 1_140,
            _ => 570,
        }
    }
    /// Whether the stream needs a working-parent eligibility code, reconfirmed every 3 months.
    pub fn needs_code(self) -> bool {
        matches!(self, FundingStream::WorkingParentExtended | FundingStream::WorkingParent15 | FundingStream::WorkingParent30)
    }
}

/// How a funded year is taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case", tag = "taken")]
pub enum Delivery {
    /// In term time: 38 weeks.
    TermTime,
    /// Spread over more weeks of the year (51 at most): 1,140 / 51 = 22.35 hours a week.
    Stretched { weeks: u8 },
}

impl Delivery {
    pub fn weeks(self) -> u32 {
        match self {
            Delivery::TermTime => 38,
            Delivery::Stretched { weeks } => u32::from(weeks),
        }
    }
}

/// The funded minutes of the `k`th funded week (from 1) of a year of `hours` taken over `weeks`
/// weeks: the year's minutes handed out week by week so that they add up to the year exactly
/// (1,140 hours over 51 weeks is 22 h 21 m some weeks and 22 h 22 m others, 68,400 minutes in
/// all). Nothing after the year's last week.
pub fn funded_minutes_of_week(hours: u32, weeks: u32, k: u32) -> u32 {
    if k == 0 || k > weeks {
        return 0;
    }
    let year = u64::from(hours) * 60;
    let upto = |n: u32| year * u64::from(n) / u64::from(weeks);
    (upto(k) - upto(k - 1)) as u32
}

/// One booked session of one day, as the invoice reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BookedSession<'a> {
    pub day: Day,
    pub session: &'a SessionType,
}

/// What a booked session comes to once funding is applied: its funded and paid minutes, and
/// the charge for the paid ones.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Priced<'a> {
    pub day: Day,
    pub session: &'a SessionType,
    pub funded_minutes: u32,
    pub paid_minutes: u32,
    pub charge: Pence,
}

/// Applies one week's funded minutes to the week's booked sessions, earliest first, and prices
/// the rest: a session priced by the hour is charged for its paid minutes; one priced by the
/// session is charged its price's share for the minutes not funded (a 5-hour £32 morning with
/// 3 hours funded costs £12.80). A funded minute is never charged.
pub fn price_week<'a>(mut sessions: Vec<BookedSession<'a>>, funded_minutes: u32) -> Vec<Priced<'a>> {
    sessions.sort_by_key(|s| (s.day, s.session.starts));
    let mut left = funded_minutes;
    sessions
        .into_iter()
        .map(|b| {
            let minutes = b.session.minutes();
            let funded = left.min(minutes);
            left -= funded;
            let paid = minutes - funded;
            let charge = match b.session.price {
                Price::Hour { pence } => share(Pence(i64::from(pence)), i64::from(paid), 60),
                Price::Session { pence } => share(Pence(i64::from(pence)), i64::from(paid), i64::from(minutes)),
            };
            Priced { day: b.day, session: b.session, funded_minutes: funded, paid_minutes: paid, charge }
        })
        .collect()
}

/// What an invoice line is for: A1.36's categories, each on lines of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum LineKind {
    /// Funded hours: shown as hours, at no charge.
    FundedHours,
    PaidHours,
    Food,
    /// Nappies, wipes, sun cream: consumables other than food.
    Consumables,
    Activities,
}

/// One line of an invoice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Line {
    pub kind: LineKind,
    pub description: String,
    /// Minutes, for hours lines; how many, for the others.
    pub quantity: u32,
    #[schema(value_type = i64)]
    pub amount: Pence,
}

/// A charge the family opted into (a meal, nappies, a trip), for one day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Extra {
    pub kind: LineKind,
    pub description: String,
    pub day: Day,
    pub amount: Pence,
}

/// The lines of one child's month: the funded hours (at no charge), the paid hours (one line
/// per session type, with its sessions' charges added), then each extra kind's lines (one per
/// description). Priced sessions outside the month are left out.
pub fn month_lines(priced: &[Priced<'_>], extras: &[Extra]) -> Vec<Line> {
    let mut lines = Vec::new();
    let funded: u32 = priced.iter().map(|p| p.funded_minutes).sum();
    if funded > 0 {
        lines.push(Line { kind: LineKind::FundedHours, description: "Funded hours".into(), quantity: funded, amount: Pence(0) });
    }
    let mut paid: BTreeMap<(u16, String), (u32, Pence)> = BTreeMap::new();
    for p in priced.iter().filter(|p| p.paid_minutes > 0) {
        let entry = paid.entry((p.session.starts.minutes(), p.session.name.to_string())).or_default();
        entry.0 += p.paid_minutes;
        entry.1 += p.charge;
    }
    for ((_, name), (minutes, amount)) in paid {
        lines.push(Line { kind: LineKind::PaidHours, description: format!("{name}: paid hours"), quantity: minutes, amount });
    }
    let mut others: BTreeMap<(LineKind, String), (u32, Pence)> = BTreeMap::new();
    for e in extras {
        let entry = others.entry((e.kind, e.description.clone())).or_default();
        entry.0 += 1;
        entry.1 += e.amount;
    }
    for ((kind, description), (count, amount)) in others {
        lines.push(Line { kind, description, quantity: count, amount });
    }
    lines
}

/// An invoice's lines and the total they make.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Bill {
    pub lines: Vec<Line>,
    #[schema(value_type = i64)]
    pub total: Pence,
}

impl Bill {
    pub fn of(lines: Vec<Line>) -> Bill {
        let total = lines.iter().map(|l| l.amount).sum();
        Bill { lines, total }
    }
    /// The credit note that cancels this bill whole: each line with its amount negated.
    pub fn credit_note(&self) -> Bill {
        Bill::of(self.lines.iter().map(|l| Line { amount: -l.amount, ..l.clone() }).collect())
    }
}

/// How a child's costs are shared between payers who pay separately.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case", tag = "by")]
pub enum Split {
    /// Each payer's share of every line, in hundredths of a percent (10,000 in all).
    Percent { shares: Vec<(String, u32)> },
    /// Each kind of line to one payer (kinds not named go to the first; the funded hours are
    /// shown to all).
    Item { payers: Vec<String>, kinds: BTreeMap<LineKind, String> },
}

/// Why a split cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SplitError {
    #[error("the shares must add up to 100%")]
    NotWhole,
    #[error("a split names each payer once, and at least one")]
    Payers,
}

impl Split {
    pub fn check(&self) -> Result<(), SplitError> {
        let payers: Vec<&String> = match self {
            Split::Percent { shares } => {
                if shares.iter().map(|(_, s)| u64::from(*s)).sum::<u64>() != 10_000 {
                    return Err(SplitError::NotWhole);
                }
                shares.iter().map(|(p, _)| p).collect()
            }
            Split::Item { payers, kinds } => {
                if kinds.values().any(|p| !payers.contains(p)) {
                    return Err(SplitError::Payers);
                }
                payers.iter().collect()
            }
        };
        let mut unique = payers.clone();
        unique.sort();
        unique.dedup();
        if payers.is_empty() || unique.len() != payers.len() {
            return Err(SplitError::Payers);
        }
        Ok(())
    }
}

/// `amount` divided in the given proportions to the penny: each part rounded down, and the
/// pennies left over handed out by the largest remainders (the earlier payer first on a tie),
/// so the parts always add up to the whole.
pub fn apportion(amount: Pence, weights: &[u32]) -> Vec<Pence> {
    let total: i128 = weights.iter().map(|w| i128::from(*w)).sum();
    if total == 0 {
        return weights.iter().map(|_| Pence(0)).collect();
    }
    let sign: i128 = if amount.0 < 0 { -1 } else { 1 };
    let whole = i128::from(amount.0).abs();
    let mut parts: Vec<(i128, i128)> = weights.iter().map(|w| (whole * i128::from(*w) / total, whole * i128::from(*w) % total)).collect();
    let mut left = whole - parts.iter().map(|(p, _)| p).sum::<i128>();
    let mut order: Vec<usize> = (0..parts.len()).collect();
    order.sort_by(|a, b| parts[*b].1.cmp(&parts[*a].1).then(a.cmp(b)));
    for i in order {
        if left == 0 {
            break;
        }
        if weights[i] > 0 {
            parts[i].0 += 1;
            left -= 1;
        }
    }
    parts.into_iter().map(|(p, _)| Pence((sign * p) as i64)).collect()
}

/// Each payer's bill: their part of every line, to the penny. Every payer's bill shows the
/// funded hours; any other line that comes to nothing for a payer is left off theirs.
pub fn split_bill(bill: &Bill, split: &Split) -> Vec<(String, Bill)> {
    match split {
        Split::Percent { shares } => {
            let weights: Vec<u32> = shares.iter().map(|(_, w)| *w).collect();
            let mut per_payer: Vec<Vec<Line>> = vec![Vec::new(); shares.len()];
            for line in &bill.lines {
                let parts = apportion(line.amount, &weights);
                for (i, part) in parts.into_iter().enumerate() {
                    // Every payer's invoice shows the funded hours (A1.36); a line of nothing else is left out.
                    if part != Pence(0) || line.kind == LineKind::FundedHours {
                        per_payer[i].push(Line { amount: part, ..line.clone() });
                    }
                }
            }
            shares.iter().zip(per_payer).map(|((payer, _), lines)| (payer.clone(), Bill::of(lines))).collect()
        }
        Split::Item { payers, kinds } => payers
            .iter()
            .enumerate()
            .map(|(i, payer)| {
                let lines = bill
                    .lines
                    .iter()
                    .filter(|l| l.kind == LineKind::FundedHours || kinds.get(&l.kind).map_or(i == 0, |p| p == payer))
                    .cloned()
                    .collect();
                (payer.clone(), Bill::of(lines))
            })
            .collect(),
    }
}

#[cfg(test)]
#[path = "billing_tests.rs"]
mod tests;

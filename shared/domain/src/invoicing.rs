//! From a month of bookings to each bill payer's invoice: what the setting offers besides its
//! sessions (meals, consumables, activities) and which of them a family opted into, who pays
//! for a child and how a split divides it, the funded minutes each week of a child's year
//! brings, and the bill of a child's month (`billing::price_week` and `billing::month_lines`
//! on the days booked). Data and pure functions only; the worked example of docs/billing.md is
//! recomputed through `month_bill` by the tests.

use crate::billing::{month_lines, price_week, split_bill, Bill, BookedSession, Extra, LineKind, Pence, Priced, Split};
use crate::bookings::{booked_on, ClockTime, DayChange, Opening, Pattern, SessionType, Setup, MAX_PRICE_PENCE};
use crate::funding::Claim;
use crate::staffing::{monday_of, WorkDay};
use crate::{ExtraId, SessionName, UserId, ValueError};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use time::Date;

/// Extras one setting offers.
pub const MAX_EXTRAS: usize = 20;
/// People who share one child's bill.
pub const MAX_PAYERS: usize = 4;
/// Days an invoice is due in after it is issued.
pub const PAYMENT_DAYS: i64 = 14;

/// Something a setting offers besides its sessions, which a family may opt into (A1.36: extras
/// are voluntary): charged once on each day of `days` the child is booked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ExtraOffer {
    #[schema(value_type = String)]
    pub extra_id: ExtraId,
    /// `food`, `consumables` or `activities`.
    pub kind: LineKind,
    #[schema(value_type = String)]
    pub name: SessionName,
    pub pence: u32,
    /// The weekdays it is offered on (Wednesday's music class; lunch every day).
    pub days: Vec<WorkDay>,
}

/// Why the setting's extras cannot be saved.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExtraError {
    #[error("at most {MAX_EXTRAS} extras")]
    TooMany,
    #[error("two extras have the same id")]
    Duplicate,
    #[error("extra \"{0}\" must be food, consumables or activities")]
    Kind(String),
    #[error("extra \"{0}\" costs nothing or more than £10,000")]
    Price(String),
    #[error("extra \"{0}\" is offered on no day")]
    NoDays(String),
}

/// Checks the setting's extras.
pub fn check_extras(extras: &[ExtraOffer]) -> Result<(), ExtraError> {
    if extras.len() > MAX_EXTRAS {
        return Err(ExtraError::TooMany);
    }
    let mut ids = BTreeSet::new();
    for e in extras {
        if !ids.insert(&e.extra_id) {
            return Err(ExtraError::Duplicate);
        }
        if !matches!(e.kind, LineKind::Food | LineKind::Consumables | LineKind::Activities) {
            return Err(ExtraError::Kind(e.name.to_string()));
        }
        if e.pence == 0 || e.pence > MAX_PRICE_PENCE {
            return Err(ExtraError::Price(e.name.to_string()));
        }
        if e.days.is_empty() {
            return Err(ExtraError::NoDays(e.name.to_string()));
        }
    }
    Ok(())
}

/// Who pays for a child, how they share it, and the extras the family opted into.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ChildBilling {
    /// The bill payers: linked guardians with parental responsibility.
    #[schema(value_type = Vec<String>)]
    pub payers: Vec<UserId>,
    /// How two or more payers share the bill (each payer's user id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub split: Option<Split>,
    /// The extras the family opted into.
    #[serde(default)]
    #[schema(value_type = Vec<String>)]
    pub extras: Vec<ExtraId>,
}

/// Why a child's billing cannot be saved.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BillingError {
    #[error("a child has 1 to {MAX_PAYERS} bill payers, each once")]
    Payers,
    #[error("a bill payer must be a linked guardian with parental responsibility")]
    NotResponsible,
    #[error("two or more payers need a split naming each of them")]
    SplitNeeded,
    #[error("the split must name exactly the bill payers: {0}")]
    Split(String),
    #[error("one payer pays the whole bill: no split")]
    SplitNotWanted,
    #[error("the setting offers no extra {0}")]
    UnknownExtra(String),
}

impl ChildBilling {
    /// Checks the billing against the setting's extras and who may pay (the child's guardians
    /// with parental responsibility and a live link).
    pub fn check(&self, extras: &[ExtraOffer], responsible: &[UserId]) -> Result<(), BillingError> {
        let unique: BTreeSet<&UserId> = self.payers.iter().collect();
        if self.payers.is_empty() || self.payers.len() > MAX_PAYERS || unique.len() != self.payers.len() {
            return Err(BillingError::Payers);
        }
        if self.payers.iter().any(|p| !responsible.contains(p)) {
            return Err(BillingError::NotResponsible);
        }
        match (&self.split, self.payers.len()) {
            (None, 1) => {}
            (Some(_), 1) => return Err(BillingError::SplitNotWanted),
            (None, _) => return Err(BillingError::SplitNeeded),
            (Some(split), _) => {
                split.check().map_err(|e| BillingError::Split(e.to_string()))?;
                let named: BTreeSet<&str> = match split {
                    Split::Percent { shares } => shares.iter().map(|(p, _)| p.as_str()).collect(),
                    Split::Item { payers, .. } => payers.iter().map(String::as_str).collect(),
                };
                let wanted: BTreeSet<&str> = self.payers.iter().map(UserId::as_str).collect();
                if named != wanted {
                    return Err(BillingError::Split("each payer once, and no one else".into()));
                }
            }
        }
        if let Some(unknown) = self.extras.iter().find(|id| !extras.iter().any(|e| e.extra_id == **id)) {
            return Err(BillingError::UnknownExtra(unknown.to_string()));
        }
        Ok(())
    }

    /// Each payer's part of the bill: the whole to the one payer, else as the split divides it.
    pub fn payer_bills(&self, bill: &Bill) -> Vec<(UserId, Bill)> {
        match (&self.split, self.payers.as_slice()) {
            (None, [one]) => vec![(one.clone(), bill.clone())],
            (Some(split), _) => {
                split_bill(bill, split).into_iter().filter_map(|(payer, part)| UserId::parse(&payer).ok().map(|p| (p, part))).collect()
            }
            (None, _) => Vec::new(),
        }
    }
}

/// A calendar month, `2027-01`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Month(Date);

impl Month {
    pub fn parse(raw: &str) -> Result<Month, ValueError> {
        let invalid = ValueError::Invalid { field: "month", what: "month (YYYY-MM)" };
        if raw.len() != 7 {
            return Err(invalid);
        }
        crate::bookings::Day::parse(&format!("{raw}-01")).map(|d| Month(d.date())).map_err(|_| invalid)
    }
    pub fn of(day: crate::bookings::Day) -> Month {
        Month(day.date().replace_day(1).expect("every month has a first"))
    }
    pub fn first(self) -> crate::bookings::Day {
        crate::bookings::Day::new(self.0)
    }
    pub fn last(self) -> crate::bookings::Day {
        self.next().first().plus_days(-1)
    }
    pub fn next(self) -> Month {
        Month::of(crate::bookings::Day::new(self.0).plus_days(32))
    }
    pub fn contains(self, day: crate::bookings::Day) -> bool {
        Month::of(day) == self
    }
    /// Every day from the Monday of the month's first week to the Friday of its last: the days
    /// a month's bill reads (funding is applied week by week).
    pub fn weeks(self) -> Vec<crate::bookings::Day> {
        let mut mondays = Vec::new();
        let mut monday = monday_of(self.first());
        while monday <= self.last() {
            mondays.push(monday);
            monday = monday.plus_days(7);
        }
        mondays
    }
}
impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.0.year(), u8::from(self.0.month()))
    }
}
impl TryFrom<String> for Month {
    type Error = ValueError;
    fn try_from(raw: String) -> Result<Month, ValueError> {
        Month::parse(&raw)
    }
}
impl From<Month> for String {
    fn from(m: Month) -> String {
        m.to_string()
    }
}

/// Weeks in a funded year, counted from the Monday of the week the claim starts.
const YEAR_WEEKS: i64 = 52;

/// The funded minutes one claim brings to the week starting `monday`. A claim funds a week
/// when it funds one of the week's open days; the week is then the k-th of its funded year
/// (counted from the Monday of its first day, 52 weeks a year): in term time, the k-th week
/// with a term day (every open week when the setting records no terms), stretched, the k-th
/// week the setting opens. Its minutes are `billing::funded_minutes_of_week`'s, and nothing
/// once the year's weeks are used up.
pub fn claim_minutes_in_week(claim: &Claim, setup: &Setup, monday: crate::bookings::Day) -> u32 {
    let open_days =
        |m: crate::bookings::Day| WorkDay::ALL.into_iter().map(move |d| d.in_week(m)).filter(|d| setup.opening(*d) == Opening::Open);
    // A week of the year: one with a day the claim funds the setting opens (in term time, a
    // term day).
    let counts = |m: crate::bookings::Day| match claim.delivery {
        crate::billing::Delivery::TermTime if !setup.terms.is_empty() => open_days(m).any(|d| claim.funds(d) && setup.term_of(d).is_some()),
        _ => open_days(m).any(|d| claim.funds(d)),
    };
    if !counts(monday) {
        return 0;
    }
    let start = monday_of(claim.valid_from);
    let weeks_since = (monday.date() - start.date()).whole_weeks();
    let year_start = start.plus_days(7 * YEAR_WEEKS * (weeks_since / YEAR_WEEKS));
    let mut k = 0;
    let mut m = year_start;
    while m <= monday {
        if counts(m) {
            k += 1;
        }
        m = m.plus_days(7);
    }
    crate::billing::funded_minutes_of_week(claim.stream.hours_a_year(), claim.delivery.weeks(), k)
}

/// What a setting's invoices charge: the sessions booked (the default), or those the child
/// attended, as the register recorded them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum InvoiceBasis {
    #[default]
    Bookings,
    Attendance,
}

/// A child's time at the setting, day by day: each stretch from signing in to signing out, in
/// the setting's local clock (one still signed in runs to the day's end).
pub type Presence = BTreeMap<crate::bookings::Day, Vec<(ClockTime, ClockTime)>>;

/// Whether the child was at the setting for any minute of `session` on `day`.
pub fn present_for(presence: &Presence, day: crate::bookings::Day, session: &SessionType) -> bool {
    presence.get(&day).is_some_and(|stretches| stretches.iter().any(|(from, to)| *from < session.ends && session.starts < *to))
}

/// Everything a child's month of bills is made from.
pub struct ChildMonth<'a> {
    pub setup: &'a Setup,
    pub patterns: &'a [Pattern],
    /// The child's changes, by day (days without any may be absent).
    pub changes: &'a BTreeMap<crate::bookings::Day, Vec<DayChange<'a>>>,
    pub claims: &'a [Claim],
    /// The extras the family opted into.
    pub extras: &'a [ExtraId],
    /// Invoicing from attendance: when the child was at the setting. None: from bookings.
    pub attended: Option<&'a Presence>,
}

/// The child's sessions on `day`: those booked, or, invoicing from attendance, those the child
/// was present for: the booked ones first, then any other the child was there for that
/// overlaps none already counted (a late collection after a morning is an afternoon).
pub fn sessions_on<'a>(input: &ChildMonth<'a>, day: crate::bookings::Day) -> Vec<&'a SessionType> {
    let booked: Vec<&'a SessionType> =
        booked_on(input.setup, input.patterns, input.changes.get(&day).map(Vec::as_slice).unwrap_or_default(), day)
            .into_iter()
            .map(|(s, _)| s)
            .collect();
    let Some(presence) = input.attended else { return booked };
    if input.setup.opening(day) != Opening::Open {
        return Vec::new();
    }
    let mut candidates: Vec<&'a SessionType> = booked.clone();
    let mut others: Vec<&'a SessionType> =
        input.setup.sessions.iter().filter(|s| !booked.iter().any(|b| b.session_type_id == s.session_type_id)).collect();
    // The earliest, and the shortest of those, first: two hours in a morning is a morning.
    others.sort_by_key(|s| (s.starts, s.ends));
    candidates.extend(others);
    let mut counted: Vec<&'a SessionType> = Vec::new();
    for session in candidates {
        if present_for(presence, day, session) && !counted.iter().any(|c| c.overlaps(session)) {
            counted.push(session);
        }
    }
    counted.sort_by_key(|s| s.starts);
    counted
}

/// One week's sessions (Monday to Friday) priced with the week's funded minutes.
pub fn priced_week<'a>(input: &ChildMonth<'a>, monday: crate::bookings::Day) -> Vec<Priced<'a>> {
    let sessions: Vec<BookedSession<'a>> = WorkDay::ALL
        .into_iter()
        .flat_map(|w| {
            let day = w.in_week(monday);
            sessions_on(input, day).into_iter().map(move |session| BookedSession { day, session })
        })
        .collect();
    let funded: u32 = input.claims.iter().map(|c| claim_minutes_in_week(c, input.setup, monday)).sum();
    price_week(sessions, funded)
}

/// The child's bill for `month`: each week's booked (or attended) sessions priced with the
/// week's funded minutes (the whole week, so a week across two months is priced the same in
/// both), the days of the month kept, and each extra the family opted into on each of its days
/// with a session.
pub fn month_bill(input: &ChildMonth<'_>, month: Month) -> Bill {
    let mut priced = Vec::new();
    let mut extras = Vec::new();
    for monday in month.weeks() {
        let week = priced_week(input, monday);
        for workday in WorkDay::ALL {
            let day = workday.in_week(monday);
            if month.contains(day) && week.iter().any(|p| p.day == day) {
                for offer in input.setup.extras.iter().filter(|e| input.extras.contains(&e.extra_id) && e.days.contains(&workday)) {
                    extras.push(Extra {
                        kind: offer.kind,
                        description: offer.name.to_string(),
                        day,
                        amount: Pence(i64::from(offer.pence)),
                    });
                }
            }
        }
        priced.extend(week.into_iter().filter(|p| month.contains(p.day)));
    }
    Bill::of(month_lines(&priced, &extras))
}

/// The funded minutes of a bill (its funded-hours lines).
pub fn funded_minutes(bill: &Bill) -> u32 {
    bill.lines.iter().filter(|l| l.kind == LineKind::FundedHours).map(|l| l.quantity).sum()
}

/// What an issued document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum DocumentKind {
    #[default]
    Invoice,
    /// Cancels an issued invoice whole: every line negated.
    CreditNote,
}

/// Why an issued invoice was corrected (a credit note cancels it; a replacement, worked out
/// again from what the bookings, funding and extras now say, takes its place).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum CorrectionReason {
    /// The bookings changed after it was issued (a day not taken, an extra session added).
    BookingsChanged,
    /// The funded hours were wrong (an eligibility code, a claim's dates).
    FundingChanged,
    /// An extra was charged that should not have been, or missed.
    ExtrasChanged,
    /// A session's price was wrong.
    PriceChanged,
    /// Who pays, or how they share it, changed.
    PayersChanged,
    Other,
}

impl CorrectionReason {
    pub fn words(self) -> &'static str {
        match self {
            CorrectionReason::BookingsChanged => "the bookings changed",
            CorrectionReason::FundingChanged => "the funded hours changed",
            CorrectionReason::ExtrasChanged => "the extras changed",
            CorrectionReason::PriceChanged => "a price was wrong",
            CorrectionReason::PayersChanged => "who pays changed",
            CorrectionReason::Other => "a correction",
        }
    }
}

/// How a payment came in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum PaymentMethod {
    BankTransfer,
    Card,
    /// From the family's Tax-Free Childcare account, with its payment reference.
    TaxFreeChildcare,
    /// Childcare vouchers from an employer's scheme.
    Voucher,
    Cash,
}

/// The largest payment recorded at once: £100,000.
pub const MAX_PAYMENT_PENCE: i64 = 10_000_000;

/// Why a payment cannot be recorded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PaymentError {
    #[error("a payment is more than nothing and at most £100,000")]
    Amount,
    #[error("a Tax-Free Childcare payment carries its reference: 4 letters, 5 digits and TFC, such as AJON12345TFC")]
    TfcReference,
    #[error("a reference is at most 40 letters, digits, spaces or - / .")]
    Reference,
    #[error("a refund is at most what the payer is in credit: {0}")]
    MoreThanCredit(Pence),
    #[error("this credit was paid from a Tax-Free Childcare account and is refunded to that account, not another way")]
    TaxFreeChildcareFirst,
    #[error("a Tax-Free Childcare refund goes back to the account the credit was paid from, at most what it paid")]
    TfcAccount,
}

/// Checks a payment, answering its reference as kept (a Tax-Free Childcare one upper-cased and
/// without spaces).
pub fn check_payment(amount: Pence, method: PaymentMethod, reference: &str) -> Result<String, PaymentError> {
    if amount.0 <= 0 || amount.0 > MAX_PAYMENT_PENCE {
        return Err(PaymentError::Amount);
    }
    if method == PaymentMethod::TaxFreeChildcare {
        let kept: String = reference.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_uppercase();
        let b = kept.as_bytes();
        let shaped =
            b.len() == 12 && b[..4].iter().all(u8::is_ascii_uppercase) && b[4..9].iter().all(u8::is_ascii_digit) && &b[9..] == b"TFC";
        return if shaped { Ok(kept) } else { Err(PaymentError::TfcReference) };
    }
    let kept = reference.trim();
    if kept.chars().count() > 40 || !kept.chars().all(|c| c.is_ascii_alphanumeric() || " -/.".contains(c)) {
        return Err(PaymentError::Reference);
    }
    Ok(kept.to_string())
}

/// Where a payer's money came from: a Tax-Free Childcare account (its reference), or any other
/// way (`None`), with what came in that way less what was refunded that way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MoneySource {
    pub tfc_account: Option<String>,
    pub net: Pence,
}

/// Which sources a credit of `credit` is: the newest money is taken to be what was paid over,
/// each source at most its net. `newest_first` lists each source once, by its latest payment.
pub fn credit_sources(credit: Pence, newest_first: &[MoneySource]) -> Vec<MoneySource> {
    let mut left = credit.max(Pence(0));
    let mut shares = Vec::new();
    for source in newest_first {
        let share = left.min(source.net.max(Pence(0)));
        if share.0 > 0 {
            shares.push(MoneySource { tfc_account: source.tfc_account.clone(), net: share });
        }
        left = left - share;
    }
    shares
}

/// What a payer may be refunded, and how: a refund is never more than they are in credit, and
/// the part of the credit that came from a Tax-Free Childcare account goes back to that account
/// (the scheme's rule for providers), never another way. Answers the reference as kept.
pub fn check_refund(
    amount: Pence,
    method: PaymentMethod,
    reference: &str,
    credit: Pence,
    newest_first: &[MoneySource],
) -> Result<String, PaymentError> {
    let kept = check_payment(amount, method, reference)?;
    if amount > credit {
        return Err(PaymentError::MoreThanCredit(credit.max(Pence(0))));
    }
    let shares = credit_sources(credit, newest_first);
    if method == PaymentMethod::TaxFreeChildcare {
        let there: Pence = shares.iter().filter(|s| s.tfc_account.as_deref() == Some(kept.as_str())).map(|s| s.net).sum();
        if amount > there {
            return Err(PaymentError::TfcAccount);
        }
    } else {
        let other: Pence = shares.iter().filter(|s| s.tfc_account.is_none()).map(|s| s.net).sum();
        if amount > other {
            return Err(PaymentError::TaxFreeChildcareFirst);
        }
    }
    Ok(kept)
}

/// Whether money came in or went back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum PaymentDirection {
    #[default]
    Payment,
    /// Money returned to a payer in credit.
    Refund,
}

/// What a statement line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum StatementEntryKind {
    Invoice,
    CreditNote,
    Payment,
    Refund,
}

/// One line of a payer's statement: what it is, its day, and what it adds to the balance
/// (an invoice owed, a credit note or payment below zero).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct StatementEntry {
    pub kind: StatementEntryKind,
    #[schema(value_type = String, format = Date)]
    pub on: crate::bookings::Day,
    /// The invoice or credit note's number, or the payment's reference.
    pub reference: String,
    #[schema(value_type = i64)]
    pub amount: Pence,
    /// An invoice's due day.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>, format = Date)]
    pub due: Option<crate::bookings::Day>,
    /// A credit note: the invoice it cancels (and settles first).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub settles: Option<String>,
    /// The balance after it.
    #[schema(value_type = i64)]
    pub balance: Pence,
    /// An invoice: what is left of it to pay.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<i64>)]
    pub unpaid: Option<Pence>,
}

/// A payer's account: every line in date order with the balance after each, what is owed now
/// (below zero: in credit), and how much of it is past its due day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Statement {
    pub entries: Vec<StatementEntry>,
    #[schema(value_type = i64)]
    pub balance: Pence,
    #[schema(value_type = i64)]
    pub overdue: Pence,
}

/// The statement of `lines` (each with amount signed as an entry's, balance ignored) on
/// `today`. A credit note settles the invoice it cancels; payments, and any credit left over,
/// settle the oldest invoices first (less what was refunded); what is left of an invoice past
/// its due day is overdue.
pub fn statement(mut lines: Vec<StatementEntry>, today: crate::bookings::Day) -> Statement {
    // Invoices before credits on the same day: a payment made the day an invoice is issued
    // settles it.
    lines.sort_by_key(|e| (e.on, e.kind != StatementEntryKind::Invoice, e.reference.clone()));
    let mut balance = Pence(0);
    for e in &mut lines {
        balance += e.amount;
        e.balance = balance;
    }
    let mut owed: Vec<(Pence, Option<crate::bookings::Day>, &str)> =
        lines.iter().filter(|e| e.kind == StatementEntryKind::Invoice).map(|e| (e.amount, e.due, e.reference.as_str())).collect();
    let mut pool = Pence(0);
    for e in lines.iter().filter(|e| e.amount.0 < 0) {
        let mut credit = -e.amount;
        if let Some(invoice) = e.settles.as_deref().and_then(|r| owed.iter_mut().find(|(_, _, id)| *id == r)) {
            let settled = credit.min(invoice.0.max(Pence(0)));
            invoice.0 = invoice.0 - settled;
            credit = credit - settled;
        }
        pool += credit;
    }
    let refunded: Pence = lines.iter().filter(|e| e.kind == StatementEntryKind::Refund).map(|e| e.amount).sum();
    pool = (pool - refunded).max(Pence(0));
    let mut overdue = Pence(0);
    for (left, due, _) in &mut owed {
        let settled = pool.min((*left).max(Pence(0)));
        *left = *left - settled;
        pool = pool - settled;
        if due.is_some_and(|d| d < today) {
            overdue += *left;
        }
    }
    let unpaid: Vec<(String, Pence)> = owed.iter().map(|(left, _, id)| (id.to_string(), (*left).max(Pence(0)))).collect();
    for e in lines.iter_mut().filter(|e| e.kind == StatementEntryKind::Invoice) {
        e.unpaid = unpaid.iter().find(|(id, _)| *id == e.reference).map(|(_, p)| *p);
    }
    Statement { entries: lines, balance, overdue }
}

/// How many times a payer is reminded of an overdue invoice, and how far apart.
pub const OVERDUE_REMINDERS: usize = 3;
pub const OVERDUE_REMINDER_EVERY_DAYS: i64 = 14;

/// What the morning's run does about one invoice: remind its payer today or not, and the next
/// day to look at it again (none: paid, cancelled, or reminded enough; the managers follow up).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OverdueStep {
    pub remind: bool,
    pub next: Option<crate::bookings::Day>,
}

/// An invoice still unpaid after its due day is reminded the day after it, then every
/// fortnight, at most [`OVERDUE_REMINDERS`] times; never twice within a fortnight.
pub fn overdue_step(
    due: crate::bookings::Day,
    reminded: &[crate::bookings::Day],
    unpaid: Pence,
    today: crate::bookings::Day,
) -> OverdueStep {
    let n = reminded.len();
    if unpaid.0 <= 0 || n >= OVERDUE_REMINDERS {
        return OverdueStep { remind: false, next: None };
    }
    let after = |n: usize, last: Option<crate::bookings::Day>| {
        let on_schedule = due.plus_days(1 + OVERDUE_REMINDER_EVERY_DAYS * n as i64);
        last.map_or(on_schedule, |l| on_schedule.max(l.plus_days(OVERDUE_REMINDER_EVERY_DAYS)))
    };
    let earliest = after(n, reminded.iter().max().copied());
    if today < earliest {
        return OverdueStep { remind: false, next: Some(earliest) };
    }
    let next = (n + 1 < OVERDUE_REMINDERS).then(|| after(n + 1, Some(today)));
    OverdueStep { remind: true, next }
}

/// Minutes as "89 h 25 m" (or "3 h").
pub fn hours_words(minutes: u32) -> String {
    match minutes % 60 {
        0 => format!("{} h", minutes / 60),
        m => format!("{} h {m} m", minutes / 60),
    }
}

#[cfg(test)]
#[path = "invoicing_tests.rs"]
mod tests;

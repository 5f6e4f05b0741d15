//! Sessions and bookings: the setting's setup, and each day's changes to the children's
//! regular patterns (the patterns themselves live on the child and its roster line).

use super::*;
use nestling_domain::bookings::{ChangeKind, ChangeStatus, DayChange, Outcome, Setup};
use nestling_domain::{BookingRequestId, SessionTypeId};
use std::collections::BTreeMap;

/// The setting's sessions, calendar, capacities and notice rule (`SETTING#<s>` /
/// `BOOKING-SETUP`), replaced whole by a manager under its version.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BookingSetupRecord {
    #[serde(rename = "PK")]
    pub pk: String,
    #[serde(rename = "SK")]
    pub sk: String,
    pub kind: String,
    pub setting_id: SettingId,
    pub setup: Setup,
    pub updated_by: UserId,
    pub updated_at: Timestamp,
    pub version: u64,
}

impl BookingSetupRecord {
    pub fn key(setting_id: &SettingId) -> Key {
        Key::new(keys::setting(setting_id), keys::BOOKING_SETUP)
    }
}

/// Who decided a request that waited, when, and what they said.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BookingDecision {
    pub by: UserId,
    pub by_name: String,
    pub at: Timestamp,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// One change to a child's day: an extra session or a cancellation, booked, waiting or declined.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BookingChangeRecord {
    pub request_id: BookingRequestId,
    pub child_id: ChildId,
    pub session_type_id: SessionTypeId,
    pub change: ChangeKind,
    pub status: ChangeStatus,
    /// Why it was booked at once or waited.
    pub outcome: Outcome,
    pub requested_by: UserId,
    pub requested_by_name: String,
    pub requested_at: Timestamp,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decided: Option<BookingDecision>,
}

/// One day's changes to the children's bookings (`SETTING#<s>` / `BOOKINGS#<date>`), written
/// whole under its version. While any change waits for a manager the day is on GSI1
/// `BOOKINGS-WAITING#<s>` / `<date>`, which the managers' list reads.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BookingDayRecord {
    #[serde(rename = "PK")]
    pub pk: String,
    #[serde(rename = "SK")]
    pub sk: String,
    #[serde(rename = "GSI1PK", default, skip_serializing_if = "Option::is_none")]
    pub gsi1pk: Option<String>,
    #[serde(rename = "GSI1SK", default, skip_serializing_if = "Option::is_none")]
    pub gsi1sk: Option<String>,
    pub kind: String,
    pub setting_id: SettingId,
    pub date: String,
    #[serde(default)]
    pub changes: Vec<BookingChangeRecord>,
    /// 0 until first written.
    pub version: u64,
}

impl BookingDayRecord {
    pub fn key(setting_id: &SettingId, date: &str) -> Key {
        Key::new(keys::setting(setting_id), keys::booking_day(date))
    }
    pub fn empty(setting_id: &SettingId, date: &str) -> Self {
        Self {
            pk: keys::setting(setting_id),
            sk: keys::booking_day(date),
            gsi1pk: None,
            gsi1sk: None,
            kind: "booking-day".into(),
            setting_id: setting_id.clone(),
            date: date.into(),
            changes: Vec::new(),
            version: 0,
        }
    }
    /// One child's changes, as the booking rules read them.
    pub fn changes_of<'a>(&'a self, child_id: &ChildId) -> Vec<DayChange<'a>> {
        self.changes
            .iter()
            .filter(|c| &c.child_id == child_id)
            .map(|c| DayChange { kind: c.change, session_type_id: c.session_type_id.as_str(), status: c.status })
            .collect()
    }
    /// Puts the day on the managers' waiting index while anything waits, and takes it off after.
    pub fn index_waiting(&mut self) {
        let waiting = self.changes.iter().any(|c| c.status == ChangeStatus::Pending);
        self.gsi1pk = waiting.then(|| keys::bookings_waiting(&self.setting_id));
        self.gsi1sk = waiting.then(|| self.date.clone());
    }
}

/// One shift of the rota, with the name of who works it (for the screens).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RotaShiftRecord {
    #[serde(flatten)]
    pub shift: nestling_domain::staffing::Shift,
    pub name: String,
}

/// One week's staff rota (`SETTING#<s>` / `ROTA#<monday>`), replaced whole by a manager under
/// its version.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RotaRecord {
    #[serde(rename = "PK")]
    pub pk: String,
    #[serde(rename = "SK")]
    pub sk: String,
    pub kind: String,
    pub setting_id: SettingId,
    /// The week's Monday.
    pub week: String,
    #[serde(default)]
    pub shifts: Vec<RotaShiftRecord>,
    pub updated_by: UserId,
    pub updated_at: Timestamp,
    pub version: u64,
}

impl RotaRecord {
    pub fn key(setting_id: &SettingId, monday: &str) -> Key {
        Key::new(keys::setting(setting_id), keys::rota(monday))
    }
}

/// A child's funded entitlements (`SETTING#<s>` / `FUNDING#<child>`), replaced whole by a
/// manager under its version. While a reminder is ahead it is on GSI1 `FUNDING-DUE` /
/// `<day>#<setting>#<child>`; `remindedThrough` is the last day the reminders ran for it.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FundingRecord {
    #[serde(rename = "PK")]
    pub pk: String,
    #[serde(rename = "SK")]
    pub sk: String,
    #[serde(rename = "GSI1PK", default, skip_serializing_if = "Option::is_none")]
    pub gsi1pk: Option<String>,
    #[serde(rename = "GSI1SK", default, skip_serializing_if = "Option::is_none")]
    pub gsi1sk: Option<String>,
    pub kind: String,
    pub setting_id: SettingId,
    pub child_id: ChildId,
    #[serde(default)]
    pub claims: Vec<nestling_domain::funding::Claim>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reminded_through: Option<nestling_domain::bookings::Day>,
    pub updated_by: UserId,
    pub updated_at: Timestamp,
    pub version: u64,
}

impl FundingRecord {
    pub fn key(setting_id: &SettingId, child_id: &ChildId) -> Key {
        Key::new(keys::setting(setting_id), keys::funding(child_id))
    }
    /// On the reminders' index under the next reminder after `today`, or off it.
    pub fn index_next(&mut self, next: Option<nestling_domain::bookings::Day>) {
        self.gsi1pk = next.map(|_| keys::FUNDING_DUE.to_string());
        self.gsi1sk = next.map(|d| format!("{d}#{}#{}", self.setting_id, self.child_id));
    }
}

/// Who pays for a child, how they share the bill and the extras the family opted into
/// (`SETTING#<s>` / `BILLING#<child>`), replaced whole by a manager under its version.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BillingRecord {
    #[serde(rename = "PK")]
    pub pk: String,
    #[serde(rename = "SK")]
    pub sk: String,
    pub kind: String,
    pub setting_id: SettingId,
    pub child_id: ChildId,
    pub billing: nestling_domain::invoicing::ChildBilling,
    pub updated_by: UserId,
    pub updated_at: Timestamp,
    pub version: u64,
}

impl BillingRecord {
    pub fn key(setting_id: &SettingId, child_id: &ChildId) -> Key {
        Key::new(keys::setting(setting_id), keys::billing(child_id))
    }
}

/// One invoice in a month's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct IssuedInvoice {
    pub invoice_id: nestling_domain::InvoiceId,
    pub child_id: ChildId,
    pub payer_id: UserId,
    pub total: nestling_domain::billing::Pence,
    #[serde(default)]
    pub document: nestling_domain::invoicing::DocumentKind,
    /// The credit note that cancelled it, once corrected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub corrected_by: Option<nestling_domain::InvoiceId>,
    /// The funded minutes it shows (none on lines written before it was kept: read the
    /// invoice).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub funded_minutes: Option<u32>,
}

/// A month's issued invoices in brief (`SETTING#<s>` / `INVOICES#<month>`), written under its
/// version with every invoice it lists: a child and payer are invoiced once a month, and the
/// month's numbers run on from `issued.len()`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InvoiceMonthRecord {
    #[serde(rename = "PK")]
    pub pk: String,
    #[serde(rename = "SK")]
    pub sk: String,
    pub kind: String,
    pub setting_id: SettingId,
    pub month: nestling_domain::invoicing::Month,
    #[serde(default)]
    pub issued: Vec<IssuedInvoice>,
    /// 0 until first written.
    pub version: u64,
}

impl InvoiceMonthRecord {
    pub fn key(setting_id: &SettingId, month: nestling_domain::invoicing::Month) -> Key {
        Key::new(keys::setting(setting_id), keys::invoice_month(&month.to_string()))
    }
    pub fn empty(setting_id: &SettingId, month: nestling_domain::invoicing::Month) -> Self {
        InvoiceMonthRecord {
            pk: keys::setting(setting_id),
            sk: keys::invoice_month(&month.to_string()),
            kind: "invoice-month".into(),
            setting_id: setting_id.clone(),
            month,
            issued: Vec::new(),
            version: 0,
        }
    }
    /// The id of the month's `n`th invoice (from 1): `2027-01-0003`.
    pub fn invoice_id(&self, n: usize) -> nestling_domain::InvoiceId {
        nestling_domain::InvoiceId::parse(&format!("{}-{n:04}", self.month)).expect("a month and a number make an id")
    }
}

/// A month's overdue reminders (`SETTING#<s>` / `INVOICE-REMINDERS#<month>`), written under its
/// version by whoever issues an invoice in the month (bringing `next` forward to the day after
/// it falls due) and by `invoice-reminders`. While `next` is set the month is on GSI1
/// `INVOICES-DUE` / `<next>#<setting>#<month>`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InvoiceRemindersRecord {
    #[serde(rename = "PK")]
    pub pk: String,
    #[serde(rename = "SK")]
    pub sk: String,
    #[serde(rename = "GSI1PK", default, skip_serializing_if = "Option::is_none")]
    pub gsi1pk: Option<String>,
    #[serde(rename = "GSI1SK", default, skip_serializing_if = "Option::is_none")]
    pub gsi1sk: Option<String>,
    pub kind: String,
    pub setting_id: SettingId,
    pub month: nestling_domain::invoicing::Month,
    /// The next day an invoice of the month may need a reminder.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next: Option<nestling_domain::bookings::Day>,
    /// Each invoice reminded, with the days it was.
    #[serde(default)]
    pub reminded: BTreeMap<String, Vec<nestling_domain::bookings::Day>>,
    /// 0 until first written.
    pub version: u64,
}

impl InvoiceRemindersRecord {
    pub fn key(setting_id: &SettingId, month: nestling_domain::invoicing::Month) -> Key {
        Key::new(keys::setting(setting_id), keys::invoice_reminders(&month.to_string()))
    }
    pub fn empty(setting_id: &SettingId, month: nestling_domain::invoicing::Month) -> Self {
        InvoiceRemindersRecord {
            pk: keys::setting(setting_id),
            sk: keys::invoice_reminders(&month.to_string()),
            gsi1pk: None,
            gsi1sk: None,
            kind: "invoice-reminders".into(),
            setting_id: setting_id.clone(),
            month,
            next: None,
            reminded: BTreeMap::new(),
            version: 0,
        }
    }
    /// Looks at the month next on `next` (none: off the index).
    pub fn look_again_on(&mut self, next: Option<nestling_domain::bookings::Day>) {
        self.next = next;
        self.gsi1pk = next.map(|_| keys::INVOICES_DUE.to_string());
        self.gsi1sk = next.map(|d| format!("{d}#{}#{}", self.setting_id, self.month));
    }
    /// An invoice falling due on `due` is looked at the day after.
    pub fn watch(&mut self, due: nestling_domain::bookings::Day) {
        let first = due.plus_days(1);
        self.look_again_on(Some(self.next.map_or(first, |n| n.min(first))));
    }
}

/// An issued invoice: never changed once written (`SETTING#<s>` / `INVOICE#<id>`), on GSI1
/// `PAYER-INVOICES#<s>#<payer>` / `<month>#<id>` for the payer's own list.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InvoiceRecord {
    #[serde(rename = "PK")]
    pub pk: String,
    #[serde(rename = "SK")]
    pub sk: String,
    #[serde(rename = "GSI1PK")]
    pub gsi1pk: String,
    #[serde(rename = "GSI1SK")]
    pub gsi1sk: String,
    pub kind: String,
    pub invoice_id: nestling_domain::InvoiceId,
    pub setting_id: SettingId,
    pub setting_name: String,
    pub month: nestling_domain::invoicing::Month,
    pub child_id: ChildId,
    pub child_name: String,
    pub payer_id: UserId,
    pub payer_name: String,
    pub bill: nestling_domain::billing::Bill,
    /// How many payers share the child's bill (1 when one pays it all).
    pub payers: u8,
    pub issued_by: UserId,
    pub issued_at: Timestamp,
    pub due: nestling_domain::bookings::Day,
    #[serde(default)]
    pub document: nestling_domain::invoicing::DocumentKind,
    /// A credit note: the invoice it cancels; a replacement: the invoice it replaces.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub corrects: Option<nestling_domain::InvoiceId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub correction: Option<Correction>,
}

/// Why a credit note and its replacement were issued.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Correction {
    pub reason: nestling_domain::invoicing::CorrectionReason,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

impl InvoiceRecord {
    pub fn key(setting_id: &SettingId, invoice_id: &nestling_domain::InvoiceId) -> Key {
        Key::new(keys::setting(setting_id), keys::invoice(invoice_id.as_str()))
    }
}

/// A payment a manager recorded for a bill payer, or a refund to them (`SETTING#<s>` /
/// `PAYMENT#<id>`), on GSI1
/// `PAYER-PAYMENTS#<s>#<payer>` / `<day received>#<id>` for the payer's statement; never changed.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PaymentRecord {
    #[serde(rename = "PK")]
    pub pk: String,
    #[serde(rename = "SK")]
    pub sk: String,
    #[serde(rename = "GSI1PK")]
    pub gsi1pk: String,
    #[serde(rename = "GSI1SK")]
    pub gsi1sk: String,
    pub kind: String,
    pub payment_id: String,
    pub setting_id: SettingId,
    pub payer_id: UserId,
    /// Always above zero; a refund is money sent back.
    pub amount: nestling_domain::billing::Pence,
    #[serde(default)]
    pub direction: nestling_domain::invoicing::PaymentDirection,
    pub method: nestling_domain::invoicing::PaymentMethod,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reference: String,
    pub received_on: nestling_domain::bookings::Day,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    pub recorded_by: UserId,
    pub recorded_at: Timestamp,
}

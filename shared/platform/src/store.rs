//! The single table as use cases see it: key builders, records to and from items, and the
//! storage port (`crate::table`) behind a handle that reads typed pages and commits
//! transactions. Access patterns: docs/data-model.md.

use base64::Engine;
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::collections::HashMap;

use crate::table::dynamo::DynamoTable;
#[cfg(any(test, feature = "testing"))]
use crate::table::memory::MemoryTable;
use crate::table::Table;
pub use crate::table::{value, Change, Condition, Index, Item, Key, Path, Query, StoreError, Value, Write};

/// Key builders: the only place key strings are spelt.
pub mod keys {
    use nestling_domain::{
        AccidentId, BreachId, ChildId, ContributionId, EntryId, FaultId, MediaId, MessageId, ObservationId, PermissionId, PostId,
        RatioBreachId, RoomId, SettingId, ThreadId, Timestamp, UserId,
    };

    pub fn setting(setting_id: &SettingId) -> String {
        format!("SETTING#{setting_id}")
    }
    pub const SETTING_META: &str = "META";
    pub fn agreement(version: u32) -> String {
        format!("AGREEMENT#{version:05}")
    }
    /// The agreement currently in force (a copy of the newest numbered version).
    pub const AGREEMENT_CURRENT: &str = "AGREEMENT#CURRENT";
    pub fn child(child_id: &ChildId) -> String {
        format!("CHILD#{child_id}")
    }
    /// One item per setting summarising every child, so the children list is one read.
    pub const ROSTER: &str = "ROSTER";
    /// The setting's active managers and their addresses, for alerts written in the same
    /// transaction as their cause.
    pub const MANAGERS: &str = "MANAGERS";
    /// One item per setting per local day: attendance, staff on the floor, rooms' ratios.
    pub fn day(date: &str) -> String {
        format!("DAY#{date}")
    }
    /// A ratio breach episode, by start time (newest last).
    pub fn ratio_breach(started_at: &str, breach_id: &RatioBreachId) -> String {
        format!("{RATIO_BREACH_PREFIX}{started_at}#{breach_id}")
    }
    pub const RATIO_BREACH_PREFIX: &str = "RATIOBREACH#";
    /// A child's diary for one local day.
    pub fn diary(child_id: &ChildId, date: &str) -> String {
        format!("DIARY#{child_id}#{date}")
    }
    /// A parent's written permission for one medicine, under its child.
    pub fn medicine_permission(child_id: &ChildId, permission_id: &PermissionId) -> String {
        format!("{}{permission_id}", medicine_permissions(child_id))
    }
    pub fn medicine_permissions(child_id: &ChildId) -> String {
        format!("MEDPERM#{child_id}#")
    }
    pub fn accident(accident_id: &AccidentId) -> String {
        format!("{ACCIDENT_PREFIX}{accident_id}")
    }
    pub const ACCIDENT_PREFIX: &str = "ACCIDENT#";
    /// The setting's accidents not yet acknowledged.
    pub const ACCIDENTS: &str = "ACCIDENTS";
    /// A reported fault, in report order.
    pub fn fault(fault_id: &FaultId) -> String {
        format!("{FAULT_PREFIX}{fault_id}")
    }
    pub const FAULT_PREFIX: &str = "FAULT#";
    /// A personal-data breach in the setting's register, in recording order.
    pub fn breach(breach_id: &BreachId) -> String {
        format!("{BREACH_PREFIX}{breach_id}")
    }
    pub const BREACH_PREFIX: &str = "BREACH#";
    /// GSI1 partition of every reportable breach not yet decided on with the ICO, across
    /// settings, sorted by deadline: what the reminder schedule reads.
    pub const ICO_DUE: &str = "ICO-DUE";
    /// GSI1 partition of every leaver whose family is still to be told that their access ends,
    /// by the day to tell them: what the morning notices read, oldest first.
    pub const ACCESS_ENDING: &str = "ACCESS-ENDING";
    /// GSI1 partition of every leaver whose records are still kept, across settings, by the
    /// next day something of theirs is due to be deleted: what the nightly sweep reads.
    pub const RETENTION_DUE: &str = "RETENTION-DUE";
    pub fn retention_due(day: &str, setting_id: &SettingId, child_id: &ChildId) -> String {
        format!("{day}#{setting_id}#{child_id}")
    }
    /// The setting's sessions, terms, closures, capacities and notice rule.
    pub const BOOKING_SETUP: &str = "BOOKING-SETUP";
    /// A device's pairing, under its code while it waits (expiring by TTL).
    pub fn pairing(code: &str) -> String {
        format!("PAIRING#{code}")
    }
    pub const PAIRING: &str = "PAIRING";
    /// One of the setting's devices.
    pub fn device(device_id: &str) -> String {
        format!("{DEVICE_PREFIX}{device_id}")
    }
    pub const DEVICE_PREFIX: &str = "DEVICE#";
    /// A person's PIN for the setting's devices, under the number they type before it.
    pub fn device_pin(number: &str) -> String {
        format!("DEVICE-PIN#{number}")
    }
    /// Which number is a person's (for their own account page).
    pub fn device_pin_of(user_id: &UserId) -> String {
        format!("DEVICE-PIN-OF#{user_id}")
    }
    /// A guardian's one-time kiosk code, under the code's hash.
    pub fn kiosk_pass(code_hash: &str) -> String {
        format!("KIOSK-PASS#{code_hash}")
    }
    /// A school's structure: year, tutor and teaching groups, point categories.
    pub const SCHOOL: &str = "SCHOOL";
    /// One pupil's achievement and behaviour points, oldest first.
    pub fn pupil_points(setting_id: &SettingId, child_id: &ChildId) -> String {
        format!("POINTS#{setting_id}#{child_id}")
    }
    /// One pupil's register marks, a session an item, oldest first.
    pub fn pupil_marks(setting_id: &SettingId, child_id: &ChildId) -> String {
        format!("SCHOOL-MARKS#{setting_id}#{child_id}")
    }
    /// The one session open on a device (the next person's replaces it).
    pub fn device_session(device_id: &str) -> String {
        format!("DEVICE-SESSION#{device_id}")
    }
    /// One day's changes to the children's bookings (extras, cancellations, requests waiting).
    pub fn booking_day(date: &str) -> String {
        format!("{BOOKING_DAY_PREFIX}{date}")
    }
    pub const BOOKING_DAY_PREFIX: &str = "BOOKINGS#";
    /// A child's funded entitlements.
    pub fn funding(child_id: &ChildId) -> String {
        format!("FUNDING#{child_id}")
    }
    /// GSI1 partition of every child's funding with a reminder ahead, across settings, by the
    /// day it falls due: what the morning reminders read.
    pub const FUNDING_DUE: &str = "FUNDING-DUE";
    /// Who pays for a child, how they share it, and the extras opted into.
    pub fn billing(child_id: &ChildId) -> String {
        format!("BILLING#{child_id}")
    }
    /// A month's issued invoices, in brief (what the managers' month page and a re-run read).
    pub fn invoice_month(month: &str) -> String {
        format!("INVOICES#{month}")
    }
    /// A month's overdue reminders: which invoices were reminded, and when.
    pub fn invoice_reminders(month: &str) -> String {
        format!("INVOICE-REMINDERS#{month}")
    }
    /// GSI1 partition of the months with an invoice that may fall overdue, by the next day to
    /// look at them.
    pub const INVOICES_DUE: &str = "INVOICES-DUE";
    /// One invoice or credit note.
    pub fn invoice(invoice_id: &str) -> String {
        format!("{INVOICE_PREFIX}{invoice_id}")
    }
    pub const INVOICE_PREFIX: &str = "INVOICE#";
    /// A payment a manager recorded.
    pub fn payment(payment_id: &str) -> String {
        format!("PAYMENT#{payment_id}")
    }
    /// GSI1 partition of one bill payer's payments in one setting, by the day received.
    pub fn payer_payments(setting_id: &SettingId, user_id: &UserId) -> String {
        format!("PAYER-PAYMENTS#{setting_id}#{user_id}")
    }
    /// GSI1 partition of one bill payer's invoices in one setting, by month.
    pub fn payer_invoices(setting_id: &SettingId, user_id: &UserId) -> String {
        format!("PAYER-INVOICES#{setting_id}#{user_id}")
    }
    /// One week's staff rota, under the week's Monday.
    pub fn rota(monday: &str) -> String {
        format!("ROTA#{monday}")
    }
    /// GSI1 partition of a setting's booking days with a request waiting for a manager, by date.
    pub fn bookings_waiting(setting_id: &SettingId) -> String {
        format!("BOOKINGS-WAITING#{setting_id}")
    }
    /// A data-rights request of the setting.
    pub fn rights_request(request_id: &str) -> String {
        format!("{RIGHTS_PREFIX}{request_id}")
    }
    pub const RIGHTS_PREFIX: &str = "RIGHTS#";
    /// A step of a data-rights request's export waiting for `rights-export-build`, which the
    /// table stream hands it (`GATHER` or `RELEASE`).
    pub fn rights_export_job(setting_id: &SettingId, request_id: &str) -> String {
        format!("{RIGHTS_EXPORT_PREFIX}{setting_id}#{request_id}")
    }
    /// The table stream hands new items under this prefix to `rights-export-build`.
    pub const RIGHTS_EXPORT_PREFIX: &str = "RIGHTS-EXPORT#";
    /// GSI1 partition of every open data-rights request, across settings, by the day its first
    /// reminder is due: what the morning reminders read.
    pub const RIGHTS_DUE: &str = "RIGHTS-DUE";
    pub fn media(media_id: &MediaId) -> String {
        format!("MEDIA#{media_id}")
    }
    /// GSI1 partition of every upload not (yet) attached to an entry, across settings, by
    /// upload day: what the expiry schedule reads, oldest first.
    pub const MEDIA_UNATTACHED: &str = "MEDIA-UNATTACHED";
    pub fn unattached_media(day: &str, setting_id: &SettingId, media_id: &MediaId) -> String {
        format!("{day}#{setting_id}#{media_id}")
    }
    /// One child's term of assessment (`term` as `2026-autumn`): a term's children read together.
    pub fn child_term(term: &str, child_id: &ChildId) -> String {
        format!("ASSESS#{term}#{child_id}")
    }
    pub fn child_terms(term: &str) -> String {
        format!("ASSESS#{term}#")
    }
    /// A child's progress check at two (one per child); the setting's read with one Query.
    pub fn progress_check(child_id: &ChildId) -> String {
        format!("CHECK2#{child_id}")
    }
    pub const PROGRESS_CHECK_PREFIX: &str = "CHECK2#";
    pub fn observation(observation_id: &ObservationId) -> String {
        format!("OBS#{observation_id}")
    }
    pub const OBSERVATION_PREFIX: &str = "OBS#";
    /// A post on the news feed; ids are time-ordered, so the prefix reads newest first.
    pub fn post(post_id: &PostId) -> String {
        format!("POST#{post_id}")
    }
    pub const POST_PREFIX: &str = "POST#";
    /// The copy of a pinned post, read at the top of the feed's first page.
    pub fn pinned_post(post_id: &PostId) -> String {
        format!("PINNED#{post_id}")
    }
    pub const PINNED_PREFIX: &str = "PINNED#";
    /// One child's reply to an event; the post's prefix reads every reply to it.
    pub fn event_reply(post_id: &PostId, child_id: &ChildId) -> String {
        format!("REPLY#{post_id}#{child_id}")
    }
    pub fn event_replies(post_id: &PostId) -> String {
        format!("REPLY#{post_id}#")
    }
    /// GSI1 partition of every event, by its reply deadline: what the reminder schedule reads.
    pub const EVENT_REPLY_BY: &str = "EVENT-REPLY-BY";
    pub fn event_reply_by(deadline: &str, setting_id: &SettingId, post_id: &PostId) -> String {
        format!("{deadline}#{setting_id}#{post_id}")
    }
    /// A message thread's partition: its two copies and its messages.
    pub fn thread(setting_id: &SettingId, thread_id: &ThreadId) -> String {
        format!("SETTING#{setting_id}#THREAD#{thread_id}")
    }
    pub const THREAD_STAFF: &str = "META";
    pub const THREAD_FAMILY: &str = "FAMILY";
    /// A message; ids are time-ordered, so the prefix reads a thread oldest first.
    pub fn message(message_id: &MessageId) -> String {
        format!("MSG#{message_id}")
    }
    pub const MESSAGE_PREFIX: &str = "MSG#";
    /// GSI1 partitions of the inboxes: the staff's, and the families' of a child, a room and
    /// the whole setting (sort key: `inbox_order`).
    pub fn staff_inbox(setting_id: &SettingId) -> String {
        format!("STAFF-INBOX#{setting_id}")
    }
    pub fn child_inbox(setting_id: &SettingId, child_id: &ChildId) -> String {
        format!("FAMILY-INBOX#{setting_id}#CHILD#{child_id}")
    }
    pub fn room_inbox(setting_id: &SettingId, room_id: &RoomId) -> String {
        format!("FAMILY-INBOX#{setting_id}#ROOM#{room_id}")
    }
    pub fn setting_inbox(setting_id: &SettingId) -> String {
        format!("FAMILY-INBOX#{setting_id}#SETTING")
    }
    /// Newest activity last in sort-key order: milliseconds since 1970, fixed width (stored
    /// RFC 3339 text varies in its fraction digits, so it does not sort).
    pub fn inbox_order(at: Timestamp, thread_id: &ThreadId) -> String {
        format!("{}#{thread_id}", time_order(at))
    }
    pub fn time_order(at: Timestamp) -> String {
        format!("{:015}", at.at().unix_timestamp_nanos() / 1_000_000)
    }
    /// GSI1 partition of the messages whose email alerts are due, by due time.
    pub const MESSAGE_ALERTS: &str = "MESSAGE-ALERTS";
    pub fn message_alert(due: Timestamp, setting_id: &SettingId, thread_id: &ThreadId, message_id: &MessageId) -> String {
        format!("{}#{setting_id}#{thread_id}#{message_id}", time_order(due))
    }
    pub fn observation_revision(observation_id: &ObservationId, version: u64) -> String {
        format!("OBSREV#{observation_id}#{version:05}")
    }
    /// A child's journal: one partition per child, entries newest first by sort key.
    pub fn journal(setting_id: &SettingId, child_id: &ChildId) -> String {
        format!("JOURNAL#{setting_id}#{child_id}")
    }
    pub fn journal_entry(published_at: &str, entry_id: &EntryId) -> String {
        format!("{published_at}#{entry_id}")
    }
    /// A child's learning journeys, one a day.
    pub fn journeys(setting_id: &SettingId, child_id: &ChildId) -> String {
        format!("{JOURNEYS_PREFIX}{setting_id}#{child_id}")
    }
    /// The table stream hands new items under this prefix to `journey-build`.
    pub const JOURNEYS_PREFIX: &str = "JOURNEY#";
    /// An observation's comments, oldest first.
    pub fn comments(setting_id: &SettingId, observation_id: &ObservationId) -> String {
        format!("COMMENTS#{setting_id}#{observation_id}")
    }
    pub fn contribution(contribution_id: &ContributionId) -> String {
        format!("CONTRIB#{contribution_id}")
    }
    pub const CONTRIBUTION_PREFIX: &str = "CONTRIB#";
    /// A child's contributions, newest first (GSI1).
    pub fn child_contributions(setting_id: &SettingId, child_id: &ChildId) -> String {
        format!("CONTRIBS#{setting_id}#{child_id}")
    }
    pub fn notify(notify_id: &str) -> String {
        format!("NOTIFY#{notify_id}")
    }
    pub const NOTIFY_SK: &str = "NOTIFY";
    /// The lines of one day's digests (UTC date), all recipients.
    pub fn digest_day(day: &str) -> String {
        format!("DIGEST#{day}")
    }
    pub fn member(user_id: &UserId) -> String {
        format!("MEMBER#{user_id}")
    }
    /// Under the user (GSI1), each of their memberships sorts by its setting.
    pub fn membership(setting_id: &SettingId) -> String {
        format!("MEMBER#{setting_id}")
    }
    pub const MEMBER_PREFIX: &str = "MEMBER#";
    pub fn room(room_id: &RoomId) -> String {
        format!("ROOM#{room_id}")
    }
    pub const ROOM_PREFIX: &str = "ROOM#";
    pub fn user(user_id: &UserId) -> String {
        format!("USER#{user_id}")
    }
    pub const USER_PROFILE: &str = "PROFILE";
    pub fn email(email: &str) -> String {
        format!("EMAIL#{email}")
    }
    pub const EMAIL_SK: &str = "EMAIL";
    pub fn invitation(token_hash: &str) -> String {
        format!("INVITE#{token_hash}")
    }
    pub const INVITATION_SK: &str = "INVITE";
    /// A learning journey's single-use link for the next setting, by its token's hash.
    pub fn transfer(token_hash: &str) -> String {
        format!("TRANSFER#{token_hash}")
    }
    pub const TRANSFER_SK: &str = "TRANSFER";
    pub fn outbox(id: &str) -> String {
        format!("OUTBOX#{id}")
    }
    pub const OUTBOX_SK: &str = "OUTBOX";
    /// A push message waiting to be sent (the push sender's stream prefix).
    pub fn push(id: &str) -> String {
        format!("PUSH#{id}")
    }
    pub const PUSH_SK: &str = "PUSH";
    /// A family's email about a child held while the setting is in lockdown, by outbox id.
    pub fn held_email(outbox_id: &str) -> String {
        format!("{HELD_EMAIL_PREFIX}{outbox_id}")
    }
    pub const HELD_EMAIL_PREFIX: &str = "HELDMAIL#";
    pub fn audit_day(setting_id: &SettingId, day: &str) -> String {
        format!("AUDIT#{setting_id}#{day}")
    }
    pub fn idempotency(user_id: &UserId, key: &str) -> String {
        format!("IDEMPOTENCY#{user_id}#{key}")
    }
    pub const IDEMPOTENCY_SK: &str = "IDEMPOTENCY";
    /// A person's counter of one rate-limited purpose in one setting and window (`rates`).
    pub fn rate(purpose: &str, setting_id: &SettingId, window_start: i64) -> String {
        format!("RATE#{purpose}#{setting_id}#{window_start}")
    }
}

impl From<StoreError> for crate::http::Problem {
    fn from(error: StoreError) -> Self {
        match error {
            StoreError::Conflict { .. } => {
                crate::http::Problem::conflict("conflict", "The resource changed since you read it; reload and try again")
            }
            StoreError::Corrupt(e) => crate::http::Problem::internal("store", e),
            StoreError::Refused(e) => crate::http::Problem::internal("store", e),
            StoreError::Full(e) => {
                tracing::warn!(error = %e, "a record is full");
                crate::http::Problem::new(422, "record-full", "This record cannot hold any more; nothing was changed")
            }
            StoreError::Unavailable(e) => crate::http::Problem::unavailable("store", e),
        }
    }
}

pub fn to_item<T: Serialize>(value: &T) -> Item {
    serde_dynamo::to_item::<_, serde_dynamo::Item>(value).expect("records serialise to maps").into_inner()
}

pub fn from_item<T: DeserializeOwned>(item: Item) -> Result<T, StoreError> {
    serde_dynamo::from_item(serde_dynamo::Item::from(item)).map_err(|e| StoreError::Corrupt(e.to_string()))
}

/// A string attribute of an item (its `kind`, `status` and the like), when it is one.
pub fn text_of<'a>(item: &'a Item, name: &str) -> Option<&'a str> {
    match item.get(name) {
        Some(Value::S(s)) => Some(s),
        _ => None,
    }
}

/// A whole-number attribute of an item, when it is one.
pub fn number_of(item: &Item, name: &str) -> Option<i64> {
    match item.get(name) {
        Some(Value::N(n)) => n.parse().ok(),
        _ => None,
    }
}

/// One page of a query and the opaque cursor to the next.
#[derive(Debug)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub next_cursor: Option<String>,
}

/// The table handle every use case holds: DynamoDB in a function, the in-memory twin in a
/// unit test.
///
/// Dispatch is by match, not through a `dyn Table`: a vtable would link every DynamoDB
/// operation into every function whether it calls it or not (+160 KB a binary), and the twin
/// is compiled only into tests.
#[derive(Clone)]
pub struct Store {
    backend: Backend,
}

#[derive(Clone)]
enum Backend {
    Dynamo(DynamoTable),
    #[cfg(any(test, feature = "testing"))]
    Memory(MemoryTable),
}

/// Calls the same port method on whichever table the store holds.
macro_rules! on_table {
    ($store:expr, $table:ident => $call:expr) => {
        match &$store.backend {
            Backend::Dynamo($table) => $call,
            #[cfg(any(test, feature = "testing"))]
            Backend::Memory($table) => $call,
        }
    };
}

impl Store {
    pub fn dynamo(client: aws_sdk_dynamodb::Client, table_name: impl Into<String>) -> Self {
        Self { backend: Backend::Dynamo(DynamoTable::new(client, table_name)) }
    }

    #[cfg(any(test, feature = "testing"))]
    pub fn memory(table: MemoryTable) -> Self {
        Self { backend: Backend::Memory(table) }
    }

    /// Reads up to 100 items in one round trip; answers in the order of `keys`.
    pub async fn get_many(&self, keys: &[Key]) -> Result<Vec<Option<Item>>, StoreError> {
        on_table!(self, t => t.get_many(keys).await)
    }

    pub async fn get(&self, key: &Key) -> Result<Option<Item>, StoreError> {
        on_table!(self, t => t.get(key).await)
    }

    /// One item read as its record.
    pub async fn get_as<T: DeserializeOwned>(&self, key: &Key) -> Result<Option<T>, StoreError> {
        self.get(key).await?.map(from_item).transpose()
    }

    /// One page of a query, going on from `cursor` (the `next_cursor` of the page before). A
    /// cursor is checked to belong to the query's partition, so it cannot move a read elsewhere.
    pub async fn page(&self, query: Query, cursor: Option<&str>) -> Result<Page<Item>, QueryError> {
        let (pk_name, _) = query.index.key_names();
        let start = match cursor {
            Some(c) => Some(decode_cursor(c, pk_name, &query.pk).ok_or(QueryError::BadCursor)?),
            None => None,
        };
        let query = query.after(start);
        let page = on_table!(self, t => t.query(&query).await)?;
        Ok(Page { items: page.items, next_cursor: page.last_key.as_ref().map(encode_cursor) })
    }

    /// `page`, each item read as a `T`.
    pub async fn page_as<T: DeserializeOwned>(&self, query: Query, cursor: Option<&str>) -> Result<Page<T>, QueryError> {
        let page = self.page(query, cursor).await?;
        let items = page.items.into_iter().map(from_item).collect::<Result<Vec<T>, _>>()?;
        Ok(Page { items, next_cursor: page.next_cursor })
    }

    /// Every item of a query, page after page: for background work over a partition whose
    /// size only the data bounds (a request handler reads one page).
    pub async fn every_as<T: DeserializeOwned>(&self, query: Query) -> Result<Vec<T>, StoreError> {
        let mut all = Vec::new();
        let mut cursor: Option<String> = None;
        loop {
            let page = self.page_as::<T>(query.clone(), cursor.as_deref()).await.map_err(|e| StoreError::Corrupt(e.to_string()))?;
            all.extend(page.items);
            match page.next_cursor {
                Some(next) => cursor = Some(next),
                None => return Ok(all),
            }
        }
    }

    /// All of the writes, or none. A failed condition is `StoreError::Conflict`.
    pub async fn transact(&self, writes: Vec<Write>) -> Result<(), StoreError> {
        on_table!(self, t => t.transact(writes).await)
    }

    /// A single conditional update (where one item changes alone), answering the item after it.
    pub async fn update(&self, key: &Key, change: Change) -> Result<Item, StoreError> {
        on_table!(self, t => t.update(key.clone(), change).await)
    }

    // Writes for transactions.

    /// Puts a new item; the transaction fails if it already exists.
    pub fn put_new(&self, item: Item) -> Write {
        Write::Put { item, condition: Some(Condition::item_absent()) }
    }

    /// Puts the version of an item after `expected`, the version it was read at: new when
    /// `expected` is 0 (never written), else only if it still holds that version.
    pub fn put_after(&self, item: Item, expected: u64) -> Write {
        if expected == 0 {
            self.put_new(item)
        } else {
            self.put_versioned(item, expected)
        }
    }

    /// Puts an item whatever is there (copies kept in step by a versioned write beside them).
    pub fn put(&self, item: Item) -> Write {
        Write::Put { item, condition: None }
    }

    /// Puts an item on a condition of the one it replaces.
    pub fn put_if(&self, item: Item, condition: Condition) -> Write {
        Write::Put { item, condition: Some(condition) }
    }

    /// Replaces an item only while its stored version is `expected` (optimistic concurrency).
    pub fn put_versioned(&self, item: Item, expected: u64) -> Write {
        self.put_if(item, Condition::version_is(expected))
    }

    /// Asserts that an item exists unchanged at `version` without writing it.
    pub fn check_version(&self, key: &Key, version: u64) -> Write {
        Write::Check { key: key.clone(), condition: Condition::version_is(version) }
    }

    /// Deletes an item (derived copies only: records of truth are never hard-deleted).
    pub fn delete(&self, key: &Key) -> Write {
        Write::Delete { key: key.clone(), condition: None }
    }

    /// Deletes an item only while `condition` holds of it.
    pub fn delete_if(&self, key: &Key, condition: Condition) -> Write {
        Write::Delete { key: key.clone(), condition: Some(condition) }
    }

    /// Changes part of an item, on the change's condition.
    pub fn change(&self, key: &Key, change: Change) -> Write {
        Write::Update { key: key.clone(), change }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum QueryError {
    #[error("the cursor is not valid for this list")]
    BadCursor,
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<QueryError> for crate::http::Problem {
    fn from(error: QueryError) -> Self {
        match error {
            QueryError::BadCursor => crate::http::Problem::bad_request("the cursor is not valid for this list"),
            QueryError::Store(e) => e.into(),
        }
    }
}

impl From<QueryError> for StoreError {
    /// For readers that page from the start (no caller's cursor), where a bad cursor is a bug.
    fn from(error: QueryError) -> Self {
        match error {
            QueryError::Store(e) => e,
            other => StoreError::Corrupt(other.to_string()),
        }
    }
}

/// Cursors are the last evaluated key's string attributes, base64url JSON. Decoding checks
/// the partition matches the list being read, so a cursor cannot move a query elsewhere.
fn encode_cursor(key: &Item) -> String {
    let map: HashMap<&str, &str> = key
        .iter()
        .filter_map(|(k, v)| match v {
            Value::S(s) => Some((k.as_str(), s.as_str())),
            _ => None,
        })
        .collect();
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(serde_json::to_vec(&map).unwrap_or_default())
}

fn decode_cursor(cursor: &str, pk_name: &str, pk: &str) -> Option<Item> {
    if cursor.len() > 2048 {
        return None;
    }
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(cursor).ok()?;
    let map: HashMap<String, String> = serde_json::from_slice(&bytes).ok()?;
    if map.get(pk_name).map(String::as_str) != Some(pk) || map.len() > 4 {
        return None;
    }
    let allowed = ["PK", "SK", "GSI1PK", "GSI1SK"];
    if !map.keys().all(|k| allowed.contains(&k.as_str())) {
        return None;
    }
    Some(map.into_iter().map(|(k, v)| (k, Value::S(v))).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_cannot_change_partition() {
        let key: Item = HashMap::from([("PK".to_string(), Value::S("SETTING#a".into())), ("SK".to_string(), Value::S("ROOM#1".into()))]);
        let cursor = encode_cursor(&key);
        assert_eq!(decode_cursor(&cursor, "PK", "SETTING#a"), Some(key));
        assert_eq!(decode_cursor(&cursor, "PK", "SETTING#b"), None);
        assert_eq!(decode_cursor("not base64!", "PK", "SETTING#a"), None);
    }
}

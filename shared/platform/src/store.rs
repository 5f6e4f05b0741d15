//! The DynamoDB single table: key builders, typed items, and the few operations use cases
//! need (batch read, query page, transaction). Access patterns: docs/data-model.md.

use aws_sdk_dynamodb::types::{AttributeValue, ConditionCheck, KeysAndAttributes, Put, TransactWriteItem, Update};
use aws_sdk_dynamodb::Client;
use base64::Engine;
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::collections::HashMap;

pub type Item = HashMap<String, AttributeValue>;

/// Key builders: the only place key strings are spelt.
pub mod keys {
    pub fn setting(setting_id: &str) -> String {
        format!("SETTING#{setting_id}")
    }
    pub const SETTING_META: &str = "META";
    pub fn agreement(version: u32) -> String {
        format!("AGREEMENT#{version:05}")
    }
    /// The agreement currently in force (a copy of the newest numbered version).
    pub const AGREEMENT_CURRENT: &str = "AGREEMENT#CURRENT";
    pub fn child(child_id: &str) -> String {
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
    pub fn ratio_breach(started_at: &str, breach_id: &str) -> String {
        format!("{RATIO_BREACH_PREFIX}{started_at}#{breach_id}")
    }
    pub const RATIO_BREACH_PREFIX: &str = "RATIOBREACH#";
    /// A child's diary for one local day.
    pub fn diary(child_id: &str, date: &str) -> String {
        format!("DIARY#{child_id}#{date}")
    }
    pub fn accident(accident_id: &str) -> String {
        format!("{ACCIDENT_PREFIX}{accident_id}")
    }
    pub const ACCIDENT_PREFIX: &str = "ACCIDENT#";
    /// The setting's accidents not yet acknowledged.
    pub const ACCIDENTS: &str = "ACCIDENTS";
    /// A reported fault, in report order.
    pub fn fault(fault_id: &str) -> String {
        format!("{FAULT_PREFIX}{fault_id}")
    }
    pub const FAULT_PREFIX: &str = "FAULT#";
    /// A personal-data breach in the setting's register, in recording order.
    pub fn breach(breach_id: &str) -> String {
        format!("{BREACH_PREFIX}{breach_id}")
    }
    pub const BREACH_PREFIX: &str = "BREACH#";
    /// GSI1 partition of every reportable breach not yet decided on with the ICO, across
    /// settings, sorted by deadline: what the reminder schedule reads.
    pub const ICO_DUE: &str = "ICO-DUE";
    pub fn media(media_id: &str) -> String {
        format!("MEDIA#{media_id}")
    }
    pub fn observation(observation_id: &str) -> String {
        format!("OBS#{observation_id}")
    }
    pub const OBSERVATION_PREFIX: &str = "OBS#";
    pub fn observation_revision(observation_id: &str, version: u64) -> String {
        format!("OBSREV#{observation_id}#{version:05}")
    }
    /// A child's journal: one partition per child, entries newest first by sort key.
    pub fn journal(setting_id: &str, child_id: &str) -> String {
        format!("JOURNAL#{setting_id}#{child_id}")
    }
    pub fn journal_entry(published_at: &str, entry_id: &str) -> String {
        format!("{published_at}#{entry_id}")
    }
    /// An entry's comments, oldest first.
    pub fn comments(setting_id: &str, entry_id: &str) -> String {
        format!("COMMENTS#{setting_id}#{entry_id}")
    }
    pub fn contribution(contribution_id: &str) -> String {
        format!("CONTRIB#{contribution_id}")
    }
    pub const CONTRIBUTION_PREFIX: &str = "CONTRIB#";
    /// A child's contributions, newest first (GSI1).
    pub fn child_contributions(setting_id: &str, child_id: &str) -> String {
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
    pub fn member(user_id: &str) -> String {
        format!("MEMBER#{user_id}")
    }
    pub const MEMBER_PREFIX: &str = "MEMBER#";
    pub fn room(room_id: &str) -> String {
        format!("ROOM#{room_id}")
    }
    pub const ROOM_PREFIX: &str = "ROOM#";
    pub fn user(user_id: &str) -> String {
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
    pub fn outbox(id: &str) -> String {
        format!("OUTBOX#{id}")
    }
    pub const OUTBOX_SK: &str = "OUTBOX";
    pub fn audit_day(setting_id: &str, day: &str) -> String {
        format!("AUDIT#{setting_id}#{day}")
    }
    pub fn idempotency(user_id: &str, key: &str) -> String {
        format!("IDEMPOTENCY#{user_id}#{key}")
    }
    pub const IDEMPOTENCY_SK: &str = "IDEMPOTENCY";
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Key {
    pub pk: String,
    pub sk: String,
}

impl Key {
    pub fn new(pk: impl Into<String>, sk: impl Into<String>) -> Self {
        Self { pk: pk.into(), sk: sk.into() }
    }
    fn to_item(&self) -> Item {
        HashMap::from([("PK".to_string(), AttributeValue::S(self.pk.clone())), ("SK".to_string(), AttributeValue::S(self.sk.clone()))])
    }
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A condition failed: a version moved on, an item already exists, a state changed.
    /// `reasons` holds, per transaction item, whether its condition failed.
    #[error("condition failed")]
    Conflict { failed: Vec<bool> },
    #[error("stored item could not be read: {0}")]
    Corrupt(String),
    #[error("table unavailable: {0}")]
    Unavailable(String),
}

impl StoreError {
    /// Whether the item at `index` of a transaction was the one whose condition failed.
    pub fn failed_at(&self, index: usize) -> bool {
        matches!(self, StoreError::Conflict { failed } if failed.get(index).copied().unwrap_or(false))
    }
}

impl From<StoreError> for crate::http::Problem {
    fn from(error: StoreError) -> Self {
        match error {
            StoreError::Conflict { .. } => {
                crate::http::Problem::conflict("conflict", "The resource changed since you read it; reload and try again")
            }
            StoreError::Corrupt(e) => crate::http::Problem::internal("store", e),
            StoreError::Unavailable(e) => crate::http::Problem::unavailable("store", e),
        }
    }
}

pub fn to_item<T: Serialize>(value: &T) -> Item {
    serde_dynamo::to_item(value).expect("records serialise to maps")
}

pub fn from_item<T: DeserializeOwned>(item: Item) -> Result<T, StoreError> {
    serde_dynamo::from_item(item).map_err(|e| StoreError::Corrupt(e.to_string()))
}

/// One page of a query and the opaque cursor to the next.
#[derive(Debug)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub next_cursor: Option<String>,
}

#[derive(Clone)]
pub struct Store {
    client: Client,
    table: String,
}

impl Store {
    pub fn new(client: Client, table: impl Into<String>) -> Self {
        Self { client, table: table.into() }
    }
    pub fn client(&self) -> &Client {
        &self.client
    }
    pub fn table(&self) -> &str {
        &self.table
    }

    /// Reads up to 100 items in one round trip; answers in the order of `keys`.
    pub async fn get_many(&self, keys: &[Key]) -> Result<Vec<Option<Item>>, StoreError> {
        let mut unique: Vec<&Key> = Vec::new();
        for key in keys {
            if !unique.contains(&key) {
                unique.push(key);
            }
        }
        let mut found: HashMap<Key, Item> = HashMap::new();
        let mut pending: Vec<Item> = unique.iter().map(|k| k.to_item()).collect();
        // UnprocessedKeys only appear under throttling; retry those, bounded.
        for _ in 0..5 {
            if pending.is_empty() {
                break;
            }
            let request = KeysAndAttributes::builder()
                .set_keys(Some(std::mem::take(&mut pending)))
                .consistent_read(true)
                .build()
                .map_err(|e| StoreError::Unavailable(e.to_string()))?;
            let output = self
                .client
                .batch_get_item()
                .request_items(&self.table, request)
                .send()
                .await
                .map_err(|e| StoreError::Unavailable(aws_sdk_dynamodb::error::DisplayErrorContext(e).to_string()))?;
            for item in output.responses.unwrap_or_default().remove(&self.table).unwrap_or_default() {
                let key = Key::new(string(&item, "PK"), string(&item, "SK"));
                found.insert(key, item);
            }
            pending = output.unprocessed_keys.unwrap_or_default().remove(&self.table).map(|k| k.keys).unwrap_or_default();
        }
        if !pending.is_empty() {
            return Err(StoreError::Unavailable("batch read throttled".into()));
        }
        Ok(keys.iter().map(|k| found.get(k).cloned()).collect())
    }

    pub async fn get(&self, key: &Key) -> Result<Option<Item>, StoreError> {
        let output = self
            .client
            .get_item()
            .table_name(&self.table)
            .set_key(Some(key.to_item()))
            .consistent_read(true)
            .send()
            .await
            .map_err(|e| StoreError::Unavailable(aws_sdk_dynamodb::error::DisplayErrorContext(e).to_string()))?;
        Ok(output.item)
    }

    /// One Query page of items under `pk` whose sort key begins with `sk_prefix`, optionally
    /// filtered (a filter never costs another round trip; pages may come back short).
    pub async fn query_prefix<T: DeserializeOwned>(
        &self,
        index: Option<&str>,
        pk: &str,
        sk_prefix: &str,
        limit: i32,
        cursor: Option<&str>,
        filter: Option<Filter>,
    ) -> Result<Page<T>, QueryError> {
        let page = self.query_items(index, pk, sk_prefix, limit, cursor, filter).await?;
        let items = page.items.into_iter().map(from_item).collect::<Result<Vec<T>, _>>()?;
        Ok(Page { items, next_cursor: page.next_cursor })
    }

    /// `query_prefix` for callers that sort mixed kinds of item themselves.
    pub async fn query_items(
        &self,
        index: Option<&str>,
        pk: &str,
        sk_prefix: &str,
        limit: i32,
        cursor: Option<&str>,
        filter: Option<Filter>,
    ) -> Result<Page<Item>, QueryError> {
        self.query_items_ordered(index, pk, sk_prefix, limit, cursor, filter, false).await
    }

    /// `query_items`, newest (highest sort key) first when `descending`.
    #[expect(
        clippy::too_many_arguments,
        reason = "every query knob of the one Query call; the storage port of issue 16 replaces it with a query value"
    )]
    pub async fn query_items_ordered(
        &self,
        index: Option<&str>,
        pk: &str,
        sk_prefix: &str,
        limit: i32,
        cursor: Option<&str>,
        filter: Option<Filter>,
        descending: bool,
    ) -> Result<Page<Item>, QueryError> {
        let (pk_name, sk_name) = match index {
            Some("GSI1") => ("GSI1PK", "GSI1SK"),
            _ => ("PK", "SK"),
        };
        let start = match cursor {
            Some(c) => Some(decode_cursor(c, pk_name, pk).ok_or(QueryError::BadCursor)?),
            None => None,
        };
        let mut names = HashMap::from([("#pk".to_string(), pk_name.to_string())]);
        if !sk_prefix.is_empty() {
            names.insert("#sk".to_string(), sk_name.to_string());
        }
        let mut values = key_values(pk, sk_prefix);
        if let Some(f) = &filter {
            names.extend(f.names.iter().map(|(k, v)| (k.to_string(), v.to_string())));
            values.extend(f.values.iter().map(|(k, v)| (k.to_string(), v.clone())));
        }
        let output = self
            .client
            .query()
            .table_name(&self.table)
            .set_index_name(index.map(str::to_string))
            .key_condition_expression(if sk_prefix.is_empty() { "#pk = :pk" } else { "#pk = :pk AND begins_with(#sk, :prefix)" })
            .set_expression_attribute_names(Some(names))
            .limit(limit)
            .scan_index_forward(!descending)
            .set_exclusive_start_key(start)
            .set_filter_expression(filter.as_ref().map(|f| f.expression.clone()))
            .set_expression_attribute_values(Some(values))
            .send()
            .await
            .map_err(|e| StoreError::Unavailable(aws_sdk_dynamodb::error::DisplayErrorContext(e).to_string()))?;
        let items = output.items.unwrap_or_default();
        let next_cursor = output.last_evaluated_key.map(|k| encode_cursor(&k));
        Ok(Page { items, next_cursor })
    }

    /// All of the writes, or none. A failed condition is `StoreError::Conflict`.
    pub async fn transact(&self, writes: Vec<TransactWriteItem>) -> Result<(), StoreError> {
        use aws_sdk_dynamodb::operation::transact_write_items::TransactWriteItemsError;
        let count = writes.len();
        match self.client.transact_write_items().set_transact_items(Some(writes)).send().await {
            Ok(_) => Ok(()),
            Err(e) => match e.as_service_error() {
                Some(TransactWriteItemsError::TransactionCanceledException(cancel)) => {
                    let reasons = cancel.cancellation_reasons();
                    let failed: Vec<bool> = if reasons.is_empty() {
                        vec![true; count]
                    } else {
                        reasons.iter().map(|r| r.code() == Some("ConditionalCheckFailed")).collect()
                    };
                    if failed.iter().any(|f| *f) {
                        Err(StoreError::Conflict { failed })
                    } else {
                        Err(StoreError::Unavailable(format!("transaction cancelled: {cancel}")))
                    }
                }
                _ => Err(StoreError::Unavailable(aws_sdk_dynamodb::error::DisplayErrorContext(e).to_string())),
            },
        }
    }

    /// A single conditional update (used where one item changes alone).
    pub async fn update(&self, update: Update) -> Result<Option<Item>, StoreError> {
        use aws_sdk_dynamodb::operation::update_item::UpdateItemError;
        let result = self
            .client
            .update_item()
            .table_name(&self.table)
            .set_key(Some(update.key))
            .update_expression(update.update_expression)
            .set_condition_expression(update.condition_expression)
            .set_expression_attribute_names(update.expression_attribute_names)
            .set_expression_attribute_values(update.expression_attribute_values)
            .return_values(aws_sdk_dynamodb::types::ReturnValue::AllNew)
            .send()
            .await;
        match result {
            Ok(output) => Ok(output.attributes),
            Err(e) => match e.as_service_error() {
                Some(UpdateItemError::ConditionalCheckFailedException(_)) => Err(StoreError::Conflict { failed: vec![true] }),
                _ => Err(StoreError::Unavailable(aws_sdk_dynamodb::error::DisplayErrorContext(e).to_string())),
            },
        }
    }

    // Builders for transaction items.

    /// Puts a new item; the transaction fails if it already exists.
    pub fn put_new(&self, item: Item) -> TransactWriteItem {
        let put = Put::builder()
            .table_name(&self.table)
            .set_item(Some(item))
            .condition_expression("attribute_not_exists(PK)")
            .build()
            .expect("table and item are set");
        TransactWriteItem::builder().put(put).build()
    }

    /// Puts an item whatever is there (copies kept in step by a versioned write beside them).
    pub fn put(&self, item: Item) -> TransactWriteItem {
        let put = Put::builder().table_name(&self.table).set_item(Some(item)).build().expect("table and item are set");
        TransactWriteItem::builder().put(put).build()
    }

    /// Replaces an item only while its stored version is `expected` (optimistic concurrency).
    pub fn put_versioned(&self, item: Item, expected: u64) -> TransactWriteItem {
        let put = Put::builder()
            .table_name(&self.table)
            .set_item(Some(item))
            .condition_expression("#version = :expected")
            .expression_attribute_names("#version", "version")
            .expression_attribute_values(":expected", AttributeValue::N(expected.to_string()))
            .build()
            .expect("table and item are set");
        TransactWriteItem::builder().put(put).build()
    }

    /// Asserts that an item exists unchanged at `version` without writing it.
    pub fn check_version(&self, key: &Key, version: u64) -> TransactWriteItem {
        let check = ConditionCheck::builder()
            .table_name(&self.table)
            .set_key(Some(key.to_item()))
            .condition_expression("#version = :expected")
            .expression_attribute_names("#version", "version")
            .expression_attribute_values(":expected", AttributeValue::N(version.to_string()))
            .build()
            .expect("table, key and condition are set");
        TransactWriteItem::builder().condition_check(check).build()
    }

    /// Deletes an item (derived copies only: records of truth are never hard-deleted).
    pub fn delete(&self, key: &Key) -> TransactWriteItem {
        let delete = aws_sdk_dynamodb::types::Delete::builder()
            .table_name(&self.table)
            .set_key(Some(key.to_item()))
            .build()
            .expect("table and key are set");
        TransactWriteItem::builder().delete(delete).build()
    }

    pub fn update_builder(&self, key: &Key) -> aws_sdk_dynamodb::types::builders::UpdateBuilder {
        Update::builder().table_name(&self.table).set_key(Some(key.to_item()))
    }
}

/// A filter on a query: an expression over non-key attributes and its `:values`.
pub struct Filter {
    pub expression: String,
    pub names: Vec<(&'static str, &'static str)>,
    pub values: Vec<(&'static str, AttributeValue)>,
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

fn key_values(pk: &str, sk_prefix: &str) -> HashMap<String, AttributeValue> {
    let mut values = HashMap::from([(":pk".to_string(), AttributeValue::S(pk.to_string()))]);
    if !sk_prefix.is_empty() {
        values.insert(":prefix".to_string(), AttributeValue::S(sk_prefix.to_string()));
    }
    values
}

fn string(item: &Item, name: &str) -> String {
    item.get(name).and_then(|v| v.as_s().ok()).cloned().unwrap_or_default()
}

/// Cursors are the last evaluated key's string attributes, base64url JSON. Decoding checks
/// the partition matches the list being read, so a cursor cannot move a query elsewhere.
fn encode_cursor(key: &Item) -> String {
    let map: HashMap<&str, &str> = key.iter().filter_map(|(k, v)| v.as_s().ok().map(|s| (k.as_str(), s.as_str()))).collect();
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
    Some(map.into_iter().map(|(k, v)| (k, AttributeValue::S(v))).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_cannot_change_partition() {
        let key: Item = HashMap::from([
            ("PK".to_string(), AttributeValue::S("SETTING#a".into())),
            ("SK".to_string(), AttributeValue::S("ROOM#1".into())),
        ]);
        let cursor = encode_cursor(&key);
        assert_eq!(decode_cursor(&cursor, "PK", "SETTING#a"), Some(key));
        assert_eq!(decode_cursor(&cursor, "PK", "SETTING#b"), None);
        assert_eq!(decode_cursor("not base64!", "PK", "SETTING#a"), None);
    }
}

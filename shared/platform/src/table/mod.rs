//! The storage port: the few things use cases ask of the single table (read items by key,
//! read a page of a partition, commit a transaction, update one item), in types that say what
//! is written and on what condition. Two implementations keep the same promises: `dynamo`
//! (the AWS SDK, the only place in the product that speaks DynamoDB's expression language) and
//! `memory` (an in-process twin for unit tests). No function crate depends on the SDK.

pub mod dynamo;
#[cfg(any(test, feature = "testing"))]
pub mod memory;

use serde::Serialize;
use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;

/// One attribute's value, as DynamoDB holds it.
pub use serde_dynamo::AttributeValue as Value;

/// A stored item: attribute name to value, keys included.
pub type Item = HashMap<String, Value>;

/// What a port call returns: a future that can cross threads (handlers run on tokio).
pub type Pending<'a, T> = Pin<Box<dyn Future<Output = Result<T, StoreError>> + Send + 'a>>;

/// DynamoDB's limits, kept by both implementations so the twin refuses what AWS would.
pub mod limits {
    /// Items in one TransactWriteItems or BatchGetItem call.
    pub const TRANSACTION_ITEMS: usize = 100;
    /// Keys in one BatchGetItem call.
    pub const BATCH_GET_KEYS: usize = 100;
    /// The aggregate size of a transaction's items.
    pub const TRANSACTION_BYTES: usize = 4 * 1024 * 1024;
    /// One item's size (names and values).
    pub const ITEM_BYTES: usize = 400 * 1024;
    /// The data one Query call reads before it stops and answers a page.
    pub const QUERY_PAGE_BYTES: usize = 1024 * 1024;
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

    /// The key of a stored item (its `PK` and `SK` attributes).
    pub fn of(item: &Item) -> Option<Key> {
        match (item.get("PK"), item.get("SK")) {
            (Some(Value::S(pk)), Some(Value::S(sk))) => Some(Key::new(pk.clone(), sk.clone())),
            _ => None,
        }
    }

    /// The item holding just this key (`PK`, `SK`).
    pub fn to_item(&self) -> Item {
        HashMap::from([("PK".to_string(), Value::S(self.pk.clone())), ("SK".to_string(), Value::S(self.sk.clone()))])
    }
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A condition failed: a version moved on, an item already exists, a state changed.
    /// `failed` holds, per transaction item, whether its condition failed.
    #[error("condition failed")]
    Conflict { failed: Vec<bool> },
    #[error("stored item could not be read: {0}")]
    Corrupt(String),
    /// A request DynamoDB would refuse whatever the data: over a limit, or two writes to one item.
    #[error("request refused: {0}")]
    Refused(String),
    /// An item would grow past DynamoDB's 400 KB: the record is full. Every list a caller can
    /// grow has a count bound well inside this; this is the answer if sizes still add up to it.
    #[error("item full: {0}")]
    Full(String),
    #[error("table unavailable: {0}")]
    Unavailable(String),
}

impl StoreError {
    /// Whether the item at `index` of a transaction was the one whose condition failed.
    pub fn failed_at(&self, index: usize) -> bool {
        matches!(self, StoreError::Conflict { failed } if failed.get(index).copied().unwrap_or(false))
    }
}

/// Any serialisable value as an attribute value (records' fields, lists, maps, numbers).
pub fn value<T: Serialize + ?Sized>(v: &T) -> Value {
    serde_dynamo::to_attribute_value(v).expect("values serialise")
}

/// An attribute, or a place inside one: its name, then map keys below it
/// (`Path::new("rooms").key(room_id)`). Segments are never parsed, so a key may hold any text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Path(Vec<String>);

impl Path {
    pub fn new(attribute: impl Into<String>) -> Self {
        Path(vec![attribute.into()])
    }
    /// The entry under `key` of the map at this path.
    pub fn key(mut self, key: impl Into<String>) -> Self {
        self.0.push(key.into());
        self
    }
    pub fn segments(&self) -> &[String] {
        &self.0
    }
}

impl From<&str> for Path {
    fn from(attribute: &str) -> Self {
        Path::new(attribute)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Comparison {
    Eq,
    Lt,
    Le,
    Gt,
    Ge,
}

/// What must hold of an item (as stored before the write) for a write to happen, or for a
/// queried item to be answered (a filter).
#[derive(Debug, Clone, PartialEq)]
pub enum Condition {
    Exists(Path),
    NotExists(Path),
    Compare(Path, Comparison, Value),
    /// Equal to one of the values.
    In(Path, Vec<Value>),
    /// A string holding the text, or a list or set holding the value.
    Contains(Path, Value),
    /// A string starting with the text.
    BeginsWith(Path, String),
    And(Vec<Condition>),
    Or(Vec<Condition>),
}

impl Condition {
    /// The item exists.
    pub fn item_exists() -> Self {
        Condition::Exists(Path::new("PK"))
    }
    /// No item has this key yet.
    pub fn item_absent() -> Self {
        Condition::NotExists(Path::new("PK"))
    }
    /// The stored item is still at `version` (optimistic concurrency).
    pub fn version_is(version: u64) -> Self {
        Condition::eq("version", &version)
    }
    pub fn exists(path: impl Into<Path>) -> Self {
        Condition::Exists(path.into())
    }
    pub fn not_exists(path: impl Into<Path>) -> Self {
        Condition::NotExists(path.into())
    }
    pub fn eq<T: Serialize + ?Sized>(path: impl Into<Path>, v: &T) -> Self {
        Condition::Compare(path.into(), Comparison::Eq, value(v))
    }
    pub fn lt<T: Serialize + ?Sized>(path: impl Into<Path>, v: &T) -> Self {
        Condition::Compare(path.into(), Comparison::Lt, value(v))
    }
    pub fn gt<T: Serialize + ?Sized>(path: impl Into<Path>, v: &T) -> Self {
        Condition::Compare(path.into(), Comparison::Gt, value(v))
    }
    pub fn one_of<T: Serialize>(path: impl Into<Path>, values: &[T]) -> Self {
        Condition::In(path.into(), values.iter().map(value).collect())
    }
    pub fn contains<T: Serialize + ?Sized>(path: impl Into<Path>, v: &T) -> Self {
        Condition::Contains(path.into(), value(v))
    }
    pub fn begins_with(path: impl Into<Path>, prefix: impl Into<String>) -> Self {
        Condition::BeginsWith(path.into(), prefix.into())
    }
    pub fn and(self, other: Condition) -> Self {
        match self {
            Condition::And(mut all) => {
                all.push(other);
                Condition::And(all)
            }
            one => Condition::And(vec![one, other]),
        }
    }
    pub fn or(self, other: Condition) -> Self {
        match self {
            Condition::Or(mut any) => {
                any.push(other);
                Condition::Or(any)
            }
            one => Condition::Or(vec![one, other]),
        }
    }
}

/// How an attribute is assigned by a change.
#[derive(Debug, Clone, PartialEq)]
pub enum Assign {
    To(Value),
    /// The stored number plus this one (the attribute must exist).
    Plus(Value),
    /// Only when the attribute is absent; otherwise it keeps its value.
    IfAbsent(Value),
    /// The stored number, or `start` when absent, plus `by`.
    CountFrom {
        start: Value,
        by: Value,
    },
}

/// A typed partial update of one item: fields set, numbers added, fields removed, and the
/// condition it is made on. The one way an item is changed in place.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Change {
    pub(crate) set: Vec<(Path, Assign)>,
    pub(crate) add: Vec<(Path, Value)>,
    pub(crate) remove: Vec<Path>,
    pub(crate) condition: Option<Condition>,
}

impl Change {
    pub fn new() -> Self {
        Self::default()
    }
    pub fn set<T: Serialize + ?Sized>(self, path: impl Into<Path>, v: &T) -> Self {
        self.assign(path, Assign::To(value(v)))
    }
    /// Sets the field to `Some` value, or removes it for `None`.
    pub fn set_or_remove<T: Serialize>(self, path: impl Into<Path>, v: Option<&T>) -> Self {
        match v {
            Some(v) => self.set(path, v),
            None => self.remove(path),
        }
    }
    pub fn set_if_absent<T: Serialize + ?Sized>(self, path: impl Into<Path>, v: &T) -> Self {
        self.assign(path, Assign::IfAbsent(value(v)))
    }
    /// Adds `by` to a number that must exist (`version = version + 1`).
    pub fn increment(self, path: impl Into<Path>, by: i64) -> Self {
        self.assign(path, Assign::Plus(value(&by)))
    }
    /// Adds `by` to a number, counting from `start` when it is absent.
    pub fn count_from(self, path: impl Into<Path>, start: i64, by: i64) -> Self {
        self.assign(path, Assign::CountFrom { start: value(&start), by: value(&by) })
    }
    /// The stored version moves on by one.
    pub fn next_version(self) -> Self {
        self.increment("version", 1)
    }
    /// Adds to a number, creating it (and the item) when absent: DynamoDB's ADD.
    pub fn add(mut self, path: impl Into<Path>, by: i64) -> Self {
        self.add.push((path.into(), value(&by)));
        self
    }
    pub fn remove(mut self, path: impl Into<Path>) -> Self {
        self.remove.push(path.into());
        self
    }
    /// Made only when `condition` holds (with any condition given before).
    pub fn when(mut self, condition: Condition) -> Self {
        self.condition = Some(match self.condition.take() {
            Some(before) => before.and(condition),
            None => condition,
        });
        self
    }
    /// Made only on an existing item (an update would otherwise create one).
    pub fn on_existing(self) -> Self {
        self.when(Condition::item_exists())
    }
    /// Made only while the stored version is `version`.
    pub fn if_version(self, version: u64) -> Self {
        self.when(Condition::version_is(version))
    }
    fn assign(mut self, path: impl Into<Path>, assign: Assign) -> Self {
        self.set.push((path.into(), assign));
        self
    }
    pub fn is_empty(&self) -> bool {
        self.set.is_empty() && self.add.is_empty() && self.remove.is_empty()
    }
}

/// One write of a transaction.
#[derive(Debug, Clone, PartialEq)]
pub enum Write {
    /// Stores the whole item, replacing any there.
    Put {
        item: Item,
        condition: Option<Condition>,
    },
    Update {
        key: Key,
        change: Change,
    },
    /// Asserts a condition of an item without writing it.
    Check {
        key: Key,
        condition: Condition,
    },
    Delete {
        key: Key,
        condition: Option<Condition>,
    },
}

impl Write {
    /// The item the write is about (None only for a put of an item without keys, a bug the
    /// implementations refuse).
    pub fn key(&self) -> Option<Key> {
        match self {
            Write::Put { item, .. } => Key::of(item),
            Write::Update { key, .. } | Write::Check { key, .. } | Write::Delete { key, .. } => Some(key.clone()),
        }
    }
}

/// Which key a query reads by: the table's own, or the one global secondary index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Index {
    Table,
    Gsi1,
}

impl Index {
    pub fn key_names(self) -> (&'static str, &'static str) {
        match self {
            Index::Table => ("PK", "SK"),
            Index::Gsi1 => ("GSI1PK", "GSI1SK"),
        }
    }
    pub fn name(self) -> Option<&'static str> {
        match self {
            Index::Table => None,
            Index::Gsi1 => Some("GSI1"),
        }
    }
}

/// One page of one partition: items whose sort key begins with `sk_prefix`, in sort-key
/// order, at most `limit` of them read, then filtered (a filter never costs another round trip,
/// so pages may come back short).
#[derive(Debug, Clone, PartialEq)]
pub struct Query {
    pub index: Index,
    pub pk: String,
    pub sk_prefix: String,
    pub limit: usize,
    /// The last key of the page before (the page starts after it).
    pub start: Option<Item>,
    pub descending: bool,
    pub filter: Option<Condition>,
}

impl Query {
    pub fn partition(index: Index, pk: impl Into<String>) -> Self {
        Self { index, pk: pk.into(), sk_prefix: String::new(), limit: 100, start: None, descending: false, filter: None }
    }
    pub fn prefix(mut self, sk_prefix: impl Into<String>) -> Self {
        self.sk_prefix = sk_prefix.into();
        self
    }
    pub fn limit(mut self, limit: usize) -> Self {
        self.limit = limit;
        self
    }
    pub fn after(mut self, start: Option<Item>) -> Self {
        self.start = start;
        self
    }
    pub fn newest_first(mut self, descending: bool) -> Self {
        self.descending = descending;
        self
    }
    pub fn filter(mut self, filter: Option<Condition>) -> Self {
        self.filter = filter;
        self
    }
}

/// A page's items and, when reading stopped before the partition's end, the key to go on from.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct QueryPage {
    pub items: Vec<Item>,
    pub last_key: Option<Item>,
}

/// The port. Every call is one round trip on DynamoDB.
pub trait Table: Send + Sync {
    /// One item by key, consistently read (GetItem: the one read some functions' policies allow).
    fn get<'a>(&'a self, key: &'a Key) -> Pending<'a, Option<Item>>;
    /// Up to 100 items by key, consistently read, answered in the order of `keys`.
    fn get_many<'a>(&'a self, keys: &'a [Key]) -> Pending<'a, Vec<Option<Item>>>;
    fn query<'a>(&'a self, query: &'a Query) -> Pending<'a, QueryPage>;
    /// All of the writes, or none. Failed conditions are `Conflict`, naming which.
    fn transact(&self, writes: Vec<Write>) -> Pending<'_, ()>;
    /// One conditional update alone, answering the item as it is after it.
    fn update(&self, key: Key, change: Change) -> Pending<'_, Item>;
}

/// DynamoDB's size of an item: each attribute's name and value in bytes.
pub fn item_size(item: &Item) -> usize {
    item.iter().map(|(name, v)| name.len() + value_size(v)).sum()
}

fn value_size(v: &Value) -> usize {
    match v {
        Value::S(s) => s.len(),
        // Numbers take about one byte per two digits, plus one.
        Value::N(n) => n.len().div_ceil(2) + 1,
        Value::B(b) => b.len(),
        Value::Bool(_) | Value::Null(_) => 1,
        Value::M(m) => 3 + m.iter().map(|(k, v)| k.len() + 1 + value_size(v)).sum::<usize>(),
        Value::L(l) => 3 + l.iter().map(|v| 1 + value_size(v)).sum::<usize>(),
        Value::Ss(s) => s.iter().map(String::len).sum(),
        Value::Ns(n) => n.iter().map(|n| n.len().div_ceil(2) + 1).sum(),
        Value::Bs(b) => b.iter().map(Vec::len).sum(),
    }
}

/// The checks DynamoDB makes of a transaction before it reads anything.
pub(crate) fn check_transaction(writes: &[Write]) -> Result<(), StoreError> {
    if writes.is_empty() {
        return Err(StoreError::Refused("a transaction needs at least one write".into()));
    }
    if writes.len() > limits::TRANSACTION_ITEMS {
        return Err(StoreError::Refused(format!("{} writes in one transaction (at most {})", writes.len(), limits::TRANSACTION_ITEMS)));
    }
    let mut keys = Vec::with_capacity(writes.len());
    let mut bytes = 0;
    for write in writes {
        let key = write.key().ok_or_else(|| StoreError::Refused("an item without PK and SK".into()))?;
        if keys.contains(&key) {
            return Err(StoreError::Refused(format!("two writes to one item ({} {}) in one transaction", key.pk, key.sk)));
        }
        keys.push(key);
        if let Write::Put { item, .. } = write {
            let size = item_size(item);
            if size > limits::ITEM_BYTES {
                return Err(StoreError::Full(format!("an item of {size} bytes (at most {})", limits::ITEM_BYTES)));
            }
            bytes += size;
        }
    }
    if bytes > limits::TRANSACTION_BYTES {
        return Err(StoreError::Refused(format!("a transaction of {bytes} bytes (at most {})", limits::TRANSACTION_BYTES)));
    }
    Ok(())
}

//! The in-memory twin of the table, for unit tests of use cases: the same answers DynamoDB
//! gives (conditions on the item as it was, all-or-nothing transactions naming the failed
//! condition, the 100-item / 4 MB / 400 KB limits, sort-key order, paging, GSI1) without a
//! network. Every call counts as one round trip, as it would on DynamoDB.

use super::{
    check_transaction, item_size, limits, Assign, Change, Comparison, Condition, Index, Item, Key, Path, Pending, Query, QueryPage,
    StoreError, Table, Value, Write,
};
use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering as AtomicOrdering};
use std::sync::{Arc, Mutex};

/// What another writer does just before a transaction is judged (a race, staged by a test).
type Interference = Box<dyn FnOnce(&mut BTreeMap<Key, Item>) + Send>;

#[derive(Default, Clone)]
pub struct MemoryTable {
    items: Arc<Mutex<BTreeMap<Key, Item>>>,
    calls: Arc<AtomicUsize>,
    races: Arc<Mutex<Vec<Interference>>>,
}

impl MemoryTable {
    pub fn new() -> Self {
        Self::default()
    }

    /// Round trips made so far (each call of the port is one).
    pub fn round_trips(&self) -> usize {
        self.calls.load(AtomicOrdering::Relaxed)
    }

    /// Every stored item, in key order (for tests that look at what was written).
    pub fn items(&self) -> Vec<Item> {
        self.lock().values().cloned().collect()
    }

    /// Stores an item directly, as a test's given state.
    pub fn insert(&self, item: Item) {
        let key = Key::of(&item).expect("items have PK and SK");
        self.lock().insert(key, item);
    }

    /// Deletes an item directly, as a background step a test stands in for would.
    pub fn remove(&self, key: &Key) {
        self.lock().remove(key);
    }

    /// Stages a race: just before the next transaction is judged, another writer changes the
    /// item at `key` (as if it committed between the use case's read and its write).
    pub fn race_next_transaction(&self, key: Key, change: impl FnOnce(&mut Item) + Send + 'static) {
        let interference: Interference = Box::new(move |items| {
            if let Some(item) = items.get_mut(&key) {
                change(item);
            }
        });
        self.races.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).push(interference);
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, BTreeMap<Key, Item>> {
        // A panic in another test thread cannot leave a half-applied write (writes are
        // applied after every check), so a poisoned lock still holds consistent data.
        self.items.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn count(&self) {
        self.calls.fetch_add(1, AtomicOrdering::Relaxed);
    }

    fn get_many_now(&self, keys: &[Key]) -> Result<Vec<Option<Item>>, StoreError> {
        if keys.len() > limits::BATCH_GET_KEYS {
            return Err(StoreError::Refused(format!("{} keys in one batch read (at most {})", keys.len(), limits::BATCH_GET_KEYS)));
        }
        let items = self.lock();
        Ok(keys.iter().map(|k| items.get(k).cloned()).collect())
    }

    fn query_now(&self, query: &Query) -> Result<QueryPage, StoreError> {
        if query.limit == 0 {
            return Err(StoreError::Refused("a query's limit must be at least 1".into()));
        }
        let (pk_name, sk_name) = query.index.key_names();
        let items = self.lock();
        let mut found: Vec<&Item> = items
            .values()
            .filter(|item| string(item, pk_name) == Some(query.pk.as_str()))
            .filter(|item| string(item, sk_name).is_some_and(|sk| sk.starts_with(&query.sk_prefix)))
            .collect();
        found.sort_by(|a, b| order(query.index, a, b));
        if query.descending {
            found.reverse();
        }
        if let Some(start) = &query.start {
            let comes_after = |item: &&Item| {
                let o = order(query.index, item, start);
                if query.descending {
                    o == Ordering::Less
                } else {
                    o == Ordering::Greater
                }
            };
            found.retain(comes_after);
        }
        let mut page = QueryPage::default();
        let mut bytes = 0;
        for (read, item) in found.iter().enumerate() {
            if read == query.limit || bytes + item_size(item) > limits::QUERY_PAGE_BYTES {
                page.last_key = Some(last_key(query.index, found[read - 1]));
                break;
            }
            bytes += item_size(item);
            if query.filter.as_ref().is_none_or(|f| holds(f, Some(item))) {
                page.items.push((*item).clone());
            }
        }
        Ok(page)
    }

    fn transact_now(&self, writes: Vec<Write>) -> Result<(), StoreError> {
        check_transaction(&writes)?;
        let mut items = self.lock();
        let race = { self.races.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).pop() };
        if let Some(other_writer) = race {
            other_writer(&mut items);
        }
        // Every condition is judged on the items as they were, before any write.
        let failed: Vec<bool> = writes
            .iter()
            .map(|write| {
                let before = write.key().and_then(|k| items.get(&k));
                let condition = match write {
                    Write::Put { condition, .. } | Write::Delete { condition, .. } => condition.as_ref(),
                    Write::Update { change, .. } => change.condition.as_ref(),
                    Write::Check { condition, .. } => Some(condition),
                };
                condition.is_some_and(|c| !holds(c, before))
            })
            .collect();
        if failed.iter().any(|f| *f) {
            return Err(StoreError::Conflict { failed });
        }
        // Then every outcome is worked out before any is stored, so a refused write leaves
        // the table as it was.
        let mut outcomes: Vec<(Key, Option<Item>)> = Vec::new();
        for write in writes {
            let key = write.key().expect("checked above");
            match write {
                Write::Put { item, .. } => outcomes.push((key, Some(item))),
                Write::Update { change, .. } => {
                    let after = apply(&key, items.get(&key), &change)?;
                    outcomes.push((key, Some(after)));
                }
                Write::Delete { .. } => outcomes.push((key, None)),
                Write::Check { .. } => {}
            }
        }
        for (key, item) in outcomes {
            match item {
                Some(item) => items.insert(key, item),
                None => items.remove(&key),
            };
        }
        Ok(())
    }

    fn update_now(&self, key: Key, change: Change) -> Result<Item, StoreError> {
        let mut items = self.lock();
        let before = items.get(&key);
        if change.condition.as_ref().is_some_and(|c| !holds(c, before)) {
            return Err(StoreError::Conflict { failed: vec![true] });
        }
        let after = apply(&key, before, &change)?;
        items.insert(key, after.clone());
        Ok(after)
    }
}

impl Table for MemoryTable {
    fn get<'a>(&'a self, key: &'a Key) -> Pending<'a, Option<Item>> {
        self.count();
        let answer = Ok(self.lock().get(key).cloned());
        Box::pin(async move { answer })
    }
    fn get_many<'a>(&'a self, keys: &'a [Key]) -> Pending<'a, Vec<Option<Item>>> {
        self.count();
        let answer = self.get_many_now(keys);
        Box::pin(async move { answer })
    }
    fn query<'a>(&'a self, query: &'a Query) -> Pending<'a, QueryPage> {
        self.count();
        let answer = self.query_now(query);
        Box::pin(async move { answer })
    }
    fn transact(&self, writes: Vec<Write>) -> Pending<'_, ()> {
        self.count();
        let answer = self.transact_now(writes);
        Box::pin(async move { answer })
    }
    fn update(&self, key: Key, change: Change) -> Pending<'_, Item> {
        self.count();
        let answer = self.update_now(key, change);
        Box::pin(async move { answer })
    }
}

fn string<'a>(item: &'a Item, name: &str) -> Option<&'a str> {
    match item.get(name) {
        Some(Value::S(s)) => Some(s),
        _ => None,
    }
}

/// Sort-key order within a partition; on the index, ties (which DynamoDB leaves unordered)
/// fall back to the table key so pages never skip or repeat an item.
fn order(index: Index, a: &Item, b: &Item) -> Ordering {
    let (_, sk) = index.key_names();
    let table = |i: &Item| (string(i, "PK").unwrap_or_default().to_string(), string(i, "SK").unwrap_or_default().to_string());
    string(a, sk).cmp(&string(b, sk)).then_with(|| table(a).cmp(&table(b)))
}

/// The key DynamoDB answers as LastEvaluatedKey: the table key, and the index key on GSI1.
fn last_key(index: Index, item: &Item) -> Item {
    let names: &[&str] = match index {
        Index::Table => &["PK", "SK"],
        Index::Gsi1 => &["PK", "SK", "GSI1PK", "GSI1SK"],
    };
    names.iter().filter_map(|n| item.get(*n).map(|v| (n.to_string(), v.clone()))).collect()
}

fn resolve<'a>(item: Option<&'a Item>, path: &Path) -> Option<&'a Value> {
    let (first, rest) = path.segments().split_first()?;
    let mut at = item?.get(first)?;
    for key in rest {
        match at {
            Value::M(map) => at = map.get(key)?,
            _ => return None,
        }
    }
    Some(at)
}

/// Whether a condition holds of an item (`None`: no item has the key).
pub(crate) fn holds(condition: &Condition, item: Option<&Item>) -> bool {
    match condition {
        Condition::Exists(path) => resolve(item, path).is_some(),
        Condition::NotExists(path) => resolve(item, path).is_none(),
        Condition::Compare(path, comparison, v) => {
            resolve(item, path).and_then(|stored| compare(stored, v)).is_some_and(|o| match comparison {
                Comparison::Eq => o == Ordering::Equal,
                Comparison::Lt => o == Ordering::Less,
                Comparison::Le => o != Ordering::Greater,
                Comparison::Gt => o == Ordering::Greater,
                Comparison::Ge => o != Ordering::Less,
            })
        }
        Condition::In(path, values) => resolve(item, path).is_some_and(|stored| values.iter().any(|v| same(stored, v))),
        Condition::Contains(path, v) => resolve(item, path).is_some_and(|stored| match (stored, v) {
            (Value::S(s), Value::S(part)) => s.contains(part.as_str()),
            (Value::Ss(set), Value::S(one)) => set.contains(one),
            (Value::Ns(set), Value::N(one)) => set.iter().any(|n| numbers(n, one) == Some(Ordering::Equal)),
            (Value::L(list), one) => list.iter().any(|element| same(element, one)),
            _ => false,
        }),
        Condition::BeginsWith(path, prefix) => matches!(resolve(item, path), Some(Value::S(s)) if s.starts_with(prefix.as_str())),
        Condition::And(all) => all.iter().all(|c| holds(c, item)),
        Condition::Or(any) => any.iter().any(|c| holds(c, item)),
    }
}

/// DynamoDB orders numbers by value, strings and binaries by their bytes; values of different
/// types are never equal nor ordered.
fn compare(a: &Value, b: &Value) -> Option<Ordering> {
    match (a, b) {
        (Value::N(x), Value::N(y)) => numbers(x, y),
        (Value::S(x), Value::S(y)) => Some(x.as_bytes().cmp(y.as_bytes())),
        (Value::B(x), Value::B(y)) => Some(x.cmp(y)),
        _ => same(a, b).then_some(Ordering::Equal),
    }
}

fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::N(x), Value::N(y)) => numbers(x, y) == Some(Ordering::Equal),
        _ => a == b,
    }
}

fn numbers(x: &str, y: &str) -> Option<Ordering> {
    match (x.parse::<i128>(), y.parse::<i128>()) {
        (Ok(x), Ok(y)) => Some(x.cmp(&y)),
        _ => x.parse::<f64>().ok()?.partial_cmp(&y.parse::<f64>().ok()?),
    }
}

fn sum(x: &Value, y: &Value) -> Result<Value, StoreError> {
    match (x, y) {
        (Value::N(x), Value::N(y)) => match (x.parse::<i128>(), y.parse::<i128>()) {
            (Ok(x), Ok(y)) => Ok(Value::N((x + y).to_string())),
            _ => match (x.parse::<f64>(), y.parse::<f64>()) {
                (Ok(x), Ok(y)) => Ok(Value::N((x + y).to_string())),
                _ => Err(StoreError::Refused("a number that is not one".into())),
            },
        },
        _ => Err(StoreError::Refused("an operand in the update has the wrong type (numbers add only to numbers)".into())),
    }
}

/// The item after a change, as DynamoDB's UpdateItem makes it (an update of a missing item
/// creates it from its key).
pub(crate) fn apply(key: &Key, before: Option<&Item>, change: &Change) -> Result<Item, StoreError> {
    let paths: Vec<&Path> =
        change.set.iter().map(|(p, _)| p).chain(change.add.iter().map(|(p, _)| p)).chain(change.remove.iter()).collect();
    for (i, a) in paths.iter().enumerate() {
        if matches!(a.segments().first().map(String::as_str), Some("PK" | "SK")) {
            return Err(StoreError::Refused("an update may not change the item's key".into()));
        }
        for b in &paths[i + 1..] {
            let shorter = a.segments().len().min(b.segments().len());
            if a.segments()[..shorter] == b.segments()[..shorter] {
                return Err(StoreError::Refused(format!("two parts of one update overlap at {:?}", a.segments())));
            }
        }
    }
    let mut item = before.cloned().unwrap_or_else(|| key.to_item());
    for (path, assign) in &change.set {
        let current = resolve(Some(&item), path).cloned();
        let next = match assign {
            Assign::To(v) => Some(v.clone()),
            Assign::Plus(by) => match &current {
                Some(n) => Some(sum(n, by)?),
                None => return Err(StoreError::Refused(format!("{:?} is absent, so it cannot be added to", path.segments()))),
            },
            Assign::IfAbsent(v) => current.is_none().then(|| v.clone()),
            Assign::CountFrom { start, by } => Some(sum(current.as_ref().unwrap_or(start), by)?),
        };
        if let Some(v) = next {
            put_at(&mut item, path, v)?;
        }
    }
    for (path, by) in &change.add {
        let next = match resolve(Some(&item), path) {
            Some(n) => sum(n, by)?,
            None => by.clone(),
        };
        put_at(&mut item, path, next)?;
    }
    for path in &change.remove {
        remove_at(&mut item, path);
    }
    let size = item_size(&item);
    if size > limits::ITEM_BYTES {
        return Err(StoreError::Full(format!("an item of {size} bytes (at most {})", limits::ITEM_BYTES)));
    }
    Ok(item)
}

/// Sets a value at a path whose parent map must already exist, as in DynamoDB.
fn put_at(item: &mut Item, path: &Path, v: Value) -> Result<(), StoreError> {
    let invalid = || StoreError::Refused(format!("the document path {:?} is not valid for this item", path.segments()));
    let (last, parents) = path.segments().split_last().ok_or_else(invalid)?;
    if parents.is_empty() {
        item.insert(last.clone(), v);
        return Ok(());
    }
    let mut map = match item.get_mut(&parents[0]) {
        Some(Value::M(map)) => map,
        _ => return Err(invalid()),
    };
    for key in &parents[1..] {
        map = match map.get_mut(key) {
            Some(Value::M(inner)) => inner,
            _ => return Err(invalid()),
        };
    }
    map.insert(last.clone(), v);
    Ok(())
}

fn remove_at(item: &mut Item, path: &Path) {
    let Some((last, parents)) = path.segments().split_last() else { return };
    if parents.is_empty() {
        item.remove(last);
        return;
    }
    let mut map = match item.get_mut(&parents[0]) {
        Some(Value::M(map)) => map,
        _ => return,
    };
    for key in &parents[1..] {
        map = match map.get_mut(key) {
            Some(Value::M(inner)) => inner,
            _ => return,
        };
    }
    map.remove(last);
}

#[cfg(test)]
#[path = "memory_tests.rs"]
mod tests;

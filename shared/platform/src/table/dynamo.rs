//! The port on DynamoDB: the one place that writes DynamoDB's expression language. Every
//! attribute name and value goes through a placeholder (`#n0`, `:v0`), so a map key may be any
//! text and no reserved word needs care.

use super::{
    check_transaction, limits, Assign, Change, Comparison, Condition, Item, Key, Path, Pending, Query, QueryPage, StoreError, Table, Value,
    Write,
};
use aws_sdk_dynamodb::error::{DisplayErrorContext, ProvideErrorMetadata};
use aws_sdk_dynamodb::types::{self as sdk, AttributeValue};
use aws_sdk_dynamodb::Client;
use std::collections::HashMap;

#[derive(Clone)]
pub struct DynamoTable {
    client: Client,
    table: String,
}

impl DynamoTable {
    pub fn new(client: Client, table: impl Into<String>) -> Self {
        Self { client, table: table.into() }
    }
}

fn to_sdk(item: Item) -> HashMap<String, AttributeValue> {
    serde_dynamo::Item::from(item).into()
}

fn from_sdk(item: HashMap<String, AttributeValue>) -> Item {
    serde_dynamo::Item::from(item).into_inner()
}

/// DynamoDB's words for an item that would pass 400 KB ("Item size has exceeded the maximum
/// allowed size", "Item size to update has exceeded ...").
fn too_large(message: &str) -> bool {
    message.contains("Item size") && message.contains("exceeded")
}

fn unavailable<E: std::error::Error>(e: E) -> StoreError {
    StoreError::Unavailable(DisplayErrorContext(e).to_string())
}

/// An expression's placeholders, collected as it is written.
#[derive(Default)]
struct Expression {
    names: HashMap<String, String>,
    values: HashMap<String, AttributeValue>,
}

impl Expression {
    fn path(&mut self, path: &Path) -> String {
        path.segments()
            .iter()
            .map(|segment| {
                let placeholder = format!("#n{}", self.names.len());
                self.names.insert(placeholder.clone(), segment.clone());
                placeholder
            })
            .collect::<Vec<_>>()
            .join(".")
    }

    fn value(&mut self, v: &Value) -> String {
        let placeholder = format!(":v{}", self.values.len());
        self.values.insert(placeholder.clone(), v.clone().into());
        placeholder
    }

    fn condition(&mut self, condition: &Condition) -> String {
        match condition {
            Condition::Exists(p) => format!("attribute_exists({})", self.path(p)),
            Condition::NotExists(p) => format!("attribute_not_exists({})", self.path(p)),
            Condition::Compare(p, comparison, v) => {
                let op = match comparison {
                    Comparison::Eq => "=",
                    Comparison::Lt => "<",
                    Comparison::Le => "<=",
                    Comparison::Gt => ">",
                    Comparison::Ge => ">=",
                };
                format!("{} {op} {}", self.path(p), self.value(v))
            }
            Condition::In(p, values) => {
                let path = self.path(p);
                let values: Vec<String> = values.iter().map(|v| self.value(v)).collect();
                format!("{path} IN ({})", values.join(", "))
            }
            Condition::Contains(p, v) => format!("contains({}, {})", self.path(p), self.value(v)),
            Condition::BeginsWith(p, prefix) => format!("begins_with({}, {})", self.path(p), self.value(&Value::S(prefix.clone()))),
            Condition::And(all) => self.joined(all, " AND "),
            Condition::Or(any) => self.joined(any, " OR "),
        }
    }

    fn joined(&mut self, parts: &[Condition], with: &str) -> String {
        let parts: Vec<String> = parts.iter().map(|c| format!("({})", self.condition(c))).collect();
        parts.join(with)
    }

    fn change(&mut self, change: &Change) -> String {
        let mut clauses = Vec::new();
        if !change.set.is_empty() {
            let sets: Vec<String> = change
                .set
                .iter()
                .map(|(p, assign)| {
                    let path = self.path(p);
                    match assign {
                        Assign::To(v) => format!("{path} = {}", self.value(v)),
                        Assign::Plus(by) => format!("{path} = {path} + {}", self.value(by)),
                        Assign::IfAbsent(v) => format!("{path} = if_not_exists({path}, {})", self.value(v)),
                        Assign::CountFrom { start, by } => {
                            format!("{path} = if_not_exists({path}, {}) + {}", self.value(start), self.value(by))
                        }
                    }
                })
                .collect();
            clauses.push(format!("SET {}", sets.join(", ")));
        }
        if !change.add.is_empty() {
            let adds: Vec<String> = change.add.iter().map(|(p, by)| format!("{} {}", self.path(p), self.value(by))).collect();
            clauses.push(format!("ADD {}", adds.join(", ")));
        }
        if !change.remove.is_empty() {
            let removes: Vec<String> = change.remove.iter().map(|p| self.path(p)).collect();
            clauses.push(format!("REMOVE {}", removes.join(", ")));
        }
        clauses.join(" ")
    }

    fn names(&self) -> Option<HashMap<String, String>> {
        (!self.names.is_empty()).then(|| self.names.clone())
    }
    fn values(&self) -> Option<HashMap<String, AttributeValue>> {
        (!self.values.is_empty()).then(|| self.values.clone())
    }
}

impl DynamoTable {
    fn transact_item(&self, write: Write) -> Result<sdk::TransactWriteItem, StoreError> {
        let built = |e: aws_sdk_dynamodb::error::BuildError| StoreError::Refused(e.to_string());
        let mut x = Expression::default();
        let item = match write {
            Write::Put { item, condition } => {
                let condition = condition.map(|c| x.condition(&c));
                let put = sdk::Put::builder()
                    .table_name(&self.table)
                    .set_item(Some(to_sdk(item)))
                    .set_condition_expression(condition)
                    .set_expression_attribute_names(x.names())
                    .set_expression_attribute_values(x.values())
                    .build()
                    .map_err(built)?;
                sdk::TransactWriteItem::builder().put(put).build()
            }
            Write::Update { key, change } => {
                let update_expression = x.change(&change);
                let condition = change.condition.as_ref().map(|c| x.condition(c));
                let update = sdk::Update::builder()
                    .table_name(&self.table)
                    .set_key(Some(to_sdk(key.to_item())))
                    .update_expression(update_expression)
                    .set_condition_expression(condition)
                    .set_expression_attribute_names(x.names())
                    .set_expression_attribute_values(x.values())
                    .build()
                    .map_err(built)?;
                sdk::TransactWriteItem::builder().update(update).build()
            }
            Write::Check { key, condition } => {
                let condition = x.condition(&condition);
                let check = sdk::ConditionCheck::builder()
                    .table_name(&self.table)
                    .set_key(Some(to_sdk(key.to_item())))
                    .condition_expression(condition)
                    .set_expression_attribute_names(x.names())
                    .set_expression_attribute_values(x.values())
                    .build()
                    .map_err(built)?;
                sdk::TransactWriteItem::builder().condition_check(check).build()
            }
            Write::Delete { key, condition } => {
                let condition = condition.map(|c| x.condition(&c));
                let delete = sdk::Delete::builder()
                    .table_name(&self.table)
                    .set_key(Some(to_sdk(key.to_item())))
                    .set_condition_expression(condition)
                    .set_expression_attribute_names(x.names())
                    .set_expression_attribute_values(x.values())
                    .build()
                    .map_err(built)?;
                sdk::TransactWriteItem::builder().delete(delete).build()
            }
        };
        Ok(item)
    }

    async fn get_many_now(&self, keys: &[Key]) -> Result<Vec<Option<Item>>, StoreError> {
        if keys.len() > limits::BATCH_GET_KEYS {
            return Err(StoreError::Refused(format!("{} keys in one batch read (at most {})", keys.len(), limits::BATCH_GET_KEYS)));
        }
        let mut unique: Vec<&Key> = Vec::new();
        for key in keys {
            if !unique.contains(&key) {
                unique.push(key);
            }
        }
        let mut found: HashMap<Key, Item> = HashMap::new();
        let mut pending: Vec<HashMap<String, AttributeValue>> = unique.iter().map(|k| to_sdk(k.to_item())).collect();
        // UnprocessedKeys only appear under throttling; retry those, bounded.
        for _ in 0..5 {
            if pending.is_empty() {
                break;
            }
            let request = sdk::KeysAndAttributes::builder()
                .set_keys(Some(std::mem::take(&mut pending)))
                .consistent_read(true)
                .build()
                .map_err(|e| StoreError::Refused(e.to_string()))?;
            let output = self.client.batch_get_item().request_items(&self.table, request).send().await.map_err(unavailable)?;
            for item in output.responses.unwrap_or_default().remove(&self.table).unwrap_or_default() {
                let item = from_sdk(item);
                if let Some(key) = Key::of(&item) {
                    found.insert(key, item);
                }
            }
            pending = output.unprocessed_keys.unwrap_or_default().remove(&self.table).map(|k| k.keys).unwrap_or_default();
        }
        if !pending.is_empty() {
            return Err(StoreError::Unavailable("batch read throttled".into()));
        }
        Ok(keys.iter().map(|k| found.get(k).cloned()).collect())
    }

    async fn query_now(&self, query: &Query) -> Result<QueryPage, StoreError> {
        let (pk_name, sk_name) = query.index.key_names();
        let mut x = Expression::default();
        let key_condition = {
            let pk = x.path(&Path::new(pk_name));
            let pk_value = x.value(&Value::S(query.pk.clone()));
            if query.sk_prefix.is_empty() {
                format!("{pk} = {pk_value}")
            } else {
                let sk = x.path(&Path::new(sk_name));
                let prefix = x.value(&Value::S(query.sk_prefix.clone()));
                format!("{pk} = {pk_value} AND begins_with({sk}, {prefix})")
            }
        };
        let filter = query.filter.as_ref().map(|f| x.condition(f));
        let limit = i32::try_from(query.limit).map_err(|_| StoreError::Refused("a query's limit is too large".into()))?;
        let output = self
            .client
            .query()
            .table_name(&self.table)
            .set_index_name(query.index.name().map(str::to_string))
            .key_condition_expression(key_condition)
            .set_filter_expression(filter)
            .set_expression_attribute_names(x.names())
            .set_expression_attribute_values(x.values())
            .limit(limit)
            .scan_index_forward(!query.descending)
            .set_exclusive_start_key(query.start.clone().map(to_sdk))
            .send()
            .await
            .map_err(unavailable)?;
        Ok(QueryPage {
            items: output.items.unwrap_or_default().into_iter().map(from_sdk).collect(),
            last_key: output.last_evaluated_key.map(from_sdk),
        })
    }

    async fn transact_now(&self, writes: Vec<Write>) -> Result<(), StoreError> {
        use aws_sdk_dynamodb::operation::transact_write_items::TransactWriteItemsError;
        check_transaction(&writes)?;
        let count = writes.len();
        let items = writes.into_iter().map(|w| self.transact_item(w)).collect::<Result<Vec<_>, _>>()?;
        match self.client.transact_write_items().set_transact_items(Some(items)).send().await {
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
                    } else if let Some(full) = reasons.iter().find_map(|r| r.message().filter(|m| too_large(m))) {
                        Err(StoreError::Full(full.to_string()))
                    } else {
                        Err(StoreError::Unavailable(format!("transaction cancelled: {cancel}")))
                    }
                }
                _ => Err(unavailable(e)),
            },
        }
    }

    async fn update_now(&self, key: Key, change: Change) -> Result<Item, StoreError> {
        use aws_sdk_dynamodb::operation::update_item::UpdateItemError;
        let mut x = Expression::default();
        let update_expression = x.change(&change);
        let condition = change.condition.as_ref().map(|c| x.condition(c));
        let result = self
            .client
            .update_item()
            .table_name(&self.table)
            .set_key(Some(to_sdk(key.to_item())))
            .update_expression(update_expression)
            .set_condition_expression(condition)
            .set_expression_attribute_names(x.names())
            .set_expression_attribute_values(x.values())
            .return_values(sdk::ReturnValue::AllNew)
            .send()
            .await;
        match result {
            Ok(output) => Ok(from_sdk(output.attributes.unwrap_or_default())),
            Err(e) => match e.as_service_error() {
                Some(UpdateItemError::ConditionalCheckFailedException(_)) => Err(StoreError::Conflict { failed: vec![true] }),
                Some(other) if other.message().is_some_and(too_large) => Err(StoreError::Full(other.to_string())),
                _ => Err(unavailable(e)),
            },
        }
    }
}

impl Table for DynamoTable {
    fn get<'a>(&'a self, key: &'a Key) -> Pending<'a, Option<Item>> {
        Box::pin(async move {
            let output = self
                .client
                .get_item()
                .table_name(&self.table)
                .set_key(Some(to_sdk(key.to_item())))
                .consistent_read(true)
                .send()
                .await
                .map_err(unavailable)?;
            Ok(output.item.map(from_sdk))
        })
    }
    fn get_many<'a>(&'a self, keys: &'a [Key]) -> Pending<'a, Vec<Option<Item>>> {
        Box::pin(self.get_many_now(keys))
    }
    fn query<'a>(&'a self, query: &'a Query) -> Pending<'a, QueryPage> {
        Box::pin(self.query_now(query))
    }
    fn transact(&self, writes: Vec<Write>) -> Pending<'_, ()> {
        Box::pin(self.transact_now(writes))
    }
    fn update(&self, key: Key, change: Change) -> Pending<'_, Item> {
        Box::pin(self.update_now(key, change))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_name_and_value_goes_through_a_placeholder() {
        let change = Change::new()
            .set(Path::new("rooms").key("a.b #c"), &"Robins")
            .next_version()
            .count_from("attempts", 0, 1)
            .add("count", 1)
            .remove("claimedAt")
            .if_version(3);
        let mut x = Expression::default();
        let update = x.change(&change);
        let condition = x.condition(change.condition.as_ref().unwrap());
        assert_eq!(update, "SET #n0.#n1 = :v0, #n2 = #n2 + :v1, #n3 = if_not_exists(#n3, :v2) + :v3 ADD #n4 :v4 REMOVE #n5");
        assert_eq!(condition, "#n6 = :v5");
        assert_eq!(x.names["#n1"], "a.b #c");
        assert_eq!(x.names["#n6"], "version");
        assert_eq!(x.values[":v5"], AttributeValue::N("3".into()));
    }

    #[test]
    fn conditions_nest_with_their_brackets() {
        let stale = Condition::eq("status", &"pending").or(Condition::eq("status", &"sending").and(Condition::lt("claimedAt", &"t")));
        let mut x = Expression::default();
        assert_eq!(x.condition(&stale), "(#n0 = :v0) OR ((#n1 = :v1) AND (#n2 < :v2))");
        let mut x = Expression::default();
        assert_eq!(x.condition(&Condition::one_of("role", &["manager", "practitioner"])), "#n0 IN (:v0, :v1)");
    }
}

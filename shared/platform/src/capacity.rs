//! DynamoDB on-demand request units, metered per request for `make bench` and `make cost`
//! (the emulator reports none). Off unless switched on, so a deployed function only pays one
//! atomic load per request.
//!
//! Item sizes follow DynamoDB's rules (attribute names plus values). Reads: 4 KB per unit,
//! half a unit when eventually consistent (queries), at least one unit's worth per key asked
//! for. Writes: 1 KB per unit of the item as written; every action of a transaction counts
//! double. An update inside a transaction is sized as the item last seen under its key by
//! this meter (read or written earlier in the run), else as the request's own attributes.

use aws_sdk_dynamodb::operation::batch_get_item::{BatchGetItemInput, BatchGetItemOutput};
use aws_sdk_dynamodb::operation::get_item::GetItemOutput;
use aws_sdk_dynamodb::operation::put_item::PutItemInput;
use aws_sdk_dynamodb::operation::query::QueryOutput;
use aws_sdk_dynamodb::operation::transact_write_items::TransactWriteItemsInput;
use aws_sdk_dynamodb::operation::update_item::UpdateItemOutput;
use aws_sdk_dynamodb::types::AttributeValue;
use aws_smithy_runtime_api::box_error::BoxError;
use aws_smithy_runtime_api::client::interceptors::context::{BeforeSerializationInterceptorContextRef, FinalizerInterceptorContextRef};
use aws_smithy_runtime_api::client::interceptors::Intercept;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_types::config_bag::ConfigBag;
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

type Attributes = HashMap<String, AttributeValue>;

/// Keys a batch read asked for, kept from before the request (the input is gone after it).
#[derive(Debug, Clone)]
struct Asked(usize);

impl aws_smithy_types::config_bag::Storable for Asked {
    type Storer = aws_smithy_types::config_bag::StoreReplace<Self>;
}

/// Request units consumed, in halves (eventually consistent reads come in halves).
#[derive(Debug, Clone, Default)]
pub struct CapacityMeter {
    enabled: Arc<AtomicBool>,
    read_halves: Arc<AtomicU64>,
    write_halves: Arc<AtomicU64>,
    /// Item sizes last seen, by key, for updates whose result a transaction does not return.
    sizes: Arc<Mutex<HashMap<String, usize>>>,
}

impl CapacityMeter {
    pub fn enable(&self) {
        self.enabled.store(true, Ordering::Relaxed);
    }
    pub fn reset(&self) {
        self.read_halves.store(0, Ordering::Relaxed);
        self.write_halves.store(0, Ordering::Relaxed);
    }
    /// Read request units since the last reset.
    pub fn read_units(&self) -> f64 {
        self.read_halves.load(Ordering::Relaxed) as f64 / 2.0
    }
    /// Write request units since the last reset (transactions counted double).
    pub fn write_units(&self) -> f64 {
        self.write_halves.load(Ordering::Relaxed) as f64 / 2.0
    }
    fn on(&self) -> bool {
        self.enabled.load(Ordering::Relaxed)
    }
    fn add_reads(&self, halves: u64) {
        self.read_halves.fetch_add(halves, Ordering::Relaxed);
    }
    fn add_writes(&self, units: u64) {
        self.write_halves.fetch_add(units * 2, Ordering::Relaxed);
    }
    fn remember(&self, item: &Attributes) {
        let size = item_size(item);
        if let Some(key) = key_of(item) {
            self.sizes.lock().expect("sizes").insert(key, size);
        }
    }
    fn known_size(&self, key: &Attributes) -> Option<usize> {
        key_of(key).and_then(|k| self.sizes.lock().expect("sizes").get(&k).copied())
    }
}

/// An item's table key as text (`pk`/`sk`), for the size memory.
fn key_of(item: &Attributes) -> Option<String> {
    match (item.get("pk"), item.get("sk")) {
        (Some(AttributeValue::S(pk)), Some(AttributeValue::S(sk))) => Some(format!("{pk}\u{1f}{sk}")),
        _ => None,
    }
}

/// The size DynamoDB bills an item at: each attribute's name and value.
pub fn item_size(item: &Attributes) -> usize {
    item.iter().map(|(name, value)| name.len() + value_size(value)).sum()
}

fn value_size(value: &AttributeValue) -> usize {
    match value {
        AttributeValue::S(s) => s.len(),
        // Numbers: about one byte per two significant digits, plus one.
        AttributeValue::N(n) => n.trim_start_matches('-').len().div_ceil(2) + 1,
        AttributeValue::B(b) => b.as_ref().len(),
        AttributeValue::Bool(_) | AttributeValue::Null(_) => 1,
        AttributeValue::Ss(items) => items.iter().map(String::len).sum(),
        AttributeValue::Ns(items) => items.iter().map(|n| n.len().div_ceil(2) + 1).sum(),
        AttributeValue::Bs(items) => items.iter().map(|b| b.as_ref().len()).sum(),
        AttributeValue::L(items) => 3 + items.iter().map(|v| 1 + value_size(v)).sum::<usize>(),
        AttributeValue::M(map) => 3 + map.iter().map(|(k, v)| 1 + k.len() + value_size(v)).sum::<usize>(),
        _ => 0,
    }
}

/// Units of `size` bytes at `per` bytes a unit, at least one.
fn units(size: usize, per: usize) -> u64 {
    size.div_ceil(per).max(1) as u64
}

impl Intercept for CapacityMeter {
    fn name(&self) -> &'static str {
        "NestlingCapacityMeter"
    }

    /// Writes are sized from what is sent.
    fn read_before_execution(&self, context: &BeforeSerializationInterceptorContextRef<'_>, cfg: &mut ConfigBag) -> Result<(), BoxError> {
        if !self.on() {
            return Ok(());
        }
        let input = context.input();
        if let Some(batch) = input.downcast_ref::<BatchGetItemInput>() {
            let asked = batch.request_items().map_or(0, |r| r.values().map(|k| k.keys().len()).sum());
            cfg.interceptor_state().store_put(Asked(asked));
        } else if let Some(put) = input.downcast_ref::<PutItemInput>() {
            if let Some(item) = put.item() {
                self.add_writes(units(item_size(item), 1024));
                self.remember(item);
            }
        } else if let Some(transaction) = input.downcast_ref::<TransactWriteItemsInput>() {
            for action in transaction.transact_items() {
                let size = if let Some(put) = action.put() {
                    self.remember(put.item());
                    item_size(put.item())
                } else if let Some(update) = action.update() {
                    let sent = item_size(update.key()) + update.expression_attribute_values().map_or(0, item_size);
                    self.known_size(update.key()).map_or(sent, |known| known.max(sent))
                } else if let Some(check) = action.condition_check() {
                    self.known_size(check.key()).unwrap_or_else(|| item_size(check.key()))
                } else if let Some(delete) = action.delete() {
                    self.known_size(delete.key()).unwrap_or_else(|| item_size(delete.key()))
                } else {
                    0
                };
                // Transactional: two units per kilobyte.
                self.add_writes(2 * units(size, 1024));
            }
        }
        Ok(())
    }

    /// Reads, and updates that return the item, are sized from what came back.
    fn read_after_execution(
        &self,
        context: &FinalizerInterceptorContextRef<'_>,
        _components: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        if !self.on() {
            return Ok(());
        }
        let Some(Ok(output)) = context.output_or_error() else { return Ok(()) };
        // The store reads items strongly consistent (a unit per 4 KB) and queries eventually
        // consistent (half a unit), as every index must be.
        if let Some(got) = output.downcast_ref::<GetItemOutput>() {
            let size = got.item().map_or(0, item_size);
            self.add_reads(2 * units(size, 4096));
            if let Some(item) = got.item() {
                self.remember(item);
            }
        } else if let Some(batch) = output.downcast_ref::<BatchGetItemOutput>() {
            let asked = cfg.load::<Asked>().map_or(0, |a| a.0);
            let mut found = 0;
            for items in batch.responses().map(|r| r.values()).into_iter().flatten() {
                for item in items {
                    found += 1;
                    // The store reads strongly consistent batches: a unit per 4 KB per item.
                    self.add_reads(2 * units(item_size(item), 4096));
                    self.remember(item);
                }
            }
            self.add_reads(2 * asked.saturating_sub(found) as u64);
        } else if let Some(page) = output.downcast_ref::<QueryOutput>() {
            let size: usize = page.items().iter().map(item_size).sum();
            // A filtered query pays for every item it read, not only those it answered.
            let scanned = (page.scanned_count().max(page.count()).max(1)) as usize;
            let answered = page.count().max(1) as usize;
            self.add_reads(units(size * scanned / answered, 4096));
            page.items().iter().for_each(|item| self.remember(item));
        } else if let Some(updated) = output.downcast_ref::<UpdateItemOutput>() {
            if let Some(item) = updated.attributes() {
                self.add_writes(units(item_size(item), 1024));
                self.remember(item);
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_follow_dynamodbs_rules() {
        let item: Attributes = HashMap::from([
            ("pk".to_string(), AttributeValue::S("SETTING#1".into())),
            ("n".to_string(), AttributeValue::N("12345".into())),
            ("ok".to_string(), AttributeValue::Bool(true)),
            ("m".to_string(), AttributeValue::M(HashMap::from([("a".to_string(), AttributeValue::S("xy".into()))]))),
        ]);
        // pk 2+9, n 1+4, ok 2+1, m 1+(3+1+1+2)
        assert_eq!(item_size(&item), 11 + 5 + 3 + 8);
        assert_eq!(units(0, 1024), 1);
        assert_eq!(units(1024, 1024), 1);
        assert_eq!(units(1025, 1024), 2);
    }

    #[test]
    fn off_until_enabled_and_counts_halves() {
        let meter = CapacityMeter::default();
        assert!(!meter.on());
        meter.enable();
        meter.add_reads(1);
        meter.add_writes(3);
        assert_eq!((meter.read_units(), meter.write_units()), (0.5, 3.0));
        meter.reset();
        assert_eq!((meter.read_units(), meter.write_units()), (0.0, 0.0));
    }
}

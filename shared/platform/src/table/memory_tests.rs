//! The twin keeps DynamoDB's promises. Each test states one; the moto scenarios check the same
//! writes against the emulator end to end.

use super::*;
use crate::table::value;
use proptest::prelude::*;

fn item(pk: &str, sk: &str, fields: &[(&str, Value)]) -> Item {
    let mut item = Key::new(pk, sk).to_item();
    item.extend(fields.iter().map(|(k, v)| (k.to_string(), v.clone())));
    item
}

fn n(number: i64) -> Value {
    value(&number)
}

fn s(text: &str) -> Value {
    Value::S(text.into())
}

fn put(item: Item) -> Write {
    Write::Put { item, condition: None }
}

/// The twin answers without awaiting anything, so its future is ready on the first poll.
fn run<T>(mut pending: Pending<'_, T>) -> Result<T, StoreError> {
    let waker = std::task::Waker::noop();
    match pending.as_mut().poll(&mut std::task::Context::from_waker(waker)) {
        std::task::Poll::Ready(answer) => answer,
        std::task::Poll::Pending => panic!("the in-memory table never waits"),
    }
}

#[test]
fn a_transaction_with_one_failed_condition_writes_nothing_and_names_it() {
    let table = MemoryTable::new();
    table.insert(item("A", "1", &[("version", n(1))]));
    let writes = vec![
        put(item("A", "2", &[])),
        Write::Update { key: Key::new("A", "1"), change: Change::new().set("name", &"x").if_version(2) },
        Write::Check { key: Key::new("A", "3"), condition: Condition::item_absent() },
    ];
    let error = run(table.transact(writes)).unwrap_err();
    assert!(matches!(&error, StoreError::Conflict { failed } if failed == &[false, true, false]));
    assert!(error.failed_at(1) && !error.failed_at(0));
    assert_eq!(table.items(), vec![item("A", "1", &[("version", n(1))])]);
}

#[test]
fn conditions_are_judged_on_the_items_before_the_transaction() {
    let table = MemoryTable::new();
    // The put creates A/2, but the check of A/2's absence in the same transaction still
    // holds: DynamoDB judges every condition first. (Two writes to one item are refused.)
    let writes = vec![put(item("A", "2", &[])), Write::Check { key: Key::new("A", "1"), condition: Condition::item_absent() }];
    run(table.transact(writes)).unwrap();
    let twice = vec![put(item("A", "3", &[])), Write::Delete { key: Key::new("A", "3"), condition: None }];
    assert!(matches!(run(table.transact(twice)), Err(StoreError::Refused(_))));
    assert_eq!(table.items().len(), 1);
}

#[test]
fn transactions_keep_dynamodbs_limits() {
    let table = MemoryTable::new();
    let many: Vec<Write> = (0..101).map(|i| put(item("A", &format!("{i:03}"), &[]))).collect();
    assert!(matches!(run(table.transact(many)), Err(StoreError::Refused(e)) if e.contains("101 writes")));
    let big = |i: usize| put(item("A", &format!("{i}"), &[("body", s(&"x".repeat(300 * 1024)))]));
    assert!(matches!(run(table.transact((0..14).map(big).collect())), Err(StoreError::Refused(e)) if e.contains("bytes")));
    let too_big = put(item("A", "big", &[("body", s(&"x".repeat(400 * 1024)))]));
    assert!(matches!(run(table.transact(vec![too_big])), Err(StoreError::Full(e)) if e.contains("item of")));
    assert!(matches!(run(table.transact(vec![])), Err(StoreError::Refused(_))));
    assert!(table.items().is_empty());
    let keys: Vec<Key> = (0..101).map(|i| Key::new("A", format!("{i}"))).collect();
    assert!(matches!(run(table.get_many(&keys)), Err(StoreError::Refused(_))));
}

#[test]
fn an_update_makes_what_dynamodb_makes() {
    let table = MemoryTable::new();
    table.insert(item("A", "1", &[("version", n(4)), ("rooms", Value::M(Default::default())), ("claimedAt", s("t"))]));
    let change = Change::new()
        .set(Path::new("rooms").key("r1"), &"Robins")
        .next_version()
        .set_if_absent("activatedAt", &"now")
        .count_from("attempts", 0, 1)
        .add("count", 2)
        .remove("claimedAt")
        .on_existing();
    let after = run(table.update(Key::new("A", "1"), change)).unwrap();
    assert_eq!(after["version"], n(5));
    assert_eq!(after["rooms"], Value::M([("r1".to_string(), s("Robins"))].into()));
    assert_eq!((&after["activatedAt"], &after["attempts"], &after["count"]), (&s("now"), &n(1), &n(2)));
    assert!(!after.contains_key("claimedAt"));
    let again = run(table.update(Key::new("A", "1"), Change::new().set_if_absent("activatedAt", &"later").add("count", 2))).unwrap();
    assert_eq!((&again["activatedAt"], &again["count"]), (&s("now"), &n(4)));
}

#[test]
fn an_update_refuses_what_dynamodb_refuses() {
    let table = MemoryTable::new();
    table.insert(item("A", "1", &[("name", s("x"))]));
    let refused = |change: Change| matches!(run(table.update(Key::new("A", "1"), change)), Err(StoreError::Refused(_)));
    assert!(refused(Change::new().set(Path::new("rooms").key("r1"), &"no parent map")));
    assert!(refused(Change::new().next_version()), "version + 1 of an absent version");
    assert!(refused(Change::new().increment("name", 1)), "a string plus a number");
    assert!(refused(Change::new().set("a", &1).remove("a")), "overlapping paths");
    assert!(refused(Change::new().set("SK", &"2")), "a key attribute");
    assert_eq!(table.items(), vec![item("A", "1", &[("name", s("x"))])]);
    let missing = run(table.update(Key::new("A", "2"), Change::new().set("name", &"y").on_existing()));
    assert!(matches!(missing, Err(StoreError::Conflict { .. })));
    // Without a condition an update creates the item, as UpdateItem does.
    assert_eq!(run(table.update(Key::new("A", "3"), Change::new().add("count", 1))).unwrap()["count"], n(1));
    // An update that would grow the item past 400 KB is refused as full, and changes nothing.
    let big = "x".repeat(300 * 1024);
    run(table.update(Key::new("A", "4"), Change::new().set("a", &big))).unwrap();
    assert!(matches!(run(table.update(Key::new("A", "4"), Change::new().set("b", &big))), Err(StoreError::Full(_))));
    assert!(!run(table.get(&Key::new("A", "4"))).unwrap().unwrap().contains_key("b"));
}

#[test]
fn conditions_compare_as_dynamodb_does() {
    let stored =
        item("A", "1", &[("n", n(10)), ("s", s("b")), ("list", Value::L(vec![s("c1")])), ("m", Value::M([("k".into(), n(1))].into()))]);
    let on = |c: Condition| holds(&c, Some(&stored));
    assert!(on(Condition::gt("n", &9)) && !on(Condition::gt("n", &10)), "numbers by value, not text: 10 > 9");
    assert!(on(Condition::lt("s", &"c")) && on(Condition::eq("s", &"b")));
    assert!(!on(Condition::eq("n", &"10")), "a number is never equal to a string");
    assert!(on(Condition::one_of("s", &["a", "b"])) && !on(Condition::one_of("s", &["c"])));
    assert!(on(Condition::contains("list", &"c1")) && on(Condition::contains("s", &"b")) && !on(Condition::contains("list", &"c2")));
    assert!(on(Condition::begins_with("s", "b")) && !on(Condition::begins_with("s", "bb")) && !on(Condition::begins_with("n", "1")));
    assert!(on(Condition::exists(Path::new("m").key("k"))) && on(Condition::not_exists(Path::new("m").key("j"))));
    assert!(!on(Condition::lt("absent", &1)), "an absent attribute fails every comparison");
    assert!(on(Condition::eq("s", &"x").or(Condition::eq("n", &10))) && !on(Condition::eq("s", &"b").and(Condition::eq("n", &1))));
    assert!(!holds(&Condition::item_exists(), None) && holds(&Condition::item_absent(), None));
}

#[test]
fn a_query_reads_one_partition_by_prefix_in_sort_key_order_and_filters_after_the_limit() {
    let table = MemoryTable::new();
    for (sk, kind) in [("ROOM#b", "room"), ("MEMBER#1", "member"), ("ROOM#a", "room"), ("ROOM#c", "closed")] {
        table.insert(item("S", sk, &[("kind", s(kind))]));
    }
    table.insert(item("T", "ROOM#a", &[]));
    let sks = |page: &QueryPage| page.items.iter().map(|i| string(i, "SK").unwrap().to_string()).collect::<Vec<_>>();
    let rooms = Query::partition(Index::Table, "S").prefix("ROOM#");
    assert_eq!(sks(&run(table.query(&rooms)).unwrap()), ["ROOM#a", "ROOM#b", "ROOM#c"]);
    assert_eq!(sks(&run(table.query(&rooms.clone().newest_first(true))).unwrap()), ["ROOM#c", "ROOM#b", "ROOM#a"]);
    // The limit counts items read, before the filter: a filtered page can be short or empty.
    let open = rooms.clone().limit(2).filter(Some(Condition::eq("kind", &"closed")));
    let first = run(table.query(&open)).unwrap();
    assert!(first.items.is_empty());
    assert_eq!(first.last_key, Some(Key::new("S", "ROOM#b").to_item()));
    let second = run(table.query(&open.clone().after(first.last_key))).unwrap();
    assert_eq!((sks(&second), second.last_key), (vec!["ROOM#c".to_string()], None));
}

#[test]
fn the_index_holds_only_items_with_its_keys_and_pages_through_ties() {
    let table = MemoryTable::new();
    for (sk, due) in [("1", Some("2026-01-02")), ("2", Some("2026-01-01")), ("3", None), ("4", Some("2026-01-01"))] {
        let mut fields = vec![];
        if let Some(due) = due {
            fields = vec![("GSI1PK", s("DUE")), ("GSI1SK", s(due))];
        }
        table.insert(item("B", sk, &fields));
    }
    let mut seen = Vec::new();
    let mut start = None;
    loop {
        let page = run(table.query(&Query::partition(Index::Gsi1, "DUE").limit(1).after(start))).unwrap();
        seen.extend(page.items.iter().map(|i| string(i, "SK").unwrap().to_string()));
        match page.last_key {
            Some(key) => {
                assert!(key.contains_key("GSI1SK") && key.contains_key("PK"), "index pages go on from both keys");
                start = Some(key);
            }
            None => break,
        }
    }
    assert_eq!(seen, ["2", "4", "1"]);
}

#[test]
fn every_call_is_one_round_trip() {
    let table = MemoryTable::new();
    run(table.get_many(&[Key::new("A", "1"), Key::new("A", "2")])).unwrap();
    run(table.transact(vec![put(item("A", "1", &[]))])).unwrap();
    run(table.query(&Query::partition(Index::Table, "A"))).unwrap();
    assert_eq!(table.round_trips(), 3);
}

proptest! {
    /// Paging never skips or repeats an item, whatever the page size and direction.
    #[test]
    fn pages_cover_the_partition_exactly_once(count in 0usize..30, limit in 1usize..7, descending: bool) {
        let table = MemoryTable::new();
        for i in 0..count {
            table.insert(item("P", &format!("E#{i:02}"), &[]));
        }
        table.insert(item("P", "OTHER", &[]));
        let mut seen = Vec::new();
        let mut start = None;
        loop {
            let query = Query::partition(Index::Table, "P").prefix("E#").limit(limit).newest_first(descending).after(start);
            let page = run(table.query(&query)).unwrap();
            prop_assert!(page.items.len() <= limit);
            seen.extend(page.items.iter().map(|i| string(i, "SK").unwrap().to_string()));
            match page.last_key { Some(k) => start = Some(k), None => break }
        }
        let mut expected: Vec<String> = (0..count).map(|i| format!("E#{i:02}")).collect();
        if descending { expected.reverse(); }
        prop_assert_eq!(seen, expected);
    }

    /// A version condition lets exactly one of two writers with the same read win.
    #[test]
    fn one_of_two_writers_at_one_version_wins(start in 0u64..1000, a in ".{0,20}", b in ".{0,20}") {
        let table = MemoryTable::new();
        table.insert(item("A", "1", &[("version", value(&start))]));
        let write = |text: &str| Write::Update { key: Key::new("A", "1"), change: Change::new().set("text", text).next_version().if_version(start) };
        prop_assert!(run(table.transact(vec![write(&a)])).is_ok());
        let second = run(table.transact(vec![write(&b)]));
        prop_assert!(matches!(second, Err(StoreError::Conflict { .. })), "the second writer conflicts");
        let stored = &table.items()[0];
        prop_assert_eq!(&stored["text"], &s(&a));
        prop_assert_eq!(&stored["version"], &value(&(start + 1)));
    }
}

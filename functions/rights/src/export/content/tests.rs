//! The export's content: what is never released, what withholding leaves, the PDF's text.

use super::*;
use serde_json::json;

fn item(id: &str, kind: HeldKind, date: &str, data: Value) -> HeldItem {
    HeldItem { item_id: id.into(), kind, date: date.into(), title: kind.title().into(), others: Vec::new(), data, media: Vec::new() }
}

fn gathered(items: Vec<HeldItem>) -> Gathered {
    Gathered {
        subject: "Ava Smith".into(),
        setting: "Little Acorns".into(),
        received_on: "2026-12-01".into(),
        gathered_at: Timestamp::new(time::macros::datetime!(2026-12-06 10:00 UTC)),
        items,
        media_left_out: 1,
    }
}

#[test]
fn keys_bookkeeping_and_secrets_are_never_released_at_any_depth() {
    let record = json!({
        "PK": "SETTING#s", "SK": "CHILD#c", "GSI1PK": "x", "kind": "child", "settingId": "s", "version": 3,
        "firstName": "Ava",
        "collectors": [{ "name": "Gran", "passwordHash": "$argon2id$..." }],
        "profile": { "mfa": { "secret": "JBSW" }, "offlineKeys": ["k"], "pushSubscriptions": [{ "keys": "p" }], "email": "a@b.c" },
        "lines": [{ "kind": "nap", "start": "12:00" }],
    });
    let held = held_data(&record);
    let text = held.to_string();
    for secret in ["PK", "SETTING#s", "GSI1PK", "argon2id", "JBSW", "offlineKeys", "pushSubscriptions", "\"version\"", "settingId"] {
        assert!(!text.contains(secret), "{secret} is not released: {text}");
    }
    assert_eq!(held["firstName"], "Ava");
    assert_eq!(held["collectors"][0]["name"], "Gran");
    assert_eq!(held["profile"]["email"], "a@b.c");
    // A nested kind says what a line is, and stays.
    assert_eq!(held["lines"][0]["kind"], "nap");
}

#[test]
fn withheld_items_leave_only_their_kind_day_and_reason() {
    let g = gathered(vec![
        item("child", HeldKind::Child, "2026-09-01", json!({ "firstName": "Ava" })),
        item("message:1", HeldKind::Message, "2026-11-02", json!({ "text": "From the other household" })),
        item("diary:2026-11-03", HeldKind::Diary, "2026-11-03", json!({ "date": "2026-11-03" })),
    ]);
    let withheld = BTreeMap::from([("message:1".to_string(), "Written by another parent".to_string())]);
    let r = released(g, &withheld);
    assert_eq!(r.items.iter().map(|i| i.item_id.as_str()).collect::<Vec<_>>(), ["child", "diary:2026-11-03"]);
    assert_eq!(
        r.withheld,
        vec![WithheldLine { kind: HeldKind::Message, date: "2026-11-02".into(), reason: "Written by another parent".into() }]
    );
    let json = serde_json::to_string(&r).unwrap();
    assert!(!json.contains("From the other household"), "{json}");
    // A decision on an item not gathered again changes nothing.
    let r = released(gathered(vec![item("child", HeldKind::Child, "2026-09-01", json!({}))]), &withheld);
    assert_eq!((r.items.len(), r.withheld.len()), (1, 0));
}

#[test]
fn a_record_reads_as_labelled_lines() {
    let lines = lines(&json!({
        "keyPersonName": "Sam",
        "allergies": ["nuts", "milk"],
        "sessions": [{ "inAt": "08:00", "outAt": null }],
        "consents": { "photosInOtherJournals": true },
    }));
    assert_eq!(
        lines,
        vec![
            ("Allergies".to_string(), "nuts, milk".to_string()),
            ("Consents · photos in other journals".to_string(), "yes".to_string()),
            ("Key person name".to_string(), "Sam".to_string()),
            ("Sessions 1 · in at".to_string(), "08:00".to_string()),
        ]
    );
}

#[test]
fn the_pdf_shows_each_released_item_and_each_withheld_reason_never_its_content() {
    let g = gathered(vec![
        item("child", HeldKind::Child, "2026-09-01", json!({ "firstName": "Ava", "dietaryNotes": "No nuts" })),
        item("message:1", HeldKind::Message, "2026-11-02", json!({ "text": "From the other household" })),
    ]);
    let r = released(g, &BTreeMap::from([("message:1".to_string(), "Written by another parent".to_string())]));
    let pdf = document(&r, &BTreeMap::new()).render();
    let text = String::from_utf8_lossy(&pdf);
    for words in ["What Little Acorns holds about Ava Smith", "No nuts", "Written by another parent", "1 photo or video left out"] {
        assert!(text.contains(words), "the PDF says {words:?}");
    }
    assert!(!text.contains("From the other household"));
}

//! The emulator keeps the promises the suite relies on (infra/local/moto_server.py): mail read
//! back by recipient, and transactions that are all or nothing, stream included.

use nestling_platform::records::{OutboxRecord, OutboxStatus};
use nestling_platform::store::{keys, number_of, text_of, to_item, Key};
use nestling_tests::{spawn_app, unique};

/// The emulator wrapper's mail route, which every mail check of the suite reads: only the mail
/// to the address asked for (To, ignoring case), in the order SES accepted it, and only from a
/// sequence number on when asked.
#[tokio::test]
async fn sent_mail_is_read_back_by_recipient_and_from_a_point() {
    let t = spawn_app().await;
    let (ann, bob) = (format!("{}@mail.test", unique("ann")), format!("{}@mail.test", unique("bob")));
    let mailer = t.app.mailer();
    mailer.send(&ann, "First", "one", "<p>one</p>").await.unwrap();
    mailer.send(&bob, "Other", "two", "<p>two</p>").await.unwrap();
    mailer.send(&ann.to_uppercase(), "Second", "three", "<p>three</p>").await.unwrap();

    let for_ann = t.mail_to(&ann).await;
    assert_eq!(for_ann.iter().map(|m| m.subject.as_str()).collect::<Vec<_>>(), ["First", "Second"]);
    assert_eq!(for_ann[0].body, "<p>one</p>", "the HTML part, as moto keeps it");
    assert!(for_ann[0].seq < for_ann[1].seq);
    assert_eq!(t.mail_to(&bob).await.len(), 1);
    assert!(t.mail_to(&format!("{}@mail.test", unique("nobody"))).await.is_empty());

    let endpoint = &t.stack.endpoint;
    let later = nestling_local::seed::sent_mail_since(endpoint, Some(&ann), for_ann[0].seq + 1).await.unwrap();
    assert_eq!(later.iter().map(|m| m.subject.as_str()).collect::<Vec<_>>(), ["Second"]);
    // Without a recipient: everything from that point, whoever it went to (other tests' mail
    // may sit between, so only order and membership are checked).
    let everyone: Vec<String> =
        nestling_local::seed::sent_mail_since(endpoint, None, for_ann[0].seq).await.unwrap().into_iter().map(|m| m.subject).collect();
    let at = |s: &str| everyone.iter().position(|x| x == s).unwrap_or_else(|| panic!("{s} in {everyone:?}"));
    assert!(at("First") < at("Other") && at("Other") < at("Second"));
    // Bad input is refused, not read as zero.
    let refused = reqwest::get(format!("{endpoint}/_nestling/mail?since=soon")).await.unwrap();
    assert_eq!(refused.status(), 400);
}

/// A cancelled transaction leaves no trace: the item it updated is as it was, the item it put
/// does not exist, and the stream carries nothing of it, so the outbox sends no email.
#[tokio::test]
async fn a_cancelled_transaction_changes_nothing_and_streams_nothing() {
    let t = spawn_app().await;
    let store = t.app.store();
    let to = format!("{}@mail.test", unique("never"));
    let id = uuid::Uuid::now_v7().simple().to_string();
    let outbox = OutboxRecord {
        pk: keys::outbox(&id),
        sk: keys::OUTBOX_SK.into(),
        kind: "outbox".into(),
        outbox_id: id.clone(),
        setting_id: None,
        to: to.clone(),
        subject: "Should never be sent".into(),
        text: "cancelled".into(),
        html: "<p>cancelled</p>".into(),
        purpose: "test".into(),
        status: OutboxStatus::Pending,
        created_at: t.app.clock.timestamp(),
        attempts: 0,
        sent_at: None,
    };
    let kept = Key::new("TEST#kept", "ITEM");
    let versioned = |version: u64, note: &str| {
        let mut item = std::collections::HashMap::new();
        for (name, value) in [("PK", kept.pk.as_str()), ("SK", kept.sk.as_str()), ("note", note)] {
            item.insert(name.to_string(), nestling_platform::store::Value::S(value.to_string()));
        }
        item.insert("version".into(), nestling_platform::store::Value::N(version.to_string()));
        item
    };
    store.transact(vec![store.put_new(versioned(1, "original"))]).await.unwrap();
    // The pump hands over every new stream record (this put's), then is at the stream's end.
    assert_eq!(t.drain_outbox().await, 1);

    // The versioned replace and the outbox put pass their conditions; the check on a missing
    // item fails, so DynamoDB cancels all three.
    let missing = Key::new("TEST#missing", "ITEM");
    let cancelled = store
        .transact(vec![store.put_versioned(versioned(2, "changed"), 1), store.put_new(to_item(&outbox)), store.check_version(&missing, 1)])
        .await;
    assert!(cancelled.as_ref().is_err_and(|e| e.failed_at(2) && !e.failed_at(0)), "{cancelled:?}");
    let stored = store.get(&kept).await.unwrap().unwrap();
    assert_eq!(text_of(&stored, "note"), Some("original"));
    assert_eq!(number_of(&stored, "version"), Some(1));
    assert!(store.get(&OutboxRecord::key(&id)).await.unwrap().is_none());
    assert_eq!(t.drain_outbox().await, 0, "the stream holds no record of the cancelled writes");
    assert!(t.mail_to(&to).await.is_empty());

    // The same writes without the failing check commit together, and the email goes out once.
    store.transact(vec![store.put_versioned(versioned(2, "changed"), 1), store.put_new(to_item(&outbox))]).await.unwrap();
    assert_eq!(number_of(&store.get(&kept).await.unwrap().unwrap(), "version"), Some(2));
    assert!(t.drain_outbox().await >= 2, "the replace and the outbox put are on the stream");
    t.drain_outbox().await;
    assert_eq!(t.mail_to(&to).await.len(), 1);
}

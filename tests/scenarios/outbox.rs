//! The outbox consumer never loses an email and never sends one twice.

use nestling_platform::records::{OutboxRecord, OutboxStatus};
use nestling_platform::store::{from_item, keys, to_item};
use nestling_tests::{spawn_app, unique};
use serde_json::json;

fn stream_event(record: &OutboxRecord) -> aws_lambda_events::dynamodb::Event {
    let image = serde_json::to_value(serde_dynamo::Item::from(to_item(record))).unwrap();
    serde_json::from_value(json!({ "Records": [{
        "eventID": "1", "eventName": "INSERT", "eventSource": "aws:dynamodb", "awsRegion": "eu-west-2",
        "dynamodb": { "ApproximateCreationDateTime": 0, "Keys": {}, "NewImage": image, "SequenceNumber": "42",
                      "SizeBytes": 1, "StreamViewType": "NEW_AND_OLD_IMAGES" }
    }]}))
    .unwrap()
}

#[tokio::test]
async fn an_item_left_mid_send_by_a_crashed_consumer_is_retried_not_dropped() {
    let t = spawn_app().await;
    let to = format!("{}@mail.test", unique("crash"));
    let id = uuid::Uuid::now_v7().simple().to_string();
    let record = OutboxRecord {
        pk: keys::outbox(&id),
        sk: keys::OUTBOX_SK.into(),
        kind: "outbox".into(),
        outbox_id: id.clone(),
        setting_id: None,
        to: to.clone(),
        subject: "Fault reported".into(),
        text: "A one-time link: https://app.nestling.test/invitations/secret".into(),
        html: "<p>link</p>".into(),
        purpose: "test".into(),
        status: OutboxStatus::Pending,
        created_at: t.app.clock.now_rfc3339(),
        attempts: 0,
        sent_at: None,
    };
    // Another consumer claimed it a moment ago and then died before sending.
    let mut item = to_item(&record);
    item.insert("status".into(), aws_sdk_dynamodb::types::AttributeValue::S("sending".into()));
    item.insert("claimedAt".into(), aws_sdk_dynamodb::types::AttributeValue::S(t.app.clock.now_rfc3339()));
    t.app.store().client().put_item().table_name(&t.stack.table).set_item(Some(item)).send().await.unwrap();

    let response = nestling_outbox::handle(&t.app, stream_event(&record)).await;
    assert_eq!(response.batch_item_failures.len(), 1, "reported for retry, not acknowledged");
    let mails = |t: &nestling_tests::TestApp| {
        let to = to.clone();
        let endpoint = t.stack.endpoint.clone();
        async move { nestling_local::seed::sent_mail(&endpoint).await.unwrap().into_iter().filter(|m| m.to.contains(&to)).count() }
    };
    assert_eq!(mails(&t).await, 0);

    // Once the dead claim is stale, the retry sends it, once, and the body is gone.
    t.app.clock.advance(time::Duration::seconds(nestling_outbox::STALE_CLAIM_SECONDS + 1));
    assert!(nestling_outbox::handle(&t.app, stream_event(&record)).await.batch_item_failures.is_empty());
    assert!(nestling_outbox::handle(&t.app, stream_event(&record)).await.batch_item_failures.is_empty());
    assert_eq!(mails(&t).await, 1);
    let stored: OutboxRecord = from_item(t.app.store().get(&OutboxRecord::key(&id)).await.unwrap().unwrap()).unwrap();
    assert_eq!(stored.status, OutboxStatus::Sent);
    assert!(stored.text.is_empty() && stored.html.is_empty(), "one-time links do not outlive the email");
    let raw = t.app.store().get(&OutboxRecord::key(&id)).await.unwrap().unwrap();
    assert!(raw.contains_key("expiresAt"));
}

//! The outbox consumer never loses an email and never sends one twice.

use nestling_platform::records::{OutboxRecord, OutboxStatus};
use nestling_platform::store::{from_item, keys, to_item};
use nestling_tests::{spawn_app, unique};
use serde_json::json;

fn stream_event(record: &OutboxRecord) -> aws_lambda_events::dynamodb::Event {
    stream_batch(std::slice::from_ref(record))
}

/// One stream batch of outbox inserts, as Lambda hands it over (sequence numbers 1, 2, ...).
fn stream_batch(records: &[OutboxRecord]) -> aws_lambda_events::dynamodb::Event {
    let records: Vec<serde_json::Value> = records
        .iter()
        .enumerate()
        .map(|(i, record)| {
            let image = serde_json::to_value(serde_dynamo::Item::from(to_item(record))).unwrap();
            json!({
                "eventID": format!("{i}"), "eventName": "INSERT", "eventSource": "aws:dynamodb", "awsRegion": "eu-west-2",
                "dynamodb": { "ApproximateCreationDateTime": 0, "Keys": {}, "NewImage": image, "SequenceNumber": format!("{}", i + 1),
                              "SizeBytes": 1, "StreamViewType": "NEW_AND_OLD_IMAGES" }
            })
        })
        .collect();
    serde_json::from_value(json!({ "Records": records })).unwrap()
}

fn failed(response: &nestling_outbox::BatchResponse) -> Vec<&str> {
    response.batch_item_failures.iter().map(|f| f.item_identifier.as_str()).collect()
}

/// Alerts written by real changes (a fault report and a breach, two managers each), before
/// any consumer has seen them, oldest first.
async fn pending_alerts(t: &nestling_tests::TestApp) -> (Vec<OutboxRecord>, Vec<String>) {
    let (s, manager) = t.setting().await;
    let second = t.staff(&s, &manager, "manager").await;
    // Everything so far (invitations) is delivered; what follows is the alerts only.
    while t.drain_outbox().await > 0 {}
    let (status, _) = t
        .call(
            "POST",
            &format!("/v1/settings/{s}/faults"),
            Some(&second),
            Some(json!({ "description": "Photos shown to the wrong family.", "privacyAffected": true })),
        )
        .await;
    assert_eq!(status, 201);
    let (status, _) = t
        .call(
            "POST",
            &format!("/v1/settings/{s}/breaches"),
            Some(&manager),
            Some(json!({
                "description": "Wrong family saw photos.", "discoveredAt": nestling_platform::app::rfc3339(t.app.clock.now()),
                "category": "system-fault", "affectedChildIds": [], "risk": "high", "reportable": true
            })),
        )
        .await;
    assert_eq!(status, 201);
    let mut alerts: Vec<OutboxRecord> = t
        .all_items()
        .await
        .into_iter()
        .filter(|i| nestling_platform::store::text_of(i, "kind") == Some("outbox"))
        .map(|i| from_item::<OutboxRecord>(i).unwrap())
        .filter(|o| o.status == OutboxStatus::Pending)
        .collect();
    alerts.sort_by(|a, b| (&a.created_at, &a.outbox_id).cmp(&(&b.created_at, &b.outbox_id)));
    assert_eq!(alerts.len(), 4, "two alerts, two managers each");
    (alerts, vec![manager.email, second.email])
}

#[tokio::test]
async fn every_alert_is_sent_exactly_once_through_ses_errors_a_crash_mid_batch_and_duplicate_delivery() {
    let t = spawn_app().await;
    let (alerts, managers) = pending_alerts(&t).await;
    let batch = || stream_batch(&alerts);

    // 1. SES refuses (here: a sender SES does not know). The first record fails after its
    // backoff and every later one is reported too; nothing is sent, nothing is lost.
    let refused = nestling_platform::App::new(
        &nestling_local::Stack::sdk_config(&t.stack.endpoint),
        nestling_platform::app::Config { mail_from: "unverified@elsewhere.test".into(), ..t.stack.config() },
    );
    let response = nestling_outbox::handle(&refused, batch()).await;
    assert_eq!(failed(&response), vec!["1", "2", "3", "4"]);
    let first: OutboxRecord = from_item(t.app.store().get(&OutboxRecord::key(&alerts[0].outbox_id)).await.unwrap().unwrap()).unwrap();
    assert_eq!((first.status, first.attempts), (OutboxStatus::Pending, 1), "released for the retry");

    // 2. A consumer crashes mid-batch: it had claimed the second item and died before sending.
    let mut item = to_item(&alerts[1]);
    item.insert("status".into(), nestling_platform::store::Value::S("sending".into()));
    item.insert("claimedAt".into(), nestling_platform::store::Value::S(t.app.clock.now_rfc3339()));
    t.put_item(item).await;
    // Lambda's retry of the batch: the first is sent; the second is still claimed by the dead
    // consumer, so it and everything after it are reported, not acknowledged.
    let response = nestling_outbox::handle(&t.app, batch()).await;
    assert_eq!(failed(&response), vec!["2", "3", "4"]);

    // 3. Duplicate delivery: the whole batch again (at-least-once), before and after the
    // dead claim goes stale, and once more after everything is sent.
    assert_eq!(failed(&nestling_outbox::handle(&t.app, batch()).await), vec!["2", "3", "4"]);
    t.app.clock.advance(time::Duration::seconds(nestling_outbox::STALE_CLAIM_SECONDS + 1));
    assert!(failed(&nestling_outbox::handle(&t.app, batch()).await).is_empty());
    assert!(failed(&nestling_outbox::handle(&t.app, batch()).await).is_empty());

    // Each manager got each alert exactly once, and every item is marked sent.
    for to in &managers {
        let mail = t.mail_to(to).await;
        let subjects: Vec<&str> = mail.iter().map(|m| m.subject.as_str()).collect();
        assert_eq!(subjects.iter().filter(|s| s.starts_with("Fault reported")).count(), 1, "{to}: {subjects:?}");
        assert_eq!(subjects.iter().filter(|s| s.starts_with("Data breach recorded")).count(), 1, "{to}: {subjects:?}");
    }
    for alert in &alerts {
        let stored: OutboxRecord = from_item(t.app.store().get(&OutboxRecord::key(&alert.outbox_id)).await.unwrap().unwrap()).unwrap();
        assert_eq!(stored.status, OutboxStatus::Sent, "{}", alert.outbox_id);
    }
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
        created_at: t.app.clock.timestamp(),
        attempts: 0,
        sent_at: None,
    };
    // Another consumer claimed it a moment ago and then died before sending.
    let mut item = to_item(&record);
    item.insert("status".into(), nestling_platform::store::Value::S("sending".into()));
    item.insert("claimedAt".into(), nestling_platform::store::Value::S(t.app.clock.now_rfc3339()));
    t.put_item(item).await;

    let response = nestling_outbox::handle(&t.app, stream_event(&record)).await;
    assert_eq!(response.batch_item_failures.len(), 1, "reported for retry, not acknowledged");
    let mails = |t: &nestling_tests::TestApp| {
        let to = to.clone();
        let endpoint = t.stack.endpoint.clone();
        async move { nestling_local::seed::sent_mail_to(&endpoint, &to).await.unwrap().len() }
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

#[tokio::test]
async fn ses_bounces_and_complaints_mark_the_address_for_its_settings_managers() {
    let t = spawn_app().await;
    let (s, manager) = t.setting().await;
    let (other, other_manager) = t.setting().await;
    let room = t.room(&s, &manager).await;
    let child = t.child(&s, &manager, &room, &manager.user_id).await;
    let parent = t.guardian(&s, &manager, &child, "parent", true).await;
    let practitioner = t.staff(&s, &manager, "practitioner").await;
    let feedback = |email: &str, kind: &str| -> aws_lambda_events::sns::SnsEvent {
        let message = match kind {
            "complaint" => {
                json!({ "notificationType": "Complaint", "complaint": { "complainedRecipients": [{ "emailAddress": email }], "complaintFeedbackType": "abuse" } })
            }
            "transient" => {
                json!({ "eventType": "Bounce", "bounce": { "bounceType": "Transient", "bouncedRecipients": [{ "emailAddress": email }] } })
            }
            _ => {
                json!({ "eventType": "Bounce", "bounce": { "bounceType": "Permanent", "bounceSubType": "General", "bouncedRecipients": [{ "emailAddress": email.to_uppercase() }] } })
            }
        };
        serde_json::from_value(json!({ "Records": [{ "EventSource": "aws:sns", "EventVersion": "1.0", "EventSubscriptionArn": "arn", "Sns": {
            "Type": "Notification", "MessageId": unique("sns"), "TopicArn": "arn", "Message": message.to_string(), "Timestamp": "2026-11-23T09:30:03.000Z",
            "SignatureVersion": "1", "Signature": "x", "SigningCertUrl": "x", "UnsubscribeUrl": "x", "MessageAttributes": {}
        } }] }))
        .unwrap()
    };
    // A transient bounce is SES's to retry: nothing is marked.
    assert_eq!(nestling_outbox::feedback::handle_feedback(&t.app, feedback(&parent.email, "transient")).await.unwrap(), 0);
    assert_eq!(nestling_outbox::feedback::handle_feedback(&t.app, feedback(&parent.email, "bounce")).await.unwrap(), 1);
    assert_eq!(nestling_outbox::feedback::handle_feedback(&t.app, feedback(&practitioner.email, "complaint")).await.unwrap(), 1);
    let (status, problems) = t.call("GET", &format!("/v1/settings/{s}/email-problems"), Some(&manager), None).await;
    assert_eq!(status, 200, "{problems}");
    let mut seen: Vec<(String, String)> = problems["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["email"].as_str().unwrap().to_string(), p["problem"]["kind"].as_str().unwrap().to_string()))
        .collect();
    seen.sort();
    let mut want = vec![(parent.email.clone(), "bounce".to_string()), (practitioner.email.clone(), "complaint".to_string())];
    want.sort();
    assert_eq!(seen, want);
    // Another setting's manager sees nothing of it; a practitioner may not look.
    let (_, elsewhere) = t.call("GET", &format!("/v1/settings/{other}/email-problems"), Some(&other_manager), None).await;
    assert!(elsewhere["items"].as_array().unwrap().is_empty());
    assert_eq!(t.call("GET", &format!("/v1/settings/{s}/email-problems"), Some(&practitioner), None).await.0, 403);
    // The access log records it.
    let (_, log) = t.call("GET", &format!("/v1/settings/{s}/audit?limit=100"), Some(&manager), None).await;
    let actions: Vec<&str> = log["items"].as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap()).collect();
    assert!(actions.contains(&"email.bounce") && actions.contains(&"email.complaint"), "{actions:?}");
}

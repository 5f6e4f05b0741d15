//! Reads the emulator's table stream and hands new records to the stream consumers (email,
//! notifications, push) in the same event shape Lambda's DynamoDB event source uses, so the
//! local stack sends email and push through exactly the code that runs in AWS.

use aws_sdk_dynamodbstreams as streams;
use nestling_platform::App;
use serde_json::{json, Value};
use std::collections::HashMap;

pub struct StreamPump {
    client: streams::Client,
    dynamo: aws_sdk_dynamodb::Client,
    table: String,
    /// Per shard, the last sequence number handed over.
    positions: HashMap<String, String>,
}

impl StreamPump {
    pub fn new(sdk: &aws_config::SdkConfig, table: &str) -> Self {
        Self {
            client: streams::Client::new(sdk),
            dynamo: aws_sdk_dynamodb::Client::new(sdk),
            table: table.to_string(),
            positions: HashMap::new(),
        }
    }

    /// Reads everything new on the stream, delivers it, and answers how many outbox items
    /// were handed over. Failed records are retried on the next call, as Lambda would.
    pub async fn drain(&mut self, app: &App) -> Result<usize, String> {
        let table = self
            .dynamo
            .describe_table()
            .table_name(&self.table)
            .send()
            .await
            .map_err(|e| format!("describe table: {}", aws_sdk_dynamodb::error::DisplayErrorContext(e)))?;
        let Some(arn) = table.table.and_then(|t| t.latest_stream_arn) else {
            return Err("the table has no stream".into());
        };
        let description = self
            .client
            .describe_stream()
            .stream_arn(&arn)
            .send()
            .await
            .map_err(|e| format!("describe stream: {}", streams::error::DisplayErrorContext(e)))?;
        let shards = description.stream_description.map(|d| d.shards.unwrap_or_default()).unwrap_or_default();
        let mut handed = 0;
        for shard in shards {
            let Some(shard_id) = shard.shard_id else { continue };
            let mut iterator_request = self.client.get_shard_iterator().stream_arn(&arn).shard_id(&shard_id);
            iterator_request = match self.positions.get(&shard_id) {
                Some(seq) => {
                    iterator_request.shard_iterator_type(streams::types::ShardIteratorType::AfterSequenceNumber).sequence_number(seq)
                }
                None => iterator_request.shard_iterator_type(streams::types::ShardIteratorType::TrimHorizon),
            };
            let mut iterator = iterator_request
                .send()
                .await
                .map_err(|e| format!("shard iterator: {}", streams::error::DisplayErrorContext(e)))?
                .shard_iterator;
            while let Some(it) = iterator.take() {
                let output = self
                    .client
                    .get_records()
                    .shard_iterator(it)
                    .limit(100)
                    .send()
                    .await
                    .map_err(|e| format!("get records: {}", streams::error::DisplayErrorContext(e)))?;
                let records = output.records.unwrap_or_default();
                if records.is_empty() {
                    break;
                }
                let events: Vec<(String, Value)> = records.into_iter().filter_map(record_json).collect();
                // One record per invocation keeps the retry bookkeeping simple and exact.
                for (sequence, record) in events {
                    // Every stream consumer sees every record here; each takes only its own
                    // kind (in AWS, each function's filter does that).
                    let notifications: aws_lambda_events::dynamodb::Event =
                        serde_json::from_value(json!({ "Records": [record.clone()] })).map_err(|e| format!("event: {e}"))?;
                    let pushes: aws_lambda_events::dynamodb::Event =
                        serde_json::from_value(json!({ "Records": [record.clone()] })).map_err(|e| format!("event: {e}"))?;
                    let journeys: aws_lambda_events::dynamodb::Event =
                        serde_json::from_value(json!({ "Records": [record.clone()] })).map_err(|e| format!("event: {e}"))?;
                    let exports: aws_lambda_events::dynamodb::Event =
                        serde_json::from_value(json!({ "Records": [record.clone()] })).map_err(|e| format!("event: {e}"))?;
                    let event: aws_lambda_events::dynamodb::Event =
                        serde_json::from_value(json!({ "Records": [record] })).map_err(|e| format!("event: {e}"))?;
                    let response = nestling_outbox::handle(app, event).await;
                    let fanned = nestling_outbox::handle_notifications(app, notifications).await;
                    // In AWS the push sender has its own stream mapping, so a push service that
                    // is down delays only pushes; here one failed push must not hold up the
                    // email behind it, so it is logged and left.
                    if !nestling_outbox::push::handle_push(app, pushes).await.batch_item_failures.is_empty() {
                        tracing::warn!("a push message was not delivered (the local stack does not retry pushes)");
                    }
                    // Likewise a journey that fails is logged and left (its request shows it pending).
                    if !nestling_journey::build::handle_build(app, journeys).await.batch_item_failures.is_empty() {
                        tracing::warn!("a learning journey was not made (the local stack does not retry journeys)");
                    }
                    if !nestling_rights::export::build::handle_build(app, exports).await.batch_item_failures.is_empty() {
                        tracing::warn!("a data export step failed (the local stack does not retry them)");
                    }
                    if !response.batch_item_failures.is_empty() || !fanned.batch_item_failures.is_empty() {
                        return Ok(handed);
                    }
                    self.positions.insert(shard_id.clone(), sequence);
                    handed += 1;
                }
                iterator = output.next_shard_iterator;
            }
        }
        Ok(handed)
    }
}

/// One stream record as the Lambda event source presents it.
fn record_json(record: streams::types::Record) -> Option<(String, Value)> {
    let change = record.dynamodb?;
    let sequence = change.sequence_number.clone()?;
    let item = |m: Option<HashMap<String, streams::types::AttributeValue>>| {
        serde_json::to_value(serde_dynamo::Item::from(m.unwrap_or_default())).unwrap_or(Value::Null)
    };
    let created = change.approximate_creation_date_time.map(|t| t.secs()).unwrap_or(0);
    Some((
        sequence.clone(),
        json!({
            "eventID": record.event_id.unwrap_or_default(),
            "eventName": record.event_name.map(|n| n.as_str().to_string()).unwrap_or_default(),
            "eventSource": "aws:dynamodb",
            "eventVersion": "1.1",
            "awsRegion": record.aws_region.unwrap_or_else(|| crate::provision::REGION.into()),
            "dynamodb": {
                "ApproximateCreationDateTime": created,
                "Keys": item(change.keys),
                "NewImage": item(change.new_image),
                "OldImage": item(change.old_image),
                "SequenceNumber": sequence,
                "SizeBytes": change.size_bytes.unwrap_or(0),
                "StreamViewType": "NEW_AND_OLD_IMAGES",
            },
        }),
    ))
}

/// Stands in for S3's event notification, which the emulator cannot deliver to a function:
/// lists what waits under `quarantine/` and hands each object to the media check in the
/// event shape S3 gives Lambda. Objects the check fails on stay and are retried next time,
/// as Lambda's asynchronous retries would.
pub struct UploadPump {
    client: aws_sdk_s3::Client,
    bucket: String,
}

impl UploadPump {
    pub fn new(sdk: &aws_config::SdkConfig, bucket: &str) -> Self {
        let config = aws_sdk_s3::config::Builder::from(sdk).force_path_style(true).build();
        Self { client: aws_sdk_s3::Client::from_conf(config), bucket: bucket.to_string() }
    }

    /// Checks every waiting upload; answers how many were handed over.
    pub async fn drain(&self, app: &App) -> Result<usize, String> {
        let listing = self
            .client
            .list_objects_v2()
            .bucket(&self.bucket)
            .prefix("quarantine/")
            .send()
            .await
            .map_err(|e| format!("list uploads: {}", aws_sdk_s3::error::DisplayErrorContext(e)))?;
        let mut handed = 0;
        for object in listing.contents.unwrap_or_default() {
            let Some(key) = object.key else { continue };
            let event = upload_event(&self.bucket, &key, object.size.unwrap_or(0).max(0) as u64);
            nestling_media_function::handle_upload_event(app, event).await.map_err(|e| format!("media check: {e}"))?;
            handed += 1;
        }
        Ok(handed)
    }
}

/// An `s3:ObjectCreated:Post` notification for one object, as Lambda receives it.
pub fn upload_event(bucket: &str, key: &str, size: u64) -> aws_lambda_events::s3::S3Event {
    let encoded: String = key
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'/' => (b as char).to_string(),
            b' ' => "+".to_string(),
            other => format!("%{other:02X}"),
        })
        .collect();
    serde_json::from_value(json!({
        "Records": [{
            "eventVersion": "2.1",
            "eventSource": "aws:s3",
            "awsRegion": crate::provision::REGION,
            "eventTime": "2026-11-23T09:30:00.000Z",
            "eventName": "ObjectCreated:Post",
            "userIdentity": { "principalId": "AWS:AROAEXAMPLE:media-upload" },
            "requestParameters": { "sourceIPAddress": "203.0.113.10" },
            "responseElements": { "x-amz-request-id": "C3D13FE58DE4C810", "x-amz-id-2": "FMyUVURIY8/IgAtTv8xRjskZQpcIZ9KG4V5Wp6S7S/JRWeUWerMUE5JgHvANOjpD" },
            "s3": {
                "s3SchemaVersion": "1.0",
                "configurationId": "media-check",
                "bucket": { "name": bucket, "ownerIdentity": { "principalId": "A3NL1KOZZKExample" }, "arn": format!("arn:aws:s3:::{bucket}") },
                "object": { "key": encoded, "size": size, "eTag": "d41d8cd98f00b204e9800998ecf8427e", "sequencer": "0055AED6DCD90281E5" }
            }
        }]
    }))
    .expect("a well-formed S3 event")
}

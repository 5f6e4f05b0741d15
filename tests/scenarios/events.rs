//! Replays every events/ file through its function exactly as Lambda would deliver it, after
//! filling in the ids of a freshly made setting.

use nestling_domain::routes::{Trigger, FUNCTIONS};
use nestling_platform::records::OutboxRecord;
use nestling_platform::store::from_item;
use nestling_tests::{id, spawn_app, unique};
use serde_json::json;

fn event_text(function: &str) -> String {
    let path = format!("{}/../events/{function}.json", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|_| panic!("{path} is missing: every function needs a sample event"))
}

#[tokio::test]
async fn every_sample_event_replays_through_its_function() {
    let t = spawn_app().await;
    let operator = t.operator().await;
    let (setting_id, manager) = t.setting().await;
    let practitioner = t.staff(&setting_id, &manager, "practitioner").await;
    // Witnesses a medicine dose (the practitioner above is revoked by the staff-revoke event).
    let witness = t.staff(&setting_id, &manager, "practitioner").await;
    let invited_email = format!("{}@acorns.test", unique("inv"));
    t.call(
        "POST",
        &format!("/v1/settings/{setting_id}/staff"),
        Some(&manager),
        Some(json!({
            "email": invited_email, "name": "Ivy", "role": "practitioner", "qualificationLevel": 2
        })),
    )
    .await;
    let token = t.invitation_token(&invited_email).await;
    let room = t.room(&setting_id, &manager).await;
    let child = t.child(&setting_id, &manager, &room, &practitioner.user_id).await;
    let parent = t.guardian(&setting_id, &manager, &child, "parent", true).await;
    let family = t.guardian(&setting_id, &manager, &child, "family", true).await;
    // The PATCH event says If-Match "1": it changes a child nobody has touched.
    let untouched = t.child(&setting_id, &manager, &room, &practitioner.user_id).await;
    // A child whose leaving date is recorded (leaving-set, version 2) and then cancelled.
    let leaver = t.child(&setting_id, &manager, &room, &practitioner.user_id).await;
    // An upload waiting in quarantine for the S3 event, and two observations (one to edit and
    // comment on, one to unpublish).
    let photo = nestling_tests::jpeg(40, 30);
    let media_id = t.upload_raw(&setting_id, &manager, &photo, "image/jpeg", &[&child]).await;
    let observation_id = t.observation(&setting_id, &manager, &[&child], &[]).await;
    let unpublished_id = t.observation(&setting_id, &manager, &[&child], &[]).await;
    // Two contributions from the parent: one to approve, one to reject.
    let mut contributions = Vec::new();
    for text in ["Planted seeds.", "Painted at home."] {
        let (status, body) = t
            .call(
                "POST",
                &format!("/v1/settings/{setting_id}/children/{child}/contributions"),
                Some(&parent),
                Some(json!({ "text": text })),
            )
            .await;
        assert_eq!(status, 201, "{body}");
        contributions.push(body["contributionId"].as_str().unwrap().to_string());
    }
    // An accident waiting for review (the review event reviews it, then the parent's
    // acknowledgement event acknowledges it).
    let (status, accident) = t
        .call("POST", &format!("/v1/settings/{setting_id}/children/{child}/accidents"), Some(&manager), Some(json!({
            "place": "Hall", "whatHappened": "Bumped into a table.", "injury": "Red mark on forehead", "firstAid": "Cold compress.", "serious": false
        })))
        .await;
    assert_eq!(status, 201, "{accident}");
    let accident_id = accident["accidentId"].as_str().unwrap().to_string();
    // A fault to confirm fixed, a breach to report and notify about, and one discovered 73
    // hours ago whose deadline has passed unreported (for the reminder schedule).
    let (status, fault) = t
        .call(
            "POST",
            &format!("/v1/settings/{setting_id}/faults"),
            Some(&practitioner),
            Some(json!({ "description": "Tablet froze.", "privacyAffected": false })),
        )
        .await;
    assert_eq!(status, 201, "{fault}");
    let fault_id = fault["faultId"].as_str().unwrap().to_string();
    let breach = |hours_ago: i64| {
        json!({
            "description": "A letter went to the wrong family.", "category": "wrong-recipient", "affectedChildIds": [child], "risk": "low", "reportable": true,
            "discoveredAt": nestling_platform::app::rfc3339(t.app.clock.now() - time::Duration::hours(hours_ago)),
        })
    };
    let (status, made) = t.call("POST", &format!("/v1/settings/{setting_id}/breaches"), Some(&manager), Some(breach(1))).await;
    assert_eq!(status, 201, "{made}");
    let breach_id = made["breachId"].as_str().unwrap().to_string();
    let (status, made) = t.call("POST", &format!("/v1/settings/{setting_id}/breaches"), Some(&manager), Some(breach(73))).await;
    assert_eq!(status, 201, "{made}");
    let overdue_breach = made["breachId"].as_str().unwrap().to_string();
    let notify_id = uuid::Uuid::now_v7().simple().to_string();
    let schedule_time = nestling_platform::app::rfc3339(t.app.clock.now());
    let push_endpoint = format!("{}/push/events", nestling_tests::accepting_push_service().await);
    // The test setting is in London: its day is the UTC day, but for the hour after midnight in
    // summer; the events use the setting's own date.
    let today = nestling_domain::care::local(t.app.clock.now(), "Europe/London").date();
    let tomorrow = today.next_day().unwrap().to_string();
    // Bookings: a child of their own (the events above see others leave), their parent, the
    // setup the events change (its morning and afternoon), and the first weekday
    // after today, inside the week's notice, so the family's cancellation waits for a manager.
    let (status, setup) = t
        .call_with(
            "PUT",
            &format!("/v1/settings/{setting_id}/booking-setup"),
            Some(&manager),
            Some(json!({ "sessions": [
                { "name": "Morning", "starts": "08:00", "ends": "13:00", "price": { "per": "session", "pence": 3200 } },
                { "name": "Afternoon", "starts": "13:00", "ends": "18:00", "price": { "per": "hour", "pence": 650 } }
            ], "noticeDays": 7 })),
            &[("if-match", "0")],
        )
        .await;
    assert_eq!(status, 200, "{setup}");
    let booked_child = t.child(&setting_id, &manager, &room, &practitioner.user_id).await;
    let booking_parent = t.guardian(&setting_id, &manager, &booked_child, "parent", true).await;
    let invoice_id = t.invoice_for(&setting_id, &booked_child, &booking_parent.user_id).await;
    // Devices: one paired (its pairing for device-pairing-get, its credential for device-get),
    // one waiting for device-pair, and one paired for device-unpair to report missing.
    let start_pairing = || async {
        let (status, started) = t.call("POST", "/v1/device-pairings", None, Some(json!({}))).await;
        assert_eq!(status, 201, "{started}");
        (started["code"].as_str().unwrap().to_string(), started["secret"].as_str().unwrap().to_string())
    };
    let pair = |code: String| {
        let (t, manager, setting_id) = (&t, &manager, &setting_id);
        async move {
            let (status, device) = t
                .call("POST", &format!("/v1/settings/{setting_id}/devices"), Some(manager), Some(json!({ "code": code, "name": "Tablet" })))
                .await;
            assert_eq!(status, 201, "{device}");
            device["deviceId"].as_str().unwrap().to_string()
        }
    };
    let (pairing_code, pairing_secret) = start_pairing().await;
    let paired_device = pair(pairing_code.clone()).await;
    let device_credential = format!("Device {setting_id}.{paired_device}.{pairing_secret}");
    let (waiting_code, _) = start_pairing().await;
    let (missing_code, _) = start_pairing().await;
    let unpair_device_id = pair(missing_code).await;
    // PINs for the devices: the manager's (staff at the register) and the parent's (the
    // journal); each device route's event gets a session opened just before it, on the tablet.
    let pin_path = format!("/v1/settings/{setting_id}/device-pin");
    let (status, manager_pin) = t.call("PUT", &pin_path, Some(&manager), Some(json!({ "pin": "2580" }))).await;
    assert_eq!(status, 200, "{manager_pin}");
    let device_number = manager_pin["number"].as_str().unwrap().to_string();
    let (status, parent_pin) = t.call("PUT", &pin_path, Some(&parent), Some(json!({ "pin": "2580" }))).await;
    assert_eq!(status, 200, "{parent_pin}");
    let parent_number = parent_pin["number"].as_str().unwrap().to_string();
    let device_child = t.child(&setting_id, &manager, &room, &practitioner.user_id).await;
    let morning_id = setup["setup"]["sessions"][0]["sessionTypeId"].as_str().unwrap().to_string();
    let afternoon_id = setup["setup"]["sessions"][1]["sessionTypeId"].as_str().unwrap().to_string();
    let mut booking_date = today.next_day().unwrap();
    while matches!(booking_date.weekday(), time::Weekday::Saturday | time::Weekday::Sunday) {
        booking_date = booking_date.next_day().unwrap();
    }
    let booking_month = booking_date.to_string()[..7].to_string();
    let mut rota_week = booking_date;
    while rota_week.weekday() != time::Weekday::Monday {
        rota_week = rota_week.next_day().unwrap();
    }
    let rota_week = rota_week.to_string();
    let booking_date = booking_date.to_string();
    let today = today.to_string();

    // Feed posts: one to read, pin and withdraw, an event for the parent's reply, and a
    // practitioner's post waiting for approval (while the setting asked for it).
    let post_id = t.post(&setting_id, &manager, json!({ "text": "Welcome back after half term." })).await;
    let event_id = t
        .post(
            &setting_id,
            &manager,
            json!({
                "text": "Stay and play.", "event": { "title": "Stay and play", "date": tomorrow, "startsAt": "09:30", "place": "Robins" }
            }),
        )
        .await;
    // An event whose replies close in a week: the reminder schedule (which runs in the morning,
    // UTC) writes the parent's email.
    let in_a_week = |days: i64| (t.app.clock.now().date() + time::Duration::days(days)).to_string();
    let reminded_event = t
        .post(&setting_id, &manager, json!({
            "text": "Farm trip.", "event": { "title": "Farm trip", "date": in_a_week(9), "startsAt": "10:00", "place": "Hill Farm", "replyBy": in_a_week(7) }
        }))
        .await;
    let policy = format!("/v1/settings/{setting_id}/feed-policy");
    assert_eq!(t.call("PUT", &policy, Some(&manager), Some(json!({ "postsNeedApproval": true }))).await.0, 200);
    let pending_post_id = t.post(&setting_id, &witness, json!({ "text": "Photos from the woods." })).await;
    assert_eq!(t.call("PUT", &policy, Some(&manager), Some(json!({ "postsNeedApproval": false }))).await.0, 200);

    // A thread the manager started to the parent (its first message waits for its alert), and
    // a second message of the manager's to withdraw.
    let (status, started) = t
        .call(
            "POST",
            &format!("/v1/settings/{setting_id}/children/{child}/threads"),
            Some(&manager),
            Some(json!({
                "subject": "Sun cream", "text": "Please put sun cream on before nursery."
            })),
        )
        .await;
    assert_eq!(status, 201, "{started}");
    let thread_id = started["threads"][0]["threadId"].as_str().unwrap().to_string();
    let (_, thread) = t.call("GET", &format!("/v1/settings/{setting_id}/threads/{thread_id}"), Some(&manager), None).await;
    let first_message = thread["messages"][0]["messageId"].as_str().unwrap().to_string();
    let (status, sent) = t
        .call("POST", &format!("/v1/settings/{setting_id}/threads/{thread_id}/messages"), Some(&manager), Some(json!({ "text": "Oops." })))
        .await;
    assert_eq!(status, 201, "{sent}");
    let withdrawn_message = sent["message"]["messageId"].as_str().unwrap().to_string();
    // A second parent of the child, whom the household event marks as a separate household.
    let separated = t.guardian(&setting_id, &manager, &child, "parent", true).await;

    // A request logged by the manager, which the extend and answer events act on.
    let (status, logged) = t
        .call(
            "POST",
            &format!("/v1/settings/{setting_id}/rights-requests"),
            Some(&manager),
            Some(json!({ "requesterName": "Kim Letter", "receivedBy": "letter" })),
        )
        .await;
    assert_eq!(status, 201, "{logged}");
    let rights_request_id = logged["requestId"].as_str().unwrap().to_string();
    // The manager's own request about themselves, whose export the export events move along.
    let (status, own) = t.call("POST", &format!("/v1/settings/{setting_id}/rights-requests"), Some(&manager), Some(json!({}))).await;
    assert_eq!(status, 201, "{own}");
    let export_request_id = own["requestId"].as_str().unwrap().to_string();
    // A child who left today, and an erasure request logged for them, which the erasure event approves.
    let gone = t.child(&setting_id, &manager, &room, &practitioner.user_id).await;
    let leaving = json!({ "date": today, "destinationKind": "school", "destination": "Hill Primary", "guardianAccessDays": 0 });
    let (status, left) = t
        .call_with(
            "PUT",
            &format!("/v1/settings/{setting_id}/children/{gone}/leaving"),
            Some(&manager),
            Some(leaving),
            &[("if-match", "1")],
        )
        .await;
    assert_eq!(status, 200, "{left}");
    let (status, erasure) = t
        .call(
            "POST",
            &format!("/v1/settings/{setting_id}/children/{gone}/rights-requests"),
            Some(&manager),
            Some(json!({ "requesterName": "Kim Letter", "receivedBy": "letter", "requestKind": "erasure" })),
        )
        .await;
    assert_eq!(status, 201, "{erasure}");
    let erasure_request_id = erasure["requestId"].as_str().unwrap().to_string();
    // The address journey-transfer sends its single-use link to, spent by the next event.
    let transfer_mail = format!("{}@next-school.test", unique("transfer"));

    for function in FUNCTIONS {
        let mail_to = format!("{}@events.test", unique(function.name));
        if function.name == "rights-export-download" {
            // The release the event before asked for, made by the stream.
            t.drain_outbox().await;
        }
        let transfer_token = if function.name == "journey-transfer-download" {
            t.drain_outbox().await;
            let mail = t.mail_to(&transfer_mail).await;
            let body = &mail.last().expect("the transfer email").body;
            body.split("/transfer/").nth(1).expect("its link").chars().take_while(char::is_ascii_alphanumeric).collect()
        } else {
            String::new()
        };
        // The booking parent accepts the agreement the agreement-publish event changed.
        if function.name == "booking-request" {
            let (_, agreement) = t.call("GET", &format!("/v1/settings/{setting_id}/agreement"), Some(&manager), None).await;
            let accept = json!({ "version": agreement["version"] });
            let (status, body) =
                t.call("POST", &format!("/v1/settings/{setting_id}/agreement/acceptances"), Some(&booking_parent), Some(accept)).await;
            assert_eq!(status, 200, "{body}");
        }
        // The family's cancellation the booking-request event made, for the manager to decide.
        let booking_request_id = if function.name == "booking-request-decide" {
            let (status, waiting) = t.call("GET", &format!("/v1/settings/{setting_id}/booking-requests"), Some(&manager), None).await;
            assert_eq!(status, 200, "{waiting}");
            waiting["items"][0]["requestId"].as_str().expect("the cancellation waits").to_string()
        } else {
            String::new()
        };
        let device_session = match function.name {
            "device-session-end" | "device-register-get" | "device-attendance-record" | "device-journal-get" | "device-guardians-list" => {
                let (mode, number) =
                    if function.name == "device-journal-get" { ("journal", &parent_number) } else { ("staff", &device_number) };
                let body = json!({ "mode": mode, "number": number, "pin": "2580" });
                let (status, session) =
                    t.call_with("POST", "/v1/device/sessions", None, Some(body), &[("authorization", &device_credential)]).await;
                assert_eq!(status, 201, "{session}");
                session["token"].as_str().unwrap().to_string()
            }
            _ => String::new(),
        };
        let outbox_id = uuid::Uuid::now_v7().simple().to_string();
        let caller = match function.name {
            "settings-create" => &operator,
            "consents-set"
            | "agreement-accept"
            | "contributions-create"
            | "preferences-set"
            | "collectors-set"
            | "absences-report"
            | "medicine-permission-set"
            | "accidents-acknowledge"
            | "event-reply"
            | "progress-check-respond"
            | "rights-request-child"
            | "kiosk-pass-create" => &parent,
            "booking-request" | "my-invoices" | "invoice-get" | "invoice-pdf" | "statement-get" => &booking_parent,
            _ => &manager,
        };
        let child_id = match function.name {
            "children-update" => &untouched,
            "leaving-set" | "leaving-cancel" => &leaver,
            "booking-pattern-set" | "bookings-get" | "booking-request" | "funding-get" | "funding-set" | "billing-get" | "billing-set" => {
                &booked_child
            }
            _ => &child,
        };
        let (_, agreement) = t.call("GET", &format!("/v1/settings/{setting_id}/agreement"), Some(&manager), None).await;
        let totp = if function.name == "mfa-totp-confirm" { totp_code(&caller.email).await } else { String::new() };
        let text = event_text(function.name)
            .replace("{{settingId}}", &setting_id)
            .replace("{{callerSub}}", &caller.user_id)
            .replace("{{userId}}", &practitioner.user_id)
            .replace("{{token}}", &token)
            .replace("{{uniqueEmail}}", &mail_to)
            .replace("{{outboxId}}", &outbox_id)
            .replace("{{clientId}}", &t.stack.app_client_id)
            .replace("{{userPoolId}}", &t.stack.user_pool_id)
            .replace("{{childId}}", child_id)
            .replace("{{roomId}}", &room)
            .replace("{{guardianId}}", &family.user_id)
            .replace("{{agreementVersion}}", &agreement["version"].to_string())
            .replace("{{mediaId}}", &media_id)
            .replace("{{bucket}}", &t.stack.bucket)
            .replace("{{byteSize}}", &photo.len().to_string())
            .replace("{{observationId}}", &observation_id)
            .replace("{{unpublishedId}}", &unpublished_id)
            .replace("{{contributionId}}", &contributions[0])
            .replace("{{rejectedId}}", &contributions[1])
            .replace("{{notifyId}}", &notify_id)
            .replace("{{scheduleTime}}", &schedule_time)
            .replace("{{today}}", &today)
            .replace("{{morningId}}", &morning_id)
            .replace("{{afternoonId}}", &afternoon_id)
            .replace("{{bookingDate}}", &booking_date)
            .replace("{{bookingMonth}}", &booking_month)
            .replace("{{rotaWeek}}", &rota_week)
            .replace("{{fundingReconfirmBy}}", &in_a_week(7))
            .replace("{{fundingGraceUntil}}", &in_a_week(60))
            .replace("{{bookingRequestId}}", &booking_request_id)
            .replace("{{bookingParentId}}", &booking_parent.user_id)
            .replace("{{invoiceId}}", &invoice_id)
            .replace("{{tomorrow}}", &tomorrow)
            .replace("{{leavingDate}}", nestling_tests::leaving_body()["date"].as_str().unwrap())
            .replace("{{accidentId}}", &accident_id)
            .replace("{{witnessId}}", &witness.user_id)
            .replace("{{faultId}}", &fault_id)
            .replace("{{breachId}}", &breach_id)
            .replace("{{bouncedEmail}}", &family.email)
            .replace("{{accessToken}}", &caller.token)
            .replace("{{totpCode}}", &totp)
            .replace("{{pushEndpoint}}", &push_endpoint)
            .replace("{{postId}}", &post_id)
            .replace("{{eventId}}", &event_id)
            .replace("{{pendingPostId}}", &pending_post_id)
            .replace("{{threadId}}", &thread_id)
            .replace("{{messageId}}", &withdrawn_message)
            .replace("{{separatedParentId}}", &separated.user_id)
            .replace("{{transferEmail}}", &transfer_mail)
            .replace("{{transferToken}}", &transfer_token)
            .replace("{{pairingCode}}", &pairing_code)
            .replace("{{pairingSecret}}", &pairing_secret)
            .replace("{{waitingCode}}", &waiting_code)
            .replace("{{deviceCredential}}", &device_credential)
            .replace("{{unpairDeviceId}}", &unpair_device_id)
            .replace("{{deviceNumber}}", &device_number)
            .replace("{{deviceSession}}", &device_session)
            .replace("{{deviceChildId}}", &device_child)
            .replace("{{rightsRequestId}}", &rights_request_id)
            .replace("{{exportRequestId}}", &export_request_id)
            .replace("{{erasureRequestId}}", &erasure_request_id)
            .replace(
                "{{term}}",
                &nestling_domain::eyfs::Term::of(nestling_domain::care::local(t.app.clock.now(), "Europe/London").date()).key(),
            );
        assert!(!text.contains("{{"), "{}: unfilled placeholder", function.name);
        match function.trigger {
            Trigger::Http { .. } => {
                let request = lambda_http::request::from_str(&text).expect("an API Gateway v2 event");
                let response = nestling_local::dispatch(function.name, t.app.clone(), request).expect("dispatched").await;
                let want = match function.name {
                    "settings-create"
                    | "rooms-create"
                    | "staff-invite"
                    | "children-register"
                    | "guardians-link"
                    | "media-upload"
                    | "observations-create"
                    | "posts-create"
                    | "threads-start"
                    | "broadcasts-send"
                    | "messages-send"
                    | "comments-create"
                    | "contributions-create"
                    | "attendance-record"
                    | "absences-report"
                    | "diary-add"
                    | "medicine-dose"
                    | "accidents-create"
                    | "faults-report"
                    | "lockdown-start"
                    | "breaches-record"
                    | "breaches-notify-families"
                    | "push-subscribe"
                    | "journey-transfer"
                    | "rights-request-child"
                    | "rights-request-self"
                    | "booking-request"
                    | "payment-record"
                    | "device-pairing-start"
                    | "device-pair"
                    | "device-session-start"
                    | "device-attendance-record"
                    | "kiosk-pass-create" => 201,
                    "device-session-end" => 204,
                    "media-get" => 302,
                    // A month long gone whose one invoice is issued: past the authorisation, a
                    // stale version (nothing would be issued either).
                    "invoices-issue" => 409,
                    // The events' setting is a nursery: past the authorisation, not a school.
                    "school-set" | "points-give" | "school-register-get" | "school-register-mark" | "school-totals-get" => 409,
                    "journey-request" | "rights-export-gather" | "rights-export-release" => 202,
                    _ => 200,
                };
                assert_eq!(response.status().as_u16(), want, "{}: {:?}", function.name, response.body());
            }
            Trigger::EmailFeedback => {
                // A permanent bounce for the grandparent's address: their membership is
                // marked and the managers' list shows it once, redelivery or not.
                let event: aws_lambda_events::sns::SnsEvent = serde_json::from_str(&text).expect("an SNS event");
                assert_eq!(nestling_outbox::feedback::handle_feedback(&t.app, event).await.unwrap(), 1);
                let again: aws_lambda_events::sns::SnsEvent = serde_json::from_str(&text).unwrap();
                assert_eq!(nestling_outbox::feedback::handle_feedback(&t.app, again).await.unwrap(), 1);
                let (status, problems) = t.call("GET", &format!("/v1/settings/{setting_id}/email-problems"), Some(&manager), None).await;
                assert_eq!(status, 200, "{problems}");
                assert_eq!(problems["items"].as_array().unwrap().len(), 1, "{problems}");
                assert_eq!(problems["items"][0]["problem"]["kind"], "bounce");
            }
            Trigger::MediaUpload => {
                let event: aws_lambda_events::s3::S3Event = serde_json::from_str(&text).expect("an S3 event");
                nestling_media_function::handle_upload_event(&t.app, event).await.expect("checked");
                let key = nestling_platform::records::MediaRecord::key(&id(&setting_id), &id(&media_id));
                let record: nestling_platform::records::MediaRecord = from_item(t.app.store().get(&key).await.unwrap().unwrap()).unwrap();
                assert_eq!(record.status, nestling_domain::journal::MediaStatus::Ready, "{:?}", record.rejection);
                assert!(record.thumbnail);
            }
            Trigger::TableStream { prefix: "NOTIFY#", .. } => {
                let event: aws_lambda_events::dynamodb::Event = serde_json::from_str(&text).unwrap();
                let record: nestling_platform::notify::NotifyRecord =
                    serde_dynamo::from_item(event.records[0].change.new_image.clone()).unwrap();
                t.put_item(nestling_platform::store::to_item(&record)).await;
                assert!(nestling_outbox::handle_notifications(&t.app, event).await.batch_item_failures.is_empty());
                let again: aws_lambda_events::dynamodb::Event = serde_json::from_str(&text).unwrap();
                assert!(nestling_outbox::handle_notifications(&t.app, again).await.batch_item_failures.is_empty());
                // The linked parent hears of it as they chose (the preferences-set event above
                // chose daily): a line of that day's digest, written once.
                let email_id = format!("notify-{notify_id}-{}", parent.user_id);
                let line = nestling_platform::store::Key::new(
                    nestling_platform::store::keys::digest_day("2026-11-23"),
                    format!("{}#{notify_id}#0", parent.user_id),
                );
                let emailed = t.app.store().get(&OutboxRecord::key(&email_id)).await.unwrap().is_some();
                let digested = t.app.store().get(&line).await.unwrap().is_some();
                assert!(emailed || digested, "the parent is told");
            }
            Trigger::Schedule { .. } if function.name == "media-expire" => {
                // A photo checked 31 days before the schedule and never attached: deleted once.
                let event: serde_json::Value = serde_json::from_str(&text).unwrap();
                let uploaded = nestling_domain::Timestamp::new(t.app.clock.now() - time::Duration::days(31));
                let media_id: nestling_domain::MediaId = t.app.new_id();
                let mut record = nestling_platform::records::MediaRecord {
                    pk: nestling_platform::store::keys::setting(&id(&setting_id)),
                    sk: nestling_platform::store::keys::media(&media_id),
                    gsi1pk: None,
                    gsi1sk: None,
                    kind: "media".into(),
                    setting_id: id(&setting_id),
                    media_id: media_id.clone(),
                    media_type: nestling_domain::journal::MediaType::Jpeg,
                    byte_size: 900,
                    children: vec![id(&child)],
                    uploaded_by: id(&manager.user_id),
                    uploader_role: nestling_domain::Role::Manager,
                    status: nestling_domain::journal::MediaStatus::Ready,
                    rejection: None,
                    thumbnail: false,
                    created_at: uploaded,
                    checked_at: Some(uploaded),
                    entry_id: None,
                    shown_in: Vec::new(),
                    version: 2,
                };
                record.index_while_unattached(true);
                t.put_item(nestling_platform::store::to_item(&record)).await;
                let object = nestling_platform::media::original_key(&id(&setting_id), &media_id);
                t.app.media().put(&object, nestling_tests::jpeg(8, 8), "image/jpeg").await.unwrap();
                assert_eq!(nestling_media_function::expiry::run_schedule(&t.app, &event).await.unwrap(), 1);
                assert_eq!(
                    nestling_media_function::expiry::run_schedule(&t.app, &event).await.unwrap(),
                    0,
                    "a second run does nothing twice"
                );
                assert!(t.app.media().get(&object).await.is_err(), "the photo is deleted");
            }
            Trigger::Schedule { .. } if function.name == "event-reminders" => {
                // The parent has not replied to the farm trip: reminded once, however often it runs.
                let event: serde_json::Value = serde_json::from_str(&text).unwrap();
                assert_eq!(nestling_comms::run_reminders(&t.app, &event).await.unwrap(), 1);
                assert_eq!(nestling_comms::run_reminders(&t.app, &event).await.unwrap(), 0, "a second run sends nothing twice");
                let id = format!("event-reminder-{reminded_event}-7-{}", parent.user_id);
                assert!(t.app.store().get(&OutboxRecord::key(&id)).await.unwrap().is_some(), "the parent's reminder");
            }
            Trigger::Schedule { .. } if function.name == "message-alerts" => {
                // Replayed as if eleven minutes later, past the withdraw window: the parent has
                // not read the manager's thread and is told of it, once however often it runs.
                let mut event: serde_json::Value = serde_json::from_str(&text).unwrap();
                event["time"] = json!(nestling_platform::app::rfc3339(t.app.clock.now() + time::Duration::minutes(11)));
                assert!(nestling_comms::run_message_alerts(&t.app, &event).await.unwrap() >= 1);
                assert_eq!(nestling_comms::run_message_alerts(&t.app, &event).await.unwrap(), 0, "a second run sends nothing twice");
                let id = format!("message-{first_message}-{}", parent.user_id);
                assert!(t.app.store().get(&OutboxRecord::key(&id)).await.unwrap().is_some(), "the parent's alert");
            }
            Trigger::Schedule { .. } if function.name == "rights-deadlines" => {
                // Replayed five weeks on: the requests the events above made and left open are
                // overdue, and the manager is reminded, once however often it runs.
                let mut event: serde_json::Value = serde_json::from_str(&text).unwrap();
                event["time"] = json!(nestling_platform::app::rfc3339(t.app.clock.now() + time::Duration::days(35)));
                assert!(nestling_rights::deadlines::run_schedule(&t.app, &event).await.unwrap() >= 1);
                assert_eq!(nestling_rights::deadlines::run_schedule(&t.app, &event).await.unwrap(), 0, "a second run sends nothing twice");
            }
            Trigger::Schedule { .. } if function.name == "access-ending-notices" => {
                // The child leaves today with no reading period (one of the last events, so
                // none after it needs the child attending): the parents are told once.
                let path = format!("/v1/settings/{setting_id}/children/{child}");
                let (_, current) = t.call("GET", &path, Some(&manager), None).await;
                let version = current["version"].to_string();
                let body = json!({ "date": today, "destinationKind": "school", "destination": "Hill Primary", "guardianAccessDays": 0 });
                let (status, left) =
                    t.call_with("PUT", &format!("{path}/leaving"), Some(&manager), Some(body), &[("if-match", &version)]).await;
                assert_eq!(status, 200, "{left}");
                let event: serde_json::Value = serde_json::from_str(&text).unwrap();
                assert!(nestling_children::notices::run_schedule(&t.app, &event).await.unwrap() >= 1);
                assert_eq!(nestling_children::notices::run_schedule(&t.app, &event).await.unwrap(), 0, "a second run sends nothing twice");
                let id = format!("access-ending-{child}-{today}-{}", parent.user_id);
                assert!(t.app.store().get(&OutboxRecord::key(&id)).await.unwrap().is_some(), "the parent's notice");
            }
            Trigger::Schedule { .. } if function.name == "retention-sweep" => {
                // The erasure approved above goes tonight (the journal, diary, messages and
                // assessment of the child who left); the child who left today
                // (access-ending-notices put it on the index) keeps its records for years.
                let event: serde_json::Value = serde_json::from_str(&text).unwrap();
                let swept = nestling_children::sweep::run_schedule(&t.app, &event).await.unwrap();
                assert_eq!((swept.kinds, swept.children), (4, 0));
                assert_eq!(nestling_children::sweep::run_schedule(&t.app, &event).await.unwrap().kinds, 0, "a second run deletes nothing");
                let key = nestling_platform::records::ChildRecord::key(&id(&setting_id), &id(&child));
                let stored: nestling_platform::records::ChildRecord = from_item(t.app.store().get(&key).await.unwrap().unwrap()).unwrap();
                assert_eq!(stored.gsi1pk.as_deref(), Some(nestling_platform::store::keys::RETENTION_DUE), "on the sweep's index");
            }
            Trigger::Schedule { .. } if function.name == "funding-reminders" => {
                // The code funding-set recorded is due in a week: nothing yet today; eight days
                // on its grace has begun, and the parent and the manager are told once.
                let mut event: serde_json::Value = serde_json::from_str(&text).unwrap();
                assert_eq!(nestling_bookings::funding::run_schedule(&t.app, &event).await.unwrap(), 0);
                event["time"] = json!(nestling_platform::app::rfc3339(t.app.clock.now() + time::Duration::days(8)));
                assert_eq!(nestling_bookings::funding::run_schedule(&t.app, &event).await.unwrap(), 2);
                assert_eq!(nestling_bookings::funding::run_schedule(&t.app, &event).await.unwrap(), 0, "a second run sends nothing twice");
            }
            Trigger::Schedule { .. } if function.name == "invoice-reminders" => {
                // A second parent's invoice, long past its due day and unpaid: reminded once.
                let other = t.guardian(&setting_id, &manager, &booked_child, "parent", true).await;
                let unpaid = t.invoice_for(&setting_id, &booked_child, &other.user_id).await;
                let event: serde_json::Value = serde_json::from_str(&text).unwrap();
                assert!(nestling_bookings::overdue::run_schedule(&t.app, &event).await.unwrap() >= 1);
                assert_eq!(nestling_bookings::overdue::run_schedule(&t.app, &event).await.unwrap(), 0, "a second run sends nothing twice");
                let id = format!("invoice-overdue-{setting_id}-{unpaid}-0");
                assert!(t.app.store().get(&OutboxRecord::key(&id)).await.unwrap().is_some(), "the reminder to its payer");
            }
            Trigger::Schedule { .. } if function.name == "breach-deadlines" => {
                // The overdue breach brings both reminders to the manager, once.
                let event: serde_json::Value = serde_json::from_str(&text).unwrap();
                assert_eq!(nestling_incidents::run_schedule(&t.app, &event).await.unwrap(), 2);
                assert_eq!(nestling_incidents::run_schedule(&t.app, &event).await.unwrap(), 0, "a second run sends nothing twice");
                for reminder in ["due-soon", "overdue"] {
                    let id = format!("breach-{overdue_breach}-{reminder}-{}", manager.user_id);
                    assert!(t.app.store().get(&OutboxRecord::key(&id)).await.unwrap().is_some(), "{reminder} reminder");
                }
            }
            Trigger::Schedule { .. } => {
                // One digest line for the parent on the day before the scheduled time.
                let yesterday = nestling_outbox::notifications::digest_day_for(t.app.clock.now());
                let line = nestling_platform::notify::DigestLineRecord {
                    pk: nestling_platform::store::keys::digest_day(&yesterday),
                    sk: format!("{}#event#0", parent.user_id),
                    kind: "digest-line".into(),
                    user_id: id(&parent.user_id),
                    email: parent.email.clone(),
                    name: "Pat".into(),
                    setting_id: Some(id(&setting_id)),
                    child_id: Some(id(&child)),
                    setting_name: "Bluebell Pre-School".into(),
                    line: "A new observation in Ava's learning journal.".into(),
                    at: nestling_domain::Timestamp::parse(&format!("{yesterday}T10:00:00Z")).unwrap(),
                    expires_at: 0,
                };
                t.put_item(nestling_platform::store::to_item(&line)).await;
                let event: serde_json::Value = serde_json::from_str(&text).unwrap();
                assert_eq!(nestling_outbox::notifications::run_schedule(&t.app, &event).await.unwrap(), 1);
                assert_eq!(
                    nestling_outbox::notifications::run_schedule(&t.app, &event).await.unwrap(),
                    0,
                    "a second run sends nothing twice"
                );
                let id = format!("digest-{yesterday}-{}", parent.user_id);
                assert!(t.app.store().get(&OutboxRecord::key(&id)).await.unwrap().is_some());
            }
            Trigger::TableStream { prefix: "PUSH#", .. } => {
                let event: aws_lambda_events::dynamodb::Event = serde_json::from_str(&text).unwrap();
                let record: nestling_platform::records::PushRecord =
                    serde_dynamo::from_item(event.records[0].change.new_image.clone()).unwrap();
                t.put_item(nestling_platform::store::to_item(&record)).await;
                assert!(nestling_outbox::push::handle_push(&t.app, event).await.batch_item_failures.is_empty());
                let again: aws_lambda_events::dynamodb::Event = serde_json::from_str(&text).unwrap();
                assert!(nestling_outbox::push::handle_push(&t.app, again).await.batch_item_failures.is_empty());
                let stored: nestling_platform::records::PushRecord =
                    from_item(t.app.store().get(&nestling_platform::records::PushRecord::key(&record.push_id)).await.unwrap().unwrap())
                        .unwrap();
                assert_eq!(stored.status, nestling_platform::records::OutboxStatus::Sent);
                assert_eq!(stored.outcome.as_deref(), Some("accepted"));
                assert_eq!(stored.attempts, 1, "sent once, redelivery or not");
            }
            Trigger::TableStream { prefix: "JOURNEY#", .. } => {
                // The journey journey-request asked for today: made once, redelivery or not,
                // and the child's parent emailed a link to it (journey-download reads it next).
                let event: aws_lambda_events::dynamodb::Event = serde_json::from_str(&text).unwrap();
                let record: nestling_platform::records::JourneyRecord =
                    serde_dynamo::from_item(event.records[0].change.new_image.clone()).unwrap();
                assert!(nestling_journey::build::handle_build(&t.app, event).await.batch_item_failures.is_empty());
                let again: aws_lambda_events::dynamodb::Event = serde_json::from_str(&text).unwrap();
                assert!(nestling_journey::build::handle_build(&t.app, again).await.batch_item_failures.is_empty());
                let key = nestling_platform::records::JourneyRecord::key(&record.setting_id, &record.child_id, &record.day);
                let stored: nestling_platform::records::JourneyRecord = from_item(t.app.store().get(&key).await.unwrap().unwrap()).unwrap();
                assert_eq!(stored.status, nestling_platform::records::JourneyStatus::Ready);
                assert_eq!(stored.version, 2, "made once");
                assert!(stored.pdf_bytes > 0 && stored.archive_bytes > stored.pdf_bytes);
                let email = format!("journey-{child}-{}-{}", record.day, parent.user_id);
                assert!(t.app.store().get(&OutboxRecord::key(&email)).await.unwrap().is_some(), "the parent's link");
            }
            Trigger::TableStream { prefix: "RIGHTS-EXPORT#", .. } => {
                // The gathering rights-export-gather asked for: done once, redelivery or not
                // (or by the stream first), leaving the export in review.
                let event: aws_lambda_events::dynamodb::Event = serde_json::from_str(&text).unwrap();
                assert!(nestling_rights::export::build::handle_build(&t.app, event).await.batch_item_failures.is_empty());
                let again: aws_lambda_events::dynamodb::Event = serde_json::from_str(&text).unwrap();
                assert!(nestling_rights::export::build::handle_build(&t.app, again).await.batch_item_failures.is_empty());
                let key = nestling_platform::records::RightsRequestRecord::key(&id(&setting_id), &export_request_id);
                let stored: nestling_platform::records::RightsRequestRecord =
                    from_item(t.app.store().get(&key).await.unwrap().unwrap()).unwrap();
                let export = stored.export.expect("gathered");
                assert_eq!(export.status, nestling_platform::records::ExportStatus::Review);
                assert!(export.items >= 2, "the account and the membership at least");
                let job = nestling_platform::records::ExportJobRecord::key(
                    &id(&setting_id),
                    &export_request_id,
                    nestling_platform::records::ExportStep::Gather,
                );
                assert!(t.app.store().get(&job).await.unwrap().is_none(), "the step is done");
            }
            Trigger::TableStream { .. } => {
                // The item the event describes exists (the stream reports a real write).
                let event: aws_lambda_events::dynamodb::Event = serde_json::from_str(&text).unwrap();
                let image = event.records[0].change.new_image.clone();
                let record: OutboxRecord = serde_dynamo::from_item(image).unwrap();
                t.put_item(nestling_platform::store::to_item(&record)).await;
                let response = nestling_outbox::handle(&t.app, event).await;
                assert!(response.batch_item_failures.is_empty());
                // Delivered duplicates (Lambda's at-least-once) do not send twice.
                let again: aws_lambda_events::dynamodb::Event = serde_json::from_str(&text).unwrap();
                assert!(nestling_outbox::handle(&t.app, again).await.batch_item_failures.is_empty());
                let sent = t.mail_to(&mail_to).await;
                assert_eq!(sent.len(), 1, "exactly one email for one outbox item");
                let stored = t.app.store().get(&OutboxRecord::key(&outbox_id)).await.unwrap().unwrap();
                let stored: OutboxRecord = from_item(stored).unwrap();
                assert_eq!(stored.status, nestling_platform::records::OutboxStatus::Sent);
            }
        }
    }
}

/// A code from `email`'s enrolled authenticator now (empty for someone without one).
async fn totp_code(email: &str) -> String {
    match nestling_local::provision::totp_secret_of(email) {
        Some(secret) => nestling_local::totp::code_now(&secret).await.unwrap_or_default(),
        None => String::new(),
    }
}

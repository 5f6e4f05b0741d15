//! Daily care over HTTP against the local stack: safe collection, the register, what parents
//! see and when, staff hours, and ratio breaches emailed once per episode.

use nestling_platform::records::{ChildRecord, DayRecord};
use nestling_platform::store::from_item;
use nestling_tests::{id, spawn_app, unique, Person, TestApp};
use serde_json::{json, Value};
use time::Duration;

/// Moves the test's clock to 08:00 UTC tomorrow (08:00 or 09:00 in London): a morning
/// before the default publishing time of 10:30, whenever the suite runs.
fn start_the_morning(t: &TestApp) {
    let now = t.app.clock.now();
    let tomorrow = now.date().next_day().unwrap();
    let eight = tomorrow.with_hms(8, 0, 0).unwrap().assume_utc();
    t.app.clock.advance(eight - now);
}

struct Nursery {
    s: String,
    manager: Person,
    practitioner: Person,
    room: String,
    ava: String,
    parent: Person,
}

async fn nursery(t: &TestApp) -> Nursery {
    let (s, manager) = t.setting().await;
    let practitioner = t.staff(&s, &manager, "practitioner").await;
    let room = t.room(&s, &manager).await;
    let ava = t.child(&s, &manager, &room, &practitioner.user_id).await;
    let parent = t.guardian(&s, &manager, &ava, "parent", true).await;
    Nursery { s, manager, practitioner, room, ava, parent }
}

/// A child who is two on the test's day (and stays two for the next eleven months).
async fn child_aged_two(t: &TestApp, n: &Nursery) -> String {
    let today = t.app.clock.now().date();
    let born = time::Date::from_calendar_date(today.year() - 2, today.month(), 1).unwrap().previous_day().unwrap();
    let mut body = nestling_tests::child_body(&n.room, &n.practitioner.user_id);
    body["dateOfBirth"] = json!(born.to_string());
    let (status, made) = t.call("POST", &format!("/v1/settings/{}/children", n.s), Some(&n.manager), Some(body)).await;
    assert_eq!(status, 201, "{made}");
    made["childId"].as_str().unwrap().to_string()
}

async fn mark(t: &TestApp, n: &Nursery, who: &Person, child: &str, body: Value) -> (u16, Value) {
    t.call("POST", &format!("/v1/settings/{}/children/{child}/attendance", n.s), Some(who), Some(body)).await
}

async fn day_version(t: &TestApp, n: &Nursery) -> u64 {
    let date = nestling_domain::care::local(t.app.clock.now(), "Europe/London").date().to_string();
    match t.app.store().get(&DayRecord::key(&id(&n.s), &date)).await.unwrap() {
        Some(item) => from_item::<DayRecord>(item).unwrap().version,
        None => 0,
    }
}

#[tokio::test]
async fn children_go_home_only_with_someone_allowed_to_collect_them() {
    let t = spawn_app().await;
    start_the_morning(&t);
    let n = nursery(&t).await;
    let s = &n.s;

    // The parents list an authorised collector; the password is stored only as a hash.
    let (status, list) = t
        .call(
            "PUT",
            &format!("/v1/settings/{s}/children/{}/collectors", n.ava),
            Some(&n.parent),
            Some(json!({
                "collectors": [{ "name": "Jo Smith", "relationship": "aunt", "password": "blue-kite-42" }]
            })),
        )
        .await;
    assert_eq!(status, 200, "{list}");
    assert!(!list.to_string().contains("blue-kite-42"));
    let jo = list["collectors"][0]["collectorId"].as_str().unwrap().to_string();
    let stored: ChildRecord = from_item(t.app.store().get(&ChildRecord::key(&id(s), &id(&n.ava))).await.unwrap().unwrap()).unwrap();
    assert!(stored.collectors[0].password_hash.starts_with("$argon2id$"));
    assert!(!stored.collectors[0].password_hash.contains("blue-kite-42"));
    // Staff cannot change the family's list; a new collector needs a password.
    let (status, _) = t
        .call("PUT", &format!("/v1/settings/{s}/children/{}/collectors", n.ava), Some(&n.manager), Some(json!({ "collectors": [] })))
        .await;
    assert_eq!(status, 403);
    let (status, body) = t
        .call(
            "PUT",
            &format!("/v1/settings/{s}/children/{}/collectors", n.ava),
            Some(&n.parent),
            Some(json!({
                "collectors": [{ "name": "Sam", "relationship": "neighbour" }]
            })),
        )
        .await;
    assert_eq!(status, 422, "{body}");

    // Signing out a child who is not signed in is a conflict.
    let (status, body) =
        mark(&t, &n, &n.practitioner, &n.ava, json!({ "mark": "sign-out", "collectedBy": { "guardianId": n.parent.user_id } })).await;
    assert_eq!((status, body["type"].as_str().unwrap_or_default()), (409, "https://nestling.app/problems/not-signed-in"), "{body}");

    // Sign-in, retried with the same Idempotency-Key: recorded once.
    let url = format!("/v1/settings/{s}/children/{}/attendance", n.ava);
    let key = [("idempotency-key", "sign-in-ava-1")];
    let (status, first) = t.call_with("POST", &url, Some(&n.practitioner), Some(json!({ "mark": "sign-in" })), &key).await;
    assert_eq!(status, 201, "{first}");
    let (status, again) = t.call_with("POST", &url, Some(&n.practitioner), Some(json!({ "mark": "sign-in" })), &key).await;
    assert_eq!((status, &again), (201, &first));
    assert_eq!(first["sessions"].as_array().unwrap().len(), 1);
    let (status, _) = mark(&t, &n, &n.practitioner, &n.ava, json!({ "mark": "sign-in" })).await;
    assert_eq!(status, 409, "signed in twice");

    // Refusals change nothing: someone unknown, a wrong password, an override by a practitioner.
    let before = day_version(&t, &n).await;
    let stranger = json!({ "mark": "sign-out", "collectedBy": { "name": "Ray Stranger", "relationship": "friend" } });
    let (status, body) = mark(&t, &n, &n.practitioner, &n.ava, stranger.clone()).await;
    assert_eq!((status, body["type"].as_str().unwrap()), (422, "https://nestling.app/problems/collection-not-authorised"), "{body}");
    let (status, body) = mark(
        &t,
        &n,
        &n.practitioner,
        &n.ava,
        json!({ "mark": "sign-out", "collectedBy": { "collectorId": jo, "password": "wrong-password" } }),
    )
    .await;
    assert_eq!((status, body["type"].as_str().unwrap()), (422, "https://nestling.app/problems/collection-password-wrong"), "{body}");
    let mut overridden = stranger.clone();
    overridden["overrideReason"] = json!("Mum phoned: Ray collects today.");
    let (status, body) = mark(&t, &n, &n.practitioner, &n.ava, overridden.clone()).await;
    assert_eq!((status, body["type"].as_str().unwrap()), (403, "https://nestling.app/problems/override-not-allowed"), "{body}");
    assert_eq!(day_version(&t, &n).await, before, "refusals wrote nothing");

    // A manager's override lets Ray collect: recorded, audited and emailed to the managers.
    let (status, out) = mark(&t, &n, &n.manager, &n.ava, overridden).await;
    assert_eq!(status, 201, "{out}");
    let collected = &out["sessions"][0]["collectedBy"];
    assert_eq!((collected["kind"].as_str(), collected["name"].as_str()), (Some("override"), Some("Ray Stranger")));
    assert_eq!(collected["overrideReason"], "Mum phoned: Ray collects today.");
    let (status, _) =
        mark(&t, &n, &n.manager, &n.ava, json!({ "mark": "sign-out", "collectedBy": { "guardianId": n.parent.user_id } })).await;
    assert_eq!(status, 409, "signed out twice");
    t.drain_outbox().await;
    assert_eq!(
        t.mail_to(&n.manager.email).await.iter().filter(|m| m.subject.starts_with("Collection override")).count(),
        1,
        "the managers are told of the override"
    );
    let (_, log) = t.call("GET", &format!("/v1/settings/{s}/audit?childId={}", n.ava), Some(&n.manager), None).await;
    let actions: Vec<&str> = log["items"].as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap()).collect();
    for wanted in ["collectors.set", "attendance.sign-in", "attendance.collection.override", "attendance.sign-out"] {
        assert!(actions.contains(&wanted), "{wanted} missing from {actions:?}");
    }

    // Back after lunch; Jo collects with the right password; then a guardian not allowed to
    // collect is refused.
    t.app.clock.advance(Duration::hours(1));
    assert_eq!(mark(&t, &n, &n.practitioner, &n.ava, json!({ "mark": "sign-in" })).await.0, 201);
    let (status, out) = mark(
        &t,
        &n,
        &n.practitioner,
        &n.ava,
        json!({ "mark": "sign-out", "collectedBy": { "collectorId": jo, "password": "blue-kite-42" } }),
    )
    .await;
    assert_eq!(status, 201, "{out}");
    assert_eq!(out["sessions"][1]["collectedBy"]["kind"], "collector");
    let uncle = format!("{}@families.test", unique("uncle"));
    let (status, link) = t
        .call("POST", &format!("/v1/settings/{s}/children/{}/guardians", n.ava), Some(&n.manager), Some(json!({
            "email": uncle, "name": "Ned Brown", "relationship": "uncle", "parentalResponsibility": false, "access": "family", "mayCollect": false
        })))
        .await;
    assert_eq!(status, 201, "{link}");
    assert_eq!(mark(&t, &n, &n.practitioner, &n.ava, json!({ "mark": "sign-in" })).await.0, 201);
    let (status, _) =
        mark(&t, &n, &n.practitioner, &n.ava, json!({ "mark": "sign-out", "collectedBy": { "guardianId": link["userId"] } })).await;
    assert_eq!(status, 422);
    let (status, _) =
        mark(&t, &n, &n.practitioner, &n.ava, json!({ "mark": "sign-out", "collectedBy": { "guardianId": n.parent.user_id } })).await;
    assert_eq!(status, 201);
}

#[tokio::test]
async fn the_register_and_what_parents_see_and_when() {
    let t = spawn_app().await;
    start_the_morning(&t);
    let n = nursery(&t).await;
    let s = &n.s;
    let leo = t.child(s, &n.manager, &n.room, &n.practitioner.user_id).await;
    let leo_parent = t.guardian(s, &n.manager, &leo, "parent", true).await;

    // Leo's parent reports today's absence; a date in the past is refused.
    let today = nestling_domain::care::local(t.app.clock.now(), "Europe/London").date();
    let (status, body) = t
        .call(
            "POST",
            &format!("/v1/settings/{s}/children/{leo}/absences"),
            Some(&leo_parent),
            Some(json!({
                "from": today.to_string(), "to": (today + Duration::days(1)).to_string(), "reason": "Chickenpox"
            })),
        )
        .await;
    assert_eq!(status, 201, "{body}");
    assert_eq!(body["dates"].as_array().unwrap().len(), 2);
    let (status, _) = t
        .call(
            "POST",
            &format!("/v1/settings/{s}/children/{leo}/absences"),
            Some(&leo_parent),
            Some(json!({
                "from": (today - Duration::days(1)).to_string(), "to": today.to_string(), "reason": "Late"
            })),
        )
        .await;
    assert_eq!(status, 422);
    // Another family's parent cannot report for Leo.
    let (status, _) = t
        .call(
            "POST",
            &format!("/v1/settings/{s}/children/{leo}/absences"),
            Some(&n.parent),
            Some(json!({
                "from": today.to_string(), "to": today.to_string(), "reason": "x"
            })),
        )
        .await;
    assert_eq!(status, 404);

    // Ava arrives at 08:00 and leaves at 11:30 with her mother.
    assert_eq!(mark(&t, &n, &n.practitioner, &n.ava, json!({ "mark": "sign-in" })).await.0, 201);
    let attendance = format!("/v1/settings/{s}/children/{}/attendance", n.ava);
    // Staff see it at once; the parent not before the publishing time (10:30).
    let (_, staff_view) = t.call("GET", &attendance, Some(&n.practitioner), None).await;
    assert_eq!(staff_view["days"].as_array().unwrap().len(), 1, "{staff_view}");
    let (status, parent_view) = t.call("GET", &attendance, Some(&n.parent), None).await;
    assert_eq!(status, 200);
    assert!(parent_view["days"].as_array().unwrap().is_empty(), "never live: {parent_view}");
    t.app.clock.advance(Duration::minutes(3 * 60 + 30));
    let (_, parent_view) = t.call("GET", &attendance, Some(&n.parent), None).await;
    let sessions = parent_view["days"][0]["sessions"].as_array().unwrap();
    assert_eq!(sessions.len(), 1, "{parent_view}");
    assert!(sessions[0]["outAt"].is_null());
    let (status, _) =
        mark(&t, &n, &n.practitioner, &n.ava, json!({ "mark": "sign-out", "collectedBy": { "guardianId": n.parent.user_id } })).await;
    assert_eq!(status, 201);
    let (_, parent_view) = t.call("GET", &attendance, Some(&n.parent), None).await;
    assert!(parent_view["days"][0]["sessions"][0]["outAt"].is_null(), "the sign-out waits its delay too");
    t.app.clock.advance(Duration::minutes(61));
    let (_, parent_view) = t.call("GET", &attendance, Some(&n.parent), None).await;
    let session = &parent_view["days"][0]["sessions"][0];
    assert!(session["outAt"].is_string(), "{parent_view}");
    assert_eq!(session["collectedBy"]["name"], "Beth Brown");
    assert_eq!(parent_view["days"][0]["minutes"], 210);
    // The other family's parent learns nothing of Ava.
    assert_eq!(t.call("GET", &attendance, Some(&leo_parent), None).await.0, 404);

    // A mark entered after the fact, with another UTC offset: stored in UTC, and shown to
    // the parent no sooner than the delay after it was recorded.
    t.app.clock.advance(Duration::minutes(60));
    let earlier = (t.app.clock.now() - Duration::minutes(65)).to_offset(time::macros::offset!(+1));
    let at = earlier.format(&time::format_description::well_known::Rfc3339).unwrap();
    let (status, back) = mark(&t, &n, &n.practitioner, &n.ava, json!({ "mark": "sign-in", "at": at })).await;
    assert_eq!(status, 201, "{back}");
    assert!(back["sessions"][1]["inAt"].as_str().unwrap().ends_with('Z'), "{back}");
    let (_, parent_view) = t.call("GET", &attendance, Some(&n.parent), None).await;
    assert_eq!(parent_view["days"][0]["sessions"].as_array().unwrap().len(), 1, "not shown at once: {parent_view}");
    t.app.clock.advance(Duration::minutes(61));
    let (_, parent_view) = t.call("GET", &attendance, Some(&n.parent), None).await;
    assert_eq!(parent_view["days"][0]["sessions"].as_array().unwrap().len(), 2, "{parent_view}");
    assert_eq!(
        mark(&t, &n, &n.practitioner, &n.ava, json!({ "mark": "sign-out", "collectedBy": { "guardianId": n.parent.user_id } })).await.0,
        201
    );

    // The register: every child, times, hours, key person, who collected, absences.
    let (status, register) = t.call("GET", &format!("/v1/settings/{s}/register?date={today}"), Some(&n.practitioner), None).await;
    assert_eq!(status, 200, "{register}");
    let lines = register["children"].as_array().unwrap();
    assert_eq!(lines.len(), 2);
    let ava = lines.iter().find(|l| l["childId"] == n.ava.as_str()).unwrap();
    assert!(ava["minutes"].as_i64().unwrap() > 210, "both sessions: {ava}");
    assert_eq!(ava["keyPersonName"], "Pat Practitioner");
    assert_eq!(ava["roomName"], "Acorns");
    assert_eq!(ava["sessions"][0]["collectedBy"]["relationship"], "mother");
    let leo_line = lines.iter().find(|l| l["childId"] == leo.as_str()).unwrap();
    assert_eq!(leo_line["absence"]["reason"], "Chickenpox");
    assert_eq!(register["present"], 0);
    // Parents have no register; the read is in the access log for both children.
    assert_eq!(t.call("GET", &format!("/v1/settings/{s}/register"), Some(&n.parent), None).await.0, 403);
    let (_, log) = t.call("GET", &format!("/v1/settings/{s}/audit?childId={leo}"), Some(&n.manager), None).await;
    let actions: Vec<&str> = log["items"].as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap()).collect();
    assert!(actions.contains(&"register.view") && actions.contains(&"absence.report"), "{actions:?}");
    // A bad date is a clear error.
    let (status, body) = t.call("GET", &format!("/v1/settings/{s}/register?date=yesterday"), Some(&n.manager), None).await;
    assert_eq!(status, 422, "{body}");
}

#[tokio::test]
async fn a_ratio_breach_emails_the_managers_once_per_episode() {
    let t = spawn_app().await;
    start_the_morning(&t);
    let n = nursery(&t).await;
    let s = &n.s;
    // Six two-year-olds (1:5) in Acorns, born two years before the test's day.
    let mut children = Vec::new();
    for _ in 0..6 {
        children.push(child_aged_two(&t, &n).await);
    }
    let clock = format!("/v1/settings/{s}/staff/me/clock");
    let ratio_mail = |mail: &[nestling_local::seed::SentMail]| mail.iter().filter(|m| m.subject == "Ratio breach in Acorns").count();

    // The first child arrives before any adult: a breach. The second changes nothing.
    let (_, first) = mark(&t, &n, &n.manager, &children[0], json!({ "mark": "sign-in" })).await;
    assert_eq!(first["room"]["status"], "breach", "{first}");
    assert_eq!(first["room"]["staffRequired"], 1);
    mark(&t, &n, &n.manager, &children[1], json!({ "mark": "sign-in" })).await;
    t.drain_outbox().await;
    assert_eq!(ratio_mail(&t.mail_to(&n.manager.email).await), 1, "one email for the episode");

    // The practitioner clocks in: the episode ends.
    t.app.clock.advance(Duration::minutes(10));
    let (status, clocked) = t.call("POST", &clock, Some(&n.practitioner), Some(json!({ "action": "in", "roomId": n.room }))).await;
    assert_eq!(status, 200, "{clocked}");
    assert_eq!(clocked["rooms"][0]["status"], "ok");
    let (status, _) = t.call("POST", &clock, Some(&n.practitioner), Some(json!({ "action": "in", "roomId": n.room }))).await;
    assert_eq!(status, 409, "already in this room");

    // Four more two-year-olds: six need two adults, one is there. A second episode.
    for child in &children[2..] {
        assert_eq!(mark(&t, &n, &n.manager, child, json!({ "mark": "sign-in" })).await.0, 201);
    }
    let (_, ratios) = t.call("GET", &format!("/v1/settings/{s}/ratios"), Some(&n.practitioner), None).await;
    let acorns = &ratios["rooms"][0];
    assert_eq!(
        (acorns["status"].as_str(), acorns["staffRequired"].as_u64(), acorns["children"]["two"].as_u64()),
        (Some("breach"), Some(2), Some(6)),
        "{ratios}"
    );
    assert_eq!(acorns["staff"][0]["name"], "Pat Practitioner");
    t.drain_outbox().await;
    assert_eq!(ratio_mail(&t.mail_to(&n.manager.email).await), 2, "a new episode, a new email");

    // The manager joins the room: recovered. Nobody else is emailed.
    t.app.clock.advance(Duration::minutes(5));
    let (_, joined) = t.call("POST", &clock, Some(&n.manager), Some(json!({ "action": "in", "roomId": n.room }))).await;
    assert_eq!(joined["rooms"][0]["status"], "ok", "{joined}");
    t.drain_outbox().await;
    assert_eq!(ratio_mail(&t.mail_to(&n.manager.email).await), 2);

    // The episodes, newest first, with their durations.
    let (status, breaches) = t.call("GET", &format!("/v1/settings/{s}/ratio-breaches"), Some(&n.practitioner), None).await;
    assert_eq!(status, 200, "{breaches}");
    let items = breaches["items"].as_array().unwrap();
    assert_eq!(items.len(), 2);
    assert_eq!((items[0]["durationMinutes"].as_i64(), items[0]["open"].as_bool()), (Some(5), Some(false)));
    assert_eq!((items[1]["durationMinutes"].as_i64(), items[1]["staffRequired"].as_u64()), (Some(10), Some(1)));
    assert_eq!(t.call("GET", &format!("/v1/settings/{s}/ratio-breaches"), Some(&n.parent), None).await.0, 403);

    // Clocking out and the timesheets: the practitioner worked 2 hours.
    t.app.clock.advance(Duration::minutes(115));
    let (status, out) = t.call("POST", &clock, Some(&n.practitioner), Some(json!({ "action": "out" }))).await;
    assert_eq!(status, 200, "{out}");
    let (status, _) = t.call("POST", &clock, Some(&n.practitioner), Some(json!({ "action": "out" }))).await;
    assert_eq!(status, 409, "not clocked in");
    let today = nestling_domain::care::local(t.app.clock.now(), "Europe/London").date();
    let (status, sheets) = t.call("GET", &format!("/v1/settings/{s}/timesheets?from={today}&to={today}"), Some(&n.manager), None).await;
    assert_eq!(status, 200, "{sheets}");
    let pat = sheets["staff"].as_array().unwrap().iter().find(|x| x["userId"] == n.practitioner.user_id.as_str()).unwrap();
    assert_eq!((pat["minutes"].as_i64(), pat["openSessions"].as_u64()), (Some(120), Some(0)));
    let maya = sheets["staff"].as_array().unwrap().iter().find(|x| x["userId"] == n.manager.user_id.as_str()).unwrap();
    assert_eq!(maya["openSessions"], 1, "still on the floor");
    assert_eq!(t.call("GET", &format!("/v1/settings/{s}/timesheets?from={today}&to={today}"), Some(&n.practitioner), None).await.0, 403);
    let (status, _) = t.call("GET", &format!("/v1/settings/{s}/timesheets"), Some(&n.manager), None).await;
    assert_eq!(status, 422, "a range is required");
}

#[tokio::test]
async fn a_childs_diary_medicines_and_accidents() {
    let t = spawn_app().await;
    start_the_morning(&t);
    let n = nursery(&t).await;
    let s = &n.s;
    let leo = t.child(s, &n.manager, &n.room, &n.practitioner.user_id).await;
    let leo_parent = t.guardian(s, &n.manager, &leo, "parent", true).await;
    let diary = format!("/v1/settings/{s}/children/{}/diary", n.ava);
    let now = t.app.clock.now();
    let at = |minutes: i64| nestling_platform::app::rfc3339(now - Duration::minutes(minutes));

    // The day, line by line, from staff; bad lines are refused.
    for line in [
        json!({ "kind": "meal", "what": "Porridge with banana", "amount": "all", "at": at(50) }),
        json!({ "kind": "nap", "start": at(40), "end": at(10) }),
        json!({ "kind": "nappy", "wet": true, "soiled": false, "cream": true }),
        json!({ "kind": "activity", "text": "Painted with her hands." }),
    ] {
        let (status, body) = t.call("POST", &diary, Some(&n.practitioner), Some(line)).await;
        assert_eq!(status, 201, "{body}");
    }
    for bad in [
        json!({ "kind": "nap", "start": at(10), "end": at(40) }),
        json!({ "kind": "meal", "what": "Soup", "amount": "loads" }),
        json!({ "kind": "bath" }),
        json!({ "kind": "note", "text": "Tomorrow", "at": nestling_platform::app::rfc3339(now + Duration::hours(3)) }),
    ] {
        let (status, body) = t.call("POST", &diary, Some(&n.practitioner), Some(bad.clone())).await;
        assert_eq!(status, 422, "{bad}: {body}");
    }
    assert_eq!(t.call("POST", &diary, Some(&n.parent), Some(json!({ "kind": "note", "text": "Hi" }))).await.0, 403);
    let (status, day) = t.call("GET", &diary, Some(&n.parent), None).await;
    assert_eq!(status, 200, "{day}");
    let kinds: Vec<&str> = day["entries"].as_array().unwrap().iter().map(|e| e["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["meal", "nap", "nappy", "activity"], "in time order");
    assert_eq!(day["entries"][0]["amount"], "all");
    assert_eq!(t.call("GET", &diary, Some(&leo_parent), None).await.0, 404);

    // Medicine: only under the parents' current written permission, with a witness.
    let doses = format!("/v1/settings/{s}/children/{}/medicine-doses", n.ava);
    let dose = json!({ "permissionId": "calpol", "amount": "5 ml", "witnessedBy": n.manager.user_id });
    let (status, body) = t.call("POST", &doses, Some(&n.practitioner), Some(dose.clone())).await;
    assert_eq!((status, body["type"].as_str().unwrap()), (422, "https://nestling.app/problems/no-medicine-permission"), "{body}");
    let permission = format!("/v1/settings/{s}/children/{}/medicine-permissions/calpol", n.ava);
    let tomorrow = (nestling_domain::care::local(now, "Europe/London").date() + Duration::days(1)).to_string();
    let written =
        json!({ "medicine": "Calpol", "dose": "5 ml", "times": ["when over 38C"], "prescribedBy": "Not prescribed", "until": tomorrow });
    assert_eq!(t.call("PUT", &permission, Some(&n.manager), Some(written.clone())).await.0, 403, "the parents give permission, not staff");
    let (status, body) = t.call("PUT", &permission, Some(&n.parent), Some(written.clone())).await;
    assert_eq!(status, 200, "{body}");
    let mut self_witnessed = dose.clone();
    self_witnessed["witnessedBy"] = json!(n.practitioner.user_id);
    assert_eq!(t.call("POST", &doses, Some(&n.practitioner), Some(self_witnessed)).await.0, 422);
    let mut parent_witness = dose.clone();
    parent_witness["witnessedBy"] = json!(n.parent.user_id);
    assert_eq!(t.call("POST", &doses, Some(&n.practitioner), Some(parent_witness)).await.0, 422);
    let (status, given) = t.call("POST", &doses, Some(&n.practitioner), Some(dose.clone())).await;
    assert_eq!(status, 201, "{given}");
    assert_eq!(given["doses"][0]["witnessedByName"], "Maya Manager");
    t.drain_outbox().await;
    let told = t.mail_to(&n.parent.email).await.into_iter().filter(|m| m.subject.contains("was given medicine")).count();
    assert_eq!(told, 1, "the parent hears the same day");
    let mut withdrawn = written.clone();
    withdrawn["withdrawn"] = json!(true);
    assert_eq!(t.call("PUT", &permission, Some(&n.parent), Some(withdrawn)).await.0, 200);
    assert_eq!(t.call("POST", &doses, Some(&n.practitioner), Some(dose)).await.0, 422, "a withdrawn permission covers nothing");

    // A serious accident: the managers hear at once; the parents only once it is reviewed.
    let (status, accident) = t
        .call(
            "POST",
            &format!("/v1/settings/{s}/children/{}/accidents", n.ava),
            Some(&n.practitioner),
            Some(json!({
                "place": "Garden", "whatHappened": "Fell from the climbing frame.", "injury": "Suspected broken wrist",
                "firstAid": "Splinted; parents called; taken to hospital.", "witnesses": ["Sam Taylor"], "serious": true
            })),
        )
        .await;
    assert_eq!(status, 201, "{accident}");
    let id = accident["accidentId"].as_str().unwrap().to_string();
    assert_eq!(accident["status"], "awaiting-review");
    assert!(accident["ofstedDeadline"].is_string());
    t.drain_outbox().await;
    assert_eq!(t.mail_to(&n.manager.email).await.iter().filter(|m| m.subject == "Serious accident: Ava").count(), 1);
    let child_accidents = format!("/v1/settings/{s}/children/{}/accidents", n.ava);
    let (_, seen) = t.call("GET", &child_accidents, Some(&n.parent), None).await;
    assert!(seen["items"].as_array().unwrap().is_empty(), "not before the review: {seen}");
    let acknowledge = format!("/v1/settings/{s}/accidents/{id}/acknowledge");
    assert_eq!(t.call("POST", &acknowledge, Some(&n.parent), Some(json!({}))).await.0, 404);
    let (_, open) = t.call("GET", &format!("/v1/settings/{s}/accidents?status=awaiting-review"), Some(&n.practitioner), None).await;
    let listed = &open["items"][0];
    assert_eq!(listed["accidentId"].as_str(), Some(id.as_str()), "{open}");
    assert!((14 * 24 - 1..=14 * 24).contains(&listed["ofstedHoursLeft"].as_i64().unwrap()), "{open}");
    let review = format!("/v1/settings/{s}/accidents/{id}/review");
    assert_eq!(t.call("POST", &review, Some(&n.practitioner), Some(json!({ "notes": "x" }))).await.0, 403);
    let (status, reviewed) =
        t.call("POST", &review, Some(&n.manager), Some(json!({ "notes": "Frame checked; reported to Ofsted." }))).await;
    assert_eq!(status, 200, "{reviewed}");
    assert_eq!(t.call("POST", &review, Some(&n.manager), Some(json!({ "notes": "again" }))).await.0, 409);
    t.drain_outbox().await;
    assert_eq!(t.mail_to(&n.parent.email).await.iter().filter(|m| m.subject.starts_with("Accident record for Ava")).count(), 1);
    let (_, seen) = t.call("GET", &child_accidents, Some(&n.parent), None).await;
    assert_eq!(seen["items"][0]["reviewNotes"], "Frame checked; reported to Ofsted.");
    assert_eq!(t.call("POST", &acknowledge, Some(&leo_parent), Some(json!({}))).await.0, 404, "another family");
    let (status, acknowledged) = t.call("POST", &acknowledge, Some(&n.parent), Some(json!({ "comment": "Thank you." }))).await;
    assert_eq!(status, 200, "{acknowledged}");
    assert_eq!(acknowledged["status"], "acknowledged");
    assert!(acknowledged["acknowledgedAt"].is_string());
    assert_eq!(t.call("POST", &acknowledge, Some(&n.parent), Some(json!({}))).await.0, 409);
    let (_, open) = t.call("GET", &format!("/v1/settings/{s}/accidents"), Some(&n.manager), None).await;
    assert!(open["items"].as_array().unwrap().is_empty(), "{open}");
    let (_, log) = t.call("GET", &format!("/v1/settings/{s}/audit?childId={}", n.ava), Some(&n.manager), None).await;
    let actions: Vec<&str> = log["items"].as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap()).collect();
    for wanted in [
        "diary.add",
        "diary.view",
        "medicine.permission.set",
        "medicine.dose",
        "accident.record",
        "accident.review",
        "accident.acknowledge",
    ] {
        assert!(actions.contains(&wanted), "{wanted} missing from {actions:?}");
    }
}

/// Rule 12 through absences (issue 17, finding 3): reporting an absence answers the same
/// whether or not the child is in, and an arrival does not change what the parent sees of the
/// day before the publishing time.
#[tokio::test]
async fn an_absence_never_tells_a_parent_that_the_child_is_in_before_the_publishing_time() {
    let t = spawn_app().await;
    start_the_morning(&t);
    let n = nursery(&t).await;
    let s = &n.s;
    let leo = t.child(s, &n.manager, &n.room, &n.practitioner.user_id).await;
    let leo_parent = t.guardian(s, &n.manager, &leo, "parent", true).await;
    let today = nestling_domain::care::local(t.app.clock.now(), "Europe/London").date().to_string();
    let absence = |reason: &str| json!({ "from": today, "to": today, "reason": reason });
    let report = |child: &str, who: &Person, reason: &str| {
        let (path, who, body) = (format!("/v1/settings/{s}/children/{child}/absences"), who.clone(), absence(reason));
        let t = &t;
        async move { t.call("POST", &path, Some(&who), Some(body)).await }
    };
    let parent_day = |child: &str, who: &Person| {
        let (path, who) = (format!("/v1/settings/{s}/children/{child}/attendance"), who.clone());
        let t = &t;
        async move {
            let (status, view) = t.call("GET", &path, Some(&who), None).await;
            assert_eq!(status, 200, "{view}");
            view["days"].as_array().unwrap().first().cloned()
        }
    };

    // Ava is signed in at 08:00; her mother, not yet able to see it, says she is off today.
    assert_eq!(mark(&t, &n, &n.practitioner, &n.ava, json!({ "mark": "sign-in" })).await.0, 201);
    t.app.clock.advance(Duration::minutes(5));
    let (status, reported) = report(&n.ava, &n.parent, "Poorly").await;
    assert_eq!(status, 201, "the same answer as for a child not in: {reported}");
    let day = parent_day(&n.ava, &n.parent).await.expect("the day, with her report");
    assert!(day["sessions"].as_array().unwrap().is_empty(), "never live: {day}");
    assert_eq!(day["absence"]["reason"], "Poorly");

    // Leo's absence is reported first; then he arrives after all. His parent's view of the day
    // does not change until the publishing time.
    assert_eq!(report(&leo, &leo_parent, "Chickenpox").await.0, 201);
    let before = parent_day(&leo, &leo_parent).await;
    t.app.clock.advance(Duration::minutes(5));
    assert_eq!(mark(&t, &n, &n.practitioner, &leo, json!({ "mark": "sign-in" })).await.0, 201);
    assert_eq!(parent_day(&leo, &leo_parent).await, before, "a sign-in shows in nothing a parent sees yet");

    // Staff see the truth at once: Leo is in (his arrival overtook the report), Ava is in and
    // her mother's later report stands for them to follow up.
    let (_, register) = t.call("GET", &format!("/v1/settings/{s}/register?date={today}"), Some(&n.practitioner), None).await;
    let line = |child: &str| register["children"].as_array().unwrap().iter().find(|l| l["childId"] == child).unwrap().clone();
    assert_eq!((line(&leo)["signedIn"].clone(), line(&leo)["absence"].clone()), (json!(true), Value::Null), "{register}");
    assert_eq!((line(&n.ava)["signedIn"].clone(), line(&n.ava)["absence"]["reason"].clone()), (json!(true), json!("Poorly")));

    // After the publishing time the parent sees the arrival, and the report it overtook is gone.
    t.app.clock.advance(Duration::minutes(3 * 60 + 30));
    let day = parent_day(&leo, &leo_parent).await.expect("the day");
    assert_eq!(day["sessions"].as_array().unwrap().len(), 1, "{day}");
    assert!(day["absence"].is_null(), "{day}");
}

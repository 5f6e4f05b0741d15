//! Concurrent load on one room's day (issue 17): clients sign children in and out and clock
//! staff in and out of the room at once, a few hundred operations over loopback. Every change
//! lands on the one day item, so they race: the store's versions and the use cases' retries
//! must lose no update, the register must match exactly the operations that answered 2xx, and
//! each ratio breach episode must be emailed exactly once. The figures are printed.

use nestling_platform::records::DayRecord;
use nestling_platform::store::from_item;
use nestling_tests::{id, spawn_app, Person, TestApp};
use serde_json::{json, Value};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

const CHILDREN: usize = 8;
const STAFF: usize = 3;
/// Each child: sign-in and sign-out this many times (the day's bound is 6 sessions).
const CHILD_SESSIONS: usize = 6;
/// Each member of staff: clock in and out this many times (the bound is 30 sessions a day).
const STAFF_SESSIONS: usize = 20;
const REGISTER_READS: usize = 30;
/// A client tries an operation this many times when the API answers 409 `busy` (each answer
/// is after the use case's own three attempts; about half the attempts lose a race here, so
/// thirty make a client that gives up vanishingly unlikely).
const CLIENT_ATTEMPTS: usize = 30;

#[derive(Default)]
struct Tally {
    ok: AtomicUsize,
    busy: AtomicUsize,
    retries: AtomicUsize,
    errors: AtomicUsize,
}

/// One operation as a careful client sends it: again (after a short pause) while the API
/// answers 409 `busy`; whether it finally succeeded.
async fn send(t: &TestApp, tally: &Tally, method: &str, path: &str, who: &Person, body: Option<Value>) -> bool {
    for attempt in 0..CLIENT_ATTEMPTS {
        if attempt > 0 {
            tally.retries.fetch_add(1, Ordering::Relaxed);
            tokio::time::sleep(Duration::from_millis((5 + 7 * attempt as u64).min(100))).await;
        }
        let (status, answer) = t.call(method, path, Some(who), body.clone()).await;
        match status {
            200 | 201 => {
                tally.ok.fetch_add(1, Ordering::Relaxed);
                return true;
            }
            409 if answer["type"].as_str().is_some_and(|t| t.ends_with("/busy")) => {
                tally.busy.fetch_add(1, Ordering::Relaxed);
            }
            _ => {
                eprintln!("{method} {path}: {status} {answer}");
                tally.errors.fetch_add(1, Ordering::Relaxed);
                return false;
            }
        }
    }
    tally.errors.fetch_add(1, Ordering::Relaxed);
    false
}

#[tokio::test]
async fn concurrent_marks_and_clocking_lose_no_update_and_email_each_breach_once() {
    let t = Arc::new(spawn_app().await);
    let (s, manager) = t.setting().await;
    let room = t.room(&s, &manager).await;
    let mut staff = Vec::new();
    for _ in 0..STAFF {
        staff.push(t.staff(&s, &manager, "practitioner").await);
    }
    // Two-year-olds (1:5): with no adult in the room the first arrival is a breach; staff
    // coming and going start and end episodes.
    let today = t.app.clock.now().date();
    let born = time::Date::from_calendar_date(today.year() - 2, today.month(), 1).unwrap().previous_day().unwrap();
    let mut children: Vec<(String, Person)> = Vec::new();
    for i in 0..CHILDREN {
        let mut body = nestling_tests::child_body(&room, &staff[i % STAFF].user_id);
        body["dateOfBirth"] = json!(born.to_string());
        let (status, made) = t.call("POST", &format!("/v1/settings/{s}/children"), Some(&manager), Some(body)).await;
        assert_eq!(status, 201, "{made}");
        let child = made["childId"].as_str().unwrap().to_string();
        // One family of eight: the parent joins once, then each child is linked to them.
        let parent = match children.first() {
            None => t.guardian(&s, &manager, &child, "parent", true).await,
            Some((_, parent)) => {
                let link = nestling_tests::guardian_body(&parent.email, "parent");
                let (status, linked) =
                    t.call("POST", &format!("/v1/settings/{s}/children/{child}/guardians"), Some(&manager), Some(link)).await;
                assert_eq!(status, 201, "{linked}");
                parent.clone()
            }
        };
        children.push((child, parent));
    }
    let tally = Arc::new(Tally::default());
    let started = Instant::now();
    let mut clients = Vec::new();
    let mut expected_sessions = Vec::new();
    for (i, (child, parent)) in children.iter().enumerate() {
        let (t, tally, s, child, parent, marker) =
            (t.clone(), tally.clone(), s.clone(), child.clone(), parent.clone(), staff[i % STAFF].clone());
        clients.push(tokio::spawn(async move {
            let path = format!("/v1/settings/{s}/children/{child}/attendance");
            let mut sessions = 0;
            for _ in 0..CHILD_SESSIONS {
                if !send(&t, &tally, "POST", &path, &marker, Some(json!({ "mark": "sign-in" }))).await {
                    break;
                }
                sessions += 1;
                let out = json!({ "mark": "sign-out", "collectedBy": { "guardianId": parent.user_id } });
                if !send(&t, &tally, "POST", &path, &marker, Some(out)).await {
                    break;
                }
            }
            ("child", child, sessions)
        }));
    }
    for person in &staff {
        let (t, tally, s, person, room) = (t.clone(), tally.clone(), s.clone(), person.clone(), room.clone());
        clients.push(tokio::spawn(async move {
            let path = format!("/v1/settings/{s}/staff/me/clock");
            let mut sessions = 0;
            for _ in 0..STAFF_SESSIONS {
                if !send(&t, &tally, "POST", &path, &person, Some(json!({ "action": "in", "roomId": room }))).await {
                    break;
                }
                sessions += 1;
                if !send(&t, &tally, "POST", &path, &person, Some(json!({ "action": "out" }))).await {
                    break;
                }
            }
            ("staff", person.user_id.clone(), sessions)
        }));
    }
    {
        let (t, tally, s, manager) = (t.clone(), tally.clone(), s.clone(), manager.clone());
        clients.push(tokio::spawn(async move {
            for _ in 0..REGISTER_READS {
                send(&t, &tally, "GET", &format!("/v1/settings/{s}/register"), &manager, None).await;
            }
            ("reader", String::new(), 0)
        }));
    }
    for client in clients {
        let (kind, who, sessions) = client.await.expect("a client");
        if kind != "reader" {
            expected_sessions.push((kind, who, sessions));
        }
    }
    let elapsed = started.elapsed();

    // The day as stored: exactly the sessions whose operations answered 2xx, each closed, and
    // one version per successful change (a lost update would leave fewer).
    let date = nestling_domain::care::local(t.app.clock.now(), "Europe/London").date().to_string();
    let day: DayRecord = from_item(t.app.store().get(&DayRecord::key(&id(&s), &date)).await.unwrap().expect("the day")).unwrap();
    let mut writes = 0;
    for (kind, who, sessions) in &expected_sessions {
        let stored = match *kind {
            "child" => day
                .children
                .get(&id::<nestling_domain::ChildId>(who))
                .map(|c| c.sessions.iter().map(|s| s.out_at.is_some()).collect::<Vec<_>>()),
            _ => day
                .staff
                .get(&id::<nestling_domain::UserId>(who))
                .map(|m| m.sessions.iter().map(|s| s.out_at.is_some()).collect::<Vec<_>>()),
        }
        .unwrap_or_default();
        assert_eq!(stored, vec![true; *sessions], "{kind} {who}: every session that answered 2xx, closed, and no other");
        writes += 2 * sessions;
    }
    let tally = &*tally;
    assert_eq!(tally.errors.load(Ordering::Relaxed), 0, "every operation succeeded in the end");
    assert_eq!(day.version as usize, writes, "one version per change that answered 2xx: no update lost");
    let full = CHILDREN * CHILD_SESSIONS * 2 + STAFF * STAFF_SESSIONS * 2;
    assert_eq!(writes, full, "every client finished its day");

    // The register says the same.
    let (status, register) = t.call("GET", &format!("/v1/settings/{s}/register?date={date}"), Some(&manager), None).await;
    assert_eq!(status, 200, "{register}");
    for line in register["children"].as_array().unwrap() {
        assert_eq!(line["sessions"].as_array().unwrap().len(), CHILD_SESSIONS, "{line}");
    }
    assert_eq!(register["present"], 0);

    // Each ratio breach episode, and one email to the manager for each.
    let mut episodes = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let query = cursor.as_ref().map(|c| format!("&cursor={c}")).unwrap_or_default();
        let (status, page) = t.call("GET", &format!("/v1/settings/{s}/ratio-breaches?limit=100{query}"), Some(&manager), None).await;
        assert_eq!(status, 200, "{page}");
        episodes.extend(page["items"].as_array().unwrap().iter().map(|e| e["breachId"].as_str().unwrap().to_string()));
        match page["nextCursor"].as_str() {
            Some(next) => cursor = Some(next.to_string()),
            None => break,
        }
    }
    assert!(!episodes.is_empty(), "staff coming and going broke the ratio");
    let unique: std::collections::BTreeSet<_> = episodes.iter().collect();
    assert_eq!(unique.len(), episodes.len());
    t.drain_outbox().await;
    let emails = t.mail_to(&manager.email).await.iter().filter(|m| m.subject.starts_with("Ratio breach in")).count();
    assert_eq!(emails, episodes.len(), "each episode emailed exactly once");

    let operations = tally.ok.load(Ordering::Relaxed);
    println!(
        "load: {operations} operations ({writes} changes, {REGISTER_READS} register reads) by {} clients in {:.1} s; \
         409 busy answers {}, client retries {}, errors {}; {} ratio breach episodes, {emails} emails",
        CHILDREN + STAFF + 1,
        elapsed.as_secs_f64(),
        tally.busy.load(Ordering::Relaxed),
        tally.retries.load(Ordering::Relaxed),
        tally.errors.load(Ordering::Relaxed),
        episodes.len(),
    );
}

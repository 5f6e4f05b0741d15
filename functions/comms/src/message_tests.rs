//! Private messages against the in-memory table: who is in a thread at each request (the key
//! person, the managers, one household), broadcasts families answer privately, the withdraw
//! window, and the alerts that wait for it, for the setting's opening and for being unread.

use super::*;
use nestling_domain::{AgeBand, GuardianAccess, Role};
use nestling_platform::records::{ChildRecord, HoldRecord, MemberRecord, UserRecord};
use nestling_platform::store::{text_of, to_item};
use nestling_platform::testing::{Person, World};
use serde_json::{json, Value};

fn base(w: &World) -> String {
    format!("/v1/settings/{}", w.setting_id)
}

async fn start(w: &World, who: &Person, child: &ChildId, body: Value) -> (u16, Value) {
    let path = format!("{}/children/{child}/threads", base(w));
    w.call(start_thread, w.request(Some(who), "POST", &path, Some(&body))).await
}

async fn inbox(w: &World, who: &Person) -> (u16, Value) {
    w.call(list_threads, w.request(Some(who), "GET", &format!("{}/threads", base(w)), None)).await
}

async fn open(w: &World, who: &Person, thread: &str) -> (u16, Value) {
    w.call(get_thread, w.request(Some(who), "GET", &format!("{}/threads/{thread}", base(w)), None)).await
}

async fn reply(w: &World, who: &Person, thread: &str, text: &str) -> (u16, Value) {
    let path = format!("{}/threads/{thread}/messages", base(w));
    w.call(send_message, w.request(Some(who), "POST", &path, Some(&json!({ "text": text })))).await
}

fn subjects(page: &Value) -> Vec<String> {
    page["items"].as_array().into_iter().flatten().map(|t| t["subject"].as_str().unwrap_or_default().to_string()).collect()
}

fn texts(thread: &Value) -> Vec<Option<String>> {
    thread["messages"].as_array().into_iter().flatten().map(|m| m["text"].as_str().map(String::from)).collect()
}

fn alert_emails(w: &World) -> Vec<String> {
    w.items_of_kind("outbox")
        .iter()
        .filter(|i| text_of(i, "purpose") == Some("message-alert"))
        .map(|i| text_of(i, "to").unwrap_or_default().to_string())
        .collect()
}

fn thread_id(started: &Value) -> String {
    started["threads"][0]["threadId"].as_str().unwrap().to_string()
}

#[tokio::test]
async fn a_parent_writes_to_the_key_person_and_no_other_practitioner_or_family_reads_it() {
    let w = World::new();
    let robins = w.room("Robins", AgeBand::Two);
    let key_person = w.member(Role::Practitioner);
    let colleague = w.member(Role::Practitioner);
    let ava = w.child("Ava", &robins, &key_person);
    let ben = w.child("Ben", &robins, &colleague);
    let parent = w.guardian_of(&ava, GuardianAccess::Parent);
    let other_family = w.guardian_of(&ben, GuardianAccess::Parent);

    let (status, started) =
        start(&w, &parent, &ava, json!({ "subject": "Nap times", "text": "Ava slept badly.", "to": "key-person" })).await;
    assert_eq!(status, 201, "{started}");
    let thread = thread_id(&started);
    assert_eq!(started["threads"][0]["with"], json!({ "with": "person", "userId": key_person.user_id }));

    assert_eq!(subjects(&inbox(&w, &key_person).await.1), ["Nap times"]);
    assert_eq!(subjects(&inbox(&w, &w.manager).await.1), ["Nap times"], "managers see every thread");
    assert_eq!(subjects(&inbox(&w, &colleague).await.1), Vec::<String>::new());
    assert_eq!(open(&w, &colleague, &thread).await.0, 404);
    assert_eq!(open(&w, &other_family, &thread).await.0, 404, "never another family");
    assert_eq!(subjects(&inbox(&w, &other_family).await.1), Vec::<String>::new());

    let (status, answer) = reply(&w, &key_person, &thread, "She was fine after lunch.").await;
    assert_eq!(status, 201, "{answer}");
    let (status, seen) = open(&w, &parent, &thread).await;
    assert_eq!(status, 200, "{seen}");
    assert_eq!(texts(&seen), [Some("Ava slept badly.".into()), Some("She was fine after lunch.".into())]);
    assert!(!seen["thread"]["unread"].as_bool().unwrap(), "opening it reads it");
    let audits = w.items_of_kind("audit");
    for action in ["message.send", "messages.thread.view", "messages.inbox.view"] {
        assert!(audits.iter().any(|a| text_of(a, "action") == Some(action)), "{action} is in the access log");
    }

    // A parent writes only about their own child, and never as `family` access.
    assert_eq!(start(&w, &parent, &ben, json!({ "subject": "x", "text": "y", "to": "room" })).await.0, 404);
    let grandad = w.guardian_of(&ava, GuardianAccess::Family);
    assert_eq!(start(&w, &grandad, &ava, json!({ "subject": "x", "text": "y", "to": "room" })).await.0, 403);
    assert_eq!(open(&w, &grandad, &thread).await.0, 404, "family access reads no child's thread");
}

#[tokio::test]
async fn separated_households_each_get_their_own_thread_and_never_see_the_other() {
    let w = World::new();
    let robins = w.room("Robins", AgeBand::Two);
    let key_person = w.member(Role::Practitioner);
    let ava = w.child("Ava", &robins, &key_person);
    let mum = w.guardian_of(&ava, GuardianAccess::Parent);
    let dad = w.guardian_of(&ava, GuardianAccess::Parent);
    for (who, n) in [(&mum, 1), (&dad, 2)] {
        let path = format!("{}/children/{ava}/guardians/{}/household", base(&w), who.user_id);
        let (status, body) = w.call(set_household, w.request(Some(&w.manager), "PUT", &path, Some(&json!({ "household": n })))).await;
        assert_eq!(status, 200, "{body}");
    }
    let path = format!("{}/children/{ava}/guardians/{}/household", base(&w), dad.user_id);
    assert_eq!(w.call(set_household, w.request(Some(&key_person), "PUT", &path, Some(&json!({ "household": 1 })))).await.0, 403);
    assert_eq!(w.call(set_household, w.request(Some(&w.manager), "PUT", &path, Some(&json!({ "household": 9 })))).await.0, 422);

    let (status, started) = start(&w, &key_person, &ava, json!({ "subject": "Parents' evening", "text": "Please book a slot." })).await;
    assert_eq!(status, 201, "{started}");
    let threads: Vec<String> = started["threads"].as_array().unwrap().iter().map(|t| t["threadId"].as_str().unwrap().to_string()).collect();
    assert_eq!(threads.len(), 2, "one thread per household");
    let (_, mums) = inbox(&w, &mum).await;
    let (_, dads) = inbox(&w, &dad).await;
    assert_eq!(subjects(&mums), ["Parents' evening"]);
    assert_eq!(subjects(&dads), ["Parents' evening"]);
    let mums_thread = mums["items"][0]["threadId"].as_str().unwrap().to_string();
    let dads_thread = dads["items"][0]["threadId"].as_str().unwrap().to_string();
    assert_ne!(mums_thread, dads_thread);
    assert_eq!(reply(&w, &mum, &mums_thread, "Tuesday please, not with him.").await.0, 201);
    assert_eq!(open(&w, &dad, &mums_thread).await.0, 404, "dad never reads mum's thread");
    let (_, dad_reads) = open(&w, &dad, &dads_thread).await;
    assert_eq!(texts(&dad_reads), [Some("Please book a slot.".into())]);
    let everything = serde_json::to_string(&dad_reads).unwrap();
    assert!(!everything.contains(&mum.email) && !everything.contains(&mum.user_id.to_string()), "nor her address");
}

#[tokio::test]
async fn a_revoked_or_held_parent_reads_nothing_from_that_moment() {
    let w = World::new();
    let robins = w.room("Robins", AgeBand::Two);
    let key_person = w.member(Role::Practitioner);
    let ava = w.child("Ava", &robins, &key_person);
    let parent = w.guardian_of(&ava, GuardianAccess::Parent);
    let (_, started) = start(&w, &key_person, &ava, json!({ "subject": "Shoes", "text": "Ava needs wellies." })).await;
    let thread = thread_id(&started);
    assert_eq!(open(&w, &parent, &thread).await.0, 200);

    // A hold: suspended at once (and nothing is sent to them).
    let key = ChildRecord::key(&w.setting_id, &ava);
    let mut child: ChildRecord = w.get(&key).unwrap();
    child.hold = Some(HoldRecord { reason: "s47".into(), placed_by: w.manager.user_id.clone(), placed_at: w.app.clock.timestamp() });
    w.table.insert(to_item(&child));
    let mut roster: RosterRecord = w.get(&RosterRecord::key(&w.setting_id)).unwrap();
    roster.children.insert(ava.clone(), child.summary());
    w.table.insert(to_item(&roster));
    assert_eq!(open(&w, &parent, &thread).await.0, 404);
    assert_eq!(inbox(&w, &parent).await.0, 403);
    assert_eq!(reply(&w, &parent, &thread, "Hello?").await.0, 404);
    let (status, refused) = start(&w, &key_person, &ava, json!({ "subject": "Shoes", "text": "Wellies?" })).await;
    assert_eq!(
        (status, refused["type"].as_str().unwrap()),
        (409, "https://nestling.app/problems/no-one-to-write"),
        "nothing queued for after the hold"
    );

    // Lifted, then the link revoked: refused again.
    child.hold = None;
    w.table.insert(to_item(&child));
    roster.children.insert(ava.clone(), child.summary());
    w.table.insert(to_item(&roster));
    assert_eq!(open(&w, &parent, &thread).await.0, 200);
    child.guardians.get_mut(&parent.user_id).unwrap().revoked_at = Some(w.app.clock.timestamp());
    w.table.insert(to_item(&child));
    let mut member: MemberRecord = w.get(&MemberRecord::key(&w.setting_id, &parent.user_id)).unwrap();
    member.linked_children.clear();
    w.table.insert(to_item(&member));
    assert_eq!(open(&w, &parent, &thread).await.0, 403, "a revoked link is refused by the authorisation");
    // The alert finds nobody to tell.
    w.app.clock.advance(time::Duration::minutes(11));
    send_message_alerts(&w.app, w.app.clock.timestamp()).await.unwrap();
    assert!(alert_emails(&w).is_empty());
}

#[tokio::test]
async fn families_read_a_broadcast_and_answer_it_privately() {
    let w = World::new();
    let robins = w.room("Robins", AgeBand::Two);
    let wrens = w.room("Wrens", AgeBand::ThreePlus);
    let practitioner = w.member(Role::Practitioner);
    let ava = w.child("Ava", &robins, &practitioner);
    let ben = w.child("Ben", &wrens, &practitioner);
    let avas_grandad = w.guardian_of(&ava, GuardianAccess::Family);
    let bens_parent = w.guardian_of(&ben, GuardianAccess::Parent);
    let send = |who: &Person, body: Value| {
        let request = w.request(Some(who), "POST", &format!("{}/broadcasts", base(&w)), Some(&body));
        w.call(send_broadcast, request)
    };
    let (status, made) =
        send(&practitioner, json!({ "subject": "Robins' trip", "text": "To the farm on Friday.", "roomId": robins })).await;
    assert_eq!(status, 201, "{made}");
    let robins_thread = thread_id(&made);
    assert_eq!(send(&practitioner, json!({ "subject": "All", "text": "Everyone" })).await.0, 403, "the whole setting: managers");
    assert_eq!(send(&w.manager, json!({ "subject": "Closing early", "text": "3pm on Friday." })).await.0, 201);

    assert_eq!(subjects(&inbox(&w, &avas_grandad).await.1), ["Closing early", "Robins' trip"]);
    assert_eq!(subjects(&inbox(&w, &bens_parent).await.1), ["Closing early"], "not another room's broadcast");
    assert_eq!(open(&w, &bens_parent, &robins_thread).await.0, 404);
    let (status, answer) = reply(&w, &avas_grandad, &robins_thread, "Can I come?").await;
    assert_eq!((status, answer["type"].as_str().unwrap()), (409, "https://nestling.app/problems/broadcast-reply-only"));
    let (_, seen) = open(&w, &avas_grandad, &robins_thread).await;
    assert_eq!(seen["thread"]["canReply"], false);
}

#[tokio::test]
async fn a_message_is_withdrawn_within_its_window_and_then_never_emailed() {
    let w = World::new();
    let robins = w.room("Robins", AgeBand::Two);
    let key_person = w.member(Role::Practitioner);
    let ava = w.child("Ava", &robins, &key_person);
    let parent = w.guardian_of(&ava, GuardianAccess::Parent);
    let (_, started) = start(&w, &key_person, &ava, json!({ "subject": "Oops", "text": "Meant for another family." })).await;
    let thread = thread_id(&started);
    let (_, seen) = open(&w, &key_person, &thread).await;
    let message = seen["messages"][0]["messageId"].as_str().unwrap().to_string();
    assert_eq!(seen["messages"][0]["mayWithdraw"], true);
    let path = format!("{}/threads/{thread}/messages/{message}", base(&w));
    assert_eq!(w.call(withdraw_message, w.request(Some(&parent), "DELETE", &path, None)).await.0, 403, "only its sender");
    w.app.clock.advance(time::Duration::minutes(3));
    let (status, body) = w.call(withdraw_message, w.request(Some(&key_person), "DELETE", &path, None)).await;
    assert_eq!(status, 200, "{body}");
    let (_, seen) = open(&w, &parent, &thread).await;
    assert_eq!(texts(&seen), [None]);
    assert_eq!(seen["messages"][0]["withdrawn"], true);
    assert_eq!(w.call(withdraw_message, w.request(Some(&key_person), "DELETE", &path, None)).await.0, 409);
    w.app.clock.advance(time::Duration::minutes(30));
    send_message_alerts(&w.app, w.app.clock.timestamp()).await.unwrap();
    assert!(alert_emails(&w).is_empty(), "a withdrawn message is never emailed");

    // Past the window it stays.
    let (_, sent) = reply(&w, &key_person, &thread, "Sorry about that.").await;
    let message = sent["message"]["messageId"].as_str().unwrap();
    w.app.clock.advance(time::Duration::minutes(11));
    let path = format!("{}/threads/{thread}/messages/{message}", base(&w));
    let (status, body) = w.call(withdraw_message, w.request(Some(&key_person), "DELETE", &path, None)).await;
    assert_eq!((status, body["type"].as_str().unwrap()), (409, "https://nestling.app/problems/withdraw-window-passed"));
}

#[tokio::test]
async fn alerts_wait_for_the_window_go_only_to_the_unread_and_follow_each_preference() {
    let w = World::new();
    let robins = w.room("Robins", AgeBand::Two);
    let key_person = w.member(Role::Practitioner);
    let ava = w.child("Ava", &robins, &key_person);
    let reader = w.guardian_of(&ava, GuardianAccess::Parent);
    let unread = w.guardian_of(&ava, GuardianAccess::Parent);
    let quiet = w.guardian_of(&ava, GuardianAccess::Parent);
    let mut user: UserRecord = w.get(&UserRecord::key(&quiet.user_id)).unwrap();
    user.notifications = nestling_domain::journal::NotificationPreference::Off;
    w.table.insert(to_item(&user));
    let (status, started) = start(&w, &key_person, &ava, json!({ "subject": "Photos", "text": "Lovely day." })).await;
    assert_eq!(status, 201, "{started}");
    let thread = thread_id(&started);
    assert_eq!(send_message_alerts(&w.app, w.app.clock.timestamp()).await.unwrap(), 0, "not inside the withdraw window");
    w.app.clock.advance(time::Duration::minutes(5));
    assert_eq!(open(&w, &reader, &thread).await.0, 200);
    w.app.clock.advance(time::Duration::minutes(6));
    assert_eq!(send_message_alerts(&w.app, w.app.clock.timestamp()).await.unwrap(), 1);
    assert_eq!(alert_emails(&w), std::slice::from_ref(&unread.email), "not the one who read it, nor the one who turned email off");
    let email = w.items_of_kind("outbox").into_iter().find(|i| text_of(i, "purpose") == Some("message-alert")).unwrap();
    assert!(!text_of(&email, "text").unwrap().contains("Lovely day"), "never the message's words");
    assert_eq!(send_message_alerts(&w.app, w.app.clock.timestamp()).await.unwrap(), 0, "a second run sends nothing twice");

    // A manager's urgent message reaches the one who turned email off.
    let path = format!("{}/threads/{thread}/messages", base(&w));
    let body = json!({ "text": "Ava has a temperature: please call us.", "urgent": true });
    assert_eq!(w.call(send_message, w.request(Some(&key_person), "POST", &path, Some(&body))).await.0, 403, "urgent: managers only");
    let (status, sent) = w.call(send_message, w.request(Some(&w.manager), "POST", &path, Some(&body))).await;
    assert_eq!(status, 201, "{sent}");
    w.app.clock.advance(time::Duration::minutes(11));
    send_message_alerts(&w.app, w.app.clock.timestamp()).await.unwrap();
    let emails = alert_emails(&w);
    assert!(emails.contains(&quiet.email), "{emails:?}");
    assert!(w.items_of_kind("audit").iter().any(|a| text_of(a, "action") == Some("message.urgent")));
}

#[tokio::test]
async fn a_familys_evening_message_is_delivered_at_once_and_staff_are_emailed_at_opening() {
    let w = World::new();
    let robins = w.room("Robins", AgeBand::Two);
    let key_person = w.member(Role::Practitioner);
    let ava = w.child("Ava", &robins, &key_person);
    let parent = w.guardian_of(&ava, GuardianAccess::Parent);
    // Open only tomorrow (the setting's day), 09:00 to 10:00: now is outside, whatever the hour.
    let today = nestling_domain::care::local(w.app.clock.now(), "Europe/London").date();
    let tomorrow = today.next_day().unwrap().weekday().number_from_monday();
    let policy = json!({ "staffSeeRead": true, "familiesSeeRead": false, "openingHours": { "opens": "09:00", "closes": "10:00", "days": [tomorrow] } });
    let path = format!("{}/messaging-policy", base(&w));
    let (status, body) = w.call(set_messaging_policy, w.request(Some(&w.manager), "PUT", &path, Some(&policy))).await;
    assert_eq!(status, 200, "{body}");
    let bad =
        json!({ "staffSeeRead": true, "familiesSeeRead": false, "openingHours": { "opens": "18:00", "closes": "07:00", "days": [1] } });
    assert_eq!(w.call(set_messaging_policy, w.request(Some(&w.manager), "PUT", &path, Some(&bad))).await.0, 422);

    let (status, started) =
        start(&w, &parent, &ava, json!({ "subject": "Tomorrow", "text": "Ava is off sick.", "to": "key-person" })).await;
    assert_eq!(status, 201, "{started}");
    let told = Timestamp::parse(started["staffToldAt"].as_str().expect("the family is told when staff will hear")).unwrap();
    let told_local = nestling_domain::care::local(told.at(), "Europe/London");
    assert_eq!((told_local.date(), told_local.hour(), told_local.minute()), (today.next_day().unwrap(), 9, 0), "at tomorrow's opening");
    assert_eq!(subjects(&inbox(&w, &key_person).await.1), ["Tomorrow"], "delivered at once");
    let wait = told.at() - w.app.clock.now();
    w.app.clock.advance(wait - time::Duration::minutes(1));
    send_message_alerts(&w.app, w.app.clock.timestamp()).await.unwrap();
    assert!(alert_emails(&w).is_empty(), "no email before opening");
    w.app.clock.advance(time::Duration::minutes(2));
    send_message_alerts(&w.app, w.app.clock.timestamp()).await.unwrap();
    assert_eq!(alert_emails(&w), std::slice::from_ref(&key_person.email));

    // Staff see that the parent read their reply (the setting shows it); the parent does not
    // see that staff read theirs.
    let thread = thread_id(&started);
    let (_, sent) = reply(&w, &key_person, &thread, "Get well soon.").await;
    assert_eq!(open(&w, &parent, &thread).await.0, 200);
    let (_, staff_view) = open(&w, &key_person, &thread).await;
    let mine = staff_view["messages"].as_array().unwrap().iter().find(|m| m["messageId"] == sent["message"]["messageId"]).unwrap();
    assert_eq!(mine["readBy"].as_array().map(Vec::len), Some(1));
    assert_eq!(mine["readBy"][0]["name"], parent.name.as_str(), "seen by the parent, by name");
    let (_, parent_view) = open(&w, &parent, &thread).await;
    assert!(parent_view["messages"][0]["readBy"].is_null());
}

#[tokio::test]
async fn bad_input_is_a_clear_problem_and_writes_nothing() {
    let w = World::new();
    let robins = w.room("Robins", AgeBand::Two);
    let key_person = w.member(Role::Practitioner);
    let ava = w.child("Ava", &robins, &key_person);
    let parent = w.guardian_of(&ava, GuardianAccess::Parent);
    let before = w.table.items();
    for body in [
        json!({ "subject": "", "text": "x", "to": "room" }),
        json!({ "subject": "x", "text": "", "to": "room" }),
        json!({ "subject": "x", "text": "y" }),
        json!({ "subject": "x", "text": "y", "to": "the-cook" }),
        json!({ "subject": "x", "text": "y", "to": "room", "mediaIds": ["nope"] }),
        json!({ "subject": "x", "text": "y", "to": "room", "extra": 1 }),
    ] {
        let (status, answer) = start(&w, &parent, &ava, body.clone()).await;
        assert_eq!(status, 422, "{body}: {answer}");
        assert!(answer["detail"].is_string() || answer["title"].is_string());
    }
    assert_eq!(w.table.items(), before, "nothing written");
}

#[tokio::test]
async fn staff_see_how_many_families_a_message_reaches_before_sending() {
    let w = World::new();
    let robins = w.room("Robins", AgeBand::Two);
    let wrens = w.room("Wrens", AgeBand::ThreePlus);
    let practitioner = w.member(Role::Practitioner);
    let ava = w.child("Ava", &robins, &practitioner);
    let ben = w.child("Ben", &robins, &practitioner);
    let cal = w.child("Cal", &wrens, &practitioner);
    let mum = w.guardian_of(&ava, GuardianAccess::Parent);
    let dad = w.guardian_of(&ava, GuardianAccess::Parent);
    w.guardian_of(&ava, GuardianAccess::Family);
    let bens = w.guardian_of(&ben, GuardianAccess::Parent);
    w.guardian_of(&cal, GuardianAccess::Parent);
    // Ben's parent has not accepted the new agreement; Cal is under a hold.
    let key = ChildRecord::key(&w.setting_id, &ben);
    let mut child: ChildRecord = w.get(&key).unwrap();
    child.guardians.get_mut(&bens.user_id).unwrap().accepted_agreement_version = None;
    w.table.insert(to_item(&child));
    let mut held: ChildRecord = w.get(&ChildRecord::key(&w.setting_id, &cal)).unwrap();
    held.hold = Some(HoldRecord { reason: "s47".into(), placed_by: w.manager.user_id.clone(), placed_at: w.app.clock.timestamp() });
    w.table.insert(to_item(&held));
    let mut roster: RosterRecord = w.get(&RosterRecord::key(&w.setting_id)).unwrap();
    roster.children.insert(cal.clone(), held.summary());
    w.table.insert(to_item(&roster));
    for (who, n) in [(&mum, 1), (&dad, 2)] {
        let path = format!("{}/children/{ava}/guardians/{}/household", base(&w), who.user_id);
        assert_eq!(w.call(set_household, w.request(Some(&w.manager), "PUT", &path, Some(&json!({ "household": n })))).await.0, 200);
    }
    let count = |who: &Person, query: String| {
        let request = w.request(Some(who), "GET", &format!("{}/message-recipients{query}", base(&w)), None);
        w.call(count_message_recipients, request)
    };
    let (status, room) = count(&practitioner, format!("?roomId={robins}")).await;
    assert_eq!(status, 200, "{room}");
    assert_eq!(room, json!({ "children": 2, "adults": 3, "awaitingAgreement": 1, "threads": 1, "held": 0 }));
    let (_, one) = count(&practitioner, format!("?childId={ava}")).await;
    assert_eq!(
        one,
        json!({ "children": 1, "adults": 2, "awaitingAgreement": 0, "threads": 2, "held": 0 }),
        "parents only, one thread a household"
    );
    let (_, all) = count(&w.manager, String::new()).await;
    assert_eq!(all, json!({ "children": 2, "adults": 3, "awaitingAgreement": 1, "threads": 1, "held": 1 }));
    assert_eq!(count(&practitioner, String::new()).await.0, 403, "the whole setting is the managers'");
    assert_eq!(count(&mum, format!("?roomId={robins}")).await.0, 403, "families never count other families");
    assert_eq!(count(&practitioner, "?roomId=nowhere".into()).await.0, 422);
    assert_eq!(count(&practitioner, format!("?roomId={robins}&childId={ava}")).await.0, 422);
    assert_eq!(count(&practitioner, "?childId=nobody".into()).await.0, 404);
}

#[tokio::test]
async fn a_broadcast_to_two_hundred_families_fans_out_without_a_transaction_over_a_hundred_items() {
    let w = World::new();
    let robins = w.room("Robins", AgeBand::ThreePlus);
    let practitioner = w.member(Role::Practitioner);
    let mut families = Vec::new();
    for n in 0..200 {
        let child = w.child(&format!("Child{n}"), &robins, &practitioner);
        families.push(w.guardian_of(&child, GuardianAccess::Parent));
    }
    let request = w.request(
        Some(&w.manager),
        "POST",
        &format!("{}/broadcasts", base(&w)),
        Some(&json!({ "subject": "Snow", "text": "Closed tomorrow." })),
    );
    let (status, made) = w.call(send_broadcast, request).await;
    assert_eq!(status, 201, "{made}");
    w.app.clock.advance(time::Duration::minutes(11));
    // The in-memory table refuses a transaction of more than 100 items, as DynamoDB does: each
    // family's email is its own, so all 200 go out.
    assert_eq!(send_message_alerts(&w.app, w.app.clock.timestamp()).await.unwrap(), 200);
    let emails: BTreeSet<String> = alert_emails(&w).into_iter().collect();
    assert_eq!(emails.len(), 200);
    assert!(families.iter().all(|f| emails.contains(&f.email)));
    assert_eq!(send_message_alerts(&w.app, w.app.clock.timestamp()).await.unwrap(), 0, "once");
}

#[tokio::test]
async fn a_photo_in_a_message_follows_the_photo_consent_and_binds_once() {
    use crate::tests::{photo, set_consent};
    let w = World::new();
    let robins = w.room("Robins", AgeBand::Two);
    let practitioner = w.member(Role::Practitioner);
    let ava = w.child("Ava", &robins, &practitioner);
    let ben = w.child("Ben", &robins, &practitioner);
    let avas = w.guardian_of(&ava, GuardianAccess::Parent);
    let bens = w.guardian_of(&ben, GuardianAccess::Parent);
    // Ben's family refused group photos: other families see them as not shared.
    set_consent(&w, &ava, true);
    set_consent(&w, &ben, false);
    let both = photo(&w, &practitioner, &[&ava, &ben]);
    let body = json!({ "subject": "Painting", "text": "Look at this.", "roomId": robins, "mediaIds": [both] });
    let request = w.request(Some(&practitioner), "POST", &format!("{}/broadcasts", base(&w)), Some(&body));
    let (status, made) = w.call(send_broadcast, request).await;
    assert_eq!(status, 201, "{made}");
    let thread = thread_id(&made);
    let shared = |page: &Value| page["messages"][0]["media"][0]["shared"].as_bool();
    assert_eq!(shared(&open(&w, &avas, &thread).await.1), Some(false), "Ben is not Ava's family's and his family refused");
    assert_eq!(shared(&open(&w, &bens, &thread).await.1), Some(true), "their own child, and Ava's family consented");
    assert_eq!(shared(&open(&w, &practitioner, &thread).await.1), Some(true), "staff see every photo");

    // The photo is now part of that message: it cannot be sent again elsewhere.
    let again = json!({ "subject": "Again", "text": "Once more.", "roomId": robins, "mediaIds": [both] });
    let (status, refused) =
        w.call(send_broadcast, w.request(Some(&practitioner), "POST", &format!("{}/broadcasts", base(&w)), Some(&again))).await;
    assert_eq!((status, refused["type"].as_str().unwrap()), (409, "https://nestling.app/problems/media-taken"));
    // A parent attaches only a photo they uploaded themselves.
    let staffs = photo(&w, &practitioner, &[&ava]);
    let (status, _) = start(&w, &avas, &ava, json!({ "subject": "x", "text": "y", "to": "room", "mediaIds": [staffs] })).await;
    assert_eq!(status, 422);
}

/// A point given to `child` `hours_ago`, whose first contact is `contact`.
fn point(w: &World, child: &ChildId, contact: &Person, hours_ago: i64) -> String {
    use nestling_domain::school_points::{FirstContact, PointKind};
    use nestling_platform::records::{ContactRecord, PointRecord};
    let given_at = Timestamp::new(w.app.clock.now() - time::Duration::hours(hours_ago));
    let point_id = w.app.new_sortable_id();
    let key = PointRecord::key(&w.setting_id, child, &given_at, &point_id);
    let record = PointRecord {
        pk: key.pk,
        sk: key.sk,
        kind: "point".into(),
        point_id: point_id.clone(),
        child_id: child.clone(),
        point_kind: PointKind::Behaviour,
        category: "Forgot equipment".into(),
        reason: "No PE kit".into(),
        points: 1,
        lesson: None,
        first_contact: ContactRecord { role: FirstContact::LearningManager, user_id: contact.user_id.clone(), name: "Lee Manager".into() },
        given_by: contact.user_id.clone(),
        given_by_name: "Lee Manager".into(),
        given_at,
    };
    w.table.insert(to_item(&record));
    point_id
}

#[tokio::test]
async fn a_parent_writes_about_a_point_to_its_first_contact_once_it_is_published() {
    let w = World::new();
    let form = w.room("9JB", AgeBand::ThreePlus);
    let tutor = w.member(Role::Practitioner);
    let learning_manager = w.member(Role::Practitioner);
    let ava = w.child("Ava", &form, &tutor);
    let parent = w.guardian_of(&ava, GuardianAccess::Parent);
    let published = point(&w, &ava, &learning_manager, 48);
    let fresh = point(&w, &ava, &learning_manager, 0);
    let about = |point_id: &str| json!({ "subject": "The PE kit point", "text": "She had it in her locker.", "to": "point-contact", "pointId": point_id });

    let (status, started) = start(&w, &parent, &ava, about(&published)).await;
    assert_eq!(status, 201, "{started}");
    assert_eq!(started["threads"][0]["with"], json!({ "with": "person", "userId": learning_manager.user_id }));
    assert_eq!(started["threads"][0]["withName"], "Lee Manager");
    assert_eq!(subjects(&inbox(&w, &learning_manager).await.1), ["The PE kit point"]);
    assert_eq!(subjects(&inbox(&w, &tutor).await.1), Vec::<String>::new(), "not the key person's");

    let grandad = w.guardian_of(&ava, GuardianAccess::Family);
    let before = w.table.items();
    let (status, answer) = start(&w, &parent, &ava, about(&fresh)).await;
    assert_eq!(status, 422, "a point not yet published to the family: {answer}");
    assert_eq!(start(&w, &parent, &ava, about("0123456789abcdef0123456789abcdef")).await.0, 422);
    let no_point = json!({ "subject": "x", "text": "y", "to": "point-contact" });
    assert_eq!(start(&w, &parent, &ava, no_point).await.0, 422);
    let elsewhere = json!({ "subject": "x", "text": "y", "to": "key-person", "pointId": published });
    assert_eq!(start(&w, &parent, &ava, elsewhere).await.0, 422);
    assert_eq!(start(&w, &grandad, &ava, about(&published)).await.0, 403, "family members read no points");
    assert_eq!(w.table.items(), before, "refusals write nothing");
}

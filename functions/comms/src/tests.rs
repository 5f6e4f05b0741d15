//! The feed against the in-memory table: who sees which post, which photos they are shown,
//! approval, pinning and withdrawal, and events' replies with their places and deadlines.

use super::*;
use nestling_domain::{AgeBand, GuardianAccess, MediaId, Role};
use nestling_platform::records::{ChildRecord, MemberRecord};
use nestling_platform::store::to_item;
use nestling_platform::testing::{Person, World};
use serde_json::{json, Value};

fn feed(w: &World) -> String {
    format!("/v1/settings/{}/posts", w.setting_id)
}

async fn post(w: &World, who: &Person, body: Value) -> (u16, Value) {
    w.call(create_post, w.request(Some(who), "POST", &feed(w), Some(&body))).await
}

async fn read_feed(w: &World, who: &Person) -> (u16, Value) {
    w.call(list_posts, w.request(Some(who), "GET", &feed(w), None)).await
}

fn texts(page: &Value) -> Vec<String> {
    let all = page["pinned"].as_array().into_iter().flatten().chain(page["items"].as_array().into_iter().flatten());
    all.map(|p| p["text"].as_str().unwrap_or_default().to_string()).collect()
}

/// A checked staff photo of `children`, ready to attach.
pub(crate) fn photo(w: &World, by: &Person, children: &[&ChildId]) -> MediaId {
    let media_id = MediaId::parse(&format!("m{}", w.table.items().len())).unwrap();
    let now = w.app.clock.timestamp();
    let record: MediaRecord = serde_json::from_value(json!({
        "PK": format!("SETTING#{}", w.setting_id), "SK": format!("MEDIA#{media_id}"), "kind": "media",
        "settingId": w.setting_id, "mediaId": media_id, "mediaType": "image/jpeg", "byteSize": 1000,
        "children": children, "uploadedBy": by.user_id, "uploaderRole": "practitioner", "status": "ready",
        "thumbnail": true, "createdAt": now, "version": 2,
    }))
    .unwrap();
    w.table.insert(to_item(&record));
    media_id
}

pub(crate) fn set_consent(w: &World, child: &ChildId, photos: bool) {
    let mut roster: RosterRecord = w.get(&RosterRecord::key(&w.setting_id)).unwrap();
    roster.children.get_mut(child).unwrap().photos_in_other_journals = photos;
    w.table.insert(to_item(&roster));
}

fn date_in(w: &World, days: i64) -> String {
    (w.app.clock.now() + time::Duration::days(days)).date().format(DATE).unwrap()
}

#[tokio::test]
async fn families_see_the_setting_and_their_rooms_and_never_through_a_hold() {
    let w = World::new();
    let robins = w.room("Robins", AgeBand::Two);
    let wrens = w.room("Wrens", AgeBand::ThreePlus);
    let practitioner = w.member(Role::Practitioner);
    let ava = w.child("Ava", &robins, &practitioner);
    let ben = w.child("Ben", &wrens, &practitioner);
    let avas_parent = w.guardian_of(&ava, GuardianAccess::Parent);
    let bens_grandad = w.guardian_of(&ben, GuardianAccess::Family);
    assert_eq!(post(&w, &practitioner, json!({ "text": "Nursery closes at 3pm Friday." })).await.0, 201);
    let (status, made) = post(&w, &practitioner, json!({ "text": "Robins baked bread.", "rooms": [robins] })).await;
    assert_eq!(status, 201, "{made}");

    let (status, page) = read_feed(&w, &avas_parent).await;
    assert_eq!(status, 200, "{page}");
    assert_eq!(texts(&page), ["Robins baked bread.", "Nursery closes at 3pm Friday."]);
    let (_, page) = read_feed(&w, &bens_grandad).await;
    assert_eq!(texts(&page), ["Nursery closes at 3pm Friday."], "family members get the news, not another room's");
    let (_, page) = read_feed(&w, &practitioner).await;
    assert_eq!(texts(&page).len(), 2);
    let audits = w.items_of_kind("audit");
    assert!(audits.iter().any(|a| nestling_platform::store::text_of(a, "action") == Some("feed.view")), "every read is logged");

    // A hold on Ava suspends her family's feed from that moment.
    let mut child: ChildRecord = w.get(&ChildRecord::key(&w.setting_id, &ava)).unwrap();
    child.hold = Some(nestling_platform::records::HoldRecord {
        reason: "s47".into(),
        placed_by: w.manager.user_id.clone(),
        placed_at: w.app.clock.timestamp(),
    });
    let mut roster: RosterRecord = w.get(&RosterRecord::key(&w.setting_id)).unwrap();
    roster.children.insert(ava.clone(), child.summary());
    w.table.insert(to_item(&roster));
    w.table.insert(to_item(&child));
    let (status, page) = read_feed(&w, &avas_parent).await;
    assert_eq!(status, 403, "{page}");
    assert_eq!(page["type"], "https://nestling.app/problems/access-suspended");
    let path = format!("{}/{}", feed(&w), made["postId"].as_str().unwrap());
    let (status, _) = w.call(get_post, w.request(Some(&avas_parent), "GET", &path, None)).await;
    assert_eq!(status, 403);
}

#[tokio::test]
async fn a_leaver_s_family_gets_no_more_news_from_the_leaving_date() {
    let w = World::new();
    let robins = w.room("Robins", AgeBand::Two);
    let practitioner = w.member(Role::Practitioner);
    let ava = w.child("Ava", &robins, &practitioner);
    let parent = w.guardian_of(&ava, GuardianAccess::Parent);
    assert_eq!(post(&w, &practitioner, json!({ "text": "Robins baked bread.", "rooms": [robins] })).await.0, 201);
    assert_eq!(read_feed(&w, &parent).await.0, 200);
    let setting: nestling_platform::records::SettingRecord = w.get(&nestling_platform::records::SettingRecord::key(&w.setting_id)).unwrap();
    let today = setting.today(w.app.clock.now());
    let mut child: ChildRecord = w.get(&ChildRecord::key(&w.setting_id, &ava)).unwrap();
    child.leaving = Some(nestling_platform::records::LeavingRecord {
        date: today.to_string(),
        destination_kind: nestling_domain::leaving::DestinationKind::School,
        destination: "Meadow Primary".into(),
        guardian_access_days: 90,
        recorded_by: w.manager.user_id.clone(),
        recorded_at: w.app.clock.timestamp(),
    });
    let mut roster: RosterRecord = w.get(&RosterRecord::key(&w.setting_id)).unwrap();
    roster.children.insert(ava.clone(), child.summary());
    w.table.insert(to_item(&roster));
    w.table.insert(to_item(&child));
    let (status, page) = read_feed(&w, &parent).await;
    assert_eq!(status, 404, "her only child has left: no feed ({page})");
}

#[tokio::test]
async fn a_family_sees_nothing_posted_before_they_had_access() {
    let w = World::new();
    let robins = w.room("Robins", AgeBand::Two);
    let practitioner = w.member(Role::Practitioner);
    let ava = w.child("Ava", &robins, &practitioner);
    assert_eq!(post(&w, &practitioner, json!({ "text": "Before you joined." })).await.0, 201);
    w.app.clock.advance(time::Duration::minutes(5));
    let parent = w.guardian_of(&ava, GuardianAccess::Parent);
    let mut member: MemberRecord = w.get(&MemberRecord::key(&w.setting_id, &parent.user_id)).unwrap();
    member.activated_at = Some(w.app.clock.timestamp());
    w.table.insert(to_item(&member));
    w.app.clock.advance(time::Duration::minutes(5));
    assert_eq!(post(&w, &practitioner, json!({ "text": "After." })).await.0, 201);
    let (_, page) = read_feed(&w, &parent).await;
    assert_eq!(texts(&page), ["After."]);
}

#[tokio::test]
async fn a_feed_photo_of_a_child_whose_family_refused_is_not_shared_with_other_families() {
    let w = World::new();
    let robins = w.room("Robins", AgeBand::Two);
    let practitioner = w.member(Role::Practitioner);
    let ava = w.child("Ava", &robins, &practitioner);
    let cara = w.child("Cara", &robins, &practitioner);
    let avas_parent = w.guardian_of(&ava, GuardianAccess::Parent);
    let caras_parent = w.guardian_of(&cara, GuardianAccess::Parent);
    set_consent(&w, &ava, true);
    let both = photo(&w, &practitioner, &[&ava, &cara]);
    let (status, made) = post(&w, &practitioner, json!({ "text": "Sports day!", "mediaIds": [both] })).await;
    assert_eq!(status, 201, "{made}");
    let (_, page) = read_feed(&w, &avas_parent).await;
    let shown = &page["items"][0]["media"][0];
    assert_eq!((shown["shared"].as_bool(), shown["url"].is_null()), (Some(false), true), "Cara's family did not consent: {shown}");
    assert_eq!(shown["children"], json!([]), "the placeholder names nobody");
    let (_, page) = read_feed(&w, &caras_parent).await;
    assert_eq!(page["items"][0]["media"][0]["shared"], true, "Cara is theirs and Ava's family consented");
    let (_, page) = read_feed(&w, &practitioner).await;
    assert_eq!(page["items"][0]["media"][0]["shared"], true);
    // The access log names the children whose photo the reading family was shown.
    let last = w.items_of_kind("audit").into_iter().filter(|a| nestling_platform::store::text_of(a, "action") == Some("feed.view")).count();
    assert_eq!(last, 3);
}

#[tokio::test]
async fn a_practitioners_post_waits_for_a_manager_where_the_setting_asks() {
    let w = World::new();
    let robins = w.room("Robins", AgeBand::Two);
    let practitioner = w.member(Role::Practitioner);
    let other = w.member(Role::Practitioner);
    let ava = w.child("Ava", &robins, &practitioner);
    let parent = w.guardian_of(&ava, GuardianAccess::Parent);
    let policy = format!("/v1/settings/{}/feed-policy", w.setting_id);
    let (status, _) =
        w.call(set_feed_policy, w.request(Some(&practitioner), "PUT", &policy, Some(&json!({ "postsNeedApproval": true })))).await;
    assert_eq!(status, 403, "managers decide");
    let (status, answer) =
        w.call(set_feed_policy, w.request(Some(&w.manager), "PUT", &policy, Some(&json!({ "postsNeedApproval": true })))).await;
    assert_eq!(status, 200, "{answer}");

    let (status, made) = post(&w, &practitioner, json!({ "text": "Trip to the farm.", "pinned": true })).await;
    assert_eq!((status, made["status"].as_str()), (201, Some("pending")), "{made}");
    assert_eq!(texts(&read_feed(&w, &parent).await.1), Vec::<String>::new());
    let pending = format!("{}?status=pending", feed(&w));
    let (_, page) = w.call(list_posts, w.request(Some(&w.manager), "GET", &pending, None)).await;
    assert_eq!(texts(&page), ["Trip to the farm."]);
    let (_, page) = w.call(list_posts, w.request(Some(&other), "GET", &pending, None)).await;
    assert_eq!(texts(&page), Vec::<String>::new(), "another practitioner's waiting post is not theirs to see");
    let (status, _) = w.call(list_posts, w.request(Some(&parent), "GET", &pending, None)).await;
    assert_eq!(status, 403);

    let approve = format!("{}/{}/approve", feed(&w), made["postId"].as_str().unwrap());
    let (status, _) = w.call(approve_post, w.request(Some(&practitioner), "POST", &approve, None)).await;
    assert_eq!(status, 403);
    let (status, approved) = w.call(approve_post, w.request(Some(&w.manager), "POST", &approve, None)).await;
    assert_eq!((status, approved["status"].as_str(), approved["pinned"].as_bool()), (200, Some("published"), Some(true)), "{approved}");
    let (_, page) = read_feed(&w, &parent).await;
    assert_eq!(page["pinned"][0]["text"], "Trip to the farm.", "pinned at writing, pinned once approved");
    let items = w.table.items();
    let (status, again) = w.call(approve_post, w.request(Some(&w.manager), "POST", &approve, None)).await;
    assert_eq!((status, again["type"].as_str()), (409, Some("https://nestling.app/problems/post-decided")));
    assert_eq!(w.table.items(), items, "nothing written");
}

#[tokio::test]
async fn pinned_posts_head_the_feed_up_to_the_limit_and_a_withdrawn_post_is_gone() {
    let w = World::new();
    let robins = w.room("Robins", AgeBand::Two);
    let practitioner = w.member(Role::Practitioner);
    let ava = w.child("Ava", &robins, &practitioner);
    let parent = w.guardian_of(&ava, GuardianAccess::Parent);
    let (_, first) = post(&w, &practitioner, json!({ "text": "Term dates." })).await;
    for n in 0..3 {
        assert_eq!(post(&w, &practitioner, json!({ "text": format!("News {n}") })).await.0, 201);
    }
    let pin = format!("{}/{}/pinned", feed(&w), first["postId"].as_str().unwrap());
    let (status, pinned) = w.call(pin_post, w.request(Some(&practitioner), "PUT", &pin, Some(&json!({ "pinned": true })))).await;
    assert_eq!(status, 200, "{pinned}");
    let (_, page) = read_feed(&w, &parent).await;
    assert_eq!(page["pinned"][0]["text"], "Term dates.");
    assert_eq!(texts(&page), ["Term dates.", "News 2", "News 1", "News 0"], "shown once, at the top");
    for n in 0..4 {
        assert_eq!(post(&w, &w.manager, json!({ "text": format!("Pinned {n}"), "pinned": true })).await.0, 201);
    }
    let items = w.table.items();
    let (status, full) = post(&w, &w.manager, json!({ "text": "One too many.", "pinned": true })).await;
    assert_eq!((status, full["type"].as_str()), (409, Some("https://nestling.app/problems/pinned-limit")));
    assert_eq!(w.table.items(), items, "nothing written");

    let other = w.member(Role::Practitioner);
    let withdraw = format!("{}/{}", feed(&w), first["postId"].as_str().unwrap());
    let (status, _) = w.call(withdraw_post, w.request(Some(&other), "DELETE", &withdraw, None)).await;
    assert_eq!(status, 403, "only the author or a manager");
    let (status, gone) = w.call(withdraw_post, w.request(Some(&practitioner), "DELETE", &withdraw, None)).await;
    assert_eq!((status, gone["status"].as_str()), (200, Some("withdrawn")));
    let (_, page) = read_feed(&w, &parent).await;
    assert!(!texts(&page).contains(&"Term dates.".to_string()), "withdrawn: shown to nobody");
    assert!(w
        .get::<PostRecord>(&PostRecord::pinned_key(&w.setting_id, &PostId::parse(first["postId"].as_str().unwrap()).unwrap()))
        .is_none());
    let (status, _) = w.call(get_post, w.request(Some(&parent), "GET", &withdraw, None)).await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn bad_posts_are_refused_with_nothing_written() {
    let w = World::new();
    let robins = w.room("Robins", AgeBand::Two);
    let practitioner = w.member(Role::Practitioner);
    let ava = w.child("Ava", &robins, &practitioner);
    let parent = w.guardian_of(&ava, GuardianAccess::Parent);
    let families_photo = photo(&w, &practitioner, &[&ava]);
    let mut record: MediaRecord = w.get(&MediaRecord::key(&w.setting_id, &families_photo)).unwrap();
    record.uploader_role = Role::Parent;
    w.table.insert(to_item(&record));
    let items = w.table.items();
    let tomorrow = date_in(&w, 1);
    for body in [
        json!({ "text": "" }),
        json!({ "text": "Hi", "rooms": ["nowhere"] }),
        json!({ "text": "Hi", "rooms": [robins, robins] }),
        json!({ "text": "Hi", "mediaIds": [families_photo] }),
        json!({ "text": "Hi", "mediaIds": ["missing"] }),
        json!({ "text": "Hi", "colour": "red" }),
        json!({ "text": "Party", "event": { "title": "Party", "date": date_in(&w, -1), "startsAt": "14:00", "place": "Hall" } }),
        json!({ "text": "Party", "event": { "title": "Party", "date": tomorrow, "startsAt": "14:00", "endsAt": "13:00", "place": "Hall" } }),
        json!({ "text": "Party", "event": { "title": "Party", "date": tomorrow, "startsAt": "2pm", "place": "Hall" } }),
        json!({ "text": "Party", "event": { "title": "Party", "date": tomorrow, "startsAt": "14:00", "place": "Hall", "capacity": 0 } }),
        json!({ "text": "Party", "event": { "title": "Party", "date": tomorrow, "startsAt": "14:00", "place": "Hall", "replyBy": date_in(&w, 2) } }),
    ] {
        let (status, problem) = post(&w, &practitioner, body.clone()).await;
        assert_eq!(status, 422, "{body} -> {problem}");
        assert_eq!(problem["type"], "https://nestling.app/problems/validation-failed", "{problem}");
    }
    let (status, _) = post(&w, &parent, json!({ "text": "Parents do not post." })).await;
    assert_eq!(status, 403);
    assert_eq!(w.table.items(), items, "nothing written");
}

async fn event(w: &World, by: &Person, capacity: Option<u32>, reply_by: i64) -> String {
    let body = json!({
        "text": "Come and see the nativity.",
        "event": { "title": "Nativity", "date": date_in(w, 10), "startsAt": "14:00", "endsAt": "15:00", "place": "The hall",
                   "bring": "A tea towel", "capacity": capacity, "replyBy": date_in(w, reply_by) }
    });
    let (status, made) = post(w, by, body).await;
    assert_eq!(status, 201, "{made}");
    made["postId"].as_str().unwrap().to_string()
}

#[tokio::test]
async fn families_reply_per_child_within_the_places_and_staff_see_who_has_not() {
    let w = World::new();
    let robins = w.room("Robins", AgeBand::Two);
    let practitioner = w.member(Role::Practitioner);
    let ava = w.child("Ava", &robins, &practitioner);
    let ben = w.child("Ben", &robins, &practitioner);
    let cara = w.child("Cara", &robins, &practitioner);
    let avas_parent = w.guardian_of(&ava, GuardianAccess::Parent);
    let bens_parent = w.guardian_of(&ben, GuardianAccess::Parent);
    let post_id = event(&w, &practitioner, Some(1), 5).await;
    let reply = |child: &ChildId| format!("{}/{post_id}/replies/{child}", feed(&w));
    let (status, yes) = w
        .call(reply_to_event, w.request(Some(&avas_parent), "PUT", &reply(&ava), Some(&json!({ "answer": "yes", "note": "Both of us" }))))
        .await;
    assert_eq!((status, yes["answer"].as_str()), (200, Some("yes")), "{yes}");
    let items = w.table.items();
    let (status, full) =
        w.call(reply_to_event, w.request(Some(&bens_parent), "PUT", &reply(&ben), Some(&json!({ "answer": "yes" })))).await;
    assert_eq!((status, full["type"].as_str()), (409, Some("https://nestling.app/problems/event-full")));
    assert_eq!(w.table.items(), items, "nothing written");
    let (status, _) = w.call(reply_to_event, w.request(Some(&bens_parent), "PUT", &reply(&ava), Some(&json!({ "answer": "no" })))).await;
    assert_eq!(status, 404, "not their child");
    let (status, _) = w.call(reply_to_event, w.request(Some(&practitioner), "PUT", &reply(&ava), Some(&json!({ "answer": "no" })))).await;
    assert_eq!(status, 403, "staff never answer for a family");

    // Ava's place given back, Ben's "yes" fits.
    let (status, _) = w.call(reply_to_event, w.request(Some(&avas_parent), "PUT", &reply(&ava), Some(&json!({ "answer": "no" })))).await;
    assert_eq!(status, 200);
    let (status, _) = w.call(reply_to_event, w.request(Some(&bens_parent), "PUT", &reply(&ben), Some(&json!({ "answer": "yes" })))).await;
    assert_eq!(status, 200);

    let path = format!("{}/{post_id}", feed(&w));
    let (status, detail) = w.call(get_post, w.request(Some(&practitioner), "GET", &path, None)).await;
    assert_eq!(status, 200, "{detail}");
    assert_eq!(detail["replyCounts"], json!({ "yes": 1, "no": 1, "maybe": 0, "notReplied": 1 }));
    assert_eq!(detail["event"]["placesLeft"], 0);
    let cara_row = detail["replies"].as_array().unwrap().iter().find(|r| r["childId"] == json!(cara)).unwrap().clone();
    assert!(cara_row["answer"].is_null(), "Cara has not replied: {cara_row}");
    let (_, mine) = w.call(get_post, w.request(Some(&avas_parent), "GET", &path, None)).await;
    assert_eq!(mine["replies"].as_array().map(Vec::len), Some(1), "a family sees only their own children's replies");
    assert_eq!(mine["replies"][0]["answer"], "no");
    assert!(mine["replyCounts"].is_null());
}

#[tokio::test]
async fn replies_close_at_the_deadline_and_only_the_rooms_invited_may_reply() {
    let w = World::new();
    let robins = w.room("Robins", AgeBand::Two);
    let wrens = w.room("Wrens", AgeBand::ThreePlus);
    let practitioner = w.member(Role::Practitioner);
    let ava = w.child("Ava", &robins, &practitioner);
    let ben = w.child("Ben", &wrens, &practitioner);
    let avas_parent = w.guardian_of(&ava, GuardianAccess::Parent);
    let bens_parent = w.guardian_of(&ben, GuardianAccess::Parent);
    let body = json!({ "text": "Robins' picnic.", "rooms": [robins],
        "event": { "title": "Picnic", "date": date_in(&w, 3), "startsAt": "12:00", "place": "The garden", "replyBy": date_in(&w, 1) } });
    let (_, made) = post(&w, &practitioner, body).await;
    let post_id = made["postId"].as_str().unwrap();
    let reply = |child: &ChildId| format!("{}/{post_id}/replies/{child}", feed(&w));
    let (status, _) = w.call(reply_to_event, w.request(Some(&bens_parent), "PUT", &reply(&ben), Some(&json!({ "answer": "yes" })))).await;
    assert_eq!(status, 404, "the Wrens were not invited");
    w.app.clock.advance(time::Duration::days(2));
    let (status, closed) =
        w.call(reply_to_event, w.request(Some(&avas_parent), "PUT", &reply(&ava), Some(&json!({ "answer": "yes" })))).await;
    assert_eq!((status, closed["type"].as_str()), (409, Some("https://nestling.app/problems/replies-closed")));
    let plain = post(&w, &practitioner, json!({ "text": "Not an event." })).await.1;
    let path = format!("{}/{}/replies/{ava}", feed(&w), plain["postId"].as_str().unwrap());
    let (status, _) = w.call(reply_to_event, w.request(Some(&avas_parent), "PUT", &path, Some(&json!({ "answer": "yes" })))).await;
    assert_eq!(status, 409);
}

#[tokio::test]
async fn two_yes_replies_racing_for_the_last_place_do_not_both_take_it() {
    let w = World::new();
    let robins = w.room("Robins", AgeBand::Two);
    let practitioner = w.member(Role::Practitioner);
    let ava = w.child("Ava", &robins, &practitioner);
    let avas_parent = w.guardian_of(&ava, GuardianAccess::Parent);
    let post_id = event(&w, &practitioner, Some(1), 5).await;
    let reply = |child: &ChildId| format!("{}/{post_id}/replies/{child}", feed(&w));
    // Another family's "yes" takes the last place between Ava's read and her write: hers is
    // decided again on the new count, and the event is full.
    let key = PostRecord::key(&w.setting_id, &PostId::parse(&post_id).unwrap());
    w.table.race_next_transaction(key, |item| {
        item.insert("placesTaken".into(), nestling_platform::store::Value::N("1".into()));
    });
    let (status, answer) =
        w.call(reply_to_event, w.request(Some(&avas_parent), "PUT", &reply(&ava), Some(&json!({ "answer": "yes" })))).await;
    assert_eq!((status, answer["type"].as_str()), (409, Some("https://nestling.app/problems/event-full")), "{answer}");
    let post: PostRecord = w.get(&PostRecord::key(&w.setting_id, &PostId::parse(&post_id).unwrap())).unwrap();
    assert_eq!(post.places_taken, 1);
}

#[tokio::test]
async fn families_who_have_not_replied_are_reminded_a_week_and_two_days_before_once() {
    let w = World::new();
    let robins = w.room("Robins", AgeBand::Two);
    let practitioner = w.member(Role::Practitioner);
    let ava = w.child("Ava", &robins, &practitioner);
    let ben = w.child("Ben", &robins, &practitioner);
    let cara = w.child("Cara", &robins, &practitioner);
    let avas_parent = w.guardian_of(&ava, GuardianAccess::Parent);
    let bens_parent = w.guardian_of(&ben, GuardianAccess::Parent);
    let caras_parent = w.guardian_of(&cara, GuardianAccess::Parent);
    let _bens_grandma = w.guardian_of(&ben, GuardianAccess::Family);
    let post_id = event(&w, &practitioner, None, 7).await;
    let reply = format!("{}/{post_id}/replies/{ava}", feed(&w));
    assert_eq!(w.call(reply_to_event, w.request(Some(&avas_parent), "PUT", &reply, Some(&json!({ "answer": "no" })))).await.0, 200);
    // Cara is under a hold: her family hears nothing.
    let mut child: ChildRecord = w.get(&ChildRecord::key(&w.setting_id, &cara)).unwrap();
    child.hold = Some(nestling_platform::records::HoldRecord {
        reason: "s47".into(),
        placed_by: w.manager.user_id.clone(),
        placed_at: w.app.clock.timestamp(),
    });
    let mut roster: RosterRecord = w.get(&RosterRecord::key(&w.setting_id)).unwrap();
    roster.children.insert(cara.clone(), child.summary());
    w.table.insert(to_item(&roster));
    w.table.insert(to_item(&child));

    let now = w.app.clock.now();
    assert_eq!(send_event_reminders(&w.app, now - time::Duration::days(1)).await.unwrap(), 0, "eight days before: nothing");
    assert_eq!(send_event_reminders(&w.app, now).await.unwrap(), 1, "a week before: Ben's parent only");
    assert_eq!(send_event_reminders(&w.app, now).await.unwrap(), 0, "a second run sends nothing twice");
    let outbox: Vec<String> =
        w.items_of_kind("outbox").iter().filter_map(|i| nestling_platform::store::text_of(i, "to").map(String::from)).collect();
    assert_eq!(outbox, std::slice::from_ref(&bens_parent.email));
    assert!(!outbox.contains(&caras_parent.email));
    assert_eq!(send_event_reminders(&w.app, now + time::Duration::days(5)).await.unwrap(), 1, "two days before, again");
}

//! Registering a child against the in-memory table: who may, what one registration writes, and
//! what is refused before anything is.

use super::*;
use nestling_domain::{AgeBand, Role};
use nestling_platform::testing::World;
use serde_json::json;

fn new_child(room_id: &str, key_person_id: &str) -> serde_json::Value {
    json!({ "firstName": "Ava", "lastName": "Okafor", "dateOfBirth": "2023-05-02", "roomId": room_id, "keyPersonId": key_person_id })
}

#[tokio::test]
async fn a_manager_registers_a_child_with_its_roster_line_and_access_log_line() {
    let w = World::new();
    let robins = w.room("Robins", AgeBand::Two);
    let key_person = w.member(Role::Practitioner);
    let path = format!("/v1/settings/{}/children", w.setting_id);
    let (status, child) = w
        .call(register_child, w.request(Some(&w.manager), "POST", &path, Some(&new_child(robins.as_str(), key_person.user_id.as_str()))))
        .await;
    assert_eq!(status, 201, "{child}");
    let child_id = child["childId"].as_str().unwrap();
    let roster: RosterRecord = w.get(&RosterRecord::key(&w.setting_id)).unwrap();
    assert_eq!(roster.children[child_id].key_person_name, key_person.name);
    let audit = w.items_of_kind("audit");
    assert_eq!(audit.len(), 1);
    assert_eq!(nestling_platform::store::text_of(&audit[0], "childId"), Some(child_id));
}

#[tokio::test]
async fn a_child_is_placed_only_in_a_room_of_the_setting_with_staff_as_key_person() {
    let w = World::new();
    let robins = w.room("Robins", AgeBand::Two);
    let practitioner = w.member(Role::Practitioner);
    let parent = w.member(Role::Parent);
    let path = format!("/v1/settings/{}/children", w.setting_id);
    let items = w.table.items();
    for (body, why) in [
        (new_child("no-such-room", practitioner.user_id.as_str()), "a room that does not exist"),
        (new_child(robins.as_str(), parent.user_id.as_str()), "a parent as key person"),
        (new_child(robins.as_str(), "nobody"), "a key person who is not a member"),
        (
            json!({ "firstName": "Ava", "lastName": "Okafor", "dateOfBirth": "2999-01-01", "roomId": robins, "keyPersonId": practitioner.user_id }),
            "born in the future",
        ),
    ] {
        let (status, problem) = w.call(register_child, w.request(Some(&w.manager), "POST", &path, Some(&body))).await;
        assert!(matches!(status, 400 | 404 | 409 | 422), "{why}: {status} {problem}");
    }
    let (status, _) = w
        .call(
            register_child,
            w.request(Some(&practitioner), "POST", &path, Some(&new_child(robins.as_str(), practitioner.user_id.as_str()))),
        )
        .await;
    assert_eq!(status, 403, "practitioners do not register children");
    assert_eq!(w.table.items(), items, "nothing refused was written");
}

#[tokio::test]
async fn a_setting_holds_a_bounded_number_of_children() {
    let w = World::new();
    let robins = w.room("Robins", AgeBand::Two);
    let key_person = w.member(Role::Practitioner);
    let path = format!("/v1/settings/{}/children", w.setting_id);
    let body = new_child(robins.as_str(), key_person.user_id.as_str());
    w.grow_past_bound(nestling_domain::bounds::MAX_CHILDREN_PER_SETTING, 201, |_| {
        (register_child, w.request(Some(&w.manager), "POST", &path, Some(&body)))
    })
    .await;
}

/// The setting's today (the test world's nursery is in London).
fn london_today(w: &World) -> time::Date {
    nestling_domain::care::local(w.app.clock.now(), "Europe/London").date()
}

#[tokio::test]
async fn a_leaver_s_family_reads_until_access_ends_and_then_nothing() {
    let w = World::new();
    let robins = w.room("Robins", AgeBand::Two);
    let key_person = w.member(Role::Practitioner);
    let child_id = w.child("Ava", &robins, &key_person);
    let parent = w.guardian_of(&child_id, nestling_domain::GuardianAccess::Parent);
    let child_path = format!("/v1/settings/{}/children/{}", w.setting_id, child_id);
    let leaving_path = format!("{child_path}/leaving");
    let today = london_today(&w);
    let body = json!({ "date": today.to_string(), "destinationKind": "school", "destination": "Meadow Primary", "guardianAccessDays": 30 });

    // Managers alone, with the version they read.
    let (status, _) = w.call(set_leaving, w.request_with(Some(&key_person), "PUT", &leaving_path, Some(&body), &[("if-match", "1")])).await;
    assert_eq!(status, 403, "the key person does not record leaving");
    let (status, _) = w.call(set_leaving, w.request_with(Some(&w.manager), "PUT", &leaving_path, Some(&body), &[("if-match", "7")])).await;
    assert_eq!(status, 409, "a stale version");
    let (status, view) =
        w.call(set_leaving, w.request_with(Some(&w.manager), "PUT", &leaving_path, Some(&body), &[("if-match", "1")])).await;
    assert_eq!(status, 200, "{view}");
    assert_eq!(view["leaving"]["left"], true);
    assert_eq!(view["leaving"]["accessEndsOn"], (today + time::Duration::days(30)).to_string());
    let roster: RosterRecord = w.get(&RosterRecord::key(&w.setting_id)).unwrap();
    assert_eq!(roster.children[&child_id].leaving_date.as_deref(), Some(today.to_string().as_str()));
    assert!(w.items_of_kind("audit").iter().any(|a| nestling_platform::store::text_of(a, "action") == Some("child.leaving.set")));

    // The family reads, and may no longer change anything.
    let (status, read) = w.call(get_child, w.request(Some(&parent), "GET", &child_path, None)).await;
    assert_eq!(status, 200, "{read}");
    assert_eq!(read["leaving"]["destination"], "Meadow Primary");
    let consents = json!({ "photosInOtherJournals": true, "remoteStaffAccess": false });
    let (status, problem) = w.call(set_consents, w.request(Some(&parent), "PUT", &format!("{child_path}/consents"), Some(&consents))).await;
    assert_eq!((status, problem["type"].as_str().unwrap().rsplit('/').next().unwrap()), (403, "child-left"));
    // Once it has passed, the leaving date stands.
    let (status, _) = w.call(cancel_leaving, w.request_with(Some(&w.manager), "DELETE", &leaving_path, None, &[("if-match", "2")])).await;
    assert_eq!(status, 409);

    // Thirty days on, the family's access has ended; staff still read the record.
    w.app.clock.advance(time::Duration::days(30));
    let (status, problem) = w.call(get_child, w.request(Some(&parent), "GET", &child_path, None)).await;
    assert_eq!((status, problem["type"].as_str().unwrap().rsplit('/').next().unwrap()), (403, "access-ended"));
    let (status, _) = w.call(get_child, w.request(Some(&key_person), "GET", &child_path, None)).await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn a_leaving_date_ahead_can_be_cancelled_and_bad_ones_change_nothing() {
    let w = World::new();
    let robins = w.room("Robins", AgeBand::Two);
    let key_person = w.member(Role::Practitioner);
    let child_id = w.child("Ava", &robins, &key_person);
    let leaving_path = format!("/v1/settings/{}/children/{}/leaving", w.setting_id, child_id);
    let today = london_today(&w);
    let items = w.table.items();
    for (body, why) in [
        (json!({ "date": (today - time::Duration::days(400)).to_string(), "destinationKind": "school", "destination": "X" }), "long ago"),
        (json!({ "date": today.to_string(), "destinationKind": "school", "destination": "X", "guardianAccessDays": 366 }), "too long"),
        (json!({ "date": today.to_string(), "destinationKind": "moon", "destination": "X" }), "an unknown kind"),
        (json!({ "date": today.to_string(), "destinationKind": "school", "destination": " " }), "no destination"),
        (json!({ "date": "17/07/2027", "destinationKind": "school", "destination": "X" }), "not a date"),
    ] {
        let (status, problem) =
            w.call(set_leaving, w.request_with(Some(&w.manager), "PUT", &leaving_path, Some(&body), &[("if-match", "1")])).await;
        assert!(matches!(status, 400 | 422), "{why}: {status} {problem}");
    }
    let (status, _) = w.call(cancel_leaving, w.request_with(Some(&w.manager), "DELETE", &leaving_path, None, &[("if-match", "1")])).await;
    assert_eq!(status, 409, "nothing to cancel");
    assert_eq!(w.table.items(), items, "nothing refused was written");

    let ahead = json!({ "date": (today + time::Duration::days(60)).to_string(), "destinationKind": "setting", "destination": "Oak Tree Pre-school" });
    let (status, view) =
        w.call(set_leaving, w.request_with(Some(&w.manager), "PUT", &leaving_path, Some(&ahead), &[("if-match", "1")])).await;
    assert_eq!(status, 200, "{view}");
    assert_eq!(view["leaving"]["left"], false);
    assert_eq!(view["leaving"]["guardianAccessDays"], 90);
    let (status, view) =
        w.call(cancel_leaving, w.request_with(Some(&w.manager), "DELETE", &leaving_path, None, &[("if-match", "2")])).await;
    assert_eq!(status, 200, "{view}");
    assert!(view["leaving"].is_null());
    let roster: RosterRecord = w.get(&RosterRecord::key(&w.setting_id)).unwrap();
    assert_eq!(roster.children[&child_id].leaving_date, None);
}

#[tokio::test]
async fn a_leaver_s_parents_are_told_once_the_day_their_access_ends() {
    let w = World::new();
    let robins = w.room("Robins", AgeBand::Two);
    let key_person = w.member(Role::Practitioner);
    let ava = w.child("Ava", &robins, &key_person);
    let mum = w.guardian_of(&ava, nestling_domain::GuardianAccess::Parent);
    let grandad = w.guardian_of(&ava, nestling_domain::GuardianAccess::Family);
    let ben = w.child("Ben", &robins, &key_person);
    w.guardian_of(&ben, nestling_domain::GuardianAccess::Parent);
    let today = london_today(&w);
    let leave = |child: &ChildId, days: i64, access: u16| {
        let path = format!("/v1/settings/{}/children/{child}/leaving", w.setting_id);
        let body = json!({ "date": (today + time::Duration::days(days)).to_string(), "destinationKind": "school", "destination": "Hill Primary", "guardianAccessDays": access });
        (path, body)
    };
    // Ava leaves in 20 days with 30 days' reading: told 16 days after her leaving day (a
    // fortnight before access ends). Ben's leaving is recorded, then cancelled.
    let (path, body) = leave(&ava, 20, 30);
    assert_eq!(w.call(set_leaving, w.request_with(Some(&w.manager), "PUT", &path, Some(&body), &[("if-match", "1")])).await.0, 200);
    let (path, body) = leave(&ben, 5, 0);
    assert_eq!(w.call(set_leaving, w.request_with(Some(&w.manager), "PUT", &path, Some(&body), &[("if-match", "1")])).await.0, 200);
    assert_eq!(w.call(cancel_leaving, w.request_with(Some(&w.manager), "DELETE", &path, None, &[("if-match", "2")])).await.0, 200);

    let notices = |w: &World| {
        w.items_of_kind("outbox").into_iter().filter(|m| nestling_platform::store::text_of(m, "purpose") == Some("access-ending")).count()
    };
    assert_eq!(notices::send_access_ending_notices(&w.app, w.app.clock.now()).await.unwrap(), 0);
    w.app.clock.advance(time::Duration::days(35));
    assert_eq!(notices::send_access_ending_notices(&w.app, w.app.clock.now()).await.unwrap(), 0, "a day early");
    w.app.clock.advance(time::Duration::days(1));
    let now = w.app.clock.now();
    assert_eq!(
        notices::send_access_ending_notices(&w.app, now).await.unwrap(),
        1,
        "Ava's mother, not her grandfather (family access) nor Ben's"
    );
    let mail =
        w.items_of_kind("outbox").into_iter().find(|m| nestling_platform::store::text_of(m, "purpose") == Some("access-ending")).unwrap();
    assert_eq!(nestling_platform::store::text_of(&mail, "to"), Some(mum.email.as_str()));
    let ends = (today + time::Duration::days(50)).to_string();
    assert!(nestling_platform::store::text_of(&mail, "subject").unwrap().contains(&ends), "the day access ends");
    assert_ne!(mum.email, grandad.email);
    // Once: a second run (or a retried one) tells nobody again: Ava is off the notices' index,
    // on the retention sweep's, from the day her family's access ends at the earliest.
    assert_eq!(notices::send_access_ending_notices(&w.app, now).await.unwrap(), 0);
    assert_eq!(notices(&w), 1);
    let child: ChildRecord = w.get(&ChildRecord::key(&w.setting_id, &ava)).unwrap();
    assert_eq!(child.gsi1pk.as_deref(), Some(nestling_platform::store::keys::RETENTION_DUE));
    let journal_goes = nestling_domain::rights::add_months(today + time::Duration::days(20), 36);
    assert!(child.gsi1sk.as_deref().unwrap().starts_with(&journal_goes.to_string()), "{:?}", child.gsi1sk);
}

#[tokio::test]
async fn a_manager_places_a_legal_hold_that_the_roster_shows_and_lifts_it_with_a_note() {
    let w = World::new();
    let robins = w.room("Robins", AgeBand::Two);
    let key_person = w.member(Role::Practitioner);
    let child_id = w.child("Ava", &robins, &key_person);
    let parent = w.guardian_of(&child_id, nestling_domain::GuardianAccess::Parent);
    let path = format!("/v1/settings/{}/children/{}/legal-hold", w.setting_id, child_id);
    let reason = json!({ "reason": "A claim about the fall on 3 March: the insurer asked us to keep everything." });
    let before = w.table.items();
    for who in [&key_person, &parent] {
        let (status, _) = w.call(place_legal_hold, w.request(Some(who), "POST", &path, Some(&reason))).await;
        assert_eq!(status, 403, "{}", who.name);
    }
    assert_eq!(w.table.items(), before);
    let (status, held) = w.call(place_legal_hold, w.request(Some(&w.manager), "POST", &path, Some(&reason))).await;
    assert_eq!(status, 200, "{held}");
    assert!(held["legalHold"]["reason"].as_str().unwrap().contains("insurer"));
    let roster: RosterRecord = w.get(&RosterRecord::key(&w.setting_id)).unwrap();
    assert!(roster.children[&child_id].legal_hold, "the roster marks it");
    let (status, again) = w.call(place_legal_hold, w.request(Some(&w.manager), "POST", &path, Some(&reason))).await;
    assert_eq!((status, again["type"].as_str().unwrap().ends_with("legal-hold-placed")), (409, true));
    // Only managers see it on the child.
    let child_path = format!("/v1/settings/{}/children/{}", w.setting_id, child_id);
    let (_, seen) = w.call(get_child, w.request(Some(&w.manager), "GET", &child_path, None)).await;
    assert!(seen["legalHold"].is_object(), "{seen}");
    let (_, seen) = w.call(get_child, w.request(Some(&key_person), "GET", &child_path, None)).await;
    assert!(seen["legalHold"].is_null(), "{seen}");

    let note = json!({ "note": "The claim was settled." });
    let (status, lifted) = w.call(lift_legal_hold, w.request(Some(&w.manager), "DELETE", &path, Some(&note))).await;
    assert_eq!(status, 200, "{lifted}");
    assert!(lifted["legalHold"].is_null());
    let roster: RosterRecord = w.get(&RosterRecord::key(&w.setting_id)).unwrap();
    assert!(!roster.children[&child_id].legal_hold);
    let (status, _) = w.call(lift_legal_hold, w.request(Some(&w.manager), "DELETE", &path, Some(&note))).await;
    assert_eq!(status, 409);
    let actions: Vec<String> =
        w.items_of_kind("audit").iter().filter_map(|a| nestling_platform::store::text_of(a, "action").map(str::to_string)).collect();
    assert!(actions.contains(&"child.legal-hold.place".to_string()) && actions.contains(&"child.legal-hold.lift".to_string()));
}

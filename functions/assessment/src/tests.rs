//! Assessment against the in-memory table: the framework first, judgements by the key person
//! with the child's own observations as evidence, what a family sees and when, observations
//! counted into each child's term, checkpoints and the SENCo referral.

use super::*;
use nestling_domain::{AgeBand, GuardianAccess, Role, RoomId};
use nestling_platform::records::{ChildRecord, JudgementRecord, RosterRecord};
use nestling_platform::store::text_of;
use nestling_platform::testing::{Person, World};
use serde_json::{json, Value};

fn base(w: &World) -> String {
    format!("/v1/settings/{}", w.setting_id)
}

/// The setting's term today, as the API names it.
fn this_term(w: &World) -> String {
    Term::of(nestling_domain::care::local(w.app.clock.now(), "Europe/London").date()).key()
}

async fn choose(w: &World, framework: &str) -> (u16, Value) {
    let path = format!("{}/assessment-framework", base(w));
    w.call(set_framework, w.request(Some(&w.manager), "PUT", &path, Some(&json!({ "framework": framework })))).await
}

async fn judge(w: &World, who: &Person, child: &ChildId, aspect: &str, body: Value) -> (u16, Value) {
    let path = format!("{}/children/{child}/assessment/{}/{aspect}", base(w), this_term(w));
    w.call(set_judgement, w.request(Some(who), "PUT", &path, Some(&body))).await
}

async fn assessment(w: &World, who: &Person, child: &ChildId) -> (u16, Value) {
    w.call(get_assessment, w.request(Some(who), "GET", &format!("{}/children/{child}/assessment", base(w)), None)).await
}

/// A published observation of `children` in `areas`, through the journal's own use case.
async fn observe(w: &World, who: &Person, children: &[&ChildId], areas: &[&str]) -> String {
    let body = json!({ "text": "Built a tower of six bricks.", "children": children, "areas": areas });
    let (status, made) =
        w.call(nestling_journal::create_observation, w.request(Some(who), "POST", &format!("{}/observations", base(w)), Some(&body))).await;
    assert_eq!(status, 201, "{made}");
    made["observationId"].as_str().unwrap().to_string()
}

/// Gives the child a date of birth `months` whole months before today.
fn aged(w: &World, child: &ChildId, months: i32) {
    let today = nestling_domain::care::local(w.app.clock.now(), "Europe/London").date();
    let total = today.year() * 12 + today.month() as i32 - 1 - months;
    let born =
        time::Date::from_calendar_date(total.div_euclid(12), time::Month::try_from((total.rem_euclid(12) + 1) as u8).unwrap(), 1).unwrap();
    let key = ChildRecord::key(&w.setting_id, child);
    let mut record: ChildRecord = w.get(&key).unwrap();
    record.date_of_birth = born.to_string();
    w.table.insert(to_item(&record));
    let mut roster: RosterRecord = w.get(&RosterRecord::key(&w.setting_id)).unwrap();
    roster.children.insert(child.clone(), record.summary());
    w.table.insert(to_item(&roster));
}

fn world() -> (World, RoomId, Person, Person, ChildId) {
    let w = World::new();
    let robins = w.room("Robins", AgeBand::Two);
    let key_person = w.member(Role::Practitioner);
    let colleague = w.member(Role::Practitioner);
    let ava = w.child("Ava", &robins, &key_person);
    (w, robins, key_person, colleague, ava)
}

#[tokio::test]
async fn the_key_person_judges_with_the_childs_own_observations_as_evidence() {
    let (w, robins, key_person, colleague, ava) = world();
    let ben = w.child("Ben", &robins, &colleague);
    let (status, refused) = judge(&w, &key_person, &ava, "speaking", json!({ "band": "range-4" })).await;
    assert_eq!((status, refused["type"].as_str().unwrap()), (409, "https://nestling.app/problems/no-framework"));
    assert_eq!(choose(&w, "birth-to-5-matters").await.0, 200);
    let (status, _) = w
        .call(
            set_framework,
            w.request(
                Some(&key_person),
                "PUT",
                &format!("{}/assessment-framework", base(&w)),
                Some(&json!({ "framework": "birth-to-5-matters" })),
            ),
        )
        .await;
    assert_eq!(status, 403, "the managers choose");

    let avas = observe(&w, &key_person, &[&ava], &["communication-and-language"]).await;
    let bens = observe(&w, &colleague, &[&ben], &["communication-and-language"]).await;
    let (status, judged) =
        judge(&w, &key_person, &ava, "speaking", json!({ "band": "range-5", "evidence": [avas], "note": "Uses four-word sentences." }))
            .await;
    assert_eq!(status, 200, "{judged}");
    assert_eq!(judged["bandTitle"], "Range 5");
    assert_eq!(judge(&w, &colleague, &ava, "speaking", json!({ "band": "range-4" })).await.0, 403, "not her key person");
    assert_eq!(judge(&w, &w.manager, &ava, "writing", json!({ "band": "range-4" })).await.0, 200, "managers judge too");
    let before = w.table.items();
    for (aspect, body) in [
        ("speaking", json!({ "band": "range-5", "evidence": [bens] })),
        ("speaking", json!({ "band": "stage-9" })),
        ("speaking", json!({ "band": "three-and-four-year-olds" })),
        ("dancing", json!({ "band": "range-4" })),
        ("speaking", json!({ "band": "range-4", "evidence": [avas, avas] })),
        ("speaking", json!({ "band": "range-4", "average": true })),
    ] {
        let (status, answer) = judge(&w, &key_person, &ava, aspect, body.clone()).await;
        assert_eq!(status, 422, "{aspect} {body}: {answer}");
    }
    let future = format!("{}/children/{ava}/assessment/2099-autumn/speaking", base(&w));
    assert_eq!(w.call(set_judgement, w.request(Some(&key_person), "PUT", &future, Some(&json!({ "band": "range-4" })))).await.0, 422);
    assert_eq!(w.table.items(), before, "a refused judgement writes nothing");

    let (status, seen) = assessment(&w, &key_person, &ava).await;
    assert_eq!(status, 200, "{seen}");
    let speaking = seen["judgements"].as_array().unwrap().iter().find(|j| j["aspect"] == "speaking").unwrap();
    assert_eq!(speaking["evidence"], json!([avas]));
    assert_eq!(speaking["note"], "Uses four-word sentences.");
    assert_eq!(seen["framework"]["bands"].as_array().unwrap().len(), 6);
    assert_eq!(seen["framework"]["aspects"].as_array().unwrap().len(), 17);
    assert!(w.items_of_kind("audit").iter().any(|a| text_of(a, "action") == Some("assessment.judge")));
}

#[tokio::test]
async fn a_family_sees_the_terms_judgements_once_shared_and_never_staffs_notes() {
    let (w, robins, key_person, _, ava) = world();
    let ben = w.child("Ben", &robins, &key_person);
    let parent = w.guardian_of(&ava, GuardianAccess::Parent);
    let grandad = w.guardian_of(&ava, GuardianAccess::Family);
    let other_parent = w.guardian_of(&ben, GuardianAccess::Parent);
    choose(&w, "development-matters").await;
    let share = format!("{}/children/{ava}/assessment/{}/share", base(&w), this_term(&w));
    let (status, refused) = w.call(share_assessment, w.request(Some(&key_person), "POST", &share, None)).await;
    assert_eq!((status, refused["type"].as_str().unwrap()), (409, "https://nestling.app/problems/nothing-to-share"));
    judge(&w, &key_person, &ava, "gross-motor-skills", json!({ "band": "three-and-four-year-olds", "note": "Staff only." })).await;

    let (status, before) = assessment(&w, &parent, &ava).await;
    assert_eq!(status, 200, "{before}");
    assert_eq!(before["judgements"], json!([]), "nothing until shared");
    assert!(before["observations"].is_null() && before["concerns"] == json!([]));
    assert_eq!(w.call(share_assessment, w.request(Some(&parent), "POST", &share, None)).await.0, 403, "parents do not share");
    let (status, shared) = w.call(share_assessment, w.request(Some(&key_person), "POST", &share, None)).await;
    assert_eq!(status, 200, "{shared}");
    let (_, after) = assessment(&w, &parent, &ava).await;
    assert_eq!(after["judgements"][0]["band"], "three-and-four-year-olds");
    assert!(after["judgements"][0]["note"].is_null(), "the practitioner's note is staff's");
    assert_eq!(assessment(&w, &grandad, &ava).await.0, 403, "family access sees no child's records");
    assert_eq!(assessment(&w, &other_parent, &ava).await.0, 404, "another family's child");
}

#[tokio::test]
async fn observations_count_into_each_childs_term_and_leave_it_when_unpublished() {
    let (w, robins, key_person, _, ava) = world();
    let ben = w.child("Ben", &robins, &key_person);
    let both = observe(&w, &key_person, &[&ava, &ben], &["mathematics", "physical-development"]).await;
    observe(&w, &key_person, &[&ava], &["mathematics"]).await;
    let (_, seen) = assessment(&w, &key_person, &ava).await;
    assert_eq!(seen["observations"], 2);
    let count = |v: &Value, area: &str| v["byArea"].as_array().unwrap().iter().find(|a| a["area"] == area).unwrap()["observations"].clone();
    assert_eq!(count(&seen, "mathematics"), 2);
    assert_eq!(count(&seen, "physical-development"), 1);
    assert_eq!(count(&seen, "literacy"), 0);
    assert!(seen["lastObservedAt"].is_string());
    // A judgement kept beside the counts (the item is one), then the shared observation unpublished.
    choose(&w, "birth-to-5-matters").await;
    assert_eq!(judge(&w, &key_person, &ava, "number", json!({ "band": "range-5", "evidence": [both] })).await.0, 200);
    let path = format!("{}/observations/{both}", base(&w));
    assert_eq!(w.call(nestling_journal::unpublish_observation, w.request(Some(&w.manager), "DELETE", &path, None)).await.0, 200);
    let (_, seen) = assessment(&w, &key_person, &ava).await;
    assert_eq!(
        (seen["observations"].clone(), count(&seen, "mathematics"), count(&seen, "physical-development")),
        (json!(1), json!(1), json!(0))
    );
    assert_eq!(seen["judgements"].as_array().unwrap().len(), 1, "the judgement stays");
    let (_, bens) = assessment(&w, &key_person, &ben).await;
    assert_eq!(bens["observations"], 0);
}

#[tokio::test]
async fn children_at_a_checkpoint_are_listed_until_every_prime_aspect_is_judged_at_their_age() {
    let (w, robins, key_person, colleague, ava) = world();
    let ben = w.child("Ben", &robins, &colleague);
    let cal = w.child("Cal", &robins, &key_person);
    aged(&w, &ava, 24);
    aged(&w, &ben, 18);
    aged(&w, &cal, 29);
    choose(&w, "birth-to-5-matters").await;
    let list = |who: &Person| w.call(list_checkpoints, w.request(Some(who), "GET", &format!("{}/checkpoints", base(&w)), None));
    let (status, mine) = list(&key_person).await;
    assert_eq!(status, 200, "{mine}");
    let names = |v: &Value| v["items"].as_array().unwrap().iter().map(|i| i["firstName"].as_str().unwrap().to_string()).collect::<Vec<_>>();
    // Ava (24 months): at the two-year checkpoint, nothing judged, the check at two due; Cal (29
    // months): at no checkpoint, but due the check at two. Ben is a colleague's key child.
    assert_eq!(names(&mine), ["Ava", "Cal"]);
    assert_eq!(mine["items"][0]["concerns"].as_array().unwrap().len(), 7);
    assert_eq!(mine["items"][0]["progressCheckDue"], true);
    assert_eq!(names(&list(&w.manager).await.1), ["Ava", "Ben", "Cal"], "managers see every child");
    for aspect in Aspect::ALL.into_iter().filter(|a| a.is_prime()) {
        let band = if aspect == Aspect::Speaking { "range-2" } else { "range-3" };
        assert_eq!(judge(&w, &key_person, &ava, &aspect_key(aspect), json!({ "band": band })).await.0, 200);
    }
    let (_, mine) = list(&key_person).await;
    assert_eq!(mine["items"][0]["concerns"], json!([{ "kind": "below", "aspect": "speaking", "band": "range-2" }]), "{mine}");
    let parent = w.guardian_of(&ava, GuardianAccess::Parent);
    assert_eq!(list(&parent).await.0, 403);
}

#[tokio::test]
async fn a_referral_to_the_senco_is_the_managers_and_only_staff_see_its_note() {
    let (w, _, key_person, _, ava) = world();
    let parent = w.guardian_of(&ava, GuardianAccess::Parent);
    let path = format!("{}/children/{ava}/senco-referral", base(&w));
    let body = json!({ "note": "Speech well behind peers; discussed with mother." });
    assert_eq!(w.call(set_senco_referral, w.request(Some(&key_person), "PUT", &path, Some(&body))).await.0, 403);
    let (status, set) = w.call(set_senco_referral, w.request(Some(&w.manager), "PUT", &path, Some(&body))).await;
    assert_eq!(status, 200, "{set}");
    let (_, staff_view) = assessment(&w, &key_person, &ava).await;
    assert_eq!(staff_view["sencoReferral"]["note"], body["note"]);
    let (_, family_view) = assessment(&w, &parent, &ava).await;
    assert!(family_view["sencoReferral"].is_null());
    let audits = w.items_of_kind("audit");
    let line = audits.iter().find(|a| text_of(a, "action") == Some("child.senco-referral")).unwrap();
    assert!(
        !serde_json::to_string(&nestling_platform::store::from_item::<Value>(line.clone()).unwrap()).unwrap().contains("Speech"),
        "the note is not copied into the log"
    );
    assert_eq!(w.call(set_senco_referral, w.request(Some(&w.manager), "PUT", &path, Some(&json!({ "note": "" })))).await.0, 422);
    let (status, withdrawn) = w.call(set_senco_referral, w.request(Some(&w.manager), "PUT", &path, Some(&json!({ "note": null })))).await;
    assert_eq!((status, withdrawn["referral"].clone()), (200, Value::Null));
}

#[tokio::test]
async fn managers_see_each_room_and_key_person_and_how_the_cohort_moved_since_last_term() {
    let (w, robins, key_person, colleague, ava) = world();
    let wrens = w.room("Wrens", AgeBand::ThreePlus);
    let ben = w.child("Ben", &wrens, &colleague);
    w.child("Cal", &robins, &key_person);
    choose(&w, "birth-to-5-matters").await;
    observe(&w, &key_person, &[&ava], &["mathematics", "communication-and-language"]).await;
    observe(&w, &colleague, &[&ben], &["mathematics"]).await;
    // Last term: Ava and Ben judged in speaking at range 3; this term Ava moved up, Ben stayed.
    let previous = Term::parse(&this_term(&w)).unwrap().previous().key();
    for (child, band) in [(&ava, "range-3"), (&ben, "range-3")] {
        let mut last = ChildTermRecord::new(&w.setting_id, &previous, child);
        last.judgements.insert(
            Aspect::Speaking,
            JudgementRecord {
                band: band.into(),
                framework: "birth-to-5-matters-2021".into(),
                evidence: Vec::new(),
                note: None,
                judged_by: key_person.user_id.clone(),
                judged_by_name: key_person.name.clone(),
                judged_at: w.app.clock.timestamp(),
            },
        );
        w.table.insert(to_item(&last));
    }
    assert_eq!(judge(&w, &key_person, &ava, "speaking", json!({ "band": "range-4" })).await.0, 200);
    assert_eq!(judge(&w, &colleague, &ben, "speaking", json!({ "band": "range-3" })).await.0, 200);

    let path = format!("{}/monitoring", base(&w));
    assert_eq!(w.call(get_monitoring, w.request(Some(&key_person), "GET", &path, None)).await.0, 403, "managers monitor");
    let (status, m) = w.call(get_monitoring, w.request(Some(&w.manager), "GET", &path, None)).await;
    assert_eq!(status, 200, "{m}");
    assert_eq!(m["previousTerm"], previous);
    let room = |name: &str| m["rooms"].as_array().unwrap().iter().find(|r| r["name"] == name).unwrap().clone();
    assert_eq!((room("Robins")["children"].clone(), room("Robins")["observations"].clone()), (json!(2), json!(1)));
    assert_eq!(room("Robins")["notObservedRecently"], 1, "Cal has never been observed");
    assert_eq!(room("Wrens")["judgementsDue"], 1, "Ben's other prime aspects are not judged");
    assert_eq!(m["keyPersons"].as_array().unwrap().len(), 2);
    let child = |name: &str| m["children"].as_array().unwrap().iter().find(|c| c["firstName"] == name).unwrap().clone();
    assert_eq!(child("Ava")["areasNotEvidenced"].as_array().unwrap().len(), 5);
    assert_eq!(child("Cal")["notObservedRecently"], true);
    assert_eq!(child("Ava")["notObservedRecently"], false);
    let speaking = m["cohort"].as_array().unwrap().iter().find(|a| a["aspect"] == "speaking").unwrap().clone();
    assert_eq!((speaking["movedUp"].clone(), speaking["stayed"].clone(), speaking["movedDown"].clone()), (json!(1), json!(1), json!(0)));
    let range = |key: &str| speaking["bands"].as_array().unwrap().iter().find(|b| b["band"] == key).unwrap().clone();
    assert_eq!((range("range-3")["now"].clone(), range("range-3")["lastTerm"].clone()), (json!(1), json!(2)));
    assert_eq!(range("range-4")["now"], 1);
    assert_eq!(w.call(get_monitoring, w.request(Some(&w.manager), "GET", &format!("{path}?weeks=0"), None)).await.0, 422);
}

fn check_body() -> Value {
    json!({
        "communicationAndLanguage": "Uses two- and three-word phrases; follows simple instructions.",
        "physicalDevelopment": "Climbs confidently; beginning to use a spoon well.",
        "personalSocialAndEmotionalDevelopment": "Settles well; plays alongside friends (and sometimes with them).",
        "strengths": "Loves books and songs.",
        "concerns": "",
        "actions": "More small-group story times; we will share songs to sing at home."
    })
}

#[tokio::test]
async fn the_progress_check_at_two_goes_from_draft_to_the_family_to_a_signed_pdf() {
    let (w, robins, key_person, colleague, ava) = world();
    let ben = w.child("Ben", &robins, &key_person);
    aged(&w, &ava, 26);
    aged(&w, &ben, 40);
    let parent = w.guardian_of(&ava, GuardianAccess::Parent);
    let grandad = w.guardian_of(&ava, GuardianAccess::Family);
    let other = w.guardian_of(&ben, GuardianAccess::Parent);
    let check = |child: &ChildId, rest: &str| format!("{}/children/{child}/progress-check{rest}", base(&w));
    let get = |who: &Person| w.call(get_progress_check, w.request(Some(who), "GET", &check(&ava, ""), None));

    assert_eq!(
        w.call(save_progress_check, w.request(Some(&key_person), "PUT", &check(&ben, ""), Some(&check_body()))).await.0,
        422,
        "Ben is past three"
    );
    assert_eq!(
        w.call(save_progress_check, w.request(Some(&colleague), "PUT", &check(&ava, ""), Some(&check_body()))).await.0,
        403,
        "not her key person"
    );
    let (status, draft) = w.call(save_progress_check, w.request(Some(&key_person), "PUT", &check(&ava, ""), Some(&check_body()))).await;
    assert_eq!(status, 200, "{draft}");
    assert_eq!((draft["status"].clone(), draft["concerns"].clone()), (json!("draft"), Value::Null));
    assert_eq!(get(&parent).await.0, 404, "the family sees nothing of a draft");

    let share = w.call(share_progress_check, w.request(Some(&key_person), "POST", &check(&ava, "/share"), None)).await;
    assert_eq!(share.0, 200, "{}", share.1);
    let (status, seen) = get(&parent).await;
    assert_eq!((status, seen["status"].clone()), (200, json!("with-family")));
    assert_eq!(get(&grandad).await.0, 403, "family access sees no child's records");
    assert_eq!(w.call(get_progress_check, w.request(Some(&other), "GET", &check(&ava, ""), None)).await.0, 404);

    let sign = || w.call(sign_off_progress_check, w.request(Some(&w.manager), "POST", &check(&ava, "/sign-off"), None));
    let (status, early) = sign().await;
    assert_eq!(
        (status, early["type"].as_str().unwrap()),
        (409, "https://nestling.app/problems/progress-check-not-ready"),
        "the parents answer first"
    );
    let answer = json!({ "view": "She talks non-stop at home!", "shareWithHealthVisitor": true });
    assert_eq!(
        w.call(respond_to_progress_check, w.request(Some(&key_person), "PUT", &check(&ava, "/family"), Some(&answer))).await.0,
        403,
        "the family's own answer"
    );
    let (status, answered) =
        w.call(respond_to_progress_check, w.request(Some(&parent), "PUT", &check(&ava, "/family"), Some(&answer))).await;
    assert_eq!(status, 200, "{answered}");
    assert_eq!(
        w.call(sign_off_progress_check, w.request(Some(&key_person), "POST", &check(&ava, "/sign-off"), None)).await.0,
        403,
        "managers sign off"
    );
    let pdf = |who: &Person| w.call(progress_check_pdf, w.request(Some(who), "GET", &check(&ava, "/pdf"), None));
    assert_eq!(pdf(&parent).await.0, 409, "no document before sign-off");
    let due = || async {
        let (_, list) = w.call(list_checkpoints, w.request(Some(&key_person), "GET", &format!("{}/checkpoints", base(&w)), None)).await;
        list["items"].as_array().unwrap().iter().any(|i| i["firstName"] == "Ava" && i["progressCheckDue"] == true)
    };
    assert!(due().await, "due until signed off");
    let (status, signed) = sign().await;
    assert_eq!((status, signed["status"].clone()), (200, json!("signed-off")));
    assert!(!due().await, "done once signed off");
    let (_, staff_view) = assessment(&w, &key_person, &ava).await;
    assert_eq!((staff_view["progressCheck"].clone(), staff_view["progressCheckDue"].clone()), (json!("signed-off"), json!(false)));
    assert_eq!(
        w.call(save_progress_check, w.request(Some(&key_person), "PUT", &check(&ava, ""), Some(&check_body()))).await.0,
        409,
        "final once signed"
    );

    let response = progress_check_pdf(w.app.clone(), w.request(Some(&parent), "GET", &check(&ava, "/pdf"), None)).await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "application/pdf");
    let bytes = response.body().to_vec();
    assert!(bytes.starts_with(b"%PDF-"));
    let text = String::from_utf8_lossy(&bytes);
    for words in ["Ava's progress check at two", "Communication and language", "She talks non-stop at home!", "No concerns."] {
        assert!(text.contains(words), "the PDF says {words}");
    }
    let audits = w.items_of_kind("audit");
    for action in
        ["progress-check.write", "progress-check.share", "progress-check.family-view", "progress-check.sign-off", "progress-check.download"]
    {
        assert!(audits.iter().any(|a| text_of(a, "action") == Some(action)), "{action}");
    }
}

//! The learning journey end to end on the local stack: a parent asks for it, the stream makes
//! it in the background, the parent is emailed, and the downloads (the PDF and the archive)
//! hold the family's copy: their comments and the staff reply, their contribution, their
//! child's own photo, and not the group photo whose other family refused consent.

use nestling_tests::{jpeg, spawn_app, TestApp};
use serde_json::{json, Value};
use std::io::Read as _;

async fn fetch(url: &str) -> Vec<u8> {
    let response = reqwest::get(url).await.expect("the presigned URL answers");
    assert_eq!(response.status().as_u16(), 200, "{url}");
    response.bytes().await.expect("its bytes").to_vec()
}

async fn upload(t: &TestApp, setting: &str, who: &nestling_tests::Person, children: &[&str]) -> String {
    let media_id = t.upload_raw(setting, who, &jpeg(64, 48), "image/jpeg", children).await;
    t.check_uploads().await;
    media_id
}

#[tokio::test]
async fn a_parent_gets_the_family_s_copy_of_the_journal_by_email_as_a_pdf_and_an_archive() {
    let t = spawn_app().await;
    let (s, manager) = t.setting().await;
    let key_person = t.staff(&s, &manager, "practitioner").await;
    let room = t.room(&s, &manager).await;
    let ava = t.child(&s, &manager, &room, &key_person.user_id).await;
    let ben = t.child(&s, &manager, &room, &key_person.user_id).await;
    let mother = t.guardian(&s, &manager, &ava, "parent", true).await;
    let bens_dad = t.guardian(&s, &manager, &ben, "parent", true).await;
    let consents = |yes: bool| json!({ "photosInOtherJournals": yes, "remoteStaffAccess": false });
    let (status, body) = t.call("PUT", &format!("/v1/settings/{s}/children/{ava}/consents"), Some(&mother), Some(consents(true))).await;
    assert_eq!(status, 200, "{body}");
    let (status, body) = t.call("PUT", &format!("/v1/settings/{s}/children/{ben}/consents"), Some(&bens_dad), Some(consents(false))).await;
    assert_eq!(status, 200, "{body}");

    // Ava's own photo, and one of Ava with Ben, whose family refused.
    let solo = upload(&t, &s, &key_person, &[&ava]).await;
    let group = upload(&t, &s, &key_person, &[&ava, &ben]).await;
    let post = |children: Vec<&str>, media: Vec<&str>, text: &str| json!({ "text": text, "children": children, "mediaIds": media, "areas": ["mathematics"], "nextSteps": "Count to twenty." });
    let observations = format!("/v1/settings/{s}/observations");
    let (status, first) = t.call("POST", &observations, Some(&key_person), Some(post(vec![&ava], vec![&solo], "Counted the ducks."))).await;
    assert_eq!(status, 201, "{first}");
    let (status, both) =
        t.call("POST", &observations, Some(&key_person), Some(post(vec![&ava, &ben], vec![&group], "Built a tower together."))).await;
    assert_eq!(status, 201, "{both}");
    // The mother's comment and the key person's reply; Ben's dad's comment is not Ava's family's.
    let comments = format!("/v1/settings/{s}/observations/{}/comments", first["observationId"].as_str().unwrap());
    let (status, said) = t.call("POST", &comments, Some(&mother), Some(json!({ "text": "She counts the stairs too." }))).await;
    assert_eq!(status, 201, "{said}");
    let reply = json!({ "text": "We will count stairs here.", "replyTo": said["commentId"] });
    assert_eq!(t.call("POST", &comments, Some(&key_person), Some(reply)).await.0, 201);
    let on_both = format!("/v1/settings/{s}/observations/{}/comments", both["observationId"].as_str().unwrap());
    assert_eq!(t.call("POST", &on_both, Some(&bens_dad), Some(json!({ "text": "Ben's dad here." }))).await.0, 201);
    // The mother's contribution, approved.
    let (status, made) = t
        .call(
            "POST",
            &format!("/v1/settings/{s}/children/{ava}/contributions"),
            Some(&mother),
            Some(json!({ "text": "Baked bread at home." })),
        )
        .await;
    assert_eq!(status, 201, "{made}");
    let approve = format!("/v1/settings/{s}/contributions/{}/approve", made["contributionId"].as_str().unwrap());
    assert_eq!(t.call("POST", &approve, Some(&key_person), None).await.0, 200);

    // Asked for, then made in the background.
    let journeys = format!("/v1/settings/{s}/children/{ava}/journeys");
    let (status, asked) = t.call("POST", &journeys, Some(&mother), None).await;
    assert_eq!(status, 202, "{asked}");
    let day = asked["day"].as_str().unwrap().to_string();
    let (status, early) = t.call("GET", &format!("{journeys}/{day}"), Some(&mother), None).await;
    assert_eq!(status, 409, "not made yet: {early}");
    t.drain_outbox().await;
    let (status, list) = t.call("GET", &journeys, Some(&mother), None).await;
    assert_eq!(status, 200, "{list}");
    let journey = &list["items"][0];
    assert_eq!(journey["status"], "ready", "{list}");
    assert_eq!((journey["entries"].as_u64(), journey["media"].as_u64(), journey["mediaLeftOut"].as_u64()), (Some(3), Some(1), Some(1)));
    t.drain_outbox().await;
    let mail = t.mail_to(&mother.email).await;
    let link = mail.iter().find(|m| m.subject.contains("learning journey")).expect("the mother is emailed");
    assert!(link.body.contains(&format!("/s/{s}/children/{ava}/journey")), "{}", link.body);

    // The archive: the PDF, the JSON, and Ava's own photo only.
    let (status, archive) = t.call("GET", &format!("{journeys}/{day}?format=archive"), Some(&mother), None).await;
    assert_eq!(status, 200, "{archive}");
    let bytes = fetch(archive["url"].as_str().unwrap()).await;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    let mut names: Vec<String> = zip.file_names().map(str::to_string).collect();
    names.sort();
    assert_eq!(names.len(), 3, "{names:?}");
    assert!(names.contains(&"learning-journey.pdf".to_string()) && names.contains(&"learning-journey.json".to_string()));
    assert!(names.iter().any(|n| n.starts_with("photos-and-videos/") && n.contains(&solo)), "{names:?}");
    let mut json = String::new();
    zip.by_name("learning-journey.json").unwrap().read_to_string(&mut json).unwrap();
    let content: Value = serde_json::from_str(&json).unwrap();
    for words in [
        "Counted the ducks.",
        "Built a tower together.",
        "She counts the stairs too.",
        "We will count stairs here.",
        "Baked bread at home.",
    ] {
        assert!(json.contains(words), "the JSON holds {words:?}: {content}");
    }
    assert!(!json.contains("Ben's dad here.") && !json.contains(&group), "another family's comment and the refused photo stay out");

    // The PDF, fetched on its own: the same words, one photo.
    let (status, pdf) = t.call("GET", &format!("{journeys}/{day}"), Some(&mother), None).await;
    assert_eq!(status, 200, "{pdf}");
    let pdf = fetch(pdf["url"].as_str().unwrap()).await;
    assert!(pdf.starts_with(b"%PDF-"));
    let text = String::from_utf8_lossy(&pdf);
    assert!(text.contains("Baked bread at home.") && text.contains("We will count stairs here.") && !text.contains("Ben's dad here."));
    assert_eq!(text.matches("/Subtype /Image").count(), 1);

    // Every download is in the access log; asking again today is refused.
    let (status, log) = t.call("GET", &format!("/v1/settings/{s}/audit?childId={ava}"), Some(&manager), None).await;
    assert_eq!(status, 200, "{log}");
    let actions: Vec<&str> = log["items"].as_array().unwrap().iter().filter_map(|i| i["action"].as_str()).collect();
    assert_eq!(actions.iter().filter(|a| **a == "journey.download").count(), 2, "{actions:?}");
    assert!(actions.contains(&"journey.request") && actions.contains(&"journey.made"), "{actions:?}");
    assert_eq!(t.call("POST", &journeys, Some(&manager), None).await.0, 409);
    // Ben's dad may not reach Ava's journey.
    assert_eq!(t.call("GET", &format!("{journeys}/{day}"), Some(&bens_dad), None).await.0, 404);

    // Sent on to her school: the address gets a single-use link, which opens the same archive.
    let school = format!("{}@hill-primary.test", nestling_tests::unique("reception"));
    let (status, sent) = t
        .call("POST", &format!("{journeys}/{day}/transfers"), Some(&manager), Some(json!({ "to": school, "receiver": "Hill Primary" })))
        .await;
    assert_eq!(status, 201, "{sent}");
    t.drain_outbox().await;
    let mail = t.mail_to(&school).await;
    let body = &mail.last().expect("the school is emailed").body;
    assert!(body.contains("Ava") && !body.contains(&s), "the email names the child, not the setting's id");
    let token: String = body.split("/transfer/").nth(1).unwrap().chars().take_while(char::is_ascii_alphanumeric).collect();
    let spend = format!("/v1/journey-transfers/{token}/download");
    let (status, opened) = t.call("POST", &spend, None, None).await;
    assert_eq!(status, 200, "{opened}");
    let bytes = fetch(opened["archiveUrl"].as_str().unwrap()).await;
    let zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    assert_eq!(zip.len(), 3, "the family's copy, as the parents have it");
    assert_eq!(t.call("POST", &spend, None, None).await.0, 410, "the link works once");
    let (_, list) = t.call("GET", &journeys, Some(&manager), None).await;
    assert!(list["items"][0]["transfers"][0]["downloadedAt"].is_string(), "{list}");
    let (_, log) = t.call("GET", &format!("/v1/settings/{s}/audit?childId={ava}"), Some(&manager), None).await;
    let actions: Vec<&str> = log["items"].as_array().unwrap().iter().filter_map(|i| i["action"].as_str()).collect();
    assert!(actions.contains(&"journey.transfer") && actions.contains(&"journey.transfer.download"), "{actions:?}");
}

//! A subject access request end to end on the local stack: a mother asks in the app for
//! everything held about her child; a manager gathers it (in the background), reviews it and
//! withholds one item with a reason, then releases the rest; the files are made in the
//! background, the request is answered and the mother downloads a PDF and an archive that
//! hold the child's record, journal, comments, contribution, diary and messages, but not the
//! withheld item (only its reason), not another family's comment, not the group photo whose
//! other family refused consent, and no keys or secrets.

use nestling_tests::{jpeg, spawn_app};
use serde_json::{json, Value};
use std::io::Read as _;

async fn fetch(url: &str) -> Vec<u8> {
    let response = reqwest::get(url).await.expect("the presigned URL answers");
    assert_eq!(response.status().as_u16(), 200, "{url}");
    response.bytes().await.expect("its bytes").to_vec()
}

#[tokio::test]
async fn a_mother_s_request_is_gathered_reviewed_released_and_downloaded() {
    let t = spawn_app().await;
    let (s, manager) = t.setting().await;
    let key_person = t.staff(&s, &manager, "practitioner").await;
    let room = t.room(&s, &manager).await;
    let ava = t.child(&s, &manager, &room, &key_person.user_id).await;
    let ben = t.child(&s, &manager, &room, &key_person.user_id).await;
    let mother = t.guardian(&s, &manager, &ava, "parent", true).await;
    let bens_dad = t.guardian(&s, &manager, &ben, "parent", true).await;
    let consents = |yes: bool| json!({ "photosInOtherJournals": yes, "remoteStaffAccess": false });
    assert_eq!(t.call("PUT", &format!("/v1/settings/{s}/children/{ava}/consents"), Some(&mother), Some(consents(true))).await.0, 200);
    assert_eq!(t.call("PUT", &format!("/v1/settings/{s}/children/{ben}/consents"), Some(&bens_dad), Some(consents(false))).await.0, 200);

    let solo = t.upload_raw(&s, &key_person, &jpeg(64, 48), "image/jpeg", &[&ava]).await;
    let group = t.upload_raw(&s, &key_person, &jpeg(64, 48), "image/jpeg", &[&ava, &ben]).await;
    t.check_uploads().await;
    let post = |children: Vec<&str>, media: Vec<&str>, text: &str| json!({ "text": text, "children": children, "mediaIds": media, "areas": ["mathematics"] });
    let observations = format!("/v1/settings/{s}/observations");
    let (status, first) = t.call("POST", &observations, Some(&key_person), Some(post(vec![&ava], vec![&solo], "Counted the ducks."))).await;
    assert_eq!(status, 201, "{first}");
    let (status, both) =
        t.call("POST", &observations, Some(&key_person), Some(post(vec![&ava, &ben], vec![&group], "Built a tower together."))).await;
    assert_eq!(status, 201, "{both}");
    let comments = format!("/v1/settings/{s}/observations/{}/comments", first["observationId"].as_str().unwrap());
    let (status, said) = t.call("POST", &comments, Some(&mother), Some(json!({ "text": "She counts the stairs too." }))).await;
    assert_eq!(status, 201, "{said}");
    let reply = json!({ "text": "Ben counted with her.", "replyTo": said["commentId"] });
    assert_eq!(t.call("POST", &comments, Some(&key_person), Some(reply)).await.0, 201);
    let on_both = format!("/v1/settings/{s}/observations/{}/comments", both["observationId"].as_str().unwrap());
    assert_eq!(t.call("POST", &on_both, Some(&bens_dad), Some(json!({ "text": "Ben's dad here." }))).await.0, 201);
    let (status, made) = t
        .call(
            "POST",
            &format!("/v1/settings/{s}/children/{ava}/contributions"),
            Some(&mother),
            Some(json!({ "text": "Baked bread at home." })),
        )
        .await;
    assert_eq!(status, 201, "{made}");
    let diary = json!({ "kind": "meal", "what": "Fish pie and peas", "amount": "most" });
    let (status, body) = t.call("POST", &format!("/v1/settings/{s}/children/{ava}/diary"), Some(&key_person), Some(diary)).await;
    assert_eq!(status, 201, "{body}");
    let thread = json!({ "subject": "Wellies", "text": "Please send wellies on Friday.", "mediaIds": [] });
    let (status, body) = t.call("POST", &format!("/v1/settings/{s}/children/{ava}/threads"), Some(&key_person), Some(thread)).await;
    assert_eq!(status, 201, "{body}");

    // She asks; the manager gathers.
    let (status, asked) = t.call("POST", &format!("/v1/settings/{s}/children/{ava}/rights-requests"), Some(&mother), Some(json!({}))).await;
    assert_eq!(status, 201, "{asked}");
    let export = format!("/v1/settings/{s}/rights-requests/{}/export", asked["requestId"].as_str().unwrap());
    let (status, gathering) = t.call("POST", &export, Some(&manager), None).await;
    assert_eq!(status, 202, "{gathering}");
    t.drain_outbox().await;
    let (status, review) = t.call("GET", &export, Some(&manager), None).await;
    assert_eq!(status, 200, "{review}");
    assert_eq!(review["request"]["export"]["status"], "review", "{review}");
    assert_eq!(review["request"]["export"]["mediaLeftOut"], 1, "the group photo, by consent");
    let items = review["items"].as_array().unwrap();
    let kinds: Vec<&str> = items.iter().filter_map(|i| i["kind"].as_str()).collect();
    for kind in ["child", "observation", "comment", "contribution", "diary", "message", "access-log"] {
        assert!(kinds.contains(&kind), "{kind} gathered: {kinds:?}");
    }
    let text = review.to_string();
    assert!(!text.contains("Ben's dad here."), "another family's comment is not about Ava");
    let group_item = items.iter().find(|i| i["lines"].to_string().contains("Built a tower together.")).expect("the shared observation");
    assert_eq!(group_item["others"].as_array().map(Vec::len), Some(1), "the reviewer is told who else is in it: {group_item}");
    let reply_item = items.iter().find(|i| i["lines"].to_string().contains("Ben counted with her.")).expect("the reply");

    // One item withheld with its reason, then released.
    let withhold = json!({ "itemId": reply_item["itemId"], "reason": "It names another child." });
    let (status, body) = t.call("POST", &format!("{export}/withhold"), Some(&manager), Some(withhold)).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["export"]["withheld"], 1);
    assert_eq!(t.call("GET", &format!("{export}/download"), Some(&mother), None).await.0, 409, "not released yet");
    let (status, releasing) = t.call("POST", &format!("{export}/release"), Some(&manager), None).await;
    assert_eq!(status, 202, "{releasing}");
    t.drain_outbox().await;
    let (status, list) = t.call("GET", &format!("/v1/settings/{s}/rights-requests"), Some(&mother), None).await;
    assert_eq!(status, 200, "{list}");
    let request = &list["items"][0];
    assert_eq!((request["status"].as_str(), request["export"]["status"].as_str()), (Some("answered"), Some("released")), "{request}");
    t.drain_outbox().await;
    let mails = t.mail_to(&mother.email).await;
    assert!(mails.iter().any(|m| m.subject.contains("was answered") && m.body.contains("/data-requests")), "the mother is told");

    // The archive: the PDF, the JSON and Ava's own photo.
    let (status, archive) = t.call("GET", &format!("{export}/download?format=archive"), Some(&mother), None).await;
    assert_eq!(status, 200, "{archive}");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(fetch(archive["url"].as_str().unwrap()).await)).expect("a zip");
    let mut names: Vec<String> = zip.file_names().map(str::to_string).collect();
    names.sort();
    assert_eq!(names.len(), 3, "{names:?}");
    assert!(names.iter().any(|n| n.starts_with("photos-and-videos/") && n.contains(&solo)), "{names:?}");
    let mut json = String::new();
    zip.by_name("your-data.json").unwrap().read_to_string(&mut json).unwrap();
    let content: Value = serde_json::from_str(&json).unwrap();
    for words in [
        "Counted the ducks.",
        "Built a tower together.",
        "She counts the stairs too.",
        "Baked bread at home.",
        "Fish pie and peas",
        "Please send wellies on Friday.",
        "It names another child.",
    ] {
        assert!(json.contains(words), "the JSON holds {words:?}: {content}");
    }
    // The refused photo is in no item's photos (the access log still records its upload).
    for item in content["items"].as_array().unwrap().iter().filter(|i| i["kind"] != "access-log") {
        assert!(!item.to_string().contains(&group), "{item}");
    }
    for absent in ["Ben counted with her.", "Ben's dad here.", "\"PK\"", "passwordHash", "GSI1PK"] {
        assert!(!json.contains(absent), "the JSON leaves out {absent:?}");
    }
    let (status, pdf) = t.call("GET", &format!("{export}/download"), Some(&mother), None).await;
    assert_eq!(status, 200, "{pdf}");
    let pdf = fetch(pdf["url"].as_str().unwrap()).await;
    let text = String::from_utf8_lossy(&pdf);
    assert!(text.contains("Baked bread at home.") && text.contains("It names another child.") && !text.contains("Ben counted with her."));
    assert_eq!(text.matches("/Subtype /Image").count(), 1);

    // Ben's dad reaches none of it; the manager's steps and both downloads are in the log.
    assert_eq!(t.call("GET", &format!("{export}/download"), Some(&bens_dad), None).await.0, 404);
    let (status, log) = t.call("GET", &format!("/v1/settings/{s}/audit?childId={ava}"), Some(&manager), None).await;
    assert_eq!(status, 200, "{log}");
    let actions: Vec<&str> = log["items"].as_array().unwrap().iter().filter_map(|i| i["action"].as_str()).collect();
    for action in [
        "rights-export.gather",
        "rights-export.gathered",
        "rights-export.view",
        "rights-export.withhold",
        "rights-export.release",
        "rights-export.made",
    ] {
        assert!(actions.contains(&action), "{action}: {actions:?}");
    }
    assert_eq!(actions.iter().filter(|a| **a == "rights-export.download").count(), 2, "{actions:?}");
}

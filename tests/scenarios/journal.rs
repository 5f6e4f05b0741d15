//! The learning journal through HTTP against the local stack: real uploads through presigned
//! POSTs, the media check on the resulting S3 events, observations, the photo consent in
//! every combination, comments that stay within families, edits and unpublishing.

use nestling_platform::records::MediaRecord;
use nestling_platform::store::from_item;
use nestling_tests::{guardian_body, id, jpeg, jpeg_with_location, mp4, png, spawn_app, Person, TestApp};
use serde_json::{json, Value};

/// Follows a 302 from media-get and downloads what S3 serves.
async fn download(t: &TestApp, path: &str, who: &Person) -> (u16, Option<(Vec<u8>, String)>) {
    let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let response = client.get(format!("{}{path}", t.base_url)).bearer_auth(&who.token).send().await.unwrap();
    let status = response.status().as_u16();
    if status != 302 {
        return (status, None);
    }
    let location = response.headers()["location"].to_str().unwrap().to_string();
    let object = client.get(&location).send().await.unwrap();
    assert_eq!(object.status().as_u16(), 200, "S3 serves the presigned GET");
    let content_type = object.headers().get("content-type").map(|v| v.to_str().unwrap().to_string()).unwrap_or_default();
    (status, Some((object.bytes().await.unwrap().to_vec(), content_type)))
}

async fn media_record(t: &TestApp, setting_id: &str, media_id: &str) -> MediaRecord {
    from_item(t.app.store().get(&MediaRecord::key(&id(setting_id), &id(media_id))).await.unwrap().expect("media record")).unwrap()
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[tokio::test]
async fn uploads_are_checked_cleaned_and_served_only_when_ready() {
    let t = spawn_app().await;
    let (s, manager) = t.setting().await;
    let practitioner = t.staff(&s, &manager, "practitioner").await;
    let room = t.room(&s, &manager).await;
    let child = t.child(&s, &manager, &room, &practitioner.user_id).await;

    // The upload ticket pins key, type and exact size in a signed policy valid five minutes.
    let original = jpeg_with_location(64, 48);
    let (status, ticket) = t
        .call(
            "POST",
            &format!("/v1/settings/{s}/media"),
            Some(&practitioner),
            Some(json!({
                "contentType": "image/jpeg", "byteSize": original.len(), "children": [child]
            })),
        )
        .await;
    assert_eq!(status, 201, "{ticket}");
    let media_id = ticket["mediaId"].as_str().unwrap().to_string();
    assert_eq!(ticket["status"], "pending");
    let fields = &ticket["upload"]["fields"];
    assert_eq!(fields["key"], format!("quarantine/{s}/{media_id}"));
    assert_eq!(fields["Content-Type"], "image/jpeg");
    use base64::Engine;
    let policy: Value =
        serde_json::from_slice(&base64::engine::general_purpose::STANDARD.decode(fields["policy"].as_str().unwrap()).unwrap()).unwrap();
    let conditions = policy["conditions"].as_array().unwrap();
    assert!(conditions.contains(&json!(["content-length-range", original.len(), original.len()])));
    assert!(conditions.contains(&json!({ "key": format!("quarantine/{s}/{media_id}") })));
    assert!(conditions.contains(&json!({ "Content-Type": "image/jpeg" })));
    assert!(fields["x-amz-signature"].as_str().unwrap().len() == 64);
    let sent = t.api.post_form(&ticket["upload"], &original, "image/jpeg").await.unwrap();
    assert!((200..300).contains(&sent), "{sent}");

    // Until checked, only the uploader sees it.
    let path = format!("/v1/settings/{s}/media/{media_id}");
    assert_eq!(download(&t, &path, &manager).await.0, 404);
    let (status, pending) = download(&t, &path, &practitioner).await;
    assert_eq!(status, 302);
    assert_eq!(pending.unwrap().0, original);

    assert_eq!(t.check_uploads().await, 1);
    let record = media_record(&t, &s, &media_id).await;
    assert_eq!(record.status, nestling_domain::journal::MediaStatus::Ready);
    assert!(record.thumbnail);
    let (status, served) = download(&t, &path, &manager).await;
    assert_eq!(status, 302);
    let (bytes, content_type) = served.unwrap();
    assert_eq!(content_type, "image/jpeg");
    assert!(contains(&original, b"GPS"));
    assert!(!contains(&bytes, b"GPS"), "location is stripped");
    let picture = image::load_from_memory(&bytes).unwrap();
    assert_eq!((picture.width(), picture.height()), (64, 48));
    // Orientation 6 survives, so the thumbnail is drawn upright (rotated: taller than wide).
    let (status, thumb) = download(&t, &format!("{path}?variant=thumbnail"), &manager).await;
    assert_eq!(status, 302);
    let thumb = image::load_from_memory(&thumb.unwrap().0).unwrap();
    assert_eq!((thumb.width(), thumb.height()), (48, 64));
    // The quarantined copy is gone; a redelivered event changes nothing.
    assert_eq!(t.check_uploads().await, 0);
    let event = nestling_local::pump::upload_event(&t.stack.bucket, &format!("quarantine/{s}/{media_id}"), original.len() as u64);
    nestling_media_function::handle_upload_event(&t.app, event).await.unwrap();
    assert_eq!(media_record(&t, &s, &media_id).await.version, record.version);

    // A PNG sent as a JPEG, a script sent as a PNG and a picture with a zip behind it are
    // rejected and deleted, and nobody (not even the uploader) is served them.
    let mut polyglot = jpeg(16, 16);
    polyglot.extend_from_slice(b"PK\x03\x04<script>alert(1)</script>");
    let bad = [
        (png(16, 16), "image/jpeg", "not image/jpeg"),
        (b"<html><script>document.location='//evil'</script></html>".to_vec(), "image/png", "not a recognised"),
        (polyglot, "image/jpeg", "extra data"),
    ];
    for (bytes, content_type, why) in bad {
        let id = t.upload_raw(&s, &practitioner, &bytes, content_type, &[&child]).await;
        t.check_uploads().await;
        let record = media_record(&t, &s, &id).await;
        assert_eq!(record.status, nestling_domain::journal::MediaStatus::Rejected, "{why}");
        assert!(record.rejection.as_deref().unwrap().contains(why), "{:?}", record.rejection);
        assert_eq!(download(&t, &format!("/v1/settings/{s}/media/{id}"), &practitioner).await.0, 404);
    }
    let listing = t.app.media().get(&format!("quarantine/{s}/{media_id}")).await;
    assert!(listing.is_err(), "quarantine is emptied");

    // Video: the boxes are walked, the location in the movie header blanked; no thumbnail.
    let filmed = nestling_tests::mp4_with_location();
    let video = t.upload_raw(&s, &practitioner, &filmed, "video/mp4", &[&child]).await;
    t.check_uploads().await;
    assert_eq!(media_record(&t, &s, &video).await.status, nestling_domain::journal::MediaStatus::Ready);
    let (status, served) = download(&t, &format!("/v1/settings/{s}/media/{video}"), &manager).await;
    assert_eq!(status, 302);
    let served = served.unwrap().0;
    assert_eq!(served.len(), filmed.len());
    assert!(contains(&filmed, b"+51.5072") && !contains(&served, b"+51.5072"), "the location is blanked");
    assert!(contains(&served, &[7; 256]), "the pictures are untouched");
    let plain = t.upload_raw(&s, &practitioner, &mp4(), "video/mp4", &[&child]).await;
    t.check_uploads().await;
    assert_eq!(download(&t, &format!("/v1/settings/{s}/media/{plain}"), &manager).await.1.unwrap().0, mp4());
    assert_eq!(download(&t, &format!("/v1/settings/{s}/media/{video}?variant=thumbnail"), &manager).await.0, 404);

    // Bad requests change nothing.
    let before = t.item_count().await;
    for body in [
        json!({ "contentType": "image/gif", "byteSize": 10, "children": [child] }),
        json!({ "contentType": "image/jpeg", "byteSize": 20_000_001, "children": [child] }),
        json!({ "contentType": "video/mp4", "byteSize": 200_000_001u64, "children": [child] }),
        json!({ "contentType": "image/jpeg", "byteSize": 0, "children": [child] }),
        json!({ "contentType": "image/jpeg", "byteSize": 10, "children": [] }),
        json!({ "contentType": "image/jpeg", "byteSize": 10, "children": ["nobody"] }),
        json!({ "contentType": "image/jpeg", "byteSize": 10, "children": [child, child] }),
    ] {
        let (status, problem) = t.call("POST", &format!("/v1/settings/{s}/media"), Some(&practitioner), Some(body.clone())).await;
        assert_eq!(status, 422, "{body}: {problem}");
    }
    assert_eq!(t.item_count().await, before);
}

/// Where a media record stands and whether its cleaned photo is still in the bucket.
async fn kept(t: &TestApp, s: &str, media_id: &str) -> (nestling_domain::journal::MediaStatus, bool, bool) {
    let record = media_record(t, s, media_id).await;
    let original = nestling_platform::media::original_key(&id(s), &id(media_id));
    (record.status, record.gsi1pk.is_some(), t.app.media().get(&original).await.is_ok())
}

#[tokio::test]
async fn uploads_never_attached_are_deleted_after_thirty_days_and_attached_ones_kept() {
    use nestling_domain::journal::MediaStatus::{Expired, Pending, Ready, Rejected};
    let expire = |t: &TestApp| {
        let app = t.app.clone();
        async move { nestling_media_function::expiry::expire_unattached(&app, app.clock.now()).await.unwrap() }
    };
    let t = spawn_app().await;
    let (s, manager) = t.setting().await;
    let practitioner = t.staff(&s, &manager, "practitioner").await;
    let room = t.room(&s, &manager).await;
    let child = t.child(&s, &manager, &room, &practitioner.user_id).await;
    let parent = t.guardian(&s, &manager, &child, "parent", true).await;
    // A photo left behind by a form never sent, one published in an observation, one a parent
    // sent with a contribution, a ticket never used, and a rejected upload.
    let forgotten = t.photo(&s, &practitioner, &[&child]).await;
    let published = t.photo(&s, &practitioner, &[&child]).await;
    t.observation(&s, &practitioner, &[&child], &[&published]).await;
    let contributed = t.photo(&s, &parent, &[&child]).await;
    let (status, body) = t
        .call(
            "POST",
            &format!("/v1/settings/{s}/children/{child}/contributions"),
            Some(&parent),
            Some(json!({ "text": "At the farm.", "mediaIds": [contributed] })),
        )
        .await;
    assert_eq!(status, 201, "{body}");
    let (status, ticket) = t
        .call(
            "POST",
            &format!("/v1/settings/{s}/media"),
            Some(&practitioner),
            Some(json!({ "contentType": "image/jpeg", "byteSize": 900, "children": [child] })),
        )
        .await;
    assert_eq!(status, 201, "{ticket}");
    let unsent = ticket["mediaId"].as_str().unwrap().to_string();
    let rejected = t.upload_raw(&s, &practitioner, &png(8, 8), "image/jpeg", &[&child]).await;
    t.check_uploads().await;
    assert_eq!(kept(&t, &s, &forgotten).await, (Ready, true, true), "waiting for an entry");
    assert_eq!(kept(&t, &s, &published).await, (Ready, false, true), "attaching takes it out of the index");
    assert_eq!(kept(&t, &s, &contributed).await, (Ready, false, true));
    assert_eq!(media_record(&t, &s, &unsent).await.status, Pending);
    assert_eq!(kept(&t, &s, &rejected).await, (Rejected, false, false), "nothing kept, nothing to expire");

    // Thirty days on, everything is still inside its window.
    t.app.clock.advance(time::Duration::days(30));
    assert_eq!(expire(&t).await, 0);
    assert_eq!(kept(&t, &s, &forgotten).await, (Ready, true, true));

    // A day later the forgotten photo and the unused ticket go, with a log line each; what
    // entries hold is untouched and still served.
    t.app.clock.advance(time::Duration::days(1));
    assert_eq!(expire(&t).await, 2);
    assert_eq!(kept(&t, &s, &forgotten).await, (Expired, false, false));
    let thumbnail = nestling_platform::media::thumbnail_key(&id(&s), &id(&forgotten));
    assert!(t.app.media().get(&thumbnail).await.is_err(), "the thumbnail goes too");
    assert_eq!(kept(&t, &s, &unsent).await, (Expired, false, false));
    assert_eq!(kept(&t, &s, &published).await, (Ready, false, true));
    assert_eq!(kept(&t, &s, &contributed).await, (Ready, false, true));
    assert_eq!(download(&t, &format!("/v1/settings/{s}/media/{published}"), &manager).await.0, 302);
    assert_eq!(download(&t, &format!("/v1/settings/{s}/media/{forgotten}"), &practitioner).await.0, 404, "not even its uploader");
    let lines: Vec<_> =
        t.all_items().await.into_iter().filter(|i| nestling_platform::store::text_of(i, "action") == Some("media.expired")).collect();
    assert_eq!(lines.len(), 2);
    // An expired photo cannot be attached: the form says to upload it again.
    let (status, problem) = t
        .call(
            "POST",
            &format!("/v1/settings/{s}/observations"),
            Some(&practitioner),
            Some(json!({ "text": "Late.", "children": [child], "mediaIds": [forgotten], "areas": ["mathematics"] })),
        )
        .await;
    assert_eq!(status, 422, "{problem}");
    assert!(problem["detail"].as_str().unwrap().contains("upload it again"), "{problem}");
    // A second run finds nothing.
    assert_eq!(expire(&t).await, 0);

    // A run that stopped after marking an upload expired is finished by the next: its
    // objects go and it leaves the index, without a second log line.
    let interrupted = t.photo(&s, &practitioner, &[&child]).await;
    t.app.clock.advance(time::Duration::days(31));
    let mut record = media_record(&t, &s, &interrupted).await;
    record.status = Expired;
    record.version += 1;
    t.put_item(nestling_platform::store::to_item(&record)).await;
    assert_eq!(expire(&t).await, 0, "marked already");
    assert_eq!(kept(&t, &s, &interrupted).await, (Expired, false, false));
}

#[tokio::test]
async fn photo_consent_in_every_combination_for_three_children() {
    let t = spawn_app().await;
    let (s, manager) = t.setting().await;
    let practitioner = t.staff(&s, &manager, "practitioner").await;
    let room = t.room(&s, &manager).await;
    let mut children = Vec::new();
    let mut parents = Vec::new();
    for _ in 0..3 {
        let child = t.child(&s, &manager, &room, &practitioner.user_id).await;
        parents.push(t.guardian(&s, &manager, &child, "parent", true).await);
        children.push(child);
    }
    let tagged: Vec<&str> = children.iter().map(String::as_str).collect();
    let photo = t.photo(&s, &practitioner, &tagged).await;
    // A second photo of child 0 alone: always shown to child 0's family.
    let solo = t.photo(&s, &practitioner, &tagged[..1]).await;
    t.observation(&s, &practitioner, &tagged, &[&photo, &solo]).await;

    for mask in 0..8u8 {
        for (i, parent) in parents.iter().enumerate() {
            let (status, _) = t
                .call(
                    "PUT",
                    &format!("/v1/settings/{s}/children/{}/consents", children[i]),
                    Some(parent),
                    Some(json!({
                        "photosInOtherJournals": mask & (1 << i) != 0, "remoteStaffAccess": false
                    })),
                )
                .await;
            assert_eq!(status, 200);
        }
        for (i, parent) in parents.iter().enumerate() {
            let others_consent = (0..3).filter(|j| *j != i).all(|j| mask & (1 << j) != 0);
            let (status, journal) = t.call("GET", &format!("/v1/settings/{s}/children/{}/journal", children[i]), Some(parent), None).await;
            assert_eq!(status, 200, "{journal}");
            let media = journal["items"][0]["media"].as_array().unwrap();
            let group = media.iter().find(|m| m["mediaId"] == photo.as_str()).unwrap();
            assert_eq!(group["shared"], others_consent, "mask {mask:03b}, child {i}");
            assert_eq!(group["url"].is_string(), others_consent, "no URL for a photo not shared");
            assert_eq!(group["thumbnailUrl"].is_string(), others_consent);
            if i == 0 {
                let own = media.iter().find(|m| m["mediaId"] == solo.as_str()).unwrap();
                assert_eq!(own["shared"], true);
            } else {
                assert_eq!(media.len(), 2, "the entry lists both photos; the solo one as tagged");
            }
            // The direct link obeys the same rule.
            let want = if others_consent { 302 } else { 404 };
            assert_eq!(download(&t, &format!("/v1/settings/{s}/media/{photo}"), parent).await.0, want, "mask {mask:03b}, child {i}");
            // Staff see everything.
            let (_, staff_view) =
                t.call("GET", &format!("/v1/settings/{s}/children/{}/journal", children[i]), Some(&practitioner), None).await;
            assert!(staff_view["items"][0]["media"].as_array().unwrap().iter().all(|m| m["shared"] == true));
        }
    }
}

#[tokio::test]
async fn observations_publish_edit_review_and_unpublish() {
    let t = spawn_app().await;
    let (s, manager) = t.setting().await;
    let author = t.staff(&s, &manager, "practitioner").await;
    let colleague = t.staff(&s, &manager, "practitioner").await;
    let room = t.room(&s, &manager).await;
    let a = t.child(&s, &manager, &room, &author.user_id).await;
    let b = t.child(&s, &manager, &room, &colleague.user_id).await;
    let parent_a = t.guardian(&s, &manager, &a, "parent", true).await;
    let parent_b = t.guardian(&s, &manager, &b, "parent", true).await;
    let family_a = t.guardian(&s, &manager, &a, "family", true).await;

    // Bad observations change nothing.
    let pending = t.upload_raw(&s, &author, &jpeg(8, 8), "image/jpeg", &[&a]).await;
    let parents_photo = t.upload_raw(&s, &parent_a, &jpeg(8, 8), "image/jpeg", &[&a]).await;
    let before = t.item_count().await;
    let obs = |children: Value, media: Value, areas: Value| json!({ "text": "Painted.", "children": children, "mediaIds": media, "areas": areas });
    for (body, want) in [
        (obs(json!([]), json!([]), json!(["literacy"])), 422),
        (obs(json!(["nobody"]), json!([]), json!(["literacy"])), 422),
        (obs(json!([a]), json!([]), json!([])), 422),
        (obs(json!([a]), json!([]), json!(["knitting"])), 422),
        (obs(json!([a]), json!([pending]), json!(["literacy"])), 409),
        (json!({ "text": "  ", "children": [a], "areas": ["literacy"] }), 422),
    ] {
        let (status, problem) = t.call("POST", &format!("/v1/settings/{s}/observations"), Some(&author), Some(body.clone())).await;
        assert_eq!(status, want, "{body}: {problem}");
    }
    assert_eq!(t.item_count().await, before);
    for (who, want) in [(&parent_a, 403), (&family_a, 403)] {
        let (status, _) = t
            .call("POST", &format!("/v1/settings/{s}/observations"), Some(who), Some(obs(json!([a]), json!([]), json!(["literacy"]))))
            .await;
        assert_eq!(status, want);
    }
    t.check_uploads().await;
    let (status, _) = t
        .call(
            "POST",
            &format!("/v1/settings/{s}/observations"),
            Some(&author),
            Some(obs(json!([a]), json!([parents_photo]), json!(["literacy"]))),
        )
        .await;
    assert_eq!(status, 422, "a parent's upload is not staff's to publish");

    let photo = t.photo(&s, &author, &[&a]).await;
    let id = t.observation(&s, &author, &[&a, &b], &[&photo]).await;
    let (status, _) = t
        .call("POST", &format!("/v1/settings/{s}/observations"), Some(&author), Some(obs(json!([a]), json!([photo]), json!(["literacy"]))))
        .await;
    assert_eq!(status, 409, "media joins one entry only");

    // Each child's journal has it; the key person heads the journal.
    let (status, journal) = t.call("GET", &format!("/v1/settings/{s}/children/{a}/journal"), Some(&parent_a), None).await;
    assert_eq!(status, 200);
    assert_eq!(journal["keyPerson"]["userId"], author.user_id.as_str());
    assert!(!journal["keyPerson"]["name"].as_str().unwrap().is_empty());
    let entry = &journal["items"][0];
    assert_eq!(entry["entryId"], id.as_str());
    assert_eq!(entry["areas"], json!(["mathematics", "physical-development"]));
    assert_eq!(entry["nextSteps"], "Count to twenty.");
    assert_eq!(entry["commentCount"], 0);
    assert!(entry["author"]["name"].is_string());
    assert_eq!(download(&t, &format!("/v1/settings/{s}/media/{photo}"), &parent_a).await.0, 302);
    // Child b's family: the photo shows only child a, who has not consented.
    assert_eq!(download(&t, &format!("/v1/settings/{s}/media/{photo}"), &parent_b).await.0, 404);
    let (_, journal_b) = t.call("GET", &format!("/v1/settings/{s}/children/{b}/journal"), Some(&parent_b), None).await;
    assert_eq!(journal_b["items"][0]["entryId"], id.as_str());
    // Not your child: not found. Family links see no journal.
    assert_eq!(t.call("GET", &format!("/v1/settings/{s}/children/{a}/journal"), Some(&parent_b), None).await.0, 404);
    assert_eq!(t.call("GET", &format!("/v1/settings/{s}/children/{a}/journal"), Some(&family_a), None).await.0, 403);

    // Edits: author or manager, with If-Match; history kept; journals follow.
    let path = format!("/v1/settings/{s}/observations/{id}");
    let change = json!({ "text": "Built a tower of twelve bricks.", "nextSteps": "" });
    assert_eq!(t.call_with("PATCH", &path, Some(&author), Some(change.clone()), &[]).await.0, 428);
    assert_eq!(t.call_with("PATCH", &path, Some(&colleague), Some(change.clone()), &[("if-match", "\"1\"")]).await.0, 403);
    assert_eq!(t.call_with("PATCH", &path, Some(&parent_a), Some(change.clone()), &[("if-match", "\"1\"")]).await.0, 403);
    let (status, edited) = t.call_with("PATCH", &path, Some(&author), Some(change.clone()), &[("if-match", "\"1\"")]).await;
    assert_eq!(status, 200, "{edited}");
    assert_eq!(edited["version"], 2);
    assert_eq!(edited["history"][0]["text"], "Built a tall tower and counted the bricks.");
    assert_eq!(edited["history"][0]["nextSteps"], "Count to twenty.");
    assert_eq!(t.call_with("PATCH", &path, Some(&manager), Some(json!({ "areas": ["literacy"] })), &[("if-match", "\"1\"")]).await.0, 409);
    let (status, edited) =
        t.call_with("PATCH", &path, Some(&manager), Some(json!({ "areas": ["literacy"] })), &[("if-match", "\"2\"")]).await;
    assert_eq!(status, 200);
    assert_eq!(edited["history"].as_array().unwrap().len(), 2);
    let (_, journal) = t.call("GET", &format!("/v1/settings/{s}/children/{b}/journal"), Some(&parent_b), None).await;
    assert_eq!(journal["items"][0]["text"], "Built a tower of twelve bricks.");
    assert_eq!(journal["items"][0]["areas"], json!(["literacy"]));
    assert!(journal["items"][0]["nextSteps"].is_null());

    // The managers' review list, with filters.
    t.observation(&s, &colleague, &[&b], &[]).await;
    let list = |query: String| {
        let t = &t;
        let manager = &manager;
        let s = &s;
        async move { t.call("GET", &format!("/v1/settings/{s}/observations{query}"), Some(manager), None).await }
    };
    let (status, all) = list(String::new()).await;
    assert_eq!(status, 200);
    assert_eq!(all["items"].as_array().unwrap().len(), 2);
    assert_eq!(list(format!("?author={}", author.user_id)).await.1["items"].as_array().unwrap().len(), 1);
    assert_eq!(list(format!("?child={a}")).await.1["items"].as_array().unwrap().len(), 1);
    let today = &all["items"][0]["publishedAt"].as_str().unwrap()[..10];
    assert_eq!(list(format!("?date={today}")).await.1["items"].as_array().unwrap().len(), 2);
    assert_eq!(list("?date=2001-01-01".into()).await.1["items"].as_array().unwrap().len(), 0);
    assert_eq!(list("?date=yesterday".into()).await.0, 422);
    assert_eq!(t.call("GET", &format!("/v1/settings/{s}/observations"), Some(&author), None).await.0, 403);

    // Unpublishing: managers only; kept for review, gone from journals, photo no longer served.
    assert_eq!(t.call("DELETE", &path, Some(&author), None).await.0, 403);
    let (status, gone) = t.call("DELETE", &path, Some(&manager), None).await;
    assert_eq!(status, 200, "{gone}");
    assert_eq!(gone["published"], false);
    assert_eq!(t.call("DELETE", &path, Some(&manager), None).await.0, 409);
    let (_, journal) = t.call("GET", &format!("/v1/settings/{s}/children/{a}/journal"), Some(&parent_a), None).await;
    assert_eq!(journal["items"].as_array().unwrap().len(), 0);
    assert_eq!(download(&t, &format!("/v1/settings/{s}/media/{photo}"), &parent_a).await.0, 404);
    let (_, all) = list(format!("?author={}", author.user_id)).await;
    assert_eq!(all["items"][0]["published"], false);
    assert_eq!(t.call_with("PATCH", &path, Some(&manager), Some(json!({ "text": "x" })), &[("if-match", "\"3\"")]).await.0, 409);

    // Every step is in the access log.
    let (_, audit) = t.call("GET", &format!("/v1/settings/{s}/audit?childId={a}"), Some(&manager), None).await;
    let actions: Vec<&str> = audit["items"].as_array().unwrap().iter().map(|i| i["action"].as_str().unwrap()).collect();
    for wanted in [
        "media.upload-requested",
        "observation.publish",
        "journal.view",
        "observation.edit",
        "observations.review",
        "observation.unpublish",
        "media.view",
    ] {
        assert!(actions.contains(&wanted), "{wanted} in {actions:?}");
    }
}

#[tokio::test]
async fn comments_stay_within_families() {
    let t = spawn_app().await;
    let (s, manager) = t.setting().await;
    let practitioner = t.staff(&s, &manager, "practitioner").await;
    let room = t.room(&s, &manager).await;
    let a = t.child(&s, &manager, &room, &practitioner.user_id).await;
    let b = t.child(&s, &manager, &room, &practitioner.user_id).await;
    let c = t.child(&s, &manager, &room, &practitioner.user_id).await;
    let parent_a = t.guardian(&s, &manager, &a, "parent", true).await;
    let parent_b = t.guardian(&s, &manager, &b, "parent", true).await;
    let parent_c = t.guardian(&s, &manager, &c, "parent", true).await;
    let id = t.observation(&s, &practitioner, &[&a, &b], &[]).await;
    let path = format!("/v1/settings/{s}/observations/{id}/comments");
    let post = |who: &Person, body: Value| {
        let (t, path, who) = (&t, path.clone(), who.clone());
        async move { t.call("POST", &path, Some(&who), Some(body)).await }
    };

    let (status, from_a) = post(&parent_a, json!({ "text": "She talked about this all evening!" })).await;
    assert_eq!(status, 201, "{from_a}");
    assert_eq!(from_a["audience"], "family");
    let (_, from_b) = post(&parent_b, json!({ "text": "Lovely." })).await;
    let (_, staff_all) = post(&practitioner, json!({ "text": "A great morning for everyone." })).await;
    assert_eq!(staff_all["audience"], "everyone");
    let (status, reply) = post(&practitioner, json!({ "text": "Thank you, she was so proud.", "replyTo": from_a["commentId"] })).await;
    assert_eq!(status, 201);
    assert_eq!(reply["audience"], "family");
    // A parent replying to a staff comment to everyone still speaks only to their own family.
    let (status, reply_a) = post(&parent_a, json!({ "text": "Thanks! (family A)", "replyTo": staff_all["commentId"] })).await;
    assert_eq!(status, 201);
    assert_eq!(reply_a["audience"], "family");
    // Another family cannot reply into A's thread, or comment on an entry of a child not theirs.
    assert_eq!(post(&parent_b, json!({ "text": "Hi", "replyTo": from_a["commentId"] })).await.0, 422);
    assert_eq!(post(&parent_c, json!({ "text": "Hi" })).await.0, 404);
    assert_eq!(post(&parent_a, json!({ "text": "" })).await.0, 422);

    let texts =
        |v: &Value| -> Vec<String> { v["items"].as_array().unwrap().iter().map(|c| c["text"].as_str().unwrap().to_string()).collect() };
    let (_, seen_a) = t.call("GET", &path, Some(&parent_a), None).await;
    assert_eq!(
        texts(&seen_a),
        ["She talked about this all evening!", "A great morning for everyone.", "Thank you, she was so proud.", "Thanks! (family A)"]
    );
    let (_, seen_b) = t.call("GET", &path, Some(&parent_b), None).await;
    assert_eq!(texts(&seen_b), ["Lovely.", "A great morning for everyone."]);
    let (_, seen_staff) = t.call("GET", &path, Some(&manager), None).await;
    assert_eq!(seen_staff["items"].as_array().unwrap().len(), 5);
    assert_eq!(t.call("GET", &path, Some(&parent_c), None).await.0, 404);
    assert_eq!(from_b["author"]["userId"], parent_b.user_id.as_str());

    // The journal counts comments; revoking a parent cuts them off at once.
    let (_, journal) = t.call("GET", &format!("/v1/settings/{s}/children/{a}/journal"), Some(&manager), None).await;
    assert_eq!(journal["items"][0]["commentCount"], 5);
    let (status, _) = t
        .call(
            "POST",
            &format!("/v1/settings/{s}/children/{b}/guardians/{}/revoke", parent_b.user_id),
            Some(&manager),
            Some(json!({ "reason": "court-order" })),
        )
        .await;
    assert_eq!(status, 200);
    let (status, _) = t.call("GET", &path, Some(&parent_b), None).await;
    assert!(status == 403 || status == 404, "{status}");
    assert!(post(&parent_b, json!({ "text": "Still here?" })).await.0 >= 403);
    // Unpublished entries take their comments with them for families.
    t.call("DELETE", &format!("/v1/settings/{s}/observations/{id}"), Some(&manager), None).await;
    assert_eq!(t.call("GET", &path, Some(&parent_a), None).await.0, 404);
    assert_eq!(post(&practitioner, json!({ "text": "Late" })).await.0, 409);
}

#[tokio::test]
async fn a_journal_page_is_one_query() {
    let t = spawn_app().await;
    let (s, manager) = t.setting().await;
    let practitioner = t.staff(&s, &manager, "practitioner").await;
    let room = t.room(&s, &manager).await;
    let child = t.child(&s, &manager, &room, &practitioner.user_id).await;
    let parent = t.guardian(&s, &manager, &child, "parent", true).await;
    let photo = t.photo(&s, &practitioner, &[&child]).await;
    let mut ids = Vec::new();
    for i in 0..3 {
        let media: Vec<&str> = if i == 0 { vec![&photo] } else { vec![] };
        ids.push(t.observation(&s, &practitioner, &[&child], &media).await);
    }
    t.app.round_trips.reset();
    let (status, first) = t.call("GET", &format!("/v1/settings/{s}/children/{child}/journal?limit=2"), Some(&parent), None).await;
    assert_eq!(status, 200);
    // The authorisation read with the one Query of the page beside it, then the access-log line.
    assert_eq!((t.app.round_trips.sequential(), t.app.round_trips.count()), (2, 3));
    let got: Vec<&str> = first["items"].as_array().unwrap().iter().map(|e| e["entryId"].as_str().unwrap()).collect();
    assert_eq!(got, [ids[2].as_str(), ids[1].as_str()], "newest first");
    let cursor = first["nextCursor"].as_str().unwrap();
    let (_, second) =
        t.call("GET", &format!("/v1/settings/{s}/children/{child}/journal?limit=2&cursor={cursor}"), Some(&parent), None).await;
    assert_eq!(second["items"][0]["entryId"], ids[0].as_str());
    assert!(second["items"][0]["media"][0]["thumbnailUrl"].is_string());
    // A cursor cannot be moved to another child's journal.
    let other = t.child(&s, &manager, &room, &practitioner.user_id).await;
    let (status, _) = t.call("GET", &format!("/v1/settings/{s}/children/{other}/journal?cursor={cursor}"), Some(&manager), None).await;
    assert_eq!(status, 400);
}

#[tokio::test]
async fn contributions_wait_for_staff_and_rejections_stay_in_the_family() {
    let t = spawn_app().await;
    let (s, manager) = t.setting().await;
    let practitioner = t.staff(&s, &manager, "practitioner").await;
    let room = t.room(&s, &manager).await;
    let a = t.child(&s, &manager, &room, &practitioner.user_id).await;
    let b = t.child(&s, &manager, &room, &practitioner.user_id).await;
    let parent_a = t.guardian(&s, &manager, &a, "parent", true).await;
    let other_parent_a = t.guardian(&s, &manager, &a, "parent", true).await;
    let family_a = t.guardian(&s, &manager, &a, "family", true).await;
    let parent_b = t.guardian(&s, &manager, &b, "parent", true).await;
    let path = format!("/v1/settings/{s}/children/{a}/contributions");

    // A parent's upload may tag only their own children.
    let (status, _) = t
        .call(
            "POST",
            &format!("/v1/settings/{s}/media"),
            Some(&parent_a),
            Some(json!({
                "contentType": "image/jpeg", "byteSize": 100, "children": [b]
            })),
        )
        .await;
    assert_eq!(status, 422);
    let photo = t.photo(&s, &parent_a, &[&a]).await;
    let staff_photo = t.photo(&s, &practitioner, &[&a]).await;
    let b_photo = t.photo(&s, &parent_b, &[&b]).await;
    for (who, body, want) in [
        (&parent_b, json!({ "text": "Hi" }), 404),
        (&family_a, json!({ "text": "Hi" }), 403),
        (&practitioner, json!({ "text": "Hi" }), 403),
        (&parent_a, json!({ "text": "" }), 422),
        (&parent_a, json!({ "text": "Hi", "mediaIds": [staff_photo] }), 422),
        (&parent_a, json!({ "text": "Hi", "mediaIds": [b_photo] }), 422),
    ] {
        assert_eq!(t.call("POST", &path, Some(who), Some(body.clone())).await.0, want, "{body}");
    }
    let (status, pending) =
        t.call("POST", &path, Some(&parent_a), Some(json!({ "text": "We planted sunflowers.", "mediaIds": [photo] }))).await;
    assert_eq!(status, 201, "{pending}");
    assert_eq!(pending["status"], "pending");
    let id = pending["contributionId"].as_str().unwrap().to_string();

    // Pending: not in the journal; seen by staff and the child's family only.
    let (_, journal) = t.call("GET", &format!("/v1/settings/{s}/children/{a}/journal"), Some(&other_parent_a), None).await;
    assert_eq!(journal["items"].as_array().unwrap().len(), 0);
    let (status, mine) = t.call("GET", &path, Some(&other_parent_a), None).await;
    assert_eq!(status, 200);
    assert_eq!(mine["items"][0]["contributionId"], id.as_str());
    assert!(mine["items"][0]["media"][0]["url"].is_string());
    assert_eq!(t.call("GET", &path, Some(&parent_b), None).await.0, 404);
    assert_eq!(t.call("GET", &path, Some(&family_a), None).await.0, 403);
    assert_eq!(download(&t, &format!("/v1/settings/{s}/media/{photo}"), &parent_b).await.0, 404);
    let (status, queue) = t.call("GET", &format!("/v1/settings/{s}/contributions?status=pending"), Some(&practitioner), None).await;
    assert_eq!(status, 200);
    assert_eq!(queue["items"][0]["childFirstName"], "Ava");
    assert_eq!(t.call("GET", &format!("/v1/settings/{s}/contributions?status=maybe"), Some(&practitioner), None).await.0, 422);
    assert_eq!(t.call("GET", &format!("/v1/settings/{s}/contributions"), Some(&parent_a), None).await.0, 403);

    // Approved: in the child's journal, by its author.
    assert_eq!(t.call("POST", &format!("/v1/settings/{s}/contributions/{id}/approve"), Some(&parent_a), None).await.0, 403);
    let approve = format!("/v1/settings/{s}/contributions/{id}/approve");
    let (status, approved) = t.call_with("POST", &approve, Some(&practitioner), None, &[("idempotency-key", "approve-1")]).await;
    assert_eq!(status, 200, "{approved}");
    assert_eq!(approved["status"], "approved");
    // A retry with the same key gets the same answer, not a conflict.
    let (status, again) = t.call_with("POST", &approve, Some(&practitioner), None, &[("idempotency-key", "approve-1")]).await;
    assert_eq!((status, &again), (200, &approved));
    assert_eq!(t.call("POST", &format!("/v1/settings/{s}/contributions/{id}/approve"), Some(&manager), None).await.0, 409);
    let (_, journal) = t.call("GET", &format!("/v1/settings/{s}/children/{a}/journal"), Some(&other_parent_a), None).await;
    assert_eq!(journal["items"][0]["entryKind"], "contribution");
    assert_eq!(journal["items"][0]["author"]["userId"], parent_a.user_id.as_str());
    assert_eq!(journal["items"][0]["media"][0]["shared"], true);

    // Rejected: the family sees why; nobody else sees it; it cannot be approved later.
    let (_, second) = t.call("POST", &path, Some(&parent_a), Some(json!({ "text": "A photo from the party." }))).await;
    let second_id = second["contributionId"].as_str().unwrap();
    assert_eq!(
        t.call("POST", &format!("/v1/settings/{s}/contributions/{second_id}/reject"), Some(&practitioner), Some(json!({}))).await.0,
        422
    );
    let (status, rejected) = t
        .call(
            "POST",
            &format!("/v1/settings/{s}/contributions/{second_id}/reject"),
            Some(&practitioner),
            Some(json!({ "reason": "It shows other children." })),
        )
        .await;
    assert_eq!(status, 200, "{rejected}");
    assert_eq!(t.call("POST", &format!("/v1/settings/{s}/contributions/{second_id}/approve"), Some(&manager), None).await.0, 409);
    let (_, mine) = t.call("GET", &path, Some(&parent_a), None).await;
    let seen = mine["items"].as_array().unwrap().iter().find(|c| c["contributionId"] == second_id).unwrap();
    assert_eq!(seen["status"], "rejected");
    assert_eq!(seen["rejectionReason"], "It shows other children.");
    let (_, journal) = t.call("GET", &format!("/v1/settings/{s}/children/{a}/journal"), Some(&manager), None).await;
    assert_eq!(journal["items"].as_array().unwrap().len(), 1);

    // Under a safeguarding hold, a parent no longer reaches even their own upload.
    assert_eq!(download(&t, &format!("/v1/settings/{s}/media/{photo}"), &parent_a).await.0, 302);
    let (status, _) = t
        .call("POST", &format!("/v1/settings/{s}/children/{a}/safeguarding-hold"), Some(&manager), Some(json!({ "reason": "concern" })))
        .await;
    assert_eq!(status, 200);
    assert_eq!(download(&t, &format!("/v1/settings/{s}/media/{photo}"), &parent_a).await.0, 403);
    t.call("DELETE", &format!("/v1/settings/{s}/children/{a}/safeguarding-hold"), Some(&manager), Some(json!({ "note": "closed" }))).await;

    // Key children: a practitioner's list of the children they are key person for.
    let (status, keyed) =
        t.call("GET", &format!("/v1/settings/{s}/staff/{}/key-children", practitioner.user_id), Some(&practitioner), None).await;
    assert_eq!(status, 200);
    let ids: Vec<&str> = keyed["items"].as_array().unwrap().iter().map(|c| c["childId"].as_str().unwrap()).collect();
    assert!(ids.contains(&a.as_str()) && ids.contains(&b.as_str()) && ids.len() == 2);
    let (_, none) = t.call("GET", &format!("/v1/settings/{s}/staff/{}/key-children", manager.user_id), Some(&manager), None).await;
    assert_eq!(none["items"].as_array().unwrap().len(), 0);
    assert_eq!(t.call("GET", &format!("/v1/settings/{s}/staff/{}/key-children", practitioner.user_id), Some(&parent_a), None).await.0, 403);
}

#[tokio::test]
async fn families_are_emailed_as_they_choose_and_never_about_other_children() {
    let t = spawn_app().await;
    let (s, manager) = t.setting().await;
    let practitioner = t.staff(&s, &manager, "practitioner").await;
    let room = t.room(&s, &manager).await;
    let register = |first: &'static str| {
        let (t, s, manager, room, key) = (&t, s.clone(), manager.clone(), room.clone(), practitioner.user_id.clone());
        async move {
            let mut body = nestling_tests::child_body(&room, &key);
            body["firstName"] = json!(first);
            let (status, child) = t.call("POST", &format!("/v1/settings/{s}/children"), Some(&manager), Some(body)).await;
            assert_eq!(status, 201);
            child["childId"].as_str().unwrap().to_string()
        }
    };
    let a = register("Amara").await;
    let b = register("Bilal").await;
    let immediate = t.guardian(&s, &manager, &a, "parent", true).await;
    let daily = t.guardian(&s, &manager, &a, "parent", true).await;
    let off = t.guardian(&s, &manager, &b, "parent", true).await;
    let daily_b = t.guardian(&s, &manager, &b, "parent", true).await;
    let family = t.guardian(&s, &manager, &a, "family", true).await;
    let not_yet_agreed = t.guardian(&s, &manager, &a, "parent", false).await;
    for (who, choice) in [(&daily, "daily"), (&off, "off"), (&daily_b, "daily")] {
        let (status, body) = t.call("PUT", "/v1/me/notification-preferences", Some(who), Some(json!({ "journal": choice }))).await;
        assert_eq!((status, body["journal"].as_str()), (200, Some(choice)));
    }
    assert_eq!(t.call("PUT", "/v1/me/notification-preferences", Some(&off), Some(json!({ "journal": "hourly" }))).await.0, 422);
    let (_, me) = t.call("GET", "/v1/me", Some(&daily), None).await;
    assert_eq!(me["notificationPreference"], "daily");
    let mail_to = |who: &Person| {
        let email = who.email.clone();
        let t = &t;
        async move {
            t.drain_outbox().await;
            t.drain_outbox().await;
            t.mail_to(&email)
                .await
                .into_iter()
                .filter(|m| m.subject.starts_with("News about") || m.subject.starts_with("Yesterday's news"))
                .collect::<Vec<_>>()
        }
    };

    // An observation of both children: each family hears only of its own child.
    let observation = t.observation(&s, &practitioner, &[&a, &b], &[]).await;
    let sent = mail_to(&immediate).await;
    assert_eq!(sent.len(), 1, "one email per event");
    assert!(sent[0].body.contains("Amara") && !sent[0].body.contains("Bilal"), "{}", sent[0].body);
    assert!(!sent[0].body.contains("<img") && !sent[0].body.contains("tower"), "no photos, no entry text");
    assert!(mail_to(&daily).await.is_empty(), "daily: nothing until the digest");
    assert!(mail_to(&off).await.is_empty());
    assert!(mail_to(&family).await.is_empty(), "family links are not journal readers");
    assert!(mail_to(&not_yet_agreed).await.is_empty(), "nothing before the agreement is accepted");

    // A parent's comment reaches their own family only, never themselves.
    let comments = format!("/v1/settings/{s}/observations/{observation}/comments");
    t.call("POST", &comments, Some(&immediate), Some(json!({ "text": "So proud!" }))).await;
    assert_eq!(mail_to(&immediate).await.len(), 1, "no email about your own comment");
    // Staff comments to everyone reach every family who wants them.
    t.call("POST", &comments, Some(&practitioner), Some(json!({ "text": "A lovely morning." }))).await;
    assert_eq!(mail_to(&immediate).await.len(), 2);
    assert!(mail_to(&off).await.is_empty());

    // The digest: one email with the day's lines, sent once; a parent revoked since the
    // event gets none.
    t.call(
        "POST",
        &format!("/v1/settings/{s}/children/{b}/guardians/{}/revoke", daily_b.user_id),
        Some(&manager),
        Some(json!({ "reason": "left" })),
    )
    .await;
    let today = &t.app.clock.now_rfc3339()[..10];
    assert_eq!(nestling_outbox::send_digests(&t.app, today).await.unwrap(), 1);
    assert_eq!(nestling_outbox::send_digests(&t.app, today).await.unwrap(), 0);
    let digest = mail_to(&daily).await;
    assert_eq!(digest.len(), 1);
    assert!(digest[0].body.matches("Amara").count() >= 3, "observation, parent comment, staff comment: {}", digest[0].body);
    assert!(!digest[0].body.contains("Bilal"));
    assert!(mail_to(&daily_b).await.is_empty());

    // A revoked parent hears nothing more.
    t.call(
        "POST",
        &format!("/v1/settings/{s}/children/{a}/guardians/{}/revoke", immediate.user_id),
        Some(&manager),
        Some(json!({ "reason": "left" })),
    )
    .await;
    t.observation(&s, &practitioner, &[&a], &[]).await;
    assert_eq!(mail_to(&immediate).await.len(), 2);
}

/// `?child=`: a parent names the child whose journal shows the entry, and that link is what
/// the request is authorised on (in the authorisation's own round trip). It never reaches
/// further than the path without it: another family's child, a child not in the entry, a
/// held child and a revoked link are all refused, and staff rules stay as they were.
#[tokio::test]
async fn comments_and_photos_read_from_a_childs_journal() {
    let t = spawn_app().await;
    let (s, manager) = t.setting().await;
    let practitioner = t.staff(&s, &manager, "practitioner").await;
    let room = t.room(&s, &manager).await;
    let a = t.child(&s, &manager, &room, &practitioner.user_id).await;
    let b = t.child(&s, &manager, &room, &practitioner.user_id).await;
    let elsewhere = t.child(&s, &manager, &room, &practitioner.user_id).await;
    let parent_a = t.guardian(&s, &manager, &a, "parent", true).await;
    let parent_b = t.guardian(&s, &manager, &b, "parent", true).await;
    let (status, linked) = t
        .call(
            "POST",
            &format!("/v1/settings/{s}/children/{elsewhere}/guardians"),
            Some(&manager),
            Some(guardian_body(&parent_a.email, "parent")),
        )
        .await;
    assert_eq!(status, 201, "{linked}");
    let photo = t.photo(&s, &practitioner, &[&a]).await;
    let id = t.observation(&s, &practitioner, &[&a, &b], &[&photo]).await;
    let comments = |child: &str| format!("/v1/settings/{s}/observations/{id}/comments?child={child}");
    let texts =
        |v: &Value| -> Vec<String> { v["items"].as_array().unwrap().iter().map(|c| c["text"].as_str().unwrap().to_string()).collect() };

    let (status, from_a) = t.call("POST", &comments(&a), Some(&parent_a), Some(json!({ "text": "From A's page" }))).await;
    assert_eq!(status, 201, "{from_a}");
    assert_eq!(from_a["audience"], "family");
    t.call("POST", &comments(&b), Some(&parent_b), Some(json!({ "text": "From B's page" }))).await;
    let (status, seen) = t.call("GET", &comments(&a), Some(&parent_a), None).await;
    assert_eq!(status, 200, "{seen}");
    assert_eq!(texts(&seen), ["From A's page"]);
    // Another family's child, and the parent's own child who is not in the entry: not found.
    assert_eq!(t.call("GET", &comments(&b), Some(&parent_a), None).await.0, 404);
    assert_eq!(t.call("GET", &comments(&elsewhere), Some(&parent_a), None).await.0, 404);
    assert_eq!(t.call("POST", &comments(&b), Some(&parent_a), Some(json!({ "text": "Hi" }))).await.0, 404);
    assert_eq!(t.call("POST", &comments(&elsewhere), Some(&parent_a), Some(json!({ "text": "Hi" }))).await.0, 404);
    // Staff see every family's comments whichever journal they came from.
    let (_, staff) = t.call("GET", &comments(&a), Some(&practitioner), None).await;
    assert_eq!(texts(&staff), ["From A's page", "From B's page"]);

    // The photo: through A's journal yes; through B's (no link) or another child's, no.
    let media = |child: &str| format!("/v1/settings/{s}/media/{photo}?variant=thumbnail&child={child}");
    assert_eq!(t.call("GET", &media(&a), Some(&parent_a), None).await.0, 302);
    assert_eq!(t.call("GET", &media(&b), Some(&parent_a), None).await.0, 404);
    assert_eq!(t.call("GET", &media(&elsewhere), Some(&parent_a), None).await.0, 404);
    assert_eq!(t.call("GET", &media(&b), Some(&parent_b), None).await.0, 404, "B is not in the photo");
    assert_eq!(t.call("GET", &format!("/v1/settings/{s}/media/{photo}?child=not-an-id!"), Some(&parent_a), None).await.0, 422);

    // A safeguarding hold on A suspends both at once.
    let hold = format!("/v1/settings/{s}/children/{a}/safeguarding-hold");
    assert_eq!(t.call("POST", &hold, Some(&manager), Some(json!({ "reason": "concern" }))).await.0, 200);
    assert_eq!(t.call("GET", &comments(&a), Some(&parent_a), None).await.0, 403);
    assert_eq!(t.call("GET", &media(&a), Some(&parent_a), None).await.0, 403);
    assert_eq!(t.call("POST", &comments(&a), Some(&parent_a), Some(json!({ "text": "Hi" }))).await.0, 403);
    // B's family is not affected by A's hold.
    assert_eq!(t.call("GET", &comments(&b), Some(&parent_b), None).await.0, 200);
    // A revoked link is refused as revoked.
    let (status, _) = t
        .call(
            "POST",
            &format!("/v1/settings/{s}/children/{b}/guardians/{}/revoke", parent_b.user_id),
            Some(&manager),
            Some(json!({ "reason": "court-order" })),
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(t.call("GET", &comments(&b), Some(&parent_b), None).await.0, 403);
}

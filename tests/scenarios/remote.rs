//! Staff remote access (rule 8) over HTTP: the setting's networks decide who is on the
//! premises; off them, staff attest first and practitioners see only their consented key
//! children; every off-premises access is marked in the access log.

use nestling_tests::{guardian_body, spawn_app, PREMISES};
use serde_json::json;
use time::Duration;

#[tokio::test]
async fn off_the_premises_staff_attest_and_practitioners_see_only_consented_key_children() {
    let t = spawn_app().await;
    let (s, manager) = t.setting().await;
    let key_person = t.staff(&s, &manager, "practitioner").await;
    let colleague = t.staff(&s, &manager, "practitioner").await;
    let room = t.room(&s, &manager).await;
    let ava = t.child(&s, &manager, &room, &key_person.user_id).await;
    let noah = t.child(&s, &manager, &room, &key_person.user_id).await;
    let oscar = t.child(&s, &manager, &room, &colleague.user_id).await;
    // Ava's and Oscar's parents consent to remote access; Noah's do not.
    let mut parents = Vec::new();
    for (child, consent) in [(&ava, true), (&noah, false), (&oscar, true)] {
        let parent = t.guardian(&s, &manager, child, "parent", true).await;
        parents.push(parent.clone());
        let (status, body) = t
            .call(
                "PUT",
                &format!("/v1/settings/{s}/children/{child}/consents"),
                Some(&parent),
                Some(json!({ "photosInOtherJournals": true, "remoteStaffAccess": consent })),
            )
            .await;
        assert_eq!(status, 200, "{body}");
    }
    let child_path = |c: &str| format!("/v1/settings/{s}/children/{c}");
    assert_eq!(t.call("GET", &child_path(&noah), Some(&key_person), None).await.0, 200, "on the premises");
    // A photo of Ava with Oscar (not the key person's child), in Ava's journal.
    let photo = t.photo(&s, &manager, &[&ava, &oscar]).await;
    t.observation(&s, &manager, &[&ava, &oscar], &[&photo]).await;
    let journal = format!("{}/journal", child_path(&ava));
    let (_, page) = t.call("GET", &journal, Some(&key_person), None).await;
    assert_eq!(page["items"][0]["media"][0]["shared"], true, "staff on the premises see it: {page}");
    // Ava's mother is Noah's too: her contribution from home shows them both.
    let mother = &parents[0];
    let (status, body) =
        t.call("POST", &format!("{}/guardians", child_path(&noah)), Some(&manager), Some(guardian_body(&mother.email, "parent"))).await;
    assert_eq!(status, 201, "{body}");
    let siblings = t.photo(&s, mother, &[&ava, &noah]).await;
    let (status, body) = t
        .call(
            "POST",
            &format!("{}/contributions", child_path(&ava)),
            Some(mother),
            Some(json!({ "text": "Both at the park.", "mediaIds": [siblings] })),
        )
        .await;
    assert_eq!(status, 201, "{body}");
    let contributions = format!("{}/contributions", child_path(&ava));
    let (_, page) = t.call("GET", &contributions, Some(&key_person), None).await;
    assert_eq!(page["items"][0]["media"][0]["shared"], true, "staff on the premises see it: {page}");

    // Bad networks change nothing; only managers register them.
    let networks = format!("/v1/settings/{s}/networks");
    for bad in [json!(["0.0.0.0/0"]), json!(["nursery wifi"]), json!(["10.0.0.1"])] {
        let (status, problem) = t.call("PUT", &networks, Some(&manager), Some(json!({ "networks": bad }))).await;
        assert_eq!(status, 422, "{problem}");
    }
    assert_eq!(t.call("PUT", &networks, Some(&key_person), Some(json!({ "networks": ["198.51.100.0/24"] }))).await.0, 403);
    // The nursery's network is now elsewhere: every request of this test is off the premises.
    let (status, set) = t.call("PUT", &networks, Some(&manager), Some(json!({ "networks": ["198.51.100.7/24"] }))).await;
    assert_eq!(status, 200, "{set}");
    assert_eq!(set["networks"], json!(["198.51.100.0/24"]));

    // Without an attestation, staff get nothing but the way to attest (and to report a fault).
    for who in [&key_person, &manager] {
        let (status, problem) = t.call("GET", &child_path(&ava), Some(who), None).await;
        assert_eq!(status, 403, "{problem}");
        assert!(problem["type"].as_str().unwrap().ends_with("remote-attestation-required"), "{problem}");
    }
    let attest = format!("/v1/settings/{s}/staff/me/remote-attestation");
    let (status, problem) = t
        .call("POST", &attest, Some(&key_person), Some(json!({ "confidentiality": true, "securitySoftware": true, "ownDevice": false })))
        .await;
    assert_eq!(status, 422, "{problem}");
    let (status, attested) = t
        .call("POST", &attest, Some(&key_person), Some(json!({ "confidentiality": true, "securitySoftware": true, "ownDevice": true })))
        .await;
    assert_eq!(status, 200, "{attested}");
    assert!(attested["expiresAt"].as_str().unwrap() > attested["attestedAt"].as_str().unwrap());

    // Attested: the consented key child only.
    assert_eq!(t.call("GET", &child_path(&ava), Some(&key_person), None).await.0, 200);
    let (status, page) = t.call("GET", &journal, Some(&key_person), None).await;
    assert_eq!(status, 200, "{page}");
    let media = &page["items"][0]["media"][0];
    assert_eq!(media["shared"], false, "Oscar is not theirs to see from home: {media}");
    assert!(media.get("url").is_none_or(|u| u.is_null()), "no link to the photo: {media}");
    // The same rule on every page that hands out photos: Noah's parents gave no consent to
    // remote access, so his photo in Ava's contributions stays at the nursery (finding 6).
    let (status, page) = t.call("GET", &contributions, Some(&key_person), None).await;
    assert_eq!(status, 200, "{page}");
    let media = &page["items"][0]["media"][0];
    assert_eq!(media["shared"], false, "Noah is not theirs to see from home: {media}");
    assert!(media.get("url").is_none_or(|u| u.is_null()), "no link to the photo: {media}");
    for (child, why) in [(&noah, "no consent"), (&oscar, "not their key child")] {
        let (status, problem) = t.call("GET", &child_path(child), Some(&key_person), None).await;
        assert_eq!(status, 403, "{why}: {problem}");
        assert!(problem["type"].as_str().unwrap().ends_with("off-premises"));
    }
    for path in [
        format!("/v1/settings/{s}/children"),
        format!("/v1/settings/{s}/register"),
        format!("/v1/settings/{s}/staff/{}/key-children", colleague.user_id),
    ] {
        assert_eq!(t.call("GET", &path, Some(&key_person), None).await.0, 403, "{path}");
    }
    let (status, mine) =
        t.call("GET", &format!("/v1/settings/{s}/staff/{}/key-children", key_person.user_id), Some(&key_person), None).await;
    assert_eq!(status, 200, "{mine}");
    let listed: Vec<&str> = mine["items"].as_array().unwrap().iter().map(|c| c["childId"].as_str().unwrap()).collect();
    assert_eq!(listed, vec![ava.as_str()], "only the consented key child");

    // A manager off the premises, once attested, carries on.
    assert_eq!(
        t.call("POST", &attest, Some(&manager), Some(json!({ "confidentiality": true, "securitySoftware": true, "ownDevice": true })))
            .await
            .0,
        200
    );
    assert_eq!(t.call("GET", &format!("/v1/settings/{s}/children"), Some(&manager), None).await.0, 200);

    // The access log marks what was done off the premises.
    let (_, log) = t.call("GET", &format!("/v1/settings/{s}/audit?childId={ava}"), Some(&manager), None).await;
    let remote_reads =
        log["items"].as_array().unwrap().iter().filter(|e| e["actorId"] == key_person.user_id.as_str() && e["offPremises"] == true).count();
    assert!(remote_reads >= 2, "{log}");
    let (_, day) = t.call("GET", &format!("/v1/settings/{s}/audit?limit=100"), Some(&manager), None).await;
    let consents =
        day["items"].as_array().unwrap().iter().find(|e| e["action"] == "consents.set").expect("the parents' consents are logged");
    assert_eq!(consents["offPremises"], false, "parents are never marked");

    // A year on, the attestation has lapsed.
    t.app.clock.advance(Duration::days(366));
    let (status, problem) = t.call("GET", &child_path(&ava), Some(&key_person), None).await;
    assert_eq!(status, 403);
    assert!(problem["type"].as_str().unwrap().ends_with("remote-attestation-required"));
    t.app.clock.advance(Duration::days(-366));

    // Back on the premises, everything is as before.
    assert_eq!(t.call("PUT", &networks, Some(&manager), Some(json!({ "networks": PREMISES }))).await.0, 200);
    assert_eq!(t.call("GET", &child_path(&noah), Some(&key_person), None).await.0, 200);
    let (_, log) = t.call("GET", &format!("/v1/settings/{s}/audit?childId={noah}"), Some(&manager), None).await;
    let on_premises_reads = log["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["actorId"] == key_person.user_id.as_str() && e["action"] == "child.view" && e["offPremises"] == false)
        .count();
    assert_eq!(on_premises_reads, 2, "the first read and this one; the refused ones read nothing: {log}");
}

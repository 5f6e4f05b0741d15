//! The export's routes against the in-memory table: only managers gather, review, withhold and
//! release; each step waits for the one before; refusals write nothing; only the person who
//! asked (or a manager) downloads, for a month. (Gathering and making the files read and
//! write the media bucket: tests/scenarios/rights_export.rs.)

use super::*;
use nestling_domain::{AgeBand, GuardianAccess, Role};
use nestling_platform::records::RightsRequestRecord;
use nestling_platform::store::text_of;
use nestling_platform::testing::{Person, World};
use serde_json::{json, Value};

struct Asked {
    w: World,
    mum: Person,
    other_parent: Person,
    base: String,
    request_id: String,
}

/// A mother's request about her child, made in the app.
async fn asked() -> Asked {
    let w = World::new();
    let room = w.room("Robins", AgeBand::Two);
    let key_person = w.member(Role::Practitioner);
    let child = w.child("Ava", &room, &key_person);
    let mum = w.guardian_of(&child, GuardianAccess::Parent);
    let ben = w.child("Ben", &room, &key_person);
    let other_parent = w.guardian_of(&ben, GuardianAccess::Parent);
    let path = format!("/v1/settings/{}/children/{child}/rights-requests", w.setting_id);
    let (status, made) = w.call(crate::request_about_child, w.request(Some(&mum), "POST", &path, Some(&json!({})))).await;
    assert_eq!(status, 201, "{made}");
    let request_id = made["requestId"].as_str().unwrap().to_string();
    let base = format!("/v1/settings/{}/rights-requests/{request_id}/export", w.setting_id);
    Asked { w, mum, other_parent, base, request_id }
}

fn slug(answer: &Value) -> &str {
    answer["type"].as_str().and_then(|t| t.rsplit('/').next()).unwrap_or_default()
}

impl Asked {
    fn record(&self) -> RightsRequestRecord {
        self.w.get(&RightsRequestRecord::key(&self.w.setting_id, &self.request_id)).unwrap()
    }
    /// The export moved on as `rights-export-build` would have.
    fn set(&self, change: impl FnOnce(&mut ExportRecord)) {
        let mut record = self.record();
        change(record.export.as_mut().expect("gathered"));
        record.version += 1;
        self.w.table.insert(to_item(&record));
    }
}

#[tokio::test]
async fn only_a_manager_gathers_and_the_step_is_handed_to_the_stream_once() {
    let a = asked().await;
    let w = &a.w;
    let practitioner = w.member(Role::Practitioner);
    let before = w.table.items();
    for who in [&a.mum, &practitioner] {
        let (status, _) = w.call(gather_export, w.request(Some(who), "POST", &a.base, None)).await;
        assert_eq!(status, 403, "{}", who.name);
    }
    assert_eq!(w.table.items(), before, "refusals write nothing");

    let (status, gathering) = w.call(gather_export, w.request(Some(&w.manager), "POST", &a.base, None)).await;
    assert_eq!(status, 202, "{gathering}");
    assert_eq!(gathering["export"]["status"], "gathering");
    let jobs = w.items_of_kind("rights-export-job");
    assert_eq!(jobs.len(), 1);
    assert_eq!(text_of(&jobs[0], "step"), Some("gather"));
    assert!(text_of(&jobs[0], "PK").unwrap().starts_with(keys_prefix()), "the stream's filter takes it");
    assert!(w.items_of_kind("audit").iter().any(|l| text_of(l, "action") == Some("rights-export.gather")));

    // While it is gathered nothing else moves.
    let before = w.table.items();
    let (status, again) = w.call(gather_export, w.request(Some(&w.manager), "POST", &a.base, None)).await;
    assert_eq!((status, slug(&again)), (409, "export-in-progress"));
    let (status, early) = w.call(review_export, w.request(Some(&w.manager), "GET", &a.base, None)).await;
    assert_eq!((status, slug(&early)), (409, "export-not-ready"), "{early}");
    let withhold = json!({ "itemId": "child", "reason": "Names another parent" });
    let (status, early) =
        w.call(withhold_item, w.request(Some(&w.manager), "POST", &format!("{}/withhold", a.base), Some(&withhold))).await;
    assert_eq!((status, slug(&early)), (409, "export-not-ready"), "{early}");
    let (status, early) = w.call(release_export, w.request(Some(&w.manager), "POST", &format!("{}/release", a.base), None)).await;
    assert_eq!((status, slug(&early)), (409, "export-not-ready"), "{early}");
    assert_eq!(w.table.items(), before);
}

fn keys_prefix() -> &'static str {
    nestling_platform::store::keys::RIGHTS_EXPORT_PREFIX
}

#[tokio::test]
async fn a_release_is_handed_to_the_stream_and_then_nothing_changes_it() {
    let a = asked().await;
    let w = &a.w;
    assert_eq!(w.call(gather_export, w.request(Some(&w.manager), "POST", &a.base, None)).await.0, 202);
    // The gathering step done: the step item gone, the export in review.
    w.table.remove(&ExportJobRecord::key(&w.setting_id, &a.request_id, ExportStep::Gather));
    a.set(|e| {
        e.status = ExportStatus::Review;
        e.items = 4;
    });
    let release = format!("{}/release", a.base);
    let (status, _) = w.call(release_export, w.request(Some(&a.mum), "POST", &release, None)).await;
    assert_eq!(status, 403);
    let (status, releasing) = w.call(release_export, w.request(Some(&w.manager), "POST", &release, None)).await;
    assert_eq!(status, 202, "{releasing}");
    assert_eq!(releasing["export"]["status"], "releasing");
    assert_eq!(releasing["export"]["released"]["by"], w.manager.name.as_str());
    let jobs = w.items_of_kind("rights-export-job");
    assert_eq!(jobs.iter().filter_map(|j| text_of(j, "step")).collect::<Vec<_>>(), ["release"]);
    assert!(w.items_of_kind("audit").iter().any(|l| text_of(l, "action") == Some("rights-export.release")));
    let before = w.table.items();
    let (status, answer) = w.call(gather_export, w.request(Some(&w.manager), "POST", &a.base, None)).await;
    assert_eq!((status, slug(&answer)), (409, "export-in-progress"), "{answer}");
    let (status, answer) = w.call(release_export, w.request(Some(&w.manager), "POST", &release, None)).await;
    assert_eq!((status, slug(&answer)), (409, "export-released"), "{answer}");
    assert_eq!(w.table.items(), before);
}

#[tokio::test]
async fn only_the_person_who_asked_or_a_manager_downloads_and_only_for_a_month() {
    let a = asked().await;
    let w = &a.w;
    assert_eq!(w.call(gather_export, w.request(Some(&w.manager), "POST", &a.base, None)).await.0, 202);
    let download = format!("{}/download", a.base);
    let (status, early) = w.call(download_export, w.request(Some(&a.mum), "GET", &download, None)).await;
    assert_eq!((status, slug(&early)), (409, "export-not-ready"), "{early}");
    a.set(|e| {
        e.status = ExportStatus::Released;
        e.made_at = Some(Timestamp::new(w.app.clock.now()));
    });
    let grandad = {
        let child = match &a.record().about {
            RequestSubject::Child { child_id, .. } => child_id.clone(),
            _ => unreachable!(),
        };
        w.guardian_of(&child, GuardianAccess::Family)
    };
    let before = w.table.items();
    for who in [&a.other_parent, &grandad] {
        let (status, _) = w.call(download_export, w.request(Some(who), "GET", &download, None)).await;
        assert_eq!(status, 404, "{} did not ask", who.name);
    }
    let (status, bad) = w.call(download_export, w.request(Some(&a.mum), "GET", &format!("{download}?format=docx"), None)).await;
    assert_eq!((status, slug(&bad)), (422, "validation-failed"));
    assert_eq!(w.table.items(), before, "refusals write nothing");
    for who in [&a.mum, &w.manager] {
        let (status, url) = w.call(download_export, w.request(Some(who), "GET", &format!("{download}?format=archive"), None)).await;
        assert_eq!(status, 200, "{url}");
        assert!(url["url"].as_str().unwrap().contains("your-data.zip"), "{url}");
    }
    let downloads = w.items_of_kind("audit").iter().filter(|l| text_of(l, "action") == Some("rights-export.download")).count();
    assert_eq!(downloads, 2);
    w.app.clock.advance(time::Duration::days(KEPT_DAYS + 1));
    let (status, gone) = w.call(download_export, w.request(Some(&a.mum), "GET", &download, None)).await;
    assert_eq!((status, slug(&gone)), (410, "export-expired"));
}

#[tokio::test]
async fn a_request_about_someone_without_an_account_is_answered_by_hand() {
    let w = World::new();
    let body = json!({ "requesterName": "Sam Okafor", "receivedBy": "letter" });
    let (status, made) = w
        .call(
            crate::request_about_self,
            w.request(Some(&w.manager), "POST", &format!("/v1/settings/{}/rights-requests", w.setting_id), Some(&body)),
        )
        .await;
    assert_eq!(status, 201, "{made}");
    let path = format!("/v1/settings/{}/rights-requests/{}/export", w.setting_id, made["requestId"].as_str().unwrap());
    let before = w.table.items();
    let (status, answer) = w.call(gather_export, w.request(Some(&w.manager), "POST", &path, None)).await;
    assert_eq!((status, slug(&answer)), (422, "validation-failed"), "{answer}");
    assert_eq!(w.table.items(), before);
}

#[tokio::test]
async fn an_export_holds_a_bounded_number_of_withheld_items() {
    let a = asked().await;
    let w = &a.w;
    assert_eq!(w.call(gather_export, w.request(Some(&w.manager), "POST", &a.base, None)).await.0, 202);
    let at = Timestamp::new(w.app.clock.now());
    a.set(|e| {
        e.status = ExportStatus::Review;
        for i in 0..bounds::MAX_WITHHELD_ITEMS {
            e.withheld.insert(format!("diary:{i}"), WithheldItem { reason: "Another family's".into(), by_name: "M".into(), at });
        }
    });
    let before = w.table.items();
    let path = format!("{}/withhold", a.base);
    let one_more = json!({ "itemId": "child", "reason": "Names another parent" });
    let (status, refused) = w.call(withhold_item, w.request(Some(&w.manager), "POST", &path, Some(&one_more))).await;
    assert_eq!((status, slug(&refused)), (422, "validation-failed"), "{refused}");
    assert_eq!(w.table.items(), before, "nothing written");
    // Releasing one again is always possible.
    let (status, released) = w.call(withhold_item, w.request(Some(&w.manager), "POST", &path, Some(&json!({ "itemId": "diary:7" })))).await;
    assert_eq!(status, 200, "{released}");
    assert_eq!(released["export"]["withheld"], bounds::MAX_WITHHELD_ITEMS - 1);
    assert!(w.items_of_kind("audit").iter().any(|l| text_of(l, "action") == Some("rights-export.include")));
}

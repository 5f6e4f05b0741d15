//! Reporting a fault against the in-memory table: every manager is emailed in the same
//! transaction as the report, families cannot report, and bad input writes nothing.

use super::*;
use nestling_domain::Role;
use nestling_platform::records::OutboxRecord;
use nestling_platform::store::from_item;
use nestling_platform::testing::World;
use serde_json::json;

fn faults_path(w: &World) -> String {
    format!("/v1/settings/{}/faults", w.setting_id)
}

#[tokio::test]
async fn a_practitioners_report_emails_every_manager_once_with_its_audit_line() {
    let w = World::new();
    let second_manager = w.member(Role::Manager);
    let practitioner = w.member(Role::Practitioner);
    let body = json!({ "description": "The tablet in Robins showed another child's diary.", "privacyAffected": true });
    let (status, fault) = w.call(report_fault, w.request(Some(&practitioner), "POST", &faults_path(&w), Some(&body))).await;
    assert_eq!(status, 201, "{fault}");
    assert_eq!(fault["status"], "open");
    let mut to: Vec<String> = w.items_of_kind("outbox").into_iter().map(|i| from_item::<OutboxRecord>(i).unwrap().to).collect();
    to.sort();
    let mut managers = vec![w.manager.email.clone(), second_manager.email.clone()];
    managers.sort();
    assert_eq!(to, managers);
    assert!(w
        .items_of_kind("outbox")
        .iter()
        .all(|i| from_item::<OutboxRecord>(i.clone()).unwrap().subject.contains("privacy may be affected")));
    assert_eq!(w.items_of_kind("audit").len(), 1);

    let (status, list) = w.call(list_faults, w.request(Some(&w.manager), "GET", &faults_path(&w), None)).await;
    assert_eq!(status, 200, "{list}");
    assert_eq!(list["items"].as_array().unwrap().len(), 1);
    let (status, open) =
        w.call(list_faults, w.request(Some(&w.manager), "GET", &format!("{}?status=confirmed-fixed", faults_path(&w)), None)).await;
    assert_eq!((status, open["items"].as_array().unwrap().len()), (200, 0), "the status filter reads after the limit");
}

#[tokio::test]
async fn anyone_in_the_setting_reports_but_only_staff_list_and_bad_reports_write_nothing() {
    let w = World::new();
    let ava = w.child("Ava", &w.room("Robins", nestling_domain::AgeBand::Two), &w.manager);
    let parent = w.guardian_of(&ava, nestling_domain::GuardianAccess::Parent);
    let good = json!({ "description": "I was shown another child's photo.", "privacyAffected": true });
    let (status, fault) = w.call(report_fault, w.request(Some(&parent), "POST", &faults_path(&w), Some(&good))).await;
    assert_eq!(status, 201, "rule 10: anyone can report a fault: {fault}");
    assert_eq!(w.items_of_kind("outbox").len(), 1, "the manager is emailed");
    let (status, _) = w.call(list_faults, w.request(Some(&parent), "GET", &faults_path(&w), None)).await;
    assert_eq!(status, 403, "families do not read the fault log");

    // A parent whose every link was revoked keeps no access to the setting, not even this.
    let unlinked = w.member(Role::Parent);
    let items = w.table.items();
    let (status, problem) = w.call(report_fault, w.request(Some(&unlinked), "POST", &faults_path(&w), Some(&good))).await;
    assert_eq!(status, 403, "{problem}");
    assert_eq!(w.table.items(), items, "nothing written, nobody emailed");
    let (status, _) = w.call(report_fault, w.request(None, "POST", &faults_path(&w), Some(&good))).await;
    assert_eq!(status, 401);
    for bad in [
        json!({ "description": "", "privacyAffected": false }),
        json!({ "description": "x" }),
        json!({ "description": "x", "privacyAffected": false, "extra": 1 }),
    ] {
        let (status, problem) = w.call(report_fault, w.request(Some(&w.manager), "POST", &faults_path(&w), Some(&bad))).await;
        assert!(matches!(status, 400 | 422), "{bad}: {status} {problem}");
    }
    assert_eq!(w.table.items(), items);
}

/// A fault reported by the manager, and its id.
async fn open_fault(w: &World) -> FaultId {
    let body = json!({ "description": "The door code panel is dead.", "privacyAffected": false });
    let (status, fault) = w.call(report_fault, w.request(Some(&w.manager), "POST", &faults_path(w), Some(&body))).await;
    assert_eq!(status, 201, "{fault}");
    FaultId::parse(fault["faultId"].as_str().unwrap()).unwrap()
}

fn resolve(w: &World, fault_id: &FaultId) -> lambda_http::Request {
    let body = json!({ "notes": "Replaced the panel." });
    w.request(Some(&w.manager), "POST", &format!("{}/{fault_id}/resolve", faults_path(w)), Some(&body))
}

fn bump_version(item: &mut nestling_platform::store::Item) {
    let version = nestling_platform::store::number_of(item, "version").unwrap();
    item.insert("version".into(), nestling_platform::store::Value::N((version + 1).to_string()));
}

#[tokio::test]
async fn a_resolve_that_lost_a_race_to_another_change_is_decided_again_and_wins() {
    let w = World::new();
    let fault_id = open_fault(&w).await;
    w.table.race_next_transaction(FaultRecord::key(&w.setting_id, &fault_id), bump_version);
    let (status, fault) = w.call(resolve_fault, resolve(&w, &fault_id)).await;
    assert_eq!(status, 200, "{fault}");
    assert_eq!(fault["status"], "confirmed-fixed");
    assert_eq!(fault["version"], 3, "written over the version the other change left");
    let audits: Vec<_> =
        w.items_of_kind("audit").iter().filter_map(|i| nestling_platform::store::text_of(i, "action").map(String::from)).collect();
    assert_eq!(audits.iter().filter(|a| *a == "fault.confirm-fixed").count(), 1, "{audits:?}");
}

#[tokio::test]
async fn a_resolve_that_lost_to_another_resolve_says_so_and_never_overwrites() {
    let w = World::new();
    let fault_id = open_fault(&w).await;
    w.table.race_next_transaction(FaultRecord::key(&w.setting_id, &fault_id), |item| {
        bump_version(item);
        item.insert("status".into(), nestling_platform::store::Value::S("confirmed-fixed".into()));
    });
    let (status, problem) = w.call(resolve_fault, resolve(&w, &fault_id)).await;
    assert_eq!((status, problem["type"].as_str().map(|t| t.ends_with("fault-already-fixed"))), (409, Some(true)), "{problem}");
    let stored: FaultRecord = w.get(&FaultRecord::key(&w.setting_id, &fault_id)).unwrap();
    assert!(stored.history.iter().all(|step| step.step != "confirmed-fixed"), "the loser wrote nothing");
    assert!(w.items_of_kind("audit").iter().all(|i| nestling_platform::store::text_of(i, "action") != Some("fault.confirm-fixed")));
}

#[tokio::test]
async fn one_person_cannot_flood_the_managers_inboxes_with_reports() {
    let w = World::new();
    let ava = w.child("Ava", &w.room("Robins", nestling_domain::AgeBand::Two), &w.manager);
    let parent = w.guardian_of(&ava, nestling_domain::GuardianAccess::Parent);
    let practitioner = w.member(Role::Practitioner);
    let report = |n: u32| json!({ "description": format!("Report {n}"), "privacyAffected": false });
    for n in 0..Rate::FAULT_REPORTS.max {
        let (status, fault) = w.call(report_fault, w.request(Some(&parent), "POST", &faults_path(&w), Some(&report(n)))).await;
        assert_eq!(status, 201, "report {n}: {fault}");
    }
    let items = w.table.items();
    let (status, problem) = w.call(report_fault, w.request(Some(&parent), "POST", &faults_path(&w), Some(&report(99)))).await;
    assert_eq!(status, 429, "{problem}");
    assert!(problem["type"].as_str().unwrap().ends_with("rate-limited"), "{problem}");
    assert_eq!(w.table.items(), items, "a refused report writes nothing and emails nobody");
    // The limit is the person's: others still report, and the parent may again next hour.
    let (status, _) = w.call(report_fault, w.request(Some(&practitioner), "POST", &faults_path(&w), Some(&report(100)))).await;
    assert_eq!(status, 201);
    w.app.clock.advance(time::Duration::HOUR);
    let (status, _) = w.call(report_fault, w.request(Some(&parent), "POST", &faults_path(&w), Some(&report(101)))).await;
    assert_eq!(status, 201);
}

//! The local stack. Everything here exists only to run Nestling on a laptop or in tests:
//! provisioning the emulator (moto), the API Gateway stand-in, the stream consumer loop and
//! the demo nursery.

pub mod gateway;
pub mod openapi;
pub mod provision;
pub mod pump;
pub mod seed;
pub mod template;
pub mod web;

use lambda_http::{Body, Request, Response};
use nestling_platform::App;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

pub type HandlerFuture = Pin<Box<dyn Future<Output = Response<Body>> + Send>>;

/// The function behind each route-table name, as its Lambda binary runs it. Returns the
/// handler's future without polling it, so tests can check coverage without any I/O.
pub fn dispatch(function: &str, app: Arc<App>, req: Request) -> Option<HandlerFuture> {
    use nestling_accounts as accounts;
    use nestling_care as care;
    use nestling_children as children;
    use nestling_guardians as guardians;
    use nestling_incidents as incidents;
    use nestling_journal as journal;
    use nestling_media_function as media;
    use nestling_settings as settings;
    use nestling_staff as staff;
    Some(match function {
        "health" => Box::pin(accounts::health(app, req)),
        "me" => Box::pin(accounts::me(app, req)),
        "invitations-accept" => Box::pin(accounts::accept_invitation(app, req)),
        "settings-create" => Box::pin(settings::create_setting(app, req)),
        "settings-get" => Box::pin(settings::get_setting(app, req)),
        "rooms-create" => Box::pin(settings::create_room(app, req)),
        "rooms-list" => Box::pin(settings::list_rooms(app, req)),
        "staff-invite" => Box::pin(staff::invite_staff(app, req)),
        "staff-list" => Box::pin(staff::list_staff(app, req)),
        "staff-revoke" => Box::pin(staff::revoke_staff(app, req)),
        "children-register" => Box::pin(children::register_child(app, req)),
        "children-list" => Box::pin(children::list_children(app, req)),
        "children-get" => Box::pin(children::get_child(app, req)),
        "children-update" => Box::pin(children::update_child(app, req)),
        "hold-place" => Box::pin(children::place_hold(app, req)),
        "hold-lift" => Box::pin(children::lift_hold(app, req)),
        "consents-set" => Box::pin(children::set_consents(app, req)),
        "guardians-link" => Box::pin(guardians::link_guardian(app, req)),
        "guardians-list" => Box::pin(guardians::list_guardians(app, req)),
        "guardians-revoke" => Box::pin(guardians::revoke_guardian(app, req)),
        "agreement-get" => Box::pin(guardians::get_agreement(app, req)),
        "agreement-publish" => Box::pin(guardians::publish_agreement(app, req)),
        "agreement-accept" => Box::pin(guardians::accept_agreement(app, req)),
        "audit-list" => Box::pin(settings::list_audit(app, req)),
        "media-upload" => Box::pin(media::request_upload(app, req)),
        "media-get" => Box::pin(media::get_media(app, req)),
        "observations-create" => Box::pin(journal::create_observation(app, req)),
        "observations-list" => Box::pin(journal::list_observations(app, req)),
        "observations-update" => Box::pin(journal::update_observation(app, req)),
        "observations-delete" => Box::pin(journal::unpublish_observation(app, req)),
        "journal-get" => Box::pin(journal::get_journal(app, req)),
        "comments-create" => Box::pin(journal::create_comment(app, req)),
        "comments-list" => Box::pin(journal::list_comments(app, req)),
        "contributions-create" => Box::pin(journal::create_contribution(app, req)),
        "child-contributions" => Box::pin(journal::list_child_contributions(app, req)),
        "contributions-list" => Box::pin(journal::list_contributions(app, req)),
        "contributions-approve" => Box::pin(journal::approve_contribution(app, req)),
        "contributions-reject" => Box::pin(journal::reject_contribution(app, req)),
        "key-children" => Box::pin(journal::list_key_children(app, req)),
        "preferences-set" => Box::pin(accounts::set_notification_preferences(app, req)),
        "collectors-set" => Box::pin(care::set_collectors(app, req)),
        "attendance-record" => Box::pin(care::record_attendance(app, req)),
        "register-get" => Box::pin(care::get_register(app, req)),
        "child-attendance" => Box::pin(care::child_attendance(app, req)),
        "absences-report" => Box::pin(care::report_absence(app, req)),
        "staff-clock" => Box::pin(care::clock(app, req)),
        "timesheets-get" => Box::pin(care::get_timesheets(app, req)),
        "ratios-get" => Box::pin(care::get_ratios(app, req)),
        "ratio-breaches" => Box::pin(care::list_ratio_breaches(app, req)),
        "diary-add" => Box::pin(care::add_diary_entry(app, req)),
        "diary-get" => Box::pin(care::get_diary(app, req)),
        "medicine-permission-set" => Box::pin(care::set_medicine_permission(app, req)),
        "medicine-dose" => Box::pin(care::give_medicine(app, req)),
        "accidents-create" => Box::pin(care::record_accident(app, req)),
        "child-accidents" => Box::pin(care::child_accidents(app, req)),
        "accidents-review" => Box::pin(care::review_accident(app, req)),
        "accidents-acknowledge" => Box::pin(care::acknowledge_accident(app, req)),
        "accidents-list" => Box::pin(care::list_accidents(app, req)),
        "faults-report" => Box::pin(incidents::report_fault(app, req)),
        "faults-list" => Box::pin(incidents::list_faults(app, req)),
        "faults-resolve" => Box::pin(incidents::resolve_fault(app, req)),
        "lockdown-start" => Box::pin(incidents::start_lockdown(app, req)),
        "lockdown-lift" => Box::pin(incidents::lift_lockdown(app, req)),
        "breaches-record" => Box::pin(incidents::record_breach(app, req)),
        "breaches-list" => Box::pin(incidents::list_breaches(app, req)),
        "breaches-ico-report" => Box::pin(incidents::record_ico_decision(app, req)),
        "breaches-notify-families" => Box::pin(incidents::notify_breach_families(app, req)),
        "networks-set" => Box::pin(settings::set_networks(app, req)),
        "remote-attestation" => Box::pin(staff::attest_remote_access(app, req)),
        "email-problems" => Box::pin(staff::list_email_problems(app, req)),
        _ => return None,
    })
}

pub use provision::Stack;

#[cfg(test)]
mod tests {
    use nestling_platform::Problem;
    use std::collections::BTreeSet;

    /// Each area's own problems, as the wire sees them.
    fn area_problems() -> Vec<(&'static str, Vec<Problem>)> {
        fn all<P: Copy + Into<Problem>>(ps: &[P]) -> Vec<Problem> {
            ps.iter().map(|p| (*p).into()).collect()
        }
        vec![
            ("accounts", all(nestling_accounts::AccountsProblem::ALL)),
            ("care", all(nestling_care::CareProblem::ALL)),
            ("children", all(nestling_children::ChildrenProblem::ALL)),
            ("guardians", all(nestling_guardians::GuardiansProblem::ALL)),
            ("incidents", all(nestling_incidents::IncidentsProblem::ALL)),
            ("journal", all(nestling_journal::JournalProblem::ALL)),
            ("media", all(nestling_media_function::MediaProblem::ALL)),
            ("staff", all(nestling_staff::StaffProblem::ALL)),
        ]
    }

    #[test]
    fn every_area_problem_is_a_client_error_named_in_the_api_docs() {
        let api = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/api.md")).expect("docs/api.md");
        let table = api.split("## Problem types").nth(1).expect("docs/api.md has a Problem types section");
        for (area, problems) in area_problems() {
            let mut seen = BTreeSet::new();
            for p in problems {
                assert!((400..500).contains(&p.status), "{area}: {} is a client error", p.slug);
                assert!(table.contains(&format!("`{}`", p.slug)), "{area}: docs/api.md's Problem types names `{}`", p.slug);
                assert!(!p.title.is_empty() && p.title.chars().next().is_some_and(char::is_uppercase), "{area}: {}", p.slug);
                seen.insert((p.slug, p.title));
            }
            assert!(!seen.is_empty());
        }
    }
}

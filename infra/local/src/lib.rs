//! The local stack. Everything here exists only to run Nestling on a laptop or in tests:
//! provisioning the emulator (moto), the API Gateway stand-in, the stream consumer loop and
//! the demo nursery.

pub mod gateway;
pub mod openapi;
pub mod provision;
pub mod pump;
pub mod seed;
pub mod template;
pub mod totp;
pub mod web;

use lambda_http::Request;
use nestling_platform::App;
use std::sync::Arc;

pub use nestling_platform::runtime::HandlerFuture;

/// The use case behind each route-table name, as its Lambda binary runs it: the route table
/// names the function's area, and the area's crate answers for its own names (`routes!` beside
/// its use cases). Returns the handler's future without polling it, so tests can check
/// coverage without any I/O.
pub fn dispatch(function: &str, app: Arc<App>, req: Request) -> Option<HandlerFuture> {
    match nestling_domain::routes::function(function)?.area {
        "accounts" => nestling_accounts::dispatch(function, app, req),
        "assessment" => nestling_assessment::dispatch(function, app, req),
        "care" => nestling_care::dispatch(function, app, req),
        "children" => nestling_children::dispatch(function, app, req),
        "comms" => nestling_comms::dispatch(function, app, req),
        "guardians" => nestling_guardians::dispatch(function, app, req),
        "incidents" => nestling_incidents::dispatch(function, app, req),
        "journal" => nestling_journal::dispatch(function, app, req),
        "journey" => nestling_journey::dispatch(function, app, req),
        "rights" => nestling_rights::dispatch(function, app, req),
        "bookings" => nestling_bookings::dispatch(function, app, req),
        "media" => nestling_media_function::dispatch(function, app, req),
        "settings" => nestling_settings::dispatch(function, app, req),
        "staff" => nestling_staff::dispatch(function, app, req),
        // The outbox's functions are run by events, not routes.
        _ => None,
    }
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
            ("assessment", all(nestling_assessment::AssessmentProblem::ALL)),
            ("care", all(nestling_care::CareProblem::ALL)),
            ("children", all(nestling_children::ChildrenProblem::ALL)),
            ("guardians", all(nestling_guardians::GuardiansProblem::ALL)),
            ("incidents", all(nestling_incidents::IncidentsProblem::ALL)),
            ("journal", all(nestling_journal::JournalProblem::ALL)),
            ("journey", all(nestling_journey::JourneyProblem::ALL)),
            ("rights", all(nestling_rights::RightsProblem::ALL)),
            ("bookings", all(nestling_bookings::BookingsProblem::ALL)),
            ("comms", all(nestling_comms::CommsProblem::ALL)),
            ("media", all(nestling_media_function::MediaProblem::ALL)),
            ("staff", all(nestling_staff::StaffProblem::ALL)),
            ("settings", all(nestling_settings::devices::DevicesProblem::ALL)),
            ("settings", all(nestling_settings::device_sessions::DeviceSessionProblem::ALL)),
            ("settings", all(nestling_settings::school::SchoolProblem::ALL)),
        ]
    }

    #[test]
    fn every_route_of_the_table_is_served_by_its_areas_crate_and_nothing_else() {
        let world = nestling_platform::testing::World::new();
        for f in nestling_domain::routes::FUNCTIONS {
            let served = super::dispatch(f.name, world.app.clone(), lambda_http::Request::default()).is_some();
            assert_eq!(served, f.http().is_some(), "{} ({}): routes are served, event functions are not", f.name, f.area);
        }
        assert!(super::dispatch("no-such-function", world.app.clone(), lambda_http::Request::default()).is_none());
    }

    /// `sam build` builds each function from its binary: every row of the route table has
    /// one, in its area's crate, and every binary there has its row.
    #[test]
    fn every_function_has_its_binary_and_every_binary_its_function() {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../functions");
        for f in nestling_domain::routes::FUNCTIONS {
            let path = format!("{root}/{}/src/bin/{}.rs", f.area, f.name);
            let main = std::fs::read_to_string(&path).unwrap_or_else(|_| panic!("{}: no binary at {path}", f.name));
            assert!(main.contains(&format!("`{}`", f.name)), "{path} names its function");
        }
        for area in std::fs::read_dir(root).expect("functions/") {
            let bins = area.expect("an area").path().join("src/bin");
            for bin in std::fs::read_dir(&bins).into_iter().flatten() {
                let bin = bin.expect("a binary").path();
                let name = bin.file_stem().and_then(|n| n.to_str()).unwrap_or_default().to_string();
                assert!(
                    nestling_domain::routes::FUNCTIONS.iter().any(|f| f.name == name),
                    "{} has no row in the route table",
                    bin.display()
                );
            }
        }
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

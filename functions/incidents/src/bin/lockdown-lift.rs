//! Lambda entry point for `lockdown-lift` (see the route table).
fn main() -> Result<(), lambda_http::Error> {
    nestling_platform::runtime::serve_http(nestling_incidents::lift_lockdown)
}

//! Lambda entry point for `lockdown-start` (see the route table).
fn main() -> Result<(), lambda_http::Error> {
    nestling_platform::runtime::serve_http(nestling_incidents::start_lockdown)
}

//! Lambda entry point for `breaches-notify-families` (see the route table).
fn main() -> Result<(), lambda_http::Error> {
    nestling_platform::runtime::serve_http(nestling_incidents::notify_breach_families)
}

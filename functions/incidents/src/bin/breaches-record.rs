//! Lambda entry point for `breaches-record` (see the route table).
fn main() -> Result<(), lambda_http::Error> {
    nestling_platform::runtime::serve_http(nestling_incidents::record_breach)
}

//! Lambda entry point for `journey-request` (see the route table).
fn main() -> Result<(), lambda_http::Error> {
    nestling_platform::runtime::serve_http(nestling_journey::request_journey)
}

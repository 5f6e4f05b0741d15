//! Lambda entry point for `journeys-list` (see the route table).
fn main() -> Result<(), lambda_http::Error> {
    nestling_platform::runtime::serve_http(nestling_journey::list_journeys)
}

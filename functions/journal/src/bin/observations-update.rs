//! Lambda entry point for `observations-update` (see the route table).
fn main() -> Result<(), lambda_http::Error> {
    nestling_platform::runtime::serve_http(nestling_journal::update_observation)
}

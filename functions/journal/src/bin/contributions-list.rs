//! Lambda entry point for `contributions-list` (see the route table).
fn main() -> Result<(), lambda_http::Error> {
    nestling_platform::runtime::serve_http(nestling_journal::list_contributions)
}

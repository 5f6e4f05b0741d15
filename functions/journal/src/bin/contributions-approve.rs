//! Lambda entry point for `contributions-approve` (see the route table).
fn main() -> Result<(), lambda_http::Error> {
    nestling_platform::runtime::serve_http(nestling_journal::approve_contribution)
}

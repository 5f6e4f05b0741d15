//! Lambda entry point for `health` (see the route table).
fn main() -> Result<(), lambda_http::Error> {
    nestling_platform::runtime::serve_http(nestling_accounts::health)
}

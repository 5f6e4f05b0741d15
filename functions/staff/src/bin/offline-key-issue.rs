//! Lambda entry point for `offline-key-issue` (see the route table).
fn main() -> Result<(), lambda_http::Error> {
    nestling_platform::runtime::serve_http(nestling_staff::offline::issue_offline_key)
}

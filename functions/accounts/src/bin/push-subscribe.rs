//! Lambda entry point for `push-subscribe` (see the route table).
fn main() -> Result<(), lambda_http::Error> {
    nestling_platform::runtime::serve_http(nestling_accounts::subscribe)
}

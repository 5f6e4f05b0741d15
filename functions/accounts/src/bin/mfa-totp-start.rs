//! Lambda entry point for `mfa-totp-start` (see the route table).
fn main() -> Result<(), lambda_http::Error> {
    nestling_platform::runtime::serve_http(nestling_accounts::start_totp)
}

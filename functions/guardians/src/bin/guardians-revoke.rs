//! Lambda entry point for `guardians-revoke` (see the route table).
fn main() -> Result<(), lambda_http::Error> {
    nestling_platform::runtime::serve_http(nestling_guardians::revoke_guardian)
}

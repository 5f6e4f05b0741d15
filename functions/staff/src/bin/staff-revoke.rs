//! Lambda entry point for `staff-revoke` (see the route table).
fn main() -> Result<(), lambda_http::Error> {
    nestling_platform::runtime::serve_http(nestling_staff::revoke_staff)
}

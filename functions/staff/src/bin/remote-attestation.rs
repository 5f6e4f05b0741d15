//! Lambda entry point for `remote-attestation` (see the route table).
fn main() -> Result<(), lambda_http::Error> {
    nestling_platform::runtime::serve_http(nestling_staff::attest_remote_access)
}

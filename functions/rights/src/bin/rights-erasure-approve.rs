//! Lambda entry point for `rights-erasure-approve` (see the route table).
fn main() -> Result<(), lambda_http::Error> {
    nestling_platform::runtime::serve_http(nestling_rights::erasure::approve_erasure)
}

//! Lambda entry point for `rights-requests-list` (see the route table).
fn main() -> Result<(), lambda_http::Error> {
    nestling_platform::runtime::serve_http(nestling_rights::list_requests)
}

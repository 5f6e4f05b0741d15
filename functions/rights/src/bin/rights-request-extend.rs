//! Lambda entry point for `rights-request-extend` (see the route table).
fn main() -> Result<(), lambda_http::Error> {
    nestling_platform::runtime::serve_http(nestling_rights::extend_request)
}

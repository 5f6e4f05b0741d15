//! Lambda entry point for `rights-request-answer` (see the route table).
fn main() -> Result<(), lambda_http::Error> {
    nestling_platform::runtime::serve_http(nestling_rights::answer_request)
}

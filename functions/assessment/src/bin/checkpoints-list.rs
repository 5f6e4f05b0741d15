//! Lambda entry point for `checkpoints-list` (see the route table).
fn main() -> Result<(), lambda_http::Error> {
    nestling_platform::runtime::serve_http(nestling_assessment::list_checkpoints)
}

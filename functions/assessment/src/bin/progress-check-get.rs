//! Lambda entry point for `progress-check-get` (see the route table).
fn main() -> Result<(), lambda_http::Error> {
    nestling_platform::runtime::serve_http(nestling_assessment::get_progress_check)
}

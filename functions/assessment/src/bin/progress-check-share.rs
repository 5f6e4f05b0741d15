//! Lambda entry point for `progress-check-share` (see the route table).
fn main() -> Result<(), lambda_http::Error> {
    nestling_platform::runtime::serve_http(nestling_assessment::share_progress_check)
}

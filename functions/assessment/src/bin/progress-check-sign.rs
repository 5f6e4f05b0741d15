//! Lambda entry point for `progress-check-sign` (see the route table).
fn main() -> Result<(), lambda_http::Error> {
    nestling_platform::runtime::serve_http(nestling_assessment::sign_off_progress_check)
}

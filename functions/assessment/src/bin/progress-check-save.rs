//! Lambda entry point for `progress-check-save` (see the route table).
fn main() -> Result<(), lambda_http::Error> {
    nestling_platform::runtime::serve_http(nestling_assessment::save_progress_check)
}

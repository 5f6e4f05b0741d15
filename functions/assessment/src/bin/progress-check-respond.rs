//! Lambda entry point for `progress-check-respond` (see the route table).
fn main() -> Result<(), lambda_http::Error> {
    nestling_platform::runtime::serve_http(nestling_assessment::respond_to_progress_check)
}

//! Lambda entry point for `progress-check-pdf` (see the route table).
fn main() -> Result<(), lambda_http::Error> {
    nestling_platform::runtime::serve_http(nestling_assessment::progress_check_pdf)
}

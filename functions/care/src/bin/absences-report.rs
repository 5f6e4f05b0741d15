//! Lambda entry point for `absences-report` (see the route table).
fn main() -> Result<(), lambda_http::Error> {
    nestling_platform::runtime::serve_http(nestling_care::report_absence)
}

//! Lambda entry point for `device-attendance-record` (see the route table).
fn main() -> Result<(), lambda_http::Error> {
    nestling_platform::runtime::serve_http(nestling_care::record_attendance)
}

//! Lambda entry point for `faults-report` (see the route table).
fn main() -> Result<(), lambda_http::Error> {
    nestling_platform::runtime::serve_http(nestling_incidents::report_fault)
}

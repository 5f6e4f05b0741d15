//! Lambda entry point for `faults-list` (see the route table).
fn main() -> Result<(), lambda_http::Error> {
    nestling_platform::runtime::serve_http(nestling_incidents::list_faults)
}

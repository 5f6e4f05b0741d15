//! Lambda entry point for `faults-resolve` (see the route table).
fn main() -> Result<(), lambda_http::Error> {
    nestling_platform::runtime::serve_http(nestling_incidents::resolve_fault)
}

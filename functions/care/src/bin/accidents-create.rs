//! Lambda entry point for `accidents-create` (see the route table).
fn main() -> Result<(), lambda_http::Error> {
    nestling_platform::runtime::serve_http(nestling_care::record_accident)
}

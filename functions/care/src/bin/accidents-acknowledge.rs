//! Lambda entry point for `accidents-acknowledge` (see the route table).
fn main() -> Result<(), lambda_http::Error> {
    nestling_platform::runtime::serve_http(nestling_care::acknowledge_accident)
}

//! Lambda entry point for `accidents-review` (see the route table).
fn main() -> Result<(), lambda_http::Error> {
    nestling_platform::runtime::serve_http(nestling_care::review_accident)
}

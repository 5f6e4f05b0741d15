//! Lambda entry point for `child-accidents` (see the route table).
fn main() -> Result<(), lambda_http::Error> {
    nestling_platform::runtime::serve_http(nestling_care::child_accidents)
}

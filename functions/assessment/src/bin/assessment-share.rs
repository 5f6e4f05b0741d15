//! Lambda entry point for `assessment-share` (see the route table).
fn main() -> Result<(), lambda_http::Error> {
    nestling_platform::runtime::serve_http(nestling_assessment::share_assessment)
}

//! Lambda entry point for `points-give` (see the route table).
fn main() -> Result<(), lambda_http::Error> {
    nestling_platform::runtime::serve_http(nestling_care::give_point)
}

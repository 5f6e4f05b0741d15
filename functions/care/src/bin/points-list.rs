//! Lambda entry point for `points-list` (see the route table).
fn main() -> Result<(), lambda_http::Error> {
    nestling_platform::runtime::serve_http(nestling_care::list_points)
}

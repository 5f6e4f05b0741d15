//! Lambda entry point for `leaving-set` (see the route table).
fn main() -> Result<(), lambda_http::Error> {
    nestling_platform::runtime::serve_http(nestling_children::set_leaving)
}

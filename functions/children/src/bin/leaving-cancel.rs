//! Lambda entry point for `leaving-cancel` (see the route table).
fn main() -> Result<(), lambda_http::Error> {
    nestling_platform::runtime::serve_http(nestling_children::cancel_leaving)
}

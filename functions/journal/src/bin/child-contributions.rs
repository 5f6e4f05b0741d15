//! Lambda entry point for `child-contributions` (see the route table).
fn main() -> Result<(), lambda_http::Error> {
    nestling_platform::runtime::serve_http(nestling_journal::list_child_contributions)
}

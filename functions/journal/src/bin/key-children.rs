//! Lambda entry point for `key-children` (see the route table).
fn main() -> Result<(), lambda_http::Error> {
    nestling_platform::runtime::serve_http(nestling_journal::list_key_children)
}

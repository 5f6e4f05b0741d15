//! Lambda entry point for `device-journal-get` (see the route table).
fn main() -> Result<(), lambda_http::Error> {
    nestling_platform::runtime::serve_http(nestling_journal::get_journal)
}

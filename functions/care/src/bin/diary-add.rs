//! Lambda entry point for `diary-add` (see the route table).
fn main() -> Result<(), lambda_http::Error> {
    nestling_platform::runtime::serve_http(nestling_care::add_diary_entry)
}

//! Lambda entry point for `consents-set` (see the route table).
fn main() -> Result<(), lambda_http::Error> {
    nestling_platform::runtime::serve_http(nestling_children::set_consents)
}

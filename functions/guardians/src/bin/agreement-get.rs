//! Lambda entry point for `agreement-get` (see the route table).
fn main() -> Result<(), lambda_http::Error> {
    nestling_platform::runtime::serve_http(nestling_guardians::get_agreement)
}

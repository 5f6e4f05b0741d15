//! Lambda entry point for `device-guardians-list` (see the route table).
fn main() -> Result<(), lambda_http::Error> {
    nestling_platform::runtime::serve_http(nestling_guardians::list_guardians)
}

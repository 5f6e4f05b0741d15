//! Lambda entry point for `email-problems` (see the route table).
fn main() -> Result<(), lambda_http::Error> {
    nestling_platform::runtime::serve_http(nestling_staff::list_email_problems)
}

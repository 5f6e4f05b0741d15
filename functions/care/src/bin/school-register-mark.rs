//! Lambda entry point for `school-register-mark` (see the route table).
fn main() -> Result<(), lambda_http::Error> {
    nestling_platform::runtime::serve_http(nestling_care::mark_school_register)
}

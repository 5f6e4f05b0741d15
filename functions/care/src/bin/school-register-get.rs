//! Lambda entry point for `school-register-get` (see the route table).
fn main() -> Result<(), lambda_http::Error> {
    nestling_platform::runtime::serve_http(nestling_care::get_school_register)
}

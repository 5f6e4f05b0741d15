//! Lambda entry point for `school-get` (see the route table).
fn main() -> Result<(), lambda_http::Error> {
    nestling_platform::runtime::serve_http(nestling_settings::school::get_school)
}

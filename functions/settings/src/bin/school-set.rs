//! Lambda entry point for `school-set` (see the route table).
fn main() -> Result<(), lambda_http::Error> {
    nestling_platform::runtime::serve_http(nestling_settings::school::set_school)
}

//! Lambda entry point for `medicine-permission-set` (see the route table).
fn main() -> Result<(), lambda_http::Error> {
    nestling_platform::runtime::serve_http(nestling_care::set_medicine_permission)
}

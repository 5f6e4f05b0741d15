//! Lambda entry point for `school-totals-get` (see the route table).
fn main() -> Result<(), lambda_http::Error> {
    nestling_platform::runtime::serve_http(nestling_care::tutor_group_totals)
}

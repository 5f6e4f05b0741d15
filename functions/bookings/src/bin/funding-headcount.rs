//! Lambda entry point for `funding-headcount` (see the route table).
fn main() -> Result<(), lambda_http::Error> {
    nestling_platform::runtime::serve_http(nestling_bookings::headcount::get_headcount)
}

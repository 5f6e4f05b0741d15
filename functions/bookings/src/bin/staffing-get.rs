//! Lambda entry point for `staffing-get` (see the route table).
fn main() -> Result<(), lambda_http::Error> {
    nestling_platform::runtime::serve_http(nestling_bookings::staffing::get_staffing)
}

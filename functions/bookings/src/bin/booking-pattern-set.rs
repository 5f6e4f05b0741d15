//! Lambda entry point for `booking-pattern-set` (see the route table).
fn main() -> Result<(), lambda_http::Error> {
    nestling_platform::runtime::serve_http(nestling_bookings::set_pattern)
}

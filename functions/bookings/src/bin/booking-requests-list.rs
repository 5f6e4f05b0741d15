//! Lambda entry point for `booking-requests-list` (see the route table).
fn main() -> Result<(), lambda_http::Error> {
    nestling_platform::runtime::serve_http(nestling_bookings::list_waiting)
}

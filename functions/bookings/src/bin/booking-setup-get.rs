//! Lambda entry point for `booking-setup-get` (see the route table).
fn main() -> Result<(), lambda_http::Error> {
    nestling_platform::runtime::serve_http(nestling_bookings::get_setup)
}

//! Lambda entry point for `funding-get` (see the route table).
fn main() -> Result<(), lambda_http::Error> {
    nestling_platform::runtime::serve_http(nestling_bookings::funding::get_funding)
}

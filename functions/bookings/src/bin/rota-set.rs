//! Lambda entry point for `rota-set` (see the route table).
fn main() -> Result<(), lambda_http::Error> {
    nestling_platform::runtime::serve_http(nestling_bookings::staffing::set_rota)
}

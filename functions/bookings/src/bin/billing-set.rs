//! Lambda entry point for `billing-set` (see the route table).
fn main() -> Result<(), lambda_http::Error> {
    nestling_platform::runtime::serve_http(nestling_bookings::invoices::set_billing)
}

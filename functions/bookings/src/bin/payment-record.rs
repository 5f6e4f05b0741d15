//! Lambda entry point for `payment-record` (see the route table).
fn main() -> Result<(), lambda_http::Error> {
    nestling_platform::runtime::serve_http(nestling_bookings::invoices::record_payment)
}

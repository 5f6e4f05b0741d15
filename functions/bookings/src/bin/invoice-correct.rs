//! Lambda entry point for `invoice-correct` (see the route table).
fn main() -> Result<(), lambda_http::Error> {
    nestling_platform::runtime::serve_http(nestling_bookings::invoices::correct_invoice)
}

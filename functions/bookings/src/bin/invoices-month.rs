//! Lambda entry point for `invoices-month` (see the route table).
fn main() -> Result<(), lambda_http::Error> {
    nestling_platform::runtime::serve_http(nestling_bookings::invoices::month_invoices)
}

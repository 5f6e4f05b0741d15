//! Lambda entry point for `my-invoices` (see the route table).
fn main() -> Result<(), lambda_http::Error> {
    nestling_platform::runtime::serve_http(nestling_bookings::invoices::my_invoices)
}

//! Lambda entry point for `invoice-pdf` (see the route table).
fn main() -> Result<(), lambda_http::Error> {
    nestling_platform::runtime::serve_http(nestling_bookings::invoices::invoice_pdf)
}

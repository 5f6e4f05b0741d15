//! Lambda entry point for `statement-get` (see the route table).
fn main() -> Result<(), lambda_http::Error> {
    nestling_platform::runtime::serve_http(nestling_bookings::invoices::get_statement)
}

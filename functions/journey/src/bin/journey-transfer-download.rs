//! Lambda entry point for `journey-transfer-download` (see the route table).
fn main() -> Result<(), lambda_http::Error> {
    nestling_platform::runtime::serve_http(nestling_journey::transfer::download_transfer)
}

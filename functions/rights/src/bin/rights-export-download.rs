//! Lambda entry point for `rights-export-download` (see the route table).
fn main() -> Result<(), lambda_http::Error> {
    nestling_platform::runtime::serve_http(nestling_rights::export::download_export)
}

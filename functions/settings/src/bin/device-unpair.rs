//! Lambda entry point for `device-unpair` (see the route table).
fn main() -> Result<(), lambda_http::Error> {
    nestling_platform::runtime::serve_http(nestling_settings::devices::unpair_device)
}

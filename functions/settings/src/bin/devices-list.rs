//! Lambda entry point for `devices-list` (see the route table).
fn main() -> Result<(), lambda_http::Error> {
    nestling_platform::runtime::serve_http(nestling_settings::devices::list_devices)
}

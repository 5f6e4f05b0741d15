//! Lambda entry point for `device-pin-get` (see the route table).
fn main() -> Result<(), lambda_http::Error> {
    nestling_platform::runtime::serve_http(nestling_settings::device_sessions::get_device_pin)
}

//! Lambda entry point for `device-pin-set` (see the route table).
fn main() -> Result<(), lambda_http::Error> {
    nestling_platform::runtime::serve_http(nestling_settings::device_sessions::set_device_pin)
}

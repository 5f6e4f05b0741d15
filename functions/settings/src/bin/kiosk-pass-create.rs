//! Lambda entry point for `kiosk-pass-create` (see the route table).
fn main() -> Result<(), lambda_http::Error> {
    nestling_platform::runtime::serve_http(nestling_settings::device_sessions::create_kiosk_pass)
}

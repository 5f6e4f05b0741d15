//! Lambda entry point for `device-session-end` (see the route table).
fn main() -> Result<(), lambda_http::Error> {
    nestling_platform::runtime::serve_http(nestling_settings::device_sessions::end_device_session)
}

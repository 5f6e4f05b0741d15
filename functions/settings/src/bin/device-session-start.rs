//! Lambda entry point for `device-session-start` (see the route table).
fn main() -> Result<(), lambda_http::Error> {
    nestling_platform::runtime::serve_http(nestling_settings::device_sessions::start_device_session)
}

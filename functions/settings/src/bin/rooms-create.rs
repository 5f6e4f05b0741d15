//! Lambda entry point for `rooms-create` (see the route table).
fn main() -> Result<(), lambda_http::Error> {
    nestling_platform::runtime::serve_http(nestling_settings::create_room)
}

//! Lambda entry point for `media-get` (see the route table).
fn main() -> Result<(), lambda_http::Error> {
    nestling_platform::runtime::serve_http(nestling_media_function::get_media)
}

//! Lambda entry point for `media-upload` (see the route table).
fn main() -> Result<(), lambda_http::Error> {
    nestling_platform::runtime::serve_http(nestling_media_function::request_upload)
}

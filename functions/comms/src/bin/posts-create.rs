//! Lambda entry point for `posts-create` (see the route table).
fn main() -> Result<(), lambda_http::Error> {
    nestling_platform::runtime::serve_http(nestling_comms::create_post)
}

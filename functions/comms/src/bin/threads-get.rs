//! Lambda entry point for `threads-get` (see the route table).
fn main() -> Result<(), lambda_http::Error> {
    nestling_platform::runtime::serve_http(nestling_comms::get_thread)
}

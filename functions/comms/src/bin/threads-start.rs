//! Lambda entry point for `threads-start` (see the route table).
fn main() -> Result<(), lambda_http::Error> {
    nestling_platform::runtime::serve_http(nestling_comms::start_thread)
}

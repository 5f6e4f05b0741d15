//! Lambda entry point for `event-reply` (see the route table).
fn main() -> Result<(), lambda_http::Error> {
    nestling_platform::runtime::serve_http(nestling_comms::reply_to_event)
}

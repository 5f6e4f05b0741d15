//! Lambda entry point for `message-recipients` (see the route table).
fn main() -> Result<(), lambda_http::Error> {
    nestling_platform::runtime::serve_http(nestling_comms::count_message_recipients)
}

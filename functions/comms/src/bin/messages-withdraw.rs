//! Lambda entry point for `messages-withdraw` (see the route table).
fn main() -> Result<(), lambda_http::Error> {
    nestling_platform::runtime::serve_http(nestling_comms::withdraw_message)
}

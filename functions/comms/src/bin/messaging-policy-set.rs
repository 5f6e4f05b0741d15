//! Lambda entry point for `messaging-policy-set` (see the route table).
fn main() -> Result<(), lambda_http::Error> {
    nestling_platform::runtime::serve_http(nestling_comms::set_messaging_policy)
}

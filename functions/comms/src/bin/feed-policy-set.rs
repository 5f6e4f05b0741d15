//! Lambda entry point for `feed-policy-set` (see the route table).
fn main() -> Result<(), lambda_http::Error> {
    nestling_platform::runtime::serve_http(nestling_comms::set_feed_policy)
}

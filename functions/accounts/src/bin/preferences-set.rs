//! Lambda entry point for `preferences-set` (see the route table).
fn main() -> Result<(), lambda_http::Error> {
    nestling_platform::runtime::serve_http(nestling_accounts::set_notification_preferences)
}

//! Lambda entry point for `offline-key-drop` (see the route table).
fn main() -> Result<(), lambda_http::Error> {
    nestling_platform::runtime::serve_http(nestling_staff::offline::drop_offline_key)
}

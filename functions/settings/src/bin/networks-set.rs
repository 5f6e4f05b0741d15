//! Lambda entry point for `networks-set` (see the route table).
fn main() -> Result<(), lambda_http::Error> {
    nestling_platform::runtime::serve_http(nestling_settings::set_networks)
}

//! Lambda entry point for `legal-hold-place` (see the route table).
fn main() -> Result<(), lambda_http::Error> {
    nestling_platform::runtime::serve_http(nestling_children::place_legal_hold)
}

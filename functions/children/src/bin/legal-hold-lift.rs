//! Lambda entry point for `legal-hold-lift` (see the route table).
fn main() -> Result<(), lambda_http::Error> {
    nestling_platform::runtime::serve_http(nestling_children::lift_legal_hold)
}

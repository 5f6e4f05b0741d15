//! Prints the OpenAPI document: `cargo run -p nestling-local --bin openapi > docs/openapi.json`.
fn main() {
    print!("{}", nestling_local::openapi::document_json());
}

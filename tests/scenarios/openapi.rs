//! docs/openapi.json is the document the code generates (regenerate with `make openapi`), and
//! it describes every route of the route table with schemas that resolve.

use nestling_domain::routes::FUNCTIONS;
use serde_json::Value;

fn committed() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/openapi.json")).expect("docs/openapi.json")
}

#[test]
fn the_committed_document_matches_the_code() {
    assert!(committed() == nestling_local::openapi::document_json(), "docs/openapi.json is out of date: run `make openapi` and commit it");
}

#[test]
fn every_route_is_described_and_every_reference_resolves() {
    let doc: Value = serde_json::from_str(&nestling_local::openapi::document_json()).unwrap();
    for f in FUNCTIONS {
        if let Some((method, path, auth)) = f.http() {
            let op = &doc["paths"][path][method.to_ascii_lowercase()];
            assert_eq!(op["operationId"], f.name, "{} {path}", method);
            let schemes: Vec<&str> = op["security"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|r| r.as_object())
                .flat_map(|r| r.keys())
                .map(String::as_str)
                .collect();
            // A person's sign-in where the route table says so; a paired device's credential on
            // the one route a device calls (public at the gateway: the use case checks it).
            let wanted: &[&str] = match (auth, f.name) {
                (nestling_domain::routes::Auth::Jwt, _) => &["cognito"],
                (nestling_domain::routes::Auth::Device, _) => &["device"],
                _ => &[],
            };
            assert_eq!(schemes, wanted, "{}: security matches the route table", f.name);
        }
    }
    fn refs(v: &Value, out: &mut Vec<String>) {
        match v {
            Value::Object(m) => {
                if let Some(Value::String(r)) = m.get("$ref") {
                    out.push(r.clone());
                }
                m.values().for_each(|v| refs(v, out));
            }
            Value::Array(a) => a.iter().for_each(|v| refs(v, out)),
            _ => {}
        }
    }
    let mut all = Vec::new();
    refs(&doc, &mut all);
    assert!(!all.is_empty());
    for r in all {
        let name = r.strip_prefix("#/components/schemas/").expect("component ref");
        assert!(doc["components"]["schemas"].get(name).is_some(), "{r} does not resolve");
    }
    // Request bodies refuse unknown fields, as the handlers do.
    assert_eq!(doc["components"]["schemas"]["NewStaff"]["additionalProperties"], false);
}

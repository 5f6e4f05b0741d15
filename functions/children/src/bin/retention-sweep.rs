//! Lambda entry point for `retention-sweep`: the nightly schedule that deletes what the
//! retention schedule no longer keeps. A failed run is retried by Lambda; deleting what is
//! already gone is harmless.
fn main() -> Result<(), lambda_http::Error> {
    nestling_platform::runtime::serve_event(|app, event: serde_json::Value| async move {
        let swept = nestling_children::sweep::run_schedule(&app, &event).await.map_err(|e| e.to_string())?;
        Ok::<_, String>(serde_json::json!({ "kinds": swept.kinds, "children": swept.children, "held": swept.held }))
    })
}

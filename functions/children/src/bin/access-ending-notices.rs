//! Lambda entry point for `access-ending-notices`: the morning schedule that tells leavers'
//! families the day their access ends. A failed run is retried by Lambda; re-running sends
//! nothing twice.
fn main() -> Result<(), lambda_http::Error> {
    nestling_platform::runtime::serve_event(|app, event: serde_json::Value| async move {
        let sent = nestling_children::notices::run_schedule(&app, &event).await.map_err(|e| e.to_string())?;
        Ok::<_, String>(serde_json::json!({ "notices": sent }))
    })
}

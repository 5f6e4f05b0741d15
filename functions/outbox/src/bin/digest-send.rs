//! Lambda entry point for `digest-send`: the daily schedule. Reports on the UTC day before
//! the scheduled time; a failed run is retried by Lambda, and re-running sends nothing twice.
fn main() -> Result<(), lambda_http::Error> {
    nestling_platform::runtime::serve_event(|app, event: serde_json::Value| async move {
        let sent = nestling_outbox::notifications::run_schedule(&app, &event).await.map_err(|e| e.to_string())?;
        Ok(serde_json::json!({ "sent": sent }))
    })
}

//! Lambda entry point for `event-reminders`: the morning schedule that reminds families who
//! have not replied to an event. A failed run is retried by Lambda; re-running sends nothing
//! twice.
fn main() -> Result<(), lambda_http::Error> {
    nestling_platform::runtime::serve_event(|app, event: serde_json::Value| async move {
        let sent = nestling_comms::run_reminders(&app, &event).await.map_err(|e| e.to_string())?;
        Ok(serde_json::json!({ "reminders": sent }))
    })
}

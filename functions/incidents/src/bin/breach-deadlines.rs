//! Lambda entry point for `breach-deadlines`: the schedule that reminds managers of the
//! ICO's 72-hour deadline. A failed run is retried by Lambda; re-running sends nothing twice.
fn main() -> Result<(), lambda_http::Error> {
    nestling_platform::runtime::serve_event(|app, event: serde_json::Value| async move {
        let sent = nestling_incidents::run_schedule(&app, &event).await.map_err(|e| e.to_string())?;
        Ok(serde_json::json!({ "reminders": sent }))
    })
}

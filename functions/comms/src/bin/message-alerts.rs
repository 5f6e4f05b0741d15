//! Lambda entry point for `message-alerts`: every few minutes, emails the people who have not
//! read a message whose withdraw window has passed. Re-running sends nothing twice.
fn main() -> Result<(), lambda_http::Error> {
    nestling_platform::runtime::serve_event(|app, event: serde_json::Value| async move {
        let sent = nestling_comms::run_message_alerts(&app, &event).await.map_err(|e| e.to_string())?;
        Ok(serde_json::json!({ "alerts": sent }))
    })
}

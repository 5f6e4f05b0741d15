//! Lambda entry point for `funding-reminders`: the morning schedule that tells families and
//! managers of eligibility codes due to be reconfirmed and grace periods begun or ending. A
//! failed run is retried by Lambda; re-running sends nothing twice.
fn main() -> Result<(), lambda_http::Error> {
    nestling_platform::runtime::serve_event(|app, event: serde_json::Value| async move {
        let sent = nestling_bookings::funding::run_schedule(&app, &event).await.map_err(|e| e.to_string())?;
        Ok::<_, String>(serde_json::json!({ "reminders": sent }))
    })
}

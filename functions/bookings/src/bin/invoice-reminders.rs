//! Lambda entry point for `invoice-reminders`: the morning schedule that reminds payers of
//! invoices past their due day. A failed run is retried by Lambda; re-running sends nothing
//! twice.
fn main() -> Result<(), lambda_http::Error> {
    nestling_platform::runtime::serve_event(|app, event: serde_json::Value| async move {
        let sent = nestling_bookings::overdue::run_schedule(&app, &event).await.map_err(|e| e.to_string())?;
        Ok::<_, String>(serde_json::json!({ "reminders": sent }))
    })
}

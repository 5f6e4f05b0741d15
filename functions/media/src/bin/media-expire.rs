//! Lambda entry point for `media-expire`: the daily schedule that deletes uploads never
//! attached to an entry. A failed run is retried by Lambda; the next run finishes any left.
fn main() -> Result<(), lambda_http::Error> {
    nestling_platform::runtime::serve_event(|app, event: serde_json::Value| async move {
        let expired = nestling_media_function::expiry::run_schedule(&app, &event).await.map_err(|e| e.to_string())?;
        Ok(serde_json::json!({ "expired": expired }))
    })
}

//! Lambda entry point for `ses-feedback`: SES bounces and complaints, through SNS. A failed
//! invocation is retried by Lambda and then lands on the dead-letter queue.
fn main() -> Result<(), lambda_http::Error> {
    nestling_platform::runtime::serve_event(|app, event: aws_lambda_events::sns::SnsEvent| async move {
        let marked = nestling_outbox::feedback::handle_feedback(&app, event).await.map_err(|e| e.to_string())?;
        Ok(serde_json::json!({ "marked": marked }))
    })
}

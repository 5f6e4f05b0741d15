//! Lambda entry point for `push-sender`: the table stream's `PUSH#` consumer (failed records
//! are reported in the answer, so Lambda retries exactly those).
fn main() -> Result<(), lambda_http::Error> {
    nestling_platform::runtime::serve_event(|app, event: aws_lambda_events::dynamodb::Event| async move {
        Ok::<_, String>(nestling_outbox::push::handle_push(&app, event).await)
    })
}

//! Lambda entry point for `notify-fanout`: the table stream's `NOTIFY#` inserts.
fn main() -> Result<(), lambda_http::Error> {
    nestling_platform::runtime::serve_event(|app, event: aws_lambda_events::dynamodb::Event| async move {
        Ok::<_, String>(nestling_outbox::handle_notifications(&app, event).await)
    })
}

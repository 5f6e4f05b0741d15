//! Lambda entry point for `journey-build`: the table stream's `JOURNEY#` consumer (a record
//! that fails is reported in the answer, so Lambda retries from it).
fn main() -> Result<(), lambda_http::Error> {
    nestling_platform::runtime::serve_event(|app, event: aws_lambda_events::dynamodb::Event| async move {
        Ok::<_, String>(nestling_journey::build::handle_build(&app, event).await)
    })
}

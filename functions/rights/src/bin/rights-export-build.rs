//! Lambda entry point for `rights-export-build`: the table stream's `RIGHTS-EXPORT#` consumer
//! (a step that fails is reported in the answer, so Lambda retries from it).
fn main() -> Result<(), lambda_http::Error> {
    nestling_platform::runtime::serve_event(|app, event: aws_lambda_events::dynamodb::Event| async move {
        Ok::<_, String>(nestling_rights::export::build::handle_build(&app, event).await)
    })
}

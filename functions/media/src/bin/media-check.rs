//! Lambda entry point for `media-check`: the S3 trigger for uploads into quarantine.
fn main() -> Result<(), lambda_http::Error> {
    nestling_platform::runtime::serve_event(|app, event: aws_lambda_events::s3::S3Event| async move {
        nestling_media_function::handle_upload_event(&app, event).await.map_err(|e| e.to_string())
    })
}

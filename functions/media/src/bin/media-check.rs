//! Lambda entry point for `media-check`: the S3 trigger for uploads into quarantine.
use aws_lambda_events::s3::S3Event;
use lambda_runtime::{service_fn, LambdaEvent};
use nestling_platform::App;
use std::sync::Arc;

fn main() -> Result<(), lambda_runtime::Error> {
    nestling_platform::runtime::init_logging();
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    runtime.block_on(async {
        let app = Arc::new(App::from_env().await?);
        lambda_runtime::run(service_fn(move |event: LambdaEvent<S3Event>| {
            let app = app.clone();
            async move {
                nestling_media_function::handle_upload_event(&app, event.payload)
                    .await
                    .map_err(|e| lambda_runtime::Error::from(e.to_string()))
            }
        }))
        .await
    })
}

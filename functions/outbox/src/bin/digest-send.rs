//! Lambda entry point for `digest-send`: the daily schedule. Reports on the UTC day before
//! the scheduled time; a failed run is retried by Lambda, and re-running sends nothing twice.
use lambda_runtime::{service_fn, LambdaEvent};
use nestling_platform::App;
use std::sync::Arc;

fn main() -> Result<(), lambda_runtime::Error> {
    nestling_platform::runtime::init_logging();
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    runtime.block_on(async {
        let app = Arc::new(App::from_env().await?);
        lambda_runtime::run(service_fn(move |event: LambdaEvent<serde_json::Value>| {
            let app = app.clone();
            async move {
                let sent = nestling_outbox::notifications::run_schedule(&app, &event.payload).await.map_err(|e| lambda_runtime::Error::from(e.to_string()))?;
                Ok::<_, lambda_runtime::Error>(serde_json::json!({ "sent": sent }))
            }
        }))
        .await
    })
}

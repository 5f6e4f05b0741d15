//! Lambda entry point for `notify-fanout`: the table stream's `NOTIFY#` inserts.
use aws_lambda_events::dynamodb::Event;
use lambda_runtime::{service_fn, LambdaEvent};
use nestling_platform::App;
use std::sync::Arc;

fn main() -> Result<(), lambda_runtime::Error> {
    nestling_platform::runtime::init_logging();
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    runtime.block_on(async {
        let app = Arc::new(App::from_env().await?);
        lambda_runtime::run(service_fn(move |event: LambdaEvent<Event>| {
            let app = app.clone();
            async move { Ok::<_, lambda_runtime::Error>(nestling_outbox::handle_notifications(&app, event.payload).await) }
        }))
        .await
    })
}

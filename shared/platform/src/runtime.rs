//! The Lambda entry point every endpoint binary uses: JSON logs, the clients built once, then
//! the runtime loop.

use crate::app::App;
use lambda_http::{Body, Request, Response};
use std::future::Future;
use std::sync::Arc;

/// JSON log lines, level from RUST_LOG (default info), without ANSI colours or timestamps
/// (CloudWatch stamps each line).
pub fn init_logging() {
    let _ = tracing_subscriber::fmt()
        .json()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .with_current_span(false)
        .without_time()
        .with_ansi(false)
        .try_init();
}

/// Runs an HTTP handler as a Lambda function.
pub fn serve_http<F, Fut>(handler: F) -> Result<(), lambda_http::Error>
where
    F: Fn(Arc<App>, Request) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Response<Body>> + Send + 'static,
{
    init_logging();
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    runtime.block_on(async move {
        let app = Arc::new(App::from_env().await?);
        let handler = Arc::new(handler);
        lambda_http::run(lambda_http::service_fn(move |req: Request| {
            let app = app.clone();
            let handler = handler.clone();
            async move { Ok::<_, std::convert::Infallible>(handler(app, req).await) }
        }))
        .await
    })
}

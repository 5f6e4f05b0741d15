//! The Lambda entry point every endpoint binary uses: JSON logs, the clients built once, then
//! the runtime loop.

use crate::app::App;
use lambda_http::{Body, Request, Response};
use std::future::Future;
use std::sync::Arc;

/// JSON log lines, level from RUST_LOG (one level such as `warn`; default info), without ANSI
/// colours or timestamps (CloudWatch stamps each line). A plain level rather than
/// tracing-subscriber's directive filter keeps regex out of every binary (binary size budget).
pub fn init_logging() {
    let level = std::env::var("RUST_LOG")
        .ok()
        .and_then(|v| v.trim().parse::<tracing_subscriber::filter::LevelFilter>().ok())
        .unwrap_or(tracing_subscriber::filter::LevelFilter::INFO);
    let _ = json_logs(level).try_init();
}

/// The log format: one JSON object a line, with the request's span (its id and route) on
/// every line a request logs.
pub fn json_logs(
    level: tracing_subscriber::filter::LevelFilter,
) -> tracing_subscriber::fmt::SubscriberBuilder<
    tracing_subscriber::fmt::format::JsonFields,
    tracing_subscriber::fmt::format::Format<tracing_subscriber::fmt::format::Json, ()>,
    tracing_subscriber::filter::LevelFilter,
> {
    tracing_subscriber::fmt().json().with_max_level(level).with_current_span(true).with_span_list(false).without_time().with_ansi(false)
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

/// Runs the handler of a non-HTTP event source (table stream, schedule, S3, SNS) as a Lambda
/// function: its event type in, a JSON answer out; an `Err` fails the invocation, so Lambda
/// retries it (and then the function's dead-letter queue or destination keeps it).
pub fn serve_event<E, R, F, Fut>(handler: F) -> Result<(), lambda_http::Error>
where
    E: serde::de::DeserializeOwned + Send + 'static,
    R: serde::Serialize + Send + 'static,
    F: Fn(Arc<App>, E) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<R, String>> + Send + 'static,
{
    init_logging();
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    runtime.block_on(async move {
        let app = Arc::new(App::from_env().await?);
        let handler = Arc::new(handler);
        lambda_http::lambda_runtime::run(lambda_http::service_fn(move |event: lambda_http::LambdaEvent<E>| {
            let app = app.clone();
            let handler = handler.clone();
            async move { handler(app, event.payload).await.map_err(lambda_http::Error::from) }
        }))
        .await
    })
}

/// A use case's future, boxed so that an area can answer any of its routes by name.
pub type HandlerFuture = std::pin::Pin<Box<dyn Future<Output = Response<Body>> + Send>>;

/// An area's routes by route-table name: `routes! { "health" => health, ... }` beside its use
/// cases defines `dispatch(name, app, req)`, which the local gateway calls with the area the
/// route table names (the Lambda binaries call their one use case directly).
#[macro_export]
macro_rules! routes {
    ($($name:literal => $handler:path),* $(,)?) => {
        /// The use case behind a route-table name of this area.
        pub fn dispatch(
            name: &str,
            app: std::sync::Arc<$crate::App>,
            req: lambda_http::Request,
        ) -> Option<$crate::runtime::HandlerFuture> {
            Some(match name {
                $($name => Box::pin($handler(app, req)),)*
                _ => return None,
            })
        }
    };
}

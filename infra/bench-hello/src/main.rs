//! The yardstick for cold starts: a hello-world lambda_http function.
use lambda_http::{service_fn, Body, Request, Response};

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), lambda_http::Error> {
    lambda_http::run(service_fn(|_req: Request| async { Ok::<_, lambda_http::Error>(Response::new(Body::from("hello"))) })).await
}

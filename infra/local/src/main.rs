//! `nestling-local dev`: provision the emulator, serve the API and the built web app
//! (`NESTLING_WEB_DIR`, default web/dist), run the outbox consumer, seed the demo nursery and
//! print the logins. Stops on Ctrl-C.

use nestling_local::gateway::Gateway;
use nestling_local::provision::{provision, Stack};
use nestling_local::pump::{StreamPump, UploadPump};
use nestling_local::seed::{seed_demo, Api, DEMO_PASSWORD};
use nestling_platform::App;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Mutex;

fn env_port(name: &str, default: u16) -> u16 {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

#[tokio::main]
async fn main() -> Result<(), String> {
    nestling_platform::runtime::init_logging();
    let emulator_port = env_port("NESTLING_EMULATOR_PORT", 5055);
    let port = env_port("NESTLING_PORT", 3000);
    let endpoint = format!("http://127.0.0.1:{emulator_port}");
    let public_url = format!("http://localhost:{port}");
    let prefix = format!("nestling-dev-{}", &uuid::Uuid::new_v4().simple().to_string()[..8]);
    let stack = provision(&endpoint, &prefix, &public_url).await?;
    let app = Arc::new(App::new(&Stack::sdk_config(&stack.endpoint), stack.config()));
    let web_dir = std::env::var("NESTLING_WEB_DIR").unwrap_or_else(|_| "web/dist".to_string());
    let gateway = Gateway::new(app.clone(), stack.clone(), public_url.clone()).with_web_root(&web_dir);
    let serves_web = gateway.web.is_some();
    let gateway = Arc::new(gateway);
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await.map_err(|e| format!("port {port}: {e}"))?;
    tokio::spawn(gateway.serve(listener));

    let pump = Arc::new(Mutex::new(StreamPump::new(&Stack::sdk_config(&stack.endpoint), &stack.table)));
    // S3 cannot notify a function in the emulator: uploads are checked by polling quarantine/.
    let uploads = Arc::new(UploadPump::new(&Stack::sdk_config(&stack.endpoint), &stack.bucket));
    let drain = {
        let (pump, uploads, app) = (pump.clone(), uploads.clone(), app.clone());
        move || {
            let (pump, uploads, app) = (pump.clone(), uploads.clone(), app.clone());
            async move {
                uploads.drain(&app).await?;
                pump.lock().await.drain(&app).await.map(|_| ())
            }
        }
    };
    let (setting_id, logins) = seed_demo(&stack, &Api::new(&public_url), drain).await?;
    {
        let (pump, uploads, app) = (pump.clone(), uploads.clone(), app.clone());
        tokio::spawn(async move {
            let mut ticks: u64 = 0;
            loop {
                if let Err(e) = uploads.drain(&app).await {
                    tracing::warn!(error = %e, "upload check");
                }
                if let Err(e) = pump.lock().await.drain(&app).await {
                    tracing::warn!(error = %e, "outbox pump");
                }
                // The breach-deadlines schedule (every 15 minutes in AWS; every minute here).
                ticks += 1;
                if ticks.is_multiple_of(120) {
                    if let Err(e) = nestling_incidents::send_deadline_reminders(&app, app.clock.now()).await {
                        tracing::warn!(error = %e, "breach deadlines");
                    }
                }
                // The message-alerts schedule (every five minutes in AWS; every minute here).
                if ticks.is_multiple_of(120) {
                    if let Err(e) = nestling_comms::send_message_alerts(&app, app.clock.timestamp()).await {
                        tracing::warn!(error = %e, "message alerts");
                    }
                }
                // The media-expire schedule (nightly in AWS; hourly here).
                if ticks.is_multiple_of(7200) {
                    if let Err(e) = nestling_media_function::expiry::expire_unattached(&app, app.clock.now()).await {
                        tracing::warn!(error = %e, "media expiry");
                    }
                }
                tokio::time::sleep(Duration::from_millis(500)).await;
            }
        });
    }

    if serves_web {
        println!("\nWeb app: {public_url}/");
    } else {
        println!("\nWeb app: not built (no index.html in {web_dir}); build it with: cd web && npm ci && npm run build");
    }
    println!("Nestling is running: API {public_url}  (config: {public_url}/config.json)");
    println!("Emulator (moto) {endpoint}; sent email: {endpoint}/_nestling/mail?to=<address>");
    println!("Demo setting: Little Acorns Nursery, id {setting_id}");
    println!(
        "Demo logins (password {DEMO_PASSWORD}; staff and the operator also type a code from an authenticator app with the secret shown):"
    );
    for login in &logins {
        println!("  {:<13} {:<16} {:<24} {}", login.role, login.name, login.email, login.totp_secret.as_deref().unwrap_or(""));
    }
    if let Some(secret) = logins.iter().find_map(|l| l.totp_secret.as_deref()) {
        // The emulator gives every account the same secret; a real pool gives each its own.
        println!(
            "Authenticator secret of the demo's staff: {secret} (current code: {})",
            nestling_local::totp::code_at(secret, time::OffsetDateTime::now_utc().unix_timestamp() as u64).unwrap_or_default()
        );
    }
    println!("\nGet an access token and call the API:");
    println!(
        "  TOKEN=$(AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing .venv/bin/python -c \"import boto3;print(boto3.client('cognito-idp',region_name='{}',endpoint_url='{}').initiate_auth(ClientId='{}',AuthFlow='USER_PASSWORD_AUTH',AuthParameters={{'USERNAME':'beth@families.test','PASSWORD':'{}'}})['AuthenticationResult']['AccessToken'])\")",
        stack.region, stack.endpoint, stack.app_client_id, DEMO_PASSWORD
    );
    println!("  curl -H \"Authorization: Bearer $TOKEN\" {public_url}/v1/me");
    println!("\nCtrl-C stops everything.");
    tokio::signal::ctrl_c().await.map_err(|e| e.to_string())?;
    Ok(())
}

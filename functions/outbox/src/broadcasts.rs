//! Broadcasts: a lockdown notice to every family of a setting (then each of them signed out
//! of Cognito), a breach message to the parents of the children affected. One outbox email
//! per recipient, each under an id derived from the broadcast and the recipient, so a
//! redelivered broadcast sends nobody a second copy and a failed one is retried whole.

use nestling_platform::alerts::{families_of, Audience, BroadcastRecord};
use nestling_platform::records::{NotifiedGuardian, UserRecord};
use nestling_platform::store::{from_item, Key, StoreError};
use nestling_platform::writes::AuditAction;
use nestling_platform::writes::{self, outbox_with_id, Actor};
use nestling_platform::App;

/// Answers how many emails were written (recipients already written are skipped).
pub async fn fan_out_broadcast(app: &App, b: &BroadcastRecord) -> Result<usize, StoreError> {
    let recipients = match &b.audience {
        Audience::Guardians { recipients } => recipients.clone(),
        Audience::Families => families_of(app, &b.setting_id).await?,
    };
    let mut written = 0;
    for r in &recipients {
        let email = b.email_for(&r.email, &r.name);
        // One transaction per recipient: on a redelivery each one already written fails alone.
        match app.store().transact(vec![outbox_with_id(app, &b.outbox_id(&r.user_id), email)]).await {
            Ok(()) => written += 1,
            Err(StoreError::Conflict { .. }) => {}
            Err(e) => return Err(e),
        }
    }
    // The notices are safe first; then the sign-outs (their tokens are refused already).
    if b.sign_out {
        sign_out(app, b, &recipients).await?;
    }
    Ok(written)
}

/// Ends every session of the recipients (refresh tokens die; their access tokens are already
/// refused by the lockdown check on every request). Idempotent, so a retry repeats it whole;
/// any failure fails the delivery, which Lambda retries.
async fn sign_out(app: &App, b: &BroadcastRecord, recipients: &[NotifiedGuardian]) -> Result<(), StoreError> {
    let mut signed_out = 0;
    for chunk in recipients.chunks(100) {
        let keys: Vec<Key> = chunk.iter().map(|g| UserRecord::key(&g.user_id)).collect();
        for item in app.store().get_many(&keys).await?.into_iter().flatten() {
            let user: UserRecord = from_item(item)?;
            app.directory().sign_out_everywhere(&user.username).await.map_err(|e| StoreError::Unavailable(format!("sign-out: {e}")))?;
            signed_out += 1;
        }
    }
    let actor = Actor { id: "nestling", role: "system", request_id: &b.broadcast_id, off_premises: false };
    app.store()
        .transact(vec![writes::audit_by(
            app,
            &actor,
            &b.setting_id,
            AuditAction::LockdownSignOut,
            &format!("setting:{}", b.setting_id),
            Some(format!("{signed_out} family members signed out")),
        )])
        .await
}

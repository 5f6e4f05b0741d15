//! Broadcasts: a lockdown notice to every family of a setting (then each of them, and every
//! practitioner, signed out of Cognito), a breach message to the parents of the children affected. One outbox email
//! per recipient, each under an id derived from the broadcast and the recipient, so a
//! redelivered broadcast sends nobody a second copy and a failed one is retried whole.

use nestling_domain::{SettingId, UserId};
use nestling_platform::alerts::{families_of, practitioners_of, Audience, BroadcastRecord};
use nestling_platform::push::PushTopic;
use nestling_platform::records::{ChildRecord, HeldEmailRecord, SettingRecord, UserRecord};
use nestling_platform::store::{from_item, keys, Index, Key, Query, StoreError};
use nestling_platform::writes::AuditAction;
use nestling_platform::writes::{self, outbox_with_id, Actor};
use nestling_platform::App;
use std::collections::BTreeSet;

/// Answers how many emails were written (recipients already written are skipped).
pub async fn fan_out_broadcast(app: &App, b: &BroadcastRecord) -> Result<usize, StoreError> {
    let recipients = match &b.audience {
        Audience::Guardians { recipients } => recipients.clone(),
        Audience::Families => families_of(app, &b.setting_id).await?,
    };
    // Their devices hear of a notice too: the profiles hold their push subscriptions.
    let mut devices: std::collections::BTreeMap<UserId, UserRecord> = std::collections::BTreeMap::new();
    for chunk in recipients.chunks(100) {
        let keys: Vec<Key> = chunk.iter().map(|r| UserRecord::key(&r.user_id)).collect();
        for item in app.store().get_many(&keys).await?.into_iter().flatten() {
            let user: UserRecord = from_item(item)?;
            if !user.push_subscriptions.is_empty() {
                devices.insert(user.user_id.clone(), user);
            }
        }
    }
    let mut written = 0;
    for r in &recipients {
        let email = b.email_for(&r.email, &r.name);
        let mut batch = vec![outbox_with_id(app, &b.outbox_id(&r.user_id), email)];
        if let Some(user) = devices.get(&r.user_id) {
            batch.extend(writes::pushes(app, user, &b.outbox_id(&r.user_id), PushTopic::Notice, &b.setting_id));
        }
        // One transaction per recipient: on a redelivery each one already written fails alone.
        match app.store().transact(batch).await {
            Ok(()) => written += 1,
            Err(StoreError::Conflict { .. }) => {}
            Err(e) => return Err(e),
        }
    }
    // The notices are safe first; then the sign-outs (their tokens are refused already).
    if b.sign_out || b.sign_out_practitioners {
        let families: Vec<UserId> = if b.sign_out { recipients.iter().map(|r| r.user_id.clone()).collect() } else { Vec::new() };
        let practitioners: Vec<UserId> = if b.sign_out_practitioners {
            practitioners_of(app, &b.setting_id).await?.into_iter().map(|m| m.user_id).collect()
        } else {
            Vec::new()
        };
        sign_out(app, b, &families, &practitioners).await?;
    }
    if b.purpose == "lockdown-lifted" {
        written += release_held(app, &b.setting_id).await?;
    }
    Ok(written)
}

/// When a lockdown lifts, the family emails about children held during it (rule 10) go out
/// to whoever may still hear them now (a live parent link, the current agreement, no hold);
/// the rest are dropped. Each held email is released in its own transaction with its outbox
/// item, under the id it would have had, so a redelivery sends none twice. Answers how many
/// were sent. Nothing is released while the setting is (again) in lockdown.
pub async fn release_held(app: &App, setting_id: &SettingId) -> Result<usize, StoreError> {
    let found = app.store().get_many(&[SettingRecord::key(setting_id)]).await?.into_iter().next().flatten();
    let Some(setting) = found.map(from_item::<SettingRecord>).transpose()? else {
        return Ok(0);
    };
    if setting.lockdown.is_some() {
        return Ok(0);
    }
    let mut sent = 0;
    let mut cursor: Option<String> = None;
    loop {
        let held = Query::partition(Index::Table, keys::setting(setting_id)).prefix(keys::HELD_EMAIL_PREFIX).limit(50);
        let page = app.store().page(held, cursor.as_deref()).await?;
        let held: Vec<HeldEmailRecord> = page.items.into_iter().map(from_item).collect::<Result<_, _>>()?;
        let child_keys: Vec<Key> =
            held.iter().map(|h| ChildRecord::key(setting_id, &h.child_id)).collect::<BTreeSet<_>>().into_iter().collect();
        let children: Vec<ChildRecord> =
            app.store().get_many(&child_keys).await?.into_iter().flatten().map(from_item).collect::<Result<_, _>>()?;
        for h in &held {
            let entitled = children
                .iter()
                .find(|c| c.child_id == h.child_id)
                .is_some_and(|c| c.parents_to_tell(setting.agreement_version).iter().any(|(user_id, _)| **user_id == h.user_id));
            let release = app.store().delete(&HeldEmailRecord::key(setting_id, &h.outbox_id));
            let batch = if entitled { vec![writes::outbox_of_held(app, h), release.clone()] } else { vec![release.clone()] };
            match app.store().transact(batch).await {
                Ok(()) => sent += usize::from(entitled),
                // Sent already by an earlier delivery that failed before deleting it.
                Err(StoreError::Conflict { .. }) => app.store().transact(vec![release]).await?,
                Err(e) => return Err(e),
            }
            if !entitled {
                tracing::info!(outbox_id = %h.outbox_id, "held family email dropped: the guardian may no longer hear it");
            }
        }
        match page.next_cursor {
            Some(next) => cursor = Some(next),
            None => return Ok(sent),
        }
    }
}

/// Ends every session of the families and practitioners named (refresh tokens die; their
/// access tokens are already refused or read-only by the lockdown check on every request).
/// Idempotent, so a retry repeats it whole; any failure fails the delivery, which Lambda retries.
async fn sign_out(app: &App, b: &BroadcastRecord, families: &[UserId], practitioners: &[UserId]) -> Result<(), StoreError> {
    let signed_out_families = sign_out_everywhere(app, families).await?;
    let signed_out_practitioners = sign_out_everywhere(app, practitioners).await?;
    let actor = Actor { id: "nestling", role: "system", request_id: &b.broadcast_id, off_premises: false, device_id: None };
    app.store()
        .transact(vec![writes::audit_by(
            app,
            &actor,
            &b.setting_id,
            AuditAction::LockdownSignOut,
            &format!("setting:{}", b.setting_id),
            Some(format!("{signed_out_families} family members and {signed_out_practitioners} practitioners signed out")),
        )])
        .await
}

/// Signs each person out of every device; answers how many had an account to sign out.
async fn sign_out_everywhere(app: &App, people: &[UserId]) -> Result<usize, StoreError> {
    let mut signed_out = 0;
    for chunk in people.chunks(100) {
        let keys: Vec<Key> = chunk.iter().map(UserRecord::key).collect();
        for item in app.store().get_many(&keys).await?.into_iter().flatten() {
            let user: UserRecord = from_item(item)?;
            app.directory().sign_out_everywhere(&user.username).await.map_err(|e| StoreError::Unavailable(format!("sign-out: {e}")))?;
            signed_out += 1;
        }
    }
    Ok(signed_out)
}

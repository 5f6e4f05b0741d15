//! `journey-build`: the table's stream hands it each new journey record. It claims the
//! record, reads the child's journal, the comments and the roster's consents, fetches the
//! photos and videos the family's copy holds from the media bucket, writes the PDF and the
//! archive (the PDF, `learning-journey.json` and the cleaned originals) beside them under
//! `journeys/`, then marks the record ready, writes its access-log line and emails each
//! parent a link to the app, in one transaction. A failure releases nothing: the claim goes
//! stale and the stream's retry (or another delivery) makes it again from the start.

use crate::content::{self, Source};
use nestling_domain::{ChildId, EntryId, MediaId, ObservationId};
use nestling_outbox::{each_insert, BatchResponse};
use nestling_platform::media::{original_key, thumbnail_key};
use nestling_platform::records::{
    ChildRecord, CommentRecord, JournalEntryRecord, JourneyRecord, JourneyStatus, RosterRecord, SettingRecord,
};
use nestling_platform::store::{from_item, keys, Change, Condition, Index, Query, StoreError};
use nestling_platform::writes::{self, Actor, AuditAction, Email};
use nestling_platform::App;
use std::collections::BTreeMap;

/// A claim older than this belongs to a build that died. A stream shard is read by one
/// invocation at a time, so the only other holder is a build that timed out; the function's
/// timeout (900 s) is longer, so its retry always finds the claim stale.
pub const STALE_CLAIM_SECONDS: i64 = 600;
/// How long a delivery that finds a fresh claim waits before it is retried.
const IN_FLIGHT_BACK_OFF: std::time::Duration = std::time::Duration::from_secs(30);

#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("media bucket: {0}")]
    Media(String),
    #[error("the archive: {0}")]
    Archive(String),
    #[error("another build holds the claim")]
    InFlight,
    #[error("{0}")]
    Missing(&'static str),
}

/// What became of one journey record.
#[derive(Debug, PartialEq, Eq)]
pub enum Built {
    Made,
    /// Already made (a redelivery), or not a pending journey.
    Nothing,
}

/// The stream's handler: each new journey record is made; a failure is reported so Lambda
/// retries that record (and those after it), then the batch goes to the dead-letter queue.
pub async fn handle_build(app: &App, event: aws_lambda_events::dynamodb::Event) -> BatchResponse {
    each_insert(event, |image| async move {
        // Not a journey (the filter in AWS keeps these away; locally we see all).
        let Ok(journey) = serde_dynamo::from_item::<_, JourneyRecord>(image) else { return Ok(()) };
        if journey.kind != "journey" {
            return Ok(());
        }
        match build(app, &journey).await {
            Ok(built) => {
                tracing::info!(setting_id = %journey.setting_id, child_id = %journey.child_id, day = %journey.day, ?built, "journey handled");
                Ok(())
            }
            Err(error) => {
                tracing::error!(setting_id = %journey.setting_id, child_id = %journey.child_id, day = %journey.day, %error, "journey not made; will retry");
                if matches!(error, BuildError::InFlight) {
                    tokio::time::sleep(IN_FLIGHT_BACK_OFF).await;
                }
                Err(())
            }
        }
    })
    .await
}

/// Makes one journey.
pub async fn build(app: &App, journey: &JourneyRecord) -> Result<Built, BuildError> {
    if journey.status != JourneyStatus::Pending {
        return Ok(Built::Nothing);
    }
    let key = JourneyRecord::key(&journey.setting_id, &journey.child_id, &journey.day);
    let now = app.clock.now();
    let stale = nestling_platform::app::rfc3339(now - time::Duration::seconds(STALE_CLAIM_SECONDS));
    let claimable = Condition::eq("status", "pending").and(Condition::not_exists("claimedAt").or(Condition::lt("claimedAt", &stale)));
    let claim = Change::new().set("claimedAt", &app.clock.timestamp()).when(claimable);
    match app.store().transact(vec![app.store().change(&key, claim)]).await {
        Ok(()) => {}
        Err(StoreError::Conflict { .. }) => {
            let current: Option<JourneyRecord> = app.store().get(&key).await?.map(from_item).transpose()?;
            return match current {
                Some(j) if j.status == JourneyStatus::Ready => Ok(Built::Nothing),
                Some(_) => Err(BuildError::InFlight),
                None => Ok(Built::Nothing),
            };
        }
        Err(e) => return Err(e.into()),
    }

    let setting_key = SettingRecord::key(&journey.setting_id);
    let child_key = ChildRecord::key(&journey.setting_id, &journey.child_id);
    let roster_key = RosterRecord::key(&journey.setting_id);
    let found = app.store().get_many(&[setting_key, child_key, roster_key]).await?;
    let mut found = found.into_iter();
    let setting: SettingRecord = found.next().flatten().map(from_item).transpose()?.ok_or(BuildError::Missing("the setting"))?;
    let child: ChildRecord = found.next().flatten().map(from_item).transpose()?.ok_or(BuildError::Missing("the child"))?;
    let roster: RosterRecord =
        found.next().flatten().map(from_item).transpose()?.unwrap_or_else(|| RosterRecord::empty(&journey.setting_id));

    let entries: Vec<JournalEntryRecord> =
        app.store().every_as(Query::partition(Index::Table, keys::journal(&setting.setting_id, &child.child_id))).await?;
    let mut comments: BTreeMap<EntryId, Vec<CommentRecord>> = BTreeMap::new();
    for entry in entries.iter().filter(|e| e.comment_count > 0) {
        // Only observations take comments.
        let Ok(observation) = ObservationId::parse(entry.entry_id.as_str()) else { continue };
        let list = app.store().every_as(Query::partition(Index::Table, keys::comments(&setting.setting_id, &observation))).await?;
        comments.insert(entry.entry_id.clone(), list);
    }
    let consents = |c: &ChildId| roster.children.get(c).is_some_and(|e| e.photos_in_other_journals);
    let first_day = entries.iter().map(|e| e.published_at).min().map(|t| t.day_text()).unwrap_or_else(|| journey.day.clone());
    let last_day = child.leaving.as_ref().map(|l| l.date.clone()).filter(|d| *d <= journey.day).unwrap_or_else(|| journey.day.clone());
    let made = content::journey(&Source {
        setting_name: &setting.name,
        child_id: &child.child_id,
        first_name: &child.first_name,
        key_person: &child.key_person_name,
        from: first_day,
        to: last_day,
        entries: &entries,
        comments: &comments,
        consents: &consents,
    });

    // The PDF shows thumbnails; the archive holds the originals, fetched one at a time into it
    // so only the archive itself (not every original besides) is in memory.
    let media_object = |key: String| async move { app.media().get(&key).await.map_err(|e| BuildError::Media(e.to_string())) };
    let mut thumbnails: BTreeMap<MediaId, Vec<u8>> = BTreeMap::new();
    for m in made.entries.iter().flat_map(|e| &e.media).filter(|m| m.thumbnail) {
        thumbnails.insert(m.media_id.clone(), media_object(thumbnail_key(&setting.setting_id, &m.media_id)).await?);
    }
    let pdf = content::document(&made, &thumbnails).render();
    let json = serde_json::to_vec_pretty(&made).map_err(|e| BuildError::Archive(e.to_string()))?;
    let mut archive = nestling_documents::Archive::new();
    archive.add("learning-journey.pdf", &pdf).map_err(BuildError::Archive)?;
    archive.add("learning-journey.json", &json).map_err(BuildError::Archive)?;
    for m in made.entries.iter().flat_map(|e| &e.media) {
        archive.add(&m.file, &media_object(original_key(&setting.setting_id, &m.media_id)).await?).map_err(BuildError::Archive)?;
    }
    let archive = archive.finish().map_err(BuildError::Archive)?;
    let (pdf_bytes, archive_bytes) = (pdf.len() as u64, archive.len() as u64);
    app.media().put(&journey.pdf_key(), pdf, "application/pdf").await.map_err(|e| BuildError::Media(e.to_string()))?;
    app.media().put(&journey.archive_key(), archive, "application/zip").await.map_err(|e| BuildError::Media(e.to_string()))?;

    let media = made.entries.iter().map(|e| e.media.len()).sum::<usize>() as u32;
    let left_out = made.entries.iter().map(|e| e.media_left_out).sum::<usize>() as u32;
    let ready = Change::new()
        .set("status", "ready")
        .set("madeAt", &app.clock.timestamp())
        .set("entries", &(made.entries.len() as u32))
        .set("media", &media)
        .set("mediaLeftOut", &left_out)
        .set("pdfBytes", &pdf_bytes)
        .set("archiveBytes", &archive_bytes)
        .remove("claimedAt")
        .next_version()
        .when(Condition::eq("status", "pending"));
    let actor = Actor { id: "journey-build", role: "system", request_id: &journey.day, off_premises: false, device_id: None };
    let mut batch = vec![
        app.store().change(&key, ready),
        writes::audit_by_about(
            app,
            &actor,
            &setting.setting_id,
            AuditAction::JourneyMade,
            &format!("child:{}", child.child_id),
            vec![child.child_id.clone()],
            Some(format!("{} entries, {media} photos and videos, {left_out} left out by consent", made.entries.len())),
        ),
    ];
    let until = (now + time::Duration::days(crate::KEPT_DAYS)).date();
    let link = format!("{}/s/{}/children/{}/journey", app.config.app_url.trim_end_matches('/'), setting.setting_id, child.child_id);
    for (user_id, parent) in child.parents_to_tell(setting.agreement_version) {
        let text = format!(
            "Hello {},\n\n{}'s learning journey from {} is ready: every observation and contribution, with its photos and the comments you can read, as a PDF and as an archive.\n\nDownload it in Nestling until {until}:\n{link}\n",
            parent.name, child.first_name, setting.name
        );
        batch.push(writes::family_email(
            app,
            &setting,
            &format!("journey-{}-{}-{user_id}", child.child_id, journey.day),
            Email {
                to: parent.email.clone(),
                subject: format!("{}'s learning journey from {}", child.first_name, setting.name),
                html: nestling_platform::alerts::paragraphs_html(&text),
                text,
                purpose: "journey-ready",
                setting_id: Some(setting.setting_id.clone()),
            },
            &child.child_id,
            user_id,
        ));
    }
    app.store().transact(batch).await?;
    Ok(Built::Made)
}

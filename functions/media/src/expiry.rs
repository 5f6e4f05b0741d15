//! The daily schedule that deletes uploads never attached to an entry: a photo taken for a
//! form that was never sent should not keep a child's picture in the bucket for ever. Each
//! upload waits in GSI1 (`MEDIA-UNATTACHED`, by upload day) until an observation or a
//! contribution takes it; after `UNATTACHED_MEDIA_DAYS` the schedule marks it expired, deletes
//! its objects and only then takes it out of the index, so a failed run is finished by the next.

use crate::ProcessError;
use nestling_domain::journal::{unattached_kept_from, MediaStatus, UNATTACHED_MEDIA_DAYS};
use nestling_platform::media;
use nestling_platform::records::MediaRecord;
use nestling_platform::store::{from_item, keys, to_item, Index, Query, StoreError};
use nestling_platform::writes::{self, Actor, AuditAction};
use nestling_platform::App;
use time::OffsetDateTime;

/// Expires every unattached upload made before the kept window at `now`. Answers how many
/// were newly expired (a re-run answers 0).
pub async fn expire_unattached(app: &App, now: OffsetDateTime) -> Result<usize, ProcessError> {
    let kept_from = unattached_kept_from(now);
    let mut expired = 0;
    let mut cursor: Option<String> = None;
    'pages: loop {
        let query = Query::partition(Index::Gsi1, keys::MEDIA_UNATTACHED).limit(100);
        let page = app.store().page(query, cursor.as_deref()).await.map_err(StoreError::from)?;
        for item in page.items {
            let media: MediaRecord = from_item(item)?;
            // Oldest first: the first upload still in its window ends the run.
            if media.created_at.day_text() >= kept_from {
                break 'pages;
            }
            if expire(app, media).await? {
                expired += 1;
            }
        }
        match page.next_cursor {
            Some(c) => cursor = Some(c),
            None => break,
        }
    }
    Ok(expired)
}

/// Expires one upload the index lists: true when this run marked it.
async fn expire(app: &App, listed: MediaRecord) -> Result<bool, ProcessError> {
    let mut current = listed;
    let newly = current.status != MediaStatus::Expired;
    if newly {
        if current.entry_id.is_some() {
            // The index lags its table: attached meanwhile.
            return Ok(false);
        }
        let mut expired = current.clone();
        expired.status = MediaStatus::Expired;
        expired.version += 1;
        let actor =
            Actor { id: "media-expire", role: "system", request_id: current.media_id.as_str(), off_premises: false, device_id: None };
        let detail = format!("media:{} not attached to an entry within {UNATTACHED_MEDIA_DAYS} days; deleted", current.media_id);
        let batch = vec![
            // Only while unchanged: an entry that took it meanwhile keeps it.
            app.store().put_versioned(to_item(&expired), current.version),
            writes::audit_by_about(
                app,
                &actor,
                &current.setting_id,
                AuditAction::MediaExpired,
                &format!("media:{}", current.media_id),
                current.children.clone(),
                Some(detail),
            ),
        ];
        match app.store().transact(batch).await {
            Ok(()) => current = expired,
            Err(StoreError::Conflict { .. }) => return Ok(false),
            Err(e) => return Err(e.into()),
        }
    }
    // Expired records can no longer be attached, so their objects can go. Deleting an object
    // that is not there (a pending upload never sent, a video without thumbnail) succeeds.
    let objects = app.media();
    objects.delete(&media::original_key(&current.setting_id, &current.media_id)).await?;
    objects.delete(&media::thumbnail_key(&current.setting_id, &current.media_id)).await?;
    let mut done = current.clone();
    done.index_while_unattached(false);
    done.version += 1;
    match app.store().transact(vec![app.store().put_versioned(to_item(&done), current.version)]).await {
        Ok(()) | Err(StoreError::Conflict { .. }) => Ok(newly),
        Err(e) => Err(e.into()),
    }
}

/// A scheduled event (EventBridge's `time`, else now): expires what is due then.
pub async fn run_schedule(app: &App, event: &serde_json::Value) -> Result<usize, ProcessError> {
    let at = app.scheduled_at(event);
    expire_unattached(app, at).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::request_upload;
    use nestling_domain::{AgeBand, EntryId, MediaId, Role};
    use nestling_platform::testing::World;
    use serde_json::json;

    /// A pending upload of Ava by a practitioner, as the index lists it.
    async fn upload(w: &World) -> MediaRecord {
        let robins = w.room("Robins", AgeBand::Two);
        let practitioner = w.member(Role::Practitioner);
        let ava = w.child("Ava", &robins, &practitioner);
        let body = json!({ "contentType": "image/jpeg", "byteSize": 1000, "children": [ava] });
        let path = format!("/v1/settings/{}/media", w.setting_id);
        let (status, ticket) = w.call(request_upload, w.request(Some(&practitioner), "POST", &path, Some(&body))).await;
        assert_eq!(status, 201, "{ticket}");
        let media_id = MediaId::parse(ticket["mediaId"].as_str().unwrap()).unwrap();
        w.get(&MediaRecord::key(&w.setting_id, &media_id)).unwrap()
    }

    fn listed(w: &World) -> Vec<MediaRecord> {
        w.table
            .items()
            .into_iter()
            .filter(|i| i.get("GSI1PK") == Some(&nestling_platform::store::value(keys::MEDIA_UNATTACHED)))
            .map(|i| from_item(i).unwrap())
            .collect()
    }

    #[tokio::test]
    async fn an_upload_waits_in_the_index_and_its_whole_window_is_kept() {
        let w = World::new();
        let media = upload(&w).await;
        assert_eq!(listed(&w).len(), 1);
        assert_eq!(media.gsi1sk.as_deref(), Some(format!("{}#{}#{}", media.created_at.day_text(), w.setting_id, media.media_id).as_str()));
        // Thirty days on, it is still inside its window: nothing is read from S3 or written.
        w.app.clock.advance(time::Duration::days(UNATTACHED_MEDIA_DAYS));
        let items = w.table.items();
        assert_eq!(expire_unattached(&w.app, w.app.clock.now()).await.unwrap(), 0);
        assert_eq!(w.table.items(), items);
    }

    #[tokio::test]
    async fn an_upload_attached_after_it_was_listed_is_left_alone() {
        let w = World::new();
        let media = upload(&w).await;
        // An observation takes it between the schedule's query and its write.
        let key = MediaRecord::key(&w.setting_id, &media.media_id);
        let mut attached = media.clone();
        attached.entry_id = Some(EntryId::parse("obs1").unwrap());
        attached.index_while_unattached(false);
        attached.version += 1;
        w.table.insert(nestling_platform::store::to_item(&attached));
        let items = w.table.items();
        assert!(!expire(&w.app, media.clone()).await.unwrap(), "the versioned write refuses the stale copy");
        // An index that lags its table may even list it attached.
        assert!(!expire(&w.app, attached).await.unwrap());
        assert_eq!(w.table.items(), items, "nothing written, no log line");
        let kept: MediaRecord = w.get(&key).unwrap();
        assert_eq!((kept.status, kept.entry_id.is_some()), (MediaStatus::Pending, true));
    }
}

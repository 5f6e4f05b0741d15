//! Media: staff and parents ask for a presigned upload of a photo or video; the S3 event of
//! the upload runs `process_upload`, which checks the real bytes, strips metadata, draws the
//! thumbnail and only then marks the media ready; whoever may see it gets a short-lived
//! presigned download. The bytes never pass through an HTTP function.

pub mod expiry;
pub mod problems;
use aws_lambda_events::s3::S3Event;
use lambda_http::{Body, Request, Response};
use nestling_domain::journal::{
    check_upload_size, distinct_ids, may_view_media, MediaFacts, MediaStatus, MediaType, MAX_CHILDREN_PER_MEDIA,
};
use nestling_domain::{Action, ChildId, Decision, MediaId, Role, SettingId, Timestamp, UserId};
use nestling_media::Rejection;
use nestling_platform::access::{authorize, authorize_child, journal_children, refusal_problem};
use nestling_platform::http::{self, Problem};
use nestling_platform::media::{self, MediaError, PresignedPost};
use nestling_platform::records::{ChildRecord, MediaRecord, RosterRecord};
use nestling_platform::store::{from_item, keys, to_item, Change, Condition, Key, StoreError, Write};
use nestling_platform::writes::AuditAction;
use nestling_platform::writes::{self, Actor};
use nestling_platform::{App, Audit, Commit};
pub use problems::MediaProblem;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// Uploads one person may ask for per day (DESIGN §6: per-user quotas in the app).
pub const DAILY_UPLOAD_QUOTA: u64 = 500;
/// Bytes one member of staff may upload per day: a busy day's photos and a few videos
/// (without it, 500 requests of 200 MB made 100 GB a day).
pub const DAILY_STAFF_UPLOAD_BYTES: u64 = 3_000_000_000;
/// Bytes one parent may upload per day: a family's photos and a couple of videos.
pub const DAILY_FAMILY_UPLOAD_BYTES: u64 = 600_000_000;

/// The bytes a day `role` may upload.
pub fn daily_upload_bytes(role: Role) -> u64 {
    if role.is_staff() {
        DAILY_STAFF_UPLOAD_BYTES
    } else {
        DAILY_FAMILY_UPLOAD_BYTES
    }
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct UploadRequest {
    /// image/jpeg, image/png, image/heic, image/webp (20 MB), video/mp4, video/quicktime (200 MB).
    pub content_type: String,
    pub byte_size: u64,
    /// The children the photo or video shows (1 to 20).
    pub children: Vec<String>,
}

#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct UploadTicket {
    #[schema(value_type = String)]
    pub media_id: MediaId,
    pub status: MediaStatus,
    /// POST the file here as multipart/form-data: every field, then `file`.
    pub upload: PresignedPost,
}

/// POST /v1/settings/{settingId}/media
pub async fn request_upload(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("media-upload", req, |req| async move {
        let setting_id = http::path_id::<SettingId>(&req, "settingId")?;
        let body = http::json_body::<UploadRequest>(&req).and_then(|b| {
            distinct_ids("children", &b.children, MAX_CHILDREN_PER_MEDIA).map_err(Problem::invalid)?;
            let children: Vec<ChildId> = http::body_ids("children", &b.children)?;
            Ok((b, children))
        });
        let child_keys: Vec<Key> = match &body {
            Ok((_, children)) => children.iter().map(|c| ChildRecord::key(&setting_id, c)).collect(),
            Err(_) => Vec::new(),
        };
        let auth = authorize(&app, &req, "media-upload", Some(&setting_id), Action::UploadMedia, &child_keys).await?;
        let named = body.as_ref().map(|(_, children)| children.clone()).unwrap_or_default();
        if let Some(replay) = writes::replay_logged(&app, &auth, &setting_id, AuditAction::MediaUploadRequested, named).await? {
            return Ok(auth.tag(replay));
        }
        let (body, children) = body?;
        let media_type = MediaType::parse(&body.content_type).ok_or_else(|| {
            Problem::invalid("contentType must be one of image/jpeg, image/png, image/heic, image/webp, video/mp4, video/quicktime")
        })?;
        check_upload_size(media_type, body.byte_size).map_err(Problem::invalid)?;
        // Staff may tag any child of the setting; a parent only children whose journal they may
        // add to (not a child who has left). The answer is the same for a child that does not exist.
        for child in auth.records::<ChildRecord>(&child_keys)? {
            let allowed = child.is_some_and(|c| auth.decide_for(&c, auth.on_each_child(Action::UploadMedia)) == Decision::Allow);
            if !allowed {
                return Err(Problem::invalid("children must name children of this setting you may see"));
            }
        }
        let now = app.clock.now();
        let media_id: MediaId = app.new_id();
        let mut record = MediaRecord {
            pk: keys::setting(&setting_id),
            sk: keys::media(&media_id),
            gsi1pk: None,
            gsi1sk: None,
            kind: "media".into(),
            setting_id: setting_id.clone(),
            media_id: media_id.clone(),
            media_type,
            byte_size: body.byte_size,
            children: children.clone(),
            uploaded_by: auth.caller.user_id.clone(),
            uploader_role: auth.member().role,
            status: MediaStatus::Pending,
            rejection: None,
            thumbnail: false,
            created_at: Timestamp::new(now),
            checked_at: None,
            entry_id: None,
            shown_in: Vec::new(),
            version: 1,
        };
        record.index_while_unattached(true);
        let upload = app
            .presigner()
            .upload_form(&media::quarantine_key(&setting_id, &media_id), media_type.content_type(), body.byte_size, now)
            .await?;
        let ticket = UploadTicket { media_id: media_id.clone(), status: MediaStatus::Pending, upload };
        let audit = Audit::children(&setting_id, AuditAction::MediaUploadRequested, children)
            .detail(format!("media:{media_id} {}", media_type.content_type()));
        let bytes = daily_upload_bytes(auth.member().role);
        let quota_used = Problem::from(MediaProblem::UploadQuotaExceeded)
            .with_detail(format!("the limit is {DAILY_UPLOAD_QUOTA} uploads and {} MB a day", bytes / 1_000_000));
        let day = &nestling_platform::app::rfc3339(now)[..10];
        Commit::new(&app, &auth, audit)
            .write(app.store().put_new(to_item(&record)))
            .write_or(upload_quota(&app, &auth.caller.user_id, day, body.byte_size, bytes), quota_used)
            .answer(201, &ticket, None)
            .await
    })
    .await
}

/// Counts today's upload requests and their declared bytes per person (the presigned form
/// takes exactly that many), refusing beyond either quota.
fn upload_quota(app: &App, user_id: &UserId, day: &str, byte_size: u64, daily_bytes: u64) -> Write {
    let expires = (app.clock.now() + time::Duration::days(2)).unix_timestamp();
    // Room for this upload: what is counted so far must be at most the quota less its size.
    let room = daily_bytes.saturating_sub(byte_size);
    let change = Change::new().add("count", 1).add("bytes", i64::try_from(byte_size).unwrap_or(i64::MAX)).set("expiresAt", &expires).when(
        Condition::not_exists("count")
            .or(Condition::lt("count", &DAILY_UPLOAD_QUOTA))
            .and(Condition::not_exists("bytes").or(Condition::lt("bytes", &(room + 1)))),
    );
    app.store().change(&Key::new(keys::user(user_id), format!("QUOTA#uploads#{day}")), change)
}

/// GET /v1/settings/{settingId}/media/{mediaId}[?variant=thumbnail][&child=]: a 302 to a presigned
/// GET, after the media rules (rule 6 for parents) say yes. Anything not visible is 404.
pub async fn get_media(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("media-get", req, |req| async move {
        let setting_id = http::path_id::<SettingId>(&req, "settingId")?;
        let media_id = http::path_id::<MediaId>(&req, "mediaId")?;
        let thumbnail = match http::query_param(&req, "variant").as_deref() {
            None | Some("original") => false,
            Some("thumbnail") | Some("thumb") => true,
            Some(_) => return Err(Problem::invalid("variant must be original or thumbnail")),
        };
        let (media_key, roster_key) = (MediaRecord::key(&setting_id, &media_id), RosterRecord::key(&setting_id));
        let loads = [media_key.clone(), roster_key.clone()];
        // `?child=`: the child whose journal shows the photo. Their live link is then checked
        // with the authorisation itself; without it, a parent's links to every child the
        // photo concerns are read afterwards (one more round trip).
        let shown_in = http::query_param(&req, "child").map(|c| http::body_id::<ChildId>("child", &c)).transpose()?;
        let auth = match &shown_in {
            Some(child_id) => {
                let auth = authorize_child(&app, &req, "media-get", &setting_id, child_id, Action::ViewJournal, &loads).await?;
                auth.also_allowed(Action::ViewMedia)?;
                auth
            }
            None => authorize(&app, &req, "media-get", Some(&setting_id), Action::ViewMedia, &loads).await?,
        };
        let media: MediaRecord = auth.record(&media_key)?.ok_or_else(Problem::not_found)?;
        let roster: Option<RosterRecord> = auth.record(&roster_key)?;
        let consents = |child: &ChildId| roster.as_ref().and_then(|r| r.children.get(child)).is_some_and(|c| c.photos_in_other_journals);
        // A parent's own children among those whose journals show this media, each checked
        // live (revocation, hold, agreement).
        let concerned: std::collections::BTreeSet<ChildId> = media.shown_in.iter().chain(media.children.iter()).cloned().collect();
        let (own, refusal) = match &shown_in {
            _ if auth.is_staff() => Default::default(),
            Some(child_id) if concerned.contains(child_id) => (std::collections::BTreeSet::from([child_id.clone()]), None),
            Some(_) => Default::default(),
            None => journal_children(&app, &auth, Action::ViewMedia, &concerned.into_iter().collect::<Vec<_>>()).await?,
        };
        // The one media rule (rule 6 for families, rule 8 off the premises).
        let audience = auth.media_audience(roster.as_ref(), own.clone());
        let viewer = audience.viewer();
        // A parent's own upload stays theirs to see only while they may still see a child in it.
        let uploader = media.uploaded_by == auth.caller.user_id && (auth.is_staff() || media.children.iter().any(|c| own.contains(c)));
        let facts = MediaFacts { uploaded_by_viewer: uploader, status: media.status, shown_in: &media.shown_in, tagged: &media.children };
        if !may_view_media(viewer, facts, consents) {
            return Err(if own.is_empty() && !facts.uploaded_by_viewer { refusal_problem(refusal) } else { Problem::not_found() });
        }
        let (key, content_type) = match (media.status, thumbnail) {
            (MediaStatus::Ready, false) => (media::original_key(&setting_id, &media_id), media.media_type.content_type()),
            (MediaStatus::Ready, true) if media.thumbnail => (media::thumbnail_key(&setting_id, &media_id), "image/jpeg"),
            (MediaStatus::Pending, false) => (media::quarantine_key(&setting_id, &media_id), media.media_type.content_type()),
            _ => return Err(Problem::from(MediaProblem::NoThumbnail)),
        };
        let disposition = format!("inline; filename=\"{media_id}.{}\"", if thumbnail { "jpg" } else { media.media_type.extension() });
        let url = app.presigner().download_url(&key, content_type, &disposition).await?;
        let detail = format!("media:{media_id}{}", if thumbnail { " thumbnail" } else { "" });
        Audit::children(&setting_id, AuditAction::MediaView, media.children.clone()).detail(detail).log_read(&app, &auth).await?;
        let response = Response::builder()
            .status(302)
            .header("location", url)
            .header("cache-control", "no-store")
            .body(Body::Empty)
            .map_err(|e| Problem::internal("response", e))?;
        Ok(auth.tag(response))
    })
    .await
}

/// What became of one uploaded object.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    Ready,
    Rejected(Rejection),
    /// Already checked (S3 delivers events at least once).
    AlreadyChecked,
    /// No media record asked for this object: it was deleted.
    Unrequested,
    /// Not a quarantine key: nothing to do.
    Ignored,
}

#[derive(Debug, thiserror::Error)]
pub enum ProcessError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Media(#[from] MediaError),
}

/// The S3 trigger: each created object under `quarantine/`. An error fails the invocation so
/// Lambda retries it (and, after its retries, sends it to the dead-letter queue).
pub async fn handle_upload_event(app: &App, event: S3Event) -> Result<(), ProcessError> {
    for record in event.records {
        let Some(raw_key) = record.s3.object.key else { continue };
        let key = decode_event_key(&raw_key);
        let outcome = process_upload(app, &key).await?;
        tracing::info!(key = %key, outcome = ?outcome, "media checked");
    }
    Ok(())
}

/// S3 event keys are URL-encoded with `+` for spaces.
fn decode_event_key(raw: &str) -> String {
    http::percent_decode(raw)
}

/// Checks one uploaded object and records the result. The object is read once, and what is
/// stored is the cleaned copy of exactly those bytes (a re-upload under the same key cannot
/// slip past the check). Idempotent: a second delivery finds the media no longer pending.
pub async fn process_upload(app: &App, key: &str) -> Result<Outcome, ProcessError> {
    let Some((setting_id, media_id)) = media::parse_quarantine_key(key) else { return Ok(Outcome::Ignored) };
    let store = app.media();
    // Names that are not ids name no media record: as unrequested as any other.
    let record = match (SettingId::parse(&setting_id), MediaId::parse(&media_id)) {
        (Ok(setting_id), Ok(media_id)) => app.store().get(&MediaRecord::key(&setting_id, &media_id)).await?,
        _ => None,
    };
    let Some(item) = record else {
        store.delete(key).await?;
        return Ok(Outcome::Unrequested);
    };
    let media: MediaRecord = from_item(item)?;
    if media.status != MediaStatus::Pending {
        // Checked already; anything uploaded again under the key is not kept.
        store.delete(key).await?;
        return Ok(Outcome::AlreadyChecked);
    }
    let bytes = match store.get(key).await {
        Ok(bytes) => bytes,
        Err(MediaError::Missing) => return Ok(Outcome::AlreadyChecked),
        Err(e) => return Err(e.into()),
    };
    let checked = match nestling_media::clean(media.media_type, media.byte_size, &bytes) {
        Ok(clean) => {
            store.put(&media::original_key(&media.setting_id, &media.media_id), clean.bytes, media.media_type.content_type()).await?;
            let has_thumbnail = clean.thumbnail.is_some();
            if let Some(thumb) = clean.thumbnail {
                store.put(&media::thumbnail_key(&media.setting_id, &media.media_id), thumb, "image/jpeg").await?;
            }
            Ok(has_thumbnail)
        }
        Err(rejection) => Err(rejection),
    };
    let outcome = record_check(app, &media, &checked).await?;
    // Last: if this fails, the lifecycle rule expires the quarantined copy within a day.
    store.delete(key).await?;
    Ok(outcome)
}

/// Marks the media ready or rejected, with its audit line, only if it is still pending.
async fn record_check(app: &App, media: &MediaRecord, checked: &Result<bool, Rejection>) -> Result<Outcome, ProcessError> {
    let mut updated = media.clone();
    updated.checked_at = Some(app.clock.timestamp());
    updated.version += 1;
    let (action, outcome) = match checked {
        Ok(thumbnail) => {
            updated.status = MediaStatus::Ready;
            updated.thumbnail = *thumbnail;
            (AuditAction::MediaReady, Outcome::Ready)
        }
        Err(rejection) => {
            updated.status = MediaStatus::Rejected;
            updated.rejection = Some(rejection.to_string());
            // Nothing was kept, so nothing is left to expire.
            updated.index_while_unattached(false);
            (AuditAction::MediaRejected, Outcome::Rejected(rejection.clone()))
        }
    };
    let actor = Actor { id: "media-check", role: "system", request_id: media.media_id.as_str(), off_premises: false, device_id: None };
    let detail = format!("media:{} {}", media.media_id, updated.rejection.as_deref().unwrap_or("checked and cleaned"));
    let batch = vec![
        app.store().put_versioned(to_item(&updated), media.version),
        writes::audit_by_about(
            app,
            &actor,
            &media.setting_id,
            action,
            &format!("media:{}", media.media_id),
            media.children.clone(),
            Some(detail),
        ),
    ];
    match app.store().transact(batch).await {
        Ok(()) => Ok(outcome),
        // Another delivery recorded it first.
        Err(StoreError::Conflict { .. }) => Ok(Outcome::AlreadyChecked),
        Err(e) => Err(e.into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn event_keys_are_url_decoded() {
        assert_eq!(decode_event_key("quarantine/s1/m1"), "quarantine/s1/m1");
        assert_eq!(decode_event_key("a+b%2Fc"), "a b/c");
        assert_eq!(decode_event_key("100%"), "100%");
    }
}

#[cfg(test)]
#[path = "upload_tests.rs"]
mod upload_tests;

// The use case behind each of this area's route-table names (the local gateway serves them).
nestling_platform::routes! {
    "media-upload" => request_upload,
    "media-get" => get_media,
}

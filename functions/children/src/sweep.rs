//! `retention-sweep`: each night, what the setting's retention schedule no longer keeps is
//! deleted. A leaver is on GSI1 `RETENTION-DUE` under the next day something of theirs expires
//! (put there when their family's access-ending notice is sent); the sweep reads the index up to
//! today and, for each child not under a legal hold, deletes every kind of record expired and not
//! yet swept, from the table and the media bucket, writing one tombstone line per kind in the
//! access log (what went, how much, under which period). The child is then put back on the index
//! under their next expiry, or, once every kind has gone, their own record goes too. Deleting
//! what is already gone is harmless, so a run that stops half-way is finished by the next.

use nestling_domain::retention::RetainedKind;
use nestling_domain::ChildId;
use nestling_platform::media::{original_key, thumbnail_key};
use nestling_platform::records::{
    AccidentRecord, ChildRecord, ChildTermRecord, CommentRecord, ContributionRecord, DayRecord, DiaryRecord, EntryMedia, MediaRecord,
    MessageRecord, ObservationRecord, ProgressCheckRecord, RosterRecord, SettingRecord, ThreadRecord,
};
use nestling_platform::store::{from_item, keys, Change, Condition, Index, Key, Path, Query, StoreError, Write};
use nestling_platform::writes::{self, Actor, AuditAction};
use nestling_platform::App;
use time::{Date, OffsetDateTime};

#[derive(Debug, thiserror::Error)]
pub enum SweepError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("media bucket: {0}")]
    Media(String),
}

/// The index line of a leaver whose next record expires on `day`.
pub fn retention_index(child: &ChildRecord, day: Date) -> (String, String) {
    (keys::RETENTION_DUE.to_string(), keys::retention_due(&day.to_string(), &child.setting_id, &child.child_id))
}

/// What one run did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Swept {
    /// Kinds of record deleted, over every child.
    pub kinds: usize,
    /// Children whose every record, their own included, has gone.
    pub children: usize,
    /// Children passed by under a legal hold.
    pub held: usize,
}

/// Sweeps every leaver due by `now` (the UTC day).
pub async fn sweep(app: &App, now: OffsetDateTime) -> Result<Swept, SweepError> {
    let today = now.date();
    let text = today.to_string();
    let mut due: Vec<ChildRecord> = Vec::new();
    let mut cursor: Option<String> = None;
    'pages: loop {
        let page = app
            .store()
            .page(Query::partition(Index::Gsi1, keys::RETENTION_DUE).limit(100), cursor.as_deref())
            .await
            .map_err(|e| StoreError::Corrupt(e.to_string()))?;
        for item in page.items {
            let child: ChildRecord = from_item(item)?;
            match child.gsi1sk.as_deref() {
                Some(sk) if sk[..sk.find('#').unwrap_or(sk.len())] <= *text => due.push(child),
                Some(_) => break 'pages,
                None => {}
            }
        }
        match page.next_cursor {
            Some(c) => cursor = Some(c),
            None => break,
        }
    }
    let mut swept = Swept::default();
    for listed in due {
        // The index is read eventually consistently: the child itself is read again.
        let key = ChildRecord::key(&listed.setting_id, &listed.child_id);
        let Some(child) = app.store().get_as::<ChildRecord>(&key).await? else { continue };
        let Some(setting) = app.store().get_as::<SettingRecord>(&SettingRecord::key(&child.setting_id)).await? else { continue };
        if child.legal_hold.is_some() {
            swept.held += 1;
            continue;
        }
        match sweep_child(app, &setting, child, today).await {
            Ok((kinds, gone)) => {
                swept.kinds += kinds;
                swept.children += usize::from(gone);
            }
            // Changed meanwhile (a manager's edit, a hold placed): the next run takes it again.
            Err(SweepError::Store(StoreError::Conflict { .. })) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(swept)
}

/// One child: each expired kind deleted with its tombstone; then the child re-indexed, or gone.
async fn sweep_child(app: &App, setting: &SettingRecord, mut child: ChildRecord, today: Date) -> Result<(usize, bool), SweepError> {
    let (Some(born), Some(left)) = (day(&child.date_of_birth), child.leaving.as_ref().and_then(|l| l.day())) else {
        return Ok((0, false));
    };
    let schedule = &setting.retention;
    let access_ends = child.leaving.as_ref().map(|l| nestling_domain::leaving::access_ends(left, l.guardian_access_days)).unwrap_or(left);
    // An approved erasure request goes at once; otherwise nothing goes while the family may
    // still read the records (and keep the learning journey).
    let erasing: std::collections::BTreeSet<RetainedKind> = child.erasure.as_ref().map(|e| e.kinds.clone()).unwrap_or_default();
    if today < access_ends && erasing.is_empty() {
        reindex(app, &child, access_ends).await?;
        return Ok((0, false));
    }
    let on_schedule = schedule.expired(born, Some(left), today);
    let expired: Vec<RetainedKind> =
        RetainedKind::ALL.into_iter().filter(|k| (on_schedule.contains(k) || erasing.contains(k)) && !child.swept.contains(k)).collect();
    let request = child.erasure.as_ref().map(|e| e.request_id.clone()).unwrap_or_default();
    let system = Actor { id: "retention-sweep", role: "system", request_id: "retention-sweep", off_premises: false, device_id: None };
    for kind in &expired {
        let what = delete_kind(app, &child, *kind).await?;
        child.swept.insert(*kind);
        if *kind == RetainedKind::Safeguarding {
            child.hold = None;
        }
        if *kind == RetainedKind::Medicines {
            child.medicine_permissions.clear();
        }
        let period = schedule.period(*kind);
        let expected = child.version;
        child.version += 1;
        let batch = vec![
            app.store().put_versioned(nestling_platform::store::to_item(&child), expected),
            writes::audit_by_about(
                app,
                &system,
                &child.setting_id,
                AuditAction::RetentionDelete,
                &format!("child:{}", child.child_id),
                vec![child.child_id.clone()],
                Some(if on_schedule.contains(kind) {
                    format!("{}: {what} (kept {})", kind.title(), kept_words(period))
                } else {
                    format!("{}: {what} (erasure request {request})", kind.title())
                }),
            ),
        ];
        app.store().transact(batch).await?;
    }
    if child.erasure.is_some() {
        // The approved erasure is done: the child's record keeps the kinds swept, not the request.
        let expected = child.version;
        child.erasure = None;
        child.version += 1;
        app.store().transact(vec![app.store().put_versioned(nestling_platform::store::to_item(&child), expected)]).await?;
    }
    if RetainedKind::ALL.iter().all(|k| child.swept.contains(k)) {
        erase_child(app, &child, &system).await?;
        return Ok((expired.len(), true));
    }
    // Back on the index under the next expiry (the schedule may have changed meanwhile).
    if let Some(next) = schedule.next_due(born, Some(left), &child.swept) {
        reindex(app, &child, next.max(today + time::Duration::days(1))).await?;
    }
    Ok((expired.len(), false))
}

/// The child's line in the sweep's index moved to `day` (unless the child changed meanwhile).
async fn reindex(app: &App, child: &ChildRecord, day: Date) -> Result<(), SweepError> {
    let (pk, sk) = retention_index(child, day);
    let change = Change::new().set("GSI1PK", &pk).set("GSI1SK", &sk).when(Condition::eq("version", &child.version));
    match app.store().update(&ChildRecord::key(&child.setting_id, &child.child_id), change).await {
        Ok(_) | Err(StoreError::Conflict { .. }) => Ok(()),
        Err(e) => Err(e.into()),
    }
}

/// Where a leaver goes on the sweep's index once their family has been told access ends: the
/// first day something of theirs is due, never before the family's access ends.
pub fn first_due(setting: &SettingRecord, child: &ChildRecord) -> Option<(String, String)> {
    let leaving = child.leaving.as_ref()?;
    let left = leaving.day()?;
    let born = day(&child.date_of_birth)?;
    let due = setting.retention.next_due(born, Some(left), &child.swept)?;
    Some(retention_index(child, due.max(nestling_domain::leaving::access_ends(left, leaving.guardian_access_days))))
}

fn day(text: &str) -> Option<Date> {
    Date::parse(text, &time::format_description::well_known::Iso8601::DATE).ok()
}

/// Deletes every record of one kind about the child; answers what went, for the tombstone.
async fn delete_kind(app: &App, child: &ChildRecord, kind: RetainedKind) -> Result<String, SweepError> {
    let store = app.store();
    let s = &child.setting_id;
    let c = &child.child_id;
    let in_setting = |prefix: String| Query::partition(Index::Table, keys::setting(s)).prefix(prefix);
    let mut deletes: Vec<Key> = Vec::new();
    let mut changes: Vec<(Key, Change)> = Vec::new();
    let mut media: Vec<EntryMedia> = Vec::new();
    let what = match kind {
        RetainedKind::Journal => {
            let observations: Vec<ObservationRecord> =
                store.every_as(in_setting(keys::OBSERVATION_PREFIX.into()).filter(Some(Condition::contains("children", c)))).await?;
            let (mut alone, mut shared) = (0, 0);
            for o in &observations {
                if o.children.iter().all(|x| x == c) {
                    alone += 1;
                    deletes.push(ObservationRecord::key(s, &o.observation_id));
                    for v in o.history.iter().map(|h| h.version) {
                        deletes.push(Key::new(keys::setting(s), keys::observation_revision(&o.observation_id, v)));
                    }
                    let comments: Vec<CommentRecord> =
                        store.every_as(Query::partition(Index::Table, keys::comments(s, &o.observation_id))).await?;
                    deletes.extend(comments.iter().map(|x| Key::new(x.pk.clone(), x.sk.clone())));
                    media.extend(o.media.iter().cloned());
                } else {
                    // Another child's record too: it stays for them, without this child.
                    shared += 1;
                    let others: Vec<ChildId> = o.children.iter().filter(|x| *x != c).cloned().collect();
                    changes.push((ObservationRecord::key(s, &o.observation_id), Change::new().set("children", &others).on_existing()));
                }
            }
            let entries = keys_of(store.every_as(Query::partition(Index::Table, keys::journal(s, c))).await?);
            deletes.extend(entries.iter().cloned());
            let contributions: Vec<ContributionRecord> =
                store.every_as(Query::partition(Index::Gsi1, keys::child_contributions(s, c))).await?;
            for x in &contributions {
                deletes.push(ContributionRecord::key(s, &x.contribution_id));
                media.extend(x.media.iter().cloned());
            }
            format!(
                "{} and their comments, {}, {}, {} deleted; {} kept for the other children in them",
                count(alone, "observation", "observations"),
                count(entries.len(), "journal entry", "journal entries"),
                count(contributions.len(), "contribution", "contributions"),
                count(media.len(), "photo or video", "photos and videos"),
                count(shared, "shared observation", "shared observations")
            )
        }
        RetainedKind::Attendance => {
            let days: Vec<DayRecord> =
                store.every_as(in_setting(keys::day("")).filter(Some(Condition::exists(Path::new("children").key(c.as_str()))))).await?;
            for d in &days {
                changes.push((DayRecord::key(s, &d.date), Change::new().remove(Path::new("children").key(c.as_str())).on_existing()));
            }
            format!("{} of the register", count(days.len(), "day", "days"))
        }
        RetainedKind::CareDiary | RetainedKind::Medicines => {
            // One diary item holds the day's notes (care diary) and the doses given (medicines).
            let other = if kind == RetainedKind::CareDiary { RetainedKind::Medicines } else { RetainedKind::CareDiary };
            let part = if kind == RetainedKind::CareDiary { "entries" } else { "doses" };
            let diaries: Vec<DiaryRecord> = store.every_as(in_setting(keys::diary(c, ""))).await?;
            for d in &diaries {
                let key = DiaryRecord::key(s, c, &d.date);
                if child.swept.contains(&other) {
                    deletes.push(key);
                } else {
                    changes.push((key, Change::new().remove(part).on_existing()));
                }
            }
            let mut what = format!(
                "{} of the diary's {}",
                count(diaries.len(), "day", "days"),
                if kind == RetainedKind::CareDiary { "notes" } else { "doses" }
            );
            if kind == RetainedKind::Medicines {
                let permissions = keys_of(store.every_as(in_setting(keys::medicine_permissions(c))).await?);
                deletes.extend(permissions.iter().cloned());
                what = format!("{} and {what}", count(permissions.len(), "permission", "permissions"));
            }
            what
        }
        RetainedKind::Accidents => {
            let accidents: Vec<AccidentRecord> =
                store.every_as(in_setting(keys::ACCIDENT_PREFIX.into()).filter(Some(Condition::eq("childId", c)))).await?;
            deletes.extend(accidents.iter().map(|a| AccidentRecord::key(s, &a.accident_id)));
            count(accidents.len(), "accident record", "accident records")
        }
        RetainedKind::Safeguarding => "the safeguarding hold's record".to_string(),
        RetainedKind::Messages => {
            let threads: Vec<ThreadRecord> = store.every_as(Query::partition(Index::Gsi1, keys::child_inbox(s, c))).await?;
            let mut messages = 0;
            for t in &threads {
                let items: Vec<serde_json::Value> = store.every_as(Query::partition(Index::Table, keys::thread(s, &t.thread_id))).await?;
                for item in items.iter().filter(|i| i["kind"] == "message") {
                    if let Ok(m) = serde_json::from_value::<MessageRecord>(item.clone()) {
                        messages += 1;
                        media.extend(m.media.iter().cloned());
                    }
                }
                deletes.extend(keys_of(items));
            }
            format!("{}, {}", count(threads.len(), "thread", "threads"), count(messages, "message", "messages"))
        }
        RetainedKind::Assessment => {
            let terms: Vec<ChildTermRecord> =
                store.every_as(in_setting("ASSESS#".into()).filter(Some(Condition::eq("childId", c)))).await?;
            deletes.extend(terms.iter().map(|t| ChildTermRecord::key(s, &t.term, c)));
            deletes.push(ProgressCheckRecord::key(s, c));
            format!("{} of assessment and the progress check", count(terms.len(), "term", "terms"))
        }
        // Invoices are not kept in Nestling yet.
        RetainedKind::Finance => "no financial records held".to_string(),
    };
    for m in &media {
        deletes.push(MediaRecord::key(s, &m.media_id));
        for object in [original_key(s, &m.media_id), thumbnail_key(s, &m.media_id)] {
            app.media().delete(&object).await.map_err(|e| SweepError::Media(e.to_string()))?;
        }
    }
    // One write per item in a transaction: a photo in two entries is one delete.
    let deletes: std::collections::BTreeSet<Key> = deletes.into_iter().collect();
    let mut writes: Vec<Write> = deletes.iter().map(|k| store.delete(k)).collect();
    writes.extend(changes.into_iter().map(|(k, ch)| store.change(&k, ch)));
    for chunk in writes.chunks_mut(50) {
        store.transact(chunk.to_vec()).await?;
    }
    Ok(what)
}

/// Every kind has gone: the child's record, their roster line and their guardians' links go too.
async fn erase_child(app: &App, child: &ChildRecord, system: &Actor<'_>) -> Result<(), SweepError> {
    let store = app.store();
    let mut batch = vec![
        store.delete(&ChildRecord::key(&child.setting_id, &child.child_id)),
        store.change(
            &RosterRecord::key(&child.setting_id),
            Change::new().remove(Path::new("children").key(child.child_id.as_str())).on_existing(),
        ),
        writes::audit_by_about(
            app,
            system,
            &child.setting_id,
            AuditAction::RetentionErased,
            &format!("child:{}", child.child_id),
            vec![child.child_id.clone()],
            Some("every record of the child has reached the end of its retention: the child's own record is deleted".into()),
        ),
    ];
    for user in child.guardians.keys() {
        let member = nestling_platform::records::MemberRecord::key(&child.setting_id, user);
        if let Some(m) = store.get_as::<nestling_platform::records::MemberRecord>(&member).await? {
            let linked: Vec<ChildId> = m.linked_children.iter().filter(|x| **x != child.child_id).cloned().collect();
            batch.push(store.change(&member, Change::new().set("linkedChildren", &linked).on_existing()));
        }
    }
    store.transact(batch).await?;
    Ok(())
}

/// The schedule's entry: EventBridge's event, whose `time` is the run's.
pub async fn run_schedule(app: &App, event: &serde_json::Value) -> Result<Swept, SweepError> {
    let now = app.scheduled_at(event);
    sweep(app, now).await
}

/// "1 day", "3 days".
fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

fn kept_words(period: nestling_domain::retention::KeptFor) -> String {
    match period {
        nestling_domain::retention::KeptFor::UntilAge { months } => format!("until {} years {} months old", months / 12, months % 12),
        nestling_domain::retention::KeptFor::AfterLeaving { months } => format!("{months} months after leaving"),
    }
}

/// The keys of items read as JSON.
fn keys_of(items: Vec<serde_json::Value>) -> Vec<Key> {
    items.iter().filter_map(|i| Some(Key::new(i["PK"].as_str()?, i["SK"].as_str()?))).collect()
}

//! `rights-export-build`: the table stream hands it each step of a request's export a manager
//! asked for. **Gather** reads every record held about the child or person into
//! `gathered.json` and puts the request in review; **release** makes the PDF and the archive
//! (the PDF, `your-data.json`, the photos and videos) of what the manager did not withhold,
//! marks the request answered and tells the person. Each step ends in one transaction on the
//! request's version that also deletes the step; a redelivery after it finds nothing to do,
//! and one that races it loses the version check.

use super::content::{self, Gathered, HeldItem, HeldKind, HeldMedia};
use nestling_domain::journal::{comment_visible_to_parent, shared_with_family_of};
use nestling_domain::rights::RightsRequestStatus;
use nestling_domain::{ChildId, Timestamp, UserId};
use nestling_outbox::{each_insert, BatchResponse};
use nestling_platform::alerts::personal_email;
use nestling_platform::media::{original_key, thumbnail_key};
use nestling_platform::records::{
    AccidentRecord, AuditRecord, ChildRecord, ChildTermRecord, CommentRecord, ContributionRecord, DayRecord, DiaryRecord, ExportJobRecord,
    ExportStatus, ExportStep, MedicinePermissionRecord, MemberRecord, MessageRecord, ObservationRecord, ProgressCheckRecord, RequestStep,
    RequestSubject, RightsRequestRecord, RosterRecord, SettingRecord, ThreadRecord, UserRecord,
};
use nestling_platform::store::{keys, to_item, Condition, Index, Path, Query, StoreError};
use nestling_platform::writes::{self, Actor, AuditAction};
use nestling_platform::App;
use std::collections::{BTreeMap, BTreeSet};

/// The longest an access log is read back for, in days (the log is kept no longer).
pub const ACCESS_LOG_DAYS: i64 = 7 * 366;

#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("media bucket: {0}")]
    Media(String),
    #[error("the export: {0}")]
    Export(String),
    #[error("{0}")]
    Missing(&'static str),
}

/// What became of one step.
#[derive(Debug, PartialEq, Eq)]
pub enum Built {
    Gathered(usize),
    Released,
    /// Done already (a redelivery), or the request moved on.
    Nothing,
}

/// The stream's handler: each new step is done; a failure is reported so Lambda retries it.
pub async fn handle_build(app: &App, event: aws_lambda_events::dynamodb::Event) -> BatchResponse {
    each_insert(event, |image| async move {
        let Ok(job) = serde_dynamo::from_item::<_, ExportJobRecord>(image) else { return Ok(()) };
        if job.kind != "rights-export-job" {
            return Ok(());
        }
        match build(app, &job).await {
            Ok(built) => {
                tracing::info!(setting_id = %job.setting_id, request_id = %job.request_id, ?built, "export step handled");
                Ok(())
            }
            Err(error) => {
                tracing::error!(setting_id = %job.setting_id, request_id = %job.request_id, %error, "export step failed; will retry");
                Err(())
            }
        }
    })
    .await
}

/// Does one step of one request's export.
pub async fn build(app: &App, job: &ExportJobRecord) -> Result<Built, BuildError> {
    let key = RightsRequestRecord::key(&job.setting_id, &job.request_id);
    let Some(request) = app.store().get_as::<RightsRequestRecord>(&key).await? else { return Ok(Built::Nothing) };
    match (job.step, request.export.as_ref().map(|e| e.status)) {
        (ExportStep::Gather, Some(ExportStatus::Gathering)) => gather(app, job, request).await,
        (ExportStep::Release, Some(ExportStatus::Releasing)) => release(app, job, request).await,
        _ => Ok(Built::Nothing),
    }
}

fn actor(job: &ExportJobRecord) -> Actor<'_> {
    Actor { id: "rights-export-build", role: "system", request_id: &job.request_id, off_premises: false, device_id: None }
}

async fn gather(app: &App, job: &ExportJobRecord, mut request: RightsRequestRecord) -> Result<Built, BuildError> {
    let setting_key = SettingRecord::key(&request.setting_id);
    let roster_key = RosterRecord::key(&request.setting_id);
    let mut found = app.store().get_many(&[setting_key, roster_key]).await?.into_iter();
    let setting: SettingRecord =
        found.next().flatten().map(nestling_platform::store::from_item).transpose()?.ok_or(BuildError::Missing("the setting"))?;
    let roster: RosterRecord = found
        .next()
        .flatten()
        .map(nestling_platform::store::from_item)
        .transpose()?
        .unwrap_or_else(|| RosterRecord::empty(&request.setting_id));
    let gatherer = Gatherer { app, setting: &setting, roster: &roster, requester: request.requester_id.clone() };
    let (subject, mut items, left_out) = match &request.about {
        RequestSubject::Child { child_id, name } => {
            let (items, left_out) = gatherer.child(child_id).await?;
            (name.clone(), items, left_out)
        }
        RequestSubject::Person { user_id: Some(user_id), name } => (name.clone(), gatherer.person(user_id).await?, 0),
        RequestSubject::Person { user_id: None, .. } => return Err(BuildError::Missing("an account for the person")),
    };
    items.sort_by(|a, b| (a.kind, &a.date, &a.item_id).cmp(&(b.kind, &b.date, &b.item_id)));
    let gathered = Gathered {
        subject,
        setting: setting.name.clone(),
        received_on: request.received_on.clone(),
        gathered_at: app.clock.timestamp(),
        items,
        media_left_out: left_out,
    };
    let json = serde_json::to_vec(&gathered).map_err(|e| BuildError::Export(e.to_string()))?;
    app.media()
        .put(&request.export_object("gathered.json"), json, "application/json")
        .await
        .map_err(|e| BuildError::Media(e.to_string()))?;
    let count = gathered.items.len();
    let children = about_children(&request);
    let version = request.version;
    let export = request.export.as_mut().ok_or(BuildError::Missing("the export"))?;
    export.status = ExportStatus::Review;
    export.gathered_at = Some(gathered.gathered_at);
    export.items = count as u32;
    export.media_left_out = left_out;
    request.version += 1;
    let batch = vec![
        app.store().put_versioned(to_item(&request), version),
        app.store().delete(&ExportJobRecord::key(&job.setting_id, &job.request_id, ExportStep::Gather)),
        writes::audit_by_about(
            app,
            &actor(job),
            &request.setting_id,
            AuditAction::RightsExportGathered,
            &format!("rights-request:{}", request.request_id),
            children,
            Some(format!("{count} items gathered, {left_out} photos or videos left out by consent")),
        ),
    ];
    commit(app, batch).await?;
    Ok(Built::Gathered(count))
}

async fn release(app: &App, job: &ExportJobRecord, mut request: RightsRequestRecord) -> Result<Built, BuildError> {
    let bytes = app.media().get(&request.export_object("gathered.json")).await.map_err(|e| BuildError::Media(e.to_string()))?;
    let gathered: Gathered = serde_json::from_slice(&bytes).map_err(|e| BuildError::Export(e.to_string()))?;
    let export = request.export.clone().ok_or(BuildError::Missing("the export"))?;
    let withheld: BTreeMap<String, String> = export.withheld.iter().map(|(id, w)| (id.clone(), w.reason.clone())).collect();
    let released = content::released(gathered, &withheld);

    let media_object = |key: String| async move { app.media().get(&key).await.map_err(|e| BuildError::Media(e.to_string())) };
    let mut thumbnails = BTreeMap::new();
    for m in released.items.iter().flat_map(|i| &i.media).filter(|m| m.thumbnail) {
        thumbnails.insert(m.media_id.clone(), media_object(thumbnail_key(&request.setting_id, &m.media_id)).await?);
    }
    let pdf = content::document(&released, &thumbnails).render();
    let json = serde_json::to_vec_pretty(&released).map_err(|e| BuildError::Export(e.to_string()))?;
    let mut archive = nestling_documents::Archive::new();
    archive.add("your-data.pdf", &pdf).map_err(BuildError::Export)?;
    archive.add("your-data.json", &json).map_err(BuildError::Export)?;
    let mut added = BTreeSet::new();
    for m in released.items.iter().flat_map(|i| &i.media) {
        // A photo in two items (an observation and its journal copy) is one file.
        if added.insert(m.file.clone()) {
            archive.add(&m.file, &media_object(original_key(&request.setting_id, &m.media_id)).await?).map_err(BuildError::Export)?;
        }
    }
    let archive = archive.finish().map_err(BuildError::Export)?;
    let (pdf_bytes, archive_bytes) = (pdf.len() as u64, archive.len() as u64);
    app.media().put(&request.export_object("your-data.pdf"), pdf, "application/pdf").await.map_err(|e| BuildError::Media(e.to_string()))?;
    app.media()
        .put(&request.export_object("your-data.zip"), archive, "application/zip")
        .await
        .map_err(|e| BuildError::Media(e.to_string()))?;

    let now = app.clock.timestamp();
    let (items, withheld_count) = (released.items.len(), released.withheld.len());
    let version = request.version;
    let releaser = export.released.clone().ok_or(BuildError::Missing("who released it"))?;
    if let Some(e) = request.export.as_mut() {
        e.status = ExportStatus::Released;
        e.made_at = Some(now);
        e.pdf_bytes = pdf_bytes;
        e.archive_bytes = archive_bytes;
    }
    let until = (now.at() + time::Duration::days(super::KEPT_DAYS)).date();
    if request.status == RightsRequestStatus::Open {
        request.status = RightsRequestStatus::Answered;
        request.answered = Some(RequestStep {
            by: releaser.by.clone(),
            by_name: releaser.by_name.clone(),
            at: now,
            note: format!("Released everything held: {items} items, {withheld_count} withheld with the reasons listed."),
        });
        (request.gsi1pk, request.gsi1sk) = (None, None);
    }
    request.version += 1;
    let mut batch = vec![
        app.store().put_versioned(to_item(&request), version),
        app.store().delete(&ExportJobRecord::key(&job.setting_id, &job.request_id, ExportStep::Release)),
        writes::audit_by_about(
            app,
            &actor(job),
            &request.setting_id,
            AuditAction::RightsExportMade,
            &format!("rights-request:{}", request.request_id),
            about_children(&request),
            Some(format!("{items} items released, {withheld_count} withheld")),
        ),
    ];
    if let Some(address) = &request.requester_email {
        let text = if request.requester_id.is_some() {
            format!(
                "Your request of {} for the data held about {} is answered: {items} items, {withheld_count} withheld (the PDF lists each with the reason).\n\nDownload it in Nestling, under Your data, until {until}:\n{}/s/{}/data-requests\n",
                request.received_on,
                released.subject,
                app.config.app_url.trim_end_matches('/'),
                request.setting_id
            )
        } else {
            format!(
                "Your request of {} for the data held about {} is answered: {items} items, {withheld_count} withheld (the PDF lists each with the reason). The setting will send you the files.",
                request.received_on, released.subject
            )
        };
        batch.push(writes::outbox_with_id(
            app,
            &format!("rights-{}-released", request.request_id),
            personal_email(
                address,
                &request.requester_name,
                "Your request for your data was answered",
                &text,
                "rights-request",
                &request.setting_id,
            ),
        ));
    }
    commit(app, batch).await?;
    Ok(Built::Released)
}

/// The step's last transaction; losing its version check means another delivery finished it.
async fn commit(app: &App, batch: Vec<nestling_platform::store::Write>) -> Result<(), BuildError> {
    match app.store().transact(batch).await {
        Ok(()) | Err(StoreError::Conflict { .. }) => Ok(()),
        Err(e) => Err(e.into()),
    }
}

fn about_children(r: &RightsRequestRecord) -> Vec<ChildId> {
    match &r.about {
        RequestSubject::Child { child_id, .. } => vec![child_id.clone()],
        RequestSubject::Person { .. } => Vec::new(),
    }
}

/// Reads what is held, record kind by record kind.
struct Gatherer<'a> {
    app: &'a App,
    setting: &'a SettingRecord,
    roster: &'a RosterRecord,
    /// Who asked (their own words are not a third party's).
    requester: Option<UserId>,
}

impl Gatherer<'_> {
    fn setting_query(&self, prefix: impl Into<String>) -> Query {
        Query::partition(Index::Table, keys::setting(&self.setting.setting_id)).prefix(prefix)
    }

    fn child_name(&self, child_id: &ChildId) -> String {
        self.roster.children.get(child_id).map(|e| format!("{} {}", e.first_name, e.last_name)).unwrap_or_else(|| "another child".into())
    }

    /// Everything about one child, and how many photos or videos consent left out.
    async fn child(&self, child_id: &ChildId) -> Result<(Vec<HeldItem>, u32), BuildError> {
        let store = self.app.store();
        let s = &self.setting.setting_id;
        let child: ChildRecord = store.get_as(&ChildRecord::key(s, child_id)).await?.ok_or(BuildError::Missing("the child"))?;
        let is_family = |user: &UserId| child.guardians.contains_key(user);
        let mut items = vec![HeldItem {
            item_id: "child".into(),
            kind: HeldKind::Child,
            date: child.created_at.day_text(),
            title: format!("{} {}", child.first_name, child.last_name),
            others: child
                .guardians
                .iter()
                .filter(|(id, _)| Some(*id) != self.requester.as_ref())
                .map(|(_, g)| g.name.clone())
                .chain(child.emergency_contacts.iter().map(|c| c.name.clone()))
                .collect(),
            data: content::held_data(&child),
            media: Vec::new(),
        }];
        let consents = |c: &ChildId| self.roster.children.get(c).is_some_and(|e| e.photos_in_other_journals);
        let mut left_out = 0u32;
        let mut media_of = |media: &[nestling_platform::records::EntryMedia]| -> Vec<HeldMedia> {
            let (shared, withheld): (Vec<_>, Vec<_>) = media.iter().partition(|m| shared_with_family_of(child_id, &m.children, consents));
            left_out += withheld.len() as u32;
            shared
                .into_iter()
                .map(|m| HeldMedia {
                    media_id: m.media_id.clone(),
                    media_type: m.media_type,
                    file: content::media_file(&m.media_id, m.media_type),
                    thumbnail: m.thumbnail,
                })
                .collect()
        };

        let observations: Vec<ObservationRecord> =
            store.every_as(self.setting_query(keys::OBSERVATION_PREFIX).filter(Some(Condition::contains("children", child_id)))).await?;
        let family = BTreeSet::from([child_id.clone()]);
        for o in &observations {
            let mut others: BTreeSet<String> = o.children.iter().filter(|c| *c != child_id).map(|c| self.child_name(c)).collect();
            others.extend(o.media.iter().flat_map(|m| &m.children).filter(|c| *c != child_id).map(|c| self.child_name(c)));
            let media = media_of(&o.media);
            items.push(HeldItem {
                item_id: format!("observation:{}", o.observation_id),
                kind: HeldKind::Observation,
                date: o.published_at.day_text(),
                title: format!("Observation by {}", o.author_name),
                others: others.into_iter().collect(),
                data: content::with_media(content::held_data(o), &media),
                media,
            });
            if o.comment_count > 0 {
                let comments: Vec<CommentRecord> =
                    store.every_as(Query::partition(Index::Table, keys::comments(s, &o.observation_id))).await?;
                for c in comments.iter().filter(|c| comment_visible_to_parent(&c.audience, &family)) {
                    let third = !c.author_role.is_staff() && !is_family(&c.author_id);
                    items.push(HeldItem {
                        item_id: format!("comment:{}", c.comment_id),
                        kind: HeldKind::Comment,
                        date: c.created_at.day_text(),
                        title: format!("Comment by {}", c.author_name),
                        others: if third { vec![c.author_name.clone()] } else { Vec::new() },
                        data: content::held_data(c),
                        media: Vec::new(),
                    });
                }
            }
        }
        let contributions: Vec<ContributionRecord> =
            store.every_as(Query::partition(Index::Gsi1, keys::child_contributions(s, child_id))).await?;
        for c in &contributions {
            let media = media_of(&c.media);
            items.push(HeldItem {
                item_id: format!("contribution:{}", c.contribution_id),
                kind: HeldKind::Contribution,
                date: c.created_at.day_text(),
                title: format!("From home, by {}", c.author_name),
                others: Vec::new(),
                data: content::with_media(content::held_data(c), &media),
                media,
            });
        }
        let diaries: Vec<DiaryRecord> = store.every_as(self.setting_query(keys::diary(child_id, ""))).await?;
        for d in &diaries {
            items.push(HeldItem {
                item_id: format!("diary:{}", d.date),
                kind: HeldKind::Diary,
                date: d.date.clone(),
                title: "Daily diary".into(),
                others: Vec::new(),
                data: content::held_data(d),
                media: Vec::new(),
            });
        }
        let days: Vec<DayRecord> = store
            .every_as(self.setting_query(keys::day("")).filter(Some(Condition::exists(Path::new("children").key(child_id.as_str())))))
            .await?;
        for d in &days {
            let Some(line) = d.children.get(child_id) else { continue };
            items.push(HeldItem {
                item_id: format!("attendance:{}", d.date),
                kind: HeldKind::Attendance,
                date: d.date.clone(),
                title: "Attendance".into(),
                others: Vec::new(),
                data: serde_json::json!({ "date": d.date, "attendance": content::held_data(line) }),
                media: Vec::new(),
            });
        }
        let accidents: Vec<AccidentRecord> =
            store.every_as(self.setting_query(keys::ACCIDENT_PREFIX).filter(Some(Condition::eq("childId", child_id)))).await?;
        for a in &accidents {
            items.push(HeldItem {
                item_id: format!("accident:{}", a.accident_id),
                kind: HeldKind::Accident,
                date: a.happened_at.day_text(),
                title: format!("Accident: {}", a.place),
                others: a.witnesses.clone(),
                data: content::held_data(a),
                media: Vec::new(),
            });
        }
        let permissions: Vec<MedicinePermissionRecord> = store.every_as(self.setting_query(keys::medicine_permissions(child_id))).await?;
        for p in &permissions {
            items.push(HeldItem {
                item_id: format!("medicine:{}", p.permission_id),
                kind: HeldKind::MedicinePermission,
                date: p.set_at.day_text(),
                title: format!("Medicine permission: {}", p.medicine),
                others: Vec::new(),
                data: content::held_data(p),
                media: Vec::new(),
            });
        }
        let terms: Vec<ChildTermRecord> =
            store.every_as(self.setting_query("ASSESS#").filter(Some(Condition::eq("childId", child_id)))).await?;
        for t in &terms {
            items.push(HeldItem {
                item_id: format!("assessment:{}", t.term),
                kind: HeldKind::Assessment,
                date: t.last_observed_at.map(|a| a.day_text()).unwrap_or_else(|| t.term.clone()),
                title: format!("Assessment, {}", t.term),
                others: Vec::new(),
                data: content::held_data(t),
                media: Vec::new(),
            });
        }
        if let Some(check) = store.get_as::<ProgressCheckRecord>(&ProgressCheckRecord::key(s, child_id)).await? {
            items.push(HeldItem {
                item_id: "progress-check".into(),
                kind: HeldKind::ProgressCheck,
                date: check.written_at.day_text(),
                title: "Progress check at two".into(),
                others: Vec::new(),
                data: content::held_data(&check),
                media: Vec::new(),
            });
        }
        let threads: Vec<ThreadRecord> = store.every_as(Query::partition(Index::Gsi1, keys::child_inbox(s, child_id))).await?;
        for t in &threads {
            let messages: Vec<MessageRecord> =
                store.every_as(Query::partition(Index::Table, keys::thread(s, &t.thread_id)).prefix(keys::MESSAGE_PREFIX)).await?;
            for m in &messages {
                items.push(self.message_item(t, m, &mut media_of));
            }
        }
        items.extend(
            self.access_log(child.created_at, Condition::eq("childId", child_id).or(Condition::contains("childIds", child_id))).await?,
        );
        Ok((items, left_out))
    }

    fn message_item(
        &self,
        t: &ThreadRecord,
        m: &MessageRecord,
        media_of: &mut impl FnMut(&[nestling_platform::records::EntryMedia]) -> Vec<HeldMedia>,
    ) -> HeldItem {
        let third = !m.by_staff && Some(&m.author_id) != self.requester.as_ref();
        let media = media_of(&m.media);
        HeldItem {
            item_id: format!("message:{}", m.message_id),
            kind: HeldKind::Message,
            date: m.sent_at.day_text(),
            title: format!("Message from {}: {}", m.author_name, t.subject),
            others: if third { vec![m.author_name.clone()] } else { Vec::new() },
            data: content::with_media(content::held_data(m), &media),
            media,
        }
    }

    /// Everything about a member of the setting: their account, membership, links to
    /// children, what they wrote to the setting and the access log of what they did.
    async fn person(&self, user_id: &UserId) -> Result<Vec<HeldItem>, BuildError> {
        let store = self.app.store();
        let s = &self.setting.setting_id;
        let member: MemberRecord = store.get_as(&MemberRecord::key(s, user_id)).await?.ok_or(BuildError::Missing("the membership"))?;
        let mut items = Vec::new();
        if let Some(user) = store.get_as::<UserRecord>(&UserRecord::key(user_id)).await? {
            items.push(HeldItem {
                item_id: "account".into(),
                kind: HeldKind::Account,
                date: user.created_at.day_text(),
                title: format!("Account of {}", user.name),
                others: Vec::new(),
                data: content::held_data(&user),
                media: Vec::new(),
            });
        }
        items.push(HeldItem {
            item_id: "membership".into(),
            kind: HeldKind::Membership,
            date: member.invited_at.day_text(),
            title: format!("{} at {}", member.role.as_str(), member.setting_name),
            others: Vec::new(),
            data: content::held_data(&member),
            media: Vec::new(),
        });
        // Their own photos in what they wrote: no other child's consent is theirs to give.
        let mut no_media = |_: &[nestling_platform::records::EntryMedia]| Vec::new();
        let mut threads: Vec<ThreadRecord> = Vec::new();
        if member.role.is_staff() {
            threads.extend(store.every_as::<ThreadRecord>(Query::partition(Index::Gsi1, keys::staff_inbox(s))).await?);
        }
        let children: Vec<ChildRecord> = {
            let keys: Vec<_> = member.linked_children.iter().map(|c| ChildRecord::key(s, c)).collect();
            let mut found = Vec::new();
            for chunk in keys.chunks(100) {
                for item in store.get_many(chunk).await?.into_iter().flatten() {
                    found.push(nestling_platform::store::from_item::<ChildRecord>(item)?);
                }
            }
            found
        };
        for child in &children {
            let Some(link) = child.guardians.get(user_id) else { continue };
            items.push(HeldItem {
                item_id: format!("link:{}", child.child_id),
                kind: HeldKind::GuardianLink,
                date: link.linked_at.day_text(),
                title: format!("Link to {} {}", child.first_name, child.last_name),
                others: Vec::new(),
                data: serde_json::json!({ "child": format!("{} {}", child.first_name, child.last_name), "link": content::held_data(link) }),
                media: Vec::new(),
            });
            threads.extend(store.every_as::<ThreadRecord>(Query::partition(Index::Gsi1, keys::child_inbox(s, &child.child_id))).await?);
            let contributions: Vec<ContributionRecord> = store
                .every_as(
                    Query::partition(Index::Gsi1, keys::child_contributions(s, &child.child_id))
                        .filter(Some(Condition::eq("authorId", user_id))),
                )
                .await?;
            for c in &contributions {
                items.push(HeldItem {
                    item_id: format!("contribution:{}", c.contribution_id),
                    kind: HeldKind::Contribution,
                    date: c.created_at.day_text(),
                    title: format!("From home, about {}", child.first_name),
                    others: vec![format!("{} {}", child.first_name, child.last_name)],
                    data: content::held_data(c),
                    media: Vec::new(),
                });
            }
        }
        let mut seen = BTreeSet::new();
        for t in threads.iter().filter(|t| seen.insert(t.thread_id.clone())) {
            let messages: Vec<MessageRecord> = store
                .every_as(
                    Query::partition(Index::Table, keys::thread(s, &t.thread_id))
                        .prefix(keys::MESSAGE_PREFIX)
                        .filter(Some(Condition::eq("authorId", user_id))),
                )
                .await?;
            for m in &messages {
                items.push(self.message_item(t, m, &mut no_media));
            }
        }
        items.extend(self.access_log(member.invited_at, Condition::eq("actorId", user_id)).await?);
        Ok(items)
    }

    /// The access log's lines matching `filter`, one item a day (the log's days are UTC),
    /// from `since` to today.
    async fn access_log(&self, since: Timestamp, filter: Condition) -> Result<Vec<HeldItem>, BuildError> {
        let today = self.app.clock.now().date();
        let mut day = since.at().date().max(today - time::Duration::days(ACCESS_LOG_DAYS));
        let mut items = Vec::new();
        while day <= today {
            let text = day.to_string();
            let lines: Vec<AuditRecord> = self
                .app
                .store()
                .every_as(Query::partition(Index::Table, keys::audit_day(&self.setting.setting_id, &text)).filter(Some(filter.clone())))
                .await?;
            if !lines.is_empty() {
                items.push(HeldItem {
                    item_id: format!("access-log:{text}"),
                    kind: HeldKind::AccessLog,
                    date: text,
                    title: format!("Access log, {} lines", lines.len()),
                    others: Vec::new(),
                    data: serde_json::json!({ "lines": lines.iter().map(log_line).collect::<Vec<_>>() }),
                    media: Vec::new(),
                });
            }
            let Some(next) = day.next_day() else { break };
            day = next;
        }
        Ok(items)
    }
}

/// An access-log line as released: without the other children a list it records showed.
fn log_line(line: &AuditRecord) -> serde_json::Value {
    let mut data = content::held_data(line);
    if let Some(map) = data.as_object_mut() {
        map.remove("childIds");
    }
    data
}

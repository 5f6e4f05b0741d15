//! Comments and replies on observations: who may write them, and which families see which.

use crate::*;

/// What a commenter or reader is to an observation: staff, or a parent with the entry's
/// children they hold a live link to (none means they may not know it exists).
struct Standing {
    staff: bool,
    children: BTreeSet<ChildId>,
}

/// Loads the observation with the authorisation and, for a parent, checks their link to each
/// of its children (one more read: the links live on the children).
async fn observation_standing(app: &App, auth: &Authorized, key: &Key) -> ApiResult<(ObservationRecord, Standing)> {
    let observation: ObservationRecord = auth.record(key)?.ok_or_else(Problem::not_found)?;
    if auth.is_staff() {
        return Ok((observation, Standing { staff: true, children: BTreeSet::new() }));
    }
    if !observation.published {
        return Err(Problem::not_found());
    }
    let (children, refusal) = journal_children(app, auth, &observation.children).await?;
    if children.is_empty() {
        return Err(refusal_problem(refusal));
    }
    Ok((observation, Standing { staff: false, children }))
}

/// POST /v1/settings/{settingId}/observations/{observationId}/comments
pub async fn create_comment(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("comments-create", req, |req| async move {
        let setting_id = http::path_id::<SettingId>(&req, "settingId")?;
        let observation_id = http::path_id::<ObservationId>(&req, "observationId")?;
        let body = http::json_body::<NewComment>(&req).and_then(|b| {
            let reply_to: Option<CommentId> = b.reply_to.as_deref().map(|r| http::body_id("replyTo", r)).transpose()?;
            Ok((b, reply_to))
        });
        let observation_key = ObservationRecord::key(&setting_id, &observation_id);
        let thread_key = match &body {
            Ok((_, Some(r))) => Some(Key::new(keys::comments(&setting_id, &observation_id), r.as_str())),
            _ => None,
        };
        let loads: Vec<Key> = std::iter::once(observation_key.clone()).chain(thread_key.clone()).collect();
        let auth = authorize(&app, &req, "comments-create", Some(&setting_id), Action::Comment, &loads).await?;
        let (observation, standing) = observation_standing(&app, &auth, &observation_key).await?;
        let about = if standing.staff { observation.children.clone() } else { standing.children.iter().cloned().collect() };
        if let Some(replay) = writes::replay_logged(&app, &auth, &setting_id, AuditAction::CommentCreate, about).await? {
            return Ok(auth.tag(replay));
        }
        let (body, _) = body?;
        if !observation.published {
            return Err(Problem::from(JournalProblem::ObservationUnpublished));
        }
        let thread: Option<CommentRecord> = match &thread_key {
            Some(key) => Some(auth.record(key)?.ok_or_else(|| Problem::invalid("replyTo must name a comment on this observation"))?),
            None => None,
        };
        if let Some(t) = &thread {
            if !standing.staff && !comment_visible_to_parent(&t.audience, &standing.children) {
                return Err(Problem::invalid("replyTo must name a comment on this observation"));
            }
        }
        let audience = audience_of_new_comment(standing.staff, &standing.children, thread.as_ref().map(|t| &t.audience));
        let comment_id: CommentId = app.new_sortable();
        let comment = CommentRecord {
            pk: keys::comments(&setting_id, &observation_id),
            sk: comment_id.to_string(),
            kind: "comment".into(),
            setting_id: setting_id.clone(),
            entry_id: observation_id.clone(),
            comment_id: comment_id.clone(),
            author_id: auth.caller.user_id.clone(),
            author_name: user_name(&auth),
            author_role: auth.member().role,
            text: body.text.to_string(),
            reply_to: thread.map(|t| t.comment_id),
            audience,
            created_at: app.clock.timestamp(),
        };
        let view = comment_view(&comment);
        let count = |key: &Key| app.store().change(key, Change::new().add("commentCount", 1).on_existing());
        let mut batch = vec![app.store().put_new(to_item(&comment)), count(&ObservationRecord::key(&setting_id, &observation_id))];
        for child in &observation.children {
            batch.push(count(&observation.journal_key(child)));
        }
        let about: Vec<ChildId> = match &comment.audience {
            CommentAudience::Everyone => observation.children.clone(),
            CommentAudience::Families(children) => children.iter().cloned().collect(),
        };
        let audit = Audit::children(&setting_id, AuditAction::CommentCreate, about.clone())
            .detail(format!("observation:{observation_id} comment:{comment_id}"));
        // The families who can read the comment hear of it (never the commenter).
        batch.push(notify(&app, &setting_id, &auth.setting().name, JournalEvent::CommentAdded, about, &auth.caller.user_id));
        Commit::new(&app, &auth, audit)
            .writes(batch)
            .on_conflict(|_| Problem::from(JournalProblem::ObservationUnpublished))
            .answer(201, &view, None)
            .await
    })
    .await
}

/// GET /v1/settings/{settingId}/observations/{observationId}/comments: oldest first. A parent
/// sees staff comments and their own family's, never another family's.
pub async fn list_comments(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("comments-list", req, |req| async move {
        let setting_id = http::path_id::<SettingId>(&req, "settingId")?;
        let observation_id = http::path_id::<ObservationId>(&req, "observationId")?;
        let (limit, cursor) = http::paging(&req)?;
        let key = ObservationRecord::key(&setting_id, &observation_id);
        let auth = authorize(&app, &req, "comments-list", Some(&setting_id), Action::ListComments, std::slice::from_ref(&key)).await?;
        let (observation, standing) = observation_standing(&app, &auth, &key).await?;
        let about: Vec<ChildId> = if standing.staff { observation.children.clone() } else { standing.children.iter().cloned().collect() };
        let audit = Audit::children(&setting_id, AuditAction::CommentsView, about).detail(format!("observation:{observation_id}"));
        let comments_pk = keys::comments(&setting_id, &observation_id);
        let (page, audited) = tokio::join!(
            app.store().page(Query::partition(Index::Table, comments_pk).limit(limit), cursor.as_deref()),
            audit.log_read(&app, &auth),
        );
        let page = page?;
        audited?;
        let comments: Vec<CommentRecord> = page.items.into_iter().map(from_item).collect::<Result<_, _>>()?;
        let items: Vec<CommentView> = comments
            .iter()
            .filter(|c| standing.staff || comment_visible_to_parent(&c.audience, &standing.children))
            .map(comment_view)
            .collect();
        Ok(auth.tag(http::ok(&ListPage { items, next_cursor: page.next_cursor })))
    })
    .await
}

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
async fn observation_standing(app: &App, auth: &Authorized, action: Action, key: &Key) -> ApiResult<(ObservationRecord, Standing)> {
    let observation: ObservationRecord = auth.record(key)?.ok_or_else(Problem::not_found)?;
    if auth.is_staff() {
        return Ok((observation, Standing { staff: true, children: BTreeSet::new() }));
    }
    if !observation.published {
        return Err(Problem::not_found());
    }
    let (children, refusal) = journal_children(app, auth, action, &observation.children).await?;
    if children.is_empty() {
        return Err(refusal_problem(refusal));
    }
    Ok((observation, Standing { staff: false, children }))
}

/// Authorises a comment action on an observation, with `read` (which must not depend on it)
/// in the same round trip. With `?child=`, the child whose journal shows the entry, that
/// child's live link is checked with the authorisation itself, so no further read is needed
/// (the web app always says); without it, a parent's links to every child of the entry are
/// read afterwards.
async fn comment_access<T, E>(
    app: &App,
    req: &Request,
    route: &str,
    setting_id: &SettingId,
    action: Action,
    (observation_key, loads): (&Key, &[Key]),
    read: impl std::future::Future<Output = Result<T, E>>,
) -> ApiResult<(Authorized, ObservationRecord, Standing, T)>
where
    Problem: From<E>,
{
    let shown_in = http::query_param(req, "child").map(|c| http::body_id::<ChildId>("child", &c)).transpose()?;
    let Some(child_id) = shown_in else {
        let (auth, read) = beside_authorisation(authorize(app, req, route, Some(setting_id), action, loads), read).await?;
        let (observation, standing) = observation_standing(app, &auth, action, observation_key).await?;
        return Ok((auth, observation, standing, read));
    };
    let (auth, read) =
        beside_authorisation(authorize_child(app, req, route, setting_id, &child_id, Action::ViewJournal, loads), read).await?;
    auth.also_allowed(action)?;
    auth.also_allowed_on_child(auth.on_each_child(action))?;
    let observation: ObservationRecord = auth.record(observation_key)?.ok_or_else(Problem::not_found)?;
    if auth.is_staff() {
        return Ok((auth, observation, Standing { staff: true, children: BTreeSet::new() }, read));
    }
    if !observation.published || !observation.children.contains(&child_id) {
        return Err(Problem::not_found());
    }
    Ok((auth, observation, Standing { staff: false, children: BTreeSet::from([child_id]) }, read))
}

/// POST /v1/settings/{settingId}/observations/{observationId}/comments?child=
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
        let nothing = std::future::ready(Ok::<(), Problem>(()));
        let (auth, observation, standing, ()) =
            comment_access(&app, &req, "comments-create", &setting_id, Action::Comment, (&observation_key, &loads), nothing).await?;
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

/// GET /v1/settings/{settingId}/observations/{observationId}/comments?child=: oldest first. A
/// parent sees staff comments and their own family's, never another family's.
pub async fn list_comments(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("comments-list", req, |req| async move {
        let setting_id = http::path_id::<SettingId>(&req, "settingId")?;
        let observation_id = http::path_id::<ObservationId>(&req, "observationId")?;
        let (limit, cursor) = http::paging(&req)?;
        let key = ObservationRecord::key(&setting_id, &observation_id);
        let comments_pk = keys::comments(&setting_id, &observation_id);
        // The page is read with the authorisation and kept back unless it allows it; the
        // access-log line follows.
        let page = app.store().page(Query::partition(Index::Table, comments_pk).limit(limit), cursor.as_deref());
        let (auth, observation, standing, page) =
            comment_access(&app, &req, "comments-list", &setting_id, Action::ListComments, (&key, std::slice::from_ref(&key)), page)
                .await?;
        let about: Vec<ChildId> = if standing.staff { observation.children.clone() } else { standing.children.iter().cloned().collect() };
        Audit::children(&setting_id, AuditAction::CommentsView, about)
            .detail(format!("observation:{observation_id}"))
            .log_read(&app, &auth)
            .await?;
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

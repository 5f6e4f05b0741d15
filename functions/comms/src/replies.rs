//! A family's reply to an event, per child: yes, no or maybe, with a note. A "yes" takes one
//! of the event's places, if it has a capacity, in the same transaction as the reply.

use super::*;
use nestling_domain::comms::{places_after, replies_open};
use nestling_domain::{Action, ReplyNote};
use nestling_platform::access::authorize_child;
use nestling_platform::concurrency::{with_retries, Retry};
use nestling_platform::http;
use nestling_platform::store::{keys, to_item, Change, Condition, Write};
use nestling_platform::writes::AuditAction;
use nestling_platform::{writes, Audit, Commit};
use serde::Deserialize;
use std::sync::Arc;

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EventReplyRequest {
    pub answer: ReplyAnswer,
    #[schema(value_type = Option<String>)]
    pub note: Option<ReplyNote>,
}

/// PUT /v1/settings/{settingId}/posts/{postId}/replies/{childId}: a parent answers for their
/// child, through a live link, while replies are open. Changing the answer is another PUT; a
/// "yes" is refused when the event is full. The places are decided on the post as it is now:
/// a reply that lost a race to another is decided again.
pub async fn reply_to_event(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("event-reply", req, |req| async move { with_retries(|| try_reply(&app, &req)).await }).await
}

async fn try_reply(app: &App, req: &Request) -> Result<Response<Body>, Retry> {
    let setting_id = http::path_id::<SettingId>(req, "settingId")?;
    let post_id = http::path_id::<PostId>(req, "postId")?;
    let child_id = http::path_id::<ChildId>(req, "childId")?;
    let post_key = PostRecord::key(&setting_id, &post_id);
    let reply_key = EventReplyRecord::key(&setting_id, &post_id, &child_id);
    let extra = [post_key.clone(), reply_key.clone(), RosterRecord::key(&setting_id)];
    let auth = authorize_child(app, req, "event-reply", &setting_id, &child_id, Action::ReplyToEvent, &extra).await?;
    let body: EventReplyRequest = http::json_body(req)?;
    if let Some(answer) = writes::replay_logged(app, &auth, &setting_id, AuditAction::EventReply, vec![child_id.clone()]).await? {
        return Ok(auth.tag(answer));
    }
    // The family sees the event through this child, or is told nothing of it.
    let post: PostRecord = auth.record(&post_key)?.ok_or_else(Problem::not_found)?;
    let child = auth.child();
    if post.status != PostStatus::Published || !post.audience.reaches_room(&child.room_id) {
        return Err(Problem::not_found().into());
    }
    if post.published_at.is_some_and(|at| at < auth.member().activated_at.unwrap_or(auth.member().invited_at)) {
        return Err(Problem::not_found().into());
    }
    let Some(event) = &post.event else { return Err(Problem::from(CommsProblem::NotAnEvent).into()) };
    let today = today(app, &auth);
    let date = parse_date(&event.date).map_err(|_| Problem::from(CommsProblem::RepliesClosed))?;
    let reply_by = event.reply_by.as_deref().and_then(|d| parse_date(d).ok());
    if !replies_open(date, reply_by, today) {
        return Err(Problem::from(CommsProblem::RepliesClosed).into());
    }
    let before: Option<EventReplyRecord> = auth.record(&reply_key)?;
    let taken = places_after(post.places_taken, event.capacity, before.as_ref().map(|r| r.answer), body.answer)
        .ok_or_else(|| Problem::from(CommsProblem::EventFull))?;
    let now = app.clock.timestamp();
    let reply = EventReplyRecord {
        pk: keys::setting(&setting_id),
        sk: keys::event_reply(&post_id, &child_id),
        kind: "event-reply".into(),
        setting_id: setting_id.clone(),
        post_id: post_id.clone(),
        child_id: child_id.clone(),
        answer: body.answer,
        note: body.note.map(String::from),
        replied_by: auth.caller.user_id.clone(),
        replied_by_name: auth.member().name.clone(),
        replied_at: now,
        version: before.as_ref().map_or(1, |r| r.version + 1),
    };
    let mut batch = vec![match &before {
        None => app.store().put_new(to_item(&reply)),
        Some(previous) => app.store().put_versioned(to_item(&reply), previous.version),
    }];
    // The count moves only with a "yes" given or taken back, on the count as read, and only
    // while the post is still published: a withdrawn event takes no more replies.
    let still_published = Condition::eq("status", PostStatus::Published.as_str());
    batch.push(if taken != post.places_taken {
        let count = Change::new().set("placesTaken", &taken).when(Condition::eq("placesTaken", &post.places_taken).and(still_published));
        app.store().change(&post_key, count)
    } else {
        Write::Check { key: post_key.clone(), condition: still_published }
    });
    let roster = roster_of(&auth, &setting_id)?;
    let view = ReplyView::of(&child_id, &roster, Some(&reply));
    let detail =
        format!("post:{post_id} {}", serde_json::to_value(body.answer).ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default());
    Commit::new(app, &auth, Audit::child(&setting_id, AuditAction::EventReply, &child_id).detail(detail))
        .writes(batch)
        .answer::<Retry>(200, &view, Some(reply.version))
        .await
}

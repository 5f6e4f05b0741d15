//! How a request's change is written: one transaction holding the decision's writes and what
//! every change owes (rules 9 and 10 of DESIGN.md, and idempotent retries): its audit line, the
//! check that the caller's membership did not change since it was authorised (two managers
//! revoking each other cannot both win), and the answer stored under the caller's
//! Idempotency-Key. A `Commit` cannot be made without its audit line, and `answer` adds the
//! other two, so no use case can forget them.

use crate::access::Authorized;
use crate::app::App;
use crate::http::{self, Problem};
use crate::store::{StoreError, Write};
use crate::writes::{self, AuditAction};
use lambda_http::{Body, Response};
use nestling_domain::{ChildId, SettingId};
use serde::Serialize;

/// The audit line of a change: what was done, to what, and which children's data it touched.
pub struct Audit {
    setting_id: SettingId,
    action: AuditAction,
    object: Object,
    detail: Option<String>,
}

enum Object {
    /// A thing of the setting (`room:r1`, `fault:f1`).
    Thing(String),
    /// One child's data (rule 9).
    Child(ChildId),
    /// Several children's data at once, each named so a search by child finds it.
    Children(Vec<ChildId>),
}

impl Audit {
    pub fn of(setting_id: &SettingId, action: AuditAction, object: impl Into<String>) -> Audit {
        Audit { setting_id: setting_id.clone(), action, object: Object::Thing(object.into()), detail: None }
    }

    pub fn child(setting_id: &SettingId, action: AuditAction, child_id: &ChildId) -> Audit {
        Audit { setting_id: setting_id.clone(), action, object: Object::Child(child_id.clone()), detail: None }
    }

    pub fn children(setting_id: &SettingId, action: AuditAction, child_ids: Vec<ChildId>) -> Audit {
        Audit { setting_id: setting_id.clone(), action, object: Object::Children(child_ids), detail: None }
    }

    pub fn detail(self, detail: impl Into<String>) -> Audit {
        Audit { detail: Some(detail.into()), ..self }
    }

    pub fn maybe_detail(self, detail: Option<String>) -> Audit {
        Audit { detail, ..self }
    }

    /// Writes the access-log line of a read alone (rule 9: reading children's data is logged,
    /// after the read and before the answer).
    pub async fn log_read(self, app: &App, auth: &Authorized) -> Result<(), Problem> {
        app.store().transact(vec![self.write(app, auth)]).await.map_err(Problem::from)
    }

    fn write(self, app: &App, auth: &Authorized) -> Write {
        let Audit { setting_id, action, object, detail } = self;
        match object {
            Object::Thing(object) => writes::audit(app, auth, &setting_id, action, &object, detail),
            Object::Child(child_id) => writes::audit_child(app, auth, &setting_id, action, &child_id, detail),
            Object::Children(child_ids) => writes::audit_children(app, auth, &setting_id, action, child_ids, detail),
        }
    }
}

/// One change, written all or nothing.
#[must_use = "a change is written only by `answer` or `commit`"]
pub struct Commit<'a> {
    app: &'a App,
    auth: &'a Authorized,
    writes: Vec<Write>,
    /// Writes whose failed condition has its own answer, by position.
    explained: Vec<(usize, Problem)>,
    on_conflict: Option<Box<dyn FnOnce(StoreError) -> Problem + Send + 'a>>,
}

impl<'a> Commit<'a> {
    /// A change by the authorised caller, with its audit line.
    pub fn new(app: &'a App, auth: &'a Authorized, audit: Audit) -> Commit<'a> {
        Commit { app, auth, writes: vec![audit.write(app, auth)], explained: Vec::new(), on_conflict: None }
    }

    pub fn write(mut self, write: Write) -> Commit<'a> {
        self.writes.push(write);
        self
    }

    pub fn writes(mut self, writes: impl IntoIterator<Item = Write>) -> Commit<'a> {
        self.writes.extend(writes);
        self
    }

    /// A write whose failed condition means `problem` to the caller (a daily quota used up).
    pub fn write_or(mut self, write: Write, problem: Problem) -> Commit<'a> {
        self.explained.push((self.writes.len(), problem));
        self.writes.push(write);
        self
    }

    /// Another audit line in the same transaction (a change that also touches children's data).
    pub fn also_audit(mut self, audit: Audit) -> Commit<'a> {
        self.writes.push(audit.write(self.app, self.auth));
        self
    }

    /// What a failed condition means to the caller, when it means more than "it changed
    /// meanwhile" (the default answer: 409 `conflict`, never an overwrite).
    pub fn on_conflict(mut self, explain: impl FnOnce(StoreError) -> Problem + Send + 'a) -> Commit<'a> {
        self.on_conflict = Some(Box::new(explain));
        self
    }

    /// Writes the change without storing an answer, for the changes whose answer waits on a
    /// call outside the transaction (a revocation's global sign-out, which a replayed answer
    /// would skip): a retry meets the changed state instead (already revoked: 409).
    pub async fn commit<E>(self) -> Result<(), E>
    where
        E: From<StoreError> + From<Problem>,
    {
        self.transact(None::<(u16, &(), Option<u64>)>).await
    }

    /// Writes the change, then answers `status` with `body` (and `version` as its ETag). The
    /// same answer is stored for a retry under the caller's Idempotency-Key. A failed
    /// condition is the error's `From<StoreError>`: 409 for a `Problem`, another attempt for
    /// a server-decided change (`concurrency::Retry`), unless `write_or` or `on_conflict`
    /// explains it.
    pub async fn answer<E>(self, status: u16, body: &impl Serialize, version: Option<u64>) -> Result<Response<Body>, E>
    where
        E: From<StoreError> + From<Problem>,
    {
        let auth = self.auth;
        self.transact::<E, _>(Some((status, body, version))).await?;
        let response = match version {
            Some(version) => http::with_version(status, body, version),
            None => http::json_response(status, body),
        };
        Ok(auth.tag(response))
    }

    async fn transact<E, B: Serialize>(self, answer: Option<(u16, &B, Option<u64>)>) -> Result<(), E>
    where
        E: From<StoreError> + From<Problem>,
    {
        let Commit { app, auth, mut writes, explained, on_conflict } = self;
        // A change of the caller's own membership is versioned: that write is the check.
        if let Some(check) = writes::caller_unchanged(app, auth) {
            if !writes.iter().any(|w| w.key().is_some() && w.key() == check.key()) {
                writes.push(check);
            }
        }
        if let Some((status, body, version)) = answer {
            writes.extend(writes::remember_answer(app, auth, status, body, version));
        }
        app.store().transact(writes).await.map_err(|e| {
            if let Some((_, problem)) = explained.iter().find(|(at, _)| e.failed_at(*at)) {
                return E::from(problem.clone());
            }
            match (on_conflict, &e) {
                (Some(explain), StoreError::Conflict { .. }) => E::from(explain(e)),
                _ => E::from(e),
            }
        })
    }
}

#[cfg(all(test, feature = "testing"))]
mod tests {
    use super::*;
    use crate::access::authorize;
    use crate::records::MemberRecord;
    use crate::store::{keys, number_of, text_of, to_item, Key};
    use crate::testing::World;
    use nestling_domain::Action;

    async fn manager_of(w: &World) -> Authorized {
        let req = w.request(Some(&w.manager), "POST", &format!("/v1/settings/{}/rooms", w.setting_id), Some(&serde_json::json!({})));
        authorize(&w.app, &req, "rooms-create", Some(&w.setting_id), Action::CreateRoom, &[]).await.expect("the manager may")
    }

    fn a_room(w: &World) -> Write {
        let mut item = crate::table::Item::new();
        item.insert("PK".into(), crate::store::Value::S(keys::setting(&w.setting_id)));
        item.insert("SK".into(), crate::store::Value::S("ROOM#commit-test".into()));
        item.insert("kind".into(), crate::store::Value::S("room".into()));
        w.app.store().put_new(item)
    }

    fn audit_lines(w: &World) -> usize {
        w.items_of_kind("audit").len()
    }

    #[tokio::test]
    async fn a_change_is_written_with_its_audit_line_and_answered() {
        let w = World::new();
        let auth = manager_of(&w).await;
        let audit = Audit::of(&w.setting_id, AuditAction::RoomCreate, "room:commit-test");
        let answer: Response<Body> =
            Commit::new(&w.app, &auth, audit).write(a_room(&w)).answer::<Problem>(201, &"made", Some(1)).await.unwrap();
        assert_eq!((answer.status().as_u16(), answer.headers()["etag"].to_str().unwrap()), (201, "\"1\""));
        assert_eq!(w.items_of_kind("room").len(), 1);
        let lines = w.items_of_kind("audit");
        assert_eq!((lines.len(), text_of(&lines[0], "action")), (1, Some("room.create")));
    }

    #[tokio::test]
    async fn a_caller_changed_since_authorisation_writes_nothing() {
        let w = World::new();
        let auth = manager_of(&w).await;
        let member = MemberRecord::key(&w.setting_id, &w.manager.user_id);
        w.table.race_next_transaction(member, |item| {
            let version = number_of(item, "version").unwrap();
            item.insert("version".into(), crate::store::Value::N((version + 1).to_string()));
        });
        let before = audit_lines(&w);
        let audit = Audit::of(&w.setting_id, AuditAction::RoomCreate, "room:commit-test");
        let refused = Commit::new(&w.app, &auth, audit).write(a_room(&w)).answer::<Problem>(201, &"made", Some(1)).await.unwrap_err();
        assert_eq!(refused.status, 409);
        assert!(w.items_of_kind("room").is_empty());
        assert_eq!(audit_lines(&w), before, "no audit line for a change that did not happen");
    }

    #[tokio::test]
    async fn a_failed_write_gets_its_own_answer_and_a_versioned_write_of_the_caller_is_the_check() {
        let w = World::new();
        let auth = manager_of(&w).await;
        let absent = w.app.store().check_version(&Key::new(keys::setting(&w.setting_id), "NOTHING#here"), 1);
        let audit = Audit::of(&w.setting_id, AuditAction::RoomCreate, "room:commit-test");
        let refused = Commit::new(&w.app, &auth, audit)
            .write(a_room(&w))
            .write_or(absent, Problem::new(429, "quota", "Used up"))
            .answer::<Problem>(201, &"made", None)
            .await
            .unwrap_err();
        assert_eq!((refused.status, refused.slug), (429, "quota"));
        assert!(w.items_of_kind("room").is_empty());

        // Writing the caller's own membership under its version needs no second check of it (a
        // second operation on one item would be refused by DynamoDB).
        let member: MemberRecord = w.get(&MemberRecord::key(&w.setting_id, &w.manager.user_id)).unwrap();
        let updated = MemberRecord { version: member.version + 1, ..member.clone() };
        let audit = Audit::of(&w.setting_id, AuditAction::RemoteAccessAttest, "staff:me");
        Commit::new(&w.app, &auth, audit)
            .write(w.app.store().put_versioned(to_item(&updated), member.version))
            .commit::<Problem>()
            .await
            .expect("one write of the member, no duplicate check");
    }
}

//! The people parents authorise to collect their child, each with a collection password.

use super::*;
use nestling_domain::{CollectorId, Timestamp, UserId};
use nestling_platform::{Audit, Commit};

/// A collection password: 6 to 64 characters, never echoed, never logged.
#[derive(Clone, Deserialize)]
#[serde(try_from = "String")]
pub struct CollectionPassword(String);

impl TryFrom<String> for CollectionPassword {
    type Error = String;
    fn try_from(raw: String) -> Result<Self, String> {
        let count = raw.chars().count();
        if !(6..=64).contains(&count) || raw.chars().any(char::is_control) {
            return Err("a collection password has 6 to 64 characters".into());
        }
        Ok(Self(raw))
    }
}

impl std::fmt::Debug for CollectionPassword {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("CollectionPassword(***)")
    }
}

pub(super) fn hash_password(password: &CollectionPassword) -> ApiResult<String> {
    let salt = SaltString::encode_b64(uuid::Uuid::new_v4().as_bytes()).map_err(|e| Problem::internal("salt", e))?;
    Argon2::default().hash_password(password.0.as_bytes(), &salt).map(|h| h.to_string()).map_err(|e| Problem::internal("hash", e))
}

pub(super) fn password_matches(hash: &str, given: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|parsed| Argon2::default().verify_password(given.as_bytes(), &parsed).is_ok())
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CollectorsList {
    pub collectors: Vec<NewCollector>,
}

/// One authorised collector. An existing one (by `collectorId`) keeps its password unless a
/// new one is given; a new one must have a password.
#[derive(Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NewCollector {
    pub collector_id: Option<String>,
    #[schema(value_type = String)]
    pub name: PersonName,
    #[schema(value_type = String)]
    pub relationship: Relationship,
    #[schema(value_type = Option<String>, format = Password)]
    pub password: Option<CollectionPassword>,
}

#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CollectorView {
    #[schema(value_type = String)]
    pub collector_id: CollectorId,
    pub name: String,
    pub relationship: String,
    #[schema(value_type = String)]
    pub set_by: UserId,
    #[schema(value_type = String)]
    pub set_at: Timestamp,
}

#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CollectorsView {
    #[schema(value_type = String)]
    pub child_id: ChildId,
    pub collectors: Vec<CollectorView>,
    pub version: u64,
}

pub(super) fn collectors_view(child: &ChildRecord) -> CollectorsView {
    CollectorsView {
        child_id: child.child_id.clone(),
        collectors: child
            .collectors
            .iter()
            .map(|c| CollectorView {
                collector_id: c.collector_id.clone(),
                name: c.name.clone(),
                relationship: c.relationship.clone(),
                set_by: c.set_by.clone(),
                set_at: c.set_at,
            })
            .collect(),
        version: child.version,
    }
}

/// PUT /v1/settings/{settingId}/children/{childId}/collectors: the whole list, replaced by a
/// parent with parental responsibility.
pub async fn set_collectors(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("collectors-set", req, |req| async move {
        let setting_id = http::path_id::<SettingId>(&req, "settingId")?;
        let child_id = http::path_id::<ChildId>(&req, "childId")?;
        let auth = authorize_child(&app, &req, "collectors-set", &setting_id, &child_id, Action::SetCollectors, &[]).await?;
        let body: CollectorsList = http::json_body(&req)?;
        if body.collectors.len() > MAX_COLLECTORS {
            return Err(Problem::invalid(format!("at most {MAX_COLLECTORS} authorised collectors")));
        }
        let current = auth.child().clone();
        let now = app.clock.timestamp();
        let mut collectors = Vec::new();
        let mut seen = BTreeSet::new();
        for c in body.collectors {
            let existing = match &c.collector_id {
                Some(id) => match current.collectors.iter().find(|x| x.collector_id == id.as_str()) {
                    Some(found) if seen.insert(id.clone()) => Some(found),
                    _ => return Err(Problem::invalid(format!("collectorId {id} names no collector of this child (or twice)"))),
                },
                None => None,
            };
            let password_hash = match (&c.password, existing) {
                (Some(password), _) => hash_password(password)?,
                (None, Some(found)) => found.password_hash.clone(),
                (None, None) => return Err(Problem::invalid("a new collector needs a collection password")),
            };
            collectors.push(CollectorRecord {
                collector_id: existing.map(|e| e.collector_id.clone()).unwrap_or_else(|| app.new_id::<CollectorId>()),
                name: c.name.to_string(),
                relationship: c.relationship.to_string(),
                password_hash,
                set_by: auth.caller.user_id.clone(),
                set_at: now,
            });
        }
        let mut child = current.clone();
        child.collectors = collectors;
        child.version += 1;
        child.updated_at = now;
        let names: Vec<&str> = child.collectors.iter().map(|c| c.name.as_str()).collect();
        let batch = vec![app.store().put_versioned(to_item(&child), current.version)];
        Commit::new(&app, &auth, Audit::child(&setting_id, AuditAction::CollectorsSet, &child_id).detail(names.join(", ")))
            .writes(batch)
            .commit::<Problem>()
            .await?;
        Ok(auth.tag(http::with_version(200, &collectors_view(&child), child.version)))
    })
    .await
}

//! EYFS assessment. One item per child per term (`SETTING#<s> / ASSESS#<term>#<child>`): the
//! practitioner's judgement of each aspect, and the term's observation counts, which every
//! published observation adds to in its own transaction (upserting the item, so no read and no
//! contention), so a term's monitoring is one Query of the setting's partition.

use super::*;
use nestling_domain::eyfs::Aspect;
use std::collections::BTreeMap;

/// One child's term.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ChildTermRecord {
    #[serde(rename = "PK")]
    pub pk: String,
    #[serde(rename = "SK")]
    pub sk: String,
    #[serde(default)]
    pub kind: String,
    pub setting_id: SettingId,
    pub child_id: ChildId,
    pub term: String,
    /// The practitioner's best-fit judgement per aspect (never computed).
    #[serde(default)]
    pub judgements: BTreeMap<Aspect, JudgementRecord>,
    /// Published observations of the child this term (an unpublished one is taken off again).
    #[serde(default)]
    pub observations: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_observed_at: Option<Timestamp>,
    /// Observations this term per area of learning, one attribute each (`obs-<area>`), so an
    /// observation adds to them without reading the item.
    #[serde(flatten)]
    pub by_area: BTreeMap<String, i64>,
    /// When the key person shared the term's summary with the family.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shared_at: Option<Timestamp>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shared_by: Option<UserId>,
    /// Changed by judgements and sharing (observation counts leave it alone).
    #[serde(default)]
    pub version: u64,
}

/// The attribute counting a term's observations in `area`.
pub fn area_counter(area: AreaOfLearning) -> String {
    let slug = serde_json::to_value(area).ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default();
    format!("obs-{slug}")
}

impl ChildTermRecord {
    pub fn key(setting_id: &SettingId, term: &str, child_id: &ChildId) -> Key {
        Key::new(keys::setting(setting_id), keys::child_term(term, child_id))
    }

    /// A new, empty term for the child.
    pub fn new(setting_id: &SettingId, term: &str, child_id: &ChildId) -> Self {
        ChildTermRecord {
            pk: keys::setting(setting_id),
            sk: keys::child_term(term, child_id),
            kind: "child-term".into(),
            setting_id: setting_id.clone(),
            child_id: child_id.clone(),
            term: term.to_string(),
            judgements: BTreeMap::new(),
            observations: 0,
            last_observed_at: None,
            by_area: BTreeMap::new(),
            shared_at: None,
            shared_by: None,
            version: 0,
        }
    }

    /// Observations this term in `area`.
    pub fn observed_in(&self, area: AreaOfLearning) -> i64 {
        self.by_area.get(&area_counter(area)).copied().unwrap_or(0)
    }

    /// What an observation published (`by` 1) or unpublished (`by` -1) at `at` adds to the
    /// child's term of it (`key`, from `ChildTermRecord::key`): counts, and the time of the
    /// last one. Upserts the item.
    pub fn observed(
        setting_id: &SettingId,
        term: &str,
        child_id: &ChildId,
        at: Timestamp,
        areas: &[AreaOfLearning],
        by: i64,
    ) -> crate::store::Change {
        let mut change = crate::store::Change::new()
            .set_if_absent("kind", "child-term")
            .set_if_absent("settingId", setting_id)
            .set_if_absent("childId", child_id)
            .set_if_absent("term", term)
            .set_if_absent("judgements", &BTreeMap::<String, String>::new())
            .set_if_absent("version", &0u64)
            .add("observations", by);
        if by > 0 {
            change = change.set("lastObservedAt", &at);
        }
        for area in areas {
            change = change.add(area_counter(*area).as_str(), by);
        }
        change
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct JudgementRecord {
    /// The band's key in the framework below.
    pub band: String,
    /// The framework and edition the band is of (`development-matters-2021`).
    pub framework: String,
    /// Observations of the child that evidence it.
    #[serde(default)]
    pub evidence: Vec<ObservationId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    pub judged_by: UserId,
    pub judged_by_name: String,
    pub judged_at: Timestamp,
}

/// Where a child's progress check at two stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ProgressCheckStatus {
    /// The key person is writing it; the family does not see it.
    Draft,
    /// Shared with the parents for their view and consent.
    WithFamily,
    /// Signed off by a manager: final, and the family can download it.
    SignedOff,
}

/// The progress check at two (EYFS 2.3), one per child (`SETTING#<s> / CHECK2#<child>`): a
/// short written summary of the prime areas, strengths, any concerns and what will be done, the
/// parents' view and their consent to share it for the integrated review, and the sign-off.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProgressCheckRecord {
    #[serde(rename = "PK")]
    pub pk: String,
    #[serde(rename = "SK")]
    pub sk: String,
    pub kind: String,
    pub setting_id: SettingId,
    pub child_id: ChildId,
    pub status: ProgressCheckStatus,
    pub communication_and_language: String,
    pub physical_development: String,
    pub personal_social_and_emotional_development: String,
    pub strengths: String,
    /// None: no concerns.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub concerns: Option<String>,
    /// What the setting (and family) will do.
    pub actions: String,
    pub written_by: UserId,
    pub written_by_name: String,
    pub written_at: Timestamp,
    /// The child's age in whole months when it was written.
    pub age_months: u16,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shared_at: Option<Timestamp>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub family_view: Option<String>,
    /// The parents' consent to share it with the health visitor for the integrated review.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub share_with_health_visitor: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub family_responded_by: Option<UserId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub family_responded_by_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub family_responded_at: Option<Timestamp>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signed_off_by: Option<UserId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signed_off_by_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signed_off_at: Option<Timestamp>,
    pub version: u64,
}

impl ProgressCheckRecord {
    pub fn key(setting_id: &SettingId, child_id: &ChildId) -> Key {
        Key::new(keys::setting(setting_id), keys::progress_check(child_id))
    }
}

//! A school's structure (`nestling_domain::school`): its year groups with their Learning
//! Managers and tutor groups (tutor, pupils), its teaching groups per subject with their
//! teacher, and the categories of points it gives. Staff read it; managers replace it whole.

use lambda_http::{Body, Request, Response};
use nestling_domain::school::{SchoolStructure, SettingKind};
use nestling_domain::{Action, SettingId};
use nestling_platform::access::{authorize, beside_authorisation};
use nestling_platform::http::{self, Problem};
use nestling_platform::records::{MemberRecord, RosterRecord, SchoolRecord, SettingRecord};
use nestling_platform::store::{keys, to_item, Change, Condition, Index, Query};
use nestling_platform::writes::AuditAction;
use nestling_platform::{App, Audit, Commit};
use serde::Serialize;
use std::collections::BTreeSet;
use std::sync::Arc;

nestling_platform::problems! {
    pub enum SchoolProblem {
        NotASchool => (409, "not-a-school", "This setting is a nursery: it has no year groups, tutor groups or points"),
        StaleSchool => (409, "conflict", "The school's groups changed since you read them; reload and try again"),
    }
}

/// The school as staff read it.
#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct SchoolView {
    pub kind: SettingKind,
    pub structure: SchoolStructure,
    /// 0 until a manager first sets it.
    pub version: u64,
}

/// GET /v1/settings/{settingId}/school (staff): the groups and categories (empty for a nursery).
pub async fn get_school(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("school-get", req, |req| async move {
        let setting_id = http::path_id::<SettingId>(&req, "settingId")?;
        let key = SchoolRecord::key(&setting_id);
        let auth = authorize(&app, &req, "school-get", Some(&setting_id), Action::ViewSchool, std::slice::from_ref(&key)).await?;
        let school = auth.record::<SchoolRecord>(&key)?;
        let view = SchoolView {
            kind: auth.setting().setting_kind,
            version: school.as_ref().map_or(0, |s| s.version),
            structure: school.map(|s| s.structure).unwrap_or_default(),
        };
        Ok(auth.tag(http::with_version(200, &view, view.version)))
    })
    .await
}

/// PUT /v1/settings/{settingId}/school (managers, If-Match): replaces the structure. Every
/// person named must be the school's active staff, every pupil one of its children, in one
/// tutor group at most.
pub async fn set_school(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("school-set", req, |req| async move {
        let setting_id = http::path_id::<SettingId>(&req, "settingId")?;
        let key = SchoolRecord::key(&setting_id);
        let staff =
            app.store().every_as::<MemberRecord>(Query::partition(Index::Table, keys::setting(&setting_id)).prefix(keys::MEMBER_PREFIX));
        let extra = [key.clone(), RosterRecord::key(&setting_id)];
        let (auth, members) =
            beside_authorisation(authorize(&app, &req, "school-set", Some(&setting_id), Action::SetSchool, &extra), staff).await?;
        let expected = http::if_match(&req)?;
        let structure: SchoolStructure = http::json_body(&req)?;
        if auth.setting().setting_kind != SettingKind::School {
            return Err(SchoolProblem::NotASchool.into());
        }
        let staff: BTreeSet<_> = members
            .iter()
            .filter(|m| m.role.is_staff() && m.status == nestling_domain::MembershipStatus::Active)
            .map(|m| m.user_id.clone())
            .collect();
        let roster = auth.record::<RosterRecord>(&RosterRecord::key(&setting_id))?;
        let pupils: BTreeSet<_> = roster.map(|r| r.children.keys().cloned().collect()).unwrap_or_default();
        structure.check(&staff, &pupils).map_err(|e| Problem::invalid(e.to_string()))?;
        let current = auth.record::<SchoolRecord>(&key)?;
        let read = current.as_ref().map_or(0, |s| s.version);
        if expected != read {
            return Err(SchoolProblem::StaleSchool.into());
        }
        let staff_names = members.iter().filter(|m| staff.contains(&m.user_id)).map(|m| (m.user_id.clone(), m.name.clone())).collect();
        let record = SchoolRecord {
            pk: key.pk.clone(),
            sk: key.sk.clone(),
            kind: "school".into(),
            setting_id: setting_id.clone(),
            structure,
            staff_names,
            version: read + 1,
        };
        let view = SchoolView { kind: SettingKind::School, structure: record.structure.clone(), version: record.version };
        let groups: usize = record.structure.year_groups.iter().map(|y| y.tutor_groups.len()).sum();
        let detail = format!(
            "{} year groups, {groups} tutor groups, {} teaching groups",
            record.structure.year_groups.len(),
            record.structure.teaching_groups.len()
        );
        let mut commit = Commit::new(&app, &auth, Audit::of(&setting_id, AuditAction::SchoolSet, "school").detail(detail))
            .write_or(app.store().put_after(to_item(&record), read), SchoolProblem::StaleSchool.into());
        // Whether the EYFS applies is the setting's, read by every use case with the
        // authorisation: changed there, under the setting's version.
        let setting = auth.setting();
        if setting.early_years != record.structure.early_years {
            let change = Change::new()
                .set("earlyYears", &record.structure.early_years)
                .set("version", &(setting.version + 1))
                .on_existing()
                .when(Condition::version_is(setting.version));
            commit = commit.write_or(app.store().change(&SettingRecord::key(&setting_id), change), SchoolProblem::StaleSchool.into());
        }
        commit.answer(200, &view, Some(record.version)).await
    })
    .await
}

#[cfg(test)]
#[path = "school_tests.rs"]
mod tests;

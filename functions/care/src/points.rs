//! Achievement and behaviour points in a school (`nestling_domain::school_points`): staff give a
//! pupil a point with a category from the school's list, a short reason and the lesson it
//! happened in (or none); the first contact for it is named then (the teaching group's teacher,
//! or the pupil's year group's Learning Manager). Parents with parental responsibility read
//! their own child's points after the publishing delay, with the totals of the range asked for.

use crate::*;
use lambda_http::{Body, Request, Response};
use nestling_domain::school::{academic_year_start, by_term, SettingKind};
use nestling_domain::school_points::{self, first_contact, PointKind, PointPlace, PointTotals};
use nestling_domain::Action;
use nestling_platform::access::{authorize_child, beside_authorisation};
use nestling_platform::http;
use nestling_platform::records::{ContactRecord, LessonRecord, PointRecord, SchoolRecord};
use serde::Deserialize;
use std::sync::Arc;

/// A point given: its kind and category (from the school's list), the reason, 1-5 points, and
/// the lesson's teaching group (none: outside a lesson).
#[derive(Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NewPoint {
    pub kind: PointKind,
    pub category: String,
    pub reason: String,
    pub points: u8,
    pub teaching_group_id: Option<String>,
}

/// One point as staff and (after the delay) parents read it.
#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct PointView {
    pub point_id: String,
    pub kind: PointKind,
    pub category: String,
    pub reason: String,
    pub points: u8,
    pub lesson: Option<LessonRecord>,
    /// Whom a parent contacts about it, after asking their child.
    pub first_contact: ContactRecord,
    pub given_by_name: String,
    #[schema(value_type = String, format = DateTime)]
    pub given_at: Timestamp,
}

fn view(p: PointRecord) -> PointView {
    PointView {
        point_id: p.point_id,
        kind: p.point_kind,
        category: p.category,
        reason: p.reason,
        points: p.points,
        lesson: p.lesson,
        first_contact: p.first_contact,
        given_by_name: p.given_by_name,
        given_at: p.given_at,
    }
}

/// POST /v1/settings/{settingId}/children/{childId}/points (staff, in a school).
pub async fn give_point(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("points-give", req, |req| async move {
        let setting_id = http::path_id::<SettingId>(&req, "settingId")?;
        let child_id = http::path_id::<ChildId>(&req, "childId")?;
        let school_key = SchoolRecord::key(&setting_id);
        let auth =
            authorize_child(&app, &req, "points-give", &setting_id, &child_id, Action::GivePoints, std::slice::from_ref(&school_key))
                .await?;
        let body: NewPoint = http::json_body(&req)?;
        if auth.setting().setting_kind != SettingKind::School {
            return Err(CareProblem::NotASchool.into());
        }
        let invalid = |e: nestling_domain::ValueError| Problem::invalid(e.to_string());
        let points = school_points::check_points(body.points).map_err(invalid)?;
        let reason = school_points::check_reason(&body.reason).map_err(invalid)?;
        let stored = auth.record::<SchoolRecord>(&school_key)?;
        let names = stored.as_ref().map(|s| s.staff_names.clone()).unwrap_or_default();
        let school = stored.map(|s| s.structure).unwrap_or_default();
        let categories = match body.kind {
            PointKind::Achievement => &school.point_categories.achievement,
            PointKind::Behaviour => &school.point_categories.behaviour,
        };
        if !categories.contains(&body.category) {
            return Err(Problem::invalid("category: one of the school's categories for this kind of point"));
        }
        // Who a parent contacts first: the lesson's teacher, or the pupil's Learning Manager.
        let (place, lesson, contact_id) = match &body.teaching_group_id {
            Some(id) => {
                let group =
                    school.teaching_group(id).ok_or_else(|| Problem::invalid("teachingGroupId: one of the school's teaching groups"))?;
                let lesson = LessonRecord {
                    subject: group.subject.clone(),
                    teaching_group_id: group.teaching_group_id.clone(),
                    teaching_group: group.name.clone(),
                };
                (
                    PointPlace::Lesson { subject: group.subject.clone(), teaching_group_id: id.clone() },
                    Some(lesson),
                    group.teacher_id.clone(),
                )
            }
            None => {
                let (year, _) = school.place_of(&child_id).ok_or_else(|| {
                    Problem::from(CareProblem::NoTutorGroup).with_detail("a manager puts the pupil in a tutor group first")
                })?;
                (PointPlace::OutsideLesson, None, year.learning_manager_id.clone())
            }
        };
        let role = first_contact(&place);
        let name = names.get(&contact_id).cloned().unwrap_or_default();
        let first_contact = ContactRecord { role, user_id: contact_id, name };
        let given_at = Timestamp::new(auth.now);
        let point_id = app.new_sortable_id();
        let key = PointRecord::key(&setting_id, &child_id, &given_at, &point_id);
        let record = PointRecord {
            pk: key.pk,
            sk: key.sk,
            kind: "point".into(),
            point_id,
            child_id: child_id.clone(),
            point_kind: body.kind,
            category: body.category.clone(),
            reason,
            points,
            lesson,
            first_contact,
            given_by: auth.caller.user_id.clone(),
            given_by_name: auth.member().name.clone(),
            given_at,
        };
        let detail = format!("{:?} {} ({} points)", record.point_kind, record.category, record.points);
        let answer = view(record.clone());
        Commit::new(&app, &auth, Audit::child(&setting_id, AuditAction::PointGive, &child_id).detail(detail))
            .write(app.store().put_new(to_item(&record)))
            .answer(201, &answer, None)
            .await
    })
    .await
}

/// One term's points.
#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct TermPoints {
    /// "2026-autumn".
    pub term: String,
    pub totals: PointTotals,
}

/// A pupil's points in a range, with their totals.
#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct PupilPoints {
    #[schema(value_type = String)]
    pub child_id: ChildId,
    pub from: String,
    pub to: String,
    pub totals: PointTotals,
    /// The range's totals term by term.
    pub terms: Vec<TermPoints>,
    /// Newest first.
    pub items: Vec<PointView>,
}

/// GET /v1/settings/{settingId}/children/{childId}/points?from=&to= (staff; parents with parental
/// responsibility, who see each point once the publishing delay has passed): the range's points
/// (the academic year so far when left out) and their totals.
pub async fn list_points(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("points-list", req, |req| async move {
        let setting_id = http::path_id::<SettingId>(&req, "settingId")?;
        let child_id = http::path_id::<ChildId>(&req, "childId")?;
        let date = |name: &str| http::query_param(&req, name).map(|d| parse_date(name, &d)).transpose();
        let (from, to) = (date("from"), date("to"));
        let query = Query::partition(Index::Table, keys::pupil_points(&setting_id, &child_id)).prefix("POINT#");
        let (auth, points) = beside_authorisation(
            authorize_child(&app, &req, "points-list", &setting_id, &child_id, Action::ViewPoints, &[]),
            app.store().every_as::<PointRecord>(query),
        )
        .await?;
        let setting = auth.setting();
        let today = setting.today(auth.now);
        let to = to?.unwrap_or(today);
        let from = from?.unwrap_or_else(|| academic_year_start(to));
        if from > to || (to - from).whole_days() > 400 {
            return Err(Problem::invalid("from and to: a range of at most 400 days, from before to"));
        }
        let staff = auth.is_staff();
        let shown: Vec<PointRecord> = points
            .into_iter()
            .filter(|p| {
                (from..=to).contains(&setting.today(p.given_at.at())) && (staff || setting.reached_family(p.given_at.at(), auth.now))
            })
            .collect();
        let totals = shown.iter().fold(PointTotals::default(), |t, p| t.counting(p.point_kind, p.points));
        let dated = shown.iter().map(|p| (setting.today(p.given_at.at()), (p.point_kind, p.points)));
        let terms = by_term(dated, |t: PointTotals, (kind, points)| t.counting(kind, points))
            .into_iter()
            .map(|(term, totals)| TermPoints { term, totals })
            .collect();
        let mut items: Vec<PointView> = shown.into_iter().map(view).collect();
        items.reverse();
        Audit::child(&setting_id, AuditAction::PointsView, &child_id).detail(format!("{from} to {to}")).log_read(&app, &auth).await?;
        Ok(auth.tag(http::ok(&PupilPoints { child_id, from: from.to_string(), to: to.to_string(), totals, terms, items })))
    })
    .await
}

#[cfg(test)]
#[path = "points_tests.rs"]
mod tests;

//! A school's registers (`nestling_domain::school_attendance`): each tutor group's register
//! for the morning and the afternoon, every pupil marked with a national code; amendments keep
//! the original entry with their reason, who and when. Parents with parental responsibility
//! read their own child's marks once the setting's publishing delay has passed (the entry
//! standing then), with the term's and the year's totals; staff read a tutor group's totals.

use crate::*;
use lambda_http::{Body, Request, Response};
use nestling_domain::school::{self, academic_year_start, by_term, SettingKind, TutorGroup};
use nestling_domain::school_attendance::{
    change_to, check_register_day, AttendanceCode, CodeCategory, MarkChange, SchoolSession, SessionTotals, CODES, MAX_MARK_ENTRIES,
};
use nestling_domain::school_points::PointTotals;
use nestling_domain::Action;
use nestling_platform::access::{authorize, authorize_child, beside_authorisation};
use nestling_platform::http;
use nestling_platform::records::{MarkEntryRecord, PointRecord, SchoolMarkRecord, SchoolRecord};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::Arc;

/// A national code as the register's form offers it.
#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CodeView {
    pub code: &'static str,
    pub meaning: &'static str,
    pub category: CodeCategory,
}

fn code_view(code: AttendanceCode) -> CodeView {
    CodeView { code: code.code(), meaning: code.meaning(), category: code.category() }
}

/// A session's mark as staff read it: the code standing, and every entry (the first and each
/// amendment) with who, when and why.
#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct MarkView {
    #[serde(flatten)]
    pub code: CodeView,
    /// What a change sends back (0: no mark yet).
    pub version: u64,
    pub entries: Vec<MarkEntryRecord>,
}

fn mark_view(record: &SchoolMarkRecord) -> Option<MarkView> {
    let code = record.code()?;
    Some(MarkView { code: code_view(code), version: record.version, entries: record.entries.clone() })
}

/// One pupil's line in a tutor group's register.
#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct RegisterPupil {
    #[schema(value_type = String)]
    pub child_id: ChildId,
    pub first_name: String,
    pub last_name: String,
    pub am: Option<MarkView>,
    pub pm: Option<MarkView>,
}

/// A tutor group's register for one day.
#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct SchoolRegisterView {
    pub tutor_group_id: String,
    pub name: String,
    pub tutor_name: String,
    pub date: String,
    pub pupils: Vec<RegisterPupil>,
    /// The national codes in force, with what each means and how it counts.
    pub codes: Vec<CodeView>,
}

/// The school's structure and one of its tutor groups, found from the authorisation's read.
fn tutor_group_of(auth: &Authorized, setting_id: &SettingId, tutor_group_id: &str) -> ApiResult<(SchoolRecord, TutorGroup)> {
    if auth.setting().setting_kind != SettingKind::School {
        return Err(CareProblem::NotASchool.into());
    }
    let record = auth.record::<SchoolRecord>(&SchoolRecord::key(setting_id))?.ok_or_else(Problem::not_found)?;
    let group = record
        .structure
        .year_groups
        .iter()
        .flat_map(|y| y.tutor_groups.iter())
        .find(|t| t.tutor_group_id == tutor_group_id)
        .cloned()
        .ok_or_else(Problem::not_found)?;
    Ok((record, group))
}

fn tutor_group_id(req: &Request) -> ApiResult<String> {
    let id = http::path_param(req, "tutorGroupId")?;
    if id.is_empty() || id.len() > 40 || !id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
        return Err(Problem::not_found());
    }
    Ok(id)
}

/// The register's lines: the group's pupils on the roster that day (a leaver from their leaving
/// date unless already marked), by surname.
fn register_lines(
    roster: &RosterRecord,
    group: &TutorGroup,
    date: Date,
    marks: &BTreeMap<(ChildId, SchoolSession), SchoolMarkRecord>,
) -> Vec<RegisterPupil> {
    let day = date_text(date);
    let mut lines: Vec<RegisterPupil> = group
        .pupils
        .iter()
        .filter_map(|child_id| {
            let entry = roster.children.get(child_id)?;
            let am = marks.get(&(child_id.clone(), SchoolSession::Am)).and_then(mark_view);
            let pm = marks.get(&(child_id.clone(), SchoolSession::Pm)).and_then(mark_view);
            if entry.has_left(&day) && am.is_none() && pm.is_none() {
                return None;
            }
            Some(RegisterPupil {
                child_id: child_id.clone(),
                first_name: entry.first_name.clone(),
                last_name: entry.last_name.clone(),
                am,
                pm,
            })
        })
        .collect();
    lines.sort_by_key(|l| (l.last_name.to_lowercase(), l.first_name.to_lowercase(), l.child_id.clone()));
    lines
}

fn register_view(school: &SchoolRecord, group: &TutorGroup, date: Date, pupils: Vec<RegisterPupil>) -> SchoolRegisterView {
    SchoolRegisterView {
        tutor_group_id: group.tutor_group_id.clone(),
        name: group.name.clone(),
        tutor_name: school.staff_names.get(&group.tutor_id).cloned().unwrap_or_default(),
        date: date_text(date),
        pupils,
        codes: CODES.iter().filter_map(|c| AttendanceCode::parse(c.code).ok()).map(code_view).collect(),
    }
}

fn mark_keys(setting_id: &SettingId, pupils: &[ChildId], date: Date, sessions: &[SchoolSession]) -> Vec<(ChildId, SchoolSession, Key)> {
    pupils.iter().flat_map(|c| sessions.iter().map(move |s| (c.clone(), *s, SchoolMarkRecord::key(setting_id, c, date, *s)))).collect()
}

/// GET /v1/settings/{settingId}/school/registers/{tutorGroupId}?date= (staff): the group's
/// pupils with their morning and afternoon marks (today when no date is given).
pub async fn get_school_register(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("school-register-get", req, |req| async move {
        let setting_id = http::path_id::<SettingId>(&req, "settingId")?;
        let group_id = tutor_group_id(&req);
        let asked = http::query_param(&req, "date").map(|d| parse_date("date", &d)).transpose();
        let extra = [SchoolRecord::key(&setting_id), RosterRecord::key(&setting_id)];
        let auth = authorize(&app, &req, "school-register-get", Some(&setting_id), Action::ViewSchoolRegister, &extra).await?;
        let (school, group) = tutor_group_of(&auth, &setting_id, &group_id?)?;
        let date =
            check_register_day(asked?.unwrap_or_else(|| local_today(auth.setting(), auth.now)), local_today(auth.setting(), auth.now))
                .map_err(|e| Problem::invalid(e.to_string()))?;
        let roster = roster_of(auth.item(&RosterRecord::key(&setting_id)), &setting_id)?;
        let wanted = mark_keys(&setting_id, &group.pupils, date, &[SchoolSession::Am, SchoolSession::Pm]);
        let keys: Vec<Key> = wanted.iter().map(|(_, _, k)| k.clone()).collect();
        // The log line names the group's pupils, known before their marks: both in one trip.
        let log = Audit::children(&setting_id, AuditAction::SchoolRegisterView, group.pupils.clone())
            .detail(format!("{} {}", group.name, date_text(date)))
            .log_read(&app, &auth);
        let read = async { app.store().get_many(&keys).await.map_err(Problem::from) };
        let (logged, found) = tokio::join!(log, read);
        logged?;
        let mut marks = BTreeMap::new();
        for ((child_id, session, _), item) in wanted.into_iter().zip(found?) {
            if let Some(item) = item {
                marks.insert((child_id, session), from_item::<SchoolMarkRecord>(item)?);
            }
        }
        let pupils = register_lines(&roster, &group, date, &marks);
        Ok(auth.tag(http::ok(&register_view(&school, &group, date, pupils))))
    })
    .await
}

/// One pupil's mark in a register being taken: the code, the version it was read at (0: no
/// mark yet) and, for an amendment, why.
#[derive(Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NewMark {
    pub child_id: String,
    pub code: String,
    #[serde(default)]
    pub version: u64,
    pub reason: Option<String>,
}

/// A register taken or amended: one session of one day, some or all of the group's pupils.
#[derive(Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RegisterMarks {
    /// "2026-12-07".
    pub date: String,
    pub session: SchoolSession,
    pub marks: Vec<NewMark>,
}

/// The marks as they stand after a register was taken.
#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct MarkedSession {
    pub date: String,
    pub session: SchoolSession,
    pub marks: Vec<MarkedPupil>,
}

#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct MarkedPupil {
    #[schema(value_type = String)]
    pub child_id: ChildId,
    pub mark: MarkView,
}

/// POST /v1/settings/{settingId}/school/registers/{tutorGroupId} (staff): marks one session,
/// each mark written under the version it was read at (409 `mark-changed` if another came
/// first); the same code again changes nothing, so a retried request is harmless.
pub async fn mark_school_register(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("school-register-mark", req, |req| async move {
        let setting_id = http::path_id::<SettingId>(&req, "settingId")?;
        let group_id = tutor_group_id(&req);
        let body = http::json_body::<RegisterMarks>(&req);
        // The marks' keys are known from the request: read with the authorisation.
        let asked: Option<(Date, Vec<ChildId>, SchoolSession)> = body.as_ref().ok().and_then(|b| {
            let date = parse_date("date", &b.date).ok()?;
            let ids = b.marks.iter().map(|m| ChildId::parse(&m.child_id)).collect::<Result<Vec<_>, _>>().ok()?;
            (ids.len() <= school::MAX_PUPILS_IN_A_TUTOR_GROUP).then_some((date, ids, b.session))
        });
        let wanted = asked.as_ref().map(|(date, ids, session)| mark_keys(&setting_id, ids, *date, &[*session])).unwrap_or_default();
        let mut extra = vec![SchoolRecord::key(&setting_id), RosterRecord::key(&setting_id)];
        extra.extend(wanted.iter().map(|(_, _, k)| k.clone()));
        let auth = authorize(&app, &req, "school-register-mark", Some(&setting_id), Action::MarkSchoolRegister, &extra).await?;
        let body = body?;
        let (_, group) = tutor_group_of(&auth, &setting_id, &group_id?)?;
        let invalid = |e: nestling_domain::ValueError| Problem::invalid(e.to_string());
        let today = local_today(auth.setting(), auth.now);
        let date = check_register_day(parse_date("date", &body.date)?, today).map_err(invalid)?;
        let Some((_, ids, session)) = asked else {
            return Err(Problem::invalid("marks: at most 40, each for a pupil id"));
        };
        if body.marks.is_empty() || ids.iter().collect::<BTreeSet<_>>().len() != ids.len() {
            return Err(Problem::invalid("marks: one for each pupil marked, at least one"));
        }
        let roster = roster_of(auth.item(&RosterRecord::key(&setting_id)), &setting_id)?;
        let now = Timestamp::new(auth.now);
        let mut writes = Vec::new();
        let mut marks = BTreeMap::new();
        let mut changed = Vec::new();
        let mut amended = 0;
        for ((child_id, _, key), mark) in wanted.iter().zip(&body.marks) {
            let on_roster = roster.children.get(child_id).is_some_and(|e| !e.has_left(&date_text(date)));
            if !group.pupils.contains(child_id) || !on_roster {
                return Err(Problem::invalid(format!("childId {child_id}: a pupil of {} on the roll that day", group.name)));
            }
            let code = AttendanceCode::parse(&mark.code).map_err(invalid)?;
            let current = auth.record::<SchoolMarkRecord>(key)?;
            let read = current.as_ref().map_or(0, |m| m.version);
            let (change, reason) =
                change_to(current.as_ref().and_then(|m| m.code()), code, session, mark.reason.as_deref()).map_err(invalid)?;
            if change != MarkChange::Same && mark.version != read {
                return Err(Problem::from(CareProblem::MarkChanged).with_detail(format!("{child_id}'s mark is at version {read}")));
            }
            if current.as_ref().is_some_and(|m| m.entries.len() >= MAX_MARK_ENTRIES) && change == MarkChange::Amend {
                return Err(Problem::limit_reached(format!(
                    "{child_id}'s mark holds {MAX_MARK_ENTRIES} entries, the most one session keeps"
                )));
            }
            let entry = MarkEntryRecord { code, reason, by: auth.caller.user_id.clone(), by_name: auth.member().name.clone(), at: now };
            let record = match (change, current) {
                (MarkChange::Same, Some(same)) => same,
                (_, current) => {
                    let mut record = current.unwrap_or_else(|| SchoolMarkRecord {
                        pk: key.pk.clone(),
                        sk: key.sk.clone(),
                        kind: "school-mark".into(),
                        child_id: child_id.clone(),
                        date: date_text(date),
                        session,
                        tutor_group_id: group.tutor_group_id.clone(),
                        entries: Vec::new(),
                        version: 0,
                    });
                    record.entries.push(entry);
                    record.version = read + 1;
                    amended += usize::from(change == MarkChange::Amend);
                    changed.push(child_id.clone());
                    writes.push(app.store().put_after(to_item(&record), read));
                    record
                }
            };
            marks.insert((child_id.clone(), session), record);
        }
        let view = MarkedSession {
            date: date_text(date),
            session,
            marks: marks.values().filter_map(|m| Some(MarkedPupil { child_id: m.child_id.clone(), mark: mark_view(m)? })).collect(),
        };
        if changed.is_empty() {
            return Ok(auth.tag(http::ok(&view)));
        }
        let detail = format!("{} {} {:?}: {} marked, {amended} amended", group.name, date_text(date), session, changed.len() - amended);
        Commit::new(&app, &auth, Audit::children(&setting_id, AuditAction::SchoolRegisterMark, changed).detail(detail))
            .writes(writes)
            .on_conflict(|_| CareProblem::MarkChanged.into())
            .answer(200, &view, None)
            .await
    })
    .await
}

/// A session's mark as a pupil's attendance shows it: to parents the code standing once the
/// publishing delay has passed; to staff the entries too.
#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct SessionMarkView {
    #[serde(flatten)]
    pub code: CodeView,
    /// Staff only: the first entry and each amendment.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entries: Option<Vec<MarkEntryRecord>>,
}

#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct AttendanceDayMarks {
    pub date: String,
    pub am: Option<SessionMarkView>,
    pub pm: Option<SessionMarkView>,
}

/// One term's sessions.
#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct TermAttendance {
    /// "2026-autumn".
    pub term: String,
    pub totals: SessionTotals,
    pub attendance_per_mille: Option<u32>,
}

/// A pupil's attendance over a range within one school year.
#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct PupilAttendance {
    #[schema(value_type = String)]
    pub child_id: ChildId,
    pub from: String,
    pub to: String,
    pub totals: SessionTotals,
    /// Sessions attended, in tenths of a percent of the possible ones (none: no possible one).
    pub attendance_per_mille: Option<u32>,
    pub terms: Vec<TermAttendance>,
    /// Newest first.
    pub days: Vec<AttendanceDayMarks>,
}

/// A range of days within one school year: `from` and `to` as asked, else from `default_from`
/// of the year `to` falls in (today when left out).
fn school_range(req: &Request, today: Date, default_from: impl Fn(Date) -> Date) -> ApiResult<(Date, Date)> {
    let date = |name: &str| http::query_param(req, name).map(|d| parse_date(name, &d)).transpose();
    let to = date("to")?.unwrap_or(today);
    let from = date("from")?.unwrap_or_else(|| default_from(to));
    if from > to || academic_year_start(from) != academic_year_start(to) {
        return Err(Problem::invalid("from and to: from before to, in one school year (September to August)"));
    }
    Ok((from, to))
}

/// The entry a parent may see now: the newest whose publishing delay has passed.
fn published_entry<'a>(record: &'a SchoolMarkRecord, setting: &SettingRecord, now: OffsetDateTime) -> Option<&'a MarkEntryRecord> {
    record.entries.iter().rev().find(|e| setting.reached_family(e.at.at(), now))
}

/// A pupil's marks of one school year (one query: the year is the sort keys' prefix).
fn year_of_marks(setting_id: &SettingId, child_id: &ChildId, day: Date) -> Query {
    Query::partition(Index::Table, keys::pupil_marks(setting_id, child_id)).prefix(SchoolMarkRecord::year_prefix(day)).limit(1000)
}

/// GET /v1/settings/{settingId}/children/{childId}/school-attendance?from=&to= (staff; parents
/// with parental responsibility, who see each mark once the publishing delay has passed): the
/// range's marks (the school year so far when left out) and their totals, term by term.
pub async fn pupil_attendance(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("school-attendance-get", req, |req| async move {
        let setting_id = http::path_id::<SettingId>(&req, "settingId")?;
        let child_id = http::path_id::<ChildId>(&req, "childId")?;
        // The year is read beside the authorisation: the one `to` names, else the UTC date's
        // (the setting's today differs from it only around midnight, never across 1 September
        // in England; a different year is read again after).
        let asked_to = http::query_param(&req, "to").and_then(|d| parse_date("to", &d).ok()).unwrap_or(app.clock.now().date());
        let (auth, mut marks) = beside_authorisation(
            authorize_child(&app, &req, "school-attendance-get", &setting_id, &child_id, Action::ViewSchoolAttendance, &[]),
            app.store().every_as::<SchoolMarkRecord>(year_of_marks(&setting_id, &child_id, asked_to)),
        )
        .await?;
        let setting = auth.setting();
        let (from, to) = school_range(&req, local_today(setting, auth.now), academic_year_start)?;
        if academic_year_start(to) != academic_year_start(asked_to) {
            marks = app.store().every_as::<SchoolMarkRecord>(year_of_marks(&setting_id, &child_id, to)).await?;
        }
        let staff = auth.is_staff();
        let mut days: BTreeMap<String, AttendanceDayMarks> = BTreeMap::new();
        let mut counted = Vec::new();
        for record in &marks {
            let Ok(date) = parse_date("date", &record.date) else { continue };
            if date < from || date > to {
                continue;
            }
            let entry = if staff { record.entries.last() } else { published_entry(record, setting, auth.now) };
            let Some(entry) = entry else { continue };
            counted.push((date, entry.code));
            let view = SessionMarkView { code: code_view(entry.code), entries: staff.then(|| record.entries.clone()) };
            let day =
                days.entry(record.date.clone()).or_insert_with(|| AttendanceDayMarks { date: record.date.clone(), am: None, pm: None });
            match record.session {
                SchoolSession::Am => day.am = Some(view),
                SchoolSession::Pm => day.pm = Some(view),
            }
        }
        let totals = counted.iter().fold(SessionTotals::default(), |t, (_, code)| t.counting(*code));
        let terms = by_term(counted, |t: SessionTotals, code| t.counting(code))
            .into_iter()
            .map(|(term, totals)| TermAttendance { term, attendance_per_mille: totals.per_mille(), totals })
            .collect();
        Audit::child(&setting_id, AuditAction::SchoolAttendanceView, &child_id)
            .detail(format!("{from} to {to}"))
            .log_read(&app, &auth)
            .await?;
        Ok(auth.tag(http::ok(&PupilAttendance {
            child_id,
            from: date_text(from),
            to: date_text(to),
            attendance_per_mille: totals.per_mille(),
            totals,
            terms,
            days: days.into_values().rev().collect(),
        })))
    })
    .await
}

/// One pupil's totals in a tutor group's.
#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct PupilTotals {
    #[schema(value_type = String)]
    pub child_id: ChildId,
    pub first_name: String,
    pub last_name: String,
    pub attendance: SessionTotals,
    pub attendance_per_mille: Option<u32>,
    pub points: PointTotals,
}

/// A tutor group's totals over a range: each pupil's and the group's.
#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct TutorGroupTotals {
    pub tutor_group_id: String,
    pub name: String,
    pub from: String,
    pub to: String,
    pub attendance: SessionTotals,
    pub attendance_per_mille: Option<u32>,
    pub points: PointTotals,
    pub pupils: Vec<PupilTotals>,
}

/// GET /v1/settings/{settingId}/school/registers/{tutorGroupId}/totals?from=&to= (staff): each
/// pupil's attendance and points over the range (this term so far when left out), and the
/// group's. Every pupil's marks and points are read at once, in one round trip.
pub async fn tutor_group_totals(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("school-totals-get", req, |req| async move {
        let setting_id = http::path_id::<SettingId>(&req, "settingId")?;
        let group_id = tutor_group_id(&req);
        let extra = [SchoolRecord::key(&setting_id), RosterRecord::key(&setting_id)];
        let auth = authorize(&app, &req, "school-totals-get", Some(&setting_id), Action::ViewSchoolRegister, &extra).await?;
        let (_, group) = tutor_group_of(&auth, &setting_id, &group_id?)?;
        let setting = auth.setting();
        let (from, to) = school_range(&req, local_today(setting, auth.now), |to| {
            nestling_domain::eyfs::Term::of(to).first_day().max(academic_year_start(to))
        })?;
        let roster = roster_of(auth.item(&RosterRecord::key(&setting_id)), &setting_id)?;
        let store = app.store();
        let reads = group.pupils.iter().map(|child_id| {
            let marks = store.every_as::<SchoolMarkRecord>(year_of_marks(&setting_id, child_id, to));
            let points = store.every_as::<PointRecord>(
                Query::partition(Index::Table, keys::pupil_points(&setting_id, child_id)).prefix("POINT#").limit(1000),
            );
            async move { tokio::try_join!(marks, points) }
        });
        let log = Audit::children(&setting_id, AuditAction::SchoolTotalsView, group.pupils.clone())
            .detail(format!("{} {from} to {to}", group.name))
            .log_read(&app, &auth);
        let (logged, read) = tokio::join!(log, futures::future::try_join_all(reads));
        logged?;
        let in_range = |date: Date| (from..=to).contains(&date);
        let mut pupils = Vec::new();
        for (child_id, (marks, points)) in group.pupils.iter().zip(read?) {
            let Some(entry) = roster.children.get(child_id) else { continue };
            let attendance = marks
                .iter()
                .filter(|m| parse_date("date", &m.date).is_ok_and(in_range))
                .filter_map(SchoolMarkRecord::code)
                .fold(SessionTotals::default(), SessionTotals::counting);
            let points = points
                .iter()
                .filter(|p| in_range(setting.today(p.given_at.at())))
                .fold(PointTotals::default(), |t, p| t.counting(p.point_kind, p.points));
            pupils.push(PupilTotals {
                child_id: child_id.clone(),
                first_name: entry.first_name.clone(),
                last_name: entry.last_name.clone(),
                attendance_per_mille: attendance.per_mille(),
                attendance,
                points,
            });
        }
        pupils.sort_by_key(|p| (p.last_name.to_lowercase(), p.first_name.to_lowercase(), p.child_id.clone()));
        let attendance = pupils.iter().fold(SessionTotals::default(), |t, p| t.plus(p.attendance));
        let points = pupils.iter().fold(PointTotals::default(), |t, p| t.plus(p.points));
        Ok(auth.tag(http::ok(&TutorGroupTotals {
            tutor_group_id: group.tutor_group_id.clone(),
            name: group.name.clone(),
            from: date_text(from),
            to: date_text(to),
            attendance_per_mille: attendance.per_mille(),
            attendance,
            points,
            pupils,
        })))
    })
    .await
}

#[cfg(test)]
#[path = "school_register_tests.rs"]
mod tests;

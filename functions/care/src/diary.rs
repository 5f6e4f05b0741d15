//! A child's day beyond attendance: the diary (meals, naps, nappies, activities, notes) and
//! medicines, given only under a parent's current written permission, witnessed, and told to
//! the parents the same day.

use crate::*;
use lambda_http::{Body, Request, Response};
use nestling_domain::care::MealAmount;
use nestling_domain::MembershipStatus;
use nestling_domain::{Action, ChildId, DiaryEntryId, DoseId, FreeText, Notes, PermissionId, SettingId, Timestamp, UserId};
use nestling_platform::access::authorize_child;
use nestling_platform::http::{self, ApiResult, Problem};
use nestling_platform::records::{
    ChildRecord, DiaryDetail, DiaryEntryRecord, DiaryRecord, DoseRecord, MedicinePermissionRecord, MemberRecord, PermissionTerm,
};
use nestling_platform::writes;
use nestling_platform::writes::AuditAction;
use nestling_platform::{Audit, Commit};
use serde::{Deserialize, Serialize};
use std::sync::Arc;
use time::{Date, Duration, OffsetDateTime};

pub use nestling_domain::bounds::{MAX_CURRENT_MEDICINE_PERMISSIONS, MAX_DIARY_ENTRIES, MAX_DOSES_PER_DAY, MAX_MEDICINE_TIMES};
const CLOCK_SKEW: Duration = Duration::minutes(2);

/// A line for the diary, by kind. Times are RFC 3339, earlier today in the setting's zone.
#[derive(Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case", tag = "kind", deny_unknown_fields)]
pub enum NewDiaryEntry {
    #[serde(rename_all = "camelCase")]
    Meal {
        #[schema(value_type = String)]
        what: FreeText,
        amount: MealAmount,
        at: Option<String>,
    },
    #[serde(rename_all = "camelCase")]
    Nap { start: String, end: String },
    #[serde(rename_all = "camelCase")]
    Nappy { wet: bool, soiled: bool, cream: bool, at: Option<String> },
    #[serde(rename_all = "camelCase")]
    Activity {
        #[schema(value_type = String)]
        text: Notes,
        at: Option<String>,
    },
    #[serde(rename_all = "camelCase")]
    Note {
        #[schema(value_type = String)]
        text: Notes,
        at: Option<String>,
    },
}

#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct DiaryEntryView {
    #[schema(value_type = String)]
    pub entry_id: DiaryEntryId,
    #[schema(value_type = String)]
    pub at: Timestamp,
    #[schema(value_type = String)]
    pub by: UserId,
    pub by_name: String,
    #[serde(flatten)]
    pub detail: DiaryDetail,
}

#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct DoseView {
    #[schema(value_type = String)]
    pub dose_id: DoseId,
    #[schema(value_type = String)]
    pub permission_id: PermissionId,
    pub medicine: String,
    pub amount: String,
    #[schema(value_type = String)]
    pub at: Timestamp,
    #[schema(value_type = String)]
    pub given_by: UserId,
    pub given_by_name: String,
    #[schema(value_type = String)]
    pub witnessed_by: UserId,
    pub witnessed_by_name: String,
}

#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct DiaryView {
    #[schema(value_type = String)]
    pub child_id: ChildId,
    pub date: String,
    /// In time order.
    pub entries: Vec<DiaryEntryView>,
    pub doses: Vec<DoseView>,
}

fn diary_view(diary: &DiaryRecord) -> DiaryView {
    let mut entries: Vec<DiaryEntryView> = diary
        .entries
        .iter()
        .map(|e| DiaryEntryView {
            entry_id: e.entry_id.clone(),
            at: e.at,
            by: e.by.clone(),
            by_name: e.by_name.clone(),
            detail: e.detail.clone(),
        })
        .collect();
    entries.sort_by_key(|e| e.at);
    let doses = diary
        .doses
        .iter()
        .map(|d| DoseView {
            dose_id: d.dose_id.clone(),
            permission_id: d.permission_id.clone(),
            medicine: d.medicine.clone(),
            amount: d.amount.clone(),
            at: d.at,
            given_by: d.given_by.clone(),
            given_by_name: d.given_by_name.clone(),
            witnessed_by: d.witnessed_by.clone(),
            witnessed_by_name: d.witnessed_by_name.clone(),
        })
        .collect();
    DiaryView { child_id: diary.child_id.clone(), date: diary.date.clone(), entries, doses }
}

fn diary_keys(setting_id: &SettingId, child_id: &ChildId, days: &[Date]) -> Vec<Key> {
    days.iter().map(|d| DiaryRecord::key(setting_id, child_id, &date_text(*d))).collect()
}

/// The child's diary for `date`, loaded with the authorisation by `diary_keys` (an empty one
/// when there is none yet, or when `date` was not among the days loaded).
fn pick_diary(auth: &Authorized, setting_id: &SettingId, child_id: &ChildId, date: Date) -> ApiResult<DiaryRecord> {
    let key = DiaryRecord::key(setting_id, child_id, &date_text(date));
    Ok(auth.record(&key)?.unwrap_or_else(|| DiaryRecord::empty(setting_id, child_id, &date_text(date))))
}

/// A time earlier today in the setting's zone (a little clock drift allowed).
fn earlier_today(field: &str, raw: Option<&str>, now: OffsetDateTime, timezone: &str, today: Date) -> ApiResult<OffsetDateTime> {
    let at = match raw {
        Some(raw) => parse_time(field, raw)?,
        None => now,
    };
    if at > now + CLOCK_SKEW || care::local(at, timezone).date() != today {
        return Err(Problem::invalid(format!("{field} must be earlier today, in the setting's time zone")));
    }
    Ok(at)
}

/// POST /v1/settings/{settingId}/children/{childId}/diary: staff add a line to today's diary.
pub async fn add_diary_entry(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("diary-add", req, |req| async move { with_retries(|| try_add_diary_entry(&app, &req)).await }).await
}

async fn try_add_diary_entry(app: &App, req: &Request) -> Result<Response<Body>, Retry> {
    let setting_id = http::path_id::<SettingId>(req, "settingId")?;
    let child_id = http::path_id::<ChildId>(req, "childId")?;
    let now = app.clock.now();
    let candidates = candidate_days(now);
    let extra = diary_keys(&setting_id, &child_id, &candidates);
    let auth = authorize_child(app, req, "diary-add", &setting_id, &child_id, Action::AddDiary, &extra).await?;
    let body: NewDiaryEntry = http::json_body(req)?;
    if let Some(answer) = writes::replay_logged(app, &auth, &setting_id, AuditAction::DiaryReplay, vec![child_id.clone()]).await? {
        return Ok(auth.tag(answer));
    }
    let timezone = auth.setting().timezone.clone();
    let today = local_today(auth.setting(), now);
    let (at, detail) = match body {
        NewDiaryEntry::Meal { what, amount, at } => {
            (earlier_today("at", at.as_deref(), now, &timezone, today)?, DiaryDetail::Meal { what: what.to_string(), amount })
        }
        NewDiaryEntry::Nap { start, end } => {
            let start = earlier_today("start", Some(&start), now, &timezone, today)?;
            let end = earlier_today("end", Some(&end), now, &timezone, today)?;
            if end < start {
                return Err(Problem::invalid("a nap ends after it starts").into());
            }
            (start, DiaryDetail::Nap { start: rfc3339(start), end: rfc3339(end) })
        }
        NewDiaryEntry::Nappy { wet, soiled, cream, at } => {
            (earlier_today("at", at.as_deref(), now, &timezone, today)?, DiaryDetail::Nappy { wet, soiled, cream })
        }
        NewDiaryEntry::Activity { text, at } => {
            (earlier_today("at", at.as_deref(), now, &timezone, today)?, DiaryDetail::Activity { text: text.to_string() })
        }
        NewDiaryEntry::Note { text, at } => {
            (earlier_today("at", at.as_deref(), now, &timezone, today)?, DiaryDetail::Note { text: text.to_string() })
        }
    };
    let mut diary = pick_diary(&auth, &setting_id, &child_id, today)?;
    if diary.entries.len() >= MAX_DIARY_ENTRIES {
        return Err(Problem::limit_reached(format!("a day holds at most {MAX_DIARY_ENTRIES} diary lines")).into());
    }
    let kind = match &detail {
        DiaryDetail::Meal { .. } => "meal",
        DiaryDetail::Nap { .. } => "nap",
        DiaryDetail::Nappy { .. } => "nappy",
        DiaryDetail::Activity { .. } => "activity",
        DiaryDetail::Note { .. } => "note",
    };
    diary.entries.push(DiaryEntryRecord {
        entry_id: app.new_sortable::<DiaryEntryId>(),
        at: Timestamp::new(at),
        by: auth.caller.user_id.clone(),
        by_name: auth.member().name.clone(),
        detail,
    });
    let answer = diary_view(&diary);
    let batch = vec![save_versioned(app, &mut diary)];
    Commit::new(app, &auth, Audit::child(&setting_id, AuditAction::DiaryAdd, &child_id).detail(kind))
        .writes(batch)
        .answer(201, &answer, None)
        .await
}

/// GET /v1/settings/{settingId}/children/{childId}/diary?date=: the child's day, for staff and
/// the child's parents.
pub async fn get_diary(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("diary-get", req, |req| async move {
        let setting_id = http::path_id::<SettingId>(&req, "settingId")?;
        let child_id = http::path_id::<ChildId>(&req, "childId")?;
        let now = app.clock.now();
        let asked = http::query_param(&req, "date").map(|d| parse_date("date", &d)).transpose();
        let candidates: Vec<Date> = match &asked {
            Ok(Some(date)) => vec![*date],
            _ => candidate_days(now).to_vec(),
        };
        let extra = diary_keys(&setting_id, &child_id, &candidates);
        let auth = authorize_child(&app, &req, "diary-get", &setting_id, &child_id, Action::ViewDiary, &extra).await?;
        let date = asked?.unwrap_or_else(|| local_today(auth.setting(), now));
        let diary = pick_diary(&auth, &setting_id, &child_id, date)?;
        Audit::child(&setting_id, AuditAction::DiaryView, &child_id).detail(diary.date.clone()).log_read(&app, &auth).await?;
        Ok(auth.tag(http::ok(&diary_view(&diary))))
    })
    .await
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MedicinePermission {
    #[schema(value_type = String)]
    pub medicine: FreeText,
    /// As the label or prescription says, e.g. "5 ml".
    #[schema(value_type = String)]
    pub dose: FreeText,
    /// When it may be given, e.g. "12:00" or "when wheezy, at most every 4 hours".
    #[schema(value_type = Vec<String>)]
    pub times: Vec<FreeText>,
    #[schema(value_type = String)]
    pub prescribed_by: FreeText,
    /// The last day it covers (YYYY-MM-DD).
    #[schema(format = Date)]
    pub until: String,
    /// True to withdraw the permission.
    #[serde(default)]
    pub withdrawn: bool,
}

#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct MedicinePermissionView {
    #[schema(value_type = String)]
    pub permission_id: PermissionId,
    pub medicine: String,
    pub dose: String,
    pub times: Vec<String>,
    pub prescribed_by: String,
    pub given_on: String,
    pub until: String,
    pub withdrawn: bool,
    #[schema(value_type = String)]
    pub set_by: UserId,
    #[schema(value_type = String)]
    pub set_at: Timestamp,
    /// In force today: given, not ended, not withdrawn.
    pub current: bool,
    pub version: u64,
}

fn permission_view(p: &MedicinePermissionRecord, today: Date) -> MedicinePermissionView {
    let current = match (parse_date("givenOn", &p.given_on), parse_date("until", &p.until)) {
        (Ok(given_on), Ok(until)) => care::permission_current(given_on, until, p.withdrawn, today),
        _ => false,
    };
    MedicinePermissionView {
        permission_id: p.permission_id.clone(),
        medicine: p.medicine.clone(),
        dose: p.dose.clone(),
        times: p.times.clone(),
        prescribed_by: p.prescribed_by.clone(),
        given_on: p.given_on.clone(),
        until: p.until.clone(),
        withdrawn: p.withdrawn,
        set_by: p.set_by.clone(),
        set_at: p.set_at,
        current,
        version: p.version,
    }
}

/// Whether a stored term is still in force on `today` (a term whose dates do not read is not).
fn term_current(term: &PermissionTerm, today: Date) -> bool {
    !term.withdrawn && parse_date("until", &term.until).is_ok_and(|until| today <= until)
}

/// PUT /v1/settings/{settingId}/children/{childId}/medicine-permissions/{permissionId}: a
/// parent with parental responsibility gives (or changes, or withdraws) written permission
/// for one medicine. The permission id is the parent's choice, so a retry is harmless. Each
/// permission is its own item; the child item keeps only the terms of those in force, at most
/// `MAX_CURRENT_MEDICINE_PERMISSIONS`, so a parent can never make it unwritable.
pub async fn set_medicine_permission(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("medicine-permission-set", req, |req| async move {
        let setting_id = http::path_id::<SettingId>(&req, "settingId")?;
        let child_id = http::path_id::<ChildId>(&req, "childId")?;
        let permission_id = http::path_id::<PermissionId>(&req, "permissionId")?;
        let key = MedicinePermissionRecord::key(&setting_id, &child_id, &permission_id);
        let auth = authorize_child(
            &app,
            &req,
            "medicine-permission-set",
            &setting_id,
            &child_id,
            Action::SetMedicinePermission,
            std::slice::from_ref(&key),
        )
        .await?;
        let body: MedicinePermission = http::json_body(&req)?;
        let today = local_today(auth.setting(), app.clock.now());
        let until = parse_date("until", &body.until)?;
        if until < today || (until - today).whole_days() > care::MAX_PERMISSION_DAYS {
            return Err(Problem::invalid(format!("until must be from today to {} days ahead", care::MAX_PERMISSION_DAYS)));
        }
        if body.times.is_empty() || body.times.len() > MAX_MEDICINE_TIMES {
            return Err(Problem::invalid(format!("times lists 1 to {MAX_MEDICINE_TIMES} times or conditions")));
        }
        let stored: Option<MedicinePermissionRecord> = auth.record(&key)?;
        let child = auth.child().clone();
        let term = PermissionTerm { until: date_text(until), withdrawn: body.withdrawn };
        // The terms of the others still in force, and this one if it is.
        let mut terms = child.medicine_permissions.clone();
        terms.retain(|id, t| id != &permission_id && term_current(t, today));
        if !term.withdrawn {
            if terms.len() >= MAX_CURRENT_MEDICINE_PERMISSIONS {
                return Err(Problem::limit_reached(format!(
                    "a child has at most {MAX_CURRENT_MEDICINE_PERMISSIONS} medicine permissions in force; withdraw one first"
                )));
            }
            terms.insert(permission_id.clone(), term);
        }
        let now = app.clock.timestamp();
        let permission = MedicinePermissionRecord {
            pk: key.pk.clone(),
            sk: key.sk.clone(),
            kind: "medicine-permission".into(),
            setting_id: setting_id.clone(),
            child_id: child_id.clone(),
            permission_id: permission_id.clone(),
            medicine: body.medicine.to_string(),
            dose: body.dose.to_string(),
            times: body.times.iter().map(|t| t.to_string()).collect(),
            prescribed_by: body.prescribed_by.to_string(),
            given_on: stored.as_ref().map(|p| p.given_on.clone()).unwrap_or_else(|| date_text(today)),
            until: date_text(until),
            withdrawn: body.withdrawn,
            set_by: auth.caller.user_id.clone(),
            set_at: now,
            version: stored.as_ref().map_or(1, |p| p.version + 1),
        };
        let detail = format!(
            "{}: {} {} until {}{}",
            permission_id,
            permission.medicine,
            permission.dose,
            permission.until,
            if permission.withdrawn { " (withdrawn)" } else { "" }
        );
        let mut batch = vec![match &stored {
            Some(p) => app.store().put_versioned(to_item(&permission), p.version),
            None => app.store().put_new(to_item(&permission)),
        }];
        if terms != child.medicine_permissions {
            let mut updated = child.clone();
            updated.medicine_permissions = terms;
            updated.version += 1;
            updated.updated_at = now;
            batch.push(app.store().put_versioned(to_item(&updated), child.version));
        }
        Commit::new(&app, &auth, Audit::child(&setting_id, AuditAction::MedicinePermissionSet, &child_id).detail(detail))
            .writes(batch)
            .commit::<Problem>()
            .await?;
        Ok(auth.tag(http::with_version(200, &permission_view(&permission, today), permission.version)))
    })
    .await
}

#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct MedicinePermissionsPage {
    pub items: Vec<MedicinePermissionView>,
    pub next_cursor: Option<String>,
}

/// GET /v1/settings/{settingId}/children/{childId}/medicine-permissions?cursor=: every written
/// permission the parents gave for the child, in force or not, for staff (to give a dose) and
/// the child's parents. The page is read beside the authorisation, in the same round trip, and
/// shown only once that allows it.
pub async fn list_medicine_permissions(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("medicine-permissions-list", req, |req| async move {
        let setting_id = http::path_id::<SettingId>(&req, "settingId")?;
        let child_id = http::path_id::<ChildId>(&req, "childId")?;
        let cursor = http::query_param(&req, "cursor");
        let query = Query::partition(Index::Table, keys::setting(&setting_id)).prefix(keys::medicine_permissions(&child_id)).limit(50);
        let (auth, page) = tokio::join!(
            authorize_child(&app, &req, "medicine-permissions-list", &setting_id, &child_id, Action::ViewDiary, &[]),
            app.store().page_as::<MedicinePermissionRecord>(query, cursor.as_deref())
        );
        let auth = auth?;
        let page = page?;
        let today = local_today(auth.setting(), app.clock.now());
        Audit::child(&setting_id, AuditAction::MedicinePermissionsView, &child_id).log_read(&app, &auth).await?;
        let items = page.items.iter().map(|p| permission_view(p, today)).collect();
        Ok(auth.tag(http::ok(&MedicinePermissionsPage { items, next_cursor: page.next_cursor })))
    })
    .await
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NewDose {
    pub permission_id: String,
    #[schema(value_type = String)]
    pub amount: FreeText,
    /// When it was given (RFC 3339, earlier today); now when left out.
    pub at: Option<String>,
    /// The member of staff who gave it; the caller when left out.
    pub given_by: Option<String>,
    /// Another member of staff who saw it given.
    pub witnessed_by: String,
}

/// Who an active member of staff of this setting is, from a membership read with the request.
fn staff_name(item: Option<Item>, field: &str) -> ApiResult<String> {
    let member: Option<MemberRecord> = item.map(from_item).transpose()?;
    match member {
        Some(m) if m.role.is_staff() && m.status == MembershipStatus::Active => Ok(m.name),
        _ => Err(Problem::invalid(format!("{field} must be an active member of staff of this setting"))),
    }
}

/// The dose's email to each parent who should hear of it (same day, from the outbox).
fn dose_email(
    setting: &nestling_platform::records::SettingRecord,
    child: &ChildRecord,
    dose: &DoseRecord,
    to: &nestling_platform::records::GuardianLinkRecord,
    local_time: &str,
) -> writes::Email {
    let text = format!(
        "Hello {},\n\n{} was given {} ({}) at {local_time} today at {}, by {} and witnessed by {}.\n\nYou can see it in {}'s diary in Nestling.\n",
        to.name, child.first_name, dose.medicine, dose.amount, setting.name, dose.given_by_name, dose.witnessed_by_name, child.first_name
    );
    let html = paragraphs_html(&text);
    writes::Email {
        to: to.email.clone(),
        subject: format!("{} was given medicine at {}", child.first_name, setting.name),
        text,
        html,
        purpose: "medicine-dose",
        setting_id: Some(setting.setting_id.clone()),
    }
}

/// POST /v1/settings/{settingId}/children/{childId}/medicine-doses: staff record a dose given
/// under a current permission for that medicine, witnessed by another member of staff. Each
/// parent is emailed in the same transaction.
pub async fn give_medicine(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("medicine-dose", req, |req| async move { with_retries(|| try_give_medicine(&app, &req)).await }).await
}

async fn try_give_medicine(app: &App, req: &Request) -> Result<Response<Body>, Retry> {
    let setting_id = http::path_id::<SettingId>(req, "settingId")?;
    let child_id = http::path_id::<ChildId>(req, "childId")?;
    let now = app.clock.now();
    let candidates = candidate_days(now);
    let body = http::json_body::<NewDose>(req).and_then(|b| {
        let witnessed_by: UserId = http::body_id("witnessedBy", &b.witnessed_by)?;
        let given_by: Option<UserId> = b.given_by.as_deref().map(|giver| http::body_id("givenBy", giver)).transpose()?;
        let permission_id: PermissionId = http::body_id("permissionId", &b.permission_id)?;
        Ok((b, given_by, witnessed_by, permission_id))
    });
    let caller = http::caller(req)?;
    let mut extra = diary_keys(&setting_id, &child_id, &candidates);
    if let Ok((_, given_by, witnessed_by, permission_id)) = &body {
        extra.push(MemberRecord::key(&setting_id, given_by.as_ref().unwrap_or(&caller.user_id)));
        extra.push(MemberRecord::key(&setting_id, witnessed_by));
        extra.push(MedicinePermissionRecord::key(&setting_id, &child_id, permission_id));
    }
    let auth = authorize_child(app, req, "medicine-dose", &setting_id, &child_id, Action::GiveMedicine, &extra).await?;
    let (body, given_by, witnessed_by, permission_id) = body?;
    if let Some(answer) = writes::replay_logged(app, &auth, &setting_id, AuditAction::MedicineDoseReplay, vec![child_id.clone()]).await? {
        return Ok(auth.tag(answer));
    }
    let setting = auth.setting().clone();
    let today = local_today(&setting, now);
    let given_by = given_by.unwrap_or_else(|| auth.caller.user_id.clone());
    if given_by == witnessed_by {
        return Err(Problem::invalid("the witness is someone other than the person giving the medicine").into());
    }
    let given_by_name = staff_name(auth.item(&MemberRecord::key(&setting_id, &given_by)), "givenBy")?;
    let witnessed_by_name = staff_name(auth.item(&MemberRecord::key(&setting_id, &witnessed_by)), "witnessedBy")?;
    let child = auth.child().clone();
    let permission: Option<MedicinePermissionRecord> =
        auth.record(&MedicinePermissionRecord::key(&setting_id, &child_id, &permission_id))?;
    let Some(permission) = permission else {
        return Err(Problem::from(CareProblem::NoMedicinePermission).into());
    };
    let given_on = parse_date("givenOn", &permission.given_on)?;
    let until = parse_date("until", &permission.until)?;
    if !care::permission_current(given_on, until, permission.withdrawn, today) {
        return Err(Problem::from(CareProblem::MedicinePermissionNotCurrent)
            .with_detail(format!(
                "{} is covered from {} to {}{}",
                permission.medicine,
                permission.given_on,
                permission.until,
                if permission.withdrawn { ", and was withdrawn" } else { "" }
            ))
            .into());
    }
    let at = earlier_today("at", body.at.as_deref(), now, &setting.timezone, today)?;
    let mut diary = pick_diary(&auth, &setting_id, &child_id, today)?;
    if diary.doses.len() >= MAX_DOSES_PER_DAY {
        return Err(Problem::limit_reached(format!("a day holds at most {MAX_DOSES_PER_DAY} doses")).into());
    }
    let dose = DoseRecord {
        dose_id: app.new_sortable::<DoseId>(),
        permission_id: permission.permission_id.clone(),
        medicine: permission.medicine.clone(),
        amount: body.amount.to_string(),
        at: Timestamp::new(at),
        given_by,
        given_by_name,
        witnessed_by,
        witnessed_by_name,
        recorded_by: auth.caller.user_id.clone(),
    };
    diary.doses.push(dose.clone());
    let answer = diary_view(&diary);
    let local = care::local(at, &setting.timezone);
    let local_time = format!("{:02}:{:02}", local.hour(), local.minute());
    let detail = format!("{} {} at {} by {} witnessed by {}", dose.medicine, dose.amount, dose.at, dose.given_by, dose.witnessed_by);
    let mut batch = vec![save_versioned(app, &mut diary)];
    for (user_id, link) in child.parents_to_tell(setting.agreement_version) {
        batch.push(writes::family_email(
            app,
            &setting,
            &format!("dose-{}-{user_id}", dose.dose_id),
            dose_email(&setting, &child, &dose, link, &local_time),
            &child_id,
            user_id,
        ));
    }
    Commit::new(app, &auth, Audit::child(&setting_id, AuditAction::MedicineDose, &child_id).detail(detail))
        .writes(batch)
        .answer(201, &answer, None)
        .await
}

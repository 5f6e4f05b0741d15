//! A child's funded entitlements: the managers record each stream with its eligibility code and
//! dates; the child's parents with parental responsibility read them; `funding-reminders` tells
//! the parents and the managers, each morning, of a code due to be reconfirmed in a fortnight,
//! a grace period begun and a grace period ending (`nestling_domain::funding`).

use crate::BookingsProblem;
use lambda_http::{Body, Request, Response};
use nestling_domain::billing::FundingStream;
use nestling_domain::bookings::Day;
use nestling_domain::funding::{self, Claim, ClaimStatus, Reminder};
use nestling_domain::{Action, ChildId, SettingId, Timestamp};
use nestling_platform::access::authorize_child;
use nestling_platform::alerts::{manager_emails, personal_email};
use nestling_platform::http::{self, Problem};
use nestling_platform::records::{ChildRecord, FundingRecord, ManagersRecord, SettingRecord};
use nestling_platform::store::{from_item, keys, to_item, Index, Key, Query, StoreError};
use nestling_platform::writes::{self, Actor, AuditAction};
use nestling_platform::{App, Audit, Commit};
use serde::{Deserialize, Serialize};
use std::sync::Arc;
use time::OffsetDateTime;

/// A claim with where it stands today.
#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ClaimView {
    #[serde(flatten)]
    pub claim: Claim,
    pub hours_a_year: u32,
    pub status: ClaimStatus,
}

#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct FundingView {
    #[schema(value_type = String)]
    pub child_id: ChildId,
    pub claims: Vec<ClaimView>,
    /// 0 until a manager first records one.
    pub version: u64,
}

fn funding_view(child_id: &ChildId, record: Option<&FundingRecord>, today: Day) -> FundingView {
    FundingView {
        child_id: child_id.clone(),
        claims: record
            .map(|r| {
                r.claims
                    .iter()
                    .map(|c| ClaimView { claim: c.clone(), hours_a_year: c.stream.hours_a_year(), status: c.status(today) })
                    .collect()
            })
            .unwrap_or_default(),
        version: record.map_or(0, |r| r.version),
    }
}

/// GET /v1/settings/{settingId}/children/{childId}/funding: managers, and the child's parents
/// with parental responsibility. In the access log.
pub async fn get_funding(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("funding-get", req, |req| async move {
        let setting_id = http::path_id::<SettingId>(&req, "settingId")?;
        let child_id = http::path_id::<ChildId>(&req, "childId")?;
        let extra = [FundingRecord::key(&setting_id, &child_id)];
        let auth = authorize_child(&app, &req, "funding-get", &setting_id, &child_id, Action::ViewFunding, &extra).await?;
        let record = auth.record::<FundingRecord>(&FundingRecord::key(&setting_id, &child_id))?;
        let view = funding_view(&child_id, record.as_ref(), crate::today_of(&auth));
        Audit::child(&setting_id, AuditAction::FundingView, &child_id).log_read(&app, &auth).await?;
        Ok(auth.tag(http::with_version(200, &view, view.version)))
    })
    .await
}

/// The child's entitlements, replaced whole (with If-Match: the version read, 0 for the first).
#[derive(Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NewFunding {
    pub claims: Vec<Claim>,
}

/// PUT /v1/settings/{settingId}/children/{childId}/funding (managers, If-Match): the child's
/// funded entitlements; the reminders are scheduled from their dates.
pub async fn set_funding(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("funding-set", req, |req| async move {
        let setting_id = http::path_id::<SettingId>(&req, "settingId")?;
        let child_id = http::path_id::<ChildId>(&req, "childId")?;
        let extra = [FundingRecord::key(&setting_id, &child_id)];
        let auth = authorize_child(&app, &req, "funding-set", &setting_id, &child_id, Action::SetFunding, &extra).await?;
        let body: NewFunding = http::json_body(&req)?;
        let expected = http::if_match(&req)?;
        let current = auth.record::<FundingRecord>(&FundingRecord::key(&setting_id, &child_id))?;
        if current.as_ref().map_or(0, |c| c.version) != expected {
            return Err(BookingsProblem::StaleFunding.into());
        }
        funding::check_claims(&body.claims).map_err(|e| Problem::invalid(e.to_string()))?;
        let today = crate::today_of(&auth);
        let mut record = FundingRecord {
            pk: keys::setting(&setting_id),
            sk: keys::funding(&child_id),
            gsi1pk: None,
            gsi1sk: None,
            kind: "funding".into(),
            setting_id: setting_id.clone(),
            child_id: child_id.clone(),
            claims: body.claims,
            // Reminders of days already gone are not sent late for new dates.
            reminded_through: Some(today),
            updated_by: auth.caller.user_id.clone(),
            updated_at: Timestamp::new(auth.now),
            version: expected + 1,
        };
        record.index_next(funding::due_between(&record.claims, Some(today), today).1);
        let write = app.store().put_after(to_item(&record), expected);
        let detail = record
            .claims
            .iter()
            .map(|c| match c.reconfirm_by {
                Some(by) => format!("{:?} from {} (reconfirm by {by})", c.stream, c.valid_from),
                None => format!("{:?} from {}", c.stream, c.valid_from),
            })
            .collect::<Vec<_>>()
            .join("; ");
        let view = funding_view(&child_id, Some(&record), today);
        Commit::new(
            &app,
            &auth,
            Audit::child(&setting_id, AuditAction::FundingSet, &child_id).detail(if detail.is_empty() { "none".into() } else { detail }),
        )
        .write(write)
        .on_conflict(|_| BookingsProblem::StaleFunding.into())
        .answer(200, &view, Some(view.version))
        .await
    })
    .await
}

fn stream_words(stream: FundingStream) -> &'static str {
    match stream {
        FundingStream::Universal => "universal 15 hours",
        FundingStream::WorkingParentExtended => "extra 15 hours for working parents",
        FundingStream::WorkingParent15 => "15 hours for working parents",
        FundingStream::WorkingParent30 => "30 hours for working parents",
        FundingStream::TwoYearOld => "15 hours for two-year-olds",
    }
}

/// What the family and the managers read.
fn reminder_text(child: &str, claim: &Claim, reminder: Reminder) -> (String, String) {
    let what = stream_words(claim.stream);
    let code = claim.code.as_ref().map(|c| format!(" (the code ending {})", c.last_four())).unwrap_or_default();
    let by = claim.reconfirm_by.map(crate::long_date).unwrap_or_default();
    let grace = claim.grace_until.map(crate::long_date).unwrap_or_default();
    match reminder {
        Reminder::ReconfirmSoon => (
            format!("Reconfirm {child}'s childcare code by {by}"),
            format!("{child}'s {what}{code} must be reconfirmed in your childcare account by {by}. If it is not, the funded hours continue only until {grace}."),
        ),
        Reminder::GraceBegun => (
            format!("{child}'s childcare code was not reconfirmed"),
            format!("{child}'s {what}{code} was due to be reconfirmed by {by}. The funded hours continue until {grace}; reconfirm in your childcare account to keep them after that."),
        ),
        Reminder::GraceEndingSoon => (
            format!("{child}'s funded hours end on {grace}"),
            format!("{child}'s {what}{code} was not reconfirmed, and the grace period ends on {grace}. After that the hours are no longer funded and are charged at the setting's prices."),
        ),
    }
}

/// Sends every reminder due by `now` (UTC day): each parent with parental responsibility and
/// each manager once (derived ids), then moves the child to its next reminder's day. Answers
/// how many emails were written (a re-run writes none).
pub async fn send_reminders(app: &App, now: OffsetDateTime) -> Result<usize, StoreError> {
    let today = Day::new(now.date());
    let mut due: Vec<FundingRecord> = Vec::new();
    let mut cursor: Option<String> = None;
    'pages: loop {
        let page = app.store().page(Query::partition(Index::Gsi1, keys::FUNDING_DUE).limit(100), cursor.as_deref()).await?;
        for item in page.items {
            let record: FundingRecord = from_item(item)?;
            // Soonest first: the first one still ahead ends the run.
            match record.gsi1sk.as_deref().and_then(|sk| sk.split('#').next()).and_then(|d| Day::parse(d).ok()) {
                Some(day) if day <= today => due.push(record),
                Some(_) => break 'pages,
                None => {}
            }
        }
        match page.next_cursor {
            Some(c) => cursor = Some(c),
            None => break,
        }
    }
    let system = Actor { id: "nestling", role: "system", request_id: "funding-reminders", off_premises: false, device_id: None };
    let mut written = 0;
    for mut record in due {
        let keys: Vec<Key> = vec![
            ChildRecord::key(&record.setting_id, &record.child_id),
            SettingRecord::key(&record.setting_id),
            ManagersRecord::key(&record.setting_id),
        ];
        let mut found = app.store().get_many(&keys).await?.into_iter();
        let child = found.next().flatten().map(from_item::<ChildRecord>).transpose()?;
        let setting = found.next().flatten().map(from_item::<SettingRecord>).transpose()?;
        let managers = found.next().flatten().map(from_item::<ManagersRecord>).transpose()?;
        let (Some(child), Some(setting)) = (child, setting) else { continue };
        let (reminders, next) = funding::due_between(&record.claims, record.reminded_through, today);
        for due in reminders {
            let Some(claim) = record.claims.iter().find(|c| c.stream == due.stream) else { continue };
            let (subject, text) = reminder_text(&child.first_name, claim, due.reminder);
            // Parents' emails wait out a lockdown like every family email; the managers' do not.
            let mut emails: Vec<(String, nestling_platform::store::Write)> = Vec::new();
            for (user, link) in child.parents_to_tell(setting.agreement_version).into_iter().filter(|(_, l)| l.parental_responsibility) {
                let id = format!("funding-{}-{:?}-{:?}-{}-{user}", record.child_id, due.stream, due.reminder, due.day);
                let email = personal_email(&link.email, &link.name, &subject, &text, "funding-reminder", &record.setting_id);
                emails.push((user.to_string(), writes::family_email(app, &setting, &id, email, &record.child_id, user)));
            }
            if let Some(managers) = &managers {
                let staff_text = format!("For the managers of {}: {text}", setting.name);
                for (user, email) in manager_emails(managers, &subject, &staff_text, "funding-reminder", &record.setting_id) {
                    let id = format!("funding-{}-{:?}-{:?}-{}-{user}", record.child_id, due.stream, due.reminder, due.day);
                    emails.push((user.to_string(), writes::outbox_with_id(app, &id, email)));
                }
            }
            for (user, email) in emails {
                let batch = vec![
                    email,
                    writes::audit_by_about(
                        app,
                        &system,
                        &record.setting_id,
                        AuditAction::FundingReminder,
                        &format!("child:{}", record.child_id),
                        vec![record.child_id.clone()],
                        Some(format!("{:?} {:?} of {}: told {user}", due.stream, due.reminder, due.day)),
                    ),
                ];
                match app.store().transact(batch).await {
                    Ok(()) => written += 1,
                    // Told by an earlier run.
                    Err(StoreError::Conflict { .. }) => {}
                    Err(e) => return Err(e),
                }
            }
        }
        // Done through today; on to the next reminder's day (unless a manager changed the
        // claims meanwhile: their save scheduled the reminders afresh).
        let expected = record.version;
        record.reminded_through = Some(today);
        record.index_next(next);
        record.version += 1;
        match app.store().transact(vec![app.store().put_versioned(to_item(&record), expected)]).await {
            Ok(()) | Err(StoreError::Conflict { .. }) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(written)
}

/// The schedule's entry: EventBridge's event, whose `time` is the run's.
pub async fn run_schedule(app: &App, event: &serde_json::Value) -> Result<usize, StoreError> {
    let now = app.scheduled_at(event);
    send_reminders(app, now).await
}

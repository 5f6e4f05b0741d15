//! A lawful erasure request about a child who left: a parent with parental responsibility asks
//! in the app (or a manager logs one), on the same clock as a subject access request. A manager
//! approves it: everything no law requires the setting to keep is erased at the retention
//! sweep's next run (its deletions and tombstones), and what must be kept is named with the law
//! behind it and the day it may go, in the answer the person is sent.

use crate::{about_children, open_request, view, RightsProblem};
use lambda_http::{Body, Request, Response};
use nestling_domain::retention::{erasure_plan, RetainedKind};
use nestling_domain::rights::{RightsRequestKind, RightsRequestStatus};
use nestling_domain::Timestamp;
use nestling_platform::alerts::personal_email;
use nestling_platform::http::{self, Problem};
use nestling_platform::records::{ChildRecord, ErasureRecord, RequestStep, RequestSubject};
use nestling_platform::store::{keys, to_item};
use nestling_platform::writes::{self, AuditAction};
use nestling_platform::{App, Audit, Commit};
use std::collections::BTreeSet;
use std::sync::Arc;

/// The words of an approved plan: what goes tonight, what stays and why.
pub fn plan_words(erase: &[RetainedKind], keep: &[(RetainedKind, &'static str, Option<time::Date>)]) -> String {
    let mut text = String::new();
    if erase.is_empty() {
        text.push_str("Nothing more can be erased: the rest is kept as the law requires.");
    } else {
        text.push_str("Erased tonight: ");
        text.push_str(&erase.iter().map(|k| k.title().to_lowercase()).collect::<Vec<_>>().join("; "));
        text.push('.');
    }
    for (kind, why, until) in keep {
        let until = until.map(|d| format!(" until {d}")).unwrap_or_default();
        text.push_str(&format!("\n\nKept{until}: {}. {why}", kind.title().to_lowercase()));
    }
    text
}

/// POST /v1/settings/{settingId}/rights-requests/{requestId}/erasure: a manager approves an
/// erasure request about a child who has left (`note`: anything the person should know).
pub async fn approve_erasure(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("rights-erasure-approve", req, |req| async move {
        let (auth, mut record, body) = open_request(&app, &req, "rights-erasure-approve").await?;
        if record.request_kind != RightsRequestKind::Erasure {
            return Err(Problem::invalid("This is not an erasure request"));
        }
        let RequestSubject::Child { child_id, .. } = record.about.clone() else {
            return Err(Problem::invalid("An erasure request is about a child's records"));
        };
        // The child is known only from the request: a second read.
        let key = ChildRecord::key(&record.setting_id, &child_id);
        let mut child: ChildRecord = app.store().get_as(&key).await?.ok_or_else(Problem::not_found)?;
        let today = auth.setting().today(auth.now);
        let born = time::Date::parse(&child.date_of_birth, &time::format_description::well_known::Iso8601::DATE)
            .map_err(|_| Problem::internal("child", "date of birth"))?;
        let Some(left) = child.leaving.as_ref().and_then(|l| l.day()).filter(|d| *d <= today) else {
            return Err(Problem::from(RightsProblem::ChildAttending));
        };
        let plan = erasure_plan(born, Some(left), today);
        let erase: Vec<RetainedKind> = plan.erase.iter().copied().filter(|k| !child.swept.contains(k)).collect();
        let words = plan_words(&erase, &plan.keep);
        let now = Timestamp::new(auth.now);
        let expected_child = child.version;
        child.erasure = Some(ErasureRecord {
            request_id: record.request_id.clone(),
            kinds: erase.iter().copied().collect::<BTreeSet<_>>(),
            approved_by: auth.caller.user_id.clone(),
            approved_at: now,
        });
        // On the sweep's index for tonight, whatever index the child was on.
        (child.gsi1pk, child.gsi1sk) =
            (Some(keys::RETENTION_DUE.to_string()), Some(keys::retention_due(&today.to_string(), &child.setting_id, &child.child_id)));
        child.version += 1;
        let expected = record.version;
        record.status = RightsRequestStatus::Answered;
        record.answered = Some(RequestStep {
            by: auth.caller.user_id.clone(),
            by_name: auth.member().name.clone(),
            at: now,
            note: format!("{}\n\n{words}", body.note),
        });
        (record.gsi1pk, record.gsi1sk) = (None, None);
        record.version += 1;
        let mut batch =
            vec![app.store().put_versioned(to_item(&child), expected_child), app.store().put_versioned(to_item(&record), expected)];
        if let Some(address) = &record.requester_email {
            let text = format!(
                "{} has answered your request of {} to erase {}'s records.\n\n{}\n\n{words}",
                auth.setting().name,
                record.received_on,
                child.first_name,
                body.note
            );
            batch.push(writes::outbox(
                app.as_ref(),
                personal_email(
                    address,
                    &record.requester_name,
                    "Your erasure request was answered",
                    &text,
                    "rights-request",
                    &record.setting_id,
                ),
            ));
        }
        let audit = Audit::children(&record.setting_id, AuditAction::RightsErasureApproved, about_children(&record)).detail(format!(
            "request {}: {} to erase, {} kept",
            record.request_id,
            erase.len(),
            plan.keep.len()
        ));
        let today_view = auth.setting().today(auth.now);
        Commit::new(&app, &auth, audit).writes(batch).answer(200, &view(&record, today_view), Some(record.version)).await
    })
    .await
}

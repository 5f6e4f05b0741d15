//! SES feedback: permanent bounces and complaints, published by the configuration set to an
//! SNS topic. The address's memberships are marked (managers list them) and each setting's
//! access log records it. Transient bounces are SES's to retry and change nothing. SES's
//! account suppression list already stops further sends to such an address.

use aws_lambda_events::sns::SnsEvent;
use nestling_platform::records::{EmailProblem, EmailRecord, MemberRecord};
use nestling_platform::store::{from_item, keys, Change, Index, Key, Query, StoreError, Write};
use nestling_platform::writes::{self, Actor, AuditAction};
use nestling_platform::App;
use serde_json::Value;

/// What one SES notification says, when it is something to act on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Feedback {
    /// `bounce` or `complaint`.
    pub kind: &'static str,
    pub addresses: Vec<String>,
    pub detail: String,
}

/// Reads an SES event-publishing (`eventType`) or identity (`notificationType`) message.
pub fn parse_feedback(message: &str) -> Option<Feedback> {
    let v: Value = serde_json::from_str(message).ok()?;
    let kind = v.get("eventType").or_else(|| v.get("notificationType"))?.as_str()?;
    let addresses = |list: &Value| -> Vec<String> {
        list.as_array()
            .map(|a| {
                a.iter().filter_map(|r| r["emailAddress"].as_str()).map(|e| e.trim().to_lowercase()).filter(|e| !e.is_empty()).collect()
            })
            .unwrap_or_default()
    };
    let text = |v: &Value| v.as_str().unwrap_or_default().to_string();
    match kind {
        "Bounce" if v["bounce"]["bounceType"] == "Permanent" => {
            let diagnostic = v["bounce"]["bouncedRecipients"][0]["diagnosticCode"].as_str().unwrap_or_default();
            let mut detail = format!("Permanent bounce ({})", text(&v["bounce"]["bounceSubType"]));
            if !diagnostic.is_empty() {
                detail = format!("{detail}: {}", diagnostic.chars().take(300).collect::<String>());
            }
            Some(Feedback { kind: "bounce", addresses: addresses(&v["bounce"]["bouncedRecipients"]), detail })
        }
        "Complaint" => {
            let feedback = v["complaint"]["complaintFeedbackType"].as_str().unwrap_or("not given");
            Some(Feedback {
                kind: "complaint",
                addresses: addresses(&v["complaint"]["complainedRecipients"]),
                detail: format!("Marked as spam (feedback type: {feedback})"),
            })
        }
        _ => None,
    }
}

/// Marks every membership of each address reported, with an access-log line in its setting.
/// Answers how many memberships were marked. A redelivery marks them again, harmlessly.
pub async fn handle_feedback(app: &App, event: SnsEvent) -> Result<usize, StoreError> {
    let mut marked = 0;
    for record in event.records {
        let Some(feedback) = parse_feedback(&record.sns.message) else {
            tracing::info!(message_id = %record.sns.message_id, "SES notification with nothing to act on");
            continue;
        };
        let keys: Vec<Key> = feedback.addresses.iter().map(|a| EmailRecord::key(a)).collect();
        if keys.is_empty() {
            continue;
        }
        let at = app.clock.timestamp();
        for item in app.store().get_many(&keys).await?.into_iter().flatten() {
            let email: EmailRecord = from_item(item)?;
            let problem = EmailProblem { kind: feedback.kind.into(), detail: feedback.detail.clone(), at };
            for member in memberships(app, &email.user_id).await? {
                let actor = Actor { id: "ses", role: "system", request_id: &record.sns.message_id, off_premises: false, device_id: None };
                let batch = vec![
                    mark(app, &member, &problem),
                    writes::audit_by(
                        app,
                        &actor,
                        &member.setting_id,
                        if feedback.kind == "bounce" { AuditAction::EmailBounce } else { AuditAction::EmailComplaint },
                        &format!("user:{}", member.user_id),
                        Some(problem.detail.clone()),
                    ),
                ];
                app.store().transact(batch).await?;
                marked += 1;
            }
        }
    }
    Ok(marked)
}

/// Every membership of a user (GSI1 `USER#<user>`, members only).
async fn memberships(app: &App, user_id: &nestling_domain::UserId) -> Result<Vec<MemberRecord>, StoreError> {
    let page = app.store().page(Query::partition(Index::Gsi1, keys::user(user_id)).prefix(keys::MEMBER_PREFIX).limit(100), None).await?;
    page.items.into_iter().map(from_item).collect()
}

/// Sets the problem on a membership, bumping its version so a concurrent versioned write of
/// it conflicts instead of dropping the mark.
fn mark(app: &App, member: &MemberRecord, problem: &EmailProblem) -> Write {
    let change = Change::new().set("emailProblem", problem).next_version().on_existing();
    app.store().change(&MemberRecord::key(&member.setting_id, &member.user_id), change)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn permanent_bounces_and_complaints_are_acted_on_transient_ones_are_not() {
        let bounce = r#"{"eventType":"Bounce","bounce":{"bounceType":"Permanent","bounceSubType":"General","bouncedRecipients":[{"emailAddress":"Beth@Families.test","diagnosticCode":"smtp; 550 5.1.1 user unknown"}]}}"#;
        let f = parse_feedback(bounce).unwrap();
        assert_eq!((f.kind, f.addresses.clone()), ("bounce", vec!["beth@families.test".to_string()]));
        assert!(f.detail.contains("550 5.1.1"));
        let transient =
            r#"{"notificationType":"Bounce","bounce":{"bounceType":"Transient","bouncedRecipients":[{"emailAddress":"a@b.test"}]}}"#;
        assert_eq!(parse_feedback(transient), None);
        let complaint = r#"{"notificationType":"Complaint","complaint":{"complainedRecipients":[{"emailAddress":"a@b.test"}],"complaintFeedbackType":"abuse"}}"#;
        let f = parse_feedback(complaint).unwrap();
        assert_eq!((f.kind, f.addresses[0].as_str()), ("complaint", "a@b.test"));
        assert_eq!(parse_feedback(r#"{"eventType":"Delivery"}"#), None);
        assert_eq!(parse_feedback("not json"), None);
    }
}

#[cfg(test)]
mod in_memory {
    use super::*;
    use nestling_domain::Role;
    use nestling_platform::testing::World;

    fn bounce_of(email: &str) -> SnsEvent {
        let sample = include_str!("../../../events/ses-feedback.json").replace("{{bouncedEmail}}", email);
        serde_json::from_str(&sample).expect("the sample SNS event")
    }

    #[tokio::test]
    async fn a_permanent_bounce_marks_the_addresss_membership_with_its_log_line() {
        let w = World::new();
        let parent = w.member(Role::Parent);
        let other = w.member(Role::Parent);
        assert_eq!(handle_feedback(&w.app, bounce_of(&parent.email.to_uppercase())).await.unwrap(), 1);
        let marked: MemberRecord = w.get(&MemberRecord::key(&w.setting_id, &parent.user_id)).unwrap();
        let problem = marked.email_problem.expect("marked");
        assert_eq!((problem.kind.as_str(), marked.version), ("bounce", 2));
        assert!(problem.detail.contains("550 5.1.1"));
        let untouched: MemberRecord = w.get(&MemberRecord::key(&w.setting_id, &other.user_id)).unwrap();
        assert!(untouched.email_problem.is_none());
        let audit = w.items_of_kind("audit");
        assert_eq!(audit.len(), 1);
        assert_eq!(nestling_platform::store::text_of(&audit[0], "action"), Some("email.bounce"));
        // An address Nestling does not know changes nothing.
        let items = w.table.items();
        assert_eq!(handle_feedback(&w.app, bounce_of("unknown@example.test")).await.unwrap(), 0);
        assert_eq!(w.table.items(), items);
    }
}

//! Alerts: emails to a setting's managers written in the same transaction as their cause,
//! and broadcasts to many families. A broadcast is one `NOTIFY#` item of kind `broadcast`
//! written with its cause; the `notify-fanout` consumer turns it into one outbox email per
//! recipient under ids derived from the broadcast, so a redelivery writes none twice and a
//! cause never commits without its emails following.

use crate::app::App;
use crate::http::ApiResult;
use crate::records::{ManagersRecord, MemberRecord, NotifiedGuardian};
use crate::store::{from_item, keys, to_item, Index, Item, Query, StoreError, Write};
use crate::writes::Email;
use nestling_domain::{MembershipStatus, Role, SettingId, Timestamp, UserId};
use serde::{Deserialize, Serialize};

/// The managers' list read with the authorisation (empty when it was never written).
pub fn managers_of(item: Option<Item>, setting_id: &SettingId) -> ApiResult<ManagersRecord> {
    Ok(match item {
        Some(item) => from_item(item)?,
        None => ManagersRecord::empty(setting_id),
    })
}

/// One email per manager, with the manager's user id (for derived outbox ids).
pub fn manager_emails(
    managers: &ManagersRecord,
    subject: &str,
    text: &str,
    purpose: &'static str,
    setting_id: &SettingId,
) -> Vec<(UserId, Email)> {
    managers
        .managers
        .iter()
        .map(|(user_id, m)| (user_id.clone(), personal_email(&m.email, &m.name, subject, text, purpose, setting_id)))
        .collect()
}

/// An email greeting one person by name, in plain text and HTML.
pub fn personal_email(to: &str, name: &str, subject: &str, text: &str, purpose: &'static str, setting_id: &SettingId) -> Email {
    Email {
        to: to.into(),
        subject: subject.into(),
        text: format!("Hello {name},\n\n{text}"),
        html: format!("<p>Hello {},</p>{}", crate::mail::escape_html(name), paragraphs_html(text)),
        purpose,
        setting_id: Some(setting_id.clone()),
    }
}

/// A plain-text email body as HTML: each blank-line-separated paragraph escaped in a `<p>`.
pub fn paragraphs_html(text: &str) -> String {
    text.split("\n\n").map(|p| format!("<p>{}</p>", crate::mail::escape_html(p).replace('\n', "<br>"))).collect()
}

/// Whom a broadcast reaches.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", tag = "to")]
pub enum Audience {
    /// Every active parent and family member of the setting, as they are when it is sent.
    Families,
    /// These people, chosen (and recorded) by the change that caused it.
    Guardians { recipients: Vec<NotifiedGuardian> },
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BroadcastRecord {
    #[serde(rename = "PK")]
    pub pk: String,
    #[serde(rename = "SK")]
    pub sk: String,
    pub kind: String,
    pub broadcast_id: String,
    pub setting_id: SettingId,
    pub audience: Audience,
    pub subject: String,
    pub text: String,
    pub purpose: String,
    /// Sign every recipient out of Cognito first (lockdown).
    #[serde(default)]
    pub sign_out: bool,
    /// Also sign the setting's practitioners out (lockdown, rule 10: every open session ends;
    /// managers carry on). They are not emailed.
    #[serde(default)]
    pub sign_out_practitioners: bool,
    pub created_at: Timestamp,
    pub expires_at: i64,
}

impl BroadcastRecord {
    /// The email for one recipient.
    pub fn email_for(&self, to: &str, name: &str) -> Email {
        let purpose: &'static str = match self.purpose.as_str() {
            "lockdown" => "lockdown",
            "lockdown-lifted" => "lockdown-lifted",
            "breach-families" => "breach-families",
            _ => "broadcast",
        };
        personal_email(to, name, &self.subject, &self.text, purpose, &self.setting_id)
    }
    /// The outbox id of one recipient's email.
    pub fn outbox_id(&self, user_id: &UserId) -> String {
        format!("broadcast-{}-{user_id}", self.broadcast_id)
    }
}

/// What a broadcast says, to whom, and whether it signs them (and the practitioners) out.
pub struct Broadcast<'a> {
    pub setting_id: &'a SettingId,
    pub audience: Audience,
    pub subject: &'a str,
    pub text: &'a str,
    pub purpose: &'a str,
    pub sign_out: bool,
    pub sign_out_practitioners: bool,
}

/// The broadcast item to write in the same transaction as its cause.
pub fn broadcast(app: &App, b: Broadcast<'_>) -> Write {
    let id = app.new_sortable_id();
    let record = BroadcastRecord {
        pk: keys::notify(&id),
        sk: keys::NOTIFY_SK.into(),
        kind: "broadcast".into(),
        broadcast_id: id,
        setting_id: b.setting_id.clone(),
        audience: b.audience,
        subject: b.subject.into(),
        text: b.text.into(),
        purpose: b.purpose.into(),
        sign_out: b.sign_out,
        sign_out_practitioners: b.sign_out_practitioners,
        created_at: app.clock.timestamp(),
        expires_at: (app.clock.now() + time::Duration::days(30)).unix_timestamp(),
    };
    app.store().put_new(to_item(&record))
}

/// Every parent and family member of the setting now who holds a live link to a child: a
/// guardian whose every link was revoked keeps no access, and hears nothing either.
pub async fn families_of(app: &App, setting_id: &SettingId) -> Result<Vec<NotifiedGuardian>, StoreError> {
    let members =
        active_members(app, setting_id, |m| matches!(m.role, Role::Parent | Role::Family) && !m.linked_children.is_empty()).await?;
    Ok(members
        .into_iter()
        .map(|m| NotifiedGuardian { user_id: m.user_id, name: m.name, email: m.email, child_ids: m.linked_children })
        .collect())
}

/// The setting's active practitioners now (managers excluded).
pub async fn practitioners_of(app: &App, setting_id: &SettingId) -> Result<Vec<MemberRecord>, StoreError> {
    active_members(app, setting_id, |m| m.role == Role::Practitioner).await
}

/// The setting's active memberships that `wanted` keeps, page by page.
async fn active_members(
    app: &App,
    setting_id: &SettingId,
    wanted: impl Fn(&MemberRecord) -> bool,
) -> Result<Vec<MemberRecord>, StoreError> {
    let mut out = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let members = Query::partition(Index::Table, keys::setting(setting_id)).prefix(keys::MEMBER_PREFIX).limit(500);
        let page = app.store().page(members, cursor.as_deref()).await?;
        for item in page.items {
            let m: MemberRecord = from_item(item)?;
            if m.status == MembershipStatus::Active && wanted(&m) {
                out.push(m);
            }
        }
        match page.next_cursor {
            Some(c) => cursor = Some(c),
            None => break,
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_bodies_escape_every_paragraph() {
        assert_eq!(paragraphs_html("a <b>\nc\n\nd & e"), "<p>a &lt;b&gt;<br>c</p><p>d &amp; e</p>");
        let email = personal_email("x@y.test", "<Ann>", "S", "Hi", "lockdown", &SettingId::parse("s1").unwrap());
        assert!(email.html.starts_with("<p>Hello &lt;Ann&gt;,</p>"));
        assert_eq!(email.text, "Hello <Ann>,\n\nHi");
    }
}

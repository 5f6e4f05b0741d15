//! Bringing a person into a setting: the account (created in Cognito with its message
//! suppressed, or found), their membership, a one-time invitation token (only its hash is
//! stored; it expires in 72 hours) and the email carrying the link, all as writes for the
//! caller's transaction.

use crate::app::App;
use crate::records::{AccountStatus, EmailRecord, InvitationRecord, MemberRecord, NewMember, UserRecord};
use crate::store::{keys, to_item, Change, Condition, Item, Path, StoreError, Write};
use crate::writes::{outbox, Email};
use nestling_domain::{ChildId, EmailAddress, MembershipStatus, PersonName, Role, SettingId, UserId};
use sha2::{Digest, Sha256};

pub const INVITATION_HOURS: i64 = 72;

pub fn hash_token(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// 244 random bits, URL-safe: the secret of a link sent by email (invitations, journey
/// transfers), of which only the hash is stored.
pub fn new_token() -> String {
    format!("{}{}", uuid::Uuid::new_v4().simple(), uuid::Uuid::new_v4().simple())
}

pub struct Invitee<'a> {
    pub email: &'a EmailAddress,
    pub name: &'a PersonName,
    pub role: Role,
    pub qualification_level: Option<u8>,
    /// Guardians: the child whose link brings them in.
    pub linked_child: Option<&'a ChildId>,
}

pub struct Invited {
    pub member: MemberRecord,
    pub writes: Vec<Write>,
}

/// Prepares the writes that make `invitee` a member of the setting. `known` is the email's
/// record as read during authorisation (None when the address is new to Nestling).
pub async fn invite(
    app: &App,
    setting_id: &SettingId,
    setting_name: &str,
    invited_by: &UserId,
    invitee: Invitee<'_>,
    known: Option<Item>,
) -> Result<Invited, crate::http::Problem> {
    let now = app.clock.timestamp();
    let known: Option<EmailRecord> = known.map(crate::store::from_item).transpose()?;
    let mut writes = Vec::new();
    let (user_id, username, account_active) = match known {
        Some(record) => (record.user_id, record.username, record.status == AccountStatus::Active),
        None => {
            let account = app.directory().ensure_account(invitee.email.as_str(), invitee.name.as_str()).await?;
            let user = UserRecord::new(
                &account.sub,
                &account.username,
                invitee.email.as_str(),
                invitee.name.as_str(),
                AccountStatus::Invited,
                now,
            );
            writes.push(app.store().put_new(to_item(&user)));
            writes.push(app.store().put_new(to_item(&EmailRecord::new(invitee.email.as_str(), &account.sub, &account.username))));
            (account.sub, account.username, false)
        }
    };
    let mut member = MemberRecord::new(
        NewMember {
            setting_id,
            setting_name,
            user_id: &user_id,
            email: invitee.email.as_str(),
            name: invitee.name.as_str(),
            role: invitee.role,
            status: if account_active { MembershipStatus::Active } else { MembershipStatus::Invited },
            qualification_level: invitee.qualification_level,
            invited_by,
        },
        now,
    );
    member.linked_children = invitee.linked_child.cloned().into_iter().collect();
    // A staff membership still `invited` (a missed or lost link) may be invited again: the new
    // invitation replaces it. Active and revoked memberships are left alone (409). A guardian's
    // membership is only ever created here (later links extend it under its version), so a
    // concurrent link of the same person cannot replace the other's list of children.
    let condition = if invitee.linked_child.is_some() {
        Condition::item_absent()
    } else {
        let invited_staff = Condition::eq("status", "invited").and(Condition::one_of("role", &["manager", "practitioner"]));
        Condition::item_absent().or(invited_staff)
    };
    writes.push(app.store().put_if(to_item(&member), condition));

    let role = invitee.role.as_str();
    let greeting = format!("Hello {},", invitee.name);
    let email = if account_active {
        let link = format!("{}/", app.config.app_url.trim_end_matches('/'));
        Email {
            to: invitee.email.to_string(),
            subject: format!("You have been added to {setting_name} on Nestling"),
            text: format!(
                "{greeting}\n\nYou have been added to {setting_name} on Nestling as {role}. Sign in with your usual password:\n{link}\n"
            ),
            html: html_mail(&greeting, &format!("You have been added to {setting_name} on Nestling as {role}."), "Sign in", &link),
            purpose: "membership-added",
            setting_id: Some(setting_id.clone()),
        }
    } else {
        let token = new_token();
        let invitation = InvitationRecord {
            pk: keys::invitation(&hash_token(&token)),
            sk: keys::INVITATION_SK.into(),
            kind: "invitation".into(),
            user_id: user_id.clone(),
            username: username.clone(),
            email: invitee.email.to_string(),
            setting_id: setting_id.clone(),
            role: invitee.role,
            name: invitee.name.to_string(),
            invited_by: invited_by.clone(),
            created_at: now,
            expires_at: (app.clock.now() + time::Duration::hours(INVITATION_HOURS)).unix_timestamp(),
            accepted_at: None,
        };
        writes.push(app.store().put_new(to_item(&invitation)));
        let link = format!("{}/invitations/{token}", app.config.app_url.trim_end_matches('/'));
        Email {
            to: invitee.email.to_string(),
            subject: format!("You are invited to {setting_name} on Nestling"),
            text: format!(
                "{greeting}\n\n{setting_name} has invited you to Nestling as {role}.\n\nChoose your password here (the link works once and expires in {INVITATION_HOURS} hours):\n{link}\n\nIf you were not expecting this email, ignore it.\n"
            ),
            html: html_mail(
                &greeting,
                &format!("{setting_name} has invited you to Nestling as {role}. The link works once and expires in {INVITATION_HOURS} hours."),
                "Choose your password",
                &link,
            ),
            purpose: "invitation",
            setting_id: Some(setting_id.clone()),
        }
    };
    writes.push(outbox(app, email));
    Ok(Invited { member, writes })
}

/// A minimal HTML part: escaped text and one link.
pub fn html_mail(greeting: &str, paragraph: &str, action: &str, link: &str) -> String {
    use crate::mail::escape_html as e;
    format!(
        "<!doctype html><html><body><p>{}</p><p>{}</p><p><a href=\"{}\">{}</a></p></body></html>",
        e(greeting),
        e(paragraph),
        e(link),
        e(action)
    )
}

/// Maps a failed invitation transaction: the email record existing means the address was
/// taken by a concurrent request.
pub fn conflict_problem(error: StoreError) -> crate::http::Problem {
    match error {
        StoreError::Conflict { .. } => crate::http::Problem::conflict(
            "already-member",
            "That person is already a member here, or is being added by someone else right now",
        ),
        other => other.into(),
    }
}

/// Adds an active manager to the setting's managers' list (alerts reach them from then on).
pub fn add_manager(app: &App, setting_id: &SettingId, user_id: &UserId, name: &str, email: &str) -> Write {
    let contact = crate::records::ManagerContact { name: name.into(), email: email.into() };
    let change = Change::new().set(Path::new("managers").key(user_id.as_str()), &contact).on_existing();
    app.store().change(&crate::records::ManagersRecord::key(setting_id), change)
}

/// Takes a manager off the list (their access ended).
pub fn remove_manager(app: &App, setting_id: &SettingId, user_id: &UserId) -> Write {
    let change = Change::new().remove(Path::new("managers").key(user_id.as_str())).on_existing();
    app.store().change(&crate::records::ManagersRecord::key(setting_id), change)
}

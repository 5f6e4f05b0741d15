//! Guardians: managers link parents and family to children (inviting them when new) and
//! revoke links; guardians accept the setting's acceptable-use agreement before any child
//! data is shown; managers publish new versions of it.

pub mod problems;
use lambda_http::{Body, Request, Response};
use nestling_domain::bounds::{MAX_CHILDREN_PER_GUARDIAN, MAX_GUARDIANS_PER_CHILD};
use nestling_domain::messages::households_apart;
use nestling_domain::{
    link_status, Action, AgreementText, ChildId, EmailAddress, FreeText, GuardianAccess, LinkStatus, MembershipStatus, PersonName,
    Relationship, RevocationReason, Role, SettingId, Timestamp, UserId,
};
use nestling_platform::access::{authorize, authorize_child};
use nestling_platform::http::{self, Problem};
use nestling_platform::invitations::{self, html_mail, Invitee};
use nestling_platform::records::{AgreementRecord, ChildRecord, EmailRecord, GuardianLinkRecord, MemberRecord, SettingRecord, UserRecord};
use nestling_platform::store::{to_item, Change, Condition, Path, Write};
use nestling_platform::writes::AuditAction;
use nestling_platform::{writes, App, Audit, Commit};
pub use problems::GuardiansProblem;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NewGuardian {
    #[schema(value_type = String, format = Email)]
    pub email: EmailAddress,
    #[schema(value_type = String)]
    pub name: PersonName,
    #[schema(value_type = String)]
    pub relationship: Relationship,
    pub parental_responsibility: bool,
    pub access: GuardianAccess,
    pub may_collect: bool,
}

#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct GuardianView {
    #[schema(value_type = String)]
    pub user_id: UserId,
    pub name: String,
    pub relationship: String,
    pub parental_responsibility: bool,
    pub access: GuardianAccess,
    pub may_collect: bool,
    pub status: LinkStatus,
    /// Staff only.
    pub email: Option<String>,
    #[schema(value_type = Option<String>)]
    pub linked_by: Option<UserId>,
    #[schema(value_type = Option<String>)]
    pub linked_at: Option<Timestamp>,
    #[schema(value_type = Option<String>)]
    pub revoked_at: Option<Timestamp>,
    /// Managers only.
    pub revoked_reason: Option<String>,
    pub revoked_note: Option<String>,
    /// Staff only: the household the setting marked for separated guardians (1-4).
    pub household: Option<nestling_domain::messages::Household>,
}

fn guardian_view(link: &GuardianLinkRecord, child: &ChildRecord, current_agreement: u32, staff: bool, manager: bool) -> GuardianView {
    let status = link_status(link.is_revoked(), child.hold.is_some(), link.accepted_agreement_version, current_agreement);
    GuardianView {
        user_id: link.user_id.clone(),
        name: link.name.clone(),
        relationship: link.relationship.clone(),
        parental_responsibility: link.parental_responsibility,
        access: link.access,
        may_collect: link.may_collect,
        status,
        email: staff.then(|| link.email.clone()),
        linked_by: staff.then(|| link.linked_by.clone()),
        linked_at: staff.then_some(link.linked_at),
        revoked_at: link.revoked_at.filter(|_| staff),
        revoked_reason: link.revoked_reason.clone().filter(|_| manager),
        revoked_note: link.revoked_note.clone().filter(|_| manager),
        household: link.household.filter(|_| staff),
    }
}

/// POST /v1/settings/{settingId}/children/{childId}/guardians: links a guardian, inviting
/// them if new to Nestling. One transaction writes the link (in the child), the membership,
/// any account records and invitation, the email and the audit line.
pub async fn link_guardian(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("guardians-link", req, |req| async move {
        let setting_id = http::path_id::<SettingId>(&req, "settingId")?;
        let child_id = http::path_id::<ChildId>(&req, "childId")?;
        let body = http::json_body::<NewGuardian>(&req);
        // The address's account, if the person is already on Nestling.
        let address: Vec<_> = body.iter().map(|b| EmailRecord::key(b.email.as_str())).collect();
        let auth = authorize_child(&app, &req, "guardians-link", &setting_id, &child_id, Action::LinkGuardian, &address).await?;
        let body = body?;
        if let Some(answer) = auth.idempotency.as_ref().map(|i| i.replay()).transpose()?.flatten() {
            Audit::child(&setting_id, AuditAction::GuardianLinkReplay, &child_id).log_read(&app, &auth).await?;
            return Ok(auth.tag(answer));
        }
        let address = EmailRecord::key(body.email.as_str());
        let known: Option<EmailRecord> = auth.record(&address)?;
        // Someone already on Nestling may already belong to this setting: their membership is
        // read (a second round trip, only on this path) so the link extends it safely.
        let existing: Option<MemberRecord> = match &known {
            Some(record) => app.store().get_as(&MemberRecord::key(&setting_id, &record.user_id)).await?,
            None => None,
        };
        let child = auth.child();
        if let Some(member) = &existing {
            if member.role.is_staff() {
                return Err(Problem::from(GuardiansProblem::StaffMember));
            }
            if member.status == MembershipStatus::Revoked {
                return Err(Problem::from(GuardiansProblem::AccessRevoked));
            }
            if child.guardians.get(&member.user_id).is_some_and(|l| !l.is_revoked()) {
                return Err(Problem::from(GuardiansProblem::AlreadyLinked));
            }
            if !member.linked_children.contains(&child_id) && member.linked_children.len() >= MAX_CHILDREN_PER_GUARDIAN {
                return Err(Problem::limit_reached(format!("a guardian is linked to at most {MAX_CHILDREN_PER_GUARDIAN} children")));
            }
        }
        let relinked = existing.as_ref().is_some_and(|m| child.guardians.contains_key(&m.user_id));
        if !relinked && child.guardians.len() >= MAX_GUARDIANS_PER_CHILD {
            return Err(Problem::limit_reached(format!(
                "a child has at most {MAX_GUARDIANS_PER_CHILD} guardian links, revoked ones included"
            )));
        }
        let now = app.clock.timestamp();
        let setting_name = auth.setting().name.clone();
        let mut batch: Vec<Write> = Vec::new();
        let (user_id, accepted) = match existing {
            None => {
                let invitee = Invitee {
                    email: &body.email,
                    name: &body.name,
                    role: body.access.role(),
                    qualification_level: None,
                    linked_child: Some(&child_id),
                };
                let invited =
                    invitations::invite(&app, &setting_id, &setting_name, &auth.caller.user_id, invitee, auth.item(&address)).await?;
                batch.extend(invited.writes);
                (invited.member.user_id, None)
            }
            Some(member) => {
                let expected = member.version;
                let mut updated = member.clone();
                updated.linked_children.retain(|c| c != &child_id);
                updated.linked_children.push(child_id.clone());
                // A parent link gives the wider role; a family link never narrows a parent's.
                if body.access == GuardianAccess::Parent {
                    updated.role = Role::Parent;
                }
                updated.version += 1;
                batch.push(app.store().put_versioned(to_item(&updated), expected));
                batch.push(writes::outbox(&app, linked_notice(&app, &member, &setting_id, &setting_name)));
                (member.user_id, member.accepted_agreement_version)
            }
        };
        let link = GuardianLinkRecord {
            user_id: user_id.clone(),
            name: body.name.to_string(),
            email: body.email.to_string(),
            relationship: body.relationship.to_string(),
            parental_responsibility: body.parental_responsibility,
            access: body.access,
            may_collect: body.may_collect,
            linked_by: auth.caller.user_id.clone(),
            linked_at: now,
            accepted_agreement_version: accepted,
            revoked_at: None,
            revoked_by: None,
            revoked_reason: None,
            revoked_note: None,
            household: None,
        };
        let mut updated_child = child.clone();
        updated_child.guardians.insert(user_id.clone(), link.clone());
        updated_child.version += 1;
        updated_child.updated_at = now;
        let answer = guardian_view(&link, &updated_child, auth.setting().agreement_version, true, true);
        batch.push(app.store().put_versioned(to_item(&updated_child), child.version));
        let detail =
            format!("guardian {user_id}; access {}; parental responsibility {}", body.access.role().as_str(), body.parental_responsibility);
        Commit::new(&app, &auth, Audit::child(&setting_id, AuditAction::GuardianLink, &child_id).detail(detail))
            .writes(batch)
            .on_conflict(invitations::conflict_problem)
            .answer(201, &answer, Some(updated_child.version))
            .await
    })
    .await
}

fn linked_notice(app: &App, member: &MemberRecord, setting_id: &SettingId, setting_name: &str) -> writes::Email {
    let link = format!("{}/", app.config.app_url.trim_end_matches('/'));
    let greeting = format!("Hello {},", member.name);
    let paragraph = format!("{setting_name} has linked you to another child's records on Nestling.");
    writes::Email {
        to: member.email.clone(),
        subject: format!("{setting_name}: a child was added to your Nestling account"),
        text: format!("{greeting}\n\n{paragraph} Sign in to see them:\n{link}\n"),
        html: html_mail(&greeting, &paragraph, "Sign in", &link),
        purpose: "guardian-linked",
        setting_id: Some(setting_id.clone()),
    }
}

/// GET /v1/settings/{settingId}/children/{childId}/guardians: staff see every link; a linked
/// parent sees the child's other live guardians without contact details or revocations.
pub async fn list_guardians(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("guardians-list", req, |req| async move {
        let setting_id = http::path_id::<SettingId>(&req, "settingId")?;
        let child_id = http::path_id::<ChildId>(&req, "childId")?;
        let auth = authorize_child(&app, &req, "guardians-list", &setting_id, &child_id, Action::ListGuardians, &[]).await?;
        Audit::child(&setting_id, AuditAction::GuardiansView, &child_id).log_read(&app, &auth).await?;
        let (staff, manager) = (auth.is_staff(), auth.is_manager());
        let child = auth.child();
        let current = auth.setting().agreement_version;
        // A parent marked as a separate household is not shown the other household's
        // guardians (rule 16); staff see everyone, revoked links included.
        let own = child.guardians.get(&auth.caller.user_id).and_then(|l| l.household);
        let items: Vec<GuardianView> = child
            .guardians
            .values()
            .filter(|l| staff || (!l.is_revoked() && !households_apart(own, l.household)))
            .map(|l| guardian_view(l, child, current, staff, manager))
            .collect();
        Ok(auth.tag(http::ok(&http::ListPage { items, next_cursor: None })))
    })
    .await
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LinkRevocation {
    pub reason: RevocationReason,
    #[schema(value_type = Option<String>)]
    pub note: Option<FreeText>,
}

/// POST /v1/settings/{settingId}/children/{childId}/guardians/{userId}/revoke: effective on
/// the guardian's next request; their last link going also signs them out everywhere.
pub async fn revoke_guardian(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("guardians-revoke", req, |req| async move {
        let setting_id = http::path_id::<SettingId>(&req, "settingId")?;
        let child_id = http::path_id::<ChildId>(&req, "childId")?;
        let target_id = http::path_id::<UserId>(&req, "userId")?;
        let (member_key, user_key) = (MemberRecord::key(&setting_id, &target_id), UserRecord::key(&target_id));
        let loads = [member_key.clone(), user_key.clone()];
        let auth = authorize_child(&app, &req, "guardians-revoke", &setting_id, &child_id, Action::RevokeGuardian, &loads).await?;
        let body: LinkRevocation = http::json_body(&req)?;
        let child = auth.child();
        let Some(link) = child.guardians.get(&target_id) else { return Err(Problem::not_found()) };
        if link.is_revoked() {
            return Err(Problem::from(GuardiansProblem::AlreadyRevoked));
        }
        let now = app.clock.timestamp();
        let mut revoked = link.clone();
        revoked.revoked_at = Some(now);
        revoked.revoked_by = Some(auth.caller.user_id.clone());
        revoked.revoked_reason = Some(body.reason.as_str().into());
        revoked.revoked_note = body.note.as_ref().map(|n| n.to_string());
        let mut updated_child = child.clone();
        updated_child.guardians.insert(target_id.clone(), revoked.clone());
        updated_child.version += 1;
        updated_child.updated_at = now;
        let mut batch = vec![app.store().put_versioned(to_item(&updated_child), child.version)];
        let member: Option<MemberRecord> = auth.record(&member_key)?;
        let mut last_link = false;
        if let Some(member) = member {
            let mut updated = member.clone();
            updated.linked_children.retain(|c| c != &child_id);
            updated.version += 1;
            last_link = updated.linked_children.is_empty();
            batch.push(app.store().put_versioned(to_item(&updated), member.version));
        }
        let detail = format!("guardian {target_id}; reason {}", body.reason.as_str());
        Commit::new(&app, &auth, Audit::child(&setting_id, AuditAction::GuardianRevoke, &child_id).detail(detail))
            .writes(batch)
            .commit::<Problem>()
            .await?;
        if last_link {
            let username = auth.record::<UserRecord>(&user_key)?.map(|u| u.username);
            if let Some(username) = username {
                // Refresh tokens die now; access tokens are refused by the link check already.
                if let Err(e) = app.directory().sign_out_everywhere(&username).await {
                    tracing::error!(error = %e, "global sign-out failed after revoking a last link; access is still refused");
                }
            }
        }
        let view = guardian_view(&revoked, &updated_child, auth.setting().agreement_version, true, true);
        Ok(auth.tag(http::with_version(200, &view, updated_child.version)))
    })
    .await
}

#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct AgreementView {
    pub version: u32,
    pub text: String,
    #[schema(value_type = String)]
    pub published_at: Timestamp,
    /// The version the caller last accepted (guardians), if any.
    pub accepted_version: Option<u32>,
    #[schema(value_type = Option<String>)]
    pub accepted_at: Option<Timestamp>,
}

fn agreement_view(agreement: &AgreementRecord, member: Option<&MemberRecord>) -> AgreementView {
    AgreementView {
        version: agreement.agreement_version,
        text: agreement.text.clone(),
        published_at: agreement.published_at,
        accepted_version: member.and_then(|m| m.accepted_agreement_version),
        accepted_at: member.and_then(|m| m.accepted_agreement_at),
    }
}

/// GET /v1/settings/{settingId}/agreement: every member, guardians above all (they must be
/// able to read what they are asked to accept).
pub async fn get_agreement(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("agreement-get", req, |req| async move {
        let setting_id = http::path_id::<SettingId>(&req, "settingId")?;
        let current = AgreementRecord::current_key(&setting_id);
        let auth = authorize(&app, &req, "agreement-get", Some(&setting_id), Action::ViewAgreement, std::slice::from_ref(&current)).await?;
        let agreement: AgreementRecord = match auth.record(&current)? {
            Some(agreement) => agreement,
            None => return Err(Problem::internal("agreement", "setting has no current agreement")),
        };
        Ok(auth.tag(http::ok(&agreement_view(&agreement, auth.member.as_ref()))))
    })
    .await
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NewAgreement {
    #[schema(value_type = String)]
    pub text: AgreementText,
}

/// PUT /v1/settings/{settingId}/agreement: a manager publishes a new version; every guardian
/// is back to `pending-agreement` until they accept it (derived, so nothing else is written).
pub async fn publish_agreement(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("agreement-publish", req, |req| async move {
        let setting_id = http::path_id::<SettingId>(&req, "settingId")?;
        let auth = authorize(&app, &req, "agreement-publish", Some(&setting_id), Action::PublishAgreement, &[]).await?;
        let body: NewAgreement = http::json_body(&req)?;
        if let Some(answer) = auth.idempotency.as_ref().map(|i| i.replay()).transpose()?.flatten() {
            return Ok(auth.tag(answer));
        }
        let now = app.clock.timestamp();
        let setting = auth.setting().clone();
        let version = setting.agreement_version + 1;
        let updated = SettingRecord { agreement_version: version, version: setting.version + 1, ..setting.clone() };
        let [numbered, current] = AgreementRecord::new(&setting_id, version, body.text.as_str(), &auth.caller.user_id, now);
        let answer = agreement_view(&current, None);
        let batch = vec![
            app.store().put_versioned(to_item(&updated), setting.version),
            app.store().put_new(to_item(&numbered)),
            app.store().put(to_item(&current)),
        ];
        Commit::new(&app, &auth, Audit::of(&setting_id, AuditAction::AgreementPublish, format!("agreement:{version}")))
            .writes(batch)
            .answer(200, &answer, Some(updated.version))
            .await
    })
    .await
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AgreementAcceptance {
    pub version: u32,
}

#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct AcceptedAgreement {
    pub version: u32,
    #[schema(value_type = String)]
    pub accepted_at: Timestamp,
    /// The children whose links this acceptance makes active (unless held or revoked).
    #[schema(value_type = Vec<String>)]
    pub linked_children: Vec<ChildId>,
}

/// POST /v1/settings/{settingId}/agreement/acceptances: records the version and time on the
/// membership and on each of the guardian's links, in one transaction.
pub async fn accept_agreement(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("agreement-accept", req, |req| async move {
        let setting_id = http::path_id::<SettingId>(&req, "settingId")?;
        let auth = authorize(&app, &req, "agreement-accept", Some(&setting_id), Action::AcceptAgreement, &[]).await?;
        let body: AgreementAcceptance = http::json_body(&req)?;
        let current = auth.setting().agreement_version;
        if body.version != current {
            return Err(Problem::from(GuardiansProblem::AgreementOutdated).with_detail(format!("the current version is {current}")));
        }
        let member = auth.member().clone();
        // Accepted already: the same answer again. (The version and its time are written
        // together; a version without its time is recorded again, with one.)
        if let (Some(version), Some(at)) = (member.accepted_agreement_version, member.accepted_agreement_at) {
            if version == current {
                return Ok(auth.tag(http::ok(&AcceptedAgreement {
                    version: current,
                    accepted_at: at,
                    linked_children: member.linked_children,
                })));
            }
        }
        let now = app.clock.timestamp();
        let mut updated = member.clone();
        updated.accepted_agreement_version = Some(current);
        updated.accepted_agreement_at = Some(now);
        updated.version += 1;
        // Each linked child's guardian access becomes live: the line names them all.
        let audit = Audit::children(&setting_id, AuditAction::AgreementAccept, member.linked_children.clone())
            .detail(format!("agreement version {current}"));
        let links: Vec<_> =
            member.linked_children.iter().map(|child_id| accepted_on_link(&app, &setting_id, child_id, &member.user_id, current)).collect();
        let answer = AcceptedAgreement { version: current, accepted_at: now, linked_children: member.linked_children.clone() };
        // The versioned write of the caller's own membership is also the check that it is
        // unchanged since authorisation.
        Commit::new(&app, &auth, audit)
            .write(app.store().put_versioned(to_item(&updated), member.version))
            .writes(links)
            .answer(200, &answer, None)
            .await
    })
    .await
}

/// Copies the accepted version onto the guardian's link inside the child item.
fn accepted_on_link(app: &App, setting_id: &SettingId, child_id: &ChildId, user_id: &UserId, version: u32) -> Write {
    let link = Path::new("guardians").key(user_id.as_str());
    let change = Change::new().set(link.clone().key("acceptedAgreementVersion"), &version).next_version().when(Condition::exists(link));
    app.store().change(&ChildRecord::key(setting_id, child_id), change)
}

// The use case behind each of this area's route-table names (the local gateway serves them).
nestling_platform::routes! {
    "guardians-link" => link_guardian,
    "guardians-list" => list_guardians,
    // Staff at the setting's tablet, reading who may collect.
    "device-guardians-list" => list_guardians,
    "guardians-revoke" => revoke_guardian,
    "agreement-get" => get_agreement,
    "agreement-publish" => publish_agreement,
    "agreement-accept" => accept_agreement,
}

#[cfg(test)]
mod tests;

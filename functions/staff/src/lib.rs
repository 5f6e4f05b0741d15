//! Staff: managers invite practitioners and managers and revoke them; staff see the team.

pub mod offline;
pub mod problems;
use lambda_http::{Body, Request, Response};
use nestling_domain::{
    Action, EmailAddress, FreeText, MembershipStatus, PersonName, QualificationLevel, Role, SettingId, StaffRole, Timestamp, UserId,
};
use nestling_platform::access::authorize;
use nestling_platform::http::{self, Problem};
use nestling_platform::invitations::{self, Invitee};
use nestling_platform::records::{EmailRecord, MemberRecord, UserRecord};
use nestling_platform::store::{keys, to_item, Condition, Index, Query};
use nestling_platform::writes::AuditAction;
use nestling_platform::{App, Audit, Commit};
pub use problems::StaffProblem;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NewStaff {
    #[schema(value_type = String, format = Email)]
    pub email: EmailAddress,
    #[schema(value_type = String)]
    pub name: PersonName,
    pub role: StaffRole,
    #[schema(value_type = u8, minimum = 0, maximum = 8)]
    pub qualification_level: QualificationLevel,
}

#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct StaffView {
    #[schema(value_type = String)]
    pub user_id: UserId,
    pub name: String,
    pub email: String,
    pub role: nestling_domain::Role,
    pub status: MembershipStatus,
    pub qualification_level: Option<u8>,
    #[schema(value_type = String)]
    pub invited_at: Timestamp,
    #[schema(value_type = Option<String>)]
    pub activated_at: Option<Timestamp>,
    #[schema(value_type = Option<String>)]
    pub revoked_at: Option<Timestamp>,
    pub revoked_reason: Option<String>,
    pub version: u64,
}

impl From<MemberRecord> for StaffView {
    fn from(m: MemberRecord) -> Self {
        Self {
            user_id: m.user_id,
            name: m.name,
            email: m.email,
            role: m.role,
            status: m.status,
            qualification_level: m.qualification_level,
            invited_at: m.invited_at,
            activated_at: m.activated_at,
            revoked_at: m.revoked_at,
            revoked_reason: m.revoked_reason,
            version: m.version,
        }
    }
}

/// POST /v1/settings/{settingId}/staff
pub async fn invite_staff(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("staff-invite", req, |req| async move {
        let setting_id = http::path_id::<SettingId>(&req, "settingId")?;
        // Authorisation answers before validation (see settings-create).
        let body = http::json_body::<NewStaff>(&req);
        let address: Vec<_> = body.iter().map(|b| EmailRecord::key(b.email.as_str())).collect();
        let auth = authorize(&app, &req, "staff-invite", Some(&setting_id), Action::InviteStaff, &address).await?;
        let body = body?;
        if let Some(answer) = auth.idempotency.as_ref().map(|i| i.replay()).transpose()?.flatten() {
            return Ok(auth.tag(answer));
        }
        let invitee = Invitee {
            email: &body.email,
            name: &body.name,
            role: body.role.into(),
            qualification_level: Some(body.qualification_level.value()),
            linked_child: None,
        };
        let setting_name = auth.setting().name.clone();
        let invited = invitations::invite(
            &app,
            &setting_id,
            &setting_name,
            &auth.caller.user_id,
            invitee,
            auth.item(&EmailRecord::key(body.email.as_str())),
        )
        .await?;
        let user_id = invited.member.user_id.clone();
        let mut batch = invited.writes;
        // Someone whose account is already live is a manager at once: alerts reach them now.
        let member = invited.member;
        if member.role == Role::Manager && member.status == MembershipStatus::Active {
            batch.push(invitations::add_manager(&app, &setting_id, &member.user_id, &member.name, &member.email));
        }
        let answer = StaffView::from(member);
        let audit = Audit::of(&setting_id, AuditAction::StaffInvite, format!("staff:{user_id}"))
            .detail(format!("role {}", body.role.as_role_str()));
        Commit::new(&app, &auth, audit).writes(batch).on_conflict(invitations::conflict_problem).answer(201, &answer, Some(1)).await
    })
    .await
}

/// GET /v1/settings/{settingId}/staff
pub async fn list_staff(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("staff-list", req, |req| async move {
        let setting_id = http::path_id::<SettingId>(&req, "settingId")?;
        let (limit, cursor) = http::paging(&req)?;
        let auth = authorize(&app, &req, "staff-list", Some(&setting_id), Action::ListStaff, &[]).await?;
        let staff_only = Condition::one_of("role", &["manager", "practitioner"]);
        let page = app
            .store()
            .page_as::<MemberRecord>(
                Query::partition(Index::Table, keys::setting(&setting_id))
                    .prefix(keys::MEMBER_PREFIX)
                    .limit(limit)
                    .filter(Some(staff_only)),
                cursor.as_deref(),
            )
            .await?;
        // Why someone was revoked is for managers' eyes only.
        let managers_view = auth.member().role == nestling_domain::Role::Manager;
        let items = page
            .items
            .into_iter()
            .map(StaffView::from)
            .map(|v| if managers_view { v } else { StaffView { revoked_reason: None, ..v } })
            .collect();
        let body = http::ListPage { items, next_cursor: page.next_cursor };
        Ok(auth.tag(http::ok(&body)))
    })
    .await
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Revocation {
    #[schema(value_type = String)]
    pub reason: FreeText,
}

/// POST /v1/settings/{settingId}/staff/{userId}/revoke
pub async fn revoke_staff(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("staff-revoke", req, |req| async move {
        let setting_id = http::path_id::<SettingId>(&req, "settingId")?;
        let target_id = http::path_id::<UserId>(&req, "userId")?;
        let (member_key, user_key) = (MemberRecord::key(&setting_id, &target_id), UserRecord::key(&target_id));
        let auth =
            authorize(&app, &req, "staff-revoke", Some(&setting_id), Action::RevokeStaff, &[member_key.clone(), user_key.clone()]).await?;
        let body: Revocation = http::json_body(&req)?;
        let target: MemberRecord = match auth.record::<MemberRecord>(&member_key)? {
            Some(m) if m.role.is_staff() => m,
            _ => return Err(Problem::not_found()),
        };
        if target.user_id == auth.caller.user_id {
            return Err(Problem::from(StaffProblem::CannotRevokeSelf));
        }
        if target.status == MembershipStatus::Revoked {
            return Err(Problem::from(StaffProblem::AlreadyRevoked));
        }
        let now = app.clock.timestamp();
        let expected = target.version;
        let revoked = MemberRecord {
            status: MembershipStatus::Revoked,
            revoked_at: Some(now),
            revoked_by: Some(auth.caller.user_id.clone()),
            revoked_reason: Some(body.reason.to_string()),
            version: expected + 1,
            ..target
        };
        let audit = Audit::of(&setting_id, AuditAction::StaffRevoke, format!("staff:{target_id}")).detail(body.reason.to_string());
        Commit::new(&app, &auth, audit)
            .write(app.store().put_versioned(to_item(&revoked), expected))
            .writes((revoked.role == Role::Manager).then(|| invitations::remove_manager(&app, &setting_id, &target_id)))
            .commit::<Problem>()
            .await?;
        // Refresh tokens die now; access tokens are refused by the membership check above.
        let username = auth.record::<UserRecord>(&user_key)?.map(|u| u.username);
        if let Some(username) = username {
            if let Err(e) = app.directory().sign_out_everywhere(&username).await {
                tracing::error!(error = %e, "global sign-out failed after revocation; access is still refused");
            }
        }
        let version = revoked.version;
        Ok(auth.tag(http::with_version(200, &StaffView::from(revoked), version)))
    })
    .await
}

/// What a member of staff confirms before working off the premises (rule 8): each must be true.
#[derive(Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AttestationBody {
    /// I keep children's information confidential and out of sight of others.
    pub confidentiality: bool,
    /// My device runs up-to-date security software and locks itself.
    pub security_software: bool,
    /// The device is my own and nobody else uses it.
    pub own_device: bool,
}

/// POST /v1/settings/{settingId}/staff/me/remote-attestation: the caller's own attestation,
/// valid for 12 months; it replaces any earlier one.
pub async fn attest_remote_access(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("remote-attestation", req, |req| async move {
        let setting_id = http::path_id::<SettingId>(&req, "settingId")?;
        let auth = authorize(&app, &req, "remote-attestation", Some(&setting_id), Action::AttestRemoteAccess, &[]).await?;
        let body: AttestationBody = http::json_body(&req)?;
        if let Some(answer) = auth.idempotency.as_ref().map(|i| i.replay()).transpose()?.flatten() {
            return Ok(auth.tag(answer));
        }
        if !(body.confidentiality && body.security_software && body.own_device) {
            return Err(Problem::invalid(
                "confidentiality, securitySoftware and ownDevice must all be confirmed (true) to work off the premises",
            ));
        }
        let now = app.clock.now();
        let attestation = nestling_platform::records::RemoteAttestation {
            confidentiality: true,
            security_software: true,
            own_device: true,
            attested_at: Timestamp::new(now),
            expires_at: Timestamp::new(nestling_domain::premises::attestation_expires(now)),
        };
        let current = auth.member().clone();
        let member = MemberRecord { remote_attestation: Some(attestation.clone()), version: current.version + 1, ..current.clone() };
        // The versioned write of the caller's own membership is also the check that it is
        // unchanged since authorisation.
        let audit = Audit::of(&setting_id, AuditAction::RemoteAccessAttest, format!("staff:{}", auth.caller.user_id))
            .detail(format!("until {}", attestation.expires_at));
        Commit::new(&app, &auth, audit)
            .write(app.store().put_versioned(to_item(&member), current.version))
            .answer(200, &attestation, Some(member.version))
            .await
    })
    .await
}

/// Someone of the setting whose email SES reported as permanently bounced or complained.
#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct EmailProblemView {
    #[schema(value_type = String)]
    pub user_id: UserId,
    pub name: String,
    pub email: String,
    pub role: Role,
    pub status: MembershipStatus,
    pub problem: nestling_platform::records::EmailProblem,
}

/// GET /v1/settings/{settingId}/email-problems: managers see whose email is not arriving
/// (staff and families), so alerts and notices can reach them another way.
pub async fn list_email_problems(app: Arc<App>, req: Request) -> Response<Body> {
    http::logged("email-problems", req, |req| async move {
        let setting_id = http::path_id::<SettingId>(&req, "settingId")?;
        let (limit, cursor) = http::paging(&req)?;
        let auth = authorize(&app, &req, "email-problems", Some(&setting_id), Action::ListEmailProblems, &[]).await?;
        let with_problem = Condition::exists("emailProblem");
        let page = app
            .store()
            .page_as::<MemberRecord>(
                Query::partition(Index::Table, keys::setting(&setting_id))
                    .prefix(keys::MEMBER_PREFIX)
                    .limit(limit)
                    .filter(Some(with_problem)),
                cursor.as_deref(),
            )
            .await?;
        let items: Vec<EmailProblemView> = page
            .items
            .into_iter()
            .filter_map(|m| {
                let problem = m.email_problem?;
                Some(EmailProblemView { user_id: m.user_id, name: m.name, email: m.email, role: m.role, status: m.status, problem })
            })
            .collect();
        Ok(auth.tag(http::ok(&http::ListPage { items, next_cursor: page.next_cursor })))
    })
    .await
}

// The use case behind each of this area's route-table names (the local gateway serves them).
nestling_platform::routes! {
    "staff-invite" => invite_staff,
    "staff-list" => list_staff,
    "staff-revoke" => revoke_staff,
    "remote-attestation" => attest_remote_access,
    "email-problems" => list_email_problems,
    "offline-key-issue" => offline::issue_offline_key,
    "offline-key-drop" => offline::drop_offline_key,
}

#[cfg(test)]
mod tests;

//! Who may do what: plain functions of (principal, action), evaluated on every request against
//! the principal as it stands in the table now. JWT claims identify a caller; they never
//! appear here. The default is no.

use serde::{Deserialize, Serialize};

/// A person's role in one setting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    Manager,
    Practitioner,
    Parent,
    Family,
}

impl Role {
    pub fn is_staff(self) -> bool {
        matches!(self, Role::Manager | Role::Practitioner)
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Manager => "manager",
            Role::Practitioner => "practitioner",
            Role::Parent => "parent",
            Role::Family => "family",
        }
    }
}

/// Where a membership stands. `Invited` means the account exists but its owner has not yet
/// set a password: they cannot sign in, and if they somehow could, they would see nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum MembershipStatus {
    Invited,
    Active,
    Revoked,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Membership {
    pub role: Role,
    pub status: MembershipStatus,
}

/// The caller as the table describes them at the moment of the request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Principal {
    /// Runs the deployment (creates settings). Recorded in the table, not taken from a group.
    pub operator: bool,
    /// Their membership of the setting the request names, if any.
    pub membership: Option<Membership>,
}

/// Everything a request can ask to do. Setting-scoped actions name no setting: the principal
/// is always loaded for the setting in the path, so crossing settings is impossible here.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    CreateSetting,
    ViewSetting,
    CreateRoom,
    ListRooms,
    InviteStaff,
    ListStaff,
    RevokeStaff,
}

impl Action {
    pub const ALL: [Action; 7] = [
        Action::CreateSetting,
        Action::ViewSetting,
        Action::CreateRoom,
        Action::ListRooms,
        Action::InviteStaff,
        Action::ListStaff,
        Action::RevokeStaff,
    ];
    /// Whether the action concerns one setting (so strangers get 404, not 403).
    pub fn is_setting_scoped(self) -> bool {
        !matches!(self, Action::CreateSetting)
    }
}

/// The answer, with the reason a denial is given to the caller.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Allow,
    /// The caller may not know the resource exists: answer 404.
    Hidden,
    /// The caller's access to this setting was withdrawn.
    Revoked,
    /// The caller is known here but their role does not allow the action.
    Forbidden,
}

impl Decision {
    pub fn is_allowed(self) -> bool {
        self == Decision::Allow
    }
}

pub fn decide(principal: &Principal, action: Action) -> Decision {
    if !action.is_setting_scoped() {
        return match action {
            Action::CreateSetting if principal.operator => Decision::Allow,
            _ => Decision::Forbidden,
        };
    }
    let membership = match principal.membership {
        Some(m) => m,
        None => return Decision::Hidden,
    };
    match membership.status {
        MembershipStatus::Active => {}
        MembershipStatus::Revoked => return Decision::Revoked,
        MembershipStatus::Invited => return Decision::Hidden,
    }
    let allowed = match action {
        Action::CreateSetting => false,
        Action::ViewSetting => true,
        Action::ListRooms | Action::ListStaff => membership.role.is_staff(),
        Action::CreateRoom | Action::InviteStaff | Action::RevokeStaff => {
            membership.role == Role::Manager
        }
    };
    if allowed {
        Decision::Allow
    } else {
        Decision::Forbidden
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn role() -> impl Strategy<Value = Role> {
        prop_oneof![Just(Role::Manager), Just(Role::Practitioner), Just(Role::Parent), Just(Role::Family)]
    }
    fn status() -> impl Strategy<Value = MembershipStatus> {
        prop_oneof![
            Just(MembershipStatus::Invited),
            Just(MembershipStatus::Active),
            Just(MembershipStatus::Revoked)
        ]
    }
    fn principal() -> impl Strategy<Value = Principal> {
        (any::<bool>(), proptest::option::of((role(), status())))
            .prop_map(|(operator, m)| Principal {
                operator,
                membership: m.map(|(role, status)| Membership { role, status }),
            })
    }
    fn action() -> impl Strategy<Value = Action> {
        proptest::sample::select(Action::ALL.to_vec())
    }

    fn active(role: Role) -> Principal {
        Principal { operator: false, membership: Some(Membership { role, status: MembershipStatus::Active }) }
    }

    #[test]
    fn the_foundation_matrix() {
        use Action::*;
        let m = active(Role::Manager);
        let p = active(Role::Practitioner);
        let parent = active(Role::Parent);
        let family = active(Role::Family);
        for a in [ViewSetting, CreateRoom, ListRooms, InviteStaff, ListStaff, RevokeStaff] {
            assert_eq!(decide(&m, a), Decision::Allow, "manager {a:?}");
        }
        for a in [ViewSetting, ListRooms, ListStaff] {
            assert_eq!(decide(&p, a), Decision::Allow, "practitioner {a:?}");
        }
        for a in [CreateRoom, InviteStaff, RevokeStaff] {
            assert_eq!(decide(&p, a), Decision::Forbidden, "practitioner {a:?}");
        }
        for who in [parent, family] {
            assert_eq!(decide(&who, ViewSetting), Decision::Allow);
            for a in [CreateRoom, ListRooms, InviteStaff, ListStaff, RevokeStaff] {
                assert_eq!(decide(&who, a), Decision::Forbidden);
            }
        }
        let operator = Principal { operator: true, membership: None };
        assert_eq!(decide(&operator, CreateSetting), Decision::Allow);
        assert_eq!(decide(&operator, ViewSetting), Decision::Hidden);
        assert_eq!(decide(&m, CreateSetting), Decision::Forbidden);
    }

    proptest! {
        #[test]
        fn nobody_without_an_active_membership_touches_a_setting(p in principal(), a in action()) {
            let active = matches!(p.membership, Some(Membership { status: MembershipStatus::Active, .. }));
            if a.is_setting_scoped() && !active {
                prop_assert!(!decide(&p, a).is_allowed());
            }
        }

        #[test]
        fn only_operators_create_settings(p in principal()) {
            prop_assert_eq!(decide(&p, Action::CreateSetting).is_allowed(), p.operator);
        }

        #[test]
        fn being_an_operator_grants_nothing_inside_a_setting(p in principal(), a in action()) {
            prop_assume!(a.is_setting_scoped());
            let without = Principal { operator: false, ..p };
            prop_assert_eq!(decide(&p, a), decide(&without, a));
        }

        #[test]
        fn managers_may_do_whatever_any_other_member_may(r in role(), a in action()) {
            prop_assume!(a.is_setting_scoped());
            if decide(&active(r), a).is_allowed() {
                prop_assert!(decide(&active(Role::Manager), a).is_allowed());
            }
        }

        #[test]
        fn strangers_are_told_nothing_exists(operator in any::<bool>(), a in action()) {
            prop_assume!(a.is_setting_scoped());
            prop_assert_eq!(decide(&Principal { operator, membership: None }, a), Decision::Hidden);
        }
    }
}

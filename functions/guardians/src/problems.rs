//! Every answer of the guardians use cases besides success and the answers all areas share
//! (`Problem::invalid`, `not_found`, `forbidden`, ...): one enum, and the one place each becomes
//! problem+json. docs/api.md lists each type; a test holds it to `ALL`.

use nestling_platform::Problem;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GuardiansProblem {
    StaffMember,
    AccessRevoked,
    AlreadyLinked,
    AlreadyRevoked,
    AgreementOutdated,
}

impl GuardiansProblem {
    pub const ALL: &'static [GuardiansProblem] = &[
        GuardiansProblem::StaffMember,
        GuardiansProblem::AccessRevoked,
        GuardiansProblem::AlreadyLinked,
        GuardiansProblem::AlreadyRevoked,
        GuardiansProblem::AgreementOutdated,
    ];
}

impl From<GuardiansProblem> for Problem {
    fn from(problem: GuardiansProblem) -> Problem {
        match problem {
            GuardiansProblem::StaffMember => {
                Problem::conflict("staff-member", "This person is a member of staff here; staff see children through their role")
            }
            GuardiansProblem::AccessRevoked => Problem::conflict("access-revoked", "This person's access to the setting was withdrawn"),
            GuardiansProblem::AlreadyLinked => Problem::conflict("already-linked", "This person is already linked to the child"),
            GuardiansProblem::AlreadyRevoked => Problem::conflict("already-revoked", "This link is already revoked"),
            GuardiansProblem::AgreementOutdated => {
                Problem::conflict("agreement-outdated", "That is not the setting's current agreement; read it again")
            }
        }
    }
}

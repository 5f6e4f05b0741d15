//! Every answer of the guardians use cases besides success and the answers all areas share
//! (`Problem::invalid`, `not_found`, `forbidden`, ...): one enum, and the one place each becomes
//! problem+json. docs/api.md lists each type; a test holds it to `ALL`.

nestling_platform::problems! {
    pub enum GuardiansProblem {
        StaffMember => (409, "staff-member", "This person is a member of staff here; staff see children through their role"),
        AccessRevoked => (409, "access-revoked", "This person's access to the setting was withdrawn"),
        AlreadyLinked => (409, "already-linked", "This person is already linked to the child"),
        AlreadyRevoked => (409, "already-revoked", "This link is already revoked"),
        AgreementOutdated => (409, "agreement-outdated", "That is not the setting's current agreement; read it again"),
    }
}

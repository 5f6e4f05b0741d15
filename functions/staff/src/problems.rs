//! Every answer of the staff use cases besides success and the answers all areas share
//! (`Problem::invalid`, `not_found`, `forbidden`, ...): one enum, and the one place each becomes
//! problem+json. docs/api.md lists each type; a test holds it to `ALL`.

nestling_platform::problems! {
    pub enum StaffProblem {
        CannotRevokeSelf => (422, "cannot-revoke-self", "Ask another manager to revoke your access"),
        AlreadyRevoked => (409, "already-revoked", "This person's access is already revoked"),
    }
}

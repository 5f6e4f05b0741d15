//! Every answer of the children use cases besides success and the answers all areas share
//! (`Problem::invalid`, `not_found`, `forbidden`, ...): one enum, and the one place each becomes
//! problem+json. docs/api.md lists each type; a test holds it to `ALL`.

nestling_platform::problems! {
    pub enum ChildrenProblem {
        StaleVersion => (409, "conflict", "The child's record changed since you read it; reload and try again"),
        AlreadyHeld => (409, "already-held", "A safeguarding hold is already in place for this child"),
        NotHeld => (409, "not-held", "There is no safeguarding hold on this child"),
        NotLeaving => (409, "not-leaving", "No leaving date is recorded for this child"),
        AlreadyLegallyHeld => (409, "legal-hold-placed", "A legal hold is already in place on this child's records"),
        NotLegallyHeld => (409, "no-legal-hold", "There is no legal hold on this child's records"),
        AlreadyLeft => (409, "already-left", "The child has already left; the leaving date can no longer be cancelled"),
    }
}

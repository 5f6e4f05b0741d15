//! Every answer of the staff use cases besides success and the answers all areas share
//! (`Problem::invalid`, `not_found`, `forbidden`, ...): one enum, and the one place each becomes
//! problem+json. docs/api.md lists each type; a test holds it to `ALL`.

use nestling_platform::Problem;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StaffProblem {
    CannotRevokeSelf,
    AlreadyRevoked,
}

impl StaffProblem {
    pub const ALL: &'static [StaffProblem] = &[StaffProblem::CannotRevokeSelf, StaffProblem::AlreadyRevoked];
}

impl From<StaffProblem> for Problem {
    fn from(problem: StaffProblem) -> Problem {
        match problem {
            StaffProblem::CannotRevokeSelf => Problem::new(422, "cannot-revoke-self", "Ask another manager to revoke your access"),
            StaffProblem::AlreadyRevoked => Problem::conflict("already-revoked", "This person's access is already revoked"),
        }
    }
}

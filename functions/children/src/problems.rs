//! Every answer of the children use cases besides success and the answers all areas share
//! (`Problem::invalid`, `not_found`, `forbidden`, ...): one enum, and the one place each becomes
//! problem+json. docs/api.md lists each type; a test holds it to `ALL`.

use nestling_platform::Problem;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChildrenProblem {
    StaleVersion,
    AlreadyHeld,
    NotHeld,
}

impl ChildrenProblem {
    pub const ALL: &'static [ChildrenProblem] = &[ChildrenProblem::StaleVersion, ChildrenProblem::AlreadyHeld, ChildrenProblem::NotHeld];
}

impl From<ChildrenProblem> for Problem {
    fn from(problem: ChildrenProblem) -> Problem {
        match problem {
            ChildrenProblem::StaleVersion => {
                Problem::conflict("conflict", "The child's record changed since you read it; reload and try again")
            }
            ChildrenProblem::AlreadyHeld => Problem::conflict("already-held", "A safeguarding hold is already in place for this child"),
            ChildrenProblem::NotHeld => Problem::conflict("not-held", "There is no safeguarding hold on this child"),
        }
    }
}

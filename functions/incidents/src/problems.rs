//! Every answer of the incidents use cases besides success and the answers all areas share
//! (`Problem::invalid`, `not_found`, `forbidden`, ...): one enum, and the one place each becomes
//! problem+json. docs/api.md lists each type; a test holds it to `ALL`.

use nestling_platform::Problem;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IncidentsProblem {
    AlreadyInLockdown,
    NotInLockdown,
    IcoDecisionRecorded,
    FaultAlreadyFixed,
}

impl IncidentsProblem {
    pub const ALL: &'static [IncidentsProblem] = &[
        IncidentsProblem::AlreadyInLockdown,
        IncidentsProblem::NotInLockdown,
        IncidentsProblem::IcoDecisionRecorded,
        IncidentsProblem::FaultAlreadyFixed,
    ];
}

impl From<IncidentsProblem> for Problem {
    fn from(problem: IncidentsProblem) -> Problem {
        match problem {
            IncidentsProblem::AlreadyInLockdown => Problem::conflict("already-in-lockdown", "The setting is already in lockdown"),
            IncidentsProblem::NotInLockdown => Problem::conflict("not-in-lockdown", "The setting is not in lockdown"),
            IncidentsProblem::IcoDecisionRecorded => {
                Problem::conflict("ico-decision-recorded", "The ICO report or the reason not to report is already recorded")
            }
            IncidentsProblem::FaultAlreadyFixed => Problem::conflict("fault-already-fixed", "This fault was already confirmed fixed"),
        }
    }
}

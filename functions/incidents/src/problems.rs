//! Every answer of the incidents use cases besides success and the answers all areas share
//! (`Problem::invalid`, `not_found`, `forbidden`, ...): one enum, and the one place each becomes
//! problem+json. docs/api.md lists each type; a test holds it to `ALL`.

nestling_platform::problems! {
    pub enum IncidentsProblem {
        AlreadyInLockdown => (409, "already-in-lockdown", "The setting is already in lockdown"),
        NotInLockdown => (409, "not-in-lockdown", "The setting is not in lockdown"),
        IcoDecisionRecorded => (409, "ico-decision-recorded", "The ICO report or the reason not to report is already recorded"),
        FaultAlreadyFixed => (409, "fault-already-fixed", "This fault was already confirmed fixed"),
    }
}

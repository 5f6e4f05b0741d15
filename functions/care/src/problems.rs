//! Every answer of the care use cases besides success and the answers all areas share
//! (`Problem::invalid`, `not_found`, `forbidden`, ...): one enum, and the one place each becomes
//! problem+json. docs/api.md lists each type; a test holds it to `ALL`.

use nestling_platform::Problem;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CareProblem {
    CollectionNotAuthorised,
    CollectionPasswordWrong,
    OverrideNotAllowed,
    AlreadySignedIn,
    NotSignedIn,
    AccidentReviewed,
    AccidentAcknowledged,
    AlreadyClockedIn,
    NotClockedIn,
    NoMedicinePermission,
    MedicinePermissionNotCurrent,
    ChildPresent,
}

impl CareProblem {
    pub const ALL: &'static [CareProblem] = &[
        CareProblem::CollectionNotAuthorised,
        CareProblem::CollectionPasswordWrong,
        CareProblem::OverrideNotAllowed,
        CareProblem::AlreadySignedIn,
        CareProblem::NotSignedIn,
        CareProblem::AccidentReviewed,
        CareProblem::AccidentAcknowledged,
        CareProblem::AlreadyClockedIn,
        CareProblem::NotClockedIn,
        CareProblem::NoMedicinePermission,
        CareProblem::MedicinePermissionNotCurrent,
        CareProblem::ChildPresent,
    ];
}

impl From<CareProblem> for Problem {
    fn from(problem: CareProblem) -> Problem {
        match problem {
            CareProblem::CollectionNotAuthorised => {
                Problem::new(422, "collection-not-authorised", "This person is not authorised to collect the child")
            }
            CareProblem::CollectionPasswordWrong => {
                Problem::new(422, "collection-password-wrong", "The collection password does not match")
            }
            CareProblem::OverrideNotAllowed => {
                Problem::new(403, "override-not-allowed", "Only a manager may let someone else collect a child")
            }
            CareProblem::AlreadySignedIn => Problem::conflict("already-signed-in", "The child is already signed in"),
            CareProblem::NotSignedIn => Problem::conflict("not-signed-in", "The child is not signed in"),
            CareProblem::AccidentReviewed => Problem::conflict("accident-reviewed", "This accident has already been reviewed"),
            CareProblem::AccidentAcknowledged => Problem::conflict("accident-acknowledged", "This accident has already been acknowledged"),
            CareProblem::AlreadyClockedIn => Problem::conflict("already-clocked-in", "You are already clocked in to this room"),
            CareProblem::NotClockedIn => Problem::conflict("not-clocked-in", "You are not clocked in"),
            CareProblem::NoMedicinePermission => {
                Problem::new(422, "no-medicine-permission", "There is no written permission from the parents for this medicine")
            }
            CareProblem::MedicinePermissionNotCurrent => {
                Problem::new(422, "no-medicine-permission", "The parents' permission for this medicine is not current")
            }
            CareProblem::ChildPresent => Problem::conflict("child-present", "The child is signed in today"),
        }
    }
}

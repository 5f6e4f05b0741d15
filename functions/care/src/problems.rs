//! Every answer of the care use cases besides success and the answers all areas share
//! (`Problem::invalid`, `not_found`, `forbidden`, ...): one enum, and the one place each becomes
//! problem+json. docs/api.md lists each type; a test holds it to `ALL`.

nestling_platform::problems! {
    pub enum CareProblem {
        CollectionNotAuthorised => (422, "collection-not-authorised", "This person is not authorised to collect the child"),
        CollectionPasswordWrong => (422, "collection-password-wrong", "The collection password does not match"),
        OverrideNotAllowed => (403, "override-not-allowed", "Only a manager may let someone else collect a child"),
        AlreadySignedIn => (409, "already-signed-in", "The child is already signed in"),
        NotSignedIn => (409, "not-signed-in", "The child is not signed in"),
        AccidentReviewed => (409, "accident-reviewed", "This accident has already been reviewed"),
        AccidentAcknowledged => (409, "accident-acknowledged", "This accident has already been acknowledged"),
        AlreadyClockedIn => (409, "already-clocked-in", "You are already clocked in to this room"),
        NotClockedIn => (409, "not-clocked-in", "You are not clocked in"),
        NoMedicinePermission => (422, "no-medicine-permission", "There is no written permission from the parents for this medicine"),
        MedicinePermissionNotCurrent => (422, "no-medicine-permission", "The parents' permission for this medicine is not current"),
        NotASchool => (409, "not-a-school", "This setting is a nursery, not a school"),
        EyfsNotApplicable => (409, "eyfs-not-applicable", "The EYFS does not apply in this school: its early years are not enabled"),
        MarkChanged => (409, "mark-changed", "Someone changed this pupil's mark since you read the register"),
        NoTutorGroup => (409, "no-tutor-group", "The pupil is in no tutor group, so has no Learning Manager yet"),
    }
}

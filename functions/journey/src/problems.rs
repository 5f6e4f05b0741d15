//! Every answer of the journey use cases besides success and the answers all areas share.

nestling_platform::problems! {
    pub enum JourneyProblem {
        AlreadyRequested => (409, "journey-already-requested", "A learning journey was already asked for today; it is in the list"),
        NotReady => (409, "journey-not-ready", "The learning journey is still being made"),
        Expired => (410, "journey-expired", "This learning journey is no longer kept; ask for a new one"),
    }
}

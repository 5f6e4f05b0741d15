//! Every answer of the journey use cases besides success and the answers all areas share.

nestling_platform::problems! {
    pub enum JourneyProblem {
        AlreadyRequested => (409, "journey-already-requested", "A learning journey was already asked for today; it is in the list"),
        NotReady => (409, "journey-not-ready", "The learning journey is still being made"),
        Expired => (410, "journey-expired", "This learning journey is no longer kept; ask for a new one"),
        Changed => (409, "conflict", "The learning journey changed meanwhile; try again"),
        TransferInvalid => (410, "transfer-invalid", "This link was used, has expired or is unknown; ask the setting to send it again"),
    }
}

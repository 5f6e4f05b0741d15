//! Every answer of the assessment use cases besides success and the answers all areas share:
//! one enum, and the one place each becomes problem+json. docs/api.md lists each type.

nestling_platform::problems! {
    pub enum AssessmentProblem {
        EyfsNotApplicable => (409, "eyfs-not-applicable", "The EYFS does not apply in this school: its early years are not enabled"),
        NoFramework => (409, "no-framework", "The setting has not chosen its assessment framework yet"),
        NothingToShare => (409, "nothing-to-share", "There is no judgement this term to share yet"),
        ProgressCheckSignedOff => (409, "progress-check-signed-off", "The progress check is signed off and final"),
        ProgressCheckNotReady => (409, "progress-check-not-ready", "The progress check is not at that step yet"),
    }
}

//! Every answer of the journal use cases besides success and the answers all areas share
//! (`Problem::invalid`, `not_found`, `forbidden`, ...): one enum, and the one place each becomes
//! problem+json. docs/api.md lists each type; a test holds it to `ALL`.

nestling_platform::problems! {
    pub enum JournalProblem {
        EyfsNotApplicable => (409, "eyfs-not-applicable", "The EYFS does not apply in this school: its early years are not enabled"),
        MediaTaken => (409, "media-taken", "A photo or video is already part of another entry"),
        MediaNotReady => (409, "media-not-ready", "A photo or video is still being checked; try again in a moment"),
        MediaTakenMeanwhile => (409, "media-taken", "A photo or video changed or was attached elsewhere meanwhile; reload and try again"),
        ContributionDecided => (409, "contribution-decided", "This contribution was already approved or rejected"),
        ContributionDecidedMeanwhile => (409, "contribution-decided", "This contribution was decided meanwhile"),
        ObservationUnpublished => (409, "observation-unpublished", "This observation was unpublished"),
        StaleVersion => (409, "conflict", "The resource changed since you read it; reload and try again"),
        ObservationAlreadyUnpublished => (409, "observation-unpublished", "This observation is already unpublished"),
    }
}

//! Every answer of the journal use cases besides success and the answers all areas share
//! (`Problem::invalid`, `not_found`, `forbidden`, ...): one enum, and the one place each becomes
//! problem+json. docs/api.md lists each type; a test holds it to `ALL`.

use nestling_platform::Problem;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JournalProblem {
    MediaTaken,
    MediaNotReady,
    MediaTakenMeanwhile,
    ContributionDecided,
    ContributionDecidedMeanwhile,
    ObservationUnpublished,
    StaleVersion,
    ObservationAlreadyUnpublished,
}

impl JournalProblem {
    pub const ALL: &'static [JournalProblem] = &[
        JournalProblem::MediaTaken,
        JournalProblem::MediaNotReady,
        JournalProblem::MediaTakenMeanwhile,
        JournalProblem::ContributionDecided,
        JournalProblem::ContributionDecidedMeanwhile,
        JournalProblem::ObservationUnpublished,
        JournalProblem::StaleVersion,
        JournalProblem::ObservationAlreadyUnpublished,
    ];
}

impl From<JournalProblem> for Problem {
    fn from(problem: JournalProblem) -> Problem {
        match problem {
            JournalProblem::MediaTaken => Problem::conflict("media-taken", "A photo or video is already part of another entry"),
            JournalProblem::MediaNotReady => {
                Problem::conflict("media-not-ready", "A photo or video is still being checked; try again in a moment")
            }
            JournalProblem::MediaTakenMeanwhile => {
                Problem::conflict("media-taken", "A photo or video changed or was attached elsewhere meanwhile; reload and try again")
            }
            JournalProblem::ContributionDecided => {
                Problem::conflict("contribution-decided", "This contribution was already approved or rejected")
            }
            JournalProblem::ContributionDecidedMeanwhile => {
                Problem::conflict("contribution-decided", "This contribution was decided meanwhile")
            }
            JournalProblem::ObservationUnpublished => Problem::conflict("observation-unpublished", "This observation was unpublished"),
            JournalProblem::StaleVersion => Problem::conflict("conflict", "The resource changed since you read it; reload and try again"),
            JournalProblem::ObservationAlreadyUnpublished => {
                Problem::conflict("observation-unpublished", "This observation is already unpublished")
            }
        }
    }
}

//! Every answer of the media use cases besides success and the answers all areas share
//! (`Problem::invalid`, `not_found`, `forbidden`, ...): one enum, and the one place each becomes
//! problem+json. docs/api.md lists each type; a test holds it to `ALL`.

use nestling_platform::Problem;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MediaProblem {
    UploadQuotaExceeded,
    NoThumbnail,
}

impl MediaProblem {
    pub const ALL: &'static [MediaProblem] = &[MediaProblem::UploadQuotaExceeded, MediaProblem::NoThumbnail];
}

impl From<MediaProblem> for Problem {
    fn from(problem: MediaProblem) -> Problem {
        match problem {
            MediaProblem::UploadQuotaExceeded => Problem::new(429, "upload-quota-exceeded", "You have asked for too many uploads today"),
            MediaProblem::NoThumbnail => Problem::new(404, "no-thumbnail", "This media has no thumbnail (yet)"),
        }
    }
}

//! Every answer of the media use cases besides success and the answers all areas share
//! (`Problem::invalid`, `not_found`, `forbidden`, ...): one enum, and the one place each becomes
//! problem+json. docs/api.md lists each type; a test holds it to `ALL`.

nestling_platform::problems! {
    pub enum MediaProblem {
        UploadQuotaExceeded => (429, "upload-quota-exceeded", "You have asked for too many uploads today"),
        NoThumbnail => (404, "no-thumbnail", "This media has no thumbnail (yet)"),
    }
}

//! Every answer of the data-rights use cases besides success and the answers all areas share.

nestling_platform::problems! {
    pub enum RightsProblem {
        AlreadyAnswered => (409, "request-answered", "The request has already been answered"),
        AlreadyExtended => (409, "request-extended", "The request has already been extended; it can be extended once"),
        TooLateToExtend => (409, "extension-too-late", "A request can be extended only within its first month"),
        ExportInProgress => (409, "export-in-progress", "The export is being gathered or made; wait for it to finish"),
        ExportNotReady => (409, "export-not-ready", "The export is not ready yet"),
        ExportReleased => (409, "export-released", "The export has been released; it can no longer be changed"),
        ChildAttending => (409, "child-attending", "The child still attends: their records are kept for their care until they leave"),
        ExportExpired => (410, "export-expired", "The released files are no longer kept; ask the setting for them again"),
    }
}

//! Every answer of the data-rights use cases besides success and the answers all areas share.

nestling_platform::problems! {
    pub enum RightsProblem {
        AlreadyAnswered => (409, "request-answered", "The request has already been answered"),
        AlreadyExtended => (409, "request-extended", "The request has already been extended; it can be extended once"),
        TooLateToExtend => (409, "extension-too-late", "A request can be extended only within its first month"),
    }
}

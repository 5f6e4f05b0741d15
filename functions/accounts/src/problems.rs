//! Every answer of the accounts use cases besides success and the answers all areas share
//! (`Problem::invalid`, `not_found`, `forbidden`, ...): one enum, and the one place each becomes
//! problem+json. docs/api.md lists each type; a test holds it to `ALL`.

use nestling_platform::Problem;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccountsProblem {
    NoAccount,
    InvitationInvalid,
}

impl AccountsProblem {
    pub const ALL: &'static [AccountsProblem] = &[AccountsProblem::NoAccount, AccountsProblem::InvitationInvalid];
}

impl From<AccountsProblem> for Problem {
    fn from(problem: AccountsProblem) -> Problem {
        match problem {
            AccountsProblem::NoAccount => Problem::new(403, "no-account", "This sign-in has no Nestling account"),
            AccountsProblem::InvitationInvalid => Problem::new(
                410,
                "invitation-invalid",
                "This invitation link is not valid: it was used already, has expired, or was withdrawn",
            ),
        }
    }
}

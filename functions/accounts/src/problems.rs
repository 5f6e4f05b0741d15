//! Every answer of the accounts use cases besides success and the answers all areas share
//! (`Problem::invalid`, `not_found`, `forbidden`, ...): one enum, and the one place each becomes
//! problem+json. docs/api.md lists each type; a test holds it to `ALL`.

nestling_platform::problems! {
    pub enum AccountsProblem {
        NoAccount => (403, "no-account", "This sign-in has no Nestling account"),
        MfaCodeWrong => (422, "mfa-code-wrong", "That code is not the one your authenticator app shows now; try the next one"),
        PushEndpointRefused => (422, "push-endpoint-refused", "Notifications cannot be sent through this browser's push service"),
        PushUnavailable => (409, "push-unavailable", "This Nestling does not send push notifications"),
        InvitationInvalid => (410, "invitation-invalid", "This invitation link is not valid: it was used already, has expired, or was withdrawn"),
    }
}

//! Every answer of the communications use cases besides success and the answers all areas share
//! (`Problem::invalid`, `not_found`, `forbidden`, ...): one enum, and the one place each becomes
//! problem+json. docs/api.md lists each type; a test holds it to `ALL`.

nestling_platform::problems! {
    pub enum CommsProblem {
        PostNotPending => (409, "post-decided", "This post is not waiting for approval"),
        PostWithdrawn => (409, "post-withdrawn", "This post was withdrawn"),
        PinnedLimit => (409, "pinned-limit", "The feed already has as many pinned posts as it shows; unpin one first"),
        NotAnEvent => (409, "not-an-event", "This post is not an event, so it takes no replies"),
        RepliesClosed => (409, "replies-closed", "Replies to this event have closed"),
        EventFull => (409, "event-full", "This event has no places left"),
        MediaTaken => (409, "media-taken", "A photo or video is already part of another entry or post"),
        MediaNotReady => (409, "media-not-ready", "A photo or video is still being checked; try again in a moment"),
        MediaTakenMeanwhile => (409, "media-taken", "A photo or video changed or was attached elsewhere meanwhile; reload and try again"),
        BroadcastReplyOnly => (409, "broadcast-reply-only", "Families read a broadcast and answer it in a message of their own"),
        NoOneToWrite => (409, "no-one-to-write", "This child has no parent with access to write to"),
        WithdrawWindowPassed => (409, "withdraw-window-passed", "A message can be withdrawn only in the first minutes after it was sent"),
        MessageWithdrawn => (409, "message-withdrawn", "This message was already withdrawn"),
    }
}

//! The news feed's rules: who a post is for, which families see it, which of its photos they
//! see (rule 6, as in the journal), what an event asks and whether a reply still fits.

use crate::{ChildId, RoomId};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use time::{Date, Time};

/// Rooms one post may name (a setting has a handful; more is a mistake).
pub const MAX_ROOMS_PER_POST: usize = 20;
/// Posts a setting keeps pinned at the top of its feed at once.
pub const MAX_PINNED: usize = 5;
/// Photos and videos in one post.
pub const MAX_MEDIA_PER_POST: usize = 10;

/// Where a post is for: the whole setting, or some of its rooms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", tag = "scope")]
pub enum PostAudience {
    Setting,
    Rooms {
        #[schema(value_type = Vec<String>)]
        rooms: BTreeSet<RoomId>,
    },
}

impl PostAudience {
    /// Whether a child in `room` is among those the post is for.
    pub fn reaches_room(&self, room: &RoomId) -> bool {
        match self {
            PostAudience::Setting => true,
            PostAudience::Rooms { rooms } => rooms.contains(room),
        }
    }
}

/// Where a post stands. Pending posts wait for a manager (when the setting requires approval
/// of practitioners' posts); withdrawn ones are kept for the record and shown to nobody.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum PostStatus {
    Pending,
    Published,
    Withdrawn,
}

impl PostStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            PostStatus::Pending => "pending",
            PostStatus::Published => "published",
            PostStatus::Withdrawn => "withdrawn",
        }
    }
}

/// How a new post starts: a practitioner's waits for a manager where the setting asks so.
pub fn status_of_new_post(author_is_manager: bool, approval_required: bool) -> PostStatus {
    if approval_required && !author_is_manager {
        PostStatus::Pending
    } else {
        PostStatus::Published
    }
}

/// Whether a family sees a published post: it was published while they had access to the
/// setting (`since`) and is for the setting or a room one of their children (live link, no
/// hold) is in. `family_rooms` empty means they see nothing.
pub fn family_sees<T: PartialOrd>(audience: &PostAudience, published_at: T, since: T, family_rooms: &BTreeSet<RoomId>) -> bool {
    if family_rooms.is_empty() || published_at < since {
        return false;
    }
    match audience {
        PostAudience::Setting => true,
        PostAudience::Rooms { rooms } => !rooms.is_disjoint(family_rooms),
    }
}

/// Rule 6 in the feed: a family sees a photo only when every child in it is one of their own
/// (`own`: parent links only) or has their family's consent to appear to others. Staff see
/// every photo; staff off the premises only those of children they may reach from there.
pub fn feed_photo_shared(viewer: crate::journal::MediaViewer<'_>, tagged: &[ChildId], consents: impl Fn(&ChildId) -> bool) -> bool {
    use crate::journal::MediaViewer;
    match viewer {
        MediaViewer::Staff => true,
        MediaViewer::RemoteStaff { reachable } => tagged.iter().all(|c| reachable.contains(c)),
        MediaViewer::Parent { children } => tagged.iter().all(|c| children.contains(c) || consents(c)),
    }
}

/// A family's answer to an event, for one child.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ReplyAnswer {
    Yes,
    No,
    Maybe,
}

/// What an event asks of families, checked whole: it ends after it starts and replies close
/// no later than the day itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventPlan {
    pub date: Date,
    pub starts_at: Time,
    pub ends_at: Option<Time>,
    pub capacity: Option<u32>,
    pub reply_by: Option<Date>,
}

impl EventPlan {
    pub fn check(&self, today: Date) -> Result<(), String> {
        if self.date < today {
            return Err("date must be today or later".into());
        }
        if self.ends_at.is_some_and(|end| end <= self.starts_at) {
            return Err("endsAt must be after startsAt".into());
        }
        if self.capacity == Some(0) {
            return Err("capacity must be at least 1 (leave it out for no limit)".into());
        }
        if let Some(by) = self.reply_by {
            if by > self.date {
                return Err("replyBy must be on or before the event's date".into());
            }
            if by < today {
                return Err("replyBy must be today or later".into());
            }
        }
        Ok(())
    }
}

/// Whether replies are still taken on `today` (the setting's date): until the reply deadline,
/// or the day itself when there is none.
pub fn replies_open(date: Date, reply_by: Option<Date>, today: Date) -> bool {
    today <= reply_by.unwrap_or(date)
}

/// Places an event has taken after one child's reply changes from `before` to `after`, or
/// `None` when the change would take a place the capacity does not have. Only a new "yes"
/// takes a place; giving one back is always possible.
pub fn places_after(taken: u32, capacity: Option<u32>, before: Option<ReplyAnswer>, after: ReplyAnswer) -> Option<u32> {
    let was = before == Some(ReplyAnswer::Yes);
    let is = after == ReplyAnswer::Yes;
    match (was, is) {
        (false, true) => {
            let next = taken + 1;
            capacity.is_none_or(|c| next <= c).then_some(next)
        }
        (true, false) => Some(taken.saturating_sub(1)),
        _ => Some(taken),
    }
}

/// The days before the reply deadline on which families who have not replied are reminded.
pub const REMINDER_DAYS_BEFORE: [i64; 2] = [7, 2];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal::MediaViewer;
    use proptest::prelude::*;
    use time::macros::{date, time};

    fn room(id: &str) -> RoomId {
        RoomId::parse(id).unwrap()
    }
    fn child(id: &str) -> ChildId {
        ChildId::parse(id).unwrap()
    }

    #[test]
    fn a_practitioners_post_waits_only_where_the_setting_asks() {
        assert_eq!(status_of_new_post(false, true), PostStatus::Pending);
        assert_eq!(status_of_new_post(true, true), PostStatus::Published);
        assert_eq!(status_of_new_post(false, false), PostStatus::Published);
    }

    #[test]
    fn a_family_sees_the_setting_and_their_childrens_rooms_from_when_they_joined() {
        let robins = BTreeSet::from([room("robins")]);
        let wrens = PostAudience::Rooms { rooms: BTreeSet::from([room("wrens")]) };
        let both = PostAudience::Rooms { rooms: BTreeSet::from([room("wrens"), room("robins")]) };
        let at = "2026-12-02T09:00:00Z";
        assert!(family_sees(&PostAudience::Setting, at, "2026-12-01T00:00:00Z", &robins));
        assert!(!family_sees(&wrens, at, "2026-12-01T00:00:00Z", &robins), "another room's post");
        assert!(family_sees(&both, at, "2026-12-01T00:00:00Z", &robins));
        assert!(!family_sees(&PostAudience::Setting, at, "2026-12-03T00:00:00Z", &robins), "posted before they had access");
        assert!(!family_sees(&PostAudience::Setting, at, "2026-12-01T00:00:00Z", &BTreeSet::new()), "no live child, no feed");
    }

    #[test]
    fn a_feed_photo_reaches_a_family_only_past_every_other_childs_consent() {
        let own = BTreeSet::from([child("ava")]);
        let parent = MediaViewer::Parent { children: &own };
        let consents = |c: &ChildId| c.as_str() == "ben";
        assert!(feed_photo_shared(parent, &[child("ava")], consents));
        assert!(feed_photo_shared(parent, &[child("ava"), child("ben")], consents));
        assert!(!feed_photo_shared(parent, &[child("ava"), child("cara")], consents), "Cara's family refused");
        assert!(!feed_photo_shared(MediaViewer::Parent { children: &BTreeSet::new() }, &[child("ava")], consents));
        assert!(feed_photo_shared(MediaViewer::Staff, &[child("cara")], consents));
        assert!(!feed_photo_shared(MediaViewer::RemoteStaff { reachable: &own }, &[child("cara")], consents));
    }

    #[test]
    fn an_event_is_checked_whole() {
        let today = date!(2026 - 12 - 04);
        let plan = EventPlan {
            date: date!(2026 - 12 - 18),
            starts_at: time!(14:00),
            ends_at: Some(time!(15:30)),
            capacity: Some(30),
            reply_by: Some(date!(2026 - 12 - 11)),
        };
        assert_eq!(plan.check(today), Ok(()));
        assert!(EventPlan { date: date!(2026 - 12 - 03), reply_by: None, ..plan.clone() }.check(today).is_err());
        assert!(EventPlan { ends_at: Some(time!(13:00)), ..plan.clone() }.check(today).is_err());
        assert!(EventPlan { capacity: Some(0), ..plan.clone() }.check(today).is_err());
        assert!(EventPlan { reply_by: Some(date!(2026 - 12 - 19)), ..plan.clone() }.check(today).is_err());
        assert!(EventPlan { reply_by: Some(date!(2026 - 12 - 03)), ..plan }.check(today).is_err());
    }

    #[test]
    fn replies_close_after_the_deadline_or_the_day() {
        let day = date!(2026 - 12 - 18);
        assert!(replies_open(day, Some(date!(2026 - 12 - 11)), date!(2026 - 12 - 11)));
        assert!(!replies_open(day, Some(date!(2026 - 12 - 11)), date!(2026 - 12 - 12)));
        assert!(replies_open(day, None, day));
        assert!(!replies_open(day, None, date!(2026 - 12 - 19)));
    }

    fn answer() -> impl Strategy<Value = ReplyAnswer> {
        prop_oneof![Just(ReplyAnswer::Yes), Just(ReplyAnswer::No), Just(ReplyAnswer::Maybe)]
    }

    proptest! {
        /// Whatever families answer and change, in any order, the places taken are the "yes"
        /// answers standing, and never more than the capacity.
        #[test]
        fn places_taken_are_the_yes_answers_and_never_past_capacity(
            capacity in proptest::option::of(1u32..6),
            changes in proptest::collection::vec((0usize..8, answer()), 0..60),
        ) {
            let mut answers: Vec<Option<ReplyAnswer>> = vec![None; 8];
            let mut taken = 0u32;
            for (child, after) in changes {
                match places_after(taken, capacity, answers[child], after) {
                    Some(next) => { taken = next; answers[child] = Some(after); }
                    None => prop_assert!(capacity.is_some_and(|c| taken == c), "refused only when full"),
                }
                let yes = answers.iter().filter(|a| **a == Some(ReplyAnswer::Yes)).count() as u32;
                prop_assert_eq!(taken, yes);
                prop_assert!(capacity.is_none_or(|c| taken <= c));
            }
        }
    }
}

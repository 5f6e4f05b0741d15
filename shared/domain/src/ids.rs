//! Ids as the records hold them: one type per kind of thing, so a child's id cannot be passed
//! where a setting's is wanted. Every id has the one shape Nestling hands out (it becomes part
//! of a key): 1 to 128 ASCII letters, digits, `-` or `_`. Each has one `parse` constructor and
//! serde goes through it, so a record that deserialises holds valid ids, and its stored form
//! is the text the table has always held.

use crate::ValueError;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The longest id accepted.
pub const MAX_ID_LEN: usize = 128;

/// Whether `raw` has the shape of an id: 1 to 128 ASCII letters, digits, `-` or `_`.
pub fn is_id(raw: &str) -> bool {
    !raw.is_empty() && raw.len() <= MAX_ID_LEN && raw.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// What every id type offers, for code that works with any of them (reading one from a path,
/// minting a new one).
pub trait Id: Sized + Clone + Eq + Ord + fmt::Display + AsRef<str> {
    /// The field an invalid id is reported under.
    const FIELD: &'static str;
    fn parse(raw: &str) -> Result<Self, ValueError>;
    fn as_str(&self) -> &str;
}

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident, $field:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            pub fn parse(raw: &str) -> Result<Self, ValueError> {
                if is_id(raw) {
                    Ok(Self(raw.to_string()))
                } else {
                    Err(ValueError::Invalid { field: $field, what: "id" })
                }
            }
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }
        impl Id for $name {
            const FIELD: &'static str = $field;
            fn parse(raw: &str) -> Result<Self, ValueError> {
                $name::parse(raw)
            }
            fn as_str(&self) -> &str {
                &self.0
            }
        }
        impl TryFrom<String> for $name {
            type Error = ValueError;
            fn try_from(raw: String) -> Result<Self, ValueError> {
                if is_id(&raw) {
                    Ok(Self(raw))
                } else {
                    Err(ValueError::Invalid { field: $field, what: "id" })
                }
            }
        }
        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0
            }
        }
        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }
        // Ordered, compared and hashed as its text, so a map keyed by ids is looked up by text.
        impl std::borrow::Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }
        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }
        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }
    };
}

id_type!(
    /// A setting (nursery, pre-school, school): the partition its records live in.
    SettingId, "settingId"
);
id_type!(
    /// A child of a setting.
    ChildId, "childId"
);
id_type!(
    /// A person, whatever their role: their Cognito `sub` (staff, managers, parents, family,
    /// operators).
    UserId, "userId"
);
id_type!(
    /// A room of a setting.
    RoomId, "roomId"
);
id_type!(
    /// A photo or video uploaded to a setting.
    MediaId, "mediaId"
);
id_type!(
    /// Someone other than a guardian whom a child's parents authorise to collect the child.
    CollectorId, "collectorId"
);
id_type!(
    /// A practitioner's observation in the learning journal.
    ObservationId, "observationId"
);
id_type!(
    /// A parent's contribution to their child's learning journal.
    ContributionId, "contributionId"
);
id_type!(
    /// An entry in a child's journal: an observation, or a contribution once approved, under
    /// the id of the one it shows.
    EntryId, "entryId"
);
id_type!(
    /// A comment or reply on an observation.
    CommentId, "commentId"
);
id_type!(
    /// A line of a child's diary.
    DiaryEntryId, "entryId"
);
id_type!(
    /// A parent's written permission for one medicine, under the id the parent chose.
    PermissionId, "permissionId"
);
id_type!(
    /// A dose of medicine given.
    DoseId, "doseId"
);
id_type!(
    /// An accident or incident to a child: the child's id, `-`, then a time-ordered id, so the
    /// id names its child.
    AccidentId, "accidentId"
);
id_type!(
    /// An episode of a room out of ratio.
    RatioBreachId, "breachId"
);
id_type!(
    /// A fault someone reported in a setting.
    FaultId, "faultId"
);
id_type!(
    /// A personal-data breach in a setting's register.
    BreachId, "breachId"
);
id_type!(
    /// A post on a setting's news feed (an event is a post with a date).
    PostId, "postId"
);
id_type!(
    /// A conversation between a setting and the adults of a child, or a broadcast.
    ThreadId, "threadId"
);
id_type!(
    /// One message in a thread.
    MessageId, "messageId"
);
id_type!(
    /// A kind of session a setting sells (a morning, a full day).
    SessionTypeId, "sessionTypeId"
);
id_type!(
    /// A family's or a manager's change to one day's bookings.
    BookingRequestId, "requestId"
);
id_type!(
    /// Something a setting offers besides its sessions, which a family may opt into (a meal,
    /// nappies, a class).
    ExtraId, "extraId"
);
id_type!(
    /// An invoice or credit note: its month and its number in that month (`2027-01-0003`).
    InvoiceId, "invoiceId"
);

impl AccidentId {
    /// The id of a new accident to `child`, `made` being a new time-ordered id.
    pub fn of_child(child: &ChildId, made: &str) -> Result<AccidentId, ValueError> {
        AccidentId::parse(&format!("{child}-{made}"))
    }
    /// The child the id names.
    pub fn child(&self) -> Option<ChildId> {
        self.0.split_once('-').and_then(|(child, _)| ChildId::parse(child).ok())
    }
}

/// An observation is the journal entry of the same id.
impl From<ObservationId> for EntryId {
    fn from(id: ObservationId) -> EntryId {
        EntryId(id.0)
    }
}

/// A message's attachments are bound to it as to an entry of the same id.
impl From<MessageId> for EntryId {
    fn from(id: MessageId) -> EntryId {
        EntryId(id.0)
    }
}

impl ThreadId {
    /// The id of a new thread about `child` (`made`: a new time-ordered id), so a request
    /// names the child whose links decide it before anything is read.
    pub fn of_child(child: &ChildId, made: &str) -> Result<ThreadId, ValueError> {
        ThreadId::parse(&format!("{child}-{made}"))
    }
    /// The child a child's thread is about (a broadcast's id names none).
    pub fn child(&self) -> Option<ChildId> {
        self.0.split_once('-').and_then(|(child, _)| ChildId::parse(child).ok())
    }
}

/// An approved contribution is the journal entry of the same id.
impl From<ContributionId> for EntryId {
    fn from(id: ContributionId) -> EntryId {
        EntryId(id.0)
    }
}

/// The photos of a post are bound to it under the post's id, as an entry's are.
impl From<PostId> for EntryId {
    fn from(id: PostId) -> EntryId {
        EntryId(id.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn ids_have_the_shape_nestling_hands_out() {
        for good in ["a", "bluebell", "0f8e2c1d4b6a49e3a1c2d3e4f5a6b7c8", "child-1_x", "9d6c5f1e-3b2a-4c8d-9e0f-1a2b3c4d5e6f"] {
            assert_eq!(ChildId::parse(good).unwrap().as_str(), good);
        }
        assert!(SettingId::parse(&"x".repeat(128)).is_ok());
        for bad in ["", " a", "a b", "a/b", "a#b", "a.b", "é", "a\n", &"x".repeat(129)] {
            assert!(SettingId::parse(bad).is_err(), "{bad:?} accepted");
        }
        assert_eq!(RoomId::parse("a/b").unwrap_err().to_string(), "roomId is not a valid id");
    }

    #[test]
    fn ids_serialise_as_their_text_and_deserialise_through_parse() {
        let id = UserId::parse("manager1").unwrap();
        assert_eq!(serde_json::to_value(&id).unwrap(), serde_json::json!("manager1"));
        assert_eq!(serde_json::from_value::<UserId>(serde_json::json!("manager1")).unwrap(), id);
        assert!(serde_json::from_value::<UserId>(serde_json::json!("a/b")).is_err());
        assert!(serde_json::from_value::<UserId>(serde_json::json!(7)).is_err());
        // As map keys too (a child's guardians, a day's children).
        let map = std::collections::BTreeMap::from([(ChildId::parse("ava").unwrap(), 1)]);
        let text = serde_json::to_string(&map).unwrap();
        assert_eq!(text, r#"{"ava":1}"#);
        assert_eq!(serde_json::from_str::<std::collections::BTreeMap<ChildId, u8>>(&text).unwrap(), map);
        assert!(serde_json::from_str::<std::collections::BTreeMap<ChildId, u8>>(r#"{"a b":1}"#).is_err());
        assert_eq!(id, "manager1");
        assert_eq!(id.to_string(), "manager1");
    }

    #[test]
    fn an_accident_id_names_its_child() {
        let child = ChildId::parse("0f8e2c1d").unwrap();
        let accident = AccidentId::of_child(&child, "0190a1b2c3").unwrap();
        assert_eq!(accident, "0f8e2c1d-0190a1b2c3");
        assert_eq!(accident.child(), Some(child));
        assert_eq!(AccidentId::parse("nochild").unwrap().child(), None);
        assert_eq!(AccidentId::parse("-x").unwrap().child(), None);
        assert!(AccidentId::of_child(&ChildId::parse(&"c".repeat(100)).unwrap(), &"0".repeat(32)).is_err(), "too long to be an id");
    }

    #[test]
    fn observations_and_contributions_are_entries_of_their_own_id() {
        let observation = ObservationId::parse("o1").unwrap();
        let contribution = ContributionId::parse("c1").unwrap();
        assert_eq!(EntryId::from(observation), EntryId::parse("o1").unwrap());
        assert_eq!(EntryId::from(contribution), EntryId::parse("c1").unwrap());
    }

    proptest! {
        /// Whatever the text, an id parses exactly when it has the shape, and an id reads back
        /// from its stored form as itself, in the order of its text.
        #[test]
        fn parse_accepts_exactly_the_shape(raw in "\\PC{0,140}", a in "[A-Za-z0-9_-]{1,128}", b in "[A-Za-z0-9_-]{1,128}") {
            let shaped = !raw.is_empty() && raw.len() <= 128 && raw.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
            prop_assert_eq!(ChildId::parse(&raw).is_ok(), shaped);
            let (ia, ib) = (ChildId::parse(&a).unwrap(), ChildId::parse(&b).unwrap());
            let back: ChildId = serde_json::from_value(serde_json::to_value(&ia).unwrap()).unwrap();
            prop_assert_eq!(&back, &ia);
            prop_assert_eq!(ia.cmp(&ib), a.cmp(&b));
        }
    }
}

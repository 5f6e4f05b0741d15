//! Private messages' rules: what a thread is about and who is on each side of it, who may read
//! and write in it at the moment of asking (never a list fixed when it was sent), the window in
//! which a sender may take a message back, and when the other side is told of it (after that
//! window, and for staff not before the setting opens).

use crate::{ChildId, GuardianAccess, Role, RoomId, Timestamp, UserId, ValueError};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use time::{Duration, PrimitiveDateTime, Time, Weekday};

/// How long a sender may withdraw a message; nobody is emailed about it before this passes.
pub const WITHDRAW_MINUTES: i64 = 10;
/// Photos and videos attached to one message.
pub const MAX_MEDIA_PER_MESSAGE: usize = 5;
/// Households one child's guardians may be split into (separated parents, and a third home).
pub const MAX_HOUSEHOLDS: u8 = 4;

/// One of a child's households: separated guardians each get their own, so neither sees the
/// other's messages or address.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(try_from = "u8", into = "u8")]
#[schema(value_type = u8, minimum = 1, maximum = 4)]
pub struct Household(u8);

impl Household {
    pub fn new(n: u8) -> Result<Household, ValueError> {
        if (1..=MAX_HOUSEHOLDS).contains(&n) {
            Ok(Household(n))
        } else {
            Err(ValueError::Invalid { field: "household", what: "household number (1 to 4)" })
        }
    }
    pub fn number(self) -> u8 {
        self.0
    }
}

impl TryFrom<u8> for Household {
    type Error = ValueError;
    fn try_from(n: u8) -> Result<Household, ValueError> {
        Household::new(n)
    }
}

impl From<Household> for u8 {
    fn from(h: Household) -> u8 {
        h.0
    }
}

/// What a thread is about, which decides who may read it on the families' side.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum ThreadAbout {
    /// One child: a conversation with the child's parents (of one household, where the child
    /// has several). Family members (`family` access) are never in it.
    #[serde(rename_all = "camelCase")]
    Child {
        #[schema(value_type = String)]
        child_id: ChildId,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        household: Option<Household>,
    },
    /// A broadcast to the families of one room's children: they read it and reply privately.
    #[serde(rename_all = "camelCase")]
    Room {
        #[schema(value_type = String)]
        room_id: RoomId,
    },
    /// A broadcast to every family of the setting.
    Setting,
}

impl ThreadAbout {
    pub fn is_broadcast(&self) -> bool {
        !matches!(self, ThreadAbout::Child { .. })
    }
    pub fn child(&self) -> Option<&ChildId> {
        match self {
            ThreadAbout::Child { child_id, .. } => Some(child_id),
            _ => None,
        }
    }
}

/// Who on the setting's side a thread is with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", tag = "with")]
pub enum SettingSide {
    /// One member of staff: the key person a parent wrote to, or whoever started the thread.
    #[serde(rename_all = "camelCase")]
    Person {
        #[schema(value_type = String)]
        user_id: UserId,
    },
    /// The child's room: every practitioner may answer.
    #[serde(rename_all = "camelCase")]
    Room {
        #[schema(value_type = String)]
        room_id: RoomId,
    },
    /// The managers only (a parent may want to raise something about a practitioner).
    Managers,
    /// Every member of staff (broadcasts).
    Staff,
}

/// Whom a parent writes to about their child.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ParentWritesTo {
    KeyPerson,
    Room,
    Managers,
    /// In a school, about one of the pupil's points: the first contact named on it (the
    /// lesson's subject teacher, or the year group's Learning Manager).
    PointContact,
}

impl ParentWritesTo {
    /// The side of the setting it names, for a child with that key person and room and, when
    /// writing about a point, the point's first contact (None: no point named).
    pub fn side(self, key_person: &UserId, room: &RoomId, point_contact: Option<&UserId>) -> Option<SettingSide> {
        match self {
            ParentWritesTo::KeyPerson => Some(SettingSide::Person { user_id: key_person.clone() }),
            ParentWritesTo::Room => Some(SettingSide::Room { room_id: room.clone() }),
            ParentWritesTo::Managers => Some(SettingSide::Managers),
            ParentWritesTo::PointContact => point_contact.map(|user_id| SettingSide::Person { user_id: user_id.clone() }),
        }
    }
}

/// Whether a member of staff is on the setting's side of a thread: managers always; a
/// practitioner unless it is for one other person or for the managers.
pub fn staff_reads(side: &SettingSide, role: Role, user: &UserId) -> bool {
    match (role, side) {
        (Role::Manager, _) => true,
        (Role::Practitioner, SettingSide::Person { user_id }) => user_id == user,
        (Role::Practitioner, SettingSide::Room { .. } | SettingSide::Staff) => true,
        (Role::Practitioner, SettingSide::Managers) => false,
        (Role::Parent | Role::Family, _) => false,
    }
}

/// One of a guardian's links as the messages see it, read from current records at the time of
/// the request. Revoked links are not included at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkNow {
    pub room: RoomId,
    pub access: GuardianAccess,
    /// The child is under a safeguarding hold.
    pub held: bool,
    /// The guardian's household for this child, if the setting marked one.
    pub household: Option<Household>,
    /// When this access began (the link, or for a broadcast the person's access to the
    /// setting): nothing sent before it is theirs to read, as on the news feed.
    pub since: Timestamp,
}

/// Whether a guardian with these live links reads a thread about `about` started at
/// `started`, through a link that existed then:
/// - about a child: a parent link (not `family`), no hold, and the same household as the
///   thread's (a thread started before households were marked stays with the guardians who
///   were not given one; a guardian given a household sees only that household's threads);
/// - a room's broadcast: any unheld link to a child in that room;
/// - the setting's broadcast: any unheld link.
pub fn family_reads(about: &ThreadAbout, started: Timestamp, links: &BTreeMap<ChildId, LinkNow>) -> bool {
    let through = |l: &LinkNow| !l.held && l.since <= started;
    match about {
        ThreadAbout::Child { child_id, household } => {
            links.get(child_id).is_some_and(|l| through(l) && l.access == GuardianAccess::Parent && l.household == *household)
        }
        ThreadAbout::Room { room_id } => links.values().any(|l| through(l) && l.room == *room_id),
        ThreadAbout::Setting => links.values().any(through),
    }
}

/// Whether two guardians of a child live apart as the setting marked them (each in a household
/// of their own): neither is then shown the other's threads or details (rule 16). A guardian
/// given no household shares with everyone.
pub fn households_apart(a: Option<Household>, b: Option<Household>) -> bool {
    matches!((a, b), (Some(a), Some(b)) if a != b)
}

/// Whether a guardian may write in the thread: only in a child's thread they read (a
/// broadcast is answered in a thread of one's own).
pub fn family_writes(about: &ThreadAbout, started: Timestamp, links: &BTreeMap<ChildId, LinkNow>) -> bool {
    !about.is_broadcast() && family_reads(about, started, links)
}

/// The threads a member of staff starts to one child's guardians: one per household the
/// child's live parents are in (none marked: one for them all).
pub fn households_to_write<'a>(parents: impl IntoIterator<Item = &'a Option<Household>>) -> Vec<Option<Household>> {
    let mut found: Vec<Option<Household>> = parents.into_iter().copied().collect();
    found.sort();
    found.dedup();
    if found.is_empty() {
        found.push(None);
    }
    found
}

/// Whether the sender may still withdraw a message sent at `sent` (a minute counts whole).
pub fn may_withdraw(sent: PrimitiveDateTime, now: PrimitiveDateTime) -> bool {
    now >= sent && now - sent <= Duration::minutes(WITHDRAW_MINUTES)
}

/// The setting's opening hours, in its own time: staff are not emailed about a family's
/// message outside them (the message itself arrives at once).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OpeningHours {
    pub opens: Time,
    pub closes: Time,
    /// Monday = 1 .. Sunday = 7.
    pub days: Vec<u8>,
}

impl OpeningHours {
    pub fn new(opens: Time, closes: Time, mut days: Vec<u8>) -> Result<OpeningHours, ValueError> {
        if opens >= closes {
            return Err(ValueError::Invalid { field: "openingHours", what: "time span (opening before closing)" });
        }
        days.sort_unstable();
        days.dedup();
        if days.is_empty() || days.iter().any(|d| !(1..=7).contains(d)) {
            return Err(ValueError::Invalid { field: "openingHours.days", what: "list of days (1 Monday to 7 Sunday)" });
        }
        Ok(OpeningHours { opens, closes, days })
    }

    fn open_on(&self, day: Weekday) -> bool {
        self.days.contains(&day.number_from_monday())
    }

    /// Whether the setting is open at this local time.
    pub fn is_open(&self, at: PrimitiveDateTime) -> bool {
        self.open_on(at.weekday()) && at.time() >= self.opens && at.time() < self.closes
    }

    /// When staff may be told of something that happened at `at`: then if the setting is
    /// open, otherwise its next opening (within a week: some day is always open).
    pub fn next_open(&self, at: PrimitiveDateTime) -> PrimitiveDateTime {
        if self.is_open(at) {
            return at;
        }
        let mut day = at.date();
        if at.time() >= self.opens || !self.open_on(day.weekday()) {
            day = day.next_day().unwrap_or(day);
        }
        for _ in 0..8 {
            if self.open_on(day.weekday()) {
                return PrimitiveDateTime::new(day, self.opens);
            }
            day = day.next_day().unwrap_or(day);
        }
        at
    }
}

/// When the other side is emailed about a message sent at `sent` (local time): after the
/// withdraw window, and, for a family's message to staff, not before the setting opens.
pub fn alert_at(sent: PrimitiveDateTime, to_staff: bool, hours: Option<&OpeningHours>) -> PrimitiveDateTime {
    let after_window = sent + Duration::minutes(WITHDRAW_MINUTES);
    match (to_staff, hours) {
        (true, Some(h)) => h.next_open(after_window),
        _ => after_window,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use time::macros::{datetime, time};

    fn at(text: &str) -> Timestamp {
        Timestamp::parse(text).unwrap()
    }
    /// Threads in these tests start on 1 December; links are older unless a test says not.
    fn started() -> Timestamp {
        at("2026-12-01T09:00:00Z")
    }
    fn link(room: &str, access: GuardianAccess, held: bool, household: Option<u8>) -> LinkNow {
        LinkNow {
            room: RoomId::parse(room).unwrap(),
            access,
            held,
            household: household.map(|h| Household::new(h).unwrap()),
            since: at("2026-09-01T08:00:00Z"),
        }
    }
    fn reads(about: &ThreadAbout, links: &BTreeMap<ChildId, LinkNow>) -> bool {
        family_reads(about, started(), links)
    }
    fn writes(about: &ThreadAbout, links: &BTreeMap<ChildId, LinkNow>) -> bool {
        family_writes(about, started(), links)
    }
    fn child(id: &str) -> ChildId {
        ChildId::parse(id).unwrap()
    }
    fn about_child(id: &str, household: Option<u8>) -> ThreadAbout {
        ThreadAbout::Child { child_id: child(id), household: household.map(|h| Household::new(h).unwrap()) }
    }

    #[test]
    fn a_household_is_one_to_four() {
        assert!(Household::new(0).is_err());
        assert!(Household::new(5).is_err());
        assert_eq!(Household::new(2).unwrap().number(), 2);
        assert!(serde_json::from_str::<Household>("9").is_err());
    }

    #[test]
    fn separated_households_never_read_each_others_threads() {
        let mum = BTreeMap::from([(child("c1"), link("r1", GuardianAccess::Parent, false, Some(1)))]);
        let dad = BTreeMap::from([(child("c1"), link("r1", GuardianAccess::Parent, false, Some(2)))]);
        assert!(reads(&about_child("c1", Some(1)), &mum));
        assert!(!reads(&about_child("c1", Some(1)), &dad));
        assert!(!reads(&about_child("c1", Some(2)), &mum));
        // A thread from before the households were marked is not handed to either of them.
        assert!(!reads(&about_child("c1", None), &mum));
    }

    #[test]
    fn family_access_a_hold_or_another_child_reads_no_childs_thread() {
        let family = BTreeMap::from([(child("c1"), link("r1", GuardianAccess::Family, false, None))]);
        let held = BTreeMap::from([(child("c1"), link("r1", GuardianAccess::Parent, true, None))]);
        let other = BTreeMap::from([(child("c2"), link("r1", GuardianAccess::Parent, false, None))]);
        for links in [&family, &held, &other] {
            assert!(!reads(&about_child("c1", None), links));
        }
        // Family members read broadcasts, never write in them; nobody writes in a broadcast.
        let room = ThreadAbout::Room { room_id: RoomId::parse("r1").unwrap() };
        assert!(reads(&room, &family));
        assert!(!writes(&room, &family));
        assert!(!reads(&room, &held));
        assert!(!reads(&ThreadAbout::Room { room_id: RoomId::parse("r2").unwrap() }, &family));
        assert!(reads(&ThreadAbout::Setting, &other));
        assert!(!writes(&ThreadAbout::Setting, &other));
        assert!(!reads(&ThreadAbout::Setting, &BTreeMap::new()));
    }

    #[test]
    fn nothing_sent_before_a_link_began_is_read_through_it() {
        let newer = |l: LinkNow| LinkNow { since: at("2026-12-01T09:00:01Z"), ..l };
        let parent = BTreeMap::from([(child("c1"), newer(link("r1", GuardianAccess::Parent, false, None)))]);
        assert!(!reads(&about_child("c1", None), &parent), "a parent linked after a thread began does not read it");
        assert!(!reads(&ThreadAbout::Room { room_id: RoomId::parse("r1").unwrap() }, &parent));
        assert!(!reads(&ThreadAbout::Setting, &parent));
        let same_moment = BTreeMap::from([(child("c1"), LinkNow { since: started(), ..link("r1", GuardianAccess::Parent, false, None) })]);
        assert!(reads(&about_child("c1", None), &same_moment));
    }

    #[test]
    fn practitioners_do_not_read_threads_for_the_managers_or_a_colleague() {
        let me = UserId::parse("u1").unwrap();
        let colleague = SettingSide::Person { user_id: UserId::parse("u2").unwrap() };
        assert!(!staff_reads(&SettingSide::Managers, Role::Practitioner, &me));
        assert!(!staff_reads(&colleague, Role::Practitioner, &me));
        assert!(staff_reads(&SettingSide::Person { user_id: me.clone() }, Role::Practitioner, &me));
        assert!(staff_reads(&SettingSide::Staff, Role::Practitioner, &me));
        assert!(staff_reads(&colleague, Role::Manager, &me));
        assert!(!staff_reads(&SettingSide::Staff, Role::Parent, &me));
    }

    #[test]
    fn only_guardians_marked_in_different_households_live_apart() {
        let h = |n| Some(Household::new(n).unwrap());
        assert!(households_apart(h(1), h(2)));
        assert!(!households_apart(h(1), h(1)));
        assert!(!households_apart(None, h(2)));
        assert!(!households_apart(h(1), None));
        assert!(!households_apart(None, None));
    }

    #[test]
    fn staff_write_one_thread_per_household() {
        let h = |n| Some(Household::new(n).unwrap());
        assert_eq!(households_to_write(&[]), vec![None]);
        assert_eq!(households_to_write(&[None, None]), vec![None]);
        assert_eq!(households_to_write(&[h(2), h(1), h(2)]), vec![h(1), h(2)]);
        assert_eq!(households_to_write(&[None, h(1)]), vec![None, h(1)]);
    }

    #[test]
    fn a_message_may_be_withdrawn_for_ten_minutes() {
        let sent = datetime!(2026-12-01 09:00);
        assert!(may_withdraw(sent, datetime!(2026-12-01 09:10)));
        assert!(!may_withdraw(sent, datetime!(2026-12-01 09:10:01)));
        assert!(!may_withdraw(sent, datetime!(2026-12-01 08:59)));
    }

    #[test]
    fn a_familys_evening_message_reaches_staff_at_opening() {
        let hours = OpeningHours::new(time!(7:30), time!(18:00), vec![1, 2, 3, 4, 5]).unwrap();
        // Tuesday 1 December 2026, 20:00: told on Wednesday at 07:30.
        assert_eq!(alert_at(datetime!(2026-12-01 20:00), true, Some(&hours)), datetime!(2026-12-02 07:30));
        // Friday evening: Monday.
        assert_eq!(alert_at(datetime!(2026-12-04 19:00), true, Some(&hours)), datetime!(2026-12-07 07:30));
        // Early morning: the same day's opening.
        assert_eq!(alert_at(datetime!(2026-12-02 06:00), true, Some(&hours)), datetime!(2026-12-02 07:30));
        // Open: after the withdraw window only; families are told at any hour.
        assert_eq!(alert_at(datetime!(2026-12-02 10:00), true, Some(&hours)), datetime!(2026-12-02 10:10));
        assert_eq!(alert_at(datetime!(2026-12-01 20:00), false, Some(&hours)), datetime!(2026-12-01 20:10));
        assert!(OpeningHours::new(time!(18:00), time!(7:30), vec![1]).is_err());
        assert!(OpeningHours::new(time!(7:00), time!(18:00), vec![8]).is_err());
    }

    proptest! {
        #[test]
        fn staff_are_told_when_the_setting_is_open_and_never_early(
            minute in 0i64..(14 * 24 * 60),
            opens in 0u8..12,
            length in 1u8..12,
            days in proptest::collection::btree_set(1u8..=7, 1..=7),
        ) {
            let hours = OpeningHours::new(Time::from_hms(opens, 0, 0).unwrap(), Time::from_hms(opens + length, 0, 0).unwrap(), days.into_iter().collect()).unwrap();
            let sent = datetime!(2026-11-30 00:00) + Duration::minutes(minute);
            let told = alert_at(sent, true, Some(&hours));
            prop_assert!(told >= sent + Duration::minutes(WITHDRAW_MINUTES));
            prop_assert!(hours.is_open(told));
            prop_assert!(told - sent <= Duration::days(8));
        }
    }
}

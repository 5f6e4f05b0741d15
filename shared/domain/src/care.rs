//! Daily care: the EYFS staff:child ratios (rule 13), who may collect a child, the order of
//! attendance marks, when parents may see a mark (rule 12), and the setting's local day.
//! Data and pure functions only; the care functions load the day and apply these.

use serde::{Deserialize, Serialize};
use time::{Date, Duration, OffsetDateTime, PrimitiveDateTime, Time, UtcOffset};

/// The EYFS age groups that set a child's ratio, from the date of birth on the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum AgeGroup {
    #[serde(rename = "under-2")]
    Under2,
    Two,
    ThreePlus,
}

/// The child's age in whole years on `on` (a birthday counts from its day; 29 February
/// birthdays count from 1 March in other years).
pub fn age_in_years(date_of_birth: Date, on: Date) -> i32 {
    let mut years = on.year() - date_of_birth.year();
    if (on.month() as u8, on.day()) < (date_of_birth.month() as u8, date_of_birth.day()) {
        years -= 1;
    }
    years
}

pub fn age_group(date_of_birth: Date, on: Date) -> AgeGroup {
    match age_in_years(date_of_birth, on) {
        i32::MIN..=1 => AgeGroup::Under2,
        2 => AgeGroup::Two,
        _ => AgeGroup::ThreePlus,
    }
}

/// One adult to so many children, by age group (England, group settings). Three-and-overs
/// go to 1:13 while a practitioner with level 6 (QTS, EYTS, EYPS) works directly in the room.
pub struct Ratios {
    pub under_2: u32,
    pub two: u32,
    pub three_plus: u32,
    pub three_plus_with_graduate: u32,
}

pub const ENGLAND_GROUP_SETTINGS: Ratios = Ratios { under_2: 3, two: 5, three_plus: 8, three_plus_with_graduate: 13 };

/// The lowest qualification level that allows the 1:13 ratio.
pub const GRADUATE_LEVEL: u8 = 6;

/// Children present in one room, by age group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Headcount {
    pub under_2: u32,
    pub two: u32,
    pub three_plus: u32,
}

impl Headcount {
    pub fn add(&mut self, group: AgeGroup) {
        match group {
            AgeGroup::Under2 => self.under_2 += 1,
            AgeGroup::Two => self.two += 1,
            AgeGroup::ThreePlus => self.three_plus += 1,
        }
    }
    pub fn total(&self) -> u32 {
        self.under_2 + self.two + self.three_plus
    }
}

/// Staff a room needs: ceil(under2/3 + twos/5 + over3/(8 or 13)), in exact integer
/// arithmetic (every fraction over the common denominator), so 3 + 5 + 8 children need
/// exactly 3 adults and never 4 through rounding.
pub fn required_staff(ratios: &Ratios, children: Headcount, graduate_in_room: bool) -> u32 {
    let three_plus = if graduate_in_room { ratios.three_plus_with_graduate } else { ratios.three_plus };
    let denominator = u64::from(ratios.under_2) * u64::from(ratios.two) * u64::from(three_plus);
    let numerator = u64::from(children.under_2) * (denominator / u64::from(ratios.under_2))
        + u64::from(children.two) * (denominator / u64::from(ratios.two))
        + u64::from(children.three_plus) * (denominator / u64::from(three_plus));
    numerator.div_ceil(denominator) as u32
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum RatioStatus {
    Ok,
    Breach,
}

/// A room's ratio now: who is there and whether it is enough.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RoomRatio {
    pub children: Headcount,
    pub staff: u32,
    /// The 1:13 ratio applied to three-and-overs.
    pub graduate: bool,
    pub required: u32,
    pub status: RatioStatus,
}

/// The hours (local time) in which the 1:13 ratio may apply (EYFS 3.41).
pub const GRADUATE_RATIO_FROM: Time = time::macros::time!(08:00);
pub const GRADUATE_RATIO_UNTIL: Time = time::macros::time!(16:00);
/// The level the other member of staff needs for the 1:13 ratio.
pub const FULL_AND_RELEVANT_LEVEL: u8 = 3;

/// Whether the 1:13 ratio applies: a level 6 practitioner works in the room, at least one
/// other member of staff there holds level 3, and it is between 08:00 and 16:00 (EYFS 3.41).
pub fn graduate_ratio_applies(staff_levels: &[u8], local_time: Time) -> bool {
    let Some(graduate) = staff_levels.iter().position(|l| *l >= GRADUATE_LEVEL) else { return false };
    let other_level_3 = staff_levels.iter().enumerate().any(|(i, l)| i != graduate && *l >= FULL_AND_RELEVANT_LEVEL);
    other_level_3 && (GRADUATE_RATIO_FROM..GRADUATE_RATIO_UNTIL).contains(&local_time)
}

/// Evaluates a room from the children present, the qualification levels of the staff working
/// in it and the local time.
pub fn evaluate_room(ratios: &Ratios, children: Headcount, staff_levels: &[u8], local_time: Time) -> RoomRatio {
    let graduate = graduate_ratio_applies(staff_levels, local_time);
    let required = required_staff(ratios, children, graduate);
    let staff = staff_levels.len() as u32;
    RoomRatio { children, staff, graduate, required, status: if staff >= required { RatioStatus::Ok } else { RatioStatus::Breach } }
}

/// What a re-evaluation means for the room's breach episode: managers are emailed when one
/// starts, and its end is recorded; events in between change nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Episode {
    Unchanged,
    Started,
    Ended,
}

pub fn episode(in_breach_before: bool, now: RatioStatus) -> Episode {
    match (in_breach_before, now) {
        (false, RatioStatus::Breach) => Episode::Started,
        (true, RatioStatus::Ok) => Episode::Ended,
        _ => Episode::Unchanged,
    }
}

/// A sign-in or sign-out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Mark {
    SignIn,
    SignOut,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarkConflict {
    AlreadySignedIn,
    NotSignedIn,
}

/// A child is signed in, then out, then may come back: any other order is a conflict.
pub fn check_mark(signed_in: bool, mark: Mark) -> Result<(), MarkConflict> {
    match (signed_in, mark) {
        (false, Mark::SignIn) | (true, Mark::SignOut) => Ok(()),
        (true, Mark::SignIn) => Err(MarkConflict::AlreadySignedIn),
        (false, Mark::SignOut) => Err(MarkConflict::NotSignedIn),
    }
}

/// The person a sign-out names, as the setting knows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Collector {
    /// One of the child's guardian links.
    Guardian { may_collect: bool, revoked: bool, held: bool },
    /// One of the authorised collectors the parents listed; whether the password given
    /// matches the stored hash.
    Authorised { password_matches: bool },
    /// Nobody the child's records name.
    Unknown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CollectionRefusal {
    NotAuthorised,
    WrongPassword,
}

/// Whether the child may go home with this person. A manager's override (with a reason) is
/// the only way past a refusal; the use case records and reports it.
pub fn may_collect(collector: Collector) -> Result<(), CollectionRefusal> {
    match collector {
        // A hold suspends every guardian link (rule 5): collection needs a manager then.
        Collector::Guardian { may_collect: true, revoked: false, held: false } => Ok(()),
        Collector::Guardian { .. } | Collector::Unknown => Err(CollectionRefusal::NotAuthorised),
        Collector::Authorised { password_matches: true } => Ok(()),
        Collector::Authorised { password_matches: false } => Err(CollectionRefusal::WrongPassword),
    }
}

/// When parents may see attendance marks (rule 12): a mark is shown `delay_minutes` after it
/// was made, and marks made before `morning_at` (local time) not before then. Never live.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Publishing {
    pub morning_at: Time,
    pub delay_minutes: u32,
}

pub const MIN_PUBLISHING_DELAY_MINUTES: u32 = 15;
pub const MAX_PUBLISHING_DELAY_MINUTES: u32 = 24 * 60;

impl Default for Publishing {
    fn default() -> Self {
        Self { morning_at: Time::from_hms(10, 30, 0).expect("a valid time"), delay_minutes: 60 }
    }
}

/// The local time from which parents see a mark made at `mark` (local time).
pub fn visible_from(publishing: Publishing, mark: PrimitiveDateTime) -> PrimitiveDateTime {
    let delayed = mark + Duration::minutes(i64::from(publishing.delay_minutes.max(MIN_PUBLISHING_DELAY_MINUTES)));
    let morning = PrimitiveDateTime::new(mark.date(), publishing.morning_at);
    if mark < morning && delayed < morning {
        morning
    } else {
        delayed
    }
}

/// `at` in the setting's time zone (an IANA name; unknown names fall back to UTC).
pub fn local(at: OffsetDateTime, timezone: &str) -> OffsetDateTime {
    use chrono::{Offset, TimeZone};
    let offset = timezone
        .parse::<chrono_tz::Tz>()
        .ok()
        .and_then(|tz| {
            let utc = chrono::DateTime::from_timestamp(at.unix_timestamp(), 0)?.naive_utc();
            UtcOffset::from_whole_seconds(tz.offset_from_utc_datetime(&utc).fix().local_minus_utc()).ok()
        })
        .unwrap_or(UtcOffset::UTC);
    at.to_offset(offset)
}

/// Minutes between two instants, never negative.
/// An absence a family reported stands unless the child's arrival overtook it: one reported
/// before the day's first arrival was recorded (the child came after all) is not shown, one
/// reported after it (the child will not be back) is. Each viewer applies it to the arrivals
/// they may see (parents only after the publishing delay), so whether an absence shows never
/// reveals an arrival early (rule 12).
pub fn absence_stands(reported_at: OffsetDateTime, first_arrival_recorded: Option<OffsetDateTime>) -> bool {
    first_arrival_recorded.is_none_or(|arrived| reported_at > arrived)
}

pub fn minutes_between(from: OffsetDateTime, to: OffsetDateTime) -> i64 {
    (to - from).whole_minutes().max(0)
}

/// How much of a meal a child ate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum MealAmount {
    None,
    Some,
    Half,
    Most,
    All,
}

/// A parent's written permission for one medicine is current from the day it was given to
/// its last day (inclusive), unless withdrawn.
pub fn permission_current(given_on: Date, until: Date, withdrawn: bool, today: Date) -> bool {
    !withdrawn && given_on <= today && today <= until
}

/// The longest a medicine permission may run before the parents renew it.
pub const MAX_PERMISSION_DAYS: i64 = 366;

/// Where an accident record stands: staff record it, a manager reviews it (only then do the
/// parents see it), the parents acknowledge it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum AccidentStatus {
    AwaitingReview,
    AwaitingAcknowledgement,
    Acknowledged,
}

/// What the accident list is filtered by: `open` is everything not yet acknowledged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum AccidentFilter {
    Open,
    AwaitingReview,
    AwaitingAcknowledgement,
}

impl AccidentFilter {
    pub fn parse(raw: &str) -> Option<Self> {
        match raw {
            "open" => Some(Self::Open),
            "awaiting-review" => Some(Self::AwaitingReview),
            "awaiting-acknowledgement" => Some(Self::AwaitingAcknowledgement),
            _ => None,
        }
    }
    pub fn matches(self, status: AccidentStatus) -> bool {
        match self {
            Self::Open => status != AccidentStatus::Acknowledged,
            Self::AwaitingReview => status == AccidentStatus::AwaitingReview,
            Self::AwaitingAcknowledgement => status == AccidentStatus::AwaitingAcknowledgement,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccidentStep {
    Review,
    Acknowledge,
}

/// The next status, or `None` when the step is out of order (reviewed twice, acknowledged
/// before the review).
pub fn accident_step(status: AccidentStatus, step: AccidentStep) -> Option<AccidentStatus> {
    match (status, step) {
        (AccidentStatus::AwaitingReview, AccidentStep::Review) => Some(AccidentStatus::AwaitingAcknowledgement),
        (AccidentStatus::AwaitingAcknowledgement, AccidentStep::Acknowledge) => Some(AccidentStatus::Acknowledged),
        _ => None,
    }
}

/// Parents see an accident record once a manager has reviewed it.
pub fn accident_shown_to_parents(status: AccidentStatus) -> bool {
    status != AccidentStatus::AwaitingReview
}

/// Ofsted must be told of a serious accident or injury as soon as reasonably practicable and
/// within 14 days (EYFS 3.52).
pub const OFSTED_NOTICE_DAYS: i64 = 14;

pub fn ofsted_deadline(happened_at: OffsetDateTime) -> OffsetDateTime {
    happened_at + Duration::days(OFSTED_NOTICE_DAYS)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use time::macros::{date, datetime, time};

    fn count(under_2: u32, two: u32, three_plus: u32) -> Headcount {
        Headcount { under_2, two, three_plus }
    }
    fn required(under_2: u32, two: u32, three_plus: u32, graduate: bool) -> u32 {
        required_staff(&ENGLAND_GROUP_SETTINGS, count(under_2, two, three_plus), graduate)
    }

    /// Worked examples, with the arithmetic written out.
    #[test]
    fn an_arrival_overtakes_an_absence_reported_before_it_only() {
        let arrived = time::macros::datetime!(2026-12-02 08:00 UTC);
        assert!(absence_stands(arrived, None), "no arrival seen: the report stands");
        assert!(!absence_stands(arrived - Duration::minutes(30), Some(arrived)), "the child came after all");
        assert!(absence_stands(arrived + Duration::minutes(30), Some(arrived)), "reported after the arrival");
    }

    #[test]
    fn ratio_worked_examples() {
        // Nobody there: 0/3 + 0/5 + 0/8 = 0.
        assert_eq!(required(0, 0, 0, false), 0);
        // Baby room, 3 babies: 3/3 = 1 -> 1 adult. A fourth: 4/3 = 1.33 -> 2.
        assert_eq!(required(3, 0, 0, false), 1);
        assert_eq!(required(4, 0, 0, false), 2);
        // Toddlers, 10 two-year-olds: 10/5 = 2 -> 2. Eleven: 2.2 -> 3.
        assert_eq!(required(0, 10, 0, false), 2);
        assert_eq!(required(0, 11, 0, false), 3);
        // Pre-school, 16 three-year-olds: 16/8 = 2 -> 2. With a graduate: 16/13 = 1.23 -> 2.
        assert_eq!(required(0, 0, 16, false), 2);
        assert_eq!(required(0, 0, 16, true), 2);
        // 26 three-and-overs with a graduate: 26/13 = 2 -> 2; without: 26/8 = 3.25 -> 4.
        assert_eq!(required(0, 0, 26, true), 2);
        assert_eq!(required(0, 0, 26, false), 4);
        // Mixed room, 3 + 5 + 8: 3/3 + 5/5 + 8/8 = 1 + 1 + 1 = 3 exactly (not 4).
        assert_eq!(required(3, 5, 8, false), 3);
        // Mixed, 2 + 3 + 4: 0.667 + 0.6 + 0.5 = 1.767 -> 2.
        assert_eq!(required(2, 3, 4, false), 2);
        // Mixed, 1 + 1 + 1: 0.333 + 0.2 + 0.125 = 0.658 -> 1.
        assert_eq!(required(1, 1, 1, false), 1);
        // Mixed, 2 + 5 + 13 with a graduate: 0.667 + 1 + 1 = 2.667 -> 3; without:
        // 0.667 + 1 + 1.625 = 3.29 -> 4.
        assert_eq!(required(2, 5, 13, true), 3);
        assert_eq!(required(2, 5, 13, false), 4);
    }

    #[test]
    fn a_room_is_in_breach_when_staff_fall_short() {
        let noon = time!(12:00);
        let room = |c: Headcount, levels: &[u8], at: Time| evaluate_room(&ENGLAND_GROUP_SETTINGS, c, levels, at);
        // 4 babies need 2 adults.
        let r = room(count(4, 0, 0), &[3], noon);
        assert_eq!((r.required, r.staff, r.status), (2, 1, RatioStatus::Breach));
        assert_eq!(room(count(4, 0, 0), &[3, 2], noon).status, RatioStatus::Ok);
        // 20 three-year-olds: 3 adults at 1:8 (20/8 = 2.5 -> 3); 2 with a level 6 and a level
        // 3 in the room at noon (20/13 = 1.54 -> 2).
        let r = room(count(0, 0, 20), &[6, 3], noon);
        assert!(r.graduate);
        assert_eq!((r.required, r.status), (2, RatioStatus::Ok));
        assert_eq!((room(count(0, 0, 20), &[5, 3], noon).required, room(count(0, 0, 20), &[5, 3], noon).status), (3, RatioStatus::Breach));
        // 1:13 needs another member of staff at level 3, and the hours 08:00-16:00.
        assert_eq!(room(count(0, 0, 20), &[6, 2], noon).required, 3);
        assert_eq!(room(count(0, 0, 13), &[6], noon).required, 2, "a graduate alone: 13/8 = 1.6 -> 2");
        assert_eq!(room(count(0, 0, 20), &[6, 3], time!(16:00)).required, 3);
        assert_eq!(room(count(0, 0, 20), &[6, 3], time!(07:59)).required, 3);
        assert_eq!(room(count(0, 0, 20), &[6, 3], time!(08:00)).required, 2);
        assert_eq!(room(count(0, 0, 20), &[6, 6], noon).required, 2, "two graduates: the other holds level 3 and more");
        // Children with no adult at all.
        assert_eq!(room(count(0, 1, 0), &[], noon).status, RatioStatus::Breach);
        // Adults with no children are never a breach.
        assert_eq!(room(count(0, 0, 0), &[], noon).status, RatioStatus::Ok);
    }

    #[test]
    fn age_groups_come_from_the_date_of_birth_on_the_day() {
        let dob = date!(2023 - 12 - 01);
        assert_eq!(age_group(dob, date!(2025 - 11 - 30)), AgeGroup::Under2);
        assert_eq!(age_group(dob, date!(2025 - 12 - 01)), AgeGroup::Two);
        assert_eq!(age_group(dob, date!(2026 - 11 - 30)), AgeGroup::Two);
        assert_eq!(age_group(dob, date!(2026 - 12 - 01)), AgeGroup::ThreePlus);
        let leap = date!(2024 - 02 - 29);
        assert_eq!(age_in_years(leap, date!(2026 - 02 - 28)), 1);
        assert_eq!(age_in_years(leap, date!(2026 - 03 - 01)), 2);
    }

    #[test]
    fn breach_episodes_start_and_end_once() {
        assert_eq!(episode(false, RatioStatus::Breach), Episode::Started);
        assert_eq!(episode(true, RatioStatus::Breach), Episode::Unchanged);
        assert_eq!(episode(true, RatioStatus::Ok), Episode::Ended);
        assert_eq!(episode(false, RatioStatus::Ok), Episode::Unchanged);
    }

    #[test]
    fn marks_alternate() {
        assert_eq!(check_mark(false, Mark::SignIn), Ok(()));
        assert_eq!(check_mark(true, Mark::SignOut), Ok(()));
        assert_eq!(check_mark(true, Mark::SignIn), Err(MarkConflict::AlreadySignedIn));
        assert_eq!(check_mark(false, Mark::SignOut), Err(MarkConflict::NotSignedIn));
    }

    #[test]
    fn collection_rules() {
        let guardian = |may_collect, revoked, held| Collector::Guardian { may_collect, revoked, held };
        assert_eq!(may_collect(guardian(true, false, false)), Ok(()));
        assert_eq!(may_collect(guardian(false, false, false)), Err(CollectionRefusal::NotAuthorised));
        assert_eq!(may_collect(guardian(true, true, false)), Err(CollectionRefusal::NotAuthorised));
        assert_eq!(may_collect(guardian(true, false, true)), Err(CollectionRefusal::NotAuthorised));
        assert_eq!(may_collect(Collector::Authorised { password_matches: true }), Ok(()));
        assert_eq!(may_collect(Collector::Authorised { password_matches: false }), Err(CollectionRefusal::WrongPassword));
        assert_eq!(may_collect(Collector::Unknown), Err(CollectionRefusal::NotAuthorised));
    }

    #[test]
    fn marks_are_published_after_the_delay_and_the_morning_time() {
        let p = Publishing::default(); // 10:30, 60 minutes
                                       // The morning sign-in at 08:05 shows at 10:30.
        assert_eq!(visible_from(p, datetime!(2026-11-30 08:05)), datetime!(2026-11-30 10:30));
        // A late arrival at 10:00 shows an hour later, 11:00.
        assert_eq!(visible_from(p, datetime!(2026-11-30 10:00)), datetime!(2026-11-30 11:00));
        // The afternoon sign-out at 15:10 shows at 16:10.
        assert_eq!(visible_from(p, datetime!(2026-11-30 15:10)), datetime!(2026-11-30 16:10));
        // A delay below the floor is raised to it: never live.
        let zero = Publishing { morning_at: time!(00:00), delay_minutes: 0 };
        assert_eq!(visible_from(zero, datetime!(2026-11-30 15:10)), datetime!(2026-11-30 15:25));
    }

    #[test]
    fn local_time_follows_the_settings_time_zone() {
        // London is UTC in winter and UTC+1 in summer.
        assert_eq!(local(datetime!(2026-11-30 09:00 UTC), "Europe/London").hour(), 9);
        assert_eq!(local(datetime!(2026-07-01 09:00 UTC), "Europe/London").hour(), 10);
        // 23:30 UTC in July is already tomorrow in Gibraltar (UTC+2 in summer).
        assert_eq!(local(datetime!(2026-07-01 23:30 UTC), "Europe/Gibraltar").date(), date!(2026 - 07 - 02));
        assert_eq!(local(datetime!(2026-11-30 09:00 UTC), "Not/A_Zone").hour(), 9);
    }

    #[test]
    fn medicine_permissions_run_from_the_day_given_to_their_last_day() {
        let given = date!(2026 - 11 - 30);
        let until = date!(2026 - 12 - 07);
        assert!(permission_current(given, until, false, date!(2026 - 11 - 30)));
        assert!(permission_current(given, until, false, date!(2026 - 12 - 07)));
        assert!(!permission_current(given, until, false, date!(2026 - 12 - 08)));
        assert!(!permission_current(given, until, false, date!(2026 - 11 - 29)));
        assert!(!permission_current(given, until, true, date!(2026 - 12 - 01)));
    }

    #[test]
    fn accidents_are_reviewed_then_acknowledged() {
        use AccidentStatus::*;
        assert_eq!(accident_step(AwaitingReview, AccidentStep::Review), Some(AwaitingAcknowledgement));
        assert_eq!(accident_step(AwaitingAcknowledgement, AccidentStep::Acknowledge), Some(Acknowledged));
        assert_eq!(accident_step(AwaitingReview, AccidentStep::Acknowledge), None, "parents never acknowledge before the review");
        assert_eq!(accident_step(AwaitingAcknowledgement, AccidentStep::Review), None);
        assert_eq!(accident_step(Acknowledged, AccidentStep::Acknowledge), None);
        assert!(!accident_shown_to_parents(AwaitingReview));
        assert!(accident_shown_to_parents(AwaitingAcknowledgement) && accident_shown_to_parents(Acknowledged));
        assert!(AccidentFilter::Open.matches(AwaitingReview) && AccidentFilter::Open.matches(AwaitingAcknowledgement));
        assert!(!AccidentFilter::Open.matches(Acknowledged));
        assert!(!AccidentFilter::AwaitingReview.matches(AwaitingAcknowledgement));
        assert_eq!(AccidentFilter::parse("awaiting-review"), Some(AccidentFilter::AwaitingReview));
        assert_eq!(AccidentFilter::parse("closed"), None);
        assert_eq!(ofsted_deadline(datetime!(2026-11-30 10:15 UTC)), datetime!(2026-12-14 10:15 UTC));
    }

    proptest! {
        /// The integer arithmetic equals the written formula (checked in exact rationals).
        #[test]
        fn required_staff_is_the_ceiling_of_the_formula(u in 0u32..60, t in 0u32..60, o in 0u32..60, g in any::<bool>()) {
            let d = if g { 13 } else { 8 };
            // ceil(u/3 + t/5 + o/d) over the denominator 15d.
            let numerator = u * 5 * d + t * 3 * d + o * 15;
            let expected = numerator.div_ceil(15 * d);
            prop_assert_eq!(required(u, t, o, g), expected);
        }

        /// One more child never needs fewer staff; a graduate never needs more.
        #[test]
        fn more_children_never_need_fewer_staff(u in 0u32..60, t in 0u32..60, o in 0u32..60, g in any::<bool>(), which in 0usize..3) {
            let before = required(u, t, o, g);
            let after = match which {
                0 => required(u + 1, t, o, g),
                1 => required(u, t + 1, o, g),
                _ => required(u, t, o + 1, g),
            };
            prop_assert!(after >= before);
            prop_assert!(required(u, t, o, true) <= required(u, t, o, false));
        }

        /// Each age group on its own gets exactly its ratio.
        #[test]
        fn single_groups_follow_their_ratio(n in 0u32..200) {
            prop_assert_eq!(required(n, 0, 0, false), n.div_ceil(3));
            prop_assert_eq!(required(0, n, 0, false), n.div_ceil(5));
            prop_assert_eq!(required(0, 0, n, false), n.div_ceil(8));
            prop_assert_eq!(required(0, 0, n, true), n.div_ceil(13));
        }

        /// Without an override, only a live guardian link allowed to collect, or a listed
        /// collector with the right password, takes a child home.
        #[test]
        fn nobody_else_collects(may in any::<bool>(), revoked in any::<bool>(), held in any::<bool>(), matches in any::<bool>(), kind in 0u8..3) {
            let collector = match kind {
                0 => Collector::Guardian { may_collect: may, revoked, held },
                1 => Collector::Authorised { password_matches: matches },
                _ => Collector::Unknown,
            };
            let allowed = may_collect(collector).is_ok();
            let expected = match kind {
                0 => may && !revoked && !held,
                1 => matches,
                _ => false,
            };
            prop_assert_eq!(allowed, expected);
        }

        /// Parents never see a mark live, whatever the setting's options.
        #[test]
        fn marks_are_never_live(h in 0u8..24, m in 0u8..60, mh in 0u8..24, delay in 0u32..2000) {
            let p = Publishing { morning_at: Time::from_hms(mh, 0, 0).unwrap(), delay_minutes: delay };
            let mark = PrimitiveDateTime::new(date!(2026 - 11 - 30), Time::from_hms(h, m, 0).unwrap());
            prop_assert!(visible_from(p, mark) >= mark + Duration::minutes(i64::from(MIN_PUBLISHING_DELAY_MINUTES)));
        }
    }
}

//! Sessions and bookings: the sessions a setting sells (a morning, a full day, by the session
//! or the hour, in which rooms), its terms and closures, each room's capacity, each child's
//! regular weekly pattern from a start date, and the rule that books a family's extra session
//! or cancellation at once or leaves it for a manager. What a child is booked into on a day is
//! what the register expects and, later, what is invoiced. Data and pure functions only.

use crate::{RoomId, ValueError};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use time::{Date, Duration, Weekday};

/// Session types one setting offers.
pub const MAX_SESSION_TYPES: usize = 20;
/// Terms the setting keeps on record at once (a few years of three terms, or six half-terms).
pub const MAX_TERMS: usize = 24;
/// Closure days on record (bank holidays, training days) across those terms.
pub const MAX_CLOSURES: usize = 200;
/// Patterns a child keeps (each from its own start date; older ones drop off).
pub const MAX_PATTERNS: usize = 12;
/// The longest notice a setting may ask for a change.
pub const MAX_NOTICE_DAYS: u8 = 60;
/// The longest a price may be: £10,000 a session or hour is well past any real fee.
pub const MAX_PRICE_PENCE: u32 = 1_000_000;
/// Children a room can hold, as the setting says (the register's day item holds 300 at most).
pub const MAX_CAPACITY: u32 = 300;
/// How far ahead a family may book: a year.
pub const MAX_DAYS_AHEAD: i64 = 366;

/// A calendar day, `YYYY-MM-DD` on the wire and in the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Day(Date);

impl Day {
    pub fn new(date: Date) -> Self {
        Day(date)
    }
    pub fn parse(raw: &str) -> Result<Self, ValueError> {
        Date::parse(raw, &time::format_description::well_known::Iso8601::DATE)
            .map(Day)
            .map_err(|_| ValueError::Invalid { field: "date", what: "date (YYYY-MM-DD)" })
    }
    pub fn date(self) -> Date {
        self.0
    }
    pub fn plus_days(self, days: i64) -> Day {
        Day(self.0 + Duration::days(days))
    }
    pub fn weekday(self) -> Weekday {
        self.0.weekday()
    }
}

impl TryFrom<String> for Day {
    type Error = ValueError;
    fn try_from(raw: String) -> Result<Self, ValueError> {
        Day::parse(&raw)
    }
}
impl From<Day> for String {
    fn from(day: Day) -> String {
        day.to_string()
    }
}
impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.0.year(), self.0.month() as u8, self.0.day())
    }
}

/// A time of day, `HH:MM`, in the setting's timezone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct ClockTime(u16);

impl ClockTime {
    pub fn parse(raw: &str) -> Result<Self, ValueError> {
        let invalid = || ValueError::Invalid { field: "time", what: "time of day (HH:MM)" };
        let (h, m) = raw.split_once(':').ok_or_else(invalid)?;
        if h.len() != 2 || m.len() != 2 {
            return Err(invalid());
        }
        let (h, m): (u16, u16) = (h.parse().map_err(|_| invalid())?, m.parse().map_err(|_| invalid())?);
        if h > 23 || m > 59 {
            return Err(invalid());
        }
        Ok(ClockTime(h * 60 + m))
    }
    pub fn from_minutes(minutes: u16) -> Self {
        ClockTime(minutes.min(23 * 60 + 59))
    }
    /// Minutes since midnight.
    pub fn minutes(self) -> u16 {
        self.0
    }
}
impl TryFrom<String> for ClockTime {
    type Error = ValueError;
    fn try_from(raw: String) -> Result<Self, ValueError> {
        ClockTime::parse(&raw)
    }
}
impl From<ClockTime> for String {
    fn from(t: ClockTime) -> String {
        t.to_string()
    }
}
impl fmt::Display for ClockTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.0 / 60, self.0 % 60)
    }
}

/// What a session costs: a price for the session, or a price per hour of it. Whole pence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", tag = "per")]
pub enum Price {
    Session { pence: u32 },
    Hour { pence: u32 },
}

impl Price {
    fn pence(self) -> u32 {
        match self {
            Price::Session { pence } | Price::Hour { pence } => pence,
        }
    }
}

/// One kind of session the setting sells.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct SessionType {
    #[schema(value_type = String)]
    pub session_type_id: crate::SessionTypeId,
    #[schema(value_type = String)]
    pub name: crate::SessionName,
    #[schema(value_type = String, example = "08:00")]
    pub starts: ClockTime,
    #[schema(value_type = String, example = "13:00")]
    pub ends: ClockTime,
    pub price: Price,
    /// The rooms it is offered in; every room when empty.
    #[serde(default)]
    #[schema(value_type = Vec<String>)]
    pub rooms: Vec<RoomId>,
}

impl SessionType {
    /// Its length in minutes.
    pub fn minutes(&self) -> u32 {
        u32::from(self.ends.minutes() - self.starts.minutes())
    }
    pub fn offered_in(&self, room: &RoomId) -> bool {
        self.rooms.is_empty() || self.rooms.contains(room)
    }
    /// Whether the two sessions share any minute (a child in both is one child in the room).
    pub fn overlaps(&self, other: &SessionType) -> bool {
        self.starts < other.ends && other.starts < self.ends
    }
}

/// A term: the days within it (both ends included) are term time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Term {
    #[schema(value_type = String)]
    pub name: crate::SessionName,
    #[schema(value_type = String, format = Date)]
    pub starts: Day,
    #[schema(value_type = String, format = Date)]
    pub ends: Day,
}

/// A day the setting is closed (a bank holiday, a training day).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Closure {
    #[schema(value_type = String, format = Date)]
    pub date: Day,
    #[schema(value_type = String)]
    pub reason: crate::SessionName,
}

/// The setting's sessions, calendar, capacities and notice rule.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Setup {
    pub sessions: Vec<SessionType>,
    /// Open only in term time (a pre-school), or all year but the closures (a day nursery).
    #[serde(default)]
    pub term_time_only: bool,
    #[serde(default)]
    pub terms: Vec<Term>,
    #[serde(default)]
    pub closures: Vec<Closure>,
    /// Children each room may hold at once. A room without one books nothing extra by itself:
    /// a manager decides.
    #[serde(default)]
    #[schema(value_type = BTreeMap<String, u32>)]
    pub capacities: BTreeMap<RoomId, u32>,
    /// Changes asked this many days ahead or more are booked at once (when there is room);
    /// sooner ones wait for a manager.
    #[serde(default)]
    pub notice_days: u8,
    /// What the setting offers besides sessions, which families may opt into.
    #[serde(default)]
    pub extras: Vec<crate::invoicing::ExtraOffer>,
    /// Whether invoices charge the sessions booked or those attended.
    #[serde(default)]
    pub invoice_from: crate::invoicing::InvoiceBasis,
}

/// Why a setup cannot be saved.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SetupError {
    #[error("at most {MAX_SESSION_TYPES} session types, {MAX_TERMS} terms and {MAX_CLOSURES} closure days")]
    TooMany,
    #[error("session \"{0}\" must end after it starts")]
    EndsBeforeStart(String),
    #[error("session \"{0}\" costs more than £10,000")]
    PriceTooHigh(String),
    #[error("two sessions have the same id")]
    DuplicateSession,
    #[error("term \"{0}\" must end on or after the day it starts")]
    TermBackwards(String),
    #[error("terms \"{0}\" and \"{1}\" overlap")]
    TermsOverlap(String, String),
    #[error("{0} is listed as a closure twice")]
    DuplicateClosure(Day),
    #[error("a room's capacity must be between 1 and {MAX_CAPACITY}")]
    Capacity,
    #[error("notice must be at most {MAX_NOTICE_DAYS} days")]
    Notice,
    #[error("a term-time-only setting needs its terms")]
    NoTerms,
    #[error("{0}")]
    Extras(#[from] crate::invoicing::ExtraError),
}

impl Setup {
    /// Checks the setup and returns it with terms and closures in date order.
    pub fn checked(mut self) -> Result<Setup, SetupError> {
        if self.sessions.len() > MAX_SESSION_TYPES || self.terms.len() > MAX_TERMS || self.closures.len() > MAX_CLOSURES {
            return Err(SetupError::TooMany);
        }
        let mut ids = BTreeSet::new();
        for s in &self.sessions {
            if s.ends <= s.starts {
                return Err(SetupError::EndsBeforeStart(s.name.to_string()));
            }
            if s.price.pence() > MAX_PRICE_PENCE {
                return Err(SetupError::PriceTooHigh(s.name.to_string()));
            }
            if !ids.insert(s.session_type_id.clone()) {
                return Err(SetupError::DuplicateSession);
            }
        }
        self.terms.sort_by_key(|t| t.starts);
        for t in &self.terms {
            if t.ends < t.starts {
                return Err(SetupError::TermBackwards(t.name.to_string()));
            }
        }
        for pair in self.terms.windows(2) {
            if pair[1].starts <= pair[0].ends {
                return Err(SetupError::TermsOverlap(pair[0].name.to_string(), pair[1].name.to_string()));
            }
        }
        self.closures.sort_by_key(|c| c.date);
        for pair in self.closures.windows(2) {
            if pair[0].date == pair[1].date {
                return Err(SetupError::DuplicateClosure(pair[0].date));
            }
        }
        if self.capacities.values().any(|c| *c == 0 || *c > MAX_CAPACITY) {
            return Err(SetupError::Capacity);
        }
        if self.notice_days > MAX_NOTICE_DAYS {
            return Err(SetupError::Notice);
        }
        if self.term_time_only && self.terms.is_empty() {
            return Err(SetupError::NoTerms);
        }
        crate::invoicing::check_extras(&self.extras)?;
        Ok(self)
    }

    pub fn session(&self, id: &str) -> Option<&SessionType> {
        self.sessions.iter().find(|s| s.session_type_id == id)
    }

    pub fn term_of(&self, day: Day) -> Option<&Term> {
        self.terms.iter().find(|t| t.starts <= day && day <= t.ends)
    }

    /// Whether children come on `day`, and if not, why not.
    pub fn opening(&self, day: Day) -> Opening {
        if matches!(day.weekday(), Weekday::Saturday | Weekday::Sunday) {
            return Opening::Weekend;
        }
        if let Some(c) = self.closures.iter().find(|c| c.date == day) {
            return Opening::Closed(c.reason.to_string());
        }
        if self.term_time_only && self.term_of(day).is_none() {
            return Opening::OutOfTerm;
        }
        Opening::Open
    }
}

/// Whether the setting is open on a day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case", tag = "state", content = "reason")]
pub enum Opening {
    Open,
    Weekend,
    /// A closure day, with its reason.
    Closed(String),
    /// A term-time-only setting between terms.
    OutOfTerm,
}

/// The sessions of each weekday (a setting opens Monday to Friday).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Week {
    #[serde(default)]
    #[schema(value_type = Vec<String>)]
    pub monday: Vec<crate::SessionTypeId>,
    #[serde(default)]
    #[schema(value_type = Vec<String>)]
    pub tuesday: Vec<crate::SessionTypeId>,
    #[serde(default)]
    #[schema(value_type = Vec<String>)]
    pub wednesday: Vec<crate::SessionTypeId>,
    #[serde(default)]
    #[schema(value_type = Vec<String>)]
    pub thursday: Vec<crate::SessionTypeId>,
    #[serde(default)]
    #[schema(value_type = Vec<String>)]
    pub friday: Vec<crate::SessionTypeId>,
}

impl Week {
    pub fn on(&self, day: Weekday) -> &[crate::SessionTypeId] {
        match day {
            Weekday::Monday => &self.monday,
            Weekday::Tuesday => &self.tuesday,
            Weekday::Wednesday => &self.wednesday,
            Weekday::Thursday => &self.thursday,
            Weekday::Friday => &self.friday,
            Weekday::Saturday | Weekday::Sunday => &[],
        }
    }
    pub fn days(&self) -> [&[crate::SessionTypeId]; 5] {
        [&self.monday, &self.tuesday, &self.wednesday, &self.thursday, &self.friday]
    }
}

/// A child's regular week from a start date, until the next pattern starts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Pattern {
    #[schema(value_type = String, format = Date)]
    pub starts: Day,
    pub week: Week,
}

/// Why a pattern cannot be set.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PatternError {
    #[error("a pattern starts today or later: days already gone keep the pattern they had")]
    InThePast,
    #[error("the setting offers no session \"{0}\"")]
    UnknownSession(String),
    #[error("session \"{0}\" is not offered in the child's room")]
    NotOfferedInRoom(String),
    #[error("two sessions on {0} overlap")]
    Overlapping(String),
}

/// The child's patterns with `new` in force from its start: any pattern starting on or after
/// that day is replaced, earlier ones keep the days before it. Only the latest
/// [`MAX_PATTERNS`] are kept (the oldest has long been superseded).
pub fn with_pattern(setup: &Setup, room: &RoomId, patterns: &[Pattern], new: Pattern, today: Day) -> Result<Vec<Pattern>, PatternError> {
    if new.starts < today {
        return Err(PatternError::InThePast);
    }
    for (name, ids) in ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"].iter().zip(new.week.days()) {
        let mut sessions: Vec<&SessionType> = Vec::new();
        for id in ids {
            let s = setup.session(id.as_str()).ok_or_else(|| PatternError::UnknownSession(id.to_string()))?;
            if !s.offered_in(room) {
                return Err(PatternError::NotOfferedInRoom(s.name.to_string()));
            }
            if sessions.iter().any(|other| other.overlaps(s)) {
                return Err(PatternError::Overlapping((*name).to_string()));
            }
            sessions.push(s);
        }
    }
    let mut kept: Vec<Pattern> = patterns.iter().filter(|p| p.starts < new.starts).cloned().collect();
    kept.push(new);
    kept.sort_by_key(|p| p.starts);
    let drop = kept.len().saturating_sub(MAX_PATTERNS);
    Ok(kept.split_off(drop))
}

/// The pattern in force on `day`: the latest to start on or before it.
pub fn pattern_on(patterns: &[Pattern], day: Day) -> Option<&Pattern> {
    patterns.iter().filter(|p| p.starts <= day).max_by_key(|p| p.starts)
}

/// An extra session, or a regular one not wanted that day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ChangeKind {
    Extra,
    Cancel,
}

/// Where a requested change stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ChangeStatus {
    /// In force: the register and the invoice follow it.
    Booked,
    /// Waiting for a manager.
    Pending,
    Declined,
}

/// One change to a child's day, as the bookings of that day hold it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayChange<'a> {
    pub kind: ChangeKind,
    pub session_type_id: &'a str,
    pub status: ChangeStatus,
}

/// Why a session is booked for the child on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Source {
    Pattern,
    Extra,
}

/// The sessions a child is booked into on `day`: their pattern's, changed by each booked
/// change in the order it was made (a cancelled regular session booked again is an extra
/// after the cancellation); nothing on a day the setting is not open. In the sessions' order.
pub fn booked_on<'a>(setup: &'a Setup, patterns: &[Pattern], changes: &[DayChange<'_>], day: Day) -> Vec<(&'a SessionType, Source)> {
    if setup.opening(day) != Opening::Open {
        return Vec::new();
    }
    let regular: BTreeSet<&str> =
        pattern_on(patterns, day).map(|p| p.week.on(day.weekday()).iter().map(|s| s.as_str()).collect()).unwrap_or_default();
    setup
        .sessions
        .iter()
        .filter_map(|s| {
            let id = s.session_type_id.as_str();
            let last = changes.iter().rfind(|c| c.status == ChangeStatus::Booked && c.session_type_id == id);
            let source = if regular.contains(id) { Source::Pattern } else { Source::Extra };
            match last.map(|c| c.kind) {
                None => regular.contains(id).then_some((s, Source::Pattern)),
                Some(ChangeKind::Extra) => Some((s, source)),
                Some(ChangeKind::Cancel) => None,
            }
        })
        .collect()
}

/// Children of a room booked at any minute of `session` on the day: each child once, however
/// many of their sessions overlap it.
pub fn occupancy<'a>(session: &SessionType, children_sessions: impl IntoIterator<Item = &'a [(&'a SessionType, Source)]>) -> u32 {
    children_sessions.into_iter().filter(|booked| booked.iter().any(|(s, _)| s.overlaps(session))).count() as u32
}

/// What becomes of a family's request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Outcome {
    /// Booked at once.
    Booked,
    /// Asked with less notice than the setting needs: a manager decides.
    ShortNotice,
    /// The room is full at that time: a manager decides.
    Full,
    /// The room has no capacity recorded: a manager decides.
    NoCapacity,
}

impl Outcome {
    pub fn status(self) -> ChangeStatus {
        if self == Outcome::Booked {
            ChangeStatus::Booked
        } else {
            ChangeStatus::Pending
        }
    }
}

/// Why a request cannot be made at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RequestRefusal {
    #[error("that day has gone")]
    InThePast,
    #[error("bookings open at most a year ahead")]
    TooFarAhead,
    #[error("the setting is not open that day")]
    NotOpen,
    #[error("the setting offers no such session")]
    UnknownSession,
    #[error("that session is not offered in the child's room")]
    NotOfferedInRoom,
    #[error("the child is already booked into a session at that time")]
    AlreadyBooked,
    #[error("the child is not booked into that session that day")]
    NotBooked,
}

/// A request about one session of one day, with what the day already holds.
pub struct Request<'a> {
    pub kind: ChangeKind,
    pub session: &'a SessionType,
    pub day: Day,
    pub room: &'a RoomId,
    /// The child's sessions booked that day.
    pub booked: &'a [(&'a SessionType, Source)],
    /// Children of the room booked at that time (the child included, if already booked).
    pub occupancy: u32,
}

/// Decides a family's request: refused outright when it makes no sense, booked at once when
/// it is asked with the setting's notice and (for an extra) the room has space at that time,
/// otherwise left for a manager. A cancellation never needs space.
pub fn decide(setup: &Setup, today: Day, request: &Request<'_>) -> Result<Outcome, RequestRefusal> {
    if request.day < today {
        return Err(RequestRefusal::InThePast);
    }
    if request.day > today.plus_days(MAX_DAYS_AHEAD) {
        return Err(RequestRefusal::TooFarAhead);
    }
    if setup.opening(request.day) != Opening::Open {
        return Err(RequestRefusal::NotOpen);
    }
    let id = request.session.session_type_id.as_str();
    if setup.session(id).is_none() {
        return Err(RequestRefusal::UnknownSession);
    }
    let is_booked = request.booked.iter().any(|(s, _)| s.session_type_id == id);
    let short_notice = request.day < today.plus_days(i64::from(setup.notice_days));
    match request.kind {
        ChangeKind::Cancel => {
            if !is_booked {
                return Err(RequestRefusal::NotBooked);
            }
            Ok(if short_notice { Outcome::ShortNotice } else { Outcome::Booked })
        }
        ChangeKind::Extra => {
            if !request.session.offered_in(request.room) {
                return Err(RequestRefusal::NotOfferedInRoom);
            }
            if request.booked.iter().any(|(s, _)| s.overlaps(request.session)) {
                return Err(RequestRefusal::AlreadyBooked);
            }
            if short_notice {
                return Ok(Outcome::ShortNotice);
            }
            match setup.capacities.get(request.room) {
                None => Ok(Outcome::NoCapacity),
                Some(capacity) if request.occupancy >= *capacity => Ok(Outcome::Full),
                Some(_) => Ok(Outcome::Booked),
            }
        }
    }
}

#[cfg(test)]
#[path = "bookings_tests.rs"]
mod tests;

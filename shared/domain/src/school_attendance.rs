//! Attendance in schools: a register taken at the start of the morning session and once in the
//! afternoon, each pupil marked with one of the national codes of the School Attendance (Pupil
//! Registration) (England) Regulations 2024 (regulation 10 and its tables), as the DfE's
//! "Working together to improve school attendance" (August 2024) explains them. The codes and
//! their meanings are data here, so the register, the parents' view and the statistics read one
//! list. Pure: no storage.

use crate::ValueError;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The two sessions of a school day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum SchoolSession {
    Am,
    Pm,
}

/// What a code says about the session, as the statistics count it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum CodeCategory {
    /// Present at the school (regulation 10, table 1).
    Present,
    /// Attending a place other than the school for an approved activity: counts as attending
    /// (table 2).
    ApprovedActivity,
    /// Absent with the school's leave (table 3).
    LeaveOfAbsence,
    /// Absent for another reason the regulations authorise (table 3).
    AuthorisedAbsence,
    /// Unable to attend because of an unavoidable cause: not a possible session (table 4).
    UnavoidableCause,
    /// Absent without authority (table 5).
    UnauthorisedAbsence,
    /// Not a session the pupil could attend: not counted.
    Administrative,
}

impl CodeCategory {
    /// Whether the session counts as attended.
    pub fn attended(self) -> bool {
        matches!(self, CodeCategory::Present | CodeCategory::ApprovedActivity)
    }
    /// Whether an absence was authorised (None: not an absence).
    pub fn authorised(self) -> Option<bool> {
        match self {
            CodeCategory::LeaveOfAbsence | CodeCategory::AuthorisedAbsence => Some(true),
            CodeCategory::UnauthorisedAbsence => Some(false),
            _ => None,
        }
    }
}

/// One national code: what is entered in the register, what it means, how it counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CodeMeaning {
    pub code: &'static str,
    pub meaning: &'static str,
    pub category: CodeCategory,
}

macro_rules! codes {
    ($($code:literal => $category:ident, $meaning:literal;)+) => {
        /// Every code in force since 19 August 2024, in the order of the regulations' tables.
        pub const CODES: &[CodeMeaning] = &[$(CodeMeaning { code: $code, meaning: $meaning, category: CodeCategory::$category },)+];
    };
}

codes! {
    "/" => Present, "Present in the morning session when the register was taken";
    "\\" => Present, "Present in the afternoon session when the register was taken";
    "L" => Present, "Late: arrived after the register began but before it closed";
    "K" => ApprovedActivity, "Attending education provision arranged by the local authority";
    "V" => ApprovedActivity, "On an educational visit or trip supervised by school staff";
    "P" => ApprovedActivity, "Taking part in an approved sporting activity";
    "W" => ApprovedActivity, "On approved work experience";
    "B" => ApprovedActivity, "Attending another approved educational activity";
    "D" => Administrative, "Dual registered: attending the other school where they are registered";
    "C1" => LeaveOfAbsence, "Leave to take part in a regulated performance or regulated employment abroad";
    "M" => LeaveOfAbsence, "Leave to attend a medical or dental appointment";
    "J1" => LeaveOfAbsence, "Leave to attend an interview for employment or a place at another educational institution";
    "S" => LeaveOfAbsence, "Leave for study (a pupil in year 11 or above)";
    "X" => Administrative, "Not of compulsory school age and not required to attend";
    "C2" => LeaveOfAbsence, "Leave as part of a temporary reduced timetable";
    "C" => LeaveOfAbsence, "Leave for exceptional circumstances";
    "T" => AuthorisedAbsence, "Parent travelling for occupational purposes";
    "R" => AuthorisedAbsence, "Religious observance";
    "I" => AuthorisedAbsence, "Illness";
    "E" => AuthorisedAbsence, "Suspended or permanently excluded, with no alternative provision made";
    "Q" => UnavoidableCause, "Unable to attend: lack of the access arrangements the local authority should provide";
    "Y1" => UnavoidableCause, "Unable to attend: transport normally provided is not available";
    "Y2" => UnavoidableCause, "Unable to attend: widespread disruption to travel";
    "Y3" => UnavoidableCause, "Unable to attend: part of the school premises closed";
    "Y4" => UnavoidableCause, "Unable to attend: the whole school site unexpectedly closed";
    "Y5" => UnavoidableCause, "Unable to attend: in criminal justice detention";
    "Y6" => UnavoidableCause, "Unable to attend: public health guidance or law";
    "Y7" => UnavoidableCause, "Unable to attend: any other unavoidable cause";
    "G" => UnauthorisedAbsence, "Holiday not granted by the school";
    "N" => UnauthorisedAbsence, "Reason for absence not yet established";
    "O" => UnauthorisedAbsence, "Absent in other or unknown circumstances";
    "U" => UnauthorisedAbsence, "Arrived in school after the register closed";
    "Z" => Administrative, "Prospective pupil not yet on the admission register";
    "#" => Administrative, "Planned whole school closure";
}

/// A code as entered in the register (only the national codes in force).
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct AttendanceCode(&'static CodeMeaning);

impl AttendanceCode {
    pub fn parse(raw: &str) -> Result<AttendanceCode, ValueError> {
        CODES
            .iter()
            .find(|c| c.code == raw.trim())
            .map(AttendanceCode)
            .ok_or(ValueError::Invalid { field: "code", what: "national attendance code in force" })
    }
    pub fn code(self) -> &'static str {
        self.0.code
    }
    pub fn meaning(self) -> &'static str {
        self.0.meaning
    }
    pub fn category(self) -> CodeCategory {
        self.0.category
    }
    /// Whether the session counts among the pupil's possible sessions: not when they could
    /// not attend through no fault of theirs, were not required to, or the school was closed.
    pub fn possible(self) -> bool {
        !matches!(self.0.category, CodeCategory::UnavoidableCause | CodeCategory::Administrative) && self.0.code != "X"
    }
    /// Whether the code may be entered for `session` (the present codes name their session).
    pub fn fits(self, session: SchoolSession) -> bool {
        match self.0.code {
            "/" => session == SchoolSession::Am,
            "\\" => session == SchoolSession::Pm,
            _ => true,
        }
    }
}

impl fmt::Debug for AttendanceCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "AttendanceCode({})", self.0.code)
    }
}

impl Serialize for AttendanceCode {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.0.code)
    }
}

impl<'de> Deserialize<'de> for AttendanceCode {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw = String::deserialize(d)?;
        AttendanceCode::parse(&raw).map_err(serde::de::Error::custom)
    }
}

/// A pupil's sessions summed for a period, as the statistics count them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct SessionTotals {
    pub possible: u32,
    pub attended: u32,
    pub authorised_absences: u32,
    pub unauthorised_absences: u32,
}

impl SessionTotals {
    pub fn counting(mut self, code: AttendanceCode) -> SessionTotals {
        if !code.possible() {
            return self;
        }
        let category = code.category();
        self.possible += 1;
        if category.attended() {
            self.attended += 1;
        }
        match category.authorised() {
            Some(true) => self.authorised_absences += 1,
            Some(false) => self.unauthorised_absences += 1,
            None => {}
        }
        self
    }
    /// Two sums added (a group's from its pupils').
    pub fn plus(self, other: SessionTotals) -> SessionTotals {
        SessionTotals {
            possible: self.possible + other.possible,
            attended: self.attended + other.attended,
            authorised_absences: self.authorised_absences + other.authorised_absences,
            unauthorised_absences: self.unauthorised_absences + other.unauthorised_absences,
        }
    }
    /// Attendance in tenths of a percent of possible sessions (None when there were none).
    pub fn per_mille(self) -> Option<u32> {
        (self.possible > 0).then(|| self.attended * 1000 / self.possible)
    }
}

/// The day the 2024 codes came into force: no earlier register is kept here.
pub const CODES_IN_FORCE_FROM: time::Date = time::macros::date!(2024 - 08 - 19);

/// A day a register may be taken or amended for: not before the codes came into force, not
/// after today (the setting's) — a register records what happened.
pub fn check_register_day(day: time::Date, today: time::Date) -> Result<time::Date, ValueError> {
    if day < CODES_IN_FORCE_FROM || day > today {
        return Err(ValueError::Invalid { field: "date", what: "day from 19 August 2024 to today" });
    }
    Ok(day)
}

/// What entering a code does to a pupil's session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarkChange {
    /// The session had no mark yet.
    First,
    /// The same code again (a retried request): nothing changes.
    Same,
    /// A different code over an earlier one: an amendment, which the regulations keep with
    /// the original entry, the reason, when and by whom.
    Amend,
}

/// The entries one session's mark keeps (the first and its amendments): a bound on the item.
pub const MAX_MARK_ENTRIES: usize = 20;

/// Why an amendment was made: 1 to 200 characters on one line.
pub fn check_amendment_reason(raw: &str) -> Result<String, ValueError> {
    let reason = raw.trim();
    if reason.is_empty() || reason.chars().count() > 200 || reason.chars().any(char::is_control) {
        return Err(ValueError::Invalid { field: "reason", what: "reason for the amendment, 1 to 200 characters on one line" });
    }
    Ok(reason.to_string())
}

/// Entering `wanted` for `session` over `current`: a code must fit the session, and an
/// amendment must say why (a first mark needs no reason, and a reason without an amendment
/// is refused, so it is never mistaken for one).
pub fn change_to(
    current: Option<AttendanceCode>,
    wanted: AttendanceCode,
    session: SchoolSession,
    reason: Option<&str>,
) -> Result<(MarkChange, Option<String>), ValueError> {
    if !wanted.fits(session) {
        return Err(ValueError::Invalid { field: "code", what: "code for this session (/ in the morning, \\ in the afternoon)" });
    }
    match current {
        Some(code) if code == wanted => Ok((MarkChange::Same, None)),
        Some(_) => {
            let reason = check_amendment_reason(reason.unwrap_or_default())?;
            Ok((MarkChange::Amend, Some(reason)))
        }
        None if reason.is_some() => Err(ValueError::Invalid { field: "reason", what: "reason only when amending a mark" }),
        None => Ok((MarkChange::First, None)),
    }
}

#[cfg(test)]
#[path = "school_attendance_tests.rs"]
mod tests;

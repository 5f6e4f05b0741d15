//! How long a setting keeps each kind of record about a child, and what an erasure request may
//! delete. The defaults follow the guidance settings work to: accident and medicine records
//! until the child is 21 years and 3 months (the limitation period for a claim runs three years
//! from the age of 18); safeguarding records until the child is 25; the journal, attendance,
//! the care diary, messages and assessment three years after the child left; invoices seven
//! years. A setting may keep a kind longer, never shorter than the law's minimum. Nothing about
//! a child expires while the child still attends, and nothing under a manager's legal hold.

use crate::rights::add_months;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use time::Date;

/// The kinds of record a retention schedule covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum RetainedKind {
    /// Accident and incident records.
    Accidents,
    /// Parents' permissions for medicines and the doses given.
    Medicines,
    /// Safeguarding holds and their reasons.
    Safeguarding,
    /// Observations, comments, contributions from home, their photos and videos.
    Journal,
    /// The register: sign-ins, sign-outs, who collected, absences.
    Attendance,
    /// The daily diary: meals, naps, nappies, notes.
    CareDiary,
    /// Messages with the family about the child.
    Messages,
    /// Assessment terms and the progress check at two.
    Assessment,
    /// Invoices and payments, where the setting bills through Nestling.
    Finance,
}

impl RetainedKind {
    pub const ALL: [RetainedKind; 9] = [
        RetainedKind::Accidents,
        RetainedKind::Medicines,
        RetainedKind::Safeguarding,
        RetainedKind::Journal,
        RetainedKind::Attendance,
        RetainedKind::CareDiary,
        RetainedKind::Messages,
        RetainedKind::Assessment,
        RetainedKind::Finance,
    ];

    pub fn title(self) -> &'static str {
        match self {
            RetainedKind::Accidents => "Accident and incident records",
            RetainedKind::Medicines => "Medicine permissions and doses",
            RetainedKind::Safeguarding => "Safeguarding records",
            RetainedKind::Journal => "The learning journal, with its photos and videos",
            RetainedKind::Attendance => "Attendance registers",
            RetainedKind::CareDiary => "The daily care diary",
            RetainedKind::Messages => "Messages with the family",
            RetainedKind::Assessment => "Assessment and the progress check",
            RetainedKind::Finance => "Invoices and payments",
        }
    }

    /// Why the law requires the setting to keep this kind for its minimum, whatever an erasure
    /// request asks; None where only the setting's own schedule keeps it (erasable on request).
    pub fn legal_basis(self) -> Option<&'static str> {
        match self {
            RetainedKind::Accidents => Some(
                "Accident records are kept until the child is 21 years and 3 months: a claim for an injury to a child may be brought until three years after they turn 18 (Limitation Act 1980), and RIDDOR and the EYFS require the record.",
            ),
            RetainedKind::Medicines => Some(
                "Medicine records are kept until the child is 21 years and 3 months, as for accidents: the EYFS requires the record and a claim may be brought until three years after the child turns 18.",
            ),
            RetainedKind::Safeguarding => Some(
                "Safeguarding records are kept until the child is 25 (Keeping Children Safe in Education and local safeguarding partners' guidance).",
            ),
            RetainedKind::Attendance => {
                Some("The register of attendance is a statutory record (EYFS statutory framework 3.85) kept for three years after the child left.")
            }
            RetainedKind::Finance => Some("Financial records are kept for seven years (HMRC and the Companies Act 2006)."),
            RetainedKind::Journal | RetainedKind::CareDiary | RetainedKind::Messages | RetainedKind::Assessment => None,
        }
    }

    /// The guidance's period, which is also the shortest a setting may choose where the law
    /// requires it (`legal_basis`).
    pub fn default_period(self) -> KeptFor {
        match self {
            RetainedKind::Accidents | RetainedKind::Medicines => KeptFor::UntilAge { months: 21 * 12 + 3 },
            RetainedKind::Safeguarding => KeptFor::UntilAge { months: 25 * 12 },
            RetainedKind::Finance => KeptFor::AfterLeaving { months: 7 * 12 },
            RetainedKind::Journal
            | RetainedKind::Attendance
            | RetainedKind::CareDiary
            | RetainedKind::Messages
            | RetainedKind::Assessment => KeptFor::AfterLeaving { months: 3 * 12 },
        }
    }

    /// The shortest period a setting may choose.
    pub fn least_period(self) -> KeptFor {
        match self.legal_basis() {
            Some(_) => self.default_period(),
            None => KeptFor::AfterLeaving { months: 0 },
        }
    }
}

/// How long a kind is kept: until the child reaches an age, or for a time after they left.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", tag = "until")]
pub enum KeptFor {
    /// Until the child is this many months old.
    #[serde(rename = "age")]
    UntilAge { months: u16 },
    /// This many months after the child's leaving date.
    #[serde(rename = "after-leaving")]
    AfterLeaving { months: u16 },
}

/// The longest anything may be kept: 50 years.
pub const MOST_MONTHS: u16 = 50 * 12;

impl KeptFor {
    fn months(self) -> u16 {
        match self {
            KeptFor::UntilAge { months } | KeptFor::AfterLeaving { months } => months,
        }
    }

    /// The day a record of this kind expires for a child born on `born` who left on `left`:
    /// None while the child has not left. An age reached before leaving expires on the leaving day.
    pub fn expires_on(self, born: Date, left: Option<Date>) -> Option<Date> {
        let left = left?;
        Some(match self {
            KeptFor::UntilAge { months } => add_months(born, months.into()).max(left),
            KeptFor::AfterLeaving { months } => add_months(left, months.into()),
        })
    }
}

/// Why a schedule a setting chose cannot be kept.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScheduleError {
    #[error("{0}: the law requires keeping it at least as long as the guidance says")]
    ShorterThanTheLaw(&'static str),
    #[error("{0}: kept by the child's age in the guidance, so it must be by age here too")]
    WrongMeasure(&'static str),
    #[error("{0}: at most 50 years")]
    TooLong(&'static str),
}

/// A setting's retention schedule: the guidance's periods, and those the setting changed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Schedule {
    /// The kinds the setting keeps for a period of its own.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub changed: BTreeMap<RetainedKind, KeptFor>,
}

impl Schedule {
    /// Whether it is the guidance's schedule, changed nowhere.
    pub fn is_guidance(&self) -> bool {
        self.changed.is_empty()
    }

    pub fn period(&self, kind: RetainedKind) -> KeptFor {
        self.changed.get(&kind).copied().unwrap_or_else(|| kind.default_period())
    }

    /// The setting's choice for one kind, if it is lawful (the guidance's own period is kept as
    /// no change).
    pub fn with(mut self, kind: RetainedKind, period: KeptFor) -> Result<Schedule, ScheduleError> {
        let least = kind.least_period();
        if std::mem::discriminant(&least) != std::mem::discriminant(&period) && kind.legal_basis().is_some() {
            return Err(ScheduleError::WrongMeasure(kind.title()));
        }
        if period.months() > MOST_MONTHS {
            return Err(ScheduleError::TooLong(kind.title()));
        }
        if std::mem::discriminant(&least) == std::mem::discriminant(&period) && period.months() < least.months() {
            return Err(ScheduleError::ShorterThanTheLaw(kind.title()));
        }
        if period == kind.default_period() {
            self.changed.remove(&kind);
        } else {
            self.changed.insert(kind, period);
        }
        Ok(self)
    }

    /// The kinds of a child's records expired on `today` (none while the child attends).
    pub fn expired(&self, born: Date, left: Option<Date>, today: Date) -> Vec<RetainedKind> {
        RetainedKind::ALL.into_iter().filter(|k| self.period(*k).expires_on(born, left).is_some_and(|d| d <= today)).collect()
    }

    /// The next day something of the child's expires after `today`, if any is still to.
    pub fn next_expiry(&self, born: Date, left: Option<Date>, today: Date) -> Option<Date> {
        RetainedKind::ALL.into_iter().filter_map(|k| self.period(k).expires_on(born, left)).filter(|d| *d > today).min()
    }

    /// The first day a kind not yet `swept` is due to go (it may be past: the sweep is behind).
    pub fn next_due(&self, born: Date, left: Option<Date>, swept: &std::collections::BTreeSet<RetainedKind>) -> Option<Date> {
        RetainedKind::ALL.into_iter().filter(|k| !swept.contains(k)).filter_map(|k| self.period(k).expires_on(born, left)).min()
    }

    /// The day everything about the child has expired: the child's own record goes then.
    pub fn last_expiry(&self, born: Date, left: Option<Date>) -> Option<Date> {
        RetainedKind::ALL.into_iter().filter_map(|k| self.period(k).expires_on(born, left)).max()
    }
}

/// What an erasure request may delete of a child's records now, and what must be kept and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErasurePlan {
    pub erase: Vec<RetainedKind>,
    /// Each kind kept, with the law's reason and the day it will go.
    pub keep: Vec<(RetainedKind, &'static str, Option<Date>)>,
}

/// An erasure request's plan: every kind the law does not require now is erased (whatever
/// longer period the setting chose); the rest is kept until the law's day, with its reason.
pub fn erasure_plan(born: Date, left: Option<Date>, today: Date) -> ErasurePlan {
    let mut plan = ErasurePlan { erase: Vec::new(), keep: Vec::new() };
    for kind in RetainedKind::ALL {
        let until = kind.least_period().expires_on(born, left);
        match kind.legal_basis() {
            Some(why) if until.is_none_or(|d| d > today) => plan.keep.push((kind, why, until)),
            _ => plan.erase.push(kind),
        }
    }
    plan
}

#[cfg(test)]
mod tests;

//! A child's funded entitlements: each stream with how it is taken, its dates and, for the
//! working-parent streams, the eligibility code the family reconfirms with HMRC every three
//! months, and the grace period after a code lapses. Families and managers are reminded before a
//! code is due and before a grace period ends. Data and pure functions only.

use crate::billing::{Delivery, FundingStream};
use crate::bookings::Day;
use crate::ValueError;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Streams one child holds at once.
pub const MAX_CLAIMS: usize = 4;
/// Families and managers are told this many days before a code is due, and before a grace
/// period ends.
pub const REMIND_DAYS_BEFORE: i64 = 14;

/// A working-parent eligibility code from HMRC: 11 digits.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct EligibilityCode(String);

impl EligibilityCode {
    pub fn parse(raw: &str) -> Result<Self, ValueError> {
        let digits: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
        if digits.len() == 11 && digits.chars().all(|c| c.is_ascii_digit()) {
            Ok(EligibilityCode(digits))
        } else {
            Err(ValueError::Invalid { field: "code", what: "eligibility code (11 digits)" })
        }
    }
    /// The last four digits, all a reminder shows.
    pub fn last_four(&self) -> &str {
        &self.0[7..]
    }
}
impl TryFrom<String> for EligibilityCode {
    type Error = ValueError;
    fn try_from(raw: String) -> Result<Self, ValueError> {
        EligibilityCode::parse(&raw)
    }
}
impl From<EligibilityCode> for String {
    fn from(code: EligibilityCode) -> String {
        code.0
    }
}
impl fmt::Display for EligibilityCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// One funded entitlement of a child.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Claim {
    pub stream: FundingStream,
    pub delivery: Delivery,
    /// The working-parent eligibility code (those streams only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>)]
    pub code: Option<EligibilityCode>,
    #[schema(value_type = String, format = Date)]
    pub valid_from: Day,
    /// The last day it funds (the child starts school, say); open-ended when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>, format = Date)]
    pub valid_to: Option<Day>,
    /// The day the family must reconfirm the code by (those streams only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>, format = Date)]
    pub reconfirm_by: Option<Day>,
    /// The last funded day if the code is not reconfirmed (the local authority's checker says).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>, format = Date)]
    pub grace_until: Option<Day>,
}

/// Why a child's claims cannot be saved.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ClaimError {
    #[error("a child holds at most {MAX_CLAIMS} funded entitlements")]
    TooMany,
    #[error("each entitlement once")]
    Twice,
    #[error("a working-parent entitlement needs its eligibility code, the day it is to be reconfirmed by and the grace period's end")]
    CodeMissing,
    #[error("only the working-parent entitlements have an eligibility code")]
    CodeNotWanted,
    #[error("an entitlement ends on or after the day it starts")]
    EndsBeforeStart,
    #[error("the grace period ends on or after the day the code is to be reconfirmed by")]
    GraceBeforeReconfirm,
    #[error("a stretched entitlement is taken over 39 to 51 weeks")]
    StretchWeeks,
}

/// Checks a child's claims as a whole.
pub fn check_claims(claims: &[Claim]) -> Result<(), ClaimError> {
    if claims.len() > MAX_CLAIMS {
        return Err(ClaimError::TooMany);
    }
    for (i, c) in claims.iter().enumerate() {
        if claims[..i].iter().any(|o| o.stream == c.stream) {
            return Err(ClaimError::Twice);
        }
        if c.stream.needs_code() {
            let (Some(_), Some(by), Some(grace)) = (&c.code, c.reconfirm_by, c.grace_until) else { return Err(ClaimError::CodeMissing) };
            if grace < by {
                return Err(ClaimError::GraceBeforeReconfirm);
            }
        } else if c.code.is_some() || c.reconfirm_by.is_some() || c.grace_until.is_some() {
            return Err(ClaimError::CodeNotWanted);
        }
        if c.valid_to.is_some_and(|to| to < c.valid_from) {
            return Err(ClaimError::EndsBeforeStart);
        }
        if let Delivery::Stretched { weeks } = c.delivery {
            if !(39..=51).contains(&weeks) {
                return Err(ClaimError::StretchWeeks);
            }
        }
    }
    Ok(())
}

/// Where a claim stands on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ClaimStatus {
    NotStarted,
    Active,
    /// The code was not reconfirmed in time: funded until the grace period ends.
    Grace,
    /// The code lapsed and the grace period is over: no longer funded.
    Lapsed,
    /// Past its last day.
    Ended,
}

impl Claim {
    pub fn status(&self, day: Day) -> ClaimStatus {
        if day < self.valid_from {
            return ClaimStatus::NotStarted;
        }
        if self.valid_to.is_some_and(|to| day > to) {
            return ClaimStatus::Ended;
        }
        match (self.reconfirm_by, self.grace_until) {
            (Some(by), _) if day <= by => ClaimStatus::Active,
            (Some(_), Some(grace)) if day <= grace => ClaimStatus::Grace,
            (Some(_), _) => ClaimStatus::Lapsed,
            (None, _) => ClaimStatus::Active,
        }
    }
    /// Whether the claim funds hours on `day`.
    pub fn funds(&self, day: Day) -> bool {
        matches!(self.status(day), ClaimStatus::Active | ClaimStatus::Grace)
    }
}

/// What a family and the managers are told about a code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Reminder {
    /// A fortnight before the code is due to be reconfirmed.
    ReconfirmSoon,
    /// The day after it was due, not reconfirmed: the grace period has begun.
    GraceBegun,
    /// A fortnight before the grace period ends.
    GraceEndingSoon,
}

/// One reminder due on a day, about one claim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Due {
    pub day: Day,
    pub stream: FundingStream,
    pub reminder: Reminder,
}

/// Every reminder of the claims, in date order. A code reconfirmed (its date moved on by the
/// manager) has reminders for its new date instead.
pub fn reminders(claims: &[Claim]) -> Vec<Due> {
    let mut due = Vec::new();
    for c in claims.iter().filter(|c| c.code.is_some()) {
        let (Some(by), Some(grace)) = (c.reconfirm_by, c.grace_until) else { continue };
        let ends = c.valid_to;
        let mut push = |day: Day, reminder| {
            if ends.is_none_or(|to| day <= to) && day >= c.valid_from {
                due.push(Due { day, stream: c.stream, reminder });
            }
        };
        push(by.plus_days(-REMIND_DAYS_BEFORE), Reminder::ReconfirmSoon);
        push(by.plus_days(1), Reminder::GraceBegun);
        if grace > by {
            push(grace.plus_days(-REMIND_DAYS_BEFORE).max(by.plus_days(2)), Reminder::GraceEndingSoon);
        }
    }
    due.sort_by_key(|d| (d.day, d.stream));
    due
}

/// The reminders due after `since` (exclusive) up to `today` (inclusive), and the next day one
/// falls due after today.
pub fn due_between(claims: &[Claim], since: Option<Day>, today: Day) -> (Vec<Due>, Option<Day>) {
    let all = reminders(claims);
    let now = all.iter().filter(|d| since.is_none_or(|s| d.day > s) && d.day <= today).cloned().collect();
    let next = all.iter().map(|d| d.day).find(|d| *d > today);
    (now, next)
}

#[cfg(test)]
#[path = "funding_tests.rs"]
mod tests;

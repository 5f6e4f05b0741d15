//! Achievement and behaviour points in a school: given by staff for small things (good
//! homework, forgetting equipment) with a category from the school's list, a short reason, the
//! lesson it happened in (subject and teaching group) or "outside a lesson", and a few points.
//! Parents see them after the publishing delay, are asked to talk to their child first, and are
//! told who to contact: the subject teacher for a lesson, the year group's Learning Manager
//! otherwise. Pure: the rules and the sums.

use crate::ValueError;
use serde::{Deserialize, Serialize};

/// The most points one award carries (either kind).
pub const MAX_POINTS: u8 = 5;
/// Categories a school may list for each kind.
pub const MAX_CATEGORIES: usize = 30;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum PointKind {
    Achievement,
    Behaviour,
}

/// Where it happened, which decides who a parent contacts first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", tag = "where")]
pub enum PointPlace {
    /// In a lesson: the subject and the teaching group (whose teacher is the first contact).
    Lesson { subject: String, teaching_group_id: String },
    /// Outside a lesson (a corridor, the lunch hall): the Learning Manager is.
    OutsideLesson,
}

/// Who a parent contacts first about a point (after asking their child).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum FirstContact {
    SubjectTeacher,
    LearningManager,
}

pub fn first_contact(place: &PointPlace) -> FirstContact {
    match place {
        PointPlace::Lesson { .. } => FirstContact::SubjectTeacher,
        PointPlace::OutsideLesson => FirstContact::LearningManager,
    }
}

/// An award's points: 1 to 5.
pub fn check_points(points: u8) -> Result<u8, ValueError> {
    if (1..=MAX_POINTS).contains(&points) {
        Ok(points)
    } else {
        Err(ValueError::Invalid { field: "points", what: "number of points from 1 to 5" })
    }
}

/// The short reason a parent reads: 1 to 200 characters, one line.
pub fn check_reason(raw: &str) -> Result<String, ValueError> {
    let reason = raw.trim();
    if reason.is_empty() || reason.chars().count() > 200 || reason.chars().any(char::is_control) {
        return Err(ValueError::Invalid { field: "reason", what: "reason of 1 to 200 characters on one line" });
    }
    Ok(reason.to_string())
}

/// A category's name in the school's list ("Good homework", "Forgot equipment").
pub fn check_category(raw: &str) -> Result<String, ValueError> {
    let name = raw.trim();
    if name.is_empty() || name.chars().count() > 40 || name.chars().any(char::is_control) {
        return Err(ValueError::Invalid { field: "category", what: "category of 1 to 40 characters" });
    }
    Ok(name.to_string())
}

/// A pupil's points summed (a term's, or a class's for staff).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct PointTotals {
    pub achievement: u32,
    pub behaviour: u32,
}

impl PointTotals {
    pub fn counting(mut self, kind: PointKind, points: u8) -> PointTotals {
        match kind {
            PointKind::Achievement => self.achievement += u32::from(points),
            PointKind::Behaviour => self.behaviour += u32::from(points),
        }
        self
    }
    /// Two sums added (a group's from its pupils').
    pub fn plus(self, other: PointTotals) -> PointTotals {
        PointTotals { achievement: self.achievement + other.achievement, behaviour: self.behaviour + other.behaviour }
    }
}

#[cfg(test)]
#[path = "school_points_tests.rs"]
mod tests;

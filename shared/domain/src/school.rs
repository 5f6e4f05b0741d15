//! A setting that is a school: year groups, each with its Learning Manager and its tutor groups
//! (each with a tutor), and teaching groups per subject with their teacher; the categories of
//! achievement and behaviour points the school gives. Pure: the shape and its checks (the use
//! case keeps it as one record).

use crate::{UserId, ValueError};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// What kind of setting: a nursery (rooms, key persons, EYFS ratios) or a school.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum SettingKind {
    #[default]
    Nursery,
    School,
}

pub const MAX_YEAR_GROUPS: usize = 16;
pub const MAX_TUTOR_GROUPS: usize = 20;
pub const MAX_TEACHING_GROUPS: usize = 400;
pub const MAX_PUPILS_IN_A_TUTOR_GROUP: usize = 40;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TutorGroup {
    pub tutor_group_id: String,
    /// "9JB".
    pub name: String,
    #[schema(value_type = String)]
    pub tutor_id: UserId,
    /// The group's pupils (at most 40).
    #[serde(default)]
    #[schema(value_type = Vec<String>)]
    pub pupils: Vec<crate::ChildId>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct YearGroup {
    pub year_group_id: String,
    /// "Year 9".
    pub name: String,
    /// The first contact for points given outside a lesson.
    #[schema(value_type = String)]
    pub learning_manager_id: UserId,
    pub tutor_groups: Vec<TutorGroup>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TeachingGroup {
    pub teaching_group_id: String,
    /// "Maths".
    pub subject: String,
    /// "9x1".
    pub name: String,
    /// The first contact for points given in its lessons.
    #[schema(value_type = String)]
    pub teacher_id: UserId,
    pub year_group_id: String,
}

/// The categories of points the school gives, per kind.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PointCategories {
    pub achievement: Vec<String>,
    pub behaviour: Vec<String>,
}

/// The school's structure as a manager sets it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SchoolStructure {
    pub year_groups: Vec<YearGroup>,
    pub teaching_groups: Vec<TeachingGroup>,
    pub point_categories: PointCategories,
    /// The school has early years (nursery or reception classes) following the EYFS: its
    /// ratios, learning journal and assessment apply. Off: they do not.
    #[serde(default)]
    pub early_years: bool,
}

fn short(field: &'static str, raw: &str, max: usize) -> Result<(), ValueError> {
    let t = raw.trim();
    if t.is_empty() || t.chars().count() > max || t.chars().any(char::is_control) || t != raw {
        return Err(ValueError::Invalid { field, what: "short name, trimmed" });
    }
    Ok(())
}

fn plain_id(field: &'static str, raw: &str) -> Result<(), ValueError> {
    if raw.is_empty() || raw.len() > 40 || !raw.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
        return Err(ValueError::Invalid { field, what: "id of letters, digits and dashes" });
    }
    Ok(())
}

impl SchoolStructure {
    /// Checks the shape: bounded, every id unique, every name short, every person one of
    /// `staff` (the school's active staff), every teaching group in a year group.
    pub fn check(&self, staff: &BTreeSet<UserId>, pupils: &BTreeSet<crate::ChildId>) -> Result<(), ValueError> {
        let mut placed = BTreeSet::new();
        if self.year_groups.len() > MAX_YEAR_GROUPS || self.teaching_groups.len() > MAX_TEACHING_GROUPS {
            return Err(ValueError::Invalid { field: "yearGroups", what: "school of at most 16 year groups and 400 teaching groups" });
        }
        let mut ids = BTreeSet::new();
        let staff_member = |field: &'static str, id: &UserId| {
            if staff.contains(id) {
                Ok(())
            } else {
                Err(ValueError::Invalid { field, what: "member of the school's staff" })
            }
        };
        for year in &self.year_groups {
            plain_id("yearGroupId", &year.year_group_id)?;
            short("name", &year.name, 40)?;
            staff_member("learningManagerId", &year.learning_manager_id)?;
            if !ids.insert(year.year_group_id.clone()) || year.tutor_groups.len() > MAX_TUTOR_GROUPS {
                return Err(ValueError::Invalid { field: "yearGroupId", what: "unique id with at most 20 tutor groups" });
            }
            for tutor_group in &year.tutor_groups {
                plain_id("tutorGroupId", &tutor_group.tutor_group_id)?;
                short("name", &tutor_group.name, 20)?;
                staff_member("tutorId", &tutor_group.tutor_id)?;
                if !ids.insert(tutor_group.tutor_group_id.clone()) {
                    return Err(ValueError::Invalid { field: "tutorGroupId", what: "id used once" });
                }
                if tutor_group.pupils.len() > MAX_PUPILS_IN_A_TUTOR_GROUP {
                    return Err(ValueError::Invalid { field: "pupils", what: "tutor group of at most 40 pupils" });
                }
                for pupil in &tutor_group.pupils {
                    if !pupils.contains(pupil) || !placed.insert(pupil.clone()) {
                        return Err(ValueError::Invalid { field: "pupils", what: "pupil of the school, in one tutor group" });
                    }
                }
            }
        }
        let years: BTreeSet<&str> = self.year_groups.iter().map(|y| y.year_group_id.as_str()).collect();
        for group in &self.teaching_groups {
            plain_id("teachingGroupId", &group.teaching_group_id)?;
            short("subject", &group.subject, 40)?;
            short("name", &group.name, 20)?;
            staff_member("teacherId", &group.teacher_id)?;
            if !ids.insert(group.teaching_group_id.clone()) || !years.contains(group.year_group_id.as_str()) {
                return Err(ValueError::Invalid { field: "teachingGroupId", what: "id used once, in one of the year groups" });
            }
        }
        for (field, list) in [("achievement", &self.point_categories.achievement), ("behaviour", &self.point_categories.behaviour)] {
            if list.len() > crate::school_points::MAX_CATEGORIES || list.iter().collect::<BTreeSet<_>>().len() != list.len() {
                return Err(ValueError::Invalid { field, what: "list of at most 30 different categories" });
            }
            for name in list {
                crate::school_points::check_category(name)?;
                short(field, name, 40)?;
            }
        }
        Ok(())
    }
    /// The tutor group a pupil is in, and its year group.
    pub fn place_of(&self, pupil: &crate::ChildId) -> Option<(&YearGroup, &TutorGroup)> {
        self.year_groups.iter().find_map(|y| y.tutor_groups.iter().find(|t| t.pupils.contains(pupil)).map(|t| (y, t)))
    }
    /// The year group a tutor group belongs to.
    pub fn year_of_tutor_group(&self, tutor_group_id: &str) -> Option<&YearGroup> {
        self.year_groups.iter().find(|y| y.tutor_groups.iter().any(|t| t.tutor_group_id == tutor_group_id))
    }
    pub fn teaching_group(&self, teaching_group_id: &str) -> Option<&TeachingGroup> {
        self.teaching_groups.iter().find(|g| g.teaching_group_id == teaching_group_id)
    }
}

/// The academic year's first day (1 September) on or before `day`.
pub fn academic_year_start(day: time::Date) -> time::Date {
    let year = if day.month() >= time::Month::September { day.year() } else { day.year() - 1 };
    time::Date::from_calendar_date(year, time::Month::September, 1).unwrap_or(day)
}

/// Sums dated things term by term, the terms ("2026-autumn") in date order (`add` folds one
/// into a total).
pub fn by_term<X, T: Default + Copy>(dated: impl IntoIterator<Item = (time::Date, X)>, add: impl Fn(T, X) -> T) -> Vec<(String, T)> {
    let mut terms: std::collections::BTreeMap<crate::eyfs::Term, T> = std::collections::BTreeMap::new();
    for (day, thing) in dated {
        let total = terms.entry(crate::eyfs::Term::of(day)).or_default();
        *total = add(*total, thing);
    }
    terms.into_iter().map(|(term, totals)| (term.key(), totals)).collect()
}

#[cfg(test)]
#[path = "school_tests.rs"]
mod tests;

//! A school for the use cases' tests: Bluebell made a school, with Year 9 (Ada in 9JB) and
//! Maths 9x1.

use crate::*;
use nestling_domain::school::{PointCategories, SchoolStructure, SettingKind, TeachingGroup, TutorGroup, YearGroup};
use nestling_domain::{AgeBand, Role};
use nestling_platform::records::{SchoolRecord, SettingRecord};
use nestling_platform::testing::{Person, World};

pub struct School {
    pub w: World,
    pub teacher: Person,
    pub learning_manager: Person,
    pub ada: ChildId,
    pub ben: ChildId,
}

/// Bluebell made a school: Year 9 with Ada in 9JB, and Maths 9x1.
pub fn school() -> School {
    let w = World::new();
    let mut setting: SettingRecord = w.get(&SettingRecord::key(&w.setting_id)).unwrap();
    setting.setting_kind = SettingKind::School;
    w.table.insert(to_item(&setting));
    let teacher = w.member(Role::Practitioner);
    let learning_manager = w.member(Role::Practitioner);
    let form = w.room("9JB", AgeBand::ThreePlus);
    let ada = w.child("Ada", &form, &teacher);
    let ben = w.child("Ben", &form, &teacher);
    let structure = SchoolStructure {
        year_groups: vec![YearGroup {
            year_group_id: "y9".into(),
            name: "Year 9".into(),
            learning_manager_id: learning_manager.user_id.clone(),
            tutor_groups: vec![TutorGroup {
                tutor_group_id: "9jb".into(),
                name: "9JB".into(),
                tutor_id: teacher.user_id.clone(),
                pupils: vec![ada.clone()],
            }],
        }],
        teaching_groups: vec![TeachingGroup {
            teaching_group_id: "9x1-ma".into(),
            subject: "Maths".into(),
            name: "9x1".into(),
            teacher_id: teacher.user_id.clone(),
            year_group_id: "y9".into(),
        }],
        point_categories: PointCategories { achievement: vec!["Good homework".into()], behaviour: vec!["Forgot equipment".into()] },
        early_years: false,
    };
    let key = SchoolRecord::key(&w.setting_id);
    let names = [(&teacher, "Tia Teacher"), (&learning_manager, "Lee Manager")].map(|(p, n)| (p.user_id.clone(), n.to_string())).into();
    let record = SchoolRecord {
        pk: key.pk,
        sk: key.sk,
        kind: "school".into(),
        setting_id: w.setting_id.clone(),
        structure,
        staff_names: names,
        version: 1,
    };
    w.table.insert(to_item(&record));
    School { w, teacher, learning_manager, ada, ben }
}

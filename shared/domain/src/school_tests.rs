use super::*;

fn id(raw: &str) -> UserId {
    UserId::parse(raw).unwrap()
}

fn school() -> SchoolStructure {
    SchoolStructure {
        year_groups: vec![YearGroup {
            year_group_id: "y9".into(),
            name: "Year 9".into(),
            learning_manager_id: id("lm"),
            tutor_groups: vec![TutorGroup {
                tutor_group_id: "9jb".into(),
                name: "9JB".into(),
                tutor_id: id("tutor"),
                pupils: vec![pupil("ada")],
            }],
        }],
        teaching_groups: vec![TeachingGroup {
            teaching_group_id: "9x1-ma".into(),
            subject: "Maths".into(),
            name: "9x1".into(),
            teacher_id: id("teacher"),
            year_group_id: "y9".into(),
        }],
        point_categories: PointCategories { achievement: vec!["Good homework".into()], behaviour: vec!["Forgot equipment".into()] },
        early_years: false,
    }
}

fn pupil(raw: &str) -> crate::ChildId {
    crate::ChildId::parse(raw).unwrap()
}

fn pupils() -> BTreeSet<crate::ChildId> {
    [pupil("ada"), pupil("ben")].into_iter().collect()
}

fn staff() -> BTreeSet<UserId> {
    ["lm", "tutor", "teacher"].into_iter().map(id).collect()
}

#[test]
fn a_school_names_its_groups_and_their_staff() {
    let s = school();
    assert!(s.check(&staff(), &pupils()).is_ok());
    assert_eq!(s.year_of_tutor_group("9jb").map(|y| y.name.as_str()), Some("Year 9"));
    assert_eq!(s.teaching_group("9x1-ma").map(|g| g.subject.as_str()), Some("Maths"));
    assert!(s.year_of_tutor_group("10ab").is_none());
    assert_eq!(s.place_of(&pupil("ada")).map(|(y, t)| (y.name.as_str(), t.name.as_str())), Some(("Year 9", "9JB")));
    assert!(s.place_of(&pupil("ben")).is_none());
}

#[test]
fn a_structure_with_a_stranger_a_reused_id_or_a_lost_group_is_refused() {
    let mut stranger = school();
    stranger.year_groups[0].learning_manager_id = id("someone-else");
    assert!(stranger.check(&staff(), &pupils()).is_err());
    let mut reused = school();
    reused.teaching_groups[0].teaching_group_id = "9jb".into();
    assert!(reused.check(&staff(), &pupils()).is_err());
    let mut lost = school();
    lost.teaching_groups[0].year_group_id = "y10".into();
    assert!(lost.check(&staff(), &pupils()).is_err());
    let mut twice = school();
    twice.point_categories.behaviour.push("Forgot equipment".into());
    assert!(twice.check(&staff(), &pupils()).is_err());
    let mut stranger_pupil = school();
    stranger_pupil.year_groups[0].tutor_groups[0].pupils.push(pupil("zed"));
    assert!(stranger_pupil.check(&staff(), &pupils()).is_err());
    let mut in_two = school();
    in_two.year_groups[0].tutor_groups.push(TutorGroup {
        tutor_group_id: "9cd".into(),
        name: "9CD".into(),
        tutor_id: id("tutor"),
        pupils: vec![pupil("ada")],
    });
    assert!(in_two.check(&staff(), &pupils()).is_err());
    let mut untrimmed = school();
    untrimmed.year_groups[0].name = " Year 9".into();
    assert!(untrimmed.check(&staff(), &pupils()).is_err());
}

#[test]
fn totals_are_summed_term_by_term_in_date_order() {
    use time::macros::date;
    let dated = [(date!(2027 - 01 - 05), 2u32), (date!(2026 - 09 - 03), 1), (date!(2026 - 12 - 18), 4), (date!(2027 - 04 - 20), 3)];
    let terms = by_term(dated, |t: u32, n| t + n);
    let keys: Vec<(&str, u32)> = terms.iter().map(|(term, total)| (term.as_str(), *total)).collect();
    assert_eq!(keys, vec![("2026-autumn", 5), ("2027-spring", 2), ("2027-summer", 3)]);
    assert_eq!(academic_year_start(date!(2027 - 04 - 20)), date!(2026 - 09 - 01));
    assert_eq!(academic_year_start(date!(2026 - 09 - 01)), date!(2026 - 09 - 01));
}

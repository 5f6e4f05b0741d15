use super::*;
use proptest::prelude::*;

#[test]
fn a_point_in_a_lesson_goes_to_the_subject_teacher_and_any_other_to_the_learning_manager() {
    let lesson = PointPlace::Lesson { subject: "Maths".into(), teaching_group_id: "9x1-ma".into() };
    assert_eq!(first_contact(&lesson), FirstContact::SubjectTeacher);
    assert_eq!(first_contact(&PointPlace::OutsideLesson), FirstContact::LearningManager);
}

#[test]
fn an_award_is_one_to_five_points_with_a_short_reason_and_a_named_category() {
    assert!(check_points(0).is_err() && check_points(6).is_err());
    assert_eq!(check_points(5).unwrap(), 5);
    assert_eq!(check_reason("  Excellent homework on fractions ").unwrap(), "Excellent homework on fractions");
    for bad in ["", "   ", "two\nlines", &"x".repeat(201)] {
        assert!(check_reason(bad).is_err(), "{bad:?}");
    }
    assert!(check_category("Forgot equipment").is_ok());
    assert!(check_category(&"x".repeat(41)).is_err());
}

proptest! {
    #[test]
    fn totals_keep_each_kind_apart(awards in proptest::collection::vec((any::<bool>(), 1u8..=5), 0..50)) {
        let totals = awards.iter().fold(PointTotals::default(), |t, (achievement, points)| {
            t.counting(if *achievement { PointKind::Achievement } else { PointKind::Behaviour }, *points)
        });
        let sum = |want: bool| awards.iter().filter(|(a, _)| *a == want).map(|(_, p)| u32::from(*p)).sum::<u32>();
        prop_assert_eq!(totals, PointTotals { achievement: sum(true), behaviour: sum(false) });
    }
}

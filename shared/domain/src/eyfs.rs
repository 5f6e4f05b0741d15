//! EYFS assessment: the frameworks a setting assesses development against, as data (their
//! aspects of the seven areas, their bands with the ages they typically span, versioned), and
//! the rules over a child's judgements: which term a day falls in, whether a judgement is
//! below what is typical for the child's age, which children are at a checkpoint with no
//! judgement or one below it, and when the progress check at two is due. A judgement is always
//! a practitioner's best fit, never computed from observations.

use crate::journal::AreaOfLearning;
use serde::{Deserialize, Serialize};
use time::{Date, Month};

/// The non-statutory guidance a setting assesses against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Framework {
    /// Development Matters (DfE, 2021; revised 2023): three pathways and the early learning goals.
    DevelopmentMatters,
    /// Birth to 5 Matters (Early Years Coalition, 2021): six overlapping ranges.
    #[serde(rename = "birth-to-5-matters")]
    BirthToFiveMatters,
}

/// A band of a framework: a stage of development and the ages (in whole months) at which it is
/// typical. Bands of one framework are in developmental order; Birth to 5 Matters' overlap.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Band {
    pub key: &'static str,
    pub title: &'static str,
    pub from_months: u16,
    pub to_months: u16,
}

const fn band(key: &'static str, title: &'static str, from_months: u16, to_months: u16) -> Band {
    Band { key, title, from_months, to_months }
}

/// Development Matters' pathways, and the early learning goals at the end of reception.
const DEVELOPMENT_MATTERS: [Band; 4] = [
    band("birth-to-three", "Birth to three", 0, 36),
    band("three-and-four-year-olds", "Three and four-year-olds", 36, 60),
    band("children-in-reception", "Children in reception", 48, 71),
    band("early-learning-goal", "Early learning goal", 60, 71),
];

/// Birth to 5 Matters' ranges with the typical ages its key gives (the 2012 Development Matters
/// age bands they replaced), the last running to the end of reception.
const BIRTH_TO_FIVE_MATTERS: [Band; 6] = [
    band("range-1", "Range 1", 0, 11),
    band("range-2", "Range 2", 8, 20),
    band("range-3", "Range 3", 16, 26),
    band("range-4", "Range 4", 22, 36),
    band("range-5", "Range 5", 30, 50),
    band("range-6", "Range 6", 40, 71),
];

impl Framework {
    pub const ALL: [Framework; 2] = [Framework::DevelopmentMatters, Framework::BirthToFiveMatters];

    /// Which edition the data here is: a judgement records it, so a later edition never
    /// reinterprets an old judgement.
    pub fn version(self) -> &'static str {
        match self {
            Framework::DevelopmentMatters => "development-matters-2021",
            Framework::BirthToFiveMatters => "birth-to-5-matters-2021",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Framework::DevelopmentMatters => "Development Matters",
            Framework::BirthToFiveMatters => "Birth to 5 Matters",
        }
    }

    pub fn bands(self) -> &'static [Band] {
        match self {
            Framework::DevelopmentMatters => &DEVELOPMENT_MATTERS,
            Framework::BirthToFiveMatters => &BIRTH_TO_FIVE_MATTERS,
        }
    }

    /// The band of this framework called `key`, with its place in developmental order.
    pub fn band(self, key: &str) -> Option<(usize, &'static Band)> {
        self.bands().iter().enumerate().find(|(_, b)| b.key == key)
    }

    /// The bands that are typical at `months` of age.
    pub fn typical_at(self, months: u16) -> impl Iterator<Item = &'static Band> {
        self.bands().iter().filter(move |b| b.from_months <= months && months <= b.to_months)
    }
}

/// The aspects of the seven areas, one per early learning goal (17).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Aspect {
    ListeningAttentionAndUnderstanding,
    Speaking,
    SelfRegulation,
    ManagingSelf,
    BuildingRelationships,
    GrossMotorSkills,
    FineMotorSkills,
    Comprehension,
    WordReading,
    Writing,
    Number,
    NumericalPatterns,
    PastAndPresent,
    PeopleCultureAndCommunities,
    TheNaturalWorld,
    CreatingWithMaterials,
    BeingImaginativeAndExpressive,
}

impl Aspect {
    pub const ALL: [Aspect; 17] = [
        Aspect::ListeningAttentionAndUnderstanding,
        Aspect::Speaking,
        Aspect::SelfRegulation,
        Aspect::ManagingSelf,
        Aspect::BuildingRelationships,
        Aspect::GrossMotorSkills,
        Aspect::FineMotorSkills,
        Aspect::Comprehension,
        Aspect::WordReading,
        Aspect::Writing,
        Aspect::Number,
        Aspect::NumericalPatterns,
        Aspect::PastAndPresent,
        Aspect::PeopleCultureAndCommunities,
        Aspect::TheNaturalWorld,
        Aspect::CreatingWithMaterials,
        Aspect::BeingImaginativeAndExpressive,
    ];

    /// The area of learning the aspect belongs to.
    pub fn area(self) -> AreaOfLearning {
        use Aspect::*;
        match self {
            ListeningAttentionAndUnderstanding | Speaking => AreaOfLearning::CommunicationAndLanguage,
            SelfRegulation | ManagingSelf | BuildingRelationships => AreaOfLearning::PersonalSocialAndEmotionalDevelopment,
            GrossMotorSkills | FineMotorSkills => AreaOfLearning::PhysicalDevelopment,
            Comprehension | WordReading | Writing => AreaOfLearning::Literacy,
            Number | NumericalPatterns => AreaOfLearning::Mathematics,
            PastAndPresent | PeopleCultureAndCommunities | TheNaturalWorld => AreaOfLearning::UnderstandingTheWorld,
            CreatingWithMaterials | BeingImaginativeAndExpressive => AreaOfLearning::ExpressiveArtsAndDesign,
        }
    }

    /// The early learning goal's name, as the statutory framework words it.
    pub fn title(self) -> &'static str {
        use Aspect::*;
        match self {
            ListeningAttentionAndUnderstanding => "Listening, attention and understanding",
            Speaking => "Speaking",
            SelfRegulation => "Self-regulation",
            ManagingSelf => "Managing self",
            BuildingRelationships => "Building relationships",
            GrossMotorSkills => "Gross motor skills",
            FineMotorSkills => "Fine motor skills",
            Comprehension => "Comprehension",
            WordReading => "Word reading",
            Writing => "Writing",
            Number => "Number",
            NumericalPatterns => "Numerical patterns",
            PastAndPresent => "Past and present",
            PeopleCultureAndCommunities => "People, culture and communities",
            TheNaturalWorld => "The natural world",
            CreatingWithMaterials => "Creating with materials",
            BeingImaginativeAndExpressive => "Being imaginative and expressive",
        }
    }

    /// The prime areas' aspects: communication and language, physical development, and
    /// personal, social and emotional development (what checkpoints and the check at two cover).
    pub fn is_prime(self) -> bool {
        is_prime_area(self.area())
    }
}

pub fn is_prime_area(area: AreaOfLearning) -> bool {
    matches!(
        area,
        AreaOfLearning::CommunicationAndLanguage
            | AreaOfLearning::PhysicalDevelopment
            | AreaOfLearning::PersonalSocialAndEmotionalDevelopment
    )
}

/// Whole months from `date_of_birth` to `on` (0 before the first month is complete).
pub fn age_in_months(date_of_birth: Date, on: Date) -> u16 {
    if on < date_of_birth {
        return 0;
    }
    let mut months = (on.year() - date_of_birth.year()) * 12 + (on.month() as i32 - date_of_birth.month() as i32);
    if on.day() < date_of_birth.day() {
        months -= 1;
    }
    u16::try_from(months.max(0)).unwrap_or(u16::MAX)
}

/// A term of the English school year: the assessment period judgements are made in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Term {
    /// The calendar year the term falls in.
    pub year: i32,
    pub season: Season,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Season {
    /// January to March (Easter).
    Spring,
    /// April to August.
    Summer,
    /// September to December.
    Autumn,
}

impl Term {
    /// The term a day falls in (the summer holiday counts to summer, the new year to spring).
    pub fn of(day: Date) -> Term {
        let season = match day.month() {
            Month::January | Month::February | Month::March => Season::Spring,
            Month::April | Month::May | Month::June | Month::July | Month::August => Season::Summer,
            _ => Season::Autumn,
        };
        Term { year: day.year(), season }
    }

    /// "2026-autumn".
    pub fn key(self) -> String {
        let season = match self.season {
            Season::Spring => "spring",
            Season::Summer => "summer",
            Season::Autumn => "autumn",
        };
        format!("{}-{season}", self.year)
    }

    pub fn parse(key: &str) -> Option<Term> {
        let (year, season) = key.split_once('-')?;
        let year: i32 = year.parse().ok().filter(|y| (2000..=2100).contains(y))?;
        let season = match season {
            "spring" => Season::Spring,
            "summer" => Season::Summer,
            "autumn" => Season::Autumn,
            _ => return None,
        };
        Some(Term { year, season })
    }

    /// The term's first day.
    pub fn first_day(self) -> Date {
        let month = match self.season {
            Season::Spring => Month::January,
            Season::Summer => Month::April,
            Season::Autumn => Month::September,
        };
        Date::from_calendar_date(self.year, month, 1).unwrap_or(Date::MIN)
    }

    /// The term's last day (a past term's judgements are read against the age then).
    pub fn last_day(self) -> Date {
        let (month, day) = match self.season {
            Season::Spring => (Month::March, 31),
            Season::Summer => (Month::August, 31),
            Season::Autumn => (Month::December, 31),
        };
        Date::from_calendar_date(self.year, month, day).unwrap_or(Date::MIN)
    }

    /// The term before (what a cohort's movement is compared with).
    pub fn previous(self) -> Term {
        match self.season {
            Season::Spring => Term { year: self.year - 1, season: Season::Autumn },
            Season::Summer => Term { year: self.year, season: Season::Spring },
            Season::Autumn => Term { year: self.year, season: Season::Summer },
        }
    }
}

/// How a judged band stands against the child's age.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Standing {
    /// Below every band typical at the child's age: a concern to look at.
    Below,
    /// A band typical at the child's age.
    Typical,
    /// Beyond what is typical at the child's age.
    Above,
}

/// Where `band` stands for a child of `months` (None: no such band in the framework).
pub fn standing(framework: Framework, band: &str, months: u16) -> Option<Standing> {
    let (_, b) = framework.band(band)?;
    Some(if b.to_months < months {
        Standing::Below
    } else if b.from_months > months {
        Standing::Above
    } else {
        Standing::Typical
    })
}

/// The ages (months) of the prime areas' checkpoints: Development Matters' "around 6, 12 and 18
/// months, 2 and 3 years"; a setting on Birth to 5 Matters reviews at the same ages.
pub const CHECKPOINT_MONTHS: [u16; 5] = [6, 12, 18, 24, 36];

/// How long after a checkpoint age a child counts as at it (the check is done in that time).
pub const CHECKPOINT_WINDOW_MONTHS: u16 = 3;

/// The checkpoint a child of `months` is at, if any.
pub fn checkpoint_at(months: u16) -> Option<u16> {
    CHECKPOINT_MONTHS.into_iter().find(|c| (*c..*c + CHECKPOINT_WINDOW_MONTHS).contains(&months))
}

/// Why a child at a checkpoint is listed for their key person and the managers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case", tag = "kind")]
pub enum CheckpointConcern {
    /// A prime aspect with no judgement this term.
    #[serde(rename_all = "camelCase")]
    NotJudged { aspect: Aspect },
    /// A prime aspect judged in a band below what is typical at the child's age.
    #[serde(rename_all = "camelCase")]
    Below { aspect: Aspect, band: String },
}

/// What is outstanding for a child of `months` at a checkpoint, given this term's judgements
/// (aspect, band): every prime aspect not judged, and every one judged below its age. Nothing
/// when the child is at no checkpoint.
pub fn checkpoint_concerns<'a>(
    framework: Framework,
    months: u16,
    judged: impl IntoIterator<Item = (Aspect, &'a str)> + Clone,
) -> Vec<CheckpointConcern> {
    if checkpoint_at(months).is_none() {
        return Vec::new();
    }
    let mut concerns = Vec::new();
    for aspect in Aspect::ALL.into_iter().filter(|a| a.is_prime()) {
        match judged.clone().into_iter().find(|(a, _)| *a == aspect) {
            None => concerns.push(CheckpointConcern::NotJudged { aspect }),
            Some((_, band)) if standing(framework, band, months) == Some(Standing::Below) => {
                concerns.push(CheckpointConcern::Below { aspect, band: band.to_string() })
            }
            Some(_) => {}
        }
    }
    concerns
}

/// How a child's judgement of one aspect moved from one term to the next: along the
/// framework's bands (a later edition's band is compared by key within the same framework).
pub fn movement(framework: Framework, before: &str, now: &str) -> Option<std::cmp::Ordering> {
    let (b, _) = framework.band(before)?;
    let (n, _) = framework.band(now)?;
    Some(n.cmp(&b))
}

/// The progress check at two is made between the second and third birthdays (EYFS 2.3).
pub fn progress_check_due(months: u16) -> bool {
    (24..36).contains(&months)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::BTreeSet;
    use time::macros::date;

    #[test]
    fn seventeen_aspects_in_the_seven_areas_as_the_statutory_framework_names_them() {
        // The early learning goals of the EYFS statutory framework (2021, section 3), by area.
        let published: [(&str, &[&str]); 7] = [
            ("communication-and-language", &["Listening, attention and understanding", "Speaking"]),
            ("personal-social-and-emotional-development", &["Self-regulation", "Managing self", "Building relationships"]),
            ("physical-development", &["Gross motor skills", "Fine motor skills"]),
            ("literacy", &["Comprehension", "Word reading", "Writing"]),
            ("mathematics", &["Number", "Numerical patterns"]),
            ("understanding-the-world", &["Past and present", "People, culture and communities", "The natural world"]),
            ("expressive-arts-and-design", &["Creating with materials", "Being imaginative and expressive"]),
        ];
        let mut seen = BTreeSet::new();
        for (area, goals) in published {
            let ours: Vec<&str> = Aspect::ALL
                .iter()
                .filter(|a| serde_json::to_value(a.area()).unwrap() == serde_json::json!(area))
                .map(|a| a.title())
                .collect();
            assert_eq!(ours, goals, "{area}");
            seen.extend(ours);
        }
        assert_eq!(seen.len(), 17);
        let prime: Vec<Aspect> = Aspect::ALL.into_iter().filter(|a| a.is_prime()).collect();
        assert_eq!(prime.len(), 7, "listening, speaking, the three of PSED, gross and fine motor");
    }

    #[test]
    fn each_framework_has_its_published_bands_in_order() {
        let keys = |f: Framework| f.bands().iter().map(|b| b.title).collect::<Vec<_>>();
        assert_eq!(
            keys(Framework::DevelopmentMatters),
            ["Birth to three", "Three and four-year-olds", "Children in reception", "Early learning goal"]
        );
        assert_eq!(keys(Framework::BirthToFiveMatters), ["Range 1", "Range 2", "Range 3", "Range 4", "Range 5", "Range 6"]);
        for f in Framework::ALL {
            let bands = f.bands();
            // In developmental order, together covering birth to the end of reception (72 months).
            assert_eq!(bands[0].from_months, 0);
            assert_eq!(bands[bands.len() - 1].to_months, 71);
            for pair in bands.windows(2) {
                assert!(pair[0].from_months < pair[1].from_months && pair[0].to_months <= pair[1].to_months, "{f:?}");
                assert!(pair[1].from_months <= pair[0].to_months, "{f:?}: no gap between {} and {}", pair[0].key, pair[1].key);
            }
            assert_eq!(f.band(bands[1].key).map(|(i, _)| i), Some(1));
            assert!(f.band("nonsense").is_none());
        }
        // Birth to 5 Matters' ranges overlap: a 24-month-old is typical in ranges 3 and 4.
        let typical: Vec<&str> = Framework::BirthToFiveMatters.typical_at(24).map(|b| b.key).collect();
        assert_eq!(typical, ["range-3", "range-4"]);
        assert_eq!(serde_json::to_value(Framework::BirthToFiveMatters).unwrap(), "birth-to-5-matters");
    }

    #[test]
    fn ages_are_whole_months() {
        assert_eq!(age_in_months(date!(2024 - 03 - 14), date!(2026 - 03 - 13)), 23);
        assert_eq!(age_in_months(date!(2024 - 03 - 14), date!(2026 - 03 - 14)), 24);
        assert_eq!(age_in_months(date!(2024 - 01 - 31), date!(2024 - 02 - 29)), 0);
        assert_eq!(age_in_months(date!(2024 - 01 - 31), date!(2024 - 03 - 31)), 2);
        assert_eq!(age_in_months(date!(2026 - 01 - 01), date!(2025 - 01 - 01)), 0, "not born yet");
    }

    #[test]
    fn terms_follow_the_school_year() {
        assert_eq!(Term::of(date!(2026 - 12 - 06)).key(), "2026-autumn");
        assert_eq!(Term::of(date!(2027 - 02 - 01)).key(), "2027-spring");
        assert_eq!(Term::of(date!(2027 - 07 - 20)).key(), "2027-summer");
        assert_eq!(Term::of(date!(2027 - 08 - 20)).key(), "2027-summer", "the holiday counts to the summer term");
        assert_eq!(Term::parse("2027-spring").unwrap().previous().key(), "2026-autumn");
        assert_eq!(Term::parse("2026-autumn").unwrap().previous().key(), "2026-summer");
        assert_eq!(Term::parse("2027-spring").unwrap().last_day(), date!(2027 - 03 - 31));
        for bad in ["2026", "2026-winter", "autumn-2026", "1999-spring", "x-spring"] {
            assert!(Term::parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn a_judgement_stands_below_typical_and_above_for_the_childs_age() {
        let dm = Framework::DevelopmentMatters;
        assert_eq!(standing(dm, "birth-to-three", 30), Some(Standing::Typical));
        assert_eq!(standing(dm, "birth-to-three", 40), Some(Standing::Below));
        assert_eq!(standing(dm, "three-and-four-year-olds", 30), Some(Standing::Above));
        let b5 = Framework::BirthToFiveMatters;
        assert_eq!(standing(b5, "range-3", 24), Some(Standing::Typical));
        assert_eq!(standing(b5, "range-2", 24), Some(Standing::Below));
        assert_eq!(standing(b5, "nonsense", 24), None);
    }

    #[test]
    fn at_a_checkpoint_every_prime_aspect_needs_a_judgement_at_its_age() {
        let b5 = Framework::BirthToFiveMatters;
        assert_eq!(checkpoint_at(25), Some(24));
        assert_eq!(checkpoint_at(28), None);
        assert!(checkpoint_concerns(b5, 28, std::iter::empty::<(Aspect, &str)>()).is_empty(), "no checkpoint at 28 months");
        let none = checkpoint_concerns(b5, 24, std::iter::empty::<(Aspect, &str)>());
        assert_eq!(none.len(), 7, "every prime aspect unjudged");
        let judged: Vec<(Aspect, &str)> = Aspect::ALL.into_iter().filter(|a| a.is_prime()).map(|a| (a, "range-4")).collect();
        assert!(checkpoint_concerns(b5, 24, judged.iter().copied()).is_empty());
        let mut behind = judged.clone();
        behind[1] = (Aspect::Speaking, "range-2");
        assert_eq!(
            checkpoint_concerns(b5, 24, behind.iter().copied()),
            [CheckpointConcern::Below { aspect: Aspect::Speaking, band: "range-2".into() }]
        );
        // Literacy is not a prime area: a checkpoint does not ask for it.
        assert!(checkpoint_concerns(b5, 24, judged.iter().copied().chain([(Aspect::Writing, "range-1")])).is_empty());
    }

    #[test]
    fn a_judgement_moves_along_the_bands_in_order() {
        use std::cmp::Ordering::*;
        let b5 = Framework::BirthToFiveMatters;
        assert_eq!(movement(b5, "range-3", "range-4"), Some(Greater));
        assert_eq!(movement(b5, "range-4", "range-4"), Some(Equal));
        assert_eq!(movement(b5, "range-4", "range-3"), Some(Less));
        assert_eq!(movement(b5, "range-4", "three-and-four-year-olds"), None, "another framework's band");
    }

    #[test]
    fn the_progress_check_at_two_is_between_the_second_and_third_birthdays() {
        assert!(!progress_check_due(23));
        assert!(progress_check_due(24));
        assert!(progress_check_due(35));
        assert!(!progress_check_due(36));
    }

    proptest! {
        #[test]
        fn some_band_is_typical_at_every_age_to_the_end_of_reception(months in 0u16..72) {
            for f in Framework::ALL {
                prop_assert!(f.typical_at(months).next().is_some(), "{f:?} at {months}");
                // Whatever band is typical at an age never stands below it.
                for b in f.typical_at(months) {
                    prop_assert_eq!(standing(f, b.key, months), Some(Standing::Typical));
                }
            }
        }

        #[test]
        fn a_day_and_its_term_agree(days in 0i64..(365 * 20)) {
            let day = date!(2020 - 01 - 01) + time::Duration::days(days);
            let term = Term::of(day);
            prop_assert_eq!(Term::parse(&term.key()), Some(term));
            prop_assert!(term.previous() < term);
            prop_assert!(day <= term.last_day() && Term::of(term.last_day()) == term);
        }
    }
}

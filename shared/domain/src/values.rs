//! Values that cannot hold invalid state: each has one `parse` constructor, and serde goes
//! through it, so a request body that deserialises is already valid.

use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ValueError {
    #[error("{field} must not be empty")]
    Empty { field: &'static str },
    #[error("{field} must be at most {max} characters")]
    TooLong { field: &'static str, max: usize },
    #[error("{field} must not contain control characters")]
    ControlCharacters { field: &'static str },
    #[error("{field} is not a valid {what}")]
    Invalid { field: &'static str, what: &'static str },
    #[error("password must be at least 12 characters with upper-case, lower-case letters and digits")]
    WeakPassword,
}

/// Trimmed, non-empty, bounded text without control characters (newlines allowed when
/// `multiline`). The building block of every named text value below.
fn bounded_text(field: &'static str, raw: &str, max: usize, multiline: bool) -> Result<String, ValueError> {
    let text = raw.trim();
    if text.is_empty() {
        return Err(ValueError::Empty { field });
    }
    if text.chars().count() > max {
        return Err(ValueError::TooLong { field, max });
    }
    let bad = |c: char| c.is_control() && !(multiline && (c == '\n' || c == '\r' || c == '\t'));
    if text.chars().any(bad) {
        return Err(ValueError::ControlCharacters { field });
    }
    Ok(text.to_string())
}

macro_rules! text_value {
    ($(#[$doc:meta])* $name:ident, $field:literal, $max:expr, $multiline:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            pub const MAX_CHARS: usize = $max;
            pub fn parse(raw: &str) -> Result<Self, ValueError> {
                bounded_text($field, raw, $max, $multiline).map(Self)
            }
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }
        impl TryFrom<String> for $name {
            type Error = ValueError;
            fn try_from(raw: String) -> Result<Self, ValueError> {
                Self::parse(&raw)
            }
        }
        impl From<$name> for String {
            fn from(value: $name) -> String {
                value.0
            }
        }
        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

text_value!(
    /// A person's display name.
    PersonName, "name", 100, false
);
text_value!(
    /// The name of a setting (nursery, pre-school, school).
    SettingName, "name", 120, false
);
text_value!(
    /// A room's name, unique in spirit but not enforced: settings rename rooms freely.
    RoomName, "name", 60, false
);
text_value!(
    /// The acceptable-use agreement parents and family accept before seeing anything.
    AgreementText, "agreementText", 20_000, true
);
text_value!(
    /// A short free-text reason or note recorded in the audit trail.
    FreeText, "reason", 1_000, true
);
text_value!(
    /// What a practitioner saw: the body of an observation in the learning journal.
    ObservationText, "text", 5_000, true
);
text_value!(
    /// The next steps a practitioner plans after an observation.
    NextSteps, "nextSteps", 2_000, true
);
text_value!(
    /// A comment or reply on a journal entry.
    CommentText, "text", 2_000, true
);
text_value!(
    /// A parent's own observation from home.
    ContributionText, "text", 5_000, true
);
text_value!(
    /// A news-feed post or an event's description.
    PostText, "text", 5_000, true
);
text_value!(
    /// A private message between a family and the setting.
    MessageText, "text", 5_000, true
);
text_value!(
    /// What a message thread is about, as its first line in the inbox.
    ThreadSubject, "subject", 120, false
);
text_value!(
    /// Where a leaving child goes next (a school's or a setting's name, or a few words).
    Destination, "destination", 120, false
);
text_value!(
    /// What an event is called on the feed.
    EventTitle, "title", 120, false
);
text_value!(
    /// What a session, a term or a closure day is called ("Morning", "Autumn 1", "Bank holiday").
    SessionName, "name", 60, false
);
text_value!(
    /// Where an event happens.
    EventPlace, "place", 200, false
);
text_value!(
    /// What families should bring to an event.
    EventBring, "bring", 1_000, true
);
text_value!(
    /// A family's note with their reply to an event.
    ReplyNote, "note", 500, true
);

/// An email address, lower-cased so that one person is one account whatever they type.
/// Deliberately modest validation: one `@`, a dotted domain, no spaces, bounded length.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct EmailAddress(String);

impl EmailAddress {
    pub fn parse(raw: &str) -> Result<Self, ValueError> {
        let invalid = ValueError::Invalid { field: "email", what: "email address" };
        let text = raw.trim().to_lowercase();
        if text.is_empty() {
            return Err(ValueError::Empty { field: "email" });
        }
        if text.len() > 254 {
            return Err(ValueError::TooLong { field: "email", max: 254 });
        }
        let (local, domain) = text.split_once('@').ok_or(invalid.clone())?;
        let labels_ok = domain.split('.').count() >= 2
            && domain.split('.').all(|label| {
                !label.is_empty()
                    && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                    && !label.starts_with('-')
                    && !label.ends_with('-')
            });
        let local_ok =
            !local.is_empty() && local.len() <= 64 && local.chars().all(|c| c.is_ascii_graphic() && !"@<>()[]\\,;:\"".contains(c));
        if !labels_ok || !local_ok {
            return Err(invalid);
        }
        Ok(Self(text))
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}
impl TryFrom<String> for EmailAddress {
    type Error = ValueError;
    fn try_from(raw: String) -> Result<Self, ValueError> {
        Self::parse(&raw)
    }
}
impl From<EmailAddress> for String {
    fn from(value: EmailAddress) -> String {
        value.0
    }
}
impl fmt::Display for EmailAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// An IANA time zone name such as `Europe/London`: the setting's local day (registers,
/// publishing delays) is computed in it. Only the zones of the British Isles, the Crown
/// dependencies, Gibraltar and UTC are known (`.cargo/config.toml` limits chrono-tz to them).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Timezone(String);

impl Timezone {
    pub fn parse(raw: &str) -> Result<Self, ValueError> {
        let tz: chrono_tz::Tz = raw
            .trim()
            .parse()
            .map_err(|_| ValueError::Invalid { field: "timezone", what: "time zone of the British Isles (such as Europe/London)" })?;
        Ok(Self(tz.name().to_string()))
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}
impl TryFrom<String> for Timezone {
    type Error = ValueError;
    fn try_from(raw: String) -> Result<Self, ValueError> {
        Self::parse(&raw)
    }
}
impl From<Timezone> for String {
    fn from(value: Timezone) -> String {
        value.0
    }
}

/// The password policy of rule 15: at least 12 characters with upper, lower and digits.
/// Checked here so a weak password is a clear 422 before any account is touched.
/// Never serialised back out, never logged.
#[derive(Clone, Deserialize)]
#[serde(try_from = "String")]
pub struct Password(String);

impl Password {
    pub const MIN_CHARS: usize = 12;
    pub const MAX_CHARS: usize = 256;
    pub fn parse(raw: &str) -> Result<Self, ValueError> {
        let count = raw.chars().count();
        if count > Self::MAX_CHARS {
            return Err(ValueError::TooLong { field: "password", max: Self::MAX_CHARS });
        }
        let strong = count >= Self::MIN_CHARS
            // Basic Latin letters, as Cognito's policy counts them: a password we accept is
            // never refused by the user pool afterwards.
            && raw.chars().any(|c| c.is_ascii_uppercase())
            && raw.chars().any(|c| c.is_ascii_lowercase())
            && raw.chars().any(|c| c.is_ascii_digit());
        if !strong {
            return Err(ValueError::WeakPassword);
        }
        Ok(Self(raw.to_string()))
    }
    pub fn expose(&self) -> &str {
        &self.0
    }
}
impl TryFrom<String> for Password {
    type Error = ValueError;
    fn try_from(raw: String) -> Result<Self, ValueError> {
        Self::parse(&raw)
    }
}
impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password(***)")
    }
}

/// The age band a room is organised for; `mixed` rooms take every band.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum AgeBand {
    #[serde(rename = "under-2")]
    Under2,
    Two,
    ThreePlus,
    Mixed,
}

/// The roles a manager may give a staff member.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum StaffRole {
    Manager,
    Practitioner,
}

impl StaffRole {
    pub fn as_role_str(self) -> &'static str {
        crate::Role::from(self).as_str()
    }
}

impl From<StaffRole> for crate::Role {
    fn from(role: StaffRole) -> Self {
        match role {
            StaffRole::Manager => crate::Role::Manager,
            StaffRole::Practitioner => crate::Role::Practitioner,
        }
    }
}

/// Early-years qualification level 0-8; level 6 covers QTS, EYTS and EYPS (the 1:13 ratio).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "i64", into = "u8")]
pub struct QualificationLevel(u8);

impl QualificationLevel {
    pub fn parse(level: i64) -> Result<Self, ValueError> {
        if (0..=8).contains(&level) {
            Ok(Self(level as u8))
        } else {
            Err(ValueError::Invalid { field: "qualificationLevel", what: "level from 0 to 8" })
        }
    }
    pub fn value(self) -> u8 {
        self.0
    }
    /// Level 6 or above (QTS, EYTS, EYPS): allows the 1:13 ratio for three-and-overs.
    pub fn is_graduate(self) -> bool {
        self.0 >= 6
    }
}
impl TryFrom<i64> for QualificationLevel {
    type Error = ValueError;
    fn try_from(level: i64) -> Result<Self, ValueError> {
        Self::parse(level)
    }
}
impl From<QualificationLevel> for u8 {
    fn from(level: QualificationLevel) -> u8 {
        level.0
    }
}

text_value!(
    /// A child's first name.
    FirstName, "firstName", 60, false
);
text_value!(
    /// A child's last name.
    LastName, "lastName", 60, false
);
text_value!(
    /// How a guardian or emergency contact is related to the child (mother, grandfather...).
    Relationship, "relationship", 40, false
);
text_value!(
    /// Medical or dietary notes: free text, several lines.
    Notes, "notes", 4_000, true
);
text_value!(
    /// What went wrong: a fault's or a personal-data breach's description.
    Description, "description", 4_000, true
);
text_value!(
    /// What families are told when a setting goes into lockdown or comes out of it.
    LockdownNotice, "notice", 4_000, true
);
text_value!(
    /// A manager's own words to the families of children affected by a breach.
    FamilyMessage, "message", 4_000, true
);
text_value!(
    /// The ICO's reference for a reported breach.
    IcoReference, "reference", 100, false
);

/// A telephone number as people write it: digits with spaces, `+`, `-`, `(`, `)`; 6 to 15
/// digits (E.164 allows at most 15).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Phone(String);

impl Phone {
    pub fn parse(raw: &str) -> Result<Self, ValueError> {
        let text = raw.trim();
        let invalid = ValueError::Invalid { field: "phone", what: "telephone number" };
        if text.is_empty() {
            return Err(ValueError::Empty { field: "phone" });
        }
        if text.len() > 30 || !text.chars().all(|c| c.is_ascii_digit() || " +-()".contains(c)) {
            return Err(invalid);
        }
        let digits = text.chars().filter(char::is_ascii_digit).count();
        if !(6..=15).contains(&digits) || text[1..].contains('+') {
            return Err(invalid);
        }
        Ok(Self(text.to_string()))
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}
impl TryFrom<String> for Phone {
    type Error = ValueError;
    fn try_from(raw: String) -> Result<Self, ValueError> {
        Self::parse(&raw)
    }
}
impl From<Phone> for String {
    fn from(value: Phone) -> String {
        value.0
    }
}

/// A date of birth, `YYYY-MM-DD`, in 1990 or later (schools reach 19; anything older is a
/// typing mistake). Whether it is in the future depends on today: see `check_on`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct DateOfBirth(time::Date);

impl DateOfBirth {
    pub fn parse(raw: &str) -> Result<Self, ValueError> {
        let invalid = ValueError::Invalid { field: "dateOfBirth", what: "date (YYYY-MM-DD)" };
        let format = time::macros::format_description!("[year]-[month]-[day]");
        let date = time::Date::parse(raw.trim(), &format).map_err(|_| invalid.clone())?;
        if date.year() < 1990 {
            return Err(invalid);
        }
        Ok(Self(date))
    }
    /// Refuses a date after `today` (the setting's local date).
    pub fn check_on(self, today: time::Date) -> Result<Self, ValueError> {
        if self.0 > today {
            return Err(ValueError::Invalid { field: "dateOfBirth", what: "date of birth (it is in the future)" });
        }
        Ok(self)
    }
    pub fn date(self) -> time::Date {
        self.0
    }
}
impl TryFrom<String> for DateOfBirth {
    type Error = ValueError;
    fn try_from(raw: String) -> Result<Self, ValueError> {
        Self::parse(&raw)
    }
}
impl From<DateOfBirth> for String {
    fn from(value: DateOfBirth) -> String {
        let d = value.0;
        format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
    }
}
impl fmt::Display for DateOfBirth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&String::from(*self))
    }
}

/// Someone to call when the guardians cannot be reached.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EmergencyContact {
    #[schema(value_type = String)]
    pub name: PersonName,
    #[schema(value_type = String)]
    pub phone: Phone,
    #[schema(value_type = String)]
    pub relationship: Relationship,
}

/// At most this many emergency contacts per child.
pub const MAX_EMERGENCY_CONTACTS: usize = 6;

/// Why a guardian's link was revoked (rule 4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum RevocationReason {
    CourtOrder,
    ResponsibilityQuestioned,
    AgreementBreach,
    Left,
    Other,
}

impl RevocationReason {
    pub fn as_str(self) -> &'static str {
        match self {
            RevocationReason::CourtOrder => "court-order",
            RevocationReason::ResponsibilityQuestioned => "responsibility-questioned",
            RevocationReason::AgreementBreach => "agreement-breach",
            RevocationReason::Left => "left",
            RevocationReason::Other => "other",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn phones_dates_and_reasons() {
        for good in ["+44 7700 900123", "01632 960 001", "(020) 7946-0018"] {
            assert!(Phone::parse(good).is_ok(), "{good:?} refused");
        }
        for bad in ["", "12345", "call me", "+44 7700 9001234567890", "44+7700900123"] {
            assert!(Phone::parse(bad).is_err(), "{bad:?} accepted");
        }
        let today = time::macros::date!(2026 - 11 - 23);
        assert!(DateOfBirth::parse("2024-02-29").unwrap().check_on(today).is_ok());
        assert!(DateOfBirth::parse("2026-11-24").unwrap().check_on(today).is_err());
        for bad in ["2023-02-29", "23-01-01", "1989-12-31", "2024/01/01", ""] {
            assert!(DateOfBirth::parse(bad).is_err(), "{bad:?} accepted");
        }
        assert_eq!(String::from(DateOfBirth::parse("2024-03-04").unwrap()), "2024-03-04");
        let reason: RevocationReason = serde_json::from_str("\"court-order\"").unwrap();
        assert_eq!(reason.as_str(), "court-order");
        assert!(serde_json::from_str::<RevocationReason>("\"bored\"").is_err());
        let contact = r#"{"name":"Gran","phone":"01632 960001","relationship":"grandmother","extra":1}"#;
        assert!(serde_json::from_str::<EmergencyContact>(contact).is_err());
    }

    #[test]
    fn emails_are_normalised_and_checked() {
        assert_eq!(EmailAddress::parse(" Jo.Bloggs@Example.org ").unwrap().as_str(), "jo.bloggs@example.org");
        for bad in ["", "jo", "jo@", "@example.org", "jo@example", "jo@exa mple.org", "jo@@example.org", "jo@-x.org"] {
            assert!(EmailAddress::parse(bad).is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn password_policy_is_rule_15() {
        assert!(Password::parse("Sunflower2026").is_ok());
        assert_eq!(Password::parse("Sunflower26").unwrap_err(), ValueError::WeakPassword); // 11 chars
        assert!(Password::parse("sunflower2026").is_err()); // no upper
        assert!(Password::parse("SUNFLOWER2026").is_err()); // no lower
        assert!(Password::parse("SunflowerDays").is_err()); // no digit
        assert!(format!("{:?}", Password::parse("Sunflower2026").unwrap()).contains("***"));
    }

    #[test]
    fn timezones_are_iana() {
        assert_eq!(Timezone::parse("Europe/London").unwrap().as_str(), "Europe/London");
        assert!(Timezone::parse("Mars/Olympus").is_err());
        // Every zone a setting can have is compiled in; others are refused, not guessed.
        for zone in [
            "Europe/London",
            "Europe/Belfast",
            "Europe/Dublin",
            "Europe/Jersey",
            "Europe/Guernsey",
            "Europe/Isle_of_Man",
            "Europe/Gibraltar",
            "UTC",
            "Etc/UTC",
        ] {
            assert_eq!(Timezone::parse(zone).unwrap().as_str(), zone);
        }
        assert!(Timezone::parse("America/New_York").is_err());
        assert!(Timezone::parse("").is_err());
    }

    #[test]
    fn names_are_trimmed_bounded_and_single_line() {
        assert_eq!(PersonName::parse("  Ada  ").unwrap().as_str(), "Ada");
        assert!(PersonName::parse("   ").is_err());
        assert!(PersonName::parse(&"x".repeat(101)).is_err());
        assert!(PersonName::parse("Ada\nLovelace").is_err());
        assert!(AgreementText::parse("Line one\nLine two").is_ok());
    }

    #[test]
    fn json_bodies_validate_through_parse() {
        let band: AgeBand = serde_json::from_str("\"under-2\"").unwrap();
        assert_eq!(band, AgeBand::Under2);
        assert!(serde_json::from_str::<QualificationLevel>("9").is_err());
        assert!(serde_json::from_str::<QualificationLevel>("6").unwrap().is_graduate());
        assert!(serde_json::from_str::<EmailAddress>("\"nope\"").is_err());
    }

    proptest! {
        #[test]
        fn any_accepted_password_meets_the_policy(raw in "\\PC{0,40}") {
            if let Ok(p) = Password::parse(&raw) {
                let s = p.expose();
                prop_assert!(s.chars().count() >= 12);
                prop_assert!(s.chars().any(|c| c.is_ascii_uppercase()));
                prop_assert!(s.chars().any(|c| c.is_ascii_lowercase()));
                prop_assert!(s.chars().any(|c| c.is_ascii_digit()));
            }
        }

        #[test]
        fn any_accepted_name_is_clean(raw in "\\PC{0,120}") {
            if let Ok(name) = PersonName::parse(&raw) {
                prop_assert!(!name.as_str().is_empty());
                prop_assert!(name.as_str().chars().count() <= PersonName::MAX_CHARS);
                prop_assert!(!name.as_str().chars().any(char::is_control));
                prop_assert_eq!(name.as_str(), name.as_str().trim());
            }
        }

        #[test]
        fn accepted_emails_round_trip(local in "[a-z0-9._%+-]{1,20}", domain in "[a-z0-9]{1,10}\\.[a-z]{2,6}") {
            let raw = format!("{local}@{domain}");
            let email = EmailAddress::parse(&raw.to_uppercase()).unwrap();
            prop_assert_eq!(email.as_str(), raw.as_str());
            prop_assert_eq!(EmailAddress::parse(email.as_str()).unwrap(), email);
        }
    }
}

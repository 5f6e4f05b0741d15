//! An instant as records hold it: always UTC, stored and shown as RFC 3339 text
//! ("2026-12-01T09:30:00Z"), ordered by time. A record field of this type cannot hold text
//! that is not a time, and its stored form stays the text the table has always held.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use time::format_description::well_known::Rfc3339;
use time::{Duration, OffsetDateTime, UtcOffset};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(OffsetDateTime);

impl Timestamp {
    /// The instant, whatever offset it was given in.
    pub fn new(at: OffsetDateTime) -> Timestamp {
        Timestamp(at.to_offset(UtcOffset::UTC))
    }

    /// Parses RFC 3339 text with any offset (a client's or a stored one).
    pub fn parse(text: &str) -> Result<Timestamp, time::error::Parse> {
        OffsetDateTime::parse(text, &Rfc3339).map(Timestamp::new)
    }

    pub fn at(self) -> OffsetDateTime {
        self.0
    }

    /// Its UTC day as text ("2026-12-01"), the prefix of the stored form.
    pub fn day_text(self) -> String {
        let d = self.0.date();
        format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
    }
}

impl std::ops::Add<Duration> for Timestamp {
    type Output = Timestamp;
    fn add(self, by: Duration) -> Timestamp {
        Timestamp(self.0 + by)
    }
}

impl From<OffsetDateTime> for Timestamp {
    fn from(at: OffsetDateTime) -> Timestamp {
        Timestamp::new(at)
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // A UTC OffsetDateTime always formats as RFC 3339.
        f.write_str(&self.0.format(&Rfc3339).map_err(|_| fmt::Error)?)
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Timestamp, D::Error> {
        let text = String::deserialize(deserializer)?;
        Timestamp::parse(&text).map_err(|e| serde::de::Error::custom(format!("{text:?} is not an RFC 3339 time: {e}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn it_is_stored_as_the_text_the_table_always_held() {
        let t = Timestamp::parse("2026-12-01T09:30:00+01:00").unwrap();
        assert_eq!(t.to_string(), "2026-12-01T08:30:00Z", "stored in UTC");
        assert_eq!(serde_json::to_value(t).unwrap(), serde_json::json!("2026-12-01T08:30:00Z"));
        assert_eq!(t.day_text(), "2026-12-01");
        assert!(serde_json::from_value::<Timestamp>(serde_json::json!("yesterday")).is_err());
        assert!(serde_json::from_value::<Timestamp>(serde_json::json!(3)).is_err());
    }

    proptest! {
        /// In whole seconds text order is time order (sort keys and `begins_with` filters rely
        /// on it), and the stored text, fractions included, reads back as the same instant.
        #[test]
        fn text_round_trips_and_orders_as_time(a in 0i64..4_102_444_800, b in 0i64..4_102_444_800, nanos in 0u32..1_000_000_000) {
            let ta = Timestamp::new(OffsetDateTime::from_unix_timestamp(a).unwrap());
            let tb = Timestamp::new(OffsetDateTime::from_unix_timestamp(b).unwrap());
            prop_assert_eq!(ta.cmp(&tb), ta.to_string().cmp(&tb.to_string()));
            let precise = Timestamp::new(OffsetDateTime::from_unix_timestamp(a).unwrap().replace_nanosecond(nanos).unwrap());
            let back: Timestamp = serde_json::from_value(serde_json::to_value(precise).unwrap()).unwrap();
            prop_assert_eq!(back, precise);
        }
    }
}

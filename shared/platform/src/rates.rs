//! Per-person rates (rule 20): whatever sends email or fans out is limited per person. Each
//! limited request raises a counter item of the person, the purpose, the setting and the
//! current window, in the same transaction as the change it limits: a refused request writes
//! nothing, and a counted one cannot be lost or counted twice (a replay answers from the
//! stored answer before it gets here). Counters expire by TTL a day after their window.

use crate::app::App;
use crate::store::{keys, Change, Condition, Key, Write};
use nestling_domain::{SettingId, UserId};
use time::{Duration, OffsetDateTime};

/// How often one person may do one thing in one setting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rate {
    /// Names the counter (and the problem's detail).
    pub purpose: &'static str,
    pub max: u32,
    pub window: Duration,
}

impl Rate {
    /// Fault reports email every manager at once: a few an hour is plenty for a real fault.
    pub const FAULT_REPORTS: Rate = Rate { purpose: "fault-reports", max: 5, window: Duration::HOUR };
    /// Pairing codes a manager types: each try counts, right or wrong, so guessing a waiting
    /// device's code is hopeless (see `nestling_domain::devices::WRONG_CODES_AN_HOUR`).
    pub const PAIRING_CODES: Rate =
        Rate { purpose: "pairing-codes", max: nestling_domain::devices::WRONG_CODES_AN_HOUR, window: Duration::HOUR };

    /// Devices asking to be paired, per network address: no one is signed in to count against.
    /// A tablet asks once (again after 15 minutes if no manager typed its code); a setting's
    /// devices share its one address, so this leaves room for pairing a room's worth at once.
    pub const PAIRING_STARTS: Rate = Rate { purpose: "pairing-starts", max: 60, window: Duration::HOUR };
    /// Kiosk codes a guardian's phone asks for: one a visit, a few more for a slow morning.
    pub const KIOSK_PASSES: Rate = Rate { purpose: "kiosk-passes", max: 30, window: Duration::HOUR };
    /// Wrong PINs or unknown numbers typed on one device (`nestling_domain::devices::
    /// WRONG_PINS_AN_HOUR`): read before a PIN is checked, so a device past it learns nothing.
    pub const DEVICE_PINS: Rate =
        Rate { purpose: "device-pins", max: nestling_domain::devices::WRONG_PINS_AN_HOUR, window: Duration::HOUR };

    /// The start of the window `at` falls in (windows are aligned to the Unix epoch).
    pub fn window_start(&self, at: OffsetDateTime) -> i64 {
        let width = self.window.whole_seconds().max(1);
        at.unix_timestamp().div_euclid(width) * width
    }

    /// The counter's key for this person, setting and window.
    pub fn key(&self, setting_id: &SettingId, user_id: &UserId, at: OffsetDateTime) -> Key {
        Key::new(keys::user(user_id), keys::rate(self.purpose, setting_id, self.window_start(at)))
    }

    /// The counting write: refused (its condition fails) once the window's count reached `max`.
    /// Pair it with `Commit::write_or(.., rate.refusal())`.
    pub fn count(&self, app: &App, setting_id: &SettingId, user_id: &UserId) -> Write {
        let now = app.clock.now();
        let expires = self.window_start(now) + self.window.whole_seconds() + Duration::DAY.whole_seconds();
        let change = Change::new()
            .add("count", 1)
            .set("expiresAt", &expires)
            .when(Condition::not_exists("count").or(Condition::lt("count", &self.max)));
        app.store().change(&self.key(setting_id, user_id, now), change)
    }

    /// The counting write for a request no one is signed in to (counted per source address).
    pub fn count_for_source(&self, app: &App, source: &str) -> Write {
        self.count_for(app, &format!("SOURCE#{source}"))
    }

    /// The counter of `subject` (a device: `DEVICE#<setting>#<device>`) in the window `at` falls in.
    pub fn key_for(&self, subject: &str, at: OffsetDateTime) -> Key {
        Key::new(subject.to_string(), format!("RATE#{}#{}", self.purpose, self.window_start(at)))
    }

    /// The counting write for `subject`, refused once the window's count reached `max`.
    pub fn count_for(&self, app: &App, subject: &str) -> Write {
        let now = app.clock.now();
        let expires = self.window_start(now) + self.window.whole_seconds() + Duration::DAY.whole_seconds();
        let change = Change::new()
            .add("count", 1)
            .set("expiresAt", &expires)
            .when(Condition::not_exists("count").or(Condition::lt("count", &self.max)));
        app.store().change(&self.key_for(subject, now), change)
    }

    /// The count a counter item loaded by `key_for` holds (none: 0).
    pub fn counted(item: Option<&crate::store::Item>) -> u32 {
        match item.and_then(|i| i.get("count")) {
            Some(crate::store::Value::N(n)) => n.parse().unwrap_or(u32::MAX),
            _ => 0,
        }
    }

    /// A try that is refused and still counts (a wrong code or PIN): writes `counting`, this
    /// rate's counting write, and answers `refusal`, or the rate's own 429 once the window's
    /// tries are spent.
    pub async fn refuse_counted(&self, app: &App, counting: Write, refusal: crate::http::Problem) -> crate::http::Problem {
        match app.store().transact(vec![counting]).await {
            Ok(()) => refusal,
            Err(crate::store::StoreError::Conflict { .. }) => self.refusal(),
            Err(e) => e.into(),
        }
    }

    /// What a refused request answers: 429, saying the limit.
    pub fn refusal(&self) -> crate::http::Problem {
        let minutes = self.window.whole_minutes();
        crate::http::Problem::new(429, "rate-limited", "Too many requests of this kind").with_detail(format!(
            "at most {} {} in {minutes} minutes; try again later",
            self.max,
            self.purpose.replace('-', " ")
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn windows_are_aligned_and_keyed_by_person_setting_and_purpose() {
        let rate = Rate::FAULT_REPORTS;
        let (a, b) = (datetime!(2026-12-02 10:00:00 UTC), datetime!(2026-12-02 10:59:59 UTC));
        assert_eq!(rate.window_start(a), rate.window_start(b));
        assert_ne!(rate.window_start(b), rate.window_start(datetime!(2026-12-02 11:00:00 UTC)));
        let (s, u) = (SettingId::parse("s1").unwrap(), UserId::parse("u1").unwrap());
        let key = rate.key(&s, &u, a);
        assert_eq!(key, rate.key(&s, &u, b));
        assert_ne!(key, rate.key(&SettingId::parse("s2").unwrap(), &u, a));
        assert_ne!(key, rate.key(&s, &UserId::parse("u2").unwrap(), a));
        assert_eq!(rate.refusal().status, 429);
    }
}

//! Faults, lockdown and the breach register (rules 10 and 11). Every manager alert and every
//! family notice is written in the same transaction as the change that causes it: manager
//! emails as outbox items, family notices as one broadcast the stream fans out.

pub mod problems;
pub use problems::IncidentsProblem;
pub mod breaches;
pub mod faults;
pub mod lockdown;

pub use breaches::*;
pub use faults::*;
pub use lockdown::*;

// The use case behind each of this area's route-table names (the local gateway serves them).
nestling_platform::routes! {
    "faults-report" => report_fault,
    "faults-list" => list_faults,
    "faults-resolve" => resolve_fault,
    "lockdown-start" => start_lockdown,
    "lockdown-lift" => lift_lockdown,
    "breaches-record" => record_breach,
    "breaches-list" => list_breaches,
    "breaches-ico-report" => record_ico_decision,
    "breaches-notify-families" => notify_breach_families,
}

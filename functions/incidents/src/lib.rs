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

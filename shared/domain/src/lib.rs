//! Nestling's domain: the values a request may carry, the rules the data must enforce, and
//! the route table every other part reads. Pure: no I/O, no AWS, no clock of its own.

pub mod access;
pub mod routes;
pub mod values;

pub use access::{Action, Decision, Membership, MembershipStatus, Principal, Role};
pub use values::{
    AgeBand, AgreementText, EmailAddress, FreeText, Password, PersonName, QualificationLevel,
    RoomName, SettingName, StaffRole, Timezone, ValueError,
};

//! The items stored in the table, one struct per kind, one module per area. Field names are
//! the attribute names; keys are built by `store::keys` only.

mod assessment;
mod bookings;
mod care;
mod children;
mod comms;
mod devices;
mod incidents;
mod journal;
mod leaving;
mod messages;
mod people;
mod rights;
mod school;
mod setting;
mod system;

pub use assessment::*;
pub use bookings::*;
pub use care::*;
pub use children::*;
pub use comms::*;
pub use devices::*;
pub use incidents::*;
pub use journal::*;
pub use leaving::*;
pub use messages::*;
pub use people::*;
pub use rights::*;
pub use school::*;
pub use setting::*;
pub use system::*;

use crate::store::{keys, Key};
use nestling_domain::journal::{AreaOfLearning, CommentAudience, ContributionStatus, MediaStatus, MediaType, NotificationPreference};
use nestling_domain::{
    AccidentId, AgeBand, BreachId, ChildId, CollectorId, CommentId, ContributionId, DiaryEntryId, DoseId, EntryId, FaultId, GuardianAccess,
    MediaId, MembershipStatus, ObservationId, PermissionId, RatioBreachId, Role, RoomId, SettingId, Timestamp, UserId,
};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

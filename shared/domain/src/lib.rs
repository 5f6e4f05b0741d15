//! Nestling's domain: the values a request may carry, the rules the data must enforce, and
//! the route table every other part reads. Pure: no I/O, no AWS, no clock of its own.

pub mod access;
pub mod audit;
pub mod billing;
pub mod bookings;
pub mod bounds;
pub mod care;
pub mod comms;
pub mod devices;
pub mod eyfs;
pub mod funding;
pub mod headcount;
pub mod ids;
pub mod incidents;
pub mod invoicing;
pub mod journal;
pub mod leaving;
pub mod messages;
pub mod premises;
pub mod retention;
pub mod rights;
pub mod routes;
pub mod school;
pub mod school_attendance;
pub mod school_points;
pub mod staffing;
pub mod timestamp;
pub mod values;

pub use access::{
    link_status, Action, ChildRelation, Decision, GuardianAccess, Link, LinkStatus, Membership, MembershipStatus, Principal, Role,
};
pub use ids::{
    AccidentId, BookingRequestId, BreachId, ChildId, CollectorId, CommentId, ContributionId, DiaryEntryId, DoseId, EntryId, ExtraId,
    FaultId, Id, InvoiceId, MediaId, MessageId, ObservationId, PermissionId, PostId, RatioBreachId, RoomId, SessionTypeId, SettingId,
    ThreadId, UserId,
};
pub use timestamp::Timestamp;
pub use values::{
    AgeBand, AgreementText, CommentText, ContributionText, DateOfBirth, Description, Destination, EmailAddress, EmergencyContact,
    EventBring, EventPlace, EventTitle, FamilyMessage, FirstName, FreeText, IcoReference, LastName, LockdownNotice, MessageText, NextSteps,
    Notes, ObservationText, Password, PersonName, Phone, PostText, QualificationLevel, Relationship, ReplyNote, RevocationReason, RoomName,
    SessionName, SettingName, StaffRole, ThreadSubject, Timezone, ValueError, MAX_EMERGENCY_CONTACTS,
};

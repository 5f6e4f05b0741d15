//! Who may do what: plain functions of (principal, action), evaluated on every request against
//! the principal as it stands in the table now. JWT claims identify a caller; they never
//! appear here. The default is no.

use crate::leaving::LeavingStage;
use serde::{Deserialize, Serialize};

/// A person's role in one setting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    Manager,
    Practitioner,
    Parent,
    Family,
}

impl Role {
    pub fn is_staff(self) -> bool {
        matches!(self, Role::Manager | Role::Practitioner)
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Manager => "manager",
            Role::Practitioner => "practitioner",
            Role::Parent => "parent",
            Role::Family => "family",
        }
    }
}

/// Where a membership stands. `Invited` means the account exists but its owner has not yet
/// set a password: they cannot sign in, and if they somehow could, they would see nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum MembershipStatus {
    Invited,
    Active,
    Revoked,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Membership {
    pub role: Role,
    pub status: MembershipStatus,
}

/// What a guardian link gives: `parent` sees the child's records, `family` (grandparents,
/// childminders) only what later features give them (news, collection), never the journal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum GuardianAccess {
    Parent,
    Family,
}

impl GuardianAccess {
    /// The membership role a link of this kind gives in the setting.
    pub fn role(self) -> Role {
        match self {
            GuardianAccess::Parent => Role::Parent,
            GuardianAccess::Family => Role::Family,
        }
    }
}

/// A guardian link as the people concerned see it, derived on every request from the stored
/// link, the child's safeguarding hold and the guardian's agreement acceptance. Nothing is
/// rewritten when a hold starts or ends or a new agreement is published, so lifting a hold
/// restores exactly the links that were active before, and a link revoked during a hold stays
/// revoked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum LinkStatus {
    PendingAgreement,
    Active,
    Suspended,
    Revoked,
}

/// The derivation, most severe first: revoked, then held, then the agreement.
pub fn link_status(revoked: bool, held: bool, accepted_version: Option<u32>, current_version: u32) -> LinkStatus {
    if revoked {
        LinkStatus::Revoked
    } else if held {
        LinkStatus::Suspended
    } else if accepted_version.is_some_and(|v| v >= current_version) {
        LinkStatus::Active
    } else {
        LinkStatus::PendingAgreement
    }
}

/// The caller's own guardian link to the child a request names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Link {
    pub access: GuardianAccess,
    pub revoked: bool,
    pub parental_responsibility: bool,
}

/// Whether a guardian is told of the child's day (medicines given, accidents reviewed): a
/// live parent link whose holder accepted the setting's current agreement, and never while
/// the child is under a safeguarding hold. Family members collect; they are not told.
pub fn told_of_the_day(link: Link, accepted_agreement: Option<u32>, current_agreement: u32, held: bool) -> bool {
    !held && link.access == GuardianAccess::Parent && !link.revoked && accepted_agreement.is_some_and(|v| v >= current_agreement)
}

/// How the caller stands to the child a request names, as loaded with the request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ChildRelation {
    /// The caller is the child's key person.
    pub key_person: bool,
    pub link: Option<Link>,
    /// The child is under a safeguarding hold: every guardian link is suspended.
    pub held: bool,
    /// The child's parents consented to staff seeing the child's records off premises.
    pub remote_consent: bool,
    /// Whether the child has left, on the setting's today.
    pub leaving: crate::leaving::LeavingStage,
}

/// The caller as the table describes them at the moment of the request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Principal {
    /// Runs the deployment (creates settings). Recorded in the table, not taken from a group.
    pub operator: bool,
    /// Their membership of the setting the request names, if any.
    pub membership: Option<Membership>,
    /// They accepted the setting's current acceptable-use agreement.
    pub agreement_accepted: bool,
    /// Parents and family: they hold at least one unrevoked link to a child of the setting.
    /// With none left they keep no access to it at all.
    pub live_link: bool,
    /// For child-scoped actions: their relation to the child, `None` when no such child exists.
    pub child: Option<ChildRelation>,
    /// The setting is in lockdown (rule 10): families get its notice instead of data, staff
    /// other than managers may only read.
    pub lockdown: bool,
    /// Staff only: the request comes from outside the setting's registered networks (rule 8).
    pub off_premises: bool,
    /// Staff only: their remote-access attestation is current.
    pub remote_attested: bool,
    /// They enrolled an authenticator (TOTP), so Cognito asks for its code at every sign-in.
    /// Staff and operators without one may do nothing until they enrol (rule 15).
    pub mfa_enrolled: bool,
    /// The request comes from a session on one of the setting's paired devices (on its
    /// premises), opened with the person's PIN for one mode: only that mode's actions.
    pub device: Option<crate::devices::DeviceMode>,
}

/// Everything a request can ask to do. Setting-scoped actions name no setting: the principal
/// is always loaded for the setting in the path, so crossing settings is impossible here.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    CreateSetting,
    ViewSetting,
    CreateRoom,
    ListRooms,
    InviteStaff,
    ListStaff,
    RevokeStaff,
    RegisterChild,
    ListChildren,
    ViewAudit,
    ViewAgreement,
    PublishAgreement,
    AcceptAgreement,
    ViewChild,
    /// Profile fields other than room and key person.
    UpdateChild,
    /// Moving a child to another room or key person.
    ReassignChild,
    LinkGuardian,
    ListGuardians,
    RevokeGuardian,
    PlaceHold,
    LiftHold,
    SetConsents,
    /// Ask for a presigned upload (staff; parents for their own children's contributions).
    UploadMedia,
    /// Open a photo or video (the media rules then decide which).
    ViewMedia,
    CreateObservation,
    /// Edit an observation: its author or a manager (the use case checks authorship).
    EditObservation,
    /// The managers' review list.
    ListObservations,
    UnpublishObservation,
    ViewJournal,
    /// Comment on, or read the comments of, an entry (the use case checks the family's link
    /// to one of its children).
    Comment,
    ListComments,
    /// A parent's own observation from home, about their child.
    Contribute,
    /// One child's contributions (their family's, pending and rejected included).
    ListChildContributions,
    /// Staff's queue of contributions, and approving or rejecting one.
    ListContributions,
    ReviewContribution,
    ListKeyChildren,
    /// The people the parents authorise to collect their child (parental responsibility).
    SetCollectors,
    /// Sign a child in or out (the use case checks who collects).
    RecordAttendance,
    /// One child's attendance: staff, and the child's parents after the publishing delay.
    ViewAttendance,
    /// A parent telling the setting their child will be away.
    ReportAbsence,
    /// The day's register of every child.
    ViewRegister,
    /// A member of staff clocking in to a room or out.
    ClockInOut,
    ViewTimesheets,
    ViewRatios,
    ViewRatioBreaches,
    /// A line in a child's day: meal, nap, nappy, activity, note.
    AddDiary,
    /// A child's day: staff, and the child's parents.
    ViewDiary,
    /// A parent's written permission for one medicine (parental responsibility).
    SetMedicinePermission,
    /// Staff recording a dose given.
    GiveMedicine,
    RecordAccident,
    /// Managers review an accident record before parents see it.
    ReviewAccident,
    /// The child's parent acknowledges a reviewed accident.
    AcknowledgeAccident,
    /// The setting's open accidents.
    ListAccidents,
    /// One child's accidents: staff, and (reviewed ones) the child's parents.
    ViewChildAccidents,
    /// Anyone in the setting may report a fault; staff even during lockdown (families get the
    /// lockdown notice for every request, as the policy says).
    ReportFault,
    ListFaults,
    ResolveFault,
    StartLockdown,
    LiftLockdown,
    RecordBreach,
    ListBreaches,
    RecordIcoDecision,
    NotifyBreachFamilies,
    /// Register the setting's premises networks.
    SetNetworks,
    /// A member of staff's own remote-access attestation.
    AttestRemoteAccess,
    /// A member of staff's own key for what a device keeps while offline.
    ManageOfflineKey,
    /// Whose email SES reports as bounced or complained.
    ListEmailProblems,
    /// The news feed and its posts: staff, and families past the agreement (the use case then
    /// shows a family only what their live, unheld children's rooms are sent).
    ViewFeed,
    /// Post to the feed (a practitioner's post may wait for a manager's approval).
    CreatePost,
    /// Pin or withdraw a post: its author or a manager (the use case checks authorship).
    ManagePost,
    /// Approve a practitioner's post that waits.
    ApprovePost,
    /// Whether practitioners' posts wait for approval.
    SetFeedPolicy,
    /// A family's reply to an event, for one of their children.
    ReplyToEvent,
    /// The inbox and its threads: staff, and families past the agreement (the use case then
    /// decides each thread against the caller's links at that moment).
    ViewMessages,
    /// Write in a thread, or withdraw one's own message (the use case checks the thread).
    SendMessage,
    /// Start a thread about one child: staff to the child's parents, a parent to the setting.
    StartThread,
    /// A broadcast to a room's or the whole setting's families (the setting's: managers).
    SendBroadcast,
    /// Mark a child's guardians as separate households.
    SetHousehold,
    /// Who sees that a message was read, and the opening hours that hold staff emails.
    SetMessagingPolicy,
    /// Which EYFS framework the setting assesses against (managers).
    SetAssessmentFramework,
    /// A child's assessment: staff; a parent only what the key person shared.
    ViewAssessment,
    /// Record or share a child's judgements: the key person and the managers.
    JudgeChild,
    /// Children at a checkpoint with something outstanding: staff (a practitioner's own key
    /// children, managers every child).
    ListCheckpoints,
    /// Refer a child to the special educational needs coordinator (managers; staff-only note).
    ReferToSenco,
    /// The managers' monitoring of observations and judgements across rooms and key persons.
    ViewMonitoring,
    /// The parents' view of the progress check at two and their consent to share it.
    RespondToProgressCheck,
    /// A manager signs the progress check off.
    SignOffProgressCheck,
    /// Record (or change, or cancel) the day a child leaves and where they go (managers).
    SetLeaving,
    /// Have the child's learning journey made (managers; the child's parents).
    RequestJourney,
    /// List a child's learning-journey copies and download one (managers; the child's parents).
    ViewJourney,
    /// Send a learning journey to the child's next setting (managers).
    TransferJourney,
    /// Ask for everything held about a child (a subject access request): a parent with
    /// parental responsibility, also after the child left; a manager logs one received
    /// another way.
    AskAboutChild,
    /// Ask for everything held about oneself: anyone with a membership, whether or not they
    /// accepted the setting's terms (the right does not depend on them).
    AskAboutSelf,
    /// See one's own requests (managers see every request of the setting).
    ListDataRequests,
    /// Log a request received another way, extend one, record it answered (managers).
    ManageDataRequests,
    /// See and change how long the setting keeps each kind of record (managers).
    ManageRetention,
    /// Place or lift a legal hold on a child's records: kept past the schedule (managers).
    PlaceLegalHold,
    /// The setting's sessions, terms and closures: every member (families book from them).
    ViewBookingSetup,
    /// Set the sessions, terms, closures, capacities and notice; decide the requests that
    /// wait (managers).
    ManageBookings,
    /// Set a child's regular weekly pattern (managers).
    SetBookingPattern,
    /// A child's bookings: staff, and the child's parents.
    ViewBookings,
    /// Ask for an extra session or a cancellation: a parent with parental responsibility (it
    /// is what they pay for), or a manager on the family's behalf.
    RequestBooking,
    /// Next week's staffing forecast and the staff rota (managers).
    PlanStaffing,
    /// A child's funded entitlements: managers, and the child's parents with parental
    /// responsibility (the codes are theirs).
    ViewFunding,
    /// Record a child's funded entitlements and eligibility codes (managers).
    SetFunding,
    /// Who pays for a child and the extras opted into: managers, and the child's parents with
    /// parental responsibility.
    ViewBilling,
    /// Set a child's bill payers, their split and the extras opted into (managers).
    SetBilling,
    /// Preview and issue a month's invoices, and read any of them (managers).
    ManageInvoices,
    /// A parent's own invoices, where they are the bill payer (the use case picks them).
    ViewOwnInvoices,
    /// One invoice and its PDF: managers, and its bill payer (the use case checks which).
    ViewInvoice,
    /// The termly headcount of funded children, reconciled (managers).
    ViewHeadcount,
    /// Pair the setting's devices, list them and unpair them (managers).
    ManageDevices,
    /// Set (or read) one's own PIN for the setting's devices: staff, and guardians past the
    /// agreement.
    SetDevicePin,
    /// A one-time code from one's phone to open the kiosk: parents and family members past
    /// the agreement.
    CreateKioskPass,
    /// A school's year groups, tutor groups, teaching groups and point categories: staff read
    /// them, managers set them.
    ViewSchool,
    SetSchool,
    /// Give a pupil an achievement or behaviour point (staff).
    GivePoints,
    /// A pupil's points: staff, and parents with parental responsibility (after the delay).
    ViewPoints,
    /// A tutor group's register (AM and PM marks) and its totals: staff read it, staff mark it.
    ViewSchoolRegister,
    MarkSchoolRegister,
    /// A pupil's attendance marks and totals: staff, and parents with parental responsibility
    /// (after the delay).
    ViewSchoolAttendance,
}

impl Action {
    pub const ALL: [Action; 121] = [
        Action::CreateSetting,
        Action::ViewSetting,
        Action::CreateRoom,
        Action::ListRooms,
        Action::InviteStaff,
        Action::ListStaff,
        Action::RevokeStaff,
        Action::RegisterChild,
        Action::ListChildren,
        Action::ViewAudit,
        Action::ViewAgreement,
        Action::PublishAgreement,
        Action::AcceptAgreement,
        Action::ViewChild,
        Action::UpdateChild,
        Action::ReassignChild,
        Action::LinkGuardian,
        Action::ListGuardians,
        Action::RevokeGuardian,
        Action::PlaceHold,
        Action::LiftHold,
        Action::SetConsents,
        Action::UploadMedia,
        Action::ViewMedia,
        Action::CreateObservation,
        Action::EditObservation,
        Action::ListObservations,
        Action::UnpublishObservation,
        Action::ViewJournal,
        Action::Comment,
        Action::ListComments,
        Action::Contribute,
        Action::ListChildContributions,
        Action::ListContributions,
        Action::ReviewContribution,
        Action::ListKeyChildren,
        Action::SetCollectors,
        Action::RecordAttendance,
        Action::ViewAttendance,
        Action::ReportAbsence,
        Action::ViewRegister,
        Action::ClockInOut,
        Action::ViewTimesheets,
        Action::ViewRatios,
        Action::ViewRatioBreaches,
        Action::AddDiary,
        Action::ViewDiary,
        Action::SetMedicinePermission,
        Action::GiveMedicine,
        Action::RecordAccident,
        Action::ReviewAccident,
        Action::AcknowledgeAccident,
        Action::ListAccidents,
        Action::ViewChildAccidents,
        Action::ReportFault,
        Action::ListFaults,
        Action::ResolveFault,
        Action::StartLockdown,
        Action::LiftLockdown,
        Action::RecordBreach,
        Action::ListBreaches,
        Action::RecordIcoDecision,
        Action::NotifyBreachFamilies,
        Action::SetNetworks,
        Action::AttestRemoteAccess,
        Action::ManageOfflineKey,
        Action::ListEmailProblems,
        Action::ViewFeed,
        Action::CreatePost,
        Action::ManagePost,
        Action::ApprovePost,
        Action::SetFeedPolicy,
        Action::ReplyToEvent,
        Action::ViewMessages,
        Action::SendMessage,
        Action::StartThread,
        Action::SendBroadcast,
        Action::SetHousehold,
        Action::SetMessagingPolicy,
        Action::SetAssessmentFramework,
        Action::ViewAssessment,
        Action::JudgeChild,
        Action::ListCheckpoints,
        Action::ReferToSenco,
        Action::ViewMonitoring,
        Action::RespondToProgressCheck,
        Action::SignOffProgressCheck,
        Action::SetLeaving,
        Action::RequestJourney,
        Action::ViewJourney,
        Action::TransferJourney,
        Action::AskAboutChild,
        Action::AskAboutSelf,
        Action::ListDataRequests,
        Action::ManageDataRequests,
        Action::ManageRetention,
        Action::PlaceLegalHold,
        Action::ViewBookingSetup,
        Action::ManageBookings,
        Action::SetBookingPattern,
        Action::ViewBookings,
        Action::RequestBooking,
        Action::PlanStaffing,
        Action::ViewFunding,
        Action::SetFunding,
        Action::ViewBilling,
        Action::SetBilling,
        Action::ManageInvoices,
        Action::ViewOwnInvoices,
        Action::ViewInvoice,
        Action::ViewHeadcount,
        Action::ManageDevices,
        Action::SetDevicePin,
        Action::CreateKioskPass,
        Action::ViewSchool,
        Action::SetSchool,
        Action::GivePoints,
        Action::ViewPoints,
        Action::ViewSchoolRegister,
        Action::MarkSchoolRegister,
        Action::ViewSchoolAttendance,
    ];
    /// Whether the action concerns one setting (so strangers get 404, not 403).
    pub fn is_setting_scoped(self) -> bool {
        !matches!(self, Action::CreateSetting)
    }
    /// Actions a guardian may take only after accepting the current agreement, beyond the
    /// child-scoped ones: the journal's, reading the news and messages, their invoices, and
    /// their PIN and kiosk codes for the setting's devices.
    pub fn needs_agreement(self) -> bool {
        matches!(
            self,
            Action::UploadMedia
                | Action::ViewMedia
                | Action::Comment
                | Action::ListComments
                | Action::ViewFeed
                | Action::ViewMessages
                | Action::SendMessage
                | Action::ViewOwnInvoices
                | Action::ViewInvoice
                | Action::SetDevicePin
                | Action::CreateKioskPass
        )
    }
    /// Whether the action only reads: during lockdown practitioners may still take these.
    pub fn is_read(self) -> bool {
        matches!(
            self,
            Action::ViewSetting
                | Action::ListRooms
                | Action::ListStaff
                | Action::ListChildren
                | Action::ViewAudit
                | Action::ViewAgreement
                | Action::ViewChild
                | Action::ListGuardians
                | Action::ViewMedia
                | Action::ListObservations
                | Action::ViewJournal
                | Action::ListComments
                | Action::ListChildContributions
                | Action::ListContributions
                | Action::ListKeyChildren
                | Action::ViewAttendance
                | Action::ViewRegister
                | Action::ViewTimesheets
                | Action::ViewRatios
                | Action::ViewRatioBreaches
                | Action::ViewDiary
                | Action::ListAccidents
                | Action::ViewChildAccidents
                | Action::ListFaults
                | Action::ListBreaches
                | Action::ListEmailProblems
                | Action::ViewFeed
                | Action::ViewMessages
                | Action::ViewAssessment
                | Action::ListCheckpoints
                | Action::ViewMonitoring
                | Action::ViewJourney
                | Action::ListDataRequests
                | Action::ViewBookingSetup
                | Action::ViewBookings
                | Action::ViewFunding
                | Action::ViewBilling
                | Action::ManageInvoices
                | Action::ViewOwnInvoices
                | Action::ViewInvoice
                | Action::ViewHeadcount
                | Action::ViewSchool
                | Action::ViewPoints
                | Action::ViewSchoolRegister
                | Action::ViewSchoolAttendance
        )
    }
    /// What a family's journal action (named for the setting: a comment, an upload, reading a
    /// photo) asks of each child it concerns: writing adds to the child's journal, as a
    /// contribution does (so a leaver's family, who may only read, is refused); anything else
    /// reads it.
    pub fn on_each_child(self) -> Action {
        match self {
            Action::Comment | Action::UploadMedia => Action::Contribute,
            _ => Action::ViewJournal,
        }
    }
    /// Whether the action concerns one child (the child is loaded with the request).
    pub fn is_child_scoped(self) -> bool {
        matches!(
            self,
            Action::ViewChild
                | Action::UpdateChild
                | Action::ReassignChild
                | Action::LinkGuardian
                | Action::ListGuardians
                | Action::RevokeGuardian
                | Action::PlaceHold
                | Action::LiftHold
                | Action::PlaceLegalHold
                | Action::SetConsents
                | Action::ViewJournal
                | Action::Contribute
                | Action::ListChildContributions
                | Action::SetCollectors
                | Action::RecordAttendance
                | Action::ViewAttendance
                | Action::ReportAbsence
                | Action::AddDiary
                | Action::ViewDiary
                | Action::SetMedicinePermission
                | Action::GiveMedicine
                | Action::RecordAccident
                | Action::AcknowledgeAccident
                | Action::ViewChildAccidents
                | Action::ReplyToEvent
                | Action::StartThread
                | Action::SetHousehold
                | Action::ViewAssessment
                | Action::JudgeChild
                | Action::ReferToSenco
                | Action::RespondToProgressCheck
                | Action::SignOffProgressCheck
                | Action::SetLeaving
                | Action::RequestJourney
                | Action::ViewJourney
                | Action::TransferJourney
                | Action::AskAboutChild
                | Action::SetBookingPattern
                | Action::ViewBookings
                | Action::RequestBooking
                | Action::ViewFunding
                | Action::SetFunding
                | Action::ViewBilling
                | Action::SetBilling
                | Action::GivePoints
                | Action::ViewPoints
                | Action::ViewSchoolAttendance
        )
    }
}

/// The answer, with the reason a denial is given to the caller.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Allow,
    /// The caller may not know the resource exists: answer 404.
    Hidden,
    /// The caller's access to this setting or child was withdrawn.
    Revoked,
    /// The child is under a safeguarding hold: guardian access is paused.
    Suspended,
    /// The guardian must accept the setting's current agreement first.
    AgreementRequired,
    /// The caller is known here but their role does not allow the action.
    Forbidden,
    /// The setting is in lockdown: answer its notice (503) instead.
    Lockdown,
    /// Off premises without a current remote-access attestation.
    RemoteAttestationRequired,
    /// Off premises, a practitioner reaches only their key children whose parents consented.
    OffPremises,
    /// Staff and operators must enrol an authenticator (MFA) before anything else (rule 15).
    MfaRequired,
    /// The child has left: their day is no longer recorded, and their family may only read.
    ChildLeft,
    /// The child left and the family's reading period is over.
    AccessEnded,
}

impl Decision {
    pub fn is_allowed(self) -> bool {
        self == Decision::Allow
    }
}

fn allow_if(condition: bool) -> Decision {
    if condition {
        Decision::Allow
    } else {
        Decision::Forbidden
    }
}

pub fn decide(principal: &Principal, action: Action) -> Decision {
    // A PIN opens less than a password and authenticator: a device's session may ask only
    // for its mode's few actions, whatever the person may do signed in.
    if principal.device.is_some_and(|mode| !mode.permits(action)) {
        return Decision::Forbidden;
    }
    if !action.is_setting_scoped() {
        return match action {
            Action::CreateSetting if principal.operator && !principal.mfa_enrolled => Decision::MfaRequired,
            Action::CreateSetting if principal.operator => Decision::Allow,
            _ => Decision::Forbidden,
        };
    }
    let membership = match principal.membership {
        Some(m) => m,
        None => return Decision::Hidden,
    };
    match membership.status {
        MembershipStatus::Active => {}
        MembershipStatus::Revoked => return Decision::Revoked,
        MembershipStatus::Invited => return Decision::Hidden,
    }
    let role = membership.role;
    if matches!(role, Role::Parent | Role::Family) && !principal.live_link {
        return Decision::Revoked;
    }
    if principal.device.is_some_and(|mode| !mode.may_start(role)) {
        return Decision::Forbidden;
    }
    if role.is_staff() && !principal.mfa_enrolled {
        return Decision::MfaRequired;
    }
    if principal.lockdown {
        let refused = match role {
            Role::Parent | Role::Family => true,
            // Telling managers of a further fault must stay possible during lockdown.
            Role::Practitioner => !action.is_read() && action != Action::ReportFault,
            Role::Manager => false,
        };
        if refused {
            return Decision::Lockdown;
        }
    }
    if let Some(refusal) = off_premises_refusal(principal, role, action) {
        return refusal;
    }
    if action.is_child_scoped() {
        let Some(child) = principal.child else { return Decision::Hidden };
        if role.is_staff() && child.leaving != LeavingStage::Attending && records_the_day(action) {
            return Decision::ChildLeft;
        }
        return match role {
            // Consent, collectors and absences are the family's to record; contributions are theirs.
            Role::Manager => allow_if(!is_family_decision(action)),
            Role::Practitioner => match action {
                Action::ViewChild
                | Action::ListGuardians
                | Action::ViewJournal
                | Action::ListChildContributions
                | Action::RecordAttendance
                | Action::ViewAttendance
                | Action::AddDiary
                | Action::ViewDiary
                | Action::GiveMedicine
                | Action::RecordAccident
                | Action::ViewChildAccidents
                | Action::StartThread
                | Action::ViewAssessment
                | Action::ViewBookings
                | Action::GivePoints
                | Action::ViewPoints
                | Action::ViewSchoolAttendance => Decision::Allow,
                // The key person is responsible for the child's development (EYFS 3.27).
                Action::UpdateChild | Action::JudgeChild => allow_if(child.key_person),
                _ => Decision::Forbidden,
            },
            Role::Parent | Role::Family => guardian_decision(principal, &child, action),
        };
    }
    match action {
        Action::CreateSetting => Decision::Forbidden,
        Action::ViewSetting | Action::ViewAgreement | Action::ViewBookingSetup => Decision::Allow,
        Action::ListRooms | Action::ListStaff | Action::ListChildren => allow_if(role.is_staff()),
        Action::AcceptAgreement => allow_if(!role.is_staff()),
        Action::CreateObservation
        | Action::EditObservation
        | Action::ListContributions
        | Action::ReviewContribution
        | Action::ListKeyChildren
        | Action::ViewRegister
        | Action::ClockInOut
        | Action::ViewRatios
        | Action::ViewRatioBreaches
        | Action::ListAccidents => allow_if(role.is_staff()),
        Action::ReportFault => Decision::Allow,
        // Data rights belong to everyone the setting holds data about, terms accepted or not.
        Action::AskAboutSelf | Action::ListDataRequests => Decision::Allow,
        Action::CreatePost | Action::ManagePost => allow_if(role.is_staff()),
        // News is for every family, family members included, once they accepted the terms.
        Action::SendBroadcast => allow_if(role.is_staff()),
        // Messages: every family past the agreement (a family member reads broadcasts only,
        // and a parent writes only in their own children's threads: the use case decides).
        Action::ViewFeed | Action::ViewMessages | Action::SendMessage => match role {
            Role::Manager | Role::Practitioner => Decision::Allow,
            Role::Parent | Role::Family if principal.agreement_accepted => Decision::Allow,
            Role::Parent | Role::Family => Decision::AgreementRequired,
        },
        Action::ListCheckpoints | Action::ViewSchool | Action::ViewSchoolRegister | Action::MarkSchoolRegister => allow_if(role.is_staff()),
        // Invoices are the bill payer's and the managers': a parent reads only those they pay
        // (the use case checks), family members and practitioners none.
        Action::ViewOwnInvoices | Action::ViewInvoice => match role {
            Role::Manager if action == Action::ViewInvoice => Decision::Allow,
            Role::Parent if principal.agreement_accepted => Decision::Allow,
            Role::Parent => Decision::AgreementRequired,
            _ => Decision::Forbidden,
        },
        Action::AttestRemoteAccess => allow_if(role.is_staff()),
        Action::CreateKioskPass => match role {
            Role::Manager | Role::Practitioner => Decision::Forbidden,
            Role::Parent | Role::Family if principal.agreement_accepted => Decision::Allow,
            Role::Parent | Role::Family => Decision::AgreementRequired,
        },
        Action::SetDevicePin => match role {
            Role::Manager | Role::Practitioner => Decision::Allow,
            Role::Parent | Role::Family if principal.agreement_accepted => Decision::Allow,
            Role::Parent | Role::Family => Decision::AgreementRequired,
        },
        // Only staff keep anything on a device; families never do.
        Action::ManageOfflineKey => allow_if(role.is_staff()),
        // Journal actions that are not about one child: staff, and parents who accepted the
        // agreement (the use case then checks their link to the children concerned). The
        // news and messages, which family members read too, are decided above.
        a if a.needs_agreement() => match role {
            Role::Manager | Role::Practitioner => Decision::Allow,
            Role::Parent if principal.agreement_accepted => Decision::Allow,
            Role::Parent => Decision::AgreementRequired,
            Role::Family => Decision::Forbidden,
        },
        _ => allow_if(role == Role::Manager),
    }
}

/// Rule 8, for staff off the premises: an attestation first (reporting a fault and attesting
/// itself excepted); then managers carry on, and practitioners reach only their own key
/// children whose parents consented to remote access, and their own key-children list.
fn off_premises_refusal(principal: &Principal, role: Role, action: Action) -> Option<Decision> {
    if !principal.off_premises || !role.is_staff() || matches!(action, Action::AttestRemoteAccess | Action::ReportFault) {
        return None;
    }
    if !principal.remote_attested {
        return Some(Decision::RemoteAttestationRequired);
    }
    if role == Role::Manager {
        return None;
    }
    if action.is_child_scoped() {
        return match principal.child {
            None => Some(Decision::Hidden),
            Some(c) if c.key_person && c.remote_consent => None,
            Some(_) => Some(Decision::OffPremises),
        };
    }
    (action != Action::ListKeyChildren).then_some(Decision::OffPremises)
}

/// A parent or family member acting on one child: only through their own live link.
fn guardian_decision(principal: &Principal, child: &ChildRelation, action: Action) -> Decision {
    // Unlinked guardians may not learn the child exists.
    let Some(link) = child.link else { return Decision::Hidden };
    if link.revoked {
        return Decision::Revoked;
    }
    if child.held {
        return Decision::Suspended;
    }
    // At the setting's kiosk a guardian signs their own child in or out (family members
    // collect too); who may collect is then checked exactly as for staff.
    if action == Action::RecordAttendance && principal.device == Some(crate::devices::DeviceMode::Kiosk) {
        if !principal.agreement_accepted {
            return Decision::AgreementRequired;
        }
        return match child.leaving {
            LeavingStage::Attending => Decision::Allow,
            _ => Decision::ChildLeft,
        };
    }
    if link.access == GuardianAccess::Family {
        return Decision::Forbidden;
    }
    if !principal.agreement_accepted {
        return Decision::AgreementRequired;
    }
    match child.leaving {
        LeavingStage::Attending => {}
        // After the leaving day the family reads what was kept, and takes their copy.
        LeavingStage::Left if action.is_read() || matches!(action, Action::RequestJourney | Action::AskAboutChild) => {}
        LeavingStage::Left => return Decision::ChildLeft,
        LeavingStage::AccessEnded => return Decision::AccessEnded,
    }
    match action {
        Action::ViewChild
        | Action::ListGuardians
        | Action::ViewJournal
        | Action::Contribute
        | Action::ListChildContributions
        | Action::ViewAttendance
        | Action::ReportAbsence
        | Action::ViewDiary
        | Action::AcknowledgeAccident
        | Action::ViewChildAccidents
        | Action::ReplyToEvent
        | Action::StartThread
        | Action::ViewAssessment
        | Action::ViewJourney
        | Action::ViewBookings => Decision::Allow,
        Action::RequestJourney
        | Action::AskAboutChild
        | Action::RequestBooking
        | Action::ViewFunding
        | Action::ViewBilling
        | Action::ViewPoints
        | Action::ViewSchoolAttendance => allow_if(link.parental_responsibility),
        Action::SetConsents | Action::SetCollectors | Action::SetMedicinePermission | Action::RespondToProgressCheck => {
            allow_if(link.parental_responsibility)
        }
        _ => Decision::Forbidden,
    }
}

/// The child's day at the setting, which ends when they leave.
fn records_the_day(action: Action) -> bool {
    matches!(action, Action::RecordAttendance | Action::AddDiary | Action::GiveMedicine | Action::RecordAccident | Action::GivePoints)
}

/// What only the child's family records: staff, managers included, may not.
fn is_family_decision(action: Action) -> bool {
    matches!(
        action,
        Action::SetConsents
            | Action::Contribute
            | Action::SetCollectors
            | Action::ReportAbsence
            | Action::SetMedicinePermission
            | Action::AcknowledgeAccident
            | Action::ReplyToEvent
            | Action::RespondToProgressCheck
    )
}

#[cfg(test)]
#[path = "access_tests.rs"]
mod tests;

//! The OpenAPI document, generated from the route table and the request and response types
//! (utoipa schemas). `docs/openapi.json` is this document; a test fails when they drift.

use nestling_domain::routes::{Auth, FUNCTIONS};
use utoipa::openapi::path::{HttpMethod, OperationBuilder, ParameterBuilder, ParameterIn, PathItem};
use utoipa::openapi::request_body::RequestBodyBuilder;
use utoipa::openapi::schema::{ArrayBuilder, ComponentsBuilder, ObjectBuilder, Type};
use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityRequirement, SecurityScheme};
use utoipa::openapi::{ContentBuilder, InfoBuilder, OpenApi, OpenApiBuilder, PathsBuilder, Ref, Required, ResponseBuilder};

/// The routes that change a version the client read (`http::if_match`): without If-Match
/// they answer 428. A test holds this list to the use cases' code.
pub const VERSIONED: &[&str] = &[
    "children-update",
    "observations-update",
    "leaving-set",
    "leaving-cancel",
    "booking-setup-set",
    "funding-set",
    "billing-set",
    "rota-set",
    "invoices-issue",
    "invoice-correct",
    "school-set",
];

/// What each route takes and answers: request schema, success status, response schema.
fn shapes(function: &str) -> (Option<&'static str>, u16, &'static str) {
    match function {
        "health" => (None, 200, "Health"),
        "me" => (None, 200, "MeView"),
        "invitations-accept" => (Some("Acceptance"), 200, "Accepted"),
        "settings-create" => (Some("NewSetting"), 201, "CreatedSetting"),
        "settings-get" => (None, 200, "SettingView"),
        "rooms-create" => (Some("NewRoom"), 201, "RoomView"),
        "rooms-list" => (None, 200, "RoomPage"),
        "staff-invite" => (Some("NewStaff"), 201, "StaffView"),
        "staff-list" => (None, 200, "StaffPage"),
        "staff-revoke" => (Some("Revocation"), 200, "StaffView"),
        "children-register" => (Some("NewChild"), 201, "ChildView"),
        "children-list" => (None, 200, "ChildPage"),
        "children-get" => (None, 200, "ChildView"),
        "children-update" => (Some("ChildChanges"), 200, "ChildView"),
        "hold-place" => (Some("HoldRequest"), 200, "HoldState"),
        "hold-lift" => (Some("HoldRelease"), 200, "HoldState"),
        "leaving-set" => (Some("LeavingRequest"), 200, "ChildView"),
        "leaving-cancel" => (None, 200, "ChildView"),
        "consents-set" => (Some("Consents"), 200, "ConsentsView"),
        "legal-hold-place" => (Some("LegalHoldRequest"), 200, "LegalHoldState"),
        "legal-hold-lift" => (Some("HoldRelease"), 200, "LegalHoldState"),
        "retention-get" => (None, 200, "RetentionView"),
        "retention-set" => (Some("RetentionChange"), 200, "RetentionView"),
        "booking-setup-get" => (None, 200, "SetupView"),
        "booking-setup-set" => (Some("NewSetup"), 200, "SetupView"),
        "booking-pattern-set" => (Some("Pattern"), 200, "PatternsView"),
        "bookings-get" => (None, 200, "ChildBookingsView"),
        "booking-request" => (Some("NewChange"), 201, "ChangeView"),
        "booking-requests-list" => (None, 200, "WaitingList"),
        "booking-request-decide" => (Some("RequestAnswer"), 200, "ChangeView"),
        "staffing-get" => (None, 200, "StaffingView"),
        "rota-set" => (Some("NewRota"), 200, "RotaView"),
        "funding-get" => (None, 200, "FundingView"),
        "funding-set" => (Some("NewFunding"), 200, "FundingView"),
        "billing-get" => (None, 200, "BillingView"),
        "billing-set" => (Some("ChildBilling"), 200, "BillingView"),
        "invoices-month" => (None, 200, "MonthView"),
        "invoices-issue" => (None, 200, "IssuedView"),
        "my-invoices" => (None, 200, "MyInvoicesView"),
        "invoice-get" => (None, 200, "InvoiceView"),
        "invoice-pdf" => (None, 200, "PdfDocument"),
        "invoice-correct" => (Some("NewCorrection"), 200, "CorrectedView"),
        "payment-record" => (Some("NewPayment"), 201, "PaymentView"),
        "statement-get" => (None, 200, "StatementView"),
        "funding-headcount" => (None, 200, "HeadcountView"),
        "device-pairing-start" => (None, 201, "PairingStarted"),
        "device-pairing-get" => (None, 200, "PairingStatus"),
        "device-pair" => (Some("NewDevice"), 201, "DeviceView"),
        "devices-list" => (None, 200, "DeviceList"),
        "device-unpair" => (Some("Unpair"), 200, "DeviceView"),
        "device-get" => (None, 200, "DeviceSelf"),
        "device-pin-get" => (None, 200, "DevicePinView"),
        "device-pin-set" => (Some("NewPin"), 200, "DevicePinView"),
        "device-session-start" => (Some("StartDeviceSession"), 201, "DeviceSessionView"),
        "device-session-end" => (None, 204, ""),
        "kiosk-pass-create" => (None, 201, "KioskPassView"),
        "school-get" => (None, 200, "SchoolView"),
        "school-set" => (Some("SchoolStructure"), 200, "SchoolView"),
        "points-give" => (Some("NewPoint"), 201, "PointView"),
        "points-list" => (None, 200, "PupilPoints"),
        "school-register-get" => (None, 200, "SchoolRegisterView"),
        "school-register-mark" => (Some("RegisterMarks"), 200, "MarkedSession"),
        "school-totals-get" => (None, 200, "TutorGroupTotals"),
        "school-attendance-get" => (None, 200, "PupilAttendance"),
        "device-guardians-list" => (None, 200, "GuardianPage"),
        "device-register-get" => (None, 200, "RegisterView"),
        "device-attendance-record" => (Some("AttendanceMark"), 201, "AttendanceView"),
        "device-journal-get" => (None, 200, "JournalView"),
        // Accepted: journey-build makes it in the background and emails the parents.
        "journey-request" => (None, 202, "JourneyView"),
        "journeys-list" => (None, 200, "JourneyPage"),
        "journey-download" => (None, 200, "JourneyDownload"),
        "journey-transfer" => (Some("NewTransfer"), 201, "TransferView"),
        "journey-transfer-download" => (None, 200, "TransferDownload"),
        "rights-request-child" | "rights-request-self" => (Some("NewRightsRequest"), 201, "RightsRequestView"),
        "rights-requests-list" => (None, 200, "RightsRequestPage"),
        "rights-request-extend" | "rights-request-answer" | "rights-erasure-approve" => (Some("RequestNote"), 200, "RightsRequestView"),
        // Accepted: rights-export-build gathers it, or makes the released files, in the background.
        "rights-export-gather" | "rights-export-release" => (None, 202, "RightsRequestView"),
        "rights-export-get" => (None, 200, "ExportReview"),
        "rights-export-withhold" => (Some("WithholdItem"), 200, "RightsRequestView"),
        "rights-export-download" => (None, 200, "ExportDownload"),
        "guardians-link" => (Some("NewGuardian"), 201, "GuardianView"),
        "guardians-list" => (None, 200, "GuardianPage"),
        "guardians-revoke" => (Some("LinkRevocation"), 200, "GuardianView"),
        "agreement-get" => (None, 200, "AgreementView"),
        "agreement-publish" => (Some("NewAgreement"), 200, "AgreementView"),
        "agreement-accept" => (Some("AgreementAcceptance"), 200, "AcceptedAgreement"),
        "audit-list" => (None, 200, "AuditPage"),
        "media-upload" => (Some("UploadRequest"), 201, "UploadTicket"),
        "media-get" => (None, 302, ""),
        "observations-create" => (Some("NewObservation"), 201, "ObservationView"),
        "observations-list" => (None, 200, "ObservationPage"),
        "observations-update" => (Some("ObservationChanges"), 200, "ObservationView"),
        "observations-delete" => (None, 200, "ObservationView"),
        "journal-get" => (None, 200, "JournalView"),
        "comments-create" => (Some("NewComment"), 201, "CommentView"),
        "comments-list" => (None, 200, "CommentPage"),
        "contributions-create" => (Some("NewContribution"), 201, "ContributionView"),
        "child-contributions" | "contributions-list" => (None, 200, "ContributionPage"),
        "contributions-approve" => (None, 200, "ContributionView"),
        "contributions-reject" => (Some("Rejection"), 200, "ContributionView"),
        "key-children" => (None, 200, "KeyChildPage"),
        "posts-create" => (Some("NewPost"), 201, "PostView"),
        "posts-list" => (None, 200, "FeedPage"),
        "posts-get" => (None, 200, "PostDetail"),
        "posts-pin" => (Some("PinChange"), 200, "PostView"),
        "posts-approve" | "posts-withdraw" => (None, 200, "PostView"),
        "event-reply" => (Some("EventReplyRequest"), 200, "ReplyView"),
        "feed-policy-set" => (Some("FeedPolicy"), 200, "FeedPolicy"),
        "threads-start" => (Some("NewThread"), 201, "Started"),
        "broadcasts-send" => (Some("NewBroadcast"), 201, "Started"),
        "threads-list" => (None, 200, "Inbox"),
        "threads-get" => (None, 200, "ThreadDetail"),
        "messages-send" => (Some("NewMessage"), 201, "Sent"),
        "messages-withdraw" => (None, 200, "MessageView"),
        "household-set" => (Some("HouseholdRequest"), 200, "HouseholdView"),
        "messaging-policy-set" => (Some("MessagingPolicyRequest"), 200, "MessagingPolicy"),
        "message-recipients" => (None, 200, "RecipientCount"),
        "assessment-framework-set" => (Some("FrameworkChoice"), 200, "FrameworkChoice"),
        "assessment-get" => (None, 200, "AssessmentView"),
        "judgement-set" => (Some("JudgementRequest"), 200, "JudgementView"),
        "assessment-share" => (None, 200, "Shared"),
        "checkpoints-list" => (None, 200, "Checkpoints"),
        "senco-referral-set" => (Some("SencoReferralRequest"), 200, "SencoReferralState"),
        "monitoring-get" => (None, 200, "MonitoringView"),
        "progress-check-get" | "progress-check-share" | "progress-check-sign" => (None, 200, "ProgressCheckView"),
        "progress-check-save" => (Some("ProgressCheckDraft"), 200, "ProgressCheckView"),
        "progress-check-respond" => (Some("FamilyResponse"), 200, "ProgressCheckView"),
        "progress-check-pdf" => (None, 200, "PdfDocument"),
        "preferences-set" => (Some("NotificationPreferences"), 200, "NotificationPreferences"),
        "push-subscriptions-get" => (None, 200, "PushDevices"),
        "push-subscribe" => (Some("PushSubscriptionRequest"), 201, "PushSubscriptionView"),
        "push-unsubscribe" => (None, 200, "PushUnsubscribed"),
        "mfa-totp-start" => (None, 200, "TotpSecret"),
        "mfa-totp-confirm" => (Some("TotpCode"), 200, "MfaView"),
        "collectors-set" => (Some("CollectorsList"), 200, "CollectorsView"),
        "attendance-record" => (Some("AttendanceMark"), 201, "AttendanceView"),
        "register-get" => (None, 200, "RegisterView"),
        "child-attendance" => (None, 200, "ChildAttendanceView"),
        "absences-report" => (Some("NewAbsence"), 201, "AbsenceReport"),
        "staff-clock" => (Some("ClockEvent"), 200, "ClockView"),
        "timesheets-get" => (None, 200, "TimesheetsView"),
        "ratios-get" => (None, 200, "RatiosView"),
        "ratio-breaches" => (None, 200, "RatioBreachPage"),
        "diary-add" => (Some("NewDiaryEntry"), 201, "DiaryView"),
        "diary-get" => (None, 200, "DiaryView"),
        "medicine-permission-set" => (Some("MedicinePermission"), 200, "MedicinePermissionView"),
        "medicine-permissions-list" => (None, 200, "MedicinePermissionsPage"),
        "medicine-dose" => (Some("NewDose"), 201, "DiaryView"),
        "accidents-create" => (Some("NewAccident"), 201, "AccidentView"),
        "child-accidents" => (None, 200, "AccidentPage"),
        "accidents-review" => (Some("AccidentReview"), 200, "AccidentView"),
        "accidents-acknowledge" => (Some("AccidentAcknowledgement"), 200, "AccidentView"),
        "accidents-list" => (None, 200, "AccidentListPage"),
        "faults-report" => (Some("NewFault"), 201, "FaultView"),
        "faults-list" => (None, 200, "FaultPage"),
        "faults-resolve" => (Some("FaultResolution"), 200, "FaultView"),
        "lockdown-start" => (Some("LockdownStart"), 201, "Lockdown"),
        "lockdown-lift" => (Some("LockdownLift"), 200, "LockdownLifted"),
        "breaches-record" => (Some("NewBreach"), 201, "BreachView"),
        "breaches-list" => (None, 200, "BreachPage"),
        "breaches-ico-report" => (Some("IcoReport"), 200, "BreachView"),
        "breaches-notify-families" => (Some("FamiliesMessage"), 201, "FamilyNotification"),
        "networks-set" => (Some("Networks"), 200, "SettingView"),
        "email-problems" => (None, 200, "EmailProblemPage"),
        "remote-attestation" => (Some("AttestationBody"), 200, "RemoteAttestation"),
        "offline-key-issue" => (Some("OfflineKeyRequest"), 200, "OfflineKeyView"),
        "offline-key-drop" => (None, 200, "OfflineKeyDropped"),
        other => panic!("route `{other}` has no OpenAPI shape: add one"),
    }
}

fn page(item: &str) -> ObjectBuilder {
    ObjectBuilder::new()
        .property("items", ArrayBuilder::new().items(Ref::from_schema_name(item)))
        .required("items")
        .property(
            "nextCursor",
            ObjectBuilder::new().schema_type(utoipa::openapi::schema::SchemaType::from_iter([Type::String, Type::Null])),
        )
        .required("nextCursor")
}

/// The document's components, each schema name once: utoipa keys schemas by their bare type
/// name and silently keeps the last of two types with the same name (the statement's
/// `EntryKind` would have replaced the journal's), so a second, different type under a name
/// already taken stops the build of the document.
struct Components {
    builder: ComponentsBuilder,
    names: std::collections::BTreeMap<String, &'static str>,
}

impl Components {
    fn new() -> Self {
        Components { builder: ComponentsBuilder::new(), names: std::collections::BTreeMap::new() }
    }
    fn named(&mut self, name: &str, what: &'static str) {
        if let Some(before) = self.names.insert(name.to_string(), what) {
            assert_eq!(before, what, "two schemas are named {name}: rename one (#[schema(as = ...)])");
        }
    }
    fn schema_from<T: utoipa::ToSchema>(mut self) -> Self {
        self.named(&T::name(), std::any::type_name::<T>());
        self.builder = self.builder.schema_from::<T>();
        self
    }
    fn schema(mut self, name: &str, schema: impl Into<utoipa::openapi::RefOr<utoipa::openapi::schema::Schema>>) -> Self {
        self.named(name, "a schema written out in openapi.rs");
        self.builder = self.builder.schema(name, schema);
        self
    }
    fn security_scheme(mut self, name: &str, scheme: SecurityScheme) -> Self {
        self.builder = self.builder.security_scheme(name, scheme);
        self
    }
    fn build(self) -> utoipa::openapi::Components {
        self.builder.build()
    }
}

pub fn document() -> OpenApi {
    let components = Components::new()
        .schema_from::<nestling_settings::NewSetting>()
        .schema_from::<nestling_settings::NewManager>()
        .schema_from::<nestling_settings::SettingView>()
        .schema_from::<nestling_settings::CreatedSetting>()
        .schema_from::<nestling_settings::InvitedPerson>()
        .schema_from::<nestling_settings::NewRoom>()
        .schema_from::<nestling_settings::RoomView>()
        .schema_from::<nestling_staff::NewStaff>()
        .schema_from::<nestling_staff::StaffView>()
        .schema_from::<nestling_staff::Revocation>()
        .schema_from::<nestling_accounts::MeView>()
        .schema_from::<nestling_accounts::MembershipView>()
        .schema_from::<nestling_accounts::Acceptance>()
        .schema_from::<nestling_accounts::Accepted>()
        .schema_from::<nestling_accounts::LinkedChildView>()
        .schema_from::<nestling_accounts::MfaView>()
        .schema_from::<nestling_accounts::TotpSecret>()
        .schema_from::<nestling_accounts::TotpCode>()
        .schema_from::<nestling_children::NewChild>()
        .schema_from::<nestling_children::ChildChanges>()
        .schema_from::<nestling_children::ChildView>()
        .schema_from::<nestling_platform::records::JourneyStatus>()
        .schema_from::<nestling_journey::JourneyView>()
        .schema_from::<nestling_journey::JourneyPage>()
        .schema_from::<nestling_journey::JourneyDownload>()
        .schema_from::<nestling_journey::transfer::NewTransfer>()
        .schema_from::<nestling_journey::transfer::TransferView>()
        .schema_from::<nestling_journey::transfer::TransferDownload>()
        .schema_from::<nestling_domain::rights::RightsRequestKind>()
        .schema_from::<nestling_domain::rights::RightsRequestStatus>()
        .schema_from::<nestling_domain::rights::ReceivedBy>()
        .schema_from::<nestling_platform::records::RequestSubject>()
        .schema_from::<nestling_rights::NewRightsRequest>()
        .schema_from::<nestling_rights::RightsRequestView>()
        .schema_from::<nestling_rights::RightsRequestPage>()
        .schema_from::<nestling_rights::StepView>()
        .schema_from::<nestling_rights::RequestNote>()
        .schema_from::<nestling_platform::records::ExportStatus>()
        .schema_from::<nestling_rights::export::content::HeldKind>()
        .schema_from::<nestling_rights::export::ExportView>()
        .schema_from::<nestling_rights::export::ExportReview>()
        .schema_from::<nestling_rights::export::ReviewItem>()
        .schema_from::<nestling_rights::export::ReviewLine>()
        .schema_from::<nestling_rights::export::WithheldView>()
        .schema_from::<nestling_rights::export::WithholdItem>()
        .schema_from::<nestling_rights::export::ExportDownload>()
        .schema_from::<nestling_children::ChildSummary>()
        .schema_from::<nestling_children::ContactView>()
        .schema_from::<nestling_children::HoldView>()
        .schema_from::<nestling_children::ConsentsView>()
        .schema_from::<nestling_children::HoldRequest>()
        .schema_from::<nestling_children::HoldRelease>()
        .schema_from::<nestling_children::LegalHoldRequest>()
        .schema_from::<nestling_children::LegalHoldState>()
        .schema_from::<nestling_domain::retention::RetainedKind>()
        .schema_from::<nestling_domain::retention::KeptFor>()
        .schema_from::<nestling_settings::RetentionKindView>()
        .schema_from::<nestling_settings::RetentionView>()
        .schema_from::<nestling_settings::RetentionChange>()
        .schema_from::<nestling_domain::bookings::Setup>()
        .schema_from::<nestling_domain::bookings::SessionType>()
        .schema_from::<nestling_domain::bookings::Price>()
        .schema_from::<nestling_domain::bookings::Term>()
        .schema_from::<nestling_domain::bookings::Closure>()
        .schema_from::<nestling_domain::bookings::Pattern>()
        .schema_from::<nestling_domain::bookings::Week>()
        .schema_from::<nestling_domain::bookings::Opening>()
        .schema_from::<nestling_domain::bookings::Source>()
        .schema_from::<nestling_domain::bookings::ChangeKind>()
        .schema_from::<nestling_domain::bookings::ChangeStatus>()
        .schema_from::<nestling_domain::bookings::Outcome>()
        .schema_from::<nestling_bookings::NewSessionType>()
        .schema_from::<nestling_bookings::NewSetup>()
        .schema_from::<nestling_bookings::SetupView>()
        .schema_from::<nestling_bookings::PatternsView>()
        .schema_from::<nestling_bookings::BookedSession>()
        .schema_from::<nestling_bookings::ChangeView>()
        .schema_from::<nestling_bookings::BookingDayView>()
        .schema_from::<nestling_bookings::ChildBookingsView>()
        .schema_from::<nestling_bookings::NewChange>()
        .schema_from::<nestling_bookings::WaitingView>()
        .schema_from::<nestling_bookings::WaitingList>()
        .schema_from::<nestling_bookings::RequestAnswer>()
        .schema_from::<nestling_domain::staffing::WorkDay>()
        .schema_from::<nestling_domain::staffing::Shift>()
        .schema_from::<nestling_domain::care::Headcount>()
        .schema_from::<nestling_bookings::staffing::HourView>()
        .schema_from::<nestling_bookings::staffing::DayForecast>()
        .schema_from::<nestling_bookings::staffing::RoomForecast>()
        .schema_from::<nestling_bookings::staffing::ShiftView>()
        .schema_from::<nestling_bookings::staffing::RotaView>()
        .schema_from::<nestling_bookings::staffing::StaffingView>()
        .schema_from::<nestling_bookings::staffing::NewShift>()
        .schema_from::<nestling_bookings::staffing::NewRota>()
        .schema_from::<nestling_domain::billing::FundingStream>()
        .schema_from::<nestling_domain::billing::Delivery>()
        .schema_from::<nestling_domain::funding::Claim>()
        .schema_from::<nestling_domain::funding::ClaimStatus>()
        .schema_from::<nestling_bookings::funding::ClaimView>()
        .schema_from::<nestling_bookings::funding::FundingView>()
        .schema_from::<nestling_bookings::funding::NewFunding>()
        .schema_from::<nestling_domain::invoicing::ExtraOffer>()
        .schema_from::<nestling_domain::invoicing::ChildBilling>()
        .schema_from::<nestling_domain::billing::Split>()
        .schema_from::<nestling_domain::billing::Bill>()
        .schema_from::<nestling_domain::billing::Line>()
        .schema_from::<nestling_domain::billing::LineKind>()
        .schema_from::<nestling_bookings::NewExtra>()
        .schema_from::<nestling_bookings::invoices::PayerOption>()
        .schema_from::<nestling_bookings::invoices::BillingView>()
        .schema_from::<nestling_bookings::invoices::DraftInvoice>()
        .schema_from::<nestling_bookings::invoices::NotInvoiced>()
        .schema_from::<nestling_bookings::invoices::InvoiceSummary>()
        .schema_from::<nestling_bookings::invoices::MonthView>()
        .schema_from::<nestling_bookings::invoices::IssuedView>()
        .schema_from::<nestling_bookings::invoices::InvoiceView>()
        .schema_from::<nestling_bookings::invoices::MyInvoicesView>()
        .schema_from::<nestling_bookings::invoices::NewCorrection>()
        .schema_from::<nestling_bookings::invoices::CorrectedView>()
        .schema_from::<nestling_bookings::invoices::NewPayment>()
        .schema_from::<nestling_bookings::invoices::PaymentView>()
        .schema_from::<nestling_bookings::invoices::StatementView>()
        .schema_from::<nestling_bookings::headcount::HeadcountView>()
        .schema_from::<nestling_bookings::headcount::TermOption>()
        .schema_from::<nestling_bookings::headcount::ChildHeadcount>()
        .schema_from::<nestling_bookings::headcount::StreamHeadcount>()
        .schema_from::<nestling_domain::headcount::TermFunding>()
        .schema_from::<nestling_domain::headcount::StreamMinutes>()
        .schema_from::<nestling_domain::headcount::MonthFunding>()
        .schema_from::<nestling_domain::headcount::Mismatch>()
        .schema_from::<nestling_domain::invoicing::InvoiceBasis>()
        .schema_from::<nestling_settings::devices::PairingStarted>()
        .schema_from::<nestling_settings::devices::PairingStatus>()
        .schema_from::<nestling_settings::devices::NewDevice>()
        .schema_from::<nestling_settings::devices::DeviceView>()
        .schema_from::<nestling_settings::devices::DeviceList>()
        .schema_from::<nestling_settings::devices::Unpair>()
        .schema_from::<nestling_settings::devices::DeviceSelf>()
        .schema_from::<nestling_settings::device_sessions::DevicePinView>()
        .schema_from::<nestling_settings::device_sessions::NewPin>()
        .schema_from::<nestling_settings::device_sessions::StartDeviceSession>()
        .schema_from::<nestling_settings::device_sessions::DeviceSessionView>()
        .schema_from::<nestling_settings::device_sessions::DeviceChild>()
        .schema_from::<nestling_settings::device_sessions::DeviceCollector>()
        .schema_from::<nestling_settings::device_sessions::KioskPassView>()
        .schema_from::<nestling_settings::school::SchoolView>()
        .schema_from::<nestling_domain::school::SchoolStructure>()
        .schema_from::<nestling_domain::school::YearGroup>()
        .schema_from::<nestling_domain::school::TutorGroup>()
        .schema_from::<nestling_domain::school::TeachingGroup>()
        .schema_from::<nestling_domain::school::PointCategories>()
        .schema_from::<nestling_domain::school::SettingKind>()
        .schema_from::<nestling_domain::school_points::PointKind>()
        .schema_from::<nestling_domain::school_points::FirstContact>()
        .schema_from::<nestling_domain::school_points::PointTotals>()
        .schema_from::<nestling_care::NewPoint>()
        .schema_from::<nestling_care::PointView>()
        .schema_from::<nestling_care::PupilPoints>()
        .schema_from::<nestling_care::TermPoints>()
        .schema_from::<nestling_care::CodeView>()
        .schema_from::<nestling_care::MarkView>()
        .schema_from::<nestling_care::RegisterPupil>()
        .schema_from::<nestling_care::SchoolRegisterView>()
        .schema_from::<nestling_care::NewMark>()
        .schema_from::<nestling_care::RegisterMarks>()
        .schema_from::<nestling_care::MarkedSession>()
        .schema_from::<nestling_care::MarkedPupil>()
        .schema_from::<nestling_care::SessionMarkView>()
        .schema_from::<nestling_care::AttendanceDayMarks>()
        .schema_from::<nestling_care::TermAttendance>()
        .schema_from::<nestling_care::PupilAttendance>()
        .schema_from::<nestling_care::PupilTotals>()
        .schema_from::<nestling_care::TutorGroupTotals>()
        .schema_from::<nestling_platform::records::MarkEntryRecord>()
        .schema_from::<nestling_domain::school_attendance::SchoolSession>()
        .schema_from::<nestling_domain::school_attendance::CodeCategory>()
        .schema_from::<nestling_domain::school_attendance::SessionTotals>()
        .schema_from::<nestling_platform::records::ContactRecord>()
        .schema_from::<nestling_platform::records::LessonRecord>()
        .schema_from::<nestling_domain::devices::DeviceMode>()
        .schema_from::<nestling_platform::records::Unpaired>()
        .schema_from::<nestling_domain::devices::DeviceStatus>()
        .schema_from::<nestling_domain::devices::UnpairReason>()
        .schema_from::<nestling_domain::invoicing::PaymentMethod>()
        .schema_from::<nestling_domain::invoicing::PaymentDirection>()
        .schema_from::<nestling_domain::invoicing::Statement>()
        .schema_from::<nestling_domain::invoicing::StatementEntry>()
        .schema_from::<nestling_domain::invoicing::StatementEntryKind>()
        .schema_from::<nestling_domain::invoicing::DocumentKind>()
        .schema_from::<nestling_domain::invoicing::CorrectionReason>()
        .schema_from::<nestling_platform::records::Correction>()
        .schema_from::<nestling_children::LeavingRequest>()
        .schema_from::<nestling_children::LeavingView>()
        .schema_from::<nestling_children::HoldState>()
        .schema_from::<nestling_children::Consents>()
        .schema_from::<nestling_guardians::NewGuardian>()
        .schema_from::<nestling_guardians::GuardianView>()
        .schema_from::<nestling_guardians::LinkRevocation>()
        .schema_from::<nestling_guardians::AgreementView>()
        .schema_from::<nestling_guardians::NewAgreement>()
        .schema_from::<nestling_guardians::AgreementAcceptance>()
        .schema_from::<nestling_guardians::AcceptedAgreement>()
        .schema_from::<nestling_settings::AuditEntryView>()
        .schema_from::<nestling_domain::EmergencyContact>()
        .schema_from::<nestling_domain::GuardianAccess>()
        .schema_from::<nestling_domain::LinkStatus>()
        .schema_from::<nestling_domain::leaving::DestinationKind>()
        .schema_from::<nestling_domain::RevocationReason>()
        .schema_from::<nestling_domain::AgeBand>()
        .schema_from::<nestling_domain::StaffRole>()
        .schema_from::<nestling_domain::Role>()
        .schema_from::<nestling_domain::MembershipStatus>()
        .schema_from::<nestling_media_function::UploadRequest>()
        .schema_from::<nestling_media_function::UploadTicket>()
        .schema_from::<nestling_platform::media::PresignedPost>()
        .schema_from::<nestling_domain::journal::MediaStatus>()
        .schema_from::<nestling_domain::journal::MediaType>()
        .schema_from::<nestling_domain::journal::AreaOfLearning>()
        .schema_from::<nestling_journal::NewObservation>()
        .schema_from::<nestling_journal::ObservationChanges>()
        .schema_from::<nestling_journal::ObservationView>()
        .schema_from::<nestling_journal::AttachedMediaView>()
        .schema_from::<nestling_journal::RevisionView>()
        .schema_from::<nestling_journal::PersonView>()
        .schema_from::<nestling_journal::MediaView>()
        .schema_from::<nestling_journal::JournalEntryView>()
        .schema_from::<nestling_journal::JournalView>()
        .schema_from::<nestling_journal::NewComment>()
        .schema_from::<nestling_journal::CommentView>()
        .schema_from::<nestling_platform::records::EntryKind>()
        .schema("ObservationPage", page("ObservationView"))
        .schema("CommentPage", page("CommentView"))
        .schema_from::<nestling_comms::NewPost>()
        .schema_from::<nestling_comms::NewEvent>()
        .schema_from::<nestling_comms::NamedPerson>()
        .schema_from::<nestling_comms::EventView>()
        .schema_from::<nestling_comms::PostView>()
        .schema_from::<nestling_comms::FeedPage>()
        .schema_from::<nestling_comms::PostDetail>()
        .schema_from::<nestling_comms::ReplyCounts>()
        .schema_from::<nestling_comms::ReplyView>()
        .schema_from::<nestling_comms::PinChange>()
        .schema_from::<nestling_comms::EventReplyRequest>()
        .schema_from::<nestling_comms::FeedPolicy>()
        .schema_from::<nestling_domain::comms::PostAudience>()
        .schema_from::<nestling_assessment::FrameworkChoice>()
        .schema_from::<nestling_assessment::FrameworkView>()
        .schema_from::<nestling_assessment::AspectView>()
        .schema_from::<nestling_assessment::AssessmentView>()
        .schema_from::<nestling_assessment::JudgementView>()
        .schema_from::<nestling_assessment::JudgementRequest>()
        .schema_from::<nestling_assessment::AreaCount>()
        .schema_from::<nestling_assessment::PersonRef>()
        .schema_from::<nestling_assessment::SencoReferralView>()
        .schema_from::<nestling_assessment::SencoReferralRequest>()
        .schema_from::<nestling_assessment::SencoReferralState>()
        .schema_from::<nestling_assessment::Shared>()
        .schema_from::<nestling_assessment::Checkpoints>()
        .schema_from::<nestling_assessment::CheckpointLine>()
        .schema_from::<nestling_assessment::ProgressCheckView>()
        .schema_from::<nestling_assessment::ProgressCheckDraft>()
        .schema_from::<nestling_assessment::FamilyResponse>()
        .schema_from::<nestling_platform::records::ProgressCheckStatus>()
        .schema(
            "PdfDocument",
            ObjectBuilder::new()
                .schema_type(Type::String)
                .format(Some(utoipa::openapi::schema::SchemaFormat::KnownFormat(utoipa::openapi::KnownFormat::Binary)))
                .description(Some("A PDF document (application/pdf)")),
        )
        .schema_from::<nestling_assessment::MonitoringView>()
        .schema_from::<nestling_assessment::MonitoringGroup>()
        .schema_from::<nestling_assessment::MonitoredChild>()
        .schema_from::<nestling_assessment::CohortAspect>()
        .schema_from::<nestling_assessment::CohortBand>()
        .schema_from::<nestling_domain::eyfs::Framework>()
        .schema_from::<nestling_domain::eyfs::Aspect>()
        .schema_from::<nestling_domain::eyfs::Band>()
        .schema_from::<nestling_domain::eyfs::Standing>()
        .schema_from::<nestling_domain::eyfs::CheckpointConcern>()
        .schema_from::<nestling_comms::ThreadView>()
        .schema_from::<nestling_comms::MessageView>()
        .schema_from::<nestling_comms::ThreadDetail>()
        .schema_from::<nestling_comms::Inbox>()
        .schema_from::<nestling_comms::Sent>()
        .schema_from::<nestling_comms::Started>()
        .schema_from::<nestling_comms::NewMessage>()
        .schema_from::<nestling_comms::NewThread>()
        .schema_from::<nestling_comms::NewBroadcast>()
        .schema_from::<nestling_comms::HouseholdRequest>()
        .schema_from::<nestling_comms::HouseholdView>()
        .schema_from::<nestling_comms::MessagingPolicyRequest>()
        .schema_from::<nestling_comms::RecipientCount>()
        .schema_from::<nestling_platform::records::MessagingPolicy>()
        .schema_from::<nestling_platform::records::OpeningHoursRecord>()
        .schema_from::<nestling_domain::messages::Household>()
        .schema_from::<nestling_domain::messages::ThreadAbout>()
        .schema_from::<nestling_domain::messages::SettingSide>()
        .schema_from::<nestling_domain::messages::ParentWritesTo>()
        .schema_from::<nestling_domain::comms::PostStatus>()
        .schema_from::<nestling_domain::comms::ReplyAnswer>()
        .schema_from::<nestling_journal::NewContribution>()
        .schema_from::<nestling_journal::Rejection>()
        .schema_from::<nestling_journal::ContributionView>()
        .schema_from::<nestling_journal::KeyChildView>()
        .schema_from::<nestling_domain::journal::ContributionStatus>()
        .schema_from::<nestling_domain::journal::NotificationPreference>()
        .schema_from::<nestling_accounts::NotificationPreferences>()
        .schema_from::<nestling_accounts::push::PushDevices>()
        .schema_from::<nestling_accounts::push::PushSubscriptionView>()
        .schema_from::<nestling_accounts::push::PushSubscriptionRequest>()
        .schema_from::<nestling_accounts::push::PushKeys>()
        .schema_from::<nestling_accounts::push::PushUnsubscribed>()
        .schema_from::<nestling_care::CollectorsList>()
        .schema_from::<nestling_care::NewCollector>()
        .schema_from::<nestling_care::CollectorView>()
        .schema_from::<nestling_care::CollectorsView>()
        .schema_from::<nestling_care::Collection>()
        .schema_from::<nestling_care::AttendanceMark>()
        .schema_from::<nestling_care::CollectedByView>()
        .schema_from::<nestling_care::SessionView>()
        .schema_from::<nestling_care::AbsenceView>()
        .schema_from::<nestling_care::AttendanceView>()
        .schema_from::<nestling_care::RoomRatioView>()
        .schema_from::<nestling_care::StaffPresentView>()
        .schema_from::<nestling_care::RegisterLine>()
        .schema_from::<nestling_care::RegisterView>()
        .schema_from::<nestling_care::AttendanceDayView>()
        .schema_from::<nestling_care::ChildAttendanceView>()
        .schema_from::<nestling_care::NewAbsence>()
        .schema_from::<nestling_care::AbsenceReport>()
        .schema_from::<nestling_care::ClockAction>()
        .schema_from::<nestling_care::ClockEvent>()
        .schema_from::<nestling_care::ClockView>()
        .schema_from::<nestling_care::StaffSessionView>()
        .schema_from::<nestling_care::TimesheetDay>()
        .schema_from::<nestling_care::Timesheet>()
        .schema_from::<nestling_care::TimesheetsView>()
        .schema_from::<nestling_care::RatiosView>()
        .schema_from::<nestling_care::RatioBreachView>()
        .schema_from::<nestling_domain::care::Headcount>()
        .schema_from::<nestling_domain::care::Mark>()
        .schema_from::<nestling_domain::care::RatioStatus>()
        .schema_from::<nestling_platform::records::CollectorKind>()
        .schema_from::<nestling_settings::AttendancePublishing>()
        .schema("RatioBreachPage", page("RatioBreachView"))
        .schema_from::<nestling_care::NewDiaryEntry>()
        .schema_from::<nestling_care::DiaryEntryView>()
        .schema_from::<nestling_care::DoseView>()
        .schema_from::<nestling_care::DiaryView>()
        .schema_from::<nestling_care::MedicinePermission>()
        .schema_from::<nestling_care::MedicinePermissionView>()
        .schema_from::<nestling_care::MedicinePermissionsPage>()
        .schema_from::<nestling_care::NewDose>()
        .schema_from::<nestling_care::NewAccident>()
        .schema_from::<nestling_care::AccidentReview>()
        .schema_from::<nestling_care::AccidentAcknowledgement>()
        .schema_from::<nestling_care::AccidentView>()
        .schema_from::<nestling_care::AccidentListItem>()
        .schema_from::<nestling_platform::records::DiaryDetail>()
        .schema_from::<nestling_domain::care::MealAmount>()
        .schema_from::<nestling_domain::care::AccidentStatus>()
        .schema("AccidentPage", page("AccidentView"))
        .schema_from::<nestling_incidents::NewFault>()
        .schema_from::<nestling_incidents::FaultResolution>()
        .schema_from::<nestling_incidents::FaultView>()
        .schema_from::<nestling_incidents::LockdownStart>()
        .schema_from::<nestling_incidents::LockdownLift>()
        .schema_from::<nestling_incidents::LockdownLifted>()
        .schema_from::<nestling_incidents::NewBreach>()
        .schema_from::<nestling_incidents::IcoReport>()
        .schema_from::<nestling_incidents::FamiliesMessage>()
        .schema_from::<nestling_incidents::BreachView>()
        .schema_from::<nestling_platform::records::Lockdown>()
        .schema_from::<nestling_platform::records::FaultStep>()
        .schema_from::<nestling_platform::records::AffectedChild>()
        .schema_from::<nestling_platform::records::IcoDecision>()
        .schema_from::<nestling_platform::records::FamilyNotification>()
        .schema_from::<nestling_platform::records::NotifiedGuardian>()
        .schema_from::<nestling_platform::records::NotNotified>()
        .schema_from::<nestling_domain::incidents::FaultStatus>()
        .schema_from::<nestling_domain::incidents::BreachCategory>()
        .schema_from::<nestling_domain::incidents::RiskLevel>()
        .schema_from::<nestling_domain::incidents::IcoStatus>()
        .schema("FaultPage", page("FaultView"))
        .schema_from::<nestling_settings::Networks>()
        .schema_from::<nestling_staff::AttestationBody>()
        .schema_from::<nestling_staff::offline::OfflineKeyRequest>()
        .schema_from::<nestling_staff::offline::OfflineKeyView>()
        .schema_from::<nestling_staff::offline::OfflineKeyDropped>()
        .schema_from::<nestling_staff::EmailProblemView>()
        .schema_from::<nestling_platform::records::EmailProblem>()
        .schema("EmailProblemPage", page("EmailProblemView"))
        .schema_from::<nestling_platform::records::RemoteAttestation>()
        .schema("BreachPage", page("BreachView"))
        .schema("AccidentListPage", page("AccidentListItem"))
        .schema("ContributionPage", page("ContributionView"))
        .schema("KeyChildPage", page("KeyChildView"))
        .schema("RoomPage", page("RoomView"))
        .schema("StaffPage", page("StaffView"))
        .schema("ChildPage", page("ChildSummary"))
        .schema("GuardianPage", page("GuardianView"))
        .schema("AuditPage", page("AuditEntryView"))
        .schema("Health", ObjectBuilder::new().property("status", ObjectBuilder::new().schema_type(Type::String)).required("status"))
        .schema(
            "Problem",
            ObjectBuilder::new()
                .property("type", ObjectBuilder::new().schema_type(Type::String))
                .property("title", ObjectBuilder::new().schema_type(Type::String))
                .property("status", ObjectBuilder::new().schema_type(Type::Integer))
                .property("detail", ObjectBuilder::new().schema_type(Type::String))
                .required("type")
                .required("title")
                .required("status"),
        )
        .security_scheme("cognito", SecurityScheme::Http(Http::new(HttpAuthScheme::Bearer)))
        // A paired device's own credential: `Authorization: Device <setting>.<device>.<secret>`.
        .security_scheme(
            "device",
            SecurityScheme::ApiKey(utoipa::openapi::security::ApiKey::Header(utoipa::openapi::security::ApiKeyValue::new("Authorization"))),
        )
        .build();

    let mut paths = PathsBuilder::new();
    for function in FUNCTIONS {
        let Some((method, path, auth)) = function.http() else { continue };
        let (request, status, response) = shapes(function.name);
        let success = if response.is_empty() && status == 204 {
            ResponseBuilder::new().description("Done: nothing to say")
        } else if response.is_empty() {
            ResponseBuilder::new().description("Redirect (Location) to a presigned URL valid five minutes")
        } else if response == "PdfDocument" {
            ResponseBuilder::new()
                .description("The document, as an attachment")
                .content("application/pdf", ContentBuilder::new().schema(Some(Ref::from_schema_name(response))).build())
        } else {
            ResponseBuilder::new()
                .description("Success")
                .content("application/json", ContentBuilder::new().schema(Some(Ref::from_schema_name(response))).build())
        };
        let mut operation =
            OperationBuilder::new().operation_id(Some(function.name)).tag(function.area).response(status.to_string(), success);
        for (code, why) in [
            ("400", "Unreadable request"),
            ("401", "No valid access token"),
            ("403", "Not allowed"),
            ("404", "Not found"),
            ("409", "Conflict"),
            ("422", "Invalid input"),
        ] {
            operation = operation.response(
                code,
                ResponseBuilder::new()
                    .description(why)
                    .content("application/problem+json", ContentBuilder::new().schema(Some(Ref::from_schema_name("Problem"))).build()),
            );
        }
        // Answers decided from the request alone: the body's size and type, a missing
        // If-Match where a version is changed, and the per-person rates.
        let mut decided: Vec<(&str, &str)> = Vec::new();
        if request.is_some() {
            decided.extend([("413", "Body over 64 KiB"), ("415", "Body not sent as application/json")]);
        }
        let versioned = VERSIONED.contains(&function.name);
        if versioned {
            decided.push(("428", "If-Match missing"));
        }
        if matches!(function.name, "faults-report" | "media-upload") {
            decided.push(("429", "Too many of these by one person"));
        }
        // Links and files that stop working: an invitation or transfer link used or expired,
        // a learning journey past its month.
        if matches!(
            function.name,
            "invitations-accept" | "journey-download" | "journey-transfer" | "journey-transfer-download" | "rights-export-download"
        ) {
            decided.push(("410", "Gone: used, expired or no longer kept"));
        }
        for (code, why) in decided {
            operation = operation.response(
                code,
                ResponseBuilder::new()
                    .description(why)
                    .content("application/problem+json", ContentBuilder::new().schema(Some(Ref::from_schema_name("Problem"))).build()),
            );
        }
        if versioned {
            operation = operation.parameter(
                ParameterBuilder::new()
                    .name("If-Match")
                    .parameter_in(ParameterIn::Header)
                    .required(Required::True)
                    .description(Some("The version being changed, as its ETag gave it"))
                    .schema(Some(ObjectBuilder::new().schema_type(Type::String))),
            );
        }
        if let Some(request) = request {
            operation = operation.request_body(Some(
                RequestBodyBuilder::new()
                    .required(Some(Required::True))
                    .content("application/json", ContentBuilder::new().schema(Some(Ref::from_schema_name(request))).build())
                    .build(),
            ));
        }
        for segment in path.split('/') {
            if let Some(name) = segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
                operation = operation.parameter(
                    ParameterBuilder::new()
                        .name(name)
                        .parameter_in(ParameterIn::Path)
                        .required(Required::True)
                        .schema(Some(ObjectBuilder::new().schema_type(Type::String))),
                );
            }
        }
        let query: &[(&str, Type)] = match function.name {
            "rooms-list" | "staff-list" | "journal-get" | "device-journal-get" | "child-contributions" => {
                &[("limit", Type::Integer), ("cursor", Type::String)]
            }
            // `child`: the child whose journal shows the entry (its link is checked with the request).
            "comments-list" => &[("limit", Type::Integer), ("cursor", Type::String), ("child", Type::String)],
            "comments-create" => &[("child", Type::String)],
            "contributions-list" => &[("limit", Type::Integer), ("cursor", Type::String), ("status", Type::String)],
            // `status=pending`: staff's list of posts waiting for approval.
            "posts-list" => &[("limit", Type::Integer), ("cursor", Type::String), ("status", Type::String)],
            "threads-list" => &[("limit", Type::Integer), ("cursor", Type::String)],
            // A past term (`2026-summer`); the setting's current one by default.
            "assessment-get" => &[("term", Type::String)],
            "monitoring-get" => &[("term", Type::String), ("weeks", Type::Integer)],
            // One child's parents, a room's families, or (neither) the whole setting's.
            "message-recipients" => &[("childId", Type::String), ("roomId", Type::String)],
            "observations-list" => &[
                ("limit", Type::Integer),
                ("cursor", Type::String),
                ("author", Type::String),
                ("child", Type::String),
                ("date", Type::String),
            ],
            "children-list" => &[("limit", Type::Integer), ("cursor", Type::String), ("roomId", Type::String)],
            "audit-list" => &[
                ("limit", Type::Integer),
                ("cursor", Type::String),
                ("day", Type::String),
                ("childId", Type::String),
                ("userId", Type::String),
            ],
            "media-get" => &[("variant", Type::String), ("child", Type::String)],
            // `pdf` (the default) or `archive`.
            "journey-download" | "rights-export-download" => &[("format", Type::String)],
            "medicine-permissions-list" => &[("cursor", Type::String)],
            "ratio-breaches" | "child-accidents" => &[("limit", Type::Integer), ("cursor", Type::String)],
            "register-get" | "device-register-get" | "diary-get" | "school-register-get" => &[("date", Type::String)],
            // YYYY-MM; the setting's month by default.
            "bookings-get" => &[("month", Type::String)],
            // YYYY-MM, required.
            "invoices-month" => &[("month", Type::String)],
            // A term's first day; the term today is in by default.
            "funding-headcount" => &[("term", Type::String)],
            "my-invoices" => &[("cursor", Type::String)],
            // Any day of the week (its Monday is meant); next week by default.
            "staffing-get" => &[("week", Type::String)],
            "accidents-list" => &[("status", Type::String)],
            "faults-list" => &[("limit", Type::Integer), ("cursor", Type::String), ("status", Type::String)],
            "breaches-list" | "email-problems" => &[("limit", Type::Integer), ("cursor", Type::String)],
            "child-attendance" | "timesheets-get" | "points-list" | "school-attendance-get" | "school-totals-get" => {
                &[("from", Type::String), ("to", Type::String)]
            }
            _ => &[],
        };
        for (name, ty) in query {
            operation = operation.parameter(
                ParameterBuilder::new()
                    .name(*name)
                    .parameter_in(ParameterIn::Query)
                    .required(Required::False)
                    .schema(Some(ObjectBuilder::new().schema_type(ty.clone()))),
            );
        }
        if auth == Auth::Jwt {
            operation = operation.security(SecurityRequirement::new("cognito", ["aws.cognito.signin.user.admin"]));
        }
        if auth == Auth::Device {
            operation = operation.security(SecurityRequirement::new("device", Vec::<String>::new()));
        }
        let http_method = match method {
            "GET" => HttpMethod::Get,
            "POST" => HttpMethod::Post,
            "PUT" => HttpMethod::Put,
            "PATCH" => HttpMethod::Patch,
            "DELETE" => HttpMethod::Delete,
            other => panic!("unsupported method {other}"),
        };
        paths = paths.path(path, PathItem::new(http_method, operation));
    }
    OpenApiBuilder::new()
        .info(InfoBuilder::new().title("Nestling API").version("1").build())
        .paths(paths)
        .components(Some(components))
        .build()
}

/// The document as committed: pretty JSON with a final newline.
pub fn document_json() -> String {
    serde_json::to_string_pretty(&document()).expect("the document serialises") + "\n"
}

#[cfg(test)]
mod tests {
    use super::Components;

    /// Every use case that reads If-Match (in the functions' source: the route named by the
    /// nearest `http::logged("<route>"` above an `http::if_match(` call) documents 428.
    #[test]
    fn every_route_that_reads_if_match_documents_428() {
        fn sources(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
            for entry in std::fs::read_dir(dir).unwrap().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    sources(&path, out);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    out.push(path);
                }
            }
        }
        let mut files = Vec::new();
        sources(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../functions"), &mut files);
        let mut found = std::collections::BTreeSet::new();
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap();
            let mut route = None;
            for line in text.lines() {
                if let Some(rest) = line.split("http::logged(\"").nth(1) {
                    route = rest.split('"').next().map(str::to_string);
                }
                if line.contains("http::if_match(") {
                    found.insert(route.clone().unwrap_or_else(|| panic!("{}: if_match outside a logged use case", file.display())));
                }
            }
        }
        let listed: std::collections::BTreeSet<String> = super::VERSIONED.iter().map(|s| s.to_string()).collect();
        assert_eq!(found, listed, "VERSIONED is the routes that read If-Match");
    }

    mod journal {
        #[derive(utoipa::ToSchema)]
        #[allow(dead_code)]
        pub struct EntryKind(pub String);
    }
    mod billing {
        #[derive(utoipa::ToSchema)]
        #[allow(dead_code)]
        pub struct EntryKind(pub u8);
    }

    #[test]
    #[should_panic(expected = "two schemas are named EntryKind")]
    fn two_types_of_one_name_stop_the_document() {
        let _ = Components::new().schema_from::<journal::EntryKind>().schema_from::<billing::EntryKind>().build();
    }

    #[test]
    fn the_same_type_twice_is_one_schema() {
        let built = Components::new().schema_from::<journal::EntryKind>().schema_from::<journal::EntryKind>().build();
        assert_eq!(built.schemas.len(), 1);
    }
}

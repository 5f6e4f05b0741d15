//! What the access log says was done: one value per kind of line, so an action is spelt once
//! and a search of the log by action can list them all. Stored as the text `as_str` gives
//! (`area.verb`); the texts never change once written.

macro_rules! audit_actions {
    ($($variant:ident => $text:literal,)+) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum AuditAction {
            $($variant,)+
        }

        impl AuditAction {
            pub const ALL: &'static [AuditAction] = &[$(AuditAction::$variant,)+];

            pub fn as_str(self) -> &'static str {
                match self {
                    $(AuditAction::$variant => $text,)+
                }
            }
        }
    };
}

audit_actions! {
    AbsenceReplay => "absence.replay",
    AbsenceReport => "absence.report",
    AccidentAcknowledge => "accident.acknowledge",
    AccidentRecord => "accident.record",
    AccidentReplay => "accident.replay",
    AccidentReview => "accident.review",
    AccidentsList => "accidents.list",
    AccidentsView => "accidents.view",
    AgreementAccept => "agreement.accept",
    AgreementPublish => "agreement.publish",
    AttendanceCollectionOverride => "attendance.collection.override",
    AttendanceReplay => "attendance.replay",
    AttendanceSignIn => "attendance.sign-in",
    AttendanceSignOut => "attendance.sign-out",
    AttendanceView => "attendance.view",
    BookingDecide => "booking.decide",
    BookingPatternSet => "booking.pattern.set",
    BookingReplay => "booking.replay",
    BookingRequest => "booking.request",
    BookingSetupSet => "booking.setup.set",
    BookingsView => "bookings.view",
    RotaSet => "rota.set",
    FundingSet => "funding.set",
    FundingView => "funding.view",
    BillingSet => "billing.set",
    BillingView => "billing.view",
    InvoicesIssue => "invoices.issue",
    InvoicesView => "invoices.view",
    InvoiceView => "invoice.view",
    InvoiceDownload => "invoice.download",
    InvoiceCorrect => "invoice.correct",
    PaymentRecord => "payment.record",
    RefundRecord => "refund.record",
    InvoiceOverdueReminder => "invoice.overdue-reminder",
    StatementView => "statement.view",
    FundingReminder => "funding.reminder",
    FundingHeadcount => "funding.headcount",
    DevicePair => "device.pair",
    DeviceUnpair => "device.unpair",
    DevicePinSet => "device.pin-set",
    DevicePinLocked => "device.pin-locked",
    DeviceSessionStart => "device.session-start",
    DeviceSessionEnd => "device.session-end",
    KioskPassCreate => "kiosk.pass-create",
    SchoolSet => "school.set",
    PointGive => "point.give",
    PointsView => "points.view",
    SchoolRegisterView => "school-register.view",
    SchoolRegisterMark => "school-register.mark",
    SchoolAttendanceView => "school-attendance.view",
    SchoolTotalsView => "school-totals.view",
    BreachDeadlineReminder => "breach.deadline-reminder",
    BreachIcoNotReported => "breach.ico-not-reported",
    BreachIcoReport => "breach.ico-report",
    BreachNotifyFamilies => "breach.notify-families",
    BreachRecord => "breach.record",
    BreachReplay => "breach.replay",
    BreachesList => "breaches.list",
    ChildRegister => "child.register",
    ChildRegisterReplay => "child.register.replay",
    ChildUpdate => "child.update",
    ChildView => "child.view",
    ChildrenKeyList => "children.key-list",
    ChildrenList => "children.list",
    CollectorsSet => "collectors.set",
    CommentCreate => "comment.create",
    CommentsView => "comments.view",
    ConsentsSet => "consents.set",
    ContributionApprove => "contribution.approve",
    ContributionReject => "contribution.reject",
    ContributionSubmit => "contribution.submit",
    ContributionsReviewList => "contributions.review-list",
    ContributionsView => "contributions.view",
    DiaryAdd => "diary.add",
    DiaryReplay => "diary.replay",
    DiaryView => "diary.view",
    EmailBounce => "email.bounce",
    EventReply => "event.reply",
    EventRepliesView => "event.replies.view",
    EventReminder => "event.reminder",
    EmailComplaint => "email.complaint",
    FaultConfirmFixed => "fault.confirm-fixed",
    FeedPolicySet => "feed.policy.set",
    FeedView => "feed.view",
    FaultReport => "fault.report",
    GuardianLink => "guardian.link",
    GuardianLinkReplay => "guardian.link.replay",
    GuardianRevoke => "guardian.revoke",
    GuardiansView => "guardians.view",
    InvitationAccept => "invitation.accept",
    JournalView => "journal.view",
    LockdownLift => "lockdown.lift",
    LockdownSignOut => "lockdown.sign-out",
    LockdownStart => "lockdown.start",
    MediaExpired => "media.expired",
    MediaReady => "media.ready",
    MediaRejected => "media.rejected",
    MediaUploadRequested => "media.upload-requested",
    MediaView => "media.view",
    AssessmentFrameworkSet => "assessment.framework.set",
    AssessmentJudge => "assessment.judge",
    AssessmentShare => "assessment.share",
    AssessmentView => "assessment.view",
    CheckpointsView => "assessment.checkpoints.view",
    MonitoringView => "assessment.monitoring.view",
    ProgressCheckDownload => "progress-check.download",
    ProgressCheckRespond => "progress-check.family-view",
    ProgressCheckShare => "progress-check.share",
    ProgressCheckSignOff => "progress-check.sign-off",
    ProgressCheckView => "progress-check.view",
    ProgressCheckWrite => "progress-check.write",
    SencoReferral => "child.senco-referral",
    LeavingSet => "child.leaving.set",
    LeavingCancel => "child.leaving.cancel",
    JourneyRequest => "journey.request",
    JourneysView => "journeys.view",
    JourneyDownload => "journey.download",
    JourneyMade => "journey.made",
    JourneyTransfer => "journey.transfer",
    JourneyTransferDownload => "journey.transfer.download",
    AccessEndingNotice => "child.access-ending.notice",
    RightsRequestMade => "rights-request.make",
    RightsRequestsView => "rights-requests.view",
    RightsRequestExtended => "rights-request.extend",
    RightsRequestAnswered => "rights-request.answer",
    RightsRequestReminder => "rights-request.reminder",
    RightsErasureApproved => "rights-request.erasure.approve",
    RightsExportGather => "rights-export.gather",
    RightsExportGathered => "rights-export.gathered",
    RightsExportView => "rights-export.view",
    RightsExportWithhold => "rights-export.withhold",
    RightsExportInclude => "rights-export.include",
    RightsExportRelease => "rights-export.release",
    RightsExportMade => "rights-export.made",
    RightsExportDownload => "rights-export.download",
    RetentionSet => "retention.set",
    LegalHoldPlace => "child.legal-hold.place",
    LegalHoldLift => "child.legal-hold.lift",
    RetentionDelete => "retention.delete",
    RetentionErased => "child.retention.erased",
    MessageAlert => "message.alert",
    MessageSend => "message.send",
    MessageUrgent => "message.urgent",
    MessageWithdraw => "message.withdraw",
    MessagesInboxView => "messages.inbox.view",
    MessagesPolicySet => "messages.policy.set",
    MessagesThreadView => "messages.thread.view",
    MessageBroadcast => "message.broadcast",
    HouseholdSet => "guardian.household.set",
    MedicineDose => "medicine.dose",
    MedicineDoseReplay => "medicine.dose.replay",
    MedicinePermissionSet => "medicine.permission.set",
    MedicinePermissionsView => "medicine.permissions.view",
    NetworksSet => "networks.set",
    OfflineKeyDrop => "offline-key.drop",
    OfflineKeyIssue => "offline-key.issue",
    ObservationEdit => "observation.edit",
    ObservationPublish => "observation.publish",
    ObservationUnpublish => "observation.unpublish",
    ObservationsReview => "observations.review",
    PostApprove => "post.approve",
    PostPin => "post.pin",
    PostPublish => "post.publish",
    PostSubmit => "post.submit",
    PostView => "post.view",
    PostWithdraw => "post.withdraw",
    RatioBreachEnd => "ratio.breach.end",
    RatioBreachStart => "ratio.breach.start",
    RegisterView => "register.view",
    RemoteAccessAttest => "remote-access.attest",
    RoomCreate => "room.create",
    SafeguardingHoldLift => "safeguarding.hold.lift",
    SafeguardingHoldPlace => "safeguarding.hold.place",
    SettingCreate => "setting.create",
    StaffClockIn => "staff.clock.in",
    StaffClockOut => "staff.clock.out",
    StaffInvite => "staff.invite",
    StaffRevoke => "staff.revoke",
}

impl std::fmt::Display for AuditAction {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn every_action_is_spelt_once_as_area_dot_verb() {
        let texts: BTreeSet<&str> = AuditAction::ALL.iter().map(|a| a.as_str()).collect();
        assert_eq!(texts.len(), AuditAction::ALL.len(), "two actions share a text");
        for text in texts {
            let parts: Vec<&str> = text.split('.').collect();
            assert!(parts.len() >= 2, "{text}: area.verb");
            assert!(parts.iter().all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_lowercase() || c == '-')), "{text}");
        }
    }
}

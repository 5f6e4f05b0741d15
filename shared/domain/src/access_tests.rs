use super::*;
use proptest::prelude::*;

fn role() -> impl Strategy<Value = Role> {
    prop_oneof![Just(Role::Manager), Just(Role::Practitioner), Just(Role::Parent), Just(Role::Family)]
}
fn status() -> impl Strategy<Value = MembershipStatus> {
    prop_oneof![Just(MembershipStatus::Invited), Just(MembershipStatus::Active), Just(MembershipStatus::Revoked)]
}
fn link() -> impl Strategy<Value = Link> {
    (prop_oneof![Just(GuardianAccess::Parent), Just(GuardianAccess::Family)], any::<bool>(), any::<bool>())
        .prop_map(|(access, revoked, parental_responsibility)| Link { access, revoked, parental_responsibility })
}
fn stage() -> impl Strategy<Value = LeavingStage> {
    prop_oneof![Just(LeavingStage::Attending), Just(LeavingStage::Left), Just(LeavingStage::AccessEnded)]
}
fn relation() -> impl Strategy<Value = ChildRelation> {
    (any::<bool>(), proptest::option::of(link()), any::<bool>(), stage()).prop_map(|(key_person, link, held, leaving)| ChildRelation {
        key_person,
        link,
        held,
        remote_consent: false,
        leaving,
    })
}
fn principal() -> impl Strategy<Value = Principal> {
    (any::<bool>(), proptest::option::of((role(), status())), any::<bool>(), any::<bool>(), proptest::option::of(relation())).prop_map(
        |(operator, m, agreement_accepted, live_link, child)| Principal {
            operator,
            membership: m.map(|(role, status)| Membership { role, status }),
            agreement_accepted,
            live_link,
            child,
            lockdown: false,
            off_premises: false,
            remote_attested: false,
            mfa_enrolled: true,
            device: None,
        },
    )
}
fn action() -> impl Strategy<Value = Action> {
    proptest::sample::select(Action::ALL.to_vec())
}
fn child_action() -> impl Strategy<Value = Action> {
    proptest::sample::select(Action::ALL.into_iter().filter(|a| a.is_child_scoped()).collect::<Vec<_>>())
}

fn active(role: Role) -> Principal {
    Principal {
        operator: false,
        membership: Some(Membership { role, status: MembershipStatus::Active }),
        agreement_accepted: true,
        live_link: true,
        child: Some(ChildRelation::default()),
        lockdown: false,
        off_premises: false,
        remote_attested: false,
        mfa_enrolled: true,
        device: None,
    }
}
fn linked(access: GuardianAccess) -> Principal {
    let link = Link { access, revoked: false, parental_responsibility: true };
    Principal { child: Some(ChildRelation { link: Some(link), ..Default::default() }), ..active(access.role()) }
}

#[test]
fn the_foundation_matrix() {
    use Action::*;
    let m = active(Role::Manager);
    let p = active(Role::Practitioner);
    let parent = active(Role::Parent);
    let family = active(Role::Family);
    for a in [ViewSetting, CreateRoom, ListRooms, InviteStaff, ListStaff, RevokeStaff] {
        assert_eq!(decide(&m, a), Decision::Allow, "manager {a:?}");
    }
    for a in [ViewSetting, ListRooms, ListStaff] {
        assert_eq!(decide(&p, a), Decision::Allow, "practitioner {a:?}");
    }
    for a in [CreateRoom, InviteStaff, RevokeStaff] {
        assert_eq!(decide(&p, a), Decision::Forbidden, "practitioner {a:?}");
    }
    for who in [parent, family] {
        assert_eq!(decide(&who, ViewSetting), Decision::Allow);
        for a in [CreateRoom, ListRooms, InviteStaff, ListStaff, RevokeStaff] {
            assert_eq!(decide(&who, a), Decision::Forbidden);
        }
    }
    let operator = Principal { operator: true, mfa_enrolled: true, ..Default::default() };
    assert_eq!(decide(&operator, CreateSetting), Decision::Allow);
    assert_eq!(decide(&Principal { mfa_enrolled: false, ..operator }, CreateSetting), Decision::MfaRequired);
    assert_eq!(decide(&operator, ViewSetting), Decision::Hidden);
    assert_eq!(decide(&m, CreateSetting), Decision::Forbidden);
}

#[test]
fn the_feed_matrix() {
    use Action::*;
    let m = active(Role::Manager);
    let p = active(Role::Practitioner);
    let parent = active(Role::Parent);
    let family = active(Role::Family);
    for a in [ViewFeed, CreatePost, ManagePost, ApprovePost, SetFeedPolicy] {
        assert_eq!(decide(&m, a), Decision::Allow, "manager {a:?}");
    }
    for a in [ViewFeed, CreatePost, ManagePost] {
        assert_eq!(decide(&p, a), Decision::Allow, "practitioner {a:?}");
    }
    for a in [ApprovePost, SetFeedPolicy] {
        assert_eq!(decide(&p, a), Decision::Forbidden, "practitioner {a:?}");
    }
    for who in [parent, family] {
        assert_eq!(decide(&who, ViewFeed), Decision::Allow, "news is for every family");
        assert_eq!(decide(&Principal { agreement_accepted: false, ..who }, ViewFeed), Decision::AgreementRequired);
        assert_eq!(decide(&Principal { lockdown: true, ..who }, ViewFeed), Decision::Lockdown);
        for a in [CreatePost, ManagePost, ApprovePost, SetFeedPolicy] {
            assert_eq!(decide(&who, a), Decision::Forbidden, "{a:?}");
        }
    }
    // Replies are per child, through a live parent link; staff never reply for a family.
    assert_eq!(decide(&linked(GuardianAccess::Parent), ReplyToEvent), Decision::Allow);
    assert_eq!(decide(&linked(GuardianAccess::Family), ReplyToEvent), Decision::Forbidden);
    let with_child = |who: Principal| Principal { child: Some(ChildRelation::default()), ..who };
    assert_eq!(decide(&with_child(m), ReplyToEvent), Decision::Forbidden);
    assert_eq!(decide(&with_child(p), ReplyToEvent), Decision::Forbidden);
}

#[test]
fn the_messages_matrix() {
    use Action::*;
    let m = active(Role::Manager);
    let p = active(Role::Practitioner);
    for a in [ViewMessages, SendMessage, SendBroadcast, SetMessagingPolicy] {
        assert_eq!(decide(&m, a), Decision::Allow, "manager {a:?}");
    }
    for a in [ViewMessages, SendMessage, SendBroadcast] {
        assert_eq!(decide(&p, a), Decision::Allow, "practitioner {a:?}");
    }
    assert_eq!(decide(&p, SetMessagingPolicy), Decision::Forbidden);
    for who in [active(Role::Parent), active(Role::Family)] {
        for a in [ViewMessages, SendMessage] {
            assert_eq!(decide(&who, a), Decision::Allow, "{a:?}: the use case decides each thread");
            assert_eq!(decide(&Principal { agreement_accepted: false, ..who }, a), Decision::AgreementRequired);
            assert_eq!(decide(&Principal { lockdown: true, ..who }, a), Decision::Lockdown, "families neither read nor send in lockdown");
            assert_eq!(decide(&Principal { live_link: false, ..who }, a), Decision::Revoked);
        }
        for a in [SendBroadcast, SetMessagingPolicy] {
            assert_eq!(decide(&who, a), Decision::Forbidden, "{a:?}");
        }
    }
    // A thread about a child: staff, and a parent through a live parent link, never family
    // access, a hold or a revoked link.
    let with_child = |who: Principal| Principal { child: Some(ChildRelation::default()), ..who };
    assert_eq!(decide(&with_child(m), StartThread), Decision::Allow);
    assert_eq!(decide(&with_child(p), StartThread), Decision::Allow);
    assert_eq!(decide(&linked(GuardianAccess::Parent), StartThread), Decision::Allow);
    assert_eq!(decide(&linked(GuardianAccess::Family), StartThread), Decision::Forbidden);
    let held = linked(GuardianAccess::Parent);
    let held = Principal { child: held.child.map(|c| ChildRelation { held: true, ..c }), ..held };
    assert_eq!(decide(&held, StartThread), Decision::Suspended);
    // Households are the managers' to mark.
    assert_eq!(decide(&with_child(m), SetHousehold), Decision::Allow);
    assert_eq!(decide(&with_child(p), SetHousehold), Decision::Forbidden);
    assert_eq!(decide(&linked(GuardianAccess::Parent), SetHousehold), Decision::Forbidden);
}

#[test]
fn the_assessment_matrix() {
    use Action::*;
    let m = active(Role::Manager);
    let p = active(Role::Practitioner);
    let with_child =
        |who: Principal, key_person: bool| Principal { child: Some(ChildRelation { key_person, ..Default::default() }), ..who };
    assert_eq!(decide(&m, SetAssessmentFramework), Decision::Allow);
    assert_eq!(decide(&p, SetAssessmentFramework), Decision::Forbidden);
    for who in [m, p] {
        assert_eq!(decide(&who, ListCheckpoints), Decision::Allow);
        assert_eq!(decide(&with_child(who, false), ViewAssessment), Decision::Allow);
    }
    // Judging is the key person's (and the managers'); a referral to the SENCo the managers'.
    assert_eq!(decide(&with_child(p, true), JudgeChild), Decision::Allow);
    assert_eq!(decide(&with_child(p, false), JudgeChild), Decision::Forbidden);
    assert_eq!(decide(&with_child(m, false), JudgeChild), Decision::Allow);
    assert_eq!(decide(&with_child(m, false), ReferToSenco), Decision::Allow);
    assert_eq!(decide(&with_child(p, true), ReferToSenco), Decision::Forbidden);
    // A parent views (the use case shows only what was shared); family access sees nothing.
    assert_eq!(decide(&linked(GuardianAccess::Parent), ViewAssessment), Decision::Allow);
    assert_eq!(decide(&linked(GuardianAccess::Family), ViewAssessment), Decision::Forbidden);
    for a in [JudgeChild, ReferToSenco] {
        assert_eq!(decide(&linked(GuardianAccess::Parent), a), Decision::Forbidden);
    }
    for a in [ListCheckpoints, SetAssessmentFramework, ViewMonitoring] {
        assert_eq!(decide(&active(Role::Parent), a), Decision::Forbidden);
    }
    assert_eq!(decide(&m, ViewMonitoring), Decision::Allow);
    // The progress check at two: parents with parental responsibility answer it, managers sign it off.
    assert_eq!(decide(&linked(GuardianAccess::Parent), RespondToProgressCheck), Decision::Allow);
    assert_eq!(decide(&with_child(m, false), RespondToProgressCheck), Decision::Forbidden, "the family's own answer");
    assert_eq!(decide(&with_child(m, false), SignOffProgressCheck), Decision::Allow);
    assert_eq!(decide(&with_child(p, true), SignOffProgressCheck), Decision::Forbidden);
    assert_eq!(decide(&linked(GuardianAccess::Parent), SignOffProgressCheck), Decision::Forbidden);
    assert_eq!(decide(&p, ViewMonitoring), Decision::Forbidden, "what managers monitor");
}

#[test]
fn the_children_matrix() {
    use Action::*;
    let m = active(Role::Manager);
    let p = active(Role::Practitioner);
    let key_person = Principal { child: Some(ChildRelation { key_person: true, ..Default::default() }), ..p };
    let parent = linked(GuardianAccess::Parent);
    let family = linked(GuardianAccess::Family);
    for a in [
        RegisterChild,
        ListChildren,
        ViewAudit,
        PublishAgreement,
        ViewChild,
        UpdateChild,
        ReassignChild,
        LinkGuardian,
        ListGuardians,
        RevokeGuardian,
        PlaceHold,
        LiftHold,
    ] {
        assert_eq!(decide(&m, a), Decision::Allow, "manager {a:?}");
    }
    assert_eq!(decide(&m, SetConsents), Decision::Forbidden);
    for a in [ListChildren, ViewChild, ListGuardians, ViewAgreement] {
        assert_eq!(decide(&p, a), Decision::Allow, "practitioner {a:?}");
    }
    assert_eq!(decide(&p, UpdateChild), Decision::Forbidden);
    assert_eq!(decide(&key_person, UpdateChild), Decision::Allow);
    assert_eq!(decide(&key_person, ReassignChild), Decision::Forbidden);
    for a in [ViewChild, ListGuardians, SetConsents, AcceptAgreement, ViewAgreement] {
        assert_eq!(decide(&parent, a), Decision::Allow, "parent {a:?}");
    }
    for a in [UpdateChild, LinkGuardian, PlaceHold, ListChildren, ViewAudit] {
        assert_eq!(decide(&parent, a), Decision::Forbidden, "parent {a:?}");
    }
    for a in [ViewChild, ListGuardians, SetConsents] {
        assert_eq!(decide(&family, a), Decision::Forbidden, "family {a:?}");
    }
    assert_eq!(decide(&family, AcceptAgreement), Decision::Allow);
    // The states of a parent's link, one at a time.
    let unlinked = active(Role::Parent);
    assert_eq!(decide(&unlinked, ViewChild), Decision::Hidden);
    let pending = Principal { agreement_accepted: false, ..parent };
    assert_eq!(decide(&pending, ViewChild), Decision::AgreementRequired);
    let mut held = parent;
    held.child.as_mut().unwrap().held = true;
    assert_eq!(decide(&held, ViewChild), Decision::Suspended);
    let mut revoked = parent;
    revoked.child.as_mut().unwrap().link.as_mut().unwrap().revoked = true;
    assert_eq!(decide(&revoked, ViewChild), Decision::Revoked);
    let mut no_responsibility = parent;
    no_responsibility.child.as_mut().unwrap().link.as_mut().unwrap().parental_responsibility = false;
    assert_eq!(decide(&no_responsibility, ViewChild), Decision::Allow);
    assert_eq!(decide(&no_responsibility, SetConsents), Decision::Forbidden);
    // A child that does not exist is hidden from everyone, managers included.
    assert_eq!(decide(&Principal { child: None, ..m }, ViewChild), Decision::Hidden);
}

#[test]
fn the_journal_matrix() {
    use Action::*;
    let m = active(Role::Manager);
    let p = active(Role::Practitioner);
    let parent = linked(GuardianAccess::Parent);
    let family = linked(GuardianAccess::Family);
    for a in [
        UploadMedia,
        ViewMedia,
        CreateObservation,
        EditObservation,
        ListObservations,
        UnpublishObservation,
        ViewJournal,
        Comment,
        ListComments,
    ] {
        assert_eq!(decide(&m, a), Decision::Allow, "manager {a:?}");
    }
    for a in [UploadMedia, ViewMedia, CreateObservation, EditObservation, ViewJournal, Comment, ListComments] {
        assert_eq!(decide(&p, a), Decision::Allow, "practitioner {a:?}");
    }
    for a in [ListObservations, UnpublishObservation] {
        assert_eq!(decide(&p, a), Decision::Forbidden, "practitioner {a:?}");
    }
    for a in [UploadMedia, ViewMedia, ViewJournal, Comment, ListComments] {
        assert_eq!(decide(&parent, a), Decision::Allow, "parent {a:?}");
        assert_eq!(decide(&Principal { agreement_accepted: false, ..parent }, a), Decision::AgreementRequired, "parent {a:?}");
        assert_eq!(decide(&family, a), Decision::Forbidden, "family {a:?}");
    }
    for a in
        [CreateObservation, EditObservation, ListObservations, UnpublishObservation, ListContributions, ReviewContribution, ListKeyChildren]
    {
        assert_eq!(decide(&parent, a), Decision::Forbidden, "parent {a:?}");
    }
    // Contributions: the family writes them, staff review them.
    assert_eq!(decide(&parent, Contribute), Decision::Allow);
    assert_eq!(decide(&parent, ListChildContributions), Decision::Allow);
    assert_eq!(decide(&family, Contribute), Decision::Forbidden);
    for staff in [m, p] {
        assert_eq!(decide(&staff, Contribute), Decision::Forbidden);
        for a in [ListChildContributions, ListContributions, ReviewContribution, ListKeyChildren] {
            assert_eq!(decide(&staff, a), Decision::Allow, "{a:?}");
        }
    }
}

#[test]
fn the_daily_care_matrix() {
    use Action::*;
    let m = active(Role::Manager);
    let p = active(Role::Practitioner);
    let parent = linked(GuardianAccess::Parent);
    let family = linked(GuardianAccess::Family);
    for staff in [m, p] {
        for a in [RecordAttendance, ViewAttendance, ViewRegister, ClockInOut, ViewRatios, ViewRatioBreaches] {
            assert_eq!(decide(&staff, a), Decision::Allow, "{a:?}");
        }
        // The family's own records.
        for a in [SetCollectors, ReportAbsence] {
            assert_eq!(decide(&staff, a), Decision::Forbidden, "{a:?}");
        }
    }
    assert_eq!(decide(&m, ViewTimesheets), Decision::Allow);
    assert_eq!(decide(&p, ViewTimesheets), Decision::Forbidden);
    for a in [SetCollectors, ViewAttendance, ReportAbsence] {
        assert_eq!(decide(&parent, a), Decision::Allow, "parent {a:?}");
        assert_eq!(decide(&family, a), Decision::Forbidden, "family {a:?}");
    }
    for a in [RecordAttendance, ViewRegister, ClockInOut, ViewTimesheets, ViewRatios, ViewRatioBreaches] {
        assert_eq!(decide(&parent, a), Decision::Forbidden, "parent {a:?}");
    }
    let mut no_responsibility = parent;
    no_responsibility.child.as_mut().unwrap().link.as_mut().unwrap().parental_responsibility = false;
    assert_eq!(decide(&no_responsibility, SetCollectors), Decision::Forbidden);
    assert_eq!(decide(&no_responsibility, ReportAbsence), Decision::Allow);
    // Diary, medicines, accidents.
    for staff in [m, p] {
        for a in [AddDiary, ViewDiary, GiveMedicine, RecordAccident, ListAccidents, ViewChildAccidents] {
            assert_eq!(decide(&staff, a), Decision::Allow, "{a:?}");
        }
        for a in [SetMedicinePermission, AcknowledgeAccident] {
            assert_eq!(decide(&staff, a), Decision::Forbidden, "{a:?}");
        }
    }
    assert_eq!(decide(&m, ReviewAccident), Decision::Allow);
    assert_eq!(decide(&p, ReviewAccident), Decision::Forbidden);
    for a in [ViewDiary, SetMedicinePermission, AcknowledgeAccident, ViewChildAccidents] {
        assert_eq!(decide(&parent, a), Decision::Allow, "parent {a:?}");
        assert_eq!(decide(&family, a), Decision::Forbidden, "family {a:?}");
    }
    for a in [AddDiary, GiveMedicine, RecordAccident, ReviewAccident, ListAccidents] {
        assert_eq!(decide(&parent, a), Decision::Forbidden, "parent {a:?}");
    }
    assert_eq!(decide(&no_responsibility, SetMedicinePermission), Decision::Forbidden);
}

#[test]
fn faults_are_anyones_to_report_the_rest_is_managers() {
    use Action::*;
    let m = active(Role::Manager);
    let p = active(Role::Practitioner);
    let parent = linked(GuardianAccess::Parent);
    let family = linked(GuardianAccess::Family);
    for who in [m, p, parent, family] {
        assert_eq!(decide(&who, ReportFault), Decision::Allow);
    }
    for a in [
        ListFaults,
        ResolveFault,
        StartLockdown,
        LiftLockdown,
        RecordBreach,
        ListBreaches,
        RecordIcoDecision,
        NotifyBreachFamilies,
        ListEmailProblems,
        SetNetworks,
    ] {
        assert_eq!(decide(&m, a), Decision::Allow, "manager {a:?}");
        for who in [p, parent, family] {
            assert_eq!(decide(&who, a), Decision::Forbidden, "{a:?}");
        }
    }
}

#[test]
fn lockdown_stops_families_and_staff_changes_but_not_managers() {
    use Action::*;
    let locked = |p: Principal| Principal { lockdown: true, ..p };
    let m = locked(active(Role::Manager));
    let p = locked(active(Role::Practitioner));
    let parent = locked(linked(GuardianAccess::Parent));
    for a in [ViewJournal, ViewSetting, ViewAgreement, AcceptAgreement, ReportFault] {
        assert_eq!(decide(&parent, a), Decision::Lockdown, "parent {a:?}");
    }
    for a in [ViewJournal, ViewRegister, ListChildren, ReportFault] {
        assert_eq!(decide(&p, a), Decision::Allow, "practitioner {a:?}");
    }
    for a in [CreateObservation, RecordAttendance, ClockInOut, AddDiary, UploadMedia, Comment] {
        assert_eq!(decide(&p, a), Decision::Lockdown, "practitioner {a:?}");
    }
    for a in [LiftLockdown, CreateObservation, RevokeGuardian, PlaceHold, NotifyBreachFamilies] {
        assert_eq!(decide(&m, a), Decision::Allow, "manager {a:?}");
    }
}

#[test]
fn off_premises_staff_attest_first_and_practitioners_see_consented_key_children_only() {
    use Action::*;
    let away = |p: Principal, attested: bool| Principal { off_premises: true, remote_attested: attested, ..p };
    let kid = |key_person: bool, remote_consent: bool| Some(ChildRelation { key_person, remote_consent, ..Default::default() });
    let p = active(Role::Practitioner);
    let m = active(Role::Manager);
    for staff in [p, m] {
        assert_eq!(decide(&away(staff, false), ViewChild), Decision::RemoteAttestationRequired);
        assert_eq!(decide(&away(staff, false), ListChildren), Decision::RemoteAttestationRequired);
        assert_eq!(decide(&away(staff, false), AttestRemoteAccess), Decision::Allow);
        assert_eq!(decide(&away(staff, false), ReportFault), Decision::Allow);
    }
    let attested = away(p, true);
    assert_eq!(decide(&Principal { child: kid(true, true), ..attested }, ViewJournal), Decision::Allow);
    assert_eq!(decide(&Principal { child: kid(true, true), ..attested }, UpdateChild), Decision::Allow);
    assert_eq!(decide(&Principal { child: kid(true, false), ..attested }, ViewJournal), Decision::OffPremises, "no consent");
    assert_eq!(decide(&Principal { child: kid(false, true), ..attested }, ViewJournal), Decision::OffPremises, "not their key child");
    assert_eq!(decide(&Principal { child: None, ..attested }, ViewJournal), Decision::Hidden);
    for a in [ListChildren, ViewRegister, CreateObservation, ListContributions, ViewRatios] {
        assert_eq!(decide(&attested, a), Decision::OffPremises, "{a:?}");
    }
    assert_eq!(decide(&attested, ListKeyChildren), Decision::Allow);
    // Managers with an attestation carry on (a lockdown may need them at night).
    for a in [ListChildren, StartLockdown, SetNetworks, ViewAudit] {
        assert_eq!(decide(&away(m, true), a), Decision::Allow, "{a:?}");
    }
    // Parents are never subject to it.
    let parent = linked(GuardianAccess::Parent);
    assert_eq!(decide(&away(parent, false), ViewJournal), Decision::Allow);
}

#[test]
fn link_status_is_derived_most_severe_first() {
    assert_eq!(link_status(true, true, Some(1), 1), LinkStatus::Revoked);
    assert_eq!(link_status(false, true, None, 1), LinkStatus::Suspended);
    assert_eq!(link_status(false, false, None, 1), LinkStatus::PendingAgreement);
    assert_eq!(link_status(false, false, Some(1), 2), LinkStatus::PendingAgreement);
    assert_eq!(link_status(false, false, Some(2), 2), LinkStatus::Active);
}

#[test]
fn a_leaver_s_family_reads_until_access_ends_and_staff_stop_recording_their_day() {
    let left = |p: Principal, leaving: LeavingStage| Principal { child: p.child.map(|c| ChildRelation { leaving, ..c }), ..p };
    let parent = left(linked(GuardianAccess::Parent), LeavingStage::Left);
    for action in [Action::ViewJournal, Action::ViewDiary, Action::ViewAssessment, Action::ViewJourney, Action::RequestJourney] {
        assert_eq!(decide(&parent, action), Decision::Allow, "{action:?}");
    }
    for action in [Action::Contribute, Action::ReportAbsence, Action::SetConsents, Action::StartThread, Action::AcknowledgeAccident] {
        assert_eq!(decide(&parent, action), Decision::ChildLeft, "{action:?}");
    }
    let ended = left(linked(GuardianAccess::Parent), LeavingStage::AccessEnded);
    assert_eq!(decide(&ended, Action::ViewJournal), Decision::AccessEnded);
    assert_eq!(decide(&ended, Action::ViewJourney), Decision::AccessEnded);
    // A family member (not a parent) never sees journeys, before or after.
    assert_eq!(decide(&linked(GuardianAccess::Family), Action::ViewJourney), Decision::Forbidden);
    for role in [Role::Manager, Role::Practitioner] {
        let staff = left(active(role), LeavingStage::Left);
        assert_eq!(decide(&staff, Action::RecordAttendance), Decision::ChildLeft);
        assert_eq!(decide(&staff, Action::AddDiary), Decision::ChildLeft);
        assert_eq!(decide(&staff, Action::ViewJournal), Decision::Allow, "the records stay the setting's");
    }
    let manager = left(active(Role::Manager), LeavingStage::AccessEnded);
    for action in [Action::SetLeaving, Action::RequestJourney, Action::ViewJourney, Action::TransferJourney] {
        assert_eq!(decide(&manager, action), Decision::Allow, "{action:?}");
    }
    let practitioner = active(Role::Practitioner);
    for action in [Action::SetLeaving, Action::RequestJourney, Action::ViewJourney, Action::TransferJourney] {
        assert_eq!(decide(&practitioner, action), Decision::Forbidden, "{action:?}");
    }
    // Only parents with parental responsibility have a copy made.
    let mut no_pr = linked(GuardianAccess::Parent);
    no_pr.child.as_mut().unwrap().link.as_mut().unwrap().parental_responsibility = false;
    assert_eq!(decide(&no_pr, Action::RequestJourney), Decision::Forbidden);
    assert_eq!(decide(&no_pr, Action::ViewJourney), Decision::Allow);
}

#[test]
fn everyone_held_about_may_ask_and_only_managers_keep_the_clock() {
    // About oneself: every member, whatever their role or whether they accepted the terms.
    let mut pending = linked(GuardianAccess::Family);
    pending.agreement_accepted = false;
    for p in [active(Role::Manager), active(Role::Practitioner), linked(GuardianAccess::Parent), linked(GuardianAccess::Family), pending] {
        assert_eq!(decide(&Principal { child: None, ..p }, Action::AskAboutSelf), Decision::Allow, "{p:?}");
        assert_eq!(decide(&Principal { child: None, ..p }, Action::ListDataRequests), Decision::Allow);
    }
    // About a child: a parent with parental responsibility (also after the child left), or a
    // manager logging one; never a practitioner or family access.
    let left = |p: Principal, leaving: LeavingStage| Principal { child: p.child.map(|c| ChildRelation { leaving, ..c }), ..p };
    assert_eq!(decide(&linked(GuardianAccess::Parent), Action::AskAboutChild), Decision::Allow);
    assert_eq!(decide(&left(linked(GuardianAccess::Parent), LeavingStage::Left), Action::AskAboutChild), Decision::Allow);
    assert_eq!(decide(&linked(GuardianAccess::Family), Action::AskAboutChild), Decision::Forbidden);
    let mut no_pr = linked(GuardianAccess::Parent);
    no_pr.child.as_mut().unwrap().link.as_mut().unwrap().parental_responsibility = false;
    assert_eq!(decide(&no_pr, Action::AskAboutChild), Decision::Forbidden);
    assert_eq!(decide(&active(Role::Manager), Action::AskAboutChild), Decision::Allow);
    assert_eq!(decide(&active(Role::Practitioner), Action::AskAboutChild), Decision::Forbidden);
    for p in [active(Role::Practitioner), linked(GuardianAccess::Parent)] {
        assert_eq!(decide(&Principal { child: None, ..p }, Action::ManageDataRequests), Decision::Forbidden);
    }
    assert_eq!(decide(&Principal { child: None, ..active(Role::Manager) }, Action::ManageDataRequests), Decision::Allow);
}

proptest! {
    /// After the leaving day a family only reads (and asks for their copy); once access ended
    /// they do nothing at all with the child.
    #[test]
    fn a_leaver_s_family_never_writes(p in principal(), a in child_action()) {
        let guardian = matches!(p.membership, Some(Membership { role: Role::Parent | Role::Family, .. }));
        let stage = p.child.map(|c| c.leaving).unwrap_or_default();
        if guardian && decide(&p, a) == Decision::Allow {
            prop_assert!(stage != LeavingStage::AccessEnded);
            if stage == LeavingStage::Left {
                prop_assert!(a.is_read() || matches!(a, Action::RequestJourney | Action::AskAboutChild), "{:?}", a);
            }
        }
    }

    #[test]
    fn nobody_without_an_active_membership_touches_a_setting(p in principal(), a in action()) {
        let active = matches!(p.membership, Some(Membership { status: MembershipStatus::Active, .. }));
        if a.is_setting_scoped() && !active {
            prop_assert!(!decide(&p, a).is_allowed());
        }
    }

    #[test]
    fn a_guardian_without_a_live_link_touches_nothing_of_the_setting(p in principal(), a in action()) {
        let guardian = matches!(p.membership, Some(Membership { role: Role::Parent | Role::Family, .. }));
        if guardian && a.is_setting_scoped() {
            let unlinked = Principal { live_link: false, ..p };
            prop_assert!(!decide(&unlinked, a).is_allowed());
        }
    }

    #[test]
    fn lockdown_only_ever_takes_away(p in principal(), a in action()) {
        let locked = Principal { lockdown: true, ..p };
        if decide(&locked, a).is_allowed() {
            prop_assert!(decide(&p, a).is_allowed());
        }
        if matches!(p.membership, Some(Membership { role: Role::Parent | Role::Family, .. })) && a.is_setting_scoped() {
            prop_assert!(!decide(&locked, a).is_allowed());
        }
    }

    #[test]
    fn being_off_premises_only_ever_takes_away(p in principal(), a in action(), attested in any::<bool>(), consent in any::<bool>()) {
        let p = Principal { child: p.child.map(|c| ChildRelation { remote_consent: consent, ..c }), ..p };
        let away = Principal { off_premises: true, remote_attested: attested, ..p };
        if decide(&away, a).is_allowed() {
            prop_assert!(decide(&p, a).is_allowed());
        }
    }

    #[test]
    fn only_operators_create_settings(p in principal()) {
        prop_assert_eq!(decide(&p, Action::CreateSetting).is_allowed(), p.operator);
    }

    #[test]
    fn being_an_operator_grants_nothing_inside_a_setting(p in principal(), a in action()) {
        prop_assume!(a.is_setting_scoped());
        let without = Principal { operator: false, ..p };
        prop_assert_eq!(decide(&p, a), decide(&without, a));
    }

    #[test]
    fn managers_may_do_whatever_any_other_staff_member_may(a in action(), rel in relation()) {
        prop_assume!(a.is_setting_scoped());
        let practitioner = Principal { child: Some(rel), ..active(Role::Practitioner) };
        if decide(&practitioner, a).is_allowed() {
            let manager = Principal { child: Some(rel), ..active(Role::Manager) };
            prop_assert!(decide(&manager, a).is_allowed());
        }
    }

    /// Rule 15: a member of staff or an operator without an authenticator does nothing until
    /// they enrol; parents and family are not asked for one.
    #[test]
    fn staff_without_mfa_may_do_nothing(p in principal(), a in action()) {
        let without = Principal { mfa_enrolled: false, ..p };
        let staff = matches!(p.membership, Some(Membership { role: Role::Manager | Role::Practitioner, status: MembershipStatus::Active }));
        if a.is_setting_scoped() && staff {
            prop_assert_eq!(decide(&without, a), Decision::MfaRequired);
        }
        if a == Action::CreateSetting && p.operator {
            prop_assert_eq!(decide(&without, a), Decision::MfaRequired);
        }
        if a.is_setting_scoped() && matches!(p.membership, Some(Membership { role: Role::Parent | Role::Family, .. })) {
            prop_assert_eq!(decide(&without, a), decide(&p, a));
        }
    }

    #[test]
    fn strangers_are_told_nothing_exists(operator in any::<bool>(), a in action(), rel in proptest::option::of(relation())) {
        prop_assume!(a.is_setting_scoped());
        let stranger = Principal { operator, membership: None, agreement_accepted: true, live_link: false, child: rel, lockdown: false, off_premises: false, remote_attested: false, mfa_enrolled: false, device: None };
        prop_assert_eq!(decide(&stranger, a), Decision::Hidden);
    }

    /// Rule 1 and 2: a guardian reaches a child's data only through their own link that
    /// is not revoked, not held, of `parent` access, with the current agreement accepted.
    #[test]
    fn guardians_see_a_child_only_through_a_live_parent_link(p in principal(), a in child_action()) {
        let guardian = matches!(p.membership, Some(Membership { role: Role::Parent | Role::Family, .. }));
        prop_assume!(guardian);
        if decide(&p, a).is_allowed() {
            let child = p.child.expect("a child");
            let link = child.link.expect("a link");
            prop_assert!(!link.revoked && !child.held && link.access == GuardianAccess::Parent && p.agreement_accepted);
            prop_assert!(matches!(
                a,
                Action::ViewChild
                    | Action::ListGuardians
                    | Action::SetConsents
                    | Action::ViewJournal
                    | Action::Contribute
                    | Action::ListChildContributions
                    | Action::SetCollectors
                    | Action::ViewAttendance
                    | Action::ReportAbsence
                    | Action::ViewDiary
                    | Action::SetMedicinePermission
                    | Action::AcknowledgeAccident
                    | Action::ViewChildAccidents
                    | Action::ReplyToEvent
                    | Action::StartThread
                    | Action::ViewAssessment
                    | Action::RespondToProgressCheck
                    | Action::ViewJourney
                    | Action::RequestJourney
                    | Action::AskAboutChild
                    | Action::ViewBookings
                    | Action::RequestBooking
                    | Action::ViewFunding
                    | Action::ViewBilling
                    | Action::ViewPoints
                    | Action::ViewSchoolAttendance
            ));
        }
    }

    /// Rule 4 and 5: revoking the link or placing a hold cuts a guardian off whatever else
    /// holds; staff keep their access through a hold (rule 5).
    #[test]
    fn revocation_and_holds_cut_guardians_off_but_not_staff(p in principal(), a in child_action()) {
        let Some(mut child) = p.child else { return Ok(()) };
        child.held = true;
        let held = Principal { child: Some(child), ..p };
        match p.membership.map(|m| m.role) {
            Some(Role::Parent | Role::Family) => prop_assert!(!decide(&held, a).is_allowed()),
            Some(_) => prop_assert_eq!(decide(&held, a), decide(&p, a)),
            None => {}
        }
        if let Some(mut link) = child.link {
            link.revoked = true;
            let revoked = Principal { child: Some(ChildRelation { link: Some(link), ..child }), ..p };
            if matches!(p.membership.map(|m| m.role), Some(Role::Parent | Role::Family)) {
                prop_assert!(!decide(&revoked, a).is_allowed());
            }
        }
    }

    /// A new agreement version suspends guardians' access and nobody else's.
    #[test]
    fn an_unaccepted_agreement_blocks_guardians_only(p in principal(), a in action()) {
        let pending = Principal { agreement_accepted: false, ..p };
        match p.membership.map(|m| m.role) {
            Some(Role::Parent | Role::Family) if a.is_child_scoped() || a.needs_agreement() => prop_assert!(!decide(&pending, a).is_allowed()),
            _ => prop_assert_eq!(decide(&pending, a), decide(&p, a)),
        }
    }

    #[test]
    fn family_links_never_reach_child_data(p in principal(), a in child_action()) {
        let Some(child) = p.child else { return Ok(()) };
        let Some(link) = child.link else { return Ok(()) };
        let family = Principal {
            membership: Some(Membership { role: Role::Family, status: MembershipStatus::Active }),
            child: Some(ChildRelation { link: Some(Link { access: GuardianAccess::Family, ..link }), ..child }),
            ..p
        };
        prop_assert!(!decide(&family, a).is_allowed());
    }
}

#[test]
fn only_live_parents_who_accepted_the_current_agreement_are_told_of_the_day() {
    let parent = Link { access: GuardianAccess::Parent, revoked: false, parental_responsibility: true };
    assert!(told_of_the_day(parent, Some(2), 2, false));
    assert!(told_of_the_day(parent, Some(3), 2, false), "accepted a later version");
    assert!(told_of_the_day(Link { parental_responsibility: false, ..parent }, Some(2), 2, false), "responsibility is not needed");
    assert!(!told_of_the_day(parent, Some(1), 2, false), "accepted only an older version");
    assert!(!told_of_the_day(parent, None, 2, false), "never accepted");
    assert!(!told_of_the_day(parent, Some(2), 2, true), "a safeguarding hold");
    assert!(!told_of_the_day(Link { revoked: true, ..parent }, Some(2), 2, false), "a revoked link");
    assert!(!told_of_the_day(Link { access: GuardianAccess::Family, ..parent }, Some(2), 2, false), "family members collect, are not told");
}

fn device_mode() -> impl Strategy<Value = crate::devices::DeviceMode> {
    use crate::devices::DeviceMode;
    prop_oneof![Just(DeviceMode::Staff), Just(DeviceMode::Kiosk), Just(DeviceMode::Journal)]
}

proptest! {
    // A session on a device never reaches more than the person signed in themselves, but for
    // the kiosk's one addition (a guardian signing their own child in or out), and then only
    // through a live, unheld link.
    #[test]
    fn a_device_session_reaches_no_more_than_its_person(p in principal(), mode in device_mode(), a in action(), lockdown: bool) {
        let p = Principal { lockdown, ..p };
        let on_device = decide(&Principal { device: Some(mode), ..p }, a);
        if on_device == Decision::Allow {
            prop_assert!(mode.permits(a));
            let role = p.membership.unwrap().role;
            prop_assert!(mode.may_start(role));
            if mode == crate::devices::DeviceMode::Kiosk {
                let child = p.child.unwrap();
                let link = child.link.unwrap();
                prop_assert!(!link.revoked && !child.held && !lockdown && p.agreement_accepted);
                prop_assert_eq!(child.leaving, LeavingStage::Attending);
            } else {
                prop_assert_eq!(decide(&p, a), Decision::Allow);
            }
        }
    }
}

#[test]
fn each_device_mode_does_its_one_job() {
    use crate::devices::DeviceMode::*;
    use Action::*;
    let on = |p: Principal, mode| Principal { device: Some(mode), ..p };
    let key_person = Principal { child: Some(ChildRelation { key_person: true, ..Default::default() }), ..active(Role::Practitioner) };
    assert_eq!(decide(&on(key_person, Staff), RecordAttendance), Decision::Allow);
    assert_eq!(decide(&on(active(Role::Manager), Staff), ViewRegister), Decision::Allow);
    // Staff at a device do not run the setting from it.
    assert_eq!(decide(&on(key_person, Staff), ListGuardians), Decision::Allow, "who may collect, to sign out");
    for a in [InviteStaff, ManageDevices, ViewAudit, ViewJournal, AddDiary, UpdateChild] {
        assert_eq!(decide(&on(active(Role::Manager), Staff), a), Decision::Forbidden, "{a:?}");
    }
    // A parent and a family member sign their own child in and out at the kiosk, and nothing else.
    for access in [GuardianAccess::Parent, GuardianAccess::Family] {
        assert_eq!(decide(&on(linked(access), Kiosk), RecordAttendance), Decision::Allow, "{access:?}");
        assert_eq!(decide(&linked(access), RecordAttendance), Decision::Forbidden, "{access:?} signed in themselves");
        assert_eq!(decide(&on(linked(access), Kiosk), ViewJournal), Decision::Forbidden);
    }
    let held = Principal {
        child: Some(ChildRelation { held: true, ..linked(GuardianAccess::Parent).child.unwrap() }),
        ..linked(GuardianAccess::Parent)
    };
    assert_eq!(decide(&on(held, Kiosk), RecordAttendance), Decision::Suspended);
    let revoked_link = Link { access: GuardianAccess::Parent, revoked: true, parental_responsibility: true };
    let revoked = Principal { child: Some(ChildRelation { link: Some(revoked_link), ..Default::default() }), ..active(Role::Parent) };
    assert_eq!(decide(&on(revoked, Kiosk), RecordAttendance), Decision::Revoked);
    let unlinked = Principal { child: Some(ChildRelation::default()), ..active(Role::Parent) };
    assert_eq!(decide(&on(unlinked, Kiosk), RecordAttendance), Decision::Hidden);
    // Staff may not use the kiosk, nor family members the journal.
    assert_eq!(decide(&on(active(Role::Manager), Kiosk), RecordAttendance), Decision::Forbidden);
    assert_eq!(decide(&on(linked(GuardianAccess::Family), Journal), ViewJournal), Decision::Forbidden);
    assert_eq!(decide(&on(linked(GuardianAccess::Parent), Journal), ViewJournal), Decision::Allow);
    assert_eq!(decide(&on(linked(GuardianAccess::Parent), Journal), Contribute), Decision::Forbidden);
}

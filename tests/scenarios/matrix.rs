//! The authorisation matrix: every route of the route table, called by every kind of caller,
//! against the expectation written here. A route without a row here fails this test.

use nestling_domain::routes::FUNCTIONS;
use nestling_tests::{child_body, guardian_body, leaving_body, push_subscription, spawn_app, unique, Person, TestApp};
use serde_json::{json, Value};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Who {
    Unauthenticated,
    /// An operator, who is not a member of the setting.
    Operator,
    Manager,
    /// The practitioner who is the child's key person.
    KeyPerson,
    /// A practitioner who is not.
    Practitioner,
    /// A parent linked to the child, agreement accepted.
    Parent,
    /// A family member (grandparent) linked to the child, agreement accepted.
    Family,
    /// A parent of the setting linked to another child only.
    Unlinked,
    /// A parent whose link to the child was revoked (their last link).
    RevokedLink,
    /// A parent linked to a child under a safeguarding hold.
    Held,
    /// A parent linked to the child who has not accepted the agreement.
    Pending,
    /// Signed in, member of nothing.
    NonMember,
    /// The manager of another setting.
    OtherSetting,
    /// A practitioner whose access was revoked.
    RevokedStaff,
    /// A practitioner who has not enrolled an authenticator (rule 15).
    Unenrolled,
}

const EVERYONE: [Who; 15] = [
    Who::Unauthenticated,
    Who::Operator,
    Who::Manager,
    Who::KeyPerson,
    Who::Practitioner,
    Who::Parent,
    Who::Family,
    Who::Unlinked,
    Who::RevokedLink,
    Who::Held,
    Who::Pending,
    Who::NonMember,
    Who::OtherSetting,
    Who::RevokedStaff,
    Who::Unenrolled,
];

const STAFF: [Who; 3] = [Who::Manager, Who::KeyPerson, Who::Practitioner];
const GUARDIANS: [Who; 6] = [Who::Parent, Who::Family, Who::Unlinked, Who::RevokedLink, Who::Held, Who::Pending];

/// What a caller gets: let through (with the status of a successful call) or refused.
fn expected(function: &str, who: Who) -> u16 {
    use Who::*;
    // Setting-scoped refusals: strangers learn nothing (404), revoked staff are told (403),
    // members whose role does not allow the action get 403, and so does a guardian whose every
    // link was revoked: they keep no access to the setting at all.
    let scoped = |allowed: &[Who], ok: u16| match who {
        Unauthenticated => 401,
        RevokedLink => 403,
        w if allowed.contains(&w) => ok,
        Operator | NonMember | OtherSetting => 404,
        _ => 403,
    };
    // Child-scoped: as `scoped`, and a parent not linked to the child may not learn it exists.
    let child = |allowed: &[Who], ok: u16| match who {
        Unlinked if !allowed.contains(&Unlinked) => 404,
        _ => scoped(allowed, ok),
    };
    let members: Vec<Who> = STAFF.iter().chain(GUARDIANS.iter()).copied().collect();
    // Rule 15: staff without an authenticator may do nothing in their setting but enrol one.
    let in_a_setting = FUNCTIONS
        .iter()
        .find(|f| f.name == function)
        .and_then(|f| f.http())
        .is_some_and(|(_, path, auth)| path.contains("{settingId}") && auth != nestling_domain::routes::Auth::Device);
    if who == Unenrolled && in_a_setting {
        return 403;
    }
    match function {
        "health" => 200,
        // The token in the path is the credential: everyone gets the same answer for a bad one.
        "invitations-accept" | "journey-transfer-download" => 410,
        "me" | "mfa-totp-start" => {
            if who == Unauthenticated {
                401
            } else {
                200
            }
        }
        // A code that is not the authenticator's: refused, whoever asks.
        "mfa-totp-confirm" => {
            if who == Unauthenticated {
                401
            } else {
                422
            }
        }
        "settings-create" => match who {
            Operator => 201,
            Unauthenticated => 401,
            _ => 403,
        },
        "settings-get" | "agreement-get" => scoped(&members, 200),
        "rooms-create" => scoped(&[Manager], 201),
        "rooms-list" | "staff-list" | "children-list" => scoped(&STAFF, 200),
        "staff-invite" => scoped(&[Manager], 201),
        "staff-revoke" => scoped(&[Manager], 200),
        "children-register" => scoped(&[Manager], 201),
        "children-get" | "guardians-list" => child(&[Manager, KeyPerson, Practitioner, Parent], 200),
        "children-update" => child(&[Manager, KeyPerson], 200),
        "guardians-link" => child(&[Manager], 201),
        "guardians-revoke" | "hold-place" | "hold-lift" | "leaving-set" | "leaving-cancel" => child(&[Manager], 200),
        // Retention: the managers decide how long records are kept and place legal holds.
        "legal-hold-place" | "legal-hold-lift" => child(&[Manager], 200),
        "retention-get" | "retention-set" => scoped(&[Manager], 200),
        // Bookings: every member reads the sessions; the managers set them up, give children
        // their patterns and decide what waits; a parent with parental responsibility (or a
        // manager for the family) asks for a change; staff and the parents read a child's month.
        "booking-setup-get" => scoped(&members, 200),
        "booking-setup-set" | "booking-requests-list" | "booking-request-decide" => scoped(&[Manager], 200),
        // Staffing: the managers' forecast and rota.
        "staffing-get" | "rota-set" => scoped(&[Manager], 200),
        // Funding: the managers record it; the parents with parental responsibility read it.
        "funding-get" => child(&[Manager, Parent], 200),
        "funding-set" => child(&[Manager], 200),
        // Bills: the managers set who pays and issue the month (the world's month holds its one
        // invoice: past the authorisation, 409); the parents with
        // parental responsibility read who pays; a parent reads the invoices they pay, and
        // the managers any (family access and practitioners none).
        "billing-get" => child(&[Manager, Parent], 200),
        "billing-set" => child(&[Manager], 200),
        "invoices-month" => scoped(&[Manager], 200),
        "invoices-issue" => scoped(&[Manager], 409),
        // The world's invoice is of a child with nothing booked that month: worked out again,
        // there is no replacement, so the correction is a credit note alone (once: 409 after).
        "invoice-correct" => scoped(&[Manager], 200),
        // Payments are the managers' to record; a payer's statement is theirs and the
        // managers' (another parent's is not found).
        "payment-record" => scoped(&[Manager], 201),
        // Devices: anyone may ask to be paired (nothing is granted until a manager types the
        // code); a pairing answers only the device holding its secret (none here: 404 to all);
        // a device's own route answers only a device's credential (a person's token: 401).
        "device-pairing-start" => 201,
        "device-pairing-get" => 404,
        // Routes of a device (Auth::Device): a person's token is no device's credential.
        "device-get"
        | "device-session-start"
        | "device-session-end"
        | "device-register-get"
        | "device-attendance-record"
        | "device-journal-get"
        | "device-guardians-list" => 401,
        // One's own PIN for the devices: staff, and guardians with a live link past the agreement.
        "device-pin-get" | "device-pin-set" => scoped(&[Manager, KeyPerson, Practitioner, Parent, Family, Unlinked, Held], 200),
        // A one-time code for the kiosk: guardians with a live link past the agreement.
        "kiosk-pass-create" => scoped(&[Parent, Family, Unlinked, Held], 201),
        // Schools: staff read the groups, managers set them and staff give points (the
        // matrix's setting is a nursery: past the authorisation, 409 not-a-school); staff and
        // the parents with parental responsibility read a pupil's points.
        "school-get" => scoped(&STAFF, 200),
        "school-set" => scoped(&[Manager], 409),
        "points-give" => child(&STAFF, 409),
        "points-list" => child(&[Manager, KeyPerson, Practitioner, Parent], 200),
        // A school's registers and their totals are the staff's (409 not-a-school past the
        // authorisation); a pupil's marks are the staff's and their parents' with parental
        // responsibility.
        "school-register-get" | "school-register-mark" | "school-totals-get" => scoped(&STAFF, 409),
        "school-attendance-get" => child(&[Manager, KeyPerson, Practitioner, Parent], 200),
        "device-pair" | "devices-list" | "device-unpair" => scoped(&[Manager], if function == "device-pair" { 201 } else { 200 }),
        // The termly headcount is the managers' (the world records no terms: past the
        // authorisation, 422).
        "funding-headcount" => scoped(&[Manager], 422),
        "statement-get" => match who {
            Unlinked | Held => 404,
            _ => scoped(&[Manager, Parent], 200),
        },
        // A parent of another child, or of a held one, lists their own (none here, and never
        // a held child's) and finds no other payer's invoice.
        "my-invoices" => match who {
            Unlinked | Held => 200,
            _ => scoped(&[Parent], 200),
        },
        "invoice-get" | "invoice-pdf" => match who {
            Unlinked | Held => 404,
            _ => scoped(&[Manager, Parent], 200),
        },
        "booking-pattern-set" => child(&[Manager], 200),
        "bookings-get" => child(&[Manager, KeyPerson, Practitioner, Parent], 200),
        "booking-request" => child(&[Manager, Parent], 201),
        "consents-set" => child(&[Parent], 200),
        // The learning journey: the managers and the child's parents (with parental
        // responsibility to ask for one); never staff besides the managers, or `family` access.
        "journey-request" => child(&[Manager, Parent], 202),
        "journeys-list" | "journey-download" => child(&[Manager, Parent], 200),
        "journey-transfer" => child(&[Manager], 201),
        // Data rights: a parent with parental responsibility asks about their child (a
        // manager logs one for them); anyone with a membership asks about themselves, terms
        // accepted or not; the managers keep the clock.
        "rights-request-child" => child(&[Manager, Parent], 201),
        "rights-request-self" => scoped(&members, 201),
        "rights-requests-list" => scoped(&members, 200),
        "rights-request-extend" | "rights-request-answer" | "rights-erasure-approve" => scoped(&[Manager], 200),
        // The export: the managers gather, review and release it; the released files go to
        // the person who asked (here a manager asking about themselves) and the managers:
        // any other member is not told the request exists.
        "rights-export-gather" | "rights-export-release" => scoped(&[Manager], 202),
        "rights-export-get" | "rights-export-withhold" => scoped(&[Manager], 200),
        "rights-export-download" => match who {
            Unauthenticated => 401,
            Manager => 200,
            RevokedLink | RevokedStaff => 403,
            _ => 404,
        },
        "agreement-publish" | "audit-list" => scoped(&[Manager], 200),
        "agreement-accept" => scoped(&GUARDIANS, 200),
        // Journal actions outside one child's path: staff, and parents past the agreement;
        // then the parent's live link to the children concerned decides (404 when they have
        // none, 403 when it is revoked or suspended). Tagging someone else's child is 422.
        "media-upload" => match who {
            Unlinked | Held => 422,
            _ => scoped(&[Manager, KeyPerson, Practitioner, Parent, Unlinked, Held], 201),
        },
        "media-get" | "comments-list" | "comments-create" => {
            let ok = match function {
                "media-get" => 302,
                "comments-create" => 201,
                _ => 200,
            };
            match who {
                Unlinked => 404,
                RevokedLink | Held => 403,
                _ => scoped(&[Manager, KeyPerson, Practitioner, Parent], ok),
            }
        }
        "observations-create" => scoped(&STAFF, 201),
        // Staff may edit their own observations (each staff caller edits one they wrote).
        "observations-update" => scoped(&STAFF, 200),
        "observations-list" | "observations-delete" => scoped(&[Manager], 200),
        "journal-get" | "child-contributions" => child(&[Manager, KeyPerson, Practitioner, Parent], 200),
        // Contributions are the family's to write and staff's to review.
        "contributions-create" => child(&[Parent], 201),
        "contributions-list" | "contributions-approve" | "contributions-reject" | "key-children" => scoped(&STAFF, 200),
        // The feed: staff post; every family past the agreement reads, through a live, unheld
        // link (a held family is suspended); replies are a parent's, per child.
        "posts-create" => scoped(&STAFF, 201),
        "posts-list" | "posts-get" => scoped(&[Manager, KeyPerson, Practitioner, Parent, Family, Unlinked], 200),
        // Staff pin and withdraw their own posts (each staff caller acts on one they wrote).
        "posts-pin" | "posts-withdraw" => scoped(&STAFF, 200),
        "posts-approve" | "feed-policy-set" => scoped(&[Manager], 200),
        "event-reply" => child(&[Parent], 200),
        // Messages: staff, and a parent about their own child (never `family` access, a hold
        // or another family's child); the inbox is every family's past the agreement, each
        // thread decided at the request (a thread one is not in is not found).
        "threads-start" => child(&[Manager, KeyPerson, Practitioner, Parent], 201),
        "broadcasts-send" => scoped(&STAFF, 201),
        "threads-list" => scoped(&[Manager, KeyPerson, Practitioner, Parent, Family, Unlinked], 200),
        "threads-get" | "messages-send" | "messages-withdraw" => {
            let ok = if function == "messages-send" { 201 } else { 200 };
            match who {
                Family | Unlinked | Held => 404,
                _ => scoped(&[Manager, KeyPerson, Practitioner, Parent], ok),
            }
        }
        "household-set" => child(&[Manager], 200),
        "messaging-policy-set" => scoped(&[Manager], 200),
        "message-recipients" => scoped(&STAFF, 200),
        // Assessment: the key person and the managers judge and share; staff and the child's
        // parents read (a parent only what was shared); the framework and referrals are the
        // managers'.
        "assessment-framework-set" => scoped(&[Manager], 200),
        "assessment-get" => child(&[Manager, KeyPerson, Practitioner, Parent], 200),
        "judgement-set" | "assessment-share" => child(&[Manager, KeyPerson], 200),
        "checkpoints-list" => scoped(&STAFF, 200),
        "monitoring-get" => scoped(&[Manager], 200),
        // The progress check at two: staff read it, the child's parents once it is shared;
        // the key person and managers write and share it, a parent answers, a manager signs.
        "progress-check-get" | "progress-check-pdf" => child(&[Manager, KeyPerson, Practitioner, Parent], 200),
        "progress-check-save" | "progress-check-share" => child(&[Manager, KeyPerson], 200),
        "progress-check-respond" => child(&[Parent], 200),
        "progress-check-sign" => child(&[Manager], 200),
        "senco-referral-set" => child(&[Manager], 200),
        // One's own profile: anyone with an account.
        "preferences-set" | "push-subscriptions-get" | "push-unsubscribe" => {
            if who == Unauthenticated {
                401
            } else {
                200
            }
        }
        "push-subscribe" => match who {
            Unauthenticated => 401,
            _ => 201,
        },
        // Daily care: the family records collectors and absences, staff the day.
        "collectors-set" => child(&[Parent], 200),
        "absences-report" => child(&[Parent], 201),
        "attendance-record" => child(&STAFF, 201),
        "child-attendance" => child(&[Manager, KeyPerson, Practitioner, Parent], 200),
        "register-get" | "staff-clock" | "ratios-get" | "ratio-breaches" => scoped(&STAFF, 200),
        "timesheets-get" => scoped(&[Manager], 200),
        "diary-add" | "medicine-dose" | "accidents-create" => child(&STAFF, 201),
        "diary-get" | "child-accidents" | "medicine-permissions-list" => child(&[Manager, KeyPerson, Practitioner, Parent], 200),
        "medicine-permission-set" | "accidents-acknowledge" => child(&[Parent], 200),
        "accidents-review" => scoped(&[Manager], 200),
        "accidents-list" => scoped(&STAFF, 200),
        // Faults are anyone's to report; the rest of rules 10 and 11 is the managers'.
        "faults-report" => scoped(&members, 201),
        "faults-list" | "faults-resolve" | "lockdown-lift" | "breaches-list" | "breaches-ico-report" => scoped(&[Manager], 200),
        "lockdown-start" | "breaches-record" | "breaches-notify-families" => scoped(&[Manager], 201),
        // Rule 8: managers register the premises; each member of staff attests for themselves.
        "networks-set" | "email-problems" => scoped(&[Manager], 200),
        "remote-attestation" | "offline-key-issue" | "offline-key-drop" => scoped(&STAFF, 200),
        other => panic!("route `{other}` has no row in the authorisation matrix: add one"),
    }
}

struct World {
    setting_id: String,
    room: String,
    /// The child every relation is about, and the one under a safeguarding hold.
    child: String,
    held_child: String,
    /// A staff photo of the child, in an observation of the child and the held child.
    photo: String,
    observation: String,
    /// A reviewed accident of each child (the held child's too).
    accident: String,
    held_accident: String,
    people: Vec<(Who, Option<Person>)>,
}

impl World {
    fn person(&self, who: Who) -> Option<&Person> {
        self.people.iter().find(|(p, _)| *p == who).and_then(|(_, p)| p.as_ref())
    }
    fn manager(&self) -> &Person {
        self.person(Who::Manager).expect("manager")
    }
    fn child_for(&self, who: Who) -> &str {
        if who == Who::Held {
            &self.held_child
        } else {
            &self.child
        }
    }
}

async fn world(t: &TestApp) -> World {
    let (setting_id, manager) = t.setting().await;
    let key_person = t.staff(&setting_id, &manager, "practitioner").await;
    let practitioner = t.staff(&setting_id, &manager, "practitioner").await;
    let revoked = t.staff(&setting_id, &manager, "practitioner").await;
    let (status, _) = t
        .call(
            "POST",
            &format!("/v1/settings/{setting_id}/staff/{}/revoke", revoked.user_id),
            Some(&manager),
            Some(json!({ "reason": "left" })),
        )
        .await;
    assert_eq!(status, 200);
    let room = t.room(&setting_id, &manager).await;
    let child = t.child(&setting_id, &manager, &room, &key_person.user_id).await;
    let other_child = t.child(&setting_id, &manager, &room, &key_person.user_id).await;
    let held_child = t.child(&setting_id, &manager, &room, &key_person.user_id).await;
    let parent = t.guardian(&setting_id, &manager, &child, "parent", true).await;
    let family = t.guardian(&setting_id, &manager, &child, "family", true).await;
    let unlinked = t.guardian(&setting_id, &manager, &other_child, "parent", true).await;
    let pending = t.guardian(&setting_id, &manager, &child, "parent", false).await;
    let revoked_link = t.guardian(&setting_id, &manager, &child, "parent", true).await;
    let (status, body) = t
        .call(
            "POST",
            &format!("/v1/settings/{setting_id}/children/{child}/guardians/{}/revoke", revoked_link.user_id),
            Some(&manager),
            Some(json!({ "reason": "court-order" })),
        )
        .await;
    assert_eq!(status, 200, "revoke link: {body}");
    let held = t.guardian(&setting_id, &manager, &held_child, "parent", true).await;
    let (status, body) = t
        .call(
            "POST",
            &format!("/v1/settings/{setting_id}/children/{held_child}/safeguarding-hold"),
            Some(&manager),
            Some(json!({ "reason": "matrix" })),
        )
        .await;
    assert_eq!(status, 200, "hold: {body}");
    let photo = t.photo(&setting_id, &manager, &[&child]).await;
    let observation = t.observation(&setting_id, &manager, &[&child, &held_child], &[&photo]).await;
    // The parent's written permission for a medicine, and an accident of each child reviewed.
    let (status, body) = t
        .call(
            "PUT",
            &format!("/v1/settings/{setting_id}/children/{child}/medicine-permissions/calpol"),
            Some(&parent),
            Some(medicine_permission()),
        )
        .await;
    assert_eq!(status, 200, "medicine permission: {body}");
    let accident = t.reviewed_accident(&setting_id, &manager, &manager, &child).await;
    let held_accident = t.reviewed_accident(&setting_id, &manager, &manager, &held_child).await;
    let (_, other_manager) = t.setting().await;
    let unenrolled = t.staff_without_mfa(&setting_id, &manager, "practitioner").await;
    let people = vec![
        (Who::Unauthenticated, None),
        (Who::Operator, Some(t.operator().await)),
        (Who::Manager, Some(manager)),
        (Who::KeyPerson, Some(key_person)),
        (Who::Practitioner, Some(practitioner)),
        (Who::Parent, Some(parent)),
        (Who::Family, Some(family)),
        (Who::Unlinked, Some(unlinked)),
        (Who::RevokedLink, Some(revoked_link)),
        (Who::Held, Some(held)),
        (Who::Pending, Some(pending)),
        (Who::NonMember, Some(t.stranger().await)),
        (Who::OtherSetting, Some(other_manager)),
        (Who::RevokedStaff, Some(revoked)),
        (Who::Unenrolled, Some(unenrolled)),
    ];
    World { setting_id, room, child, held_child, photo, observation, accident, held_accident, people }
}

fn progress_check_body() -> Value {
    json!({
        "communicationAndLanguage": "Talks in short sentences.", "physicalDevelopment": "Runs and climbs.",
        "personalSocialAndEmotionalDevelopment": "Plays alongside others.", "strengths": "Curious.", "actions": "Stories at home."
    })
}

/// The child's progress check written and shared with the family, if it is not already.
async fn check_shared(t: &TestApp, manager: &Person, setting_id: &str, child: &str) {
    let check = format!("/v1/settings/{setting_id}/children/{child}/progress-check");
    let (status, current) = t.call("GET", &check, Some(manager), None).await;
    if status == 404 {
        assert_eq!(t.call("PUT", &check, Some(manager), Some(progress_check_body())).await.0, 200);
    }
    if status == 404 || current["status"] == "draft" {
        assert_eq!(t.call("POST", &format!("{check}/share"), Some(manager), None).await.0, 200);
    }
}

/// The setting's term today (the test settings are in London).
fn current_term(t: &TestApp) -> String {
    nestling_domain::eyfs::Term::of(nestling_domain::care::local(t.app.clock.now(), "Europe/London").date()).key()
}

fn medicine_permission() -> Value {
    let until = (time::OffsetDateTime::now_utc() + time::Duration::days(7)).date().to_string();
    json!({ "medicine": "Calpol", "dose": "5 ml", "times": ["when over 38C"], "prescribedBy": "Not prescribed", "until": until })
}

/// The setting's booking setup as a manager sends it back, and its version (a morning and an
/// afternoon, saved on first use).
async fn booking_setup(t: &TestApp, w: &World) -> (Value, u64) {
    let path = format!("/v1/settings/{}/booking-setup", w.setting_id);
    let (status, current) = t.call("GET", &path, Some(w.manager()), None).await;
    assert_eq!(status, 200, "{current}");
    let version = current["version"].as_u64().unwrap();
    if version > 0 {
        return (current["setup"].clone(), version);
    }
    let price = json!({ "per": "session", "pence": 3000 });
    let sessions = json!([
        { "name": "Morning", "starts": "08:00", "ends": "13:00", "price": price },
        { "name": "Afternoon", "starts": "13:00", "ends": "18:00", "price": price }
    ]);
    (json!({ "sessions": sessions }), 0)
}

/// The ids of the setting's morning and afternoon sessions, set up if they are not yet.
/// An invoice of the world's child to its parent, new each call (issuing from bookings is
/// `nestling_bookings`' tests' and the invoices browser test's).
async fn parent_invoice(t: &TestApp, w: &World) -> String {
    t.invoice_for(&w.setting_id, &w.child, &w.person(Who::Parent).expect("parent").user_id).await
}

async fn booking_sessions(t: &TestApp, w: &World) -> (String, String) {
    let (body, version) = booking_setup(t, w).await;
    let setup = if version == 0 {
        let path = format!("/v1/settings/{}/booking-setup", w.setting_id);
        let (status, saved) = t.call_with("PUT", &path, Some(w.manager()), Some(body), &[("if-match", "0")]).await;
        assert_eq!(status, 200, "{saved}");
        saved["setup"].clone()
    } else {
        body
    };
    let id = |i: usize| setup["sessions"][i]["sessionTypeId"].as_str().unwrap().to_string();
    (id(0), id(1))
}

/// A Monday at least a fortnight ahead that no earlier call used.
fn fresh_monday(t: &TestApp) -> String {
    static WEEKS: std::sync::atomic::AtomicI64 = std::sync::atomic::AtomicI64::new(0);
    let weeks = WEEKS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let mut day = nestling_domain::care::local(t.app.clock.now(), "Europe/London").date() + time::Duration::days(14 + 7 * weeks);
    while day.weekday() != time::Weekday::Monday {
        day = day.next_day().unwrap();
    }
    day.to_string()
}

/// A request that succeeds when the caller is allowed: fresh values on every call, and fresh
/// targets for changes that would otherwise alter the world the next callers see.
async fn request(t: &TestApp, w: &World, function: &str, path: &str, who: Who) -> (String, Option<Value>, Option<String>) {
    let manager = w.manager();
    let fill = |p: &str| {
        p.replace("{settingId}", &w.setting_id)
            .replace("{childId}", w.child_for(who))
            .replace("{mediaId}", &w.photo)
            .replace("{observationId}", &w.observation)
            .replace("{tutorGroupId}", "9jb")
    };
    let key_person = w.person(Who::KeyPerson).expect("key person").user_id.clone();
    let is_manager = who == Who::Manager;
    match function {
        "settings-create" => (
            fill(path),
            Some(json!({
                "name": "Another Nursery", "timezone": "Europe/London", "agreementText": "Terms.",
                "manager": { "email": format!("{}@n.test", unique("m")), "name": "Max" }
            })),
            None,
        ),
        "rooms-create" => (fill(path), Some(json!({ "name": "Room", "ageBand": "mixed" })), None),
        "staff-invite" => (
            fill(path),
            Some(json!({
                "email": format!("{}@n.test", unique("s")), "name": "Sol", "role": "practitioner", "qualificationLevel": 2
            })),
            None,
        ),
        "staff-revoke" => {
            // A fresh practitioner to revoke each time (invited, not yet accepted).
            let (_, invited) = t
                .call(
                    "POST",
                    &fill("/v1/settings/{settingId}/staff"),
                    Some(manager),
                    Some(json!({
                        "email": format!("{}@n.test", unique("v")), "name": "Vic", "role": "practitioner", "qualificationLevel": 1
                    })),
                )
                .await;
            let target = invited["userId"].as_str().unwrap().to_string();
            (fill(path).replace("{userId}", &target), Some(json!({ "reason": "matrix" })), None)
        }
        "invitations-accept" => (path.replace("{token}", "not-a-real-token"), Some(json!({ "password": "Sunflower-2026-ok" })), None),
        "children-register" => (fill(path), Some(child_body(&w.room, &key_person)), None),
        "children-update" => {
            let (_, current) = t.call("GET", &fill("/v1/settings/{settingId}/children/{childId}"), Some(manager), None).await;
            let version = current["version"].as_u64().unwrap_or(1).to_string();
            (fill(path), Some(json!({ "dietaryNotes": format!("No nuts ({})", unique("n")) })), Some(version))
        }
        "guardians-link" => (fill(path), Some(guardian_body(&format!("{}@families.test", unique("g")), "family")), None),
        "guardians-revoke" => {
            // A fresh link to revoke each time.
            let email = format!("{}@families.test", unique("r"));
            let (_, link) = t
                .call(
                    "POST",
                    &fill("/v1/settings/{settingId}/children/{childId}/guardians"),
                    Some(manager),
                    Some(guardian_body(&email, "family")),
                )
                .await;
            let target = link["userId"].as_str().unwrap_or("nobody").to_string();
            (fill(path).replace("{userId}", &target), Some(json!({ "reason": "left", "note": "matrix" })), None)
        }
        "hold-place" | "hold-lift" if is_manager => {
            // A fresh child, so the world's children keep their state.
            let child = t.child(&w.setting_id, manager, &w.room, &key_person).await;
            let held = path.replace("{settingId}", &w.setting_id).replace("{childId}", &child);
            if function == "hold-lift" {
                let (status, _) = t.call("POST", &held, Some(manager), Some(json!({ "reason": "matrix" }))).await;
                assert_eq!(status, 200);
            }
            let body = if function == "hold-place" { json!({ "reason": "matrix" }) } else { json!({ "note": "matrix" }) };
            (held, Some(body), None)
        }
        "legal-hold-place" | "legal-hold-lift" if is_manager => {
            // A fresh child, so the world's children keep their state.
            let child = t.child(&w.setting_id, manager, &w.room, &key_person).await;
            let held = path.replace("{settingId}", &w.setting_id).replace("{childId}", &child);
            if function == "legal-hold-lift" {
                let (status, _) = t.call("POST", &held, Some(manager), Some(json!({ "reason": "matrix" }))).await;
                assert_eq!(status, 200);
            }
            let body = if function == "legal-hold-place" { json!({ "reason": "matrix" }) } else { json!({ "note": "matrix" }) };
            (held, Some(body), None)
        }
        "legal-hold-place" => (fill(path), Some(json!({ "reason": "matrix" })), None),
        "legal-hold-lift" => (fill(path), Some(json!({ "note": "matrix" })), None),
        "retention-set" => (fill(path), Some(json!({ "kind": "journal", "period": { "until": "after-leaving", "months": 48 } })), None),
        "leaving-set" | "leaving-cancel" if is_manager => {
            // A fresh child, so the world's children stay at the setting; it leaves next year.
            let child = t.child(&w.setting_id, manager, &w.room, &key_person).await;
            let leaving = path.replace("{settingId}", &w.setting_id).replace("{childId}", &child);
            let mut version = 1;
            if function == "leaving-cancel" {
                let (status, set) = t.call_with("PUT", &leaving, Some(manager), Some(leaving_body()), &[("if-match", "1")]).await;
                assert_eq!(status, 200, "{set}");
                version = set["version"].as_u64().unwrap();
            }
            let body = (function == "leaving-set").then(leaving_body);
            (leaving, body, Some(version.to_string()))
        }
        "leaving-set" => (fill(path), Some(leaving_body()), Some("1".into())),
        // One journey a day per child: the manager asks for a fresh child's, the parent for
        // the world's child's.
        "journey-request" if is_manager => {
            let child = t.child(&w.setting_id, manager, &w.room, &key_person).await;
            (path.replace("{settingId}", &w.setting_id).replace("{childId}", &child), None, None)
        }
        "journey-download" | "journey-transfer" => {
            // The world's child's journey of today, made (asked for by the parent's row
            // above, or here).
            let journeys = fill("/v1/settings/{settingId}/children/{childId}/journeys").replace(w.child_for(who), &w.child);
            let (status, _) = t.call("POST", &journeys, Some(manager), None).await;
            assert!(status == 202 || status == 409, "journey request: {status}");
            t.drain_outbox().await;
            let (status, list) = t.call("GET", &journeys, Some(manager), None).await;
            assert_eq!(status, 200, "{list}");
            assert_eq!(list["items"][0]["status"], "ready", "{list}");
            let path = fill(path).replace("{day}", list["items"][0]["day"].as_str().unwrap());
            let body = (function == "journey-transfer").then(|| json!({ "to": "office@next-school.test", "receiver": "Next School" }));
            (path, body, None)
        }
        "journey-transfer-download" => (path.replace("{token}", "not-a-real-token"), None, None),
        "device-pairing-start" => (path.to_string(), Some(json!({})), None),
        "device-pin-set" => (fill(path), Some(json!({ "pin": "2580" })), None),
        "school-set" => (
            fill(path),
            Some(json!({ "yearGroups": [], "teachingGroups": [], "pointCategories": { "achievement": [], "behaviour": [] } })),
            Some("0".to_string()),
        ),
        "school-register-mark" => {
            let today = time::OffsetDateTime::now_utc().date().to_string();
            let mark = json!({ "childId": w.child_for(who), "code": "/", "version": 0 });
            (fill(path), Some(json!({ "date": today, "session": "am", "marks": [mark] })), None)
        }
        "points-give" => {
            (fill(path), Some(json!({ "kind": "achievement", "category": "Good homework", "reason": "Fractions", "points": 1 })), None)
        }
        "device-pairing-get" => (path.replace("{code}", "ABCD-EF23"), None, None),
        "device-pair" => {
            // A device waiting, whose code the caller types.
            let (status, started) = t.call("POST", "/v1/device-pairings", None, Some(json!({}))).await;
            assert_eq!(status, 201, "{started}");
            (fill(path), Some(json!({ "code": started["code"], "name": "Matrix tablet" })), None)
        }
        "device-unpair" if !is_manager => (fill(path).replace("{deviceId}", "not-a-device"), Some(json!({ "reason": "retired" })), None),
        "device-unpair" => {
            // A device of the manager's pairing, unpaired as retired.
            let (_, started) = t.call("POST", "/v1/device-pairings", None, Some(json!({}))).await;
            let pair = fill("/v1/settings/{settingId}/devices");
            let (status, device) =
                t.call("POST", &pair, Some(manager), Some(json!({ "code": started["code"], "name": "Matrix tablet" }))).await;
            assert_eq!(status, 201, "{device}");
            let path = fill(path).replace("{deviceId}", device["deviceId"].as_str().unwrap());
            (path, Some(json!({ "reason": "retired" })), None)
        }
        "booking-setup-set" => {
            // The setup as it stands, sent back under its version (made on the first call).
            let (body, version) = booking_setup(t, w).await;
            (fill(path), Some(body), Some(version.to_string()))
        }
        "booking-pattern-set" => {
            let (morning, _) = booking_sessions(t, w).await;
            let today = nestling_domain::care::local(t.app.clock.now(), "Europe/London").date().to_string();
            (fill(path), Some(json!({ "starts": today, "week": { "monday": [morning] } })), None)
        }
        "booking-request" => {
            // An afternoon on a Monday no caller asked for before.
            let (_, afternoon) = booking_sessions(t, w).await;
            (fill(path), Some(json!({ "date": fresh_monday(t), "sessionTypeId": afternoon, "change": "extra" })), None)
        }
        "booking-request-decide" if is_manager => {
            // A fresh request of the parent's, waiting (the room has no capacity recorded).
            let (_, afternoon) = booking_sessions(t, w).await;
            let date = fresh_monday(t);
            let ask = format!("/v1/settings/{}/children/{}/booking-requests", w.setting_id, w.child);
            let body = json!({ "date": date, "sessionTypeId": afternoon, "change": "extra" });
            let (status, made) = t.call("POST", &ask, w.person(Who::Parent), Some(body)).await;
            assert_eq!((status, made["status"].as_str()), (201, Some("pending")), "{made}");
            let path = fill(path).replace("{date}", &date).replace("{requestId}", made["requestId"].as_str().unwrap());
            (path, Some(json!({ "approve": true })), None)
        }
        "billing-set" => {
            // The parent pays, under the billing's version (none the first time).
            let (_, current) = t.call("GET", &fill(path), Some(manager), None).await;
            let version = current["version"].as_u64().unwrap_or(0).to_string();
            let parent = w.person(Who::Parent).expect("parent").user_id.clone();
            (fill(path), Some(json!({ "payers": [parent] })), Some(version))
        }
        "invoices-month" => (format!("{}?month=2026-01", fill(path)), None, None),
        "invoices-issue" => (fill(path).replace("{month}", "2026-01"), None, Some("0".into())),
        "invoice-get" | "invoice-pdf" => {
            let id = parent_invoice(t, w).await;
            (fill(path).replace("{invoiceId}", &id), None, None)
        }
        "payment-record" | "statement-get" => {
            // The world's parent, a bill payer (an invoice of theirs is issued first).
            let parent = w.person(Who::Parent).expect("parent").user_id.clone();
            parent_invoice(t, w).await;
            let body = (function == "payment-record").then(|| {
                let today = nestling_domain::care::local(t.app.clock.now(), "Europe/London").date().to_string();
                json!({ "amount": 3200, "method": "bank-transfer", "reference": "Ava Jan", "receivedOn": today })
            });
            (fill(path).replace("{userId}", &parent), body, None)
        }
        "invoice-correct" => {
            // An invoice of its own, under the month's version.
            let id = t.invoice_for(&w.setting_id, &w.child, &w.person(Who::Parent).expect("parent").user_id).await;
            let month = format!("/v1/settings/{}/invoices?month=2026-01", w.setting_id);
            let (_, listed) = t.call("GET", &month, Some(manager), None).await;
            let version = listed["version"].as_u64().unwrap_or(0).to_string();
            (fill(path).replace("{invoiceId}", &id), Some(json!({ "reason": "other" })), Some(version))
        }
        "funding-set" => {
            // The child's funding sent back under its version (none the first time).
            let (_, current) = t.call("GET", &fill(path), Some(manager), None).await;
            let version = current["version"].as_u64().unwrap_or(0).to_string();
            (
                fill(path),
                Some(json!({ "claims": [{ "stream": "universal", "delivery": { "taken": "term-time" }, "validFrom": "2026-09-01" }] })),
                Some(version),
            )
        }
        "rota-set" => {
            // A Monday of its own each call (version 0): the key person in the world's room.
            let key_person = w.person(Who::KeyPerson).expect("key person").user_id.clone();
            let shift = json!({ "userId": key_person, "roomId": w.room, "day": "monday", "starts": "08:00", "ends": "13:00" });
            (fill(path).replace("{week}", &fresh_monday(t)), Some(json!({ "shifts": [shift] })), Some("0".into()))
        }
        "booking-request-decide" => {
            let path = fill(path).replace("{date}", &fresh_monday(t)).replace("{requestId}", "0000000000");
            (path, Some(json!({ "approve": true })), None)
        }
        // A manager logs the request of the person who made it.
        "rights-request-child" if is_manager => (fill(path), Some(json!({ "requesterName": "Kim Letter", "receivedBy": "letter" })), None),
        "rights-request-child" | "rights-request-self" => (fill(path), Some(json!({})), None),
        "rights-request-extend" | "rights-request-answer" => {
            // A fresh request of the manager's own each time, to extend or answer.
            let (status, made) = t.call("POST", &fill("/v1/settings/{settingId}/rights-requests"), Some(manager), Some(json!({}))).await;
            assert_eq!(status, 201, "{made}");
            let path = fill(path).replace("{requestId}", made["requestId"].as_str().unwrap());
            (path, Some(json!({ "note": "Matrix." })), None)
        }
        "rights-erasure-approve" if is_manager => {
            // A fresh child who left today, and an erasure request a manager logged for them.
            let child = t.child(&w.setting_id, manager, &w.room, &key_person).await;
            let base = format!("/v1/settings/{}/children/{child}", w.setting_id);
            let today = time::OffsetDateTime::now_utc().date().to_string();
            let leaving = json!({ "date": today, "destinationKind": "school", "destination": "Hill Primary", "guardianAccessDays": 0 });
            let (status, left) = t.call_with("PUT", &format!("{base}/leaving"), Some(manager), Some(leaving), &[("if-match", "1")]).await;
            assert_eq!(status, 200, "{left}");
            let logged = json!({ "requesterName": "Kim Letter", "receivedBy": "letter", "requestKind": "erasure" });
            let (status, made) = t.call("POST", &format!("{base}/rights-requests"), Some(manager), Some(logged)).await;
            assert_eq!(status, 201, "{made}");
            (fill(path).replace("{requestId}", made["requestId"].as_str().unwrap()), Some(json!({ "note": "Matrix." })), None)
        }
        "rights-erasure-approve" => (fill(path).replace("{requestId}", "0000000000"), Some(json!({ "note": "Matrix." })), None),
        "rights-export-download" => {
            // One released export of the manager's own request about themselves serves every
            // caller (a download changes nothing but the access log, and the others are refused
            // for what it is, not for want of files): found in the managers' list, made once.
            let list = fill("/v1/settings/{settingId}/rights-requests");
            let (status, page) = t.call("GET", &list, Some(manager), None).await;
            assert_eq!(status, 200, "{page}");
            let released = page["items"]
                .as_array()
                .unwrap()
                .iter()
                .find(|r| r["export"]["status"] == "released")
                .and_then(|r| r["requestId"].as_str())
                .map(str::to_string);
            let id = match released {
                Some(id) => id,
                None => {
                    let (status, made) = t.call("POST", &list, Some(manager), Some(json!({}))).await;
                    assert_eq!(status, 201, "{made}");
                    let id = made["requestId"].as_str().unwrap().to_string();
                    let export = format!("{list}/{id}/export");
                    assert_eq!(t.call("POST", &export, Some(manager), None).await.0, 202);
                    t.drain_outbox().await;
                    assert_eq!(t.call("POST", &format!("{export}/release"), Some(manager), None).await.0, 202);
                    t.drain_outbox().await;
                    id
                }
            };
            (fill(path).replace("{requestId}", &id), None, None)
        }
        "rights-export-gather" | "rights-export-get" | "rights-export-withhold" | "rights-export-release" => {
            // A fresh request of the manager's own about themselves, gathered by the background
            // function for the managers' review steps; the others' refusals come before the
            // export is read.
            let (status, made) = t.call("POST", &fill("/v1/settings/{settingId}/rights-requests"), Some(manager), Some(json!({}))).await;
            assert_eq!(status, 201, "{made}");
            let export = fill("/v1/settings/{settingId}/rights-requests/{requestId}/export")
                .replace("{requestId}", made["requestId"].as_str().unwrap());
            if function != "rights-export-gather" && is_manager {
                assert_eq!(t.call("POST", &export, Some(manager), None).await.0, 202);
                t.drain_outbox().await;
            }
            let body = (function == "rights-export-withhold").then(|| json!({ "itemId": "membership", "reason": "Matrix." }));
            (fill(path).replace("{requestId}", made["requestId"].as_str().unwrap()), body, None)
        }
        "leaving-cancel" => (fill(path), None, Some("1".into())),
        "hold-place" => (fill(path), Some(json!({ "reason": "matrix" })), None),
        "hold-lift" => (fill(path), Some(json!({ "note": "matrix" })), None),
        "consents-set" => (fill(path), Some(json!({ "photosInOtherJournals": true, "remoteStaffAccess": false })), None),
        "agreement-publish" => (fill(path), Some(json!({ "text": format!("Terms {}", unique("v")) })), None),
        "agreement-accept" => {
            let (_, agreement) = t.call("GET", &fill("/v1/settings/{settingId}/agreement"), Some(manager), None).await;
            (fill(path), Some(json!({ "version": agreement["version"] })), None)
        }
        "media-upload" => {
            (fill(path), Some(json!({ "contentType": "image/jpeg", "byteSize": 1000, "children": [w.child_for(who)] })), None)
        }
        "observations-create" => (fill(path), Some(json!({ "text": "Matrix.", "children": [w.child], "areas": ["literacy"] })), None),
        "observations-update" | "observations-delete" => {
            // A fresh observation each time, written by the caller when they are staff.
            let author = match who {
                Who::KeyPerson | Who::Practitioner => w.person(who).expect("staff"),
                _ => manager,
            };
            let id = t.observation(&w.setting_id, author, &[&w.child], &[]).await;
            let path = fill(path).replace(&w.observation, &id);
            if function == "observations-update" {
                (path, Some(json!({ "text": format!("Edited {}", unique("e")) })), Some("1".into()))
            } else {
                (path, None, None)
            }
        }
        "comments-create" => (fill(path), Some(json!({ "text": "Matrix comment." })), None),
        "contributions-create" => (fill(path), Some(json!({ "text": "From home." })), None),
        "contributions-approve" | "contributions-reject" => {
            // A fresh pending contribution from the child's parent each time.
            let parent = w.person(Who::Parent).expect("parent");
            let (status, made) = t
                .call(
                    "POST",
                    &fill("/v1/settings/{settingId}/children/{childId}/contributions").replace(w.child_for(who), &w.child),
                    Some(parent),
                    Some(json!({ "text": "From home." })),
                )
                .await;
            assert_eq!(status, 201, "{made}");
            let path = fill(path).replace("{contributionId}", made["contributionId"].as_str().unwrap());
            let body = if function == "contributions-reject" {
                Some(json!({ "reason": "Please send a photo of your child only." }))
            } else {
                None
            };
            (path, body, None)
        }
        "key-children" => (fill(path).replace("{userId}", &key_person), None, None),
        "posts-create" => (fill(path), Some(json!({ "text": "Matrix news." })), None),
        "posts-get" | "posts-pin" | "posts-withdraw" => {
            // A fresh post each time, written by the caller when they are staff.
            let author = if STAFF.contains(&who) { w.person(who).expect("staff") } else { manager };
            let id = t.post(&w.setting_id, author, json!({ "text": "Matrix post." })).await;
            let path = fill(path).replace("{postId}", &id);
            let body = (function == "posts-pin").then(|| json!({ "pinned": false }));
            (path, body, None)
        }
        "posts-approve" => {
            // A fresh practitioner's post waiting for approval, for the manager to approve.
            let id = if is_manager {
                let policy = fill("/v1/settings/{settingId}/feed-policy");
                assert_eq!(t.call("PUT", &policy, Some(manager), Some(json!({ "postsNeedApproval": true }))).await.0, 200);
                let id = t.post(&w.setting_id, w.person(Who::Practitioner).expect("staff"), json!({ "text": "Waiting." })).await;
                assert_eq!(t.call("PUT", &policy, Some(manager), Some(json!({ "postsNeedApproval": false }))).await.0, 200);
                id
            } else {
                "nopost".to_string()
            };
            (fill(path).replace("{postId}", &id), None, None)
        }
        "event-reply" => {
            let tomorrow = (t.app.clock.now() + time::Duration::days(1)).date().to_string();
            let event = json!({ "text": "Matrix event.", "event": { "title": "Picnic", "date": tomorrow, "startsAt": "12:00", "place": "Garden" } });
            let id = t.post(&w.setting_id, manager, event).await;
            (fill(path).replace("{postId}", &id), Some(json!({ "answer": "maybe" })), None)
        }
        "feed-policy-set" => (fill(path), Some(json!({ "postsNeedApproval": false })), None),
        "threads-start" => {
            let to = (!STAFF.contains(&who)).then_some("key-person");
            (fill(path), Some(json!({ "subject": "Matrix", "text": "Matrix message.", "to": to })), None)
        }
        "broadcasts-send" => (fill(path), Some(json!({ "subject": "Matrix", "text": "To the room.", "roomId": w.room })), None),
        "threads-get" | "messages-send" | "messages-withdraw" => {
            // A fresh thread about the caller's child, started by the caller when they are
            // staff (a practitioner reads no colleague's thread), else by the manager.
            let starter = if STAFF.contains(&who) { w.person(who).expect("staff") } else { manager };
            let start = format!("/v1/settings/{}/children/{}/threads", w.setting_id, w.child);
            let (status, made) = t.call("POST", &start, Some(starter), Some(json!({ "subject": "Matrix", "text": "Hello." }))).await;
            assert_eq!(status, 201, "{made}");
            let thread = made["threads"][0]["threadId"].as_str().unwrap().to_string();
            let path = fill(path).replace("{threadId}", &thread);
            match function {
                "messages-send" => (path, Some(json!({ "text": "Matrix reply." })), None),
                "messages-withdraw" => {
                    // The caller's own message when they may write one, else the starter's.
                    let author = match who {
                        Who::Parent => w.person(who).expect("parent"),
                        _ => starter,
                    };
                    let messages = format!("/v1/settings/{}/threads/{thread}/messages", w.setting_id);
                    let (status, sent) = t.call("POST", &messages, Some(author), Some(json!({ "text": "To withdraw." }))).await;
                    assert_eq!(status, 201, "{sent}");
                    (path.replace("{messageId}", sent["message"]["messageId"].as_str().unwrap()), None, None)
                }
                _ => (path, None, None),
            }
        }
        "household-set" => {
            let family = w.person(Who::Family).expect("family").user_id.clone();
            (fill(path).replace("{userId}", &family), Some(json!({ "household": 1 })), None)
        }
        "messaging-policy-set" => (fill(path), Some(json!({ "staffSeeRead": true, "familiesSeeRead": true, "openingHours": null })), None),
        "message-recipients" => (format!("{}?roomId={}", fill(path), w.room), None, None),
        "assessment-framework-set" => (fill(path), Some(json!({ "framework": "birth-to-5-matters" })), None),
        "judgement-set" | "assessment-share" => {
            // The framework chosen, and (to share) a judgement of the child this term to share.
            let framework = fill("/v1/settings/{settingId}/assessment-framework");
            assert_eq!(t.call("PUT", &framework, Some(manager), Some(json!({ "framework": "birth-to-5-matters" }))).await.0, 200);
            let term = current_term(t);
            if function == "assessment-share" {
                let judge = fill(&format!("/v1/settings/{{settingId}}/children/{{childId}}/assessment/{term}/speaking"))
                    .replace(w.child_for(who), &w.child);
                assert_eq!(t.call("PUT", &judge, Some(manager), Some(json!({ "band": "range-4" }))).await.0, 200);
            }
            let path = fill(path).replace("{term}", &term).replace("{aspect}", "speaking");
            let body = (function == "judgement-set").then(|| json!({ "band": "range-4" }));
            (path, body, None)
        }
        "senco-referral-set" => (fill(path), Some(json!({ "note": "Matrix referral." })), None),
        // The world's child's check is written and shared before the first reads (and answered
        // and signed off by the rows that do so, which come in the route table's order: save,
        // get, share, respond, sign, pdf); sharing and signing act on a fresh child's check.
        "progress-check-get" | "progress-check-save" | "progress-check-respond" => {
            check_shared(t, manager, &w.setting_id, &w.child).await;
            let body = match function {
                "progress-check-save" => Some(progress_check_body()),
                "progress-check-respond" => Some(json!({ "view": "Lovely.", "shareWithHealthVisitor": false })),
                _ => None,
            };
            (fill(path), body, None)
        }
        "progress-check-pdf" => {
            // The world's child's check answered by its parent and signed off, once.
            check_shared(t, manager, &w.setting_id, &w.child).await;
            let check = format!("/v1/settings/{}/children/{}/progress-check", w.setting_id, w.child);
            let (_, current) = t.call("GET", &check, Some(manager), None).await;
            if current["status"] != "signed-off" {
                if current["familyRespondedAt"].is_null() {
                    let parent = w.person(Who::Parent).expect("parent");
                    let answer = json!({ "view": "Lovely.", "shareWithHealthVisitor": false });
                    assert_eq!(t.call("PUT", &format!("{check}/family"), Some(parent), Some(answer)).await.0, 200);
                }
                assert_eq!(t.call("POST", &format!("{check}/sign-off"), Some(manager), None).await.0, 200);
            }
            (fill(path), None, None)
        }
        "progress-check-share" | "progress-check-sign" if matches!(who, Who::Manager | Who::KeyPerson) => {
            let child = t.child(&w.setting_id, manager, &w.room, &key_person).await;
            let check = format!("/v1/settings/{}/children/{child}/progress-check", w.setting_id);
            assert_eq!(t.call("PUT", &check, Some(manager), Some(progress_check_body())).await.0, 200);
            if function == "progress-check-sign" {
                assert_eq!(t.call("POST", &format!("{check}/share"), Some(manager), None).await.0, 200);
                let parent = t.guardian(&w.setting_id, manager, &child, "parent", true).await;
                let answer = json!({ "view": "Lovely.", "shareWithHealthVisitor": true });
                assert_eq!(t.call("PUT", &format!("{check}/family"), Some(&parent), Some(answer)).await.0, 200);
            }
            (fill(path).replace(&w.child, &child), None, None)
        }
        "preferences-set" => (fill(path), Some(json!({ "journal": "daily" })), None),
        "push-subscribe" => (fill(path), Some(push_subscription("matrix")), None),
        "push-unsubscribe" => (fill(path).replace("{subscriptionId}", "0123456789abcdef0123456789abcdef"), None, None),
        "mfa-totp-confirm" => (fill(path), Some(json!({ "code": wrong_code(&manager.email).await })), None),
        "collectors-set" => {
            (fill(path), Some(json!({ "collectors": [{ "name": "Jo Smith", "relationship": "aunt", "password": "blue-kite-42" }] })), None)
        }
        "absences-report" => {
            let tomorrow = (t.app.clock.now() + time::Duration::days(1)).date().to_string();
            (fill(path), Some(json!({ "from": tomorrow, "to": tomorrow, "reason": "Dentist" })), None)
        }
        "attendance-record" if STAFF.contains(&who) => {
            // A fresh child for each member of staff to sign in.
            let child = t.child(&w.setting_id, manager, &w.room, &key_person).await;
            (fill(path).replace(&w.child, &child), Some(json!({ "mark": "sign-in" })), None)
        }
        "attendance-record" => (fill(path), Some(json!({ "mark": "sign-in" })), None),
        "staff-clock" => (fill(path), Some(json!({ "action": "in", "roomId": w.room })), None),
        "timesheets-get" => {
            let today = t.app.clock.now().date().to_string();
            (format!("{}?from={today}&to={today}", fill(path)), None, None)
        }
        "diary-add" => (fill(path), Some(json!({ "kind": "meal", "what": "Pasta", "amount": "most" })), None),
        "medicine-permission-set" => (fill(path).replace("{permissionId}", "inhaler"), Some(medicine_permission()), None),
        "medicine-dose" => {
            let witness = if is_manager { key_person.clone() } else { manager.user_id.clone() };
            (fill(path), Some(json!({ "permissionId": "calpol", "amount": "5 ml", "witnessedBy": witness })), None)
        }
        "accidents-create" => (
            fill(path),
            Some(json!({
                "place": "Garden", "whatHappened": "Bumped heads.", "injury": "None visible", "firstAid": "Cold compress.", "serious": false
            })),
            None,
        ),
        "accidents-review" if is_manager => {
            // A fresh accident to review.
            let (_, made) = t
                .call(
                    "POST",
                    &fill("/v1/settings/{settingId}/children/{childId}/accidents"),
                    Some(manager),
                    Some(json!({
                        "place": "Hall", "whatHappened": "Slipped.", "injury": "None", "firstAid": "Comforted.", "serious": false
                    })),
                )
                .await;
            (fill(path).replace("{accidentId}", made["accidentId"].as_str().unwrap()), Some(json!({ "notes": "Seen." })), None)
        }
        "accidents-review" => (fill(path).replace("{accidentId}", &w.accident), Some(json!({ "notes": "Seen." })), None),
        "accidents-acknowledge" if who == Who::Parent => {
            let id = t.reviewed_accident(&w.setting_id, manager, manager, &w.child).await;
            (fill(path).replace("{accidentId}", &id), Some(json!({ "comment": "Thank you." })), None)
        }
        "accidents-acknowledge" => {
            let id = if who == Who::Held { &w.held_accident } else { &w.accident };
            (fill(path).replace("{accidentId}", id), Some(json!({})), None)
        }
        "faults-report" => {
            (fill(path), Some(json!({ "description": "The register showed another room's children.", "privacyAffected": false })), None)
        }
        // The same premises again, so every later caller stays on them.
        "networks-set" => (fill(path), Some(json!({ "networks": nestling_tests::PREMISES })), None),
        "remote-attestation" => (fill(path), Some(json!({ "confidentiality": true, "securitySoftware": true, "ownDevice": true })), None),
        "offline-key-issue" => (fill(path), Some(json!({ "deviceId": "matrix-device" })), None),
        "offline-key-drop" => (fill(path).replace("{deviceId}", "matrix-device"), None, None),
        "faults-resolve" => {
            let id = if is_manager {
                let (status, made) = t
                    .call(
                        "POST",
                        &fill("/v1/settings/{settingId}/faults"),
                        Some(manager),
                        Some(json!({ "description": "Matrix fault.", "privacyAffected": false })),
                    )
                    .await;
                assert_eq!(status, 201, "{made}");
                made["faultId"].as_str().unwrap().to_string()
            } else {
                "nofault".to_string()
            };
            (fill(path).replace("{faultId}", &id), Some(json!({ "notes": "Fixed and checked." })), None)
        }
        "lockdown-start" => (fill(path), Some(json!({ "notice": "Nestling is paused while we check a fault." })), None),
        "lockdown-lift" => {
            if is_manager {
                let (status, body) =
                    t.call("POST", &fill("/v1/settings/{settingId}/lockdown"), Some(manager), Some(json!({ "notice": "Paused." }))).await;
                assert_eq!(status, 201, "{body}");
            }
            (fill(path), Some(json!({ "message": "All fixed." })), None)
        }
        "breaches-record" => (fill(path), Some(breach_body(&w.child)), None),
        "breaches-ico-report" | "breaches-notify-families" => {
            let id = if is_manager {
                let (status, made) =
                    t.call("POST", &fill("/v1/settings/{settingId}/breaches"), Some(manager), Some(breach_body(&w.child))).await;
                assert_eq!(status, 201, "{made}");
                made["breachId"].as_str().unwrap().to_string()
            } else {
                "nobreach".to_string()
            };
            let body =
                if function == "breaches-ico-report" { json!({ "reference": "ICO-123" }) } else { json!({ "message": "We are sorry." }) };
            (fill(path).replace("{breachId}", &id), Some(body), None)
        }
        _ => (fill(path), None, None),
    }
}

/// Six digits that are not the current code of the authenticator `email` enrolled (the
/// emulator gives every account the same secret).
async fn wrong_code(email: &str) -> String {
    let secret = nestling_local::provision::totp_secret_of(email).expect("an enrolled authenticator");
    let right: u32 = nestling_local::totp::code_now(&secret).await.and_then(|c| c.parse().ok()).expect("a code");
    format!("{:06}", (right + 500_000) % 1_000_000)
}

fn breach_body(child: &str) -> Value {
    json!({
        "description": "A photo was emailed to the wrong parent.", "discoveredAt": nestling_platform::app::rfc3339(time::OffsetDateTime::now_utc()),
        "category": "wrong-recipient", "affectedChildIds": [child], "risk": "medium", "reportable": true
    })
}

/// The matrix runs in four parts, each against a world of its own, so the parts proceed side
/// by side on the emulator pool. Every route is in exactly one part: by its area, and areas not
/// named here fall to the last part.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    /// Accounts, settings, staff, children, guardians, the agreement and data rights.
    Access,
    /// Media, the learning journal, assessment and the learning journey.
    Journal,
    /// The feed, events and messages.
    Communications,
    /// Daily care, faults, lockdown, breaches, and any area without a part of its own.
    CareAndIncidents,
}

fn part_of(area: &str) -> Part {
    match area {
        "accounts" | "settings" | "staff" | "children" | "guardians" | "rights" => Part::Access,
        "media" | "journal" | "assessment" | "journey" => Part::Journal,
        "comms" => Part::Communications,
        _ => Part::CareAndIncidents,
    }
}

async fn every_route_of(part: Part) {
    let t = spawn_app().await;
    let w = world(&t).await;
    let mut failures = Vec::new();
    let mut checked = 0;
    let mut checked_through = 0;
    // Publishing a new agreement puts every guardian back to pending: it goes last, and
    // accepting goes after it (so it accepts the new version).
    let mut functions: Vec<_> = FUNCTIONS.iter().filter(|f| f.http().is_some() && part_of(f.area) == part).collect();
    functions.sort_by_key(|f| match f.name {
        "agreement-publish" => 1,
        "agreement-accept" => 2,
        _ => 0,
    });
    for function in &functions {
        let Some((method, path, _)) = function.http() else { continue };
        for who in EVERYONE {
            let want = expected(function.name, who);
            let person = w.person(who);
            let (path, body, if_match) = request(&t, &w, function.name, path, who).await;
            let (got, answer) = match if_match {
                Some(version) => t.call_with(method, &path, person, body, &[("if-match", &format!("\"{version}\""))]).await,
                None => t.call(method, &path, person, body).await,
            };
            checked += 1;
            // Lockdown would change every later answer: lift it again at once.
            if function.name == "lockdown-start" && got == 201 {
                let (status, body) = t.call("DELETE", &path, w.person(Who::Manager), Some(json!({ "message": "Back." }))).await;
                assert_eq!(status, 200, "lift after the matrix's lockdown: {body}");
            }
            if got != want {
                failures.push(format!("{} as {who:?}: expected {want}, got {got}: {answer}", function.name));
            }
            // A parent's comments and photos may name the child whose journal shows them, and
            // are then authorised on that child's link: every caller answered the same.
            if matches!(function.name, "comments-list" | "comments-create" | "media-get") {
                let (path, body, _) = request(&t, &w, function.name, function.http().unwrap().1, who).await;
                let through = format!("{path}{}child={}", if path.contains('?') { '&' } else { '?' }, w.child_for(who));
                let (got, answer) = t.call(method, &through, person, body).await;
                checked_through += 1;
                if got != want {
                    failures.push(format!("{} ?child= as {who:?}: expected {want}, got {got}: {answer}", function.name));
                }
            }
        }
    }
    assert!(failures.is_empty(), "authorisation matrix failures:\n{}", failures.join("\n"));
    assert!(functions.len() >= 10, "{part:?} holds only {} routes", functions.len());
    assert_eq!(checked, EVERYONE.len() * functions.len());
    assert_eq!(checked_through, if part == Part::Journal { 3 * EVERYONE.len() } else { 0 });
}

#[tokio::test]
async fn access_routes_answer_every_caller_as_the_matrix_says() {
    every_route_of(Part::Access).await;
}

#[tokio::test]
async fn journal_routes_answer_every_caller_as_the_matrix_says() {
    every_route_of(Part::Journal).await;
}

#[tokio::test]
async fn communication_routes_answer_every_caller_as_the_matrix_says() {
    every_route_of(Part::Communications).await;
}

#[tokio::test]
async fn care_and_incident_routes_answer_every_caller_as_the_matrix_says() {
    every_route_of(Part::CareAndIncidents).await;
}

#[test]
fn every_route_has_a_matrix_row() {
    for function in FUNCTIONS {
        if function.http().is_some() {
            for who in EVERYONE {
                let _ = expected(function.name, who);
            }
        }
    }
}

/// Who calls a device's route: no device, an unpaired one, a paired one with no one's session,
/// or a person's session of one mode on the world's paired tablet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum OnDevice {
    NoDevice,
    Unpaired,
    NoSession,
    Session(Who, &'static str),
}

const ON_DEVICE: [OnDevice; 13] = [
    OnDevice::NoDevice,
    OnDevice::Unpaired,
    OnDevice::NoSession,
    OnDevice::Session(Who::Manager, "staff"),
    OnDevice::Session(Who::KeyPerson, "staff"),
    OnDevice::Session(Who::Practitioner, "staff"),
    OnDevice::Session(Who::Parent, "kiosk"),
    OnDevice::Session(Who::Family, "kiosk"),
    OnDevice::Session(Who::Unlinked, "kiosk"),
    OnDevice::Session(Who::Held, "kiosk"),
    OnDevice::Session(Who::Parent, "journal"),
    OnDevice::Session(Who::Unlinked, "journal"),
    OnDevice::Session(Who::Held, "journal"),
];

/// What a device's caller gets on each device route.
fn expected_on_device(function: &str, caller: OnDevice) -> u16 {
    use OnDevice::*;
    // The device's own route needs no one's session.
    if function == "device-get" {
        return if matches!(caller, NoDevice | Unpaired) { 401 } else { 200 };
    }
    let Session(who, mode) = caller else { return 401 };
    match (function, mode) {
        ("device-session-start", _) => 201,
        ("device-session-end", _) => 204,
        ("device-register-get" | "device-guardians-list", "staff") => 200,
        ("device-attendance-record", "staff") => 201,
        // At the kiosk, only their own child, and never one under a hold.
        ("device-attendance-record", "kiosk") | ("device-journal-get", "journal") => match who {
            Who::Unlinked => 404,
            Who::Held => 403,
            _ if function == "device-attendance-record" => 201,
            _ => 200,
        },
        _ => 403,
    }
}

#[tokio::test]
async fn device_routes_answer_every_device_caller_as_the_matrix_says() {
    let t = spawn_app().await;
    let w = world(&t).await;
    let manager = w.manager();
    let (tr, wr) = (&t, &w);
    let pair = |name: &'static str| async move {
        let (t, w) = (tr, wr);
        let (_, started) = t.call("POST", "/v1/device-pairings", None, Some(json!({}))).await;
        let path = format!("/v1/settings/{}/devices", w.setting_id);
        let (status, device) = t.call("POST", &path, Some(manager), Some(json!({ "code": started["code"], "name": name }))).await;
        assert_eq!(status, 201, "{device}");
        let id = device["deviceId"].as_str().unwrap().to_string();
        (format!("Device {}.{id}.{}", w.setting_id, started["secret"].as_str().unwrap()), id)
    };
    let (tablet, _) = pair("Matrix tablet").await;
    let (gone, gone_id) = pair("Matrix old tablet").await;
    let path = format!("/v1/settings/{}/devices/{gone_id}/unpair", w.setting_id);
    assert_eq!(t.call("POST", &path, Some(manager), Some(json!({ "reason": "retired" }))).await.0, 200);
    // Everyone who may have a PIN sets one, and keeps their number.
    let mut numbers = Vec::new();
    for who in [Who::Manager, Who::KeyPerson, Who::Practitioner, Who::Parent, Who::Family, Who::Unlinked, Who::Held] {
        let path = format!("/v1/settings/{}/device-pin", w.setting_id);
        let (status, set) = t.call("PUT", &path, w.person(who), Some(json!({ "pin": "2580" }))).await;
        assert_eq!(status, 200, "{who:?}: {set}");
        numbers.push((who, set["number"].as_str().unwrap().to_string()));
    }
    let number_of = |who: Who| numbers.iter().find(|(w, _)| *w == who).map(|(_, n)| n.clone()).unwrap();
    let open = |who: Who, mode: &'static str| {
        let number = number_of(who);
        let tablet = tablet.clone();
        async move {
            let t = tr;
            let body = json!({ "mode": mode, "number": number, "pin": "2580" });
            let (status, session) = t.call_with("POST", "/v1/device/sessions", None, Some(body), &[("authorization", &tablet)]).await;
            assert_eq!(status, 201, "{who:?} {mode}: {session}");
            session["token"].as_str().unwrap().to_string()
        }
    };
    let mut failures = Vec::new();
    let mut checked = 0;
    let functions: Vec<_> = FUNCTIONS.iter().filter(|f| matches!(f.http(), Some((_, _, nestling_domain::routes::Auth::Device)))).collect();
    for function in &functions {
        let (method, path, _) = function.http().unwrap();
        for caller in ON_DEVICE {
            let who = match caller {
                OnDevice::Session(who, _) => who,
                _ => Who::Parent,
            };
            let child = w.child_for(who).to_string();
            let path = path.replace("{settingId}", &w.setting_id).replace("{childId}", &child);
            let mut headers: Vec<(String, String)> = Vec::new();
            match caller {
                OnDevice::NoDevice => {}
                OnDevice::Unpaired => {
                    headers.push(("authorization".into(), gone.clone()));
                    headers.push(("x-device-session".into(), format!("{}.not-a-session", w.manager().user_id)));
                }
                OnDevice::NoSession => headers.push(("authorization".into(), tablet.clone())),
                OnDevice::Session(who, mode) => {
                    headers.push(("authorization".into(), tablet.clone()));
                    if function.name != "device-session-start" {
                        headers.push(("x-device-session".into(), open(who, mode).await));
                    }
                }
            }
            let body = match function.name {
                "device-session-start" => match caller {
                    OnDevice::Session(who, mode) => Some(json!({ "mode": mode, "number": number_of(who), "pin": "2580" })),
                    // No one's number and PIN: a wrong one.
                    _ => Some(json!({ "mode": "staff", "number": number_of(Who::Manager), "pin": "9631" })),
                },
                "device-attendance-record" => {
                    // Sign in, or out (collected by the parent) when the child is in already.
                    let attendance = format!("/v1/settings/{}/children/{child}/attendance", w.setting_id);
                    let (_, now) = t.call("GET", &attendance, Some(manager), None).await;
                    let signed_in = now["days"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .any(|d| d["sessions"].as_array().and_then(|s| s.last()).is_some_and(|s| s["outAt"].is_null()));
                    let collector = w.person(if who == Who::Held { Who::Held } else { Who::Parent }).unwrap().user_id.clone();
                    Some(if signed_in {
                        json!({ "mark": "sign-out", "collectedBy": { "guardianId": collector } })
                    } else {
                        json!({ "mark": "sign-in" })
                    })
                }
                _ => None,
            };
            let header_refs: Vec<(&str, &str)> = headers.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
            let (got, answer) = t.call_with(method, &path, None, body, &header_refs).await;
            checked += 1;
            let want = expected_on_device(function.name, caller);
            if got != want {
                failures.push(format!("{} as {caller:?}: expected {want}, got {got}: {answer}", function.name));
            }
        }
    }
    assert!(failures.is_empty(), "device matrix failures:\n{}", failures.join("\n"));
    assert_eq!(checked, functions.len() * ON_DEVICE.len());
    assert!(functions.len() >= 6, "{} device routes", functions.len());
}

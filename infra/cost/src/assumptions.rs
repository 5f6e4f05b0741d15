//! Every assumption of the cost model, each a named constant with where it comes from.
//!
//! Three kinds of figure live here:
//! - **the nursery**: how many children, staff and parents, and how often each of them does
//!   what (per endpoint, in [`USAGE`]); these are judgements, reasoned in each comment;
//! - **the platform**: latencies, sizes and sampling that the bench cannot measure locally;
//! - **AWS list prices** for Europe (London), `eu-west-2`, in US dollars, each with its source
//!   and the date it was read. Where no London figure was found the US East (N. Virginia)
//!   figure is used and the comment says so.
//!
//! Prices were read on 2026-12-03 through stored copies of public pages (this machine has no
//! web): AWS's own pages where they were stored, otherwise public write-ups that quote AWS's
//! machine-readable price list (`https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/
//! <service>/current/eu-west-2/index.json`) by usage type, which is named. Check them against
//! the price list before quoting a figure outside the team.

// ------------------------------------------------------------------------------------------
// The vocabulary of the usage table.

/// What a usage figure is counted per. Each is turned into a monthly count for one scenario
/// (one nursery, or a group of settings sharing one deployment).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Per {
    /// Per child on roll, per opening day.
    ChildOpeningDay,
    /// Per child on roll, per opening week ([`OPENING_DAYS_PER_MONTH`] / 5 a month).
    ChildOpeningWeek,
    /// Per child on roll, per month.
    ChildMonth,
    /// Per member of staff (managers included), per opening day.
    StaffOpeningDay,
    /// Per member of staff, per month.
    StaffMonth,
    /// Per manager, per opening day.
    ManagerOpeningDay,
    /// Per guardian with an account, per calendar day (parents look at weekends too).
    GuardianDay,
    /// Per guardian with an account, per month.
    GuardianMonth,
    /// Per setting, per month.
    SettingMonth,
    /// Per deployment (shared by every setting of a group), per calendar day: schedules and
    /// monitors, which run once however many settings there are.
    DeploymentDay,
    /// Per photo or video uploaded (the S3 event of each upload).
    Upload,
    /// Per journal event written to the table stream (`NOTIFY#`), see [`JOURNAL_EVENTS`].
    JournalEvent,
    /// Per email sent through the outbox, see [`EMAILS`] and [`DIGEST_EMAILS_SHARE`].
    Email,
    /// Per digest email (one of the emails), see [`DIGEST_EMAILS_SHARE`].
    DigestEmail,
    /// Per Web Push message, see [`PUSHES`].
    Push,
    /// Per permanent bounce or complaint SES reports, see [`BOUNCE_RATE`].
    Bounce,
}

/// How often one function is called: the sum of its terms, each `(count, per)`. No terms means
/// never in a normal month, and `why` says why.
#[derive(Debug, Clone, Copy)]
pub struct Usage {
    pub function: &'static str,
    pub calls: &'static [(f64, Per)],
    pub why: &'static str,
}

/// Who receives a message a call causes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Recipients {
    /// A fixed number of people.
    Fixed(f64),
    /// The setting's managers ([`MANAGERS_PER_SETTING`]).
    Managers,
    /// The parents of one child ([`GUARDIANS_PER_CHILD`]).
    ParentsOfChild,
    /// Every guardian of the setting (a lockdown notice).
    AllGuardians,
    /// The parents who hear about one journal event ([`JOURNAL_RECIPIENTS_PER_EVENT`]).
    JournalReaders,
}

/// Messages (emails, journal events, push messages) that each call of `function` causes:
/// `per_call` times `to`.
#[derive(Debug, Clone, Copy)]
pub struct Causes {
    pub function: &'static str,
    pub per_call: f64,
    pub to: Recipients,
    pub why: &'static str,
}

// ------------------------------------------------------------------------------------------
// The nursery and the group.

/// Children on roll in one setting: the reference nursery of issue 18.
pub const CHILDREN_PER_SETTING: f64 = 60.0;

/// Staff of one setting, managers included. EYFS ratios for 60 children of mixed ages (about
/// 12 under two at 1:3, 18 two-year-olds at 1:5 and 30 aged three and over at 1:8: 4 + 4 + 4
/// in ratio at full attendance) plus cover for breaks and part-time rotas, a manager, a
/// deputy and a cook: 15 people with accounts.
pub const STAFF_PER_SETTING: f64 = 15.0;

/// Managers (manager and deputy): the recipients of alerts and the users of the manager pages.
pub const MANAGERS_PER_SETTING: f64 = 2.0;

/// Guardians with an account per child: most children have two parents who sign in, some one
/// (about 80% two-parent households). Siblings are ignored (a family per child), which over-
/// counts a little.
pub const GUARDIANS_PER_CHILD: f64 = 1.8;

/// Opening days a month: 51 weeks of 5 days less 8 bank holidays is 247 a year, 20.6 a month.
pub const OPENING_DAYS_PER_MONTH: f64 = 21.0;

/// Calendar days a month (365.25 / 12).
pub const CALENDAR_DAYS_PER_MONTH: f64 = 30.44;

/// Share of the children on roll who attend on an opening day: many places are part-time
/// (funded hours); an average child attends about 3.8 days a week.
pub const ATTENDANCE_RATE: f64 = 0.76;

/// Settings of the group that shares one deployment: the 10-setting, 600-child group.
/// Everything per setting is multiplied by it; per-deployment things ([`Per::DeploymentDay`],
/// alarms, the KMS key) are not.
pub const SETTINGS_IN_GROUP: f64 = 10.0;

/// Children who leave (and are replaced) per child per month: children stay about two and a
/// half years (from 1 to school age), so 1/30 of the roll turns over each month.
pub const CHILD_TURNOVER_PER_MONTH: f64 = 1.0 / 30.0;

/// Staff who leave (and are replaced) per member of staff per month: early-years staff
/// turnover is about 30% a year in England.
pub const STAFF_TURNOVER_PER_MONTH: f64 = 0.025;

// ------------------------------------------------------------------------------------------
// How people use the app (what the web app's pages call: web/src/pages, web/src/ui).

/// Times a member of staff opens the app a day (start of the shift, after breaks): each
/// loads `me` and unlocks the device's offline outbox (`offline-key-issue`).
pub const STAFF_APP_OPENS_PER_DAY: f64 = 3.0;

/// Views of the staff home page a day per member of staff (returning to it between tasks,
/// and TanStack Query's refetch on window focus): each reads the contributions queue, the
/// ratios, the key children and (web/src/pages/staff/shared.tsx) the children and rooms.
pub const STAFF_HOME_VIEWS_PER_DAY: f64 = 6.0;

/// Register page opens a day per member of staff (not only room leads take marks).
pub const REGISTER_VIEWS_PER_STAFF_DAY: f64 = 3.0;

/// Views of the manager home page a day per manager: it reads the setting, the accidents,
/// breaches, contributions, email problems and faults lists.
pub const MANAGER_HOME_VIEWS_PER_DAY: f64 = 8.0;

/// Register marks per attending child a day: sign-in, sign-out and the odd correction.
pub const MARKS_PER_ATTENDED_DAY: f64 = 2.05;

/// Diary entries per attending child a day: meals and snacks (3), a sleep, nappies or
/// toileting (2 to 4 for the under-threes, who are half the roll), sun cream, bottles.
pub const DIARY_ENTRIES_PER_ATTENDED_DAY: f64 = 6.0;

/// Times staff open a child's diary page a day besides writing (checking what was eaten).
pub const STAFF_DIARY_OPENS_PER_ATTENDED_DAY: f64 = 3.0;

/// Parents' looks at the daily page (diary, attendance, medicine permissions) per child per
/// opening day: most families check at pick-up or in the evening.
pub const PARENT_DAILY_VIEWS_PER_CHILD_DAY: f64 = 0.9;

/// Visits to the app per guardian per calendar day: about one a day per family, shared
/// between two parents.
pub const GUARDIAN_SESSIONS_PER_DAY: f64 = 0.5;

/// Journal pages opened per guardian visit.
pub const JOURNAL_VIEWS_PER_SESSION: f64 = 1.1;

/// Share of journal views that open an entry's comments.
pub const COMMENT_VIEWS_PER_JOURNAL_VIEW: f64 = 0.3;

/// Observations per child per opening week: the 2 to 3 (a key person writes a few a
/// week for each key child; group observations count once per child they name).
pub const OBSERVATIONS_PER_CHILD_PER_WEEK: f64 = 2.5;

/// Calls per observation saved: the web app retries a save every 750 ms while its photo is
/// still being checked (409 `media-not-ready`, web/src/api/media.ts); a check takes about a
/// second, so about one save in three is retried once.
pub const OBSERVATION_SAVE_ATTEMPTS: f64 = 1.3;

/// Photos per observation.
pub const PHOTOS_PER_OBSERVATION: f64 = 1.2;

/// Comments per observation (parents on about one in five, staff replying to half of those).
pub const COMMENTS_PER_OBSERVATION: f64 = 0.3;

/// News-feed posts per setting per month: the Famly and Tapestry help pages show settings
/// posting a couple of times a day (menus, photos of the day, reminders); an estimate.
pub const POSTS_PER_SETTING_MONTH: f64 = 40.0;

/// Events (posts asking for replies) per setting per month: trips, stay-and-play, concerts,
/// parents' evenings; an estimate.
pub const EVENTS_PER_SETTING_MONTH: f64 = 4.0;

/// Posts published at once: managers' posts, and practitioners' where the setting does not
/// ask for approval (an estimate: about one setting in three asks, for half of its posts).
pub const POSTS_PUBLISHED_AT_ONCE: f64 = 0.75;

/// Families who have not replied to an event by each reminder (an estimate).
pub const EVENT_NOT_REPLIED_SHARE: f64 = 0.3;

/// Private message threads a family starts about their child per month (an absence, a
/// pick-up, a question for the key person): an estimate from settings' own guidance that
/// parents "can contact nursery throughout the day".
pub const FAMILY_THREADS_PER_CHILD_MONTH: f64 = 1.0;

/// Threads staff start to one child's parents per month (a note home, a request).
pub const STAFF_THREADS_PER_CHILD_MONTH: f64 = 0.5;

/// Replies after a thread's first message, both sides together.
pub const REPLIES_PER_THREAD: f64 = 3.0;

/// Broadcasts (a room's or the whole setting's letter home) per setting per month.
pub const BROADCASTS_PER_SETTING_MONTH: f64 = 8.0;

/// Share of a message's readers who have not opened it by the end of the withdraw window, and
/// so are emailed (those who chose email at once).
pub const UNREAD_AT_ALERT_SHARE: f64 = 0.5;

/// The message-alerts schedule runs every five minutes, however many settings there are.
pub const MESSAGE_ALERT_RUNS_PER_DAY: f64 = 24.0 * 60.0 / 5.0;

/// Aspects judged per child per term: the 17 of the seven areas (the prime ones for the
/// youngest; a setting may judge fewer): an upper bound.
pub const JUDGED_ASPECTS_PER_CHILD_TERM: f64 = 17.0;

/// Progress checks at two per child per month: each child has one, in the year they are two;
/// in a mixed nursery about a quarter of the children are two (an estimate).
pub const PROGRESS_CHECKS_PER_CHILD_MONTH: f64 = 0.25 / 12.0;

/// Months per term (three terms a year).
pub const TERM_MONTHS: f64 = 4.0;

/// Parent contributions ("from home") per child per opening week.
pub const CONTRIBUTIONS_PER_CHILD_PER_WEEK: f64 = 0.25;

/// Photos per parent contribution.
pub const PHOTOS_PER_CONTRIBUTION: f64 = 1.0;

/// Videos per child per opening week: short clips, far rarer than photos.
pub const VIDEOS_PER_CHILD_PER_WEEK: f64 = 0.1;

/// Learning journeys made per leaver: the family's at leaving, and now and then a second (a
/// manager's for the next setting, or a parent's earlier copy).
pub const JOURNEYS_PER_LEAVER: f64 = 1.5;

/// Opening weeks of journal one learning journey holds: a stay of 1 / [`CHILD_TURNOVER_PER_MONTH`]
/// = 30 months, at about 40 opening weeks a year.
pub const JOURNEY_WEEKS: f64 = 100.0;

/// Journeys sent on to the next school or setting per leaver (most children leave for school).
pub const TRANSFERS_PER_LEAVER: f64 = 0.8;

/// How each made journey is downloaded: the archive once (the originals), the PDF once.
pub const JOURNEY_ARCHIVE_DOWNLOADS: f64 = 1.0;
pub const JOURNEY_PDF_DOWNLOADS: f64 = 1.0;

/// Accidents per child per month: the figure (bumps and grazes; every one is recorded,
/// reviewed by a manager and acknowledged by a parent).
pub const ACCIDENTS_PER_CHILD_PER_MONTH: f64 = 1.0;

/// Share of accidents that are serious (managers are emailed at once).
pub const SERIOUS_ACCIDENT_SHARE: f64 = 0.1;

/// Medicine doses per child per opening day: a few children on inhalers or antibiotics at any
/// time (about 1 in 20 children a day).
pub const MEDICINE_DOSES_PER_CHILD_DAY: f64 = 0.05;

/// Share of parents who chose an email per journal event (the default, `Immediate`).
pub const SHARE_IMMEDIATE: f64 = 0.6;

/// Share of parents who chose the daily digest.
pub const SHARE_DAILY: f64 = 0.3;

/// Parents who hear about one journal event: an observation names 1.2 children on average,
/// each with [`GUARDIANS_PER_CHILD`] parents; a comment or a contribution's decision reaches
/// one family.
pub const JOURNAL_RECIPIENTS_PER_EVENT: f64 = 2.0;

/// Share of opening days on which a digest parent has news (a child with 2.5 observations a
/// week and some comments has something on about half the days).
pub const DIGEST_NEWS_DAYS_SHARE: f64 = 0.5;

/// Push devices per guardian: about half subscribe one phone.
pub const PUSH_DEVICES_PER_GUARDIAN: f64 = 0.5;

/// Share of sent emails that bounce permanently or are complained about (addresses typed by
/// staff, mostly right): triggers `ses-feedback`.
pub const BOUNCE_RATE: f64 = 0.003;

/// Share of guardians who sign in (or refresh a token) in a month: Cognito's monthly active
/// users.
pub const GUARDIANS_ACTIVE_SHARE: f64 = 0.95;

/// Ratio breach episodes per register mark: about one episode a room every two weeks, with 4
/// rooms and ~2,000 marks a month.
pub const BREACH_EPISODES_PER_MARK: f64 = 0.005;

/// Manager overrides of a collection (someone not on the list) per sign-out mark.
pub const OVERRIDES_PER_MARK: f64 = 0.002;

/// Views of the ratio page a day per member of staff (besides the home page's ratios).
pub const RATIO_PAGE_VIEWS_PER_STAFF_DAY: f64 = 1.0;

/// Children affected by a data breach whose families are told.
pub const CHILDREN_PER_BREACH_NOTICE: f64 = 5.0;

// ------------------------------------------------------------------------------------------
// Every function's usage. A test fails when a function of the route table has no row here,
// so a new endpoint forces a figure (no terms, with a reason, is allowed).

/// Shorthands of the table below.
const A: f64 = ATTENDANCE_RATE;
const OBS: f64 = OBSERVATIONS_PER_CHILD_PER_WEEK;
const CONTRIB: f64 = CONTRIBUTIONS_PER_CHILD_PER_WEEK;
/// Diary page loads per child per opening day: each entry's save refetches what is on screen
/// (web/src/api/queries.ts: a change marks all of the setting's reads stale), plus the opens.
const DIARY_PAGE_LOADS: f64 = A * (DIARY_ENTRIES_PER_ATTENDED_DAY + STAFF_DIARY_OPENS_PER_ATTENDED_DAY);
/// Register page loads per child per opening day caused by marks (the refetch after each).
const MARK_REFETCHES: f64 = A * MARKS_PER_ATTENDED_DAY;
/// Staff pages that list children and rooms (web/src/pages/staff/shared.tsx): home, register.
const STAFF_LIST_VIEWS: f64 = STAFF_HOME_VIEWS_PER_DAY + REGISTER_VIEWS_PER_STAFF_DAY;
/// Journal pages opened per guardian per calendar day.
const JOURNAL_VIEWS: f64 = GUARDIAN_SESSIONS_PER_DAY * JOURNAL_VIEWS_PER_SESSION;

/// How often each function is called, in the route table's order.
pub const USAGE: &[Usage] = &[
    Usage {
        function: "health",
        calls: &[(288.0, Per::DeploymentDay)],
        why: "an uptime monitor every 5 minutes; the web app never calls it",
    },
    Usage {
        function: "me",
        calls: &[(STAFF_APP_OPENS_PER_DAY, Per::StaffOpeningDay), (GUARDIAN_SESSIONS_PER_DAY, Per::GuardianDay)],
        why: "once per app load (web/src/App.tsx)",
    },
    Usage {
        function: "invitations-accept",
        calls: &[
            (CHILD_TURNOVER_PER_MONTH * GUARDIANS_PER_CHILD * 1.2, Per::ChildMonth),
            (STAFF_TURNOVER_PER_MONTH * 1.2, Per::StaffMonth),
        ],
        why: "new families and staff accept their invitation (some open the link twice)",
    },
    Usage { function: "settings-create", calls: &[], why: "once per setting, ever: nothing in a normal month" },
    Usage { function: "settings-get", calls: &[(MANAGER_HOME_VIEWS_PER_DAY, Per::ManagerOpeningDay)], why: "the manager home page" },
    Usage { function: "rooms-create", calls: &[], why: "rooms are set up once" },
    Usage {
        function: "rooms-list",
        calls: &[
            (STAFF_LIST_VIEWS, Per::StaffOpeningDay),
            (MARK_REFETCHES, Per::ChildOpeningDay),
            (MANAGER_HOME_VIEWS_PER_DAY / 2.0, Per::ManagerOpeningDay),
        ],
        why: "staff home and register pages, refetched after each mark; manager child and staff pages",
    },
    Usage { function: "staff-invite", calls: &[(STAFF_TURNOVER_PER_MONTH, Per::StaffMonth)], why: "replacing leavers" },
    Usage {
        function: "staff-list",
        calls: &[(DIARY_PAGE_LOADS, Per::ChildOpeningDay), (MANAGER_HOME_VIEWS_PER_DAY / 2.0, Per::ManagerOpeningDay)],
        why: "the diary page lists staff (a dose's witness) on every load and refetch; manager pages",
    },
    Usage { function: "staff-revoke", calls: &[(STAFF_TURNOVER_PER_MONTH, Per::StaffMonth)], why: "leavers" },
    Usage { function: "children-register", calls: &[(CHILD_TURNOVER_PER_MONTH, Per::ChildMonth)], why: "new children replacing leavers" },
    Usage {
        function: "children-list",
        calls: &[
            (STAFF_LIST_VIEWS, Per::StaffOpeningDay),
            (MARK_REFETCHES, Per::ChildOpeningDay),
            (MANAGER_HOME_VIEWS_PER_DAY / 2.0, Per::ManagerOpeningDay),
        ],
        why: "as rooms-list (the same pages load both)",
    },
    Usage {
        function: "children-get",
        calls: &[(GUARDIAN_SESSIONS_PER_DAY * 2.0, Per::GuardianDay), (2.0, Per::StaffOpeningDay)],
        why: "a parent's home page and the child header of each child page; staff child pages",
    },
    Usage {
        function: "children-update",
        calls: &[(0.1, Per::ChildMonth)],
        why: "allergies, addresses, dietary notes change a few times a year",
    },
    Usage {
        function: "guardians-link",
        calls: &[(CHILD_TURNOVER_PER_MONTH * GUARDIANS_PER_CHILD, Per::ChildMonth)],
        why: "the parents of new children",
    },
    Usage {
        function: "guardians-list",
        calls: &[(A, Per::ChildOpeningDay), (0.1, Per::ChildMonth)],
        why: "the register reads who may collect at each sign-out; the manager's guardians page",
    },
    Usage {
        function: "guardians-revoke",
        calls: &[(CHILD_TURNOVER_PER_MONTH * GUARDIANS_PER_CHILD, Per::ChildMonth)],
        why: "the parents of leavers",
    },
    Usage { function: "hold-place", calls: &[(0.005, Per::ChildMonth)], why: "safeguarding holds are rare" },
    Usage { function: "hold-lift", calls: &[(0.005, Per::ChildMonth)], why: "as hold-place" },
    Usage {
        function: "leaving-set",
        calls: &[(0.04, Per::ChildMonth)],
        why: "a child stays about two years, so about 1 in 24 leaves a month; the date recorded once, changed now and then",
    },
    Usage { function: "leaving-cancel", calls: &[(0.002, Per::ChildMonth)], why: "a few leaving dates a year are withdrawn" },
    Usage { function: "access-ending-notices", calls: &[(1.0, Per::DeploymentDay)], why: "one run each morning" },
    Usage { function: "retention-sweep", calls: &[(1.0, Per::DeploymentDay)], why: "one run each night" },
    Usage { function: "rights-deadlines", calls: &[(1.0, Per::DeploymentDay)], why: "one run each morning" },
    Usage {
        function: "rights-request-child",
        calls: &[(0.002, Per::ChildMonth)],
        why: "a few subject access requests a year in a nursery, most about a child",
    },
    Usage {
        function: "rights-request-self",
        calls: &[(0.5, Per::SettingMonth)],
        why: "a request about oneself now and then, or one logged by a manager",
    },
    Usage {
        function: "rights-requests-list",
        calls: &[(4.0, Per::SettingMonth)],
        why: "the managers' register, and a requester checking theirs",
    },
    Usage { function: "rights-request-extend", calls: &[(0.1, Per::SettingMonth)], why: "a few requests need more time" },
    Usage { function: "rights-request-answer", calls: &[(0.6, Per::SettingMonth)], why: "each request answered once" },
    Usage { function: "retention-get", calls: &[(0.5, Per::SettingMonth)], why: "the managers' retention page, opened now and then" },
    Usage { function: "retention-set", calls: &[(0.05, Per::SettingMonth)], why: "a schedule set once, changed rarely" },
    Usage { function: "legal-hold-place", calls: &[(0.02, Per::SettingMonth)], why: "a claim or an inquiry, a few in a setting's life" },
    Usage { function: "legal-hold-lift", calls: &[(0.02, Per::SettingMonth)], why: "each hold lifted once" },
    Usage {
        function: "booking-setup-get",
        calls: &[(1.0, Per::ChildMonth), (4.0, Per::SettingMonth)],
        why: "a family's bookings page reads the sessions; managers look over them",
    },
    Usage { function: "booking-setup-set", calls: &[(0.5, Per::SettingMonth)], why: "terms and closures added a few times a year" },
    Usage { function: "booking-pattern-set", calls: &[(0.1, Per::ChildMonth)], why: "a pattern at starting, changed once or twice a year" },
    Usage { function: "bookings-get", calls: &[(2.0, Per::ChildMonth)], why: "the family checks the month, staff look at a child's days" },
    Usage { function: "booking-request", calls: &[(1.0, Per::ChildMonth)], why: "an extra session or a cancellation a month" },
    Usage { function: "booking-requests-list", calls: &[(1.0, Per::ManagerOpeningDay)], why: "a manager clears what waits each day" },
    Usage {
        function: "funding-get",
        calls: &[(0.5, Per::ChildMonth)],
        why: "a parent checks the reconfirmation date, a manager the claims",
    },
    Usage {
        function: "funding-set",
        calls: &[(0.35, Per::ChildMonth)],
        why: "each funded child's code reconfirmed every three months, and new claims",
    },
    Usage {
        function: "funding-reminders",
        calls: &[(30.0, Per::SettingMonth)],
        why: "one run a day (the index read is shared by every setting: counted here per setting)",
    },
    Usage {
        function: "funding-headcount",
        calls: &[(1.0, Per::SettingMonth)],
        why: "a manager checks the term's headcount a few times a term, before the local authority's return",
    },
    Usage {
        function: "invoice-reminders",
        calls: &[(30.0, Per::SettingMonth)],
        why: "one run a day (the index read is shared by every setting: counted here per setting)",
    },
    Usage { function: "billing-get", calls: &[(0.3, Per::ChildMonth)], why: "a parent or manager checks who pays and the extras" },
    Usage { function: "billing-set", calls: &[(0.05, Per::ChildMonth)], why: "set when a child starts, changed now and then" },
    Usage {
        function: "invoices-month",
        calls: &[(4.0, Per::SettingMonth)],
        why: "a manager previews the month a few times before issuing",
    },
    Usage {
        function: "invoices-issue",
        calls: &[(1.0, Per::SettingMonth)],
        why: "the month issued once, now and then again for a late child",
    },
    Usage { function: "my-invoices", calls: &[(1.5, Per::ChildMonth)], why: "each payer opens their invoices when told one is issued" },
    Usage { function: "invoice-get", calls: &[(1.5, Per::ChildMonth)], why: "each payer reads the month's invoice, a manager some" },
    Usage { function: "invoice-pdf", calls: &[(0.7, Per::ChildMonth)], why: "most payers download it to pay or keep" },
    Usage { function: "invoice-correct", calls: &[(0.05, Per::ChildMonth)], why: "one invoice in twenty corrected after it is issued" },
    Usage { function: "payment-record", calls: &[(1.1, Per::ChildMonth)], why: "a payment a month per payer, a few in parts" },
    Usage {
        function: "statement-get",
        calls: &[(0.8, Per::ChildMonth)],
        why: "payers check their balance, managers chase what is overdue",
    },
    Usage { function: "staffing-get", calls: &[(3.0, Per::ManagerOpeningDay)], why: "the managers plan next week and check this one" },
    Usage { function: "rota-set", calls: &[(8.0, Per::SettingMonth)], why: "a week's rota set and adjusted a couple of times" },
    Usage { function: "booking-request-decide", calls: &[(0.3, Per::ChildMonth)], why: "about a third of changes come at short notice" },
    Usage { function: "rights-erasure-approve", calls: &[(0.05, Per::SettingMonth)], why: "a leaver's family asks now and then" },
    Usage { function: "rights-export-gather", calls: &[(0.5, Per::SettingMonth)], why: "most requests' records are gathered once" },
    Usage {
        function: "rights-export-build",
        calls: &[(1.0, Per::SettingMonth)],
        why: "two stream records per export: its gathering and its release",
    },
    Usage { function: "rights-export-get", calls: &[(2.0, Per::SettingMonth)], why: "the manager's review, opened a few times" },
    Usage { function: "rights-export-withhold", calls: &[(1.5, Per::SettingMonth)], why: "a few items in each export hold others' data" },
    Usage { function: "rights-export-release", calls: &[(0.5, Per::SettingMonth)], why: "each export released once" },
    Usage { function: "rights-export-download", calls: &[(1.0, Per::SettingMonth)], why: "the PDF and the archive, once each" },
    Usage {
        function: "journey-request",
        calls: &[(CHILD_TURNOVER_PER_MONTH * JOURNEYS_PER_LEAVER, Per::ChildMonth)],
        why: "each leaver's family asks for their journey, some twice, or a manager for the next setting",
    },
    Usage {
        function: "journey-build",
        calls: &[(CHILD_TURNOVER_PER_MONTH * JOURNEYS_PER_LEAVER, Per::ChildMonth)],
        why: "one stream record per journey asked for",
    },
    Usage {
        function: "journeys-list",
        calls: &[(CHILD_TURNOVER_PER_MONTH * JOURNEYS_PER_LEAVER * 4.0, Per::ChildMonth)],
        why: "the journey page, opened while it is made and again to download",
    },
    Usage {
        function: "journey-transfer",
        calls: &[(CHILD_TURNOVER_PER_MONTH * TRANSFERS_PER_LEAVER, Per::ChildMonth)],
        why: "most leavers' journeys are sent on to their school",
    },
    Usage {
        function: "journey-transfer-download",
        calls: &[(CHILD_TURNOVER_PER_MONTH * TRANSFERS_PER_LEAVER, Per::ChildMonth)],
        why: "each link is spent once",
    },
    Usage {
        function: "journey-download",
        calls: &[(CHILD_TURNOVER_PER_MONTH * JOURNEYS_PER_LEAVER * (JOURNEY_ARCHIVE_DOWNLOADS + JOURNEY_PDF_DOWNLOADS), Per::ChildMonth)],
        why: "the PDF and the archive, once each",
    },
    Usage {
        function: "consents-set",
        calls: &[(CHILD_TURNOVER_PER_MONTH + 0.02, Per::ChildMonth)],
        why: "new children, and the odd change of mind",
    },
    Usage {
        function: "agreement-get",
        calls: &[(0.2, Per::GuardianMonth)],
        why: "read when the app asks a parent to accept a new version",
    },
    Usage { function: "agreement-publish", calls: &[(1.0 / 12.0, Per::SettingMonth)], why: "a new version once a year" },
    Usage {
        function: "agreement-accept",
        calls: &[(1.0 / 12.0, Per::GuardianMonth), (CHILD_TURNOVER_PER_MONTH * GUARDIANS_PER_CHILD, Per::ChildMonth)],
        why: "every parent accepts the yearly version; new parents accept on joining",
    },
    Usage { function: "audit-list", calls: &[(0.5, Per::ManagerOpeningDay)], why: "managers read the access log a couple of times a week" },
    Usage {
        function: "media-upload",
        calls: &[(OBS * PHOTOS_PER_OBSERVATION + CONTRIB * PHOTOS_PER_CONTRIBUTION + VIDEOS_PER_CHILD_PER_WEEK, Per::ChildOpeningWeek)],
        why: "one presigned upload per photo or video of observations and contributions",
    },
    Usage {
        function: "media-get",
        calls: &[],
        why: "no page calls it: journal pages and contribution lists hand out presigned URLs themselves; only a direct link would",
    },
    Usage { function: "media-check", calls: &[(1.0, Per::Upload)], why: "one S3 event per upload" },
    Usage {
        function: "media-expire",
        calls: &[(1.0, Per::DeploymentDay)],
        why: "its nightly schedule (the bench measures a run with a few forgotten uploads)",
    },
    Usage {
        function: "observations-create",
        calls: &[(OBS * OBSERVATION_SAVE_ATTEMPTS, Per::ChildOpeningWeek)],
        why: "observations, with the saves retried while a photo is checked",
    },
    Usage {
        function: "observations-list",
        calls: &[(4.0, Per::ManagerOpeningDay), (1.0, Per::StaffOpeningDay)],
        why: "managers review the week's observations; staff look at their own",
    },
    Usage { function: "observations-update", calls: &[(OBS * 0.1, Per::ChildOpeningWeek)], why: "one observation in ten is edited" },
    Usage { function: "observations-delete", calls: &[(OBS * 0.01, Per::ChildOpeningWeek)], why: "one in a hundred is unpublished" },
    Usage {
        function: "journal-get",
        calls: &[(JOURNAL_VIEWS, Per::GuardianDay), (1.0, Per::ChildOpeningWeek), (OBS * COMMENTS_PER_OBSERVATION, Per::ChildOpeningWeek)],
        why: "parents open the journal about once a day per family; staff before writing; refetched after a comment",
    },
    Usage {
        function: "comments-create",
        calls: &[(OBS * COMMENTS_PER_OBSERVATION, Per::ChildOpeningWeek)],
        why: "parents comment on one entry in five, staff reply to half",
    },
    Usage {
        function: "comments-list",
        calls: &[
            (JOURNAL_VIEWS * COMMENT_VIEWS_PER_JOURNAL_VIEW, Per::GuardianDay),
            (OBS * COMMENTS_PER_OBSERVATION, Per::ChildOpeningWeek),
        ],
        why: "opening an entry's comments, and the refetch after commenting",
    },
    Usage {
        function: "contributions-create",
        calls: &[(CONTRIB, Per::ChildOpeningWeek)],
        why: "parents share something from home about once a month",
    },
    Usage {
        function: "child-contributions",
        calls: &[(CONTRIB * 3.0, Per::ChildOpeningWeek)],
        why: "the contribute page: opened, refetched after sending, and to see the decision",
    },
    Usage {
        function: "contributions-list",
        calls: &[
            (STAFF_HOME_VIEWS_PER_DAY, Per::StaffOpeningDay),
            (MANAGER_HOME_VIEWS_PER_DAY, Per::ManagerOpeningDay),
            (CONTRIB, Per::ChildOpeningWeek),
        ],
        why: "the staff and manager home pages show the queue; refetched after each decision",
    },
    Usage { function: "contributions-approve", calls: &[(CONTRIB * 0.9, Per::ChildOpeningWeek)], why: "nine in ten are approved" },
    Usage { function: "contributions-reject", calls: &[(CONTRIB * 0.1, Per::ChildOpeningWeek)], why: "one in ten is not" },
    Usage { function: "key-children", calls: &[(STAFF_HOME_VIEWS_PER_DAY, Per::StaffOpeningDay)], why: "the staff home page" },
    Usage { function: "posts-create", calls: &[(POSTS_PER_SETTING_MONTH, Per::SettingMonth)], why: "news and events, a couple a day" },
    Usage {
        function: "posts-list",
        calls: &[(1.0, Per::GuardianDay), (1.0, Per::StaffOpeningDay)],
        why: "families open the news about once a day, as they do the journal; staff once a shift",
    },
    Usage {
        function: "posts-get",
        calls: &[(EVENTS_PER_SETTING_MONTH * 2.0, Per::GuardianMonth), (EVENTS_PER_SETTING_MONTH * 3.0, Per::SettingMonth)],
        why: "each family opens each event about twice (to read and to reply); staff check the replies a few times",
    },
    Usage { function: "posts-pin", calls: &[(4.0, Per::SettingMonth)], why: "term dates and closures pinned and unpinned" },
    Usage {
        function: "posts-approve",
        calls: &[(POSTS_PER_SETTING_MONTH * (1.0 - POSTS_PUBLISHED_AT_ONCE), Per::SettingMonth)],
        why: "where a setting asks for approval, the practitioners' share of posts",
    },
    Usage { function: "posts-withdraw", calls: &[(1.0, Per::SettingMonth)], why: "a post withdrawn now and then" },
    Usage {
        function: "event-reply",
        calls: &[(EVENTS_PER_SETTING_MONTH * 1.2, Per::ChildMonth)],
        why: "each child's family answers each event once, one in five changes the answer",
    },
    Usage { function: "event-reminders", calls: &[(1.0, Per::DeploymentDay)], why: "its morning schedule" },
    Usage { function: "feed-policy-set", calls: &[(0.1, Per::SettingMonth)], why: "set once, rarely changed" },
    Usage {
        function: "threads-start",
        calls: &[(FAMILY_THREADS_PER_CHILD_MONTH + STAFF_THREADS_PER_CHILD_MONTH, Per::ChildMonth)],
        why: "families' questions and staff's notes home",
    },
    Usage {
        function: "broadcasts-send",
        calls: &[(BROADCASTS_PER_SETTING_MONTH, Per::SettingMonth)],
        why: "letters home to a room or everyone",
    },
    Usage {
        function: "threads-list",
        calls: &[(0.5, Per::GuardianDay), (2.0, Per::StaffOpeningDay)],
        why: "families look at their messages every other day; staff twice a shift",
    },
    Usage {
        function: "threads-get",
        calls: &[
            ((FAMILY_THREADS_PER_CHILD_MONTH + STAFF_THREADS_PER_CHILD_MONTH) * (1.0 + REPLIES_PER_THREAD) * 2.0, Per::ChildMonth),
            (BROADCASTS_PER_SETTING_MONTH, Per::GuardianMonth),
        ],
        why: "each message opened by both sides; each broadcast by each family",
    },
    Usage {
        function: "messages-send",
        calls: &[((FAMILY_THREADS_PER_CHILD_MONTH + STAFF_THREADS_PER_CHILD_MONTH) * REPLIES_PER_THREAD, Per::ChildMonth)],
        why: "the replies in each thread",
    },
    Usage { function: "messages-withdraw", calls: &[(1.0, Per::SettingMonth)], why: "a message taken back now and then" },
    Usage {
        function: "household-set",
        calls: &[(0.02, Per::ChildMonth)],
        why: "separated families marked when a child joins or a family changes",
    },
    Usage { function: "messaging-policy-set", calls: &[(0.1, Per::SettingMonth)], why: "set once, rarely changed" },
    Usage {
        function: "message-recipients",
        calls: &[(STAFF_THREADS_PER_CHILD_MONTH, Per::ChildMonth), (BROADCASTS_PER_SETTING_MONTH * 2.0, Per::SettingMonth)],
        why: "the compose screen counts before each staff message (twice for a broadcast, as the room is chosen)",
    },
    Usage {
        function: "message-alerts",
        calls: &[(MESSAGE_ALERT_RUNS_PER_DAY, Per::DeploymentDay)],
        why: "its five-minute schedule; the bench's run sends one alert, so runs with nothing due are over-counted",
    },
    Usage { function: "assessment-framework-set", calls: &[(0.05, Per::SettingMonth)], why: "chosen once" },
    Usage {
        function: "assessment-get",
        calls: &[(JUDGED_ASPECTS_PER_CHILD_TERM / TERM_MONTHS * 0.5, Per::ChildMonth), (1.0 / TERM_MONTHS, Per::GuardianMonth)],
        why: "the key person opens a child's term about once for every two judgements; each family reads the shared term once",
    },
    Usage {
        function: "judgement-set",
        calls: &[(JUDGED_ASPECTS_PER_CHILD_TERM / TERM_MONTHS, Per::ChildMonth)],
        why: "a best-fit judgement of each aspect each term",
    },
    Usage { function: "assessment-share", calls: &[(1.0 / TERM_MONTHS, Per::ChildMonth)], why: "each child's term shared once" },
    Usage { function: "checkpoints-list", calls: &[(1.0, Per::StaffMonth)], why: "staff check their list about once a month" },
    Usage { function: "monitoring-get", calls: &[(4.0, Per::SettingMonth)], why: "the managers' weekly look, and before staff meetings" },
    Usage {
        function: "progress-check-save",
        calls: &[(3.0 * PROGRESS_CHECKS_PER_CHILD_MONTH, Per::ChildMonth)],
        why: "each check at two written in about three sittings",
    },
    Usage {
        function: "progress-check-get",
        calls: &[(4.0 * PROGRESS_CHECKS_PER_CHILD_MONTH, Per::ChildMonth)],
        why: "read by the key person, the manager and the family a couple of times",
    },
    Usage { function: "progress-check-share", calls: &[(PROGRESS_CHECKS_PER_CHILD_MONTH, Per::ChildMonth)], why: "once per check" },
    Usage { function: "progress-check-respond", calls: &[(PROGRESS_CHECKS_PER_CHILD_MONTH, Per::ChildMonth)], why: "once per check" },
    Usage { function: "progress-check-sign", calls: &[(PROGRESS_CHECKS_PER_CHILD_MONTH, Per::ChildMonth)], why: "once per check" },
    Usage {
        function: "progress-check-pdf",
        calls: &[(2.0 * PROGRESS_CHECKS_PER_CHILD_MONTH, Per::ChildMonth)],
        why: "downloaded by the family and kept by the setting",
    },
    Usage { function: "senco-referral-set", calls: &[(0.01, Per::ChildMonth)], why: "a few children a year" },
    Usage {
        function: "collectors-set",
        calls: &[(0.2, Per::ChildMonth)],
        why: "parents change the collection list a couple of times a year",
    },
    Usage {
        function: "attendance-record",
        calls: &[(A * MARKS_PER_ATTENDED_DAY, Per::ChildOpeningDay)],
        why: "sign-in and sign-out of every attending child",
    },
    Usage {
        function: "register-get",
        calls: &[(MARK_REFETCHES, Per::ChildOpeningDay), (REGISTER_VIEWS_PER_STAFF_DAY, Per::StaffOpeningDay)],
        why: "opened by staff, and refetched after each mark",
    },
    Usage {
        function: "child-attendance",
        calls: &[(PARENT_DAILY_VIEWS_PER_CHILD_DAY, Per::ChildOpeningDay)],
        why: "the parents' daily page",
    },
    Usage { function: "absences-report", calls: &[(1.0, Per::ChildMonth)], why: "illness and holidays, reported by parents" },
    Usage { function: "staff-clock", calls: &[(3.0, Per::StaffOpeningDay)], why: "in, a change of room, out" },
    Usage { function: "timesheets-get", calls: &[(0.2, Per::ManagerOpeningDay)], why: "payroll, about weekly" },
    Usage {
        function: "ratios-get",
        calls: &[(STAFF_HOME_VIEWS_PER_DAY + RATIO_PAGE_VIEWS_PER_STAFF_DAY, Per::StaffOpeningDay)],
        why: "the staff home page and the ratio page",
    },
    Usage { function: "ratio-breaches", calls: &[(0.3, Per::StaffOpeningDay)], why: "room leads check the day's breaches" },
    Usage {
        function: "diary-add",
        calls: &[(A * DIARY_ENTRIES_PER_ATTENDED_DAY, Per::ChildOpeningDay)],
        why: "meals, sleeps, nappies and the rest of every attending child's day",
    },
    Usage {
        function: "diary-get",
        calls: &[(DIARY_PAGE_LOADS, Per::ChildOpeningDay), (PARENT_DAILY_VIEWS_PER_CHILD_DAY, Per::ChildOpeningDay)],
        why: "the staff diary page (opened, refetched after every entry) and the parents' daily page",
    },
    Usage {
        function: "medicine-permission-set",
        calls: &[(0.3, Per::ChildMonth)],
        why: "parents give or change written permission a few times a year",
    },
    Usage {
        function: "medicine-permissions-list",
        calls: &[(DIARY_PAGE_LOADS, Per::ChildOpeningDay), (PARENT_DAILY_VIEWS_PER_CHILD_DAY, Per::ChildOpeningDay)],
        why: "loaded with every staff diary page and the parents' daily page",
    },
    Usage {
        function: "medicine-dose",
        calls: &[(MEDICINE_DOSES_PER_CHILD_DAY, Per::ChildOpeningDay)],
        why: "inhalers, antibiotics: about one child in twenty a day",
    },
    Usage {
        function: "accidents-create",
        calls: &[(ACCIDENTS_PER_CHILD_PER_MONTH, Per::ChildMonth)],
        why: "bumps and grazes, every one recorded",
    },
    Usage {
        function: "child-accidents",
        calls: &[(3.0 * ACCIDENTS_PER_CHILD_PER_MONTH, Per::ChildMonth)],
        why: "each accident looked at by its parents and by staff",
    },
    Usage { function: "accidents-review", calls: &[(ACCIDENTS_PER_CHILD_PER_MONTH, Per::ChildMonth)], why: "a manager reviews every one" },
    Usage {
        function: "accidents-acknowledge",
        calls: &[(0.9 * ACCIDENTS_PER_CHILD_PER_MONTH, Per::ChildMonth)],
        why: "most parents acknowledge in the app",
    },
    Usage {
        function: "accidents-list",
        calls: &[(MANAGER_HOME_VIEWS_PER_DAY, Per::ManagerOpeningDay), (ACCIDENTS_PER_CHILD_PER_MONTH, Per::ChildMonth)],
        why: "the manager home page, refetched after each review",
    },
    Usage { function: "faults-report", calls: &[(2.0, Per::SettingMonth)], why: "a broken gate, a leaking tap" },
    Usage { function: "faults-list", calls: &[(MANAGER_HOME_VIEWS_PER_DAY, Per::ManagerOpeningDay)], why: "the manager home page" },
    Usage { function: "faults-resolve", calls: &[(2.0, Per::SettingMonth)], why: "as reported" },
    Usage { function: "lockdown-start", calls: &[(1.0 / 12.0, Per::SettingMonth)], why: "a drill or an incident about once a year" },
    Usage { function: "lockdown-lift", calls: &[(1.0 / 12.0, Per::SettingMonth)], why: "as lockdown-start" },
    Usage { function: "breaches-record", calls: &[(1.0 / 24.0, Per::SettingMonth)], why: "a personal data breach every couple of years" },
    Usage { function: "breaches-list", calls: &[(MANAGER_HOME_VIEWS_PER_DAY, Per::ManagerOpeningDay)], why: "the manager home page" },
    Usage { function: "breaches-ico-report", calls: &[(1.0 / 48.0, Per::SettingMonth)], why: "half of the breaches are reportable" },
    Usage {
        function: "breaches-notify-families",
        calls: &[(1.0 / 48.0, Per::SettingMonth)],
        why: "families are told of the reportable ones",
    },
    Usage { function: "email-problems", calls: &[(MANAGER_HOME_VIEWS_PER_DAY, Per::ManagerOpeningDay)], why: "the manager home page" },
    Usage {
        function: "device-get",
        calls: &[(2_000.0, Per::SettingMonth)],
        why: "each paired tablet checks it is still paired when it wakes and every few minutes in use (3 tablets)",
    },
    Usage {
        function: "device-pairing-start",
        calls: &[(0.5, Per::SettingMonth)],
        why: "a tablet paired now and then (a new one, or one reset)",
    },
    Usage {
        function: "device-pairing-get",
        calls: &[(20.0, Per::SettingMonth)],
        why: "a waiting tablet asks every few seconds until paired",
    },
    Usage { function: "device-pair", calls: &[(0.5, Per::SettingMonth)], why: "a manager types the code of each tablet paired" },
    Usage { function: "devices-list", calls: &[(2.0, Per::SettingMonth)], why: "a manager looks over the setting's devices" },
    Usage { function: "device-unpair", calls: &[(0.2, Per::SettingMonth)], why: "a tablet retired or reported missing now and then" },
    Usage { function: "device-pin-get", calls: &[(0.3, Per::ChildMonth)], why: "staff and parents look at their tablet PIN now and then" },
    Usage { function: "device-pin-set", calls: &[(0.1, Per::ChildMonth)], why: "a PIN set once, and again when forgotten or locked" },
    Usage {
        function: "device-session-start",
        calls: &[(4.0, Per::ChildOpeningDay)],
        why: "staff unlock the register tablet through the day; a family signs in and out at the kiosk",
    },
    Usage {
        function: "device-session-end",
        calls: &[(2.0, Per::ChildOpeningDay)],
        why: "half the sessions end with Done, the rest idle out",
    },
    Usage {
        function: "device-register-get",
        calls: &[(0.5, Per::ChildOpeningDay)],
        why: "the register refreshed on the room's tablet after each mark",
    },
    Usage {
        function: "device-attendance-record",
        calls: &[(1.0, Per::ChildOpeningDay)],
        why: "half of the day's marks made on a setting's tablet or at the kiosk",
    },
    Usage {
        function: "school-get",
        calls: &[(0.0, Per::SettingMonth)],
        why: "nurseries have no school groups (a school's staff read them)",
    },
    Usage { function: "school-set", calls: &[(0.0, Per::SettingMonth)], why: "nurseries set no school groups" },
    Usage { function: "points-give", calls: &[(0.0, Per::ChildMonth)], why: "nurseries give no points (schools do)" },
    Usage { function: "points-list", calls: &[(0.0, Per::ChildMonth)], why: "nurseries give no points (schools do)" },
    Usage { function: "school-register-get", calls: &[(0.0, Per::SettingMonth)], why: "nurseries keep no school registers" },
    Usage { function: "school-register-mark", calls: &[(0.0, Per::SettingMonth)], why: "nurseries keep no school registers" },
    Usage { function: "school-totals-get", calls: &[(0.0, Per::SettingMonth)], why: "nurseries keep no school registers" },
    Usage { function: "school-attendance-get", calls: &[(0.0, Per::ChildMonth)], why: "nurseries keep no school registers" },
    Usage {
        function: "kiosk-pass-create",
        calls: &[(0.5, Per::ChildOpeningDay)],
        why: "a family in four opens the kiosk with a code from their phone instead of their PIN",
    },
    Usage {
        function: "device-guardians-list",
        calls: &[(0.5, Per::ChildOpeningDay)],
        why: "staff read who may collect for the sign-outs made on the room's tablet",
    },
    Usage {
        function: "device-journal-get",
        calls: &[(0.05, Per::ChildMonth)],
        why: "a few parents without internet read the journal on the setting's tablet",
    },
    Usage {
        function: "networks-set",
        calls: &[(1.0 / 24.0, Per::SettingMonth)],
        why: "the premises' networks change when the broadband does",
    },
    Usage {
        function: "remote-attestation",
        calls: &[(0.2, Per::StaffMonth)],
        why: "staff who write up observations at home attest now and then",
    },
    Usage {
        function: "offline-key-issue",
        calls: &[(STAFF_APP_OPENS_PER_DAY, Per::StaffOpeningDay)],
        why: "the offline outbox unlocks on every app load (web/src/offline/outbox.ts)",
    },
    Usage {
        function: "offline-key-drop",
        calls: &[(1.0, Per::StaffOpeningDay)],
        why: "signing out of a shared tablet at the end of the shift",
    },
    Usage {
        function: "breach-deadlines",
        calls: &[(96.0, Per::DeploymentDay)],
        why: "its schedule, every 15 minutes (the bench measures a run with one reminder due: an upper bound)",
    },
    Usage { function: "preferences-set", calls: &[(0.05, Per::GuardianMonth)], why: "parents change their email choice rarely" },
    Usage { function: "push-subscriptions-get", calls: &[(0.2, Per::GuardianMonth)], why: "the notification settings page" },
    Usage { function: "push-subscribe", calls: &[(0.05, Per::GuardianMonth)], why: "a new phone, or turning notifications on" },
    Usage { function: "push-unsubscribe", calls: &[(0.02, Per::GuardianMonth)], why: "turning notifications off, signing out" },
    Usage {
        function: "mfa-totp-start",
        calls: &[(STAFF_TURNOVER_PER_MONTH * 1.5, Per::StaffMonth)],
        why: "new staff enrol an authenticator, and some staff change phones",
    },
    Usage { function: "mfa-totp-confirm", calls: &[(STAFF_TURNOVER_PER_MONTH * 1.5, Per::StaffMonth)], why: "as mfa-totp-start" },
    Usage {
        function: "notify-fanout",
        calls: &[(1.0, Per::JournalEvent)],
        why: "one stream record per journal event, lockdown broadcast or reviewed accident (the bench drains it \
              with the outbox consumer it feeds, so one email's claim and send is counted here as well as in outbox-sender: \
              an over-count)",
    },
    Usage {
        function: "digest-send",
        calls: &[(1.0, Per::DeploymentDay)],
        why: "its morning schedule; the work per digest email is in EXTRA_WORK",
    },
    Usage { function: "ses-feedback", calls: &[(1.0, Per::Bounce)], why: "one SNS notification per bounce or complaint" },
    Usage { function: "push-sender", calls: &[(1.0, Per::Push)], why: "one stream record per push message" },
    Usage { function: "outbox-sender", calls: &[(1.0, Per::Email)], why: "one stream record per email" },
];

/// Journal events (`NOTIFY#` items `notify-fanout` consumes) per call.
pub const JOURNAL_EVENTS: &[Causes] = &[
    Causes {
        function: "observations-create",
        per_call: 1.0 / OBSERVATION_SAVE_ATTEMPTS,
        to: Recipients::Fixed(1.0),
        why: "a published observation (retried saves write nothing)",
    },
    Causes { function: "comments-create", per_call: 1.0, to: Recipients::Fixed(1.0), why: "a comment" },
    Causes { function: "contributions-approve", per_call: 1.0, to: Recipients::Fixed(1.0), why: "a decision" },
    Causes { function: "contributions-reject", per_call: 1.0, to: Recipients::Fixed(1.0), why: "a decision" },
    Causes { function: "accidents-review", per_call: 1.0, to: Recipients::Fixed(1.0), why: "its push request" },
    Causes { function: "lockdown-start", per_call: 1.0, to: Recipients::Fixed(1.0), why: "its broadcast" },
    Causes { function: "lockdown-lift", per_call: 1.0, to: Recipients::Fixed(1.0), why: "its broadcast" },
    Causes { function: "breaches-notify-families", per_call: 1.0, to: Recipients::Fixed(1.0), why: "its broadcast" },
    Causes {
        function: "posts-create",
        per_call: POSTS_PUBLISHED_AT_ONCE,
        to: Recipients::Fixed(1.0),
        why: "a published post (the rest wait for approval)",
    },
    Causes { function: "posts-approve", per_call: 1.0, to: Recipients::Fixed(1.0), why: "the post published" },
];

/// Emails per call (each goes through the outbox and `outbox-sender`). Digests are counted
/// apart ([`DIGEST_EMAILS_SHARE`]).
pub const EMAILS: &[Causes] = &[
    Causes {
        function: "observations-create",
        per_call: SHARE_IMMEDIATE / OBSERVATION_SAVE_ATTEMPTS,
        to: Recipients::JournalReaders,
        why: "parents who want an email per event",
    },
    Causes { function: "comments-create", per_call: SHARE_IMMEDIATE, to: Recipients::JournalReaders, why: "as observations" },
    Causes {
        function: "posts-create",
        per_call: POSTS_PUBLISHED_AT_ONCE * SHARE_IMMEDIATE,
        to: Recipients::AllGuardians,
        why: "news reaches every family (rooms' posts fewer: an upper bound); those who want an email per event",
    },
    Causes { function: "posts-approve", per_call: SHARE_IMMEDIATE, to: Recipients::AllGuardians, why: "as posts-create" },
    Causes {
        function: "threads-start",
        per_call: UNREAD_AT_ALERT_SHARE * SHARE_IMMEDIATE,
        to: Recipients::ParentsOfChild,
        why: "the other side, if still unread after the withdraw window (families' messages reach one member of staff: an upper bound)",
    },
    Causes {
        function: "messages-send",
        per_call: UNREAD_AT_ALERT_SHARE * SHARE_IMMEDIATE,
        to: Recipients::ParentsOfChild,
        why: "as threads-start",
    },
    Causes {
        function: "broadcasts-send",
        per_call: UNREAD_AT_ALERT_SHARE * SHARE_IMMEDIATE,
        to: Recipients::AllGuardians,
        why: "every family that has not read it (a room's fewer: an upper bound)",
    },
    Causes {
        function: "event-reminders",
        per_call: 2.0 * EVENTS_PER_SETTING_MONTH / 30.0 * EVENT_NOT_REPLIED_SHARE,
        to: Recipients::AllGuardians,
        why: "two reminders per event, to the families who have not replied (per daily run, for one setting: an estimate)",
    },
    Causes {
        function: "contributions-approve",
        per_call: SHARE_IMMEDIATE,
        to: Recipients::ParentsOfChild,
        why: "the family hears of the decision",
    },
    Causes { function: "contributions-reject", per_call: SHARE_IMMEDIATE, to: Recipients::ParentsOfChild, why: "as approve" },
    Causes { function: "medicine-dose", per_call: 1.0, to: Recipients::ParentsOfChild, why: "each parent is emailed a dose" },
    Causes {
        function: "accidents-create",
        per_call: SERIOUS_ACCIDENT_SHARE,
        to: Recipients::Managers,
        why: "managers hear of serious ones at once",
    },
    Causes { function: "accidents-review", per_call: 1.0, to: Recipients::ParentsOfChild, why: "parents hear once reviewed" },
    Causes {
        function: "attendance-record",
        per_call: BREACH_EPISODES_PER_MARK + OVERRIDES_PER_MARK,
        to: Recipients::Managers,
        why: "a ratio breach episode, or a collection override",
    },
    Causes {
        function: "staff-clock",
        per_call: BREACH_EPISODES_PER_MARK,
        to: Recipients::Managers,
        why: "a ratio breach episode on clocking out",
    },
    Causes { function: "faults-report", per_call: 1.0, to: Recipients::Managers, why: "every manager" },
    Causes { function: "guardians-link", per_call: 1.0, to: Recipients::Fixed(1.0), why: "the invitation" },
    Causes { function: "staff-invite", per_call: 1.0, to: Recipients::Fixed(1.0), why: "the invitation" },
    Causes { function: "lockdown-start", per_call: 1.0, to: Recipients::AllGuardians, why: "the notice to every family" },
    Causes { function: "lockdown-lift", per_call: 1.0, to: Recipients::AllGuardians, why: "the all-clear" },
    Causes {
        function: "breaches-notify-families",
        per_call: CHILDREN_PER_BREACH_NOTICE,
        to: Recipients::ParentsOfChild,
        why: "the affected families",
    },
    Causes {
        function: "breaches-record",
        per_call: 1.0,
        to: Recipients::Managers,
        why: "breach-deadlines' reminders (two for the half that are reportable)",
    },
];

/// Digest emails: the parents who chose the daily digest get one on each opening day with
/// news, `GUARDIANS x SHARE_DAILY x OPENING_DAYS x DIGEST_NEWS_DAYS_SHARE` a month.
pub const DIGEST_EMAILS_SHARE: f64 = SHARE_DAILY * DIGEST_NEWS_DAYS_SHARE;

/// Push messages per call, per subscribed device ([`PUSH_DEVICES_PER_GUARDIAN`]): beside each
/// parent's journal email or digest line whatever their email choice, lockdown and breach
/// notices, and reviewed accidents.
pub const PUSHES: &[Causes] = &[
    Causes {
        function: "observations-create",
        per_call: 1.0 / OBSERVATION_SAVE_ATTEMPTS,
        to: Recipients::JournalReaders,
        why: "every parent told of the event",
    },
    Causes { function: "comments-create", per_call: 1.0, to: Recipients::JournalReaders, why: "as observations" },
    Causes { function: "contributions-approve", per_call: 1.0, to: Recipients::ParentsOfChild, why: "the family" },
    Causes { function: "contributions-reject", per_call: 1.0, to: Recipients::ParentsOfChild, why: "the family" },
    Causes { function: "accidents-review", per_call: 1.0, to: Recipients::ParentsOfChild, why: "the push request" },
    Causes { function: "lockdown-start", per_call: 1.0, to: Recipients::AllGuardians, why: "the notice" },
    Causes { function: "lockdown-lift", per_call: 1.0, to: Recipients::AllGuardians, why: "the all-clear" },
    Causes {
        function: "breaches-notify-families",
        per_call: CHILDREN_PER_BREACH_NOTICE,
        to: Recipients::ParentsOfChild,
        why: "the affected families",
    },
];

/// Work a function does besides what the bench measured for one call, per unit of `per`.
#[derive(Debug, Clone, Copy)]
pub struct ExtraWork {
    pub function: &'static str,
    pub per: Per,
    pub read_units: f64,
    pub write_units: f64,
    pub ms: f64,
    pub why: &'static str,
}

/// The digest run the bench measures is one morning of its small world; a real morning also
/// reads each digest parent's lines and children and writes their outbox email.
pub const EXTRA_WORK: &[ExtraWork] = &[ExtraWork {
    function: "digest-send",
    per: Per::DigestEmail,
    read_units: 1.0,
    write_units: 2.0,
    ms: DYNAMODB_ROUND_TRIP_MS,
    why: "per digest email: its lines and child read (1 RRU), its outbox item put (2 WRU, ~2 KB), one more round trip",
}];

// ------------------------------------------------------------------------------------------
// Photos and videos.

/// Average photo as uploaded: a 12-megapixel phone JPEG is 2.5 to 4 MB.
pub const PHOTO_BYTES: f64 = 3_000_000.0;

/// Pixels of that photo, for the decode time of `media-check`.
pub const PHOTO_MEGAPIXELS: f64 = 12.0;

/// The cleaned copy kept (shared/media drops metadata, keeps the picture data byte for byte):
/// the photo less its EXIF, about 2%.
pub const CLEANED_SHARE: f64 = 0.98;

/// A thumbnail: at most 400 pixels on the longer side (shared/media THUMBNAIL_EDGE), JPEG
/// quality 80, about 30 kB.
pub const THUMBNAIL_BYTES: f64 = 30_000.0;

/// Average video: a 15-second 1080p phone clip (the limit is 200 MB). Videos get no thumbnail.
pub const VIDEO_BYTES: f64 = 25_000_000.0;

/// Months of media and table items held: the model prices the storage of a steady state in
/// which a year of journal is kept (the suggestion). A journal kept for a child's
/// whole stay (about 2.5 years) would hold 2.5 times as much; statutory records (accidents)
/// are kept longer still but are small table items.
pub const RETAINED_MONTHS: f64 = 12.0;

/// Thumbnails fetched per journal page view: a page holds 20 entries (web/src/ui/journal.tsx)
/// and the browser fetches those scrolled into view. The URLs are presigned for 300 s and new
/// on every fetch (shared/platform/src/media.rs), so the browser's cache never serves one
/// twice: every view is an S3 GET.
pub const THUMBNAILS_PER_JOURNAL_VIEW: f64 = 8.0;

/// Photos opened full size per journal page view.
pub const ORIGINALS_PER_JOURNAL_VIEW: f64 = 0.5;

/// Videos played per journal page view.
pub const VIDEO_PLAYS_PER_JOURNAL_VIEW: f64 = 0.05;

/// Thumbnails fetched per contributions page (the staff queue, a family's list).
pub const THUMBNAILS_PER_CONTRIBUTION_LIST: f64 = 1.0;

// ------------------------------------------------------------------------------------------
// How long a call takes on Lambda (the bench's handler_ms is against a local emulator and the
// harness's dev build, so it is not used for duration).

/// One DynamoDB round trip from Lambda in the same region: DynamoDB answers in single-digit
/// milliseconds (AWS's product page); a transaction takes about twice a single write. 6 ms
/// is a middle figure for the mix.
pub const DYNAMODB_ROUND_TRIP_MS: f64 = 6.0;

/// The handler's own CPU per call (JSON, access rules, SigV4 signing, TLS records) in a
/// release build. Rust handlers spend well under a millisecond of a full core on this; 2 ms
/// allows for the CPU share at 256 MB (Lambda gives 1 vCPU at 1,769 MB, so a burst longer
/// than the share is slowed).
pub const HANDLER_CPU_MS: f64 = 2.0;

/// Per-invocation overhead inside the billed duration: the Runtime API's next-event and
/// response calls on loopback, and the log line.
pub const INVOKE_OVERHEAD_MS: f64 = 1.0;

/// SES SendEmail from Lambda in the region (outbox-sender).
pub const SES_SEND_MS: f64 = 40.0;

/// A Web Push POST to FCM, Mozilla, Apple or Windows (push-sender): a public HTTPS service,
/// often a new TLS connection per origin.
pub const PUSH_SERVICE_MS: f64 = 100.0;

/// One Cognito admin call (AdminCreateUser, AdminGetUser, AdminUserGlobalSignOut, ...).
pub const COGNITO_CALL_MS: f64 = 60.0;

/// First-byte latency of one S3 request from Lambda in the region.
pub const S3_REQUEST_MS: f64 = 25.0;

/// Throughput of one S3 stream to or from Lambda (MB/s, decimal).
pub const S3_MEGABYTES_PER_SECOND: f64 = 90.0;

/// JPEG decode time per megapixel on one core of a release build (the `image` crate's
/// decoder; the thumbnail's box filter and its 400-pixel encode are small beside it).
pub const DECODE_MS_PER_MEGAPIXEL: f64 = 10.0;

/// Waits on other services per call, beyond DynamoDB's (`media-check`, `journey-build` and
/// `rights-export-build` are worked out from the photo and video constants instead).
pub const EXTERNAL_WAIT_MS: &[(&str, f64, &str)] = &[
    ("outbox-sender", SES_SEND_MS, "SES SendEmail"),
    ("push-sender", PUSH_SERVICE_MS, "the push service's POST"),
    ("settings-create", 2.0 * COGNITO_CALL_MS, "AdminGetUser, AdminCreateUser"),
    ("staff-invite", 2.0 * COGNITO_CALL_MS, "AdminGetUser, AdminCreateUser"),
    ("guardians-link", 2.0 * COGNITO_CALL_MS, "AdminGetUser, AdminCreateUser"),
    ("invitations-accept", 2.0 * COGNITO_CALL_MS, "AdminGetUser, AdminSetUserPassword"),
    ("staff-revoke", COGNITO_CALL_MS, "AdminUserGlobalSignOut"),
    ("guardians-revoke", COGNITO_CALL_MS, "AdminUserGlobalSignOut"),
    ("mfa-totp-start", COGNITO_CALL_MS, "AssociateSoftwareToken"),
    ("mfa-totp-confirm", 2.0 * COGNITO_CALL_MS, "VerifySoftwareToken, SetUserMFAPreference"),
    ("media-expire", 2.0 * S3_REQUEST_MS, "two S3 deletes per forgotten upload"),
    ("journey-download", 0.0, "signs the URL locally; S3 serves the download"),
    ("rights-export-get", S3_REQUEST_MS, "GetObject of the gathered items"),
    ("rights-export-withhold", S3_REQUEST_MS, "GetObject of the gathered items"),
    ("rights-export-download", 0.0, "signs the URL locally; S3 serves the download"),
];

/// Billed INIT of a Rust hello-world on Lambda (DESIGN.md section 5: "Rust hello world inits
/// in ~15 ms on Lambda"). Each function's billed init is this times its measured cold init
/// over hello's (`cold_init_ms` in bench.json), both measured in the same run.
pub const LAMBDA_HELLO_INIT_MS: f64 = 15.0;

/// The init ratio to hello used when the bench has no cold-start figure for a function: the
/// budget's ceiling (DESIGN.md section 5: within 1.5x of hello).
pub const FALLBACK_INIT_RATIO: f64 = 1.5;

/// Extra billed time of a cold environment's first call: clients are built lazily, so the
/// first call pays the TLS handshake to DynamoDB (and the SDK's credential load) at 256 MB.
pub const COLD_FIRST_CALL_EXTRA_MS: f64 = 25.0;

/// Minutes an idle execution environment lives before Lambda reclaims it. AWS publishes no
/// figure; observed lifetimes are 5 to 15 minutes or more. A function's share of cold calls is
/// modelled as `exp(-calls per active minute x this)` (Poisson arrivals over the active
/// hours), and every scheduled run is cold (15 minutes or more apart). AWS bills the INIT
/// phase of every runtime since 1 August 2025 (and always did for custom runtimes such as
/// Nestling's `provided.al2023`): <https://aws.amazon.com/blogs/compute/aws-lambda-standardizes-billing-for-init-phase/>.
pub const ENV_IDLE_MINUTES: f64 = 10.0;

/// Hours a day over which the nursery's traffic is spread (07:30 to 19:30: the opening day
/// and the parents' evening), on opening days, for the cold-start estimate.
pub const ACTIVE_HOURS_PER_DAY: f64 = 12.0;

/// Lambda's megabytes per GB in GB-seconds (AWS bills memory in MB / 1024).
pub const MB_PER_GB: f64 = 1024.0;

// ------------------------------------------------------------------------------------------
// Requests and bytes around the functions.

/// CORS preflights per API call with a token. Every such call carries an Authorization header, so browsers send
/// a preflight unless they cached one for that URL (MaxAge 600 s in infra/template.base.yaml;
/// URLs differ per child and per entry): about one per two calls. API Gateway answers them
/// itself; they are counted as requests here (an upper bound if AWS does not bill them).
pub const PREFLIGHTS_PER_API_CALL: f64 = 0.5;

/// Average API response body (JSON problem, item or page): API Gateway data out.
pub const API_RESPONSE_BYTES: f64 = 3_000.0;

/// Larger responses: pages carrying many items or presigned URLs (each URL is ~1.2 kB).
pub const LARGE_RESPONSES: &[(&str, f64)] = &[
    ("journal-get", 40_000.0),
    ("posts-list", 30_000.0),
    ("posts-get", 10_000.0),
    ("threads-list", 10_000.0),
    ("threads-get", 8_000.0),
    ("children-list", 15_000.0),
    ("register-get", 15_000.0),
    ("audit-list", 20_000.0),
    ("contributions-list", 10_000.0),
    ("child-contributions", 10_000.0),
    ("observations-list", 20_000.0),
    ("diary-get", 5_000.0),
];

/// Log bytes Lambda writes per invocation: the START, END and REPORT lines (REPORT with the
/// init duration and the X-Ray trace id), about 450 bytes.
pub const LAMBDA_PLATFORM_LOG_BYTES: f64 = 450.0;

/// Log bytes the function writes per invocation: one JSON line per request (request id,
/// route, role, status, latency: docs/architecture.md "Errors and logs") at `RUST_LOG=info`.
pub const APP_LOG_BYTES: f64 = 400.0;

/// Bytes of one API Gateway access log line (the format in infra/template.base.yaml, twelve
/// fields).
pub const API_ACCESS_LOG_BYTES: f64 = 450.0;

/// CloudWatch Logs stores (and bills storage of) compressed data; JSON lines compress ~7x.
pub const LOG_STORAGE_COMPRESSION: f64 = 0.15;

/// Log retention: every log group keeps 90 days (infra/template.base.yaml RetentionInDays).
pub const LOG_RETENTION_MONTHS: f64 = 3.0;

/// Share of Lambda invocations X-Ray records (`Tracing: Active` in the template's globals).
/// The default sampling rule records the first request each second and 5% of the rest; a
/// nursery rarely makes more than one request a second, so nearly all are traced: 1.0 is the
/// upper bound used.
pub const XRAY_SAMPLED_SHARE: f64 = 1.0;

/// Alarms besides one error alarm per function (infra/template.base.yaml: Api5xxAlarm,
/// MediaDeadLetterAlarm, OutboxSenderIteratorAgeAlarm, OutboxDeadLetterAlarm).
pub const ALARMS_BESIDES_FUNCTIONS: f64 = 4.0;

/// Customer-managed KMS keys (OpsKey: log groups and the feedback topic). The table uses the
/// AWS managed `aws/dynamodb` key and the buckets SSE-S3 or `aws/s3` with a bucket key, which
/// have no monthly fee.
pub const KMS_KEYS: f64 = 1.0;

/// KMS requests a month per deployment: S3 bucket keys and DynamoDB's cached table key keep
/// them to thousands; CloudWatch Logs' encryption adds a few. An order of magnitude.
pub const KMS_REQUESTS_PER_MONTH: f64 = 10_000.0;

/// Stored bytes added per DynamoDB write unit a call consumes. A unit is up to 1 KB written;
/// transactions count each action double (so ~500 B per unit), and about half of what is
/// written replaces an item (day items, versioned records) rather than adding one, while
/// audit lines and journal copies stay. GSI1 (projection ALL) stores its items again, see
/// [`GSI_STORAGE_SHARE`].
pub const STORED_BYTES_PER_WRITE_UNIT: f64 = 300.0;

/// Extra storage for GSI1, which projects whole items (contributions, unattached uploads,
/// open breaches, email look-ups): a tenth of the table.
pub const GSI_STORAGE_SHARE: f64 = 0.1;

/// Extra write units for GSI1: writing an item that is in the index also writes the index
/// (DynamoDB bills index writes), which the bench's meter does not count. A tenth.
pub const GSI_WRITE_SHARE: f64 = 0.1;

/// Items already in the table at the start of the steady state, per child (the child, links,
/// memberships, agreements, the roster): small beside a year of activity.
pub const BASE_BYTES_PER_CHILD: f64 = 20_000.0;

// ------------------------------------------------------------------------------------------
// The web app on CloudFront.

/// Bytes of the whole app, compressed, that the service worker precaches: gzip -9 of
/// web/dist (46 files) measured 204 kB on 2026-12-03, in line with the issue's ~190 kB.
pub const APP_PRECACHE_BYTES: f64 = 204_000.0;

/// Files of that precache (requests of a full download).
pub const APP_PRECACHE_FILES: f64 = 46.0;

/// Releases of the web app a month: each makes every device download the precache again
/// (content-hashed names; the main chunk changes every time).
pub const APP_RELEASES_PER_MONTH: f64 = 4.0;

/// Devices per member of staff (their own phone or a shared tablet).
pub const DEVICES_PER_STAFF: f64 = 1.0;

/// Devices per guardian (a phone, sometimes a laptop).
pub const DEVICES_PER_GUARDIAN: f64 = 1.2;

/// Requests per app visit that reach CloudFront: the service worker's update check of
/// `sw.js` and `config.json` (no-cache); the shell itself comes from the precache.
pub const CLOUDFRONT_REQUESTS_PER_SESSION: f64 = 2.0;

/// Bytes of those per-visit requests (headers and two small files).
pub const CLOUDFRONT_BYTES_PER_SESSION: f64 = 4_000.0;

// ------------------------------------------------------------------------------------------
// AWS list prices, US dollars.

/// Lambda requests, arm64, London: $0.20 per million (`EUW2-Request-ARM`). AWS Price List
/// `AWSLambda` eu-west-2, as quoted by a public cost write-up that read it on 2026-10-06;
/// <https://aws.amazon.com/lambda/pricing/>. Read 2026-12-03.
pub const LAMBDA_PER_REQUEST: f64 = 0.20 / 1e6;

/// Lambda duration, arm64, London: $0.0000133334 per GB-second for the first 7.5 billion
/// GB-s (`EUW2-Lambda-GB-Second-ARM`, tier 1). Source as [`LAMBDA_PER_REQUEST`].
pub const LAMBDA_PER_GB_SECOND_ARM: f64 = 0.000_013_333_4;

/// HTTP API requests, London: $1.16 per million for the first 300 million
/// (`EUW2-ApiGatewayHttpRequest`, SKU MFY3FVZZSQWYVNHM in a price-list slice of 2026-09-04
/// held by a public test suite); <https://aws.amazon.com/api-gateway/pricing/>. Requests are
/// metered in 512 KB increments (no Nestling response is that large). Read 2026-12-03.
pub const HTTP_API_PER_REQUEST: f64 = 1.16 / 1e6;

/// DynamoDB on-demand writes: $0.625 per million write request units. **US East (N.
/// Virginia)**: no London figure was found (London has been priced a little above US East,
/// not checked here). After the 50%
/// cut of November 2024; <https://aws.amazon.com/dynamodb/pricing/on-demand/> as quoted by
/// airbyte.com (2025-07-21). Read 2026-12-03.
pub const DYNAMODB_PER_WRITE_UNIT: f64 = 0.625 / 1e6;

/// DynamoDB on-demand reads: $0.125 per million read request units. **US East**, source as
/// [`DYNAMODB_PER_WRITE_UNIT`].
pub const DYNAMODB_PER_READ_UNIT: f64 = 0.125 / 1e6;

/// DynamoDB Standard table storage: $0.25 per GB-month (first 25 GB free). **US East**:
/// <https://aws.amazon.com/dynamodb/pricing/> ("prices start from $0.25 per GB-month").
/// Read 2026-12-03.
pub const DYNAMODB_PER_GB_MONTH: f64 = 0.25;

/// DynamoDB point-in-time recovery (on in the template): $0.20 per GB-month of table size.
/// **US East**, as quoted by finops.com.py from AWS's pricing page. Read 2026-12-03.
/// Stream reads by Lambda triggers are free ("You are not charged for GetRecords API calls
/// invoked by AWS Lambda as part of DynamoDB triggers", DynamoDB's pricing page; also
/// <https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CostOptimization_StreamsUsage.html>),
/// so the three stream consumers cost only their Lambda time.
pub const DYNAMODB_PITR_PER_GB_MONTH: f64 = 0.20;

/// S3 Standard storage, London: $0.024 per GB-month, first 50 TB (`EUW2-TimedStorage-ByteHrs`).
/// AWS Price List `AmazonS3` eu-west-2 as quoted by the write-up of [`LAMBDA_PER_REQUEST`];
/// <https://aws.amazon.com/s3/pricing/>. Read 2026-12-03.
pub const S3_PER_GB_MONTH: f64 = 0.024;

/// S3 PUT, COPY, POST, LIST requests, London: $0.0053 per 1,000 (`EUW2-Requests-Tier1`).
/// A presigned POST upload is one. DELETE and lifecycle expiry are free. Source as
/// [`S3_PER_GB_MONTH`].
pub const S3_PER_PUT: f64 = 0.0053 / 1e3;

/// S3 GET requests, London: $0.0042 per 10,000 (`EUW2-Requests-Tier2`). Source as
/// [`S3_PER_GB_MONTH`].
pub const S3_PER_GET: f64 = 0.0042 / 1e4;

/// Data out to the internet from London (S3 presigned downloads, API responses): $0.09 per GB
/// for the first 10 TB (`EUW2-DataTransfer-Out-Bytes`); the first 100 GB a month are free
/// account-wide. Source as [`S3_PER_GB_MONTH`]. Media is served straight from the bucket by
/// presigned URL (docs/architecture.md; the CSP's img-src names the bucket), not through
/// CloudFront.
pub const DATA_OUT_PER_GB: f64 = 0.09;

/// SES, London: $0.10 per 1,000 emails ($0.0001 per recipient, `EUW2-Recipients`; no
/// attachments). The 3,000 free a month are a first-year offer only. Source as
/// [`S3_PER_GB_MONTH`].
pub const SES_PER_EMAIL: f64 = 0.0001;

/// CloudFront data out to viewers in Europe: $0.085 per GB for the first 10 TB
/// (`EU-DataTransfer-Out-Bytes`; the distribution is PriceClass_100, and UK viewers are served
/// from European edges). Always free: 1 TB and 10 million requests a month. Source as
/// [`S3_PER_GB_MONTH`]; <https://aws.amazon.com/cloudfront/pricing/>.
pub const CLOUDFRONT_PER_GB: f64 = 0.085;

/// CloudFront HTTPS requests, Europe: $0.012 per 10,000 (`EU-Requests-Tier2-HTTPS`). Source
/// as [`CLOUDFRONT_PER_GB`].
pub const CLOUDFRONT_PER_REQUEST: f64 = 0.012 / 1e4;

/// CloudFront Functions (the viewer-request rewrite runs on every request): $0.10 per million
/// executions, 2 million free a month. Source as [`CLOUDFRONT_PER_GB`].
pub const CLOUDFRONT_FUNCTION_PER_EXECUTION: f64 = 0.10 / 1e6;

/// CloudWatch Logs ingestion, London: $0.5985 per GB (Standard class, `EUW2-DataProcessing-
/// Bytes`); 5 GB a month free. Lambda's own logs are billed on a volume-tiered scale since
/// 2025 that starts at this price, so this is the upper bound. Source as [`S3_PER_GB_MONTH`].
pub const LOGS_PER_GB_INGESTED: f64 = 0.5985;

/// CloudWatch Logs storage, London: $0.0315 per GB-month (compressed). Source as
/// [`S3_PER_GB_MONTH`].
pub const LOGS_PER_GB_MONTH: f64 = 0.0315;

/// CloudWatch alarms, London: $0.10 per standard alarm-month, 10 free
/// (`EUW2-CW:AlarmMonitorUsage`). Source as [`S3_PER_GB_MONTH`].
pub const ALARM_PER_MONTH: f64 = 0.10;

/// AWS X-Ray traces recorded: $5.00 per million, 100,000 free a month. **US East**:
/// <https://aws.amazon.com/xray/pricing/>. Read 2026-12-03.
pub const XRAY_PER_TRACE: f64 = 5.0 / 1e6;

/// Cognito user pools, Plus feature plan (the template's `UserPoolTier: PLUS`, for the
/// threat protection it enforces): $0.02 per monthly active user, with **no free tier** (the
/// Essentials plan is $0.015 above 10,000 free MAU). **US East** figures from
/// <https://aws.amazon.com/cognito/pricing/> as quoted by a public write-up read 2026-09-03
/// (Frontegg's summary); London not confirmed. Read 2026-12-03.
pub const COGNITO_PLUS_PER_MAU: f64 = 0.02;

/// KMS, London: $1 per customer-managed key-month (`eu-west-2-KMS-Keys`). Source as
/// [`S3_PER_GB_MONTH`].
pub const KMS_PER_KEY_MONTH: f64 = 1.0;

/// KMS requests, London: $0.03 per 10,000, 20,000 free a month. Source as [`S3_PER_GB_MONTH`].
pub const KMS_PER_REQUEST: f64 = 0.03 / 1e4;

// ------------------------------------------------------------------------------------------
// The always-free allowances (shown as a second total; an account running other workloads
// may have used them up). The 12-month offers (HTTP API's million calls, SES's 3,000 emails,
// S3's 5 GB) apply only to accounts created before 15 July 2025 and are left out.

/// Lambda: 1 million requests a month (shared by every function of the account).
pub const FREE_LAMBDA_REQUESTS: f64 = 1e6;
/// Lambda: 400,000 GB-seconds a month.
pub const FREE_LAMBDA_GB_SECONDS: f64 = 400_000.0;
/// DynamoDB: 25 GB of storage.
pub const FREE_DYNAMODB_GB: f64 = 25.0;
/// Data out to the internet: 100 GB a month, account-wide.
pub const FREE_DATA_OUT_GB: f64 = 100.0;
/// CloudFront: 1 TB out a month.
pub const FREE_CLOUDFRONT_GB: f64 = 1000.0;
/// CloudFront: 10 million requests a month.
pub const FREE_CLOUDFRONT_REQUESTS: f64 = 1e7;
/// CloudFront Functions: 2 million executions a month.
pub const FREE_CLOUDFRONT_FUNCTIONS: f64 = 2e6;
/// CloudWatch Logs: 5 GB ingested a month.
pub const FREE_LOGS_GB: f64 = 5.0;
/// CloudWatch Logs: 5 GB-month stored.
pub const FREE_LOGS_STORED_GB: f64 = 5.0;
/// CloudWatch: 10 alarms.
pub const FREE_ALARMS: f64 = 10.0;
/// X-Ray: 100,000 traces recorded a month.
pub const FREE_XRAY_TRACES: f64 = 100_000.0;
/// KMS: 20,000 requests a month.
pub const FREE_KMS_REQUESTS: f64 = 20_000.0;

/// Free and not modelled further: SSM Parameter Store standard parameters and standard
/// throughput (push-sender reads its key once per cold start), EventBridge scheduled rules,
/// DynamoDB Streams reads by Lambda, the SNS topic of SES feedback (a few notifications), the
/// empty dead-letter queues, CloudFront's origin fetches from S3, ACM certificates.
pub const NOT_BILLED: &str = "SSM standard parameters, EventBridge schedules, DynamoDB Streams reads by Lambda, \
SNS feedback notifications (a few), empty SQS dead-letter queues, CloudFront origin fetches, ACM certificates";

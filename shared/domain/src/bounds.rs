//! Every list a caller can grow inside one stored item, and its bound. DynamoDB refuses an item
//! over 400 KB; a list that could grow until then would make its whole item unwritable (a
//! parent's medicine permissions once made a child's record refuse a manager's edit). So each
//! list stops at a count chosen well above real use, answered 422 `limit-reached`; each entry's
//! text is bounded by its value type (`values`); and should sizes still add up, the store
//! answers 422 `record-full` and changes nothing (never a 5xx).
//!
//! docs/data-model.md tabulates them with the item each lives in.

/// Medicine permissions in force for one child at once (withdrawn and ended ones stop
/// counting; each permission is its own item, the child item keeps only their terms).
pub const MAX_CURRENT_MEDICINE_PERMISSIONS: usize = 20;
/// Times or conditions one medicine permission lists.
pub const MAX_MEDICINE_TIMES: usize = 8;
/// Diary lines in one child's day.
pub const MAX_DIARY_ENTRIES: usize = 200;
/// Medicine doses in one child's day.
pub const MAX_DOSES_PER_DAY: usize = 50;
/// A child's attendance sessions (sign-in to sign-out) in one day.
pub const MAX_ATTENDANCE_SESSIONS: usize = 6;
/// A member of staff's sessions on the floor (one per room they clock into) in one day.
pub const MAX_STAFF_SESSIONS: usize = 30;
/// Children on one setting's roster (the roster and the day item hold one entry each).
pub const MAX_CHILDREN_PER_SETTING: usize = 300;
/// Rooms of one setting (the roster holds one entry each).
pub const MAX_ROOMS_PER_SETTING: usize = 40;
/// Guardian links of one child, revoked ones included (they stay as the record).
pub const MAX_GUARDIANS_PER_CHILD: usize = 12;
/// Children one guardian is linked to in one setting.
pub const MAX_CHILDREN_PER_GUARDIAN: usize = 20;
/// Authorised collectors of one child (the list is replaced whole).
pub const MAX_COLLECTORS: usize = 10;
/// Witnesses named on one accident.
pub const MAX_WITNESSES: usize = 10;
/// Accidents of one setting not yet acknowledged (the staff's list is one item).
pub const MAX_OPEN_ACCIDENTS: usize = 200;
/// Messages sent to the families about one breach.
pub const MAX_BREACH_NOTIFICATIONS: usize = 5;
/// Children named as affected by one breach.
pub const MAX_AFFECTED_CHILDREN: usize = 95;
/// Times one learning journey is sent on to another setting (each a single-use link).
pub const MAX_TRANSFERS_PER_JOURNEY: usize = 10;
/// Items a manager withholds from one subject access export, each with its reason (kept on
/// the request's item: 200 reasons of up to 1,000 characters stay well inside 400 KB).
pub const MAX_WITHHELD_ITEMS: usize = 200;
/// Changes to bookings (extras, cancellations, requests waiting or declined) on one day of one
/// setting, all children together (one item: 600 changes of about 300 bytes).
pub const MAX_BOOKING_CHANGES_PER_DAY: usize = 600;
/// Invoices one setting issues in one month, each child's payers together (one item lists
/// them: 1,000 of about 150 bytes).
pub const MAX_INVOICES_PER_MONTH: usize = 1_000;
/// Invoices written in one transaction when a month is issued: each with its email to the
/// payer, beside the month's list, the audit line and the answer, inside DynamoDB's 100 items.
pub const INVOICES_PER_WRITE: usize = 45;

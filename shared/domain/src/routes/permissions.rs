//! The IAM action sets route-table rows share, named for what a function does with them.

pub(super) const READ: &[&str] = &["dynamodb:BatchGetItem", "dynamodb:GetItem", "dynamodb:Query"];
/// Reads of children's data also write their access-log line.
pub(super) const READ_AUDITED: &[&str] = &["dynamodb:BatchGetItem", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query"];
pub(super) const READ_WRITE: &[&str] = &[
    "dynamodb:BatchGetItem",
    "dynamodb:ConditionCheckItem",
    "dynamodb:GetItem",
    "dynamodb:PutItem",
    "dynamodb:Query",
    "dynamodb:UpdateItem",
];

/// Revoking someone's access: the change, then Cognito's global sign-out.
pub(super) const REVOKE_AND_SIGN_OUT: &[&str] = &[
    "cognito-idp:AdminUserGlobalSignOut",
    "dynamodb:BatchGetItem",
    "dynamodb:ConditionCheckItem",
    "dynamodb:PutItem",
    "dynamodb:UpdateItem",
];

/// Changes that read nothing beyond the authorisation batch.
pub(super) const WRITE: &[&str] = &["dynamodb:BatchGetItem", "dynamodb:ConditionCheckItem", "dynamodb:PutItem", "dynamodb:UpdateItem"];

/// Changes whose answer shows the entry's photos (presigned URLs).
pub(super) const WRITE_SHOWING_MEDIA: &[&str] =
    &["dynamodb:BatchGetItem", "dynamodb:ConditionCheckItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "s3:GetObject"];

/// Journal reads that hand out presigned media URLs (signed with the function's own role).
pub(super) const READ_AUDITED_MEDIA: &[&str] =
    &["dynamodb:BatchGetItem", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query", "s3:GetObject"];

/// Reads of children's data fetched by key with the authorisation, and their access-log line.
pub(super) const READ_AUDITED_BY_KEY: &[&str] = &["dynamodb:BatchGetItem", "dynamodb:PutItem"];

/// Posting to the feed: the pinned posts counted (a Query), the post, its pinned copy and its
/// media written, and the answer showing its photos.
pub(super) const POSTING: &[&str] =
    &["dynamodb:BatchGetItem", "dynamodb:ConditionCheckItem", "dynamodb:PutItem", "dynamodb:Query", "dynamodb:UpdateItem", "s3:GetObject"];

/// Changes to a post that may also remove its pinned copy.
pub(super) const POSTING_AND_UNPINNING: &[&str] = &[
    "dynamodb:BatchGetItem",
    "dynamodb:ConditionCheckItem",
    "dynamodb:DeleteItem",
    "dynamodb:PutItem",
    "dynamodb:Query",
    "dynamodb:UpdateItem",
    "s3:GetObject",
];

/// A thread read: its messages' photos handed out, the access-log line and the reader's read
/// mark (an update of the thread's copy).
pub(super) const READ_AUDITED_MEDIA_MARKED: &[&str] =
    &["dynamodb:BatchGetItem", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query", "dynamodb:UpdateItem", "s3:GetObject"];

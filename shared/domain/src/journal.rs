//! The learning journal's rules: which media may be uploaded, the EYFS areas of learning, who
//! sees which photo (rule 6), which comments a family sees, and which contributions are shown.

use crate::ChildId;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// The media the journal accepts, by the content type the uploader declares. The media
/// function later checks the bytes really are this type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
pub enum MediaType {
    #[serde(rename = "image/jpeg")]
    Jpeg,
    #[serde(rename = "image/png")]
    Png,
    #[serde(rename = "image/heic")]
    Heic,
    #[serde(rename = "image/webp")]
    Webp,
    #[serde(rename = "video/mp4")]
    Mp4,
    #[serde(rename = "video/quicktime")]
    QuickTime,
}

/// 20 MB for a photo, 200 MB for a video (decimal megabytes, as phones report sizes).
pub const MAX_IMAGE_BYTES: u64 = 20_000_000;
pub const MAX_VIDEO_BYTES: u64 = 200_000_000;

impl MediaType {
    pub const ALL: [MediaType; 6] =
        [MediaType::Jpeg, MediaType::Png, MediaType::Heic, MediaType::Webp, MediaType::Mp4, MediaType::QuickTime];

    pub fn content_type(self) -> &'static str {
        match self {
            MediaType::Jpeg => "image/jpeg",
            MediaType::Png => "image/png",
            MediaType::Heic => "image/heic",
            MediaType::Webp => "image/webp",
            MediaType::Mp4 => "video/mp4",
            MediaType::QuickTime => "video/quicktime",
        }
    }
    pub fn parse(content_type: &str) -> Option<Self> {
        let wanted = content_type.trim().to_ascii_lowercase();
        Self::ALL.into_iter().find(|t| t.content_type() == wanted)
    }
    pub fn is_video(self) -> bool {
        matches!(self, MediaType::Mp4 | MediaType::QuickTime)
    }
    pub fn max_bytes(self) -> u64 {
        if self.is_video() {
            MAX_VIDEO_BYTES
        } else {
            MAX_IMAGE_BYTES
        }
    }
    /// The file extension downloads are named with.
    pub fn extension(self) -> &'static str {
        match self {
            MediaType::Jpeg => "jpg",
            MediaType::Png => "png",
            MediaType::Heic => "heic",
            MediaType::Webp => "webp",
            MediaType::Mp4 => "mp4",
            MediaType::QuickTime => "mov",
        }
    }
    /// Whether the media function can draw a thumbnail (HEIC and video need codecs a Lambda
    /// does not carry; the journal shows a placeholder for those).
    pub fn has_thumbnail(self) -> bool {
        matches!(self, MediaType::Jpeg | MediaType::Png | MediaType::Webp)
    }
}

/// The declared size must be within the type's limit (and not empty).
pub fn check_upload_size(media_type: MediaType, bytes: u64) -> Result<(), String> {
    if bytes == 0 {
        return Err("byteSize must be at least 1".into());
    }
    if bytes > media_type.max_bytes() {
        return Err(format!("{} uploads are limited to {} bytes", media_type.content_type(), media_type.max_bytes()));
    }
    Ok(())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum MediaStatus {
    /// Uploaded (or awaited) in quarantine; shown to nobody but its uploader.
    Pending,
    /// Checked, cleaned and thumbnailed.
    Ready,
    /// The bytes were not what was declared; the object was deleted.
    Rejected,
    /// Never attached to an entry within `UNATTACHED_MEDIA_DAYS`: its objects were deleted.
    Expired,
}

/// Days an upload may wait to be attached to an observation or contribution before its
/// photo or video is deleted (a form left unsent should not keep a child's photo forever).
pub const UNATTACHED_MEDIA_DAYS: i64 = 30;

/// The first upload day (UTC, `yyyy-mm-dd`) whose unattached media are still kept at `now`:
/// everything uploaded on an earlier day is due for deletion.
pub fn unattached_kept_from(now: time::OffsetDateTime) -> String {
    crate::Timestamp::new(now - time::Duration::days(UNATTACHED_MEDIA_DAYS)).day_text()
}

/// Why a photo or video cannot join an entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unattachable {
    /// Already part of an entry (media join one entry, once).
    Taken,
    /// Still being checked.
    NotReady,
    Rejected,
    Expired,
}

/// Whether media in `status`, attached already or not, may join an entry now.
pub fn attachable(status: MediaStatus, attached: bool) -> Result<(), Unattachable> {
    match (status, attached) {
        (MediaStatus::Ready, false) => Ok(()),
        (MediaStatus::Ready, true) => Err(Unattachable::Taken),
        (MediaStatus::Pending, _) => Err(Unattachable::NotReady),
        (MediaStatus::Rejected, _) => Err(Unattachable::Rejected),
        (MediaStatus::Expired, _) => Err(Unattachable::Expired),
    }
}

/// The seven areas of learning and development of the EYFS statutory framework.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum AreaOfLearning {
    CommunicationAndLanguage,
    PhysicalDevelopment,
    PersonalSocialAndEmotionalDevelopment,
    Literacy,
    Mathematics,
    UnderstandingTheWorld,
    ExpressiveArtsAndDesign,
}

impl AreaOfLearning {
    pub const ALL: [AreaOfLearning; 7] = [
        AreaOfLearning::CommunicationAndLanguage,
        AreaOfLearning::PhysicalDevelopment,
        AreaOfLearning::PersonalSocialAndEmotionalDevelopment,
        AreaOfLearning::Literacy,
        AreaOfLearning::Mathematics,
        AreaOfLearning::UnderstandingTheWorld,
        AreaOfLearning::ExpressiveArtsAndDesign,
    ];
    /// The area's name, as the EYFS statutory framework words it.
    pub fn title(self) -> &'static str {
        match self {
            AreaOfLearning::CommunicationAndLanguage => "Communication and language",
            AreaOfLearning::PhysicalDevelopment => "Physical development",
            AreaOfLearning::PersonalSocialAndEmotionalDevelopment => "Personal, social and emotional development",
            AreaOfLearning::Literacy => "Literacy",
            AreaOfLearning::Mathematics => "Mathematics",
            AreaOfLearning::UnderstandingTheWorld => "Understanding the world",
            AreaOfLearning::ExpressiveArtsAndDesign => "Expressive arts and design",
        }
    }
}

/// Observations name 1..=this many children (a room's group activity fits).
pub const MAX_CHILDREN_PER_OBSERVATION: usize = 20;
/// Photos and videos in one observation or contribution.
pub const MAX_MEDIA_PER_ENTRY: usize = 10;
/// Children a single photo or video may be tagged with.
pub const MAX_CHILDREN_PER_MEDIA: usize = 20;

/// A list of ids that must be 1..=max long and distinct; answers the validation message.
pub fn distinct_ids(field: &str, ids: &[String], max: usize) -> Result<BTreeSet<String>, String> {
    if ids.is_empty() {
        return Err(format!("{field} must name at least one"));
    }
    if ids.len() > max {
        return Err(format!("{field} may name at most {max}"));
    }
    let set: BTreeSet<String> = ids.iter().cloned().collect();
    if set.len() != ids.len() {
        return Err(format!("{field} names the same id twice"));
    }
    Ok(set)
}

/// Rule 6, the photo consent: in child `journal_child`'s journal, a photo or video is shown to
/// that child's family only if every other child tagged in it has consent to appear in other
/// children's journals. Staff are not asked this (they see everything).
pub fn shared_with_family_of(journal_child: &ChildId, tagged: &[ChildId], consents: impl Fn(&ChildId) -> bool) -> bool {
    tagged.iter().filter(|c| *c != journal_child).all(consents)
}

/// Who is looking at a piece of media, on a page (a journal, a child's contributions) or by a
/// direct media link.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MediaViewer<'a> {
    /// Manager of the setting, or practitioner on its premises.
    Staff,
    /// A practitioner off the premises (rule 8), with the children they may reach from there:
    /// their key children whose parents consented to remote access.
    RemoteStaff { reachable: &'a BTreeSet<ChildId> },
    /// A guardian, with the children they hold a live parent link to (not revoked, not held,
    /// agreement accepted).
    Parent { children: &'a BTreeSet<ChildId> },
}

/// What is known of a piece of media when someone asks for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MediaFacts<'a> {
    pub uploaded_by_viewer: bool,
    pub status: MediaStatus,
    /// Children whose journals show the entry the media belongs to (empty until published).
    pub shown_in: &'a [ChildId],
    pub tagged: &'a [ChildId],
}

/// Whether a viewer may open a piece of media. Unready media only by its uploader; staff any
/// ready media of their setting; a parent only media published in the journal of one of
/// their children and passing the photo consent from that child's point of view.
pub fn may_view_media(viewer: MediaViewer<'_>, media: MediaFacts<'_>, consents: impl Fn(&ChildId) -> bool) -> bool {
    if matches!(media.status, MediaStatus::Rejected | MediaStatus::Expired) {
        return false;
    }
    if media.uploaded_by_viewer {
        return true;
    }
    if media.status != MediaStatus::Ready {
        return false;
    }
    match viewer {
        MediaViewer::Staff => true,
        MediaViewer::RemoteStaff { reachable } => media.tagged.iter().all(|c| reachable.contains(c)),
        MediaViewer::Parent { children } => {
            media.shown_in.iter().filter(|c| children.contains(*c)).any(|c| shared_with_family_of(c, media.tagged, &consents))
        }
    }
}

/// Whether a photo or video on child `page_child`'s page (their journal, their contributions)
/// is handed to the viewer: the one rule every page that hands out media URLs applies. Staff
/// on the premises see all of it; off the premises a practitioner sees it only when every
/// child in it is one they may reach (rule 8); a family sees it under the photo consent from
/// their child's point of view (rule 6), and only on their own child's page.
pub fn shown_on_page(viewer: MediaViewer<'_>, page_child: &ChildId, tagged: &[ChildId], consents: impl Fn(&ChildId) -> bool) -> bool {
    match viewer {
        MediaViewer::Staff => true,
        MediaViewer::RemoteStaff { reachable } => tagged.iter().all(|c| c == page_child || reachable.contains(c)),
        MediaViewer::Parent { children } => children.contains(page_child) && shared_with_family_of(page_child, tagged, consents),
    }
}

/// Who a comment is for: everyone who may see the entry, or only the families of some of
/// its children (a parent's comment, and staff replies to it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", tag = "scope", content = "children")]
pub enum CommentAudience {
    Everyone,
    Families(BTreeSet<ChildId>),
}

/// A parent sees staff comments to everyone and comments for their own family, never another
/// family's. `viewer_children` are the entry's children the parent holds a live link to.
pub fn comment_visible_to_parent(audience: &CommentAudience, viewer_children: &BTreeSet<ChildId>) -> bool {
    match audience {
        CommentAudience::Everyone => true,
        CommentAudience::Families(children) => !children.is_disjoint(viewer_children),
    }
}

/// The audience of a new comment. Staff: a reply keeps its thread's audience, a new comment
/// reaches everyone. A parent only ever speaks to their own family (the entry's children they
/// are linked to), whatever thread they reply in: their words never reach another family.
pub fn audience_of_new_comment(by_staff: bool, author_children: &BTreeSet<ChildId>, thread: Option<&CommentAudience>) -> CommentAudience {
    match (by_staff, thread) {
        (true, Some(audience)) => audience.clone(),
        (true, None) => CommentAudience::Everyone,
        (false, Some(CommentAudience::Families(thread))) => {
            CommentAudience::Families(author_children.intersection(thread).cloned().collect())
        }
        (false, _) => CommentAudience::Families(author_children.clone()),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ContributionStatus {
    Pending,
    Approved,
    Rejected,
}

/// How a parent wants to hear about their children's journals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum NotificationPreference {
    /// An email for each new observation, comment or decision on a contribution.
    #[default]
    Immediate,
    /// One email a day listing yesterday's news.
    Daily,
    Off,
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ids(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    fn child(id: &str) -> ChildId {
        ChildId::parse(id).unwrap()
    }

    fn children(list: &[&str]) -> Vec<ChildId> {
        list.iter().map(|s| child(s)).collect()
    }

    fn family(list: &[&str]) -> BTreeSet<ChildId> {
        list.iter().map(|s| child(s)).collect()
    }

    fn as_family(set: &BTreeSet<String>) -> BTreeSet<ChildId> {
        set.iter().map(|s| child(s)).collect()
    }

    #[test]
    fn content_types_and_limits() {
        assert_eq!(MediaType::parse("IMAGE/JPEG"), Some(MediaType::Jpeg));
        assert_eq!(MediaType::parse("image/gif"), None);
        assert_eq!(MediaType::parse("text/html"), None);
        assert!(check_upload_size(MediaType::Jpeg, 20_000_000).is_ok());
        assert!(check_upload_size(MediaType::Jpeg, 20_000_001).is_err());
        assert!(check_upload_size(MediaType::Mp4, 200_000_000).is_ok());
        assert!(check_upload_size(MediaType::QuickTime, 200_000_001).is_err());
        assert!(check_upload_size(MediaType::Png, 0).is_err());
        for t in MediaType::ALL {
            assert_eq!(MediaType::parse(t.content_type()), Some(t));
            let json = serde_json::to_string(&t).unwrap();
            assert_eq!(json, format!("\"{}\"", t.content_type()));
        }
    }

    #[test]
    fn id_lists_are_bounded_and_distinct() {
        assert!(distinct_ids("children", &[], 3).is_err());
        assert!(distinct_ids("children", &ids(&["a", "a"]), 3).is_err());
        assert!(distinct_ids("children", &ids(&["a", "b", "c", "d"]), 3).is_err());
        assert_eq!(distinct_ids("children", &ids(&["b", "a"]), 3).unwrap().len(), 2);
    }

    /// The worked case: one photo of three children A, B, C, seen in each child's
    /// journal, for all eight combinations of consent.
    #[test]
    fn three_children_every_consent_combination() {
        let tagged = children(&["A", "B", "C"]);
        for mask in 0..8u8 {
            let consent = |c: &ChildId| match c.as_str() {
                "A" => mask & 1 != 0,
                "B" => mask & 2 != 0,
                _ => mask & 4 != 0,
            };
            let (a, b, c) = (mask & 1 != 0, mask & 2 != 0, mask & 4 != 0);
            assert_eq!(shared_with_family_of(&child("A"), &tagged, consent), b && c, "A's family, mask {mask:03b}");
            assert_eq!(shared_with_family_of(&child("B"), &tagged, consent), a && c, "B's family, mask {mask:03b}");
            assert_eq!(shared_with_family_of(&child("C"), &tagged, consent), a && b, "C's family, mask {mask:03b}");
        }
    }

    #[test]
    fn a_photo_of_only_your_own_child_needs_no_consent() {
        assert!(shared_with_family_of(&child("A"), &children(&["A"]), |_| false));
        assert!(shared_with_family_of(&child("A"), &[], |_| false));
    }

    #[test]
    fn unready_media_is_only_for_its_uploader() {
        let mine = family(&["A"]);
        let tagged = children(&["A"]);
        let pending = MediaFacts { uploaded_by_viewer: false, status: MediaStatus::Pending, shown_in: &tagged, tagged: &tagged };
        assert!(!may_view_media(MediaViewer::Staff, pending, |_| true));
        assert!(!may_view_media(MediaViewer::Parent { children: &mine }, pending, |_| true));
        assert!(may_view_media(MediaViewer::Staff, MediaFacts { uploaded_by_viewer: true, ..pending }, |_| true));
        let rejected = MediaFacts { uploaded_by_viewer: true, status: MediaStatus::Rejected, ..pending };
        assert!(!may_view_media(MediaViewer::Staff, rejected, |_| true));
        let expired = MediaFacts { uploaded_by_viewer: true, status: MediaStatus::Expired, ..pending };
        assert!(!may_view_media(MediaViewer::Staff, expired, |_| true));
    }

    #[test]
    fn only_ready_unattached_media_may_join_an_entry() {
        assert_eq!(attachable(MediaStatus::Ready, false), Ok(()));
        assert_eq!(attachable(MediaStatus::Ready, true), Err(Unattachable::Taken));
        assert_eq!(attachable(MediaStatus::Pending, false), Err(Unattachable::NotReady));
        assert_eq!(attachable(MediaStatus::Rejected, false), Err(Unattachable::Rejected));
        assert_eq!(attachable(MediaStatus::Expired, false), Err(Unattachable::Expired));
    }

    #[test]
    fn unattached_media_are_kept_thirty_whole_days() {
        let now = time::macros::datetime!(2026-12-31 03:20 UTC);
        assert_eq!(unattached_kept_from(now), "2026-12-01");
        // Just after midnight the window moves on by a day.
        assert_eq!(unattached_kept_from(time::macros::datetime!(2027-01-01 00:00:01 UTC)), "2026-12-02");
    }

    #[test]
    fn parents_see_published_media_of_their_children_only() {
        let mine = family(&["A"]);
        let tagged = children(&["A", "B"]);
        let unpublished = MediaFacts { uploaded_by_viewer: false, status: MediaStatus::Ready, shown_in: &[], tagged: &tagged };
        assert!(!may_view_media(MediaViewer::Parent { children: &mine }, unpublished, |_| true));
        assert!(may_view_media(MediaViewer::Staff, unpublished, |_| true));
        let shown = children(&["A", "B"]);
        let published = MediaFacts { shown_in: &shown, ..unpublished };
        assert!(may_view_media(MediaViewer::Parent { children: &mine }, published, |_| true));
        assert!(!may_view_media(MediaViewer::Parent { children: &mine }, published, |c| c != "B"));
        let other = family(&["Z"]);
        assert!(!may_view_media(MediaViewer::Parent { children: &other }, published, |_| true));
    }

    /// Rule 8 on every page that hands out media: off the premises a practitioner sees a photo
    /// only when every child in it is one they may reach, whatever page it is on.
    #[test]
    fn off_the_premises_a_photo_is_shown_only_when_every_child_in_it_is_reachable() {
        let reachable = family(&["A"]);
        let remote = MediaViewer::RemoteStaff { reachable: &reachable };
        assert!(shown_on_page(remote, &child("A"), &children(&["A"]), |_| true));
        assert!(!shown_on_page(remote, &child("A"), &children(&["A", "B"]), |_| true), "B is not theirs to see from home");
        assert!(shown_on_page(MediaViewer::Staff, &child("A"), &children(&["A", "B"]), |_| false));
        let tagged = children(&["A", "B"]);
        let published = MediaFacts { uploaded_by_viewer: false, status: MediaStatus::Ready, shown_in: &tagged, tagged: &tagged };
        assert!(!may_view_media(remote, published, |_| true));
        let only_a = children(&["A"]);
        assert!(may_view_media(remote, MediaFacts { tagged: &only_a, ..published }, |_| true));
    }

    #[test]
    fn a_family_sees_photos_only_on_their_own_childs_page_and_under_the_consent() {
        let mine = family(&["A"]);
        let parent = MediaViewer::Parent { children: &mine };
        assert!(shown_on_page(parent, &child("A"), &children(&["A", "B"]), |_| true));
        assert!(!shown_on_page(parent, &child("A"), &children(&["A", "B"]), |c| c != "B"));
        assert!(!shown_on_page(parent, &child("B"), &children(&["B"]), |_| true), "not their child's page");
    }

    #[test]
    fn comment_audiences() {
        let a = family(&["A"]);
        let b = family(&["B"]);
        let parent_comment = audience_of_new_comment(false, &a, None);
        assert_eq!(parent_comment, CommentAudience::Families(a.clone()));
        assert!(comment_visible_to_parent(&parent_comment, &a));
        assert!(!comment_visible_to_parent(&parent_comment, &b));
        // A staff reply to family A stays with family A.
        let reply = audience_of_new_comment(true, &BTreeSet::new(), Some(&parent_comment));
        assert!(!comment_visible_to_parent(&reply, &b));
        let staff = audience_of_new_comment(true, &BTreeSet::new(), None);
        assert!(comment_visible_to_parent(&staff, &b));
        // A parent replying to a staff comment to everyone still speaks to their family only.
        let parent_reply = audience_of_new_comment(false, &a, Some(&staff));
        assert!(comment_visible_to_parent(&parent_reply, &a));
        assert!(!comment_visible_to_parent(&parent_reply, &b));
    }

    proptest! {
        /// Whatever the tags and consents, a family sees a photo only if every other tagged
        /// child consented, and withdrawing any other child's consent hides it.
        #[test]
        fn consent_is_all_or_nothing(tags in proptest::collection::btree_set("[a-e]", 0..5), consenting in proptest::collection::btree_set("[a-e]", 0..5), viewer in "[a-e]") {
            let tagged: Vec<ChildId> = tags.iter().map(|t| child(t)).collect();
            let consenting: BTreeSet<ChildId> = consenting.iter().map(|c| child(c)).collect();
            let viewer = child(&viewer);
            let shown = shared_with_family_of(&viewer, &tagged, |c| consenting.contains(c));
            let others_all_consent = tagged.iter().filter(|c| **c != viewer).all(|c| consenting.contains(c));
            prop_assert_eq!(shown, others_all_consent);
            for withdrawn in tagged.iter().filter(|c| **c != viewer) {
                prop_assert!(!shared_with_family_of(&viewer, &tagged, |c| c != withdrawn && consenting.contains(c)));
            }
        }

        /// No family ever sees a parent's comment unless it shares a child with the author,
        /// in a new thread or in a reply to anyone's thread.
        #[test]
        fn parents_words_never_cross_families(
            author in proptest::collection::btree_set("[a-e]", 1..3),
            viewer in proptest::collection::btree_set("[a-e]", 1..3),
            thread in proptest::option::of(proptest::option::of(proptest::collection::btree_set("[a-e]", 1..3))),
        ) {
            let (author, viewer) = (as_family(&author), as_family(&viewer));
            let thread = thread.map(|t| t.map(|t| CommentAudience::Families(as_family(&t))).unwrap_or(CommentAudience::Everyone));
            let audience = audience_of_new_comment(false, &author, thread.as_ref());
            if comment_visible_to_parent(&audience, &viewer) {
                prop_assert!(!author.is_disjoint(&viewer));
            }
        }

        /// No family ever sees a comment meant for families it shares no child with.
        #[test]
        fn comments_never_cross_families(author in proptest::collection::btree_set("[a-e]", 1..3), viewer in proptest::collection::btree_set("[a-e]", 1..3), by_staff: bool) {
            let (author, viewer) = (as_family(&author), as_family(&viewer));
            let audience = audience_of_new_comment(by_staff, &author, None);
            let visible = comment_visible_to_parent(&audience, &viewer);
            if !by_staff {
                prop_assert_eq!(visible, !author.is_disjoint(&viewer));
            } else {
                prop_assert!(visible);
            }
        }
    }
}

//! The journey's content, as pure functions: which entries, comments and photos the family's
//! copy holds, the JSON document of it, and the PDF. The copy is the family's view of the
//! journal: every published observation and approved contribution in the child's journal, the
//! comments meant for everyone or for this child's family (a reply included), and each photo
//! or video only where every other child in it has their family's consent (rule 6, applied
//! when the copy is made, not when the photo was taken).

use nestling_documents::{count, long_day, Block, Document, Photo};
use nestling_domain::journal::{comment_visible_to_parent, shared_with_family_of, AreaOfLearning, MediaType};
use nestling_domain::{ChildId, CommentId, EntryId, MediaId, Timestamp};
use nestling_platform::records::{CommentRecord, EntryKind, JournalEntryRecord};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// What the copy is made from.
pub struct Source<'a> {
    pub setting_name: &'a str,
    pub child_id: &'a ChildId,
    pub first_name: &'a str,
    pub key_person: &'a str,
    /// The first and last days the journey covers (YYYY-MM-DD).
    pub from: String,
    pub to: String,
    /// The child's journal, any order.
    pub entries: &'a [JournalEntryRecord],
    /// Each observation's comments, any order.
    pub comments: &'a BTreeMap<EntryId, Vec<CommentRecord>>,
    /// Whether a child's family consented to their child appearing in other children's journals.
    pub consents: &'a dyn Fn(&ChildId) -> bool,
}

/// The JSON document of the journey (`learning-journey.json` in the archive).
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Journey {
    pub first_name: String,
    pub setting: String,
    pub key_person: String,
    pub from: String,
    pub to: String,
    /// Oldest first.
    pub entries: Vec<JourneyEntry>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct JourneyEntry {
    pub entry_id: EntryId,
    pub kind: EntryKind,
    /// The day it was published (YYYY-MM-DD).
    pub date: String,
    pub author: String,
    /// Written by the family (a contribution, approved).
    pub from_home: bool,
    pub text: String,
    pub areas: Vec<&'static str>,
    pub next_steps: Option<String>,
    /// The photos and videos the family's copy holds, each a file in the archive.
    pub media: Vec<JourneyMedia>,
    /// How many were left out because another child in them has no consent.
    pub media_left_out: usize,
    /// Oldest first.
    pub comments: Vec<JourneyComment>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct JourneyMedia {
    pub media_id: MediaId,
    pub media_type: MediaType,
    /// Its path in the archive.
    pub file: String,
    /// Whether a thumbnail exists to show it in the PDF.
    #[serde(skip)]
    pub thumbnail: bool,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct JourneyComment {
    pub comment_id: CommentId,
    pub author: String,
    pub by_staff: bool,
    pub text: String,
    pub reply_to: Option<CommentId>,
    pub at: Timestamp,
}

/// The family's copy of the journal.
pub fn journey(source: &Source<'_>) -> Journey {
    let mut entries: Vec<&JournalEntryRecord> = source.entries.iter().filter(|e| e.child_id == *source.child_id).collect();
    entries.sort_by(|a, b| (a.published_at, a.entry_id.as_str()).cmp(&(b.published_at, b.entry_id.as_str())));
    let family = BTreeSet::from([source.child_id.clone()]);
    let entries = entries
        .into_iter()
        .map(|e| {
            let (shared, withheld): (Vec<_>, Vec<_>) =
                e.media.iter().partition(|m| shared_with_family_of(source.child_id, &m.children, source.consents));
            let mut comments: Vec<&CommentRecord> = source
                .comments
                .get(&e.entry_id)
                .map(|list| list.iter().filter(|c| comment_visible_to_parent(&c.audience, &family)).collect())
                .unwrap_or_default();
            comments.sort_by(|a, b| (a.created_at, a.comment_id.as_str()).cmp(&(b.created_at, b.comment_id.as_str())));
            JourneyEntry {
                entry_id: e.entry_id.clone(),
                kind: e.entry_kind,
                date: e.published_at.day_text(),
                author: e.author_name.clone(),
                from_home: e.entry_kind == EntryKind::Contribution,
                text: e.text.clone(),
                areas: AreaOfLearning::ALL.into_iter().filter(|a| e.areas.contains(a)).map(AreaOfLearning::title).collect(),
                next_steps: e.next_steps.clone(),
                media: shared
                    .into_iter()
                    .map(|m| JourneyMedia {
                        media_id: m.media_id.clone(),
                        media_type: m.media_type,
                        file: media_file(&m.media_id, m.media_type),
                        thumbnail: m.thumbnail,
                    })
                    .collect(),
                media_left_out: withheld.len(),
                comments: comments
                    .into_iter()
                    .map(|c| JourneyComment {
                        comment_id: c.comment_id.clone(),
                        author: c.author_name.clone(),
                        by_staff: c.author_role.is_staff(),
                        text: c.text.clone(),
                        reply_to: c.reply_to.clone(),
                        at: c.created_at,
                    })
                    .collect(),
            }
        })
        .collect();
    Journey {
        first_name: source.first_name.into(),
        setting: source.setting_name.into(),
        key_person: source.key_person.into(),
        from: source.from.clone(),
        to: source.to.clone(),
        entries,
    }
}

/// Where a photo or video lies in the archive.
pub fn media_file(media_id: &MediaId, media_type: MediaType) -> String {
    format!("photos-and-videos/{media_id}.{}", media_type.extension())
}

/// The PDF: a cover (the child's first name, the setting, the dates, the key person), then
/// every entry in order with its areas, next steps, photos (their thumbnails, as `thumbnails`
/// holds them by media id) and the comments.
pub fn document(journey: &Journey, thumbnails: &BTreeMap<MediaId, Vec<u8>>) -> Document {
    let title = format!("{}'s learning journey", journey.first_name);
    let mut doc = Document::new(title.clone(), format!("{} · {}", journey.setting, title));
    doc.push(Block::Title(title))
        .push(Block::Label("Setting".into(), journey.setting.clone()))
        .push(Block::Label("Key person".into(), journey.key_person.clone()))
        .push(Block::Label("From".into(), long_day(&journey.from)))
        .push(Block::Label("To".into(), long_day(&journey.to)))
        .push(Block::Label("Entries".into(), journey.entries.len().to_string()));
    if journey.entries.is_empty() {
        doc.push(Block::Paragraph("The journal has no entries.".into()));
    }
    for entry in &journey.entries {
        let by = if entry.from_home { format!("From home, by {}", entry.author) } else { format!("By {}", entry.author) };
        doc.push(Block::Heading(long_day(&entry.date))).push(Block::Label("Written".into(), by)).push(Block::Paragraph(entry.text.clone()));
        if !entry.areas.is_empty() {
            doc.push(Block::Label("Areas of learning".into(), entry.areas.join(", ")));
        }
        if let Some(next) = &entry.next_steps {
            doc.push(Block::Label("Next steps".into(), next.clone()));
        }
        let photos: Vec<Photo> =
            entry.media.iter().filter_map(|m| thumbnails.get(&m.media_id)).filter_map(|jpeg| Photo::from_jpeg(jpeg.clone())).collect();
        let videos = entry.media.iter().filter(|m| m.media_type.is_video()).count();
        if !photos.is_empty() {
            doc.push(Block::Photos(photos));
        }
        if videos > 0 {
            doc.push(Block::Paragraph(format!("{} in the archive.", count(videos, "video", "videos"))));
        }
        if entry.media_left_out > 0 {
            doc.push(Block::Paragraph(format!(
                "{} not included: another child in it has no consent to appear in other children's journals.",
                count(entry.media_left_out, "photo or video", "photos or videos")
            )));
        }
        for comment in &entry.comments {
            let who = if comment.reply_to.is_some() { format!("{} replied", comment.author) } else { comment.author.clone() };
            doc.push(Block::Label(who, comment.text.clone()));
        }
    }
    doc
}

#[cfg(test)]
mod tests;

//! A subject access request's export, as pure functions: the items gathered (each record held
//! about the person or child, as stored, less the table's keys and secrets), what a manager's
//! withholding leaves to release, and the PDF of it. The same archive format as the learning
//! journey: the PDF, `your-data.json` with the same content, and the photos and videos.

use nestling_documents::{count, long_day, Block, Document, Photo};
use nestling_domain::journal::MediaType;
use nestling_domain::{MediaId, Timestamp};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;

/// What `rights-export-build` gathered (`gathered.json`): every item held about the subject.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Gathered {
    /// Whom it is about.
    pub subject: String,
    pub setting: String,
    /// The day the request was received (YYYY-MM-DD).
    pub received_on: String,
    pub gathered_at: Timestamp,
    /// Oldest first within each kind, kinds in `HeldKind` order.
    pub items: Vec<HeldItem>,
    /// Photos and videos left out: another child in them has no family consent.
    pub media_left_out: u32,
}

/// One record held, as it is stored.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct HeldItem {
    /// Stable across gatherings: `<kind>:<the record's own id>`.
    pub item_id: String,
    pub kind: HeldKind,
    /// The day it is of (YYYY-MM-DD).
    pub date: String,
    pub title: String,
    /// Other people it names or was written by, for the manager deciding what to withhold.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub others: Vec<String>,
    pub data: Value,
    /// The photos and videos released with it, each a file in the archive.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub media: Vec<HeldMedia>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct HeldMedia {
    pub media_id: MediaId,
    pub media_type: MediaType,
    /// Its path in the archive.
    pub file: String,
    /// Whether a thumbnail exists to show it in the PDF.
    #[serde(default)]
    pub thumbnail: bool,
}

/// The kinds of record an export holds, in the order the PDF shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum HeldKind {
    Child,
    Account,
    Membership,
    GuardianLink,
    Observation,
    Comment,
    Contribution,
    Diary,
    Attendance,
    Accident,
    MedicinePermission,
    Assessment,
    ProgressCheck,
    Message,
    AccessLog,
}

impl HeldKind {
    pub fn title(self) -> &'static str {
        match self {
            HeldKind::Child => "The child's record",
            HeldKind::Account => "Account",
            HeldKind::Membership => "Membership of the setting",
            HeldKind::GuardianLink => "Link to a child",
            HeldKind::Observation => "Observation",
            HeldKind::Comment => "Comment",
            HeldKind::Contribution => "Contribution from home",
            HeldKind::Diary => "Daily diary",
            HeldKind::Attendance => "Attendance",
            HeldKind::Accident => "Accident or incident",
            HeldKind::MedicinePermission => "Medicine permission",
            HeldKind::Assessment => "Assessment",
            HeldKind::ProgressCheck => "Progress check at two",
            HeldKind::Message => "Message",
            HeldKind::AccessLog => "Access log",
        }
    }
}

/// Attributes never released: the table's keys and bookkeeping, and secrets (a collection
/// password's hash, device keys, an authenticator, push endpoints' keys).
const NOT_RELEASED: &[&str] =
    &["PK", "SK", "GSI1PK", "GSI1SK", "version", "claimedAt", "passwordHash", "offlineKeys", "mfa", "pushSubscriptions", "username"];

/// A record as an export holds it: its own JSON less what is never released (at any depth)
/// and its `kind` bookkeeping (at the top; a nested `kind` says what a line is).
pub fn held_data<T: Serialize>(record: &T) -> Value {
    let mut value = serde_json::to_value(record).unwrap_or(Value::Null);
    strip(&mut value);
    if let Value::Object(map) = &mut value {
        map.remove("kind");
        map.remove("settingId");
    }
    value
}

fn strip(value: &mut Value) {
    match value {
        Value::Object(map) => {
            map.retain(|k, _| !NOT_RELEASED.contains(&k.as_str()));
            map.values_mut().for_each(strip);
        }
        Value::Array(list) => list.iter_mut().for_each(strip),
        _ => {}
    }
}

/// An entry's data as released: its photos and videos only those the copy holds (with their
/// files, not the other children tagged in them), and no list of the other children it is
/// about (the reviewer sees their names in `others`).
pub fn with_media(mut data: Value, released: &[HeldMedia]) -> Value {
    if let Value::Object(map) = &mut data {
        map.remove("children");
        if map.contains_key("media") {
            map.insert("media".into(), serde_json::to_value(released).unwrap_or(Value::Null));
        }
    }
    data
}

/// Where a photo or video lies in the archive.
pub fn media_file(media_id: &MediaId, media_type: MediaType) -> String {
    format!("photos-and-videos/{media_id}.{}", media_type.extension())
}

/// What is released: the gathered items less those withheld, and a line for each withheld
/// one (its kind, day and the reason; never its content).
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Released {
    pub subject: String,
    pub setting: String,
    pub received_on: String,
    pub gathered_at: Timestamp,
    pub items: Vec<HeldItem>,
    pub withheld: Vec<WithheldLine>,
    pub media_left_out: u32,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct WithheldLine {
    pub kind: HeldKind,
    pub date: String,
    pub reason: String,
}

/// Splits the gathered items by the manager's decisions (item id to reason).
pub fn released(gathered: Gathered, withheld: &BTreeMap<String, String>) -> Released {
    let (kept, held_back): (Vec<HeldItem>, Vec<HeldItem>) = gathered.items.into_iter().partition(|i| !withheld.contains_key(&i.item_id));
    Released {
        subject: gathered.subject,
        setting: gathered.setting,
        received_on: gathered.received_on,
        gathered_at: gathered.gathered_at,
        items: kept,
        withheld: held_back
            .into_iter()
            .map(|i| WithheldLine { kind: i.kind, date: i.date, reason: withheld.get(&i.item_id).cloned().unwrap_or_default() })
            .collect(),
        media_left_out: gathered.media_left_out,
    }
}

/// Most lines one item shows in the PDF (the JSON holds all of it).
pub const LINES_PER_ITEM: usize = 120;

/// The PDF: a cover (whom it is about, the setting, the dates and counts), every released item
/// under its kind's heading with its fields and photos, then what was withheld and why.
pub fn document(released: &Released, thumbnails: &BTreeMap<MediaId, Vec<u8>>) -> Document {
    let title = format!("What {} holds about {}", released.setting, released.subject);
    let mut doc = Document::new(title.clone(), format!("{} · your data", released.setting));
    doc.push(Block::Title(title))
        .push(Block::Label("Request received".into(), long_day(&released.received_on)))
        .push(Block::Label("Gathered".into(), long_day(&released.gathered_at.day_text())))
        .push(Block::Label("Items".into(), released.items.len().to_string()))
        .push(Block::Label("Withheld".into(), released.withheld.len().to_string()))
        .push(Block::Paragraph(
            "Every record the setting holds about the person or child named above, as it is stored. The archive holds the same content as your-data.json, with the photos and videos."
                .into(),
        ));
    if released.media_left_out > 0 {
        doc.push(Block::Paragraph(format!(
            "{} left out: another child in them has no consent from their family.",
            count(released.media_left_out as usize, "photo or video", "photos or videos")
        )));
    }
    for item in &released.items {
        doc.push(Block::Heading(format!("{} · {}", item.title, long_day(&item.date))));
        for (label, text) in lines(&item.data).into_iter().take(LINES_PER_ITEM) {
            doc.push(Block::Label(label, text));
        }
        let photos: Vec<Photo> =
            item.media.iter().filter_map(|m| thumbnails.get(&m.media_id)).filter_map(|jpeg| Photo::from_jpeg(jpeg.clone())).collect();
        if !photos.is_empty() {
            doc.push(Block::Photos(photos));
        }
        let videos = item.media.iter().filter(|m| m.media_type.is_video()).count();
        if videos > 0 {
            doc.push(Block::Paragraph(format!("{} in the archive.", count(videos, "video", "videos"))));
        }
    }
    if !released.withheld.is_empty() {
        doc.push(Block::Heading("Withheld".into())).push(Block::Paragraph(
            "These items are not released because they hold other people's personal data. Each is listed with the reason.".into(),
        ));
        for line in &released.withheld {
            doc.push(Block::Label(format!("{} · {}", line.kind.title(), long_day(&line.date)), line.reason.clone()));
        }
    }
    doc
}

/// A record's fields as labelled lines: nested objects and lists spelt out with their path
/// ("Sessions 1 · in at"), lists of plain values joined.
pub fn lines(value: &Value) -> Vec<(String, String)> {
    let mut out = Vec::new();
    walk(value, "", &mut out);
    out
}

fn walk(value: &Value, path: &str, out: &mut Vec<(String, String)>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                let label = words(k);
                let here = if path.is_empty() { label } else { format!("{path} · {}", label.to_lowercase()) };
                walk(v, &here, out);
            }
        }
        Value::Array(list) if list.iter().all(|v| !v.is_object() && !v.is_array()) => {
            if !list.is_empty() {
                out.push((path.to_string(), list.iter().map(scalar).collect::<Vec<_>>().join(", ")));
            }
        }
        Value::Array(list) => {
            for (i, v) in list.iter().enumerate() {
                walk(v, &format!("{path} {}", i + 1), out);
            }
        }
        Value::Null => {}
        other => out.push((path.to_string(), scalar(other))),
    }
}

fn scalar(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Bool(true) => "yes".into(),
        Value::Bool(false) => "no".into(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// "keyPersonName" as "Key person name".
fn words(name: &str) -> String {
    let mut out = String::new();
    for (i, c) in name.chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            out.push(' ');
            out.extend(c.to_lowercase());
        } else if i == 0 {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests;

//! The family's copy: what it holds and leaves out, in the JSON and in the PDF's text.

use super::*;
use serde_json::json;

fn id<T: nestling_domain::Id>(raw: &str) -> T {
    T::parse(raw).expect("an id")
}

fn entry(child: &str, entry_id: &str, kind: &str, at: &str, text: &str, media: serde_json::Value) -> JournalEntryRecord {
    serde_json::from_value(json!({
        "PK": format!("JOURNAL#s#{child}"), "SK": format!("{at}#{entry_id}"), "kind": "journal-entry",
        "settingId": "s", "childId": child, "entryId": entry_id, "entryKind": kind,
        "authorId": "priya", "authorName": if kind == "contribution" { "Beth Brown" } else { "Priya Patel" },
        "authorRole": if kind == "contribution" { "parent" } else { "practitioner" },
        "text": text, "areas": ["mathematics", "communication-and-language"], "nextSteps": "Count to ten together.",
        "media": media, "publishedAt": at, "updatedAt": at,
    }))
    .expect("an entry")
}

fn comment(
    entry_id: &str,
    comment_id: &str,
    by: &str,
    role: &str,
    text: &str,
    audience: serde_json::Value,
    reply_to: Option<&str>,
) -> CommentRecord {
    serde_json::from_value(json!({
        "PK": format!("COMMENTS#s#{entry_id}"), "SK": comment_id, "kind": "comment", "settingId": "s",
        "entryId": entry_id, "commentId": comment_id, "authorId": by.to_lowercase().replace(' ', "-"), "authorName": by, "authorRole": role,
        "text": text, "replyTo": reply_to, "audience": audience, "createdAt": format!("2026-03-0{}T10:00:00Z", comment_id.len() % 9),
    }))
    .expect("a comment")
}

fn jpeg() -> Vec<u8> {
    let picture = image::RgbImage::from_fn(40, 30, |x, y| image::Rgb([x as u8 * 6, y as u8 * 8, 90]));
    let mut out = std::io::Cursor::new(Vec::new());
    image::DynamicImage::ImageRgb8(picture).write_to(&mut out, image::ImageFormat::Jpeg).unwrap();
    out.into_inner()
}

#[test]
fn the_family_s_copy_holds_their_comments_and_contribution_and_leaves_out_what_consent_refuses() {
    let ava: ChildId = id("ava");
    let ben_refused: ChildId = id("ben");
    let media =
        |mid: &str, children: &[&str]| json!({ "mediaId": mid, "mediaType": "image/jpeg", "children": children, "thumbnail": true });
    let entries = vec![
        // A group photo with Ben, whose family refused: left out of Ava's copy.
        entry("ava", "obs2", "observation", "2026-03-02T09:00:00Z", "Built a tower with Ben.", json!([media("group", &["ava", "ben"])])),
        entry("ava", "obs1", "observation", "2026-03-01T09:00:00Z", "Counted the ducks.", json!([media("solo", &["ava"])])),
        entry("ava", "con1", "contribution", "2026-03-03T18:00:00Z", "Baked bread at home.", json!([])),
        // Another child's journal never joins Ava's.
        entry("cara", "obs9", "observation", "2026-03-04T09:00:00Z", "Cara's painting.", json!([])),
    ];
    let everyone = json!({ "scope": "everyone" });
    let comments = BTreeMap::from([(
        id::<EntryId>("obs1"),
        vec![
            comment("obs1", "c1", "Priya Patel", "practitioner", "She counted all twelve!", everyone.clone(), None),
            comment(
                "obs1",
                "c22",
                "Beth Brown",
                "parent",
                "She counts the stairs at home too.",
                json!({ "scope": "families", "children": ["ava"] }),
                None,
            ),
            comment(
                "obs1",
                "c333",
                "Priya Patel",
                "practitioner",
                "Lovely, we will count stairs here.",
                json!({ "scope": "families", "children": ["ava"] }),
                Some("c22"),
            ),
            // Another family's words on a shared entry stay theirs.
            comment("obs1", "c4444", "Dan Other", "parent", "Ben's dad here.", json!({ "scope": "families", "children": ["ben"] }), None),
        ],
    )]);
    let consents = |c: &ChildId| *c != ben_refused;
    let source = Source {
        setting_name: "Little Acorns Nursery",
        child_id: &ava,
        first_name: "Ava",
        key_person: "Priya Patel",
        from: "2024-09-02".into(),
        to: "2026-07-17".into(),
        entries: &entries,
        comments: &comments,
        consents: &consents,
    };
    let made = journey(&source);

    // The JSON: Ava's three entries oldest first, the contribution marked from home.
    let texts: Vec<&str> = made.entries.iter().map(|e| e.text.as_str()).collect();
    assert_eq!(texts, ["Counted the ducks.", "Built a tower with Ben.", "Baked bread at home."]);
    assert!(made.entries[2].from_home && !made.entries[0].from_home);
    assert_eq!(made.entries[0].areas, ["Communication and language", "Mathematics"]);
    let said: Vec<&str> = made.entries[0].comments.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(said, ["She counted all twelve!", "She counts the stairs at home too.", "Lovely, we will count stairs here."]);
    assert_eq!(made.entries[0].comments[2].reply_to.as_ref().map(|c| c.as_str()), Some("c22"), "the reply keeps its thread");
    assert_eq!(made.entries[0].media.len(), 1);
    assert_eq!(made.entries[0].media[0].file, "photos-and-videos/solo.jpg");
    assert_eq!((made.entries[1].media.len(), made.entries[1].media_left_out), (0, 1), "the group photo is left out");
    let json = serde_json::to_string(&made).unwrap();
    assert!(json.contains("Baked bread at home.") && json.contains("Lovely, we will count stairs here."));
    assert!(!json.contains("Ben's dad here.") && !json.contains("Cara's painting.") && !json.contains("\"group\""), "{json}");

    // The PDF: the same words, the solo photo placed, the group photo said to be left out.
    let thumbnails = BTreeMap::from([(id::<MediaId>("solo"), jpeg()), (id::<MediaId>("group"), jpeg())]);
    let pdf = document(&made, &thumbnails);
    let text = pdf.page_texts().join("\n");
    for words in [
        "Ava's learning journey",
        "Little Acorns Nursery",
        "2 September 2024",
        "17 July 2026",
        "Counted the ducks.",
        "She counted all twelve!",
        "Priya Patel replied",
        "Lovely, we will count stairs here.",
        "From home, by Beth Brown",
        "Baked bread at home.",
        "Communication and language, Mathematics",
        "1 photo or video not included",
    ] {
        assert!(text.contains(words), "the PDF says {words:?}:\n{text}");
    }
    assert!(!text.contains("Ben's dad here.") && !text.contains("Cara's painting."));
    assert_eq!(pdf.page_photos().iter().sum::<usize>(), 1, "only the photo the family may have");
    let bytes = pdf.render();
    assert!(bytes.starts_with(b"%PDF-"));
    // To look at it: JOURNEY_PDF=/tmp/journey.pdf, then render its pages to PNG.
    if let Ok(path) = std::env::var("JOURNEY_PDF") {
        std::fs::write(path, &bytes).unwrap();
    }
    assert_eq!(String::from_utf8_lossy(&bytes).matches("/Subtype /Image").count(), 1);
}

#[test]
fn an_empty_journal_is_still_a_journey_with_its_cover() {
    let ava: ChildId = id("ava");
    let none = BTreeMap::new();
    let consents = |_: &ChildId| true;
    let source = Source {
        setting_name: "Little Acorns Nursery",
        child_id: &ava,
        first_name: "Ava",
        key_person: "Priya Patel",
        from: "2026-01-05".into(),
        to: "2026-01-30".into(),
        entries: &[],
        comments: &none,
        consents: &consents,
    };
    let made = journey(&source);
    assert!(made.entries.is_empty());
    let text = document(&made, &BTreeMap::new()).page_texts().join("\n");
    assert!(text.contains("Ava's learning journey") && text.contains("The journal has no entries."));
}

//! Documents families keep, as PDF. A document is a list of blocks (a title, headings, labelled
//! lines, paragraphs); they are laid out on A4 pages in the standard Helvetica fonts (every PDF
//! reader has them, so nothing is embedded and the document stays a few kilobytes), wrapped by
//! the fonts' own character widths, with "Page n of m" and the document's footer on every
//! page. Text is written in WinAnsi encoding: Latin-1 letters and the usual typographic quotes
//! and dashes; anything else becomes "?". Photos are JPEGs placed as they are (the PDF's
//! DCTDecode filter reads JPEG itself, so nothing is decoded or re-encoded here).

pub mod archive;
pub use archive::Archive;

/// "1 photo" or "3 photos": a count with its noun, as documents say it.
pub fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// "6 December 2026" from "2026-12-06" (the text as it is when it is not a date).
pub fn long_day(date: &str) -> String {
    time::Date::parse(date, &time::format_description::well_known::Iso8601::DATE)
        .ok()
        .and_then(|d| d.format(time::macros::format_description!("[day padding:none] [month repr:long] [year]")).ok())
        .unwrap_or_else(|| date.to_string())
}

use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, Str, TextStr};

/// A4, in points.
const PAGE_WIDTH: f32 = 595.0;
const PAGE_HEIGHT: f32 = 842.0;
const MARGIN: f32 = 56.0;
const FOOTER_Y: f32 = 30.0;

/// One part of a document, in reading order.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// The document's title, large, at the top of the first page.
    Title(String),
    Heading(String),
    /// A bold label with its text after it ("Key person: Priya Patel").
    Label(String, String),
    Paragraph(String),
    /// A line of figures: its words on the left, its amount right-aligned at the right margin
    /// (an invoice's lines), bold when `total`.
    Amount {
        text: String,
        amount: String,
        total: bool,
    },
    /// Some space.
    Gap,
    /// Pictures side by side, two to a row, each scaled to fit its half of the page.
    Photos(Vec<Photo>),
}

/// A JPEG and the size its frame header gives, ready to place.
#[derive(Debug, Clone, PartialEq)]
pub struct Photo {
    jpeg: Vec<u8>,
    width: u32,
    height: u32,
    /// 1 (grey), 3 (YCbCr/RGB) or 4 (CMYK, which Adobe's writers store inverted).
    components: u8,
}

impl Photo {
    /// The photo, when `jpeg` is a baseline or progressive JPEG whose frame header says its size;
    /// anything else is refused rather than placed as a broken image.
    pub fn from_jpeg(jpeg: Vec<u8>) -> Option<Photo> {
        let (width, height, components) = jpeg_frame(&jpeg)?;
        Some(Photo { jpeg, width, height, components })
    }
    pub fn size(&self) -> (u32, u32) {
        (self.width, self.height)
    }
}

/// The size and colour components a JPEG's first frame header (SOFn) declares.
fn jpeg_frame(b: &[u8]) -> Option<(u32, u32, u8)> {
    if b.get(..2)? != [0xFF, 0xD8] {
        return None;
    }
    let mut at = 2;
    loop {
        // Markers may be padded with any number of 0xFF bytes.
        while *b.get(at)? == 0xFF && *b.get(at + 1)? == 0xFF {
            at += 1;
        }
        if *b.get(at)? != 0xFF {
            return None;
        }
        let marker = *b.get(at + 1)?;
        let length = u16::from_be_bytes([*b.get(at + 2)?, *b.get(at + 3)?]) as usize;
        // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC).
        if (0xC0..=0xCF).contains(&marker) && ![0xC4, 0xC8, 0xCC].contains(&marker) {
            let segment = b.get(at + 4..at + 2 + length)?;
            let height = u16::from_be_bytes([*segment.get(1)?, *segment.get(2)?]) as u32;
            let width = u16::from_be_bytes([*segment.get(3)?, *segment.get(4)?]) as u32;
            let components = *segment.get(5)?;
            return (width > 0 && height > 0 && matches!(components, 1 | 3 | 4)).then_some((width, height, components));
        }
        if marker == 0xDA || marker == 0xD9 || length < 2 {
            return None;
        }
        at += 2 + length;
    }
}

#[derive(Debug, Clone, Default)]
pub struct Document {
    /// Shown at the foot of every page beside the page number.
    pub footer: String,
    /// The PDF's own title (the reader's window and tab show it).
    pub title: String,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Face {
    Regular,
    Bold,
}

/// A line set on a page: where, how, and its text.
#[derive(Debug, Clone, PartialEq)]
struct Line {
    x: f32,
    y: f32,
    size: f32,
    face: Face,
    text: String,
}

/// A photo placed on a page: which (its index among the document's photos), where its lower
/// left corner is, and how large it is drawn.
#[derive(Debug, Clone, PartialEq)]
struct Placed {
    photo: usize,
    x: f32,
    y: f32,
    width: f32,
    height: f32,
}

/// What one page holds.
#[derive(Debug, Clone, Default, PartialEq)]
struct Page {
    lines: Vec<Line>,
    photos: Vec<Placed>,
}

/// The tallest a photo is drawn, in points (about 7 cm), so a page holds text beside them.
const PHOTO_MAX_HEIGHT: f32 = 200.0;
const PHOTO_GAP: f32 = 12.0;

impl Document {
    pub fn new(title: impl Into<String>, footer: impl Into<String>) -> Self {
        Document { footer: footer.into(), title: title.into(), blocks: Vec::new() }
    }

    pub fn push(&mut self, block: Block) -> &mut Self {
        self.blocks.push(block);
        self
    }

    /// The pages, as the blocks flow onto them.
    fn lay_out(&self) -> Vec<Page> {
        let width = PAGE_WIDTH - 2.0 * MARGIN;
        let top = PAGE_HEIGHT - MARGIN;
        let bottom = MARGIN;
        let mut pages: Vec<Page> = vec![Page::default()];
        let mut photo_index = 0;
        let mut y = top;
        // Starts a new page when `needed` points do not fit on this one.
        let room = |pages: &mut Vec<Page>, y: &mut f32, needed: f32| {
            if *y - needed < bottom {
                pages.push(Page::default());
                *y = top;
            }
        };
        for block in &self.blocks {
            match block {
                Block::Title(text) => {
                    for line in wrap(text, Face::Bold, 22.0, width) {
                        room(&mut pages, &mut y, 28.0);
                        y -= 28.0;
                        pages.last_mut().unwrap().lines.push(Line { x: MARGIN, y, size: 22.0, face: Face::Bold, text: line });
                    }
                    y -= 10.0;
                }
                Block::Heading(text) => {
                    // A heading never ends a page: it keeps its first line of text with it.
                    room(&mut pages, &mut y, 22.0 + 18.0 + 15.0);
                    y -= 12.0;
                    for line in wrap(text, Face::Bold, 15.0, width) {
                        y -= 20.0;
                        pages.last_mut().unwrap().lines.push(Line { x: MARGIN, y, size: 15.0, face: Face::Bold, text: line });
                    }
                    y -= 4.0;
                }
                Block::Label(label, text) => {
                    let label = format!("{label}: ");
                    let indent = text_width(&label, Face::Bold, 11.0);
                    let lines = wrap(text, Face::Regular, 11.0, width - indent);
                    for (i, line) in lines.iter().enumerate() {
                        room(&mut pages, &mut y, 15.0);
                        y -= 15.0;
                        if i == 0 {
                            pages.last_mut().unwrap().lines.push(Line { x: MARGIN, y, size: 11.0, face: Face::Bold, text: label.clone() });
                        }
                        pages.last_mut().unwrap().lines.push(Line {
                            x: MARGIN + indent,
                            y,
                            size: 11.0,
                            face: Face::Regular,
                            text: line.clone(),
                        });
                    }
                }
                Block::Amount { text, amount, total } => {
                    let face = if *total { Face::Bold } else { Face::Regular };
                    let amount_width = text_width(amount, face, 11.0);
                    let lines = wrap(text, face, 11.0, width - amount_width - 24.0);
                    for (i, line) in lines.iter().enumerate() {
                        room(&mut pages, &mut y, 16.0);
                        y -= 16.0;
                        let page = pages.last_mut().unwrap();
                        page.lines.push(Line { x: MARGIN, y, size: 11.0, face, text: line.clone() });
                        if i == 0 {
                            page.lines.push(Line { x: MARGIN + width - amount_width, y, size: 11.0, face, text: amount.clone() });
                        }
                    }
                }
                Block::Paragraph(text) => {
                    for paragraph in text.split('\n') {
                        for line in wrap(paragraph, Face::Regular, 11.0, width) {
                            room(&mut pages, &mut y, 15.0);
                            y -= 15.0;
                            pages.last_mut().unwrap().lines.push(Line { x: MARGIN, y, size: 11.0, face: Face::Regular, text: line });
                        }
                    }
                    y -= 6.0;
                }
                Block::Gap => y -= 12.0,
                Block::Photos(photos) => {
                    let cell = (width - PHOTO_GAP) / 2.0;
                    for row in photos.chunks(2) {
                        let sizes: Vec<(f32, f32)> = row.iter().map(|p| fit(p, cell, PHOTO_MAX_HEIGHT)).collect();
                        let tallest = sizes.iter().map(|s| s.1).fold(0.0, f32::max);
                        room(&mut pages, &mut y, tallest + 6.0);
                        y -= 6.0;
                        for (i, (w, h)) in sizes.into_iter().enumerate() {
                            let x = MARGIN + i as f32 * (cell + PHOTO_GAP);
                            pages.last_mut().unwrap().photos.push(Placed { photo: photo_index, x, y: y - h, width: w, height: h });
                            photo_index += 1;
                        }
                        y -= tallest;
                    }
                    y -= 6.0;
                }
            }
        }
        pages
    }

    /// The PDF's bytes.
    pub fn render(&self) -> Vec<u8> {
        let pages = self.lay_out();
        let mut pdf = Pdf::new();
        let catalog = Ref::new(1);
        let tree = Ref::new(2);
        let regular = Ref::new(3);
        let bold = Ref::new(4);
        let info = Ref::new(5);
        let page_ref = |i: usize| Ref::new(10 + 2 * i as i32);
        let content_ref = |i: usize| Ref::new(11 + 2 * i as i32);
        let photos: Vec<&Photo> = self.blocks.iter().flat_map(|b| if let Block::Photos(p) = b { p.as_slice() } else { &[] }).collect();
        let photo_ref = |i: usize| Ref::new(10 + 2 * pages.len() as i32 + i as i32);
        pdf.catalog(catalog).pages(tree);
        pdf.pages(tree).kids((0..pages.len()).map(page_ref)).count(pages.len() as i32);
        pdf.type1_font(regular).base_font(Name(b"Helvetica")).encoding_predefined(Name(b"WinAnsiEncoding"));
        pdf.type1_font(bold).base_font(Name(b"Helvetica-Bold")).encoding_predefined(Name(b"WinAnsiEncoding"));
        pdf.document_info(info).title(TextStr(&self.title)).producer(TextStr("Nestling"));
        let total = pages.len();
        for (i, photo) in photos.iter().enumerate() {
            let mut image = pdf.image_xobject(photo_ref(i), &photo.jpeg);
            image.filter(pdf_writer::Filter::DctDecode);
            image.width(photo.width as i32).height(photo.height as i32).bits_per_component(8);
            match photo.components {
                1 => image.color_space().device_gray(),
                4 => {
                    image.color_space().device_cmyk();
                    image.decode([1.0, 0.0, 1.0, 0.0, 1.0, 0.0, 1.0, 0.0]);
                }
                _ => image.color_space().device_rgb(),
            }
        }
        for (i, page_content) in pages.iter().enumerate() {
            let mut page = pdf.page(page_ref(i));
            page.media_box(Rect::new(0.0, 0.0, PAGE_WIDTH, PAGE_HEIGHT)).parent(tree).contents(content_ref(i));
            let mut resources = page.resources();
            resources.fonts().pair(Name(b"F1"), regular).pair(Name(b"F2"), bold);
            if !page_content.photos.is_empty() {
                let mut objects = resources.x_objects();
                for placed in &page_content.photos {
                    objects.pair(Name(format!("Im{}", placed.photo).as_bytes()), photo_ref(placed.photo));
                }
            }
            resources.finish();
            page.finish();
            let mut content = Content::new();
            for placed in &page_content.photos {
                content.save_state();
                content.transform([placed.width, 0.0, 0.0, placed.height, placed.x, placed.y]);
                content.x_object(Name(format!("Im{}", placed.photo).as_bytes()));
                content.restore_state();
            }
            for line in &page_content.lines {
                draw(&mut content, line);
            }
            let number = format!("Page {} of {total}", i + 1);
            draw(&mut content, &Line { x: MARGIN, y: FOOTER_Y, size: 9.0, face: Face::Regular, text: self.footer.clone() });
            let x = PAGE_WIDTH - MARGIN - text_width(&number, Face::Regular, 9.0);
            draw(&mut content, &Line { x, y: FOOTER_Y, size: 9.0, face: Face::Regular, text: number });
            pdf.stream(content_ref(i), &content.finish());
        }
        pdf.set_file_id((self.title.as_bytes().to_vec(), b"nestling".to_vec()));
        pdf.finish()
    }

    /// The text of every page, in order, as the PDF's lines hold it (what a reader extracts).
    pub fn page_texts(&self) -> Vec<String> {
        self.lay_out().iter().map(|page| page.lines.iter().map(|l| l.text.as_str()).collect::<Vec<_>>().join("\n")).collect()
    }

    /// How many photos each page shows.
    pub fn page_photos(&self) -> Vec<usize> {
        self.lay_out().iter().map(|page| page.photos.len()).collect()
    }
}

/// The photo's size scaled to fit `width` x `height` points, never enlarged past 1 pixel a point.
fn fit(photo: &Photo, width: f32, height: f32) -> (f32, f32) {
    let (w, h) = (photo.width as f32, photo.height as f32);
    let scale = (width / w).min(height / h).min(1.0);
    (w * scale, h * scale)
}

fn draw(content: &mut Content, line: &Line) {
    content.begin_text();
    content.set_font(Name(if line.face == Face::Bold { b"F2" } else { b"F1" }), line.size);
    content.next_line(line.x, line.y);
    content.show(Str(&win_ansi(&line.text)));
    content.end_text();
}

/// The text in WinAnsi encoding: Latin-1 as it is, the typographic punctuation at its codes.
pub fn win_ansi(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| match c {
            '\u{20}'..='\u{7e}' | '\u{a0}'..='\u{ff}' => c as u8,
            '\u{2018}' => 145,
            '\u{2019}' => 146,
            '\u{201c}' => 147,
            '\u{201d}' => 148,
            '\u{2022}' => 149,
            '\u{2013}' => 150,
            '\u{2014}' => 151,
            '\u{2026}' => 133,
            '\u{20ac}' => 128,
            '\t' => b' ',
            _ => b'?',
        })
        .collect()
}

/// Helvetica's widths (1/1000 em) of the printable ASCII characters, from Adobe's AFM files.
const REGULAR: [u16; 95] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278,
    278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722,
    667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556,
    556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
];
const BOLD: [u16; 95] = [
    278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333,
    333, 584, 584, 584, 611, 975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778, 667, 778, 722, 667, 611, 722,
    667, 944, 667, 667, 611, 333, 278, 333, 584, 556, 333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611, 611,
    611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584,
];

fn char_width(c: u8, face: Face) -> u16 {
    let table = if face == Face::Bold { &BOLD } else { &REGULAR };
    match c {
        32..=126 => table[(c - 32) as usize],
        // Accented letters are about as wide as their letters; the rest as a digit.
        _ => 556,
    }
}

fn text_width(text: &str, face: Face, size: f32) -> f32 {
    win_ansi(text).iter().map(|c| char_width(*c, face) as f32).sum::<f32>() * size / 1000.0
}

/// The text broken into lines no wider than `width` at its spaces (a word wider than a line is
/// broken where it must be). An empty text is one empty line.
fn wrap(text: &str, face: Face, size: f32, width: f32) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() { word.to_string() } else { format!("{line} {word}") };
        if text_width(&candidate, face, size) <= width {
            line = candidate;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        // A word longer than the line: broken by characters.
        let mut piece = String::new();
        for c in word.chars() {
            piece.push(c);
            if text_width(&piece, face, size) > width {
                piece.pop();
                lines.push(std::mem::take(&mut piece));
                piece.push(c);
            }
        }
        line = piece;
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Whether the PDF shows `text` on some line (written as a literal string, or in hex when
    /// it holds bytes outside ASCII).
    fn shows(pdf: &[u8], text: &str) -> bool {
        let hex: String = win_ansi(text).iter().map(|b| format!("{b:02X}")).collect();
        let content = String::from_utf8_lossy(pdf);
        content.contains(&format!("<{hex}> Tj")) || content.lines().any(|l| l.ends_with(" Tj") && l.contains(text))
    }

    fn sample(paragraphs: usize) -> Document {
        let mut doc = Document::new("The progress check at two", "Little Acorns Nursery · confidential");
        doc.push(Block::Title("Ava’s progress check at two".into()))
            .push(Block::Label("Key person".into(), "Priya Patel".into()))
            .push(Block::Heading("Communication and language".into()));
        for i in 0..paragraphs {
            doc.push(Block::Paragraph(format!(
                "Paragraph {i}: Ava uses four-word sentences, sings along to songs and asks “why?” about everything — a joy."
            )));
        }
        doc
    }

    #[test]
    fn a_document_is_a_pdf_with_its_words_and_page_numbers() {
        let bytes = sample(3).render();
        assert!(bytes.starts_with(b"%PDF-"));
        let text = String::from_utf8_lossy(&bytes);
        assert!(text.contains("/BaseFont /Helvetica"), "the standard font, nothing embedded");
        assert!(text.contains("(Page 1 of 1)"));
        assert!(text.contains("Communication and language"));
        assert!(shows(&bytes, "Ava’s progress check at two"), "the typographic apostrophe, in WinAnsi");
        assert!(bytes.len() < 20_000, "{} bytes", bytes.len());
    }

    #[test]
    fn a_long_document_flows_onto_numbered_pages_and_never_loses_a_line() {
        let doc = sample(120);
        let pages = doc.page_texts();
        assert!(pages.len() > 2, "{} pages", pages.len());
        let all = pages.join("\n");
        for i in 0..120 {
            assert!(all.contains(&format!("Paragraph {i}:")), "paragraph {i}");
        }
        let bytes = doc.render();
        let text = String::from_utf8_lossy(&bytes);
        assert!(text.contains(&format!("(Page {} of {})", pages.len(), pages.len())));
    }

    #[test]
    fn lines_wrap_at_spaces_within_the_page_and_odd_characters_are_questioned() {
        let width = PAGE_WIDTH - 2.0 * MARGIN;
        let lines = wrap(&"word ".repeat(200), Face::Regular, 11.0, width);
        assert!(lines.len() > 5);
        assert!(lines.iter().all(|l| text_width(l, Face::Regular, 11.0) <= width));
        assert_eq!(wrap("", Face::Regular, 11.0, width), [""]);
        let long = "x".repeat(400);
        assert!(wrap(&long, Face::Bold, 11.0, width).iter().all(|l| text_width(l, Face::Bold, 11.0) <= width));
        assert_eq!(win_ansi("Zoë – 5€ 日"), b"Zo\xeb \x96 5\x80 ?");
        // Backslashes are escaped by the writer (and parentheses kept balanced), so no text
        // can end its string early.
        let mut doc = Document::new("t", "f");
        doc.push(Block::Paragraph("A (note) with \\ in it, and one ) alone".into()));
        let bytes = doc.render();
        let text = String::from_utf8_lossy(&bytes);
        let line = text.lines().find(|l| l.contains("note")).unwrap();
        assert!(line.contains(r"with \\ in it") && (line.contains(r"\)") || line.starts_with('<')), "{line}");
    }

    /// A real JPEG of `w` x `h` pixels.
    fn jpeg(w: u32, h: u32) -> Vec<u8> {
        let picture = image::RgbImage::from_fn(w, h, |x, y| image::Rgb([(x % 256) as u8, (y % 256) as u8, 128]));
        let mut out = std::io::Cursor::new(Vec::new());
        image::DynamicImage::ImageRgb8(picture).write_to(&mut out, image::ImageFormat::Jpeg).unwrap();
        out.into_inner()
    }

    #[test]
    fn photos_are_placed_as_jpegs_two_to_a_row_and_flow_onto_new_pages() {
        let photo = Photo::from_jpeg(jpeg(400, 300)).expect("a JPEG");
        assert_eq!(photo.size(), (400, 300));
        assert!(Photo::from_jpeg(b"\x89PNG\r\n".to_vec()).is_none(), "not a JPEG");
        assert!(Photo::from_jpeg(vec![0xFF, 0xD8, 0xFF]).is_none(), "cut short");
        let mut doc = Document::new("Journey", "Little Acorns");
        doc.push(Block::Title("Ava's learning journey".into()));
        for i in 0..6 {
            doc.push(Block::Paragraph(format!("Entry {i}"))).push(Block::Photos(vec![photo.clone(), photo.clone(), photo.clone()]));
        }
        let per_page = doc.page_photos();
        assert_eq!(per_page.iter().sum::<usize>(), 18, "every photo placed once");
        assert!(per_page.len() > 3, "they need pages: {per_page:?}");
        let bytes = doc.render();
        let text = String::from_utf8_lossy(&bytes);
        assert_eq!(text.matches("/Subtype /Image").count(), 18);
        assert!(text.contains("/Filter /DCTDecode"));
        assert!(text.contains("/Im17 Do"));
        // Every placed photo lies inside the page's margins.
        for page in doc.lay_out() {
            for p in page.photos {
                assert!(p.x >= MARGIN && p.x + p.width <= PAGE_WIDTH - MARGIN + 0.01, "{p:?}");
                assert!(p.y >= MARGIN - 0.01 && p.y + p.height <= PAGE_HEIGHT - MARGIN, "{p:?}");
                assert!(p.height <= PHOTO_MAX_HEIGHT);
            }
        }
    }

    proptest! {
        #[test]
        fn wrapping_keeps_every_word_in_order(words in proptest::collection::vec("[a-zA-Z]{1,30}", 0..80), width in 60f32..480.0) {
            let text = words.join(" ");
            let lines = wrap(&text, Face::Regular, 11.0, width);
            prop_assert!(lines.iter().all(|l| text_width(l, Face::Regular, 11.0) <= width + 0.01));
            // Every character, in order (a word wider than the line is split across lines).
            prop_assert_eq!(lines.concat().replace(' ', ""), text.replace(' ', ""));
        }
    }
}

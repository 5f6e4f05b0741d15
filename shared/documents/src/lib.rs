//! Documents families keep, as PDF. A document is a list of blocks (a title, headings, labelled
//! lines, paragraphs); they are laid out on A4 pages in the standard Helvetica fonts (every PDF
//! reader has them, so nothing is embedded and the document stays a few kilobytes), wrapped by
//! the fonts' own character widths, with "Page n of m" and the document's footer on every
//! page. Text is written in WinAnsi encoding: Latin-1 letters and the usual typographic quotes
//! and dashes; anything else becomes "?".

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
    /// Some space.
    Gap,
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

impl Document {
    pub fn new(title: impl Into<String>, footer: impl Into<String>) -> Self {
        Document { footer: footer.into(), title: title.into(), blocks: Vec::new() }
    }

    pub fn push(&mut self, block: Block) -> &mut Self {
        self.blocks.push(block);
        self
    }

    /// The pages, each its lines, as the blocks flow onto them.
    fn lay_out(&self) -> Vec<Vec<Line>> {
        let width = PAGE_WIDTH - 2.0 * MARGIN;
        let top = PAGE_HEIGHT - MARGIN;
        let bottom = MARGIN;
        let mut pages: Vec<Vec<Line>> = vec![Vec::new()];
        let mut y = top;
        // Starts a new page when `needed` points do not fit on this one.
        let room = |pages: &mut Vec<Vec<Line>>, y: &mut f32, needed: f32| {
            if *y - needed < bottom {
                pages.push(Vec::new());
                *y = top;
            }
        };
        for block in &self.blocks {
            match block {
                Block::Title(text) => {
                    for line in wrap(text, Face::Bold, 22.0, width) {
                        room(&mut pages, &mut y, 28.0);
                        y -= 28.0;
                        pages.last_mut().unwrap().push(Line { x: MARGIN, y, size: 22.0, face: Face::Bold, text: line });
                    }
                    y -= 10.0;
                }
                Block::Heading(text) => {
                    // A heading never ends a page: it keeps its first line of text with it.
                    room(&mut pages, &mut y, 22.0 + 18.0 + 15.0);
                    y -= 12.0;
                    for line in wrap(text, Face::Bold, 15.0, width) {
                        y -= 20.0;
                        pages.last_mut().unwrap().push(Line { x: MARGIN, y, size: 15.0, face: Face::Bold, text: line });
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
                            pages.last_mut().unwrap().push(Line { x: MARGIN, y, size: 11.0, face: Face::Bold, text: label.clone() });
                        }
                        pages.last_mut().unwrap().push(Line { x: MARGIN + indent, y, size: 11.0, face: Face::Regular, text: line.clone() });
                    }
                }
                Block::Paragraph(text) => {
                    for paragraph in text.split('\n') {
                        for line in wrap(paragraph, Face::Regular, 11.0, width) {
                            room(&mut pages, &mut y, 15.0);
                            y -= 15.0;
                            pages.last_mut().unwrap().push(Line { x: MARGIN, y, size: 11.0, face: Face::Regular, text: line });
                        }
                    }
                    y -= 6.0;
                }
                Block::Gap => y -= 12.0,
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
        pdf.catalog(catalog).pages(tree);
        pdf.pages(tree).kids((0..pages.len()).map(page_ref)).count(pages.len() as i32);
        pdf.type1_font(regular).base_font(Name(b"Helvetica")).encoding_predefined(Name(b"WinAnsiEncoding"));
        pdf.type1_font(bold).base_font(Name(b"Helvetica-Bold")).encoding_predefined(Name(b"WinAnsiEncoding"));
        pdf.document_info(info).title(TextStr(&self.title)).producer(TextStr("Nestling"));
        let total = pages.len();
        for (i, lines) in pages.iter().enumerate() {
            let mut page = pdf.page(page_ref(i));
            page.media_box(Rect::new(0.0, 0.0, PAGE_WIDTH, PAGE_HEIGHT)).parent(tree).contents(content_ref(i));
            page.resources().fonts().pair(Name(b"F1"), regular).pair(Name(b"F2"), bold);
            page.finish();
            let mut content = Content::new();
            for line in lines {
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
        self.lay_out().iter().map(|lines| lines.iter().map(|l| l.text.as_str()).collect::<Vec<_>>().join("\n")).collect()
    }
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

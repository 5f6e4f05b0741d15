//! ISO base media files (HEIC photos, MP4 and QuickTime videos): the brand in `ftyp` says
//! the type; the top-level boxes must tile the file exactly, with nothing unknown among them.
//! In HEIC, the EXIF and XMP items are overwritten with zeros in place (offsets stay valid;
//! orientation lives in the `irot`/`imir` properties, not in EXIF).

use crate::Rejection;
use nestling_domain::journal::MediaType;

const HEIC_BRANDS: [&[u8; 4]; 6] = [b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx"];
const MP4_BRANDS: [&[u8; 4]; 10] = [b"isom", b"iso2", b"iso4", b"iso5", b"iso6", b"mp41", b"mp42", b"avc1", b"M4V ", b"dash"];
/// Top-level boxes a photo or video may contain.
const TOP_LEVEL: [&[u8; 4]; 17] = [
    b"ftyp", b"moov", b"mdat", b"meta", b"free", b"skip", b"wide", b"uuid", b"pdin", b"moof", b"mfra", b"styp", b"sidx",
    b"ssix", b"prft", b"udta", b"idat",
];

/// The brands of an `ftyp` box at the start of `bytes` (major first).
fn brands(bytes: &[u8]) -> Option<Vec<[u8; 4]>> {
    if bytes.len() < 16 || &bytes[4..8] != b"ftyp" {
        return None;
    }
    let size = (u32::from_be_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]) as usize).min(bytes.len());
    let mut list = vec![[bytes[8], bytes[9], bytes[10], bytes[11]]];
    let mut at = 16;
    while at + 4 <= size {
        list.push([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]);
        at += 4;
    }
    Some(list)
}

pub fn sniff(bytes: &[u8]) -> Option<MediaType> {
    let brands = brands(bytes)?;
    let major = brands[0];
    if &major == b"qt  " {
        return Some(MediaType::QuickTime);
    }
    if HEIC_BRANDS.contains(&&major) || (&major == b"mif1" && brands.iter().any(|b| HEIC_BRANDS.contains(&b))) {
        return Some(MediaType::Heic);
    }
    if brands.iter().any(|b| HEIC_BRANDS.contains(&b) || b == b"avif") {
        return None;
    }
    if MP4_BRANDS.contains(&&major) || brands.iter().any(|b| MP4_BRANDS.contains(&b)) {
        return Some(MediaType::Mp4);
    }
    None
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BoxHeader {
    pub kind: [u8; 4],
    pub header_len: u64,
    /// The whole box, header included.
    pub size: u64,
}

/// Reads a box header from the bytes at its start; `remaining` is what is left of the file
/// from there (a size of 0 means "to the end").
pub fn parse_box_header(bytes: &[u8], remaining: u64) -> Result<BoxHeader, Rejection> {
    let head = bytes.get(..8).ok_or(Rejection::Malformed("ends inside a box header"))?;
    let kind = [head[4], head[5], head[6], head[7]];
    let (size, header_len) = match u32::from_be_bytes([head[0], head[1], head[2], head[3]]) {
        0 => (remaining, 8),
        1 => {
            let large = bytes.get(8..16).ok_or(Rejection::Malformed("ends inside a box header"))?;
            (u64::from_be_bytes(large.try_into().expect("8 bytes")), 16)
        }
        n => (n as u64, 8),
    };
    if size < header_len {
        return Err(Rejection::Malformed("a box is smaller than its header"));
    }
    if size > remaining {
        return Err(Rejection::Malformed("a box runs past the end"));
    }
    Ok(BoxHeader { kind, header_len, size })
}

/// Walks a video's top-level boxes one header at a time (the function reads each header with
/// a ranged GET, so a 200 MB video is never downloaded whole).
#[derive(Debug)]
pub struct VideoLayout {
    declared: MediaType,
    total: u64,
    offset: u64,
    kinds: Vec<[u8; 4]>,
}

/// How many bytes to read at each offset: enough for a large header, or for `ftyp` and its
/// first brands.
pub const VIDEO_HEADER_READ: u64 = 64;
const MAX_TOP_LEVEL_BOXES: usize = 10_000;

impl VideoLayout {
    pub fn new(declared: MediaType, total: u64) -> Self {
        Self { declared, total, offset: 0, kinds: Vec::new() }
    }
    /// Where the next header is to be read, or `None` at the end.
    pub fn next_offset(&self) -> Option<u64> {
        (self.offset < self.total).then_some(self.offset)
    }
    /// Takes the bytes read at `next_offset()`.
    pub fn feed(&mut self, bytes: &[u8]) -> Result<(), Rejection> {
        if self.kinds.is_empty() {
            let found = sniff(bytes);
            if found != Some(self.declared) {
                return Err(match found {
                    None => Rejection::Unrecognised,
                    Some(t) => Rejection::WrongType { declared: self.declared.content_type(), found: t.content_type() },
                });
            }
        }
        let header = parse_box_header(bytes, self.total - self.offset)?;
        if !TOP_LEVEL.contains(&&header.kind) {
            return Err(Rejection::Malformed("an unexpected box at the top level"));
        }
        if self.kinds.len() >= MAX_TOP_LEVEL_BOXES {
            return Err(Rejection::Malformed("too many boxes"));
        }
        self.kinds.push(header.kind);
        self.offset += header.size;
        Ok(())
    }
    pub fn finish(self) -> Result<(), Rejection> {
        if self.offset != self.total {
            return Err(Rejection::Malformed("the boxes do not reach the end"));
        }
        for needed in [b"moov", b"mdat"] {
            if !self.kinds.iter().any(|k| k == needed) {
                return Err(Rejection::Malformed("a video needs both moov and mdat"));
            }
        }
        Ok(())
    }
}

/// The children of a box's payload, as (header, start offset in `b`).
fn children(b: &[u8], start: usize, end: usize) -> Result<Vec<(BoxHeader, usize)>, Rejection> {
    let mut list = Vec::new();
    let mut at = start;
    while at < end {
        let header = parse_box_header(&b[at..end], (end - at) as u64)?;
        list.push((header, at));
        at += header.size as usize;
    }
    Ok(list)
}

fn uint(b: &[u8], at: usize, size: usize) -> Result<u64, Rejection> {
    let bytes = b.get(at..at + size).ok_or(Rejection::Malformed("ends inside an item table"))?;
    Ok(bytes.iter().fold(0u64, |acc, x| (acc << 8) | *x as u64))
}

/// Checks a whole HEIC file and zeroes its EXIF and XMP items.
pub fn clean_heic(b: &[u8]) -> Result<Vec<u8>, Rejection> {
    let top = children(b, 0, b.len())?;
    if top.first().map(|(h, _)| &h.kind) != Some(b"ftyp") {
        return Err(Rejection::Malformed("ftyp is not first"));
    }
    if top.iter().any(|(h, _)| !TOP_LEVEL.contains(&&h.kind)) {
        return Err(Rejection::Malformed("an unexpected box at the top level"));
    }
    let (meta, meta_at) = *top.iter().find(|(h, _)| &h.kind == b"meta").ok_or(Rejection::Malformed("no meta box"))?;
    // meta is a full box: 4 bytes of version and flags before its children.
    let meta_children = children(b, meta_at + meta.header_len as usize + 4, meta_at + meta.size as usize)?;
    let find = |kind: &[u8; 4]| meta_children.iter().find(|(h, _)| &h.kind == kind).copied();
    let (iinf, iinf_at) = find(b"iinf").ok_or(Rejection::Malformed("no item information"))?;
    let (iloc, iloc_at) = find(b"iloc").ok_or(Rejection::Malformed("no item locations"))?;
    let idat = find(b"idat").map(|(h, at)| at + h.header_len as usize);

    // Items to blank: EXIF, and MIME items (XMP).
    let mut metadata_items = Vec::new();
    let iinf_body = iinf_at + iinf.header_len as usize;
    let entries_at = iinf_body + 4 + if b[iinf_body] == 0 { 2 } else { 4 };
    for (infe, at) in children(b, entries_at, iinf_at + iinf.size as usize)? {
        if &infe.kind != b"infe" {
            continue;
        }
        let body = at + infe.header_len as usize;
        let version = uint(b, body, 1)?;
        let (id, type_at) = match version {
            2 => (uint(b, body + 4, 2)?, body + 8),
            3 => (uint(b, body + 4, 4)?, body + 10),
            _ => continue,
        };
        let item_type = b.get(type_at..type_at + 4).ok_or(Rejection::Malformed("short item entry"))?;
        if item_type == b"Exif" || item_type == b"mime" {
            metadata_items.push(id);
        }
    }

    let mut out = b.to_vec();
    let body = iloc_at + iloc.header_len as usize;
    let version = uint(b, body, 1)?;
    let sizes = uint(b, body + 4, 1)? as usize;
    let (offset_size, length_size) = (sizes >> 4, sizes & 0xF);
    let sizes2 = uint(b, body + 5, 1)? as usize;
    let base_offset_size = sizes2 >> 4;
    let index_size = if version == 1 || version == 2 { sizes2 & 0xF } else { 0 };
    let id_size = if version < 2 { 2 } else { 4 };
    let mut at = body + 6;
    let item_count = uint(b, at, id_size)?;
    at += id_size;
    let iloc_end = iloc_at + iloc.size as usize;
    for _ in 0..item_count {
        let id = uint(b, at, id_size)?;
        at += id_size;
        let method = if version == 1 || version == 2 {
            at += 2;
            (uint(b, at - 2, 2)? & 0xF) as u8
        } else {
            0
        };
        at += 2; // data_reference_index
        let base = uint(b, at, base_offset_size)?;
        at += base_offset_size;
        let extents = uint(b, at, 2)?;
        at += 2;
        for _ in 0..extents {
            at += index_size;
            let offset = uint(b, at, offset_size)?;
            at += offset_size;
            let length = uint(b, at, length_size)?;
            at += length_size;
            if at > iloc_end {
                return Err(Rejection::Malformed("item locations run past their box"));
            }
            if !metadata_items.contains(&id) {
                continue;
            }
            let origin = match (method, idat) {
                (0, _) => 0,
                (1, Some(idat_at)) => idat_at as u64,
                _ => return Err(Rejection::Malformed("metadata stored in an unsupported way")),
            };
            let start = (origin + base + offset) as usize;
            let end = start.checked_add(length as usize).ok_or(Rejection::Malformed("bad extent"))?;
            if length == 0 || end > out.len() {
                return Err(Rejection::Malformed("an item lies outside the file"));
            }
            out[start..end].fill(0);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn boxed(kind: &[u8; 4], payload: &[u8]) -> Vec<u8> {
        let mut out = ((payload.len() + 8) as u32).to_be_bytes().to_vec();
        out.extend_from_slice(kind);
        out.extend_from_slice(payload);
        out
    }

    fn ftyp(major: &[u8; 4], compatible: &[&[u8; 4]]) -> Vec<u8> {
        let mut payload = major.to_vec();
        payload.extend_from_slice(&[0, 0, 0, 0]);
        for c in compatible {
            payload.extend_from_slice(*c);
        }
        boxed(b"ftyp", &payload)
    }

    pub fn video(major: &[u8; 4]) -> Vec<u8> {
        let mut v = ftyp(major, &[b"isom"]);
        v.extend(boxed(b"moov", &[0; 20]));
        v.extend(boxed(b"mdat", &[7; 100]));
        v
    }

    fn walk(declared: MediaType, bytes: &[u8]) -> Result<(), Rejection> {
        let mut layout = VideoLayout::new(declared, bytes.len() as u64);
        while let Some(at) = layout.next_offset() {
            let end = (at + VIDEO_HEADER_READ).min(bytes.len() as u64);
            layout.feed(&bytes[at as usize..end as usize])?;
        }
        layout.finish()
    }

    /// A minimal HEIC: ftyp, meta with an EXIF item (v0 iloc, file offsets) and one picture.
    fn heic_with_exif(secret: &[u8]) -> Vec<u8> {
        let head = ftyp(b"heic", &[b"mif1", b"heic"]);
        // infe v2: version 2, flags 0, item_ID 1, protection 0, type "Exif", name "".
        let mut infe_exif = vec![2, 0, 0, 0, 0, 1, 0, 0];
        infe_exif.extend_from_slice(b"Exif\0");
        let mut infe_pic = vec![2, 0, 0, 0, 0, 2, 0, 0];
        infe_pic.extend_from_slice(b"hvc1\0");
        let mut iinf = vec![0, 0, 0, 0, 0, 2];
        iinf.extend(boxed(b"infe", &infe_exif));
        iinf.extend(boxed(b"infe", &infe_pic));
        let iinf = boxed(b"iinf", &iinf);
        // iloc v0: offset_size 4, length_size 4, base_offset_size 0; 2 items, one extent each.
        let iloc_len = 8 + 8 + 2 * (2 + 2 + 2 + 8);
        let meta_len = 8 + 4 + iinf.len() + iloc_len;
        let mdat_payload_at = head.len() + meta_len + 8;
        let mut mdat_payload = secret.to_vec();
        mdat_payload.extend_from_slice(b"PICTUREDATA");
        let mut iloc = vec![0, 0, 0, 0, 0x44, 0x00, 0, 2];
        for (id, offset, length) in [(1u16, mdat_payload_at, secret.len()), (2u16, mdat_payload_at + secret.len(), 11)] {
            iloc.extend_from_slice(&id.to_be_bytes());
            iloc.extend_from_slice(&[0, 0, 0, 1]);
            iloc.extend_from_slice(&(offset as u32).to_be_bytes());
            iloc.extend_from_slice(&(length as u32).to_be_bytes());
        }
        let iloc = boxed(b"iloc", &iloc);
        assert_eq!(iloc.len(), iloc_len);
        let mut meta = vec![0, 0, 0, 0];
        meta.extend(iinf);
        meta.extend(iloc);
        let mut file = head;
        file.extend(boxed(b"meta", &meta));
        file.extend(boxed(b"mdat", &mdat_payload));
        file
    }

    #[test]
    fn brands_say_the_type() {
        assert_eq!(sniff(&video(b"isom")), Some(MediaType::Mp4));
        assert_eq!(sniff(&video(b"qt  ")), Some(MediaType::QuickTime));
        assert_eq!(sniff(&ftyp(b"heic", &[b"mif1"])), Some(MediaType::Heic));
        assert_eq!(sniff(&ftyp(b"avif", &[b"mif1"])), None);
    }

    #[test]
    fn videos_must_tile_exactly() {
        assert_eq!(walk(MediaType::Mp4, &video(b"mp42")), Ok(()));
        assert_eq!(walk(MediaType::QuickTime, &video(b"qt  ")), Ok(()));
        assert!(matches!(walk(MediaType::QuickTime, &video(b"mp42")), Err(Rejection::WrongType { .. })));
        let mut appended = video(b"isom");
        appended.extend_from_slice(b"<script>alert(1)</script>");
        assert!(walk(MediaType::Mp4, &appended).is_err());
        let mut no_moov = ftyp(b"isom", &[]);
        no_moov.extend(boxed(b"mdat", &[1; 10]));
        assert!(walk(MediaType::Mp4, &no_moov).is_err());
        assert!(walk(MediaType::Mp4, b"<html><body>not a video</body></html>").is_err());
    }

    #[test]
    fn heic_exif_is_blanked_and_the_layout_kept() {
        let original = heic_with_exif(b"Exif\0\0GPS-51.5072N");
        let cleaned = clean_heic(&original).unwrap();
        assert_eq!(cleaned.len(), original.len());
        assert!(!crate::samples::contains(&cleaned, b"GPS"));
        assert!(crate::samples::contains(&cleaned, b"PICTUREDATA"));
        assert_eq!(crate::clean_image(MediaType::Heic, original.len() as u64, &original).unwrap().bytes, cleaned);
        let mut appended = original.clone();
        appended.extend_from_slice(b"trailing");
        assert!(clean_heic(&appended).is_err());
    }
}

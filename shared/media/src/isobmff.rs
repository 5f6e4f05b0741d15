//! ISO base media files (HEIC photos, MP4 and QuickTime videos): the brand in `ftyp` says
//! the type; the top-level boxes must tile the file exactly, with nothing unknown among them.
//! Metadata is neutralised in place, so every offset stays valid: in HEIC the EXIF and XMP
//! items are overwritten with zeros (orientation lives in the `irot`/`imir` properties, not in
//! EXIF); in videos every user-data, metadata and extension box in `moov` and its tracks
//! (`udta`, `meta`, `uuid`, `©xyz`, `loci`, `XMP_`: where phones keep the location) becomes a
//! zeroed `free` box, as do padding boxes, which could otherwise carry a second file.

use crate::Rejection;
use nestling_domain::journal::MediaType;

const HEIC_BRANDS: [&[u8; 4]; 6] = [b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx"];
const MP4_BRANDS: [&[u8; 4]; 10] = [b"isom", b"iso2", b"iso4", b"iso5", b"iso6", b"mp41", b"mp42", b"avc1", b"M4V ", b"dash"];
/// Top-level boxes a photo or video may contain.
const TOP_LEVEL: [&[u8; 4]; 17] = [
    b"ftyp", b"moov", b"mdat", b"meta", b"free", b"skip", b"wide", b"uuid", b"pdin", b"moof", b"mfra", b"styp", b"sidx", b"ssix", b"prft",
    b"udta", b"idat",
];

/// The brands of an `ftyp` box at the start of `bytes` (major first).
fn brands(bytes: &[u8]) -> Option<Vec<[u8; 4]>> {
    if bytes.len() < 16 || &bytes[4..8] != b"ftyp" {
        return None;
    }
    let size = (u32::from_be_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]) as usize).min(bytes.len()).min(4096);
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

const MAX_TOP_LEVEL_BOXES: usize = 1_000;
/// Boxes that only ever carry padding or metadata: blanked wherever they are met.
const BLANKED: [&[u8; 4]; 9] = [b"free", b"skip", b"wide", b"udta", b"meta", b"uuid", b"\xa9xyz", b"loci", b"XMP_"];
/// Boxes of a movie header that hold other boxes (searched for metadata).
const CONTAINERS: [&[u8; 4]; 7] = [b"trak", b"mdia", b"minf", b"stbl", b"edts", b"dinf", b"mvex"];

/// Overwrites a box with a zeroed `free` box of the same size.
fn blank(out: &mut [u8], at: usize, header: &BoxHeader) {
    let end = at + header.size as usize;
    out[at + 4..at + 8].copy_from_slice(b"free");
    out[at + header.header_len as usize..end].fill(0);
}

/// Blanks the metadata boxes among the children of `[start, end)`, descending into
/// containers (depth-bounded: movie headers nest a few levels).
fn blank_metadata(out: &mut [u8], start: usize, end: usize, depth: u8) -> Result<(), Rejection> {
    if depth > 8 {
        return Err(Rejection::Malformed("boxes nested too deeply"));
    }
    for (header, at) in children(out, start, end)? {
        if BLANKED.contains(&&header.kind) {
            blank(out, at, &header);
        } else if CONTAINERS.contains(&&header.kind) {
            blank_metadata(out, at + header.header_len as usize, at + header.size as usize, depth + 1)?;
        }
    }
    Ok(())
}

/// Checks a whole video against its declared type and returns it with its metadata blanked.
pub fn clean_video(declared: MediaType, b: &[u8]) -> Result<Vec<u8>, Rejection> {
    let found = sniff(b);
    if found != Some(declared) {
        return Err(match found {
            None => Rejection::Unrecognised,
            Some(t) => Rejection::WrongType { declared: declared.content_type(), found: t.content_type() },
        });
    }
    let top = children(b, 0, b.len())?;
    if top.len() > MAX_TOP_LEVEL_BOXES {
        return Err(Rejection::Malformed("too many boxes"));
    }
    if top.iter().any(|(h, _)| !TOP_LEVEL.contains(&&h.kind)) {
        return Err(Rejection::Malformed("an unexpected box at the top level"));
    }
    for needed in [b"moov", b"mdat"] {
        if !top.iter().any(|(h, _)| &h.kind == needed) {
            return Err(Rejection::Malformed("a video needs both moov and mdat"));
        }
    }
    let mut out = b.to_vec();
    for (header, at) in &top {
        if BLANKED.contains(&&header.kind) {
            blank(&mut out, *at, header);
        } else if &header.kind == b"moov" {
            blank_metadata(&mut out, at + header.header_len as usize, at + header.size as usize, 0)?;
        }
    }
    Ok(out)
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
    if !matches!(size, 0 | 1 | 2 | 4 | 8) {
        return Err(Rejection::Malformed("an item table field has an impossible size"));
    }
    let end = at.checked_add(size).ok_or(Rejection::Malformed("ends inside an item table"))?;
    let bytes = b.get(at..end).ok_or(Rejection::Malformed("ends inside an item table"))?;
    Ok(bytes.iter().fold(0u64, |acc, x| (acc << 8) | *x as u64))
}

/// Checks a whole HEIC file and zeroes its EXIF and XMP items.
pub fn clean_heic(b: &[u8]) -> Result<Vec<u8>, Rejection> {
    let top = children(b, 0, b.len())?;
    if top.first().map(|(h, _)| &h.kind) != Some(b"ftyp") {
        return Err(Rejection::Malformed("ftyp is not first"));
    }
    if top.len() > MAX_TOP_LEVEL_BOXES || top.iter().any(|(h, _)| !TOP_LEVEL.contains(&&h.kind)) {
        return Err(Rejection::Malformed("an unexpected box at the top level"));
    }
    if top.iter().filter(|(h, _)| &h.kind == b"meta").count() != 1 {
        return Err(Rejection::Malformed("a photo has exactly one meta box"));
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
    let entries_at = iinf_body + 4 + if uint(b, iinf_body, 1)? == 0 { 2 } else { 4 };
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
    // Padding and extension boxes at the top level could carry anything: blanked.
    for (header, at) in &top {
        if matches!(&header.kind, b"free" | b"skip" | b"uuid" | b"udta" | b"wide") {
            blank(&mut out, *at, header);
        }
    }
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
    // Every extent must advance through the table, so its own size bounds the work.
    if offset_size + length_size + index_size == 0 {
        return Err(Rejection::Malformed("item locations without sizes"));
    }
    for _ in 0..item_count {
        if at >= iloc_end {
            return Err(Rejection::Malformed("item locations run past their box"));
        }
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
            let start = origin.checked_add(base).and_then(|v| v.checked_add(offset)).ok_or(Rejection::Malformed("bad extent"))?;
            let end = start.checked_add(length).ok_or(Rejection::Malformed("bad extent"))?;
            let (start, end) = (
                usize::try_from(start).map_err(|_| Rejection::Malformed("bad extent"))?,
                usize::try_from(end).map_err(|_| Rejection::Malformed("bad extent"))?,
            );
            if start == end || end > out.len() {
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
        clean_video(declared, bytes).map(|_| ())
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
    fn video_location_and_padding_are_blanked() {
        let mut udta = boxed(b"\xa9xyz", b"+51.5072-000.1276/");
        udta = boxed(b"udta", &udta);
        let mut trak = boxed(b"tkhd", &[1; 12]);
        trak.extend(boxed(b"meta", b"com.apple.quicktime.location.ISO6709 +51.5"));
        let mut moov = boxed(b"mvhd", &[2; 20]);
        moov.extend(boxed(b"trak", &trak));
        moov.extend(udta);
        let mut v = ftyp(b"qt  ", &[b"qt  "]);
        v.extend(boxed(b"moov", &moov));
        v.extend(boxed(b"free", b"<script>hidden</script>"));
        v.extend(boxed(b"mdat", &[7; 64]));
        let cleaned = clean_video(MediaType::QuickTime, &v).unwrap();
        assert_eq!(cleaned.len(), v.len());
        assert!(!crate::samples::contains(&cleaned, b"+51.5"));
        assert!(!crate::samples::contains(&cleaned, b"script"));
        assert!(crate::samples::contains(&cleaned, &[2; 20]), "the movie header stays");
        assert!(crate::samples::contains(&cleaned, &[7; 64]), "the media data stays");
        assert_eq!(clean_video(MediaType::QuickTime, &cleaned).unwrap(), cleaned);
    }

    #[test]
    fn malformed_item_tables_are_refused_not_panicked_on() {
        let original = heic_with_exif(b"Exif\0\0GPS");
        // Every prefix and a spread of single-byte corruptions: refused or cleaned, never a panic.
        for cut in (0..original.len()).step_by(3) {
            let _ = clean_heic(&original[..cut]);
        }
        for at in 0..original.len() {
            for value in [0x00, 0x01, 0x7F, 0xFF] {
                let mut bad = original.clone();
                bad[at] = value;
                let _ = clean_heic(&bad);
            }
        }
        // An 8-byte iinf at the very end.
        let mut short = ftyp(b"heic", &[b"mif1"]);
        short.extend(boxed(b"meta", &[0, 0, 0, 0, 0, 0, 0, 8, b'i', b'i', b'n', b'f']));
        assert!(clean_heic(&short).is_err());
    }

    #[test]
    fn heic_exif_is_blanked_and_the_layout_kept() {
        let original = heic_with_exif(b"Exif\0\0GPS-51.5072N");
        let cleaned = clean_heic(&original).unwrap();
        assert_eq!(cleaned.len(), original.len());
        assert!(!crate::samples::contains(&cleaned, b"GPS"));
        assert!(crate::samples::contains(&cleaned, b"PICTUREDATA"));
        assert_eq!(crate::clean(MediaType::Heic, original.len() as u64, &original).unwrap().bytes, cleaned);
        let mut appended = original.clone();
        appended.extend_from_slice(b"trailing");
        assert!(clean_heic(&appended).is_err());
    }
}

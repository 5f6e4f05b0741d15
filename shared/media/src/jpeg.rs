//! JPEG: walk the marker segments from SOI to EOI, keep what decoding needs (tables, frame
//! and scan headers, JFIF, ICC profile, Adobe colour transform), drop every other APPn and
//! comment, and write back a minimal EXIF block only when the picture needs rotating.

use crate::{check_inert, exif, Rejection};

pub fn clean(b: &[u8]) -> Result<Vec<u8>, Rejection> {
    if !b.starts_with(&[0xFF, 0xD8]) {
        return Err(Rejection::Malformed("no start-of-image marker"));
    }
    let mut kept: Vec<&[u8]> = Vec::new();
    let mut jfif: Option<&[u8]> = None;
    let mut orientation_block: Option<Vec<u8>> = None;
    let mut pos = 2;
    let end = loop {
        if pos >= b.len() {
            return Err(Rejection::Malformed("ends before its end-of-image marker"));
        }
        if b[pos] != 0xFF {
            return Err(Rejection::Malformed("expected a marker"));
        }
        let start = pos;
        while pos < b.len() && b[pos] == 0xFF {
            pos += 1;
        }
        let Some(&marker) = b.get(pos) else { return Err(Rejection::Malformed("ends inside a marker")) };
        pos += 1;
        match marker {
            0xD9 => break pos,
            0x01 | 0xD0..=0xD7 => {
                kept.push(&b[start..pos]);
                continue;
            }
            // Reserved and extension markers have no business in a photo.
            0xD8 | 0x00 | 0x02..=0xBF | 0xF0..=0xFD => return Err(Rejection::Malformed("unexpected marker")),
            _ => {}
        }
        let Some(length) = b.get(pos..pos + 2).map(|l| u16::from_be_bytes([l[0], l[1]]) as usize) else {
            return Err(Rejection::Malformed("ends inside a segment header"));
        };
        if length < 2 || pos + length > b.len() {
            return Err(Rejection::Malformed("a segment runs past the end"));
        }
        let data = &b[pos + 2..pos + length];
        pos += length;
        let segment = &b[start..pos];
        match marker {
            // JFIF only: JFXX extensions carry an embedded thumbnail (a second picture).
            0xE0 if jfif.is_none() && data.starts_with(b"JFIF\0") => jfif = Some(segment),
            0xE1 if data.starts_with(b"Exif\0\0") => {
                check_inert(data)?;
                if orientation_block.is_none() {
                    orientation_block = exif::replacement(&data[6..]);
                }
            }
            0xE2 if data.starts_with(b"ICC_PROFILE\0") => kept.push(segment),
            0xEE if data.starts_with(b"Adobe") => kept.push(segment),
            0xE0..=0xEF | 0xFE => check_inert(data)?,
            0xDA => {
                // The entropy-coded scan runs to the next marker that is not a stuffed byte
                // or a restart marker.
                let scan_start = pos;
                while pos < b.len() {
                    if b[pos] == 0xFF {
                        match b.get(pos + 1) {
                            Some(0x00) | Some(0xD0..=0xD7) => pos += 2,
                            Some(0xFF) => pos += 1,
                            _ => break,
                        }
                    } else {
                        pos += 1;
                    }
                }
                kept.push(segment);
                kept.push(&b[scan_start..pos]);
            }
            _ => kept.push(segment),
        }
    };
    let trailing = &b[end..];
    // Phones append further pictures (MPF: HDR gain maps, depth maps) after the first image's
    // end; those are dropped. Anything else behind the end is a second file in disguise.
    let appended_pictures = trailing.starts_with(&[0xFF, 0xD8, 0xFF]);
    if !trailing.is_empty() && !appended_pictures && trailing.iter().any(|&x| x != 0) {
        return Err(Rejection::TrailingData);
    }
    let mut out = Vec::with_capacity(end);
    out.extend_from_slice(&[0xFF, 0xD8]);
    if let Some(segment) = jfif {
        out.extend_from_slice(segment);
    }
    if let Some(tiff) = orientation_block {
        out.extend_from_slice(&[0xFF, 0xE1]);
        out.extend_from_slice(&((tiff.len() + 8) as u16).to_be_bytes());
        out.extend_from_slice(b"Exif\0\0");
        out.extend_from_slice(&tiff);
    }
    for part in kept {
        out.extend_from_slice(part);
    }
    out.extend_from_slice(&[0xFF, 0xD9]);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::samples::*;

    /// Splices an APP1 EXIF block (and a comment) in after SOI, as a camera would.
    fn with_exif(jpeg: &[u8], tiff: &[u8], comment: &[u8]) -> Vec<u8> {
        let mut out = vec![0xFF, 0xD8, 0xFF, 0xE1];
        out.extend_from_slice(&((tiff.len() + 8) as u16).to_be_bytes());
        out.extend_from_slice(b"Exif\0\0");
        out.extend_from_slice(tiff);
        out.extend_from_slice(&[0xFF, 0xFE]);
        out.extend_from_slice(&((comment.len() + 2) as u16).to_be_bytes());
        out.extend_from_slice(comment);
        out.extend_from_slice(&jpeg[2..]);
        out
    }

    #[test]
    fn location_goes_orientation_stays_and_the_picture_still_decodes() {
        let original = with_exif(&jpeg(32, 16), &exif_with_gps(6), b"taken at 12 Acacia Avenue");
        let cleaned = clean(&original).unwrap();
        assert!(!contains(&cleaned, b"GPS"));
        assert!(!contains(&cleaned, b"Acacia"));
        let start = cleaned.windows(6).position(|w| w == b"Exif\0\0").unwrap() + 6;
        assert_eq!(exif::orientation(&cleaned[start..]), Some(6));
        let picture = image::load_from_memory(&cleaned).unwrap();
        assert_eq!((picture.width(), picture.height()), (32, 16));
        // Cleaning is stable.
        assert_eq!(clean(&cleaned).unwrap(), cleaned);
    }

    #[test]
    fn upright_pictures_carry_no_exif_at_all() {
        let cleaned = clean(&with_exif(&jpeg(8, 8), &exif_with_gps(1), b"hello")).unwrap();
        assert!(!contains(&cleaned, b"Exif"));
    }

    #[test]
    fn polyglots_and_scripts_are_refused() {
        let mut appended = jpeg(8, 8);
        appended.extend_from_slice(b"PK\x03\x04 a zip file rides along");
        assert_eq!(clean(&appended).unwrap_err(), Rejection::TrailingData);
        let scripted = with_exif(&jpeg(8, 8), &exif_with_gps(1), b"<SCRIPT>fetch('//evil')</SCRIPT>");
        assert_eq!(clean(&scripted).unwrap_err(), Rejection::ActiveContent);
        assert!(clean(&jpeg(8, 8)[..100]).is_err());
    }

    #[test]
    fn appended_pictures_are_dropped_not_refused() {
        let mut mpf = jpeg(8, 8);
        mpf.extend_from_slice(&jpeg(4, 4));
        let cleaned = clean(&mpf).unwrap();
        assert_eq!(cleaned, clean(&jpeg(8, 8)).unwrap());
    }
}

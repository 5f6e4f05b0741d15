//! WebP: the RIFF container must end exactly where its header says; image, alpha, animation
//! and ICC chunks are kept, EXIF and XMP dropped (an orientation-only EXIF written back when
//! needed) and the VP8X flags and RIFF size corrected.

use crate::{check_inert, exif, Rejection};

const KEPT: [&[u8; 4]; 6] = [b"VP8 ", b"VP8L", b"ALPH", b"ANIM", b"ANMF", b"ICCP"];
const EXIF_FLAG: u8 = 0x08;
const XMP_FLAG: u8 = 0x04;

pub fn clean(b: &[u8]) -> Result<Vec<u8>, Rejection> {
    if b.len() < 12 || &b[..4] != b"RIFF" || &b[8..12] != b"WEBP" {
        return Err(Rejection::Malformed("not a RIFF WebP file"));
    }
    let riff_size = u32::from_le_bytes([b[4], b[5], b[6], b[7]]) as usize;
    if riff_size + 8 < b.len() {
        return Err(Rejection::TrailingData);
    }
    if riff_size + 8 > b.len() {
        return Err(Rejection::Malformed("the file is shorter than its header says"));
    }
    let mut chunks: Vec<([u8; 4], &[u8])> = Vec::new();
    let mut orientation_block = None;
    let mut pos = 12;
    while pos < b.len() {
        let Some(header) = b.get(pos..pos + 8) else { return Err(Rejection::Malformed("ends inside a chunk header")) };
        let kind = [header[0], header[1], header[2], header[3]];
        let length = u32::from_le_bytes([header[4], header[5], header[6], header[7]]) as usize;
        let padded = length + (length & 1);
        let end = pos + 8 + padded;
        if pos + 8 + length > b.len() || end > b.len() + (length & 1) {
            return Err(Rejection::Malformed("a chunk runs past the end"));
        }
        let data = &b[pos + 8..pos + 8 + length];
        if &kind == b"VP8X" || KEPT.contains(&&kind) {
            chunks.push((kind, data));
        } else if &kind == b"EXIF" {
            check_inert(data)?;
            let tiff = data.strip_prefix(b"Exif\0\0").unwrap_or(data);
            orientation_block = exif::replacement(tiff);
        } else {
            check_inert(data)?;
        }
        pos = end;
    }
    if !chunks.iter().any(|(k, _)| k == b"VP8 " || k == b"VP8L" || k == b"ANMF") {
        return Err(Rejection::Malformed("no picture data"));
    }
    let mut body = b"WEBP".to_vec();
    for (kind, data) in &chunks {
        if kind == b"VP8X" {
            let mut header = data.to_vec();
            if let Some(flags) = header.first_mut() {
                *flags &= !(EXIF_FLAG | XMP_FLAG);
                if orientation_block.is_some() {
                    *flags |= EXIF_FLAG;
                }
            }
            push_chunk(&mut body, kind, &header);
        } else {
            push_chunk(&mut body, kind, data);
        }
    }
    // EXIF belongs after the image data; only files with a VP8X header may carry it.
    if let Some(tiff) = orientation_block.filter(|_| chunks.iter().any(|(k, _)| k == b"VP8X")) {
        push_chunk(&mut body, b"EXIF", &tiff);
    }
    let mut out = b"RIFF".to_vec();
    out.extend_from_slice(&(body.len() as u32).to_le_bytes());
    out.extend_from_slice(&body);
    Ok(out)
}

fn push_chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend_from_slice(kind);
    out.extend_from_slice(&(data.len() as u32).to_le_bytes());
    out.extend_from_slice(data);
    if data.len() % 2 == 1 {
        out.push(0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::samples::*;

    /// Turns a simple WebP into an extended one carrying EXIF and XMP, as phones write them.
    fn with_metadata(simple: &[u8], tiff: &[u8], xmp: &[u8]) -> Vec<u8> {
        let picture = &simple[12..];
        let (w, h) = {
            let img = image::load_from_memory(simple).unwrap();
            (img.width() - 1, img.height() - 1)
        };
        let mut vp8x = vec![EXIF_FLAG | XMP_FLAG, 0, 0, 0];
        vp8x.extend_from_slice(&w.to_le_bytes()[..3]);
        vp8x.extend_from_slice(&h.to_le_bytes()[..3]);
        let mut body = b"WEBP".to_vec();
        push_chunk(&mut body, b"VP8X", &vp8x);
        body.extend_from_slice(picture);
        push_chunk(&mut body, b"EXIF", tiff);
        push_chunk(&mut body, b"XMP ", xmp);
        let mut out = b"RIFF".to_vec();
        out.extend_from_slice(&(body.len() as u32).to_le_bytes());
        out.extend_from_slice(&body);
        out
    }

    #[test]
    fn exif_and_xmp_go_orientation_stays() {
        let original = with_metadata(&webp(16, 8), &exif_with_gps(3), b"<x:xmpmeta>Acacia Avenue</x:xmpmeta>");
        assert!(image::load_from_memory(&original).is_ok());
        let cleaned = clean(&original).unwrap();
        assert!(!contains(&cleaned, b"GPS"));
        assert!(!contains(&cleaned, b"Acacia"));
        assert!(contains(&cleaned, b"EXIF"));
        let picture = image::load_from_memory(&cleaned).unwrap();
        assert_eq!((picture.width(), picture.height()), (16, 8));
        assert_eq!(clean(&cleaned).unwrap(), cleaned);
        assert_eq!(clean(&webp(8, 8)).unwrap(), webp(8, 8));
    }

    #[test]
    fn trailing_data_is_refused() {
        let mut appended = webp(8, 8);
        appended.extend_from_slice(b"<html>hello</html>");
        assert_eq!(clean(&appended).unwrap_err(), Rejection::TrailingData);
    }
}

//! PNG: walk the chunks from the signature to IEND at the very end, keep the critical chunks
//! and the colour and transparency ancillaries, drop text, time and EXIF chunks (writing back
//! an orientation-only eXIf when the picture needs rotating).

use crate::{check_inert, exif, Rejection};

const SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";
/// Ancillary chunks that change how the picture looks; every other ancillary chunk goes.
const KEPT_ANCILLARY: [&[u8; 4]; 10] = [b"tRNS", b"gAMA", b"cHRM", b"sRGB", b"iCCP", b"sBIT", b"pHYs", b"bKGD", b"acTL", b"fcTL"];

pub fn clean(b: &[u8]) -> Result<Vec<u8>, Rejection> {
    if !b.starts_with(SIGNATURE) {
        return Err(Rejection::Malformed("no PNG signature"));
    }
    let mut out = SIGNATURE.to_vec();
    let mut pos = SIGNATURE.len();
    let mut first = true;
    let mut orientation_block = None;
    loop {
        let Some(header) = b.get(pos..pos + 8) else { return Err(Rejection::Malformed("ends before IEND")) };
        let length = u32::from_be_bytes([header[0], header[1], header[2], header[3]]) as usize;
        let kind: [u8; 4] = [header[4], header[5], header[6], header[7]];
        let end = pos.checked_add(12).and_then(|e| e.checked_add(length)).ok_or(Rejection::Malformed("chunk too long"))?;
        if end > b.len() {
            return Err(Rejection::Malformed("a chunk runs past the end"));
        }
        let chunk = &b[pos..end];
        let data = &b[pos + 8..pos + 8 + length];
        if first && &kind != b"IHDR" {
            return Err(Rejection::Malformed("IHDR is not first"));
        }
        first = false;
        let critical = kind[0].is_ascii_uppercase();
        if &kind == b"eXIf" {
            check_inert(data)?;
            orientation_block = exif::replacement(data);
        } else if critical || KEPT_ANCILLARY.contains(&&kind) || &kind == b"fdAT" {
            if &kind == b"IDAT" {
                if let Some(tiff) = orientation_block.take() {
                    push_chunk(&mut out, b"eXIf", &tiff);
                }
            }
            out.extend_from_slice(chunk);
        } else {
            check_inert(data)?;
        }
        pos = end;
        if &kind == b"IEND" {
            break;
        }
    }
    if pos != b.len() {
        return Err(Rejection::TrailingData);
    }
    Ok(out)
}

fn push_chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    let mut crc = crc32fast::Hasher::new();
    crc.update(kind);
    crc.update(data);
    out.extend_from_slice(&crc.finalize().to_be_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::samples::*;

    /// Inserts chunks right after IHDR.
    fn with_chunks(png: &[u8], chunks: &[(&[u8; 4], Vec<u8>)]) -> Vec<u8> {
        let ihdr_end = 8 + 12 + 13;
        let mut out = png[..ihdr_end].to_vec();
        for (kind, data) in chunks {
            push_chunk(&mut out, kind, data);
        }
        out.extend_from_slice(&png[ihdr_end..]);
        out
    }

    #[test]
    fn exif_and_text_go_orientation_stays() {
        let original = with_chunks(&png(16, 8), &[(b"eXIf", exif_with_gps(8)), (b"tEXt", b"Location\0Acacia Avenue".to_vec())]);
        assert!(image::load_from_memory(&original).is_ok());
        let cleaned = clean(&original).unwrap();
        assert!(!contains(&cleaned, b"GPS"));
        assert!(!contains(&cleaned, b"Acacia"));
        assert!(contains(&cleaned, b"eXIf"));
        let picture = image::load_from_memory(&cleaned).unwrap();
        assert_eq!((picture.width(), picture.height()), (16, 8));
        assert_eq!(clean(&cleaned).unwrap(), cleaned);
    }

    #[test]
    fn trailing_data_and_scripts_are_refused() {
        let mut appended = png(8, 8);
        appended.extend_from_slice(b"<?php system($_GET['c']); ?>");
        assert_eq!(clean(&appended).unwrap_err(), Rejection::TrailingData);
        let scripted = with_chunks(&png(8, 8), &[(b"tEXt", b"Comment\0<script>alert(1)</script>".to_vec())]);
        assert_eq!(clean(&scripted).unwrap_err(), Rejection::ActiveContent);
    }
}

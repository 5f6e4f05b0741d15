//! The one EXIF tag kept: orientation (0x0112 in IFD0). Everything else, location first,
//! is dropped by not copying it.

/// The orientation in a TIFF-structured EXIF block (without the `Exif\0\0` prefix), if any.
pub fn orientation(tiff: &[u8]) -> Option<u16> {
    let big = match tiff.get(..4)? {
        b"MM\x00\x2a" => true,
        b"II\x2a\x00" => false,
        _ => return None,
    };
    let u16_at = |at: usize| -> Option<u16> {
        let b: [u8; 2] = tiff.get(at..at + 2)?.try_into().ok()?;
        Some(if big { u16::from_be_bytes(b) } else { u16::from_le_bytes(b) })
    };
    let u32_at = |at: usize| -> Option<u32> {
        let b: [u8; 4] = tiff.get(at..at + 4)?.try_into().ok()?;
        Some(if big { u32::from_be_bytes(b) } else { u32::from_le_bytes(b) })
    };
    let ifd = u32_at(4)? as usize;
    let count = u16_at(ifd)? as usize;
    (0..count.min(512))
        .find_map(|i| {
            let entry = ifd + 2 + i * 12;
            (u16_at(entry)? == 0x0112 && u16_at(entry + 2)? == 3).then(|| u16_at(entry + 8)).flatten()
        })
        .filter(|o| (1..=8).contains(o))
}

/// A minimal TIFF block holding only the orientation.
pub fn orientation_only(orientation: u16) -> Vec<u8> {
    let mut t = Vec::with_capacity(26);
    t.extend_from_slice(b"MM\x00\x2a\x00\x00\x00\x08");
    t.extend_from_slice(&1u16.to_be_bytes());
    t.extend_from_slice(&[0x01, 0x12, 0x00, 0x03, 0, 0, 0, 1]);
    t.extend_from_slice(&orientation.to_be_bytes());
    t.extend_from_slice(&[0, 0, 0, 0, 0, 0]);
    t
}

/// What to write back for an original EXIF block: nothing when the picture is upright.
pub fn replacement(tiff: &[u8]) -> Option<Vec<u8>> {
    orientation(tiff).filter(|o| *o != 1).map(orientation_only)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn orientation_survives_and_nothing_else() {
        let original = crate::samples::exif_with_gps(6);
        assert_eq!(orientation(&original), Some(6));
        let kept = replacement(&original).unwrap();
        assert_eq!(orientation(&kept), Some(6));
        assert!(!crate::samples::contains(&kept, b"GPS"));
        assert_eq!(replacement(&crate::samples::exif_with_gps(1)), None);
        assert_eq!(orientation(b"nonsense"), None);
        // Little-endian blocks read too.
        let le = b"II\x2a\x00\x08\x00\x00\x00\x01\x00\x12\x01\x03\x00\x01\x00\x00\x00\x03\x00\x00\x00\x00\x00\x00\x00";
        assert_eq!(orientation(le), Some(3));
    }
}

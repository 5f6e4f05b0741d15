//! What the media function does to uploaded bytes, as pure functions: find the real type,
//! walk the container to its exact end (so nothing rides along behind a valid image, the
//! usual polyglot trick), drop every metadata block except orientation (EXIF location above
//! all), and draw a thumbnail. No I/O here; `functions/media` fetches and stores.
//!
//! The container walkers are written here rather than taken from a metadata crate because the
//! walk is also the validation: one pass both proves the layout and rebuilds it without
//! metadata.

use nestling_domain::journal::MediaType;

mod exif;
mod isobmff;
mod jpeg;
mod png;
mod webp;

pub use isobmff::{parse_box_header, BoxHeader};

/// Why an upload was refused. The detail is for the uploader and the log; it never echoes
/// the content.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Rejection {
    #[error("the file is {found}, not {declared}")]
    WrongType { declared: &'static str, found: &'static str },
    #[error("the file is not a recognised photo or video")]
    Unrecognised,
    #[error("the file's structure is broken: {0}")]
    Malformed(&'static str),
    #[error("the file carries extra data after its end")]
    TrailingData,
    #[error("the file carries scripts or markup")]
    ActiveContent,
    #[error("the file is {actual} bytes, not the {declared} declared")]
    WrongSize { declared: u64, actual: u64 },
    #[error("the picture cannot be decoded")]
    Undecodable,
}

/// The type the first bytes say, whatever the uploader declared.
pub fn sniff(bytes: &[u8]) -> Option<MediaType> {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return Some(MediaType::Jpeg);
    }
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Some(MediaType::Png);
    }
    if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        return Some(MediaType::Webp);
    }
    isobmff::sniff(bytes)
}

fn name(t: Option<MediaType>) -> &'static str {
    t.map(MediaType::content_type).unwrap_or("not a supported photo or video")
}

/// A checked, cleaned upload and its thumbnail (when the type has one).
#[derive(Debug)]
pub struct Cleaned {
    pub bytes: Vec<u8>,
    /// A JPEG at most `THUMBNAIL_EDGE` pixels on its longer side.
    pub thumbnail: Option<Vec<u8>>,
}

pub const THUMBNAIL_EDGE: u32 = 400;

/// Checks a whole upload against what was declared, removes its metadata (keeping only the
/// orientation) and draws the thumbnail from the cleaned bytes. What is stored is what was
/// checked: the caller reads the object once and writes these bytes.
pub fn clean(declared: MediaType, declared_size: u64, bytes: &[u8]) -> Result<Cleaned, Rejection> {
    if bytes.len() as u64 != declared_size {
        return Err(Rejection::WrongSize { declared: declared_size, actual: bytes.len() as u64 });
    }
    let found = sniff(bytes);
    if found != Some(declared) {
        return Err(match found {
            None => Rejection::Unrecognised,
            Some(_) => Rejection::WrongType { declared: declared.content_type(), found: name(found) },
        });
    }
    let cleaned = match declared {
        MediaType::Jpeg => jpeg::clean(bytes)?,
        MediaType::Png => png::clean(bytes)?,
        MediaType::Webp => webp::clean(bytes)?,
        MediaType::Heic => isobmff::clean_heic(bytes)?,
        MediaType::Mp4 | MediaType::QuickTime => isobmff::clean_video(declared, bytes)?,
    };
    let thumbnail = if declared.has_thumbnail() { Some(thumbnail(declared, &cleaned)?) } else { None };
    Ok(Cleaned { bytes: cleaned, thumbnail })
}

/// Decoding proves the picture data is real; the thumbnail is drawn upright.
fn thumbnail(media_type: MediaType, bytes: &[u8]) -> Result<Vec<u8>, Rejection> {
    use image::ImageDecoder;
    let format = match media_type {
        MediaType::Jpeg => image::ImageFormat::Jpeg,
        MediaType::Png => image::ImageFormat::Png,
        MediaType::Webp => image::ImageFormat::WebP,
        _ => return Err(Rejection::Undecodable),
    };
    let mut reader = image::ImageReader::with_format(std::io::Cursor::new(bytes), format);
    let mut limits = image::Limits::default();
    // A 48-megapixel photo decodes to ~200 MB; anything far beyond is a decompression bomb.
    limits.max_image_width = Some(16_384);
    limits.max_image_height = Some(16_384);
    limits.max_alloc = Some(400 * 1024 * 1024);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(|_| Rejection::Undecodable)?;
    let orientation = decoder.orientation().unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut picture = image::DynamicImage::from_decoder(decoder).map_err(|_| Rejection::Undecodable)?;
    picture.apply_orientation(orientation);
    // Never enlarged: a picture already small enough is its own thumbnail.
    if picture.width() > THUMBNAIL_EDGE || picture.height() > THUMBNAIL_EDGE {
        picture = picture.thumbnail(THUMBNAIL_EDGE, THUMBNAIL_EDGE);
    }
    let small = picture.into_rgb8();
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 80).encode_image(&small).map_err(|_| Rejection::Undecodable)?;
    Ok(out)
}

/// Markup or script markers in a metadata block mean the file is built to be read as
/// something else too. Only metadata is scanned: compressed picture data is random enough to
/// contain any short string.
fn check_inert(block: &[u8]) -> Result<(), Rejection> {
    const MARKERS: [&[u8]; 6] = [b"<script", b"<?php", b"<html", b"<!doctype html", b"<svg", b"javascript:"];
    let lower: Vec<u8> = block.iter().map(u8::to_ascii_lowercase).collect();
    if MARKERS.iter().any(|m| lower.windows(m.len()).any(|w| w == *m)) {
        return Err(Rejection::ActiveContent);
    }
    Ok(())
}

#[cfg(test)]
pub(crate) mod samples {
    //! Small real images drawn with the image crate, with metadata spliced in by hand.

    pub fn rgb(width: u32, height: u32) -> image::RgbImage {
        image::RgbImage::from_fn(width, height, |x, y| image::Rgb([(x * 7) as u8, (y * 5) as u8, 128]))
    }

    pub fn jpeg(width: u32, height: u32) -> Vec<u8> {
        let mut out = Vec::new();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90).encode_image(&rgb(width, height)).unwrap();
        out
    }

    pub fn png(width: u32, height: u32) -> Vec<u8> {
        let mut out = std::io::Cursor::new(Vec::new());
        image::DynamicImage::ImageRgb8(rgb(width, height)).write_to(&mut out, image::ImageFormat::Png).unwrap();
        out.into_inner()
    }

    pub fn webp(width: u32, height: u32) -> Vec<u8> {
        let mut out = std::io::Cursor::new(Vec::new());
        image::DynamicImage::ImageRgb8(rgb(width, height)).write_to(&mut out, image::ImageFormat::WebP).unwrap();
        out.into_inner()
    }

    /// An EXIF block (TIFF, big-endian) with orientation and a GPS IFD pointer plus a fake
    /// GPS latitude, as phones write.
    pub fn exif_with_gps(orientation: u16) -> Vec<u8> {
        let mut t = Vec::new();
        t.extend_from_slice(b"MM\x00\x2a\x00\x00\x00\x08");
        t.extend_from_slice(&2u16.to_be_bytes());
        // Orientation (SHORT, 1).
        t.extend_from_slice(&[0x01, 0x12, 0x00, 0x03, 0, 0, 0, 1]);
        t.extend_from_slice(&orientation.to_be_bytes());
        t.extend_from_slice(&[0, 0]);
        // GPS IFD pointer (LONG, 1) -> offset 38.
        t.extend_from_slice(&[0x88, 0x25, 0x00, 0x04, 0, 0, 0, 1, 0, 0, 0, 38]);
        t.extend_from_slice(&[0, 0, 0, 0]);
        // GPS IFD: one entry, GPSLatitudeRef "N", and a marker string to look for.
        t.extend_from_slice(&1u16.to_be_bytes());
        t.extend_from_slice(&[0x00, 0x01, 0x00, 0x02, 0, 0, 0, 2, b'N', 0, 0, 0]);
        t.extend_from_slice(&[0, 0, 0, 0]);
        t.extend_from_slice(b"GPS-51.5072N-0.1276W");
        t
    }

    pub fn contains(haystack: &[u8], needle: &[u8]) -> bool {
        haystack.windows(needle.len()).any(|w| w == needle)
    }
}

#[cfg(test)]
mod tests {
    use super::samples::*;
    use super::*;

    #[test]
    fn sniffing_reads_the_bytes_not_the_name() {
        assert_eq!(sniff(&jpeg(8, 8)), Some(MediaType::Jpeg));
        assert_eq!(sniff(&png(8, 8)), Some(MediaType::Png));
        assert_eq!(sniff(&webp(8, 8)), Some(MediaType::Webp));
        assert_eq!(sniff(b"<script>alert(1)</script>"), None);
        assert_eq!(sniff(b""), None);
    }

    #[test]
    fn a_png_declared_as_jpeg_is_refused() {
        let bytes = png(8, 8);
        let err = clean(MediaType::Jpeg, bytes.len() as u64, &bytes).unwrap_err();
        assert_eq!(err, Rejection::WrongType { declared: "image/jpeg", found: "image/png" });
    }

    #[test]
    fn a_script_is_refused() {
        let bytes = b"<html><script>steal()</script></html>".to_vec();
        assert_eq!(clean(MediaType::Jpeg, bytes.len() as u64, &bytes).unwrap_err(), Rejection::Unrecognised);
    }

    #[test]
    fn the_declared_size_must_match() {
        let bytes = jpeg(8, 8);
        assert!(matches!(clean(MediaType::Jpeg, 5, &bytes), Err(Rejection::WrongSize { .. })));
    }

    #[test]
    fn thumbnails_are_small_upright_jpegs() {
        let bytes = png(900, 300);
        let clean = clean(MediaType::Png, bytes.len() as u64, &bytes).unwrap();
        let thumb = image::load_from_memory(&clean.thumbnail.unwrap()).unwrap();
        assert_eq!((thumb.width(), thumb.height()), (400, 133));
    }

    #[test]
    fn a_truncated_picture_is_refused() {
        let bytes = png(64, 64);
        let cut = &bytes[..bytes.len() - 20];
        assert!(clean(MediaType::Png, cut.len() as u64, cut).is_err());
    }
}

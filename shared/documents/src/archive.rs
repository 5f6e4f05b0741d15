//! The portable archive families and requesters keep: a zip written as its files arrive.

use std::io::Write as _;

/// A zip in memory. Entries are stored as they are: JPEG, HEIC and video do not compress
/// further, and a stored zip opens anywhere.
pub struct Archive(zip::ZipWriter<std::io::Cursor<Vec<u8>>>);

impl Default for Archive {
    fn default() -> Self {
        Self::new()
    }
}

impl Archive {
    pub fn new() -> Self {
        Archive(zip::ZipWriter::new(std::io::Cursor::new(Vec::new())))
    }

    /// Adds one file under `name` (a path inside the archive).
    pub fn add(&mut self, name: &str, bytes: &[u8]) -> Result<(), String> {
        let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored).large_file(true);
        self.0.start_file(name, options).map_err(|e| e.to_string())?;
        self.0.write_all(bytes).map_err(|e| e.to_string())
    }

    /// The zip's bytes.
    pub fn finish(self) -> Result<Vec<u8>, String> {
        Ok(self.0.finish().map_err(|e| e.to_string())?.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read as _;

    #[test]
    fn what_is_added_comes_back_out_by_name() {
        let mut archive = Archive::new();
        archive.add("a.json", b"{}").unwrap();
        archive.add("photos/b.jpg", &[1, 2, 3]).unwrap();
        let bytes = archive.finish().unwrap();
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        assert_eq!(zip.len(), 2);
        let mut photo = Vec::new();
        zip.by_name("photos/b.jpg").unwrap().read_to_end(&mut photo).unwrap();
        assert_eq!(photo, vec![1, 2, 3]);
    }
}

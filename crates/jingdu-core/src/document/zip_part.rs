//! Reading one part of a zip package (a `.docx`, an `.epub`, an `.odt`) with a size cap, so
//! that a zip bomb stops at the cap instead of in memory.

use std::io::{Cursor, Read};

/// Why a part could not be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum PartError {
    /// The archive's directory or the part's compressed data is broken.
    Broken,
    /// The part is encrypted (a password-protected zip).
    Encrypted,
    /// The part would unpack to more than the cap.
    TooLarge,
}

/// The bytes of part `name`, `None` when the package has no such part.
pub(crate) fn read_zip_part(
    zip: &mut zip::ZipArchive<Cursor<&[u8]>>,
    name: &str,
    limit: u64,
) -> Result<Option<Vec<u8>>, PartError> {
    let file = match zip.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(_) => return Err(PartError::Broken),
    };
    if file.encrypted() {
        return Err(PartError::Encrypted);
    }
    if file.size() > limit {
        return Err(PartError::TooLarge);
    }
    let mut bytes = Vec::new();
    // The declared size can lie; the read stops at the limit whatever it says.
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|_| PartError::Broken)?;
    if bytes.len() as u64 > limit {
        return Err(PartError::TooLarge);
    }
    Ok(Some(bytes))
}

/// A zip package read through its central directory, or — when that directory is broken, as
/// in books cut short by a download or made by sloppy tools that readers still open — from
/// its local file headers, entry by entry.
pub(crate) enum Package<'a> {
    /// The archive's directory works.
    Indexed(zip::ZipArchive<Cursor<&'a [u8]>>),
    /// The parts read in order from the local headers, each within the cap.
    Streamed(std::collections::HashMap<String, Result<Vec<u8>, PartError>>),
}

impl<'a> Package<'a> {
    /// Opens `bytes`; parts larger than `limit` are remembered as too large.
    pub(crate) fn open(bytes: &'a [u8], limit: u64) -> Result<Self, PartError> {
        if let Ok(zip) = zip::ZipArchive::new(Cursor::new(bytes)) {
            return Ok(Package::Indexed(zip));
        }
        let mut reader = Cursor::new(bytes);
        let mut parts = std::collections::HashMap::new();
        while let Ok(Some(file)) = zip::read::read_zipfile_from_stream(&mut reader) {
            let name = file.name().to_owned();
            let part = if file.encrypted() {
                Err(PartError::Encrypted)
            } else {
                let mut data = Vec::new();
                match file.take(limit + 1).read_to_end(&mut data) {
                    Ok(_) if data.len() as u64 > limit => Err(PartError::TooLarge),
                    Ok(_) => Ok(data),
                    Err(_) => Err(PartError::Broken),
                }
            };
            parts.insert(name, part);
        }
        if parts.is_empty() {
            return Err(PartError::Broken);
        }
        Ok(Package::Streamed(parts))
    }

    /// Whether the package has a part of that name.
    pub(crate) fn contains(&self, name: &str) -> bool {
        match self {
            Package::Indexed(zip) => zip.index_for_name(name).is_some(),
            Package::Streamed(parts) => parts.contains_key(name),
        }
    }

    /// The bytes of part `name` (at most `limit`), `None` when there is no such part.
    pub(crate) fn read(&mut self, name: &str, limit: u64) -> Result<Option<Vec<u8>>, PartError> {
        match self {
            Package::Indexed(zip) => read_zip_part(zip, name, limit),
            Package::Streamed(parts) => match parts.get(name) {
                None => Ok(None),
                Some(Err(e)) => Err(*e),
                Some(Ok(bytes)) if bytes.len() as u64 > limit => Err(PartError::TooLarge),
                Some(Ok(bytes)) => Ok(Some(bytes.clone())),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_package_with_a_broken_directory_is_read_from_its_entries() {
        let mut buf = Cursor::new(Vec::new());
        {
            let mut w = zip::ZipWriter::new(&mut buf);
            w.start_file("a.txt", zip::write::SimpleFileOptions::default())
                .unwrap();
            std::io::Write::write_all(&mut w, "第一部分".as_bytes()).unwrap();
            w.start_file("b.txt", zip::write::SimpleFileOptions::default())
                .unwrap();
            std::io::Write::write_all(&mut w, &[b'x'; 5000]).unwrap();
            w.finish().unwrap();
        }
        let mut bytes = buf.into_inner();
        // Cut into the central directory.
        bytes.truncate(bytes.len() - 30);
        let mut package = Package::open(&bytes, 1024).unwrap();
        assert!(matches!(package, Package::Streamed(_)));
        assert!(package.contains("a.txt"));
        assert_eq!(
            package.read("a.txt", 1024).unwrap().unwrap(),
            "第一部分".as_bytes()
        );
        assert_eq!(package.read("b.txt", 1024), Err(PartError::TooLarge));
        assert_eq!(package.read("c.txt", 1024), Ok(None));
        assert!(Package::open(b"not a zip at all", 1024).is_err());
    }
}

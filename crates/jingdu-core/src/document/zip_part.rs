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

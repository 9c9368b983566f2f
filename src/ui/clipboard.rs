//! The system clipboard for "paste as a new document". egui hands a paste to the app as
//! plain text only; a page copied in a browser also carries an HTML flavour, which keeps its
//! headings and bold lines, so we ask the clipboard (arboard, the crate egui-winit uses)
//! for that first.

use std::path::{Path, PathBuf};

/// The clipboard's HTML flavour, when it has a non-empty one.
pub fn html() -> Option<String> {
    let mut clipboard = arboard::Clipboard::new().ok()?;
    clipboard.get().html().ok().filter(|h| !h.trim().is_empty())
}

/// The clipboard's text, when it has some.
pub fn text() -> Option<String> {
    let mut clipboard = arboard::Clipboard::new().ok()?;
    clipboard.get_text().ok().filter(|t| !t.trim().is_empty())
}

/// Saves pasted content as `<data dir>/pasted/粘贴 2026-11-29 08.05.12.txt` (or `.html`), so
/// that the document reopens from the recent list with its notes. Returns the path, or the
/// message to show.
pub fn save_pasted(
    data_dir: Option<&Path>,
    content: &str,
    extension: &str,
) -> Result<PathBuf, String> {
    let Some(dir) = data_dir else {
        return Err(super::strings::PASTE_NO_DATA_DIR.to_string());
    };
    let folder = dir.join("pasted");
    let stamp = jiff::ZonedDateTime::now()
        .strftime("%Y-%m-%d %H.%M.%S")
        .to_string();
    let mut path = folder.join(super::strings::pasted_name(&stamp, None, extension));
    let mut n = 2;
    while path.exists() {
        path = folder.join(super::strings::pasted_name(&stamp, Some(n), extension));
        n += 1;
    }
    let written = std::fs::create_dir_all(&folder)
        .and_then(|()| crate::fsutil::write_atomic(&path, content.as_bytes()));
    match written {
        Ok(()) => Ok(path),
        Err(e) => Err(super::strings::labelled(
            &super::strings::with_aside(
                &super::strings::PASTE_SAVE_FAILED,
                &crate::fsutil::describe_io_error(&e),
            ),
            &folder.display(),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pasted_text_is_kept_in_the_data_directory() {
        let dir = tempfile::tempdir().unwrap();
        let a = save_pasted(Some(dir.path()), "第一段。", "txt").unwrap();
        let b = save_pasted(Some(dir.path()), "第二段。", "txt").unwrap();
        assert_ne!(a, b);
        assert!(a.starts_with(dir.path().join("pasted")));
        assert_eq!(std::fs::read_to_string(&a).unwrap(), "第一段。");
        assert!(save_pasted(None, "x", "txt").is_err());
    }
}

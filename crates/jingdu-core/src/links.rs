//! The `jingdu://` links exported notes carry back into the reader, and what a link names.
//!
//! `jingdu://open?doc=<document id>&note=<note id>` opens the document the notes store knows
//! by that id and selects the note; `jingdu://open?file=<absolute path>` opens a file (the
//! form `jingdu install-desktop` and earlier exports used; a `note=` may follow).

use std::path::PathBuf;

/// What a `jingdu://open` link asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OpenLink {
    /// A document by its store id ([`crate::notes::DocInfo::id`]), optionally at a note.
    Document {
        /// The store id.
        doc: String,
        /// The note to select.
        note: Option<String>,
    },
    /// A file by absolute path, optionally at a note.
    File {
        /// The path.
        path: PathBuf,
        /// The note to select.
        note: Option<String>,
    },
}

/// Longest id a link may carry: store ids and UUIDs are far shorter; anything longer is not
/// ours and is refused rather than looked up.
const MAX_ID_CHARS: usize = 128;

/// The link that opens document `doc` (a store id) at note `note`.
pub fn note_link(doc: &str, note: &str) -> String {
    let mut url = url::Url::parse("jingdu://open").expect("a valid constant URL");
    url.query_pairs_mut()
        .append_pair("doc", doc)
        .append_pair("note", note);
    url.to_string()
}

/// Why a link was refused, in the reader's words.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum LinkError {
    /// Not a `jingdu://open` URL.
    #[error("{}", crate::i18n::trf("无法识别的链接：{}（应为 jingdu://open?doc=…&note=…）", "Not a jingdu link: {} (expected jingdu://open?doc=…&note=…)", &[&.0]))]
    NotOurs(String),
    /// Neither a document id nor an absolute path.
    #[error("{}", crate::i18n::trf("链接里没有文章的编号（doc=…）或文件的绝对路径（file=…）：{}", "The link names neither an article (doc=…) nor a file's absolute path (file=…): {}", &[&.0]))]
    NoTarget(String),
}

/// Reads a `jingdu://open?…` link. Ids with characters a store id or UUID never has are refused.
pub fn parse_open_link(text: &str) -> Result<OpenLink, LinkError> {
    let shown = crate::terminal_safe::strip_controls(text).into_owned();
    let url = url::Url::parse(text).map_err(|_| LinkError::NotOurs(shown.clone()))?;
    if url.scheme() != "jingdu" || url.host_str() != Some("open") {
        return Err(LinkError::NotOurs(shown));
    }
    let pair = |key: &str| {
        url.query_pairs()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.into_owned())
    };
    let id_like = |s: &String| {
        !s.is_empty()
            && s.chars().count() <= MAX_ID_CHARS
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    };
    let note = pair("note").filter(id_like);
    if let Some(doc) = pair("doc").filter(id_like) {
        return Ok(OpenLink::Document { doc, note });
    }
    match pair("file").map(PathBuf::from) {
        Some(path) if path.is_absolute() => Ok(OpenLink::File { path, note }),
        _ => Err(LinkError::NoTarget(shown)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn note_links_round_trip() {
        let link = note_link("file-0123abcd", "00000000-0000-4000-8000-000000000001");
        assert_eq!(
            link,
            "jingdu://open?doc=file-0123abcd&note=00000000-0000-4000-8000-000000000001"
        );
        assert_eq!(
            parse_open_link(&link),
            Ok(OpenLink::Document {
                doc: "file-0123abcd".into(),
                note: Some("00000000-0000-4000-8000-000000000001".into()),
            })
        );
    }

    #[test]
    fn file_links_still_open() {
        assert_eq!(
            parse_open_link("jingdu://open?file=%2Ftmp%2F%E6%96%87.txt&note=n1"),
            Ok(OpenLink::File {
                path: PathBuf::from("/tmp/文.txt"),
                note: Some("n1".into()),
            })
        );
    }

    #[test]
    fn other_links_are_refused() {
        for bad in [
            "jingdu://delete?doc=a",
            "https://open?doc=a",
            "jingdu://open",
            "jingdu://open?file=relative.txt",
            "jingdu://open?doc=..%2F..%2Fetc",
            "jingdu://open?doc=a%0Ab",
            "not a url",
        ] {
            assert!(parse_open_link(bad).is_err(), "{bad}");
        }
        // A note id that is not an id is dropped; the document still opens.
        assert_eq!(
            parse_open_link("jingdu://open?doc=builtin&note=%3Cscript%3E"),
            Ok(OpenLink::Document {
                doc: "builtin".into(),
                note: None
            })
        );
    }
}

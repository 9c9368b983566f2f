//! A block's text without a copy of it. Every heading and paragraph is also part of the
//! document's body text (the string anchors count chars in); holding each block's text again
//! doubled a document's memory — half a gigabyte more for a text of 250 MB. Once the body is
//! built, a block's text is a range of it, shared; until then (while the parser assembles
//! the blocks) it is its own string. Either way it reads as a `&str`.

use std::fmt;
use std::ops::{Deref, Range};
use std::sync::Arc;

/// The text of a block: a `str` to every reader.
#[derive(Clone)]
pub struct BlockText(Repr);

#[derive(Clone)]
enum Repr {
    /// While the document is being built.
    Owned(String),
    /// A byte range of the document's body text.
    Shared {
        body: Arc<String>,
        bytes: Range<usize>,
    },
}

impl BlockText {
    /// The text as a range of `body`: `bytes` must lie on char boundaries inside it.
    pub(super) fn shared(body: &Arc<String>, bytes: Range<usize>) -> Self {
        debug_assert!(body.get(bytes.clone()).is_some());
        BlockText(Repr::Shared {
            body: body.clone(),
            bytes,
        })
    }

    /// The text's own string, taken out (leaving it empty), while the document is built.
    pub(super) fn take_owned(&mut self) -> String {
        match &mut self.0 {
            Repr::Owned(s) => std::mem::take(s),
            Repr::Shared { .. } => self.as_str().to_owned(),
        }
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        match &self.0 {
            Repr::Owned(s) => s,
            // A range checked when the text was made; an empty text were it ever not.
            Repr::Shared { body, bytes } => body.get(bytes.clone()).unwrap_or_default(),
        }
    }
}

impl Deref for BlockText {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for BlockText {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl std::borrow::Borrow<str> for BlockText {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl From<String> for BlockText {
    fn from(s: String) -> Self {
        BlockText(Repr::Owned(s))
    }
}

impl From<&str> for BlockText {
    fn from(s: &str) -> Self {
        BlockText(Repr::Owned(s.to_owned()))
    }
}

impl PartialEq for BlockText {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for BlockText {}

impl PartialEq<str> for BlockText {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for BlockText {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for BlockText {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<BlockText> for String {
    fn eq(&self, other: &BlockText) -> bool {
        self == other.as_str()
    }
}

impl PartialEq<BlockText> for str {
    fn eq(&self, other: &BlockText) -> bool {
        self == other.as_str()
    }
}

impl PartialEq<BlockText> for &str {
    fn eq(&self, other: &BlockText) -> bool {
        *self == other.as_str()
    }
}

impl fmt::Debug for BlockText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for BlockText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shared_text_reads_as_its_range() {
        let body = Arc::new("第一段\n第二段".to_owned());
        let t = BlockText::shared(&body, "第一段\n".len().."第一段\n第二段".len());
        assert_eq!(&*t, "第二段");
        assert_eq!(t, BlockText::from("第二段"));
        assert_eq!(t.chars().count(), 3);
        assert_eq!(format!("{t}"), "第二段");
    }
}

//! A note and what it is attached to.

use serde::{Deserialize, Serialize};

/// What a note is attached to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum NoteKind {
    /// A whole section, by its heading.
    Section,
    /// A whole paragraph.
    Paragraph,
    /// A selected passage (quote).
    Passage,
}

impl NoteKind {
    /// The name used in JSON and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            NoteKind::Section => "section",
            NoteKind::Paragraph => "paragraph",
            NoteKind::Passage => "passage",
        }
    }

    /// The Chinese label shown to readers.
    pub fn label(self) -> &'static str {
        match self {
            NoteKind::Section => "章节",
            NoteKind::Paragraph => "段落",
            NoteKind::Passage => "摘句",
        }
    }
}

/// Where a note's target is, in several redundant ways so that it can be found again after the
/// text changes (like the W3C TextQuoteSelector and TextPositionSelector pair).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Anchor {
    /// Start char offset in the document's body text.
    pub start: usize,
    /// End char offset (exclusive).
    pub end: usize,
    /// The exact text of the target.
    pub quote: String,
    /// Up to 32 chars before the target.
    #[serde(default)]
    pub prefix: String,
    /// Up to 32 chars after the target.
    #[serde(default)]
    pub suffix: String,
    /// Headings from the top of the outline down to the target's section.
    #[serde(default)]
    pub heading_path: Vec<String>,
    /// Index of the target's block (heading or paragraph) when the anchor was made.
    #[serde(default)]
    pub block: usize,
}

/// One study note.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    /// Unique, stable id (a UUID).
    pub id: String,
    /// What the note is attached to.
    pub kind: NoteKind,
    /// Where the target is.
    pub anchor: Anchor,
    /// The note itself (may be several lines).
    pub text: String,
    /// Key of the note's colour in the palette (`yellow`, `blue`…).
    #[serde(default = "default_color")]
    pub color: String,
    /// Tags, without `#`, in the order the user gave them.
    #[serde(default)]
    pub tags: Vec<String>,
    /// RFC 3339 time the note was created.
    pub created: String,
    /// RFC 3339 time the note was last changed.
    pub modified: String,
    /// Whether the target was found in the current text. A note that is not anchored keeps its
    /// last anchor and is listed as 未定位 until the reader re-attaches it.
    #[serde(default = "yes")]
    pub anchored: bool,
    /// How many times jingdu has changed this note (a version counter). Merges between
    /// windows decide by it rather than by clock times, which can tie within a second or lie
    /// in the future; a restored note gets a higher version than the deletion it undoes.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub rev: u64,
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

fn default_color() -> String {
    super::palette::DEFAULT_COLOR.to_owned()
}

fn yes() -> bool {
    true
}

impl Note {
    /// A new note with a fresh id, created and modified at `now`.
    pub fn new(
        kind: NoteKind,
        anchor: Anchor,
        text: String,
        color: String,
        tags: Vec<String>,
        now: &str,
    ) -> Self {
        Note {
            id: uuid::Uuid::new_v4().to_string(),
            kind,
            anchor,
            text,
            color,
            tags: normalize_tags(tags),
            created: now.to_owned(),
            modified: now.to_owned(),
            anchored: true,
            rev: 0,
        }
    }
}

/// Tags as users type them: trimmed, `#` removed, empty and duplicate ones dropped.
pub fn normalize_tags(tags: impl IntoIterator<Item = String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for t in tags {
        for part in t.split([',', '，', ' ', '\u{3000}', '、', ';', '；']) {
            let part = part.trim().trim_start_matches(['#', '＃']).trim();
            if !part.is_empty() && !out.iter().any(|o| o == part) {
                out.push(part.to_owned());
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_normalized() {
        assert_eq!(
            normalize_tags(vec![
                "#重点, 组织力".into(),
                "组织力".into(),
                " ".into(),
                "党建、基层".into()
            ]),
            vec!["重点", "组织力", "党建", "基层"]
        );
    }

    #[test]
    fn old_files_without_optional_fields_load() {
        let json = r#"{"id":"x","kind":"passage","anchor":{"start":1,"end":3,"quote":"ab"},
            "text":"t","created":"2024-01-01T00:00:00+08:00","modified":"2024-01-01T00:00:00+08:00"}"#;
        let n: Note = serde_json::from_str(json).unwrap();
        assert_eq!(n.color, "yellow");
        assert!(n.anchored);
        assert!(n.tags.is_empty());
    }
}

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
    /// A bookmark (书签) on a heading or paragraph: a place to come back to, its text optional.
    Bookmark,
}

impl NoteKind {
    /// The name used in JSON and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            NoteKind::Section => "section",
            NoteKind::Paragraph => "paragraph",
            NoteKind::Passage => "passage",
            NoteKind::Bookmark => "bookmark",
        }
    }

    /// The label shown to readers, in the interface language.
    pub fn label(self) -> &'static str {
        let (zh, en) = match self {
            NoteKind::Section => ("章节", "Section"),
            NoteKind::Paragraph => ("段落", "Paragraph"),
            NoteKind::Passage => ("摘句", "Passage"),
            NoteKind::Bookmark => ("书签", "Bookmark"),
        };
        crate::i18n::tr(zh, en)
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
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub prefix: String,
    /// Up to 32 chars after the target.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub suffix: String,
    /// Headings from the top of the outline down to the target's section.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub heading_path: Vec<String>,
    /// Index of the target's block (heading or paragraph) when the anchor was made.
    #[serde(default, skip_serializing_if = "is_zero_index")]
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
    /// Tags, without `#`, in the order the user gave them; each one word on one line (a
    /// notes file written by hand or by an older version is normalized as it loads).
    #[serde(
        default,
        deserialize_with = "normalized_tags",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub tags: Vec<String>,
    /// RFC 3339 time the note was created.
    pub created: String,
    /// RFC 3339 time the note was last changed.
    pub modified: String,
    /// Whether the target was found in the current text. A note that is not anchored keeps its
    /// last anchor and is listed as 未定位 until the reader re-attaches it.
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub anchored: bool,
    /// How many times jingdu has changed this note (a version counter). Merges between
    /// windows decide by it rather than by clock times, which can tie within a second or lie
    /// in the future; a restored note gets a higher version than the deletion it undoes.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub rev: u64,
}

fn normalized_tags<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    Ok(normalize_tags(Vec::<String>::deserialize(d)?))
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

fn is_zero_index(n: &usize) -> bool {
    *n == 0
}

fn is_true(b: &bool) -> bool {
    *b
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
        // Any space or control ends a tag: a tag never spans two lines of `notes` or of a
        // Markdown export.
        let separator = |c: char| c.is_whitespace() || c.is_control() || ",，、;；".contains(c);
        for part in t.split(separator) {
            let part = part.trim().trim_start_matches(['#', '＃']).trim();
            if !part.is_empty() && !out.iter().any(|o| o == part) {
                out.push(part.to_owned());
            }
        }
    }
    out
}

/// `text` if it is an RFC 3339 date-time that is also a valid `xsd:dateTime` (what W3C
/// annotations require): `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`, a real date and time.
/// Returned with `T` and `Z` in upper case, the one spelling both standards accept.
pub fn checked_timestamp(text: &str) -> Option<String> {
    let t = text.to_ascii_uppercase();
    let b = t.as_bytes();
    let digits = |range: std::ops::Range<usize>| {
        b.get(range.clone())
            .is_some_and(|d| d.len() == range.len() && d.iter().all(u8::is_ascii_digit))
    };
    let shape = digits(0..4)
        && b.get(4) == Some(&b'-')
        && digits(5..7)
        && b.get(7) == Some(&b'-')
        && digits(8..10)
        && b.get(10) == Some(&b'T')
        && digits(11..13)
        && b.get(13) == Some(&b':')
        && digits(14..16)
        && b.get(16) == Some(&b':')
        && digits(17..19);
    if !shape {
        return None;
    }
    let mut i = 19;
    if b.get(i) == Some(&b'.') {
        let fraction = b[i + 1..].iter().take_while(|c| c.is_ascii_digit()).count();
        if fraction == 0 {
            return None;
        }
        i += 1 + fraction;
    }
    let zone_ok = match b.get(i) {
        Some(b'Z') => i + 1 == b.len(),
        Some(b'+' | b'-') => {
            i + 6 == b.len() && digits(i + 1..i + 3) && b[i + 3] == b':' && digits(i + 4..i + 6)
        }
        _ => false,
    };
    // The shape is right; jiff checks that the date and time exist (no 30 February).
    (zone_ok && t.parse::<jiff::Timestamp>().is_ok()).then_some(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_are_checked_and_normalized() {
        for ok in [
            "2024-05-01T09:30:00Z",
            "2024-05-01T09:30:00+08:00",
            "2024-05-01T09:30:00.123456-05:30",
            "2024-02-29T23:59:59Z",
        ] {
            assert_eq!(checked_timestamp(ok).as_deref(), Some(ok));
        }
        assert_eq!(
            checked_timestamp("2024-05-01t09:30:00z").as_deref(),
            Some("2024-05-01T09:30:00Z")
        );
        for bad in [
            "",
            "2024-05-01",
            "2024-05-01T09:30:00",
            "2024-05-01 09:30:00Z",
            "2023-02-29T09:30:00Z",
            "2024-05-01T25:30:00Z",
            "2024-05-01T09:30Z",
            "2024-05-01T09:30:00.Z",
            "2024-05-01T09:30:00+0800",
            "2024-05-01T09:30:00Z[UTC]",
            "２０２４-05-01T09:30:00Z",
        ] {
            assert_eq!(checked_timestamp(bad), None, "{bad}");
        }
    }

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
        // A tag is one line: newlines, tabs, controls and line separators end it.
        assert_eq!(
            normalize_tags(["甲\n# 标题\r乙\u{2028}丙\u{1b}丁\u{85}戊".to_owned()]),
            vec!["甲", "标题", "乙", "丙", "丁", "戊"]
        );
        let json = r#"{"id":"x","kind":"passage","anchor":{"start":1,"end":3,"quote":"ab"},
            "text":"t","tags":["a\nb"],"created":"2024-01-01T00:00:00Z","modified":"2024-01-01T00:00:00Z"}"#;
        let n: Note = serde_json::from_str(json).unwrap();
        assert_eq!(n.tags, vec!["a", "b"]);
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

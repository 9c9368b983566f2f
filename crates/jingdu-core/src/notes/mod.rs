//! Notes: what a note is ([`Note`], [`Anchor`]), how it finds its target again after the text
//! changed ([`anchor`]), how notes are kept on disk ([`store`]), and the named colours
//! ([`palette`]). No egui here: the window and the CLI use the same code.

pub mod anchor;
mod index;
mod note;
mod notebook;
pub mod palette;
pub mod store;

pub use anchor::{Found, TextIndex, block_anchor, make_anchor, reanchor, target_anchor};
pub use index::{Highlight, NoteIndex, block_for};
pub use note::{Anchor, Note, NoteKind, checked_timestamp, normalize_tags};
pub use notebook::{Change, ImportReport, Notebook};
pub use palette::{ColorEntry, DEFAULT_COLOR, Palette};
pub use store::{DocInfo, Loaded, OnCorrupt, Saved, Store, StoreError, Tombstone};

use crate::document::Document;

/// Sorts notes in document order: anchored notes by position (a section note before a
/// paragraph note before a passage note at the same place), unanchored notes last, ties by
/// creation time.
pub fn sort_document_order(notes: &mut [Note]) {
    notes.sort_by(|a, b| {
        (
            !a.anchored,
            a.anchor.start,
            a.kind,
            a.anchor.end,
            &a.created,
            &a.id,
        )
            .cmp(&(
                !b.anchored,
                b.anchor.start,
                b.kind,
                b.anchor.end,
                &b.created,
                &b.id,
            ))
    });
}

/// Counts of how notes were re-anchored on load.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ReanchorReport {
    /// Found where they were.
    pub in_place: usize,
    /// Found elsewhere by their exact quote.
    pub moved: usize,
    /// Found by similarity.
    pub fuzzy: usize,
    /// Not found: listed as unanchored.
    pub lost: usize,
}

/// Re-anchors every note against `doc` and sorts them in document order.
pub fn reanchor_all(doc: &Document, notes: &mut [Note]) -> ReanchorReport {
    let index = TextIndex::new(doc.body_text());
    let mut report = ReanchorReport::default();
    for note in notes.iter_mut() {
        match reanchor(doc, &index, note) {
            Found::InPlace => report.in_place += 1,
            Found::Moved => report.moved += 1,
            Found::Fuzzy => report.fuzzy += 1,
            Found::Lost => report.lost += 1,
        }
    }
    sort_document_order(notes);
    report
}

/// Where a note sits, for lists: its heading path as the reader shows it
/// (`一、… › （一）…`), or `正文开头` before the first heading.
pub fn place_label(note: &Note) -> String {
    if note.anchor.heading_path.is_empty() {
        return "正文开头".to_owned();
    }
    note.anchor
        .heading_path
        .iter()
        .map(|h| crate::document::typography::display_text(h))
        .collect::<Vec<_>>()
        .join(" › ")
}

/// The current time as RFC 3339 with the local offset, second precision.
pub fn now_rfc3339() -> String {
    jiff::ZonedDateTime::now()
        .strftime("%Y-%m-%dT%H:%M:%S%:z")
        .to_string()
}

/// What a notes list can be narrowed to.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NoteFilter {
    /// Text that must appear in the note, its quote, its tags or its heading path
    /// (case-insensitive).
    pub text: String,
    /// Tag the note must carry.
    pub tag: Option<String>,
    /// Colour key the note must have.
    pub color: Option<String>,
    /// Only bookmarks (书签).
    pub bookmarks_only: bool,
}

impl NoteFilter {
    /// Whether nothing is filtered.
    pub fn is_empty(&self) -> bool {
        self.text.trim().is_empty()
            && self.tag.is_none()
            && self.color.is_none()
            && !self.bookmarks_only
    }

    /// Whether `note` passes the filter.
    pub fn matches(&self, note: &Note) -> bool {
        if self.bookmarks_only && note.kind != NoteKind::Bookmark {
            return false;
        }
        if let Some(tag) = &self.tag
            && !note.tags.iter().any(|t| t == tag)
        {
            return false;
        }
        if let Some(color) = &self.color
            && &note.color != color
        {
            return false;
        }
        // Radical code points from PDF text (`⼈⺠`) are found by the ideographs they stand for.
        let fold = |s: &str| -> String {
            s.to_lowercase()
                .chars()
                .map(crate::document::typography::fold_radical)
                .collect()
        };
        let needle = fold(self.text.trim());
        if needle.is_empty() {
            return true;
        }
        let hay = |s: &str| fold(s).contains(&needle);
        hay(&note.text)
            || hay(&note.anchor.quote)
            || note.tags.iter().any(|t| hay(t))
            || note.anchor.heading_path.iter().any(|h| hay(h))
    }
}

/// All tags used by `notes`, sorted.
pub fn all_tags(notes: &[Note]) -> Vec<String> {
    let mut tags: Vec<String> = notes.iter().flat_map(|n| n.tags.iter().cloned()).collect();
    tags.sort();
    tags.dedup();
    tags
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::parse;

    fn doc() -> Document {
        parse("文章标题\n\n标题一\n\n第一段，有内容。\n\n标题二\n\n第二段，有内容。\n")
    }

    #[test]
    fn document_order_puts_unanchored_last() {
        let d = doc();
        let idx = TextIndex::new(d.body_text());
        let mk = |kind, block: usize, created: &str| {
            let mut n = Note::new(
                kind,
                block_anchor(&d, &idx, block),
                String::new(),
                "yellow".into(),
                vec![],
                created,
            );
            n.created = created.into();
            n
        };
        let mut lost = mk(NoteKind::Paragraph, 1, "a");
        lost.anchored = false;
        lost.anchor.start = 0;
        let mut notes = vec![
            mk(NoteKind::Paragraph, 3, "b"),
            lost,
            mk(NoteKind::Paragraph, 1, "c"),
            mk(NoteKind::Section, 0, "d"),
        ];
        sort_document_order(&mut notes);
        let created: Vec<&str> = notes.iter().map(|n| n.created.as_str()).collect();
        assert_eq!(created, vec!["d", "c", "b", "a"]);
    }

    #[test]
    fn filter_by_text_tag_and_color() {
        let d = doc();
        let idx = TextIndex::new(d.body_text());
        let n = Note::new(
            NoteKind::Paragraph,
            block_anchor(&d, &idx, 1),
            "组织力是关键".into(),
            "blue".into(),
            vec!["党建".into()],
            "t",
        );
        assert!(NoteFilter::default().matches(&n));
        let mut from_pdf = n.clone();
        from_pdf.text = "为⼈⺠服务".into();
        assert!(
            NoteFilter {
                text: "人民".into(),
                ..Default::default()
            }
            .matches(&from_pdf),
            "radicals are found as ideographs"
        );
        assert!(
            NoteFilter {
                text: "组织力".into(),
                ..Default::default()
            }
            .matches(&n)
        );
        assert!(
            NoteFilter {
                text: "第一段".into(),
                ..Default::default()
            }
            .matches(&n),
            "quote matches"
        );
        assert!(
            NoteFilter {
                text: "标题一".into(),
                ..Default::default()
            }
            .matches(&n),
            "heading matches"
        );
        assert!(
            !NoteFilter {
                text: "无关".into(),
                ..Default::default()
            }
            .matches(&n)
        );
        assert!(
            NoteFilter {
                tag: Some("党建".into()),
                ..Default::default()
            }
            .matches(&n)
        );
        assert!(
            !NoteFilter {
                tag: Some("其他".into()),
                ..Default::default()
            }
            .matches(&n)
        );
        assert!(
            !NoteFilter {
                color: Some("yellow".into()),
                ..Default::default()
            }
            .matches(&n)
        );
    }

    #[test]
    fn timestamps_are_rfc3339() {
        let now = now_rfc3339();
        assert!(now.parse::<jiff::Timestamp>().is_ok(), "{now}");
    }
}

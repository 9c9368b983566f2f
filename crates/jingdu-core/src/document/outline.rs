//! The detected structure as JSON, for `jingdu outline --json` and for tools that score the
//! detector against expected outlines.

use super::Document;

/// One heading of the outline with the paragraphs directly under it and its subsections.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct OutlineEntry {
    /// 1 for a top-level heading.
    pub level: u8,
    /// The heading text as in the source.
    pub heading: String,
    /// Body paragraphs directly under this heading (not in subsections).
    pub paragraphs: usize,
    /// Subsections in document order.
    pub children: Vec<OutlineEntry>,
    /// The printed page the heading stands on (documents read from a PDF).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
}

/// The whole structure of a document: metadata, counts and the heading tree.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct OutlineJson {
    /// Title without column marker.
    pub title: Option<String>,
    /// Column or journal (`前线`).
    pub column: Option<String>,
    /// `YYYY-MM-DD` or null.
    pub published: Option<String>,
    /// Author name.
    pub author: Option<String>,
    /// Author's affiliation.
    pub affiliation: Option<String>,
    /// Site navigation path.
    pub breadcrumb: Vec<String>,
    /// Number of body paragraphs in the whole document.
    pub paragraphs: usize,
    /// Number of chars in body paragraphs.
    pub chars: usize,
    /// Top-level headings.
    pub outline: Vec<OutlineEntry>,
}

/// Builds the outline JSON value of a document.
pub fn outline_json(doc: &Document) -> OutlineJson {
    fn entry(doc: &Document, section: usize) -> OutlineEntry {
        let s = &doc.sections[section];
        OutlineEntry {
            level: s.level,
            heading: doc.blocks[s.heading].text.to_string(),
            paragraphs: s.paragraphs.len(),
            children: s.children.iter().map(|&c| entry(doc, c)).collect(),
            page: doc.page_at(doc.blocks[s.heading].range.start),
        }
    }
    OutlineJson {
        title: doc.meta.title.clone(),
        column: doc.meta.column.clone(),
        published: doc.meta.published.clone(),
        author: doc.meta.author.clone(),
        affiliation: doc.meta.affiliation.clone(),
        breadcrumb: doc.meta.breadcrumb.clone(),
        paragraphs: doc.paragraph_count(),
        chars: doc.paragraph_chars(),
        outline: doc.root_sections.iter().map(|&s| entry(doc, s)).collect(),
    }
}

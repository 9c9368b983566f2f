//! The document model: what a text *is* once its structure has been detected.
//!
//! Everything here is pure data and pure functions, with no egui: the reader, the notes, the
//! exporters and the CLI all read the same [`Document`]. Positions are counted in `char`s of the
//! *body text* (see [`Document::body_text`]), never in bytes, so that an anchor means the same
//! thing in Rust, in a JSON export (W3C positions count code points) and on screen.

mod block_text;
pub mod cite;
mod decode;
mod docx;
mod epub;
mod html;
mod html_depth;
pub mod legacy;
pub mod lines;
mod meta;
pub mod numbering;
mod odt;
mod outline;
mod parse;
mod pdf;
mod pdf_cmaps;
mod pdf_journal;
mod pdf_layout;
mod pdf_notes;
pub mod script;
pub mod search;
mod source;
pub mod spacing;
mod synthetic;
pub mod typography;
pub mod vertical;
pub mod web;
mod zip_part;

pub use block_text::BlockText;
pub use decode::{
    CHOOSABLE_ENCODINGS, DecodeError, Decoded, decode_as, decode_bytes, decode_owned,
    encoding_for_label,
};
pub use docx::{DocxError, parse_docx};
pub use epub::{EpubError, looks_like_epub, parse_epub};
pub use html::{HtmlError, MAX_HTML_BYTES, parse_html};
pub use odt::{OdtError, looks_like_odt, parse_odt};
pub use outline::{OutlineEntry, OutlineJson, outline_json};
pub use parse::{parse, parse_owned};
pub use pdf::{PdfError, parse_pdf};
pub use synthetic::{chinese_number, synthetic_text};
/// The first date in `s` as `YYYY-MM-DD`.
pub fn meta_date(s: &str) -> Option<String> {
    meta::find_date(s).map(|d| d.0)
}

pub use source::{
    BUILTIN_ARTICLE, BUILTIN_ID, Format, LoadError, MAX_FILE_BYTES, Origin, Source,
    WORKER_STACK_BYTES, read_stdin_bounded, sniff_format,
};

use std::ops::Range;
use std::sync::Arc;

/// Where an article comes from, shown in the title block and written into exports.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Metadata {
    /// The article's title, without a column marker such as `【前线】`.
    pub title: Option<String>,
    /// The column or journal the piece appeared in (`前线` from `【前线】`).
    pub column: Option<String>,
    /// Publication date as `YYYY-MM-DD`.
    pub published: Option<String>,
    /// The author's name.
    pub author: Option<String>,
    /// The author's affiliation or position, as printed after the name.
    pub affiliation: Option<String>,
    /// The site's navigation path (`首页 › 学术研究 › …`), top level first.
    pub breadcrumb: Vec<String>,
    /// Where the text was taken from (a `来源：` line).
    pub source: Option<String>,
    /// Other lines that describe the document rather than belong to it (adoption and
    /// amendment dates of a law, for instance), in their original order.
    pub front_matter: Vec<String>,
    /// Lines that close the text without belonging to its body: a dateline of writing
    /// (`一九一九年四月。`), a contributor credit (`（实习生某某对此文亦有贡献）`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub colophon: Vec<String>,
    /// The publisher of a book (an EPUB's `dc:publisher`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    /// The language the document declares (`zh-CN`), when it declares one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// The address the page was fetched from (a link opened in jingdu, or a page a browser
    /// saved with its `saved from url` comment).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Whether the document is a book (an EPUB): it is cited as a monograph `[M]`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub book: bool,
    /// Whether the document asks to be set in vertical columns (竖排): an EPUB whose
    /// stylesheet says `writing-mode: vertical-rl` or whose pages turn right to left.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub vertical: bool,
    /// A journal article's issue as GB/T 7714 writes it, `年, 卷(期)` (`2019, 38(3)`): read
    /// from a PDF's running heads. A document with an issue is cited as a journal article.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issue: Option<String>,
    /// A journal article's printed pages (`23-31`), from its PDF's page numbers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pages: Option<String>,
}

/// What a block of the body is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BlockKind {
    /// A heading at `level` (1 = top). A `run_in` heading is the numbered lead phrase at the
    /// start of the paragraph that follows it (`（一）指导思想。…`); it owns no text of its own.
    Heading {
        /// 1 for the top level, 2 below it, and so on.
        level: u8,
        /// Whether the heading is the lead phrase of the next paragraph.
        run_in: bool,
    },
    /// A body paragraph.
    Paragraph,
}

/// One heading or paragraph of the body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    /// Heading or paragraph.
    pub kind: BlockKind,
    /// The text as it stands in the source (half-width punctuation kept; see
    /// [`typography::display_text`] for what the reader shows); a range of the body text
    /// once the document is built.
    pub text: BlockText,
    /// Char range of this block in [`Document::body_text`]. For a run-in heading this is the
    /// lead phrase inside the next paragraph's range.
    pub range: Range<usize>,
}

impl Block {
    /// Whether this block is a heading (run-in or standalone).
    pub fn is_heading(&self) -> bool {
        matches!(self.kind, BlockKind::Heading { .. })
    }

    /// Heading level, or `None` for a paragraph.
    pub fn heading_level(&self) -> Option<u8> {
        match self.kind {
            BlockKind::Heading { level, .. } => Some(level),
            BlockKind::Paragraph => None,
        }
    }

    /// Whether this block is a run-in heading, drawn as part of the following paragraph.
    pub fn is_run_in(&self) -> bool {
        matches!(self.kind, BlockKind::Heading { run_in: true, .. })
    }
}

/// A heading and everything under it, as a node of the outline tree.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Section {
    /// Index of the heading in [`Document::blocks`].
    pub heading: usize,
    /// Heading level (1 = top).
    pub level: u8,
    /// Index of the enclosing section in [`Document::sections`].
    pub parent: Option<usize>,
    /// Indices of the direct subsections in [`Document::sections`], in document order.
    pub children: Vec<usize>,
    /// Block indices covered by this section: its heading up to the next heading of the
    /// same or a higher level.
    pub blocks: Range<usize>,
    /// Paragraph block indices directly under the heading (before any subsection).
    pub paragraphs: Vec<usize>,
}

/// A parsed article: metadata, body blocks and the section tree.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Document {
    /// Title, date, author and other facts about the article.
    pub meta: Metadata,
    /// Headings and paragraphs in reading order.
    pub blocks: Vec<Block>,
    /// Every heading as a section, in document order.
    pub sections: Vec<Section>,
    /// Sections at the top of the tree, in document order.
    pub root_sections: Vec<usize>,
    /// Paragraph block indices before the first heading.
    pub preamble: Vec<usize>,
    body_text: Arc<String>,
    body_chars: usize,
    /// Where each printed page starts, for a document read from a PDF: char offset in the
    /// body text and page number, in order.
    page_starts: Vec<(usize, u32)>,
    /// Pages of a PDF whose content could not be read and were left out.
    unread_pages: Vec<u32>,
}

impl Document {
    /// Builds a document from its metadata and blocks, computing text ranges and sections.
    ///
    /// Block ranges given by the caller are ignored and recomputed: blocks are joined with one
    /// `\n` between them, and a run-in heading covers the start of the paragraph after it.
    pub fn from_blocks(meta: Metadata, mut blocks: Vec<Block>) -> Self {
        // Sized once: a document of hundreds of megabytes is not grown by doubling.
        let mut body = String::with_capacity(
            blocks
                .iter()
                .filter(|b| !b.is_run_in())
                .map(|b| b.text.len() + 1)
                .sum(),
        );
        // Each block's byte range in the body.
        let mut bytes: Vec<Range<usize>> = vec![0..0; blocks.len()];
        let mut offset = 0usize;
        for i in 0..blocks.len() {
            if blocks[i].is_run_in() {
                let len = blocks[i].text.chars().count();
                blocks[i].range = offset..offset + len;
                bytes[i] = body.len()..body.len() + blocks[i].text.len();
                continue;
            }
            if !body.is_empty() {
                body.push('\n');
                offset += 1;
                // A run-in heading just before this paragraph points at its start.
                if i > 0 && blocks[i - 1].is_run_in() {
                    let len = blocks[i - 1].text.chars().count();
                    blocks[i - 1].range = offset..offset + len;
                    bytes[i - 1] = body.len()..body.len() + blocks[i - 1].text.len();
                }
            }
            // The block's own copy goes as the body grows: the text is held once.
            let text = blocks[i].text.take_owned();
            let len = text.chars().count();
            let start = body.len();
            body.push_str(&text);
            drop(text);
            bytes[i] = start..body.len();
            blocks[i].range = offset..offset + len;
            offset += len;
        }
        let body = Arc::new(body);
        for (block, range) in blocks.iter_mut().zip(bytes) {
            // A run-in heading is the start of its paragraph's text; shared when it is.
            if block.is_run_in() && body.get(range.clone()) != Some(block.text.as_str()) {
                continue;
            }
            block.text = BlockText::shared(&body, range);
        }
        let body_chars = offset;
        let (sections, root_sections, preamble) = build_sections(&blocks);
        Document {
            meta,
            blocks,
            sections,
            root_sections,
            preamble,
            body_text: body,
            body_chars,
            page_starts: Vec::new(),
            unread_pages: Vec::new(),
        }
    }

    /// The body as one string: every block that owns text, joined by `\n`. Anchors and
    /// positions refer to char offsets in this string.
    pub fn body_text(&self) -> &str {
        self.body_text.as_str()
    }

    /// The printed page the char at `offset` stands on, for a document read from a PDF.
    pub fn page_at(&self, offset: usize) -> Option<u32> {
        let i = self
            .page_starts
            .partition_point(|&(start, _)| start <= offset);
        i.checked_sub(1).map(|i| self.page_starts[i].1)
    }

    /// Whether the document knows its printed pages (it was read from a PDF).
    pub fn has_pages(&self) -> bool {
        !self.page_starts.is_empty()
    }

    /// Records where printed pages start: `(char offset, page)` in increasing offsets; out
    /// of order entries are dropped.
    pub(crate) fn set_page_starts(&mut self, starts: Vec<(usize, u32)>) {
        let mut kept: Vec<(usize, u32)> = Vec::with_capacity(starts.len());
        for s in starts {
            if kept.last().is_none_or(|l| s.0 > l.0 && s.1 > l.1) {
                kept.push(s);
            }
        }
        self.page_starts = kept;
    }

    /// Pages of a PDF whose content could not be read and were left out (a damaged page
    /// loses itself, not the book).
    pub fn unread_pages(&self) -> &[u32] {
        &self.unread_pages
    }

    /// Records the pages left out because they could not be read.
    pub(crate) fn set_unread_pages(&mut self, pages: Vec<u32>) {
        self.unread_pages = pages;
    }

    /// Length of [`Self::body_text`] in chars.
    pub fn body_len_chars(&self) -> usize {
        self.body_chars
    }

    /// Number of body paragraphs.
    pub fn paragraph_count(&self) -> usize {
        self.blocks
            .iter()
            .filter(|b| b.kind == BlockKind::Paragraph)
            .count()
    }

    /// Number of chars in body paragraphs (headings and separators excluded).
    pub fn paragraph_chars(&self) -> usize {
        self.blocks
            .iter()
            .filter(|b| b.kind == BlockKind::Paragraph)
            .map(|b| b.range.len())
            .sum()
    }

    /// Indices of all paragraph blocks, in document order.
    pub fn paragraph_indices(&self) -> impl Iterator<Item = usize> + '_ {
        self.blocks
            .iter()
            .enumerate()
            .filter(|(_, b)| b.kind == BlockKind::Paragraph)
            .map(|(i, _)| i)
    }

    /// The block whose text contains char `offset` of the body text (the block after it when
    /// the offset falls on a separator). Run-in headings are never returned.
    pub fn block_at_offset(&self, offset: usize) -> Option<usize> {
        // Block ends never decrease (a run-in heading ends inside the paragraph after it), so
        // the predicate is monotone.
        let idx = self.blocks.partition_point(|b| b.range.end <= offset);
        let mut i = idx;
        while i < self.blocks.len() && self.blocks[i].is_run_in() {
            i += 1;
        }
        (i < self.blocks.len()).then_some(i)
    }

    /// The innermost section containing block `block`, if any.
    pub fn section_of_block(&self, block: usize) -> Option<usize> {
        // Sections are in document order; the last one starting at or before the block and
        // still covering it is the innermost.
        let mut found = None;
        for (i, s) in self.sections.iter().enumerate() {
            if s.blocks.start > block {
                break;
            }
            if s.blocks.contains(&block) {
                found = Some(i);
            }
        }
        found
    }

    /// Section indices from the top of the tree down to `section`.
    pub fn section_path(&self, section: usize) -> Vec<usize> {
        let mut path = vec![section];
        let mut cur = section;
        while let Some(p) = self.sections[cur].parent {
            path.push(p);
            cur = p;
        }
        path.reverse();
        path
    }

    /// Heading texts from the top of the tree down to the section containing `block`.
    pub fn heading_path(&self, block: usize) -> Vec<String> {
        match self.section_of_block(block) {
            Some(s) => self
                .section_path(s)
                .into_iter()
                .map(|i| self.blocks[self.sections[i].heading].text.to_string())
                .collect(),
            None => Vec::new(),
        }
    }

    /// The text of chars `range` of the body text.
    pub fn slice_chars(&self, range: Range<usize>) -> String {
        self.body_text
            .chars()
            .skip(range.start)
            .take(range.end.saturating_sub(range.start))
            .collect()
    }
}

/// Builds the section tree from the blocks: each heading opens a section that runs until the
/// next heading of the same or a higher level.
fn build_sections(blocks: &[Block]) -> (Vec<Section>, Vec<usize>, Vec<usize>) {
    let mut sections: Vec<Section> = Vec::new();
    let mut roots = Vec::new();
    let mut preamble = Vec::new();
    let mut stack: Vec<usize> = Vec::new();
    for (i, block) in blocks.iter().enumerate() {
        match block.kind {
            BlockKind::Heading { level, .. } => {
                while let Some(&top) = stack.last() {
                    if sections[top].level >= level {
                        sections[top].blocks.end = i;
                        stack.pop();
                    } else {
                        break;
                    }
                }
                let parent = stack.last().copied();
                let idx = sections.len();
                sections.push(Section {
                    heading: i,
                    level,
                    parent,
                    children: Vec::new(),
                    blocks: i..blocks.len(),
                    paragraphs: Vec::new(),
                });
                match parent {
                    Some(p) => sections[p].children.push(idx),
                    None => roots.push(idx),
                }
                stack.push(idx);
            }
            BlockKind::Paragraph => match stack.last() {
                Some(&top) => sections[top].paragraphs.push(i),
                None => preamble.push(i),
            },
        }
    }
    (sections, roots, preamble)
}

/// Headings as `(level, text)`, for the detector's tests.
#[cfg(test)]
pub(crate) fn outline_of(doc: &Document) -> Vec<(u8, String)> {
    doc.blocks
        .iter()
        .filter_map(|b| b.heading_level().map(|l| (l, b.text.to_string())))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn para(t: &str) -> Block {
        Block {
            kind: BlockKind::Paragraph,
            text: t.into(),
            range: 0..0,
        }
    }
    fn head(t: &str, level: u8, run_in: bool) -> Block {
        Block {
            kind: BlockKind::Heading { level, run_in },
            text: t.into(),
            range: 0..0,
        }
    }

    #[test]
    fn ranges_and_sections() {
        let doc = Document::from_blocks(
            Metadata::default(),
            vec![
                para("引言。"),
                head("一、甲", 1, false),
                head("（一）乙", 2, true),
                para("（一）乙。正文"),
                head("二、丙", 1, false),
                para("末段"),
            ],
        );
        assert_eq!(
            doc.body_text(),
            "引言。\n一、甲\n（一）乙。正文\n二、丙\n末段"
        );
        assert_eq!(doc.blocks[2].range, 8..12);
        assert_eq!(doc.slice_chars(doc.blocks[2].range.clone()), "（一）乙");
        assert_eq!(doc.blocks[3].range, 8..15);
        assert_eq!(doc.preamble, vec![0]);
        assert_eq!(doc.root_sections, vec![0, 2]);
        assert_eq!(doc.sections[0].children, vec![1]);
        assert_eq!(doc.sections[1].paragraphs, vec![3]);
        assert_eq!(doc.sections[0].blocks, 1..4);
        assert_eq!(doc.heading_path(3), vec!["一、甲", "（一）乙"]);
        assert_eq!(doc.block_at_offset(10), Some(3));
        assert_eq!(doc.block_at_offset(0), Some(0));
        assert_eq!(doc.block_at_offset(21), Some(5));
        assert_eq!(doc.block_at_offset(22), None);
        assert_eq!(doc.paragraph_count(), 3);
    }
}

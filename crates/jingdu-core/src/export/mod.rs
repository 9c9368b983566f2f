//! Exports of notes: Markdown, HTML, Word (DOCX), W3C Web Annotation JSON, plain text and CSV —
//! all from the same notes in document order — and import of the JSON back.
//!
//! Like ripgrep's printers, every format writes to any `io::Write`, so each is tested against
//! golden files; [`write_to_path`] adds the atomic file write (temporary file, then rename) so
//! that a failed export never leaves half a file behind.

mod csv;
mod docx;
mod html;
mod markdown;
mod pdf;
mod places;
pub mod template;
mod text;
pub mod w3c;
pub mod w3c_import;

use std::io::Write;

use crate::i18n::{Lang, Text};
use std::path::Path;

use crate::document::typography::{display_heading, display_text};
use crate::document::{Document, Metadata};
use crate::notes::{DocInfo, Note, NoteKind, Palette};

pub use places::Places;
pub use w3c_import::{ImportError, Imported, MAX_IMPORT_BYTES, parse_import, read_import};

/// An export format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// CommonMark with the article's headings.
    Markdown,
    /// One standalone, print-friendly HTML file.
    Html,
    /// A Word document.
    Docx,
    /// W3C Web Annotation JSON (re-importable).
    Json,
    /// Plain UTF-8 text.
    Text,
    /// A table of the notes, one a row (UTF-8 with BOM, for Excel, WPS and Anki).
    Csv,
    /// A print-ready A4 PDF with the fonts embedded.
    Pdf,
}

impl Format {
    /// All formats, in the order offered.
    pub const ALL: [Format; 7] = [
        Format::Markdown,
        Format::Html,
        Format::Docx,
        Format::Pdf,
        Format::Json,
        Format::Text,
        Format::Csv,
    ];

    /// File extension without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Html => "html",
            Format::Docx => "docx",
            Format::Json => "json",
            Format::Text => "txt",
            Format::Csv => "csv",
            Format::Pdf => "pdf",
        }
    }

    /// Name shown in the export dialog and the Save dialog's filter, in the interface
    /// language.
    pub fn label(self) -> &'static str {
        let (zh, en) = match self {
            Format::Markdown => ("Markdown（.md）", "Markdown (.md)"),
            Format::Html => ("网页（.html）", "Web page (.html)"),
            Format::Docx => ("Word 文档（.docx）", "Word document (.docx)"),
            Format::Json => (
                "W3C 标注 JSON（.json，可再导入）",
                "W3C annotations JSON (.json, can be imported again)",
            ),
            Format::Text => ("纯文本（.txt）", "Plain text (.txt)"),
            Format::Csv => (
                "表格（.csv，Excel、WPS、Anki）",
                "Spreadsheet (.csv: Excel, WPS, Anki)",
            ),
            Format::Pdf => ("PDF（.pdf，可打印）", "PDF (.pdf, printable)"),
        };
        crate::i18n::tr(zh, en)
    }

    /// Parses a CLI name (`md`, `html`, `docx`, `pdf`, `json`, `txt`, `csv`).
    pub fn parse(name: &str) -> Option<Format> {
        match name.trim().to_ascii_lowercase().as_str() {
            "md" | "markdown" => Some(Format::Markdown),
            "html" | "htm" => Some(Format::Html),
            "docx" | "word" => Some(Format::Docx),
            "json" | "w3c" => Some(Format::Json),
            "txt" | "text" => Some(Format::Text),
            "csv" => Some(Format::Csv),
            "pdf" => Some(Format::Pdf),
            _ => None,
        }
    }

    /// Whether the format can carry the whole article with notes inline (in Word, as comments).
    pub fn supports_annotated_copy(self) -> bool {
        matches!(
            self,
            Format::Markdown | Format::Html | Format::Docx | Format::Pdf
        )
    }

    /// Whether the output is binary (not for a terminal).
    pub fn is_binary(self) -> bool {
        matches!(self, Format::Docx | Format::Pdf)
    }
}

/// Which notes to export.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Scope {
    /// Every note.
    #[default]
    All,
    /// Notes in one section (index in [`Document::sections`]) and its subsections.
    Section(usize),
}

/// What to export and how.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Options {
    /// The format.
    pub format: Format,
    /// Which notes.
    pub scope: Scope,
    /// Only notes carrying one of these tags (all when empty).
    pub tags: Vec<String>,
    /// Only notes of one of these colour keys (all when empty).
    pub colors: Vec<String>,
    /// Include the quoted passages.
    pub include_quotes: bool,
    /// Include the section headings.
    pub include_headings: bool,
    /// The whole article with notes inline (Markdown and HTML) or as comments (Word).
    pub annotated_copy: bool,
    /// The reader's template, for Markdown and text (the built-in layout when `None`).
    pub template: Option<template::UserTemplate>,
    /// The language of the export's own labels, when not the document's.
    pub labels: Option<Lang>,
}

impl Options {
    /// Default options for `format`: all notes, quotes and headings, no annotated copy.
    pub fn new(format: Format) -> Self {
        Options {
            format,
            scope: Scope::All,
            tags: Vec::new(),
            colors: Vec::new(),
            include_quotes: true,
            include_headings: true,
            annotated_copy: false,
            template: None,
            labels: None,
        }
    }
}

/// Everything an exporter reads.
#[derive(Clone)]
pub struct Export<'a> {
    /// The document.
    pub doc: &'a Document,
    /// Its identity (title, text hash).
    pub info: &'a DocInfo,
    /// A name for the document when it has no title.
    pub display_name: &'a str,
    /// Colour names.
    pub palette: &'a Palette,
    /// The notes to export, in document order (bookmarks are not notes: see `bookmarks`).
    pub notes: Vec<&'a Note>,
    /// The bookmarks among the notes given, in document order: every format lists them on
    /// their own, by place and label, after the notes.
    pub bookmarks: Vec<&'a Note>,
    /// Time of the export (RFC 3339), injected so that output is deterministic.
    pub generated: &'a str,
    /// Who wrote the notes (the 署名 setting), for the Word document's author and the heading
    /// lines; `None` leaves it out.
    pub author: Option<&'a str>,
    /// The reader's time zone: times print as the reader's clock showed them.
    pub zone: jiff::tz::TimeZone,
    /// Section and paragraph numbers of the document's blocks.
    pub places: Places,
    /// The language of the export's own labels (学习笔记, 位置, 创建…): the document's
    /// ([`labels_for`]) unless the reader asked for another.
    pub labels: Lang,
}

impl<'a> Export<'a> {
    /// An export of `notes` (already selected, in document order) at time `generated`, with no
    /// author and times in the system's time zone. The bookmarks among them go to their own
    /// list.
    pub fn new(
        doc: &'a Document,
        info: &'a DocInfo,
        display_name: &'a str,
        palette: &'a Palette,
        notes: Vec<&'a Note>,
        generated: &'a str,
    ) -> Self {
        let (bookmarks, notes) = notes
            .into_iter()
            .partition(|n| n.kind == NoteKind::Bookmark);
        Export {
            doc,
            info,
            display_name,
            palette,
            notes,
            bookmarks,
            generated,
            author: None,
            zone: jiff::tz::TimeZone::system(),
            places: Places::of(doc),
            labels: labels_for(doc),
        }
    }

    /// A label of the export in its label language.
    pub fn t(&self, zh: &'static str, en: &'static str) -> &'static str {
        Text::new(zh, en).get_in(self.labels)
    }

    /// A label template of the export, its `{}` filled with `args`.
    pub fn tf(
        &self,
        zh: &'static str,
        en: &'static str,
        args: &[&dyn std::fmt::Display],
    ) -> String {
        crate::i18n::fill_str(self.t(zh, en), args)
    }

    /// An RFC 3339 time as a reader of the labels' language writes it, on the reader's
    /// clock: `2026年11月28日 20:14`. Text that is not a time is printed as it is.
    pub fn time(&self, rfc3339: &str) -> String {
        match rfc3339.parse::<jiff::Timestamp>() {
            Ok(t) => t
                .to_zoned_datetime(self.zone.clone())
                .strftime(self.t("%Y年%-m月%-d日 %H:%M", "%-d %B %Y %H:%M"))
                .to_string(),
            Err(_) => rfc3339.to_owned(),
        }
    }

    /// An RFC 3339 time as ISO 8601 on the reader's clock (`2026-12-04T10:30:00+08:00`):
    /// what spreadsheets sort and parse as a date. Text that is not a time is kept.
    pub fn iso_time(&self, rfc3339: &str) -> String {
        match rfc3339.parse::<jiff::Timestamp>() {
            Ok(t) => t
                .to_zoned_datetime(self.zone.clone())
                .strftime("%Y-%m-%dT%H:%M:%S%:z")
                .to_string(),
            Err(_) => rfc3339.to_owned(),
        }
    }

    /// Who wrote the notes, trimmed; `None` when not given.
    pub fn author_name(&self) -> Option<&'a str> {
        self.author.map(str::trim).filter(|a| !a.is_empty())
    }

    /// Every tag of the exported notes, once each, in the order first used.
    pub fn tags(&self) -> Vec<&'a str> {
        let mut seen = std::collections::HashSet::new();
        self.notes
            .iter()
            .flat_map(|n| n.tags.iter().map(String::as_str))
            .filter(|t| seen.insert(*t))
            .collect()
    }

    /// The article's reference in GB/T 7714-2015 form, cited on the export date (see
    /// [`crate::document::cite`]).
    pub fn reference(&self) -> String {
        let online = self
            .info
            .path
            .as_deref()
            .is_some_and(|p| crate::document::cite::is_web_page(Path::new(p)));
        let accessed = match self.generated.parse::<jiff::Timestamp>() {
            Ok(t) => t
                .to_zoned_datetime(self.zone.clone())
                .strftime("%Y-%m-%d")
                .to_string(),
            Err(_) => self.generated.chars().take(10).collect(),
        };
        crate::document::cite::Citation::of(self.meta(), &self.title(), online).gbt7714(&accessed)
    }

    /// Where the note sits: `§2 ¶3`, and `第 12 页` in a document read from a PDF (empty
    /// for a note that lost its place).
    pub fn place(&self, n: &Note) -> String {
        let place = self.places.of_note(self.doc, n);
        match self.doc.page_at(n.anchor.start) {
            Some(page) if n.anchored => {
                let page = self.tf("第 {} 页", "p. {}", &[&page]);
                if place.is_empty() {
                    page
                } else {
                    format!("{place}{}{page}", self.t("，", ", "))
                }
            }
            _ => place,
        }
    }

    /// The link that opens jingdu at this note.
    pub fn link(&self, n: &Note) -> String {
        crate::links::note_link(&self.info.id, &n.id)
    }

    /// The note's passage, ready to be put inside “” (its own quotation marks nested).
    pub fn quote(&self, n: &Note) -> String {
        crate::document::typography::nested_quote(&display_text(&n.anchor.quote))
    }

    /// The colours the exported notes use, in palette order: the legend.
    pub fn legend(&self) -> Vec<LegendEntry> {
        self.palette
            .colors
            .iter()
            .filter(|c| self.notes.iter().any(|n| n.color == c.key))
            .map(|c| LegendEntry {
                hue: hue_name(&c.key, self.labels),
                name: c.name.clone(),
                rgb: c.rgb,
            })
            .collect()
    }

    /// The facts printed under a note: its place, tags (if any), created and (if different)
    /// modified times, as `(label, value)`.
    pub fn facts(&self, n: &Note) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        let place = self.place(n);
        if !place.is_empty() {
            out.push((self.t("位置", "Place"), place));
        }
        if !n.tags.is_empty() {
            let tags: Vec<String> = n.tags.iter().map(|t| format!("#{t}")).collect();
            out.push((self.t("标签", "Tags"), tags.join(" ")));
        }
        out.push((self.t("创建", "Created"), self.time(&n.created)));
        if n.modified != n.created {
            out.push((self.t("修改", "Modified"), self.time(&n.modified)));
        }
        out
    }

    /// The title to print, spaced as the reader shows it ([`display_heading`]).
    pub fn title(&self) -> String {
        display_heading(self.doc.meta.title.as_deref().unwrap_or(self.display_name))
    }

    /// The metadata.
    pub fn meta(&self) -> &Metadata {
        &self.doc.meta
    }

    /// Heading path of a note in display form (current text; `未定位` when not anchored).
    pub fn heading_path(&self, n: &Note) -> Vec<String> {
        if !n.anchored {
            return vec![UNANCHORED.get_in(self.labels).to_owned()];
        }
        let path = match crate::notes::block_for(self.doc, n) {
            Some(b) => self.doc.heading_path(b),
            None => n.anchor.heading_path.clone(),
        };
        path.iter().map(|h| display_heading(h)).collect()
    }

    /// A one-line description of the note's target kind and colour (`摘句 · 重点`).
    pub fn label(&self, n: &Note) -> String {
        format!(
            "{} · {}",
            kind_label(n.kind, self.labels),
            self.palette.name_of(&n.color)
        )
    }

    /// The metadata lines printed under the title.
    pub fn meta_lines(&self) -> Vec<(String, String)> {
        let m = self.meta();
        let mut out = Vec::new();
        if let Some(c) = &m.column {
            out.push((self.t("栏目", "Column").to_owned(), c.clone()));
        }
        if let Some(a) = &m.author {
            let v = match &m.affiliation {
                Some(aff) => self.tf("{}（{}）", "{} ({})", &[a, aff]),
                None => a.clone(),
            };
            out.push((self.t("作者", "Author").to_owned(), v));
        }
        if let Some(d) = &m.published {
            out.push((self.t("发表日期", "Published").to_owned(), d.clone()));
        }
        if let Some(s) = &m.source {
            out.push((self.t("来源", "Source").to_owned(), s.clone()));
        }
        if !m.breadcrumb.is_empty() {
            out.push((
                self.t("栏目路径", "Site path").to_owned(),
                m.breadcrumb.join(" › "),
            ));
        }
        if let Some(p) = &self.info.path {
            out.push((self.t("文件", "File").to_owned(), p.clone()));
        }
        if let Some(a) = self.author_name() {
            out.push((self.t("笔记作者", "Notes by").to_owned(), a.to_owned()));
        }
        out.push((
            self.t("笔记", "Notes").to_owned(),
            self.tf("{} 条", "{}", &[&self.notes.len()]),
        ));
        let legend = self.legend();
        if !legend.is_empty() {
            let line: Vec<String> = legend
                .iter()
                .map(|c| self.tf("{}＝{}", "{} = {}", &[&c.hue, &c.name]))
                .collect();
            out.push((
                self.t("颜色", "Colours").to_owned(),
                line.join(self.t("　", "; ")),
            ));
        }
        out.push((
            self.t("导出时间", "Exported").to_owned(),
            self.time(self.generated),
        ));
        out.push((self.t("引用", "Cite as").to_owned(), self.reference()));
        out
    }
}

/// One colour of the legend.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LegendEntry {
    /// The colour in words (`黄`), for formats without colour.
    pub hue: &'static str,
    /// The reader's name for it (`重点`).
    pub name: String,
    /// sRGB.
    pub rgb: [u8; 3],
}

/// The colour a palette key names, in one word of `lang`.
fn hue_name(key: &str, lang: Lang) -> &'static str {
    let (zh, en) = match key {
        "yellow" => ("黄", "yellow"),
        "blue" => ("蓝", "blue"),
        "green" => ("绿", "green"),
        "purple" => ("紫", "purple"),
        "red" => ("红", "red"),
        "gray" | "grey" => ("灰", "grey"),
        "orange" => ("橙", "orange"),
        "pink" => ("粉", "pink"),
        _ => ("色", "colour"),
    };
    Text::new(zh, en).get_in(lang)
}

/// A line of the bookmark list: where the bookmark is and what it is called.
pub struct BookmarkLine {
    /// `§3 ¶1` (empty for a bookmark that lost its place).
    pub place: String,
    /// The bookmark's name, or the first words of its paragraph when it has none.
    pub label: String,
    /// The link that opens jingdu at it.
    pub link: String,
}

/// Heading of the bookmark list.
pub const BOOKMARKS: Text = Text::new("书签", "Bookmarks");

/// How many chars of its paragraph name a bookmark without a name of its own.
const BOOKMARK_LABEL_CHARS: usize = 24;

impl Export<'_> {
    /// The bookmark list: place, label and link of each bookmark, in document order.
    pub fn bookmark_lines(&self) -> Vec<BookmarkLine> {
        self.bookmarks
            .iter()
            .map(|n| {
                let label = match n.text.trim() {
                    "" => {
                        let words: String = display_text(&n.anchor.quote)
                            .split_whitespace()
                            .collect::<Vec<_>>()
                            .join(" ");
                        let mut label: String = words.chars().take(BOOKMARK_LABEL_CHARS).collect();
                        if words.chars().count() > BOOKMARK_LABEL_CHARS {
                            label.push('…');
                        }
                        label
                    }
                    named => named.split_whitespace().collect::<Vec<_>>().join(" "),
                };
                BookmarkLine {
                    place: self.place(n),
                    label,
                    link: self.link(n),
                }
            })
            .collect()
    }

    /// Every note and bookmark given, in document order: for formats that carry data rather
    /// than a listing (the W3C annotations).
    pub fn notes_and_bookmarks(&self) -> Vec<&Note> {
        let mut all: Vec<&Note> = self.notes.iter().chain(&self.bookmarks).copied().collect();
        all.sort_by(|a, b| {
            let key = |n: &Note| (!n.anchored, n.anchor.start, n.kind, n.anchor.end);
            key(a)
                .cmp(&key(b))
                .then_with(|| (&a.created, &a.id).cmp(&(&b.created, &b.id)))
        });
        all
    }
}

/// One note of a listing with the headings to print before it.
pub struct Entry<'a> {
    /// The note's number, shown as `〔n〕`.
    pub number: usize,
    /// Headings that open before this note: `(depth from 0, text)`, the part of its heading
    /// path that differs from the previous note's.
    pub headings: Vec<(usize, String)>,
    /// The note.
    pub note: &'a Note,
}

impl<'a> Export<'a> {
    /// The notes with their numbers (`〔n〕`), in order.
    pub fn numbered(&self) -> Vec<(usize, &'a Note)> {
        self.notes
            .iter()
            .enumerate()
            .map(|(i, &n)| (i + 1, n))
            .collect()
    }

    /// The notes in order, each with the headings that open before it (none when headings
    /// are not wanted).
    pub fn entries(&self, with_headings: bool) -> Vec<Entry<'a>> {
        let mut current: Vec<String> = Vec::new();
        self.notes
            .iter()
            .enumerate()
            .map(|(i, &note)| {
                let mut headings = Vec::new();
                if with_headings {
                    let path = self.heading_path(note);
                    let path = if path.is_empty() {
                        vec![BEFORE_FIRST_HEADING.get_in(self.labels).to_owned()]
                    } else {
                        path
                    };
                    let common = current
                        .iter()
                        .zip(&path)
                        .take_while(|(a, b)| a == b)
                        .count();
                    headings = path.iter().cloned().enumerate().skip(common).collect();
                    current = path;
                }
                Entry {
                    number: i + 1,
                    headings,
                    note,
                }
            })
            .collect()
    }
}

/// The name the user logs in with (`$USER`, `%USERNAME%`): the author of notes when the reader
/// has not set one. `None` when unset or not a plain name.
pub fn login_name() -> Option<String> {
    ["USER", "USERNAME", "LOGNAME"]
        .iter()
        .filter_map(|k| std::env::var(k).ok())
        .map(|v| crate::terminal_safe::strip_controls(v.trim()).into_owned())
        .find(|v| !v.is_empty() && v.chars().count() <= 64)
}

/// Group heading for notes before the first heading.
pub const BEFORE_FIRST_HEADING: Text = Text::new("正文开头", "Opening");

/// Group heading for unanchored notes.
pub const UNANCHORED: Text = Text::new("未定位的笔记", "Notes not located");

/// The kind of target as printed in exports, in `lang`.
pub fn kind_label(kind: NoteKind, lang: Lang) -> &'static str {
    let (zh, en) = match kind {
        NoteKind::Section => ("章节笔记", "Section note"),
        NoteKind::Paragraph => ("段落笔记", "Paragraph note"),
        NoteKind::Passage => ("摘句", "Passage"),
        NoteKind::Bookmark => ("书签", "Bookmark"),
    };
    Text::new(zh, en).get_in(lang)
}

/// The language of a document's export labels: 繁體中文 for a text in Traditional
/// characters, else 简体中文.
pub fn labels_for(doc: &Document) -> Lang {
    if crate::document::script::looks_traditional(doc.body_text()) {
        Lang::ZhHant
    } else {
        Lang::ZhHans
    }
}

/// The notes `options` select, in document order.
pub fn select_notes<'a>(doc: &Document, notes: &'a [Note], options: &Options) -> Vec<&'a Note> {
    notes
        .iter()
        .filter(|n| options.tags.is_empty() || n.tags.iter().any(|t| options.tags.contains(t)))
        .filter(|n| options.colors.is_empty() || options.colors.contains(&n.color))
        .filter(|n| match options.scope {
            Scope::All => true,
            Scope::Section(sec) => {
                n.anchored
                    && doc.sections.get(sec).is_some_and(|s| {
                        crate::notes::block_for(doc, n).is_some_and(|b| s.blocks.contains(&b))
                    })
            }
        })
        .collect()
}

/// Why an export failed. Messages name the file last.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// Writing failed.
    #[error("{}", crate::i18n::trf("导出失败（{}）：{}", "The export failed ({}): {}", &[&.reason, &.path]))]
    Write {
        /// Destination.
        path: String,
        /// Why.
        reason: String,
    },
    /// The DOCX library failed.
    #[error("{}", crate::i18n::trf("无法生成 Word 文档：{}", "Cannot make the Word document: {}", &[&.0]))]
    Docx(String),
    /// The PDF library failed.
    #[error("{}", crate::i18n::trf("无法生成 PDF：{}", "Cannot make the PDF: {}", &[&.0]))]
    Pdf(String),
    /// The reader's template could not be read or rendered.
    #[error("{}", crate::i18n::trf("模板出错：{}", "Template error: {}", &[&.0]))]
    Template(String),
}

impl ExportError {
    /// A write to `path` (or a name for the output, such as standard output) that failed.
    pub fn io(path: &str, e: &std::io::Error) -> Self {
        ExportError::Write {
            path: path.to_owned(),
            reason: crate::fsutil::describe_io_error(e),
        }
    }
}

/// Writes the export to `out`.
pub fn write(
    export: &Export<'_>,
    options: &Options,
    out: &mut dyn Write,
) -> Result<(), ExportError> {
    // Labels in another language than the document's, when asked for.
    let relabelled;
    let export = match options.labels {
        Some(lang) if lang != export.labels => {
            relabelled = Export {
                labels: lang,
                ..export.clone()
            };
            &relabelled
        }
        _ => export,
    };
    if let Some(t) = options
        .template
        .as_ref()
        .filter(|_| matches!(options.format, Format::Markdown | Format::Text))
    {
        let text = template::render(export, t)?;
        return out
            .write_all(text.as_bytes())
            .map_err(|e| ExportError::io(crate::i18n::tr("（输出）", "(output)"), &e));
    }
    let result = match options.format {
        Format::Markdown => markdown::write(export, options, out),
        Format::Html => html::write(export, options, out),
        Format::Text => text::write(export, options, out),
        Format::Json => w3c::write(export, out),
        Format::Csv => csv::write(export, out),
        Format::Docx => return docx::write(export, options, out),
        Format::Pdf => return pdf::write(export, options, out),
    };
    result.map_err(|e| ExportError::io(crate::i18n::tr("（输出）", "(output)"), &e))
}

/// Writes the export to `path` atomically: on any error the destination is untouched and no
/// partial file remains.
pub fn write_to_path(
    export: &Export<'_>,
    options: &Options,
    path: &Path,
) -> Result<(), ExportError> {
    let shown = path.display().to_string();
    let mut buf = Vec::new();
    write(export, options, &mut buf)?;
    crate::fsutil::write_atomic(path, &buf).map_err(|e| ExportError::io(&shown, &e))
}

/// Default file name: `<title>_<date>_学习笔记.<ext>` with characters file systems refuse
/// replaced.
pub fn default_file_name(meta: &Metadata, display_name: &str, format: Format) -> String {
    let title = meta.title.as_deref().unwrap_or(display_name);
    let title: String = display_text(title)
        .chars()
        .map(|c| {
            if "/\\:*?\"<>|".contains(c) || c.is_control() {
                '_'
            } else {
                c
            }
        })
        .take(60)
        .collect();
    let title = title.trim().trim_matches(['.', '_', ' ']);
    let title = if title.is_empty() { "未命名" } else { title };
    match &meta.published {
        Some(d) => format!("{title}_{d}_学习笔记.{}", format.extension()),
        None => format!("{title}_学习笔记.{}", format.extension()),
    }
}

/// Removes chars that XML 1.0 (and so DOCX) cannot hold; Word refuses files containing them.
pub fn xml_safe(s: &str) -> String {
    s.chars()
        .filter(|&c| {
            matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{FFFE}' && c != '\u{FFFF}')
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_safe() {
        let meta = Metadata {
            title: Some("标题: a/b?".into()),
            published: Some("2018-11-08".into()),
            ..Default::default()
        };
        assert_eq!(
            default_file_name(&meta, "x", Format::Markdown),
            "标题： a_b_2018-11-08_学习笔记.md"
        );
        let none = Metadata::default();
        assert_eq!(
            default_file_name(&none, "祝福", Format::Docx),
            "祝福_学习笔记.docx"
        );
    }

    #[test]
    fn formats_parse() {
        for f in Format::ALL {
            assert_eq!(Format::parse(f.extension()), Some(f));
        }
        assert_eq!(Format::parse("odt"), None);
    }

    #[test]
    fn xml_unsafe_chars_are_dropped() {
        assert_eq!(xml_safe("a\u{0}b\u{1b}c\td\n"), "abc\td\n");
    }
}

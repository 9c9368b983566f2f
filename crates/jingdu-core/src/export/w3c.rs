//! W3C Web Annotation Data Model JSON: an `AnnotationCollection` whose first page lists one
//! `Annotation` per note, with a `TextQuoteSelector` and a `TextPositionSelector` (positions in
//! Unicode code points = our char offsets), the note as a `commenting` body and each tag as a
//! `tagging` body. What jingdu needs to restore a note exactly (kind, colour key and name,
//! block path) travels in extra `jingdu:` properties, which the standard allows.
//!
//! Import ([`super::w3c_import`]) reads this format back: the same note id keeps the newer
//! version, nothing is duplicated, and anchors re-anchor against the open document.

use std::io::{self, Write};

use serde_json::{Value, json};

use crate::notes::Note;

use super::Export;

const CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";
const JINGDU_NS: &str = "https://jingdu.invalid/ns#";

fn note_iri(id: &str) -> String {
    if id.contains(':') {
        id.to_owned()
    } else {
        format!("urn:uuid:{id}")
    }
}

fn document_iri(e: &Export<'_>) -> String {
    format!("urn:jingdu:text:sha256:{}", e.info.text_hash)
}

// The shapes written, as borrowed structs: serialising them directly is several times faster
// than building `serde_json::Value`s for ten thousand notes. Field order is output order.

#[derive(serde::Serialize)]
struct Body<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    value: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    format: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    language: Option<&'static str>,
    purpose: &'static str,
}

#[derive(serde::Serialize)]
#[serde(untagged)]
enum Selector<'a> {
    Quote {
        #[serde(rename = "type")]
        kind: &'static str,
        exact: &'a str,
        #[serde(skip_serializing_if = "str::is_empty")]
        prefix: &'a str,
        #[serde(skip_serializing_if = "str::is_empty")]
        suffix: &'a str,
    },
    Position {
        #[serde(rename = "type")]
        kind: &'static str,
        start: usize,
        end: usize,
    },
}

#[derive(serde::Serialize)]
struct Target<'a> {
    source: &'a str,
    selector: [Selector<'a>; 2],
}

#[derive(serde::Serialize)]
struct Color<'a> {
    key: &'a str,
    name: String,
    rgb: String,
}

#[derive(serde::Serialize)]
struct Annotation<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    motivation: &'static str,
    created: &'a str,
    modified: &'a str,
    body: Vec<Body<'a>>,
    target: Target<'a>,
    #[serde(rename = "jingdu:kind")]
    note_kind: &'static str,
    #[serde(rename = "jingdu:color")]
    color: Color<'a>,
    #[serde(rename = "jingdu:headingPath")]
    heading_path: &'a [String],
    #[serde(rename = "jingdu:block")]
    block: usize,
    #[serde(rename = "jingdu:anchored")]
    anchored: bool,
    /// The note's version: an import knows whether a deletion has seen it.
    #[serde(rename = "jingdu:rev")]
    rev: u64,
    /// Where a reader cites it: `§2 ¶3` (absent when the note lost its place).
    #[serde(rename = "jingdu:place", skip_serializing_if = "String::is_empty")]
    place: String,
    /// The link that opens jingdu at the note.
    #[serde(rename = "jingdu:link")]
    link: String,
}

fn annotation<'a>(e: &Export<'_>, n: &'a Note, source: &'a str) -> Annotation<'a> {
    let mut body = vec![Body {
        kind: "TextualBody",
        value: &n.text,
        format: Some("text/plain"),
        language: Some("zh"),
        purpose: "commenting",
    }];
    body.extend(n.tags.iter().map(|t| Body {
        kind: "TextualBody",
        value: t,
        format: None,
        language: None,
        purpose: "tagging",
    }));
    let [r, g, b] = e.palette.entry(&n.color).rgb;
    let a = &n.anchor;
    Annotation {
        context: CONTEXT,
        id: note_iri(&n.id),
        kind: "Annotation",
        // The Web Annotation vocabulary has a motivation for exactly this.
        motivation: if n.kind == crate::notes::NoteKind::Bookmark {
            "bookmarking"
        } else {
            "commenting"
        },
        created: &n.created,
        modified: &n.modified,
        body,
        target: Target {
            source,
            selector: [
                Selector::Quote {
                    kind: "TextQuoteSelector",
                    exact: &a.quote,
                    prefix: &a.prefix,
                    suffix: &a.suffix,
                },
                Selector::Position {
                    kind: "TextPositionSelector",
                    start: a.start,
                    end: a.end,
                },
            ],
        },
        note_kind: n.kind.as_str(),
        color: Color {
            key: &n.color,
            name: e.palette.name_of(&n.color),
            rgb: format!("#{r:02x}{g:02x}{b:02x}"),
        },
        heading_path: &a.heading_path,
        block: a.block,
        anchored: n.anchored,
        rev: n.rev,
        place: e.place(n),
        link: e.link(n),
    }
}

#[derive(serde::Serialize)]
struct Generator {
    id: &'static str,
    #[serde(rename = "type")]
    kind: &'static str,
    name: String,
}

#[derive(serde::Serialize)]
struct DocumentInfo<'a> {
    id: &'a str,
    title: Option<&'a str>,
    path: Option<&'a str>,
    #[serde(rename = "textHash")]
    text_hash: &'a str,
    chars: usize,
}

#[derive(serde::Serialize)]
struct Page<'a> {
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(rename = "startIndex")]
    start_index: usize,
    items: Vec<Annotation<'a>>,
}

#[derive(serde::Serialize)]
struct Collection<'a> {
    #[serde(rename = "@context")]
    context: (&'static str, Value),
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    label: String,
    total: usize,
    generated: &'a str,
    generator: Generator,
    #[serde(rename = "jingdu:document")]
    document: DocumentInfo<'a>,
    first: Page<'a>,
}

/// Writes the JSON export.
pub fn write(e: &Export<'_>, out: &mut dyn Write) -> io::Result<()> {
    let source = document_iri(e);
    // Bookmarks are annotations too (motivation `bookmarking`): JSON carries everything, so
    // that an import restores it.
    let all = e.notes_and_bookmarks();
    let items: Vec<Annotation<'_>> = all.iter().map(|n| annotation(e, n, &source)).collect();
    let id = format!("urn:jingdu:notes:{}", e.info.id);
    let collection = Collection {
        context: (CONTEXT, json!({ "jingdu": JINGDU_NS })),
        id: id.clone(),
        kind: "AnnotationCollection",
        label: e.tf("{} · 学习笔记", "{} · Study notes", &[&e.title()]),
        total: items.len(),
        generated: e.generated,
        generator: Generator {
            id: "https://jingdu.invalid/",
            kind: "Software",
            name: format!("jingdu 精读 {}", env!("CARGO_PKG_VERSION")),
        },
        document: DocumentInfo {
            id: &e.info.id,
            title: e.doc.meta.title.as_deref(),
            path: e.info.path.as_deref(),
            text_hash: &e.info.text_hash,
            chars: e.info.chars,
        },
        first: Page {
            id: format!("{id}#page1"),
            kind: "AnnotationPage",
            start_index: 0,
            items,
        },
    };
    let mut w = io::BufWriter::new(out);
    serde_json::to_writer_pretty(&mut w, &collection).map_err(io::Error::other)?;
    writeln!(w)?;
    w.flush()
}

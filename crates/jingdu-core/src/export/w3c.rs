//! W3C Web Annotation Data Model JSON: an `AnnotationCollection` whose first page lists one
//! `Annotation` per note, with a `TextQuoteSelector` and a `TextPositionSelector` (positions in
//! Unicode code points = our char offsets), the note as a `commenting` body and each tag as a
//! `tagging` body. What jingdu needs to restore a note exactly (kind, colour key and name,
//! block path) travels in extra `jingdu:` properties, which the standard allows.
//!
//! Import reads this format back: the same note id keeps the newer version, nothing is
//! duplicated, and anchors re-anchor against the open document.

use std::io::{self, Write};

use serde_json::{Value, json};

use crate::notes::{Anchor, Note, NoteKind, normalize_tags};

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
        motivation: "commenting",
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
    let items: Vec<Annotation<'_>> = e.notes.iter().map(|n| annotation(e, n, &source)).collect();
    let id = format!("urn:jingdu:notes:{}", e.info.id);
    let collection = Collection {
        context: (CONTEXT, json!({ "jingdu": JINGDU_NS })),
        id: id.clone(),
        kind: "AnnotationCollection",
        label: format!("{} · 学习笔记", e.title()),
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

/// Notes read from a JSON export.
#[derive(Clone, Debug, PartialEq)]
pub struct Imported {
    /// The notes, as written (to be re-anchored against the open document).
    pub notes: Vec<Note>,
    /// Title of the document the notes were written on.
    pub title: Option<String>,
    /// SHA-256 of that document's body text.
    pub text_hash: Option<String>,
}

/// Why an import was refused. Nothing changes when an import fails.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file could not be read.
    #[error("无法读取要导入的文件（{reason}）：{path}")]
    Unreadable {
        /// The file.
        path: String,
        /// Why.
        reason: String,
    },
    /// The file is not JSON or not in the expected shape.
    #[error("不是精读导出的 W3C 标注 JSON（{reason}）：{path}")]
    Malformed {
        /// The file.
        path: String,
        /// What is wrong.
        reason: String,
    },
}

/// Reads a JSON export from `path`.
pub fn read_import(path: &std::path::Path) -> Result<Imported, ImportError> {
    let shown = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| ImportError::Unreadable {
        path: shown.clone(),
        reason: crate::fsutil::describe_io_error(&e),
    })?;
    parse_import(&bytes).map_err(|reason| ImportError::Malformed {
        path: shown,
        reason,
    })
}

/// Parses a JSON export; the error says what is wrong. A collection's annotations are read
/// one at a time — each becomes a note before the next is parsed — so that a file of 100 000
/// annotations never exists as one JSON tree in memory.
pub fn parse_import(bytes: &[u8]) -> Result<Imported, String> {
    let json_error = |e: serde_json::Error| format!("JSON 格式错误：{e}");
    if bytes.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'[') {
        let notes: StreamedNotes = serde_json::from_slice(bytes).map_err(json_error)?;
        return Ok(Imported {
            notes: notes.0?,
            title: None,
            text_hash: None,
        });
    }
    let top: TopLevel = serde_json::from_slice(bytes).map_err(json_error)?;
    let text = |k: &str| {
        top.document
            .as_ref()
            .and_then(|d| d.get(k))
            .and_then(Value::as_str)
            .map(str::to_owned)
    };
    let (notes, title, text_hash) = match top.kind.as_deref() {
        Some("AnnotationCollection") => {
            let page = top.first.ok_or("缺少 first.items")?;
            let items = page.items.ok_or("缺少 first.items")?;
            (items.0?, text("title"), text("textHash"))
        }
        Some("AnnotationPage") => (top.items.ok_or("缺少 items")?.0?, None, None),
        Some("Annotation") => {
            // A single annotation: small enough to read as a tree.
            let v: Value = serde_json::from_slice(bytes).map_err(json_error)?;
            (
                vec![note_from(&v).map_err(|e| format!("第 1 条标注：{e}"))?],
                None,
                None,
            )
        }
        _ => return Err("顶层既不是 AnnotationCollection 也不是 Annotation".into()),
    };
    Ok(Imported {
        notes,
        title,
        text_hash,
    })
}

/// The parts of an export's top level that import reads; the rest is skipped unparsed.
#[derive(serde::Deserialize)]
struct TopLevel {
    #[serde(rename = "type")]
    kind: Option<String>,
    first: Option<ImportPage>,
    items: Option<StreamedNotes>,
    #[serde(rename = "jingdu:document")]
    document: Option<Value>,
}

#[derive(serde::Deserialize)]
struct ImportPage {
    items: Option<StreamedNotes>,
}

/// A JSON array of annotations turned into notes while it is read, or the first error (with
/// the annotation's number).
struct StreamedNotes(Result<Vec<Note>, String>);

impl<'de> serde::Deserialize<'de> for StreamedNotes {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = StreamedNotes;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an array of annotations")
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<StreamedNotes, A::Error> {
                let mut notes = Vec::with_capacity(seq.size_hint().unwrap_or(0));
                while let Some(item) = seq.next_element::<Value>()? {
                    match note_from(&item) {
                        Ok(n) => notes.push(n),
                        Err(e) => {
                            let failed = format!("第 {} 条标注：{e}", notes.len() + 1);
                            // Read the rest so that the JSON error, if any, still surfaces.
                            while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {}
                            return Ok(StreamedNotes(Err(failed)));
                        }
                    }
                }
                Ok(StreamedNotes(Ok(notes)))
            }
        }
        d.deserialize_seq(Visit)
    }
}

fn note_from(a: &Value) -> Result<Note, String> {
    if a.get("type").and_then(Value::as_str) != Some("Annotation") {
        return Err("type 不是 Annotation".into());
    }
    let id = a.get("id").and_then(Value::as_str).ok_or("缺少 id")?;
    let id = id.strip_prefix("urn:uuid:").unwrap_or(id).to_owned();
    if id.trim().is_empty() {
        return Err("id 为空".into());
    }
    let selectors = match a.pointer("/target/selector") {
        Some(Value::Array(s)) => s.clone(),
        Some(s @ Value::Object(_)) => vec![s.clone()],
        _ => return Err("target 缺少 selector".into()),
    };
    let find = |t: &str| {
        selectors
            .iter()
            .find(|s| s.get("type").and_then(Value::as_str) == Some(t))
    };
    let quote = find("TextQuoteSelector");
    let position = find("TextPositionSelector");
    let exact = quote.and_then(|q| q.get("exact")).and_then(Value::as_str);
    let start = position
        .and_then(|p| p.get("start"))
        .and_then(Value::as_u64);
    let end = position.and_then(|p| p.get("end")).and_then(Value::as_u64);
    if exact.is_none() && start.is_none() {
        return Err("缺少 TextQuoteSelector 和 TextPositionSelector".into());
    }
    let s = |v: Option<&Value>| v.and_then(Value::as_str).unwrap_or_default().to_owned();
    let (start, end) = (start.unwrap_or(0) as usize, end.unwrap_or(0) as usize);
    if end < start {
        return Err("TextPositionSelector 的 end 小于 start".into());
    }
    let bodies: Vec<Value> = match a.get("body") {
        Some(Value::Array(b)) => b.clone(),
        Some(b @ Value::Object(_)) => vec![b.clone()],
        _ => Vec::new(),
    };
    let purpose = |b: &Value| b.get("purpose").and_then(Value::as_str).map(str::to_owned);
    let text = bodies
        .iter()
        .find(|b| purpose(b).as_deref() != Some("tagging"))
        .and_then(|b| b.get("value"))
        .and_then(Value::as_str)
        .or_else(|| a.get("bodyValue").and_then(Value::as_str))
        .unwrap_or_default()
        .to_owned();
    let tags = normalize_tags(
        bodies
            .iter()
            .filter(|b| purpose(b).as_deref() == Some("tagging"))
            .filter_map(|b| b.get("value").and_then(Value::as_str).map(str::to_owned)),
    );
    let kind = match a.get("jingdu:kind").and_then(Value::as_str) {
        Some("section") => NoteKind::Section,
        Some("paragraph") => NoteKind::Paragraph,
        _ => NoteKind::Passage,
    };
    let color = a
        .pointer("/jingdu:color/key")
        .and_then(Value::as_str)
        .unwrap_or(crate::notes::DEFAULT_COLOR)
        .to_owned();
    let heading_path = a
        .get("jingdu:headingPath")
        .and_then(Value::as_array)
        .map(|v| {
            v.iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default();
    let created = a
        .get("created")
        .and_then(Value::as_str)
        .unwrap_or("1970-01-01T00:00:00Z")
        .to_owned();
    let modified = a
        .get("modified")
        .and_then(Value::as_str)
        .unwrap_or(&created)
        .to_owned();
    Ok(Note {
        id,
        kind,
        anchor: Anchor {
            start,
            end,
            quote: exact.map(str::to_owned).unwrap_or_default(),
            prefix: s(quote.and_then(|q| q.get("prefix"))),
            suffix: s(quote.and_then(|q| q.get("suffix"))),
            heading_path,
            block: a.get("jingdu:block").and_then(Value::as_u64).unwrap_or(0) as usize,
        },
        text,
        color,
        tags,
        created,
        modified,
        anchored: a
            .get("jingdu:anchored")
            .and_then(Value::as_bool)
            .unwrap_or(true),
        rev: 0,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn malformed_inputs_are_refused_with_a_reason() {
        assert!(parse_import(b"not json").unwrap_err().contains("JSON"));
        assert!(parse_import(b"{\"type\":\"Other\"}").is_err());
        let no_selector = br#"{"type":"Annotation","id":"urn:uuid:x","target":{"source":"s"}}"#;
        assert!(parse_import(no_selector).unwrap_err().contains("selector"));
        let bad_range = br#"{"type":"Annotation","id":"x","target":{"selector":{"type":"TextPositionSelector","start":5,"end":2}}}"#;
        assert!(parse_import(bad_range).is_err());
    }

    #[test]
    fn a_plain_w3c_annotation_from_another_tool_imports() {
        let a = r#"{"@context":"http://www.w3.org/ns/anno.jsonld","id":"http://example.org/anno1",
            "type":"Annotation","bodyValue":"comment",
            "target":{"source":"http://example.org/page","selector":{"type":"TextQuoteSelector","exact":"组织力"}}}"#;
        let imp = parse_import(a.as_bytes()).unwrap();
        assert_eq!(imp.notes[0].text, "comment");
        assert_eq!(imp.notes[0].kind, NoteKind::Passage);
        assert_eq!(imp.notes[0].anchor.quote, "组织力");
    }

    #[test]
    fn collections_pages_and_arrays_are_read_annotation_by_annotation() {
        let one = |id: &str| {
            format!(
                r#"{{"type":"Annotation","id":"{id}","bodyValue":"笔记{id}",
                "target":{{"selector":{{"type":"TextQuoteSelector","exact":"组织力"}}}}}}"#
            )
        };
        let items = format!("[{},{}]", one("a"), one("b"));
        let collection = format!(
            r#"{{"@context":"x","type":"AnnotationCollection","total":2,
            "jingdu:document":{{"title":"标题","textHash":"h"}},
            "first":{{"type":"AnnotationPage","items":{items}}}}}"#
        );
        let imp = parse_import(collection.as_bytes()).unwrap();
        let ids: Vec<&str> = imp.notes.iter().map(|n| n.id.as_str()).collect();
        assert_eq!(ids, vec!["a", "b"]);
        assert_eq!(imp.title.as_deref(), Some("标题"));
        assert_eq!(imp.text_hash.as_deref(), Some("h"));
        let page = format!(r#"{{"type":"AnnotationPage","items":{items}}}"#);
        assert_eq!(parse_import(page.as_bytes()).unwrap().notes.len(), 2);
        assert_eq!(parse_import(items.as_bytes()).unwrap().notes.len(), 2);
        // A bad annotation is named by its number.
        let bad = format!(r#"[{},{{"type":"Annotation"}}]"#, one("a"));
        assert!(
            parse_import(bad.as_bytes())
                .unwrap_err()
                .starts_with("第 2 条标注")
        );
        let empty = r#"{"type":"AnnotationCollection"}"#;
        assert!(
            parse_import(empty.as_bytes())
                .unwrap_err()
                .contains("first.items")
        );
    }
}

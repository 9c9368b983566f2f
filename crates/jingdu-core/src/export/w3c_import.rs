//! Reading W3C Web Annotation JSON back into notes: jingdu's own exports (collection, page,
//! bare array or single annotation) and other tools' annotations in the same model.
//!
//! The JSON is deserialized straight into borrowed, typed structs — one annotation at a time,
//! never as a `serde_json::Value` tree — so that 100 000 annotations read in a fraction of a
//! second. Every leaf is read as a [`Leaf`], which accepts any JSON value, so that a value of
//! the wrong kind is refused with the annotation's number and the field's name in Chinese
//! ("第 3 条标注：created 应为文字，却是数字") instead of serde's English.
//!
//! Import is strict: what it accepts, jingdu's own export writes back as valid W3C JSON.
//! Timestamps must be RFC 3339 date-times, ids IRIs without control characters, bodies text.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::Deserialize;
use serde::de::{self, Deserializer, IgnoredAny, IntoDeserializer, MapAccess, SeqAccess, Visitor};

use crate::notes::{Anchor, DEFAULT_COLOR, Note, NoteKind, normalize_tags};

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

/// The largest file import reads: 100 000 annotations as jingdu writes them take 175 MB.
pub const MAX_IMPORT_BYTES: u64 = 512 * 1024 * 1024;

/// Why an import was refused. Nothing changes when an import fails.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file could not be read.
    #[error("{}", crate::i18n::trf("无法读取要导入的文件（{}）：{}", "Cannot read the file to import ({}): {}", &[&.reason, &.path]))]
    Unreadable {
        /// The file.
        path: String,
        /// Why.
        reason: String,
    },
    /// The file is not JSON or not in the expected shape.
    #[error("{}", crate::i18n::trf("不是精读导出的 W3C 标注 JSON（{}）：{}", "Not W3C annotations JSON exported by jingdu ({}): {}", &[&.reason, &.path]))]
    Malformed {
        /// The file.
        path: String,
        /// What is wrong.
        reason: String,
    },
}

/// Reads a JSON export from `path`: a regular file of at most [`MAX_IMPORT_BYTES`].
pub fn read_import(path: &std::path::Path) -> Result<Imported, ImportError> {
    let shown = crate::fsutil::shown_path(path);
    let bytes = crate::fsutil::read_regular(path, MAX_IMPORT_BYTES).map_err(|e| {
        ImportError::Unreadable {
            path: shown.clone(),
            reason: e.to_string(),
        }
    })?;
    parse_import(&bytes).map_err(|reason| ImportError::Malformed {
        path: shown,
        reason,
    })
}

/// Parses a JSON export; the error says what is wrong, on one line. A collection's
/// annotations become notes one at a time, so a large file never exists as one JSON tree.
pub fn parse_import(bytes: &[u8]) -> Result<Imported, String> {
    // Windows tools (Notepad, PowerShell's Out-File) start UTF-8 files with a BOM, which JSON
    // forbids and readers ignore.
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let json_error =
        |e: serde_json::Error| crate::i18n::trf("JSON 格式错误：{}", "malformed JSON: {}", &[&e]);
    if bytes.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'[') {
        let notes: StreamedNotes = serde_json::from_slice(bytes).map_err(json_error)?;
        return Ok(Imported {
            notes: notes.0?,
            title: None,
            text_hash: None,
        });
    }
    let top: Node<TopLevel> = serde_json::from_slice(bytes).map_err(json_error)?;
    let Node::Object(top) = top else {
        return Err(
            crate::i18n::tr("顶层不是 JSON 对象", "the top level is not a JSON object").into(),
        );
    };
    let kind = text(top.kind, "type")?;
    let (notes, title, text_hash) = match kind.as_deref() {
        Some("AnnotationCollection") => {
            let Some(Node::Object(page)) = top.first else {
                return Err(crate::i18n::tr("缺少 first.items", "first.items is missing").into());
            };
            let items = page.items.ok_or(crate::i18n::tr(
                "缺少 first.items",
                "first.items is missing",
            ))?;
            let (title, hash) = match top.document {
                Some(Node::Object(d)) => (
                    text(d.title, "jingdu:document.title")?,
                    text(d.text_hash, "jingdu:document.textHash")?,
                ),
                Some(Node::Other(found)) => {
                    return Err(crate::i18n::trf(
                        "jingdu:document 应为对象，却是{}",
                        "jingdu:document should be an object but is {}",
                        &[&found],
                    ));
                }
                None => (None, None),
            };
            (
                items.0?,
                title.map(Cow::into_owned),
                hash.map(Cow::into_owned),
            )
        }
        Some("AnnotationPage") => (
            top.items
                .ok_or(crate::i18n::tr("缺少 items", "items is missing"))?
                .0?,
            None,
            None,
        ),
        Some("Annotation") => {
            // A single annotation: read again, as one.
            let one: RawAnnotation = serde_json::from_slice(bytes).map_err(json_error)?;
            let note = note_from(one).map_err(|e| {
                crate::i18n::trf("第 {} 条标注：{}", "annotation {}: {}", &[&1, &e])
            })?;
            (vec![note], None, None)
        }
        _ => {
            return Err(crate::i18n::tr(
                "顶层既不是 AnnotationCollection 也不是 Annotation",
                "the top level is neither an AnnotationCollection nor an Annotation",
            )
            .into());
        }
    };
    Ok(Imported {
        notes,
        title,
        text_hash,
    })
}

/// A JSON value where import expects a scalar: kept if it is text, a non-negative integer or
/// a flag; otherwise only what kind of value it was is kept (for the error) and it is skipped.
#[derive(Debug)]
enum Leaf<'a> {
    Text(Cow<'a, str>),
    Count(u64),
    Flag(bool),
    Other(&'static str),
}

impl Leaf<'_> {
    /// What kind of value this is, in words.
    fn kind(&self) -> &'static str {
        match self {
            Leaf::Text(_) => crate::i18n::tr("文字", "text"),
            Leaf::Count(_) => crate::i18n::tr("数字", "a number"),
            Leaf::Flag(_) => "true/false",
            Leaf::Other(kind) => kind,
        }
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Leaf<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<'a>(PhantomData<Leaf<'a>>);
        impl<'de: 'a, 'a> Visitor<'de> for V<'a> {
            type Value = Leaf<'a>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Leaf<'a>, E> {
                Ok(Leaf::Text(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Leaf<'a>, E> {
                Ok(Leaf::Text(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Leaf<'a>, E> {
                Ok(Leaf::Text(Cow::Owned(v)))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Leaf<'a>, E> {
                Ok(Leaf::Count(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Leaf<'a>, E> {
                Ok(match u64::try_from(v) {
                    Ok(v) => Leaf::Count(v),
                    Err(_) => Leaf::Other(crate::i18n::tr("负数", "a negative number")),
                })
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<Leaf<'a>, E> {
                Ok(Leaf::Other(crate::i18n::tr("小数", "a fraction")))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Leaf<'a>, E> {
                Ok(Leaf::Flag(v))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Leaf<'a>, E> {
                Ok(Leaf::Other("null"))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Leaf<'a>, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Leaf::Other(crate::i18n::tr("数组", "an array")))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Leaf<'a>, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(Leaf::Other(crate::i18n::tr("对象", "an object")))
            }
        }
        d.deserialize_any(V(PhantomData))
    }
}

/// A JSON value where import expects an object: the object, or what was there instead.
enum Node<T> {
    Object(T),
    Other(&'static str),
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Node<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for V<T> {
            type Value = Node<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Node<T>, A::Error> {
                T::deserialize(de::value::MapAccessDeserializer::new(map)).map(Node::Object)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Node<T>, A::Error> {
                Leaf::deserialize(de::value::SeqAccessDeserializer::new(seq))
                    .map(|l| Node::Other(l.kind()))
            }
            fn visit_str<E: de::Error>(self, _: &str) -> Result<Node<T>, E> {
                Ok(Node::Other(crate::i18n::tr("文字", "text")))
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<Node<T>, E> {
                Ok(Node::Other(crate::i18n::tr("数字", "a number")))
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> Result<Node<T>, E> {
                Ok(Node::Other(crate::i18n::tr("数字", "a number")))
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<Node<T>, E> {
                Ok(Node::Other(crate::i18n::tr("数字", "a number")))
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<Node<T>, E> {
                Ok(Node::Other("true/false"))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Node<T>, E> {
                Ok(Node::Other("null"))
            }
        }
        d.deserialize_any(V(PhantomData))
    }
}

/// A property that W3C allows to hold one value or an array of them (`body`, `target`,
/// `selector`): always a list here. A lone scalar becomes a one-item list, so that the item's
/// own type says what is wrong with it.
struct Many<T>(Vec<T>);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Many<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for V<T> {
            type Value = Many<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Many<T>, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(Many(items))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Many<T>, A::Error> {
                let one = T::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(Many(vec![one]))
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Many<T>, E> {
                T::deserialize(de::value::BorrowedStrDeserializer::new(v))
                    .map(|one| Many(vec![one]))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Many<T>, E> {
                T::deserialize(v.to_owned().into_deserializer()).map(|one| Many(vec![one]))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Many<T>, E> {
                T::deserialize(v.into_deserializer()).map(|one| Many(vec![one]))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Many<T>, E> {
                T::deserialize(v.into_deserializer()).map(|one| Many(vec![one]))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Many<T>, E> {
                T::deserialize(v.into_deserializer()).map(|one| Many(vec![one]))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Many<T>, E> {
                T::deserialize(v.into_deserializer()).map(|one| Many(vec![one]))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Many<T>, E> {
                Ok(Many(Vec::new()))
            }
        }
        d.deserialize_any(V(PhantomData))
    }
}

/// The parts of an export's top level that import reads; the rest is skipped unparsed.
#[derive(Deserialize)]
struct TopLevel<'a> {
    #[serde(rename = "type", borrow)]
    kind: Option<Leaf<'a>>,
    first: Option<Node<Page>>,
    items: Option<StreamedNotes>,
    #[serde(rename = "jingdu:document", borrow)]
    document: Option<Node<DocumentFields<'a>>>,
}

#[derive(Deserialize)]
struct Page {
    items: Option<StreamedNotes>,
}

#[derive(Deserialize)]
struct DocumentFields<'a> {
    #[serde(borrow)]
    title: Option<Leaf<'a>>,
    #[serde(rename = "textHash", borrow)]
    text_hash: Option<Leaf<'a>>,
}

/// One annotation, as far as import reads it.
#[derive(Deserialize)]
struct RawAnnotation<'a> {
    #[serde(rename = "type", borrow)]
    kind: Option<Leaf<'a>>,
    #[serde(borrow)]
    id: Option<Leaf<'a>>,
    #[serde(borrow)]
    body: Option<Many<Node<RawBody<'a>>>>,
    #[serde(rename = "bodyValue", borrow)]
    body_value: Option<Leaf<'a>>,
    #[serde(borrow)]
    target: Option<Many<Node<RawTarget<'a>>>>,
    #[serde(borrow)]
    created: Option<Leaf<'a>>,
    #[serde(borrow)]
    modified: Option<Leaf<'a>>,
    #[serde(rename = "jingdu:kind", borrow)]
    note_kind: Option<Leaf<'a>>,
    #[serde(rename = "jingdu:color", borrow)]
    color: Option<Node<RawColor<'a>>>,
    #[serde(rename = "jingdu:headingPath", borrow)]
    heading_path: Option<Many<Leaf<'a>>>,
    #[serde(rename = "jingdu:block", borrow)]
    block: Option<Leaf<'a>>,
    #[serde(rename = "jingdu:anchored", borrow)]
    anchored: Option<Leaf<'a>>,
    #[serde(rename = "jingdu:rev", borrow)]
    rev: Option<Leaf<'a>>,
}

#[derive(Deserialize)]
struct RawBody<'a> {
    #[serde(rename = "type", borrow)]
    kind: Option<Leaf<'a>>,
    #[serde(borrow)]
    value: Option<Leaf<'a>>,
    #[serde(borrow)]
    purpose: Option<Leaf<'a>>,
    #[serde(borrow)]
    format: Option<Leaf<'a>>,
}

#[derive(Deserialize)]
struct RawTarget<'a> {
    #[serde(borrow)]
    selector: Option<Many<Node<RawSelector<'a>>>>,
}

#[derive(Deserialize)]
struct RawSelector<'a> {
    #[serde(rename = "type", borrow)]
    kind: Option<Leaf<'a>>,
    #[serde(borrow)]
    exact: Option<Leaf<'a>>,
    #[serde(borrow)]
    prefix: Option<Leaf<'a>>,
    #[serde(borrow)]
    suffix: Option<Leaf<'a>>,
    #[serde(borrow)]
    start: Option<Leaf<'a>>,
    #[serde(borrow)]
    end: Option<Leaf<'a>>,
}

#[derive(Deserialize)]
struct RawColor<'a> {
    #[serde(borrow)]
    key: Option<Leaf<'a>>,
}

/// A JSON array of annotations turned into notes while it is read, or the first error (with
/// the annotation's number).
struct StreamedNotes(Result<Vec<Note>, String>);

impl<'de> Deserialize<'de> for StreamedNotes {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = StreamedNotes;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an array of annotations")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<StreamedNotes, A::Error> {
                let mut notes = Vec::with_capacity(seq.size_hint().unwrap_or(0));
                while let Some(item) = seq.next_element::<Node<RawAnnotation>>()? {
                    let note = match item {
                        Node::Object(a) => note_from(a),
                        Node::Other(found) => Err(crate::i18n::trf(
                            "应为对象，却是{}",
                            "should be an object but is {}",
                            &[&found],
                        )),
                    };
                    match note {
                        Ok(n) => notes.push(n),
                        Err(e) => {
                            let failed = crate::i18n::trf(
                                "第 {} 条标注：{}",
                                "annotation {}: {}",
                                &[&(notes.len() + 1), &e],
                            );
                            // Read the rest so that a JSON error, if any, still surfaces.
                            while seq.next_element::<IgnoredAny>()?.is_some() {}
                            return Ok(StreamedNotes(Err(failed)));
                        }
                    }
                }
                Ok(StreamedNotes(Ok(notes)))
            }
        }
        d.deserialize_seq(V)
    }
}

/// `field`'s text, if present; an error naming the field if it holds something else.
fn text<'a>(leaf: Option<Leaf<'a>>, field: &str) -> Result<Option<Cow<'a, str>>, String> {
    match leaf {
        None => Ok(None),
        Some(Leaf::Text(t)) => Ok(Some(t)),
        Some(other) => Err(crate::i18n::trf(
            "{} 应为文字，却是{}",
            "{} should be text but is {}",
            &[&field, &other.kind()],
        )),
    }
}

/// `field`'s non-negative integer, if present.
fn count(leaf: Option<Leaf<'_>>, field: &str) -> Result<Option<usize>, String> {
    match leaf {
        None => Ok(None),
        Some(Leaf::Count(n)) => usize::try_from(n)
            .map(Some)
            .map_err(|_| crate::i18n::trf("{} 太大：{}", "{} is too large: {}", &[&field, &n])),
        Some(other) => Err(crate::i18n::trf(
            "{} 应为非负整数，却是{}",
            "{} should be a whole number but is {}",
            &[&field, &other.kind()],
        )),
    }
}

/// `field`'s flag, if present.
fn flag(leaf: Option<Leaf<'_>>, field: &str) -> Result<Option<bool>, String> {
    match leaf {
        None => Ok(None),
        Some(Leaf::Flag(b)) => Ok(Some(b)),
        Some(other) => Err(crate::i18n::trf(
            "{} 应为 true 或 false，却是{}",
            "{} should be true or false but is {}",
            &[&field, &other.kind()],
        )),
    }
}

/// A timestamp field: RFC 3339 (normalized to upper-case `T` and `Z`, as xsd:dateTime wants).
fn timestamp(leaf: Option<Leaf<'_>>, field: &str) -> Result<Option<String>, String> {
    let Some(t) = text(leaf, field)? else {
        return Ok(None);
    };
    crate::notes::checked_timestamp(&t)
        .map(Some)
        .ok_or_else(|| {
            crate::i18n::trf(
                "{} 不是 RFC 3339 时间：{}",
                "{} is not an RFC 3339 time: {}",
                &[&field, &quoted(&t)],
            )
        })
}

/// A user-supplied value inside a one-line error: control characters escaped, long values cut.
fn quoted(s: &str) -> String {
    const MAX: usize = 40;
    let mut out = String::from("“");
    for (i, c) in s.chars().enumerate() {
        if i == MAX {
            out.push('…');
            break;
        }
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out.push('”');
    out
}

/// Whether `id` is an absolute IRI (RFC 3987) — what W3C requires of an annotation's id.
fn is_iri(id: &str) -> bool {
    oxiri::Iri::parse(id).is_ok()
}

/// The annotation's id as jingdu stores it: `urn:uuid:` is dropped, other IRIs are kept whole.
fn note_id(leaf: Option<Leaf<'_>>) -> Result<String, String> {
    let id = text(leaf, "id")?.ok_or(crate::i18n::tr("缺少 id", "id is missing"))?;
    if id.chars().any(char::is_control) {
        return Err(crate::i18n::trf(
            "id 含控制字符：{}",
            "id holds control characters: {}",
            &[&quoted(&id)],
        ));
    }
    if !is_iri(&id) {
        return Err(crate::i18n::trf(
            "id 不是 IRI（应形如 urn:uuid:… 或 https://…）：{}",
            "id is not an IRI (urn:uuid:… or https://… expected): {}",
            &[&quoted(&id)],
        ));
    }
    let bare = id.strip_prefix("urn:uuid:").unwrap_or(&id);
    if bare.trim().is_empty() {
        return Err(crate::i18n::tr("id 为空", "id is empty").into());
    }
    Ok(bare.to_owned())
}

/// The quote and position the annotation's first target selects.
struct Selected {
    exact: Option<String>,
    prefix: String,
    suffix: String,
    start: Option<usize>,
    end: Option<usize>,
}

fn selected(target: Option<Many<Node<RawTarget<'_>>>>) -> Result<Selected, String> {
    let mut out = Selected {
        exact: None,
        prefix: String::new(),
        suffix: String::new(),
        start: None,
        end: None,
    };
    let target = target.into_iter().flat_map(|m| m.0).find_map(|t| match t {
        Node::Object(t) => Some(t),
        Node::Other(_) => None,
    });
    let selectors = target.and_then(|t| t.selector).ok_or(crate::i18n::tr(
        "target 缺少 selector",
        "target has no selector",
    ))?;
    for (i, s) in selectors.0.into_iter().enumerate() {
        let Node::Object(s) = s else { continue };
        let field = |name: &str| format!("target.selector[{i}].{name}");
        match text(s.kind, &field("type"))?.as_deref() {
            Some("TextQuoteSelector") if out.exact.is_none() => {
                let exact = text(s.exact, &field("exact"))?;
                out.exact = Some(
                    exact
                        .ok_or_else(|| {
                            crate::i18n::trf("缺少 {}", "{} is missing", &[&field("exact")])
                        })?
                        .into(),
                );
                out.prefix = text(s.prefix, &field("prefix"))?.unwrap_or_default().into();
                out.suffix = text(s.suffix, &field("suffix"))?.unwrap_or_default().into();
            }
            Some("TextPositionSelector") if out.start.is_none() => {
                let start = count(s.start, &field("start"))?;
                let end = count(s.end, &field("end"))?;
                let (Some(start), Some(end)) = (start, end) else {
                    return Err(crate::i18n::trf(
                        "{} 缺少 start 或 end",
                        "{} has no start or end",
                        &[&field("type")],
                    ));
                };
                if end < start {
                    return Err(crate::i18n::tr(
                        "TextPositionSelector 的 end 小于 start",
                        "the TextPositionSelector's end is before its start",
                    )
                    .into());
                }
                (out.start, out.end) = (Some(start), Some(end));
            }
            _ => {}
        }
    }
    if out.exact.is_none() && out.start.is_none() {
        return Err(crate::i18n::tr(
            "缺少 TextQuoteSelector 和 TextPositionSelector",
            "there is neither a TextQuoteSelector nor a TextPositionSelector",
        )
        .into());
    }
    Ok(out)
}

/// The note's text and tags from its bodies: the first non-tagging body is the note, every
/// `tagging` body a tag. A body that is not text (an image, a link) is refused, not dropped.
fn text_and_tags(
    body: Option<Many<Node<RawBody<'_>>>>,
    body_value: Option<Leaf<'_>>,
) -> Result<(String, Vec<String>), String> {
    let mut note: Option<String> = None;
    let mut tags = Vec::new();
    for (i, b) in body
        .map(|m| m.0)
        .unwrap_or_default()
        .into_iter()
        .enumerate()
    {
        let field = |name: &str| format!("body[{i}].{name}");
        let b = match b {
            Node::Object(b) => b,
            Node::Other(found) => {
                return Err(crate::i18n::trf(
                    "body[{}] 不是文字（是{}，不是 TextualBody）",
                    "body[{}] is not text (it is {}, not a TextualBody)",
                    &[&i, &found],
                ));
            }
        };
        let kind = text(b.kind, &field("type"))?;
        if kind.as_deref().is_some_and(|k| k != "TextualBody") {
            return Err(crate::i18n::trf(
                "body[{}] 不是文字（type 是 {}，不是 TextualBody）",
                "body[{}] is not text (its type is {}, not TextualBody)",
                &[&i, &quoted(kind.as_deref().unwrap_or_default())],
            ));
        }
        if let Some(format) = text(b.format, &field("format"))?
            && !format.starts_with("text/")
        {
            return Err(crate::i18n::trf(
                "{} 不是文字格式：{}",
                "{} is not a text format: {}",
                &[&field("format"), &quoted(&format)],
            ));
        }
        let value = text(b.value, &field("value"))?
            .ok_or_else(|| crate::i18n::trf("body[{}] 缺少 value", "body[{}] has no value", &[&i]))?
            .into_owned();
        let purpose = text(b.purpose, &field("purpose"))?;
        if purpose.as_deref() == Some("tagging") {
            tags.push(value);
        } else if note.is_none() {
            note = Some(value);
        }
    }
    let body_value = text(body_value, "bodyValue")?;
    let note = note.or(body_value.map(Cow::into_owned)).unwrap_or_default();
    Ok((note, normalize_tags(tags)))
}

fn note_from(a: RawAnnotation<'_>) -> Result<Note, String> {
    if text(a.kind, "type")?.as_deref() != Some("Annotation") {
        return Err(crate::i18n::tr("type 不是 Annotation", "type is not Annotation").into());
    }
    let id = note_id(a.id)?;
    let sel = selected(a.target)?;
    let (text_of_note, tags) = text_and_tags(a.body, a.body_value)?;
    let kind = match text(a.note_kind, "jingdu:kind")?.as_deref() {
        Some("section") => NoteKind::Section,
        Some("paragraph") => NoteKind::Paragraph,
        Some("passage") | None => NoteKind::Passage,
        Some("bookmark") => NoteKind::Bookmark,
        Some(other) => {
            return Err(crate::i18n::trf(
                "jingdu:kind 应为 section、paragraph、passage 或 bookmark：{}",
                "jingdu:kind should be section, paragraph, passage or bookmark: {}",
                &[&quoted(other)],
            ));
        }
    };
    let color = match a.color {
        None => None,
        Some(Node::Object(c)) => text(c.key, "jingdu:color.key")?,
        Some(Node::Other(found)) => {
            return Err(crate::i18n::trf(
                "jingdu:color 应为对象，却是{}",
                "jingdu:color should be an object but is {}",
                &[&found],
            ));
        }
    };
    let heading_path = a
        .heading_path
        .map(|m| m.0)
        .unwrap_or_default()
        .into_iter()
        .enumerate()
        .map(|(i, h)| {
            text(Some(h), &format!("jingdu:headingPath[{i}]")).map(|t| t.unwrap_or_default().into())
        })
        .collect::<Result<Vec<String>, String>>()?;
    let created = timestamp(a.created, "created")?.unwrap_or_else(|| "1970-01-01T00:00:00Z".into());
    let modified = timestamp(a.modified, "modified")?.unwrap_or_else(|| created.clone());
    let (start, end) = (sel.start.unwrap_or(0), sel.end.unwrap_or(0));
    Ok(Note {
        id,
        kind,
        anchor: Anchor {
            start,
            end,
            quote: sel.exact.unwrap_or_default(),
            prefix: sel.prefix,
            suffix: sel.suffix,
            heading_path,
            block: count(a.block, "jingdu:block")?.unwrap_or(0),
        },
        text: text_of_note,
        color: color.map_or_else(|| DEFAULT_COLOR.to_owned(), Cow::into_owned),
        tags,
        created,
        modified,
        anchored: flag(a.anchored, "jingdu:anchored")?.unwrap_or(true),
        rev: count(a.rev, "jingdu:rev")?.map_or(0, |r| r as u64),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn annotation(extra: &str) -> String {
        format!(
            r#"{{"type":"Annotation","id":"urn:uuid:a1","bodyValue":"笔记",
            "target":{{"selector":{{"type":"TextQuoteSelector","exact":"组织力"}}}}{extra}}}"#
        )
    }

    fn refused(json: &str) -> String {
        parse_import(json.as_bytes()).expect_err(json)
    }

    #[test]
    fn a_byte_order_mark_is_ignored() {
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        bytes.extend(annotation("").as_bytes());
        assert_eq!(parse_import(&bytes).unwrap().notes.len(), 1);
    }

    #[test]
    fn malformed_inputs_are_refused_with_a_reason() {
        assert!(refused("not json").contains("JSON"));
        assert!(refused("{\"type\":\"Other\"}").contains("顶层"));
        assert!(refused("\"text\"").contains("顶层不是 JSON 对象"));
        let no_selector = r#"{"type":"Annotation","id":"urn:uuid:x","target":{"source":"s"}}"#;
        assert!(refused(no_selector).contains("selector"));
        let iri_target = r#"{"type":"Annotation","id":"urn:uuid:x","target":"http://a.example/"}"#;
        assert!(refused(iri_target).contains("selector"));
        let bad_range = r#"{"type":"Annotation","id":"urn:uuid:x","target":{"selector":{"type":"TextPositionSelector","start":5,"end":2}}}"#;
        assert!(refused(bad_range).contains("end 小于 start"));
    }

    #[test]
    fn a_plain_w3c_annotation_from_another_tool_imports() {
        let a = r#"{"@context":"http://www.w3.org/ns/anno.jsonld","id":"http://example.org/anno1",
            "type":"Annotation","bodyValue":"comment","created":"2015-01-28t12:00:00z",
            "target":{"source":"http://example.org/page","selector":{"type":"TextQuoteSelector","exact":"组织力"}}}"#;
        let imp = parse_import(a.as_bytes()).unwrap();
        let n = &imp.notes[0];
        assert_eq!(n.text, "comment");
        assert_eq!(n.id, "http://example.org/anno1");
        assert_eq!(n.kind, NoteKind::Passage);
        assert_eq!(n.anchor.quote, "组织力");
        assert_eq!(
            n.created, "2015-01-28T12:00:00Z",
            "normalized for xsd:dateTime"
        );
        assert_eq!(n.modified, n.created);
    }

    #[test]
    fn timestamps_must_be_rfc_3339() {
        for bad in [
            "yesterday",
            "2024-05-01",
            "2024-05-01T09:30:00",
            "2024-05-01 09:30:00Z",
            "2024-02-30T09:30:00Z",
            "2024-05-01T09:30Z",
            "2024-05-01T09:30:00+08:00[Asia/Shanghai]",
        ] {
            let e = refused(&annotation(&format!(r#","created":"{bad}""#)));
            assert!(e.contains("created 不是 RFC 3339 时间"), "{bad}: {e}");
        }
        let e = refused(&annotation(r#","modified":5"#));
        assert_eq!(e, "第 1 条标注：modified 应为文字，却是数字");
        let ok =
            parse_import(annotation(r#","modified":"2024-05-01T09:30:00.5+08:00""#).as_bytes());
        assert_eq!(ok.unwrap().notes[0].modified, "2024-05-01T09:30:00.5+08:00");
    }

    #[test]
    fn ids_must_be_iris_without_control_characters() {
        let with_id = |id: &str| annotation("").replace("urn:uuid:a1", id);
        assert!(refused(&with_id("a1")).contains("id 不是 IRI"));
        assert!(refused(&with_id("urn:uuid:a\\u001b]0;x\\u0007")).contains("id 含控制字符"));
        assert!(refused(&with_id("http://a b")).contains("id 不是 IRI"));
        let e = refused(&annotation("").replace(r#""id":"urn:uuid:a1","#, ""));
        assert!(e.contains("缺少 id"), "{e}");
        // The escaped control characters keep the error on one line.
        assert!(!refused(&with_id("urn:uuid:a\\nb")).contains('\n'));
    }

    #[test]
    fn bodies_must_be_text() {
        let with_body = |body: &str| annotation(&format!(r#","body":{body}"#));
        assert!(refused(&with_body(r#""http://img.example/a.png""#)).contains("body[0] 不是文字"));
        let image = r#"{"type":"Image","id":"http://img.example/a.png"}"#;
        assert!(refused(&with_body(image)).contains("body[0] 不是文字"));
        let number = r#"[{"type":"TextualBody","value":"好"},{"type":"TextualBody","value":3,"purpose":"tagging"}]"#;
        assert_eq!(
            refused(&with_body(number)),
            "第 1 条标注：body[1].value 应为文字，却是数字"
        );
        let html = r#"{"type":"TextualBody","value":"<b>x</b>","format":"text/html"}"#;
        assert!(parse_import(with_body(html).as_bytes()).is_ok());
        let pdf = r#"{"type":"TextualBody","value":"x","format":"application/pdf"}"#;
        assert!(refused(&with_body(pdf)).contains("不是文字格式"));
        let tagged = r#"[{"type":"TextualBody","value":"正文","purpose":"commenting"},
            {"type":"TextualBody","value":"党建","purpose":"tagging"}]"#;
        let n = &parse_import(with_body(tagged).as_bytes()).unwrap().notes[0];
        assert_eq!(
            (n.text.as_str(), n.tags.clone()),
            ("正文", vec!["党建".to_owned()])
        );
    }

    #[test]
    fn jingdu_fields_of_the_wrong_kind_are_refused() {
        assert!(refused(&annotation(r#","jingdu:kind":"chapter""#)).contains("jingdu:kind"));
        assert!(refused(&annotation(r#","jingdu:block":-1"#)).contains("jingdu:block"));
        assert!(refused(&annotation(r#","jingdu:anchored":"yes""#)).contains("jingdu:anchored"));
        assert!(
            refused(&annotation(r#","jingdu:headingPath":["一",2]"#)).contains("headingPath[1]")
        );
        assert!(refused(&annotation(r#","jingdu:color":"red""#)).contains("jingdu:color"));
        let n = &parse_import(
            annotation(r#","jingdu:kind":"section","jingdu:headingPath":"一","jingdu:block":4"#)
                .as_bytes(),
        )
        .unwrap()
        .notes[0];
        assert_eq!(n.kind, NoteKind::Section);
        assert_eq!(n.anchor.heading_path, vec!["一".to_owned()]);
        assert_eq!(n.anchor.block, 4);
    }

    #[test]
    fn collections_pages_and_arrays_are_read_annotation_by_annotation() {
        let one = |id: &str| {
            format!(
                r#"{{"type":"Annotation","id":"urn:uuid:{id}","bodyValue":"笔记{id}",
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
        assert_eq!(refused(&bad), "第 2 条标注：缺少 id");
        assert_eq!(
            refused(&format!("[{},7]", one("a"))),
            "第 2 条标注：应为对象，却是数字"
        );
        let empty = r#"{"type":"AnnotationCollection"}"#;
        assert!(refused(empty).contains("first.items"));
        // Escaped strings (not borrowable from the input) read the same.
        let escaped = one("c").replace("组织力", "\\u7ec4\\u7ec7\\u529b");
        assert_eq!(
            parse_import(escaped.as_bytes()).unwrap().notes[0]
                .anchor
                .quote,
            "组织力"
        );
    }
}

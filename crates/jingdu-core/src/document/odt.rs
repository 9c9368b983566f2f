//! OpenDocument text (`.odt`, what LibreOffice and WPS save in the open format) →
//! [`Document`]. An `.odt` is a zip like a `.docx`: `content.xml` holds the text in order —
//! `<text:h text:outline-level="N">` headings, `<text:p>` paragraphs (inside lists and table
//! cells too), spaces written as `<text:s text:c="N"/>` — and `meta.xml` the title. Footnotes
//! (`<text:note>`) are taken out of their paragraph and put after the body, as for Word files;
//! headings the author only numbered by hand are found by the rules that read text.

use quick_xml::Reader;
use quick_xml::events::Event;

use super::parse::{LineHint, parse_separate_blocks};
use super::zip_part::{Package, PartError};
use super::{Document, Metadata};

/// Largest uncompressed part we read.
const MAX_PART_BYTES: u64 = 64 * 1024 * 1024;

/// Why an `.odt` could not be read.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum OdtError {
    /// Not a zip, or one without `content.xml`.
    #[error(
        "{}",
        crate::i18n::tr(
            "不是有效的 OpenDocument 文档（.odt）：文件可能已损坏，请在 LibreOffice 或 WPS 中打开后另存一份",
            "Not a valid OpenDocument text (.odt): the file may be damaged; open it in LibreOffice or WPS and save a copy"
        )
    )]
    NotOdt,
    /// Saved with a password.
    #[error(
        "{}",
        crate::i18n::tr(
            "这个文档有密码保护：请先在 LibreOffice 或 WPS 中取消密码，再用精读打开",
            "This document is password-protected: remove the password in LibreOffice or WPS, then open it in jingdu"
        )
    )]
    Encrypted,
    /// A part would unpack past the cap.
    #[error(
        "{}",
        crate::i18n::tr(
            "文档内容过大（解压后超过 64 MB），无法打开",
            "The document is too large to open (over 64 MB unpacked)"
        )
    )]
    TooLarge,
}

impl From<PartError> for OdtError {
    fn from(e: PartError) -> Self {
        match e {
            PartError::Broken => OdtError::NotOdt,
            PartError::Encrypted => OdtError::Encrypted,
            PartError::TooLarge => OdtError::TooLarge,
        }
    }
}

/// Whether bytes are an OpenDocument text: a zip whose first entry is `mimetype` saying so.
pub fn looks_like_odt(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
        && bytes
            .get(30..30 + 8 + 39)
            .is_some_and(|b| b == b"mimetypeapplication/vnd.oasis.opendocument.text")
}

/// Reads an `.odt` file's bytes into a document.
pub fn parse_odt(bytes: &[u8]) -> Result<Document, OdtError> {
    let mut zip = Package::open(bytes, MAX_PART_BYTES)?;
    let manifest = zip.read("META-INF/manifest.xml", MAX_PART_BYTES)?;
    // An encrypted package says so per entry in its manifest.
    if manifest.is_some_and(|m| String::from_utf8_lossy(&m).contains("encryption-data")) {
        return Err(OdtError::Encrypted);
    }
    let content = zip
        .read("content.xml", MAX_PART_BYTES)?
        .ok_or(OdtError::NotOdt)?;
    let content = String::from_utf8(content).map_err(|_| OdtError::NotOdt)?;
    let mut meta = Metadata::default();
    if let Some(xml) = zip.read("meta.xml", MAX_PART_BYTES)? {
        read_meta(&String::from_utf8_lossy(&xml), &mut meta);
    }
    let (body, notes) = read_content(&content);
    let mut lines = body;
    if !notes.is_empty() {
        lines.push(("脚注".to_owned(), LineHint::Heading(1)));
        lines.extend(notes.into_iter().map(|t| (t, LineHint::Text)));
    }
    Ok(parse_separate_blocks(&lines, meta))
}

/// Title and author from `meta.xml`.
fn read_meta(xml: &str, meta: &mut Metadata) {
    let mut reader = Reader::from_str(xml);
    let mut element: Vec<u8> = Vec::new();
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => element = e.name().as_ref().to_vec(),
            Ok(Event::Text(t)) => {
                let text = t.decode().map(|c| c.trim().to_owned()).unwrap_or_default();
                if text.is_empty() {
                    continue;
                }
                match element.as_slice() {
                    b"dc:title" if meta.title.is_none() => meta.title = Some(text),
                    b"meta:initial-creator" if meta.author.is_none() => meta.author = Some(text),
                    _ => {}
                }
            }
            Ok(Event::End(_)) => element.clear(),
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
}

/// The body's paragraphs in order with their hints, and the footnotes' texts.
fn read_content(xml: &str) -> (Vec<(String, LineHint)>, Vec<String>) {
    let mut reader = Reader::from_str(xml);
    let mut body: Vec<(String, LineHint)> = Vec::new();
    let mut notes: Vec<String> = Vec::new();
    // The paragraph being read (and the heading level it has), and the same for a footnote
    // inside it: a note's paragraphs must not run into the text around its marker.
    let mut current: Option<(String, Option<u8>)> = None;
    let mut note: Option<String> = None;
    let mut note_depth = 0usize;
    let mut in_citation = false;
    let mut in_body = false;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => match e.name().as_ref() {
                b"office:text" => in_body = true,
                b"text:note" => {
                    note_depth += 1;
                    note.get_or_insert_with(String::new);
                }
                b"text:note-citation" => in_citation = true,
                b"text:h" | b"text:p" if in_body && note_depth == 0 => {
                    let level = (e.name().as_ref() == b"text:h").then(|| {
                        e.attributes()
                            .flatten()
                            .find(|a| a.key.as_ref() == b"text:outline-level")
                            .and_then(|a| String::from_utf8_lossy(&a.value).parse::<u8>().ok())
                            .unwrap_or(1)
                            .clamp(1, 6)
                    });
                    current = Some((String::new(), level));
                }
                _ => {}
            },
            Ok(Event::Empty(e)) => {
                let target = if note_depth > 0 {
                    note.as_mut()
                } else {
                    current.as_mut().map(|c| &mut c.0)
                };
                if let Some(text) = target {
                    match e.name().as_ref() {
                        b"text:s" => {
                            let n = e
                                .attributes()
                                .flatten()
                                .find(|a| a.key.as_ref() == b"text:c")
                                .and_then(|a| {
                                    String::from_utf8_lossy(&a.value).parse::<usize>().ok()
                                })
                                .unwrap_or(1)
                                .min(64);
                            text.extend(std::iter::repeat_n(' ', n));
                        }
                        b"text:tab" | b"text:line-break" => text.push(' '),
                        _ => {}
                    }
                }
            }
            Ok(Event::Text(t)) => {
                if in_citation {
                    continue;
                }
                let s = t.decode().unwrap_or_default();
                if note_depth > 0 {
                    if let Some(n) = note.as_mut() {
                        n.push_str(&s);
                    }
                } else if let Some((text, _)) = current.as_mut() {
                    text.push_str(&s);
                }
            }
            Ok(Event::GeneralRef(r)) => {
                if note_depth > 0 {
                    if let Some(n) = note.as_mut() {
                        super::docx::push_entity(n, &r);
                    }
                } else if let Some((text, _)) = current.as_mut() {
                    super::docx::push_entity(text, &r);
                }
            }
            Ok(Event::End(e)) => match e.name().as_ref() {
                b"office:text" => in_body = false,
                b"text:note-citation" => in_citation = false,
                b"text:note" => {
                    note_depth = note_depth.saturating_sub(1);
                    if note_depth == 0
                        && let Some(n) = note.take()
                    {
                        let n = n.trim().to_owned();
                        if !n.is_empty() {
                            notes.push(n);
                        }
                    }
                }
                b"text:note-body" | b"text:p" if note_depth > 0 => {
                    if let Some(n) = note.as_mut() {
                        n.push(' ');
                    }
                }
                b"text:h" | b"text:p" if note_depth == 0 => {
                    if let Some((text, level)) = current.take() {
                        let text = text.trim().to_owned();
                        if !text.is_empty() {
                            let hint = level.map_or(LineHint::Text, LineHint::Heading);
                            body.push((text, hint));
                        }
                    }
                }
                _ => {}
            },
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    (body, notes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::outline_of as outline;

    fn package(content: &str, meta: &str) -> Vec<u8> {
        let mut buf = std::io::Cursor::new(Vec::new());
        {
            let mut w = zip::ZipWriter::new(&mut buf);
            let stored = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Stored);
            w.start_file("mimetype", stored).unwrap();
            std::io::Write::write_all(&mut w, b"application/vnd.oasis.opendocument.text").unwrap();
            for (name, text) in [("content.xml", content), ("meta.xml", meta)] {
                w.start_file(name, zip::write::SimpleFileOptions::default())
                    .unwrap();
                std::io::Write::write_all(&mut w, text.as_bytes()).unwrap();
            }
            w.finish().unwrap();
        }
        buf.into_inner()
    }

    const CONTENT: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"><office:body><office:text>
<text:h text:outline-level="1">一、总体要求</text:h>
<text:p>要坚持问题导向，<text:span>把工作落到实处</text:span>。<text:note text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body><text:p>见某某文件。</text:p></text:note-body></text:note>这是第一段。</text:p>
<text:h text:outline-level="2">（一）指导思想</text:h>
<text:list><text:list-item><text:p>第一条列表项，A<text:s text:c="2"/>B &amp; C。</text:p></text:list-item></text:list>
<table:table><table:table-row><table:table-cell><text:p>表格里的字</text:p></table:table-cell></table:table-row></table:table>
<text:h text:outline-level="1">二、重点任务</text:h>
<text:p>第二部分的正文。</text:p>
</office:text></office:body></office:document-content>"#;

    const META: &str = r#"<?xml version="1.0"?><office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"><office:meta><dc:title>关于做好工作的意见</dc:title><meta:initial-creator>李华</meta:initial-creator></office:meta></office:document-meta>"#;

    #[test]
    fn headings_paragraphs_lists_tables_and_footnotes_read_in_order() {
        let bytes = package(CONTENT, META);
        assert!(looks_like_odt(&bytes));
        let doc = parse_odt(&bytes).unwrap();
        assert_eq!(doc.meta.title.as_deref(), Some("关于做好工作的意见"));
        assert_eq!(doc.meta.author.as_deref(), Some("李华"));
        assert_eq!(
            outline(&doc),
            vec![
                (1, "一、总体要求".into()),
                (2, "（一）指导思想".into()),
                (1, "二、重点任务".into()),
                (1, "脚注".into()),
            ]
        );
        let body = doc.body_text();
        // The footnote leaves its paragraph whole, and stands after the body.
        assert!(
            body.contains("要坚持问题导向，把工作落到实处。这是第一段。"),
            "{body}"
        );
        assert!(body.contains("A  B & C。"), "{body}");
        assert!(body.contains("表格里的字"), "{body}");
        assert!(body.trim_end().ends_with("见某某文件。"), "{body}");
    }

    #[test]
    fn broken_and_locked_files_say_so() {
        assert_eq!(parse_odt(b"PK\x03\x04 junk").unwrap_err(), OdtError::NotOdt);
        let mut buf = std::io::Cursor::new(Vec::new());
        {
            let mut w = zip::ZipWriter::new(&mut buf);
            w.start_file(
                "META-INF/manifest.xml",
                zip::write::SimpleFileOptions::default(),
            )
            .unwrap();
            std::io::Write::write_all(
                &mut w,
                br#"<manifest:file-entry manifest:full-path="content.xml"><manifest:encryption-data/></manifest:file-entry>"#,
            )
            .unwrap();
            w.finish().unwrap();
        }
        assert_eq!(
            parse_odt(&buf.into_inner()).unwrap_err(),
            OdtError::Encrypted
        );
    }
}

//! Word documents (`.docx`) → [`Document`]. A `.docx` is a zip of XML parts; we read
//! `word/document.xml` for the paragraphs in order (tables row by row), `word/styles.xml`
//! for which styles are headings (`heading 1`, a style with an outline level, `Title`),
//! `docProps/core.xml` for the title, and `word/footnotes.xml` for the notes that go after
//! the body. Headings the author only numbered by hand (`一、`, `第一章`) are found by the
//! same rules as in plain text.
//!
//! We read the parts with `zip` and `quick-xml` (both already in the build through docx-rs)
//! rather than with docx-rs's reader: that reader does not expose footnotes or the core
//! properties, and a streaming walk needs no more than the few elements named above.

use std::collections::HashMap;
use std::io::Cursor;

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::parse::{LineHint, parse_separate_blocks};
use super::{Document, Metadata};

/// Largest uncompressed XML part we read: a zip bomb stops here, not in memory.
const MAX_PART_BYTES: u64 = 64 * 1024 * 1024;

/// Why a `.docx` could not be read.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum DocxError {
    /// Not a zip archive, or one without `word/document.xml`.
    #[error(
        "{}",
        crate::i18n::tr(
            "不是有效的 Word 文档（.docx）：文件可能已损坏，请在 Word 或 WPS 中打开后另存一份",
            "Not a valid Word document (.docx): the file may be damaged; open it in Word or WPS and save a copy"
        )
    )]
    NotDocx,
    /// Password-protected: Word stores such files as an encrypted OLE container.
    #[error(
        "{}",
        crate::i18n::tr(
            "这个 Word 文档有密码保护：请先在 Word 或 WPS 中取消密码，再用精读打开",
            "This Word document is password-protected: remove the password in Word or WPS, then open it in jingdu"
        )
    )]
    Encrypted,
    /// A part would unpack to more than [`MAX_PART_BYTES`].
    #[error(
        "{}",
        crate::i18n::tr(
            "Word 文档内容过大（解压后超过 64 MB），无法打开",
            "The Word document is too large to open (over 64 MB unpacked)"
        )
    )]
    TooLarge,
}

/// Reads a `.docx` file's bytes into a document.
pub fn parse_docx(bytes: &[u8]) -> Result<Document, DocxError> {
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(DocxError::Encrypted);
    }
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| DocxError::NotDocx)?;
    let body = read_part(&mut zip, "word/document.xml")?.ok_or(DocxError::NotDocx)?;
    let styles = match read_part(&mut zip, "word/styles.xml")? {
        Some(xml) => heading_styles(&xml),
        None => HashMap::new(),
    };
    let core_title = read_part(&mut zip, "docProps/core.xml")?.and_then(|xml| core_title(&xml));
    let footnotes = match read_part(&mut zip, "word/footnotes.xml")? {
        Some(xml) => paragraphs(&xml, &HashMap::new(), "footnote"),
        None => Vec::new(),
    };

    let mut meta = Metadata::default();
    let mut lines: Vec<(String, LineHint)> = Vec::new();
    for p in paragraphs(&body, &styles, "body") {
        match p.role {
            Role::Title if meta.title.is_none() => meta.title = Some(p.text),
            Role::Title => lines.push((p.text, LineHint::Heading(1))),
            Role::Heading(level) => lines.push((p.text, LineHint::Heading(level))),
            Role::Body if p.emphasis => lines.push((p.text, LineHint::Emphasis)),
            Role::Body => lines.push((p.text, LineHint::Text)),
        }
    }
    if meta.title.is_none() {
        meta.title = core_title;
    }
    let notes: Vec<String> = footnotes
        .into_iter()
        .map(|p| p.text)
        .filter(|t| !t.is_empty())
        .collect();
    if !notes.is_empty() {
        lines.push(("脚注".to_owned(), LineHint::Heading(1)));
        lines.extend(notes.into_iter().map(|t| (t, LineHint::Text)));
    }
    Ok(parse_separate_blocks(&lines, meta))
}

/// The text of one part, or `None` when the archive has no such part.
fn read_part(
    zip: &mut zip::ZipArchive<Cursor<&[u8]>>,
    name: &str,
) -> Result<Option<String>, DocxError> {
    read_part_limited(zip, name, MAX_PART_BYTES)
}

/// [`read_part`] with the size limit given.
fn read_part_limited(
    zip: &mut zip::ZipArchive<Cursor<&[u8]>>,
    name: &str,
    limit: u64,
) -> Result<Option<String>, DocxError> {
    use super::zip_part::{PartError, read_zip_part};
    let bytes = read_zip_part(zip, name, limit).map_err(|e| match e {
        PartError::Broken => DocxError::NotDocx,
        PartError::Encrypted => DocxError::Encrypted,
        PartError::TooLarge => DocxError::TooLarge,
    })?;
    bytes
        .map(|b| String::from_utf8(b).map_err(|_| DocxError::NotDocx))
        .transpose()
}

/// What a paragraph's style makes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    Title,
    Heading(u8),
    Body,
}

/// Style id → role, from the style's name (`heading 2`, `Title`, `标题 2`) or its outline level.
fn heading_styles(xml: &str) -> HashMap<String, Role> {
    let mut roles = HashMap::new();
    let mut reader = Reader::from_str(xml);
    let mut id: Option<String> = None;
    let mut role = Role::Body;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => match e.local_name().as_ref() {
                b"style" => {
                    if let Some(prev) = id.take() {
                        roles.insert(prev, role);
                    }
                    id = attr(&e, b"styleId");
                    role = Role::Body;
                }
                b"name" => {
                    if let Some(name) = attr(&e, b"val") {
                        role = role_of_style_name(&name).unwrap_or(role);
                    }
                }
                b"outlineLvl" => {
                    if let Some(level) = attr(&e, b"val").and_then(|v| v.parse::<u8>().ok())
                        && level < 9
                        && role == Role::Body
                    {
                        role = Role::Heading(level + 1);
                    }
                }
                _ => {}
            },
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    if let Some(prev) = id {
        roles.insert(prev, role);
    }
    roles
}

fn role_of_style_name(name: &str) -> Option<Role> {
    let lower = name.to_lowercase();
    if lower == "title" || name == "标题" {
        return Some(Role::Title);
    }
    let rest = lower
        .strip_prefix("heading")
        .or_else(|| name.strip_prefix("标题"))?;
    rest.trim()
        .parse::<u8>()
        .ok()
        .filter(|l| (1..=9).contains(l))
        .map(Role::Heading)
}

/// `<dc:title>` of `docProps/core.xml`.
fn core_title(xml: &str) -> Option<String> {
    let mut reader = Reader::from_str(xml);
    let mut inside = false;
    let mut title = String::new();
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) if e.local_name().as_ref() == b"title" => inside = true,
            Ok(Event::End(e)) if e.local_name().as_ref() == b"title" => break,
            Ok(Event::Text(t)) if inside => title.push_str(&t.decode().unwrap_or_default()),
            Ok(Event::GeneralRef(r)) if inside => push_entity(&mut title, &r),
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    let title = title.trim().to_owned();
    (!title.is_empty()).then_some(title)
}

/// One paragraph of Word text.
struct Paragraph {
    text: String,
    role: Role,
    /// Every run bold, or the paragraph centred.
    emphasis: bool,
}

/// The paragraphs of a part in order. Table cells are read row by row, the cells of a row
/// joined by an ideographic space; footnotes of type `separator` are skipped.
fn paragraphs(xml: &str, styles: &HashMap<String, Role>, part: &str) -> Vec<Paragraph> {
    let mut out = Vec::new();
    let mut reader = Reader::from_str(xml);
    let mut text = String::new();
    let mut role = Role::Body;
    let mut in_text = false;
    let mut centred = false;
    let (mut runs, mut bold_runs, mut run_bold, mut in_run_props) = (0, 0, false, false);
    let mut table_depth = 0usize;
    let mut row: Vec<String> = Vec::new();
    let mut skip_note = false;
    loop {
        let event = match reader.read_event() {
            Ok(e) => e,
            Err(e) => {
                log::warn!("{part}: malformed XML, reading stops here: {e}");
                break;
            }
        };
        let empty = matches!(event, Event::Empty(_));
        match event {
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                b"footnote" => {
                    skip_note = attr(&e, b"type").is_some_and(|t| t != "normal");
                }
                b"p" => {
                    text.clear();
                    role = Role::Body;
                    centred = false;
                    runs = 0;
                    bold_runs = 0;
                }
                b"pStyle" => {
                    if let Some(id) = attr(&e, b"val") {
                        role = styles
                            .get(&id)
                            .copied()
                            .or_else(|| role_of_style_name(&id))
                            .unwrap_or(Role::Body);
                    }
                }
                b"outlineLvl" => {
                    if let Some(level) = attr(&e, b"val").and_then(|v| v.parse::<u8>().ok())
                        && level < 9
                        && role == Role::Body
                    {
                        role = Role::Heading(level + 1);
                    }
                }
                b"jc" => centred = attr(&e, b"val").is_some_and(|v| v == "center"),
                b"r" => run_bold = false,
                b"rPr" => in_run_props = true,
                b"b" if in_run_props => {
                    run_bold = attr(&e, b"val").is_none_or(|v| v != "0" && v != "false");
                }
                b"t" => in_text = !empty,
                b"tab" => text.push('\u{3000}'),
                b"br" | b"cr" => text.push('\n'),
                b"tbl" => table_depth += 1,
                b"tr" => row.clear(),
                _ => {}
            },
            Event::Text(t) if in_text => {
                text.push_str(&t.decode().unwrap_or_default());
            }
            Event::GeneralRef(r) if in_text => push_entity(&mut text, &r),
            Event::End(e) => match e.local_name().as_ref() {
                b"t" => {
                    in_text = false;
                    runs += 1;
                    bold_runs += usize::from(run_bold);
                }
                b"rPr" => in_run_props = false,
                b"p" if !skip_note => {
                    let t = text.trim().to_owned();
                    if table_depth > 0 {
                        if !t.is_empty() {
                            row.push(t);
                        }
                    } else {
                        // A manual line break inside a paragraph starts a new line of ours.
                        let emphasis = centred || (runs > 0 && bold_runs == runs);
                        for line in t.split('\n').map(str::trim).filter(|l| !l.is_empty()) {
                            out.push(Paragraph {
                                text: line.to_owned(),
                                role,
                                emphasis,
                            });
                        }
                    }
                }
                b"tr" if table_depth == 1 && !row.is_empty() => {
                    out.push(Paragraph {
                        text: row.join("\u{3000}").replace('\n', " "),
                        role: Role::Body,
                        emphasis: false,
                    });
                    row.clear();
                }
                b"tbl" => table_depth = table_depth.saturating_sub(1),
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

/// Appends the character an entity reference stands for (`&amp;` → `&`, `&#12290;` → `。`).
pub(crate) fn push_entity(out: &mut String, r: &quick_xml::events::BytesRef<'_>) {
    if let Ok(Some(c)) = r.resolve_char_ref() {
        out.push(c);
        return;
    }
    let name = r.decode().unwrap_or_default();
    out.push_str(match name.as_ref() {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" => "'",
        _ => "",
    });
}

/// The value of an attribute by its local name (`w:val` → `val`).
fn attr(e: &BytesStart<'_>, local: &[u8]) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        (a.key.local_name().as_ref() == local)
            .then(|| String::from_utf8_lossy(&a.value).into_owned())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use docx_rs::{
        AlignmentType, Docx, Paragraph as P, Run, Style, StyleType, Table, TableCell, TableRow,
    };

    fn build(docx: Docx) -> Vec<u8> {
        let mut buf = Cursor::new(Vec::new());
        docx.build().pack(&mut buf).unwrap();
        buf.into_inner()
    }

    use crate::document::outline_of as outline;

    fn para(text: &str) -> P {
        P::new().add_run(Run::new().add_text(text))
    }

    #[test]
    fn headings_from_styles_numbering_and_tables() {
        let docx = Docx::new()
            .add_style(Style::new("Title", StyleType::Paragraph).name("Title"))
            .add_style(Style::new("Heading1", StyleType::Paragraph).name("heading 1"))
            .add_style(Style::new("Heading2", StyleType::Paragraph).name("heading 2"))
            .add_paragraph(para("学习报告").style("Title"))
            .add_paragraph(para("第一章　研究背景").style("Heading1"))
            .add_paragraph(para("本章说明研究的背景和意义，内容较长，以句号结束。"))
            .add_paragraph(para("一、问题的提出").style("Heading2"))
            .add_paragraph(para("问题由来已久，学界多有讨论，本文试作梳理。"))
            .add_table(Table::new(vec![TableRow::new(vec![
                TableCell::new().add_paragraph(para("年份")),
                TableCell::new().add_paragraph(para("人数")),
            ])]))
            .add_paragraph(
                P::new()
                    .add_run(Run::new().add_text("结语").bold())
                    .align(AlignmentType::Center),
            )
            .add_paragraph(para("全文完，感谢阅读本报告的每一位读者。"));
        let doc = parse_docx(&build(docx)).unwrap();
        assert_eq!(doc.meta.title.as_deref(), Some("学习报告"));
        assert_eq!(
            outline(&doc),
            vec![
                (1, "第一章　研究背景".into()),
                (2, "一、问题的提出".into()),
                (1, "结语".into()),
            ]
        );
        assert!(doc.body_text().contains("年份\u{3000}人数"));
        assert_eq!(doc.paragraph_count(), 4);
    }

    #[test]
    fn hand_numbered_headings_are_found_as_in_text() {
        let docx = Docx::new()
            .add_paragraph(para("关于做好工作的意见"))
            .add_paragraph(para("为做好工作，现提出如下意见。"))
            .add_paragraph(para("一、总体要求"))
            .add_paragraph(para("坚持稳中求进，扎实推进各项工作。"))
            .add_paragraph(para("二、重点任务"))
            .add_paragraph(para("做好各项工作，确保取得实效。"));
        let doc = parse_docx(&build(docx)).unwrap();
        assert_eq!(doc.meta.title.as_deref(), Some("关于做好工作的意见"));
        assert_eq!(
            outline(&doc),
            vec![(1, "一、总体要求".into()), (1, "二、重点任务".into())]
        );
    }

    #[test]
    fn a_part_that_unpacks_past_the_limit_is_refused() {
        // 1 MB of spaces compresses to about a kilobyte: a small zip bomb against a 64 KB limit.
        let mut buf = Cursor::new(Vec::new());
        {
            let mut w = zip::ZipWriter::new(&mut buf);
            w.start_file(
                "word/document.xml",
                zip::write::SimpleFileOptions::default(),
            )
            .unwrap();
            std::io::Write::write_all(&mut w, &vec![b' '; 1 << 20]).unwrap();
            w.finish().unwrap();
        }
        let bytes = buf.into_inner();
        assert!(bytes.len() < 16 * 1024);
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes.as_slice())).unwrap();
        assert_eq!(
            read_part_limited(&mut zip, "word/document.xml", 64 * 1024).unwrap_err(),
            DocxError::TooLarge
        );
        assert!(read_part_limited(&mut zip, "word/document.xml", 2 << 20).is_ok());
    }

    #[test]
    fn broken_and_protected_files_are_refused() {
        assert_eq!(parse_docx(b"not a zip").unwrap_err(), DocxError::NotDocx);
        assert_eq!(
            parse_docx(&[0xD0, 0xCF, 0x11, 0xE0, 0, 0]).unwrap_err(),
            DocxError::Encrypted
        );
        // A zip without word/document.xml.
        let mut buf = Cursor::new(Vec::new());
        {
            let mut w = zip::ZipWriter::new(&mut buf);
            w.start_file("hello.txt", zip::write::SimpleFileOptions::default())
                .unwrap();
            std::io::Write::write_all(&mut w, b"hi").unwrap();
            w.finish().unwrap();
        }
        assert_eq!(
            parse_docx(&buf.into_inner()).unwrap_err(),
            DocxError::NotDocx
        );
    }
}

//! Word exports read back as Word, WPS and LibreOffice read them: the notes document (core
//! properties, languages, default style, page numbers, nested quotes, local dates, links) and
//! the annotated article with each note a comment anchored to exactly its passage.

use crate::export_common;

use export_common::{fixture, render};
use jingdu::export::{Format, Options};

#[test]
fn docx_reads_back_with_headings_and_notes() {
    let (source, list) = fixture();
    let bytes = render(&source, &list, &Options::new(Format::Docx));
    let docx = docx_rs::read_docx(&bytes).expect("valid docx");
    let mut headings = Vec::new();
    let mut all_text = String::new();
    for child in &docx.document.children {
        if let docx_rs::DocumentChild::Paragraph(p) = child {
            let text = p.raw_text();
            if let Some(style) = &p.property.style
                && style.val.starts_with("Heading")
            {
                headings.push((style.val.clone(), text.clone()));
            }
            all_text.push_str(&text);
            all_text.push('\n');
        }
    }
    assert_eq!(
        headings,
        vec![
            ("Heading1".to_owned(), "正文开头".to_owned()),
            (
                "Heading1".to_owned(),
                "以政治建设为统领，强化基层党组织的政治功能".to_owned()
            ),
            ("Heading1".to_owned(), "未定位的笔记".to_owned()),
            // The bookmark is listed apart, after the notes.
            ("Heading1".to_owned(), "书签".to_owned()),
        ]
    );
    assert!(all_text.contains("从严从实加强党的基层党组织建设 · 学习笔记"));
    assert!(all_text.contains("<script>alert('x')</script>"));
    assert!(all_text.contains("😀🎉"));
    assert!(all_text.contains("本节讲政治功能。"));
    assert!(all_text.contains("#重点"));
    // Heading styles carry outline levels (Word's navigation pane).
    let styles: Vec<&docx_rs::Style> = docx
        .styles
        .styles
        .iter()
        .filter(|s| s.style_id.starts_with("Heading"))
        .collect();
    assert_eq!(styles.len(), 6);
}

/// The text of one part of the package.
fn part(docx: &[u8], name: &str) -> String {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("a zip package");
    let mut text = String::new();
    std::io::Read::read_to_string(&mut archive.by_name(name).expect(name), &mut text).unwrap();
    text
}

/// How often `needle` occurs in `hay`.
fn count(hay: &str, needle: &str) -> usize {
    hay.matches(needle).count()
}

#[test]
fn the_notes_document_looks_finished() {
    let (source, list) = fixture();
    let bytes = render(&source, &list, &Options::new(Format::Docx));
    let core = part(&bytes, "docProps/core.xml");
    assert!(
        core.contains("<dc:title>从严从实加强党的基层党组织建设 · 学习笔记</dc:title>"),
        "{core}"
    );
    assert!(core.contains("<dc:creator>李华</dc:creator>"), "{core}");
    assert!(!core.contains("unknown"), "{core}");
    assert!(core.contains("<dc:language>zh-CN</dc:language>"));
    assert!(core.contains("2024-05-01T01:30:00Z"), "{core}");
    let styles = part(&bytes, "word/styles.xml");
    assert!(
        styles.contains(r#"w:eastAsia="zh-CN""#),
        "languages in the run defaults"
    );
    assert!(styles.contains(r#"w:default="1" w:styleId="Normal""#));
    let document = part(&bytes, "word/document.xml");
    let footer_ref = document.contains("w:footerReference");
    let footer = part(&bytes, "word/footer1.xml");
    assert!(
        footer_ref && footer.contains("PAGE") && footer.contains("NUMPAGES"),
        "{footer}"
    );
    // GB/T 15834: the quoted paragraph's own “” become ‘’ inside the outer “”.
    assert!(
        document.contains("深入开展‘不忘初心、牢记使命’主题教育"),
        "nested quotes"
    );
    assert!(document.contains("2024年5月1日 09:30"), "local dates");
    assert!(
        !document.contains("2024-05-01T09:30"),
        "no ISO dates in the document"
    );
    assert!(document.contains("§1 ¶2"), "places");
    // Every note links back; the link is a relationship of the document.
    let rels = part(&bytes, "word/_rels/document.xml.rels");
    assert_eq!(count(&document, "<w:hyperlink"), list.len());
    assert_eq!(
        count(
            &rels,
            "jingdu://open?doc=builtin-c86fc473580abeae&amp;note="
        ),
        list.len(),
        "{rels}"
    );
    // The legend: each colour's name on its soft shading; no saturated Word highlight.
    assert!(document.contains(r#"w:fill="FAEDC3""#), "{document}");
    assert!(!document.contains("<w:highlight"));
}

#[test]
fn the_annotated_document_has_a_comment_on_exactly_each_passage() {
    let (source, list) = fixture();
    let options = Options {
        annotated_copy: true,
        ..Options::new(Format::Docx)
    };
    let bytes = render(&source, &list, &options);
    let document = part(&bytes, "word/document.xml");
    let comments = part(&bytes, "word/comments.xml");
    // Every note is a comment; the bookmark is not (it is in the list at the end).
    let notes = list
        .iter()
        .filter(|n| n.kind != jingdu::notes::NoteKind::Bookmark)
        .count();
    assert_eq!(count(&comments, "<w:comment "), notes, "{comments}");
    assert_eq!(count(&document, "<w:commentRangeStart"), notes);
    assert_eq!(count(&document, "<w:commentRangeEnd"), notes);
    assert_eq!(count(&document, "<w:commentReference"), notes);
    assert!(document.contains(">书签<"));
    assert!(comments.contains(r#"w:author="李华""#));
    assert!(comments.contains("本节讲政治功能。"));
    assert!(
        comments.contains("HYPERLINK"),
        "a link back in each comment"
    );
    // The text between comment 1's start and end is exactly the passage, highlighted.
    let start = document.find(r#"<w:commentRangeStart w:id="1""#).unwrap();
    let end = document.find(r#"<w:commentRangeEnd w:id="1""#).unwrap();
    let inside = &document[start..end];
    assert!(
        inside.contains(r#"w:fill="FAEDC3""#),
        "passage shaded in 重点's tint"
    );
    assert!(!inside.contains("<w:highlight"));
    assert_eq!(texts(inside), "创造性地提出了新时代党的组织路线");
    // The whole article is there.
    let docx = docx_rs::read_docx(&bytes).expect("valid docx");
    let mut text = String::new();
    for child in &docx.document.children {
        if let docx_rs::DocumentChild::Paragraph(p) = child {
            text.push_str(&p.raw_text());
            text.push('\n');
        }
    }
    for block in &source.document.blocks {
        if !block.is_run_in() {
            let shown = jingdu::document::typography::display_text(&block.text);
            assert!(text.contains(&shown), "missing: {shown}");
        }
    }
}

/// The text of the `<w:t>` elements in a piece of WordprocessingML.
fn texts(xml: &str) -> String {
    let mut out = String::new();
    let mut rest = xml;
    while let Some(open) = rest.find("<w:t") {
        rest = &rest[open..];
        let Some(gt) = rest.find('>') else { break };
        if rest[..gt].ends_with('/') || !(rest[4..].starts_with('>') || rest[4..].starts_with(' '))
        {
            rest = &rest[gt + 1..];
            continue;
        }
        let body = &rest[gt + 1..];
        let close = body.find("</w:t>").unwrap_or(body.len());
        out.push_str(&body[..close]);
        rest = &body[close..];
    }
    out
}

//! Hostile and random input: the parser, the typesetter and re-anchoring never panic, and what
//! they produce stays consistent. Property tests (proptest) shrink a failure to a small input;
//! every property is named `fuzz_…`, so `PROPTEST_CASES=100000 cargo test --release fuzz_` runs
//! them all at length (they run with a small case count in `cargo test`).

use jingdu::document::typography::{
    break_allowed, break_lines, cluster_starts, display_text, forbids_line_start,
};
use jingdu::document::{decode_bytes, parse};
use jingdu::notes::{self, NoteKind, TextIndex};
use proptest::prelude::*;

/// Cases per property: `PROPTEST_CASES` when set, else `default` (kept small for `cargo test`).
fn config(default: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default);
    ProptestConfig {
        cases,
        // Properties that skip unfit inputs (prop_assume) skip more of them in long runs.
        max_global_rejects: cases.max(1024),
        ..ProptestConfig::default()
    }
}

const PIECES: &[&str] = &[
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    "　　",
    " ",
    "\t",
    "一、",
    "（一）",
    "(1)",
    "1.",
    "1.1 ",
    "第一章 ",
    "第三节",
    "第十条 ",
    "#",
    "## ",
    "---\n",
    "<!--",
    "-->",
    "【前线】",
    "当前位置:",
    "> ",
    "发布日期:2018-11-08",
    "(作者:张三,某单位)",
    "，",
    "。",
    "、",
    "“",
    "”",
    "（",
    "）",
    ",",
    ":",
    "(",
    ")",
    "？",
    "!",
    "……",
    "——",
    "目录",
    "组织",
    "建设",
    "abc",
    "2018年1月2日",
    "😀",
    "\u{200F}",
    "\u{FEFF}",
    "\0",
    "①",
    "〇",
    "的",
    "党",
    "xxx",
    "一\n",
    "  二  \n",
    "⼀",
    "⺠",
    "(本章完)",
    "- 3 -",
    "注释 ⑴",
    "参考文献",
    "袁了凡",
    "一九一九年四月。",
    "澎湃新闻记者 张三",
];

/// HTML fragments, well-formed and not, for the web-page reader.
const TAGS: &[&str] = &[
    "<html>",
    "</html>",
    "<body>",
    "<div>",
    "</div>",
    "<p>",
    "</p>",
    "<br>",
    "<h1>",
    "</h1>",
    "<h2>",
    "</h2>",
    "<strong>",
    "</strong>",
    "<script>",
    "</script>",
    "<style>",
    "<a href='x'>",
    "</a>",
    "<img src=x>",
    "<table><tr><td>",
    "</td></tr></table>",
    "<!--",
    "-->",
    "&nbsp;",
    "&amp;",
    "<p style='text-align:center'>",
    "<div id='js_content'>",
    "<title>",
    "</title>",
    "<meta charset='gbk'>",
    "<",
    // XHTML, as an EPUB chapter brings it: declarations, namespaces, self-closing tags.
    "<?xml version=\"1.0\" encoding=\"utf-8\"?>",
    "<html xmlns=\"http://www.w3.org/1999/xhtml\" xmlns:epub=\"http://www.idpf.org/2007/ops\">",
    "<br/>",
    "<div/>",
    "<span epub:type=\"noteref\">",
    "<![CDATA[",
    "]]>",
];

/// Word XML fragments, well-formed and not.
const WORD_XML: &[&str] = &[
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
    "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">",
    "<w:body>",
    "</w:body>",
    "<w:p>",
    "</w:p>",
    "<w:pPr><w:pStyle w:val=\"Heading1\"/></w:pPr>",
    "<w:pPr><w:outlineLvl w:val=\"9\"/></w:pPr>",
    "<w:r><w:t>",
    "</w:t></w:r>",
    "<w:t xml:space=\"preserve\">",
    "<w:tab/>",
    "<w:br/>",
    "<w:tbl><w:tr><w:tc>",
    "</w:tc></w:tr></w:tbl>",
    "<w:b/>",
    "&amp;",
    "&#x4E00;",
    "&bogus;",
    "<w:style w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/></w:style>",
    "<w:footnote w:id=\"1\">",
    "</w:footnote>",
    "<![CDATA[",
    "]]>",
    "<!--",
    "-->",
    "<",
    ">",
];

/// A zip holding `parts` (name, bytes), as a Word package is.
fn docx_package(parts: &[(&str, &[u8])]) -> Vec<u8> {
    use std::io::Write as _;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    for (name, bytes) in parts {
        zip.start_file(*name, options).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// Text made of the pieces above: the shapes Chinese documents and hostile input take.
fn random_text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..200).prop_map(|p| p.concat())
}

/// Pages made of tags and text pieces.
fn random_page() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![prop::sample::select(TAGS), prop::sample::select(PIECES)],
        0..300,
    )
    .prop_map(|p| p.concat())
}

/// Pages deep and wide: runs of one tag repeated thousands of times (nesting far past any real
/// page, or thousands of siblings), between pieces of text.
fn deep_page() -> impl Strategy<Value = String> {
    prop::collection::vec(
        (
            prop_oneof![prop::sample::select(TAGS), prop::sample::select(PIECES)],
            1usize..3000,
        ),
        0..12,
    )
    .prop_map(|runs| runs.iter().map(|(piece, n)| piece.repeat(*n)).collect())
}

proptest! {
    #![proptest_config(config(300))]

    #[test]
    fn fuzz_deep_and_wide_pages_read_or_are_refused(page in deep_page()) {
        if let Ok(doc) = jingdu::document::parse_html(&page) {
            let body: Vec<char> = doc.body_text().chars().collect();
            for b in &doc.blocks {
                prop_assert!(b.range.end <= body.len());
            }
        }
    }

    #[test]
    fn fuzz_html_pages_read_or_are_refused(page in random_page()) {
        if let Ok(doc) = jingdu::document::parse_html(&page) {
            let body: Vec<char> = doc.body_text().chars().collect();
            for b in &doc.blocks {
                prop_assert!(b.range.end <= body.len());
                prop_assert!(!b.text.is_empty());
            }
        }
    }

    #[test]
    fn fuzz_docx_bytes_are_refused_not_panics(bytes in prop::collection::vec(any::<u8>(), 0..256)) {
        let mut zipped = b"PK\x03\x04".to_vec();
        zipped.extend(bytes);
        let _ = jingdu::document::parse_docx(&zipped);
    }

    /// A valid package around random Word XML: the zip opens, so the XML reader, the style
    /// and footnote parts and the structure detector all see the noise.
    #[test]
    fn fuzz_word_xml_reads_or_is_refused(
        document in prop::collection::vec(prop_oneof![prop::sample::select(WORD_XML), prop::sample::select(PIECES)], 0..120),
        styles in prop::collection::vec(prop::sample::select(WORD_XML), 0..20),
        bytes in prop::collection::vec(any::<u8>(), 0..64),
    ) {
        let mut document = document.concat().into_bytes();
        document.extend(bytes);
        let package = docx_package(&[
            ("word/document.xml", &document),
            ("word/styles.xml", styles.concat().as_bytes()),
            ("word/footnotes.xml", &document),
        ]);
        if let Ok(doc) = jingdu::document::parse_docx(&package) {
            let body: Vec<char> = doc.body_text().chars().collect();
            for b in &doc.blocks {
                prop_assert!(b.range.end <= body.len());
            }
        }
    }
}

proptest! {
    #![proptest_config(config(1000))]

    #[test]
    fn fuzz_documents_parse_consistently(text in random_text()) {
        let doc = parse(&text);
        let body: Vec<char> = doc.body_text().chars().collect();
        prop_assert_eq!(body.len(), doc.body_len_chars());
        for b in &doc.blocks {
            prop_assert!(b.range.end <= body.len());
            prop_assert_eq!(body[b.range.clone()].iter().collect::<String>(), b.text.clone());
            prop_assert!(!b.text.is_empty());
        }
        for s in &doc.sections {
            prop_assert!(doc.blocks[s.heading].is_heading());
            prop_assert!(s.blocks.start == s.heading && s.blocks.end <= doc.blocks.len());
        }
        prop_assert_eq!(display_text(doc.body_text()).chars().count(), body.len());
    }

    #[test]
    fn fuzz_line_breaking_loses_no_chars(
        text in random_text(),
        width_steps in prop::collection::vec(0u8..3, 200 * 4),
        width in 1u8..40,
        indent in 0u8..3,
    ) {
        let chars: Vec<char> = text.chars().collect();
        let widths: Vec<f32> = chars
            .iter()
            .enumerate()
            .map(|(i, _)| 1.0 + f32::from(width_steps[i % width_steps.len()]) * 0.5)
            .collect();
        let lines = break_lines(&chars, &widths, f32::from(width), f32::from(indent));
        let joined: String = lines
            .iter()
            .map(|r| chars[r.clone()].iter().collect::<String>())
            .collect();
        prop_assert_eq!(joined, text);
        prop_assert!(lines.windows(2).all(|w| w[0].end == w[1].start));
    }

    #[test]
    fn fuzz_lines_break_between_clusters_and_obey_kinsoku(
        pieces in prop::collection::vec(prop::sample::select(vec![
            "读", "书", "，", "。", "“", "”", "（", "）", "、", "i", "Phone", " ", "2018",
            "https://example.com/a/b?c=1&d=2", "👨\u{200D}👩\u{200D}👧", "e\u{301}",
            "🇨🇳", "❤\u{FE0F}", "——", "……", "《", "》", "𠮷",
        ]), 0..80),
        width in 2u8..30,
        push_in in any::<bool>(),
    ) {
        let text: String = pieces.concat();
        let chars: Vec<char> = text.chars().collect();
        let widths: Vec<f32> = chars.iter().map(|c| if c.is_ascii() { 0.5 } else { 1.0 }).collect();
        // With punctuation compression as a justification resource (marks pushed in) when
        // the text asks for it.
        let gaps = jingdu::document::spacing::gaps(&chars, Default::default());
        let shrink = if push_in {
            jingdu::document::spacing::shrink(&chars, &gaps, Default::default())
        } else {
            Vec::new()
        };
        let lines = jingdu::document::typography::break_lines_pushing_in(
            &chars, &widths, &shrink, f32::from(width), 0.0,
        );
        let joined: String = lines.iter().map(|r| chars[r.clone()].iter().collect::<String>()).collect();
        prop_assert_eq!(&joined, &text);
        let starts = cluster_starts(&chars);
        for (k, line) in lines.iter().enumerate().skip(1) {
            prop_assert!(starts[line.start], "break inside a cluster at {} in {:?}", line.start, text);
            // A line starts with a closing mark only when the line before had no legal break.
            if forbids_line_start(chars[line.start]) {
                let prev = &lines[k - 1];
                let legal = (prev.start + 1..prev.end)
                    .any(|b| starts[b] && break_allowed(chars[b - 1], chars[b]));
                prop_assert!(!legal || prev.len() <= 1, "{:?} then {:?}", &chars[prev.clone()], &chars[line.clone()]);
            }
        }
    }

    #[test]
    fn fuzz_vertical_orientation_covers_every_char_and_combines_at_most_two(text in random_text()) {
        use jingdu::document::vertical::{Orientation, orientations, vertical_form};
        let chars: Vec<char> = text.chars().collect();
        let o = orientations(&chars);
        prop_assert_eq!(o.len(), chars.len());
        for (i, kind) in o.iter().enumerate() {
            match kind {
                Orientation::Combined { first: true } => {
                    prop_assert!(chars[i].is_ascii_digit());
                    let run = o[i + 1..]
                        .iter()
                        .take_while(|k| **k == Orientation::Combined { first: false })
                        .count();
                    prop_assert!(run <= 1, "{:?}", text);
                }
                Orientation::Combined { first: false } => {
                    let after_combined = i > 0 && matches!(o[i - 1], Orientation::Combined { .. });
                    prop_assert!(after_combined, "{:?}", text);
                }
                Orientation::Upright | Orientation::Sideways => {}
            }
            // A mark with a vertical form always stands upright.
            if vertical_form(chars[i]) != chars[i] {
                prop_assert_eq!(*kind, Orientation::Upright);
            }
        }
    }

    #[test]
    fn fuzz_edits_never_lose_or_break_notes(
        text in random_text(),
        inserted in random_text(),
        at in 0.0f64..1.0,
        span in 1usize..30,
    ) {
        let original = format!("标题\n\n{text}");
        let doc = parse(&original);
        let len = doc.body_len_chars();
        prop_assume!(len >= 4);
        let index = TextIndex::new(doc.body_text());
        let start = ((len - 2) as f64 * at) as usize;
        let end = (start + span).min(len);
        let anchor = notes::make_anchor(&doc, &index, start..end);
        let mut note = notes::Note::new(
            NoteKind::Passage,
            anchor,
            "笔记".into(),
            "yellow".into(),
            vec![],
            "t",
        );
        let edited = format!("{inserted}{original}");
        let doc2 = parse(&edited);
        let index2 = TextIndex::new(doc2.body_text());
        notes::reanchor(&doc2, &index2, &mut note);
        prop_assert!(note.anchor.end <= doc2.body_len_chars() || !note.anchored);
        prop_assert!(note.anchor.start <= note.anchor.end);
        // Text inserted before the passage moves it, it does not lose it.
        if note.anchored {
            let found: String = doc2.body_text().chars()
                .skip(note.anchor.start)
                .take(note.anchor.end - note.anchor.start)
                .collect();
            prop_assert!(!found.is_empty());
        }
    }

    #[test]
    fn fuzz_bytes_decode_or_are_refused(bytes in prop::collection::vec(any::<u8>(), 0..64)) {
        match decode_bytes(&bytes).map(|d| d.text) {
            Ok(text) => {
                // What decodes parses, and valid UTF-8 decodes to itself.
                let _ = parse(&text);
                if let Ok(utf8) = std::str::from_utf8(&bytes)
                    && !utf8.starts_with('\u{FEFF}')
                {
                    prop_assert_eq!(text.as_str(), utf8);
                }
            }
            Err(e) => {
                // A refusal is a one-line message the reader can act on.
                let msg = e.to_string();
                prop_assert!(!msg.is_empty() && !msg.contains('\n'), "{msg:?}");
            }
        }
    }
}

/// JSON-ish pieces of W3C annotations, right and wrong: imports built from them exercise
/// every branch of the strict reader.
const JSON_PIECES: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    "\"type\"",
    "\"Annotation\"",
    "\"AnnotationCollection\"",
    "\"first\"",
    "\"items\"",
    "\"id\"",
    "\"urn:uuid:a\"",
    "\"http://x.example/1\"",
    "\"a b\"",
    "\"\\u001b]0;x\\u0007\"",
    "\"body\"",
    "\"bodyValue\"",
    "\"value\"",
    "\"purpose\"",
    "\"tagging\"",
    "\"TextualBody\"",
    "\"format\"",
    "\"text/html\"",
    "\"target\"",
    "\"selector\"",
    "\"TextQuoteSelector\"",
    "\"TextPositionSelector\"",
    "\"exact\"",
    "\"prefix\"",
    "\"start\"",
    "\"end\"",
    "\"created\"",
    "\"modified\"",
    "\"2024-05-01T09:30:00Z\"",
    "\"2024-02-30T09:30:00Z\"",
    "\"jingdu:kind\"",
    "\"section\"",
    "\"jingdu:block\"",
    "\"jingdu:headingPath\"",
    "\"jingdu:color\"",
    "\"key\"",
    "\"jingdu:anchored\"",
    "0",
    "7",
    "-1",
    "1.5",
    "1e400",
    "true",
    "null",
    "\"组织力\"",
];

/// A well-formed annotation with every field, to mutate.
const GOOD_ANNOTATION: &str = r#"[{"type":"Annotation","id":"urn:uuid:00000000-0000-4000-8000-000000000001","created":"2024-05-01T09:30:00+08:00","modified":"2024-05-01T09:30:00+08:00","body":[{"type":"TextualBody","value":"笔记","purpose":"commenting"},{"type":"TextualBody","value":"党建","purpose":"tagging"}],"target":{"source":"urn:x","selector":[{"type":"TextQuoteSelector","exact":"组织力","prefix":"强化","suffix":"建设"},{"type":"TextPositionSelector","start":3,"end":6}]},"jingdu:kind":"passage","jingdu:color":{"key":"yellow"},"jingdu:headingPath":["一"],"jingdu:block":2,"jingdu:anchored":true}]"#;

/// What every accepted import satisfies, and every refusal.
fn check_import(bytes: &[u8]) -> Result<(), TestCaseError> {
    match jingdu::export::parse_import(bytes) {
        Ok(imported) => {
            for n in &imported.notes {
                prop_assert!(!n.id.is_empty() && !n.id.chars().any(char::is_control));
                prop_assert_eq!(
                    notes::checked_timestamp(&n.created),
                    Some(n.created.clone())
                );
                prop_assert_eq!(
                    notes::checked_timestamp(&n.modified),
                    Some(n.modified.clone())
                );
                prop_assert!(n.anchor.start <= n.anchor.end);
            }
        }
        Err(msg) => {
            prop_assert!(!msg.is_empty(), "empty refusal");
            prop_assert!(!msg.chars().any(char::is_control), "{msg:?}");
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(config(500))]

    #[test]
    fn fuzz_import_of_random_json(pieces in prop::collection::vec(prop::sample::select(JSON_PIECES), 0..80)) {
        check_import(pieces.concat().as_bytes())?;
    }

    #[test]
    fn fuzz_import_of_a_mutated_annotation(
        edits in prop::collection::vec((0.0f64..1.0, prop::sample::select(JSON_PIECES)), 1..4),
    ) {
        let mut text = GOOD_ANNOTATION.to_owned();
        for (at, piece) in edits {
            let mut i = (text.len() as f64 * at) as usize;
            while !text.is_char_boundary(i) {
                i -= 1;
            }
            text.insert_str(i, piece);
        }
        check_import(text.as_bytes())?;
    }

    #[test]
    fn fuzz_import_of_random_bytes(bytes in prop::collection::vec(any::<u8>(), 0..128)) {
        check_import(&bytes)?;
    }

    #[test]
    fn fuzz_long_bytes_decode_or_are_refused(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        if let Ok(text) = decode_bytes(&bytes).map(|d| d.text) {
            let _ = parse(&text);
        }
    }
}

#[test]
fn the_unmutated_annotation_imports_whole() {
    let imported = jingdu::export::parse_import(GOOD_ANNOTATION.as_bytes()).unwrap();
    let n = &imported.notes[0];
    assert_eq!(
        (n.text.as_str(), n.tags.clone()),
        ("笔记", vec!["党建".to_owned()])
    );
    assert_eq!((n.anchor.start, n.anchor.end, n.anchor.block), (3, 6, 2));
}

//! Exports of the built-in article with notes of all three kinds, including hostile text,
//! against golden files (`UPDATE_GOLDEN=1 cargo test --test exports` rewrites them); the JSON
//! exported, re-imported into an empty store and compared. Word documents: `export_docx.rs`.

use crate::export_common;

use export_common::{NOW, fixture, golden, render};

use jingdu::app::{AppState, Settings};
use jingdu::document::Source;
use jingdu::export::{self, Export, Format, Options, Scope};
use jingdu::notes::{self, DocInfo, Palette, Store};

#[test]
fn golden_markdown_html_text_json() {
    let (source, list) = fixture();
    for (format, name) in [
        (Format::Markdown, "notes.md"),
        (Format::Html, "notes.html"),
        (Format::Text, "notes.txt"),
        (Format::Json, "notes.json"),
        (Format::Csv, "notes.csv"),
    ] {
        golden(name, &render(&source, &list, &Options::new(format)));
    }
    let annotated = |f| Options {
        annotated_copy: true,
        ..Options::new(f)
    };
    golden(
        "annotated.md",
        &render(&source, &list, &annotated(Format::Markdown)),
    );
    golden(
        "annotated.html",
        &render(&source, &list, &annotated(Format::Html)),
    );
}

#[test]
fn markdown_is_structurally_safe_commonmark() {
    use pulldown_cmark::{Event, HeadingLevel, Parser, Tag};
    let (source, list) = fixture();
    for annotated in [false, true] {
        let opts = Options {
            annotated_copy: annotated,
            ..Options::new(Format::Markdown)
        };
        let md = String::from_utf8(render(&source, &list, &opts)).unwrap();
        let mut headings = Vec::new();
        let mut in_heading = None;
        let mut text = String::new();
        // Text inside list items: a note's `- 不是列表` must stay text, not become a list.
        let mut item_depth = 0usize;
        let mut item_text = String::new();
        // Notes apps read the YAML front matter as metadata, and so does this parser.
        let parser = Parser::new_ext(
            &md,
            pulldown_cmark::Options::ENABLE_YAML_STYLE_METADATA_BLOCKS,
        );
        for ev in parser {
            match ev {
                Event::Start(Tag::Heading { level, .. }) => {
                    in_heading = Some((level, String::new()))
                }
                Event::End(pulldown_cmark::TagEnd::Heading(_)) => {
                    headings.push(in_heading.take().unwrap())
                }
                Event::Text(t) => {
                    if let Some((_, h)) = &mut in_heading {
                        h.push_str(&t);
                    }
                    if item_depth > 0 {
                        item_text.push_str(&t);
                    }
                    text.push_str(&t);
                }
                Event::Html(h) | Event::InlineHtml(h) => panic!("raw HTML in Markdown: {h}"),
                Event::Start(Tag::Item) => item_depth += 1,
                Event::End(pulldown_cmark::TagEnd::Item) => item_depth -= 1,
                Event::Start(Tag::CodeBlock(_)) => panic!("a note became a code block"),
                _ => {}
            }
        }
        assert_eq!(headings[0].0, HeadingLevel::H1);
        assert!(
            headings.iter().all(|(_, h)| !h.contains("不是标题")),
            "{headings:?}"
        );
        assert!(
            text.contains("<script>alert('x')</script>"),
            "shown as text"
        );
        assert!(text.contains("# 不是标题"));
        assert!(text.contains("- 不是列表"), "kept as text");
        assert!(
            !item_text.contains("不是列表") && !item_text.contains("不是编号"),
            "a note line became a list item: {item_text:?}"
        );
        assert!(text.contains("1. 不是编号"));
        assert!(text.contains("😀🎉"));
        if !annotated {
            let names: Vec<&str> = headings.iter().map(|(_, h)| h.as_str()).collect();
            assert_eq!(
                names,
                vec![
                    "从严从实加强党的基层党组织建设 · 学习笔记",
                    "正文开头",
                    "以政治建设为统领，强化基层党组织的政治功能",
                    "未定位的笔记",
                    "书签"
                ]
            );
        }
    }
}

#[test]
fn html_escapes_user_text_and_is_standalone() {
    let (source, list) = fixture();
    for annotated in [false, true] {
        let opts = Options {
            annotated_copy: annotated,
            ..Options::new(Format::Html)
        };
        let html = String::from_utf8(render(&source, &list, &opts)).unwrap();
        assert!(!html.contains("<script"), "no script tag");
        assert!(html.contains("&lt;script&gt;"));
        assert!(html.contains("&lt;b&gt;标签&lt;/b&gt;"));
        assert!(
            !html.contains("http://example.com\""),
            "no live link from note text"
        );
        for external in ["<link", "src=", "@import", "url("] {
            assert!(!html.contains(external), "external resource: {external}");
        }
        assert!(html.contains("font-family"));
    }
}

#[test]
fn json_round_trips_through_import_into_an_empty_store() {
    let (source, list) = fixture();
    let json = render(&source, &list, &Options::new(Format::Json));
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("notes.json");
    std::fs::write(&file, &json).unwrap();
    let imported = export::read_import(&file).unwrap();
    assert_eq!(
        imported.title.as_deref(),
        Some("从严从实加强党的基层党组织建设")
    );

    let mut state = AppState::new(
        Source::builtin(),
        Some(Store::at(dir.path().join("data"))),
        Settings::default(),
        Box::new(|| NOW.to_owned()),
    );
    assert!(!state.import_needs_confirmation(&imported));
    let report = state.merge_imported(imported.notes.clone(), false);
    assert_eq!(report.added, 5);
    // The note the fixture marked unanchored finds its passage again in this text.
    assert_eq!(report.unanchored, 0);
    let mut expected = list.clone();
    let mut got = state.notes().to_vec();
    // The unanchored note was re-anchored (its passage is still in this text) — the fixture
    // marked it unanchored by hand, so compare it apart from its flag. The version counter
    // is the store's own (each change made in this window raises it), not part of the export.
    for n in expected.iter_mut().chain(got.iter_mut()) {
        n.anchored = true;
        n.rev = 0;
    }
    notes::sort_document_order(&mut expected);
    notes::sort_document_order(&mut got);
    assert_eq!(got, expected);

    // Importing again changes nothing and duplicates nothing.
    let again = state.merge_imported(imported.notes, false);
    assert_eq!(again.added + again.updated, 0);
    assert_eq!(again.unchanged, 5);
    assert_eq!(state.notes().len(), 5);
}

#[test]
fn json_annotations_have_the_w3c_shape() {
    let (source, list) = fixture();
    let v: serde_json::Value =
        serde_json::from_slice(&render(&source, &list, &Options::new(Format::Json))).unwrap();
    assert_eq!(v["type"], "AnnotationCollection");
    let items = v["first"]["items"].as_array().unwrap();
    assert_eq!(items.len(), 5);
    // A bookmark says so in the vocabulary's own terms.
    let motivations: Vec<&str> = items
        .iter()
        .map(|a| a["motivation"].as_str().unwrap())
        .collect();
    assert_eq!(
        motivations.iter().filter(|m| **m == "bookmarking").count(),
        1
    );
    assert_eq!(
        motivations.iter().filter(|m| **m == "commenting").count(),
        4
    );
    for a in items {
        assert_eq!(a["@context"], "http://www.w3.org/ns/anno.jsonld");
        assert_eq!(a["type"], "Annotation");
        assert!(a["id"].as_str().unwrap().starts_with("urn:uuid:"));
        let sel = a["target"]["selector"].as_array().unwrap();
        assert_eq!(sel[0]["type"], "TextQuoteSelector");
        assert_eq!(sel[1]["type"], "TextPositionSelector");
    }
    // Positions count code points: the emoji-free quote of note 1 starts where the text says.
    let body: Vec<char> = source.document.body_text().chars().collect();
    let a = &items[0];
    let (s, e) = (
        a["target"]["selector"][1]["start"].as_u64().unwrap() as usize,
        a["target"]["selector"][1]["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(
        body[s..e].iter().collect::<String>(),
        a["target"]["selector"][0]["exact"].as_str().unwrap()
    );
    let tags: Vec<&str> = a["body"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|b| b["purpose"] == "tagging")
        .map(|b| b["value"].as_str().unwrap())
        .collect();
    assert_eq!(tags, vec!["重点", "<b>标签</b>"]);
}

#[test]
fn a_hundred_thousand_character_note_exports_everywhere() {
    let (source, mut list) = fixture();
    let long: String = "长文".repeat(50_000);
    list[0].text = long.clone();
    for format in Format::ALL {
        let out = render(&source, &list, &Options::new(format));
        if format == Format::Docx {
            let docx = docx_rs::read_docx(&out).unwrap();
            let text: String = docx
                .document
                .children
                .iter()
                .filter_map(|c| match c {
                    docx_rs::DocumentChild::Paragraph(p) => Some(p.raw_text()),
                    _ => None,
                })
                .collect();
            assert!(text.contains(&long));
        } else if format == Format::Pdf {
            // 100 000 chars at about 1 400 a page (39 a line, 36 lines): over 70 pages.
            let raw = String::from_utf8_lossy(&out);
            let pages = raw.matches("/Type/Page/").count();
            assert!(pages > 70, "{pages} pages");
        } else {
            let s = String::from_utf8(out).unwrap();
            assert!(s.contains(&long), "{format:?}");
        }
    }
}

#[test]
fn scope_tags_and_colors_select_notes() {
    let (source, list) = fixture();
    let doc = &source.document;
    let pick = |o: &Options| {
        export::select_notes(doc, &list, o)
            .iter()
            .map(|n| n.id.clone())
            .collect::<Vec<_>>()
    };
    let base = Options::new(Format::Text);
    assert_eq!(pick(&base).len(), 5);
    assert_eq!(
        pick(&Options {
            scope: Scope::Section(0),
            ..base.clone()
        })
        .len(),
        2
    );
    assert_eq!(
        pick(&Options {
            tags: vec!["重点".into()],
            ..base.clone()
        }),
        vec![list[0].id.clone()]
    );
    assert_eq!(
        pick(&Options {
            colors: vec!["blue".into()],
            ..base.clone()
        })
        .len(),
        1
    );
    let none = render(
        &source,
        &list,
        &Options {
            tags: vec!["无此标签".into()],
            ..Options::new(Format::Markdown)
        },
    );
    assert!(
        String::from_utf8(none)
            .unwrap()
            .contains("没有符合条件的笔记")
    );
}

#[test]
fn failed_export_leaves_nothing_behind() {
    let (source, list) = fixture();
    let info = DocInfo::for_source(&source);
    let palette = Palette::default();
    let e = Export::new(
        &source.document,
        &info,
        "x",
        &palette,
        list.iter().collect(),
        NOW,
    );
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no-such-folder").join("a.md");
    let err = export::write_to_path(&e, &Options::new(Format::Markdown), &missing).unwrap_err();
    assert!(err.to_string().contains("文件夹不存在"), "{err}");
    assert!(err.to_string().ends_with(&missing.display().to_string()));
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    // Over an existing file, the old content survives a failure. The failure must happen for
    // root too (CI runs as root, which ignores permissions): the file's name is so long that
    // no temporary file can be made beside it (the name limit is 255 bytes).
    let folder = dir.path().join("long");
    std::fs::create_dir(&folder).unwrap();
    let target = folder.join(format!("{}.md", "长".repeat(83)));
    std::fs::write(&target, "旧内容").unwrap();
    let result = export::write_to_path(&e, &Options::new(Format::Markdown), &target);
    assert!(result.is_err(), "the temporary file cannot be created");
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "旧内容");
    assert_eq!(
        std::fs::read_dir(&folder).unwrap().count(),
        1,
        "nothing left behind"
    );
}

#[test]
fn csv_opens_in_a_spreadsheet_with_one_note_a_row() {
    let (source, mut list) = fixture();
    list[0].text = "=HYPERLINK(\"http://evil.example\",\"点我\")\n第二行".into();
    let out = render(&source, &list, &Options::new(Format::Csv));
    assert!(
        out.starts_with("\u{feff}".as_bytes()),
        "a BOM for Excel and WPS"
    );
    let text = std::str::from_utf8(&out[3..]).unwrap();
    let rows: Vec<Vec<String>> = csv_rows(text).collect();
    assert_eq!(rows[0][0], "类型");
    assert_eq!(rows.len(), list.len() + 1, "a header and one row per note");
    assert!(rows.iter().all(|r| r.len() == 10));
    let hostile = rows.iter().find(|r| r[4].contains("HYPERLINK")).unwrap();
    assert!(hostile[4].starts_with("'="), "no formula: {:?}", hostile[4]);
    assert!(
        hostile[4].contains("\n第二行"),
        "a multi-line note stays in its cell"
    );
}

/// A minimal RFC 4180 reader for the test (quoted cells, doubled quotes, CRLF).
fn csv_rows(text: &str) -> impl Iterator<Item = Vec<String>> + '_ {
    let mut chars = text.chars().peekable();
    std::iter::from_fn(move || {
        chars.peek()?;
        let mut row = Vec::new();
        let mut cell = String::new();
        let mut quoted = false;
        while let Some(c) = chars.next() {
            match (c, quoted) {
                ('"', true) if chars.peek() == Some(&'"') => {
                    chars.next();
                    cell.push('"');
                }
                ('"', _) => quoted = !quoted,
                (',', false) => row.push(std::mem::take(&mut cell)),
                ('\r', false) => {}
                ('\n', false) => break,
                (c, _) => cell.push(c),
            }
        }
        row.push(cell);
        Some(row)
    })
}

#[test]
fn markdown_front_matter_cannot_be_broken_out_of() {
    let (source, mut list) = fixture();
    list[0].tags = vec!["\"]\nevil: 1\n---".into()];
    let md = String::from_utf8(render(&source, &list, &Options::new(Format::Markdown))).unwrap();
    let mut parts = md.splitn(3, "---\n");
    assert_eq!(parts.next(), Some(""), "front matter first");
    let front = parts.next().unwrap();
    for line in front.lines() {
        let key = line.split(':').next().unwrap();
        assert!(
            ["title", "author", "source", "published", "tags", "exported"].contains(&key),
            "unexpected front-matter line {line:?}"
        );
    }
    assert!(parts.next().unwrap().trim_start().starts_with("# "));
}

/// A renderer without front-matter support (CommonMark as markdown-it and many viewers run
/// it) reads the front matter as a paragraph: a title or tag with markup must not become raw
/// HTML there.
#[test]
fn markdown_front_matter_holds_no_markup_for_plain_renderers() {
    use pulldown_cmark::{Event, Parser};
    let (mut source, mut list) = fixture();
    source.document.meta.title = Some("<script>alert(1)</script>标题 & 更多".into());
    source.document.meta.author = Some("<img src=x onerror=alert(1)>".into());
    list[0].tags = vec!["<b>标签</b>".into()];
    for annotated in [false, true] {
        let options = Options {
            annotated_copy: annotated,
            ..Options::new(Format::Markdown)
        };
        let md = String::from_utf8(render(&source, &list, &options)).unwrap();
        for event in Parser::new(&md) {
            assert!(
                !matches!(event, Event::Html(_) | Event::InlineHtml(_)),
                "raw HTML reaches a plain renderer: {event:?}\n{md}"
            );
        }
        // A front-matter reader sees the values unchanged.
        let front = md.split("---\n").nth(1).unwrap();
        let title = front
            .lines()
            .next()
            .unwrap()
            .strip_prefix("title: ")
            .unwrap();
        let title: String = serde_json::from_str(title).unwrap();
        assert_eq!(title, "<script>alert(1)</script>标题 & 更多");
    }
}

#[test]
fn labels_follow_the_document_unless_asked_otherwise() {
    use jingdu::i18n::Lang;
    // The built-in article is Simplified: Simplified labels.
    let (source, list) = fixture();
    let md = String::from_utf8(render(&source, &list, &Options::new(Format::Markdown))).unwrap();
    assert!(md.contains(" · 学习笔记") && md.contains("创建："), "{md}");
    // Asked for English labels: every format's own words are English, the article's are not.
    for format in [Format::Markdown, Format::Text, Format::Html, Format::Csv] {
        let o = Options {
            labels: Some(Lang::En),
            ..Options::new(format)
        };
        let out = String::from_utf8(render(&source, &list, &o)).unwrap();
        assert!(
            out.contains("Created") && !out.contains("创建") && !out.contains("学习笔记"),
            "{format:?}: {out}"
        );
        assert!(
            out.contains("基层党组织"),
            "{format:?}: the article stays as it is"
        );
    }
    // A Traditional text gets Traditional labels.
    let source = Source::from_text(
        jingdu::document::Origin::Builtin,
        "黨的建設\n\n一、組織建設\n\n堅持黨的領導，發展是第一要務。",
    );
    let doc = &source.document;
    let b = doc.paragraph_indices().next().unwrap();
    let note = export_common::note(
        doc,
        jingdu::notes::NoteKind::Paragraph,
        doc.blocks[b].range.clone(),
        "00000000-0000-4000-8000-000000000009",
        "要點",
        "yellow",
        &[],
    );
    assert_eq!(export::labels_for(doc), Lang::ZhHant);
    let md = String::from_utf8(render(&source, &[note], &Options::new(Format::Markdown))).unwrap();
    assert!(md.contains(" · 學習筆記") && md.contains("創建："), "{md}");
}

/// Exported titles and headings are spaced as the reader shows them: `第 1 章`, not `第1章`
/// (a quarter-em space, U+2005, where the reader puts its gap).
#[test]
fn exported_headings_are_spaced_as_the_reader_shows_them() {
    let source = Source::from_text(
        jingdu::document::Origin::Builtin,
        "2018年工作报告\n\n第1章 总则\n\n第一条 为了规范管理，制定本办法，自2018年起施行。\n",
    );
    let q = jingdu::document::typography::QUARTER_EM_SPACE;
    for format in [Format::Markdown, Format::Html] {
        let options = Options {
            annotated_copy: true,
            ..Options::new(format)
        };
        let out = String::from_utf8(render(&source, &[], &options)).unwrap();
        assert!(out.contains(&format!("第{q}1{q}章")), "{format:?}: {out}");
        assert!(out.contains(&format!("2018{q}年工作报告")), "{format:?}");
    }
}

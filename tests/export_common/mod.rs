//! The export tests' fixture: the built-in article with notes of all three kinds (one with
//! hostile text, one unanchored) and a bookmark, rendered at a fixed time in Beijing time, and golden files.

#![allow(dead_code)]

use std::path::PathBuf;

use jingdu::document::{Document, Source};
use jingdu::export::{self, Export, Options};
use jingdu::notes::{self, DocInfo, Note, NoteKind, Palette, TextIndex};

pub const NOW: &str = "2024-05-01T09:30:00+08:00";

/// Note text meant to break every format that does not escape properly.
pub const HOSTILE: &str = "<script>alert('x')</script> & \"引号\" **粗体** _斜_ `代码`\n# 不是标题\n- 不是列表\n1. 不是编号\n\t缩进的行\n[链接](http://example.com) |表格| ~删除~ $公式$\n\n新的一段：emoji 😀🎉，从右到左 \u{200F}שלום\u{200F}。";

pub fn note(
    doc: &Document,
    kind: NoteKind,
    range: std::ops::Range<usize>,
    id: &str,
    text: &str,
    color: &str,
    tags: &[&str],
) -> Note {
    let index = TextIndex::new(doc.body_text());
    let anchor = notes::target_anchor(doc, &index, kind, range);
    Note {
        id: id.into(),
        kind,
        anchor,
        text: text.into(),
        color: color.into(),
        tags: tags.iter().map(|t| (*t).to_owned()).collect(),
        created: NOW.into(),
        modified: if id.ends_with('2') {
            "2024-05-02T10:00:00+08:00".into()
        } else {
            NOW.into()
        },
        anchored: true,
        rev: 0,
    }
}

/// The built-in article with a passage, a section, a paragraph, a bookmark and an unanchored
/// note.
pub fn fixture() -> (Source, Vec<Note>) {
    let source = Source::builtin();
    let doc = &source.document;
    let body = doc.body_text();
    let find = |q: &str| {
        let b = body.find(q).unwrap();
        let s = body[..b].chars().count();
        s..s + q.chars().count()
    };
    let sec = &doc.sections[0];
    let para = doc.paragraph_indices().nth(2).unwrap();
    let mut lost = note(
        doc,
        NoteKind::Passage,
        find("党的力量来自组织"),
        "00000000-0000-4000-8000-000000000004",
        "原文已删的摘句",
        "gray",
        &[],
    );
    lost.anchored = false;
    let mut list = vec![
        note(
            doc,
            NoteKind::Passage,
            find("创造性地提出了新时代党的组织路线"),
            "00000000-0000-4000-8000-000000000001",
            HOSTILE,
            "yellow",
            &["重点", "<b>标签</b>"],
        ),
        note(
            doc,
            NoteKind::Section,
            doc.blocks[sec.heading].range.clone(),
            "00000000-0000-4000-8000-000000000002",
            "本节讲政治功能。",
            "green",
            &["政治建设"],
        ),
        note(
            doc,
            NoteKind::Paragraph,
            doc.blocks[para].range.clone(),
            "00000000-0000-4000-8000-000000000003",
            "“神经网络”的比喻。\n第二行。",
            "blue",
            &[],
        ),
        note(
            doc,
            NoteKind::Bookmark,
            doc.blocks[doc.paragraph_indices().nth(6).unwrap()]
                .range
                .clone(),
            "00000000-0000-4000-8000-000000000005",
            "",
            "yellow",
            &[],
        ),
        lost,
    ];
    notes::sort_document_order(&mut list);
    (source, list)
}

pub fn render(source: &Source, notes_list: &[Note], options: &Options) -> Vec<u8> {
    let info = DocInfo::for_source(source);
    let palette = Palette::default();
    let e = Export {
        author: Some("李华"),
        // Beijing time, so that the golden files do not depend on the machine's zone.
        zone: jiff::tz::TimeZone::fixed(jiff::tz::Offset::constant(8)),
        ..Export::new(
            &source.document,
            &info,
            "builtin",
            &palette,
            export::select_notes(&source.document, notes_list, options),
            NOW,
        )
    };
    let mut out = Vec::new();
    export::write(&e, options, &mut out).unwrap();
    out
}

pub fn golden(name: &str, actual: &[u8]) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read(&path)
        .unwrap_or_else(|_| panic!("missing golden file {name}; run with UPDATE_GOLDEN=1"));
    if expected != actual {
        // Written under target/, never beside the golden files (nothing to commit by mistake).
        let got = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
            .join("golden")
            .join(name);
        std::fs::create_dir_all(got.parent().unwrap()).unwrap();
        std::fs::write(&got, actual).unwrap();
        panic!("{name} differs from its golden file; see {}", got.display());
    }
}

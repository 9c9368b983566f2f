//! 竖排 through the real app: the toggle, columns right to left, the outline jump, a note made
//! by dragging down a column, the paragraph button below the columns, the wheel.

use crate::common;

use egui::{Key, pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use jingdu::document::Source;
use jingdu::notes::NoteKind;
use jingdu::ui::JingduApp;

type H = Harness<'static, JingduApp>;

const HEADING_3: &str = "推进基层组织创新，健全完善基层党建工作格局";

/// The built-in article, switched to vertical text with the toolbar's 竖排.
fn vertical() -> (tempfile::TempDir, H) {
    let dir = tempfile::tempdir().unwrap();
    let mut h = common::harness(Source::builtin(), dir.path());
    h.get_by_label("竖排").click();
    h.run();
    assert!(h.state().state.view.vertical);
    (dir, h)
}

fn rect_of(h: &H, b: usize) -> egui::Rect {
    h.state()
        .reader
        .block_rect(b)
        .unwrap_or_else(|| panic!("block {b} on screen"))
}

fn first_paragraph(h: &H) -> usize {
    let doc = &h.state().state.source.document;
    doc.paragraph_indices().next().unwrap()
}

#[test]
fn the_toggle_sets_columns_right_to_left_and_is_kept_for_the_document() {
    let (_dir, mut h) = vertical();
    let doc = h.state().state.source.document.clone();
    let para = first_paragraph(&h);
    let heading = doc.sections[0].heading;
    let p = rect_of(&h, para);
    let next = rect_of(&h, heading);
    // Columns: the paragraph is tall and narrow, and what follows it stands to its left.
    assert!(p.height() > p.width(), "{p:?}");
    assert!(next.max.x <= p.min.x + 0.5, "{next:?} left of {p:?}");
    // Kept for this document in the reading list.
    let id = h.state().state.doc_info.id.clone();
    assert!(h.state().state.settings.recent[&id].vertical);
    // F8 turns it back.
    h.key_press(Key::F8);
    h.run();
    assert!(!h.state().state.view.vertical);
    let p = rect_of(&h, first_paragraph(&h));
    assert!(p.width() > p.height(), "{p:?}");
    assert!(!h.state().state.settings.recent[&id].vertical);
}

#[test]
fn the_outline_jumps_to_a_section_in_vertical_text() {
    let (_dir, mut h) = vertical();
    let doc = h.state().state.source.document.clone();
    let heading = doc.sections[2].heading;
    h.get_by_role_and_label(egui::accesskit::Role::TreeItem, HEADING_3)
        .click();
    h.run();
    h.run();
    let pos = h.state().state.view.position;
    assert_eq!(pos.block, Some(heading));
    // The heading is the first column on the right of the reader.
    let r = rect_of(&h, heading);
    let before = rect_of(&h, heading + 1);
    assert!(before.max.x <= r.min.x + 0.5);
    assert!(
        h.state()
            .reader
            .block_rect(heading - 1)
            .is_none_or(|x| x.min.x >= r.max.x - 0.5)
    );
}

#[test]
fn a_drag_down_a_column_selects_its_chars_and_makes_a_passage_note() {
    let (_dir, mut h) = vertical();
    let para = first_paragraph(&h);
    let block = h.state().state.source.document.blocks[para].clone();
    let r = rect_of(&h, para);
    // Down the first (rightmost) column, from its top: the indent is two ems.
    let x = r.max.x - 15.0;
    h.drag_at(pos2(x, r.min.y + 1.0));
    h.run();
    for k in 1..=10 {
        h.hover_at(pos2(x, r.min.y + k as f32 * 20.0));
        h.run();
    }
    h.drop_at(pos2(x, r.min.y + 220.0));
    h.run();
    let sel = h
        .state()
        .state
        .view
        .selection
        .clone()
        .expect("text selected");
    assert_eq!(sel.start, block.range.start, "from the column's first char");
    assert!(sel.len() >= 8, "{sel:?}");
    let quote = h.state().state.source.document.slice_chars(sel.clone());
    assert!(quote.starts_with("2018年7月3日"), "{quote}");
    // The floating button beside the selection starts the note.
    h.get_by_label("为所选文字写笔记").click();
    h.run();
    h.get_by_label("笔记内容").focus();
    h.run();
    h.get_by_label("笔记内容").type_text("竖排里写的摘句");
    h.run();
    h.get_by_label("保存").click();
    h.run();
    let notes = h.state().state.notes();
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].kind, NoteKind::Passage);
    assert_eq!(notes[0].anchor.start, sel.start);
    assert_eq!(notes[0].anchor.end, sel.end);
    assert_eq!(h.state().state.note_index().highlights(para).len(), 1);
}

#[test]
fn the_paragraph_button_below_the_columns_notes_the_paragraph() {
    let (_dir, mut h) = vertical();
    let para = first_paragraph(&h);
    let r = rect_of(&h, para);
    h.hover_at(r.center());
    h.run();
    h.get_by_label("为此段写笔记").click();
    h.run();
    let draft = h.state().state.view.draft.clone().expect("editor open");
    assert_eq!(draft.target.kind, NoteKind::Paragraph);
    assert_eq!(
        draft.target.range,
        h.state().state.source.document.blocks[para].range
    );
}

#[test]
fn the_wheel_moves_on_to_the_left() {
    let (_dir, mut h) = vertical();
    let before = h.state().state.view.position;
    common::wheel(&mut h, -120.0, 6);
    let after = h.state().state.view.position;
    assert!(
        after.block.unwrap_or(0) > before.block.unwrap_or(0)
            || (after.block == before.block && after.fraction > before.fraction),
        "{before:?} → {after:?}"
    );
    // → and ↑ go back, ← and ↓ on.
    let at = |h: &H| {
        let p = h.state().state.view.position;
        p.block.unwrap_or(0) as f32 + p.fraction
    };
    for (key, onward) in [
        (Key::ArrowRight, false),
        (Key::ArrowUp, false),
        (Key::ArrowLeft, true),
        (Key::ArrowDown, true),
    ] {
        let before = at(&h);
        h.key_press(key);
        h.run();
        let now = at(&h);
        assert!(
            if onward { now > before } else { now < before },
            "{key:?}: {before} → {now}"
        );
    }
}

#[test]
fn vertical_text_fits_small_and_large_windows() {
    let (_dir, mut h) = vertical();
    let para = first_paragraph(&h);
    for (w, ht) in [(700.0, 500.0), (1920.0, 1080.0), (900.0, 650.0)] {
        h.set_size(egui::vec2(w, ht));
        h.run();
        h.run();
        let r = rect_of(&h, para);
        assert!(r.min.y >= 30.0 && r.max.y <= ht - 30.0, "{w}×{ht}: {r:?}");
        assert!(r.height() >= 6.0 * h.state().state.settings.font_size_pt);
        assert!(r.max.x <= w, "{w}×{ht}: {r:?}");
    }
}

#[test]
fn find_walks_the_hits_in_vertical_text_and_brings_each_on_screen() {
    use egui::Modifiers;
    let (_dir, mut h) = vertical();
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run();
    h.get_by_label("查找").type_text("党的组织");
    h.run();
    h.get_by_label("1 / 4");
    for _ in 0..4 {
        h.key_press(Key::F3);
        h.run();
        h.run();
        let search = h.state().state.view.search.clone().unwrap();
        let hit = search.current_hit().cloned().expect("a current hit");
        let doc = h.state().state.source.document.clone();
        let b = doc.block_at_offset(hit.start).unwrap();
        // The block with the hit is drawn, inside the reader's width.
        let r = rect_of(&h, b);
        assert!(r.max.x > 260.0 && r.min.x < 960.0, "{r:?}");
    }
}

/// In a column too, a drag starts at the char where the button went down: pressed on the
/// upper part of a char and moved down a few points per frame, the selection starts with it.
#[test]
fn a_slow_drag_down_a_column_starts_at_the_press() {
    let (_dir, mut h) = vertical();
    let para = first_paragraph(&h);
    let r = rect_of(&h, para);
    let size = h.state().state.settings.font_size_pt;
    for (k, into) in [(3usize, 2.0f32), (5, 5.0), (8, 1.0)] {
        let press = pos2(r.max.x - 15.0, r.min.y + k as f32 * size + into);
        let expected = h
            .state()
            .reader
            .char_at(&h.ctx, &h.state().state, press)
            .expect("over the column");
        h.drag_at(press);
        h.run();
        for m in 1..=10 {
            h.hover_at(press + egui::vec2(0.0, 4.0 * m as f32));
            h.run();
        }
        h.drop_at(press + egui::vec2(0.0, 40.0));
        h.run();
        let sel = h.state().state.view.selection.clone().expect("selected");
        assert_eq!(sel.start, expected, "pressed {into} pt into char {k}");
        h.event(egui::Event::PointerMoved(press));
        for pressed in [true, false] {
            h.event(egui::Event::PointerButton {
                pos: press,
                button: egui::PointerButton::Primary,
                pressed,
                modifiers: egui::Modifiers::NONE,
            });
        }
        h.run();
    }
}

/// An EPUB of one chapter whose stylesheet sets the page vertical when `vertical`.
fn book(vertical: bool) -> Vec<u8> {
    use std::io::Write;
    let css = if vertical {
        "html { writing-mode: vertical-rl }"
    } else {
        "p { text-indent: 2em }"
    };
    let files = [
        (
            "META-INF/container.xml",
            r#"<container xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="content.opf"/></rootfiles></container>"#.to_owned(),
        ),
        (
            "content.opf",
            r#"<package xmlns="http://www.idpf.org/2007/opf" version="3.0"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>竖排小集</dc:title></metadata><manifest><item id="css" href="v.css" media-type="text/css"/><item id="c" href="c.xhtml" media-type="application/xhtml+xml"/></manifest><spine><itemref idref="c"/></spine></package>"#.to_owned(),
        ),
        ("v.css", css.to_owned()),
        (
            "c.xhtml",
            "<html><body><h1>第一回　春日</h1><p>春日迟迟，卉木萋萋。仓庚喈喈，采蘩祁祁。</p></body></html>".to_owned(),
        ),
    ];
    let mut buf = std::io::Cursor::new(Vec::new());
    let mut w = zip::ZipWriter::new(&mut buf);
    let options = zip::write::SimpleFileOptions::default();
    w.start_file(
        "mimetype",
        options.compression_method(zip::CompressionMethod::Stored),
    )
    .unwrap();
    w.write_all(b"application/epub+zip").unwrap();
    for (name, text) in files {
        w.start_file(name, options).unwrap();
        w.write_all(text.as_bytes()).unwrap();
    }
    w.finish().unwrap();
    buf.into_inner()
}

#[test]
fn a_book_that_asks_for_vertical_text_opens_in_columns() {
    for vertical in [true, false] {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("竖排小集.epub");
        std::fs::write(&path, book(vertical)).unwrap();
        let source = Source::open(&path).unwrap();
        let mut h = common::harness(source, dir.path());
        h.run();
        assert_eq!(h.state().state.view.vertical, vertical);
    }
}

#[test]
fn a_book_has_no_encoding_menu() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("竖排小集.epub");
    std::fs::write(&path, book(false)).unwrap();
    let mut h = common::harness(Source::open(&path).unwrap(), dir.path());
    h.run();
    assert!(h.query_by_label_contains("编码").is_none());
    // A text file keeps its menu.
    let text = dir.path().join("文章.txt");
    std::fs::write(&text, "标题\n\n正文第一段。\n").unwrap();
    let mut h = common::harness(Source::open(&text).unwrap(), dir.path());
    h.run();
    assert!(h.query_by_label_contains("编码 UTF-8").is_some());
}

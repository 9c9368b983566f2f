//! Writing, editing, deleting and filtering notes through the real app, by accessible label.

use crate::common;

use egui::{Event, Key, Modifiers, pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use jingdu::document::Source;
use jingdu::notes::NoteKind;
use jingdu::ui::JingduApp;

type H = Harness<'static, JingduApp>;

fn first_paragraph_rect(h: &H) -> egui::Rect {
    let doc = &h.state().state.source.document;
    let b = doc.paragraph_indices().next().unwrap();
    h.state()
        .reader
        .block_rect(b)
        .expect("first paragraph on screen")
}

/// Focuses the field labelled `label` and types `text` into it.
fn type_into(h: &mut H, label: &str, text: &str) {
    h.get_by_label(label).focus();
    h.run();
    h.get_by_label(label).type_text(text);
    h.run();
}

/// Brings section `title` to the top by clicking it in the outline.
fn go_to(h: &mut H, title: &str) {
    h.get_by_role_and_label(egui::accesskit::Role::TreeItem, title)
        .click();
    h.run();
}

/// Types into the note field and saves.
fn write_and_save(h: &mut H, text: &str) {
    type_into(h, "笔记内容", text);
    h.get_by_label("保存").click();
    h.run();
}

#[test]
fn paragraph_note_from_the_hover_button() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = common::harness(Source::builtin(), dir.path());
    let r = first_paragraph_rect(&h);
    h.hover_at(r.center());
    h.run();
    h.get_by_label("为此段写笔记").click();
    h.run();
    write_and_save(&mut h, "开篇点题：组织路线");
    let notes = h.state().state.notes();
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].kind, NoteKind::Paragraph);
    assert_eq!(notes[0].text, "开篇点题：组织路线");
    assert!(notes[0].anchor.quote.starts_with("2018年7月3日"));
    // The card shows up in the panel; the outline counts it.
    h.get_by_label("笔记：开篇点题：组织路线");
}

#[test]
fn section_note_from_the_heading_button_with_ime_commit() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = common::harness(Source::builtin(), dir.path());
    h.get_by_label("为此节写笔记：以政治建设为统领，强化基层党组织的政治功能")
        .click();
    h.run();
    // A Chinese input method sends preedit updates, then commits the composed text.
    h.get_by_label("笔记内容").focus();
    h.run();
    h.event(Event::Ime(egui::ImeEvent::Preedit {
        text: "zhengzhi".into(),
        active_range_chars: None,
    }));
    h.run();
    h.event(Event::Ime(egui::ImeEvent::Commit("政治功能".into())));
    h.run();
    h.get_by_label("笔记内容").type_text("是根本");
    h.run();
    type_into(&mut h, "标签（用空格或逗号分隔）", "党建 重点");
    h.get_by_label("疑问").click();
    h.run();
    h.get_by_label("保存").click();
    h.run();
    let n = &h.state().state.notes()[0];
    assert_eq!(n.kind, NoteKind::Section);
    assert_eq!(n.text, "政治功能是根本");
    assert_eq!(n.tags, vec!["党建", "重点"]);
    assert_eq!(n.color, "blue");
    assert_eq!(n.anchor.quote, "以政治建设为统领,强化基层党组织的政治功能");
    assert_eq!(n.created, common::NOW);
}

#[test]
fn passage_note_from_a_drag_selection_and_shortcut() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = common::harness(Source::builtin(), dir.path());
    let r = first_paragraph_rect(&h);
    let y = r.min.y + 10.0;
    h.drag_at(pos2(r.min.x + 40.0, y));
    h.run();
    for k in 1..=10 {
        h.hover_at(pos2(r.min.x + 40.0 + k as f32 * 20.0, y));
        h.run();
    }
    h.drop_at(pos2(r.min.x + 240.0, y));
    h.run();
    let sel = h
        .state()
        .state
        .view
        .selection
        .clone()
        .expect("text selected");
    assert!(sel.len() >= 8, "{sel:?}");
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::N);
    h.run();
    write_and_save(&mut h, "摘句");
    let n = &h.state().state.notes()[0];
    assert_eq!(n.kind, NoteKind::Passage);
    assert_eq!(n.anchor.start, sel.start);
    assert_eq!(n.anchor.end, sel.end);
    let first = h
        .state()
        .state
        .source
        .document
        .paragraph_indices()
        .next()
        .unwrap();
    assert_eq!(
        h.state().state.note_index().highlights(first).len(),
        1,
        "highlighted in the reader"
    );
}

#[test]
fn selection_across_paragraphs() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = common::harness(Source::builtin(), dir.path());
    let doc = h.state().state.source.document.clone();
    let paras: Vec<usize> = doc.paragraph_indices().take(2).collect();
    let r1 = h.state().reader.block_rect(paras[0]).unwrap();
    let r2 = h.state().reader.block_rect(paras[1]).unwrap();
    h.drag_at(pos2(r1.center().x, r1.min.y + 10.0));
    h.run();
    for k in 1..=8 {
        let t = k as f32 / 8.0;
        h.hover_at(pos2(
            r1.center().x,
            r1.min.y + 10.0 + t * (r2.min.y + 10.0 - r1.min.y - 10.0),
        ));
        h.run();
    }
    h.drop_at(pos2(r1.center().x, r2.min.y + 10.0));
    h.run();
    let sel = h.state().state.view.selection.clone().unwrap();
    assert!(sel.start < doc.blocks[paras[0]].range.end);
    assert!(sel.end > doc.blocks[paras[1]].range.start, "{sel:?}");
    h.get_by_label("为所选文字写笔记").click();
    h.run();
    write_and_save(&mut h, "跨段摘句");
    let n = &h.state().state.notes()[0];
    assert_eq!(
        (n.kind, n.anchor.start, n.anchor.end),
        (NoteKind::Passage, sel.start, sel.end)
    );
    // Both paragraphs are highlighted.
    assert_eq!(h.state().state.note_index().highlights(paras[0]).len(), 1);
    assert_eq!(h.state().state.note_index().highlights(paras[1]).len(), 1);
}

#[test]
fn edit_delete_undo_redo_and_filter() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = common::harness(Source::builtin(), dir.path());
    for (heading, text) in [
        ("以政治建设为统领，强化基层党组织的政治功能", "第一条笔记"),
        ("推进基层组织创新，健全完善基层党建工作格局", "第二条笔记"),
    ] {
        go_to(&mut h, heading);
        h.get_by_label(&format!("为此节写笔记：{heading}")).click();
        h.run();
        write_and_save(&mut h, text);
    }
    assert_eq!(h.state().state.notes().len(), 2);

    // Edit in place.
    h.get_all_by_label("编辑").next().unwrap().click();
    h.run();
    h.get_by_label("笔记内容").type_text("（改）");
    h.run();
    h.get_by_label("保存").click();
    h.run();
    assert_eq!(h.state().state.notes()[0].text, "第一条笔记（改）");

    // Filter by text.
    type_into(&mut h, "搜索笔记", "第二");
    assert!(h.query_by_label("笔记：第一条笔记（改）").is_none());
    h.get_by_label("笔记：第二条笔记");
    h.get_by_label("搜索笔记").focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.key_press(Key::Backspace);
    h.run();
    h.get_by_label("笔记：第一条笔记（改）");

    // Delete, undo, redo.
    h.get_all_by_label("删除").next().unwrap().click();
    h.run();
    assert_eq!(h.state().state.notes().len(), 1);
    h.remove_cursor();
    h.get_by_label("撤销").click();
    h.run();
    assert_eq!(h.state().state.notes().len(), 2);
    assert_eq!(h.state().state.notes()[0].text, "第一条笔记（改）");
    h.get_by_label("重做").click();
    h.run();
    assert_eq!(h.state().state.notes().len(), 1);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().state.notes().len(), 2);
}

#[test]
fn clicking_a_note_goes_to_its_target() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = common::harness(Source::builtin(), dir.path());
    let doc = h.state().state.source.document.clone();
    go_to(&mut h, "推进基层组织创新，健全完善基层党建工作格局");
    h.get_by_label("为此节写笔记：推进基层组织创新，健全完善基层党建工作格局")
        .click();
    h.run();
    write_and_save(&mut h, "去第三节");
    // Scroll away, then click the note.
    go_to(&mut h, "从严从实加强党的基层党组织建设");
    h.get_by_label("笔记：去第三节").click();
    // The target flashes for a moment: step through it instead of waiting to settle.
    h.run_steps(3);
    assert_eq!(
        h.state().state.view.position.block,
        Some(doc.sections[2].heading)
    );
    assert!(h.state().state.view.flash.is_some());
    h.run_steps(80);
    h.run();
}

#[test]
fn notes_are_saved_and_come_back() {
    let dir = tempfile::tempdir().unwrap();
    {
        let mut h = common::harness(Source::builtin(), dir.path());
        h.get_by_label("为此节写笔记：以政治建设为统领，强化基层党组织的政治功能")
            .click();
        h.run();
        write_and_save(&mut h, "会保存");
        assert!(h.state_mut().state.save_now());
    }
    let h = common::harness(Source::builtin(), dir.path());
    assert_eq!(h.state().state.notes()[0].text, "会保存");
    h.get_by_label("笔记：会保存");
}

#[test]
fn ctrl_d_bookmarks_the_paragraph_at_the_top_and_the_notes_panel_lists_it() {
    use egui::{Key, Modifiers};
    let dir = tempfile::tempdir().unwrap();
    let mut h = common::harness(jingdu::document::Source::builtin(), dir.path());
    h.key_press_modifiers(Modifiers::COMMAND, Key::D);
    h.run();
    let state = &h.state().state;
    assert_eq!(state.notes().len(), 1);
    let mark = state.notes()[0].clone();
    assert_eq!(mark.kind, jingdu::notes::NoteKind::Bookmark);
    // The ribbon in the reader and the card in the notes panel.
    h.get_by_role_and_label(egui::accesskit::Role::Button, "书签")
        .click();
    h.run();
    assert_eq!(
        h.state().state.view.selected_note.as_deref(),
        Some(mark.id.as_str())
    );
    h.get_by_label("只看书签").click();
    h.run();
    assert!(h.state().state.view.filter.bookmarks_only);
    // Saved with the notes.
    assert!(h.state_mut().state.save_now());
    let saved = std::fs::read_to_string(
        jingdu::notes::Store::at(dir.path()).notes_path(&h.state().state.doc_info.id),
    )
    .unwrap();
    assert!(saved.contains("\"kind\":\"bookmark\""), "{saved}");
    // Ctrl+D again removes it.
    h.key_press_modifiers(Modifiers::COMMAND, Key::D);
    h.run();
    assert!(h.state().state.notes().is_empty());
}

/// Presses at `from`, moves by `step` at a time as a hand does (a few points per frame, so
/// that egui sees a drag only after several moves), and releases after `moves` moves.
fn slow_drag(h: &mut H, from: egui::Pos2, step: egui::Vec2, moves: usize) {
    h.drag_at(from);
    h.run();
    for k in 1..=moves {
        h.hover_at(from + step * k as f32);
        h.run();
    }
    h.drop_at(from + step * moves as f32);
    h.run();
}

/// A click at `p` with `modifiers` held.
fn click_at(h: &mut H, p: egui::Pos2, modifiers: Modifiers) {
    h.event(Event::ModifiersChanged(modifiers));
    h.event(Event::PointerMoved(p));
    for pressed in [true, false] {
        h.event(Event::PointerButton {
            pos: p,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers,
        });
    }
    h.run();
    h.event(Event::ModifiersChanged(Modifiers::NONE));
    h.run();
}

/// The char a press at `p` falls on, as the reader drew it last frame.
fn char_at(h: &H, p: egui::Pos2) -> usize {
    h.state()
        .reader
        .char_at(&h.ctx, &h.state().state, p)
        .expect("over the text")
}

/// A drag starts where the button went down, whatever egui's drag threshold says: pressed on
/// the left part of a character and moved a few points per frame, the selection (and the
/// quote of the note made from it) starts with that character. Pressed on one line and moved
/// straight down, it starts on that line. Tried over press points and step sizes.
#[test]
fn a_slow_drag_selects_from_the_char_under_the_press() {
    use proptest::prelude::*;
    let dir = tempfile::tempdir().unwrap();
    let mut h = common::harness(Source::builtin(), dir.path());
    let r = first_paragraph_rect(&h);
    let line = (h.state().state.settings.font_size_pt * 1.75).round();
    let harness = std::cell::RefCell::new(&mut h);
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig {
        cases: 24,
        ..ProptestConfig::default()
    });
    // Lines 2 to 4 of the first paragraph (no indent), a point in the left part of a char,
    // steps of 2 to 8 points to the right or straight down.
    let cases = (
        1usize..4,
        0usize..12,
        1.0f32..7.0,
        2.0f32..8.0,
        any::<bool>(),
    );
    runner
        .run(&cases, |(line_no, column, into, step, down)| {
            let mut h = harness.borrow_mut();
            let size = h.state().state.settings.font_size_pt;
            let press = pos2(
                r.min.x + column as f32 * size + into.min(size * 0.4),
                r.min.y + line * line_no as f32 + line / 2.0,
            );
            let expected = char_at(&h, press);
            let step = if down {
                egui::vec2(0.0, step)
            } else {
                egui::vec2(step, 0.0)
            };
            slow_drag(&mut h, press, step, (40.0 / step.length()).ceil() as usize);
            let sel = h.state().state.view.selection.clone().expect("selected");
            prop_assert_eq!(sel.start, expected, "pressed at {:?}", press);
            // A click clears it: the next case starts with nothing selected.
            click_at(&mut h, pos2(r.min.x + 5.0, r.min.y + 5.0), Modifiers::NONE);
            Ok(())
        })
        .unwrap();
}

/// Double-click selects the sentence under the press; Shift+click extends a selection from
/// where it was started to the click.
#[test]
fn double_click_and_shift_click_select_where_pressed() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = common::harness(Source::builtin(), dir.path());
    let r = first_paragraph_rect(&h);
    let size = h.state().state.settings.font_size_pt;
    let line = (size * 1.75).round();
    let doc = h.state().state.source.document.clone();
    let p = pos2(r.min.x + 4.0 * size + 2.0, r.min.y + line * 1.5);
    let c = char_at(&h, p);
    // The harness steps time by a quarter second a frame, longer than egui's double-click
    // window: widen the window for this test.
    h.ctx
        .options_mut(|o| o.input_options.max_double_click_delay = 5.0);
    h.event(Event::PointerMoved(p));
    for pressed in [true, false, true, false] {
        h.event(Event::PointerButton {
            pos: p,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: Modifiers::NONE,
        });
    }
    h.run();
    h.ctx
        .options_mut(|o| o.input_options.max_double_click_delay = 0.3);
    let sel = h.state().state.view.selection.clone().expect("a sentence");
    assert!(sel.start <= c && c < sel.end, "{sel:?} holds {c}");
    let sentence = doc.slice_chars(sel.clone());
    assert!(
        sentence.ends_with('。') || sentence.ends_with('，'),
        "{sentence}"
    );
    // A selection from a drag, then Shift+click further on: from the drag's start to there.
    click_at(&mut h, pos2(r.min.x + 5.0, r.min.y + 5.0), Modifiers::NONE);
    let start = pos2(r.min.x + 2.0, r.min.y + line * 1.5);
    slow_drag(&mut h, start, egui::vec2(6.0, 0.0), 10);
    let first = h.state().state.view.selection.clone().expect("dragged");
    let end = pos2(r.min.x + 10.0 * size + 2.0, r.min.y + line * 2.5);
    let target = char_at(&h, end);
    click_at(&mut h, end, Modifiers::SHIFT);
    let extended = h.state().state.view.selection.clone().expect("extended");
    assert_eq!(extended, first.start..target);
}

/// The button that writes a note on the selection covers none of the text (it stands in the
/// margin beside the selection's last line), and it goes once the note editor is open.
#[test]
fn the_selection_button_covers_no_text_and_goes_when_writing() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = common::harness(Source::builtin(), dir.path());
    let r = first_paragraph_rect(&h);
    let line = (h.state().state.settings.font_size_pt * 1.75).round();
    slow_drag(
        &mut h,
        pos2(r.min.x + 40.0, r.min.y + line * 1.5),
        egui::vec2(8.0, 0.0),
        20,
    );
    assert!(h.state().state.view.selection.is_some());
    let button = h.get_by_label("为所选文字写笔记").rect();
    let doc = h.state().state.source.document.clone();
    for b in 0..doc.blocks.len() {
        if let Some(text) = h.state().reader.block_rect(b) {
            assert!(
                !text.intersects(button),
                "the button {button:?} covers block {b} at {text:?}"
            );
        }
    }
    h.get_by_label("为所选文字写笔记").click();
    h.run();
    assert!(h.state().state.view.draft.is_some());
    assert!(
        h.query_by_label("为所选文字写笔记").is_none(),
        "gone while the note is written"
    );
}

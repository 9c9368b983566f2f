//! A note being written is never lost: Esc asks, switching targets keeps one draft per
//! target, a discarded draft comes back with Ctrl+Z (issue 9, points 1 and 2).

use crate::common;

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use jingdu::document::Source;
use jingdu::ui::JingduApp;

type H = Harness<'static, JingduApp>;

/// Hovers paragraph `n` (0-based among paragraphs) and clicks its ＋ button.
fn plus_on_paragraph(h: &mut H, n: usize) {
    let doc = h.state().state.source.document.clone();
    let b = doc.paragraph_indices().nth(n).unwrap();
    let r = h.state().reader.block_rect(b).expect("paragraph on screen");
    h.hover_at(r.center());
    h.run();
    h.get_by_label("为此段写笔记").click();
    h.run();
}

fn type_note(h: &mut H, text: &str) {
    h.get_by_label("笔记内容").focus();
    h.run();
    h.get_by_label("笔记内容").type_text(text);
    h.run();
}

fn draft_text(h: &H) -> Option<String> {
    h.state().state.view.draft.as_ref().map(|d| d.text.clone())
}

#[test]
fn esc_on_a_draft_with_text_asks_and_a_discard_is_undoable() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = common::harness(Source::builtin(), dir.path());
    plus_on_paragraph(&mut h, 0);
    type_note(&mut h, "写了一半的体会");

    // The first Esc (an input method cancelling a word sends one too) keeps the draft.
    h.key_press(Key::Escape);
    h.run();
    assert_eq!(draft_text(&h).as_deref(), Some("写了一半的体会"));
    h.get_by_label("放弃草稿");

    // 继续写 dismisses the question; typing goes on.
    h.get_by_label("继续写").click();
    h.run();
    assert!(h.query_by_label("放弃草稿").is_none());
    assert!(!h.state().state.view.confirm_discard);

    // Esc twice discards — and says how to get it back.
    h.key_press(Key::Escape);
    h.run();
    h.key_press(Key::Escape);
    h.run();
    assert_eq!(draft_text(&h), None);
    assert!(h.state().state.notes().is_empty());
    assert!(
        h.state()
            .state
            .messages
            .list()
            .iter()
            .any(|m| m.text.contains("已放弃草稿"))
    );
    assert!(h.state().state.can_undo(), "撤销 is available");

    h.remove_cursor();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(draft_text(&h).as_deref(), Some("写了一半的体会"));
    // The editor shows it again.
    assert_eq!(
        h.get_by_label("笔记内容").value().as_deref(),
        Some("写了一半的体会")
    );
}

#[test]
fn esc_on_an_empty_draft_just_closes_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = common::harness(Source::builtin(), dir.path());
    plus_on_paragraph(&mut h, 0);
    h.key_press(Key::Escape);
    h.run();
    assert_eq!(draft_text(&h), None);
    assert!(!h.state().state.can_undo(), "nothing to undo");
}

#[test]
fn the_cancel_button_discards_undoably() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = common::harness(Source::builtin(), dir.path());
    plus_on_paragraph(&mut h, 0);
    type_note(&mut h, "取消也能恢复");
    h.get_by_label("取消").click();
    h.run();
    assert_eq!(draft_text(&h), None);
    h.remove_cursor();
    h.get_by_label("撤销").click();
    h.run();
    assert_eq!(draft_text(&h).as_deref(), Some("取消也能恢复"));
}

#[test]
fn starting_another_note_keeps_the_draft_for_its_paragraph() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = common::harness(Source::builtin(), dir.path());
    plus_on_paragraph(&mut h, 0);
    type_note(&mut h, "第一段的草稿");
    plus_on_paragraph(&mut h, 1);
    // A fresh editor for the second paragraph; the first draft is set aside, listed.
    assert_eq!(draft_text(&h).as_deref(), Some(""));
    assert_eq!(h.state().state.view.parked_drafts.len(), 1);
    h.get_by_label("继续草稿：第一段的草稿");
    type_note(&mut h, "第二段的草稿");

    // Back to the first paragraph: its draft, not an empty editor.
    plus_on_paragraph(&mut h, 0);
    assert_eq!(draft_text(&h).as_deref(), Some("第一段的草稿"));
    assert_eq!(
        h.get_by_label("笔记内容").value().as_deref(),
        Some("第一段的草稿")
    );
    // The list button reopens the other one.
    h.get_by_label("继续草稿：第二段的草稿").click();
    h.run();
    assert_eq!(draft_text(&h).as_deref(), Some("第二段的草稿"));

    // Closing the window keeps both as notes.
    h.state_mut().state.keep_draft();
    let mut texts: Vec<String> = h
        .state()
        .state
        .notes()
        .iter()
        .map(|n| n.text.clone())
        .collect();
    texts.sort();
    assert_eq!(texts, vec!["第一段的草稿", "第二段的草稿"]);
}

/// SIGTERM (a logout) or Ctrl+C ends the window as closing it does: the draft being written
/// becomes a note and is on disk before the window goes.
#[test]
fn a_termination_signal_keeps_the_draft_as_a_saved_note() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = common::harness(Source::builtin(), dir.path());
    plus_on_paragraph(&mut h, 0);
    type_note(&mut h, "注销前写下的体会");
    // What the signal handler does.
    h.state().termination.request();
    h.run();
    assert_eq!(draft_text(&h), None);
    let store = jingdu::notes::Store::at(dir.path());
    let info = jingdu::notes::DocInfo::for_source(&Source::builtin());
    let saved = store
        .load(&info, jingdu::notes::store::OnCorrupt::Fail)
        .unwrap();
    assert_eq!(saved.notes.len(), 1);
    assert_eq!(saved.notes[0].text, "注销前写下的体会");
}

/// The discard question of a note being edited in the list is never cut off: the card grows
/// to hold it, and the next card moves down.
#[test]
fn the_discard_question_of_an_edited_note_is_whole() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = common::harness(Source::builtin(), dir.path());
    // Tall enough for the card after the editor to be on screen.
    h.set_size(egui::vec2(1280.0, 1400.0));
    h.run();
    for (n, text) in [(0, "第一条笔记"), (1, "第二条笔记")] {
        plus_on_paragraph(&mut h, n);
        type_note(&mut h, text);
        h.get_by_label("保存").click();
        h.run();
    }
    h.get_all_by_label("编辑").next().unwrap().click();
    h.run();
    type_note(&mut h, "，再补一句");
    h.key_press(Key::Escape);
    h.run();
    h.run();
    let discard = h.get_by_label("放弃草稿").rect();
    let keep = h.get_by_label("继续写").rect();
    let next = h.get_by_label_contains("第二条笔记").rect();
    assert!(
        discard.max.y <= next.min.y && keep.max.y <= next.min.y,
        "question {discard:?} runs into the next card {next:?}"
    );
    let save = h.get_by_label("保存").rect();
    assert!(
        save.max.y <= next.min.y,
        "the editor's buttons {save:?} too"
    );
}

//! The reading list (Ctrl+Shift+O) and the reading progress, through the real app by
//! accessible label: reopening a document where it was left, a missing file's notes still
//! there to export, the built-in article always listed.

use crate::common;

use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable as _;
use jingdu::app::{Action, NoteTarget};
use jingdu::document::Source;
use jingdu::notes::NoteKind;

/// Two sections of thirty paragraphs each: long enough to scroll.
fn essay_text() -> String {
    let mut text = String::from("读书笔记\n\n");
    for (n, heading) in ["一、缘起", "二、方法"].iter().enumerate() {
        text.push_str(heading);
        text.push_str("\n\n");
        for k in 1..=30 {
            text.push_str(&format!(
                "第{}部分第{k}段：读书要先通读全篇，再回到要紧的段落逐句细读，把体会写在旁边。\n\n",
                n + 1
            ));
        }
    }
    text
}

#[test]
fn the_reading_list_reopens_documents_and_keeps_a_missing_files_notes() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let essay = dir.path().join("读书.txt");
    std::fs::write(&essay, essay_text()).unwrap();
    let mut h = common::harness(Source::builtin(), &data);
    let ctx = h.ctx.clone();

    // Read the essay down into its second section and write a note there.
    h.state_mut().open_document(&ctx, &essay);
    h.run();
    let at = 45;
    h.state_mut().state.apply(Action::JumpTo(Some(at)));
    h.run();
    h.run();
    let place = h.state().state.view.position;
    assert_eq!(place.block, Some(at));
    let para = h.state().state.source.document.blocks[at].range.clone();
    h.state_mut().state.apply(Action::StartNote(NoteTarget {
        kind: NoteKind::Paragraph,
        range: para,
    }));
    h.state_mut()
        .state
        .apply(Action::SetDraftText("精读要慢".into()));
    h.state_mut().state.apply(Action::CommitDraft);
    h.run();
    let state = &h.state().state;
    assert_eq!(state.section_number(), Some(2));
    let progress = state.progress();
    assert!(progress > 0.7 && progress < 0.95, "{progress}");
    let percent = format!("{} %", (progress * 100.0).round() as u32);
    h.get_by_label(&format!("第 2 节 · {percent}"));
    h.get_by_label("1 条笔记");

    // Back to the built-in article through the list: the essay is listed with its progress.
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::O);
    h.run();
    h.get_by_label("继续阅读：读书笔记");
    h.get_by_label(&percent);
    h.get_by_label("继续阅读：从严从实加强党的基层党组织建设")
        .click();
    h.run();
    assert!(h.state().state.source.origin.path().is_none());

    // …and back to the essay, at its place.
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::O);
    h.run();
    h.get_by_label("继续阅读：读书笔记").click();
    h.run();
    h.run();
    let state = &h.state().state;
    assert_eq!(
        state.source.document.meta.title.as_deref(),
        Some("读书笔记")
    );
    assert_eq!(state.view.position.block, Some(at), "reopened at its place");

    // The file goes away: the list says so, and its notes can still be read and exported.
    let ctx = h.ctx.clone();
    h.state_mut()
        .open_recent(&ctx, jingdu::document::BUILTIN_ID);
    h.run();
    std::fs::remove_file(&essay).unwrap();
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::O);
    h.run();
    h.get_by_label("⚠ 文件不见了");
    h.get_by_label("继续阅读：读书笔记").click();
    h.run();
    let state = &h.state().state;
    assert!(!state.saves_notes(), "a stand-in never writes");
    assert_eq!(state.notes().len(), 1);
    assert_eq!(state.notes()[0].text, "精读要慢");
    let mut out = Vec::new();
    state
        .export_job(jingdu::export::Options::new(
            jingdu::export::Format::Markdown,
        ))
        .write(&mut out)
        .unwrap();
    let md = String::from_utf8(out).unwrap();
    assert!(md.contains("精读要慢") && md.contains("第2部分第"), "{md}");
    // The notes file is untouched: the note is still anchored there.
    let store = jingdu::notes::Store::at(&data);
    let raw = std::fs::read_to_string(store.notes_path(&state.doc_info.id)).unwrap();
    assert!(!raw.contains("\"anchored\": false"), "{raw}");
}

#[test]
fn removing_from_the_list_keeps_the_builtin_article() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = common::harness(Source::builtin(), dir.path());
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::O);
    h.run();
    h.get_by_label("继续阅读：从严从实加强党的基层党组织建设");
    h.get_by_label("正在阅读");
    assert!(
        h.query_by_label("移除").is_none(),
        "the built-in article and the open document cannot be removed"
    );
    h.get_by_label("启动时回到上次读的文档").click();
    h.run();
    assert!(!h.state().state.settings.reopen_last);
}

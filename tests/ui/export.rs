//! The export and import dialogs, driven through the in-app path field (the path a reader
//! uses when no native dialog can be shown).

use crate::common;

use std::time::{Duration, Instant};

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use jingdu::document::Source;
use jingdu::ui::JingduApp;

type H = Harness<'static, JingduApp>;

fn replace_text(h: &mut H, label: &str, text: &str) {
    h.get_by_label(label).focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run();
    h.get_by_label(label).type_text(text);
    h.run();
}

/// Steps the app until `done` holds (the export runs on its own thread).
fn wait_for(h: &mut H, done: impl Fn(&H) -> bool) {
    let start = Instant::now();
    while !done(h) {
        assert!(start.elapsed() < Duration::from_secs(20), "timed out");
        std::thread::sleep(Duration::from_millis(10));
        h.step();
    }
    h.run();
}

fn add_section_note(h: &mut H, text: &str) {
    h.get_by_label("为此节写笔记：以政治建设为统领，强化基层党组织的政治功能")
        .click();
    h.run();
    h.get_by_label("笔记内容").focus();
    h.run();
    h.get_by_label("笔记内容").type_text(text);
    h.run();
    h.get_by_label("保存").click();
    h.run();
}

#[test]
fn export_through_the_in_app_path_field() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = common::harness(Source::builtin(), &dir.path().join("data"));
    add_section_note(&mut h, "导出我");
    h.key_press_modifiers(Modifiers::COMMAND, Key::E);
    h.run();
    assert!(h.state().state.view.export_open);
    h.get_by_label("网页（.html）").click();
    h.run();
    let out = dir.path().join("笔记导出");
    replace_text(&mut h, "保存路径", &out.display().to_string());
    h.get_by_label("导出到此路径").click();
    // The export runs on a worker that repaints until it is done: step, do not wait to settle.
    h.step();
    wait_for(&mut h, |h| !h.state().state.view.export_open);
    let file = dir.path().join("笔记导出.html");
    let html = std::fs::read_to_string(&file).expect("exported file");
    assert!(html.contains("导出我"));
    let msg = h.state().state.messages.list().last().unwrap().clone();
    assert!(msg.text.contains("已导出 1 条笔记"), "{}", msg.text);
    assert_eq!(msg.folder.as_deref(), Some(dir.path()));
    h.get_by_label("打开所在文件夹");
}

#[test]
fn export_to_a_missing_folder_says_so_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = common::harness(Source::builtin(), &dir.path().join("data"));
    h.get_by_label("导出笔记").click();
    h.run();
    replace_text(&mut h, "保存路径", "/no/such/folder/笔记.md");
    h.get_by_label("导出到此路径").click();
    h.run();
    h.get_by_label("文件夹不存在：/no/such/folder");
    assert!(h.state().state.view.export_open, "the dialog stays open");
}

#[test]
fn import_through_the_dialog_merges_without_duplicates() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = common::harness(Source::builtin(), &dir.path().join("data"));
    add_section_note(&mut h, "会被导出再导入");
    // Export JSON through the dialog.
    h.get_by_label("导出笔记").click();
    h.run();
    h.get_by_label("W3C 标注 JSON（.json，可再导入）").click();
    h.run();
    let json = dir.path().join("notes.json");
    replace_text(&mut h, "保存路径", &json.display().to_string());
    h.get_by_label("导出到此路径").click();
    // The export runs on a worker that repaints until it is done: step, do not wait to settle.
    h.step();
    wait_for(&mut h, |h| !h.state().state.view.export_open);

    // Import it back: nothing is duplicated.
    h.key_press_modifiers(Modifiers::COMMAND, Key::I);
    h.run();
    replace_text(&mut h, "导入文件路径", &json.display().to_string());
    h.get_by_label("导入此文件").click();
    h.run();
    assert_eq!(h.state().state.notes().len(), 1);
    let msg = &h.state().state.messages.list().last().unwrap().text;
    assert!(
        msg.contains("新增 0 条") && msg.contains("1 条已存在"),
        "{msg}"
    );

    // A malformed file is refused and changes nothing.
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, "{ not json").unwrap();
    h.get_by_label("导入笔记").click();
    h.run();
    replace_text(&mut h, "导入文件路径", &bad.display().to_string());
    h.get_by_label("导入此文件").click();
    h.run();
    assert_eq!(h.state().state.notes().len(), 1);
    let msg = &h.state().state.messages.list().last().unwrap().text;
    assert!(
        msg.contains("不是精读导出的 W3C 标注 JSON") && msg.contains("没有任何改动"),
        "{msg}"
    );
}

#[test]
fn ctrl_p_exports_a_pdf_and_a_template_shapes_a_text_export() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let templates = data.join("templates");
    std::fs::create_dir_all(&templates).unwrap();
    std::fs::write(
        templates.join("卡片.txt.jinja"),
        "{% for n in notes %}[{{ n.place }}] {{ n.text }}\n{% endfor %}",
    )
    .unwrap();
    let mut h = common::harness(Source::builtin(), &data);
    add_section_note(&mut h, "打印我");
    h.key_press_modifiers(Modifiers::COMMAND, Key::P);
    h.run();
    assert!(
        h.state().state.view.export_open,
        "Ctrl+P opens the export dialog"
    );
    let out = dir.path().join("笔记");
    replace_text(&mut h, "保存路径", &out.display().to_string());
    h.get_by_label("导出到此路径").click();
    h.step();
    wait_for(&mut h, |h| !h.state().state.view.export_open);
    let pdf = std::fs::read(dir.path().join("笔记.pdf")).expect("a PDF, the format Ctrl+P chose");
    assert!(pdf.starts_with(b"%PDF-"));

    // The text format with the reader's template.
    h.key_press_modifiers(Modifiers::COMMAND, Key::E);
    h.run();
    h.get_by_label("纯文本（.txt）").click();
    h.run();
    h.get_by_label("模板").click();
    h.run();
    h.get_by_label("卡片").click();
    h.run();
    let out = dir.path().join("卡片导出");
    replace_text(&mut h, "保存路径", &out.display().to_string());
    h.get_by_label("导出到此路径").click();
    h.step();
    wait_for(&mut h, |h| !h.state().state.view.export_open);
    let text = std::fs::read_to_string(dir.path().join("卡片导出.txt")).unwrap();
    assert_eq!(text, "[§1] 打印我\n");
}

/// The export dialog fits a 700×500 window: its title, the path field and the buttons that
/// write the file are on screen; the options between them scroll.
#[test]
fn the_export_dialog_fits_a_small_window() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = common::harness(Source::builtin(), &dir.path().join("data"));
    add_section_note(&mut h, "小窗口");
    for size in [egui::vec2(1280.0, 800.0), egui::vec2(700.0, 500.0)] {
        h.set_size(size);
        h.run();
        h.key_press_modifiers(Modifiers::COMMAND, Key::E);
        h.run();
        let screen = egui::Rect::from_min_size(egui::Pos2::ZERO, size);
        // The dialog's title (the toolbar's 导出笔记 button is the other one, at the top).
        let title = h
            .get_all_by_label("导出笔记")
            .map(|n| n.rect())
            .max_by(|a, b| a.min.y.total_cmp(&b.min.y))
            .unwrap();
        assert!(title.min.y > 30.0, "{size:?}: the dialog's title {title:?}");
        for rect in [
            title,
            h.get_by_label("保存路径").rect(),
            h.get_by_label("导出到此路径").rect(),
            h.get_by_label("选择位置并导出…").rect(),
        ] {
            assert!(screen.contains_rect(rect), "{size:?}: {rect:?} off screen");
        }
        h.get_by_label("取消").click();
        h.run();
        assert!(!h.state().state.view.export_open);
    }
}

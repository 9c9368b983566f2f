//! The window's fit and finish (issue 9): the context menu, the path fields, the outline's
//! collapse and labels, switching documents, small labels.

use crate::common;

use egui::accesskit::Role;
use egui::{Event, Key, Modifiers, PointerButton};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use jingdu::document::Source;
use jingdu::notes::NoteKind;
use jingdu::ui::JingduApp;

type H = Harness<'static, JingduApp>;

fn right_click_at(h: &mut H, pos: egui::Pos2) {
    h.hover_at(pos);
    h.run();
    for pressed in [true, false] {
        h.event(Event::PointerButton {
            pos,
            button: PointerButton::Secondary,
            pressed,
            modifiers: Modifiers::NONE,
        });
    }
    h.run();
}

#[test]
fn the_context_menu_offers_paragraph_and_section_notes() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = common::harness(Source::builtin(), dir.path());
    let doc = h.state().state.source.document.clone();
    let sec = &doc.sections[0];
    let p = sec.paragraphs[0];
    let r = h.state().reader.block_rect(p).expect("paragraph on screen");
    right_click_at(&mut h, r.center());
    h.get_by_label("为本节写笔记");
    h.get_by_label("为本段写笔记").click();
    h.run();
    let d = h.state().state.view.draft.clone().expect("editor open");
    assert_eq!(d.target.kind, NoteKind::Paragraph);
    assert_eq!(d.target.range, doc.blocks[p].range);

    // With a selection: passage note and copy as well.
    h.key_press(Key::Escape);
    h.run();
    h.state_mut().state.apply(jingdu::app::Action::Select(Some(
        doc.blocks[p].range.start..doc.blocks[p].range.start + 6,
    )));
    h.run();
    right_click_at(&mut h, r.center());
    // (The floating button under the selection has the same name as the menu entry.)
    assert!(h.get_all_by_label("为所选文字写笔记").count() >= 2);
    h.get_by_label("复制");
    h.get_by_label("为本段写笔记");
    h.get_by_label("为本节写笔记").click();
    h.run();
    let d = h.state().state.view.draft.clone().expect("editor open");
    assert_eq!(d.target.kind, NoteKind::Section);
    assert_eq!(d.target.range, doc.blocks[sec.heading].range);
}

#[test]
fn the_open_dialog_path_field_takes_focus_with_its_text_selected() {
    let dir = tempfile::tempdir().unwrap();
    let other = dir.path().join("b.txt");
    std::fs::write(&other, "另一篇\n\n正文第一段，写了一些内容。\n").unwrap();
    let mut h = common::harness(Source::builtin(), dir.path());
    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    h.run();
    // Typing goes straight into the field, without clicking it.
    h.get_by_label("文档路径或网址")
        .type_text("/home/user/a.txt");
    h.run();
    h.get_by_label("取消").click();
    h.run();
    // Shown again, prefilled with what was typed: typing replaces it, never inserts into it.
    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    h.run();
    assert!(h.get_by_label("文档路径或网址").is_focused());
    h.get_by_label("文档路径或网址")
        .type_text(&other.display().to_string());
    h.run();
    assert_eq!(
        h.get_by_label("文档路径或网址").value().as_deref(),
        Some(other.display().to_string().as_str())
    );
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(
        h.state().state.source.document.meta.title.as_deref(),
        Some("另一篇")
    );
}

#[test]
fn repeated_errors_replace_each_other() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = common::harness(Source::builtin(), dir.path());
    for name in ["/no/such/a.txt", "/no/such/b.txt", "/no/such/c.txt"] {
        h.key_press_modifiers(Modifiers::COMMAND, Key::O);
        h.run();
        h.get_by_label("文档路径或网址").type_text(name);
        h.run();
        h.key_press(Key::Enter);
        h.run();
    }
    let errors: Vec<_> = h
        .state()
        .state
        .messages
        .list()
        .iter()
        .filter(|m| m.level == jingdu::app::Level::Error)
        .collect();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].text.contains("c.txt"));
}

#[test]
fn collapse_all_leaves_the_first_level_open() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = common::harness(Source::builtin(), dir.path());
    h.get_by_label("全部折叠").click();
    h.run();
    let labels: Vec<String> = h
        .state()
        .outline
        .visible_labels()
        .iter()
        .map(|l| l.to_string())
        .collect();
    // The title, the paragraph before the first heading and the three sections, closed.
    assert_eq!(labels.len(), 5, "{labels:?}");
    assert_eq!(labels[4], "推进基层组织创新，健全完善基层党建工作格局");
    h.get_by_role_and_label(Role::TreeItem, "以政治建设为统领，强化基层党组织的政治功能");
}

#[test]
fn small_things_a_careful_reader_notices() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = common::harness(Source::builtin(), dir.path());
    let doc = h.state().state.source.document.clone();
    // 写笔记 with nothing selected and a heading at the top of the window: a note on the
    // paragraph being read, as its tooltip says — not a section note.
    h.get_by_role_and_label(Role::TreeItem, "以政治建设为统领，强化基层党组织的政治功能")
        .click();
    h.run();
    h.remove_cursor();
    h.run();
    h.get_by_label("＋ 写笔记").click();
    h.run();
    let d = h.state().state.view.draft.clone().expect("editor open");
    assert_eq!(d.target.kind, NoteKind::Paragraph);
    assert_eq!(
        d.target.range,
        doc.blocks[doc.sections[0].paragraphs[0]].range
    );
    h.get_by_label("笔记内容").type_text("甲");
    h.run();
    h.get_by_label("保存").click();
    h.run();
    h.get_by_role_and_label(Role::TreeItem, "推进基层组织创新，健全完善基层党建工作格局")
        .click();
    h.run();
    h.get_by_label("为此节写笔记：推进基层组织创新，健全完善基层党建工作格局")
        .click();
    h.run();
    h.get_by_label("笔记内容").type_text("乙");
    h.run();
    h.get_by_label("保存").click();
    h.run();

    // The count follows the filter.
    h.get_by_label("2");
    h.get_by_label("搜索笔记").focus();
    h.run();
    h.get_by_label("搜索笔记").type_text("乙");
    h.run();
    h.get_by_label("1 / 2");

    // The kind 摘句 and the colour names are not confusable.
    let names: Vec<&str> = h
        .state()
        .state
        .palette
        .colors
        .iter()
        .map(|c| c.name.as_str())
        .collect();
    assert!(!names.contains(&"摘抄"), "{names:?}");

    // Panel edges are easy to grab.
    assert!(h.ctx.global_style().interaction.resize_grab_radius_side >= 6.0);
}

#[test]
fn the_paragraph_at_the_top_stays_there_through_size_changes_and_resizes() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = common::harness(Source::builtin(), dir.path());
    let doc = h.state().state.source.document.clone();
    let last = doc.sections.len() - 1;
    for (size, section) in [("小", last), ("大", last), ("中", 1), ("大", 1), ("小", 0)] {
        h.get_by_label(size).click();
        h.run();
        let heading = doc.blocks[doc.sections[section].heading].text.clone();
        h.get_by_role_and_label(
            Role::TreeItem,
            &jingdu::document::typography::display_text(&heading),
        )
        .click();
        h.run();
        let want = doc.sections[section].heading;
        assert_eq!(h.state().state.view.position.block, Some(want), "{size}");
        // Every other size, and a narrower and a wider window: still the same block on top.
        for other in ["大", "小", "中", "大"] {
            h.get_by_label(other).click();
            h.run();
            assert_eq!(
                h.state().state.view.position.block,
                Some(want),
                "{size} → {other}"
            );
        }
        for w in [900.0, 1600.0, 1280.0] {
            h.set_size(egui::vec2(w, 800.0));
            h.run();
            assert_eq!(
                h.state().state.view.position.block,
                Some(want),
                "{size} → width {w}"
            );
        }
    }
}

/// The toolbar's buttons: each inside the window, none overlapping another.
fn assert_toolbar_fits(h: &H, width: f32, labels: &[&str]) {
    let rects: Vec<(String, egui::Rect)> = labels
        .iter()
        .map(|l| (l.to_string(), h.get_by_label(l).rect()))
        .collect();
    for (l, r) in &rects {
        assert!(r.min.x >= 0.0 && r.max.x <= width, "{l} sticks out: {r:?}");
    }
    for (i, (a, ra)) in rects.iter().enumerate() {
        for (b, rb) in &rects[i + 1..] {
            assert!(!ra.intersects(*rb), "{a} overlaps {b}");
        }
    }
}

/// A file's 编码 menu sits in the status bar, as editors show it, so the toolbar of a file is
/// the toolbar of the built-in article; in a window too short for the status bar it is in the
/// toolbar and counts when the toolbar folds: it never covers 导入笔记.
#[test]
fn the_encoding_menu_of_a_file_never_covers_the_toolbar() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("gbk.txt");
    let text =
        "读书的方法\n\n一、计划\n\n读书要有计划，每天读一点，日积月累，自然会有很大的收获。\n";
    let (gbk, _, _) = encoding_rs::GBK.encode(text);
    std::fs::write(&path, &gbk).unwrap();
    let source = Source::open(&path).unwrap();
    let mut h = common::harness(source, dir.path());
    for (w, ht) in [
        (1920.0, 800.0),
        (1280.0, 800.0),
        (1220.0, 800.0),
        (1920.0, 560.0),
        (1320.0, 560.0),
        (1280.0, 560.0),
        (1100.0, 560.0),
    ] {
        h.set_size(egui::vec2(w, ht));
        h.run();
        let mut labels = vec!["≡ 目录", "＋ 写笔记", "笔记 ▤", "编码 GB18030"];
        if h.query_by_label("导入笔记").is_some() {
            labels.push("导入笔记");
        } else {
            labels.push("更多");
        }
        if ht >= 800.0 && w >= 1220.0 {
            assert!(h.query_by_label("导入笔记").is_some(), "{w}: not folded");
        }
        if h.query_by_label("编码 GB18030").is_some() {
            assert_toolbar_fits(&h, w, &labels);
        } else {
            // Folded into ⋯ in a short, narrow window.
            assert!(h.query_by_label("更多").is_some(), "{w}×{ht}");
        }
    }
}

#[test]
fn the_window_works_at_every_size() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = common::harness(Source::builtin(), dir.path());
    for (w, ht) in [
        (1920.0, 1080.0),
        (1280.0, 800.0),
        (1220.0, 760.0),
        (900.0, 650.0),
        (700.0, 500.0),
    ] {
        h.set_size(egui::vec2(w, ht));
        h.run();
        let column = h.state().reader.column_width().unwrap();
        let font = h.state().state.settings.font_size_pt;
        assert!(
            column >= 20.0 * font,
            "{w}×{ht}: column of {:.1} characters",
            column / font
        );
        let mut labels = vec!["≡ 目录", "＋ 写笔记", "导出笔记", "笔记 ▤"];
        if w >= 1100.0 {
            labels.extend(["打开", "大", "竖排", "撤销", "导入笔记"]);
        } else {
            labels.push("更多");
        }
        assert_toolbar_fits(&h, w, &labels);
    }
    // At 700×500 the outline gives way; its button shows it over the text, and a jump from it
    // closes it again. The reader's choice is kept for a wider window.
    assert!(h.query_by_label("全部折叠").is_none());
    h.get_by_label("≡ 目录").click();
    h.run();
    h.get_by_label("全部折叠");
    h.get_by_role_and_label(Role::TreeItem, "推进基层组织创新，健全完善基层党建工作格局")
        .click();
    h.run();
    assert!(
        h.query_by_label("全部折叠").is_none(),
        "closed after the jump"
    );
    assert!(h.state().state.settings.show_outline);
    // The folded items are in the ⋯ menu.
    h.get_by_label("更多").click();
    h.run();
    h.get_by_label("大").click();
    h.run();
    assert_eq!(h.state().state.settings.font_size_pt, 22.0);
    h.set_size(egui::vec2(1280.0, 800.0));
    h.run();
    h.get_by_label("全部折叠");
    assert_eq!(
        h.state().state.settings.outline_width_pt,
        260.0,
        "width remembered"
    );
}

#[test]
fn f1_lists_every_command_from_the_one_table() {
    use jingdu::ui::commands::UiCommand;
    let dir = tempfile::tempdir().unwrap();
    let mut h = common::harness(Source::builtin(), dir.path());
    h.key_press(Key::F1);
    h.run();
    let ctx = h.ctx.clone();
    for command in UiCommand::ALL {
        // (Some labels are also toolbar buttons.)
        assert!(
            h.get_all_by_label(command.label()).count() >= 1,
            "{command:?}"
        );
        h.get_by_label(&command.shortcut_text(&ctx));
    }
    // The toolbar's help menu (？) opens and closes it too.
    h.get_by_label("帮助").click();
    h.run();
    h.get_by_role_and_label(egui::accesskit::Role::Button, "快捷键")
        .click();
    h.run();
    assert!(!h.state().keyboard_help);
    // Shortcuts come from the same table: Ctrl+Shift+N starts a note.
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::N);
    h.run();
    assert!(h.state().state.view.draft.is_some());
}

/// The keyboard help fits every window from 700×500 up — its title, its close button and
/// (scrolled to) every row on screen — and Esc closes it like every other overlay.
#[test]
fn the_keyboard_help_fits_small_windows_and_esc_closes_it() {
    use jingdu::ui::commands::UiCommand;
    let dir = tempfile::tempdir().unwrap();
    let mut h = common::harness(Source::builtin(), dir.path());
    for size in [
        egui::vec2(1920.0, 1080.0),
        egui::vec2(1280.0, 800.0),
        egui::vec2(700.0, 500.0),
    ] {
        h.set_size(size);
        h.run();
        h.key_press(Key::F1);
        h.run();
        let screen = egui::Rect::from_min_size(egui::Pos2::ZERO, size);
        // The window itself is the largest node named 快捷键 (a row of the list has the
        // same words).
        let window = h
            .get_all_by_label("快捷键")
            .map(|n| n.rect())
            .max_by(|a, b| a.area().total_cmp(&b.area()))
            .expect("the help window");
        let close = h.get_by_label("Close window").rect();
        assert!(
            screen.contains_rect(window),
            "{size:?}: window at {window:?}"
        );
        assert!(screen.contains_rect(close), "{size:?}: close at {close:?}");
        // The last row is there (scrolled to in a small window).
        let last = UiCommand::ALL.last().unwrap().label();
        assert!(h.query_all_by_label(last).count() >= 1, "{size:?}");
        h.key_press(Key::Escape);
        h.run();
        assert!(!h.state().keyboard_help, "{size:?}: Esc closes it");
    }
}

#[test]
fn a_note_started_in_a_narrow_window_opens_the_notes_panel_over_the_text() {
    let dir = tempfile::tempdir().unwrap();
    let settings = jingdu::app::Settings {
        font_size_pt: 28.0,
        ..Default::default()
    };
    let mut h = common::harness_with(Source::builtin(), dir.path(), settings);
    h.set_size(egui::vec2(700.0, 500.0));
    h.run();
    // Neither panel fits beside 20 characters at 28 points.
    assert!(h.query_by_label("搜索笔记").is_none());
    let doc = h.state().state.source.document.clone();
    let p = doc.paragraph_indices().next().unwrap();
    h.state_mut()
        .state
        .apply(jingdu::app::Action::JumpTo(Some(p)));
    h.run();
    let r = h.state().reader.block_rect(p).expect("on screen");
    h.hover_at(egui::pos2(r.center().x, r.min.y + 20.0));
    h.run();
    h.get_by_label("为此段写笔记").click();
    h.run();
    h.get_by_label("笔记内容").type_text("窄窗口里写的");
    h.run();
    // A click on the text does not close it while the note is being written.
    let at = egui::pos2(r.min.x + 10.0, r.min.y + 10.0);
    for pressed in [true, false] {
        h.event(Event::PointerButton {
            pos: at,
            button: PointerButton::Primary,
            pressed,
            modifiers: Modifiers::NONE,
        });
    }
    h.run();
    h.get_by_label("保存").click();
    h.run();
    assert_eq!(h.state().state.notes()[0].text, "窄窗口里写的");
    assert!(
        h.query_by_label("搜索笔记").is_none(),
        "the overlay closed with the editor"
    );
}

#[test]
fn the_about_box_names_the_version_licences_and_the_notes_folder() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = common::harness(Source::builtin(), dir.path());
    h.get_by_label("帮助").click();
    h.run();
    h.get_by_label("关于精读").click();
    h.run();
    assert!(h.state().about.open);
    h.get_by_label_contains(&format!("版本 {}", env!("CARGO_PKG_VERSION")));
    h.get_by_label("许可：MIT 或 Apache-2.0");
    h.get_by_label_contains("SIL Open Font License 1.1");
    h.get_by_label(&dir.path().display().to_string());
    assert_eq!(
        h.get_all_by_label("打开").count(),
        2,
        "the toolbar's and the box's"
    );
    h.get_by_label_contains("JINGDU_DATA_DIR");
}

/// At 700 points an empty notes panel does not take a third of the window: the column keeps
/// the width, and the panel docks again once there is a note to show.
#[test]
fn an_empty_notes_panel_gives_a_narrow_window_to_the_text() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = common::harness(Source::builtin(), dir.path());
    h.set_size(egui::vec2(700.0, 500.0));
    h.run();
    assert!(
        h.query_by_label("搜索笔记").is_none(),
        "not docked while empty"
    );
    let font = h.state().state.settings.font_size_pt;
    let column = h.state().reader.column_width().unwrap();
    assert!(column >= 28.0 * font, "column of {:.1}", column / font);
    // A note: the panel docks beside the text again.
    let doc = h.state().state.source.document.clone();
    let p = doc.paragraph_indices().next().unwrap();
    h.state_mut()
        .state
        .apply(jingdu::app::Action::StartNote(jingdu::app::NoteTarget {
            kind: jingdu::notes::NoteKind::Paragraph,
            range: doc.blocks[p].range.clone(),
        }));
    h.state_mut()
        .state
        .apply(jingdu::app::Action::SetDraftText("一条".into()));
    h.state_mut().state.apply(jingdu::app::Action::CommitDraft);
    h.run();
    h.get_by_label("搜索笔记");
}

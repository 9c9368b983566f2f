//! The interface language, switched in the window: every control keeps an accessible name in
//! each language, found here by that name. (One test: the language is one setting for the
//! whole process, so the tests of this binary must not run side by side.)

mod common;

use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use jingdu::document::Source;
use jingdu::i18n::Lang;
use jingdu::ui::strings as s;

type H = egui_kittest::Harness<'static, jingdu::ui::JingduApp>;

/// Picks `lang` (or the system's) in ？ › 语言 Language.
fn choose(h: &mut H, help: &str, menu: &str, item: &str) {
    h.get_by_label(help).click();
    h.run();
    h.get_by_label(menu).click();
    h.run();
    h.get_by_label(item).click();
    h.run();
    h.run();
}

/// Every button, checkbox and text field of the window has an accessible name.
fn every_control_is_named(h: &H) {
    let mut controls = 0;
    for node in h.query_all(egui_kittest::kittest::by().predicate(|n| {
        matches!(
            n.role(),
            Role::Button | Role::CheckBox | Role::TextInput | Role::ComboBox | Role::RadioButton
        )
    })) {
        controls += 1;
        let name = node.accesskit_node().label().unwrap_or_default();
        assert!(
            !name.trim().is_empty(),
            "a {:?} without a name",
            node.accesskit_node().role()
        );
    }
    assert!(controls > 15, "the query found the controls: {controls}");
}

#[test]
fn the_window_speaks_each_language() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = common::harness(Source::builtin(), dir.path());
    every_control_is_named(&h);

    // English: its longer words fold the toolbar sooner (everything shows at 1600 points).
    choose(&mut h, "帮助", "语言 Language", "English");
    assert_eq!(h.state().state.settings.ui_language, Some(Lang::En));
    h.get_by_label("More");
    h.set_size(egui::vec2(1600.0, 900.0));
    h.run();
    assert!(h.query_by_label("More").is_none());
    for label in [
        "≡ Outline",
        "Open",
        "Recent",
        "Paste as document",
        "Typesetting",
        "Vertical",
        "＋ Write a note",
        "Export notes",
        "Import notes",
        "Notes ▤",
        "Search notes",
        "Bookmarks only",
    ] {
        h.get_by_label(label);
    }
    h.get_by_role_and_label(Role::TreeItem, "从严从实加强党的基层党组织建设");
    every_control_is_named(&h);
    // Nothing overlaps at the narrowest width that shows the whole English toolbar.
    h.set_size(egui::vec2(1540.0, 900.0));
    h.run();
    let labels = [
        "≡ Outline",
        "Open",
        "Recent",
        "Paste as document",
        "Typesetting",
        "Vertical",
        "◐ Dark",
        "Undo",
        "Redo",
        "＋ Write a note",
        "Export notes",
        "Import notes",
        "Notes saved",
        "Help",
        "Notes ▤",
    ];
    let rects: Vec<(&str, egui::Rect)> = labels
        .iter()
        .map(|l| (*l, h.get_by_label(l).rect()))
        .collect();
    for (i, (a, ra)) in rects.iter().enumerate() {
        assert!(ra.max.x <= 1540.0, "{a} sticks out");
        for (b, rb) in &rects[i + 1..] {
            assert!(!ra.intersects(*rb), "{a} overlaps {b}");
        }
    }
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run();
    h.get_by_label("Find").type_text("党的组织");
    h.run();
    h.get_by_label("1 / 4");
    h.get_by_label("Any script");
    h.key_press(Key::Escape);
    h.run();
    // A message the state posts is in English too.
    h.key_press_modifiers(Modifiers::COMMAND, Key::D);
    h.run();
    let last = h.state().state.messages.list().last().unwrap().text.clone();
    assert!(last.starts_with("Bookmarked"), "{last}");
    // Counts take the English plural: one bookmark, not "1 bookmarks".
    h.get_by_label("0 notes · 1 bookmark");
    assert_eq!(
        jingdu::ui::strings::notes_and_bookmarks(1, 2),
        "1 note · 2 bookmarks"
    );
    h.key_press(Key::F1);
    h.run();
    assert!(
        h.get_all_by_label("Keyboard shortcuts").count() >= 2,
        "the window and its row"
    );
    assert!(h.get_all_by_label("Bookmark").count() >= 1);
    h.key_press(Key::F1);
    h.run();

    // 繁體中文: the Simplified labels converted.
    choose(&mut h, "Help", "Language 语言", "繁體中文");
    let hant = |t: s::Text| t.0.get_in(Lang::ZhHant);
    assert_eq!(hant(s::OPEN), "打開");
    for t in [s::OPEN, s::EXPORT, s::READING_LIST, s::FILTER] {
        h.get_by_label(hant(t));
    }
    h.get_by_label(&format!("≡ {}", hant(s::TOGGLE_OUTLINE)));
    every_control_is_named(&h);

    // Back to the system's language, which in tests is 简体中文.
    choose(
        &mut h,
        hant(s::HELP_MENU),
        hant(s::LANGUAGE),
        hant(s::LANGUAGE_SYSTEM),
    );
    assert_eq!(h.state().state.settings.ui_language, None);
    h.get_by_label("打开");
    h.get_by_label("导出笔记");
}

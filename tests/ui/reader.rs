//! The reader and the outline, driven through the real app by accessible labels.

use crate::common;

use egui::accesskit::Role;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use jingdu::document::Source;

const HEADING_2: &str = "建立健全工作机制，扎实推进党员队伍建设基础工程";
const HEADING_3: &str = "推进基层组织创新，健全完善基层党建工作格局";

/// Whether the outline row with `label` is marked as the current section.
fn is_current(h: &egui_kittest::Harness<'static, jingdu::ui::JingduApp>, label: &str) -> bool {
    h.get_by_role_and_label(Role::TreeItem, label)
        .accesskit_node()
        .data()
        .is_selected()
        == Some(true)
}

/// The outline label of the `n`th paragraph (first sentence, shortened).
fn paragraph_label(doc: &jingdu::document::Document, n: usize) -> String {
    let b = doc.paragraph_indices().nth(n).unwrap();
    jingdu::ui::outline::first_sentence(
        &jingdu::document::typography::display_text(&doc.blocks[b].text),
        18,
    )
}

#[test]
fn window_shows_title_outline_and_article() {
    let dir = tempfile::tempdir().unwrap();
    let h = common::harness(Source::builtin(), dir.path());
    h.get_by_role_and_label(Role::TreeItem, "从严从实加强党的基层党组织建设");
    h.get_by_role_and_label(Role::TreeItem, HEADING_2);
    h.get_by_label("正文");
    assert_eq!(
        jingdu::ui::JingduApp::window_title(&h.state().state.source),
        "精读 — 从严从实加强党的基层党组织建设"
    );
}

#[test]
fn clicking_an_outline_node_scrolls_the_reader_to_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = common::harness(Source::builtin(), dir.path());
    let doc = h.state().state.source.document.clone();
    let heading = doc.sections[2].heading;
    h.get_by_role_and_label(Role::TreeItem, HEADING_3).click();
    h.run();
    let pos = h.state().state.view.position;
    assert_eq!(
        pos.block,
        Some(heading),
        "the heading is at the top of the reader"
    );
    assert!(pos.fraction < 0.05);
    // The outline now marks that section as current.
    assert!(is_current(&h, HEADING_3));

    // A paragraph node too.
    let last_para = doc.paragraph_indices().last().unwrap();
    h.get_by_label(&paragraph_label(&doc, 9)).click();
    h.run();
    let pos = h.state().state.view.position;
    // The last paragraph cannot scroll past the end; it is on screen near the top.
    assert!(pos.block.is_some_and(|b| b + 1 >= last_para), "{pos:?}");
}

#[test]
fn collapsing_a_node_hides_its_children() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = common::harness(Source::builtin(), dir.path());
    let child = paragraph_label(&h.state().state.source.document, 4);
    let child = child.as_str();
    h.get_by_label(child);
    h.get_by_label(&format!("折叠：{HEADING_2}")).click();
    h.run();
    assert!(h.query_by_label(child).is_none(), "children hidden");
    h.get_by_label(&format!("展开：{HEADING_2}")).click();
    h.run();
    h.get_by_label(child);

    h.get_by_label("全部折叠").click();
    h.run();
    // The first level stays visible, closed.
    h.get_by_label(&format!("展开：{HEADING_2}"));
    assert!(h.query_by_label(child).is_none());
    h.get_by_label("全部展开").click();
    h.run();
    h.get_by_role_and_label(Role::TreeItem, HEADING_2);
    h.get_by_label(child);
}

#[test]
fn font_size_control_and_shortcuts_change_the_size() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = common::harness(Source::builtin(), dir.path());
    assert_eq!(h.state().state.settings.font_size_pt, 18.0);
    h.get_by_label("大").click();
    h.run();
    assert_eq!(h.state().state.settings.font_size_pt, 22.0);
    h.get_by_label("小").click();
    h.run();
    assert_eq!(h.state().state.settings.font_size_pt, 16.0);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Equals);
    h.run();
    assert_eq!(h.state().state.settings.font_size_pt, 17.0);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Num0);
    h.run();
    assert_eq!(h.state().state.settings.font_size_pt, 18.0);
}

#[test]
fn outline_highlight_follows_scrolling() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = common::harness(Source::builtin(), dir.path());
    let doc = h.state().state.source.document.clone();
    assert!(!is_current(&h, HEADING_3));
    let mut seen = Vec::new();
    for _ in 0..60 {
        common::wheel(&mut h, -120.0, 1);
        let focus = h.state().state.view.focus_block;
        let section = focus.and_then(|b| doc.section_of_block(b));
        if seen.last() != Some(&section) {
            seen.push(section);
        }
    }
    // Scrolling down walks through the preamble and every section in order.
    assert_eq!(seen, vec![None, Some(0), Some(1), Some(2)], "{seen:?}");
    assert!(is_current(&h, HEADING_3));
    assert!(!is_current(&h, HEADING_2));
}

#[test]
fn f9_hides_and_shows_the_outline() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = common::harness(Source::builtin(), dir.path());
    h.key_press(egui::Key::F9);
    h.run();
    assert!(!h.state().state.settings.show_outline);
    assert!(h.query_by_label("全部折叠").is_none());
    h.get_by_label("≡ 目录").click();
    h.run();
    assert!(h.state().state.settings.show_outline);
    h.get_by_label("全部折叠");
}

#[test]
fn theme_switches() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = common::harness(Source::builtin(), dir.path());
    h.get_by_label("◐ 深色").click();
    h.run();
    assert_eq!(
        h.state().state.settings.theme,
        jingdu::app::ThemeChoice::Dark
    );
    h.get_by_label("☀ 浅色").click();
    h.run();
    assert_eq!(
        h.state().state.settings.theme,
        jingdu::app::ThemeChoice::Light
    );
}

#[test]
fn outline_reveals_the_current_section_of_a_long_document() {
    let dir = tempfile::tempdir().unwrap();
    let text = jingdu::document::synthetic_text(1_000_000);
    let source = Source::from_text(jingdu::document::Origin::Builtin, &text);
    let mut h = common::harness(source, dir.path());
    let doc = h.state().state.source.document.clone();
    // A part deep in the document: its row is far below the outline's first screen.
    let part = doc
        .sections
        .iter()
        .filter(|s| s.level == 1)
        .nth(200)
        .unwrap();
    let sub = part.children[1];
    h.state_mut()
        .state
        .apply(jingdu::app::Action::JumpTo(Some(doc.sections[sub].heading)));
    h.run();
    let part_label = jingdu::document::typography::display_text(&doc.blocks[part.heading].text);
    // Only rows in view exist as widgets: the part's row and the current section's row must.
    h.get_by_role_and_label(Role::TreeItem, &part_label);
    let sub_label =
        jingdu::document::typography::display_text(&doc.blocks[doc.sections[sub].heading].text);
    let current: Vec<_> = h
        .get_all_by_role_and_label(Role::TreeItem, &sub_label)
        .filter(|n| n.accesskit_node().data().is_selected() == Some(true))
        .collect();
    assert_eq!(current.len(), 1, "the current section is shown and marked");
}

#[test]
fn open_another_document_and_refuse_a_missing_one() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = common::harness(Source::builtin(), &dir.path().join("data"));
    let file = dir.path().join("意见.txt");
    std::fs::write(
        &file,
        "关于某项工作的意见\n（2020年1月2日）\n一、总体要求\n正文一段，内容较长，以句号结束。\n",
    )
    .unwrap();
    let open = |h: &mut egui_kittest::Harness<'static, jingdu::ui::JingduApp>, path: &str| {
        h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::O);
        h.run();
        h.get_by_label("文档路径或网址").focus();
        h.run();
        h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
        h.run();
        h.get_by_label("文档路径或网址").type_text(path);
        h.run();
        h.get_by_label("打开此文件").click();
        h.run();
    };
    open(&mut h, "/no/such/file.txt");
    assert_eq!(
        h.state().state.source.document.meta.title.as_deref(),
        Some("从严从实加强党的基层党组织建设")
    );
    assert!(
        h.state()
            .state
            .messages
            .list()
            .iter()
            .any(|m| m.text.contains("找不到文件：/no/such/file.txt"))
    );

    open(&mut h, &file.display().to_string());
    assert_eq!(
        h.state().state.source.document.meta.title.as_deref(),
        Some("关于某项工作的意见")
    );
    h.get_by_role_and_label(Role::TreeItem, "一、总体要求");
}

#[test]
fn the_typesetting_menu_turns_compression_and_gaps_off_and_on() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = common::harness(Source::builtin(), dir.path());
    assert!(h.state().state.settings.compress_punctuation);
    assert!(h.state().state.settings.han_latin_gap);
    h.get_by_label("排版").click();
    h.run();
    h.get_by_label("标点挤压").click();
    h.run();
    assert!(!h.state().state.settings.compress_punctuation);
    h.get_by_label("中西文间距（¼ 字）").click();
    h.run();
    assert!(!h.state().state.settings.han_latin_gap);
    h.get_by_label("标点挤压").click();
    h.run();
    assert!(h.state().state.settings.compress_punctuation);
    assert!(h.state().state.settings.line_edge_compression);
    h.get_by_label("行首行尾挤压").click();
    h.run();
    assert!(!h.state().state.settings.line_edge_compression);
}

#[test]
fn ctrl_f_finds_every_hit_and_enter_walks_through_them() {
    use egui::{Key, Modifiers};
    let dir = tempfile::tempdir().unwrap();
    let mut h = common::harness(Source::builtin(), dir.path());
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run();
    assert!(
        h.state().state.view.search.is_some(),
        "Ctrl+F opens the find bar"
    );
    h.get_by_label("查找").type_text("党的组织");
    h.run();
    let search = h.state().state.view.search.clone().unwrap();
    assert_eq!(search.hits.len(), 4);
    let first = search.current;
    h.get_by_label("1 / 4");
    h.key_press(Key::Enter);
    h.run();
    let now = h.state().state.view.search.clone().unwrap().current;
    assert_eq!(now, (first + 1) % 4, "Enter goes to the next hit");
    h.key_press(Key::F3);
    h.run();
    assert_eq!(
        h.state().state.view.search.clone().unwrap().current,
        (first + 2) % 4
    );
    h.key_press_modifiers(Modifiers::SHIFT, Key::F3);
    h.run();
    assert_eq!(
        h.state().state.view.search.clone().unwrap().current,
        (first + 1) % 4
    );
    h.get_by_label("查找").focus();
    h.run();
    h.key_press(Key::Escape);
    h.run();
    assert!(
        h.state().state.view.search.is_none(),
        "Esc closes the find bar"
    );
}

#[test]
fn copy_citation_quotes_the_selection_with_its_source() {
    use egui::{Key, Modifiers};
    let dir = tempfile::tempdir().unwrap();
    let mut h = common::harness(Source::builtin(), dir.path());
    h.state_mut()
        .state
        .apply(jingdu::app::Action::Select(Some(0..9)));
    assert_eq!(
        h.state().state.citation_text(),
        "“2018年7月3日”（董德兵：《从严从实加强党的基层党组织建设》，《前线》2018-11-08）"
    );
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::C);
    h.run();
    let last = h.state().state.messages.list().last().unwrap().text.clone();
    assert!(last.contains("已复制引用"), "{last}");
    // Without a selection: the reference.
    h.state_mut().state.apply(jingdu::app::Action::Select(None));
    assert!(h.state().state.citation_text().starts_with("[1] 董德兵. "));
}

#[test]
fn the_outline_counts_search_hits_per_section() {
    use egui::{Key, Modifiers};
    let dir = tempfile::tempdir().unwrap();
    let mut h = common::harness(Source::builtin(), dir.path());
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run();
    h.get_by_label("查找").type_text("党的组织");
    h.run();
    let said = |h: &egui_kittest::Harness<'static, jingdu::ui::JingduApp>, label: &str| {
        h.get_by_role_and_label(Role::TreeItem, label)
            .accesskit_node()
            .data()
            .description()
            .map(str::to_owned)
    };
    assert_eq!(
        said(&h, "从严从实加强党的基层党组织建设").as_deref(),
        Some("4 处查找结果")
    );
    // One hit is in the opening paragraph, three in the first section.
    assert_eq!(
        said(&h, "以政治建设为统领，强化基层党组织的政治功能").as_deref(),
        Some("3 处查找结果")
    );
    assert!(!said(&h, HEADING_3).is_some_and(|d| d.contains("查找结果")));
}

#[test]
fn the_script_switch_shows_traditional_characters_and_keeps_notes_on_their_chars() {
    use jingdu::app::{Action, NoteTarget};
    use jingdu::notes::NoteKind;
    let dir = tempfile::tempdir().unwrap();
    let mut h = common::harness(Source::builtin(), dir.path());
    h.state_mut().state.apply(Action::StartNote(NoteTarget {
        kind: NoteKind::Passage,
        range: 30..40,
    }));
    h.state_mut()
        .state
        .apply(Action::SetDraftText("看这里".into()));
    h.state_mut().state.apply(Action::CommitDraft);
    h.run();
    let quote = h.state().state.notes()[0].anchor.quote.clone();

    h.get_by_label("排版").click();
    h.run();
    h.get_by_label("繁體").click();
    h.run();
    h.run();
    // The outline and the reader show Traditional characters…
    h.get_by_role_and_label(Role::TreeItem, "從嚴從實加強黨的基層黨組織建設");
    let state = &h.state().state;
    let shown: Vec<char> = state.shown().body_text().chars().collect();
    let source: Vec<char> = state.source.document.body_text().chars().collect();
    assert_eq!(shown.len(), source.len());
    // …the note is still on the same characters, and keeps the source's text.
    let note = &state.notes()[0];
    assert_eq!((note.anchor.start, note.anchor.end), (30, 40));
    assert_eq!(note.anchor.quote, quote);
    let on_screen: String = shown[30..40].iter().collect();
    assert_eq!(
        on_screen,
        jingdu::document::script::convert(&quote, jingdu::document::script::Script::Traditional)
    );
    assert_ne!(on_screen, quote, "the passage has characters that change");
    // The notes panel shows the quote as the text is shown.
    let card = h.get_by_label("笔记：看这里");
    let said = card
        .accesskit_node()
        .data()
        .description()
        .unwrap_or_default()
        .to_owned();
    assert!(said.contains(&on_screen), "{said}");

    // Find with 简繁等同 (on by default) finds Traditional queries in the Simplified source.
    use egui::{Key, Modifiers};
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run();
    h.get_by_label("查找").type_text("黨的組織");
    h.run();
    assert_eq!(h.state().state.view.search.as_ref().unwrap().hits.len(), 4);
    h.get_by_label("简繁等同").click();
    h.run();
    assert_eq!(h.state().state.view.search.as_ref().unwrap().hits.len(), 0);

    // Back to the text's own characters.
    h.get_by_label("排版").click();
    h.run();
    h.get_by_label("原文").click();
    h.run();
    h.run();
    h.get_by_role_and_label(Role::TreeItem, "从严从实加强党的基层党组织建设");
}

/// Whether an opaque filled rectangle painted last frame covers `p`.
fn painted_at(h: &egui_kittest::Harness<'static, jingdu::ui::JingduApp>, p: egui::Pos2) -> bool {
    h.output().shapes.iter().any(|clipped| {
        matches!(&clipped.shape, egui::Shape::Rect(r)
            if r.rect.contains(p) && clipped.clip_rect.contains(p) && r.fill.a() == 255)
    })
}

/// With the find bar open, nothing between the side panels is left unpainted (the renderer
/// shows such a place black): not beside the bar, not in the seam under it.
#[test]
fn the_find_bar_leaves_no_unpainted_area() {
    use egui::{Key, Modifiers};
    let dir = tempfile::tempdir().unwrap();
    let mut h = common::harness(Source::builtin(), dir.path());
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run();
    let close = h.get_by_label("关闭").rect();
    let field = h.get_by_label("查找").rect();
    let beside = egui::pos2(close.max.x + 60.0, close.center().y);
    let under = egui::pos2(field.center().x, close.max.y + 9.0);
    for p in [beside, under] {
        assert!(painted_at(&h, p), "nothing painted at {p:?}");
    }
}

/// Showing the text in other characters keeps what the reader folded in the outline.
#[test]
fn the_script_switch_keeps_folded_outline_nodes_folded() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = common::harness(Source::builtin(), dir.path());
    h.get_by_label(&format!("折叠：{HEADING_2}")).click();
    h.run();
    h.get_by_label("排版").click();
    h.run();
    h.get_by_label("繁體").click();
    h.run();
    h.run();
    let traditional =
        jingdu::document::script::convert(HEADING_2, jingdu::document::script::Script::Traditional);
    // (The interface stays in 简体; the heading is shown as the text is.)
    h.get_by_label(&format!("展开：{traditional}"));
    assert!(
        h.query_by_label(&format!("折叠：{traditional}")).is_none(),
        "still folded"
    );
}

/// A heading that needs two lines is balanced as the title is: never a last line of two
/// characters under a full one, at any window width, at the large size.
#[test]
fn headings_set_in_balanced_lines() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = common::harness(Source::builtin(), dir.path());
    h.get_by_label("大").click();
    h.run();
    let doc = h.state().state.source.document.clone();
    let headings: Vec<usize> = doc.sections.iter().map(|s| s.heading).collect();
    let mut wrapped = 0;
    // With a note, the notes panel stays docked and the column narrows with the window.
    h.state_mut()
        .state
        .apply(jingdu::app::Action::StartNote(jingdu::app::NoteTarget {
            kind: jingdu::notes::NoteKind::Section,
            range: doc.blocks[headings[0]].range.clone(),
        }));
    h.state_mut()
        .state
        .apply(jingdu::app::Action::SetDraftText("一条".into()));
    h.state_mut().state.apply(jingdu::app::Action::CommitDraft);
    for width in (640..=1400).step_by(20) {
        h.set_size(egui::vec2(width as f32, 900.0));
        h.run();
        for &b in &headings {
            h.state_mut()
                .state
                .apply(jingdu::app::Action::JumpTo(Some(b)));
            h.run();
            let Some(lines) = h.state().reader.lines_of_block(b) else {
                continue;
            };
            if lines.len() < 2 {
                continue;
            }
            wrapped += 1;
            let longest = lines.iter().map(|l| l.len()).max().unwrap();
            let shortest = lines.iter().map(|l| l.len()).min().unwrap();
            assert!(
                shortest + 3 >= longest,
                "at {width} pt heading {b} is set {lines:?}"
            );
        }
    }
    assert!(wrapped > 0, "some heading needed two lines");
}

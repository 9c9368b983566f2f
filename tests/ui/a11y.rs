//! What a screen reader gets from the window, read through the AccessKit tree the way
//! assistive technology reads it: the article's headings and paragraphs, notes announced with
//! their paragraph, the outline as a tree, note cards as list items, named panels and window.

use crate::common;

use egui::accesskit::Role;
use egui_kittest::kittest::{NodeT, Queryable};
use jingdu::app::{Action, NoteTarget};
use jingdu::document::Source;
use jingdu::notes::NoteKind;

const FIRST_HEADING: &str = "以政治建设为统领，强化基层党组织的政治功能";

#[test]
fn the_article_reads_as_headings_and_paragraphs() {
    let dir = tempfile::tempdir().unwrap();
    let h = common::harness(Source::builtin(), dir.path());
    let title = h.get_by_role_and_label(Role::Heading, "从严从实加强党的基层党组织建设");
    assert_eq!(title.accesskit_node().level(), Some(1));
    let heading = h.get_by_role_and_label(Role::Heading, FIRST_HEADING);
    assert_eq!(heading.accesskit_node().level(), Some(2));
    // Paragraphs in their displayed form (full-width punctuation), in reading order.
    let paragraphs: Vec<String> = h
        .get_all_by_role(Role::Paragraph)
        .filter_map(|n| n.accesskit_node().label())
        .collect();
    let first = paragraphs
        .iter()
        .position(|p| p.starts_with("2018年7月3日，习近平总书记"))
        .expect("the first body paragraph");
    assert!(paragraphs[first].contains("“两个一百年”"));
    let later = paragraphs
        .iter()
        .position(|p| p.starts_with("习近平总书记强调"))
        .unwrap();
    assert!(first < later, "reading order");
    // The column line is a line of the title block, not a heading.
    assert!(
        h.query_by_role_and_label(Role::Heading, "【前线】")
            .is_none()
    );
}

#[test]
fn a_paragraph_says_how_many_notes_it_carries() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = common::harness(Source::builtin(), dir.path());
    let ctx = h.ctx.clone();
    let doc = h.state().state.source.document.clone();
    let p = doc.paragraph_indices().next().unwrap();
    for text in ["第一条", "第二条"] {
        h.state_mut().apply(
            &ctx,
            Action::StartNote(NoteTarget {
                kind: NoteKind::Paragraph,
                range: doc.blocks[p].range.clone(),
            }),
        );
        h.state_mut()
            .apply(&ctx, Action::SetDraftText(text.to_owned()));
        h.state_mut().apply(&ctx, Action::CommitDraft);
        h.run();
    }
    let paragraph = h
        .get_all_by_role(Role::Paragraph)
        .find(|n| {
            n.accesskit_node()
                .label()
                .is_some_and(|l| l.starts_with("2018年7月3日"))
        })
        .unwrap();
    assert_eq!(
        paragraph.accesskit_node().description().as_deref(),
        Some("有 2 条笔记")
    );
    // Each note card is a list item named by its text, described by kind and place.
    let card = h.get_by_role_and_label(Role::ListItem, "笔记：第一条");
    let description = card.accesskit_node().description().unwrap();
    assert!(description.starts_with("段落"), "{description}");
}

#[test]
fn the_outline_is_a_tree_with_its_state() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = common::harness(Source::builtin(), dir.path());
    let item = h.get_by_role_and_label(Role::TreeItem, FIRST_HEADING);
    let node = item.accesskit_node();
    assert_eq!(node.level(), Some(2));
    assert_eq!(node.data().is_expanded(), Some(true));
    h.get_by_label("全部折叠").click();
    h.run();
    let collapsed = h.get_by_role_and_label(Role::TreeItem, FIRST_HEADING);
    assert_eq!(collapsed.accesskit_node().data().is_expanded(), Some(false));
    let root = h.get_by_role_and_label(Role::TreeItem, "从严从实加强党的基层党组织建设");
    assert_eq!(root.accesskit_node().level(), Some(1));
    // The rows belong to one tree named 目录.
    let tree = h.get_by_role_and_label(Role::Tree, "目录");
    assert!(
        tree.children().count() >= 5,
        "the rows are the tree's children"
    );
}

#[test]
fn the_window_and_its_handles_have_chinese_names() {
    let dir = tempfile::tempdir().unwrap();
    let h = common::harness(Source::builtin(), dir.path());
    assert_eq!(
        h.root().accesskit_node().label().as_deref(),
        Some("精读 — 从严从实加强党的基层党组织建设")
    );
    h.get_by_role_and_label(Role::Splitter, "调整目录宽度");
    h.get_by_role_and_label(Role::Splitter, "调整笔记栏宽度");
    assert!(h.query_by_label("Resize panel").is_none());
}

#[test]
fn focus_entering_the_article_moves_the_reading_position() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = common::harness(Source::builtin(), dir.path());
    let last_heading = "推进基层组织创新，健全完善基层党建工作格局";
    // A screen reader moves its focus to a paragraph below the screen.
    let target = h
        .get_all_by_role(Role::Paragraph)
        .last()
        .expect("the last paragraph is exposed");
    let label = target.accesskit_node().label();
    target.focus();
    h.run();
    assert!(label.is_some_and(|l| l.contains("从严从实加强党的基层组织建设")));
    let outline = h.get_by_role_and_label(Role::TreeItem, last_heading);
    assert_eq!(
        outline.accesskit_node().data().is_selected(),
        Some(true),
        "the outline follows the reading position into the last section"
    );
}

#[test]
fn messages_are_live_regions() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = common::harness(Source::builtin(), dir.path());
    let ctx = h.ctx.clone();
    h.state_mut().apply(
        &ctx,
        jingdu::ui::request::Intent::OpenDocument("/no/such/文章.txt".into()),
    );
    h.run();
    let alert = h.get_by_role(Role::Alert);
    assert!(
        alert
            .accesskit_node()
            .label()
            .is_some_and(|l| l.contains("找不到文件"))
    );
    assert_eq!(
        alert.accesskit_node().live(),
        egui::accesskit::Live::Assertive
    );
}

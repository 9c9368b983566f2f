//! The outline panel: title → headings (all levels) → paragraphs, each collapsible, with the
//! number of notes under every node. Clicking a node brings it to the top of the reader; as
//! the reader scrolls, the section on screen is highlighted and revealed. The tree is shown as
//! a flat list of visible rows in a virtual scroll area, so a document with twenty thousand
//! paragraphs costs no more per frame than one with ten.

use std::collections::BTreeSet;

use egui::{Color32, FontId, Id, Rect, Role, Sense, Ui, pos2, vec2};

use super::request::Requests;
use crate::app::{Action, AppState, NoteTarget};
use crate::document::Document;
use crate::document::typography::display_text;
use crate::notes::NoteKind;

use super::strings as s;
use super::theme::Palette;

/// A node of the outline tree.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Node {
    /// The document (its title).
    Root,
    /// A section, by index in [`Document::sections`].
    Section(usize),
    /// A paragraph, by block index.
    Paragraph(usize),
}

#[derive(Clone, Debug)]
struct Row {
    node: Node,
    depth: usize,
    has_children: bool,
    label: String,
}

/// Height of one outline row.
const ROW_HEIGHT: f32 = 26.0;
/// Indent per tree level.
const INDENT: f32 = 14.0;
/// Above this many nodes, paragraphs start collapsed.
const COMPACT_ABOVE: usize = 400;

/// The outline's own state: what is collapsed, the rows currently shown, what to reveal.
pub struct OutlineView {
    collapsed: BTreeSet<Node>,
    /// Nodes expanded only to reveal the current section; collapsed again when the reader
    /// moves on, so that scrolling through a long document does not unfold the whole tree.
    auto_expanded: BTreeSet<Node>,
    rows: Vec<Row>,
    rows_dirty: bool,
    last_focus: Option<Node>,
    scroll_to_row: Option<usize>,
    scroll_offset: f32,
    view_height: f32,
    /// The root's label when the text has no title: the file name.
    untitled_name: String,
}

impl OutlineView {
    /// The outline of `doc`: everything expanded, except paragraph lists of long documents.
    /// `name` labels the root when the text has no title (the file name).
    pub fn new(doc: &Document, name: &str) -> Self {
        let mut collapsed = BTreeSet::new();
        if doc.sections.len() + doc.paragraph_count() > COMPACT_ABOVE {
            for i in 0..doc.sections.len() {
                collapsed.insert(Node::Section(i));
            }
        }
        OutlineView {
            collapsed,
            auto_expanded: BTreeSet::new(),
            rows: Vec::new(),
            rows_dirty: true,
            last_focus: None,
            scroll_to_row: None,
            scroll_offset: 0.0,
            view_height: 400.0,
            untitled_name: name.to_owned(),
        }
    }

    /// Takes over what `old`, the outline of the same document (shown in other characters),
    /// had folded and where it was scrolled.
    pub fn keep_folding_of(&mut self, old: OutlineView) {
        self.collapsed = old.collapsed;
        self.auto_expanded = old.auto_expanded;
        self.scroll_offset = old.scroll_offset;
        self.rows_dirty = true;
    }

    /// Whether `node` is collapsed.
    pub fn is_collapsed(&self, node: Node) -> bool {
        self.collapsed.contains(&node)
    }

    /// Collapses every section, leaving the first level visible under the title (collapsing
    /// the title too would leave a one-row outline that says nothing).
    pub fn collapse_all(&mut self, doc: &Document) {
        for (i, sec) in doc.sections.iter().enumerate() {
            if !sec.children.is_empty() || !sec.paragraphs.is_empty() {
                self.collapsed.insert(Node::Section(i));
            }
        }
        self.collapsed.remove(&Node::Root);
        self.auto_expanded.clear();
        self.rows_dirty = true;
    }

    /// Expands every node.
    pub fn expand_all(&mut self) {
        self.collapsed.clear();
        self.auto_expanded.clear();
        self.rows_dirty = true;
    }

    fn toggle(&mut self, node: Node) {
        // A node the reader toggles by hand is theirs from now on.
        self.auto_expanded.remove(&node);
        if !self.collapsed.remove(&node) {
            self.collapsed.insert(node);
        }
        self.rows_dirty = true;
    }

    fn rebuild(&mut self, doc: &Document) {
        let mut rows = Vec::new();
        let root_label = display_text(doc.meta.title.as_deref().unwrap_or(&self.untitled_name));
        rows.push(Row {
            node: Node::Root,
            depth: 0,
            has_children: !doc.root_sections.is_empty() || !doc.preamble.is_empty(),
            label: root_label,
        });
        if !self.collapsed.contains(&Node::Root) {
            for &p in &doc.preamble {
                rows.push(paragraph_row(doc, p, 1));
            }
            for &sec in &doc.root_sections {
                self.push_section(doc, sec, 1, &mut rows);
            }
        }
        self.rows = rows;
        self.rows_dirty = false;
    }

    fn push_section(&self, doc: &Document, sec: usize, depth: usize, rows: &mut Vec<Row>) {
        let section = &doc.sections[sec];
        rows.push(Row {
            node: Node::Section(sec),
            depth,
            has_children: !section.children.is_empty() || !section.paragraphs.is_empty(),
            label: display_text(&doc.blocks[section.heading].text),
        });
        if self.collapsed.contains(&Node::Section(sec)) {
            return;
        }
        for &p in &section.paragraphs {
            rows.push(paragraph_row(doc, p, depth + 1));
        }
        for &c in &section.children {
            self.push_section(doc, c, depth + 1, rows);
        }
    }

    /// The section the reader is looking at (the root before the first heading).
    fn focus_node(doc: &Document, focus_block: Option<usize>) -> Option<Node> {
        Some(match focus_block.and_then(|b| doc.section_of_block(b)) {
            Some(sec) => Node::Section(sec),
            None => Node::Root,
        })
    }

    /// Expands the ancestors of the focused section (collapsing again those expanded only
    /// for the previous one) and scrolls it into view.
    fn reveal(&mut self, doc: &Document, node: Node) {
        let mut wanted: BTreeSet<Node> = BTreeSet::new();
        if let Node::Section(sec) = node {
            wanted.insert(Node::Root);
            for anc in doc.section_path(sec) {
                if anc != sec {
                    wanted.insert(Node::Section(anc));
                }
            }
        }
        for old in std::mem::take(&mut self.auto_expanded) {
            if !wanted.contains(&old) {
                self.collapsed.insert(old);
                self.rows_dirty = true;
            }
        }
        for n in wanted {
            if self.collapsed.remove(&n) {
                self.auto_expanded.insert(n);
                self.rows_dirty = true;
            }
        }
        if self.rows_dirty {
            self.rebuild(doc);
        }
        if let Some(row) = self.rows.iter().position(|r| r.node == node) {
            let y = row as f32 * ROW_HEIGHT;
            let visible = y >= self.scroll_offset + ROW_HEIGHT
                && y + 2.0 * ROW_HEIGHT <= self.scroll_offset + self.view_height;
            if !visible {
                self.scroll_to_row = Some(row);
            }
            log::debug!(
                "outline reveal {node:?}: row {row}, offset {}, visible {visible}",
                self.scroll_offset
            );
        }
    }

    /// Whether `node`'s row is shown inside the visible part of the outline (for tests).
    pub fn is_row_visible(&self, node: Node) -> bool {
        self.rows
            .iter()
            .position(|r| r.node == node)
            .is_some_and(|row| {
                let y = row as f32 * ROW_HEIGHT;
                y >= self.scroll_offset && y + ROW_HEIGHT <= self.scroll_offset + self.view_height
            })
    }

    /// Shows the outline panel content.
    pub fn ui(&mut self, ui: &mut Ui, state: &AppState, actions: &mut Requests) {
        let doc = state.shown();
        let palette = Palette::of(state.settings.theme);
        ui.horizontal(|ui| {
            // A narrow panel drops its heading (the toolbar button names it) rather than let
            // the buttons run over it.
            if ui.available_width() >= 230.0 {
                ui.heading(s::OUTLINE_TITLE);
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui.small_button(s::EXPAND_ALL).clicked() {
                    self.expand_all();
                }
                if ui.small_button(s::COLLAPSE_ALL).clicked() {
                    self.collapse_all(doc);
                }
            });
        });
        if doc.sections.is_empty() {
            ui.label(
                egui::RichText::new(s::NO_HEADINGS)
                    .small()
                    .color(palette.muted),
            );
        }
        ui.separator();

        let focus = Self::focus_node(doc, state.view.focus_block);
        if focus != self.last_focus {
            self.last_focus = focus;
            if let Some(node) = focus {
                self.reveal(doc, node);
            }
        }
        if self.rows_dirty {
            self.rebuild(doc);
        }

        let mut area = egui::ScrollArea::vertical()
            .id_salt("outline")
            .auto_shrink(false);
        if let Some(row) = self.scroll_to_row.take() {
            let target = (row as f32 * ROW_HEIGHT - self.view_height / 3.0).max(0.0);
            area = area.vertical_scroll_offset(target);
        }
        let focus_section = focus;
        // Rows touch: the stride of `show_rows` is then exactly ROW_HEIGHT, which the reveal
        // arithmetic relies on.
        ui.spacing_mut().item_spacing.y = 0.0;
        let out = area.show_rows(ui, ROW_HEIGHT, self.rows.len(), |ui, range| {
            // The rows are the items of one tree, for a screen reader.
            ui.ctx().accesskit_node_builder(ui.unique_id(), |n| {
                n.set_role(Role::Tree);
                n.set_label(s::OUTLINE_TITLE);
            });
            let mut toggled = None;
            for r in range {
                let row = self.rows[r].clone();
                let current = Some(row.node) == focus_section;
                if let Some(t) = self.row_ui(ui, state, &palette, &row, current, actions) {
                    toggled = Some(t);
                }
            }
            toggled
        });
        self.scroll_offset = out.state.clamped_offset().y;
        self.view_height = out.inner_rect.height();
        if let Some(node) = out.inner {
            self.toggle(node);
        }
    }

    /// One row; returns the node whose expander was clicked.
    fn row_ui(
        &self,
        ui: &mut Ui,
        state: &AppState,
        palette: &Palette,
        row: &Row,
        current: bool,
        actions: &mut Requests,
    ) -> Option<Node> {
        let doc = state.shown();
        let (rect, _) =
            ui.allocate_exact_size(vec2(ui.available_width(), ROW_HEIGHT), Sense::hover());
        let mut toggled = None;
        let x0 = rect.min.x + row.depth as f32 * INDENT;
        let expander =
            Rect::from_min_size(pos2(x0, rect.min.y + 3.0), vec2(18.0, ROW_HEIGHT - 6.0));
        if row.has_children {
            let collapsed = self.collapsed.contains(&row.node);
            let resp = ui.interact(
                expander,
                Id::unique(("outline-expander", row.node)),
                Sense::click(),
            );
            let name = s::labelled(
                if collapsed {
                    &s::EXPAND_NODE
                } else {
                    &s::COLLAPSE_NODE
                },
                &row.label,
            );
            resp.widget_info(|| egui::WidgetInfo::labeled(Role::Button, true, &name));
            let color = if resp.hovered() {
                palette.ink
            } else {
                palette.muted
            };
            paint_triangle(ui, expander.center(), collapsed, color);
            if resp.clicked() {
                toggled = Some(row.node);
            }
        }
        let label_rect = Rect::from_min_max(pos2(expander.max.x + 2.0, rect.min.y), rect.max);
        let resp = ui.interact(
            label_rect,
            Id::unique(("outline-row", row.node)),
            Sense::click(),
        );
        resp.widget_info(|| egui::WidgetInfo::selected(Role::TreeItem, true, current, &row.label));
        // A tree item says its depth and, when it has children, whether they are shown.
        ui.ctx().accesskit_node_builder(resp.id, |n| {
            // Selected, not pressed: egui reports `selected` as a toggle state.
            n.clear_toggled();
            n.set_selected(current);
            n.set_level(row.depth + 1);
            if row.has_children {
                n.set_expanded(!self.collapsed.contains(&row.node));
            }
        });
        if current {
            ui.painter().rect_filled(
                label_rect.shrink2(vec2(0.0, 1.0)),
                4.0,
                palette.accent.gamma_multiply(0.14),
            );
        } else if resp.hovered() {
            ui.painter().rect_filled(
                label_rect.shrink2(vec2(0.0, 1.0)),
                4.0,
                palette.muted.gamma_multiply(0.12),
            );
        }

        // Note count, right-aligned.
        let count = note_count(state, row.node);
        let mut text_right = label_rect.max.x - 6.0;
        if count > 0 {
            let badge = format!("{count}");
            let galley =
                ui.painter()
                    .layout_no_wrap(badge, FontId::proportional(11.0), Color32::WHITE);
            let w = galley.size().x + 10.0;
            let badge_rect = Rect::from_center_size(
                pos2(label_rect.max.x - 6.0 - w / 2.0, label_rect.center().y),
                vec2(w, 16.0),
            );
            ui.painter()
                .rect_filled(badge_rect, 8.0, palette.accent.gamma_multiply(0.85));
            ui.painter().galley(
                badge_rect.center() - galley.size() / 2.0,
                galley,
                Color32::WHITE,
            );
            text_right = badge_rect.min.x - 4.0;
        }
        // While the find bar has hits: how many fall in this node, in the hits' colour (and
        // said to a screen reader).
        let hits = hit_count(state, row.node);
        if hits > 0 {
            ui.ctx().accesskit_node_builder(resp.id, |n| {
                n.set_description(s::hits_in_section(hits));
            });
            let galley = ui.painter().layout_no_wrap(
                format!("{hits}"),
                FontId::proportional(11.0),
                palette.ink,
            );
            let w = galley.size().x + 10.0;
            let badge_rect = Rect::from_center_size(
                pos2(text_right - w / 2.0, label_rect.center().y),
                vec2(w, 16.0),
            );
            ui.painter()
                .rect_filled(badge_rect, 8.0, palette.search_current);
            ui.painter().galley(
                badge_rect.center() - galley.size() / 2.0,
                galley,
                palette.ink,
            );
            text_right = badge_rect.min.x - 4.0;
        }
        // A heading of a PDF says its printed page, as a book's table of contents does.
        if let Node::Section(sec) = row.node
            && let Some(page) = doc.page_at(doc.blocks[doc.sections[sec].heading].range.start)
        {
            let galley = ui.painter().layout_no_wrap(
                format!("{page}"),
                FontId::proportional(11.0),
                palette.muted,
            );
            let at = pos2(
                text_right - galley.size().x,
                label_rect.center().y - galley.size().y / 2.0,
            );
            text_right = at.x - 6.0;
            ui.painter().galley(at, galley, palette.muted);
        }
        let [root_font, section_font, paragraph_font] = row_fonts();
        let (font, color) = match row.node {
            Node::Root => (root_font, palette.heading),
            Node::Section(_) => (
                // A bare numeral (`一`) in the serif, as in the reader: in a sans it is a dash.
                if super::reader::is_numeral_heading(&row.label.chars().collect::<Vec<_>>()) {
                    FontId::new(section_font.size, super::fonts::body_family())
                } else {
                    section_font
                },
                if current { palette.accent } else { palette.ink },
            ),
            Node::Paragraph(_) => (paragraph_font, palette.muted),
        };
        let max_w = (text_right - label_rect.min.x - 4.0).max(10.0);
        // Spaced as the reader sets it: `第 1 章` as in the heading, not `第1章`.
        let job = egui::text::LayoutJob {
            wrap: egui::text::TextWrapping::truncate_at_width(max_w),
            ..super::typeset::spaced_job(&row.label, font, color, state.settings.spacing())
        };
        let galley = ui.painter().layout_job(job);
        let truncated = galley.elided;
        ui.painter().galley(
            pos2(
                label_rect.min.x + 4.0,
                label_rect.center().y - galley.size().y / 2.0,
            ),
            galley,
            color,
        );
        let resp = if truncated {
            resp.on_hover_text(&row.label)
        } else {
            resp
        };

        if resp.clicked() {
            actions.push(Action::JumpTo(match row.node {
                Node::Root => None,
                Node::Section(sec) => Some(doc.sections[sec].heading),
                Node::Paragraph(b) => Some(b),
            }));
        }
        resp.context_menu(|ui| match row.node {
            Node::Section(sec) => {
                if ui.button(s::NOTE_SECTION).clicked() {
                    let h = &doc.blocks[doc.sections[sec].heading];
                    actions.push(Action::StartNote(NoteTarget {
                        kind: NoteKind::Section,
                        range: h.range.clone(),
                    }));
                    ui.close();
                }
            }
            Node::Paragraph(b) => {
                if ui.button(s::NOTE_PARAGRAPH).clicked() {
                    actions.push(Action::StartNote(NoteTarget {
                        kind: NoteKind::Paragraph,
                        range: doc.blocks[b].range.clone(),
                    }));
                    ui.close();
                }
            }
            Node::Root => {
                if ui.button(s::EXPAND_ALL).clicked() {
                    ui.close();
                }
            }
        });
        toggled
    }

    /// Labels of the rows currently shown (for tests).
    pub fn visible_labels(&self) -> Vec<&str> {
        self.rows.iter().map(|r| r.label.as_str()).collect()
    }
}

/// A small triangle pointing right (collapsed) or down (expanded).
fn paint_triangle(ui: &Ui, c: egui::Pos2, collapsed: bool, color: Color32) {
    let r = 4.0;
    let points = if collapsed {
        vec![
            pos2(c.x - r * 0.6, c.y - r),
            pos2(c.x + r * 0.9, c.y),
            pos2(c.x - r * 0.6, c.y + r),
        ]
    } else {
        vec![
            pos2(c.x - r, c.y - r * 0.6),
            pos2(c.x + r, c.y - r * 0.6),
            pos2(c.x, c.y + r * 0.9),
        ]
    };
    ui.painter().add(egui::Shape::convex_polygon(
        points,
        color,
        egui::Stroke::NONE,
    ));
}

fn paragraph_row(doc: &Document, b: usize, depth: usize) -> Row {
    let text = display_text(&doc.blocks[b].text);
    // A paragraph opening with a run-in heading is labelled by what follows the heading,
    // which the row above already shows.
    let lead = match b.checked_sub(1).map(|p| &doc.blocks[p]) {
        Some(h) if h.is_run_in() => h.text.chars().count(),
        _ => 0,
    };
    let rest: String = text
        .chars()
        .skip(lead)
        .skip_while(|c| "。．.：:".contains(*c))
        .collect();
    let label = if rest.trim().is_empty() { text } else { rest };
    Row {
        node: Node::Paragraph(b),
        depth,
        has_children: false,
        label: first_sentence(&label, 18),
    }
}

/// The first sentence of a paragraph as a label: the whole sentence with its end mark when it
/// fits in `max` chars; else its first `max` chars, without trailing commas, with `…` and the
/// closing marks of any quote or bracket left open, so that a label never reads `“这正好`.
pub fn first_sentence(text: &str, max: usize) -> String {
    const ENDS: &str = "。！？!?；…";
    const CLOSERS: &str = "”’」』）)》〉】";
    let chars: Vec<char> = text.trim().chars().collect();
    let mut open: Vec<char> = Vec::new();
    let mut end = chars.len();
    for (i, &c) in chars.iter().enumerate() {
        if let Some(close) = closing_mark(c) {
            open.push(close);
        } else if open.last() == Some(&c) {
            open.pop();
        } else if ENDS.contains(c) && open.is_empty() {
            end = i + 1;
            // A run of end marks (`？！`, `……`) and closing marks belongs to the sentence.
            while end < chars.len() && (ENDS.contains(chars[end]) || CLOSERS.contains(chars[end])) {
                end += 1;
            }
            break;
        }
    }
    if end <= max {
        return chars[..end].iter().collect();
    }
    let mut cut: Vec<char> = chars[..max].to_vec();
    while cut.last().is_some_and(|c| "，、,：:；;—".contains(*c)) {
        cut.pop();
    }
    let mut label: String = cut.iter().collect();
    label.push('…');
    let mut unclosed: Vec<char> = Vec::new();
    for &c in &cut {
        if let Some(close) = closing_mark(c) {
            unclosed.push(close);
        } else if unclosed.last() == Some(&c) {
            unclosed.pop();
        }
    }
    label.extend(unclosed.into_iter().rev());
    label
}

/// `text` in at most `max` chars, with `…` when it was cut.
pub fn shortened(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut s: String = text.chars().take(max.saturating_sub(1)).collect();
    s.push('…');
    s
}

/// The closing mark of an opening quote or bracket.
fn closing_mark(c: char) -> Option<char> {
    Some(match c {
        '“' => '”',
        '‘' => '’',
        '「' => '」',
        '『' => '』',
        '（' => '）',
        '(' => ')',
        '《' => '》',
        '〈' => '〉',
        '【' => '】',
        _ => return None,
    })
}

/// Search hits inside `node` (0 when the find bar is closed or finds nothing).
fn hit_count(state: &AppState, node: Node) -> usize {
    let Some(search) = state.view.search.as_ref().filter(|s| !s.hits.is_empty()) else {
        return 0;
    };
    let doc = state.shown();
    let range = match node {
        Node::Root => return search.hits.len(),
        Node::Section(sec) => {
            let blocks = &doc.sections[sec].blocks;
            let (Some(first), Some(last)) = (
                doc.blocks.get(blocks.start),
                doc.blocks.get(blocks.end.saturating_sub(1)),
            ) else {
                return 0;
            };
            first.range.start..last.range.end
        }
        Node::Paragraph(b) => match doc.blocks.get(b) {
            Some(block) => block.range.clone(),
            None => return 0,
        },
    };
    search.hits_in(&range).len()
}

fn note_count(state: &AppState, node: Node) -> u32 {
    let doc = state.shown();
    let index = state.note_index();
    match node {
        Node::Root => index.total_anchored(),
        Node::Section(sec) => index.count_in(doc.sections[sec].blocks.clone()),
        Node::Paragraph(b) => index.count_in(b..b + 1),
    }
}

/// The fonts of the outline's rows: the document's, a section's and a paragraph's.
pub fn row_fonts() -> [FontId; 3] {
    [
        FontId::new(14.0, super::fonts::heading_family()),
        FontId::proportional(14.0),
        FontId::proportional(13.0),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_sentences_are_shortened() {
        // A whole sentence keeps its end mark.
        assert_eq!(first_sentence("短句。后文", 18), "短句。");
        // A question inside quotes does not end the sentence; the sentence is too long, so
        // it is cut, and the quote opened before the cut is closed after the ellipsis.
        assert_eq!(
            first_sentence("“你回来了？”她先这样问。", 18),
            "“你回来了？”她先这样问。"
        );
        assert_eq!(
            first_sentence("“这正好说明了我们的判断是对的，”他说。", 6),
            "“这正好说明…”"
        );
        // Cut: no comma before the ellipsis.
        assert_eq!(
            first_sentence(
                "二〇一八年七月三日，习近平总书记在全国组织工作会议上创造性地提出了新时代党的组织路线。",
                10
            ),
            "二〇一八年七月三日…"
        );
        assert_eq!(first_sentence("什么？！后文", 18), "什么？！");
        assert_eq!(first_sentence("没有句号的短标签", 18), "没有句号的短标签");
    }

    #[test]
    fn shortened_text_says_it_was_cut() {
        assert_eq!(shortened("以政治建设为统领", 18), "以政治建设为统领");
        assert_eq!(shortened("一二三四五六七八九十", 5), "一二三四…");
    }

    #[test]
    fn collapse_hides_children_and_reveal_expands_ancestors() {
        let doc = crate::document::parse(
            "文章\n\n一、甲\n（一）子一\n子一的正文，写了不少内容。\n二、乙\n乙的正文，写了不少内容。\n",
        );
        let mut o = OutlineView::new(&doc, "x");
        o.rebuild(&doc);
        assert!(o.visible_labels().contains(&"（一）子一"));
        o.toggle(Node::Section(0));
        o.rebuild(&doc);
        assert!(!o.visible_labels().contains(&"（一）子一"));
        o.reveal(&doc, Node::Section(1));
        assert!(o.visible_labels().contains(&"（一）子一"));
        o.collapse_all(&doc);
        o.rebuild(&doc);
        assert_eq!(o.visible_labels(), vec!["文章", "一、甲", "二、乙"]);
        o.expand_all();
        o.rebuild(&doc);
        assert_eq!(o.visible_labels().len(), 6);
    }
}

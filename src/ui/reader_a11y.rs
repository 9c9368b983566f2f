//! The article as a screen reader reads it. The reader paints its text itself, so without
//! this AccessKit would see one empty "正文" document. Under that document node each block
//! becomes a node in reading order: the title lines, every heading (role heading with its
//! level: the title is level 1, the document's top headings level 2), every paragraph as
//! text in its displayed form (full-width punctuation), with how many notes it carries.
//!
//! A million characters as nodes every frame would slow the window for everyone, so the
//! blocks around the reading position are exposed — the visible ones and [`AROUND`] on each
//! side — and the window moves with the reading position.

use std::ops::RangeInclusive;

use egui::accesskit::Role;
use egui::{Id, Rect, Sense, Ui, UiBuilder};

use super::strings as s;
use crate::app::AppState;
use crate::document::typography::display_text;

/// Blocks exposed before and after the visible ones.
pub const AROUND: usize = 60;

/// One node of the article for assistive technology.
#[derive(Clone, Debug, PartialEq)]
pub struct ArticleNode {
    /// Heading or paragraph.
    pub role: Role,
    /// Heading level (1 = the title).
    pub level: Option<usize>,
    /// The text, as displayed.
    pub text: String,
    /// Notes on it ("有 2 条笔记"), if any.
    pub description: Option<String>,
    /// The block, if the node is one (the title lines are not).
    pub block: Option<usize>,
}

/// The nodes for the title lines (text, whether it is the title itself) and `blocks`
/// (clamped to the document), in reading order.
pub fn article_nodes(
    state: &AppState,
    title_lines: &[(String, bool)],
    blocks: RangeInclusive<usize>,
) -> Vec<ArticleNode> {
    let doc = state.shown();
    let mut nodes = Vec::new();
    if *blocks.start() == 0 {
        for (line, is_title) in title_lines {
            nodes.push(ArticleNode {
                role: if *is_title {
                    Role::Heading
                } else {
                    Role::Paragraph
                },
                level: is_title.then_some(1),
                text: display_text(line),
                description: None,
                block: None,
            });
        }
    }
    let end = (*blocks.end()).min(doc.blocks.len().saturating_sub(1));
    for b in *blocks.start()..=end {
        let Some(block) = doc.blocks.get(b) else {
            break;
        };
        let index = state.note_index();
        let notes = index.markers(b).len() + index.highlights(b).len();
        nodes.push(ArticleNode {
            role: if block.is_heading() {
                Role::Heading
            } else {
                Role::Paragraph
            },
            level: block.heading_level().map(|l| usize::from(l) + 1),
            text: display_text(&block.text),
            description: (notes > 0).then(|| s::notes_on_block(notes)),
            block: Some(b),
        });
    }
    nodes
}

/// Adds `nodes` under the article's node `article`, at `rect` (the text area), each one
/// focusable so that keyboard focus and a screen reader's focus can enter the article;
/// returns the node ids of the blocks, for the reader to follow the focus.
pub fn expose(ui: &mut Ui, article: Id, rect: Rect, nodes: &[ArticleNode]) -> Vec<(Id, usize)> {
    let mut ids = Vec::new();
    for (k, node) in nodes.iter().enumerate() {
        // Stable per block, so the focus stays on a paragraph as the exposed window moves.
        let salt = match node.block {
            Some(b) => ("article-block", b),
            None => ("article-title", k),
        };
        let child = ui.new_child(
            UiBuilder::new()
                .id_salt(salt)
                .sense(Sense::focusable_noninteractive())
                .max_rect(rect)
                .accessibility_parent(article)
                .accessibility_role(node.role)
                .accessibility_label(node.text.clone()),
        );
        ui.ctx().accesskit_node_builder(child.unique_id(), |n| {
            if let Some(level) = node.level {
                n.set_level(level);
            }
            if let Some(d) = &node.description {
                n.set_description(d.clone());
            }
        });
        if let Some(b) = node.block {
            ids.push((child.unique_id(), b));
        }
    }
    ids
}

//! The reader: the article typeset in a centred column, scrolled as a virtual list.
//!
//! Only what is on screen is laid out. Every block has a height — estimated from its length
//! until it has been on screen, then measured — and prefix sums of those heights place it. The
//! reading position is kept as *(item, offset into it)*, not as a pixel offset, so that
//! measuring a block above the top never makes the page jump, and a jump to any paragraph of a
//! million-character document lands exactly. Selection is our own: a drag across any number of
//! paragraphs gives a char range in the body text.

use std::collections::HashMap;
use std::ops::Range;

use egui::{Color32, CursorIcon, FontId, Id, Pos2, Rect, Role, Sense, Stroke, Ui, pos2, vec2};

use super::request::Requests;
use crate::app::{Action, AppState, NoteTarget};
use crate::document::lines::is_cjk;
use crate::document::typography::display_text;
use crate::document::{BlockKind, Document};
use crate::notes::NoteKind;

use super::fonts::{body_family, heading_family};
use super::strings as s;
use super::theme::Palette;
use super::typeset::{self, Align, Style, Typeset};
use super::typeset_vertical::Columns;
use super::virtual_list::VirtualList;

mod vertical;

/// Measure of the column in ems (about 36 characters per line).
pub const MEASURE_EM: f32 = 36.0;
/// Line height as a multiple of the font size.
pub const LINE_HEIGHT: f32 = 1.75;
/// How long a revealed note's target flashes.
const FLASH_SECONDS: f64 = 1.2;
/// Space kept left and right of the column for note markers and buttons.
const SIDE_MARGIN: f32 = 56.0;

/// What an item of the virtual list shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ItemKind {
    /// Title, column, date, author, breadcrumb.
    Title,
    /// A heading or paragraph block (run-in headings are drawn with their paragraph).
    Block(usize),
}

#[derive(Clone, Debug)]
struct Item {
    kind: ItemKind,
    /// Display text as chars (full-width punctuation in Chinese context).
    chars: Vec<char>,
    /// Estimated width in ems, for heights of blocks not yet measured.
    ems: f32,
    /// Chars of a run-in heading at the start of a paragraph.
    lead_chars: usize,
    /// Heading level for heading items.
    level: Option<u8>,
}

/// Sizes that change every height: column width and font size.
#[derive(Clone, Copy, Debug, PartialEq)]
struct LayoutKey {
    /// The measure: the column's width, or in vertical text its height.
    width: f32,
    font_size: f32,
    spacing: crate::document::spacing::Spacing,
    /// Vertical columns (竖排): the list then runs right to left, an item's "height" is its
    /// width.
    vertical: bool,
}

/// What the reader reports each frame.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Report {
    block: Option<usize>,
    fraction: f32,
    focus: Option<usize>,
}

/// The reader's own state: item list, height cache, scroll anchor, drag selection.
pub struct ReaderView {
    items: Vec<Item>,
    /// Item showing each block (a run-in heading maps to its paragraph).
    item_of_block: Vec<usize>,
    key: Option<LayoutKey>,
    /// Heights, prefix sums and the scroll anchor.
    list: VirtualList,
    /// The title block's lines, set once per layout (balanced breaking tries many measures).
    title_sets: Vec<Typeset>,
    typeset: HashMap<usize, Typeset>,
    /// In vertical text: the title block's columns, and each block's.
    title_columns: Vec<Columns>,
    columns: HashMap<usize, Columns>,
    last_jump: u64,
    /// The char under the pointer where the primary button last went down.
    press_anchor: Option<usize>,
    /// Where the drag being made started (its fixed end).
    drag_anchor: Option<usize>,
    /// The fixed end of the selection made last: Shift+click extends from it.
    selection_anchor: Option<usize>,
    /// The items on screen last frame with their rects (for hit tests between frames).
    item_rects: Vec<(usize, Rect)>,
    live_selection: Option<Range<usize>>,
    hovered_item: Option<usize>,
    /// The block that was under the pointer when the context menu opened: the open menu
    /// takes the hover away, so its entries must not depend on the hover.
    menu_block: Option<usize>,
    last_report: Option<Report>,
    title_meta: Vec<(String, MetaStyle)>,
    /// Screen rects of the blocks drawn last frame (text area, without gaps).
    drawn: Vec<(usize, Rect)>,
    /// The article's block nodes exposed to assistive technology last frame, by node id.
    a11y_nodes: Vec<(Id, usize)>,
    /// The focused node the reader last scrolled to.
    a11y_focus: Option<Id>,
    /// The flash being shown: its sequence number and start time (egui time).
    flash: (u64, f64),
    /// The text shown is in Traditional characters: vertical text centres its stops.
    traditional: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum MetaStyle {
    Column,
    Title,
    Line,
    Small,
}

impl ReaderView {
    /// Builds the reader for `doc`; `fallback_title` is shown when the text has no title.
    pub fn new(doc: &Document, fallback_title: &str) -> Self {
        let mut items = vec![Item {
            kind: ItemKind::Title,
            chars: Vec::new(),
            ems: 0.0,
            lead_chars: 0,
            level: None,
        }];
        let mut item_of_block = vec![0; doc.blocks.len()];
        let mut pending_lead: Option<(usize, usize)> = None;
        for (b, block) in doc.blocks.iter().enumerate() {
            if block.is_run_in() {
                pending_lead = Some((b, block.text.chars().count()));
                continue;
            }
            let shown = display_text(&block.text);
            // Sized exactly: collecting `chars()` starts from a quarter of the bytes and
            // doubles, which held half as much again (7 MB on a 10 MB text) for text kept as
            // long as the document is open.
            let mut chars = Vec::with_capacity(shown.chars().count());
            chars.extend(shown.chars());
            let ems = chars
                .iter()
                .map(|&c| if is_cjk(c) { 1.0 } else { 0.55 })
                .sum();
            let lead_chars = match pending_lead.take() {
                Some((lead_block, n)) => {
                    item_of_block[lead_block] = items.len();
                    n
                }
                None => 0,
            };
            item_of_block[b] = items.len();
            items.push(Item {
                kind: ItemKind::Block(b),
                chars,
                ems,
                lead_chars,
                level: block.heading_level(),
            });
        }
        let n = items.len();
        ReaderView {
            items,
            item_of_block,
            key: None,
            list: {
                let mut list = VirtualList::new(n);
                list.set_viewport_height(600.0);
                list
            },
            typeset: HashMap::new(),
            title_sets: Vec::new(),
            title_columns: Vec::new(),
            columns: HashMap::new(),
            last_jump: 0,
            press_anchor: None,
            drag_anchor: None,
            selection_anchor: None,
            item_rects: Vec::new(),
            live_selection: None,
            hovered_item: None,
            menu_block: None,
            last_report: None,
            title_meta: title_lines(doc, fallback_title),
            drawn: Vec::new(),
            a11y_nodes: Vec::new(),
            a11y_focus: None,
            flash: (0, 0.0),
            traditional: crate::document::script::looks_traditional(doc.body_text()),
        }
    }

    /// When keyboard or screen-reader focus moves to a paragraph that is not on screen, the
    /// reading position follows it.
    fn follow_focus(&mut self, ui: &Ui, first: usize, last: usize) {
        let focused = ui.memory(|m| m.focused());
        if focused == self.a11y_focus {
            return;
        }
        self.a11y_focus = focused;
        let block = self
            .a11y_nodes
            .iter()
            .find(|(id, _)| Some(*id) == focused)
            .map(|&(_, b)| b);
        if let Some(b) = block {
            let item = self.item_of_block[b];
            if item < first || item > last {
                self.list.set_top(item, 0.0);
                ui.ctx().request_repaint();
            }
        }
    }

    fn block_of(&self, item: usize) -> Option<usize> {
        match self.items[item].kind {
            ItemKind::Block(b) => Some(b),
            ItemKind::Title => None,
        }
    }

    fn is_vertical(&self) -> bool {
        self.key.is_some_and(|k| k.vertical)
    }

    fn body_size(&self) -> f32 {
        self.key.map_or(18.0, |k| k.font_size)
    }

    fn spacing(&self) -> crate::document::spacing::Spacing {
        self.key.map(|k| k.spacing).unwrap_or_default()
    }

    /// Font, spacing and measure of item `i`.
    fn style_of(&self, i: usize) -> Style {
        let size = self.body_size();
        let width = self.key.map_or(600.0, |k| k.width);
        let item = &self.items[i];
        match item.level {
            Some(level) => {
                let fs = heading_size(size, level);
                // A heading that is only a section numeral (`一`, `2`) is set as printed books
                // set it: centred, in the text's serif — a bold sans `一` alone reads as a dash.
                let numeral = is_numeral_heading(&item.chars);
                Style {
                    font: FontId::new(
                        fs,
                        if numeral {
                            body_family()
                        } else {
                            heading_family()
                        },
                    ),
                    lead_font: None,
                    lead_chars: 0,
                    line_height: (fs * 1.5).round(),
                    width,
                    indent: 0.0,
                    align: if numeral { Align::Center } else { Align::Left },
                    spacing: self.spacing(),
                }
            }
            None => Style {
                font: FontId::new(size, body_family()),
                lead_font: (item.lead_chars > 0).then(|| FontId::new(size, heading_family())),
                lead_chars: item.lead_chars,
                line_height: (size * LINE_HEIGHT).round(),
                width,
                indent: 2.0 * size,
                align: Align::Justify,
                spacing: self.spacing(),
            },
        }
    }

    /// Space above and below item `i`'s text.
    fn gaps(&self, i: usize) -> (f32, f32) {
        let size = self.body_size();
        match self.items[i].level {
            Some(1) => (1.6 * size, 0.6 * size),
            Some(_) => (1.1 * size, 0.4 * size),
            None if self.items[i].kind == ItemKind::Title => (2.0 * size, 1.6 * size),
            None => (0.0, 0.55 * size),
        }
    }

    fn estimate_height(&self, i: usize) -> f32 {
        let style = self.style_of(i);
        let (above, below) = self.gaps(i);
        if self.items[i].kind == ItemKind::Title {
            return above + below + 6.0 * style.line_height;
        }
        let per_line = (style.width / style.font.size).max(1.0);
        let ems = self.items[i].ems + style.indent / style.font.size;
        let lines = (ems / per_line).ceil().max(1.0);
        above + below + lines * style.line_height
    }

    fn reset_layout(&mut self, key: LayoutKey) {
        self.key = Some(key);
        self.typeset.clear();
        self.title_sets.clear();
        self.columns.clear();
        self.title_columns.clear();
        let estimates: Vec<f32> = (0..self.items.len())
            .map(|i| self.estimate_height(i))
            .collect();
        // The list keeps the reading position as a fraction of the top item.
        self.list.reset(|i| estimates[i]);
    }

    fn update_prefix(&mut self) {
        self.list.update();
    }

    /// Item at content offset `y`.
    fn item_at(&self, y: f32) -> usize {
        self.list.item_at(y)
    }

    fn offset(&self) -> f32 {
        self.list.offset()
    }

    fn set_offset(&mut self, y: f32) {
        self.list.set_offset(y);
    }

    /// Typesets item `i` (cached) and records its real height.
    fn measure(&mut self, ui: &Ui, i: usize) {
        if self.list.is_measured(i) {
            return;
        }
        let height = if self.is_vertical() {
            self.measure_columns(ui, i)
        } else if self.items[i].kind == ItemKind::Title {
            let (above, below) = self.gaps(i);
            self.title_sets = self.set_title(ui);
            above
                + below
                + self
                    .title_sets
                    .iter()
                    .zip(&self.title_meta)
                    .map(|(ts, (_, style))| ts.height() + self.title_gap(*style))
                    .sum::<f32>()
        } else {
            let style = self.style_of(i);
            let chars = &self.items[i].chars;
            // A heading's lines are balanced, as the title's are: no last line of two
            // characters under a full one.
            let heading = self.items[i].level.is_some();
            let ts = ui.ctx().fonts_mut(|f| {
                if heading {
                    typeset::typeset_balanced(f, chars, &style)
                } else {
                    typeset::typeset(f, chars, &style)
                }
            });
            let (above, below) = self.gaps(i);
            let h = above + below + ts.height();
            self.typeset.insert(i, ts);
            h
        };
        self.list.set_measured(i, height);
    }

    /// Sets the title block's lines in balanced lengths.
    fn set_title(&self, ui: &Ui) -> Vec<Typeset> {
        self.title_meta
            .iter()
            .map(|(text, style)| {
                let st = self.title_style(*style);
                let chars: Vec<char> = text.chars().collect();
                ui.ctx()
                    .fonts_mut(|f| typeset::typeset_balanced(f, &chars, &st))
            })
            .collect()
    }

    fn title_style(&self, style: MetaStyle) -> Style {
        let size = self.body_size();
        let width = self.key.map_or(600.0, |k| k.width);
        let (font, lh) = match style {
            MetaStyle::Column => (FontId::new((size * 0.8).round(), heading_family()), 1.6),
            MetaStyle::Title => (FontId::new((size * 1.6).round(), heading_family()), 1.45),
            MetaStyle::Line => (FontId::new((size * 0.85).round(), body_family()), 1.6),
            MetaStyle::Small => (FontId::proportional((size * 0.75).round()), 1.6),
        };
        Style {
            line_height: (font.size * lh).round(),
            font,
            lead_font: None,
            lead_chars: 0,
            width,
            indent: 0.0,
            align: Align::Center,
            spacing: self.spacing(),
        }
    }

    fn title_gap(&self, style: MetaStyle) -> f32 {
        match style {
            MetaStyle::Title => 0.6 * self.body_size(),
            _ => 0.15 * self.body_size(),
        }
    }

    /// Shows the reader in `ui` and pushes what the reader did to `actions`.
    pub fn ui(&mut self, ui: &mut Ui, state: &AppState, actions: &mut Requests) {
        let palette = Palette::of(state.settings.theme);
        let avail = ui.available_rect_before_wrap();
        ui.painter().rect_filled(avail, 0.0, palette.paper);

        let font_size = state.settings.font_size_pt;
        // The margins hold note markers and buttons; in a narrow window they give up their
        // spare room before the column does.
        let margin = ((avail.width() - super::layout::MIN_COLUMN_EM * font_size) / 2.0)
            .clamp(super::layout::COLUMN_MARGINS / 2.0, SIDE_MARGIN);
        let width = (avail.width() - 2.0 * margin)
            .min(MEASURE_EM * font_size)
            .max(8.0 * font_size)
            .round();
        if state.view.vertical {
            self.ui_vertical(ui, state, &palette, avail, actions);
            return;
        }
        let key = LayoutKey {
            width,
            font_size,
            spacing: state.settings.spacing(),
            vertical: false,
        };
        if self.key != Some(key) {
            self.reset_layout(key);
        }
        self.list.set_viewport_height(avail.height());
        self.update_prefix();
        self.follow_jump(ui, state);
        self.keyboard_scroll(ui);
        self.measure_visible(ui);
        // Never hand the scroll area an offset past its end: it would spring back over
        // several frames.
        self.set_offset(self.offset());
        let offset = self.offset();
        let total = self.list.total() + self.list.viewport_height() * 0.5;

        let col_left_rel = ((avail.width() - width) / 2.0).round();
        // The reader sets the offset itself, from the block at the top. A rubber band would
        // take an offset past last frame's end — after a resize or a size change made the
        // text longer — for an overscroll, and spring it back: the reader would lose its place.
        ui.spacing_mut().scroll.kinetic.rubber_band = false;
        let output = egui::ScrollArea::vertical()
            .id_salt("reader")
            .auto_shrink(false)
            .scroll_source(egui::scroll_area::ScrollSource {
                drag: egui::scroll_area::DragScroll::Never,
                ..Default::default()
            })
            .content_margin(0.0)
            .vertical_scroll_offset(offset)
            .show_viewport(ui, |ui, viewport| {
                ui.set_min_size(vec2(avail.width(), total));
                let content_top = ui.max_rect().min.y;
                let col_left = ui.max_rect().min.x + col_left_rel;
                self.draw(
                    ui,
                    state,
                    &palette,
                    viewport,
                    content_top,
                    col_left,
                    actions,
                );
            });
        let new_offset = output.state.clamped_offset().y;

        if (new_offset - offset).abs() > 0.5 {
            self.set_offset(new_offset);
            ui.ctx().request_repaint();
        }
        self.report_position(actions);
    }

    /// Scrolls to the place the app asked for (an outline click, a note revealed, a
    /// reopened document), once per request.
    fn follow_jump(&mut self, ui: &Ui, state: &AppState) {
        if let Some(jump) = &state.view.pending_jump
            && jump.seq != self.last_jump
        {
            self.last_jump = jump.seq;
            let item = jump
                .block
                .map_or(0, |b| self.item_of_block.get(b).copied().unwrap_or(0));
            self.measure(ui, item);
            self.update_prefix();
            self.list.set_top(item, jump.fraction);
        }
    }

    /// Measures what will be visible (and a little around it) before placing anything, so
    /// that the offset handed to the scroll area is already right.
    fn measure_visible(&mut self, ui: &Ui) {
        for _ in 0..3 {
            let offset = self.offset();
            let viewport = self.list.viewport_height();
            let lo = self.item_at((offset - viewport * 0.5).max(0.0));
            let hi = self.item_at(offset + viewport * 1.5);
            for i in lo..=hi.min(self.items.len() - 1) {
                self.measure(ui, i);
            }
            if !self.list.needs_update() {
                break;
            }
            self.update_prefix();
        }
    }

    fn report_position(&mut self, actions: &mut Requests) {
        // Report the position: the block at the top, and the block a quarter down the window
        // (what the reader is looking at) for the outline.
        let top_item = self.list.top().0;
        let fraction = self.list.top_fraction();
        let focus_item = self.item_at(self.offset() + self.list.viewport_height() * 0.25);
        let report = Report {
            block: self.block_of(top_item),
            fraction: (fraction * 1000.0).round() / 1000.0,
            focus: self.block_of(focus_item),
        };
        if self.last_report != Some(report) {
            self.last_report = Some(report);
            actions.push(Action::Scrolled {
                block: report.block,
                fraction: report.fraction,
                focus: report.focus,
            });
        }
    }

    fn keyboard_scroll(&mut self, ui: &Ui) {
        if ui.ctx().egui_wants_keyboard_input() {
            return;
        }
        let line = self.body_size() * LINE_HEIGHT;
        let page = self.list.viewport_height() * 0.9;
        // ↓ goes on and ↑ back in both orientations; vertical text, read right to left,
        // also takes ← to go on and → to go back.
        let vertical = self.is_vertical();
        let delta = ui.input(|i| {
            let mut d = 0.0;
            if i.key_pressed(egui::Key::PageDown)
                || (i.key_pressed(egui::Key::Space) && !i.modifiers.shift)
            {
                d += page;
            }
            if i.key_pressed(egui::Key::PageUp)
                || (i.key_pressed(egui::Key::Space) && i.modifiers.shift)
            {
                d -= page;
            }
            if i.key_pressed(egui::Key::ArrowDown)
                || (vertical && i.key_pressed(egui::Key::ArrowLeft))
            {
                d += 2.0 * line;
            }
            if i.key_pressed(egui::Key::ArrowUp)
                || (vertical && i.key_pressed(egui::Key::ArrowRight))
            {
                d -= 2.0 * line;
            }
            d
        });
        let (home, end) = ui.input(|i| {
            (
                i.key_pressed(egui::Key::Home),
                i.key_pressed(egui::Key::End),
            )
        });
        self.update_prefix();
        if home {
            self.list.set_top(0, 0.0);
        } else if end {
            let last = self.items.len() - 1;
            self.list.set_top(last, 0.0);
        } else if delta != 0.0 {
            let y = self.offset() + delta;
            self.set_offset(y);
        }
    }

    #[expect(clippy::too_many_arguments)]
    fn draw(
        &mut self,
        ui: &mut Ui,
        state: &AppState,
        palette: &Palette,
        viewport: Rect,
        content_top: f32,
        col_left: f32,
        actions: &mut Requests,
    ) {
        let n = self.items.len();
        let first = self.item_at(viewport.min.y);
        let last = self.item_at(viewport.max.y).min(n - 1);
        let width = self.key.map_or(600.0, |k| k.width);
        let (selection, flash) = self.overlays(ui, state);
        let area = self.text_area(ui, state, first, last);
        let pointer = ui.input(|i| i.pointer.interact_pos());
        let mut hovered = None;
        let mut rects: Vec<(usize, Rect)> = Vec::new();
        for i in first..=last {
            self.measure(ui, i);
            let top = content_top + self.list.item_top(i);
            let rect = Rect::from_min_size(pos2(col_left, top), vec2(width, self.list.height(i)));
            rects.push((i, rect));
            let hover_rect = Rect::from_min_max(
                pos2(rect.min.x - 24.0, rect.min.y),
                pos2(rect.max.x + SIDE_MARGIN, rect.max.y),
            );
            if pointer.is_some_and(|p| hover_rect.contains(p))
                && ui.rect_contains_pointer(ui.clip_rect())
            {
                hovered = Some(i);
            }
            match self.items[i].kind {
                ItemKind::Title => self.draw_title(ui, palette, rect),
                ItemKind::Block(b) => {
                    self.draw_block(
                        ui,
                        state,
                        palette,
                        i,
                        b,
                        rect,
                        selection.clone(),
                        flash.clone(),
                        actions,
                    );
                }
            }
        }
        self.finish_items(ui, state, &area, rects, hovered, actions);
    }

    /// After the items on screen are drawn (`rects`, the whole extent of each): tells the app
    /// which block the pointer is over, puts the ＋ by that paragraph, the button by the
    /// selection, handles selecting, and keeps where each block's text was drawn.
    fn finish_items(
        &mut self,
        ui: &mut Ui,
        state: &AppState,
        area: &egui::Response,
        rects: Vec<(usize, Rect)>,
        hovered: Option<usize>,
        actions: &mut Requests,
    ) {
        let doc = state.shown();
        let vertical = self.is_vertical();
        if hovered != self.hovered_item {
            self.hovered_item = hovered;
            actions.push(Action::Hover(hovered.and_then(|i| self.block_of(i))));
        }
        // While text is selected its button is the one beside the text: the paragraph's ＋
        // would stand in the same margin.
        let selected = state
            .view
            .selection
            .as_ref()
            .is_some_and(|r| r.end > r.start);
        if let Some(i) = hovered.filter(|_| !selected)
            && let Some(b) = self.block_of(i)
            && doc.blocks[b].kind == BlockKind::Paragraph
            && let Some(&(_, rect)) = rects.iter().find(|(j, _)| *j == i)
        {
            let (above, _) = self.gaps(i);
            // Beside the paragraph's first line, or below its first column.
            let at = if vertical {
                let x = self.first_column_center(i, rect);
                pos2(x - 13.0, rect.max.y + 8.0)
            } else {
                pos2(rect.max.x + 10.0, rect.min.y + above)
            };
            let plus = Rect::from_min_size(at, vec2(26.0, 24.0));
            paragraph_note_button(ui, doc, b, plus, actions);
        }
        self.selection_button(ui, state, &rects, actions);
        self.handle_selection(ui, state, area, &rects, actions);
        self.item_rects.clone_from(&rects);
        self.drawn = rects
            .iter()
            .filter_map(|&(i, r)| {
                let b = self.block_of(i)?;
                let (above, below) = self.gaps(i);
                // The gaps before and after a block are above and below it, or right and
                // left of its columns.
                let text = if vertical {
                    Rect::from_min_max(
                        pos2(r.min.x + below, r.min.y),
                        pos2(r.max.x - above, r.max.y),
                    )
                } else {
                    Rect::from_min_max(
                        pos2(r.min.x, r.min.y + above),
                        pos2(r.max.x, r.max.y - below),
                    )
                };
                Some((b, text))
            })
            .collect();
    }

    /// The selection being made or made, and the range flashing, if any.
    fn overlays(
        &mut self,
        ui: &Ui,
        state: &AppState,
    ) -> (Option<Range<usize>>, Option<Range<usize>>) {
        let selection = self
            .live_selection
            .clone()
            .or_else(|| state.view.selection.clone());
        let now = ui.input(|i| i.time);
        if let Some(f) = &state.view.flash
            && f.seq != self.flash.0
        {
            self.flash = (f.seq, now);
        }
        let flash = state
            .view
            .flash
            .as_ref()
            .filter(|_| now - self.flash.1 < FLASH_SECONDS)
            .map(|f| f.range.clone());
        if flash.is_some() {
            ui.ctx().request_repaint();
        }
        (selection, flash)
    }

    /// The text area (selection by dragging, the context menu) and, for assistive
    /// technology, the blocks around items `first..=last`.
    fn text_area(
        &mut self,
        ui: &mut Ui,
        state: &AppState,
        first: usize,
        last: usize,
    ) -> egui::Response {
        // The text area is registered first so that buttons drawn over it win the hit test.
        let area = ui.interact(
            ui.clip_rect(),
            Id::unique("reader-text"),
            Sense::click_and_drag(),
        );
        area.widget_info(|| egui::WidgetInfo::labeled(Role::Document, true, s::ARTICLE_TEXT));
        if ui.ctx().accesskit_node_builder(area.id, |_| ()).is_some() {
            self.follow_focus(ui, first, last);
            let visible = |i: &usize| self.block_of(*i);
            let first_block = (first..=last).find_map(|i| visible(&i)).unwrap_or(0);
            let last_block = (first..=last)
                .rev()
                .find_map(|i| visible(&i))
                .unwrap_or(first_block);
            let around = super::reader_a11y::AROUND;
            let titles: Vec<(String, bool)> = self
                .title_meta
                .iter()
                .map(|(t, style)| (t.clone(), matches!(style, MetaStyle::Title)))
                .collect();
            let nodes = super::reader_a11y::article_nodes(
                state,
                &titles,
                first_block.saturating_sub(around)..=last_block + around,
            );
            self.a11y_nodes = super::reader_a11y::expose(ui, area.id, ui.clip_rect(), &nodes);
        }
        area
    }

    fn draw_title(&self, ui: &Ui, palette: &Palette, rect: Rect) {
        let (above, _) = self.gaps(0);
        let mut y = rect.min.y + above;
        let computed;
        let sets = if self.title_sets.len() == self.title_meta.len() {
            &self.title_sets
        } else {
            computed = self.set_title(ui);
            &computed
        };
        for ((text, style), ts) in self.title_meta.iter().zip(sets) {
            let st = self.title_style(*style);
            let chars: Vec<char> = text.chars().collect();
            let color = match style {
                MetaStyle::Column => palette.accent,
                MetaStyle::Title => palette.heading,
                _ => palette.muted,
            };
            for (j, line) in ts.lines.iter().enumerate() {
                let g = ui
                    .ctx()
                    .fonts_mut(|f| typeset::line_galley(f, &chars, line, &st, color, color));
                ui.painter().galley(
                    pos2(rect.min.x + line.x, y + j as f32 * ts.line_height),
                    g,
                    color,
                );
            }
            y += ts.height() + self.title_gap(*style);
        }
        // A short rule under the title block.
        let mid = rect.center().x;
        let rule_y = y + 0.4 * self.body_size();
        ui.painter().line_segment(
            [pos2(mid - 40.0, rule_y), pos2(mid + 40.0, rule_y)],
            Stroke::new(1.0, palette.muted.gamma_multiply(0.6)),
        );
    }

    #[expect(clippy::too_many_arguments)]
    fn draw_block(
        &self,
        ui: &mut Ui,
        state: &AppState,
        palette: &Palette,
        i: usize,
        b: usize,
        rect: Rect,
        selection: Option<Range<usize>>,
        flash: Option<Range<usize>>,
        actions: &mut Requests,
    ) {
        let doc = state.shown();
        let block = &doc.blocks[b];
        let Some(ts) = self.typeset.get(&i) else {
            return;
        };
        let style = self.style_of(i);
        let (above, _) = self.gaps(i);
        let item = &self.items[i];
        let text_top = rect.min.y + above;
        let color = if block.is_heading() {
            palette.heading
        } else {
            palette.ink
        };
        let backgrounds = backgrounds(state, palette, b, selection, flash);
        for (j, line) in ts.lines.iter().enumerate() {
            let y = text_top + j as f32 * ts.line_height;
            if y > ui.clip_rect().max.y || y + ts.line_height < ui.clip_rect().min.y {
                continue;
            }
            let galley = ui.ctx().fonts_mut(|f| {
                typeset::line_galley(f, &item.chars, line, &style, color, palette.heading)
            });
            let origin = pos2(rect.min.x + line.x, y);
            for (range, bg) in &backgrounds {
                let s = range.start.max(line.range.start);
                let e = range.end.min(line.range.end);
                if e <= s {
                    continue;
                }
                let x0 = galley
                    .pos_from_cursor(egui::text::CCursor::new(s - line.range.start))
                    .min
                    .x;
                let x1 = galley
                    .pos_from_cursor(egui::text::CCursor::new(e - line.range.start))
                    .min
                    .x;
                let pad = ts.line_height * 0.14;
                let r = Rect::from_min_max(
                    pos2(origin.x + x0, y + pad),
                    pos2(origin.x + x1, y + ts.line_height - pad),
                );
                ui.painter().rect_filled(r, 2.0, *bg);
            }
            ui.painter().galley(origin, galley, color);
        }

        // Markers of section and paragraph notes, in the left margin; a bookmark's ribbon
        // further out; a note button by each heading.
        draw_markers(ui, state, b, actions, |k| {
            let x = rect.min.x - 14.0 - k as f32 * 5.0;
            Rect::from_min_max(
                pos2(x, text_top + 4.0),
                pos2(x + 3.0, text_top + ts.height() - 4.0),
            )
        });
        draw_bookmark(
            ui,
            state,
            palette,
            b,
            pos2(rect.min.x - 50.0, text_top + 2.0),
            actions,
        );
        if block.is_heading() {
            let btn = Rect::from_min_size(
                pos2(rect.max.x + 10.0, text_top),
                vec2(26.0, ts.line_height.min(28.0)),
            );
            heading_note_button(ui, palette, block, btn, actions);
        }
    }

    /// Screen position just below the end of char `c` of the body text, if its block is drawn.
    fn char_bottom(
        &self,
        ui: &Ui,
        state: &AppState,
        rects: &[(usize, Rect)],
        c: usize,
    ) -> Option<Pos2> {
        let doc = state.shown();
        let b = doc.block_at_offset(c.saturating_sub(1))?;
        let i = *self.item_of_block.get(b)?;
        let &(_, rect) = rects.iter().find(|(j, _)| *j == i)?;
        let ts = self.typeset.get(&i)?;
        let block = &doc.blocks[b];
        let local = c.saturating_sub(block.range.start).min(block.range.len());
        let j = ts.line_of_char(local.saturating_sub(1));
        let line = ts.lines.get(j)?;
        let style = self.style_of(i);
        let galley = ui.ctx().fonts_mut(|f| {
            typeset::line_galley(
                f,
                &self.items[i].chars,
                line,
                &style,
                Color32::WHITE,
                Color32::WHITE,
            )
        });
        let x = galley
            .pos_from_cursor(egui::text::CCursor::new(
                local.saturating_sub(line.range.start),
            ))
            .min
            .x;
        let (above, _) = self.gaps(i);
        let y = rect.min.y + above + (j + 1) as f32 * ts.line_height;
        Some(pos2(rect.min.x + line.x + x, y))
    }

    /// A small "write a note" button by the end of the selection — under it, or in vertical
    /// text left of its column — so that a passage note is one click away (like Hypothesis'
    /// adder).
    fn selection_button(
        &self,
        ui: &mut Ui,
        state: &AppState,
        rects: &[(usize, Rect)],
        actions: &mut Requests,
    ) {
        // Not while dragging, and not once a note is being written: the editor is open.
        if self.drag_anchor.is_some() || state.view.draft.is_some() {
            return;
        }
        let Some(sel) = state.view.selection.clone().filter(|r| r.end > r.start) else {
            return;
        };
        let size = vec2(96.0, 26.0);
        let at = if self.is_vertical() {
            self.beside_selection_end(state, rects, sel.end, size)
                .map(|at| (at, s::NOTE_SELECTION_BUTTON))
        } else {
            self.char_bottom(ui, state, rects, sel.end).map(|p| {
                // In the margin right of the column, level with the selection's last line:
                // nothing of the text is covered. Where the margin is too narrow, under the
                // end of the selection.
                let column_right = rects.first().map_or(p.x, |(_, r)| r.max.x);
                let line = (self.body_size() * LINE_HEIGHT).round();
                let label = s::NOTE_SELECTION_MARGIN;
                let width = label_width(ui, label.get(), 13.0) + 2.0;
                if ui.clip_rect().max.x - column_right >= width + 4.0 {
                    let margin = vec2(width, 24.0);
                    let y = p.y - line / 2.0 - margin.y / 2.0;
                    let at = Rect::from_min_size(pos2(column_right + 4.0, y), margin);
                    (at, label)
                } else {
                    let max_x = column_right - size.x;
                    let at = pos2((p.x - size.x / 2.0).min(max_x), p.y + 2.0);
                    (Rect::from_min_size(at, size), s::NOTE_SELECTION_BUTTON)
                }
            })
        };
        if let Some((at, label)) = at.filter(|(at, _)| ui.clip_rect().intersects(*at)) {
            note_selection_button(ui, state, at, label, sel, actions);
        }
    }

    /// Char offset in the body text under `pos`, if `pos` is over item `i`'s text.
    fn hit(
        &self,
        ctx: &egui::Context,
        state: &AppState,
        i: usize,
        rect: Rect,
        pos: Pos2,
    ) -> Option<usize> {
        let b = self.block_of(i)?;
        let block = &state.shown().blocks[b];
        let ts = self.typeset.get(&i)?;
        let style = self.style_of(i);
        let (above, _) = self.gaps(i);
        let y = pos.y - (rect.min.y + above);
        if ts.lines.is_empty() {
            return Some(block.range.start);
        }
        if y < 0.0 {
            return Some(block.range.start);
        }
        let j = ((y / ts.line_height) as usize).min(ts.lines.len() - 1);
        if y > ts.height() {
            return Some(block.range.end);
        }
        let line = &ts.lines[j];
        let color = Color32::WHITE;
        let galley = ctx.fonts_mut(|f| {
            typeset::line_galley(f, &self.items[i].chars, line, &style, color, color)
        });
        let x = pos.x - (rect.min.x + line.x);
        let c = galley
            .cursor_from_pos(vec2(x, ts.line_height / 2.0))
            .index
            .0;
        Some(block.range.start + (line.range.start + c).min(line.range.end))
    }

    fn handle_selection(
        &mut self,
        ui: &mut Ui,
        state: &AppState,
        area: &egui::Response,
        rects: &[(usize, Rect)],
        actions: &mut Requests,
    ) {
        let doc = state.shown();
        let clip = ui.clip_rect();
        let pointer = ui.input(|i| i.pointer.interact_pos());
        let vertical = self.is_vertical();
        let ctx = ui.ctx().clone();
        let hit_at = |this: &Self, p: Pos2| this.char_in(&ctx, state, rects, p);
        // Where the button went down, taken in the frame it went down: egui reports a drag
        // only once the pointer has moved a few points, by when it may be over the next
        // character or line.
        let (pressed, shift) = ui.input(|i| (i.pointer.primary_pressed(), i.modifiers.shift));
        if pressed
            && let Some(origin) = ui.input(|i| i.pointer.press_origin())
            && area.rect.contains(origin)
            && clip.contains(origin)
        {
            self.press_anchor = hit_at(self, origin);
        }
        if area.hovered() {
            ui.ctx().set_cursor_icon(CursorIcon::Text);
        }
        if area.drag_started() {
            self.drag_anchor = self.press_anchor.or_else(|| {
                let origin = ui.input(|i| i.pointer.press_origin());
                origin
                    .or(area.interact_pointer_pos())
                    .and_then(|p| hit_at(self, p))
            });
            self.live_selection = None;
        }
        if area.dragged()
            && let (Some(anchor), Some(p)) = (self.drag_anchor, pointer)
            && let Some(c) = hit_at(self, p.clamp(clip.min, clip.max))
        {
            self.live_selection = Some(anchor.min(c)..anchor.max(c));
            // Scroll while dragging past the top or bottom (the left or right edge of
            // vertical text).
            let (onward, back) = if vertical {
                (p.x < clip.min.x + 8.0, p.x > clip.max.x - 8.0)
            } else {
                (p.y > clip.max.y - 8.0, p.y < clip.min.y + 8.0)
            };
            if onward {
                let y = self.offset() + 12.0;
                self.set_offset(y);
                ui.ctx().request_repaint();
            } else if back {
                let y = self.offset() - 12.0;
                self.set_offset(y);
                ui.ctx().request_repaint();
            }
        }
        if area.drag_stopped() {
            // The pointer may have moved in the frame it was released: the selection ends
            // where the button went up.
            if let (Some(anchor), Some(p)) = (self.drag_anchor, pointer)
                && let Some(c) = hit_at(self, p.clamp(clip.min, clip.max))
            {
                self.live_selection = Some(anchor.min(c)..anchor.max(c));
            }
            let sel = self.live_selection.take().filter(|r| r.end > r.start);
            self.selection_anchor = self.drag_anchor.take().filter(|_| sel.is_some());
            actions.push(Action::Select(sel.map(|r| trim_range(doc, r))));
        } else if area.double_clicked() {
            if let Some(c) = self.press_anchor {
                self.selection_anchor = None;
                actions.push(Action::Select(Some(sentence_around(doc, c))));
            }
        } else if area.clicked()
            && shift
            && let Some(sel) = state.view.selection.clone()
            && let Some(c) = self.press_anchor
        {
            // Shift+click extends the selection from where it was started to the click.
            let anchor = self
                .selection_anchor
                .filter(|&a| a == sel.start || a == sel.end)
                .unwrap_or(sel.start);
            let extended = anchor.min(c)..anchor.max(c);
            if extended.end > extended.start {
                actions.push(Action::Select(Some(trim_range(doc, extended))));
            }
        } else if area.clicked() && state.view.selection.is_some() {
            self.selection_anchor = None;
            actions.push(Action::Select(None));
        }
        if !ui.input(|i| i.pointer.any_down()) && !area.drag_stopped() && !area.clicked() {
            self.press_anchor = None;
        }
        let selection = self
            .live_selection
            .clone()
            .or_else(|| state.view.selection.clone());
        if let Some(sel) = &selection
            && ui.input(|i| i.events.iter().any(|e| matches!(e, egui::Event::Copy)))
            // Ctrl+Shift+C copies with the source (the command table's CopyCitation).
            && !ui.input(|i| i.modifiers.shift)
            && !ui.ctx().egui_wants_keyboard_input()
        {
            ui.ctx()
                .copy_text(display_text(&doc.slice_chars(sel.clone())));
        }
        if area.secondary_clicked() {
            self.menu_block = self.hovered_item.and_then(|i| self.block_of(i));
        }
        let menu_block = self.menu_block;
        area.context_menu(|ui| {
            if let Some(sel) = &selection {
                if ui.button(s::NOTE_SELECTION).clicked() {
                    actions.push(Action::StartNote(NoteTarget {
                        kind: NoteKind::Passage,
                        range: sel.clone(),
                    }));
                    ui.close();
                }
                if ui.button(s::COPY).clicked() {
                    ui.ctx()
                        .copy_text(display_text(&doc.slice_chars(sel.clone())));
                    ui.close();
                }
            }
            let cite = super::commands::UiCommand::CopyCitation;
            if ui
                .button(cite.label())
                .on_hover_text(cite.tooltip(ui.ctx()))
                .clicked()
            {
                actions.push(cite.action());
                ui.close();
            }
            if let Some(b) = menu_block.filter(|&b| b < doc.blocks.len()) {
                let block = &doc.blocks[b];
                let label = if state.note_index().bookmark(b).is_some() {
                    s::REMOVE_BOOKMARK
                } else {
                    s::ADD_BOOKMARK
                };
                if ui.button(label).clicked() {
                    actions.push(Action::ToggleBookmarkAt(b));
                    ui.close();
                }
                if block.kind == BlockKind::Paragraph && ui.button(s::NOTE_PARAGRAPH).clicked() {
                    actions.push(Action::StartNote(NoteTarget {
                        kind: NoteKind::Paragraph,
                        range: block.range.clone(),
                    }));
                    ui.close();
                }
                if let Some(sec) = doc.section_of_block(b) {
                    let h = &doc.blocks[doc.sections[sec].heading];
                    if ui.button(s::NOTE_SECTION).clicked() {
                        actions.push(Action::StartNote(NoteTarget {
                            kind: NoteKind::Section,
                            range: h.range.clone(),
                        }));
                        ui.close();
                    }
                }
            }
            ui.separator();
            if ui.button(format!("{}…", s::EXPORT)).clicked() {
                actions.push(Action::OpenExport);
                ui.close();
            }
        });
    }

    /// The char in the body text under `p`, among the items drawn at `rects`: the item below
    /// `p` (or left of it in vertical text), else the last one.
    fn char_in(
        &self,
        ctx: &egui::Context,
        state: &AppState,
        rects: &[(usize, Rect)],
        p: Pos2,
    ) -> Option<usize> {
        let vertical = self.is_vertical();
        // Items run top to bottom, or in vertical text right to left.
        let &(i, rect) = rects
            .iter()
            .find(|(_, r)| {
                if vertical {
                    p.x > r.min.x
                } else {
                    p.y < r.max.y
                }
            })
            .or_else(|| rects.last())?;
        if self.items[i].kind == ItemKind::Title {
            return Some(0);
        }
        if vertical {
            self.hit_vertical(state, i, rect, p)
        } else {
            self.hit(ctx, state, i, rect, p)
        }
    }

    /// The char in the body text at screen point `p` as the last frame drew it (for tests:
    /// where a press there starts a selection).
    pub fn char_at(&self, ctx: &egui::Context, state: &AppState, p: Pos2) -> Option<usize> {
        self.char_in(ctx, state, &self.item_rects, p)
    }

    /// Width of the reading column in points, once laid out.
    pub fn column_width(&self) -> Option<f32> {
        self.key.map(|k| k.width)
    }

    /// Content offset of the top of block `b` (for tests and benchmarks).
    pub fn block_top(&self, b: usize) -> Option<f32> {
        let i = *self.item_of_block.get(b)?;
        Some(self.list.item_top(i))
    }

    /// Screen rect of block `b`'s text if it was drawn in the last frame.
    pub fn block_rect(&self, b: usize) -> Option<Rect> {
        self.drawn.iter().find(|(x, _)| *x == b).map(|(_, r)| *r)
    }

    /// The lines (char ranges in the block's display text) block `b` was set in, if it has
    /// been laid out horizontally (for tests).
    pub fn lines_of_block(&self, b: usize) -> Option<Vec<Range<usize>>> {
        let i = *self.item_of_block.get(b)?;
        let ts = self.typeset.get(&i)?;
        Some(ts.lines.iter().map(|l| l.range.clone()).collect())
    }

    /// How many items have been laid out since the last size change.
    pub fn measured_count(&self) -> usize {
        self.list.measured_count()
    }
}

/// Backgrounds of block `b`, in its own char offsets: note highlights, search hits, the flash,
/// then the selection (each drawn over the one before).
fn backgrounds(
    state: &AppState,
    palette: &Palette,
    b: usize,
    selection: Option<Range<usize>>,
    flash: Option<Range<usize>>,
) -> Vec<(Range<usize>, Color32)> {
    let block = &state.shown().blocks[b];
    let block_start = block.range.start;
    let block_len = block.range.len();
    let mut backgrounds: Vec<(Range<usize>, Color32)> = Vec::new();
    for h in state.note_index().highlights(b) {
        backgrounds.push((
            h.range.clone(),
            palette.highlight(state.palette.entry(&h.color).rgb),
        ));
    }
    let local = |r: &Range<usize>| -> Option<Range<usize>> {
        let s = r.start.max(block_start);
        let e = r.end.min(block_start + block_len);
        (e > s).then(|| s - block_start..e - block_start)
    };
    if let Some(search) = &state.view.search {
        let current = search.current_hit();
        for hit in search.hits_in(&block.range) {
            if let Some(r) = local(hit) {
                let color = if Some(hit) == current {
                    palette.search_current
                } else {
                    palette.search_hit
                };
                backgrounds.push((r, color));
            }
        }
    }
    if let Some(r) = flash.as_ref().and_then(local) {
        backgrounds.push((r, palette.flash));
    }
    if let Some(r) = selection.as_ref().and_then(local) {
        backgrounds.push((r, palette.selection));
    }
    backgrounds
}

/// The markers of block `b`'s section and paragraph notes, the `k`-th in `bar(k)`: a click
/// opens its note.
fn draw_markers(
    ui: &mut Ui,
    state: &AppState,
    b: usize,
    actions: &mut Requests,
    bar: impl Fn(usize) -> Rect,
) {
    let markers = state.note_index().markers(b);
    for (k, (color_key, note_id)) in markers.iter().enumerate().take(6) {
        let bar = bar(k);
        let [r, g, bl] = state.palette.entry(color_key).rgb;
        ui.painter()
            .rect_filled(bar, 1.5, Color32::from_rgb(r, g, bl));
        let resp = ui.interact(
            bar.expand(3.0),
            Id::unique(("note-marker", b, k)),
            Sense::click(),
        );
        let note_text = state
            .note(note_id)
            .map(|n| n.text.chars().take(80).collect::<String>())
            .unwrap_or_default();
        let resp = resp.on_hover_text(if note_text.is_empty() {
            s::EMPTY_NOTE.to_string()
        } else {
            note_text
        });
        resp.widget_info(|| egui::WidgetInfo::labeled(Role::Button, true, s::note_marker(k + 1)));
        if resp.clicked() {
            actions.push(Action::EditNote(note_id.clone()));
        }
    }
}

/// Block `b`'s bookmark, if it has one: a ribbon with its top left at `at`; a click shows
/// the bookmark in the notes panel.
fn draw_bookmark(
    ui: &mut Ui,
    state: &AppState,
    palette: &Palette,
    b: usize,
    at: Pos2,
    actions: &mut Requests,
) {
    let Some(mark) = state.note_index().bookmark(b) else {
        return;
    };
    let (x, y) = (at.x, at.y);
    let color = palette.accent;
    let p = ui.painter();
    p.rect_filled(
        Rect::from_min_size(pos2(x, y), vec2(10.0, 11.0)),
        0.0,
        color,
    );
    // The notched tail: two triangles, each convex.
    for tail in [
        [
            pos2(x, y + 11.0),
            pos2(x + 5.0, y + 11.0),
            pos2(x, y + 17.0),
        ],
        [
            pos2(x + 5.0, y + 11.0),
            pos2(x + 10.0, y + 11.0),
            pos2(x + 10.0, y + 17.0),
        ],
    ] {
        p.add(egui::Shape::convex_polygon(
            tail.to_vec(),
            color,
            Stroke::NONE,
        ));
    }
    let resp = ui
        .interact(
            Rect::from_min_size(pos2(x - 3.0, y - 2.0), vec2(16.0, 21.0)),
            Id::unique(("bookmark", b)),
            Sense::click(),
        )
        .on_hover_text(s::BOOKMARK_RIBBON);
    resp.widget_info(|| egui::WidgetInfo::labeled(Role::Button, true, s::BOOKMARK_LABEL));
    if resp.clicked() {
        actions.push(Action::RevealNote(mark.to_owned()));
    }
}

/// The ＋ by a heading: a note on its section.
fn heading_note_button(
    ui: &mut Ui,
    palette: &Palette,
    block: &crate::document::Block,
    at: Rect,
    actions: &mut Requests,
) {
    let label = s::labelled(&s::HEADING_NOTE_BUTTON, &display_text(&block.text));
    let resp = ui
        .put(
            at,
            egui::Button::new(egui::RichText::new("＋").color(palette.muted)).frame(false),
        )
        .on_hover_text(s::HEADING_NOTE_BUTTON)
        .accessible_name(label);
    if resp.clicked() {
        actions.push(Action::StartNote(NoteTarget {
            kind: NoteKind::Section,
            range: block.range.clone(),
        }));
    }
}

/// The button floating by a selection that writes a note on it (like Hypothesis' adder).
fn note_selection_button(
    ui: &mut Ui,
    state: &AppState,
    at: Rect,
    label: s::Text,
    sel: Range<usize>,
    actions: &mut Requests,
) {
    let palette = Palette::of(state.settings.theme);
    // A solid button with a shadow: it floats over the text.
    ui.painter().rect_filled(
        at.translate(vec2(1.0, 2.0)).expand(1.0),
        6.0,
        Color32::from_black_alpha(40),
    );
    let button = egui::Button::new(egui::RichText::new(label).color(Color32::WHITE).size(13.0))
        .wrap_mode(egui::TextWrapMode::Extend)
        .fill(palette.accent)
        .corner_radius(6.0);
    let resp = ui
        .scope(|ui| {
            ui.spacing_mut().button_padding = SELECTION_BUTTON_PADDING;
            ui.put(at, button)
        })
        .inner
        .on_hover_text(s::NOTE_SELECTION)
        .accessible_name(s::NOTE_SELECTION);
    if resp.clicked() {
        actions.push(Action::StartNote(NoteTarget {
            kind: NoteKind::Passage,
            range: sel,
        }));
    }
}

/// Width of a button labelled `text` at `size` points, padding included.
fn label_width(ui: &Ui, text: &str, size: f32) -> f32 {
    let galley = egui::WidgetText::from(egui::RichText::new(text).size(size)).into_galley(
        ui,
        Some(egui::TextWrapMode::Extend),
        f32::INFINITY,
        egui::TextStyle::Button,
    );
    galley.size().x + 2.0 * SELECTION_BUTTON_PADDING.x
}

/// Padding inside the selection's button: narrow, so that it fits the margin.
const SELECTION_BUTTON_PADDING: egui::Vec2 = egui::vec2(5.0, 2.0);

/// The ＋ by the paragraph under the pointer: a note on paragraph `b`.
fn paragraph_note_button(ui: &mut Ui, doc: &Document, b: usize, at: Rect, actions: &mut Requests) {
    let resp = ui
        .put(at, egui::Button::new("＋").frame(false))
        .on_hover_text(s::PARAGRAPH_NOTE_BUTTON)
        .accessible_name(s::PARAGRAPH_NOTE_BUTTON);
    if resp.clicked() {
        actions.push(Action::StartNote(NoteTarget {
            kind: NoteKind::Paragraph,
            range: doc.blocks[b].range.clone(),
        }));
    }
}

/// The size of a heading of `level` over body text of `size` points.
fn heading_size(size: f32, level: u8) -> f32 {
    let scale = match level {
        1 => 1.25,
        2 => 1.1,
        _ => 1.0,
    };
    (size * scale).round()
}

/// The fonts the reader sets a document in at `size` points, for the glyph warm-up.
pub fn warm_fonts(size: f32, vertical: bool) -> super::glyph_warmup::WarmFonts {
    // The outline's root row is the title alone: laid out with the first frame, not warmed.
    let [_, section_font, paragraph_font] = super::outline::row_fonts();
    super::glyph_warmup::WarmFonts {
        body: FontId::new(size, body_family()),
        headings: (1..=3)
            .map(|level| FontId::new(heading_size(size, level), heading_family()))
            .collect(),
        outline_sections: section_font,
        outline_paragraphs: paragraph_font,
        vertical,
    }
}

/// Drops leading and trailing whitespace and the separators between blocks from a selection.
fn trim_range(doc: &Document, r: Range<usize>) -> Range<usize> {
    let text: Vec<char> = doc.slice_chars(r.clone()).chars().collect();
    let lead = text.iter().take_while(|c| c.is_whitespace()).count();
    let trail = text.iter().rev().take_while(|c| c.is_whitespace()).count();
    if lead + trail >= text.len() {
        return r.start..r.start;
    }
    r.start + lead..r.end - trail
}

/// The sentence around char `c`: from after the previous 。！？ to the next one (inclusive).
fn sentence_around(doc: &Document, c: usize) -> Range<usize> {
    let Some(b) = doc.block_at_offset(c) else {
        return c..c;
    };
    let block = &doc.blocks[b];
    let chars: Vec<char> = block.text.chars().collect();
    let local = c
        .saturating_sub(block.range.start)
        .min(chars.len().saturating_sub(1));
    let end_mark = |ch: char| "。！？!?；;".contains(ch);
    let mut s = local;
    while s > 0 && !end_mark(chars[s - 1]) {
        s -= 1;
    }
    let mut e = local;
    while e < chars.len() && !end_mark(chars[e]) {
        e += 1;
    }
    let e = (e + 1).min(chars.len());
    block.range.start + s..block.range.start + e
}

/// Whether a heading is only a section numeral (`一`, `十二`, `3`): such a heading is set in
/// the serif, in the reader and the outline.
pub fn is_numeral_heading(chars: &[char]) -> bool {
    let text: String = chars.iter().collect();
    crate::document::numbering::bare_numeral(&text).is_some()
}

/// The lines of the title block.
fn title_lines(doc: &Document, fallback_title: &str) -> Vec<(String, MetaStyle)> {
    let m = &doc.meta;
    let mut out = Vec::new();
    if let Some(c) = &m.column {
        out.push((format!("【{c}】"), MetaStyle::Column));
    }
    match &m.title {
        Some(title) => out.push((display_text(title), MetaStyle::Title)),
        // A text without a title line gets none invented: its file name, quietly.
        None => out.push((display_text(fallback_title), MetaStyle::Small)),
    }
    let mut line = Vec::new();
    // A date taken from the front matter is shown there already.
    let date_in_front_matter = m
        .front_matter
        .first()
        .is_some_and(|f| crate::document::meta_date(f).as_deref() == m.published.as_deref());
    if let Some(d) = m.published.as_ref().filter(|_| !date_in_front_matter) {
        line.push(d.clone());
    }
    if let Some(a) = &m.author {
        match &m.affiliation {
            Some(aff) => line.push(format!("{a}（{aff}）")),
            None => line.push(a.clone()),
        }
    }
    if let Some(src) = &m.source {
        line.push(s::source_line(src));
    }
    if !line.is_empty() {
        out.push((line.join("　·　"), MetaStyle::Line));
    }
    if !m.breadcrumb.is_empty() {
        out.push((m.breadcrumb.join(" › "), MetaStyle::Small));
    }
    for f in &m.front_matter {
        out.push((display_text(f), MetaStyle::Small));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::parse;

    #[test]
    fn the_text_a_reader_keeps_has_no_slack() {
        let doc = parse(
            "标题\n\n第一段，有“引号”和 Latin words。\n\n第二段很长很长很长很长很长很长很长很长很长很长。\n",
        );
        let view = ReaderView::new(&doc, "无题");
        let blocks: Vec<&Item> = view
            .items
            .iter()
            .filter(|i| matches!(i.kind, ItemKind::Block(_)))
            .collect();
        assert!(blocks.len() >= 2, "both paragraphs are items");
        for item in blocks {
            assert_eq!(item.chars.capacity(), item.chars.len(), "{:?}", item.chars);
        }
    }

    #[test]
    fn selection_is_trimmed_and_sentences_found() {
        let doc = parse("标题\n\n第一句话。第二句话！第三句\n");
        assert_eq!(sentence_around(&doc, 0), 0..5);
        assert_eq!(doc.slice_chars(sentence_around(&doc, 6)), "第二句话！");
        assert_eq!(doc.slice_chars(sentence_around(&doc, 12)), "第三句");
        assert_eq!(trim_range(&doc, 0..3), 0..3);
    }

    #[test]
    fn title_block_lines() {
        let doc = crate::document::Source::builtin().document;
        let lines: Vec<String> = title_lines(&doc, "x").into_iter().map(|(t, _)| t).collect();
        assert_eq!(lines[0], "【前线】");
        assert_eq!(lines[1], "从严从实加强党的基层党组织建设");
        assert!(
            lines[2].contains("2018-11-08")
                && lines[2].contains("董德兵（中国浦东干部学院副教授）")
        );
        assert_eq!(lines[3], "首页 › 学术研究 › 学术之声 › 学术交流");
    }
}

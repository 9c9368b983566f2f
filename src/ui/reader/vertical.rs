//! 竖排 in the reader: the same items, measured and cached the same way, set in columns that
//! run top to bottom and follow each other right to left. The virtual list's axis then runs
//! from the right edge leftwards (an item's "height" is its width); the scroll bar sits under
//! the text, the wheel and ← → move through it, and the markers, ribbons and note buttons
//! that sit in the margins beside horizontal text sit above and below the columns.

use egui::epaint::Shape;
use egui::{Pos2, Rect, Stroke, Ui, pos2, vec2};

use super::{
    ItemKind, LayoutKey, MEASURE_EM, ReaderView, backgrounds, draw_bookmark, draw_markers,
    heading_note_button,
};
use crate::app::AppState;
use crate::ui::request::Requests;
use crate::ui::theme::Palette;
use crate::ui::typeset_vertical::{Columns, column_shapes, typeset_vertical};

/// Room above the columns for note markers (up to six rows, 14–44 points up) and a bookmark's
/// ribbon above them.
const TOP_ROOM: f32 = 70.0;
/// Room below the columns for the note buttons and the scroll bar.
const BOTTOM_ROOM: f32 = 48.0;
/// A highlight's half width across a column, as a share of the distance between columns
/// (the same share of the line as in horizontal text).
const HIGHLIGHT_HALF: f32 = 0.36;

/// Where the columns are on screen this frame.
#[derive(Clone, Copy, Debug)]
struct Frame {
    /// Screen x of the start of the text (reading position 0): the list runs leftwards.
    right: f32,
    /// Top of the columns.
    top: f32,
    /// Height of the columns.
    height: f32,
}

impl ReaderView {
    /// Sets item `i` in columns (cached) and returns its width.
    pub(super) fn measure_columns(&mut self, ui: &Ui, i: usize) -> f32 {
        let (above, below) = self.gaps(i);
        if self.items[i].kind == ItemKind::Title {
            self.title_columns = self.set_title_columns(ui);
            return above
                + below
                + self
                    .title_columns
                    .iter()
                    .zip(&self.title_meta)
                    .map(|(c, (_, st))| c.width() + self.title_gap(*st))
                    .sum::<f32>();
        }
        let style = self.style_of(i);
        let chars = &self.items[i].chars;
        let columns = ui.ctx().fonts_mut(|f| typeset_vertical(f, chars, &style));
        let width = above + below + columns.width();
        self.columns.insert(i, columns);
        width
    }

    fn set_title_columns(&self, ui: &Ui) -> Vec<Columns> {
        self.title_meta
            .iter()
            .map(|(text, style)| {
                let st = self.title_style(*style);
                let chars: Vec<char> = text.chars().collect();
                ui.ctx().fonts_mut(|f| typeset_vertical(f, &chars, &st))
            })
            .collect()
    }

    /// Shows the text in vertical columns in `avail`.
    pub(super) fn ui_vertical(
        &mut self,
        ui: &mut Ui,
        state: &AppState,
        palette: &Palette,
        avail: Rect,
        actions: &mut Requests,
    ) {
        let font_size = state.settings.font_size_pt;
        let height = (avail.height() - TOP_ROOM - BOTTOM_ROOM)
            .min(MEASURE_EM * font_size)
            .max(6.0 * font_size)
            .round();
        let key = LayoutKey {
            width: height,
            font_size,
            spacing: crate::document::spacing::Spacing {
                vertical: true,
                centred_stops: self.traditional,
                ..state.settings.spacing()
            },
            vertical: true,
        };
        if self.key != Some(key) {
            self.reset_layout(key);
        }
        let viewport = avail.width();
        self.list.set_viewport_height(viewport);
        self.update_prefix();
        self.follow_jump(ui, state);
        self.keyboard_scroll(ui);
        self.wheel_scroll(ui, avail);
        self.measure_visible(ui);
        self.set_offset(self.offset());
        let offset = self.offset();
        // A short text sits at the right edge, where vertical text starts.
        let total = (self.list.total() + viewport * 0.5).max(viewport);
        let scroll_x = (total - viewport - offset).max(0.0);
        let top_rel = ((avail.height() - height) / 2.0)
            .min(avail.height() - height - BOTTOM_ROOM)
            .max(TOP_ROOM.min(avail.height() - height))
            .max(0.0)
            .round();
        ui.spacing_mut().scroll.kinetic.rubber_band = false;
        let output = egui::ScrollArea::horizontal()
            .id_salt("reader-vertical")
            .auto_shrink(false)
            .scroll_source(egui::scroll_area::ScrollSource {
                scroll_bar: true,
                drag: egui::scroll_area::DragScroll::Never,
                // The wheel is ours: down moves on, which here is to the left.
                mouse_wheel: false,
            })
            .content_margin(0.0)
            .horizontal_scroll_offset(scroll_x)
            .show_viewport(ui, |ui, _| {
                ui.set_min_size(vec2(total, avail.height()));
                let origin = ui.max_rect().min;
                let frame = Frame {
                    right: origin.x + total,
                    top: origin.y + top_rel,
                    height,
                };
                self.draw_vertical(ui, state, palette, frame, actions);
            });
        let new_x = output.state.clamped_offset().x;
        if (new_x - scroll_x).abs() > 0.5 {
            self.set_offset(total - viewport - new_x);
            ui.ctx().request_repaint();
        }
        self.report_position(actions);
    }

    /// The wheel (and a touchpad's sideways swipe) over the text: down and left move on.
    fn wheel_scroll(&mut self, ui: &Ui, area: Rect) {
        if !ui.rect_contains_pointer(area) {
            return;
        }
        let delta = ui.input_mut(|i| std::mem::take(&mut i.smooth_scroll_delta));
        let onward = delta.x - delta.y;
        if onward != 0.0 {
            let y = self.offset() + onward;
            self.set_offset(y);
        }
    }

    fn draw_vertical(
        &mut self,
        ui: &mut Ui,
        state: &AppState,
        palette: &Palette,
        frame: Frame,
        actions: &mut Requests,
    ) {
        let n = self.items.len();
        let offset = self.offset();
        let first = self.item_at(offset);
        let last = self
            .item_at(offset + self.list.viewport_height())
            .min(n - 1);
        let (selection, flash) = self.overlays(ui, state);
        let area = self.text_area(ui, state, first, last);
        let pointer = ui.input(|i| i.pointer.interact_pos());
        let mut hovered = None;
        let mut rects: Vec<(usize, Rect)> = Vec::new();
        for i in first..=last {
            self.measure(ui, i);
            let start = frame.right - self.list.item_top(i);
            let rect = Rect::from_min_max(
                pos2(start - self.list.height(i), frame.top),
                pos2(start, frame.top + frame.height),
            );
            rects.push((i, rect));
            let hover_rect = Rect::from_min_max(
                pos2(rect.min.x, rect.min.y - TOP_ROOM),
                pos2(rect.max.x, rect.max.y + BOTTOM_ROOM),
            );
            if pointer.is_some_and(|p| hover_rect.contains(p))
                && ui.rect_contains_pointer(ui.clip_rect())
            {
                hovered = Some(i);
            }
            match self.items[i].kind {
                ItemKind::Title => self.draw_title_vertical(ui, palette, rect),
                ItemKind::Block(b) => self.draw_block_vertical(
                    ui,
                    state,
                    palette,
                    (i, b),
                    rect,
                    (selection.clone(), flash.clone()),
                    actions,
                ),
            }
        }
        self.finish_items(ui, state, &area, rects, hovered, actions);
    }

    /// Screen x of the centre of item `i`'s first (rightmost) column.
    pub(super) fn first_column_center(&self, i: usize, rect: Rect) -> f32 {
        let (above, _) = self.gaps(i);
        let pitch = self.style_of(i).line_height;
        rect.max.x - above - pitch / 2.0
    }

    fn draw_title_vertical(&self, ui: &Ui, palette: &Palette, rect: Rect) {
        let (above, _) = self.gaps(0);
        let mut x = rect.max.x - above;
        let computed;
        let sets = if self.title_columns.len() == self.title_meta.len() {
            &self.title_columns
        } else {
            computed = self.set_title_columns(ui);
            &computed
        };
        let mut shapes: Vec<Shape> = Vec::new();
        for ((_, style), columns) in self.title_meta.iter().zip(sets) {
            let st = self.title_style(*style);
            let color = match style {
                super::MetaStyle::Column => palette.accent,
                super::MetaStyle::Title => palette.heading,
                _ => palette.muted,
            };
            let pitch = columns.set.line_height;
            ui.ctx().fonts_mut(|f| {
                for j in 0..columns.set.lines.len() {
                    let center = x - (j as f32 + 0.5) * pitch;
                    shapes.extend(column_shapes(
                        f, columns, j, &st, center, rect.min.y, color, color,
                    ));
                }
            });
            x -= columns.width() + self.title_gap(*style);
        }
        ui.painter().extend(shapes);
        // A short rule beside the title block.
        let rule_x = x - 0.4 * self.body_size();
        let mid = rect.center().y;
        ui.painter().line_segment(
            [pos2(rule_x, mid - 40.0), pos2(rule_x, mid + 40.0)],
            Stroke::new(1.0, palette.muted.gamma_multiply(0.6)),
        );
    }

    #[expect(clippy::too_many_arguments)]
    fn draw_block_vertical(
        &self,
        ui: &mut Ui,
        state: &AppState,
        palette: &Palette,
        (i, b): (usize, usize),
        rect: Rect,
        (selection, flash): (
            Option<std::ops::Range<usize>>,
            Option<std::ops::Range<usize>>,
        ),
        actions: &mut Requests,
    ) {
        let doc = state.shown();
        let block = &doc.blocks[b];
        let Some(columns) = self.columns.get(&i) else {
            return;
        };
        let style = self.style_of(i);
        let (above, below) = self.gaps(i);
        let text_right = rect.max.x - above;
        let top = rect.min.y;
        let pitch = columns.set.line_height;
        let color = if block.is_heading() {
            palette.heading
        } else {
            palette.ink
        };
        let backgrounds = backgrounds(state, palette, b, selection, flash);
        let clip = ui.clip_rect();
        let mut shapes: Vec<Shape> = Vec::new();
        for (j, line) in columns.set.lines.iter().enumerate() {
            let center = text_right - (j as f32 + 0.5) * pitch;
            if center - pitch > clip.max.x || center + pitch < clip.min.x {
                continue;
            }
            let offsets = columns.offsets(j);
            for (range, bg) in &backgrounds {
                let s = range.start.max(line.range.start);
                let e = range.end.min(line.range.end);
                if e <= s {
                    continue;
                }
                let r = Rect::from_min_max(
                    pos2(
                        center - HIGHLIGHT_HALF * pitch,
                        top + offsets[s - line.range.start],
                    ),
                    pos2(
                        center + HIGHLIGHT_HALF * pitch,
                        top + offsets[e - line.range.start],
                    ),
                );
                ui.painter().rect_filled(r, 2.0, *bg);
            }
            ui.ctx().fonts_mut(|f| {
                shapes.extend(column_shapes(
                    f,
                    columns,
                    j,
                    &style,
                    center,
                    top,
                    color,
                    palette.heading,
                ));
            });
        }
        ui.painter().extend(shapes);

        // Markers of notes above the columns, a bookmark's ribbon above them, the heading's
        // note button below its first column.
        let text_left = rect.min.x + below;
        draw_markers(ui, state, b, actions, |k| {
            let y = top - 14.0 - k as f32 * 5.0;
            Rect::from_min_max(pos2(text_left + 4.0, y), pos2(text_right - 4.0, y + 3.0))
        });
        let first = text_right - pitch / 2.0;
        draw_bookmark(
            ui,
            state,
            palette,
            b,
            pos2(first - 5.0, top - 66.0),
            actions,
        );
        if block.is_heading() {
            let btn = Rect::from_min_size(pos2(first - 13.0, rect.max.y + 8.0), vec2(26.0, 24.0));
            heading_note_button(ui, palette, block, btn, actions);
        }
    }

    /// Char offset in the body text under `pos`, if `pos` is over item `i`'s columns.
    pub(super) fn hit_vertical(
        &self,
        state: &AppState,
        i: usize,
        rect: Rect,
        pos: Pos2,
    ) -> Option<usize> {
        let b = self.block_of(i)?;
        let block = &state.shown().blocks[b];
        let columns = self.columns.get(&i)?;
        let (above, _) = self.gaps(i);
        let across = rect.max.x - above - pos.x;
        if columns.set.lines.is_empty() || across < 0.0 {
            return Some(block.range.start);
        }
        let j = (across / columns.set.line_height) as usize;
        if j >= columns.set.lines.len() {
            return Some(block.range.end);
        }
        let c = columns.char_at(j, pos.y - rect.min.y);
        Some(block.range.start + c.min(block.range.len()))
    }

    /// Where a button of `size` goes beside the selection ending at char `end`: left of the
    /// column of its last char, level with that char.
    pub(super) fn beside_selection_end(
        &self,
        state: &AppState,
        rects: &[(usize, Rect)],
        end: usize,
        size: egui::Vec2,
    ) -> Option<Rect> {
        let doc = state.shown();
        let b = doc.block_at_offset(end.saturating_sub(1))?;
        let i = *self.item_of_block.get(b)?;
        let &(_, rect) = rects.iter().find(|(j, _)| *j == i)?;
        let columns = self.columns.get(&i)?;
        let local = (end - doc.blocks[b].range.start).min(doc.blocks[b].range.len());
        let j = columns.set.line_of_char(local.saturating_sub(1));
        let line = columns.set.lines.get(j)?;
        let offsets = columns.offsets(j);
        let y =
            rect.min.y + offsets[local.clamp(line.range.start, line.range.end) - line.range.start];
        let (above, _) = self.gaps(i);
        let column_left = rect.max.x - above - (j as f32 + 1.0) * columns.set.line_height;
        Some(Rect::from_min_size(
            pos2(
                column_left - size.x - 2.0,
                (y - size.y / 2.0).min(rect.max.y - size.y),
            ),
            size,
        ))
    }
}

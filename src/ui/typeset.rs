//! Setting a block of Chinese text into lines: our own line breaking (with the kinsoku rules of
//! [`crate::document::typography::break_lines`]), a 2-em first-line indent, and justification by
//! spreading the leftover width over the gaps between glyphs. Each line is then an egui galley
//! of its own, so egui's line breaker (which lets `“（` end a line) never runs on body text.

use std::ops::Range;
use std::sync::Arc;

use egui::text::{LayoutJob, TextFormat, TextWrapping};
use egui::{Color32, FontId, Galley};

use crate::document::typography::{break_lines, break_lines_balanced};

/// How lines sit in the measure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    /// Flush left and right (the last line flush left).
    Justify,
    /// Flush left.
    Left,
    /// Centred.
    Center,
}

/// The fonts and measures of a block.
#[derive(Clone, Debug, PartialEq)]
pub struct Style {
    /// The text font.
    pub font: FontId,
    /// Font of the first `lead_chars` chars (a run-in heading), if any.
    pub lead_font: Option<FontId>,
    /// How many leading chars use `lead_font`.
    pub lead_chars: usize,
    /// Distance between baselines.
    pub line_height: f32,
    /// Width of the measure.
    pub width: f32,
    /// Indent of the first line.
    pub indent: f32,
    /// Alignment.
    pub align: Align,
}

/// One set line.
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    /// Chars of the block on this line.
    pub range: Range<usize>,
    /// Left edge relative to the block.
    pub x: f32,
    /// Extra space after each glyph (justification).
    pub spacing: f32,
}

/// A block set into lines.
#[derive(Clone, Debug, PartialEq)]
pub struct Typeset {
    /// The lines, top to bottom.
    pub lines: Vec<Line>,
    /// Distance between lines.
    pub line_height: f32,
}

impl Typeset {
    /// Height of all lines.
    pub fn height(&self) -> f32 {
        self.lines.len() as f32 * self.line_height
    }

    /// The line holding char `c` (the last line for the end of the text).
    pub fn line_of_char(&self, c: usize) -> usize {
        self.lines
            .iter()
            .position(|l| c < l.range.end)
            .unwrap_or(self.lines.len().saturating_sub(1))
    }
}

/// Sets `chars` into lines.
pub fn typeset(
    fonts: &mut egui::epaint::text::FontsView<'_>,
    chars: &[char],
    style: &Style,
) -> Typeset {
    typeset_with(fonts, chars, style, break_lines)
}

/// Sets `chars` into lines of balanced length (for titles; see [`break_lines_balanced`]).
pub fn typeset_balanced(
    fonts: &mut egui::epaint::text::FontsView<'_>,
    chars: &[char],
    style: &Style,
) -> Typeset {
    typeset_with(fonts, chars, style, break_lines_balanced)
}

/// A line breaker: chars, their advances, the measure and the first-line indent to line ranges.
type LineBreaker = fn(&[char], &[f32], f32, f32) -> Vec<Range<usize>>;

fn typeset_with(
    fonts: &mut egui::epaint::text::FontsView<'_>,
    chars: &[char],
    style: &Style,
    breaker: LineBreaker,
) -> Typeset {
    let widths: Vec<f32> = chars
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            let font = match &style.lead_font {
                Some(f) if i < style.lead_chars => f,
                _ => &style.font,
            };
            fonts.glyph_width(font, c)
        })
        .collect();
    let ranges = breaker(chars, &widths, style.width, style.indent);
    let count = ranges.len();
    let max_spacing = style.font.size * 0.5;
    let lines = ranges
        .into_iter()
        .enumerate()
        .map(|(i, range)| {
            let start_x = if i == 0 { style.indent } else { 0.0 };
            // Trailing spaces take no room.
            let mut end = range.end;
            while end > range.start && chars[end - 1].is_whitespace() {
                end -= 1;
            }
            let natural: f32 = widths[range.start..end].iter().sum();
            let avail = style.width - start_x;
            let glyphs = end - range.start;
            let (x, spacing) = match style.align {
                Align::Justify if i + 1 < count && glyphs > 1 => {
                    let s = ((avail - natural) / (glyphs - 1) as f32).max(0.0);
                    if s <= max_spacing {
                        (start_x, s)
                    } else {
                        (start_x, 0.0)
                    }
                }
                Align::Center => (start_x + ((avail - natural) / 2.0).max(0.0), 0.0),
                _ => (start_x, 0.0),
            };
            Line { range, x, spacing }
        })
        .collect();
    Typeset {
        lines,
        line_height: style.line_height,
    }
}

/// The galley of one line: `text` is the whole block's display text as chars.
pub fn line_galley(
    fonts: &mut egui::epaint::text::FontsView<'_>,
    chars: &[char],
    line: &Line,
    style: &Style,
    color: Color32,
    lead_color: Color32,
) -> Arc<Galley> {
    let mut job = LayoutJob {
        wrap: TextWrapping::no_max_width(),
        break_on_newline: false,
        ..Default::default()
    };
    let format = |font: &FontId, color: Color32| TextFormat {
        font_id: font.clone(),
        color,
        line_height: Some(style.line_height),
        extra_letter_spacing: line.spacing,
        ..Default::default()
    };
    let lead_end = match &style.lead_font {
        Some(_) => style.lead_chars.clamp(line.range.start, line.range.end),
        None => line.range.start,
    };
    if lead_end > line.range.start
        && let Some(lead_font) = &style.lead_font
    {
        let s: String = chars[line.range.start..lead_end].iter().collect();
        job.append(&s, 0.0, format(lead_font, lead_color));
    }
    if lead_end < line.range.end {
        let s: String = chars[lead_end..line.range.end].iter().collect();
        job.append(&s, 0.0, format(&style.font, color));
    }
    fonts.layout_job(job)
}

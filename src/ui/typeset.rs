//! Setting a block of Chinese text into lines: our own line breaking (with the kinsoku rules of
//! [`crate::document::typography::break_lines`]), punctuation compression and the Han–Latin
//! quarter em ([`crate::document::spacing`]), a 2-em first-line indent, and justification by
//! spreading the leftover width over the gaps between glyphs. Each line is then an egui galley
//! of its own, so egui's line breaker (which lets `“（` end a line) never runs on body text.

use std::ops::Range;
use std::sync::Arc;

use egui::text::{LayoutJob, TextFormat, TextWrapping};
use egui::{Color32, FontId, Galley};

use crate::document::spacing::{self, Spacing};
use crate::document::typography::{break_lines_balanced, break_lines_pushing_in};

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
    /// Punctuation compression and Han–Latin gaps.
    pub spacing: Spacing,
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
    /// The change of the space after each char of the line in points (compressed punctuation,
    /// Han–Latin gaps); none after the last.
    pub gaps: Vec<f32>,
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
    typeset_with(fonts, chars, style, break_lines_pushing_in)
}

/// Sets `chars` into lines of balanced length (for titles; see [`break_lines_balanced`]).
pub fn typeset_balanced(
    fonts: &mut egui::epaint::text::FontsView<'_>,
    chars: &[char],
    style: &Style,
) -> Typeset {
    typeset_with(fonts, chars, style, |chars, widths, _, max, indent| {
        break_lines_balanced(chars, widths, max, indent)
    })
}

/// A line breaker: chars, their advances, how much the space after each can shrink, the
/// measure and the first-line indent to line ranges.
pub(super) type LineBreaker = fn(&[char], &[f32], &[f32], f32, f32) -> Vec<Range<usize>>;

fn typeset_with(
    fonts: &mut egui::epaint::text::FontsView<'_>,
    chars: &[char],
    style: &Style,
    breaker: LineBreaker,
) -> Typeset {
    let drawn: Vec<char> = chars
        .iter()
        .enumerate()
        .map(|(i, &c)| drawable(fonts, style.font_of(i), c))
        .collect();
    let advances: Vec<f32> = drawn
        .iter()
        .enumerate()
        .map(|(i, &c)| fonts.glyph_width(style.font_of(i), c))
        .collect();
    set_lines(&drawn, &drawn, &advances, style, breaker)
}

impl Style {
    /// The font of char `i`.
    pub fn font_of(&self, i: usize) -> &FontId {
        match &self.lead_font {
            Some(f) if i < self.lead_chars => f,
            _ => &self.font,
        }
    }
}

/// Breaks `chars`, each taking `advances[i]` along the line, into lines and places them: the
/// same for a horizontal line and a vertical column. The space between chars is adjusted as
/// between `spacing_chars` (the same chars, but for what vertical text sets upright).
pub(super) fn set_lines(
    chars: &[char],
    spacing_chars: &[char],
    advances: &[f32],
    style: &Style,
    breaker: LineBreaker,
) -> Typeset {
    let font_of = |i: usize| style.font_of(i);
    let gaps_em = spacing::gaps(spacing_chars, style.spacing);
    let shrink: Vec<f32> = spacing::shrink(chars, &gaps_em, style.spacing)
        .into_iter()
        .enumerate()
        .map(|(i, em)| em * font_of(i).size)
        .collect();
    let gaps: Vec<f32> = gaps_em
        .into_iter()
        .enumerate()
        .map(|(i, em)| em * font_of(i).size)
        .collect();
    let widths: Vec<f32> = advances.iter().zip(&gaps).map(|(a, g)| a + g).collect();
    let ranges = breaker(chars, &widths, &shrink, style.width, style.indent);
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
            let glyphs = end - range.start;
            // 行首行尾挤压: the blank half of a mark at either edge goes into the margin.
            let (lead_trim, tail_trim) = if glyphs > 0 {
                (
                    spacing::line_start_trim(chars[range.start], style.spacing)
                        * font_of(range.start).size,
                    spacing::line_end_trim(chars[end - 1], style.spacing) * font_of(end - 1).size,
                )
            } else {
                (0.0, 0.0)
            };
            // The last glyph has no neighbour on this line to keep a gap from.
            let mut natural: f32 = widths[range.start..end].iter().sum::<f32>()
                - end.checked_sub(1).map_or(0.0, |l| gaps[l])
                - lead_trim
                - tail_trim;
            let avail = style.width - start_x;
            let mut line_gaps = gaps[range.clone()].to_vec();
            // A mark pushed in: the line's uncompressed blanks make the room, in proportion.
            if natural > avail + 0.01 && end > range.start + 1 {
                let room: f32 = shrink[range.start..end - 1].iter().sum();
                if room > 0.0 {
                    let factor = ((natural - avail) / room).min(1.0);
                    for (k, g) in line_gaps[..end - 1 - range.start].iter_mut().enumerate() {
                        *g -= shrink[range.start + k] * factor;
                    }
                    natural -= room * factor;
                }
            }
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
            let x = x - lead_trim;
            if let Some(last) = line_gaps.last_mut() {
                *last = 0.0;
            }
            Line {
                range,
                x,
                spacing,
                gaps: line_gaps,
            }
        })
        .collect();
    Typeset {
        lines,
        line_height: style.line_height,
    }
}

/// What stands in for a char no font has (none embedded, none the system offered): the geta
/// mark 〓, the placeholder Chinese and Japanese typesetters use for a missing character — one
/// em wide, measured like any other char, so that it never pushes a line past the margin (the
/// font's tofu box would be drawn wider than the zero width egui measures for it).
pub const MISSING_GLYPH: char = '〓';

/// `c`, or [`MISSING_GLYPH`] when no font of `font` can draw it. Control characters, spaces
/// and the invisible joiners and selectors are left alone (they have no ink to show).
pub fn drawable(fonts: &mut egui::epaint::text::FontsView<'_>, font: &FontId, c: char) -> char {
    if c.is_control() || c.is_whitespace() || is_invisible(c) || fonts.has_glyph(font, c) {
        c
    } else {
        MISSING_GLYPH
    }
}

/// Whether `c` is one of the characters that change how their neighbours are drawn but show
/// nothing themselves: zero-width joiners and spaces, word joiner, byte-order mark, variation
/// selectors (`❤️` is `❤` and U+FE0F).
pub fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{FE00}'..='\u{FE0F}' | '\u{E0100}'..='\u{E01EF}')
}

/// One line of text (an outline row, a heading in the notes panel) spaced as the reader
/// spaces it: marks compressed and a quarter em between Han and Latin, by the same rules
/// ([`spacing::gaps`]), as leading space (negative where marks compress) on the char after
/// each change. Layout options (wrapping, truncation) are the caller's.
pub fn spaced_job(text: &str, font: FontId, color: Color32, spacing: Spacing) -> LayoutJob {
    let chars: Vec<char> = text.chars().collect();
    let gaps = spacing::gaps(&chars, spacing);
    let format = TextFormat {
        font_id: font.clone(),
        color,
        ..TextFormat::default()
    };
    let mut job = LayoutJob::default();
    let mut run = String::new();
    let mut leading = 0.0;
    for (i, c) in chars.iter().enumerate() {
        let before = if i == 0 { 0.0 } else { gaps[i - 1] };
        if before != 0.0 && !run.is_empty() {
            job.append(&run, leading, format.clone());
            run.clear();
            leading = before * font.size;
        }
        run.push(*c);
    }
    if !run.is_empty() {
        job.append(&run, leading, format);
    }
    job
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
    let format = |font: &FontId, color: Color32, extra: f32| TextFormat {
        font_id: font.clone(),
        color,
        line_height: Some(style.line_height),
        extra_letter_spacing: extra,
        ..Default::default()
    };
    let lead_end = match &style.lead_font {
        Some(_) => style.lead_chars.clamp(line.range.start, line.range.end),
        None => line.range.start,
    };
    let in_lead = |i: usize| i < lead_end;
    // egui puts a section's letter spacing before each of its glyphs (but the line's very
    // first) and its leading space before the first: so a section runs while the space before
    // each char is the same, and its leading space makes up the difference for its first.
    let start = line.range.start;
    let len = line.range.len();
    let gap_before =
        |k: usize| line.spacing + line.gaps.get(k.wrapping_sub(1)).copied().unwrap_or(0.0);
    let mut k = 0;
    while k < len {
        let lead = in_lead(start + k);
        let same_font = |m: usize| in_lead(start + m) == lead;
        let inner = if k + 1 < len && same_font(k + 1) {
            gap_before(k + 1)
        } else {
            line.spacing
        };
        let leading = if k == 0 { 0.0 } else { gap_before(k) - inner };
        let mut m = k + 1;
        while m < len && same_font(m) && gap_before(m) == inner {
            m += 1;
        }
        let (font, color) = match (&style.lead_font, lead) {
            (Some(f), true) => (f, lead_color),
            _ => (&style.font, color),
        };
        let text: String = chars[start + k..start + m]
            .iter()
            .map(|&c| drawable(fonts, font, c))
            .collect();
        job.append(&text, leading, format(font, color, inner));
        k = m;
    }
    fonts.layout_job(job)
}

#[cfg(test)]
pub(in crate::ui) mod tests {
    use super::*;

    /// A context with jingdu's fonts installed and a first frame run (fonts are ready).
    pub(in crate::ui) fn fonts_ready() -> egui::Context {
        let ctx = egui::Context::default();
        super::super::fonts::install(&ctx);
        let mut output = ctx.run_ui(Default::default(), |_| {});
        output.textures_delta.clear();
        ctx
    }

    /// The body font at 20 points (one em = 20) over `width_em` ems.
    fn body_style(width_em: f32, align: Align, spacing: Spacing) -> Style {
        Style {
            font: FontId::new(20.0, super::super::fonts::body_family()),
            lead_font: None,
            lead_chars: 0,
            line_height: 30.0,
            width: width_em * 20.0,
            indent: 0.0,
            align,
            spacing,
        }
    }

    /// The x of each glyph of `text` set on one line in the body font.
    fn glyph_xs(text: &str) -> (Vec<char>, Vec<f32>, f32) {
        let ctx = fonts_ready();
        let chars: Vec<char> = text.chars().collect();
        let style = body_style(100.0, Align::Left, Spacing::default());
        ctx.fonts_mut(|f| {
            let ts = typeset(f, &chars, &style);
            let galley = line_galley(
                f,
                &chars,
                &ts.lines[0],
                &style,
                Color32::BLACK,
                Color32::BLACK,
            );
            let xs = galley.rows[0].glyphs.iter().map(|g| g.pos.x).collect();
            (chars.clone(), xs, 20.0)
        })
    }

    #[test]
    fn compressed_marks_move_by_half_an_em() {
        let (chars, xs, em) = glyph_xs("报》）。“神");
        assert_eq!(xs.len(), chars.len());
        let advance: Vec<f32> = xs.windows(2).map(|w| (w[1] - w[0]) / em).collect();
        // 报 1, 》 0.5, ） 0.5, 。 0.5 (half an em stays before the opening “), “ 1.
        let want = [1.0, 0.5, 0.5, 0.5, 1.0];
        for (got, want) in advance.iter().zip(want) {
            assert!((got - want).abs() < 0.05, "{advance:?}");
        }
    }

    #[test]
    fn a_quarter_em_between_han_and_latin() {
        let (_, plain, em) = glyph_xs("8 年");
        let (_, spaced, _) = glyph_xs("8年x");
        // `8` then `年`: the digit's advance plus a quarter em (the glyph widths come from the
        // same font, so compare with the digit's own advance measured before a space).
        let digit = plain[1] - plain[0];
        let gap = spaced[1] - spaced[0] - digit;
        assert!((gap / em - 0.25).abs() < 0.05, "{gap}");
        let after_han = spaced[2] - spaced[1] - em;
        assert!((after_han / em - 0.25).abs() < 0.05, "{after_han}");
    }

    /// An outline row or a notes-panel heading spaces its text as the reader does: the same
    /// glyph positions for `第1章（2018年）“好”。` in both.
    #[test]
    fn a_spaced_line_matches_the_reader() {
        let text = "第1章（2018年）“好”。";
        let (_, reader, _) = glyph_xs(text);
        let ctx = fonts_ready();
        let style = body_style(100.0, Align::Left, Spacing::default());
        let galley = ctx.fonts_mut(|f| {
            f.layout_job(spaced_job(
                text,
                style.font.clone(),
                Color32::BLACK,
                Spacing::default(),
            ))
        });
        let spaced: Vec<f32> = galley.rows[0].glyphs.iter().map(|g| g.pos.x).collect();
        assert_eq!(spaced.len(), reader.len());
        for (a, b) in spaced.iter().zip(&reader) {
            assert!((a - b).abs() < 0.5, "{spaced:?} vs {reader:?}");
        }
    }

    #[test]
    fn marks_at_line_edges_put_their_ink_on_the_margin() {
        let ctx = fonts_ready();
        let em = 20.0;
        let style = |line_edges| {
            let spacing = Spacing {
                line_edges,
                ..Spacing::default()
            };
            body_style(10.0, Align::Justify, spacing)
        };
        // Ten full-width chars fill the first line exactly: “ starts it and 。 ends it.
        let chars: Vec<char> = "“一二三四五六七八。九十一二三四五六七八九十"
            .chars()
            .collect();
        ctx.fonts_mut(|f| {
            let on = typeset(f, &chars, &style(true));
            let first = &on.lines[0];
            assert_eq!(first.range, 0..10);
            // The opening quote's blank half hangs into the margin…
            assert!((first.x + 0.5 * em).abs() < 0.01, "{}", first.x);
            // …and the full stop's blank half too: its ink ends at the measure.
            let last_x = first.x + 9.0 * (em + first.spacing);
            assert!((last_x + 0.5 * em - 10.0 * em).abs() < 0.5, "{last_x}");
            let off = typeset(f, &chars, &style(false));
            assert_eq!(off.lines[0].x, 0.0);
            assert!(off.lines[0].spacing < 0.01);
        });
    }

    #[test]
    fn a_char_no_font_has_never_pushes_a_line_past_the_margin() {
        let ctx = fonts_ready();
        let style = body_style(12.0, Align::Justify, Spacing::default());
        // Private-use and unassigned code points: no font here has them.
        let text = "组织\u{E000}\u{E001}路线是\u{F0000}核心概念，\u{E002}注意与政治路线的关系和区别在哪里。".repeat(3);
        let chars: Vec<char> = text.chars().collect();
        ctx.fonts_mut(|f| {
            let font = style.font.clone();
            assert!(
                !f.has_glyph(&font, '\u{E000}'),
                "the test needs a char no font has"
            );
            assert!(f.has_glyph(&font, MISSING_GLYPH));
            let ts = typeset(f, &chars, &style);
            assert!(ts.lines.len() > 2);
            for line in &ts.lines {
                let galley = line_galley(f, &chars, line, &style, Color32::BLACK, Color32::BLACK);
                let right = line.x + galley.rect.width();
                assert!(right <= style.width + 1.0, "{right} > {}", style.width);
            }
        });
    }

    #[test]
    fn a_full_stop_that_does_not_fit_is_pushed_in_by_compressing_the_lines_commas() {
        let ctx = fonts_ready();
        let em = 20.0;
        let style = |compress_punctuation| {
            let spacing = Spacing {
                compress_punctuation,
                ..Spacing::default()
            };
            body_style(10.0, Align::Justify, spacing)
        };
        // Ten chars fill the line; the full stop after them may not start the next one.
        let chars: Vec<char> = "一，二三，四五六七八。九十一二三四五六七八九十"
            .chars()
            .collect();
        ctx.fonts_mut(|f| {
            let pushed = typeset(f, &chars, &style(true));
            let line = &pushed.lines[0];
            assert_eq!(line.range, 0..11, "the full stop stays on the line");
            // The two commas gave up the room: the full stop's ink ends at the measure.
            let x_of_last: f32 = line.x
                + (0..10)
                    .map(|k| em + line.gaps[k] + line.spacing)
                    .sum::<f32>();
            assert!(
                (x_of_last + 0.5 * em - 10.0 * em).abs() < 0.5,
                "{x_of_last}"
            );
            assert!(line.gaps[1] < 0.0 && line.gaps[4] < 0.0, "{:?}", line.gaps);
            // Without compression the 八 goes down with the full stop (the old behaviour).
            let moved = typeset(f, &chars, &style(false));
            assert_eq!(moved.lines[0].range, 0..9);
        });
    }

    #[test]
    fn a_char_the_fonts_lack_comes_from_a_system_font_looked_up_once() {
        use egui::epaint::text::{
            FallbackRequest, FontData, FontInsert, FontPriority, InsertFontFamily,
        };
        use std::sync::atomic::{AtomicUsize, Ordering};
        let ctx = egui::Context::default();
        // egui's own fonts only: no CJK at all.
        ctx.set_fonts(egui::FontDefinitions::default());
        // The "system": a provider that offers a CJK font (the embedded serif, standing in
        // for one found on the machine) for any char but the private-use ones.
        let asked = std::sync::Arc::new(AtomicUsize::new(0));
        let counter = asked.clone();
        ctx.add_font_provider(std::sync::Arc::new(
            move |req: &FallbackRequest<'_>| -> Option<FontInsert> {
                counter.fetch_add(1, Ordering::Relaxed);
                let c = req.cluster.chars().next()?;
                if ('\u{E000}'..='\u{F8FF}').contains(&c) {
                    return None;
                }
                Some(FontInsert {
                    name: "system-cjk".to_owned(),
                    data: FontData::from_static(super::super::fonts::SERIF_SC),
                    families: vec![InsertFontFamily {
                        family: req.family.clone(),
                        priority: FontPriority::Lowest,
                    }],
                })
            },
        ));
        let mut output = ctx.run_ui(Default::default(), |_| {});
        output.textures_delta.clear();
        let style = Style {
            font: FontId::proportional(20.0),
            lead_font: None,
            lead_chars: 0,
            line_height: 30.0,
            width: 200.0,
            indent: 0.0,
            align: Align::Justify,
            spacing: Spacing::default(),
        };
        let chars: Vec<char> = "组织路线组织\u{E000}路线组织路线组织路线".chars().collect();
        ctx.fonts_mut(|f| {
            for _ in 0..3 {
                let ts = typeset(f, &chars, &style);
                for line in &ts.lines {
                    let galley =
                        line_galley(f, &chars, line, &style, Color32::BLACK, Color32::BLACK);
                    assert!(line.x + galley.rect.width() <= style.width + 1.0);
                }
            }
            // The system font draws the Han chars; the private-use one is the geta mark.
            assert_eq!(drawable(f, &style.font, '组'), '组');
            assert_eq!(drawable(f, &style.font, '\u{E000}'), MISSING_GLYPH);
            assert!(f.glyph_width(&style.font, '组') > 15.0);
        });
        // Once per char at most, however often the text is laid out.
        let distinct = 6; // 组 织 路 线, the private-use char, 〓
        assert!(asked.load(Ordering::Relaxed) <= distinct, "{asked:?}");
        assert!(asked.load(Ordering::Relaxed) >= 1);
    }
}

//! 竖排: a block set into vertical columns. The columns are broken and justified by the same
//! code as horizontal lines ([`super::typeset`]: kinsoku, punctuation compression, the
//! Han–Latin quarter em, marks pushed in), with advances taken down the column: one em for
//! what stands upright, the glyph's width for Latin laid on its side, one em for two digits
//! combined across the column (縱中橫). Each char is then painted on its own — upright in its
//! vertical form (`︐︒﹁﹂︵︶`), or turned 90° clockwise — since egui lays text out only
//! horizontally.

use std::f32::consts::FRAC_PI_2;

use egui::epaint::TextShape;
use egui::{Color32, FontId, Shape, pos2};

use super::typeset::{Style, Typeset, drawable, is_invisible, set_lines};
use crate::document::typography::break_lines_pushing_in;
use crate::document::vertical::{Orientation, orientations, vertical_form};

/// Top of a CJK font's ideographic em box above the baseline, in em (Noto CJK: 880/1000): an
/// upright char's em box is placed on its cell by it.
const EM_BOX_ASCENT: f32 = 0.88;
/// The middle of the em box above the baseline: Latin turned on its side is centred on it.
const EM_BOX_MIDDLE: f32 = 0.38;
/// How much of the em two combined digits may fill across the column.
const COMBINED_WIDTH: f32 = 0.9;

/// A block set into vertical columns.
#[derive(Clone, Debug, PartialEq)]
pub struct Columns {
    /// The columns, first (rightmost) first: a line's `x` is where its first char starts
    /// below the column's top; its `spacing` and `gaps` act down the column; `line_height` is
    /// the distance between column centres.
    pub set: Typeset,
    /// Each char's advance down the column.
    pub advances: Vec<f32>,
    /// The char drawn for each char (its vertical form, or the geta mark for one no font has).
    pub glyphs: Vec<char>,
    /// How each char sits in its column.
    pub orientation: Vec<Orientation>,
    /// Which chars are drawn centred on their box (the stops of Traditional text).
    pub centred: Vec<bool>,
}

impl Columns {
    /// Width of all columns.
    pub fn width(&self) -> f32 {
        self.set.height()
    }

    /// Where each char of column `j` starts below the column's top, and where the column's
    /// last char ends: one more value than the column has chars.
    pub fn offsets(&self, j: usize) -> Vec<f32> {
        let Some(line) = self.set.lines.get(j) else {
            return vec![0.0];
        };
        let mut out = Vec::with_capacity(line.range.len() + 1);
        let mut y = line.x;
        for (k, i) in line.range.clone().enumerate() {
            out.push(y);
            y += self.advances[i] + line.gaps.get(k).copied().unwrap_or(0.0);
            if i + 1 < line.range.end {
                y += line.spacing;
            }
        }
        out.push(y);
        out
    }

    /// The char of column `j` nearest to `y` below the column's top, as an offset into the
    /// block (a position between chars, for selections).
    pub fn char_at(&self, j: usize, y: f32) -> usize {
        let Some(line) = self.set.lines.get(j) else {
            return 0;
        };
        let offsets = self.offsets(j);
        let k = offsets
            .windows(2)
            .position(|w| y < (w[0] + w[1]) / 2.0)
            .unwrap_or(line.range.len());
        line.range.start + k
    }
}

/// Sets `chars` into columns of `style.width` points; `style.line_height` is the distance
/// between columns.
pub fn typeset_vertical(
    fonts: &mut egui::epaint::text::FontsView<'_>,
    chars: &[char],
    style: &Style,
) -> Columns {
    // Marks are spaced by their vertical forms, whatever the caller's style says.
    let style = &Style {
        spacing: crate::document::spacing::Spacing {
            vertical: true,
            ..style.spacing
        },
        ..style.clone()
    };
    let orientation = orientations(chars);
    let drawn: Vec<char> = chars
        .iter()
        .enumerate()
        .map(|(i, &c)| drawable(fonts, style.font_of(i), c))
        .collect();
    let centred: Vec<bool> = drawn
        .iter()
        .map(|&c| style.spacing.centred_stops && matches!(c, '，' | '。' | '、'))
        .collect();
    let glyphs: Vec<char> = drawn
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            let form = vertical_form(c);
            if centred[i] {
                c
            } else if orientation[i] == Orientation::Upright
                && form != c
                && fonts.has_glyph(style.font_of(i), form)
            {
                form
            } else {
                c
            }
        })
        .collect();
    let advances: Vec<f32> = glyphs
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            let em = style.font_of(i).size;
            match orientation[i] {
                _ if is_invisible(c) => 0.0,
                Orientation::Upright if !c.is_whitespace() => em,
                Orientation::Combined { first: true } => em,
                Orientation::Combined { first: false } => 0.0,
                _ => fonts.glyph_width(style.font_of(i), c),
            }
        })
        .collect();
    // Combined digits stand like Han: no Han–Latin gap around them.
    let spacing_chars: Vec<char> = drawn
        .iter()
        .zip(&orientation)
        .map(|(&c, o)| match o {
            Orientation::Combined { .. } => '〇',
            _ => c,
        })
        .collect();
    let set = set_lines(
        &drawn,
        &spacing_chars,
        &advances,
        style,
        break_lines_pushing_in,
    );
    Columns {
        set,
        advances,
        glyphs,
        orientation,
        centred,
    }
}

/// The shapes painting column `j` of `columns`: its centre at `center_x`, its top at `top`.
/// `lead_color` paints a run-in heading.
#[expect(clippy::too_many_arguments)]
pub fn column_shapes(
    fonts: &mut egui::epaint::text::FontsView<'_>,
    columns: &Columns,
    j: usize,
    style: &Style,
    center_x: f32,
    top: f32,
    color: Color32,
    lead_color: Color32,
) -> Vec<Shape> {
    let Some(line) = columns.set.lines.get(j) else {
        return Vec::new();
    };
    let offsets = columns.offsets(j);
    let mut shapes = Vec::with_capacity(line.range.len());
    for (k, i) in line.range.clone().enumerate() {
        let c = columns.glyphs[i];
        if c.is_whitespace() || c.is_control() || is_invisible(c) {
            continue;
        }
        let font = style.font_of(i).clone();
        let em = font.size;
        let color = if i < style.lead_chars && style.lead_font.is_some() {
            lead_color
        } else {
            color
        };
        let y = top + offsets[k];
        match columns.orientation[i] {
            Orientation::Upright if columns.centred[i] => {
                // The ink's centre on the box's centre, wherever the font put it.
                let galley = fonts.layout_no_wrap(c.to_string(), font, color);
                let ink = galley
                    .rows
                    .first()
                    .map_or(galley.rect, |row| row.visuals.mesh_bounds);
                let pos = pos2(center_x - ink.center().x, y + em / 2.0 - ink.center().y);
                shapes.push(Shape::galley(pos, galley, color));
            }
            Orientation::Upright => {
                let galley = fonts.layout_no_wrap(c.to_string(), font, color);
                let baseline = baseline_of(&galley);
                let pos = pos2(
                    center_x - galley.size().x / 2.0,
                    y + EM_BOX_ASCENT * em - baseline,
                );
                shapes.push(Shape::galley(pos, galley, color));
            }
            Orientation::Sideways => {
                let galley = fonts.layout_no_wrap(c.to_string(), font, color);
                let baseline = baseline_of(&galley);
                let pos = pos2(center_x + baseline - EM_BOX_MIDDLE * em, y);
                shapes.push(
                    TextShape::new(pos, galley, color)
                        .with_angle(FRAC_PI_2)
                        .into(),
                );
            }
            Orientation::Combined { first: true } => {
                let end = (i + 1..line.range.end)
                    .find(|&m| columns.orientation[m] != Orientation::Combined { first: false })
                    .unwrap_or(line.range.end);
                let text: String = columns.glyphs[i..end].iter().collect();
                let natural = fonts.layout_no_wrap(text.clone(), font.clone(), color);
                let scale = (COMBINED_WIDTH * em / natural.size().x.max(1.0)).min(1.0);
                let small = FontId::new(em * scale, font.family.clone());
                let galley = fonts.layout_no_wrap(text, small, color);
                let baseline = baseline_of(&galley);
                let size = em * scale;
                let pos = pos2(
                    center_x - galley.size().x / 2.0,
                    y + (em - size) / 2.0 + EM_BOX_ASCENT * size - baseline,
                );
                shapes.push(Shape::galley(pos, galley, color));
            }
            Orientation::Combined { first: false } => {}
        }
    }
    shapes
}

/// The baseline of a one-row galley, below its top.
fn baseline_of(galley: &egui::Galley) -> f32 {
    galley
        .rows
        .first()
        .and_then(|row| row.glyphs.first().map(|g| row.pos.y + g.pos.y))
        .unwrap_or(galley.size().y * 0.8)
}

#[cfg(test)]
mod tests {
    use super::super::typeset::Align;
    use super::super::typeset::tests::fonts_ready;
    use super::*;
    use crate::document::spacing::Spacing;

    /// Columns of `height_em` ems of the 20-point body font, 35 points apart.
    fn column_style(height_em: f32) -> Style {
        Style {
            font: FontId::new(20.0, super::super::fonts::body_family()),
            lead_font: None,
            lead_chars: 0,
            line_height: 35.0,
            width: height_em * 20.0,
            indent: 0.0,
            align: Align::Justify,
            spacing: Spacing::default(),
        }
    }

    /// The shapes of the first column, centred at x = 100 with its top at 0.
    fn paint_first_column(ctx: &egui::Context, columns: &Columns, style: &Style) -> Vec<Shape> {
        ctx.fonts_mut(|f| {
            column_shapes(
                f,
                columns,
                0,
                style,
                100.0,
                0.0,
                Color32::BLACK,
                Color32::BLACK,
            )
        })
    }

    fn set(text: &str, height_em: f32) -> (Vec<char>, Columns) {
        let ctx = fonts_ready();
        let chars: Vec<char> = text.chars().collect();
        let columns = ctx.fonts_mut(|f| typeset_vertical(f, &chars, &column_style(height_em)));
        (chars, columns)
    }

    #[test]
    fn han_takes_an_em_down_the_column_and_marks_their_vertical_forms() {
        let (_, columns) = set("“组织路线”，是核心。", 40.0);
        assert_eq!(columns.set.lines.len(), 1);
        let glyphs: String = columns.glyphs.iter().collect();
        assert_eq!(glyphs, "﹁组织路线﹂︐是核心︒");
        let offsets = columns.offsets(0);
        let step = |k: usize| (offsets[k + 1] - offsets[k]) / 20.0;
        // 组 → 织: one em.
        assert!((step(1) - 1.0).abs() < 0.01, "{offsets:?}");
        // ” followed by ，: compressed as in horizontal text, half an em for the quote.
        assert!((step(5) - 0.5).abs() < 0.01, "{offsets:?}");
    }

    #[test]
    fn latin_lies_on_its_side_and_two_digits_take_one_em() {
        let (chars, columns) = set("发布iPhone于7月12日", 40.0);
        let kinds: Vec<Orientation> = columns.orientation.clone();
        let at = |c: char| chars.iter().position(|&x| x == c).unwrap();
        assert_eq!(kinds[at('P')], Orientation::Sideways);
        assert_eq!(kinds[at('7')], Orientation::Combined { first: true });
        assert_eq!(kinds[at('2')], Orientation::Combined { first: false });
        // A sideways letter advances by its width, narrower than an em; the two combined
        // digits advance by one em together, with no Han–Latin gap around them.
        assert!(columns.advances[at('P')] < 16.0);
        let one = at('1');
        assert!((columns.advances[one] + columns.advances[one + 1] - 20.0).abs() < 0.01);
        let offsets = columns.offsets(0);
        let han_to_digits = offsets[one] - offsets[one - 1];
        assert!((han_to_digits - 20.0).abs() < 0.01, "{offsets:?}");
        // Between 布 and i: the quarter em.
        let i = at('i');
        assert!(
            (offsets[i] - offsets[i - 1] - 25.0).abs() < 0.01,
            "{offsets:?}"
        );
        // Painted: the turned letters as rotated text shapes.
        let ctx = fonts_ready();
        let shapes = paint_first_column(&ctx, &columns, &column_style(40.0));
        let turned = shapes
            .iter()
            .filter(|s| matches!(s, Shape::Text(t) if (t.angle - FRAC_PI_2).abs() < 1e-6))
            .count();
        assert_eq!(turned, "iPhone".len());
        // 12 is one shape: 发 布 于 7 月 12 日 upright (seven), six letters turned.
        assert_eq!(shapes.len(), 7 + 6);
    }

    #[test]
    fn columns_keep_the_kinsoku_rules_and_fill_the_measure() {
        // Ten ems a column: the full stop after ten Han chars is pushed in, never starting
        // the next column.
        let (chars, columns) = set("一，二三，四五六七八。九十一二三四五六七八九十", 10.0);
        assert_eq!(columns.set.lines[0].range, 0..11);
        for line in &columns.set.lines[1..] {
            assert_ne!(chars[line.range.start], '。');
        }
        let offsets = columns.offsets(0);
        // The justified column ends where the measure does (the full stop's blank half
        // hangs below it).
        let end = *offsets.last().unwrap();
        assert!((end - 200.0).abs() < 11.0, "{end}");
        // Every char is in exactly one column, in order.
        let mut next = 0;
        for line in &columns.set.lines {
            assert_eq!(line.range.start, next);
            next = line.range.end;
        }
        assert_eq!(next, chars.len());
    }

    #[test]
    fn a_point_in_a_column_hits_the_nearest_char() {
        let (_, columns) = set("组织路线是核心", 40.0);
        assert_eq!(columns.char_at(0, 0.0), 0);
        assert_eq!(columns.char_at(0, 25.0), 1);
        assert_eq!(columns.char_at(0, 31.0), 2);
        assert_eq!(columns.char_at(0, 1000.0), 7);
    }

    #[test]
    fn traditional_stops_stand_centred_in_their_box() {
        let ctx = fonts_ready();
        let chars: Vec<char> = "組織，路線。".chars().collect();
        let mut style = column_style(40.0);
        style.spacing.centred_stops = true;
        let columns = ctx.fonts_mut(|f| typeset_vertical(f, &chars, &style));
        let glyphs: String = columns.glyphs.iter().collect();
        assert_eq!(glyphs, "組織，路線。");
        assert_eq!(columns.centred, [false, false, true, false, false, true]);
        let shapes = paint_first_column(&ctx, &columns, &style);
        // The comma's ink is centred on the column and in its one-em box (the third).
        let Shape::Text(comma) = &shapes[2] else {
            panic!("{:?}", shapes[2]);
        };
        let ink = comma.galley.rows[0]
            .visuals
            .mesh_bounds
            .translate(comma.pos.to_vec2());
        assert!((ink.center().x - 100.0).abs() < 0.5, "{ink:?}");
        assert!((ink.center().y - 50.0).abs() < 0.5, "{ink:?}");
        // Without centring, the vertical form sits in the top right corner.
        let plain = ctx.fonts_mut(|f| typeset_vertical(f, &chars, &column_style(40.0)));
        assert_eq!(plain.glyphs[2], '︐');
    }

    #[test]
    fn joiners_and_variation_selectors_take_no_room_and_draw_nothing() {
        // ❤ + VS16, and 家 ZWJ 人 (a joiner where none joins).
        let (chars, columns) = set("爱❤\u{FE0F}家\u{200D}人", 40.0);
        let vs = chars.iter().position(|&c| c == '\u{FE0F}').unwrap();
        let zwj = chars.iter().position(|&c| c == '\u{200D}').unwrap();
        assert_eq!(columns.advances[vs], 0.0);
        assert_eq!(columns.advances[zwj], 0.0);
        assert_eq!(
            columns.glyphs[vs], '\u{FE0F}',
            "not replaced by the geta mark"
        );
        let ctx = fonts_ready();
        let shapes = paint_first_column(&ctx, &columns, &column_style(40.0));
        assert_eq!(shapes.len(), 4, "爱 ❤ 家 人");
    }
}

//! A small page layout for the PDF: paragraphs of styled spans broken into lines with the
//! reader's line-breaking rules (禁则: no `，` at a line start, no `“` at a line end), Chinese
//! lines justified, flowed onto A4 pages. Linear in the text: every char is measured once
//! (cached per face) and placed once.

use std::ops::Range;

use krilla::text::GlyphId;

use super::face::{Face, Faces};
use crate::document::spacing::{self, Spacing};
use crate::document::typography::{break_lines_balanced, break_lines_pushing_in};

/// A4 in points.
pub(super) const PAGE_WIDTH: f32 = 595.28;
/// A4 in points.
pub(super) const PAGE_HEIGHT: f32 = 841.89;
/// Margins: 2.5 cm at the top and bottom, 2.8 cm at the sides.
pub(super) const MARGIN_TOP: f32 = 72.0;
pub(super) const MARGIN_BOTTOM: f32 = 72.0;
pub(super) const MARGIN_SIDE: f32 = 80.0;

/// How a paragraph looks.
#[derive(Clone, Copy, Debug)]
pub(super) struct Style {
    pub face: Face,
    pub size: f32,
    pub color: [u8; 3],
    /// Line height as a multiple of the size.
    pub leading: f32,
    pub before: f32,
    pub after: f32,
    /// Extra left indent of every line, in points.
    pub left: f32,
    /// Indent of the first line, in em.
    pub first_indent_em: f32,
    pub align: Align,
    /// Keep on the page of the next paragraph (headings, labels).
    pub keep_with_next: bool,
}

/// Horizontal alignment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Align {
    /// Chinese book setting: every line but the last fills the measure.
    Justify,
    Left,
    /// Centred, with balanced lines (titles).
    Center,
}

/// A piece of a paragraph with its own look.
#[derive(Clone, Debug, Default)]
pub(super) struct Span {
    pub text: String,
    /// Overrides the paragraph's colour.
    pub color: Option<[u8; 3]>,
    /// A highlight behind the text.
    pub highlight: Option<[u8; 3]>,
    /// Where a click goes.
    pub link: Option<String>,
    /// Smaller (note numbers after a passage).
    pub small: bool,
    /// Never broken across lines: a short label (`在精读中打开`, a colour's name) goes to
    /// the next line whole rather than split between two ideographs.
    pub keep_whole: bool,
}

impl Span {
    /// Plain text.
    pub fn plain(text: impl Into<String>) -> Self {
        Span {
            text: text.into(),
            ..Span::default()
        }
    }
}

/// A paragraph.
#[derive(Clone, Debug)]
pub(super) struct Para {
    pub style: Style,
    pub spans: Vec<Span>,
    /// A bookmark to this paragraph: `(level from 1, title)`.
    pub bookmark: Option<(usize, String)>,
}

/// Glyphs of one face, size and colour on one line, drawn in one call.
#[derive(Clone, Debug)]
pub(super) struct Run {
    pub x: f32,
    pub baseline: f32,
    pub face: Face,
    pub size: f32,
    pub color: [u8; 3],
    /// The text the glyphs show (for copying and searching).
    pub text: String,
    /// Glyph, advance in em (justification included), byte range in `text`.
    pub glyphs: Vec<(GlyphId, f32, Range<usize>)>,
    /// Width in points.
    pub width: f32,
}

/// What one page holds.
#[derive(Clone, Debug, Default)]
pub(super) struct Page {
    pub runs: Vec<Run>,
    /// Highlights: rectangle `(x, y, w, h)` and colour.
    pub highlights: Vec<([f32; 4], [u8; 3])>,
    /// Link areas and targets.
    pub links: Vec<([f32; 4], String)>,
}

/// A bookmark: level, title, page index, y of the paragraph's top.
#[derive(Clone, Debug)]
pub(super) struct Mark {
    pub level: usize,
    pub title: String,
    pub page: usize,
    pub y: f32,
}

/// The laid-out document.
#[derive(Debug, Default)]
pub(super) struct Laid {
    pub pages: Vec<Page>,
    pub marks: Vec<Mark>,
}

/// One char to place: which span it came from and its glyph.
struct Slot {
    c: char,
    span: usize,
    glyph: GlyphId,
    /// Advance in points.
    advance: f32,
    /// Change of the space after it in points (punctuation compression, Han–Latin gap).
    gap: f32,
    /// How much that space can still shrink, in points (a mark pushed in).
    shrink: f32,
}

/// Flows `paras` onto pages, all kept (for tests; the export draws them as they fill).
#[cfg(test)]
pub(super) fn lay_out(faces: &mut Faces, paras: &[Para]) -> Laid {
    let mut pages = Vec::new();
    let (marks, _) = lay_out_with(faces, paras, |_, page| pages.push(page));
    Laid { pages, marks }
}

/// Flows `paras` onto pages, handing each page to `done` as soon as it is full (with the
/// faces, to draw it), so that a document of thousands of pages is never held whole. Returns
/// the bookmarks and how many pages there were.
pub(super) fn lay_out_with(
    faces: &mut Faces,
    paras: &[Para],
    mut done: impl FnMut(&mut Faces, Page),
) -> (Vec<Mark>, usize) {
    let mut laid = Laid {
        pages: vec![Page::default()],
        marks: Vec::new(),
    };
    // Pages handed on so far: the index of the page being filled.
    let mut finished = 0;
    let mut new_page = |laid: &mut Laid, faces: &mut Faces, finished: &mut usize| {
        if let Some(full) = laid.pages.pop() {
            done(faces, full);
            *finished += 1;
        }
        laid.pages.push(Page::default());
    };
    let bottom = PAGE_HEIGHT - MARGIN_BOTTOM;
    let mut y = MARGIN_TOP;
    for (k, para) in paras.iter().enumerate() {
        let st = para.style;
        let line_height = st.size * st.leading;
        let lines = break_para(faces, para);
        // Space before is dropped at the top of a page.
        if y > MARGIN_TOP {
            y += st.before;
        }
        // A paragraph kept with the next moves to a new page unless it, and the first two
        // lines of the next, fit.
        let next_lines = if st.keep_with_next {
            paras.get(k + 1).map_or(0.0, |n| {
                2.0 * n.style.size * n.style.leading + n.style.before
            })
        } else {
            0.0
        };
        let needed = line_height * lines.len().min(2) as f32 + next_lines;
        if y + needed > bottom && y > MARGIN_TOP {
            new_page(&mut laid, faces, &mut finished);
            y = MARGIN_TOP;
        }
        if let Some((level, title)) = &para.bookmark {
            laid.marks.push(Mark {
                level: *level,
                title: title.clone(),
                page: finished,
                y,
            });
        }
        let count = lines.len();
        for (i, (slots, indent)) in lines.into_iter().enumerate() {
            if y + line_height > bottom && y > MARGIN_TOP {
                new_page(&mut laid, faces, &mut finished);
                y = MARGIN_TOP;
            }
            let last = i + 1 == count;
            let page = laid.pages.last_mut().expect("at least one page");
            place_line(page, para, &slots, indent, y, last);
            y += line_height;
        }
        y += st.after;
    }
    if let Some(last) = laid.pages.pop() {
        done(faces, last);
        finished += 1;
    }
    (laid.marks, finished)
}

/// The paragraph's lines: the slots of each and its left indent in points. The text's own
/// line breaks start new lines; each piece is broken with the Chinese rules.
fn break_para(faces: &mut Faces, para: &Para) -> Vec<(Vec<Slot>, f32)> {
    let st = para.style;
    let measure = PAGE_WIDTH - 2.0 * MARGIN_SIDE - st.left;
    let mut pieces: Vec<Vec<Slot>> = vec![Vec::new()];
    for (s, span) in para.spans.iter().enumerate() {
        let size = if span.small { st.size * 0.7 } else { st.size };
        let text = span.text.replace('\t', "\t\t");
        for c in text.chars() {
            if c == '\n' {
                pieces.push(Vec::new());
                continue;
            }
            // Escape sequences and other controls are not text; a tab is two ideographic
            // spaces (a real glyph, so no “missing” box is drawn for it).
            if c.is_control() && c != '\t' {
                continue;
            }
            let c = if c == '\t' { '\u{3000}' } else { c };
            let (glyph, em) = faces.glyph(st.face, c);
            pieces.last_mut().expect("one piece at least").push(Slot {
                c,
                span: s,
                glyph,
                advance: em * size,
                gap: 0.0,
                shrink: 0.0,
            });
        }
    }
    let mut out = Vec::new();
    for (p, mut piece) in pieces.into_iter().enumerate() {
        let chars: Vec<char> = piece.iter().map(|s| s.c).collect();
        let gaps = spacing::gaps(&chars, Spacing::default());
        let shrink = spacing::shrink(&chars, &gaps, Spacing::default());
        for ((slot, em), can) in piece.iter_mut().zip(gaps).zip(shrink) {
            slot.gap = em * st.size;
            slot.shrink = can * st.size;
        }
        let indent = if p == 0 {
            st.first_indent_em * st.size
        } else {
            0.0
        };
        if piece.is_empty() {
            out.push((Vec::new(), st.left));
            continue;
        }
        let widths: Vec<f32> = piece.iter().map(|s| s.advance + s.gap).collect();
        // For breaking only: inside a span kept whole, every char but the first is taken for
        // a closing mark, which no line may start with — so no break falls inside it.
        let breaking: Vec<char> = piece
            .iter()
            .enumerate()
            .map(|(i, slot)| {
                let inside =
                    i > 0 && piece[i - 1].span == slot.span && para.spans[slot.span].keep_whole;
                if inside { '）' } else { slot.c }
            })
            .collect();
        let ranges = if st.align == Align::Center {
            break_lines_balanced(&breaking, &widths, measure, indent)
        } else {
            let shrink: Vec<f32> = piece.iter().map(|s| s.shrink).collect();
            break_lines_pushing_in(&breaking, &widths, &shrink, measure, indent)
        };
        let mut slots = piece.into_iter();
        for (i, r) in ranges.into_iter().enumerate() {
            let line: Vec<Slot> = slots.by_ref().take(r.len()).collect();
            out.push((line, st.left + if i == 0 { indent } else { 0.0 }));
        }
    }
    out
}

/// Places one line at baseline row `top` (the line's top): its runs, highlights and links.
fn place_line(page: &mut Page, para: &Para, slots: &[Slot], indent: f32, top: f32, last: bool) {
    let st = para.style;
    let measure = PAGE_WIDTH - 2.0 * MARGIN_SIDE - indent;
    // Trailing spaces hang in the margin.
    let visible = slots
        .iter()
        .rposition(|s| !s.c.is_whitespace())
        .map_or(0, |i| i + 1);
    // Each glyph's gap counts except the last one's, which has no neighbour on the line.
    // 行首行尾挤压, as on screen: the blank halves of marks at the edges go into the margin.
    let edges = Spacing::default();
    let lead_trim = slots
        .first()
        .map_or(0.0, |s| spacing::line_start_trim(s.c, edges) * s.advance);
    let tail_trim = visible.checked_sub(1).map_or(0.0, |l| {
        spacing::line_end_trim(slots[l].c, edges) * slots[l].advance
    });
    let mut natural: f32 = slots[..visible]
        .iter()
        .map(|s| s.advance + s.gap)
        .sum::<f32>()
        - visible.checked_sub(1).map_or(0.0, |l| slots[l].gap)
        - lead_trim
        - tail_trim;
    // A mark pushed in: the line's uncompressed blanks make the room, in proportion.
    let room: f32 = slots[..visible.saturating_sub(1)]
        .iter()
        .map(|s| s.shrink)
        .sum();
    let squeeze = if natural > measure + 0.01 && room > 0.0 {
        let factor = ((natural - measure) / room).min(1.0);
        natural -= room * factor;
        factor
    } else {
        0.0
    };
    let gaps = visible.saturating_sub(1);
    let stretch = if st.align == Align::Justify && !last && gaps > 0 && natural < measure {
        // A line that is mostly empty (a Latin word pushed down) is not stretched.
        let extra = (measure - natural) / gaps as f32;
        if extra < st.size * 0.5 { extra } else { 0.0 }
    } else {
        0.0
    };
    let mut x = MARGIN_SIDE + indent - lead_trim
        + match st.align {
            Align::Center => ((measure - natural) / 2.0).max(0.0),
            _ => 0.0,
        };
    let baseline = top + st.size * (0.88 + (st.leading - 1.0) / 2.0);
    let mut i = 0;
    while i < slots.len() {
        let span_index = slots[i].span;
        let span = &para.spans[span_index];
        let size = if span.small { st.size * 0.7 } else { st.size };
        let start_x = x;
        let mut run = Run {
            x,
            baseline,
            face: st.face,
            size,
            color: span.color.unwrap_or(st.color),
            text: String::new(),
            glyphs: Vec::new(),
            width: 0.0,
        };
        while i < slots.len() && slots[i].span == span_index {
            let s = &slots[i];
            let from = run.text.len();
            run.text.push(s.c);
            let extra = if i + 1 < visible {
                stretch + s.gap - s.shrink * squeeze
            } else {
                0.0
            };
            let advance = s.advance + extra;
            run.glyphs
                .push((s.glyph, advance / size, from..run.text.len()));
            x += advance;
            i += 1;
        }
        run.width = x - start_x;
        let rect = [start_x, top, run.width, st.size * st.leading];
        if let Some(h) = span.highlight {
            page.highlights.push((rect, h));
        }
        if let Some(link) = &span.link {
            page.links.push((rect, link.clone()));
        }
        if !run.glyphs.is_empty() {
            page.runs.push(run);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body() -> Style {
        Style {
            face: Face::Serif,
            size: 12.0,
            color: [0, 0, 0],
            leading: 1.8,
            before: 0.0,
            after: 6.0,
            left: 0.0,
            first_indent_em: 2.0,
            align: Align::Justify,
            keep_with_next: false,
        }
    }

    #[test]
    fn justified_chinese_lines_fill_the_measure_and_pages_fill_in_order() {
        let mut faces = Faces::load().unwrap();
        let text = "新时代党的组织路线。".repeat(400);
        let para = Para {
            style: body(),
            spans: vec![Span::plain(text.clone())],
            bookmark: Some((1, "标题".into())),
        };
        let laid = lay_out(&mut faces, &[para]);
        assert!(laid.pages.len() >= 2, "{} pages", laid.pages.len());
        let first = &laid.pages[0].runs;
        // The first line is indented two em; full lines end at the right margin.
        assert!((first[0].x - (MARGIN_SIDE + 24.0)).abs() < 0.01);
        // (A line ending in a full stop puts its ink, not its blank half, on the margin.)
        let trim = if first[1].text.ends_with('。') {
            6.0
        } else {
            0.0
        };
        let right = first[1].x + first[1].width - trim;
        assert!((right - (PAGE_WIDTH - MARGIN_SIDE)).abs() < 0.5, "{right}");
        // No line starts with a closing mark.
        for page in &laid.pages {
            for run in &page.runs {
                assert!(!run.text.starts_with('。'), "{}", run.text);
            }
        }
        // Every char is placed once, in order.
        let all: String = laid
            .pages
            .iter()
            .flat_map(|p| p.runs.iter().map(|r| r.text.as_str()))
            .collect();
        assert_eq!(all, text);
        assert_eq!(laid.marks.len(), 1);
        assert_eq!(laid.marks[0].page, 0);
    }

    #[test]
    fn spans_keep_their_highlights_and_links() {
        let mut faces = Faces::load().unwrap();
        let para = Para {
            style: body(),
            spans: vec![
                Span::plain("前文"),
                Span {
                    text: "摘句".into(),
                    highlight: Some([242, 201, 76]),
                    ..Span::default()
                },
                Span {
                    text: "打开".into(),
                    link: Some("jingdu://open?doc=a&note=b".into()),
                    ..Span::default()
                },
            ],
            bookmark: None,
        };
        let laid = lay_out(&mut faces, &[para]);
        let page = &laid.pages[0];
        assert_eq!(page.runs.len(), 3);
        assert_eq!(page.highlights.len(), 1);
        assert_eq!(page.links.len(), 1);
        assert!((page.highlights[0].0[0] - page.runs[1].x).abs() < 0.01);
    }

    /// A short label kept whole goes to the next line entire, wherever the line would have
    /// broken inside it; the text before it fills its line as usual.
    #[test]
    fn a_span_kept_whole_is_never_split() {
        let mut faces = Faces::load().unwrap();
        let measure = PAGE_WIDTH - 2.0 * MARGIN_SIDE;
        let per_line = (measure / 12.0) as usize;
        for lead in per_line - 5..per_line + 2 {
            let para = Para {
                style: Style {
                    first_indent_em: 0.0,
                    ..body()
                },
                spans: vec![
                    Span::plain("字".repeat(lead)),
                    Span {
                        text: "在精读中打开".into(),
                        link: Some("jingdu://x".into()),
                        keep_whole: true,
                        ..Span::default()
                    },
                ],
                bookmark: None,
            };
            let laid = lay_out(&mut faces, &[para]);
            let runs: Vec<&str> = laid.pages[0].runs.iter().map(|r| r.text.as_str()).collect();
            assert!(
                runs.contains(&"在精读中打开"),
                "{lead} chars before it: {runs:?}"
            );
        }
    }
}

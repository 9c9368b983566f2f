//! The geometry of a PDF page's text: glyphs placed by the content stream become lines in
//! reading order. Glyphs on one baseline form a line; a wide gap splits it into segments, so
//! that a two-column page is read column by column (a segment that spans the gutter, such as
//! a title, ends the band of columns above it); spaces are put back where Latin words were
//! set apart by position alone.

/// One glyph as the page draws it, in PDF units (y grows upwards).
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Glyph {
    /// Left edge.
    pub x: f32,
    /// Baseline.
    pub y: f32,
    /// Font size as drawn (scaled by the text matrix).
    pub size: f32,
    /// Advance width.
    pub width: f32,
    /// The text it stands for (one char, or a few for a ligature).
    pub text: String,
}

/// The glyphs of one page.
#[derive(Clone, Debug, Default)]
pub(crate) struct PageGlyphs {
    /// 1-based page number.
    pub number: u32,
    /// Page width.
    pub width: f32,
    /// Glyphs in content-stream order.
    pub glyphs: Vec<Glyph>,
}

/// A line of text in reading order.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Line {
    /// The text, spaces restored between Latin words.
    pub text: String,
    /// Left edge of its first glyph.
    pub x0: f32,
    /// Right edge of its last glyph.
    pub x1: f32,
    /// Baseline.
    pub y: f32,
    /// The size most of its glyphs are set in.
    pub size: f32,
    /// Which column of the page it stands in (0 when the page has one).
    pub column: u8,
    /// 1-based page number.
    pub page: u32,
}

/// The lines of a page in reading order.
pub(crate) fn page_lines(page: &PageGlyphs) -> Vec<Line> {
    let mut order: Vec<usize> = (0..page.glyphs.len())
        .filter(|&i| page.glyphs[i].size > 0.0)
        .collect();
    let g = &page.glyphs;
    // Top of the page first; within a baseline, left to right.
    order.sort_by(|&a, &b| g[b].y.total_cmp(&g[a].y).then(g[a].x.total_cmp(&g[b].x)));
    // Baselines: glyphs within a third of their size of the line's first glyph.
    let mut rows: Vec<Vec<usize>> = Vec::new();
    for i in order {
        match rows.last_mut() {
            Some(row) if (g[row[0]].y - g[i].y).abs() <= g[row[0]].size.max(g[i].size) * 0.35 => {
                row.push(i)
            }
            _ => rows.push(vec![i]),
        }
    }
    let mut segments: Vec<Line> = Vec::new();
    for mut row in rows {
        row.sort_by(|&a, &b| g[a].x.total_cmp(&g[b].x));
        let mut current: Vec<usize> = Vec::new();
        for i in row {
            if let Some(&last) = current.last() {
                let gap = g[i].x - (g[last].x + g[last].width);
                // A label and its value set in a table (`作者：  张三`) are one line.
                let label = g[last].text.ends_with(['：', ':']);
                if gap > 2.5 * g[last].size.max(g[i].size) && !label {
                    segments.extend(segment(page, &current));
                    current.clear();
                }
            }
            current.push(i);
        }
        segments.extend(segment(page, &current));
    }
    in_column_order(segments, page.width)
}

/// Builds a segment from glyph indices sorted left to right. A space the page draws is
/// kept (one, between words, as in `中共中央 国务院`); a space set by position alone is put
/// back only between Latin words — the gap Word leaves between Chinese and digits
/// (`到 2020 年`) is spacing, not a character of the text.
fn segment(page: &PageGlyphs, glyphs: &[usize]) -> Option<Line> {
    let g = &page.glyphs;
    let mut text = String::new();
    let mut prev: Option<&Glyph> = None;
    let mut first: Option<&Glyph> = None;
    let mut pending_space = false;
    let mut sizes: Vec<f32> = Vec::with_capacity(glyphs.len());
    for &i in glyphs {
        let glyph = &g[i];
        if glyph.text.trim().is_empty() {
            pending_space = prev.is_some();
            continue;
        }
        if let Some(p) = prev {
            let gap = glyph.x - (p.x + p.width);
            let latin = |s: &str| s.chars().any(|c| c.is_ascii_alphanumeric());
            let set_apart = gap > 0.2 * glyph.size && latin(&p.text) && latin(&glyph.text);
            if pending_space || set_apart {
                text.push(' ');
            }
        }
        pending_space = false;
        text.push_str(&glyph.text);
        sizes.push(glyph.size);
        first.get_or_insert(glyph);
        prev = Some(glyph);
    }
    let (first, last) = (first?, prev?);
    Some(Line {
        text,
        x0: first.x,
        x1: last.x + last.width,
        y: first.y,
        size: typical(&mut sizes),
        column: 0,
        page: page.number,
    })
}

/// The most common value, sizes rounded to a quarter point.
pub(crate) fn typical(values: &mut [f32]) -> f32 {
    values.sort_by(f32::total_cmp);
    let mut best = (0usize, values.first().copied().unwrap_or(0.0));
    let mut i = 0;
    while i < values.len() {
        let v = (values[i] * 4.0).round();
        let mut j = i;
        while j < values.len() && (values[j] * 4.0).round() == v {
            j += 1;
        }
        if j - i > best.0 {
            best = (j - i, values[i]);
        }
        i = j;
    }
    best.1
}

/// Orders segments for reading: when the page has a gutter down its middle that most
/// segments keep to, each band between full-width lines is read left column, then right.
fn in_column_order(segments: Vec<Line>, width: f32) -> Vec<Line> {
    let Some(gutter) = find_gutter(&segments, width) else {
        return segments;
    };
    let mut out = Vec::with_capacity(segments.len());
    let mut left: Vec<Line> = Vec::new();
    let mut right: Vec<Line> = Vec::new();
    for mut s in segments {
        if s.x1 <= gutter {
            left.push(s);
        } else if s.x0 >= gutter {
            s.column = 1;
            right.push(s);
        } else {
            out.append(&mut left);
            out.append(&mut right);
            out.push(s);
        }
    }
    out.append(&mut left);
    out.append(&mut right);
    out
}

/// The x of a gutter between two columns: most lines of text keep to one side of it, and
/// both sides hold text.
fn find_gutter(segments: &[Line], width: f32) -> Option<f32> {
    let long: Vec<&Line> = segments
        .iter()
        .filter(|s| s.text.chars().count() >= 8)
        .collect();
    if long.len() < 10 {
        return None;
    }
    let mut best: Option<(usize, f32)> = None;
    // Candidates around the middle of the page.
    for step in 0..=20 {
        let x = width * (0.35 + 0.3 * step as f32 / 20.0);
        let (mut left, mut right, mut crossing) = (0usize, 0usize, 0usize);
        for s in &long {
            if s.x1 <= x {
                left += 1;
            } else if s.x0 >= x {
                right += 1;
            } else {
                crossing += 1;
            }
        }
        let sides = left.min(right);
        let two_columns = sides * 4 >= long.len() && crossing * 5 <= long.len();
        if two_columns && best.is_none_or(|b| sides > b.0) {
            best = Some((sides, x));
        }
    }
    best.map(|b| b.1)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A line of `text` set from `x` on baseline `y`, one em per char at `size`.
    fn set(glyphs: &mut Vec<Glyph>, text: &str, x: f32, y: f32, size: f32) {
        let mut x = x;
        for c in text.chars() {
            let width = if c.is_ascii() { size * 0.5 } else { size };
            glyphs.push(Glyph {
                x,
                y,
                size,
                width,
                text: c.to_string(),
            });
            x += width;
        }
    }

    #[test]
    fn glyphs_drawn_out_of_order_are_read_top_down_left_to_right() {
        let mut page = PageGlyphs {
            number: 1,
            width: 600.0,
            glyphs: Vec::new(),
        };
        // The second line first, and a quotation mark drawn after its line (another font).
        set(&mut page.glyphs, "第二行的文字", 72.0, 680.0, 12.0);
        set(&mut page.glyphs, "第一行说三农工作", 72.0, 700.0, 12.0);
        set(&mut page.glyphs, "“", 119.0, 700.0, 12.0);
        let lines = page_lines(&page);
        let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, ["第一行说“三农工作", "第二行的文字"]);
    }

    #[test]
    fn drawn_spaces_stay_and_latin_words_get_theirs_back() {
        let mut page = PageGlyphs::default();
        set(
            &mut page.glyphs,
            "中共中央 国务院  Deep learning",
            72.0,
            700.0,
            10.0,
        );
        assert_eq!(page_lines(&page)[0].text, "中共中央 国务院 Deep learning");
        // Words placed apart without a space glyph.
        let mut page = PageGlyphs::default();
        set(&mut page.glyphs, "Deep", 72.0, 700.0, 10.0);
        set(&mut page.glyphs, "learning", 72.0 + 25.0, 700.0, 10.0);
        // Word's gap between Chinese and digits is not a space of the text.
        set(&mut page.glyphs, "到", 140.0, 700.0, 10.0);
        set(&mut page.glyphs, "2020", 152.5, 700.0, 10.0);
        set(&mut page.glyphs, "年", 174.5, 700.0, 10.0);
        let text = &page_lines(&page)[0].text;
        assert!(text.starts_with("Deep learning"), "{text}");
        assert!(text.ends_with("到2020年"), "{text}");
    }

    #[test]
    fn a_two_column_page_is_read_column_by_column() {
        let mut page = PageGlyphs {
            number: 3,
            width: 600.0,
            glyphs: Vec::new(),
        };
        set(&mut page.glyphs, "全宽的论文标题在这里", 150.0, 760.0, 16.0);
        for row in 0..12 {
            let y = 700.0 - row as f32 * 14.0;
            set(
                &mut page.glyphs,
                &format!("左栏第{row:02}行文字内容"),
                50.0,
                y,
                12.0,
            );
            set(
                &mut page.glyphs,
                &format!("右栏第{row:02}行文字内容"),
                320.0,
                y,
                12.0,
            );
        }
        let lines = page_lines(&page);
        assert_eq!(lines[0].text, "全宽的论文标题在这里");
        assert_eq!(lines[1].text, "左栏第00行文字内容");
        assert_eq!(lines[12].text, "左栏第11行文字内容");
        assert_eq!(lines[13].text, "右栏第00行文字内容");
        assert_eq!(lines[13].column, 1);
        assert_eq!(lines.len(), 25);
    }

    #[test]
    fn one_column_with_a_right_aligned_number_stays_one_column() {
        let mut page = PageGlyphs {
            number: 1,
            width: 600.0,
            glyphs: Vec::new(),
        };
        for row in 0..15 {
            let y = 700.0 - row as f32 * 14.0;
            set(
                &mut page.glyphs,
                "一整行正文从左边一直排到右边的页边距为止共三十个字左右的",
                60.0,
                y,
                12.0,
            );
        }
        let lines = page_lines(&page);
        assert_eq!(lines.len(), 15);
        assert!(lines.iter().all(|l| l.column == 0));
    }

    #[test]
    fn the_typical_size_is_the_most_common() {
        assert_eq!(typical(&mut [12.0, 10.5, 10.5, 10.5, 16.0]), 10.5);
        assert_eq!(typical(&mut []), 0.0);
    }
}

//! Footnotes in a PDF: the notes printed at the foot of a page in smaller type, and the
//! note markers raised above a line of the body (`变色龙①`).
//!
//! Left in reading order, a page's footnotes would cut the paragraph that runs on to the
//! next page in two (`…透过战争的全部现象来看，战` · note · `争还是一个…`), and a raised
//! marker, drawn a little above its line, would stand as a line of its own and end the
//! paragraph around it. So the lines are told apart here: the reader of paragraphs sets the
//! footnotes aside until the paragraph in progress ends, and leaves the raised markers out
//! of the body (the note itself keeps its marker).

use super::pdf_layout::Line;

/// What a line is to the reading flow.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Role {
    /// Body text, headings, captions: read in order.
    Body,
    /// A footnote at the foot of its page.
    Footnote,
    /// A note marker raised above a line of the body.
    Marker,
}

/// Footnotes are clearly smaller than the body: at most this share of its size.
const NOTE_SIZE: f32 = 0.88;
/// A raised marker is smaller still.
const MARKER_SIZE: f32 = 0.7;

/// The role of each of `lines` (pages in order, each page's lines in reading order) in a
/// document whose body text is `body_size`: on each page, the run of smaller lines that
/// ends it after body text is footnotes; a tiny line of a few marker characters elsewhere
/// is a raised marker.
pub(super) fn roles(lines: &[Line], body_size: f32) -> Vec<Role> {
    let small = |l: &Line| l.size < body_size * NOTE_SIZE;
    let mut roles: Vec<Role> = lines
        .iter()
        .map(|l| {
            if l.size <= body_size * MARKER_SIZE && is_marker(&l.text) {
                Role::Marker
            } else {
                Role::Body
            }
        })
        .collect();
    let mut start = 0;
    while start < lines.len() {
        let page = lines[start].page;
        let end = lines[start..]
            .iter()
            .position(|l| l.page != page)
            .map_or(lines.len(), |n| start + n);
        // The trailing run of small lines, after at least one body line of the page.
        let mut first_note = end;
        while first_note > start && small(&lines[first_note - 1]) {
            first_note -= 1;
        }
        let body_above = lines[start..first_note].iter().any(|l| !small(l));
        if body_above && first_note < end {
            for role in &mut roles[first_note..end] {
                *role = Role::Footnote;
            }
        }
        start = end;
    }
    roles
}

/// Whether a line is only a note marker: `①`, `1`, `[2]`, `*`, `注3`.
pub(super) fn is_marker(text: &str) -> bool {
    let t = text.trim();
    let n = t.chars().count();
    (1..=4).contains(&n)
        && t.chars().all(|c| {
            c.is_ascii_digit()
                || ('\u{2460}'..='\u{24ff}').contains(&c)
                || ('\u{2776}'..='\u{2793}').contains(&c)
                || "*†‡[]()（）〔〕注".contains(c)
        })
}

/// Whether a footnote line begins a new note: it opens with a marker (`①…`, `1. …`,
/// `[2] …`, `注3：…`).
pub(super) fn opens_note(text: &str) -> bool {
    let t = text.trim_start();
    let mut chars = t.chars();
    match chars.next() {
        Some(c)
            if ('\u{2460}'..='\u{24ff}').contains(&c) || ('\u{2776}'..='\u{2793}').contains(&c) =>
        {
            true
        }
        Some('*' | '†' | '‡' | '[' | '〔' | '注') => true,
        Some(c) if c.is_ascii_digit() => {
            let rest = t.trim_start_matches(|c: char| c.is_ascii_digit());
            rest.starts_with(['.', '．', '、', ')', '）', ' '])
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str, page: u32, size: f32) -> Line {
        Line {
            text: text.into(),
            x0: 72.0,
            x1: 500.0,
            y: 0.0,
            size,
            column: 0,
            page,
        }
    }

    #[test]
    fn small_lines_ending_a_page_after_its_body_are_footnotes() {
        let lines = [
            line("①", 1, 6.0),
            line("正文第一行，提到一个词。", 1, 12.0),
            line("正文第二行，跨到下一页", 1, 12.0),
            line("①", 1, 4.5),
            line("这是脚注。", 1, 9.0),
            line("接着上一页的正文。", 2, 12.0),
            // A page all in small type (an index) has no footnotes: nothing is above them.
            line("索引一", 3, 9.0),
            line("索引二", 3, 9.0),
        ];
        assert_eq!(
            roles(&lines, 12.0),
            [
                Role::Marker,
                Role::Body,
                Role::Body,
                Role::Footnote,
                Role::Footnote,
                Role::Body,
                Role::Body,
                Role::Body,
            ]
        );
    }

    #[test]
    fn markers_and_note_openings_are_told() {
        for m in ["①", "12", "[3]", "*", "注4"] {
            assert!(is_marker(m), "{m}");
        }
        for not in ["正文", "2019年", ""] {
            assert!(!is_marker(not), "{not}");
        }
        for open in ["①指暴力", "1. Smith", "[2] 同上", "注3：见前"] {
            assert!(opens_note(open), "{open}");
        }
        for not in ["指暴力", "2019年出版", "变色龙——蜥蜴"] {
            assert!(!opens_note(not), "{not}");
        }
    }
}

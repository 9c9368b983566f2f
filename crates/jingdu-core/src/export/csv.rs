//! CSV for spreadsheets and flash-card apps (Excel, WPS, LibreOffice, Anki): one note a row —
//! kind, heading path, place (`§2 ¶3`), quote, note, tags, colour name, created, modified and
//! a `jingdu://` link back to the note. Times are ISO 8601 with the reader's offset
//! (`2026-12-04T10:30:00+08:00`), which spreadsheets read as dates and sort.
//!
//! UTF-8 with a byte-order mark, because Excel and WPS read a CSV without one in the system's
//! ANSI code page and show Chinese as mojibake; CRLF line ends, as RFC 4180 and Excel expect.
//! A cell that would start with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading
//! `'`, so a hostile note cannot become a formula (OWASP's CSV-injection advice), and control
//! characters other than line feeds and tabs are dropped.

use std::io::{self, Write};

use super::{Export, kind_label};

/// The header row, as `(Chinese, English)`.
const HEADER: [(&str, &str); 10] = [
    ("类型", "Kind"),
    ("章节", "Section"),
    ("位置", "Place"),
    ("摘句", "Passage"),
    ("笔记", "Note"),
    ("标签", "Tags"),
    ("颜色", "Colour"),
    ("创建", "Created"),
    ("修改", "Modified"),
    ("链接", "Link"),
];

/// Writes the CSV export.
pub fn write(e: &Export<'_>, out: &mut dyn Write) -> io::Result<()> {
    out.write_all("\u{feff}".as_bytes())?;
    let mut w = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(out);
    w.write_record(HEADER.map(|(zh, en)| e.t(zh, en)))?;
    for n in &e.notes {
        let quote = if n.kind == crate::notes::NoteKind::Passage {
            crate::document::typography::display_text(&n.anchor.quote)
        } else {
            String::new()
        };
        let row = [
            kind_label(n.kind, e.labels).to_owned(),
            e.heading_path(n).join(" › "),
            e.place(n),
            quote,
            n.text.clone(),
            n.tags.join(" "),
            e.palette.name_of(&n.color).to_owned(),
            e.iso_time(&n.created),
            e.iso_time(&n.modified),
            e.link(n),
        ];
        w.write_record(row.iter().map(|c| cell(c)))?;
    }
    // The bookmarks after the notes, one row each: place and label (no passage, no text).
    for (n, b) in e.bookmarks.iter().zip(e.bookmark_lines()) {
        let row = [
            kind_label(n.kind, e.labels).to_owned(),
            e.heading_path(n).join(" › "),
            b.place,
            String::new(),
            b.label,
            n.tags.join(" "),
            e.palette.name_of(&n.color).to_owned(),
            e.iso_time(&n.created),
            e.iso_time(&n.modified),
            b.link,
        ];
        w.write_record(row.iter().map(|c| cell(c)))?;
    }
    w.flush()
}

/// A cell as written: no control characters, no formula.
fn cell(text: &str) -> String {
    let clean = crate::terminal_safe::strip_controls(text);
    match clean.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{clean}"),
        _ => clean.into_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_and_controls_are_defused() {
        assert_eq!(
            cell("=HYPERLINK(\"http://x\")"),
            "'=HYPERLINK(\"http://x\")"
        );
        assert_eq!(cell("+1"), "'+1");
        assert_eq!(cell("-2"), "'-2");
        assert_eq!(cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(cell("\tx"), "'\tx");
        assert_eq!(cell("笔记\u{1b}[31m红"), "笔记[31m红");
        assert_eq!(cell("两行\n第二行"), "两行\n第二行");
        assert_eq!(cell("普通的笔记"), "普通的笔记");
    }
}

//! Word documents via docx-rs: the title, the article's metadata, the heading path as Word
//! heading styles with outline levels (so Word's and WPS's navigation pane show the outline),
//! quotes in a quote style, notes, tags and dates; East Asian text in a Song/Hei font setting.

use std::io::{Cursor, Write};

use docx_rs::{
    AlignmentType, BreakType, Docx, LineSpacing, LineSpacingType, Paragraph, Run, RunFonts, Style,
    StyleType,
};

use crate::document::typography::display_text;
use crate::notes::{Note, NoteKind};

use super::{Export, ExportError, Options, xml_safe};

const SONG: &str = "宋体";
const HEI: &str = "黑体";
const LATIN_SERIF: &str = "Times New Roman";
const LATIN_SANS: &str = "Arial";

/// Line spacing of `line`/240 lines with `before`/`after` twips around the paragraph.
fn spacing(line: i32, before: u32, after: u32) -> LineSpacing {
    LineSpacing::new()
        .line_rule(LineSpacingType::Auto)
        .line(line)
        .before(before)
        .after(after)
}

fn fonts(east_asia: &str, latin: &str) -> RunFonts {
    RunFonts::new()
        .east_asia(east_asia)
        .ascii(latin)
        .hi_ansi(latin)
        .cs(latin)
}

/// The styles the document uses: Title, Heading 1–6 with outline levels, Quote, Note, Meta.
fn styles(docx: Docx) -> Docx {
    let mut docx = docx.add_style(
        Style::new("Title", StyleType::Paragraph)
            .name("Title")
            .size(40)
            .bold()
            .fonts(fonts(HEI, LATIN_SANS))
            .line_spacing(spacing(276, 120, 240))
            .align(AlignmentType::Center),
    );
    for level in 1..=6usize {
        let size = match level {
            1 => 32,
            2 => 28,
            3 => 26,
            _ => 24,
        };
        docx = docx.add_style(
            Style::new(format!("Heading{level}"), StyleType::Paragraph)
                .name(format!("heading {level}"))
                .based_on("Normal")
                .next("Normal")
                .q_format(true)
                .size(size)
                .bold()
                .fonts(fonts(HEI, LATIN_SANS))
                .line_spacing(spacing(276, if level == 1 { 360 } else { 240 }, 120))
                .outline_lvl(level - 1),
        );
    }
    docx.add_style(
        Style::new("Quote", StyleType::Paragraph)
            .name("Quote")
            .based_on("Normal")
            .color("5C5954")
            .fonts(fonts("楷体", LATIN_SERIF))
            .line_spacing(spacing(300, 60, 60))
            .indent(Some(420), None, Some(420), None),
    )
    .add_style(
        Style::new("JingduMeta", StyleType::Paragraph)
            .name("Note Meta")
            .based_on("Normal")
            .size(18)
            .color("7A7368")
            .line_spacing(spacing(240, 0, 60)),
    )
    .add_style(
        Style::new("JingduLabel", StyleType::Paragraph)
            .name("Note Label")
            .based_on("Normal")
            .bold()
            .color("A8322D")
            .line_spacing(spacing(276, 200, 60))
            .fonts(fonts(HEI, LATIN_SANS)),
    )
}

/// A run of text with tabs and line breaks turned into Word's own.
fn text_run(text: &str) -> Run {
    let clean = xml_safe(text).replace("\r\n", "\n");
    let mut run = Run::new();
    for (i, line) in clean.split('\n').enumerate() {
        if i > 0 {
            run = run.add_break(BreakType::TextWrapping);
        }
        for (j, part) in line.split('\t').enumerate() {
            if j > 0 {
                run = run.add_tab();
            }
            if !part.is_empty() {
                run = run.add_text(part);
            }
        }
    }
    run
}

fn para(style: &str, text: &str) -> Paragraph {
    Paragraph::new().style(style).add_run(text_run(text))
}

fn note_paragraphs(e: &Export<'_>, o: &Options, n: &Note, number: usize) -> Vec<Paragraph> {
    let mut out = Vec::new();
    // Darkened so that light colours (yellow) stay legible on white paper.
    let [r, g, b] = e
        .palette
        .entry(&n.color)
        .rgb
        .map(|c| (u16::from(c) * 7 / 10) as u8);
    out.push(
        Paragraph::new()
            .style("JingduLabel")
            .keep_next(true)
            .add_run(Run::new().add_text(format!("〔{number}〕")))
            .add_run(
                Run::new()
                    .add_text(xml_safe(&e.label(n)))
                    .color(format!("{r:02X}{g:02X}{b:02X}")),
            ),
    );
    if o.include_quotes && (n.kind != NoteKind::Section || !o.include_headings) {
        out.push(para(
            "Quote",
            &format!("“{}”", display_text(&n.anchor.quote)),
        ));
    }
    if !n.text.trim().is_empty() {
        out.push(para("Normal", &n.text));
    }
    let facts: Vec<String> = super::facts(n)
        .into_iter()
        .map(|(k, v)| format!("{k}：{v}"))
        .collect();
    out.push(para("JingduMeta", &facts.join("　")));
    out
}

/// Writes the DOCX export.
pub fn write(e: &Export<'_>, o: &Options, out: &mut dyn Write) -> Result<(), ExportError> {
    let mut docx = styles(Docx::new())
        .default_fonts(fonts(SONG, LATIN_SERIF))
        .default_size(24)
        .default_line_spacing(spacing(360, 0, 60))
        .created_at(e.generated)
        .updated_at(e.generated);
    if let Some(c) = &e.meta().column {
        docx = docx.add_paragraph(
            Paragraph::new().align(AlignmentType::Center).add_run(
                Run::new()
                    .add_text(xml_safe(&format!("【{c}】")))
                    .color("A8322D"),
            ),
        );
    }
    docx = docx.add_paragraph(para("Title", &format!("{} · 学习笔记", e.title())));
    for (k, v) in e.meta_lines() {
        docx = docx.add_paragraph(para("JingduMeta", &format!("{k}：{v}")));
    }
    if e.notes.is_empty() {
        docx = docx.add_paragraph(para("Normal", "（没有符合条件的笔记）"));
    }
    for entry in e.entries(o.include_headings) {
        for (depth, h) in &entry.headings {
            let level = (depth + 1).min(6);
            docx = docx.add_paragraph(para(&format!("Heading{level}"), h).keep_next(true));
        }
        for p in note_paragraphs(e, o, entry.note, entry.number) {
            docx = docx.add_paragraph(p);
        }
    }
    let mut buf = Cursor::new(Vec::new());
    docx.build()
        .pack(&mut buf)
        .map_err(|err| ExportError::Docx(err.to_string()))?;
    out.write_all(buf.get_ref())
        .map_err(|err| ExportError::io("（输出）", &err))
}

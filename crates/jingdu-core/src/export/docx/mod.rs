//! Word documents via docx-rs: the notes as a finished document to hand in (title, the
//! article's metadata, the heading path as Word headings with outline levels so that the
//! navigation pane shows the outline, quotes, notes, places, tags, local dates, a link back
//! into jingdu, page numbers), and the annotated article with every note as a Word comment
//! (`annotated`). `package` adds what docx-rs cannot write: core properties, languages and
//! the default style.

mod annotated;
mod package;
mod styles;

use std::io::{Cursor, Write};

use docx_rs::{AlignmentType, Docx, Hyperlink, HyperlinkType, Paragraph, Run};

use crate::notes::{Note, NoteKind};

use super::{Export, ExportError, Options, xml_safe};
use styles::{para, text_run};

/// Writes the DOCX export: the notes, or with `o.annotated_copy` the commented article.
pub fn write(e: &Export<'_>, o: &Options, out: &mut dyn Write) -> Result<(), ExportError> {
    let (docx, subject) = if o.annotated_copy {
        (annotated::document(e, o), e.t("批注本", "Annotated text"))
    } else {
        (notes_document(e, o), e.t("学习笔记", "Study notes"))
    };
    let mut buf = Cursor::new(Vec::new());
    docx.pack(&mut buf)
        .map_err(|err| ExportError::Docx(err.to_string()))?;
    let props = package::CoreProperties::of(e, subject);
    let bytes = package::finish(buf.get_ref(), &props)?;
    out.write_all(&bytes)
        .map_err(|err| ExportError::io(crate::i18n::tr("（输出）", "(output)"), &err))
}

/// The title block shared by both documents: column, title, metadata lines with the legend.
fn title_block(e: &Export<'_>, mut docx: Docx, suffix: &str) -> Docx {
    if let Some(c) = &e.meta().column {
        docx = docx.add_paragraph(
            Paragraph::new().align(AlignmentType::Center).add_run(
                Run::new()
                    .add_text(xml_safe(&format!("【{c}】")))
                    .color("A8322D"),
            ),
        );
    }
    docx = docx.add_paragraph(para("Title", &format!("{} · {suffix}", e.title())));
    for (k, v) in e.meta_lines() {
        if k == e.t("颜色", "Colours") {
            // The legend in the colours themselves: each name on its colour's shading.
            let mut p = Paragraph::new()
                .style("JingduMeta")
                .add_run(Run::new().add_text(e.tf("{}：", "{}: ", &[&k])));
            for (i, c) in e.legend().iter().enumerate() {
                if i > 0 {
                    p = p.add_run(Run::new().add_text(e.t("　", "; ")));
                }
                p = p.add_run(
                    Run::new()
                        .add_text(xml_safe(&c.name))
                        .shading(styles::shading(c.rgb)),
                );
            }
            docx = docx.add_paragraph(p);
            continue;
        }
        docx = docx.add_paragraph(para("JingduMeta", &e.tf("{}：{}", "{}: {}", &[&k, &v])));
    }
    docx
}

/// The note's colour darkened so that light colours (yellow) stay legible on white paper.
fn label_color(e: &Export<'_>, n: &Note) -> String {
    let [r, g, b] = e
        .palette
        .entry(&n.color)
        .rgb
        .map(|c| (u16::from(c) * 7 / 10) as u8);
    format!("{r:02X}{g:02X}{b:02X}")
}

/// A hyperlink to `url` showing `text`, in the link colour.
fn link(url: &str, text: &str) -> Hyperlink {
    Hyperlink::new(url, HyperlinkType::External).add_run(
        Run::new()
            .add_text(text)
            .color("A8322D")
            .underline("single"),
    )
}

fn note_paragraphs(e: &Export<'_>, o: &Options, n: &Note, number: usize) -> Vec<Paragraph> {
    let mut out = Vec::new();
    out.push(
        Paragraph::new()
            .style("JingduLabel")
            .keep_next(true)
            .add_run(Run::new().add_text(format!("〔{number}〕")))
            .add_run(
                Run::new()
                    .add_text(xml_safe(&e.label(n)))
                    .color(label_color(e, n)),
            ),
    );
    if o.include_quotes && (n.kind != NoteKind::Section || !o.include_headings) {
        out.push(para("Quote", &format!("“{}”", e.quote(n))));
    }
    if !n.text.trim().is_empty() {
        out.push(Paragraph::new().add_run(text_run(&n.text)));
    }
    let facts: Vec<String> = e
        .facts(n)
        .into_iter()
        .map(|(k, v)| e.tf("{}：{}", "{}: {}", &[&k, &v]))
        .collect();
    let gap = e.t("　", " · ");
    out.push(
        Paragraph::new()
            .style("JingduMeta")
            .add_run(text_run(&facts.join(gap)))
            .add_run(Run::new().add_text(gap))
            .add_hyperlink(link(&e.link(n), e.t("在精读中打开", "Open in jingdu"))),
    );
    out
}

/// The bookmarks on their own after the notes: a heading, then one line each with its place,
/// its label and a link back.
pub(super) fn add_bookmarks(e: &Export<'_>, mut docx: Docx) -> Docx {
    let lines = e.bookmark_lines();
    if lines.is_empty() {
        return docx;
    }
    docx = docx.add_paragraph(para("Heading1", super::BOOKMARKS.get_in(e.labels)).keep_next(true));
    for b in lines {
        let mut p = Paragraph::new();
        if !b.place.is_empty() {
            p = p.add_run(
                Run::new()
                    .add_text(xml_safe(&format!("{}　", b.place)))
                    .color("7A756C"),
            );
        }
        docx = docx.add_paragraph(p.add_hyperlink(link(&b.link, &xml_safe(&b.label))));
    }
    docx
}

/// The notes as a document to hand in.
fn notes_document(e: &Export<'_>, o: &Options) -> Docx {
    let mut docx = title_block(e, styles::new_document(e), e.t("学习笔记", "Study notes"));
    if e.notes.is_empty() {
        docx = docx.add_paragraph(
            Paragraph::new().add_run(text_run(e.t("（没有符合条件的笔记）", "(no notes match)"))),
        );
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
    add_bookmarks(e, docx)
}

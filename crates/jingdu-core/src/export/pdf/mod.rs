//! Print-ready A4 PDF through krilla: the notes, or the annotated article, set in the embedded
//! Noto CJK fonts (subset, so a few hundred KB), selectable and searchable text, bookmarks from
//! the heading path, page numbers, the article's facts on the first page and a link from each
//! note back into jingdu.
//!
//! krilla rather than typst as a library: it is a PDF writer with font subsetting and nothing
//! else (about 70 crates, a minute to build), while typst brings a compiler, its own layout
//! and a world of files to set up for a job that is a title, paragraphs and notes; the
//! line breaking (禁则) and justification are the reader's own (`layout`), so the page and the
//! window break lines alike.

mod face;
mod layout;
mod render;

use std::io::Write;

use crate::document::BlockKind;
use crate::document::typography::display_text;
use crate::notes::{Note, NoteKind};

use super::{Export, ExportError, Options, UNANCHORED};
use face::{Face, Faces};
use layout::{Align, Para, Span, Style};

const INK: [u8; 3] = [0x26, 0x24, 0x20];
const MUTED: [u8; 3] = [0x7A, 0x73, 0x68];
const ACCENT: [u8; 3] = [0xA8, 0x32, 0x2D];
const QUOTE: [u8; 3] = [0x5C, 0x59, 0x54];

fn style(face: Face, size: f32, color: [u8; 3]) -> Style {
    Style {
        face,
        size,
        color,
        leading: 1.75,
        before: 0.0,
        after: 4.0,
        left: 0.0,
        first_indent_em: 0.0,
        align: Align::Justify,
        keep_with_next: false,
    }
}

fn title() -> Style {
    Style {
        leading: 1.4,
        after: 14.0,
        align: Align::Center,
        ..style(Face::SansBold, 20.0, INK)
    }
}

fn meta() -> Style {
    Style {
        leading: 1.5,
        after: 0.0,
        align: Align::Left,
        ..style(Face::Sans, 9.0, MUTED)
    }
}

fn heading(level: usize) -> Style {
    let size = match level {
        1 => 16.0,
        2 => 14.0,
        _ => 12.5,
    };
    Style {
        leading: 1.4,
        before: if level == 1 { 16.0 } else { 10.0 },
        after: 6.0,
        align: Align::Left,
        keep_with_next: true,
        ..style(Face::SansBold, size, INK)
    }
}

fn body() -> Style {
    Style {
        first_indent_em: 2.0,
        after: 6.0,
        ..style(Face::Serif, 11.5, INK)
    }
}

fn label() -> Style {
    Style {
        before: 8.0,
        after: 2.0,
        align: Align::Left,
        keep_with_next: true,
        ..style(Face::SansBold, 10.5, ACCENT)
    }
}

fn quote(left: f32) -> Style {
    Style {
        left: left + 18.0,
        ..style(Face::Serif, 10.5, QUOTE)
    }
}

fn note_text(left: f32) -> Style {
    Style {
        left,
        ..style(Face::Serif, 11.0, INK)
    }
}

fn facts(left: f32) -> Style {
    Style {
        left,
        leading: 1.5,
        after: 6.0,
        align: Align::Left,
        ..style(Face::Sans, 8.5, MUTED)
    }
}

/// `a · b` as set in CJK type: the fonts draw `·` a full em wide, so the spaces go.
/// Text for the PDF's own lines: separators tight, and without the quarter-em spaces of
/// [`crate::document::typography::display_heading`] — the PDF's typesetter puts that gap
/// itself (and its fonts have no such space).
fn tight(text: &str) -> String {
    text.replace(" · ", "·")
        .replace(crate::document::typography::QUARTER_EM_SPACE, "")
}

/// A colour mixed with white, for highlights behind black text.
fn light(rgb: [u8; 3]) -> [u8; 3] {
    crate::notes::palette::soft_rgb(rgb)
}

/// A colour darkened, for text on white paper.
fn dark(rgb: [u8; 3]) -> [u8; 3] {
    rgb.map(|c| (u16::from(c) * 7 / 10) as u8)
}

/// The title block: column, title, metadata lines with the colour legend.
fn title_block(e: &Export<'_>, suffix: &str, out: &mut Vec<Para>) {
    if let Some(c) = &e.meta().column {
        out.push(Para {
            style: Style {
                after: 4.0,
                align: Align::Center,
                ..style(Face::Sans, 10.0, ACCENT)
            },
            spans: vec![Span::plain(format!("【{c}】"))],
            bookmark: None,
        });
    }
    let t = tight(&format!("{} · {suffix}", e.title()));
    out.push(Para {
        style: title(),
        spans: vec![Span::plain(t.clone())],
        bookmark: Some((1, t)),
    });
    for (k, v) in e.meta_lines() {
        let mut spans = vec![Span::plain(e.tf("{}：", "{}: ", &[&k]))];
        if k == e.t("颜色", "Colours") {
            for (i, c) in e.legend().iter().enumerate() {
                if i > 0 {
                    spans.push(Span::plain(e.t("　", "; ")));
                }
                spans.push(Span {
                    text: c.name.clone(),
                    highlight: Some(light(c.rgb)),
                    color: Some(INK),
                    keep_whole: true,
                    ..Span::default()
                });
            }
        } else {
            spans.push(Span::plain(v));
        }
        out.push(Para {
            style: meta(),
            spans,
            bookmark: None,
        });
    }
    if let Some(last) = out.last_mut() {
        last.style.after = 12.0;
    }
}

/// A note's paragraphs, indented `left` points: label with place, quote, text, facts + link.
fn note_paras(e: &Export<'_>, o: &Options, n: &Note, number: usize, left: f32) -> Vec<Para> {
    let rgb = e.palette.entry(&n.color).rgb;
    let mut out = vec![Para {
        style: Style { left, ..label() },
        spans: vec![
            Span::plain(format!("〔{number}〕")),
            Span {
                text: tight(&e.label(n)),
                color: Some(dark(rgb)),
                ..Span::default()
            },
        ],
        bookmark: None,
    }];
    if o.include_quotes && (n.kind != NoteKind::Section || !o.include_headings) {
        out.push(Para {
            style: quote(left),
            spans: vec![Span::plain(format!("“{}”", e.quote(n)))],
            bookmark: None,
        });
    }
    if !n.text.trim().is_empty() {
        out.push(Para {
            style: note_text(left),
            spans: vec![Span::plain(n.text.trim_end().replace("\r\n", "\n"))],
            bookmark: None,
        });
    }
    let line: Vec<String> = e
        .facts(n)
        .into_iter()
        .map(|(k, v)| e.tf("{}：{}", "{}: {}", &[&k, &v]))
        .collect();
    out.push(Para {
        style: facts(left),
        spans: vec![
            Span::plain(format!(
                "{}{}",
                line.join(e.t("　", " · ")),
                e.t("　", " · ")
            )),
            Span {
                text: e.t("在精读中打开", "Open in jingdu").into(),
                color: Some(ACCENT),
                link: Some(e.link(n)),
                keep_whole: true,
                ..Span::default()
            },
        ],
        bookmark: None,
    });
    out
}

/// The notes as a document to hand in.
fn notes_paras(e: &Export<'_>, o: &Options) -> Vec<Para> {
    let mut out = Vec::new();
    title_block(e, e.t("学习笔记", "Study notes"), &mut out);
    if e.notes.is_empty() {
        out.push(Para {
            style: note_text(0.0),
            spans: vec![Span::plain(
                e.t("（没有符合条件的笔记）", "(no notes match)"),
            )],
            bookmark: None,
        });
    }
    for entry in e.entries(o.include_headings) {
        for (depth, h) in &entry.headings {
            let h = h.replace(crate::document::typography::QUARTER_EM_SPACE, "");
            out.push(Para {
                style: heading(depth + 1),
                spans: vec![Span::plain(h.clone())],
                bookmark: Some((depth + 2, h)),
            });
        }
        out.extend(note_paras(e, o, entry.note, entry.number, 0.0));
    }
    out.extend(bookmark_paras(e));
    out
}

/// The article with passages highlighted and numbered, each note after its paragraph.
fn annotated_paras(e: &Export<'_>, o: &Options) -> Vec<Para> {
    let mut out = Vec::new();
    title_block(e, e.t("批注本", "Annotated text"), &mut out);
    let doc = e.doc;
    let numbered = e.numbered();
    for (b, block) in doc.blocks.iter().enumerate() {
        if block.is_run_in() {
            continue;
        }
        match block.kind {
            BlockKind::Heading { level, .. } => {
                let text = display_text(&block.text);
                out.push(Para {
                    style: heading(usize::from(level)),
                    spans: vec![Span::plain(text.clone())],
                    bookmark: Some((usize::from(level) + 1, text)),
                });
            }
            BlockKind::Paragraph => out.push(Para {
                style: body(),
                spans: marked_spans(e, b, &numbered),
                bookmark: None,
            }),
        }
        for (num, n) in super::text::notes_after_block(doc, &numbered, b) {
            let o2 = Options {
                include_quotes: o.include_quotes && n.kind == NoteKind::Passage,
                ..o.clone()
            };
            out.extend(note_paras(e, &o2, n, num, 24.0));
        }
    }
    let lost: Vec<&(usize, &Note)> = numbered.iter().filter(|(_, n)| !n.anchored).collect();
    if !lost.is_empty() {
        out.push(Para {
            style: heading(1),
            spans: vec![Span::plain(UNANCHORED.get_in(e.labels))],
            bookmark: Some((2, UNANCHORED.get_in(e.labels).to_owned())),
        });
        for (num, n) in lost {
            out.extend(note_paras(e, o, n, *num, 0.0));
        }
    }
    out.extend(bookmark_paras(e));
    out
}

/// The bookmarks on their own after the notes: a heading, then each bookmark's place and a
/// link labelled with its name.
fn bookmark_paras(e: &Export<'_>) -> Vec<Para> {
    let lines = e.bookmark_lines();
    if lines.is_empty() {
        return Vec::new();
    }
    let title = super::BOOKMARKS.get_in(e.labels);
    let mut out = vec![Para {
        style: heading(1),
        spans: vec![Span::plain(title)],
        bookmark: Some((2, title.to_owned())),
    }];
    for b in lines {
        let mut spans = Vec::new();
        if !b.place.is_empty() {
            spans.push(Span {
                text: format!("{}　", b.place),
                color: Some(MUTED),
                ..Span::default()
            });
        }
        spans.push(Span {
            text: b.label,
            color: Some(ACCENT),
            link: Some(b.link),
            ..Span::default()
        });
        out.push(Para {
            style: note_text(0.0),
            spans,
            bookmark: None,
        });
    }
    out
}

/// Paragraph `b` cut into spans: passages highlighted in their note's colour (the latest
/// note wins where passages overlap) and `〔n〕` after each passage's end.
fn marked_spans(e: &Export<'_>, b: usize, numbered: &[(usize, &Note)]) -> Vec<Span> {
    let block = &e.doc.blocks[b];
    let chars: Vec<char> = display_text(&block.text).chars().collect();
    let len = chars.len();
    let mut colour: Vec<Option<[u8; 3]>> = vec![None; len];
    let mut ends: Vec<Vec<usize>> = vec![Vec::new(); len + 1];
    for (num, n) in numbered {
        if !n.anchored || n.kind != NoteKind::Passage {
            continue;
        }
        let s = n.anchor.start.max(block.range.start);
        let t = n.anchor.end.min(block.range.end);
        if t <= s {
            continue;
        }
        let (s, t) = (s - block.range.start, t - block.range.start);
        let rgb = light(e.palette.entry(&n.color).rgb);
        for c in &mut colour[s..t] {
            *c = Some(rgb);
        }
        if n.anchor.end <= block.range.end {
            ends[t].push(*num);
        }
    }
    let mut spans: Vec<Span> = Vec::new();
    let mut i = 0;
    while i <= len {
        for num in &ends[i] {
            spans.push(Span {
                text: format!("〔{num}〕"),
                color: Some(ACCENT),
                small: true,
                ..Span::default()
            });
        }
        if i == len {
            break;
        }
        let mut j = i + 1;
        while j < len && colour[j] == colour[i] && ends[j].is_empty() {
            j += 1;
        }
        spans.push(Span {
            text: chars[i..j].iter().collect(),
            highlight: colour[i],
            ..Span::default()
        });
        i = j;
    }
    spans
}

/// Writes the PDF export.
pub fn write(e: &Export<'_>, o: &Options, out: &mut dyn Write) -> Result<(), ExportError> {
    let mut faces = Faces::load().ok_or_else(|| {
        ExportError::Pdf(
            crate::i18n::tr("内置字体无法读取", "the built-in fonts cannot be read").to_owned(),
        )
    })?;
    let (paras, subject) = if o.annotated_copy {
        (annotated_paras(e, o), e.t("批注本", "Annotated text"))
    } else {
        (notes_paras(e, o), e.t("学习笔记", "Study notes"))
    };
    let info = render::Info {
        title: format!("{} · {subject}", e.title()),
        author: e.author_name().map(str::to_owned),
        subject: subject.to_owned(),
        keywords: e.tags().into_iter().map(str::to_owned).collect(),
        created: e.generated.to_owned(),
        header: tight(&format!("{} · {subject}", e.title())),
        page_of: (
            e.t("第 {} 页　共 {} 页", "Page {} of {}"),
            e.t("在精读中打开这条笔记", "Open this note in jingdu"),
        ),
    };
    // Laid out twice: once to count the pages (the footers say how many), once to draw each
    // page as it fills — a long document's pages are never all held at once.
    let (_, total) = layout::lay_out_with(&mut faces, &paras, |_, _| {});
    let mut pdf = render::Pages::new(&info, total);
    let (marks, _) = layout::lay_out_with(&mut faces, &paras, |faces, page| pdf.add(faces, &page));
    let bytes = pdf.finish(&marks)?;
    out.write_all(&bytes)
        .map_err(|err| ExportError::io(crate::i18n::tr("（输出）", "(output)"), &err))
}

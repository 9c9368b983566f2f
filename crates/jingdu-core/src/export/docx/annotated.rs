//! The annotated article as a Word document: the full text with its headings as heading
//! styles, each passage note a Word comment anchored to exactly its passage
//! (`w:commentRangeStart`/`End`, across paragraphs when the passage spans them) and
//! highlighted in its colour, paragraph and section notes comments on their paragraph or
//! heading. Word, WPS and LibreOffice show the notes in the margin.
//!
//! One pass over the blocks with the notes sorted by start: each block looks only at the
//! notes still open at its start, so the work is linear in text plus notes.

use docx_rs::{BreakType, Comment, Docx, FieldCharType, InstrText, Paragraph, Run};

use crate::document::BlockKind;
use crate::document::typography::display_text;
use crate::notes::{Note, NoteKind};

use super::super::{Export, Options, UNANCHORED, xml_safe};
use super::package::utc_time;
use super::styles::{self, para, text_run};

/// A note's comment: the char range it covers in the body text and whether that range is
/// highlighted (passages are; whole paragraphs and headings are not).
struct Span<'a> {
    number: usize,
    note: &'a Note,
    start: usize,
    end: usize,
    highlight: Option<[u8; 3]>,
}

/// The annotated document.
pub(super) fn document(e: &Export<'_>, o: &Options) -> Docx {
    let mut docx = super::title_block(e, styles::new_document(e), e.t("批注本", "Annotated text"));
    let spans = spans(e);
    // Spans sorted by start; `next` is the first not yet opened, `open` those opened and not
    // yet ended (usually none or a few).
    let mut next = 0;
    let mut open: Vec<usize> = Vec::new();
    for block in &e.doc.blocks {
        if block.is_run_in() {
            continue;
        }
        let (bs, be) = (block.range.start, block.range.end);
        while next < spans.len() && spans[next].start < be.max(bs + 1) {
            open.push(next);
            next += 1;
        }
        open.retain(|&k| spans[k].end > bs || spans[k].start >= bs);
        let style = match block.kind {
            BlockKind::Heading { level, .. } => format!("Heading{}", level.clamp(1, 6)),
            BlockKind::Paragraph => "JingduBody".to_owned(),
        };
        let text = display_text(&block.text);
        let p = commented_paragraph(e, o, &style, &text, bs, &spans, &open);
        docx = docx.add_paragraph(if block.is_heading() {
            p.keep_next(true)
        } else {
            p
        });
    }
    let lost: Vec<(usize, &Note)> = e
        .numbered()
        .into_iter()
        .filter(|(_, n)| !n.anchored)
        .collect();
    if !lost.is_empty() {
        docx = docx.add_paragraph(para("Heading1", UNANCHORED.get_in(e.labels)));
        for (number, n) in lost {
            // The passage as it was, commented, so that the note is still in the margin.
            let quote = format!("“{}”", e.quote(n));
            let id = number;
            let p = Paragraph::new()
                .style("Quote")
                .add_comment_start(comment(e, o, n, number, id))
                .add_run(text_run(&quote))
                .add_comment_end(id);
            docx = docx.add_paragraph(p);
        }
    }
    super::add_bookmarks(e, docx)
}

/// The comment spans of the anchored notes, sorted by start (then by number).
fn spans<'a>(e: &Export<'a>) -> Vec<Span<'a>> {
    let doc = e.doc;
    let mut out: Vec<Span<'a>> = e
        .numbered()
        .into_iter()
        .filter(|(_, n)| n.anchored)
        .filter_map(|(number, n)| {
            let (start, end, highlight) = match n.kind {
                NoteKind::Passage => {
                    let rgb = e.palette.entry(&n.color).rgb;
                    let start = n.anchor.start.min(doc.body_len_chars());
                    let end = n.anchor.end.clamp(start, doc.body_len_chars());
                    (start, end, Some(rgb))
                }
                NoteKind::Paragraph | NoteKind::Section | NoteKind::Bookmark => {
                    let b = crate::notes::block_for(doc, n)?;
                    let range = &doc.blocks[b].range;
                    (range.start, range.end, None)
                }
            };
            let (start, end) = snap_to_blocks(doc, start, end);
            Some(Span {
                number,
                note: n,
                start,
                end,
                highlight,
            })
        })
        .collect();
    out.sort_by_key(|s| (s.start, s.number));
    out
}

/// `start..end` moved inside the text of blocks: a start in the gap between two blocks moves
/// to the next block, an end in a gap to the previous one's end, and an empty range grows to
/// one char, so that every comment opens and closes inside a paragraph, in that order.
fn snap_to_blocks(doc: &crate::document::Document, start: usize, end: usize) -> (usize, usize) {
    let blocks = &doc.blocks;
    let first = blocks.partition_point(|b| b.range.end <= start);
    let start = blocks
        .get(first)
        .map_or(start, |b| start.max(b.range.start));
    let last = blocks.partition_point(|b| b.range.start < end.max(start + 1));
    let end = match last.checked_sub(1).and_then(|i| blocks.get(i)) {
        Some(b) => end.max(start + 1).min(b.range.end.max(start + 1)),
        None => end.max(start + 1),
    };
    (start, end)
}

/// One block's text cut at every comment boundary inside it: comment starts, highlighted or
/// plain runs, comment ends.
fn commented_paragraph(
    e: &Export<'_>,
    o: &Options,
    style: &str,
    text: &str,
    block_start: usize,
    spans: &[Span<'_>],
    open: &[usize],
) -> Paragraph {
    let chars: Vec<char> = text.chars().collect();
    let len = chars.len();
    let local = |at: usize| at.saturating_sub(block_start).min(len);
    let mut cuts = vec![0, len];
    for &k in open {
        cuts.push(local(spans[k].start));
        cuts.push(local(spans[k].end));
    }
    cuts.sort_unstable();
    cuts.dedup();
    let starts_here = |k: usize, at: usize| {
        let s = &spans[k];
        s.start >= block_start && local(s.start) == at
    };
    let ends_here = |k: usize, at: usize| {
        let s = &spans[k];
        s.end <= block_start + len && local(s.end) == at
    };
    let mut p = Paragraph::new().style(style);
    for w in cuts.windows(2) {
        let (from, to) = (w[0], w[1]);
        for &k in open {
            if starts_here(k, from) {
                let s = &spans[k];
                p = p.add_comment_start(comment(e, o, s.note, s.number, s.number));
            }
        }
        if from < to {
            let piece: String = chars[from..to].iter().collect();
            let mut run = text_run(&piece);
            // The innermost (latest opened) highlighted note covering the piece colours it.
            let cover =
                open.iter().rev().map(|&k| &spans[k]).find(|s| {
                    s.highlight.is_some() && local(s.start) <= from && local(s.end) >= to
                });
            if let Some(h) = cover.and_then(|s| s.highlight) {
                run = run.shading(styles::shading(h));
            }
            p = p.add_run(run);
        }
        for &k in open {
            if ends_here(k, to) {
                p = p.add_comment_end(spans[k].number);
            }
        }
    }
    p
}

/// The Word comment of note `n`: label and place, the note's text, tags and dates, and a
/// link back into jingdu (a HYPERLINK field, which Word and LibreOffice follow from a comment).
fn comment(e: &Export<'_>, o: &Options, n: &Note, number: usize, id: usize) -> Comment {
    let author = e.author_name().unwrap_or("精读");
    let mut label = format!("〔{number}〕{}", e.label(n));
    let place = e.place(n);
    if !place.is_empty() {
        label.push_str(&format!(" · {place}"));
    }
    // One paragraph with line breaks: docx-rs writes a comment once per paragraph it holds.
    let mut p = Paragraph::new().add_run(text_run(&label).bold());
    if o.include_quotes && n.kind != NoteKind::Passage && !n.anchored {
        p = p
            .add_run(Run::new().add_break(BreakType::TextWrapping))
            .add_run(text_run(&format!("“{}”", e.quote(n))));
    }
    if !n.text.trim().is_empty() {
        p = p
            .add_run(Run::new().add_break(BreakType::TextWrapping))
            .add_run(text_run(n.text.trim_end()));
    }
    let facts: Vec<String> = e
        .facts(n)
        .into_iter()
        .filter(|(k, _)| *k != e.t("位置", "Place"))
        .map(|(k, v)| e.tf("{}：{}", "{}: {}", &[&k, &v]))
        .collect();
    let gap = e.t("　", " · ");
    let url = e.link(n);
    p = p
        .add_run(Run::new().add_break(BreakType::TextWrapping))
        .add_run(text_run(&facts.join(gap)).size(18).color("7A7368"))
        .add_run(Run::new().add_text(gap))
        .add_run(
            Run::new()
                .add_field_char(FieldCharType::Begin, false)
                // docx-rs writes field instructions unescaped.
                .add_instr_text(InstrText::Unsupported(format!(
                    " HYPERLINK \"{}\" ",
                    quick_xml::escape::escape(&url)
                ))),
        )
        .add_run(Run::new().add_field_char(FieldCharType::Separate, false))
        .add_run(
            Run::new()
                .add_text(e.t("在精读中打开", "Open in jingdu"))
                .size(18)
                .color("A8322D")
                .underline("single"),
        )
        .add_run(Run::new().add_field_char(FieldCharType::End, false));
    Comment::new(id)
        .author(xml_safe(author))
        .date(utc_time(&n.modified))
        .add_paragraph(p)
}

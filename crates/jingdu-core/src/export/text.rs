//! Plain UTF-8 text, readable in any editor: the title, metadata, and the notes under
//! 【heading】 lines, each note indented under its quote. Also helpers shared by the
//! "annotated copy" formats.

use std::io::{self, Write};

use crate::document::Document;
use crate::notes::{Note, NoteKind};

use super::{Export, Options};

/// The block a note is drawn with (its heading for a section note).
pub fn note_block(doc: &Document, n: &Note) -> Option<usize> {
    crate::notes::block_for(doc, n)
}

/// The numbered notes drawn after block `b` in an annotated copy: those on `b`, and for a
/// paragraph carrying a run-in heading, those on that heading too.
pub fn notes_after_block<'a>(
    doc: &Document,
    numbered: &[(usize, &'a Note)],
    b: usize,
) -> Vec<(usize, &'a Note)> {
    let run_in = b.checked_sub(1).filter(|&h| doc.blocks[h].is_run_in());
    numbered
        .iter()
        .filter(|(_, n)| n.anchored)
        .filter(|(_, n)| {
            let owner = note_block(doc, n);
            owner == Some(b) || (run_in.is_some() && owner == run_in)
        })
        .copied()
        .collect()
}

/// Paragraph `b`'s source text with `〔n〕` inserted where each numbered passage ends.
pub fn mark_passages(doc: &Document, b: usize, numbered: &[(usize, &Note)]) -> String {
    let block = &doc.blocks[b];
    let chars: Vec<char> = block.text.chars().collect();
    let mut marks: Vec<(usize, usize)> = numbered
        .iter()
        .filter(|(_, n)| n.anchored && n.kind == NoteKind::Passage)
        .filter(|(_, n)| n.anchor.end > block.range.start && n.anchor.end <= block.range.end)
        .map(|(num, n)| (n.anchor.end - block.range.start, *num))
        .collect();
    marks.sort();
    let mut out = String::with_capacity(block.text.len() + marks.len() * 8);
    let mut k = 0;
    for (i, c) in chars.iter().enumerate() {
        while k < marks.len() && marks[k].0 == i {
            out.push_str(&format!("〔{}〕", marks[k].1));
            k += 1;
        }
        out.push(*c);
    }
    for (_, num) in &marks[k..] {
        out.push_str(&format!("〔{num}〕"));
    }
    out
}

fn indent(text: &str, prefix: &str) -> String {
    text.lines()
        .map(|l| format!("{prefix}{l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Writes the plain-text export. Control characters a document or a note may hold (escape
/// sequences that act on a terminal when the file is `cat`) are dropped.
pub fn write(e: &Export<'_>, o: &Options, out: &mut dyn Write) -> io::Result<()> {
    let mut out = crate::terminal_safe::StripControls::new(out);
    write_unfiltered(e, o, &mut out)?;
    out.flush()
}

fn write_unfiltered(e: &Export<'_>, o: &Options, out: &mut dyn Write) -> io::Result<()> {
    let title = e.tf("{} · 学习笔记", "{} · Study notes", &[&e.title()]);
    writeln!(out, "{title}")?;
    writeln!(out, "{}", "=".repeat(title.chars().count() * 2))?;
    for (k, v) in e.meta_lines() {
        writeln!(out, "{}", e.tf("{}：{}", "{}: {}", &[&k, &v]))?;
    }
    writeln!(out)?;
    if e.notes.is_empty() {
        writeln!(out, "{}", e.t("（没有符合条件的笔记）", "(no notes match)"))?;
        writeln!(out)?;
    }
    for entry in e.entries(o.include_headings) {
        let n = entry.note;
        if !entry.headings.is_empty() {
            // The whole path whenever it changes: plain text has no heading levels.
            let path = e.heading_path(n);
            let shown = if path.is_empty() {
                super::BEFORE_FIRST_HEADING.get_in(e.labels).to_owned()
            } else {
                path.join(" › ")
            };
            writeln!(out, "【{shown}】")?;
            writeln!(out)?;
        }
        writeln!(out, "{}. {}", entry.number, e.label(n))?;
        if o.include_quotes && (n.kind != NoteKind::Section || !o.include_headings) {
            writeln!(out, "{}", indent(&format!("“{}”", e.quote(n)), "    "))?;
        }
        if !n.text.trim().is_empty() {
            writeln!(out, "{}", indent(&n.text.replace("\r\n", "\n"), "    "))?;
        }
        let facts: Vec<String> = e
            .facts(n)
            .into_iter()
            .map(|(k, v)| e.tf("{}：{}", "{}: {}", &[&k, &v]))
            .collect();
        writeln!(
            out,
            "    {}",
            e.tf("（{}）", "({})", &[&facts.join(e.t("；", "; "))])
        )?;
        writeln!(out, "    {}", e.link(n))?;
        writeln!(out)?;
    }
    let bookmarks = e.bookmark_lines();
    if !bookmarks.is_empty() {
        writeln!(out, "【{}】", super::BOOKMARKS.get_in(e.labels))?;
        writeln!(out)?;
        for b in bookmarks {
            let place = if b.place.is_empty() {
                String::new()
            } else {
                format!("{}　", b.place)
            };
            writeln!(out, "{place}{}", b.label)?;
            writeln!(out, "    {}", b.link)?;
        }
        writeln!(out)?;
    }
    Ok(())
}

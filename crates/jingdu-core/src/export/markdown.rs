//! Markdown (CommonMark with YAML front matter, as Obsidian, Logseq and Typora read it): title
//! and metadata, the article's headings as `##`…, quotes as `>` blocks, every note with its
//! colour, place (`§2 ¶3`), tags, dates and a link back into jingdu. All user text is escaped so
//! that a note can never turn into a heading, a list, a code block or raw HTML.

use std::io::{self, Write};

use crate::document::BlockKind;
use crate::document::typography::display_text;
use crate::notes::{Note, NoteKind};

use super::{Export, Options};

/// Escapes text for use inside a CommonMark paragraph or heading, line by line; lines are
/// joined with hard line breaks so that the note keeps its line breaks.
pub fn escape_block(text: &str) -> String {
    let lines: Vec<String> = text
        .split('\n')
        .map(|l| escape_line(l.trim_end_matches('\r')))
        .collect();
    // Blank lines separate paragraphs; other line ends become hard breaks (`\` at the end).
    let mut out = String::new();
    for (i, line) in lines.iter().enumerate() {
        out.push_str(line);
        if i + 1 < lines.len() {
            let next_blank = lines[i + 1].is_empty();
            if line.is_empty() || next_blank {
                out.push('\n');
            } else {
                out.push_str("\\\n");
            }
        }
    }
    out
}

/// Escapes one line.
pub fn escape_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    // Leading whitespace would make an indented code block: write it as entities.
    let mut chars = line.chars().peekable();
    while let Some(&c) = chars.peek() {
        match c {
            ' ' => out.push_str("&#32;"),
            '\t' => out.push_str("&#9;"),
            _ => break,
        }
        chars.next();
    }
    let rest: String = chars.collect();
    let len = rest.chars().count();
    for (i, c) in rest.chars().enumerate() {
        let at_start = i == 0;
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&' | '!' | '{' | '}'
            | '$' => {
                out.push('\\');
                out.push(c);
            }
            // `#` opens a heading at the start and closes one at the end; elsewhere it is a
            // tag (`#党建`), which notes apps such as Obsidian understand.
            '#' if at_start || i + 1 == len => {
                out.push('\\');
                out.push(c);
            }
            '-' | '+' | '=' if at_start => {
                out.push('\\');
                out.push(c);
            }
            '.' | ')' if out.chars().all(|d| d.is_ascii_digit()) && !out.is_empty() => {
                // `1.` or `1)` at the start would begin an ordered list.
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

fn quote_block(text: &str) -> String {
    escape_block(text)
        .lines()
        .map(|l| {
            if l.is_empty() {
                ">".to_owned()
            } else {
                format!("> {l}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn heading(level: usize, text: &str) -> String {
    format!("{} {}", "#".repeat(level.clamp(1, 6)), escape_line(text))
}

fn write_note(
    e: &Export<'_>,
    o: &Options,
    n: &Note,
    number: usize,
    out: &mut dyn Write,
) -> io::Result<()> {
    writeln!(out, "**〔{number}〕{}**", escape_line(&e.label(n)))?;
    writeln!(out)?;
    if o.include_quotes {
        let quote = display_text(&n.anchor.quote);
        match n.kind {
            NoteKind::Passage | NoteKind::Paragraph | NoteKind::Bookmark => {
                writeln!(out, "{}", quote_block(&quote))?;
                writeln!(out)?;
            }
            NoteKind::Section if !o.include_headings => {
                writeln!(out, "{}", quote_block(&quote))?;
                writeln!(out)?;
            }
            NoteKind::Section => {}
        }
    }
    if !n.text.trim().is_empty() {
        writeln!(out, "{}", escape_block(&n.text))?;
        writeln!(out)?;
    }
    let facts: Vec<String> = e
        .facts(n)
        .into_iter()
        .map(|(k, v)| e.tf("{}：{}", "{}: {}", &[&k, &v]))
        .collect();
    // Plain, not italic: Chinese has no italics, and `#标签` stays a tag for notes apps. The
    // link is built from ids and percent-encoded, so it needs no escaping.
    writeln!(
        out,
        "{} · [{}]({})",
        escape_line(&facts.join(" · ")),
        e.t("在精读中打开", "Open in jingdu"),
        e.link(n)
    )?;
    writeln!(out)?;
    Ok(())
}

/// A value of the front matter: one line, as a YAML double-quoted string (JSON's syntax, which
/// YAML 1.2 shares). A renderer without front-matter support shows the block as a paragraph,
/// so `<`, `>` and `&` are written as `\u` escapes: the value means the same to YAML, and no
/// markup from a title or tag reaches such a renderer as raw HTML.
fn front_matter_value(v: &str) -> String {
    let clean = crate::terminal_safe::strip_controls(v).replace(['\n', '\t'], " ");
    let json = serde_json::to_string(&clean).unwrap_or_else(|_| "\"\"".to_owned());
    json.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

/// YAML front matter for notes apps (Obsidian, Logseq, Typora): title, author, source,
/// published, tags and the export time. Values are double-quoted YAML strings (JSON's
/// escaping, which YAML reads the same), so no note or title can break out of them.
fn write_front_matter(e: &Export<'_>, out: &mut dyn Write) -> io::Result<()> {
    let quoted = |v: &str| front_matter_value(v);
    let m = e.meta();
    writeln!(out, "---")?;
    writeln!(out, "title: {}", quoted(&e.title()))?;
    if let Some(a) = &m.author {
        writeln!(out, "author: {}", quoted(a))?;
    }
    let source = m.source.clone().or_else(|| e.info.path.clone());
    if let Some(src) = source {
        writeln!(out, "source: {}", quoted(&src))?;
    }
    if let Some(d) = &m.published {
        writeln!(out, "published: {}", quoted(d))?;
    }
    let tags = e.tags();
    if !tags.is_empty() {
        let list: Vec<String> = tags.iter().map(|t| quoted(t)).collect();
        writeln!(out, "tags: [{}]", list.join(", "))?;
    }
    writeln!(out, "exported: {}", quoted(e.generated))?;
    writeln!(out, "---")?;
    writeln!(out)?;
    Ok(())
}

fn write_header(e: &Export<'_>, out: &mut dyn Write, suffix: &str) -> io::Result<()> {
    write_front_matter(e, out)?;
    writeln!(out, "{}", heading(1, &format!("{}{suffix}", e.title())))?;
    writeln!(out)?;
    for (k, v) in e.meta_lines() {
        writeln!(
            out,
            "- {}",
            e.tf("{}：{}", "{}: {}", &[&escape_line(&k), &escape_line(&v)])
        )?;
    }
    writeln!(out)?;
    Ok(())
}

/// Writes the Markdown export.
pub fn write(e: &Export<'_>, o: &Options, out: &mut dyn Write) -> io::Result<()> {
    if o.annotated_copy {
        return write_annotated(e, o, out);
    }
    write_header(e, out, e.t(" · 学习笔记", " · Study notes"))?;
    if e.notes.is_empty() {
        writeln!(out, "{}", e.t("（没有符合条件的笔记）", "(no notes match)"))?;
        writeln!(out)?;
    }
    for entry in e.entries(o.include_headings) {
        for (depth, h) in &entry.headings {
            writeln!(out, "{}", heading(depth + 2, h))?;
            writeln!(out)?;
        }
        write_note(e, o, entry.note, entry.number, out)?;
    }
    write_bookmarks(e, out)
}

/// The bookmarks, on their own after the notes: place, label, link.
fn write_bookmarks(e: &Export<'_>, out: &mut dyn Write) -> io::Result<()> {
    let lines = e.bookmark_lines();
    if lines.is_empty() {
        return Ok(());
    }
    writeln!(out, "{}", heading(2, super::BOOKMARKS.get_in(e.labels)))?;
    writeln!(out)?;
    for b in lines {
        let place = if b.place.is_empty() {
            String::new()
        } else {
            format!("{} · ", escape_line(&b.place))
        };
        writeln!(
            out,
            "- {place}{} · [{}]({})",
            escape_line(&b.label),
            e.t("在精读中打开", "Open in jingdu"),
            b.link
        )?;
    }
    writeln!(out)
}

/// The whole article with the notes after the block they belong to; passages are marked with
/// `〔n〕` where they end.
fn write_annotated(e: &Export<'_>, o: &Options, out: &mut dyn Write) -> io::Result<()> {
    write_header(e, out, e.t(" · 批注本", " · Annotated text"))?;
    let doc = e.doc;
    let numbered = e.numbered();
    for (b, block) in doc.blocks.iter().enumerate() {
        if block.is_run_in() {
            continue;
        }
        match block.kind {
            BlockKind::Heading { level, .. } => {
                writeln!(
                    out,
                    "{}",
                    heading(
                        usize::from(level) + 1,
                        &crate::document::typography::display_heading(&block.text),
                    )
                )?;
            }
            BlockKind::Paragraph => {
                let marked = super::text::mark_passages(doc, b, &numbered);
                writeln!(out, "{}", escape_block(&display_text(&marked)))?;
            }
        }
        writeln!(out)?;
        let here = super::text::notes_after_block(doc, &numbered, b);
        for (num, n) in here {
            let mut inner = Vec::new();
            let o2 = Options {
                include_quotes: o.include_quotes && n.kind == NoteKind::Passage,
                ..o.clone()
            };
            write_note(e, &o2, n, num, &mut inner)?;
            let inner = String::from_utf8_lossy(&inner);
            for line in inner.trim_end().lines() {
                if line.is_empty() {
                    writeln!(out, ">")?;
                } else {
                    writeln!(out, "> {line}")?;
                }
            }
            writeln!(out)?;
        }
    }
    let lost: Vec<&(usize, &Note)> = numbered.iter().filter(|(_, n)| !n.anchored).collect();
    if !lost.is_empty() {
        writeln!(out, "{}", heading(2, super::UNANCHORED.get_in(e.labels)))?;
        writeln!(out)?;
        for (num, n) in lost {
            write_note(e, o, n, *num, out)?;
        }
    }
    write_bookmarks(e, out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_blocks_structure() {
        assert_eq!(escape_line("# 不是标题"), "\\# 不是标题");
        assert_eq!(escape_line("- 不是列表"), "\\- 不是列表");
        assert_eq!(escape_line("1. 不是编号"), "1\\. 不是编号");
        assert_eq!(escape_line("<script>"), "\\<script\\>");
        assert_eq!(escape_line("    代码"), "&#32;&#32;&#32;&#32;代码");
        assert_eq!(escape_line("a*b_c"), "a\\*b\\_c");
        assert_eq!(
            escape_block("第一行\n第二行\n\n新段"),
            "第一行\\\n第二行\n\n新段"
        );
    }
}

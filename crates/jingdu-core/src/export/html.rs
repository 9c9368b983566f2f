//! One standalone, print-friendly HTML file: embedded CSS with a CJK font stack, no external
//! resources, every piece of user text escaped.

use std::io::{self, Write};

use crate::document::BlockKind;
use crate::document::typography::display_text;
use crate::notes::{Note, NoteKind};

use super::{Export, Options};

/// Escapes text for HTML content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Escapes text and keeps its line breaks.
fn escape_lines(s: &str) -> String {
    escape(&s.replace("\r\n", "\n")).replace('\n', "<br>\n")
}

const CSS: &str = r#"
:root { --ink: #262420; --muted: #7a7368; --paper: #fbf8f1; --accent: #a8322d; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--paper); color: var(--ink);
  font-family: "Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", "STSong", "SimSun", "宋体", serif;
  font-size: 17px; line-height: 1.75; }
main { max-width: 40em; margin: 0 auto; padding: 2.5em 1.5em 4em; }
h1, h2, h3, h4, h5, h6, .label, .meta, .facts {
  font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "微软雅黑", "Heiti SC", sans-serif; }
h1 { font-size: 1.6em; text-align: center; line-height: 1.4; margin: 0 0 .4em; }
h2 { font-size: 1.25em; margin: 1.8em 0 .6em; }
h3 { font-size: 1.1em; margin: 1.4em 0 .5em; }
h4, h5, h6 { font-size: 1em; margin: 1.2em 0 .4em; }
.column { text-align: center; color: var(--accent); margin: 0; font-size: .9em; }
.meta { list-style: none; padding: 0; margin: 0 auto 2em; color: var(--muted); font-size: .85em; text-align: center; }
.meta li { display: inline; }
.meta li + li::before { content: " · "; }
p.body { text-indent: 2em; margin: 0 0 .6em; text-align: justify; }
.note { border-left: 4px solid var(--c, #f2c94c); background: #fff; margin: .8em 0 1.2em; padding: .6em 1em;
  border-radius: 0 6px 6px 0; break-inside: avoid; page-break-inside: avoid; }
.label { font-size: .85em; color: var(--muted); margin: 0 0 .3em; }
.label .n { color: var(--accent); font-weight: bold; }
blockquote { margin: .2em 0 .5em; padding: .1em .8em; border-left: 2px solid #d8d2c6; color: #5c5954; }
.text { margin: .3em 0; white-space: pre-wrap; overflow-wrap: anywhere; }
.facts { font-size: .8em; color: var(--muted); margin: .3em 0 0; }
mark { background: color-mix(in srgb, var(--c, #f2c94c) 45%, transparent); color: inherit; padding: 0 .1em; }
sup.ref { color: var(--accent); font-size: .7em; }
.swatch { white-space: nowrap; }
.bookmarks .place { color: var(--muted); font-size: .85em; margin-right: .3em; }
.swatch::before { content: ""; display: inline-block; width: .8em; height: .8em; margin-right: .2em;
  vertical-align: -.05em; border-radius: 2px; background: var(--c); }
a.back { color: var(--accent); text-decoration: none; }
@media print { a.back { display: none; } }
@media print {
  body { background: #fff; font-size: 12pt; }
  main { max-width: none; padding: 0; }
  .note { background: #fff; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
}
"#;

fn color_css(e: &Export<'_>, n: &Note) -> String {
    let [r, g, b] = e.palette.entry(&n.color).rgb;
    format!("--c: #{r:02x}{g:02x}{b:02x}")
}

fn write_note(
    e: &Export<'_>,
    o: &Options,
    n: &Note,
    number: usize,
    out: &mut dyn Write,
) -> io::Result<()> {
    writeln!(
        out,
        "<section class=\"note\" id=\"note-{number}\" style=\"{}\">",
        color_css(e, n)
    )?;
    writeln!(
        out,
        "<p class=\"label\"><span class=\"n\">〔{number}〕</span>{}</p>",
        escape(&e.label(n))
    )?;
    let show_quote = o.include_quotes && (n.kind != NoteKind::Section || !o.include_headings);
    if show_quote {
        writeln!(
            out,
            "<blockquote>{}</blockquote>",
            escape_lines(&display_text(&n.anchor.quote))
        )?;
    }
    if !n.text.trim().is_empty() {
        // `pre-wrap` keeps the note's line breaks, tabs and runs of spaces.
        writeln!(
            out,
            "<p class=\"text\">{}</p>",
            escape(&n.text.replace("\r\n", "\n"))
        )?;
    }
    let mut facts: Vec<String> = e
        .facts(n)
        .into_iter()
        .map(|(k, v)| match k {
            k if k == e.t("创建", "Created") => format!(
                "{}<time datetime=\"{}\">{}</time>",
                e.tf("{}：", "{}: ", &[&k]),
                escape(&n.created),
                escape(&v)
            ),
            k if k == e.t("修改", "Modified") => format!(
                "{}<time datetime=\"{}\">{}</time>",
                e.tf("{}：", "{}: ", &[&k]),
                escape(&n.modified),
                escape(&v)
            ),
            _ => e.tf("{}：{}", "{}: {}", &[&k, &escape(&v)]),
        })
        .collect();
    facts.push(format!(
        "<a class=\"back\" href=\"{}\">{}</a>",
        escape(&e.link(n)),
        e.t("在精读中打开", "Open in jingdu")
    ));
    writeln!(out, "<p class=\"facts\">{}</p>", facts.join(" · "))?;
    writeln!(out, "</section>")
}

fn write_head(e: &Export<'_>, out: &mut dyn Write, suffix: &str) -> io::Result<()> {
    let title = e.title();
    writeln!(out, "<!DOCTYPE html>")?;
    writeln!(out, "<html lang=\"zh-CN\">")?;
    writeln!(out, "<head>")?;
    writeln!(out, "<meta charset=\"utf-8\">")?;
    writeln!(
        out,
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
    )?;
    writeln!(
        out,
        "<meta name=\"generator\" content=\"jingdu {}\">",
        env!("CARGO_PKG_VERSION")
    )?;
    writeln!(out, "<title>{}{}</title>", escape(&title), escape(suffix))?;
    writeln!(out, "<style>{CSS}</style>")?;
    writeln!(out, "</head>")?;
    writeln!(out, "<body>")?;
    writeln!(out, "<main>")?;
    if let Some(c) = &e.meta().column {
        writeln!(out, "<p class=\"column\">【{}】</p>", escape(c))?;
    }
    writeln!(
        out,
        "<h1>{}<br><small>{}</small></h1>",
        escape(&title),
        escape(suffix.trim_start_matches(" · "))
    )?;
    writeln!(out, "<ul class=\"meta\">")?;
    for (k, v) in e.meta_lines() {
        if k == e.t("颜色", "Colours") {
            // The legend in the colours themselves, with the reader's names.
            let swatches: Vec<String> = e
                .legend()
                .iter()
                .map(|c| {
                    let [r, g, b] = c.rgb;
                    format!(
                        "<span class=\"swatch\" style=\"--c: #{r:02x}{g:02x}{b:02x}\">{}</span>",
                        escape(&c.name)
                    )
                })
                .collect();
            writeln!(
                out,
                "<li>{}</li>",
                e.tf("{}：{}", "{}: {}", &[&escape(&k), &swatches.join(" ")])
            )?;
            continue;
        }
        writeln!(
            out,
            "<li>{}</li>",
            e.tf("{}：{}", "{}: {}", &[&escape(&k), &escape(&v)])
        )?;
    }
    writeln!(out, "</ul>")
}

/// The bookmarks, on their own after the notes: place, label, link.
fn write_bookmarks(e: &Export<'_>, out: &mut dyn Write) -> io::Result<()> {
    let lines = e.bookmark_lines();
    if lines.is_empty() {
        return Ok(());
    }
    writeln!(
        out,
        "<h2>{}</h2>",
        escape(super::BOOKMARKS.get_in(e.labels))
    )?;
    writeln!(out, "<ul class=\"bookmarks\">")?;
    for b in lines {
        let place = if b.place.is_empty() {
            String::new()
        } else {
            format!("<span class=\"place\">{}</span> ", escape(&b.place))
        };
        writeln!(
            out,
            "<li>{place}<a href=\"{}\">{}</a></li>",
            escape(&b.link),
            escape(&b.label)
        )?;
    }
    writeln!(out, "</ul>")
}

fn write_tail(out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "</main>")?;
    writeln!(out, "</body>")?;
    writeln!(out, "</html>")
}

/// Writes the HTML export.
pub fn write(e: &Export<'_>, o: &Options, out: &mut dyn Write) -> io::Result<()> {
    if o.annotated_copy {
        return write_annotated(e, o, out);
    }
    write_head(e, out, e.t(" · 学习笔记", " · Study notes"))?;
    if e.notes.is_empty() {
        writeln!(
            out,
            "<p>{}</p>",
            e.t("（没有符合条件的笔记）", "(no notes match)")
        )?;
    }
    for entry in e.entries(o.include_headings) {
        for (depth, h) in &entry.headings {
            let level = (depth + 2).min(6);
            writeln!(out, "<h{level}>{}</h{level}>", escape(h))?;
        }
        write_note(e, o, entry.note, entry.number, out)?;
    }
    write_bookmarks(e, out)?;
    write_tail(out)
}

/// The article with passages marked and notes after the block they belong to.
fn write_annotated(e: &Export<'_>, o: &Options, out: &mut dyn Write) -> io::Result<()> {
    write_head(e, out, e.t(" · 批注本", " · Annotated text"))?;
    let doc = e.doc;
    let numbered = e.numbered();
    for (b, block) in doc.blocks.iter().enumerate() {
        if block.is_run_in() {
            continue;
        }
        match block.kind {
            BlockKind::Heading { level, .. } => {
                let l = (usize::from(level) + 1).min(6);
                writeln!(
                    out,
                    "<h{l}>{}</h{l}>",
                    escape(&crate::document::typography::display_heading(&block.text))
                )?;
            }
            BlockKind::Paragraph => {
                writeln!(
                    out,
                    "<p class=\"body\">{}</p>",
                    marked_paragraph(e, b, &numbered)
                )?;
            }
        }
        for (num, n) in super::text::notes_after_block(doc, &numbered, b) {
            let o2 = Options {
                include_quotes: o.include_quotes && n.kind == NoteKind::Passage,
                ..o.clone()
            };
            write_note(e, &o2, n, num, out)?;
        }
    }
    let lost: Vec<&(usize, &Note)> = numbered.iter().filter(|(_, n)| !n.anchored).collect();
    if !lost.is_empty() {
        writeln!(
            out,
            "<h2>{}</h2>",
            escape(super::UNANCHORED.get_in(e.labels))
        )?;
        for (num, n) in lost {
            write_note(e, o, n, *num, out)?;
        }
    }
    write_bookmarks(e, out)?;
    write_tail(out)
}

/// Paragraph `b` as HTML with each passage note wrapped in `<mark>` and numbered.
fn marked_paragraph(e: &Export<'_>, b: usize, numbered: &[(usize, &Note)]) -> String {
    let block = &e.doc.blocks[b];
    let chars: Vec<char> = display_text(&block.text).chars().collect();
    let mut spans = Vec::new();
    for (num, n) in numbered {
        if !n.anchored || n.kind != NoteKind::Passage {
            continue;
        }
        let s = n.anchor.start.max(block.range.start);
        let t = n.anchor.end.min(block.range.end);
        if t <= s {
            continue;
        }
        spans.push(MarkSpan {
            range: s - block.range.start..t - block.range.start,
            num: *num,
            style: color_css(e, n),
        });
    }
    marked_text(&chars, &spans)
}

/// A passage to mark: char range in the paragraph, note number, CSS of its colour.
struct MarkSpan {
    range: std::ops::Range<usize>,
    num: usize,
    style: String,
}

/// `chars` escaped, each span wrapped in `<mark>` and followed by its note number. Spans may
/// overlap, which HTML elements cannot: wherever the set of spans covering the text changes,
/// every open mark is closed and the covering ones are reopened (earliest first); new spans
/// simply open inside the current ones. So each
/// character is inside exactly the marks of the notes it belongs to.
fn marked_text(chars: &[char], spans: &[MarkSpan]) -> String {
    let len = chars.len();
    let mut opens: Vec<Vec<usize>> = vec![Vec::new(); len + 1];
    let mut closes: Vec<Vec<usize>> = vec![Vec::new(); len + 1];
    for (i, span) in spans.iter().enumerate() {
        if span.range.start < span.range.end && span.range.end <= len {
            opens[span.range.start].push(i);
            closes[span.range.end].push(i);
        }
    }
    let mut out = String::new();
    let mut active: Vec<usize> = Vec::new();
    let mut open_in_output = 0usize;
    for i in 0..=len {
        if !closes[i].is_empty() {
            for _ in 0..open_in_output {
                out.push_str("</mark>");
            }
            open_in_output = 0;
            for &k in &closes[i] {
                active.retain(|&a| a != k);
                let num = spans[k].num;
                out.push_str(&format!(
                    "<sup class=\"ref\"><a href=\"#note-{num}\">〔{num}〕</a></sup>"
                ));
            }
        }
        active.extend(opens[i].iter().copied());
        if i < len {
            if open_in_output < active.len() {
                for &k in &active[open_in_output..] {
                    out.push_str(&format!("<mark style=\"{}\">", spans[k].style));
                }
                open_in_output = active.len();
            }
            out.push_str(&escape(&chars[i].to_string()));
        }
    }
    for _ in 0..open_in_output {
        out.push_str("</mark>");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlapping_passages_keep_their_own_colours() {
        let chars: Vec<char> = "新时代党的组织路线".chars().collect();
        let span = |range, num, style: &str| MarkSpan {
            range,
            num,
            style: style.into(),
        };
        // Note 1 (blue): 新时代党的组织; note 2 (yellow): 党的组织路线.
        let html = marked_text(&chars, &[span(0..7, 1, "blue"), span(3..9, 2, "yellow")]);
        assert_eq!(
            html,
            "<mark style=\"blue\">新时代<mark style=\"yellow\">党的组织</mark></mark>\
             <sup class=\"ref\"><a href=\"#note-1\">〔1〕</a></sup>\
             <mark style=\"yellow\">路线</mark><sup class=\"ref\"><a href=\"#note-2\">〔2〕</a></sup>"
        );
    }

    #[test]
    fn escapes_everything_dangerous() {
        assert_eq!(
            escape("<script>alert('x')</script>&\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&quot;"
        );
    }
}

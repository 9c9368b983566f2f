//! Structure detection: plain or Markdown text in, [`Document`] out.
//!
//! Chinese texts arrive in many shapes — web pages copied from a browser, official documents
//! with one paragraph per line, hard-wrapped novels with `　　` indentation, Markdown law
//! texts. The detector works by general rules in four passes:
//!
//! 1. normalise (line ends, BOM, HTML comments, YAML front matter);
//! 2. read the head and the tail for metadata (breadcrumb, title and column, date, byline,
//!    source) and drop page chrome;
//! 3. group body lines into blocks, deciding from the whole text whether paragraphs are
//!    separated by blank lines, marked by indentation, hard-wrapped, or one per line;
//! 4. classify blocks as headings (Markdown `#`, numbered `一、`/`（一）`/`1.`/`第X章`,
//!    run-in `（一）短语。`, short standalone lines) and map numbering ranks to levels.

use super::lines::{
    display_width, ends_sentence, ends_with_punctuation, is_indented, is_space, join_wrapped, trim,
};
use super::meta;
use super::numbering::{NumberKind, Numbered, bare_numeral, parse_numbering};
use super::{Block, BlockKind, Document, Metadata};

/// Longest standalone line (in chars) that can be an unnumbered heading.
const MAX_PLAIN_HEADING_CHARS: usize = 30;
/// Longest bold or centred line (in chars) that can be a heading.
const MAX_EMPHASIS_HEADING_CHARS: usize = 40;
/// Longest numbered line (in chars) that can be a heading on its own line.
const MAX_NUMBERED_HEADING_CHARS: usize = 50;
/// Longest lead phrase (in chars, without its number) of a run-in heading.
const MAX_RUN_IN_CHARS: usize = 30;
/// Longest line (display width) that can be a title.
const MAX_TITLE_WIDTH: usize = 100;

/// Parses a text into a [`Document`].
pub fn parse(input: &str) -> Document {
    let (meta, blocks) = parse_blocks(input);
    Document::from_blocks(meta, blocks)
}

/// [`parse`], taking the text: it is gone before the document's body is built, so that a
/// text of hundreds of megabytes is not held three times over (the text, the blocks and the
/// body) at the peak.
pub fn parse_owned(input: String) -> Document {
    let (meta, blocks) = parse_blocks(&input);
    drop(input);
    Document::from_blocks(meta, blocks)
}

/// The metadata and blocks of a plain text or Markdown file.
fn parse_blocks(input: &str) -> (Metadata, Vec<Block>) {
    let text = normalize(input);
    let lines: Vec<&str> = text.split('\n').collect();
    let hints = vec![LineHint::Text; lines.len()];
    lines_to_blocks(lines, hints, Metadata::default())
}

/// What the source format says about a line before any rule reads its text: a saved web page
/// marks headings with `<h2>` and emphasis with `<strong>`; plain text says nothing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum LineHint {
    /// Nothing is known; the rules decide.
    Text,
    /// A heading of this level in the source (`<h2>` → 2, a Word heading style).
    Heading(u8),
    /// The whole line is bold or centred: a heading when it is short and not a sentence.
    Emphasis,
    /// Body text the source marks as such (a PDF's footnote): never a heading, whatever it
    /// starts with (`①…` would otherwise read as a numbered heading).
    Body,
}

/// Parses lines whose format hints are known (`hints[i]` for `lines[i]`), starting from the
/// metadata the format already gave (a web page's `<title>` and meta tags).
pub(crate) fn parse_lines(lines: Vec<&str>, hints: Vec<LineHint>, meta: Metadata) -> Document {
    let (meta, blocks) = lines_to_blocks(lines, hints, meta);
    Document::from_blocks(meta, blocks)
}

/// Parses blocks a format has already told apart (Word paragraphs, a page's or a book's block
/// elements, a PDF's rebuilt paragraphs): a blank line goes after each, so the detector never
/// joins two of them; it still decides which are headings, metadata or running text.
pub(crate) fn parse_separate_blocks(blocks: &[(String, LineHint)], meta: Metadata) -> Document {
    let mut lines: Vec<&str> = Vec::with_capacity(blocks.len() * 2);
    let mut hints = Vec::with_capacity(blocks.len() * 2);
    for (text, hint) in blocks {
        lines.push(text);
        hints.push(*hint);
        lines.push("");
        hints.push(LineHint::Text);
    }
    parse_lines(lines, hints, meta)
}

/// The work of [`parse_lines`] up to the blocks, which no longer borrow the lines.
fn lines_to_blocks(
    mut lines: Vec<&str>,
    mut hints: Vec<LineHint>,
    mut meta: Metadata,
) -> (Metadata, Vec<Block>) {
    let body_start = read_yaml_front_matter(&lines, &mut meta);
    lines.drain(..body_start);
    hints.drain(..body_start);
    let explicit = hints
        .iter()
        .any(|h| matches!(h, LineHint::Heading(_) | LineHint::Emphasis));

    let markdown = MarkdownHeadings::scan(&lines);
    let layout = Layout::measure(&lines);
    let sections = bare_sections(&lines);
    let head_end = read_head(&lines, &hints, &markdown, &layout, &sections, &mut meta);
    let tail_start = read_tail(&lines, head_end, &mut meta);
    let body = &lines[head_end..tail_start];

    let mut raw = group_blocks(
        body,
        &hints[head_end..tail_start],
        &sections[head_end..tail_start],
        &markdown,
        &layout,
    );
    if let Some(title) = &meta.title {
        // A saved page often repeats the title above the text.
        while raw.first().is_some_and(|b| b.text == *title) {
            raw.remove(0);
        }
    }
    remove_table_of_contents(&mut raw);
    let blocks = classify(raw, &markdown, explicit);
    (meta, blocks)
}

/// Line ends to `\n`, no BOM, HTML comments removed (a comment-only line becomes blank).
fn normalize(input: &str) -> std::borrow::Cow<'_, str> {
    use std::borrow::Cow;
    let s = input.trim_start_matches('\u{FEFF}');
    // Most texts need nothing done: no copy of a text that may be hundreds of megabytes.
    let s: Cow<'_, str> = if s.contains('\r') {
        let mut unix = String::with_capacity(s.len());
        let mut chars = s.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '\r' {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                unix.push('\n');
            } else {
                unix.push(c);
            }
        }
        Cow::Owned(unix)
    } else {
        Cow::Borrowed(s)
    };
    if !s.contains("<!--") {
        return s;
    }
    let mut out = String::with_capacity(s.len());
    let mut rest: &str = &s;
    while let Some(start) = rest.find("<!--") {
        out.push_str(&rest[..start]);
        match rest[start..].find("-->") {
            Some(end) => {
                // Keep the line count: a comment spanning lines leaves its newlines behind.
                let comment = &rest[start..start + end + 3];
                out.extend(comment.chars().filter(|&c| c == '\n'));
                rest = &rest[start + end + 3..];
            }
            None => {
                rest = &rest[start..];
                break;
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Reads a YAML front-matter block (`---` … `---`) for title, date and author; returns the
/// index of the first line after it (0 when there is none).
fn read_yaml_front_matter(lines: &[&str], meta: &mut Metadata) -> usize {
    if lines.first().map(|l| l.trim()) != Some("---") {
        return 0;
    }
    let Some(end) = lines
        .iter()
        .skip(1)
        .take(40)
        .position(|l| l.trim() == "---")
    else {
        return 0;
    };
    let body = &lines[1..=end];
    if !body.iter().all(|l| l.trim().is_empty() || l.contains(':')) {
        return 0;
    }
    for line in body {
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        let value = value.trim().trim_matches(['"', '\'']).trim();
        if value.is_empty() {
            continue;
        }
        match key.trim().to_lowercase().as_str() {
            "title" | "标题" => meta.title = Some(value.to_owned()),
            "date" | "日期" => meta.published = meta::find_date(value).map(|d| d.0),
            "author" | "作者" => meta.author = Some(value.to_owned()),
            "source" | "来源" => meta.source = Some(value.to_owned()),
            _ => {}
        }
    }
    end + 2
}

/// Markdown ATX headings (`## 第一章 总纲`) found in the text.
struct MarkdownHeadings {
    /// Whether the text uses Markdown headings at all.
    present: bool,
}

impl MarkdownHeadings {
    fn scan(lines: &[&str]) -> Self {
        MarkdownHeadings {
            present: lines.iter().any(|l| markdown_heading(l).is_some()),
        }
    }
}

/// `(level, text)` of a Markdown ATX heading line.
fn markdown_heading(line: &str) -> Option<(u8, &str)> {
    let hashes = line.chars().take_while(|&c| c == '#').count();
    if hashes == 0 || hashes > 6 {
        return None;
    }
    let rest = &line[hashes..];
    if !rest.starts_with([' ', '\t']) {
        return None;
    }
    let text = trim(rest.trim_end_matches('#'));
    (!text.is_empty()).then_some((hashes as u8, text))
}

/// How paragraphs are laid out in the text, measured over all its lines.
#[derive(Debug)]
struct Layout {
    /// Paragraphs start with indentation (`　　`) and other lines continue them.
    indented: bool,
    /// Lines are broken at a fixed width; the value is that width (display cells).
    wrap_width: Option<usize>,
    /// Blank lines separate blocks.
    blank_separated: bool,
}

impl Layout {
    fn measure(lines: &[&str]) -> Self {
        let content: Vec<&str> = lines
            .iter()
            .copied()
            .filter(|l| !trim(l).is_empty())
            .collect();
        let n = content.len();
        let indented_count = content.iter().filter(|l| is_indented(l)).count();
        let indented = n >= 4 && indented_count * 5 >= n && indented_count < n;

        let mut widths: Vec<usize> = content
            .iter()
            .map(|l| display_width(l.trim_end()))
            .collect();
        widths.sort_unstable();
        let wrap_width = (n >= 8)
            .then(|| widths[(n * 9) / 10])
            .filter(|&w| (16..=200).contains(&w))
            .filter(|&w| {
                let near = widths.iter().filter(|&&x| x + 8 >= w && x <= w + 2).count();
                near * 2 >= n
            });

        let blank_lines = lines
            .windows(3)
            .filter(|w| trim(w[1]).is_empty() && !trim(w[0]).is_empty() && !trim(w[2]).is_empty());
        let blank_separated = blank_lines.count() * 4 >= n.max(1);
        Layout {
            indented,
            wrap_width,
            blank_separated,
        }
    }

    /// Whether `line`, after a page break (blank lines, a page number, a running head),
    /// continues the paragraph whose last line is `prev`: text extracted from a PDF breaks
    /// sentences at page ends. Only a hard-wrapped text says so: `prev` filled the line and
    /// did not finish its sentence, and `line` does not open a paragraph (in an indented
    /// text, it is not indented).
    fn runs_across_page(&self, prev: &str, line: &str) -> bool {
        if ends_with_punctuation(prev) || stands_alone(trim(line)) {
            return false;
        }
        if self.indented {
            // Paragraphs open indented: an unindented line goes on with the one before.
            return !is_indented(line);
        }
        self.wrap_width
            .is_some_and(|w| display_width(prev.trim_end()) + 4 >= w)
    }

    /// Whether `line` continues the paragraph whose last line is `prev`.
    fn continues(&self, prev: &str, line: &str) -> bool {
        if self.indented && is_indented(line) {
            return false;
        }
        if let Some(w) = self.wrap_width {
            return display_width(prev.trim_end()) + 8 >= w;
        }
        if self.indented {
            // Indentation marks paragraphs but lines are not wrapped: an unindented line after
            // an unfinished one continues it.
            return !ends_with_punctuation(prev);
        }
        self.blank_separated && !ends_sentence(prev)
    }
}

/// Marks the lines that are section numerals: bare numerals (`一`, `2`) whose values run 1,
/// 2, 3… through the text, each after a finished sentence. Page numbers left in text from a
/// PDF also run 1, 2, 3…, but they interrupt sentences; one such interruption rejects the run.
fn bare_sections(lines: &[&str]) -> Vec<bool> {
    let mut marks = vec![false; lines.len()];
    let mut chain = Vec::new();
    let mut prev: Option<&str> = None;
    for (i, line) in lines.iter().enumerate() {
        let t = trim(line);
        if t.is_empty() {
            continue;
        }
        if let Some(value) = bare_numeral(t) {
            if value as usize == chain.len() + 1 {
                let after_sentence = prev.is_none_or(|p| {
                    value == 1 || ends_sentence(p) || p.ends_with(['—', '”']) || stands_alone(p)
                });
                if !after_sentence {
                    return marks;
                }
                chain.push(i);
            }
            continue;
        }
        prev = Some(t);
    }
    if chain.len() >= 2 {
        for i in chain {
            marks[i] = true;
        }
    }
    marks
}

/// Reads metadata from the first lines; returns the index of the first body line.
fn read_head(
    lines: &[&str],
    hints: &[LineHint],
    md: &MarkdownHeadings,
    layout: &Layout,
    sections: &[bool],
    meta: &mut Metadata,
) -> usize {
    let mut i = 0;
    let mut title_seen = meta.title.is_some();
    // The line after which an author line may stand: right under a title found in the text.
    let mut after_title = None;
    while i < lines.len() {
        let line = trim(lines[i]);
        if matches!(hints[i], LineHint::Heading(_)) && meta.title.as_deref() == Some(line) {
            // The page's own title above its text: shown once, in the title block.
            i += 1;
            continue;
        }
        if sections[i] || matches!(hints[i], LineHint::Heading(_)) {
            break;
        }
        if let Some(kv) = meta::key_value_line(line) {
            apply_line_meta(meta, kv);
            i += 1;
            continue;
        }
        if line.is_empty() || meta::is_chrome(line) {
            i += 1;
            continue;
        }
        if let Some(rest) = meta::breadcrumb_start(line) {
            meta.breadcrumb.extend(meta::breadcrumb_segments(rest));
            i += 1;
            while i < lines.len() && meta::continues_breadcrumb(lines[i]) {
                meta.breadcrumb
                    .extend(meta::breadcrumb_segments(trim(lines[i])));
                i += 1;
            }
            continue;
        }
        if let Some(kv) = meta::dated_line(line) {
            apply_line_meta(meta, kv);
            i += 1;
            continue;
        }
        if let Some(date) = meta::pure_date(line) {
            meta.published.get_or_insert(date);
            i += 1;
            continue;
        }
        if let Some((author, aff)) = meta::byline(line) {
            meta.author.get_or_insert(author);
            if meta.affiliation.is_none() {
                meta.affiliation = aff;
            }
            i += 1;
            continue;
        }
        if !title_seen {
            if let Some((level, text)) = markdown_heading(line) {
                if level == 1 && !heading_level_used_again(lines, i, 1) {
                    set_title(meta, text);
                    title_seen = true;
                    i += 1;
                    continue;
                }
                break;
            }
            if !md.present && is_title_line(lines, i, layout) {
                set_title(meta, line);
                title_seen = true;
                i += 1;
                after_title = Some(i);
                continue;
            }
            break;
        }
        if after_title.is_some_and(|a| lines[a..i].iter().all(|l| trim(l).is_empty()))
            && meta.author.is_none()
            && let Some(author) = meta::author_line(line)
        {
            meta.author = Some(author);
            i += 1;
            continue;
        }
        // After the title: lines opening with a date describe the document's history
        // (adoption and amendment dates of a law).
        if let Some((date, range)) = meta::find_date(line)
            && range.start == 0
            && line.chars().count() <= 80
            && markdown_heading(line).is_none()
        {
            meta.published.get_or_insert(date);
            meta.front_matter.push(line.to_owned());
            i += 1;
            continue;
        }
        break;
    }
    i
}

fn heading_level_used_again(lines: &[&str], from: usize, level: u8) -> bool {
    lines[from + 1..]
        .iter()
        .any(|l| markdown_heading(l).is_some_and(|(lv, _)| lv == level))
}

fn set_title(meta: &mut Metadata, line: &str) {
    let (column, title) = meta::split_column(line);
    meta.title = Some(title);
    if meta.column.is_none() {
        meta.column = column;
    }
}

fn apply_line_meta(meta: &mut Metadata, kv: meta::LineMeta) {
    if meta.published.is_none() {
        meta.published = kv.date;
    }
    if meta.author.is_none() {
        meta.author = kv.author;
    }
    if meta.affiliation.is_none() {
        meta.affiliation = kv.affiliation;
    }
    if meta.source.is_none() {
        meta.source = kv.source;
    }
}

/// Whether line `i` is the document title: short, not a sentence, not numbered, and standing
/// apart from what follows (a blank line, a date or byline, or a body that starts afresh).
fn is_title_line(lines: &[&str], i: usize, layout: &Layout) -> bool {
    let line = trim(lines[i]);
    if display_width(line) > MAX_TITLE_WIDTH
        || bare_numeral(line).is_some()
        || is_contents_label(line)
        || ends_with_punctuation(line)
        || line.starts_with(['“', '"', '—', '-', '（', '('])
        || parse_numbering(line).is_some()
    {
        return false;
    }
    let Some(next) = lines.get(i + 1) else {
        return false;
    };
    let next_t = trim(next);
    if next_t.is_empty() || meta::pure_date(next_t).is_some() || meta::byline(next_t).is_some() {
        return true;
    }
    if meta::key_value_line(next_t).is_some() {
        return true;
    }
    // The next line must start a paragraph, not continue this one.
    if layout.indented && is_indented(lines[i]) && !is_indented(next) {
        return false;
    }
    !layout.continues(lines[i], next)
}

/// Reads bylines, end marks and chrome from the last lines; returns the end of the body.
fn read_tail(lines: &[&str], head_end: usize, meta: &mut Metadata) -> usize {
    let mut end = lines.len();
    while end > head_end {
        let line = trim(lines[end - 1]);
        if line.is_empty() || meta::is_chrome(line) || meta::is_end_mark(line) {
            end -= 1;
            continue;
        }
        if meta::colophon_line(line) {
            meta.colophon.insert(0, line.to_owned());
            end -= 1;
            continue;
        }
        if let Some((author, aff)) = meta::byline(line) {
            meta.author.get_or_insert(author);
            if meta.affiliation.is_none() {
                meta.affiliation = aff;
            }
            end -= 1;
            continue;
        }
        if let Some(kv) = meta::key_value_line(line) {
            apply_line_meta(meta, kv);
            end -= 1;
            continue;
        }
        break;
    }
    end
}

/// A block of body text before classification.
#[derive(Debug, Clone)]
struct RawBlock {
    text: String,
    lines: usize,
    /// A level the source gave: a Markdown `##`, an HTML `<h2>`, a Word heading style.
    markdown_level: Option<u8>,
    /// The source set the whole block in bold or centred it.
    emphasis: bool,
    /// A numbering decided from the whole text (a section numeral in its sequence).
    numbered: Option<NumberKind>,
    /// The source says it is body text (a footnote): never a heading.
    body: bool,
}

/// Whether a line must stand on its own whatever the layout: a Markdown heading, or a short
/// numbered line without closing punctuation.
fn stands_alone(line: &str) -> bool {
    let t = trim(line);
    if markdown_heading(t).is_some() {
        return true;
    }
    numbered_heading(t).is_some()
}

/// The numbering of a line that is a numbered heading on its own line.
fn numbered_heading(t: &str) -> Option<Numbered> {
    let n = parse_numbering(t)?;
    let len = t.chars().count();
    let fits = n.kind != NumberKind::Article
        && len > n.prefix_chars
        && len <= MAX_NUMBERED_HEADING_CHARS
        && !ends_with_punctuation(t);
    fits.then_some(n)
}

/// Groups body lines into blocks according to the layout.
fn group_blocks(
    body: &[&str],
    hints: &[LineHint],
    sections: &[bool],
    md: &MarkdownHeadings,
    layout: &Layout,
) -> Vec<RawBlock> {
    let running_heads = running_heads(body);
    let mut blocks: Vec<RawBlock> = Vec::new();
    let mut current: Option<(RawBlock, &str)> = None;
    // Blank lines, page numbers and running heads seen since the current block's last line:
    // a page break when the block's last line ran to the full width without ending.
    let mut broke = false;
    let flush = |current: &mut Option<(RawBlock, &str)>, blocks: &mut Vec<RawBlock>| {
        if let Some((b, _)) = current.take()
            && !b.text.is_empty()
        {
            blocks.push(b);
        }
    };
    let single = |text: &str, markdown_level, emphasis, numbered| RawBlock {
        text: text.to_owned(),
        lines: 1,
        markdown_level,
        emphasis,
        numbered,
        body: false,
    };
    for ((&line, &section), &hint) in body.iter().zip(sections).zip(hints) {
        let t = trim(line);
        // Running heads are short: a paragraph is not hashed to find out.
        let running_head = !running_heads.is_empty() && t.len() <= 160 && running_heads.contains(t);
        if t.is_empty() || meta::is_chrome(t) || running_head {
            broke = true;
            continue;
        }
        if broke {
            let across_page = hint == LineHint::Text
                && current
                    .as_ref()
                    .is_some_and(|(_, prev)| layout.runs_across_page(prev, line));
            if !across_page {
                flush(&mut current, &mut blocks);
            }
            broke = false;
        }
        let own_block = if hint == LineHint::Body {
            Some(RawBlock {
                body: true,
                ..single(t, None, false, None)
            })
        } else if section {
            Some(single(t, None, false, Some(NumberKind::Bare)))
        } else if let LineHint::Heading(level) = hint {
            Some(single(t, Some(level), false, None))
        } else if hint == LineHint::Emphasis {
            Some(single(t, None, true, None))
        } else {
            markdown_heading(t).map(|(level, text)| single(text, Some(level), false, None))
        };
        if let Some(block) = own_block {
            flush(&mut current, &mut blocks);
            blocks.push(block);
            continue;
        }
        let alone = !md.present && stands_alone(t);
        match &mut current {
            Some((block, prev))
                if !alone && !stands_alone(prev) && layout.continues(prev, line) =>
            {
                join_wrapped(&mut block.text, t);
                block.lines += 1;
                *prev = line;
            }
            _ => {
                flush(&mut current, &mut blocks);
                current = Some((single(t, None, false, None), line));
            }
        }
    }
    flush(&mut current, &mut blocks);
    blocks
}

/// Short lines that recur at page breaks of text extracted from a PDF — the book's or the
/// chapter's title printed at the top of every page. A line is a running head when it occurs
/// three times or more, each time next to a blank line or a page number, and never as a
/// sentence.
fn running_heads<'a>(body: &[&'a str]) -> std::collections::HashSet<&'a str> {
    use std::collections::HashMap;
    let at_break = |i: usize| {
        let is_break = |j: Option<&&str>| {
            j.is_none_or(|l| trim(l).is_empty() || meta::is_page_number(trim(l)))
        };
        is_break(i.checked_sub(1).and_then(|p| body.get(p))) || is_break(body.get(i + 1))
    };
    // (occurrences, occurrences at a page break)
    let mut seen: HashMap<&str, (usize, usize)> = HashMap::new();
    for (i, line) in body.iter().enumerate() {
        let t = trim(line);
        if t.is_empty() || t.chars().nth(40).is_some() || ends_with_punctuation(t) {
            continue;
        }
        let entry = seen.entry(t).or_default();
        entry.0 += 1;
        entry.1 += usize::from(at_break(i));
    }
    seen.into_iter()
        .filter(|(t, (n, at))| {
            *n >= 3 && at == n && bare_numeral(t).is_none() && numbered_heading(t).is_none()
        })
        .map(|(t, _)| t)
        .collect()
}

/// Drops a table of contents: a `目录` line and the short entries after it, or a run of
/// three or more heading lines at the start that the text then repeats, up to the first block
/// that repeats an entry (where the real text starts). Entries may differ from the headings
/// in spacing, dot leaders, page numbers or one character.
fn remove_table_of_contents(blocks: &mut Vec<RawBlock>) {
    let labelled = blocks
        .iter()
        .take(40)
        .position(|b| is_contents_label(&b.text));
    let (start, first_entry) = match labelled {
        Some(s) => (s, s + 1),
        None => match unlabelled_contents(blocks) {
            Some(s) => (s, s),
            None => return,
        },
    };
    let mut entries: Vec<String> = Vec::new();
    let mut end = first_entry;
    while end < blocks.len() {
        let key = toc_key(&blocks[end].text);
        if blocks[end].text.chars().count() > 60 || entries.iter().any(|e| same_entry(e, &key)) {
            break;
        }
        entries.push(key);
        end += 1;
    }
    let repeated = end < blocks.len();
    if entries.len() >= 2 && (labelled.is_some() || repeated) {
        blocks.drain(start..end);
    }
}

/// `目录`, `目 录`, `目　次`: the label over a table of contents.
pub(super) fn is_contents_label(t: &str) -> bool {
    let compact: String = t.chars().filter(|c| !is_space(*c)).collect();
    matches!(compact.as_str(), "目录" | "目次" | "目錄")
}

/// The start of a table of contents without a `目录` line: among the first blocks, a run of
/// three or more numbered heading lines whose first entry comes back later in the text.
fn unlabelled_contents(blocks: &[RawBlock]) -> Option<usize> {
    let heading_like = |b: &RawBlock| {
        b.lines == 1
            && (numbered_heading(&b.text).is_some()
                || numbered_heading(&toc_key_text(&b.text)).is_some())
    };
    let start = blocks.iter().take(20).position(heading_like)?;
    // The run ends where the body repeats its first entry.
    let mut keys: Vec<String> = Vec::new();
    for b in blocks[start..].iter().take_while(|b| heading_like(b)) {
        let key = toc_key(&b.text);
        if keys.iter().any(|k| same_entry(k, &key)) {
            break;
        }
        keys.push(key);
    }
    let run = keys.len();
    if run < 3 {
        return None;
    }
    let first = toc_key(&blocks[start].text);
    blocks[start + run..]
        .iter()
        .any(|b| same_entry(&first, &toc_key(&b.text)))
        .then_some(start)
}

/// Whether a contents entry and a heading are the same: equal once spacing is gone, or
/// differing in one character (a typo, a variant form) when they are long enough to tell.
fn same_entry(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    a.len() == b.len() && a.len() >= 4 && a.iter().zip(&b).filter(|(x, y)| x != y).count() <= 1
}

/// A contents entry without its dot leaders and page number.
fn toc_key_text(text: &str) -> String {
    let t = text.trim_end_matches(|c: char| c.is_ascii_digit() || is_space(c));
    t.trim_end_matches(['.', '…', '·', '-', '—', '．', '　', ' '])
        .to_owned()
}

/// A TOC entry without dot leaders, page numbers and spaces, for comparing with the heading.
fn toc_key(text: &str) -> String {
    toc_key_text(text)
        .chars()
        .filter(|c| !is_space(*c))
        .map(super::typography::fold_radical)
        .collect()
}

/// A heading found while classifying, before levels are known.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Candidate {
    Markdown(u8),
    Numbered(NumberKind),
    RunIn(NumberKind, usize),
    Plain,
    /// A back-matter label (`注释`, `参考文献`): a top-level heading in any text.
    BackMatter,
    /// A back-matter label running into its first entry (`注释 ⑴…`); the value is the label's
    /// length in chars.
    BackMatterRunIn(usize),
}

/// Labels of the parts after the body of a book or a paper.
const BACK_MATTER_LABELS: [&str; 12] = [
    "注释",
    "注",
    "参考文献",
    "参考书目",
    "附录",
    "后记",
    "跋",
    "致谢",
    "尾声",
    "附记",
    "译后记",
    "编后记",
];

/// A back-matter label alone (`注释`, `附录一`), or running into a numbered first entry
/// (`注释 ⑴…`, `注释：[1]…`) with the label's length.
fn back_matter(t: &str) -> Option<Candidate> {
    // Only a short line can be a label alone; a paragraph can only run one in.
    let short = t.chars().nth(12).is_none();
    let compact: String = if short {
        t.chars().filter(|c| !is_space(*c)).collect()
    } else {
        String::new()
    };
    for label in BACK_MATTER_LABELS {
        if let Some(rest) = compact.strip_prefix(label) {
            // `附录一`, `附录 A`: a numbered label is still a label.
            let numbered = rest.chars().count() <= 2
                && rest
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "一二三四五六七八九十".contains(c));
            if rest.is_empty() || numbered {
                return Some(Candidate::BackMatter);
            }
        }
        if !t.starts_with(label) {
            continue;
        }
        let after =
            t[label.len()..].trim_start_matches(|c: char| is_space(c) || c == '：' || c == ':');
        let entry_mark = after.starts_with(['⑴', '①', '[', '［', '〔', '（'])
            || after.starts_with(|c: char| c.is_ascii_digit());
        if t.starts_with(label) && entry_mark && after.len() < t.len() - label.len() {
            return Some(Candidate::BackMatterRunIn(label.chars().count()));
        }
    }
    None
}

/// Classifies raw blocks into headings and paragraphs and assigns heading levels.
///
/// `explicit` says the source marked its headings (HTML, Word): short plain lines are then
/// captions and verse, not headings.
fn classify(raw: Vec<RawBlock>, md: &MarkdownHeadings, explicit: bool) -> Vec<Block> {
    let median_len = median_paragraph_len(&raw);
    let mut found: Vec<(RawBlock, Option<Candidate>)> = Vec::with_capacity(raw.len());
    let count = raw.len();
    for (i, block) in raw.into_iter().enumerate() {
        let is_last = i + 1 == count;
        let cand = candidate(&block, md, median_len, is_last, explicit);
        found.push((block, cand));
    }
    // Short unpunctuated lines in a row are verse or a list, not a heading over a heading.
    let plain: Vec<bool> = found
        .iter()
        .map(|(_, c)| *c == Some(Candidate::Plain))
        .collect();
    for (i, (block, cand)) in found.iter_mut().enumerate() {
        let neighbour = (i > 0 && plain[i - 1]) || plain.get(i + 1).copied().unwrap_or(false);
        if plain[i] && neighbour && !block.emphasis {
            *cand = None;
        }
    }

    // Ranks in use → levels 1, 2, 3…
    let mut ranks: Vec<u8> = found
        .iter()
        .filter_map(|(_, c)| match c {
            Some(Candidate::Markdown(l)) => Some(*l),
            Some(Candidate::Numbered(k) | Candidate::RunIn(k, _)) => Some(k.rank()),
            _ => None,
        })
        .collect();
    ranks.sort_unstable();
    ranks.dedup();
    let level_of = |rank: u8| -> u8 {
        ranks
            .iter()
            .position(|&r| r == rank)
            .map_or(1, |p| p as u8 + 1)
    };

    let mut blocks = Vec::with_capacity(found.len());
    for (block, cand) in found {
        let heading = |level: u8, run_in: bool, text: String| Block {
            kind: BlockKind::Heading { level, run_in },
            text: text.into(),
            range: 0..0,
        };
        match cand {
            Some(Candidate::Markdown(l)) => blocks.push(heading(level_of(l), false, block.text)),
            Some(Candidate::Numbered(k)) => {
                blocks.push(heading(level_of(k.rank()), false, block.text))
            }
            Some(Candidate::Plain | Candidate::BackMatter) => {
                blocks.push(heading(1, false, block.text))
            }
            Some(Candidate::BackMatterRunIn(lead_chars)) => {
                let lead: String = block.text.chars().take(lead_chars).collect();
                blocks.push(heading(1, true, lead));
                blocks.push(Block {
                    kind: BlockKind::Paragraph,
                    text: block.text.into(),
                    range: 0..0,
                });
            }
            Some(Candidate::RunIn(k, lead_chars)) => {
                let lead: String = block.text.chars().take(lead_chars).collect();
                blocks.push(heading(level_of(k.rank()), true, lead));
                blocks.push(Block {
                    kind: BlockKind::Paragraph,
                    text: block.text.into(),
                    range: 0..0,
                });
            }
            None => blocks.push(Block {
                kind: BlockKind::Paragraph,
                text: block.text.into(),
                range: 0..0,
            }),
        }
    }
    blocks
}

fn median_paragraph_len(raw: &[RawBlock]) -> usize {
    let mut lens: Vec<usize> = raw.iter().map(|b| b.text.chars().count()).collect();
    if lens.is_empty() {
        return 0;
    }
    lens.sort_unstable();
    lens[lens.len() / 2]
}

/// Decides whether one block is a heading, and of which kind.
fn candidate(
    block: &RawBlock,
    md: &MarkdownHeadings,
    median_len: usize,
    is_last: bool,
    explicit: bool,
) -> Option<Candidate> {
    if block.body {
        return None;
    }
    if let Some(level) = block.markdown_level {
        return Some(Candidate::Markdown(level));
    }
    if let Some(kind) = block.numbered {
        return Some(Candidate::Numbered(kind));
    }
    if md.present || block.lines > 1 {
        return None;
    }
    let t = block.text.as_str();
    if let Some(n) = numbered_heading(t) {
        return Some(Candidate::Numbered(n.kind));
    }
    if let Some(label) = back_matter(t) {
        return Some(label);
    }
    if let Some((kind, lead)) = run_in_heading(t) {
        return Some(Candidate::RunIn(kind, lead));
    }
    let len = t.chars().count();
    if block.emphasis {
        let heading = (1..=MAX_EMPHASIS_HEADING_CHARS).contains(&len)
            && !ends_with_punctuation(t)
            && meta::byline(t).is_none()
            && meta::find_date(t).is_none();
        return heading.then_some(Candidate::Plain);
    }
    if explicit {
        return None;
    }
    let plain = !is_last
        && (2..=MAX_PLAIN_HEADING_CHARS).contains(&len)
        && len * 2 <= median_len.max(8)
        && !ends_with_punctuation(t)
        && !t.starts_with(['“', '"', '‘', '—', '-', '（', '(', '[', '【', '·', '•', '*'])
        && parse_numbering(t).is_none()
        && meta::find_date(t).is_none()
        && t.chars().any(|c| c.is_alphabetic());
    plain.then_some(Candidate::Plain)
}

/// A numbered lead phrase opening a paragraph: `（一）指导思想。全面贯彻…` → the kind and the
/// length in chars of `（一）指导思想`.
fn run_in_heading(t: &str) -> Option<(NumberKind, usize)> {
    let n = parse_numbering(t)?;
    if !n.kind.can_run_in() {
        return None;
    }
    let chars: Vec<char> = t.chars().collect();
    let stop = chars.iter().position(|&c| c == '。')?;
    let phrase = &chars[n.prefix_chars..stop];
    let ok = !phrase.is_empty()
        && phrase.len() <= MAX_RUN_IN_CHARS
        && !phrase.iter().any(|c| "，,；;：:".contains(*c))
        && chars.len() > stop + 1;
    ok.then_some((n.kind, stop))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_block_marked_as_body_is_never_a_heading() {
        let note = "①根据我们的理解，作者所谓治国之道是指治理国家的手段——译者";
        let blocks = |hint| {
            vec![
                ("第一章 总论".to_owned(), LineHint::Heading(1)),
                (
                    "正文的一段，写得很长很长，说了许多道理，一直写到这里才结束。".to_owned(),
                    LineHint::Text,
                ),
                (note.to_owned(), hint),
                (
                    "正文的又一段，也写得很长很长，说了许多道理，一直写到这里。".to_owned(),
                    LineHint::Text,
                ),
            ]
        };
        let headings = |doc: &Document| -> Vec<String> {
            doc.sections
                .iter()
                .map(|s| doc.blocks[s.heading].text.as_str().to_owned())
                .collect()
        };
        // Read by the rules, a line opening with ① is a numbered heading…
        let by_rules = parse_separate_blocks(&blocks(LineHint::Text), Metadata::default());
        assert!(headings(&by_rules).iter().any(|h| h.starts_with('①')));
        // …which a footnote is not.
        let marked = parse_separate_blocks(&blocks(LineHint::Body), Metadata::default());
        assert_eq!(headings(&marked), ["第一章 总论"]);
        assert!(marked.body_text().contains(note));
    }

    use crate::document::outline_of as outline;

    #[test]
    fn numbered_levels_and_run_in_headings() {
        let text = "关于加强某项工作的意见\r\n（2018年1月2日）\r\n为做好工作，现提出如下意见。\r\n一、总体要求\r\n（一）指导思想。全面贯彻党的精神，扎实推进。\r\n（二）基本原则\r\n——坚持统筹兼顾。\r\n二、重点任务\r\n做好各项工作。\r\n\r\n\r\n";
        let doc = parse(text);
        assert_eq!(doc.meta.title.as_deref(), Some("关于加强某项工作的意见"));
        assert_eq!(doc.meta.published.as_deref(), Some("2018-01-02"));
        assert_eq!(
            outline(&doc),
            vec![
                (1, "一、总体要求".into()),
                (2, "（一）指导思想".into()),
                (2, "（二）基本原则".into()),
                (1, "二、重点任务".into()),
            ]
        );
        assert_eq!(doc.paragraph_count(), 4);
        // The run-in paragraph keeps its lead phrase.
        assert!(
            doc.blocks
                .iter()
                .any(|b| b.text.starts_with("（一）指导思想。全面"))
        );
    }

    #[test]
    fn chapter_and_section_numbers() {
        let text = "第一章 总则\n\n第一条 为了规范管理，制定本办法。\n\n第二节 细则\n\n第二条 本办法自公布之日起施行。\n\n第二章 附则\n\n第三条 本办法由某部门负责解释。\n";
        let doc = parse(text);
        assert_eq!(
            outline(&doc),
            vec![
                (1, "第一章 总则".into()),
                (2, "第二节 细则".into()),
                (1, "第二章 附则".into())
            ]
        );
        assert_eq!(doc.paragraph_count(), 3);
    }

    #[test]
    fn arabic_and_paren_numbers_nest_below_chinese() {
        let text = "一、总体思路\n现提出如下思路，供参考。\n1.加强领导\n各级要加强领导。\n（1）建立台账\n逐项建立台账。\n二、保障措施\n认真抓好落实。";
        let doc = parse(text);
        assert_eq!(
            outline(&doc).iter().map(|(l, _)| *l).collect::<Vec<_>>(),
            vec![1, 2, 3, 1]
        );
    }

    #[test]
    fn markdown_headings() {
        let text = "# 某某法\n\n1982年12月4日 第五届全国人民代表大会第五次会议通过\n\n<!-- INFO END -->\n\n## 序言\n\n序言正文。\n\n<!-- FORCE BREAK -->\n\n## 第一章 总纲\n\n### 第一节 一般规定\n\n第一条 正文。\n\n一、不是标题\n\n## 第二章 附则\n\n第二条 正文。\n";
        let doc = parse(text);
        assert_eq!(doc.meta.title.as_deref(), Some("某某法"));
        assert_eq!(doc.meta.published.as_deref(), Some("1982-12-04"));
        assert_eq!(doc.meta.front_matter.len(), 1);
        assert_eq!(
            outline(&doc),
            vec![
                (1, "序言".into()),
                (1, "第一章 总纲".into()),
                (2, "第一节 一般规定".into()),
                (1, "第二章 附则".into()),
            ]
        );
        assert_eq!(doc.paragraph_count(), 4);
        assert!(!doc.body_text().contains("<!--"));
    }

    #[test]
    fn short_standalone_lines_are_headings() {
        let text = "这是一段较长的引言文字，用来说明全文的主旨和背景，篇幅比标题长得多。\n\n坚持问题导向\n\n这是第一部分的正文，篇幅较长，讲了许多内容，并且以句号结束。\n\n强化责任落实\n\n这是第二部分的正文，篇幅同样较长，讲了许多内容，以句号结束。\n";
        let doc = parse(text);
        assert_eq!(
            outline(&doc),
            vec![(1, "坚持问题导向".into()), (1, "强化责任落实".into())]
        );
        assert_eq!(doc.paragraph_count(), 3);
    }

    #[test]
    fn hard_wrapped_indented_paragraphs_are_joined() {
        let mut text = String::new();
        for p in 0..6 {
            text.push_str("\u{3000}\u{3000}");
            text.push_str(&"旧历的年底毕竟最像年底村镇上不必说".repeat(2));
            text.push('\n');
            text.push_str(&"就在天空中也显出将到新年的气象来。".repeat(2));
            text.push('\n');
            text.push_str(if p % 2 == 0 {
                "去了。\n"
            } else {
                "不可省的。\n"
            });
        }
        text.push_str("\u{3000}\u{3000}");
        let doc = parse(&text);
        assert_eq!(doc.paragraph_count(), 6);
        assert!(doc.sections.is_empty());
        assert_eq!(doc.meta.title, None);
        assert!(doc.blocks[0].text.ends_with("气象来。去了。"));
    }

    #[test]
    fn hard_wrapped_blank_separated_latin_gets_spaces() {
        let text = "Title\n\nthe quick brown fox jumps over the lazy\ndog and keeps running until it is\ntired.\n\nA second paragraph that is also quite long\nand wrapped over two lines.\n";
        let doc = parse(text);
        assert_eq!(doc.meta.title.as_deref(), Some("Title"));
        assert_eq!(doc.paragraph_count(), 2);
        assert!(doc.blocks[0].text.contains("lazy dog"));
    }

    #[test]
    fn web_page_chrome_and_metadata() {
        let text = "您的位置：首页 > 新闻中心 > 要闻\n【人民日报】标题在这里\n来源：人民网  作者：张三  发布时间：2021-01-02 08:00\n【字体：大 中 小】\n\n正文第一段，内容很长很长很长，以句号结束。\n\n正文第二段，内容也很长很长很长，以句号结束。\n\n【打印】【关闭】\n京ICP备12345678号\n";
        let doc = parse(text);
        assert_eq!(doc.meta.breadcrumb, vec!["首页", "新闻中心", "要闻"]);
        assert_eq!(doc.meta.title.as_deref(), Some("标题在这里"));
        assert_eq!(doc.meta.column.as_deref(), Some("人民日报"));
        assert_eq!(doc.meta.source.as_deref(), Some("人民网"));
        assert_eq!(doc.meta.author.as_deref(), Some("张三"));
        assert_eq!(doc.meta.published.as_deref(), Some("2021-01-02"));
        assert_eq!(doc.paragraph_count(), 2);
        assert!(!doc.body_text().contains("打印"));
    }

    #[test]
    fn table_of_contents_is_dropped() {
        let text = "某某规划\n\n目录\n\n第一章 总体要求……1\n\n第二章 主要任务……5\n\n第一章 总体要求\n\n这是第一章的正文，写了很多内容。\n\n第二章 主要任务\n\n这是第二章的正文，写了很多内容。\n";
        let doc = parse(text);
        assert_eq!(
            outline(&doc),
            vec![(1, "第一章 总体要求".into()), (1, "第二章 主要任务".into())]
        );
    }

    #[test]
    fn yaml_front_matter() {
        let text =
            "---\ntitle: 学习笔记\ndate: 2024-03-05\nauthor: 李四\n---\n\n正文一段，以句号结束。\n";
        let doc = parse(text);
        assert_eq!(doc.meta.title.as_deref(), Some("学习笔记"));
        assert_eq!(doc.meta.published.as_deref(), Some("2024-03-05"));
        assert_eq!(doc.meta.author.as_deref(), Some("李四"));
        assert_eq!(doc.paragraph_count(), 1);
    }

    #[test]
    fn run_in_heading_may_quote() {
        let doc = parse(
            "标题\n一、总则\n（三）加强“三农”工作队伍建设。把懂农业、爱农村的干部充实到工作队伍。\n",
        );
        assert_eq!(outline(&doc)[1], (2, "（三）加强“三农”工作队伍建设".into()));
    }

    #[test]
    fn lead_sentences_without_numbers_stay_in_paragraphs() {
        let text = "着力建强组织体系,提升组织力。党的力量来自组织。\n\n加强党员队伍建设,扎实推进党员队伍建设基础工程。处理好质量与数量的关系。\n";
        let doc = parse(text);
        assert!(doc.sections.is_empty());
        assert_eq!(doc.paragraph_count(), 2);
    }

    #[test]
    fn bare_numerals_in_sequence_are_sections() {
        // Flush left, centred with ASCII spaces, centred with U+3000: all sections.
        let text = "一\n秋天的后半夜，月亮下去了。\n“得了。”\n      二\n店里坐着许多人。\n\u{3000}\u{3000}三\u{3000}\n他们走不上二三十步远。\n一九一九年四月。\n";
        let doc = parse(text);
        assert_eq!(doc.meta.title, None, "a numeral is never the title");
        assert_eq!(
            outline(&doc),
            vec![(1, "一".into()), (1, "二".into()), (1, "三".into())]
        );
        assert_eq!(doc.paragraph_count(), 4);
        assert_eq!(doc.meta.colophon, vec!["一九一九年四月。".to_owned()]);
    }

    #[test]
    fn page_numbers_are_not_sections() {
        // Numbers that break into sentences are pagination, even when they run 1, 2, 3.
        let text = "这是第一页的文字，一句话写到\n1\n第二页才结束。这里又有一句话没有写完，\n2\n到第三页才写完。\n";
        let doc = parse(text);
        assert!(doc.sections.is_empty());
    }

    #[test]
    fn author_line_under_the_title_is_metadata() {
        let doc =
            parse("了凡四训\n\n袁了凡\n\n第一篇　立命之学\n\n余童年丧父，老母命弃举业学医。\n");
        assert_eq!(doc.meta.title.as_deref(), Some("了凡四训"));
        assert_eq!(doc.meta.author.as_deref(), Some("袁了凡"));
        assert_eq!(outline(&doc), vec![(1, "第一篇　立命之学".into())]);
    }

    #[test]
    fn chapter_end_marks_and_enumerations_are_not_structure() {
        let text = "第1章 宴桃园豪杰三结义\n话说天下大势，分久必合，合久必分。\n第二、要发畏心，天地在上，鬼神难欺。\n(本章完)\n第2章 怒鞭督邮\n且说董卓字仲颖。\n(本章完)\n";
        let doc = parse(text);
        assert_eq!(
            outline(&doc),
            vec![
                (1, "第1章 宴桃园豪杰三结义".into()),
                (1, "第2章 怒鞭督邮".into())
            ]
        );
        assert_eq!(doc.paragraph_count(), 3);
        assert!(!doc.body_text().contains("本章完"));
    }

    /// A hard-wrapped text as PDF extraction gives it: 20 chars a line, pages of four lines
    /// with a running head and a page number between them.
    fn pdf_like_text() -> String {
        let para = "这是一段从电子书里复制出来的文字，每一行都在固定的宽度处折断，句子常常跨过页面的边界继续下去，直到句号才结束。";
        let chars: Vec<char> = para.chars().collect();
        let mut lines: Vec<String> = Vec::new();
        for p in 0..6 {
            for (k, chunk) in chars.chunks(20).enumerate() {
                let mut l: String = chunk.iter().collect();
                if k == 0 {
                    l = format!("\u{3000}\u{3000}{l}");
                }
                lines.push(l);
            }
            if p == 5 {
                break;
            }
        }
        let mut out = String::from("第一章　缘起\n");
        for (i, l) in lines.iter().enumerate() {
            out.push_str(l);
            out.push('\n');
            if i % 4 == 3 {
                out.push_str(&format!("\n- {} -\n\n某某文集\n\n", i / 4 + 1));
            }
        }
        out
    }

    #[test]
    fn pdf_page_breaks_inside_a_sentence_are_joined() {
        let doc = parse(&pdf_like_text());
        assert_eq!(doc.paragraph_count(), 6, "{:#?}", doc.blocks);
        assert!(!doc.body_text().contains("某某文集"));
        assert!(!doc.body_text().contains("- 1 -"));
        assert!(
            doc.blocks
                .iter()
                .filter(|b| !b.is_heading())
                .all(|b| b.text.ends_with('。'))
        );
    }

    #[test]
    fn contents_without_a_label_and_with_other_spacing_are_dropped() {
        let text = "某某文集\n\n第一章 缘起……1\n第二章 经过……9\n第三章 结果……20\n\n第一章　缘起\n\n故事从一个秋天开始，写了很多很多内容，以句号结束。\n\n第二章　经過\n\n后来发生了很多事情，写了很多很多内容，以句号结束。\n\n第三章　结果\n\n最后大家都明白了，写了很多很多内容，以句号结束。\n";
        let doc = parse(text);
        assert_eq!(
            outline(&doc),
            vec![
                (1, "第一章　缘起".into()),
                (1, "第二章　经過".into()),
                (1, "第三章　结果".into())
            ]
        );
        // A labelled contents whose entries use U+3000 where the headings use a space.
        let text = "目　录\n\n第一章\u{3000}总则\n\n第二章\u{3000}附则\n\n第一章 总则\n\n第一条 为了规范管理，制定本办法。\n\n第二章 附则\n\n第二条 本办法自公布之日起施行。\n";
        assert_eq!(
            outline(&parse(text)),
            vec![(1, "第一章 总则".into()), (1, "第二章 附则".into())]
        );
    }

    #[test]
    fn back_matter_labels_are_headings_also_run_in() {
        let text = "第一章 正文\n\n这是正文的段落，篇幅较长，讲了许多内容，并且以句号结束，再多写一些字。\n\n注释 ⑴这里是第一条注释，说明出处。\n\n⑵这里是第二条注释。\n\n参考文献\n\n[1] 某某. 某书[M]. 北京: 某出版社, 2000.\n";
        let doc = parse(text);
        assert_eq!(
            outline(&doc),
            vec![
                (1, "第一章 正文".into()),
                (1, "注释".into()),
                (1, "参考文献".into())
            ]
        );
        assert!(doc.blocks.iter().any(|b| b.text.starts_with("注释 ⑴这里")));
    }

    #[test]
    fn verse_lines_in_a_row_are_not_headings() {
        let text = "这是一首诗前面的说明文字，篇幅较长，讲了许多内容，并且以句号结束。\n\n床前明月光\n疑是地上霜\n举头望明月\n低头思故乡\n\n这是诗后面的说明文字，篇幅也较长，讲了许多内容，以句号结束。\n";
        let doc = parse(text);
        assert!(doc.sections.is_empty(), "{:?}", outline(&doc));
    }

    #[test]
    fn law_levels_part_subpart_chapter_section() {
        let text = "第一编　总则\n\n第一分编　通则\n\n第一章　一般规定\n\n第一节　适用范围\n\n第一条　为了保护民事主体的合法权益，制定本法。\n\n第二条　本法调整平等主体之间的关系。\n\n第二章　附则\n\n第三条　本法自公布之日起施行。\n";
        let doc = parse(text);
        assert_eq!(
            outline(&doc).iter().map(|(l, _)| *l).collect::<Vec<_>>(),
            vec![1, 2, 3, 4, 3]
        );
        assert_eq!(doc.paragraph_count(), 3, "articles are paragraphs");
    }

    #[test]
    fn empty_and_whitespace_input() {
        assert_eq!(parse("").blocks.len(), 0);
        assert_eq!(parse("\n\n\u{3000}\n").blocks.len(), 0);
    }
}

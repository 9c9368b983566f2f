//! PDF files with a text layer → [`Document`]. The text comes out glyph by glyph with its
//! place on the page (`pdf-extract` on `lopdf`, which decode the fonts' ToUnicode maps and
//! Identity-H CID fonts); [`super::pdf_layout`] puts the glyphs into lines in reading order;
//! here running heads, footers and page numbers are dropped, lines broken at the page width
//! are joined back into paragraphs (a paragraph ends where a line ends short or where the
//! next line is indented), and headings come from the PDF's bookmarks, else from a size
//! larger than the body's, together with the numbering rules that read text files.
//!
//! Why these crates: measured on Chinese PDFs (a Word export with CID fonts and bookmarks,
//! and others), `pdf-extract` gives every glyph with its position, size and Unicode text,
//! which line and paragraph rebuilding needs, in pure Rust under MIT; `lopdf` (MIT) reads
//! the bookmarks and the document information. Both are maintained; neither needs a shared
//! library at run time, so the .deb carries nothing more.
//!
//! `pdf-extract` panics on some malformed files; the reading runs under `catch_unwind`, and
//! a panic there is a damaged file, said as such, never a crash.

use std::cell::Cell;
use std::collections::HashMap;
use std::sync::Once;

use super::parse::{LineHint, parse_separate_blocks};
use super::pdf_layout::{Glyph, Line, PageGlyphs, page_lines, typical};
use super::{Document, Metadata};
use super::{pdf_cmaps, pdf_journal, pdf_notes};

/// Why a PDF could not be read.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum PdfError {
    /// Not a PDF, or one too damaged to read.
    #[error(
        "{}",
        crate::i18n::tr(
            "无法读取这个 PDF：文件可能已损坏或下载不完整，请重新获取一份",
            "This PDF cannot be read: the file may be damaged or incompletely downloaded; get a fresh copy"
        )
    )]
    Damaged,
    /// Protected by a password.
    #[error(
        "{}",
        crate::i18n::tr(
            "这个 PDF 有密码保护：请先用 PDF 阅读器输入密码后另存一份不加密的副本",
            "This PDF is password-protected: open it with its password in a PDF reader and save an unprotected copy"
        )
    )]
    Encrypted,
    /// Pages are pictures: no text layer.
    #[error(
        "{}",
        crate::i18n::tr(
            "这个 PDF 是扫描件，没有文字层：请先用 OCR 工具（如 WPS 的“PDF 转文字”）识别出文字，再用精读打开",
            "This PDF is a scan without a text layer: recognise its text with an OCR tool first, then open the result in jingdu"
        )
    )]
    Scanned,
    /// The text layer decodes to nothing readable (fonts without a Unicode map).
    #[error(
        "{}",
        crate::i18n::tr(
            "这个 PDF 的字体没有可识别的文字编码，取出的文字是乱码：请在 PDF 阅读器中另存为文本，或用 OCR 识别",
            "This PDF's fonts do not map to readable text: save it as text from a PDF reader, or run OCR on it"
        )
    )]
    Unreadable,
}

thread_local! {
    /// Set while this thread reads a PDF: a panic in the PDF library is caught and reported
    /// as a damaged file, so the panic message is not printed.
    static READING_PDF: Cell<bool> = const { Cell::new(false) };
}

/// Installs, once, a panic hook that stays quiet for panics inside [`READING_PDF`] and
/// hands every other panic to the hook that was there before.
fn quiet_pdf_panics() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !READING_PDF.with(Cell::get) {
                previous(info);
            }
        }));
    });
}

/// Reads a PDF file's bytes into a document.
pub fn parse_pdf(bytes: &[u8]) -> Result<Document, PdfError> {
    quiet_pdf_panics();
    READING_PDF.with(|r| r.set(true));
    let read = std::panic::catch_unwind(|| read_pages(bytes));
    READING_PDF.with(|r| r.set(false));
    let (extracted, bookmarks, info_title) = read.map_err(|_| PdfError::Damaged)??;
    let mut doc = build(extracted.pages, &bookmarks, info_title)?;
    doc.set_unread_pages(extracted.unread);
    Ok(doc)
}

/// A bookmark: its title, depth (1 = top) and page.
#[derive(Clone, Debug, PartialEq)]
struct Bookmark {
    title: String,
    level: u8,
}

/// Glyphs of every page (and the pages that would not read), the bookmarks and the
/// document information's title.
type Read = (Extracted, Vec<Bookmark>, Option<String>);

/// Loads the file and collects every page's glyphs.
fn read_pages(bytes: &[u8]) -> Result<Read, PdfError> {
    let mut doc = lopdf::Document::load_mem(bytes).map_err(|_| PdfError::Damaged)?;
    if doc.is_encrypted() {
        // Many PDFs are "encrypted" with an empty user password only to restrict printing.
        doc.decrypt("").map_err(|_| PdfError::Encrypted)?;
    }
    let bookmarks = doc
        .get_toc()
        .map(|toc| {
            toc.toc
                .into_iter()
                .map(|t| Bookmark {
                    title: squash(&t.title),
                    level: t.level.clamp(1, 6) as u8,
                })
                .filter(|b| !b.title.is_empty())
                .collect()
        })
        .unwrap_or_default();
    let info_title = info_title(&doc);
    pdf_cmaps::read_predefined_cmaps(&mut doc);
    widths_as_lists(&mut doc);
    let pages = extract_pages(&doc)?;
    Ok((pages, bookmarks, info_title))
}

/// A page read: its lines in reading order, and how many glyphs it drew.
struct ReadPage {
    lines: Vec<Line>,
    glyphs: usize,
}

/// Every page read, and the pages that could not be read.
struct Extracted {
    pages: Vec<ReadPage>,
    unread: Vec<u32>,
}

/// Collects every page's glyphs, the pages shared out among the cores, each core's pages
/// through one `PageReader` (our patched `pdf-extract`), so that a font's ToUnicode map —
/// thousands of glyphs in a Chinese subset — is parsed once per core, not once per page. A page the library fails on (it panics on some malformed
/// content) is left out and named; only a file none of whose pages read is damaged.
fn extract_pages(doc: &lopdf::Document) -> Result<Extracted, PdfError> {
    let numbers: Vec<u32> = doc.get_pages().keys().copied().collect();
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 8)
        .min(numbers.len().max(1));
    let chunk = numbers.len().div_ceil(workers).max(1);
    let results: Vec<Option<Extracted>> = std::thread::scope(|scope| {
        let handles: Vec<_> = numbers
            .chunks(chunk)
            .map(|pages| {
                std::thread::Builder::new()
                    .stack_size(super::WORKER_STACK_BYTES)
                    .spawn_scoped(scope, move || {
                        READING_PDF.with(|r| r.set(true));
                        let mut out = Extracted {
                            pages: Vec::with_capacity(pages.len()),
                            unread: Vec::new(),
                        };
                        // One reader for the thread's pages: the fonts they share are
                        // parsed once.
                        let mut reader = pdf_extract::PageReader::new(doc);
                        for &page in pages {
                            // A panic leaves nothing half-written behind: the page's
                            // collector is dropped, and the reader's fonts are whole (a font
                            // is kept only once made).
                            let read =
                                std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                                    let mut collector = Collector::default();
                                    reader
                                        .output_page(&mut collector, page)
                                        .map(|()| collector.pages)
                                }));
                            match read {
                                // Glyphs become lines at once: a book's glyphs, each with
                                // its place and text, never all stand in memory together.
                                Ok(Ok(glyphs)) => {
                                    out.pages.extend(glyphs.iter().map(|g| ReadPage {
                                        lines: page_lines(g),
                                        glyphs: g.glyphs.len(),
                                    }))
                                }
                                _ => out.unread.push(page),
                            }
                        }
                        out
                    })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.ok().and_then(|h| h.join().ok()))
            .collect()
    });
    let mut all = Extracted {
        pages: Vec::with_capacity(numbers.len()),
        unread: Vec::new(),
    };
    for r in results {
        let r = r.ok_or(PdfError::Damaged)?;
        all.pages.extend(r.pages);
        all.unread.extend(r.unread);
    }
    if !numbers.is_empty() && all.unread.len() == numbers.len() {
        return Err(PdfError::Damaged);
    }
    Ok(all)
}

/// Most glyphs a rewrite of width ranges may spell out, over all fonts of a file.
const MAX_SPELLED_WIDTHS: usize = 1 << 20;

/// Rewrites every CID font's `/W` ranges (`first last width`) as lists (`first [width …]`).
/// `pdf-extract` 0.12 misreads the range form (it takes `first` for `last` and for the
/// width, so the range is empty) and falls back to the default width, which krilla and
/// several other producers set to 0: every glyph of a line would then stand at one x.
fn widths_as_lists(doc: &mut lopdf::Document) {
    use lopdf::Object;
    let number = |o: &Object| match o {
        Object::Integer(i) => Some(*i as f64),
        Object::Real(r) => Some(f64::from(*r)),
        _ => None,
    };
    let mut budget = MAX_SPELLED_WIDTHS;
    let ids: Vec<lopdf::ObjectId> = doc.objects.keys().copied().collect();
    for id in ids {
        let Some(Object::Dictionary(font)) = doc.objects.get(&id) else {
            continue;
        };
        let cid = font
            .get(b"Subtype")
            .ok()
            .and_then(|s| s.as_name().ok())
            .is_some_and(|n| n.starts_with(b"CIDFontType"));
        if !cid {
            continue;
        }
        // The array, inline or referenced, and where to write it back.
        let (target, w) = match font.get(b"W") {
            Ok(Object::Array(w)) => (None, w.clone()),
            Ok(Object::Reference(r)) => match doc.objects.get(r) {
                Some(Object::Array(w)) => (Some(*r), w.clone()),
                _ => continue,
            },
            _ => continue,
        };
        let mut out: Vec<Object> = Vec::with_capacity(w.len());
        let mut i = 0;
        let mut changed = false;
        while i < w.len() {
            match (w.get(i), w.get(i + 1), w.get(i + 2)) {
                (Some(first), Some(Object::Array(list)), _) => {
                    out.push(first.clone());
                    out.push(Object::Array(list.clone()));
                    i += 2;
                }
                (Some(first), Some(last), Some(width)) => {
                    let (Some(a), Some(b), Some(_)) = (number(first), number(last), number(width))
                    else {
                        break;
                    };
                    let count = (b - a + 1.0).max(0.0) as usize;
                    if count > budget {
                        return;
                    }
                    budget -= count;
                    out.push(first.clone());
                    out.push(Object::Array(vec![width.clone(); count]));
                    changed = true;
                    i += 3;
                }
                _ => break,
            }
        }
        if !changed {
            continue;
        }
        match target {
            Some(r) => {
                doc.objects.insert(r, Object::Array(out));
            }
            None => {
                if let Some(Object::Dictionary(font)) = doc.objects.get_mut(&id) {
                    font.set("W", Object::Array(out));
                }
            }
        }
    }
}

/// The document information's `/Title`, unless it is a file name a program put there.
fn info_title(doc: &lopdf::Document) -> Option<String> {
    let info = doc.trailer.get(b"Info").ok()?;
    let info = match info {
        lopdf::Object::Reference(id) => doc.get_object(*id).ok()?,
        other => other,
    };
    let title = info.as_dict().ok()?.get(b"Title").ok()?;
    let lopdf::Object::String(bytes, _) = title else {
        return None;
    };
    // Text strings are UTF-16 with a BOM or PDFDocEncoding; Chinese producers also write
    // GBK bytes, which neither decodes.
    let title = if bytes.starts_with(&[0xFE, 0xFF]) || bytes.is_ascii() {
        lopdf::decode_text_string(title).ok()?
    } else {
        let (text, _, bad) = encoding_rs::GBK.decode(bytes);
        if bad {
            return None;
        }
        text.into_owned()
    };
    let title = squash(&title);
    // Some drivers write the title's bytes as hex text (`<4D6963…>`): nothing to show.
    let hex = title.len() >= 2
        && title.starts_with('<')
        && title.ends_with('>')
        && title[1..title.len() - 1]
            .chars()
            .all(|c| c.is_ascii_hexdigit());
    let generated = hex
        || title.is_empty()
        || [
            ".doc",
            ".pdf",
            ".wps",
            "Microsoft Word",
            "untitled",
            "Untitled",
        ]
        .iter()
        .any(|w| title.contains(w));
    (!generated).then_some(title)
}

/// Receives the glyphs `pdf-extract` finds, page by page.
#[derive(Default)]
struct Collector {
    pages: Vec<PageGlyphs>,
}

impl pdf_extract::OutputDev for Collector {
    fn begin_page(
        &mut self,
        page_num: u32,
        media_box: &pdf_extract::MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), pdf_extract::OutputError> {
        self.pages.push(PageGlyphs {
            number: page_num,
            width: (media_box.urx - media_box.llx) as f32,
            glyphs: Vec::new(),
        });
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), pdf_extract::OutputError> {
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &pdf_extract::Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        char: &str,
    ) -> Result<(), pdf_extract::OutputError> {
        let Some(page) = self.pages.last_mut() else {
            return Ok(());
        };
        // The size as drawn: the font size scaled by the text matrix's area.
        let scale = (trm.m11 * trm.m22 - trm.m12 * trm.m21).abs().sqrt();
        // A negative font size (drawn under a flipped matrix, as PDFlib does) is upright
        // text all the same.
        let size = (font_size * scale).abs() as f32;
        page.glyphs.push(Glyph {
            x: trm.m31 as f32,
            y: trm.m32 as f32,
            size,
            width: (width * font_size * scale).abs() as f32,
            // Radical code points from the fonts' maps read as the ideographs they look like,
            // so that headings (`第⼀章`) and search see the ideographs.
            text: char.chars().map(super::typography::fold_radical).collect(),
        });
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), pdf_extract::OutputError> {
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), pdf_extract::OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), pdf_extract::OutputError> {
        Ok(())
    }
}

/// From the pages' lines to the document.
fn build(
    pages: Vec<ReadPage>,
    bookmarks: &[Bookmark],
    info_title: Option<String>,
) -> Result<Document, PdfError> {
    let glyphs: usize = pages.iter().map(|p| p.glyphs).sum();
    if glyphs == 0 {
        return Err(PdfError::Scanned);
    }
    let lines: Vec<Vec<Line>> = pages.into_iter().map(|p| p.lines).collect();
    let readable = lines
        .iter()
        .flatten()
        .flat_map(|l| l.text.chars())
        .filter(|c| !c.is_whitespace())
        .take(20_000)
        .fold((0usize, 0usize), |(good, all), c| {
            let ok = !c.is_control() && c != '\u{fffd}' && !('\u{e000}'..='\u{f8ff}').contains(&c);
            (good + usize::from(ok), all + 1)
        });
    if readable.1 == 0 {
        // Glyphs were drawn, but their fonts map them to no text at all.
        return Err(PdfError::Unreadable);
    }
    if readable.0 * 2 < readable.1 {
        return Err(PdfError::Unreadable);
    }
    let page_count = lines.len() as u32;
    let mut lines = lines;
    drop_justification_spaces(&mut lines);
    let (lines, furniture) = drop_page_furniture(lines);
    if std::env::var_os("JINGDU_DEBUG_PDF").is_some() {
        for l in &lines {
            eprintln!(
                "p{} c{} x{:.1}-{:.1} y{:.1} s{:.2} {}",
                l.page, l.column, l.x0, l.x1, l.y, l.size, l.text
            );
        }
    }
    let body_size = {
        let mut sizes: Vec<f32> = lines
            .iter()
            .flat_map(|l| std::iter::repeat_n(l.size, l.text.chars().count().min(200)))
            .collect();
        typical(&mut sizes)
    };
    let paragraphs = paragraphs(&lines, body_size);
    // The lines are in the paragraphs now: a copy of the text less while the rest is built.
    drop(lines);
    let levels = size_levels(&paragraphs, body_size);
    let bookmark_level: HashMap<String, u8> =
        bookmarks.iter().map(|b| (key(&b.title), b.level)).collect();

    let mut meta = Metadata::default();
    // The title: the largest text among the first paragraphs of the first page, when it is
    // clearly larger than the body (a notice in small print may stand above it).
    let title_at = paragraphs
        .iter()
        .take(6)
        .enumerate()
        .filter(|(_, p)| p.page == 1 && p.size >= body_size * 1.25 && p.text.chars().count() <= 60)
        .max_by(|a, b| a.1.size.total_cmp(&b.1.size))
        .map(|(i, _)| i);
    let mut blocks: Vec<(String, LineHint)> = Vec::with_capacity(paragraphs.len());
    let mut marks: Vec<PageMark> = Vec::with_capacity(paragraphs.len());
    for (i, p) in paragraphs.into_iter().enumerate() {
        marks.push(PageMark::of(&p));
        if Some(i) == title_at && bookmark_level.is_empty() {
            meta.title = Some(p.text);
            continue;
        }
        let k = key(&p.text);
        let hint = if p.footnote {
            LineHint::Body
        } else if let Some(&level) = bookmark_level.get(&k) {
            LineHint::Heading(level)
        } else if bookmark_level.is_empty()
            && let Some(&level) = levels.get(&size_key(p.size))
            && p.text.chars().count() <= 60
        {
            LineHint::Heading(level)
        } else {
            LineHint::Text
        };
        blocks.push((p.text, hint));
    }
    if meta.title.is_none() {
        meta.title = info_title;
    }
    // A journal article: its running head names the journal and the issue, its page
    // numbers the pages in that issue.
    let journal = pdf_journal::journal_source(&furniture.heads, &furniture.numbers, page_count);
    if journal.issue.is_some() {
        meta.source = journal.name;
        meta.issue = journal.issue;
        meta.pages = journal.pages;
    }
    let mut doc = parse_separate_blocks(&blocks, meta);
    drop(blocks);
    let starts = page_starts(doc.body_text(), &marks);
    doc.set_page_starts(starts);
    Ok(doc)
}

/// What finding a paragraph's page needs: its opening words, its length and its page.
struct PageMark {
    opening: String,
    len: usize,
    page: u32,
}

impl PageMark {
    /// The mark of paragraph `p`.
    fn of(p: &Paragraph) -> Self {
        PageMark {
            opening: p.text.trim().chars().take(12).collect(),
            len: p.text.len(),
            page: p.page,
        }
    }
}

/// Where each page's first paragraph stands in the body text: each paragraph's opening
/// words are looked for a little ahead of the previous one's — no further than the
/// paragraphs read since then could reach — so the walk is linear, and a paragraph the
/// detector left out (the title, a table of contents) cannot match a heading far ahead.
fn page_starts(body: &str, paragraphs: &[PageMark]) -> Vec<(usize, u32)> {
    /// Room for what joining and typography change in a paragraph's length (bytes).
    const SLACK: usize = 1024;
    let mut starts: Vec<(usize, u32)> = Vec::new();
    let mut cursor = 0usize; // byte offset
    let mut chars_before = 0usize; // chars in body[..cursor]
    let mut reach = 0usize; // bytes of the paragraphs since the last one found
    for p in paragraphs {
        let opening = &p.opening;
        if opening.is_empty() {
            continue;
        }
        let mut end = (cursor + reach + SLACK).min(body.len());
        while !body.is_char_boundary(end) {
            end -= 1;
        }
        let Some(at) = body[cursor..end].find(opening.as_str()) else {
            reach += p.len;
            continue;
        };
        chars_before += body[cursor..cursor + at].chars().count();
        cursor += at;
        reach = p.len;
        match starts.last_mut() {
            // An entry left out (a contents line) matched the text its page's own
            // paragraph starts with: the later page is the one that holds it.
            Some(last) if last.0 == chars_before && p.page > last.1 => last.1 = p.page,
            Some(last) if p.page <= last.1 => {}
            _ => starts.push((chars_before, p.page)),
        }
    }
    starts
}

/// Whether a char stands on the Chinese side of a space: an ideograph, CJK or full-width
/// punctuation, or the curly quotes and dashes Chinese text uses.
fn chinese_side(c: char) -> bool {
    super::lines::is_cjk(c) || matches!(c, '“' | '”' | '‘' | '’' | '—' | '…' | '·')
}

/// The spaces between two Chinese chars in `text`: their byte offsets.
fn spaces_between_chinese(text: &str) -> Vec<usize> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    (1..chars.len().saturating_sub(1))
        .filter(|&i| {
            chars[i].1 == ' ' && chinese_side(chars[i - 1].1) && chinese_side(chars[i + 1].1)
        })
        .map(|i| chars[i].0)
        .collect()
}

/// Chinese has no spaces between words, but some producers (Word 97's justification among
/// them) wrote the gaps of justified lines as spaces: `一个 嘶 哑 的 嗓 子`. When spaces between
/// Chinese chars are that common — one for every ten Chinese chars or more — they are all
/// dropped; a document with a few (`中共中央 国务院`, the issuers of a notice) keeps them.
fn drop_justification_spaces(pages: &mut [Vec<Line>]) {
    let (mut spaces, mut chinese) = (0usize, 0usize);
    for line in pages.iter().flatten() {
        spaces += spaces_between_chinese(&line.text).len();
        chinese += line.text.chars().filter(|&c| chinese_side(c)).count();
    }
    if spaces == 0 || spaces * 10 < chinese {
        return;
    }
    for line in pages.iter_mut().flatten() {
        for at in spaces_between_chinese(&line.text).into_iter().rev() {
            line.text.remove(at);
        }
    }
}

/// What the page furniture says: the running heads (each once, in order) and the page
/// numbers printed on the pages, `(page in the file, printed number)`.
#[derive(Debug, Default)]
struct Furniture {
    heads: Vec<String>,
    numbers: Vec<(u32, u32)>,
}

/// Drops running heads, running footers and page numbers: lines in the top or bottom band
/// of a page that are a page number, or that repeat (digits aside) on at least a third of
/// the pages. What they said is kept aside for the citation.
fn drop_page_furniture(pages: Vec<Vec<Line>>) -> (Vec<Line>, Furniture) {
    let edge_lines = |page: &[Line]| -> Vec<usize> {
        let n = page.len();
        let mut v: Vec<usize> = (0..n.min(2)).collect();
        v.extend(n.saturating_sub(2).max(n.min(2))..n);
        v
    };
    let mut seen: HashMap<String, usize> = HashMap::new();
    for page in &pages {
        let mut keys: Vec<String> = edge_lines(page)
            .into_iter()
            .map(|i| furniture_key(&page[i].text))
            .collect();
        keys.sort();
        keys.dedup();
        for k in keys {
            *seen.entry(k).or_default() += 1;
        }
    }
    let page_count = pages.len();
    let repeated = |text: &str| {
        page_count >= 3
            && seen
                .get(&furniture_key(text))
                .is_some_and(|&n| n * 3 >= page_count)
    };
    let mut out = Vec::new();
    let mut furniture = Furniture::default();
    for page in pages {
        let edges = edge_lines(&page);
        for (i, line) in page.into_iter().enumerate() {
            let at_edge = edges.contains(&i);
            // At a page's edge a bare number is its page number too.
            // Page numbers set in full-width digits (`２`) read as the ASCII ones.
            let folded: String = line.text.trim().chars().map(ascii_digit).collect();
            let bare_number =
                (1..=5).contains(&folded.len()) && folded.chars().all(|c| c.is_ascii_digit());
            if at_edge && (bare_number || super::meta::is_page_number(&folded)) {
                let digits: String = folded
                    .chars()
                    .skip_while(|c| !c.is_ascii_digit())
                    .take_while(char::is_ascii_digit)
                    .collect();
                if let Ok(n) = digits.parse() {
                    furniture.numbers.push((line.page, n));
                }
                continue;
            }
            if at_edge && repeated(&line.text) {
                let head = squash(&line.text);
                if !furniture.heads.contains(&head) {
                    furniture.heads.push(head);
                }
                continue;
            }
            out.push(line);
        }
    }
    (out, furniture)
}

/// A full-width digit (`０`–`９`) as its ASCII digit; any other char as it is.
fn ascii_digit(c: char) -> char {
    match c {
        '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
        _ => c,
    }
}

/// A line with its digits replaced, so that `第 3 页` and `第 4 页` are the same footer.
fn furniture_key(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .collect()
}

/// A paragraph rebuilt from lines.
#[derive(Clone, Debug, PartialEq)]
struct Paragraph {
    text: String,
    size: f32,
    page: u32,
    /// A footnote from the foot of its page: body text, never a heading.
    footnote: bool,
}

/// Joins lines into paragraphs. A paragraph ends where a line ends well short of the
/// column's right edge, where the next line is indented past the column's left edge, where
/// the size changes, or where the gap between lines is clearly wider than the usual one;
/// on a page headed 目录 every line is an entry of its own. Footnotes are set aside until
/// the paragraph in progress ends, raised note markers left out (see [`pdf_notes`]).
fn paragraphs(lines: &[Line], body_size: f32) -> Vec<Paragraph> {
    // Edges per page and column: the most common left and the furthest usual right.
    let mut lefts: HashMap<(u32, u8), Vec<f32>> = HashMap::new();
    let mut rights: HashMap<(u32, u8), Vec<f32>> = HashMap::new();
    let mut gaps: Vec<f32> = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        if same_size(l.size, body_size) {
            lefts
                .entry((l.page, l.column))
                .or_default()
                .push(l.x0.round());
            rights
                .entry((l.page, l.column))
                .or_default()
                .push(l.x1.round());
        }
        if let Some(next) = lines.get(i + 1)
            && next.page == l.page
            && next.column == l.column
            && same_size(l.size, body_size)
            && same_size(next.size, body_size)
        {
            gaps.push((l.y - next.y).abs().round());
        }
    }
    let left: HashMap<(u32, u8), f32> = lefts
        .into_iter()
        .map(|(k, mut v)| (k, typical(&mut v)))
        .collect();
    let right: HashMap<(u32, u8), f32> = rights
        .into_iter()
        .map(|(k, mut v)| {
            v.sort_by(f32::total_cmp);
            // The 90th percentile: full lines, not the odd overhanging punctuation.
            let at = (v.len() * 9 / 10).min(v.len() - 1);
            (k, v[at])
        })
        .collect();
    let line_gap = typical(&mut gaps);

    let roles = pdf_notes::roles(lines, body_size);
    let mut out: Vec<Paragraph> = Vec::new();
    // Footnotes wait until the paragraph the page break cuts has ended.
    let mut notes: Vec<Paragraph> = Vec::new();
    let mut prev: Option<&Line> = None;
    let mut prev_note: Option<&Line> = None;
    // A page headed 目录 lists entries, one per line, whatever their length.
    let mut contents_page: Option<u32> = None;
    for (l, role) in lines.iter().zip(roles) {
        if prev.is_none_or(|p| p.page != l.page) {
            contents_page = super::parse::is_contents_label(&l.text).then_some(l.page);
        }
        match role {
            pdf_notes::Role::Marker => continue,
            pdf_notes::Role::Footnote => {
                let joins = match (notes.last(), prev_note) {
                    (Some(n), Some(p)) if p.page == l.page => {
                        let ended = right
                            .get(&(p.page, p.column))
                            .map_or(ends_sentence(&p.text), |&x1| p.x1 < x1 - 2.0 * p.size);
                        pdf_notes::is_marker(&n.text) || !(ended || pdf_notes::opens_note(&l.text))
                    }
                    _ => false,
                };
                match notes.last_mut() {
                    Some(note) if joins => join_line(&mut note.text, &l.text),
                    _ => notes.push(Paragraph {
                        text: l.text.trim().to_owned(),
                        size: l.size,
                        page: l.page,
                        footnote: true,
                    }),
                }
                prev_note = Some(l);
                continue;
            }
            pdf_notes::Role::Body => {}
        }
        let starts = match prev {
            None => true,
            Some(p) => {
                let col = (l.page, l.column);
                let pcol = (p.page, p.column);
                let indented = left.get(&col).is_some_and(|&x| l.x0 > x + 0.8 * l.size);
                // A line that stops short ends its paragraph when it ends a sentence, or
                // stops very short; left-aligned text (not justified) leaves lines a char
                // or two short wherever the next word did not fit.
                let short = match (left.get(&pcol), right.get(&pcol)) {
                    (Some(&x0), Some(&x1)) if p.x1 < x1 - 1.5 * p.size => {
                        ends_sentence(&p.text) || p.x1 < x0 + 0.6 * (x1 - x0)
                    }
                    _ => false,
                };
                let size_changed = !same_size(l.size, p.size);
                let same_page = l.page == p.page && l.column == p.column;
                let wide_gap = same_page && line_gap > 0.0 && (p.y - l.y).abs() > line_gap * 1.6;
                let entry = contents_page == Some(l.page);
                indented || short || size_changed || wide_gap || entry
            }
        };
        if starts {
            out.append(&mut notes);
        }
        match out.last_mut() {
            Some(para) if !starts => join_line(&mut para.text, &l.text),
            _ => out.push(Paragraph {
                text: l.text.trim().to_owned(),
                size: l.size,
                page: l.page,
                footnote: false,
            }),
        }
        prev = Some(l);
    }
    out.append(&mut notes);
    out
}

/// Whether a line ends a sentence (or a quotation closing one).
fn ends_sentence(line: &str) -> bool {
    let t = line
        .trim_end()
        .trim_end_matches(['”', '’', '」', '』', '"', '\'', '）', ')']);
    t.ends_with(['。', '！', '？', '；', '：', '…', '.', '!', '?', ';', ':'])
}

/// Appends a wrapped line: no space between CJK, one between Latin words, and a word
/// hyphenated across the break joined.
fn join_line(text: &mut String, line: &str) {
    let line = line.trim();
    let last = text.chars().last();
    let first = line.chars().next();
    if let (Some('-'), Some(f)) = (last, first) {
        let before = text.chars().rev().nth(1);
        if before.is_some_and(|c| c.is_ascii_alphabetic()) && f.is_ascii_lowercase() {
            text.pop();
            text.push_str(line);
            return;
        }
    }
    let latin =
        |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || ",.;:".contains(c));
    if latin(last) && latin(first) {
        text.push(' ');
    }
    text.push_str(line);
}

/// Whether two sizes are the same within rounding (a tenth).
fn same_size(a: f32, b: f32) -> bool {
    (a - b).abs() <= 0.1 * a.max(b)
}

/// A size to a map key (quarter points).
fn size_key(size: f32) -> i32 {
    (size * 4.0).round() as i32
}

/// Heading levels by size: sizes clearly larger than the body's that a few short
/// paragraphs use, largest first.
fn size_levels(paragraphs: &[Paragraph], body: f32) -> HashMap<i32, u8> {
    let mut larger: Vec<i32> = paragraphs
        .iter()
        .filter(|p| p.size > body * 1.12 && p.text.chars().count() <= 60)
        .map(|p| size_key(p.size))
        .collect();
    larger.sort_unstable_by(|a, b| b.cmp(a));
    larger.dedup();
    larger
        .into_iter()
        .take(4)
        .enumerate()
        .map(|(i, k)| (k, i as u8 + 1))
        .collect()
}

/// Text compared without whitespace.
fn key(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{3000}')
        .collect()
}

/// Collapses whitespace runs to one space and trims.
fn squash(s: &str) -> String {
    s.split(char::is_whitespace)
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str, page: u32, x0: f32, x1: f32, y: f32) -> Line {
        Line {
            text: text.into(),
            x0,
            x1,
            y,
            size: 12.0,
            column: 0,
            page,
        }
    }

    #[test]
    fn wrapped_lines_join_into_paragraphs_across_pages() {
        let lines = vec![
            // Indented first lines; a left-aligned line a char short mid-sentence continues.
            line(
                "　　第一段的第一行，排满了整行的文字，一直",
                1,
                96.0,
                522.0,
                700.0,
            ),
            line(
                "到右边；这一行没有排满是因为下一个词放不",
                1,
                72.0,
                498.0,
                684.0,
            ),
            line("下，于是换行。第一段到这里结束。", 1, 72.0, 300.0, 668.0),
            line(
                "　　第二段从这里开始，也是一整行的文字排到",
                1,
                96.0,
                522.0,
                652.0,
            ),
            line("页末。", 1, 72.0, 522.0, 636.0),
            // A page break inside the paragraph.
            line("下一页接着写第二段，然后结束。", 2, 72.0, 280.0, 700.0),
            line("　　第三段。", 2, 96.0, 168.0, 684.0),
            line("A hyphen-", 2, 72.0, 522.0, 668.0),
            line("ated word and more words.", 2, 72.0, 300.0, 652.0),
        ];
        let paras = paragraphs(&lines, 12.0);
        let texts: Vec<&str> = paras.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "第一段的第一行，排满了整行的文字，一直到右边；这一行没有排满是因为下一个词放不下，于是换行。第一段到这里结束。",
                "第二段从这里开始，也是一整行的文字排到页末。下一页接着写第二段，然后结束。",
                // Short and ending a sentence: a paragraph of its own.
                "第三段。",
                "A hyphenated word and more words.",
            ]
        );
        assert_eq!(paras[1].page, 1);
    }

    #[test]
    fn footnotes_wait_until_the_paragraph_the_page_break_cuts_has_ended() {
        let sized = |text: &str, page, x1, y, size| Line {
            size,
            ..line(text, page, 72.0, x1, y)
        };
        let lines = vec![
            sized("①", 1, 80.0, 712.0, 6.0),
            sized(
                "　　这是一条真正的变色龙，它的性质在每一具体情况",
                1,
                522.0,
                700.0,
                12.0,
            ),
            sized("下都有所变化，透过全部现象来看，战", 1, 522.0, 684.0, 12.0),
            sized("①", 1, 76.0, 100.0, 4.5),
            sized("指暴力向极端发挥的趋向。——译者", 1, 250.0, 96.0, 9.0),
            sized("②变色龙——蜥蜴类动物，身体的颜色能随环", 1, 522.0, 84.0, 9.0),
            sized("境变化。", 1, 120.0, 72.0, 9.0),
            sized("争还是一个奇怪的三位一体。", 2, 300.0, 700.0, 12.0),
            Line {
                x0: 96.0,
                ..line("　　下一段。", 2, 72.0, 168.0, 684.0)
            },
        ];
        let paras = paragraphs(&lines, 12.0);
        let texts: Vec<&str> = paras.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "这是一条真正的变色龙，它的性质在每一具体情况下都有所变化，透过全部现象来看，战争还是一个奇怪的三位一体。",
                "①指暴力向极端发挥的趋向。——译者",
                "②变色龙——蜥蜴类动物，身体的颜色能随环境变化。",
                "下一段。",
            ]
        );
        let footnotes: Vec<bool> = paras.iter().map(|p| p.footnote).collect();
        assert_eq!(footnotes, [false, true, true, false]);
    }

    #[test]
    fn a_page_headed_contents_keeps_one_entry_per_line() {
        let lines = vec![
            line("目录", 2, 72.0, 120.0, 700.0),
            line(
                "第一章 一个很长很长的章名一直排到了右边的边缘",
                2,
                72.0,
                522.0,
                680.0,
            ),
            line("第二章 又一个章名", 2, 72.0, 300.0, 660.0),
            line(
                "第三章 最后一个很长很长的章名也排到了右边缘",
                2,
                72.0,
                522.0,
                640.0,
            ),
            line("后记", 2, 72.0, 120.0, 620.0),
            // The next page reads as usual again: a full line runs on.
            line(
                "正文的第一行排满了整整一行的文字，一直到右",
                3,
                72.0,
                522.0,
                700.0,
            ),
            line("边，然后在这里结束。", 3, 72.0, 300.0, 680.0),
        ];
        let paras = paragraphs(&lines, 12.0);
        let texts: Vec<&str> = paras.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "目录",
                "第一章 一个很长很长的章名一直排到了右边的边缘",
                "第二章 又一个章名",
                "第三章 最后一个很长很长的章名也排到了右边缘",
                "后记",
                "正文的第一行排满了整整一行的文字，一直到右边，然后在这里结束。",
            ]
        );
    }

    #[test]
    fn spaces_a_producer_justified_with_go_and_a_few_meant_ones_stay() {
        let justified = vec![vec![
            line(
                "一个 嘶 哑 的 嗓 子 低 沉 地 叫 着 。",
                1,
                72.0,
                522.0,
                700.0,
            ),
            line(
                "“胡 一 刀 ， 曲池 ， 天枢 ！ ” He said hello.",
                1,
                72.0,
                522.0,
                684.0,
            ),
        ]];
        let mut pages = justified;
        drop_justification_spaces(&mut pages);
        assert_eq!(pages[0][0].text, "一个嘶哑的嗓子低沉地叫着。");
        assert_eq!(pages[0][1].text, "“胡一刀，曲池，天枢！” He said hello.");
        let mut meant = vec![vec![
            line(
                "中共中央 国务院关于实施乡村振兴战略的意见",
                1,
                72.0,
                522.0,
                700.0,
            ),
            line(
                "实施乡村振兴战略，是党的十九大作出的重大决策部署。",
                1,
                72.0,
                522.0,
                684.0,
            ),
        ]];
        drop_justification_spaces(&mut meant);
        assert_eq!(
            meant[0][0].text,
            "中共中央 国务院关于实施乡村振兴战略的意见"
        );
    }

    #[test]
    fn running_heads_footers_and_page_numbers_are_dropped() {
        let text = ["春", "夏", "秋", "冬"];
        let pages: Vec<Vec<Line>> = (1..=4)
            .map(|p| {
                let season = text[p as usize - 1];
                vec![
                    line("某某大学学报（社会科学版）", p, 72.0, 300.0, 780.0),
                    line(
                        &format!("正文写{season}天的第一行。"),
                        p,
                        72.0,
                        522.0,
                        700.0,
                    ),
                    line(
                        &format!("正文写{season}天的第二行。"),
                        p,
                        72.0,
                        522.0,
                        684.0,
                    ),
                    line(&format!("第 {p} 页 共 4 页"), p, 250.0, 340.0, 40.0),
                    // Full-width digits on the last two pages, as some typesetters set them.
                    if p < 3 {
                        line(&format!("- {p} -"), p, 290.0, 310.0, 30.0)
                    } else {
                        line(
                            &char::from_u32('０' as u32 + p).unwrap().to_string(),
                            p,
                            300.0,
                            310.0,
                            30.0,
                        )
                    },
                ]
            })
            .collect();
        let (kept, furniture) = drop_page_furniture(pages);
        assert_eq!(furniture.heads, ["某某大学学报（社会科学版）"]);
        assert_eq!(
            furniture.numbers.len(),
            8,
            "第 N 页 and - N - or Ｎ on each page"
        );
        assert_eq!(kept.len(), 8);
        assert!(kept.iter().all(|l| l.text.starts_with("正文")));
    }

    #[test]
    fn each_page_start_is_found_in_the_body() {
        // A long paragraph on page 3, so that the body is longer than the slack allowed.
        let long = "长".repeat(2000);
        let body = format!(
            "标题\n第一段在第一页。\n第二段在第二页开头。\n第三段也在第二页。\n{long}\n第四段在第五页。"
        );
        let p = |text: &str, page| Paragraph {
            text: text.into(),
            size: 12.0,
            page,
            footnote: false,
        };
        let paragraphs = [
            // A contents entry the detector left out: it must not match its heading far
            // ahead, or the pages before that heading would all be lost.
            p("第四段在第五页。", 1),
            p("不在正文里的标题行", 1),
            // A contents entry that does match, a little ahead: its paragraph's own page
            // wins.
            p("第一段在第一页。", 0),
            p("第一段在第一页。", 1),
            p("第二段在第二页开头。", 2),
            p("第三段也在第二页。", 2),
            p(&long, 3),
            p("第四段在第五页。", 5),
        ];
        let marks: Vec<PageMark> = paragraphs.iter().map(PageMark::of).collect();
        let starts = page_starts(&body, &marks);
        let offset = |s: &str| body[..body.find(s).unwrap()].chars().count();
        assert_eq!(
            starts,
            vec![
                (offset("第一段"), 1),
                (offset("第二段"), 2),
                (offset("长"), 3),
                (offset("第四段"), 5)
            ]
        );
    }

    #[test]
    fn sentence_ends_are_told() {
        assert!(ends_sentence("于是他走了。"));
        assert!(ends_sentence("他说：“走吧！”"));
        assert!(!ends_sentence("因为下一个词放不"));
    }

    /// A PDF of one page that draws `content`, made with lopdf.
    fn one_page_pdf(content: &[u8]) -> Vec<u8> {
        use lopdf::dictionary;
        one_page_pdf_with(content, |doc| {
            doc.add_object(dictionary! {
                "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
            })
        })
    }

    /// A PDF of one page that draws `content` with the font `font` makes as `/F1`; a form
    /// `/Fm1` on the page shows `(Form text) Tj` in the same font.
    fn one_page_pdf_with(
        content: &[u8],
        font: impl FnOnce(&mut lopdf::Document) -> lopdf::ObjectId,
    ) -> Vec<u8> {
        use lopdf::{Object, Stream, dictionary};
        let mut doc = lopdf::Document::with_version("1.5");
        let pages_id = doc.new_object_id();
        let font_id = font(&mut doc);
        let form_id = doc.add_object(Stream::new(
            dictionary! { "Type" => "XObject", "Subtype" => "Form",
            "BBox" => vec![0.into(), 0.into(), 595.into(), 842.into()] },
            FORM_CONTENT.to_vec(),
        ));
        let resources_id = doc.add_object(dictionary! {
            "Font" => dictionary! { "F1" => font_id },
            "XObject" => dictionary! { "Fm1" => form_id },
        });
        let content_id = doc.add_object(Stream::new(dictionary! {}, content.to_vec()));
        let page_id = doc.add_object(dictionary! {
            "Type" => "Page",
            "Parent" => pages_id,
            "Contents" => content_id,
            "Resources" => resources_id,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        });
        doc.objects.insert(
            pages_id,
            Object::Dictionary(dictionary! {
                "Type" => "Pages", "Kids" => vec![page_id.into()], "Count" => 1,
            }),
        );
        let catalog_id = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
        doc.trailer.set("Root", catalog_id);
        let mut out = Vec::new();
        doc.save_to(&mut out).unwrap();
        out
    }

    /// What the form of [`one_page_pdf_with`] draws: 读书要精 in GBK, under the page's text.
    const FORM_CONTENT: &[u8] = b"BT /F1 12 Tf 72 600 Td <B6C1CAE9D2AABEAB> Tj ET";

    /// Adds a Type0 font in the predefined `GBK-EUC-H` CMap, without a ToUnicode map, as
    /// Acrobat Distiller 4 wrote them.
    fn gbk_font(doc: &mut lopdf::Document) -> lopdf::ObjectId {
        use lopdf::dictionary;
        let descriptor = doc.add_object(dictionary! {
            "Type" => "FontDescriptor", "FontName" => "STSong-Light", "Flags" => 6,
            "FontBBox" => vec![0.into(), (-143).into(), 1000.into(), 857.into()],
            "ItalicAngle" => 0, "Ascent" => 857, "Descent" => -143, "CapHeight" => 857,
            "StemV" => 91,
        });
        let cid = doc.add_object(dictionary! {
            "Type" => "Font", "Subtype" => "CIDFontType0", "BaseFont" => "STSong-Light",
            "CIDSystemInfo" => dictionary! {
                "Registry" => lopdf::Object::string_literal("Adobe"),
                "Ordering" => lopdf::Object::string_literal("GB1"), "Supplement" => 2 },
            "FontDescriptor" => descriptor, "DW" => 1000,
            "W" => vec![1.into(), 95.into(), 500.into()],
        });
        doc.add_object(dictionary! {
            "Type" => "Font", "Subtype" => "Type0", "BaseFont" => "STSong-Light-GBK-EUC-H",
            "Encoding" => "GBK-EUC-H", "DescendantFonts" => vec![cid.into()],
        })
    }

    /// A PDF whose pages draw `contents` with the font `font` makes as `/F1`.
    fn pdf_of_pages(
        contents: &[Vec<u8>],
        font: impl FnOnce(&mut lopdf::Document) -> lopdf::ObjectId,
    ) -> Vec<u8> {
        use lopdf::{Object, Stream, dictionary};
        let mut doc = lopdf::Document::with_version("1.5");
        let pages_id = doc.new_object_id();
        let font_id = font(&mut doc);
        let resources_id = doc.add_object(dictionary! {
            "Font" => dictionary! { "F1" => font_id },
        });
        let kids: Vec<Object> = contents
            .iter()
            .map(|c| {
                let content = doc.add_object(Stream::new(dictionary! {}, c.clone()));
                doc.add_object(dictionary! {
                    "Type" => "Page", "Parent" => pages_id, "Contents" => content,
                    "Resources" => resources_id,
                    "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
                })
                .into()
            })
            .collect();
        let count = kids.len() as i64;
        doc.objects.insert(
            pages_id,
            Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => count }),
        );
        let catalog_id = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
        doc.trailer.set("Root", catalog_id);
        let mut pdf = Vec::new();
        doc.save_to(&mut pdf).unwrap();
        pdf
    }

    #[test]
    fn a_journal_article_s_running_head_and_page_numbers_make_its_source() {
        let gbk = |text: &str| -> String {
            let (bytes, _, _) = encoding_rs::GBK.encode(text);
            bytes.iter().map(|b| format!("{b:02X}")).collect()
        };
        let pages: Vec<Vec<u8>> = (0..3)
            .map(|i| {
                format!(
                    "BT /F1 9 Tf 72 800 Td <{}> Tj ET \
                     BT /F1 12 Tf 72 700 Td <{}> Tj ET \
                     BT /F1 12 Tf 72 680 Td <{}> Tj ET \
                     BT /F1 9 Tf 290 40 Td <{}> Tj ET",
                    gbk("2019年第3期  中国农村经济"),
                    gbk("第一段正文写在这一页上，说的是乡村振兴。"),
                    gbk("第二段正文也写在这一页上。"),
                    gbk(&(23 + i).to_string()),
                )
                .into_bytes()
            })
            .collect();
        let doc = parse_pdf(&pdf_of_pages(&pages, gbk_font)).unwrap();
        assert_eq!(doc.meta.source.as_deref(), Some("中国农村经济"));
        assert_eq!(doc.meta.issue.as_deref(), Some("2019(3)"));
        assert_eq!(doc.meta.pages.as_deref(), Some("23-25"));
        assert!(
            !doc.body_text().contains("中国农村经济"),
            "{}",
            doc.body_text()
        );
    }

    #[test]
    fn a_font_in_a_predefined_gbk_cmap_reads_as_chinese() {
        // Acrobat Distiller 4 style: a Type0 font in GBK-EUC-H with no ToUnicode map, the
        // text GBK bytes mixing one-byte digits with two-byte ideographs.
        let (line, _, _) = encoding_rs::GBK.encode("精读第1遍，慢慢读。");
        let hex: String = line.iter().map(|b| format!("{b:02X}")).collect();
        let content = format!("BT /F1 12 Tf 72 700 Td <{hex}> Tj ET q /Fm1 Do Q");
        let pdf = one_page_pdf_with(content.as_bytes(), gbk_font);
        let doc = parse_pdf(&pdf).unwrap();
        // A page this short is all title; where the text lands is not what is tested here.
        let text = format!("{:?} {}", doc.meta.title, doc.body_text());
        assert!(text.contains("精读第1遍，慢慢读。"), "{text}");
        assert!(
            text.contains("读书要精"),
            "text in a form is mapped too: {text}"
        );
    }

    #[test]
    fn a_chinese_system_font_in_winansi_reads_its_gbk_bytes() {
        use lopdf::dictionary;
        // Word 97–2003: 宋体 as a TrueType font in WinAnsi, not embedded, the text GBK bytes.
        let (line, _, _) = encoding_rs::GBK.encode("旧版文档里的宋体正文，共2段。");
        let hex: String = line.iter().map(|b| format!("{b:02X}")).collect();
        let pages = vec![format!("BT /F1 12 Tf 72 700 Td <{hex}> Tj ET").into_bytes()];
        let pdf = pdf_of_pages(&pages, |doc| {
            let (name, _, _) = encoding_rs::GBK.encode("宋体");
            let descriptor = doc.add_object(dictionary! {
                "Type" => "FontDescriptor", "FontName" => lopdf::Object::Name(name.to_vec()),
                "Flags" => 32, "FontBBox" => vec![0.into(), (-141).into(), 1000.into(), 859.into()],
                "ItalicAngle" => 0, "Ascent" => 859, "Descent" => -141, "CapHeight" => 859,
                "StemV" => 80,
            });
            doc.add_object(dictionary! {
                "Type" => "Font", "Subtype" => "TrueType",
                "BaseFont" => lopdf::Object::Name(name.to_vec()),
                "Encoding" => "WinAnsiEncoding", "FirstChar" => 32, "LastChar" => 255,
                "Widths" => vec![500.into(); 224], "FontDescriptor" => descriptor,
            })
        });
        let doc = parse_pdf(&pdf).unwrap();
        let text = format!("{:?} {}", doc.meta.title, doc.body_text());
        assert!(text.contains("旧版文档里的宋体正文，共2段。"), "{text}");
    }

    #[test]
    fn a_title_a_program_wrote_is_not_the_title() {
        let with_title = |bytes: Vec<u8>| {
            let mut doc = lopdf::Document::with_version("1.5");
            let mut info = lopdf::Dictionary::new();
            info.set(
                "Title",
                lopdf::Object::String(bytes, lopdf::StringFormat::Literal),
            );
            let info = doc.add_object(info);
            doc.trailer.set("Info", info);
            info_title(&doc)
        };
        let (gbk, _, _) = encoding_rs::GBK.encode("孙子兵法");
        assert_eq!(with_title(gbk.into_owned()), Some("孙子兵法".to_owned()));
        assert_eq!(with_title(b"Microsoft Word - a.doc".to_vec()), None);
        assert_eq!(with_title(b"<4D6963726F736F6674>".to_vec()), None);
        assert_eq!(with_title(b"<".to_vec()), Some("<".to_owned()));
        assert_eq!(
            with_title(b"Close Reading".to_vec()),
            Some("Close Reading".to_owned())
        );
    }

    #[test]
    fn a_page_without_text_is_a_scan() {
        // A scan draws pictures and paths, never glyphs.
        let pdf = one_page_pdf(b"q 500 0 0 700 40 60 cm 0 0 m 1 1 l S Q");
        assert_eq!(parse_pdf(&pdf).unwrap_err(), PdfError::Scanned);
    }

    #[test]
    fn a_text_page_made_elsewhere_reads() {
        let pdf = one_page_pdf(
            b"BT /F1 12 Tf 72 700 Td (Close reading is slow reading, and it pays.) Tj ET",
        );
        let doc = parse_pdf(&pdf).unwrap();
        assert!(
            doc.body_text().contains("Close reading is slow reading"),
            "{}",
            doc.body_text()
        );
        assert_eq!(doc.page_at(0), Some(1));
    }

    #[test]
    fn a_page_the_library_fails_on_is_left_out_and_named() {
        // Page 2 sets a line width without a number: pdf-extract panics on it.
        let contents: Vec<Vec<u8>> = [
            &b"BT /F1 12 Tf 72 700 Td (The first page reads well.) Tj ET"[..],
            b"w BT /F1 12 Tf 72 700 Td (Never seen.) Tj ET",
            b"BT /F1 12 Tf 72 700 Td (So does the third.) Tj ET",
        ]
        .map(<[u8]>::to_vec)
        .to_vec();
        use lopdf::dictionary;
        let pdf = pdf_of_pages(&contents, |doc| {
            doc.add_object(dictionary! {
                "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
            })
        });
        let doc = parse_pdf(&pdf).unwrap();
        let text = format!("{:?} {}", doc.meta.title, doc.body_text());
        assert!(text.contains("The first page reads well."), "{text}");
        assert!(text.contains("So does the third."), "{text}");
        assert!(!text.contains("Never seen"), "{text}");
        assert_eq!(doc.unread_pages(), [2]);
    }

    #[test]
    fn a_form_that_draws_itself_is_followed_only_so_deep() {
        use lopdf::{Object, Stream, dictionary};
        let mut doc = lopdf::Document::with_version("1.5");
        let pages_id = doc.new_object_id();
        let font = doc.add_object(dictionary! {
            "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
        });
        let resources_id = doc.new_object_id();
        let form = doc.add_object(Stream::new(
            dictionary! { "Type" => "XObject", "Subtype" => "Form", "Resources" => resources_id,
            "BBox" => vec![0.into(), 0.into(), 595.into(), 842.into()] },
            b"q /Fm1 Do Q".to_vec(),
        ));
        doc.objects.insert(
            resources_id,
            Object::Dictionary(dictionary! {
                "Font" => dictionary! { "F1" => font },
                "XObject" => dictionary! { "Fm1" => form },
            }),
        );
        let content = doc.add_object(Stream::new(
            dictionary! {},
            b"BT /F1 12 Tf 72 700 Td (A page whose form draws itself.) Tj ET q /Fm1 Do Q".to_vec(),
        ));
        let page = doc.add_object(dictionary! {
            "Type" => "Page", "Parent" => pages_id, "Contents" => content,
            "Resources" => resources_id,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        });
        doc.objects.insert(
            pages_id,
            Object::Dictionary(
                dictionary! { "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1 },
            ),
        );
        let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
        doc.trailer.set("Root", catalog);
        let mut pdf = Vec::new();
        doc.save_to(&mut pdf).unwrap();
        // Before the depth limit this overflowed the stack and aborted the process.
        let doc = parse_pdf(&pdf).unwrap();
        let text = format!("{:?} {}", doc.meta.title, doc.body_text());
        assert!(text.contains("A page whose form draws itself."), "{text}");
    }

    #[test]
    fn damaged_files_are_said_to_be_damaged_without_a_panic_message() {
        for bytes in [
            &b"%PDF-1.7\n garbage"[..],
            b"",
            b"%PDF-1.4\n1 0 obj << /Type /Catalog",
        ] {
            assert_eq!(parse_pdf(bytes).unwrap_err(), PdfError::Damaged);
        }
        // Cut short halfway: whatever the library makes of it, an error or a document, no panic.
        let pdf = one_page_pdf(b"BT /F1 12 Tf 72 700 Td (Half a file.) Tj ET");
        let _ = parse_pdf(&pdf[..pdf.len() / 2]);
    }
}

//! EPUB books (2 and 3) → [`Document`]. An EPUB is a zip: `META-INF/container.xml` names the
//! package file (`.opf`), whose metadata gives the title, author, publisher, date and
//! language, whose spine lists the chapters (XHTML files) in reading order, and whose nav
//! document (EPUB 3) or NCX (EPUB 2) is the book's table of contents with its levels.
//!
//! Each chapter goes through the web-page reader with its chrome rules off (a chapter is all
//! content). The table of contents decides which lines are headings and at what level: a
//! heading element or a line whose text is an entry's takes that entry's level, and an entry
//! found nowhere in its chapter (a chapter title set as a picture) is put at the chapter's
//! start. Title pages, covers and the nav document itself are front matter, not text.
//!
//! The package is read with `zip` and `quick-xml`, as Word files are; the chapters with
//! `scraper`, as web pages are. No EPUB crate: the ones published either unpack every file
//! into memory up front or expose neither the nav levels nor the spine's `linear` flags.

use std::collections::{HashMap, HashSet};

use quick_xml::Reader;
use quick_xml::events::Event;

use super::parse::{LineHint, parse_separate_blocks};
use super::zip_part::{Package as Zip, PartError};
use super::{Document, Metadata};

/// Largest uncompressed part we read (a chapter, the package file, a stylesheet).
const MAX_PART_BYTES: u64 = 64 * 1024 * 1024;

/// Largest text of all chapters together: a long novel is ~20 MB of XHTML.
const MAX_BOOK_BYTES: usize = 256 * 1024 * 1024;

/// Why an EPUB could not be read.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum EpubError {
    /// Not a zip, or a zip without a package file.
    #[error(
        "{}",
        crate::i18n::tr(
            "不是有效的 EPUB 电子书：文件可能已损坏或下载不完整，请重新获取一份",
            "Not a valid EPUB book: the file may be damaged or incompletely downloaded; get a fresh copy"
        )
    )]
    NotEpub,
    /// The chapters are encrypted (DRM).
    #[error(
        "{}",
        crate::i18n::tr(
            "这本 EPUB 有版权保护（DRM），内容已加密，无法读取：请使用购书平台自己的阅读器",
            "This EPUB is protected (DRM) and its text is encrypted: read it in the store's own reader"
        )
    )]
    Encrypted,
    /// A part, or the whole text, is beyond the caps.
    #[error(
        "{}",
        crate::i18n::tr(
            "EPUB 内容过大（解压后超过 256 MB），无法打开",
            "The EPUB is too large to open (over 256 MB unpacked)"
        )
    )]
    TooLarge,
    /// The chapters hold no text (a book of scanned pages).
    #[error(
        "{}",
        crate::i18n::tr(
            "这本 EPUB 没有文字（可能全是图片）：精读只能阅读有文字的书",
            "This EPUB has no text (only pictures?): jingdu reads books with text"
        )
    )]
    NoText,
}

impl From<PartError> for EpubError {
    fn from(e: PartError) -> Self {
        match e {
            PartError::Broken => EpubError::NotEpub,
            PartError::Encrypted => EpubError::Encrypted,
            PartError::TooLarge => EpubError::TooLarge,
        }
    }
}

/// Whether bytes are an EPUB: a zip whose first entry is the `mimetype` file saying so.
pub fn looks_like_epub(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
        && bytes
            .get(30..30 + 8 + 20)
            .is_some_and(|b| b == b"mimetypeapplication/epub+zip")
}

/// One file of the package.
struct Item {
    /// Its path inside the zip.
    path: String,
    media_type: String,
    properties: String,
}

/// What the package file says.
#[derive(Default)]
struct Package {
    meta: Metadata,
    /// Manifest id → file.
    manifest: HashMap<String, ItemRef>,
    items: Vec<Item>,
    /// Chapters in reading order: index into `items`, and whether it is `linear`.
    spine: Vec<(usize, bool)>,
    /// The NCX named by the spine's `toc` attribute.
    ncx: Option<usize>,
    /// `page-progression-direction="rtl"`.
    rtl: bool,
}

/// Index into [`Package::items`].
type ItemRef = usize;

/// A table-of-contents entry: its text, depth (1 = top) and the file it points to.
#[derive(Clone, Debug, PartialEq)]
struct TocEntry {
    text: String,
    level: u8,
    path: String,
}

/// Reads an EPUB file's bytes into a document.
pub fn parse_epub(bytes: &[u8]) -> Result<Document, EpubError> {
    let mut zip = Zip::open(bytes, MAX_PART_BYTES)?;
    if drm_protected(&mut zip)? {
        return Err(EpubError::Encrypted);
    }
    let container = read_text(&mut zip, "META-INF/container.xml")?.ok_or(EpubError::NotEpub)?;
    let opf_path = rootfile(&container).ok_or(EpubError::NotEpub)?;
    let opf = read_text(&mut zip, &opf_path)?.ok_or(EpubError::NotEpub)?;
    let mut package = read_package(&opf, &opf_path);

    let toc = table_of_contents(&mut zip, &package)?;
    package.meta.vertical = package.rtl || asks_for_vertical(&mut zip, &package)?;
    let book_title = package.meta.title.clone();
    // What a generated title page holds: the title and each author.
    let mut title_page_lines: Vec<String> = package
        .meta
        .author
        .iter()
        .flat_map(|a| a.split('、'))
        .map(squash_key)
        .collect();
    title_page_lines.extend(book_title.as_deref().map(squash_key));

    let mut toc_by_path: HashMap<&str, Vec<&TocEntry>> = HashMap::new();
    for entry in &toc {
        toc_by_path.entry(&entry.path).or_default().push(entry);
    }
    let toc_level: HashMap<String, u8> =
        toc.iter().map(|e| (squash_key(&e.text), e.level)).collect();

    let mut lines: Vec<(String, LineHint)> = Vec::new();
    let mut total = 0usize;
    for &(item, linear) in &package.spine {
        let item = &package.items[item];
        let not_text = item.properties.split_whitespace().any(|p| p == "nav")
            || !(item.media_type.contains("html") || item.media_type.contains("xml"));
        if not_text || !linear {
            continue;
        }
        let Some(xhtml) = read_text(&mut zip, &item.path)? else {
            continue;
        };
        total += xhtml.len();
        if total > MAX_BOOK_BYTES {
            return Err(EpubError::TooLarge);
        }
        if is_title_page(&xhtml) {
            continue;
        }
        let mut chapter_lines = super::html::chapter_lines(&xhtml);
        if chapter_lines
            .iter()
            .all(|(t, _)| title_page_lines.contains(&squash_key(t)))
        {
            // A generated title page: the book's title and author, already in the metadata.
            continue;
        }
        // A cover: pictures only, before any text of the book.
        let pictures_only = chapter_lines.iter().all(|(t, _)| t.starts_with("〔图："));
        if pictures_only && lines.is_empty() {
            continue;
        }
        // The book's printed table of contents: most of its lines are entries of the nav.
        let entries = chapter_lines
            .iter()
            .filter(|(t, _)| toc_level.contains_key(&squash_key(t)))
            .count();
        let named_contents = toc_by_path.get(item.path.as_str()).is_some_and(|e| {
            e.iter()
                .any(|e| squash_key(&e.text).ends_with("目录") || e.text == "Contents")
        });
        if named_contents || (entries >= 3 && entries * 2 >= chapter_lines.len()) {
            continue;
        }
        let mut found: HashSet<String> = HashSet::new();
        for (text, hint) in &mut chapter_lines {
            let key = squash_key(text);
            if let Some(&level) = toc_level.get(&key) {
                let short = text.chars().count() <= 60;
                if matches!(hint, LineHint::Heading(_)) || short {
                    *hint = LineHint::Heading(level);
                    found.insert(key);
                }
            }
        }
        // Entries of this file found nowhere in it stand at its start.
        let missing: Vec<(String, LineHint)> = toc_by_path
            .get(item.path.as_str())
            .into_iter()
            .flatten()
            .filter(|e| !found.contains(&squash_key(&e.text)))
            .map(|e| (e.text.clone(), LineHint::Heading(e.level)))
            .collect();
        lines.extend(missing);
        lines.extend(chapter_lines);
    }
    if lines.iter().all(|(t, _)| t.trim().is_empty()) {
        return Err(EpubError::NoText);
    }
    Ok(parse_separate_blocks(&lines, package.meta))
}

/// `META-INF/encryption.xml` naming an algorithm other than font obfuscation, or a
/// `rights.xml`: the chapters are locked.
fn drm_protected(zip: &mut Zip<'_>) -> Result<bool, EpubError> {
    if zip.contains("META-INF/rights.xml") {
        return Ok(true);
    }
    let Some(xml) = read_text(zip, "META-INF/encryption.xml")? else {
        return Ok(false);
    };
    // Fonts are "encrypted" by the IDPF and Adobe obfuscation schemes; the text is readable.
    let mut reader = Reader::from_str(&xml);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e) | Event::Empty(e))
                if local(e.name().as_ref()) == b"EncryptionMethod" =>
            {
                let algorithm = attr(&e, b"Algorithm").unwrap_or_default();
                let obfuscation = algorithm.contains("idpf.org/2008/embedding")
                    || algorithm.contains("ns.adobe.com/pdf/enc#RC");
                if !obfuscation {
                    return Ok(true);
                }
            }
            Ok(Event::Eof) | Err(_) => return Ok(false),
            _ => {}
        }
    }
}

/// A part as text (UTF-8, or UTF-16 with a BOM as some old books have).
fn read_text(zip: &mut Zip<'_>, name: &str) -> Result<Option<String>, EpubError> {
    let Some(bytes) = zip.read(name, MAX_PART_BYTES)? else {
        return Ok(None);
    };
    let (text, _, _) = encoding_rs::Encoding::for_bom(&bytes)
        .map(|(enc, _)| enc)
        .unwrap_or(encoding_rs::UTF_8)
        .decode(&bytes);
    Ok(Some(text.into_owned()))
}

/// The package file named in `container.xml`.
fn rootfile(container: &str) -> Option<String> {
    let mut reader = Reader::from_str(container);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) if local(e.name().as_ref()) == b"rootfile" => {
                let path = attr(&e, b"full-path")?;
                return Some(percent_decode(&path));
            }
            Ok(Event::Eof) | Err(_) => return None,
            _ => {}
        }
    }
}

/// Reads the metadata, manifest and spine of the package file at `opf_path`.
fn read_package(opf: &str, opf_path: &str) -> Package {
    let mut package = Package::default();
    let mut reader = Reader::from_str(opf);
    let mut element: Vec<u8> = Vec::new();
    let mut creators: Vec<String> = Vec::new();
    let mut spine_refs: Vec<(String, bool)> = Vec::new();
    let mut ncx_id = None;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => {
                element = local(e.name().as_ref()).to_vec();
                if element == b"spine" {
                    ncx_id = attr(&e, b"toc");
                    package.rtl = attr(&e, b"page-progression-direction").as_deref() == Some("rtl");
                }
            }
            Ok(Event::Empty(e)) => match local(e.name().as_ref()) {
                b"item" => {
                    let (Some(id), Some(href)) = (attr(&e, b"id"), attr(&e, b"href")) else {
                        continue;
                    };
                    package.manifest.insert(id, package.items.len());
                    package.items.push(Item {
                        path: resolve(opf_path, &href),
                        media_type: attr(&e, b"media-type").unwrap_or_default(),
                        properties: attr(&e, b"properties").unwrap_or_default(),
                    });
                }
                b"itemref" => {
                    if let Some(id) = attr(&e, b"idref") {
                        spine_refs.push((id, attr(&e, b"linear").as_deref() != Some("no")));
                    }
                }
                b"spine" => {
                    ncx_id = attr(&e, b"toc");
                }
                _ => {}
            },
            Ok(Event::Text(t)) => {
                let text = t.decode().map(|c| squash(&c)).unwrap_or_default();
                if text.is_empty() {
                    continue;
                }
                let m = &mut package.meta;
                match element.as_slice() {
                    b"title" if m.title.is_none() => m.title = Some(text),
                    b"creator" => creators.push(text),
                    b"publisher" if m.publisher.is_none() => m.publisher = Some(text),
                    b"date" if m.published.is_none() => m.published = super::meta_date(&text),
                    b"language" if m.language.is_none() => m.language = Some(text),
                    _ => {}
                }
            }
            Ok(Event::End(_)) => element.clear(),
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    if !creators.is_empty() {
        package.meta.author = Some(creators.join("、"));
    }
    package.meta.book = true;
    package.spine = spine_refs
        .iter()
        .filter_map(|(id, linear)| package.manifest.get(id).map(|&i| (i, *linear)))
        .collect();
    package.ncx = ncx_id
        .and_then(|id| package.manifest.get(&id).copied())
        .or_else(|| {
            package
                .items
                .iter()
                .position(|i| i.media_type == "application/x-dtbncx+xml")
        });
    package
}

/// The book's table of contents: the EPUB 3 nav document's `toc` nav, else the NCX.
fn table_of_contents(zip: &mut Zip<'_>, package: &Package) -> Result<Vec<TocEntry>, EpubError> {
    let nav = package
        .items
        .iter()
        .find(|i| i.properties.split_whitespace().any(|p| p == "nav"));
    if let Some(nav) = nav
        && let Some(xhtml) = read_text(zip, &nav.path)?
    {
        let entries = nav_entries(&xhtml, &nav.path);
        if !entries.is_empty() {
            return Ok(entries);
        }
    }
    if let Some(ncx) = package.ncx.map(|i| &package.items[i])
        && let Some(xml) = read_text(zip, &ncx.path)?
    {
        return Ok(ncx_entries(&xml, &ncx.path));
    }
    Ok(Vec::new())
}

/// The links of the nav document's `<nav epub:type="toc">`, each at the depth of its list.
fn nav_entries(xhtml: &str, nav_path: &str) -> Vec<TocEntry> {
    let xhtml = super::html_depth::flatten_deep_nesting(xhtml, super::html_depth::MAX_NESTING);
    let page = scraper::Html::parse_document(&xhtml);
    let Some(nav) = page.root_element().descendent_elements().find(|e| {
        e.value().name() == "nav"
            && e.value()
                .attr("epub:type")
                .is_some_and(|t| t.split_whitespace().any(|w| w == "toc"))
    }) else {
        return Vec::new();
    };
    let mut entries = Vec::new();
    for a in nav
        .descendent_elements()
        .filter(|e| e.value().name() == "a")
    {
        let text = squash(&a.text().collect::<String>());
        let Some(href) = a.value().attr("href") else {
            continue;
        };
        if text.is_empty() {
            continue;
        }
        let depth = a
            .ancestors()
            .take_while(|n| n.id() != nav.id())
            .filter(|n| n.value().as_element().is_some_and(|e| e.name() == "li"))
            .count();
        entries.push(TocEntry {
            text,
            level: depth.clamp(1, 6) as u8,
            path: resolve(nav_path, href),
        });
    }
    entries
}

/// The `navPoint`s of an NCX, each at its nesting depth.
fn ncx_entries(xml: &str, ncx_path: &str) -> Vec<TocEntry> {
    let mut reader = Reader::from_str(xml);
    let mut depth = 0usize;
    let mut in_map = false;
    let mut in_text = false;
    let mut label = String::new();
    let mut entries = Vec::new();
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => match local(e.name().as_ref()) {
                b"navMap" => in_map = true,
                b"navPoint" if in_map => {
                    depth += 1;
                    label.clear();
                }
                b"text" => in_text = true,
                _ => {}
            },
            Ok(Event::Empty(e)) if in_map && local(e.name().as_ref()) == b"content" => {
                if let Some(src) = attr(&e, b"src") {
                    let text = squash(&label);
                    if !text.is_empty() {
                        entries.push(TocEntry {
                            text,
                            level: depth.clamp(1, 6) as u8,
                            path: resolve(ncx_path, &src),
                        });
                    }
                }
            }
            Ok(Event::Text(t)) if in_text => {
                label.push_str(&t.decode().unwrap_or_default());
            }
            Ok(Event::End(e)) => match local(e.name().as_ref()) {
                b"navPoint" => depth = depth.saturating_sub(1),
                b"navMap" => in_map = false,
                b"text" => in_text = false,
                _ => {}
            },
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    entries
}

/// A stylesheet or a chapter that sets `writing-mode: vertical-rl` on the text.
fn asks_for_vertical(zip: &mut Zip<'_>, package: &Package) -> Result<bool, EpubError> {
    for item in package.items.iter().filter(|i| i.media_type == "text/css") {
        if let Some(css) = read_text(zip, &item.path)?
            && sets_vertical(&css)
        {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Whether CSS sets a vertical writing mode (`writing-mode`, `-epub-writing-mode`,
/// `-webkit-writing-mode`) on `html` or `body`, or on every element.
fn sets_vertical(css: &str) -> bool {
    let css = css
        .to_ascii_lowercase()
        .replace([' ', '\t', '\n', '\r'], "");
    css.split('}').any(|rule| {
        let Some((selector, body)) = rule.split_once('{') else {
            return false;
        };
        let whole_book = selector
            .split(',')
            .any(|s| matches!(s.trim(), "html" | "body" | ":root" | "*"));
        whole_book && body.contains("writing-mode:vertical-rl")
    })
}

/// A page marked as a title page or cover (`epub:type="titlepage"`, `cover`).
fn is_title_page(xhtml: &str) -> bool {
    // The marks stand on `<body>` or on the first section under it.
    let Some(body_at) = xhtml.find("<body") else {
        return false;
    };
    let opening: String = xhtml[body_at..].chars().take(1024).collect();
    ["titlepage", "cover"]
        .iter()
        .any(|w| opening.contains(&format!("epub:type=\"{w}\"")))
}

/// `href` (relative, percent-encoded, with an optional `#fragment`) resolved against the
/// part at `base`, as a path inside the zip.
fn resolve(base: &str, href: &str) -> String {
    let href = href.split('#').next().unwrap_or("");
    let href = percent_decode(href);
    let mut parts: Vec<&str> = base.split('/').collect();
    parts.pop();
    for segment in href.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

/// Decodes `%XX` escapes (a Chinese file name in an `href`).
fn percent_decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8_lossy()
        .into_owned()
}

/// An element's name without its namespace prefix (`dc:title` → `title`).
fn local(name: &[u8]) -> &[u8] {
    name.rsplit(|&b| b == b':').next().unwrap_or(name)
}

/// The unescaped value of attribute `name` (matched without its prefix).
fn attr(e: &quick_xml::events::BytesStart<'_>, name: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| local(a.key.as_ref()) == name)
        .map(|a| {
            let raw = String::from_utf8_lossy(&a.value);
            quick_xml::escape::unescape(&raw)
                .map(|v| v.into_owned())
                .unwrap_or_else(|_| raw.into_owned())
        })
}

/// Collapses whitespace runs to one space and trims.
fn squash(s: &str) -> String {
    s.split(char::is_whitespace)
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Text compared without any whitespace, as a table of contents and a heading may space a
/// title differently.
fn squash_key(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{3000}')
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::outline_of as outline;

    /// A zip with `mimetype` first (stored), then the other files.
    pub(crate) fn book(files: &[(&str, &str)]) -> Vec<u8> {
        let mut buf = std::io::Cursor::new(Vec::new());
        {
            let mut w = zip::ZipWriter::new(&mut buf);
            let stored = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Stored);
            w.start_file("mimetype", stored).unwrap();
            std::io::Write::write_all(&mut w, b"application/epub+zip").unwrap();
            for (name, text) in files {
                w.start_file(*name, zip::write::SimpleFileOptions::default())
                    .unwrap();
                std::io::Write::write_all(&mut w, text.as_bytes()).unwrap();
            }
            w.finish().unwrap();
        }
        buf.into_inner()
    }

    const CONTAINER: &str = r#"<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="OPS/书.opf" media-type="application/oebps-package+xml"/></rootfiles></container>"#;

    fn opf(spine_attrs: &str, extra_items: &str, spine: &str) -> String {
        format!(
            r#"<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>山居笔记</dc:title><dc:creator>林清远</dc:creator><dc:creator>周晓</dc:creator><dc:publisher>青山出版社</dc:publisher><dc:date>2021-06-01</dc:date><dc:language>zh-CN</dc:language></metadata><manifest><item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/><item id="title" href="text/title.xhtml" media-type="application/xhtml+xml"/><item id="c1" href="text/%E7%AC%AC%E4%B8%80.xhtml" media-type="application/xhtml+xml"/><item id="c2" href="text/c2.xhtml" media-type="application/xhtml+xml"/>{extra_items}</manifest><spine {spine_attrs}>{spine}</spine></package>"#
        )
    }

    const NAV: &str = r#"<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"><body><nav epub:type="landmarks"><ol><li><a href="text/title.xhtml">封面</a></li></ol></nav><nav epub:type="toc"><ol><li><a href="text/%E7%AC%AC%E4%B8%80.xhtml">第一章 入山</a><ol><li><a href="text/%E7%AC%AC%E4%B8%80.xhtml#s1">一 溪边</a></li></ol></li><li><a href="text/c2.xhtml">第二章 出山</a></li></ol></nav></body></html>"#;

    const TITLE_PAGE: &str = r#"<html xmlns="http://www.w3.org/1999/xhtml"><body><h1>山居笔记</h1><p>林清远</p></body></html>"#;

    const CHAPTER_1: &str = r#"<html xmlns="http://www.w3.org/1999/xhtml"><head><title>c1</title></head><body><h1>第一章　入山</h1><p>那年春天，我背着一只旧包进了山，山路比想象中难走许多。</p><h2 id="s1">一 溪边</h2><p>溪水很凉，石头上长着青苔，我在那里坐了整整一个下午。</p><p><img src="../img/a.jpg" alt="溪边的石头"/></p><div class="share">这一行在网页里会被当作分享栏，在书里是正文。</div></body></html>"#;

    /// Chapter 2's title is a picture: the table of contents supplies it.
    const CHAPTER_2: &str = r#"<html xmlns="http://www.w3.org/1999/xhtml"><body><p><img src="../img/t2.png"/></p><p>下山的时候已是深秋，回头望去，来时的路都被落叶盖住了。</p></body></html>"#;

    fn sample(spine_attrs: &str, extra: &[(&str, &str)], extra_items: &str) -> Vec<u8> {
        let package = opf(
            spine_attrs,
            extra_items,
            r#"<itemref idref="title"/><itemref idref="nav" linear="no"/><itemref idref="c1"/><itemref idref="c2"/>"#,
        );
        let mut files = vec![
            ("META-INF/container.xml", CONTAINER),
            ("OPS/书.opf", package.as_str()),
            ("OPS/nav.xhtml", NAV),
            ("OPS/text/title.xhtml", TITLE_PAGE),
            ("OPS/text/第一.xhtml", CHAPTER_1),
            ("OPS/text/c2.xhtml", CHAPTER_2),
        ];
        files.extend_from_slice(extra);
        book(&files)
    }

    #[test]
    fn a_book_reads_in_spine_order_with_the_nav_as_its_outline() {
        let bytes = sample("", &[], "");
        assert!(looks_like_epub(&bytes));
        let doc = parse_epub(&bytes).unwrap();
        assert_eq!(doc.meta.title.as_deref(), Some("山居笔记"));
        assert_eq!(doc.meta.author.as_deref(), Some("林清远、周晓"));
        assert_eq!(doc.meta.publisher.as_deref(), Some("青山出版社"));
        assert_eq!(doc.meta.published.as_deref(), Some("2021-06-01"));
        assert_eq!(doc.meta.language.as_deref(), Some("zh-CN"));
        assert!(doc.meta.book);
        assert!(!doc.meta.vertical);
        assert_eq!(
            outline(&doc),
            vec![
                (1, "第一章　入山".into()),
                (2, "一 溪边".into()),
                (1, "第二章 出山".into()),
            ]
        );
        let body = doc.body_text();
        // The title page is metadata, not text; the landmarks nav is not the outline.
        assert!(!body.contains("林清远"), "{body}");
        assert!(!body.contains("封面"), "{body}");
        // A chapter is all content: no web chrome rule drops a line of it.
        assert!(body.contains("在书里是正文"), "{body}");
        // A picture with a description leaves it; one without leaves nothing.
        assert!(body.contains("〔图：溪边的石头〕"), "{body}");
        assert_eq!(doc.paragraph_count(), 5);
    }

    #[test]
    fn an_epub2_book_takes_its_outline_from_the_ncx() {
        let ncx = r#"<?xml version="1.0"?><ncx xmlns="http://www.daisy.org/z3986/2005/ncx/"><docTitle><text>山居笔记</text></docTitle><navMap><navPoint id="a"><navLabel><text>第一章 入山</text></navLabel><content src="text/%E7%AC%AC%E4%B8%80.xhtml"/><navPoint id="b"><navLabel><text>一 溪边</text></navLabel><content src="text/%E7%AC%AC%E4%B8%80.xhtml#s1"/></navPoint></navPoint><navPoint id="c"><navLabel><text>第二章 出山</text></navLabel><content src="text/c2.xhtml"/></navPoint></navMap></ncx>"#;
        // No nav document: the NCX named by the spine is the table of contents.
        let package = opf(
            r#"toc="ncx""#,
            r#"<item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>"#,
            r#"<itemref idref="c1"/><itemref idref="c2"/>"#,
        )
        .replace(r#" properties="nav""#, "");
        let bytes = book(&[
            ("META-INF/container.xml", CONTAINER),
            ("OPS/书.opf", &package),
            ("OPS/nav.xhtml", "<html><body></body></html>"),
            ("OPS/toc.ncx", ncx),
            ("OPS/text/第一.xhtml", CHAPTER_1),
            ("OPS/text/c2.xhtml", CHAPTER_2),
        ]);
        let doc = parse_epub(&bytes).unwrap();
        assert_eq!(
            outline(&doc),
            vec![
                (1, "第一章　入山".into()),
                (2, "一 溪边".into()),
                (1, "第二章 出山".into()),
            ]
        );
    }

    #[test]
    fn a_book_that_asks_for_vertical_text_opens_vertical() {
        let css = "body { -epub-writing-mode: vertical-rl; writing-mode: vertical-rl }";
        let item = r#"<item id="css" href="style.css" media-type="text/css"/>"#;
        let doc = parse_epub(&sample("", &[("OPS/style.css", css)], item)).unwrap();
        assert!(doc.meta.vertical);
        let doc = parse_epub(&sample(r#"page-progression-direction="rtl""#, &[], "")).unwrap();
        assert!(doc.meta.vertical);
        // A vertical figure caption does not turn the book.
        let css = ".caption { writing-mode: vertical-rl }";
        let doc = parse_epub(&sample("", &[("OPS/style.css", css)], item)).unwrap();
        assert!(!doc.meta.vertical);
    }

    #[test]
    fn locked_broken_and_empty_books_say_so() {
        let encryption = r#"<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><EncryptedData xmlns="http://www.w3.org/2001/04/xmlenc#"><EncryptionMethod Algorithm="http://www.w3.org/2001/04/xmlenc#aes128-cbc"/></EncryptedData></encryption>"#;
        let locked = sample("", &[("META-INF/encryption.xml", encryption)], "");
        assert_eq!(parse_epub(&locked).unwrap_err(), EpubError::Encrypted);
        // Obfuscated fonts are not DRM.
        let fonts = encryption.replace(
            "http://www.w3.org/2001/04/xmlenc#aes128-cbc",
            "http://www.idpf.org/2008/embedding",
        );
        assert!(parse_epub(&sample("", &[("META-INF/encryption.xml", &fonts)], "")).is_ok());
        assert_eq!(
            parse_epub(b"PK\x03\x04 broken").unwrap_err(),
            EpubError::NotEpub
        );
        assert_eq!(
            parse_epub(&book(&[("hello.txt", "hi")])).unwrap_err(),
            EpubError::NotEpub
        );
        let package = opf("", "", r#"<itemref idref="c2"/>"#);
        let scanned = book(&[
            ("META-INF/container.xml", CONTAINER),
            ("OPS/书.opf", &package),
            ("OPS/nav.xhtml", "<html><body></body></html>"),
            (
                "OPS/text/c2.xhtml",
                r#"<html><body><img src="p1.jpg"/></body></html>"#,
            ),
        ]);
        assert_eq!(parse_epub(&scanned).unwrap_err(), EpubError::NoText);
    }

    #[test]
    fn a_cover_picture_and_a_printed_table_of_contents_are_not_text() {
        let items = r#"<item id="cover" href="text/cover.xhtml" media-type="application/xhtml+xml"/><item id="toc" href="text/toc.xhtml" media-type="application/xhtml+xml"/>"#;
        let package = opf(
            "",
            items,
            r#"<itemref idref="cover"/><itemref idref="toc"/><itemref idref="c1"/><itemref idref="c2"/>"#,
        );
        let bytes = book(&[
            ("META-INF/container.xml", CONTAINER),
            ("OPS/书.opf", &package),
            ("OPS/nav.xhtml", NAV),
            (
                "OPS/text/cover.xhtml",
                r#"<html><body><img src="c.jpg" alt="封面"/></body></html>"#,
            ),
            (
                "OPS/text/toc.xhtml",
                "<html><body><h1>目录</h1><p>第一章 入山</p><p>一 溪边</p><p>第二章 出山</p></body></html>",
            ),
            ("OPS/text/第一.xhtml", CHAPTER_1),
            ("OPS/text/c2.xhtml", CHAPTER_2),
        ]);
        let doc = parse_epub(&bytes).unwrap();
        assert_eq!(
            outline(&doc),
            vec![
                (1, "第一章　入山".into()),
                (2, "一 溪边".into()),
                (1, "第二章 出山".into()),
            ]
        );
        assert!(!doc.body_text().contains("封面"));
        assert!(!doc.body_text().contains("目录"));

        // A printed contents page whose lines differ from the nav's, named 目录 in the nav.
        let nav = NAV.replace(
            r#"<nav epub:type="toc"><ol>"#,
            r#"<nav epub:type="toc"><ol><li><a href="text/toc.xhtml">目　录</a></li>"#,
        );
        let bytes = book(&[
            ("META-INF/container.xml", CONTAINER),
            ("OPS/书.opf", &package),
            ("OPS/nav.xhtml", &nav),
            ("OPS/text/cover.xhtml", "<html><body></body></html>"),
            (
                "OPS/text/toc.xhtml",
                "<html><body><p>第01章 入山……1</p><p>第02章 出山……9</p></body></html>",
            ),
            ("OPS/text/第一.xhtml", CHAPTER_1),
            ("OPS/text/c2.xhtml", CHAPTER_2),
        ]);
        let doc = parse_epub(&bytes).unwrap();
        assert_eq!(outline(&doc).len(), 3, "{:?}", outline(&doc));
        assert!(!doc.body_text().contains("第01章"));
    }

    #[test]
    fn title_pages_are_told_from_chapters_of_any_text() {
        let long = format!("<html><body><p>{}</p></body></html>", "山水。".repeat(3000));
        assert!(!is_title_page(&long));
        assert!(is_title_page(
            r#"<html><body epub:type="frontmatter"><section epub:type="titlepage"><h1>书</h1></section></body></html>"#
        ));
        assert!(!is_title_page("没有正文标签的文字。"));
    }

    #[test]
    fn hrefs_resolve_inside_the_package() {
        assert_eq!(resolve("OPS/toc.ncx", "text/a.xhtml#x"), "OPS/text/a.xhtml");
        assert_eq!(
            resolve("OPS/text/nav.xhtml", "../b%20c.xhtml"),
            "OPS/b c.xhtml"
        );
        assert_eq!(resolve("content.opf", "./ch1.xhtml"), "ch1.xhtml");
    }
}

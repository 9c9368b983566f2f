//! Saved web pages → [`Document`]. A browser's "save page" keeps the whole site around the
//! article — menus, breadcrumbs, share buttons, comment counters, recommendation feeds, and
//! often a second copy of the article inside a `<script>`. We find the article the way
//! readability tools do (the element whose own paragraphs hold the most text, links not
//! counted), read the title and metadata from meta tags and the lines between the title and
//! the article, and hand the article's blocks, with what the markup says about them
//! (`<h2>`, a wholly bold or centred paragraph), to the structure detector.
//!
//! The parser is `scraper` (html5ever underneath, the parser of Servo): it builds the same
//! tree a browser does from the broken markup real pages have, and its element API is all
//! this walk needs. Readability ports (`dom_smoothie`) return cleaned HTML that would have to
//! be parsed and walked again, and they drop the date and byline lines we read metadata from.

use std::collections::HashMap;

use scraper::node::Node;
use scraper::{ElementRef, Html};

use super::lines::{is_space, trim};
use super::meta;
use super::parse::{LineHint, parse_separate_blocks};
use super::{Document, Metadata};

/// Largest page we parse. A saved article is well under 2 MB even with its inline scripts;
/// beyond this the tree would take hundreds of megabytes.
pub const MAX_HTML_BYTES: usize = 32 * 1024 * 1024;

/// Fewest chars of paragraph text an article has; a list page or an index has less.
const MIN_ARTICLE_CHARS: usize = 30;

/// Why a web page could not be read as an article.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum HtmlError {
    /// The page exceeds [`MAX_HTML_BYTES`].
    #[error(
        "{}",
        crate::i18n::tr(
            "网页太大（超过 32 MB），无法打开：请在浏览器里选中正文，复制后存为文本文件再打开",
            "The web page is too large to open (over 32 MB): select the article in the browser, copy it and save it as a text file"
        )
    )]
    TooLarge,
    /// No element of the page holds running text.
    #[error(
        "{}",
        crate::i18n::tr(
            "这个网页里找不到正文（可能是目录页或列表页）：请打开文章本身的页面",
            "No article found in this web page (an index or list page?): open the article's own page"
        )
    )]
    NoArticle,
}

/// Elements whose content is never article text.
const SKIPPED_TAGS: [&str; 16] = [
    "script", "style", "noscript", "template", "iframe", "svg", "canvas", "form", "button",
    "input", "select", "textarea", "nav", "aside", "footer", "head",
];

/// Words in a `class` or `id` that mark an element inside the article area as chrome.
const CHROME_CLASS_WORDS: [&str; 14] = [
    "share",
    "comment",
    "recommend",
    "related",
    "footer",
    "sidebar",
    "advert",
    "qrcode",
    "copyright",
    "toolbar",
    "breadcrumb",
    "crumb",
    "reward",
    "hot-list",
];

/// Elements that end a line of text.
const BLOCK_TAGS: [&str; 27] = [
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "tr",
    "table",
    "blockquote",
    "section",
    "article",
    "pre",
    "figcaption",
    "figure",
    "center",
    "header",
    "main",
    "address",
    "hr",
];

/// Parses a saved web page into a document.
pub fn parse_html(html: &str) -> Result<Document, HtmlError> {
    if html.len() > MAX_HTML_BYTES {
        return Err(HtmlError::TooLarge);
    }
    let html = super::html_depth::flatten_deep_nesting(html, super::html_depth::MAX_NESTING);
    let page = Html::parse_document(&html);
    let article = find_article(&page).ok_or(HtmlError::NoArticle)?;
    let title_element = page_title_element(&page);

    let title = title_element
        .map(|h| squash(&h.text().collect::<String>()))
        .filter(|t| !t.is_empty())
        .or_else(|| meta_content(&page, "og:title"))
        .or_else(|| document_title(&page))
        .map(|t| strip_site_suffix(&t));
    let mut meta = Metadata {
        title,
        url: super::web::saved_from_url(&html),
        ..Metadata::default()
    };
    read_meta_tags(&page, &mut meta);

    // Lines in document order, each tagged with where it stands relative to the title and
    // the article: breadcrumbs come before, date and source lines between, the text inside.
    let mut walk = Walk::new(article, title_element);
    walk.run(page.root_element());

    for line in &walk.before {
        read_breadcrumb(line, &mut meta);
    }
    for line in &walk.between {
        read_head_line(line, &mut meta);
    }
    if walk
        .body
        .iter()
        .map(|(t, _)| t.chars().count())
        .sum::<usize>()
        < MIN_ARTICLE_CHARS
    {
        return Err(HtmlError::NoArticle);
    }
    Ok(parse_separate_blocks(&walk.body, meta))
}

/// The lines of a book's chapter (an EPUB's XHTML file), in order with what the markup says
/// of each: the whole `<body>` is content, so none of a web page's chrome rules apply.
pub(crate) fn chapter_lines(xhtml: &str) -> Vec<(String, LineHint)> {
    let xhtml = super::html_depth::flatten_deep_nesting(xhtml, super::html_depth::MAX_NESTING);
    let page = Html::parse_document(&xhtml);
    let root = page.root_element();
    let body = root
        .descendent_elements()
        .find(|e| e.value().name() == "body")
        .unwrap_or(root);
    let mut walk = Walk::new(body, None);
    walk.web_chrome = false;
    walk.run(root);
    walk.body
}

/// The element whose own paragraphs hold the most text not inside links. WeChat articles
/// say where theirs is (`#js_content`), unless it is empty there (the text then comes from a
/// script, or stands elsewhere on the page).
///
/// One pass from the leaves up: every node's text outside links is summed into its parent,
/// and an element's score is the text of its own text nodes and of its inline children — so
/// the cost is linear in the page however deeply its tags nest.
fn find_article(page: &Html) -> Option<ElementRef<'_>> {
    let nodes: Vec<_> = page.root_element().descendants().collect();
    let index: HashMap<_, usize> = nodes.iter().enumerate().map(|(i, n)| (n.id(), i)).collect();
    // Text outside links, all text, and the score of each node.
    let mut unlinked = vec![0usize; nodes.len()];
    let mut total = vec![0usize; nodes.len()];
    let mut score = vec![0usize; nodes.len()];
    // Preorder reversed: every node comes after all of its descendants.
    for (i, node) in nodes.iter().enumerate().rev() {
        let own = match node.value() {
            Node::Text(t) => text_weight(t),
            _ => 0,
        };
        total[i] += own;
        unlinked[i] += own;
        if let Node::Element(e) = node.value()
            && matches!(e.name(), "a" | "script" | "style")
        {
            unlinked[i] = 0;
        }
        let Some(parent) = node.parent().and_then(|p| index.get(&p.id()).copied()) else {
            continue;
        };
        total[parent] += total[i];
        unlinked[parent] += unlinked[i];
        score[parent] += match node.value() {
            Node::Text(_) => own,
            Node::Element(e) if matches!(e.name(), "p" | "br" | "span" | "font" | "strong") => {
                unlinked[i]
            }
            _ => 0,
        };
    }
    let mut best: Option<(usize, ElementRef<'_>)> = None;
    for (i, node) in nodes.iter().enumerate() {
        let Some(el) = ElementRef::wrap(*node) else {
            continue;
        };
        if el.value().id() == Some("js_content") && total[i] >= MIN_ARTICLE_CHARS {
            return Some(el);
        }
        if SKIPPED_TAGS.contains(&el.value().name()) {
            continue;
        }
        if score[i] > best.map_or(0, |b| b.0) {
            best = Some((score[i], el));
        }
    }
    best.filter(|b| b.0 >= MIN_ARTICLE_CHARS).map(|b| b.1)
}

/// Chars of running text: whitespace does not count.
fn text_weight(t: &str) -> usize {
    t.chars().filter(|c| !is_space(*c)).count()
}

/// The article's `<h1>`: the first one with text, preferring one that matches the page title.
fn page_title_element(page: &Html) -> Option<ElementRef<'_>> {
    let doc_title = document_title(page).map(|t| squash(&t));
    let mut first = None;
    for el in page.root_element().descendent_elements() {
        if el.value().name() != "h1" {
            continue;
        }
        let text = squash(&el.text().collect::<String>());
        if text.is_empty() {
            continue;
        }
        if doc_title.as_deref().is_some_and(|d| d.starts_with(&text)) {
            return Some(el);
        }
        first.get_or_insert(el);
    }
    first
}

/// The text of `<title>`.
fn document_title(page: &Html) -> Option<String> {
    page.root_element()
        .descendent_elements()
        .find(|e| e.value().name() == "title")
        .map(|e| squash(&e.text().collect::<String>()))
        .filter(|t| !t.is_empty())
}

/// The `content` of `<meta property=NAME>` or `<meta name=NAME>`.
fn meta_content(page: &Html, name: &str) -> Option<String> {
    page.root_element()
        .descendent_elements()
        .filter(|e| e.value().name() == "meta")
        .find(|e| e.attr("property").or_else(|| e.attr("name")) == Some(name))
        .and_then(|e| e.attr("content"))
        .map(squash)
        .filter(|c| !c.is_empty())
}

/// Author, date and site from meta tags and, on WeChat pages, from the page's script
/// variables (`var ct = "1574669070"`, `var nickname = "…"`).
fn read_meta_tags(page: &Html, meta: &mut Metadata) {
    if let Some(a) = meta_content(page, "author").filter(|a| a.chars().count() <= 40) {
        meta.author = Some(a);
    }
    for key in [
        "article:published_time",
        "publishdate",
        "PubDate",
        "pubdate",
    ] {
        if let Some(d) = meta_content(page, key).and_then(|c| meta::find_date(&c)) {
            meta.published = Some(d.0);
            break;
        }
    }
    let scripts: String = page
        .root_element()
        .descendent_elements()
        .filter(|e| e.value().name() == "script")
        .flat_map(|e| e.text())
        .collect();
    if let Some(nickname) = script_string(&scripts, "nickname") {
        meta.source.get_or_insert(nickname);
    }
    if meta.published.is_none()
        && let Some(ct) = script_string(&scripts, "ct")
        && let Ok(secs) = ct.parse::<i64>()
        && let Ok(ts) = jiff::Timestamp::from_second(secs)
    {
        let date = ts
            .to_zoned_datetime(jiff::tz::TimeZone::fixed(jiff::tz::offset(8)))
            .date();
        meta.published = Some(date.to_string());
    }
}

/// The value of `var NAME = "…"` (or `'…'`) in script text.
fn script_string(scripts: &str, name: &str) -> Option<String> {
    let pattern = format!("var {name} = ");
    let start = scripts.find(&pattern)? + pattern.len();
    let rest = &scripts[start..];
    let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let rest = &rest[1..];
    let end = rest.find(quote)?;
    let value = squash(&rest[..end]);
    (!value.is_empty() && value.chars().count() <= 60).then_some(value)
}

/// `标题_凤凰网资讯_凤凰网` → `标题`; `标题-纪检` → `标题`; `标题 | 某某网` → `标题`.
fn strip_site_suffix(title: &str) -> String {
    // A site name is short and has no digits: `2019-2020学年` is not `标题-站名`.
    let cut = |t: &str, sep: &str| -> Option<usize> {
        let (head, tail) = t.rsplit_once(sep)?;
        let ok = (1..=12).contains(&tail.trim().chars().count())
            && head.trim().chars().count() >= 4
            && !tail.trim_start().starts_with(|c: char| c.is_ascii_digit())
            && !head.trim_end().ends_with(|c: char| c.is_ascii_digit());
        ok.then_some(head.len())
    };
    let mut t = title;
    for sep in ["_", " - ", " | ", "｜", " — ", "--", "-", "|"] {
        // A site name in several parts (`_凤凰网资讯_凤凰网`) is cut one part at a time.
        while let Some(end) = cut(t, sep) {
            t = &t[..end];
        }
    }
    trim(t).to_owned()
}

/// A breadcrumb line before the title: `资讯 > 社会 > 正文`, `当前位置：首页 > 新闻`.
fn read_breadcrumb(line: &str, meta: &mut Metadata) {
    let rest = meta::breadcrumb_start(line).unwrap_or(line);
    let segments = meta::breadcrumb_segments(rest);
    let looks_like = rest.contains(['>', '›', '»', '＞', '→'])
        && segments.len() >= 2
        && segments.iter().all(|s| s.chars().count() <= 12);
    if looks_like {
        meta.breadcrumb = segments;
    }
}

/// A line between the title and the article: a date, a source, an author. Anything else
/// there (share buttons, counters) is dropped.
fn read_head_line(line: &str, meta: &mut Metadata) {
    let found = meta::dated_line(line).or_else(|| meta::key_value_line(line));
    if let Some(kv) = found {
        if meta.published.is_none() {
            meta.published = kv.date;
        }
        if meta.source.is_none() {
            meta.source = kv.source;
        }
        if meta.author.is_none() {
            meta.author = kv.author;
        }
        return;
    }
    if let Some(date) = meta::pure_date(line) {
        meta.published.get_or_insert(date);
    } else if let Some((author, aff)) = meta::byline(line) {
        meta.author.get_or_insert(author);
        if meta.affiliation.is_none() {
            meta.affiliation = aff;
        }
    }
}

/// Inline style inherited down the tree.
#[derive(Clone, Copy, Default)]
struct Style {
    bold: bool,
    centred: bool,
    heading: Option<u8>,
}

/// Where the walk is, relative to the title and the article element.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Zone {
    Before,
    Between,
    Body,
    After,
}

/// What the walk does next.
enum Step<'a> {
    /// Open an element.
    Enter(ElementRef<'a>, Style),
    /// Add a text node's text.
    Text(&'a str, Style),
    /// A `<br>`: end the line.
    Break,
    /// A picture's alt text, as a line of its own.
    Picture(String),
    /// Close an element: end the line if it is a block, leave the article if it is it.
    Leave { block: bool, leaves_article: bool },
}

/// A walk over the page in document order that collects text lines per zone.
struct Walk<'a> {
    article: ElementRef<'a>,
    title: Option<ElementRef<'a>>,
    zone: Zone,
    line: String,
    chars: usize,
    bold_chars: usize,
    centred: bool,
    heading: Option<u8>,
    before: Vec<String>,
    between: Vec<String>,
    body: Vec<(String, LineHint)>,
    /// Whether share bars, comment boxes and the like are dropped (a web page), or the
    /// whole body is content (a book's chapter) and pictures leave their alt text.
    web_chrome: bool,
}

impl<'a> Walk<'a> {
    fn new(article: ElementRef<'a>, title: Option<ElementRef<'a>>) -> Self {
        Walk {
            web_chrome: true,
            article,
            title,
            zone: Zone::Before,
            line: String::new(),
            chars: 0,
            bold_chars: 0,
            centred: false,
            heading: None,
            before: Vec::new(),
            between: Vec::new(),
            body: Vec::new(),
        }
    }

    /// Walks the tree under `root` in document order with an explicit stack: a page's
    /// nesting, however deep, never grows the call stack.
    fn run(&mut self, root: ElementRef<'a>) {
        let mut steps = vec![Step::Enter(root, Style::default())];
        while let Some(step) = steps.pop() {
            match step {
                Step::Enter(el, style) => self.enter(el, style, &mut steps),
                Step::Text(t, style) => self.text(t, style),
                Step::Break => self.flush(),
                Step::Picture(alt) => {
                    // The document's own text, the same whatever the interface language.
                    self.line = format!("〔图：{alt}〕");
                    self.chars = alt.chars().count();
                    self.flush();
                }
                Step::Leave {
                    block,
                    leaves_article,
                } => {
                    if block || leaves_article {
                        self.flush();
                    }
                    if leaves_article {
                        self.zone = Zone::After;
                    }
                }
            }
        }
        self.flush();
    }

    /// Opens element `el`: files the line before it if it is a block, and schedules its
    /// children and its end.
    fn enter(&mut self, el: ElementRef<'a>, style: Style, steps: &mut Vec<Step<'a>>) {
        let e = el.value();
        let name = e.name();
        if SKIPPED_TAGS.contains(&name) || hidden(el) {
            return;
        }
        let is_article = el.id() == self.article.id();
        if is_article {
            self.flush();
            self.zone = Zone::Body;
        } else if self.web_chrome && self.zone == Zone::Body && is_chrome_element(el) {
            return;
        }
        let is_title = self.title.is_some_and(|t| t.id() == el.id());
        if is_title && self.zone != Zone::Body {
            self.flush();
            self.zone = Zone::Between;
            return;
        }
        let block = BLOCK_TAGS.contains(&name);
        if block {
            self.flush();
        }
        let mut style = style;
        match name {
            "strong" | "b" => style.bold = true,
            "center" => style.centred = true,
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                style.heading = name[1..].parse().ok();
            }
            _ => {}
        }
        if let Some(css) = e.attr("style") {
            let css = css.to_ascii_lowercase().replace(' ', "");
            if css.contains("font-weight:bold") || css.contains("font-weight:700") {
                style.bold = true;
            }
            if css.contains("text-align:center") {
                style.centred = true;
            }
        }
        if e.attr("align")
            .is_some_and(|a| a.eq_ignore_ascii_case("center"))
        {
            style.centred = true;
        }
        steps.push(Step::Leave {
            block,
            leaves_article: is_article,
        });
        // Pushed last child first, so that they are taken in document order.
        let first_child = steps.len();
        for child in el.children() {
            match child.value() {
                Node::Text(t) => steps.push(Step::Text(t, style)),
                Node::Element(c) if c.name() == "br" => steps.push(Step::Break),
                Node::Element(c) if c.name() == "img" => {
                    // A book's picture leaves its description where it stood.
                    if !self.web_chrome
                        && let Some(alt) = c.attr("alt").map(squash).filter(|a| !a.is_empty())
                    {
                        steps.push(Step::Break);
                        steps.push(Step::Picture(alt));
                        steps.push(Step::Break);
                    }
                }
                Node::Element(_) => {
                    if let Some(c) = ElementRef::wrap(child) {
                        steps.push(Step::Enter(c, style));
                    }
                }
                _ => {}
            }
        }
        steps[first_child..].reverse();
    }

    fn text(&mut self, t: &str, style: Style) {
        let n = text_weight(t);
        if n == 0 {
            if !self.line.is_empty() && !self.line.ends_with(' ') {
                self.line.push(' ');
            }
            return;
        }
        // Runs of HTML whitespace collapse to one space; U+3000 and no-break spaces are
        // indentation the detector trims.
        let mut last_space = self.line.ends_with(' ');
        for c in t.chars() {
            if c.is_ascii_whitespace() {
                if !last_space {
                    self.line.push(' ');
                }
                last_space = true;
            } else {
                self.line.push(c);
                last_space = false;
            }
        }
        self.chars += n;
        if style.bold {
            self.bold_chars += n;
        }
        self.centred |= style.centred;
        if style.heading.is_some() {
            self.heading = style.heading;
        }
    }

    /// Ends the current line and files it under the zone it belongs to.
    fn flush(&mut self) {
        let text = trim(&self.line).replace('\u{a0}', " ");
        let text = trim(&text).to_owned();
        let hint = if let Some(level) = self.heading {
            LineHint::Heading(level)
        } else if self.chars > 0 && (self.bold_chars == self.chars || self.centred) {
            LineHint::Emphasis
        } else {
            LineHint::Text
        };
        self.line.clear();
        self.chars = 0;
        self.bold_chars = 0;
        self.centred = false;
        self.heading = None;
        if text.is_empty() {
            return;
        }
        match self.zone {
            Zone::Before => self.before.push(text),
            Zone::Between => self.between.push(text),
            Zone::Body => self.body.push((text, hint)),
            Zone::After => {}
        }
    }
}

/// `display:none`, `hidden`: not shown by the browser, not read by us.
fn hidden(el: ElementRef<'_>) -> bool {
    let e = el.value();
    e.attr("hidden").is_some()
        || e.attr("style").is_some_and(|s| {
            s.to_ascii_lowercase()
                .replace(' ', "")
                .contains("display:none")
        })
}

/// An element inside the article area that holds share buttons, comments, related links.
fn is_chrome_element(el: ElementRef<'_>) -> bool {
    let e = el.value();
    let names =
        format!("{} {}", e.attr("class").unwrap_or(""), e.id().unwrap_or("")).to_ascii_lowercase();
    CHROME_CLASS_WORDS.iter().any(|w| names.contains(w))
}

/// Collapses whitespace runs to one space and trims.
fn squash(s: &str) -> String {
    s.split(|c: char| c.is_whitespace())
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::document::outline_of as outline;

    const NEWS_PAGE: &str = r##"<!DOCTYPE html><html><head><meta charset="utf-8">
<title>山村小学的一天_某某网资讯_某某网</title>
<meta property="og:title" content="山村小学的一天">
<style>p { color: red }</style></head><body>
<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/news">资讯</a></li></ul></div>
<div class="crumbs"><a href="/">资讯</a> &gt; <a href="/s">社会</a> &gt; <span>正文</span></div>
<div class="main"><h1>山村小学的一天</h1>
<div class="info"><p><span>2020年3月5日 08:10:00</span><br><span>来源：</span><a href="#">某某日报</a></p>
<div class="share">分享到微信</div><h5>12人参与 3评论</h5></div>
<div class="text">
<p><strong>某某日报记者 王小明 李红</strong></p>
<p>清晨六点，山里的雾还没有散，老师已经站在校门口等学生了。这所学校只有三个年级，四十多个孩子。</p>
<p><img src="a.jpg"></p>
<p>学校的操场。</p>
<p><strong>清晨的校门</strong></p>
<p>孩子们从四面八方的村子走来，最远的要走一个小时的山路，路上要过两条河。</p>
<p>老师说，下雨天最担心的就是孩子们的安全，所以会提前打电话给家长。</p>
<p style="text-align:center">午后的课堂</p>
<p>午饭后，孩子们在教室里读书，声音传得很远很远，一直传到山那边的村子里。</p>
<p>（实习生张三对此文亦有贡献）</p>
</div></div>
<div class="recommend"><h3>为您推荐</h3><p><a href="/1">一条很长的推荐新闻标题在这里出现</a></p><p>某某视频</p></div>
<script>var data = {"content":"<p>清晨六点，山里的雾还没有散，老师已经站在校门口等学生了。</p>"};</script>
<div class="footer">版权所有 © 某某网</div></body></html>"##;

    #[test]
    fn news_page_article_and_metadata() {
        let doc = parse_html(NEWS_PAGE).unwrap();
        let m = &doc.meta;
        assert_eq!(m.title.as_deref(), Some("山村小学的一天"));
        assert_eq!(m.breadcrumb, vec!["资讯", "社会", "正文"]);
        assert_eq!(m.published.as_deref(), Some("2020-03-05"));
        assert_eq!(m.source.as_deref(), Some("某某日报"));
        assert_eq!(m.author.as_deref(), Some("王小明、李红"));
        assert_eq!(m.colophon, vec!["（实习生张三对此文亦有贡献）".to_owned()]);
        assert_eq!(
            outline(&doc),
            vec![(1, "清晨的校门".into()), (1, "午后的课堂".into())]
        );
        // The caption is a paragraph; the script copy, the feed and the footer are gone.
        assert_eq!(doc.paragraph_count(), 5);
        let body = doc.body_text();
        assert_eq!(body.matches("清晨六点").count(), 1);
        assert!(!body.contains("推荐") && !body.contains("版权") && !body.contains("分享"));
        assert!(!body.contains("color"));
    }

    #[test]
    fn headings_from_h_tags_and_br_lines() {
        let html = "<html><body><article><h2>第一章　总　则</h2><p>第一条　为了规范管理，制定本办法。<br>第二条　本办法适用于全体成员，自公布之日起施行。</p><h3>第一节　细则</h3><p>第三条　细则由委员会另行制定，报上级机关备案后施行。</p></article></body></html>";
        let doc = parse_html(html).unwrap();
        assert_eq!(
            outline(&doc),
            vec![(1, "第一章　总　则".into()), (2, "第一节　细则".into())]
        );
        assert_eq!(doc.paragraph_count(), 3);
    }

    #[test]
    fn a_fragment_with_its_title_inside_reads_the_lines_under_it_as_metadata() {
        // What a browser puts on the clipboard: no container, the <h1> among the paragraphs.
        let html = "<html><body><h1>读书的方法</h1><p>2021年4月23日 来源：某某读书会</p><p>读书的方法有很多种，最要紧的是读进去，再读出来。这是前人的经验之谈。</p></body></html>";
        let doc = parse_html(html).unwrap();
        assert_eq!(doc.meta.title.as_deref(), Some("读书的方法"));
        assert_eq!(doc.meta.published.as_deref(), Some("2021-04-23"));
        assert_eq!(doc.meta.source.as_deref(), Some("某某读书会"));
        assert_eq!(doc.paragraph_count(), 1);
    }

    #[test]
    fn a_list_page_is_refused() {
        let html = "<html><body><ul><li><a href='/1'>新闻一</a></li><li><a href='/2'>新闻二</a></li></ul></body></html>";
        assert_eq!(parse_html(html).unwrap_err(), HtmlError::NoArticle);
    }

    #[test]
    fn site_suffixes() {
        assert_eq!(
            strip_site_suffix("标题在这里_凤凰网资讯_凤凰网"),
            "标题在这里"
        );
        assert_eq!(
            strip_site_suffix("关于加强管理的通知-纪检"),
            "关于加强管理的通知"
        );
        assert_eq!(
            strip_site_suffix("2019-2020学年工作总结"),
            "2019-2020学年工作总结"
        );
    }

    #[test]
    fn wechat_article() {
        let html = r#"<html><head><meta property="og:title" content="读书的方法"><meta name="author" content="张三"></head><body>
<h1 id="activity-name">读书的方法</h1><div id="js_content"><p>读书要有计划，每天读一点，日积月累，自然会有很大的收获。这是许多人的经验。</p><p>读书也要思考，不思考的阅读只是把别人的话装进脑子里，并不能变成自己的东西。</p></div>
<script>var nickname = "某某读书会"; var ct = "1574669070";</script></body></html>"#;
        let doc = parse_html(html).unwrap();
        assert_eq!(doc.meta.title.as_deref(), Some("读书的方法"));
        assert_eq!(doc.meta.author.as_deref(), Some("张三"));
        assert_eq!(doc.meta.source.as_deref(), Some("某某读书会"));
        assert_eq!(doc.meta.published.as_deref(), Some("2019-11-25"));
        assert_eq!(doc.paragraph_count(), 2);
    }

    #[test]
    fn an_empty_wechat_container_does_not_hide_the_article() {
        let html = r#"<html><body><h1>读书的方法</h1><div id="js_content"></div><div class="rich_media"><p>读书要有计划，每天读一点，日积月累，自然会有很大的收获。这是许多人的经验。</p></div></body></html>"#;
        let doc = parse_html(html).unwrap();
        assert!(doc.body_text().contains("日积月累"));
    }

    #[test]
    fn nesting_deeper_than_any_page_keeps_its_text() {
        let html = format!(
            "<html><body><div><p>{}</p>{}深处的字</body></html>",
            "读书要有计划，每天读一点，日积月累，自然会有很大的收获。这是许多人的经验。",
            "<div><span>".repeat(5_000)
        );
        let doc = parse_html(&html).unwrap();
        assert!(doc.body_text().contains("深处的字"));
    }

    #[test]
    fn inline_tags_nested_deep_are_scored_once() {
        // The article scoring used to walk every descendant, then every ancestor of each
        // text node, from every element: cubic in the nesting.
        let html = format!(
            "<html><body><div><p>{}{}</p></div></body></html>",
            "<span>读书要有计划，".repeat(400),
            "</span>".repeat(400)
        );
        let doc = parse_html(&html).unwrap();
        assert_eq!(doc.body_text().matches("读书要有计划").count(), 400);
    }
}

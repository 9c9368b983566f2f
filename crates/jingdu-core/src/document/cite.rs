//! Citing the article: its reference in GB/T 7714-2015 form, and a quoted passage with its
//! source as Chinese essays write it.
//!
//! The document type code follows what the metadata shows, and no more: a venue whose name
//! ends in 报 (not 学报) is a newspaper `[N]`; one ending in 学报, 杂志 or 刊, or one whose
//! issue is known (a PDF's running head), a journal `[J]` with its issue and pages;
//! anything else, or no venue, an electronic resource `[EB/OL]` when the text came from a web
//! page and `[Z]` otherwise. Text from a web page adds `/OL` and the citation date
//! (`[2026-11-29]`); the access path (URL) is left out because jingdu does not know it —
//! GB/T 7714 asks for it, so a reader citing an online source should add it.

use std::path::Path;

use super::{Metadata, Origin, Source};

/// Whether a file is a saved web page (`.html`, `.htm`, `.mhtml`): its text came from the web.
pub fn is_web_page(path: &Path) -> bool {
    path.extension().is_some_and(|e| {
        ["html", "htm", "mhtml"]
            .iter()
            .any(|w| e.eq_ignore_ascii_case(w))
    })
}

/// What the reference is built from.
#[derive(Clone, Debug)]
pub struct Citation {
    /// Author(s) as printed (`董德兵`), if known.
    pub author: Option<String>,
    /// Title.
    pub title: String,
    /// Where it appeared: newspaper, journal, column or site name.
    pub venue: Option<String>,
    /// Publication date as found (`2018-11-08`).
    pub published: Option<String>,
    /// Whether the text came from a web page.
    pub online: bool,
    /// Whether the document is a book (an EPUB): a monograph `[M]`, its venue the publisher.
    pub book: bool,
    /// The address it was read from, which GB/T 7714 asks for after an online source.
    pub url: Option<String>,
    /// A journal article's issue, `年, 卷(期)`: it makes the document a journal article.
    pub issue: Option<String>,
    /// A journal article's printed pages, `23-31`.
    pub pages: Option<String>,
}

/// The GB/T 7714 document type of a venue; `journal` when the document names its issue.
fn kind(venue: Option<&str>, online: bool, journal: bool) -> &'static str {
    let v = venue.unwrap_or("").trim_end_matches(['》', '〉']);
    let base = if journal || v.ends_with("学报") || v.ends_with("杂志") || v.ends_with('刊') {
        "J"
    } else if v.ends_with('报') {
        "N"
    } else {
        return if online { "EB/OL" } else { "Z" };
    };
    if online {
        if base == "J" { "J/OL" } else { "N/OL" }
    } else {
        base
    }
}

impl Citation {
    /// The citation of a document with metadata `meta` and title `title`; `online` when it
    /// was read from a saved web page (or carries a web page's breadcrumb).
    pub fn of(meta: &Metadata, title: &str, online: bool) -> Self {
        let clean = |s: &String| s.trim().trim_matches(['《', '》']).to_owned();
        Citation {
            author: meta.author.as_ref().map(clean).filter(|s| !s.is_empty()),
            title: title.trim().to_owned(),
            venue: if meta.book {
                meta.publisher.as_ref()
            } else {
                meta.source.as_ref().or(meta.column.as_ref())
            }
            .map(clean)
            .filter(|s| !s.is_empty()),
            published: meta.published.clone(),
            online: online || !meta.breadcrumb.is_empty() || meta.url.is_some(),
            book: meta.book,
            url: meta.url.clone(),
            issue: meta.issue.clone(),
            pages: meta.pages.clone(),
        }
    }

    /// The citation of an opened document: its title as shown (or its name), online when it
    /// was read from a saved web page.
    pub fn of_source(source: &Source) -> Self {
        let title = super::typography::display_text(
            source
                .document
                .meta
                .title
                .as_deref()
                .unwrap_or(&source.display_name()),
        );
        let online = matches!(&source.origin, Origin::File(p) if is_web_page(p));
        Citation::of(&source.document.meta, &title, online)
    }

    /// The reference in GB/T 7714-2015 form, numbered `[1]`, cited on `accessed`
    /// (`YYYY-MM-DD`): `[1] 董德兵. 题名[J/OL]. 前线, 2018-11-08[2026-11-29].`
    pub fn gbt7714(&self, accessed: &str) -> String {
        let mut out = String::from("[1] ");
        if let Some(a) = &self.author {
            out.push_str(&format!("{a}. "));
        }
        if self.book {
            // 著者. 书名[M]. 出版者, 出版年. — the place of publication is not in an EPUB.
            out.push_str(&format!("{}[M]. ", self.title));
            let year = self.published.as_deref().map(|d| d.get(..4).unwrap_or(d));
            match (&self.venue, year) {
                (Some(v), Some(y)) => out.push_str(&format!("{v}, {y}")),
                (Some(v), None) => out.push_str(v),
                (None, Some(y)) => out.push_str(y),
                (None, None) => {}
            }
            let out = out.trim_end_matches([' ', ',', '.']).to_owned();
            return format!("{out}.");
        }
        let code = kind(
            self.venue.as_deref(),
            self.online,
            self.issue.is_some() && self.venue.is_some(),
        );
        out.push_str(&format!("{}[{code}]. ", self.title));
        match (code, &self.venue) {
            ("EB/OL" | "Z", _) | (_, None) => {
                if let Some(v) = &self.venue {
                    out.push_str(&format!("{v}, "));
                }
                if let Some(d) = &self.published {
                    out.push_str(&format!("({d})"));
                }
            }
            (_, Some(v)) => {
                out.push_str(v);
                // 刊名, 年, 卷(期): 页码 — the issue stands for the date when it is known.
                match (&self.issue, &self.published) {
                    (Some(issue), _) => out.push_str(&format!(", {issue}")),
                    (None, Some(d)) => out.push_str(&format!(", {d}")),
                    (None, None) => {}
                }
                if let Some(pages) = &self.pages {
                    out.push_str(&format!(": {pages}"));
                }
            }
        }
        if self.online {
            out.push_str(&format!("[{accessed}]"));
        }
        let out = out.trim_end_matches([' ', ',', '.']).to_owned();
        match &self.url {
            Some(url) => format!("{out}. {url}."),
            None => format!("{out}."),
        }
    }

    /// A passage quoted with its source: `“…”（董德兵：《题名》，《前线》2018-11-08）`.
    pub fn quote(&self, passage: &str) -> String {
        let mut source = String::new();
        if let Some(a) = &self.author {
            source.push_str(&format!("{a}："));
        }
        source.push_str(&format!("《{}》", self.title));
        match (&self.venue, &self.published) {
            (Some(v), Some(d)) => source.push_str(&format!("，《{v}》{d}")),
            (Some(v), None) => source.push_str(&format!("，《{v}》")),
            (None, Some(d)) => source.push_str(&format!("，{d}")),
            (None, None) => {}
        }
        format!(
            "“{}”（{source}）",
            super::typography::nested_quote(passage.trim())
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(author: &str, venue: &str, date: &str) -> Metadata {
        Metadata {
            author: (!author.is_empty()).then(|| author.into()),
            source: (!venue.is_empty()).then(|| venue.into()),
            published: (!date.is_empty()).then(|| date.into()),
            ..Metadata::default()
        }
    }

    #[test]
    fn the_type_code_follows_the_venue() {
        let at = "2026-11-29";
        let n = Citation::of(&meta("李华", "人民日报", "2018-11-08"), "题名", false);
        assert_eq!(n.gbt7714(at), "[1] 李华. 题名[N]. 人民日报, 2018-11-08.");
        let j = Citation::of(&meta("李华", "《北京大学学报》", "2018"), "题名", true);
        assert_eq!(
            j.gbt7714(at),
            "[1] 李华. 题名[J/OL]. 北京大学学报, 2018[2026-11-29]."
        );
        let web = Citation::of(&meta("董德兵", "前线", "2018-11-08"), "从严从实", true);
        assert_eq!(
            web.gbt7714(at),
            "[1] 董德兵. 从严从实[EB/OL]. 前线, (2018-11-08)[2026-11-29]."
        );
        let bare = Citation::of(&meta("", "", ""), "无名", false);
        assert_eq!(bare.gbt7714(at), "[1] 无名[Z].");
    }

    #[test]
    fn a_journal_article_read_from_its_pdf_carries_issue_and_pages() {
        let at = "2026-11-29";
        let article = Metadata {
            issue: Some("2019, 38(3)".into()),
            pages: Some("23-31".into()),
            ..meta("李华", "中国农村经济", "")
        };
        assert_eq!(
            Citation::of(&article, "乡村振兴的路径", false).gbt7714(at),
            "[1] 李华. 乡村振兴的路径[J]. 中国农村经济, 2019, 38(3): 23-31."
        );
        // An issue without a journal's name is no journal reference.
        let nameless = Metadata {
            issue: Some("2019(3)".into()),
            ..meta("", "", "")
        };
        assert_eq!(
            Citation::of(&nameless, "无名", false).gbt7714(at),
            "[1] 无名[Z]."
        );
    }

    #[test]
    fn a_page_opened_from_a_link_carries_its_address() {
        let mut m = meta("董德兵", "前线", "2018-11-08");
        m.url = Some("https://example.com/a.html".into());
        let c = Citation::of(&m, "从严从实", false);
        assert_eq!(
            c.gbt7714("2026-12-04"),
            "[1] 董德兵. 从严从实[EB/OL]. 前线, (2018-11-08)[2026-12-04]. https://example.com/a.html."
        );
    }

    #[test]
    fn a_book_is_a_monograph_with_its_publisher_and_year() {
        let mut m = meta("林清远", "某某网", "2021-06-01");
        m.book = true;
        m.publisher = Some("青山出版社".into());
        let c = Citation::of(&m, "山居笔记", false);
        assert_eq!(
            c.gbt7714("2026-12-04"),
            "[1] 林清远. 山居笔记[M]. 青山出版社, 2021."
        );
        m.publisher = None;
        m.published = None;
        let c = Citation::of(&m, "山居笔记", false);
        assert_eq!(c.gbt7714("2026-12-04"), "[1] 林清远. 山居笔记[M].");
    }

    #[test]
    fn a_quote_carries_its_source_with_nested_marks() {
        let c = Citation::of(&meta("董德兵", "前线", "2018-11-08"), "从严从实", true);
        assert_eq!(
            c.quote("实现“两个一百年”奋斗目标"),
            "“实现‘两个一百年’奋斗目标”（董德兵：《从严从实》，《前线》2018-11-08）"
        );
    }
}

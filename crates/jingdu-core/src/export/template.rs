//! Exports through the reader's own template (Jinja syntax, rendered by minijinja): a
//! `NAME.md.jinja` or `NAME.txt.jinja` file in the `templates` folder of the data directory
//! makes a Markdown or text export shaped as the reader wants — an Anki card list, a 读书笔记
//! form the teacher asked for. The fields are [`Context`]'s, documented in the README.
//!
//! Templates run sandboxed (minijinja reads no files and calls nothing outside the template),
//! with a fuel limit so that a runaway loop ends in a clear error, not a hung export.

use std::path::{Path, PathBuf};

use serde::Serialize;

use super::{Export, ExportError, Format, kind_label};

/// A template the reader wrote.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UserTemplate {
    /// Its name: the file name without `.md.jinja` / `.txt.jinja`.
    pub name: String,
    /// What it makes: Markdown or text.
    pub format: Format,
    /// The template's text.
    pub source: String,
}

/// Largest template read, in bytes: templates are a page or two.
pub const MAX_TEMPLATE_BYTES: u64 = 256 * 1024;

/// The folder templates live in, inside the data directory.
pub fn templates_dir(data_dir: &Path) -> PathBuf {
    data_dir.join("templates")
}

/// What a template file name says it makes: `卡片.md.jinja` → (`卡片`, Markdown).
pub fn template_kind(file_name: &str) -> Option<(String, Format)> {
    let stem = file_name.strip_suffix(".jinja")?;
    let (name, format) = if let Some(n) = stem.strip_suffix(".md") {
        (n, Format::Markdown)
    } else if let Some(n) = stem.strip_suffix(".txt") {
        (n, Format::Text)
    } else {
        return None;
    };
    (!name.is_empty()).then(|| (name.to_owned(), format))
}

/// The templates in `dir`, by name; files that are not templates are ignored, unreadable
/// ones reported.
pub fn list_templates(dir: &Path) -> (Vec<(String, Format, PathBuf)>, Vec<String>) {
    let mut found = Vec::new();
    let mut problems = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return (found, problems);
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if let Some((n, f)) = template_kind(&name) {
            found.push((n, f, entry.path()));
        } else if name.ends_with(".jinja") {
            problems.push(crate::i18n::trf(
                "{}：模板文件名应以 .md.jinja 或 .txt.jinja 结尾",
                "{}: a template's name must end in .md.jinja or .txt.jinja",
                &[&name],
            ));
        }
    }
    found.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.2.cmp(&b.2)));
    (found, problems)
}

/// Reads the template at `path` (bounded; UTF-8).
pub fn read_template(path: &Path) -> Result<UserTemplate, ExportError> {
    let shown = crate::fsutil::shown_path(path);
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let (name, format) = template_kind(&file_name).ok_or_else(|| {
        ExportError::Template(crate::i18n::trf(
            "{}：模板文件名应以 .md.jinja 或 .txt.jinja 结尾",
            "{}: a template's name must end in .md.jinja or .txt.jinja",
            &[&shown],
        ))
    })?;
    let bytes = crate::fsutil::read_regular(path, MAX_TEMPLATE_BYTES)
        .map_err(|e| ExportError::Template(crate::i18n::trf("{}：{}", "{}: {}", &[&shown, &e])))?;
    let source = String::from_utf8(bytes).map_err(|_| {
        ExportError::Template(crate::i18n::trf(
            "{}：模板不是 UTF-8 文本",
            "{}: the template is not UTF-8 text",
            &[&shown],
        ))
    })?;
    Ok(UserTemplate {
        name,
        format,
        source,
    })
}

/// Everything a template sees.
#[derive(Serialize)]
pub struct Context {
    /// The article.
    pub document: DocumentFields,
    /// Who wrote the notes (may be empty).
    pub author: String,
    /// The export time as the reader writes it (`2026年11月28日 20:14`).
    pub exported: String,
    /// The export time, RFC 3339.
    pub exported_iso: String,
    /// The colours used, in palette order.
    pub legend: Vec<LegendFields>,
    /// The notes in document order (bookmarks are in `bookmarks`).
    pub notes: Vec<NoteFields>,
    /// The bookmarks in document order: place, label, link.
    pub bookmarks: Vec<BookmarkFields>,
}

/// A bookmark's fields.
#[derive(Serialize)]
pub struct BookmarkFields {
    /// Where it is: `§3 ¶1` (empty when it lost its place).
    pub place: String,
    /// Its name, or the first words of its paragraph.
    pub label: String,
    /// The link that opens jingdu at it.
    pub link: String,
}

/// The article's fields.
#[derive(Serialize)]
pub struct DocumentFields {
    /// Title.
    pub title: String,
    /// Author(s) as printed.
    pub author: String,
    /// Publication date as found.
    pub published: String,
    /// Where it appeared (newspaper, site).
    pub source: String,
    /// Column (栏目).
    pub column: String,
    /// The file it was read from (empty for the built-in article).
    pub file: String,
    /// The reference in GB/T 7714-2015 form (`[1] 作者. 题名[N]. 报纸, 日期.`).
    pub reference: String,
}

/// One colour of the legend.
#[derive(Serialize)]
pub struct LegendFields {
    /// The reader's name (`重点`).
    pub name: String,
    /// The colour in a word (`黄`).
    pub hue: String,
    /// `#f2c94c`.
    pub rgb: String,
}

/// One note's fields.
#[derive(Serialize)]
pub struct NoteFields {
    /// `〔n〕` number, from 1.
    pub number: usize,
    /// `section`, `paragraph` or `passage`.
    pub kind: String,
    /// `章节笔记`, `段落笔记` or `摘句`.
    pub kind_label: String,
    /// The headings above the note, outermost first.
    pub heading_path: Vec<String>,
    /// The same joined with ` › `.
    pub heading: String,
    /// `§2 ¶3` (empty when the note lost its place).
    pub place: String,
    /// The passage, paragraph or heading the note is on.
    pub quote: String,
    /// The note.
    pub text: String,
    /// Its tags.
    pub tags: Vec<String>,
    /// The colour's name (`重点`).
    pub color: String,
    /// Created, as the reader writes it.
    pub created: String,
    /// Last changed, as the reader writes it.
    pub modified: String,
    /// Created, RFC 3339.
    pub created_iso: String,
    /// Last changed, RFC 3339.
    pub modified_iso: String,
    /// The `jingdu://` link back to the note.
    pub link: String,
    /// Whether the note still has its place in the text.
    pub anchored: bool,
}

impl Context {
    /// The fields of export `e`.
    pub fn of(e: &Export<'_>) -> Self {
        let m = e.meta();
        let title = e.title();
        let author = m.author.clone().unwrap_or_default();
        let published = m.published.clone().unwrap_or_default();
        let reference = e.reference();
        Context {
            document: DocumentFields {
                title,
                author,
                published,
                source: m.source.clone().unwrap_or_default(),
                column: m.column.clone().unwrap_or_default(),
                file: e.info.path.clone().unwrap_or_default(),
                reference,
            },
            author: e.author_name().unwrap_or_default().to_owned(),
            exported: e.time(e.generated),
            exported_iso: e.generated.to_owned(),
            legend: e
                .legend()
                .into_iter()
                .map(|c| LegendFields {
                    name: c.name,
                    hue: c.hue.to_owned(),
                    rgb: format!("#{:02x}{:02x}{:02x}", c.rgb[0], c.rgb[1], c.rgb[2]),
                })
                .collect(),
            notes: e
                .numbered()
                .into_iter()
                .map(|(number, n)| {
                    let heading_path = e.heading_path(n);
                    NoteFields {
                        number,
                        kind: n.kind.as_str().to_owned(),
                        kind_label: kind_label(n.kind, e.labels).to_owned(),
                        heading: heading_path.join(" › "),
                        heading_path,
                        place: e.place(n),
                        quote: crate::document::typography::display_text(&n.anchor.quote),
                        text: n.text.replace("\r\n", "\n"),
                        tags: n.tags.clone(),
                        color: e.palette.name_of(&n.color),
                        created: e.time(&n.created),
                        modified: e.time(&n.modified),
                        created_iso: n.created.clone(),
                        modified_iso: n.modified.clone(),
                        link: e.link(n),
                        anchored: n.anchored,
                    }
                })
                .collect(),
            bookmarks: e
                .bookmark_lines()
                .into_iter()
                .map(|b| BookmarkFields {
                    place: b.place,
                    label: b.label,
                    link: b.link,
                })
                .collect(),
        }
    }
}

/// Renders `template` over export `e`. Errors name the template and the line.
pub fn render(e: &Export<'_>, template: &UserTemplate) -> Result<String, ExportError> {
    let mut env = minijinja::Environment::new();
    // Markdown and text are not HTML: nothing is escaped behind the template's back.
    env.set_auto_escape_callback(|_| minijinja::AutoEscape::None);
    env.set_undefined_behavior(minijinja::UndefinedBehavior::Chainable);
    // Enough for any template over these notes, not for an endless one.
    env.set_fuel(Some(1_000_000 + 2_000 * e.notes.len() as u64));
    env.set_recursion_limit(64);
    env.add_filter("md", |s: String| super::markdown::escape_block(&s));
    env.add_filter("nested_quotes", |s: String| {
        crate::document::typography::nested_quote(&s)
    });
    let fail = |err: minijinja::Error| {
        let line = err
            .line()
            .map(|l| crate::i18n::trf("第 {} 行：", "line {}: ", &[&l]))
            .unwrap_or_default();
        let detail = err
            .detail()
            .map(str::to_owned)
            .unwrap_or_else(|| err.kind().to_string());
        ExportError::Template(crate::i18n::trf(
            "模板“{}”{}{}",
            "Template “{}”: {}{}",
            &[&template.name, &line, &detail],
        ))
    };
    let compiled = env.template_from_str(&template.source).map_err(fail)?;
    let context = Context::of(e);
    let text = compiled
        .render(minijinja::Value::from(minijinja::value::Serde(&context)))
        .map_err(fail)?;
    Ok(crate::terminal_safe::strip_controls(&text).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_say_what_a_template_makes() {
        assert_eq!(
            template_kind("卡片.md.jinja"),
            Some(("卡片".to_owned(), Format::Markdown))
        );
        assert_eq!(
            template_kind("读书笔记.txt.jinja"),
            Some(("读书笔记".to_owned(), Format::Text))
        );
        assert_eq!(template_kind("x.html.jinja"), None);
        assert_eq!(template_kind(".md.jinja"), None);
        assert_eq!(template_kind("notes.md"), None);
    }
}

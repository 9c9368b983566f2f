//! The command line: `jingdu [FILE]` opens the window; subcommands work without one, on the
//! same library code as the window (same parser, same notes store, same exporters).
//!
//! Every error is one line naming what went wrong and the file last, and a non-zero exit:
//! 2 for a document that cannot be opened, 1 for everything else.

use crate::i18n::{tr, trf};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use crate::document::{LoadError, Source, outline_json, typography::display_text};
use crate::export::{self, Format};
use crate::notes::{self, DocInfo, Note, NoteKind, OnCorrupt, Palette, Store, TextIndex};
use crate::terminal_safe::{StripControls, escape_json_controls};

/// 精读 — close reading of Chinese articles, with study notes.
#[derive(Debug, Parser)]
#[command(
    name = "jingdu",
    version,
    about = "精读：细读中文文章，写学习笔记并导出",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// Text, Markdown, saved web page, Word (.docx, .doc), WPS, OpenDocument, PDF or EPUB file
    /// to open (the built-in article when omitted), or a web link; also a file:// URI or a
    /// jingdu://open link from exported notes.
    pub file: Option<PathBuf>,
    /// Read documents in this encoding instead of detecting it (utf-8, gb18030, gbk, big5,
    /// utf-16le, utf-16be).
    #[arg(long, global = true, value_name = "NAME", value_parser = parse_encoding)]
    pub encoding: Option<&'static encoding_rs::Encoding>,
    /// A command to run without opening the window.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Headless commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the detected structure of a document.
    Outline {
        /// The document (the built-in article when omitted; `-` reads standard input).
        file: Option<PathBuf>,
        /// Print JSON instead of an indented tree.
        #[arg(long)]
        json: bool,
    },
    /// List the notes of a document in document order.
    Notes {
        /// The document (the built-in article when omitted).
        file: Option<PathBuf>,
        /// Print a JSON array.
        #[arg(long)]
        json: bool,
    },
    /// Add or remove a note.
    #[command(subcommand)]
    Note(NoteCommand),
    /// Export the notes of a document.
    Export(ExportArgs),
    /// Time the real app UI headless (1280×800, no window) and print frame costs.
    BenchUi {
        /// The document (the built-in article when omitted).
        file: Option<PathBuf>,
        /// Use a generated document of about N characters instead.
        #[arg(long, value_name = "N")]
        synthetic_chars: Option<usize>,
        /// Scrolling frames to time (default: until the end of the document).
        #[arg(long, value_name = "N")]
        frames: Option<usize>,
        /// Reading font size in points while scrolling.
        #[arg(long, default_value_t = 18.0)]
        font_size: f32,
        /// Read in vertical text (竖排), paging to the left.
        #[arg(long)]
        vertical: bool,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff; `jingdu man | man -l -`).
    Man,
    /// Add jingdu to this user's application menu (~/.local/share), with its icon and file
    /// types, for the binary that runs this command.
    InstallDesktop {
        /// Remove what install-desktop added instead.
        #[arg(long)]
        uninstall: bool,
    },
    /// Print the document's reference in GB/T 7714-2015 form (cited today).
    Cite {
        /// The document (the built-in article when omitted).
        file: Option<PathBuf>,
    },
    /// Find text in a document: each hit with its heading path, paragraph number and context
    /// (full- and half-width forms, radicals and letter case are not told apart).
    Search {
        /// The document (the built-in article when omitted), then what to find.
        #[arg(num_args = 1..=2, required = true, value_name = "[FILE] QUERY")]
        args: Vec<String>,
        /// Print JSON: `[{"heading", "paragraph", "start", "end", "context"}]`, char offsets in
        /// the body text.
        #[arg(long)]
        json: bool,
        /// Match Traditional and Simplified characters only as written (by default 黨 finds 党).
        #[arg(long)]
        same_script: bool,
    },
    /// Open the window at a note: a jingdu://open?doc=ID&note=ID link from exported notes (what
    /// the desktop entry passes when a link is clicked), or a file.
    Open {
        /// The link (or a path or file:// URI).
        link: PathBuf,
    },
    /// Import notes from a JSON export into a document's notes.
    Import {
        /// The JSON file written by `jingdu export --format json` (or the window).
        notes: PathBuf,
        /// The document (the built-in article when omitted).
        file: Option<PathBuf>,
        /// Import even when the notes were written for another document.
        #[arg(long)]
        yes: bool,
        /// Bring back notes that were deleted here after the version in the file (without
        /// it they stay deleted and are counted as skipped).
        #[arg(long)]
        revive: bool,
    },
}

/// Arguments of `jingdu export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The document (the built-in article when omitted).
    pub file: Option<PathBuf>,
    /// md, html, docx, pdf, json, txt or csv (what the template makes when --template is given).
    #[arg(long, value_parser = parse_format, required_unless_present = "template")]
    pub format: Option<Format>,
    /// Your own layout: a Jinja template, by name from the data directory's `templates`
    /// folder (`NAME.md.jinja`, `NAME.txt.jinja`) or by path.
    #[arg(long, value_name = "NAME|FILE")]
    pub template: Option<PathBuf>,
    /// Write to this file (atomically) instead of standard output.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Only notes in section N (headings counted from 1).
    #[arg(long)]
    pub section: Option<usize>,
    /// Only notes with this tag (repeatable).
    #[arg(long = "tag")]
    pub tags: Vec<String>,
    /// Only notes of this colour, by key or name (repeatable).
    #[arg(long = "color")]
    pub colors: Vec<String>,
    /// Leave out the quoted passages.
    #[arg(long)]
    pub no_quotes: bool,
    /// Leave out the section headings.
    #[arg(long)]
    pub no_headings: bool,
    /// The whole article with notes inline (md, html), or as comments in the margin (docx).
    #[arg(long)]
    pub annotated: bool,
    /// Who wrote the notes: the Word document's author and comment author (default: the
    /// login name).
    #[arg(long, value_name = "NAME")]
    pub author: Option<String>,
    /// The language of the export's own labels (学习笔记, 位置, 创建…): zh-hans, zh-hant or
    /// en (default: the document's, 繁體 for a Traditional text).
    #[arg(long, value_parser = parse_labels, value_name = "LANG")]
    pub labels: Option<crate::i18n::Lang>,
}

fn parse_labels(s: &str) -> Result<crate::i18n::Lang, String> {
    crate::i18n::Lang::from_locale(s).ok_or_else(|| {
        trf(
            "未知语言“{}”；可用：zh-hans、zh-hant、en",
            "unknown language “{}”; use zh-hans, zh-hant or en",
            &[&s],
        )
    })
}

fn parse_encoding(s: &str) -> Result<&'static encoding_rs::Encoding, String> {
    crate::document::encoding_for_label(s).ok_or_else(|| {
        trf(
            "未知编码“{}”；可用：utf-8、gb18030（含 gbk）、big5、utf-16le、utf-16be",
            "unknown encoding “{}”; use utf-8, gb18030 (covers gbk), big5, utf-16le or utf-16be",
            &[&s],
        )
    })
}

/// The encoding given with `--encoding`, fixed for the whole run before any document opens.
static CHOSEN_ENCODING: std::sync::OnceLock<&'static encoding_rs::Encoding> =
    std::sync::OnceLock::new();

/// Remembers `--encoding` for every document this run opens.
pub fn choose_encoding(encoding: Option<&'static encoding_rs::Encoding>) {
    if let Some(e) = encoding {
        let _ = CHOSEN_ENCODING.set(e);
    }
}

/// Opens a document for a command: the file in the chosen or detected encoding, the built-in
/// article when there is none, standard input for `-` where `stdin_ok`.
pub fn open_source(file: Option<&Path>, stdin_ok: bool) -> Result<Source, CliError> {
    let source = read_source(file, stdin_ok)?;
    if let Some(warning) = source.damage_warning() {
        eprintln!("{}", crate::terminal_safe::strip_controls(&warning));
    }
    Ok(source)
}

fn read_source(file: Option<&Path>, stdin_ok: bool) -> Result<Source, CliError> {
    let encoding = CHOSEN_ENCODING.get().copied();
    match file {
        Some(p) if p == Path::new("-") => {
            if !stdin_ok {
                return Err(CliError::new(tr(
                    "标准输入（-）只能用于 outline；笔记要保存在文件上，请给出文件路径",
                    "standard input (-) works with outline only; notes are kept with a file, so give a file's path",
                )));
            }
            let bytes = crate::document::read_stdin_bounded()?;
            Ok(Source::from_bytes(
                crate::document::Origin::File(PathBuf::from("-")),
                Path::new("-"),
                &bytes,
                encoding,
            )?)
        }
        Some(p) if crate::document::web::is_web_link(&p.to_string_lossy()) => {
            // A link: fetched, kept in the data folder (so notes stay with it), then read.
            let store =
                crate::notes::Store::from_env().map_err(|e| CliError::new(e.to_string()))?;
            let (source, offline) = Source::open_link(&p.to_string_lossy(), store.dir())?;
            if let Some(note) = offline {
                eprintln!("{}", crate::terminal_safe::strip_controls(&note));
            }
            Ok(source)
        }
        Some(p) => Ok(Source::open_with(p, encoding)?),
        None => Ok(Source::builtin()),
    }
}

/// What the window should open for its argument: a path, or what a `file://` or `jingdu://`
/// link names (looked up in `store`).
pub fn window_target(
    file: Option<PathBuf>,
    store: Option<&crate::notes::Store>,
) -> Result<crate::desktop::WindowTarget, CliError> {
    match file {
        None => Ok(crate::desktop::WindowTarget::default()),
        Some(f) => crate::desktop::window_target(&f, store)
            .map_err(|message| CliError { message, code: 2 }),
    }
}

fn parse_format(s: &str) -> Result<Format, String> {
    Format::parse(s).ok_or_else(|| {
        trf(
            "未知格式“{}”；可用：md、html、docx、pdf、json、txt、csv",
            "unknown format “{}”; use md, html, docx, pdf, json, txt or csv",
            &[&s],
        )
    })
}

/// `jingdu note …`
#[derive(Debug, Subcommand)]
pub enum NoteCommand {
    /// Add a note; prints its id.
    Add(AddArgs),
    /// Remove a note by id (or a unique prefix of it).
    Rm {
        /// The document (the built-in article when omitted); give it before the id.
        #[arg(num_args = 1..=2, required = true, value_name = "[FILE] ID")]
        args: Vec<String>,
    },
}

/// Arguments of `jingdu note add`.
#[derive(Debug, Args)]
pub struct AddArgs {
    /// The document (the built-in article when omitted).
    pub file: Option<PathBuf>,
    /// Attach to section N (headings counted from 1 in document order).
    #[arg(long, group = "target")]
    pub section: Option<usize>,
    /// Attach to paragraph N (body paragraphs counted from 1).
    #[arg(long, group = "target")]
    pub paragraph: Option<usize>,
    /// Attach to the first occurrence of this passage.
    #[arg(long, group = "target")]
    pub quote: Option<String>,
    /// The note text.
    #[arg(long)]
    pub text: String,
    /// A tag (repeatable).
    #[arg(long = "tag")]
    pub tags: Vec<String>,
    /// Colour by key or by the name given to it (重点, 疑问, …).
    #[arg(long)]
    pub color: Option<String>,
}

/// A failed command: message and exit code.
#[derive(Debug)]
pub struct CliError {
    /// One line for the user.
    pub message: String,
    /// Process exit code.
    pub code: u8,
}

impl CliError {
    fn new(message: impl Into<String>) -> Self {
        CliError {
            message: message.into(),
            code: 1,
        }
    }
}

impl From<LoadError> for CliError {
    fn from(e: LoadError) -> Self {
        CliError {
            message: e.to_string(),
            code: 2,
        }
    }
}

impl From<export::ExportError> for CliError {
    fn from(e: export::ExportError) -> Self {
        CliError::new(crate::fsutil::one_line(&e.to_string()))
    }
}

impl From<notes::StoreError> for CliError {
    fn from(e: notes::StoreError) -> Self {
        CliError::new(e.to_string())
    }
}

/// Runs a headless command, writing its output to `out`.
pub fn run(command: Command, out: &mut dyn Write) -> Result<(), CliError> {
    let write_err = |e: std::io::Error| {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            // The reader of our output went away (`| head`): not an error.
            CliError {
                message: String::new(),
                code: 0,
            }
        } else {
            CliError::new(trf(
                "无法输出结果：{}",
                "cannot write the output: {}",
                &[&e],
            ))
        }
    };
    match command {
        Command::Outline { file, json } => {
            let source = open_source(file.as_deref(), true)?;
            if json {
                let value = outline_json(&source.document);
                let text = serde_json::to_string_pretty(&value)
                    .map_err(|e| CliError::new(e.to_string()))?;
                writeln!(out, "{}", escape_json_controls(&text)).map_err(write_err)?;
            } else {
                let mut out = StripControls::new(out);
                write_outline_tree(&source, &mut out)
                    .and_then(|()| out.flush())
                    .map_err(write_err)?;
            }
            Ok(())
        }
        Command::Notes { file, json } => {
            let ctx = NotesContext::open(file.as_deref())?;
            if json {
                let list: Vec<serde_json::Value> = ctx
                    .book
                    .notes()
                    .iter()
                    .map(|n| note_json(&ctx, n))
                    .collect();
                let text = serde_json::to_string_pretty(&list)
                    .map_err(|e| CliError::new(e.to_string()))?;
                writeln!(out, "{}", escape_json_controls(&text)).map_err(write_err)?;
            } else {
                let mut out = StripControls::new(out);
                write_notes_text(&ctx, &mut out)
                    .and_then(|()| out.flush())
                    .map_err(write_err)?;
            }
            Ok(())
        }
        Command::Note(NoteCommand::Add(args)) => {
            let id = add_note(args)?;
            writeln!(out, "{id}").map_err(write_err)
        }
        Command::Export(args) => export_notes(args, out),
        Command::BenchUi {
            file,
            synthetic_chars,
            frames,
            font_size,
            vertical,
            json,
        } => {
            let source = match synthetic_chars {
                Some(n) => Source::from_text(
                    crate::document::Origin::Builtin,
                    &crate::document::synthetic_text(n),
                ),
                None => open_source(file.as_deref(), false)?,
            };
            let r = crate::bench::run(source, frames, font_size.clamp(14.0, 28.0), vertical);
            if json {
                let text =
                    serde_json::to_string_pretty(&r).map_err(|e| CliError::new(e.to_string()))?;
                writeln!(out, "{text}").map_err(write_err)
            } else {
                let ms = |v: f64| format!("{v:.2}");
                writeln!(
                    out,
                    "{}",
                    trf(
                        "{} 字 / {} 段；{} 帧：首帧 {} ms，中位数 {} ms，p95 {} ms，最慢 {} ms；跳转 {} ms，改字号 {} ms；字形图集溢出 {} 次",
                        "{} characters / {} paragraphs; {} frames: first {} ms, median {} ms, p95 {} ms, slowest {} ms; jump {} ms, resize {} ms; glyph atlas overflows {}",
                        &[
                            &r.chars,
                            &r.paragraphs,
                            &r.frames,
                            &format!("{:.1}", r.first_frame_ms),
                            &ms(r.median_ms),
                            &ms(r.p95_ms),
                            &ms(r.max_ms),
                            &ms(r.jump_ms),
                            &ms(r.resize_ms),
                            &r.atlas_overflows,
                        ],
                    )
                )
                .map_err(write_err)
            }
        }
        Command::Completions { shell } => {
            crate::desktop::write_completions(shell, <Cli as clap::CommandFactory>::command(), out);
            Ok(())
        }
        Command::Man => {
            crate::desktop::write_man_page(<Cli as clap::CommandFactory>::command(), out)
                .map_err(write_err)
        }
        Command::InstallDesktop { uninstall } => {
            let text = install_desktop(uninstall)?;
            writeln!(out, "{text}").map_err(write_err)
        }
        Command::Cite { file } => {
            let source = open_source(file.as_deref(), true)?;
            let today = notes::now_rfc3339();
            let reference = crate::document::cite::Citation::of_source(&source)
                .gbt7714(today.get(..10).unwrap_or(&today));
            let mut out = StripControls::new(out);
            writeln!(out, "{reference}")
                .and_then(|()| out.flush())
                .map_err(write_err)
        }
        Command::Search {
            args,
            json,
            same_script,
        } => {
            let (file, query) = match args.as_slice() {
                [q] => (None, q.as_str()),
                [f, q] => (Some(PathBuf::from(f)), q.as_str()),
                _ => {
                    return Err(CliError::new(tr(
                        "用法：jingdu search [FILE] QUERY",
                        "usage: jingdu search [FILE] QUERY",
                    )));
                }
            };
            let source = open_source(file.as_deref(), true)?;
            let matching = crate::document::search::Matching {
                any_script: !same_script,
            };
            search(&source, query, matching, json, out).map_err(write_err)
        }
        Command::Open { .. } => Err(CliError::new(tr(
            "jingdu open 会打开窗口，不在无窗口模式下运行",
            "jingdu open opens the window; it does not run without one",
        ))),
        Command::Import {
            notes,
            file,
            yes,
            revive,
        } => {
            let text = import_notes(&notes, file.as_deref(), yes, revive)?;
            writeln!(out, "{text}").map_err(write_err)
        }
        Command::Note(NoteCommand::Rm { args }) => {
            let (file, id) = match args.as_slice() {
                [id] => (None, id.clone()),
                [file, id] => (Some(PathBuf::from(file)), id.clone()),
                _ => {
                    return Err(CliError::new(tr(
                        "用法：jingdu note rm [FILE] ID",
                        "usage: jingdu note rm [FILE] ID",
                    )));
                }
            };
            let removed = remove_note(file.as_deref(), &id)?;
            writeln!(
                out,
                "{}",
                trf("已删除笔记 {}", "note {} deleted", &[&removed])
            )
            .map_err(write_err)
        }
    }
}

fn write_outline_tree(source: &Source, out: &mut dyn Write) -> std::io::Result<()> {
    let doc = &source.document;
    let m = &doc.meta;
    let none = tr("（无）", "(none)");
    let line = |k: &str, v: &dyn std::fmt::Display| trf("{}：{}", "{}: {}", &[&k, v]);
    writeln!(
        out,
        "{}",
        line(tr("标题", "Title"), &m.title.as_deref().unwrap_or(none))
    )?;
    if let Some(c) = &m.column {
        writeln!(out, "{}", line(tr("栏目", "Column"), c))?;
    }
    if let Some(d) = &m.published {
        writeln!(out, "{}", line(tr("日期", "Date"), d))?;
    }
    if let Some(a) = &m.author {
        let who = match &m.affiliation {
            Some(aff) => trf("{}（{}）", "{} ({})", &[a, aff]),
            None => a.clone(),
        };
        writeln!(out, "{}", line(tr("作者", "Author"), &who))?;
    }
    if !m.breadcrumb.is_empty() {
        writeln!(
            out,
            "{}",
            line(tr("位置", "Site path"), &m.breadcrumb.join(" › "))
        )?;
    }
    writeln!(
        out,
        "{}",
        trf(
            "段落：{}　字数：{}",
            "Paragraphs: {}  Characters: {}",
            &[&doc.paragraph_count(), &doc.paragraph_chars()],
        )
    )?;
    if !doc.preamble.is_empty() {
        writeln!(
            out,
            "{}",
            crate::i18n::trn(
                "（正文开头 {} 段）",
                "({} paragraph before the first heading)",
                "({} paragraphs before the first heading)",
                doc.preamble.len(),
                &[&doc.preamble.len()],
            )
        )?;
    }
    for s in &doc.sections {
        let indent = "  ".repeat(usize::from(s.level.saturating_sub(1)));
        let heading = &doc.blocks[s.heading];
        // A PDF's headings say which printed page they stand on.
        let page = doc
            .page_at(heading.range.start)
            .map(|p| crate::i18n::trf("　第 {} 页", "  p. {}", &[&p]))
            .unwrap_or_default();
        writeln!(
            out,
            "{indent}{}{page}",
            crate::i18n::trn(
                "{}　[{} 段]",
                "{}  [{} paragraph]",
                "{}  [{} paragraphs]",
                s.paragraphs.len(),
                &[&heading.text, &s.paragraphs.len()],
            )
        )?;
    }
    Ok(())
}

/// A document with its notes loaded (strictly: a damaged store is an error, never touched).
struct NotesContext {
    source: Source,
    info: DocInfo,
    store: Store,
    /// The notes, changed through the same [`notes::Notebook`] as in the window.
    book: notes::Notebook,
    revision: u64,
    palette: Palette,
}

impl NotesContext {
    fn open(file: Option<&Path>) -> Result<Self, CliError> {
        let source = open_source(file, false)?;
        let store = Store::from_env()?;
        let info = DocInfo::for_source(&source);
        let loaded = store.load(&info, OnCorrupt::Fail)?;
        let mut notes_list = loaded.notes;
        notes::reanchor_all(&source.document, &mut notes_list);
        let palette = Palette::load(&store.palette_path());
        let book = notes::Notebook::new(&source.document, notes_list, loaded.deleted);
        Ok(NotesContext {
            source,
            info,
            store,
            book,
            revision: loaded.revision,
            palette,
        })
    }

    fn save(&self) -> Result<(), CliError> {
        self.store.save(
            &self.info,
            self.book.notes(),
            self.book.deleted(),
            self.revision,
        )?;
        Ok(())
    }

    /// Makes `change` now and saves it.
    fn change(&mut self, change: notes::Change) -> Result<(), CliError> {
        let now = notes::now_rfc3339();
        self.book.apply(&self.source.document, vec![change], &now);
        self.save()
    }
}

fn note_json(ctx: &NotesContext, n: &Note) -> serde_json::Value {
    let doc = &ctx.source.document;
    let block = crate::app::block_for(doc, n).filter(|_| n.anchored);
    let paragraph = match (n.kind, block) {
        (NoteKind::Paragraph, Some(b)) => {
            doc.paragraph_indices().position(|p| p == b).map(|p| p + 1)
        }
        _ => None,
    };
    let section = match (n.kind, block) {
        (NoteKind::Section, Some(b)) => doc
            .sections
            .iter()
            .position(|s| s.heading == b)
            .map(|s| s + 1),
        _ => None,
    };
    serde_json::json!({
        "id": n.id,
        "kind": n.kind.as_str(),
        "heading": n.anchor.heading_path,
        "quote": (n.kind == NoteKind::Passage).then(|| n.anchor.quote.clone()),
        "section": section,
        "paragraph": paragraph,
        "start": n.anchor.start,
        "end": n.anchor.end,
        "text": n.text,
        "tags": n.tags,
        "color": ctx.palette.name_of(&n.color),
        "color_key": n.color,
        "anchored": n.anchored,
        "created": n.created,
        "modified": n.modified,
    })
}

fn write_notes_text(ctx: &NotesContext, out: &mut dyn Write) -> std::io::Result<()> {
    if ctx.book.notes().is_empty() {
        return writeln!(
            out,
            "{}",
            tr("（这篇文档还没有笔记）", "(this document has no notes yet)")
        );
    }
    for (i, n) in ctx.book.notes().iter().enumerate() {
        let place = notes::place_label(n);
        let status = if n.anchored {
            ""
        } else {
            tr("（未定位）", " (not located)")
        };
        writeln!(
            out,
            "{}. [{}·{}] {place}{status}",
            i + 1,
            n.kind.label(),
            ctx.palette.name_of(&n.color)
        )?;
        if n.kind == NoteKind::Passage {
            writeln!(out, "   “{}”", display_text(&n.anchor.quote))?;
        }
        for line in n.text.lines() {
            writeln!(out, "   {line}")?;
        }
        let tags: Vec<String> = n.tags.iter().map(|t| format!("#{t}")).collect();
        writeln!(out, "   {} {}  id {}", tags.join(" "), n.modified, n.id)?;
    }
    Ok(())
}

fn add_note(args: AddArgs) -> Result<String, CliError> {
    let mut ctx = NotesContext::open(args.file.as_deref())?;
    let doc = &ctx.source.document;
    let (kind, range) = if let Some(n) = args.section {
        let count = doc.sections.len();
        let sec = n
            .checked_sub(1)
            .and_then(|i| doc.sections.get(i))
            .ok_or_else(|| {
                CliError::new(crate::i18n::trn(
                    "没有第 {} 节：这篇文档共有 {} 个标题",
                    "there is no section {}: the document has {} heading",
                    "there is no section {}: the document has {} headings",
                    count,
                    &[&n, &count],
                ))
            })?;
        (NoteKind::Section, doc.blocks[sec.heading].range.clone())
    } else if let Some(n) = args.paragraph {
        let count = doc.paragraph_count();
        let b = n
            .checked_sub(1)
            .and_then(|i| doc.paragraph_indices().nth(i))
            .ok_or_else(|| {
                CliError::new(crate::i18n::trn(
                    "没有第 {} 段：这篇文档共有 {} 段",
                    "there is no paragraph {}: the document has {} paragraph",
                    "there is no paragraph {}: the document has {} paragraphs",
                    count,
                    &[&n, &count],
                ))
            })?;
        (NoteKind::Paragraph, doc.blocks[b].range.clone())
    } else if let Some(q) = &args.quote {
        let range = find_quote(doc.body_text(), q).ok_or_else(|| {
            CliError::new(trf(
                "正文中找不到这段文字：{}",
                "the text is not in the article: {}",
                &[q],
            ))
        })?;
        (NoteKind::Passage, range)
    } else {
        return Err(CliError::new(tr(
            "请用 --section N、--paragraph N 或 --quote 文字 指定笔记对象",
            "say what the note is on with --section N, --paragraph N or --quote TEXT",
        )));
    };
    let color = match &args.color {
        Some(c) => ctx
            .palette
            .resolve(c)
            .map(|e| e.key.clone())
            .ok_or_else(|| {
                let names: Vec<&str> = ctx.palette.colors.iter().map(|c| c.name.as_str()).collect();
                CliError::new(trf(
                    "没有名为“{}”的颜色；可用：{}",
                    "there is no colour named “{}”; use {}",
                    &[c, &names.join(tr("、", ", "))],
                ))
            })?,
        None => notes::DEFAULT_COLOR.to_owned(),
    };
    let index = TextIndex::new(doc.body_text());
    let anchor = notes::target_anchor(doc, &index, kind, range);
    let note = Note::new(
        kind,
        anchor,
        args.text,
        color,
        args.tags,
        &notes::now_rfc3339(),
    );
    let id = note.id.clone();
    ctx.change(notes::Change {
        before: None,
        after: Some(note),
    })?;
    Ok(id)
}

/// Char range of the first occurrence of `quote` in `body`, also when the reader typed
/// full-width punctuation where the source has half-width (as the reader displays it).
fn find_quote(body: &str, quote: &str) -> Option<std::ops::Range<usize>> {
    let quote = quote.trim();
    if quote.is_empty() {
        return None;
    }
    let len = quote.chars().count();
    let char_pos = |hay: &str, byte: usize| hay[..byte].chars().count();
    if let Some(b) = body.find(quote) {
        let s = char_pos(body, b);
        return Some(s..s + len);
    }
    let shown = display_text(body);
    shown.find(quote).map(|b| {
        let s = char_pos(&shown, b);
        s..s + len
    })
}

fn remove_note(file: Option<&Path>, id: &str) -> Result<String, CliError> {
    let mut ctx = NotesContext::open(file)?;
    let id = id.trim();
    let matches: Vec<String> = ctx
        .book
        .notes()
        .iter()
        .filter(|n| n.id == id || (id.len() >= 4 && n.id.starts_with(id)))
        .map(|n| n.id.clone())
        .collect();
    let full = match matches.as_slice() {
        [one] => one.clone(),
        [] => {
            return Err(CliError::new(trf(
                "没有 id 为 {} 的笔记",
                "no note has the id {}",
                &[&id],
            )));
        }
        _ => {
            return Err(CliError::new(trf(
                "id 前缀 {} 对应多条笔记，请写完整 id",
                "several notes start with {}: give the whole id",
                &[&id],
            )));
        }
    };
    let before = ctx.book.note(&full).cloned();
    ctx.change(notes::Change {
        before,
        after: None,
    })?;
    Ok(full)
}

/// One hit of `jingdu search --json`.
#[derive(serde::Serialize)]
struct SearchHit {
    heading: String,
    paragraph: Option<usize>,
    start: usize,
    end: usize,
    context: String,
}

/// Prints every hit of `query` in `source`.
fn search(
    source: &Source,
    query: &str,
    matching: crate::document::search::Matching,
    json: bool,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    use crate::document::search;
    let doc = &source.document;
    let hits = search::find_in_document(doc, query, matching);
    // The context as the reader shows it (one char per char, so offsets hold), made from the
    // hit's own block: never the whole body at once, which for a text of hundreds of
    // megabytes would take several times its size.
    let mut shown_block: Option<(usize, Vec<char>)> = None;
    let mut context_of = |hit: &std::ops::Range<usize>, block: Option<usize>| -> String {
        let Some(b) = block else {
            return String::new();
        };
        if shown_block.as_ref().is_none_or(|(at, _)| *at != b) {
            let chars = crate::document::typography::display_text(&doc.blocks[b].text)
                .chars()
                .collect();
            shown_block = Some((b, chars));
        }
        let Some((_, chars)) = &shown_block else {
            return String::new();
        };
        let start = doc.blocks[b].range.start;
        let local = hit.start.saturating_sub(start)..hit.end.saturating_sub(start).min(chars.len());
        search::context(chars, &local, 20)
    };
    let mut paragraph_numbers = vec![None; doc.blocks.len()];
    for (k, b) in doc.paragraph_indices().enumerate() {
        paragraph_numbers[b] = Some(k + 1);
    }
    let found: Vec<SearchHit> = hits
        .iter()
        .map(|hit| {
            let block = doc.block_at_offset(hit.start);
            SearchHit {
                heading: block
                    .map(|b| {
                        let path = doc.heading_path(b);
                        let shown: Vec<String> = path
                            .iter()
                            .map(|h| crate::document::typography::display_text(h))
                            .collect();
                        shown.join(" › ")
                    })
                    .unwrap_or_default(),
                paragraph: block.and_then(|b| paragraph_numbers[b]),
                start: hit.start,
                end: hit.end,
                context: context_of(hit, block),
            }
        })
        .collect();
    if json {
        let text = serde_json::to_string_pretty(&found).map_err(std::io::Error::other)?;
        return writeln!(out, "{}", escape_json_controls(&text));
    }
    let mut out = StripControls::new(out);
    for hit in &found {
        let place = hit
            .paragraph
            .map(|p| trf("第 {} 段", "paragraph {}", &[&p]))
            .unwrap_or_default();
        writeln!(
            out,
            "{}　{place}　[{}..{}]",
            hit.heading, hit.start, hit.end
        )?;
        writeln!(out, "    {}", hit.context)?;
    }
    writeln!(out, "{}", trf("共 {} 处", "{} found", &[&found.len()]))?;
    out.flush()
}

/// The template `name_or_path` names: a file, or `NAME` in the data directory's templates.
fn find_template(
    store: &Store,
    name_or_path: &Path,
) -> Result<export::template::UserTemplate, CliError> {
    let dir = export::template::templates_dir(store.dir());
    let path = if name_or_path.is_file() {
        name_or_path.to_path_buf()
    } else {
        let (found, _) = export::template::list_templates(&dir);
        let wanted = name_or_path.to_string_lossy();
        match found.into_iter().find(|(n, _, _)| *n == wanted) {
            Some((_, _, p)) => p,
            None => {
                return Err(CliError::new(trf(
                    "找不到模板“{}”：既不是文件，也不在 {}（模板文件名如 卡片.md.jinja）",
                    "no template “{}”: it is neither a file nor in {} (templates are named like card.md.jinja)",
                    &[
                        &crate::fsutil::one_line(&wanted),
                        &crate::fsutil::shown_path(&dir),
                    ],
                )));
            }
        }
    };
    Ok(export::template::read_template(&path)?)
}

fn export_notes(args: ExportArgs, out: &mut dyn Write) -> Result<(), CliError> {
    let ctx = NotesContext::open(args.file.as_deref())?;
    let doc = &ctx.source.document;
    let scope = match args.section {
        Some(n) => {
            if n == 0 || n > doc.sections.len() {
                return Err(CliError::new(trf(
                    "没有第 {} 节：这篇文档共有 {} 个标题",
                    "there is no section {}: the document has {} headings",
                    &[&n, &doc.sections.len()],
                )));
            }
            export::Scope::Section(n - 1)
        }
        None => export::Scope::All,
    };
    let mut colors = Vec::new();
    for c in &args.colors {
        let entry = ctx.palette.resolve(c).ok_or_else(|| {
            CliError::new(trf(
                "没有名为“{}”的颜色",
                "there is no colour named “{}”",
                &[c],
            ))
        })?;
        colors.push(entry.key.clone());
    }
    let template = match &args.template {
        Some(t) => Some(find_template(&ctx.store, t)?),
        None => None,
    };
    let format = match (&template, args.format) {
        (Some(t), Some(f)) if f != t.format => {
            return Err(CliError::new(trf(
                "模板“{}”生成 {} 文件，与 --format {} 不符",
                "the template “{}” makes {} files, not the --format {} asked for",
                &[&t.name, &t.format.extension(), &f.extension()],
            )));
        }
        (Some(t), _) => t.format,
        (None, Some(f)) => f,
        (None, None) => {
            return Err(CliError::new(tr(
                "请用 --format 指定格式，或用 --template 指定模板",
                "give a format with --format, or a template with --template",
            )));
        }
    };
    if args.annotated && (template.is_some() || !format.supports_annotated_copy()) {
        return Err(CliError::new(tr(
            "--annotated 只适用于 md、html、docx 和 pdf 格式（不用模板时）",
            "--annotated works with md, html, docx and pdf only (without a template)",
        )));
    }
    let options = export::Options {
        template,
        format,
        scope,
        tags: notes::normalize_tags(args.tags),
        colors,
        include_quotes: !args.no_quotes,
        include_headings: !args.no_headings,
        annotated_copy: args.annotated,
        labels: args.labels,
    };
    let name = ctx.source.display_name();
    let generated = notes::now_rfc3339();
    let author = args.author.clone().or_else(export::login_name);
    let e = export::Export {
        author: author.as_deref(),
        ..export::Export::new(
            doc,
            &ctx.info,
            &name,
            &ctx.palette,
            export::select_notes(doc, ctx.book.notes(), &options),
            &generated,
        )
    };
    match &args.out {
        Some(path) => {
            export::write_to_path(&e, &options, path)
                .map_err(|err| CliError::new(err.to_string()))?;
            eprintln!(
                "{}",
                crate::i18n::trn(
                    "已导出 {} 条笔记：{}",
                    "{} note exported: {}",
                    "{} notes exported: {}",
                    e.notes.len(),
                    &[&e.notes.len(), &crate::fsutil::shown_path(path)],
                )
            );
            Ok(())
        }
        None if format.is_binary() => Err(CliError::new(tr(
            "Word 和 PDF 是二进制格式，请用 --out 指定保存的文件",
            "Word and PDF are binary formats: name the file to write with --out",
        ))),
        None => {
            // What reaches a terminal loses its control characters (a note's `ESC ] 0 ;`
            // would retitle it), as `notes` and `outline` do; JSON keeps them as escapes.
            let mut safe = if format == Format::Json {
                StripControls::for_json(out)
            } else {
                StripControls::new(out)
            };
            let written = export::write(&e, &options, &mut safe).and_then(|()| {
                safe.flush().map_err(|err| {
                    export::ExportError::io(crate::i18n::tr("（输出）", "(output)"), &err)
                })
            });
            written.map_err(|err| match err {
                export::ExportError::Write { reason, .. } if reason.contains("Broken pipe") => {
                    CliError {
                        message: String::new(),
                        code: 0,
                    }
                }
                other => CliError::new(other.to_string()),
            })
        }
    }
}

fn import_notes(
    path: &Path,
    file: Option<&Path>,
    yes: bool,
    revive: bool,
) -> Result<String, CliError> {
    let started = std::time::Instant::now();
    let imported = export::read_import(path).map_err(|e| {
        CliError::new(trf(
            "{}；笔记没有任何改动",
            "{}; the notes are unchanged",
            &[&e],
        ))
    })?;
    log::info!(
        "import: {} annotations read in {:.0} ms",
        imported.notes.len(),
        started.elapsed().as_secs_f64() * 1e3
    );
    // The same Notebook operations as the window's import, without the window's state.
    let mut ctx = NotesContext::open(file)?;
    let doc = &ctx.source.document;
    if crate::app::written_for_another_document(&imported, &ctx.info, doc) && !yes {
        return Err(CliError::new(match imported.title.as_deref() {
            Some(title) => trf(
                "这些笔记是为《{}》写的，不是当前文档；确认要导入请加 --yes",
                "these notes were written for “{}”, not for this document; add --yes to import them anyway",
                &[&title],
            ),
            None => tr(
                "这些笔记没有注明写于哪篇文档；确认要导入到当前文档请加 --yes",
                "these notes do not say which document they were written for; add --yes to import them here",
            )
            .to_owned(),
        }));
    }
    let merged = std::time::Instant::now();
    let (step, report) = ctx.book.plan_import(doc, imported.notes, revive);
    if !step.is_empty() {
        let now = notes::now_rfc3339();
        ctx.book.apply(&ctx.source.document, step, &now);
    }
    log::info!(
        "import: merged in {:.0} ms",
        merged.elapsed().as_secs_f64() * 1e3
    );
    let saved = std::time::Instant::now();
    if report.added + report.updated > 0 {
        ctx.save().map_err(|e| {
            CliError::new(trf(
                "{}；导入的笔记没有保存，原有笔记没有改动",
                "{}; the imported notes were not saved and the notes are unchanged",
                &[&e.message],
            ))
        })?;
    }
    log::info!(
        "import: saved in {:.0} ms",
        saved.elapsed().as_secs_f64() * 1e3
    );
    let mut text = trf(
        "已导入：新增 {} 条，更新 {} 条，{} 条已存在",
        "imported: {} added, {} updated, {} already there",
        &[&report.added, &report.updated, &report.unchanged],
    );
    if report.skipped_deleted > 0 {
        text.push_str(&crate::i18n::trn(
            "；跳过 {} 条已删除的笔记（加 --revive 可恢复）",
            "; {} deleted note skipped (--revive brings it back)",
            "; {} deleted notes skipped (--revive brings them back)",
            report.skipped_deleted,
            &[&report.skipped_deleted],
        ));
    }
    if report.unanchored > 0 {
        text.push_str(&trf(
            "；{} 条找不到原文（未定位）",
            "; {} whose passages are not in the text (not located)",
            &[&report.unanchored],
        ));
    }
    Ok(text)
}

/// `jingdu install-desktop [--uninstall]`: the user's menu entry for this binary.
fn install_desktop(uninstall: bool) -> Result<String, CliError> {
    if !cfg!(all(unix, not(target_os = "macos"))) {
        return Err(CliError::new(tr(
            "install-desktop 只适用于 Linux 等使用 freedesktop 菜单的系统",
            "install-desktop is for Linux and other systems with freedesktop menus",
        )));
    }
    let data_home = directories::BaseDirs::new()
        .map(|d| d.data_dir().to_path_buf())
        .ok_or_else(|| {
            CliError::new(tr(
                "找不到用户的数据目录（~/.local/share）",
                "the user's data folder (~/.local/share) cannot be found",
            ))
        })?;
    let describe = |e: std::io::Error| CliError::new(crate::fsutil::describe_io_error(&e));
    let (done, verb) = if uninstall {
        (
            crate::desktop::uninstall_user(&data_home).map_err(describe)?,
            tr("已删除", "Removed"),
        )
    } else {
        let exe = std::env::current_exe()
            .and_then(|p| p.canonicalize())
            .map_err(|e| {
                CliError::new(trf(
                    "找不到正在运行的程序：{}",
                    "the running program cannot be found: {}",
                    &[&e],
                ))
            })?;
        (
            crate::desktop::install_user(&data_home, &exe).map_err(describe)?,
            tr("已安装", "Installed"),
        )
    };
    let mut text = trf(
        "{} {} 个文件（{}）",
        "{} {} files ({})",
        &[
            &verb,
            &done.files.len(),
            &crate::fsutil::shown_path(&data_home),
        ],
    );
    if !done.refreshed.is_empty() {
        text.push_str(&trf(
            "；已刷新：{}",
            "; refreshed: {}",
            &[&done.refreshed.join(tr("、", ", "))],
        ));
    }
    Ok(text)
}

/// Prints an error the way every command does and returns its exit code.
pub fn report(err: &CliError) -> ExitCode {
    if !err.message.is_empty() {
        // One line whatever a path or a document holds: newlines and escapes are escaped.
        eprintln!("jingdu: {}", crate::fsutil::one_line(&err.message));
    }
    ExitCode::from(err.code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_match_source_or_display_punctuation() {
        let body = "以政治建设为统领,强化基层";
        assert_eq!(find_quote(body, "统领,强化"), Some(6..11));
        assert_eq!(find_quote(body, "统领，强化"), Some(6..11));
        assert_eq!(find_quote(body, "不存在"), None);
        assert_eq!(find_quote(body, "  "), None);
    }

    #[test]
    fn cli_parses_the_documented_forms() {
        let cli = Cli::try_parse_from(["jingdu", "a.txt"]).unwrap();
        assert_eq!(cli.file.as_deref(), Some(Path::new("a.txt")));
        let cli = Cli::try_parse_from(["jingdu", "outline", "--json"]).unwrap();
        assert!(matches!(
            cli.command,
            Some(Command::Outline {
                json: true,
                file: None
            })
        ));
        let cli = Cli::try_parse_from([
            "jingdu",
            "note",
            "add",
            "x.txt",
            "--paragraph",
            "3",
            "--text",
            "笔记",
            "--tag",
            "a",
            "--tag",
            "b",
        ])
        .unwrap();
        match cli.command {
            Some(Command::Note(NoteCommand::Add(a))) => {
                assert_eq!(a.paragraph, Some(3));
                assert_eq!(a.tags, vec!["a", "b"]);
                assert_eq!(a.file.as_deref(), Some(Path::new("x.txt")));
            }
            other => panic!("{other:?}"),
        }
        assert!(
            Cli::try_parse_from([
                "jingdu",
                "note",
                "add",
                "--section",
                "1",
                "--paragraph",
                "2",
                "--text",
                "x"
            ])
            .is_err()
        );
    }
}

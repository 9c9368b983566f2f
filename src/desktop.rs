//! jingdu as a desktop application: the menu entry, icons and AppStream metadata (shipped in
//! the `.deb`, or put under `~/.local/share` by `jingdu install-desktop` for a `cargo install`
//! user), the man page and shell completions generated from the command line's definition,
//! the arguments a file manager passes (`file://` and `jingdu://` URIs), and where the notes
//! live.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// The desktop entry as shipped (`Exec=jingdu %u`).
pub const DESKTOP_ENTRY: &str = include_str!("../assets/jingdu.desktop");
/// The AppStream metainfo.
pub const METAINFO: &str = include_str!("../assets/io.github.jingdu.jingdu.metainfo.xml");
/// The metainfo's file name (its component id).
pub const METAINFO_NAME: &str = "io.github.jingdu.jingdu.metainfo.xml";
/// The scalable icon.
pub const ICON_SVG: &str = include_str!("../assets/jingdu.svg");
/// The raster icons of the hicolor theme, by size in pixels.
pub const ICON_PNGS: [(u32, &[u8]); 7] = [
    (16, include_bytes!("../assets/icons/jingdu-16.png")),
    (32, include_bytes!("../assets/icons/jingdu-32.png")),
    (48, include_bytes!("../assets/icons/jingdu-48.png")),
    (64, include_bytes!("../assets/icons/jingdu-64.png")),
    (128, include_bytes!("../assets/icons/jingdu-128.png")),
    (256, include_bytes!("../assets/icons/jingdu-256.png")),
    (512, include_bytes!("../assets/icons/jingdu-512.png")),
];
/// The fonts' licence.
pub const FONT_LICENSE: &str = include_str!("../fonts/OFL.txt");
/// The program's version and the commit it was built from.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
/// The git revision of the build ("unknown" outside a checkout).
pub const REVISION: &str = env!("JINGDU_GIT_REVISION");
/// The program's licence.
pub const LICENSE: &str = env!("CARGO_PKG_LICENSE");

/// What the window opens: a document (the built-in article when `file` is `None`) and a
/// note to select in it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WindowTarget {
    /// The file.
    pub file: Option<PathBuf>,
    /// The note to select (from a `jingdu://open?…&note=` link).
    pub note: Option<String>,
}

/// What a command-line argument names: a path, a `file://` URI (what file managers pass
/// through `%u`), or a `jingdu://open` link (the scheme jingdu registers, which exported notes
/// link back with): `?doc=<id>&note=<id>` is looked up in the notes `store` — the document's
/// path when its notes were last saved — and `?file=<absolute path>` names the file.
pub fn window_target(
    arg: &Path,
    store: Option<&crate::notes::Store>,
) -> Result<WindowTarget, String> {
    let Some(text) = arg.to_str() else {
        return Ok(WindowTarget {
            file: Some(arg.to_path_buf()),
            note: None,
        });
    };
    let lower = text.get(..9).unwrap_or(text).to_ascii_lowercase();
    let shown = crate::fsutil::one_line(text);
    if lower.starts_with("file:") {
        let url = url::Url::parse(text).map_err(|_| {
            crate::i18n::trf(
                "无法识别的链接：{}",
                "not a link jingdu knows: {}",
                &[&shown],
            )
        })?;
        let path = url.to_file_path().map_err(|()| {
            crate::i18n::trf(
                "不是本机文件的链接：{}",
                "not a link to a file on this computer: {}",
                &[&shown],
            )
        })?;
        return Ok(WindowTarget {
            file: Some(path),
            note: None,
        });
    }
    if !lower.starts_with("jingdu:") {
        return Ok(WindowTarget {
            file: Some(arg.to_path_buf()),
            note: None,
        });
    }
    use crate::links::OpenLink;
    match crate::links::parse_open_link(text)
        .map_err(|e| crate::fsutil::one_line(&e.to_string()))?
    {
        OpenLink::File { path, note } => Ok(WindowTarget {
            file: Some(path),
            note,
        }),
        OpenLink::Document { doc, note } if doc == crate::document::BUILTIN_ID => {
            Ok(WindowTarget { file: None, note })
        }
        OpenLink::Document { doc, note } => {
            let store = store.ok_or_else(|| {
                crate::i18n::tr(
                    "无法读取笔记库，找不到链接所指的文章",
                    "the notes store cannot be read, so the article the link names cannot be found",
                )
                .to_owned()
            })?;
            let info = store
                .document(&doc)
                .map_err(|e| crate::fsutil::one_line(&e.to_string()))?
                .ok_or_else(|| {
                    crate::i18n::trf(
                        "笔记库里没有这篇文章（doc={}）：笔记可能是在另一台电脑上导出的，或已被删除",
                        "the notes store has no such article (doc={}): the notes may have been exported on another computer, or deleted",
                        &[&doc],
                    )
                })?;
            let path = info.path.map(PathBuf::from).ok_or_else(|| {
                crate::i18n::trf(
                    "笔记库没有记下这篇文章的位置（doc={}）",
                    "the notes store does not know where this article is (doc={})",
                    &[&doc],
                )
            })?;
            if !path.exists() {
                return Err(crate::i18n::trf(
                    "文章已不在原处：{}（移动或删除了？直接打开它的新位置，笔记会按内容找回）",
                    "the article is not where it was: {} (moved or deleted? open it where it is now and the notes find it by its text)",
                    &[&crate::fsutil::shown_path(&path)],
                ));
            }
            Ok(WindowTarget {
                file: Some(path),
                note,
            })
        }
    }
}

/// The `jingdu://` link that opens `path` (absolute).
pub fn open_link(path: &Path) -> String {
    let mut url = url::Url::parse("jingdu://open").expect("a valid constant URL");
    url.query_pairs_mut()
        .append_pair("file", &path.to_string_lossy());
    url.to_string()
}

/// Writes the man page (roff) for `command`: one page with every subcommand and its options,
/// the exit codes and the environment.
pub fn write_man_page(command: clap::Command, out: &mut dyn Write) -> io::Result<()> {
    use clap_mangen::roff::{Roff, bold, italic, roman};
    let man = clap_mangen::Man::new(command.clone()).date("2026-11-29");
    man.render_title(out)?;
    man.render_name_section(out)?;
    man.render_synopsis_section(out)?;
    man.render_description_section(out)?;
    man.render_options_section(out)?;
    let mut page = Roff::new();
    page.control("SH", ["COMMANDS"]);
    for sub in command.get_subcommands() {
        let mut path = vec![sub];
        let mut nested: Vec<Vec<&clap::Command>> = Vec::new();
        if sub.has_subcommands() {
            for inner in sub.get_subcommands() {
                path.push(inner);
                nested.push(path.clone());
                path.pop();
            }
        } else {
            nested.push(path);
        }
        for chain in nested {
            let name = chain
                .iter()
                .map(|c| c.get_name())
                .collect::<Vec<_>>()
                .join(" ");
            let last = chain[chain.len() - 1];
            page.control("SS", [format!("jingdu {name}").as_str()]);
            if let Some(about) = last.get_about() {
                page.text([roman(about.to_string())]);
            }
            for arg in last.get_arguments() {
                let id = arg.get_id().as_str();
                if id == "help" || id == "version" {
                    continue;
                }
                let value = arg
                    .get_value_names()
                    .and_then(|v| v.first())
                    .map(|v| v.to_string())
                    .unwrap_or_else(|| id.to_uppercase());
                page.control("TP", []);
                match arg.get_long() {
                    Some(long) if arg.get_action().takes_values() => {
                        page.text([bold(format!("--{long}")), roman(" "), italic(value)])
                    }
                    Some(long) => page.text([bold(format!("--{long}"))]),
                    None => page.text([italic(format!("[{value}]"))]),
                };
                if let Some(help) = arg.get_help() {
                    page.text([roman(help.to_string())]);
                }
            }
        }
    }
    page.control("SH", ["EXIT STATUS"])
        .control("TP", [])
        .text([bold("0")])
        .text([roman("success (成功)")])
        .control("TP", [])
        .text([bold("1")])
        .text([roman(
            "the command failed: a note not found, a file that cannot be written, an import refused; nothing was changed (命令失败，笔记没有改动)",
        )])
        .control("TP", [])
        .text([bold("2")])
        .text([roman(
            "the document or the arguments could not be used: not found, not text, too large (文档或参数无法使用)",
        )])
        .control("SH", ["ENVIRONMENT"])
        .control("TP", [])
        .text([bold("JINGDU_DATA_DIR")])
        .text([roman(
            "where notes and settings live instead of the platform's data directory (~/.local/share/jingdu on Linux). Copy that folder to back the notes up; set this variable to move them. (笔记与设置的存放目录)",
        )])
        .control("TP", [])
        .text([bold("RUST_LOG")])
        .text([roman(
            "log detail on standard error: warn (default), info (timings of opening, import and export), debug (日志详细程度)",
        )])
        .control("SH", ["FILES"])
        .control("TP", [])
        .text([bold("~/.local/share/jingdu/notes/")])
        .text([roman(
            "one JSON file of notes per document, with a .bak of the previous version (每篇文档一个笔记文件)",
        )]);
    page.to_writer(out)?;
    man.render_version_section(out)
}

/// Writes the completion script of `shell` for `command`.
pub fn write_completions(
    shell: clap_complete::Shell,
    mut command: clap::Command,
    out: &mut dyn Write,
) {
    clap_complete::generate(shell, &mut command, "jingdu", out);
}

/// What `install-desktop` put in place or removed.
#[derive(Debug, Default)]
pub struct Installed {
    /// Files written or removed.
    pub files: Vec<PathBuf>,
    /// Caches refreshed (the tools that ran).
    pub refreshed: Vec<&'static str>,
}

/// The files a user install consists of, under `data_home` (`~/.local/share`).
fn user_install_paths(data_home: &Path) -> Vec<PathBuf> {
    let mut paths = vec![
        data_home.join("applications").join("jingdu.desktop"),
        data_home.join("metainfo").join(METAINFO_NAME),
        data_home.join("icons/hicolor/scalable/apps/jingdu.svg"),
    ];
    for (size, _) in ICON_PNGS {
        paths.push(data_home.join(format!("icons/hicolor/{size}x{size}/apps/jingdu.png")));
    }
    paths
}

/// The desktop entry of a user install: it starts `exe` by its full path, so a binary in
/// `~/.cargo/bin` works even where that folder is not on the menu's search path.
pub fn user_desktop_entry(exe: &Path) -> String {
    let exe = exe.to_string_lossy();
    // Exec quoting (Desktop Entry spec): double quotes, with `"`, `` ` ``, `$` and `\` escaped,
    // only where the path needs them — xdg-open's own launcher (no desktop environment) cannot
    // run a quoted program path.
    let plain = exe
        .chars()
        .all(|c| c.is_alphanumeric() || "/._-+".contains(c));
    let quoted = if plain {
        exe.clone().into_owned()
    } else {
        let mut quoted = String::from("\"");
        for c in exe.chars() {
            if matches!(c, '"' | '`' | '$' | '\\') {
                quoted.push('\\');
            }
            quoted.push(c);
        }
        quoted.push('"');
        quoted
    };
    DESKTOP_ENTRY
        .lines()
        .map(|l| match l {
            "Exec=jingdu %u" => format!("Exec={quoted} %u"),
            "TryExec=jingdu" => format!("TryExec={exe}"),
            other => other.to_owned(),
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

/// Installs the menu entry, icons and metainfo under `data_home` for the binary `exe`, then
/// refreshes the desktop database and icon cache where those tools exist.
pub fn install_user(data_home: &Path, exe: &Path) -> io::Result<Installed> {
    let mut installed = Installed::default();
    let paths = user_install_paths(data_home);
    let mut contents: Vec<Vec<u8>> = vec![
        user_desktop_entry(exe).into_bytes(),
        METAINFO.as_bytes().to_vec(),
        ICON_SVG.as_bytes().to_vec(),
    ];
    contents.extend(ICON_PNGS.iter().map(|(_, png)| png.to_vec()));
    for (path, bytes) in paths.iter().zip(contents) {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        crate::fsutil::write_atomic(path, &bytes)?;
        installed.files.push(path.clone());
    }
    installed.refreshed = refresh_caches(data_home);
    Ok(installed)
}

/// Removes what [`install_user`] put under `data_home` (and nothing else).
pub fn uninstall_user(data_home: &Path) -> io::Result<Installed> {
    let mut removed = Installed::default();
    for path in user_install_paths(data_home) {
        match std::fs::remove_file(&path) {
            Ok(()) => removed.files.push(path),
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(e),
        }
    }
    removed.refreshed = refresh_caches(data_home);
    Ok(removed)
}

/// Runs the cache tools that exist; a missing tool is not an error (the menu rescans later).
fn refresh_caches(data_home: &Path) -> Vec<&'static str> {
    let mut ran = Vec::new();
    let tools: [(&'static str, Vec<PathBuf>); 2] = [
        (
            "update-desktop-database",
            vec![data_home.join("applications")],
        ),
        (
            "gtk-update-icon-cache",
            vec![
                PathBuf::from("-f"),
                PathBuf::from("-t"),
                data_home.join("icons/hicolor"),
            ],
        ),
    ];
    for (tool, args) in tools {
        let status = std::process::Command::new(tool)
            .args(&args)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status();
        if status.is_ok_and(|s| s.success()) {
            ran.push(tool);
        }
    }
    ran
}

/// Opens `folder` in the system's file manager.
pub fn open_folder(folder: &Path) -> io::Result<()> {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    std::process::Command::new(opener)
        .arg(folder)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map(drop)
}

/// Where notes live on each platform, said plainly (README, about box).
pub const DATA_DIR_BY_PLATFORM: &str = "Linux：~/.local/share/jingdu；Windows：%APPDATA%\\jingdu\\data；macOS：~/Library/Application Support/jingdu";

#[cfg(test)]
mod tests {
    use super::*;

    fn file_of(arg: &str) -> Result<Option<PathBuf>, String> {
        window_target(Path::new(arg), None).map(|t| t.file)
    }

    #[test]
    fn file_uris_and_jingdu_links_name_a_path() {
        assert_eq!(
            file_of("file:///home/%E8%AF%BB/a%20b.txt").unwrap(),
            Some(PathBuf::from("/home/读/a b.txt"))
        );
        assert_eq!(
            file_of("文章.txt").unwrap(),
            Some(PathBuf::from("文章.txt"))
        );
        let link = open_link(Path::new("/home/读者/文章 一.txt"));
        assert!(link.starts_with("jingdu://open?file="), "{link}");
        assert_eq!(
            file_of(&link).unwrap(),
            Some(PathBuf::from("/home/读者/文章 一.txt"))
        );
        for bad in [
            "jingdu://delete?file=/a",
            "jingdu://open?file=relative.txt",
            "jingdu://open",
            "file://remote-host/a.txt",
        ] {
            let e = file_of(bad).unwrap_err();
            assert!(!e.contains('\n'), "{e}");
        }
    }

    #[test]
    fn note_links_open_the_document_the_store_knows() {
        use crate::document::{Origin, Source};
        use crate::notes::{DocInfo, Store};
        let dir = tempfile::tempdir().unwrap();
        let store = Store::at(dir.path().join("data"));
        let file = dir.path().join("文章.txt");
        std::fs::write(&file, "标题\n\n一段正文。\n").unwrap();
        let source = Source::from_text(Origin::File(file.clone()), "标题\n\n一段正文。\n");
        let info = DocInfo::for_source(&source);
        store.save(&info, &[], &[], 0).unwrap();
        let link = crate::links::note_link(&info.id, "n-1");
        let target = window_target(Path::new(&link), Some(&store)).unwrap();
        assert_eq!(target.note.as_deref(), Some("n-1"));
        assert_eq!(
            target.file.map(|f| std::fs::canonicalize(f).unwrap()),
            Some(std::fs::canonicalize(&file).unwrap())
        );
        // The built-in article needs no store.
        let builtin = crate::links::note_link(crate::document::BUILTIN_ID, "n-2");
        assert_eq!(
            window_target(Path::new(&builtin), None).unwrap(),
            WindowTarget {
                file: None,
                note: Some("n-2".into())
            }
        );
        // A document the store does not know, and one that moved away, say so.
        let unknown = crate::links::note_link("file-0000000000000000", "n-3");
        let e = window_target(Path::new(&unknown), Some(&store)).unwrap_err();
        assert!(e.contains("笔记库里没有这篇文章"), "{e}");
        std::fs::remove_file(&file).unwrap();
        let e = window_target(Path::new(&link), Some(&store)).unwrap_err();
        assert!(e.contains("文章已不在原处"), "{e}");
    }

    #[test]
    fn the_user_entry_runs_this_binary_by_its_full_path() {
        let entry = user_desktop_entry(Path::new("/home/a b/.cargo/bin/jingdu"));
        assert!(
            entry.contains("\nExec=\"/home/a b/.cargo/bin/jingdu\" %u\n"),
            "{entry}"
        );
        assert!(entry.contains("\nTryExec=/home/a b/.cargo/bin/jingdu\n"));
        let plain = user_desktop_entry(Path::new("/home/读者/.cargo/bin/jingdu"));
        assert!(
            plain.contains("\nExec=/home/读者/.cargo/bin/jingdu %u\n"),
            "{plain}"
        );
        assert!(entry.contains("MimeType=text/plain;"));
    }

    #[test]
    fn install_and_uninstall_leave_nothing_behind() {
        let home = tempfile::tempdir().unwrap();
        let exe = Path::new("/usr/local/bin/jingdu");
        let installed = install_user(home.path(), exe).unwrap();
        assert_eq!(installed.files.len(), 3 + ICON_PNGS.len());
        for f in &installed.files {
            assert!(f.is_file(), "{f:?}");
        }
        let removed = uninstall_user(home.path()).unwrap();
        assert_eq!(removed.files, installed.files);
        let left: Vec<_> = walk(home.path())
            .into_iter()
            .filter(|p| p.is_file())
            .collect();
        let caches_only = left.iter().all(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            name == "mimeinfo.cache" || name == "icon-theme.cache"
        });
        assert!(caches_only, "left behind: {left:?}");
    }

    fn walk(dir: &Path) -> Vec<PathBuf> {
        let mut out = Vec::new();
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                out.extend(walk(&p));
            }
            out.push(p);
        }
        out
    }

    /// The man page and completions the `.deb` ships are what this build generates; after a
    /// change to the command line, `JINGDU_BLESS=1 cargo test generated_files` rewrites them.
    #[test]
    fn generated_files_are_up_to_date() {
        use clap::CommandFactory;
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/generated");
        let mut expected: Vec<(&str, Vec<u8>)> = Vec::new();
        let mut man = Vec::new();
        write_man_page(crate::cli::Cli::command(), &mut man).unwrap();
        expected.push(("jingdu.1", man));
        for (shell, name) in [
            (clap_complete::Shell::Bash, "jingdu.bash"),
            (clap_complete::Shell::Zsh, "_jingdu"),
            (clap_complete::Shell::Fish, "jingdu.fish"),
        ] {
            let mut script = Vec::new();
            write_completions(shell, crate::cli::Cli::command(), &mut script);
            expected.push((name, script));
        }
        let bless = std::env::var_os("JINGDU_BLESS").is_some();
        for (name, bytes) in expected {
            let path = dir.join(name);
            if bless {
                std::fs::write(&path, &bytes).unwrap();
            }
            assert!(
                std::fs::read(&path).unwrap() == bytes,
                "{name} is stale: run JINGDU_BLESS=1 cargo test generated_files"
            );
        }
    }

    #[test]
    fn the_icons_are_the_sizes_they_claim() {
        for (size, png) in ICON_PNGS {
            // PNG header: width and height as big-endian u32 at bytes 16 and 20.
            let w = u32::from_be_bytes(png[16..20].try_into().unwrap());
            let h = u32::from_be_bytes(png[20..24].try_into().unwrap());
            assert_eq!((w, h), (size, size));
        }
    }
}

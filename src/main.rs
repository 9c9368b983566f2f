//! The jingdu binary: parse the command line, then open the window or run a headless command.

use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::rc::Rc;
use std::thread::JoinHandle;
use std::time::Instant;

use clap::Parser;
use jingdu::cli::{self, Cli};
use jingdu::notes::Store;
use jingdu::ui::JingduApp;

fn main() -> ExitCode {
    let started = std::time::Instant::now();
    // Our own warnings by default; the libraries' only when they fail (html5ever warns about
    // every broken table a web page has) or when RUST_LOG asks for more. eframe's run loop
    // logs the error it returns, which `open_window` says once, in the user's language.
    let logger = env_logger::Builder::from_env(
        env_logger::Env::default()
            .default_filter_or("error,eframe::native::run=off,jingdu=warn,jingdu_core=warn"),
    )
    .build();
    let max_level = logger.filter().max(log::LevelFilter::Warn);
    // Counts glyph-atlas overflows for `bench-ui` and passes every record on.
    if log::set_boxed_logger(Box::new(jingdu::bench::CountingLogger(logger))).is_ok() {
        log::set_max_level(max_level);
    }
    // Messages, on the command line and in the window, in the system's language until the
    // window's settings say otherwise.
    jingdu::i18n::set_lang(jingdu::ui::system_language());
    let cli = Cli::parse();
    cli::choose_encoding(cli.encoding);
    match cli.command {
        Some(cli::Command::Open { link }) => open_window(Some(link), started),
        Some(command) => {
            let mut out = std::io::stdout().lock();
            match cli::run(command, &mut out) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => cli::report(&e),
            }
        }
        None => open_window(cli.file, started),
    }
}

fn open_window(file: Option<std::path::PathBuf>, started: std::time::Instant) -> ExitCode {
    let store = match Store::from_env() {
        Ok(s) => Some(s),
        Err(e) => {
            log::error!("{e}");
            None
        }
    };
    // A file manager passes file:// URIs (`Exec=jingdu %u`); links back from notes are jingdu://.
    let from_link = file
        .as_deref()
        .and_then(|f| f.to_str())
        .is_some_and(|f| f.to_ascii_lowercase().starts_with("jingdu:"));
    let target = match cli::window_target(file, store.as_ref()) {
        Ok(t) => t,
        Err(e) => {
            // A clicked link has no terminal to print to: say it in a dialog as well.
            if from_link {
                rfd::MessageDialog::new()
                    .set_level(rfd::MessageLevel::Error)
                    .set_title(jingdu::i18n::tr(
                        "精读：无法打开链接",
                        "jingdu: cannot open the link",
                    ))
                    .set_description(&e.message)
                    .set_buttons(rfd::MessageButtons::Ok)
                    .show();
            }
            return cli::report(&e);
        }
    };
    let started_without_file = target.file.is_none();
    // The document is read while the window and its renderer are made (on the 600 000-char
    // novel, 15 ms beside 70): the window's creator waits for it. eframe keeps a window hidden
    // until its first frame, so a document that cannot be read still ends with the command
    // line's message and no window.
    let reading = Rc::new(RefCell::new(Some(Reading::start(target.file.clone()))));
    // The title is the document's; the window is named for the app until the creator knows it.
    let mut viewport = egui::ViewportBuilder::default()
        .with_title(jingdu::ui::strings::APP_NAME)
        .with_app_id("jingdu")
        .with_inner_size([1280.0, 800.0])
        .with_min_inner_size([640.0, 400.0]);
    match eframe::icon_data::from_png_bytes(jingdu::ui::ICON_PNG) {
        Ok(icon) => viewport = viewport.with_icon(icon),
        Err(e) => log::warn!("app icon unreadable: {e}"),
    }
    let options = eframe::NativeOptions {
        viewport,
        persistence_path: jingdu::app::settings::storage_file_from_env(),
        ..Default::default()
    };
    let result = eframe::run_native(
        "jingdu",
        options,
        Box::new({
            let reading = Rc::clone(&reading);
            move |cc| {
                log::info!(
                    "window and renderer ready: {:.1} ms after start",
                    started.elapsed().as_secs_f64() * 1e3
                );
                let pending = reading.borrow_mut().take();
                let source = match pending.map(Reading::finish) {
                    Some(Ok(source)) => source,
                    Some(Err(e)) => {
                        // Put back for the report after the window closes.
                        *reading.borrow_mut() = Some(Reading::Done(Box::new(Err(e))));
                        return Err("the document could not be read".into());
                    }
                    None => return Err("the document was already taken".into()),
                };
                cc.egui_ctx.send_viewport_cmd(egui::ViewportCommand::Title(
                    JingduApp::window_title(&source),
                ));
                Ok(open_app(
                    cc,
                    source,
                    store,
                    started,
                    target,
                    started_without_file,
                ))
            }
        }),
    );
    // A document that could not be read says so, whether or not a window could be made.
    let pending = reading.borrow_mut().take();
    if let Some(Err(e)) = pending.map(Reading::finish) {
        return cli::report(&e);
    }
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!(
                "jingdu: {}",
                jingdu::i18n::trf("无法打开窗口：{}", "cannot open the window: {}", &[&e])
            );
            ExitCode::from(1)
        }
    }
}

/// The app on `source`, at the note a link named or where the reader last was.
fn open_app(
    cc: &eframe::CreationContext<'_>,
    source: jingdu::document::Source,
    store: Option<Store>,
    started: Instant,
    target: jingdu::desktop::WindowTarget,
    started_without_file: bool,
) -> Box<dyn eframe::App> {
    let mut app = JingduApp::new(cc, source, store, started);
    if let Some(note) = target.note {
        app.open_at_note(note);
    } else if started_without_file {
        app.reopen_last_read(&cc.egui_ctx);
    }
    Box::new(app)
}

/// The document being read on its own thread while the window is made.
enum Reading {
    /// Read on a thread.
    Thread(JoinHandle<Result<jingdu::document::Source, cli::CliError>>),
    /// Read already (no thread could be started).
    Done(Box<Result<jingdu::document::Source, cli::CliError>>),
}

impl Reading {
    fn start(file: Option<PathBuf>) -> Self {
        let spawned = std::thread::Builder::new()
            .name("jingdu-open".into())
            .spawn({
                let file = file.clone();
                move || read_document(file.as_deref())
            });
        match spawned {
            Ok(handle) => Reading::Thread(handle),
            Err(e) => {
                log::warn!("reading the document on the main thread: {e}");
                Reading::Done(Box::new(read_document(file.as_deref())))
            }
        }
    }

    fn finish(self) -> Result<jingdu::document::Source, cli::CliError> {
        match self {
            Reading::Done(result) => *result,
            Reading::Thread(handle) => handle.join().unwrap_or_else(|_| {
                Err(cli::CliError {
                    message: jingdu::i18n::tr(
                        "读取文档时出错（内部错误）",
                        "reading the document failed (an internal error)",
                    )
                    .to_string(),
                    code: 1,
                })
            }),
        }
    }
}

fn read_document(file: Option<&Path>) -> Result<jingdu::document::Source, cli::CliError> {
    let parse_started = Instant::now();
    let source = cli::open_source(file, false)?;
    log::info!(
        "document parse: {:.1} ms ({} paragraphs, {} chars)",
        parse_started.elapsed().as_secs_f64() * 1e3,
        source.document.paragraph_count(),
        source.document.paragraph_chars()
    );
    Ok(source)
}

//! The jingdu binary: parse the command line, then open the window or run a headless command.

use std::process::ExitCode;

use clap::Parser;
use jingdu::cli::{self, Cli};
use jingdu::notes::Store;
use jingdu::ui::JingduApp;

fn main() -> ExitCode {
    let started = std::time::Instant::now();
    // Our own warnings by default; the libraries' only when they fail (html5ever warns about
    // every broken table a web page has) or when RUST_LOG asks for more.
    let logger = env_logger::Builder::from_env(
        env_logger::Env::default().default_filter_or("error,jingdu=warn,jingdu_core=warn"),
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
    let parse_started = std::time::Instant::now();
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
    let source = match cli::open_source(target.file.as_deref(), false) {
        Ok(s) => s,
        Err(e) => return cli::report(&e),
    };
    log::info!(
        "document parse: {:.1} ms ({} paragraphs, {} chars)",
        parse_started.elapsed().as_secs_f64() * 1e3,
        source.document.paragraph_count(),
        source.document.paragraph_chars()
    );
    let title = JingduApp::window_title(&source);
    let mut viewport = egui::ViewportBuilder::default()
        .with_title(&title)
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
        Box::new(move |cc| {
            log::info!(
                "window and renderer ready: {:.1} ms after start",
                started.elapsed().as_secs_f64() * 1e3
            );
            let mut app = JingduApp::new(cc, source, store, started);
            if let Some(note) = target.note {
                app.open_at_note(note);
            } else if started_without_file {
                app.reopen_last_read(&cc.egui_ctx);
            }
            Ok(Box::new(app))
        }),
    );
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

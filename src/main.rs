//! The jingdu binary: parse the command line, then open the window or run a headless command.

use std::process::ExitCode;

use clap::Parser;
use jingdu::cli::{self, Cli};
use jingdu::document::Source;
use jingdu::notes::Store;
use jingdu::ui::JingduApp;

fn main() -> ExitCode {
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("warn")).init();
    let cli = Cli::parse();
    match cli.command {
        Some(command) => {
            let mut out = std::io::stdout().lock();
            match cli::run(command, &mut out) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => cli::report(&e),
            }
        }
        None => open_window(cli.file),
    }
}

fn open_window(file: Option<std::path::PathBuf>) -> ExitCode {
    let started = std::time::Instant::now();
    let source = match Source::open_or_builtin(file.as_deref()) {
        Ok(s) => s,
        Err(e) => return cli::report(&e.into()),
    };
    log::info!(
        "document parse: {:.1} ms ({} paragraphs)",
        started.elapsed().as_secs_f64() * 1e3,
        source.document.paragraph_count()
    );
    let store = match Store::from_env() {
        Ok(s) => Some(s),
        Err(e) => {
            log::error!("{e}");
            None
        }
    };
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
        ..Default::default()
    };
    let result = eframe::run_native(
        "jingdu",
        options,
        Box::new(move |cc| Ok(Box::new(JingduApp::new(cc, source, store)))),
    );
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("jingdu: 无法打开窗口：{e}");
            ExitCode::from(1)
        }
    }
}

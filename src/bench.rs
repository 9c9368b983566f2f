//! `jingdu bench-ui`: the real app UI without a window, timed frame by frame.
//!
//! Each frame runs the egui pass and tessellates its shapes — the CPU work a frame costs
//! before the GPU sees it — at 1280×800 logical pixels, with the app's fonts, panels and
//! settings. It measures the first frame, scrolling through the document a screen at a time
//! (by PageDown, as a reader does), a jump from the outline to the last heading, and a
//! font-size change, and counts glyph-atlas overflows.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use crate::app::{Action, AppState, Settings};
use crate::document::Source;
use crate::notes::Store;
use crate::ui::JingduApp;

/// Times epaint logged "texture atlas overflowed" (see [`CountingLogger`]).
pub static ATLAS_OVERFLOWS: AtomicUsize = AtomicUsize::new(0);

/// A logger that counts atlas overflows and passes everything to another logger.
pub struct CountingLogger<L: log::Log>(pub L);

impl<L: log::Log> log::Log for CountingLogger<L> {
    fn enabled(&self, metadata: &log::Metadata<'_>) -> bool {
        metadata.level() <= log::Level::Warn || self.0.enabled(metadata)
    }

    fn log(&self, record: &log::Record<'_>) {
        if record.level() <= log::Level::Warn
            && record.args().to_string().contains("atlas overflowed")
        {
            ATLAS_OVERFLOWS.fetch_add(1, Ordering::Relaxed);
        }
        if self.0.enabled(record.metadata()) {
            self.0.log(record);
        }
    }

    fn flush(&self) {
        self.0.flush();
    }
}

/// What `bench-ui --json` prints.
#[derive(Clone, Debug, serde::Serialize)]
pub struct BenchReport {
    /// Body characters of the document.
    pub chars: usize,
    /// Body paragraphs.
    pub paragraphs: usize,
    /// Scrolling frames measured.
    pub frames: usize,
    /// The first frame (fonts, first layout).
    pub first_frame_ms: f64,
    /// Median scrolling frame.
    pub median_ms: f64,
    /// 95th percentile scrolling frame.
    pub p95_ms: f64,
    /// Slowest scrolling frame.
    pub max_ms: f64,
    /// The frame that jumps to the last heading.
    pub jump_ms: f64,
    /// The frame after the font size changed.
    pub resize_ms: f64,
    /// Glyph-atlas overflows logged during the run.
    pub atlas_overflows: usize,
}

/// A headless app and its egui context.
pub struct Headless {
    ctx: egui::Context,
    /// The app.
    pub app: JingduApp,
    time: f64,
    data_dir: std::path::PathBuf,
    /// Side of the font texture the "renderer" allows (2048, as the most portable GPUs do).
    pub max_texture_side: usize,
}

/// Size of the benchmark window in logical pixels.
pub const SIZE: egui::Vec2 = egui::vec2(1280.0, 800.0);

impl Headless {
    /// The app on `source`, with notes in a fresh temporary data directory.
    pub fn new(source: Source, settings: Settings) -> Self {
        let data_dir =
            std::env::temp_dir().join(format!("jingdu-bench-{}-{}", std::process::id(), unique()));
        let ctx = egui::Context::default();
        let state = AppState::new(
            source,
            Some(Store::at(&data_dir)),
            settings,
            Box::new(crate::notes::now_rfc3339),
        );
        let app = JingduApp::with_state(&ctx, state, Instant::now());
        Headless {
            ctx,
            app,
            time: 0.0,
            data_dir,
            max_texture_side: 2048,
        }
    }

    /// Runs one frame with `events`; returns its CPU time in milliseconds.
    pub fn frame(&mut self, events: Vec<egui::Event>) -> f64 {
        self.time += 1.0 / 60.0;
        let input = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, SIZE)),
            max_texture_side: Some(self.max_texture_side),
            time: Some(self.time),
            focused: true,
            events,
            ..Default::default()
        };
        let started = Instant::now();
        let app = &mut self.app;
        let mut output = self.ctx.run_ui(input, |ui| app.frame_ui(ui));
        let shapes = std::mem::take(&mut output.shapes);
        let primitives = self.ctx.tessellate(shapes, output.pixels_per_point);
        // No renderer takes the font-atlas updates here.
        output.drop_without_applying_deltas();
        let ms = started.elapsed().as_secs_f64() * 1e3;
        std::hint::black_box(primitives);
        ms
    }

    /// Sets egui's zoom factor (pixels per point), as a HiDPI screen or Ctrl++ in egui would.
    pub fn set_zoom(&self, zoom: f32) {
        self.ctx.set_zoom_factor(zoom);
    }

    /// Applies an action the way the app does after a frame.
    pub fn apply(&mut self, action: Action) {
        let ctx = self.ctx.clone();
        self.app.apply(&ctx, action);
    }

    /// Whether the reader shows the end of the document.
    pub fn at_end(&self) -> bool {
        let doc = &self.app.state.source.document;
        let last = doc.blocks.len().saturating_sub(1);
        self.app
            .state
            .view
            .focus_block
            .is_some_and(|b| b + 3 >= last)
            || self
                .app
                .state
                .view
                .position
                .block
                .is_some_and(|b| b + 3 >= last)
    }
}

impl Drop for Headless {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.data_dir);
    }
}

fn unique() -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u64(0);
    h.finish()
}

/// The events of pressing and releasing `key`.
pub fn key(key: egui::Key) -> Vec<egui::Event> {
    let ev = |pressed| egui::Event::Key {
        key,
        physical_key: None,
        pressed,
        repeat: false,
        modifiers: egui::Modifiers::NONE,
    };
    vec![ev(true), ev(false)]
}

/// Most scrolling frames measured by default (a million characters at 28 pt take ~2700).
const MAX_FRAMES: usize = 6000;
/// Fewest scrolling frames measured by default, so that medians are stable.
const MIN_FRAMES: usize = 200;

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let idx = ((sorted.len() - 1) as f64 * p).round() as usize;
    sorted[idx]
}

/// Runs the benchmark. `frames`: scrolling frames (default: enough to reach the end of the
/// document, at least 200 — a short document is scrolled through again from the top — and at
/// most 6000). `font_size_pt`: the reading size used while scrolling. `vertical`: in vertical
/// text (竖排), where PageDown moves a screen to the left.
pub fn run(
    source: Source,
    frames: Option<usize>,
    font_size_pt: f32,
    vertical: bool,
) -> BenchReport {
    let chars = source.document.paragraph_chars();
    let paragraphs = source.document.paragraph_count();
    let settings = Settings {
        font_size_pt,
        ..Settings::default()
    };
    let before = ATLAS_OVERFLOWS.load(Ordering::Relaxed);
    let mut h = Headless::new(source, settings);
    if vertical {
        h.apply(Action::SetVertical(true));
    }
    let first_frame_ms = h.frame(Vec::new());
    // Let start-up settle: the outline and reader report their first positions, and the
    // document's glyphs are rasterised in the frames after opening (as the window does them
    // before a reader turns the first page).
    let mut settle = 0;
    while settle < 3 || (h.app.warming_up() && settle < 200) {
        h.frame(Vec::new());
        settle += 1;
    }
    let mut times = Vec::new();
    let limit = frames.unwrap_or(MAX_FRAMES);
    while times.len() < limit {
        if frames.is_none() && h.at_end() && times.len() >= MIN_FRAMES {
            break;
        }
        let events = if h.at_end() {
            key(egui::Key::Home)
        } else {
            key(egui::Key::PageDown)
        };
        times.push(h.frame(events));
    }
    let doc = h.app.state.source.document.clone();
    let last_heading = doc.sections.last().map(|s| s.heading);
    h.frame(key(egui::Key::Home));
    h.frame(Vec::new());
    h.apply(Action::JumpTo(last_heading));
    let jump_ms = h.frame(Vec::new());
    h.apply(Action::SetFontSize(if font_size_pt >= 22.0 {
        18.0
    } else {
        22.0
    }));
    let resize_ms = h.frame(Vec::new());
    let mut sorted = times.clone();
    sorted.sort_by(f64::total_cmp);
    BenchReport {
        chars,
        paragraphs,
        frames: times.len(),
        first_frame_ms,
        median_ms: percentile(&sorted, 0.5),
        p95_ms: percentile(&sorted, 0.95),
        max_ms: sorted.last().copied().unwrap_or(0.0),
        jump_ms,
        resize_ms,
        atlas_overflows: ATLAS_OVERFLOWS.load(Ordering::Relaxed) - before,
    }
}

//! Helpers shared by the integration tests: the real app in a kittest harness, with notes in a
//! temporary data directory and a fixed clock.

#![allow(dead_code)]

use egui_kittest::Harness;
use jingdu::app::{AppState, Settings};
use jingdu::document::Source;
use jingdu::notes::Store;
use jingdu::ui::JingduApp;

/// A fixed time for deterministic notes.
pub const NOW: &str = "2024-05-01T09:30:00+08:00";

/// The app on `source` with notes stored in `dir`.
pub fn harness(source: Source, dir: &std::path::Path) -> Harness<'static, JingduApp> {
    harness_with(source, dir, Settings::default())
}

/// Like [`harness`], with given settings.
pub fn harness_with(
    source: Source,
    dir: &std::path::Path,
    settings: Settings,
) -> Harness<'static, JingduApp> {
    build(source, dir, settings, false)
}

/// Like [`harness`], drawing chars no font has as boxes instead of failing the test: for a
/// document read in a wrong encoding on purpose.
pub fn harness_allowing_tofu(source: Source, dir: &std::path::Path) -> Harness<'static, JingduApp> {
    build(source, dir, Settings::default(), true)
}

fn build(
    source: Source,
    dir: &std::path::Path,
    settings: Settings,
    tofu: bool,
) -> Harness<'static, JingduApp> {
    let store = Store::at(dir);
    let mut builder = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .with_max_steps(40);
    if tofu {
        builder = builder.allow_missing_glyphs();
    }
    let mut h = builder.build_eframe(move |cc| {
        let state = AppState::new(source, Some(store), settings, Box::new(|| NOW.to_owned()));
        JingduApp::with_state(&cc.egui_ctx, state, std::time::Instant::now())
    });
    h.run();
    h
}

/// Scrolls the reader with the mouse wheel, `steps` times by `dy` points (negative: down).
pub fn wheel(h: &mut Harness<'static, JingduApp>, dy: f32, steps: usize) {
    h.hover_at(egui::pos2(640.0, 450.0));
    for _ in 0..steps {
        h.event(egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Point,
            delta: egui::vec2(0.0, dy),
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Unknown,
            modifiers: egui::Modifiers::NONE,
        });
        h.run();
    }
}

//! A long document through the real app, headless: only what is on screen is laid out, jumps
//! land exactly, and the outline follows.

use jingdu::app::{Action, Settings};
use jingdu::bench::Headless;
use jingdu::document::{Origin, Source, synthetic_text};
use jingdu::ui::outline::Node;

fn long_app(chars: usize) -> Headless {
    let source = Source::from_text(Origin::Builtin, &synthetic_text(chars));
    let mut h = Headless::new(source, Settings::default());
    h.frame(Vec::new());
    h
}

#[test]
fn only_visible_blocks_are_laid_out() {
    let mut h = long_app(300_000);
    for _ in 0..3 {
        h.frame(Vec::new());
    }
    let doc = h.app.state.source.document.clone();
    let measured = h.app.reader.measured_count();
    assert!(
        measured < 40,
        "{measured} of {} blocks laid out",
        doc.blocks.len()
    );
}

#[test]
fn jumps_land_on_the_block_and_the_outline_reveals_it() {
    let mut h = long_app(300_000);
    let doc = h.app.state.source.document.clone();
    for target in [doc.sections.len() / 2, doc.sections.len() - 1, 3] {
        let heading = doc.sections[target].heading;
        h.apply(Action::JumpTo(Some(heading)));
        for _ in 0..4 {
            h.frame(Vec::new());
        }
        let pos = h.app.state.view.position;
        assert_eq!(pos.block, Some(heading), "target {target}");
        let focus = h
            .app
            .state
            .view
            .focus_block
            .and_then(|b| doc.section_of_block(b))
            .unwrap();
        assert!(
            h.app.outline.is_row_visible(Node::Section(focus)),
            "outline row of section {focus} not in view"
        );
    }
}

#[test]
fn page_down_walks_through_the_whole_document() {
    let mut h = long_app(100_000);
    let mut last = None;
    let mut steps = 0;
    while !h.at_end() {
        h.frame(jingdu::bench::key(egui::Key::PageDown));
        let b = h.app.state.view.position.block;
        assert!(b >= last, "never moves backwards");
        last = b;
        steps += 1;
        assert!(steps < 2000, "reached the end");
    }
    assert!(steps > 20);
}

/// Logs nowhere; wrapped by the counting logger.
struct Silent;

impl log::Log for Silent {
    fn enabled(&self, _: &log::Metadata<'_>) -> bool {
        false
    }
    fn log(&self, _: &log::Record<'_>) {}
    fn flush(&self) {}
}

#[test]
fn atlas_overflows_are_counted() {
    // The counter must see an overflow when one happens, or bench-ui's "0" would mean nothing.
    let _ = log::set_boxed_logger(Box::new(jingdu::bench::CountingLogger(Silent)));
    log::set_max_level(log::LevelFilter::Warn);
    let before = jingdu::bench::ATLAS_OVERFLOWS.load(std::sync::atomic::Ordering::Relaxed);
    let mut h = long_app(20_000);
    // The smallest atlas epaint allows, and very large glyphs.
    h.max_texture_side = 1024;
    h.set_zoom(6.0);
    for _ in 0..3 {
        h.frame(Vec::new());
    }
    let after = jingdu::bench::ATLAS_OVERFLOWS.load(std::sync::atomic::Ordering::Relaxed);
    assert!(
        after > before,
        "a 1024-pixel atlas cannot hold a page of Chinese text at 6x"
    );
}

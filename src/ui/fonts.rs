//! The embedded CJK fonts and the font families built from them.
//!
//! Body text is set in a Song/Ming face (Noto Serif CJK SC, 思源宋体), headings and the title in
//! a bold Hei face (Noto Sans CJK SC Bold, 思源黑体) — the classic Chinese page — and the UI in
//! Noto Sans CJK SC. Each CJK font comes *first* in its family: the row height and the shapes of
//! “ ” and ‘ ’ come from the first font, and Latin quotes would look wrong in Chinese text.
//! egui's own fonts stay as fallbacks for symbols, and eframe adds system fonts for anything
//! still missing (rare ideographs outside the embedded subset).

use std::sync::Arc;

use egui::{FontData, FontDefinitions, FontFamily};

/// Noto Serif CJK SC Regular (subset), for the article body.
pub static SERIF_SC: &[u8] = include_bytes!("../../fonts/NotoSerifSC-Regular.otf");
/// Noto Sans CJK SC Regular (subset), for the UI.
pub static SANS_SC: &[u8] = include_bytes!("../../fonts/NotoSansSC-Regular.otf");
/// Noto Sans CJK SC Bold (subset), for the title and headings.
pub static SANS_SC_BOLD: &[u8] = include_bytes!("../../fonts/NotoSansSC-Bold.otf");

/// Family of the article body.
pub fn body_family() -> FontFamily {
    FontFamily::Name("jingdu-serif".into())
}

/// Family of the title and headings.
pub fn heading_family() -> FontFamily {
    FontFamily::Name("jingdu-heading".into())
}

/// Font definitions with the CJK fonts installed.
pub fn definitions() -> FontDefinitions {
    let mut defs = FontDefinitions::default();
    let insert = |defs: &mut FontDefinitions, name: &str, bytes: &'static [u8]| {
        defs.font_data
            .insert(name.to_owned(), Arc::new(FontData::from_static(bytes)));
    };
    insert(&mut defs, "noto-serif-sc", SERIF_SC);
    insert(&mut defs, "noto-sans-sc", SANS_SC);
    insert(&mut defs, "noto-sans-sc-bold", SANS_SC_BOLD);

    // egui's defaults (Latin UI font, emoji and icon fonts) as fallbacks.
    let fallbacks: Vec<String> = defs
        .families
        .get(&FontFamily::Proportional)
        .cloned()
        .unwrap_or_default();
    let family = |first: &[&str]| -> Vec<String> {
        first
            .iter()
            .map(|s| (*s).to_owned())
            .chain(fallbacks.iter().cloned())
            .collect()
    };
    defs.families
        .insert(FontFamily::Proportional, family(&["noto-sans-sc"]));
    defs.families
        .insert(body_family(), family(&["noto-serif-sc", "noto-sans-sc"]));
    defs.families.insert(
        heading_family(),
        family(&["noto-sans-sc-bold", "noto-sans-sc"]),
    );
    if let Some(mono) = defs.families.get_mut(&FontFamily::Monospace) {
        mono.push("noto-sans-sc".to_owned());
    }
    defs
}

/// Installs the fonts in `ctx`.
pub fn install(ctx: &egui::Context) {
    let started = std::time::Instant::now();
    ctx.set_fonts(definitions());
    log::info!(
        "fonts registered in {:.1} ms (parsed during the first frame)",
        started.elapsed().as_secs_f64() * 1e3
    );
}

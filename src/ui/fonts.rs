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

pub use crate::fonts::{SANS_SC, SANS_SC_BOLD, SERIF_SC};

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::typography::display_text;

    /// Every non-ASCII char inside string literals of the UI sources.
    fn ui_chars() -> String {
        let sources = [
            include_str!("strings.rs"),
            include_str!("mod.rs"),
            include_str!("toolbar.rs"),
            include_str!("outline.rs"),
            include_str!("reader.rs"),
            include_str!("notes_panel.rs"),
            include_str!("note_editor.rs"),
            include_str!("export_dialog.rs"),
            include_str!("status.rs"),
            include_str!("../app/mod.rs"),
            include_str!("../../crates/jingdu-core/src/export/mod.rs"),
            include_str!("../../crates/jingdu-core/src/notes/palette.rs"),
        ];
        let mut out = String::new();
        for src in sources {
            for line in src.lines().filter(|l| !l.trim_start().starts_with("//")) {
                let mut inside = false;
                for c in line.chars() {
                    if c == '"' {
                        inside = !inside;
                    } else if inside && !c.is_ascii() {
                        out.push(c);
                    }
                }
            }
        }
        out
    }

    #[test]
    fn embedded_fonts_cover_the_article_and_the_ui() {
        let ctx = egui::Context::default();
        ctx.set_fonts(definitions());
        ctx.run_ui(Default::default(), |_| {})
            .drop_without_applying_deltas();
        let article = display_text(crate::document::BUILTIN_ARTICLE);
        let ui = ui_chars();
        assert!(ui.chars().count() > 500, "the scan found the UI strings");
        ctx.fonts_mut(|f| {
            // The check can fail: a symbol none of our fonts has.
            assert!(!f.has_glyph(&egui::FontId::proportional(16.0), '✎'));
            for (family, text) in [
                (body_family(), article.as_str()),
                (heading_family(), article.as_str()),
                (FontFamily::Proportional, ui.as_str()),
                (FontFamily::Proportional, article.as_str()),
            ] {
                let font = egui::FontId::new(16.0, family.clone());
                let missing: String = text
                    .chars()
                    .filter(|c| !c.is_whitespace() && !c.is_control())
                    .filter(|&c| !f.has_glyph(&font, c))
                    .collect();
                assert!(missing.is_empty(), "{family:?} lacks {missing:?}");
            }
        });
    }
}

//! Reading preferences that persist between runs (in eframe's storage): font size, theme,
//! panel visibility and widths, and the reading position of each document.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// Article font sizes (points) reachable with Ctrl+= / Ctrl+-.
pub const FONT_SIZES_PT: [f32; 10] = [14.0, 15.0, 16.0, 17.0, 18.0, 20.0, 22.0, 24.0, 26.0, 28.0];
/// 小 / 中 / 大, as on the source page's 字体 control.
pub const FONT_PRESETS_PT: [(&str, f32); 3] = [("小", 16.0), ("中", 18.0), ("大", 22.0)];
/// The default article font size (中).
pub const DEFAULT_FONT_SIZE_PT: f32 = 18.0;

/// Light or dark reading theme.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ThemeChoice {
    /// Dark text on warm paper.
    #[default]
    Light,
    /// Light text on a dark background.
    Dark,
}

/// Where the reader was in a document: the block at the top of the window and how far into it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ReadingPosition {
    /// Index of the block (in [`crate::document::Document::blocks`]) at the top, or `None`
    /// for the title block.
    pub block: Option<usize>,
    /// Fraction (0..1) of that block scrolled past.
    pub fraction: f32,
}

/// Persisted preferences. `#[serde(default)]` lets new fields load from old settings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Article body size in points.
    pub font_size_pt: f32,
    /// Reading theme.
    pub theme: ThemeChoice,
    /// Whether the outline panel is shown.
    pub show_outline: bool,
    /// Outline panel width in points.
    pub outline_width_pt: f32,
    /// Whether the notes panel is shown.
    pub show_notes: bool,
    /// Notes panel width in points.
    pub notes_width_pt: f32,
    /// Reading positions by document store id (most recent kept).
    pub reading_positions: BTreeMap<String, ReadingPosition>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            font_size_pt: DEFAULT_FONT_SIZE_PT,
            theme: ThemeChoice::Light,
            show_outline: true,
            outline_width_pt: 260.0,
            show_notes: true,
            notes_width_pt: 320.0,
            reading_positions: BTreeMap::new(),
        }
    }
}

impl Settings {
    /// Key under which settings live in eframe's storage.
    pub const STORAGE_KEY: &'static str = "jingdu.settings";

    /// Clamps values that may come from an edited or old settings file.
    pub fn sanitized(mut self) -> Self {
        if !self.font_size_pt.is_finite() {
            self.font_size_pt = DEFAULT_FONT_SIZE_PT;
        }
        self.font_size_pt = self
            .font_size_pt
            .clamp(FONT_SIZES_PT[0], FONT_SIZES_PT[FONT_SIZES_PT.len() - 1]);
        self.outline_width_pt = finite_or(self.outline_width_pt, 260.0).clamp(160.0, 600.0);
        self.notes_width_pt = finite_or(self.notes_width_pt, 320.0).clamp(220.0, 700.0);
        // Keep the file small: at most 200 remembered positions.
        while self.reading_positions.len() > 200 {
            let Some(first) = self.reading_positions.keys().next().cloned() else {
                break;
            };
            self.reading_positions.remove(&first);
        }
        self
    }

    /// The next larger font size.
    pub fn larger(size: f32) -> f32 {
        FONT_SIZES_PT
            .iter()
            .copied()
            .find(|&s| s > size + 0.01)
            .unwrap_or(FONT_SIZES_PT[FONT_SIZES_PT.len() - 1])
    }

    /// The next smaller font size.
    pub fn smaller(size: f32) -> f32 {
        FONT_SIZES_PT
            .iter()
            .rev()
            .copied()
            .find(|&s| s < size - 0.01)
            .unwrap_or(FONT_SIZES_PT[0])
    }
}

fn finite_or(v: f32, d: f32) -> f32 {
    if v.is_finite() { v } else { d }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn size_steps() {
        assert_eq!(Settings::larger(18.0), 20.0);
        assert_eq!(Settings::smaller(18.0), 17.0);
        assert_eq!(Settings::larger(28.0), 28.0);
        assert_eq!(Settings::smaller(14.0), 14.0);
        assert_eq!(Settings::larger(19.0), 20.0);
    }

    #[test]
    fn old_or_hostile_settings_are_sanitized() {
        let s: Settings =
            serde_json::from_str(r#"{"font_size_pt": 1000.0, "outline_width_pt": -5}"#).unwrap();
        let s = s.sanitized();
        assert_eq!(s.font_size_pt, 28.0);
        assert_eq!(s.outline_width_pt, 160.0);
        assert!(s.show_outline, "missing fields take defaults");
    }
}

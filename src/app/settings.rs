//! Reading preferences that persist between runs (in eframe's storage): font size, theme,
//! panel visibility and widths, and the reading position of each document.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// Article font sizes (points) reachable with Ctrl+= / Ctrl+-.
pub const FONT_SIZES_PT: [f32; 10] = [14.0, 15.0, 16.0, 17.0, 18.0, 20.0, 22.0, 24.0, 26.0, 28.0];
/// 小 / 中 / 大, as on the source page's 字体 control.
pub const FONT_PRESETS_PT: [(crate::i18n::Text, f32); 3] = [
    (crate::i18n::Text::new("小", "S"), 16.0),
    (crate::i18n::Text::new("中", "M"), 18.0),
    (crate::i18n::Text::new("大", "L"), 22.0),
];
/// The file eframe keeps the settings in, given the value of `JINGDU_DATA_DIR`: `app.ron`
/// inside that folder, so that the one variable moves everything jingdu writes (tests and
/// portable installs touch nothing else); `None` (unset or empty): the platform's place.
pub fn storage_file_in(data_dir: Option<&std::ffi::OsStr>) -> Option<std::path::PathBuf> {
    data_dir
        .filter(|d| !d.is_empty())
        .map(|d| std::path::Path::new(d).join("app.ron"))
}

/// [`storage_file_in`] for this process's environment.
pub fn storage_file_from_env() -> Option<std::path::PathBuf> {
    storage_file_in(std::env::var_os(crate::notes::store::DATA_DIR_ENV).as_deref())
}

/// Longest author name kept, in chars.
pub const MAX_AUTHOR_CHARS: usize = 40;

/// An author name as kept: one line, no control characters, at most [`MAX_AUTHOR_CHARS`].
pub fn clean_author(name: &str) -> String {
    crate::terminal_safe::strip_controls(name)
        .replace(['\n', '\t', '\r'], " ")
        .chars()
        .take(MAX_AUTHOR_CHARS)
        .collect()
}

/// How many documents' reading positions are remembered.
pub const MAX_READING_POSITIONS: usize = 200;
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
    /// When the document was last read (Unix seconds; 0 in old settings): the least recently
    /// read positions are forgotten first.
    #[serde(default)]
    pub last_read: u64,
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
    /// Encodings the reader chose for files whose detection guessed wrong, by absolute path.
    pub encodings: BTreeMap<String, String>,
    /// The reader's name as the author of exported notes (署名); empty: the login name.
    pub note_author: String,
    /// 标点挤压: adjacent punctuation compressed.
    pub compress_punctuation: bool,
    /// 中西文间距: a quarter em between Han and Latin.
    pub han_latin_gap: bool,
    /// 行首行尾挤压: half-width opening marks at line start, closing marks at line end.
    pub line_edge_compression: bool,
    /// 简/繁: which characters the text is shown in.
    pub script: crate::document::script::Script,
    /// 简繁等同: the find bar matches Traditional and Simplified characters to each other.
    pub search_any_script: bool,
    /// The reading list (最近阅读), by document store id.
    pub recent: BTreeMap<String, super::reading_list::RecentDocument>,
    /// Started without a file, reopen the document read last (at its place).
    pub reopen_last: bool,
    /// The interface language; `None`: the system's.
    pub ui_language: Option<crate::i18n::Lang>,
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
            encodings: BTreeMap::new(),
            note_author: String::new(),
            compress_punctuation: true,
            han_latin_gap: true,
            line_edge_compression: true,
            script: crate::document::script::Script::Original,
            search_any_script: true,
            recent: BTreeMap::new(),
            reopen_last: true,
            ui_language: None,
        }
    }
}

impl Settings {
    /// Key under which settings live in eframe's storage.
    pub const STORAGE_KEY: &'static str = "jingdu.settings";

    /// How the reader spaces characters.
    pub fn spacing(&self) -> crate::document::spacing::Spacing {
        crate::document::spacing::Spacing {
            compress_punctuation: self.compress_punctuation,
            han_latin_gap: self.han_latin_gap,
            line_edges: self.line_edge_compression,
            vertical: false,
            centred_stops: false,
        }
    }

    /// How the find bar matches text.
    pub fn matching(&self) -> crate::document::search::Matching {
        crate::document::search::Matching {
            any_script: self.search_any_script,
        }
    }

    /// Clamps values that may come from an edited or old settings file.
    pub fn sanitized(mut self) -> Self {
        if !self.font_size_pt.is_finite() {
            self.font_size_pt = DEFAULT_FONT_SIZE_PT;
        }
        // One entry per file whose encoding was chosen by hand: a few hundred at most.
        while self.encodings.len() > 1000 {
            self.encodings.pop_first();
        }
        self.font_size_pt = self
            .font_size_pt
            .clamp(FONT_SIZES_PT[0], FONT_SIZES_PT[FONT_SIZES_PT.len() - 1]);
        self.outline_width_pt = finite_or(self.outline_width_pt, 260.0).clamp(160.0, 600.0);
        self.notes_width_pt = finite_or(self.notes_width_pt, 320.0).clamp(220.0, 700.0);
        self.note_author = clean_author(&self.note_author);
        self.forget_old_positions();
        self
    }

    /// Keeps the file small: at most [`MAX_READING_POSITIONS`], the most recently read.
    pub fn forget_old_positions(&mut self) {
        let excess = self
            .reading_positions
            .len()
            .saturating_sub(MAX_READING_POSITIONS);
        if excess == 0 {
            return;
        }
        let mut by_age: Vec<(u64, String)> = self
            .reading_positions
            .iter()
            .map(|(k, p)| (p.last_read, k.clone()))
            .collect();
        by_age.sort();
        for (_, key) in by_age.into_iter().take(excess) {
            self.reading_positions.remove(&key);
        }
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

    #[test]
    fn the_least_recently_read_position_is_forgotten_first() {
        let mut settings = Settings::default();
        let at = |last_read| ReadingPosition {
            block: Some(1),
            fraction: 0.0,
            last_read,
        };
        // The built-in article's key sorts first but was read most recently.
        settings
            .reading_positions
            .insert("builtin-aaaa".into(), at(10_000));
        for i in 0..MAX_READING_POSITIONS {
            settings
                .reading_positions
                .insert(format!("file-{i:04}"), at(100 + i as u64));
        }
        let settings = settings.sanitized();
        assert_eq!(settings.reading_positions.len(), MAX_READING_POSITIONS);
        assert!(settings.reading_positions.contains_key("builtin-aaaa"));
        assert!(!settings.reading_positions.contains_key("file-0000"));
        assert!(settings.reading_positions.contains_key("file-0001"));
    }

    #[test]
    fn the_data_dir_variable_moves_the_settings_too() {
        let dir = std::ffi::OsStr::new("/srv/便携/jingdu");
        assert_eq!(
            storage_file_in(Some(dir)),
            Some(std::path::PathBuf::from("/srv/便携/jingdu/app.ron"))
        );
        assert_eq!(storage_file_in(Some(std::ffi::OsStr::new(""))), None);
        assert_eq!(storage_file_in(None), None);
    }
}

//! Note colours with names the reader chooses (重点 / 疑问 / 心得 …). Names live in the data
//! directory so that the window and the CLI agree on them.

use serde::{Deserialize, Serialize};

/// Colour key given to notes when none is chosen.
pub const DEFAULT_COLOR: &str = "yellow";

/// One colour of the palette.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ColorEntry {
    /// Stable key stored in notes (`yellow`).
    pub key: String,
    /// The name the reader gave it (`重点`).
    pub name: String,
    /// sRGB colour of the highlight.
    pub rgb: [u8; 3],
}

/// The note colours, in the order they are offered.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Palette {
    /// The colours.
    pub colors: Vec<ColorEntry>,
}

impl Default for Palette {
    fn default() -> Self {
        let entry = |key: &str, name: &str, rgb: [u8; 3]| ColorEntry {
            key: key.into(),
            name: name.into(),
            rgb,
        };
        Palette {
            colors: vec![
                entry("yellow", "重点", [242, 201, 76]),
                entry("blue", "疑问", [86, 160, 211]),
                entry("green", "心得", [111, 191, 115]),
                entry("purple", "佳句", [167, 127, 206]),
                entry("red", "待查", [224, 102, 102]),
                entry("gray", "其他", [150, 150, 150]),
            ],
        }
    }
}

impl Palette {
    /// The entry for `key`, or the first colour for an unknown key.
    pub fn entry(&self, key: &str) -> &ColorEntry {
        self.colors
            .iter()
            .find(|c| c.key == key)
            .unwrap_or(&self.colors[0])
    }

    /// The reader's name for colour `key` (the key itself when unknown).
    pub fn name_of(&self, key: &str) -> String {
        self.colors
            .iter()
            .find(|c| c.key == key)
            .map_or_else(|| key.to_owned(), |c| c.name.clone())
    }

    /// Finds a colour by key or by name (`--color 重点` or `--color yellow`).
    pub fn resolve(&self, key_or_name: &str) -> Option<&ColorEntry> {
        let wanted = key_or_name.trim();
        self.colors
            .iter()
            .find(|c| c.key.eq_ignore_ascii_case(wanted) || c.name == wanted)
    }

    /// Renames colour `key`; empty names are refused, the name cleaned ([`clean_name`]).
    pub fn rename(&mut self, key: &str, name: &str) -> bool {
        let Some(name) = clean_name(name) else {
            return false;
        };
        match self.colors.iter_mut().find(|c| c.key == key) {
            Some(c) => {
                c.name = name;
                true
            }
            None => false,
        }
    }

    /// Reads the palette file, falling back to the defaults when it is missing or unreadable
    /// (the palette only names colours; losing a name never loses a note). A palette is a few
    /// hundred bytes: anything over 1 MB, or that is not a regular file, is not one.
    pub fn load(path: &std::path::Path) -> Self {
        let Ok(bytes) = crate::fsutil::read_regular(path, 1024 * 1024) else {
            return Palette::default();
        };
        match serde_json::from_slice::<Palette>(&bytes) {
            Ok(mut p) => {
                // A file edited by hand (or by an attacker) cannot smuggle a line break into a
                // heading of an export, nor a key that is not a plain word.
                let defaults = Palette::default();
                p.colors.retain(|c| is_plain_key(&c.key));
                for c in &mut p.colors {
                    c.name = clean_name(&c.name).unwrap_or_else(|| defaults.name_of(&c.key));
                }
                // Keep every default colour available even if the file lost some.
                for d in Palette::default().colors {
                    if !p.colors.iter().any(|c| c.key == d.key) {
                        p.colors.push(d);
                    }
                }
                p
            }
            Err(e) => {
                log::warn!(
                    "palette file {} unreadable ({e}); using defaults",
                    path.display()
                );
                Palette::default()
            }
        }
    }

    /// Writes the palette file atomically.
    pub fn save(&self, path: &std::path::Path) -> std::io::Result<()> {
        let json = serde_json::to_vec_pretty(self).map_err(std::io::Error::other)?;
        crate::fsutil::write_atomic(path, &json)
    }
}

/// The tint a highlight of colour `rgb` leaves on white paper: the colour mixed with twice
/// as much white, light enough for black text to stay legible. What the exports (PDF
/// highlights, Word shading) paint behind a passage.
pub fn soft_rgb(rgb: [u8; 3]) -> [u8; 3] {
    rgb.map(|c| ((u16::from(c) + 2 * 255) / 3) as u8)
}

/// A colour's name as shown and exported: one line (controls and line breaks become spaces,
/// runs of spaces one), trimmed, at most 12 characters; `None` when nothing is left.
pub fn clean_name(name: &str) -> Option<String> {
    let words: Vec<&str> = name
        .split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|w| !w.is_empty())
        .collect();
    let name: String = words.join(" ").chars().take(12).collect();
    let name = name.trim_end().to_owned();
    (!name.is_empty()).then_some(name)
}

/// A colour key is a plain ASCII word (`yellow`, `my-blue_2`): it is stored in every note.
fn is_plain_key(key: &str) -> bool {
    !key.is_empty()
        && key.len() <= 32
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolve_by_key_or_name() {
        let p = Palette::default();
        assert_eq!(p.resolve("重点").unwrap().key, "yellow");
        assert_eq!(p.resolve("Blue").unwrap().key, "blue");
        assert!(p.resolve("不存在").is_none());
    }

    #[test]
    fn rename_and_round_trip() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("palette.json");
        let mut p = Palette::default();
        assert!(p.rename("blue", " 难点 "));
        assert!(!p.rename("blue", "  "));
        p.save(&path).unwrap();
        assert_eq!(Palette::load(&path).name_of("blue"), "难点");
    }

    #[test]
    fn unreadable_palette_falls_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("palette.json");
        std::fs::write(&path, "{broken").unwrap();
        assert_eq!(Palette::load(&path), Palette::default());
    }

    #[test]
    fn names_and_keys_from_a_hostile_file_are_cleaned() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("palette.json");
        std::fs::write(
            &path,
            r##"{"colors":[{"key":"yellow","name":"重点\n# 标题\u001b[2J","rgb":[1,2,3]},
            {"key":"blue","name":"\n\t ","rgb":[1,2,3]},
            {"key":"evil\nkey","name":"x","rgb":[1,2,3]}]}"##,
        )
        .unwrap();
        let p = Palette::load(&path);
        assert_eq!(p.name_of("yellow"), "重点 # 标题 [2J");
        assert_eq!(p.name_of("blue"), "疑问", "an empty name falls back");
        assert!(p.colors.iter().all(|c| is_plain_key(&c.key)));
        assert_eq!(clean_name("  心得\r\n体会 "), Some("心得 体会".into()));
    }
}

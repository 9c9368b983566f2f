//! The PDF's fonts: the embedded CJK faces as krilla fonts (subset into the file by krilla)
//! and their glyphs and advances, looked up once per char and kept.

use std::collections::HashMap;

use krilla::text::{Font, GlyphId};
use skrifa::MetadataProvider;
use skrifa::instance::{LocationRef, Size};
use skrifa::raw::TableProvider;

/// Which of the three faces.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(super) enum Face {
    /// Noto Serif SC: the article and the notes.
    Serif,
    /// Noto Sans SC: labels, small print.
    Sans,
    /// Noto Sans SC Bold: title and headings.
    SansBold,
}

/// One face: the krilla font, its glyph table and a cache of `char → (glyph, advance in em)`.
struct Loaded {
    font: Font,
    data: &'static [u8],
    cache: HashMap<char, (GlyphId, f32)>,
}

/// The three faces, loaded once per export.
pub(super) struct Faces {
    faces: [Loaded; 3],
}

impl Faces {
    /// Loads the embedded fonts; `None` only if a font file is broken (a build error).
    pub fn load() -> Option<Self> {
        let load = |data: &'static [u8]| {
            Some(Loaded {
                font: Font::new(data.into(), 0)?,
                data,
                cache: HashMap::new(),
            })
        };
        Some(Faces {
            faces: [
                load(crate::fonts::SERIF_SC)?,
                load(crate::fonts::SANS_SC)?,
                load(crate::fonts::SANS_SC_BOLD)?,
            ],
        })
    }

    fn loaded(&mut self, face: Face) -> &mut Loaded {
        &mut self.faces[face as usize]
    }

    /// The krilla font of `face`.
    pub fn font(&mut self, face: Face) -> Font {
        self.loaded(face).font.clone()
    }

    /// The glyph of `c` in `face` (0, the “missing” box, when the face lacks it) and its
    /// advance in em. Tabs are two em wide; other controls take no room.
    pub fn glyph(&mut self, face: Face, c: char) -> (GlyphId, f32) {
        let loaded = self.loaded(face);
        if let Some(&hit) = loaded.cache.get(&c) {
            return hit;
        }
        let measured = measure(loaded.data, c);
        loaded.cache.insert(c, measured);
        measured
    }
}

fn measure(data: &[u8], c: char) -> (GlyphId, f32) {
    if c == '\t' {
        return (GlyphId::new(0), 2.0);
    }
    if c.is_control() {
        return (GlyphId::new(0), 0.0);
    }
    let Ok(font) = skrifa::FontRef::new(data) else {
        return (GlyphId::new(0), 1.0);
    };
    let upem = f32::from(font.head().map(|h| h.units_per_em()).unwrap_or(1000)).max(1.0);
    let metrics = font.glyph_metrics(Size::unscaled(), LocationRef::default());
    let gid = font.charmap().map(c).unwrap_or_default();
    let advance = metrics.advance_width(gid).unwrap_or(upem) / upem;
    (GlyphId::new(gid.to_u32()), advance)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_is_one_em_and_latin_narrower() {
        let mut faces = Faces::load().expect("embedded fonts load");
        let (gid, han) = faces.glyph(Face::Serif, '读');
        assert_ne!(gid.to_u32(), 0);
        assert!((han - 1.0).abs() < 0.01, "{han}");
        let (_, latin) = faces.glyph(Face::Sans, 'i');
        assert!(latin < 0.5, "{latin}");
        assert_eq!(faces.glyph(Face::Sans, '\u{1}').1, 0.0);
    }
}

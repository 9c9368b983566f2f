//! Rasterising a document's glyphs before the reader needs them.
//!
//! egui rasterises a glyph the first time it is laid out, into a font atlas that starts small
//! and doubles its height when full — copying the whole image, and uploading all of it again.
//! Met while reading, a doubling costs one frame 8–17 ms on a long novel (measured with
//! `jingdu bench-ui`): the page turn that first meets enough new characters stutters. So
//! after a document opens, or the text size changes, the characters it uses — most frequent
//! first — are laid out a batch per frame in the frames that follow (which the warm-up asks
//! for), and every doubling happens then, before the reader has turned a page.

use egui::{Color32, FontId};

use crate::document::Document;
use crate::document::vertical::vertical_form;

/// Characters rasterised per frame: about 2 ms of work at 18 points.
const BATCH: usize = 200;
/// The warm-up stops once the atlas is this full, leaving room for sizes and fonts it did not
/// warm: an atlas that overflows is cleared and every glyph rasterised again.
const MAX_FILL: f32 = 0.6;
/// How many leading chars of a paragraph the outline shows (its row label, shortened).
const OUTLINE_LABEL_CHARS: usize = 24;

/// The fonts the window sets a document in. Each set of characters is warmed only in the
/// font it is shown in: the atlas is kept as small as the document needs (on the corpus novel
/// warming every label in every outline font had doubled it, 32 MB more in RAM and as much in
/// the renderer's copy).
#[derive(Clone, Debug, PartialEq)]
pub struct WarmFonts {
    /// The reader's body text: every char of the document.
    pub body: FontId,
    /// The reader's headings by level, level 1 first; deeper levels are set in the last one.
    pub headings: Vec<FontId>,
    /// The outline's section rows: the chars of the headings.
    pub outline_sections: FontId,
    /// The outline's paragraph rows: the chars that start each paragraph.
    pub outline_paragraphs: FontId,
    /// Vertical text: the vertical forms of the marks too.
    pub vertical: bool,
}

/// What was warmed: the document (by address and length) and the fonts.
#[derive(Clone, Debug, PartialEq)]
struct WarmKey {
    doc: usize,
    len: usize,
    fonts: WarmFonts,
}

/// The characters of the document shown still to be rasterised.
#[derive(Debug, Default)]
pub struct GlyphWarmup {
    key: Option<WarmKey>,
    /// The document's chars by frequency, kept while the document stays: a new text size
    /// only queues them again.
    chars: Option<(usize, usize, bool, DocChars)>,
    /// Fonts with the chars still to rasterise in them, the last job first; in each, the
    /// least frequent char first, so that the most frequent are popped first.
    jobs: Vec<(FontId, Vec<char>)>,
}

impl GlyphWarmup {
    /// Whether characters remain to be rasterised.
    pub fn busy(&self) -> bool {
        !self.jobs.is_empty()
    }

    /// Rasterises the next batch of `doc`'s characters (starting over when the document or
    /// the fonts changed). Returns whether more remain.
    pub fn step(&mut self, ctx: &egui::Context, doc: &Document, fonts: &WarmFonts) -> bool {
        let (doc_ptr, len) = (std::ptr::from_ref(doc) as usize, doc.blocks.len());
        // Compared in place: the fonts are cloned only when they changed, not every frame.
        let same = self
            .key
            .as_ref()
            .is_some_and(|k| k.doc == doc_ptr && k.len == len && k.fonts == *fonts);
        if !same {
            let key = WarmKey {
                doc: doc_ptr,
                len,
                fonts: fonts.clone(),
            };
            let doc_key = (key.doc, key.len, fonts.vertical);
            let chars = match self.chars.take() {
                Some((d, l, v, chars)) if (d, l, v) == doc_key => chars,
                _ => DocChars::of(doc, fonts.vertical),
            };
            self.jobs = chars.jobs(fonts);
            self.chars = Some((doc_key.0, doc_key.1, doc_key.2, chars));
            self.key = Some(key);
        }
        if ctx.fonts(|f| f.font_atlas_fill_ratio()) > MAX_FILL {
            self.jobs.clear();
        }
        let jobs_left = self.jobs.len();
        let Some((font, chars)) = self.jobs.last_mut() else {
            return false;
        };
        let last_batch = jobs_left == 1 && chars.len() <= BATCH;
        let split = chars.len().saturating_sub(BATCH);
        let batch: String = chars.drain(split..).collect();
        let font = font.clone();
        if chars.is_empty() {
            self.jobs.pop();
        }
        ctx.fonts_mut(|f| {
            // Laying the text out rasterises each glyph into the atlas; the galley itself is
            // dropped from egui's cache when no frame asks for it again.
            let _ = f.layout_no_wrap(batch, font, Color32::WHITE);
        });
        if last_batch {
            let (size, fill) = ctx.fonts(|f| (f.font_image_size(), f.font_atlas_fill_ratio()));
            log::info!(
                "glyph warm-up done: font atlas {}×{} ({:.0} % full)",
                size[0],
                size[1],
                fill * 100.0
            );
        }
        self.busy()
    }
}

/// A document's distinct chars, least frequent first: all of them, the headings' by level,
/// and those the outline's rows show.
#[derive(Clone, Debug, Default)]
struct DocChars {
    body: Vec<char>,
    /// Index 0 is level 1; the last entry holds every deeper level too.
    headings: Vec<Vec<char>>,
    sections: Vec<char>,
    paragraph_labels: Vec<char>,
}

/// Heading levels told apart by the warm-up; deeper ones share the last level's font.
const HEADING_LEVELS: usize = 3;

impl DocChars {
    fn of(doc: &Document, vertical: bool) -> Self {
        let body = by_frequency(doc.blocks.iter().flat_map(|b| b.text.chars()), vertical);
        let headings = (1..=HEADING_LEVELS)
            .map(|level| {
                let at_level = |l: u8| {
                    let l = usize::from(l);
                    l == level || (level == HEADING_LEVELS && l > level)
                };
                by_frequency(
                    doc.blocks
                        .iter()
                        .filter(|b| b.heading_level().is_some_and(at_level))
                        .flat_map(|b| b.text.chars()),
                    false,
                )
            })
            .collect();
        let sections = by_frequency(
            doc.blocks
                .iter()
                .filter(|b| b.is_heading())
                .flat_map(|b| b.text.chars()),
            false,
        );
        let paragraph_labels = by_frequency(
            doc.blocks
                .iter()
                .filter(|b| !b.is_heading())
                .flat_map(|b| b.text.chars().take(OUTLINE_LABEL_CHARS)),
            false,
        );
        DocChars {
            body,
            headings,
            sections,
            paragraph_labels,
        }
    }

    /// What to rasterise in which font, the first job last.
    fn jobs(&self, fonts: &WarmFonts) -> Vec<(FontId, Vec<char>)> {
        let mut jobs: Vec<(FontId, Vec<char>)> = vec![
            (
                fonts.outline_paragraphs.clone(),
                self.paragraph_labels.clone(),
            ),
            (fonts.outline_sections.clone(), self.sections.clone()),
        ];
        for (level, chars) in self.headings.iter().enumerate().rev() {
            if let Some(font) = fonts.headings.get(level).or(fonts.headings.last()) {
                jobs.push((font.clone(), chars.clone()));
            }
        }
        jobs.push((fonts.body.clone(), self.body.clone()));
        jobs.retain(|(_, chars)| !chars.is_empty());
        jobs
    }
}

/// The distinct drawable characters of `text`, least frequent first (and the vertical forms
/// of its marks, for vertical text). Linear in the text.
fn by_frequency(text: impl Iterator<Item = char>, vertical: bool) -> Vec<char> {
    let mut counts: std::collections::HashMap<char, u32> = std::collections::HashMap::new();
    for c in text {
        if !c.is_whitespace() && !c.is_control() {
            *counts.entry(c).or_default() += 1;
            if vertical {
                let form = vertical_form(c);
                if form != c {
                    *counts.entry(form).or_default() += 1;
                }
            }
        }
    }
    let mut chars: Vec<(char, u32)> = counts.into_iter().collect();
    chars.sort_unstable_by_key(|&(c, n)| (n, c));
    chars.into_iter().map(|(c, _)| c).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_most_frequent_characters_come_first_and_each_once() {
        let text = "组织组织路线，组。";
        let chars = by_frequency(text.chars(), false);
        assert_eq!(chars.last(), Some(&'组'));
        let mut unique = chars.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), chars.len());
        assert!(!chars.contains(&'︐'));
        assert!(by_frequency(text.chars(), true).contains(&'︐'));
    }

    #[test]
    fn a_warm_up_rasterises_every_character_once_and_stops() {
        let ctx = super::super::typeset::tests::fonts_ready();
        let text = crate::document::synthetic_text(20_000);
        let doc = crate::document::parse(&text);
        let fonts = |size: f32| WarmFonts {
            body: FontId::new(size, super::super::fonts::body_family()),
            headings: vec![FontId::new(
                size * 1.25,
                super::super::fonts::heading_family(),
            )],
            outline_sections: FontId::proportional(14.0),
            outline_paragraphs: FontId::proportional(13.0),
            vertical: false,
        };
        let mut warmup = GlyphWarmup::default();
        let before = ctx.fonts(|f| f.font_atlas_fill_ratio());
        let mut frames = 0;
        while warmup.step(&ctx, &doc, &fonts(18.0)) {
            frames += 1;
            assert!(frames < 1000);
        }
        assert!(!warmup.busy());
        assert!(frames > 3, "{frames}");
        assert!(ctx.fonts(|f| f.font_atlas_fill_ratio()) > before);
        // Nothing more to do for the same document and fonts; a new size starts over.
        assert!(!warmup.step(&ctx, &doc, &fonts(18.0)));
        let warm = ctx.fonts(|f| f.font_atlas_fill_ratio());
        assert!(warmup.step(&ctx, &doc, &fonts(22.0)));
        assert!(ctx.fonts(|f| f.font_atlas_fill_ratio()) > warm);
    }

    #[test]
    fn each_set_of_characters_is_warmed_only_in_the_font_that_shows_it() {
        let doc = crate::document::parse("第一章 甲\n\n乙丙丁。\n\n第二章 戊\n\n己庚。\n");
        let font = |size: f32| FontId::proportional(size);
        let fonts = WarmFonts {
            body: font(18.0),
            headings: vec![font(22.0), font(20.0), font(19.0)],
            outline_sections: font(14.0),
            outline_paragraphs: font(13.0),
            vertical: false,
        };
        let jobs = DocChars::of(&doc, false).jobs(&fonts);
        let chars_in = |size: f32| -> String {
            jobs.iter()
                .filter(|(f, _)| f.size == size)
                .flat_map(|(_, c)| c.iter())
                .collect()
        };
        assert!(chars_in(18.0).contains('甲') && chars_in(18.0).contains('乙'));
        // Headings in their level's font (and only there), the outline's rows in theirs.
        let top = chars_in(22.0);
        assert!(
            top.contains('甲') && top.contains('戊') && !top.contains('乙'),
            "{top}"
        );
        assert!(chars_in(20.0).is_empty() && chars_in(19.0).is_empty());
        let sections = chars_in(14.0);
        assert!(
            sections.contains('甲') && !sections.contains('乙'),
            "{sections}"
        );
        let paragraphs = chars_in(13.0);
        assert!(
            paragraphs.contains('乙') && !paragraphs.contains('甲'),
            "{paragraphs}"
        );
    }

    #[test]
    fn the_atlas_a_warm_up_leaves_stays_within_its_budget() {
        // 4 000 distinct ideographs (as many as a long novel uses), in 100 chapters of 40
        // paragraphs, warmed as the window warms them at 18 points in a GL-sized atlas.
        let ideographs: Vec<char> = (0x4E00..0x4E00 + 4000).filter_map(char::from_u32).collect();
        let mut text = String::new();
        for (chapter, chunk) in ideographs.chunks(40).enumerate() {
            text.push_str(&format!(
                "第{}章 {}\n\n",
                chapter + 1,
                chunk[..8].iter().collect::<String>()
            ));
            for (i, _) in chunk.iter().enumerate() {
                let para: String = chunk.iter().cycle().skip(i).take(60).collect();
                text.push_str(&para);
                text.push_str("。\n\n");
            }
        }
        let doc = crate::document::parse(&text);
        let ctx = egui::Context::default();
        super::super::fonts::install(&ctx);
        let input = egui::RawInput {
            max_texture_side: Some(16_384),
            ..Default::default()
        };
        ctx.run_ui(input, |_| {}).drop_without_applying_deltas();
        let fonts = super::super::reader::warm_fonts(18.0, false);
        let mut warmup = GlyphWarmup::default();
        while warmup.step(&ctx, &doc, &fonts) {}
        let [width, height] = ctx.fonts(|f| f.font_image_size());
        eprintln!("atlas after the warm-up: {width}×{height}");
        // Today 16 384 × 256 (16 MB, held twice: egui's image and the renderer's texture).
        // Warming every outline label in every outline font had made it 512 rows.
        assert_eq!(width, 16_384);
        assert!(height <= 256, "{width}×{height}");
    }
}

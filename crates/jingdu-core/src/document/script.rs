//! 简/繁: a text shown in Simplified or Traditional characters, with OpenCC's tables (through
//! `zhconv`). The conversion keeps one char per char, so every offset — a selection, a note's
//! anchor, a search hit — means the same place in the shown text as in the source: OpenCC maps
//! phrases, and where a phrase would change a line's length that line is converted char by
//! char instead (losing only the phrase context, e.g. 头发 → 頭髮 becomes 頭發 there).

use serde::{Deserialize, Serialize};
use zhconv::{Variant, zhconv};

use super::{Block, Document, Metadata};

/// Which characters the text is shown in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Script {
    /// As the source has it.
    #[default]
    Original,
    /// Simplified characters (简体).
    Simplified,
    /// Traditional characters (繁體).
    Traditional,
}

impl Script {
    fn variant(self) -> Option<Variant> {
        match self {
            Script::Original => None,
            Script::Simplified => Some(Variant::ZhHans),
            Script::Traditional => Some(Variant::ZhHant),
        }
    }
}

/// `text` in `script`, with exactly as many chars as `text` (see the module comment).
pub fn convert(text: &str, script: Script) -> String {
    let Some(variant) = script.variant() else {
        return text.to_owned();
    };
    let whole = zhconv(text, variant);
    if whole.chars().count() == text.chars().count() {
        return whole;
    }
    let mut out = String::with_capacity(whole.len());
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let converted = zhconv(line, variant);
        if converted.chars().count() == line.chars().count() {
            out.push_str(&converted);
        } else {
            out.extend(line.chars().map(|c| convert_char(c, variant)));
        }
    }
    out
}

/// One char converted on its own, or kept where its conversion is not one char.
fn convert_char(c: char, variant: Variant) -> char {
    let mut buf = [0u8; 4];
    let converted = zhconv(c.encode_utf8(&mut buf), variant);
    let mut chars = converted.chars();
    match (chars.next(), chars.next()) {
        (Some(d), None) => d,
        _ => c,
    }
}

/// `doc` shown in `script`: the same blocks with the same char ranges, their text converted.
/// The body is converted in one pass (phrases spanning a run-in heading stay whole).
pub fn convert_document(doc: &Document, script: Script) -> Document {
    let body: Vec<char> = convert(doc.body_text(), script).chars().collect();
    let slice = |b: &Block| -> String {
        body.get(b.range.clone())
            .map_or_else(|| convert(&b.text, script), |s| s.iter().collect())
    };
    let blocks: Vec<Block> = doc
        .blocks
        .iter()
        .map(|b| Block {
            kind: b.kind,
            text: slice(b).into(),
            range: b.range.clone(),
        })
        .collect();
    let one = |s: &Option<String>| s.as_deref().map(|s| convert(s, script));
    let many = |v: &[String]| v.iter().map(|s| convert(s, script)).collect();
    let m = &doc.meta;
    let meta = Metadata {
        title: one(&m.title),
        column: one(&m.column),
        published: m.published.clone(),
        author: one(&m.author),
        affiliation: one(&m.affiliation),
        breadcrumb: many(&m.breadcrumb),
        source: one(&m.source),
        front_matter: many(&m.front_matter),
        colophon: many(&m.colophon),
        publisher: one(&m.publisher),
        language: m.language.clone(),
        url: m.url.clone(),
        book: m.book,
        vertical: m.vertical,
        issue: m.issue.clone(),
        pages: m.pages.clone(),
    };
    Document::from_blocks(meta, blocks)
}

/// Whether `text` looks Traditional rather than Simplified (OpenCC's tables decide), so that
/// the 简/繁 control can offer the other one first.
pub fn looks_traditional(text: &str) -> bool {
    let sample: String = text.chars().take(4000).collect();
    !zhconv::is_hans(&sample)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::parse;

    #[test]
    fn both_directions_keep_one_char_per_char() {
        assert_eq!(convert("党的组织建设", Script::Traditional), "黨的組織建設");
        assert_eq!(convert("黨的組織建設", Script::Simplified), "党的组织建设");
        assert_eq!(convert("黨的組織", Script::Original), "黨的組織");
        // Phrase tables pick the right character where one simplified char has two
        // traditional ones.
        assert_eq!(convert("头发和发展", Script::Traditional), "頭髮和發展");
        let mixed = "第１章 iPhone 𠮷野家\n二行";
        assert_eq!(
            convert(mixed, Script::Traditional).chars().count(),
            mixed.chars().count()
        );
    }

    #[test]
    fn a_line_whose_phrases_change_length_is_converted_char_by_char() {
        // Whatever OpenCC does with each line, every line keeps its length.
        let text = "「記憶體」與「軟體」\n著作權\n乾隆皇帝";
        for script in [Script::Simplified, Script::Traditional] {
            let out = convert(text, script);
            let lens = |s: &str| s.split('\n').map(|l| l.chars().count()).collect::<Vec<_>>();
            assert_eq!(lens(&out), lens(text), "{script:?}: {out}");
        }
    }

    #[test]
    fn a_converted_document_has_the_same_blocks_and_ranges() {
        let doc = parse::parse(
            "黨的建設\n\n一、組織建設\n\n（一）指導思想。堅持黨的領導。\n\n發展是第一要務。",
        );
        let shown = convert_document(&doc, Script::Simplified);
        assert_eq!(shown.blocks.len(), doc.blocks.len());
        for (a, b) in shown.blocks.iter().zip(&doc.blocks) {
            assert_eq!(a.range, b.range);
            assert_eq!(a.kind, b.kind);
            assert_eq!(a.text.chars().count(), b.text.chars().count());
        }
        assert_eq!(
            shown.body_text().chars().count(),
            doc.body_text().chars().count()
        );
        assert!(shown.body_text().contains("发展是第一要务"));
        assert_eq!(shown.meta.title.as_deref(), Some("党的建设"));
        assert_eq!(shown.sections.len(), doc.sections.len());
        assert!(looks_traditional(doc.body_text()));
        assert!(!looks_traditional(shown.body_text()));
    }
}

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

/// Frequent characters written differently in the two scripts, in their simplified forms;
/// [`TRADITIONAL_FORMS`] has the traditional form of each at the same place. Enough to tell a
/// text's script from its first few thousand characters without loading OpenCC's tables
/// (4.6 MB in memory, which a window showing a text in its own script never needs).
const SIMPLIFIED_FORMS: &str = "这们个来为说时国会学发对过还没进与动从关问无开门长见东车马书应经现实两样么当点种体间头话机电义务员产业军运记让认该边给带听觉战区难报华传统总师农导团济则题数单级线变识议组织设计权资条术标决论处规质历结党领选约红爱观网亲钱语读写双岁乐买卖热层确备";
/// The traditional forms of [`SIMPLIFIED_FORMS`], char for char.
const TRADITIONAL_FORMS: &str = "這們個來為說時國會學發對過還沒進與動從關問無開門長見東車馬書應經現實兩樣麼當點種體間頭話機電義務員產業軍運記讓認該邊給帶聽覺戰區難報華傳統總師農導團濟則題數單級線變識議組織設計權資條術標決論處規質歷結黨領選約紅愛觀網親錢語讀寫雙歲樂買賣熱層確備";

/// Whether `text` looks Traditional rather than Simplified, so that the 简/繁 control can offer
/// the other one first and exports can tag the language: its first 4 000 characters hold more
/// of the frequent traditional-only characters than of their simplified forms. Linear in the
/// sample; a text with neither (no Chinese, or only characters both scripts share) is not.
pub fn looks_traditional(text: &str) -> bool {
    let (mut simplified, mut traditional) = (0usize, 0usize);
    for c in text.chars().take(4000) {
        if SIMPLIFIED_FORMS.contains(c) {
            simplified += 1;
        } else if TRADITIONAL_FORMS.contains(c) {
            traditional += 1;
        }
    }
    traditional > simplified
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

    #[test]
    fn the_script_pairs_are_what_opencc_says() {
        assert_eq!(
            SIMPLIFIED_FORMS.chars().count(),
            TRADITIONAL_FORMS.chars().count()
        );
        for (s, t) in SIMPLIFIED_FORMS.chars().zip(TRADITIONAL_FORMS.chars()) {
            assert_ne!(s, t);
            assert_eq!(convert_char(s, Variant::ZhHant), t, "{s}");
            assert_eq!(convert_char(t, Variant::ZhHans), s, "{t}");
        }
    }

    #[test]
    fn a_text_is_told_traditional_by_its_frequent_characters() {
        let simplified =
            "这是我们学习的第一个问题：为什么要读原著？因为经典说的道理，时间越长越见其价值。";
        assert!(!looks_traditional(simplified));
        assert!(looks_traditional(&convert(simplified, Script::Traditional)));
        // The built-in article both ways, as OpenCC converts it.
        let article = crate::document::BUILTIN_ARTICLE;
        assert!(!looks_traditional(article));
        assert!(looks_traditional(&convert(article, Script::Traditional)));
        // A sample with neither kind, or no Chinese at all, is not traditional.
        assert!(!looks_traditional("人民日报 2018年 第1版"));
        assert!(!looks_traditional("An English text."));
        assert!(!looks_traditional(""));
        // A traditional quotation inside a simplified text does not tip it.
        assert!(!looks_traditional(&format!(
            "{simplified}「學而時習之」{simplified}"
        )));
    }
}

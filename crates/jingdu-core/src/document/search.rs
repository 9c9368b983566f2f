//! Finding text as a reader sees it: the body and the query are folded char for char —
//! full-width ASCII to ASCII (`，` finds `,` and `１` finds `1`), the ideographic space to a
//! space, Kangxi and supplement radicals to their ideographs, Latin letters to lower case — and
//! every occurrence is found with one linear substring search. Folding keeps one char per
//! char, so a hit's char offsets in the folded text are its offsets in the body. Optionally
//! Traditional and Simplified characters match each other (`黨` finds `党`): both sides are
//! first shown in Simplified characters, which also keeps one char per char
//! ([`super::script`]).

use std::ops::Range;

use super::script::{self, Script};
use super::typography::fold_radical;

/// What counts as the same text, beyond widths, radicals and case (always ignored).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Matching {
    /// 简繁等同: Traditional and Simplified characters match each other.
    pub any_script: bool,
}

impl Default for Matching {
    fn default() -> Self {
        Matching { any_script: true }
    }
}

/// The form a char is compared in.
pub fn fold(c: char) -> char {
    let c = match c as u32 {
        0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFF01 + 0x21).unwrap_or(c),
        0x3000 => ' ',
        _ => fold_radical(c),
    };
    if c.is_ascii_uppercase() {
        c.to_ascii_lowercase()
    } else {
        c
    }
}

/// `text` folded (see [`fold`]) for `matching`, one char per char.
pub fn folded(text: &str, matching: Matching) -> String {
    let plain: String = text.chars().map(fold).collect();
    if matching.any_script {
        // After folding, so that a Kangxi radical is converted as the ideograph it stands for.
        script::convert(&plain, Script::Simplified)
    } else {
        plain
    }
}

/// Every non-overlapping occurrence of `query` in `haystack` (already [`folded`] with the same
/// `matching`), as char ranges, in order. An empty (or all-space) query finds nothing.
pub fn find_all(haystack: &str, query: &str, matching: Matching) -> Vec<Range<usize>> {
    let needle = folded(query.trim(), matching);
    if needle.is_empty() {
        return Vec::new();
    }
    let needle_chars = needle.chars().count();
    let mut hits = Vec::new();
    // Byte offsets of the matches, turned into char offsets in the same left-to-right pass.
    let mut chars_before = 0;
    let mut bytes_seen = 0;
    for (byte, _) in haystack.match_indices(&needle) {
        chars_before += haystack[bytes_seen..byte].chars().count();
        bytes_seen = byte;
        hits.push(chars_before..chars_before + needle_chars);
    }
    hits
}

/// Every occurrence of `query` in `doc`'s body, as [`find_all`] finds them in the folded
/// body, but folding one block at a time: a hit never spans blocks (the query has no line
/// break, blocks are lines of the body), and a body of hundreds of megabytes is never folded
/// whole — which would hold another copy or two of it.
pub fn find_in_document(
    doc: &super::Document,
    query: &str,
    matching: Matching,
) -> Vec<Range<usize>> {
    if query.trim().contains('\n') {
        return find_all(&folded(doc.body_text(), matching), query, matching);
    }
    let mut hits = Vec::new();
    for block in doc.blocks.iter().filter(|b| !b.is_run_in()) {
        let start = block.range.start;
        hits.extend(
            find_all(&folded(&block.text, matching), query, matching)
                .into_iter()
                .map(|h| h.start + start..h.end + start),
        );
    }
    hits
}

/// Some text around a hit, for listing hits: up to `context` chars on each side, within
/// `text`, with line breaks shown as spaces.
pub fn context(text: &[char], hit: &Range<usize>, context: usize) -> String {
    let start = hit.start.saturating_sub(context);
    let end = (hit.end + context).min(text.len());
    text[start..end]
        .iter()
        .map(|&c| if c == '\n' { ' ' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn searching_block_by_block_finds_what_the_whole_body_does() {
        let doc = crate::document::parse(
            "标题\n\n一、党的组织\n\n（一）基层党组织。党的组织力\n\n黨的組織在这里，党的组织也在。\n",
        );
        for any_script in [true, false] {
            let m = Matching { any_script };
            for q in ["党的组织", "组织", "基层", "。", "不在"] {
                assert_eq!(
                    find_in_document(&doc, q, m),
                    find_all(&folded(doc.body_text(), m), q, m),
                    "{q} {any_script}"
                );
            }
        }
    }

    fn find(body: &str, q: &str) -> Vec<Range<usize>> {
        let m = Matching::default();
        find_all(&folded(body, m), q, m)
    }

    #[test]
    fn traditional_and_simplified_match_each_other_unless_asked_not_to() {
        assert_eq!(find("加強黨的組織建設", "党的组织"), vec![2..6]);
        assert_eq!(find("加强党的组织建设", "黨的組織"), vec![2..6]);
        assert_eq!(find("頭髮與发展", "发"), vec![1..2, 3..4]);
        let exact = Matching { any_script: false };
        assert!(find_all(&folded("加強黨的組織", exact), "党的", exact).is_empty());
        assert_eq!(
            find_all(&folded("加強黨的組織", exact), "黨的", exact),
            vec![2..4]
        );
    }

    #[test]
    fn widths_radicals_and_case_do_not_matter() {
        assert_eq!(find("第１章，ABC", "1章,"), vec![1..4]);
        assert_eq!(find("第⼀章", "第一章"), vec![0..3]);
        assert_eq!(find("iPhone 与 IPHONE", "iphone"), vec![0..6, 9..15]);
        assert_eq!(find("两个　空格", "个 空"), vec![1..4]);
    }

    #[test]
    fn hits_are_char_offsets_in_order_and_do_not_overlap() {
        let body = "党的组织，党的组织党的组织";
        assert_eq!(find(body, "党的组织"), vec![0..4, 5..9, 9..13]);
        assert_eq!(find("啊啊啊", "啊啊"), vec![0..2]);
        assert!(find(body, "").is_empty());
        assert!(find(body, "   ").is_empty());
        assert!(find(body, "不在").is_empty());
        let chars: Vec<char> = "前文\n党的组织\n后文".chars().collect();
        assert_eq!(context(&chars, &(3..7), 2), "文 党的组织 后");
    }
}

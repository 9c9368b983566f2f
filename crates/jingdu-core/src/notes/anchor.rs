//! Making anchors and finding them again after the text changed.
//!
//! Re-anchoring follows Hypothesis: trust the stored position when the quote still stands
//! there; otherwise search the quote exactly (nearest occurrence to the old position first),
//! then fuzzily, using the prefix and suffix as context. Section and paragraph notes re-attach
//! to the most similar heading or paragraph. A note whose target cannot be found is never
//! dropped: it is marked unanchored and keeps its old anchor.

use std::ops::Range;

use crate::document::{BlockKind, Document};

use super::note::{Anchor, Note, NoteKind};

/// Chars of context kept before and after a quote.
pub const CONTEXT_CHARS: usize = 32;

/// Char ↔ byte offsets of a text, so that char ranges can be sliced in O(1).
pub struct TextIndex<'a> {
    text: &'a str,
    /// Byte offset of each char, plus the text length at the end.
    byte_of: Vec<u32>,
}

impl<'a> TextIndex<'a> {
    /// Indexes `text`.
    pub fn new(text: &'a str) -> Self {
        let mut byte_of: Vec<u32> = text.char_indices().map(|(b, _)| b as u32).collect();
        byte_of.push(text.len() as u32);
        TextIndex { text, byte_of }
    }

    /// Number of chars.
    pub fn len_chars(&self) -> usize {
        self.byte_of.len() - 1
    }

    /// The text of char range `r`, clamped to the text.
    pub fn slice(&self, r: Range<usize>) -> &'a str {
        let n = self.len_chars();
        let (s, e) = (r.start.min(n), r.end.min(n).max(r.start.min(n)));
        &self.text[self.byte_of[s] as usize..self.byte_of[e] as usize]
    }

    fn char_at_byte(&self, byte: usize) -> usize {
        self.byte_of.partition_point(|&b| (b as usize) < byte)
    }

    /// Char offsets of occurrences of `needle` whose start lies in char window `window`.
    fn find_in(&self, needle: &str, window: Range<usize>) -> Vec<usize> {
        if needle.is_empty() {
            return Vec::new();
        }
        let n = self.len_chars();
        let start = window.start.min(n);
        // Let a match that starts inside the window run past its end.
        let end = (window.end + needle.chars().count()).min(n);
        let base = self.byte_of[start] as usize;
        let hay = &self.text[base..self.byte_of[end] as usize];
        hay.match_indices(needle)
            .map(|(b, _)| self.char_at_byte(base + b))
            .filter(|&c| c < window.end.max(start + 1))
            .collect()
    }

    /// The occurrence of `needle` nearest to char `around`, searching outwards in growing
    /// windows so that small edits cost little even in long texts.
    pub fn find_nearest(&self, needle: &str, around: usize) -> Option<usize> {
        let n = self.len_chars();
        for radius in [2_000usize, 64_000, usize::MAX] {
            let lo = around.saturating_sub(radius);
            let hi = around.saturating_add(radius).min(n);
            let hits = self.find_in(needle, lo..hi.max(lo));
            if let Some(best) = hits.into_iter().min_by_key(|&c| c.abs_diff(around)) {
                return Some(best);
            }
            if lo == 0 && hi == n {
                break;
            }
        }
        None
    }
}

/// Builds the anchor for char range `range` of the document's body text.
pub fn make_anchor(doc: &Document, index: &TextIndex<'_>, range: Range<usize>) -> Anchor {
    let block = doc.block_at_offset(range.start).unwrap_or(0);
    let prefix_start = range.start.saturating_sub(CONTEXT_CHARS);
    Anchor {
        start: range.start,
        end: range.end,
        quote: index.slice(range.clone()).to_owned(),
        prefix: index.slice(prefix_start..range.start).to_owned(),
        suffix: index.slice(range.end..range.end + CONTEXT_CHARS).to_owned(),
        heading_path: doc.heading_path(block),
        block,
    }
}

/// The anchor of a new note of `kind` on char range `range`. A section note points at its
/// heading block, which for a run-in heading starts where its paragraph starts.
pub fn target_anchor(
    doc: &Document,
    index: &TextIndex<'_>,
    kind: NoteKind,
    range: Range<usize>,
) -> Anchor {
    let mut a = make_anchor(doc, index, range.clone());
    if kind == NoteKind::Section
        && let Some(b) = doc
            .blocks
            .iter()
            .position(|b| b.is_heading() && b.range == range)
    {
        a.block = b;
        a.heading_path = doc.heading_path(b);
    }
    a
}

/// The anchor of block `block` (a heading or a paragraph).
pub fn block_anchor(doc: &Document, index: &TextIndex<'_>, block: usize) -> Anchor {
    let mut a = make_anchor(doc, index, doc.blocks[block].range.clone());
    a.block = block;
    a
}

/// How a note was found again.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Found {
    /// At its stored position.
    InPlace,
    /// Its exact quote, elsewhere.
    Moved,
    /// A similar text, by fuzzy matching.
    Fuzzy,
    /// Nowhere: the note is unanchored.
    Lost,
}

/// Finds `note`'s target in `doc` and updates its anchor; returns how it was found.
pub fn reanchor(doc: &Document, index: &TextIndex<'_>, note: &mut Note) -> Found {
    let a = &note.anchor;
    let found = match note.kind {
        NoteKind::Passage => locate_passage(index, a),
        NoteKind::Section | NoteKind::Paragraph | NoteKind::Bookmark => {
            locate_block(doc, index, a, note.kind)
        }
    };
    match found {
        Some((range, how)) => {
            let fresh = make_anchor(doc, index, range);
            note.anchor = fresh;
            note.anchored = true;
            how
        }
        None => {
            note.anchored = false;
            Found::Lost
        }
    }
}

fn locate_passage(index: &TextIndex<'_>, a: &Anchor) -> Option<(Range<usize>, Found)> {
    let len = a.quote.chars().count();
    if len == 0 {
        return None;
    }
    if index.slice(a.start..a.end) == a.quote && a.end - a.start == len {
        return Some((a.start..a.end, Found::InPlace));
    }
    if let Some(start) = find_with_context(index, a) {
        return Some((start..start + len, Found::Moved));
    }
    fuzzy_passage(index, a).map(|r| (r, Found::Fuzzy))
}

/// Exact search for the quote; among several occurrences prefer one whose context matches.
fn find_with_context(index: &TextIndex<'_>, a: &Anchor) -> Option<usize> {
    let with_prefix = format!("{}{}", a.prefix, a.quote);
    if !a.prefix.is_empty()
        && let Some(p) = index.find_nearest(
            &with_prefix,
            a.start.saturating_sub(a.prefix.chars().count()),
        )
    {
        return Some(p + a.prefix.chars().count());
    }
    let with_suffix = format!("{}{}", a.quote, a.suffix);
    if !a.suffix.is_empty()
        && let Some(p) = index.find_nearest(&with_suffix, a.start)
    {
        return Some(p);
    }
    index.find_nearest(&a.quote, a.start)
}

/// Longest quote compared char by char; longer ones are compared by head and tail.
const MAX_FUZZY_CHARS: usize = 2_000;

/// `v`, or its head and tail when longer than [`MAX_FUZZY_CHARS`] (a bound on the cost of
/// comparing two long paragraphs).
fn trimmed(v: &[char]) -> Vec<char> {
    if v.len() <= MAX_FUZZY_CHARS {
        v.to_vec()
    } else {
        let half = MAX_FUZZY_CHARS / 2;
        v[..half]
            .iter()
            .chain(&v[v.len() - half..])
            .copied()
            .collect()
    }
}

/// Compares one quote with many candidate texts: Levenshtein similarity by the bit-parallel
/// algorithm of Myers and Hyyrö (`rapidfuzz`), which handles 64 chars of the quote per machine
/// word, with the quote's bit vectors built once, and a score cut-off below which a
/// comparison stops early (the length difference alone often rules a candidate out).
pub struct Matcher {
    quote: rapidfuzz::distance::levenshtein::BatchComparator<char>,
    len: usize,
}

impl Matcher {
    /// A matcher for `quote`.
    pub fn new(quote: &str) -> Self {
        let chars: Vec<char> = quote.chars().collect();
        let chars = trimmed(&chars);
        Matcher {
            len: chars.len(),
            quote: rapidfuzz::distance::levenshtein::BatchComparator::new(chars),
        }
    }

    /// Similarity in 0..=1 of the quote and `text` (1 = equal), if at least `cutoff`.
    pub fn score(&self, text: &str, cutoff: f64) -> Option<f64> {
        let chars: Vec<char> = text.chars().collect();
        let chars = trimmed(&chars);
        if self.len == 0 && chars.is_empty() {
            return Some(1.0);
        }
        let args = rapidfuzz::distance::levenshtein::Args::default().score_cutoff(cutoff);
        self.quote
            .normalized_similarity_with_args(chars.iter().copied(), &args)
    }
}

/// Similarity in 0..=1 of two texts (1 = equal), by edit distance over chars.
pub fn similarity(a: &str, b: &str) -> f64 {
    Matcher::new(a).score(b, 0.0).unwrap_or(0.0)
}

/// Finds an edited passage: the text between its old prefix and suffix, or a window starting
/// with its first chars or ending with its last chars, when similar enough to the quote.
fn fuzzy_passage(index: &TextIndex<'_>, a: &Anchor) -> Option<Range<usize>> {
    let qlen = a.quote.chars().count();
    let max_len = qlen * 2 + 16;
    let mut candidates: Vec<(Range<usize>, f64)> = Vec::new();
    let prefix_end = (!a.prefix.is_empty())
        .then(|| index.find_nearest(&a.prefix, a.start.saturating_sub(a.prefix.chars().count())))
        .flatten()
        .map(|p| p + a.prefix.chars().count());
    let suffix_start = (!a.suffix.is_empty())
        .then(|| index.find_nearest(&a.suffix, a.end))
        .flatten();
    if let (Some(s), Some(e)) = (prefix_end, suffix_start)
        && e > s
        && e - s <= max_len
    {
        // Both sides of the passage are intact: the context is strong evidence.
        candidates.push((s..e, 0.35));
    }
    let seed_len = (qlen / 3).clamp(2, 12);
    if qlen >= 4 {
        let head: String = a.quote.chars().take(seed_len).collect();
        let tail: String = a.quote.chars().skip(qlen - seed_len).collect();
        if let Some(s) = index.find_nearest(&head, a.start) {
            let end = index
                .find_in(&tail, s..s + max_len)
                .into_iter()
                .next()
                .map_or(s + qlen, |t| t + seed_len);
            candidates.push((s..end, 0.6));
        }
        if let Some(t) = index.find_nearest(&tail, a.end.saturating_sub(seed_len)) {
            let end = t + seed_len;
            candidates.push((end.saturating_sub(qlen)..end, 0.6));
        }
        if let Some(s) = prefix_end {
            candidates.push((s..s + qlen, 0.6));
        }
    }
    let matcher = Matcher::new(&a.quote);
    let mut best: Option<(Range<usize>, f64)> = None;
    for (r, threshold) in candidates {
        if r.end <= r.start || r.end > index.len_chars() {
            continue;
        }
        // Only a better candidate than the best so far is worth finishing.
        let cutoff = best.as_ref().map_or(threshold, |(_, b)| threshold.max(*b));
        if let Some(score) = matcher.score(index.slice(r.clone()), cutoff)
            && best.as_ref().is_none_or(|(_, b)| score > *b)
        {
            best = Some((r, score));
        }
    }
    best.map(|(r, _)| r)
}

/// Finds a heading or paragraph target: in place, by exact text, or the most similar block of
/// the same kind near its old place.
fn locate_block(
    doc: &Document,
    index: &TextIndex<'_>,
    a: &Anchor,
    kind: NoteKind,
) -> Option<(Range<usize>, Found)> {
    let wanted = |k: BlockKind| match kind {
        NoteKind::Section => matches!(k, BlockKind::Heading { .. }),
        NoteKind::Bookmark => true,
        _ => k == BlockKind::Paragraph,
    };
    let blocks = &doc.blocks;
    if let Some(b) = blocks.get(a.block)
        && wanted(b.kind)
        && b.range == (a.start..a.end)
        && b.text == a.quote
    {
        return Some((b.range.clone(), Found::InPlace));
    }
    if let Some(start) = find_with_context(index, a)
        && let Some(bi) = doc.block_at_offset(start)
    {
        // A run-in heading shares its start with its paragraph.
        let bi = if kind == NoteKind::Section
            && bi > 0
            && blocks[bi - 1].is_run_in()
            && blocks[bi - 1].range.start == start
        {
            bi - 1
        } else {
            bi
        };
        let b = &blocks[bi];
        if wanted(b.kind) && b.range.start == start && b.text == a.quote {
            return Some((b.range.clone(), Found::Moved));
        }
    }
    // Fuzzy: the most similar block of the right kind, nearest first.
    let around = doc
        .block_at_offset(a.start)
        .unwrap_or(blocks.len().saturating_sub(1));
    let mut order: Vec<usize> = (0..blocks.len())
        .filter(|&i| wanted(blocks[i].kind))
        .collect();
    order.sort_by_key(|&i| i.abs_diff(around));
    let threshold = if kind == NoteKind::Section { 0.6 } else { 0.5 };
    let matcher = Matcher::new(&a.quote);
    let quote_len = a.quote.chars().count().max(1) as f64;
    let mut best: Option<(usize, f64)> = None;
    for &i in order.iter().take(400) {
        let b = &blocks[i];
        let ratio = b.text.chars().count() as f64 / quote_len;
        if !(0.5..=2.0).contains(&ratio) {
            continue;
        }
        // The cut-off rises with the best score so far: most candidates stop early.
        let cutoff = best.map_or(threshold, |(_, bs)| bs.max(threshold));
        if let Some(s) = matcher.score(&b.text, cutoff)
            && best.is_none_or(|(_, bs)| s > bs)
        {
            best = Some((i, s));
            // Nearest first: a nearly identical block this close is the one.
            if s >= 0.97 {
                break;
            }
        }
    }
    best.map(|(i, _)| (blocks[i].range.clone(), Found::Fuzzy))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::parse;

    const TEXT: &str = "文章标题\n\n标题一\n\n第一段讲组织建设，强调政治功能是基本功能。组织力强不强，根本是看政治功能发挥得好不好。\n\n标题二\n\n第二段讲党员队伍，既要重视数量，更要重视质量。健全完善党员党性定期分析制度。\n";

    fn passage(doc: &Document, quote: &str) -> Note {
        let idx = TextIndex::new(doc.body_text());
        let start = doc
            .body_text()
            .find(quote)
            .map(|b| doc.body_text()[..b].chars().count())
            .unwrap();
        let a = make_anchor(doc, &idx, start..start + quote.chars().count());
        Note::new(
            NoteKind::Passage,
            a,
            "笔记".into(),
            "yellow".into(),
            vec![],
            "2024-01-01T00:00:00+08:00",
        )
    }

    fn reanchored(new_text: &str, note: &Note) -> (Note, Found, Document) {
        let doc = parse(new_text);
        let idx = TextIndex::new(doc.body_text());
        let mut n = note.clone();
        let f = reanchor(&doc, &idx, &mut n);
        (n, f, doc)
    }

    #[test]
    fn text_index_slices_chars() {
        let idx = TextIndex::new("精读ab文");
        assert_eq!(idx.len_chars(), 5);
        assert_eq!(idx.slice(1..4), "读ab");
        assert_eq!(idx.slice(3..99), "b文");
        assert_eq!(idx.find_nearest("文", 0), Some(4));
    }

    #[test]
    fn unchanged_text_stays_in_place() {
        let doc = parse(TEXT);
        let note = passage(&doc, "组织力强不强");
        let (n, f, _) = reanchored(TEXT, &note);
        assert_eq!(f, Found::InPlace);
        assert_eq!(n.anchor, note.anchor);
    }

    #[test]
    fn edit_before_the_passage_moves_it() {
        let doc = parse(TEXT);
        let note = passage(&doc, "组织力强不强");
        let edited = TEXT.replace("第一段讲组织建设", "第一段首先详细地讲了组织建设");
        let (n, f, doc2) = reanchored(&edited, &note);
        assert_eq!(f, Found::Moved);
        assert_eq!(
            doc2.slice_chars(n.anchor.start..n.anchor.end),
            "组织力强不强"
        );
        assert!(n.anchored);
    }

    #[test]
    fn edit_inside_the_passage_is_found_fuzzily() {
        let doc = parse(TEXT);
        let note = passage(&doc, "组织力强不强，根本是看政治功能发挥得好不好");
        let edited = TEXT.replace("根本是看政治功能", "关键是看政治功能");
        let (n, f, doc2) = reanchored(&edited, &note);
        assert_eq!(f, Found::Fuzzy);
        assert_eq!(
            doc2.slice_chars(n.anchor.start..n.anchor.end),
            "组织力强不强，关键是看政治功能发挥得好不好"
        );
    }

    #[test]
    fn edit_around_the_passage_is_found() {
        let doc = parse(TEXT);
        let note = passage(&doc, "健全完善党员党性定期分析制度");
        let edited = TEXT
            .replace("更要重视质量。", "更要重视质量，")
            .replace("定期分析制度。", "定期分析制度，并抓好落实。");
        let (n, f, doc2) = reanchored(&edited, &note);
        assert_ne!(f, Found::Lost);
        assert_eq!(
            doc2.slice_chars(n.anchor.start..n.anchor.end),
            "健全完善党员党性定期分析制度"
        );
    }

    #[test]
    fn deleted_passage_is_kept_unanchored() {
        let doc = parse(TEXT);
        let note = passage(&doc, "健全完善党员党性定期分析制度");
        let edited = TEXT.replace("健全完善党员党性定期分析制度。", "");
        let (n, f, _) = reanchored(&edited, &note);
        assert_eq!(f, Found::Lost);
        assert!(!n.anchored);
        assert_eq!(n.anchor.quote, note.anchor.quote, "the old anchor is kept");
    }

    #[test]
    fn repeated_quote_prefers_matching_context() {
        let text = "甲说重要。\n\n乙说重要。\n";
        let doc = parse(text);
        let idx = TextIndex::new(doc.body_text());
        let a = make_anchor(&doc, &idx, 8..10);
        assert_eq!(a.quote, "重要");
        let mut note = Note::new(
            NoteKind::Passage,
            a,
            String::new(),
            "yellow".into(),
            vec![],
            "t",
        );
        let edited = "开头。\n\n甲说重要。\n\n乙说重要。\n";
        let doc2 = parse(edited);
        let idx2 = TextIndex::new(doc2.body_text());
        assert_eq!(reanchor(&doc2, &idx2, &mut note), Found::Moved);
        assert_eq!(idx2.slice(note.anchor.start - 2..note.anchor.start), "乙说");
    }

    #[test]
    fn paragraph_note_follows_an_edited_paragraph() {
        let doc = parse(TEXT);
        let idx = TextIndex::new(doc.body_text());
        let p = doc.paragraph_indices().nth(1).unwrap();
        let a = block_anchor(&doc, &idx, p);
        let note = Note::new(
            NoteKind::Paragraph,
            a,
            String::new(),
            "yellow".into(),
            vec![],
            "t",
        );
        let edited = TEXT.replace("既要重视数量", "既要高度重视数量");
        let (n, f, doc2) = reanchored(&edited, &note);
        assert_eq!(f, Found::Fuzzy);
        let b = doc2.block_at_offset(n.anchor.start).unwrap();
        assert!(doc2.blocks[b].text.starts_with("第二段"));
    }

    #[test]
    fn section_note_follows_a_moved_heading() {
        let doc = parse(TEXT);
        let idx = TextIndex::new(doc.body_text());
        let h = doc.sections[1].heading;
        let a = block_anchor(&doc, &idx, h);
        let note = Note::new(
            NoteKind::Section,
            a,
            String::new(),
            "yellow".into(),
            vec![],
            "t",
        );
        let edited = TEXT.replace(
            "标题一\n\n",
            "标题一\n\n新增的一段文字，很长很长很长很长很长很长很长很长。\n\n",
        );
        let (n, f, doc2) = reanchored(&edited, &note);
        assert_eq!(f, Found::Moved);
        assert_eq!(doc2.slice_chars(n.anchor.start..n.anchor.end), "标题二");
    }

    #[test]
    fn the_matcher_scores_like_edit_distance_and_stops_below_its_cutoff() {
        let m = Matcher::new("新时代党的组织路线");
        assert_eq!(m.score("新时代党的组织路线", 0.9), Some(1.0));
        // One substitution in nine chars.
        let s = m.score("新时代党的建设路线", 0.0).unwrap();
        assert!((s - 7.0 / 9.0).abs() < 1e-9, "{s}");
        assert_eq!(
            m.score("新时代党的建设路线", 0.9),
            None,
            "below the cut-off"
        );
        assert_eq!(m.score("完全不同的一句话", 0.5), None);
        // Long texts compare by head and tail and stay bounded.
        let long: String = "组织".repeat(5_000);
        assert_eq!(Matcher::new(&long).score(&long, 0.99), Some(1.0));
    }

    #[test]
    fn similarity_bounds() {
        assert_eq!(similarity("abc", "abc"), 1.0);
        assert_eq!(similarity("", ""), 1.0);
        assert!(similarity("abcd", "wxyz") < 0.01);
        let long_a = "字".repeat(10_000);
        let long_b = format!("{}变{}", "字".repeat(5_000), "字".repeat(4_999));
        assert!(similarity(&long_a, &long_b) > 0.99);
    }
}

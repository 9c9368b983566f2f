//! Character and line facts the structure detector reasons with: which chars are CJK, how
//! wide a line is, whether it ends a sentence, whether it is indented.

/// Whether `c` is a CJK ideograph, kana, or CJK/full-width punctuation.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x2FDF | 0x3000..=0x30FF | 0x3100..=0x312F | 0x3190..=0x31FF |
        0x3200..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xFE30..=0xFE4F |
        0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFF)
}

/// Display width in half-width cells (CJK counts 2), used to compare line lengths.
pub fn display_width(s: &str) -> usize {
    s.chars().map(|c| if is_cjk(c) { 2 } else { 1 }).sum()
}

/// Whitespace including the ideographic space U+3000 and the BOM.
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{3000}' || c == '\u{FEFF}'
}

/// `s` without leading and trailing (ideographic) whitespace.
pub fn trim(s: &str) -> &str {
    s.trim_matches(is_space)
}

/// Whether the line begins with paragraph indentation: an ideographic space, a tab, or at
/// least two ASCII spaces.
pub fn is_indented(line: &str) -> bool {
    line.starts_with('\u{3000}') || line.starts_with('\t') || line.starts_with("  ")
}

/// Closing quotes and brackets that may follow the sentence-final mark.
const CLOSERS: &str = "”’」』）)】》\"'";

/// Whether `s` ends a sentence (。！？… possibly followed by closing quotes), a clause that
/// cannot end a heading (，；：、), or breaks off (`背后“哑——”`).
pub fn ends_with_punctuation(s: &str) -> bool {
    let t = s.trim_end_matches(|c: char| is_space(c) || CLOSERS.contains(c));
    t.ends_with(|c: char| "。！？!?…；;，,：:、.．—".contains(c))
}

/// Whether `s` ends a sentence: 。！？… or `.`, possibly followed by closing quotes.
pub fn ends_sentence(s: &str) -> bool {
    let t = s.trim_end_matches(|c: char| is_space(c) || CLOSERS.contains(c));
    t.ends_with(|c: char| "。！？!?…．.".contains(c))
}

/// Joins a hard-wrapped continuation line to the text before it: CJK text is joined directly,
/// Latin words get one space between them.
pub fn join_wrapped(acc: &mut String, next: &str) {
    let last = acc.chars().last();
    let first = next.chars().next();
    if let (Some(a), Some(b)) = (last, first)
        && !is_cjk(a)
        && !is_cjk(b)
        && !a.is_whitespace()
    {
        acc.push(' ');
    }
    acc.push_str(next);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths() {
        assert_eq!(display_width("精读ab"), 6);
        assert_eq!(display_width("，。"), 4);
    }

    #[test]
    fn punctuation() {
        assert!(ends_with_punctuation("他说。"));
        assert!(ends_with_punctuation("“你回来了？”"));
        assert!(ends_with_punctuation("主要表现在："));
        assert!(!ends_with_punctuation(
            "以政治建设为统领,强化基层党组织的政治功能"
        ));
        assert!(ends_with_punctuation("忽听得背后“哑——”"));
        assert!(ends_sentence("不可省的。"));
        assert!(!ends_sentence("主要表现在："));
    }

    #[test]
    fn indentation() {
        assert!(is_indented("\u{3000}\u{3000}旧历的年底"));
        assert!(is_indented("    text"));
        assert!(!is_indented("旧历"));
    }

    #[test]
    fn joining() {
        let mut s = String::from("旧历的年底毕竟最像");
        join_wrapped(&mut s, "年底");
        assert_eq!(s, "旧历的年底毕竟最像年底");
        let mut s = String::from("hard");
        join_wrapped(&mut s, "wrapped");
        assert_eq!(s, "hard wrapped");
    }
}

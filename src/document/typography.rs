//! Display punctuation: text copied from web pages often has half-width `, : ; ! ? ( )` inside
//! Chinese sentences where full-width `，：；！？（）` are meant. The reader shows the full-width
//! forms; the source text is never changed.
//!
//! The mapping replaces one char by one char, so every char offset in the displayed text is
//! the same offset in the source text: selections, anchors and exports need no translation.

use super::lines::is_cjk;

/// The text as the reader shows it: half-width punctuation in Chinese context replaced by its
/// full-width form, char for char.
pub fn display_text(source: &str) -> String {
    let chars: Vec<char> = source.chars().collect();
    let mut out: Vec<char> = chars.clone();
    // Indices of '(' still open, with whether each was converted.
    let mut open: Vec<(usize, bool)> = Vec::new();
    for i in 0..chars.len() {
        let prev = i.checked_sub(1).map(|j| chars[j]);
        let next = chars.get(i + 1).copied();
        let cjk_before = prev.is_some_and(is_cjk);
        let cjk_after = next.is_some_and(is_cjk);
        match chars[i] {
            ',' | ':' | ';' | '!' | '?' if cjk_before => {
                out[i] = full_width(chars[i]);
            }
            '(' => {
                let convert = cjk_before || cjk_after;
                if convert {
                    out[i] = '（';
                }
                open.push((i, convert));
            }
            ')' => {
                let opened = open.pop().is_some_and(|(_, converted)| converted);
                if opened || cjk_before {
                    out[i] = '）';
                }
            }
            _ => {}
        }
    }
    out.into_iter().collect()
}

fn full_width(c: char) -> char {
    match c {
        ',' => '，',
        ':' => '：',
        ';' => '；',
        '!' => '！',
        '?' => '？',
        '(' => '（',
        ')' => '）',
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_context_gets_full_width() {
        assert_eq!(
            display_text("以政治建设为统领,强化基层党组织的政治功能"),
            "以政治建设为统领，强化基层党组织的政治功能"
        );
        assert_eq!(
            display_text("(作者:董德兵,中国浦东干部学院副教授)"),
            "（作者：董德兵，中国浦东干部学院副教授）"
        );
        assert_eq!(display_text("党委(党组)重视"), "党委（党组）重视");
        assert_eq!(display_text("真的吗?好!"), "真的吗？好！");
    }

    #[test]
    fn latin_context_is_left_alone() {
        assert_eq!(display_text("f(x) = a, b: c"), "f(x) = a, b: c");
        assert_eq!(display_text("版本 1.5 (beta)"), "版本 1.5 (beta)");
    }

    #[test]
    fn mapping_is_char_for_char() {
        let s = "发布日期:2018-11-08,共(3)项";
        assert_eq!(display_text(s).chars().count(), s.chars().count());
    }
}

//! Heading numbers of Chinese documents: `第一章`, `一、`, `（一）`, `1.`, `（1）`, `①`, `1.1`.
//!
//! Official documents nest them in a fixed order (GB/T 9704: 一、 → （一） → 1. → （1）), so
//! each kind has a *rank*; the detector maps the ranks a document uses to levels 1, 2, 3…

use super::typography::fold_radical;

/// The numbering scheme a heading line starts with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum NumberKind {
    /// `第一编`, `第一部分`, `第一卷`, `第一篇`.
    Part,
    /// `第一分编` (a subdivision of a 编 in a code of law).
    SubPart,
    /// `第一章`, `第一回`, `第一讲`, `第一课`, `第一幕`.
    Chapter,
    /// `第一节`.
    Section,
    /// `第一条`: an article of a law, a paragraph and never a heading.
    Article,
    /// `一、` (Chinese numeral and enumeration comma).
    ChineseComma,
    /// `（一）`.
    ChineseParen,
    /// `1.`, `1．`, `1、`.
    ArabicDot,
    /// `（1）`.
    ArabicParen,
    /// `①`.
    Circled,
    /// `1 `, `1.1 `, `1.1.1 ` (decimal section numbers; the value is the depth).
    Decimal(u8),
    /// A numeral alone on its line (`一`, `十三`, `2`): the sections of a story or an essay.
    Bare,
}

impl NumberKind {
    /// Position in the conventional nesting order, 0 = outermost.
    pub fn rank(self) -> u8 {
        match self {
            NumberKind::Part => 0,
            NumberKind::SubPart => 1,
            NumberKind::Chapter => 2,
            NumberKind::Section => 3,
            // Sections of a story sit where 节 would: below any chapter the text has.
            NumberKind::Bare => 3,
            NumberKind::Article => 4,
            NumberKind::ChineseComma => 5,
            NumberKind::ChineseParen => 6,
            NumberKind::ArabicDot => 7,
            NumberKind::ArabicParen => 8,
            NumberKind::Circled => 9,
            NumberKind::Decimal(depth) => 6 + depth.min(4),
        }
    }

    /// Whether a paragraph may open with this number followed by a lead phrase that works as a
    /// heading (`（一）指导思想。…`). Chapter-level numbers and articles never run in.
    pub fn can_run_in(self) -> bool {
        matches!(
            self,
            NumberKind::ChineseComma
                | NumberKind::ChineseParen
                | NumberKind::ArabicDot
                | NumberKind::ArabicParen
        )
    }
}

/// A heading number found at the start of a line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Numbered {
    /// Which scheme.
    pub kind: NumberKind,
    /// The number's value (for decimal numbers, the last component).
    pub value: u32,
    /// Length in chars of the number and the separator after it.
    pub prefix_chars: usize,
}

const CHINESE_DIGITS: &str = "〇零一二两三四五六七八九十百千";

/// Value of a Chinese numeral such as `十二` or `一百零三`; `None` for anything else.
pub fn chinese_numeral_value(s: &str) -> Option<u32> {
    let s: String = s.chars().map(fold_radical).collect();
    if s.is_empty() || !s.chars().all(|c| CHINESE_DIGITS.contains(c)) {
        return None;
    }
    let mut total = 0u32;
    let mut current = 0u32;
    for c in s.chars() {
        let digit = match c {
            '〇' | '零' => Some(0),
            '一' => Some(1),
            '二' | '两' => Some(2),
            '三' => Some(3),
            '四' => Some(4),
            '五' => Some(5),
            '六' => Some(6),
            '七' => Some(7),
            '八' => Some(8),
            '九' => Some(9),
            _ => None,
        };
        if let Some(d) = digit {
            current = d;
            continue;
        }
        let unit = match c {
            '十' => 10,
            '百' => 100,
            _ => 1000,
        };
        total += current.max(1) * unit;
        current = 0;
    }
    Some(total + current)
}

/// Recognises a heading number at the start of `line` (leading whitespace already removed).
pub fn parse_numbering(line: &str) -> Option<Numbered> {
    // PDF text writes `第⼀章` with a radical for 一; the number is the same.
    let chars: Vec<char> = line.chars().take(24).map(fold_radical).collect();
    if chars.is_empty() {
        return None;
    }
    // 第X章 / 第X节 / 第X条 / 第X编 / 第X部分 / 第X卷
    if chars[0] == '第' {
        let digits: String = chars[1..]
            .iter()
            .take_while(|c| CHINESE_DIGITS.contains(**c) || c.is_ascii_digit())
            .collect();
        let n = digits.chars().count();
        if n == 0 {
            return None;
        }
        let value = chinese_numeral_value(&digits).or_else(|| digits.parse().ok())?;
        let rest: String = chars[1 + n..].iter().collect();
        let (kind, unit_len) = if rest.starts_with(['章', '回', '讲', '课', '幕']) {
            (NumberKind::Chapter, 1)
        } else if rest.starts_with('节') {
            (NumberKind::Section, 1)
        } else if rest.starts_with('条') {
            (NumberKind::Article, 1)
        } else if rest.starts_with(['编', '卷', '篇']) {
            (NumberKind::Part, 1)
        } else if rest.starts_with("分编") {
            (NumberKind::SubPart, 2)
        } else if rest.starts_with("部分") {
            (NumberKind::Part, 2)
        } else {
            return None;
        };
        let spaces = chars[1 + n + unit_len..]
            .iter()
            .take_while(|c| c.is_whitespace())
            .count();
        return Some(Numbered {
            kind,
            value,
            prefix_chars: 1 + n + unit_len + spaces,
        });
    }
    // （一） (一) （1） (1)
    if matches!(chars[0], '（' | '(') {
        let inner: String = chars[1..]
            .iter()
            .take_while(|c| **c != '）' && **c != ')')
            .collect();
        let n = inner.chars().count();
        if n == 0 || n > 4 || chars.len() <= 1 + n {
            return None;
        }
        let kind_value = if let Some(v) = chinese_numeral_value(&inner) {
            (NumberKind::ChineseParen, v)
        } else if inner.chars().all(|c| c.is_ascii_digit()) {
            (NumberKind::ArabicParen, inner.parse().ok()?)
        } else {
            return None;
        };
        let spaces = chars[2 + n..]
            .iter()
            .take_while(|c| c.is_whitespace())
            .count();
        return Some(Numbered {
            kind: kind_value.0,
            value: kind_value.1,
            prefix_chars: 2 + n + spaces,
        });
    }
    // ①…⑳
    if ('①'..='⑳').contains(&chars[0]) {
        let spaces = chars[1..].iter().take_while(|c| c.is_whitespace()).count();
        return Some(Numbered {
            kind: NumberKind::Circled,
            value: chars[0] as u32 - '①' as u32 + 1,
            prefix_chars: 1 + spaces,
        });
    }
    // 一、 十二、 一．
    let cn: String = chars
        .iter()
        .take_while(|c| CHINESE_DIGITS.contains(**c))
        .collect();
    let cn_len = cn.chars().count();
    if cn_len > 0 && cn_len <= 4 && matches!(chars.get(cn_len), Some('、' | '．')) {
        let value = chinese_numeral_value(&cn)?;
        let spaces = chars[cn_len + 1..]
            .iter()
            .take_while(|c| c.is_whitespace())
            .count();
        return Some(Numbered {
            kind: NumberKind::ChineseComma,
            value,
            prefix_chars: cn_len + 1 + spaces,
        });
    }
    parse_arabic(&chars)
}

/// The value of a line that is nothing but a section numeral: `一` … `九十九`, `1` … `99`
/// (ASCII or full-width digits), with any spaces around it. Whether such lines are headings
/// depends on their sequence in the text; see the structure detector.
pub fn bare_numeral(line: &str) -> Option<u32> {
    // A numeral line is a few chars and some spaces: do not copy a paragraph to find out.
    if line.len() > 64 {
        return None;
    }
    let folded: String = line.chars().map(fold_radical).collect();
    let t = folded.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}');
    let n = t.chars().count();
    if n == 0 || n > 3 {
        return None;
    }
    let value = if t
        .chars()
        .all(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
    {
        t.chars()
            .map(|c| c.to_digit(10).unwrap_or_else(|| c as u32 - '０' as u32))
            .try_fold(0u32, |acc, d| acc.checked_mul(10)?.checked_add(d))?
    } else {
        if t.contains(['百', '千', '〇', '零', '两']) {
            return None;
        }
        chinese_numeral_value(t)?
    };
    (1..=99).contains(&value).then_some(value)
}

/// `1.` / `1．` / `1、` / `1.2.3 ` / `1 ` at the start of a line.
fn parse_arabic(chars: &[char]) -> Option<Numbered> {
    let mut components = Vec::new();
    let mut i = 0;
    loop {
        let start = i;
        while i < chars.len() && chars[i].is_ascii_digit() {
            i += 1;
        }
        if i == start || i - start > 2 {
            return None;
        }
        let value: u32 = chars[start..i].iter().collect::<String>().parse().ok()?;
        components.push(value);
        match chars.get(i) {
            Some('.' | '．') if chars.get(i + 1).is_some_and(|c| c.is_ascii_digit()) => {
                if components.len() >= 4 {
                    return None;
                }
                i += 1;
            }
            _ => break,
        }
    }
    let value = *components.last()?;
    let depth = components.len() as u8;
    let next = chars.get(i).copied();
    let spaces_after = |from: usize| {
        chars[from..]
            .iter()
            .take_while(|c| c.is_whitespace())
            .count()
    };
    match next {
        Some('.' | '．' | '、') if depth == 1 => {
            // "1.5万" is a number, not a heading: the separator must not be followed by a digit.
            if chars.get(i + 1).is_some_and(|c| c.is_ascii_digit()) {
                return None;
            }
            Some(Numbered {
                kind: NumberKind::ArabicDot,
                value,
                prefix_chars: i + 1 + spaces_after(i + 1),
            })
        }
        Some(c) if c.is_whitespace() => {
            let spaces = spaces_after(i);
            // A decimal section number is followed by a space and then text, not by a unit
            // ("2018 年" or "3 个").
            let after = chars.get(i + spaces)?;
            if after.is_ascii_digit() || "年月日个万亿元号时分秒%".contains(*after) {
                return None;
            }
            Some(Numbered {
                kind: NumberKind::Decimal(depth),
                value,
                prefix_chars: i + spaces,
            })
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(s: &str) -> Option<NumberKind> {
        parse_numbering(s).map(|n| n.kind)
    }

    #[test]
    fn chinese_numerals() {
        assert_eq!(chinese_numeral_value("一"), Some(1));
        assert_eq!(chinese_numeral_value("十"), Some(10));
        assert_eq!(chinese_numeral_value("十二"), Some(12));
        assert_eq!(chinese_numeral_value("二十"), Some(20));
        assert_eq!(chinese_numeral_value("一百四十三"), Some(143));
        assert_eq!(chinese_numeral_value("一百零三"), Some(103));
        assert_eq!(chinese_numeral_value("甲"), None);
    }

    #[test]
    fn kinds() {
        assert_eq!(kind("第一章 总纲"), Some(NumberKind::Chapter));
        assert_eq!(kind("第八节 人民法院"), Some(NumberKind::Section));
        assert_eq!(
            kind("第一百四十三条 中华人民共和国首都是北京。"),
            Some(NumberKind::Article)
        );
        assert_eq!(kind("第二部分 总体要求"), Some(NumberKind::Part));
        assert_eq!(
            kind("十二、坚持和完善党对“三农”工作的领导"),
            Some(NumberKind::ChineseComma)
        );
        assert_eq!(
            kind("（一）指导思想。全面贯彻"),
            Some(NumberKind::ChineseParen)
        );
        assert_eq!(kind("(二)目标任务"), Some(NumberKind::ChineseParen));
        assert_eq!(kind("1.加强领导"), Some(NumberKind::ArabicDot));
        assert_eq!(kind("2、完善制度"), Some(NumberKind::ArabicDot));
        assert_eq!(kind("（3）建立台账"), Some(NumberKind::ArabicParen));
        assert_eq!(kind("①提高认识"), Some(NumberKind::Circled));
        assert_eq!(kind("1 范围"), Some(NumberKind::Decimal(1)));
        assert_eq!(kind("3.2.1 术语"), Some(NumberKind::Decimal(3)));
    }

    #[test]
    fn numbers_that_are_not_headings() {
        assert_eq!(kind("1.5万亿元的投入"), None);
        assert_eq!(kind("2018年7月3日"), None);
        assert_eq!(kind("2018 年"), None);
        assert_eq!(kind("3 个方面"), None);
        assert_eq!(kind("第一次会议"), None);
        assert_eq!(kind("一是加强领导"), None);
        assert_eq!(kind("（作者：某某）"), None);
        assert_eq!(kind("100.人口"), None);
    }

    #[test]
    fn bare_numerals() {
        assert_eq!(bare_numeral("一"), Some(1));
        assert_eq!(bare_numeral("  十三 "), Some(13));
        assert_eq!(bare_numeral("\u{3000}\u{3000}四\u{3000}"), Some(4));
        assert_eq!(bare_numeral("12"), Some(12));
        assert_eq!(bare_numeral("３"), Some(3));
        assert_eq!(bare_numeral("一九一九"), None);
        assert_eq!(bare_numeral("二〇"), None);
        assert_eq!(bare_numeral("0"), None);
        assert_eq!(bare_numeral("好"), None);
        assert_eq!(bare_numeral(""), None);
    }

    #[test]
    fn chapter_units_of_novels_and_codes() {
        assert_eq!(kind("第一回 宴桃园豪杰三结义"), Some(NumberKind::Chapter));
        assert_eq!(kind("第三篇　积善之方"), Some(NumberKind::Part));
        assert_eq!(kind("第二分编 合同"), Some(NumberKind::SubPart));
        assert_eq!(kind("第二、要发畏心"), None);
        assert_eq!(kind("第一封信"), None);
        assert_eq!(kind("第三本书"), None);
        assert_eq!(kind("第⼀章 总则"), Some(NumberKind::Chapter));
        assert_eq!(bare_numeral("⼆"), Some(2));
    }

    #[test]
    fn prefix_lengths() {
        assert_eq!(parse_numbering("第一章 总纲").unwrap().prefix_chars, 4);
        assert_eq!(parse_numbering("（一）指导思想").unwrap().prefix_chars, 3);
        assert_eq!(parse_numbering("十二、坚持").unwrap().prefix_chars, 3);
        assert_eq!(parse_numbering("十二、坚持").unwrap().value, 12);
    }

    #[test]
    fn ranks_follow_official_nesting() {
        let order = [
            NumberKind::Chapter,
            NumberKind::Section,
            NumberKind::ChineseComma,
            NumberKind::ChineseParen,
            NumberKind::ArabicDot,
            NumberKind::ArabicParen,
        ];
        assert!(order.windows(2).all(|w| w[0].rank() < w[1].rank()));
    }
}

//! Display punctuation: text copied from web pages often has half-width `, : ; ! ? ( )` inside
//! Chinese sentences where full-width `，：；！？（）` are meant. The reader shows the full-width
//! forms; the source text is never changed.
//!
//! The mapping replaces one char by one char, so every char offset in the displayed text is
//! the same offset in the source text: selections, anchors and exports need no translation.
//!
//! Line breaking is done here too, by the rules of Chinese typesetting (行首/行尾禁则): closing
//! punctuation never starts a line, opening punctuation never ends one, `——` and `……` are not
//! split, and Latin words and numbers stay whole. The reader justifies the resulting lines.

use super::lines::is_cjk;

/// The 214 Kangxi radicals U+2F00–U+2FD5 as the ideographs they stand for (their NFKC forms).
const KANGXI: &str = "一丨丶丿乙亅二亠人儿入八冂冖冫几凵刀力勹匕匚匸十卜卩厂厶又口囗土士夂夊夕大女子宀寸小尢尸屮山巛工己巾干幺广廴廾弋弓彐彡彳心戈戶手支攴文斗斤方无日曰月木欠止歹殳毋比毛氏气水火爪父爻爿片牙牛犬玄玉瓜瓦甘生用田疋疒癶白皮皿目矛矢石示禸禾穴立竹米糸缶网羊羽老而耒耳聿肉臣自至臼舌舛舟艮色艸虍虫血行衣襾見角言谷豆豕豸貝赤走足身車辛辰辵邑酉釆里金長門阜隶隹雨靑非面革韋韭音頁風飛食首香馬骨高髟鬥鬯鬲鬼魚鳥鹵鹿麥麻黃黍黑黹黽鼎鼓鼠鼻齊齒龍龜龠";

/// CJK Radicals Supplement code points that PDF text extraction emits for whole characters,
/// with the ideograph each stands for (Unicode's EquivalentUnifiedIdeograph data).
const RADICAL_SUPPLEMENT: [(char, char); 34] = [
    ('⺟', '母'),
    ('⺠', '民'),
    ('⺼', '月'),
    ('⻁', '虎'),
    ('⻄', '西'),
    ('⻅', '见'),
    ('⻆', '角'),
    ('⻉', '贝'),
    ('⻊', '𧾷'),
    ('⻋', '车'),
    ('⻓', '长'),
    ('⻔', '门'),
    ('⻘', '青'),
    ('⻙', '韦'),
    ('⻚', '页'),
    ('⻛', '风'),
    ('⻜', '飞'),
    ('⻝', '食'),
    ('⻢', '马'),
    ('⻣', '骨'),
    ('⻤', '鬼'),
    ('⻥', '鱼'),
    ('⻦', '鸟'),
    ('⻧', '卤'),
    ('⻨', '麦'),
    ('⻩', '黄'),
    ('⻪', '黾'),
    ('⻬', '齐'),
    ('⻮', '齿'),
    ('⻰', '龙'),
    ('⻳', '龟'),
    ('⻌', '辶'),
    ('⻏', '阝'),
    ('⻖', '阝'),
];

/// The ideograph a radical code point stands for (`⼀` → `一`, `⺠` → `民`); any other char
/// as it is. Text extracted from PDFs is full of these look-alikes: they display the same in
/// some fonts but are not found by search and break heading numbers (`第⼀章`).
pub fn fold_radical(c: char) -> char {
    match c as u32 {
        0x2F00..=0x2FD5 => KANGXI
            .chars()
            .nth((c as u32 - 0x2F00) as usize)
            .unwrap_or(c),
        0x2E80..=0x2EFF => RADICAL_SUPPLEMENT
            .iter()
            .find(|(r, _)| *r == c)
            .map_or(c, |(_, ideograph)| *ideograph),
        _ => c,
    }
}

/// The text as the reader shows it: half-width punctuation in Chinese context replaced by its
/// full-width form and radical code points by their ideographs, char for char.
pub fn display_text(source: &str) -> String {
    let chars: Vec<char> = source.chars().map(fold_radical).collect();
    let mut out: Vec<char> = chars.clone();
    // Indices of '(' still open, with whether each was converted.
    let mut open: Vec<(usize, bool)> = Vec::new();
    for i in 0..chars.len() {
        let prev = i.checked_sub(1).map(|j| chars[j]);
        let next = chars.get(i + 1).copied();
        // Curly quotes count as Chinese context: `“两个一百年”,` is a Chinese comma.
        let chinese = |c: char| is_cjk(c) || matches!(c, '“' | '”' | '‘' | '’');
        let cjk_before = prev.is_some_and(chinese);
        let cjk_after = next.is_some_and(chinese);
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

/// A four-per-em space (U+2005): the quarter em the reader puts between Han and Latin.
pub const QUARTER_EM_SPACE: char = '\u{2005}';

/// A title or heading as the reader shows it, in plain text for places that cannot space it
/// themselves (a window title, the headings of an exported file): [`display_text`], with a
/// quarter-em space ([`QUARTER_EM_SPACE`]) wherever the reader puts the Han–Latin gap
/// (`第1章` → `第 1 章`). The PDF export sets the gap itself and does not use this.
pub fn display_heading(source: &str) -> String {
    let text = display_text(source);
    let chars: Vec<char> = text.chars().collect();
    let only_gaps = super::spacing::Spacing {
        compress_punctuation: false,
        line_edges: false,
        ..super::spacing::Spacing::default()
    };
    let gaps = super::spacing::gaps(&chars, only_gaps);
    let mut out = String::with_capacity(text.len() + 8);
    for (c, gap) in chars.iter().zip(gaps) {
        out.push(*c);
        if gap > 0.0 {
            out.push(QUARTER_EM_SPACE);
        }
    }
    out
}

/// `text` ready to stand inside “”, per GB/T 15834: its own double quotation marks become
/// single ones and its single ones double, so that `他说“两个一百年”` quoted reads
/// `“他说‘两个一百年’”`; corner brackets 「」『』 swap the same way.
pub fn nested_quote(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '“' => '‘',
            '”' => '’',
            '‘' => '“',
            '’' => '”',
            '「' => '『',
            '」' => '』',
            '『' => '「',
            '』' => '」',
            other => other,
        })
        .collect()
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

/// Chars that must not start a line.
const NO_LINE_START: &str = "，。、：；！？）］｝」』】〕〉》〗〙〛〞〟”’…‥—–-·・%‰℃,.:;!?)]}ー々〻ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ";
/// Chars that must not end a line.
const NO_LINE_END: &str = "（［｛「『【〔〈《〖〘〚〝“‘([{";

/// Whether `c` may not begin a line.
pub fn forbids_line_start(c: char) -> bool {
    NO_LINE_START.contains(c)
}

/// Whether `c` may not end a line.
pub fn forbids_line_end(c: char) -> bool {
    NO_LINE_END.contains(c)
}

/// Whether a line may break between `a` and `b`.
pub fn break_allowed(a: char, b: char) -> bool {
    if forbids_line_end(a) || forbids_line_start(b) {
        return false;
    }
    // Keep Latin words and numbers whole (break at spaces or next to CJK).
    let word = |c: char| {
        c.is_alphanumeric() && !is_cjk(c) || "_'’-./%@#&+".contains(c) && !c.is_whitespace()
    };
    if word(a) && word(b) {
        return false;
    }
    // `——` and `……` stay together.
    !(a == b && (a == '—' || a == '…'))
}

/// For each char position `i` (0..=n), whether a grapheme cluster starts there: a line may
/// only break at one, so that an emoji with ZWJ or a base with its combining marks stays whole.
pub fn cluster_starts(chars: &[char]) -> Vec<bool> {
    use unicode_segmentation::UnicodeSegmentation;
    let text: String = chars.iter().collect();
    let mut starts = vec![false; chars.len() + 1];
    starts[chars.len()] = true;
    let mut char_index = 0;
    for cluster in text.graphemes(true) {
        starts[char_index] = true;
        char_index += cluster.chars().count();
    }
    starts
}

/// Chars after which a URL or a long Latin word may break when it does not fit on a line.
const SOFT_BREAK_AFTER: &str = "/.-?&=_#~:;,";

/// Breaks a paragraph into lines no wider than `max_width`. `widths[i]` is the advance of
/// `chars[i]`; the first line starts `first_indent` in. Returns char ranges; trailing spaces
/// stay at the end of their line (they take no room when justified).
///
/// Lines break where Chinese typesetting allows (see [`break_allowed`]) and only between
/// grapheme clusters. A Latin word or URL longer than a whole line starts where it is and
/// breaks after `/ . - ? &` (or, failing those, between any two clusters), so that no line is
/// left ragged in front of it.
pub fn break_lines(
    chars: &[char],
    widths: &[f32],
    max_width: f32,
    first_indent: f32,
) -> Vec<std::ops::Range<usize>> {
    break_lines_pushing_in(chars, widths, &[], max_width, first_indent)
}

/// Like [`break_lines`], with punctuation compression as a justification resource (clreq
/// §3.8, 推入): when a mark that may not start a line (`。`, `”`…) does not fit at the end of a
/// line, it stays there if the line's marks can give up that much of their blank halves
/// (`shrink[i]`: how much the space after char `i` can shrink, see
/// [`super::spacing::shrink`]) — rather than taking the char before it down to the next line
/// and leaving this one loose. The typesetter then takes the room from those blanks.
pub fn break_lines_pushing_in(
    chars: &[char],
    widths: &[f32],
    shrink: &[f32],
    max_width: f32,
    first_indent: f32,
) -> Vec<std::ops::Range<usize>> {
    debug_assert_eq!(chars.len(), widths.len());
    let n = chars.len();
    let starts = cluster_starts(chars);
    let url = url_chars(chars);
    // Inside a URL a line may break after `/ ? & = #` (not inside `//`), so that a URL starts
    // where it stands instead of leaving a ragged line before it; elsewhere it is one word.
    let can_break = |b: usize| {
        starts[b]
            && if url[b - 1] && url[b] {
                "/?&=#".contains(chars[b - 1]) && chars[b] != '/'
            } else {
                break_allowed(chars[b - 1], chars[b])
            }
    };
    let mut lines = Vec::new();
    let mut start = 0;
    let mut avail = (max_width - first_indent).max(1.0);
    while start < n {
        let mut width = 0.0;
        let mut squeeze = 0.0;
        let mut end = start;
        while end < n {
            let w = widths[end];
            let s = shrink.get(end).copied().unwrap_or(0.0);
            // Spaces may hang past the margin.
            if width + w > avail + 0.01 && !chars[end].is_whitespace() && end > start {
                // Push in: the line's blanks make room for a mark that may not start a line
                // (what the last char's own space would give is not counted: it ends the line).
                let fits = width + w - squeeze <= avail + 0.01;
                if !(fits && forbids_line_start(chars[end]) && starts[end]) {
                    break;
                }
            }
            width += w;
            squeeze += s;
            end += 1;
        }
        if end < n {
            // Move the break back to an allowed position.
            let mut b = end;
            while b > start + 1 && !can_break(b) {
                b -= 1;
            }
            let allowed = b > start + 1 || can_break(start + 1);
            // Only a Latin word or URL starts in place; CJK held together by kinsoku moves.
            let word_too_long = allowed
                && chars[b].is_ascii_alphanumeric()
                && longer_than(chars, widths, &can_break, b, max_width);
            end = if allowed && !word_too_long {
                b
            } else {
                soft_break(chars, &starts, start, end)
            };
        }
        let end = end.max(start + 1);
        // Never end inside a cluster (a line narrower than one cluster holds it whole).
        let mut end = end;
        while end < n && !starts[end] {
            end += 1;
        }
        lines.push(start..end);
        start = end;
        avail = max_width.max(1.0);
    }
    lines
}

/// Which chars belong to a URL (`http://…`, `https://…`, `www.…`), up to the next space,
/// CJK character or closing bracket.
fn url_chars(chars: &[char]) -> Vec<bool> {
    let mut out = vec![false; chars.len()];
    let starts_with = |i: usize, p: &str| {
        p.chars()
            .enumerate()
            .all(|(k, c)| chars.get(i + k).is_some_and(|d| d.eq_ignore_ascii_case(&c)))
    };
    let mut i = 0;
    while i < chars.len() {
        let at_word_start = i == 0 || !chars[i - 1].is_ascii_alphanumeric();
        if at_word_start
            && (starts_with(i, "http://") || starts_with(i, "https://") || starts_with(i, "www."))
        {
            let mut j = i;
            while j < chars.len()
                && chars[j].is_ascii_graphic()
                && !matches!(chars[j], ')' | ']' | '>' | '"' | '\'')
            {
                out[j] = true;
                j += 1;
            }
            i = j.max(i + 1);
        } else {
            i += 1;
        }
    }
    out
}

/// Whether the unbreakable run starting at `from` is wider than a whole line (scanning at
/// most one line's worth, so that breaking stays linear).
fn longer_than(
    chars: &[char],
    widths: &[f32],
    can_break: &impl Fn(usize) -> bool,
    from: usize,
    max_width: f32,
) -> bool {
    let mut width = 0.0;
    let mut i = from;
    while i < chars.len() {
        width += widths[i];
        if width > max_width {
            return true;
        }
        i += 1;
        if i < chars.len() && can_break(i) {
            return false;
        }
    }
    false
}

/// Where a run that cannot break normally breaks in the line `start..end`: after the last
/// URL separator, else at the last cluster boundary that breaks no kinsoku rule, else at the
/// last cluster boundary, else at `end`.
fn soft_break(chars: &[char], starts: &[bool], start: usize, end: usize) -> usize {
    let after_separator = (start + 2..=end).rev().find(|&b| {
        starts[b] && SOFT_BREAK_AFTER.contains(chars[b - 1]) && !forbids_line_start(chars[b])
    });
    let polite = |b: usize| !forbids_line_start(chars[b]) && !forbids_line_end(chars[b - 1]);
    after_separator
        .or_else(|| (start + 1..=end).rev().find(|&b| starts[b] && polite(b)))
        .or_else(|| (start + 1..=end).rev().find(|&b| starts[b]))
        .unwrap_or(end)
}

/// Like [`break_lines`], but with lines of balanced length: the same number of lines as at
/// `max_width`, set in the narrowest measure that still needs no more lines. For titles, which
/// should break as `从严从实加强党的 / 基层党组织建设`, not leave `设` alone on the last line.
/// About 20 passes of [`break_lines`]: linear in the text.
pub fn break_lines_balanced(
    chars: &[char],
    widths: &[f32],
    max_width: f32,
    first_indent: f32,
) -> Vec<std::ops::Range<usize>> {
    let full = break_lines(chars, widths, max_width, first_indent);
    let count = full.len();
    if count < 2 {
        return full;
    }
    let total: f32 = widths.iter().sum::<f32>() + first_indent;
    let (mut lo, mut hi) = ((total / count as f32).min(max_width), max_width);
    for _ in 0..20 {
        let mid = (lo + hi) / 2.0;
        if break_lines(chars, widths, mid, first_indent).len() <= count {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    let balanced = break_lines(chars, widths, hi, first_indent);
    if balanced.len() == count {
        balanced
    } else {
        full
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn headings_get_the_readers_quarter_em_gaps() {
        let q = super::QUARTER_EM_SPACE;
        assert_eq!(
            super::display_heading("第1章 总则"),
            format!("第{q}1{q}章 总则")
        );
        assert_eq!(
            super::display_heading("2018年发布iPhone(新)"),
            format!("2018{q}年发布{q}iPhone（新）")
        );
        assert_eq!(super::display_heading("第 1 章"), "第 1 章", "spaces kept");
    }

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
        assert_eq!(display_text("“四个意识”,坚决"), "“四个意识”，坚决");
    }

    #[test]
    fn radicals_from_pdfs_show_as_ideographs() {
        assert_eq!(KANGXI.chars().count(), 214);
        let s = "⼀⼈为⺠，⻓⻛";
        assert_eq!(display_text(s), "一人为民，长风");
        assert_eq!(display_text(s).chars().count(), s.chars().count());
        assert_eq!(fold_radical('⿕'), '龠');
        assert_eq!(fold_radical('人'), '人');
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

    fn lines_of(s: &str, per_line: usize, indent: f32) -> Vec<String> {
        let chars: Vec<char> = s.chars().collect();
        let widths: Vec<f32> = chars
            .iter()
            .map(|&c| if is_cjk(c) { 1.0 } else { 0.5 })
            .collect();
        break_lines(&chars, &widths, per_line as f32, indent)
            .into_iter()
            .map(|r| chars[r].iter().collect())
            .collect()
    }

    #[test]
    fn closing_punctuation_never_starts_a_line() {
        let lines = lines_of("一二三四五。六七八九十", 5, 0.0);
        assert_eq!(lines, vec!["一二三四", "五。六七八", "九十"]);
    }

    #[test]
    fn opening_punctuation_never_ends_a_line() {
        let lines = lines_of("一二三四“五六七八”", 5, 0.0);
        assert_eq!(lines[0], "一二三四");
        assert!(lines[1].starts_with('“'));
    }

    #[test]
    fn indent_shortens_the_first_line() {
        let lines = lines_of("一二三四五六七八九十", 5, 2.0);
        assert_eq!(lines, vec!["一二三", "四五六七八", "九十"]);
    }

    #[test]
    fn latin_words_and_dashes_stay_whole() {
        let lines = lines_of("一二三abcd四", 4, 0.0);
        assert_eq!(lines, vec!["一二三", "abcd四"]);
        for width in 2..8 {
            let lines = lines_of("一二三四——五六七八九", width, 0.0);
            assert!(
                lines.iter().all(|l| !l.starts_with('—')),
                "width {width}: {lines:?}"
            );
        }
    }

    #[test]
    fn overlong_unbreakable_runs_are_cut() {
        let lines = lines_of("aaaaaaaaaaaaaaaaaaaa", 4, 0.0);
        assert!(lines.iter().all(|l| l.chars().count() <= 8));
        assert_eq!(lines.concat(), "aaaaaaaaaaaaaaaaaaaa");
    }

    #[test]
    fn every_char_is_placed_once() {
        let text = "（作者：董德兵，中国浦东干部学院副教授）“两个一百年”奋斗目标和中华民族伟大复兴的中国梦。";
        for width in 2..20 {
            let lines = lines_of(text, width, 2.0);
            assert_eq!(lines.concat(), text, "width {width}");
        }
    }

    #[test]
    fn balanced_lines_keep_the_line_count_and_even_out() {
        let chars: Vec<char> = "从严从实加强党的基层党组织建设".chars().collect();
        let widths = vec![10.0; chars.len()];
        // 15 chars in a 7-char measure: 7 / 7 / 1 unbalanced.
        let plain = break_lines(&chars, &widths, 70.0, 0.0);
        assert_eq!(plain.len(), 3);
        assert_eq!(plain[2].len(), 1);
        let balanced = break_lines_balanced(&chars, &widths, 70.0, 0.0);
        let lens: Vec<usize> = balanced.iter().map(|r| r.len()).collect();
        assert_eq!(lens, vec![5, 5, 5]);
        // Nothing lost, nothing repeated.
        assert_eq!(balanced.first().unwrap().start, 0);
        assert_eq!(balanced.last().unwrap().end, chars.len());
        // One line stays one line.
        assert_eq!(break_lines_balanced(&chars, &widths, 500.0, 0.0).len(), 1);
    }

    #[test]
    fn quotes_inside_quotes_alternate() {
        assert_eq!(nested_quote("实现“两个一百年”目标"), "实现‘两个一百年’目标");
        assert_eq!(nested_quote("‘内’与“外”"), "“内”与‘外’");
        assert_eq!(nested_quote("「甲」『乙』"), "『甲』「乙」");
        assert_eq!(nested_quote("没有引号"), "没有引号");
    }

    fn split_at_width(text: &str, width: f32) -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        let widths: Vec<f32> = chars
            .iter()
            .map(|c| if c.is_ascii() { 0.5 } else { 1.0 })
            .collect();
        break_lines(&chars, &widths, width, 0.0)
            .into_iter()
            .map(|r| chars[r].iter().collect())
            .collect()
    }

    #[test]
    fn clusters_stay_whole() {
        // A family emoji (three people joined by ZWJ) and an e with a combining acute.
        let text = "一二三👨\u{200D}👩\u{200D}👧四e\u{301}五六";
        for width in 1..8 {
            for line in split_at_width(text, width as f32) {
                assert!(
                    !line.starts_with('\u{200D}') && !line.starts_with('\u{301}'),
                    "{line:?}"
                );
                assert!(!line.ends_with('\u{200D}'), "{line:?}");
            }
        }
    }

    #[test]
    fn a_long_url_starts_in_place_and_breaks_after_a_separator() {
        let text = "参见https://example.com/articles/2018/party-building?id=42&page=3，再读。";
        let lines = split_at_width(text, 12.0);
        // The URL begins on the first line: no ragged `参见` line on its own.
        assert!(lines[0].starts_with("参见https"), "{lines:?}");
        for line in &lines[..lines.len() - 1] {
            let last = line.chars().last().unwrap();
            assert!(
                "/.-?&=_#~:;,".contains(last) || !last.is_ascii(),
                "broke mid-word: {lines:?}"
            );
        }
        assert_eq!(lines.concat(), text);
        // In a wide measure the first line fills up with the URL's beginning.
        let wide = split_at_width(text, 32.0);
        assert!(wide[0].chars().count() > 50, "{wide:?}");
        assert!(wide[0].ends_with(['/', '?', '&', '=', '#']), "{wide:?}");
        // A long English word with no separator breaks at the measure, whole clusters only.
        let word = "a".repeat(60);
        assert!(
            split_at_width(&word, 10.0)
                .iter()
                .all(|l| l.chars().count() == 20)
        );
    }

    #[test]
    fn a_mark_that_may_not_start_a_line_is_pushed_in_when_the_line_can_shrink() {
        let chars: Vec<char> = "一，二三，四五六七八。九十".chars().collect();
        let widths = vec![1.0; chars.len()];
        let gaps = crate::document::spacing::gaps(&chars, Default::default());
        let shrink = crate::document::spacing::shrink(&chars, &gaps, Default::default());
        // Two commas can give up half an em each: room for the full stop.
        let pushed = break_lines_pushing_in(&chars, &widths, &shrink, 10.0, 0.0);
        assert_eq!(pushed[0], 0..11);
        // Without that room, 八 goes down with it, as before.
        assert_eq!(break_lines(&chars, &widths, 10.0, 0.0)[0], 0..9);
        // Half the room is not enough.
        let half: Vec<f32> = shrink.iter().map(|s| s / 2.0).collect();
        assert_eq!(
            break_lines_pushing_in(&chars, &widths, &half, 10.0, 0.0)[0],
            0..9
        );
        // A Han char never pushes in.
        let chars: Vec<char> = "一，二三，四五六七八九十".chars().collect();
        let widths = vec![1.0; chars.len()];
        assert_eq!(
            break_lines_pushing_in(&chars, &widths, &shrink, 10.0, 0.0)[0],
            0..10
        );
    }
}

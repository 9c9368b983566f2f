//! Lines that describe an article rather than belong to it: breadcrumbs, dates, bylines,
//! sources, and the chrome of a saved web page (`字体:[ ]`, `打印本页`, footers).
//!
//! Text copied from a news or journal site carries all of these around the article; a reader
//! must lift the useful ones into [`super::Metadata`] and drop the rest.

use super::lines::{is_space, trim};

/// Labels that open a breadcrumb line (`当前位置:首页 > …`).
const BREADCRUMB_LABELS: [&str; 5] = [
    "当前位置",
    "您的位置",
    "您现在的位置",
    "所在位置",
    "现在位置",
];

/// Separators between breadcrumb levels.
const BREADCRUMB_SEPARATORS: [char; 5] = ['>', '›', '»', '→', '＞'];

/// Prefixes of lines that are page chrome, never content.
const CHROME_PREFIXES: [&str; 24] = [
    "Produced By",
    "Powered by",
    "Copyright",
    "copyright",
    "版权所有",
    "©",
    "主办单位",
    "承办单位",
    "技术支持",
    "网站标识码",
    "分享到",
    "扫一扫",
    "打印本页",
    "关闭窗口",
    "【打印】",
    "【关闭】",
    "[打印]",
    "[关闭]",
    "上一篇",
    "下一篇",
    "返回顶部",
    "【我要纠错】",
    "【字体",
    "相关链接",
];

/// Substrings that mark a line as chrome wherever they occur (short lines only).
const CHROME_MARKS: [&str; 3] = ["ICP备", "公网安备", "字体:[ ]"];

/// Labels of `label：value` pairs found in article headers and footers.
const META_KEYS: [&str; 22] = [
    "发布日期",
    "发布时间",
    "发表时间",
    "更新时间",
    "日期",
    "时间",
    "文章来源",
    "信息来源",
    "来源",
    "作者单位",
    "作者",
    "责任编辑",
    "编辑",
    "字体",
    "字号",
    "浏览次数",
    "点击数",
    "阅读数",
    "浏览量",
    "点击",
    "阅读",
    "访问量",
];

/// Facts found in one metadata line.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct LineMeta {
    /// A `YYYY-MM-DD` date.
    pub date: Option<String>,
    /// An author name.
    pub author: Option<String>,
    /// The author's affiliation.
    pub affiliation: Option<String>,
    /// A source (`来源：…`).
    pub source: Option<String>,
}

/// End-of-chapter formulas of web novels and download sites (`(本章完)`), once the brackets
/// around them are removed.
const CHAPTER_END_MARKS: [&str; 6] = ["本章完", "本章结束", "本节完", "本回完", "未完待续", "待续"];

/// Words of the banners that download sites and scanners put into texts they pass on.
const BANNER_WORDS: [&str; 8] = [
    "下载",
    "电子书",
    "小说网",
    "书库",
    "整理",
    "收集",
    "免费阅读",
    "更多精彩",
];

/// Whether the whole line is page chrome to drop.
pub fn is_chrome(line: &str) -> bool {
    let t = trim(line);
    if t.is_empty() {
        return false;
    }
    if CHROME_PREFIXES.iter().any(|p| t.starts_with(p)) {
        return true;
    }
    // Chrome is short; a paragraph is decided by its first 61 chars, not scanned further.
    if t.chars().nth(60).is_some() {
        return false;
    }
    if CHROME_MARKS.iter().any(|m| t.contains(m)) {
        return true;
    }
    let bare = t.trim_matches([
        '(', ')', '（', '）', '[', ']', '【', '】', '-', '—', ' ', '…', '.',
    ]);
    if CHAPTER_END_MARKS.contains(&bare) || is_page_number(t) {
        return true;
    }
    // A download site's banner: a web address together with what the site offers.
    has_web_address(t) && BANNER_WORDS.iter().any(|w| t.contains(w))
}

/// Pagination left in text extracted from a PDF or a scan: `- 12 -`, `—12—`, `第 3 页`,
/// `第3页 共20页`, `3/20`, `Page 3`.
pub fn is_page_number(t: &str) -> bool {
    let t = t.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}');
    // Pagination is a few chars: a paragraph is not copied to find out.
    if t.len() > 40 {
        return false;
    }
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    let inner = t.trim_matches(['-', '—', '–', ' ']);
    if inner.len() < t.len() && digits(inner.trim()) {
        return true;
    }
    // Typesetters without a dash at hand flank the number with 一 on both sides: `一13一`.
    if let Some(inner) = t.strip_prefix('一').and_then(|r| r.strip_suffix('一'))
        && digits(inner.trim())
    {
        return true;
    }
    if let Some((a, b)) = t.split_once('/')
        && digits(a.trim())
        && digits(b.trim())
    {
        return true;
    }
    let no_space: String = t
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{3000}')
        .collect();
    if let Some(rest) = no_space.strip_prefix('第')
        && let Some((n, after)) = rest.split_once('页')
        && digits(n)
    {
        return after.is_empty()
            || after
                .strip_prefix('共')
                .and_then(|a| a.strip_suffix('页'))
                .is_some_and(digits)
            || after.strip_prefix("/").is_some_and(digits);
    }
    no_space
        .strip_prefix("Page")
        .or_else(|| no_space.strip_prefix("page"))
        .is_some_and(digits)
}

fn has_web_address(t: &str) -> bool {
    let lower = t.to_ascii_lowercase();
    lower.contains("www.")
        || lower.contains("http")
        || [".com", ".net", ".cn", ".org", ".cc"]
            .iter()
            .any(|d| lower.contains(d))
}

/// Dynasty or nationality markers before an author's name: `[清]刘鹗`, `（明）袁了凡`, `清·`.
fn strip_dynasty(t: &str) -> &str {
    for (open, close) in [
        ('[', ']'),
        ('【', '】'),
        ('〔', '〕'),
        ('（', '）'),
        ('(', ')'),
    ] {
        if let Some(rest) = t.strip_prefix(open)
            && let Some(end) = rest.find(close)
            && rest[..end].chars().count() <= 3
        {
            return trim(&rest[end + close.len_utf8()..]);
        }
    }
    if let Some((era, rest)) = t.split_once(['·', '•'])
        && era.chars().count() <= 2
    {
        return trim(rest);
    }
    t
}

/// Labels that open a part of a text and are never names.
const SECTION_LABELS: [&str; 24] = [
    "序", "序言", "自序", "前言", "引言", "导言", "导读", "引子", "楔子", "题记", "目录", "说明",
    "凡例", "摘要", "提要", "正文", "上篇", "下篇", "上卷", "下卷", "后记", "附录", "注释", "尾声",
];

/// The author line under a title: a name of two to four ideographs, or up to three names,
/// with an optional dynasty (`[清]刘鹗`) and an optional `著`/`撰`/`编`. Returns the name(s).
pub fn author_line(line: &str) -> Option<String> {
    let t = trim(line);
    let compact: String = t
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{3000}')
        .collect();
    if SECTION_LABELS.contains(&compact.as_str()) {
        return None;
    }
    let had_dynasty = strip_dynasty(t).len() < t.len();
    let names = strip_dynasty(t);
    let names = names
        .strip_suffix(['著', '撰', '编', '译'])
        .map(trim)
        .unwrap_or(names);
    let parts: Vec<&str> = names
        .split(|c: char| c.is_whitespace() || c == '\u{3000}' || c == '、')
        .filter(|p| !p.is_empty())
        .collect();
    let is_name = |p: &str| {
        let n = p.chars().count();
        (2..=4).contains(&n) && p.chars().all(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c))
    };
    // A lone two-to-four-ideograph line could be a short heading; a spaced pair (`鲁 迅`) or a
    // dynasty marker says it is a name.
    let ok = !parts.is_empty()
        && parts.len() <= 3
        && parts.iter().all(|p| is_name(p) || p.chars().count() == 1);
    if !ok {
        return None;
    }
    let joined = if parts.iter().all(|p| p.chars().count() == 1) {
        parts.concat()
    } else {
        parts.join("、")
    };
    let n = joined.chars().count();
    // Without a dynasty marker, a short line under the title could as well be a heading: the
    // name must start with a family name.
    let plausible = had_dynasty || joined.split('、').all(starts_with_surname);
    ((2..=14).contains(&n) && plausible).then_some(joined)
}

/// The most common Chinese family names (together well over 90 % of the population) and the
/// compound ones that authors of classics bear.
const SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤鲁柳施文欧阳司马诸葛上官东方皇甫尉迟公孙令狐慕容屈辛庄蒲纪班左岳柏牛乔温齐储瞿聂";

fn starts_with_surname(name: &str) -> bool {
    name.chars().next().is_some_and(|c| SURNAMES.contains(c))
}

/// A closing line that dates or credits the text rather than continues it: `一九一九年四月。`,
/// `1925年10月21日毕。`, `（实习生王金茹对此文亦有贡献）`.
pub fn colophon_line(line: &str) -> bool {
    let t = trim(line);
    let n = t.chars().count();
    if n == 0 || n > 40 {
        return false;
    }
    let inner = t
        .strip_prefix(['（', '('])
        .and_then(|s| s.strip_suffix(['）', ')']));
    if let Some(inner) = inner
        && ["实习生", "通讯员", "亦有贡献", "对本文", "供图", "校对"]
            .iter()
            .any(|w| inner.contains(w))
    {
        return true;
    }
    let t = t.trim_start_matches(['—', '-', ' ', '（', '(']);
    let t = t
        .strip_prefix("写于")
        .or_else(|| t.strip_prefix("作于"))
        .unwrap_or(t);
    let year: String = t.chars().take(4).collect();
    let year_ok = year.chars().count() == 4
        && (year.chars().all(|c| "〇零一二三四五六七八九".contains(c))
            || year.chars().all(|c| c.is_ascii_digit()));
    year_ok && t.chars().nth(4) == Some('年') && n <= 24 && !t.contains(['，', ','])
}

/// If the line opens a breadcrumb (`当前位置:`), the rest of the line after the label.
pub fn breadcrumb_start(line: &str) -> Option<&str> {
    let t = trim(line);
    let label = BREADCRUMB_LABELS.iter().find(|l| t.starts_with(*l))?;
    let rest = &t[label.len()..];
    Some(trim(rest.trim_start_matches([':', '：'])))
}

/// Whether a line can continue a breadcrumb that started on an earlier line: it starts with a
/// separator, or is a single short label such as `首页`.
pub fn continues_breadcrumb(line: &str) -> bool {
    let t = trim(line);
    if t.starts_with(BREADCRUMB_SEPARATORS) {
        return true;
    }
    let n = t.chars().count();
    n > 0
        && n <= 6
        && t.chars()
            .all(|c| !c.is_ascii_punctuation() && !"，。：；！？".contains(c))
}

/// Splits breadcrumb text into its levels.
pub fn breadcrumb_segments(text: &str) -> Vec<String> {
    text.split(|c| BREADCRUMB_SEPARATORS.contains(&c))
        .map(trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Finds the first date in `s` (`2018-11-08`, `2018/11/8`, `2018.11.08`, `2018年1月2日`) and
/// returns it as `YYYY-MM-DD` with its char range in `s`.
pub fn find_date(s: &str) -> Option<(String, std::ops::Range<usize>)> {
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    while i + 4 <= chars.len() {
        if let Some((date, len)) = date_at(&chars[i..]) {
            return Some((date, i..i + len));
        }
        i += 1;
    }
    None
}

/// Parses a date starting exactly at the beginning of `chars`.
fn date_at(chars: &[char]) -> Option<(String, usize)> {
    let digits = |from: usize, max: usize| -> (u32, usize) {
        let n = chars[from..]
            .iter()
            .take(max)
            .take_while(|c| c.is_ascii_digit())
            .count();
        let v = chars[from..from + n]
            .iter()
            .collect::<String>()
            .parse()
            .unwrap_or(0);
        (v, n)
    };
    let (year, ny) = digits(0, 4);
    if ny != 4 || !(1800..=2200).contains(&year) {
        return None;
    }
    let sep = *chars.get(4)?;
    let (month_sep, day_sep, end_mark) = match sep {
        '-' | '/' | '.' => (sep, sep, None),
        '年' => ('年', '月', Some('日')),
        _ => return None,
    };
    let _ = month_sep;
    let (month, nm) = digits(5, 2);
    if nm == 0 || !(1..=12).contains(&month) || chars.get(5 + nm) != Some(&day_sep) {
        return None;
    }
    let (day, nd) = digits(6 + nm, 2);
    if nd == 0 || !(1..=31).contains(&day) {
        return None;
    }
    let mut len = 6 + nm + nd;
    if let Some(mark) = end_mark {
        if chars.get(len) != Some(&mark) {
            return None;
        }
        len += 1;
    }
    if chars.get(len).is_some_and(|c| c.is_ascii_digit()) {
        return None;
    }
    Some((format!("{year:04}-{month:02}-{day:02}"), len))
}

/// Whether the line is nothing but a date, possibly with a label, brackets and a time
/// (`（2018年1月2日）`, `发布日期:2018-11-08`, `2018-11-08 10:30`).
pub fn pure_date(line: &str) -> Option<String> {
    let t = trim(line);
    let (date, range) = find_date(t)?;
    let chars: Vec<char> = t.chars().collect();
    let before: String = chars[..range.start].iter().collect();
    let after: String = chars[range.end..].iter().collect();
    let before_ok = trim(&before)
        .trim_start_matches(['（', '(', '['])
        .trim_end_matches([':', '：'])
        .trim()
        .is_empty()
        || META_KEYS.iter().any(|k| {
            trim(&before)
                .trim_end_matches([':', '：'])
                .trim()
                .ends_with(k)
        });
    let after_ok = trim(&after)
        .chars()
        .all(|c| c.is_ascii_digit() || ":：）)] ".contains(c));
    (before_ok && after_ok).then_some(date)
}

/// Parses a header/footer line made only of `label：value` pairs with known labels
/// (`发布日期:2018-11-08 字体:[ ]`, `来源：人民网 作者：张三`). `None` if any part is unknown.
pub fn key_value_line(line: &str) -> Option<LineMeta> {
    let t = trim(line);
    let key_at = |rest: &str| {
        META_KEYS.iter().copied().find(|k| {
            rest.starts_with(k) && matches!(rest[k.len()..].chars().next(), Some(':' | '：'))
        })
    };
    // Most lines are not metadata: decide on the first key before scanning the line.
    key_at(t)?;
    let chars: Vec<char> = t.chars().collect();
    // (char index, key length in chars) of every key, found in one pass over byte offsets.
    let mut found = Vec::new();
    let mut skip_until = 0;
    for (ci, (bi, _)) in t.char_indices().enumerate() {
        if ci < skip_until {
            continue;
        }
        if let Some(k) = key_at(&t[bi..]) {
            let klen = k.chars().count();
            found.push((ci, klen));
            skip_until = ci + klen + 1;
        }
    }
    let mut meta = LineMeta::default();
    for (n, &(start, klen)) in found.iter().enumerate() {
        let end = found.get(n + 1).map_or(chars.len(), |f| f.0);
        let key: String = chars[start..start + klen].iter().collect();
        let value: String = chars[start + klen + 1..end].iter().collect();
        // Pairs are often set apart by bars: `来源: | 发布时间: 2018-05-17 | 浏览次数: 2168`.
        let value = trim(trim(&value).trim_matches(['|', '｜'])).to_owned();
        match key.as_str() {
            "发布日期" | "发布时间" | "发表时间" | "更新时间" | "日期" | "时间"
                if meta.date.is_none() =>
            {
                meta.date = find_date(&value).map(|d| d.0);
            }
            "文章来源" | "信息来源" | "来源" if !value.is_empty() => {
                meta.source = Some(value)
            }
            "作者" if !value.is_empty() => {
                let (a, aff) = split_author(&value);
                meta.author = Some(a);
                meta.affiliation = aff;
            }
            "作者单位" if !value.is_empty() => meta.affiliation = Some(value),
            _ => {}
        }
    }
    Some(meta)
}

/// A line that opens with a date (and a time) and goes on with `label：value` pairs:
/// `2019年11月25日 16:04:30来源：澎湃新闻网`.
pub fn dated_line(line: &str) -> Option<LineMeta> {
    let t = trim(line);
    let (date, range) = find_date(t)?;
    if range.start != 0 {
        return None;
    }
    let rest: String = t.chars().skip(range.end).collect();
    let rest = rest.trim_start_matches(|c: char| c.is_ascii_digit() || c == ':' || is_space(c));
    let mut found = if rest.is_empty() {
        LineMeta::default()
    } else {
        key_value_line(rest)?
    };
    found.date = Some(date);
    Some(found)
}

/// A reporter's byline: `澎湃新闻记者 段彦超 廖艳`, `本报记者 张三 通讯员 李四` → the names
/// joined by `、`, and who they report for.
fn reporter_byline(t: &str) -> Option<(String, Option<String>)> {
    if t.chars().count() > 40 {
        return None;
    }
    let (outlet, rest) = t.split_once("记者")?;
    if outlet.chars().count() > 12 || outlet.contains(['，', '。', ',']) {
        return None;
    }
    let names: Vec<&str> = rest
        .split(|c: char| is_space(c) || "、，,".contains(c))
        .filter(|p| !p.is_empty() && !["通讯员", "实习生", "报道", "摄影"].contains(p))
        .collect();
    let is_name = |p: &&str| {
        (2..=4).contains(&p.chars().count())
            && p.chars().all(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c))
    };
    if names.is_empty() || !names.iter().all(is_name) {
        return None;
    }
    let outlet = trim(outlet);
    Some((
        names.join("、"),
        (!outlet.is_empty()).then(|| outlet.to_owned()),
    ))
}

/// Recognises a byline: `(作者:董德兵,中国浦东干部学院副教授)`, `作者：张三`, `文/张三`,
/// `澎湃新闻记者 段彦超 廖艳`.
pub fn byline(line: &str) -> Option<(String, Option<String>)> {
    let t = trim(line);
    if let Some(found) = reporter_byline(t) {
        return Some(found);
    }
    let inner = t
        .strip_prefix(['（', '('])
        .and_then(|s| s.strip_suffix(['）', ')']))
        .unwrap_or(t);
    let inner = trim(inner);
    let rest = ["作者：", "作者:", "作者 ", "文／", "文/", "撰文："]
        .iter()
        .find_map(|p| inner.strip_prefix(p))?;
    let rest = trim(rest);
    if rest.is_empty() || rest.chars().count() > 60 {
        return None;
    }
    let (name, aff) = split_author(rest);
    Some((name, aff))
}

/// Splits `董德兵,中国浦东干部学院副教授` into the name and the affiliation.
fn split_author(s: &str) -> (String, Option<String>) {
    match s.find([',', '，', '、', ' ', '\u{3000}', '（', '(']) {
        Some(pos) => {
            let name = trim(&s[..pos]).to_owned();
            let aff =
                trim(s[pos..].trim_start_matches([',', '，', '、', ' ', '\u{3000}', '（', '(']))
                    .trim_end_matches(['）', ')'])
                    .to_owned();
            (name, (!aff.is_empty()).then_some(aff))
        }
        None => (s.to_owned(), None),
    }
}

/// Splits a `【栏目】标题` line into the column and the title.
pub fn split_column(title: &str) -> (Option<String>, String) {
    let t = trim(title);
    if let Some(rest) = t.strip_prefix('【')
        && let Some(end) = rest.find('】')
    {
        let column = trim(&rest[..end]);
        let title = trim(&rest[end + '】'.len_utf8()..]);
        if !column.is_empty() && !title.is_empty() && column.chars().count() <= 12 {
            return (Some(column.to_owned()), title.to_owned());
        }
    }
    (None, t.to_owned())
}

/// Whether the line ends an article (`（完）`, `(全文完)`, `【责任编辑：…】`).
pub fn is_end_mark(line: &str) -> bool {
    let t = trim(line);
    matches!(
        t,
        "（完）" | "(完)" | "（全文完）" | "(全文完)" | "—完—" | "-完-"
    ) || (t.starts_with(['【', '[', '（', '(']) && t.contains("责任编辑"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chrome_lines() {
        assert!(is_chrome("Produced By 大汉网络 大汉版通发布系统----"));
        assert!(is_chrome("京ICP备05070218号"));
        assert!(is_chrome("【打印】【关闭】"));
        assert!(!is_chrome("习近平总书记强调，党的基层组织制度建设改革。"));
    }

    #[test]
    fn chapter_ends_pages_and_banners_are_chrome() {
        assert!(is_chrome("(本章完)"));
        assert!(is_chrome("（未完待续）"));
        assert!(is_chrome("- 12 -"));
        assert!(is_chrome("—3—"));
        assert!(is_chrome("一13一"));
        assert!(!is_chrome("一1"));
        assert!(is_chrome("第 3 页"));
        assert!(is_chrome("第3页 共20页"));
        assert!(is_chrome("3/20"));
        assert!(is_chrome("更多精彩小说请访问 www.example.com 免费下载"));
        assert!(!is_chrome("他翻到第3页，看见一行字。"));
        assert!(!is_chrome("本章完整地介绍了历史。"));
        assert!(!is_chrome("12"));
    }

    #[test]
    fn author_lines() {
        assert_eq!(author_line("袁了凡").as_deref(), Some("袁了凡"));
        assert_eq!(author_line("[清]刘鹗").as_deref(), Some("刘鹗"));
        assert_eq!(author_line("（明）冯梦龙 著").as_deref(), Some("冯梦龙"));
        assert_eq!(author_line("鲁　迅").as_deref(), Some("鲁迅"));
        assert_eq!(author_line("张三 李四").as_deref(), Some("张三、李四"));
        assert_eq!(author_line("前言"), None);
        assert_eq!(author_line("他来了。"), None);
        assert_eq!(author_line("坚持问题导向"), None);
        assert_eq!(author_line("标题一"), None);
        assert_eq!(author_line("欧阳修").as_deref(), Some("欧阳修"));
    }

    #[test]
    fn colophons() {
        assert!(colophon_line("一九一九年四月。"));
        assert!(colophon_line("1925年10月21日毕。"));
        assert!(colophon_line("（实习生王金茹对此文亦有贡献）"));
        assert!(!colophon_line(
            "一九一九年四月，他离开了北京，再也没有回来过。"
        ));
        assert!(!colophon_line("他说。"));
    }

    #[test]
    fn breadcrumbs() {
        assert_eq!(breadcrumb_start("当前位置:"), Some(""));
        assert_eq!(
            breadcrumb_start("您的位置：首页 > 新闻"),
            Some("首页 > 新闻")
        );
        assert!(continues_breadcrumb("首页"));
        assert!(continues_breadcrumb("> 学术研究 > 学术之声 > 学术交流"));
        assert!(!continues_breadcrumb(
            "【前线】从严从实加强党的基层党组织建设"
        ));
        assert_eq!(
            breadcrumb_segments("> 学术研究 > 学术之声 > 学术交流"),
            vec!["学术研究", "学术之声", "学术交流"]
        );
    }

    #[test]
    fn dates() {
        assert_eq!(
            find_date("发布日期:2018-11-08 字体:[ ]").unwrap().0,
            "2018-11-08"
        );
        assert_eq!(pure_date("（2018年1月2日）").as_deref(), Some("2018-01-02"));
        assert_eq!(pure_date("2018/3/5 10:30").as_deref(), Some("2018-03-05"));
        assert_eq!(
            pure_date("发布时间：2020.07.01").as_deref(),
            Some("2020-07-01")
        );
        assert_eq!(
            pure_date("1982年12月4日 第五届全国人民代表大会第五次会议通过"),
            None
        );
        assert_eq!(find_date("2018年13月2日"), None);
        assert_eq!(find_date("共12345678人"), None);
    }

    #[test]
    fn key_values() {
        let m = key_value_line("发布日期:2018-11-08 字体:[ ]").unwrap();
        assert_eq!(m.date.as_deref(), Some("2018-11-08"));
        let m = key_value_line("来源：人民网  作者：张三  发布时间：2021-01-02 08:00").unwrap();
        assert_eq!(m.source.as_deref(), Some("人民网"));
        assert_eq!(m.author.as_deref(), Some("张三"));
        assert_eq!(m.date.as_deref(), Some("2021-01-02"));
        assert!(key_value_line("主要表现在：农产品阶段性供过于求").is_none());
    }

    #[test]
    fn dated_lines_and_barred_pairs() {
        let m = dated_line("2019年11月25日 16:04:30来源：澎湃新闻网").unwrap();
        assert_eq!(m.date.as_deref(), Some("2019-11-25"));
        assert_eq!(m.source.as_deref(), Some("澎湃新闻网"));
        assert!(dated_line("2019年11月25日，他来到了北京。").is_none());
        let m = key_value_line("来源: | 发布时间: 2018-05-17 | 浏览次数: 2168").unwrap();
        assert_eq!(m.date.as_deref(), Some("2018-05-17"));
        assert_eq!(m.source, None);
    }

    #[test]
    fn bylines() {
        assert_eq!(
            byline("(作者:董德兵,中国浦东干部学院副教授)"),
            Some(("董德兵".into(), Some("中国浦东干部学院副教授".into())))
        );
        assert_eq!(byline("作者：李四"), Some(("李四".into(), None)));
        assert_eq!(byline("文/王五"), Some(("王五".into(), None)));
        assert_eq!(
            byline("澎湃新闻记者 段彦超 廖艳"),
            Some(("段彦超、廖艳".into(), Some("澎湃新闻".into())))
        );
        assert_eq!(
            byline("本报记者 张三 通讯员 李四"),
            Some(("张三、李四".into(), Some("本报".into())))
        );
        assert_eq!(byline("记者发现，这个问题很严重。"), None);
        assert_eq!(
            byline(
                "作者认为，这是一个问题。这个问题很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长"
            ),
            None
        );
    }

    #[test]
    fn columns() {
        assert_eq!(
            split_column("【前线】从严从实加强党的基层党组织建设"),
            (Some("前线".into()), "从严从实加强党的基层党组织建设".into())
        );
        assert_eq!(split_column("普通标题"), (None, "普通标题".into()));
    }
}

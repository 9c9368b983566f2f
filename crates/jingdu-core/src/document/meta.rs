//! Lines that describe an article rather than belong to it: breadcrumbs, dates, bylines,
//! sources, and the chrome of a saved web page (`字体:[ ]`, `打印本页`, footers).
//!
//! Text copied from a news or journal site carries all of these around the article; a reader
//! must lift the useful ones into [`super::Metadata`] and drop the rest.

use super::lines::trim;

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

/// Whether the whole line is page chrome to drop.
pub fn is_chrome(line: &str) -> bool {
    let t = trim(line);
    if t.is_empty() {
        return false;
    }
    if CHROME_PREFIXES.iter().any(|p| t.starts_with(p)) {
        return true;
    }
    t.chars().count() <= 60 && CHROME_MARKS.iter().any(|m| t.contains(m))
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
        let value = trim(&value).to_owned();
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

/// Recognises a byline: `(作者:董德兵,中国浦东干部学院副教授)`, `作者：张三`, `文/张三`.
pub fn byline(line: &str) -> Option<(String, Option<String>)> {
    let t = trim(line);
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
    fn bylines() {
        assert_eq!(
            byline("(作者:董德兵,中国浦东干部学院副教授)"),
            Some(("董德兵".into(), Some("中国浦东干部学院副教授".into())))
        );
        assert_eq!(byline("作者：李四"), Some(("李四".into(), None)));
        assert_eq!(byline("文/王五"), Some(("王五".into(), None)));
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

//! A journal article's source, read from the page furniture of its PDF: the running head
//! names the journal with its year, volume and issue (`第38卷第3期　北京大学学报（哲学社会科学版）
//! Vol.38 No.3`), and the page numbers give the article's pages in the printed issue — the
//! parts GB/T 7714 asks of a journal article (`刊名, 年, 卷(期): 起页-止页`).

/// Where an article appeared, as its running heads and page numbers say.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct JournalSource {
    /// The journal's name.
    pub name: Option<String>,
    /// `年, 卷(期)` as GB/T 7714 writes it: `2019, 38(3)`, or `2019(3)` without a volume.
    pub issue: Option<String>,
    /// The printed pages, `23-31`.
    pub pages: Option<String>,
}

/// Reads the journal from running heads (`heads`: the repeated lines dropped at the page
/// edges) and the article's pages from the page numbers printed on each page
/// (`numbers`: `(page in the file, printed number)`, in page order over `page_count` pages).
pub(super) fn journal_source(
    heads: &[String],
    numbers: &[(u32, u32)],
    page_count: u32,
) -> JournalSource {
    let mut source = JournalSource::default();
    for head in heads {
        let Some(issue) = issue_of(head) else {
            continue;
        };
        source.issue = Some(issue);
        source.name = name_of(head);
        break;
    }
    source.pages = printed_pages(numbers, page_count);
    source
}

/// The numbers after `marker`s in `text` (`第 38 卷` → 38 for `卷`).
fn number_before(text: &str, marker: char) -> Option<u32> {
    let at = text.find(marker)?;
    let digits: String = text[..at]
        .chars()
        .rev()
        .skip_while(|c| c.is_whitespace())
        .take_while(char::is_ascii_digit)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    digits.parse().ok()
}

/// The number after `prefix` (`No.3` → 3 for `No.`).
fn number_after(text: &str, prefix: &str) -> Option<u32> {
    let at = text.find(prefix)? + prefix.len();
    let digits: String = text[at..]
        .trim_start()
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}

/// `年, 卷(期)` from a running head that names an issue (`第3期`, `No.3`); a year alone is not
/// an issue (a book's running head may carry one).
fn issue_of(head: &str) -> Option<String> {
    let number = number_before(head, '期')
        .or_else(|| number_after(head, "No."))
        .or_else(|| number_after(head, "No"))?;
    let volume = number_before(head, '卷').or_else(|| number_after(head, "Vol."));
    let year = number_before(head, '年')
        .filter(|y| (1900..=2100).contains(y))
        .or_else(|| {
            // An English date in the head: `May 2019`.
            head.split(|c: char| !c.is_ascii_digit())
                .filter_map(|d| d.parse::<u32>().ok())
                .find(|y| (1900..=2100).contains(y))
        });
    Some(match (year, volume) {
        (Some(y), Some(v)) => format!("{y}, {v}({number})"),
        (Some(y), None) => format!("{y}({number})"),
        (None, Some(v)) => format!("{v}({number})"),
        (None, None) => format!("({number})"),
    })
}

/// The journal's name in a running head: the longest run of Chinese (with a bracketed
/// edition, `（哲学社会科学版）`) once the year, volume and issue are taken out.
fn name_of(head: &str) -> Option<String> {
    let mut runs: Vec<String> = Vec::new();
    let mut run = String::new();
    let mut depth = 0usize;
    for c in head.chars() {
        let han = ('\u{4e00}'..='\u{9fff}').contains(&c);
        let open = matches!(c, '（' | '(');
        let close = matches!(c, '）' | ')');
        if han || (open && !run.is_empty()) || (depth > 0 && !close) {
            depth += usize::from(open);
            run.push(c);
        } else if close && depth > 0 {
            depth -= 1;
            run.push(c);
        } else {
            runs.push(std::mem::take(&mut run));
        }
    }
    runs.push(run);
    runs.into_iter()
        .map(|r| r.trim_matches(['《', '》']).to_owned())
        // `第卷第期`, `年月`: what is left of the issue once its digits are gone.
        .filter(|r| {
            let rest: String = r.chars().filter(|c| !"第卷期年月日".contains(*c)).collect();
            rest.chars().count() >= 2
        })
        .max_by_key(|r| r.chars().count())
}

/// The printed pages of the article, when the page numbers count up with the pages of the
/// file (an article starting on page 23 of its issue numbers its pages 23, 24, …).
fn printed_pages(numbers: &[(u32, u32)], page_count: u32) -> Option<String> {
    // The offset most page numbers agree on.
    let mut offsets: Vec<i64> = numbers
        .iter()
        .map(|&(page, printed)| i64::from(printed) - i64::from(page))
        .collect();
    offsets.sort_unstable();
    let (offset, agree) = offsets
        .chunk_by(|a, b| a == b)
        .map(|run| (run[0], run.len()))
        .max_by_key(|&(_, n)| n)?;
    // Half the pages numbered alike, at least two: a count, not a coincidence.
    if agree < 2 || agree * 2 < page_count as usize || offset < 0 {
        return None;
    }
    let first = 1 + offset;
    let last = i64::from(page_count) + offset;
    Some(if first == last {
        first.to_string()
    } else {
        format!("{first}-{last}")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_running_head_names_the_journal_and_its_issue() {
        let heads = [
            "从“精读”到“细读”：文本细读方法论".to_owned(),
            "第 38 卷第 3 期 北京大学学报（哲学社会科学版） Vol.38 No.3".to_owned(),
        ];
        let source = journal_source(&heads, &[], 0);
        assert_eq!(
            source.name.as_deref(),
            Some("北京大学学报（哲学社会科学版）")
        );
        assert_eq!(source.issue.as_deref(), Some("38(3)"));
        let heads = ["2019 年第 3 期 中国农村经济".to_owned()];
        let source = journal_source(&heads, &[], 0);
        assert_eq!(source.name.as_deref(), Some("中国农村经济"));
        assert_eq!(source.issue.as_deref(), Some("2019(3)"));
        let heads = ["《文学评论》 2020年5月 第5期 第42卷".to_owned()];
        assert_eq!(
            journal_source(&heads, &[], 0).issue.as_deref(),
            Some("2020, 42(5)")
        );
    }

    #[test]
    fn a_book_s_running_head_is_not_a_journal() {
        let heads = [
            "第三章 论战争理论".to_owned(),
            "战争论（第一卷）".to_owned(),
        ];
        assert_eq!(journal_source(&heads, &[], 0), JournalSource::default());
    }

    #[test]
    fn pages_counted_up_from_the_first_give_the_printed_range() {
        // A nine-page article from page 23 of its issue; page 1 carries no number.
        let numbers: Vec<(u32, u32)> = (2..=9).map(|p| (p, p + 22)).collect();
        assert_eq!(printed_pages(&numbers, 9).as_deref(), Some("23-31"));
        // A book numbered from its first page says nothing worth citing, and is kept all
        // the same: the range is right.
        let numbers: Vec<(u32, u32)> = (1..=4).map(|p| (p, p)).collect();
        assert_eq!(printed_pages(&numbers, 4).as_deref(), Some("1-4"));
        // Numbers that do not count with the pages (front matter in roman, a stray digit).
        assert_eq!(printed_pages(&[(3, 7), (5, 2), (8, 40)], 10), None);
    }
}

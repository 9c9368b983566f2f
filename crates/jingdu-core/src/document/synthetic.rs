//! A deterministic long document for benchmarks: the built-in article's sections, repeated
//! and renumbered (`第N部分` parts, `一、` headings), until it reaches the wanted length.

use super::Source;

/// Text with at least `chars` characters of body paragraphs, built from the built-in article.
pub fn synthetic_text(chars: usize) -> String {
    let doc = Source::builtin().document;
    let mut out = String::from("精读长文测试（由内置文章重复生成）\n（2018年11月8日）\n");
    let preamble: Vec<&str> = doc
        .preamble
        .iter()
        .map(|&b| doc.blocks[b].text.as_str())
        .collect();
    let mut part = 1usize;
    let mut written = 0usize;
    while written < chars {
        let head = format!(
            "第{}部分 从严从实加强党的基层党组织建设\n",
            chinese_number(part)
        );
        out.push_str(&head);
        for p in &preamble {
            out.push_str(p);
            out.push('\n');
            written += p.chars().count();
        }
        for (k, &s) in doc.root_sections.iter().enumerate() {
            let section = &doc.sections[s];
            let heading = format!(
                "{}、{}\n",
                chinese_number(k + 1),
                doc.blocks[section.heading].text
            );
            out.push_str(&heading);
            for &p in &section.paragraphs {
                out.push_str(&doc.blocks[p].text);
                out.push('\n');
                written += doc.blocks[p].text.chars().count();
            }
        }
        part += 1;
    }
    out
}

/// `1` → `一`, `12` → `十二`, `123` → `一百二十三` (up to 9999).
pub fn chinese_number(n: usize) -> String {
    const D: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    if n < 10 {
        return D[n].to_owned();
    }
    if n < 20 {
        return format!(
            "十{}",
            if n.is_multiple_of(10) {
                String::new()
            } else {
                D[n % 10].to_owned()
            }
        );
    }
    let units = [(1000, "千"), (100, "百"), (10, "十")];
    let mut out = String::new();
    let mut rest = n;
    let mut zero = false;
    for (value, name) in units {
        let d = rest / value;
        rest %= value;
        if d > 0 {
            if zero {
                out.push('零');
                zero = false;
            }
            out.push_str(D[d]);
            out.push_str(name);
        } else if !out.is_empty() {
            zero = true;
        }
    }
    if rest > 0 {
        if zero {
            out.push('零');
        }
        out.push_str(D[rest]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{numbering::chinese_numeral_value, parse};

    #[test]
    fn numbers_round_trip() {
        for n in [1, 9, 10, 11, 20, 99, 100, 101, 110, 999, 1000, 1001, 2024] {
            assert_eq!(
                chinese_numeral_value(&chinese_number(n)),
                Some(n as u32),
                "{n}"
            );
        }
    }

    #[test]
    fn synthetic_document_has_the_wanted_size_and_structure() {
        let text = synthetic_text(50_000);
        let doc = parse(&text);
        assert!(doc.paragraph_chars() >= 50_000);
        assert!(doc.paragraph_chars() < 55_000);
        assert!(doc.sections.len() > 10);
        assert_eq!(doc.sections[0].level, 1);
        assert_eq!(doc.sections[1].level, 2);
        assert_eq!(synthetic_text(50_000), text, "deterministic");
    }
}

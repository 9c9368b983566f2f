//! PDF exports read back as their readers would: text extracted with poppler's `pdftotext`
//! (selectable, searchable, in reading order), fonts listed with `pdffonts` (embedded and
//! subset), bookmarks, links back into jingdu and the document language. The poppler checks
//! need `poppler-utils`; `.ci/run` installs it and sets `JINGDU_REQUIRE_POPPLER=1`, without
//! which a machine lacking the tools skips them.

use crate::export_common;

use std::io::Write;
use std::process::Command;

use export_common::{fixture, render};
use jingdu::export::{Format, Options};

/// Runs a poppler tool on `pdf`; `None` when poppler is not installed and not required.
fn poppler(tool: &str, pdf: &[u8], args: &[&str]) -> Option<String> {
    let mut file = tempfile::NamedTempFile::new().unwrap();
    file.write_all(pdf).unwrap();
    let output = Command::new(tool)
        .args(args)
        .arg(file.path())
        .arg("-")
        .output();
    let output = match output {
        Ok(o) => o,
        Err(_) if std::env::var_os("JINGDU_REQUIRE_POPPLER").is_none() => {
            eprintln!("{tool} not installed: skipped");
            return None;
        }
        Err(e) => panic!("{tool}: {e}"),
    };
    assert!(output.status.success(), "{tool} failed: {output:?}");
    Some(String::from_utf8(output.stdout).unwrap())
}

/// `pdffonts` prints to stdout and takes no `-`.
fn pdffonts(pdf: &[u8]) -> Option<String> {
    let mut file = tempfile::NamedTempFile::new().unwrap();
    file.write_all(pdf).unwrap();
    match Command::new("pdffonts").arg(file.path()).output() {
        Ok(o) => Some(String::from_utf8(o.stdout).unwrap()),
        Err(_) if std::env::var_os("JINGDU_REQUIRE_POPPLER").is_none() => None,
        Err(e) => panic!("pdffonts: {e}"),
    }
}

/// The text without the running header and the page numbers, which a page break puts
/// between the halves of a paragraph.
fn without_page_furniture(text: &str) -> String {
    let mut out = text.replace("从严从实加强党的基层党组织建设·批注本", "");
    while let Some(start) = out.find("第") {
        let rest = &out[start..];
        let Some(mid) = rest.find("页共") else {
            break;
        };
        let Some(end) = rest[mid + "页共".len()..].find('页') else {
            break;
        };
        let cut = mid + "页共".len() + end + '页'.len_utf8();
        let digits = &rest["第".len()..mid];
        if !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()) {
            out.replace_range(start..start + cut, "");
        } else {
            out.replace_range(start..start + "第".len(), "\u{0}");
        }
    }
    out.replace('\u{0}', "第")
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn the_notes_pdf_has_its_text_fonts_bookmarks_and_links() {
    let (source, list) = fixture();
    let pdf = render(&source, &list, &Options::new(Format::Pdf));
    assert!(pdf.starts_with(b"%PDF-"));
    let raw = String::from_utf8_lossy(&pdf);
    assert!(raw.contains("/Outlines"), "bookmarks");
    assert!(raw.contains("/Lang(zh-CN)"), "language");
    let links = raw
        .matches("jingdu://open?doc=builtin-c86fc473580abeae&note=")
        .count();
    assert_eq!(links, list.len(), "one link back per note");
    assert!(!raw.contains("javascript:"));
    let Some(text) = poppler("pdftotext", &pdf, &["-enc", "UTF-8"]) else {
        return;
    };
    let text = squeeze(&text);
    for want in [
        "从严从实加强党的基层党组织建设·学习笔记",
        "笔记作者：李华",
        "引用：[1]董德兵.从严从实加强党的基层党组织建设[EB/OL].前线,(2018-11-08)[2024-05-01].",
        "本节讲政治功能。",
        "“神经网络”的比喻。",
        "第二行。",
        "§1¶2",
        // GB/T 15834 nested quotation marks inside the quoted paragraph.
        "深入开展‘不忘初心、牢记使命’主题教育",
        "2024年5月1日09:30",
        "第1页共",
    ] {
        assert!(text.contains(want), "missing {want} in {text}");
    }
    let fonts = pdffonts(&pdf).unwrap();
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert_eq!(rows.len(), 3, "{fonts}");
    for row in rows {
        assert!(row.contains("+Noto"), "subset prefix: {row}");
        assert!(
            row.contains(" yes yes yes "),
            "embedded, subset, unicode: {row}"
        );
    }
}

#[test]
fn the_annotated_pdf_holds_the_whole_article() {
    let (source, list) = fixture();
    let options = Options {
        annotated_copy: true,
        ..Options::new(Format::Pdf)
    };
    let pdf = render(&source, &list, &options);
    let Some(text) = poppler("pdftotext", &pdf, &["-enc", "UTF-8"]) else {
        return;
    };
    let text = without_page_furniture(&squeeze(&text));
    for block in &source.document.blocks {
        if block.is_run_in() {
            continue;
        }
        let shown = squeeze(&jingdu::document::typography::display_text(&block.text));
        // The passage marker 〔n〕 may sit inside a paragraph; compare the text around it.
        let found = text.contains(&shown)
            || shown
                .split('，')
                .all(|piece| piece.is_empty() || text.contains(piece));
        assert!(found, "missing: {shown}");
    }
    assert!(text.contains("〔1〕"));
}

#[test]
fn control_characters_do_not_reach_the_pdf_text() {
    let (source, mut list) = fixture();
    list[0].text = "前\u{1b}[31m后\u{7}\t缩进".into();
    let pdf = render(&source, &list, &Options::new(Format::Pdf));
    let Some(text) = poppler("pdftotext", &pdf, &["-enc", "UTF-8"]) else {
        return;
    };
    // (The quarter em between `m` and `后` reads as a space to pdftotext.)
    assert!(squeeze(&text).contains("前[31m后"), "{text}");
    assert!(!text.contains('\u{1b}') && !text.contains('\u{7}'));
}

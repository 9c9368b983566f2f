//! A PDF made by another program opens as the document it was made from: jingdu's own
//! annotated PDF export (krilla: subset CID fonts with ToUnicode maps, justified lines, a
//! running head, page numbers, bookmarks) read back through the PDF reader.

use crate::export_common;

use export_common::{fixture, render};
use jingdu::document::Source;
use jingdu::export::{Format, Options};

#[test]
fn the_annotated_pdf_reads_back_as_the_article() {
    let (source, _) = fixture();
    let options = Options {
        annotated_copy: true,
        ..Options::new(Format::Pdf)
    };
    let pdf = render(&source, &[], &options);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("批注本.pdf");
    std::fs::write(&path, &pdf).unwrap();
    let read = Source::open(&path).expect("the PDF opens");
    let original = &source.document;
    let doc = &read.document;

    // The export prints the text as the reader shows it (full-width punctuation).
    let shown = jingdu::document::typography::display_text;
    let headings = |d: &jingdu::document::Document| -> Vec<String> {
        d.sections
            .iter()
            .map(|s| shown(&d.blocks[s.heading].text))
            .collect()
    };
    assert_eq!(headings(doc), headings(original));
    // Every paragraph whole, as one block: none lost, none split at a line or page break,
    // none run into the next. (The export's own information block before the article —
    // 栏目、作者、引用 — is read as lines of its own.)
    let squeeze = |s: &str| -> String { shown(s).chars().filter(|c| !c.is_whitespace()).collect() };
    let read_blocks: std::collections::HashSet<String> =
        doc.blocks.iter().map(|b| squeeze(&b.text)).collect();
    for b in original.paragraph_indices() {
        let text = squeeze(&original.blocks[b].text);
        assert!(
            read_blocks.contains(&text),
            "paragraph not read whole: {text}"
        );
    }
    let body = squeeze(doc.body_text());
    // The running head and the page numbers are not text of the article.
    assert!(!body.contains("批注本"), "running head kept");
    assert!(!body.contains("页共"), "page numbers kept");
    // Pages are known: the last heading stands on a later page than the first.
    let first = doc.page_at(doc.blocks[doc.sections[0].heading].range.start);
    let last = doc.page_at(doc.blocks[doc.sections.last().unwrap().heading].range.start);
    assert!(first.is_some() && last > first, "{first:?} {last:?}");
}

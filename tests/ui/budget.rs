//! Memory and work budgets that a slower or busier machine cannot move: bytes held at the
//! peak and allocations made, counted on the test's thread by `allocation-counter` (its
//! allocator counts per thread, so the tests running beside these do not disturb them). Each
//! budget is about twice what the work takes today (the figures in the comments), so that a
//! change that doubles it fails here; timing stays in the benchmarks.

use crate::common;
use egui_kittest::kittest::Queryable as _;
use jingdu::document::{Origin, Source, synthetic_text};
use jingdu::export::{self, Export, Format, Options};
use jingdu::notes::{self, DocInfo, Note, NoteKind, Notebook, Palette, TextIndex};

const MB: u64 = 1024 * 1024;

#[test]
fn opening_a_million_characters_stays_within_its_budget() {
    let text = synthetic_text(1_000_000);
    let mut source = None;
    let usage = allocation_counter::measure(|| {
        source = Some(Source::from_text(Origin::Builtin, &text));
    });
    assert!(source.unwrap().document.body_len_chars() > 900_000);
    eprintln!("open 1 M chars: {usage:?}");
    // Today: 6.2 MB at the peak, 32 000 allocations; the text is ~3 MB in UTF-8 and the
    // document keeps 3.4 MB.
    assert!(usage.bytes_max < 12 * MB, "{usage:?}");
    assert!(usage.count_total < 64_000, "{usage:?}");
}

#[test]
fn laying_out_a_screen_of_a_long_document_stays_within_its_budget() {
    let dir = tempfile::tempdir().unwrap();
    let source = Source::from_text(Origin::Builtin, &synthetic_text(1_000_000));
    let mut h = common::harness(source, dir.path());
    h.run();
    // A jump far into the text lays out paragraphs never shown before.
    h.key_press(egui::Key::End);
    let usage = allocation_counter::measure(|| {
        h.step();
        h.step();
    });
    assert!(
        h.query_by_label_contains("100 %").is_some(),
        "the jump reached the end"
    );
    eprintln!("a screen after a jump: {usage:?}");
    // Today: 0.45 MB at the peak, 11 400 allocations for the two frames.
    assert!(usage.bytes_max < MB, "{usage:?}");
    assert!(usage.count_total < 24_000, "{usage:?}");
}

#[test]
fn importing_ten_thousand_annotations_stays_within_its_budget() {
    let source = Source::from_text(Origin::Builtin, &synthetic_text(200_000));
    let doc = &source.document;
    let index = TextIndex::new(doc.body_text());
    let paras: Vec<usize> = doc.paragraph_indices().collect();
    let count = 10_000;
    let list: Vec<Note> = (0..count)
        .map(|i| {
            let r = &doc.blocks[paras[i * paras.len() / count]].range;
            let start = r.start + (i * 7) % r.len().saturating_sub(20).max(1);
            let mut n = Note::new(
                NoteKind::Passage,
                notes::make_anchor(doc, &index, start..start + 12),
                format!("第 {i} 条笔记"),
                "yellow".into(),
                vec!["党建".into()],
                common::NOW,
            );
            n.id = format!("00000000-0000-4000-8000-{i:012}");
            n
        })
        .collect();
    let options = Options::new(Format::Json);
    let info = DocInfo::for_source(&source);
    let palette = Palette::default();
    let e = Export::new(
        doc,
        &info,
        "budget",
        &palette,
        export::select_notes(doc, &list, &options),
        common::NOW,
    );
    let mut json = Vec::new();
    export::write(&e, &options, &mut json).unwrap();

    let notebook = Notebook::new(doc, Vec::new(), Vec::new());
    let usage = allocation_counter::measure(|| {
        let imported = export::parse_import(&json).unwrap();
        let (_step, report) = notebook.plan_import(doc, imported.notes, false);
        assert_eq!(report.added, count);
    });
    eprintln!(
        "import 10 000 annotations ({} MB of JSON): {usage:?}",
        json.len() as u64 / MB
    );
    // Today: 26.5 MB at the peak (the JSON is 18 MB), 456 000 allocations.
    assert!(usage.bytes_max < 48 * MB, "{usage:?}");
    assert!(usage.count_total < 900_000, "{usage:?}");
}

//! Criterion benchmarks: structure detection, a UI frame, loading and saving notes, exports.
//! Run with `cargo bench`; the numbers are written down in BENCHMARKS.md.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use jingdu::app::Settings;
use jingdu::bench::Headless;
use jingdu::document::{Origin, Source, parse, synthetic_text};
use jingdu::export::{self, Export, Format, Options};
use jingdu::notes::{self, DocInfo, Note, NoteKind, OnCorrupt, Palette, Store, TextIndex};

const MILLION: usize = 1_000_000;

fn detection(c: &mut Criterion) {
    let builtin = jingdu::document::BUILTIN_ARTICLE;
    let long = synthetic_text(MILLION);
    let mut g = c.benchmark_group("structure detection");
    g.bench_function("built-in article", |b| b.iter(|| parse(black_box(builtin))));
    g.sample_size(20);
    g.bench_function("1M characters", |b| b.iter(|| parse(black_box(&long))));
    g.finish();
}

fn ui_frame(c: &mut Criterion) {
    let mut g = c.benchmark_group("UI frame (scroll one screen)");
    g.sample_size(30);
    for (name, source) in [
        ("built-in article", Source::builtin()),
        (
            "1M characters",
            Source::from_text(Origin::Builtin, &synthetic_text(MILLION)),
        ),
    ] {
        let mut h = Headless::new(source, Settings::default());
        h.frame(Vec::new());
        g.bench_function(name, |b| {
            b.iter(|| {
                let k = if h.at_end() {
                    egui::Key::Home
                } else {
                    egui::Key::PageDown
                };
                black_box(h.frame(jingdu::bench::key(k)))
            })
        });
    }
    g.finish();
}

/// 10 000 passage notes spread over the 1M-character document.
fn many_notes(source: &Source) -> Vec<Note> {
    let doc = &source.document;
    let index = TextIndex::new(doc.body_text());
    let paras: Vec<usize> = doc.paragraph_indices().collect();
    (0..10_000)
        .map(|i| {
            let b = paras[i * paras.len() / 10_000];
            let r = &doc.blocks[b].range;
            let start = r.start + (i * 7) % (r.len().saturating_sub(20).max(1));
            let anchor = notes::make_anchor(doc, &index, start..start + 12);
            let mut n = Note::new(
                NoteKind::Passage,
                anchor,
                format!("第 {i} 条笔记：组织力"),
                "yellow".into(),
                vec!["党建".into()],
                "2024-05-01T09:30:00+08:00",
            );
            n.id = format!("00000000-0000-4000-8000-{i:012}");
            n
        })
        .collect()
}

fn notes_store(c: &mut Criterion) {
    let source = Source::from_text(Origin::Builtin, &synthetic_text(MILLION));
    let list = many_notes(&source);
    let info = DocInfo::for_source(&source);
    let dir = tempfile::tempdir().unwrap();
    let store = Store::at(dir.path());
    store.save(&info, &list, &[], 0).unwrap();
    let mut g = c.benchmark_group("10 000 notes");
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(8));
    g.bench_function("load with re-anchoring", |b| {
        b.iter(|| {
            let loaded = store.load(&info, OnCorrupt::Fail).unwrap();
            let mut n = loaded.notes;
            black_box(notes::reanchor_all(&source.document, &mut n))
        })
    });
    let mut revision = store.load(&info, OnCorrupt::Fail).unwrap().revision;
    g.bench_function("save", |b| {
        b.iter(|| {
            revision = store.save(&info, &list, &[], revision).unwrap().revision;
        })
    });
    g.finish();
}

fn exports(c: &mut Criterion) {
    let source = Source::from_text(Origin::Builtin, &synthetic_text(MILLION));
    let list = many_notes(&source);
    let info = DocInfo::for_source(&source);
    let palette = Palette::default();
    let mut g = c.benchmark_group("export 10 000 notes");
    g.sample_size(10);
    for format in Format::ALL {
        let options = Options::new(format);
        g.bench_function(format.extension(), |b| {
            b.iter(|| {
                let e = Export {
                    doc: &source.document,
                    info: &info,
                    display_name: "bench",
                    palette: &palette,
                    notes: export::select_notes(&source.document, &list, &options),
                    generated: "2024-05-01T09:30:00+08:00",
                };
                let mut out = Vec::with_capacity(8 << 20);
                export::write(&e, &options, &mut out).unwrap();
                black_box(out.len())
            })
        });
    }
    g.finish();
}

criterion_group!(benches, detection, ui_frame, notes_store, exports);
criterion_main!(benches);

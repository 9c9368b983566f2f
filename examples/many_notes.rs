//! Writes a W3C Web Annotation export of N passage notes on the benchmark's synthetic
//! document, to measure a large import with the real command line:
//!
//! ```sh
//! cargo run --release --example synthetic -- 1000000 > long.txt
//! cargo run --release --example many_notes -- 100000 > notes.json
//! /usr/bin/time -v target/release/jingdu import notes.json long.txt --yes
//! ```

use jingdu::document::{Origin, Source, synthetic_text};
use jingdu::export::{self, Export, Format, Options};
use jingdu::notes::{self, DocInfo, Note, NoteKind, Palette, TextIndex};

fn main() {
    let count: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(100_000);
    let source = Source::from_text(Origin::Builtin, &synthetic_text(1_000_000));
    let doc = &source.document;
    let index = TextIndex::new(doc.body_text());
    let paras: Vec<usize> = doc.paragraph_indices().collect();
    let list: Vec<Note> = (0..count)
        .map(|i| {
            let r = &doc.blocks[paras[i * paras.len() / count]].range;
            let start = r.start + (i * 7) % r.len().saturating_sub(20).max(1);
            let anchor = notes::make_anchor(doc, &index, start..start + 12);
            let mut n = Note::new(
                NoteKind::Passage,
                anchor,
                format!("第 {i} 条笔记"),
                "yellow".into(),
                vec!["党建".into()],
                "2024-05-01T09:30:00+08:00",
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
        "synthetic",
        &palette,
        export::select_notes(doc, &list, &options),
        "2024-05-01T09:30:00+08:00",
    );
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    if let Err(e) = export::write(&e, &options, &mut out) {
        eprintln!("many_notes: {e}");
        std::process::exit(1);
    }
}

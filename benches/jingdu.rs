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
    let annotated_docx = Options {
        annotated_copy: true,
        ..Options::new(Format::Docx)
    };
    let cases = Format::ALL
        .map(|f| (f.extension().to_owned(), Options::new(f)))
        .into_iter()
        .chain([("docx with comments".to_owned(), annotated_docx)]);
    for (name, options) in cases {
        g.bench_function(name, |b| {
            b.iter(|| {
                let e = Export::new(
                    &source.document,
                    &info,
                    "bench",
                    &palette,
                    export::select_notes(&source.document, &list, &options),
                    "2024-05-01T09:30:00+08:00",
                );
                let mut out = Vec::with_capacity(8 << 20);
                export::write(&e, &options, &mut out).unwrap();
                black_box(out.len())
            })
        });
    }
    g.finish();
}

/// Reading a W3C export back: 10 000 annotations, and ten times as many (the time should
/// grow tenfold, not a hundredfold).
fn parse_exports(c: &mut Criterion) {
    let source = Source::from_text(Origin::Builtin, &synthetic_text(MILLION));
    let ten = many_notes(&source);
    let hundred: Vec<Note> = (0..10)
        .flat_map(|k| {
            ten.iter().map(move |n| {
                let mut n = n.clone();
                n.id = format!("{k:08}-0000-4000-8000-{}", &n.id[24..]);
                n
            })
        })
        .collect();
    let info = DocInfo::for_source(&source);
    let palette = Palette::default();
    let options = Options::new(Format::Json);
    let exported = |list: &[Note]| {
        let e = Export::new(
            &source.document,
            &info,
            "bench",
            &palette,
            export::select_notes(&source.document, list, &options),
            "2024-05-01T09:30:00+08:00",
        );
        let mut out = Vec::new();
        export::write(&e, &options, &mut out).unwrap();
        out
    };
    let mut g = c.benchmark_group("parse W3C export");
    g.sample_size(10);
    for (name, bytes) in [
        ("10 000 annotations", exported(&ten)),
        ("100 000 annotations", exported(&hundred)),
    ] {
        let count = export::parse_import(&bytes).unwrap().notes.len();
        g.bench_function(name, |b| {
            b.iter(|| {
                let parsed = export::parse_import(&bytes).unwrap();
                assert_eq!(parsed.notes.len(), count);
                black_box(parsed)
            })
        });
    }
    g.finish();
}

/// 1 000 notes (passages, paragraphs, sections) on the 1M-character document, and the same
/// document edited: a paragraph added at the top (every note moves) and one paragraph in ten
/// changed in its middle (about a tenth of the notes must be found fuzzily).
fn edited_document_and_notes() -> (Source, Vec<Note>) {
    let text = synthetic_text(MILLION);
    let source = Source::from_text(Origin::Builtin, &text);
    let doc = &source.document;
    let index = TextIndex::new(doc.body_text());
    let paras: Vec<usize> = doc.paragraph_indices().collect();
    let list: Vec<Note> = (0..1_000)
        .map(|i| {
            let b = paras[i * paras.len() / 1_000];
            let r = doc.blocks[b].range.clone();
            let (kind, range) = match i % 20 {
                0 => match doc.section_of_block(b) {
                    Some(sec) => (
                        NoteKind::Section,
                        doc.blocks[doc.sections[sec].heading].range.clone(),
                    ),
                    None => (NoteKind::Paragraph, r),
                },
                1..=3 => (NoteKind::Paragraph, r),
                _ => {
                    let mid = r.start + r.len() / 2;
                    (
                        NoteKind::Passage,
                        mid.saturating_sub(6)..(mid + 6).min(r.end),
                    )
                }
            };
            let anchor = notes::target_anchor(doc, &index, kind, range);
            let mut n = Note::new(
                kind,
                anchor,
                format!("笔记 {i}"),
                "yellow".into(),
                vec![],
                "t",
            );
            n.id = format!("00000000-0000-4000-8000-{i:012}");
            n
        })
        .collect();
    let mut edited = String::from("编者按：本文在重排时增加了这一段说明文字。\n\n");
    let mut long_lines = 0usize;
    for line in text.lines() {
        let chars: Vec<char> = line.chars().collect();
        if chars.len() > 40 {
            long_lines += 1;
            if long_lines.is_multiple_of(10) {
                let mid = chars.len() / 2;
                edited.extend(&chars[..mid]);
                edited.push_str("（改）");
                edited.extend(&chars[mid + 1..]);
                edited.push('\n');
                continue;
            }
        }
        edited.push_str(line);
        edited.push('\n');
    }
    (Source::from_text(Origin::Builtin, &edited), list)
}

fn reanchoring(c: &mut Criterion) {
    let (edited, list) = edited_document_and_notes();
    let mut probe = list.clone();
    let report = notes::reanchor_all(&edited.document, &mut probe);
    eprintln!(
        "re-anchoring 1 000 notes after edits: {} moved, {} fuzzy, {} lost",
        report.moved, report.fuzzy, report.lost
    );
    let mut g = c.benchmark_group("re-anchor after edits (1M characters)");
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(10));
    g.bench_function("1 000 notes, 10 % changed", |b| {
        b.iter(|| {
            let mut n = list.clone();
            black_box(notes::reanchor_all(&edited.document, &mut n))
        })
    });
    // The fuzzy path alone: only the notes that needed it.
    let fuzzy: Vec<Note> = list
        .iter()
        .zip(&probe)
        .filter(|(_, after)| after.anchored)
        .map(|(before, _)| before.clone())
        .filter(|n| {
            let mut one = vec![n.clone()];
            notes::reanchor_all(&edited.document, &mut one).fuzzy == 1
        })
        .collect();
    g.bench_function(format!("fuzzy path, {} notes", fuzzy.len()), |b| {
        b.iter(|| {
            let mut n = fuzzy.clone();
            black_box(notes::reanchor_all(&edited.document, &mut n))
        })
    });
    g.finish();
}

/// Importing 100 000 annotations into a window with no notes: one batch, one undo step.
fn import(c: &mut Criterion) {
    let source = Source::from_text(Origin::Builtin, &synthetic_text(MILLION));
    let ten = many_notes(&source);
    let list: Vec<Note> = (0..10)
        .flat_map(|k| {
            ten.iter().map(move |n| {
                let mut n = n.clone();
                n.id = format!("{k:08}-0000-4000-8000-{}", &n.id[24..]);
                n
            })
        })
        .collect();
    let mut g = c.benchmark_group("import");
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(20));
    g.bench_function("100 000 annotations", |b| {
        b.iter_batched(
            || {
                let dir = tempfile::tempdir().unwrap();
                let state = jingdu::app::AppState::new(
                    source.clone(),
                    Some(Store::at(dir.path())),
                    Settings::default(),
                    Box::new(|| "2024-05-01T09:30:00+08:00".to_owned()),
                );
                (dir, state, list.clone())
            },
            |(dir, mut state, list)| {
                let report = state.merge_imported(list, false);
                assert_eq!(report.added, 100_000);
                drop(state);
                drop(dir);
            },
            criterion::BatchSize::PerIteration,
        )
    });
    g.finish();
}

/// A saved news page of about 1 MB: navigation, an article of bold-headed sections with
/// image captions, a recommendation feed, and the article again inside a script.
fn saved_page() -> String {
    let text = synthetic_text(160_000);
    let mut article = String::new();
    for (i, para) in text.lines().filter(|p| !p.is_empty()).enumerate() {
        if i % 40 == 0 {
            article.push_str(&format!(
                "<p><strong>第{}部分的小标题</strong></p>\n",
                i / 40 + 1
            ));
        }
        if i % 15 == 7 {
            article.push_str("<p><img src=\"a.jpg\"></p><p>图片说明文字。</p>\n");
        }
        article.push_str(&format!("<p>{para}</p>\n"));
    }
    let nav: String = (0..200)
        .map(|i| format!("<li><a href=\"/c{i}\">栏目{i}</a></li>"))
        .collect();
    let feed: String = (0..300)
        .map(|i| format!("<div class=\"item\"><p><a href=\"/n{i}\">推荐新闻标题第{i}条</a></p><p>来源{i}</p></div>"))
        .collect();
    format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>标题_某某网</title></head><body><ul class=\"nav\">{nav}</ul><div class=\"crumbs\">资讯 &gt; 社会 &gt; 正文</div><div class=\"main\"><h1>标题</h1><p class=\"time\">2019年11月25日 16:04:30来源：某某网</p><div class=\"text\">{article}</div></div><div class=\"recommend\">{feed}</div><script>var data = {{\"content\": \"{}\"}};</script></body></html>",
        article.replace('"', "\\\"").replace('\n', "")
    )
}

/// A 1.8 MB novel as download sites pass it on: 152 chapters `第N章 …`, own-line verse, and
/// `(本章完)` after each chapter.
fn novel() -> String {
    let body = synthetic_text(3_800);
    let mut out = String::new();
    for ch in 1..=152 {
        out.push_str(&format!("第{ch}章 宴桃园豪杰三结义 斩黄巾英雄首立功\r\n"));
        for (i, line) in body.lines().filter(|l| !l.trim().is_empty()).enumerate() {
            out.push_str(line.trim());
            out.push_str("\r\n");
            if i % 12 == 5 {
                out.push_str("势弱只因多算胜，兵强却为寡谋亡。\r\n");
            }
        }
        out.push_str("(本章完)\r\n");
    }
    out
}

fn document_kinds(c: &mut Criterion) {
    let page = saved_page();
    let novel = novel();
    let line = "他们走不上二三十步远，忽听得背后哑的一声叫。".repeat(5_000_000 / 66);
    eprintln!(
        "saved page {:.2} MB, novel {:.2} MB, single line {:.2} MB",
        page.len() as f64 / 1e6,
        novel.len() as f64 / 1e6,
        line.len() as f64 / 1e6
    );
    // The page must be read as its article, not refused, for the time to mean anything.
    let doc = jingdu::document::parse_html(&page).expect("the page has an article");
    assert_eq!(doc.meta.title.as_deref(), Some("标题"));
    assert!(
        doc.sections.len() >= 10 && doc.paragraph_count() > 300,
        "{} sections, {} paragraphs",
        doc.sections.len(),
        doc.paragraph_count()
    );
    let mut g = c.benchmark_group("document kinds");
    g.sample_size(10);
    g.bench_function("saved web page, 1 MB", |b| {
        b.iter(|| jingdu::document::parse_html(black_box(&page)).map(|d| d.blocks.len()))
    });
    g.bench_function("novel with verse, 1.8 MB", |b| {
        b.iter(|| parse(black_box(&novel)))
    });
    g.bench_function("one line, 5 MB", |b| b.iter(|| parse(black_box(&line))));
    // Hostile nesting (issue 25): tags nested far past any real page, flattened and walked
    // in linear time — 20 000 and 40 000 levels should take twice as long, not four times.
    for depth in [20_000usize, 40_000] {
        let nested = format!(
            "<html><body><div><p>{}</p>{}<p>{}</p></body></html>",
            "读书要有计划，每天读一点，日积月累。".repeat(4),
            "<div><span>".repeat(depth / 2),
            "深处的字"
        );
        g.bench_function(format!("page nested {depth} deep"), |b| {
            b.iter(|| jingdu::document::parse_html(black_box(&nested)).map(|d| d.blocks.len()))
        });
    }
    g.finish();
}

/// A book of 152 chapters (the novel's text) packed as an EPUB 3, one XHTML file per
/// chapter with a nav document, as pandoc writes them.
fn novel_epub() -> Vec<u8> {
    use std::io::Write;
    let text = novel();
    let chapters: Vec<&str> = text
        .split("(本章完)\r\n")
        .filter(|c| !c.trim().is_empty())
        .take(120)
        .collect();
    let mut buf = std::io::Cursor::new(Vec::new());
    let mut w = zip::ZipWriter::new(&mut buf);
    let deflate = zip::write::SimpleFileOptions::default();
    w.start_file(
        "mimetype",
        deflate.compression_method(zip::CompressionMethod::Stored),
    )
    .unwrap();
    w.write_all(b"application/epub+zip").unwrap();
    w.start_file("META-INF/container.xml", deflate).unwrap();
    w.write_all(br#"<container xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="EPUB/content.opf"/></rootfiles></container>"#).unwrap();
    let mut manifest = String::new();
    let mut spine = String::new();
    let mut nav = String::new();
    for (i, chapter) in chapters.iter().enumerate() {
        let mut lines = chapter.lines();
        let title = lines.next().unwrap_or_default().trim();
        manifest.push_str(&format!(
            r#"<item id="c{i}" href="c{i}.xhtml" media-type="application/xhtml+xml"/>"#
        ));
        spine.push_str(&format!(r#"<itemref idref="c{i}"/>"#));
        nav.push_str(&format!(r#"<li><a href="c{i}.xhtml">{title}</a></li>"#));
        let body: String = lines.map(|l| format!("<p>{}</p>\n", l.trim())).collect();
        w.start_file(format!("EPUB/c{i}.xhtml"), deflate).unwrap();
        write!(w, "<html><body><h1>{title}</h1>\n{body}</body></html>").unwrap();
    }
    w.start_file("EPUB/content.opf", deflate).unwrap();
    write!(w, r#"<package xmlns="http://www.idpf.org/2007/opf" version="3.0"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>三国演义</dc:title></metadata><manifest><item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>{manifest}</manifest><spine>{spine}</spine></package>"#).unwrap();
    w.start_file("EPUB/nav.xhtml", deflate).unwrap();
    write!(w, r#"<html xmlns:epub="http://www.idpf.org/2007/ops"><body><nav epub:type="toc"><ol>{nav}</ol></nav></body></html>"#).unwrap();
    w.finish().unwrap();
    buf.into_inner()
}

/// A PDF of about 300 pages made by jingdu's own export (subset CID fonts, justified lines,
/// a running head and page numbers), and the number of pages it has.
fn long_pdf() -> (Vec<u8>, u32) {
    let source = Source::from_text(Origin::Builtin, &synthetic_text(330_000));
    let info = DocInfo::for_source(&source);
    let palette = Palette::default();
    let options = Options {
        annotated_copy: true,
        ..Options::new(Format::Pdf)
    };
    let e = Export::new(
        &source.document,
        &info,
        "bench",
        &palette,
        Vec::new(),
        "2024-05-01T09:30:00+08:00",
    );
    let mut out = Vec::new();
    export::write(&e, &options, &mut out).unwrap();
    let doc = jingdu::document::parse_pdf(&out).expect("the export reads back");
    let pages = doc
        .page_at(doc.body_len_chars().saturating_sub(1))
        .unwrap_or(0);
    (out, pages)
}

/// Opening the containers readers hold (issue 28): a 300-page PDF and a 1 MB EPUB, from
/// bytes to a document.
fn containers(c: &mut Criterion) {
    let epub = novel_epub();
    let (pdf, pages) = long_pdf();
    eprintln!(
        "EPUB {:.2} MB; PDF {:.2} MB, {pages} pages",
        epub.len() as f64 / 1e6,
        pdf.len() as f64 / 1e6
    );
    let mut g = c.benchmark_group("open containers");
    g.sample_size(10);
    g.bench_function("EPUB of 152 chapters", |b| {
        b.iter(|| jingdu::document::parse_epub(black_box(&epub)).map(|d| d.blocks.len()))
    });
    g.bench_function(format!("PDF of {pages} pages"), |b| {
        b.iter(|| jingdu::document::parse_pdf(black_box(&pdf)).map(|d| d.blocks.len()))
    });
    g.finish();
}

/// Search 1 M characters for every hit: folding the body (once per document in the window)
/// and finding all hits of a query with 80 of them, and with none.
fn search(c: &mut Criterion) {
    use jingdu::document::search::{Matching, find_all, folded};
    let source = Source::from_text(Origin::Builtin, &synthetic_text(MILLION));
    let body = source.document.body_text();
    let any = Matching::default();
    let exact = Matching { any_script: false };
    let haystack = folded(body, any);
    let mut g = c.benchmark_group("search 1 M characters");
    g.sample_size(20);
    g.bench_function("fold the body", |b| {
        b.iter(|| black_box(folded(body, exact).len()))
    });
    g.bench_function("fold the body, 简繁等同", |b| {
        b.iter(|| black_box(folded(body, any).len()))
    });
    g.bench_function("find all hits of 党的组织", |b| {
        b.iter(|| black_box(find_all(&haystack, "党的组织", any).len()))
    });
    g.bench_function("find a query with no hit", |b| {
        b.iter(|| black_box(find_all(&haystack, "没有这句话", any).len()))
    });
    g.finish();
}

/// Line breaking of 1 M characters in 36-em lines, as the typesetter and the PDF layout do it:
/// plain, and with marks pushed in (punctuation compression as a justification resource).
fn line_breaking(c: &mut Criterion) {
    use jingdu::document::{spacing, typography};
    let chars: Vec<char> = synthetic_text(MILLION).replace('\n', "").chars().collect();
    let widths = vec![1.0_f32; chars.len()];
    let gaps = spacing::gaps(&chars, spacing::Spacing::default());
    let shrink = spacing::shrink(&chars, &gaps, spacing::Spacing::default());
    let mut g = c.benchmark_group("break 1 M characters into lines");
    g.sample_size(10);
    g.bench_function("plain", |b| {
        b.iter(|| black_box(typography::break_lines(&chars, &widths, 36.0, 2.0).len()))
    });
    g.bench_function("pushing marks in", |b| {
        b.iter(|| {
            black_box(typography::break_lines_pushing_in(&chars, &widths, &shrink, 36.0, 2.0).len())
        })
    });
    g.bench_function("gaps and shrink", |b| {
        b.iter(|| {
            let gaps = spacing::gaps(&chars, spacing::Spacing::default());
            black_box(spacing::shrink(&chars, &gaps, spacing::Spacing::default()).len())
        })
    });
    // 竖排: how each char stands in a column, and its vertical form.
    g.bench_function("vertical orientation and forms", |b| {
        use jingdu::document::vertical::{orientations, vertical_form};
        b.iter(|| {
            let o = orientations(&chars);
            let forms = chars.iter().filter(|&&c| vertical_form(c) != c).count();
            black_box((o.len(), forms))
        })
    });
    g.finish();
}

criterion_group!(
    benches,
    line_breaking,
    search,
    detection,
    document_kinds,
    containers,
    ui_frame,
    notes_store,
    exports,
    reanchoring,
    import,
    parse_exports
);
criterion_main!(benches);

//! Laid-out pages to a PDF with krilla: the glyphs (fonts subset and embedded, the text kept
//! for copying and searching), highlights, link annotations, page numbers, bookmarks and the
//! document's metadata.

use krilla::Document;
use krilla::action::{Action, LinkAction};
use krilla::annotation::{Annotation, LinkAnnotation, Target};
use krilla::color::rgb;
use krilla::destination::XyzDestination;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::metadata::Metadata;
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;
use krilla::paint::Fill;
use krilla::text::KrillaGlyph;

use super::face::{Face, Faces};
use super::layout::{MARGIN_BOTTOM, MARGIN_SIDE, Mark, PAGE_HEIGHT, PAGE_WIDTH, Page, Run};
use crate::export::ExportError;

/// What the PDF says about itself (文件 › 属性 in a viewer).
pub(super) struct Info {
    pub title: String,
    pub author: Option<String>,
    pub subject: String,
    pub keywords: Vec<String>,
    /// The export time, RFC 3339.
    pub created: String,
    /// Running header on every page after the first.
    pub header: String,
    /// The footer's template (`第 {} 页　共 {} 页`) and a link's tooltip, in the labels'
    /// language.
    pub page_of: (&'static str, &'static str),
}

fn fill(color: [u8; 3]) -> Fill {
    Fill {
        paint: rgb::Color::new(color[0], color[1], color[2]).into(),
        ..Fill::default()
    }
}

fn rect(r: [f32; 4]) -> Option<Rect> {
    Rect::from_xywh(r[0], r[1], r[2].max(0.1), r[3].max(0.1))
}

/// Draws one run of glyphs.
fn draw_run(surface: &mut krilla::surface::Surface<'_>, faces: &mut Faces, run: &Run) {
    let glyphs: Vec<KrillaGlyph> = run
        .glyphs
        .iter()
        .map(|(gid, advance, range)| {
            KrillaGlyph::new(*gid, *advance, 0.0, 0.0, 0.0, range.clone(), None)
        })
        .collect();
    surface.set_fill(Some(fill(run.color)));
    surface.draw_glyphs(
        Point::from_xy(run.x, run.baseline),
        &glyphs,
        faces.font(run.face),
        &run.text,
        run.size,
        false,
    );
}

/// A one-line run of small grey sans text centred at `y` (page numbers, header).
fn small_line(faces: &mut Faces, text: &str, y: f32, size: f32) -> Run {
    let mut glyphs = Vec::new();
    let mut width = 0.0;
    for (i, c) in text.char_indices() {
        let (gid, em) = faces.glyph(Face::Sans, c);
        glyphs.push((gid, em, i..i + c.len_utf8()));
        width += em * size;
    }
    Run {
        x: (PAGE_WIDTH - width) / 2.0,
        baseline: y,
        face: Face::Sans,
        size,
        color: [0x7A, 0x73, 0x68],
        text: text.to_owned(),
        glyphs,
        width,
    }
}

/// The bookmarks as a tree: each mark under the nearest earlier mark of a lower level.
fn outline(marks: &[Mark]) -> Outline {
    fn build(marks: &[Mark], at: &mut usize, level: usize) -> Vec<OutlineNode> {
        let mut nodes = Vec::new();
        while *at < marks.len() && marks[*at].level >= level {
            let m = &marks[*at];
            *at += 1;
            let mut node = OutlineNode::new(
                m.title.clone(),
                XyzDestination::new(m.page, Point::from_xy(MARGIN_SIDE, m.y)),
            );
            for child in build(marks, at, m.level + 1) {
                node.push_child(child);
            }
            nodes.push(node);
        }
        nodes
    }
    let mut outline = Outline::new();
    let mut at = 0;
    while at < marks.len() {
        let level = marks[at].level;
        for node in build(marks, &mut at, level) {
            outline.push_child(node);
        }
    }
    outline
}

fn metadata(info: &Info) -> Metadata {
    let mut m = Metadata::new()
        .title(info.title.clone())
        .description(info.subject.clone())
        .language("zh-CN".to_owned())
        .creator(format!("精读 jingdu {}", env!("CARGO_PKG_VERSION")))
        .keywords(info.keywords.clone());
    if let Some(a) = &info.author {
        m = m.authors(vec![a.clone()]);
    }
    if let Ok(t) = info.created.parse::<jiff::Timestamp>() {
        let utc = t.to_zoned_datetime(jiff::tz::TimeZone::UTC);
        let as_u8 = |v: i8| u8::try_from(v).unwrap_or(0);
        m = m.creation_date(
            krilla::metadata::DateTime::new(u16::try_from(utc.year()).unwrap_or(1970))
                .month(as_u8(utc.month()))
                .day(as_u8(utc.day()))
                .hour(as_u8(utc.hour()))
                .minute(as_u8(utc.minute()))
                .second(as_u8(utc.second()))
                .utc_offset_hour(0)
                .utc_offset_minute(0),
        );
    }
    m
}

/// A PDF being written a page at a time: each page's content goes into the document as soon
/// as it is laid out, and the page itself is dropped.
pub(super) struct Pages<'a> {
    document: Document,
    info: &'a Info,
    total: usize,
    index: usize,
}

impl<'a> Pages<'a> {
    /// A document of `total` pages (the footers say `第 n 页　共 total 页`).
    pub(super) fn new(info: &'a Info, total: usize) -> Self {
        Pages {
            document: Document::new(),
            info,
            total,
            index: 0,
        }
    }

    /// Draws the next page.
    pub(super) fn add(&mut self, faces: &mut Faces, page: &Page) {
        let (index, total, info) = (self.index, self.total, self.info);
        self.index += 1;
        let settings =
            PageSettings::from_wh(PAGE_WIDTH, PAGE_HEIGHT).expect("A4 is a valid page size");
        let mut pdf_page = self.document.start_page_with(settings);
        {
            let mut surface = pdf_page.surface();
            for (r, color) in &page.highlights {
                if let Some(r) = rect(*r) {
                    let mut path = PathBuilder::new();
                    path.push_rect(r);
                    if let Some(path) = path.finish() {
                        surface.set_fill(Some(fill(*color)));
                        surface.draw_path(&path);
                    }
                }
            }
            for run in &page.runs {
                draw_run(&mut surface, faces, run);
            }
            let footer = small_line(
                faces,
                &crate::i18n::fill_str(info.page_of.0, &[&(index + 1), &total]),
                PAGE_HEIGHT - MARGIN_BOTTOM / 2.0,
                9.0,
            );
            draw_run(&mut surface, faces, &footer);
            if index > 0 && !info.header.is_empty() {
                let header = small_line(faces, &info.header, 40.0, 8.0);
                draw_run(&mut surface, faces, &header);
            }
            surface.finish();
        }
        for (r, link) in &page.links {
            if let Some(r) = rect(*r) {
                pdf_page.add_annotation(Annotation::new_link(
                    LinkAnnotation::new(
                        r,
                        Target::Action(Action::Link(LinkAction::new(link.clone()))),
                    ),
                    Some(info.page_of.1.to_owned()),
                ));
            }
        }
        pdf_page.finish();
    }

    /// The finished file, with its bookmarks.
    pub(super) fn finish(mut self, marks: &[Mark]) -> Result<Vec<u8>, ExportError> {
        self.document.set_outline(outline(marks));
        self.document.set_metadata(metadata(self.info));
        self.document
            .finish()
            .map_err(|e| ExportError::Pdf(format!("{e:?}")))
    }
}

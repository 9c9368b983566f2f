//! The look of jingdu's Word documents: fonts (宋体/黑体/楷体 for Chinese, Times New Roman and
//! Arial for Latin), the paragraph styles with outline levels, the A4 page and its footer with
//! page numbers, and runs that keep a note's tabs and line breaks.

use docx_rs::{
    AlignmentType, BreakType, Docx, Footer, LineSpacing, LineSpacingType, NumPages, PageMargin,
    PageNum, Paragraph, Run, RunFonts, SpecialIndentType, Style, StyleType,
};

use super::super::xml_safe;

pub(super) const SONG: &str = "宋体";
pub(super) const HEI: &str = "黑体";
const KAI: &str = "楷体";
const LATIN_SERIF: &str = "Times New Roman";
const LATIN_SANS: &str = "Arial";

/// Line spacing of `line`/240 lines with `before`/`after` twips around the paragraph.
pub(super) fn spacing(line: i32, before: u32, after: u32) -> LineSpacing {
    LineSpacing::new()
        .line_rule(LineSpacingType::Auto)
        .line(line)
        .before(before)
        .after(after)
}

/// East Asian and Latin fonts.
pub(super) fn fonts(east_asia: &str, latin: &str) -> RunFonts {
    RunFonts::new()
        .east_asia(east_asia)
        .ascii(latin)
        .hi_ansi(latin)
        .cs(latin)
}

/// A new A4 document with jingdu's defaults, styles and page-numbered footer.
pub(super) fn new_document(e: &super::super::Export<'_>) -> Docx {
    // A4 in twips, with the 2.54 cm / 3.17 cm margins of Word's Chinese default page.
    let page = PageMargin::new()
        .top(1440)
        .bottom(1440)
        .left(1800)
        .right(1800)
        .header(851)
        .footer(992)
        .gutter(0);
    with_styles(Docx::new())
        .page_size(11906, 16838)
        .page_margin(page)
        .default_fonts(fonts(SONG, LATIN_SERIF))
        .default_size(24)
        .default_line_spacing(spacing(360, 0, 60))
        .footer(Footer::new().add_paragraph(page_number_line(e)))
}

/// `第 1 页　共 5 页` (`Page 1 of 5`), centred, with Word's PAGE and NUMPAGES fields.
fn page_number_line(e: &super::super::Export<'_>) -> Paragraph {
    let small = |text: &str| Run::new().add_text(text).size(18).color("7A7368");
    Paragraph::new()
        .align(AlignmentType::Center)
        .add_run(small(e.t("第 ", "Page ")))
        .add_page_num(PageNum::new())
        .add_run(small(e.t(" 页　共 ", " of ")))
        .add_num_pages(NumPages::new())
        .add_run(small(e.t(" 页", "")))
}

/// The styles the documents use: Title, Heading 1–6 with outline levels, Quote, Body (the
/// article's paragraphs, first line indented two characters), note label and meta lines.
fn with_styles(docx: Docx) -> Docx {
    let mut docx = docx.add_style(
        Style::new("Title", StyleType::Paragraph)
            .name("Title")
            .based_on("Normal")
            .size(40)
            .bold()
            .fonts(fonts(HEI, LATIN_SANS))
            .line_spacing(spacing(276, 120, 240))
            .align(AlignmentType::Center),
    );
    for level in 1..=6usize {
        let size = match level {
            1 => 32,
            2 => 28,
            3 => 26,
            _ => 24,
        };
        docx = docx.add_style(
            Style::new(format!("Heading{level}"), StyleType::Paragraph)
                .name(format!("heading {level}"))
                .based_on("Normal")
                .next("Normal")
                .q_format(true)
                .size(size)
                .bold()
                .fonts(fonts(HEI, LATIN_SANS))
                .line_spacing(spacing(276, if level == 1 { 360 } else { 240 }, 120))
                .outline_lvl(level - 1),
        );
    }
    docx.add_style(
        Style::new("Quote", StyleType::Paragraph)
            .name("Quote")
            .based_on("Normal")
            .color("5C5954")
            .fonts(fonts(KAI, LATIN_SERIF))
            .line_spacing(spacing(300, 60, 60))
            .indent(Some(420), None, Some(420), None),
    )
    .add_style(
        Style::new("JingduBody", StyleType::Paragraph)
            .name("Article Body")
            .based_on("Normal")
            .line_spacing(spacing(360, 0, 120))
            .align(AlignmentType::Both)
            .indent(None, Some(SpecialIndentType::FirstLine(480)), None, None),
    )
    .add_style(
        Style::new("JingduMeta", StyleType::Paragraph)
            .name("Note Meta")
            .based_on("Normal")
            .size(18)
            .color("7A7368")
            .line_spacing(spacing(240, 0, 60)),
    )
    .add_style(
        Style::new("JingduLabel", StyleType::Paragraph)
            .name("Note Label")
            .based_on("Normal")
            .bold()
            .color("A8322D")
            .line_spacing(spacing(276, 200, 60))
            .fonts(fonts(HEI, LATIN_SANS)),
    )
}

/// A run of text with tabs and line breaks turned into Word's own.
pub(super) fn text_run(text: &str) -> Run {
    let clean = xml_safe(text).replace("\r\n", "\n");
    let mut run = Run::new();
    for (i, line) in clean.split('\n').enumerate() {
        if i > 0 {
            run = run.add_break(BreakType::TextWrapping);
        }
        for (j, part) in line.split('\t').enumerate() {
            if j > 0 {
                run = run.add_tab();
            }
            if !part.is_empty() {
                run = run.add_text(part);
            }
        }
    }
    run
}

/// A paragraph of style `style` holding `text`.
pub(super) fn para(style: &str, text: &str) -> Paragraph {
    Paragraph::new().style(style).add_run(text_run(text))
}

/// The shading behind a passage of colour `rgb`: the app's own soft tint of it
/// ([`crate::notes::palette::soft_rgb`]) as run shading (`w:shd`), which Word, WPS and
/// LibreOffice all show. Word's sixteen highlight colours would turn the soft palette into
/// saturated magenta and cyan, hard to read black text on.
pub(super) fn shading(rgb: [u8; 3]) -> docx_rs::Shading {
    let [r, g, b] = crate::notes::palette::soft_rgb(rgb);
    docx_rs::Shading::new()
        .shd_type(docx_rs::ShdType::Clear)
        .color("auto")
        .fill(format!("{r:02X}{g:02X}{b:02X}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn palette_colours_become_soft_shading() {
        // 重点 yellow (242, 201, 76) becomes a pale yellow, not Word's saturated one.
        let yellow = shading([242, 201, 76]);
        assert_eq!(yellow.fill, "FAEDC3");
        assert_eq!(yellow.shd_type, docx_rs::ShdType::Clear);
        assert_eq!(shading([167, 127, 206]).fill, "E1D4EE");
    }
}

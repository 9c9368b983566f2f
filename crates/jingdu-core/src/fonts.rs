//! The CJK fonts jingdu embeds (Noto Sans/Serif CJK SC, subset; SIL Open Font License): the
//! window typesets with them and the PDF export embeds subsets of them, so a page looks the
//! same on screen and on paper.

/// Noto Serif CJK SC Regular (subset), for the article body.
pub static SERIF_SC: &[u8] = include_bytes!("../../../fonts/NotoSerifSC-Regular.otf");
/// Noto Sans CJK SC Regular (subset), for the UI and small print.
pub static SANS_SC: &[u8] = include_bytes!("../../../fonts/NotoSansSC-Regular.otf");
/// Noto Sans CJK SC Bold (subset), for the title and headings.
pub static SANS_SC_BOLD: &[u8] = include_bytes!("../../../fonts/NotoSansSC-Bold.otf");

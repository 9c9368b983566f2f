//! How the window's width is shared: the reading column first, then the notes panel, then
//! the outline. A panel that does not fit beside a column of [`MIN_COLUMN_EM`] characters is
//! not docked; its toolbar button then shows it as an overlay over the text. The reader's
//! choice of which panels to show is kept as it is, so a wider window brings them back.

/// The narrowest reading column, in characters of the body font.
pub const MIN_COLUMN_EM: f32 = 20.0;
/// Room the reader needs beside the column for note markers and buttons, in points.
pub const COLUMN_MARGINS: f32 = 2.0 * 40.0;
/// The column an empty notes panel leaves at least, in characters: a panel with nothing in it
/// is not worth a narrow column (it shows over the text when asked for instead).
pub const COMFORTABLE_COLUMN_EM: f32 = 30.0;
/// The narrowest outline panel, in points.
pub const MIN_OUTLINE_WIDTH: f32 = 190.0;
/// The narrowest notes panel, in points.
pub const MIN_NOTES_WIDTH: f32 = 250.0;

/// Which side panels are docked, and how wide.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PanelPlan {
    /// Width of the docked outline, or `None` when it is hidden or does not fit.
    pub outline: Option<f32>,
    /// Width of the docked notes panel, or `None`.
    pub notes: Option<f32>,
    /// The outline is wanted but does not fit: its button shows it as an overlay.
    pub outline_overlaid: bool,
    /// The notes panel is wanted (or needed) but does not fit.
    pub notes_overlaid: bool,
}

/// What the reader asked for.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PanelWish {
    /// Show the outline, this wide.
    pub outline: Option<f32>,
    /// Show the notes panel, this wide.
    pub notes: Option<f32>,
    /// The notes panel has nothing to show: no notes and none being written.
    pub notes_idle: bool,
}

/// Shares `window_width` points between the panels the reader wants and a reading column of at
/// least [`MIN_COLUMN_EM`] characters at `font_size_pt`. Panels shrink to their minimum
/// before one gives way; the outline gives way before the notes panel, where notes are
/// written.
pub fn plan_panels(window_width: f32, font_size_pt: f32, wish: PanelWish) -> PanelPlan {
    let column = MIN_COLUMN_EM * font_size_pt + COLUMN_MARGINS;
    let comfortable = COMFORTABLE_COLUMN_EM * font_size_pt + COLUMN_MARGINS;
    let fits = |outline: Option<f32>, notes: Option<f32>| {
        let needed = if notes.is_some() && wish.notes_idle {
            comfortable
        } else {
            column
        };
        window_width - outline.unwrap_or(0.0) - notes.unwrap_or(0.0) >= needed
    };
    let shrink_outline = wish.outline.map(|w| w.min(MIN_OUTLINE_WIDTH));
    let shrink_notes = wish.notes.map(|w| w.min(MIN_NOTES_WIDTH));
    let candidates = [
        (wish.outline, wish.notes),
        (wish.outline, shrink_notes),
        (shrink_outline, shrink_notes),
        (None, wish.notes),
        (None, shrink_notes),
        (None, None),
    ];
    let (outline, notes) = candidates
        .into_iter()
        .find(|&(o, n)| fits(o, n))
        .unwrap_or((None, None));
    PanelPlan {
        outline,
        notes,
        outline_overlaid: wish.outline.is_some() && outline.is_none(),
        notes_overlaid: wish.notes.is_some() && notes.is_none(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BOTH: PanelWish = PanelWish {
        outline: Some(260.0),
        notes: Some(320.0),
        notes_idle: false,
    };

    #[test]
    fn an_empty_notes_panel_gives_way_before_the_column_narrows() {
        let idle = PanelWish {
            notes_idle: true,
            ..BOTH
        };
        // Wide: docked as always.
        let p = plan_panels(1280.0, 18.0, idle);
        assert_eq!((p.outline, p.notes), (Some(260.0), Some(320.0)));
        // 700: the column keeps the whole width; the panel shows over it when asked for.
        let p = plan_panels(700.0, 18.0, idle);
        assert_eq!((p.outline, p.notes), (None, None));
        assert!(p.notes_overlaid);
        // With notes in it, it docks at 700 as before.
        let p = plan_panels(700.0, 18.0, BOTH);
        assert_eq!(p.notes, Some(250.0));
    }

    #[test]
    fn a_wide_window_docks_both_panels_at_their_widths() {
        let p = plan_panels(1280.0, 18.0, BOTH);
        assert_eq!((p.outline, p.notes), (Some(260.0), Some(320.0)));
        assert!(!p.outline_overlaid && !p.notes_overlaid);
    }

    #[test]
    fn panels_shrink_then_the_outline_then_the_notes_give_way() {
        // 900: both fit once shrunk, the column keeps its 20 characters.
        let p = plan_panels(900.0, 18.0, BOTH);
        assert_eq!((p.outline, p.notes), (Some(190.0), Some(250.0)));
        let column = 900.0 - p.outline.unwrap() - p.notes.unwrap();
        assert!(column >= 20.0 * 18.0 + COLUMN_MARGINS);
        // 700: the outline becomes an overlay.
        let p = plan_panels(700.0, 18.0, BOTH);
        assert_eq!((p.outline, p.notes), (None, Some(250.0)));
        assert!(p.outline_overlaid);
        // Larger text needs more room: both give way.
        let p = plan_panels(700.0, 28.0, BOTH);
        assert_eq!((p.outline, p.notes), (None, None));
        assert!(p.outline_overlaid && p.notes_overlaid);
    }

    #[test]
    fn hidden_panels_are_not_overlays() {
        let p = plan_panels(
            600.0,
            18.0,
            PanelWish {
                outline: None,
                notes: None,
                notes_idle: false,
            },
        );
        assert_eq!(
            p,
            PanelPlan {
                outline: None,
                notes: None,
                outline_overlaid: false,
                notes_overlaid: false
            }
        );
    }
}

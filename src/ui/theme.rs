//! Colours and spacing of the two reading themes, and the egui style built from them.

use egui::{Color32, FontId, Style, TextStyle, Visuals};

use crate::app::ThemeChoice;

use super::fonts;

/// The colours a reading theme uses.
#[derive(Clone, Copy, Debug)]
pub struct Palette {
    /// Page background.
    pub paper: Color32,
    /// Panels around the page.
    pub panel: Color32,
    /// Body text.
    pub ink: Color32,
    /// Secondary text (metadata, counts).
    pub muted: Color32,
    /// Headings.
    pub heading: Color32,
    /// Accent (current outline node, links).
    pub accent: Color32,
    /// Selection background.
    pub selection: Color32,
    /// Flash of a revealed note target.
    pub flash: Color32,
    /// Background of a search hit.
    pub search_hit: Color32,
    /// Background of the current search hit.
    pub search_current: Color32,
    /// Alpha of note highlights over the text.
    pub highlight_alpha: u8,
}

impl Palette {
    /// The palette of `theme`.
    pub fn of(theme: ThemeChoice) -> Self {
        match theme {
            ThemeChoice::Light => Palette {
                paper: Color32::from_rgb(0xFB, 0xF8, 0xF1),
                panel: Color32::from_rgb(0xF1, 0xED, 0xE4),
                ink: Color32::from_rgb(0x26, 0x24, 0x20),
                muted: Color32::from_rgb(0x7A, 0x73, 0x68),
                heading: Color32::from_rgb(0x1A, 0x18, 0x15),
                accent: Color32::from_rgb(0xA8, 0x32, 0x2D),
                selection: Color32::from_rgba_unmultiplied(0x3D, 0x7E, 0xD6, 0x60),
                flash: Color32::from_rgba_unmultiplied(0xE8, 0x9A, 0x1E, 0xA0),
                search_hit: Color32::from_rgba_unmultiplied(0xF5, 0xC8, 0x42, 0x70),
                search_current: Color32::from_rgba_unmultiplied(0xF0, 0x8A, 0x24, 0xC0),
                highlight_alpha: 0x70,
            },
            ThemeChoice::Dark => Palette {
                paper: Color32::from_rgb(0x1E, 0x1F, 0x22),
                panel: Color32::from_rgb(0x26, 0x27, 0x2B),
                ink: Color32::from_rgb(0xD9, 0xD4, 0xC9),
                muted: Color32::from_rgb(0x8E, 0x89, 0x80),
                heading: Color32::from_rgb(0xEC, 0xE7, 0xDC),
                accent: Color32::from_rgb(0xE0, 0x7A, 0x6E),
                selection: Color32::from_rgba_unmultiplied(0x4F, 0x8E, 0xE6, 0x70),
                flash: Color32::from_rgba_unmultiplied(0xE8, 0x9A, 0x1E, 0x90),
                search_hit: Color32::from_rgba_unmultiplied(0xB8, 0x94, 0x2C, 0x70),
                search_current: Color32::from_rgba_unmultiplied(0xE8, 0x84, 0x2A, 0xB0),
                highlight_alpha: 0x58,
            },
        }
    }

    /// A note colour dark (or light) enough to read as text on this theme's background.
    pub fn legible(&self, c: Color32) -> Color32 {
        let light_theme = self.paper.r() > 128;
        let scale = |v: u8| {
            if light_theme {
                (u16::from(v) * 6 / 10) as u8
            } else {
                v
            }
        };
        Color32::from_rgb(scale(c.r()), scale(c.g()), scale(c.b()))
    }

    /// Background of a question or warning inside a panel (a soft amber).
    pub fn warning_fill(&self) -> Color32 {
        if self.paper.r() > 128 {
            Color32::from_rgb(0xFA, 0xEB, 0xC8)
        } else {
            Color32::from_rgb(0x4A, 0x3D, 0x22)
        }
    }

    /// A note colour as a highlight over the text.
    pub fn highlight(&self, rgb: [u8; 3]) -> Color32 {
        Color32::from_rgba_unmultiplied(rgb[0], rgb[1], rgb[2], self.highlight_alpha)
    }
}

/// Installs the light and dark styles (colours, UI text sizes) in `ctx`.
pub fn install(ctx: &egui::Context) {
    for (theme, egui_theme) in [
        (ThemeChoice::Light, egui::Theme::Light),
        (ThemeChoice::Dark, egui::Theme::Dark),
    ] {
        ctx.set_style_of(egui_theme, style(theme));
    }
}

/// Switches `ctx` to `theme`.
pub fn select(ctx: &egui::Context, theme: ThemeChoice) {
    let wanted = match theme {
        ThemeChoice::Light => egui::Theme::Light,
        ThemeChoice::Dark => egui::Theme::Dark,
    };
    if ctx.theme() != wanted {
        ctx.set_theme(wanted);
    }
}

fn style(theme: ThemeChoice) -> Style {
    let p = Palette::of(theme);
    let mut visuals = match theme {
        ThemeChoice::Light => Visuals::light(),
        ThemeChoice::Dark => Visuals::dark(),
    };
    visuals.panel_fill = p.panel;
    visuals.window_fill = p.panel;
    visuals.extreme_bg_color = p.paper;
    visuals.selection.bg_fill = p.selection;
    visuals.hyperlink_color = p.accent;
    // Radio buttons, check boxes and buttons need an outline to be seen on the warm panel.
    visuals.widgets.inactive.bg_stroke = egui::Stroke::new(1.0, p.muted.gamma_multiply(0.7));
    let mut style = Style {
        visuals,
        ..Style::default()
    };
    // Chinese UI text needs a little more size than Latin to stay legible.
    style.text_styles = [
        (TextStyle::Small, FontId::proportional(12.0)),
        (TextStyle::Body, FontId::proportional(14.0)),
        (TextStyle::Button, FontId::proportional(14.0)),
        (
            TextStyle::Heading,
            FontId::new(18.0, fonts::heading_family()),
        ),
        (TextStyle::Monospace, FontId::monospace(13.0)),
    ]
    .into();
    // Labels are not selectable: clicks on a note card must reach the card.
    style.interaction.selectable_labels = false;
    style.spacing.item_spacing = egui::vec2(8.0, 6.0);
    style.spacing.button_padding = egui::vec2(8.0, 3.0);
    // Panel edges are easy to grab: 6 points either side of the line.
    style.interaction.resize_grab_radius_side = 6.0;
    style.spacing.interact_size.y = 24.0;
    style
}

//! The message bar at the bottom: what was saved or exported, what went wrong and what to do.

use egui::{RichText, Ui};

use crate::app::{Action, AppState, Level};

use super::strings as s;
use super::theme::Palette;

/// Shows the current messages, newest last; returns a folder the reader asked to open.
pub fn messages_ui(
    ui: &mut Ui,
    state: &AppState,
    actions: &mut Vec<Action>,
) -> Option<std::path::PathBuf> {
    let palette = Palette::of(state.settings.theme);
    let mut open = None;
    for m in state.messages.list() {
        // Buttons first, from the right, so that the text wraps in the space left to it
        // instead of running under them.
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Min), |ui| {
            if ui
                .small_button("×")
                .on_hover_text(s::DISMISS)
                .accessible_name(s::DISMISS)
                .clicked()
            {
                actions.push(Action::DismissMessage(m.id));
            }
            if let Some(folder) = &m.folder
                && ui.small_button(s::OPEN_FOLDER).clicked()
            {
                open = Some(folder.clone());
            }
            ui.with_layout(egui::Layout::left_to_right(egui::Align::Min), |ui| {
                let (icon, color) = match m.level {
                    Level::Info => ("●", palette.muted),
                    Level::Warning => ("⚠", egui::Color32::from_rgb(0xC0, 0x7A, 0x12)),
                    Level::Error => ("⚠", palette.accent),
                };
                ui.label(RichText::new(icon).color(color));
                let text_color = if m.level == Level::Info {
                    palette.ink
                } else {
                    color
                };
                ui.add(egui::Label::new(RichText::new(&m.text).color(text_color)).wrap());
            });
        });
    }
    open
}

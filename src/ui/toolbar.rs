//! The toolbar: outline and notes toggles, the 字体 小/中/大 control, theme, undo/redo, new
//! note, export and import.

use egui::{RichText, Ui};

use crate::app::settings::FONT_PRESETS_PT;
use crate::app::{Action, AppState, ThemeChoice};

use super::strings as s;
use super::theme::Palette;

/// Shows the toolbar row.
pub fn toolbar_ui(ui: &mut Ui, state: &AppState, actions: &mut Vec<Action>) {
    let palette = Palette::of(state.settings.theme);
    ui.horizontal(|ui| {
        if ui
            .selectable_label(
                state.settings.show_outline,
                format!("≡ {}", s::TOGGLE_OUTLINE),
            )
            .on_hover_text(s::TOGGLE_OUTLINE_TIP)
            .clicked()
        {
            actions.push(Action::ToggleOutline);
        }
        if ui.button(s::OPEN).on_hover_text(s::OPEN_TIP).clicked() {
            actions.push(Action::OpenDialog);
        }
        ui.separator();
        ui.label(RichText::new(s::FONT_SIZE).color(palette.muted))
            .on_hover_text(s::FONT_SIZE_TIP);
        for (name, pt) in FONT_PRESETS_PT {
            let selected = (state.settings.font_size_pt - pt).abs() < 0.01;
            if ui
                .selectable_label(selected, name)
                .on_hover_text(format!("{}（{} 点）", s::FONT_SIZE_TIP, pt))
                .clicked()
            {
                actions.push(Action::SetFontSize(pt));
            }
        }
        ui.label(
            RichText::new(format!("{:.0}", state.settings.font_size_pt))
                .small()
                .color(palette.muted),
        );
        ui.separator();
        let dark = state.settings.theme == ThemeChoice::Dark;
        let (label, next) = if dark {
            (format!("☀ {}", s::THEME_LIGHT), ThemeChoice::Light)
        } else {
            (format!("◐ {}", s::THEME_DARK), ThemeChoice::Dark)
        };
        if ui.button(label).clicked() {
            actions.push(Action::SetTheme(next));
        }
        ui.separator();
        if ui
            .add_enabled(state.can_undo(), egui::Button::new(s::UNDO))
            .on_hover_text("Ctrl+Z")
            .clicked()
        {
            actions.push(Action::Undo);
        }
        if ui
            .add_enabled(state.can_redo(), egui::Button::new(s::REDO))
            .on_hover_text("Ctrl+Shift+Z")
            .clicked()
        {
            actions.push(Action::Redo);
        }
        ui.separator();
        if ui
            .button(format!("＋ {}", s::NEW_NOTE))
            .on_hover_text(s::NEW_NOTE_TIP)
            .clicked()
        {
            actions.push(Action::NoteSelectionOrParagraph);
        }
        if ui.button(s::EXPORT).on_hover_text(s::EXPORT_TIP).clicked() {
            actions.push(Action::OpenExport);
        }
        if ui.button(s::IMPORT).on_hover_text(s::IMPORT_TIP).clicked() {
            actions.push(Action::OpenImport);
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui
                .selectable_label(state.settings.show_notes, format!("{} ▤", s::TOGGLE_NOTES))
                .on_hover_text(s::TOGGLE_NOTES_TIP)
                .clicked()
            {
                actions.push(Action::ToggleNotes);
            }
            let status = if !state.saves_notes() {
                RichText::new(s::NOT_SAVING).color(palette.accent)
            } else if state.is_dirty() {
                RichText::new("正在保存…").small().color(palette.muted)
            } else {
                RichText::new("笔记已保存").small().color(palette.muted)
            };
            let resp = ui.label(status);
            if let Some(p) = state.notes_path() {
                resp.on_hover_text(format!("笔记文件：{}", p.display()));
            }
        });
    });
}

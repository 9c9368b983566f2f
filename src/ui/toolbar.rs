//! The toolbar: outline and notes toggles, the 字体 小/中/大 control, theme, undo/redo, new
//! note, export and import. In a narrow window the less frequent items fold into a ⋯ menu,
//! so that nothing overlaps or falls off the edge.

use egui::{RichText, Ui};

use crate::app::settings::FONT_PRESETS_PT;
use crate::app::{Action, AppState, ThemeChoice};

use super::strings as s;
use super::theme::Palette;

/// Which side panels are on screen (docked or over the text), for the toggles' state.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PanelsShown {
    /// The outline.
    pub outline: bool,
    /// The notes panel.
    pub notes: bool,
}

/// How much of the toolbar fits.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Fold {
    /// Everything in the bar.
    None,
    /// Size, theme, undo/redo, import and the save status in the ⋯ menu.
    Some,
    /// Open and export too.
    Most,
}

impl Fold {
    /// Widths (points) below which items fold, measured on the full Chinese toolbar.
    fn for_width(width: f32) -> Fold {
        if width >= 1060.0 {
            Fold::None
        } else if width >= 560.0 {
            Fold::Some
        } else {
            Fold::Most
        }
    }
}

/// Shows the toolbar row.
pub fn toolbar_ui(ui: &mut Ui, state: &AppState, shown: PanelsShown, actions: &mut Vec<Action>) {
    let palette = Palette::of(state.settings.theme);
    let fold = Fold::for_width(ui.available_width());
    ui.horizontal(|ui| {
        if ui
            .selectable_label(shown.outline, format!("≡ {}", s::TOGGLE_OUTLINE))
            .on_hover_text(s::TOGGLE_OUTLINE_TIP)
            .clicked()
        {
            actions.push(Action::ToggleOutline);
        }
        if fold < Fold::Most {
            open_button(ui, actions);
        }
        if fold == Fold::None {
            ui.separator();
            font_size_ui(ui, state, &palette, actions);
            ui.separator();
            theme_button(ui, state, actions);
            ui.separator();
            undo_redo_ui(ui, state, actions);
            ui.separator();
        }
        if ui
            .button(format!("＋ {}", s::NEW_NOTE))
            .on_hover_text(s::NEW_NOTE_TIP)
            .clicked()
        {
            actions.push(Action::NoteSelectionOrParagraph);
        }
        if fold < Fold::Most {
            export_button(ui, actions);
        }
        if fold == Fold::None {
            import_button(ui, actions);
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui
                .selectable_label(shown.notes, format!("{} ▤", s::TOGGLE_NOTES))
                .on_hover_text(s::TOGGLE_NOTES_TIP)
                .clicked()
            {
                actions.push(Action::ToggleNotes);
            }
            if fold == Fold::None {
                save_status_ui(ui, state, &palette);
            } else {
                ui.menu_button("⋯", |ui| {
                    if fold == Fold::Most {
                        open_button(ui, actions);
                        export_button(ui, actions);
                    }
                    import_button(ui, actions);
                    ui.separator();
                    ui.horizontal(|ui| font_size_ui(ui, state, &palette, actions));
                    theme_button(ui, state, actions);
                    ui.horizontal(|ui| undo_redo_ui(ui, state, actions));
                    ui.separator();
                    save_status_ui(ui, state, &palette);
                })
                .response
                .on_hover_text(s::MORE_TIP);
            }
        });
    });
}

fn open_button(ui: &mut Ui, actions: &mut Vec<Action>) {
    if ui.button(s::OPEN).on_hover_text(s::OPEN_TIP).clicked() {
        actions.push(Action::OpenDialog);
    }
}

fn export_button(ui: &mut Ui, actions: &mut Vec<Action>) {
    if ui.button(s::EXPORT).on_hover_text(s::EXPORT_TIP).clicked() {
        actions.push(Action::OpenExport);
    }
}

fn import_button(ui: &mut Ui, actions: &mut Vec<Action>) {
    if ui.button(s::IMPORT).on_hover_text(s::IMPORT_TIP).clicked() {
        actions.push(Action::OpenImport);
    }
}

fn font_size_ui(ui: &mut Ui, state: &AppState, palette: &Palette, actions: &mut Vec<Action>) {
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
}

fn theme_button(ui: &mut Ui, state: &AppState, actions: &mut Vec<Action>) {
    let dark = state.settings.theme == ThemeChoice::Dark;
    let (label, next) = if dark {
        (format!("☀ {}", s::THEME_LIGHT), ThemeChoice::Light)
    } else {
        (format!("◐ {}", s::THEME_DARK), ThemeChoice::Dark)
    };
    if ui.button(label).clicked() {
        actions.push(Action::SetTheme(next));
    }
}

fn undo_redo_ui(ui: &mut Ui, state: &AppState, actions: &mut Vec<Action>) {
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
}

fn save_status_ui(ui: &mut Ui, state: &AppState, palette: &Palette) {
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
}

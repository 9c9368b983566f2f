//! The toolbar: outline and notes toggles, the 字体 小/中/大 control, theme, undo/redo, new
//! note, export and import. In a narrow window the less frequent items fold into a ⋯ menu,
//! so that nothing overlaps or falls off the edge.

use egui::{RichText, Ui};

use super::request::{Intent, Requests};
use crate::app::settings::FONT_PRESETS_PT;
use crate::app::{Action, AppState, ThemeChoice};

use super::commands::UiCommand;
use super::strings as s;
use super::theme::Palette;

/// Which side panels are on screen (docked or over the text), for the toggles' state.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PanelsShown {
    /// The outline.
    pub outline: bool,
    /// The notes panel.
    pub notes: bool,
    /// The status bar, which then holds the 编码 menu of a file (as editors show it).
    pub status_bar: bool,
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
    /// Widths (points) below which items fold, measured on the full toolbar in each
    /// language (English words are wider than their Chinese), plus `extra` for items only
    /// some documents have (the 编码 menu of a file).
    fn for_width(width: f32, extra: f32) -> Fold {
        let (all, some) = match crate::i18n::lang() {
            crate::i18n::Lang::En => (1520.0, 700.0),
            _ => (1200.0, 560.0),
        };
        if width >= all + extra {
            Fold::None
        } else if width >= some {
            Fold::Some
        } else {
            Fold::Most
        }
    }
}

/// Shows the toolbar row.
pub fn toolbar_ui(ui: &mut Ui, state: &AppState, shown: PanelsShown, actions: &mut Requests) {
    let palette = Palette::of(state.settings.theme);
    let encoding = encoding_label(state).filter(|_| !shown.status_bar);
    let extra = encoding.as_ref().map_or(0.0, |label| {
        let font = egui::TextStyle::Button.resolve(ui.style());
        let text = ui
            .fonts_mut(|f| f.layout_no_wrap(label.clone(), font, egui::Color32::WHITE))
            .size()
            .x;
        text + 2.0 * ui.spacing().button_padding.x + ui.spacing().item_spacing.x
    });
    let fold = Fold::for_width(ui.available_width(), extra);
    ui.horizontal(|ui| {
        let outline = UiCommand::ToggleOutline;
        if ui
            .selectable_label(shown.outline, format!("≡ {}", outline.label()))
            .on_hover_text(outline.tooltip(ui.ctx()))
            .clicked()
        {
            actions.push(outline.action());
        }
        if fold < Fold::Most {
            open_button(ui, actions);
        }
        if fold == Fold::None {
            command_button(ui, UiCommand::ReadingList, actions);
            command_button(ui, UiCommand::Paste, actions);
            ui.separator();
            font_size_ui(ui, state, &palette, actions);
            typesetting_menu(ui, state, actions);
            vertical_toggle(ui, state, actions);
            ui.separator();
            theme_button(ui, state, actions);
            ui.separator();
            undo_redo_ui(ui, state, actions);
            ui.separator();
        }
        let new_note = UiCommand::NewNote;
        if ui
            .button(format!("＋ {}", new_note.label()))
            .on_hover_text(new_note.tooltip(ui.ctx()))
            .clicked()
        {
            actions.push(new_note.action());
        }
        if fold < Fold::Most {
            export_button(ui, actions);
        }
        if fold == Fold::None {
            import_button(ui, actions);
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            let notes = UiCommand::ToggleNotes;
            if ui
                .selectable_label(shown.notes, format!("{} ▤", notes.label()))
                .on_hover_text(notes.tooltip(ui.ctx()))
                .clicked()
            {
                actions.push(notes.action());
            }
            ui.menu_button("？", |ui| {
                command_button(ui, UiCommand::KeyboardHelp, actions);
                language_menu(ui, state, actions);
                if ui.button(s::ABOUT).clicked() {
                    actions.push(Intent::ToggleAbout);
                }
            })
            .response
            .on_hover_text(s::HELP_MENU_TIP)
            .accessible_name(s::HELP_MENU);
            if fold == Fold::None {
                save_status_ui(ui, state, &palette);
                if !shown.status_bar {
                    encoding_menu(ui, state, actions);
                }
            } else {
                ui.menu_button("⋯", |ui| {
                    if fold == Fold::Most {
                        open_button(ui, actions);
                        export_button(ui, actions);
                    }
                    command_button(ui, UiCommand::ReadingList, actions);
                    command_button(ui, UiCommand::Paste, actions);
                    import_button(ui, actions);
                    if !shown.status_bar {
                        encoding_menu(ui, state, actions);
                    }
                    ui.separator();
                    ui.horizontal(|ui| font_size_ui(ui, state, &palette, actions));
                    typesetting_menu(ui, state, actions);
                    vertical_toggle(ui, state, actions);
                    theme_button(ui, state, actions);
                    ui.horizontal(|ui| undo_redo_ui(ui, state, actions));
                    ui.separator();
                    save_status_ui(ui, state, &palette);
                })
                .response
                .on_hover_text(s::MORE_TIP)
                .accessible_name(s::MORE);
            }
        });
    });
}

/// The interface language: the system's, or one chosen (each named in its own language).
fn language_menu(ui: &mut Ui, state: &AppState, actions: &mut Requests) {
    ui.menu_button(s::LANGUAGE, |ui| {
        let current = state.settings.ui_language;
        if ui.radio(current.is_none(), s::LANGUAGE_SYSTEM).clicked() {
            actions.push(Action::SetUiLanguage(None));
        }
        for lang in crate::i18n::Lang::ALL {
            if ui
                .radio(current == Some(lang), lang.native_name())
                .clicked()
            {
                actions.push(Action::SetUiLanguage(Some(lang)));
            }
        }
    });
}

/// The 编码 menu of a document opened from a file: the encoding it was read in, and the
/// others to read it in when the text shows as garbage.
pub fn encoding_menu(ui: &mut Ui, state: &AppState, actions: &mut Requests) {
    let Some(label) = encoding_label(state) else {
        return;
    };
    let current = state.source.encoding;
    ui.menu_button(label, |ui| {
        for label in crate::document::CHOOSABLE_ENCODINGS {
            let selected = label.eq_ignore_ascii_case(current);
            if ui.radio(selected, label).clicked() {
                if !selected {
                    actions.push(Intent::ReopenWithEncoding(label.to_owned()));
                }
                ui.close();
            }
        }
    })
    .response
    .on_hover_text(s::ENCODING_TIP);
}

/// The 编码 menu's label (`编码 GB18030`), for a document opened from a text file or a web
/// page: a PDF, a book or a word-processor file says its own encoding, and has no menu.
fn encoding_label(state: &AppState) -> Option<String> {
    let path = state.source.origin.path()?;
    // By name only: no bytes are read to draw a frame.
    let text = matches!(
        crate::document::sniff_format(path, b""),
        Ok(crate::document::Format::Text | crate::document::Format::Html)
    );
    if !text {
        return None;
    }
    let current = state.source.encoding;
    let shown = crate::document::CHOOSABLE_ENCODINGS
        .iter()
        .find(|l| l.eq_ignore_ascii_case(current))
        .copied()
        .unwrap_or(current);
    Some(format!("{} {shown}", s::ENCODING))
}

/// 竖排: on while the text is set in vertical columns.
fn vertical_toggle(ui: &mut Ui, state: &AppState, actions: &mut Requests) {
    let command = UiCommand::ToggleVertical;
    if ui
        .selectable_label(state.view.vertical, command.label())
        .on_hover_text(command.tooltip(ui.ctx()))
        .clicked()
    {
        actions.push(command.action());
    }
}

/// A plain button for `command`: its label, its tooltip with the shortcut.
fn command_button(ui: &mut Ui, command: UiCommand, actions: &mut Requests) {
    if ui
        .button(command.label())
        .on_hover_text(command.tooltip(ui.ctx()))
        .clicked()
    {
        actions.push(command.action());
    }
}

fn open_button(ui: &mut Ui, actions: &mut Requests) {
    command_button(ui, UiCommand::Open, actions);
}

fn export_button(ui: &mut Ui, actions: &mut Requests) {
    command_button(ui, UiCommand::Export, actions);
}

fn import_button(ui: &mut Ui, actions: &mut Requests) {
    command_button(ui, UiCommand::Import, actions);
}

fn font_size_ui(ui: &mut Ui, state: &AppState, palette: &Palette, actions: &mut Requests) {
    let ctx = ui.ctx().clone();
    let zoom_keys = crate::i18n::trf(
        "{}：{} {}，{} {}，{} {}",
        "{}: {} {}, {} {}, {} {}",
        &[
            &s::FONT_SIZE_TIP,
            &UiCommand::ZoomIn.label(),
            &UiCommand::ZoomIn.shortcut_text(&ctx),
            &UiCommand::ZoomOut.label(),
            &UiCommand::ZoomOut.shortcut_text(&ctx),
            &UiCommand::ZoomReset.label(),
            &UiCommand::ZoomReset.shortcut_text(&ctx),
        ],
    );
    ui.label(RichText::new(s::FONT_SIZE).color(palette.muted))
        .on_hover_text(&zoom_keys);
    for (name, pt) in FONT_PRESETS_PT {
        let selected = (state.settings.font_size_pt - pt).abs() < 0.01;
        if ui
            .selectable_label(selected, name.get())
            .on_hover_text(s::font_size_tip(&zoom_keys, pt))
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

/// 排版: punctuation compression and the Han–Latin gap, on or off; the text in its own,
/// Simplified or Traditional characters.
fn typesetting_menu(ui: &mut Ui, state: &AppState, actions: &mut Requests) {
    // Stays open while the reader tries both switches and looks at the text.
    let config = egui::containers::menu::MenuConfig::new()
        .close_behavior(egui::PopupCloseBehavior::CloseOnClickOutside);
    let (button, _) = egui::containers::menu::MenuButton::new(s::TYPESETTING)
        .config(config)
        .ui(ui, |ui| {
            let mut compress = state.settings.compress_punctuation;
            if ui
                .checkbox(&mut compress, s::COMPRESS_PUNCTUATION)
                .on_hover_text(s::COMPRESS_PUNCTUATION_TIP)
                .changed()
            {
                actions.push(Action::SetCompressPunctuation(compress));
            }
            let mut gap = state.settings.han_latin_gap;
            if ui
                .checkbox(&mut gap, s::HAN_LATIN_GAP)
                .on_hover_text(s::HAN_LATIN_GAP_TIP)
                .changed()
            {
                actions.push(Action::SetHanLatinGap(gap));
            }
            let mut edges = state.settings.line_edge_compression;
            if ui
                .checkbox(&mut edges, s::LINE_EDGES)
                .on_hover_text(s::LINE_EDGES_TIP)
                .changed()
            {
                actions.push(Action::SetLineEdgeCompression(edges));
            }
            ui.separator();
            ui.label(egui::RichText::new(s::SCRIPT).small())
                .on_hover_text(s::SCRIPT_TIP);
            use crate::document::script::Script;
            // The other script first: the one a reader of this text is likely to want.
            let order = if state.looks_traditional() {
                [Script::Original, Script::Simplified, Script::Traditional]
            } else {
                [Script::Original, Script::Traditional, Script::Simplified]
            };
            for script in order {
                let label = match script {
                    Script::Original => s::SCRIPT_ORIGINAL,
                    Script::Simplified => s::SCRIPT_SIMPLIFIED,
                    Script::Traditional => s::SCRIPT_TRADITIONAL,
                };
                if ui
                    .radio(state.settings.script == script, label)
                    .on_hover_text(s::SCRIPT_TIP)
                    .clicked()
                {
                    actions.push(Action::SetScript(script));
                }
            }
        });
    button.on_hover_text(s::TYPESETTING_TIP);
}

fn theme_button(ui: &mut Ui, state: &AppState, actions: &mut Requests) {
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

fn undo_redo_ui(ui: &mut Ui, state: &AppState, actions: &mut Requests) {
    for (command, enabled) in [
        (UiCommand::Undo, state.can_undo()),
        (UiCommand::Redo, state.can_redo()),
    ] {
        if ui
            .add_enabled(enabled, egui::Button::new(command.label()))
            .on_hover_text(command.tooltip(ui.ctx()))
            .on_disabled_hover_text(command.tooltip(ui.ctx()))
            .clicked()
        {
            actions.push(command.action());
        }
    }
}

fn save_status_ui(ui: &mut Ui, state: &AppState, palette: &Palette) {
    let status = if !state.saves_notes() {
        RichText::new(s::NOT_SAVING).color(palette.accent)
    } else if state.is_dirty() {
        RichText::new(s::SAVING).small().color(palette.muted)
    } else {
        RichText::new(s::SAVED).small().color(palette.muted)
    };
    let resp = ui.label(status);
    if let Some(p) = state.notes_path() {
        resp.on_hover_text(s::notes_file(&p));
    }
}

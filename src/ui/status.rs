//! The message bar at the bottom: what was saved or exported, what went wrong and what to do.

use egui::accesskit::{Live, Role};
use egui::{RichText, Ui};

use super::request::Requests;
use crate::app::{Action, AppState, Level};

use super::strings as s;
use super::theme::Palette;

/// Shows the current messages, newest last; returns a folder the reader asked to open.
pub fn messages_ui(
    ui: &mut Ui,
    state: &AppState,
    actions: &mut Requests,
) -> Option<std::path::PathBuf> {
    let palette = Palette::of(state.settings.theme);
    let mut open = None;
    for m in state.messages.list() {
        // A live region: a screen reader announces the message when it appears (errors at
        // once, the rest when the reader pauses).
        let text = super::commands::with_keys(ui.ctx(), &m.text);
        let (role, live) = match m.level {
            Level::Error => (Role::Alert, Live::Assertive),
            _ => (Role::Status, Live::Polite),
        };
        let region = egui::UiBuilder::new()
            .id_salt(("message", m.id))
            .accessibility_role(role)
            .accessibility_label(text.clone());
        ui.scope_builder(region, |ui| {
            ui.ctx()
                .accesskit_node_builder(ui.unique_id(), |n| n.set_live(live));
            message_row_ui(ui, m, &text, &palette, actions, &mut open);
        });
    }
    open
}

/// The status bar: where the reader is (`第 3 节 · 42 %`), how many notes and bookmarks the
/// document has, and the encoding a file was read in (a menu to read it in another).
pub fn reading_status_ui(ui: &mut Ui, state: &AppState, actions: &mut Requests) {
    let palette = Palette::of(state.settings.theme);
    let bookmarks = state.note_index().bookmark_count();
    let notes = state.notes().len().saturating_sub(bookmarks);
    ui.horizontal(|ui| {
        let place = s::reading_progress(state.section_number(), state.progress());
        ui.label(RichText::new(place).small().color(palette.muted));
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            ui.label(
                RichText::new(s::notes_and_bookmarks(notes, bookmarks))
                    .small()
                    .color(palette.muted),
            );
            ui.scope(|ui| {
                ui.style_mut().override_text_style = Some(egui::TextStyle::Small);
                ui.spacing_mut().button_padding.y = 0.0;
                super::toolbar::encoding_menu(ui, state, actions);
            });
        });
    });
}

/// One message: its icon and text, with dismiss and open-folder buttons.
fn message_row_ui(
    ui: &mut Ui,
    m: &crate::app::Message,
    text: &str,
    palette: &Palette,
    actions: &mut Requests,
    open: &mut Option<std::path::PathBuf>,
) {
    {
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
                *open = Some(folder.clone());
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
                message_text_ui(ui, text, text_color);
            });
        });
    }
}

/// A message's text, wrapped without cutting words: the file a message names last (after
/// `：`) is set in pieces that end at each `/`, so that a long path moves to the next line at a
/// folder boundary instead of dragging the Chinese text before it apart (`找不到文` / `件：…`).
fn message_text_ui(ui: &mut Ui, text: &str, color: egui::Color32) {
    let (prose, path) = split_path(text);
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = 0.0;
        ui.add(egui::Label::new(RichText::new(prose).color(color)).wrap());
        for piece in path_pieces(path) {
            ui.label(RichText::new(piece).color(color));
        }
    });
}

/// Splits a message into its prose and the path it names last (empty when it names none).
pub fn split_path(text: &str) -> (&str, &str) {
    let Some(colon) = text.rfind('：') else {
        return (text, "");
    };
    let after = &text[colon + '：'.len_utf8()..];
    let looks_like_path = after.starts_with(['/', '~', '\\'])
        || after.chars().nth(1) == Some(':')
        || after.contains(['/', '\\']) && !after.contains(char::is_whitespace);
    if looks_like_path {
        (&text[..colon + '：'.len_utf8()], after)
    } else {
        (text, "")
    }
}

/// A path cut after each separator: the places where it may break.
pub fn path_pieces(path: &str) -> impl Iterator<Item = &str> {
    path.split_inclusive(['/', '\\'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_is_split_before_the_path_it_names() {
        assert_eq!(
            split_path("找不到文件：/home/读者/a-b.txt"),
            ("找不到文件：", "/home/读者/a-b.txt")
        );
        assert_eq!(
            split_path("已放弃草稿（Ctrl+Z 恢复）"),
            ("已放弃草稿（Ctrl+Z 恢复）", "")
        );
        assert_eq!(split_path("颜色：重点"), ("颜色：重点", ""));
        let pieces: Vec<&str> = path_pieces("/home/读者/a-b.txt").collect();
        assert_eq!(pieces, vec!["/", "home/", "读者/", "a-b.txt"]);
    }
}

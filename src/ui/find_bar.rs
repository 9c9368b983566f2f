//! The find bar (Ctrl+F) above the reader: the query, `3 / 17`, previous and next, close.
//! Enter and F3 go to the next hit, Shift+Enter and Shift+F3 to the previous one, Esc closes.
//! The hits themselves are drawn by the reader.

use egui::{Key, Modifiers, RichText, Ui};

use super::request::Requests;
use super::strings as s;
use super::theme::Palette;
use crate::app::{Action, AppState};

/// The find bar's own state: the text being typed (the state's query follows it).
#[derive(Default)]
pub struct FindBar {
    text: String,
    focused_for: u64,
}

impl FindBar {
    /// Shows the bar when the find state is open.
    pub fn ui(&mut self, ui: &mut Ui, state: &AppState, actions: &mut Requests) {
        let Some(search) = &state.view.search else {
            self.text.clear();
            return;
        };
        let palette = Palette::of(state.settings.theme);
        egui::Frame::new()
            .fill(palette.panel)
            .inner_margin(egui::Margin::symmetric(12, 6))
            .show(ui, |ui| {
                // The bar spans the reader's width: nothing unpainted beside it.
                ui.set_width(ui.available_width());
                ui.horizontal(|ui| {
                    let label = ui.label(s::FIND);
                    let field = ui
                        .add(
                            egui::TextEdit::singleline(&mut self.text)
                                .hint_text(s::FIND_HINT)
                                .desired_width(260.0),
                        )
                        .labelled_by(label.id);
                    if search.focus_seq != self.focused_for {
                        self.focused_for = search.focus_seq;
                        field.request_focus();
                    }
                    if field.changed() {
                        actions.push(Action::SetSearchQuery(self.text.clone()));
                    }
                    // Enter in the field: the next hit (Shift: the previous), and keep typing.
                    if field.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter)) {
                        let back = ui.input(|i| i.modifiers.matches_exact(Modifiers::SHIFT));
                        actions.push(if back {
                            Action::SearchPrevious
                        } else {
                            Action::SearchNext
                        });
                        field.request_focus();
                    }
                    // egui takes the focus away on Esc, so the field has just lost it.
                    if (field.has_focus() || field.lost_focus())
                        && ui.input(|i| i.key_pressed(Key::Escape))
                    {
                        actions.push(Action::CloseSearch);
                    }
                    let count = if search.query.trim().is_empty() {
                        String::new()
                    } else if search.hits.is_empty() {
                        s::FIND_NONE.to_string()
                    } else {
                        format!("{} / {}", search.current + 1, search.hits.len())
                    };
                    ui.label(RichText::new(count).color(palette.muted));
                    let any = !search.hits.is_empty();
                    if ui
                        .add_enabled(any, egui::Button::new("↑"))
                        .on_hover_text(s::FIND_PREVIOUS)
                        .clicked()
                    {
                        actions.push(Action::SearchPrevious);
                    }
                    if ui
                        .add_enabled(any, egui::Button::new("↓"))
                        .on_hover_text(s::FIND_NEXT)
                        .clicked()
                    {
                        actions.push(Action::SearchNext);
                    }
                    let mut any_script = state.settings.search_any_script;
                    if ui
                        .checkbox(&mut any_script, s::FIND_ANY_SCRIPT)
                        .on_hover_text(s::FIND_ANY_SCRIPT_TIP)
                        .changed()
                    {
                        actions.push(Action::SetSearchAnyScript(any_script));
                    }
                    if ui.button(s::FIND_CLOSE).clicked() {
                        actions.push(Action::CloseSearch);
                    }
                });
            });
    }
}

//! The note editor: the quoted target, a multi-line text field (typed with a Chinese input
//! method), colour chips with the reader's names, and tags.

use egui::{Color32, Id, Key, Modifiers, RichText, Stroke, Ui, vec2};

use super::commands::with_keys;
use super::request::Requests;
use crate::app::{Action, AppState, Draft};
use crate::document::typography::display_text;
use crate::notes;

use super::strings as s;
use super::theme::Palette;

/// Local copies of the draft's text fields (egui edits a `String` in place).
#[derive(Default)]
pub struct NoteEditor {
    /// Which draft the copies belong to: (note id, target start, target end).
    bound_to: Option<(Option<String>, usize, usize)>,
    text: String,
    tags: String,
    focus_pending: bool,
    /// The discard question has been brought into view since it was asked.
    question_shown: bool,
}

/// Id of the note text field (tests focus it by this id's label).
pub fn text_field_id() -> Id {
    Id::unique("jingdu-note-text")
}

impl NoteEditor {
    /// Shows the editor for `draft`.
    pub fn ui(&mut self, ui: &mut Ui, state: &AppState, draft: &Draft, actions: &mut Requests) {
        let palette = Palette::of(state.settings.theme);
        let binding = (
            draft.id.clone(),
            draft.target.range.start,
            draft.target.range.end,
        );
        if self.bound_to.as_ref() != Some(&binding) {
            self.bound_to = Some(binding);
            self.text = draft.text.clone();
            self.tags = draft.tags.clone();
            self.focus_pending = true;
        }
        let heading = if draft.id.is_some() {
            s::EDITOR_EDIT
        } else {
            s::EDITOR_NEW
        };
        ui.horizontal(|ui| {
            ui.label(RichText::new(heading).strong());
            ui.label(
                RichText::new(format!("· {}", draft.target.kind.label())).color(palette.muted),
            );
        });
        // A short window gets a shorter quote and text field, so that the buttons stay in view.
        let short = ui.ctx().content_rect().height() < 640.0;
        let quote_chars = if short { 60 } else { 160 };
        let quote: String = display_text(&draft.quote);
        let shown: String = quote.chars().take(quote_chars).collect();
        let shown = if quote.chars().count() > quote_chars {
            format!("{shown}…")
        } else {
            shown
        };
        egui::Frame::new()
            .fill(palette.paper)
            .stroke(Stroke::new(1.0, palette.muted.gamma_multiply(0.3)))
            .inner_margin(6.0)
            .corner_radius(4.0)
            .show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.label(RichText::new(shown).color(palette.muted).size(13.0));
            });

        let text_resp = ui.add(
            egui::TextEdit::multiline(&mut self.text)
                .id(text_field_id())
                .desired_rows(if short { 3 } else { 5 })
                .desired_width(f32::INFINITY)
                .hint_text(s::NOTE_HINT),
        );
        let text_resp = text_resp.accessible_name(s::NOTE_TEXT);
        if self.focus_pending {
            text_resp.request_focus();
            self.focus_pending = false;
        }
        if text_resp.changed() {
            actions.push(Action::SetDraftText(self.text.clone()));
        }

        ui.horizontal_wrapped(|ui| {
            for c in &state.palette.colors {
                let selected = draft.color == c.key;
                let [r, g, b] = c.rgb;
                let fill = Color32::from_rgb(r, g, b);
                let text = RichText::new(&c.name).color(if selected {
                    Color32::BLACK
                } else {
                    palette.ink
                });
                let button = egui::Button::new(text)
                    .fill(if selected {
                        fill
                    } else {
                        fill.gamma_multiply(0.25)
                    })
                    .stroke(if selected {
                        Stroke::new(1.5, palette.ink)
                    } else {
                        Stroke::NONE
                    })
                    .corner_radius(10.0)
                    .min_size(vec2(0.0, 22.0));
                if ui
                    .add(button)
                    .on_hover_text(s::color_tip(&c.name))
                    .clicked()
                {
                    actions.push(Action::SetDraftColor(c.key.clone()));
                }
            }
        });

        let tags_resp = ui.add(
            egui::TextEdit::singleline(&mut self.tags)
                .desired_width(f32::INFINITY)
                .hint_text(s::NOTE_TAGS),
        );
        let tags_resp = tags_resp.accessible_name(s::NOTE_TAGS);
        if tags_resp.changed() {
            actions.push(Action::SetDraftTags(self.tags.clone()));
        }
        let known = notes::all_tags(state.notes());
        let typed = notes::normalize_tags([self.tags.clone()]);
        let suggestions: Vec<&String> = known
            .iter()
            .filter(|t| !typed.contains(t))
            .take(8)
            .collect();
        if !suggestions.is_empty() {
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new(s::FREQUENT_TAGS).small().color(palette.muted));
                for t in suggestions {
                    if ui.small_button(format!("#{t}")).clicked() {
                        if !self.tags.trim().is_empty() {
                            self.tags.push(' ');
                        }
                        self.tags.push_str(t);
                        actions.push(Action::SetDraftTags(self.tags.clone()));
                    }
                }
            });
        }

        let (commit, escape) = ui.input_mut(|i| {
            (
                i.consume_key(Modifiers::COMMAND, Key::Enter),
                i.consume_key(Modifiers::NONE, Key::Escape),
            )
        });
        // The text field may hold the last IME commit of this frame: pass it on before any
        // command that reads the draft.
        let sync = |actions: &mut Requests, editor: &Self| {
            actions.push(Action::SetDraftText(editor.text.clone()));
            actions.push(Action::SetDraftTags(editor.tags.clone()));
        };
        if state.view.confirm_discard {
            self.confirm_discard_ui(ui, &palette, actions);
        } else {
            self.question_shown = false;
        }
        // Wrapped, so that a narrow panel puts the hint under the buttons instead of growing.
        ui.horizontal_wrapped(|ui| {
            if ui.button(s::SAVE).clicked() || commit {
                sync(actions, self);
                actions.push(Action::CommitDraft);
                self.bound_to = None;
            }
            let cancel = ui
                .button(s::CANCEL)
                .on_hover_text(with_keys(ui.ctx(), &s::CANCEL_TIP));
            if cancel.clicked() {
                sync(actions, self);
                actions.push(Action::DiscardDraft);
                self.bound_to = None;
            }
            if escape {
                sync(actions, self);
                actions.push(Action::EscapeDraft);
            }
            ui.label(
                RichText::new(with_keys(ui.ctx(), &s::EDITOR_HINT))
                    .small()
                    .color(palette.muted),
            );
        });
        parked_drafts_ui(ui, state, &palette, actions);
    }

    /// The question a first Esc on a draft with text asks.
    fn confirm_discard_ui(&mut self, ui: &mut Ui, palette: &Palette, actions: &mut Requests) {
        let asked = egui::Frame::new()
            .fill(palette.warning_fill())
            .inner_margin(6.0)
            .corner_radius(4.0)
            .show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.label(
                    RichText::new(with_keys(ui.ctx(), &s::DISCARD_QUESTION)).color(palette.ink),
                );
                ui.horizontal(|ui| {
                    if ui.button(s::DISCARD).clicked() {
                        actions.push(Action::DiscardDraft);
                        self.bound_to = None;
                    }
                    if ui.button(s::KEEP_WRITING).clicked() {
                        actions.push(Action::KeepWriting);
                        self.focus_pending = true;
                    }
                });
            });
        // The question shows where the reader looks: brought into view in a scrolled editor.
        if !self.question_shown {
            self.question_shown = true;
            asked.response.scroll_to_me(None);
        }
    }
}

/// Drafts set aside for other targets, each a button that reopens it.
fn parked_drafts_ui(ui: &mut Ui, state: &AppState, palette: &Palette, actions: &mut Requests) {
    if state.view.parked_drafts.is_empty() {
        return;
    }
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(s::PARKED_DRAFTS).small().color(palette.muted));
        for (i, d) in state.view.parked_drafts.iter().enumerate() {
            let label = draft_label(d);
            let resp = ui
                .small_button(&label)
                .on_hover_text(s::labelled(&s::RESUME_DRAFT, &d.text));
            let resp = resp.accessible_name(s::labelled(&s::RESUME_DRAFT, &label));
            if resp.clicked() {
                actions.push(Action::ResumeDraft(i));
            }
        }
    });
}

/// A short name for a draft: the start of its text.
fn draft_label(d: &Draft) -> String {
    let text = d.text.trim();
    let short: String = text.chars().take(10).collect();
    if text.chars().count() > 10 {
        format!("{short}…")
    } else {
        short
    }
}

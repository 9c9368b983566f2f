//! The notes panel: every note in document order, grouped under its headings, with a filter
//! by text, tag and colour; click a note to go to it; edit it in place; delete (undoable).
//! The list is virtual — cards have known heights — so ten thousand notes scroll smoothly.

use egui::{Color32, Id, Rect, RichText, Role, Sense, Stroke, Ui, UiBuilder, pos2, vec2};

use super::request::Requests;
use crate::app::{Action, AppState};
use crate::document::typography::display_text;
use crate::notes::{self, Note, NoteFilter};

use super::note_editor::NoteEditor;
use super::strings as s;
use super::theme::Palette;

const HEADER_HEIGHT: f32 = 30.0;
const CARD_HEIGHT: f32 = 136.0;
const EDITOR_HEIGHT: f32 = 360.0;

#[derive(Clone, Debug, PartialEq)]
enum Entry {
    Header(String),
    Unanchored,
    Card(usize),
}

/// The panel's own state: the list entries for the current notes and filter.
#[derive(Default)]
pub struct NotesPanel {
    entries: Vec<Entry>,
    built_for: Option<(u64, NoteFilter, crate::document::script::Script)>,
    editor: NoteEditor,
    filter_text: String,
    renaming: Vec<(String, String)>,
    /// The height the editor of a note in the list took last frame: its card is that tall,
    /// so that nothing it shows (the discard question, drafts set aside) is cut off.
    editor_height: f32,
}

impl NotesPanel {
    fn rebuild(&mut self, state: &AppState) {
        let key = (
            state.notes_version(),
            state.view.filter.clone(),
            state.settings.script,
        );
        if self.built_for.as_ref() == Some(&key) {
            return;
        }
        let mut entries = Vec::new();
        let mut last_group: Option<String> = None;
        let mut unanchored_header = false;
        for (i, n) in state.notes().iter().enumerate() {
            if !state.view.filter.matches(n) {
                continue;
            }
            if !n.anchored {
                if !unanchored_header {
                    entries.push(Entry::Unanchored);
                    unanchored_header = true;
                }
                entries.push(Entry::Card(i));
                continue;
            }
            // In the characters the reader chose (简/繁), as the text is shown.
            let group =
                crate::document::script::convert(&notes::place_label(n), state.settings.script);
            if last_group.as_ref() != Some(&group) {
                entries.push(Entry::Header(group.clone()));
                last_group = Some(group);
            }
            entries.push(Entry::Card(i));
        }
        self.entries = entries;
        self.built_for = Some(key);
    }

    /// Shows the panel.
    pub fn ui(&mut self, ui: &mut Ui, state: &AppState, actions: &mut Requests) {
        let palette = Palette::of(state.settings.theme);
        self.rebuild(state);
        ui.horizontal(|ui| {
            ui.heading(s::NOTES_TITLE);
            let total = state.notes().len();
            let count = if !state.view.filter.is_empty() {
                let shown = self
                    .entries
                    .iter()
                    .filter(|e| matches!(e, Entry::Card(_)))
                    .count();
                format!("{shown} / {total}")
            } else {
                total.to_string()
            };
            ui.label(RichText::new(&count).color(palette.muted))
                .on_hover_text(s::NOTE_COUNT_TIP);
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                self.rename_colors_ui(ui, state, actions);
            });
        });
        self.filter_ui(ui, state, actions);
        ui.separator();

        if let Some(draft) = state.view.draft.as_ref().filter(|d| d.id.is_none()) {
            egui::Frame::new()
                .fill(palette.panel)
                .stroke(Stroke::new(1.0, palette.accent.gamma_multiply(0.5)))
                .inner_margin(8.0)
                .corner_radius(6.0)
                .show(ui, |ui| {
                    // In a short window the editor scrolls rather than pushing its buttons
                    // off the bottom.
                    egui::ScrollArea::vertical()
                        .id_salt("new-note-editor")
                        .max_height((ui.available_height() - 12.0).max(120.0))
                        .auto_shrink([false, true])
                        .show(ui, |ui| self.editor.ui(ui, state, draft, actions));
                });
            ui.add_space(6.0);
        }

        self.rebuild(state);
        if state.notes().is_empty() {
            ui.label(RichText::new(s::NO_NOTES).color(palette.muted));
            return;
        }
        if self.entries.is_empty() {
            ui.label(RichText::new(s::NO_MATCHES).color(palette.muted));
            return;
        }
        let editing = state.view.draft.as_ref().and_then(|d| d.id.clone());
        let heights: Vec<f32> = self
            .entries
            .iter()
            .map(|e| match e {
                Entry::Header(_) | Entry::Unanchored => HEADER_HEIGHT,
                Entry::Card(i) if editing.as_deref() == Some(state.notes()[*i].id.as_str()) => {
                    self.editor_height.max(EDITOR_HEIGHT)
                }
                Entry::Card(_) => CARD_HEIGHT,
            })
            .collect();
        let mut prefix = Vec::with_capacity(heights.len() + 1);
        let mut acc = 0.0;
        for h in &heights {
            prefix.push(acc);
            acc += h;
        }
        prefix.push(acc);
        let total = acc;
        egui::ScrollArea::vertical()
            .id_salt("notes-list")
            .auto_shrink(false)
            .show_viewport(ui, |ui, viewport| {
                let width = ui.available_width();
                ui.set_min_size(vec2(width, total));
                let top = ui.max_rect().min;
                let first = prefix
                    .partition_point(|&y| y <= viewport.min.y)
                    .saturating_sub(1);
                for k in first..self.entries.len() {
                    if prefix[k] > viewport.max.y {
                        break;
                    }
                    let rect = Rect::from_min_size(
                        pos2(top.x, top.y + prefix[k]),
                        vec2(width, heights[k]),
                    );
                    let entry = self.entries[k].clone();
                    ui.scope_builder(
                        UiBuilder::new().max_rect(rect).id_salt(("note-entry", k)),
                        |ui| match entry {
                            Entry::Header(h) => {
                                ui.add_space(8.0);
                                // Spaced as the reader sets the heading.
                                let font = egui::TextStyle::Body.resolve(ui.style());
                                let job = super::typeset::spaced_job(
                                    &h,
                                    font,
                                    palette.heading,
                                    state.settings.spacing(),
                                );
                                ui.add(egui::Label::new(job).truncate());
                            }
                            Entry::Unanchored => {
                                ui.add_space(8.0);
                                ui.label(
                                    RichText::new(s::UNANCHORED).strong().color(palette.accent),
                                )
                                .on_hover_text(s::UNANCHORED_TIP);
                            }
                            Entry::Card(i) => {
                                let note = &state.notes()[i];
                                if editing.as_deref() == Some(note.id.as_str()) {
                                    if let Some(draft) = &state.view.draft {
                                        let shown = egui::Frame::new()
                                            .fill(palette.panel)
                                            .stroke(Stroke::new(
                                                1.0,
                                                palette.accent.gamma_multiply(0.5),
                                            ))
                                            .inner_margin(8.0)
                                            .corner_radius(6.0)
                                            .show(ui, |ui| {
                                                self.editor.ui(ui, state, draft, actions)
                                            });
                                        let height = shown.response.rect.height() + 8.0;
                                        if (height - self.editor_height).abs() > 0.5 {
                                            self.editor_height = height;
                                            ui.ctx().request_repaint();
                                        }
                                    }
                                } else {
                                    card_ui(ui, state, &palette, note, rect, actions);
                                }
                            }
                        },
                    );
                }
            });
    }

    fn filter_ui(&mut self, ui: &mut Ui, state: &AppState, actions: &mut Requests) {
        if self.filter_text != state.view.filter.text
            && !ui.memory(|m| m.has_focus(Id::unique("notes-filter")))
        {
            self.filter_text = state.view.filter.text.clone();
        }
        let resp = ui.add(
            egui::TextEdit::singleline(&mut self.filter_text)
                .id(Id::unique("notes-filter"))
                .hint_text(s::SEARCH_HINT)
                .desired_width(f32::INFINITY),
        );
        let resp = resp.accessible_name(s::FILTER);
        if resp.changed() {
            actions.push(Action::SetFilterText(self.filter_text.clone()));
        }
        // Two filters side by side, sharing the panel's width (never wider than it).
        let combo_width = ((ui.available_width() - 8.0) / 2.0 - 24.0).clamp(60.0, 110.0);
        ui.horizontal(|ui| {
            let tags = notes::all_tags(state.notes());
            let current_tag = state.view.filter.tag.clone();
            egui::ComboBox::from_id_salt("filter-tag")
                .selected_text(
                    current_tag
                        .as_deref()
                        .map_or_else(|| s::labelled(&s::FILTER_TAG, &s::ALL), |t| format!("#{t}")),
                )
                .width(combo_width)
                .show_ui(ui, |ui| {
                    if ui.selectable_label(current_tag.is_none(), s::ALL).clicked() {
                        actions.push(Action::SetFilterTag(None));
                    }
                    for t in tags {
                        if ui
                            .selectable_label(current_tag.as_deref() == Some(&t), format!("#{t}"))
                            .clicked()
                        {
                            actions.push(Action::SetFilterTag(Some(t)));
                        }
                    }
                })
                .response
                .on_hover_text(s::FILTER_TAG);
            let current_color = state.view.filter.color.clone();
            egui::ComboBox::from_id_salt("filter-color")
                .selected_text(current_color.as_deref().map_or_else(
                    || s::labelled(&s::FILTER_COLOR, &s::ALL),
                    |c| state.palette.name_of(c),
                ))
                .width(combo_width)
                // Tall enough for every colour: the list must not cut off the last ones.
                .height(f32::INFINITY)
                .show_ui(ui, |ui| {
                    if ui
                        .selectable_label(current_color.is_none(), s::ALL)
                        .clicked()
                    {
                        actions.push(Action::SetFilterColor(None));
                    }
                    for c in &state.palette.colors {
                        if ui
                            .selectable_label(current_color.as_deref() == Some(&c.key), &c.name)
                            .clicked()
                        {
                            actions.push(Action::SetFilterColor(Some(c.key.clone())));
                        }
                    }
                })
                .response
                .on_hover_text(s::FILTER_COLOR);
        });
        let mut only = state.view.filter.bookmarks_only;
        if ui.checkbox(&mut only, s::ONLY_BOOKMARKS).changed() {
            actions.push(Action::SetFilterBookmarks(only));
        }
    }

    fn rename_colors_ui(&mut self, ui: &mut Ui, state: &AppState, actions: &mut Requests) {
        ui.menu_button(s::RENAME_COLORS, |ui| {
            if self.renaming.len() != state.palette.colors.len() {
                self.renaming = state
                    .palette
                    .colors
                    .iter()
                    .map(|c| (c.key.clone(), c.name.clone()))
                    .collect();
            }
            ui.label(RichText::new(s::NAME_COLORS).small());
            for (k, (key, name)) in self.renaming.iter_mut().enumerate() {
                let [r, g, b] = state.palette.colors[k].rgb;
                ui.horizontal(|ui| {
                    let (dot, _) = ui.allocate_exact_size(vec2(14.0, 14.0), Sense::hover());
                    ui.painter()
                        .circle_filled(dot.center(), 6.0, Color32::from_rgb(r, g, b));
                    let resp = ui.add(
                        egui::TextEdit::singleline(name)
                            .desired_width(100.0)
                            .char_limit(12),
                    );
                    let resp = resp.accessible_name(s::color_name_field(k + 1));
                    if resp.lost_focus() && !name.trim().is_empty() {
                        actions.push(Action::RenameColor {
                            key: key.clone(),
                            name: name.clone(),
                        });
                    }
                });
            }
        });
    }
}

fn card_ui(
    ui: &mut Ui,
    state: &AppState,
    palette: &Palette,
    note: &Note,
    rect: Rect,
    actions: &mut Requests,
) {
    let card = rect.shrink2(vec2(2.0, 4.0));
    let [r, g, b] = state.palette.entry(&note.color).rgb;
    let color = Color32::from_rgb(r, g, b);
    // The card itself is clickable; registered first so its buttons stay on top.
    let click = ui.interact(card, Id::unique(("note-card", &note.id)), Sense::click());
    let quote: String = display_text(&note.anchor.quote).chars().take(60).collect();
    let quote = crate::document::script::convert(&quote, state.settings.script);
    click.widget_info(|| {
        egui::WidgetInfo::labeled(
            Role::ListItem,
            true,
            s::note_label(&note.text.chars().take(40).collect::<String>()),
        )
    });
    // After the name, a screen reader says what kind of note it is, where, and on what.
    ui.ctx().accesskit_node_builder(click.id, |n| {
        n.set_description(s::note_card_description(
            note.kind.label(),
            &note.anchor.heading_path.join(" › "),
            &quote,
        ));
    });
    let fill = if click.hovered() {
        palette.paper
    } else {
        palette.paper.gamma_multiply(0.85)
    };
    let selected = state.view.selected_note.as_deref() == Some(note.id.as_str());
    if selected {
        ui.ctx()
            .accesskit_node_builder(click.id, |n| n.set_selected(true));
    }
    let border = if selected {
        Stroke::new(2.0, palette.accent)
    } else {
        Stroke::new(1.0, palette.muted.gamma_multiply(0.25))
    };
    ui.painter()
        .rect(card, 6.0, fill, border, egui::StrokeKind::Inside);
    ui.painter().rect_filled(
        Rect::from_min_size(card.min, vec2(4.0, card.height())),
        2.0,
        color,
    );
    if click.clicked() {
        actions.push(Action::RevealNote(note.id.clone()));
    }

    let inner = card.shrink2(vec2(10.0, 6.0)).translate(vec2(3.0, 0.0));
    ui.scope_builder(UiBuilder::new().max_rect(inner), |ui| {
        ui.spacing_mut().item_spacing.y = 2.0;
        ui.horizontal(|ui| {
            ui.label(
                RichText::new(note.kind.label())
                    .small()
                    .color(palette.accent),
            );
            ui.add(
                egui::Label::new(
                    RichText::new(format!("“{quote}”"))
                        .small()
                        .color(palette.muted),
                )
                .truncate(),
            );
        });
        let text = if note.text.trim().is_empty() && note.kind == notes::NoteKind::Bookmark {
            s::BOOKMARK_NO_TEXT.to_string()
        } else if note.text.trim().is_empty() {
            s::NO_CONTENT.to_string()
        } else {
            note.text.clone()
        };
        // Two lines at most, ellipsis after; the whole text on hover and in the editor.
        let preview: String = text
            .chars()
            .take(300)
            .collect::<String>()
            .replace('\n', " ");
        let mut job = egui::text::LayoutJob::simple(
            preview,
            egui::FontId::proportional(14.0),
            palette.ink,
            ui.available_width(),
        );
        job.wrap.max_rows = 2;
        job.wrap.break_anywhere = true;
        let galley = ui.painter().layout_job(job);
        let (r, resp) = ui.allocate_exact_size(vec2(ui.available_width(), 40.0), Sense::hover());
        ui.painter().galley(r.min, galley, palette.ink);
        resp.on_hover_text(text.chars().take(1000).collect::<String>());
        ui.horizontal(|ui| {
            // A bookmark's colour marks nothing (its ribbon has the accent colour).
            if note.kind != notes::NoteKind::Bookmark {
                ui.label(
                    RichText::new(state.palette.name_of(&note.color))
                        .small()
                        .color(palette.legible(color)),
                );
            }
            if !note.tags.is_empty() {
                let tags: Vec<String> = note.tags.iter().map(|t| format!("#{t}")).collect();
                ui.add(
                    egui::Label::new(RichText::new(tags.join(" ")).small().color(palette.muted))
                        .truncate(),
                );
            }
        });
        ui.horizontal(|ui| {
            ui.label(
                RichText::new(short_time(&note.modified))
                    .small()
                    .color(palette.muted),
            );
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui.small_button(s::DELETE).clicked() {
                    actions.push(Action::DeleteNote(note.id.clone()));
                }
                if ui.small_button(s::EDIT).clicked() {
                    actions.push(Action::EditNote(note.id.clone()));
                }
                if !note.anchored
                    && ui
                        .small_button(s::REATTACH)
                        .on_hover_text(s::REATTACH_HINT)
                        .clicked()
                {
                    actions.push(Action::BeginReattach(note.id.clone()));
                }
            });
        });
    });
}

/// `2024-05-01T09:30:00+08:00` → `2024-05-01 09:30`.
fn short_time(rfc3339: &str) -> String {
    let t: String = rfc3339.chars().take(16).collect();
    t.replace('T', " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_shortened() {
        assert_eq!(short_time("2024-05-01T09:30:00+08:00"), "2024-05-01 09:30");
    }
}

//! The reading list window (最近阅读, Ctrl+Shift+O): the documents read lately, most recent
//! first — title, file, progress, notes, last read — each one click from where the reader
//! left it; a file that has gone is shown as missing, its notes still reachable.

use std::collections::HashMap;

use egui::{Color32, RichText};

use super::request::{Intent, Requests};
use super::strings as s;
use super::theme::Palette;
use crate::app::reading_list::ReadingListEntry;
use crate::app::{Action, AppState};

/// The window's state: open or not, and which files were there when it opened (checked once
/// then, not every frame).
#[derive(Default)]
pub struct ReadingListWindow {
    /// Whether the window is shown.
    pub open: bool,
    exists: HashMap<String, bool>,
}

impl ReadingListWindow {
    /// Opens the window (checking the files anew) or closes it.
    pub fn toggle(&mut self, state: &AppState) {
        self.open = !self.open;
        if self.open {
            self.exists = state
                .settings
                .recent
                .values()
                .filter_map(|d| d.path.clone())
                .map(|p| {
                    let there = std::path::Path::new(&p).is_file();
                    (p, there)
                })
                .collect();
        }
    }

    /// Shows the window when open.
    pub fn ui(&mut self, ctx: &egui::Context, state: &AppState, actions: &mut Requests) {
        if !self.open {
            return;
        }
        let palette = Palette::of(state.settings.theme);
        let list = state.reading_list(|p| self.exists.get(p).copied().unwrap_or(true));
        let mut open = self.open;
        egui::Window::new(s::READING_LIST)
            .open(&mut open)
            .collapsible(false)
            .default_width(760.0)
            .max_height(ctx.content_rect().height() * 0.8)
            .anchor(egui::Align2::CENTER_CENTER, egui::vec2(0.0, 0.0))
            .show(ctx, |ui| {
                // Whole names and dates: the window grows to fit them rather than eliding.
                ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Extend);
                egui::ScrollArea::vertical().show(ui, |ui| {
                    egui::Grid::new("reading-list")
                        .num_columns(6)
                        .striped(true)
                        .spacing(egui::vec2(16.0, 8.0))
                        .show(ui, |ui| {
                            for h in [
                                s::RECENT_TITLE.get(),
                                s::RECENT_FILE.get(),
                                s::RECENT_PROGRESS.get(),
                                s::RECENT_NOTES.get(),
                                s::RECENT_LAST_READ.get(),
                                "",
                            ] {
                                ui.label(RichText::new(h).small().color(palette.muted));
                            }
                            ui.end_row();
                            for entry in &list {
                                if row_ui(ui, entry, &palette, actions) {
                                    self.open = false;
                                }
                                ui.end_row();
                            }
                        });
                });
                ui.separator();
                let mut reopen = state.settings.reopen_last;
                if ui.checkbox(&mut reopen, s::REOPEN_LAST).changed() {
                    actions.push(Action::SetReopenLast(reopen));
                }
            });
        self.open = self.open && open;
    }
}

/// One document; returns whether the reader chose to open it.
fn row_ui(
    ui: &mut egui::Ui,
    entry: &ReadingListEntry,
    palette: &Palette,
    actions: &mut Requests,
) -> bool {
    let doc = &entry.doc;
    let title: String = doc.title.chars().take(40).collect();
    let mut chosen = false;
    ui.horizontal(|ui| {
        let link = ui
            .link(RichText::new(&title).color(palette.ink))
            .on_hover_text(doc.title.as_str());
        let link = link.accessible_name(s::recent_open(&title));
        if link.clicked() {
            actions.push(Intent::OpenRecent(entry.id.clone()));
            chosen = true;
        }
        if entry.current {
            ui.label(
                RichText::new(s::RECENT_CURRENT)
                    .small()
                    .color(palette.accent),
            );
        }
    });
    match (&doc.path, entry.missing) {
        (None, _) => {
            ui.label(RichText::new(s::RECENT_BUILTIN).color(palette.muted));
        }
        (Some(path), false) => {
            ui.label(RichText::new(short_path(path)).color(palette.muted))
                .on_hover_text(path.as_str());
        }
        (Some(path), true) => {
            let warn = Color32::from_rgb(0xC0, 0x3A, 0x2B);
            ui.label(RichText::new(format!("⚠ {}", s::RECENT_MISSING)).color(warn))
                .on_hover_text(format!("{}\n{path}", s::RECENT_MISSING_TIP));
        }
    }
    ui.label(format!("{} %", (doc.progress * 100.0).round() as u32));
    ui.label(doc.notes.to_string());
    ui.label(RichText::new(last_read_text(doc.last_read)).color(palette.muted));
    if entry.id != crate::document::BUILTIN_ID && !entry.current {
        if ui
            .small_button(s::RECENT_REMOVE)
            .on_hover_text(s::RECENT_REMOVE_TIP)
            .clicked()
        {
            actions.push(Action::RemoveFromReadingList(entry.id.clone()));
        }
    } else {
        ui.label("");
    }
    chosen
}

/// The last two parts of a path, at most [`SHORT_PATH_CHARS`] (the middle left out):
/// enough to tell files apart in a narrow column; the whole path is in the tooltip.
fn short_path(path: &str) -> String {
    let parts: Vec<&str> = path.rsplit(['/', '\\']).take(2).collect();
    let short = match parts.as_slice() {
        [file, dir] if path.len() > file.len() + dir.len() + 1 => format!("…/{dir}/{file}"),
        _ => path.to_owned(),
    };
    let chars: Vec<char> = short.chars().collect();
    if chars.len() <= SHORT_PATH_CHARS {
        return short;
    }
    let half = SHORT_PATH_CHARS / 2;
    let head: String = chars[..half].iter().collect();
    let tail: String = chars[chars.len() - (SHORT_PATH_CHARS - half - 1)..]
        .iter()
        .collect();
    format!("{head}…{tail}")
}

/// Longest file name shown in the reading list, in chars.
const SHORT_PATH_CHARS: usize = 36;

/// `2024年5月1日 09:30` in local time; empty for never.
fn last_read_text(unix: u64) -> String {
    if unix == 0 {
        return String::new();
    }
    let Ok(t) = jiff::Timestamp::from_second(unix as i64) else {
        return String::new();
    };
    t.to_zoned_datetime(jiff::tz::TimeZone::system())
        .strftime(s::LAST_READ_FORMAT.get())
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_shortened_to_their_folder_and_file() {
        assert_eq!(short_path("/home/读者/资料/论文.txt"), "…/资料/论文.txt");
        assert_eq!(short_path("论文.txt"), "论文.txt");
        assert_eq!(short_path("/a.txt"), "/a.txt");
        let long = short_path("/srv/corpus/story_luxun_yao_1919_numeral_sections_and_more.txt");
        assert_eq!(long.chars().count(), SHORT_PATH_CHARS);
        assert!(
            long.starts_with("…/corpus/") && long.ends_with("more.txt"),
            "{long}"
        );
        assert_eq!(last_read_text(0), "");
        assert!(last_read_text(1_700_000_000).starts_with("2023年11月"));
    }
}

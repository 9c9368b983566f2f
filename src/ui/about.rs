//! The about box (关于精读): version and build, licences of the program and its fonts, and
//! where the notes live — with a button that opens the folder and how to back it up or move it.

use std::path::Path;

use super::request::{Intent, Requests};
use super::strings as s;
use crate::desktop;

/// Whether the about box is open.
#[derive(Default)]
pub struct AboutBox {
    /// Shown.
    pub open: bool,
}

impl AboutBox {
    /// Shows the box while open; `data_dir` is the notes' folder, if the app has one.
    pub fn ui(&mut self, ctx: &egui::Context, data_dir: Option<&Path>, actions: &mut Requests) {
        let mut open = self.open;
        egui::Window::new(s::ABOUT)
            .open(&mut open)
            .collapsible(false)
            .resizable(false)
            .default_width(460.0)
            .anchor(egui::Align2::CENTER_CENTER, egui::vec2(0.0, 0.0))
            .show(ctx, |ui| {
                ui.heading(s::ABOUT_NAME);
                ui.label(s::about_version(desktop::VERSION, desktop::REVISION));
                ui.label(s::ABOUT_SUMMARY);
                ui.separator();
                ui.label(s::about_license(desktop::LICENSE));
                ui.label(s::ABOUT_FONTS);
                egui::CollapsingHeader::new(s::FONT_LICENSE_TEXT)
                    .default_open(false)
                    .show(ui, |ui| {
                        egui::ScrollArea::vertical()
                            .max_height(200.0)
                            .show(ui, |ui| ui.monospace(desktop::FONT_LICENSE));
                    });
                ui.separator();
                ui.label(s::NOTES_LIVE_IN);
                match data_dir {
                    Some(dir) => {
                        ui.horizontal(|ui| {
                            ui.add(
                                egui::Label::new(
                                    egui::RichText::new(dir.display().to_string()).monospace(),
                                )
                                .selectable(true),
                            );
                            if ui
                                .button(s::OPEN_DATA_FOLDER)
                                .on_hover_text(s::OPEN_FOLDER_TIP)
                                .clicked()
                            {
                                actions.push(Intent::OpenDataFolder(dir.to_path_buf()));
                            }
                        });
                    }
                    None => {
                        ui.label(s::NO_DATA_DIR);
                    }
                }
                ui.label(s::BACKUP_ADVICE);
                ui.label(s::DEFAULT_DATA_DIRS);
                for place in desktop::DATA_DIR_BY_PLATFORM.split('；') {
                    ui.label(egui::RichText::new(place).small());
                }
            });
        self.open = open;
    }
}

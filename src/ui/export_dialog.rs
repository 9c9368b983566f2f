//! The export and import dialogs.
//!
//! Export: choose the format, the scope (all notes, the current section, chosen tags or
//! colours) and what to include; then a native Save dialog (rfd) opens on its own thread with
//! a default file name, and the export itself runs on another thread, so the window keeps
//! painting. When no native dialog can be shown (no XDG portal, no zenity), the in-app path
//! field below is always there: the reader can always export.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use egui::{Id, RichText, Ui};

use super::request::{Intent, Request, Requests};
use super::strings as s;
use crate::app::{Action, AppState};
use crate::export::{self, Format, Options, Scope};

/// A dialog that returns in less than this was never shown (rfd returns `None` both for
/// "cancelled" and for "no dialog available").
const MIN_HUMAN_DIALOG: Duration = Duration::from_millis(300);

/// Whether a native file dialog can probably be shown here.
pub fn native_dialog_available() -> bool {
    if cfg!(any(target_os = "windows", target_os = "macos")) {
        return true;
    }
    let on_path = |name: &str| {
        std::env::var_os("PATH")
            .is_some_and(|paths| std::env::split_paths(&paths).any(|d| d.join(name).is_file()))
    };
    on_path("zenity") || std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some()
}

/// The folder offered first: Documents, else home, else the current folder.
pub fn default_folder() -> PathBuf {
    directories::UserDirs::new()
        .and_then(|u| {
            u.document_dir()
                .map(Path::to_path_buf)
                .or_else(|| Some(u.home_dir().to_path_buf()))
        })
        .or_else(|| std::env::current_dir().ok())
        .unwrap_or_else(|| PathBuf::from("."))
}

enum Pending {
    /// The native dialog is open.
    Dialog(Receiver<(Option<PathBuf>, Duration)>),
}

/// The export dialog's state.
pub struct ExportDialog {
    format: Format,
    current_section: bool,
    tags: BTreeSet<String>,
    colors: BTreeSet<String>,
    include_quotes: bool,
    include_headings: bool,
    annotated: bool,
    path: String,
    path_for: Option<Format>,
    native: bool,
    pending: Option<Pending>,
    note: Option<String>,
    /// Whether the typed path names an existing file, for the typed text, the default file
    /// name and the format it was checked for: the file system is asked when one of them
    /// changes, not every frame.
    overwrite_check: Option<((String, String, Format), bool)>,
    /// An export is being written (by the window's task owner).
    writing: bool,
    /// The 署名 field, filled from the settings when the dialog first shows.
    author: Option<String>,
    /// The template chosen, read from its file; `None`: the built-in layout.
    template: Option<export::template::UserTemplate>,
    /// The language of the export's labels; `None`: the document's.
    labels: Option<crate::i18n::Lang>,
}

impl Default for ExportDialog {
    fn default() -> Self {
        ExportDialog {
            format: Format::Markdown,
            current_section: false,
            tags: BTreeSet::new(),
            colors: BTreeSet::new(),
            include_quotes: true,
            include_headings: true,
            annotated: false,
            path: String::new(),
            path_for: None,
            native: native_dialog_available(),
            pending: None,
            note: None,
            overwrite_check: None,
            writing: false,
            author: None,
            template: None,
            labels: None,
        }
    }
}

impl ExportDialog {
    /// Chooses the format (Ctrl+P opens the dialog on PDF).
    pub fn choose_format(&mut self, format: Format) {
        self.format = format;
    }

    /// The template chooser: the built-in layout or one of the reader's `.md.jinja` /
    /// `.txt.jinja` files for the chosen format, and the folder they live in.
    fn template_ui(&mut self, ui: &mut Ui, state: &AppState, actions: &mut Requests) {
        let Some(dir) = state.store_dir().map(export::template::templates_dir) else {
            return;
        };
        let format = self.format;
        let chosen = self
            .template
            .as_ref()
            .filter(|t| t.format == format)
            .map(|t| t.name.clone());
        let mut pick: Option<Option<PathBuf>> = None;
        let mut open_folder = false;
        ui.horizontal(|ui| {
            let label = ui.label(s::EXPORT_TEMPLATE);
            egui::ComboBox::from_id_salt("export-template")
                .selected_text(chosen.as_deref().unwrap_or(&s::EXPORT_TEMPLATE_BUILTIN))
                .show_ui(ui, |ui| {
                    if ui
                        .selectable_label(chosen.is_none(), s::EXPORT_TEMPLATE_BUILTIN)
                        .clicked()
                    {
                        pick = Some(None);
                    }
                    // Listed while the list is open, so a template just added shows up.
                    let (templates, _) = export::template::list_templates(&dir);
                    for (name, f, path) in &templates {
                        if *f == format
                            && ui
                                .selectable_label(chosen.as_deref() == Some(name), name)
                                .clicked()
                        {
                            pick = Some(Some(path.clone()));
                        }
                    }
                })
                .response
                .labelled_by(label.id)
                .on_hover_text(s::EXPORT_TEMPLATE_TIP);
            open_folder = ui.button(s::EXPORT_TEMPLATE_FOLDER).clicked();
        });
        if open_folder {
            actions.push(Intent::OpenTemplatesFolder(dir.clone()));
        }
        match pick {
            Some(None) => self.template = None,
            Some(Some(path)) => match export::template::read_template(&path) {
                Ok(t) => {
                    self.template = Some(t);
                    self.note = None;
                }
                Err(e) => {
                    self.template = None;
                    self.note = Some(e.to_string());
                }
            },
            None => {}
        }
    }

    fn options(&self, state: &AppState) -> Options {
        Options {
            format: self.format,
            scope: match (self.current_section, state.current_section()) {
                (true, Some(s)) => Scope::Section(s),
                _ => Scope::All,
            },
            tags: self.tags.iter().cloned().collect(),
            colors: self.colors.iter().cloned().collect(),
            include_quotes: self.include_quotes,
            include_headings: self.include_headings,
            annotated_copy: self.annotated
                && self.format.supports_annotated_copy()
                && self.template.is_none(),
            template: self.template.clone().filter(|t| t.format == self.format),
            labels: self.labels,
        }
    }

    fn file_name(&self, state: &AppState) -> String {
        export::default_file_name(
            &state.source.document.meta,
            &state.source.display_name(),
            self.format,
        )
    }

    /// Polls the dialog and export threads; returns actions to apply.
    pub fn poll(&mut self, ctx: &egui::Context, state: &AppState, actions: &mut Requests) {
        match self.pending.take() {
            Some(Pending::Dialog(rx)) => match rx.try_recv() {
                Ok((Some(path), _)) => {
                    let path = with_extension(path, self.format);
                    self.path = path.display().to_string();
                    self.start_export(state, path, actions);
                }
                Ok((None, elapsed)) => {
                    if elapsed < MIN_HUMAN_DIALOG {
                        self.native = false;
                        self.note = Some(s::NO_SAVE_DIALOG.into());
                    }
                }
                Err(std::sync::mpsc::TryRecvError::Empty) => {
                    self.pending = Some(Pending::Dialog(rx));
                    ctx.request_repaint_after(Duration::from_millis(100));
                }
                Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                    self.native = false;
                    self.note = Some(s::SAVE_DIALOG_CRASHED.into());
                }
            },
            None => {}
        }
    }

    fn open_native_dialog(&mut self, state: &AppState, ctx: &egui::Context) {
        let (tx, rx) = channel();
        let name = self.file_name(state);
        let format = self.format;
        let folder = Path::new(&self.path)
            .parent()
            .filter(|p| p.is_dir())
            .map(Path::to_path_buf)
            .unwrap_or_else(default_folder);
        let ctx = ctx.clone();
        let spawned = std::thread::Builder::new()
            .name("jingdu-save-dialog".into())
            .spawn(move || {
                let started = Instant::now();
                let picked = rfd::FileDialog::new()
                    .set_title(s::EXPORT_TITLE)
                    .set_directory(folder)
                    .set_file_name(name)
                    .add_filter(format.label(), &[format.extension()])
                    .save_file();
                let _ = tx.send((picked, started.elapsed()));
                ctx.request_repaint();
            });
        match spawned {
            Ok(_) => self.pending = Some(Pending::Dialog(rx)),
            Err(e) => {
                self.native = false;
                self.note = Some(s::save_dialog_failed(&e));
            }
        }
    }

    fn start_export(&mut self, state: &AppState, path: PathBuf, actions: &mut Requests) {
        self.writing = true;
        actions.push(Intent::StartExport(path, self.options(state)));
    }

    /// Tells the dialog whether its export is still being written; when it is done, the
    /// file it wrote exists now, so the overwrite warning is asked again.
    pub fn set_writing(&mut self, writing: bool) {
        if self.writing && !writing {
            self.overwrite_check = None;
        }
        self.writing = writing;
    }

    /// Shows the dialog (when `state.view.export_open`).
    pub fn ui(&mut self, ctx: &egui::Context, state: &AppState, actions: &mut Requests) {
        if !state.view.export_open {
            return;
        }
        if self.path_for != Some(self.format) || self.path.trim().is_empty() {
            let folder = Path::new(&self.path)
                .parent()
                .filter(|p| !p.as_os_str().is_empty() && p.is_dir())
                .map(Path::to_path_buf)
                .unwrap_or_else(default_folder);
            self.path = folder.join(self.file_name(state)).display().to_string();
            self.path_for = Some(self.format);
        }
        // The dialog fits any window from 700×500 up: the title and the row that writes the
        // file stay in view, the options between them scroll.
        let screen = ctx.content_rect();
        let options_height = (screen.height() - ACTIONS_HEIGHT - 120.0).max(96.0);
        let modal = egui::Modal::new(Id::unique("export-dialog")).show(ctx, |ui| {
            ui.set_width(520.0_f32.min(screen.width() - 80.0));
            ui.heading(s::EXPORT_TITLE);
            ui.add_space(4.0);
            egui::ScrollArea::vertical()
                .id_salt("export-options")
                .max_height(options_height)
                .auto_shrink([false, true])
                .show(ui, |ui| self.options_ui(ui, state, actions));
            self.actions_ui(ui, state, actions);
        });
        if modal.should_close() && self.pending.is_none() && !self.writing {
            actions.push(Action::CloseExport);
        }
    }

    /// What to export and how: format, scope, filters, content, author, labels.
    fn options_ui(&mut self, ui: &mut Ui, state: &AppState, actions: &mut Requests) {
        ui.label(RichText::new(s::EXPORT_FORMAT).strong());
        ui.horizontal_wrapped(|ui| {
            for f in Format::ALL {
                if ui.radio(self.format == f, f.label()).clicked() {
                    self.format = f;
                }
            }
        });
        ui.add_space(4.0);
        ui.label(RichText::new(s::EXPORT_SCOPE).strong());
        ui.horizontal(|ui| {
            if ui
                .radio(!self.current_section, s::EXPORT_ALL_NOTES)
                .clicked()
            {
                self.current_section = false;
            }
            let section = state.current_section().map(|s| {
                let doc = &state.source.document;
                crate::document::typography::display_text(&doc.blocks[doc.sections[s].heading].text)
            });
            let label = match &section {
                Some(h) => s::current_section(&super::outline::shortened(h, 18)),
                None => s::EXPORT_NO_SECTION.to_string(),
            };
            if ui
                .add_enabled(
                    section.is_some(),
                    egui::RadioButton::new(self.current_section, label),
                )
                .clicked()
            {
                self.current_section = true;
            }
        });
        let tags = crate::notes::all_tags(state.notes());
        if !tags.is_empty() {
            ui.horizontal_wrapped(|ui| {
                ui.label(s::EXPORT_ONLY_TAG);
                for t in tags {
                    let mut on = self.tags.contains(&t);
                    if ui.checkbox(&mut on, format!("#{t}")).changed() {
                        if on {
                            self.tags.insert(t);
                        } else {
                            self.tags.remove(&t);
                        }
                    }
                }
            });
        }
        ui.horizontal_wrapped(|ui| {
            ui.label(s::EXPORT_ONLY_COLOR);
            for c in &state.palette.colors {
                let mut on = self.colors.contains(&c.key);
                if ui.checkbox(&mut on, &c.name).changed() {
                    if on {
                        self.colors.insert(c.key.clone());
                    } else {
                        self.colors.remove(&c.key);
                    }
                }
            }
        });
        ui.add_space(4.0);
        ui.label(RichText::new(s::EXPORT_CONTENT).strong());
        ui.horizontal_wrapped(|ui| {
            ui.checkbox(&mut self.include_quotes, s::EXPORT_WITH_QUOTES);
            ui.checkbox(&mut self.include_headings, s::EXPORT_WITH_HEADINGS);
            ui.add_enabled(
                self.format.supports_annotated_copy(),
                egui::Checkbox::new(&mut self.annotated, s::EXPORT_ANNOTATED),
            )
            .on_disabled_hover_text(s::EXPORT_ANNOTATED_ONLY);
        });
        if matches!(self.format, Format::Markdown | Format::Text) {
            self.template_ui(ui, state, actions);
        }
        ui.horizontal(|ui| {
            let label = ui.label(s::EXPORT_AUTHOR);
            let author = self
                .author
                .get_or_insert_with(|| state.settings.note_author.clone());
            let hint = export::login_name().unwrap_or_default();
            let field = ui
                .add(
                    egui::TextEdit::singleline(author)
                        .hint_text(hint)
                        .char_limit(crate::app::settings::MAX_AUTHOR_CHARS)
                        .desired_width(180.0),
                )
                .labelled_by(label.id)
                .on_hover_text(s::EXPORT_AUTHOR_TIP);
            if field.changed() {
                actions.push(Action::SetNoteAuthor(author.clone()));
            }
        });
        ui.horizontal(|ui| {
            let label = ui.label(s::EXPORT_LABELS);
            let shown = self.labels.map_or(
                s::EXPORT_LABELS_DOCUMENT.get(),
                crate::i18n::Lang::native_name,
            );
            egui::ComboBox::from_id_salt("export-labels")
                .selected_text(shown)
                .show_ui(ui, |ui| {
                    if ui
                        .selectable_label(self.labels.is_none(), s::EXPORT_LABELS_DOCUMENT)
                        .clicked()
                    {
                        self.labels = None;
                    }
                    for lang in crate::i18n::Lang::ALL {
                        if ui
                            .selectable_label(self.labels == Some(lang), lang.native_name())
                            .clicked()
                        {
                            self.labels = Some(lang);
                        }
                    }
                })
                .response
                .labelled_by(label.id)
                .on_hover_text(s::EXPORT_LABELS_TIP);
        });
    }

    /// How many notes will go, and the buttons and path that write the file.
    fn actions_ui(&mut self, ui: &mut Ui, state: &AppState, actions: &mut Requests) {
        let busy = self.pending.is_some() || self.writing;
        let count = state.export_count(&self.options(state));
        ui.label(RichText::new(s::will_export(count)).small());
        ui.separator();

        ui.horizontal(|ui| {
            let native = ui
                .add_enabled(self.native && !busy, egui::Button::new(s::EXPORT_CHOOSE))
                .on_disabled_hover_text(s::EXPORT_NO_NATIVE);
            if native.clicked() {
                self.note = None;
                self.open_native_dialog(state, ui.ctx());
            }
            // While the export is written, 取消 stops it; otherwise it closes the dialog.
            let waiting_for_dialog = self.pending.is_some();
            if ui
                .add_enabled(!waiting_for_dialog, egui::Button::new(s::CANCEL))
                .clicked()
            {
                if self.writing {
                    self.writing = false;
                    actions.push(Intent::CancelExport);
                } else {
                    actions.push(Action::CloseExport);
                }
            }
            if busy {
                ui.spinner();
                ui.label(match self.pending {
                    Some(Pending::Dialog(_)) => s::EXPORT_WAITING.get(),
                    _ => s::EXPORT_RUNNING.get(),
                });
            }
        });
        if let Some(note) = &self.note {
            ui.label(RichText::new(note).color(egui::Color32::from_rgb(0xC0, 0x7A, 0x12)));
        }
        ui.add_space(4.0);
        ui.label(s::EXPORT_PATH_PROMPT);
        ui.horizontal(|ui| {
            // Room for the button beside it in a narrow window.
            let width = (ui.available_width() - 110.0).clamp(160.0, 380.0);
            let field = ui.add(egui::TextEdit::singleline(&mut self.path).desired_width(width));
            let field = field.accessible_name(s::EXPORT_PATH);
            let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            if (ui
                .add_enabled(!busy, egui::Button::new(s::EXPORT_TO_PATH))
                .clicked()
                || enter)
                && !busy
            {
                match resolve_path(&self.path, &self.file_name(state), self.format) {
                    Ok(path) => {
                        self.note = None;
                        self.start_export(state, path, actions);
                    }
                    Err(e) => self.note = Some(e),
                }
            }
        });
        if self.overwrites(state) {
            ui.label(RichText::new(s::EXPORT_WILL_OVERWRITE).small());
        }
    }
}

/// Height (points) the dialog keeps for the rows under its options: the count, the buttons,
/// a message, the path and the overwrite warning.
const ACTIONS_HEIGHT: f32 = 170.0;

/// Adds the format's extension when the chosen name has none.
fn with_extension(path: PathBuf, format: Format) -> PathBuf {
    match path.extension() {
        Some(_) => path,
        None => path.with_extension(format.extension()),
    }
}

/// Turns what the reader typed into a file path: `~` expanded, a folder gets the default file
/// name, a missing extension is added. Refuses paths whose folder does not exist.
pub fn resolve_path(typed: &str, default_name: &str, format: Format) -> Result<PathBuf, String> {
    let typed = typed.trim();
    if typed.is_empty() {
        return Err(s::EXPORT_NEED_PATH.into());
    }
    let mut path = match typed.strip_prefix("~/") {
        Some(rest) => directories::UserDirs::new()
            .map_or_else(|| PathBuf::from(typed), |u| u.home_dir().join(rest)),
        None => PathBuf::from(typed),
    };
    if path.is_dir() {
        path = path.join(default_name);
    }
    let path = with_extension(path, format);
    let parent = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if !parent.is_dir() {
        return Err(s::no_such_folder(parent));
    }
    Ok(path)
}

impl ExportDialog {
    /// Whether exporting to the typed path would replace a file (checked when the path, the
    /// default name or the format changes).
    fn overwrites(&mut self, state: &AppState) -> bool {
        let key = (self.path.clone(), self.file_name(state), self.format);
        if let Some((checked, exists)) = &self.overwrite_check
            && *checked == key
        {
            return *exists;
        }
        let exists = resolve_path(&key.0, &key.1, key.2).is_ok_and(|p| p.exists());
        self.overwrite_check = Some((key, exists));
        exists
    }
}

/// What a [`PickFileDialog`] picks a file for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    /// Notes to import (a JSON export).
    Import,
    /// A document to read.
    Open,
}

impl Purpose {
    fn title(self) -> &'static str {
        match self {
            Purpose::Import => s::IMPORT.get(),
            Purpose::Open => s::OPEN_TITLE.get(),
        }
    }

    fn explanation(self) -> &'static str {
        match self {
            Purpose::Import => s::IMPORT_EXPLANATION.get(),
            Purpose::Open => s::OPEN_EXPLANATION.get(),
        }
    }

    fn field_label(self) -> &'static str {
        match self {
            Purpose::Import => s::IMPORT_PATH.get(),
            Purpose::Open => s::OPEN_PATH.get(),
        }
    }

    fn confirm_label(self) -> &'static str {
        match self {
            Purpose::Import => s::IMPORT_CONFIRM.get(),
            Purpose::Open => s::OPEN_CONFIRM.get(),
        }
    }

    fn action(self, path: PathBuf) -> Request {
        match self {
            Purpose::Import => Action::ImportFrom(path).into(),
            Purpose::Open => Intent::OpenDocument(path).into(),
        }
    }

    fn filter(self) -> (&'static str, &'static [&'static str]) {
        match self {
            Purpose::Import => (s::IMPORT_FILTER.get(), &["json"]),
            Purpose::Open => (
                s::OPEN_FILTER.get(),
                &[
                    "txt", "md", "markdown", "text", "html", "htm", "docx", "epub",
                ],
            ),
        }
    }
}

/// Picking a file to import or open: a native "choose file" button (rfd, on its own thread)
/// and a path field that always works. The import variant also asks for confirmation when
/// the notes were written for another document.
pub struct PickFileDialog {
    purpose: Purpose,
    /// Whether the dialog is shown.
    pub open: bool,
    path: String,
    native: bool,
    pending: Option<Receiver<(Option<PathBuf>, Duration)>>,
    note: Option<String>,
    /// Whether the dialog was shown last frame: the path field takes the focus, with its text
    /// selected, when it appears, so that typing replaces the old path.
    was_shown: bool,
}

impl PickFileDialog {
    /// A closed dialog for `purpose`.
    pub fn new(purpose: Purpose) -> Self {
        PickFileDialog {
            purpose,
            open: false,
            path: String::new(),
            native: native_dialog_available(),
            pending: None,
            note: None,
            was_shown: false,
        }
    }

    /// Shows the dialog (and, for imports, the confirmation of a pending import).
    pub fn ui(&mut self, ctx: &egui::Context, state: &AppState, actions: &mut Requests) {
        if let Some(rx) = self.pending.take() {
            match rx.try_recv() {
                Ok((Some(path), _)) => {
                    self.path = path.display().to_string();
                    self.open = false;
                    actions.push(self.purpose.action(path));
                }
                Ok((None, elapsed)) => {
                    if elapsed < MIN_HUMAN_DIALOG {
                        self.native = false;
                        self.note = Some(s::NO_FILE_DIALOG.into());
                    }
                }
                Err(std::sync::mpsc::TryRecvError::Empty) => {
                    self.pending = Some(rx);
                    ctx.request_repaint_after(Duration::from_millis(100));
                }
                Err(std::sync::mpsc::TryRecvError::Disconnected) => self.native = false,
            }
        }
        if self.purpose == Purpose::Import
            && let Some(p) = &state.view.pending_import
        {
            let count = p.imported.notes.len();
            let explanation = match &p.imported.title {
                Some(title) => s::import_other_explanation(count, title),
                None => s::import_unknown_explanation(count),
            };
            let modal = egui::Modal::new(Id::unique("import-confirm")).show(ctx, |ui| {
                ui.set_width(440.0);
                ui.heading(s::IMPORT_OTHER_QUESTION);
                ui.label(explanation);
                ui.horizontal(|ui| {
                    if ui.button(s::IMPORT_ANYWAY).clicked() {
                        actions.push(Action::ConfirmImport);
                    }
                    if ui.button(s::IMPORT_CANCEL).clicked() {
                        actions.push(Action::CancelImport);
                    }
                });
            });
            if modal.should_close() {
                actions.push(Action::CancelImport);
            }
            return;
        }
        if !self.open {
            self.was_shown = false;
            return;
        }
        let appearing = !std::mem::replace(&mut self.was_shown, true);
        let purpose = self.purpose;
        let modal =
            egui::Modal::new(Id::unique(("pick-file-dialog", purpose.title()))).show(ctx, |ui| {
                ui.set_width(480.0);
                ui.heading(purpose.title());
                ui.label(purpose.explanation());
                ui.horizontal(|ui| {
                    if ui
                        .add_enabled(
                            self.native && self.pending.is_none(),
                            egui::Button::new(s::CHOOSE_FILE),
                        )
                        .clicked()
                    {
                        self.pick(ctx);
                    }
                    if ui.button(s::CANCEL).clicked() {
                        self.open = false;
                    }
                });
                if let Some(n) = &self.note {
                    ui.label(RichText::new(n).small());
                }
                ui.label(match purpose {
                    Purpose::Open => s::OPEN_PATH_PROMPT,
                    Purpose::Import => s::FILE_PATH_PROMPT,
                });
                ui.horizontal(|ui| {
                    let field_id = Id::unique(("pick-file-path", purpose.title()));
                    let field = ui.add(
                        egui::TextEdit::singleline(&mut self.path)
                            .id(field_id)
                            .desired_width(340.0),
                    );
                    if appearing {
                        focus_with_all_selected(ui.ctx(), field_id, &self.path);
                        field.request_focus();
                    }
                    let field = field.accessible_name(purpose.field_label());
                    let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                    if (ui.button(purpose.confirm_label()).clicked() || enter)
                        && !self.path.trim().is_empty()
                    {
                        let typed = self.path.trim();
                        let path = match typed.strip_prefix("~/") {
                            Some(rest) => directories::UserDirs::new()
                                .map_or_else(|| PathBuf::from(typed), |u| u.home_dir().join(rest)),
                            None => PathBuf::from(typed),
                        };
                        actions.push(purpose.action(path));
                        self.open = false;
                    }
                });
            });
        if modal.should_close() {
            self.open = false;
        }
    }

    /// Opens the native file dialog.
    pub fn pick(&mut self, ctx: &egui::Context) {
        self.open = true;
        if !self.native || self.pending.is_some() {
            return;
        }
        let (tx, rx) = channel();
        let ctx = ctx.clone();
        let purpose = self.purpose;
        let spawned = std::thread::Builder::new()
            .name("jingdu-open-dialog".into())
            .spawn(move || {
                let started = Instant::now();
                let (name, extensions) = purpose.filter();
                let picked = rfd::FileDialog::new()
                    .set_title(purpose.title())
                    .add_filter(name, extensions)
                    .pick_file();
                let _ = tx.send((picked, started.elapsed()));
                ctx.request_repaint();
            });
        if spawned.is_ok() {
            self.pending = Some(rx);
        } else {
            self.native = false;
        }
    }
}

/// Selects all the text of the text field `id`, so that what is typed next replaces it.
fn focus_with_all_selected(ctx: &egui::Context, id: Id, text: &str) {
    let mut state = egui::text_edit::TextEditState::load(ctx, id).unwrap_or_default();
    state
        .cursor
        .set_char_range(Some(egui::text::CCursorRange::select_all_str(text)));
    state.store(ctx, id);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_paths_are_resolved() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path().display().to_string();
        assert_eq!(
            resolve_path(&d, "笔记.md", Format::Markdown).unwrap(),
            dir.path().join("笔记.md")
        );
        assert_eq!(
            resolve_path(&format!("{d}/a"), "x", Format::Html).unwrap(),
            dir.path().join("a.html")
        );
        assert!(
            resolve_path("/no/such/dir/a.md", "x", Format::Markdown)
                .unwrap_err()
                .contains("文件夹不存在")
        );
        assert!(resolve_path("  ", "x", Format::Markdown).is_err());
    }
}

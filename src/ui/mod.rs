//! The window: panels that read [`AppState`] and push [`Action`]s, and the eframe app that
//! lays them out, maps shortcuts to actions and applies everything once per frame.

mod about;
mod clipboard;
pub mod commands;
mod export_dialog;
mod find_bar;
pub mod fonts;
pub mod glyph_warmup;
pub mod layout;
mod note_editor;
mod notes_panel;
pub mod outline;
pub mod reader;
pub mod reader_a11y;
mod reading_list;
pub mod request;
mod status;
pub mod strings;
pub mod termination;
pub mod theme;
mod toolbar;
pub mod typeset;
pub mod typeset_vertical;
pub mod virtual_list;

use std::time::Instant;

use crate::app::{Action, AppState, Settings};
use crate::document::Source;
use crate::notes::Store;
pub use request::{Intent, Request, Requests};

pub use note_editor::text_field_id;

/// The app icon (a red seal with 精读).
pub static ICON_PNG: &[u8] = include_bytes!("../../assets/icon.png");

/// The eframe application.
pub struct JingduApp {
    /// Document, notes and reading state.
    pub state: AppState,
    /// The reader view.
    pub reader: reader::ReaderView,
    /// The outline view.
    pub outline: outline::OutlineView,
    notes_panel: notes_panel::NotesPanel,
    find_bar: find_bar::FindBar,
    export: export_dialog::ExportDialog,
    import: export_dialog::PickFileDialog,
    open_file: export_dialog::PickFileDialog,
    started: Instant,
    frames: u64,
    title_set: bool,
    /// A side panel shown over the text because the window is too narrow to dock it.
    pub overlay: Option<Overlay>,
    /// The window width of the last frame, to decide what a panel toggle does.
    window_width: f32,
    /// Whether the keyboard help (F1) is shown.
    pub keyboard_help: bool,
    /// The about box.
    pub about: about::AboutBox,
    /// Work off the window's thread: opening a large document.
    tasks: crate::app::tasks::Tasks,
    /// The script the reader and outline were built in.
    shown_script: crate::document::script::Script,
    /// The reading list window (Ctrl+Shift+O).
    reading_list: reading_list::ReadingListWindow,
    /// The document read last before this start, to reopen when started without a file.
    reopen_on_start: Option<std::path::PathBuf>,
    /// The interface language when the settings say "the system's" (简体中文 unless the
    /// window was started from the real system, whose locale decides).
    pub system_lang: crate::i18n::Lang,
    /// The document's glyphs, rasterised in the frames after it opens.
    glyph_warmup: glyph_warmup::GlyphWarmup,
    /// A request to end that came from a signal (a logout, Ctrl+C).
    pub termination: termination::Termination,
    /// The document whose opening was last written to the settings file.
    persisted_doc: Option<String>,
    /// The toolbar's height last frame (the status bar is shown when it fits under it).
    toolbar_height: f32,
}

/// The system's interface language: 繁體中文 for Traditional Chinese locales, English for
/// English ones, else 简体中文.
pub fn system_language() -> crate::i18n::Lang {
    sys_locale::get_locale()
        .as_deref()
        .and_then(crate::i18n::Lang::from_locale)
        .unwrap_or_default()
}

/// Below this height (points, under the toolbar) the status bar is not shown.
const STATUS_BAR_MIN_WINDOW_HEIGHT: f32 = 560.0;

/// A side panel shown as an overlay.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Overlay {
    /// The outline, from the left.
    Outline,
    /// The notes panel, from the right.
    Notes,
}

impl JingduApp {
    /// Creates the app inside eframe: fonts, styles, settings from eframe's storage.
    /// `started` is when the process started, for the start-up log.
    pub fn new(
        cc: &eframe::CreationContext<'_>,
        source: Source,
        store: Option<Store>,
        started: Instant,
    ) -> Self {
        let settings = cc
            .storage
            .and_then(|s| eframe::get_value::<Settings>(s, Settings::STORAGE_KEY))
            .unwrap_or_default()
            .sanitized();
        // Before this start's document becomes the most recently read one.
        let reopen = settings.last_read_file();
        let state = AppState::new(source, store, settings, Box::new(crate::notes::now_rfc3339));
        let mut app = Self::with_state(&cc.egui_ctx, state, started);
        app.reopen_on_start = reopen;
        if let Some(t) = termination::Termination::install(&cc.egui_ctx) {
            app.termination = t;
        }
        app.system_lang = system_language();
        app.apply_language();
        app
    }

    /// Creates the app around an existing state (tests, benchmarks).
    pub fn with_state(ctx: &egui::Context, state: AppState, started: Instant) -> Self {
        fonts::install(ctx);
        theme::install(ctx);
        theme::select(ctx, state.settings.theme);
        let reader = reader::ReaderView::new(state.shown(), &state.source.display_name());
        let outline = outline::OutlineView::new(state.shown(), &state.source.display_name());
        let shown_script = state.settings.script;
        JingduApp {
            state,
            reader,
            outline,
            notes_panel: notes_panel::NotesPanel::default(),
            find_bar: find_bar::FindBar::default(),
            export: export_dialog::ExportDialog::default(),
            import: export_dialog::PickFileDialog::new(export_dialog::Purpose::Import),
            open_file: export_dialog::PickFileDialog::new(export_dialog::Purpose::Open),
            started,
            frames: 0,
            title_set: false,
            overlay: None,
            window_width: f32::INFINITY,
            keyboard_help: false,
            about: about::AboutBox::default(),
            tasks: crate::app::tasks::Tasks::default(),
            shown_script,
            reading_list: reading_list::ReadingListWindow::default(),
            reopen_on_start: None,
            system_lang: crate::i18n::Lang::default(),
            glyph_warmup: glyph_warmup::GlyphWarmup::default(),
            termination: termination::Termination::default(),
            persisted_doc: None,
            toolbar_height: 44.0,
        }
    }

    /// Sets the process's interface language from the settings.
    fn apply_language(&self) {
        crate::i18n::set_lang(self.state.settings.ui_language.unwrap_or(self.system_lang));
    }

    /// Builds the reader and the outline again for the document as shown (after opening
    /// another one, or a 简/繁 switch).
    /// Whether the glyphs of the document are still being rasterised ahead of reading.
    pub fn warming_up(&self) -> bool {
        self.glyph_warmup.busy()
    }

    fn rebuild_views(&mut self) {
        let name = self.state.source.display_name();
        self.reader = reader::ReaderView::new(self.state.shown(), &name);
        self.outline = outline::OutlineView::new(self.state.shown(), &name);
        self.shown_script = self.state.settings.script;
    }

    /// Opens `path` in place of the current document, in the encoding the reader chose for it
    /// before: its notes are saved first, settings and the notes store carry over. A large
    /// file opens on a worker ([`crate::app::tasks::Tasks`]). On failure the current document
    /// stays and the reader is told.
    pub fn open_document(&mut self, ctx: &egui::Context, path: &std::path::Path) {
        let encoding = self
            .state
            .settings
            .encodings
            .get(&encoding_key(path))
            .and_then(|label| crate::document::encoding_for_label(label));
        let same = |a: &std::path::Path| encoding_key(a) == encoding_key(path);
        if self.state.source.origin.path().is_some_and(same) {
            self.state.flush_before_reopen();
        }
        let wake_ctx = ctx.clone();
        let wake = move || wake_ctx.request_repaint();
        if let Some(result) = self.tasks.open(path, encoding, self.state.store(), wake) {
            self.finish_opening(ctx, result);
        }
    }

    /// Opens a document of the reading list: the built-in article, its file, or — when the
    /// file has gone — a read-only stand-in with its notes.
    pub fn open_recent(&mut self, ctx: &egui::Context, id: &str) {
        if id == self.state.doc_info.id {
            return;
        }
        if id == crate::document::BUILTIN_ID {
            let source = Source::builtin();
            let notes = crate::app::PreparedNotes::load(&source, self.state.store().as_ref());
            self.finish_opening(ctx, Ok(crate::app::tasks::Prepared { source, notes }));
            return;
        }
        let Some(doc) = self.state.settings.recent.get(id).cloned() else {
            return;
        };
        let Some(path) = doc.path else {
            return;
        };
        if std::path::Path::new(&path).is_file() {
            self.open_document(ctx, std::path::Path::new(&path));
        } else {
            self.state.switch_to_stand_in(id, &path, &doc.title);
            self.rebuild_views();
            self.notes_panel = notes_panel::NotesPanel::default();
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(Self::window_title(
                &self.state.source,
            )));
        }
    }

    /// Started without a file: reopens the document read last, at its place, when the
    /// setting asks for it and the file is still there.
    pub fn reopen_last_read(&mut self, ctx: &egui::Context) {
        if let Some(path) = self.reopen_on_start.take() {
            self.open_document(ctx, &path);
        }
    }

    /// Shows the document a load produced, or says why there is none.
    fn finish_opening(
        &mut self,
        ctx: &egui::Context,
        result: Result<crate::app::tasks::Prepared, crate::document::LoadError>,
    ) {
        let prepared = match result {
            Ok(p) => p,
            Err(e) => {
                self.state.messages.post_about(
                    "open",
                    crate::app::Level::Error,
                    strings::open_failed(&e),
                );
                return;
            }
        };
        self.state
            .switch_to_prepared(prepared.source, prepared.notes);
        self.rebuild_views();
        self.notes_panel = notes_panel::NotesPanel::default();
        ctx.send_viewport_cmd(egui::ViewportCommand::Title(Self::window_title(
            &self.state.source,
        )));
    }

    /// Reads the open file again in the encoding `label`, and remembers the choice for it.
    fn reopen_with_encoding(&mut self, ctx: &egui::Context, label: &str) {
        let Some(path) = self
            .state
            .source
            .origin
            .path()
            .map(std::path::Path::to_path_buf)
        else {
            return;
        };
        self.state
            .settings
            .encodings
            .insert(encoding_key(&path), label.to_owned());
        self.open_document(ctx, &path);
    }

    /// Makes a new document of the clipboard — its HTML flavour through the web-page reader
    /// when it has one, else its text — saved in the data directory so that it reopens with
    /// its notes, and opens it.
    fn paste_document(&mut self, ctx: &egui::Context, event_text: Option<String>) {
        let html = clipboard::html();
        let (content, extension) = match html {
            Some(h) => (h, "html"),
            None => match event_text
                .filter(|t| !t.trim().is_empty())
                .or_else(clipboard::text)
            {
                // An address alone: the page it names, fetched and kept.
                Some(t)
                    if crate::document::web::is_web_link(t.trim())
                        && !t.trim().contains(char::is_whitespace) =>
                {
                    self.open_document(ctx, std::path::Path::new(t.trim()));
                    return;
                }
                Some(t) => (t, "txt"),
                None => {
                    self.state.messages.post_about(
                        "paste",
                        crate::app::Level::Warning,
                        strings::PASTE_EMPTY.to_string(),
                    );
                    return;
                }
            },
        };
        match clipboard::save_pasted(self.state.store_dir(), &content, extension) {
            Ok(path) => self.open_document(ctx, &path),
            Err(message) => {
                self.state
                    .messages
                    .post_about("paste", crate::app::Level::Error, message);
            }
        }
    }

    /// Selects note `id` when the window opens (a `jingdu://open?…&note=` link was clicked).
    pub fn open_at_note(&mut self, id: String) {
        self.state.apply(crate::app::Action::OpenAtNote(id));
    }

    /// The window title: `精读 — <article title>`.
    pub fn window_title(source: &Source) -> String {
        // Spaced as the reader shows the title (`第 1 章`).
        let name = crate::document::typography::display_heading(&source.display_name());
        format!("{} — {name}", strings::APP_NAME)
    }

    /// Carries out one request: window intents here, state commands through
    /// [`JingduApp::apply_action`].
    pub fn apply(&mut self, ctx: &egui::Context, request: impl Into<Request>) {
        match request.into() {
            Request::State(action) => self.apply_action(ctx, action),
            Request::Window(intent) => self.carry_out(ctx, intent),
        }
    }

    /// What only the window can do.
    fn carry_out(&mut self, ctx: &egui::Context, intent: Intent) {
        match intent {
            Intent::OpenImport => self.import.open = true,
            Intent::OpenExportAs(format) => {
                self.export.choose_format(format);
                self.apply_action(ctx, crate::app::Action::OpenExport);
            }
            Intent::CancelExport => self.tasks.cancel_export(),
            Intent::StartExport(path, options) => {
                let job = self.state.export_job(options);
                let wake_ctx = ctx.clone();
                if let Err(e) = self
                    .tasks
                    .export(job, path, move || wake_ctx.request_repaint())
                {
                    self.apply_action(ctx, Action::ExportFinished(Err(e)));
                }
            }
            Intent::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
            Intent::ToggleKeyboardHelp => self.keyboard_help = !self.keyboard_help,
            Intent::ToggleAbout => self.about.open = !self.about.open,
            Intent::OpenDataFolder(dir) => {
                if let Err(e) = crate::desktop::open_folder(&dir) {
                    self.state.messages.post(
                        crate::app::Level::Error,
                        strings::open_folder_failed(&crate::fsutil::describe_io_error(&e)),
                    );
                }
            }
            Intent::CopyCitation => {
                let text = self.state.citation_text();
                ctx.copy_text(text);
                self.state
                    .messages
                    .post(crate::app::Level::Info, strings::CITATION_COPIED);
            }
            Intent::OpenTemplatesFolder(dir) => {
                let opened =
                    std::fs::create_dir_all(&dir).and_then(|()| crate::desktop::open_folder(&dir));
                if let Err(e) = opened {
                    self.state.messages.post(
                        crate::app::Level::Error,
                        strings::open_folder_failed(&crate::fsutil::describe_io_error(&e)),
                    );
                }
            }
            Intent::OpenDialog => self.open_file.open = true,
            Intent::OpenDocument(path) => self.open_document(ctx, &path),
            Intent::ToggleReadingList => self.reading_list.toggle(&self.state),
            Intent::OpenRecent(id) => self.open_recent(ctx, &id),
            Intent::ReopenWithEncoding(label) => self.reopen_with_encoding(ctx, &label),
            Intent::PasteDocument(text) => self.paste_document(ctx, text),
        }
    }

    /// A state command, with what the window's own views add to it (the theme's visuals,
    /// a panel that opens over the text in a narrow window), then [`AppState::apply`].
    fn apply_action(&mut self, ctx: &egui::Context, action: Action) {
        match action {
            Action::SetTheme(t) => {
                self.state.apply(Action::SetTheme(t));
                theme::select(ctx, t);
            }
            // A panel that cannot be docked at this width opens and closes as an overlay; the
            // reader's choice to show it stays, for when the window is wide again.
            Action::ToggleOutline if !self.docks(Overlay::Outline) => {
                self.state.settings.show_outline = true;
                self.toggle_overlay(Overlay::Outline);
            }
            Action::ToggleNotes if !self.docks(Overlay::Notes) => {
                self.state.settings.show_notes = true;
                self.toggle_overlay(Overlay::Notes);
            }
            Action::JumpTo(block) => {
                if self.overlay == Some(Overlay::Outline) {
                    self.overlay = None;
                }
                self.state.apply(Action::JumpTo(block));
            }
            Action::Scrolled {
                block,
                fraction,
                focus,
            } => {
                // The outline is drawn before the reader; draw once more so that it marks
                // the new section now, not at the next input event.
                if focus != self.state.view.focus_block {
                    ctx.request_repaint();
                }
                self.state.apply(Action::Scrolled {
                    block,
                    fraction,
                    focus,
                });
            }
            other => self.state.apply(other),
        }
    }

    /// Whether the notes panel has nothing to show: no notes, none being written.
    fn notes_idle(&self) -> bool {
        self.state.notes().is_empty() && self.state.view.draft.is_none()
    }

    /// Whether `panel` would be docked, if shown, at the current window width.
    fn docks(&self, panel: Overlay) -> bool {
        let s = &self.state.settings;
        let wish = layout::PanelWish {
            outline: s.show_outline.then_some(s.outline_width_pt),
            notes: s.show_notes.then_some(s.notes_width_pt),
            notes_idle: self.notes_idle(),
        };
        let wish = match panel {
            Overlay::Outline => layout::PanelWish {
                outline: Some(s.outline_width_pt),
                ..wish
            },
            Overlay::Notes => layout::PanelWish {
                notes: Some(s.notes_width_pt),
                ..wish
            },
        };
        let plan = layout::plan_panels(self.window_width, s.font_size_pt, wish);
        match panel {
            Overlay::Outline => plan.outline.is_some(),
            Overlay::Notes => plan.notes.is_some(),
        }
    }

    fn toggle_overlay(&mut self, panel: Overlay) {
        self.overlay = if self.overlay == Some(panel) {
            None
        } else {
            Some(panel)
        };
    }

    fn collect_shortcuts(&self, ctx: &egui::Context, actions: &mut Requests) {
        actions.extend(commands::pressed(ctx, ctx.egui_wants_keyboard_input()));
        actions.extend(commands::pasted(ctx, ctx.egui_wants_keyboard_input()));
    }

    /// Draws one frame into `ui` and applies what the panels asked for.
    pub fn frame_ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        if self.termination.take() {
            // As when the window is closed: the draft becomes a note, everything is saved,
            // and closing lets eframe write the settings.
            self.state.keep_draft();
            if !self.state.save_now() {
                log::error!("notes could not be saved on a termination signal");
            }
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
        let mut actions = Requests::new();
        self.collect_shortcuts(&ctx, &mut actions);
        if self.state.settings.script != self.shown_script {
            // The same document in other characters: the outline keeps what was folded.
            let folded = std::mem::replace(
                &mut self.outline,
                outline::OutlineView::new(self.state.shown(), ""),
            );
            self.rebuild_views();
            self.outline.keep_folding_of(folded);
        }
        self.apply_language();

        self.window_width = ui.available_width();
        let notes_idle = self.notes_idle();
        let settings = &self.state.settings;
        let wish = layout::PanelWish {
            outline: settings.show_outline.then_some(settings.outline_width_pt),
            notes: settings.show_notes.then_some(settings.notes_width_pt),
            notes_idle,
        };
        let plan = layout::plan_panels(self.window_width, settings.font_size_pt, wish);
        // A note being written needs the notes panel: over the text if it cannot be docked.
        let writing = self.state.view.draft.is_some();
        // The overlay the reader opened, while it still applies at this width; a note being
        // written shows the notes panel over the text until it is saved or discarded.
        self.overlay = self.overlay.filter(|o| match o {
            Overlay::Outline => plan.outline_overlaid,
            Overlay::Notes => plan.notes_overlaid,
        });
        let overlay = if writing && plan.notes.is_none() {
            Some(Overlay::Notes)
        } else {
            self.overlay
        };
        // Whether the status bar will fit under the toolbar (its height as last frame).
        let status_bar =
            ui.available_height() - self.toolbar_height >= STATUS_BAR_MIN_WINDOW_HEIGHT;
        let shown = toolbar::PanelsShown {
            outline: plan.outline.is_some() || overlay == Some(Overlay::Outline),
            notes: plan.notes.is_some() || overlay == Some(Overlay::Notes),
            status_bar,
        };

        // The window's accessible name is its title (a screen reader announces it on focus).
        // (The closure runs only while assistive technology listens: no string per frame otherwise.)
        let source = &self.state.source;
        ui.ctx()
            .accesskit_node_builder(egui::accesskit_root_id(), |n| {
                n.set_label(Self::window_title(source));
            });
        let toolbar = egui::Panel::top("toolbar").show(ui, |ui| {
            ui.add_space(4.0);
            toolbar::toolbar_ui(ui, &self.state, shown, &mut actions);
            if let Some((path, stage)) = self.tasks.opening() {
                let name = path.file_name().map_or_else(
                    || path.display().to_string(),
                    |n| n.to_string_lossy().into_owned(),
                );
                let cancel = ui
                    .horizontal(|ui| {
                        ui.spinner();
                        ui.label(strings::opening(&name, stage));
                        ui.small_button(strings::CANCEL).clicked()
                    })
                    .inner;
                if cancel {
                    self.tasks.cancel_open();
                }
            }
            ui.add_space(2.0);
        });
        self.toolbar_height = toolbar.response.rect.height();
        // The status bar gives way in a short window, where every line goes to the text and
        // the note editor. A fixed height: its right-aligned half would otherwise take all
        // the height left.
        if status_bar {
            egui::Panel::bottom("status")
                .exact_size(24.0)
                .show(ui, |ui| {
                    status::reading_status_ui(ui, &self.state, &mut actions);
                });
        }
        if !self.state.messages.list().is_empty() {
            egui::Panel::bottom("messages").show(ui, |ui| {
                if let Some(folder) = status::messages_ui(ui, &self.state, &mut actions) {
                    open_folder(&folder, &mut self.state);
                }
            });
        }
        let settings = &self.state.settings;
        let (outline_shown, outline_width, notes_shown, notes_width) = (
            settings.show_outline,
            settings.outline_width_pt,
            settings.show_notes,
            settings.notes_width_pt,
        );
        if let Some(width) = plan.outline.filter(|_| plan.outline != wish.outline) {
            // Shrunk to fit: a fixed panel of its own, so the reader's width stays remembered.
            egui::Panel::left("outline-narrow")
                .resizable(false)
                .exact_size(width)
                .show(ui, |ui| self.outline.ui(ui, &self.state, &mut actions));
        } else if !plan.outline_overlaid {
            let outline = side_panel(
                ui,
                ("outline", strings::RESIZE_OUTLINE.get()),
                outline_shown,
                outline_width,
                layout::MIN_OUTLINE_WIDTH..=600.0,
                |ui| {
                    self.outline.ui(ui, &self.state, &mut actions);
                },
            );
            push_panel_actions(
                &mut actions,
                outline,
                outline_shown,
                outline_width,
                Action::ToggleOutline,
                Action::SetOutlineWidth,
            );
        }
        if let Some(width) = plan.notes.filter(|_| plan.notes != wish.notes) {
            egui::Panel::right("notes-narrow")
                .resizable(false)
                .exact_size(width)
                .show(ui, |ui| self.notes_panel.ui(ui, &self.state, &mut actions));
        } else if !plan.notes_overlaid {
            let notes = side_panel(
                ui,
                ("notes", strings::RESIZE_NOTES.get()),
                notes_shown,
                notes_width,
                layout::MIN_NOTES_WIDTH..=700.0,
                |ui| {
                    self.notes_panel.ui(ui, &self.state, &mut actions);
                },
            );
            push_panel_actions(
                &mut actions,
                notes,
                notes_shown,
                notes_width,
                Action::ToggleNotes,
                Action::SetNotesWidth,
            );
        }
        let reader_rect = ui.available_rect_before_wrap();
        egui::CentralPanel::no_frame().show(ui, |ui| {
            // Paper under everything, the seam between the find bar and the text included.
            let paper = theme::Palette::of(self.state.settings.theme).paper;
            ui.painter().rect_filled(ui.max_rect(), 0.0, paper);
            self.find_bar.ui(ui, &self.state, &mut actions);
            self.reader.ui(ui, &self.state, &mut actions);
        });
        if let Some(panel) = overlay {
            self.overlay_ui(&ctx, panel, reader_rect, &mut actions);
        }
        self.export.poll(&ctx, &self.state, &mut actions);
        if let Some(result) = self.tasks.poll() {
            self.finish_opening(&ctx, result);
        }
        if let Some(result) = self.tasks.poll_export() {
            actions.push(Action::ExportFinished(result));
        }
        self.export.set_writing(self.tasks.exporting());
        if self.tasks.busy() {
            // The workers wake the window when done; this keeps the spinners turning.
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
        }
        self.export.ui(&ctx, &self.state, &mut actions);
        self.import.ui(&ctx, &self.state, &mut actions);
        self.reading_list.ui(&ctx, &self.state, &mut actions);
        if self.keyboard_help {
            commands::keyboard_help_ui(&ctx, &mut self.keyboard_help);
        }
        if self.about.open {
            self.about.ui(&ctx, self.state.store_dir(), &mut actions);
        }
        self.open_file.ui(&ctx, &self.state, &mut actions);
        let warm = reader::warm_fonts(self.state.settings.font_size_pt, self.state.view.vertical);
        // Not in the first frame, which should show the window as soon as it can: the next.
        if self.frames == 0 || self.glyph_warmup.step(&ctx, self.state.shown(), &warm) {
            ctx.request_repaint();
        }
        // A file dropped on the window opens in place of the current document.
        let dropped = ctx.input(|i| i.raw.dropped_files.first().map(|f| f.path().to_path_buf()));
        if let Some(path) = dropped {
            actions.push(Intent::OpenDocument(path));
        }

        for a in actions {
            self.apply(&ctx, a);
        }
        if let Some(wait) = self.state.tick(Instant::now()) {
            ctx.request_repaint_after(wait);
        }
        if !self.state.messages.list().is_empty() {
            ctx.request_repaint_after(std::time::Duration::from_secs(1));
        }
        self.frames += 1;
        if self.frames == 1 {
            log::info!(
                "first frame drawn: {:.1} ms after start",
                self.started.elapsed().as_secs_f64() * 1e3
            );
        }
    }
}

impl JingduApp {
    /// A side panel over the text, along the edge it docks to; a click outside or Esc
    /// closes it (a note being written keeps the notes panel open).
    fn overlay_ui(
        &mut self,
        ctx: &egui::Context,
        panel: Overlay,
        area: egui::Rect,
        actions: &mut Requests,
    ) {
        let palette = theme::Palette::of(self.state.settings.theme);
        let width = match panel {
            Overlay::Outline => layout::MIN_OUTLINE_WIDTH + 60.0,
            Overlay::Notes => layout::MIN_NOTES_WIDTH + 80.0,
        }
        .min(area.width() - 24.0);
        let rect = match panel {
            Overlay::Outline => {
                egui::Rect::from_min_size(area.min, egui::vec2(width, area.height()))
            }
            Overlay::Notes => egui::Rect::from_min_size(
                egui::pos2(area.max.x - width, area.min.y),
                egui::vec2(width, area.height()),
            ),
        };
        let id = match panel {
            Overlay::Outline => "outline-overlay",
            Overlay::Notes => "notes-overlay",
        };
        let response = egui::Area::new(egui::Id::unique(id))
            .order(egui::Order::Foreground)
            .fixed_pos(rect.min)
            .show(ctx, |ui| {
                egui::Frame::new()
                    .fill(palette.panel)
                    .stroke(egui::Stroke::new(1.0, palette.muted.gamma_multiply(0.4)))
                    .shadow(ctx.global_style().visuals.window_shadow)
                    .inner_margin(8.0)
                    .show(ui, |ui| {
                        ui.set_min_size(rect.size() - egui::vec2(16.0, 16.0));
                        ui.set_max_size(rect.size() - egui::vec2(16.0, 16.0));
                        match panel {
                            Overlay::Outline => self.outline.ui(ui, &self.state, actions),
                            Overlay::Notes => self.notes_panel.ui(ui, &self.state, actions),
                        }
                    });
            })
            .response;
        let writing = self.state.view.draft.is_some();
        let clicked_outside = ctx.input(|i| {
            i.pointer.any_pressed()
                && i.pointer
                    .interact_pos()
                    .is_some_and(|p| !response.rect.contains(p) && area.contains(p))
        });
        let escape = !ctx.egui_wants_keyboard_input()
            && ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Escape));
        if (clicked_outside || escape) && !(panel == Overlay::Notes && writing) {
            self.overlay = None;
        }
    }
}

/// What the reader did to a side panel: whether it is now shown, and its width.
struct PanelChange {
    shown: bool,
    width: Option<f32>,
}

/// A resizable side panel that hides and shows (its button, its shortcut, or a drag).
fn side_panel(
    ui: &mut egui::Ui,
    (salt, handle_name): (&'static str, &'static str),
    shown: bool,
    width: f32,
    range: std::ops::RangeInclusive<f32>,
    contents: impl FnOnce(&mut egui::Ui),
) -> PanelChange {
    let mut open = shown;
    let min = *range.start();
    let panel = if salt == "outline" {
        egui::Panel::left(salt)
    } else {
        egui::Panel::right(salt)
    };
    let response = panel
        .resizable(true)
        .default_size(width)
        .size_range(range)
        .show_collapsible(ui, &mut open, contents);
    // egui names every resize handle "Resize panel", in English: say which panel it resizes.
    let handle = ui.scope_id().with(salt).with("__resize");
    if ui.ctx().has_accesskit_node(handle) {
        ui.ctx()
            .accesskit_node_builder(handle, |n| n.set_label(handle_name));
    }
    let width = response
        .map(|r| r.response.rect.width().round())
        .filter(|&w| open && w >= min);
    PanelChange { shown: open, width }
}

/// Turns a panel change into the actions that record it in the settings.
fn push_panel_actions(
    actions: &mut Requests,
    change: PanelChange,
    shown: bool,
    width: f32,
    toggle: Action,
    set_width: fn(f32) -> Action,
) {
    if change.shown != shown {
        actions.push(toggle);
    }
    if let Some(w) = change.width.filter(|w| (w - width).abs() > 1.0) {
        actions.push(set_width(w));
    }
}

/// Opens a folder in the system file manager.
/// The key under which a file's chosen encoding is remembered: its absolute path.
fn encoding_key(path: &std::path::Path) -> String {
    std::fs::canonicalize(path)
        .unwrap_or_else(|_| path.to_path_buf())
        .to_string_lossy()
        .into_owned()
}

fn open_folder(folder: &std::path::Path, state: &mut AppState) {
    let opener = if cfg!(target_os = "windows") {
        "explorer"
    } else if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    if let Err(e) = std::process::Command::new(opener).arg(folder).spawn() {
        state.messages.post(
            crate::app::Level::Error,
            strings::folder_not_opened(&e, folder),
        );
    }
}

impl eframe::App for JingduApp {
    fn ui(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame) {
        if !self.title_set {
            self.title_set = true;
            ui.ctx()
                .send_viewport_cmd(egui::ViewportCommand::Title(Self::window_title(
                    &self.state.source,
                )));
        }
        self.frame_ui(ui);
        // A document just opened is in the reading list on disk at once, not at the next
        // autosave of the settings: a session that ends abruptly still lists it.
        if self.persisted_doc.as_deref() != Some(self.state.doc_info.id.as_str())
            && let Some(storage) = frame.storage_mut()
        {
            self.persisted_doc = Some(self.state.doc_info.id.clone());
            eframe::set_value(storage, Settings::STORAGE_KEY, &self.state.settings);
            storage.flush();
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, Settings::STORAGE_KEY, &self.state.settings);
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        self.state.keep_draft();
        if !self.state.save_now() {
            log::error!("notes could not be saved on exit");
        }
    }
}

/// The Rust sources under `dir` (relative to the package root), each with its code before
/// its tests: what the source-scanning tests read, found by walking the tree rather than by
/// a list that a new file would escape.
#[cfg(test)]
pub(crate) fn sources_under(dir: &str) -> Vec<(std::path::PathBuf, String)> {
    fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let mut files = Vec::new();
    walk(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir),
        &mut files,
    );
    files.sort();
    assert!(!files.is_empty(), "no sources under {dir}");
    files
        .into_iter()
        .map(|path| {
            let source = std::fs::read_to_string(&path).unwrap_or_default();
            let code = source.split("#[cfg(test)]").next().unwrap_or("").to_owned();
            (path, code)
        })
        .collect()
}

//! Application state and the one place where actions are applied.
//!
//! [`AppState`] owns the document, the notes and the reading state; panels read it and push
//! [`Action`]s, and [`AppState::apply`] carries each one out. Nothing here draws: tests build an
//! `AppState`, apply actions and check the result, and the window does exactly the same.

mod action;
mod autosave;
mod history;
mod messages;
pub mod settings;

pub use crate::notes::{Change, ImportReport};
pub use crate::notes::{Highlight, NoteIndex, block_for};
pub use action::{Action, NoteTarget};
pub use history::{History, Step};
pub use messages::{Level, Message, Messages};
pub use settings::{ReadingPosition, Settings, ThemeChoice};

use std::ops::Range;
use std::time::{Duration, Instant};

use crate::document::Source;
use crate::export::{self, Imported};
use crate::notes::{
    self, DocInfo, Note, NoteFilter, NoteKind, Notebook, OnCorrupt, Palette, Store, TextIndex,
    Tombstone,
};

use autosave::{Autosaver, SaveRequest};

/// How long after the last change notes are saved.
pub const AUTOSAVE_DELAY: Duration = Duration::from_millis(600);

/// Where the current time comes from (fixed in tests, so that output is deterministic).
pub type Clock = Box<dyn Fn() -> String + Send>;

/// The note being written or edited.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Draft {
    /// The note being edited, or `None` for a new note.
    pub id: Option<String>,
    /// What the note is attached to.
    pub target: NoteTarget,
    /// The quote shown above the editor.
    pub quote: String,
    /// Note text.
    pub text: String,
    /// Colour key.
    pub color: String,
    /// Tags as typed (separated by spaces, commas or 、).
    pub tags: String,
}

impl Draft {
    /// What the draft is about: the note it edits, or the target of a new note. One draft is
    /// kept per key.
    pub fn key(&self) -> (Option<&str>, NoteKind, usize, usize) {
        match &self.id {
            Some(id) => (Some(id), NoteKind::Passage, 0, 0),
            None => (
                None,
                self.target.kind,
                self.target.range.start,
                self.target.range.end,
            ),
        }
    }

    /// Whether the draft holds anything typed (text or tags).
    pub fn has_text(&self) -> bool {
        !self.text.trim().is_empty() || !self.tags.trim().is_empty()
    }
}

/// A request to the reader to scroll somewhere.
#[derive(Clone, Debug, PartialEq)]
pub struct JumpRequest {
    /// Block to bring to the top (`None`: the title block).
    pub block: Option<usize>,
    /// Fraction of the block to scroll past.
    pub fraction: f32,
    /// Increases with every request, so the reader performs each one once.
    pub seq: u64,
}

/// A passage flashed after clicking a note.
#[derive(Clone, Debug, PartialEq)]
pub struct Flash {
    /// Char range in the body text.
    pub range: Range<usize>,
    /// Increases with every flash, so the reader starts each one once (and times it by the
    /// frame clock, not the wall clock).
    pub seq: u64,
}

/// Reading state shared by the panels.
#[derive(Clone, Debug, Default)]
pub struct ViewState {
    /// Selected text in the reader (char range in the body text).
    pub selection: Option<Range<usize>>,
    /// Block under the mouse pointer.
    pub hovered_block: Option<usize>,
    /// Where the reader is.
    pub position: ReadingPosition,
    /// The block the reader is looking at (a quarter down the window); the outline
    /// highlights its section.
    pub focus_block: Option<usize>,
    /// A scroll the reader should perform next frame.
    pub pending_jump: Option<JumpRequest>,
    /// The open note editor.
    pub draft: Option<Draft>,
    /// Drafts with text set aside when another note was started: one per target, reopened
    /// when the reader returns to that target or picks it in the editor. Never dropped.
    pub parked_drafts: Vec<Draft>,
    /// Esc was pressed on a draft with text: the editor asks before discarding it.
    pub confirm_discard: bool,
    /// The notes panel filter.
    pub filter: NoteFilter,
    /// The flashing target.
    pub flash: Option<Flash>,
    /// Whether the export dialog is open.
    pub export_open: bool,
    /// A note waiting to be re-attached to the next selection.
    pub reattaching: Option<String>,
    /// An import waiting for the reader's confirmation (notes of another document).
    pub pending_import: Option<PendingImport>,
}

/// Notes read from a file written for another document, waiting for confirmation.
#[derive(Clone, Debug, PartialEq)]
pub struct PendingImport {
    /// The file.
    pub path: std::path::PathBuf,
    /// What it holds.
    pub imported: Imported,
}

/// A snapshot of everything an export needs, to run on a worker thread.
pub struct ExportJob {
    source: std::sync::Arc<Source>,
    info: DocInfo,
    notes: Vec<Note>,
    palette: Palette,
    options: export::Options,
    generated: String,
}

impl ExportJob {
    /// Writes the export to `path` (atomically).
    pub fn run(&self, path: &std::path::Path) -> Result<(), export::ExportError> {
        let name = self.source.display_name();
        let e = self.view();
        let e = export::Export {
            display_name: &name,
            ..e
        };
        export::write_to_path(&e, &self.options, path)
    }

    /// Writes the export to `out`.
    pub fn write(&self, out: &mut dyn std::io::Write) -> Result<(), export::ExportError> {
        let name = self.source.display_name();
        let e = export::Export {
            display_name: &name,
            ..self.view()
        };
        export::write(&e, &self.options, out)
    }

    fn view(&self) -> export::Export<'_> {
        export::Export {
            doc: &self.source.document,
            info: &self.info,
            display_name: "",
            palette: &self.palette,
            notes: export::select_notes(&self.source.document, &self.notes, &self.options),
            generated: &self.generated,
        }
    }

    /// How many notes the export will hold.
    pub fn note_count(&self) -> usize {
        export::select_notes(&self.source.document, &self.notes, &self.options).len()
    }

    /// The format.
    pub fn format(&self) -> export::Format {
        self.options.format
    }
}

/// Everything the window shows and edits.
pub struct AppState {
    /// The open document (shared with export threads).
    pub source: std::sync::Arc<Source>,
    /// Its identity in the notes store.
    pub doc_info: DocInfo,
    notebook: Notebook,
    /// Note colours and their names.
    pub palette: Palette,
    /// Persisted preferences.
    pub settings: Settings,
    /// Reading state.
    pub view: ViewState,
    /// Messages for the reader.
    pub messages: Messages,
    history: History,
    store: Option<Store>,
    saver: Option<Autosaver>,
    revision: u64,
    read_only: bool,
    dirty_since: Option<Instant>,
    clock: Clock,
    undo_status: Option<u64>,
}

impl AppState {
    /// Opens `source` with its notes from `store` (`None`: notes are not saved, e.g. when no
    /// data directory exists; the reader is told). A damaged notes file is set aside and
    /// reported; the window keeps working.
    pub fn new(source: Source, store: Option<Store>, settings: Settings, clock: Clock) -> Self {
        match Self::open(source, store, settings, clock, false) {
            Ok(state) => state,
            // Lenient opening reports problems as messages and never fails.
            Err(_) => unreachable!("lenient opening never fails"),
        }
    }

    /// Opens `source` for a command-line change: a notes file that cannot be read (or was
    /// written by a newer jingdu) is an error, and nothing is touched.
    pub fn new_strict(source: Source, store: Store) -> Result<Self, notes::StoreError> {
        Self::open(
            source,
            Some(store),
            Settings::default(),
            Box::new(notes::now_rfc3339),
            true,
        )
    }

    fn open(
        source: Source,
        store: Option<Store>,
        settings: Settings,
        clock: Clock,
        strict: bool,
    ) -> Result<Self, notes::StoreError> {
        let doc_info = DocInfo::for_source(&source);
        let mut messages = Messages::default();
        let mut notes_list = Vec::new();
        let mut deleted = Vec::new();
        let mut revision = 0;
        let mut read_only = store.is_none();
        let palette = store
            .as_ref()
            .map(|s| Palette::load(&s.palette_path()))
            .unwrap_or_default();
        if store.is_none() {
            messages.post(Level::Error, "找不到存放笔记的数据目录，本次写的笔记不会保存；请设置 JINGDU_DATA_DIR 后重新打开。");
        }
        if let Some(store) = &store {
            let started = Instant::now();
            let on_corrupt = if strict {
                OnCorrupt::Fail
            } else {
                OnCorrupt::SetAside
            };
            match store.load(&doc_info, on_corrupt) {
                Ok(loaded) if strict && loaded.read_only => {
                    return Err(notes::StoreError::NewerSchema {
                        path: store.notes_path(&doc_info.id),
                        version: loaded.schema,
                    });
                }
                Err(e) if strict => return Err(e),
                Ok(loaded) => {
                    for w in &loaded.warnings {
                        messages.post(Level::Warning, w.clone());
                    }
                    notes_list = loaded.notes;
                    deleted = loaded.deleted;
                    revision = loaded.revision;
                    read_only = loaded.read_only;
                    let report = notes::reanchor_all(&source.document, &mut notes_list);
                    if loaded.text_changed || report.moved + report.fuzzy + report.lost > 0 {
                        let mut text = format!(
                            "文档内容与上次写笔记时不同：{} 条笔记已重新定位",
                            report.moved + report.fuzzy
                        );
                        if report.lost > 0 {
                            text.push_str(&format!(
                                "，{} 条未能定位（列在笔记栏末尾“未定位”下，可重新关联）",
                                report.lost
                            ));
                        }
                        text.push('。');
                        messages.post(Level::Warning, text);
                    }
                    if let notes::store::FoundBy::TextHash(other) = &loaded.found_by {
                        messages.post(
                            Level::Info,
                            format!("按内容找到了这篇文档在其他位置的笔记：{}", other.display()),
                        );
                    }
                }
                Err(e) => {
                    read_only = true;
                    messages.post(Level::Error, format!("{e}。为避免覆盖，本次修改不会保存。"));
                }
            }
            log::info!(
                "notes load: {} notes in {:.1} ms",
                notes_list.len(),
                started.elapsed().as_secs_f64() * 1e3
            );
        }
        let saver = match &store {
            Some(s) if !read_only && !strict => match Autosaver::spawn(s.clone()) {
                Ok(saver) => Some(saver),
                Err(e) => {
                    messages.post(
                        Level::Error,
                        format!("无法启动自动保存（{e}），笔记将在退出时保存。"),
                    );
                    None
                }
            },
            _ => None,
        };
        let notebook = Notebook::new(&source.document, notes_list, deleted);
        let mut view = ViewState::default();
        if let Some(pos) = settings.reading_positions.get(&doc_info.id).copied()
            && pos.block.is_none_or(|b| b < source.document.blocks.len())
        {
            view.position = pos;
            view.pending_jump = Some(JumpRequest {
                block: pos.block,
                fraction: pos.fraction,
                seq: 1,
            });
        }
        Ok(AppState {
            source: std::sync::Arc::new(source),
            doc_info,
            notebook,
            palette,
            settings,
            view,
            messages,
            history: History::default(),
            store,
            saver,
            revision,
            read_only,
            dirty_since: None,
            clock,
            undo_status: None,
        })
    }

    /// Opens `source` in place of the current document: drafts become notes and everything
    /// is saved first; the store, the settings and the clock carry over.
    pub fn switch_to(&mut self, source: Source) {
        self.keep_draft();
        self.save_now();
        // Finish the autosave worker before the next document's one starts.
        drop(self.saver.take());
        let store = self.store.take();
        let settings = std::mem::take(&mut self.settings);
        let clock = std::mem::replace(&mut self.clock, Box::new(notes::now_rfc3339));
        *self = AppState::new(source, store, settings, clock);
    }

    /// Keeps a note being written when the window closes: a draft with text becomes a note
    /// (an edit is applied) rather than being lost.
    pub fn keep_draft(&mut self) {
        let parked = std::mem::take(&mut self.view.parked_drafts);
        let open = self.view.draft.take();
        for draft in parked.into_iter().chain(open) {
            if !draft.text.trim().is_empty() {
                self.view.draft = Some(draft);
                self.commit_draft();
            }
        }
        self.view.draft = None;
    }

    /// The notes in document order (unanchored last).
    pub fn notes(&self) -> &[Note] {
        self.notebook.notes()
    }

    /// Increases whenever the notes change (for views that cache what they derive).
    pub fn notes_version(&self) -> u64 {
        self.notebook.version()
    }

    /// Per-block note facts.
    pub fn note_index(&self) -> &NoteIndex {
        self.notebook.index()
    }

    /// The note with `id`.
    pub fn note(&self, id: &str) -> Option<&Note> {
        self.notebook.note(id)
    }

    /// Whether changes are being saved.
    pub fn saves_notes(&self) -> bool {
        !self.read_only
    }

    /// Whether undo / redo have something to do.
    pub fn can_undo(&self) -> bool {
        self.history.can_undo()
    }

    /// See [`Self::can_undo`].
    pub fn can_redo(&self) -> bool {
        self.history.can_redo()
    }

    /// The current time from the clock.
    pub fn now(&self) -> String {
        (self.clock)()
    }

    /// Applies one action.
    pub fn apply(&mut self, action: Action) {
        match action {
            Action::JumpTo(block) => self.jump(block, 0.0),
            Action::Scrolled {
                block,
                fraction,
                focus,
            } => {
                self.view.focus_block = focus;
                self.view.position = ReadingPosition {
                    block,
                    fraction,
                    last_read: jiff::Timestamp::now().as_second().max(0) as u64,
                };
                self.settings
                    .reading_positions
                    .insert(self.doc_info.id.clone(), self.view.position);
                self.settings.forget_old_positions();
            }
            Action::SetFontSize(pt) => self.settings.font_size_pt = pt.clamp(14.0, 28.0),
            Action::ZoomIn => {
                self.settings.font_size_pt = Settings::larger(self.settings.font_size_pt)
            }
            Action::ZoomOut => {
                self.settings.font_size_pt = Settings::smaller(self.settings.font_size_pt)
            }
            Action::ZoomReset => self.settings.font_size_pt = settings::DEFAULT_FONT_SIZE_PT,
            Action::SetTheme(t) => self.settings.theme = t,
            Action::ToggleOutline => self.settings.show_outline = !self.settings.show_outline,
            Action::ToggleNotes => self.settings.show_notes = !self.settings.show_notes,
            Action::SetOutlineWidth(w) => self.settings.outline_width_pt = w,
            Action::SetNotesWidth(w) => self.settings.notes_width_pt = w,
            Action::Select(range) => {
                let range = range.filter(|r| r.end > r.start);
                if let (Some(id), Some(r)) = (self.view.reattaching.clone(), range.clone()) {
                    self.view.reattaching = None;
                    self.reattach(
                        &id,
                        NoteTarget {
                            kind: NoteKind::Passage,
                            range: r,
                        },
                    );
                    self.view.selection = None;
                    return;
                }
                self.view.selection = range;
            }
            Action::Hover(b) => self.view.hovered_block = b,
            Action::StartNote(target) => self.start_note(target),
            Action::NoteSelectionOrParagraph => {
                if let Some(target) = self.default_target() {
                    self.start_note(target);
                }
            }
            Action::EditNote(id) => {
                if let Some(n) = self.note(&id).cloned() {
                    self.open_draft(Draft {
                        id: Some(n.id.clone()),
                        target: NoteTarget {
                            kind: n.kind,
                            range: n.anchor.start..n.anchor.end,
                        },
                        quote: n.anchor.quote.clone(),
                        text: n.text.clone(),
                        color: n.color.clone(),
                        tags: n.tags.join(" "),
                    });
                }
            }
            Action::SetDraftText(t) => {
                if let Some(d) = &mut self.view.draft {
                    if d.text != t {
                        self.view.confirm_discard = false;
                    }
                    d.text = t;
                }
            }
            Action::SetDraftColor(c) => {
                if let Some(d) = &mut self.view.draft {
                    d.color = c;
                }
            }
            Action::SetDraftTags(t) => {
                if let Some(d) = &mut self.view.draft {
                    d.tags = t;
                }
            }
            Action::CommitDraft => self.commit_draft(),
            Action::EscapeDraft => self.escape_draft(),
            Action::DiscardDraft => self.discard_draft(),
            Action::KeepWriting => self.view.confirm_discard = false,
            Action::ResumeDraft(i) => {
                if i < self.view.parked_drafts.len() {
                    let d = self.view.parked_drafts.remove(i);
                    self.open_draft(d);
                }
            }
            Action::DeleteNote(id) => {
                if let Some(before) = self.note(&id).cloned() {
                    self.change(Change {
                        before: Some(before),
                        after: None,
                    });
                    // An edit in progress on the deleted note stays available as a new note
                    // on the same passage, rather than vanishing with it.
                    let orphan = |d: &mut Draft| {
                        if d.id.as_deref() == Some(&id) {
                            d.id = None;
                        }
                    };
                    self.view.draft.as_mut().map(orphan);
                    self.view.parked_drafts.iter_mut().for_each(orphan);
                    if self.view.draft.as_ref().is_some_and(|d| !d.has_text()) {
                        self.view.draft = None;
                    }
                    self.post_undo_status(Level::Info, "已删除笔记（Ctrl+Z 撤销）");
                }
            }
            Action::ReattachNote { id, target } => self.reattach(&id, target),
            Action::BeginReattach(id) => self.begin_reattach(&id),
            Action::Undo => {
                if let Some(step) = self.history.undo() {
                    let text = match step {
                        Step::Notes(changes) => {
                            let text = describe_undo(&changes, "已撤销");
                            self.apply_changes(changes);
                            text
                        }
                        Step::DraftDiscarded(d) => {
                            self.open_draft(d);
                            "已恢复放弃的草稿。".to_owned()
                        }
                    };
                    self.post_undo_status(Level::Info, text);
                }
            }
            Action::Redo => {
                if let Some(step) = self.history.redo() {
                    let text = match step {
                        Step::Notes(changes) => {
                            let text = describe_undo(&changes, "已重做");
                            self.apply_changes(changes);
                            text
                        }
                        Step::DraftDiscarded(d) => {
                            self.drop_draft(&d);
                            "已再次放弃草稿（Ctrl+Z 恢复）。".to_owned()
                        }
                    };
                    self.post_undo_status(Level::Info, text);
                }
            }
            Action::RevealNote(id) => {
                if let Some(n) = self.note(&id).filter(|n| n.anchored) {
                    let range = n.anchor.start..n.anchor.end;
                    let doc = &self.source.document;
                    let block = block_for(doc, n);
                    // Bring a passage deep inside a long paragraph near the top.
                    let fraction = block.map_or(0.0, |b| {
                        let r = &doc.blocks[b].range;
                        let into =
                            range.start.saturating_sub(r.start) as f32 / r.len().max(1) as f32;
                        (into - 0.1).max(0.0)
                    });
                    self.jump(block, fraction);
                    let seq = self.view.flash.as_ref().map_or(0, |f| f.seq) + 1;
                    self.view.flash = Some(Flash { range, seq });
                }
            }
            Action::SetFilterText(t) => self.view.filter.text = t,
            Action::SetFilterTag(t) => self.view.filter.tag = t,
            Action::SetFilterColor(c) => self.view.filter.color = c,
            Action::RenameColor { key, name } => {
                if self.palette.rename(&key, &name)
                    && let Some(store) = &self.store
                    && let Err(e) = self.palette.save(&store.palette_path())
                {
                    self.messages.post(
                        Level::Error,
                        format!(
                            "无法保存颜色名称（{}）：{}",
                            crate::fsutil::describe_io_error(&e),
                            store.palette_path().display()
                        ),
                    );
                }
            }
            Action::DismissMessage(id) => self.messages.dismiss(id),
            Action::OpenExport => self.view.export_open = true,
            Action::CloseExport => self.view.export_open = false,
            // Handled by the window, which owns the views built on the document.
            Action::OpenImport
            | Action::Quit
            | Action::OpenDialog
            | Action::OpenDocument(_)
            | Action::ToggleKeyboardHelp => {}
            Action::ImportFrom(path) => self.import_from(&path),
            Action::ConfirmImport => {
                if let Some(p) = self.view.pending_import.take() {
                    self.finish_import(&p.path, p.imported);
                }
            }
            Action::CancelImport => self.view.pending_import = None,
            Action::ExportFinished(result) => match result {
                Ok((path, count)) => {
                    let folder = path.parent().map(std::path::Path::to_path_buf);
                    self.messages.post_with_folder(
                        Level::Info,
                        format!("已导出 {count} 条笔记：{}", path.display()),
                        folder,
                    );
                    self.view.export_open = false;
                }
                Err(e) => {
                    self.messages.post_about(
                        "export",
                        Level::Error,
                        format!("{e}。笔记没有任何改动。"),
                    );
                }
            },
        }
    }

    fn jump(&mut self, block: Option<usize>, fraction: f32) {
        let seq = self.view.pending_jump.as_ref().map_or(0, |j| j.seq) + 1;
        self.view.pending_jump = Some(JumpRequest {
            block,
            fraction,
            seq,
        });
    }

    /// A snapshot for exporting with `options`, stamped with the current time.
    pub fn export_job(&self, options: export::Options) -> ExportJob {
        ExportJob {
            source: self.source.clone(),
            info: self.doc_info.clone(),
            notes: self.notes().to_vec(),
            palette: self.palette.clone(),
            options,
            generated: self.now(),
        }
    }

    /// The section the reader is looking at (for "export the current section").
    pub fn current_section(&self) -> Option<usize> {
        self.view
            .focus_block
            .and_then(|b| self.source.document.section_of_block(b))
    }

    fn import_from(&mut self, path: &std::path::Path) {
        let imported = match export::read_import(path) {
            Ok(i) => i,
            Err(e) => {
                self.messages.post_about(
                    "import",
                    Level::Error,
                    format!("{e}。笔记没有任何改动。"),
                );
                return;
            }
        };
        if self.import_needs_confirmation(&imported) {
            self.view.pending_import = Some(PendingImport {
                path: path.to_path_buf(),
                imported,
            });
            return;
        }
        self.finish_import(path, imported);
    }

    /// Whether `imported` was written for another document (different text and title).
    pub fn import_needs_confirmation(&self, imported: &Imported) -> bool {
        let same_text = imported.text_hash.as_deref() == Some(self.doc_info.text_hash.as_str());
        let same_title =
            imported.title.is_some() && imported.title == self.source.document.meta.title;
        !same_text && !same_title
    }

    fn finish_import(&mut self, path: &std::path::Path, imported: Imported) {
        let report = self.merge_imported(imported.notes);
        let mut text = format!(
            "已从 {} 导入：新增 {} 条，更新 {} 条，{} 条已存在",
            path.display(),
            report.added,
            report.updated,
            report.unchanged
        );
        if report.unanchored > 0 {
            text.push_str(&format!(
                "；{} 条在本文中找不到原文，列在“未定位”下",
                report.unanchored
            ));
        }
        self.messages.post(Level::Info, text);
    }

    /// Merges imported notes: new ids are added, a newer version replaces an older one,
    /// nothing is duplicated; anchors are found again in this document. One undoable step.
    pub fn merge_imported(&mut self, notes_in: Vec<Note>) -> ImportReport {
        let (step, report) = self.notebook.plan_import(&self.source.document, notes_in);
        if !step.is_empty() {
            self.change_many(step);
        }
        report
    }

    /// The target Ctrl+Shift+N notes: the selection, else the hovered paragraph or heading,
    /// else the block at the top of the reader.
    pub fn default_target(&self) -> Option<NoteTarget> {
        if let Some(r) = self.view.selection.clone() {
            return Some(NoteTarget {
                kind: NoteKind::Passage,
                range: r,
            });
        }
        let doc = &self.source.document;
        // The block under the pointer as it is (a heading: its section); else the paragraph
        // at the top of the window — the one the reader is reading, as the button says.
        let block = match self.view.hovered_block {
            Some(b) => b,
            None => {
                let top = self.view.position.block.unwrap_or(0);
                doc.paragraph_indices()
                    .find(|&p| p >= top)
                    .or_else(|| doc.paragraph_indices().next())?
            }
        };
        let b = doc.blocks.get(block)?;
        let kind = if b.is_heading() {
            NoteKind::Section
        } else {
            NoteKind::Paragraph
        };
        Some(NoteTarget {
            kind,
            range: b.range.clone(),
        })
    }

    fn start_note(&mut self, target: NoteTarget) {
        let doc = &self.source.document;
        let len = doc.body_len_chars();
        if target.range.start >= target.range.end || target.range.end > len {
            return;
        }
        let quote = doc.slice_chars(target.range.clone());
        let color = self
            .view
            .draft
            .as_ref()
            .map_or_else(|| notes::DEFAULT_COLOR.to_owned(), |d| d.color.clone());
        self.open_draft(Draft {
            id: None,
            target,
            quote,
            text: String::new(),
            color,
            tags: String::new(),
        });
    }

    /// Opens the editor on `draft`. A draft with text already open for another target is
    /// set aside (never dropped); a draft set aside earlier for the same target comes back
    /// instead of an empty one.
    fn open_draft(&mut self, draft: Draft) {
        self.view.confirm_discard = false;
        self.settings.show_notes = true;
        if let Some(current) = self.view.draft.take() {
            if current.key() == draft.key() {
                self.view.draft = Some(current);
                return;
            }
            if current.has_text() {
                self.park_draft(current);
            }
        }
        let parked = self
            .view
            .parked_drafts
            .iter()
            .position(|d| d.key() == draft.key());
        self.view.draft = Some(match parked {
            Some(i) => self.view.parked_drafts.remove(i),
            None => draft,
        });
    }

    fn park_draft(&mut self, draft: Draft) {
        self.view.parked_drafts.retain(|d| d.key() != draft.key());
        self.view.parked_drafts.push(draft);
    }

    /// Esc in the editor: an untouched draft closes; one with text is kept and the editor
    /// asks (a second Esc discards it, undoably). Input methods also use Esc, to cancel a
    /// half-typed word, so a single Esc must never cost the reader a note.
    fn escape_draft(&mut self) {
        let Some(draft) = &self.view.draft else {
            return;
        };
        if !self.draft_has_changes(draft) {
            self.view.draft = None;
        } else if self.view.confirm_discard {
            self.discard_draft();
        } else {
            self.view.confirm_discard = true;
        }
    }

    /// Closes the editor. A draft with changes is recorded so that Ctrl+Z brings it back.
    fn discard_draft(&mut self) {
        self.view.confirm_discard = false;
        let Some(draft) = self.view.draft.take() else {
            return;
        };
        if self.draft_has_changes(&draft) {
            self.history.record(Step::DraftDiscarded(draft));
            self.post_undo_status(Level::Info, "已放弃草稿（Ctrl+Z 恢复）");
        }
    }

    /// Removes the draft with `draft`'s key, open or set aside (redo of a discard).
    fn drop_draft(&mut self, draft: &Draft) {
        if self
            .view
            .draft
            .as_ref()
            .is_some_and(|d| d.key() == draft.key())
        {
            self.view.draft = None;
            self.view.confirm_discard = false;
        }
        self.view.parked_drafts.retain(|d| d.key() != draft.key());
    }

    /// Whether closing `draft` would lose something: typed text for a new note, any change
    /// for an edit.
    fn draft_has_changes(&self, draft: &Draft) -> bool {
        match draft.id.as_deref().and_then(|id| self.note(id)) {
            None => draft.has_text(),
            Some(n) => {
                draft.text != n.text
                    || draft.color != n.color
                    || notes::normalize_tags([draft.tags.clone()]) != n.tags
            }
        }
    }

    /// Shows the status of the last undoable step, replacing the previous one (so that
    /// "deleted" does not linger after the deletion was undone).
    fn post_undo_status(&mut self, level: Level, text: impl Into<String>) {
        if let Some(id) = self.undo_status.take() {
            self.messages.dismiss(id);
        }
        self.undo_status = Some(self.messages.post(level, text));
    }

    fn commit_draft(&mut self) {
        self.view.confirm_discard = false;
        let Some(draft) = self.view.draft.take() else {
            return;
        };
        let tags = notes::normalize_tags([draft.tags.clone()]);
        let now = self.now();
        match &draft.id {
            Some(id) => {
                let Some(before) = self.note(id).cloned() else {
                    self.messages.post(
                        Level::Warning,
                        "要编辑的笔记已不存在（可能已在另一窗口删除）。",
                    );
                    return;
                };
                let mut after = before.clone();
                after.text = draft.text;
                after.color = draft.color;
                after.tags = tags;
                if after != before {
                    after.modified = now;
                    self.change(Change {
                        before: Some(before),
                        after: Some(after),
                    });
                }
            }
            None => {
                let anchor = self.anchor_for(&draft.target);
                let note = Note::new(
                    draft.target.kind,
                    anchor,
                    draft.text,
                    draft.color,
                    tags,
                    &now,
                );
                self.change(Change {
                    before: None,
                    after: Some(note),
                });
                self.view.selection = None;
            }
        }
    }

    fn anchor_for(&self, target: &NoteTarget) -> notes::Anchor {
        let doc = &self.source.document;
        let index = TextIndex::new(doc.body_text());
        notes::target_anchor(doc, &index, target.kind, target.range.clone())
    }

    fn reattach(&mut self, id: &str, target: NoteTarget) {
        let Some(before) = self.note(id).cloned() else {
            return;
        };
        let mut after = before.clone();
        after.kind = target.kind;
        after.anchor = self.anchor_for(&target);
        after.anchored = true;
        after.modified = self.now();
        self.change(Change {
            before: Some(before),
            after: Some(after),
        });
        self.messages
            .post(Level::Info, "笔记已重新关联到所选文字。");
    }

    /// Starts re-attaching note `id`: the next selection in the reader becomes its target.
    pub fn begin_reattach(&mut self, id: &str) {
        self.view.reattaching = Some(id.to_owned());
        self.messages
            .post(Level::Info, "请在正文中选择要关联的文字。");
    }

    /// Makes a change, records it for undo, and schedules a save.
    fn change(&mut self, change: Change) {
        self.change_many(vec![change]);
    }

    /// Makes several changes as one undoable step.
    fn change_many(&mut self, step: Vec<Change>) {
        self.apply_changes(step.clone());
        self.history.record(Step::Notes(step));
    }

    /// Applies a batch of changes (see [`Notebook::apply`]) and schedules a save.
    fn apply_changes(&mut self, step: Vec<Change>) {
        if step.is_empty() {
            return;
        }
        let now = self.now();
        self.notebook.apply(&self.source.document, step, &now);
        self.dirty_since.get_or_insert_with(Instant::now);
    }

    /// Takes in notes merged with another writer's, keeping local edits.
    fn absorb_merge(&mut self, merged: Vec<Note>, deleted: Vec<Tombstone>) {
        let added = self.notebook.absorb(&self.source.document, merged, deleted);
        if added > 0 {
            self.messages
                .post(Level::Info, format!("已合并另一窗口中的 {added} 条笔记。"));
        }
    }

    /// Whether unsaved changes exist.
    pub fn is_dirty(&self) -> bool {
        self.dirty_since.is_some()
    }

    /// Since when changes wait to be saved (the autosave delay counts from here).
    pub fn dirty_since(&self) -> Option<Instant> {
        self.dirty_since
    }

    /// Saves if changes are older than [`AUTOSAVE_DELAY`], and takes in finished saves.
    /// Returns how long until the next save is due, so the window can wake up for it.
    pub fn tick(&mut self, now: Instant) -> Option<Duration> {
        self.collect_saves();
        self.messages.expire(now);
        let since = self.dirty_since?;
        if self.read_only {
            return None;
        }
        let due = since + AUTOSAVE_DELAY;
        if now < due {
            return Some(due - now);
        }
        if self.saver.as_ref().is_some_and(Autosaver::busy) {
            return Some(Duration::from_millis(100));
        }
        self.queue_save();
        None
    }

    fn queue_save(&mut self) {
        let req = SaveRequest {
            doc: self.doc_info.clone(),
            notes: self.notes().to_vec(),
            deleted: self.notebook.deleted().to_vec(),
            base_revision: self.revision,
        };
        let queued = self.saver.as_mut().is_some_and(|saver| saver.request(req));
        if queued {
            self.dirty_since = None;
        } else {
            self.save_now();
        }
    }

    fn collect_saves(&mut self) {
        let Some(saver) = &mut self.saver else {
            return;
        };
        for result in saver.poll() {
            self.take_save_result(result);
        }
    }

    fn take_save_result(&mut self, result: Result<notes::Saved, notes::StoreError>) {
        match result {
            Ok(saved) => {
                self.revision = saved.revision;
                if let Some((merged, deleted)) = saved.merged {
                    self.absorb_merge(merged, deleted);
                }
            }
            Err(e) => {
                self.dirty_since.get_or_insert_with(Instant::now);
                if matches!(e, notes::StoreError::NewerSchema { .. }) {
                    self.read_only = true;
                }
                self.messages.post(
                    Level::Error,
                    format!("{e}。笔记仍在窗口中，请勿关闭，稍后会重试。"),
                );
            }
        }
    }

    /// Saves synchronously now (on exit, or when no worker thread runs). Waits for queued
    /// saves first. Returns whether everything is on disk.
    pub fn save_now(&mut self) -> bool {
        if let Some(saver) = &mut self.saver {
            for r in saver.finish() {
                self.take_save_result(r);
            }
        }
        if self.dirty_since.is_none() {
            return true;
        }
        if self.read_only {
            return false;
        }
        let Some(store) = &self.store else {
            return false;
        };
        let result = store.save(
            &self.doc_info,
            self.notebook.notes(),
            self.notebook.deleted(),
            self.revision,
        );
        self.dirty_since = None;
        let ok = result.is_ok();
        self.take_save_result(result);
        ok && self.dirty_since.is_none()
    }

    /// Where the notes of this document are stored.
    pub fn notes_path(&self) -> Option<std::path::PathBuf> {
        self.store.as_ref().map(|s| s.notes_path(&self.doc_info.id))
    }
}

/// The status line after undoing or redoing note changes (`verb`: 已撤销 / 已重做).
fn describe_undo(changes: &[Change], verb: &str) -> String {
    let what = match changes {
        [
            Change {
                before: None,
                after: Some(_),
            },
        ] => "恢复笔记",
        [
            Change {
                before: Some(_),
                after: None,
            },
        ] => "删除笔记",
        [_] => "修改笔记",
        _ => return format!("{verb} {} 处笔记改动。", changes.len()),
    };
    format!("{verb}：{what}。")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Source;

    fn fixed_clock() -> Clock {
        Box::new(|| "2024-05-01T09:30:00+08:00".to_owned())
    }

    fn app(dir: &std::path::Path) -> AppState {
        AppState::new(
            Source::builtin(),
            Some(Store::at(dir)),
            Settings::default(),
            fixed_clock(),
        )
    }

    #[test]
    fn add_edit_delete_undo_redo() {
        let dir = tempfile::tempdir().unwrap();
        let mut app = app(dir.path());
        let doc = app.source.document.clone();
        let p = doc.paragraph_indices().next().unwrap();
        app.apply(Action::StartNote(NoteTarget {
            kind: NoteKind::Paragraph,
            range: doc.blocks[p].range.clone(),
        }));
        app.apply(Action::SetDraftText("要点：组织力".into()));
        app.apply(Action::SetDraftTags("#党建 组织".into()));
        app.apply(Action::CommitDraft);
        assert_eq!(app.notes().len(), 1);
        let id = app.notes()[0].id.clone();
        assert_eq!(app.notes()[0].tags, vec!["党建", "组织"]);
        assert_eq!(app.note_index().count_in(0..doc.blocks.len()), 1);

        app.apply(Action::EditNote(id.clone()));
        app.apply(Action::SetDraftText("改过的笔记".into()));
        app.apply(Action::CommitDraft);
        assert_eq!(app.note(&id).unwrap().text, "改过的笔记");

        app.apply(Action::DeleteNote(id.clone()));
        assert!(app.notes().is_empty());
        app.apply(Action::Undo);
        assert_eq!(app.note(&id).unwrap().text, "改过的笔记");
        app.apply(Action::Undo);
        assert_eq!(app.note(&id).unwrap().text, "要点：组织力");
        app.apply(Action::Redo);
        app.apply(Action::Redo);
        assert!(app.notes().is_empty());
        assert!(!app.can_redo());
    }

    /// Adds a paragraph note through the same actions the window uses.
    fn add_paragraph_note(app: &mut AppState, text: &str) -> String {
        let doc = app.source.document.clone();
        let p = doc.paragraph_indices().next().unwrap();
        app.apply(Action::StartNote(NoteTarget {
            kind: NoteKind::Paragraph,
            range: doc.blocks[p].range.clone(),
        }));
        app.apply(Action::SetDraftText(text.into()));
        app.apply(Action::CommitDraft);
        app.notes().last().unwrap().id.clone()
    }

    #[test]
    fn undoing_a_delete_restores_the_note_as_it_was_across_windows() {
        // Two windows on one store, one clock: every step happens within the same second.
        let dir = tempfile::tempdir().unwrap();
        let mut a = app(dir.path());
        let id = add_paragraph_note(&mut a, "一字不改");
        assert!(a.save_now());
        let original = a.note(&id).unwrap().clone();
        let mut b = app(dir.path());
        assert_eq!(b.notes().len(), 1);

        a.apply(Action::DeleteNote(id.clone()));
        assert!(a.save_now(), "the tombstone reaches the file");
        a.apply(Action::Undo);
        let restored = a.note(&id).unwrap().clone();
        assert_eq!(restored.modified, original.modified, "no 修改 date appears");
        assert_eq!(restored.text, original.text);
        assert!(
            !a.messages.list().iter().any(|m| m.text.contains("已删除")),
            "{:?}",
            a.messages.list()
        );
        assert!(a.save_now());

        // The other window saves an unrelated change and merges: the note is still there.
        add_paragraph_note(&mut b, "另一窗口");
        assert!(b.save_now());
        assert!(b.note(&id).is_some(), "merged into the other window");
        let reopened = app(dir.path());
        assert_eq!(reopened.note(&id).unwrap().modified, original.modified);
        assert_eq!(reopened.notes().len(), 2);
    }

    #[test]
    fn a_confirmed_deletion_stays_deleted_when_the_note_is_dated_in_the_future() {
        let dir = tempfile::tempdir().unwrap();
        let mut a = app(dir.path());
        let id = add_paragraph_note(&mut a, "时钟超前");
        // Clock skew or an imported note: modified lies ahead of every deletion time.
        a.notebook.note_mut(&id).unwrap().modified = "2099-12-31T23:59:59+08:00".into();
        a.dirty_since = Some(Instant::now());
        assert!(a.save_now());
        let mut b = app(dir.path());

        a.apply(Action::DeleteNote(id.clone()));
        assert!(a.save_now());
        // The other window still holds the note, unchanged, and saves something else.
        add_paragraph_note(&mut b, "另一条");
        assert!(b.save_now());
        assert!(
            b.note(&id).is_none(),
            "the deletion reached the other window"
        );
        assert!(app(dir.path()).note(&id).is_none());
    }

    #[test]
    fn an_edit_in_another_window_after_the_deletion_survives_it() {
        let dir = tempfile::tempdir().unwrap();
        let mut a = app(dir.path());
        let id = add_paragraph_note(&mut a, "原文");
        assert!(a.save_now());
        let mut b = app(dir.path());
        a.apply(Action::DeleteNote(id.clone()));
        assert!(a.save_now());
        b.apply(Action::EditNote(id.clone()));
        b.apply(Action::SetDraftText("另一窗口改过".into()));
        b.apply(Action::CommitDraft);
        assert!(b.save_now());
        assert_eq!(app(dir.path()).note(&id).unwrap().text, "另一窗口改过");
    }

    #[test]
    fn an_import_of_many_notes_is_one_batch_and_counts_duplicates() {
        let dir = tempfile::tempdir().unwrap();
        let mut a = app(dir.path());
        let id = add_paragraph_note(&mut a, "原样");
        let mut note = a.note(&id).unwrap().clone();
        note.id = "dup".into();
        let mut newer = note.clone();
        newer.text = "较新".into();
        newer.modified = "2024-06-01T09:30:00+08:00".into();
        let report = a.merge_imported(vec![note.clone(), newer, note]);
        assert_eq!(report.added, 1, "{report:?}");
        assert_eq!(a.notes().len(), 2);
        assert_eq!(a.note("dup").unwrap().text, "较新");
        a.apply(Action::Undo);
        assert!(a.note("dup").is_none(), "one undo step");
    }

    #[test]
    fn notes_survive_a_restart() {
        let dir = tempfile::tempdir().unwrap();
        let mut first = app(dir.path());
        first.apply(Action::Select(Some(10..20)));
        first.apply(Action::NoteSelectionOrParagraph);
        first.apply(Action::SetDraftText("摘句笔记".into()));
        first.apply(Action::CommitDraft);
        assert!(first.is_dirty());
        assert!(first.save_now());
        drop(first);
        let second = app(dir.path());
        assert_eq!(second.notes().len(), 1);
        assert_eq!(second.notes()[0].kind, NoteKind::Passage);
        assert_eq!(second.notes()[0].anchor.start, 10);
        assert!(
            second.messages.list().is_empty(),
            "{:?}",
            second.messages.list()
        );
    }

    #[test]
    fn autosave_happens_after_the_delay() {
        let dir = tempfile::tempdir().unwrap();
        let mut app = app(dir.path());
        app.apply(Action::Select(Some(0..4)));
        app.apply(Action::NoteSelectionOrParagraph);
        app.apply(Action::CommitDraft);
        // Times relative to the change itself, not to the wall clock of the test.
        let since = app.dirty_since().expect("a change waits");
        let wait = app.tick(since).expect("not yet due");
        assert_eq!(wait, AUTOSAVE_DELAY);
        assert!(app.is_dirty());
        assert_eq!(app.tick(since + AUTOSAVE_DELAY), None);
        assert!(!app.is_dirty());
        app.save_now();
        assert!(app.notes_path().unwrap().exists());
    }

    #[test]
    fn unreadable_store_keeps_working_without_overwriting() {
        let dir = tempfile::tempdir().unwrap();
        let path = Store::at(dir.path()).notes_path(crate::document::BUILTIN_ID);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, "not json at all").unwrap();
        let mut app = app(dir.path());
        assert!(
            app.messages
                .list()
                .iter()
                .any(|m| m.text.contains("无法读取"))
        );
        app.apply(Action::Select(Some(0..4)));
        app.apply(Action::NoteSelectionOrParagraph);
        app.apply(Action::CommitDraft);
        assert!(app.save_now());
        let aside = std::fs::read_dir(path.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.to_string_lossy().contains("corrupt"))
            .unwrap();
        assert_eq!(std::fs::read_to_string(aside).unwrap(), "not json at all");
    }

    #[test]
    fn unanchored_note_can_be_reattached() {
        let dir = tempfile::tempdir().unwrap();
        let mut app = app(dir.path());
        app.apply(Action::Select(Some(0..4)));
        app.apply(Action::NoteSelectionOrParagraph);
        app.apply(Action::CommitDraft);
        let id = app.notes()[0].id.clone();
        app.notebook.note_mut(&id).unwrap().anchored = false;
        app.begin_reattach(&id);
        app.apply(Action::Select(Some(30..40)));
        let n = app.note(&id).unwrap();
        assert!(n.anchored);
        assert_eq!(n.anchor.start, 30);
        assert_eq!(app.view.selection, None);
    }

    #[test]
    fn a_draft_with_text_is_kept_on_close() {
        let dir = tempfile::tempdir().unwrap();
        let mut first = app(dir.path());
        first.apply(Action::Select(Some(0..4)));
        first.apply(Action::NoteSelectionOrParagraph);
        first.apply(Action::SetDraftText("还没点保存".into()));
        first.keep_draft();
        assert!(first.save_now());
        drop(first);
        assert_eq!(app(dir.path()).notes()[0].text, "还没点保存");
        // An empty draft is not turned into a note.
        let dir2 = tempfile::tempdir().unwrap();
        let mut other = app(dir2.path());
        other.apply(Action::NoteSelectionOrParagraph);
        other.keep_draft();
        assert!(other.notes().is_empty());
    }

    #[test]
    fn font_size_and_panels() {
        let dir = tempfile::tempdir().unwrap();
        let mut app = app(dir.path());
        app.apply(Action::ZoomIn);
        assert_eq!(app.settings.font_size_pt, 20.0);
        app.apply(Action::ZoomReset);
        assert_eq!(app.settings.font_size_pt, 18.0);
        app.apply(Action::ToggleOutline);
        assert!(!app.settings.show_outline);
    }

    #[test]
    fn reading_position_is_restored() {
        let dir = tempfile::tempdir().unwrap();
        let mut settings = Settings::default();
        settings.reading_positions.insert(
            crate::document::BUILTIN_ID.into(),
            ReadingPosition {
                block: Some(5),
                fraction: 0.25,
                last_read: 1,
            },
        );
        let app = AppState::new(
            Source::builtin(),
            Some(Store::at(dir.path())),
            settings,
            fixed_clock(),
        );
        assert_eq!(
            app.view.pending_jump,
            Some(JumpRequest {
                block: Some(5),
                fraction: 0.25,
                seq: 1
            })
        );
    }
}

//! Application state and the one place where actions are applied.
//!
//! [`AppState`] owns the document, the notes and the reading state; panels read it and push
//! [`Action`]s, and [`AppState::apply`] carries each one out. Nothing here draws: tests build an
//! `AppState`, apply actions and check the result, and the window does exactly the same.

mod action;
mod autosave;
mod bookmarks;
mod citation;
mod display;
mod drafts;
mod history;
mod import;
mod messages;
mod opening;
mod persistence;
pub mod reading_list;
mod search;
pub mod settings;
pub mod tasks;

pub use crate::notes::{Change, ImportReport};
pub use crate::notes::{Highlight, NoteIndex, block_for};
pub use action::{Action, NoteTarget};
pub use history::{History, Step};
pub use import::written_for_another_document;
pub use messages::{Level, Message, Messages};
pub use opening::PreparedNotes;
pub use search::SearchView;
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
    /// The note last revealed (clicked, or named by a `jingdu://` link): its card is marked.
    pub selected_note: Option<String>,
    /// The find bar, when open (Ctrl+F).
    pub search: Option<SearchView>,
    /// Whether the export dialog is open.
    pub export_open: bool,
    /// A note waiting to be re-attached to the next selection.
    pub reattaching: Option<String>,
    /// An import waiting for the reader's confirmation (notes of another document).
    pub pending_import: Option<PendingImport>,
    /// Whether the text is set in vertical columns (竖排), as last chosen for this document.
    pub vertical: bool,
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
    author: Option<String>,
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
            author: self.author.as_deref(),
            ..export::Export::new(
                &self.source.document,
                &self.info,
                "",
                &self.palette,
                export::select_notes(&self.source.document, &self.notes, &self.options),
                &self.generated,
            )
        }
    }

    /// How many notes the export will hold (bookmarks are listed apart and not counted).
    pub fn note_count(&self) -> usize {
        export::select_notes(&self.source.document, &self.notes, &self.options)
            .iter()
            .filter(|n| n.kind != crate::notes::NoteKind::Bookmark)
            .count()
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
    /// Savers of documents switched away from, finishing their last saves in the background;
    /// their failures are reported here, so that none passes silently.
    retiring: Vec<persistence::Retiring>,
    revision: u64,
    read_only: bool,
    dirty_since: Option<Instant>,
    clock: Clock,
    undo_status: Option<u64>,
    /// The document in the characters chosen with 简/繁, when they are not its own.
    shown: Option<std::sync::Arc<crate::document::Document>>,
    /// The document is a stand-in for a file that has gone (see [`reading_list`]): its notes
    /// are shown read-only and its place is not remembered.
    stand_in: bool,
}

impl AppState {
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

    /// The data directory notes are kept in, when there is one.
    pub fn store_dir(&self) -> Option<&std::path::Path> {
        self.store.as_ref().map(|s| s.dir())
    }

    /// The notes store, for a worker that loads the next document's notes.
    pub fn store(&self) -> Option<Store> {
        self.store.clone()
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
                if !self.stand_in {
                    self.settings
                        .reading_positions
                        .insert(self.doc_info.id.clone(), self.view.position);
                    self.settings.forget_old_positions();
                }
                self.remember_in_reading_list();
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
            Action::SetCompressPunctuation(on) => self.settings.compress_punctuation = on,
            Action::SetHanLatinGap(on) => self.settings.han_latin_gap = on,
            Action::SetLineEdgeCompression(on) => self.settings.line_edge_compression = on,
            Action::ToggleVertical => self.apply(Action::SetVertical(!self.view.vertical)),
            Action::SetVertical(on) => {
                self.view.vertical = on;
                self.remember_in_reading_list();
            }
            Action::SetNoteAuthor(name) => {
                self.settings.note_author = settings::clean_author(&name);
            }
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
                    self.post_undo_status(
                        Level::Info,
                        crate::i18n::tr(
                            "已删除笔记（{undo} 撤销）",
                            "Note deleted ({undo} undoes)",
                        ),
                    );
                }
            }
            Action::ReattachNote { id, target } => self.reattach(&id, target),
            Action::BeginReattach(id) => self.begin_reattach(&id),
            Action::Undo => {
                if let Some(step) = self.history.undo() {
                    let text = match step {
                        Step::Notes(changes) => {
                            let text =
                                describe_undo(&changes, crate::i18n::Text::new("已撤销", "Undone"));
                            self.apply_changes(changes);
                            text
                        }
                        Step::DraftDiscarded(d) => {
                            self.open_draft(d);
                            crate::i18n::tr("已恢复放弃的草稿。", "The discarded draft is back.")
                                .to_owned()
                        }
                    };
                    self.post_undo_status(Level::Info, text);
                }
            }
            Action::Redo => {
                if let Some(step) = self.history.redo() {
                    let text = match step {
                        Step::Notes(changes) => {
                            let text =
                                describe_undo(&changes, crate::i18n::Text::new("已重做", "Redone"));
                            self.apply_changes(changes);
                            text
                        }
                        Step::DraftDiscarded(d) => {
                            self.drop_draft(&d);
                            crate::i18n::tr(
                                "已再次放弃草稿（{undo} 恢复）。",
                                "Draft discarded again ({undo} brings it back).",
                            )
                            .to_owned()
                        }
                    };
                    self.post_undo_status(Level::Info, text);
                }
            }
            Action::OpenSearch => self.open_search(),
            Action::ToggleBookmark => self.toggle_bookmark(),
            Action::ToggleBookmarkAt(b) => self.toggle_bookmark_at(b),
            Action::SetSearchQuery(q) => self.set_search_query(q),
            Action::SearchNext => self.step_search(true),
            Action::SearchPrevious => self.step_search(false),
            Action::CloseSearch => self.view.search = None,
            Action::SetSearchAnyScript(any) => self.set_search_any_script(any),
            Action::SetScript(script) => self.set_script(script),
            Action::OpenAtNote(id) => match self.note(&id) {
                None => {
                    self.messages.post(
                        Level::Warning,
                        crate::i18n::tr(
                            "链接所指的笔记已不在这篇文章里（可能已删除）。",
                            "The note the link names is not in this article (deleted?).",
                        ),
                    );
                }
                Some(n) => {
                    let excerpt: String = n.text.trim().chars().take(20).collect();
                    let text = if n.anchored {
                        crate::i18n::trf(
                            "已打开链接所指的笔记：{}",
                            "Opened the note the link names: {}",
                            &[&excerpt],
                        )
                    } else {
                        crate::i18n::trf(
                            "链接所指的笔记已找不到原文位置（见笔记栏“未定位”）：{}",
                            "The passage of the note the link names is gone (see “Not located” in the notes panel): {}",
                            &[&excerpt],
                        )
                    };
                    self.messages.post(Level::Info, text);
                    self.apply(Action::RevealNote(id));
                }
            },
            Action::RevealNote(id) => {
                self.view.selected_note = Some(id.clone());
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
            Action::SetFilterBookmarks(on) => self.view.filter.bookmarks_only = on,
            Action::RemoveFromReadingList(id) => self.remove_from_reading_list(&id),
            Action::SetReopenLast(on) => self.settings.reopen_last = on,
            Action::SetUiLanguage(lang) => self.settings.ui_language = lang,
            Action::RenameColor { key, name } => {
                if self.palette.rename(&key, &name) {
                    self.save_palette();
                }
            }
            Action::DismissMessage(id) => self.messages.dismiss(id),
            Action::OpenExport => self.view.export_open = true,
            Action::CloseExport => self.view.export_open = false,
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
                        crate::i18n::trn(
                            "已导出 {} 条笔记：{}",
                            "{} note exported: {}",
                            "{} notes exported: {}",
                            count,
                            &[&count, &path.display()],
                        ),
                        folder,
                    );
                    self.view.export_open = false;
                }
                Err(e) => {
                    self.messages.post_about(
                        "export",
                        Level::Error,
                        crate::i18n::trf(
                            "{}。笔记没有任何改动。",
                            "{}. The notes are unchanged.",
                            &[&e],
                        ),
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
            author: Some(self.settings.note_author.trim().to_owned())
                .filter(|a| !a.is_empty())
                .or_else(export::login_name),
        }
    }

    /// How many notes an export with `options` would hold, without copying any: the export
    /// dialog shows it every frame.
    pub fn export_count(&self, options: &export::Options) -> usize {
        export::select_notes(&self.source.document, self.notes(), options)
            .iter()
            .filter(|n| n.kind != crate::notes::NoteKind::Bookmark)
            .count()
    }

    /// The section the reader is looking at (for "export the current section").
    pub fn current_section(&self) -> Option<usize> {
        self.view
            .focus_block
            .and_then(|b| self.source.document.section_of_block(b))
    }

    /// Shows the status of the last undoable step, replacing the previous one (so that
    /// "deleted" does not linger after the deletion was undone).
    fn post_undo_status(&mut self, level: Level, text: impl Into<String>) {
        if let Some(id) = self.undo_status.take() {
            self.messages.dismiss(id);
        }
        self.undo_status = Some(self.messages.post(level, text));
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
}

/// The status line after undoing or redoing note changes (`verb`: 已撤销 / 已重做).
fn describe_undo(changes: &[Change], verb: crate::i18n::Text) -> String {
    use crate::i18n::{Text, trf};
    let what = match changes {
        [
            Change {
                before: None,
                after: Some(_),
            },
        ] => Text::new("恢复笔记", "note restored"),
        [
            Change {
                before: Some(_),
                after: None,
            },
        ] => Text::new("删除笔记", "note deleted"),
        [_] => Text::new("修改笔记", "note changed"),
        _ => {
            return trf(
                "{} {} 处笔记改动。",
                "{} {} changes to notes.",
                &[&verb, &changes.len()],
            );
        }
    };
    trf("{}：{}。", "{}: {}.", &[&verb, &what])
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
    fn switching_documents_saves_the_last_change_in_the_background() {
        let dir = tempfile::tempdir().unwrap();
        let mut first = app(dir.path());
        let doc = first.source.document.clone();
        let p = doc.paragraph_indices().next().unwrap();
        first.apply(Action::StartNote(NoteTarget {
            kind: NoteKind::Paragraph,
            range: doc.blocks[p].range.clone(),
        }));
        first.apply(Action::SetDraftText("换文档之前写的".into()));
        // Not committed: the draft becomes a note on the way out.
        let other = Source::from_text(
            crate::document::Origin::File(dir.path().join("b.txt")),
            "另一篇\n\n正文一段，写了一些内容。\n",
        );
        let notes = PreparedNotes::load(&other, first.store.as_ref());
        first.switch_to_prepared(other, notes);
        assert_eq!(first.source.document.meta.title.as_deref(), Some("另一篇"));
        first.save_now();
        assert!(
            first.messages.list().is_empty(),
            "{:?}",
            first.messages.list()
        );
        let back = app(dir.path());
        assert!(back.notes().iter().any(|n| n.text == "换文档之前写的"));
    }

    #[test]
    fn colour_names_are_saved_off_the_ui_thread_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        let mut first = app(dir.path());
        let key = first.palette.colors[0].key.clone();
        first.apply(Action::RenameColor {
            key: key.clone(),
            name: "要点".into(),
        });
        // Waiting for the worker is what closing the window does.
        assert!(first.save_now());
        let again = app(dir.path());
        assert_eq!(
            again
                .palette
                .colors
                .iter()
                .find(|c| c.key == key)
                .map(|c| c.name.as_str()),
            Some("要点")
        );
        assert!(
            first.messages.list().is_empty(),
            "{:?}",
            first.messages.list()
        );
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
        let report = a.merge_imported(vec![note.clone(), newer, note], false);
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

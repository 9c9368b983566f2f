//! Saving notes: changes wait [`AUTOSAVE_DELAY`](super::AUTOSAVE_DELAY) and go to the autosave
//! worker; a save that finds another writer's changes merges them back in; a failed save
//! keeps the notes in the window and says so.

use super::autosave::SaveOutcome;
use super::*;

impl AppState {
    /// Takes in notes merged with another writer's, keeping local edits.
    pub(super) fn absorb_merge(&mut self, merged: Vec<Note>, deleted: Vec<Tombstone>) {
        let added = self.notebook.absorb(&self.source.document, merged, deleted);
        if added > 0 {
            self.messages.post(
                Level::Info,
                crate::i18n::trn(
                    "已合并另一窗口中的 {} 条笔记。",
                    "Merged {} note from another window.",
                    "Merged {} notes from another window.",
                    added,
                    &[&added],
                ),
            );
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
        self.collect_retiring(false);
        self.messages.expire(now);
        let Some(since) = self.dirty_since else {
            // Look again soon while an earlier document's saver finishes.
            return (!self.retiring.is_empty()).then_some(Duration::from_millis(100));
        };
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

    /// Saves everything now, a draft included, before this same document is read again (in
    /// another encoding): the notes the next state loads must hold the last change.
    pub fn flush_before_reopen(&mut self) {
        self.keep_draft();
        self.save_now();
    }

    /// Leaves this document: a draft becomes a note, the last changes are queued on the
    /// autosave worker, and the worker is handed over — with the ones still retiring — to
    /// finish in the background while the next document opens. Without a worker the save
    /// happens here.
    pub(super) fn retire(&mut self) -> Vec<Retiring> {
        self.keep_draft();
        if self.dirty_since.is_some() && !self.read_only {
            self.queue_save();
        }
        let mut retiring = std::mem::take(&mut self.retiring);
        if let Some(saver) = self.saver.take() {
            retiring.push(Retiring {
                saver,
                name: self.source.display_name(),
            });
        }
        retiring
    }

    /// Reports what the savers of earlier documents did, and lets finished ones go.
    fn collect_retiring(&mut self, wait: bool) {
        let mut still = Vec::new();
        for mut r in std::mem::take(&mut self.retiring) {
            let outcomes = if wait {
                r.saver.finish()
            } else {
                r.saver.poll()
            };
            for outcome in outcomes {
                let failure = match outcome {
                    SaveOutcome::Notes(Err(e)) => Some(crate::i18n::trf(
                        "《{}》的笔记未能保存：{}",
                        "The notes of “{}” could not be saved: {}",
                        &[&r.name, &e],
                    )),
                    SaveOutcome::Palette(path, Err(reason)) => {
                        Some(palette_not_saved(&reason, &path))
                    }
                    _ => None,
                };
                if let Some(text) = failure {
                    self.messages.post(Level::Error, text);
                }
            }
            if r.saver.busy() {
                still.push(r);
            }
        }
        self.retiring = still;
    }

    pub(super) fn queue_save(&mut self) {
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

    pub(super) fn collect_saves(&mut self) {
        let Some(saver) = &mut self.saver else {
            return;
        };
        for outcome in saver.poll() {
            self.take_outcome(outcome);
        }
    }

    /// What a background save came to: the notes' merge and revision, or a message.
    pub(super) fn take_outcome(&mut self, outcome: super::autosave::SaveOutcome) {
        match outcome {
            super::autosave::SaveOutcome::Notes(result) => self.take_save_result(result),
            super::autosave::SaveOutcome::Palette(_, Ok(())) => {}
            super::autosave::SaveOutcome::Palette(path, Err(reason)) => {
                self.messages
                    .post(Level::Error, palette_not_saved(&reason, &path));
            }
        }
    }

    /// Saves the colour names: on the autosave worker when there is one.
    pub(super) fn save_palette(&mut self) {
        let Some(store) = &self.store else {
            return;
        };
        let path = store.palette_path();
        if let Some(saver) = &mut self.saver
            && saver.request_palette(path.clone(), self.palette.clone())
        {
            return;
        }
        if let Err(e) = self.palette.save(&path) {
            self.messages.post(
                Level::Error,
                palette_not_saved(&crate::fsutil::describe_io_error(&e), &path),
            );
        }
    }

    pub(super) fn take_save_result(&mut self, result: Result<notes::Saved, notes::StoreError>) {
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
                    crate::i18n::trf(
                    "{}。笔记仍在窗口中，请勿关闭，稍后会重试。",
                    "{}. The notes are still in the window: do not close it; saving will be tried again.",
                    &[&e],
                ),
                );
            }
        }
    }

    /// Saves synchronously now (on exit, or when no worker thread runs). Waits for queued
    /// saves first. Returns whether everything is on disk.
    pub fn save_now(&mut self) -> bool {
        self.collect_retiring(true);
        if let Some(saver) = &mut self.saver {
            for outcome in saver.finish() {
                self.take_outcome(outcome);
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

/// The autosave worker of a document switched away from, finishing its last saves.
pub(super) struct Retiring {
    saver: Autosaver,
    /// The document's name, for a failure message.
    name: String,
}

/// The colour names could not be written to `path`.
fn palette_not_saved(reason: &dyn std::fmt::Display, path: &std::path::Path) -> String {
    crate::i18n::trf(
        "无法保存颜色名称（{}）：{}",
        "Cannot save the colour names ({}): {}",
        &[reason, &path.display()],
    )
}

//! The note being written: one draft per target, set aside rather than dropped when the
//! reader starts another; Esc asks before discarding one with text, and a discarded draft is
//! an undoable step; drafts still open when the window closes become notes.

use super::*;

impl AppState {
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

    pub(super) fn start_note(&mut self, target: NoteTarget) {
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
    pub(super) fn open_draft(&mut self, draft: Draft) {
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

    pub(super) fn park_draft(&mut self, draft: Draft) {
        self.view.parked_drafts.retain(|d| d.key() != draft.key());
        self.view.parked_drafts.push(draft);
    }

    /// Esc in the editor: an untouched draft closes; one with text is kept and the editor
    /// asks (a second Esc discards it, undoably). Input methods also use Esc, to cancel a
    /// half-typed word, so a single Esc must never cost the reader a note.
    pub(super) fn escape_draft(&mut self) {
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
    pub(super) fn discard_draft(&mut self) {
        self.view.confirm_discard = false;
        let Some(draft) = self.view.draft.take() else {
            return;
        };
        if self.draft_has_changes(&draft) {
            self.history.record(Step::DraftDiscarded(draft));
            self.post_undo_status(
                Level::Info,
                crate::i18n::tr(
                    "已放弃草稿（{undo} 恢复）",
                    "Draft discarded ({undo} brings it back)",
                ),
            );
        }
    }

    /// Removes the draft with `draft`'s key, open or set aside (redo of a discard).
    pub(super) fn drop_draft(&mut self, draft: &Draft) {
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
    pub(super) fn draft_has_changes(&self, draft: &Draft) -> bool {
        match draft.id.as_deref().and_then(|id| self.note(id)) {
            None => draft.has_text(),
            Some(n) => {
                draft.text != n.text
                    || draft.color != n.color
                    || notes::normalize_tags([draft.tags.clone()]) != n.tags
            }
        }
    }

    pub(super) fn commit_draft(&mut self) {
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
                        crate::i18n::tr(
                            "要编辑的笔记已不存在（可能已在另一窗口删除）。",
                            "The note being edited is gone (deleted in another window?).",
                        ),
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

    pub(super) fn anchor_for(&self, target: &NoteTarget) -> notes::Anchor {
        let doc = &self.source.document;
        let index = TextIndex::new(doc.body_text());
        notes::target_anchor(doc, &index, target.kind, target.range.clone())
    }

    pub(super) fn reattach(&mut self, id: &str, target: NoteTarget) {
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
        self.messages.post(
            Level::Info,
            crate::i18n::tr(
                "笔记已重新关联到所选文字。",
                "The note is attached to the selected text.",
            ),
        );
    }

    /// Starts re-attaching note `id`: the next selection in the reader becomes its target.
    pub fn begin_reattach(&mut self, id: &str) {
        self.view.reattaching = Some(id.to_owned());
        self.messages.post(
            Level::Info,
            crate::i18n::tr(
                "请在正文中选择要关联的文字。",
                "Select the text in the article to attach the note to.",
            ),
        );
    }
}

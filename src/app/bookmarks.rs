//! Bookmarks (书签, Ctrl+D): a place to come back to. A bookmark is a note of kind
//! [`NoteKind::Bookmark`] on the heading or paragraph at the top of the window, so it is saved,
//! re-anchored after edits, undone, listed, filtered and exported like every other note.

use super::{AppState, Level};
use crate::notes::{self, Change, Note, NoteKind, TextIndex};

impl AppState {
    /// The block Ctrl+D marks: the one at the top of the window (the first one while the
    /// title is at the top).
    pub fn bookmark_block(&self) -> Option<usize> {
        let doc = &self.source.document;
        let b = self.view.position.block.unwrap_or(0);
        (b < doc.blocks.len()).then_some(b)
    }

    /// Adds a bookmark on [`Self::bookmark_block`], or removes the one already there.
    pub(super) fn toggle_bookmark(&mut self) {
        if let Some(b) = self.bookmark_block() {
            self.toggle_bookmark_at(b);
        }
    }

    /// Adds a bookmark on block `b`, or removes the one already there.
    pub(super) fn toggle_bookmark_at(&mut self, b: usize) {
        if b >= self.source.document.blocks.len() {
            return;
        }
        if let Some(id) = self.note_index().bookmark(b).map(str::to_owned) {
            if let Some(before) = self.note(&id).cloned() {
                self.change(Change {
                    before: Some(before),
                    after: None,
                });
                self.post_undo_status(
                    Level::Info,
                    crate::i18n::tr(
                        "已删除书签（{undo} 撤销）",
                        "Bookmark removed ({undo} undoes)",
                    ),
                );
            }
            return;
        }
        let doc = &self.source.document;
        let index = TextIndex::new(doc.body_text());
        let mut anchor = notes::block_anchor(doc, &index, b);
        anchor.heading_path = doc.heading_path(b);
        let now = self.now();
        let note = Note::new(
            NoteKind::Bookmark,
            anchor,
            String::new(),
            notes::DEFAULT_COLOR.to_owned(),
            Vec::new(),
            &now,
        );
        self.change(Change {
            before: None,
            after: Some(note),
        });
        self.post_undo_status(
            Level::Info,
            crate::i18n::tr(
                "已加书签（在笔记栏中可找到；{undo} 撤销）",
                "Bookmarked (listed in the notes panel; {undo} undoes)",
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::app::{Action, AppState, Settings};
    use crate::document::Source;
    use crate::notes::NoteKind;

    fn state() -> AppState {
        AppState::new(
            Source::builtin(),
            None,
            Settings::default(),
            Box::new(|| "2026-01-01T00:00:00Z".into()),
        )
    }

    #[test]
    fn ctrl_d_marks_the_block_at_the_top_and_again_unmarks_it() {
        let mut st = state();
        let b = st.source.document.paragraph_indices().nth(3).unwrap();
        st.apply(Action::Scrolled {
            block: Some(b),
            fraction: 0.3,
            focus: Some(b),
        });
        st.apply(Action::ToggleBookmark);
        let mark = st.notes()[0].clone();
        assert_eq!(mark.kind, NoteKind::Bookmark);
        assert_eq!(st.note_index().bookmark(b), Some(mark.id.as_str()));
        assert_eq!(mark.anchor.quote, st.source.document.blocks[b].text);
        assert!(!mark.anchor.heading_path.is_empty());
        assert_eq!(
            st.note_index().total_anchored(),
            0,
            "a bookmark is not counted as a note"
        );

        st.apply(Action::ToggleBookmark);
        assert!(st.notes().is_empty());
        st.apply(Action::Undo);
        assert_eq!(st.note_index().bookmark(b), Some(mark.id.as_str()));
    }

    #[test]
    fn a_bookmark_on_a_heading_stays_on_the_heading() {
        let mut st = state();
        let h = st
            .source
            .document
            .blocks
            .iter()
            .position(|b| b.is_heading())
            .unwrap();
        st.apply(Action::Scrolled {
            block: Some(h),
            fraction: 0.0,
            focus: Some(h),
        });
        st.apply(Action::ToggleBookmark);
        assert_eq!(st.note_index().bookmark(h), Some(st.notes()[0].id.as_str()));
    }
}

//! 简/繁 display: the document the reader and the outline draw, which is the source converted
//! char for char when the reader asked for the other script. Selections, notes, search hits
//! and exports all use the source's offsets and text, which the shown document shares.

use std::sync::Arc;

use super::AppState;
use crate::document::Document;
use crate::document::script::{self, Script};

impl AppState {
    /// The document as the reader shows it (see the module comment).
    pub fn shown(&self) -> &Document {
        self.shown.as_deref().unwrap_or(&self.source.document)
    }

    /// Whether the open document's own characters look Traditional (the 简/繁 control then
    /// offers 简体 first).
    pub fn looks_traditional(&self) -> bool {
        script::looks_traditional(self.source.document.body_text())
    }

    /// Shows the text in `script` from now on (for every document).
    pub(super) fn set_script(&mut self, script: Script) {
        if self.settings.script != script {
            self.settings.script = script;
            self.convert_shown();
            // The reader is built again for the new text and comes back to the same place.
            let at = self.view.position;
            self.jump(at.block, at.fraction);
        }
    }

    /// `self` with the shown document converted to the script of the settings.
    pub(super) fn with_shown_script(mut self) -> Self {
        self.convert_shown();
        self
    }

    fn convert_shown(&mut self) {
        self.shown = match self.settings.script {
            Script::Original => None,
            s => Some(Arc::new(script::convert_document(&self.source.document, s))),
        };
    }
}

#[cfg(test)]
mod tests {
    use crate::app::{Action, AppState, NoteTarget, Settings};
    use crate::document::script::Script;
    use crate::document::{Origin, Source};
    use crate::notes::NoteKind;

    fn state() -> AppState {
        let source = Source::from_text(
            Origin::Builtin,
            "黨的建設\n\n一、組織建設\n\n堅持黨的領導，發展是第一要務。",
        );
        AppState::new(
            source,
            None,
            Settings::default(),
            Box::new(|| "2026-01-01T00:00:00Z".into()),
        )
    }

    #[test]
    fn the_shown_text_changes_script_and_a_note_stays_on_the_same_chars() {
        let mut st = state();
        let para = st.source.document.blocks.len() - 1;
        let start = st.source.document.blocks[para].range.start + 2;
        st.apply(Action::StartNote(NoteTarget {
            kind: NoteKind::Passage,
            range: start..start + 3,
        }));
        st.apply(Action::SetDraftText("要点".into()));
        st.apply(Action::CommitDraft);
        assert_eq!(st.notes()[0].anchor.quote, "黨的領");

        st.apply(Action::SetScript(Script::Simplified));
        let shown = st.shown();
        assert_eq!(shown.blocks[para].text, "坚持党的领导，发展是第一要务。");
        let body: Vec<char> = shown.body_text().chars().collect();
        let r = &st.notes()[0].anchor;
        let on_screen: String = body[r.start..r.end].iter().collect();
        assert_eq!(
            on_screen, "党的领",
            "the highlight covers the same characters"
        );
        // The note and what exports read keep the source's text.
        assert_eq!(st.notes()[0].anchor.quote, "黨的領");
        assert!(st.source.document.body_text().contains("堅持黨"));

        st.apply(Action::SetScript(Script::Original));
        assert!(st.shown().body_text().contains("堅持黨"));
    }
}

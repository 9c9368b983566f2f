//! 复制引用 (Ctrl+Shift+C): the selection quoted with its source, or the article's reference
//! in GB/T 7714 form (see [`crate::document::cite`]).

use super::AppState;

impl AppState {
    /// What 复制引用 copies: the selection quoted with its source, or without a selection the
    /// article's reference in GB/T 7714 form (cited today).
    pub fn citation_text(&self) -> String {
        let doc = &self.source.document;
        let citation = crate::document::cite::Citation::of_source(&self.source);
        match &self.view.selection {
            Some(sel) if !sel.is_empty() => citation.quote(
                &crate::document::typography::display_text(&doc.slice_chars(sel.clone())),
            ),
            _ => {
                let now = self.now();
                citation.gbt7714(now.get(..10).unwrap_or(&now))
            }
        }
    }
}

//! 复制引用 (Ctrl+Shift+C): the selection quoted with its source, or the article's reference
//! in GB/T 7714 form (see [`crate::document::cite`]).

use super::AppState;

impl AppState {
    /// What 复制引用 copies: the selection quoted with its source, or without a selection the
    /// article's reference in GB/T 7714 form (cited today).
    pub fn citation_text(&self) -> String {
        let doc = &self.source.document;
        let title = crate::document::typography::display_text(
            doc.meta
                .title
                .as_deref()
                .unwrap_or(&self.source.display_name()),
        );
        let online = matches!(
            &self.source.origin,
            crate::document::Origin::File(p)
                if p.extension().is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"))
        );
        let citation = crate::document::cite::Citation::of(&doc.meta, &title, online);
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

//! The find bar's state (Ctrl+F): the query, every hit in the body text and the current one.
//! The body is folded once when the bar opens (see [`crate::document::search`]); each query
//! then costs one linear search.

use std::ops::Range;

use super::AppState;
use crate::document::search;

/// An open find bar.
#[derive(Clone, Debug, Default)]
pub struct SearchView {
    /// What the reader typed.
    pub query: String,
    /// Every hit, char ranges in the body text, in order.
    pub hits: Vec<Range<usize>>,
    /// Index of the current hit in `hits`.
    pub current: usize,
    /// Asks the find bar to take the keyboard (it was just opened).
    pub focus_seq: u64,
    /// The body text folded for matching.
    folded: String,
}

impl SearchView {
    /// The current hit, if any.
    pub fn current_hit(&self) -> Option<&Range<usize>> {
        self.hits.get(self.current)
    }

    /// The hits that touch `range` (a block's chars), found by binary search.
    pub fn hits_in(&self, range: &Range<usize>) -> &[Range<usize>] {
        let first = self.hits.partition_point(|h| h.end <= range.start);
        let last = self.hits.partition_point(|h| h.start < range.end);
        &self.hits[first..last.max(first)]
    }
}

impl AppState {
    /// Opens the find bar (or gives it the keyboard again).
    pub(super) fn open_search(&mut self) {
        let seq = self.view.search.as_ref().map_or(0, |s| s.focus_seq) + 1;
        match &mut self.view.search {
            Some(s) => s.focus_seq = seq,
            None => {
                self.view.search = Some(SearchView {
                    folded: search::folded(
                        self.source.document.body_text(),
                        self.settings.matching(),
                    ),
                    focus_seq: seq,
                    ..SearchView::default()
                });
            }
        }
    }

    /// Finds `query`; the current hit is the first one at or after what the reader is
    /// looking at, and the reader goes there.
    pub(super) fn set_search_query(&mut self, query: String) {
        let from = self
            .view
            .focus_block
            .and_then(|b| self.source.document.blocks.get(b))
            .map_or(0, |b| b.range.start);
        let Some(s) = &mut self.view.search else {
            return;
        };
        s.hits = search::find_all(&s.folded, &query, self.settings.matching());
        s.query = query;
        s.current = s.hits.partition_point(|h| h.start < from);
        if s.current >= s.hits.len() {
            s.current = 0;
        }
        self.show_current_hit();
    }

    /// Turns 简繁等同 on or off and finds the query again.
    pub(super) fn set_search_any_script(&mut self, any: bool) {
        self.settings.search_any_script = any;
        let Some(s) = &mut self.view.search else {
            return;
        };
        s.folded = search::folded(self.source.document.body_text(), self.settings.matching());
        let query = std::mem::take(&mut s.query);
        self.set_search_query(query);
    }

    /// Moves to the next (or previous) hit, wrapping around.
    pub(super) fn step_search(&mut self, forward: bool) {
        let Some(s) = &mut self.view.search else {
            return;
        };
        let n = s.hits.len();
        if n == 0 {
            return;
        }
        s.current = if forward {
            (s.current + 1) % n
        } else {
            (s.current + n - 1) % n
        };
        self.show_current_hit();
    }

    /// Scrolls the reader to the current hit.
    fn show_current_hit(&mut self) {
        let Some(hit) = self
            .view
            .search
            .as_ref()
            .and_then(|s| s.current_hit().cloned())
        else {
            return;
        };
        let doc = &self.source.document;
        let block = doc.block_at_offset(hit.start);
        // A hit deep inside a long paragraph comes near the top, as a revealed note does.
        let fraction = block.map_or(0.0, |b| {
            let r = &doc.blocks[b].range;
            ((hit.start.saturating_sub(r.start) as f32 / r.len().max(1) as f32) - 0.1).max(0.0)
        });
        self.jump(block, fraction);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hits_in_a_block_come_from_a_binary_search() {
        let s = SearchView {
            hits: vec![0..2, 5..7, 9..12, 20..22],
            ..SearchView::default()
        };
        assert_eq!(s.hits_in(&(6..10)), &[5..7, 9..12]);
        assert_eq!(s.hits_in(&(12..20)), &[] as &[Range<usize>]);
        assert_eq!(s.hits_in(&(0..30)).len(), 4);
    }
}

//! The reading list (最近阅读): every document read lately — title, file, how far the reader
//! got, how many notes it has, when it was last read — kept in the settings and updated as the
//! reader scrolls. The built-in article is always in it. A file that has gone is listed as
//! missing: opened, it shows a stand-in page with its notes, read-only, ready to export.

use serde::{Deserialize, Serialize};

use super::AppState;
use crate::document::{BUILTIN_ID, Block, BlockKind, Document, Metadata, Origin, Source};

/// How many documents the reading list keeps (the least recently read go first).
pub const MAX_RECENT: usize = 200;

/// A document in the reading list, as remembered.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct RecentDocument {
    /// The file (absolute), or `None` for the built-in article.
    pub path: Option<String>,
    /// Its title as shown.
    pub title: String,
    /// How far the reader got, 0..=1.
    pub progress: f32,
    /// How many notes (bookmarks included) it had when last read.
    pub notes: usize,
    /// When it was last read (Unix seconds).
    pub last_read: u64,
    /// Whether it is read in vertical columns (竖排).
    pub vertical: bool,
}

/// A line of the reading list as shown.
#[derive(Clone, Debug, PartialEq)]
pub struct ReadingListEntry {
    /// The document's store id.
    pub id: String,
    /// What was remembered.
    pub doc: RecentDocument,
    /// Whether this is the document open now.
    pub current: bool,
    /// Whether its file can no longer be found.
    pub missing: bool,
}

impl AppState {
    /// How far into the document the reader is, 0..=1: the text up to the end of the block
    /// being read (a quarter down the window), so that the last screen reads 100 %.
    pub fn progress(&self) -> f32 {
        let doc = &self.source.document;
        let total = doc.body_len_chars();
        if total == 0 {
            return 1.0;
        }
        let done = match self.view.focus_block.and_then(|b| doc.blocks.get(b)) {
            Some(b) => b.range.end,
            None => 0,
        };
        (done as f32 / total as f32).clamp(0.0, 1.0)
    }

    /// The number (1-based) of the top-level section being read, if any.
    pub fn section_number(&self) -> Option<usize> {
        let doc = &self.source.document;
        let focus = self.view.focus_block?;
        doc.root_sections
            .iter()
            .rposition(|&s| doc.sections[s].heading <= focus)
            .map(|k| k + 1)
    }

    /// Records the open document in the reading list (on opening it and as the reader moves).
    pub(super) fn remember_in_reading_list(&mut self) {
        if self.stand_in {
            return;
        }
        let entry = RecentDocument {
            path: self.doc_info.path.clone(),
            title: self.shown_title(),
            progress: self.progress(),
            notes: self.notes().len(),
            last_read: unix_now(),
            vertical: self.view.vertical,
        };
        self.settings.recent.insert(self.doc_info.id.clone(), entry);
        forget_least_recent(&mut self.settings.recent);
    }

    fn shown_title(&self) -> String {
        self.source.display_name()
    }

    /// The reading list, most recently read first, with the built-in article always in it.
    /// `exists` tells whether a file is still there (the window checks once when the list
    /// opens; tests pass their own).
    pub fn reading_list(&self, exists: impl Fn(&str) -> bool) -> Vec<ReadingListEntry> {
        let mut list: Vec<ReadingListEntry> = self
            .settings
            .recent
            .iter()
            .map(|(id, doc)| ReadingListEntry {
                id: id.clone(),
                current: *id == self.doc_info.id && !self.stand_in,
                missing: doc.path.as_deref().is_some_and(|p| !exists(p)),
                doc: doc.clone(),
            })
            .collect();
        if !list.iter().any(|e| e.id == BUILTIN_ID) {
            list.push(ReadingListEntry {
                id: BUILTIN_ID.to_owned(),
                doc: RecentDocument {
                    title: Source::builtin().display_name(),
                    ..RecentDocument::default()
                },
                current: self.doc_info.id == BUILTIN_ID,
                missing: false,
            });
        }
        list.sort_by_key(|e| std::cmp::Reverse(e.doc.last_read));
        list
    }

    /// Takes a document off the reading list (not the built-in article, which stays), with
    /// its reading position. Its notes stay in the data folder.
    pub(super) fn remove_from_reading_list(&mut self, id: &str) {
        if id != BUILTIN_ID {
            self.settings.recent.remove(id);
            self.settings.reading_positions.remove(id);
        }
    }
}

impl super::Settings {
    /// The file to reopen on a start without one: the most recently read document, when
    /// [`super::Settings::reopen_last`] asks for it, it is a file and the file is still there.
    /// Asked before the start opens anything (which becomes the most recent).
    pub fn last_read_file(&self) -> Option<std::path::PathBuf> {
        if !self.reopen_last {
            return None;
        }
        let (_, last) = self.recent.iter().max_by_key(|(_, d)| d.last_read)?;
        let path = std::path::PathBuf::from(last.path.as_deref()?);
        path.is_file().then_some(path)
    }
}

/// A page standing in for a document whose file has gone: its title, where the file was, and
/// what the reader can still do. Opened read-only, its notes (all unanchored, with their
/// quotes) can be read and exported.
pub fn stand_in_source(path: &str, title: &str) -> Source {
    let block = |kind, text: String| Block {
        kind,
        text: text.into(),
        range: 0..0,
    };
    let document = Document::from_blocks(
        Metadata {
            title: Some(title.to_owned()),
            ..Metadata::default()
        },
        vec![
            block(
                BlockKind::Paragraph,
                crate::i18n::trf(
                    "找不到这篇文档的文件：{}",
                    "This document's file cannot be found: {}",
                    &[&path],
                ),
            ),
            block(
                BlockKind::Paragraph,
                crate::i18n::tr(
                    "它的笔记仍在数据目录里，列在笔记栏的“未定位”下，可以阅读和导出；文件找回后从“最近阅读”或“打开”重新打开，笔记会回到原文的位置。",
                    "Its notes are still in the data folder, listed under “Not located” in the notes panel, to read and export; once the file is back, open it again from Recent or Open and the notes return to their passages.",
                )
                .to_owned(),
            ),
        ],
    );
    Source {
        origin: Origin::File(path.into()),
        document,
        encoding: "UTF-8",
        replaced_bytes: 0,
    }
}

fn unix_now() -> u64 {
    jiff::Timestamp::now().as_second().max(0) as u64
}

fn forget_least_recent(recent: &mut std::collections::BTreeMap<String, RecentDocument>) {
    while recent.len() > MAX_RECENT {
        let Some(oldest) = recent
            .iter()
            .min_by_key(|(_, d)| d.last_read)
            .map(|(k, _)| k.clone())
        else {
            return;
        };
        recent.remove(&oldest);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::{Action, Settings};

    fn state_on(source: Source, settings: Settings) -> AppState {
        AppState::new(
            source,
            None,
            settings,
            Box::new(|| "2026-01-01T00:00:00Z".into()),
        )
    }

    #[test]
    fn reading_updates_the_list_and_progress_reaches_the_end() {
        let mut st = state_on(Source::builtin(), Settings::default());
        let last = st.source.document.blocks.len() - 1;
        st.apply(Action::Scrolled {
            block: Some(last),
            fraction: 0.0,
            focus: Some(last),
        });
        assert_eq!(st.progress(), 1.0);
        let list = st.reading_list(|_| true);
        assert_eq!(list.len(), 1);
        assert!(list[0].current);
        assert_eq!(list[0].id, BUILTIN_ID);
        assert_eq!(list[0].doc.progress, 1.0);
        assert_eq!(list[0].doc.title, "从严从实加强党的基层党组织建设");
        assert_eq!(
            st.section_number(),
            Some(st.source.document.root_sections.len())
        );
    }

    #[test]
    fn the_builtin_article_stays_and_missing_files_are_marked() {
        let mut settings = Settings::default();
        for (id, path, t) in [("a", "/gone/a.txt", 5), ("b", "/here/b.txt", 9)] {
            settings.recent.insert(
                id.into(),
                RecentDocument {
                    path: Some(path.into()),
                    title: id.into(),
                    progress: 0.5,
                    notes: 3,
                    last_read: t,
                    vertical: false,
                },
            );
        }
        let mut st = state_on(
            Source::from_text(Origin::Builtin, "标题\n\n正文。"),
            settings,
        );
        let list = st.reading_list(|p| p.starts_with("/here"));
        let ids: Vec<&str> = list.iter().map(|e| e.id.as_str()).collect();
        // The document open now was read last.
        assert_eq!(ids, vec![BUILTIN_ID, "b", "a"]);
        assert!(list[0].current && !list[1].current);
        assert!(list[2].missing && !list[1].missing && !list[0].missing);
        st.apply(Action::RemoveFromReadingList("a".into()));
        st.apply(Action::RemoveFromReadingList(BUILTIN_ID.into()));
        let ids: Vec<String> = st
            .reading_list(|_| true)
            .into_iter()
            .map(|e| e.id)
            .collect();
        assert_eq!(ids, vec![BUILTIN_ID.to_owned(), "b".to_owned()]);
        // Only a file that is still there is reopened.
        assert_eq!(st.settings.last_read_file(), None);
    }

    #[test]
    fn the_list_keeps_the_most_recently_read() {
        let mut recent = std::collections::BTreeMap::new();
        for i in 0..MAX_RECENT + 5 {
            recent.insert(
                format!("{i:04}"),
                RecentDocument {
                    last_read: i as u64,
                    ..RecentDocument::default()
                },
            );
        }
        forget_least_recent(&mut recent);
        assert_eq!(recent.len(), MAX_RECENT);
        assert!(!recent.contains_key("0004") && recent.contains_key("0005"));
    }

    #[test]
    fn a_stand_in_names_the_missing_file() {
        let s = stand_in_source("/gone/论文.txt", "论文");
        assert_eq!(s.display_name(), "论文");
        assert!(s.document.body_text().contains("/gone/论文.txt"));
    }
}

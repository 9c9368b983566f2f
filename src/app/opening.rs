//! Opening a document with its notes in the window: the notes file loaded (a damaged one set
//! aside and reported, never overwritten), re-anchored against the text, the reading position
//! restored; and switching to another document in place. The command line changes notes
//! through the core's `Notebook` and store directly, without the window's state.

use super::*;

impl AppState {
    /// Opens `source` with its notes from `store` (`None`: notes are not saved, e.g. when no
    /// data directory exists; the reader is told). A damaged notes file is set aside and
    /// reported; the window keeps working.
    pub fn new(source: Source, store: Option<Store>, settings: Settings, clock: Clock) -> Self {
        let notes = PreparedNotes::load(&source, store.as_ref());
        let mut state = Self::assemble(source, notes, store, settings, clock);
        state.remember_in_reading_list();
        state
    }

    /// The state of a document whose notes are loaded: the autosave worker started, the
    /// reading position restored. Quick: the slow part is [`PreparedNotes::load`].
    fn assemble(
        source: Source,
        prepared: PreparedNotes,
        store: Option<Store>,
        settings: Settings,
        clock: Clock,
    ) -> Self {
        let PreparedNotes {
            doc_info,
            notes: notes_list,
            deleted,
            revision,
            read_only,
            palette,
            mut messages,
        } = prepared;
        let saver = match &store {
            Some(s) if !read_only => match Autosaver::spawn(s.clone()) {
                Ok(saver) => Some(saver),
                Err(e) => {
                    messages.post(
                        Level::Error,
                        crate::i18n::trf(
                            "无法启动自动保存（{}），笔记将在退出时保存。",
                            "Autosave cannot start ({}); the notes will be saved when you quit.",
                            &[&e],
                        ),
                    );
                    None
                }
            },
            _ => None,
        };
        if let Some(warning) = source.damage_warning() {
            messages.post(Level::Warning, warning);
        }
        let notebook = Notebook::new(&source.document, notes_list, deleted);
        let mut view = ViewState {
            // The reader's last choice for this document, else what the document asks for
            // (a book set in vertical columns).
            vertical: settings
                .recent
                .get(&doc_info.id)
                .map_or(source.document.meta.vertical, |d| d.vertical),
            ..ViewState::default()
        };
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
        AppState {
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
            retiring: Vec::new(),
            revision,
            read_only,
            dirty_since: None,
            clock,
            undo_status: None,
            shown: None,
            stand_in: false,
        }
        .with_shown_script()
    }

    /// Opens `source`, whose notes were loaded on a worker ([`super::tasks::Tasks`]), in
    /// place of the current document: a draft becomes a note and the last changes are saved
    /// in the background; the store, the settings and the clock carry over.
    pub fn switch_to_prepared(&mut self, source: Source, notes: PreparedNotes) {
        let retiring = self.retire();
        let store = self.store.take();
        let settings = std::mem::take(&mut self.settings);
        let clock = std::mem::replace(&mut self.clock, Box::new(notes::now_rfc3339));
        *self = AppState::assemble(source, notes, store, settings, clock);
        self.retiring = retiring;
        self.remember_in_reading_list();
    }

    /// Shows the notes of the document `id`, whose file at `path` has gone, on a stand-in page
    /// ([`reading_list::stand_in_source`]), read-only: they can be read and exported, and
    /// nothing about them changes until the file is opened again.
    pub fn switch_to_stand_in(&mut self, id: &str, path: &str, title: &str) {
        let source = reading_list::stand_in_source(path, title);
        let notes = PreparedNotes::load_stand_in(&source, self.store.as_ref(), id);
        self.switch_to_prepared(source, notes);
        self.stand_in = true;
    }
}

/// A document's notes read from the store and re-anchored against its text, with what the
/// reader should be told about them: the slow part of opening, which a worker can do while
/// the window shows the current document.
pub struct PreparedNotes {
    doc_info: DocInfo,
    notes: Vec<notes::Note>,
    deleted: Vec<notes::Tombstone>,
    revision: u64,
    read_only: bool,
    palette: Palette,
    messages: Messages,
}

impl PreparedNotes {
    /// The notes of document `id` for a stand-in page: loaded as they are (not re-anchored
    /// against the stand-in's text), listed as unanchored, and never saved.
    fn load_stand_in(source: &Source, store: Option<&Store>, id: &str) -> Self {
        let mut doc_info = DocInfo::for_source(source);
        doc_info.id = id.to_owned();
        let mut messages = Messages::default();
        let palette = store
            .map(|s| Palette::load(&s.palette_path()))
            .unwrap_or_default();
        let mut notes_list = Vec::new();
        match store.map(|s| s.load(&doc_info, OnCorrupt::Fail)) {
            Some(Ok(loaded)) => notes_list = loaded.notes,
            Some(Err(e)) => {
                messages.post(Level::Error, format!("{e}"));
            }
            None => {}
        }
        for n in &mut notes_list {
            n.anchored = false;
        }
        messages.post(
            Level::Warning,
            crate::i18n::trn(
                "文件已不在原处，{} 条笔记以只读方式列出，可以导出；找回文件后重新打开即可继续。",
                "The file is gone: its {} note is listed read-only and can be exported; open the file again once it is back.",
                "The file is gone: its {} notes are listed read-only and can be exported; open the file again once it is back.",
                notes_list.len(),
                &[&notes_list.len()],
            ),
        );
        PreparedNotes {
            doc_info,
            notes: notes_list,
            deleted: Vec::new(),
            revision: 0,
            read_only: true,
            palette,
            messages,
        }
    }

    /// Loads the notes of `source` from `store` and re-anchors them. Never fails: a damaged
    /// file is set aside and reported, a newer one read only; problems are messages.
    pub fn load(source: &Source, store: Option<&Store>) -> Self {
        let doc_info = DocInfo::for_source(source);
        let mut messages = Messages::default();
        let mut notes_list = Vec::new();
        let mut deleted = Vec::new();
        let mut revision = 0;
        let mut read_only = store.is_none();
        let palette = store
            .map(|s| Palette::load(&s.palette_path()))
            .unwrap_or_default();
        if store.is_none() {
            messages.post(
                Level::Error,
                crate::i18n::tr(
                    "找不到存放笔记的数据目录，本次写的笔记不会保存；请设置 JINGDU_DATA_DIR 后重新打开。",
                    "No data folder to keep notes in: notes written now will not be saved. Set JINGDU_DATA_DIR and open again.",
                ),
            );
        }
        if let Some(store) = &store {
            let started = Instant::now();
            match store.load(&doc_info, OnCorrupt::SetAside) {
                Ok(loaded) => {
                    for w in &loaded.warnings {
                        messages.post(Level::Warning, w.clone());
                    }
                    notes_list = loaded.notes;
                    deleted = loaded.deleted;
                    revision = loaded.revision;
                    read_only = loaded.read_only;
                    let report = notes::reanchor_all(&source.document, &mut notes_list);
                    if let Some(text) = reanchor_message(loaded.text_changed, &report) {
                        messages.post(Level::Warning, text);
                    }
                    if let notes::store::FoundBy::TextHash(other) = &loaded.found_by {
                        messages.post(
                            Level::Info,
                            crate::i18n::trf(
                                "按内容找到了这篇文档在其他位置的笔记：{}",
                                "Found this document's notes by its text, under another path: {}",
                                &[&other.display()],
                            ),
                        );
                    }
                }
                Err(e) => {
                    read_only = true;
                    messages.post(
                        Level::Error,
                        crate::i18n::trf(
                            "{}。为避免覆盖，本次修改不会保存。",
                            "{}. So as not to overwrite it, changes made now will not be saved.",
                            &[&e],
                        ),
                    );
                }
            }
            log::info!(
                "notes load: {} notes in {:.1} ms",
                notes_list.len(),
                started.elapsed().as_secs_f64() * 1e3
            );
        }
        PreparedNotes {
            doc_info,
            notes: notes_list,
            deleted,
            revision,
            read_only,
            palette,
            messages,
        }
    }
}

/// What to tell the reader after the notes were located in the text: that the text changed
/// and how many notes moved or were lost — or, when the text is the same as when the notes
/// were written, only that some notes have no place (imported for another text, or lost
/// before), without claiming a change.
fn reanchor_message(text_changed: bool, report: &notes::ReanchorReport) -> Option<String> {
    let located_again = report.moved + report.fuzzy;
    let lost = || {
        crate::i18n::trf(
            "{} 条未能定位（列在笔记栏末尾“未定位”下，可重新关联）",
            "{} could not be located (listed under “Not located” at the end of the notes panel; you can attach them again)",
            &[&report.lost],
        )
    };
    if text_changed || located_again > 0 {
        let mut text = crate::i18n::trn(
            "文档内容与上次写笔记时不同：{} 条笔记已重新定位",
            "The text has changed since the notes were written: {} note was located again",
            "The text has changed since the notes were written: {} notes were located again",
            located_again,
            &[&located_again],
        );
        if report.lost > 0 {
            text.push_str(crate::i18n::tr("，", ", "));
            text.push_str(&lost());
        }
        text.push_str(crate::i18n::tr("。", "."));
        return Some(text);
    }
    (report.lost > 0).then(|| {
        crate::i18n::trn(
            "有 {} 条笔记在本文中没有位置：{}",
            "{} note has no place in this text: {}",
            "{} notes have no place in this text: {}",
            report.lost,
            &[&report.lost, &lost()],
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unchanged_text_is_not_said_to_have_changed() {
        let lost_only = notes::ReanchorReport {
            lost: 2,
            ..Default::default()
        };
        let said = reanchor_message(false, &lost_only).unwrap();
        assert!(!said.contains("不同"), "{said}");
        assert!(said.contains("2 条"), "{said}");
        let changed = reanchor_message(true, &lost_only).unwrap();
        assert!(changed.contains("文档内容与上次写笔记时不同"), "{changed}");
        assert_eq!(
            reanchor_message(false, &notes::ReanchorReport::default()),
            None
        );
    }
}

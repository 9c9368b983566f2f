//! Importing notes from a JSON export: notes of another document wait for confirmation, the
//! rest are merged by id as one undoable batch.

use super::*;

impl AppState {
    pub(super) fn import_from(&mut self, path: &std::path::Path) {
        let imported = match export::read_import(path) {
            Ok(i) => i,
            Err(e) => {
                self.messages.post_about(
                    "import",
                    Level::Error,
                    crate::i18n::trf(
                        "{}。笔记没有任何改动。",
                        "{}. The notes are unchanged.",
                        &[&e],
                    ),
                );
                return;
            }
        };
        if self.import_needs_confirmation(&imported) {
            self.view.pending_import = Some(PendingImport {
                path: path.to_path_buf(),
                imported,
            });
            return;
        }
        self.finish_import(path, imported);
    }

    /// Whether `imported` was written for another document (different text and title).
    pub fn import_needs_confirmation(&self, imported: &Imported) -> bool {
        written_for_another_document(imported, &self.doc_info, &self.source.document)
    }

    pub(super) fn finish_import(&mut self, path: &std::path::Path, imported: Imported) {
        let report = self.merge_imported(imported.notes, false);
        let mut text = crate::i18n::trf(
            "已从 {} 导入：新增 {} 条，更新 {} 条，{} 条已存在",
            "Imported from {}: {} added, {} updated, {} already there",
            &[
                &path.display(),
                &report.added,
                &report.updated,
                &report.unchanged,
            ],
        );
        if report.skipped_deleted > 0 {
            text.push_str(&crate::i18n::trf(
                "；跳过 {} 条已删除的笔记",
                "; {} deleted notes skipped",
                &[&report.skipped_deleted],
            ));
        }
        if report.unanchored > 0 {
            text.push_str(&crate::i18n::trf(
                "；{} 条在本文中找不到原文，列在“未定位”下",
                "; {} whose passages are not in this text are listed under “Not located”",
                &[&report.unanchored],
            ));
        }
        self.messages.post(Level::Info, text);
    }

    /// Merges imported notes: new ids are added, a newer version replaces an older one,
    /// nothing is duplicated, a note deleted since stays deleted unless `revive`; anchors are
    /// found again in this document. One undoable step.
    pub fn merge_imported(&mut self, notes_in: Vec<Note>, revive: bool) -> ImportReport {
        let (step, report) = self
            .notebook
            .plan_import(&self.source.document, notes_in, revive);
        if !step.is_empty() {
            self.change_many(step);
        }
        report
    }
}

/// Whether `imported` was written for another document than `doc` (identified by `info`):
/// neither its text nor its title is the same. Such an import is confirmed first, in the
/// window and on the command line alike.
pub fn written_for_another_document(
    imported: &Imported,
    info: &notes::DocInfo,
    doc: &crate::document::Document,
) -> bool {
    let same_text = imported.text_hash.as_deref() == Some(info.text_hash.as_str());
    let same_title = imported.title.is_some() && imported.title == doc.meta.title;
    !same_text && !same_title
}

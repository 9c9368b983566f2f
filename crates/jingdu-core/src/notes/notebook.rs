//! The notes of one document as one value: the notes in document order, the tombstones of
//! deleted ones, and the per-block index the reader draws from. Every change goes through
//! [`Notebook::apply`] in batches — the window, its undo and the command line alike — so that
//! versions, tombstones and the index stay consistent, and a batch of any size costs one pass,
//! one sort and one index rebuild.

use std::collections::{BTreeSet, HashMap};

use crate::document::Document;

use super::{Found, Note, NoteIndex, TextIndex, Tombstone, reanchor, reanchor_all, store};

/// Batches of at most this many changes find their notes by scanning instead of a map.
const SCAN_AT_MOST: usize = 8;

/// One reversible change to one note.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    /// The note before the change (`None`: it did not exist).
    pub before: Option<Note>,
    /// The note after the change (`None`: it was deleted).
    pub after: Option<Note>,
}

impl Change {
    /// The change that reverses this one.
    pub fn inverted(&self) -> Change {
        Change {
            before: self.after.clone(),
            after: self.before.clone(),
        }
    }

    fn id(&self) -> Option<&str> {
        self.after
            .as_ref()
            .or(self.before.as_ref())
            .map(|n| n.id.as_str())
    }
}

/// What an import would do, or did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ImportReport {
    /// Notes that were new.
    pub added: usize,
    /// Notes that replaced an older version.
    pub updated: usize,
    /// Notes already present in the same or a newer version (or repeated in the file).
    pub unchanged: usize,
    /// Imported notes whose passage was not found (kept as unanchored).
    pub unanchored: usize,
    /// Notes left out because they were deleted here after the version in the file (a
    /// tombstone has seen it); brought back only when asked.
    pub skipped_deleted: usize,
}

/// A document's notes, tombstones and note index.
#[derive(Clone, Debug, Default)]
pub struct Notebook {
    notes: Vec<Note>,
    deleted: Vec<Tombstone>,
    index: NoteIndex,
    version: u64,
}

impl Notebook {
    /// The notebook of `doc` with `notes` (already anchored in `doc`) and `deleted`.
    pub fn new(doc: &Document, mut notes: Vec<Note>, deleted: Vec<Tombstone>) -> Self {
        super::sort_document_order(&mut notes);
        let index = NoteIndex::build(doc, &notes);
        Notebook {
            notes,
            deleted,
            index,
            version: 1,
        }
    }

    /// The notes in document order (unanchored last).
    pub fn notes(&self) -> &[Note] {
        &self.notes
    }

    /// The tombstones of deleted notes.
    pub fn deleted(&self) -> &[Tombstone] {
        &self.deleted
    }

    /// Per-block note facts.
    pub fn index(&self) -> &NoteIndex {
        &self.index
    }

    /// Increases whenever the notes change (for views that cache what they derive).
    pub fn version(&self) -> u64 {
        self.version
    }

    /// The note with `id`.
    pub fn note(&self, id: &str) -> Option<&Note> {
        self.notes.iter().find(|n| n.id == id)
    }

    /// Mutable access to a note without recording a change (tests and re-attachment of
    /// lost notes; the index is rebuilt by the next change).
    pub fn note_mut(&mut self, id: &str) -> Option<&mut Note> {
        self.notes.iter_mut().find(|n| n.id == id)
    }

    /// Applies a batch of changes made at `now` with one pass over the notes, one sort and
    /// one index rebuild, whatever its size. Every note put back gets a version above any it
    /// or its tombstone had, so that merges with other writers see the change — an undone
    /// deletion included — without touching its `modified` time: undo restores a note as it
    /// was. A deletion leaves a tombstone that remembers the version it removed.
    pub fn apply(&mut self, doc: &Document, changes: Vec<Change>, now: &str) {
        if changes.is_empty() {
            return;
        }
        let mut slots: Vec<Option<Note>> = std::mem::take(&mut self.notes)
            .into_iter()
            .map(Some)
            .collect();
        // A few changes (a note written, one deleted) look their note up by a scan; a large
        // batch (an import) builds a map once. Either way the cost is linear in the notes.
        let mut slot_of: HashMap<String, usize> = if changes.len() > SCAN_AT_MOST {
            slots
                .iter()
                .enumerate()
                .filter_map(|(i, n)| n.as_ref().map(|n| (n.id.clone(), i)))
                .collect()
        } else {
            HashMap::new()
        };
        let scan = changes.len() <= SCAN_AT_MOST;
        let mut tombs: HashMap<String, Tombstone> = std::mem::take(&mut self.deleted)
            .into_iter()
            .map(|t| (t.id.clone(), t))
            .collect();
        for change in changes {
            let Some(id) = change.id().map(str::to_owned) else {
                continue;
            };
            let slot = if scan {
                slots
                    .iter()
                    .position(|n| n.as_ref().is_some_and(|n| n.id == id))
            } else {
                slot_of.get(&id).copied()
            };
            let live_rev = slot.and_then(|i| slots[i].as_ref()).map(|n| n.rev);
            match change.after {
                Some(mut note) => {
                    let tomb_rev = tombs.remove(&id).and_then(|t| t.rev);
                    let seen = [live_rev, tomb_rev, Some(note.rev)]
                        .into_iter()
                        .flatten()
                        .max()
                        .unwrap_or(0);
                    note.rev = seen + 1;
                    match slot {
                        Some(i) => slots[i] = Some(note),
                        None => {
                            slot_of.insert(id, slots.len());
                            slots.push(Some(note));
                        }
                    }
                }
                None => {
                    if let Some(i) = slot {
                        slots[i] = None;
                    }
                    let rev = live_rev.or(change.before.as_ref().map(|n| n.rev));
                    tombs.insert(
                        id.clone(),
                        Tombstone {
                            id,
                            deleted: now.to_owned(),
                            rev,
                        },
                    );
                }
            }
        }
        self.notes = slots.into_iter().flatten().collect();
        let mut deleted: Vec<Tombstone> = tombs.into_values().collect();
        deleted.sort_by(|a, b| a.id.cmp(&b.id));
        self.deleted = deleted;
        self.changed(doc);
    }

    /// The changes that import `notes_in` into this notebook: new ids are added, a newer
    /// version replaces an older one, a note repeated in the file counts once; anchors are
    /// found again in `doc`. A note deleted here after the version in the file stays deleted
    /// — the same rule as a merge with another writer — unless `revive` asks to bring such
    /// notes back. Linear in the notes (hash lookups).
    pub fn plan_import(
        &self,
        doc: &Document,
        notes_in: Vec<Note>,
        revive: bool,
    ) -> (Vec<Change>, ImportReport) {
        let index = TextIndex::new(doc.body_text());
        let mut report = ImportReport::default();
        let existing: HashMap<&str, &Note> =
            self.notes.iter().map(|n| (n.id.as_str(), n)).collect();
        let tombstones: HashMap<&str, &Tombstone> =
            self.deleted.iter().map(|t| (t.id.as_str(), t)).collect();
        let mut chosen: HashMap<String, usize> = HashMap::new();
        let mut step: Vec<Change> = Vec::new();
        for mut n in notes_in {
            let newest_so_far = chosen
                .get(&n.id)
                .and_then(|&i| step[i].after.as_ref())
                .or_else(|| existing.get(n.id.as_str()).copied());
            if let Some(old) = newest_so_far
                && !store::later(&n.modified, &old.modified)
            {
                report.unchanged += 1;
                continue;
            }
            if !revive
                && newest_so_far.is_none()
                && tombstones
                    .get(n.id.as_str())
                    .is_some_and(|t| store::removes(t, &n))
            {
                report.skipped_deleted += 1;
                continue;
            }
            if reanchor(doc, &index, &mut n) == Found::Lost {
                report.unanchored += 1;
            }
            match chosen.get(&n.id).copied() {
                Some(i) => {
                    // A newer copy later in the same file replaces the one taken before.
                    if step[i].after.as_ref().is_some_and(|a| !a.anchored) {
                        report.unanchored -= 1;
                    }
                    step[i].after = Some(n);
                    report.unchanged += 1;
                }
                None => {
                    let before = existing.get(n.id.as_str()).map(|n| (*n).clone());
                    match before {
                        Some(_) => report.updated += 1,
                        None => report.added += 1,
                    }
                    chosen.insert(n.id.clone(), step.len());
                    step.push(Change {
                        before,
                        after: Some(n),
                    });
                }
            }
        }
        (step, report)
    }

    /// Takes in what another writer saved (the merge the store made), keeping local edits;
    /// returns how many notes arrived that this notebook did not have.
    pub fn absorb(&mut self, doc: &Document, merged: Vec<Note>, deleted: Vec<Tombstone>) -> usize {
        let (mut notes, deleted) = store::merge(&self.notes, &self.deleted, &merged, &deleted);
        let known: BTreeSet<&str> = self.notes.iter().map(|n| n.id.as_str()).collect();
        let added = notes
            .iter()
            .filter(|n| !known.contains(n.id.as_str()))
            .count();
        reanchor_all(doc, &mut notes);
        self.notes = notes;
        self.deleted = deleted;
        self.changed(doc);
        added
    }

    fn changed(&mut self, doc: &Document) {
        super::sort_document_order(&mut self.notes);
        self.index = NoteIndex::build(doc, &self.notes);
        self.version += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::notes::{NoteKind, target_anchor};

    fn doc() -> Document {
        crate::document::parse("标题\n\n第一段，写了一些内容。\n\n第二段，也写了一些内容。\n")
    }

    fn note(doc: &Document, id: &str, text: &str) -> Note {
        let index = TextIndex::new(doc.body_text());
        let p = doc.paragraph_indices().next().unwrap();
        let anchor = target_anchor(
            doc,
            &index,
            NoteKind::Paragraph,
            doc.blocks[p].range.clone(),
        );
        let mut n = Note::new(
            NoteKind::Paragraph,
            anchor,
            text.into(),
            "yellow".into(),
            vec![],
            "t0",
        );
        n.id = id.into();
        n
    }

    #[test]
    fn a_deletion_leaves_a_tombstone_and_undo_outranks_it() {
        let d = doc();
        let mut book = Notebook::new(&d, vec![], vec![]);
        let a = note(&d, "a", "甲");
        book.apply(
            &d,
            vec![Change {
                before: None,
                after: Some(a.clone()),
            }],
            "t1",
        );
        let added = book.note("a").unwrap().clone();
        assert_eq!(added.rev, 1);
        let delete = Change {
            before: Some(added.clone()),
            after: None,
        };
        book.apply(&d, vec![delete.clone()], "t2");
        assert!(book.notes().is_empty());
        assert_eq!(book.deleted()[0].rev, Some(1));
        book.apply(&d, vec![delete.inverted()], "t3");
        let restored = book.note("a").unwrap();
        assert_eq!(restored.modified, added.modified, "restored as it was");
        assert!(restored.rev > 1);
        assert!(book.deleted().is_empty());
        assert_eq!(book.index().count_in(0..d.blocks.len()), 1);
    }

    #[test]
    fn a_batch_of_many_changes_is_applied_at_once() {
        let d = doc();
        let mut book = Notebook::new(&d, vec![], vec![]);
        let changes: Vec<Change> = (0..1000)
            .map(|i| Change {
                before: None,
                after: Some(note(&d, &format!("n{i:04}"), "批量")),
            })
            .collect();
        let v = book.version();
        book.apply(&d, changes, "t1");
        assert_eq!(book.notes().len(), 1000);
        assert_eq!(book.version(), v + 1, "one rebuild for the batch");
    }

    #[test]
    fn an_import_does_not_bring_a_deleted_note_back_unless_asked() {
        let d = doc();
        let mut book = Notebook::new(&d, vec![], vec![]);
        book.apply(
            &d,
            vec![Change {
                before: None,
                after: Some(note(&d, "a", "甲")),
            }],
            "2024-01-01T00:00:00Z",
        );
        // What an export carries: the note at its version.
        let exported = book.note("a").unwrap().clone();
        let mut future_dated = exported.clone();
        future_dated.modified = "2099-01-01T00:00:00Z".into();
        // A file from another tool knows no versions at all.
        let mut unversioned = exported.clone();
        unversioned.rev = 0;
        book.apply(
            &d,
            vec![Change {
                before: Some(exported.clone()),
                after: None,
            }],
            "2024-01-02T00:00:00Z",
        );
        for n in [exported.clone(), future_dated, unversioned] {
            let (step, report) = book.plan_import(&d, vec![n], false);
            assert!(step.is_empty());
            assert_eq!((report.added, report.skipped_deleted), (0, 1));
        }
        // A version the deletion never saw (edited elsewhere afterwards) comes in.
        let mut edited = exported.clone();
        edited.rev += 1;
        edited.text = "别处改过".into();
        let (_, report) = book.plan_import(&d, vec![edited], false);
        assert_eq!((report.added, report.skipped_deleted), (1, 0));
        // Asked for, the deleted note comes back, above its tombstone.
        let (step, report) = book.plan_import(&d, vec![exported], true);
        assert_eq!((report.added, report.skipped_deleted), (1, 0));
        book.apply(&d, step, "2024-01-03T00:00:00Z");
        assert!(book.note("a").is_some());
        assert!(book.deleted().is_empty());
    }
}

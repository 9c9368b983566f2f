//! Per-block facts about the notes that the reader and the outline draw each frame: passage
//! highlights, note markers, and note counts per outline node. Rebuilt when notes change, so
//! that drawing a frame never scans all notes.

use std::collections::BTreeMap;
use std::ops::Range;

use crate::document::Document;
use crate::notes::{Note, NoteKind};

/// A highlighted passage inside one block (char range relative to the block start).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Highlight {
    /// Range within the block's text.
    pub range: Range<usize>,
    /// Colour key.
    pub color: String,
    /// The note's id.
    pub note: String,
}

/// Note facts per block.
#[derive(Clone, Debug, Default)]
pub struct NoteIndex {
    highlights: BTreeMap<usize, Vec<Highlight>>,
    markers: BTreeMap<usize, Vec<(String, String)>>,
    /// Blocks with a bookmark, and the bookmark's id.
    bookmarks: BTreeMap<usize, String>,
    /// `count_prefix[i]` = anchored notes starting in blocks `0..i`.
    count_prefix: Vec<u32>,
    unanchored: usize,
}

impl NoteIndex {
    /// Builds the index of `notes` over `doc`.
    pub fn build(doc: &Document, notes: &[Note]) -> Self {
        let mut per_block = vec![0u32; doc.blocks.len()];
        let mut highlights: BTreeMap<usize, Vec<Highlight>> = BTreeMap::new();
        let mut markers: BTreeMap<usize, Vec<(String, String)>> = BTreeMap::new();
        let mut bookmarks = BTreeMap::new();
        let mut unanchored = 0;
        for note in notes {
            if !note.anchored {
                unanchored += 1;
                continue;
            }
            let a = &note.anchor;
            let Some(first) = block_for(doc, note) else {
                continue;
            };
            if note.kind == NoteKind::Bookmark {
                // A bookmark is a place, not a note: drawn as a ribbon, not counted.
                bookmarks.insert(first, note.id.clone());
                continue;
            }
            per_block[first] += 1;
            match note.kind {
                NoteKind::Bookmark => {}
                NoteKind::Section | NoteKind::Paragraph => {
                    markers
                        .entry(first)
                        .or_default()
                        .push((note.color.clone(), note.id.clone()));
                }
                NoteKind::Passage => {
                    // A passage may run over several paragraphs.
                    let mut b = first;
                    while b < doc.blocks.len() {
                        let block = &doc.blocks[b];
                        if block.range.start >= a.end {
                            break;
                        }
                        if !block.is_run_in() {
                            let s = a.start.max(block.range.start) - block.range.start;
                            let e = a.end.min(block.range.end).saturating_sub(block.range.start);
                            if e > s {
                                highlights.entry(b).or_default().push(Highlight {
                                    range: s..e,
                                    color: note.color.clone(),
                                    note: note.id.clone(),
                                });
                            }
                        }
                        b += 1;
                    }
                }
            }
        }
        let mut count_prefix = Vec::with_capacity(per_block.len() + 1);
        count_prefix.push(0);
        let mut acc = 0;
        for c in per_block {
            acc += c;
            count_prefix.push(acc);
        }
        NoteIndex {
            highlights,
            markers,
            bookmarks,
            count_prefix,
            unanchored,
        }
    }

    /// Passage highlights in block `b`.
    pub fn highlights(&self, b: usize) -> &[Highlight] {
        self.highlights.get(&b).map_or(&[], Vec::as_slice)
    }

    /// `(colour, note id)` of section/paragraph notes on block `b`.
    pub fn markers(&self, b: usize) -> &[(String, String)] {
        self.markers.get(&b).map_or(&[], Vec::as_slice)
    }

    /// The id of the bookmark on block `b`, if it has one.
    pub fn bookmark(&self, b: usize) -> Option<&str> {
        self.bookmarks.get(&b).map(String::as_str)
    }

    /// How many blocks carry a bookmark.
    pub fn bookmark_count(&self) -> usize {
        self.bookmarks.len()
    }

    /// Anchored notes (bookmarks aside) starting in blocks `range`.
    pub fn count_in(&self, range: Range<usize>) -> u32 {
        let n = self.count_prefix.len() - 1;
        let (s, e) = (range.start.min(n), range.end.min(n));
        if e <= s {
            return 0;
        }
        self.count_prefix[e] - self.count_prefix[s]
    }

    /// Anchored notes in the whole document.
    pub fn total_anchored(&self) -> u32 {
        *self.count_prefix.last().unwrap_or(&0)
    }

    /// Notes whose target was not found.
    pub fn unanchored(&self) -> usize {
        self.unanchored
    }
}

/// The block a note belongs to: its heading for a section note, else the block at its start.
pub fn block_for(doc: &Document, note: &Note) -> Option<usize> {
    let start = note.anchor.start;
    if note.kind == NoteKind::Section
        || (note.kind == NoteKind::Bookmark
            && doc
                .blocks
                .get(note.anchor.block)
                .is_some_and(|b| b.is_heading() && b.range.start == start))
    {
        // A run-in heading starts where its paragraph starts; prefer the heading.
        let b = doc.block_at_offset(start)?;
        if b > 0 && doc.blocks[b - 1].is_run_in() && doc.blocks[b - 1].range.start == start {
            return Some(b - 1);
        }
        return Some(b);
    }
    doc.block_at_offset(start)
}

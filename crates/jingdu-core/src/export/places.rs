//! Where a note sits in the text, as a reader cites it: `§2.1 ¶3` — the section's number in
//! the outline and the paragraph's number inside that section (`¶5` before the first heading).

use crate::document::Document;
use crate::notes::{Note, NoteKind};

/// The section number and paragraph number of every block, computed once per export in one
/// pass over the sections (linear in the document).
#[derive(Clone, Debug, Default)]
pub struct Places {
    /// Per section (index in [`Document::sections`]): its outline number, `2.1`.
    section_numbers: Vec<String>,
    /// Per block: the section it belongs to (`None` before the first heading) and, for a
    /// paragraph, its 1-based number inside that section.
    blocks: Vec<(Option<usize>, Option<usize>)>,
}

impl Places {
    /// The places of `doc`'s blocks.
    pub fn of(doc: &Document) -> Self {
        let mut section_numbers = vec![String::new(); doc.sections.len()];
        for (i, s) in doc.sections.iter().enumerate() {
            // A section's parent comes before it, so its number is already known.
            let position = match s.parent {
                Some(p) => doc.sections[p].children.iter().position(|&c| c == i),
                None => doc.root_sections.iter().position(|&c| c == i),
            }
            .unwrap_or(0)
                + 1;
            section_numbers[i] = match s.parent {
                Some(p) => format!("{}.{position}", section_numbers[p]),
                None => position.to_string(),
            };
        }
        let mut blocks = vec![(None, None); doc.blocks.len()];
        for (i, s) in doc.sections.iter().enumerate() {
            blocks[s.heading].0 = Some(i);
            for (k, &p) in s.paragraphs.iter().enumerate() {
                blocks[p] = (Some(i), Some(k + 1));
            }
        }
        for (k, &p) in doc.preamble.iter().enumerate() {
            blocks[p] = (None, Some(k + 1));
        }
        Places {
            section_numbers,
            blocks,
        }
    }

    /// The reference of block `block`: `§2.1 ¶3` for a paragraph, `§2.1` for a heading,
    /// `¶3` for a paragraph before the first heading; empty when out of range.
    pub fn of_block(&self, block: usize) -> String {
        let Some(&(section, paragraph)) = self.blocks.get(block) else {
            return String::new();
        };
        let section = section.map(|s| format!("§{}", self.section_numbers[s]));
        let paragraph = paragraph.map(|p| format!("¶{p}"));
        match (section, paragraph) {
            (Some(s), Some(p)) => format!("{s} {p}"),
            (Some(s), None) => s,
            (None, Some(p)) => p,
            (None, None) => String::new(),
        }
    }

    /// The reference of a note: its section for a section note, its paragraph otherwise;
    /// empty for a note that lost its place.
    pub fn of_note(&self, doc: &Document, n: &Note) -> String {
        if !n.anchored {
            return String::new();
        }
        match crate::notes::block_for(doc, n) {
            Some(b) if n.kind == NoteKind::Section => {
                let (section, _) = self.blocks.get(b).copied().unwrap_or_default();
                section
                    .map(|s| format!("§{}", self.section_numbers[s]))
                    .unwrap_or_default()
            }
            Some(b) => self.of_block(b),
            None => String::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_and_paragraphs_are_numbered_as_cited() {
        let text = "标题\n\n开头一段。\n\n开头二段。\n\n一、总论\n\n总论第一段。\n\n（一）分论\n\n分论第一段。\n\n分论第二段。\n\n二、结语\n\n结语一段。\n";
        let doc = crate::document::parse(text);
        let places = Places::of(&doc);
        let refs: Vec<String> = (0..doc.blocks.len()).map(|b| places.of_block(b)).collect();
        let want = [
            "¶1",
            "¶2",
            "§1",
            "§1 ¶1",
            "§1.1",
            "§1.1 ¶1",
            "§1.1 ¶2",
            "§2",
            "§2 ¶1",
        ];
        assert_eq!(refs, want, "{:?}", doc.blocks);
        assert_eq!(places.of_block(999), "");
    }
}

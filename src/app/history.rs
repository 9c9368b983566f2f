//! Undo and redo of note changes. Each step is a batch of changes (one for an edit, many for
//! an import); each change records the note before and after, so undo and redo are the same
//! operation in opposite directions.

use crate::notes::Note;

/// One reversible change to one note.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    /// The note before the change (`None`: it did not exist).
    pub before: Option<Note>,
    /// The note after the change (`None`: it was deleted).
    pub after: Option<Note>,
}

impl Change {
    fn inverted(&self) -> Change {
        Change {
            before: self.after.clone(),
            after: self.before.clone(),
        }
    }
}

/// Undo and redo stacks (bounded).
#[derive(Clone, Debug, Default)]
pub struct History {
    undo: Vec<Vec<Change>>,
    redo: Vec<Vec<Change>>,
}

/// How many steps can be undone.
const MAX_UNDO: usize = 500;

impl History {
    /// Records a step just made; clears the redo stack.
    pub fn record(&mut self, step: Vec<Change>) {
        if step.is_empty() {
            return;
        }
        self.undo.push(step);
        if self.undo.len() > MAX_UNDO {
            self.undo.remove(0);
        }
        self.redo.clear();
    }

    /// The changes that undo the last step (in the order to apply them).
    pub fn undo(&mut self) -> Option<Vec<Change>> {
        let step = self.undo.pop()?;
        let inverse = step.iter().rev().map(Change::inverted).collect();
        self.redo.push(step);
        Some(inverse)
    }

    /// The changes that redo the last undone step.
    pub fn redo(&mut self) -> Option<Vec<Change>> {
        let step = self.redo.pop()?;
        self.undo.push(step.clone());
        Some(step)
    }

    /// Whether there is something to undo.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Whether there is something to redo.
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }
}

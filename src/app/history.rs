//! Undo and redo of note changes: each change records the note before and after, so undo
//! and redo are the same operation in opposite directions.

use crate::notes::Note;

/// One reversible change to the notes.
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
    undo: Vec<Change>,
    redo: Vec<Change>,
}

/// How many changes can be undone.
const MAX_UNDO: usize = 500;

impl History {
    /// Records a change just made; clears the redo stack.
    pub fn record(&mut self, change: Change) {
        self.undo.push(change);
        if self.undo.len() > MAX_UNDO {
            self.undo.remove(0);
        }
        self.redo.clear();
    }

    /// The change to apply to undo the last one, moving it to the redo stack.
    pub fn undo(&mut self) -> Option<Change> {
        let c = self.undo.pop()?;
        let inverse = c.inverted();
        self.redo.push(c);
        Some(inverse)
    }

    /// The change to apply to redo, moving it back to the undo stack.
    pub fn redo(&mut self) -> Option<Change> {
        let c = self.redo.pop()?;
        self.undo.push(c.clone());
        Some(c)
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

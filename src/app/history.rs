//! Undo and redo. Each step is either a batch of note changes (one for an edit, many for an
//! import) — each [`Change`] records the note before and after, so undo and redo are the same
//! operation in opposite directions — or a draft the reader threw away, which undo brings
//! back into the editor.

use crate::notes::Change;

use super::Draft;

/// One undoable step.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    /// Note changes made together.
    Notes(Vec<Change>),
    /// A draft discarded from the editor.
    DraftDiscarded(Draft),
}

impl Step {
    /// The step that reverses this one, for notes; a discarded draft is its own record.
    fn undone(&self) -> Step {
        match self {
            Step::Notes(changes) => {
                Step::Notes(changes.iter().rev().map(Change::inverted).collect())
            }
            Step::DraftDiscarded(d) => Step::DraftDiscarded(d.clone()),
        }
    }
}

/// Undo and redo stacks (bounded).
#[derive(Clone, Debug, Default)]
pub struct History {
    undo: Vec<Step>,
    redo: Vec<Step>,
}

/// How many steps can be undone.
const MAX_UNDO: usize = 500;

impl History {
    /// Records a step just made; clears the redo stack.
    pub fn record(&mut self, step: Step) {
        if matches!(&step, Step::Notes(c) if c.is_empty()) {
            return;
        }
        self.undo.push(step);
        if self.undo.len() > MAX_UNDO {
            self.undo.remove(0);
        }
        self.redo.clear();
    }

    /// The step to undo: note changes come back inverted (in the order to apply them); a
    /// discarded draft comes back as it was, to be restored.
    pub fn undo(&mut self) -> Option<Step> {
        let step = self.undo.pop()?;
        let inverse = step.undone();
        self.redo.push(step);
        Some(inverse)
    }

    /// The step to redo, as it was first made.
    pub fn redo(&mut self) -> Option<Step> {
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

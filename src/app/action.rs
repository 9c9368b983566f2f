//! Everything the reader can do, as values. Panels push actions; [`super::AppState::apply`]
//! carries them out in one place, so undo, autosave and tests all see the same path.

use std::ops::Range;
use std::path::PathBuf;

use crate::notes::NoteKind;

use super::settings::ThemeChoice;

/// What a new note attaches to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NoteTarget {
    /// Section, paragraph or passage.
    pub kind: NoteKind,
    /// Char range in the body text (a whole block for sections and paragraphs).
    pub range: Range<usize>,
}

/// A user action.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Scroll the reader so that block `0` is at the top (`None`: the title block).
    JumpTo(Option<usize>),
    /// The reader scrolled: block at the top and fraction scrolled past (reported each frame
    /// the position changes).
    Scrolled {
        /// Block at the top (`None`: title block).
        block: Option<usize>,
        /// Fraction of it scrolled past.
        fraction: f32,
        /// Block a quarter down the window: what the reader is looking at.
        focus: Option<usize>,
    },
    /// Set the article font size in points.
    SetFontSize(f32),
    /// One step larger (Ctrl+=).
    ZoomIn,
    /// One step smaller (Ctrl+-).
    ZoomOut,
    /// Back to the default size (Ctrl+0).
    ZoomReset,
    /// Switch the theme.
    SetTheme(ThemeChoice),
    /// Show or hide the outline (F9).
    ToggleOutline,
    /// Show or hide the notes panel (F10).
    ToggleNotes,
    /// Remember the outline panel width.
    SetOutlineWidth(f32),
    /// Remember the notes panel width.
    SetNotesWidth(f32),
    /// Compress adjacent punctuation (标点挤压) or not.
    SetCompressPunctuation(bool),
    /// A quarter em between Han and Latin (中西文间距) or not.
    SetHanLatinGap(bool),
    /// Half-width marks at line edges (行首行尾挤压) or not.
    SetLineEdgeCompression(bool),
    /// Set the text in vertical columns, right to left (竖排), or in horizontal lines; kept
    /// per document.
    SetVertical(bool),
    /// Switch between vertical and horizontal text (F8).
    ToggleVertical,
    /// Show the text in its own, Simplified or Traditional characters (简/繁).
    SetScript(crate::document::script::Script),
    /// The name exports give as the notes' author (the export dialog's 署名).
    SetNoteAuthor(String),
    /// The text selection in the reader changed (char range in the body text).
    Select(Option<Range<usize>>),
    /// The block under the mouse pointer changed (for Ctrl+Shift+N).
    Hover(Option<usize>),
    /// Open the note editor for a new note on `target`.
    StartNote(NoteTarget),
    /// Ctrl+Shift+N: note the selection, else the hovered paragraph, else the one at the top.
    NoteSelectionOrParagraph,
    /// Open the editor on an existing note.
    EditNote(String),
    /// Change the text of the open editor.
    SetDraftText(String),
    /// Change the colour of the open editor.
    SetDraftColor(String),
    /// Change the tags field of the open editor.
    SetDraftTags(String),
    /// Save the open editor (adds or updates the note).
    CommitDraft,
    /// Esc in the editor: close an untouched draft; ask before discarding one with text.
    EscapeDraft,
    /// Close the editor and throw its draft away (Ctrl+Z brings it back).
    DiscardDraft,
    /// Keep writing: dismiss the question Esc asked.
    KeepWriting,
    /// Reopen the draft set aside at this index of `ViewState::parked_drafts`.
    ResumeDraft(usize),
    /// Delete a note (undoable).
    DeleteNote(String),
    /// Attach an unanchored (or any) note to a new target.
    ReattachNote {
        /// The note.
        id: String,
        /// Its new target.
        target: NoteTarget,
    },
    /// Re-attach note `0` to the next selection made in the reader.
    BeginReattach(String),
    /// Undo the last note change (Ctrl+Z).
    Undo,
    /// Redo (Ctrl+Shift+Z / Ctrl+Y).
    Redo,
    /// Scroll to a note's target and flash it.
    RevealNote(String),
    /// Open the find bar (Ctrl+F), or give it the keyboard.
    OpenSearch,
    /// Bookmark the block at the top of the window, or remove its bookmark (Ctrl+D).
    ToggleBookmark,
    /// Bookmark this block, or remove its bookmark (the reader's context menu).
    ToggleBookmarkAt(usize),
    /// Find this text.
    SetSearchQuery(String),
    /// Go to the next hit (Enter, F3).
    SearchNext,
    /// Go to the previous hit (Shift+Enter, Shift+F3).
    SearchPrevious,
    /// Close the find bar (Esc).
    CloseSearch,
    /// Let Traditional and Simplified characters match each other in the find bar (简繁等同).
    SetSearchAnyScript(bool),
    /// Reveal a note a `jingdu://` link named, saying so (or that it is gone).
    OpenAtNote(String),
    /// Change the notes panel filter text.
    SetFilterText(String),
    /// Filter by tag.
    SetFilterTag(Option<String>),
    /// Filter by colour key.
    SetFilterColor(Option<String>),
    /// Take a document off the reading list (by store id).
    RemoveFromReadingList(String),
    /// The interface language (`None`: the system's).
    SetUiLanguage(Option<crate::i18n::Lang>),
    /// Reopen the last document on a start without a file, or not.
    SetReopenLast(bool),
    /// Show only bookmarks in the notes panel, or everything.
    SetFilterBookmarks(bool),
    /// Rename a colour of the palette.
    RenameColor {
        /// Colour key.
        key: String,
        /// New name.
        name: String,
    },
    /// Dismiss the message with this id.
    DismissMessage(u64),
    /// Open the export dialog (Ctrl+E).
    OpenExport,
    /// Close the export dialog.
    CloseExport,
    /// Start importing notes from a JSON export (Ctrl+I opens the file dialog).
    ImportFrom(PathBuf),
    /// Confirm importing notes that were written for another document.
    ConfirmImport,
    /// Cancel a pending import.
    CancelImport,
    /// An export finished: the file and the number of notes, or the error message.
    ExportFinished(Result<(PathBuf, usize), String>),
}

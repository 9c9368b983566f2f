//! What the panels ask of the window in a frame. A [`Request`] is either a state command
//! ([`Action`], carried out by [`crate::app::AppState::apply`]) or an [`Intent`] only the window
//! can carry out — a dialog, replacing the document, closing itself — the split rerun makes
//! between `SystemCommand` and `UICommand`. The state never sees an intent, so it has no arm
//! that does nothing.

use std::path::PathBuf;

use crate::app::Action;

/// What only the window can do.
#[derive(Clone, Debug, PartialEq)]
pub enum Intent {
    /// Show the dialog to open another document (Ctrl+O).
    OpenDialog,
    /// Open this document in place of the current one (its notes are saved first).
    OpenDocument(PathBuf),
    /// Show or hide the reading list (Ctrl+Shift+O).
    ToggleReadingList,
    /// Open a document of the reading list, by store id: the built-in article, a file, or
    /// the stand-in of a file that has gone.
    OpenRecent(String),
    /// Read the open file again in this encoding (a label of
    /// [`crate::document::CHOOSABLE_ENCODINGS`]), and remember the choice for it.
    ReopenWithEncoding(String),
    /// Make a new document of the clipboard (its web-page flavour when it has one) and open
    /// it; the text of a paste event, when it came with one.
    PasteDocument(Option<String>),
    /// Open the file dialog to import notes (Ctrl+I).
    OpenImport,
    /// Copy the selection with its source (or, without one, the article's GB/T 7714 reference).
    CopyCitation,
    /// Create (if need be) and open the folder of export templates.
    OpenTemplatesFolder(std::path::PathBuf),
    /// Open the export dialog with a format chosen (Ctrl+P: PDF).
    OpenExportAs(crate::export::Format),
    /// Write the notes, as the export dialog chose, to this file (on a worker).
    StartExport(PathBuf, crate::export::Options),
    /// Stop the export being written.
    CancelExport,
    /// Show or hide the keyboard help (F1).
    ToggleKeyboardHelp,
    /// Show or hide the about box.
    ToggleAbout,
    /// Open the notes' folder in the file manager.
    OpenDataFolder(PathBuf),
    /// Close the window (Ctrl+Q); notes and settings are saved on the way out.
    Quit,
}

/// One thing asked for.
#[derive(Clone, Debug, PartialEq)]
pub enum Request {
    /// A change of the reading state.
    State(Action),
    /// Something for the window.
    Window(Intent),
}

impl From<Action> for Request {
    fn from(a: Action) -> Self {
        Request::State(a)
    }
}

impl From<Intent> for Request {
    fn from(i: Intent) -> Self {
        Request::Window(i)
    }
}

/// The requests of one frame, in the order they were made.
#[derive(Debug, Default)]
pub struct Requests(Vec<Request>);

impl Requests {
    /// An empty list.
    pub fn new() -> Self {
        Requests(Vec::new())
    }

    /// Adds a state command or a window intent.
    pub fn push(&mut self, r: impl Into<Request>) {
        self.0.push(r.into());
    }

    /// Adds several.
    pub fn extend<R: Into<Request>>(&mut self, rs: impl IntoIterator<Item = R>) {
        self.0.extend(rs.into_iter().map(Into::into));
    }

    /// Whether nothing was asked.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The state commands asked for, in order (tests and benchmarks look at these).
    pub fn actions(&self) -> impl Iterator<Item = &Action> {
        self.0.iter().filter_map(|r| match r {
            Request::State(a) => Some(a),
            Request::Window(_) => None,
        })
    }
}

impl IntoIterator for Requests {
    type Item = Request;
    type IntoIter = std::vec::IntoIter<Request>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

//! Ending by a signal as if the window were closed. A logout or shutdown sends SIGTERM (and a
//! terminal Ctrl+C or a closed terminal SIGINT or SIGHUP); by default the process would die
//! there, with the draft being written unsaved and the reading list as it was at the last
//! autosave. The handler (the `ctrlc` crate: one portable thread that waits for the signal,
//! no unsafe code here) only raises a flag and wakes the window; the next frame keeps the
//! draft as a note, saves everything and closes the window the ordinary way, so that eframe
//! writes the settings too.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// A request to end the app that arrived from outside the window.
#[derive(Clone, Debug, Default)]
pub struct Termination(Arc<AtomicBool>);

impl Termination {
    /// Handles SIGTERM, SIGINT and SIGHUP (Ctrl+C and Ctrl+Break on Windows) for `ctx`'s
    /// window. `None` when a handler cannot be installed (then a signal ends the process as
    /// before); said in the log.
    pub fn install(ctx: &egui::Context) -> Option<Self> {
        let termination = Termination::default();
        let flag = termination.0.clone();
        let ctx = ctx.clone();
        match ctrlc::set_handler(move || {
            flag.store(true, Ordering::SeqCst);
            ctx.request_repaint();
        }) {
            Ok(()) => Some(termination),
            Err(e) => {
                log::warn!("cannot handle termination signals: {e}");
                None
            }
        }
    }

    /// Asks the app to end (what the signal handler does; tests call it directly).
    pub fn request(&self) {
        self.0.store(true, Ordering::SeqCst);
    }

    /// Whether the app was asked to end, once: the request is taken.
    pub fn take(&self) -> bool {
        self.0.swap(false, Ordering::SeqCst)
    }
}

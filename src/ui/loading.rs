//! Opening a document without freezing the window. A small file is read and parsed within
//! the frame (a few milliseconds); a large one — a novel, a big saved page — on a worker
//! thread, while the current document stays open and usable and the toolbar says what is
//! being opened. A second request replaces the first; the first one's result is dropped.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use crate::document::{LoadError, Source};

/// Files below this size open within the frame: parsing them takes well under 10 ms.
const OPEN_NOW_BYTES: u64 = 256 * 1024;

/// The document being opened on a worker, if any.
#[derive(Default)]
pub struct Loader {
    pending: Option<Pending>,
}

struct Pending {
    path: PathBuf,
    rx: mpsc::Receiver<Result<Source, LoadError>>,
}

impl Loader {
    /// Starts opening `path` (in `encoding` when the reader chose one). Returns the result at
    /// once for a small file; `None` while a worker reads a large one ([`Loader::poll`]).
    pub fn open(
        &mut self,
        ctx: &egui::Context,
        path: &Path,
        encoding: Option<&'static encoding_rs::Encoding>,
    ) -> Option<Result<Source, LoadError>> {
        let small = std::fs::metadata(path)
            .map(|m| !m.is_file() || m.len() < OPEN_NOW_BYTES)
            .unwrap_or(true);
        if small {
            self.pending = None;
            return Some(Source::open_with(path, encoding));
        }
        let (tx, rx) = mpsc::channel();
        let worker_ctx = ctx.clone();
        let worker_path = path.to_path_buf();
        let spawned = std::thread::Builder::new()
            .name("jingdu-open".into())
            .spawn(move || {
                let _ = tx.send(Source::open_with(&worker_path, encoding));
                worker_ctx.request_repaint();
            });
        match spawned {
            Ok(_) => {
                self.pending = Some(Pending {
                    path: path.to_path_buf(),
                    rx,
                });
                None
            }
            // No thread to be had: open here, slow but correct.
            Err(_) => Some(Source::open_with(path, encoding)),
        }
    }

    /// The result of the worker, once it is done.
    pub fn poll(&mut self, ctx: &egui::Context) -> Option<Result<Source, LoadError>> {
        let pending = self.pending.as_ref()?;
        match pending.rx.try_recv() {
            Ok(result) => {
                self.pending = None;
                Some(result)
            }
            Err(mpsc::TryRecvError::Empty) => {
                // The worker asks for a repaint when done; this keeps the spinner turning.
                ctx.request_repaint_after(Duration::from_millis(100));
                None
            }
            Err(mpsc::TryRecvError::Disconnected) => {
                let path = pending.path.clone();
                self.pending = None;
                Some(Err(LoadError::Unreadable {
                    path,
                    reason: super::strings::READ_FAILED.into(),
                }))
            }
        }
    }

    /// The file being opened, while a worker reads it.
    pub fn busy(&self) -> Option<&Path> {
        self.pending.as_ref().map(|p| p.path.as_path())
    }
}

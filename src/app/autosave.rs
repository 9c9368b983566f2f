//! Saving notes and the colour names off the UI thread. A save (merge, write, fsync, rename)
//! can take tens of milliseconds on a slow disk; the window must keep painting meanwhile. One
//! worker thread takes save jobs in order and sends back each outcome, which the app reads
//! each frame.

use std::sync::mpsc::{Receiver, Sender, channel};
use std::thread::JoinHandle;

use std::path::PathBuf;

use crate::notes::{DocInfo, Note, Palette, Saved, Store, StoreError, Tombstone};

/// A snapshot of the notes to save.
pub struct SaveRequest {
    /// The document.
    pub doc: DocInfo,
    /// The notes.
    pub notes: Vec<Note>,
    /// Tombstones.
    pub deleted: Vec<Tombstone>,
    /// Revision last read or written.
    pub base_revision: u64,
}

/// What the worker writes.
enum Job {
    Notes(SaveRequest),
    Palette(PathBuf, Palette),
}

/// What came of a save.
pub enum SaveOutcome {
    /// The notes, merged or not.
    Notes(Result<Saved, StoreError>),
    /// The colour names, to this file, or why not.
    Palette(PathBuf, Result<(), String>),
}

/// The background saver.
pub struct Autosaver {
    requests: Option<Sender<Job>>,
    results: Receiver<SaveOutcome>,
    worker: Option<JoinHandle<()>>,
    in_flight: usize,
}

impl Autosaver {
    /// Starts the worker thread for `store`.
    pub fn spawn(store: Store) -> std::io::Result<Self> {
        let (req_tx, req_rx) = channel::<Job>();
        let (res_tx, res_rx) = channel();
        let worker = std::thread::Builder::new()
            .name("jingdu-autosave".into())
            .spawn(move || {
                for job in req_rx {
                    let done = match job {
                        Job::Notes(req) => SaveOutcome::Notes(store.save(
                            &req.doc,
                            &req.notes,
                            &req.deleted,
                            req.base_revision,
                        )),
                        Job::Palette(path, palette) => {
                            let result = palette
                                .save(&path)
                                .map_err(|e| crate::fsutil::describe_io_error(&e));
                            SaveOutcome::Palette(path, result)
                        }
                    };
                    if res_tx.send(done).is_err() {
                        break;
                    }
                }
            })?;
        Ok(Autosaver {
            requests: Some(req_tx),
            results: res_rx,
            worker: Some(worker),
            in_flight: 0,
        })
    }

    /// Queues a save of the notes; returns false if the worker is gone.
    pub fn request(&mut self, req: SaveRequest) -> bool {
        self.send(Job::Notes(req))
    }

    /// Queues a save of the colour names; returns false if the worker is gone.
    pub fn request_palette(&mut self, path: PathBuf, palette: Palette) -> bool {
        self.send(Job::Palette(path, palette))
    }

    fn send(&mut self, job: Job) -> bool {
        let sent = self
            .requests
            .as_ref()
            .is_some_and(|tx| tx.send(job).is_ok());
        if sent {
            self.in_flight += 1;
        }
        sent
    }

    /// Whether a save is queued or running.
    pub fn busy(&self) -> bool {
        self.in_flight > 0
    }

    /// Outcomes of finished saves, without waiting.
    pub fn poll(&mut self) -> Vec<SaveOutcome> {
        let out: Vec<_> = self.results.try_iter().collect();
        self.in_flight = self.in_flight.saturating_sub(out.len());
        out
    }

    /// Waits for every queued save and returns their outcomes (on exit).
    pub fn finish(&mut self) -> Vec<SaveOutcome> {
        let mut out = Vec::new();
        while self.in_flight > 0 {
            match self.results.recv() {
                Ok(r) => {
                    self.in_flight -= 1;
                    out.push(r);
                }
                Err(_) => break,
            }
        }
        out
    }
}

impl Drop for Autosaver {
    fn drop(&mut self) {
        // Closing the channel ends the worker after the queued saves.
        self.requests.take();
        if let Some(w) = self.worker.take() {
            let _ = w.join();
        }
    }
}

//! The slow work of the window, off its thread, in one owner. Opening a document — reading
//! and decoding the file, detecting its structure, loading its notes and re-anchoring them —
//! runs on a worker for a large file, while the current document stays open and usable; the
//! window shows the stage and can cancel. A small file (the common case) is done within the
//! frame, because a worker's round trip would only add a frame of flicker.
//!
//! The owner knows nothing of egui: the window passes a `wake` callback that asks for a
//! repaint when a result is ready.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU8, Ordering};
use std::sync::mpsc;

use crate::document::{LoadError, Source};
use crate::notes::Store;

use super::opening::PreparedNotes;

/// Files below this size open within the frame: reading and parsing them takes well under
/// 10 ms.
pub const OPEN_NOW_BYTES: u64 = 256 * 1024;

/// A document ready to be shown: its text and its notes.
pub struct Prepared {
    /// The document.
    pub source: Source,
    /// Its notes, loaded and re-anchored.
    pub notes: PreparedNotes,
}

/// How far an opening has come.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    /// Fetching the page a link names.
    Fetching,
    /// Reading, decoding and parsing the file.
    Reading,
    /// Loading and re-anchoring its notes.
    Notes,
}

/// Fetches the page a link names and keeps it in the data folder; the kept file's path (an
/// older copy when the site cannot be reached).
fn keep_link(url: &Path, store: Option<&Store>) -> Result<PathBuf, LoadError> {
    let url = url.to_string_lossy();
    let store = store.ok_or_else(|| LoadError::Link {
        url: url.to_string(),
        reason: crate::i18n::tr(
            "找不到保存网页的数据目录（可用 JINGDU_DATA_DIR 指定）",
            "No data folder to keep the page in (set one with JINGDU_DATA_DIR)",
        )
        .to_owned(),
    })?;
    Source::keep_link(&url, store.dir()).map(|(path, _)| path)
}

/// An opening running on a worker.
struct Opening {
    path: PathBuf,
    stage: Arc<AtomicU8>,
    cancel: Arc<AtomicBool>,
    rx: mpsc::Receiver<Result<Prepared, LoadError>>,
}

/// An export being written on a worker.
struct Exporting {
    rx: mpsc::Receiver<Result<(PathBuf, usize), String>>,
    cancel: Arc<AtomicBool>,
}

/// The window's background work.
#[derive(Default)]
pub struct Tasks {
    opening: Option<Opening>,
    exporting: Option<Exporting>,
}

impl Tasks {
    /// Starts opening `path` (in `encoding` when the reader chose one) with its notes from
    /// `store`. Returns the result at once for a small file; `None` while a worker does a
    /// large one — [`Tasks::poll`] then hands it over. A new opening cancels the one running.
    pub fn open(
        &mut self,
        path: &Path,
        encoding: Option<&'static encoding_rs::Encoding>,
        store: Option<Store>,
        wake: impl Fn() + Send + 'static,
    ) -> Option<Result<Prepared, LoadError>> {
        self.cancel_open();
        // A link is fetched on the worker; a PDF or an EPUB is unpacked there whatever its size.
        let link = crate::document::web::is_web_link(&path.to_string_lossy());
        let container = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("pdf") || e.eq_ignore_ascii_case("epub"));
        let small = !link
            && !container
            && std::fs::metadata(path)
                .map(|m| !m.is_file() || m.len() < OPEN_NOW_BYTES)
                .unwrap_or(true);
        if small {
            return Some(prepare(path, encoding, store.as_ref(), None, None));
        }
        let (tx, rx) = mpsc::channel();
        let first = if link {
            Stage::Fetching
        } else {
            Stage::Reading
        };
        let stage = Arc::new(AtomicU8::new(first as u8));
        let cancel = Arc::new(AtomicBool::new(false));
        let (worker_stage, worker_cancel) = (stage.clone(), cancel.clone());
        let worker_path = path.to_path_buf();
        let worker_store = store.clone();
        let spawned = std::thread::Builder::new()
            .name("jingdu-open".into())
            .stack_size(crate::document::WORKER_STACK_BYTES)
            .spawn(move || {
                let result = if link {
                    keep_link(&worker_path, worker_store.as_ref()).and_then(|kept| {
                        worker_stage.store(Stage::Reading as u8, Ordering::Relaxed);
                        prepare(
                            &kept,
                            None,
                            worker_store.as_ref(),
                            Some(&worker_stage),
                            Some(&worker_cancel),
                        )
                    })
                } else {
                    prepare(
                        &worker_path,
                        encoding,
                        worker_store.as_ref(),
                        Some(&worker_stage),
                        Some(&worker_cancel),
                    )
                };
                if !worker_cancel.load(Ordering::Relaxed) {
                    let _ = tx.send(result);
                    wake();
                }
            });
        match spawned {
            Ok(_) => {
                self.opening = Some(Opening {
                    path: path.to_path_buf(),
                    stage,
                    cancel,
                    rx,
                });
                None
            }
            // No thread to be had: open here, slow but correct.
            Err(_) => Some(prepare(path, encoding, store.as_ref(), None, None)),
        }
    }

    /// The worker's result, once it is done.
    pub fn poll(&mut self) -> Option<Result<Prepared, LoadError>> {
        let opening = self.opening.as_ref()?;
        match opening.rx.try_recv() {
            Ok(result) => {
                self.opening = None;
                Some(result)
            }
            Err(mpsc::TryRecvError::Empty) => None,
            Err(mpsc::TryRecvError::Disconnected) => {
                let path = opening.path.clone();
                self.opening = None;
                Some(Err(LoadError::Unreadable {
                    path,
                    reason: crate::i18n::tr("读取时出错", "error while reading").into(),
                }))
            }
        }
    }

    /// Stops the opening running, if any: its result is dropped, the current document stays.
    pub fn cancel_open(&mut self) {
        if let Some(o) = self.opening.take() {
            o.cancel.store(true, Ordering::Relaxed);
        }
    }

    /// The file being opened on a worker and how far it has come.
    pub fn opening(&self) -> Option<(&Path, Stage)> {
        self.opening.as_ref().map(|o| {
            let stage = match o.stage.load(Ordering::Relaxed) {
                s if s == Stage::Fetching as u8 => Stage::Fetching,
                s if s == Stage::Notes as u8 => Stage::Notes,
                _ => Stage::Reading,
            };
            (o.path.as_path(), stage)
        })
    }
}

impl Tasks {
    /// Writes `job` to `path` on a worker (an export of 10 000 notes to Word takes a few
    /// hundred milliseconds). [`Tasks::poll_export`] hands over the file and the number of
    /// notes, or the message to show.
    pub fn export(
        &mut self,
        job: super::ExportJob,
        path: PathBuf,
        wake: impl Fn() + Send + 'static,
    ) -> Result<(), String> {
        let (tx, rx) = mpsc::channel();
        let cancel = Arc::new(AtomicBool::new(false));
        let worker_cancel = cancel.clone();
        std::thread::Builder::new()
            .name("jingdu-export".into())
            .stack_size(crate::document::WORKER_STACK_BYTES)
            .spawn(move || {
                let count = job.note_count();
                // Rendered in memory first: a cancelled export leaves no file behind and
                // replaces none.
                let mut bytes = Vec::new();
                let result = job.write(&mut bytes).map_err(|e| e.to_string());
                if worker_cancel.load(Ordering::Relaxed) {
                    return;
                }
                let result = result.and_then(|()| {
                    crate::fsutil::write_atomic(&path, &bytes).map_err(|e| {
                        crate::export::ExportError::Write {
                            path: path.display().to_string(),
                            reason: crate::fsutil::describe_io_error(&e),
                        }
                        .to_string()
                    })
                });
                let _ = tx.send(result.map(|()| (path, count)));
                wake();
            })
            .map_err(|e| e.to_string())?;
        self.exporting = Some(Exporting { rx, cancel });
        Ok(())
    }

    /// Stops the export being written, if any: no file is written or replaced unless the
    /// worker was already writing it (a matter of milliseconds).
    pub fn cancel_export(&mut self) {
        if let Some(e) = self.exporting.take() {
            e.cancel.store(true, Ordering::Relaxed);
        }
    }

    /// The finished export, once it is done.
    pub fn poll_export(&mut self) -> Option<Result<(PathBuf, usize), String>> {
        let exporting = self.exporting.as_ref()?;
        match exporting.rx.try_recv() {
            Ok(result) => {
                self.exporting = None;
                Some(result)
            }
            Err(mpsc::TryRecvError::Empty) => None,
            Err(mpsc::TryRecvError::Disconnected) => {
                self.exporting = None;
                Some(Err(crate::i18n::tr(
                    "导出线程意外结束",
                    "the export stopped unexpectedly",
                )
                .into()))
            }
        }
    }

    /// Whether an export is being written.
    pub fn exporting(&self) -> bool {
        self.exporting.is_some()
    }

    /// Whether anything runs in the background (the window keeps repainting to poll it).
    pub fn busy(&self) -> bool {
        self.opening.is_some() || self.exporting.is_some()
    }
}

/// Reads the document and its notes; on a worker, reports the stage and stops early when
/// cancelled (the result is then never looked at).
fn prepare(
    path: &Path,
    encoding: Option<&'static encoding_rs::Encoding>,
    store: Option<&Store>,
    stage: Option<&AtomicU8>,
    cancel: Option<&AtomicBool>,
) -> Result<Prepared, LoadError> {
    let source = Source::open_with(path, encoding)?;
    if cancel.is_some_and(|c| c.load(Ordering::Relaxed)) {
        return Err(LoadError::Unreadable {
            path: path.to_path_buf(),
            reason: crate::i18n::tr("已取消", "cancelled").into(),
        });
    }
    if let Some(s) = stage {
        s.store(Stage::Notes as u8, Ordering::Relaxed);
    }
    // Problems with the notes are messages: opening never fails for them.
    let notes = PreparedNotes::load(&source, store);
    Ok(Prepared { source, notes })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_export_is_written_by_a_worker_and_a_cancelled_one_reports_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let state = crate::app::AppState::new(
            Source::builtin(),
            Some(Store::at(dir.path())),
            crate::app::Settings::default(),
            Box::new(crate::notes::now_rfc3339),
        );
        let options = crate::export::Options::new(crate::export::Format::Markdown);
        let out = dir.path().join("笔记.md");
        let mut tasks = Tasks::default();
        tasks
            .export(state.export_job(options.clone()), out.clone(), || {})
            .unwrap();
        assert!(tasks.exporting());
        let started = std::time::Instant::now();
        let done = loop {
            if let Some(r) = tasks.poll_export() {
                break r;
            }
            assert!(
                started.elapsed().as_secs() < 30,
                "the export never finished"
            );
            std::thread::sleep(std::time::Duration::from_millis(2));
        };
        assert_eq!(done, Ok((out.clone(), 0)));
        assert!(std::fs::read_to_string(&out).unwrap().contains("学习笔记"));

        tasks
            .export(
                state.export_job(options),
                dir.path().join("又一份.md"),
                || {},
            )
            .unwrap();
        tasks.cancel_export();
        assert!(!tasks.exporting());
        assert!(tasks.poll_export().is_none());
    }

    #[test]
    fn a_small_file_opens_at_once_with_its_notes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        std::fs::write(&path, "标题\n\n正文一段，写了一些内容。\n").unwrap();
        let mut tasks = Tasks::default();
        let result = tasks.open(&path, None, Some(Store::at(dir.path())), || {});
        let prepared = result.expect("at once").unwrap();
        assert_eq!(prepared.source.document.meta.title.as_deref(), Some("标题"));
        assert!(tasks.opening().is_none());
    }

    #[test]
    fn a_large_file_opens_on_a_worker_and_can_be_cancelled() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.txt");
        let text = "长篇\n\n".to_owned()
            + &"一段足够长的正文，让文件超过一帧之内打开的大小。\n\n".repeat(8000);
        std::fs::write(&path, &text).unwrap();
        let mut tasks = Tasks::default();
        assert!(tasks.open(&path, None, None, || {}).is_none());
        assert_eq!(tasks.opening().map(|(p, _)| p), Some(path.as_path()));
        let started = std::time::Instant::now();
        let prepared = loop {
            if let Some(r) = tasks.poll() {
                break r.unwrap();
            }
            assert!(
                started.elapsed().as_secs() < 30,
                "the worker never finished"
            );
            std::thread::sleep(std::time::Duration::from_millis(5));
        };
        assert_eq!(prepared.source.document.meta.title.as_deref(), Some("长篇"));

        assert!(tasks.open(&path, None, None, || {}).is_none());
        tasks.cancel_open();
        assert!(tasks.opening().is_none());
        assert!(tasks.poll().is_none());
    }
}

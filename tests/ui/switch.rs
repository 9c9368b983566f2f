//! Switching documents says nothing false (issue 9, point 12): no "no data directory" error,
//! logged or shown, while the notes are being saved and the next document opened. Its own test
//! binary, because it listens to the process-wide logger.

use crate::common;

use std::sync::Mutex;

use jingdu::document::Source;

/// Keeps every warning and error logged.
struct Recorder(Mutex<Vec<String>>);

impl log::Log for Recorder {
    fn enabled(&self, metadata: &log::Metadata<'_>) -> bool {
        metadata.level() <= log::Level::Warn
    }
    fn log(&self, record: &log::Record<'_>) {
        if self.enabled(record.metadata()) {
            self.0.lock().unwrap().push(record.args().to_string());
        }
    }
    fn flush(&self) {}
}

static RECORDER: Recorder = Recorder(Mutex::new(Vec::new()));

#[test]
fn switching_documents_reports_no_false_error() {
    log::set_logger(&RECORDER).unwrap();
    log::set_max_level(log::LevelFilter::Warn);
    let dir = tempfile::tempdir().unwrap();
    let other = dir.path().join("b.txt");
    std::fs::write(&other, "另一篇\n\n正文第一段，写了一些内容。\n").unwrap();
    let mut h = common::harness(Source::builtin(), dir.path());
    RECORDER.0.lock().unwrap().clear();
    let ctx = h.ctx.clone();
    h.state_mut().open_document(&ctx, &other);
    h.run();
    assert_eq!(
        h.state().state.source.document.meta.title.as_deref(),
        Some("另一篇")
    );
    assert!(h.state().state.saves_notes());
    assert!(
        h.state().state.messages.list().is_empty(),
        "{:?}",
        h.state().state.messages.list()
    );
    let logged = RECORDER.0.lock().unwrap().clone();
    assert!(!logged.iter().any(|l| l.contains("数据目录")), "{logged:?}");
}

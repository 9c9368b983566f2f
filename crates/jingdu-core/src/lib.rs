//! jingdu-core: the model of jingdu (精读) — documents, notes and exports — with no user
//! interface. The crate boundary keeps it that way: nothing here can reach egui, so the window,
//! the command line, tests and benchmarks all share one model and one way to change it.
//!
//! - [`document`]: text, Markdown and saved pages in, a [`document::Document`] of blocks and
//!   sections out; positions are char offsets.
//! - [`notes`]: notes, anchors that survive edits, the per-document store with merging, the
//!   [`notes::Notebook`] that applies changes in batches.
//! - [`export`]: one printer per format over `io::Write`, and import.
//! - [`fsutil`]: atomic writes that links cannot redirect, bounded reads, readable I/O errors.
//! - [`terminal_safe`]: text for a terminal without the escape sequences a document may carry.

pub mod document;
pub mod export;
pub mod fonts;
pub mod fsutil;
pub mod i18n;
pub mod links;
pub mod notes;
pub mod terminal_safe;

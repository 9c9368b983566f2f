//! The window's behaviour through egui_kittest, by accessible label: one test binary for the
//! views (one link of the whole app instead of one per file; CI time). The interface
//! language is one setting for the process, so `tests/ui_language.rs`, which switches it,
//! stays a binary of its own.

#[path = "../common/mod.rs"]
mod common;

mod a11y;
mod budget;
mod drafts;
mod export;
mod fit;
mod notes;
mod open;
mod reader;
mod reading_list;
mod switch;
mod vertical;

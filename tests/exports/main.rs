//! The library without a window: every export format against golden files and read back,
//! long documents, and the property tests of hostile and random input. One test binary.

#[path = "../export_common/mod.rs"]
mod export_common;

mod export;
mod export_docx;
mod export_pdf;
mod long_document;
mod open_pdf;
mod robustness;

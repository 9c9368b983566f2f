//! jingdu (精读): a desktop reader for close reading of Chinese articles.
//!
//! The library holds everything a test or benchmark needs: the egui-free model
//! ([`document`], [`notes`], [`export`] — re-exported from the `jingdu-core` crate, which
//! cannot depend on egui), the application state with its single place where actions are
//! applied ([`app`]), and the egui views ([`ui`]). The binary only parses the
//! command line and picks between the window and a headless command.

pub mod app;
pub mod bench;
pub mod cli;
pub mod desktop;
pub mod ui;

pub use jingdu_core::{document, export, fonts, fsutil, i18n, links, notes, terminal_safe};

//! The command line, run as the real binary: commands, hostile input (the attacks of
//! RELIABILITY.md in small), templates and the formats it refuses. One test binary.

#[path = "../cli_common/mod.rs"]
mod cli_common;
#[path = "../export_common/mod.rs"]
mod export_common;

mod cli;
mod export_template;
mod hardening;
mod open_formats;
mod soak;

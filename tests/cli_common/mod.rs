//! Running the real binary for the command-line tests: a given data directory, no log
//! noise, output as text.

#![allow(dead_code)]

use std::path::Path;
use std::process::{Command, Output};

/// `jingdu ARGS` with notes kept in `data`, no log noise, in the locale `locale`.
pub fn command_in(data: &Path, locale: &str, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_jingdu"));
    command
        .args(args)
        .env("JINGDU_DATA_DIR", data)
        .env_remove("RUST_LOG")
        .env("LC_ALL", locale)
        .env_remove("LANGUAGE");
    command
}

/// Runs `jingdu ARGS` with notes kept in `data`.
pub fn jingdu(data: &Path, args: &[&str]) -> Output {
    // Messages in 简体中文 (what the tests read), whatever the machine's locale.
    jingdu_in(data, "zh_CN.UTF-8", args)
}

/// Runs `jingdu ARGS` with notes kept in `data`, in the locale `locale`.
pub fn jingdu_in(data: &Path, locale: &str, args: &[&str]) -> Output {
    command_in(data, locale, args).output().expect("run jingdu")
}

/// Standard output as UTF-8.
pub fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

/// Standard error as UTF-8.
pub fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

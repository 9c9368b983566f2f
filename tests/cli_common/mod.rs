//! Running the real binary for the command-line tests: a given data directory, no log
//! noise, output as text.

#![allow(dead_code)]

use std::path::Path;
use std::process::{Command, Output};

/// Runs `jingdu ARGS` with notes kept in `data`.
pub fn jingdu(data: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_jingdu"))
        .args(args)
        .env("JINGDU_DATA_DIR", data)
        .env_remove("RUST_LOG")
        // Messages in 简体中文 (what the tests read), whatever the machine's locale.
        .env("LC_ALL", "zh_CN.UTF-8")
        .env_remove("LANGUAGE")
        .output()
        .expect("run jingdu")
}

/// Runs `jingdu ARGS` with notes kept in `data`, in the locale `locale`.
pub fn jingdu_in(data: &Path, locale: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_jingdu"))
        .args(args)
        .env("JINGDU_DATA_DIR", data)
        .env_remove("RUST_LOG")
        .env("LC_ALL", locale)
        .env_remove("LANGUAGE")
        .output()
        .expect("run jingdu")
}

/// Standard output as UTF-8.
pub fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

/// Standard error as UTF-8.
pub fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

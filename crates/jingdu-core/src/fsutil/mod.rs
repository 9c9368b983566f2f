//! Files read and written safely: writes are atomic and cannot be redirected by a planted
//! link ([`write`]); reads are bounded and refuse devices and pipes ([`read`]); temporary
//! files that a killed process left behind are removed ([`write::clean_stale_temps`]);
//! and I/O errors are explained in words a user can act on.

mod read;
mod write;

use std::io;
use std::path::Path;

pub use read::{ReadError, read_regular};
pub use write::{clean_stale_temps, is_our_temp, write_atomic, write_atomic_with};

/// Why a write was refused by us rather than by the operating system (shown as is).
#[derive(Debug)]
pub(crate) struct Refused(pub(crate) &'static str);

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0)
    }
}

impl std::error::Error for Refused {}

/// Explains an I/O error of a write in words a user can act on.
pub fn describe_io_error(err: &io::Error) -> String {
    use crate::i18n::tr;
    use io::ErrorKind::*;
    if let Some(refused) = err.get_ref().and_then(|e| e.downcast_ref::<Refused>()) {
        return refused.0.to_owned();
    }
    match err.kind() {
        NotFound => tr("文件夹不存在", "no such folder").into(),
        PermissionDenied => tr("没有写入权限", "no permission to write").into(),
        StorageFull => tr("磁盘已满", "the disk is full").into(),
        ReadOnlyFilesystem => tr("磁盘为只读", "the disk is read-only").into(),
        IsADirectory => tr("这是一个文件夹", "this is a folder").into(),
        AlreadyExists => tr("文件已存在", "the file exists").into(),
        _ => one_line(&err.to_string()),
    }
}

/// A path as shown inside a one-line message: control characters (a newline in a file
/// name, an escape sequence) are written as escapes, so they can neither break the line
/// nor reach the terminal.
pub fn shown_path(path: &Path) -> String {
    one_line(&path.display().to_string())
}

/// `text` with every control character escaped (`\n`, `\u{1b}`): safe on one line of a
/// terminal or a log.
pub fn one_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_stay_on_one_line() {
        assert_eq!(one_line("a\nb\u{1b}]0;x\u{7}"), "a\\nb\\u{1b}]0;x\\u{7}");
        assert_eq!(shown_path(Path::new("/tmp/x\ny.txt")), "/tmp/x\\ny.txt");
        assert_eq!(one_line("第一章\u{3000}总则"), "第一章\u{3000}总则");
    }

    #[test]
    fn our_refusals_are_shown_as_written() {
        let e = io::Error::new(io::ErrorKind::InvalidInput, Refused("不是普通文件"));
        assert_eq!(describe_io_error(&e), "不是普通文件");
        let e = io::Error::new(io::ErrorKind::NotFound, "x");
        assert_eq!(describe_io_error(&e), "文件夹不存在");
    }
}

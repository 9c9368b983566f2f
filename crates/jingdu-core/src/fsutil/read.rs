//! Bounded reads of regular files. The size a file reports is not trusted: at most the limit
//! plus one byte is ever read, and devices (`/dev/urandom`), FIFOs and sockets are refused
//! before a byte is read, without blocking on them.

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

/// Why a file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// Nothing is at that path.
    #[error("{}", crate::i18n::tr("找不到文件", "File not found"))]
    NotFound,
    /// The path is a folder.
    #[error("{}", crate::i18n::tr("这是一个文件夹", "This is a folder"))]
    IsDirectory,
    /// A device, FIFO or socket.
    #[error(
        "{}",
        crate::i18n::tr(
            "不是普通文件，而是设备、管道或套接字",
            "Not a regular file but a device, pipe or socket"
        )
    )]
    NotAFile,
    /// More than the limit.
    #[error("{}", crate::i18n::trf("文件太大（超过 {}）", "The file is too large (over {})", &[&human_size(*.limit)]))]
    TooLarge {
        /// The limit in bytes.
        limit: u64,
    },
    /// The operating system refused or failed.
    #[error("{}", describe_read_error(.0))]
    Io(io::Error),
}

/// A size as people say it: `256 KB`, `32 MB`, `1.5 GB` (binary units, as file managers on
/// every desktop but macOS show them).
pub fn human_size(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["KB", "MB", "GB", "TB"];
    if bytes < 1024 {
        return format!("{bytes} B");
    }
    let mut value = bytes as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    if value.fract() == 0.0 || value >= 100.0 {
        format!("{value:.0} {}", UNITS[unit])
    } else {
        format!("{:.1} {}", value, UNITS[unit]).replace(".0 ", " ")
    }
}

fn describe_read_error(err: &io::Error) -> String {
    match err.kind() {
        io::ErrorKind::PermissionDenied => {
            crate::i18n::tr("没有读取权限", "no permission to read").into()
        }
        io::ErrorKind::NotFound => crate::i18n::tr("找不到文件", "file not found").into(),
        _ => super::one_line(&err.to_string()),
    }
}

/// Reads the regular file at `path` (following links), refusing it if it holds more than
/// `limit` bytes.
pub fn read_regular(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let io_error = |e: io::Error| match e.kind() {
        io::ErrorKind::NotFound => ReadError::NotFound,
        _ => ReadError::Io(e),
    };
    // Refuse what is plainly not a file before opening it: opening a device can have effects.
    check_kind(&std::fs::metadata(path).map_err(io_error)?)?;
    let file = open_nonblocking(path).map_err(io_error)?;
    // The path may have been swapped between the check and the open: check what was opened.
    let meta = file.metadata().map_err(ReadError::Io)?;
    check_kind(&meta)?;
    if meta.len() > limit {
        return Err(ReadError::TooLarge { limit });
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // The file may grow while it is read.
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge { limit });
    }
    Ok(bytes)
}

fn check_kind(meta: &std::fs::Metadata) -> Result<(), ReadError> {
    if meta.is_dir() {
        Err(ReadError::IsDirectory)
    } else if !meta.is_file() {
        Err(ReadError::NotAFile)
    } else {
        Ok(())
    }
}

/// Opens for reading without blocking: a FIFO swapped in after the check would otherwise
/// wait forever for a writer. Regular files ignore the flag.
#[cfg(unix)]
fn open_nonblocking(path: &Path) -> io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    File::options()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
        .open(path)
}

#[cfg(not(unix))]
fn open_nonblocking(path: &Path) -> io::Result<File> {
    File::open(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_as_people_say_them() {
        assert_eq!(human_size(256 * 1024), "256 KB");
        assert_eq!(human_size(32 * 1024 * 1024), "32 MB");
        assert_eq!(human_size(1536 * 1024 * 1024), "1.5 GB");
        assert_eq!(human_size(900), "900 B");
        let err = ReadError::TooLarge { limit: 256 * 1024 }.to_string();
        assert!(err.contains("256 KB"), "{err}");
    }

    #[test]
    fn reads_a_file_within_the_limit() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.txt");
        std::fs::write(&p, "精读").unwrap();
        assert_eq!(read_regular(&p, 6).unwrap(), "精读".as_bytes());
        assert!(matches!(
            read_regular(&p, 5),
            Err(ReadError::TooLarge { limit: 5 })
        ));
    }

    #[test]
    fn missing_files_and_folders_are_named_as_such() {
        let dir = tempfile::tempdir().unwrap();
        let missing = read_regular(&dir.path().join("none.json"), 10).unwrap_err();
        assert_eq!(missing.to_string(), "找不到文件");
        assert!(matches!(
            read_regular(dir.path(), 10),
            Err(ReadError::IsDirectory)
        ));
    }

    #[cfg(unix)]
    #[test]
    fn devices_and_fifos_are_refused_without_reading_or_blocking() {
        // /dev/urandom reports size 0 and never ends; /dev/zero likewise.
        for dev in ["/dev/urandom", "/dev/zero", "/dev/null"] {
            assert!(
                matches!(
                    read_regular(Path::new(dev), 1 << 20),
                    Err(ReadError::NotAFile)
                ),
                "{dev}"
            );
        }
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("fifo");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        assert!(made.unwrap().success(), "mkfifo");
        assert!(matches!(read_regular(&fifo, 10), Err(ReadError::NotAFile)));
    }

    #[cfg(unix)]
    #[test]
    fn a_link_to_a_file_is_read_through() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.txt");
        std::fs::write(&real, "x").unwrap();
        let link = dir.path().join("link.txt");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        assert_eq!(read_regular(&link, 10).unwrap(), b"x");
    }
}

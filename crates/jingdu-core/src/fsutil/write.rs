//! Atomic writes: a crash, a full disk or a killed process never leaves a half-written file
//! where a good one was. The content goes to a temporary file beside the target, is flushed
//! to disk, then renamed over the target (atomic on POSIX and NTFS).
//!
//! The temporary file is created with `O_EXCL` under a random name (`tempfile`), so a link
//! planted under a guessed name cannot redirect the write. The target is handled as a user
//! expects:
//!
//! - a symbolic link is written *through*: its target file is replaced atomically and the
//!   link stays a link;
//! - a device, FIFO or socket is refused, never replaced by a regular file;
//! - an existing file keeps its permissions.
//!
//! Temporary files are named `.<target>.<random>.jingdu-tmp` and held under an exclusive
//! file lock while they are written. A failed write removes its own; what a killed writer
//! left behind is removed by [`clean_stale_temps`], which the notes store runs on its own
//! folders only — never on a folder the user exports into — and which removes a file only if
//! it has our marker, is older than a minute and nobody holds its lock. A lock, unlike a
//! process id, is seen across PID namespaces (a Flatpak or a container writing into the same
//! folder) and is released by the kernel when its writer dies.

use std::fs::{File, Permissions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use super::Refused;

/// The suffix of our temporary files.
const TEMP_SUFFIX: &str = ".jingdu-tmp";

/// Writes `bytes` to `path` atomically. On error the target is untouched and no temporary
/// file is left behind.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_atomic_with(path, |f| f.write_all(bytes))
}

/// Like [`write_atomic`], with the content produced by `write` into the temporary file.
pub fn write_atomic_with(
    path: &Path,
    write: impl FnOnce(&mut File) -> io::Result<()>,
) -> io::Result<()> {
    let target = resolve(path)?;
    let dir = target
        .path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .to_path_buf();
    write_via_temp(&target, &dir, write)
}

fn write_via_temp(
    target: &Target,
    dir: &Path,
    write: impl FnOnce(&mut File) -> io::Result<()>,
) -> io::Result<()> {
    let name = target
        .path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "file".into());
    let mut builder = tempfile::Builder::new();
    let prefix = format!(".{name}.");
    builder.prefix(&prefix).suffix(TEMP_SUFFIX);
    if let Some(p) = new_file_permissions(target) {
        builder.permissions(p);
    }
    // Dropping the temporary file on an error removes it.
    let mut tmp = builder.tempfile_in(dir)?;
    // Held until the file is renamed and closed: a sweep sees a live writer by its lock.
    // A file system without locks still writes (the sweep then goes by age alone).
    if let Err(e) = tmp.as_file().lock() {
        log::debug!("no lock on {}: {e}", tmp.path().display());
    }
    write(tmp.as_file_mut())?;
    tmp.as_file_mut().flush()?;
    if let Some(p) = &target.permissions {
        // Exactly the old file's mode, which the umask may have narrowed at creation.
        tmp.as_file().set_permissions(p.clone())?;
    }
    tmp.as_file().sync_all()?;
    tmp.persist(&target.path).map_err(|e| e.error)?;
    sync_dir(dir);
    Ok(())
}

/// What a write will replace: the file itself (a link resolved to its target), and the
/// permissions it has now if it exists.
struct Target {
    path: PathBuf,
    permissions: Option<Permissions>,
}

fn resolve(path: &Path) -> io::Result<Target> {
    let meta = match std::fs::symlink_metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            return Ok(Target {
                path: path.to_path_buf(),
                permissions: None,
            });
        }
        Err(e) => return Err(e),
    };
    let (path, meta) = if meta.file_type().is_symlink() {
        let real = std::fs::canonicalize(path).map_err(|e| match e.kind() {
            io::ErrorKind::NotFound => refused("这是一个链接，它指向的文件不存在"),
            _ => e,
        })?;
        let meta = std::fs::metadata(&real)?;
        (real, meta)
    } else {
        (path.to_path_buf(), meta)
    };
    if meta.is_dir() {
        return Err(io::Error::new(
            io::ErrorKind::IsADirectory,
            Refused("这是一个文件夹"),
        ));
    }
    if !meta.is_file() {
        return Err(refused(
            "这不是普通文件，而是设备、管道或套接字，不会替换它",
        ));
    }
    Ok(Target {
        path,
        permissions: Some(meta.permissions()),
    })
}

fn refused(why: &'static str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidInput, Refused(why))
}

/// The mode a temporary file is created with: the old file's, else what a new file gets
/// (0666 less the umask) instead of `tempfile`'s private 0600.
#[cfg(unix)]
fn new_file_permissions(target: &Target) -> Option<Permissions> {
    use std::os::unix::fs::PermissionsExt;
    Some(
        target
            .permissions
            .clone()
            .unwrap_or_else(|| Permissions::from_mode(0o666)),
    )
}

#[cfg(not(unix))]
fn new_file_permissions(target: &Target) -> Option<Permissions> {
    target.permissions.clone()
}

/// Makes the rename itself durable. Best effort: not every platform can open a directory.
fn sync_dir(dir: &Path) {
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

/// Whether `file_name` is one of our temporary files: hidden, with our suffix and a random
/// part before it (`.<target>.<random>.jingdu-tmp`).
pub fn is_our_temp(file_name: &str) -> bool {
    file_name
        .strip_suffix(TEMP_SUFFIX)
        .and_then(|rest| rest.strip_prefix('.'))
        .and_then(|rest| rest.rsplit_once('.'))
        .is_some_and(|(target, random)| !target.is_empty() && !random.is_empty())
}

/// A temporary file younger than this may be in the instant between its creation and its
/// lock: it is never removed.
const STALE_AFTER: Duration = Duration::from_secs(60);

/// Where files cannot be locked, a temporary file this old is taken as left behind: no write
/// takes a day.
const STALE_WITHOUT_LOCKS: Duration = Duration::from_secs(24 * 60 * 60);

/// Removes from `dir` the temporary files that writers killed mid-write left behind (a
/// crash, a power cut): our names only, older than a minute, and not locked by a writer —
/// in this process, another one, or another PID namespace. Returns how many were removed.
/// Call it on jingdu's own folders only.
pub fn clean_stale_temps(dir: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    let now = SystemTime::now();
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name();
        if !is_our_temp(&name.to_string_lossy()) {
            continue;
        }
        let Ok(meta) = entry.metadata() else {
            continue;
        };
        let age = meta
            .modified()
            .ok()
            .and_then(|m| now.duration_since(m).ok())
            .unwrap_or_default();
        if !meta.is_file() || age < STALE_AFTER {
            continue;
        }
        let Ok(file) = File::open(entry.path()) else {
            continue;
        };
        let abandoned = match file.try_lock() {
            Ok(()) => true,
            Err(std::fs::TryLockError::WouldBlock) => false,
            Err(std::fs::TryLockError::Error(_)) => age >= STALE_WITHOUT_LOCKS,
        };
        if !abandoned {
            continue;
        }
        match std::fs::remove_file(entry.path()) {
            Ok(()) => removed += 1,
            Err(e) => log::debug!("cannot remove stale temporary file {name:?}: {e}"),
        }
    }
    removed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names_in(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn replaces_content() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.json");
        write_atomic(&p, b"old").unwrap();
        write_atomic(&p, b"new").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"new");
        assert_eq!(names_in(dir.path()), vec!["a.json"]);
    }

    #[test]
    fn failure_mid_write_keeps_old_file_and_leaves_no_temp() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.json");
        write_atomic(&p, b"old content").unwrap();
        let err = write_atomic_with(&p, |f| {
            f.write_all(b"half")?;
            Err(io::Error::new(io::ErrorKind::StorageFull, "disk full"))
        })
        .unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::StorageFull);
        assert_eq!(std::fs::read(&p).unwrap(), b"old content");
        assert_eq!(names_in(dir.path()), vec!["a.json"]);
    }

    #[test]
    fn unwritable_directory_is_an_error() {
        let err = write_atomic(Path::new("/nonexistent-dir/x.txt"), b"x").unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::NotFound);
        assert_eq!(super::super::describe_io_error(&err), "文件夹不存在");
    }

    #[test]
    fn temp_names_are_recognised_by_marker_and_random_part() {
        assert!(is_our_temp(".笔记.md.Ab3xYz.jingdu-tmp"));
        assert!(!is_our_temp(".a.json.tmp-17"), "not our marker");
        assert!(!is_our_temp("a.json"));
        assert!(!is_our_temp(".hidden.jingdu-tmp"), "no random part");
        assert!(!is_our_temp(".jingdu-tmp"));
        assert!(!is_our_temp("notes.x.jingdu-tmp"), "not hidden: not ours");
    }

    /// Makes `path` look `age` old.
    fn age(path: &Path, age: Duration) {
        let f = File::options().write(true).open(path).unwrap();
        f.set_modified(SystemTime::now() - age).unwrap();
    }

    #[test]
    fn only_our_old_unlocked_temps_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let abandoned = dir.path().join(".a.json.xYz1.jingdu-tmp");
        let fresh = dir.path().join(".a.json.xYz2.jingdu-tmp");
        let written = dir.path().join(".a.json.xYz3.jingdu-tmp");
        let users = dir.path().join(".thesis.docx.tmp-4000000");
        for p in [&abandoned, &fresh, &written, &users] {
            std::fs::write(p, b"half").unwrap();
        }
        for p in [&abandoned, &written, &users] {
            age(p, Duration::from_secs(3600));
        }
        // A writer still at work, in this process or any other: it holds the lock.
        let writer = File::options().write(true).open(&written).unwrap();
        writer.lock().unwrap();
        std::fs::write(dir.path().join("a.json"), b"kept").unwrap();
        assert_eq!(clean_stale_temps(dir.path()), 1);
        assert!(!abandoned.exists());
        for kept in [&fresh, &written, &users] {
            assert!(kept.exists(), "{}", kept.display());
        }
        drop(writer);
    }

    #[test]
    fn a_write_leaves_nothing_else_in_the_folder_and_sweeps_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let users = dir.path().join(".thesis.docx.tmp-4000000");
        std::fs::write(&users, b"the user's").unwrap();
        age(&users, Duration::from_secs(3600));
        let out = dir.path().join("notes.md");
        write_atomic(&out, b"export").unwrap();
        assert_eq!(
            names_in(dir.path()),
            vec![".thesis.docx.tmp-4000000", "notes.md"]
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_planted_link_under_a_temp_name_is_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim.txt");
        std::fs::write(&victim, b"precious").unwrap();
        // Plant links under every name the old scheme could have used.
        for pid in [std::process::id(), 1, 2] {
            let link = dir.path().join(format!(".out.md.tmp-{pid}"));
            std::os::unix::fs::symlink(&victim, link).unwrap();
        }
        let out = dir.path().join("out.md");
        write_atomic(&out, b"export").unwrap();
        assert_eq!(std::fs::read(&victim).unwrap(), b"precious");
        assert_eq!(std::fs::read(&out).unwrap(), b"export");
        assert!(!std::fs::symlink_metadata(&out).unwrap().is_symlink());
    }

    #[cfg(unix)]
    #[test]
    fn a_link_as_target_is_written_through_and_stays_a_link() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.md");
        std::fs::write(&real, b"old").unwrap();
        let link = dir.path().join("link.md");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        write_atomic(&link, b"new").unwrap();
        assert_eq!(std::fs::read(&real).unwrap(), b"new");
        assert!(std::fs::symlink_metadata(&link).unwrap().is_symlink());
        let dangling = dir.path().join("dangling.md");
        std::os::unix::fs::symlink(dir.path().join("missing"), &dangling).unwrap();
        let err = write_atomic(&dangling, b"x").unwrap_err();
        assert!(super::super::describe_io_error(&err).contains("指向的文件不存在"));
    }

    #[cfg(unix)]
    #[test]
    fn devices_and_fifos_are_never_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe.md");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        assert!(made.unwrap().success(), "mkfifo");
        let err = write_atomic(&fifo, b"x").unwrap_err();
        assert!(super::super::describe_io_error(&err).contains("不是普通文件"));
        let link_to_null = dir.path().join("null.md");
        std::os::unix::fs::symlink("/dev/null", &link_to_null).unwrap();
        assert!(write_atomic(&link_to_null, b"x").is_err());
        use std::os::unix::fs::FileTypeExt;
        assert!(
            std::fs::metadata("/dev/null")
                .unwrap()
                .file_type()
                .is_char_device()
        );
    }

    #[cfg(unix)]
    #[test]
    fn permissions_are_kept_and_new_files_are_not_private() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.md");
        std::fs::write(&p, b"old").unwrap();
        std::fs::set_permissions(&p, Permissions::from_mode(0o640)).unwrap();
        write_atomic(&p, b"new").unwrap();
        let mode = std::fs::metadata(&p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
        // A new file gets what any program's new file gets here: 0666 less the umask.
        let fresh = dir.path().join("b.md");
        write_atomic(&fresh, b"x").unwrap();
        let control = dir.path().join("c.md");
        std::fs::write(&control, b"x").unwrap();
        let mode_of = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode_of(&fresh), mode_of(&control));
    }
}

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
//! Temporary files are named `.<target>.<pid>.<random>.jingdu-tmp`; those of processes that
//! no longer run are removed the first time a process writes into a folder and after every
//! failed write ([`clean_stale_temps`]).

use std::collections::HashSet;
use std::fs::{File, Permissions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

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
    clean_once(&dir);
    let result = write_via_temp(&target, &dir, write);
    if result.is_err() {
        clean_stale_temps(&dir);
    }
    result
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
    let prefix = format!(".{name}.{}.", std::process::id());
    builder.prefix(&prefix).suffix(TEMP_SUFFIX);
    if let Some(p) = new_file_permissions(target) {
        builder.permissions(p);
    }
    // Dropping the temporary file on an error removes it.
    let mut tmp = builder.tempfile_in(dir)?;
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

/// Whether `file_name` is one of our temporary files (this version's or an older one's).
pub fn is_our_temp(file_name: &str) -> bool {
    owner_pid(file_name).is_some()
}

/// The process that created temporary file `file_name`, if the name is ours:
/// `.<name>.<pid>.<random>.jingdu-tmp`, or `.<name>.tmp-<pid>` from versions before 0.3.
fn owner_pid(file_name: &str) -> Option<u32> {
    if !file_name.starts_with('.') {
        return None;
    }
    if let Some(rest) = file_name.strip_suffix(TEMP_SUFFIX) {
        let (rest, _random) = rest.rsplit_once('.')?;
        let (_, pid) = rest.rsplit_once('.')?;
        return pid.parse().ok();
    }
    let (_, pid) = file_name.rsplit_once(".tmp-")?;
    pid.parse().ok()
}

/// Removes the temporary files in `dir` that processes which no longer run left behind
/// (killed mid-write, or a power cut). Files of running processes are left alone: they may
/// be writing right now. Returns how many were removed.
pub fn clean_stale_temps(dir: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = owner_pid(&name.to_string_lossy()) else {
            continue;
        };
        if process_is_running(pid) {
            continue;
        }
        match std::fs::remove_file(entry.path()) {
            Ok(()) => removed += 1,
            Err(e) => log::debug!("cannot remove stale temporary file {name:?}: {e}"),
        }
    }
    removed
}

/// Cleans `dir` once per process: before the first write into it.
fn clean_once(dir: &Path) {
    static CLEANED: Mutex<Option<HashSet<PathBuf>>> = Mutex::new(None);
    let first = CLEANED
        .lock()
        .map(|mut seen| {
            seen.get_or_insert_with(HashSet::new)
                .insert(dir.to_path_buf())
        })
        .unwrap_or(false);
    if first {
        let removed = clean_stale_temps(dir);
        if removed > 0 {
            log::info!(
                "removed {removed} stale temporary files in {}",
                dir.display()
            );
        }
    }
}

#[cfg(target_os = "linux")]
fn process_is_running(pid: u32) -> bool {
    pid == std::process::id() || Path::new(&format!("/proc/{pid}")).exists()
}

/// Without /proc, only our own process is known to run; a file of another process is kept
/// in case that process is still writing it.
#[cfg(not(target_os = "linux"))]
fn process_is_running(_pid: u32) -> bool {
    true
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
    fn temp_names_are_recognised_with_their_process() {
        assert_eq!(owner_pid(".笔记.md.4242.Ab3xYz.jingdu-tmp"), Some(4242));
        assert_eq!(owner_pid(".a.json.tmp-17"), Some(17));
        assert_eq!(owner_pid("a.json"), None);
        assert_eq!(owner_pid(".hidden.jingdu-tmp"), None);
        assert_eq!(
            owner_pid("notes.4242.x.jingdu-tmp"),
            None,
            "not hidden: not ours"
        );
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn temps_of_dead_processes_are_removed_and_live_ones_kept() {
        let dir = tempfile::tempdir().unwrap();
        // A pid above the kernel's maximum (4 194 304) never runs.
        let dead = dir.path().join(".a.json.4194305.xYz.jingdu-tmp");
        let legacy = dir.path().join(".a.json.tmp-4194306");
        let mine = dir
            .path()
            .join(format!(".a.json.{}.q.jingdu-tmp", std::process::id()));
        for p in [&dead, &legacy, &mine] {
            std::fs::write(p, b"half").unwrap();
        }
        std::fs::write(dir.path().join("a.json"), b"kept").unwrap();
        assert_eq!(clean_stale_temps(dir.path()), 2);
        let mine_name = mine.file_name().unwrap().to_string_lossy().into_owned();
        assert_eq!(names_in(dir.path()), vec![mine_name, "a.json".to_owned()]);
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

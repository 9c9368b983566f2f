//! The notes of each document on disk: one readable, versioned JSON file per document in the
//! data directory, written atomically with the previous version kept as a backup.
//!
//! Safety rules, each tested: a file that cannot be read is never overwritten (it is set aside
//! and the reader is told); a file written by a newer jingdu is only read; two windows on one
//! document *merge on save* — under a lock, each save re-reads the file and, if another writer
//! changed it since we last saw it, merges by note id (the newer version of a note wins,
//! deletions are kept as tombstones so they are not undone by the other window).

use std::collections::HashMap;
use std::fs::File;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::Digest;

use crate::document::{BUILTIN_ID, Origin, Source};
use crate::fsutil::{describe_io_error, write_atomic};

use super::note::Note;

/// Version of the notes file format written by this build. 2: notes may be bookmarks
/// (`"kind": "bookmark"`); files of version 1 read unchanged.
pub const SCHEMA_VERSION: u32 = 2;

/// Environment variable that overrides the data directory.
pub const DATA_DIR_ENV: &str = "JINGDU_DATA_DIR";

/// A note deleted at some time, remembered so that a merge does not bring it back.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tombstone {
    /// Id of the deleted note.
    pub id: String,
    /// RFC 3339 time of the deletion.
    pub deleted: String,
    /// The version ([`Note::rev`]) of the note that was deleted: the tombstone removes that
    /// version and every older one, whatever their clock times say. `None` in files written
    /// before versions existed (then times decide).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rev: Option<u64>,
}

/// Which document a notes file belongs to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocInfo {
    /// Store id: fixed for the built-in article, derived from the path for files.
    pub id: String,
    /// The document's path when the notes were last saved.
    #[serde(default)]
    pub path: Option<String>,
    /// The document's title.
    #[serde(default)]
    pub title: Option<String>,
    /// SHA-256 of the body text, to find notes of a moved file and to notice edits.
    #[serde(default)]
    pub text_hash: String,
    /// Body length in chars.
    #[serde(default)]
    pub chars: usize,
}

impl DocInfo {
    /// The identity of a loaded document.
    pub fn for_source(source: &Source) -> Self {
        let body = source.document.body_text();
        let text_hash = hex(&sha2::Sha256::digest(body.as_bytes()));
        let (id, path) = match &source.origin {
            Origin::Builtin => (BUILTIN_ID.to_owned(), None),
            Origin::File(p) => {
                let canonical = std::fs::canonicalize(p).unwrap_or_else(|_| p.clone());
                let digest = sha2::Sha256::digest(canonical.to_string_lossy().as_bytes());
                (
                    format!("file-{}", &hex(&digest)[..16]),
                    Some(canonical.to_string_lossy().into_owned()),
                )
            }
        };
        DocInfo {
            id,
            path,
            title: source.document.meta.title.clone(),
            text_hash,
            chars: source.document.body_len_chars(),
        }
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The content of one notes file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotesFile {
    /// Format version ([`SCHEMA_VERSION`] when written by this build).
    pub schema: u32,
    /// Always `jingdu`; tells a reader of the file what wrote it.
    #[serde(default)]
    pub app: String,
    /// The document the notes belong to.
    pub document: DocInfo,
    /// Incremented on every save; a save that finds another revision merges.
    #[serde(default)]
    pub revision: u64,
    /// The notes, in document order.
    #[serde(default)]
    pub notes: Vec<Note>,
    /// Deleted notes.
    #[serde(default)]
    pub deleted: Vec<Tombstone>,
}

/// How the notes of a document were found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FoundBy {
    /// Under the document's own id.
    Id,
    /// In the file of another path with the same text (the document was moved or renamed).
    TextHash(PathBuf),
    /// Nowhere: the document has no notes yet.
    New,
}

/// Result of loading a document's notes.
#[derive(Clone, Debug)]
pub struct Loaded {
    /// Notes as stored (not yet re-anchored).
    pub notes: Vec<Note>,
    /// Tombstones as stored.
    pub deleted: Vec<Tombstone>,
    /// Revision of the file read (0 when new).
    pub revision: u64,
    /// How the file was found.
    pub found_by: FoundBy,
    /// The document's text differs from when the notes were saved.
    pub text_changed: bool,
    /// Saving is not allowed (the file was written by a newer jingdu).
    pub read_only: bool,
    /// Schema version of the file read (this build's version when new).
    pub schema: u32,
    /// Things the reader must be told (a corrupt file set aside, a backup restored).
    pub warnings: Vec<String>,
}

/// What happened on save.
#[derive(Clone, Debug)]
pub struct Saved {
    /// The revision now on disk.
    pub revision: u64,
    /// When another writer had changed the file: the merged notes and tombstones, which the
    /// caller should merge into what it holds.
    pub merged: Option<(Vec<Note>, Vec<Tombstone>)>,
}

/// Why notes could not be read or written. Messages name the file last.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// No home or data directory could be determined.
    #[error(
        "{}",
        crate::i18n::tr(
            "找不到存放笔记的数据目录；请设置环境变量 JINGDU_DATA_DIR",
            "No data folder to keep notes in; set the environment variable JINGDU_DATA_DIR"
        )
    )]
    NoDataDir,
    /// A file or directory could not be created or written.
    #[error("{}", crate::i18n::trf("无法保存笔记（{}）：{}", "Cannot save the notes ({}): {}", &[&.reason, &.path.display()]))]
    Write {
        /// The file or directory.
        path: PathBuf,
        /// Why.
        reason: String,
    },
    /// The notes file exists but cannot be read.
    #[error("{}", crate::i18n::trf("无法读取笔记文件（{}）：{}", "Cannot read the notes file ({}): {}", &[&.reason, &.path.display()]))]
    Unreadable {
        /// The file.
        path: PathBuf,
        /// Why.
        reason: String,
    },
    /// The notes file is not valid (strict loading only; the GUI sets it aside instead).
    #[error("{}", crate::i18n::trf("笔记文件已损坏（{}），未作改动：{}", "The notes file is damaged ({}) and was left as it is: {}", &[&.reason, &.path.display()]))]
    Corrupt {
        /// The file.
        path: PathBuf,
        /// The parse error.
        reason: String,
    },
    /// The notes file was written by a newer jingdu; writing it could lose data.
    #[error("{}", crate::i18n::trf("笔记文件由更新版本的精读写入（格式版本 {}），请升级后再修改：{}", "The notes file was written by a newer jingdu (format version {}); upgrade before changing it: {}", &[&.version, &.path.display()]))]
    NewerSchema {
        /// The file.
        path: PathBuf,
        /// Its schema version.
        version: u32,
    },
}

/// What to do with a notes file that cannot be parsed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OnCorrupt {
    /// Set it aside under a new name, restore the backup if there is one, and go on (window).
    SetAside,
    /// Fail and change nothing (command line).
    Fail,
}

/// The data directory and the files in it.
#[derive(Clone, Debug)]
pub struct Store {
    dir: PathBuf,
    /// For each notes file this store (and its clones) last read whole or wrote: the file's
    /// stamp and revision. A save that finds the file as it was then knows its revision and
    /// that it is sound without reading a byte of it — which for a million notes is most of
    /// the cost of a save.
    known: std::sync::Arc<std::sync::Mutex<HashMap<PathBuf, (FileStamp, u64)>>>,
}

/// What tells one version of a file from another without reading it: its size, its
/// modification time and (on Unix) its inode, which a save by rename always changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct FileStamp {
    len: u64,
    modified: Option<std::time::SystemTime>,
    inode: u64,
}

impl FileStamp {
    fn of(path: &Path) -> Option<FileStamp> {
        let meta = std::fs::metadata(path).ok()?;
        #[cfg(unix)]
        let inode = std::os::unix::fs::MetadataExt::ino(&meta);
        #[cfg(not(unix))]
        let inode = 0;
        Some(FileStamp {
            len: meta.len(),
            modified: meta.modified().ok(),
            inode,
        })
    }
}

impl Store {
    /// The store in `dir` (created on first save).
    pub fn at(dir: impl Into<PathBuf>) -> Self {
        Store {
            dir: dir.into(),
            known: Default::default(),
        }
    }

    /// Remembers that the file at `path`, as it is now, has `revision` and is sound — if it
    /// is still the version `before` stamped (nobody replaced it meanwhile).
    fn remember(&self, path: &Path, before: Option<FileStamp>, revision: u64) {
        let now = FileStamp::of(path);
        if let (Some(now), Ok(mut known)) = (now, self.known.lock())
            && before.is_none_or(|b| b == now)
        {
            known.insert(path.to_path_buf(), (now, revision));
        }
    }

    /// The revision of the file at `path` if it is the version this store last read or wrote.
    fn known_revision(&self, path: &Path) -> Option<u64> {
        let now = FileStamp::of(path)?;
        let known = self.known.lock().ok()?;
        known
            .get(path)
            .filter(|(stamp, _)| *stamp == now)
            .map(|&(_, revision)| revision)
    }

    /// The store in `$JINGDU_DATA_DIR`, or the platform data directory.
    pub fn from_env() -> Result<Self, StoreError> {
        let store = match std::env::var_os(DATA_DIR_ENV).filter(|d| !d.is_empty()) {
            Some(dir) => Store::at(dir),
            None => {
                let dirs = directories::ProjectDirs::from("", "", "jingdu")
                    .ok_or(StoreError::NoDataDir)?;
                Store::at(dirs.data_dir())
            }
        };
        store.remove_stale_temps();
        Ok(store)
    }

    /// Removes temporary files that writers killed mid-write left in the data folders (at
    /// start, so that crashes leave no litter); returns how many.
    pub fn remove_stale_temps(&self) -> usize {
        let removed = crate::fsutil::clean_stale_temps(&self.dir)
            + crate::fsutil::clean_stale_temps(&self.dir.join("notes"));
        if removed > 0 {
            log::info!(
                "removed {removed} stale temporary files in {}",
                self.dir.display()
            );
        }
        removed
    }

    /// The data directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The notes file of document `id`.
    pub fn notes_path(&self, id: &str) -> PathBuf {
        self.dir.join("notes").join(format!("{id}.json"))
    }

    /// The palette (colour names) file.
    pub fn palette_path(&self) -> PathBuf {
        self.dir.join("palette.json")
    }

    fn lock(&self, id: &str) -> Result<File, StoreError> {
        let notes_dir = self.dir.join("notes");
        std::fs::create_dir_all(&notes_dir).map_err(|e| StoreError::Write {
            path: notes_dir.clone(),
            reason: describe_io_error(&e),
        })?;
        let path = notes_dir.join(format!("{id}.lock"));
        let file = File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|e| StoreError::Write {
                path: path.clone(),
                reason: describe_io_error(&e),
            })?;
        file.lock().map_err(|e| StoreError::Write {
            path,
            reason: describe_io_error(&e),
        })?;
        Ok(file)
    }

    /// What the store knows of document `id` (a store id from a `jingdu://` link): its path
    /// and title when its notes were last saved; `None` when it holds no notes for that id.
    pub fn document(&self, id: &str) -> Result<Option<DocInfo>, StoreError> {
        let safe = !id.is_empty()
            && id.len() <= 128
            && id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        if !safe {
            return Ok(None);
        }
        let path = self.notes_path(id);
        match read_file(&path) {
            Ok(found) => Ok(found.map(|f| f.document)),
            Err(ReadError::Io(reason)) => Err(StoreError::Unreadable { path, reason }),
            Err(ReadError::Parse(reason)) => Err(StoreError::Corrupt { path, reason }),
        }
    }

    /// Loads the notes of `doc`: by id, else from a file of the same text (moved document).
    pub fn load(&self, doc: &DocInfo, on_corrupt: OnCorrupt) -> Result<Loaded, StoreError> {
        let path = self.notes_path(&doc.id);
        let started = std::time::Instant::now();
        let mut warnings = Vec::new();
        let stamp = FileStamp::of(&path);
        let (file, found_by) = match read_file(&path) {
            Ok(Some(f)) => {
                // Only a file this build may replace: a newer one is checked at every save.
                if f.schema <= SCHEMA_VERSION {
                    self.remember(&path, stamp, f.revision);
                }
                log::info!(
                    "notes load: {} notes read in {:.1} ms",
                    f.notes.len(),
                    started.elapsed().as_secs_f64() * 1e3
                );
                (Some(f), FoundBy::Id)
            }
            Ok(None) => match self.find_by_hash(doc) {
                Some((f, other)) => (Some(f), FoundBy::TextHash(other)),
                None => (None, FoundBy::New),
            },
            Err(ReadError::Io(reason)) => return Err(StoreError::Unreadable { path, reason }),
            Err(ReadError::Parse(reason)) => match on_corrupt {
                OnCorrupt::Fail => return Err(StoreError::Corrupt { path, reason }),
                OnCorrupt::SetAside => {
                    let aside = set_aside(&path).map_err(|e| StoreError::Write {
                        path: path.clone(),
                        reason: describe_io_error(&e),
                    })?;
                    warnings.push(format!(
                        "笔记文件无法读取（{reason}），已原样另存为 {}，不会被覆盖。",
                        aside.display()
                    ));
                    match read_file(&backup_path(&path)) {
                        Ok(Some(f)) => {
                            warnings.push(format!("已从备份恢复 {} 条笔记。", f.notes.len()));
                            (Some(f), FoundBy::Id)
                        }
                        _ => (None, FoundBy::New),
                    }
                }
            },
        };
        let Some(file) = file else {
            return Ok(Loaded {
                notes: Vec::new(),
                deleted: Vec::new(),
                revision: 0,
                found_by,
                text_changed: false,
                read_only: false,
                schema: SCHEMA_VERSION,
                warnings,
            });
        };
        let read_only = file.schema > SCHEMA_VERSION;
        if read_only {
            warnings.push(format!(
                "笔记文件由更新版本的精读写入（格式版本 {}），本程序只读取、不修改它：{}",
                file.schema,
                path.display()
            ));
        }
        let text_changed =
            !file.document.text_hash.is_empty() && file.document.text_hash != doc.text_hash;
        // Notes found through another path belong to that file until we save them here.
        let revision = if found_by == FoundBy::Id {
            file.revision
        } else {
            0
        };
        Ok(Loaded {
            notes: file.notes,
            deleted: file.deleted,
            revision,
            found_by,
            text_changed,
            read_only,
            schema: file.schema,
            warnings,
        })
    }

    /// Finds the notes file of another path holding the same text.
    fn find_by_hash(&self, doc: &DocInfo) -> Option<(NotesFile, PathBuf)> {
        if doc.text_hash.is_empty() {
            return None;
        }
        let entries = std::fs::read_dir(self.dir.join("notes")).ok()?;
        let mut paths: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect();
        paths.sort();
        paths.into_iter().find_map(|p| match read_file(&p) {
            Ok(Some(f)) if f.document.text_hash == doc.text_hash && f.document.id != doc.id => {
                Some((f, p))
            }
            _ => None,
        })
    }

    /// Saves the notes of `doc`. `base_revision` is the revision this writer last read or
    /// wrote; if the file moved on since, the two versions are merged first.
    pub fn save(
        &self,
        doc: &DocInfo,
        notes: &[Note],
        deleted: &[Tombstone],
        base_revision: u64,
    ) -> Result<Saved, StoreError> {
        let _lock = self.lock(&doc.id)?;
        let path = self.notes_path(&doc.id);
        let started = std::time::Instant::now();
        let mut merged: Option<(Vec<Note>, Vec<Tombstone>)> = None;
        let mut revision = base_revision;
        let mut previous = None;
        let mut exists = false;
        let unchanged = self.known_revision(&path);
        let header = match unchanged {
            // The file is the version this store read or wrote: nothing to read.
            Some(known) => {
                exists = true;
                revision = revision.max(known);
                if known == base_revision {
                    Ok(None)
                } else {
                    read_header(&path)
                }
            }
            None => read_header(&path),
        };
        match header {
            Ok(Some((bytes, header))) => {
                if header.schema > SCHEMA_VERSION {
                    return Err(StoreError::NewerSchema {
                        path,
                        version: header.schema,
                    });
                }
                if header.revision != base_revision {
                    // Another writer saved since: only now is the whole file worth reading.
                    let disk: NotesFile =
                        serde_json::from_slice(&bytes).map_err(|e| StoreError::Corrupt {
                            path: path.clone(),
                            reason: e.to_string(),
                        })?;
                    merged = Some(merge(notes, deleted, &disk.notes, &disk.deleted));
                }
                revision = revision.max(header.revision);
                previous = Some(bytes);
                exists = true;
            }
            Ok(None) => {}
            Err(ReadError::Io(reason)) => return Err(StoreError::Unreadable { path, reason }),
            Err(ReadError::Parse(_)) => {
                // Someone damaged the file while we ran: keep it, never overwrite it.
                set_aside(&path).map_err(|e| StoreError::Write {
                    path: path.clone(),
                    reason: describe_io_error(&e),
                })?;
            }
        }
        let (notes, deleted) = match &merged {
            Some((n, d)) => (n.as_slice(), d.as_slice()),
            None => (notes, deleted),
        };
        let revision = next_revision(revision, &path);
        let mut json = Vec::with_capacity(notes.len() * 512 + 1024);
        write_notes_file(&mut json, doc, revision, notes, deleted).map_err(|e| {
            StoreError::Write {
                path: path.clone(),
                reason: e.to_string(),
            }
        })?;
        if exists {
            keep_backup(&path, previous.as_deref()).map_err(|e| StoreError::Write {
                path: backup_path(&path),
                reason: describe_io_error(&e),
            })?;
        }
        write_atomic(&path, &json).map_err(|e| StoreError::Write {
            path: path.clone(),
            reason: describe_io_error(&e),
        })?;
        self.remember(&path, None, revision);
        log::info!(
            "notes save: {} notes, {} bytes in {:.1} ms",
            notes.len(),
            json.len(),
            started.elapsed().as_secs_f64() * 1e3
        );
        Ok(Saved { revision, merged })
    }
}

enum ReadError {
    Io(String),
    Parse(String),
}

/// The largest notes file read: far above the 175 MB of 100 000 notes, far below what would
/// exhaust memory if something else were put in its place.
const MAX_STORE_BYTES: u64 = 2 * 1024 * 1024 * 1024;

/// The head of a notes file: what a save needs to know of the file it replaces. The notes
/// themselves are checked for well-formed JSON and skipped, not built.
#[derive(Deserialize)]
struct Header {
    schema: u32,
    #[serde(default)]
    revision: u64,
    #[serde(default)]
    #[allow(dead_code)]
    notes: serde::de::IgnoredAny,
    #[serde(default)]
    #[allow(dead_code)]
    deleted: serde::de::IgnoredAny,
}

/// Reads a notes file and its head; `Ok(None)` when it does not exist.
fn read_header(path: &Path) -> Result<Option<(Vec<u8>, Header)>, ReadError> {
    let bytes = match crate::fsutil::read_regular(path, MAX_STORE_BYTES) {
        Ok(b) => b,
        Err(crate::fsutil::ReadError::NotFound) => return Ok(None),
        Err(e) => return Err(ReadError::Io(e.to_string())),
    };
    match serde_json::from_slice::<Header>(&bytes) {
        Ok(header) => Ok(Some((bytes, header))),
        Err(e) => Err(ReadError::Parse(e.to_string())),
    }
}

/// Writes a notes file: the head on its own lines, then one note (and one tombstone) per
/// line, compact. Still one JSON value any JSON reader takes; a line per note keeps a
/// million notes small and quick to write, and lets a diff (a Git repository used for sync)
/// show a changed note as a changed line.
fn write_notes_file(
    out: &mut Vec<u8>,
    doc: &DocInfo,
    revision: u64,
    notes: &[Note],
    deleted: &[Tombstone],
) -> serde_json::Result<()> {
    use std::io::Write as _;
    let io = serde_json::Error::io;
    write!(
        out,
        "{{\n\"schema\": {SCHEMA_VERSION},\n\"app\": \"jingdu\",\n\"document\": "
    )
    .map_err(io)?;
    serde_json::to_writer(&mut *out, doc)?;
    write!(out, ",\n\"revision\": {revision},\n\"notes\": [").map_err(io)?;
    for (i, n) in notes.iter().enumerate() {
        out.extend_from_slice(if i == 0 { b"\n" } else { b",\n" });
        serde_json::to_writer(&mut *out, n)?;
    }
    out.extend_from_slice(b"\n],\n\"deleted\": [");
    for (i, t) in deleted.iter().enumerate() {
        out.extend_from_slice(if i == 0 { b"\n" } else { b",\n" });
        serde_json::to_writer(&mut *out, t)?;
    }
    out.extend_from_slice(b"\n]\n}\n");
    Ok(())
}

/// Reads and parses a notes file; `Ok(None)` when it does not exist.
fn read_file(path: &Path) -> Result<Option<NotesFile>, ReadError> {
    let bytes = match crate::fsutil::read_regular(path, MAX_STORE_BYTES) {
        Ok(b) => b,
        Err(crate::fsutil::ReadError::NotFound) => return Ok(None),
        Err(e) => return Err(ReadError::Io(e.to_string())),
    };
    match parse_notes_file(&bytes) {
        Ok(file) => Ok(Some(file)),
        Err(e) => Err(ReadError::Parse(e.to_string())),
    }
}

/// The fields of a notes file before its notes.
#[derive(Deserialize)]
struct Head {
    schema: u32,
    #[serde(default)]
    app: String,
    document: DocInfo,
    #[serde(default)]
    revision: u64,
}

/// Parses a notes file. One written by [`write_notes_file`] (a note per line) is parsed a
/// slice of lines per core, side by side; any other (an older, pretty-printed file, one
/// edited by hand) as one JSON value.
fn parse_notes_file(bytes: &[u8]) -> serde_json::Result<NotesFile> {
    match parse_line_layout(bytes) {
        Some(Ok(file)) => Ok(file),
        _ => serde_json::from_slice(bytes),
    }
}

/// The file in the layout [`write_notes_file`] writes, or `None` when it is not in it.
fn parse_line_layout(bytes: &[u8]) -> Option<serde_json::Result<NotesFile>> {
    const NOTES: &[u8] = b"\n\"notes\": [";
    const DELETED: &[u8] = b"\n],\n\"deleted\": [";
    const END: &[u8] = b"\n]\n}\n";
    let find = |from: usize, what: &[u8]| {
        bytes
            .get(from..)?
            .windows(what.len())
            .position(|w| w == what)
            .map(|p| from + p)
    };
    let notes_at = find(0, NOTES)?;
    // The head is small: the notes key is within its first few kilobytes.
    if notes_at > 64 * 1024 {
        return None;
    }
    let body = notes_at + NOTES.len();
    let deleted_at = bytes
        .len()
        .checked_sub(END.len())
        .filter(|&e| bytes[e..] == *END)?;
    let split = bytes[body..deleted_at]
        .windows(DELETED.len())
        .rposition(|w| w == DELETED)
        .map(|p| body + p)?;
    let mut head_json = bytes[..notes_at].to_vec();
    let head_json = {
        // `…"revision": 3,` — close the object where the notes began.
        while head_json
            .last()
            .is_some_and(|b| b.is_ascii_whitespace() || *b == b',')
        {
            head_json.pop();
        }
        head_json.push(b'}');
        head_json
    };
    let head: Head = match serde_json::from_slice(&head_json) {
        Ok(h) => h,
        Err(e) => return Some(Err(e)),
    };
    let notes = match parse_lines::<Note>(&bytes[body..split]) {
        Ok(n) => n,
        Err(e) => return Some(Err(e)),
    };
    let deleted = match parse_lines::<Tombstone>(&bytes[split + DELETED.len()..deleted_at]) {
        Ok(d) => d,
        Err(e) => return Some(Err(e)),
    };
    Some(Ok(NotesFile {
        schema: head.schema,
        app: head.app,
        document: head.document,
        revision: head.revision,
        notes,
        deleted,
    }))
}

/// Values written one per line (`\n{…},\n{…}`), parsed a slice of lines per core. Compact
/// JSON holds no raw line feed, so every line is one value.
fn parse_lines<T: serde::de::DeserializeOwned + Send>(text: &[u8]) -> serde_json::Result<Vec<T>> {
    let lines: Vec<&[u8]> = text
        .split(|&b| b == b'\n')
        .map(|l| l.strip_suffix(b",").unwrap_or(l))
        .filter(|l| !l.is_empty())
        .collect();
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8);
    if workers < 2 || lines.len() < 10_000 {
        return lines.iter().map(|l| serde_json::from_slice(l)).collect();
    }
    let chunk = lines.len().div_ceil(workers);
    std::thread::scope(|scope| {
        let parts: Vec<_> = lines
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    part.iter()
                        .map(|l| serde_json::from_slice(l))
                        .collect::<serde_json::Result<Vec<T>>>()
                })
            })
            .collect();
        let mut out = Vec::with_capacity(lines.len());
        for part in parts {
            let part = part
                .join()
                .unwrap_or_else(|_| Err(serde::de::Error::custom("a parsing thread failed")))?;
            out.extend(part);
        }
        Ok(out)
    })
}

/// Keeps the file at `path` — just read and checked, so never a damaged copy; `bytes` are its
/// content — as its backup, atomically: a crash or a full disk leaves the previous backup
/// whole, never a truncated one. A hard link to the file under a temporary name, renamed over
/// the backup, costs nothing however large the file (the save that follows replaces the file
/// by rename, so the linked content stays as it was); where links are not possible (some
/// network or FAT file systems) the bytes are written.
fn keep_backup(path: &Path, bytes: Option<&[u8]>) -> std::io::Result<()> {
    let backup = backup_path(path);
    // Named as our temporary files are, so that a crash between link and rename leaves
    // nothing the next start does not sweep.
    let name = backup
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let unique = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    let linked = backup.with_file_name(format!(
        ".{name}.{}x{unique}.jingdu-tmp",
        std::process::id()
    ));
    let _ = std::fs::remove_file(&linked);
    let same_content =
        bytes.is_none_or(|b| std::fs::metadata(path).is_ok_and(|m| m.len() == b.len() as u64));
    if same_content && std::fs::hard_link(path, &linked).is_ok() {
        match std::fs::rename(&linked, &backup) {
            Ok(()) => return Ok(()),
            Err(_) => {
                let _ = std::fs::remove_file(&linked);
            }
        }
    }
    match bytes {
        Some(b) => write_atomic(&backup, b),
        None => write_atomic(&backup, &std::fs::read(path)?),
    }
}

fn backup_path(path: &Path) -> PathBuf {
    path.with_extension("json.bak")
}

/// Renames a damaged file to `<name>.corrupt-<time>.json` and returns the new path.
fn set_aside(path: &Path) -> std::io::Result<PathBuf> {
    let stamp = jiff::ZonedDateTime::now()
        .strftime("%Y%m%d-%H%M%S")
        .to_string();
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut aside = path.with_file_name(format!("{stem}.corrupt-{stamp}.json"));
    let mut n = 1;
    while aside.exists() {
        aside = path.with_file_name(format!("{stem}.corrupt-{stamp}-{n}.json"));
        n += 1;
    }
    std::fs::rename(path, &aside)?;
    Ok(aside)
}

/// Merges two versions of a document's notes. For each id the higher version ([`Note::rev`])
/// wins, then the more recently modified note, then ours. A tombstone removes every version
/// of the note it has seen (`rev` up to its own), so a confirmed deletion is never undone by a
/// clock that runs ahead; a note changed after the deletion (a higher version) survives it.
pub fn merge(
    ours: &[Note],
    our_deleted: &[Tombstone],
    theirs: &[Note],
    their_deleted: &[Tombstone],
) -> (Vec<Note>, Vec<Tombstone>) {
    use std::collections::BTreeMap;
    let mut tombs: BTreeMap<&str, &Tombstone> = BTreeMap::new();
    for t in our_deleted.iter().chain(their_deleted) {
        let newer = tombs
            .get(t.id.as_str())
            .is_none_or(|old| tombstone_newer(t, old));
        if newer {
            tombs.insert(&t.id, t);
        }
    }
    let mut by_id: BTreeMap<&str, &Note> = BTreeMap::new();
    for n in theirs {
        by_id.insert(&n.id, n);
    }
    for n in ours {
        let keep_ours = by_id
            .get(n.id.as_str())
            .is_none_or(|t| !version_newer(t, n));
        if keep_ours {
            by_id.insert(&n.id, n);
        }
    }
    let mut notes: Vec<Note> = Vec::new();
    // Keep our order, then theirs for notes we did not have.
    let order = ours.iter().chain(theirs).map(|n| n.id.as_str());
    let mut seen = std::collections::BTreeSet::new();
    for id in order {
        if !seen.insert(id) {
            continue;
        }
        let n = by_id[id];
        let deleted = tombs.get(id).is_some_and(|t| removes(t, n));
        if !deleted {
            notes.push(n.clone());
        }
    }
    let live: std::collections::BTreeSet<&str> = notes.iter().map(|n| n.id.as_str()).collect();
    let deleted = tombs
        .into_values()
        .filter(|t| !live.contains(t.id.as_str()))
        .cloned()
        .collect();
    (notes, deleted)
}

/// The revision after `revision`. Other writers only compare revisions for equality, so at
/// the end of the range (a file written by hand, or by a broken tool) the count starts again
/// at 1 — said in the log, never wrapped to 0 in silence.
fn next_revision(revision: u64, path: &Path) -> u64 {
    revision.checked_add(1).unwrap_or_else(|| {
        log::warn!(
            "the notes file's revision reached its maximum and starts again at 1: {}",
            path.display()
        );
        1
    })
}

/// Whether note version `a` supersedes `b` (same id).
fn version_newer(a: &Note, b: &Note) -> bool {
    match a.rev.cmp(&b.rev) {
        std::cmp::Ordering::Equal => later(&a.modified, &b.modified),
        order => order.is_gt(),
    }
}

/// Whether tombstone `a` supersedes `b` (same id): it has seen a later version, or (between
/// tombstones of equal knowledge) it was made later.
fn tombstone_newer(a: &Tombstone, b: &Tombstone) -> bool {
    match a.rev.cmp(&b.rev) {
        std::cmp::Ordering::Equal => later(&a.deleted, &b.deleted),
        order => order.is_gt(),
    }
}

/// Whether tombstone `t` removes note version `n`.
pub(crate) fn removes(t: &Tombstone, n: &Note) -> bool {
    match t.rev {
        Some(seen) => n.rev <= seen,
        // A tombstone from before versions existed: it removes what was not changed after it.
        None => !later(&n.modified, &t.deleted),
    }
}

/// Whether RFC 3339 time `a` is strictly later than `b` (comparing instants, so that notes
/// written in different time zones compare correctly).
pub fn later(a: &str, b: &str) -> bool {
    match (a.parse::<jiff::Timestamp>(), b.parse::<jiff::Timestamp>()) {
        (Ok(x), Ok(y)) => x > y,
        _ => a > b,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::notes::note::{Anchor, NoteKind};

    fn note(id: &str, text: &str, modified: &str) -> Note {
        Note {
            id: id.into(),
            kind: NoteKind::Passage,
            anchor: Anchor {
                start: 0,
                end: 2,
                quote: "从严".into(),
                prefix: String::new(),
                suffix: String::new(),
                heading_path: vec![],
                block: 0,
            },
            text: text.into(),
            color: "yellow".into(),
            tags: vec![],
            created: "2024-01-01T00:00:00+08:00".into(),
            modified: modified.into(),
            anchored: true,
            rev: 0,
        }
    }

    fn doc_info(id: &str, hash: &str) -> DocInfo {
        DocInfo {
            id: id.into(),
            path: None,
            title: Some("标题".into()),
            text_hash: hash.into(),
            chars: 10,
        }
    }

    const T1: &str = "2024-01-01T10:00:00+08:00";
    const T2: &str = "2024-01-01T11:00:00+08:00";
    const T3: &str = "2024-01-01T12:00:00+08:00";

    #[test]
    fn round_trip() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::at(dir.path());
        let info = doc_info("d", "h");
        let saved = store.save(&info, &[note("a", "甲", T1)], &[], 0).unwrap();
        assert_eq!(saved.revision, 1);
        assert!(saved.merged.is_none());
        let loaded = store.load(&info, OnCorrupt::Fail).unwrap();
        assert_eq!(loaded.notes, vec![note("a", "甲", T1)]);
        assert_eq!(loaded.revision, 1);
        assert!(!loaded.text_changed);
        assert!(loaded.warnings.is_empty());
        // The file is readable JSON with a schema version.
        let raw: serde_json::Value =
            serde_json::from_slice(&std::fs::read(store.notes_path("d")).unwrap()).unwrap();
        assert_eq!(raw["schema"], SCHEMA_VERSION);
    }

    #[test]
    fn a_file_holds_one_note_per_line_and_reads_back() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::at(dir.path());
        let info = doc_info("d", "h");
        let notes = vec![note("a", "甲", T1), note("b", "乙\n第二行", T2)];
        store.save(&info, &notes, &[], 0).unwrap();
        let text = std::fs::read_to_string(store.notes_path("d")).unwrap();
        let lines: Vec<&str> = text.lines().filter(|l| l.starts_with("{\"id\"")).collect();
        assert_eq!(lines.len(), 2, "{text}");
        for line in lines {
            let n: Note = serde_json::from_str(line.trim_end_matches(',')).unwrap();
            assert!(notes.contains(&n));
        }
        assert_eq!(
            Store::at(dir.path())
                .load(&info, OnCorrupt::Fail)
                .unwrap()
                .notes,
            notes
        );
    }

    #[test]
    fn many_notes_are_read_back_exactly_in_parallel_and_pretty_files_still_load() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::at(dir.path());
        let info = doc_info("d", "h");
        let notes: Vec<Note> = (0..12_000)
            .map(|i| note(&format!("n{i:05}"), &format!("第 {i} 条\n\"引号\""), T1))
            .collect();
        let deleted: Vec<Tombstone> = (0..3)
            .map(|i| Tombstone {
                id: format!("gone{i}"),
                deleted: T2.into(),
                rev: Some(i),
            })
            .collect();
        store.save(&info, &notes, &deleted, 0).unwrap();
        let loaded = Store::at(dir.path()).load(&info, OnCorrupt::Fail).unwrap();
        assert_eq!(loaded.notes, notes);
        assert_eq!(loaded.deleted, deleted);
        assert_eq!(loaded.revision, 1);
        // The same file pretty-printed (as older versions wrote it) reads the same.
        let path = store.notes_path("d");
        let value: serde_json::Value =
            serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
        std::fs::write(&path, serde_json::to_vec_pretty(&value).unwrap()).unwrap();
        let pretty = Store::at(dir.path()).load(&info, OnCorrupt::Fail).unwrap();
        assert_eq!(pretty.notes, notes);
        assert_eq!(pretty.deleted, deleted);
    }

    #[test]
    fn a_file_replaced_by_another_process_is_read_before_saving() {
        let dir = tempfile::tempdir().unwrap();
        let info = doc_info("d", "h");
        let mine = Store::at(dir.path());
        mine.save(&info, &[note("a", "甲", T1)], &[], 0).unwrap();
        let loaded = mine.load(&info, OnCorrupt::Fail).unwrap();
        // Another process (its own store) adds a note.
        let other = Store::at(dir.path());
        let theirs = other.load(&info, OnCorrupt::Fail).unwrap();
        let mut both = theirs.notes.clone();
        both.push(note("b", "乙", T2));
        other.save(&info, &both, &[], theirs.revision).unwrap();
        // This store's save from the old revision sees the change and merges.
        let mut mine_now = loaded.notes.clone();
        mine_now.push(note("c", "丙", T3));
        let saved = mine.save(&info, &mine_now, &[], loaded.revision).unwrap();
        let (merged, _) = saved.merged.expect("merged");
        let ids: Vec<&str> = merged.iter().map(|n| n.id.as_str()).collect();
        assert_eq!(ids.len(), 3, "{ids:?}");
        // The backup is the version before, linked or copied.
        let backup: NotesFile =
            serde_json::from_slice(&std::fs::read(backup_path(&mine.notes_path("d"))).unwrap())
                .unwrap();
        assert_eq!(backup.notes.len(), 2);
    }

    #[test]
    fn a_revision_at_the_end_of_its_range_starts_again() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::at(dir.path());
        let info = doc_info("d", "h");
        store.save(&info, &[note("a", "甲", T1)], &[], 0).unwrap();
        let path = store.notes_path("d");
        let mut raw: serde_json::Value =
            serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
        raw["revision"] = u64::MAX.into();
        std::fs::write(&path, serde_json::to_vec(&raw).unwrap()).unwrap();
        let loaded = store.load(&info, OnCorrupt::Fail).unwrap();
        assert_eq!(loaded.revision, u64::MAX);
        let saved = store
            .save(&info, &[note("a", "乙", T2)], &[], u64::MAX)
            .unwrap();
        assert_eq!(saved.revision, 1);
        assert_eq!(
            store.load(&info, OnCorrupt::Fail).unwrap().notes[0].text,
            "乙"
        );
    }

    #[test]
    fn previous_version_is_kept_as_backup() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::at(dir.path());
        let info = doc_info("d", "h");
        store
            .save(&info, &[note("a", "第一版", T1)], &[], 0)
            .unwrap();
        store
            .save(&info, &[note("a", "第二版", T2)], &[], 1)
            .unwrap();
        let backup: NotesFile =
            serde_json::from_slice(&std::fs::read(backup_path(&store.notes_path("d"))).unwrap())
                .unwrap();
        assert_eq!(backup.notes[0].text, "第一版");
    }

    #[test]
    fn corrupt_file_is_set_aside_and_backup_restored() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::at(dir.path());
        let info = doc_info("d", "h");
        store.save(&info, &[note("a", "甲", T1)], &[], 0).unwrap();
        store
            .save(&info, &[note("a", "甲", T1), note("b", "乙", T2)], &[], 1)
            .unwrap();
        let path = store.notes_path("d");
        std::fs::write(&path, b"{ this is not json").unwrap();

        // Strict loading (CLI) fails and changes nothing.
        let err = store.load(&info, OnCorrupt::Fail).unwrap_err();
        assert!(matches!(err, StoreError::Corrupt { .. }));
        assert_eq!(std::fs::read(&path).unwrap(), b"{ this is not json");

        // The window sets it aside, keeps it byte for byte, and restores the backup.
        let loaded = store.load(&info, OnCorrupt::SetAside).unwrap();
        assert_eq!(loaded.notes.len(), 1, "backup holds the previous version");
        assert_eq!(loaded.warnings.len(), 2);
        assert!(!path.exists());
        let aside: Vec<PathBuf> = std::fs::read_dir(dir.path().join("notes"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.to_string_lossy().contains(".corrupt-"))
            .collect();
        assert_eq!(aside.len(), 1);
        assert_eq!(std::fs::read(&aside[0]).unwrap(), b"{ this is not json");
    }

    #[test]
    fn file_damaged_while_running_is_not_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::at(dir.path());
        let info = doc_info("d", "h");
        store.save(&info, &[note("a", "甲", T1)], &[], 0).unwrap();
        std::fs::write(store.notes_path("d"), b"garbage").unwrap();
        store.save(&info, &[note("a", "甲", T1)], &[], 1).unwrap();
        let kept = std::fs::read_dir(dir.path().join("notes"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .any(|p| {
                p.to_string_lossy().contains(".corrupt-")
                    && std::fs::read(&p).unwrap() == b"garbage"
            });
        assert!(kept);
    }

    #[test]
    fn old_schema_version_loads() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::at(dir.path());
        let info = doc_info("d", "h");
        std::fs::create_dir_all(dir.path().join("notes")).unwrap();
        // Version 0: no app, revision, tombstones, colours, tags or anchored flag.
        let v0 = r#"{"schema":0,"document":{"id":"d"},"notes":[{"id":"x","kind":"paragraph",
            "anchor":{"start":0,"end":2,"quote":"从严"},"text":"旧笔记",
            "created":"2023-05-01T08:00:00+08:00","modified":"2023-05-01T08:00:00+08:00"}]}"#;
        std::fs::write(store.notes_path("d"), v0).unwrap();
        let loaded = store.load(&info, OnCorrupt::Fail).unwrap();
        assert_eq!(loaded.notes.len(), 1);
        assert_eq!(loaded.notes[0].color, "yellow");
        assert!(!loaded.read_only);
    }

    #[test]
    fn newer_schema_is_read_only() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::at(dir.path());
        let info = doc_info("d", "h");
        std::fs::create_dir_all(dir.path().join("notes")).unwrap();
        let v9 = r#"{"schema":9,"document":{"id":"d"},"notes":[],"future_field":1}"#;
        std::fs::write(store.notes_path("d"), v9).unwrap();
        let loaded = store.load(&info, OnCorrupt::SetAside).unwrap();
        assert!(loaded.read_only);
        let err = store.save(&info, &[], &[], 0).unwrap_err();
        assert!(matches!(err, StoreError::NewerSchema { version: 9, .. }));
        assert_eq!(std::fs::read_to_string(store.notes_path("d")).unwrap(), v9);
    }

    #[test]
    fn moved_document_is_found_by_text_hash() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::at(dir.path());
        store
            .save(
                &doc_info("old-path", "same-text"),
                &[note("a", "甲", T1)],
                &[],
                0,
            )
            .unwrap();
        let loaded = store
            .load(&doc_info("new-path", "same-text"), OnCorrupt::Fail)
            .unwrap();
        assert!(matches!(loaded.found_by, FoundBy::TextHash(_)));
        assert_eq!(loaded.notes.len(), 1);
        let other = store
            .load(&doc_info("x", "other-text"), OnCorrupt::Fail)
            .unwrap();
        assert_eq!(other.found_by, FoundBy::New);
    }

    #[test]
    fn changed_text_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::at(dir.path());
        store
            .save(&doc_info("d", "v1"), &[note("a", "甲", T1)], &[], 0)
            .unwrap();
        assert!(
            store
                .load(&doc_info("d", "v2"), OnCorrupt::Fail)
                .unwrap()
                .text_changed
        );
    }

    #[test]
    fn two_writers_merge_instead_of_losing_notes() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::at(dir.path());
        let info = doc_info("d", "h");
        store.save(&info, &[note("a", "甲", T1)], &[], 0).unwrap();
        // Both windows loaded revision 1.
        let w1 = store
            .save(
                &info,
                &[note("a", "甲", T1), note("b", "窗口一", T2)],
                &[],
                1,
            )
            .unwrap();
        assert!(w1.merged.is_none());
        let w2 = store
            .save(
                &info,
                &[note("a", "甲改", T3), note("c", "窗口二", T2)],
                &[],
                1,
            )
            .unwrap();
        let (merged, _) = w2.merged.unwrap();
        let texts: Vec<&str> = merged.iter().map(|n| n.text.as_str()).collect();
        assert_eq!(texts, vec!["甲改", "窗口二", "窗口一"]);
        let on_disk = store.load(&info, OnCorrupt::Fail).unwrap();
        assert_eq!(on_disk.notes.len(), 3);
        assert_eq!(on_disk.revision, 3);
    }

    #[test]
    fn deletion_in_one_window_is_not_undone_by_the_other() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::at(dir.path());
        let info = doc_info("d", "h");
        store
            .save(&info, &[note("a", "甲", T1), note("b", "乙", T1)], &[], 0)
            .unwrap();
        let tomb = Tombstone {
            id: "b".into(),
            deleted: T2.into(),
            rev: None,
        };
        store
            .save(
                &info,
                &[note("a", "甲", T1)],
                std::slice::from_ref(&tomb),
                1,
            )
            .unwrap();
        // The other window still has b, unchanged, and adds c.
        let saved = store
            .save(
                &info,
                &[
                    note("a", "甲", T1),
                    note("b", "乙", T1),
                    note("c", "丙", T3),
                ],
                &[],
                1,
            )
            .unwrap();
        let (merged, deleted) = saved.merged.unwrap();
        let ids: Vec<&str> = merged.iter().map(|n| n.id.as_str()).collect();
        assert_eq!(ids, vec!["a", "c"]);
        assert_eq!(deleted, vec![tomb]);
    }

    #[test]
    fn edit_after_deletion_survives() {
        let tomb = Tombstone {
            id: "b".into(),
            deleted: T2.into(),
            rev: None,
        };
        let (notes, deleted) = merge(&[note("b", "改过", T3)], &[], &[], &[tomb]);
        assert_eq!(notes.len(), 1);
        assert!(deleted.is_empty());
    }

    #[test]
    fn a_tombstone_removes_every_version_it_has_seen_even_from_the_future() {
        // Clock skew or an imported note: its modified time lies years ahead.
        let future = note("b", "乙", "2099-01-01T00:00:00+08:00");
        let tomb = Tombstone {
            id: "b".into(),
            deleted: T2.into(),
            rev: Some(0),
        };
        let (notes, deleted) = merge(
            &[],
            std::slice::from_ref(&tomb),
            std::slice::from_ref(&future),
            &[],
        );
        assert!(notes.is_empty());
        assert_eq!(deleted, vec![tomb.clone()]);
        // The same the other way round (the stale copy is ours).
        let (notes, _) = merge(&[future], &[], &[], &[tomb]);
        assert!(notes.is_empty());
    }

    #[test]
    fn a_restored_note_outlives_its_tombstone_within_the_same_second() {
        let mut restored = note("b", "乙", T1);
        restored.rev = 2;
        let tomb = Tombstone {
            id: "b".into(),
            deleted: T1.into(),
            rev: Some(1),
        };
        let (notes, deleted) = merge(&[restored.clone()], &[], &[], &[tomb]);
        assert_eq!(notes, vec![restored]);
        assert!(deleted.is_empty());
    }

    #[test]
    fn the_higher_version_wins_whatever_the_clock_says() {
        let mut older_text_newer_version = note("a", "撤销后的旧文", T1);
        older_text_newer_version.rev = 3;
        let mut newer_time = note("a", "改过", T3);
        newer_time.rev = 2;
        let (notes, _) = merge(&[newer_time], &[], &[older_text_newer_version], &[]);
        assert_eq!(notes[0].text, "撤销后的旧文");
    }

    #[test]
    fn times_compare_as_instants() {
        assert!(later(
            "2024-01-01T10:00:00+00:00",
            "2024-01-01T12:00:00+08:00"
        ));
    }

    #[test]
    fn unwritable_data_dir_is_a_clear_error() {
        let store = Store::at("/proc/jingdu-cannot-write-here");
        let err = store.save(&doc_info("d", "h"), &[], &[], 0).unwrap_err();
        assert!(matches!(err, StoreError::Write { .. }));
        assert!(err.to_string().starts_with("无法保存笔记"));
    }
}
